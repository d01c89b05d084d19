# ruff: noqa: INP001 - a Sphinx extension loaded by path from docs/conf.py
"""Directives of the trainingrules docs, rendered from the code at build time.

``{fields} trainingrules.policy.CountRule``
    The fields of an attrs building block (name, type, default, how it is written in
    policy JSON, meaning from the class docstring's ``Attributes:`` section), or the
    values of an enum with their docstrings. Never retyped: a renamed field shows up
    renamed in the next build.

``{schemas}``
    The JSON Schemas shipped in ``trainingrules/schemas/`` (a note when there are none
    yet).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import json
import re
import types
import typing
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

GENERIC = {
    "id": "the rule's id; requirements, triggers, interpretations and findings name it",
    "citation": "the clause it encodes (`Citation`: document number, clause, verbatim quote)",
    "label": "what it is called, in Chinese and English (`Text`)",
    "scheme": "id of the `PeriodScheme` whose periods it applies to",
}
"""Meanings of fields that many blocks share, where a class docstring does not state them."""

MEANINGS: dict[str, dict[str, str]] = {
    "Text": {"zh": "the Chinese text (canonical)", "en": "its English rendering"},
    "Citation": {
        "document": "the document's number, as in `Document.number`; it must be one of the "
        "policy's documents",
        "clause": "the clause, in the document's own numbering (`三.2`, `第五条`)",
        "quote": "the clause's words, verbatim (a gap is written `……`); empty if not quoted",
    },
    "PeriodScheme": {
        "start": "the first day of the first period; `None` when the text names the periods "
        "without dating them (only `Outcome` inputs then decide them)",
        "years": "the length of each period, in years",
        "count": "how many periods; `None`: open-ended, a new period every `years` years",
    },
    "Selector": {
        "categories": "record categories selected (`TrainingRecord.category`); empty: any",
        "programmes": "programmes selected (`TrainingRecord.programme`, e.g. `guopei`); empty: any",
        "provider_levels": "provider levels selected (`ProviderLevel`); empty: any",
    },
    "CreditStateRule": {"states": "the credit states (`CreditState`) that count"},
    "ByTitle": {
        "senior": "the figure for a senior title (高级)",
        "intermediate": "the figure for an intermediate title (中级)",
        "junior": "the figure for a junior title (初级)",
        "none": "the figure for a teacher without a title",
    },
    "Share": {"numerator": "the numerator (1 in 三分之一)", "denominator": "the denominator"},
    "Part": {
        "bucket": "the bucket the part is a minimum of",
        "minimum": "the part's figure, by title (one figure holds for every title)",
        "label": "what the part is, e.g. `Text('必修', 'compulsory')`",
    },
    "Cover": {
        "surplus_of": "the part whose hours above its own minimum may cover another",
        "may_cover": "the part whose shortfall they may cover",
    },
    "ExamRule": {"pass_mark": "the score at or above which a sitting passes"},
    "WrittenWorkRule": {
        "min_notes_chars": "study notes of at least this many characters",
        "min_forum_posts": "at least this many forum posts",
        "min_reflection_chars": "a reflection of at least this many characters",
        "handwritten": "whether notes and reflection must be handwritten (不得用打印稿)",
    },
    "FeeSchedule": {"per_year": "the fee a year, in yuan, by title"},
    "Rounding": {
        "quantum": "round to a multiple of this (`1`: whole units, `0.5`: halves)",
        "mode": "a `decimal` rounding mode, e.g. `ROUND_HALF_UP`, `ROUND_CEILING`, `ROUND_DOWN`",
    },
    "Period": {"start": "the first day (included)", "end": "the day after the last (excluded)"},
}
"""Meanings of fields whose class docstring has no ``Attributes:`` entry for them.

A class docstring wins over these; ``tests/test_docs.py`` checks that every key names a
field that exists, and that every field of every building block has a meaning.
"""


def resolve(dotted: str) -> Any:  # noqa: ANN401 - a class or an enum
    """The object named by ``module.Name``."""
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def docstring_attributes(cls: type[Any]) -> dict[str, str]:
    """The ``Attributes:`` section of a Google docstring: name → description."""
    found: dict[str, str] = {}
    lines = (inspect.getdoc(cls) or "").splitlines()
    if "Attributes:" not in lines:
        return found
    name = None
    for line in lines[lines.index("Attributes:") + 1 :]:
        if line and not line.startswith(" "):
            break
        match = re.match(r"^ {4}(\w+)(?: \(.*?\))?: (.*)$", line)
        if match:
            name = match.group(1)
            found[name] = match.group(2)
        elif name and line.strip():
            found[name] += " " + line.strip()
    return found


def meanings(cls: type[Any]) -> dict[str, str]:
    """What each field of ``cls`` means: docstring, then ``MEANINGS``, then ``GENERIC``."""
    stated = docstring_attributes(cls)
    extra = MEANINGS.get(cls.__name__, {})
    result = {}
    for field in attrs.fields(cls):
        name = field.name.lstrip("_")
        text = stated.get(name) or extra.get(name) or GENERIC.get(name, "")
        result[name] = re.sub(r"``(.+?)``", r"`\1`", text)
    return result


def field_types(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of an attrs class."""
    from trainingrules.cycles import Period  # noqa: PLC0415 - names the annotations use
    from trainingrules.scoring import Rounding  # noqa: PLC0415

    namespace = dict(vars(importlib.import_module(cls.__module__)))
    namespace.update({"Period": Period, "Rounding": Rounding, "Decimal": Decimal, "date": date})
    return typing.get_type_hints(cls, globalns=namespace)


def type_name(tp: Any) -> str:  # noqa: ANN401, PLR0911 - a typing form
    """A short Python spelling of a field type."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        names = [type_name(a) for a in args if a is not type(None)]
        if len(names) > 3:  # the Rule union: name it
            return "Rule"
        return " | ".join(names) + (" | None" if type(None) in args else "")
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
            return f"tuple[{type_name(args[0])}, ...]"
        return f"tuple[{', '.join(type_name(a) for a in args)}]"
    if origin is frozenset:
        return f"frozenset[{type_name(args[0])}]"
    if tp is type(None):
        return "None"
    return getattr(tp, "__name__", str(tp))


def json_form(tp: Any) -> str:  # noqa: ANN401, C901, PLR0911 - one case per kind of type
    """How ``trainingrules.policy.from_dict`` reads a field of type ``tp`` from JSON."""
    from trainingrules.policy import ByTitle  # noqa: PLC0415

    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = "a rule object with its `kind`" if len(options) > 1 else json_form(options[0])
        return inner + (" or `null`" if type(None) in args else "")
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
        return f"a list of {len(args)}: {json_form(args[0])}"
    if origin in (tuple, frozenset):
        return f"a list; each {json_form(args[0])}"
    if tp is Decimal:
        return 'a decimal string or an integer (`"0.4"`, `360`; never a float)'
    if tp is date:
        return 'an ISO date string (`"2024-01-01"`)'
    if tp is bool:
        return "`true` or `false`"
    if tp is int:
        return "an integer"
    if tp is str:
        return "a string"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return "one of " + ", ".join(f'`"{m.value}"`' for m in tp)
    if tp is ByTitle:
        return "an object by title, or one figure for every title (`360`)"
    return f"an object (`{type_name(tp)}`)"


def default_of(field: attrs.Attribute[Any]) -> str:
    """The field's default, as a reader writes it, or *required*."""
    default = field.default
    if default is attrs.NOTHING:
        return "*required*"
    if isinstance(default, enum.Enum):
        return f"`{default.value}`"
    if isinstance(default, frozenset | tuple) and not default:
        return "empty"
    if isinstance(default, Decimal):
        return f"`{default}`"
    return f"`{default!r}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields_table(cls: type[Any]) -> list[str]:
    """A Markdown table of the fields of an attrs class, or of the values of an enum."""
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        docs = enum_docs(cls)
        lines = ["| value | meaning |", "|---|---|"]
        lines += [f"| `{m.value}` | {_cell(docs.get(m.name, ''))} |" for m in cls]
        return lines
    types_ = field_types(cls)
    meaning = meanings(cls)
    lines = ["| field | type | default | in policy JSON | meaning |", "|---|---|---|---|---|"]
    for field in attrs.fields(cls):
        if not field.init:
            continue
        name = field.name.lstrip("_")
        lines.append(
            f"| `{name}` | `{_cell(type_name(types_[field.name]))}` | {default_of(field)} | "
            f"{_cell(json_form(types_[field.name]))} | {_cell(meaning[name])} |"
        )
    return lines


def enum_docs(cls: type[enum.Enum]) -> dict[str, str]:
    """The docstrings written under an enum's members (read from the source, as autodoc does)."""
    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415 - only at build and test time

    analyzer = ModuleAnalyzer.for_module(cls.__module__)
    found = analyzer.find_attr_docs()
    return {
        name: re.sub(r"``(.+?)``", r"`\1`", " ".join(line.strip() for line in lines).strip())
        for (scope, name), lines in found.items()
        if scope == cls.__qualname__
    }


def schema_files() -> list[tuple[str, dict[str, Any]]]:
    """``(file name, schema)`` of every ``*.json`` in ``trainingrules/schemas``, sorted."""
    folder = resources.files("trainingrules").joinpath("schemas")
    if not folder.is_dir():
        return []
    return [
        (item.name, json.loads(item.read_text(encoding="utf-8")))
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".json")
    ]


def schema_markdown(name: str, schema: dict[str, Any]) -> list[str]:
    """One schema: its title, description, top-level properties and the whole text."""
    lines = [
        f"**`{name}`** — {schema.get('title', '')}",
        "",
        *([str(schema["description"]), ""] if schema.get("description") else []),
        f"`$id`: `{schema.get('$id', '')}`; `$schema`: `{schema.get('$schema', '')}`",
        "",
    ]
    properties = schema.get("properties", {})
    if properties:
        required = set(schema.get("required", ()))
        lines += ["| property | required | type | description |", "|---|---|---|---|"]
        for key, spec in properties.items():
            kind = spec.get("type") or spec.get("$ref") or ("one of" if "oneOf" in spec else "")
            if isinstance(kind, list):
                kind = " or ".join(kind)
            lines.append(
                f"| `{key}` | {'yes' if key in required else 'no'} | `{_cell(str(kind))}` | "
                f"{_cell(str(spec.get('description', '')))} |"
            )
        lines.append("")
    lines += ["```json", json.dumps(schema, indent=2, ensure_ascii=False), "```", ""]
    return lines


def _directives() -> tuple[type[Any], type[Any]]:
    from sphinx.util.docutils import SphinxDirective  # noqa: PLC0415 - Sphinx only at build

    class FieldsDirective(SphinxDirective):
        """``{fields} module.Class``: the class's field table, from the class itself."""

        required_arguments = 1

        def run(self) -> list[Any]:
            cls = resolve(self.arguments[0])
            return self.parse_text_to_nodes("\n".join(fields_table(cls)) + "\n")

    class SchemasDirective(SphinxDirective):
        """``{schemas}``: every JSON Schema the package ships, or a note that none does yet."""

        def run(self) -> list[Any]:
            found = schema_files()
            if not found:
                text = (
                    "*Coming:* the package does not ship JSON Schemas yet "
                    "(`trainingrules/schemas/` is empty or absent in this build). This "
                    "page renders every schema found there at build time.\n"
                )
                return self.parse_text_to_nodes(text)
            lines: list[str] = []
            for name, schema in found:
                lines += schema_markdown(name, schema)
            return self.parse_text_to_nodes("\n".join(lines) + "\n")

    return FieldsDirective, SchemasDirective


_LABELLED = re.compile(r"^[^:`]+: ")
"""An attribute docstring that opens with a label: ``合格: every requirement is met.``"""

_KEPT: dict[str, list[str]] = {}


def keep_labelled(
    _app: object, what: str, name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """Before napoleon: remember an attribute docstring that opens with ``label: text``.

    Napoleon reads the label of such a first line as the attribute's *type*
    ("Type: 合格"); the docstrings of the enum members mean a label, so the original
    lines are put back after napoleon (``restore_labelled``).
    """
    if what in {"attribute", "property", "data"} and lines and _LABELLED.match(lines[0]):
        _KEPT[name] = list(lines)


def restore_labelled(
    _app: object, _what: str, name: str, _obj: object, _options: object, lines: list[str]
) -> None:
    """After napoleon: the docstring as written, for the attributes ``keep_labelled`` kept."""
    kept = _KEPT.pop(name, None)
    if kept is not None:
        lines[:] = kept


def setup(app: Any) -> dict[str, Any]:  # noqa: ANN401 - sphinx.application.Sphinx
    """Register the directives and the docstring hooks around napoleon's."""
    fields, schemas = _directives()
    app.add_directive("fields", fields)
    app.add_directive("schemas", schemas)
    app.connect("autodoc-process-docstring", keep_labelled, priority=100)
    app.connect("autodoc-process-docstring", restore_labelled, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
