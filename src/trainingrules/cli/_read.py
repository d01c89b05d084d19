"""Reading input files into polars tables, remembering the file line of every row.

CSV (``.csv``, ``.txt``; ``.tsv`` with tabs), JSON Lines (``.jsonl``, ``.ndjson``),
Parquet (``.parquet``) and Excel (``.xlsx``: the first sheet, read by polars with
fastexcel/calamine), by extension. Text files are decoded once
(``_encoding.to_utf8``: a BOM, else UTF-8, else GB18030, or ``--encoding``) and handed
to polars as UTF-8. Every CSV column is read as text, so hours stay exactly as typed
(``359.99`` is never a float); the table path parses them. Blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl

from trainingrules.cli._encoding import to_utf8
from trainingrules.cli._errors import CommandLineError

__all__ = ["FORMATS", "Source", "file_format", "read"]

FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".xlsx": "xlsx",
}


def file_format(name: str) -> str:
    """``csv``, ``tsv``, ``jsonl`` or ``parquet``, from the file's extension.

    Raises:
        CommandLineError: another extension (``cli.format``).
    """
    kind = FORMATS.get(Path(name).suffix.lower())
    if kind is None:
        raise CommandLineError(
            f"unknown file type {Path(name).suffix or '(none)'!r}; "
            "use .csv, .tsv, .jsonl, .parquet or .xlsx",
            path=name,
            code="cli.format",
        )
    return kind


class Source:
    """A table read from a file, with the file line of each row.

    Attributes:
        name: the file name as given on the command line.
        frame: the table.
        encoding: the text encoding read (``None`` for Parquet).
        lines: the file line of each row (1-based; a CSV header is line 1); for
            Parquet, the 1-based row number.
    """

    __slots__ = ("encoding", "frame", "lines", "name")

    def __init__(
        self, name: str, frame: pl.DataFrame, lines: pl.Series, encoding: str | None
    ) -> None:
        """Hold the table and its lines."""
        self.name = name
        self.frame = frame
        self.lines = lines
        self.encoding = encoding


def read(name: str, encoding: str | None = None) -> Source:
    """Read the file ``name`` (see the module docstring).

    Raises:
        OSError: the file cannot be opened.
        CommandLineError: an unknown extension, bytes that do not decode, a file
            polars cannot parse (``cli.read``, with polars' reason).
    """
    kind = file_format(name)
    try:
        if kind == "parquet":
            frame = pl.read_parquet(name)
            return Source(name, frame, pl.int_range(1, frame.height + 1, eager=True), None)
        if kind == "xlsx":
            return Source(name, *_xlsx(name), None)
        data, read_as = to_utf8(Path(name).read_bytes(), name, encoding)
        if kind == "jsonl":
            frame, lines = _jsonl(data)
        else:
            frame, lines = _csv(data, "\t" if kind == "tsv" else ",")
    except pl.exceptions.PolarsError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CommandLineError(
            f"cannot read it as {kind}: {reason}", path=name, code="cli.read"
        ) from None
    return Source(name, frame, lines, read_as)


def _csv(data: bytes, separator: str) -> tuple[pl.DataFrame, pl.Series]:
    frame = pl.read_csv(
        io.BytesIO(data),
        separator=separator,
        infer_schema=False,
        encoding="utf8",
    )
    frame = frame.rename({c: c.strip() for c in frame.columns if c != c.strip()})
    if b'"' not in data or _physical_lines(data) == frame.height + 1:  # a line per row
        lines = pl.int_range(2, frame.height + 2, eager=True)
    else:  # quoted line breaks: ask Python's csv module where each record starts
        lines = _record_lines(data, separator, frame.height)
    return _without_blank_rows(frame, lines)


def _without_blank_rows(frame: pl.DataFrame, lines: pl.Series) -> tuple[pl.DataFrame, pl.Series]:
    blank = frame.select(pl.all_horizontal(pl.all().is_null())).to_series()
    if frame.width and blank.any():
        frame, lines = frame.filter(~blank), lines.filter(~blank)
    return frame, lines.cast(pl.Int64).rename("line")


def _xlsx(name: str) -> tuple[pl.DataFrame, pl.Series]:
    """The first sheet, every cell as text, with its row number (the header is row 1).

    Numbers are the decimal text Excel shows (``359.99``: a cell holds a binary
    double, exact to 15 digits, the precision Excel keeps); a date cell is its day
    (``2015-12-31``; the time of day is dropped only when it is midnight).
    """
    try:
        frame = pl.read_excel(name, engine="calamine", infer_schema_length=0, drop_empty_rows=False)
    except ImportError:
        raise CommandLineError(
            "reading .xlsx needs fastexcel: pip install 'trainingrules[cli]'",
            path=name,
            code="cli.extra",
        ) from None
    except Exception as error:  # fastexcel's own errors: a file that is no workbook
        if type(error).__module__.lstrip("_").split(".")[0] != "fastexcel":
            raise
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise CommandLineError(
            f"cannot read it as xlsx: {reason}", path=name, code="cli.read"
        ) from None
    frame = frame.with_columns(
        pl.col(pl.String).str.replace(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", "${1}")
    )
    frame = frame.rename({c: c.strip() for c in frame.columns if c != c.strip()})
    return _without_blank_rows(frame, pl.int_range(2, frame.height + 2, eager=True))


def _physical_lines(data: bytes) -> int:
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)


def _record_lines(data: bytes, separator: str, height: int) -> pl.Series:
    """The first line of each record, when records span lines (quoted line breaks)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=separator)
    starts: list[int] = []
    last = 0
    for _ in reader:
        starts.append(last + 1)
        last = reader.line_num
    if len(starts) - 1 != height:  # the two parsers disagree: number rows as lines
        return pl.int_range(2, height + 2, eager=True)
    return pl.Series(starts[1:])


def _jsonl(data: bytes) -> tuple[pl.DataFrame, pl.Series]:
    frame = pl.read_ndjson(io.BytesIO(data), infer_schema_length=None)
    numbered = [i for i, line in enumerate(data.split(b"\n"), 1) if line.strip()]
    if len(numbered) != frame.height:
        numbered = list(range(1, frame.height + 1))
    return frame, pl.Series("line", numbered, dtype=pl.Int64)
