"""The rule model (``trainingrules.policy``): validation, immutability and variants.

DESIGN.md principle 6: invalid data "raises a ``TrainingRulesError`` subclass with a
stable ``code`` and the field path". Built in code, a block names its own field
(``senior``); a policy names the rule (``rules[2].scheme``). DESIGN.md principle 2:
policies and rules are frozen and hold tuples / frozensets only. Principle 4: a
variant policy can choose the alternative reading of an ``Interpretation``.
"""

from __future__ import annotations

import contextlib
import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs
import pytest

from trainingrules import policy
from trainingrules.cycles import AgeMethod
from trainingrules.errors import PolicyDataError, TrainingRulesError
from trainingrules.policy import (
    AgeLimit,
    AttendanceRule,
    BudgetShare,
    ByTitle,
    Citation,
    Consequence,
    CountRule,
    CourseGrading,
    CreditStateRule,
    DecisionKind,
    Document,
    ExamRule,
    FeeSchedule,
    HoursRequirement,
    Interpretation,
    Limitation,
    Payer,
    PeriodScheme,
    Policy,
    RemedialRule,
    Selector,
    Text,
    WrittenWorkRule,
)
from trainingrules.records import CreditState, ProviderLevel
from trainingrules.scoring import Rounding

# --- a small valid policy to break, one field at a time ------------------------------

DOC = Document(number="测试〔2024〕1号", title="测试文件", issuer="测试局")
CITE = Citation(DOC.number, "一")
LABEL = Text("周期", "cycle")
CYCLE = PeriodScheme(id="T1.cycle", citation=CITE, label=LABEL, start=date(2011, 1, 1), years=5)
YEAR = PeriodScheme(  # one dated period: what assessment rules need (F5-F7 use F4.year)
    id="T1.year", citation=CITE, label=LABEL, start=date(2009, 1, 1), years=1, count=1
)
COUNT = CountRule(id="T1.count", citation=CITE, selector=Selector(), bucket="training")
HOURS = HoursRequirement(
    id="T1.hours",
    citation=CITE,
    label=Text("培训", "training"),
    scheme=CYCLE.id,
    minimum=ByTitle.same(Decimal(360)),
    buckets=frozenset({"training"}),
)
BASE_RULES = (CYCLE, YEAR, COUNT, HOURS)


_R = TypeVar("_R")


def rule_of(p: Policy, rule_id: str, kind: type[_R]) -> _R:
    """The rule ``rule_id`` of ``p``, checked to be a ``kind``."""
    rule = p.rule(rule_id)
    assert isinstance(rule, kind), rule
    return rule


def make_policy(rules=BASE_RULES, **changes):
    fields: dict[str, Any] = {
        "id": "test-2024",
        "title": Text("测试", "test"),
        "region": "360000",
        "effective_from": date(2014, 1, 1),
        "effective_to": None,
        "documents": (DOC,),
        "rules": tuple(rules),
    }
    fields.update(changes)
    return Policy(**fields)


@contextlib.contextmanager
def raises(path, code):
    """Expect a PolicyDataError with exactly this ``path`` and ``code``."""
    with pytest.raises(PolicyDataError) as caught:
        yield caught
    assert (caught.value.path, caught.value.code) == (path, code), str(caught.value)


def test_a_document_number_twice():
    # citations name their document by number: two documents of one number make it ambiguous
    other = attrs.evolve(DOC, title="another title")
    with raises("documents[1].number", "policy.duplicate") as caught:
        make_policy(documents=(DOC, other))
    assert DOC.number in str(caught.value)


def test_the_base_policy_is_valid():
    # the negative tests below change one thing of this policy; it must itself be valid
    p = make_policy()
    assert p.rule("T1.hours") is HOURS
    assert p.of_type(PeriodScheme) == (CYCLE, YEAR)


# --- building blocks ------------------------------------------------------------------


class TestHours:
    """Hours are never negative: N1 "每人不少于360学时" states a minimum of hours."""

    @pytest.mark.parametrize("title", ["senior", "intermediate", "junior", "none"])
    @pytest.mark.parametrize("amount", [Decimal(-1), Decimal("-0.5"), "-360", -48])
    def test_negative_minimum_names_the_title(self, title, amount):
        with raises(title, "policy.range"):
            ByTitle(**{title: amount})

    def test_float_minimum_is_rejected(self):
        # DESIGN.md principle 3: a float is rejected; 359.5 must be written "359.5"
        with raises("junior", "policy.float"):
            ByTitle(junior=359.5)  # type: ignore[arg-type]  # refused

    @pytest.mark.parametrize("amount", ["NaN", "Infinity", Decimal("-Infinity")])
    def test_non_finite_minimum_is_rejected(self, amount):
        with raises("senior", "policy.not_finite"):
            ByTitle(senior=amount)

    def test_text_and_int_amounts_become_decimals(self):
        amounts = ByTitle(senior="48", intermediate=48, junior=Decimal(36))  # type: ignore[arg-type]  # converted
        assert (amounts.senior, amounts.intermediate, amounts.junior, amounts.none) == (
            Decimal(48),
            Decimal(48),
            Decimal(36),
            None,
        )
        assert isinstance(amounts.senior, Decimal)

    def test_zero_is_a_valid_minimum(self):
        assert ByTitle.same(Decimal(0)).junior == Decimal(0)

    def test_negative_ratio_is_rejected(self):
        # J3 学分冲抵: a ratio of hours per hour, never negative
        with raises("ratio", "policy.range"):
            CountRule(id="J3.x", citation=CITE, selector=Selector(), bucket="b", ratio="-1")  # type: ignore[arg-type]  # refused


class TestWeights:
    """H6 (三.5): "分别按60%与40%比例折合" — two weights summing to exactly 1."""

    def grading(self, weights, pass_mark=Decimal(60)):
        return CourseGrading(id="H6.x", citation=CITE, weights=weights, pass_mark=pass_mark)

    @pytest.mark.parametrize(
        "weights",
        [
            (Decimal("0.6"), Decimal("0.5")),  # 0.6 + 0.5 = 1.1
            (Decimal("0.5"), Decimal("0.4")),  # 0.5 + 0.4 = 0.9
            (Decimal("0.6"), Decimal("0.39999")),  # 0.99999: exact, not approximate
            (Decimal(0), Decimal(0)),
        ],
    )
    def test_weights_not_summing_to_one(self, weights):
        with raises("weights", "policy.weights"):
            self.grading(weights)

    @pytest.mark.parametrize(
        "weights",
        [(Decimal(1),), (Decimal("0.6"), Decimal("0.4"), Decimal(0)), ()],
    )
    def test_not_two_weights(self, weights):
        with raises("weights", "policy.weights"):
            self.grading(weights)

    def test_negative_weight_names_the_item(self):
        # 1.5 + (-0.5) = 1, but a weight lies in [0, 1]
        with raises("weights[1]", "policy.range"):
            self.grading((Decimal("1.5"), Decimal("-0.5")))

    def test_string_weights_are_exact(self):
        # "0.6" + "0.4" = 1 exactly as decimals
        grading = self.grading(("0.6", "0.4"))
        assert grading.weights == (Decimal("0.6"), Decimal("0.4"))

    def test_negative_pass_mark(self):
        with raises("pass_mark", "policy.range"):
            self.grading((Decimal("0.6"), Decimal("0.4")), pass_mark=Decimal(-60))

    def test_rounding_must_be_a_rounding(self):
        with raises("rounding", "policy.type"):
            CourseGrading(
                id="H6.x",
                citation=CITE,
                weights=(Decimal("0.6"), Decimal("0.4")),
                pass_mark=Decimal(60),
                rounding="ROUND_HALF_UP",  # type: ignore[arg-type]  # refused
            )


class TestEnums:
    """Enumerated values are checked against their enum, named by field and item."""

    def test_payer(self):
        # J4 免收补训费用 = free; F9 费用自理 = teacher; nothing else
        with raises("payer", "policy.choice"):
            RemedialRule(id="J4.x", citation=CITE, trigger="T1.year", payer="school")  # type: ignore[arg-type]  # refused

    def test_payer_from_its_value(self):
        rule = RemedialRule(id="F9.x", citation=CITE, trigger="T1.year", payer="teacher")  # type: ignore[arg-type]  # converted
        assert rule.payer is Payer.TEACHER

    def test_credit_state(self):
        # X1 登记、审核与验证: registered, reviewed, verified
        with raises("states[0]", "policy.choice"):
            CreditStateRule(id="X1.x", citation=CITE, states=frozenset({"approved"}))  # type: ignore[arg-type]  # refused

    def test_decision_kind(self):
        with raises("denies[0]", "policy.choice"):
            Consequence(
                id="N2.x",
                citation=CITE,
                trigger="T1.cycle",
                denies=frozenset({"salary"}),  # type: ignore[arg-type]  # refused
            )

    def test_age_method(self):
        with raises("method", "policy.choice"):
            AgeLimit(male=55, female=53, method="at_birth", reference=date(2014, 12, 31))  # type: ignore[arg-type]  # refused

    def test_provider_level(self):
        # W4 (二.三): city, county, school provision (plus national and province)
        with raises("provider_levels[0]", "policy.choice"):
            Selector(provider_levels=frozenset({"village"}))  # type: ignore[arg-type]  # refused

    def test_enum_values_convert(self):
        selector = Selector(provider_levels=frozenset({"county"}))  # type: ignore[arg-type]  # converted
        assert selector.provider_levels == frozenset({ProviderLevel.COUNTY})
        states = CreditStateRule(id="X1.x", citation=CITE, states=frozenset({"verified"}))  # type: ignore[arg-type]  # converted
        assert states.states == frozenset({CreditState.VERIFIED})


class TestEmptyText:
    """An id, a label or a clause is never blank (code ``policy.empty``)."""

    @pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
    def test_rule_id(self, blank):
        with raises("id", "policy.empty"):
            CountRule(id=blank, citation=CITE, selector=Selector(), bucket="training")

    def test_scheme_id(self):
        with raises("id", "policy.empty"):
            PeriodScheme(id="", citation=CITE, label=LABEL, start=None, years=5)

    def test_bucket(self):
        with raises("bucket", "policy.empty"):
            CountRule(id="T1.x", citation=CITE, selector=Selector(), bucket="")

    def test_clause(self):
        with raises("clause", "policy.empty"):
            Citation(DOC.number, "")

    def test_citation_document(self):
        with raises("document", "policy.empty"):
            Citation("", "一")

    def test_label(self):
        with raises("en", "policy.empty"):
            Text("周期", " ")

    def test_interpretation_id(self):
        with raises("id", "policy.empty"):
            Interpretation(id="", text_says="a", reading="b", alternative="c", rules=())

    def test_limitation_id(self):
        with raises("ids[1]", "policy.empty"):
            Limitation(ids=("W3", ""), what="a", why="b")

    def test_policy_id(self):
        with raises("id", "policy.empty"):
            make_policy(id="")

    def test_rule_id_must_be_text(self):
        with raises("id", "policy.type"):
            CountRule(id=7, citation=CITE, selector=Selector(), bucket="training")  # type: ignore[arg-type]  # refused


class TestOtherFields:
    def test_scheme_years_at_least_one(self):
        with raises("years", "policy.range"):
            PeriodScheme(id="s", citation=CITE, label=LABEL, start=date(2011, 1, 1), years=0)

    def test_scheme_count_at_least_one(self):
        with raises("count", "policy.range"):
            PeriodScheme(id="s", citation=CITE, label=LABEL, start=None, years=1, count=0)

    def test_scheme_years_not_a_bool(self):
        with raises("years", "policy.type"):
            PeriodScheme(id="s", citation=CITE, label=LABEL, start=None, years=True)

    def test_scheme_start_is_a_date_not_a_datetime(self):
        with raises("start", "policy.type"):
            PeriodScheme(id="s", citation=CITE, label=LABEL, start=datetime(2011, 1, 1), years=5)  # noqa: DTZ001

    @pytest.mark.parametrize("share", [Decimal("1.05"), Decimal("-0.05"), "5"])
    def test_budget_share_within_zero_and_one(self, share):
        # W2 / H7: 5 % is Decimal("0.05"); "5" (500 %) is above the maximum of 1
        with raises("share", "policy.range"):
            BudgetShare(id="W2.x", citation=CITE, share=share)

    @pytest.mark.parametrize(
        "field", ["min_notes_chars", "min_forum_posts", "min_reflection_chars"]
    )
    def test_written_work_minimums_not_negative(self, field):
        figures = {"min_notes_chars": 5000, "min_forum_posts": 2, "min_reflection_chars": 1000}
        figures[field] = -1
        with raises(field, "policy.range"):
            WrittenWorkRule(id="F5.x", citation=CITE, scheme="T1.year", handwritten=True, **figures)

    def test_written_work_handwritten_is_a_bool(self):
        with raises("handwritten", "policy.type"):
            WrittenWorkRule(
                id="F5.x",
                citation=CITE,
                scheme="T1.year",
                min_notes_chars=5000,
                min_forum_posts=2,
                min_reflection_chars=1000,
                handwritten="yes",  # type: ignore[arg-type]  # refused
            )

    @pytest.mark.parametrize(("male", "female", "path"), [(-55, 53, "male"), (55, -1, "female")])
    def test_age_limits_not_negative(self, male, female, path):
        with raises(path, "policy.range"):
            AgeLimit(male=male, female=female, method=AgeMethod.IN_YEAR, reference=date(2014, 1, 1))

    def test_remedial_runs_in_is_a_period(self):
        with raises("runs_in", "policy.type"):
            RemedialRule(
                id="J4.x",
                citation=CITE,
                trigger="T1.year",
                payer=Payer.FREE,
                runs_in=(date(2014, 9, 1), date(2015, 9, 1)),  # type: ignore[arg-type]  # refused
            )

    @pytest.mark.parametrize("region", ["36", "3600000", "cn", "36000a", "", "CN "])
    def test_region(self, region):
        code = "policy.empty" if not region else "policy.region"
        with raises("region", code):
            make_policy(region=region)

    def test_rules_hold_only_building_blocks(self):
        with raises("rules[1]", "policy.type"):
            make_policy(rules=(CYCLE, "T1.count"))

    def test_alternative_rules_hold_only_building_blocks(self):
        with raises("alternative_rules[0]", "policy.type"):
            Interpretation(
                id="i",
                text_says="a",
                reading="b",
                alternative="c",
                rules=("T1.cycle",),
                alternative_rules=({"id": "T1.cycle"},),  # type: ignore[arg-type]  # refused
            )

    def test_a_policy_encodes_a_document(self):
        with pytest.raises(PolicyDataError) as caught:
            make_policy(documents=())
        assert caught.value.path == "documents"


# --- the policy as a whole -------------------------------------------------------------


class TestPolicyConsistency:
    def test_reversed_effective_dates(self):
        # in force until 2013-12-31, but it starts on 2014-01-01
        with raises("effective_to", "policy.order"):
            make_policy(effective_from=date(2014, 1, 1), effective_to=date(2013, 12, 31))

    def test_one_day_in_force_is_allowed(self):
        p = make_policy(effective_from=date(2014, 1, 1), effective_to=date(2014, 1, 1))
        assert p.in_force(date(2014, 1, 1))
        assert not p.in_force(date(2014, 1, 2))
        assert not p.in_force(date(2013, 12, 31))

    def test_duplicate_rule_id(self):
        second = attrs.evolve(COUNT, bucket="remote")  # same id "T1.count" as rules[2]
        with raises("rules[4].id", "policy.duplicate"):
            make_policy(rules=(*BASE_RULES, second))

    def test_citation_of_a_document_not_in_the_policy(self):
        other = attrs.evolve(COUNT, citation=Citation("赣教师字〔2014〕36号", "三.2"))
        with raises("rules[2].citation.document", "policy.reference"):
            make_policy(rules=(CYCLE, YEAR, other, HOURS))

    def test_requirement_on_an_unknown_scheme(self):
        stray = attrs.evolve(HOURS, scheme="T1.decade")
        with raises("rules[3].scheme", "policy.reference"):
            make_policy(rules=(CYCLE, YEAR, COUNT, stray))

    def test_requirement_on_an_unknown_bucket(self):
        stray = attrs.evolve(HOURS, buckets=frozenset({"training", "remote"}))
        with raises("rules[3].buckets", "policy.reference"):
            make_policy(rules=(CYCLE, YEAR, COUNT, stray))

    def test_references_do_not_depend_on_rule_order(self):
        # a scheme and bucket defined after the requirement that uses them are fine
        p = make_policy(rules=(HOURS, COUNT, YEAR, CYCLE))
        assert p.rules[0] is HOURS

    def test_remedial_trigger_on_an_unknown_scheme(self):
        rule = RemedialRule(id="J4.x", citation=CITE, trigger="T1.decade", payer=Payer.FREE)
        with raises("rules[4].trigger", "policy.reference"):
            make_policy(rules=(*BASE_RULES, rule))

    def test_consequence_trigger_on_an_unknown_scheme(self):
        rule = Consequence(
            id="N2.x",
            citation=CITE,
            trigger="N1.cycle",
            denies=frozenset({DecisionKind.RE_REGISTRATION}),
        )
        with raises("rules[4].trigger", "policy.reference"):
            make_policy(rules=(*BASE_RULES, rule))


def _singletons():
    """One rule of each kind a policy may have at most once."""
    return [
        CreditStateRule(id="X1.a", citation=CITE, states=frozenset({CreditState.VERIFIED})),
        CourseGrading(
            id="H6.a",
            citation=CITE,
            weights=(Decimal("0.6"), Decimal("0.4")),
            pass_mark=Decimal(60),
        ),
        WrittenWorkRule(
            id="F5.a",
            citation=CITE,
            scheme=YEAR.id,
            min_notes_chars=5000,
            min_forum_posts=2,
            min_reflection_chars=1000,
            handwritten=True,
        ),
        AttendanceRule(id="F7.a", citation=CITE, scheme=YEAR.id),
        FeeSchedule(
            id="F3.a", citation=CITE, per_year=ByTitle(senior=Decimal(180), junior=Decimal(120))
        ),
        BudgetShare(id="W2.a", citation=CITE, share=Decimal("0.05")),
    ]


@pytest.mark.parametrize("rule", _singletons(), ids=lambda r: type(r).__name__)
def test_two_singleton_rules(rule):
    second = attrs.evolve(rule, id=rule.id.replace(".a", ".b"))
    make_policy(rules=(*BASE_RULES, rule))  # one is fine
    with raises("rules[5]", "policy.duplicate"):
        make_policy(rules=(*BASE_RULES, rule, second))


def test_two_fee_schedules():
    # F3 (四) states one yearly fee per title: 180 / 120 yuan
    fee = FeeSchedule(
        id="F3.fee", citation=CITE, per_year=ByTitle(senior=Decimal(180), junior=Decimal(120))
    )
    other = FeeSchedule(
        id="F3.other", citation=CITE, per_year=ByTitle(senior=Decimal(200), junior=Decimal(100))
    )
    with raises("rules[5]", "policy.duplicate"):
        make_policy(rules=(*BASE_RULES, fee, other))


def test_several_requirements_and_exams_are_allowed():
    # F2: required 30, network 48/36, local 24 and a total, all at once
    second = attrs.evolve(HOURS, id="T1.more", minimum=ByTitle.same(Decimal(24)))
    exam = ExamRule(id="F6.a", citation=CITE, label=LABEL, scheme=YEAR.id, pass_mark=Decimal(60))
    p = make_policy(rules=(*BASE_RULES, second, exam, attrs.evolve(exam, id="F6.b")))
    assert len(p.of_type(HoursRequirement)) == 2
    assert len(p.of_type(ExamRule)) == 2


def _assessment_rules(scheme_id):
    return [
        ExamRule(id="F6.a", citation=CITE, label=LABEL, scheme=scheme_id, pass_mark=Decimal(60)),
        WrittenWorkRule(
            id="F5.a",
            citation=CITE,
            scheme=scheme_id,
            min_notes_chars=5000,
            min_forum_posts=2,
            min_reflection_chars=1000,
            handwritten=True,
        ),
        AttendanceRule(id="F7.a", citation=CITE, scheme=scheme_id),
    ]


class TestAssessmentSchemes:
    """F5-F7 are conditions of *the* year (附件一 五.1-五.4): one dated period."""

    @pytest.mark.parametrize("rule", _assessment_rules(CYCLE.id), ids=lambda r: type(r).__name__)
    def test_open_ended_scheme(self, rule):
        with raises("rules[4].scheme", "policy.reference"):
            make_policy(rules=(*BASE_RULES, rule))

    @pytest.mark.parametrize(
        "scheme",
        [
            attrs.evolve(YEAR, id="T1.two", count=2),  # school years 2012-13 and 2013-14 (J2)
            attrs.evolve(YEAR, id="T1.two", start=None),  # F10.cycle: years not stated
        ],
        ids=["two periods", "undated"],
    )
    @pytest.mark.parametrize("index", [0, 1, 2])
    def test_scheme_not_a_single_dated_period(self, scheme, index):
        rule = _assessment_rules("T1.two")[index]
        with raises("rules[5].scheme", "policy.reference"):
            make_policy(rules=(*BASE_RULES, scheme, rule))

    def test_single_dated_period_is_accepted(self):
        p = make_policy(rules=(*BASE_RULES, *_assessment_rules(YEAR.id)))
        assert len(p.rules) == 7


class TestInterpretations:
    def note(self, **changes):
        fields: dict[str, Any] = {
            "id": "T1.cycle",
            "text_says": "五年一周期",
            "reading": "calendar years from 2011",
            "alternative": "school years from 2011-09-01",
            "rules": (CYCLE.id,),
            "alternative_rules": (attrs.evolve(CYCLE, start=date(2011, 9, 1)),),
        }
        fields.update(changes)
        return Interpretation(**fields)

    def test_naming_an_unknown_rule(self):
        note = self.note(rules=(CYCLE.id, "T1.ghost"), alternative_rules=())
        with raises("interpretations[0].rules[1]", "policy.reference"):
            make_policy(interpretations=(note,))

    def test_replacing_a_rule_it_does_not_name(self):
        note = self.note(alternative_rules=(attrs.evolve(YEAR, start=date(2009, 9, 1)),))
        with raises("interpretations[0].alternative_rules[0].id", "policy.reference"):
            make_policy(interpretations=(note,))

    def test_duplicate_interpretation_id(self):
        with raises("interpretations[1].id", "policy.duplicate"):
            make_policy(interpretations=(self.note(), self.note(alternative_rules=())))

    def test_naming_a_rule_twice(self):
        # a reading that names a rule twice would swap it twice: refused, at the repeat
        note = self.note(rules=(CYCLE.id, CYCLE.id))
        with raises("interpretations[0].rules[1]", "policy.duplicate") as caught:
            make_policy(interpretations=(note,))
        assert "'T1.cycle'" in str(caught.value)

    def test_the_same_alternative_twice(self):
        twice = self.note().alternative_rules * 2
        with raises("interpretations[0].alternative_rules[1].id", "policy.duplicate"):
            make_policy(interpretations=(self.note(alternative_rules=twice),))

    def test_valid_note(self):
        p = make_policy(interpretations=(self.note(),))
        variant = p.alternative("T1.cycle")
        assert variant.rule("T1.cycle").start == date(2011, 9, 1)

    def test_unknown_interpretation(self):
        p = make_policy(interpretations=(self.note(),))
        with raises("interpretations", "policy.reference"):
            p.alternative("T1.nothing")


def test_rule_lookup():
    p = make_policy()
    assert p.rule("T1.count") is COUNT
    # docs/errors.md lists "a rule the policy lacks" under UnknownPolicyError; the
    # model raises PolicyDataError: either way a TrainingRulesError naming the id
    with pytest.raises(TrainingRulesError, match=r"T1\.ghost"):
        p.rule("T1.ghost")


# --- immutability -------------------------------------------------------------------------


def _catalogue_and_variants():
    policies = []
    for policy_id in policy.ids():
        base = policy.get(policy_id)
        policies.append(base)
        policies.extend(
            base.alternative(note.id) for note in base.interpretations if note.alternative_rules
        )
    return policies


ALL_POLICIES = _catalogue_and_variants()


def _walk(value, path, seen):
    """Every attrs instance below ``value`` with its path; fails on a mutable collection."""
    assert not isinstance(value, list | dict | set | bytearray), f"{path} is {type(value)}"
    if isinstance(value, tuple | frozenset):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]", seen)
    elif attrs.has(type(value)):
        if id(value) in seen:
            return
        seen.add(id(value))
        yield path, value
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}", seen)
    else:
        assert isinstance(value, str | int | Decimal | date | enum.Enum | type(None)), (
            f"{path} holds a {type(value).__name__}"
        )


@pytest.mark.parametrize("p", ALL_POLICIES, ids=lambda p: p.id)
def test_policies_hold_no_mutable_collection(p):
    found = list(_walk(p, p.id, set()))
    kinds = {type(value) for _, value in found}
    # every policy has at least: itself, its title, a document, citations and rules
    assert {Policy, Text, Document, Citation, PeriodScheme, HoursRequirement} <= kinds
    for path, value in found:
        for field in attrs.fields(type(value)):
            if field.name in {"categories", "programmes", "provider_levels", "states"}:
                assert isinstance(getattr(value, field.name), frozenset), f"{path}.{field.name}"


@pytest.mark.parametrize("p", ALL_POLICIES, ids=lambda p: p.id)
def test_every_attribute_of_every_value_is_frozen(p):
    attempts = 0
    for path, value in _walk(p, p.id, set()):
        for field in attrs.fields(type(value)):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(value, field.name, None)
            attempts += 1
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.extra = 1  # a new attribute neither
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            delattr(value, attrs.fields(type(value))[0].name)
        assert path
    # a policy has more than its 10 own fields to try
    assert attempts > len(attrs.fields(Policy))


def test_policy_collections_are_tuples():
    p = policy.get("fj-putian-hanjiang-2009")
    for name in ("documents", "rules", "interpretations", "limitations"):
        assert type(getattr(p, name)) is tuple, name
    assert type(rule_of(p, "F2.network", HoursRequirement).buckets) is frozenset
    assert type(rule_of(p, "F6.exam", ExamRule).pass_mark) is Decimal


def test_lists_given_in_code_become_tuples_and_frozensets():
    p = make_policy(
        rules=[CYCLE, YEAR, COUNT, attrs.evolve(HOURS, buckets=["training"])],  # type: ignore[arg-type]  # converted
        documents=[DOC],
    )
    assert type(p.rules) is tuple
    assert type(p.documents) is tuple
    assert p.rule("T1.hours").buckets == frozenset({"training"})
    assert type(p.rule("T1.hours").buckets) is frozenset


def test_policies_are_hashable_and_equal_by_value():
    a = policy.get("jx-2014")
    b = make_policy()
    assert hash(a) == hash(policy.get("jx-2014"))
    assert len({a, b, a}) == 2
    assert make_policy() == b


# --- variants: Policy.alternative -------------------------------------------------------


def _interpretations(with_alternative):
    return [
        pytest.param(policy_id, note.id, id=f"{policy_id}~{note.id}")
        for policy_id in policy.ids()
        for note in policy.get(policy_id).interpretations
        if bool(note.alternative_rules) == with_alternative
    ]


ALTERNATIVES = _interpretations(with_alternative=True)
NO_ALTERNATIVES = _interpretations(with_alternative=False)


def test_which_interpretations_have_an_alternative():
    # From the policy modules' docstrings: the readings whose alternative can be
    # encoded without inventing figures, and those ("no variant is encoded") that cannot.
    assert {p.values[0] + "~" + p.values[1] for p in ALTERNATIVES} == {
        "cn-2011~N1.cycle",
        "jx-2014~J1.cycle",
        "jx-2014~J2.age",
        "jx-2019~X1.verified",
        "sn-weinan-2019~W1.cycle",
        "nm-hohhot-2006~H2.years",
        "nm-hohhot-2006~H6.pass",
        "fj-putian-hanjiang-2009~F2.totals",
        "fj-putian-hanjiang-2009~F4.year",
        # partial service (issue 9 §2): prorated by days; the whole figure is the variant
        "cn-2011~N1.service",
        "jx-2014~J1.service",
        "jx-2019~X2.service",
        "sn-weinan-2019~W1.service",
        "nm-hohhot-2006~H1.service",
        "fj-putian-hanjiang-2009~F2.service",
        # how long a failed cycle bars (N2 必备条件): the following year only is the variant
        "cn-2011~N2.lasts",
        "jx-2014~J1.lasts",
        # 挂钩 / 直接影响: a factor weighed, not a bar, is the variant
        "sn-weinan-2019~W1.linked",
        "jx-2019~X2.affects",
        # 以下 includes the number (民法典 art. 1259): the strict "under 55" is the variant
        "jx-2014~J2.bound",
        # teachers without a title take the junior figures; the senior ones are the variant
        "fj-putian-hanjiang-2009~F2.no_title",
        # 新一轮: a five-year cycle opening in 2019 is the variant
        "jx-2019~X2.round",
        # 不具备远程培训条件: toward the 240 hours only is the variant
        "nm-hohhot-2006~H2.in_lieu",
        # 可参照: a reference figure (a recommendation) is the variant
        "nm-hohhot-2006~H7.reference",
    }
    assert {p.values[0] + "~" + p.values[1] for p in NO_ALTERNATIVES} == {
        "jx-2014~J3.ratio",
        "jx-2019~X2.cycle",
        "fj-putian-hanjiang-2009~F6.pass",
        "fj-putian-hanjiang-2009~F10.year",
        # which remedial fees are refunded (J4): every fee ever paid is not encoded
        "jx-2014~J4.refund",
        # the briefing's date: a policy field, not a rule
        "jx-2019~X2.effective",
    }


@pytest.mark.parametrize(("policy_id", "note_id"), ALTERNATIVES)
def test_alternative_swaps_only_the_named_rules(policy_id, note_id):
    base = policy.get(policy_id)
    note = next(n for n in base.interpretations if n.id == note_id)
    variant = base.alternative(note_id)

    assert variant.id == f"{policy_id}~{note_id}"
    assert variant.parent == policy_id
    assert base.parent is None
    swapped = {rule.id: rule for rule in note.alternative_rules}
    assert [r.id for r in variant.rules] == [r.id for r in base.rules]  # same ids, same order
    for old, new in zip(base.rules, variant.rules, strict=True):
        if old.id in swapped:
            assert new == swapped[old.id]
            assert new != old, f"{old.id}: the alternative must differ from the reading"
        else:
            assert new is old
    # everything else is the base's
    for name in ("title", "region", "effective_from", "effective_to", "documents", "limitations"):
        assert getattr(variant, name) == getattr(base, name), name
    # the note now records the other reading, and the base's rules as its alternative
    flipped = next(n for n in variant.interpretations if n.id == note_id)
    assert (flipped.reading, flipped.alternative) == (note.alternative, note.reading)
    assert flipped.alternative_rules == tuple(base.rule(rule_id) for rule_id in swapped)
    others = [n for n in variant.interpretations if n.id != note_id]
    assert others == [n for n in base.interpretations if n.id != note_id]


@pytest.mark.parametrize(("policy_id", "note_id"), ALTERNATIVES)
def test_alternative_of_the_alternative_gives_back_the_original(policy_id, note_id):
    base = policy.get(policy_id)
    back = base.alternative(note_id).alternative(note_id)
    assert back.rules == base.rules
    assert back.interpretations == base.interpretations
    assert back.parent == f"{policy_id}~{note_id}"


@pytest.mark.parametrize(("policy_id", "note_id"), NO_ALTERNATIVES)
def test_interpretation_without_alternative_rules(policy_id, note_id):
    base = policy.get(policy_id)
    index = [n.id for n in base.interpretations].index(note_id)
    with raises(f"interpretations[{index}].alternative_rules", "policy.no_alternative"):
        base.alternative(note_id)


def test_variant_keeps_a_link_to_its_parent():
    base = policy.get("cn-2011")
    variant = base.variant("cn-2011-local", region="360000")
    assert (variant.id, variant.parent, variant.region) == ("cn-2011-local", "cn-2011", "360000")
    assert base.region == "CN"  # the base is untouched
    with raises("effective_to", "policy.order"):
        base.variant("cn-2011-bad", effective_to=date(2010, 12, 31))


def test_h6_variant_rounds_half_up_to_whole_points():
    # the H6.pass variant: half-up to whole points
    grading = rule_of(policy.get("nm-hohhot-2006~H6.pass"), "H4+H5+H6.course", CourseGrading)
    assert grading.rounding == Rounding(Decimal(1), "ROUND_HALF_UP")


def test_a_period_scheme_starting_after_the_policy_ends_is_rejected():
    # Issue 9 §4: "a period starting after effective_to is accepted" — no longer.
    p = policy.get("cn-2011")
    with pytest.raises(PolicyDataError) as caught:
        attrs.evolve(p, effective_from=date(2005, 1, 1), effective_to=date(2010, 12, 31))
    assert (caught.value.code, caught.value.path) == ("policy.order", "rules[0].start")


def test_an_open_policy_needs_no_effective_to():
    p = policy.get("cn-2011")
    fields = {f.name: getattr(p, f.name) for f in attrs.fields(type(p)) if f.name != "effective_to"}
    assert type(p)(**fields).effective_to is None


# --- requirements: shares, caps, parts and covers -------------------------------------------


def test_a_share_is_at_most_the_whole_and_reads_as_a_fraction() -> None:
    assert str(policy.Share(1, 3)) == "1/3"
    assert policy.Share(3, 3).of(Decimal(360)) == Decimal(360)
    with raises("numerator", "policy.range") as caught:
        policy.Share(4, 3)
    assert caught.value.message == "4/3 is more than the whole requirement"


def test_a_bucket_cannot_cover_itself() -> None:
    assert policy.Cover(surplus_of="a", may_cover="b").may_cover == "b"
    with raises("may_cover", "policy.reference") as caught:
        policy.Cover(surplus_of="a", may_cover="a")
    assert caught.value.message == "a bucket cannot cover itself"


def _part(bucket: str) -> policy.Part:
    return policy.Part(bucket=bucket, minimum=ByTitle.same(Decimal(10)), label=Text("部分", "part"))


def _cap(bucket: str) -> policy.Cap:
    return policy.Cap(bucket=bucket, citation=CITE, at_most=ByTitle.same(Decimal(100)))


@pytest.mark.parametrize(
    ("changes", "path", "code", "message"),
    [
        (
            {"caps": (_cap("other"),)},
            "caps[0]",
            "policy.reference",
            "'other' is not among the buckets the requirement adds up",
        ),
        (
            {"caps": (_cap("training"), _cap("training"))},
            "caps[1]",
            "policy.duplicate",
            "'training' appears twice",
        ),
        (
            {"parts": (_part("other"),)},
            "parts[0]",
            "policy.reference",
            "'other' is not among the buckets the requirement adds up",
        ),
        (
            {"parts": (_part("training"),), "covers": (policy.Cover("extra", "training"),)},
            "covers[0].surplus_of",
            "policy.reference",
            "'extra' has no part in this requirement",
        ),
        (
            {"parts": (_part("training"),), "covers": (policy.Cover("training", "extra"),)},
            "covers[0].may_cover",
            "policy.reference",
            "'extra' has no part in this requirement",
        ),
    ],
)
def test_caps_parts_and_covers_name_the_requirements_buckets_once(
    changes: dict[str, Any], path: str, code: str, message: str
) -> None:
    with raises(path, code) as caught:
        attrs.evolve(HOURS, **changes)
    assert caught.value.message == message


def test_a_requirement_of_every_bucket_may_cap_any_bucket() -> None:
    # no buckets stated: the requirement adds up every bucket, so any bucket may be capped
    every = attrs.evolve(HOURS, buckets=frozenset(), caps=(_cap("other"),))
    assert every.caps[0].bucket == "other"


def test_a_bucket_is_capped_at_most_once_per_scheme() -> None:
    capped = attrs.evolve(HOURS, caps=(_cap("training"),))
    again = attrs.evolve(capped, id="T1.again")
    with raises("rules[4].caps[0].bucket", "policy.duplicate") as caught:
        make_policy((CYCLE, YEAR, COUNT, capped, again))
    assert caught.value.message == (
        "'training' is already capped by T1.hours in scheme T1.cycle; "
        "a bucket is capped at most once per scheme"
    )
    # the same bucket capped in another scheme is another cap
    yearly = attrs.evolve(again, scheme=YEAR.id)
    assert make_policy((CYCLE, YEAR, COUNT, capped, yearly)).rule("T1.again") == yearly


def test_a_requirement_adds_up_buckets_of_one_unit() -> None:
    credit_rule = CountRule(
        id="T1.credits",
        citation=CITE,
        selector=Selector(categories=frozenset({"remote"})),
        bucket="credits",
        unit=policy.Unit.CREDITS,
    )
    both = attrs.evolve(HOURS, buckets=frozenset({"training", "credits"}))
    with raises("rules[4].buckets", "policy.unit") as caught:
        make_policy((CYCLE, YEAR, COUNT, credit_rule, both))
    assert caught.value.message == "T1.hours adds up buckets counted in different units"
    # no buckets stated: every bucket, so both units too
    with raises("rules[4].buckets", "policy.unit"):
        make_policy((CYCLE, YEAR, COUNT, credit_rule, attrs.evolve(HOURS, buckets=frozenset())))
    # one unit: valid
    assert make_policy((CYCLE, YEAR, COUNT, credit_rule, HOURS)).rule("T1.hours") is HOURS


# --- period schemes ----------------------------------------------------------------------------


def test_a_scheme_without_a_start_has_no_periods_of_its_own() -> None:
    undated = attrs.evolve(CYCLE, start=None)
    assert undated.cycle is None
    assert undated.periods(date(2016, 1, 1)) == ()
    assert undated.index_of(date(2016, 1, 1)) is None


def test_the_periods_of_a_scheme_end_on_a_day_a_date_can_hold() -> None:
    periods = CYCLE.periods(date(9995, 12, 31))
    assert (periods[0].start, periods[-1].start, periods[-1].end) == (
        date(2011, 1, 1),
        date(9991, 1, 1),
        date(9996, 1, 1),
    )
    assert CYCLE.index_of(date(9995, 12, 31)) == len(periods) - 1
    with pytest.raises(TrainingRulesError) as caught:
        CYCLE.periods(date(9996, 1, 1))  # 9996-2000 would end in 10001
    assert (caught.value.path, caught.value.code) == ("as_of", "input.range")
    assert caught.value.message == (
        "9996-01-01 lies in a period of T1.cycle that ends after 9999-12-31, the last day "
        "a date can hold"
    )


# --- texts ----------------------------------------------------------------------------------------


def test_a_quote_is_a_string() -> None:
    assert Citation(DOC.number, "一", "").quote == ""
    with raises("quote", "policy.type") as caught:
        Citation(DOC.number, "一", 5)  # type: ignore[arg-type]  # refused
    assert caught.value.message == "expected a string, got int"
