"""Grades: weighted composites, rounding, pass marks, grade bands and exam sittings.

All arithmetic is exact ``Decimal``. A composite is rounded only if a ``Rounding`` is
given (quantum and mode are stated, never implied); comparisons with a pass mark are
"at or above", so a composite of exactly 60 passes a pass mark of 60.

A course's prerequisites to sit its final (``Prerequisite``) are the policy's to
state: ``grade_course`` applies only those it is given, none by default.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

import attrs

from trainingrules._values import HUNDRED, ZERO, exact, show, to_decimal
from trainingrules.errors import InvalidInputError
from trainingrules.records import CourseResult, ExamSitting, SittingKind

__all__ = [
    "PREREQUISITE_CODES",
    "CourseGrade",
    "ExamResult",
    "ExamStatus",
    "GradeBand",
    "Prerequisite",
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
        if not isinstance(self.mode, str) or self.mode not in ROUNDING_MODES:
            raise InvalidInputError(
                f"{show(self.mode)} is not a decimal rounding mode",
                path="mode",
                code="input.choice",
            )

    @exact
    def apply(self, value: Decimal) -> Decimal:
        """``value`` rounded to a multiple of the quantum (0.5 → halves, 10 → tens).

        Exact in any decimal context: the quotient ``value / quantum`` is taken as a
        fraction of integers, never as a rounded decimal.
        """
        if not isinstance(value, Decimal):
            raise InvalidInputError(
                f"expected a Decimal, got {type(value).__name__}", path="value", code="input.type"
            )
        steps = _round_quotient(value, self.quantum, self.mode)
        return (steps * self.quantum).quantize(self.quantum)


_MAX_ROUNDED_DIGITS = 40
"""Rounding is asked of hours, scores and money, far below 10**40."""
_FRACTION_CLASS = (Decimal(0), Decimal("0.25"), Decimal("0.5"), Decimal("0.75"))
"""Stand-ins for a fractional part: none, below a half, a half, above a half."""


def _round_quotient(value: Decimal, quantum: Decimal, mode: str) -> Decimal:
    """``value / quantum`` rounded to an integer with ``mode``, without rounding the quotient.

    With both numbers as integers over one power of ten, ``divmod`` gives the exact
    floor ``n`` and remainder ``r``; every rounding mode depends only on ``n``, the
    sign and where ``r / quantum`` lies against a half, so ``n`` plus a stand-in for
    that fraction rounds as the exact quotient does.
    """
    if not value.is_finite() or value.adjusted() > _MAX_ROUNDED_DIGITS:
        raise InvalidInputError(
            f"cannot round {show(value)}: not a finite number below 10**{_MAX_ROUNDED_DIGITS}",
            path="value",
            code="input.range",
        )
    numerator, denominator = _integers(value, quantum)
    floor, remainder = divmod(numerator, denominator)
    if remainder == 0:
        return Decimal(floor)
    twice = 2 * remainder
    part = _FRACTION_CLASS[1 if twice < denominator else 2 if twice == denominator else 3]
    return (Decimal(floor) + part).to_integral_value(rounding=mode)


def _integers(value: Decimal, quantum: Decimal) -> tuple[int, int]:
    """``(a, b)`` with ``value / quantum == a / b`` exactly and ``b > 0``."""
    a_sign, a_digits, a_exp = value.as_tuple()
    b_sign, b_digits, b_exp = quantum.as_tuple()
    if not isinstance(a_exp, int) or not isinstance(b_exp, int):  # pragma: no cover - finite
        raise InvalidInputError(f"{value} is not finite", path="value", code="input.not_finite")
    a = int("".join(map(str, a_digits)) or "0") * (-1 if a_sign else 1)
    b = int("".join(map(str, b_digits)) or "0") * (-1 if b_sign else 1)
    low = min(a_exp, b_exp)
    return a * 10 ** (a_exp - low), b * 10 ** (b_exp - low)


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


@exact
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


class Prerequisite(enum.StrEnum):
    """A condition a course's final assessment (结业考核) may require before it counts.

    A policy's ``CourseGrading.prerequisites`` names the ones its text states (H4
    states both); a policy that states none grades every final. An input that does
    not report a stated prerequisite (``None`` in ``CourseResult``) does not meet it:
    the final does not count until it is reported.
    """

    REQUIRED_HOURS = "required_hours"
    """The course's required hours are completed: ``hours_completed >= hours_required``
    (修满规定的学时)."""
    HOMEWORK_PASSED = "homework_passed"
    """The course's homework is passed: ``homework_passed`` is true (作业成绩合格)."""


PREREQUISITE_CODES = frozenset(
    {
        "course.hours_not_reported",
        "course.hours_short",
        "course.homework_not_reported",
        "course.homework_failed",
    }
)
"""The reasons ``final_prerequisites`` gives: an unmet or unreported prerequisite."""


def final_prerequisites(
    course: CourseResult, prerequisites: Collection[Prerequisite]
) -> tuple[str, ...]:
    """Codes of the unmet ``prerequisites`` to sit a course's final; empty if none.

    The codes come in the order of ``Prerequisite``, whatever the collection's order:

    * ``course.hours_not_reported``: required hours stated, but ``hours_required`` or
      ``hours_completed`` is ``None``;
    * ``course.hours_short``: fewer hours completed than required;
    * ``course.homework_not_reported``: passed homework stated, ``homework_passed``
      is ``None``;
    * ``course.homework_failed``: homework not passed.

    >>> c = CourseResult(coursework_score=Decimal(90), final_score=Decimal(90))
    >>> final_prerequisites(c, ())
    ()
    >>> final_prerequisites(c, {Prerequisite.HOMEWORK_PASSED})
    ('course.homework_not_reported',)
    """
    unmet: list[str] = []
    if Prerequisite.REQUIRED_HOURS in prerequisites:
        if course.hours_required is None or course.hours_completed is None:
            unmet.append("course.hours_not_reported")
        elif course.hours_completed < course.hours_required:
            unmet.append("course.hours_short")
    if Prerequisite.HOMEWORK_PASSED in prerequisites:
        if course.homework_passed is None:
            unmet.append("course.homework_not_reported")
        elif not course.homework_passed:
            unmet.append("course.homework_failed")
    return tuple(unmet)


@attrs.frozen
class CourseGrade:
    """The grade of one course.

    Attributes:
        may_sit_final: whether the stated prerequisites to sit the final were met
            (true when none is stated).
        composite: the weighted total, or ``None`` if there is no final to count.
        passed: whether the composite reaches the pass mark.
        reasons: codes explaining a fail (unmet prerequisites, see
            ``final_prerequisites``; ``course.no_final``, ``course.below_pass_mark``).
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
    *,
    prerequisites: Collection[Prerequisite] = frozenset(),
) -> CourseGrade:
    """Grade a course: ``coursework × weights[0] + final × weights[1]``, if the final counts.

    ``weights`` are ``(coursework, final)``: Hohhot's "平时考核成绩与结业考核成绩分别按60%与
    40%" is ``(0.6, 0.4)``; "40 % coursework + 60 % exam" is ``(0.4, 0.6)``. A final sat
    without one of the ``prerequisites`` (met and reported) does not count.

    >>> c = CourseResult(coursework_score=Decimal(90), final_score=Decimal(90))
    >>> grade_course(c, (Decimal("0.4"), Decimal("0.6")), Decimal(60)).passed
    True
    >>> grade_course(
    ...     c, (Decimal("0.4"), Decimal("0.6")), Decimal(60),
    ...     prerequisites={Prerequisite.HOMEWORK_PASSED},
    ... ).reasons
    ('course.homework_not_reported',)
    """
    unmet = final_prerequisites(course, prerequisites)
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
        formal: the formal sitting counted, or ``None`` if there is none. After a
            formal that did not pass, its ``score`` tells a failed formal (a score
            below the pass mark) from a missed one (``None``, absent: 缺考).
    """

    status: ExamStatus
    deciding: ExamSitting | None
    reason: str
    formal: ExamSitting | None = None

    @property
    def formal_missed(self) -> bool:
        """Whether the teacher was absent from the formal sitting (正考缺考)."""
        return self.formal is not None and self.formal.score is None


def _checked_sittings(sittings: object) -> list[ExamSitting]:
    """``sittings`` as a list, or ``InvalidInputError`` if it is not a collection of them."""
    if isinstance(sittings, str | bytes) or not isinstance(sittings, Iterable):
        raise InvalidInputError(
            f"expected a list of sittings, got {type(sittings).__name__}",
            path="sittings",
            code="input.type",
        )
    found = list(sittings)
    for i, sitting in enumerate(found):
        if not isinstance(sitting, ExamSitting):
            raise InvalidInputError(
                f"expected an ExamSitting, got {type(sitting).__name__}",
                path=f"sittings[{i}]",
                code="input.type",
            )
    return found


def decide_sittings(sittings: Iterable[ExamSitting], pass_mark: Decimal) -> ExamResult:
    """Decide an exam from its sittings, in any order (F6).

    A mock never counts. The formal counts. A makeup counts only after a failed or
    missed (absent) formal, and only if it comes after it. More than one formal or
    more than one makeup is an input error: the regulation provides one of each.
    The result names the formal sitting, so that a failed formal can be told from
    a missed one (``ExamResult.formal_missed``).
    """
    pass_mark = to_decimal(pass_mark, "pass_mark", maximum=HUNDRED)
    counted: dict[SittingKind, ExamSitting] = {}
    for i, sitting in enumerate(_checked_sittings(sittings)):
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
        return ExamResult(ExamStatus.PASSED, formal, "exam.formal_passed", formal)
    if makeup is None or makeup.on <= formal.on:
        return ExamResult(ExamStatus.PENDING, None, "exam.awaiting_makeup", formal)
    if makeup.score is None:
        return ExamResult(ExamStatus.FAILED, makeup, "exam.makeup_absent", formal)
    if passes(makeup.score, pass_mark):
        return ExamResult(ExamStatus.PASSED, makeup, "exam.makeup_passed", formal)
    return ExamResult(ExamStatus.FAILED, makeup, "exam.makeup_failed", formal)
