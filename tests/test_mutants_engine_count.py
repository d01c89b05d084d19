"""Tests that kill mutmut's survivors in engine/_count.py: overall status, exclusions, memos.

Expected statuses follow ``Status``: the worst period decides (exempt < passed < not
started < in progress < failed), except that "not started" with a period already
passed is "in progress".
"""

from datetime import date
from decimal import Decimal

import attrs
import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine import compile_policy
from trainingrules.engine._count import count
from trainingrules.policy import HoursRequirement

D = Decimal


def _teacher(**fields: object) -> tr.Teacher:
    return tr.Teacher(id="T1", birth_date=date(1970, 5, 4), sex=tr.Sex.FEMALE, **fields)  # type: ignore[arg-type]


def _record(
    rid: str, hours: str, day: date, course: tr.CourseResult | None = None
) -> tr.TrainingRecord:
    return tr.TrainingRecord(
        id=rid, hours=D(hours), completed_on=day, category="remote", course=course
    )


def test_a_teacher_exempt_from_every_period_is_exempt_overall() -> None:
    """N1.service: retired before 2011, every period is exempt, so the teacher is exempt."""
    retired = _teacher(employed_to=date(2010, 12, 31))
    ev = tr.evaluate(policy.get("cn-2011"), retired, [], date(2016, 1, 1))
    assert [p.status for p in ev.periods] == [tr.Status.EXEMPT, tr.Status.EXEMPT]
    assert ev.status is tr.Status.EXEMPT


def test_before_the_first_cycle_the_teacher_has_not_started() -> None:
    """N1: on 2010-06-01 the 2011-2015 cycle has not begun: overall not started."""
    ev = tr.evaluate(policy.get("cn-2011"), _teacher(), [], date(2010, 6, 1))
    assert [p.status for p in ev.periods] == [tr.Status.NOT_STARTED]
    assert ev.status is tr.Status.NOT_STARTED


def test_a_passed_window_before_unstarted_years_is_in_progress() -> None:
    """H1 met early (240 h in 2005) while H2's years (from 2006) have not begun: in progress."""
    hohhot = policy.get("nm-hohhot-2006")
    ev = tr.evaluate(hohhot, _teacher(), [_record("R1", "240", date(2005, 3, 1))], date(2005, 6, 1))
    by_scheme = {p.scheme: p.status for p in ev.periods}
    assert by_scheme == {"H1.window": tr.Status.PASSED, "H2.years": tr.Status.NOT_STARTED}
    assert ev.status is tr.Status.IN_PROGRESS


def test_a_failed_course_does_not_stop_the_count_of_later_records() -> None:
    """H4-H6: R1's course fails (0 points), so R1 is excluded; R2 after it still counts."""
    failed = tr.CourseResult(
        hours_required=D(20),
        hours_completed=D(20),
        homework_passed=True,
        coursework_score=D(0),
        final_score=D(0),
    )
    records = [
        _record("R1", "20", date(2006, 3, 1), course=failed),
        _record("R2", "48", date(2006, 4, 1)),
    ]
    ev = tr.evaluate(policy.get("nm-hohhot-2006"), _teacher(), records, date(2009, 1, 1))
    assert ev.entry("R1").counted is False
    assert ev.entry("R1").credited == D(0)
    assert ev.entry("R2").counted is True
    assert ev.entry("R2").credited == D(48)


def test_a_partly_serving_teacher_is_measured_from_the_policys_first_cycle() -> None:
    """X2 (jx-2019) measures from its 2016-2020 cycle, also for prorated (partial) service."""
    hired = _teacher(employed_from=date(2013, 1, 1))
    ev = tr.evaluate(policy.get("jx-2019"), hired, [], date(2021, 1, 1))
    assert [p.period.start for p in ev.periods] == [date(2016, 1, 1), date(2021, 1, 1)]


def test_no_day_of_service_asks_neither_hours_nor_the_assessment() -> None:
    """F1 (all in-service teaching staff): retired before 2009, the year asks nothing.

    No hours are owed (F2.service prorates by days: none), and the written work and
    exams of F5-F7 are not due either: the year is exempt, not failed. With one day
    of service the assessment is due again, and without written work the year fails.
    """
    p = policy.get("fj-putian-hanjiang-2009")
    retired = _teacher(employed_to=date(2008, 12, 31))
    (year,) = tr.evaluate(p, retired, [], date(2010, 1, 1)).periods
    assert [r.required for r in year.requirements] == [None, None, None, None]
    assert year.status is tr.Status.EXEMPT
    one_day = _teacher(employed_to=date(2009, 1, 1))
    (year,) = tr.evaluate(p, one_day, [], date(2010, 1, 1)).periods
    assert year.status is tr.Status.FAILED


def test_count_reads_the_plans_memo_of_record_kinds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hot path looks a record's kind up in the plan's memo before classifying it."""
    plan = compile_policy(policy.get("cn-2011"))
    records = (_record("R1", "10", date(2012, 3, 1)),)
    first = count(plan, _teacher(), records, date(2016, 1, 1), None)

    def classify(record: tr.TrainingRecord) -> object:
        raise AssertionError(record.id)

    monkeypatch.setattr(plan, "classify", classify)
    again = count(plan, _teacher(), records, date(2016, 1, 1), None)
    assert again.placed == first.placed


def test_count_reads_the_plans_memo_of_period_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hot path looks up how many periods exist on a day before measuring again."""
    plan = compile_policy(policy.get("cn-2011"))
    first = count(plan, _teacher(), (), date(2016, 1, 1), None)

    def measure(as_of: date) -> list[int]:
        raise AssertionError(as_of)

    monkeypatch.setattr(plan, "measure", measure)
    again = count(plan, _teacher(), (), date(2016, 1, 1), None)
    assert again.lasts == first.lasts == [2]


def _assessment_only() -> policy.Policy:
    """F4-F7 of fj-putian-hanjiang-2009 without its hours (F2): the year asks only the
    assessment (written work, exams, attendance) of every in-service teacher."""
    p = policy.get("fj-putian-hanjiang-2009")
    rules = tuple(r for r in p.rules if not isinstance(r, HoursRequirement))
    return attrs.evolve(p, rules=rules, interpretations=())


def _year_2009(teacher: tr.Teacher) -> tr.Status:
    (year,) = tr.evaluate(_assessment_only(), teacher, [], date(2010, 1, 1)).periods
    assert year.requirements == ()
    return year.status


def test_a_year_without_hours_still_asks_the_assessment() -> None:
    """No hours figure applies, but F5-F7 do: without written work 2009 fails (not exempt)."""
    assert _year_2009(_teacher()) is tr.Status.FAILED


def test_a_prorated_year_without_hours_still_asks_the_assessment_while_serving() -> None:
    """Hired on 2009-07-01 (F2.service prorates): no hours apply, the assessment does."""
    assert _year_2009(_teacher(employed_from=date(2009, 7, 1))) is tr.Status.FAILED


def test_one_day_of_service_is_enough_for_the_assessment_to_be_due() -> None:
    """F1: served only 2009-01-01, the assessment is due (failed); with no day, exempt."""
    assert _year_2009(_teacher(employed_to=date(2009, 1, 1))) is tr.Status.FAILED
    assert _year_2009(_teacher(employed_to=date(2008, 12, 31))) is tr.Status.EXEMPT


def test_count_names_an_item_that_is_not_a_record() -> None:
    """``count`` itself refuses a non-record (``evaluate`` checks records before it)."""
    plan = compile_policy(policy.get("cn-2011"))
    items: tuple[object, ...] = (_record("R1", "10", date(2012, 3, 1)), "R2")
    with pytest.raises(tr.InvalidInputError) as raised:
        count(plan, _teacher(), items, date(2016, 1, 1), None)  # type: ignore[arg-type]
    assert raised.value.path == "records[1]"
    assert raised.value.code == "input.type"
