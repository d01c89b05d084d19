"""Grades: weighted composites, rounding, pass marks, grade bands and exam sittings.

All arithmetic is exact ``Decimal``. A composite is rounded only if a ``Rounding`` is
given (quantum and mode are stated, never implied); comparisons with a pass mark are
"at or above", so a composite of exactly 60 passes a pass mark of 60.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from trainingrules._values import HUNDRED, ZERO, to_decimal
from trainingrules.errors import InvalidInputError
from trainingrules.records import CourseResult, ExamSitting, SittingKind

__all__ = [
    "CourseGrade",
    "ExamResult",
    "ExamStatus",
    "GradeBand",
    "Rounding",
    "composite",
    "decide_sittings",
    "final_prerequisites",
    "grade_band",
    "grade_course",
    "passes",
]

ONE = Decimal(1)
ROUNDING_MODES = frozenset(
    {
        "ROUND_HALF_UP",
        "ROUND_HALF_EVEN",
        "ROUND_HALF_DOWN",
        "ROUND_UP",
        "ROUND_DOWN",
        "ROUND_CEILING",
        "ROUND_FLOOR",
        "ROUND_05UP",
    }
)


@attrs.frozen
class Rounding:
    """Round to a multiple of ``quantum`` with a ``decimal`` rounding mode.

    >>> Rounding(Decimal("0.1"), "ROUND_HALF_UP").apply(Decimal("59.95"))
    Decimal('60.0')
    """

    quantum: Decimal
    mode: str = ROUND_HALF_UP

    def __attrs_post_init__(self) -> None:
        """Reject a non-positive quantum or an unknown mode."""
        object.__setattr__(self, "quantum", to_decimal(self.quantum, "quantum"))
        if self.quantum <= ZERO:
            raise InvalidInputError("quantum must be positive", path="quantum", code="input.range")
        if self.mode not in ROUNDING_MODES:
            raise InvalidInputError(
                f"{self.mode!r} is not a decimal rounding mode", path="mode", code="input.choice"
            )

    def apply(self, value: Decimal) -> Decimal:
        """``value`` rounded to a multiple of the quantum (0.5 → halves, 10 → tens)."""
        steps = (value / self.quantum).to_integral_value(rounding=self.mode)
        return (steps * self.quantum).quantize(self.quantum)


def check_weights(weights: Sequence[Decimal], path: str = "weights") -> tuple[Decimal, ...]:
    """Return the weights if each lies in [0, 1] and they sum to exactly 1, else raise."""
    checked = tuple(to_decimal(w, f"{path}[{i}]", maximum=ONE) for i, w in enumerate(weights))
    if not checked:
        raise InvalidInputError("at least one weight is needed", path=path, code="input.empty")
    if sum(checked, ZERO) != ONE:
        raise InvalidInputError(
            f"weights sum to {sum(checked, ZERO)}, not exactly 1", path=path, code="input.weights"
        )
    return checked


def composite(
    scores: Sequence[Decimal], weights: Sequence[Decimal], rounding: Rounding | None = None
) -> Decimal:
    """Weighted sum of ``scores`` (each 0-100); weights must sum to exactly 1.

    >>> composite([Decimal(60), Decimal(60)], [Decimal("0.6"), Decimal("0.4")])
    Decimal('60.0')
    """
    checked = check_weights(weights)
    if len(scores) != len(checked):
        raise InvalidInputError(
            f"{len(scores)} scores for {len(checked)} weights", path="scores", code="input.length"
        )
    total = sum(
        (
            to_decimal(s, f"scores[{i}]", maximum=HUNDRED) * w
            for i, (s, w) in enumerate(zip(scores, checked, strict=True))
        ),
        ZERO,
    )
    return rounding.apply(total) if rounding is not None else total


def passes(score: Decimal, pass_mark: Decimal) -> bool:
    """Whether ``score`` is at or above ``pass_mark``."""
    return score >= pass_mark


@attrs.frozen
class GradeBand:
    """A named band: scores at or above ``lower`` (and below the next band up)."""

    lower: Decimal
    name: str


def grade_band(score: Decimal, bands: Iterable[GradeBand]) -> str | None:
    """Name of the highest band whose ``lower`` the score reaches; ``None`` below all bands.

    >>> bands = [GradeBand(Decimal(60), "及格"), GradeBand(Decimal(85), "优秀")]
    >>> grade_band(Decimal(85), bands), grade_band(Decimal("84.9"), bands)
    ('优秀', '及格')
    """
    reached = [band for band in bands if score >= band.lower]
    return max(reached, key=lambda band: band.lower).name if reached else None


def final_prerequisites(course: CourseResult) -> tuple[str, ...]:
    """Codes of the unmet prerequisites to sit a course's final (H4); empty if none.

    ``course.hours_short``: fewer hours completed than required;
    ``course.homework_failed``: homework not passed.
    """
    unmet: list[str] = []
    if course.hours_completed < course.hours_required:
        unmet.append("course.hours_short")
    if not course.homework_passed:
        unmet.append("course.homework_failed")
    return tuple(unmet)


@attrs.frozen
class CourseGrade:
    """The grade of one course.

    Attributes:
        may_sit_final: whether the prerequisites to sit the final were met (H4).
        composite: the weighted total, or ``None`` if there is no final to count.
        passed: whether the composite reaches the pass mark.
        reasons: codes explaining a fail (unmet prerequisites, ``course.no_final``,
            ``course.below_pass_mark``).
    """

    may_sit_final: bool
    composite: Decimal | None
    passed: bool
    reasons: tuple[str, ...]


def grade_course(
    course: CourseResult,
    weights: tuple[Decimal, Decimal],
    pass_mark: Decimal,
    rounding: Rounding | None = None,
) -> CourseGrade:
    """Grade a course: coursework and final weighted by ``weights`` (H6), if the final counts.

    A final taken without the prerequisites (H4) does not count.
    """
    unmet = final_prerequisites(course)
    if unmet:
        return CourseGrade(may_sit_final=False, composite=None, passed=False, reasons=unmet)
    if course.final_score is None:
        return CourseGrade(
            may_sit_final=True, composite=None, passed=False, reasons=("course.no_final",)
        )
    total = composite([course.coursework_score, course.final_score], weights, rounding)
    if passes(total, pass_mark):
        return CourseGrade(may_sit_final=True, composite=total, passed=True, reasons=())
    return CourseGrade(
        may_sit_final=True, composite=total, passed=False, reasons=("course.below_pass_mark",)
    )


class ExamStatus(enum.StrEnum):
    """Result of an exam's sittings."""

    PASSED = "passed"
    FAILED = "failed"
    PENDING = "pending"
    """No deciding sitting yet: no formal, or a failed formal with no makeup yet."""


@attrs.frozen
class ExamResult:
    """The outcome of an exam and the sitting that decided it (F6).

    Attributes:
        status: passed, failed or pending.
        deciding: the sitting that decided the result, or ``None`` if pending.
        reason: a stable code: ``exam.formal_passed``, ``exam.makeup_passed``,
            ``exam.makeup_failed``, ``exam.makeup_absent``, ``exam.no_formal``,
            ``exam.awaiting_makeup``.
    """

    status: ExamStatus
    deciding: ExamSitting | None
    reason: str


def decide_sittings(sittings: Iterable[ExamSitting], pass_mark: Decimal) -> ExamResult:
    """Decide an exam from its sittings, in any order (F6).

    A mock never counts. The formal counts. A makeup counts only after a failed or
    missed (absent) formal, and only if it comes after it. More than one formal or
    more than one makeup is an input error: the regulation provides one of each.
    """
    counted: dict[SittingKind, ExamSitting] = {}
    for i, sitting in enumerate(sittings):
        if sitting.kind is SittingKind.MOCK:
            continue
        if sitting.kind in counted:
            raise InvalidInputError(
                f"more than one {sitting.kind} sitting",
                path=f"sittings[{i}]",
                code="input.duplicate",
            )
        counted[sitting.kind] = sitting
    formal = counted.get(SittingKind.FORMAL)
    makeup = counted.get(SittingKind.MAKEUP)
    if formal is None:
        return ExamResult(ExamStatus.PENDING, None, "exam.no_formal")
    if formal.score is not None and passes(formal.score, pass_mark):
        return ExamResult(ExamStatus.PASSED, formal, "exam.formal_passed")
    if makeup is None or makeup.on <= formal.on:
        return ExamResult(ExamStatus.PENDING, None, "exam.awaiting_makeup")
    if makeup.score is None:
        return ExamResult(ExamStatus.FAILED, makeup, "exam.makeup_absent")
    if passes(makeup.score, pass_mark):
        return ExamResult(ExamStatus.PASSED, makeup, "exam.makeup_passed")
    return ExamResult(ExamStatus.FAILED, makeup, "exam.makeup_failed")
