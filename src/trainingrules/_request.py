"""``Request``: one evaluation asked for as JSON (a policy, a teacher, records, a date).

``Request.from_dict`` reads what a service receives and reports every problem at
once, each with its full path (``records[3].hours``), code and message, in one
``InputErrors``; ``Request.evaluate`` runs it. ``docs/inputs.md`` is the reference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs

from trainingrules._from_json import (
    FAILED,
    Collector,
    check_depth,
    decode,
    parse_date,
    read,
    unknown_keys,
)
from trainingrules._limits import MAX_ITEMS, MAX_RECORDS, MAX_TEXT
from trainingrules._values import (
    check_date,
    check_instance,
    checked,
    instance_of,
    normalise,
    optional,
    show,
)
from trainingrules.engine import Evaluation, compile_policy, evaluate
from trainingrules.engine._inputs import check_outcome, region_error
from trainingrules.errors import InputErrors, InvalidInputError, TrainingRulesError
from trainingrules.policy import DEFAULT, Catalogue, Policy
from trainingrules.policy import from_dict as policy_from_dict
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord

__all__ = ["FORMS", "Request"]

FORMS = ("full", "summary")
"""The forms of a result a request may ask for: every detail, or the summary form."""

_KEYS = ("policy", "teacher", "records", "as_of", "outcomes", "assessment", "form")


def _items(kind: type[Any], limit: int, value: object, path: str) -> tuple[Any, ...]:
    """``value`` as a tuple, if it is a collection of at most ``limit`` instances of ``kind``."""
    if isinstance(value, str | bytes | dict) or not isinstance(value, list | tuple):
        raise InvalidInputError(
            f"expected a list, got {type(value).__name__}", path=path, code="input.type"
        )
    if len(value) > limit:
        raise InvalidInputError(
            f"{len(value):,} items, more than the {limit:,} allowed",
            path=path,
            code="input.too_many",
        )
    return tuple(check_instance(item, kind, f"{path}[{i}]") for i, item in enumerate(value))


# The field checks call ``_items`` when a value is checked (not when the class is built).
def _records(value: object, path: str) -> tuple[TrainingRecord, ...]:
    return _items(TrainingRecord, MAX_RECORDS, value, path)


def _outcomes(value: object, path: str) -> tuple[Outcome, ...]:
    return _items(Outcome, MAX_ITEMS, value, path)


def _form(value: object, path: str) -> str:
    if value not in FORMS:
        raise InvalidInputError(
            f"{show(value)} is not one of: {', '.join(FORMS)}", path=path, code="input.choice"
        )
    return str(value)


@attrs.frozen
class Request:
    """One evaluation: a policy, a teacher, their records, the date, and options.

    Build it with ``Request.from_dict`` from what a service receives, or directly
    from objects; ``evaluate()`` runs it.

    >>> request = Request.from_dict({
    ...     "policy": "cn-2011",
    ...     "teacher": {"id": "T1", "birth_date": "1975-04-02", "sex": "female"},
    ...     "records": [{"id": "R1", "hours": "360", "completed_on": "2014-06-30",
    ...                  "category": "remote"}],
    ...     "as_of": "2016-03-01",
    ... })
    >>> request.evaluate().status.value  # 2011-2015 passed, 2016-2020 in progress
    'in_progress'

    Attributes:
        policy: the policy applied.
        teacher: the teacher.
        records: the teacher's training records (at most ``MAX_RECORDS``).
        as_of: the evaluation date.
        outcomes: results decided elsewhere (J2).
        assessment: exam sittings and written work, or ``None``.
        form: ``"full"`` (every detail) or ``"summary"``: which result the caller
            wants; ``evaluate`` computes the same ``Evaluation`` for both.
    """

    policy: Policy = checked(instance_of(Policy))
    teacher: Teacher = checked(instance_of(Teacher))
    records: tuple[TrainingRecord, ...] = checked(_records)
    as_of: date = checked(check_date)
    outcomes: tuple[Outcome, ...] = checked(_outcomes, default=())
    assessment: Assessment | None = checked(optional(instance_of(Assessment)), default=None)
    form: str = checked(_form, default="full")

    __attrs_post_init__ = normalise

    @classmethod
    def from_dict(cls, data: object, catalogue: Catalogue = DEFAULT) -> Request:
        """A request from JSON-safe data, every problem reported at once.

        ``data`` is ``{"policy", "teacher", "records", "as_of"}`` with optional
        ``"outcomes"``, ``"assessment"`` and ``"form"``. ``policy`` is an id of
        ``catalogue`` (``"cn-2011"``, a variant ``"nm-hohhot-2006~H2.years"``) or a
        policy dict (``policy.to_dict``); the other values are read as the inputs'
        ``from_dict`` reads them. Besides each value, it checks what ``evaluate``
        would refuse: duplicate record ids, a teacher outside the policy's region,
        outcomes for periods the policy does not have, a date beyond the periods a
        date can hold.

        Raises:
            InputErrors: always this one error class, holding every problem found
                (``errors``, ``to_list()``), each with its full path, code and message.
        """
        errors = Collector()
        if not isinstance(data, dict):
            raise InputErrors(
                [
                    InvalidInputError(
                        f"expected an object (a dict), got {type(data).__name__}",
                        code="input.type",
                    )
                ]
            )
        if not check_depth(data, "", errors):
            errors.raise_if_any()
        values = _read(data, catalogue, errors)
        if not errors.errors:
            _cross_check(values, errors)
        errors.raise_if_any()
        return cls(**values)

    def evaluate(self) -> Evaluation:
        """``evaluate`` of the request's policy, teacher, records, date and inputs."""
        return evaluate(
            self.policy,
            self.teacher,
            self.records,
            self.as_of,
            assessment=self.assessment,
            outcomes=self.outcomes,
        )


def _read(data: dict[Any, Any], catalogue: Catalogue, errors: Collector) -> dict[str, Any]:
    """Every value of ``data`` read (``FAILED`` values are left out; errors are kept)."""
    unknown_keys(data, _KEYS, "a request", "", errors)
    for key in ("policy", "teacher", "records", "as_of"):
        if key not in data:
            errors.add(
                InvalidInputError(f"missing required field {key!r}", path=key, code="input.missing")
            )
    values = {
        key: reader(data[key], catalogue, errors) for key, reader in _READERS.items() if key in data
    }
    return {key: value for key, value in values.items() if value is not FAILED}


def _policy(value: object, catalogue: Catalogue, errors: Collector) -> Any:  # noqa: ANN401
    """The policy named by an id of ``catalogue``, or built from a policy dict."""
    if isinstance(value, dict):
        try:
            return policy_from_dict(value)
        except TrainingRulesError as error:  # its own code (policy.*), its path under "policy"
            errors.add(error.at("policy"))
            return FAILED
    if not isinstance(value, str):
        errors.add(
            InvalidInputError(
                f"expected a policy id or a policy object, got {type(value).__name__}",
                path="policy",
                code="input.type",
            )
        )
        return FAILED
    if len(value) > MAX_TEXT:
        errors.add(
            InvalidInputError(
                f"a policy id of {len(value):,} characters (at most {MAX_TEXT})",
                path="policy",
                code="input.too_long",
            )
        )
        return FAILED
    try:
        return catalogue.get(value)
    except TrainingRulesError as error:  # an unknown id keeps its code (policy.unknown)
        errors.add(InvalidInputError(error.message, path="policy", code=error.code))
        return FAILED


def _list(kind: type[Any], value: object, path: str, limit: int, errors: Collector) -> Any:  # noqa: ANN401
    """A list of ``kind`` read item by item, or ``FAILED``."""
    if not isinstance(value, list):
        errors.add(
            InvalidInputError(
                f"expected a list, got {type(value).__name__}", path=path, code="input.type"
            )
        )
        return FAILED
    if len(value) > limit:
        errors.add(
            InvalidInputError(
                f"{len(value):,} items, more than the {limit:,} allowed",
                path=path,
                code="input.too_many",
            )
        )
        return FAILED
    items = [decode(kind, item, f"{path}[{i}]", errors) for i, item in enumerate(value)]
    return FAILED if any(item is FAILED for item in items) else tuple(items)


_Reader = Callable[[Any, Catalogue, Collector], Any]
_READERS: dict[str, _Reader] = {
    "policy": _policy,
    "teacher": lambda value, _, errors: decode(Teacher, value, "teacher", errors),
    "records": lambda value, _, errors: _list(
        TrainingRecord, value, "records", MAX_RECORDS, errors
    ),
    "as_of": lambda value, _, errors: read(parse_date, value, "as_of", errors),
    "outcomes": lambda value, _, errors: _list(Outcome, value, "outcomes", MAX_ITEMS, errors),
    "assessment": lambda value, _, errors: (
        None if value is None else decode(Assessment, value, "assessment", errors)
    ),
    "form": lambda value, _, errors: read(_form, value, "form", errors),
}
"""How each key of a request is read, in the order its errors are reported."""


def _cross_check(values: dict[str, Any], errors: Collector) -> None:
    """What ``evaluate`` would refuse in values that are each valid, every instance of it."""
    policy: Policy = values["policy"]
    teacher: Teacher = values["teacher"]
    seen: set[str] = set()
    for i, record in enumerate(values["records"]):
        if record.id in seen:
            errors.add(
                InvalidInputError(
                    f"duplicate record id {record.id!r}",
                    path=f"records[{i}].id",
                    code="input.duplicate",
                )
            )
        seen.add(record.id)
    outside = region_error(policy, teacher.region, "teacher.region")
    if outside is not None:
        errors.add(outside)
    plan = compile_policy(policy)
    periods: set[tuple[str, date]] = set()
    for i, outcome in enumerate(values.get("outcomes", ())):
        path = f"outcomes[{i}]"
        try:
            check_outcome(plan.schemes, outcome, path)
        except InvalidInputError as error:
            errors.add(error)
            continue
        if (outcome.scheme, outcome.start) in periods:
            errors.add(
                InvalidInputError(
                    f"two outcomes for {outcome.scheme} from {outcome.start}",
                    path=path,
                    code="input.duplicate",
                )
            )
        periods.add((outcome.scheme, outcome.start))
    try:
        plan.measure(values["as_of"])
    except InvalidInputError as error:
        errors.add(error)
