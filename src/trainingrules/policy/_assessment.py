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
    enum_of,
    instance,
    mark,
    set_of,
    text,
    tuple_of,
)
from trainingrules.policy._sources import Citation, Text
from trainingrules.scoring import Prerequisite, Rounding, check_weights

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
    """Course total = coursework × ``weights[0]`` + final × ``weights[1]`` (H4-H6).

    A record that carries a ``course`` counts only if the course passes: its total
    reaches ``pass_mark``, and its final counts only if every stated prerequisite is
    met and reported (a prerequisite the course input does not report is not met:
    ``course.hours_not_reported`` / ``course.homework_not_reported``).

    Attributes:
        id: the rule id.
        citation: the clause of the grading.
        weights: ``(coursework, final)``, each in [0, 1], summing to exactly 1.
            Hohhot's "平时考核成绩与结业考核成绩分别按60%与40%比例折合" is
            ``(Decimal("0.6"), Decimal("0.4"))``; "40 % coursework + 60 % exam" is
            ``(Decimal("0.4"), Decimal("0.6"))``.
        pass_mark: the total at or above which the course passes.
        rounding: how the total is rounded before the comparison; ``None``: exact.
        prerequisites: what the text requires before the final counts (H4: the
            course's hours and passed homework); none by default.
        prerequisites_citation: the clause stating the prerequisites, cited by their
            findings; ``None``: the grading's ``citation``. Only with prerequisites.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    weights: tuple[Decimal, Decimal] = checked(_weights)
    pass_mark: Decimal = checked(mark)
    rounding: Rounding | None = checked(optional(_rounding), default=None)
    prerequisites: frozenset[Prerequisite] = checked(
        set_of(enum_of(Prerequisite)), default=frozenset()
    )
    prerequisites_citation: Citation | None = checked(optional(instance(Citation)), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that a prerequisites clause comes with prerequisites."""
        normalise(self)
        if self.prerequisites_citation is not None and not self.prerequisites:
            raise PolicyDataError(
                "a prerequisites_citation without prerequisites",
                path="prerequisites_citation",
                code="policy.prerequisites",
            )

    @property
    def prerequisites_cited(self) -> Citation:
        """The clause the prerequisites' findings cite."""
        return self.prerequisites_citation or self.citation


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
