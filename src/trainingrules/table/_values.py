"""One column's values read as the constructors read them: dates, hours, money.

Values repeat (a column of 2,000,000 hours holds a few thousand), so each distinct
value is checked once by the core's own check (``Values``), or, where polars reads a
form exactly as that check does (plain decimals, usual dates), by one expression; the
rest go to the core's check. A value the check refuses keeps its code and message for
the errors table.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

from trainingrules._limits import MAX_HOURS, MAX_SCALE
from trainingrules._values import show
from trainingrules.errors import InvalidInputError, TrainingRulesError
from trainingrules.records import _hours as check_hours  # the constructors' own checks
from trainingrules.records import _money as check_money
from trainingrules.table._columns import DATE_FORMATS

if TYPE_CHECKING:
    from trainingrules.table._inputs import Errors

__all__ = [
    "Values",
    "check_money",
    "date_column",
    "decimal_places",
    "parse_date",
    "read_hours",
    "refuse_inexact",
    "usual_dates",
]


def date_column(frame: pl.DataFrame, name: str) -> pl.Expr:
    """A column as dates: dates, datetimes (their day) or the usual string forms.

    Strings are parsed once per distinct value (a column holds a few thousand days
    however many rows it has); one that is no date becomes null (the check reports it).
    """
    dtype = frame.schema[name]
    if dtype == pl.Date:
        return pl.col(name)
    if isinstance(dtype, pl.Datetime):
        return pl.col(name).dt.date()
    if dtype == pl.String:
        return Values(frame, name, parse_date, usual_dates).mapped(name, pl.Date())
    return pl.lit(None, pl.Date)


def usual_dates(values: pl.Series) -> dict[object, object]:
    """The values in a usual form (``2012-03-05``, ``2012/3/5``, ``2012.3.5``) read at once.

    polars reads them as ``parse_date`` does: the patterns keep out every text it
    would read otherwise (a sign, spaces, other digits); what it cannot read (a 30
    February) is left to ``parse_date``, for its error.
    """
    found: dict[object, object] = {}
    for separator in "-/.":
        form = rf"^[0-9]{{4}}\{separator}[0-9]{{1,2}}\{separator}[0-9]{{1,2}}$"
        usual = values.filter(values.str.contains(form)).to_frame("text")
        read = usual.with_columns(
            pl.col("text").str.to_date(f"%Y{separator}%m{separator}%d", strict=False).alias("day")
        ).filter(pl.col("day").dt.year() >= 1)  # year 0 is no date (Python's first is 1)
        found |= dict(read.iter_rows())
    return found


# The usual forms of DATE_FORMATS as one pattern, read without strptime's machinery
# (about four times the cost, once per distinct value): ASCII year, month, day with one
# separator twice, or eight ASCII digits. A match that is no valid date, and every other
# form (other digits, a day " 5"), goes on to strptime, which decides: the answers are
# strptime's (tests/test_table.py compares them).
_USUAL_DATE = re.compile(
    r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})|([0-9]{4})([0-9]{2})([0-9]{2})"
)


def parse_date(value: object, path: str) -> date:
    text = str(value).strip()
    usual = _USUAL_DATE.fullmatch(text)
    if usual is not None:
        year, _, month, day, *eight = usual.groups()
        with contextlib.suppress(ValueError):
            return date(*map(int, eight)) if year is None else date(int(year), int(month), int(day))
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 - a day, no time zone
        except ValueError:
            continue
    raise InvalidInputError(f"expected a date, got {show(value)}", path=path, code="input.type")


class Values:
    """Each distinct value of a column checked once by the core's own check.

    Many rows, few values (hours, days, fees repeat): the check runs in Python once
    per value, and the rows are mapped with a hash lookup. Rows are never parsed
    twice, and the table path accepts exactly what the constructors accept.
    """

    def __init__(
        self,
        frame: pl.DataFrame,
        name: str,
        check: Callable[[object, str], object],
        read: Callable[[pl.Series], dict[object, object]] | None = None,
    ) -> None:
        """``read``: reads at once the distinct values it can, as ``check`` would."""
        distinct = frame.get_column(name).unique().drop_nulls()
        self.good: dict[object, object] = {} if read is None else read(distinct)
        self.bad: dict[object, tuple[str, str]] = {}
        for value in distinct.to_list():
            if value in self.good:
                continue
            try:
                self.good[value] = check(value, name)
            except TrainingRulesError as error:
                self.bad[value] = (error.code, error.message)

    def mapped(
        self, name: str, dtype: pl.DataType, convert: Callable[[Any], object] = lambda v: v
    ) -> pl.Expr:
        """The checked value of each row (null: missing or bad)."""
        if not self.good:
            return pl.lit(None, dtype)
        return pl.col(name).replace_strict(
            list(self.good),
            [convert(v) for v in self.good.values()],
            default=None,
            return_dtype=dtype,
        )

    def add_to(self, errors: Errors, name: str, field: str) -> None:
        """Rows holding a bad value are errors, with the core's code and message."""
        if not self.bad:
            return
        bad = list(self.bad)
        errors.add(
            _is_in(name, bad),
            field,
            pl.col(name).replace_strict(
                bad, [c for c, _ in self.bad.values()], default=None, return_dtype=pl.String
            ),
            pl.col(name).replace_strict(
                bad, [m for _, m in self.bad.values()], default=None, return_dtype=pl.String
            ),
        )


def _is_in(name: str, values: list[object]) -> pl.Expr:
    """Whether a row's value is one of ``values`` (of the column's own type)."""
    return pl.col(name).replace_strict(
        values, [True] * len(values), default=False, return_dtype=pl.Boolean
    )


def refuse_inexact(frame: pl.DataFrame, name: str) -> None:
    """Refuse a column of numbers typed in a way that is not exact (floats, objects)."""
    dtype = frame.schema[name]
    if dtype.is_float():
        raise InvalidInputError(
            f"{name} are floats: their binary values are not the numbers typed; read the "
            f"column as strings or Decimal (e.g. schema_overrides={{'{name}': pl.String}})",
            path=f"records.{name}",
            code="input.float",
        )
    if not (dtype.is_integer() or isinstance(dtype, pl.Decimal) or dtype == pl.String):
        raise InvalidInputError(
            f"{name} must be strings, Decimal or whole numbers, not {dtype}",
            path=f"records.{name}",
            code="input.type",
        )


# Hours in the plain form (whole digits, maybe a point and decimals; within MAX_SCALE
# places): read by polars' decimal parser, which gives them the value the core's check
# does; every other text (signs, exponents, spaces, other digits) goes to that check.
_PLAIN_HOURS = rf"^[0-9]{{1,6}}(\.[0-9]{{1,{MAX_SCALE}}})?$"


def read_hours(frame: pl.DataFrame) -> tuple[Values, int, pl.Series]:
    """The hours checked: what the core's check read, the scale, every row in units.

    Numbers and plain text are checked by expressions: the range, and the places
    the valid values need (``scale``: a ``Decimal(38, 2)`` column of whole hours
    needs none). The rest (out of range, too fine, text in another form) go through
    the core's check once per distinct value, for its value or its code and
    message. The last item is every row's hours as an integer of ``10**-scale``
    (null: missing or refused).
    """
    raw = pl.col("hours")
    dtype = frame.schema["hours"]
    text = dtype == pl.String
    rows = frame.select(
        raw,
        *(
            [
                raw.str.contains(_PLAIN_HOURS).alias("plain"),
                raw.cast(pl.Decimal(38, MAX_SCALE), strict=False).alias("number"),
            ]
            if text
            else [raw.alias("number")]
        ),
    )
    number = pl.col("number")
    places = MAX_SCALE if text else dtype.scale if isinstance(dtype, pl.Decimal) else 0
    limit = MAX_HOURS if places else int(MAX_HOURS)
    core = (number < 0) | (number > limit)
    if places > MAX_SCALE:
        core |= number.to_physical() % 10 ** (places - MAX_SCALE) != 0
    if text:
        core = raw.is_not_null() & (~pl.col("plain") | core)
    units = number.to_physical() if places else number  # integers of 10**-places
    if places <= 13:  # a valid value's units fit 64 bits, where arithmetic is faster
        units = units.cast(pl.Int64, strict=False)
    rows = rows.select(raw, core.fill_null(value=False).alias("core"), units.alias("units"))
    rows = rows.with_columns(pl.when(~pl.col("core")).then(pl.col("units")).alias("units"))
    values = Values(rows.filter(pl.col("core")), "hours", check_hours)
    # The fewest places p for which every valid value is a multiple of 10**-p.
    fewer = range(min(places, MAX_SCALE))
    finer = rows.select(
        (pl.col("units") % pl.lit(10 ** (places - p), rows.schema["units"]) != 0)
        .any()
        .alias(f"{p}")
        for p in fewer
    )
    scale = next((p for p in fewer if not finer.item(0, p)), min(places, MAX_SCALE))
    scale = max([scale, *(decimal_places(v) for v in values.good.values())])  # type: ignore[arg-type]
    scaled = (pl.col("units") // 10 ** (places - scale)).cast(pl.Int64)
    if values.good:
        scaled = (
            pl.when(pl.col("core"))
            .then(values.mapped("hours", pl.Int64(), lambda h: int(h.scaleb(scale))))
            .otherwise(scaled)
        )
    return values, scale, rows.select(scaled).to_series()


def decimal_places(number: Decimal) -> int:
    """Decimal places of ``number`` once trailing zeros are dropped."""
    exponent = number.normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0
