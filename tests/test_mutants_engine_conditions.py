"""Tests that kill mutmut's survivors in engine/_conditions.py: F5-F7 conditions of fj-putian.

fj-putian-hanjiang-2009 assesses the year 2009 (F4.year) with written work (F5.written),
an exam (F6.exam, formal then makeup) and attendance (F7.absence).
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine import _conditions, compile_policy
from trainingrules.engine._conditions import conditions_status
from trainingrules.engine._count import count

PUTIAN = policy.get("fj-putian-hanjiang-2009")
TEACHER = tr.Teacher(id="T1", birth_date=date(1970, 5, 4), sex=tr.Sex.FEMALE)
MID_2009, END_2009 = date(2009, 6, 1), date(2010, 1, 1)


def _conditions_of(ev: tr.Evaluation) -> dict[str, tr.ConditionResult]:
    (year,) = ev.periods
    return {c.rule_id: c for c in year.conditions}


def _formal(day: date, score: int) -> tr.ExamSitting:
    return tr.ExamSitting(kind=tr.SittingKind.FORMAL, on=day, score=Decimal(score))


def test_a_formal_sat_on_the_evaluation_day_counts() -> None:
    """F6: a formal sitting on the as-of day (80 points) already passes the exam."""
    assessment = tr.Assessment(sittings=(_formal(MID_2009, 80),))
    ev = tr.evaluate(PUTIAN, TEACHER, [], MID_2009, assessment=assessment)
    assert _conditions_of(ev)["F6.exam"].status is tr.Status.PASSED


def test_written_work_not_yet_handed_in_is_in_progress_before_the_year_ends() -> None:
    """F5: in June 2009 missing written work is still due: in progress, not failed."""
    ev = tr.evaluate(PUTIAN, TEACHER, [], MID_2009, assessment=tr.Assessment())
    conditions = _conditions_of(ev)
    assert conditions["F5.written"].status is tr.Status.IN_PROGRESS
    assert [f.code for f in conditions["F5.written"].findings] == ["written.missing"]


def test_no_absence_is_reported_as_present() -> None:
    """F7: no unexcused absence gives the finding attendance.present, cited to F7."""
    ev = tr.evaluate(PUTIAN, TEACHER, [], MID_2009, assessment=tr.Assessment())
    (finding,) = _conditions_of(ev)["F7.absence"].findings
    assert (finding.code, finding.rule_id) == ("attendance.present", "F7.absence")


def test_an_absence_names_the_year_it_fails() -> None:
    """F7: an unexcused absence fails the continuing education of 2009, as the text says."""
    assessment = tr.Assessment(unexcused_absence=True)
    ev = tr.evaluate(PUTIAN, TEACHER, [], MID_2009, assessment=assessment)
    (finding,) = _conditions_of(ev)["F7.absence"].findings
    assert finding.code == "attendance.absent"
    assert finding.zh == "地方课程培训期间无故缺席，不列入考核对象，2009年继续教育成绩为不合格"


def test_an_exam_not_passed_by_the_end_of_the_year_is_not_completed() -> None:
    """F6: no formal sitting by 2010-01-01: the exam was not passed in 2009, cited to F6."""
    ev = tr.evaluate(PUTIAN, TEACHER, [], END_2009, assessment=tr.Assessment())
    exam = _conditions_of(ev)["F6.exam"]
    assert exam.status is tr.Status.FAILED
    assert [f.code for f in exam.findings] == ["exam.no_formal", "exam.not_completed"]
    last = exam.findings[1]
    assert last.rule_id == "F6.exam"
    assert last.zh == "班主任培训专项考核：2009年已结束，考核未通过"
    assert last.en == "class-teacher exam: 2009 is over and the exam was not passed"


def test_written_work_meeting_every_minimum_is_met() -> None:
    """F5: 5000 characters of notes, 2 posts, 1000 of reflection, handwritten: met."""
    work = tr.WrittenWork(notes_chars=5000, forum_posts=2, reflection_chars=1000, handwritten=True)
    ev = tr.evaluate(PUTIAN, TEACHER, [], MID_2009, assessment=tr.Assessment(written_work=work))
    written = _conditions_of(ev)["F5.written"]
    assert written.status is tr.Status.PASSED
    assert [(f.code, f.rule_id) for f in written.findings] == [("written.met", "F5.written")]


def test_unassessed_conditions_are_decided_per_day() -> None:
    """Without an assessment, 2009's conditions fail once it is over, not before."""
    assert tr.evaluate(PUTIAN, TEACHER, [], END_2009).status is tr.Status.FAILED
    assert tr.evaluate(PUTIAN, TEACHER, [], MID_2009).status is tr.Status.IN_PROGRESS


def test_unassessed_conditions_are_memoised_per_scheme_and_day(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The count decides unassessed conditions once per scheme and day, then reads the memo."""
    plan = compile_policy(PUTIAN)
    plan.unassessed.clear()
    count(plan, TEACHER, (), END_2009, None)
    assert plan.unassessed == {("F4.year", END_2009): tr.Status.FAILED}

    def condition_status(*args: object) -> tr.Status:
        raise AssertionError(args)

    monkeypatch.setattr(_conditions, "condition_status", condition_status)
    assert count(plan, TEACHER, (), END_2009, None).status is tr.Status.FAILED


def test_the_memo_of_unassessed_conditions_holds_at_most_4097_days() -> None:
    """The memo is cleared when it holds more than 4096 entries, before adding one."""
    plan = compile_policy(PUTIAN)
    (scheme,) = plan.measured
    plan.unassessed.clear()
    plan.unassessed.update(
        {("x", date(2000, 1, 1) + timedelta(days=i)): tr.Status.PASSED for i in range(4096)}
    )
    conditions_status(plan, scheme, END_2009, None)
    assert len(plan.unassessed) == 4097
    conditions_status(plan, scheme, MID_2009, None)
    assert plan.unassessed == {("F4.year", MID_2009): tr.Status.IN_PROGRESS}
    plan.unassessed.clear()
