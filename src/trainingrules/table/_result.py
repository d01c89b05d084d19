"""What ``evaluate_table`` returns: its tables, and the teachers' evaluations on demand.

``TableResult`` holds the results, errors and fallback tables in the kind the caller
passed (polars, pandas, Arrow); its findings and decisions are built by the per-teacher
engine from the checked rows it keeps (``Source``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

import polars as pl

import trainingrules as tr
from trainingrules._values import canonical, check_instance
from trainingrules.engine import Plan
from trainingrules.errors import InvalidInputError, TrainingRulesError
from trainingrules.table._columns import rescaled, to_polars
from trainingrules.table._side import Side
from trainingrules.table._values import check_money

__all__ = [
    "DECISION_COLUMNS",
    "FINDING_COLUMNS",
    "Source",
    "TableResult",
    "as_kind",
    "evaluations",
    "record_objects",
]


class Source:
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
        source: Source | tuple[Source, ...],
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
        return as_kind(frame, self.kind)

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
        return as_kind(frame, self.kind)

    def _evaluated(self) -> Iterator[tuple[str, tr.Evaluation]]:
        """The teachers that reached the results, evaluated one by one."""
        for source in self._sources:
            for _, tid, got in evaluations(source, source.teachers):
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
            as_kind(results, kind),
            as_kind(pl.concat([to_polars(p.errors, "errors")[0] for p in given]), kind),
            as_kind(pl.concat([to_polars(p.fallback, "fallback")[0] for p in given]), kind),
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


def as_kind(frame: pl.DataFrame, kind: str) -> Any:  # noqa: ANN401 - polars, pandas or Arrow
    """``frame`` as the kind of table the caller passed: exact, typed columns throughout."""
    if kind == "pandas":
        # Arrow-backed columns: decimals stay exact Decimal128, dates stay dates.
        return frame.to_pandas(use_pyarrow_extension_array=True)
    if kind == "arrow":
        return frame.to_arrow()
    return frame


def evaluations(
    source: Source, teachers: pl.DataFrame
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
    The rows passed the column checks that mirror the constructor's, so the records
    are made from the values those checks give, without checking them again (hours
    made canonical once per value, as the constructor makes them).
    """
    courses = courses or {}
    by_teacher: dict[str, list[tr.TrainingRecord]] = {}
    unit = Decimal(1).scaleb(-scale)
    hours_of: dict[int, Decimal] = {}
    no_fee = check_money(Decimal(0), "fee_paid")
    levels: dict[str | None, tr.ProviderLevel | None] = {None: None}
    levels |= {level.value: level for level in tr.ProviderLevel}
    states: dict[str | None, tr.CreditState | None] = {None: None}
    states |= {state.value: state for state in tr.CreditState}
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
    make = tr.TrainingRecord._checked_already  # noqa: SLF001 - the one caller it is for
    for (
        who,
        rid,
        units,
        done,
        started,
        category,
        programme,
        level,
        state,
        activity,
        fee,
    ) in records.select(pl.col(names[:-1]), pl.col("fee_paid").cast(pl.String)).iter_rows():
        hours = hours_of.get(units)
        if hours is None:
            hours = hours_of[units] = canonical(units * unit)
        by_teacher.setdefault(who, []).append(
            make(
                (
                    rid,
                    hours,
                    done,
                    category,
                    programme,
                    started,
                    levels[level],
                    states[state],
                    no_fee if fee is None else check_money(fee, "fee_paid"),
                    courses.get(who, {}).get(rid),
                    activity,
                )
            )
        )
    return by_teacher
