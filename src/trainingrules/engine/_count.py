"""The hot path: one pass over a teacher's records, then each period's status, decided once.

Everything the explanations say (findings, shortfalls, the ledger) is read from the
``Tally`` this module returns; nothing there decides a status again.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache

from trainingrules.engine._conditions import conditions_status
from trainingrules.engine._inputs import raise_duplicate, raise_not_a_record
from trainingrules.engine._plan import RECORD_KEY, Placement, Plan, SchemePlan
from trainingrules.engine._requirements import (
    Figures,
    activity_best,
    cap_limits,
    capped,
    check,
    figures,
    service,
)
from trainingrules.policy._rules import CourseGrading
from trainingrules.records import Assessment, CourseResult, Teacher, TrainingRecord
from trainingrules.results import Exclusion, Status
from trainingrules.scoring import CourseGrade, grade_course

__all__ = ["Tally", "count", "course_grade", "period_status"]

ZERO = Decimal(0)
# Module constants: reading a global is cheaper than an enum attribute on the hot path.
_PASSED, _FAILED, _IN_PROGRESS = Status.PASSED, Status.FAILED, Status.IN_PROGRESS
_NOT_STARTED, _EXEMPT = Status.NOT_STARTED, Status.EXEMPT
_AFTER_AS_OF, _OUTSIDE = Exclusion.AFTER_AS_OF, Exclusion.OUTSIDE_PERIODS
_NOT_PASSED = Exclusion.COURSE_NOT_PASSED
# Severity for the overall status: the worst period decides.
_BY_RANK = (_EXEMPT, _PASSED, _NOT_STARTED, _IN_PROGRESS, _FAILED)
_RANK = {status: rank for rank, status in enumerate(_BY_RANK)}


class Tally:
    """What the count found for one teacher: placements, sums and decided statuses.

    Attributes:
        placed: per input record, in input order, its ``Placement`` or ``Exclusion``.
        lasts: per measured scheme, how many periods exist as of the evaluation date.
        totals: per measured scheme and period index, bucket → amount counted.
        statuses: per measured scheme, the status of each measured period (from the
            scheme's first measured period on).
        status: the overall status.
    """

    __slots__ = ("lasts", "placed", "status", "statuses", "totals")

    def __init__(
        self,
        placed: list[Placement | Exclusion],
        lasts: list[int],
        totals: list[list[dict[str, Decimal]]],
        statuses: list[list[Status]],
        status: Status,
    ) -> None:
        """Hold the count's results."""
        self.placed = placed
        self.lasts = lasts
        self.totals = totals
        self.statuses = statuses
        self.status = status


@lru_cache(maxsize=4096)
def course_grade(grading: CourseGrading, course: CourseResult) -> CourseGrade:
    """A course's grade; memoised, since results repeat across teachers and calls."""
    return grade_course(
        course,
        grading.weights,
        grading.pass_mark,
        grading.rounding,
        prerequisites=grading.prerequisites,
    )


def period_status(  # noqa: PLR0913, PLR0917 - the facts a status depends on
    applicable: bool, met: bool, conditions: Status, as_of: date, start: date, end: date
) -> Status:
    """A period's status as of ``as_of`` (see ``Status``): the one place it is decided."""
    if not applicable:
        return _EXEMPT
    if as_of < start:
        return _NOT_STARTED
    if conditions is _FAILED:
        return _FAILED
    if met and conditions is _PASSED:
        return _PASSED
    if as_of >= end:
        return _FAILED
    return _IN_PROGRESS


def decide_period(  # noqa: PLR0913, PLR0917 - one period's facts
    plan: Plan,
    scheme: SchemePlan,
    k: int,
    last: int,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    placed: Sequence[Placement | Exclusion],
    scheme_sums: list[dict[str, Decimal]],
) -> tuple[bool, Figures, bool]:
    """Whether period ``k``'s requirements are met, with caps, parts and activities.

    Caps the period's bucket sums in place (``by_bucket`` shows what counts) and
    returns whether every applying requirement is met, the figures that apply and
    whether the teacher served at least a day of the period.
    """
    served = service(scheme, k, teacher, plan.service)
    applying = figures(scheme, teacher, served)
    sums = scheme_sums[k] = capped(scheme_sums[k], cap_limits(applying, teacher, plan.service))
    met = True
    for requirement, figure in applying:
        best = (
            activity_best(requirement, scheme, k, last, records, placed)
            if requirement.rule.including
            else None
        )
        if not check(requirement, figure, sums, teacher, best, served).met:
            met = False
    return met, applying, served is None or served.served > 0


def count(  # noqa: C901, PLR0912, PLR0915 - the hot path, one loop on purpose
    plan: Plan,
    teacher: Teacher,
    records: tuple[TrainingRecord, ...],
    as_of: date,
    assessment: Assessment | None,
) -> Tally:
    """Count ``records`` under ``plan`` and decide every period's status."""
    schemes = plan.measured
    lasts = plan.lasts.get(as_of) or plan.measure(as_of)
    totals: list[list[dict[str, Decimal]]] = [[{} for _ in range(last)] for last in lasts]
    # Per measured scheme (``lasts`` and ``totals`` hold one entry each, in its order).
    bounds = [
        (scheme.boundaries, scheme.first, lasts[s], totals[s], scheme.buckets)
        for s, scheme in enumerate(schemes)
    ]
    grading = plan.grading
    dispatch = plan.dispatch
    key_of = RECORD_KEY
    placed: list[Placement | Exclusion] = []
    append = placed.append
    placement = Placement  # a local name: read once per record
    try:
        if len({record.id for record in records}) != len(records):
            raise_duplicate(records)
        for record in records:
            day = record.completed_on
            if day > as_of:
                append(_AFTER_AS_OF)
                continue
            found = dispatch.get(key_of(record)) or plan.classify(record)
            if found.__class__ is not placement:
                append(found)
                continue
            course = record.course
            if (
                grading is not None
                and course is not None
                and not course_grade(grading, course).passed
            ):
                append(_NOT_PASSED)
                continue
            rule, bucket, converts = found
            credited = rule.credit(record.hours) if converts else record.hours
            hit = False
            for boundaries, first, last, scheme_sums, wanted in bounds:
                k = bisect_right(boundaries, day) - 1
                if first <= k < last and (wanted is None or bucket in wanted):
                    sums = scheme_sums[k]
                    sums[bucket] = sums.get(bucket, ZERO) + credited
                    hit = True
            append(found if hit else _OUTSIDE)
    except AttributeError:
        raise_not_a_record(records)
        raise  # pragma: no cover - every item is a record: an engine bug, not an input
    title = teacher.title
    partial = plan.prorates and teacher.partial_service
    statuses: list[list[Status]] = []
    worst = 0
    for s, scheme in enumerate(schemes):
        last, scheme_sums = lasts[s], totals[s]
        conditions = (
            conditions_status(plan, scheme, as_of, assessment) if scheme.conditions else _PASSED
        )
        boundaries = scheme.boundaries
        row: list[Status] = []
        if scheme.simple and not partial:
            figures = scheme.figures[title]
            applicable = bool(figures) or bool(scheme.conditions)
            for k in range(scheme.first, last):
                sums = scheme_sums[k]
                met = True
                for requirement, required in figures:
                    if requirement.counted(sums) < required:
                        met = False
                        break
                status = period_status(
                    applicable, met, conditions, as_of, boundaries[k], boundaries[k + 1]
                )
                row.append(status)
                worst = max(worst, _RANK[status])
        else:
            for k in range(scheme.first, last):
                met, applying, serving = decide_period(
                    plan, scheme, k, last, teacher, records, placed, scheme_sums
                )
                # F1: a period without a day of service asks nothing, not even the
                # assessment (written work, exams) of in-service teachers.
                status = period_status(
                    bool(applying) or (bool(scheme.conditions) and serving),
                    met,
                    conditions,
                    as_of,
                    boundaries[k],
                    boundaries[k + 1],
                )
                row.append(status)
                worst = max(worst, _RANK[status])
        statuses.append(row)
    overall = _BY_RANK[worst]
    if overall is _NOT_STARTED and any(_PASSED in row for row in statuses):
        overall = _IN_PROGRESS
    return Tally(placed, lasts, totals, statuses, overall)
