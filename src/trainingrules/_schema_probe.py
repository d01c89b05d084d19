"""Probing a field's check: the bounds and patterns a JSON Schema states for it.

A field of an input or policy class is checked by a function (``checked(...)``); these
helpers call it with test values to learn what it accepts (the largest number, the
decimal places, the longest string, the dates), so the schemas follow the code.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from trainingrules._limits import (
    MAX_NUMBER_TEXT,
)
from trainingrules.errors import TrainingRulesError

__all__ = ["JSON", "Check"]

JSON = dict[str, Any]
"""A JSON value as Python builds it."""

Check = Callable[[object, str], object]


def _accepts(check: Check, value: object) -> bool:
    try:
        check(value, "probe")
    except TrainingRulesError:
        return False
    return True


def _largest(accepts: Callable[[int], bool], start: int = 1, ceiling: int = 2**80) -> int | None:
    """The largest ``n >= start`` with ``accepts(n)``, or ``None`` if ``ceiling`` is accepted.

    ``accepts(start)`` must hold, and ``accepts`` must hold up to some number only.
    """
    if accepts(ceiling):
        return None
    low, high = start, start * 2
    while accepts(high):
        low, high = high, high * 2
    while high - low > 1:  # accepts(low), not accepts(high)
        middle = (low + high) // 2
        low, high = (middle, high) if accepts(middle) else (low, middle)
    return low


class _DecimalBounds(typing.NamedTuple):
    negative: bool
    zero: bool
    maximum: int | None
    scale: int


def _decimal_bounds(check: Check) -> _DecimalBounds:
    """What a decimal check accepts: negatives, zero, the largest value, decimal places."""
    one = Decimal(1)
    if not _accepts(check, one):  # pragma: no cover - every decimal of the model accepts 1
        msg = "a decimal check that refuses 1"
        raise AssertionError(msg)
    maximum = _largest(lambda n: _accepts(check, Decimal(n)))
    places = 0
    if _accepts(check, Decimal("0.1")):
        places = _largest(lambda n: _accepts(check, one.scaleb(-n)), ceiling=64) or 64
    if maximum is not None and _accepts(check, Decimal(maximum) + one.scaleb(-places)):
        msg = f"a decimal bound that is not a whole number, above {maximum}"  # pragma: no cover
        raise AssertionError(msg)  # pragma: no cover
    return _DecimalBounds(
        _accepts(check, Decimal(-1)), _accepts(check, Decimal(0)), maximum, places
    )


def _power_of_ten(number: int) -> int:
    """``n`` with ``10**n == number``; a bound of the model is always one."""
    digits = len(str(number)) - 1
    if number != 10**digits:  # pragma: no cover - checked by tests/test_schemas.py
        msg = f"a decimal bound that is not a power of ten: {number}"
        raise AssertionError(msg)
    return digits


def _decimal_pattern(bounds: _DecimalBounds) -> str:
    """A regular expression for the decimal strings within ``bounds``.

    Plain notation (``360``, ``0.5``, ``100000.000``), or for values below one the
    exponent notation Python writes for them (``1E-7``, ``2.5E-9``), never with more
    decimal places than the bound. Leading zeros and a ``+`` are not written.
    """
    places = bounds.scale
    fraction = rf"(\.[0-9]{{1,{places}}})?" if places else ""
    if bounds.maximum is None:
        whole = rf"(0|[1-9][0-9]*){fraction}"
    else:
        n = _power_of_ten(bounds.maximum)
        zeros = rf"(\.0{{1,{places}}})?" if places else ""
        below = rf"(0|[1-9][0-9]{{0,{n - 1}}}){fraction}" if n else rf"0{fraction}"
        whole = rf"{below}|{bounds.maximum}{zeros}"
    # values below one: none for a check of whole numbers (no exponent form to write)
    mantissas = ["[1-9]", *(rf"[1-9]\.[0-9]{{{f}}}" for f in range(1, places))] if places else []
    small = [
        f"{mantissa}E-{1 if places - f == 1 else f'[1-{places - f}]'}"
        for f, mantissa in enumerate(mantissas)
    ]
    body = "|".join([whole, *small]) if small else whole
    sign = "-?" if bounds.negative else ""
    not_zero = "" if bounds.zero else r"(?!-?0(\.0*)?$)"
    return f"^{not_zero}{sign}({body})$"


def _decimal_schema(check: Check) -> JSON:
    """A decimal as JSON: a decimal string or an integer, within the check's bounds."""
    bounds = _decimal_bounds(check)
    number: JSON = {"type": "integer"}
    if not bounds.negative:
        number["minimum" if bounds.zero else "exclusiveMinimum"] = 0
    if bounds.maximum is not None:
        number["maximum"] = bounds.maximum
    string = {"type": "string", "pattern": _decimal_pattern(bounds), "maxLength": MAX_NUMBER_TEXT}
    return {"anyOf": [string, number]}


def _integer_schema(check: Check) -> JSON:
    found: JSON = {"type": "integer"}
    if not _accepts(check, -1):
        found["minimum"] = 0 if _accepts(check, 0) else 1
    largest = _largest(lambda n: _accepts(check, n))
    if largest is not None:
        found["maximum"] = largest
    return found


def _string_schema(check: Check) -> JSON:
    if not _accepts(check, "x"):
        return _coded_string(check)
    found: JSON = {"type": "string"}
    if not _accepts(check, ""):
        found["minLength"] = 1
    if not _accepts(check, " "):
        found["pattern"] = r"\S"  # not blank
    longest = _largest(lambda n: _accepts(check, "x" * n), ceiling=2**24)
    if longest is not None:
        found["maxLength"] = longest
    return found


def _coded_string(check: Check) -> JSON:
    """A string check that refuses ``"x"``: a region code (``CN`` or six digits)."""
    options = [("CN", "CN"), ("360000", "[0-9]{6}"), ("", "")]
    accepted = [pattern for sample, pattern in options if _accepts(check, sample)]
    if not accepted or "[0-9]{6}" not in accepted:  # pragma: no cover - a new kind of code
        msg = "a string check this generator does not know"
        raise AssertionError(msg)
    alternatives = "|".join(p for p in accepted if p)
    optional = "?" if "" in accepted else ""
    return {
        "type": "string",
        "pattern": f"^({alternatives}){optional}$",
        "description": "'CN' or a six-digit GB/T 2260 code"
        + (" (empty: not stated)" if optional else "")
        + "; the code must also be in the table the library ships",
    }


def _date_schema(check: Check | None) -> JSON:
    """An ISO date (``YYYY-MM-DD``); ``format: date`` also rejects 2023-02-29."""
    first, last = date.min, date.max
    if check is not None:
        accepts = lambda n: _accepts(check, date.fromordinal(n))  # noqa: E731 - a probe
        known = date(2000, 1, 1).toordinal()
        if not _accepts(check, date.fromordinal(known)):  # the search starts from it
            msg = "a date check that refuses 2000-01-01"
            raise AssertionError(msg)
        first = date.fromordinal(_edge(accepts, known, date.min.toordinal()))
        last = date.fromordinal(_edge(accepts, known, date.max.toordinal()))
    pattern = f"^{_years(first.year, last.year)}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
    found: JSON = {"type": "string", "format": "date", "pattern": pattern}
    if (first, last) != (date.min, date.max):
        found["description"] = f"from {first} to {last}"
    return found


def _edge(accepts: Callable[[int], bool], inside: int, outside: int) -> int:
    """The accepted number nearest ``outside``, searching from the accepted ``inside``."""
    if accepts(outside):
        return outside
    while abs(outside - inside) > 1:  # accepts(inside), not accepts(outside)
        middle = (inside + outside) // 2
        inside, outside = (middle, outside) if accepts(middle) else (inside, middle)
    return inside


def _years(first: int, last: int) -> str:
    """A regular expression for the four-digit years ``first`` to ``last``."""
    if (first, last) == (1, 9999):
        return "(?!0000)[0-9]{4}"
    by_decade: dict[str, list[int]] = {}
    for year in range(first, last + 1):
        by_decade.setdefault(f"{year:04d}"[:3], []).append(year % 10)
    options = [
        f"{decade}[{ys[0]}-{ys[-1]}]" if len(ys) > 1 else f"{decade}{ys[0]}"
        for decade, ys in by_decade.items()
    ]
    return "(" + "|".join(options) + ")"


def _enum_schema(kind: type[enum.Enum], check: Check | None) -> JSON:
    values = [m.value for m in kind if check is None or _accepts(check, m.value)]
    return {"enum": values}
