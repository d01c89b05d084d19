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

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any

import polars as pl

import trainingrules as tr
from trainingrules._values import check_instance
from trainingrules.engine import Plan, compile_policy
from trainingrules.errors import InvalidInputError, TrainingRulesError
from trainingrules.policy import Policy
from trainingrules.table._columns import (
    ERROR_SCHEMA,
    RECORD_COLUMNS,
    TEACHER_COLUMNS,
    rescaled,
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
from trainingrules.table._inputs import (
    check_money,
    decimal_places,
    read_records,
    read_teachers,
)
from trainingrules.table._side import Side, read_side

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


class _Source:
    """What the per-teacher engine needs to evaluate the table's teachers on demand."""

    __slots__ = ("as_of", "kind", "plan", "records", "scale", "side", "teachers")

    def __init__(  # noqa: PLR0913 - the checked inputs, each named
        self,
        plan: Plan,
        as_of: date,
        teachers: pl.DataFrame,
        records: pl.DataFrame,
        scale: int,
        *,
        side: Side,
        kind: str,
    ) -> None:
        self.plan = plan
        self.as_of = as_of
        self.teachers = teachers
        self.records = records
        self.scale = scale
        self.side = side
        self.kind = kind


STATUS_STYLE = {
    "passed": "background:#d9f2d9",
    "failed": "background:#f8d7da",
    "in_progress": "background:#fff3cd",
    "not_started": "color:#666",
    "exempt": "color:#666",
    "input_error": "background:#f5c6cb;font-weight:bold",
}
"""How ``_repr_html_`` colours a status (the engine's status values and ``input_error``)."""

FINDING_COLUMNS = ("teacher_id", "code", "rule_id", "citation", "message_zh", "message_en")
"""Columns of ``TableResult.findings()``."""

DECISION_COLUMNS = (
    "teacher_id",
    "kind",
    "subject",
    "outcome",
    "year",
    "since",
    "until",
    "amount",
    "payer",
    "finding",
    "message_zh",
    "message_en",
)
"""Columns of ``TableResult.decisions()``."""


class TableResult:
    """What ``evaluate_table`` returns: tables of the kind passed in (polars, pandas, Arrow).

    Attributes:
        results: one row per teacher × measured period × requirement (``RESULT_COLUMNS``).
        errors: one row per bad value (``ERROR_COLUMNS``); ``row`` is the 0-based row
            of its table, ``path`` the same as the JSON inputs' (``records[3].hours``).
        fallback: ``teacher_id``, ``reason``: the teachers evaluated one by one.
        scale: decimal places of ``required``, ``counted`` and ``shortfall``.
        rows_in: rows of the teachers and records tables.
        rows_in_error: rows with at least one error of their own (or whose teacher
            ``evaluate`` refused, e.g. for an outcome of a scheme the policy does not
            define). ``rows_in = rows_evaluated + rows_in_error``.
    """

    __slots__ = (
        "_sources",
        "errors",
        "fallback",
        "results",
        "rows_in",
        "rows_in_error",
        "scale",
    )

    def __init__(  # noqa: PLR0913, PLR0917 - the parts of a result
        self,
        results: Any,  # noqa: ANN401 - a table of the kind the caller passed
        errors: Any,  # noqa: ANN401
        fallback: Any,  # noqa: ANN401
        scale: int,
        rows_in: int,
        rows_in_error: int,
        *,
        source: _Source | tuple[_Source, ...],
    ) -> None:
        """Hold the tables (``source``: what the teachers' evaluations need, per part)."""
        self.results = results
        self.errors = errors
        self.fallback = fallback
        self.scale = scale
        self.rows_in = rows_in
        self.rows_in_error = rows_in_error
        self._sources = source if isinstance(source, tuple) else (source,)

    @property
    def kind(self) -> str:
        """The kind of the tables: ``"polars"``, ``"pandas"`` or ``"arrow"``, as passed in."""
        return self._sources[0].kind

    @property
    def rows_evaluated(self) -> int:
        """Rows without an error of their own.

        A valid row of a teacher who has a row in error is counted here, but that
        teacher is not evaluated: their results say ``input_error``.
        """
        return self.rows_in - self.rows_in_error

    def findings(self) -> Any:  # noqa: ANN401 - a table of the kind the caller passed
        """Every finding of every evaluated teacher, with its zh and en messages.

        Built on demand by the per-teacher engine (``evaluate``), so it costs what
        ``evaluate`` and its explanations cost (about 10^3-10^4 teachers a second):
        read statuses from ``results`` and ask for findings where they are needed.
        Columns: ``FINDING_COLUMNS``.
        """
        rows = [
            (
                tid,
                f.code,
                f.rule_id,
                f"{f.citation.document} {f.citation.clause}" if f.citation else None,
                f.zh,
                f.en,
            )
            for tid, evaluation in self._evaluated()
            for f in evaluation.findings
        ]
        frame = pl.DataFrame(rows, schema=dict.fromkeys(FINDING_COLUMNS, pl.String), orient="row")
        return _as_kind(frame, self.kind)

    def decisions(self) -> Any:  # noqa: ANN401 - a table of the kind the caller passed
        """Eligibility decisions, remedial training and money, one row each, on demand.

        ``kind`` is the decision's kind (``DecisionKind``), ``remedial`` or ``fee``;
        ``amount`` the refund or fee due; ``finding`` and the messages are the first
        finding of the row. Built by the per-teacher engine, like ``findings()``.
        Columns: ``DECISION_COLUMNS``.
        """
        rows: list[tuple[object, ...]] = []
        for tid, evaluation in self._evaluated():
            rows.extend(
                _decision_row(
                    tid,
                    d.kind.value,
                    d.subject,
                    d.outcome.value,
                    d.findings,
                    d.year,
                    d.since,
                    d.until,
                )
                for d in evaluation.eligibility
            )
            rows.extend(
                _decision_row(
                    tid,
                    "remedial",
                    remedial.rule_id,
                    "required" if remedial.required else "not_required",
                    remedial.findings,
                    amount=remedial.refund_due,
                    payer=remedial.payer.value,
                )
                for remedial in evaluation.remedial
            )
            money = evaluation.money
            if money.fee_due is not None:
                rows.append(
                    _decision_row(tid, "fee", "", "due", money.findings, amount=money.fee_due)
                )
        schema: dict[str, pl.DataType] = dict.fromkeys(DECISION_COLUMNS, pl.String())
        schema |= {"year": pl.Int64(), "since": pl.Date(), "until": pl.Date()}
        schema["amount"] = pl.Decimal(38, 2)
        frame = pl.DataFrame(rows, schema=schema, orient="row")
        return _as_kind(frame, self.kind)

    def _evaluated(self) -> Iterator[tuple[str, tr.Evaluation]]:
        """The teachers that reached the results, evaluated one by one."""
        for source in self._sources:
            for _, tid, got in _evaluations(source, source.teachers):
                if isinstance(got, tr.Evaluation):
                    yield tid, got

    @classmethod
    def combine(cls, parts: Iterable[TableResult]) -> TableResult:
        """The results of groups of teachers evaluated apart, as one result.

        For a population evaluated a group at a time (a database queried by a hash of
        ``teacher_id``, ``docs/dask.md``): with each teacher's rows, in both tables,
        in one group, the parts hold what one ``evaluate_table`` over all the rows
        gives, in another order. The tables are concatenated in the parts' order;
        ``required``, ``counted`` and ``shortfall`` are brought to the largest
        ``scale`` of the parts (a lossless widening: each part's scale is its own
        data's); ``rows_in`` and ``rows_in_error`` add up. An error's ``row`` stays
        the row of its part's table. ``findings()`` and ``decisions()`` evaluate each
        part's teachers.

        Raises:
            InvalidInputError: no part (``input.empty``), a part that is not a
                ``TableResult`` or whose tables are of another kind than the first's
                (``input.type``, path ``parts[i]``).
        """
        if isinstance(parts, TableResult | str | bytes | Mapping) or not isinstance(
            parts, Iterable
        ):
            raise InvalidInputError(
                "expected a list of TableResults", path="parts", code="input.type"
            )
        given = list(parts)
        if not given:
            raise InvalidInputError("no result to combine", path="parts", code="input.empty")
        for i, part in enumerate(given):
            check_instance(part, TableResult, f"parts[{i}]")
            if part.kind != given[0].kind:  # the first part was checked first
                raise InvalidInputError(
                    f"its tables are {part.kind}, the first part's {given[0].kind}",
                    path=f"parts[{i}]",
                    code="input.type",
                )
        kind, scale = given[0].kind, max(part.scale for part in given)
        results = pl.concat(
            [rescaled(to_polars(part.results, "results")[0], scale) for part in given]
        )
        return cls(
            _as_kind(results, kind),
            _as_kind(pl.concat([to_polars(p.errors, "errors")[0] for p in given]), kind),
            _as_kind(pl.concat([to_polars(p.fallback, "fallback")[0] for p in given]), kind),
            scale,
            sum(part.rows_in for part in given),
            sum(part.rows_in_error for part in given),
            source=tuple(source for part in given for source in part._sources),  # noqa: SLF001 - its own class
        )

    def _repr_html_(self) -> str:
        """A notebook view: the counts, then statuses per period with their colours."""
        results = to_polars(self.results, "results")[0]
        counts = (
            results.group_by("scheme", "period", "status", maintain_order=True)
            .len()
            .sort("scheme", "period", "status")
        )
        cells = "".join(
            f"<tr><td>{escape(scheme)}</td><td>{escape(period)}</td>"
            f'<td style="{STATUS_STYLE.get(status, "")}">{escape(status)}</td><td>{n:,}</td></tr>'
            for scheme, period, status, n in counts.iter_rows()
        )
        return (
            f"<div><p>{self.rows_in:,} rows in, {self.rows_in_error:,} in error, "
            f"{len(self.fallback):,} teachers evaluated one by one</p>"
            "<table><thead><tr><th>scheme</th><th>period</th><th>status</th>"
            f"<th>teachers</th></tr></thead><tbody>{cells}</tbody></table></div>"
        )

    def __repr__(self) -> str:
        """Sizes of the tables."""
        return (
            f"TableResult(results={len(self.results)} rows, errors={len(self.errors)}, "
            f"fallback={len(self.fallback)} teachers)"
        )


def _decision_row(  # noqa: PLR0913, PLR0917 - one row's columns, in order
    teacher_id: str,
    kind: str,
    subject: str,
    outcome: str,
    findings: tuple[tr.Finding, ...],
    year: int | None = None,
    since: date | None = None,
    until: date | None = None,
    *,
    amount: Decimal | None = None,
    payer: str | None = None,
) -> tuple[object, ...]:
    """A row of ``decisions()``; its finding and messages are its first finding's."""
    first = findings[0] if findings else None
    return (
        teacher_id,
        kind,
        subject,
        outcome,
        year,
        since,
        until,
        amount,
        payer,
        first and first.code,
        first and first.zh,
        first and first.en,
    )


def _as_kind(frame: pl.DataFrame, kind: str) -> Any:  # noqa: ANN401 - polars, pandas or Arrow
    """``frame`` as the kind of table the caller passed: exact, typed columns throughout."""
    if kind == "pandas":
        # Arrow-backed columns: decimals stay exact Decimal128, dates stay dates.
        return frame.to_pandas(use_pyarrow_extension_array=True)
    if kind == "arrow":
        return frame.to_arrow()
    return frame


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
    source = _Source(
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
    measured = {scheme.rule.id: s for s, scheme in enumerate(plan.measured)}
    rows: list[dict[str, Any]] = []
    refused: list[tuple[int, str, TrainingRulesError]] = []
    for t, tid, got in _evaluations(source, per_teacher):
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
        _as_kind(results, kind),
        _as_kind(errors, kind),
        _as_kind(per_teacher.select("teacher_id", "reason"), kind),
        out_scale,
        rows_in,
        rows_in - rows_ok + len(refused),
        source=source,
    )


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


def _evaluations(
    source: _Source, teachers: pl.DataFrame
) -> Iterator[tuple[int, str, tr.Evaluation | TrainingRulesError]]:
    """``(t, teacher id, evaluation or error)`` for ``teachers``, one at a time."""
    if not teachers.height:
        return
    records = source.records
    mine = records.filter(pl.col("teacher_id").is_in(teachers.get_column("teacher_id").implode()))
    by_teacher = record_objects(mine, source.scale, source.side.courses)
    names = ("t", "teacher_id", "birth_date", "sex", "title", "region")
    for t, tid, born, sex, title, region, start, end in teachers.select(
        *names, "employed_from", "employed_to"
    ).iter_rows():
        teacher = tr.Teacher(
            id=tid,
            birth_date=born,
            sex=sex,
            title=title,
            region=region,
            employed_from=start,
            employed_to=end,
        )
        try:
            evaluation = tr.evaluate(
                source.plan.policy,
                teacher,
                by_teacher.get(tid, ()),
                source.as_of,
                assessment=source.side.assessments.get(tid),
                outcomes=source.side.outcomes.get(tid, ()),
            )
        except TrainingRulesError as error:  # e.g. an outcome for an unknown scheme
            yield t, tid, error
            continue
        yield t, tid, evaluation


def record_objects(
    records: pl.DataFrame,
    scale: int,
    courses: Mapping[str, Mapping[str, tr.CourseResult]] | None = None,
) -> dict[str, list[tr.TrainingRecord]]:
    """Checked record rows as ``TrainingRecord`` objects, by teacher id.

    ``courses``: ``teacher_id -> record_id -> CourseResult``, joined to their records.
    """
    courses = courses or {}
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
                fee_paid=check_money(fee, "fee_paid") if fee is not None else Decimal(0),
                course=courses.get(who, {}).get(rid),
            )
        )
    return by_teacher
