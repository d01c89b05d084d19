"""Checks of ``evaluate``'s arguments: typed errors naming the argument and the field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import MAXYEAR, date
from typing import Any

from trainingrules.errors import InvalidInputError
from trainingrules.policy._rules import PeriodScheme, Policy
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord
from trainingrules.regions import contains

__all__ = [
    "canonical",
    "check_arguments",
    "check_outcome",
    "check_outcome_list",
    "check_outcomes",
    "check_records",
    "raise_duplicate",
    "raise_not_a_record",
    "region_error",
]


def canonical(record: TrainingRecord) -> tuple[date, str]:
    """A record's place in results (ledger, courses): by completion date, then id.

    Ids are unique (checked), so the order never depends on the input's.
    """
    return (record.completed_on, record.id)


def region_error(policy: Policy, region: str, path: str) -> InvalidInputError | None:
    """The error for a teacher's region outside the policy's (``None``: inside, or not stated).

    The one wording of ``input.region``: ``evaluate``, ``Request`` and the table path
    use it.
    """
    if not region or contains(policy.region, region):
        return None
    return InvalidInputError(
        f"the teacher's region {region} is outside the policy's region "
        f"{policy.region} ({policy.id})",
        path=path,
        code="input.region",
    )


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
    outside = region_error(policy, teacher.region, "teacher.region")
    if outside is not None:
        raise outside
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
    for i, item in enumerate(outcomes):
        path = f"outcomes[{i}]"
        outcome = check_outcome(schemes, item, path)
        key = (outcome.scheme, outcome.start)
        if key in recorded:
            raise InvalidInputError(
                f"two outcomes for {outcome.scheme} from {outcome.start}",
                path=path,
                code="input.duplicate",
            )
        recorded[key] = outcome
    return recorded


def check_outcome(schemes: dict[str, PeriodScheme], outcome: object, path: str) -> Outcome:
    """``outcome`` if it is an ``Outcome`` for a period of one of ``schemes``, else raise."""
    if type(outcome) is not Outcome:
        raise InvalidInputError(
            f"expected an Outcome, got {type(outcome).__name__}", path=path, code="input.type"
        )
    scheme = schemes.get(outcome.scheme)
    if scheme is None:
        raise InvalidInputError(
            f"the policy has no period scheme {outcome.scheme!r} (it has: {', '.join(schemes)})",
            path=f"{path}.scheme",
            code="input.unknown_scheme",
        )
    _check_start(scheme, outcome.start, f"{path}.start")
    return outcome


def _check_start(scheme: PeriodScheme, start: date, path: str) -> None:
    """Raise unless ``start`` starts a period of ``scheme`` that ends on a day a date holds."""
    cycle = scheme.cycle
    if cycle is not None:
        k = scheme.index_of(start)
        if (
            k is None
            or start.year != cycle.anchor.year + cycle.years * k
            or (cycle.start_of(k) != start)
        ):
            raise InvalidInputError(
                f"{start} is not the start of a period of {scheme.id}",
                path=path,
                code="input.period",
            )
    if start.year + scheme.years > MAXYEAR:
        raise InvalidInputError(
            f"the period of {scheme.id} from {start} ends after {date.max}, the last day "
            "a date can hold",
            path=path,
            code="input.range",
        )


def check_records(records: object) -> tuple[TrainingRecord, ...]:
    """``records`` as a tuple, or ``InvalidInputError`` if it is not an iterable of them.

    Every item must be a ``TrainingRecord`` itself: an object that merely has the same
    attributes was never validated (hours, dates, choices), so it is refused.
    """
    items = _collection(records, "records", "training records")
    raise_not_a_record(items)
    return items


def check_outcome_list(outcomes: object) -> tuple[Any, ...]:
    """``outcomes`` as a tuple, or ``InvalidInputError`` if it is not an iterable of them."""
    return _collection(outcomes, "outcomes", "outcomes")


def _collection(value: object, path: str, what: str) -> tuple[Any, ...]:
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidInputError(
            f"expected an iterable of {what}, got {type(value).__name__}",
            path=path,
            code="input.type",
        )
    return tuple(value)


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
    for i, record in enumerate(records):  # pragma: no branch - called when an id repeats
        if record.id in seen:
            raise InvalidInputError(
                f"duplicate record id {record.id!r}",
                path=f"records[{i}].id",
                code="input.duplicate",
            )
        seen.add(record.id)
