"""Reading the optional inputs of ``evaluate_table``: outcomes, assessments, course results.

They carry what only the per-teacher engine uses (J2's outcomes decided elsewhere,
Fujian's exams and written work, Hohhot's course results), for a few teachers: each
row is built by the JSON contract's own ``from_dict`` (so a row accepts exactly what a
service request accepts), and a bad row becomes rows of the errors table, with the
same shape and codes as a bad record, and puts its teacher in error.

Each input is a table (polars, pandas, Arrow) or, from Python, a mapping of objects:

- outcomes: ``teacher_id``, ``scheme``, ``start``, ``passed``, optionally ``source``
  (one row per outcome); or ``{teacher_id: [Outcome, ...]}``.
- assessments: ``teacher_id`` and ``Assessment``'s fields (``sittings`` a list of
  ``{kind, on, score}``, ``written_work``, ``unexcused_absence``), one row per
  teacher (JSON Lines suit the nested fields); or ``{teacher_id: Assessment}``.
- courses: ``teacher_id``, ``record_id`` (the record the course result belongs to),
  ``coursework_score`` and optionally ``final_score``, ``hours_required``,
  ``hours_completed``, ``homework_passed``; or ``{teacher_id: {record_id: CourseResult}}``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

import polars as pl

import trainingrules as tr
from trainingrules._from_json import from_dict
from trainingrules.engine._inputs import check_outcome, check_outcomes
from trainingrules.errors import InputErrors, InvalidInputError
from trainingrules.policy import PeriodScheme
from trainingrules.table._columns import ERROR_SCHEMA, RECORD_COLUMNS, to_polars

__all__ = ["SIDE_INPUTS", "Side", "read_side"]

SIDE_INPUTS: Final = ("outcomes", "assessments", "courses")
"""The optional inputs, in the order their errors are listed."""

_ALIASES: Final = {
    "teacher_id": RECORD_COLUMNS["teacher_id"],
    "record_id": RECORD_COLUMNS["record_id"],
}
_FLAGS: Final = {"true": True, "false": False, "是": True, "否": False}
"""Yes/no as a CSV file writes it (every CSV column is text)."""
_FLAG_FIELDS: Final = frozenset({"passed", "homework_passed", "unexcused_absence"})


class Side:
    """The optional inputs read: objects by teacher, the errors and the row counts."""

    __slots__ = ("assessments", "courses", "found", "in_error", "outcomes", "rows", "rows_ok")

    def __init__(self) -> None:
        """Start empty."""
        self.outcomes: dict[str, list[tr.Outcome]] = {}
        self.assessments: dict[str, tr.Assessment] = {}
        self.courses: dict[str, dict[str, tr.CourseResult]] = {}
        self.rows = 0
        self.rows_ok = 0
        self.in_error: set[str] = set()
        self.found: list[tuple[str, int, str | None, str, str, str, str]] = []

    @property
    def errors(self) -> pl.DataFrame:
        """The bad rows, in the errors table's shape."""
        return pl.DataFrame(self.found, schema=ERROR_SCHEMA, orient="row")

    def add(self, source: str, row: int, tid: str | None, error: InvalidInputError) -> None:
        """Keep ``error`` of row ``row`` of ``source``; its teacher is in error."""
        field = error.path.split(".", 1)[0].split("[", 1)[0]
        path = f"{source}[{row}]" + (f".{error.path}" if error.path else "")
        self.found.append((source, row, tid, field, path, error.code, error.message))
        if tid is not None:
            self.in_error.add(tid)


def read_side(
    inputs: Mapping[str, object | None],
    schemes: dict[str, PeriodScheme],
    teacher_ids: pl.Series,
    records: pl.DataFrame,
) -> Side:
    """Read ``inputs`` (``SIDE_INPUTS`` -> table, mapping or ``None``).

    ``schemes`` are the policy's period schemes (an outcome is checked against them
    as ``evaluate`` checks it); ``teacher_ids`` are the teachers table's ids (a row
    of another teacher is an ``input.unknown_teacher`` error); ``records`` has the
    ``teacher_id`` and ``record_id`` of every record row (a course result of no
    record is ``input.unknown_record``).

    Raises:
        InvalidInputError: an input of the wrong kind, a table without its
            ``teacher_id`` (or, for courses, ``record_id``) column, or a mapping of
            course results naming a record that is not in ``records``.
    """
    side = Side()
    known: set[str] | None = None
    for source in SIDE_INPUTS:
        value = inputs.get(source)
        if value is None:
            continue
        if isinstance(value, Mapping):
            _from_mapping(side, source, value, records, schemes)
            continue
        if known is None:
            known = set(teacher_ids.drop_nulls().to_list())
        rows = _Rows(source, known, schemes, records)
        rows.read(side, to_polars(value, source)[0])
    return side


def _record_pairs(records: pl.DataFrame, teacher_ids: Iterable[object]) -> set[tuple[str, str]]:
    """``(teacher_id, record_id)`` of the records of ``teacher_ids``."""
    wanted = pl.Series([str(t) for t in teacher_ids if t is not None], dtype=pl.String)
    return set(
        records.filter(pl.col("teacher_id").cast(pl.String).is_in(wanted.implode()))
        .select(pl.col("teacher_id").cast(pl.String), pl.col("record_id").cast(pl.String))
        .iter_rows()
    )


def _from_mapping(
    side: Side,
    source: str,
    value: Mapping[Any, Any],
    records: pl.DataFrame,
    schemes: dict[str, PeriodScheme],
) -> None:
    """Objects given from Python, checked as ``evaluate`` checks them, up front.

    An outcome of a teacher evaluated over columns reaches only ``decisions()``: a
    bad one must not wait for it (nor be silently unused). Assessments' types are
    checked by ``evaluate``, which every teacher with one goes through.
    """
    if source == "outcomes":
        for tid, found in value.items():
            outcomes = list(found)
            try:
                check_outcomes(schemes, tuple(outcomes))
            except InvalidInputError as error:  # outcomes[0].scheme -> outcomes['A'][0].scheme
                where = f"outcomes[{tid!r}]{error.path.removeprefix('outcomes')}"
                raise InvalidInputError(error.message, path=where, code=error.code) from None
            side.outcomes[tid] = outcomes
        return
    if source == "assessments":
        side.assessments.update(value)
        return
    pairs = _record_pairs(records, value)
    for tid, results in value.items():
        for rid in results:
            if (tid, rid) not in pairs:  # it would be silently unused
                raise _no_record(tid, rid, f"courses[{tid!r}][{rid!r}]")
        side.courses[tid] = dict(results)


def _no_record(tid: object, rid: object, path: str) -> InvalidInputError:
    """A course result whose record is not one of its teacher's records."""
    return InvalidInputError(
        f"no record {rid} of teacher {tid} in the records table",
        path=path,
        code="input.unknown_record",
    )


_KINDS: Final[dict[str, type[Any]]] = {
    "outcomes": tr.Outcome,
    "assessments": tr.Assessment,
    "courses": tr.CourseResult,
}


def _text(value: object) -> str | None:
    """An id cell as text (whole numbers are accepted as ids, as in the records table)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def _data(values: dict[str, Any]) -> dict[str, Any]:
    """A row's fields for ``from_dict``: an empty cell is not given; yes/no as words."""
    return {
        name: _FLAGS.get(value.strip().casefold(), value)
        if name in _FLAG_FIELDS and isinstance(value, str)
        else value
        for name, value in values.items()
        if value is not None
    }


class _Rows:
    """Reads one optional table, row by row, into a ``Side``."""

    def __init__(
        self,
        source: str,
        known: set[str],
        schemes: dict[str, PeriodScheme],
        records: pl.DataFrame,
    ) -> None:
        self.source = source
        self.known = known
        self.schemes = schemes
        self.records = records
        self.seen: set[tuple[object, ...]] = set()
        self.pairs: set[tuple[str, str]] = set()

    def read(self, side: Side, frame: pl.DataFrame) -> None:
        """Read every row of ``frame`` into ``side``: its objects or its errors."""
        source = self.source
        for row, values in enumerate(self._prepared(frame).iter_rows(named=True)):
            side.rows += 1
            tid = _text(values.pop("teacher_id"))
            rid = _text(values.pop("record_id")) if source == "courses" else ""
            problems = list(self._key_errors(tid, rid))
            built: Any = None
            try:
                built = from_dict(_KINDS[source], _data(values))
            except InputErrors as error:
                problems.extend(error.errors)
            if built is not None and source == "outcomes" and tid is not None:
                problems.extend(self._outcome_errors(tid, built))
            if problems or tid is None or rid is None:
                for problem in problems:
                    side.add(source, row, tid, problem)
                continue
            side.rows_ok += 1
            if source == "outcomes":
                side.outcomes.setdefault(tid, []).append(built)
            elif source == "assessments":
                side.assessments[tid] = built
            else:
                side.courses.setdefault(tid, {})[rid] = built

    def _prepared(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with English key names, checked to have its keys."""
        source = self.source
        frame = frame.rename(
            {
                alias: name
                for name, aliases in _ALIASES.items()
                for alias in aliases
                if alias in frame.columns
            }
        )
        keys = ("teacher_id", "record_id") if source == "courses" else ("teacher_id",)
        for key in keys:
            if key not in frame.columns:
                raise InvalidInputError(
                    f"{source} has no column {key!r}",
                    path=f"{source}.{key}",
                    code="input.missing",
                )
        if source == "courses":
            self.pairs = _record_pairs(
                self.records, frame.get_column("teacher_id").unique().to_list()
            )
        return frame

    def _key_errors(self, tid: str | None, rid: str | None) -> Iterable[InvalidInputError]:
        """The errors of a row's ``teacher_id`` (and a course result's ``record_id``)."""
        if tid is None:
            yield InvalidInputError("teacher_id is missing", path="teacher_id", code="input.empty")
            return
        if tid not in self.known:
            yield InvalidInputError(
                f"no teacher {tid} in the teachers table",
                path="teacher_id",
                code="input.unknown_teacher",
            )
            return  # of no teacher: its other keys mean nothing
        if self.source == "outcomes":
            return
        if rid is None:
            yield InvalidInputError("record_id is missing", path="record_id", code="input.empty")
            return
        courses = self.source == "courses"
        key = (tid, rid) if courses else (tid,)
        if key in self.seen:
            yield InvalidInputError(
                f"a second course result for record {rid} of teacher {tid}"
                if courses
                else f"a second assessment of teacher {tid}",
                path="record_id" if courses else "teacher_id",
                code="input.duplicate",
            )
        self.seen.add(key)
        if courses and (tid, rid) not in self.pairs:
            yield _no_record(tid, rid, "record_id")

    def _outcome_errors(self, tid: str, outcome: tr.Outcome) -> Iterable[InvalidInputError]:
        """``evaluate``'s own check of an outcome, and one outcome per teacher and period."""
        try:
            check_outcome(self.schemes, outcome, "")
        except InvalidInputError as error:
            yield InvalidInputError(error.message, path=error.path.lstrip("."), code=error.code)
            return
        key = (tid, outcome.scheme, outcome.start)
        if key in self.seen:
            yield InvalidInputError(
                f"two outcomes for {outcome.scheme} from {outcome.start} of teacher {tid}",
                path="start",
                code="input.duplicate",
            )
        self.seen.add(key)
