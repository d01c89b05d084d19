"""Tests that kill mutmut's survivors in records.py: each field check's limits and errors."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import count
from typing import Any

import pytest

import trainingrules as tr
from trainingrules._limits import MAX_ITEMS
from trainingrules.records import Assessment, CourseResult, ExamSitting, Outcome, WrittenWork

RECORD: dict[str, Any] = {
    "id": "R1",
    "hours": "1",
    "completed_on": date(2020, 1, 1),
    "category": "remote",
}
TEACHER: dict[str, Any] = {"id": "T1", "birth_date": date(1970, 1, 1), "sex": "male"}


def _error(build: Callable[[], object]) -> tuple[str, str, str]:
    """The message, path and code of the ``InvalidInputError`` that ``build`` raises."""
    with pytest.raises(tr.InvalidInputError) as caught:
        build()
    error = caught.value
    return error.message, error.path, error.code


def test_hours_above_the_hours_limit_are_refused_with_its_reason() -> None:
    """Hours are capped at MAX_HOURS (100,000), not at the general MAX_AMOUNT."""
    assert _error(lambda: tr.TrainingRecord(**{**RECORD, "hours": Decimal(100_001)})) == (
        "100001 is above the limit 100,000: a whole career of full-time days is 80,000 hours",
        "hours",
        "input.range",
    )
    assert _error(
        lambda: CourseResult(coursework_score=Decimal(50), hours_required=Decimal(100_001))
    )[1:] == (
        "hours_required",
        "input.range",
    )


def test_hours_at_the_limit_are_accepted() -> None:
    """100,000 hours is the largest record accepted."""
    assert tr.TrainingRecord(**{**RECORD, "hours": 100_000}).hours == Decimal(100_000)


def test_a_record_starting_after_its_completion_names_both_days() -> None:
    """``started_on`` after ``completed_on``: input.order with both days in the message."""
    assert _error(lambda: tr.TrainingRecord(**{**RECORD, "started_on": date(2020, 1, 2)})) == (
        "starts on 2020-01-02, after it was completed on 2020-01-01",
        "started_on",
        "input.order",
    )


def test_flags_keep_their_value_and_refuse_non_booleans() -> None:
    """A flag is a real bool: True stays True, 1 is refused at the field's path."""
    assert Assessment(unexcused_absence=True).unexcused_absence is True
    assert WrittenWork(1, 2, 3, handwritten=True).handwritten is True
    assert _error(lambda: Assessment(unexcused_absence=1)) == (  # type: ignore[arg-type]
        "expected bool, got int",
        "unexcused_absence",
        "input.type",
    )


def test_ids_are_checked_as_text_at_their_path() -> None:
    """An id: a string, not empty, at most 200 characters; kept as given."""
    assert tr.TrainingRecord(**{**RECORD, "id": "x" * 200}).id == "x" * 200
    assert _error(lambda: tr.TrainingRecord(**{**RECORD, "id": "x" * 201})) == (
        "201 characters, more than the 200 allowed",
        "id",
        "input.too_long",
    )
    assert _error(lambda: tr.TrainingRecord(**{**RECORD, "category": ""})) == (
        "must not be empty",
        "category",
        "input.empty",
    )
    assert _error(lambda: tr.TrainingRecord(**{**RECORD, "id": 5})) == (
        "expected a string, got int",
        "id",
        "input.type",
    )


def test_codes_are_strings_of_at_most_200_characters_possibly_empty() -> None:
    """A code (programme, activity, source) may be empty, not longer than 200, not an int."""
    record = tr.TrainingRecord(**{**RECORD, "programme": "guopei", "activity": ""})
    assert (record.programme, record.activity) == ("guopei", "")
    assert tr.TrainingRecord(**{**RECORD, "activity": "a" * 200}).activity == "a" * 200
    assert _error(lambda: tr.TrainingRecord(**{**RECORD, "programme": "x" * 201})) == (
        "201 characters, more than the 200 allowed",
        "programme",
        "input.too_long",
    )
    assert _error(lambda: Outcome("s", date(2020, 1, 1), passed=True, source=3)) == (  # type: ignore[arg-type]
        "expected str, got int",
        "source",
        "input.type",
    )


def test_a_region_is_kept_checked_against_the_table_or_left_empty() -> None:
    """A known code is kept, an empty one stays empty, an unknown one is region.unknown."""
    assert tr.Teacher(**{**TEACHER, "region": "350303"}).region == "350303"
    assert tr.Teacher(**TEACHER).region == ""
    assert _error(lambda: tr.Teacher(**{**TEACHER, "region": "999999"})) == (
        "999999 is not a GB/T 2260 code of any edition 198012–201904",
        "region",
        "region.unknown",
    )
    assert _error(lambda: tr.Teacher(**{**TEACHER, "region": 350303})) == (
        "expected str, got int",
        "region",
        "input.type",
    )


def test_roles_are_read_from_any_iterable_each_checked_at_its_index() -> None:
    """Roles from a generator are kept; an empty role is refused at ``roles[i]``."""
    teacher = tr.Teacher(**{**TEACHER, "roles": (r for r in ("a", "b"))})
    assert teacher.roles == frozenset({"a", "b"})
    assert _error(lambda: tr.Teacher(**{**TEACHER, "roles": ["a", ""]})) == (
        "must not be empty",
        "roles[1]",
        "input.empty",
    )


@pytest.mark.parametrize(("field", "what"), [("roles", "role names"), ("leaves", "periods")])
@pytest.mark.parametrize("value", ["abc", 5, {"a": 1}])
def test_a_teacher_list_that_is_not_a_list_is_refused(field: str, what: str, value: object) -> None:
    """A string, a mapping or a non-iterable is not a list of roles or leaves."""
    assert _error(lambda: tr.Teacher(**{**TEACHER, field: value})) == (
        f"expected a list of {what}",
        field,
        "input.type",
    )


def test_sittings_that_are_not_a_list_are_refused() -> None:
    """``sittings=5``: 'expected a list of sittings' at ``sittings``."""
    assert _error(lambda: Assessment(sittings=5)) == (  # type: ignore[arg-type]
        "expected a list of sittings",
        "sittings",
        "input.type",
    )


def test_list_items_of_the_wrong_class_are_refused_at_their_index() -> None:
    """A leave that is not a Period, a sitting that is not an ExamSitting: ``[i]`` paths."""
    leave = tr.Period(date(2020, 1, 1), date(2020, 2, 1))
    assert tr.Teacher(**{**TEACHER, "leaves": [leave]}).leaves == (leave,)
    assert _error(lambda: tr.Teacher(**{**TEACHER, "leaves": [leave, "x"]})) == (
        "expected Period, got str",
        "leaves[1]",
        "input.type",
    )
    sitting = ExamSitting(tr.SittingKind.FORMAL, date(2020, 1, 1))
    assert _error(lambda: Assessment(sittings=[sitting, 3])) == (  # type: ignore[arg-type]
        "expected ExamSitting, got int",
        "sittings[1]",
        "input.type",
    )


def test_exactly_max_items_roles_are_all_kept() -> None:
    """1,000 distinct roles (MAX_ITEMS) are accepted, none dropped."""
    roles = [f"r{i}" for i in range(MAX_ITEMS)]
    assert len(tr.Teacher(**{**TEACHER, "roles": roles}).roles) == MAX_ITEMS


def test_one_role_more_than_max_items_is_refused() -> None:
    """1,001 roles: input.too_many at ``roles``, naming the limit and the items."""
    roles = [f"r{i}" for i in range(MAX_ITEMS + 1)]
    assert _error(lambda: tr.Teacher(**{**TEACHER, "roles": roles})) == (
        "more than the 1,000 role names allowed",
        "roles",
        "input.too_many",
    )


def test_an_endless_iterable_is_read_only_one_item_past_the_limit() -> None:
    """An endless iterator is refused after reading MAX_ITEMS + 1 items, no more."""
    numbers = (f"r{n}" for n in count())
    assert _error(lambda: tr.Teacher(**{**TEACHER, "leaves": numbers}))[1:] == (
        "leaves",
        "input.too_many",
    )
    assert next(numbers) == f"r{MAX_ITEMS + 1}"


def test_service_ending_before_it_starts_is_refused() -> None:
    """``employed_to`` before ``employed_from``: input.order naming both days."""
    teacher = {**TEACHER, "employed_from": date(2020, 1, 2)}
    assert _error(lambda: tr.Teacher(**teacher, employed_to=date(2020, 1, 1))) == (
        "service ends on 2020-01-01, before it starts on 2020-01-02",
        "employed_to",
        "input.order",
    )


def test_service_of_one_day_or_with_one_end_is_accepted() -> None:
    """Start equal to end, or only one of the two days given, is valid service."""
    day = date(2020, 1, 2)
    assert tr.Teacher(**TEACHER, employed_from=day, employed_to=day).employed_to == day
    assert tr.Teacher(**TEACHER, employed_to=day).employed_to == day
    assert tr.Teacher(**TEACHER, employed_from=day).employed_from == day


def test_a_record_of_checked_values_is_the_constructors_record() -> None:
    """``TrainingRecord._checked_already``: every field set, in field order, all required."""
    course = CourseResult(coursework_score=Decimal(80))
    built = tr.TrainingRecord(
        id="R7",
        hours=Decimal("12.5"),
        completed_on=date(2020, 3, 1),
        category="remote",
        programme="guopei",
        started_on=date(2020, 2, 1),
        provider_level=tr.ProviderLevel.PROVINCE,
        credit_state=tr.CreditState.VERIFIED,
        fee_paid=Decimal(30),
        course=course,
        activity="A1",
    )
    values = (
        *("R7", Decimal("12.5"), date(2020, 3, 1), "remote", "guopei", date(2020, 2, 1)),
        *(tr.ProviderLevel.PROVINCE, tr.CreditState.VERIFIED, Decimal(30), course, "A1"),
    )
    made = tr.TrainingRecord._checked_already(values)
    assert type(made) is tr.TrainingRecord
    assert made == built
    assert repr(made) == repr(built)
    assert hash(made) == hash(built)
    with pytest.raises(ValueError, match="zip"):
        tr.TrainingRecord._checked_already(values[:-1])
