"""The catalogue: registry, lookup by id and region, digest coverage and encoded figures.

STYLE.md: "A static catalogue, tested against the modules"; the rule index
``docs/rules.md``, written by hand from the texts, is the map of every computable rule
(N1-F10), and each must be encoded or stated as a limitation by exactly one policy. The
figure tests compare the rule values with the documents shipped in
``src/trainingrules/policy/sources/`` (read with ``source_text``), each naming its
clause; ``tests/test_sources.py`` checks every quote against them. Nothing here reads
outside the repository.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.cycles import AgeMethod, Period
from trainingrules.errors import UnknownPolicyError
from trainingrules.policy import (
    AttendanceRule,
    BudgetShare,
    ByTitle,
    Consequence,
    CountRule,
    CourseGrading,
    CreditStateRule,
    DecisionKind,
    Duration,
    ExamRule,
    ExcludeRule,
    FeeSchedule,
    HoursRequirement,
    Payer,
    PeriodScheme,
    RemedialRule,
    WrittenWorkRule,
)
from trainingrules.policy._texts import source_names, source_text
from trainingrules.records import CreditState, Title
from trainingrules.scoring import Rounding

SIX = (
    "cn-2011",
    "fj-putian-hanjiang-2009",
    "jx-2014",
    "jx-2019",
    "nm-hohhot-2006",
    "sn-weinan-2019",
)

_R = TypeVar("_R")


def rule_of(p: policy.Policy, rule_id: str, kind: type[_R]) -> _R:
    """The rule ``rule_id`` of ``p``, checked to be a ``kind``."""
    rule = p.rule(rule_id)
    assert isinstance(rule, kind), rule
    return rule


def amount(figures: ByTitle, title: Title) -> Decimal:
    """The amount ``figures`` state for ``title``, checked to be stated."""
    stated = figures.of(title)
    assert stated is not None, (figures, title)
    return stated


# The rule index, in the repository: tests/this.py -> parents[1] = repo root.
RULE_INDEX = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


# --- registry ---------------------------------------------------------------------------


def test_ids_are_exactly_the_six():
    assert policy.ids() == SIX  # sorted, as ids() promises


def test_catalogue_matches_the_policy_modules():
    # Every non-private module of trainingrules.policy that defines POLICY is in the
    # catalogue, under its own id and as the very same object; nothing else is.
    found = {}
    for info in pkgutil.iter_modules(policy.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"trainingrules.policy.{info.name}")
        if hasattr(module, "POLICY"):
            found[module.POLICY.id] = (info.name, module.POLICY)
    assert set(found) == set(policy.CATALOGUE), "register new policy modules in _catalogue.py"
    for policy_id, (module_name, value) in found.items():
        assert policy.CATALOGUE[policy_id] is value, module_name
        # module cn_2011 <-> id cn-2011
        assert module_name.replace("_", "-") == policy_id


def test_catalogue_is_read_only():
    with pytest.raises(TypeError):
        policy.CATALOGUE["xx-2024"] = policy.get("cn-2011")  # type: ignore[index]


@pytest.mark.parametrize("policy_id", SIX)
def test_get_returns_the_catalogue_policy(policy_id):
    p = policy.get(policy_id)
    assert p is policy.CATALOGUE[policy_id]
    assert p.id == policy_id
    assert p.parent is None


@pytest.mark.parametrize("unknown", ["jx-2015", "", "CN", "JX-2014", "jx-2014 "])
def test_get_unknown_id(unknown):
    with pytest.raises(UnknownPolicyError) as caught:
        policy.get(unknown)
    assert isinstance(caught.value, LookupError)
    assert caught.value.code == "policy.unknown"
    for existing in SIX:
        assert existing in caught.value.message


@pytest.mark.parametrize("not_an_id", [None, 2014, b"jx-2014", ["jx-2014"]])
def test_get_non_string_id(not_an_id):
    # DESIGN.md principle 6: "an unknown policy id ... raises a TrainingRulesError
    # subclass"; find() already rejects a non-str region the same way
    with pytest.raises(UnknownPolicyError):
        policy.get(not_an_id)


def test_unknown_id_is_caught_as_lookup_error():
    with pytest.raises(LookupError):
        policy.get("xx-1999")


def test_get_variant():
    # H2 (二): the alternative reading counts the plan's training years as school years
    # 2006-07 and 2007-08; 2008-09 would end after "2008年底前", the plan's end, and is
    # not measured (before: 2006-07, 2007-08 and 2008-09).
    variant = policy.get("nm-hohhot-2006~H2.years")
    assert variant.id == "nm-hohhot-2006~H2.years"
    assert variant.parent == "nm-hohhot-2006"
    assert variant == policy.get("nm-hohhot-2006").alternative("H2.years")
    years = rule_of(variant, "H2.years", PeriodScheme)
    assert years.periods(date(2010, 1, 1)) == (
        Period(date(2006, 9, 1), date(2007, 9, 1)),
        Period(date(2007, 9, 1), date(2008, 9, 1)),
    )


def test_get_variant_of_a_variant():
    p = policy.get("nm-hohhot-2006~H2.years~H6.pass")
    assert p.parent == "nm-hohhot-2006~H2.years"
    assert rule_of(p, "H2.years", PeriodScheme).start == date(2006, 9, 1)
    course = rule_of(p, "H4+H5+H6.course", CourseGrading)
    assert course.rounding == Rounding(Decimal(1), "ROUND_HALF_UP")
    # taking the same alternative twice is the original reading again
    assert policy.get("jx-2014~J2.age~J2.age").rules == policy.get("jx-2014").rules


@pytest.mark.parametrize(
    "variant",
    [
        "jx-2014~J3.ratio",  # interpretation without an encodable alternative
        "jx-2014~H2.years",  # an interpretation of another policy
        "jx-2014~",
        "xx-2014~J2.age",  # unknown base
    ],
)
def test_get_unknown_variant(variant):
    with pytest.raises(UnknownPolicyError) as caught:
        policy.get(variant)
    assert isinstance(caught.value, LookupError)


def test_get_variant_without_alternative_explains_why():
    with pytest.raises(UnknownPolicyError, match=r"J3\.ratio"):
        policy.get("jx-2014~J3.ratio")


# --- find: most specific region, then latest in force ------------------------------------


@pytest.mark.parametrize(
    ("region", "on", "expected"),
    [
        # Nanchang (360100) is under Jiangxi (36): 赣教师字〔2014〕36号 is in force from
        # its date 2014-11-24; jx-2019 only from 2019-04-01.
        ("360100", date(2014, 12, 1), "jx-2014"),
        ("360100", date(2014, 11, 24), "jx-2014"),
        # before 2014-11-24 nothing Jiangxi is in force: the national 教师〔2011〕1号
        ("360100", date(2014, 11, 23), "cn-2011"),
        ("360100", date(2013, 1, 1), "cn-2011"),
        # both Jiangxi policies in force in 2020: the latest effective_from (2019-04-01)
        ("360100", date(2020, 1, 1), "jx-2019"),
        ("360000", date(2019, 4, 1), "jx-2019"),
        ("360000", date(2019, 3, 31), "jx-2014"),
        # Hohhot plan: 2006-01-01 .. 2008-12-31
        ("150100", date(2007, 6, 1), "nm-hohhot-2006"),
        ("150102", date(2008, 12, 31), "nm-hohhot-2006"),  # a district of Hohhot
        ("150100", date(2011, 1, 1), "cn-2011"),  # after the plan: national
        # 涵政教〔2009〕70号: calendar year 2009, district 350303
        ("350303", date(2009, 6, 1), "fj-putian-hanjiang-2009"),
        ("350303", date(2009, 12, 31), "fj-putian-hanjiang-2009"),
        ("350303", date(2011, 6, 1), "cn-2011"),
        # a district's policy does not answer for its city (350300) or province
        ("350300", date(2011, 6, 1), "cn-2011"),
        # 渭教师〔2019〕6号, issued 2019-03-20, for Weinan (610500) and its districts
        ("610500", date(2019, 6, 1), "sn-weinan-2019"),
        ("610502", date(2019, 3, 20), "sn-weinan-2019"),
        ("610500", date(2019, 3, 19), "cn-2011"),
        ("610100", date(2019, 6, 1), "cn-2011"),  # Xi'an is not Weinan
        # national code
        ("CN", date(2020, 1, 1), "cn-2011"),
        ("440100", date(2011, 1, 1), "cn-2011"),
    ],
)
def test_find(region, on, expected):
    assert policy.find(region, on).id == expected


def test_find_nothing_in_force_names_what_exists():
    # Baotou (150200) in 2007: Hohhot's plan covers 150100 only, and the national
    # baseline starts in 2011, so nothing is in force.
    with pytest.raises(UnknownPolicyError) as caught:
        policy.find("150200", date(2007, 6, 1))
    assert isinstance(caught.value, LookupError)
    assert caught.value.code == "policy.not_in_force"
    assert "cn-2011" in caught.value.message
    assert "2011-01-01" in caught.value.message
    assert "nm-hohhot-2006" not in caught.value.message  # it does not cover Baotou


def test_find_in_hohhot_before_any_policy_names_both():
    with pytest.raises(UnknownPolicyError) as caught:
        policy.find("150100", date(2005, 12, 31))
    assert "nm-hohhot-2006" in caught.value.message
    assert "cn-2011" in caught.value.message


@pytest.mark.parametrize("region", ["36", "3601000", "36010a", "cn", "", " 360100", 360100, None])
def test_find_malformed_region(region):
    with pytest.raises(UnknownPolicyError) as caught:
        policy.find(region, date(2020, 1, 1))
    assert caught.value.code == "policy.bad_region"
    assert caught.value.path == "region"


# --- the digest: every rule id in exactly one policy ---------------------------------------

DIGEST_IDS = {
    *(f"N{i}" for i in range(1, 3)),
    *(f"J{i}" for i in range(1, 6)),
    *(f"X{i}" for i in range(1, 3)),
    *(f"W{i}" for i in range(1, 5)),
    *(f"H{i}" for i in range(1, 8)),
    *(f"F{i}" for i in range(1, 11)),
}
# A row of the table in docs/rules.md: | id | document | clause | summary |
_INDEX_ROW = re.compile(r"^\| ([A-Z]\d+) \| ([^|]+?) \| ([^|]+?) \| ([^|]+?) \|$", re.MULTILINE)


def index_rows():
    """Rows of the rule index: ``(id, document, clause, summary)``, in the file's order."""
    return _INDEX_ROW.findall(RULE_INDEX.read_text(encoding="utf-8"))


def digest_ids():
    """Rule ids of the rule index ``docs/rules.md``, in the file's order."""
    return [row[0] for row in index_rows()]


def _rule_digest_ids(rule_id):
    """``"H4+H5+H6.course"`` -> {H4, H5, H6}."""
    return set(rule_id.split(".", 1)[0].split("+"))


def test_digest_lists_the_thirty_rules():
    # N1-N2, J1-J5, X1-X2, W1-W4, H1-H7, F1-F10: 2 + 5 + 2 + 4 + 7 + 10 = 30
    found = digest_ids()
    assert len(found) == len(set(found)) == 30
    assert set(found) == DIGEST_IDS


def test_rule_index_rows_are_complete():
    # every row names a document and a clause and says what the rule is; the
    # summaries are the project's own words, with the Chinese key term
    for rule_id, document, clause, summary in index_rows():
        assert document.strip(), rule_id
        assert clause.strip(), rule_id
        assert len(summary) > 40, rule_id
        assert re.search(r"[\u4e00-\u9fff]", summary), f"{rule_id}: no Chinese key term"


def test_rule_id_prefixes():
    assert _rule_digest_ids("H4+H5+H6.course") == {"H4", "H5", "H6"}
    assert _rule_digest_ids("J2+J4.remedial") == {"J2", "J4"}
    assert _rule_digest_ids("F2.new_curriculum") == {"F2"}


def test_every_digest_rule_is_accounted_for_in_exactly_one_policy():
    # digest id -> [(policy id, "rule" | "limitation")]
    claims: dict[str, list[tuple[str, str]]] = {}
    for policy_id in policy.ids():
        p = policy.get(policy_id)
        encoded = set().union(*(_rule_digest_ids(rule.id) for rule in p.rules))
        limited = {i for limitation in p.limitations for i in limitation.ids}
        both = encoded & limited
        assert not both, f"{policy_id} both encodes and limits {sorted(both)}"
        for digest_id in encoded:
            claims.setdefault(digest_id, []).append((policy_id, "rule"))
        for digest_id in limited:
            claims.setdefault(digest_id, []).append((policy_id, "limitation"))
    unknown = set(claims) - set(digest_ids())
    assert not unknown, f"rule ids not in docs/rules.md: {sorted(unknown)}"
    missing = set(digest_ids()) - set(claims)
    assert not missing, f"digest rules no policy encodes or limits: {sorted(missing)}"
    twice = {k: v for k, v in claims.items() if len(v) != 1}
    assert not twice, f"claimed more than once: {twice}"
    # the policy that accounts for a rule holds the document the index names for it
    for rule_id, document, _clause, _summary in index_rows():
        (policy_id, _how), *_ = claims[rule_id]
        numbers = {doc.number for doc in policy.get(policy_id).documents}
        assert document in numbers, f"{rule_id}: {document} is not a document of {policy_id}"


def _policies_and_variants():
    for policy_id in policy.ids():
        base = policy.get(policy_id)
        yield base
        for note in base.interpretations:
            if note.alternative_rules:
                yield base.alternative(note.id)


@pytest.mark.parametrize("p", list(_policies_and_variants()), ids=lambda p: p.id)
def test_every_rule_cites_a_document_of_its_policy(p):
    numbers = {doc.number for doc in p.documents}
    rules = [*p.rules, *(r for note in p.interpretations for r in note.alternative_rules)]
    for rule in rules:
        assert rule.citation.document in numbers, rule.id
        assert rule.citation.clause.strip(), rule.id


@pytest.mark.parametrize("policy_id", SIX)
def test_documents_name_their_source_text(policy_id):
    # each document's text ships in the package (trainingrules/policy/sources/)
    for doc in policy.get(policy_id).documents:
        assert doc.source in source_names(), doc.source
        assert source_text(doc.source).strip(), doc.source


# --- the figures of the documents -----------------------------------------------------------


@pytest.mark.parametrize(
    ("policy_id", "requirement", "scheme"),
    [
        ("cn-2011", "N1.hours", "N1.cycle"),  # 教师〔2011〕1号 (quoted in 赣教师字〔2014〕36号 一)
        ("jx-2014", "J1.hours", "J1.cycle"),  # 赣教师字〔2014〕36号 一 (J1)
        ("jx-2019", "X2.hours", "X2.cycle"),  # national requirement applies (X2 interpretation)
        ("sn-weinan-2019", "W1.hours", "W1.cycle"),  # 渭教师〔2019〕6号 五.(一) (W1)
    ],
)
def test_360_hours_per_five_year_cycle(policy_id, requirement, scheme):
    # 五年一周期的每人不少于360学时 - 360 hours for every title, every counted hour,
    # cycles of 5 years from 2011-01-01 (first cycle 2011-2015, then 2016-2020)
    p = policy.get(policy_id)
    rule = p.rule(requirement)
    assert isinstance(rule, HoursRequirement)
    assert rule.minimum == ByTitle.same(Decimal(360))
    assert rule.buckets == frozenset()
    assert rule.scheme == scheme
    cycle = rule_of(p, scheme, PeriodScheme)
    assert (cycle.start, cycle.years, cycle.count) == (date(2011, 1, 1), 5, None)
    assert cycle.periods(date(2016, 1, 1)) == (
        Period(date(2011, 1, 1), date(2016, 1, 1)),
        Period(date(2016, 1, 1), date(2021, 1, 1)),
    )
    assert "360学时" in rule.citation.quote


def test_h1_240_hours_in_the_window_2004_2008():
    # 呼和浩特 规划 二 (H1): "在2004-2008年五年间，每一名教师要接受不少于240学时的在职非学历培训"
    p = policy.get("nm-hohhot-2006")
    rule = rule_of(p, "H1.hours", HoursRequirement)
    assert rule.minimum == ByTitle.same(Decimal(240))
    assert rule.buckets == frozenset()  # every in-service non-degree hour
    window = rule_of(p, rule.scheme, PeriodScheme)
    # one period 2004-01-01 (incl.) .. 2009-01-01 (excl.): the five years 2004-2008
    assert window.periods(date(2030, 1, 1)) == (Period(date(2004, 1, 1), date(2009, 1, 1)),)
    assert window.index_of(date(2003, 12, 31)) is None
    assert window.index_of(date(2008, 12, 31)) == 0
    assert window.index_of(date(2009, 1, 1)) is None


def test_h2_48_remote_hours_each_year_2006_2008():
    # 呼和浩特 规划 二 (H2): "2006—2008三年间，每年远程培训学时应不少于48学时"
    p = policy.get("nm-hohhot-2006")
    rule = rule_of(p, "H2.remote_hours", HoursRequirement)
    assert rule.minimum == ByTitle.same(Decimal(48))
    assert rule.buckets == frozenset({"remote"})
    remote = rule_of(p, "H2.remote", CountRule)
    assert remote.selector.categories == frozenset({"remote"})
    assert remote.ratio == Decimal(1)
    # three calendar years, 3 x 48 = 144 remote hours in all
    assert rule_of(p, rule.scheme, PeriodScheme).periods(date(2030, 1, 1)) == (
        Period(date(2006, 1, 1), date(2007, 1, 1)),
        Period(date(2007, 1, 1), date(2008, 1, 1)),
        Period(date(2008, 1, 1), date(2009, 1, 1)),
    )


def test_h1_degree_study_is_ruled_out():
    # 呼和浩特 规划 二 (H1): the 240 hours are of "在职非学历培训": degree study never counts
    rule = policy.get("nm-hohhot-2006").rule("H1.non_degree")
    assert isinstance(rule, ExcludeRule)
    assert rule.selector.categories == frozenset({"degree_study"})
    assert "在职非学历培训" in rule.citation.quote
    assert rule.citation.clause == "二"


def test_h2_training_in_lieu_of_remote_counts_as_remote():
    # 呼和浩特 规划 一: "对暂不具备远程培训条件的，可以采取传统培训、光盘教学等方式"
    # (interpretation H2.in_lieu): such training counts as remote training, 1 h = 1 h;
    # the variant counts it toward the 240 hours only.
    p = policy.get("nm-hohhot-2006")
    rule = p.rule("H2.in_lieu")
    assert isinstance(rule, CountRule)
    assert rule.selector.categories == frozenset({"remote_in_lieu"})
    assert (rule.bucket, rule.ratio) == ("remote", Decimal(1))
    assert rule.citation.clause == "一"
    in_lieu = rule_of(policy.get("nm-hohhot-2006~H2.in_lieu"), "H2.in_lieu", CountRule)
    assert in_lieu.bucket == "in_service"


def test_h6_weights_60_40_and_pass_mark_60():
    # 呼和浩特 规划 三.5 (H6): "分别按60%与40%比例折合后作为本课程总成绩，总成绩及格以上者"
    grading = policy.get("nm-hohhot-2006").rule("H4+H5+H6.course")
    assert isinstance(grading, CourseGrading)
    assert grading.weights == (Decimal("0.6"), Decimal("0.4"))
    assert grading.pass_mark == Decimal(60)  # 及格 = 60 of 100 (interpretation H6.pass)
    assert grading.rounding is None  # the text states no rounding


@pytest.mark.parametrize(
    ("policy_id", "rule_id", "clause"),
    [
        ("sn-weinan-2019", "W2.budget", "五.(二)"),  # 渭教师〔2019〕6号: "预算总额5%"
        ("nm-hohhot-2006", "H7.budget", "五.4"),  # 规划 五.4 quoting 财教〔2006〕5号 第三条
    ],
)
def test_five_percent_training_budget(policy_id, rule_id, clause):
    p = policy.get(policy_id)
    share = p.rule(rule_id)
    assert isinstance(share, BudgetShare)
    assert share.share == Decimal("0.05")
    assert share.citation.clause == clause
    assert "5%" in share.citation.quote
    # 5 % of a 1,000,000 yuan public-funds budget: 1,000,000 x 0.05 = 50,000 yuan
    assert tr.school_training_budget(p, Decimal(1000000)) == Decimal(50000)
    # W2 "严格按照要求，落实…5%": binding. H7 "学校投入可参照…5%": read as binding
    # (interpretation H7.reference), the variant makes it a reference figure.
    assert share.binding is True


def test_h7_reference_figure_variant():
    # 呼和浩特 规划 五.4 (H7): "学校投入可参照…预算总额的5%安排" — 可参照, 'may refer to'
    share = rule_of(policy.get("nm-hohhot-2006~H7.reference"), "H7.budget", BudgetShare)
    assert (share.share, share.binding) == (Decimal("0.05"), False)
    assert "可参照" in share.citation.quote


def test_f2_hours_by_title():
    # 涵政教〔2009〕70号 二 (F2): "班主任课程培训30学时（必修）、新课程改革培训（含学科）42学时
    # （选修）；网络培训中高级48学时和初级36学时、地方课程培训24学时"
    p = policy.get("fj-putian-hanjiang-2009")
    required = rule_of(p, "F2.required", HoursRequirement)
    network = rule_of(p, "F2.network", HoursRequirement)
    local = rule_of(p, "F2.local", HoursRequirement)
    total = rule_of(p, "F2.total", HoursRequirement)
    assert required.minimum == ByTitle.same(Decimal(30))
    assert required.buckets == frozenset({"class_teacher"})
    assert network.minimum == ByTitle(
        senior=Decimal(48), intermediate=Decimal(48), junior=Decimal(36), none=Decimal(36)
    )
    assert network.buckets == frozenset({"class_teacher", "new_curriculum"})
    assert local.minimum == ByTitle.same(Decimal(24))
    assert local.buckets == frozenset({"local_course"})
    # 附件一 四.1: first the 30 required hours, then electives.
    # senior/intermediate: network 48 = 30 required + 18 elective; 18 + 24 local = 42
    #   elective; total 30 + 42 = 72.
    # junior: network 36 = 30 + 6 elective; 6 + 24 = 30 elective; total 30 + 30 = 60.
    for title, elective, expected_total in (
        (Title.SENIOR, 42, 72),
        (Title.INTERMEDIATE, 42, 72),
        (Title.JUNIOR, 30, 60),
    ):
        network_elective = amount(network.minimum, title) - amount(required.minimum, title)
        assert network_elective + amount(local.minimum, title) == elective
        assert total.minimum.of(title) == Decimal(expected_total)
    assert total.buckets == frozenset()
    # 一: every in-service teacher trains; 二 states figures for titled teachers only.
    # Interpretation F2.no_title: a teacher without a title takes the junior figures
    # (the lowest plan stated); the variant, the senior/intermediate ones.
    assert network.minimum.none == network.minimum.junior == Decimal(36)
    assert total.minimum.none == total.minimum.junior == Decimal(60)
    variant = policy.get("fj-putian-hanjiang-2009~F2.no_title")
    assert rule_of(variant, "F2.network", HoursRequirement).minimum.none == Decimal(48)
    assert rule_of(variant, "F2.total", HoursRequirement).minimum.none == Decimal(72)
    for rule_id in ("F2.class_teacher", "F2.new_curriculum", "F2.local_course"):
        count = rule_of(p, rule_id, CountRule)
        assert count.bucket == rule_id.removeprefix("F2.")
        assert count.selector.categories == frozenset({count.bucket})


def test_f2_totals_variant_junior_also_72():
    # alternative reading of F2: the 42 elective hours for every title, 30 + 42 = 72
    total = rule_of(policy.get("fj-putian-hanjiang-2009~F2.totals"), "F2.total", HoursRequirement)
    assert total.minimum.junior == Decimal(72)
    assert total.minimum.senior == Decimal(72)
    assert total.minimum.none == Decimal(72)  # no title: the junior figure (F2.no_title)


def test_f3_fees_180_and_120():
    # 涵政教〔2009〕70号 四 (F3): "中高级职务教师每年培训费为180元，初级职务教师每年培训费120元"
    fee = policy.get("fj-putian-hanjiang-2009").rule("F3.fee")
    assert isinstance(fee, FeeSchedule)
    assert fee.per_year == ByTitle(
        senior=Decimal(180), intermediate=Decimal(180), junior=Decimal(120), none=None
    )


def test_f5_written_work():
    # 涵政教〔2009〕70号 附件一 五.2 (F5): notes >= 5000 字, 2 posts, reflection >= 1000 字,
    # "学习笔记和学习心得不得用打印稿" = handwritten
    rule = rule_of(policy.get("fj-putian-hanjiang-2009"), "F5.written", WrittenWorkRule)
    assert (
        rule.min_notes_chars,
        rule.min_forum_posts,
        rule.min_reflection_chars,
        rule.handwritten,
    ) == (5000, 2, 1000, True)
    assert rule.scheme == "F4.year"


def test_f4_year_is_2009_and_f6_f7_f9_f10():
    p = policy.get("fj-putian-hanjiang-2009")
    # 六; 附件一 五.1 (F4): one year, calendar 2009 (interpretation F4.year)
    assert rule_of(p, "F4.year", PeriodScheme).periods(date(2030, 1, 1)) == (
        Period(date(2009, 1, 1), date(2010, 1, 1)),
    )
    # 附件一 五.3 (F6): class-teacher exam, pass mark 60 (interpretation F6.pass)
    assert rule_of(p, "F6.exam", ExamRule).pass_mark == Decimal(60)
    # 附件一 五.4 (F7): unexcused absence fails the year
    assert rule_of(p, "F7.absence", AttendanceRule).scheme == "F4.year"
    # 附件一 五.6 (F9): "费用自理" - remedial at the teacher's own cost
    remedial = rule_of(p, "F9.remedial", RemedialRule)
    assert (remedial.payer, remedial.trigger, remedial.refund_paid) == (
        Payer.TEACHER,
        "F4.year",
        False,
    )
    # 六 (F10): "在下一年度不予评聘、晋升教师职务"
    consequence = rule_of(p, "F10.no_promotion", Consequence)
    assert consequence.lasts is Duration.FOLLOWING_YEAR
    assert consequence.denies == frozenset({DecisionKind.TITLE_APPOINTMENT, DecisionKind.PROMOTION})
    assert rule_of(p, "F10.cycle", PeriodScheme).years == 5


def test_j2_age_limits_55_and_53_in_2014():
    # 赣教师字〔2014〕36号 三.1 (J2): "当年男满55周岁、女满53周岁以下"; reference year 2014,
    # age reached in the year (2014 - birth year). 以下 includes the number (民法典
    # art. 1259, interpretation J2.bound): a man born 1959 reaches 55 (in), one born
    # 1958 reaches 56 (out); a woman born 1961 reaches 53 (in), 1960: 54 (out).
    remedial = rule_of(policy.get("jx-2014"), "J2+J4.remedial", RemedialRule)
    limit = remedial.age_limit
    assert limit is not None
    assert (limit.male, limit.female) == (55, 53)
    assert limit.method is AgeMethod.IN_YEAR
    assert limit.reference.year == 2014
    assert limit.inclusive is True
    assert limit.admits(tr.Sex.MALE, 2014 - 1959)  # 55: in scope
    assert not limit.admits(tr.Sex.MALE, 2014 - 1958)  # 56: out of scope
    assert limit.admits(tr.Sex.FEMALE, 2014 - 1961)  # 53: in scope
    assert not limit.admits(tr.Sex.FEMALE, 2014 - 1960)  # 54: out of scope
    # The strict variant (不满55周岁): 55 and 53 are out.
    strict = rule_of(policy.get("jx-2014~J2.bound"), "J2+J4.remedial", RemedialRule).age_limit
    assert strict is not None
    assert strict.inclusive is False
    assert not strict.admits(tr.Sex.MALE, 55)
    assert not strict.admits(tr.Sex.FEMALE, 53)
    assert strict.admits(tr.Sex.MALE, 54)


def test_j2_age_variant_completed_years_on_the_list_date():
    limit = rule_of(policy.get("jx-2014~J2.age"), "J2+J4.remedial", RemedialRule).age_limit
    assert limit is not None
    assert (limit.male, limit.female) == (55, 53)
    assert (limit.method, limit.reference) == (AgeMethod.ON_DATE, date(2014, 12, 15))
    assert limit.inclusive is True  # the variant changes the method only, not 以下


def test_j2_school_years_2012_13_and_2013_14():
    # 赣教师字〔2014〕36号 三.1 / 三.2 (J2): "对2012~2013学年、2013~2014学年培训不合格教师"
    scheme = policy.get("jx-2014").rule("J2.school_years")
    assert isinstance(scheme, PeriodScheme)
    assert scheme.periods(date(2030, 1, 1)) == (
        Period(date(2012, 9, 1), date(2013, 9, 1)),
        Period(date(2013, 9, 1), date(2014, 9, 1)),
    )
    assert [period.label for period in scheme.periods(date(2030, 1, 1))] == [
        "2012–2013",
        "2013–2014",
    ]


def test_j4_remedial_in_2014_15_free_with_refund():
    # 赣教师字〔2014〕36号 三.2 (J4): "统一安排在2014~2015学年度补训，免收补训费用。
    # 已经收取和上缴教师补训费用的，要全额退还教师"
    remedial = policy.get("jx-2014").rule("J2+J4.remedial")
    assert isinstance(remedial, RemedialRule)
    assert remedial.trigger == "J2.school_years"
    assert remedial.runs_in == Period(date(2014, 9, 1), date(2015, 9, 1))
    assert remedial.payer is Payer.FREE
    assert remedial.refund_paid is True


def test_j3_offsets_one_to_one_toward_full_staff_remote():
    # 赣教师字〔2014〕36号 三.2 (J3): 国培 and IT-capability credits "实行学分冲抵"; ratio 1:1
    p = policy.get("jx-2014")
    for programme in ("guopei", "it_capability"):
        rule = p.rule(f"J3.{programme}")
        assert isinstance(rule, CountRule)
        assert rule.selector.programmes == frozenset({programme})
        assert (rule.bucket, rule.ratio) == ("full_staff_remote", Decimal(1))


def test_n2_necessary_condition():
    # 教师〔2011〕1号 (N2): "作为教师资格再注册、教师考核和职务聘任的必备条件"
    for policy_id, rule_id in (
        ("cn-2011", "N2.necessary_condition"),
        ("jx-2014", "J1.necessary_condition"),
    ):
        rule = policy.get(policy_id).rule(rule_id)
        assert isinstance(rule, Consequence)
        assert rule.denies == frozenset(
            {
                DecisionKind.RE_REGISTRATION,
                DecisionKind.ANNUAL_ASSESSMENT,
                DecisionKind.TITLE_APPOINTMENT,
            }
        )
        assert rule.lasts is Duration.UNTIL_PASSED


def test_x2_cycle_placement_and_its_new_round_variant():
    # county briefing 开篇: "决定实施新一轮教师专业发展全员培训" (interpretation X2.round):
    # the national cycles from 2011 continue (2016-2020 is under way in 2019); the
    # variant opens a five-year cycle in 2019.
    assert rule_of(policy.get("jx-2019"), "X2.cycle", PeriodScheme).start == date(2011, 1, 1)
    new_round = rule_of(policy.get("jx-2019~X2.round"), "X2.cycle", PeriodScheme)
    assert (new_round.start, new_round.years) == (date(2019, 1, 1), 5)
    assert new_round.periods(date(2024, 1, 1)) == (
        Period(date(2019, 1, 1), date(2024, 1, 1)),
        Period(date(2024, 1, 1), date(2029, 1, 1)),
    )
    assert "新一轮" in new_round.citation.quote


def test_x1_only_verified_credits():
    # county briefing 二.(二) (X1): 登记、审核与验证; only verified credits count
    p = policy.get("jx-2019")
    assert p.rule("X1.verified") == CreditStateRule(
        id="X1.verified",
        citation=p.rule("X1.verified").citation,
        states=frozenset({CreditState.VERIFIED}),
    )
    variant = rule_of(policy.get("jx-2019~X1.verified"), "X1.verified", CreditStateRule)
    assert variant.states == frozenset({CreditState.REVIEWED, CreditState.VERIFIED})


@pytest.mark.parametrize(
    ("policy_id", "region", "effective_from", "effective_to"),
    [
        ("cn-2011", "CN", date(2011, 1, 1), None),
        ("jx-2014", "360000", date(2014, 11, 24), None),  # 落款 2014年11月24日
        ("jx-2019", "360000", date(2019, 4, 1), None),
        ("sn-weinan-2019", "610500", date(2019, 3, 20), None),
        ("nm-hohhot-2006", "150100", date(2006, 1, 1), date(2008, 12, 31)),
        ("fj-putian-hanjiang-2009", "350303", date(2009, 1, 1), date(2009, 12, 31)),
    ],
)
def test_regions_and_dates_in_force(policy_id, region, effective_from, effective_to):
    p = policy.get(policy_id)
    assert (p.region, p.effective_from, p.effective_to) == (region, effective_from, effective_to)
