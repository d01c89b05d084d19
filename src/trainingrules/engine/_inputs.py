"""Checks of ``evaluate``'s arguments: typed errors naming the argument and the field."""

from __future__ import annotations

from datetime import date

from trainingrules.errors import InvalidInputError
from trainingrules.policy._rules import PeriodScheme, Policy
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord
from trainingrules.regions import contains

__all__ = ["check_arguments", "check_outcomes", "raise_duplicate", "raise_not_a_record"]


def check_arguments(policy: object, teacher: object, as_of: object, assessment: object) -> None:
    """Raise ``InvalidInputError`` (code ``input.type``) for an argument of the wrong type."""
    if not isinstance(policy, Policy):
        raise InvalidInputError(
            f"expected a Policy, got {type(policy).__name__}", path="policy", code="input.type"
        )
    if not isinstance(teacher, Teacher):
        raise InvalidInputError(
            f"expected a Teacher, got {type(teacher).__name__}", path="teacher", code="input.type"
        )
    if type(as_of) is not date:
        raise InvalidInputError("expected a date", path="as_of", code="input.type")
    if teacher.region and not contains(policy.region, teacher.region):
        raise InvalidInputError(
            f"the teacher's region {teacher.region} is outside the policy's region "
            f"{policy.region} ({policy.id})",
            path="teacher.region",
            code="input.region",
        )
    if assessment is not None and not isinstance(assessment, Assessment):
        raise InvalidInputError(
            f"expected an Assessment, got {type(assessment).__name__}",
            path="assessment",
            code="input.type",
        )


def check_outcomes(
    schemes: dict[str, PeriodScheme], outcomes: tuple[object, ...]
) -> dict[tuple[str, date], Outcome]:
    """The outcomes by (scheme, period start), each checked against the policy's schemes."""
    recorded: dict[tuple[str, date], Outcome] = {}
    for i, outcome in enumerate(outcomes):
        path = f"outcomes[{i}]"
        if type(outcome) is not Outcome:
            raise InvalidInputError(
                f"expected an Outcome, got {type(outcome).__name__}", path=path, code="input.type"
            )
        scheme = schemes.get(outcome.scheme)
        if scheme is None:
            raise InvalidInputError(
                f"the policy has no period scheme {outcome.scheme!r} "
                f"(it has: {', '.join(schemes)})",
                path=f"{path}.scheme",
                code="input.unknown_scheme",
            )
        cycle = scheme.cycle
        if cycle is not None:
            k = scheme.index_of(outcome.start)
            if k is None or cycle.start_of(k) != outcome.start:
                raise InvalidInputError(
                    f"{outcome.start} is not the start of a period of {scheme.id}",
                    path=f"{path}.start",
                    code="input.period",
                )
        key = (outcome.scheme, outcome.start)
        if key in recorded:
            raise InvalidInputError(
                f"two outcomes for {outcome.scheme} from {outcome.start}",
                path=path,
                code="input.duplicate",
            )
        recorded[key] = outcome
    return recorded


def raise_not_a_record(records: tuple[object, ...]) -> None:
    """Raise for the first item of ``records`` that is not a ``TrainingRecord``."""
    for i, record in enumerate(records):
        if type(record) is not TrainingRecord:
            raise InvalidInputError(
                f"expected a TrainingRecord, got {type(record).__name__}",
                path=f"records[{i}]",
                code="input.type",
            )


def raise_duplicate(records: tuple[TrainingRecord, ...]) -> None:
    """Raise for the first record whose id an earlier record already has."""
    seen: set[str] = set()
    for i, record in enumerate(records):
        if record.id in seen:
            raise InvalidInputError(
                f"duplicate record id {record.id!r}",
                path=f"records[{i}].id",
                code="input.duplicate",
            )
        seen.add(record.id)
