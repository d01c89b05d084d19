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
from typing import Any, NamedTuple

import polars as pl

from trainingrules.cli._errors import CommandLineError
from trainingrules.cli._read import Source, read
from trainingrules.cli._write import check_target, write
from trainingrules.errors import TrainingRulesError
from trainingrules.policy import Policy
from trainingrules.table import INPUT_ERROR, RECORD_COLUMNS, TEACHER_COLUMNS, evaluate_table
from trainingrules.table._side import SIDE_INPUTS

__all__ = ["Evaluated", "Run", "evaluate_files", "evaluate_frames", "run"]

STDERR_LINES = 100
"""Bad rows printed on stderr when an errors file holds them all (else every one)."""


class Run:
    """What ``evaluate`` was asked to do (the parsed command line)."""

    __slots__ = (
        "as_of",
        "assessments",
        "chunk_size",
        "courses",
        "decisions",
        "encoding",
        "errors",
        "findings",
        "lang",
        "outcomes",
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
        outcomes: str | None = None,
        assessments: str | None = None,
        courses: str | None = None,
        findings: str | None = None,
        decisions: str | None = None,
    ) -> None:
        """Hold the options (side inputs and extra outputs are file names)."""
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
        self.outcomes = outcomes
        self.assessments = assessments
        self.courses = courses
        self.findings = findings
        self.decisions = decisions

    @property
    def side_files(self) -> dict[str, str]:
        """The optional input files given: ``outcomes``, ``assessments``, ``courses``."""
        given = {name: getattr(self, name) for name in SIDE_INPUTS}
        return {name: file for name, file in given.items() if file is not None}

    @property
    def errors_file(self) -> str | None:
        """``--errors``, else ``<output stem>.errors.csv`` next to the output, else none."""
        if self.errors is not None:
            return self.errors
        if self.output is None or self.output == "-":
            return None
        out = Path(self.output)
        return str(out.with_name(out.stem + ".errors.csv"))


class Evaluated(NamedTuple):
    """The tables of a run: results, errors (with ``file`` and ``line``) and counts.

    ``findings`` and ``decisions`` are there when they were asked for.
    """

    results: pl.DataFrame
    errors: pl.DataFrame
    rows_in: int
    rows_in_error: int
    findings: pl.DataFrame | None = None
    decisions: pl.DataFrame | None = None


def run(options: Run) -> int:
    """Run the command; 0: every row fine, 1: some rows in error."""
    check_target(options.output)
    errors_file = options.errors_file
    extra = {"findings": options.findings, "decisions": options.decisions}
    for target in (errors_file, *extra.values()):
        if target is not None:
            check_target(target)
    done = evaluate_files(options)
    _report(done, options, errors_file)
    if errors_file is not None:
        write(done.errors, errors_file, options.output_encoding)
    for name, target in extra.items():
        table = getattr(done, name)
        if target is not None and table is not None:
            write(table, target, options.output_encoding)
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
    """Read the files, evaluate them, and locate every error in its file."""
    sources = {
        "teachers": read(options.teachers, options.encoding),
        "records": read(options.records, options.encoding),
        **{name: read(file, options.encoding) for name, file in options.side_files.items()},
    }
    teachers = sources["teachers"].frame
    show = options.progress == "always" or (
        options.progress == "auto" and teachers.height > options.chunk_size and sys.stderr.isatty()
    )
    try:
        done = evaluate_frames(
            options.policy,
            teachers,
            with_record_ids(sources["records"]),
            options.as_of,
            options.chunk_size if show else None,
            side={name: sources[name].frame for name in options.side_files},
            bar=_bar(teachers.height) if show else None,
            findings=options.findings is not None,
            decisions=options.decisions is not None,
        )
    except TrainingRulesError as error:  # a missing column, float hours: name the file
        source = sources.get(error.path.split(".", 1)[0].split("[", 1)[0])
        if source is None:
            raise
        message = error.message
        if error.code == "input.float":
            message = (
                "hours are JSON or Parquet floats, not the numbers typed: "
                'write them as strings ("12.5") or decimals'
            )
        raise CommandLineError(message, path=source.name, code=error.code) from None
    return done._replace(errors=_locate(done.errors, sources))


def evaluate_frames(  # noqa: PLR0913 - the inputs of a run, each named
    policy: Policy,
    teachers: pl.DataFrame,
    records: pl.DataFrame,
    as_of: date,
    chunk_size: int | None = None,
    *,
    side: Mapping[str, pl.DataFrame] | None = None,
    bar: _Bar | None = None,
    findings: bool = False,
    decisions: bool = False,
) -> Evaluated:
    """``evaluate_table`` in one run, or in chunks of ``chunk_size`` teachers.

    ``side``: the optional tables (``outcomes``, ``assessments``, ``courses``).
    Every check that spans rows stays inside a chunk: a teacher's records and other
    rows go with them, so duplicates are found; a row of no teacher is unknown in
    any chunk. Duplicate teacher ids (or an id column ``evaluate_table`` will refuse)
    mean one run. The errors' ``row`` is the row of the tables given.
    """
    want = (findings, decisions)
    side = dict(side or {})
    tables = {"records": records, **side}
    t_id = _column(teachers, "teacher_id", TEACHER_COLUMNS)
    found = {name: _column(frame, "teacher_id", RECORD_COLUMNS) for name, frame in tables.items()}
    ids = {name: column for name, column in found.items() if column is not None}
    if (
        chunk_size is None
        or t_id is None
        or len(ids) < len(tables)
        or teachers.height <= chunk_size
        or teachers.get_column(t_id).drop_nulls().is_duplicated().any()
    ):
        done = _once(policy, teachers, tables, as_of, want)
        if bar is not None:
            bar.update(teachers.height)
            bar.close()
        return done
    key = teachers.select(
        pl.col(t_id).cast(pl.String).alias("_id"),
        (pl.int_range(pl.len()) // chunk_size).alias("_chunk"),
    )
    chunk_of = {
        name: frame.select(pl.col(ids[name]).cast(pl.String).alias("_id"))
        .join(key.drop_nulls("_id"), on="_id", how="left", maintain_order="left")
        .get_column("_chunk")
        .fill_null(0)
        for name, frame in tables.items()
    }
    rows = {
        name: pl.int_range(frame.height, eager=True)
        for name, frame in {"teachers": teachers, **tables}.items()
    }
    parts: list[Evaluated] = []
    for k in range((teachers.height + chunk_size - 1) // chunk_size):
        masks = {"teachers": key.get_column("_chunk") == k}
        masks.update({name: chunk == k for name, chunk in chunk_of.items()})
        part = _once(
            policy,
            teachers.filter(masks["teachers"]),
            {name: frame.filter(masks[name]) for name, frame in tables.items()},
            as_of,
            want,
        )
        parts.append(
            part._replace(
                errors=_renumber(part.errors, {n: rows[n].filter(m) for n, m in masks.items()})
            )
        )
        if bar is not None:
            bar.update(int(masks["teachers"].sum()))
    if bar is not None:
        bar.close()
    # A run's scale is the most decimal places of its valid hours values, so the largest
    # scale among the chunks is the scale of one run over all of them.
    return Evaluated(
        pl.concat(_common_scale([p.results for p in parts], 0)),
        pl.concat([p.errors for p in parts]).sort(
            "source", "row", descending=[True, False], maintain_order=True
        ),  # stable: a row's errors stay in the order of the checks
        sum(p.rows_in for p in parts),
        sum(p.rows_in_error for p in parts),
        _concat([p.findings for p in parts]),
        _concat([p.decisions for p in parts]),
    )


def _concat(frames: list[pl.DataFrame | None]) -> pl.DataFrame | None:
    found = [frame for frame in frames if frame is not None]
    return pl.concat(list(_common_scale(found, 0))) if found else None


def with_record_ids(records: Source) -> pl.DataFrame:
    """The records, with ``record_id`` = ``FILE:LINE`` when the file has no id column."""
    names = ("record_id", *RECORD_COLUMNS["record_id"])
    if any(name in records.frame.columns for name in names):
        return records.frame
    ids = pl.concat_str([pl.lit(f"{records.name}:"), pl.lit(records.lines.cast(pl.String))])
    return records.frame.with_columns(ids.alias("record_id"))


def _once(
    policy: Policy,
    teachers: pl.DataFrame,
    tables: Mapping[str, pl.DataFrame],
    as_of: date,
    want: tuple[bool, bool],
) -> Evaluated:
    side = {name: frame for name, frame in tables.items() if name != "records"}
    result = evaluate_table(policy, teachers, tables["records"], as_of, **side)
    return Evaluated(
        result.results,
        result.errors,
        result.rows_in,
        result.rows_in_error,
        result.findings() if want[0] else None,
        result.decisions() if want[1] else None,
    )


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


def _renumber(errors: pl.DataFrame, rows_of: Mapping[str, pl.Series]) -> pl.DataFrame:
    """A chunk's errors with the rows (and paths) of the whole tables."""
    parts = []
    for source, rows in rows_of.items():
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


def _locate(errors: pl.DataFrame, sources: Mapping[str, Source]) -> pl.DataFrame:
    """The errors with the ``file`` and ``line`` of each row first."""
    parts = []
    for source, read_from in sources.items():
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
