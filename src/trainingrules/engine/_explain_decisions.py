"""Decisions built from the decided periods: remedial training, eligibility, money."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from trainingrules import _messages as msg
from trainingrules.cycles import Period, age
from trainingrules.engine._count import Tally
from trainingrules.engine._plan import Plan
from trainingrules.policy._rules import DecisionKind, RemedialRule
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
        bound = limit.limit_for(teacher.sex)
        in_scope = teacher_age < bound
        if not in_scope:
            findings.append(
                plan.finding(
                    "remedial.out_of_scope",
                    rule,
                    periods=periods,
                    age=msg.age_text(teacher_age, limit.method, limit.reference),
                    sex=msg.SEXES[teacher.sex],
                    limit=str(bound),
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
    # Fees already collected are refunded whether or not the teacher is in scope
    # (J4: "已经收取和上缴教师补训费用的，要全额退还教师" names no exception).
    refund = ZERO
    if rule.refund_paid:
        refund = sum(
            (r.fee_paid for r in records if rule.fees_on.matches(r) and r.completed_on <= as_of),
            ZERO,
        )
        if refund > ZERO:
            findings.append(plan.finding("remedial.refund", rule, amount=msg.number(refund)))
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


def decision(
    plan: Plan, kind: DecisionKind, decided_by_scheme: dict[str, list[Verdict]]
) -> Decision:
    """The decision of ``kind``: the consequences that govern it, applied to the verdicts."""
    outcome = DecisionOutcome.ELIGIBLE
    year: int | None = None
    findings: list[Finding] = []
    pending = True
    label = msg.KINDS[kind]
    for consequence in plan.consequences:
        if kind not in consequence.denies:
            continue
        scheme = plan.schemes[consequence.trigger]
        decided = decided_by_scheme[consequence.trigger]
        if not decided:
            findings.append(
                plan.finding("decision.pending", consequence, label=scheme.label, kind=label)
            )
            continue
        pending = False
        period, status, recorded = decided[-1]
        if recorded is not None:
            findings.append(recorded)
        words = msg.period_text(period)
        if status is Status.FAILED:
            outcome = DecisionOutcome.INELIGIBLE
            following = period.last_day.year + 1 if consequence.following_year else None
            year = following if following is not None else year
            findings.append(
                plan.finding(
                    "decision.ineligible",
                    consequence,
                    period=words,
                    label=scheme.label,
                    denied=label.denied,
                    year=msg.in_year(following),
                )
            )
        else:
            findings.append(
                plan.finding(
                    "decision.eligible", consequence, period=words, label=scheme.label, kind=label
                )
            )
    if pending:
        outcome = DecisionOutcome.PENDING
    return Decision(kind, "", outcome, year, tuple(findings))


def eligibility(
    plan: Plan,
    decided_by_scheme: dict[str, list[Verdict]],
    courses: Sequence[CourseOutcome],
    remedial_results: Sequence[RemedialResult],
) -> tuple[Decision, ...]:
    """Each kind a consequence governs, sitting each final, remedial scope."""
    decisions = [decision(plan, kind, decided_by_scheme) for kind in governed_kinds(plan)]
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
