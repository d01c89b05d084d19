"""Conversion of user values to exact ``Decimal`` and other checked scalars.

One place for the rule stated in the docs: hours, scores and money are ``Decimal``;
``int``, ``str`` and ``Decimal`` are accepted, a ``float`` is rejected (it cannot say
whether ``0.1`` meant 0.1 or 0.1000000000000000055511151231257827), and NaN or an
infinity is rejected.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Any, ParamSpec, TypeVar

import attrs

from trainingrules._limits import MAX_AMOUNT, MAX_NUMBER_TEXT, MAX_SCALE
from trainingrules.errors import InvalidInputError, TrainingRulesError

__all__: list[str] = []

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)
_P = ParamSpec("_P")

ZERO = Decimal(0)
HUNDRED = Decimal(100)

EXACT = Context(
    prec=100,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The decimal context the engine computes in, whatever the caller's context is.

Every input has at most ``MAX_SCALE`` decimal places and a magnitude of at most
``MAX_AMOUNT`` (10**15): 24 significant digits. A product of two such numbers has at
most 48, a sum of a million of them 54; 100 digits therefore hold every sum and
product exactly. Divisions (prorating, rounding to a quantum) are done in ways that
do not depend on it (``Rounding.apply`` divides integers).
"""


def exact(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """``function``, run in the ``EXACT`` decimal context (the caller's is restored after)."""

    @functools.wraps(function)
    def in_exact_context(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with localcontext(EXACT):
            return function(*args, **kwargs)

    return in_exact_context


def show(value: object, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters, for messages (inputs may be huge)."""
    if isinstance(value, list | dict | tuple | set | frozenset) and value:
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        return f"an integer of about {value.bit_length() * 30103 // 100000:,} digits"
    text = str(value) if isinstance(value, Decimal) else repr(value)  # 1.5, not Decimal('1.5')
    return text if len(text) <= width else text[: width - 3] + "..."


_SHOWN_BITS = 128
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_NOT_FINITE = re.compile(r"[+-]?(?:s?nan\d*|inf|infinity)", re.ASCII | re.IGNORECASE)
_BLANKS = " \t\n\r"


def to_decimal(  # noqa: C901, PLR0913 - one check per way a number can be wrong; keywords
    value: object,
    path: str,
    *,
    error: type[TrainingRulesError] = InvalidInputError,
    minimum: Decimal | None = ZERO,
    maximum: Decimal | None = None,
    limit: Decimal = MAX_AMOUNT,
    why: str = "",
) -> Decimal:
    """Return ``value`` as a finite ``Decimal`` within ``[minimum, maximum]`` or raise.

    Accepted: a ``Decimal``, an ``int`` or a string of ASCII digits (``"12.5"``,
    ``"1E+3"``, spaces around it). Refused: a ``float`` (``float``), a bool (``type``),
    other digits such as ``"１２"`` (``type``), NaN and infinities (``not_finite``), a
    magnitude above ``limit`` (``range``, with ``why``, the reason of the limit) and
    more than ``MAX_SCALE`` decimal places (``precision``). ``-0`` is 0; trailing zeros
    are dropped (``canonical``).
    """
    if isinstance(value, bool):
        raise error("a boolean is not a number", path=path, code=_code(error, "type"))
    if isinstance(value, float):
        raise error(
            f"a float ({value!r}) is not accepted: a binary float is not the number typed "
            f"(0.1 is stored as 0.1000000000000000055511151231257827); write it as a "
            f"string, '{value}', or pass a Decimal",
            path=path,
            code=_code(error, "float"),
        )
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if abs(value) > limit:
            raise _too_large(value, limit, why, error, path)
        number = Decimal(value)
    elif isinstance(value, str):
        number = _parse(value, path, error)
    else:
        raise error(
            f"expected a decimal number, got {type(value).__name__}",
            path=path,
            code=_code(error, "type"),
        )
    if not number.is_finite():
        raise error(f"{show(value)} is not finite", path=path, code=_code(error, "not_finite"))
    if number.adjusted() > limit.adjusted() or abs(number) > limit:
        raise _too_large(value, limit, why, error, path)
    if scale(number) > MAX_SCALE:
        raise error(
            f"{show(value)} has more than {MAX_SCALE} decimal places",
            path=path,
            code=_code(error, "precision"),
        )
    number = canonical(number)
    if minimum is not None and number < minimum:
        raise error(
            f"{number} is below the minimum {minimum}", path=path, code=_code(error, "range")
        )
    if maximum is not None and number > maximum:
        raise error(
            f"{number} is above the maximum {maximum}", path=path, code=_code(error, "range")
        )
    return number


def _parse(text: str, path: str, error: type[TrainingRulesError]) -> Decimal:
    """A decimal string of ASCII digits as a ``Decimal`` (no float is ever made)."""
    if len(text) > MAX_NUMBER_TEXT:
        raise error(
            f"a number of {len(text)} characters (at most {MAX_NUMBER_TEXT})",
            path=path,
            code=_code(error, "too_long"),
        )
    stripped = text.strip(_BLANKS)
    if _NUMBER.fullmatch(stripped):
        try:
            return Decimal(stripped)
        except InvalidOperation:  # an exponent beyond what a Decimal holds
            raise error(
                f"{show(text)} is out of range", path=path, code=_code(error, "range")
            ) from None
    if _NOT_FINITE.fullmatch(stripped):
        return Decimal("NaN")
    hint = "" if text.isascii() else " (write numbers with ASCII digits 0-9)"
    raise error(f"{show(text)} is not a decimal number{hint}", path=path, code=_code(error, "type"))


def _too_large(
    value: object, limit: Decimal, why: str, error: type[TrainingRulesError], path: str
) -> TrainingRulesError:
    reason = f": {why}" if why else ""
    return error(
        f"{show(value)} is above the limit {limit:,}{reason}",
        path=path,
        code=_code(error, "range"),
    )


def scale(number: Decimal) -> int:
    """Decimal places of a finite ``number``, trailing zeros not counted (``1.50``: 1)."""
    sign, digits, exponent = number.as_tuple()
    del sign
    if not isinstance(exponent, int) or not any(digits):  # zero has no decimal places
        return 0
    zeros = len(digits) - len(bytes(digits).rstrip(b"\x00"))
    return max(0, -(exponent + zeros))


def canonical(number: Decimal) -> Decimal:
    """One representation per value: ``240.00`` → ``240``, ``59.950`` → ``59.95``, ``-0`` → ``0``.

    Equal values then give equal policies, equal cache keys and equal output.
    """
    if number == number.to_integral_value(context=EXACT) and number.adjusted() < _DIGITS:
        return EXACT.add(number.quantize(_ONE, context=EXACT), ZERO)  # + 0: -0 is 0
    # Strip trailing zeros without rounding, however many digits the value has.
    return number.normalize(Context(prec=max(len(number.as_tuple().digits), 1)))


_ONE = Decimal(1)
_DIGITS = 28  # an integer with more digits keeps its exponent (quantize would overflow)


def check_date(
    value: object, path: str, *, error: type[TrainingRulesError] = InvalidInputError
) -> date:
    """Return ``value`` if it is a ``date`` (not a ``datetime``), else raise."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise error(
            f"expected a date, got {type(value).__name__}", path=path, code=_code(error, "type")
        )
    return value


def check_text(
    value: object,
    path: str,
    *,
    error: type[TrainingRulesError] = InvalidInputError,
    max_length: int | None = None,
) -> str:
    """Return ``value`` if it is a non-blank ``str`` (of at most ``max_length``), else raise."""
    if not isinstance(value, str):
        raise error(
            f"expected a string, got {type(value).__name__}", path=path, code=_code(error, "type")
        )
    check_length(value, path, max_length, error=error)
    if not value.strip():
        raise error("must not be empty", path=path, code=_code(error, "empty"))
    return value


def check_unicode(
    value: str, path: str, *, error: type[TrainingRulesError] = InvalidInputError
) -> str:
    """Return ``value`` if it is valid Unicode text, else raise.

    A lone surrogate is not: UTF-8 (and so JSON output, a fingerprint, a file) cannot
    encode it.
    """
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as problem:
            raise error(
                f"not valid Unicode text: a lone surrogate at character {problem.start}",
                path=path,
                code=_code(error, "type"),
            ) from None
    return value


def check_length(
    value: str,
    path: str,
    max_length: int | None,
    *,
    error: type[TrainingRulesError] = InvalidInputError,
) -> str:
    """Return ``value`` if it is short enough and valid Unicode text, else raise.

    ``max_length`` is the most characters (``None``: any); see ``check_unicode``.
    """
    if max_length is not None and len(value) > max_length:
        raise error(
            f"{len(value):,} characters, more than the {max_length} allowed",
            path=path,
            code=_code(error, "too_long"),
        )
    return check_unicode(value, path, error=error)


def check_count(
    value: object,
    path: str,
    *,
    error: type[TrainingRulesError] = InvalidInputError,
    maximum: int | None = None,
) -> int:
    """Return ``value`` if it is an ``int`` (not a bool) in ``[0, maximum]``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(
            f"expected a whole number, got {type(value).__name__}",
            path=path,
            code=_code(error, "type"),
        )
    if value < 0:
        raise error(f"{show(value)} is negative", path=path, code=_code(error, "range"))
    if maximum is not None and value > maximum:
        raise error(
            f"{show(value)} is above the limit {maximum:,}", path=path, code=_code(error, "range")
        )
    return value


def check_instance(
    value: object,
    kind: type[Any] | tuple[type[Any], ...],
    path: str,
    *,
    error: type[TrainingRulesError] = InvalidInputError,
) -> Any:  # noqa: ANN401 - returns what it was given, after the check
    """Return ``value`` if it is an instance of ``kind``, else raise."""
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise error(
            f"expected {names}, got {type(value).__name__}", path=path, code=_code(error, "type")
        )
    return value


def choice(
    kind: type[_E], error: type[TrainingRulesError] = InvalidInputError
) -> Callable[[object, str], _E]:
    """A check that accepts a member of the enum ``kind`` or one of its values."""

    def check(value: object, path: str) -> _E:
        if isinstance(value, kind):
            return value
        # Only a string or a number can be a value (an enum's own message would repr
        # anything, however large or deep).
        if isinstance(value, str | int):
            try:
                return kind(value)
            except ValueError:
                pass
        allowed = ", ".join(str(m.value) for m in kind)
        raise error(
            f"{show(value)} is not one of: {allowed}", path=path, code=_code(error, "choice")
        )

    return check


def optional(check: Callable[[object, str], _T]) -> Callable[[object, str], _T | None]:
    """``check``, but ``None`` passes as ``None``."""
    return lambda value, path: None if value is None else check(value, path)


def instance_of(
    kind: type[_T], error: type[TrainingRulesError] = InvalidInputError
) -> Callable[[object, str], _T]:
    """A check that accepts instances of ``kind`` only."""
    return lambda value, path: check_instance(value, kind, path, error=error)


def _code(error: type[TrainingRulesError], suffix: str) -> str:
    return f"{error.default_code.split('.')[0]}.{suffix}"


_CHECK = "trainingrules.check"
CHECK = _CHECK
"""The metadata key of a ``checked`` field's check (``from_dict`` runs it per field)."""


def checked(check: Callable[[object, str], object], **kwargs: Any) -> Any:  # noqa: ANN401 - an attrs field
    """An ``attrs`` field whose value ``normalise`` checks (and converts) with ``check``.

    ``check(value, path)`` returns the converted value or raises an error naming
    ``path``. Checking happens in ``__attrs_post_init__`` so the error knows the field.
    """
    return attrs.field(metadata={_CHECK: check}, **kwargs)


_CHECKS: dict[type[Any], tuple[tuple[str, Callable[[object, str], object]], ...]] = {}


def normalise(instance: object) -> None:
    """Run the checks of every ``checked`` field of a frozen attrs ``instance``."""
    cls = type(instance)
    checks = _CHECKS.get(cls)
    if checks is None:
        checks = _CHECKS[cls] = tuple(
            (field.name, field.metadata[_CHECK])
            for field in attrs.fields(cls)  # type: ignore[arg-type]
            if _CHECK in field.metadata
        )
    setattr_ = object.__setattr__
    for name, check in checks:
        setattr_(instance, name, check(getattr(instance, name), name))
