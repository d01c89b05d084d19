"""JSON-safe encoding of the library's frozen values (policies and results)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

__all__: list[str] = []

_FIELDS: dict[type[Any], tuple[str, ...]] = {}


def _public_fields(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(
            f.name for f in attrs.fields(cls) if not f.name.startswith("_")
        )
    return names


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
    if isinstance(value, tuple | list):
        return [encode(item, kind_of) for item in value]
    if isinstance(value, frozenset):
        return sorted(encode(item, kind_of) for item in value)
    cls = type(value)
    if attrs.has(cls):
        kind = kind_of(value) if kind_of is not None else None
        encoded: dict[str, Any] = {} if kind is None else {"kind": kind}
        for name in _public_fields(cls):
            encoded[name] = encode(getattr(value, name), kind_of)
        return encoded
    raise TypeError(f"cannot encode {cls.__name__}")  # pragma: no cover - model bug
