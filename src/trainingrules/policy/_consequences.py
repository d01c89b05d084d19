"""What failing a period leads to: remedial training and denied decisions."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.cycles import AgeMethod, Period
from trainingrules.policy._checks import (
    boolean,
    count,
    day,
    enum_of,
    instance,
    set_of,
    text,
)
from trainingrules.policy._counting import Selector
from trainingrules.policy._sources import Citation
from trainingrules.records import Sex

__all__ = ["AgeLimit", "Consequence", "DecisionKind", "Payer", "RemedialRule"]


@attrs.frozen
class AgeLimit:
    """Teachers whose age is **below** the limit for their sex are in scope (J2).

    Attributes:
        male: limit for men (in scope if age < male).
        female: limit for women.
        method: how age is measured.
        reference: the day (``ON_DATE``) or the year of the day (``IN_YEAR``).
    """

    male: int = checked(count)
    female: int = checked(count)
    method: AgeMethod = checked(enum_of(AgeMethod))
    reference: date = checked(day)

    __attrs_post_init__ = normalise

    def limit_for(self, sex: Sex) -> int:
        """The limit for ``sex``."""
        return self.male if sex is Sex.MALE else self.female


class Payer(enum.StrEnum):
    """Who pays for remedial training."""

    FREE = "free"
    """Free of charge to the teacher (J4)."""
    TEACHER = "teacher"
    """At the teacher's own cost, 费用自理 (F9)."""


@attrs.frozen
class RemedialRule:
    """Failing a period of ``trigger`` means remedial training (补训).

    Attributes:
        trigger: id of the scheme whose failed periods trigger it.
        age_limit: who is in scope, or ``None`` for everybody.
        runs_in: when it takes place, or ``None`` if the text does not say.
        payer: free, or at the teacher's cost.
        refund_paid: whether remedial fees already paid are refunded in full.
        fees_on: which records are remedial training whose ``fee_paid`` is refunded.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    trigger: str = checked(text)
    payer: Payer = checked(enum_of(Payer))
    age_limit: AgeLimit | None = checked(optional(instance(AgeLimit)), default=None)
    runs_in: Period | None = checked(optional(instance(Period)), default=None)
    refund_paid: bool = checked(boolean, default=False)
    fees_on: Selector = checked(instance(Selector), default=Selector())

    __attrs_post_init__ = normalise


class DecisionKind(enum.StrEnum):
    """Decisions the regulations tie to training results."""

    RE_REGISTRATION = "re_registration"
    """教师资格再注册 / 定期注册 (N2, J1, X2)."""
    ANNUAL_ASSESSMENT = "annual_assessment"
    """教师考核 (N2, W1)."""
    TITLE_APPOINTMENT = "title_appointment"
    """职务聘任 / 职称评聘 (N2, X2, F10)."""
    PROMOTION = "promotion"
    """晋级 / 晋升教师职务 (W1, F10)."""
    SIT_FINAL = "sit_final"
    """申请结业考核: whether a course's final may be sat (H4); decided per course."""
    REMEDIAL = "remedial"
    """补训: whether the teacher is in the scope of remedial training (J2); per rule."""


@attrs.frozen
class Consequence:
    """Failing the latest ended period of ``trigger`` makes the teacher ineligible for ``denies``.

    With ``following_year`` the ineligibility is for the year after the period ends (F10).
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    trigger: str = checked(text)
    denies: frozenset[DecisionKind] = checked(set_of(enum_of(DecisionKind)))
    following_year: bool = checked(boolean, default=False)

    __attrs_post_init__ = normalise
