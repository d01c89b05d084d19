"""The summary form of an evaluation: what a status screen shows, without findings.

A summary is the full form's projection (``tests/property/test_result_forms.py``
checks it for generated teachers under every catalogue policy): the statuses, each
period's requirements (required, counted, missing), the shortfall of the open
periods, the decisions and the fee. It leaves out the ledger, the courses, the
remedial details and every finding, and it is built without them: from the count
(``Tally``), with the functions the count and the explanations use to decide a
requirement (``_requirements``), and with the explanations' own decision logic run
on a plan whose findings say nothing (no message is rendered). Governed decisions
depend only on the decided periods and ``as_of``; they are memoised per plan by
those, never by a value that has more than one representation.

It is written as JSON text directly (what a service sends; ``Evaluation.to_json``),
the parts that do not depend on the teacher written once per plan: building dicts
and encoding them cost more than the evaluation itself. ``to_dict(form="summary")``
reads this text back, so the two cannot differ.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from json.encoder import encode_basestring  # json.dumps's own string encoder (C)
from typing import Any, TypeVar

from trainingrules._values import exact
from trainingrules.engine import _explain_decisions as decisions
from trainingrules.engine._conditions import condition_status
from trainingrules.engine._count import Tally, course_grade
from trainingrules.engine._inputs import canonical
from trainingrules.engine._plan import Plan, RequirementPlan
from trainingrules.engine._requirements import (
    Service,
    activity_best,
    cap_limits,
    check,
    figures,
    service,
)
from trainingrules.policy._rules import DecisionKind, Rule, Text
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord
from trainingrules.results import DecisionOutcome, Finding, Status

__all__ = ["json_text", "silent", "summary"]

ZERO = Decimal(0)
_ONE_DAY = timedelta(days=1)
_OPEN = (Status.IN_PROGRESS, Status.NOT_STARTED)
_UNSAID = Finding("", "", None, (), "", "")
_T = TypeVar("_T")


class _Silent(Plan):
    """A compiled plan whose findings say nothing, with what the summary keeps per plan.

    Attributes:
        spans: per measured scheme and period index, the period's JSON text up to its
            status, and its last day (ISO).
        governed: the governed decisions' JSON text by (``as_of``, statuses,
            recorded outcomes).
        pieces: JSON text of the plan's fixed pieces (labels, rule ids, units), and
            each scheme's stated figures by title.
    """

    def __init__(self, plan: Plan) -> None:  # Plan.__init__ would compile again
        """Share ``plan``'s compiled state (nothing is compiled again)."""
        self.__dict__.update(plan.__dict__)
        self.spans: dict[tuple[int, int], tuple[str, str]] = {}
        self.governed: dict[tuple[Any, ...], list[str]] = {}
        self.pieces: dict[object, Any] = {}

    def finding(self, code: str, rule: Rule | None, **values: object) -> Finding:  # noqa: ARG002 - silent
        """No finding: the summary has none."""
        return _UNSAID

    def span(self, s: int, k: int) -> tuple[str, str]:
        """Period ``k`` of measured scheme ``s``: its JSON up to the status, its last day."""
        found = self.spans.get((s, k))
        if found is None:
            scheme = self.measured[s]
            start, end = scheme.boundaries[k], scheme.boundaries[k + 1]
            if len(self.spans) > _MEMO_SIZE:
                self.spans.clear()
            head = (
                f'{{"scheme":{json_text(scheme.rule.id)},"label":{_label(scheme.rule.label)},'
                f'"period":{{"start":"{start.isoformat()}","end":"{end.isoformat()}"}},'
                '"status":"'
            )
            found = self.spans[s, k] = (head, (end - _ONE_DAY).isoformat())
        return found

    def piece(self, key: object, make: Callable[[], _T]) -> _T:
        """The JSON text of a fixed piece of the plan (``key``), made once."""
        found: _T | None = self.pieces.get(key)
        if found is None:
            found = self.pieces[key] = make()
        return found


_SILENT: weakref.WeakKeyDictionary[Plan, _Silent] = weakref.WeakKeyDictionary()
_MEMO_SIZE = 4096


def silent(plan: Plan) -> _Silent:
    """The silent twin of ``plan`` (made once per plan)."""
    found = _SILENT.get(plan)
    if found is None:
        found = _SILENT[plan] = _Silent(plan)
    return found


@exact
def summary(  # noqa: PLR0913, PLR0917 - the count and its inputs
    plan: Plan,
    tally: Tally,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    as_of: date,
    assessment: Assessment | None,
    outcomes: dict[tuple[str, date], Outcome],
) -> str:
    """The summary form's body as JSON text: periods, shortfall, decisions, the fee due.

    The text is the members of an object, without the braces (the stamp comes
    first). ``records`` are in input order (the tally's). Computed in the engine's
    exact decimal context.
    """
    quiet = silent(plan)
    periods, shortfall = summary_periods(quiet, tally, teacher, records, as_of, assessment)
    decided, fee = summary_decisions(quiet, tally, teacher, records, as_of, outcomes)
    return (
        f'"periods":[{",".join(periods)}],"shortfall":[{",".join(shortfall)}],'
        f'"decisions":[{",".join(decided)}],"fee_due":{_optional(fee)}'
    )


def summary_periods(  # noqa: PLR0913, PLR0917 - the count and its inputs
    plan: _Silent,
    tally: Tally,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    as_of: date,
    assessment: Assessment | None,
) -> tuple[list[str], list[str]]:
    """Every measured period (scheme order, then date) and the open periods' shortfall.

    ``records`` are in input order, as the tally's placements. The figures are those
    of ``Evaluation.periods`` and ``Evaluation.shortfall``, from the same functions.
    """
    periods: list[str] = []
    shortfall: list[str] = []
    prorated = plan.service is not None and teacher.partial_service  # else: whole figures
    title = teacher.title
    for s, scheme in enumerate(plan.measured):
        stated: dict[RequirementPlan, Decimal] = plan.piece(
            (s, title), partial(dict, scheme.figures[title])
        )
        for j, status in enumerate(tally.statuses[s]):
            k = scheme.first + j
            head, due = plan.span(s, k)
            sums = tally.totals[s][k]
            served = service(scheme, k, teacher, plan.service) if prorated else None
            applying = stated if served is None else dict(figures(scheme, teacher, served))
            still_open = status in _OPEN
            requirements: list[str] = []
            if scheme.simple:
                # No caps, parts or activities: the count's own comparison (``count``).
                for requirement in scheme.requirements:
                    figure = applying.get(requirement)
                    counted = requirement.counted(sums)
                    missing = ZERO if figure is None else max(figure - counted, ZERO)  # as check
                    requirements.append(
                        _requirement(plan, requirement, figure, counted, missing, not missing)
                    )
                    if missing and still_open:
                        still = sorted(requirement.buckets or plan.units)
                        shortfall.append(
                            _short(plan, requirement, requirement.rule.label, missing, due, still)
                        )
            else:
                found = _checked(plan, tally, s, k, teacher, records, served, applying)
                for requirement, figure, counted, missing, met, lacking in found:
                    requirements.append(
                        _requirement(plan, requirement, figure, counted, missing, met)
                    )
                    if still_open:
                        shortfall.extend(
                            _short(plan, requirement, label, hours, due, buckets)
                            for label, hours, buckets in lacking
                        )
            conditions = (
                ",".join(
                    [
                        f'{{"rule_id":{json_text(rule.id)},"status":"'
                        f'{condition_status(rule, scheme, as_of, assessment)._value_}"}}'
                        for rule in scheme.conditions
                    ]
                )
                if scheme.conditions
                else ""
            )
            periods.append(
                f'{head}{status._value_}","counted":"{sum(sums.values(), ZERO)}",'
                f'"requirements":[{",".join(requirements)}],"conditions":[{conditions}]}}'
            )
    return periods, shortfall


_Lacking = tuple[Text, Decimal, list[str]]
"""What a requirement still lacks: its label, the amount and the buckets that count."""


def _checked(  # noqa: PLR0913, PLR0917 - one period's facts
    plan: _Silent,
    tally: Tally,
    s: int,
    k: int,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    served: Service | None,
    applying: dict[RequirementPlan, Decimal],
) -> list[tuple[RequirementPlan, Decimal | None, Decimal, Decimal, bool, list[_Lacking]]]:
    """A period's requirements with caps, parts or activities, decided by ``check``.

    Per requirement: its figure, what counts, what the total lacks, whether it is met
    and everything it lacks (the total, each part, the activity), as
    ``_period_result`` reports them in ``Evaluation.periods``.
    """
    scheme = plan.measured[s]
    sums = tally.totals[s][k]
    limits = cap_limits(tuple(applying.items()), teacher, plan.service)
    # Buckets at their cap: more of them would not count, so the shortfall omits them.
    full = {b for b, (limit, _, _) in limits.items() if sums.get(b, ZERO) >= limit}
    found: list[tuple[RequirementPlan, Decimal | None, Decimal, Decimal, bool, list[_Lacking]]] = []
    for requirement in scheme.requirements:
        rule = requirement.rule
        figure = applying.get(requirement)
        if figure is None:
            found.append((requirement, None, requirement.counted(sums), ZERO, True, []))
            continue
        best = (
            activity_best(requirement, scheme, k, tally.lasts[s], records, tally.placed)
            if rule.including
            else None
        )
        result = check(requirement, figure, sums, teacher, best, served)
        lacking: list[_Lacking] = []
        if result.missing:
            still = sorted((requirement.buckets or frozenset(plan.units)) - full)
            lacking.append((rule.label, result.missing, still))
        lacking.extend(
            (part.part.label, part.missing, [part.part.bucket])
            for part in result.parts
            if part.missing
        )
        activity = rule.including
        if activity is not None and not (best is not None and best >= activity.minimum):
            buckets = sorted(activity.buckets or requirement.buckets or ())
            lacking.append((activity.label, activity.minimum, buckets))
        found.append((requirement, figure, result.counted, result.missing, result.met, lacking))
    return found


def json_text(value: str) -> str:
    """A string as JSON text, as ``json.dumps(..., ensure_ascii=False)`` writes it."""
    return encode_basestring(value)


def _optional(value: str | None) -> str:
    return "null" if value is None else f'"{value}"'


def _label(text: Text) -> str:
    return f'{{"zh":{json_text(text.zh)},"en":{json_text(text.en)}}}'


def _requirement(  # noqa: PLR0913, PLR0917 - a RequirementResult's figures
    plan: _Silent,
    requirement: RequirementPlan,
    figure: Decimal | None,
    counted: Decimal,
    missing: Decimal,
    met: bool,
) -> str:
    """A ``RequirementResult``'s figures as JSON text (decimals: ``str``, no escaping)."""
    head, tail = plan.piece(
        requirement,
        lambda: (
            f'{{"rule_id":{json_text(requirement.rule.id)},"required":',
            f',"unit":"{requirement.unit._value_}"}}',
        ),
    )
    return (
        f'{head}{_optional(None if figure is None else str(figure))},"counted":"{counted}",'
        f'"missing":"{missing}","met":{"true" if met else "false"}{tail}'
    )


def _short(  # noqa: PLR0913, PLR0917 - a Shortfall's fields
    plan: _Silent,
    requirement: RequirementPlan,
    label: Text,
    hours: Decimal,
    due: str,
    buckets: list[str],
) -> str:
    """A ``Shortfall`` as JSON text."""
    head = plan.piece(
        (requirement, label),
        lambda: f'{{"rule_id":{json_text(requirement.rule.id)},"label":{_label(label)},"hours":"',
    )
    still = ",".join(map(json_text, buckets))
    return f'{head}{hours}","due":"{due}","buckets":[{still}],"unit":"{requirement.unit._value_}"}}'


def _decision(  # noqa: PLR0913, PLR0917 - the fields of a Decision
    kind: str,
    subject: str,
    outcome: DecisionOutcome,
    year: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> str:
    return (
        f'{{"kind":"{kind}","subject":{json_text(subject)},"outcome":"{outcome._value_}",'
        f'"year":{"null" if year is None else year},'
        f'"since":{_optional(None if since is None else since.isoformat())},'
        f'"until":{_optional(None if until is None else until.isoformat())}}}'
    )


def summary_decisions(  # noqa: PLR0913, PLR0917 - the count and its inputs
    plan: _Silent,
    tally: Tally,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    as_of: date,
    outcomes: dict[tuple[str, date], Outcome],
) -> tuple[list[str], str | None]:
    """The decisions (JSON text), as ``Evaluation.eligibility`` lists them, and the fee due.

    Sitting-final decisions follow the canonical order of the records with a course.
    The governed decisions depend on the decided periods alone: they are memoised by
    the statuses of every period, the recorded outcomes and ``as_of``.
    """
    key = (
        as_of,
        tuple(map(tuple, tally.statuses)),
        tuple((scheme_id, start, o.passed) for (scheme_id, start), o in outcomes.items()),
    )
    memo = plan.governed
    governed = memo.get(key)
    verdicts: dict[str, list[decisions.Verdict]] = {}
    if governed is None:
        verdicts = _verdicts(plan, tally, outcomes)
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        governed = memo[key] = [
            _decision(item.kind._value_, "", item.outcome, item.year, item.since, item.until)
            for item in (
                decisions.decision(plan, kind, verdicts, as_of)
                for kind in decisions.governed_kinds(plan)
            )
        ]
    found = list(governed)
    grading = plan.grading
    if grading is not None:
        found.extend(
            _decision(
                DecisionKind.SIT_FINAL._value_,
                record.id,
                DecisionOutcome.ELIGIBLE
                if course_grade(grading, record.course).may_sit_final
                else DecisionOutcome.INELIGIBLE,
            )
            for record in sorted((r for r in records if r.course is not None), key=canonical)
        )
    if plan.remedial:
        found.extend(_remedial(plan, tally, teacher, as_of, outcomes, verdicts))
    fees = plan.fees
    fee = None if fees is None else fees.per_year.of(teacher.title)  # as ``money``
    return found, None if fee is None else str(fee)


def _remedial(  # noqa: PLR0913, PLR0917 - the count and its inputs
    plan: _Silent,
    tally: Tally,
    teacher: Teacher,
    as_of: date,
    outcomes: dict[tuple[str, date], Outcome],
    verdicts: dict[str, list[decisions.Verdict]],
) -> list[str]:
    """The remedial decisions: one per rule that a failed period triggers."""
    failing = {
        plan.measured[s].rule.id for s, row in enumerate(tally.statuses) if Status.FAILED in row
    }
    found: list[str] = []
    for rule in plan.remedial:
        # Without a failed period (counted or recorded) no remedial decision is made.
        if not outcomes and rule.trigger not in failing:
            continue
        verdicts = verdicts or _verdicts(plan, tally, outcomes)
        # Whether the teacher is in scope does not depend on the records (only the
        # refund does, which the summary leaves out).
        result = decisions.remedial(plan, rule, verdicts[rule.trigger], teacher, (), as_of)
        if result.failed_periods:
            outcome = DecisionOutcome.ELIGIBLE if result.in_scope else DecisionOutcome.INELIGIBLE
            found.append(_decision(DecisionKind.REMEDIAL._value_, rule.id, outcome))
    return found


def _verdicts(
    plan: Plan, tally: Tally, outcomes: dict[tuple[str, date], Outcome]
) -> dict[str, list[decisions.Verdict]]:
    """The decided periods of every scheme that triggers a consequence or remedial training."""
    triggers = {c.trigger for c in plan.consequences} | {r.trigger for r in plan.remedial}
    return {
        scheme_id: decisions.verdicts(plan, tally, outcomes, scheme_id) for scheme_id in triggers
    }
