"""Decisions: outcomes beyond two, triggers, windows and time scopes (``Consequence``).

A small policy of this file (not in the catalogue) has a yearly scheme ``T.year``
(calendar years from 2021), a five-year window ``T.cycle`` (2021-2025, 2026-2030,
...), a school-year scheme ``T.school_year`` (from 1 September 2020) and an undated
five-year scheme ``T.undated``. None of them has a requirement: every period is
decided by an ``Outcome`` input, so each test states its results directly.

The rules under test (``Consequence``, ``Duration``, ``DecisionOutcome``):

* triggers: the latest decided period failed; ``after=N``: the latest N decided
  periods all failed; ``within=W``: a failed period that ends within a period of W;
* time scopes: ``UNTIL_PASSED`` (a later pass lifts it; with a window, it ends with
  the window), ``FOLLOWING_YEAR`` (the calendar year after), ``NEXT_PERIOD``;
* several consequences on one decision: the most severe applying outcome wins
  (eligible < deferred < ineligible); pending only when nothing is decided.
"""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy
from trainingrules.errors import PolicyDataError
from trainingrules.policy import (
    Citation,
    Consequence,
    DecisionKind,
    DecisionOutcome,
    Document,
    Duration,
    PeriodScheme,
    Policy,
    Text,
    from_dict,
    to_dict,
)

DOC = Document(number="测〔2021〕1号", title="决定测试办法（测试用）", issuer="测试局")
CITE = Citation(DOC.number, "一", "测试")
YEAR = PeriodScheme(
    id="T.year",
    citation=CITE,
    label=Text("年度培训", "training year"),
    start=date(2021, 1, 1),
    years=1,
)
CYCLE = PeriodScheme(
    id="T.cycle",
    citation=CITE,
    label=Text("注册周期", "registration cycle"),
    start=date(2021, 1, 1),
    years=5,
)
SCHOOL_YEAR = PeriodScheme(
    id="T.school_year",
    citation=CITE,
    label=Text("学年培训", "training school year"),
    start=date(2020, 9, 1),
    years=1,
)
UNDATED = PeriodScheme(
    id="T.undated", citation=CITE, label=Text("五年周期", "five-year cycle"), start=None, years=5
)
SCHEMES = (YEAR, CYCLE, SCHOOL_YEAR, UNDATED)
KIND = DecisionKind.RE_REGISTRATION
TEACHER = tr.Teacher(id="T1", birth_date=date(1980, 1, 1), sex=tr.Sex.FEMALE)
IMPOSING = (DecisionOutcome.DEFERRED, DecisionOutcome.INELIGIBLE)
ELIGIBLE, DEFERRED, INELIGIBLE, PENDING = (
    DecisionOutcome.ELIGIBLE,
    DecisionOutcome.DEFERRED,
    DecisionOutcome.INELIGIBLE,
    DecisionOutcome.PENDING,
)


def rule(rule_id="C1", **changes):
    """A consequence on ``T.year`` governing re-registration, with ``changes``."""
    fields = {"trigger": YEAR.id, "denies": frozenset({KIND})} | changes
    return Consequence(id=rule_id, citation=CITE, **fields)


def make(*consequences):
    return Policy(
        id="xx-decisions",
        title=Text("决定测试", "decision test"),
        region="360000",
        effective_from=date(2021, 1, 1),
        documents=(DOC,),
        rules=(*SCHEMES, *consequences),
    )


def outcomes(results, scheme=YEAR.id, first=2021):
    """``"PF.F"``: passed in 2021, failed in 2022, nothing for 2023, failed in 2024."""
    return [
        tr.Outcome(scheme=scheme, start=date(first + i, 1, 1), passed=mark == "P")
        for i, mark in enumerate(results)
        if mark != "."
    ]


def decide(p, results, as_of, kind=KIND, extra=()):
    ev = tr.evaluate(p, TEACHER, [], as_of, outcomes=[*outcomes(results), *extra])
    return ev.decision(kind)


def codes(d):
    return [f.code for f in d.findings]


def finding(d, code):
    (found,) = [f for f in d.findings if f.code == code]
    return found


# --- the model: fields, defaults, validation ----------------------------------------------


def test_defaults_are_todays_meaning():
    # failing the latest decided period denies, until a later period is passed
    c = rule()
    assert (c.outcome, c.after, c.within, c.lasts) == (INELIGIBLE, 1, None, Duration.UNTIL_PASSED)


def test_severity_order():
    assert [o.severity for o in (PENDING, ELIGIBLE, DEFERRED, INELIGIBLE)] == [0, 1, 2, 3]
    assert tr.DecisionOutcome is DecisionOutcome  # one enum, re-exported by results
    assert tr.results.DecisionOutcome is DecisionOutcome


@pytest.mark.parametrize(
    ("changes", "path", "code"),
    [
        ({"outcome": DecisionOutcome.PENDING}, "outcome", "policy.choice"),
        ({"outcome": "maybe"}, "outcome", "policy.choice"),
        ({"after": 0}, "after", "policy.range"),
        ({"after": -1}, "after", "policy.range"),
        ({"after": True}, "after", "policy.type"),
        ({"after": "2"}, "after", "policy.type"),
        ({"within": ""}, "within", "policy.empty"),
        ({"within": YEAR.id}, "within", "policy.reference"),  # the trigger's own scheme
        ({"lasts": "forever"}, "lasts", "policy.choice"),
        ({"lasts": True}, "lasts", "policy.choice"),
    ],
)
def test_invalid_consequence(changes, path, code):
    with pytest.raises(PolicyDataError) as caught:
        rule(**changes)
    assert (caught.value.path, caught.value.code) == (path, code)


def test_values_are_accepted_as_strings():
    c = rule(outcome="deferred", lasts="next_period")
    assert (c.outcome, c.lasts) == (DEFERRED, Duration.NEXT_PERIOD)


@pytest.mark.parametrize(
    ("window", "message"),
    [("T.decade", "does not define"), (UNDATED.id, "without a start")],
)
def test_window_must_be_a_dated_scheme_of_the_policy(window, message):
    with pytest.raises(PolicyDataError) as caught:
        make(rule(within=window))
    assert (caught.value.path, caught.value.code) == ("rules[4].within", "policy.reference")
    assert message in caught.value.message


# --- policies as data: round trip, errors with paths, version 1 -------------------------------


def _data(p):
    return json.loads(json.dumps(to_dict(p), ensure_ascii=False))


def test_round_trip_of_every_field():
    p = make(
        rule("C1", outcome=DEFERRED, after=2, within=CYCLE.id, lasts=Duration.NEXT_PERIOD),
        rule("C2", outcome=ELIGIBLE, lasts=Duration.FOLLOWING_YEAR),
    )
    data = _data(p)
    assert data["rules"][4] == {
        "kind": "consequence",
        "id": "C1",
        "citation": {"document": DOC.number, "clause": "一", "quote": "测试"},
        "trigger": "T.year",
        "denies": ["re_registration"],
        "outcome": "deferred",
        "after": 2,
        "within": "T.cycle",
        "lasts": "next_period",
    }
    assert from_dict(data) == p


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("after", 0, "policy.range"),
        ("after", "2", "policy.type"),
        ("within", "T.decade", "policy.reference"),
        ("within", "T.undated", "policy.reference"),
        ("outcome", "pending", "policy.choice"),
        ("lasts", "until_later", "policy.choice"),
        ("following_year", True, "policy.unknown_key"),  # the version 1 key, in version 2
    ],
)
def test_load_errors_name_the_field(key, value, code):
    data = _data(make(rule()))
    data["rules"][4][key] = value
    with pytest.raises(PolicyDataError) as caught:
        from_dict(data)
    assert (caught.value.path, caught.value.code) == (f"rules[4].{key}", code)


def _version_1(data):
    """``data`` (version 2) written as version 1 did: ``following_year`` instead of ``lasts``."""
    old = copy.deepcopy(data)
    old["schema_version"] = 1
    rules = [*old["rules"]]
    for note in old.get("interpretations", []):
        rules += note["alternative_rules"]
    for item in rules:
        if item["kind"] == "consequence":
            lasts = item.pop("lasts")
            assert lasts in {"until_passed", "following_year"}
            for key in ("outcome", "after", "within"):
                item.pop(key)
            item["following_year"] = lasts == "following_year"
    return old


@pytest.mark.parametrize("policy_id", ["fj-putian-hanjiang-2009", "cn-2011", "jx-2014"])
def test_version_1_dicts_are_migrated(policy_id):
    # F10 (following_year: true) and N2 / J1 (false; their interpretation's alternative
    # rule, following_year: true) read back as the version 2 policy.
    p = policy.get(policy_id)
    old = _version_1(_data(p))
    before = copy.deepcopy(old)
    assert from_dict(old) == p
    assert old == before  # the input is left alone


def test_version_1_without_following_year_lasts_until_passed():
    old = _version_1(_data(make(rule())))
    del old["rules"][4]["following_year"]
    consequence = from_dict(old).rule("C1")
    assert isinstance(consequence, Consequence)
    assert consequence.lasts is Duration.UNTIL_PASSED


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("following_year", "yes", "policy.type"),
        ("lasts", "following_year", "policy.unknown_key"),  # new in version 2
        ("after", 2, "policy.unknown_key"),
    ],
)
def test_version_1_errors(key, value, code):
    old = _version_1(_data(make(rule())))
    old["rules"][4][key] = value
    with pytest.raises(PolicyDataError) as caught:
        from_dict(old)
    assert (caught.value.path, caught.value.code) == (f"rules[4].{key}", code)


# --- triggers ------------------------------------------------------------------------------


def test_latest_decided_period_governs_by_default():
    p = make(rule())
    # 2022 failed, the latest decided → ineligible, with no fixed end
    d = decide(p, "PF", date(2023, 3, 1))
    assert (d.outcome, d.year, d.since, d.until) == (INELIGIBLE, None, None, None)
    assert codes(d) == ["outcome.failed", "decision.ineligible"]
    assert "until a later training year is passed" in finding(d, "decision.ineligible").en
    assert "在其后的年度培训合格前" in finding(d, "decision.ineligible").zh
    # 2023 passed afterwards → lifted
    d = decide(p, "PFP", date(2024, 3, 1))
    assert d.outcome is ELIGIBLE
    assert codes(d) == ["outcome.passed", "decision.eligible"]


@pytest.mark.parametrize(
    ("results", "outcome", "code"),
    [
        ("F", ELIGIBLE, "decision.not_consecutive"),  # one failure, two needed
        ("PF", ELIGIBLE, "decision.not_consecutive"),
        ("FPF", ELIGIBLE, "decision.not_consecutive"),  # two, not in a row
        ("FF", INELIGIBLE, "decision.ineligible"),
        ("PFF", INELIGIBLE, "decision.ineligible"),
        ("F.F", INELIGIBLE, "decision.ineligible"),  # consecutive among decided periods
        ("FFP", ELIGIBLE, "decision.eligible"),  # a later pass lifts it
    ],
)
def test_two_consecutive_failures(results, outcome, code):
    d = decide(make(rule(after=2)), results, date(2030, 1, 1))
    assert d.outcome is outcome
    assert codes(d)[-1] == code


def test_consecutive_failures_are_named():
    d = decide(make(rule(after=2)), "PFF", date(2024, 3, 1))
    f = finding(d, "decision.ineligible")
    assert f.zh.startswith("2022年、2023年年度培训连续2次不合格")
    assert f.en.startswith("training year failed 2 times in a row (2022, 2023)")
    # both recorded failures are among the reasons
    assert codes(d).count("outcome.failed") == 2
    not_yet = finding(
        decide(make(rule(after=2)), "FF.PF", date(2026, 1, 1)), "decision.not_consecutive"
    )
    assert not_yet.en == (
        "2025: training year failed, but not 2 times in a row; re-registration of the "
        "teaching qualification is not barred"
    )
    assert not_yet.zh == "2025年年度培训不合格，但未连续2次不合格，教师资格再注册不受影响"


def test_any_failure_within_the_window():
    p = make(rule(within=CYCLE.id, outcome=DEFERRED))
    # 2022 failed, 2023 passed: the window 2021-2025 still holds a failure → deferred
    # while it is current, and it ends with it.
    d = decide(p, "PFP", date(2024, 6, 1))
    assert (d.outcome, d.since, d.until) == (DEFERRED, date(2021, 1, 1), date(2025, 12, 31))
    f = finding(d, "decision.deferred")
    assert (
        f.zh
        == "2021–2025年注册周期内2022年年度培训不合格，2021–2025年注册周期内暂缓办理教师资格再注册"
    )
    assert f.en == (
        "training year 2022 failed within registration cycle 2021–2025, so re-registration "
        "of the teaching qualification is deferred during registration cycle 2021–2025"
    )
    # the last day of the window: still deferred; the next window starts afresh
    assert decide(p, "PFPPP", date(2025, 12, 31)).outcome is DEFERRED
    d = decide(p, "PFPPP", date(2026, 1, 1))
    assert d.outcome is ELIGIBLE
    expired = finding(d, "decision.expired")
    assert "ended on 2025-12-31" in expired.en
    assert "2025年12月31日届满" in expired.zh


def test_window_without_failures():
    p = make(rule(within=CYCLE.id))
    d = decide(p, "PP", date(2023, 3, 1))
    assert d.outcome is ELIGIBLE
    assert codes(d) == ["decision.window_clear"]
    assert finding(d, "decision.window_clear").en.startswith(
        "within registration cycle 2021–2025: training year has not failed"
    )
    # nothing decided at all → pending
    assert decide(p, "", date(2023, 3, 1)).outcome is PENDING


def test_no_current_window():
    # a window of two periods only (2021-2030): in 2031 no window is current; a failure of
    # 2022 expired with its window on 2025-12-31
    counted = attrs.evolve(CYCLE, count=2)
    p = Policy(
        id="xx-decisions",
        title=Text("决定测试", "decision test"),
        region="360000",
        effective_from=date(2021, 1, 1),
        documents=(DOC,),
        rules=(YEAR, counted, rule(within=CYCLE.id)),
    )
    assert codes(decide(p, "PP", date(2031, 1, 1))) == ["decision.no_window"]
    assert decide(p, "PF", date(2031, 1, 1)).outcome is ELIGIBLE


def test_window_and_consecutive_failures():
    # two failures in a row, both ending within the current window
    p = make(rule(within=CYCLE.id, after=2))
    assert decide(p, "FPF", date(2024, 1, 1)).outcome is ELIGIBLE
    assert decide(p, "FPFF", date(2025, 1, 1)).outcome is INELIGIBLE
    # 2025 and 2026 are in a row, but in two windows: neither holds two
    assert decide(p, "PPPPFF", date(2027, 1, 1)).outcome is ELIGIBLE


def test_a_period_belongs_to_the_window_its_last_day_falls_in():
    # school year 2020-21 ends on 2021-08-31, within 2021-2025; school year 2025-26 ends
    # on 2026-08-31, within 2026-2030 (a period that merely overlaps a window is not in it)
    p = make(rule(trigger=SCHOOL_YEAR.id, within=CYCLE.id))

    def school_years(marks, first):
        return [
            tr.Outcome(scheme=SCHOOL_YEAR.id, start=date(first + i, 9, 1), passed=m == "P")
            for i, m in enumerate(marks)
        ]

    ev = tr.evaluate(p, TEACHER, [], date(2022, 1, 1), outcomes=school_years("F", 2020))
    assert ev.decision(KIND).outcome is INELIGIBLE
    ev = tr.evaluate(p, TEACHER, [], date(2025, 12, 1), outcomes=school_years("F", 2025))
    assert ev.decision(KIND).outcome is ELIGIBLE  # its window, 2026-2030, is not current
    ev = tr.evaluate(p, TEACHER, [], date(2026, 1, 1), outcomes=school_years("F", 2025))
    assert ev.decision(KIND).outcome is INELIGIBLE


# --- time scopes -------------------------------------------------------------------------


def test_following_year_begins_ends_and_expires():
    p = make(rule(lasts=Duration.FOLLOWING_YEAR))
    # 2022 failed (recorded early): the bar is for 2023 and is reported before it begins
    d = decide(p, ".F", date(2022, 6, 1))
    assert (d.outcome, d.year, d.since, d.until) == (
        INELIGIBLE,
        2023,
        date(2023, 1, 1),
        date(2023, 12, 31),
    )
    assert "次年（2023年）不予办理教师资格再注册" in finding(d, "decision.ineligible").zh
    assert decide(p, "PF", date(2023, 12, 31)).outcome is INELIGIBLE
    d = decide(p, "PF", date(2024, 1, 1))
    assert (d.outcome, d.year, d.until) == (ELIGIBLE, None, None)
    assert codes(d) == ["outcome.failed", "decision.expired"]
    expired = finding(d, "decision.expired")
    assert expired.en == (
        "training year 2022 failed: re-registration of the teaching qualification is refused "
        "in the following year, 2023; that ended on 2023-12-31 and no longer applies"
    )
    assert expired.zh == (
        "2022年年度培训不合格，次年（2023年）不予办理教师资格再注册；"
        "该限制已于2023年12月31日届满，不再适用"
    )


def test_following_year_holds_even_after_a_later_pass():
    # "次年不得…": the bar is for the year; a pass recorded during it does not lift it
    p = make(rule(lasts=Duration.FOLLOWING_YEAR))
    d = decide(p, "FP", date(2022, 6, 1))
    assert (d.outcome, d.year) == (INELIGIBLE, 2022)


def test_next_period_of_the_trigger():
    p = make(rule(trigger=CYCLE.id, lasts=Duration.NEXT_PERIOD))
    failed = outcomes("F", scheme=CYCLE.id)
    ev = tr.evaluate(p, TEACHER, [], date(2030, 12, 31), outcomes=failed)
    d = ev.decision(KIND)
    assert (d.outcome, d.since, d.until, d.year) == (
        INELIGIBLE,
        date(2026, 1, 1),
        date(2030, 12, 31),
        None,
    )
    assert (
        "在下一注册周期（2026–2030年）不予办理教师资格再注册"
        in finding(d, "decision.ineligible").zh
    )
    ev = tr.evaluate(p, TEACHER, [], date(2031, 1, 1), outcomes=failed)
    assert ev.decision(KIND).outcome is ELIGIBLE


def test_next_period_of_an_undated_scheme_from_a_leap_day():
    # a cycle recorded from 2003-03-01 ends on 2008-02-29; the next ends on 2013-02-28
    p = make(rule(trigger=UNDATED.id, lasts=Duration.NEXT_PERIOD))
    failed = [tr.Outcome(scheme=UNDATED.id, start=date(2003, 3, 1), passed=False)]
    d = tr.evaluate(p, TEACHER, [], date(2013, 2, 28), outcomes=failed).decision(KIND)
    assert (d.outcome, d.since, d.until) == (INELIGIBLE, date(2008, 3, 1), date(2013, 2, 28))
    d = tr.evaluate(p, TEACHER, [], date(2013, 3, 1), outcomes=failed).decision(KIND)
    assert d.outcome is ELIGIBLE


def test_a_next_period_beyond_the_last_day_a_date_can_hold_is_a_typed_error() -> None:
    p = make(rule(trigger=UNDATED.id, lasts=Duration.NEXT_PERIOD))
    as_of = date(9994, 6, 1)
    # failed 9989-9993: the next period, 9994-9998, is the last a date can hold
    failed = [tr.Outcome(scheme=UNDATED.id, start=date(9989, 1, 1), passed=False)]
    d = tr.evaluate(p, TEACHER, [], as_of, outcomes=failed).decision(KIND)
    assert (d.outcome, d.since, d.until) == (INELIGIBLE, date(9994, 1, 1), date(9998, 12, 31))
    # failed 9994-9998: the next period would end in 10004
    failed = [tr.Outcome(scheme=UNDATED.id, start=date(9994, 1, 1), passed=False)]
    ev = tr.evaluate(p, TEACHER, [], as_of, outcomes=failed)
    with pytest.raises(tr.InvalidInputError) as caught:
        ev.decision(KIND)
    assert (caught.value.path, caught.value.code) == ("as_of", "input.range")
    assert caught.value.message == (
        "the consequence of the period of T.undated from 9994-01-01 would hold after "
        "9999-12-31, the last day a date can hold"
    )
    with pytest.raises(tr.InvalidInputError):
        ev.to_json(form="summary")


def test_next_window_after_a_failure_within_one():
    p = make(rule(within=CYCLE.id, lasts=Duration.NEXT_PERIOD, outcome=DEFERRED))
    d = decide(p, "PF", date(2023, 3, 1))  # not begun: reported, with when it begins
    assert (d.outcome, d.since, d.until) == (DEFERRED, date(2026, 1, 1), date(2030, 12, 31))
    assert decide(p, "PFPPP", date(2030, 12, 31)).outcome is DEFERRED
    assert decide(p, "PFPPPPPPPP", date(2031, 1, 1)).outcome is ELIGIBLE


def test_following_year_of_a_window():
    p = make(rule(within=CYCLE.id, lasts=Duration.FOLLOWING_YEAR))
    d = decide(p, "PPPPF", date(2026, 5, 1))
    assert (d.outcome, d.year) == (INELIGIBLE, 2026)
    assert decide(p, "PPPPFP", date(2027, 1, 1)).outcome is ELIGIBLE


# --- several consequences, one decision ----------------------------------------------------


def test_most_severe_applying_outcome_wins():
    deferred = rule("C1", within=CYCLE.id, outcome=DEFERRED)
    refused = rule("C2", after=2)
    p = make(deferred, refused)
    d = decide(p, "PF", date(2023, 3, 1))
    assert d.outcome is DEFERRED  # eligible (C2) < deferred (C1)
    assert [f.rule_id for f in d.findings if f.code.startswith("decision.")] == ["C1", "C2"]
    d = decide(p, "PFF", date(2024, 3, 1))
    assert d.outcome is INELIGIBLE  # deferred (C1) < ineligible (C2)
    assert (d.since, d.until) == (None, None)  # C2 holds until a later pass


def test_a_factor_is_reported_and_bars_nothing():
    factor = rule("C1", outcome=ELIGIBLE)
    d = decide(make(factor), "PF", date(2023, 3, 1))
    assert d.outcome is ELIGIBLE
    f = finding(d, "decision.considered")
    assert "作为教师资格再注册的考虑因素，不构成否决" in f.zh
    assert "a factor weighed in re-registration" in f.en
    # with a bar on the same decision, the bar wins
    d = decide(make(factor, rule("C2")), "PF", date(2023, 3, 1))
    assert d.outcome is INELIGIBLE


def test_pending_only_when_nothing_is_decided():
    on_cycle = rule("C1", trigger=CYCLE.id)
    on_year = rule("C2")
    p = make(on_cycle, on_year)
    assert decide(p, "", date(2022, 3, 1)).outcome is PENDING
    d = decide(p, "P", date(2022, 3, 1))  # the cycle is still open, the year passed
    assert d.outcome is ELIGIBLE
    assert codes(d) == ["decision.pending", "outcome.passed", "decision.eligible"]


def test_the_longest_lasting_winner_gives_the_time():
    short = rule("C1", lasts=Duration.FOLLOWING_YEAR)
    long = rule("C2", within=CYCLE.id, lasts=Duration.NEXT_PERIOD)
    d = decide(make(short, long), "PF", date(2023, 3, 1))
    assert (d.outcome, d.since, d.until, d.year) == (
        INELIGIBLE,
        date(2026, 1, 1),
        date(2030, 12, 31),
        None,
    )
    d = decide(make(short, rule("C2")), "PF", date(2023, 3, 1))
    assert (d.since, d.until, d.year) == (None, None, None)  # no fixed end wins


def test_findings_cite_the_consequence_and_read_in_both_languages():
    p = make(rule("C1", within=CYCLE.id, outcome=DEFERRED), rule("C2", after=2))
    for results, as_of in (("PF", date(2023, 3, 1)), ("PFF", date(2024, 3, 1))):
        for f in decide(p, results, as_of).findings:
            if f.code.startswith("decision."):
                assert f.citation == CITE
                assert f.rule_id in {"C1", "C2"}
            assert f.zh.strip()
            assert f.en.strip()


def test_decision_to_dict_has_the_time():
    p = make(rule(lasts=Duration.FOLLOWING_YEAR))
    ev = tr.evaluate(p, TEACHER, [], date(2023, 3, 1), outcomes=outcomes("PF"))
    (data,) = ev.to_dict()["eligibility"]
    assert (data["outcome"], data["year"], data["since"], data["until"]) == (
        "ineligible",
        2023,
        "2023-01-01",
        "2023-12-31",
    )


# --- properties ----------------------------------------------------------------------------

MARKS = st.lists(st.sampled_from("PF."), max_size=12).map("".join)
AS_OF = st.dates(min_value=date(2020, 6, 1), max_value=date(2040, 12, 31))


@st.composite
def consequences(draw, rule_id="C1"):
    return rule(
        rule_id,
        outcome=draw(st.sampled_from((ELIGIBLE, DEFERRED, INELIGIBLE))),
        after=draw(st.integers(1, 3)),
        within=draw(st.sampled_from((None, CYCLE.id))),
        lasts=draw(st.sampled_from(Duration)),
    )


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _decided(marks, as_of):
    """The decided years of ``marks`` (all are decided, even years after ``as_of``)."""
    del as_of
    return [(2021 + i, m == "F") for i, m in enumerate(marks) if m != "."]


@PROPERTY
@given(consequences(), MARKS, AS_OF, st.data())
def test_adding_a_failure_never_makes_the_outcome_less_severe(c, marks, as_of, data):
    if not marks:
        marks = "."
    i = data.draw(st.integers(0, len(marks) - 1))
    worse = marks[:i] + "F" + marks[i + 1 :]
    p = make(c)
    before = decide(p, marks, as_of).outcome
    after = decide(p, worse, as_of).outcome
    assert after.severity >= before.severity, (marks, worse)


@PROPERTY
@given(consequences(), MARKS, AS_OF)
def test_an_expired_consequence_never_denies(c, marks, as_of):
    d = decide(make(c), marks, as_of)
    fixed = c.lasts is not Duration.UNTIL_PASSED or c.within is not None
    if d.outcome in IMPOSING:
        assert d.outcome is c.outcome
        if fixed:
            assert d.since is not None
            assert d.until is not None
            assert as_of <= d.until  # in force, or not begun yet
    if fixed and d.outcome not in IMPOSING and d.outcome is not PENDING:
        # nothing in force: every triggering's time is over, or nothing triggered
        assert d.until is None
    for f in d.findings:
        if f.code == "decision.expired":
            day = date.fromisoformat(f.en.split("ended on ")[1][:10])
            assert day < as_of


@PROPERTY
@given(st.integers(1, 4), MARKS, AS_OF)
def test_n_consecutive_failures_trigger_exactly_after_n(n, marks, as_of):
    d = decide(make(rule(after=n)), marks, as_of)
    decided = [failed for _, failed in _decided(marks, as_of)]
    if not decided:
        assert d.outcome is PENDING
    else:
        expected = len(decided) >= n and all(decided[-n:])
        assert (d.outcome is INELIGIBLE) == expected, (n, marks)


@PROPERTY
@given(MARKS, AS_OF)
def test_following_year_oracle(marks, as_of):
    # after=1, FOLLOWING_YEAR: barred iff some failed year y has y + 1 >= as_of.year
    d = decide(make(rule(lasts=Duration.FOLLOWING_YEAR)), marks, as_of)
    failed = [y for y, f in _decided(marks, as_of) if f]
    assert (d.outcome is INELIGIBLE) == any(y + 1 >= as_of.year for y in failed)
    if d.outcome is INELIGIBLE:
        # the one in force, else the first to begin
        y = min(y + 1 for y in failed if y + 1 >= as_of.year)
        assert d.year == y


@PROPERTY
@given(MARKS, AS_OF)
def test_window_oracle(marks, as_of):
    # within T.cycle, after=1, until passed: barred iff a failed year lies in the
    # five-year window of as_of
    d = decide(make(rule(within=CYCLE.id)), marks, as_of)
    first = 2021 + (as_of.year - 2021) // 5 * 5
    failed = [y for y, f in _decided(marks, as_of) if f]
    expected = as_of >= date(2021, 1, 1) and any(first <= y < first + 5 for y in failed)
    assert (d.outcome is INELIGIBLE) == expected
    if expected:
        assert (d.since, d.until) == (date(first, 1, 1), date(first + 4, 12, 31))


@PROPERTY
@given(st.lists(consequences(), min_size=1, max_size=3), MARKS, AS_OF)
def test_outcome_is_the_most_severe_over_the_consequences(rules, marks, as_of):
    rules = [attrs.evolve(c, id=f"C{i}") for i, c in enumerate(rules)]
    alone = [decide(make(c), marks, as_of).outcome for c in rules]
    together = decide(make(*rules), marks, as_of)
    decided = [o for o in alone if o is not PENDING]
    expected = max(decided, key=lambda o: o.severity) if decided else PENDING
    assert together.outcome is expected
    # every consequence's findings are there, in policy order
    said = [f.rule_id for f in together.findings if f.code.startswith("decision.")]
    assert said == [c.id for c in rules]


@PROPERTY
@given(st.lists(consequences(), min_size=1, max_size=3))
def test_round_trip(rules):
    p = make(*(attrs.evolve(c, id=f"C{i}") for i, c in enumerate(rules)))
    data = json.loads(json.dumps(to_dict(p), ensure_ascii=False))
    assert from_dict(data) == p
    assert to_dict(from_dict(data)) == to_dict(p)


@PROPERTY
@given(st.lists(consequences(), min_size=1, max_size=3), MARKS, AS_OF)
def test_every_imposed_outcome_has_a_cited_reason(rules, marks, as_of):
    rules = [attrs.evolve(c, id=f"C{i}") for i, c in enumerate(rules)]
    d = decide(make(*rules), marks, as_of)
    code = {DEFERRED: "decision.deferred", INELIGIBLE: "decision.ineligible"}.get(d.outcome)
    if code is not None:
        assert any(f.code == code and f.citation == CITE for f in d.findings)
    assert (d.until is None) == (d.since is None)
    if d.since is not None and d.until is not None:
        assert d.since <= d.until
        assert d.until - d.since >= timedelta(days=364)


def test_version_1_with_malformed_rules_or_notes_is_reported_by_the_loader():
    # the migration leaves what it does not understand to the loader's own checks
    old = _version_1(_data(make(rule())))
    old["rules"] = "none"
    with pytest.raises(PolicyDataError) as caught:
        from_dict(old)
    assert (caught.value.path, caught.value.code) == ("rules", "policy.type")
    old = _version_1(_data(policy.get("cn-2011")))
    old["interpretations"][0] = "a note"
    with pytest.raises(PolicyDataError) as caught:
        from_dict(old)
    assert (caught.value.path, caught.value.code) == ("interpretations[0]", "policy.type")


# --- the governed decisions are memoised per plan ---------------------------------------------


def _jx_2014_decided(source: str, as_of: date = date(2015, 3, 1)) -> tr.Evaluation:
    """jx-2014 with the 2013–2014 school year recorded failed, from ``source``."""
    teacher = tr.Teacher(id="T1", birth_date=date(1980, 1, 1), sex=tr.Sex.FEMALE)
    outcome = tr.Outcome(
        scheme="J2.school_years", start=date(2013, 9, 1), passed=False, source=source
    )
    return tr.evaluate(policy.get("jx-2014"), teacher, [], as_of, outcomes=[outcome])


def test_a_decision_for_the_same_periods_is_the_same_and_names_its_own_source():
    first, again = _jx_2014_decided("list A"), _jx_2014_decided("list A")
    other = _jx_2014_decided("list B")
    assert first.eligibility == again.eligibility
    texts = [json.dumps(ev.to_dict()["eligibility"], ensure_ascii=False) for ev in (first, other)]
    # the governed decisions quote the outcome's source: a memo by statuses alone would
    # give the second teacher the first one's list
    assert "list A" in texts[0]
    assert "list A" not in texts[1]
    assert "list B" in texts[1]
    assert [d.outcome for d in first.eligibility] == [d.outcome for d in other.eligibility]


def test_a_later_day_is_decided_again():
    # the same recorded failure: not yet acted on the day its school year ends, acted on
    # later (J4) — the memo is keyed by the day too
    kinds = ["annual_assessment", "re_registration", "title_appointment", "remedial"]
    early = _jx_2014_decided("L", date(2014, 9, 1)).eligibility
    late = _jx_2014_decided("L", date(2021, 1, 1)).eligibility
    assert [d.kind for d in early] == [d.kind for d in late] == kinds
    assert [d.outcome for d in early[:3]] == [tr.DecisionOutcome.PENDING] * 3
    assert [d.outcome for d in late[:3]] == [tr.DecisionOutcome.INELIGIBLE] * 3
