"""Explanations of the count: period results with their findings, the ledger, courses.

Everything here reads the ``Tally``; statuses were decided by the count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from trainingrules import _messages as msg
from trainingrules._values import exact
from trainingrules.engine._conditions import condition_result
from trainingrules.engine._count import Tally, course_grade
from trainingrules.engine._plan import Placement, Plan, RequirementPlan
from trainingrules.engine._requirements import (
    activity_best,
    cap_limits,
    check,
    figures,
    service,
)
from trainingrules.policy._rules import Cap, ExcludeRule, Rule
from trainingrules.records import Assessment, Teacher, TrainingRecord
from trainingrules.results import (
    CourseOutcome,
    Exclusion,
    Finding,
    LedgerEntry,
    OverCap,
    PartResult,
    PeriodResult,
    RequirementResult,
    Shortfall,
    Status,
)
from trainingrules.scoring import PREREQUISITE_CODES

__all__ = ["REQUIREMENT_CODES", "courses", "hours_code", "ledger", "period_results"]

ZERO = Decimal(0)


REQUIREMENT_CODES = frozenset(
    {
        "hours.met",
        "hours.short",
        "hours.open",
        "hours.not_started",
        "hours.no_figure",
        "hours.no_service",
    }
)
"""The codes of a requirement's own finding: exactly one per requirement, in order."""


def hours_code(status: Status, *, met: bool, over: bool) -> str:
    """The finding code of a requirement that has a figure for the teacher.

    The one place this is decided: the engine's findings and the table path's
    ``finding`` column both call it. ``over``: the period has ended by ``as_of``.
    """
    if status is Status.NOT_STARTED:
        return "hours.not_started"
    if met:
        return "hours.met"
    return "hours.short" if over else "hours.open"


@exact
def period_results(  # noqa: PLR0913, PLR0917 - the count and its inputs
    plan: Plan,
    tally: Tally,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    as_of: date,
    assessment: Assessment | None,
) -> tuple[PeriodResult, ...]:
    """One result per measured period, in scheme order then by date.

    ``records`` are in input order, as the tally's placements.
    """
    return tuple(
        _period_result(
            plan, tally, s, scheme.first + j, status, teacher, records, as_of, assessment
        )
        for s, scheme in enumerate(plan.measured)
        for j, status in enumerate(tally.statuses[s])
    )


def _period_result(  # noqa: PLR0913, PLR0917 - one period's inputs, each named
    plan: Plan,
    tally: Tally,
    s: int,
    k: int,
    status: Status,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    as_of: date,
    assessment: Assessment | None,
) -> PeriodResult:
    scheme = plan.measured[s]
    period = scheme.period(k)
    sums = tally.totals[s][k]  # capped by the count where the policy caps a bucket
    words = msg.period_text(period)
    served = service(scheme, k, teacher, plan.service)
    applying = dict(figures(scheme, teacher, served))
    limits = cap_limits(tuple(applying.items()), teacher, plan.service)
    # Buckets at their cap: more of them would not count, so the shortfall omits them.
    full = {b for b, (limit, _, _) in limits.items() if sums.get(b, ZERO) >= limit}
    requirements: list[RequirementResult] = []
    shortfall: list[Shortfall] = []
    findings: list[Finding] = []
    for requirement in scheme.requirements:
        rule = requirement.rule
        unit = msg.UNITS[requirement.unit]
        base = {"period": words, "label": rule.label, "unit": unit}
        figure = applying.get(requirement)
        if figure is None:
            counted = requirement.counted(sums)
            requirements.append(
                RequirementResult(rule.id, rule.label, None, counted, True, ZERO, requirement.unit)
            )
            stated = requirement.by_title[teacher.title] is not None
            code = "hours.no_service" if stated else "hours.no_figure"
            findings.append(
                plan.finding(
                    code, plan.service if stated else rule, **base, title=msg.TITLES[teacher.title]
                )
            )
            continue
        best = (
            activity_best(requirement, scheme, k, tally.lasts[s], records, tally.placed)
            if rule.including
            else None
        )
        result = check(requirement, figure, sums, teacher, best, served)
        parts = tuple(
            PartResult(p.part.bucket, p.part.label, p.required, p.have, p.missing)
            for p in result.parts
        )
        requirements.append(
            RequirementResult(
                rule.id,
                rule.label,
                figure,
                result.counted,
                result.met,
                result.missing,
                requirement.unit,
                parts,
                result.activity,
            )
        )
        due = period.last_day
        if result.missing:
            still = sorted((requirement.buckets or frozenset(plan.units)) - full)
            shortfall.append(
                Shortfall(rule.id, rule.label, result.missing, due, tuple(still), requirement.unit)
            )
        numbers = {
            "counted": msg.number(result.counted),
            "required": msg.number(figure),
            "missing": msg.number(result.missing),
            "due": msg.day(due),
            "start": msg.day(period.start),
        }
        code = hours_code(status, met=result.missing == ZERO, over=as_of >= period.end)
        findings.append(plan.finding(code, rule, **base, **numbers))
        for part in result.parts:
            if part.missing:
                shortfall.append(
                    Shortfall(
                        rule.id,
                        part.part.label,
                        part.missing,
                        due,
                        (part.part.bucket,),
                        requirement.unit,
                    )
                )
            findings.append(
                plan.finding(
                    "hours.part_met" if part.missing == ZERO else "hours.part_short",
                    rule,
                    **base,
                    part=part.part.label,
                    counted=msg.number(part.have),
                    required=msg.number(part.required),
                    missing=msg.number(part.missing),
                )
            )
        activity = rule.including
        if activity is not None:
            met = best is not None and best >= activity.minimum
            if not met:
                shortfall.append(
                    Shortfall(
                        rule.id,
                        activity.label,
                        activity.minimum,
                        due,
                        tuple(sorted(activity.buckets or requirement.buckets or ())),
                        requirement.unit,
                    )
                )
            finding = plan.finding(
                "hours.activity_met" if met else "hours.activity_short",
                rule,
                **base,
                activity=activity.label,
                best=msg.number(best or ZERO),
                minimum=msg.number(activity.minimum),
            )
            findings.append(plan.cited(activity.citation, finding))
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


@exact
def ledger(  # noqa: PLR0913, PLR0917 - the count and the records it placed
    plan: Plan,
    tally: Tally,
    teacher: Teacher,
    records: Sequence[TrainingRecord],
    placed: Sequence[Placement | Exclusion],
    as_of: date,
) -> tuple[LedgerEntry, ...]:
    """Every record exactly once, counted or excluded, in the order given (canonical).

    Records fill a cap in that order: the record that crosses it is split into the
    part counted and the part over the cap.
    """
    entries: list[LedgerEntry] = []
    schemes = tuple(enumerate(zip(plan.measured, tally.lasts, strict=True)))
    caps = _Caps(plan, teacher)
    for record, place in zip(records, placed, strict=True):
        if isinstance(place, Placement):
            credited = place.credit(record.hours)
            # The periods that took the record, as the count decided (the property
            # tests check that ledger and period totals agree).
            taken = [
                (s, scheme, k)
                for s, (scheme, last) in schemes
                for k in (scheme.index(record.completed_on, last, place.bucket),)
                if k is not None
            ]
            named = [scheme.label(k) for _, scheme, k in taken]
            finding = plan.finding(
                "record.counted",
                place.rule,
                record=record.id,
                credited=msg.number(credited),
                unit=msg.UNITS[place.rule.unit],
                periods=msg.join([words for _, words in named]),
            )
            over = tuple(
                part
                for s, _, k in taken
                if (part := caps.take(s, k, place, record, credited)) is not None
            )
            entries.append(
                LedgerEntry(
                    record.id,
                    record.hours,
                    True,
                    place.bucket,
                    credited,
                    tuple(label for label, _ in named),
                    place.rule.id,
                    None,
                    finding,
                    over,
                )
            )
            continue
        excluded_by: Rule | None = None
        values: dict[str, object] = {"record": record.id}
        if place is Exclusion.RULED_OUT:
            # The first exclude rule (in policy order) selecting the record.
            ruled_out = next(
                r for r in plan.policy.of_type(ExcludeRule) if r.selector.matches(record)
            )
            excluded_by = ruled_out
            values |= {"reason": ruled_out.reason}
        elif place is Exclusion.CREDIT_STATE and plan.credit_rule is not None:
            excluded_by = plan.credit_rule
            state = record.credit_state
            values |= {
                "state": msg.STATES[state] if state else msg.UNKNOWN_STATE,
                "accepted": msg.states_text(plan.credit_rule.states),
            }
        elif place is Exclusion.COURSE_NOT_PASSED:
            excluded_by = plan.grading
        elif place is Exclusion.NOT_RECOGNISED:
            values |= {"kind": msg.record_kind(record.category, record.programme)}
        else:
            values |= {"day": msg.date_text(record.completed_on), "as_of": msg.date_text(as_of)}
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


class _Caps:
    """Running totals of capped buckets, per period, as records fill them in order."""

    def __init__(self, plan: Plan, teacher: Teacher) -> None:
        self.plan = plan
        self.teacher = teacher
        self.limits: dict[tuple[int, int], dict[str, tuple[Decimal, Cap, RequirementPlan]]] = {}
        self.filled: dict[tuple[int, int, str], Decimal] = {}

    def take(
        self,
        s: int,
        k: int,
        place: Placement,
        record: TrainingRecord,
        credited: Decimal,
    ) -> OverCap | None:
        """The part of ``record`` over its bucket's cap in period ``k``, if any."""
        plan_scheme = self.plan.measured[s]
        if plan_scheme.simple:
            return None
        limits = self.limits.get((s, k))
        if limits is None:
            served = service(plan_scheme, k, self.teacher, self.plan.service)
            applying = figures(plan_scheme, self.teacher, served)
            limits = self.limits[s, k] = cap_limits(applying, self.teacher, self.plan.service)
        found = limits.get(place.bucket)
        if found is None:
            return None
        limit, cap, requirement = found
        before = self.filled.get((s, k, place.bucket), ZERO)
        after = self.filled[s, k, place.bucket] = before + credited
        over = min(credited, max(after - limit, ZERO))
        if over == ZERO:
            return None
        period = plan_scheme.period(k)
        rule = requirement.rule
        finding = self.plan.finding(
            f"record.{Exclusion.OVER_CAP.value}",
            rule,
            record=record.id,
            amount=msg.number(over),
            unit=msg.UNITS[place.rule.unit],
            period=msg.period_label(plan_scheme.rule.label, period),
            limit=msg.number(limit),
            label=rule.label,
        )
        finding = self.plan.cited(cap.citation, finding)
        return OverCap(f"{plan_scheme.rule.id} {period.label}", over, rule.id, finding)


@exact
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
        completed, required = course.hours_completed, course.hours_required
        values = {
            "record": record.id,
            "completed": "" if completed is None else msg.number(completed),
            "required": "" if required is None else msg.how_many(required, "hour", "hours"),
            "pass_mark": msg.number(grading.pass_mark),
            "composite": msg.number(grade.composite) if grade.composite is not None else "",
            "met": msg.prerequisites_met(grading.prerequisites),
        }
        # The prerequisites' findings cite the clause stating them (H4: 三.2).
        findings = [
            plan.cited(grading.prerequisites_cited, plan.finding(reason, grading, **values))
            if reason in PREREQUISITE_CODES
            else plan.finding(reason, grading, **values)
            for reason in grade.reasons
        ]
        if grade.may_sit_final:
            sit = plan.finding("course.may_sit_final", grading, **values)
            if grading.prerequisites:
                sit = plan.cited(grading.prerequisites_cited, sit)
            findings.insert(0, sit)
        if grade.passed:
            findings.append(plan.finding("course.passed", grading, **values))
        outcomes.append(
            CourseOutcome(
                record.id, grade.may_sit_final, grade.composite, grade.passed, tuple(findings)
            )
        )
    return tuple(outcomes)
