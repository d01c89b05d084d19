"""What a teacher must reach in each period: minimums over buckets, by title."""

from __future__ import annotations

from decimal import Decimal

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.policy._checks import (
    amount,
    instance,
    set_of,
    text,
)
from trainingrules.policy._sources import Citation, Text
from trainingrules.records import Title

__all__ = ["ByTitle", "HoursRequirement"]


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


@attrs.frozen
class HoursRequirement:
    """At least ``minimum`` counted hours in each period of ``scheme``, over ``buckets``.

    ``buckets`` empty means every counted hour. A title whose amount is ``None`` is not
    subject to the requirement (the text states no figure for it).
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    label: Text = checked(instance(Text))
    scheme: str = checked(text)
    minimum: ByTitle = checked(instance(ByTitle))
    buckets: frozenset[str] = checked(set_of(text), default=frozenset())

    __attrs_post_init__ = normalise
