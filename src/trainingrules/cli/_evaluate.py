"""``trainingrules evaluate``: teachers and records files in, the results table out.

The files are read by ``_read`` and evaluated by ``trainingrules.table.evaluate_table``
(the same answers as ``trainingrules.evaluate``). A bad row never stops the run: each
error is printed as ``file:line: field: message [code]`` on stderr and written, with
every other, to the errors file; the teacher it concerns is not evaluated (status
``input_error``). Exit status: 0 when every row was fine, 1 when some row was in error.

With a progress bar (stderr a terminal and more teachers than ``chunk_size``, or
``--progress always``) the teachers are evaluated in chunks of consecutive rows, each
with its own records; the results are the same as in one run (a test checks it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from trainingrules.cli._errors import CommandLineError
from trainingrules.cli._read import Source, read
from trainingrules.cli._write import check_target, write
from trainingrules.errors import TrainingRulesError
from trainingrules.policy import Policy
from trainingrules.table import INPUT_ERROR, RECORD_COLUMNS, TEACHER_COLUMNS, evaluate_table

__all__ = ["Evaluated", "Run", "evaluate_files", "evaluate_frames", "run"]

STDERR_LINES = 100
"""Bad rows printed on stderr when an errors file holds them all (else every one)."""


class Run:
    """What ``evaluate`` was asked to do (the parsed command line)."""

    __slots__ = (
        "as_of",
        "chunk_size",
        "encoding",
        "errors",
        "lang",
        "output",
        "output_encoding",
        "policy",
        "progress",
        "records",
        "teachers",
    )

    def __init__(  # noqa: PLR0913 - the options of the command, each named
        self,
        policy: Policy,
        as_of: date,
        teachers: str,
        records: str,
        *,
        output: str | None = None,
        errors: str | None = None,
        encoding: str | None = None,
        output_encoding: str = "utf-8",
        lang: str | None = None,
        progress: str = "auto",
        chunk_size: int = 50_000,
    ) -> None:
        """Hold the options."""
        self.policy = policy
        self.as_of = as_of
        self.teachers = teachers
        self.records = records
        self.output = output
        self.errors = errors
        self.encoding = encoding
        self.output_encoding = output_encoding
        self.lang = lang
        self.progress = progress
        self.chunk_size = chunk_size

    @property
    def errors_file(self) -> str | None:
        """``--errors``, else ``<output stem>.errors.csv`` next to the output, else none."""
        if self.errors is not None:
            return self.errors
        if self.output is None or self.output == "-":
            return None
        out = Path(self.output)
        return str(out.with_name(out.stem + ".errors.csv"))


class Evaluated:
    """The tables of a run: results, errors (with ``file`` and ``line``) and counts."""

    __slots__ = ("errors", "results", "rows_in", "rows_in_error")

    def __init__(
        self, results: pl.DataFrame, errors: pl.DataFrame, rows_in: int, rows_in_error: int
    ) -> None:
        """Hold the tables."""
        self.results = results
        self.errors = errors
        self.rows_in = rows_in
        self.rows_in_error = rows_in_error


def run(options: Run) -> int:
    """Run the command; 0: every row fine, 1: some rows in error."""
    check_target(options.output)
    errors_file = options.errors_file
    if errors_file is not None:
        check_target(errors_file)
    done = evaluate_files(options)
    _report(done, options, errors_file)
    if errors_file is not None:
        write(done.errors, errors_file, options.output_encoding)
    status = 1 if done.rows_in_error else 0
    results = done.results
    if options.lang is not None:  # message columns, when the results carry them
        other = "message_en" if options.lang == "zh" else "message_zh"
        results = results.drop(other, strict=False)
    try:
        write(results, options.output, options.output_encoding)
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        quiet_stdout()
    return status


def quiet_stdout() -> None:
    """Point stdout at the null device, so that the final flush of a closed pipe is silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (tests, doctest)
        pass


def evaluate_files(options: Run) -> Evaluated:
    """Read the two files, evaluate them, and locate every error in its file."""
    teachers = read(options.teachers, options.encoding)
    records = read(options.records, options.encoding)
    record_frame = with_record_ids(records)
    show = options.progress == "always" or (
        options.progress == "auto"
        and teachers.frame.height > options.chunk_size
        and sys.stderr.isatty()
    )
    try:
        if show:
            results, errors, rows_in, rows_in_error = _chunked(
                options.policy,
                teachers.frame,
                record_frame,
                options.as_of,
                options.chunk_size,
                _bar(teachers.frame.height),
            )
        else:
            results, errors, rows_in, rows_in_error = _once(
                options.policy, teachers.frame, record_frame, options.as_of
            )
    except TrainingRulesError as error:  # a missing column, float hours: name the file
        name = {"teachers": teachers.name, "records": records.name}.get(
            error.path.split(".", 1)[0].split("[", 1)[0], ""
        )
        if not name:
            raise
        message = error.message
        if error.code == "input.float":
            message = (
                "hours are JSON or Parquet floats, not the numbers typed: "
                'write them as strings ("12.5") or decimals'
            )
        raise CommandLineError(message, path=name, code=error.code) from None
    return Evaluated(results, _locate(errors, teachers, records), rows_in, rows_in_error)


def evaluate_frames(
    policy: Policy,
    teachers: pl.DataFrame,
    records: pl.DataFrame,
    as_of: date,
    chunk_size: int | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    """``evaluate_table`` in one run, or in chunks of ``chunk_size`` teachers.

    Returns the results, the errors (``row`` of the tables given), rows in and rows
    in error.
    """
    if chunk_size is None:
        return _once(policy, teachers, records, as_of)
    return _chunked(policy, teachers, records, as_of, chunk_size, None)


def with_record_ids(records: Source) -> pl.DataFrame:
    """The records, with ``record_id`` = ``FILE:LINE`` when the file has no id column."""
    names = ("record_id", *RECORD_COLUMNS["record_id"])
    if any(name in records.frame.columns for name in names):
        return records.frame
    ids = pl.concat_str([pl.lit(f"{records.name}:"), pl.lit(records.lines.cast(pl.String))])
    return records.frame.with_columns(ids.alias("record_id"))


def _once(
    policy: Policy, teachers: pl.DataFrame, records: pl.DataFrame, as_of: date
) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    result = evaluate_table(policy, teachers, records, as_of)
    return result.results, result.errors, result.rows_in, result.rows_in_error


def _column(frame: pl.DataFrame, name: str, aliases: Mapping[str, tuple[str, ...]]) -> str | None:
    present = [c for c in (name, *aliases[name]) if c in frame.columns]
    return present[0] if len(present) == 1 else None


class _Bar:
    """A progress bar (tqdm on stderr), or nothing when tqdm is not installed."""

    def __init__(self, update: Callable[[int], Any], close: Callable[[], Any]) -> None:
        self.update = update
        self.close = close


def _bar(total: int) -> _Bar | None:
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional, only for a progress bar
    except ModuleNotFoundError:  # pragma: no cover - tqdm ships with the cli extra
        return None
    bar = tqdm(total=total, unit=" teachers", file=sys.stderr, unit_scale=True, leave=False)
    return _Bar(bar.update, bar.close)


def _chunked(  # noqa: PLR0913, PLR0917 - the inputs of a run, each named
    policy: Policy,
    teachers: pl.DataFrame,
    records: pl.DataFrame,
    as_of: date,
    size: int,
    bar: _Bar | None,
) -> tuple[pl.DataFrame, pl.DataFrame, int, int]:
    """``_once`` over chunks of consecutive teachers, each with its own records.

    Every check that spans rows stays inside a chunk: a teacher's records go with
    them, so duplicate record ids are found; a record of no teacher is unknown in any
    chunk. Duplicate teacher ids (or an id column ``evaluate_table`` will refuse) mean
    one run.
    """
    t_id = _column(teachers, "teacher_id", TEACHER_COLUMNS)
    r_id = _column(records, "teacher_id", RECORD_COLUMNS)
    if (
        t_id is None
        or r_id is None
        or teachers.height <= size
        or teachers.get_column(t_id).drop_nulls().is_duplicated().any()
    ):
        done = _once(policy, teachers, records, as_of)
        if bar is not None:
            bar.update(teachers.height)
            bar.close()
        return done
    key = teachers.select(
        pl.col(t_id).cast(pl.String).alias("_id"),
        (pl.int_range(pl.len()) // size).alias("_chunk"),
    )
    chunk_of = (
        records.select(pl.col(r_id).cast(pl.String).alias("_id"))
        .join(key.drop_nulls("_id"), on="_id", how="left", maintain_order="left")
        .get_column("_chunk")
        .fill_null(0)
    )
    t_rows = pl.int_range(teachers.height, eager=True)
    r_rows = pl.int_range(records.height, eager=True)
    parts: list[tuple[pl.DataFrame, pl.DataFrame]] = []
    rows_in = rows_in_error = 0
    for k in range((teachers.height + size - 1) // size):
        t_mask = key.get_column("_chunk") == k
        r_mask = chunk_of == k
        results, errors, n_in, n_error = _once(
            policy, teachers.filter(t_mask), records.filter(r_mask), as_of
        )
        errors = _renumber(errors, t_rows.filter(t_mask), r_rows.filter(r_mask))
        parts.append((results, errors))
        rows_in += n_in
        rows_in_error += n_error
        if bar is not None:
            bar.update(int(t_mask.sum()))
    if bar is not None:
        bar.close()
    # A run's scale is the most decimal places of its valid hours values, so the largest
    # scale among the chunks is the scale of one run over all of them.
    results = pl.concat(_common_scale([r for r, _ in parts], 0))
    errors = pl.concat([e for _, e in parts]).sort(
        "source", "row", descending=[True, False], maintain_order=True
    )  # stable: a row's errors stay in the order of the checks
    return results, errors, rows_in, rows_in_error


def _renumber(errors: pl.DataFrame, t_rows: pl.Series, r_rows: pl.Series) -> pl.DataFrame:
    """A chunk's errors with the rows (and paths) of the whole tables."""
    parts = []
    for source, rows in (("teachers", t_rows), ("records", r_rows)):
        part = errors.filter(pl.col("source") == source)
        if not part.height:
            continue
        row = rows.gather(part.get_column("row")).cast(part.schema["row"])
        part = part.with_columns(row.alias("row"))
        if "path" in part.columns:  # records[3].hours → the row of the whole table
            part = part.with_columns(
                pl.concat_str(
                    [
                        pl.col("source"),
                        pl.lit("["),
                        pl.col("row").cast(pl.String),
                        pl.lit("]"),
                        pl.col("path").str.replace(r"^[a-z_]+\[\d+\]", ""),
                    ]
                ).alias("path")
            )
        parts.append(part)
    return pl.concat(parts) if parts else errors


def _common_scale(frames: list[pl.DataFrame], least: int) -> Iterator[pl.DataFrame]:
    """The chunks' decimal columns at the scale one run would use (exact)."""
    scales: dict[str, int] = {}
    for frame in frames:
        for name, dtype in frame.schema.items():
            if isinstance(dtype, pl.Decimal):
                scales[name] = max(scales.get(name, least), dtype.scale or 0)
    for frame in frames:
        yield frame.with_columns(
            pl.col(name).cast(pl.Decimal(38, scale)) for name, scale in scales.items()
        )


def _locate(errors: pl.DataFrame, teachers: Source, records: Source) -> pl.DataFrame:
    """The errors with the ``file`` and ``line`` of each row first."""
    parts = []
    for source, read_from in (("teachers", teachers), ("records", records)):
        part = errors.filter(pl.col("source") == source)
        lines = read_from.lines.gather(part.get_column("row"))
        parts.append(part.with_columns(pl.lit(read_from.name).alias("file"), lines.alias("line")))
    located = pl.concat(parts)
    return located.select("file", "line", *errors.columns)


def _report(done: Evaluated, options: Run, errors_file: str | None) -> None:
    """The bad rows and a count on stderr."""
    if not done.errors.height:
        return
    shown = done.errors if errors_file is None else done.errors.head(STDERR_LINES)
    out = sys.stderr
    for row in shown.iter_rows(named=True):
        out.write(
            f"{row['file']}:{row['line']}: {row['field']}: {row['message']} [{row['code']}]\n"
        )
    more = done.errors.height - shown.height
    skipped = (
        done.results.filter(pl.col("status") == INPUT_ERROR).get_column("teacher_id").n_unique()
    )
    if options.lang == "zh":
        line = (
            f"共{done.rows_in}行，其中{done.rows_in_error}行有误；"
            f"{skipped}名教师未评估（状态{INPUT_ERROR}）"
        )
        if errors_file is not None:
            line += f"；全部{done.errors.height}条错误见{errors_file}"
            if more:
                line += f"（以上仅列出前{shown.height}条）"
    else:
        line = (
            f"{done.rows_in_error} of {done.rows_in} rows in error; {skipped} teachers not "
            f"evaluated (status {INPUT_ERROR})"
        )
        if errors_file is not None:
            line += f"; all {done.errors.height} errors in {errors_file}"
            if more:
                line += f" ({more} not shown above)"
    out.write(line + "\n")
