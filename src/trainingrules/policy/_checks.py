"""Field checks for policy data: each converts a value or raises a ``PolicyDataError``."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import TypeVar

from trainingrules._limits import MAX_COUNT
from trainingrules._values import (
    check_count,
    check_date,
    check_text,
    check_unicode,
    choice,
    instance_of,
    to_decimal,
)
from trainingrules.errors import PolicyDataError

__all__ = [
    "amount",
    "boolean",
    "count",
    "day",
    "enum_of",
    "instance",
    "mark",
    "positive_int",
    "set_of",
    "string",
    "text",
    "tuple_of",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)


def text(value: object, path: str) -> str:
    return check_text(value, path, error=PolicyDataError)


def string(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise PolicyDataError(
            f"expected a string, got {type(value).__name__}", path=path, code="policy.type"
        )
    return check_unicode(value, path, error=PolicyDataError)


def day(value: object, path: str) -> date:
    return check_date(value, path, error=PolicyDataError)


def amount(value: object, path: str) -> Decimal:
    return to_decimal(value, path, error=PolicyDataError)


def mark(value: object, path: str) -> Decimal:
    return to_decimal(value, path, error=PolicyDataError, maximum=Decimal(100))


def count(value: object, path: str) -> int:
    return check_count(value, path, error=PolicyDataError, maximum=MAX_COUNT)


def positive_int(value: object, path: str) -> int:
    number = check_count(value, path, error=PolicyDataError, maximum=MAX_COUNT)
    if number < 1:
        raise PolicyDataError("must be at least 1", path=path, code="policy.range")
    return number


def boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise PolicyDataError(
            f"expected true or false, got {type(value).__name__}", path=path, code="policy.type"
        )
    return value


def enum_of(kind: type[_E]) -> Callable[[object, str], _E]:
    return choice(kind, PolicyDataError)


def instance(kind: type[_T]) -> Callable[[object, str], _T]:
    return instance_of(kind, PolicyDataError)


def set_of(check: Callable[[object, str], _T]) -> Callable[[object, str], frozenset[_T]]:
    def convert(value: object, path: str) -> frozenset[_T]:
        return frozenset(tuple_of(check)(value, path))

    return convert


def tuple_of(check: Callable[[object, str], _T]) -> Callable[[object, str], tuple[_T, ...]]:
    def convert(value: object, path: str) -> tuple[_T, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise PolicyDataError(
                f"expected a list, got {type(value).__name__}", path=path, code="policy.type"
            )
        return tuple(check(item, f"{path}[{i}]") for i, item in enumerate(value))

    return convert
