"""Conversion of user values to exact ``Decimal`` and other checked scalars.

One place for the rule stated in the docs: hours, scores and money are ``Decimal``;
``int``, ``str`` and ``Decimal`` are accepted, a ``float`` is rejected (it cannot say
whether ``0.1`` meant 0.1 or 0.1000000000000000055511151231257827), and NaN or an
infinity is rejected.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime
from decimal import Context, Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from trainingrules.errors import InvalidInputError, TrainingRulesError

__all__: list[str] = []

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def to_decimal(
    value: object,
    path: str,
    *,
    error: type[TrainingRulesError] = InvalidInputError,
    minimum: Decimal | None = ZERO,
    maximum: Decimal | None = None,
) -> Decimal:
    """Return ``value`` as a finite ``Decimal`` within ``[minimum, maximum]`` or raise."""
    if isinstance(value, bool):
        raise error("a boolean is not a number", path=path, code=_code(error, "type"))
    if isinstance(value, float):
        raise error(
            f"a float ({value!r}) is not accepted; pass a str or Decimal such as '{value}'",
            path=path,
            code=_code(error, "float"),
        )
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise error(
                f"{value!r} is not a decimal number", path=path, code=_code(error, "type")
            ) from None
    else:
        raise error(
            f"expected a decimal number, got {type(value).__name__}",
            path=path,
            code=_code(error, "type"),
        )
    if not number.is_finite():
        raise error(f"{value!r} is not finite", path=path, code=_code(error, "not_finite"))
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


def canonical(number: Decimal) -> Decimal:
    """One representation per value: ``240.00`` → ``240``, ``59.950`` → ``59.95``, ``-0`` → ``0``.

    Equal values then give equal policies, equal cache keys and equal output.
    """
    if number == number.to_integral_value() and number.adjusted() < _DIGITS:
        return number.quantize(_ONE) + 0  # + 0 turns -0 into 0
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
    value: object, path: str, *, error: type[TrainingRulesError] = InvalidInputError
) -> str:
    """Return ``value`` if it is a non-blank ``str``, else raise."""
    if not isinstance(value, str):
        raise error(
            f"expected a string, got {type(value).__name__}", path=path, code=_code(error, "type")
        )
    if not value.strip():
        raise error("must not be empty", path=path, code=_code(error, "empty"))
    return value


def check_count(
    value: object, path: str, *, error: type[TrainingRulesError] = InvalidInputError
) -> int:
    """Return ``value`` if it is a non-negative ``int`` (not a bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(
            f"expected a whole number, got {type(value).__name__}",
            path=path,
            code=_code(error, "type"),
        )
    if value < 0:
        raise error(f"{value} is negative", path=path, code=_code(error, "range"))
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
        try:
            return kind(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in kind)
            raise error(
                f"{value!r} is not one of: {allowed}", path=path, code=_code(error, "choice")
            ) from None

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
