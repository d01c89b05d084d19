"""Tests that kill mutmut's survivors in engine/_plan.py: far-future periods and findings."""

from datetime import date
from decimal import Decimal

import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine import compile_policy
from trainingrules.policy import Citation

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
    assert compile_policy(policy.get("fj-putian-hanjiang-2009")).notes == {
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


def test_only_dated_schemes_with_a_requirement_or_condition_are_measured() -> None:
    """jx-2014's J2.school_years has a start but only a remedial rule uses it: not measured."""
    plan = compile_policy(policy.get("jx-2014"))
    assert [scheme.rule.id for scheme in plan.measured] == ["J1.cycle"]


def test_the_plan_holds_the_fee_schedule_and_whether_service_prorates() -> None:
    """fj-2009 has fee schedule F3.fee; cn-2011 prorates figures by days of service."""
    fj = policy.get("fj-putian-hanjiang-2009")
    fees = compile_policy(fj).fees
    assert fees is not None
    assert fees.id == "F3.fee"
    assert compile_policy(CN).fees is None
    assert compile_policy(CN).prorates is True


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
