"""Policies as data: ``to_dict`` / ``from_dict`` to and from JSON-safe dicts.

Decimals become strings, dates ISO strings, enums their values, frozensets sorted
lists; every rule carries a ``kind``. Loading is driven by the classes' own field
types: it builds only the known building blocks, evaluates nothing from the data,
rejects unknown keys and kinds, and runs every block's validation. Any problem is a
``PolicyDataError`` whose ``path`` names the field, e.g. ``rules[4].minimum.senior``.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from trainingrules._from_json import ISO_DAY as _ISO_DAY
from trainingrules._from_json import key_name, too_deep
from trainingrules._json import encode
from trainingrules._limits import MAX_DEPTH
from trainingrules._values import show, to_decimal
from trainingrules.cycles import Period
from trainingrules.errors import PolicyDataError, TrainingRulesError
from trainingrules.policy._rules import RULE_TYPES, ByTitle, Policy
from trainingrules.scoring import Rounding

__all__ = ["SCHEMA_VERSION", "from_dict", "to_dict"]

SCHEMA_VERSION = 2
"""Version of the dict layout; ``from_dict`` refuses versions newer than it knows.

1. The first layout.
2. A ``consequence`` states ``outcome``, ``after``, ``within`` and ``lasts``;
   version 1's ``following_year`` is gone. ``from_dict`` still reads version 1 and
   migrates it: ``"following_year": true`` becomes ``"lasts": "following_year"``,
   ``false`` (or no key) the default ``"until_passed"``.
"""

_NEW_IN_2 = ("outcome", "after", "within", "lasts")
"""Keys of a ``consequence`` that version 1 did not have."""


def _kind(cls: type[Any]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


_KINDS: dict[str, type[Any]] = {_kind(cls): cls for cls in RULE_TYPES}


def _rule_kind(value: object) -> str | None:
    return _kind(type(value)) if isinstance(value, RULE_TYPES) else None


def to_dict(policy: Policy) -> dict[str, Any]:
    """``policy`` as a JSON-safe dict with a ``schema_version``."""
    return {"schema_version": SCHEMA_VERSION, **encode(policy, kind_of=_rule_kind)}


def from_dict(data: object) -> Policy:
    """Build a policy from a dict made by ``to_dict`` (or by hand), validating everything."""
    if not isinstance(data, dict):
        raise PolicyDataError(f"expected a dict, got {type(data).__name__}", code="policy.type")
    if too_deep(data, MAX_DEPTH):
        raise PolicyDataError(f"nested more than {MAX_DEPTH} levels deep", code="policy.too_deep")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise PolicyDataError(
            "missing or non-integer schema_version", path="schema_version", code="policy.schema"
        )
    if version > SCHEMA_VERSION or version < 1:
        raise PolicyDataError(
            f"schema_version {version} is not supported (this library reads 1-{SCHEMA_VERSION})",
            path="schema_version",
            code="policy.schema",
        )
    body = {key: value for key, value in data.items() if key != "schema_version"}
    if version == 1:
        body = _from_version_1(body)
    return _decode(Policy, body, "")  # type: ignore[no-any-return]


def _from_version_1(body: dict[str, Any]) -> dict[str, Any]:
    """A version 1 body in the version 2 layout (a copy: the input is left alone)."""
    migrated = dict(body)
    rules = body.get("rules")
    if isinstance(rules, list):
        migrated["rules"] = [_consequence_1(rule, f"rules[{i}]") for i, rule in enumerate(rules)]
    notes = body.get("interpretations")
    if isinstance(notes, list):
        migrated["interpretations"] = [
            _note_1(note, f"interpretations[{i}]") for i, note in enumerate(notes)
        ]
    return migrated


def _note_1(note: object, path: str) -> object:
    if not isinstance(note, dict) or not isinstance(note.get("alternative_rules"), list):
        return note
    rules = note["alternative_rules"]
    return {
        **note,
        "alternative_rules": [
            _consequence_1(rule, f"{path}.alternative_rules[{j}]") for j, rule in enumerate(rules)
        ],
    }


def _consequence_1(rule: object, path: str) -> object:
    """A version 1 consequence: ``following_year`` (a boolean) becomes ``lasts``."""
    if not isinstance(rule, dict) or rule.get("kind") != "consequence":
        return rule
    newer = [key for key in _NEW_IN_2 if key in rule]
    if newer:
        raise PolicyDataError(
            f"unknown key {newer[0]!r} for a consequence in schema_version 1 "
            "(it is new in version 2)",
            path=_join(path, newer[0]),
            code="policy.unknown_key",
        )
    migrated = {key: value for key, value in rule.items() if key != "following_year"}
    following = rule.get("following_year", False)
    if not isinstance(following, bool):
        raise _type_error("bool", following, _join(path, "following_year"))
    if following:
        migrated["lasts"] = "following_year"
    return migrated


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _type_error(expected: str, value: object, path: str) -> PolicyDataError:
    return PolicyDataError(
        f"expected {expected}, got {type(value).__name__}", path=path, code="policy.type"
    )


def _decode(tp: Any, value: object, path: str) -> Any:  # noqa: ANN401, C901, PLR0911, PLR0912
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None:
            if type(None) in options:
                return None
            raise _type_error("a value", value, path)
        options = tuple(option for option in options if option is not type(None))
        if len(options) == 1:
            return _decode(options[0], value, path)
        return _decode_rule(value, path)
    if origin in (tuple, frozenset):
        if not isinstance(value, list):
            raise _type_error("a list", value, path)
        args = typing.get_args(tp)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise PolicyDataError(
                    f"expected {len(args)} items, got {len(value)}", path=path, code="policy.type"
                )
            return tuple(
                _decode(a, v, f"{path}[{i}]")
                for i, (a, v) in enumerate(zip(args, value, strict=True))
            )
        items = [_decode(args[0], item, f"{path}[{i}]") for i, item in enumerate(value)]
        return tuple(items) if origin is tuple else frozenset(items)
    if tp is Decimal:
        if isinstance(value, float):
            raise PolicyDataError(
                f"a float ({value!r}) is not accepted: a binary float is not the number "
                "typed; write the number as a string",
                path=path,
                code="policy.float",
            )
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise _type_error("a decimal string or an integer", value, path)
        # Exact, ASCII digits, bounded in magnitude and decimal places (MAX_SCALE).
        return to_decimal(value, path, error=PolicyDataError, minimum=None)
    if tp is date:
        if not isinstance(value, str):
            raise _type_error("an ISO date string", value, path)
        if not _ISO_DAY.fullmatch(value):
            raise PolicyDataError(
                f"{show(value)} is not a date written YYYY-MM-DD", path=path, code="policy.type"
            )
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise PolicyDataError(
                f"{value!r} is not a day of the calendar", path=path, code="policy.type"
            ) from None
    if tp is bool or tp is str:
        if not isinstance(value, tp):
            raise _type_error(tp.__name__, value, path)
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _type_error("int", value, path)
        return value
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in tp)
            raise PolicyDataError(
                f"{show(value)} is not one of: {allowed}", path=path, code="policy.choice"
            ) from None
    if tp is ByTitle and not isinstance(value, dict):
        # One figure for every title: "minimum": "360" (or 360).
        return ByTitle.same(_decode(Decimal, value, path))
    if isinstance(tp, type) and attrs.has(tp):
        return _decode_attrs(tp, value, path)
    raise PolicyDataError(
        f"cannot load a {tp!r}", path=path, code="policy.type"
    )  # pragma: no cover


def _decode_rule(value: object, path: str) -> Any:  # noqa: ANN401
    if not isinstance(value, dict):
        raise _type_error("a rule (dict with a kind)", value, path)
    kind = value.get("kind")
    if not isinstance(kind, str) or kind not in _KINDS:
        raise PolicyDataError(
            f"unknown rule kind {show(kind)}; known: {', '.join(sorted(_KINDS))}",
            path=_join(path, "kind"),
            code="policy.kind",
        )
    body = {key: item for key, item in value.items() if key != "kind"}
    return _decode_attrs(_KINDS[kind], body, path)


_RESOLVED: set[type[Any]] = set()


def _decode_attrs(cls: type[Any], value: object, path: str) -> Any:  # noqa: ANN401
    if not isinstance(value, dict):
        raise _type_error("a dict", value, path)
    if cls not in _RESOLVED:
        attrs.resolve_types(cls, globalns=_namespace(cls))
        _RESOLVED.add(cls)
    fields = {field.name: field for field in attrs.fields(cls)}
    unknown = sorted(key_name(key) for key in value if key not in fields)
    if unknown:
        raise PolicyDataError(
            f"unknown key(s) {unknown[:5]} for {cls.__name__}",
            path=_join(path, unknown[0]),
            code="policy.unknown_key",
        )
    kwargs: dict[str, Any] = {}
    for name, field in fields.items():
        if name in value:
            kwargs[name] = _decode(field.type, value[name], _join(path, name))
        elif field.default is attrs.NOTHING:
            raise PolicyDataError(
                f"missing required key {name!r}", path=_join(path, name), code="policy.missing"
            )
    try:
        return cls(**kwargs)
    except TrainingRulesError as error:
        # Block validation (negative hours, weights, references) names the field
        # within the block; put the block's own path in front. Input-style errors of
        # shared values (a reversed Period) become policy errors here.
        located = error.at(path)
        raise PolicyDataError(
            located.message, path=located.path, code=_policy_code(error.code)
        ) from None


def _policy_code(code: str) -> str:
    return code if code.startswith("policy.") else "policy." + code.split(".", 1)[-1]


def _namespace(cls: type[Any]) -> dict[str, Any]:
    import sys  # noqa: PLC0415 - only needed once per class

    namespace = dict(vars(sys.modules[cls.__module__]))
    namespace.update({"Period": Period, "Rounding": Rounding, "Decimal": Decimal, "date": date})
    return namespace
