"""Cross-reference checks: every rule id, scheme, bucket and document a policy names exists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trainingrules.errors import PolicyDataError
from trainingrules.policy._assessment import (
    AttendanceRule,
    CourseGrading,
    ExamRule,
    WrittenWorkRule,
)
from trainingrules.policy._counting import CountRule, CreditStateRule, Unit
from trainingrules.policy._money import BudgetShare, FeeSchedule
from trainingrules.policy._periods import PeriodScheme
from trainingrules.policy._requirements import HoursRequirement, ServiceRule
from trainingrules.policy._sources import Citation

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trainingrules.policy._policy import Policy

__all__ = ["check_references"]

SINGLETON_TYPES = (
    CreditStateRule,
    CourseGrading,
    WrittenWorkRule,
    AttendanceRule,
    FeeSchedule,
    BudgetShare,
    ServiceRule,
)
ASSESSMENT_TYPES = (ExamRule, WrittenWorkRule, AttendanceRule)


def check_references(policy: Policy) -> None:  # noqa: C901, PLR0912 - one pass over all references
    """Raise ``PolicyDataError`` naming the first inconsistent reference between rules."""
    documents = {doc.number for doc in policy.documents}
    if not documents:
        raise PolicyDataError(
            "a policy encodes at least one document", path="documents", code="policy.empty"
        )
    _refuse_repeat([doc.number for doc in policy.documents], "document", "documents[{}].number")
    schemes = {rule.id: rule for rule in policy.rules if isinstance(rule, PeriodScheme)}
    buckets = {rule.bucket for rule in policy.rules if isinstance(rule, CountRule)}
    seen: set[str] = set()
    singletons: set[type[Any]] = set()
    for i, rule in enumerate(policy.rules):
        path = f"rules[{i}]"
        if rule.id in seen:
            raise PolicyDataError(
                f"duplicate rule id {rule.id!r}", path=f"{path}.id", code="policy.duplicate"
            )
        seen.add(rule.id)
        for where, citation in _citations(rule):
            if citation.document not in documents:
                raise PolicyDataError(
                    f"cites {citation.document!r}, which is not among the policy's documents",
                    path=f"{path}.{where}.document",
                    code="policy.reference",
                )
        if isinstance(rule, SINGLETON_TYPES):
            if type(rule) in singletons:
                raise PolicyDataError(
                    f"a policy has at most one {type(rule).__name__}",
                    path=path,
                    code="policy.duplicate",
                )
            singletons.add(type(rule))
        for field in ("scheme", "trigger", "within"):
            scheme_id = getattr(rule, field, None)
            if scheme_id is not None and scheme_id not in schemes:
                raise PolicyDataError(
                    f"refers to period scheme {scheme_id!r}, which the policy does not define",
                    path=f"{path}.{field}",
                    code="policy.reference",
                )
        if isinstance(rule, HoursRequirement):
            inner = {c.bucket for c in rule.caps} | {p.bucket for p in rule.parts}
            if rule.including is not None:
                inner |= rule.including.buckets
            unknown = sorted((rule.buckets | inner) - buckets)
            if unknown:
                raise PolicyDataError(
                    f"counts buckets {unknown} that no count rule fills",
                    path=f"{path}.buckets",
                    code="policy.reference",
                )
        if isinstance(rule, ASSESSMENT_TYPES):
            scheme = schemes[rule.scheme]
            if scheme.start is None or scheme.count != 1:
                raise PolicyDataError(
                    "assessment rules apply to a scheme of exactly one dated period",
                    path=f"{path}.scheme",
                    code="policy.reference",
                )

    _check_interpretations(policy, seen)

    for i, rule in enumerate(policy.rules):
        if (
            isinstance(rule, PeriodScheme)
            and rule.start is not None
            and policy.effective_to is not None
            and rule.start > policy.effective_to
        ):
            raise PolicyDataError(
                f"its first period starts on {rule.start}, after the policy ends on "
                f"{policy.effective_to}",
                path=f"rules[{i}].start",
                code="policy.order",
            )
    capped: dict[tuple[str, str], str] = {}
    for i, rule in enumerate(policy.rules):
        if isinstance(rule, HoursRequirement):
            for j, cap in enumerate(rule.caps):
                other = capped.setdefault((rule.scheme, cap.bucket), rule.id)
                if other != rule.id:
                    raise PolicyDataError(
                        f"{cap.bucket!r} is already capped by {other} in scheme {rule.scheme}; "
                        "a bucket is capped at most once per scheme",
                        path=f"rules[{i}].caps[{j}].bucket",
                        code="policy.duplicate",
                    )
    check_count_rules(policy)
    check_windows(policy)


def _check_interpretations(policy: Policy, rule_ids: set[str]) -> None:
    """Raise for a repeated interpretation id, rule id or alternative, or a dangling one."""
    notes = policy.interpretations
    _refuse_repeat([note.id for note in notes], "interpretation id", "interpretations[{}].id")
    for i, note in enumerate(notes):
        _refuse_repeat(note.rules, "rule id", f"interpretations[{i}].rules[{{}}]")
        _refuse_repeat(
            [rule.id for rule in note.alternative_rules],
            "alternative rule id",
            f"interpretations[{i}].alternative_rules[{{}}].id",
        )
        for j, rule_id in enumerate(note.rules):
            if rule_id not in rule_ids:
                raise PolicyDataError(
                    f"names rule {rule_id!r}, which the policy does not have",
                    path=f"interpretations[{i}].rules[{j}]",
                    code="policy.reference",
                )
        for j, alternative in enumerate(note.alternative_rules):
            if alternative.id not in note.rules:
                raise PolicyDataError(
                    f"replaces rule {alternative.id!r}, which the interpretation does not name",
                    path=f"interpretations[{i}].alternative_rules[{j}].id",
                    code="policy.reference",
                )


def _refuse_repeat(values: Sequence[str], what: str, path: str) -> None:
    """Raise ``policy.duplicate`` at the first value an earlier one repeats.

    ``path`` has a ``{}`` for the repeat's index. A repeated document number would make
    a citation ambiguous; a rule named twice by a reading would be swapped twice.
    """
    seen: set[str] = set()
    for i, value in enumerate(values):
        if value in seen:
            raise PolicyDataError(
                f"duplicate {what} {value!r}", path=path.format(i), code="policy.duplicate"
            )
        seen.add(value)


def _citations(rule: object) -> list[tuple[str, Citation]]:
    """Every citation a rule carries, with its field path: its own and its parts'."""
    found: list[tuple[str, Citation]] = [("citation", rule.citation)]  # type: ignore[attr-defined]
    if isinstance(rule, HoursRequirement):
        found += [(f"caps[{i}].citation", cap.citation) for i, cap in enumerate(rule.caps)]
        if rule.including is not None:
            found.append(("including.citation", rule.including.citation))
    if isinstance(rule, CourseGrading) and rule.prerequisites_citation is not None:
        found.append(("prerequisites_citation", rule.prerequisites_citation))
    return found


def bucket_units(policy: Policy) -> dict[str, Unit]:
    """The unit of each bucket, as its count rules state it."""
    return {rule.bucket: rule.unit for rule in policy.rules if isinstance(rule, CountRule)}


def check_count_rules(policy: Policy) -> None:
    """Precedence and units of the count rules are unambiguous.

    Two rules whose selectors overlap must be nested (the narrower decides) and not
    equal; every rule filling one bucket states the same unit; a requirement sums
    buckets of one unit.
    """
    rules = [(i, rule) for i, rule in enumerate(policy.rules) if isinstance(rule, CountRule)]
    units: dict[str, tuple[int, CountRule]] = {}
    for n, (i, rule) in enumerate(rules):
        first = units.setdefault(rule.bucket, (i, rule))[1]
        if first.unit is not rule.unit:
            raise PolicyDataError(
                f"{rule.id} fills bucket {rule.bucket!r} in {rule.unit.value}, "
                f"but {first.id} fills it in {first.unit.value}",
                path=f"rules[{i}].unit",
                code="policy.unit",
            )
        for j, other in rules[:n]:
            mine, theirs = rule.selector, other.selector
            if mine == theirs:
                raise PolicyDataError(
                    f"{rule.id} selects the same records as {other.id}",
                    path=f"rules[{i}].selector",
                    code="policy.overlap",
                )
            if mine.overlaps(theirs) and not (mine.within(theirs) or theirs.within(mine)):
                raise PolicyDataError(
                    f"{rule.id} and {other.id} (rules[{j}]) overlap without one containing "
                    "the other, so which counts a record both select is not stated; "
                    "narrow one of them",
                    path=f"rules[{i}].selector",
                    code="policy.overlap",
                )
    unit_of = bucket_units(policy)
    for i, requirement in enumerate(policy.rules):
        if isinstance(requirement, HoursRequirement):
            found = {unit_of[b] for b in (requirement.buckets or unit_of) if b in unit_of}
            if len(found) > 1:
                raise PolicyDataError(
                    f"{requirement.id} adds up buckets counted in different units",
                    path=f"rules[{i}].buckets",
                    code="policy.unit",
                )


def check_windows(policy: Policy) -> None:
    """A consequence's window (``within``) is a scheme with a start: it has periods."""
    starts = {rule.id: rule.start for rule in policy.rules if isinstance(rule, PeriodScheme)}
    for i, rule in enumerate(policy.rules):
        window = getattr(rule, "within", None)
        if window is not None and starts[window] is None:
            raise PolicyDataError(
                f"{rule.id}: its window {window!r} is a scheme without a start, so it has "
                "no periods",
                path=f"rules[{i}].within",
                code="policy.reference",
            )
