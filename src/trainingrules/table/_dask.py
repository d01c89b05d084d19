"""The table path on a Dask cluster: both tables partitioned by teacher, evaluated per part.

An optional part (``pip install 'trainingrules[dask]'``). Every row gets its global
row number first; teachers and records are then put into the same partitions by a
hash of the teacher id (every teacher's records land with the teacher), each
partition is evaluated with the public ``evaluate_table``, and the local row numbers
of its errors and results are mapped back to the global ones. The merged tables are
the single-process ``evaluate_table`` answer: same rows, same values, same order.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

import dask.dataframe as dd
import distributed
import pandas as pd
import polars as pl
from dask.base import compute, persist
from dask.delayed import Delayed, delayed

import trainingrules as tr
from trainingrules.errors import InvalidInputError
from trainingrules.policy import Policy
from trainingrules.table import (
    RECORD_COLUMNS,
    TEACHER_COLUMNS,
    TableResult,
    evaluate_table,
)
from trainingrules.table._columns import rescaled
from trainingrules.table._result import as_kind

__all__ = ["DaskResult", "DaskTables", "evaluate_dask"]

ROW = "__trainingrules_row"
"""The global row number added to both tables before partitioning."""
PART = "__trainingrules_part"
"""The partition a row goes to: a hash of its teacher id."""
TEACHER_ROW = "teacher_row"
"""The index of the Dask results and fallback tables: the teacher's row in the input."""


_SideInputs = tuple[
    Mapping[str, Iterable[tr.Outcome]] | None,
    Mapping[str, tr.Assessment] | None,
    Mapping[str, Mapping[str, tr.CourseResult]] | None,
]
"""``outcomes``, ``assessments``, ``courses``: mappings, sent to every worker."""


class _Part(NamedTuple):
    """One partition's tables with global row numbers, and its counts."""

    results: pl.DataFrame  # TEACHER_ROW, then the columns of evaluate_table's results
    errors: pl.DataFrame  # evaluate_table's errors, ``row`` and ``path`` global
    fallback: pl.DataFrame  # TEACHER_ROW, then evaluate_table's fallback columns
    scale: int
    rows_in: int
    rows_in_error: int


class _Evaluated(NamedTuple):
    """One partition evaluated: what stays on its worker."""

    table: TableResult  # evaluate_table's answer (its findings and decisions on demand)
    teachers: pl.DataFrame  # teacher_id -> TEACHER_ROW of the teachers that can be evaluated
    part: _Part


class _Summary(NamedTuple):
    scale: int
    rows_in: int
    rows_in_error: int


def _column(columns: Sequence[str], aliases: Mapping[str, tuple[str, ...]]) -> str | None:
    """The name the teacher id goes by in ``columns`` (English or its Chinese alias)."""
    for name in ("teacher_id", *aliases["teacher_id"]):
        if name in columns:
            return name
    return None


def _teacher_id(frame: pl.DataFrame, column: str | None) -> pl.Expr:
    """The teacher id as ``evaluate_table`` reads it: whole numbers and strings as text."""
    if column is not None:
        dtype = frame.schema[column]
        if dtype.is_integer() or dtype == pl.String:
            return pl.col(column).cast(pl.String)
    return pl.repeat(None, pl.len(), dtype=pl.String)  # no id: every row null


def _part_of(frame: pl.DataFrame, column: str | None, n: int) -> pl.Series:
    """The partition of every row: a stable hash of the teacher id modulo ``n``."""
    key = _teacher_id(frame, column).hash(seed=0) % n
    return frame.select(key.cast(pl.Int64).alias(PART)).to_series()


def _polars(frame: object, name: str) -> pl.DataFrame:
    """An in-memory table (polars, pandas or Arrow) as a polars DataFrame."""
    if isinstance(frame, pl.DataFrame):
        return frame
    if isinstance(frame, pl.LazyFrame):
        return frame.collect()
    if isinstance(frame, pd.DataFrame):
        return pl.from_pandas(frame)
    if _kind(frame) == "arrow":
        converted = pl.from_arrow(frame)
        if isinstance(converted, pl.DataFrame):
            return converted
    raise InvalidInputError(
        f"expected a Dask, polars or pandas DataFrame or Arrow table, not {type(frame).__name__}",
        path=name,
        code="input.type",
    )


def _kind(frame: object) -> str:
    """The kind of table ``frame`` is, as ``evaluate_table`` names it (Dask: pandas)."""
    if isinstance(frame, (pl.DataFrame, pl.LazyFrame)):
        return "polars"
    if isinstance(frame, (pd.DataFrame, dd.DataFrame)):
        return "pandas"
    module = type(frame).__module__.split(".")[0]
    if module == "pyarrow" and type(frame).__name__ in {"Table", "RecordBatch"}:
        return "arrow"
    return "unknown"


def _pandas(frame: pl.DataFrame, index: str | None) -> pd.DataFrame:
    """A polars table as pandas with Arrow dtypes (exact decimals, dates, strings)."""
    out = frame.to_pandas(use_pyarrow_extension_array=True)
    if index is None:
        return out
    return out.set_index(index)


def _evaluate_part(
    policy: Policy,
    teachers: object,
    records: object,
    as_of: date,
    side: _SideInputs,
) -> _Evaluated:
    """Evaluate one partition and map its local row numbers back to the global ones."""
    t = _in_order(_polars(teachers, "teachers"))
    r = _in_order(_polars(records, "records"))
    outcomes, assessments, courses = side
    if courses:  # a course result is checked against its teacher's records: those here
        mine = set(t.get_column("teacher_id").cast(pl.String).to_list())
        courses = {tid: found for tid, found in courses.items() if tid in mine}
    result = evaluate_table(
        policy,
        t.drop(ROW, PART, strict=False),
        r.drop(ROW, PART, strict=False),
        as_of,
        outcomes=outcomes,
        assessments=assessments,
        courses=courses,
    )
    local = result.errors.get_column("row")
    is_teacher = result.errors.get_column("source") == "teachers"
    global_row = pl.Series("global", [None] * len(local), dtype=pl.Int64)
    for mask, frame in ((is_teacher, t), (~is_teacher, r)):
        if mask.any():
            global_row = global_row.scatter(
                mask.arg_true(), frame.get_column(ROW).gather(local.filter(mask))
            )
    errors = (
        result.errors.with_columns(global_row)
        .with_columns(pl.col("global").alias("row"), *_global_path(result.errors))
        .select(result.errors.columns)
    )
    # Teachers by id; a duplicated id (every copy in error) owns equal chunks of rows.
    ids = t.select(
        pl.col(ROW).alias(TEACHER_ROW),
        _teacher_id(t, _column(t.columns, TEACHER_COLUMNS)).alias("teacher_id"),
    ).with_columns(pl.int_range(pl.len(), dtype=pl.Int64).over("teacher_id").alias("copy"))
    if ids.get_column("copy").max() in {None, 0}:  # every id once: a plain look-up
        results = result.results.join(
            ids.drop("copy"), on="teacher_id", how="left", maintain_order="left", nulls_equal=True
        )
    else:
        copies = ids.group_by("teacher_id").agg(pl.len().alias("copies"))
        results = (
            result.results.with_columns(
                pl.int_range(pl.len(), dtype=pl.Int64).over("teacher_id").alias("i"),
                pl.len().over("teacher_id").alias("n"),
            )
            .join(copies, on="teacher_id", how="left", maintain_order="left", nulls_equal=True)
            .with_columns((pl.col("i") // (pl.col("n") // pl.col("copies"))).alias("copy"))
            .join(
                ids, on=["teacher_id", "copy"], how="left", maintain_order="left", nulls_equal=True
            )
        )
    unique = ids.filter(pl.col("copy") == 0).drop("copy")
    fallback = result.fallback.join(unique, on="teacher_id", how="left").sort(TEACHER_ROW)
    if (
        results.get_column(TEACHER_ROW).null_count()
        or fallback.get_column(TEACHER_ROW).null_count()
    ):
        raise RuntimeError("a result row could not be traced back to its teacher's row")
    part = _Part(
        results.select(TEACHER_ROW, *result.results.columns),
        errors,
        fallback.select(TEACHER_ROW, *result.fallback.columns),
        result.scale,
        result.rows_in,
        result.rows_in_error,
    )
    return _Evaluated(result, unique, part)


def _in_order(frame: pl.DataFrame) -> pl.DataFrame:
    """A partition in the input's row order (a shuffle may have mixed it)."""
    return frame if frame.get_column(ROW).is_sorted() else frame.sort(ROW)


def _global_path(errors: pl.DataFrame) -> list[pl.Expr]:
    """``path`` (``records[12].hours``) with the global row number, if the table has one."""
    if "path" not in errors.columns:
        return []
    local = pl.format("{}[{}]", pl.col("source"), pl.col("row"))
    path = pl.col("path")
    return [
        pl.when(path.str.starts_with(local))
        .then(
            pl.format(
                "{}[{}]{}",
                pl.col("source"),
                pl.col("global"),
                path.str.slice(local.str.len_chars()),
            )
        )
        .otherwise(path)
        .alias("path")
    ]


def _summary(evaluated: _Evaluated) -> _Summary:
    part = evaluated.part
    return _Summary(part.scale, part.rows_in, part.rows_in_error)


def _wire(evaluated: _Evaluated) -> tuple[Any, ...]:
    """A partition's tables as Arrow tables: Dask sends those far faster than polars'."""
    part = evaluated.part
    return (*(_arrow(t) for t in part[:3]), *part[3:])


def _arrow(frame: pl.DataFrame) -> Any:  # noqa: ANN401 - a pyarrow Table, or the frame
    """``frame`` as an Arrow table for the wire (a column Arrow cannot hold: as it is)."""
    if any(dtype == pl.Object for dtype in frame.dtypes):
        return frame
    return frame.to_arrow()


def _on_demand(evaluated: _Evaluated, table: str) -> pd.DataFrame:
    """``findings()`` or ``decisions()`` of one partition, indexed by ``teacher_row``."""
    frame: pl.DataFrame = getattr(evaluated.table, table)()
    return _pandas(
        frame.join(evaluated.teachers, on="teacher_id", how="left", maintain_order="left").select(
            TEACHER_ROW, *frame.columns
        ),
        TEACHER_ROW,
    )


def _results_pandas(evaluated: _Evaluated, scale: int) -> pd.DataFrame:
    return _pandas(rescaled(evaluated.part.results, scale), TEACHER_ROW)


def _errors_pandas(evaluated: _Evaluated) -> pd.DataFrame:
    return _pandas(evaluated.part.errors, None)


def _fallback_pandas(evaluated: _Evaluated) -> pd.DataFrame:
    return _pandas(evaluated.part.fallback, TEACHER_ROW)


class DaskResult:
    """What ``evaluate_dask`` returns: the evaluated partitions, kept on the cluster.

    ``results``, ``errors`` and ``fallback`` are Dask DataFrames over those partitions
    (pandas partitions with Arrow dtypes: exact ``decimal128`` hours, ``date32``
    dates), to write out or aggregate on the cluster; ``results`` and ``fallback`` are
    indexed by ``teacher_row``, the teacher's row in the input. ``compute()`` gathers
    them into the tables ``evaluate_table`` gives for the whole input.

    Attributes:
        npartitions: partitions the tables were split into.
        scale: decimal places of ``required``, ``counted`` and ``shortfall``.
        rows_in: rows of the teachers and records tables.
        rows_in_error: rows with at least one error.
    """

    __slots__ = (
        "_client",
        "_empty",
        "_evaluated",
        "_kind",
        "npartitions",
        "rows_in",
        "rows_in_error",
        "scale",
    )

    def __init__(
        self,
        evaluated: Sequence[Delayed],
        summaries: Sequence[_Summary],
        empty: TableResult,
        *,
        kind: str,
        client: distributed.Client | None,
    ) -> None:
        """Hold the persisted partitions, their counts and the tables' empty shapes."""
        self._evaluated = tuple(evaluated)
        self._client = client
        self._kind = kind
        first = pl.lit(0, pl.Int64).alias(TEACHER_ROW)
        self._empty = _Evaluated(
            empty,
            pl.DataFrame(schema={"teacher_id": pl.String, TEACHER_ROW: pl.Int64}),
            _Part(
                _polars(empty.results, "results").select(first, pl.all()),
                _polars(empty.errors, "errors"),
                _polars(empty.fallback, "fallback").select(first, pl.all()),
                empty.scale,
                0,
                0,
            ),
        )
        self.npartitions = len(self._evaluated)
        self.scale = max((s.scale for s in summaries), default=0)
        self.rows_in = sum(s.rows_in for s in summaries)
        self.rows_in_error = sum(s.rows_in_error for s in summaries)

    @property
    def rows_evaluated(self) -> int:
        """Rows that reached the results (a teacher in error has ``input_error`` rows)."""
        return self.rows_in - self.rows_in_error

    @property
    def results(self) -> dd.DataFrame:
        """The results table, partitioned by teacher, indexed by ``teacher_row``."""
        return _lazy(
            [delayed(_results_pandas)(e, self.scale) for e in self._evaluated],
            _results_pandas(self._empty, self.scale),
        )

    @property
    def errors(self) -> dd.DataFrame:
        """The errors table; ``row`` (and ``path``) name the row of the input table."""
        return _lazy(
            [delayed(_errors_pandas)(e) for e in self._evaluated],
            _errors_pandas(self._empty),
        )

    @property
    def fallback(self) -> dd.DataFrame:
        """The teachers evaluated one by one, with the reason; indexed by ``teacher_row``."""
        return _lazy(
            [delayed(_fallback_pandas)(e) for e in self._evaluated],
            _fallback_pandas(self._empty),
        )

    def findings(self) -> dd.DataFrame:
        """``TableResult.findings()`` of every partition, indexed by ``teacher_row``.

        Built on the workers by the per-teacher engine when the frame is computed: as
        slow per teacher as ``evaluate``, so ask for the teachers you need.
        """
        return self._on_demand("findings")

    def decisions(self) -> dd.DataFrame:
        """``TableResult.decisions()`` of every partition, indexed by ``teacher_row``."""
        return self._on_demand("decisions")

    def _on_demand(self, table: str) -> dd.DataFrame:
        return _lazy(
            [delayed(_on_demand)(e, table) for e in self._evaluated],
            _on_demand(self._empty, table),
        )

    def compute(self) -> DaskTables:
        """Gather the partitions: the tables ``evaluate_table`` gives for the whole input.

        Results are in the teachers' input order (then scheme, period, requirement),
        errors by table (teachers first) and row, fallback in input order; the tables
        are of the kind the teachers were passed as (a Dask DataFrame: pandas).
        """
        wired = _compute(self._client, [delayed(_wire)(e) for e in self._evaluated])
        parts = [
            _Part(
                _polars(w[0], "results"), _polars(w[1], "errors"), _polars(w[2], "fallback"), *w[3:]
            )
            for w in wired
        ]
        results = (
            pl.concat([rescaled(p.results, self.scale) for p in parts])
            .sort(TEACHER_ROW, maintain_order=True)
            .drop(TEACHER_ROW)
        )
        errors = pl.concat([p.errors for p in parts]).sort(
            "source", "row", descending=[True, False], maintain_order=True
        )
        fallback = (
            pl.concat([p.fallback for p in parts])
            .sort(TEACHER_ROW, maintain_order=True)
            .drop(TEACHER_ROW)
        )
        return DaskTables(
            as_kind(results, self._kind),
            as_kind(errors, self._kind),
            as_kind(fallback, self._kind),
            scale=self.scale,
            rows_in=self.rows_in,
            rows_in_error=self.rows_in_error,
        )

    def __repr__(self) -> str:
        """Sizes."""
        return (
            f"DaskResult({self.npartitions} partitions, rows_in={self.rows_in}, "
            f"rows_in_error={self.rows_in_error})"
        )


class DaskTables(NamedTuple):
    """The gathered tables of a ``DaskResult``: those of ``evaluate_table``'s ``TableResult``.

    Attributes:
        results: one row per teacher × measured period × requirement, in input order.
        errors: one row per bad value; ``row`` is the row of its input table.
        fallback: the teachers evaluated one by one, with the reason.
        scale: decimal places of ``required``, ``counted`` and ``shortfall``.
        rows_in: rows of the teachers and records tables.
        rows_in_error: rows with at least one error.
    """

    results: Any
    errors: Any
    fallback: Any
    scale: int
    rows_in: int
    rows_in_error: int

    @property
    def rows_evaluated(self) -> int:
        """Rows that reached the results."""
        return self.rows_in - self.rows_in_error


def _lazy(parts: Sequence[Delayed], meta: pd.DataFrame) -> dd.DataFrame:
    """A Dask DataFrame over delayed pandas partitions."""
    frame: dd.DataFrame = dd.from_delayed(list(parts), meta=meta, verify_meta=False)
    return frame


def _compute(client: distributed.Client | None, tasks: Sequence[Delayed]) -> list[Any]:
    if client is not None:
        done: list[Any] = client.compute(list(tasks), sync=True)  # type: ignore[no-untyped-call]
        return done
    return list(compute(*tasks))  # type: ignore[no-untyped-call]


def _default_client() -> distributed.Client | None:
    try:
        client: distributed.Client = distributed.default_client()  # type: ignore[no-untyped-call]
    except ValueError:  # no client: Dask's local scheduler
        return None
    return client


def _in_memory_parts(
    teachers: pl.DataFrame, records: pl.DataFrame, n: int
) -> list[tuple[pl.DataFrame, pl.DataFrame]]:
    """Both tables split into ``n`` partitions by teacher id, each row numbered."""
    split = []
    for frame, aliases in ((teachers, TEACHER_COLUMNS), (records, RECORD_COLUMNS)):
        numbered = frame.with_columns(
            pl.int_range(pl.len(), dtype=pl.Int64).alias(ROW),
            _part_of(frame, _column(frame.columns, aliases), n),
        )
        if aliases is RECORD_COLUMNS and _derives_record_id(frame.columns):
            numbered = numbered.with_columns(pl.format("row {}", pl.col(ROW)).alias("record_id"))
        by_part = numbered.partition_by(PART, as_dict=True, include_key=False)
        empty = numbered.clear().drop(PART)
        split.append([by_part.get((i,), empty) for i in range(n)])
    return list(zip(split[0], split[1], strict=True))


def _derives_record_id(columns: Sequence[str]) -> bool:
    """Whether ``evaluate_table`` would number the records itself (``row N``).

    It numbers them by their row, which in a partition is not the input's row: the
    ids are then added before partitioning, as the whole table would get them.
    """
    return not any(c in columns for c in ("record_id", *RECORD_COLUMNS["record_id"]))


def _numbered(  # noqa: PLR0913 - one partition and how to number it
    frame: pd.DataFrame,
    offsets: Sequence[int],
    column: str | None,
    n: int,
    *,
    record_ids: bool,
    partition_info: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """One Dask input partition with its global row numbers and target partition."""
    start = offsets[partition_info["number"]] if partition_info else 0
    out = frame.copy()
    out[ROW] = range(start, start + len(frame))
    if record_ids:
        out["record_id"] = pd.Series(
            [f"row {i}" for i in range(start, start + len(frame))], index=frame.index, dtype=str
        )
    ids = pl.from_pandas(frame[[column]] if column else frame)
    out[PART] = _part_of(ids, column, n).to_numpy()
    return out


def _dask_parts(
    frame: dd.DataFrame,
    aliases: Mapping[str, tuple[str, ...]],
    n: int,
    client: distributed.Client | None,
) -> list[Delayed]:
    """A Dask table shuffled into ``n`` partitions by teacher id, each row numbered."""
    lengths = _compute(client, [frame.map_partitions(len)])[0]  # type: ignore[no-untyped-call]
    offsets = [0]
    for length in list(lengths)[:-1]:
        offsets.append(offsets[-1] + int(length))
    meta = frame._meta.copy()  # noqa: SLF001 - Dask's public way to an empty partition
    meta[ROW] = pd.Series(dtype="int64")
    record_ids = aliases is RECORD_COLUMNS and _derives_record_id(list(frame.columns))
    if record_ids:
        meta["record_id"] = pd.Series(dtype=str)
    meta[PART] = pd.Series(dtype="int64")
    numbered = frame.map_partitions(  # type: ignore[no-untyped-call]
        _numbered,
        offsets,
        _column(list(frame.columns), aliases),
        n,
        record_ids=record_ids,
        meta=meta,
    )
    shuffled = numbered.set_index(PART, divisions=tuple(range(n + 1)))
    parts: list[Delayed] = shuffled.to_delayed()
    return parts


def evaluate_dask(  # noqa: PLR0913 - the inputs of evaluate_table and where to run
    policy: Policy,
    teachers: object,
    records: object,
    as_of: date,
    *,
    outcomes: Mapping[str, Iterable[tr.Outcome]] | None = None,
    assessments: Mapping[str, tr.Assessment] | None = None,
    courses: Mapping[str, Mapping[str, tr.CourseResult]] | None = None,
    npartitions: int | None = None,
    client: distributed.Client | None = None,
) -> DaskResult:
    """Evaluate a population on a Dask cluster, partitioned by teacher.

    The partitions are evaluated when this returns (the scale of the exact columns
    depends on the data, so the tables' types are known only then); their tables stay
    on the workers until ``DaskResult.compute()`` gathers them or a Dask DataFrame of
    ``results``, ``errors`` or ``fallback`` is used.

    Args:
        policy: the policy, e.g. ``policy.get("cn-2011")``.
        teachers: the teachers table (columns as for ``evaluate_table``): a Dask,
            polars or pandas DataFrame or an Arrow table.
        records: the records table, of the same kinds.
        as_of: the evaluation date.
        outcomes: ``teacher_id -> [Outcome]``, passed to ``evaluate_table``.
        assessments: ``teacher_id -> Assessment``, passed to ``evaluate_table``.
        courses: ``teacher_id -> {record_id: CourseResult}``, passed to
            ``evaluate_table`` with the partition of their teacher. These three are
            mappings here (sent to every worker), not tables.
        npartitions: how many partitions (default: the cluster's threads; for Dask
            inputs at least the records' partitions).
        client: the ``distributed.Client`` to run on (default: the current client,
            else Dask's local scheduler).

    Raises:
        InvalidInputError: what ``evaluate_table`` raises for the tables' columns and
            types (checked once, before anything is sent), a table of another kind
            or outcomes, assessments or courses that are not mappings (``input.type``),
            ``npartitions`` below 1 (``input.range``).
    """
    side: _SideInputs = (outcomes, assessments, courses)
    _check_mappings(side)
    if npartitions is not None and (type(npartitions) is not int or npartitions < 1):
        raise InvalidInputError(
            "npartitions must be a whole number of at least 1",
            path="npartitions",
            code="input.range",
        )
    client = client if client is not None else _default_client()
    lazy = isinstance(teachers, dd.DataFrame) or isinstance(records, dd.DataFrame)
    if lazy:
        frames = [
            f
            if isinstance(f, dd.DataFrame)
            else dd.from_pandas(_pandas(_polars(f, name), None), npartitions=1)  # type: ignore[no-untyped-call]
            for f, name in ((teachers, "teachers"), (records, "records"))
        ]
        heads = [pl.from_pandas(f._meta) for f in frames]  # noqa: SLF001 - empty partitions
    else:
        heads = [_polars(teachers, "teachers"), _polars(records, "records")]
    # Every error evaluate_table raises for the tables as a whole, raised here and once;
    # the empty answer gives the tables' columns and types.
    empty = evaluate_table(policy, heads[0].clear(), heads[1].clear(), as_of)
    threads = os.cpu_count() or 1
    if client is not None:
        threads = sum(client.nthreads().values())  # type: ignore[no-untyped-call]
    if lazy:
        n = npartitions or max(threads, frames[1].npartitions)
        pairs: list[tuple[Any, Any]] = list(
            zip(
                _dask_parts(frames[0], TEACHER_COLUMNS, n, client),
                _dask_parts(frames[1], RECORD_COLUMNS, n, client),
                strict=True,
            )
        )
    else:
        n = npartitions or threads
        pairs = list(_in_memory_parts(heads[0], heads[1], n))
        if client is not None:
            # Arrow tables: Dask serialises them without pickling, ~8x faster than polars
            teacher_parts = client.scatter([_arrow(t) for t, _ in pairs])  # type: ignore[no-untyped-call]
            record_parts = client.scatter([_arrow(r) for _, r in pairs])  # type: ignore[no-untyped-call]
            pairs = list(zip(teacher_parts, record_parts, strict=True))
    shared: Any = (policy, as_of, side)
    if client is not None:  # sent to each worker once, not in the graph
        shared = client.scatter([shared], broadcast=True)[0]  # type: ignore[no-untyped-call]
    else:
        shared = delayed(shared, traverse=False)
    tasks = [delayed(_evaluate_shared)(shared, t, r) for t, r in pairs]
    if client is not None:
        evaluated: list[Delayed] = client.persist(tasks)  # type: ignore[no-untyped-call]
    else:
        evaluated = list(persist(*tasks))  # type: ignore[no-untyped-call]
    summaries = _compute(client, [delayed(_summary)(e) for e in evaluated])
    return DaskResult(evaluated, summaries, empty, kind=_kind(teachers), client=client)


def _check_mappings(side: _SideInputs) -> None:
    """Outcomes, assessments and courses go to every worker: mappings, not tables."""
    for name, given in zip(("outcomes", "assessments", "courses"), side, strict=True):
        if given is not None and not isinstance(given, Mapping):
            raise InvalidInputError(
                f"evaluate_dask takes {name} as a mapping by teacher id, "
                f"got {type(given).__name__}",
                path=name,
                code="input.type",
            )


def _evaluate_shared(
    shared: tuple[Policy, date, _SideInputs], teachers: object, records: object
) -> _Evaluated:
    policy, as_of, side = shared
    return _evaluate_part(policy, teachers, records, as_of, side)
