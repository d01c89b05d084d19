"""The compiled plan executed over columns, and the per-teacher fallback.

The columnar executor does only integer masked sums, joins and a status table built
with the engine's own ``period_status``; every record kind is classified once by
``Plan.classify``. Hours are integers of ``10**-scale`` throughout.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import polars as pl

import trainingrules as tr
from trainingrules._limits import MAX_SCALE
from trainingrules.engine import Placement, Plan, SchemePlan
from trainingrules.engine._conditions import conditions_status
from trainingrules.engine._count import period_status
from trainingrules.engine._explain_periods import REQUIREMENT_CODES, hours_code
from trainingrules.errors import InvalidInputError
from trainingrules.policy import Proration
from trainingrules.table._columns import ENGINE, KIND_COLUMNS
from trainingrules.table._values import decimal_places

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
    "finding": pl.String(),
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
            # A scheme with conditions only (no requirement): one row per period, as
            # ``fallback_rows`` gives it, so a teacher in error still has their rows.
            for r, requirement in enumerate(scheme.requirements or (None,)):
                rows["s"].append(s)
                rows["k"].append(k)
                rows["r"].append(r)
                rows["scheme"].append(scheme.rule.id)
                rows["period"].append(period.label)
                rows["start"].append(period.start)
                rows["end"].append(period.last_day)
                rows["requirement"].append(requirement.rule.id if requirement else None)
                rows["unit"].append(requirement.unit.value if requirement else None)
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
            pl.lit(None, pl.String).alias("finding"),
        )
        .select(list(ROW_SCHEMA))
    )


def kinds(
    plan: Plan, distinct: pl.DataFrame, keys: tuple[str, ...]
) -> tuple[pl.DataFrame, dict[int, Placement]]:
    """Every distinct record kind classified once; ``(kind table, converting placements)``.

    ``distinct`` holds the distinct ``KIND_COLUMNS`` of the records and their
    integer ``keys``. The kind table maps the keys to ``bucket`` (index into
    ``plan.units``; null: not counted) and ``kind``.
    """
    buckets: list[int | None] = []
    converting: dict[int, Placement] = {}
    index = {bucket: b for b, bucket in enumerate(plan.units)}
    rows = distinct.select(KIND_COLUMNS).iter_rows()
    for i, (category, programme, level, state) in enumerate(rows):
        try:
            probe = tr.TrainingRecord(
                id="kind",
                hours=Decimal(0),
                completed_on=date(2000, 1, 1),
                category=category,
                programme=programme,
                provider_level=level,
                credit_state=state,
            )
        except InvalidInputError:  # a kind only rows in error have: they count nowhere
            buckets.append(None)
            continue
        found = plan.classify(probe)
        if isinstance(found, Placement):
            buckets.append(index[found.bucket])
            if found.converts:
                converting[i] = found
        else:
            buckets.append(None)
    table = distinct.select(keys).with_columns(
        pl.Series("bucket", buckets, dtype=pl.Int64),
        pl.int_range(pl.len(), dtype=pl.Int64).alias("kind"),
    )
    return table, converting


def _credit_table(
    records: pl.LazyFrame, converting: Mapping[int, Placement], scale: int
) -> tuple[pl.DataFrame, list[Decimal]]:
    """Each distinct ``(kind, hours)`` of converting kinds, and its credited amount."""
    pairs = (
        records.filter(pl.col("kind").is_in(list(converting)))
        .select("kind", "hours")
        .unique()
        .collect(engine=ENGINE)
    )
    values = [
        converting[kind].credit(Decimal(hours).scaleb(-scale)) for kind, hours in pairs.iter_rows()
    ]
    return pairs, values


def columnar(  # noqa: PLR0913, PLR0917 - the plan and the checked tables
    plan: Plan,
    as_of: date,
    teachers: pl.DataFrame,
    records: pl.LazyFrame,
    distinct: pl.DataFrame,
    keys: tuple[str, ...],
    scale: int,
    figure_scale: int,
) -> tuple[pl.DataFrame, int] | None:
    """Result rows of ``teachers`` (all executable over columns) and the scale used.

    ``teachers`` has ``t`` (input order), ``teacher_id`` and ``title``; ``records``
    the checked records of those teachers with their ``t``. ``None`` if a credited
    value needs more than ``MAX_SCALE`` decimal places (the caller then falls back).
    """
    table, converting = kinds(plan, distinct, keys)
    records = records.join(table.lazy(), on=list(keys), how="left", nulls_equal=True)
    out_scale = max(scale, figure_scale)
    credit_table = None
    if converting:
        credit_table, amounts = _credit_table(records, converting, scale)
        out_scale = max([out_scale, *(decimal_places(a) for a in amounts)])
        if out_scale > MAX_SCALE:
            return None
        credit_table = credit_table.with_columns(
            pl.Series("credit", [int(a.scaleb(out_scale)) for a in amounts], dtype=pl.Int64)
        )
    factor = 10 ** (out_scale - scale)
    counted = records.filter(pl.col("bucket").is_not_null() & (pl.col("completed_on") <= as_of))
    if credit_table is not None:
        counted = counted.join(credit_table.lazy(), on=["kind", "hours"], how="left").with_columns(
            pl.when(pl.col("credit").is_not_null())
            .then(pl.col("credit"))
            .otherwise(pl.col("hours") * factor)
            .alias("credited")
        )
    else:
        counted = counted.with_columns((pl.col("hours") * factor).alias("credited"))
    counted = counted.select("t", "completed_on", "bucket", "credited")
    index = {bucket: b for b, bucket in enumerate(plan.units)}
    plans = [
        _scheme_rows(plan, as_of, s, scheme, first, last, teachers, counted, out_scale, index)
        for s, scheme, first, last in _periods(plan, as_of)
        if last > first
    ]
    parts = pl.collect_all(plans, engine=ENGINE) if plans else []
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
    counted: pl.LazyFrame,
    scale: int,
    index: Mapping[str, int],
) -> pl.LazyFrame:
    """One scheme's rows: sums per teacher and period, then figures, statuses and codes.

    A teacher's period is one integer, ``key = t * periods + j`` (``j``: the period's
    place from ``first``), so the sums are grouped and joined on one integer column;
    everything decided per period (status, labels, finding code) is a lookup of a few
    values computed here with the engine's own functions.
    """
    bounds = scheme.boundaries[first : last + 1]
    periods = last - first
    day = pl.col("completed_on")
    taken = counted.filter((day >= bounds[0]) & (day < bounds[-1]))
    if scheme.buckets is not None:
        taken = taken.filter(pl.col("bucket").is_in(sorted(index[b] for b in scheme.buckets)))
    inner = bounds[1:-1]  # a record's period: how many of them it is on or after
    place = pl.sum_horizontal([(day >= b).cast(pl.Int64) for b in inner]) if inner else 0
    sums = taken.group_by((pl.col("t") * periods + place).alias("key")).agg(
        (
            pl.col("credited").sum()
            if requirement.buckets is None
            else pl.col("credited")
            .filter(pl.col("bucket").is_in(sorted(index[b] for b in requirement.buckets)))
            .sum()
        ).alias(f"c{r}")
        for r, requirement in enumerate(scheme.requirements)
    )
    n = len(scheme.requirements)
    titles = [title.value for title in tr.Title]

    def figure(r: int) -> pl.Expr:
        """Requirement ``r``'s figure for the teacher's title, scaled (null: none)."""
        by_title = scheme.requirements[r].by_title
        return pl.col("title").replace_strict(
            titles,
            [None if (f := by_title[t]) is None else int(f.scaleb(scale)) for t in tr.Title],
            default=None,
            return_dtype=pl.Int64,
        )

    j = pl.col("j")
    frame = (
        teachers.lazy()
        .select("t", "teacher_id", "title")
        .join(pl.LazyFrame({"j": range(periods)}, schema={"j": pl.Int64}), how="cross")
        .with_columns((pl.col("t") * periods + j).alias("key"))
        .join(sums, on="key", how="left")
        .with_columns(
            *(pl.col(f"c{r}").fill_null(0) for r in range(n)),
            *(figure(r).alias(f"f{r}") for r in range(n)),
        )
        .with_columns(
            (pl.col(f"f{r}").is_null() | (pl.col(f"c{r}") >= pl.col(f"f{r}"))).alias(f"m{r}")
            for r in range(n)
        )
    )
    applicable = (
        pl.lit(value=True)
        if scheme.conditions
        else pl.any_horizontal([pl.col(f"f{r}").is_not_null() for r in range(n)])
    )
    all_met = pl.all_horizontal([pl.col(f"m{r}") for r in range(n)])
    # A period's case: (j, applicable, all met) as one integer, then (case, met) for codes.
    case = (j * 2 + applicable.cast(pl.Int64)) * 2 + all_met.cast(pl.Int64)
    statuses = _statuses(plan, as_of, scheme, first, last)
    frame = frame.with_columns(case.alias("case")).with_columns(
        _lookup("case", [status.value for status in statuses], pl.String()).alias("status")
    )
    codes = [
        hours_code(status, met=met, over=as_of >= scheme.boundaries[first + c // 4 + 1])
        for c, status in enumerate(statuses)
        for met in (False, True)
    ]
    labels = [scheme.period(k) for k in range(first, last)]
    long = pl.concat(
        [
            frame.select(
                "t",
                "teacher_id",
                (j + first).alias("k"),
                pl.lit(r, pl.Int64).alias("r"),
                pl.col(f"f{r}").alias("required"),
                pl.col(f"c{r}").alias("counted"),
                pl.when(pl.col(f"f{r}").is_null())
                .then(0)
                .otherwise(pl.max_horizontal(pl.col(f"f{r}") - pl.col(f"c{r}"), pl.lit(0)))
                .alias("shortfall"),
                "status",
                pl.col(f"m{r}").alias("met"),
                pl.when(pl.col(f"f{r}").is_null())
                .then(pl.lit("hours.no_figure"))
                .otherwise(
                    _lookup(pl.col("case") * 2 + pl.col(f"m{r}").cast(pl.Int64), codes, pl.String())
                )
                .alias("finding"),
                pl.lit(scheme.requirements[r].rule.id).alias("requirement"),
                pl.lit(scheme.requirements[r].unit.value).alias("unit"),
                "j",
            )
            for r in range(n)
        ]
    )
    return long.with_columns(
        pl.lit(s, pl.Int64).alias("s"),
        pl.lit(scheme.rule.id).alias("scheme"),
        _lookup("j", [period.label for period in labels], pl.String()).alias("period"),
        _lookup("j", [period.start for period in labels], pl.Date()).alias("start"),
        _lookup("j", [period.last_day for period in labels], pl.Date()).alias("end"),
    ).select(list(ROW_SCHEMA))


def _lookup(position: str | pl.Expr, values: list[Any], dtype: pl.DataType) -> pl.Expr:
    """``values[position]`` for each row (``position``: an integer column or expression)."""
    column = pl.col(position) if isinstance(position, str) else position
    return column.replace_strict(list(range(len(values))), values, return_dtype=dtype)


def _statuses(
    plan: Plan, as_of: date, scheme: SchemePlan, first: int, last: int
) -> list[tr.Status]:
    """Every period's status for each (applicable, all met), in the order of ``case``.

    Decided by the engine's ``period_status``.
    """
    conditions = (
        conditions_status(plan, scheme, as_of, None) if scheme.conditions else tr.Status.PASSED
    )
    return [
        period_status(
            applicable, met, conditions, as_of, scheme.boundaries[k], scheme.boundaries[k + 1]
        )
        for k in range(first, last)
        for applicable in (False, True)
        for met in (False, True)
    ]


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
                    "finding": period.findings[0].code if period.findings else None,
                }
            )
        own = [f.code for f in period.findings if f.code in REQUIREMENT_CODES]
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
                    "finding": own[r],
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
