"""No float in the library: no float literal and no ``float(...)`` call anywhere in src.

``isinstance(x, float)`` guards that refuse floats are fine: they name the type
without making a float.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "trainingrules"
FILES = sorted(SRC.rglob("*.py"))


def _floats(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, float | complex):
            found.append((node.lineno, f"float literal {node.value!r}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "float"
        ):
            found.append((node.lineno, "float(...) call"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"fromhex", "from_float"}
        ):
            found.append((node.lineno, f".{node.func.attr}(...) call"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            operands = (node.left, node.right)
            if all(isinstance(o, ast.Constant) and isinstance(o.value, int) for o in operands):
                found.append((node.lineno, "true division of two integer literals"))
    return found


def test_the_source_is_found():
    assert len(FILES) > 30


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_float_literal_or_float_call(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    assert _floats(tree) == []


def test_the_walker_finds_what_it_looks_for():
    tree = ast.parse("a = 0.5\nb = float('1')\nc = 1 / 3\nd = Decimal.from_float(x)\n")
    assert [line for line, _ in _floats(tree)] == [1, 2, 3, 4]
    guard = ast.parse("if isinstance(value, float):\n    raise TypeError\ne = 1e3 if False else 7")
    assert [what for _, what in _floats(guard)] == ["float literal 1000.0"]
