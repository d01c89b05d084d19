"""The compiled plan executed over columns, and the per-teacher fallback.

The columnar executor does only integer masked sums, joins and a status table built
with the engine's own ``period_status``; every record kind is classified once by
``Plan.classify``. Hours are integers of ``10**-scale`` throughout.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import polars as pl

import trainingrules as tr
from trainingrules.engine import Placement, Plan, SchemePlan
from trainingrules.engine._conditions import conditions_status
from trainingrules.engine._count import period_status
from trainingrules.errors import InvalidInputError
from trainingrules.policy import Proration
from trainingrules.table._inputs import MAX_SCALE, decimal_places

__all__ = ["SCALED", "columnar", "fallback_rows", "input_error_rows", "vectorisable"]

INPUT_ERROR = "input_error"
SCALED = ("required", "counted", "shortfall")
ROW_SCHEMA: dict[str, pl.DataType] = {
    "t": pl.Int64(),
    "s": pl.Int64(),
    "k": pl.Int64(),
    "r": pl.Int64(),
    "teacher_id": pl.String(),
    "scheme": pl.String(),
    "period": pl.String(),
    "start": pl.Date(),
    "end": pl.Date(),
    "requirement": pl.String(),
    "required": pl.Int64(),
    "counted": pl.Int64(),
    "shortfall": pl.Int64(),
    "unit": pl.String(),
    "status": pl.String(),
    "met": pl.Boolean(),
}


def vectorisable(plan: Plan) -> tuple[str, ...]:
    """Why the plan cannot run over columns for every teacher (empty: it can)."""
    reasons = []
    for scheme in plan.measured:
        if not scheme.simple:
            reasons.append(f"{scheme.rule.id}: a requirement has caps, parts or an activity")
        if not scheme.requirements:
            reasons.append(f"{scheme.rule.id}: no hours requirement (conditions only)")
    return tuple(reasons)


def prorates(plan: Plan) -> bool:
    """Whether a partial-service teacher's figures are prorated (then: per teacher)."""
    return plan.service is not None and plan.service.proration is not Proration.FULL


def _periods(plan: Plan, as_of: date) -> list[tuple[int, SchemePlan, int, int]]:
    """``(s, scheme, first, last)`` for every measured scheme."""
    lasts = plan.measure(as_of)
    return [
        (s, scheme, scheme.first, last)
        for s, (scheme, last) in enumerate(zip(plan.measured, lasts, strict=True))
    ]


def grid(plan: Plan, as_of: date) -> pl.DataFrame:
    """One row per measured period and requirement: the labels every teacher shares."""
    rows: dict[str, list[Any]] = {n: [] for n in ("s", "k", "r", "scheme", "period", "start")}
    rows |= {"end": [], "requirement": [], "unit": []}
    for s, scheme, first, last in _periods(plan, as_of):
        for k in range(first, last):
            period = scheme.period(k)
            for r, requirement in enumerate(scheme.requirements):
                rows["s"].append(s)
                rows["k"].append(k)
                rows["r"].append(r)
                rows["scheme"].append(scheme.rule.id)
                rows["period"].append(period.label)
                rows["start"].append(period.start)
                rows["end"].append(period.last_day)
                rows["requirement"].append(requirement.rule.id)
                rows["unit"].append(requirement.unit.value)
    return pl.DataFrame(rows, schema={n: ROW_SCHEMA[n] for n in rows}, orient="col")


def input_error_rows(plan: Plan, as_of: date, teachers: pl.DataFrame) -> pl.DataFrame:
    """Rows for teachers not evaluated because a row of theirs is in error."""
    return (
        teachers.select("t", "teacher_id")
        .join(grid(plan, as_of), how="cross")
        .with_columns(
            pl.lit(None, pl.Int64).alias("required"),
            pl.lit(None, pl.Int64).alias("counted"),
            pl.lit(None, pl.Int64).alias("shortfall"),
            pl.lit(INPUT_ERROR).alias("status"),
            pl.lit(None, pl.Boolean).alias("met"),
        )
        .select(list(ROW_SCHEMA))
    )


def kinds(plan: Plan, records: pl.DataFrame) -> tuple[pl.DataFrame, dict[int, Placement]]:
    """Every distinct record kind classified once; ``(kind table, converting placements)``.

    The kind table maps the four classifying columns to ``bucket`` (null: excluded)
    and ``kind`` (an index).
    """
    keys = ["category", "programme", "provider_level", "credit_state"]
    distinct = records.select(keys).unique(maintain_order=True)
    buckets: list[str | None] = []
    converting: dict[int, Placement] = {}
    for i, (category, programme, level, state) in enumerate(distinct.iter_rows()):
        probe = tr.TrainingRecord(
            id="kind",
            hours=Decimal(0),
            completed_on=date(2000, 1, 1),
            category=category,
            programme=programme,
            provider_level=level,
            credit_state=state,
        )
        found = plan.classify(probe)
        if isinstance(found, Placement):
            buckets.append(found.bucket)
            if found.converts:
                converting[i] = found
        else:
            buckets.append(None)
    table = distinct.with_columns(
        pl.Series("bucket", buckets, dtype=pl.String),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("kind"),
    )
    return table, converting


def _credit_table(
    records: pl.DataFrame, converting: Mapping[int, Placement], scale: int
) -> tuple[pl.DataFrame, int]:
    """``(kind, hours) -> credited`` for converting kinds, and the scale their results need."""
    pairs = records.filter(pl.col("kind").is_in(list(converting))).select("kind", "hours").unique()
    values = [
        converting[kind].credit(Decimal(hours).scaleb(-scale)) for kind, hours in pairs.iter_rows()
    ]
    need = max((decimal_places(v) for v in values), default=0)
    return pairs.with_columns(pl.Series("credit", [str(v) for v in values], dtype=pl.String)), need


def columnar(  # noqa: PLR0913, PLR0917 - the plan and the checked tables
    plan: Plan,
    as_of: date,
    teachers: pl.DataFrame,
    records: pl.DataFrame,
    scale: int,
    figure_scale: int,
) -> tuple[pl.DataFrame, int] | None:
    """Result rows of ``teachers`` (all executable over columns) and the scale used.

    ``teachers`` has ``t`` (input order), ``teacher_id`` and ``title``; ``records``
    the checked records of those teachers. ``None`` if a value needs more than
    ``MAX_SCALE`` decimal places (the caller then falls back).
    """
    table, converting = kinds(plan, records)
    records = records.join(
        table,
        on=["category", "programme", "provider_level", "credit_state"],
        how="left",
        nulls_equal=True,
    )
    out_scale = max(scale, figure_scale)
    credit_table = None
    if converting:
        credit_table, need = _credit_table(records, converting, scale)
        out_scale = max(out_scale, need)
    if out_scale > MAX_SCALE:
        return None
    factor = 10 ** (out_scale - scale)
    counted = records.filter(pl.col("bucket").is_not_null() & (pl.col("completed_on") <= as_of))
    if credit_table is not None:
        from trainingrules.table._inputs import scaled  # noqa: PLC0415 - shared parser

        counted = counted.join(credit_table, on=["kind", "hours"], how="left").with_columns(
            pl.when(pl.col("credit").is_not_null())
            .then(scaled(pl.col("credit"), out_scale))
            .otherwise(pl.col("hours") * factor)
            .alias("credited")
        )
    else:
        counted = counted.with_columns((pl.col("hours") * factor).alias("credited"))
    counted = counted.join(teachers.select("teacher_id", "t"), on="teacher_id")
    parts = [
        _scheme_rows(plan, as_of, s, scheme, first, last, teachers, counted, out_scale)
        for s, scheme, first, last in _periods(plan, as_of)
        if last > first
    ]
    rows = pl.concat(parts) if parts else pl.DataFrame(schema=ROW_SCHEMA)
    return rows, out_scale


def _scheme_rows(  # noqa: PLR0913, PLR0917 - one scheme's inputs
    plan: Plan,
    as_of: date,
    s: int,
    scheme: SchemePlan,
    first: int,
    last: int,
    teachers: pl.DataFrame,
    counted: pl.DataFrame,
    scale: int,
) -> pl.DataFrame:
    bounds = scheme.boundaries[first : last + 1]
    day = pl.col("completed_on")
    index = pl.sum_horizontal([(day >= b).cast(pl.Int64) for b in bounds]) + (first - 1)
    taken = counted.with_columns(index.alias("k")).filter(
        (pl.col("k") >= first) & (pl.col("k") < last)
    )
    if scheme.buckets is not None:
        taken = taken.filter(pl.col("bucket").is_in(sorted(scheme.buckets)))
    sums = taken.group_by("t", "k").agg(
        (
            pl.col("credited").sum()
            if requirement.buckets is None
            else pl.col("credited")
            .filter(pl.col("bucket").is_in(sorted(requirement.buckets)))
            .sum()
        ).alias(f"c{r}")
        for r, requirement in enumerate(scheme.requirements)
    )
    ks = pl.DataFrame({"k": list(range(first, last))}, schema={"k": pl.Int64})
    frame = (
        teachers.select("t", "teacher_id", "title")
        .join(ks, how="cross")
        .join(sums, on=["t", "k"], how="left")
    )
    # Figures by title, scaled; null where the title has none.
    figures = pl.DataFrame(
        {
            "title": [title.value for title in tr.Title],
            **{
                f"f{r}": [
                    None if (f := requirement.by_title[title]) is None else int(f.scaleb(scale))
                    for title in tr.Title
                ]
                for r, requirement in enumerate(scheme.requirements)
            },
        },
        schema={"title": pl.String, **{f"f{r}": pl.Int64 for r in range(len(scheme.requirements))}},
    )
    frame = frame.join(figures, on="title", how="left")
    n = len(scheme.requirements)
    frame = frame.with_columns([pl.col(f"c{r}").fill_null(0) for r in range(n)]).with_columns(
        [
            (pl.col(f"f{r}").is_null() | (pl.col(f"c{r}") >= pl.col(f"f{r}"))).alias(f"m{r}")
            for r in range(n)
        ]
    )
    applicable = pl.any_horizontal([pl.col(f"f{r}").is_not_null() for r in range(n)])
    if scheme.conditions:
        applicable = pl.lit(value=True)
    frame = frame.with_columns(
        applicable.alias("applicable"),
        pl.all_horizontal([pl.col(f"m{r}") for r in range(n)]).alias("all_met"),
    )
    conditions = (
        conditions_status(plan, scheme, as_of, None) if scheme.conditions else tr.Status.PASSED
    )
    statuses = pl.DataFrame(
        [
            (
                k,
                applicable_,
                met,
                period_status(
                    applicable_,
                    met,
                    conditions,
                    as_of,
                    scheme.boundaries[k],
                    scheme.boundaries[k + 1],
                ).value,
            )
            for k in range(first, last)
            for applicable_ in (False, True)
            for met in (False, True)
        ],
        schema={
            "k": pl.Int64,
            "applicable": pl.Boolean,
            "all_met": pl.Boolean,
            "status": pl.String,
        },
        orient="row",
    )
    frame = frame.join(statuses, on=["k", "applicable", "all_met"], how="left")
    labels = grid_for(scheme, s, first, last)
    long = pl.concat(
        [
            frame.select(
                "t",
                "teacher_id",
                "k",
                pl.lit(r, pl.Int64).alias("r"),
                pl.col(f"f{r}").alias("required"),
                pl.col(f"c{r}").alias("counted"),
                pl.when(pl.col(f"f{r}").is_null())
                .then(0)
                .otherwise(pl.max_horizontal(pl.col(f"f{r}") - pl.col(f"c{r}"), pl.lit(0)))
                .alias("shortfall"),
                "status",
                pl.col(f"m{r}").alias("met"),
            )
            for r in range(n)
        ]
    )
    return long.join(labels, on=["k", "r"], how="left").select(list(ROW_SCHEMA))


def grid_for(scheme: SchemePlan, s: int, first: int, last: int) -> pl.DataFrame:
    """The labels of one scheme's periods and requirements."""
    rows = [
        (
            s,
            k,
            r,
            scheme.rule.id,
            scheme.period(k).label,
            scheme.boundaries[k],
            scheme.boundaries[k + 1] - timedelta(days=1),
            requirement.rule.id,
            requirement.unit.value,
        )
        for k in range(first, last)
        for r, requirement in enumerate(scheme.requirements)
    ]
    names = ("s", "k", "r", "scheme", "period", "start", "end", "requirement", "unit")
    return pl.DataFrame(rows, schema={n: ROW_SCHEMA[n] for n in names}, orient="row")


def fallback_rows(
    evaluation: tr.Evaluation, t: int, measured: Mapping[str, int]
) -> list[dict[str, Any]]:
    """Result rows of one teacher, read from the engine's ``Evaluation`` (Decimal values)."""
    rows: list[dict[str, Any]] = []
    ks: dict[str, int] = {}
    for period in evaluation.periods:
        k = ks[period.scheme] = ks.get(period.scheme, -1) + 1
        base = {
            "t": t,
            "s": measured[period.scheme],
            "k": k,
            "teacher_id": evaluation.teacher.id,
            "scheme": period.scheme,
            "period": period.period.label,
            "start": period.period.start,
            "end": period.period.last_day,
            "status": period.status.value,
        }
        if not period.requirements:
            rows.append(
                base
                | {
                    "r": 0,
                    "requirement": None,
                    "required": None,
                    "counted": period.counted,
                    "shortfall": None,
                    "unit": None,
                    "met": None,
                }
            )
        for r, result in enumerate(period.requirements):
            rows.append(
                base
                | {
                    "r": r,
                    "requirement": result.rule_id,
                    "required": result.required,
                    "counted": result.counted,
                    "shortfall": result.missing,
                    "unit": result.unit.value,
                    "met": result.met,
                }
            )
    return rows


def to_frame(rows: list[dict[str, Any]], scale: int) -> pl.DataFrame:
    """Fallback rows as a frame, Decimal values scaled to integers."""
    if not rows:
        return pl.DataFrame(schema=ROW_SCHEMA)
    factor = Decimal(10) ** scale
    for row in rows:
        for name in SCALED:
            value = row[name]
            if value is not None:
                scaled_value = value * factor
                if scaled_value != scaled_value.to_integral_value():
                    msg = f"{value} needs more than {scale} decimal places"
                    raise InvalidInputError(msg, path=name, code="input.range")
                row[name] = int(scaled_value)
    return pl.DataFrame(rows, schema=ROW_SCHEMA, orient="row")


def needed_scale(rows: list[dict[str, Any]]) -> int:
    """The decimal places the fallback rows' values need."""
    return max(
        (decimal_places(row[n]) for row in rows for n in SCALED if row[n] is not None),
        default=0,
    )
