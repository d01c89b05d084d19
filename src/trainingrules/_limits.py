"""Size and magnitude limits of the inputs, in one place, each with its reason.

A service that takes teachers, records and policies from the network needs every
input to be bounded: the work ``evaluate`` does, the size of its output and the
digits of its arithmetic then have bounds too. The limits are far above anything a
regulation or a credit system produces; ``docs/inputs.md`` lists them with the
error each raises.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = [
    "MAX_AMOUNT",
    "MAX_COUNT",
    "MAX_DEPTH",
    "MAX_ERRORS_SHOWN",
    "MAX_HOURS",
    "MAX_ITEMS",
    "MAX_NUMBER_TEXT",
    "MAX_RECORDS",
    "MAX_SCALE",
    "MAX_TEXT",
]

MAX_HOURS = Decimal(100_000)
"""Most hours one record (or a course's required or completed hours) may state.

A whole career of full-time days (40 years x 250 days x 8 hours = 80,000 hours) is
below it, so no genuine record reaches it; hours of ``1E+1000000`` would otherwise
overflow the count, and ``1E+999990`` write megabytes of digits per record.
"""

MAX_AMOUNT = Decimal(10) ** 15
"""Most any other decimal may state: money in yuan, a policy's figures, ratios, quanta.

Far above any fee or budget; with ``MAX_SCALE`` it keeps every sum and product the
engine forms within the digits of its own decimal context, so they are exact.
"""

MAX_SCALE = 9
"""Most decimal places of hours, scores, money and policy figures (after trailing zeros
are dropped: ``1.50`` has one).

The table path (``trainingrules.table``) reads hours as integers of 10**-9 units, so
both paths accept exactly the same numbers; a rounding quantum of ``1E-30`` would
otherwise make the engine's arithmetic inexact.
"""

MAX_NUMBER_TEXT = 100
"""Most characters of a decimal written as a string (``"359.999999"``).

``MAX_AMOUNT`` with ``MAX_SCALE`` needs 26; the rest allows spaces, zeros and an
exponent. A longer string is refused before it is parsed.
"""

MAX_TEXT = 200
"""Most characters of an id, a category, a programme, an activity, a role, a source
or a scheme id in the inputs.

Ids of credit systems are a few dozen characters; the limit bounds every message
and ledger line that repeats them.
"""

MAX_COUNT = 10**9
"""Most a whole-number input may state (characters of notes, forum posts).

Nobody writes a billion characters of notes; a bound keeps the number's output small.
"""

MAX_RECORDS = 100_000
"""Most training records one request may carry for one teacher.

Ten times the 10,000 records the fuzz tests evaluate for one teacher; ``evaluate``
itself, given objects already in memory, takes any number.
"""

MAX_ITEMS = 1_000
"""Most items of any other list of a request: roles, leaves, exam sittings, outcomes."""

MAX_DEPTH = 32
"""Deepest nesting of lists and dicts in a request or a policy dict.

The deepest shipped policy nests 8 levels; the limit refuses adversarial nesting
before anything walks it recursively.
"""

MAX_ERRORS_SHOWN = 5
"""How many errors the message of an ``InputErrors`` lists (``errors`` has them all)."""
