"""Many teachers from Python iterables, streamed: ``evaluate_many``.

A population too large for a list is evaluated one teacher at a time; an input
error stops that teacher only, and comes back in the stream (never dropped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date

import attrs

from trainingrules.engine._evaluation import Evaluation
from trainingrules.errors import InvalidInputError, TrainingRulesError
from trainingrules.policy._rules import Policy
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord

__all__ = ["Evaluated", "evaluate_many"]


@attrs.frozen
class Evaluated:
    """One teacher of ``evaluate_many``: their evaluation, or why there is none.

    Attributes:
        teacher_id: the teacher's id (for records of an unknown teacher: the id
            the records name).
        evaluation: the ``Evaluation``, or ``None`` when the input is in error.
        error: the error (a ``TrainingRulesError`` with ``code`` and ``path``), or
            ``None``.
    """

    teacher_id: str
    evaluation: Evaluation | None
    error: TrainingRulesError | None = None


def evaluate_many(  # noqa: PLR0913 - the inputs of a decision, each named
    policy: Policy,
    teachers: Iterable[tuple[Teacher, Iterable[TrainingRecord]]] | Iterable[Teacher],
    as_of: date,
    *,
    records: Iterable[tuple[str, TrainingRecord]] | None = None,
    outcomes: Mapping[str, Iterable[Outcome]] | None = None,
    assessments: Mapping[str, Assessment] | None = None,
) -> Iterator[Evaluated]:
    """Evaluate many teachers, yielding one ``Evaluated`` per teacher in input order.

    Two shapes of input:

    * **grouped**: ``teachers`` yields ``(teacher, records)`` pairs. Nothing is
      held beyond one teacher: memory stays flat however long the stream.
    * **ungrouped**: ``teachers`` yields ``Teacher`` objects and ``records`` yields
      ``(teacher_id, record)`` pairs in any order. The records are grouped first
      (memory grows with them); records naming no teacher of the stream come last,
      one ``Evaluated`` per unknown id with the error ``input.unknown_teacher``.

    An input ``evaluate`` refuses (a duplicate record id, a teacher outside the
    policy's region ...) gives an ``Evaluated`` with ``error`` set and no
    evaluation; the stream goes on.

    >>> from datetime import date
    >>> import trainingrules as tr
    >>> from trainingrules import policy
    >>> t = tr.Teacher(id="A", birth_date=date(1980, 1, 1), sex="female", title="senior")
    >>> r = tr.TrainingRecord(
    ...     id="1", hours="360", completed_on=date(2015, 6, 1), category="remote")
    >>> [(e.teacher_id, e.evaluation.periods[0].status.value) for e in tr.evaluate_many(
    ...     policy.get("cn-2011"), [(t, [r])], date(2016, 3, 1))]
    [('A', 'passed')]

    Raises:
        InvalidInputError: ``records`` given with grouped ``teachers`` (or not given
            with ungrouped ones): the shape of the input, not a teacher's data.
    """
    from trainingrules.engine import evaluate  # noqa: PLC0415 - the engine imports this module

    outcomes = outcomes or {}
    assessments = assessments or {}

    def one(teacher: Teacher, own: Iterable[TrainingRecord]) -> Evaluated:
        try:
            evaluation = evaluate(
                policy,
                teacher,
                own,
                as_of,
                outcomes=outcomes.get(teacher.id, ()),
                assessment=assessments.get(teacher.id),
            )
        except TrainingRulesError as error:
            return Evaluated(teacher.id, None, error)
        return Evaluated(teacher.id, evaluation)

    if records is None:
        return (one(teacher, own) for teacher, own in _pairs(teachers))
    return _ungrouped(one, teachers, records)


def _pairs(
    teachers: Iterable[object],
) -> Iterator[tuple[Teacher, Iterable[TrainingRecord]]]:
    for i, item in enumerate(teachers):
        if not isinstance(item, tuple) or len(item) != 2 or not isinstance(item[0], Teacher):
            raise InvalidInputError(
                "expected (Teacher, records) pairs, or teachers and records=",
                path=f"teachers[{i}]",
                code="input.type",
            )
        yield item[0], item[1]


def _ungrouped(
    one: Callable[[Teacher, Iterable[TrainingRecord]], Evaluated],
    teachers: Iterable[object],
    records: Iterable[tuple[str, TrainingRecord]],
) -> Iterator[Evaluated]:
    by_teacher: dict[str, list[TrainingRecord]] = {}
    for j, item in enumerate(records):
        if not isinstance(item, tuple) or len(item) != 2 or not isinstance(item[0], str):
            raise InvalidInputError(
                "with records=, records yields (teacher id, record) pairs",
                path=f"records[{j}]",
                code="input.type",
            )
        by_teacher.setdefault(item[0], []).append(item[1])
    seen: set[str] = set()
    for i, teacher in enumerate(teachers):
        if not isinstance(teacher, Teacher):
            raise InvalidInputError(
                "with records=, teachers yields Teacher objects",
                path=f"teachers[{i}]",
                code="input.type",
            )
        if teacher.id in seen:  # their records went to the first: say so, lose nothing
            yield Evaluated(
                teacher.id,
                None,
                InvalidInputError(
                    f"duplicate teacher id {teacher.id}",
                    path=f"teachers[{i}].id",
                    code="input.duplicate",
                ),
            )
            continue
        seen.add(teacher.id)
        yield one(teacher, by_teacher.pop(teacher.id, ()))
    for who, left in by_teacher.items():
        error = InvalidInputError(
            f"{len(left)} record(s) of {who!r}, who is not among the teachers",
            path="records",
            code="input.unknown_teacher",
        )
        yield Evaluated(who, None, error)
