"""Money: fees by title and the school training budget share."""

from __future__ import annotations

from decimal import Decimal

import attrs

from trainingrules._values import checked, normalise, to_decimal
from trainingrules.errors import PolicyDataError
from trainingrules.policy._checks import boolean, instance, text
from trainingrules.policy._requirements import ByTitle
from trainingrules.policy._sources import Citation

__all__ = ["BudgetShare", "FeeSchedule"]

ONE = Decimal(1)


@attrs.frozen
class FeeSchedule:
    """A yearly training fee by title, in yuan (F3)."""

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    per_year: ByTitle = checked(instance(ByTitle))

    __attrs_post_init__ = normalise


@attrs.frozen
class BudgetShare:
    """The share of a school's annual public-funds budget set aside for training (W2, H7).

    Attributes:
        id: the rule's id.
        citation: the clause.
        share: the share, at most 1 (``0.05`` for 5 %).
        binding: ``True`` (the default): the text sets the share (落实…5%安排); ``False``:
            the text gives it as a reference figure a school may follow (可参照), a
            recommendation rather than a mandate.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    share: Decimal = checked(lambda v, p: to_decimal(v, p, error=PolicyDataError, maximum=ONE))
    binding: bool = checked(boolean, default=True)

    __attrs_post_init__ = normalise
