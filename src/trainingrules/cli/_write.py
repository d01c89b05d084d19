"""Writing result tables: CSV (the default, on stdout), JSON Lines or Parquet by extension.

Exact numbers stay exact: ``required``, ``counted`` and ``shortfall`` are decimal
columns, written as their decimal text in CSV and as strings in JSON Lines
(``"359.99"``), and as ``Decimal`` in Parquet; dates are ISO dates.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

from trainingrules.cli._errors import CommandLineError

__all__ = ["OUTPUTS", "check_target", "write"]

OUTPUTS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}

_CHUNK = 1 << 20  # bytes per write to stdout


def check_target(target: str | None) -> str:
    """The format of ``target`` (``None`` or ``-``: CSV on stdout).

    Raises:
        CommandLineError: an extension it cannot write (``cli.format``).
    """
    if target is None or target == "-":
        return "csv"
    kind = OUTPUTS.get(Path(target).suffix.lower())
    if kind is None:
        raise CommandLineError(
            f"cannot write {Path(target).suffix or 'a file without extension'}; "
            "use .csv, .jsonl or .parquet",
            path=target,
            code="cli.format",
        )
    return kind


def write(frame: pl.DataFrame, target: str | None, encoding: str = "utf-8") -> None:
    """Write ``frame`` to ``target`` (see ``check_target``); text in ``encoding``.

    On stdout the text goes out in blocks, so that a reader that stops early
    (``| head``) raises ``BrokenPipeError`` here, for the caller to end quietly.
    """
    kind = check_target(target)
    if kind == "parquet":
        frame.write_parquet(str(target))
        return
    text = frame.write_csv() if kind == "csv" else frame.write_ndjson()
    data = text.encode(encoding)
    if target is None or target == "-":
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a text-only stdout (doctest, an IDE console)
            sys.stdout.write(text)
            return
        sys.stdout.flush()
        for start in range(0, len(data), _CHUNK):
            out.write(data[start : start + _CHUNK])
        out.flush()
        return
    Path(target).write_bytes(data)
