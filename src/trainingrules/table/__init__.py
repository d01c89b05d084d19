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

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

import trainingrules as tr
from trainingrules.engine import Plan, compile_policy
from trainingrules.errors import InvalidInputError, TrainingRulesError
from trainingrules.policy import Policy
from trainingrules.table._columns import (
    ERROR_SCHEMA,
    RECORD_COLUMNS,
    TEACHER_COLUMNS,
    to_polars,
)
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
from trainingrules.table._inputs import read_records, read_teachers
from trainingrules.table._result import (
    DECISION_COLUMNS,
    FINDING_COLUMNS,
    Source,
    TableResult,
    as_kind,
    evaluations,
)
from trainingrules.table._side import Side, read_side
from trainingrules.table._values import decimal_places

if TYPE_CHECKING:  # imported on first use: Dask is an extra of its own
    from trainingrules.table._dask import DaskResult, DaskTables, evaluate_dask

__all__ = [
    "DECISION_COLUMNS",
    "ERROR_COLUMNS",
    "FINDING_COLUMNS",
    "INPUT_ERROR",
    "RECORD_COLUMNS",
    "RESULT_COLUMNS",
    "TEACHER_COLUMNS",
    "DaskResult",
    "DaskTables",
    "TableResult",
    "evaluate_dask",
    "evaluate_table",
    "vectorisable",
]


def __getattr__(name: str) -> object:
    """``evaluate_dask`` and its results, imported on first use (``trainingrules[dask]``)."""
    if name in {"DaskResult", "DaskTables", "evaluate_dask"}:
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


def evaluate_table(  # noqa: PLR0913 - the inputs of a decision, each named
    policy: Policy,
    teachers: object,
    records: object,
    as_of: date,
    *,
    outcomes: object = None,
    assessments: object = None,
    courses: object = None,
) -> TableResult:
    """Evaluate every teacher of ``teachers`` with their rows of ``records``.

    Args:
        policy: the policy, e.g. ``policy.get("cn-2011")``.
        teachers: a polars, pandas or Arrow table: ``teacher_id``, ``birth_date``,
            ``sex`` and optionally ``title``, ``region``, ``employed_from``,
            ``employed_to`` (Chinese headers such as 教师编号 accepted).
        records: a table of the same kind: ``teacher_id``, ``hours`` (strings,
            Decimal or whole numbers; floats are refused), ``completed_on``,
            ``category`` and optionally ``record_id`` (else ``row N``), ``programme``,
            ``provider_level``, ``credit_state``, ``activity``, ``started_on``,
            ``fee_paid``.
        as_of: the evaluation date.
        outcomes: outcomes decided elsewhere (J2's list), a table (``teacher_id``,
            ``scheme``, ``start``, ``passed``, ``source``) or ``{teacher_id:
            [Outcome]}``: they change decisions, not period results, so they are used
            by ``decisions()`` and ``findings()`` and when a teacher falls back.
        assessments: exams, written work and attendance (F5-F7), a table
            (``teacher_id`` and ``Assessment``'s fields) or ``{teacher_id:
            Assessment}``; those teachers are evaluated one by one.
        courses: course results (H4-H6), a table (``teacher_id``, ``record_id`` and
            ``CourseResult``'s fields) or ``{teacher_id: {record_id:
            CourseResult}}``, each joined to its record; those teachers are
            evaluated one by one. A row of these three tables is read as
            ``from_dict`` reads JSON; a bad one is an error row and puts its
            teacher in error, like a bad record.

    Returns:
        A ``TableResult`` whose tables are of the kind ``teachers`` was (pandas:
        Arrow-backed columns, so decimals stay exact).

    Raises:
        InvalidInputError: a table of an unknown kind, a required column missing
            (``input.missing``), hours as floats (``input.float``). Bad values in
            rows never raise: they go to the errors table.
    """
    if not isinstance(policy, Policy):
        raise InvalidInputError(
            f"expected a Policy, got {type(policy).__name__}", path="policy", code="input.type"
        )
    if type(as_of) is not date:
        raise InvalidInputError("expected a date", path="as_of", code="input.type")
    plan = compile_policy(policy)
    teacher_input, kind = to_polars(teachers, "teachers")
    teacher_table = read_teachers(teacher_input, policy)
    t_frame = teacher_table.frame
    record_table = read_records(to_polars(records, "records")[0], t_frame)
    r_frame = record_table.frame
    side = read_side(
        {"outcomes": outcomes, "assessments": assessments, "courses": courses},
        plan.schemes,
        t_frame.get_column("teacher_id"),
        r_frame,
    )
    errors = pl.concat([teacher_table.errors, record_table.errors, side.errors])
    # A teacher with any row in error is not evaluated on the rest of their rows.
    bad_ids = pl.concat(
        [
            t_frame.filter(~pl.col("ok")).select("teacher_id"),
            r_frame.filter(~pl.col("ok")).select("teacher_id"),
            pl.DataFrame({"teacher_id": sorted(side.in_error)}, schema={"teacher_id": pl.String}),
        ]
    ).get_column("teacher_id")
    in_error = ~pl.col("ok") | pl.col("teacher_id").is_in(bad_ids.drop_nulls().implode())
    t_frame = t_frame.with_columns(
        in_error.alias("in_error"),
        pl.when(~in_error).then(_fallback_reason(plan, side)).alias("reason"),
    )
    source = Source(
        plan,
        as_of,
        t_frame.filter(~pl.col("in_error")),
        r_frame.filter(pl.col("ok")),
        record_table.scale,
        side=side,
        kind=kind,
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
        done = columnar(
            plan,
            as_of,
            fast,
            _valid_records_of(r_frame, fast_mask),
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
    measured = {scheme.rule.id: s for s, scheme in enumerate(plan.measured)}
    rows: list[dict[str, Any]] = []
    refused: list[tuple[int, str, TrainingRulesError]] = []
    for t, tid, got in evaluations(source, per_teacher):
        if isinstance(got, tr.Evaluation):
            rows.extend(fallback_rows(got, t, measured))
        else:
            refused.append((t, tid, got))
    if refused:
        errors = pl.concat([errors, _refused_errors(refused)])
        late = pl.col("t").is_in([t for t, _, _ in refused])
        t_frame = t_frame.with_columns(pl.col("in_error") | late)
        source.teachers = source.teachers.filter(~late)
    # Stable: a row's errors stay in the order of the checks (the first one is the finding).
    errors = errors.sort("source", "row", descending=[True, False], maintain_order=True)
    # The scale of every valid hours value, whether or not any teacher is counted over
    # columns: so the same rows give the same column types, however they are split.
    out_scale = max([figure_scale, record_table.scale, needed_scale(rows), *(s for _, s in parts)])
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
    rows_in = t_frame.height + r_frame.height + side.rows
    rows_ok = (
        int(t_frame.get_column("ok").sum()) + int(r_frame.get_column("ok").sum()) + side.rows_ok
    )
    return TableResult(
        as_kind(results, kind),
        as_kind(errors, kind),
        as_kind(per_teacher.select("teacher_id", "reason"), kind),
        out_scale,
        rows_in,
        rows_in - rows_ok + len(refused),
        source=source,
    )


def _valid_records_of(records: pl.DataFrame, teachers: pl.Series) -> pl.LazyFrame:
    """The valid records of the teachers ``teachers`` flags (a mask by ``t``).

    Usually every teacher and every record qualifies: then no pass over the rows.
    """
    if teachers.all() and records.get_column("ok").all():
        return records.lazy()
    return records.lazy().filter(pl.col("ok") & pl.lit(teachers).gather(pl.col("t").fill_null(0)))


def _fallback_reason(plan: Plan, side: Side) -> pl.Expr:
    """Why a teacher is evaluated one by one (null: over columns)."""
    reasons = _plan_reasons(plan)
    if reasons:
        return pl.lit("; ".join(reasons))
    reason = pl.lit(None, pl.String)
    if prorates(plan):
        reason = (
            pl.when(pl.col("employed_from").is_not_null() | pl.col("employed_to").is_not_null())
            .then(pl.lit("partial service: figures prorated by days"))
            .otherwise(reason)
        )
    if side.courses:
        reason = (
            pl.when(pl.col("teacher_id").is_in(list(side.courses)))
            .then(pl.lit("course results are given"))
            .otherwise(reason)
        )
    if side.assessments:
        reason = (
            pl.when(pl.col("teacher_id").is_in(list(side.assessments)))
            .then(pl.lit("an assessment is given"))
            .otherwise(reason)
        )
    return reason


def _refused_errors(refused: list[tuple[int, str, TrainingRulesError]]) -> pl.DataFrame:
    """Errors of teachers ``evaluate`` refused, in the errors table's shape."""
    return pl.DataFrame(
        [
            (
                "teachers",
                t,
                tid,
                error.path,
                f"teachers[{t}]" + (f".{error.path}" if error.path else ""),
                error.code,
                error.message,
            )
            for t, tid, error in refused
        ],
        schema=ERROR_SCHEMA,
        orient="row",
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
