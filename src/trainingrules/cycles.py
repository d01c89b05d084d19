"""Periods: school years, calendar years, anchored N-year cycles, and ages.

Conventions, stated once:

* A ``Period`` runs from ``start`` **inclusive** to ``end`` **exclusive**; its last day
  is ``end - 1 day``. Consecutive periods therefore share a boundary and never overlap.
* A school year (学年) runs from 1 September to 31 August.
* Cycle ``k`` of an anchored N-year cycle starts at ``anchor + k·N years`` and is always
  computed from the anchor, never by adding to the previous boundary: ``relativedelta``
  clamps month ends (31 Jan + 1 month = 28 Feb) and a chain of clamps drifts.
  An anchor on 29 February therefore starts later cycles on 28 February in common
  years and on 29 February in leap years.
* Age has two methods, because the regulations use both: ``age_in_year`` (the age a
  person *reaches* in a calendar year: year − birth year) and ``age_on`` (completed
  years on a day). Someone born on 29 February completes a year on 1 March in common
  years (the anniversary does not exist, so the year is complete only when February
  is over).
"""

from __future__ import annotations

import enum
from datetime import MAXYEAR, MINYEAR, date, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from trainingrules._values import show
from trainingrules.errors import InvalidInputError

__all__ = [
    "AgeMethod",
    "AnchoredCycle",
    "Period",
    "age",
    "age_in_year",
    "age_on",
    "calendar_year_of",
    "school_year_of",
]

_ONE_DAY = timedelta(days=1)
SCHOOL_YEAR_START_MONTH = 9
MAX_CYCLE_YEARS = MAXYEAR - MINYEAR
"""Longest cycle: a period of more years than 1-9999 could not be a ``Period``."""


@attrs.frozen(order=True)
class Period:
    """A span of days: ``start`` inclusive, ``end`` exclusive.

    >>> p = Period(date(2012, 9, 1), date(2013, 9, 1))
    >>> p.label, p.last_day, date(2013, 8, 31) in p, date(2013, 9, 1) in p
    ('2012–2013', datetime.date(2013, 8, 31), True, False)
    """

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        """Reject a bound that is not a date, and an empty or reversed period."""
        for name, day in (("start", self.start), ("end", self.end)):
            if type(day) is not date:
                raise InvalidInputError(
                    f"expected a date, got {type(day).__name__}", path=name, code="input.type"
                )
        if self.end <= self.start:
            raise InvalidInputError(
                f"ends on {self.end}, not after its start {self.start}",
                path="end",
                code="input.order",
            )

    def __contains__(self, day: object) -> bool:
        """Whether ``day`` lies in the period (start inclusive, end exclusive)."""
        return type(day) is date and self.start <= day < self.end

    @property
    def last_day(self) -> date:
        """The last day that belongs to the period."""
        return self.end - _ONE_DAY

    @property
    def label(self) -> str:
        """A short name: ``2007`` (a calendar year), ``2011–2015``, ``2012–2013`` (school year)."""
        if (self.start.month, self.start.day) == (1, 1) == (self.end.month, self.end.day):
            if self.end.year - self.start.year == 1:
                return str(self.start.year)
            return f"{self.start.year}–{self.end.year - 1}"
        if (
            (self.start.month, self.start.day)
            == (SCHOOL_YEAR_START_MONTH, 1)
            == (
                self.end.month,
                self.end.day,
            )
        ):
            return f"{self.start.year}–{self.end.year}"
        return f"{self.start.isoformat()}–{self.last_day.isoformat()}"


def school_year_of(day: date) -> Period:
    """The school year (1 September – 31 August) that contains ``day``.

    >>> school_year_of(date(2014, 8, 31)).label, school_year_of(date(2014, 9, 1)).label
    ('2013–2014', '2014–2015')
    """
    _check_day(day, "day")
    first = day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1
    _check_years(day, first, first + 1, "school year")
    return Period(
        date(first, SCHOOL_YEAR_START_MONTH, 1), date(first + 1, SCHOOL_YEAR_START_MONTH, 1)
    )


def calendar_year_of(day: date) -> Period:
    """The calendar year that contains ``day``."""
    _check_day(day, "day")
    _check_years(day, day.year, day.year + 1, "calendar year")
    return Period(date(day.year, 1, 1), date(day.year + 1, 1, 1))


def _check_day(day: object, path: str) -> None:
    """Raise unless ``day`` is a ``date`` (a ``datetime`` is not a day)."""
    if type(day) is not date:
        raise InvalidInputError(
            f"expected a date, got {type(day).__name__}", path=path, code="input.type"
        )


def _check_years(day: date, start_year: int, end_year: int, what: str) -> None:
    """Raise unless the ``what`` of ``day`` starts and ends in years a date can hold."""
    if end_year > MAXYEAR:
        raise InvalidInputError(
            f"the {what} of {day} ends after {MAXYEAR}-12-31, the last day a date can hold",
            path="day",
            code="input.range",
        )
    if start_year < MINYEAR:
        raise InvalidInputError(
            f"the {what} of {day} starts before {MINYEAR:04}-01-01, the first day a date holds",
            path="day",
            code="input.range",
        )


@attrs.frozen
class AnchoredCycle:
    """Back-to-back periods of ``years`` years; cycle ``k`` starts at ``anchor + k·years``.

    ``k`` may be negative (cycles before the anchor). Boundaries are computed from the
    anchor every time.

    >>> five = AnchoredCycle(date(2011, 1, 1), 5)
    >>> five.period(1).label, five.index_of(date(2015, 12, 31)), five.index_of(date(2016, 1, 1))
    ('2016–2020', 0, 1)
    """

    anchor: date = attrs.field()
    years: int = attrs.field()

    @anchor.validator
    def _date(self, _: attrs.Attribute[date], value: date) -> None:
        if type(value) is not date:
            raise InvalidInputError(
                f"expected a date, got {type(value).__name__}", path="anchor", code="input.type"
            )

    @years.validator
    def _positive(self, _: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInputError(
                f"a cycle lasts a positive whole number of years, not {show(value)}",
                path="years",
                code="input.range",
            )
        if not 1 <= value <= MAX_CYCLE_YEARS:
            raise InvalidInputError(
                f"a cycle lasts 1 to {MAX_CYCLE_YEARS} years (the span a date can hold), "
                f"not {value}",
                path="years",
                code="input.range",
            )

    def start_of(self, k: int) -> date:
        """First day of cycle ``k``.

        Raises ``InvalidInputError`` (``input.range``, path ``k``) if it falls outside
        the years 1-9999 a ``date`` can hold.
        """
        year = self.anchor.year + self.years * k
        if not MINYEAR <= year <= MAXYEAR:
            raise InvalidInputError(
                f"cycle {k} of {self.years} years from {self.anchor} starts in the year "
                f"{year}, outside the years {MINYEAR}-{MAXYEAR} a date can hold",
                path="k",
                code="input.range",
            )
        return self.anchor + relativedelta(years=self.years * k)

    def period(self, k: int) -> Period:
        """Cycle ``k`` as a ``Period``."""
        return Period(self.start_of(k), self.start_of(k + 1))

    def index_of(self, day: date) -> int:
        """The ``k`` whose cycle contains ``day``."""
        k = (day.year - self.anchor.year) // self.years
        # Cycle k + 1 starts in a later calendar year than ``day``, so the year-based
        # guess is never too low; it is one too high when ``day`` falls before the
        # anchor's month and day, and then cycle k - 1 starts in an earlier year.
        # A cycle k that starts before the year 1 starts before ``day`` too.
        if self.anchor.year + self.years * k >= MINYEAR and self.start_of(k) > day:
            k -= 1
        return k

    def cycle_of(self, day: date) -> Period:
        """The cycle that contains ``day``."""
        return self.period(self.index_of(day))


class AgeMethod(enum.StrEnum):
    """How an age limit is measured."""

    IN_YEAR = "in_year"
    """Age reached in a calendar year: year − birth year (J2, the reading chosen)."""
    ON_DATE = "on_date"
    """Completed years on a given day."""


def age_in_year(birth_date: date, year: int) -> int:
    """Age reached during calendar ``year``: ``year - birth_date.year``.

    >>> age_in_year(date(1959, 12, 31), 2014)
    55
    """
    _check_day(birth_date, "birth_date")
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInputError(
            f"expected a year, got {type(year).__name__}", path="year", code="input.type"
        )
    return year - birth_date.year


def age_on(birth_date: date, day: date) -> int:
    """Completed years on ``day``; a 29 February birthday completes on 1 March in common years.

    >>> age_on(date(1960, 2, 29), date(2015, 2, 28)), age_on(date(1960, 2, 29), date(2015, 3, 1))
    (54, 55)
    """
    _check_day(birth_date, "birth_date")
    _check_day(day, "day")
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def age(birth_date: date, method: AgeMethod, reference: date) -> int:
    """Age by ``method``: ``IN_YEAR`` uses ``reference.year``, ``ON_DATE`` the day itself."""
    try:
        method = AgeMethod(method)
    except ValueError:
        raise InvalidInputError(
            f"{method!r} is not an age method", path="method", code="input.choice"
        ) from None
    _check_day(reference, "reference")
    if method is AgeMethod.IN_YEAR:
        return age_in_year(birth_date, reference.year)
    return age_on(birth_date, reference)
