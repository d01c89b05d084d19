"""JSON Schemas (draft 2020-12) of the JSON contract, generated from the classes.

``schema(name)`` builds the schema of a request, a policy, a result (full or summary)
or an error list from the attrs classes themselves: each field's type gives the
JSON type (``Decimal``: a decimal string or an integer, ``date``: an ISO date, an
enum: its values, an attrs class: an object with exactly its fields), and each
field's check (the ``checked`` function that validates it) is *probed* for the
bounds it enforces: whether it accepts 0 or -1, the largest number, the most
decimal places, the longest string, the earliest and latest date, which enum values.
Nothing is written twice: change a check and the schema follows (the shipped files
in ``trainingrules/schemas/`` then fail ``tests/test_schemas.py`` until they are
regenerated with ``python -m trainingrules.schemas``).

What JSON Schema cannot say is left to the library and listed in
``docs/service.md``: ``360.0`` is an integer to JSON Schema (the library refuses the
float), cross-field rules (an end before a start, weights that do not sum to 1,
references between rules), region codes missing from the GB/T 2260 table, policy ids
missing from the catalogue.
"""

from __future__ import annotations

import copy
import enum
import json
import sys
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import attrs

from trainingrules._json import field_types
from trainingrules._limits import (
    MAX_ITEMS,
    MAX_RECORDS,
    MAX_TEXT,
)
from trainingrules._schema_probe import (
    JSON,
    Check,
    _accepts,
    _date_schema,
    _decimal_schema,
    _enum_schema,
    _integer_schema,
    _string_schema,
)
from trainingrules._values import to_decimal
from trainingrules.engine._evaluation import FORMS, RESULT_SCHEMA_VERSION
from trainingrules.errors import InvalidInputError
from trainingrules.policy._assessment import CourseGrading
from trainingrules.policy._data import _KINDS
from trainingrules.policy._data import SCHEMA_VERSION as POLICY_SCHEMA_VERSION
from trainingrules.policy._periods import PeriodScheme
from trainingrules.policy._requirements import ByTitle
from trainingrules.policy._rules import Policy
from trainingrules.policy._sources import Citation, Text
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord
from trainingrules.results import (
    ConditionResult,
    Decision,
    Money,
    PeriodResult,
    RemedialResult,
    RequirementResult,
    Shortfall,
    Status,
)
from trainingrules.scoring import ROUNDING_MODES, Rounding

__all__ = ["SCHEMA_NAMES", "SCHEMA_VERSIONS", "schema", "schema_id", "write_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

REQUEST_SCHEMA_VERSION = 1
"""Version of the request layout (``Request.from_dict``); bumped when it changes."""

ERRORS_SCHEMA_VERSION = 1
"""Version of the error list layout (``InputErrors.to_list``)."""

SCHEMA_VERSIONS: dict[str, int] = {
    "request": REQUEST_SCHEMA_VERSION,
    "policy": POLICY_SCHEMA_VERSION,
    "result-full": RESULT_SCHEMA_VERSION,
    "result-summary": RESULT_SCHEMA_VERSION,
    "errors": ERRORS_SCHEMA_VERSION,
}
"""Each schema's version: that of the layout it describes."""

SCHEMA_NAMES = tuple(SCHEMA_VERSIONS)
"""The schemas ``schema`` builds and the package ships (``schemas/<name>.json``)."""

SHIPPED = Path(__file__).parent / "schemas"
"""Where the package ships the schemas as files."""


def schema_id(name: str) -> str:
    """The ``$id`` of a schema: its name and version, e.g. ``urn:trainingrules:request:1``."""
    return f"urn:trainingrules:{name}:{SCHEMA_VERSIONS[name]}"


def schema(name: str) -> JSON:
    """The JSON Schema (draft 2020-12) called ``name`` (one of ``SCHEMA_NAMES``).

    Generated from the classes on first use (a copy is returned: changing it changes
    nothing for anyone else). No file is read.

    >>> schema("request")["$id"]
    'urn:trainingrules:request:1'

    Raises:
        InvalidInputError: no schema has that name (code ``input.choice``).
    """
    if name not in SCHEMA_VERSIONS:
        raise InvalidInputError(
            f"{name!r} is not one of: {', '.join(SCHEMA_NAMES)}", path="name", code="input.choice"
        )
    return copy.deepcopy(_generated(name))


def text(name: str) -> str:
    """The schema as the package ships it: indented JSON text ending in a newline."""
    return json.dumps(schema(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(directory: Path = SHIPPED) -> list[Path]:
    """Write every schema to ``directory/<name>.json``; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_NAMES:
        path = directory / f"{name}.json"
        path.write_text(text(name), encoding="utf-8")
        written.append(path)
    return written


@cache
def _generated(name: str) -> JSON:
    builders: dict[str, Callable[[], JSON]] = {
        "request": _request,
        "policy": _policy,
        "result-full": lambda: _result("full"),
        "result-summary": lambda: _result("summary"),
        "errors": _errors,
    }
    return builders[name]()


# --- types to schemas -------------------------------------------------------------------


class _Builder:
    """Builds the ``$defs`` of one schema: inputs, policy data or results."""

    def __init__(self, mode: str) -> None:
        self.mode = mode  # "input", "policy" or "output"
        self.defs: dict[str, JSON] = {}

    def ref(self, cls: type[Any], fields: tuple[str, ...] | None = None, name: str = "") -> JSON:
        """A reference to ``cls``'s definition (only ``fields``, if given), built once."""
        name = name or cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserved: a class may refer to itself
            self.defs[name] = self.object(cls, fields)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type[Any], fields: tuple[str, ...] | None = None) -> JSON:
        """An attrs class as a JSON object: exactly its (public) fields."""
        hints = field_types(cls)
        if hints is None:  # pragma: no cover - every class of the model resolves
            msg = f"cannot resolve the field types of {cls.__name__}"
            raise AssertionError(msg)
        properties: JSON = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.name.startswith("_") or (fields is not None and field.name not in fields):
                continue
            check = field.metadata.get(_CHECK)
            properties[field.name] = self.field(cls, field.name, hints[field.name], check)
            if self.mode == "output" or field.default is attrs.NOTHING:
                required.append(field.name)
        found: JSON = {"type": "object", "properties": properties}
        if required:
            found["required"] = required
        found["additionalProperties"] = False
        doc = (cls.__doc__ or "").strip().splitlines()
        if doc:
            found["description"] = doc[0]
        return found

    def field(self, cls: type[Any], name: str, tp: Any, check: Check | None) -> JSON:  # noqa: ANN401 - a type
        """A field's schema from its type, bounded by its check (inputs and policies)."""
        override = _OVERRIDES.get((cls, name))
        if override is not None and self.mode != "output":
            return override(self)
        return self.of(tp, check)

    def of(self, tp: Any, check: Check | None) -> JSON:  # noqa: ANN401, C901, PLR0911, PLR0912 - a type; one return per kind
        """The schema of a value of type ``tp`` that ``check`` (if any) validates."""
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            if len(options) > 1:  # the rules of a policy, each with its kind
                inner: JSON = {"oneOf": [self.rule(a) for a in options]}
            else:
                inner = self.of(options[0], check)  # optional(check) passes None only
            return {"anyOf": [inner, {"type": "null"}]} if len(options) < len(args) else inner
        if origin in (tuple, frozenset) and (origin is frozenset or args[-1] is Ellipsis):
            found: JSON = {"type": "array", "items": self.of(args[0], _items(check))}
            if check is not None and self.mode != "output" and not _accepts(check, ()):
                found["minItems"] = 1
            return found
        if origin is tuple:
            return {
                "type": "array",
                "prefixItems": [self.of(a, None) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if self.mode == "output":
            return self.output(tp)
        if tp is Decimal:
            return _decimal_schema(check or _plain_decimal)
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return _integer_schema(check) if check is not None else {"type": "integer"}
        if tp is str:
            return _string_schema(check) if check is not None else {"type": "string"}
        if tp is date:
            return _date_schema(check)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum_schema(tp, check)
        if tp is ByTitle:  # policy data may give one figure for every title
            return {"anyOf": [self.ref(tp), _decimal_schema(_BY_TITLE_CHECK)]}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        msg = f"no JSON Schema for {tp!r}"  # pragma: no cover - every type of the model has one
        raise AssertionError(msg)  # pragma: no cover

    def output(self, tp: Any) -> JSON:  # noqa: ANN401, PLR0911 - a type; one return per kind
        """The schema of a value the library writes (``to_dict``)."""
        if tp is Decimal:
            return {"type": "string", "pattern": OUTPUT_DECIMAL}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if tp is date:
            return _date_schema(None)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        msg = f"no JSON Schema for {tp!r}"  # pragma: no cover - every type of the model has one
        raise AssertionError(msg)  # pragma: no cover

    def rule(self, cls: type[Any]) -> JSON:
        """A rule building block: its fields and its ``kind``."""
        kind = next(k for k, c in _KINDS.items() if c is cls)
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}
            body = self.object(cls)
            body["properties"] = {"kind": {"const": kind}, **body["properties"]}
            body["required"] = ["kind", *body.get("required", [])]
            self.defs[cls.__name__] = body
        return {"$ref": f"#/$defs/{cls.__name__}"}


OUTPUT_DECIMAL = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?(E[+-][0-9]+)?$"
"""Decimal strings as the library writes them: ``str(Decimal)``."""


def _plain_decimal(
    value: object, path: str
) -> Decimal:  # pragma: no cover - every decimal field is checked
    return to_decimal(value, path)


_CHECK = "trainingrules.check"
_BY_TITLE_CHECK: Check = attrs.fields(ByTitle).senior.metadata[_CHECK]


def _items(check: Check | None) -> Check | None:
    """A check of one item, from a check of a list (probed with one-item lists)."""
    if check is None:
        return None
    return lambda value, path: check((value,), path)


def _rounding_mode(builder: _Builder) -> JSON:  # noqa: ARG001 - an override
    """``Rounding.mode``: checked in ``Rounding`` itself, one of the decimal module's modes."""
    return {"enum": sorted(ROUNDING_MODES)}


def _rounding_quantum(builder: _Builder) -> JSON:  # noqa: ARG001 - an override
    """``Rounding.quantum``: checked in ``Rounding`` itself."""

    def check(value: object, path: str) -> object:  # noqa: ARG001 - a check's signature
        return Rounding(value, "ROUND_HALF_UP").quantum  # type: ignore[arg-type]

    return _decimal_schema(check)


def _weights(builder: _Builder) -> JSON:  # noqa: ARG001 - an override
    """``CourseGrading.weights``: two weights, each probed with its complement (sum 1)."""
    check = attrs.fields(CourseGrading).weights.metadata[_CHECK]

    def one(value: object, path: str) -> object:
        number = to_decimal(value, path, minimum=None)
        return check((number, Decimal(1) - number), path)

    weight = _decimal_schema(one)
    return {
        "type": "array",
        "prefixItems": [weight, weight],
        "minItems": 2,
        "maxItems": 2,
        "description": "coursework and final weights; they must sum to exactly 1",
    }


def _scheme_years(builder: _Builder) -> JSON:
    """``PeriodScheme.years``: its check, then the scheme's own bound (probed on a scheme)."""
    check = attrs.fields(PeriodScheme).years.metadata[_CHECK]
    cite, label = Citation("d", "c"), Text("x", "x")

    def years(value: object, path: str) -> object:
        check(value, path)
        return PeriodScheme("x", cite, label, None, value)  # type: ignore[arg-type]

    return builder.of(int, years)


def _documents(builder: _Builder) -> JSON:
    """``Policy.documents``: at least one (checked with the references: ``policy.empty``)."""
    found = builder.of(field_types(Policy)["documents"], None)  # type: ignore[index]
    return {**found, "minItems": 1}


_OVERRIDES: dict[tuple[type[Any], str], Callable[[_Builder], JSON]] = {
    (Rounding, "mode"): _rounding_mode,
    (Rounding, "quantum"): _rounding_quantum,
    (CourseGrading, "weights"): _weights,
    (PeriodScheme, "years"): _scheme_years,
    (Policy, "documents"): _documents,
}
"""Fields checked outside a ``checked`` function, probed another way."""


# --- the schemas --------------------------------------------------------------------------


def _document(name: str, title: str, body: JSON, defs: dict[str, JSON]) -> JSON:
    return {
        "$schema": DIALECT,
        "$id": schema_id(name),
        "title": title,
        **body,
        **({"$defs": dict(sorted(defs.items()))} if defs else {}),
    }


def _policy_body(builder: _Builder) -> JSON:
    body = builder.object(Policy)
    body["properties"] = {
        "schema_version": {
            "type": "integer",
            "minimum": 1,
            "maximum": POLICY_SCHEMA_VERSION,
            "description": f"the policy data layout; this schema describes version "
            f"{POLICY_SCHEMA_VERSION} (the library also reads older versions)",
        },
        **body["properties"],
    }
    body["required"] = ["schema_version", *body["required"]]
    return body


def _policy() -> JSON:
    builder = _Builder("policy")
    body = _policy_body(builder)
    return _document("policy", "A trainingrules policy (policy.to_dict)", body, builder.defs)


def _request() -> JSON:
    builder = _Builder("input")
    policy = _policy_body(builder)
    builder.defs["Policy"] = policy
    lists = {"records": MAX_RECORDS, "outcomes": MAX_ITEMS}
    body: JSON = {
        "type": "object",
        "description": "One teacher to evaluate (Request.from_dict).",
        "properties": {
            "policy": {
                "anyOf": [
                    {
                        "type": "string",
                        "pattern": r"^[a-z0-9][a-z0-9-]*(~[A-Za-z0-9][A-Za-z0-9._-]*)?$",
                        "maxLength": MAX_TEXT,
                        "description": "a catalogue id, e.g. 'cn-2011', or a variant "
                        "'cn-2011~N1.cycle' (GET /policies lists them)",
                    },
                    {"$ref": "#/$defs/Policy"},
                ]
            },
            "teacher": builder.ref(Teacher),
            "records": {
                "type": "array",
                "items": builder.ref(TrainingRecord),
                "maxItems": lists["records"],
            },
            "as_of": _date_schema(None),
            "outcomes": {
                "type": "array",
                "items": builder.ref(Outcome),
                "maxItems": lists["outcomes"],
            },
            "assessment": builder.ref(Assessment),
            "form": {"enum": list(FORMS)},
        },
        "required": ["policy", "teacher", "records", "as_of"],
        "additionalProperties": False,
    }
    _limit_lists(builder.defs)
    return _document("request", "A trainingrules evaluation request", body, builder.defs)


def _limit_lists(defs: dict[str, JSON]) -> None:
    """Every list of an input (roles, leaves, sittings) holds at most ``MAX_ITEMS``."""
    for name in ("Teacher", "Assessment"):
        for prop in defs[name]["properties"].values():
            if prop.get("type") == "array":
                prop["maxItems"] = MAX_ITEMS


_STAMP = (
    "schema_version",
    "form",
    "library_version",
    "policy",
    "policy_fingerprint",
    "teacher",
    "as_of",
    "status",
)


def _stamp(form: str) -> JSON:
    return {
        "schema_version": {"const": RESULT_SCHEMA_VERSION},
        "form": {"const": form},
        "library_version": {"type": "string"},
        "policy": {"type": "string"},
        "policy_fingerprint": {
            "type": "string",
            "pattern": "^[0-9a-f]{64}$",
            "description": "SHA-256 of the policy's canonical JSON (Policy.fingerprint)",
        },
        "teacher": {"type": "string"},
        "as_of": _date_schema(None),
        "status": {"enum": [s.value for s in Status]},
    }


def _array(items: JSON) -> JSON:
    return {"type": "array", "items": items}


def _result(form: str) -> JSON:
    from trainingrules.policy._sources import Document  # noqa: PLC0415 - a policy type
    from trainingrules.results import CourseOutcome, LedgerEntry  # noqa: PLC0415

    builder = _Builder("output")
    if form == "full":
        rest: JSON = {
            "documents": _array(builder.ref(Document)),
            "periods": _array(builder.ref(PeriodResult)),
            "ledger": _array(builder.ref(LedgerEntry)),
            "courses": _array(builder.ref(CourseOutcome)),
            "remedial": _array(builder.ref(RemedialResult)),
            "eligibility": _array(builder.ref(Decision)),
            "money": builder.ref(Money),
        }
        title = "A trainingrules evaluation, full form (Evaluation.to_dict())"
    else:
        period = builder.ref(
            PeriodResult, ("scheme", "label", "period", "status", "counted"), "SummaryPeriod"
        )
        summary_period = builder.defs["SummaryPeriod"]
        summary_period["properties"]["requirements"] = _array(
            builder.ref(
                RequirementResult,
                ("rule_id", "required", "counted", "missing", "met", "unit"),
                "SummaryRequirement",
            )
        )
        summary_period["properties"]["conditions"] = _array(
            builder.ref(ConditionResult, ("rule_id", "status"), "SummaryCondition")
        )
        summary_period["required"] += ["requirements", "conditions"]
        rest = {
            "periods": _array(period),
            "shortfall": _array(builder.ref(Shortfall)),
            "decisions": _array(
                builder.ref(
                    Decision,
                    ("kind", "subject", "outcome", "year", "since", "until"),
                    "SummaryDecision",
                )
            ),
            "fee_due": {"anyOf": [{"type": "string", "pattern": OUTPUT_DECIMAL}, {"type": "null"}]},
        }
        title = "A trainingrules evaluation, summary form (Evaluation.to_dict(form='summary'))"
    properties = {**_stamp(form), **rest}
    body = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return _document(f"result-{form}", title, body, builder.defs)


def _errors() -> JSON:
    error = {
        "type": "object",
        "properties": {
            "path": {
                "type": "string",
                "description": "the offending field, e.g. 'records[3].hours'; empty for "
                "the whole request",
            },
            "code": {
                "type": "string",
                "pattern": r"^[a-z_]+(\.[a-z0-9_]+)+$",
                "description": "a stable code listed in docs/errors.md, e.g. 'input.float'",
            },
            "message": {"type": "string"},
        },
        "required": ["path", "code", "message"],
        "additionalProperties": False,
    }
    body = {
        "type": "object",
        "properties": {"errors": {"type": "array", "items": error, "minItems": 1}},
        "required": ["errors"],
        "additionalProperties": False,
    }
    return _document("errors", "Errors of a refused request (InputErrors.to_list())", body, {})


def main(argv: list[str] | None = None) -> int:
    """``python -m trainingrules.schemas [--check]``: write (or check) the shipped files."""
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--check"]):  # a typo or --help must not rewrite the files
        print("usage: python -m trainingrules.schemas [--check]", file=sys.stderr)  # noqa: T201
        return 2
    if args == ["--check"]:
        stale = [
            name
            for name in SCHEMA_NAMES
            if not (SHIPPED / f"{name}.json").is_file()
            or (SHIPPED / f"{name}.json").read_text(encoding="utf-8") != text(name)
        ]
        for name in stale:
            print(f"stale: {SHIPPED / name}.json")  # noqa: T201 - a command-line tool
        return 1 if stale else 0
    for path in write_schemas():
        print(f"wrote {path}")  # noqa: T201 - a command-line tool
    return 0
