"""docs/inputs.md, executed: every check of the input table raises exactly its code at its
path; every value of the "normalised or refused" table gives what the table says; the
limits table states the limits the code enforces."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

import trainingrules as tr
from trainingrules import _limits

DOC = Path(__file__).resolve().parent.parent / "docs" / "inputs.md"
TEXT = DOC.read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = TEXT.index(f"\n## {title}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end != -1 else len(TEXT)]


def _rows(section: str) -> list[list[str]]:
    """The body rows of the first table of ``section``, cells stripped."""
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not line.startswith("|---")
    ]
    return rows[1:]  # the header is not a row


def _code_span(cell: str) -> str:
    match = re.fullmatch(r"`(.*)`", cell)
    assert match, f"expected a `code span`, got {cell!r}"
    return match.group(1)


_BASE_SECTION = _section("The base request for the examples")
_BASE_BLOCK = re.search(r"```json\n(.*?)```", _BASE_SECTION, re.DOTALL)
assert _BASE_BLOCK is not None
BASE: dict[str, Any] = json.loads(_BASE_BLOCK.group(1))

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _STEP.findall(path)]


def _special(value: Any, current: Any) -> Any:
    """The value a placeholder of the table stands for."""
    if not isinstance(value, str):
        return value
    if match := re.fullmatch(r"<x (\d+)>", value):
        return "x" * int(match.group(1))
    if match := re.fullmatch(r"<nested (\d+)>", value):
        nested: Any = "leaf"
        for _ in range(int(match.group(1))):
            nested = [nested]
        return nested
    if match := re.fullmatch(r"<copies (\d+)>", value):
        return [copy.deepcopy(current[0]) for _ in range(int(match.group(1)))]
    return value


def _apply(example: dict[str, Any]) -> Any:
    request: Any = copy.deepcopy(BASE)
    for path, value in example.items():
        if path == "":
            request = value
            continue
        *parents, last = _steps(path)
        node = request
        for step in parents:
            node = node[step]
        current = node.get(last) if isinstance(node, dict) else node[last]
        if value == "<missing>":
            del node[last]
        else:
            node[last] = _special(value, current)
    return request


CHECKS = _rows(_section("Every check"))
VALUES = _rows(_section("Values"))
LIMITS = _rows(_section("Limits"))


def test_the_base_request_is_valid():
    request = tr.Request.from_dict(BASE)
    assert request.evaluate().to_dict()["teacher"] == "T1"


def test_the_tables_are_read():
    assert len(CHECKS) >= 80
    assert len(VALUES) >= 25
    assert len(LIMITS) >= 9


@pytest.mark.parametrize(
    ("path", "code", "example"),
    [(_code_span(row[0]), _code_span(row[2]), _code_span(row[3])) for row in CHECKS],
    ids=[f"{row[0]} {row[2]} {row[1]}" for row in CHECKS],
)
def test_every_check_raises_exactly_its_code_at_its_path(path, code, example):
    data = _apply(json.loads(example))
    with pytest.raises(tr.InputErrors) as caught:
        tr.Request.from_dict(data)
    expected = "" if path == "(request)" else path
    assert [(e.path, e.code) for e in caught.value.errors] == [(expected, code)]
    (only,) = caught.value.to_list()
    assert set(only) == {"path", "code", "message"}
    assert only["message"]


def _read_back(request: tr.Request, path: str) -> str:
    node: Any = request
    for step in _steps(path):
        node = node[step] if isinstance(step, int) else getattr(node, step)
    return node.isoformat() if hasattr(node, "isoformat") else str(node)


@pytest.mark.parametrize(
    ("value", "path", "result"),
    [(_code_span(row[0]), _code_span(row[1]), _code_span(row[3])) for row in VALUES],
    ids=[f"{row[0]} at {row[1]}" for row in VALUES],
)
def test_every_value_is_normalised_or_refused_as_the_table_says(value, path, result):
    data = _apply({path: json.loads(value)})
    if re.fullmatch(r"[a-z]+\.[a-z_]+", result):  # a code: refused
        with pytest.raises(tr.InputErrors) as caught:
            tr.Request.from_dict(data)
        assert [(e.path, e.code) for e in caught.value.errors] == [(path, result)]
    else:
        assert _read_back(tr.Request.from_dict(data), path) == result


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAX_HOURS", "100,000"),
        ("MAX_AMOUNT", "10**15"),
        ("MAX_SCALE", "9 decimal places"),
        ("MAX_NUMBER_TEXT", "100 characters"),
        ("MAX_TEXT", "200 characters"),
        ("MAX_COUNT", "1,000,000,000"),
        ("MAX_RECORDS", "100,000 records"),
        ("MAX_ITEMS", "1,000"),
        ("MAX_DEPTH", "32 levels"),
    ],
)
def test_the_limits_table_states_the_limits_enforced(name, value):
    stated = {_code_span(row[0]): row[1] for row in LIMITS if row[0].startswith("`")}
    assert stated[name].startswith(value)
    number = getattr(_limits, name)
    figure = re.match(r"[\d,*]+", value).group(0)  # type: ignore[union-attr]
    expected = eval(figure.replace(",", ""))  # noqa: S307 - a figure of the table, e.g. 10**15
    assert number == expected
