"""Whole populations: teachers and records as tables in, a results table out.

An optional part (``pip install 'trainingrules[polars]'``): the core never imports it.
``evaluate_table`` runs a policy's compiled plan (``trainingrules.engine.Plan``) over
columns, classifying each distinct kind of record once with ``Plan.classify`` and
deciding each period's status with the engine's ``period_status``; what the columnar
executor cannot do is evaluated per teacher with ``trainingrules.evaluate``. The
results are identical to ``evaluate`` (a property test checks every column for every
catalogue policy and variant). See ``docs/tables.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

import trainingrules as tr
from trainingrules.engine import Plan, compile_policy
from trainingrules.errors import InvalidInputError
from trainingrules.policy import Policy
from trainingrules.table._execute import (
    INPUT_ERROR,
    SCALED,
    columnar,
    fallback_rows,
    input_error_rows,
    needed_scale,
    prorates,
    to_frame,
)
from trainingrules.table._execute import vectorisable as _plan_reasons
from trainingrules.table._inputs import (
    ENGINE,
    ERROR_SCHEMA,
    RECORD_COLUMNS,
    TEACHER_COLUMNS,
    decimal_places,
    read_records,
    read_teachers,
)

if TYPE_CHECKING:  # imported on first use: Dask is an extra of its own
    from trainingrules.table._dask import DaskResult, evaluate_dask

__all__ = [
    "ERROR_COLUMNS",
    "INPUT_ERROR",
    "RECORD_COLUMNS",
    "RESULT_COLUMNS",
    "TEACHER_COLUMNS",
    "DaskResult",
    "TableResult",
    "evaluate_dask",
    "evaluate_table",
    "vectorisable",
]


def __getattr__(name: str) -> object:
    """``evaluate_dask`` and ``DaskResult``, imported on first use (``trainingrules[dask]``)."""
    if name in {"DaskResult", "evaluate_dask"}:
        from trainingrules.table import _dask  # noqa: PLC0415 - Dask only when asked for

        return getattr(_dask, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


RESULT_COLUMNS = (
    "teacher_id",
    "scheme",
    "period",
    "start",
    "end",
    "requirement",
    "required",
    "counted",
    "shortfall",
    "unit",
    "status",
    "met",
    "finding",
)
"""Columns of the results table, in order."""

ERROR_COLUMNS = tuple(ERROR_SCHEMA)
"""Columns of the errors table: source, row, teacher_id, field, code, message."""


def vectorisable(policy: Policy) -> tuple[str, ...]:
    """Why ``policy`` cannot be evaluated over columns (empty: it can, for most teachers).

    Even then, a teacher falls back to ``evaluate`` when their figures are prorated
    for partial service or an assessment is given for them.

    >>> from trainingrules import policy
    >>> vectorisable(policy.get("cn-2011"))
    ()
    """
    return _plan_reasons(compile_policy(policy))


class TableResult:
    """What ``evaluate_table`` returns.

    Attributes:
        results: one row per teacher × measured period × requirement (``RESULT_COLUMNS``).
        errors: one row per bad value (``ERROR_COLUMNS``); ``row`` is the 0-based row
            of its table.
        fallback: ``teacher_id``, ``reason``: the teachers evaluated one by one.
        scale: decimal places of ``required``, ``counted`` and ``shortfall``.
        rows_in: rows of the teachers and records tables.
        rows_in_error: rows with at least one error.
    """

    __slots__ = ("errors", "fallback", "results", "rows_in", "rows_in_error", "scale")

    def __init__(  # noqa: PLR0913, PLR0917 - the parts of a result
        self,
        results: pl.DataFrame,
        errors: pl.DataFrame,
        fallback: pl.DataFrame,
        scale: int,
        rows_in: int,
        rows_in_error: int,
    ) -> None:
        """Hold the tables."""
        self.results = results
        self.errors = errors
        self.fallback = fallback
        self.scale = scale
        self.rows_in = rows_in
        self.rows_in_error = rows_in_error

    @property
    def rows_evaluated(self) -> int:
        """Rows that reached the results (a teacher in error has ``input_error`` rows)."""
        return self.rows_in - self.rows_in_error

    def __repr__(self) -> str:
        """Sizes of the tables."""
        return (
            f"TableResult(results={self.results.height} rows, errors={self.errors.height}, "
            f"fallback={self.fallback.height} teachers)"
        )


def _frame(value: object, name: str) -> pl.DataFrame:
    if isinstance(value, pl.DataFrame):
        return value
    if isinstance(value, pl.LazyFrame):
        return value.collect(engine=ENGINE)
    raise InvalidInputError(
        f"expected a polars DataFrame, got {type(value).__name__}", path=name, code="input.type"
    )


def evaluate_table(  # noqa: PLR0913 - the inputs of a decision, each named
    policy: Policy,
    teachers: object,
    records: object,
    as_of: date,
    *,
    outcomes: object = None,
    assessments: Mapping[str, tr.Assessment] | None = None,
) -> TableResult:
    """Evaluate every teacher of ``teachers`` with their rows of ``records``.

    Args:
        policy: the policy, e.g. ``policy.get("cn-2011")``.
        teachers: a polars DataFrame: ``teacher_id``, ``birth_date``, ``sex`` and
            optionally ``title``, ``region``, ``employed_from``, ``employed_to``
            (Chinese headers such as 教师编号 accepted).
        records: a polars DataFrame: ``teacher_id``, ``record_id``, ``hours``
            (strings, Decimal or whole numbers; floats are refused), ``completed_on``,
            ``category`` and optionally ``programme``, ``provider_level``,
            ``credit_state``, ``activity``.
        as_of: the evaluation date.
        outcomes: accepted for symmetry with ``evaluate``; outcomes change decisions,
            not period results, so the results table does not depend on them.
        assessments: ``teacher_id -> Assessment`` for the teachers a policy assesses
            (F5-F7); those teachers are evaluated one by one.

    Raises:
        InvalidInputError: a table that is not a DataFrame, a required column
            missing (``input.missing``), hours as floats (``input.float``). Bad
            values in rows never raise: they go to the errors table.
    """
    del outcomes  # results do not depend on outcomes (see the docstring)
    if not isinstance(policy, Policy):
        raise InvalidInputError(
            f"expected a Policy, got {type(policy).__name__}", path="policy", code="input.type"
        )
    if type(as_of) is not date:
        raise InvalidInputError("expected a date", path="as_of", code="input.type")
    plan = compile_policy(policy)
    teacher_table = read_teachers(_frame(teachers, "teachers"), policy)
    t_frame = teacher_table.frame
    record_table = read_records(_frame(records, "records"), t_frame)
    r_frame = record_table.frame
    errors = pl.concat([teacher_table.errors, record_table.errors]).sort(
        "source", "row", descending=[True, False]
    )
    # A teacher with any row in error is not evaluated on the rest of their rows.
    bad_ids = pl.concat(
        [
            t_frame.filter(~pl.col("ok")).select("teacher_id"),
            r_frame.filter(~pl.col("ok")).select("teacher_id"),
        ]
    ).get_column("teacher_id")
    in_error = ~pl.col("ok") | pl.col("teacher_id").is_in(bad_ids.drop_nulls().implode())
    reasons = _plan_reasons(plan)
    fallback_reason = pl.lit(None, pl.String)
    if prorates(plan):
        fallback_reason = (
            pl.when(pl.col("employed_from").is_not_null() | pl.col("employed_to").is_not_null())
            .then(pl.lit("partial service: figures prorated by days"))
            .otherwise(fallback_reason)
        )
    if assessments:
        fallback_reason = (
            pl.when(pl.col("teacher_id").is_in(list(assessments)))
            .then(pl.lit("an assessment is given"))
            .otherwise(fallback_reason)
        )
    if reasons:
        fallback_reason = pl.lit("; ".join(reasons))
    t_frame = t_frame.with_columns(
        in_error.alias("in_error"),
        pl.when(~in_error).then(fallback_reason).alias("reason"),
    )
    per_teacher = t_frame.filter(pl.col("reason").is_not_null())
    fast_mask = ~t_frame.get_column("in_error") & t_frame.get_column("reason").is_null()
    fast = t_frame.filter(fast_mask)
    figure_scale = max(
        (
            decimal_places(f)
            for scheme in plan.measured
            for r in scheme.requirements
            for f in r.by_title.values()
            if f is not None
        ),
        default=0,
    )
    parts: list[tuple[pl.DataFrame, int]] = []
    if fast.height:
        fast_records = r_frame.lazy().filter(
            pl.col("ok") & pl.lit(fast_mask).gather(pl.col("t").fill_null(0))
        )
        done = columnar(
            plan,
            as_of,
            fast,
            fast_records,
            record_table.kinds,
            record_table.keys,
            record_table.scale,
            figure_scale,
        )
        if done is None:  # credited values too fine for the integer columns: one by one
            per_teacher = pl.concat(
                [per_teacher, fast.with_columns(pl.lit("decimal places").alias("reason"))]
            )
        else:
            parts.append(done)
    rows = _per_teacher(plan, per_teacher, r_frame, record_table.scale, as_of, assessments or {})
    out_scale = max([figure_scale, needed_scale(rows), *(s for _, s in parts)])
    frames = [_rescale(frame, s, out_scale) for frame, s in parts]
    frames.append(to_frame(rows, out_scale))
    # A teacher in error: the code of their first error stands for the finding.
    first_error = errors.unique("teacher_id", keep="first", maintain_order=True).select(
        "teacher_id", pl.col("code").alias("first_code")
    )
    frames.append(
        input_error_rows(plan, as_of, t_frame.filter(pl.col("in_error")))
        .join(first_error, on="teacher_id", how="left")
        .with_columns(pl.col("first_code").alias("finding"))
        .drop("first_code")
    )
    results = (
        pl.concat(frames)
        .sort("t", "s", "k", "r")
        .select(
            *(
                _decimal(name, out_scale) if name in SCALED else pl.col(name)
                for name in RESULT_COLUMNS
            )
        )
    )
    rows_in = t_frame.height + r_frame.height
    rows_in_error = (
        rows_in - int(t_frame.get_column("ok").sum()) - int(r_frame.get_column("ok").sum())
    )
    return TableResult(
        results,
        errors,
        per_teacher.select("teacher_id", "reason"),
        out_scale,
        rows_in,
        rows_in_error,
    )


def _rescale(frame: pl.DataFrame, scale: int, target: int) -> pl.DataFrame:
    if scale == target:
        return frame
    return frame.with_columns(pl.col(n) * 10 ** (target - scale) for n in SCALED)


def _decimal(name: str, scale: int) -> pl.Expr:
    """Integers of ``10**-scale`` as an exact Decimal column."""
    exact = pl.col(name).cast(pl.Decimal(38, scale))
    if scale:
        exact = (exact * pl.lit(Decimal(1).scaleb(-scale))).cast(pl.Decimal(38, scale))
    return exact.alias(name)


def _per_teacher(  # noqa: PLR0913, PLR0917 - the fallback's inputs
    plan: Plan,
    teachers: pl.DataFrame,
    records: pl.DataFrame,
    scale: int,
    as_of: date,
    assessments: Mapping[str, tr.Assessment],
) -> list[dict[str, Any]]:
    """Result rows of ``teachers`` from ``evaluate``, one teacher at a time."""
    if not teachers.height:
        return []
    mine = records.filter(pl.col("teacher_id").is_in(teachers.get_column("teacher_id").implode()))
    by_teacher = record_objects(mine, scale)
    measured = {scheme.rule.id: s for s, scheme in enumerate(plan.measured)}
    rows: list[dict[str, Any]] = []
    for row in teachers.iter_rows(named=True):
        teacher = tr.Teacher(
            id=row["teacher_id"],
            birth_date=row["birth_date"],
            sex=row["sex"],
            title=row["title"],
            region=row["region"],
            employed_from=row["employed_from"],
            employed_to=row["employed_to"],
        )
        evaluation = tr.evaluate(
            plan.policy,
            teacher,
            by_teacher.get(teacher.id, ()),
            as_of,
            assessment=assessments.get(teacher.id),
        )
        rows.extend(fallback_rows(evaluation, row["t"], measured))
    return rows


def record_objects(records: pl.DataFrame, scale: int) -> dict[str, list[tr.TrainingRecord]]:
    """Checked record rows as ``TrainingRecord`` objects, by teacher id."""
    by_teacher: dict[str, list[tr.TrainingRecord]] = {}
    unit = Decimal(1).scaleb(-scale)
    names = (
        "teacher_id",
        "record_id",
        "hours",
        "completed_on",
        "started_on",
        "category",
        "programme",
        "provider_level",
        "credit_state",
        "activity",
        "fee_paid",
    )
    for (
        who,
        rid,
        hours,
        done,
        started,
        category,
        programme,
        level,
        state,
        activity,
        fee,
    ) in records.select(pl.col(names[:-1]), pl.col("fee_paid").cast(pl.String)).iter_rows():
        by_teacher.setdefault(who, []).append(
            tr.TrainingRecord(
                id=rid,
                hours=hours * unit,
                completed_on=done,
                started_on=started,
                category=category,
                programme=programme,
                provider_level=level,
                credit_state=state,
                activity=activity,
                fee_paid=Decimal(fee.strip()) if fee is not None else Decimal(0),
            )
        )
    return by_teacher
