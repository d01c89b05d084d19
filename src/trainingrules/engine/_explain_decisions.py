"""Decisions built from the decided periods: remedial training, eligibility, money."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import MAXYEAR, date
from decimal import Decimal
from typing import NamedTuple, NoReturn

from dateutil.relativedelta import relativedelta

from trainingrules import _messages as msg
from trainingrules._values import exact
from trainingrules.cycles import Period, age
from trainingrules.engine._count import Tally
from trainingrules.engine._plan import Plan
from trainingrules.errors import InvalidInputError
from trainingrules.policy._rules import (
    Consequence,
    DecisionKind,
    Duration,
    PeriodScheme,
    RemedialRule,
)
from trainingrules.records import Outcome, Teacher, TrainingRecord
from trainingrules.results import (
    CourseOutcome,
    Decision,
    DecisionOutcome,
    Finding,
    Money,
    RemedialResult,
    Status,
)

__all__ = ["Verdict", "eligibility", "money", "remedial", "verdicts"]

ZERO = Decimal(0)

Verdict = tuple[Period, Status, Finding | None]
"""A decided period: the period, passed or failed, and the finding of a recorded outcome."""


def verdicts(
    plan: Plan, tally: Tally, outcomes: dict[tuple[str, date], Outcome], scheme_id: str
) -> list[Verdict]:
    """Decided results of a scheme's periods, recorded ones taking precedence, by date."""
    rule = plan.schemes[scheme_id]
    decided: dict[date, Verdict] = {}
    for s, scheme in enumerate(plan.measured):
        if scheme.rule.id == scheme_id:
            for j, status in enumerate(tally.statuses[s]):
                k = scheme.first + j
                if status in (Status.PASSED, Status.FAILED):
                    decided[scheme.boundaries[k]] = (scheme.period(k), status, None)
    for (recorded_scheme, start), outcome in outcomes.items():
        if recorded_scheme != scheme_id:
            continue
        period = Period(start, start + relativedelta(years=rule.years))
        finding = plan.finding(
            "outcome.passed" if outcome.passed else "outcome.failed",
            rule,
            period=msg.period_text(period),
            label=rule.label,
            source=outcome.source or msg.RECORDED,
        )
        decided[start] = (period, Status.PASSED if outcome.passed else Status.FAILED, finding)
    return [decided[start] for start in sorted(decided)]


@exact
def remedial(  # noqa: PLR0913, PLR0917 - the facts remedial training depends on
    plan: Plan,
    rule: RemedialRule,
    decided: list[Verdict],
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    as_of: date,
) -> RemedialResult:
    """Remedial training under ``rule``: triggered, in scope, when, who pays, refunds."""
    scheme = plan.schemes[rule.trigger]
    failed = [(period, f) for period, status, f in decided if status is Status.FAILED]
    if not failed:
        finding = plan.finding("remedial.not_required", rule, label=scheme.label)
        return RemedialResult(rule.id, False, True, (), rule.runs_in, rule.payer, ZERO, (finding,))
    labels = tuple(period.label for period, _ in failed)
    findings = [f for _, f in failed if f is not None]
    periods = msg.join([msg.period_text(p) for p, _ in failed])
    in_scope = True
    limit = rule.age_limit
    if limit is not None:
        teacher_age = age(teacher.birth_date, limit.method, limit.reference)
        # 以下 includes the limit, 不满 does not (民法典 art. 1259): the rule says which.
        in_scope = limit.admits(teacher.sex, teacher_age)
        if not in_scope:
            findings.append(
                plan.finding(
                    "remedial.out_of_scope",
                    rule,
                    periods=periods,
                    age=msg.age_text(teacher_age, limit.method, limit.reference),
                    bound=msg.age_bound(
                        teacher.sex, limit.limit_for(teacher.sex), inclusive=limit.inclusive
                    ),
                )
            )
    if in_scope:
        findings.append(
            plan.finding(
                "remedial.required",
                rule,
                periods=periods,
                when=msg.within(rule.runs_in),
                payer=msg.PAYERS[rule.payer],
            )
        )
    # Fees already collected for this remedial training are refunded whether or not the
    # teacher is in scope (J4: "已经收取和上缴教师补训费用的，要全额退还教师" names no
    # exception): remedial records whose training lies in ``runs_in`` and has begun by
    # ``as_of``, completed or still under way. A remedial fee of another year is not.
    refund = ZERO
    if rule.refund_paid:
        runs = rule.runs_in
        for r in records:
            begun = r.started_on or r.completed_on
            if (
                rule.fees_on.matches(r)
                and begun <= as_of
                and (runs is None or (r.completed_on >= runs.start and begun <= runs.last_day))
            ):
                refund += r.fee_paid
        if refund > ZERO:
            findings.append(
                plan.finding(
                    "remedial.refund", rule, amount=msg.number(refund), when=msg.within(runs)
                )
            )
    return RemedialResult(
        rule.id, in_scope, in_scope, labels, rule.runs_in, rule.payer, refund, tuple(findings)
    )


def governed_kinds(plan: Plan) -> list[DecisionKind]:
    """The decision kinds the policy's consequences govern, in policy order."""
    kinds: list[DecisionKind] = []
    for consequence in plan.consequences:
        for kind in sorted(consequence.denies):
            if kind not in kinds:
                kinds.append(kind)
    return kinds


class _Occurrence(NamedTuple):
    """One triggering of a consequence: the failed periods, the window, the time it holds."""

    failed: tuple[Verdict, ...]
    window: Period | None
    scope: Period | None
    """When the consequence holds; ``None``: until a later period of the trigger is passed."""


class _Said(NamedTuple):
    """What one consequence says about a decision."""

    outcome: DecisionOutcome
    """``PENDING`` (nothing decided), ``ELIGIBLE`` or the outcome it imposes."""
    occurrence: _Occurrence | None
    """The occurrence in force (or yet to begin), if it applies."""
    findings: list[Finding]


def _failure_runs(decided: Sequence[Verdict], after: int) -> list[int]:
    """The indices ``i`` at which ``decided[i - after + 1 : i + 1]`` all failed."""
    found: list[int] = []
    streak = 0
    for i, (_, status, _) in enumerate(decided):
        streak = streak + 1 if status is Status.FAILED else 0
        if streak >= after:
            found.append(i)
    return found


def _following(scheme: PeriodScheme, period: Period) -> Period:
    """The period of ``scheme`` right after ``period`` (from the anchor if it has one)."""
    cycle = scheme.cycle
    if period.start.year + 2 * scheme.years > MAXYEAR:
        _beyond_dates(scheme.id, period)
    if cycle is not None:
        return cycle.period(cycle.index_of(period.start) + 1)
    return Period(period.end, period.start + relativedelta(years=2 * scheme.years))


def _beyond_dates(scheme_id: str, period: Period) -> NoReturn:
    """Raise: what follows ``period`` ends after the last day a date can hold."""
    raise InvalidInputError(
        f"the consequence of the period of {scheme_id} from {period.start} would hold "
        f"after {date.max}, the last day a date can hold",
        path="as_of",
        code="input.range",
    )


def _scope(consequence: Consequence, scheme: PeriodScheme, anchor: Period) -> Period | None:
    """The time a consequence triggered by ``anchor`` (a period of ``scheme``) holds."""
    if consequence.lasts is Duration.FOLLOWING_YEAR:
        year = anchor.last_day.year + 1
        if year + 1 > MAXYEAR:
            _beyond_dates(scheme.id, anchor)
        return Period(date(year, 1, 1), date(year + 1, 1, 1))
    if consequence.lasts is Duration.NEXT_PERIOD:
        return _following(scheme, anchor)
    # UNTIL_PASSED: a window holds while it is current; otherwise no end of its own.
    return anchor if consequence.within is not None else None


def _windows(window: PeriodScheme, as_of: date) -> tuple[Period, ...]:
    """The periods of ``window`` that have started by ``as_of``."""
    return tuple(p for p in window.periods(as_of) if p.start <= as_of)


def _occurrences(
    plan: Plan, consequence: Consequence, decided: list[Verdict], as_of: date
) -> list[_Occurrence]:
    """Every triggering of ``consequence`` that may still matter, oldest first."""
    after = consequence.after
    if consequence.within is None:
        scheme = plan.schemes[consequence.trigger]
        ends = _failure_runs(decided, after)
        if consequence.lasts is Duration.UNTIL_PASSED:
            # The latest decided periods govern: a later pass lifts an earlier failure.
            ends = [i for i in ends if i == len(decided) - 1]
        return [
            _Occurrence(
                tuple(decided[i - after + 1 : i + 1]),
                None,
                _scope(consequence, scheme, decided[i][0]),
            )
            for i in ends
        ]
    window = plan.schemes[consequence.within]
    found: list[_Occurrence] = []
    for span in _windows(window, as_of):
        # A period lies within the window its last day falls in.
        members = [v for v in decided if v[0].last_day in span]
        ends = _failure_runs(members, after)
        if ends:
            i = ends[-1]
            found.append(
                _Occurrence(
                    tuple(members[i - after + 1 : i + 1]),
                    span,
                    _scope(consequence, window, span),
                )
            )
    return found


def _imposed(outcome: DecisionOutcome, kind: DecisionKind) -> msg.Words:
    """What ``outcome`` does to a decision of ``kind``, as a phrase."""
    label = msg.KINDS[kind]
    if outcome is DecisionOutcome.INELIGIBLE:
        return label.denied
    if outcome is DecisionOutcome.DEFERRED:
        return label.deferred
    return msg.considered(label)


def _when(plan: Plan, consequence: Consequence, occurrence: _Occurrence) -> msg.Words:
    """When the consequence holds, as a phrase."""
    scope = occurrence.scope
    if scope is None:
        return msg.until_passed(plan.schemes[consequence.trigger].label)
    if consequence.lasts is Duration.FOLLOWING_YEAR:
        return msg.following_year(scope.start.year)
    label = plan.schemes[consequence.within or consequence.trigger].label
    if consequence.lasts is Duration.NEXT_PERIOD:
        return msg.next_period(label, scope)
    return msg.during(label, scope)


def _failed(plan: Plan, consequence: Consequence, occurrence: _Occurrence) -> msg.Words:
    """The failure that triggered the consequence, as a phrase."""
    label = plan.schemes[consequence.trigger].label
    failed = msg.failures(label, [period for period, _, _ in occurrence.failed])
    if occurrence.window is None or consequence.within is None:
        return failed
    return msg.in_window(
        msg.period_label(plan.schemes[consequence.within].label, occurrence.window), failed
    )


def _recorded(verdicts: Sequence[Verdict]) -> list[Finding]:
    return [finding for _, _, finding in verdicts if finding is not None]


def _say(
    plan: Plan,
    consequence: Consequence,
    kind: DecisionKind,
    decided: list[Verdict],
    as_of: date,
) -> _Said:
    """What ``consequence`` says about the decision of ``kind`` as of ``as_of``."""
    scheme = plan.schemes[consequence.trigger]
    label = msg.KINDS[kind]
    if not decided:
        finding = plan.finding("decision.pending", consequence, label=scheme.label, kind=label)
        return _Said(DecisionOutcome.PENDING, None, [finding])
    occurrences = _occurrences(plan, consequence, decided, as_of)
    live = [o for o in occurrences if o.scope is None or as_of < o.scope.end]
    if live:
        # The one in force now, or else the one that begins first.
        occurrence = min(live, key=lambda o: o.scope.start if o.scope else date.min)
        code = {
            DecisionOutcome.INELIGIBLE: "decision.ineligible",
            DecisionOutcome.DEFERRED: "decision.deferred",
            DecisionOutcome.ELIGIBLE: "decision.considered",
        }[consequence.outcome]
        finding = plan.finding(
            code,
            consequence,
            failed=_failed(plan, consequence, occurrence),
            when=_when(plan, consequence, occurrence),
            denied=label.denied,
            deferred=label.deferred,
            kind=label,
        )
        return _Said(consequence.outcome, occurrence, [*_recorded(occurrence.failed), finding])
    ended = [(o, o.scope) for o in occurrences if o.scope is not None]
    if ended:
        # Nothing is in force: the latest triggering's time is over.
        occurrence, scope = ended[-1]
        finding = plan.finding(
            "decision.expired",
            consequence,
            failed=_failed(plan, consequence, occurrence),
            when=_when(plan, consequence, occurrence),
            imposed=_imposed(consequence.outcome, kind),
            end=msg.Words(msg.day_zh(scope.last_day), msg.day(scope.last_day)),
        )
        return _Said(DecisionOutcome.ELIGIBLE, None, [*_recorded(occurrence.failed), finding])
    if consequence.within is not None:
        window = plan.schemes[consequence.within]
        current = [span for span in _windows(window, as_of) if as_of in span]
        if not current:
            finding = plan.finding(
                "decision.no_window", consequence, window=window.label, kind=label
            )
        else:
            finding = plan.finding(
                "decision.window_clear",
                consequence,
                window=msg.period_label(window.label, current[0]),
                label=scheme.label,
                none=msg.no_failures(consequence.after),
                kind=label,
            )
        return _Said(DecisionOutcome.ELIGIBLE, None, [finding])
    latest = decided[-1]
    period, status, _ = latest
    if status is Status.FAILED:
        # Failed, but fewer than ``after`` decided periods in a row.
        finding = plan.finding(
            "decision.not_consecutive",
            consequence,
            period=msg.period_text(period),
            label=scheme.label,
            after=str(consequence.after),
            kind=label,
        )
    else:
        finding = plan.finding(
            "decision.eligible",
            consequence,
            period=msg.period_text(period),
            label=scheme.label,
            kind=label,
        )
    return _Said(DecisionOutcome.ELIGIBLE, None, [*_recorded([latest]), finding])


def decision(
    plan: Plan, kind: DecisionKind, decided_by_scheme: dict[str, list[Verdict]], as_of: date
) -> Decision:
    """The decision of ``kind`` as of ``as_of``: every consequence governing it, combined.

    The most severe outcome among the consequences that apply wins (eligible <
    deferred < ineligible); the decision is pending only when no consequence has a
    decided period to go on. The time it holds is that of the winning consequence
    that lasts longest (one without a fixed end first), the first in policy order
    on a tie.
    """
    said = [
        _say(plan, consequence, kind, decided_by_scheme[consequence.trigger], as_of)
        for consequence in plan.consequences
        if kind in consequence.denies
    ]
    findings = tuple(finding for item in said for finding in item.findings)
    decided = [item for item in said if item.outcome is not DecisionOutcome.PENDING]
    if not decided:
        return Decision(kind, "", DecisionOutcome.PENDING, None, findings)
    outcome = max((item.outcome for item in decided), key=lambda o: o.severity)
    winners = [
        item.occurrence
        for item in decided
        if item.outcome is outcome and item.occurrence is not None
    ]
    if outcome is DecisionOutcome.ELIGIBLE or not winners:
        return Decision(kind, "", outcome, None, findings)
    chosen = max(winners, key=lambda o: (o.scope is None, o.scope.end if o.scope else date.min))
    scope = chosen.scope
    if scope is None:
        return Decision(kind, "", outcome, None, findings)
    start = scope.start
    whole_year = (
        start == date(start.year, 1, 1)
        and start.year < MAXYEAR
        and scope.end == date(start.year + 1, 1, 1)
    )
    year = start.year if whole_year else None
    return Decision(kind, "", outcome, year, findings, start, scope.last_day)


@exact
def eligibility(
    plan: Plan,
    decided_by_scheme: dict[str, list[Verdict]],
    courses: Sequence[CourseOutcome],
    remedial_results: Sequence[RemedialResult],
    as_of: date,
) -> tuple[Decision, ...]:
    """Each kind a consequence governs (as of ``as_of``), sitting each final, remedial scope.

    The governed decisions depend on the decided periods and ``as_of`` alone: they are
    memoised per plan by those (periods, statuses, recorded outcomes' findings: values
    of one representation each), as many teachers share them.
    """
    key = (as_of, tuple((scheme, tuple(decided)) for scheme, decided in decided_by_scheme.items()))
    memo = _GOVERNED.get(plan)
    if memo is None:
        memo = _GOVERNED.setdefault(plan, {})
    governed = memo.get(key)
    if governed is None:
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        governed = memo[key] = tuple(
            decision(plan, kind, decided_by_scheme, as_of) for kind in governed_kinds(plan)
        )
    decisions = list(governed)
    decisions.extend(
        Decision(
            DecisionKind.SIT_FINAL,
            course.record_id,
            DecisionOutcome.ELIGIBLE if course.may_sit_final else DecisionOutcome.INELIGIBLE,
            None,
            tuple(f for f in course.findings if f.code != "course.passed"),
        )
        for course in courses
    )
    decisions.extend(
        Decision(
            DecisionKind.REMEDIAL,
            result.rule_id,
            DecisionOutcome.ELIGIBLE if result.in_scope else DecisionOutcome.INELIGIBLE,
            None,
            result.findings,
        )
        for result in remedial_results
        if result.failed_periods
    )
    return tuple(decisions)


# Per plan (a summary's silent twin is another plan): the governed decisions by key.
_GOVERNED: weakref.WeakKeyDictionary[Plan, dict[object, tuple[Decision, ...]]] = (
    weakref.WeakKeyDictionary()
)
_MEMO_SIZE = 4096


@exact
def money(plan: Plan, teacher: Teacher) -> Money:
    """The yearly fee due by title, if the policy has a fee schedule."""
    fees = plan.fees
    if fees is None:
        return Money(None, ())
    title = msg.TITLES[teacher.title]
    amount = fees.per_year.of(teacher.title)
    if amount is None:
        return Money(None, (plan.finding("fee.not_stated", fees, title=title),))
    return Money(amount, (plan.finding("fee.due", fees, title=title, amount=msg.number(amount)),))
