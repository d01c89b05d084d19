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


def _identity(value: object) -> object:
    return value


def _enum_value(value: enum.Enum) -> Any:  # noqa: ANN401 - an enum's JSON value
    return value.value


# Scalars by exact type; enum classes are added as they are met.
_SCALARS: dict[type[Any], Callable[[Any], Any]] = {
    str: _identity,
    int: _identity,
    bool: _identity,
    type(None): _identity,
    Decimal: str,
    date: date.isoformat,
}


def encode(value: object, kind_of: Callable[[object], str | None] | None = None) -> Any:  # noqa: ANN401 - JSON values
    """``value`` as JSON-safe data, fields in declaration order.

    Decimals become strings (exact), dates ISO strings, enums their values, frozensets
    sorted lists and attrs instances dicts; ``kind_of`` may name a value's kind, which
    is then written first under ``"kind"``. Flat values met more than once (the same
    ``Citation`` behind many findings) are encoded once per call and copied.
    """
    return _encode(value, kind_of, {})


def _encode(  # noqa: PLR0911 - one return per kind of value
    value: object,
    kind_of: Callable[[object], str | None] | None,
    seen: dict[int, dict[str, Any]],
) -> Any:  # noqa: ANN401 - JSON values
    cls = type(value)
    scalar = _SCALARS.get(cls)
    if scalar is not None:
        return scalar(value)
    if cls is tuple or cls is list:
        return [_encode(item, kind_of, seen) for item in value]  # type: ignore[attr-defined]
    if cls is frozenset:
        return sorted(_encode(item, kind_of, seen) for item in value)  # type: ignore[attr-defined]
    if issubclass(cls, enum.Enum):
        _SCALARS[cls] = _enum_value
        return _enum_value(value)  # type: ignore[arg-type]
    if attrs.has(cls):
        done = seen.get(id(value))
        if done is not None:
            return dict(done)
        names = _FIELDS.get(cls)
        if names is None:
            names = _FIELDS[cls] = tuple(
                f.name for f in attrs.fields(cls) if not f.name.startswith("_")
            )
        kind = kind_of(value) if kind_of is not None else None
        encoded: dict[str, Any] = {} if kind is None else {"kind": kind}
        flat = True
        for name in names:
            item = _encode(getattr(value, name), kind_of, seen)
            flat = flat and not isinstance(item, dict | list)
            encoded[name] = item
        if flat:
            seen[id(value)] = encoded
            return dict(encoded)
        return encoded
    raise TypeError(f"cannot encode {cls.__name__}")  # pragma: no cover - model bug
