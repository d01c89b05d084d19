"""JSON-safe encoding of the library's frozen values (policies and results)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

__all__: list[str] = []


def encode(value: object, kind_of: Callable[[object], str | None] | None = None) -> Any:  # noqa: ANN401, PLR0911 - JSON values, one branch a type
    """``value`` as JSON-safe data, fields in declaration order.

    Decimals become strings (exact), dates ISO strings, enums their values, frozensets
    sorted lists and attrs instances dicts; ``kind_of`` may name a value's kind, which
    is then written first under ``"kind"``.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, frozenset):
        return sorted(encode(item, kind_of) for item in value)
    if isinstance(value, tuple | list):
        return [encode(item, kind_of) for item in value]
    if attrs.has(type(value)):
        kind = kind_of(value) if kind_of is not None else None
        encoded: dict[str, Any] = {} if kind is None else {"kind": kind}
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            if not field.name.startswith("_"):
                encoded[field.name] = encode(getattr(value, field.name), kind_of)
        return encoded
    raise TypeError(f"cannot encode {type(value).__name__}")  # pragma: no cover - model bug
