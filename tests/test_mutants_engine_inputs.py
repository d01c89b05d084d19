"""Tests that kill mutmut's survivors in engine/_inputs.py: evaluate's argument checks.

Each wrong argument is refused with an exact message, the path of the field and a code.
"""

import types
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine._inputs import canonical

CN = policy.get("cn-2011")
JX = policy.get("jx-2014")  # region 360000, schemes J1.cycle (5 years) and J2.school_years
TEACHER = tr.Teacher(id="T1", birth_date=date(1970, 5, 1), sex=tr.Sex.FEMALE)
AS_OF = date(2016, 1, 1)


def _record(rid: str) -> tr.TrainingRecord:
    return tr.TrainingRecord(
        id=rid, hours=Decimal(10), completed_on=date(2012, 3, 1), category="remote"
    )


def _error(call: Callable[[], object]) -> tuple[str, str, str]:
    """The (message, path, code) of the ``InvalidInputError`` that ``call`` raises."""
    with pytest.raises(tr.InvalidInputError) as caught:
        call()
    return caught.value.message, caught.value.path, caught.value.code


def _outcome(scheme: str, start: date) -> tr.Outcome:
    return tr.Outcome(scheme=scheme, start=start, passed=False)


def test_policy_of_the_wrong_type() -> None:
    """evaluate's first argument must be a Policy, not its id."""
    assert _error(lambda: tr.evaluate("cn-2011", TEACHER, [], AS_OF)) == (  # type: ignore[arg-type]
        "expected a Policy, got str",
        "policy",
        "input.type",
    )


def test_teacher_of_the_wrong_type() -> None:
    """evaluate's teacher must be a Teacher."""
    assert _error(lambda: tr.evaluate(CN, {"id": "T1"}, [], AS_OF)) == (  # type: ignore[arg-type]
        "expected a Teacher, got dict",
        "teacher",
        "input.type",
    )


def test_as_of_must_be_a_date_not_a_datetime() -> None:
    """The evaluation date is a day: a datetime is refused."""
    assert _error(lambda: tr.evaluate(CN, TEACHER, [], datetime(2016, 1, 1))) == (  # noqa: DTZ001
        "expected a date",
        "as_of",
        "input.type",
    )


def test_teacher_outside_the_policy_region() -> None:
    """A Beijing teacher is outside Jiangxi's policy: input.region on teacher.region."""
    beijing = tr.Teacher(id="T1", birth_date=date(1970, 5, 1), sex=tr.Sex.FEMALE, region="110000")
    assert _error(lambda: tr.evaluate(JX, beijing, [], AS_OF)) == (
        "the teacher's region 110000 is outside the policy's region 360000 (jx-2014)",
        "teacher.region",
        "input.region",
    )


def test_assessment_of_the_wrong_type() -> None:
    """An assessment must be an Assessment."""
    assert _error(lambda: tr.evaluate(CN, TEACHER, [], AS_OF, assessment=[])) == (  # type: ignore[arg-type]
        "expected an Assessment, got list",
        "assessment",
        "input.type",
    )


@pytest.mark.parametrize(("records", "kind"), [("abc", "str"), (5, "int"), ({}, "dict")])
def test_records_must_be_an_iterable_of_records(records: object, kind: str) -> None:
    """Text, a number or a mapping is not a collection of training records."""
    assert _error(lambda: tr.evaluate(CN, TEACHER, records, AS_OF)) == (  # type: ignore[arg-type]
        f"expected an iterable of training records, got {kind}",
        "records",
        "input.type",
    )


def test_records_given_as_a_generator_are_read() -> None:
    """Any iterable of records is accepted, not only a list or tuple."""
    ev = tr.evaluate(CN, TEACHER, (_record(rid) for rid in ("A", "B")), AS_OF)
    assert [r.id for r in ev.records] == ["A", "B"]


def test_outcomes_must_be_an_iterable_of_outcomes() -> None:
    """Text is not a collection of outcomes."""
    assert _error(lambda: tr.evaluate(CN, TEACHER, [], AS_OF, outcomes="J2")) == (  # type: ignore[arg-type]
        "expected an iterable of outcomes, got str",
        "outcomes",
        "input.type",
    )


def test_an_outcome_of_the_wrong_type_is_named_by_index() -> None:
    """Each outcome must be an Outcome; the path names its index."""
    assert _error(lambda: tr.evaluate(JX, TEACHER, [], AS_OF, outcomes=[3])) == (  # type: ignore[list-item]
        "expected an Outcome, got int",
        "outcomes[0]",
        "input.type",
    )


def test_an_outcome_for_an_unknown_scheme_lists_the_schemes() -> None:
    """An outcome names one of the policy's period schemes; the error lists them."""
    outcome = _outcome("X9", date(2012, 9, 1))
    assert _error(lambda: tr.evaluate(JX, TEACHER, [], AS_OF, outcomes=[outcome])) == (
        "the policy has no period scheme 'X9' (it has: J1.cycle, J2.school_years)",
        "outcomes[0].scheme",
        "input.unknown_scheme",
    )


@pytest.mark.parametrize("start", [date(2012, 10, 1), date(2013, 1, 1), date(2012, 8, 31)])
def test_an_outcome_must_start_on_a_period_start(start: date) -> None:
    """J2's school years start on 1 September; another day is input.period on .start."""
    outcome = _outcome("J2.school_years", start)
    assert _error(lambda: tr.evaluate(JX, TEACHER, [], AS_OF, outcomes=[outcome])) == (
        f"{start} is not the start of a period of J2.school_years",
        "outcomes[0].start",
        "input.period",
    )


def test_an_outcome_on_a_period_start_is_accepted() -> None:
    """1 September 2013 starts a J2 school year: the outcome is taken."""
    outcome = _outcome("J2.school_years", date(2013, 9, 1))
    ev = tr.evaluate(JX, TEACHER, [], AS_OF, outcomes=[outcome])
    assert ev.as_of == AS_OF


def test_an_outcome_for_a_cycle_ending_after_9999_is_out_of_range() -> None:
    """N1's five-year cycle from 9996-01-01 would end in 10001: input.range on .start."""
    outcome = _outcome("N1.cycle", date(9996, 1, 1))
    assert _error(lambda: tr.evaluate(CN, TEACHER, [], AS_OF, outcomes=[outcome])) == (
        (
            "the period of N1.cycle from 9996-01-01 ends after 9999-12-31, "
            "the last day a date can hold"
        ),
        "outcomes[0].start",
        "input.range",
    )


def test_an_unanchored_scheme_takes_outcomes_up_to_the_last_whole_period() -> None:
    """F10's unanchored five-year periods: one from 9994 ends in 9999, one from 9995 cannot."""
    putian = policy.get("fj-putian-hanjiang-2009")
    fits = _outcome("F10.cycle", date(9994, 1, 1))
    assert tr.evaluate(putian, TEACHER, [], AS_OF, outcomes=[fits]).as_of == AS_OF
    late = _outcome("F10.cycle", date(9995, 1, 1))
    assert _error(lambda: tr.evaluate(putian, TEACHER, [], AS_OF, outcomes=[late])) == (
        (
            "the period of F10.cycle from 9995-01-01 ends after 9999-12-31, "
            "the last day a date can hold"
        ),
        "outcomes[0].start",
        "input.range",
    )


def test_two_outcomes_for_one_period_are_a_duplicate() -> None:
    """One outcome per scheme and period: the second is input.duplicate."""
    one = _outcome("J2.school_years", date(2013, 9, 1))
    assert _error(lambda: tr.evaluate(JX, TEACHER, [], AS_OF, outcomes=[one, one])) == (
        "two outcomes for J2.school_years from 2013-09-01",
        "outcomes[1]",
        "input.duplicate",
    )


def test_an_item_that_is_not_a_record_is_named_by_index() -> None:
    """The second item is text: refused with the path records[1]."""
    records = [_record("A"), "B"]
    assert _error(lambda: tr.evaluate(CN, TEACHER, records, AS_OF)) == (  # type: ignore[arg-type]
        "expected a TrainingRecord, got str",
        "records[1]",
        "input.type",
    )


def test_an_object_that_only_looks_like_a_record_is_refused() -> None:
    """An object with a record's attributes was never validated: refused, not counted.

    Its hours are a negative float, which a ``TrainingRecord`` refuses; it used to be
    counted (the type was checked only when an attribute was missing).
    """
    real = _record("A")
    duck = types.SimpleNamespace(
        **{f.name: getattr(real, f.name) for f in attrs.fields(type(real))}
    )
    duck.id, duck.hours = "B", -5.5
    records = [real, duck]
    assert _error(lambda: tr.evaluate(CN, TEACHER, records, AS_OF)) == (  # type: ignore[arg-type]
        "expected a TrainingRecord, got SimpleNamespace",
        "records[1]",
        "input.type",
    )


def test_a_repeated_record_id_names_the_second_one() -> None:
    """Record ids are unique: the third record repeats A and is refused on its id."""
    records = [_record("A"), _record("B"), _record("A")]
    assert _error(lambda: tr.evaluate(CN, TEACHER, records, AS_OF)) == (
        "duplicate record id 'A'",
        "records[2].id",
        "input.duplicate",
    )


def test_a_record_is_placed_in_results_by_completion_date_then_id() -> None:
    """``canonical``: the ledger's order, whatever the input's."""
    early = attrs.evolve(_record("Z"), completed_on=date(2011, 5, 5))
    same_day = [_record("B"), _record("A")]
    assert canonical(early) == (date(2011, 5, 5), "Z")
    assert sorted([*same_day, early], key=canonical) == [early, same_day[1], same_day[0]]
