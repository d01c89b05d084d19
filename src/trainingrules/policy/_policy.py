"""``Policy``: one regulation as a tuple of cited rules, with its interpretations."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias, TypeVar

import attrs

from trainingrules._json import fingerprint
from trainingrules._values import checked, normalise, optional
from trainingrules.errors import PolicyDataError, UnknownPolicyError
from trainingrules.policy._assessment import (
    AttendanceRule,
    CourseGrading,
    ExamRule,
    WrittenWorkRule,
)
from trainingrules.policy._checks import day, instance, text, tuple_of
from trainingrules.policy._consequences import Consequence, RemedialRule
from trainingrules.policy._consistency import check_references
from trainingrules.policy._counting import CountRule, CreditStateRule, ExcludeRule
from trainingrules.policy._money import BudgetShare, FeeSchedule
from trainingrules.policy._periods import PeriodScheme
from trainingrules.policy._requirements import HoursRequirement, ServiceRule
from trainingrules.policy._sources import Document, Limitation, Text
from trainingrules.regions import check_code

__all__ = ["RULE_TYPES", "Interpretation", "Policy", "Rule"]

_T = TypeVar("_T")


Rule: TypeAlias = (
    PeriodScheme
    | CountRule
    | CreditStateRule
    | ExcludeRule
    | HoursRequirement
    | CourseGrading
    | ExamRule
    | WrittenWorkRule
    | AttendanceRule
    | RemedialRule
    | Consequence
    | FeeSchedule
    | BudgetShare
    | ServiceRule
)
RULE_TYPES: tuple[type[Any], ...] = (
    PeriodScheme,
    CountRule,
    CreditStateRule,
    ExcludeRule,
    HoursRequirement,
    CourseGrading,
    ExamRule,
    WrittenWorkRule,
    AttendanceRule,
    RemedialRule,
    Consequence,
    FeeSchedule,
    BudgetShare,
    ServiceRule,
)


def _rule(value: object, path: str) -> Rule:
    if not isinstance(value, RULE_TYPES):
        raise PolicyDataError(
            f"{type(value).__name__} is not a rule building block", path=path, code="policy.type"
        )
    return value  # type: ignore[no-any-return]


def _region(value: object, path: str) -> str:
    region = text(value, path)
    if region != "CN" and not (len(region) == 6 and region.isascii() and region.isdigit()):
        raise PolicyDataError(
            f"{region!r} is neither 'CN' nor a six-digit GB/T 2260 code",
            path=path,
            code="policy.region",
        )
    return check_code(region, path=path, error=PolicyDataError)


@attrs.frozen
class Interpretation:
    """A reading chosen where the text is ambiguous, with the alternative.

    Attributes:
        id: e.g. ``"H2.years"``.
        text_says: what the text says.
        reading: the reading this policy encodes.
        alternative: the other reading.
        rules: ids of the rules the reading affects.
        alternative_rules: the same rules encoded by the alternative reading, if it
            can be encoded without inventing figures; ``Policy.alternative`` swaps
            them in to make the variant policy.
    """

    id: str = checked(text)
    text_says: str = checked(text)
    reading: str = checked(text)
    alternative: str = checked(text)
    rules: tuple[str, ...] = checked(tuple_of(text))
    alternative_rules: tuple[Rule, ...] = checked(tuple_of(_rule), default=())

    __attrs_post_init__ = normalise


@attrs.frozen(cache_hash=True)
class Policy:
    """One regulation (or one reading of it) as immutable, cited data.

    Attributes:
        id: catalogue id, e.g. ``"jx-2014"``; a variant's id is ``parent~reading``.
        title: Chinese and English title.
        region: GB/T 2260 code (``"360000"``), or ``"CN"`` for national rules.
        effective_from: first day in force.
        effective_to: last day in force, or ``None`` (the default) if open.
        documents: the documents encoded; every citation names one of them.
        rules: the rule building blocks.
        interpretations: readings chosen where the text is ambiguous.
        limitations: what the policy deliberately does not compute, and why.
        parent: id of the policy this one is a variant of.
    """

    id: str = checked(text)
    title: Text = checked(instance(Text))
    region: str = checked(_region)
    effective_from: date = checked(day)
    effective_to: date | None = checked(optional(day), default=None, kw_only=True)
    documents: tuple[Document, ...] = checked(tuple_of(instance(Document)))
    rules: tuple[Rule, ...] = checked(tuple_of(_rule))
    interpretations: tuple[Interpretation, ...] = checked(
        tuple_of(instance(Interpretation)), default=()
    )
    limitations: tuple[Limitation, ...] = checked(tuple_of(instance(Limitation)), default=())
    parent: str | None = checked(optional(text), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the rules refer to each other consistently."""
        normalise(self)
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise PolicyDataError(
                f"in force until {self.effective_to}, before it starts on {self.effective_from}",
                path="effective_to",
                code="policy.order",
            )
        check_references(self)

    @property
    def fingerprint(self) -> str:
        """SHA-256 (hex) of the policy's canonical JSON; results stamp it (docs/service.md)."""
        from trainingrules.policy._data import to_dict  # noqa: PLC0415 - _data imports this module

        return fingerprint(to_dict(self))

    def of_type(self, kind: type[_T]) -> tuple[_T, ...]:
        """The rules of one building block, in policy order."""
        return tuple(rule for rule in self.rules if isinstance(rule, kind))

    def rule(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UnknownPolicyError(
            f"{self.id} has no rule {rule_id!r}", path="rule_id", code="policy.no_rule"
        )

    def in_force(self, day: date) -> bool:
        """Whether the policy is in force on ``day``."""
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def variant(self, id: str, **changes: Any) -> Policy:  # noqa: A002, ANN401 - mirrors attrs.evolve
        """A new policy with ``id``, this policy as its parent, and ``changes`` applied."""
        return attrs.evolve(self, id=id, parent=self.id, **changes)

    def alternative(self, interpretation_id: str) -> Policy:
        """The variant that takes the alternative reading of an ``Interpretation``.

        The variant's id is ``"<id>~<interpretation id>"``; its rules are this policy's
        with the interpretation's ``alternative_rules`` swapped in, and its
        interpretation note is swapped too (reading ↔ alternative), so that taking
        the alternative of the variant gives back this policy's rules.
        """
        for i, note in enumerate(self.interpretations):  # noqa: B007 - i is used after the loop
            if note.id == interpretation_id:
                break
        else:
            known = ", ".join(n.id for n in self.interpretations) or "none"
            raise PolicyDataError(
                f"{self.id} has no interpretation {interpretation_id!r} (known: {known})",
                path="interpretations",
                code="policy.reference",
            )
        if not note.alternative_rules:
            raise PolicyDataError(
                f"the alternative of {interpretation_id} cannot be encoded: {note.alternative}",
                path=f"interpretations[{i}].alternative_rules",
                code="policy.no_alternative",
            )
        swap = {rule.id: rule for rule in note.alternative_rules}
        replaced = tuple(self.rule(rule_id) for rule_id in swap)
        swapped = attrs.evolve(
            note,
            reading=note.alternative,
            alternative=note.reading,
            alternative_rules=replaced,
        )
        notes = (*self.interpretations[:i], swapped, *self.interpretations[i + 1 :])
        rules = tuple(swap.get(rule.id, rule) for rule in self.rules)
        return self.variant(f"{self.id}~{interpretation_id}", rules=rules, interpretations=notes)
