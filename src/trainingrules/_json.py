"""JSON-safe encoding of the library's frozen values (policies and results).

``encode`` compiles, once per attrs class, a function that builds the class's dict
directly from its field types: strings, integers and booleans pass through,
decimals become exact strings, dates ISO strings, enums their values, tuples lists
and frozensets sorted lists. The generated code reads each field once by name and
calls the encoder of a nested class directly, so a value is never inspected to find
out what it is unless its field's type is a union of classes (a policy's rules).
A class whose field types cannot be resolved falls back to ``reflect``, the walker
that inspects every value; both give the same data (``tests/test_result_json.py``).

``encode_text`` writes the same data as JSON text, from functions generated the same
way, without building the dicts first (a service sends text; the dicts and their
encoding cost more than the evaluation).
"""

from __future__ import annotations

import enum
import hashlib
import json
import sys
import threading
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring  # json.dumps's own string encoder (C)
from typing import Any

import attrs

__all__: list[str] = []

KindOf = Callable[[object], str | None]
"""Names a value's kind (written first under ``"kind"``), or ``None``."""

_Encoder = Callable[[Any], Any]


def encode(value: object, kind_of: KindOf | None = None) -> Any:  # noqa: ANN401 - JSON values
    """``value`` as JSON-safe data, fields in declaration order.

    Decimals become strings (exact), dates ISO strings, enums their values, frozensets
    sorted lists and attrs instances dicts; ``kind_of`` may name a value's kind, which
    is then written first under ``"kind"``. Fields whose name starts with ``_`` are
    left out.
    """
    return _table(kind_of).any(value)


def encode_text(value: object) -> str:
    """``dumps(encode(value))``, written directly: the JSON text of ``value``."""
    return _TEXT.any(value)


def fingerprint(data: object) -> str:
    """SHA-256 (hex) of ``data``'s canonical JSON: sorted keys, no spaces, UTF-8.

    The canonical text is ``json.dumps(data, sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)``; any JSON library that writes the same text gives the same
    fingerprint (``docs/service.md``).
    """
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the reference walker ------------------------------------------------------------


def _identity(value: object) -> object:
    return value


def _enum_value(value: enum.Enum) -> Any:  # noqa: ANN401 - an enum's JSON value
    return value.value


_SCALARS: dict[type[Any], Callable[[Any], Any]] = {
    str: _identity,
    int: _identity,
    bool: _identity,
    type(None): _identity,
    Decimal: str,
    date: date.isoformat,
}


def reflect(value: object, kind_of: KindOf | None = None) -> Any:  # noqa: ANN401 - JSON values, one return per kind
    """``encode``'s result, found by inspecting every value (slow; the reference)."""
    cls = type(value)
    scalar = _SCALARS.get(cls)
    if scalar is not None:
        return scalar(value)
    if cls is tuple or cls is list:
        return [reflect(item, kind_of) for item in value]  # type: ignore[attr-defined]
    if cls is frozenset:
        return sorted(reflect(item, kind_of) for item in value)  # type: ignore[attr-defined]
    if issubclass(cls, enum.Enum):
        return _enum_value(value)  # type: ignore[arg-type]
    if attrs.has(cls):
        kind = kind_of(value) if kind_of is not None else None
        encoded: dict[str, Any] = {} if kind is None else {"kind": kind}
        for field in attrs.fields(cls):
            if not field.name.startswith("_"):
                encoded[field.name] = reflect(getattr(value, field.name), kind_of)
        return encoded
    raise TypeError(f"cannot encode {cls.__name__}")  # pragma: no cover - model bug


# --- compiled encoders -----------------------------------------------------------------


class _Table:
    """The compiled encoders for one ``kind_of``: one function per attrs class."""

    def __init__(self, kind_of: KindOf | None) -> None:
        self.kind_of = kind_of
        self.encoders: dict[type[Any], _Encoder] = {}
        self.names: dict[type[Any], str] = {}
        self.pending: dict[type[Any], _Encoder] = {}
        self.lock = threading.RLock()
        # The generated functions look names up here when they run.
        self.namespace: dict[str, Any] = {
            "__builtins__": {},
            "str": str,
            "sorted": sorted,
            "list": list,
            "_any": self.any,
            "_kind": kind_of,
        }

    def any(self, value: object) -> Any:  # noqa: ANN401 - JSON values
        """Encode a value whose type its field does not fix."""
        cls = type(value)
        encoder = self.encoders.get(cls)
        if encoder is not None:
            return encoder(value)
        scalar = _SCALARS.get(cls)
        if scalar is not None:
            return scalar(value)
        if cls is tuple or cls is list:
            return [self.any(item) for item in value]  # type: ignore[attr-defined]
        if cls is frozenset:
            return sorted(self.any(item) for item in value)  # type: ignore[attr-defined]
        if issubclass(cls, enum.Enum):
            return _enum_value(value)  # type: ignore[arg-type]
        if attrs.has(cls):
            return self.compile(cls)(value)
        raise TypeError(f"cannot encode {cls.__name__}")  # pragma: no cover - model bug

    def compile(self, cls: type[Any]) -> _Encoder:
        """The encoder of the attrs class ``cls``, generated on first use.

        Generated under a lock, and published (``encoders``) only once it and every
        encoder it calls exist: a thread never calls a function still being made.
        """
        encoder = self.encoders.get(cls)
        if encoder is None:
            with self.lock:
                name = self._function(cls)
                self.encoders.update(self.pending)
                self.pending.clear()
                encoder = self.namespace[name]
        return encoder

    prefix = "_encode"
    null = "None"
    """Python source of an absent value's encoding."""

    def _function(self, cls: type[Any]) -> str:
        """The name of ``cls``'s encoder in the namespace, generating it the first time."""
        name = self.names.get(cls)
        if name is not None:
            return name
        name = self.names[cls] = f"{self.prefix}_{len(self.names)}_{cls.__name__}"
        hints = field_types(cls)
        if hints is None:  # pragma: no cover - every class of the library resolves
            self.namespace[name] = self.pending[cls] = self._reflecting()
            return name
        fields = [field for field in attrs.fields(cls) if not field.name.startswith("_")]
        # Generated from the library's own class definitions (field names and types),
        # never from data: the technique attrs uses for ``__init__``. A nested class's
        # encoder is looked up by name when the function runs, so a class may
        # contain itself.
        exec(self._source(name, fields, hints), self.namespace)  # noqa: S102
        self.pending[cls] = self.namespace[name]
        return name

    def _reflecting(self) -> _Encoder:  # pragma: no cover - every class of the library resolves
        kind_of = self.kind_of
        return lambda value: reflect(value, kind_of)

    def _source(self, name: str, fields: list[Any], hints: dict[str, Any]) -> str:
        """The source of the encoder ``name`` of a class with ``fields``."""
        items = [
            f"{field.name!r}: {self._expr(hints[field.name], 'v.' + field.name, 0)}"
            for field in fields
        ]
        body = "{" + ", ".join(items) + "}"
        if self.kind_of is None:
            return f"def {name}(v):\n    return {body}\n"
        return (
            f"def {name}(v):\n"
            "    k = _kind(v)\n"
            f"    return {body} if k is None else {{'kind': k, **{body}}}\n"
        )

    def _expr(self, tp: Any, var: str, depth: int) -> str:  # noqa: ANN401, PLR0911 - a type; one return per kind
        """Python source that encodes ``var``, a value of type ``tp``."""
        scalar = self._scalar(tp, var)
        if scalar is not None:
            return scalar
        if isinstance(tp, type) and attrs.has(tp):
            return f"{self._function(tp)}({var})"
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            inner = self._expr(options[0], var, depth) if len(options) == 1 else f"_any({var})"
            if len(options) == len(args):
                return inner
            return f"({self.null} if {var} is None else {inner})"
        item = f"_x{depth}"
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return self._list(self._expr(args[0], item, depth + 1), item, var)
        if origin is tuple and args:
            return self._fixed([self._expr(a, f"{var}[{i}]", depth) for i, a in enumerate(args)])
        if origin is frozenset:
            return self._set(self._expr(args[0], item, depth + 1), item, var)
        return f"_any({var})"

    def _scalar(self, tp: Any, var: str) -> str | None:  # noqa: ANN401 - a type
        """Source encoding ``var`` if ``tp`` is a scalar type (enums included), else ``None``."""
        if tp in (str, int, bool, type(None)):
            return var
        if tp is Decimal:
            return f"str({var})"
        if tp is date:
            return f"{var}.isoformat()"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{var}._value_"
        return None

    def _list(self, each: str, item: str, var: str) -> str:
        """Source of a tuple's items, ``each`` encoding one named ``item``."""
        return f"list({var})" if each == item else f"[{each} for {item} in {var}]"

    def _fixed(self, items: list[str]) -> str:
        """Source of a fixed-length tuple, from each item's source."""
        return "[" + ", ".join(items) + "]"

    def _set(self, each: str, item: str, var: str) -> str:
        """Source of a frozenset's items, sorted by their encoding."""
        return f"sorted({var})" if each == item else f"sorted([{each} for {item} in {var}])"


_TABLES: dict[KindOf | None, _Table] = {}


def _table(kind_of: KindOf | None) -> _Table:
    table = _TABLES.get(kind_of)
    if table is None:
        table = _TABLES.setdefault(kind_of, _Table(kind_of))  # one table, whoever is first
    return table


class _TextTable(_Table):
    """The compiled JSON-text encoders: one function per attrs class, writing text.

    Generated field by field as ``_Table``'s, each expression giving its field's JSON
    text. Classes whose fields are all strings (citations, labels, documents, shared
    by many findings) are written once per value: a string has one representation,
    so the text cannot depend on which of two equal instances came first.
    """

    prefix = "_text"
    null = "'null'"

    def __init__(self) -> None:
        super().__init__(None)
        self.texts: dict[object, str] = {}
        self.namespace |= {
            "_text": encode_basestring,
            "_dumps": dumps,
            "_data": _table(None).any,
            "_memo": self.memo,
        }

    def any(self, value: object) -> str:
        """The JSON text of a value whose type its field does not fix."""
        cls = type(value)
        encoder = self.encoders.get(cls)
        if encoder is None and attrs.has(cls):
            encoder = self.compile(cls)
        if encoder is not None:
            text: str = encoder(value)
            return text
        if cls is tuple or cls is list:
            return "[" + ",".join([self.any(item) for item in value]) + "]"  # type: ignore[attr-defined]
        return dumps(_table(None).any(value))

    def memo(self, value: object, encoder: _Encoder) -> str:
        """``encoder(value)``, remembered by value (for all-string classes)."""
        text: str | None = self.texts.get(value)
        if text is None:
            if len(self.texts) > _MEMO_SIZE:
                self.texts.clear()
            text = self.texts[value] = encoder(value)
        return text

    def _reflecting(self) -> _Encoder:  # pragma: no cover - every class of the library resolves
        return lambda value: dumps(reflect(value))

    def _source(self, name: str, fields: list[Any], hints: dict[str, Any]) -> str:
        # Each field: its key as a literal, after "{" or ",", then its value's text.
        pieces = [
            repr(("," if i else "{") + dumps(field.name) + ":")
            + " + "
            + self._expr(hints[field.name], "v." + field.name, 0)
            for i, field in enumerate(fields)
        ]
        body = " + ".join([*pieces, "'}'"]) if pieces else "'{}'"
        if pieces and all(hints[field.name] is str for field in fields):
            return (
                f"def {name}_text(v):\n    return {body}\n"
                f"def {name}(v):\n    return _memo(v, {name}_text)\n"
            )
        return f"def {name}(v):\n    return {body}\n"

    def _scalar(self, tp: Any, var: str) -> str | None:  # noqa: ANN401 - a type
        scalar = _SCALAR_TEXT.get(tp)
        if scalar is not None:
            return scalar.format(var)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            if all(type(member.value) is str for member in tp):
                return f"_text({var}._value_)"
            return f"_dumps({var}._value_)"  # pragma: no cover - the library's enums are text
        return None

    def _list(self, each: str, item: str, var: str) -> str:
        return f"('[' + ','.join([{each} for {item} in {var}]) + ']')"

    def _fixed(self, items: list[str]) -> str:
        return "('[' + " + " + ',' + ".join(items) + " + ']')"

    def _set(self, each: str, item: str, var: str) -> str:  # noqa: ARG002 - sorted by value
        # Sorted by their JSON values, as the dict encoder sorts them.
        return f"_dumps(_data({var}))"


# The JSON text of a scalar field's value, in generated source ({} is the value).
_SCALAR_TEXT = {
    str: "_text({})",
    bool: "('true' if {} else 'false')",
    int: "str({})",
    type(None): "'null'",
    Decimal: "('\"' + str({}) + '\"')",  # digits, sign, point, exponent: nothing to escape
    date: "('\"' + {}.isoformat() + '\"')",
}


def dumps(data: object) -> str:
    """``data`` as compact JSON text, non-ASCII characters kept (what services send)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


_MEMO_SIZE = 4096
_TEXT = _TextTable()


def field_types(cls: type[Any]) -> dict[str, Any] | None:
    """The resolved types of an attrs class's fields, or ``None`` if some cannot be resolved.

    Annotations are strings (``from __future__ import annotations``); they are
    resolved in the class's module, which may import some names only for type
    checking, so the library's shared value types are added.
    """
    from trainingrules.cycles import Period  # noqa: PLC0415 - cycles imports this package
    from trainingrules.scoring import Rounding  # noqa: PLC0415 - likewise

    namespace = dict(vars(sys.modules[cls.__module__]))
    namespace.setdefault("Period", Period)
    namespace.setdefault("Rounding", Rounding)
    namespace.setdefault("Decimal", Decimal)
    namespace.setdefault("date", date)
    try:
        return typing.get_type_hints(cls, globalns=namespace)
    except (NameError, TypeError):  # pragma: no cover - every class of the library resolves
        return None
