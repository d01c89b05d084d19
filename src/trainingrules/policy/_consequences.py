"""What failing a period leads to: remedial training and decisions denied or deferred."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.cycles import AgeMethod, Period
from trainingrules.errors import PolicyDataError
from trainingrules.policy._checks import (
    boolean,
    count,
    day,
    enum_of,
    instance,
    positive_int,
    set_of,
    text,
)
from trainingrules.policy._counting import Selector
from trainingrules.policy._sources import Citation
from trainingrules.records import Sex

__all__ = [
    "AgeLimit",
    "Consequence",
    "DecisionKind",
    "DecisionOutcome",
    "Duration",
    "Payer",
    "RemedialRule",
]


@attrs.frozen
class AgeLimit:
    """Who is in scope by age, by sex (J2: "当年男满55周岁、女满53周岁以下").

    ``inclusive`` states whether a teacher whose age **equals** the limit is in scope.
    By the statutory convention (民法典 art. 1259) 以下 / 以内 include the number and
    不满 excludes it: "55周岁以下" is ``inclusive=True`` (55 is in scope), "不满55周岁" is
    ``inclusive=False`` (only under 55). The default, ``False``, is the reading of
    policy data written before the field existed.

    Attributes:
        male: limit for men.
        female: limit for women.
        method: how age is measured.
        reference: the day (``ON_DATE``) or the year of the day (``IN_YEAR``).
        inclusive: ``True``: in scope if age <= limit (以下); ``False``: if age < limit
            (不满).
    """

    male: int = checked(count)
    female: int = checked(count)
    method: AgeMethod = checked(enum_of(AgeMethod))
    reference: date = checked(day)
    inclusive: bool = checked(boolean, default=False)

    __attrs_post_init__ = normalise

    def limit_for(self, sex: Sex) -> int:
        """The limit for ``sex``."""
        return self.male if sex is Sex.MALE else self.female

    def admits(self, sex: Sex, age: int) -> bool:
        """Whether a teacher of ``sex`` aged ``age`` (by ``method``) is in scope.

        >>> from datetime import date
        >>> from trainingrules.cycles import AgeMethod
        >>> limit = AgeLimit(55, 53, AgeMethod.IN_YEAR, date(2014, 12, 31), inclusive=True)
        >>> limit.admits(Sex.MALE, 55), limit.admits(Sex.MALE, 56)
        (True, False)
        >>> attrs.evolve(limit, inclusive=False).admits(Sex.MALE, 55)
        False
        """
        bound = self.limit_for(sex)
        return age <= bound if self.inclusive else age < bound


class Payer(enum.StrEnum):
    """Who pays for remedial training."""

    FREE = "free"
    """Free of charge to the teacher (J4)."""
    TEACHER = "teacher"
    """At the teacher's own cost, 费用自理 (F9)."""


@attrs.frozen
class RemedialRule:
    """Failing a period of ``trigger`` means remedial training (补训).

    With ``refund_paid``, the fees refunded are those paid for **this** remedial
    training (J4): the ``fee_paid`` of the records ``fees_on`` selects whose training
    lies in ``runs_in`` (it ends on or after the first day of ``runs_in`` and begins on
    or before its last day; a record without ``started_on`` begins on its completion
    day), once the training has begun by the evaluation date, completed or still
    under way. A remedial fee of another year is a fee for other training and is not
    refunded. Without ``runs_in``, every record ``fees_on`` selects is.

    Attributes:
        trigger: id of the scheme whose failed periods trigger it.
        age_limit: who is in scope, or ``None`` for everybody.
        runs_in: when it takes place, or ``None`` if the text does not say.
        payer: free, or at the teacher's cost.
        refund_paid: whether fees already paid for this remedial training are
            refunded in full.
        fees_on: which records are remedial training (their ``fee_paid`` is a
            remedial fee).
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


class DecisionOutcome(enum.StrEnum):
    """Outcome of a decision, and what a ``Consequence`` imposes.

    Severity: ``ELIGIBLE`` < ``DEFERRED`` < ``INELIGIBLE``. When several consequences
    govern one decision, the most severe outcome among those that apply wins; a
    consequence whose trigger has no decided period yet says nothing, and the
    decision is ``PENDING`` only when none of its consequences has anything decided.
    """

    ELIGIBLE = "eligible"
    """Not barred (合格, 不受影响). Imposed by a ``Consequence``: the failure is a factor
    weighed in the decision and reported (``decision.considered``), not a bar."""
    DEFERRED = "deferred"
    """Put off, not refused: 暂缓 (暂缓注册)."""
    INELIGIBLE = "ineligible"
    """Refused: 不予, 不得 (不予注册, 不得晋升)."""
    PENDING = "pending"
    """Not decided yet: the training result it depends on is not in."""

    @property
    def severity(self) -> int:
        """Rank for combining outcomes: pending 0, eligible 1, deferred 2, ineligible 3."""
        return _SEVERITY[self]


_SEVERITY = {
    DecisionOutcome.PENDING: 0,
    DecisionOutcome.ELIGIBLE: 1,
    DecisionOutcome.DEFERRED: 2,
    DecisionOutcome.INELIGIBLE: 3,
}


class Duration(enum.StrEnum):
    """How long a consequence lasts once triggered (its time scope), as of the evaluation date.

    A consequence whose scope has ended no longer applies (``decision.expired``); one
    whose scope has not begun yet still applies and says when it will
    (``Decision.since`` / ``Decision.until``).
    """

    UNTIL_PASSED = "until_passed"
    """直至其后合格: no end of its own. Without a window, the latest decided periods of
    the trigger govern: a later period passed lifts it. With a window (``within``), it
    holds while the window's period is current and ends with it."""
    FOLLOWING_YEAR = "following_year"
    """次年 / 下一年度 (F10): the calendar year after the triggering period ends (the
    window's period, with ``within``); it ends on 31 December of that year."""
    NEXT_PERIOD = "next_period"
    """下一周期: the period right after the triggering one, of the same scheme (the
    window's scheme, with ``within``); it ends when that period ends."""


def _imposable(value: object, path: str) -> DecisionOutcome:
    outcome = enum_of(DecisionOutcome)(value, path)
    if outcome is DecisionOutcome.PENDING:
        raise PolicyDataError(
            "a consequence imposes eligible (a factor, not a bar), deferred or ineligible, "
            "not pending",
            path=path,
            code="policy.choice",
        )
    return outcome


@attrs.frozen
class Consequence:
    """Failing periods of ``trigger`` impose ``outcome`` on the decisions in ``denies``.

    When it is triggered:

    * by default, when the **latest decided** period of ``trigger`` failed;
    * ``after=N``: when the latest ``N`` decided periods of ``trigger`` all failed
      (连续N个周期不合格); fewer than ``N`` decided periods never trigger it;
    * ``within="<scheme id>"``: when a failed period of ``trigger`` **ends within**
      the window, a period of that other (dated) scheme, e.g. a five-year registration
      cycle (一个注册周期内). With ``after=N``, ``N`` consecutive decided periods ending
      within the window must all have failed. A period belongs to the window in which
      its last day falls, so each period is in exactly one window.

    How long it lasts is ``lasts`` (``Duration``): until a later period is passed
    (the default; with a window: while the window is current), the following year
    (F10), or the next period. As of the evaluation date, a consequence whose time
    has ended no longer applies and is reported as expired.

    Attributes:
        id: the rule id, e.g. ``"F10.no_promotion"``.
        citation: the clause it encodes.
        trigger: id of the scheme whose failed periods trigger it.
        denies: the decision kinds it governs.
        outcome: what it imposes on them: ``INELIGIBLE`` (不予, the default),
            ``DEFERRED`` (暂缓), or ``ELIGIBLE`` (a factor reported, not a bar).
        after: how many consecutive failed periods trigger it (at least 1).
        within: id of the scheme whose periods are the windows, or ``None``.
        lasts: how long it lasts once triggered.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    trigger: str = checked(text)
    denies: frozenset[DecisionKind] = checked(set_of(enum_of(DecisionKind)))
    outcome: DecisionOutcome = checked(_imposable, default=DecisionOutcome.INELIGIBLE)
    after: int = checked(positive_int, default=1)
    within: str | None = checked(optional(text), default=None)
    lasts: Duration = checked(enum_of(Duration), default=Duration.UNTIL_PASSED)

    def __attrs_post_init__(self) -> None:
        """Check the fields; a window is a period of a scheme other than the trigger."""
        normalise(self)
        if self.within == self.trigger:
            raise PolicyDataError(
                f"the window is a period of another scheme, not of the trigger {self.trigger!r}",
                path="within",
                code="policy.reference",
            )
