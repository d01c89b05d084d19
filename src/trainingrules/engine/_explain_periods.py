"""Explanations of the count: period results with their findings, the ledger, courses.

Everything here reads the ``Tally``; statuses were decided by the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from trainingrules import _messages as msg
from trainingrules.engine._conditions import condition_result
from trainingrules.engine._count import Tally, course_grade
from trainingrules.engine._plan import Exclusion, Placement, Plan, SchemePlan
from trainingrules.policy._rules import Rule
from trainingrules.records import Assessment, Teacher, TrainingRecord
from trainingrules.results import (
    CourseOutcome,
    Finding,
    LedgerEntry,
    PeriodResult,
    RequirementResult,
    Shortfall,
    Status,
)

__all__ = ["courses", "ledger", "period_results"]

ZERO = Decimal(0)


def period_results(
    plan: Plan, tally: Tally, teacher: Teacher, as_of: date, assessment: Assessment | None
) -> tuple[PeriodResult, ...]:
    """One result per measured period, in scheme order then by date."""
    return tuple(
        _period_result(plan, tally, s, scheme, scheme.first + j, status, teacher, as_of, assessment)
        for s, scheme in enumerate(plan.measured)
        for j, status in enumerate(tally.statuses[s])
    )


def _period_result(  # noqa: PLR0913, PLR0917 - one period's inputs, each named
    plan: Plan,
    tally: Tally,
    s: int,
    scheme: SchemePlan,
    k: int,
    status: Status,
    teacher: Teacher,
    as_of: date,
    assessment: Assessment | None,
) -> PeriodResult:
    period = scheme.period(k)
    sums = tally.totals[s][k]
    period_words = msg.period_text(period)
    title = teacher.title
    requirements: list[RequirementResult] = []
    shortfall: list[Shortfall] = []
    findings: list[Finding] = []
    for requirement in scheme.requirements:
        rule = requirement.rule
        required = requirement.by_title[title]
        counted = requirement.counted(sums)
        if required is None:
            requirements.append(RequirementResult(rule.id, rule.label, None, counted, True, ZERO))
            findings.append(
                plan.finding(
                    "hours.no_figure",
                    rule,
                    period=period_words,
                    label=rule.label,
                    title=msg.TITLES[title],
                    unit=msg.UNITS[requirement.unit],
                )
            )
            continue
        missing = max(required - counted, ZERO)
        met = missing == ZERO
        requirements.append(RequirementResult(rule.id, rule.label, required, counted, met, missing))
        if not met:
            shortfall.append(
                Shortfall(
                    rule.id,
                    rule.label,
                    missing,
                    period.last_day,
                    tuple(sorted(requirement.buckets or ())),
                )
            )
        if status is Status.NOT_STARTED:
            code = "hours.not_started"
        elif met:
            code = "hours.met"
        else:
            code = "hours.short" if as_of >= period.end else "hours.open"
        findings.append(
            plan.finding(
                code,
                rule,
                period=period_words,
                label=rule.label,
                counted=msg.number(counted),
                required=msg.number(required),
                missing=msg.number(missing),
                due=msg.day(period.last_day),
                start=msg.day(period.start),
                unit=msg.UNITS[requirement.unit],
            )
        )
    conditions = tuple(
        condition_result(plan, rule, scheme, as_of, assessment) for rule in scheme.conditions
    )
    for condition in conditions:
        findings.extend(condition.findings)
    return PeriodResult(
        scheme=scheme.rule.id,
        label=scheme.rule.label,
        period=period,
        status=status,
        counted=sum(sums.values(), ZERO),
        by_bucket=tuple(sorted(sums.items())),
        requirements=tuple(requirements),
        conditions=conditions,
        shortfall=tuple(shortfall),
        findings=tuple(findings),
    )


def ledger(
    plan: Plan,
    tally: Tally,
    records: Sequence[TrainingRecord],
    placed: Sequence[Placement | Exclusion],
    as_of: date,
) -> tuple[LedgerEntry, ...]:
    """Every record exactly once, counted or excluded, in the order given."""
    entries: list[LedgerEntry] = []
    schemes = tuple(zip(plan.measured, tally.lasts, strict=True))
    for record, place in zip(records, placed, strict=True):
        values: dict[str, str | msg.Words] = {"record": record.id}
        if isinstance(place, Placement):
            rule: Rule = place.rule
            credited = place.credit(record.hours)
            # The periods that took the record, as the count decided (the property
            # tests check that ledger and period totals agree).
            taken = [
                (scheme, k)
                for scheme, last in schemes
                for k in (scheme.index(record.completed_on, last, place.bucket),)
                if k is not None
            ]
            labels = tuple(f"{scheme.rule.id} {scheme.period(k).label}" for scheme, k in taken)
            finding = plan.finding(
                "record.counted",
                place.rule,
                record=record.id,
                credited=msg.number(credited),
                unit=msg.UNITS[place.rule.unit],
                periods=msg.join(
                    [msg.period_label(scheme.rule.label, scheme.period(k)) for scheme, k in taken]
                ),
            )
            entries.append(
                LedgerEntry(
                    record.id,
                    record.hours,
                    True,
                    place.bucket,
                    credited,
                    labels,
                    rule.id,
                    None,
                    finding,
                )
            )
            continue
        excluded_by: Rule | None = None
        if place is Exclusion.CREDIT_STATE:
            excluded_by = plan.credit_rule
            state = record.credit_state
            values |= {
                "state": msg.STATES[state] if state else msg.UNKNOWN_STATE,
                "accepted": plan.accepted_states,
            }
        elif place is Exclusion.COURSE_NOT_PASSED:
            excluded_by = plan.grading
        elif place is Exclusion.NOT_RECOGNISED:
            values |= {"category": record.category, "programme": record.programme or "—"}
        else:
            values |= {"day": msg.day(record.completed_on), "as_of": msg.day(as_of)}
        finding = plan.finding(f"record.{place.value}", excluded_by, **values)
        entries.append(
            LedgerEntry(
                record.id,
                record.hours,
                False,
                None,
                ZERO,
                (),
                excluded_by.id if excluded_by is not None else "",
                place,
                finding,
            )
        )
    return tuple(entries)


def courses(plan: Plan, records: Sequence[TrainingRecord]) -> tuple[CourseOutcome, ...]:
    """Graded courses (records carrying a ``course``), if the policy grades courses."""
    grading = plan.grading
    if grading is None:
        return ()
    outcomes: list[CourseOutcome] = []
    for record in records:
        course = record.course
        if course is None:
            continue
        grade = course_grade(grading, course)
        values = {
            "record": record.id,
            "completed": msg.number(course.hours_completed),
            "required": msg.number(course.hours_required),
            "pass_mark": msg.number(grading.pass_mark),
            "composite": msg.number(grade.composite) if grade.composite is not None else "",
        }
        findings = [plan.finding(reason, grading, **values) for reason in grade.reasons]
        if grade.may_sit_final:
            findings.insert(0, plan.finding("course.may_sit_final", grading, **values))
        if grade.passed:
            findings.append(plan.finding("course.passed", grading, **values))
        outcomes.append(
            CourseOutcome(
                record.id, grade.may_sit_final, grade.composite, grade.passed, tuple(findings)
            )
        )
    return tuple(outcomes)
