"""Assessment: course grading, exam sittings, written work and attendance."""

from __future__ import annotations

from decimal import Decimal

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.errors import PolicyDataError, TrainingRulesError
from trainingrules.policy._checks import (
    amount,
    boolean,
    count,
    instance,
    mark,
    text,
    tuple_of,
)
from trainingrules.policy._sources import Citation, Text
from trainingrules.scoring import Rounding, check_weights

__all__ = ["AttendanceRule", "CourseGrading", "ExamRule", "WrittenWorkRule"]


def _weights(value: object, path: str) -> tuple[Decimal, Decimal]:
    items = tuple_of(amount)(value, path)
    try:
        checked_weights = check_weights(items, path)
    except TrainingRulesError as error:
        raise PolicyDataError(error.message, path=error.path, code="policy.weights") from None
    if len(checked_weights) != 2:
        raise PolicyDataError(
            "expected two weights: coursework and final", path=path, code="policy.weights"
        )
    return checked_weights[0], checked_weights[1]


def _rounding(value: object, path: str) -> Rounding:
    return instance(Rounding)(value, path)


@attrs.frozen
class CourseGrading:
    """Course total = coursework × w₁ + final × w₂, passing at ``pass_mark`` (H4-H6).

    A record that carries a ``course`` counts only if the course passes; a final sat
    without the prerequisites (required hours and passed homework) does not count.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    weights: tuple[Decimal, Decimal] = checked(_weights)
    pass_mark: Decimal = checked(mark)
    rounding: Rounding | None = checked(optional(_rounding), default=None)

    __attrs_post_init__ = normalise


@attrs.frozen
class ExamRule:
    """An exam with mock / formal / makeup sittings (F6), passed at ``pass_mark``.

    Its result is a condition of the (single) period of ``scheme``.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    label: Text = checked(instance(Text))
    scheme: str = checked(text)
    pass_mark: Decimal = checked(mark)

    __attrs_post_init__ = normalise


@attrs.frozen
class WrittenWorkRule:
    """Minimum written work, a condition of the (single) period of ``scheme`` (F5)."""

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    scheme: str = checked(text)
    min_notes_chars: int = checked(count)
    min_forum_posts: int = checked(count)
    min_reflection_chars: int = checked(count)
    handwritten: bool = checked(boolean)

    __attrs_post_init__ = normalise


@attrs.frozen
class AttendanceRule:
    """An unexcused absence fails the (single) period of ``scheme`` (F7)."""

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    scheme: str = checked(text)

    __attrs_post_init__ = normalise
