"""Tests that kill mutmut's survivors in engine/_plan.py: far-future periods and findings."""

from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules._messages import Words
from trainingrules.engine import Placement, Plan, compile_policy
from trainingrules.engine._plan import RECORD_KEY
from trainingrules.policy import ByTitle, Citation, Text

CN = policy.get("cn-2011")  # N1.cycle: five-year cycles from 2011-01-01
TEACHER = tr.Teacher(id="T1", birth_date=date(1970, 5, 4), sex=tr.Sex.FEMALE)


def test_the_last_cycle_a_date_can_hold_is_measured() -> None:
    """N1's cycle 9991-9995 ends on 9996-01-01, which a date holds: it is evaluated."""
    ev = tr.evaluate(CN, TEACHER, [], date(9995, 6, 1))
    assert ev.periods[-1].period == tr.Period(date(9991, 1, 1), date(9996, 1, 1))


def test_an_evaluation_date_in_a_cycle_ending_after_9999_is_refused() -> None:
    """N1's cycle from 9996-01-01 would end in 10001: input.range on ``as_of``."""
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(CN, TEACHER, [], date(9998, 6, 1))
    error = caught.value
    assert (error.message, error.path, error.code) == (
        (
            "9998-06-01 lies in the period of N1.cycle from 9996-01-01, which ends after "
            "9999-12-31, the last day a date can hold"
        ),
        "as_of",
        "input.range",
    )


def test_a_finding_without_a_rule_has_no_rule_id_and_no_citation() -> None:
    """``Plan.finding`` with no rule: the code and message only, nothing cited."""
    finding = compile_policy(CN).finding("written.met", None)
    assert finding == tr.Finding(
        "written.met",
        "",
        None,
        (),
        "书面作业符合要求",
        "written work meets the requirements",
    )


def test_a_finding_cited_to_another_clause_keeps_everything_else() -> None:
    """``Plan.cited`` replaces the citation only (a cap or activity cites its own clause)."""
    plan = compile_policy(CN)
    (scheme,) = plan.measured
    rule = scheme.rule
    finding = plan.finding("written.met", rule)
    clause = Citation(document="D", clause="C", quote="Q")
    cited = plan.cited(clause, finding)
    assert cited == tr.Finding(
        "written.met",
        rule.id,
        clause,
        finding.interpretations,
        finding.zh,
        finding.en,
    )
    assert cited.citation != finding.citation


def _variant(ratio: str, rounding: dict[str, str] | None) -> policy.Policy:
    """cn-2011 with its count rule's ratio and rounding replaced."""
    data = policy.to_dict(CN)
    for rule in data["rules"]:
        if rule["kind"] == "count_rule":
            rule["ratio"], rule["rounding"] = ratio, rounding
    return policy.from_dict(data)


RECORD = tr.TrainingRecord(
    id="R1", hours=Decimal(3), completed_on=date(2012, 1, 1), category="remote"
)


@pytest.mark.parametrize(
    ("ratio", "rounding", "converts"),
    [
        ("2", None, True),
        ("1", {"quantum": "1", "mode": "ROUND_HALF_UP"}, True),
        ("1", None, False),
    ],
)
def test_a_placement_converts_when_its_rule_has_a_ratio_or_a_rounding(
    ratio: str, rounding: dict[str, str] | None, *, converts: bool
) -> None:
    """``Placement.converts``: a ratio other than 1, or any rounding; a plain rule does not."""
    found = compile_policy(_variant(ratio, rounding)).classify(RECORD)
    assert isinstance(found, tr.engine.Placement)
    assert found.converts is converts


def test_a_ratio_without_rounding_converts_the_hours_counted() -> None:
    """A ratio of 2 with no rounding: 3 hours count as 6."""
    ev = tr.evaluate(_variant("2", None), TEACHER, [RECORD], date(2013, 1, 1))
    assert ev.periods[0].requirements[0].counted == 6


def test_each_rule_depends_on_its_own_its_schemes_and_its_triggers_notes() -> None:
    """fj-2009: F2.total keeps both notes, F9.remedial its trigger's, requirements F2.service."""
    assert Plan(policy.get("fj-putian-hanjiang-2009")).notes == {
        "F4.year": ("F4.year",),
        "F2.required": ("F4.year", "F2.service"),
        "F2.network": ("F2.no_title", "F4.year", "F2.service"),
        "F2.local": ("F4.year", "F2.service"),
        "F2.total": ("F2.totals", "F2.no_title", "F4.year", "F2.service"),
        "F5.written": ("F4.year",),
        "F6.exam": ("F6.pass", "F4.year"),
        "F7.absence": ("F4.year",),
        "F9.remedial": ("F4.year",),
        "F10.no_promotion": ("F10.year",),
        "F2.service": ("F2.service",),
    }


def test_a_dated_scheme_is_measured_only_if_a_requirement_or_condition_uses_it() -> None:
    """jx-2014's J2.school_years has a start but only a remedial rule uses it: not measured."""
    plan = Plan(policy.get("jx-2014"))
    assert [scheme.rule.id for scheme in plan.measured] == ["J1.cycle"]


def test_a_plan_holds_its_fee_schedule_and_whether_service_prorates() -> None:
    """fj-2009 has fee schedule F3.fee; cn-2011 prorates figures by days of service."""
    fj = policy.get("fj-putian-hanjiang-2009")
    fees = Plan(fj).fees
    assert fees is not None
    assert fees.id == "F3.fee"
    assert Plan(CN).fees is None
    assert Plan(CN).prorates is True


def test_a_teacher_hired_mid_cycle_has_a_prorated_figure() -> None:
    """cn-2011, hired 2013-01-01: 360 hours × the days served in 2011-2015 = 216."""
    teacher = tr.Teacher(
        id="T1", birth_date=date(1970, 5, 4), sex=tr.Sex.FEMALE, employed_from=date(2013, 1, 1)
    )
    ev = tr.evaluate(CN, teacher, [], date(2014, 1, 1))
    assert ev.periods[0].requirements[0].required == 216


def test_a_requirement_of_a_policy_without_count_rules_is_in_hours() -> None:
    """No count rule fills a bucket: the requirement's unit is hours."""
    data = policy.to_dict(CN)
    data["rules"] = [rule for rule in data["rules"] if rule["kind"] != "count_rule"]
    bare = policy.from_dict(data)
    ev = tr.evaluate(bare, TEACHER, [], date(2016, 3, 1))
    assert ev.periods[0].requirements[0].unit is tr.Unit.HOURS


def test_a_scheme_starting_centuries_before_the_policy_measures_from_its_entry_into_force() -> None:
    """cn-2011's cycle anchored on 1801-01-01: periods from 2011, compiled past the 200 years."""
    data = policy.to_dict(CN)
    for rule in data["rules"]:
        if rule["kind"] == "period_scheme":
            rule["start"] = "1801-01-01"
    ev = tr.evaluate(policy.from_dict(data), TEACHER, [], date(2016, 3, 1))
    assert [result.period for result in ev.periods] == [
        tr.Period(date(2011, 1, 1), date(2016, 1, 1)),
        tr.Period(date(2016, 1, 1), date(2021, 1, 1)),
    ]


def test_a_scheme_anchored_centuries_before_is_compiled_to_its_entry_into_force() -> None:
    """Anchored 1801, in force 2011: the 200 years from 1801 end before 2011, so every
    boundary is compiled and the first measured period is the one from 2011."""
    data = policy.to_dict(CN)
    for rule in data["rules"]:
        if rule["kind"] == "period_scheme":
            rule["start"] = "1801-01-01"
    (scheme,) = Plan(policy.from_dict(data)).measured
    assert scheme.period(scheme.first) == tr.Period(date(2011, 1, 1), date(2016, 1, 1))


def test_a_policy_measures_the_period_it_comes_into_force_in_from_any_earlier_date() -> None:
    """jx-2019 (in force 2019-04-01) measures X2.cycle from its period 2016-2020 on."""
    (scheme,) = Plan(policy.get("jx-2019")).measured
    assert scheme.period(scheme.first) == tr.Period(date(2016, 1, 1), date(2021, 1, 1))
    assert scheme.measured(date(2014, 6, 1)) == 2  # before it: still that period
    assert scheme.measured(date(2019, 6, 1)) == 2
    assert scheme.measured(date(2021, 6, 1)) == 3


def test_a_scheme_counts_only_the_buckets_its_requirements_sum() -> None:
    """nm-2006 H2.years sums remote hours only; H1.window's requirement sums every bucket."""
    window, years = Plan(policy.get("nm-hohhot-2006")).measured
    assert (window.rule.id, window.buckets) == ("H1.window", None)
    assert (years.rule.id, years.buckets) == ("H2.years", frozenset({"remote"}))


def test_a_scheme_with_conditions_only_counts_every_bucket() -> None:
    """fj-2009 without its hours requirements: F4.year holds only conditions (F5-F7)."""
    fj = policy.get("fj-putian-hanjiang-2009")
    rules = tuple(r for r in fj.rules if not isinstance(r, policy.HoursRequirement))
    kept = {r.id for r in rules}
    notes = tuple(n for n in fj.interpretations if set(n.rules) <= kept)
    (scheme,) = Plan(attrs.evolve(fj, rules=rules, interpretations=notes)).measured
    assert (scheme.requirements, len(scheme.conditions), scheme.buckets) == ((), 3, None)


CLAUSE = CN.rule("N1.hours").citation  # a clause among the policy's documents
LABEL = Text("其中", "within")


def _hours_with(**changes: Any) -> policy.Policy:
    """cn-2011 with its requirement N1.hours changed."""
    rules = tuple(attrs.evolve(r, **changes) if r.id == "N1.hours" else r for r in CN.rules)
    return attrs.evolve(CN, rules=rules)


@pytest.mark.parametrize(
    "changes",
    [
        {
            "caps": (
                policy.Cap(bucket="training", citation=CLAUSE, at_most=ByTitle.same(Decimal(100))),
            )
        },
        {
            "parts": (
                policy.Part(bucket="training", minimum=ByTitle.same(Decimal(10)), label=LABEL),
            )
        },
        {
            "including": policy.Activity(
                minimum=Decimal(10), by=policy.ActivityBy.RECORD, label=LABEL, citation=CLAUSE
            )
        },
    ],
    ids=["caps", "parts", "including"],
)
def test_a_scheme_with_a_cap_a_part_or_an_activity_is_not_simple(changes: dict[str, Any]) -> None:
    """``simple`` (the count's plain path: sums against figures) needs none of the three."""
    (scheme,) = Plan(_hours_with(**changes)).measured
    assert scheme.simple is False


def test_a_scheme_of_plain_requirements_is_simple() -> None:
    """cn-2011's N1.hours has no caps, parts or activity: the count compares plain sums."""
    (scheme,) = Plan(CN).measured
    assert scheme.simple is True


REMOTE_KIND = tr.TrainingRecord(
    id="R2", hours=Decimal(5), completed_on=date(2013, 1, 1), category="remote"
)
OTHER_KIND = tr.TrainingRecord(
    id="R3", hours=Decimal(5), completed_on=date(2013, 1, 1), category="face_to_face"
)


def test_a_record_kind_is_classified_once() -> None:
    """``Plan.classify`` memoises by kind: a second remote record gets the same placement."""
    plan = Plan(CN)
    first = plan.classify(RECORD)
    assert isinstance(first, Placement)
    assert plan.classify(REMOTE_KIND) is first
    assert plan.dispatch == {RECORD_KEY(RECORD): first}


def test_the_record_kind_memo_is_emptied_when_a_new_kind_finds_it_over_65536() -> None:
    """The memo stays bounded: at 65536 kinds a new kind is added, above it the memo restarts."""
    plan = Plan(CN)
    plan.dispatch.update({("kind", i): tr.Exclusion.RULED_OUT for i in range(65536)})
    first = plan.classify(RECORD)
    assert len(plan.dispatch) == 65537
    assert plan.dispatch[RECORD_KEY(RECORD)] is first
    other = plan.classify(OTHER_KIND)
    assert plan.dispatch == {RECORD_KEY(OTHER_KIND): other}


def test_the_periods_measured_as_of_a_date_are_computed_once() -> None:
    """``Plan.measure`` memoises by date: cn-2011 as of 2016-03-01 measures 2 cycles."""
    plan = Plan(CN)
    lasts = plan.measure(date(2016, 3, 1))
    assert lasts == [2]
    assert plan.measure(date(2016, 3, 1)) is lasts
    assert plan.lasts == {date(2016, 3, 1): lasts}


def test_the_date_memo_is_emptied_when_a_new_date_finds_it_over_4096() -> None:
    """The memo stays bounded: at 4096 dates a new date is added, above it the memo restarts."""
    plan = Plan(CN)
    plan.lasts.update({date.fromordinal(1 + i): [1] for i in range(4096)})
    assert plan.measure(date(2016, 3, 1)) == [2]
    assert len(plan.lasts) == 4097
    assert plan.measure(date(2021, 3, 1)) == [3]
    assert plan.lasts == {date(2021, 3, 1): [3]}


def test_a_policy_in_force_in_a_period_no_date_can_end_is_refused_whatever_the_date() -> None:
    """cn-2011 in force from 9997: its first period (from 9996-01-01) would end in 10001,
    and a policy measures at least the period it comes into force in: input.range."""
    late = attrs.evolve(CN, effective_from=date(9997, 1, 1))
    (scheme,) = Plan(late).measured
    assert scheme.period(scheme.first - 1) == tr.Period(date(9991, 1, 1), date(9996, 1, 1))
    with pytest.raises(tr.InvalidInputError) as caught:
        scheme.measured(date(2020, 1, 1))
    assert (caught.value.message, caught.value.path, caught.value.code) == (
        (
            "2020-01-01 lies in the period of N1.cycle from 9996-01-01, which ends after "
            "9999-12-31, the last day a date can hold"
        ),
        "as_of",
        "input.range",
    )


def test_a_date_on_the_last_boundary_compiled_ahead_is_measured() -> None:
    """cn-2011 compiles 200 years (to 2211-01-01); as of that day, the 41st cycle is measured."""
    (scheme,) = Plan(CN).measured
    assert scheme.measured(date(2211, 1, 1)) == 41
    assert scheme.measured(date(2210, 12, 31)) == 40


def test_a_scheme_names_each_period_once_for_the_ledger_and_the_messages() -> None:
    """``SchemePlan.label``: the ledger's ``N1.cycle 2011–2015`` and the messages' words."""
    (scheme,) = Plan(CN).measured
    first = scheme.label(0)
    assert first == (
        "N1.cycle 2011–2015",
        Words("2011–2015年五年培训周期", "five-year training cycle 2011–2015"),
    )
    assert scheme.label(0) is first  # made once, then remembered
    assert scheme.label(1) == (
        "N1.cycle 2016–2020",
        Words("2016–2020年五年培训周期", "five-year training cycle 2016–2020"),
    )
    assert set(scheme.labels) == {0, 1}
