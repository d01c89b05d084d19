"""Tests that kill mutmut's survivors in engine/_plan.py: far-future periods and findings."""

from datetime import date

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
