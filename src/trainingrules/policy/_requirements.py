"""What a teacher must reach in each period: minimums over buckets, by title.

A requirement (``HoursRequirement``) is a minimum over some buckets in each period
of a scheme. Inside it a regulation may also state:

* **caps** (``Cap``): a bucket counts for at most a figure, or a share of the
  requirement ("校本研修不超过总学时的三分之一");
* **parts** (``Part``) with one-way **covers** (``Cover``): a minimum per bucket
  within the total, where the surplus of one part may cover another but never the
  reverse ("先完成30学时必修，其余为选修");
* a **single-activity minimum** (``Activity``): "including at least one concentrated
  training of N hours", met by one record or by the records of one activity.

``ServiceRule`` says how a requirement applies to a teacher who served only part of
a period (hired, retired or on long leave inside it).
"""

from __future__ import annotations

import enum
from decimal import Context, Decimal
from fractions import Fraction

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.errors import PolicyDataError
from trainingrules.policy._checks import (
    amount,
    enum_of,
    instance,
    positive_int,
    set_of,
    text,
    tuple_of,
)
from trainingrules.policy._sources import Citation, Text
from trainingrules.records import Title
from trainingrules.scoring import Rounding

_WIDE = Context(prec=60)

__all__ = [
    "Activity",
    "ActivityBy",
    "ByTitle",
    "Cap",
    "Cover",
    "HoursRequirement",
    "Part",
    "Proration",
    "ServiceRule",
    "Share",
]


@attrs.frozen
class ByTitle:
    """An amount that depends on the teacher's title; ``None`` where the text states none."""

    senior: Decimal | None = checked(optional(amount), default=None)
    intermediate: Decimal | None = checked(optional(amount), default=None)
    junior: Decimal | None = checked(optional(amount), default=None)
    none: Decimal | None = checked(optional(amount), default=None)

    __attrs_post_init__ = normalise

    @classmethod
    def same(cls, amount: Decimal) -> ByTitle:
        """The same amount for every title."""
        return cls(amount, amount, amount, amount)

    def of(self, title: Title) -> Decimal | None:
        """The amount for ``title``."""
        return getattr(self, title.value)  # type: ignore[no-any-return]

    def amounts(self) -> tuple[Decimal, ...]:
        """Every stated amount."""
        return tuple(a for a in (self.senior, self.intermediate, self.junior, self.none) if a)


def by_title(value: object, path: str) -> ByTitle:
    """A ``ByTitle``, or one figure (a Decimal, int or str) that holds for every title."""
    if isinstance(value, ByTitle):
        return value
    return ByTitle.same(amount(value, path))


@attrs.frozen
class Share:
    """An exact fraction of a requirement, e.g. ``Share(1, 3)`` for 三分之一 (never 0.333)."""

    numerator: int = checked(positive_int)
    denominator: int = checked(positive_int)

    def __attrs_post_init__(self) -> None:
        """Check the numbers and that the share is at most the whole."""
        normalise(self)
        if self.numerator > self.denominator:
            raise PolicyDataError(
                f"{self.numerator}/{self.denominator} is more than the whole requirement",
                path="numerator",
                code="policy.range",
            )

    def of(self, figure: Decimal, rounding: Rounding | None = None) -> Decimal:
        """``figure`` times the share, exactly.

        A result that is not a finite decimal is rounded with ``rounding`` (the
        rounding of a prorated figure); without one it is a ``PolicyDataError``.
        """
        exact = Fraction(figure) * Fraction(self.numerator, self.denominator)
        result = _WIDE.divide(Decimal(exact.numerator), Decimal(exact.denominator))
        if Fraction(result) != exact and rounding is not None:
            return rounding.apply(result)
        if Fraction(result) != exact:
            raise PolicyDataError(
                f"{self.numerator}/{self.denominator} of {figure} is not a finite decimal; "
                "state the capped figure with at_most instead",
                path="share",
                code="policy.inexact",
            )
        return result

    def __str__(self) -> str:
        """``1/3``."""
        return f"{self.numerator}/{self.denominator}"


@attrs.frozen
class Cap:
    """``bucket`` counts toward its requirement for at most a figure or a share of it.

    Exactly one of ``at_most`` (a figure, by title) and ``share`` (of the requirement's
    minimum) is given. The cap limits what the bucket contributes in every period of
    the requirement's scheme: records fill it in canonical order (by completion
    date, then id), the record that crosses it is split into a counted part and a
    part over the cap, shown as excluded in the ledger.

    Attributes:
        bucket: the bucket capped.
        citation: the clause stating the cap.
        at_most: the figure, by title (a single figure holds for every title).
        share: the share of the requirement, an exact fraction.
    """

    bucket: str = checked(text)
    citation: Citation = checked(instance(Citation))
    at_most: ByTitle | None = checked(optional(by_title), default=None)
    share: Share | None = checked(optional(instance(Share)), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that exactly one kind of figure is given."""
        normalise(self)
        if (self.at_most is None) == (self.share is None):
            raise PolicyDataError(
                "a cap states either at_most or share, not both and not neither",
                path="share",
                code="policy.cap",
            )

    def figure(
        self, minimum: Decimal, title: Title, rounding: Rounding | None = None
    ) -> Decimal | None:
        """The cap for a teacher of ``title`` whose requirement is ``minimum``.

        ``None`` where a fixed cap states no figure for the title. ``rounding`` rounds
        a share of a prorated ``minimum`` that is not a finite decimal.
        """
        if self.share is not None:
            return self.share.of(minimum, rounding)
        return self.at_most.of(title) if self.at_most is not None else None


@attrs.frozen
class Part:
    """A minimum for one bucket within the requirement's total ("其中…不少于…")."""

    bucket: str = checked(text)
    minimum: ByTitle = checked(by_title)
    label: Text = checked(instance(Text))

    __attrs_post_init__ = normalise


@attrs.frozen
class Cover:
    """One way only: hours of ``surplus_of`` above its part's minimum may cover ``may_cover``.

    The reverse holds only if stated by a second ``Cover``.
    """

    surplus_of: str = checked(text)
    may_cover: str = checked(text)

    def __attrs_post_init__(self) -> None:
        """Check the fields; a bucket does not cover itself."""
        normalise(self)
        if self.surplus_of == self.may_cover:
            raise PolicyDataError(
                "a bucket cannot cover itself", path="may_cover", code="policy.reference"
            )


class ActivityBy(enum.StrEnum):
    """What makes one activity for a single-activity minimum."""

    RECORD = "record"
    """One record of at least the figure ("一次集中培训不少于…学时")."""
    ACTIVITY = "activity"
    """The records sharing an ``activity`` id (one course or programme), added up."""


@attrs.frozen
class Activity:
    """At least one activity of ``minimum`` within the requirement ("其中集中培训…").

    Attributes:
        minimum: the figure one activity must reach.
        by: one record, or the records of one activity (``TrainingRecord.activity``).
        label: what the activity is, e.g. ``Text("集中培训", "concentrated training")``.
        citation: the clause.
        buckets: the buckets whose records are activities (empty: the requirement's).
    """

    minimum: Decimal = checked(amount)
    by: ActivityBy = checked(enum_of(ActivityBy))
    label: Text = checked(instance(Text))
    citation: Citation = checked(instance(Citation))
    buckets: frozenset[str] = checked(set_of(text), default=frozenset())

    __attrs_post_init__ = normalise


@attrs.frozen
class HoursRequirement:
    """At least ``minimum`` counted in each period of ``scheme``, over ``buckets``.

    ``buckets`` empty means every counted bucket. ``minimum`` is a ``ByTitle`` or a
    single figure for every title; a title whose amount is ``None`` is not subject to
    the requirement (the text states no figure for it). The unit (学时 or 学分) is
    that of the buckets, as their count rules state it.

    Attributes:
        id: the rule's id.
        citation: the clause.
        label: what is required, e.g. ``Text("全员培训", "full-staff training")``.
        scheme: the period scheme it applies to.
        minimum: the figure.
        buckets: the buckets it adds up.
        caps: buckets that count for at most a figure or a share.
        parts: minimums per bucket within the total.
        covers: which part's surplus may cover which part's shortfall (one way).
        including: a single-activity minimum within the total.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    label: Text = checked(instance(Text))
    scheme: str = checked(text)
    minimum: ByTitle = checked(by_title)
    buckets: frozenset[str] = checked(set_of(text), default=frozenset())
    caps: tuple[Cap, ...] = checked(tuple_of(instance(Cap)), default=())
    parts: tuple[Part, ...] = checked(tuple_of(instance(Part)), default=())
    covers: tuple[Cover, ...] = checked(tuple_of(instance(Cover)), default=())
    including: Activity | None = checked(optional(instance(Activity)), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that caps, parts and covers fit together."""
        normalise(self)
        _check_inside(self)


def _check_inside(rule: HoursRequirement) -> None:  # noqa: C901 - one pass over the inner rules
    """Caps, parts and covers name buckets the requirement adds up, once each."""

    def check(buckets: list[str], what: str, unique: bool) -> None:
        seen: set[str] = set()
        for i, bucket in enumerate(buckets):
            if rule.buckets and bucket not in rule.buckets:
                raise PolicyDataError(
                    f"{bucket!r} is not among the buckets the requirement adds up",
                    path=f"{what}[{i}]",
                    code="policy.reference",
                )
            if unique and bucket in seen:
                raise PolicyDataError(
                    f"{bucket!r} appears twice", path=f"{what}[{i}]", code="policy.duplicate"
                )
            seen.add(bucket)

    check([c.bucket for c in rule.caps], "caps", unique=True)
    check([p.bucket for p in rule.parts], "parts", unique=True)
    parts = {p.bucket for p in rule.parts}
    for i, cover in enumerate(rule.covers):
        for field in ("surplus_of", "may_cover"):
            if getattr(cover, field) not in parts:
                raise PolicyDataError(
                    f"{getattr(cover, field)!r} has no part in this requirement",
                    path=f"covers[{i}].{field}",
                    code="policy.reference",
                )
    if rule.including is not None:
        check(sorted(rule.including.buckets), "including.buckets", unique=False)
    for i, cap in enumerate(rule.caps):
        if cap.share is not None:
            for figure in rule.minimum.amounts():
                try:
                    cap.share.of(figure)
                except PolicyDataError as error:
                    raise PolicyDataError(
                        error.message, path=f"caps[{i}].share", code=error.code
                    ) from None


class Proration(enum.StrEnum):
    """How a requirement applies to a teacher who served only part of a period."""

    FULL = "full"
    """The whole figure, whatever the service (每人不少于…)."""
    BY_DAYS = "by_days"
    """The figure times the share of the period's days in service, rounded as stated."""


@attrs.frozen
class ServiceRule:
    """How requirements apply to a teacher in service for only part of a period.

    A teacher's service is ``Teacher.employed_from`` to ``Teacher.employed_to`` less
    ``Teacher.leaves``. With ``BY_DAYS``, a period's figure is the figure times the
    days in service over the days of the period, rounded with ``rounding`` (a
    period with no day of service is exempt). Without a service rule every teacher
    owes the whole figure.

    Attributes:
        id: the rule's id.
        citation: the clause (or the clause an interpretation reads it into).
        proration: full figure, or by days in service.
        rounding: how a prorated figure is rounded (e.g. up to whole hours).
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    proration: Proration = checked(enum_of(Proration))
    rounding: Rounding | None = checked(optional(instance(Rounding)), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields; a prorated figure needs a stated rounding."""
        normalise(self)
        if self.proration is Proration.BY_DAYS and self.rounding is None:
            raise PolicyDataError(
                "a figure prorated by days is rarely a finite decimal: state its rounding",
                path="rounding",
                code="policy.missing",
            )
