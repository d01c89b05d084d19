"""Which records count, as what and at what ratio; which credit states count."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.errors import PolicyDataError
from trainingrules.policy._checks import (
    amount,
    enum_of,
    instance,
    set_of,
    string,
    text,
)
from trainingrules.policy._sources import Citation, Text
from trainingrules.records import CreditState, ProviderLevel, TrainingRecord
from trainingrules.scoring import Rounding

__all__ = ["CountRule", "CreditStateRule", "ExcludeRule", "Selector", "Unit"]

ONE = Decimal(1)


class Unit(enum.StrEnum):
    """What a bucket is counted in."""

    HOURS = "hours"
    """学时: training hours."""
    CREDITS = "credits"
    """学分: credits, converted from hours at a count rule's ratio."""


@attrs.frozen
class Selector:
    """Which records a rule applies to; an empty set means "any"."""

    categories: frozenset[str] = checked(set_of(text), default=frozenset())
    programmes: frozenset[str] = checked(set_of(string), default=frozenset())
    provider_levels: frozenset[ProviderLevel] = checked(
        set_of(enum_of(ProviderLevel)), default=frozenset()
    )

    __attrs_post_init__ = normalise

    def within(self, other: Selector) -> bool:
        """Whether every record this selector selects is selected by ``other`` too."""
        return all(not theirs or (mine and mine <= theirs) for mine, theirs in self._sets(other))

    def overlaps(self, other: Selector) -> bool:
        """Whether some record could be selected by both selectors."""
        return all(not mine or not theirs or mine & theirs for mine, theirs in self._sets(other))

    def _sets(self, other: Selector) -> tuple[tuple[frozenset[object], frozenset[object]], ...]:
        return (
            (self.categories, other.categories),
            (self.programmes, other.programmes),
            (self.provider_levels, other.provider_levels),
        )

    def matches(self, record: TrainingRecord) -> bool:
        """Whether ``record`` is selected."""
        return (
            (not self.categories or record.category in self.categories)
            and (not self.programmes or record.programme in self.programmes)
            and (not self.provider_levels or record.provider_level in self.provider_levels)
        )


@attrs.frozen
class CountRule:
    """Records matching ``selector`` count as ``bucket``, ``ratio`` units per hour.

    Precedence does not depend on the order of the rules: when several rules match
    a record, the one with the **narrowest** selector decides (a programme's offset
    before the catch-all). Two rules whose selectors overlap without one containing
    the other are rejected when the policy is built, since neither reading of such
    a record would be stated by the policy. A record no rule matches is excluded as
    not recognised.

    Attributes:
        id: the rule's id.
        citation: the clause.
        selector: which records.
        bucket: what they count as; requirements sum buckets.
        ratio: units of the bucket per recorded hour: ``1`` (one hour is one hour),
            an offset's ratio (学分冲抵), or a conversion such as ``0.1`` (10 hours =
            1 credit).
        unit: the bucket's unit, 学时 (``HOURS``) or 学分 (``CREDITS``); every rule
            filling a bucket states the same unit.
        rounding: how the converted amount of each record is rounded, as the text
            states (e.g. whole credits, rounded down); ``None``: exact.
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    selector: Selector = checked(instance(Selector))
    bucket: str = checked(text)
    ratio: Decimal = checked(amount, default=ONE)
    unit: Unit = checked(enum_of(Unit), default=Unit.HOURS)
    rounding: Rounding | None = checked(optional(instance(Rounding)), default=None)

    __attrs_post_init__ = normalise

    def credit(self, hours: Decimal) -> Decimal:
        """What a record of ``hours`` adds to the bucket."""
        amount = hours * self.ratio
        return amount if self.rounding is None else self.rounding.apply(amount)


@attrs.frozen
class CreditStateRule:
    """Only records whose credit is in one of ``states`` count (X1)."""

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    states: frozenset[CreditState] = checked(set_of(enum_of(CreditState)))

    __attrs_post_init__ = normalise


@attrs.frozen
class ExcludeRule:
    """Records matching ``selector`` never count, whatever the count rules say (H1).

    A regulation that counts "in-service **non-degree** training" (在职非学历培训)
    rules out degree study even where a catch-all count rule would take every
    category. The engine checks exclude rules before the credit state and the count
    rules (a record completed after the evaluation date is reported as such first);
    an excluded record is in the ledger with reason ``ruled_out``, citing this rule,
    with its ``reason``.

    Attributes:
        id: the rule's id, e.g. ``"H1.non_degree"``.
        citation: the clause that rules the records out.
        selector: which records (it names at least a category, programme or level).
        reason: why they do not count, in Chinese and English, as a teacher reads it
            (e.g. ``Text("学历教育不属于在职非学历培训", "degree study is not ...")``).
    """

    id: str = checked(text)
    citation: Citation = checked(instance(Citation))
    selector: Selector = checked(instance(Selector))
    reason: Text = checked(instance(Text))

    def __attrs_post_init__(self) -> None:
        """Check the fields; a selector that selects everything would exclude every record."""
        normalise(self)
        if self.selector == Selector():
            raise PolicyDataError(
                "an exclude rule names the categories, programmes or provider levels it "
                "rules out; an empty selector would rule out every record",
                path="selector",
                code="policy.empty",
            )
