"""Policies named on the command line: catalogue ids, variants and JSON files.

``cn-2011`` and ``cn-2011~N1.cycle`` come from the catalogue; ``mine.json`` (and
``mine.json~N1.cycle`` for one of its variants) is loaded with ``policy.from_dict``
and added to a ``Catalogue`` (``policy.DEFAULT.with_policy``), which resolves the
variant. Core only.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from trainingrules import policy
from trainingrules.cli._encoding import to_utf8
from trainingrules.cli._errors import CommandLineError
from trainingrules.errors import TrainingRulesError
from trainingrules.policy import SCHEMA_VERSION, Document, Interpretation, Limitation, Policy

# The decoder behind ``from_dict``, applied to one block at a time so that
# ``validate-policy`` reports an error in every block, not only the first.
from trainingrules.policy._data import _decode, _decode_rule, _type_error

__all__ = ["is_file", "load", "read_json", "resolve", "validate"]


def is_file(spec: str) -> bool:
    """Whether ``spec`` names a JSON file rather than a catalogue id."""
    base = spec.split("~", 1)[0]
    return Path(spec).is_file() or base.lower().endswith(".json") or "/" in base or "\\" in base


def read_json(path: str) -> object:
    """The JSON value in the file ``path`` (UTF-8, with or without BOM, or GB18030).

    Raises:
        OSError: the file cannot be read.
        CommandLineError: the file is not JSON (``cli.json``, with line and column).
    """
    data, _ = to_utf8(Path(path).read_bytes(), path)
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise CommandLineError(
            f"not JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            path=path,
            code="cli.json",
        ) from None


def load(path: str) -> Policy:
    """The policy in the JSON file ``path`` (``policy.from_dict``)."""
    return policy.from_dict(read_json(path))


def resolve(spec: str) -> tuple[Policy, policy.Catalogue]:
    """The policy ``spec`` names, and the catalogue it was found in.

    A file's policy replaces a catalogue policy of the same id: naming the file is
    the decision to use it.
    """
    if Path(spec).is_file():
        mine = load(spec)
        catalogue = policy.DEFAULT.with_policy(mine, replace=True)
        return mine, catalogue
    if is_file(spec):
        path, sep, reading = spec.partition("~")
        mine = load(path)
        catalogue = policy.DEFAULT.with_policy(mine, replace=True)
        return catalogue.get(f"{mine.id}{sep}{reading}"), catalogue
    return policy.get(spec), policy.DEFAULT


_BLOCKS: tuple[tuple[str, Any], ...] = (
    ("rules", None),
    ("interpretations", Interpretation),
    ("documents", Document),
    ("limitations", Limitation),
)


def validate(data: object) -> list[TrainingRulesError]:
    """Every error of the policy data ``data``, each with its path and code; empty: valid.

    ``from_dict`` stops at the first error. Here each rule, interpretation, document
    and limitation is also loaded on its own, so that an error in each is reported;
    an error between blocks (a rule naming a scheme the policy lacks) is the one
    ``from_dict`` gives once every block loads. Sorted by path.
    """
    try:
        policy.from_dict(data)
    except TrainingRulesError as error:
        first = error
    else:
        return []
    found: dict[tuple[str, str], TrainingRulesError] = {}
    if isinstance(data, dict) and data.get("schema_version") == SCHEMA_VERSION:
        for key, kind in _BLOCKS:
            if key in data:
                for one in _block_errors(key, kind, data[key]):
                    found.setdefault((one.path, one.code), one)
    for one in _each(first):
        found.setdefault((one.path, one.code), one)
    return sorted(found.values(), key=lambda e: _natural(e.path))


def _block_errors(key: str, kind: Any, items: object) -> list[TrainingRulesError]:  # noqa: ANN401 - a class, or None for rules
    """The errors of each item of one block, or the block's own if it is not a list.

    The latter is reported even when ``from_dict`` stopped at another block first.
    """
    if not isinstance(items, list):
        return [_type_error("a list", items, key)]
    errors: list[TrainingRulesError] = []
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        try:
            _decode_rule(item, where) if kind is None else _decode(kind, item, where)
        except TrainingRulesError as error:
            errors.extend(_each(error))
    return errors


def _each(error: TrainingRulesError) -> tuple[TrainingRulesError, ...]:
    """The errors an error holds (``InputErrors`` and the like hold several), or itself."""
    held = getattr(error, "errors", None)
    return tuple(held) if isinstance(held, tuple) and held else (error,)


def _natural(path: str) -> list[Any]:
    """``rules[10]`` after ``rules[9]``."""
    return [
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", path)
    ]
