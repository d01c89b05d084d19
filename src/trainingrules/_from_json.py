"""Inputs from JSON-safe data: ``Teacher.from_dict`` and the others, with every error at once.

The keys are the attrs field names (what ``to_dict`` writes for an input); values are
what JSON carries: dates as ``"YYYY-MM-DD"`` strings (``date`` objects too), hours,
scores and money as decimal strings or integers (a JSON float is refused:
``input.float``), enums by value, lists for tuples and sets. Each field is checked by
the same check its class runs, so ``from_dict`` accepts exactly what the constructor
accepts; every problem is collected with its full path, and one ``InputErrors``
reports them all.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any, TypeVar

import attrs

from trainingrules._limits import MAX_DEPTH, MAX_ITEMS, MAX_TEXT
from trainingrules._values import CHECK, show
from trainingrules.errors import InputErrors, InvalidInputError, TrainingRulesError

__all__ = [
    "FAILED",
    "ISO_DAY",
    "Collector",
    "check_depth",
    "decode",
    "from_dict",
    "join",
    "key_name",
    "parse_date",
    "read",
    "too_deep",
    "unknown_keys",
]

_T = TypeVar("_T")

FAILED: Any = object()
"""What a decoder returns for a value it reported an error for."""

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
"""A day written ``YYYY-MM-DD`` in ASCII digits (what JSON Schema's ``format: date`` is)."""


class Collector:
    """The errors found so far, in input order."""

    __slots__ = ("errors",)

    def __init__(self) -> None:
        """Start with none."""
        self.errors: list[InvalidInputError] = []

    def add(self, error: TrainingRulesError) -> None:
        """Keep ``error`` (its path already full) as an ``InvalidInputError``."""
        if isinstance(error, InputErrors):
            self.errors.extend(error.errors)
        elif isinstance(error, InvalidInputError):
            self.errors.append(error)
        else:
            self.errors.append(InvalidInputError(error.message, path=error.path, code=error.code))

    def raise_if_any(self) -> None:
        """Raise ``InputErrors`` with every error kept, if there is one."""
        if self.errors:
            raise InputErrors(self.errors)


def key_name(key: object) -> str:
    """``key`` as a step of an error's path: itself if it is short, valid text, else its repr."""
    if isinstance(key, str) and len(key) <= MAX_TEXT and (key.isascii() or _encodes(key)):
        return key
    return show(key)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def join(path: str, name: str) -> str:
    """``records[3]`` + ``hours`` → ``records[3].hours``."""
    return f"{path}.{name}" if path else name


def from_dict(cls: type[_T], data: object, path: str = "") -> _T:
    """``cls`` built from ``data``, or ``InputErrors`` with every problem found."""
    errors = Collector()
    check_depth(data, path, errors)
    if not errors.errors:
        built = decode(cls, data, path, errors)
        if built is not FAILED:
            return built  # type: ignore[no-any-return]
    errors.raise_if_any()
    raise AssertionError  # pragma: no cover - decode reports every failure


def check_depth(data: object, path: str, errors: Collector, limit: int = MAX_DEPTH) -> bool:
    """Whether ``data`` nests lists and dicts at most ``limit`` deep (else an error is kept)."""
    if too_deep(data, limit):
        errors.add(
            InvalidInputError(
                f"nested more than {limit} levels deep", path=path, code="input.too_deep"
            )
        )
        return False
    return True


def too_deep(data: object, limit: int) -> bool:
    """Whether ``data`` nests lists and dicts more than ``limit`` deep.

    Walks without recursion, so adversarial nesting cannot exhaust the stack.
    """
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list | tuple):
            if depth > limit:
                return True
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)
    return False


def parse_date(value: object, path: str) -> date:
    """A ``date``, or a ``"YYYY-MM-DD"`` string of ASCII digits naming a day of the calendar."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise InvalidInputError(
            f"expected a date as 'YYYY-MM-DD', got {type(value).__name__}",
            path=path,
            code="input.type",
        )
    if not ISO_DAY.fullmatch(value):
        raise InvalidInputError(
            f"{show(value)} is not a date written YYYY-MM-DD (ASCII digits)",
            path=path,
            code="input.date",
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            f"{value!r} is not a day of the calendar", path=path, code="input.date"
        ) from None


_RESOLVED: set[type[Any]] = set()


def _fields(cls: type[Any]) -> dict[str, attrs.Attribute[Any]]:
    if cls not in _RESOLVED:
        attrs.resolve_types(cls)
        _RESOLVED.add(cls)
    return {field.name: field for field in attrs.fields(cls)}


def decode(cls: type[Any], data: object, path: str, errors: Collector) -> Any:  # noqa: ANN401
    """An instance of the attrs class ``cls`` from the dict ``data``, or ``FAILED``."""
    if not isinstance(data, dict):
        errors.add(
            InvalidInputError(
                f"expected an object (a dict of {cls.__name__}'s fields), "
                f"got {type(data).__name__}",
                path=path,
                code="input.type",
            )
        )
        return FAILED
    fields = _fields(cls)
    failed = unknown_keys(data, fields, cls.__name__, path, errors)
    kwargs: dict[str, Any] = {}
    for name, field in fields.items():
        where = join(path, name)
        if name not in data:
            if field.default is attrs.NOTHING:
                errors.add(
                    InvalidInputError(
                        f"missing required field {name!r}", path=where, code="input.missing"
                    )
                )
                failed = True
            continue
        value = _value(field.type, data[name], where, errors)
        check: Callable[[object, str], object] | None = field.metadata.get(CHECK)
        if value is not FAILED and check is not None:
            value = _checked(check, value, where, errors)
        if value is FAILED:
            failed = True
        else:
            kwargs[name] = value
    if failed:
        return FAILED
    try:
        return cls(**kwargs)
    except TrainingRulesError as error:  # a check across fields (an end before a start)
        errors.add(error.at(path))
        return FAILED


def unknown_keys(
    data: dict[Any, Any], known: Iterable[str], what: str, path: str, errors: Collector
) -> bool:
    """Keep an ``input.unknown_field`` error for every key of ``data`` not ``known``."""
    names = tuple(known)
    found = False
    for key in data:
        if key not in names:
            errors.add(
                InvalidInputError(
                    f"unknown field {show(key)} for {what} (known: {', '.join(names)})",
                    path=join(path, key_name(key)),
                    code="input.unknown_field",
                )
            )
            found = True
    return found


def read(
    parse: Callable[[object, str], object], value: object, path: str, errors: Collector
) -> Any:  # noqa: ANN401
    """``parse(value, path)``, or ``FAILED`` with its error kept."""
    try:
        return parse(value, path)
    except TrainingRulesError as error:
        errors.add(error)
        return FAILED


def _checked(
    check: Callable[[object, str], object], value: object, path: str, errors: Collector
) -> Any:  # noqa: ANN401
    try:
        return check(value, path)
    except TrainingRulesError as error:
        errors.add(error)
        return FAILED


def _value(tp: Any, value: object, path: str, errors: Collector) -> Any:  # noqa: ANN401, PLR0911
    """``value`` converted from JSON to what the field of type ``tp`` takes, or ``FAILED``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None  # the field's check refuses None where it is not optional
        (inner,) = (option for option in typing.get_args(tp) if option is not type(None))
        return _value(inner, value, path, errors)
    if origin in (tuple, frozenset):
        if not isinstance(value, list | tuple):
            errors.add(
                InvalidInputError(
                    f"expected a list, got {type(value).__name__}", path=path, code="input.type"
                )
            )
            return FAILED
        (item_type, *_) = typing.get_args(tp)
        items = list(_items(item_type, value, path, errors))
        return FAILED if any(item is FAILED for item in items) else items
    if tp is date:
        try:
            return parse_date(value, path)
        except InvalidInputError as error:
            errors.add(error)
            return FAILED
    if isinstance(tp, type) and attrs.has(tp) and not isinstance(value, tp):
        return decode(tp, value, path, errors)
    # str, bool, int, Decimal and enums: the field's own check converts and refuses.
    return value


def _items(
    item_type: object, values: list[Any] | tuple[Any, ...], path: str, errors: Collector
) -> Iterator[Any]:
    if len(values) > MAX_ITEMS:
        errors.add(
            InvalidInputError(
                f"{len(values):,} items, more than the {MAX_ITEMS:,} allowed",
                path=path,
                code="input.too_many",
            )
        )
        yield FAILED
        return
    for i, item in enumerate(values):
        yield _value(item_type, item, f"{path}[{i}]", errors)
