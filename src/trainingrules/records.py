"""Inputs: the teacher, the training records and the assessment results.

Every class is frozen and validated on construction. Hours, scores and money are
``Decimal``; ``int`` and ``str`` are converted, a ``float`` is rejected with
``InvalidInputError`` (code ``input.float``) because its binary value is not the
number the user typed. NaN, infinities, negative amounts, scores outside 0-100, a
start after the end and empty ids are rejected with the field's path.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import islice
from typing import Any, Self

import attrs

from trainingrules._from_json import from_dict
from trainingrules._json import encode
from trainingrules._limits import MAX_COUNT, MAX_HOURS, MAX_ITEMS, MAX_TEXT
from trainingrules._values import (
    HUNDRED,
    check_count,
    check_date,
    check_instance,
    check_length,
    check_text,
    checked,
    choice,
    instance_of,
    normalise,
    optional,
    to_decimal,
)
from trainingrules.cycles import Period
from trainingrules.errors import InvalidInputError
from trainingrules.regions import check_code

__all__ = [
    "Assessment",
    "CourseResult",
    "CreditState",
    "ExamSitting",
    "Outcome",
    "ProviderLevel",
    "Sex",
    "SittingKind",
    "Teacher",
    "Title",
    "TrainingRecord",
    "WrittenWork",
]


class Sex(enum.StrEnum):
    """Sex as the regulations use it (age limits differ: J2)."""

    MALE = "male"
    FEMALE = "female"


class Title(enum.StrEnum):
    """Professional title grade (职称): 高级, 中级, 初级, or none yet."""

    SENIOR = "senior"
    INTERMEDIATE = "intermediate"
    JUNIOR = "junior"
    NONE = "none"


class ProviderLevel(enum.StrEnum):
    """Level of the body that provided the training (W4)."""

    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    SCHOOL = "school"


class CreditState(enum.StrEnum):
    """Credit registration state (X1): 登记 → 审核 → 验证."""

    REGISTERED = "registered"
    REVIEWED = "reviewed"
    VERIFIED = "verified"


class SittingKind(enum.StrEnum):
    """Kind of exam sitting (F6): 模拟考, 正考, 补考."""

    MOCK = "mock"
    FORMAL = "formal"
    MAKEUP = "makeup"


_HOURS_WHY = "a whole career of full-time days is 80,000 hours"


def _hours(value: object, path: str) -> Decimal:
    """Hours: a decimal in ``[0, MAX_HOURS]`` with at most ``MAX_SCALE`` decimal places."""
    return to_decimal(value, path, limit=MAX_HOURS, why=_HOURS_WHY)


def _money(value: object, path: str) -> Decimal:
    """Yuan: a decimal in ``[0, MAX_AMOUNT]`` with at most ``MAX_SCALE`` decimal places."""
    return to_decimal(value, path)


def _score(value: object, path: str) -> Decimal:
    return to_decimal(value, path, maximum=HUNDRED)


def _flag(value: object, path: str) -> bool:
    return bool(check_instance(value, bool, path))


def _id(value: object, path: str) -> str:
    """An id or a category: a non-blank string of at most ``MAX_TEXT`` characters."""
    return check_text(value, path, max_length=MAX_TEXT)


def _code(value: object, path: str) -> str:
    """An optional code such as a programme: a string, possibly empty, of at most ``MAX_TEXT``."""
    return check_length(str(check_instance(value, str, path)), path, MAX_TEXT)


def _region(value: object, path: str) -> str:
    """Empty (not stated), ``"CN"`` or a code of the GB/T 2260 table (any edition)."""
    region = _code(value, path)
    return region and check_code(region, path=path)


def _count(value: object, path: str) -> int:
    return check_count(value, path, maximum=MAX_COUNT)


def _bounded(value: object, path: str, what: str) -> list[object]:
    """The items of a collection (not a string or a mapping), at most ``MAX_ITEMS`` of them."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInputError(f"expected a list of {what}", path=path, code="input.type")
    items = list(islice(value, MAX_ITEMS + 1))
    if len(items) > MAX_ITEMS:
        raise InvalidInputError(
            f"more than the {MAX_ITEMS:,} {what} allowed", path=path, code="input.too_many"
        )
    return items


def _roles(value: object, path: str) -> frozenset[str]:
    items = _bounded(value, path, "role names")
    return frozenset(_id(role, f"{path}[{i}]") for i, role in enumerate(items))


def _leaves(value: object, path: str) -> tuple[Period, ...]:
    items = _bounded(value, path, "periods")
    return tuple(check_instance(p, Period, f"{path}[{i}]") for i, p in enumerate(items))


class _Data:
    """``from_dict`` and ``to_dict`` of an input class (JSON-safe data, see docs/inputs.md)."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: object) -> Self:
        """Build one from JSON-safe data: the keys are the field names, as ``to_dict`` writes.

        Dates are ``"YYYY-MM-DD"`` strings (or ``date`` objects); hours, scores and money
        decimal strings or integers, never floats; enums their values; lists for tuples
        and sets. Every field is checked as the constructor checks it.

        Raises:
            InputErrors: every problem found (``errors``), each with its path, code
                and message; unknown keys are ``input.unknown_field``.
        """
        return from_dict(cls, data)

    def to_dict(self) -> dict[str, Any]:
        """The value as JSON-safe data that ``from_dict`` reads back to an equal value."""
        return encode(self)  # type: ignore[no-any-return]


@attrs.frozen
class Teacher(_Data):
    """A teacher.

    Attributes:
        id: the teacher's id in the caller's system (non-empty).
        birth_date: date of birth; age limits use it (J2).
        sex: ``Sex.MALE`` or ``Sex.FEMALE``.
        title: professional title grade; quotas and fees depend on it (F2, F3).
        region: GB/T 2260 region code of the teacher's school, e.g. ``"350303"``, or
            empty (the default) if not stated; a code must be in the table
            (``trainingrules.regions``: ``region.format``, ``region.unknown``).
        roles: extra roles such as ``"class_teacher"`` (班主任).
        employed_from: first day of service, if the teacher was hired after a period
            began; ``None`` if in service before any period the policy measures.
        employed_to: last day of service (retired, left), or ``None`` if still serving.
        leaves: periods of long leave, not in service (start inclusive, end exclusive).
    """

    id: str = checked(_id)
    birth_date: date = checked(check_date)
    sex: Sex = checked(choice(Sex))
    title: Title = checked(choice(Title), default=Title.NONE)
    region: str = checked(_region, default="")
    roles: frozenset[str] = checked(_roles, default=frozenset())
    employed_from: date | None = checked(optional(check_date), default=None)
    employed_to: date | None = checked(optional(check_date), default=None)
    leaves: tuple[Period, ...] = checked(_leaves, default=())

    def __attrs_post_init__(self) -> None:
        """Check every field, then that service does not end before it starts."""
        normalise(self)
        if (
            self.employed_from is not None
            and self.employed_to is not None
            and self.employed_to < self.employed_from
        ):
            raise InvalidInputError(
                f"service ends on {self.employed_to}, before it starts on {self.employed_from}",
                path="employed_to",
                code="input.order",
            )

    @property
    def partial_service(self) -> bool:
        """Whether employment dates or leaves are given (service may not cover a period)."""
        return self.employed_from is not None or self.employed_to is not None or bool(self.leaves)


@attrs.frozen
class CourseResult(_Data):
    """A course's assessment inputs (H4-H6).

    The first three fields feed the prerequisites a policy may state for sitting the
    final (``CourseGrading.prerequisites``); they are keyword-only and ``None`` means
    "not reported". A policy that states a prerequisite does not count the final
    until it is reported (``course.hours_not_reported``,
    ``course.homework_not_reported``); a policy that states none ignores them.

    Attributes:
        hours_required: the hours the course requires before its final (H4), or
            ``None`` if not reported.
        hours_completed: the hours the learner completed, or ``None`` if not reported.
        homework_passed: whether the course's homework was passed (H4), or ``None``
            if not reported.
        coursework_score: 平时成绩, 0-100 (H5): the first of the grading's two weights.
        final_score: 结业考核成绩, 0-100, or ``None`` if the final was not taken: the
            second weight.
    """

    hours_required: Decimal | None = checked(optional(_hours), default=None, kw_only=True)
    hours_completed: Decimal | None = checked(optional(_hours), default=None, kw_only=True)
    homework_passed: bool | None = checked(optional(_flag), default=None, kw_only=True)
    coursework_score: Decimal = checked(_score)
    final_score: Decimal | None = checked(optional(_score), default=None)

    __attrs_post_init__ = normalise


@attrs.frozen
class TrainingRecord(_Data):
    """One piece of completed training, as the credit system records it.

    Attributes:
        id: the record's id, unique among a teacher's records.
        hours: hours (学时) earned, as recorded, before any policy conversion.
        completed_on: the day the training was completed; the record belongs to the
            periods that contain this day.
        category: kind of training, e.g. ``"remote"``, ``"class_teacher"``,
            ``"local_course"``; policies name the categories they count.
        programme: programme it belongs to, e.g. ``"guopei"`` (国培计划) or
            ``"it_capability"``; empty if none.
        started_on: first day, if known; must not be after ``completed_on``.
        provider_level: level of the provider (W4), if known.
        credit_state: registration state of its credit (X1); ``None`` if unknown.
        fee_paid: fee the teacher paid for it, in yuan.
        course: the course's assessment inputs, for policies that grade courses (H6).
        activity: the course or training activity the record belongs to (several
            records of one activity add up for a single-activity minimum); empty if
            none.
    """

    id: str = checked(_id)
    hours: Decimal = checked(_hours)
    completed_on: date = checked(check_date)
    category: str = checked(_id)
    programme: str = checked(_code, default="")
    started_on: date | None = checked(optional(check_date), default=None)
    provider_level: ProviderLevel | None = checked(optional(choice(ProviderLevel)), default=None)
    credit_state: CreditState | None = checked(optional(choice(CreditState)), default=None)
    fee_paid: Decimal = checked(_money, default=Decimal(0))
    course: CourseResult | None = checked(optional(instance_of(CourseResult)), default=None)
    activity: str = checked(_code, default="")

    def __attrs_post_init__(self) -> None:
        """Check every field, then that the record does not start after it ends."""
        normalise(self)
        if self.started_on is not None and self.started_on > self.completed_on:
            raise InvalidInputError(
                f"starts on {self.started_on}, after it was completed on {self.completed_on}",
                path="started_on",
                code="input.order",
            )

    @classmethod
    def _checked_already(cls, values: Sequence[object]) -> Self:
        """A record of field ``values`` (in field order) that its checks have passed.

        For the table path, whose column checks mirror this class's (a test holds the
        two to the same records): ``values`` must be what the checks return (canonical
        decimals, enum members), so the record equals the constructor's, field for field.
        Checking again would cost three quarters of a per-teacher fallback.
        """
        record = object.__new__(cls)
        for name, value in zip(_RECORD_FIELDS, values, strict=True):
            object.__setattr__(record, name, value)
        return record


_RECORD_FIELDS = tuple(field.name for field in attrs.fields(TrainingRecord))


@attrs.frozen
class ExamSitting(_Data):
    """One sitting of an exam (F6).

    Attributes:
        kind: mock, formal or makeup.
        on: the day of the sitting.
        score: 0-100, or ``None`` if the teacher was absent.
    """

    kind: SittingKind = checked(choice(SittingKind))
    on: date = checked(check_date)
    score: Decimal | None = checked(optional(_score), default=None)

    __attrs_post_init__ = normalise


@attrs.frozen
class WrittenWork(_Data):
    """Written work handed in for a year's assessment (F5).

    Attributes:
        notes_chars: characters of study notes (学习笔记).
        forum_posts: posts in the designated forum (发帖).
        reflection_chars: characters of the reflection (心得体会).
        handwritten: whether notes and reflection are handwritten, not printed.
    """

    notes_chars: int = checked(_count)
    forum_posts: int = checked(_count)
    reflection_chars: int = checked(_count)
    handwritten: bool = checked(_flag)

    __attrs_post_init__ = normalise


def _sittings(value: object, path: str) -> tuple[ExamSitting, ...]:
    items = _bounded(value, path, "sittings")
    return tuple(check_instance(s, ExamSitting, f"{path}[{i}]") for i, s in enumerate(items))


@attrs.frozen
class Assessment(_Data):
    """A teacher's assessment inputs for the period a policy assesses (F5-F7).

    Attributes:
        sittings: the exam sittings, in any order.
        written_work: the written work handed in, or ``None`` if none was.
        unexcused_absence: whether the teacher missed a session without excuse (F7).
    """

    sittings: tuple[ExamSitting, ...] = checked(_sittings, default=())
    written_work: WrittenWork | None = checked(optional(instance_of(WrittenWork)), default=None)
    unexcused_absence: bool = checked(_flag, default=False)

    __attrs_post_init__ = normalise


@attrs.frozen
class Outcome(_Data):
    """A result decided elsewhere, e.g. a failed school year on an official list (J2).

    Attributes:
        scheme: id of the policy's period scheme the result belongs to, e.g.
            ``"remote_school_year"``.
        start: first day of the period.
        passed: the recorded result.
        source: where the result comes from (a list, a system), for the findings.
    """

    scheme: str = checked(_id)
    start: date = checked(check_date)
    passed: bool = checked(_flag)
    source: str = checked(_code, default="")

    __attrs_post_init__ = normalise
