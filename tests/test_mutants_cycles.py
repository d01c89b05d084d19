"""Tests that kill mutmut's survivors in cycles.py: exact error messages, paths, codes, limits.

Expected values are computed by hand from the module's documented conventions (a period is
start-inclusive, end-exclusive; a ``date`` holds the years 1-9999).
"""

from collections.abc import Callable
from datetime import date, datetime

import pytest

from trainingrules import AgeMethod, AnchoredCycle, InvalidInputError, Period
from trainingrules.cycles import age, age_in_year, age_on, calendar_year_of, school_year_of


def _error(call: Callable[[], object]) -> tuple[str, str, str]:
    """The (message, path, code) of the ``InvalidInputError`` that ``call`` raises."""
    with pytest.raises(InvalidInputError) as caught:
        call()
    return caught.value.message, caught.value.path, caught.value.code


# ---------------------------------------------------------------- Period


def test_period_start_that_is_not_a_date_is_named() -> None:
    """A Period's start must be a date; the error names the field ``start``."""
    assert _error(lambda: Period(datetime(2012, 9, 1), date(2013, 9, 1))) == (  # noqa: DTZ001
        "expected a date, got datetime",
        "start",
        "input.type",
    )


def test_period_end_that_is_not_a_date_is_named() -> None:
    """A Period's end must be a date; the error names the field ``end``."""
    assert _error(lambda: Period(date(2012, 9, 1), "2013-09-01")) == (  # type: ignore[arg-type]
        "expected a date, got str",
        "end",
        "input.type",
    )


def test_reversed_period_is_an_order_error_on_end() -> None:
    """A Period whose end is not after its start is refused with both days in the message."""
    assert _error(lambda: Period(date(2013, 1, 1), date(2012, 1, 1))) == (
        "ends on 2012-01-01, not after its start 2013-01-01",
        "end",
        "input.order",
    )


# ---------------------------------------------------------------- school and calendar years


def test_school_year_of_a_non_date_names_day() -> None:
    """school_year_of refuses a non-date with path ``day``."""
    assert _error(lambda: school_year_of("2014-09-01")) == (  # type: ignore[arg-type]
        "expected a date, got str",
        "day",
        "input.type",
    )


def test_calendar_year_of_a_non_date_names_day() -> None:
    """calendar_year_of refuses a non-date with path ``day``."""
    assert _error(lambda: calendar_year_of(None)) == (  # type: ignore[arg-type]
        "expected a date, got NoneType",
        "day",
        "input.type",
    )


def test_last_whole_school_year_a_date_can_hold() -> None:
    """The school year 9998-9999 ends on 9999-09-01, which a date holds."""
    assert school_year_of(date(9999, 8, 31)) == Period(date(9998, 9, 1), date(9999, 9, 1))
    assert school_year_of(date(9998, 9, 1)) == Period(date(9998, 9, 1), date(9999, 9, 1))


def test_school_year_past_the_last_date_is_a_range_error() -> None:
    """The school year from 9999-09-01 would end in 10000: refused as input.range."""
    assert _error(lambda: school_year_of(date(9999, 9, 1))) == (
        "the school year of 9999-09-01 ends after 9999-12-31, the last day a date can hold",
        "day",
        "input.range",
    )


def test_first_whole_school_year_a_date_can_hold() -> None:
    """The school year from 0001-09-01 is the first one a date can hold."""
    assert school_year_of(date(1, 9, 1)) == Period(date(1, 9, 1), date(2, 9, 1))


def test_school_year_before_the_first_date_is_a_range_error() -> None:
    """The school year of 0001-08-31 would start in the year 0: refused as input.range."""
    assert _error(lambda: school_year_of(date(1, 8, 31))) == (
        "the school year of 0001-08-31 starts before 0001-01-01, the first day a date holds",
        "day",
        "input.range",
    )


def test_last_calendar_year_a_period_can_hold() -> None:
    """The calendar year 9998 ends on 9999-01-01, which a date holds."""
    assert calendar_year_of(date(9998, 6, 1)) == Period(date(9998, 1, 1), date(9999, 1, 1))


def test_calendar_year_9999_is_a_range_error() -> None:
    """The calendar year 9999 would end on 10000-01-01: refused as input.range."""
    assert _error(lambda: calendar_year_of(date(9999, 5, 1))) == (
        "the calendar year of 9999-05-01 ends after 9999-12-31, the last day a date can hold",
        "day",
        "input.range",
    )


# ---------------------------------------------------------------- anchored cycles


def test_cycle_start_on_the_first_day_a_date_holds() -> None:
    """Cycle -402 of five years from 2011-01-01 starts on 0001-01-01 (2011 - 5·402 = 1)."""
    assert AnchoredCycle(date(2011, 1, 1), 5).start_of(-402) == date(1, 1, 1)


def test_cycle_start_in_the_last_year_a_date_holds() -> None:
    """Cycle 7988 of one year from 2011-01-01 starts on 9999-01-01."""
    assert AnchoredCycle(date(2011, 1, 1), 1).start_of(7988) == date(9999, 1, 1)


def test_cycle_start_far_ahead_is_computed_from_the_anchor() -> None:
    """Cycle 1597 of five years from 2011-01-01 starts in 2011 + 7985 = 9996."""
    assert AnchoredCycle(date(2011, 1, 1), 5).start_of(1597) == date(9996, 1, 1)


def test_cycle_starting_before_year_one_is_a_range_error_on_k() -> None:
    """Cycle -403 of five years from 2011 starts in the year -4: input.range on ``k``."""
    assert _error(lambda: AnchoredCycle(date(2011, 1, 1), 5).start_of(-403)) == (
        (
            "cycle -403 of 5 years from 2011-01-01 starts in the year -4, "
            "outside the years 1-9999 a date can hold"
        ),
        "k",
        "input.range",
    )


def test_cycle_far_in_the_past_is_a_range_error_not_a_date_overflow() -> None:
    """Cycle -500 of five years from 2011 starts in the year -489: an InvalidInputError."""
    assert _error(lambda: AnchoredCycle(date(2011, 1, 1), 5).start_of(-500)) == (
        (
            "cycle -500 of 5 years from 2011-01-01 starts in the year -489, "
            "outside the years 1-9999 a date can hold"
        ),
        "k",
        "input.range",
    )


def test_cycle_after_year_9999_is_a_range_error() -> None:
    """Cycle 7989 of one year from 2011 starts in 10000: input.range on ``k``."""
    assert _error(lambda: AnchoredCycle(date(2011, 1, 1), 1).start_of(7989)) == (
        (
            "cycle 7989 of 1 years from 2011-01-01 starts in the year 10000, "
            "outside the years 1-9999 a date can hold"
        ),
        "k",
        "input.range",
    )


def test_index_of_a_day_before_the_anchor_date_in_a_far_year() -> None:
    """1 March 4100 lies before the 1 July anchor day, so it is in cycle 2088, not 2089."""
    assert AnchoredCycle(date(2011, 7, 1), 1).index_of(date(4100, 3, 1)) == 2088


def test_index_of_the_first_day_before_a_cycle_starting_in_year_one() -> None:
    """0001-01-01 precedes cycle -402 (from 0001-06-01), so it lies in cycle -403."""
    assert AnchoredCycle(date(2011, 6, 1), 5).index_of(date(1, 1, 1)) == -403


# ---------------------------------------------------------------- ages


def test_age_in_year_names_a_bad_birth_date() -> None:
    """age_in_year refuses a birth date that is not a date, with path ``birth_date``."""
    assert _error(lambda: age_in_year("1960-01-01", 2014)) == (  # type: ignore[arg-type]
        "expected a date, got str",
        "birth_date",
        "input.type",
    )


def test_age_in_year_refuses_a_year_that_is_not_an_int() -> None:
    """age_in_year refuses a year given as text, with path ``year``."""
    assert _error(lambda: age_in_year(date(1960, 1, 1), "2014")) == (  # type: ignore[arg-type]
        "expected a year, got str",
        "year",
        "input.type",
    )


def test_age_in_year_refuses_a_bool_year() -> None:
    """A bool is not a year even though it is an int."""
    assert _error(lambda: age_in_year(date(1960, 1, 1), True)) == (
        "expected a year, got bool",
        "year",
        "input.type",
    )


def test_age_on_names_a_bad_birth_date() -> None:
    """age_on refuses a birth date that is a datetime, with path ``birth_date``."""
    assert _error(lambda: age_on(datetime(1960, 1, 1), date(2014, 1, 1))) == (  # noqa: DTZ001
        "expected a date, got datetime",
        "birth_date",
        "input.type",
    )


def test_age_on_names_a_bad_day() -> None:
    """age_on refuses a day that is not a date, with path ``day``."""
    assert _error(lambda: age_on(date(1960, 1, 1), 2014)) == (  # type: ignore[arg-type]
        "expected a date, got int",
        "day",
        "input.type",
    )


def test_age_refuses_an_unknown_method() -> None:
    """age names an unknown method in its message, with path ``method``."""
    assert _error(lambda: age(date(1960, 1, 1), "lunar", date(2014, 1, 1))) == (  # type: ignore[arg-type]
        "'lunar' is not an age method",
        "method",
        "input.choice",
    )


def test_age_names_a_bad_reference_day() -> None:
    """age refuses a reference that is not a date, with path ``reference``."""
    assert _error(lambda: age(date(1960, 1, 1), AgeMethod.ON_DATE, "2014-01-01")) == (  # type: ignore[arg-type]
        "expected a date, got str",
        "reference",
        "input.type",
    )
