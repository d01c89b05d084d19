"""Which records count, as what and at what ratio; which credit states count."""

from __future__ import annotations

from decimal import Decimal

import attrs

from trainingrules._values import checked, normalise
from trainingrules.policy._checks import (
    amount,
    enum_of,
    instance,
    set_of,
    string,
    text,
)
from trainingrules.policy._sources import Citation
from trainingrules.records import CreditState, ProviderLevel, TrainingRecord

__all__ = ["CountRule", "CreditStateRule", "Selector"]

ONE = Decimal(1)


@attrs.frozen
class Selector:
    """Which records a rule applies to; an empty set means "any"."""

    categories: frozenset[str] = checked(set_of(text), default=frozenset())
    programmes: frozenset[str] = checked(set_of(string), default=frozenset())
    provider_levels: frozenset[ProviderLevel] = checked(
        set_of(enum_of(ProviderLevel)), default=frozenset()
    )

    __attrs_post_init__ = normalise

    def matches(self, record: TrainingRecord) -> bool:
        """Whether ``record`` is selected."""
        return (
            (not self.categories or record.category in self.categories)
            and (not self.programmes or record.programme in self.programmes)
            and (not self.provider_levels or record.provider_level in self.provider_levels)
        )


@attrs.frozen
class CountRule:
    """Records matching ``selector`` count as ``bucket`` at ``ratio`` hours per hour.

    A policy's count rules are tried in order; the first that matches decides. A
    record no rule matches is excluded as not recognised.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    selector: Selector = checked(instance(Selector))
    bucket: str = checked(text)
    ratio: Decimal = checked(amount, default=ONE)

    __attrs_post_init__ = normalise


@attrs.frozen
class CreditStateRule:
    """Only records whose credit is in one of ``states`` count (X1)."""

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    states: frozenset[CreditState] = checked(set_of(enum_of(CreditState)))

    __attrs_post_init__ = normalise
