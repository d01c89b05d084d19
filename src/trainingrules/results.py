"""What an evaluation returns: frozen, JSON-safe values with a cited reason for every decision."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import attrs

from trainingrules.cycles import Period
from trainingrules.policy._rules import (
    Citation,
    DecisionKind,
    DecisionOutcome,
    Payer,
    Text,
    Unit,
)
from trainingrules.records import ExamSitting

__all__ = [
    "ConditionResult",
    "CourseOutcome",
    "Decision",
    "DecisionOutcome",
    "Exclusion",
    "Finding",
    "LedgerEntry",
    "Money",
    "OverCap",
    "PartResult",
    "PeriodResult",
    "RemedialResult",
    "RequirementResult",
    "Shortfall",
    "Status",
]


class Exclusion(enum.StrEnum):
    """Why a record does not count; each value is also the suffix of its finding code."""

    AFTER_AS_OF = "after_as_of"
    """Completed after the evaluation date."""
    RULED_OUT = "ruled_out"
    """A rule of the policy rules this kind of training out (an ``ExcludeRule``: degree
    study is not in-service non-degree training, H1)."""
    CREDIT_STATE = "credit_state"
    """Its credit is not in a state the policy accepts (X1)."""
    NOT_RECOGNISED = "not_recognised"
    """No count rule of the policy matches its category, programme and level."""
    COURSE_NOT_PASSED = "course_not_passed"
    """Its course was graded and not passed (H6)."""
    OUTSIDE_PERIODS = "outside_periods"
    """Completed outside every period the policy measures."""
    OVER_CAP = "over_cap"
    """The part of a record beyond a cap on its bucket (a ``Cap`` of a requirement)."""


class Status(enum.StrEnum):
    """Status of a period (or of an assessment condition) as of the evaluation date."""

    PASSED = "passed"
    """合格: every requirement and condition is met."""
    FAILED = "failed"
    """不合格: the period is over (or a condition failed for good) and something is unmet."""
    IN_PROGRESS = "in_progress"
    """The period is open and not yet met."""
    NOT_STARTED = "not_started"
    """The period starts after the evaluation date."""
    EXEMPT = "exempt"
    """No requirement of the period applies to the teacher (e.g. no figure for the title)."""


@attrs.frozen
class Finding:
    """One decision, its reason and where the rule comes from.

    Attributes:
        code: stable machine-readable code, e.g. ``"hours.short"``.
        rule_id: the rule applied, e.g. ``"H2.remote_hours"``; empty for input checks.
        citation: the clause the rule encodes.
        interpretations: ids of the interpretations the rule depends on.
        zh: the message in Chinese.
        en: the message in English.
    """

    code: str
    rule_id: str
    citation: Citation | None
    interpretations: tuple[str, ...]
    zh: str
    en: str

    def __str__(self) -> str:
        """The English message."""
        return self.en


@attrs.frozen
class OverCap:
    """The part of a counted record that a cap leaves out of one period.

    Attributes:
        period: the period's label, as in ``LedgerEntry.periods``.
        amount: the amount not counted there.
        rule_id: the requirement whose cap it is.
        finding: the reason, with the cap's citation.
    """

    period: str
    amount: Decimal
    rule_id: str
    finding: Finding


@attrs.frozen
class LedgerEntry:
    """What happened to one input record: counted (where, as what) or excluded (why).

    Attributes:
        record_id: the record's id.
        hours: hours as recorded.
        counted: whether the record counts.
        bucket: what it counts as (``None`` if excluded).
        credited: hours credited after the count rule's ratio (0 if excluded).
        periods: labels of the periods it counts in, e.g. ``("H1.window 2004–2008",)``.
        rule_id: the count rule that admitted it, or the rule that excluded it.
        reason: exclusion code (``"after_as_of"``, ``"ruled_out"``, ``"credit_state"``,
            ``"not_recognised"``, ``"course_not_passed"``, ``"outside_periods"``),
            ``None`` if counted.
        finding: the decision, with its citation.
        over_cap: the parts a cap leaves out, per period (records fill a cap by
            date, then id; the record that crosses it is split).
    """

    record_id: str
    hours: Decimal
    counted: bool
    bucket: str | None
    credited: Decimal
    periods: tuple[str, ...]
    rule_id: str
    reason: Exclusion | None
    finding: Finding
    over_cap: tuple[OverCap, ...] = ()


@attrs.frozen
class PartResult:
    """One part of a requirement (a minimum for one bucket within the total).

    ``missing`` is what remains after the surpluses that may cover it were used.
    """

    bucket: str
    label: Text
    required: Decimal
    counted: Decimal
    missing: Decimal


@attrs.frozen
class RequirementResult:
    """One requirement in one period.

    ``required`` is ``None`` when no figure applies (none stated for the teacher's
    title, or no day of service in the period).

    Attributes:
        rule_id: the requirement.
        label: what is required.
        required: the figure (prorated for partial service where the policy says so).
        counted: what counts toward it (after caps).
        met: whether the total, every part and the activity are met.
        missing: what the total still lacks.
        unit: 学时 or 学分.
        parts: the parts within the total, if any.
        activity: the largest single activity, if the requirement includes one.
    """

    rule_id: str
    label: Text
    required: Decimal | None
    counted: Decimal
    met: bool
    missing: Decimal
    unit: Unit = Unit.HOURS
    parts: tuple[PartResult, ...] = ()
    activity: Decimal | None = None


@attrs.frozen
class Shortfall:
    """What is still missing: ``hours`` more of ``label`` by ``due`` (the period's last day).

    ``buckets`` are the buckets that would still count (a bucket at its cap is left
    out); ``unit`` says whether ``hours`` are 学时 or 学分.
    """

    rule_id: str
    label: Text
    hours: Decimal
    due: date
    buckets: tuple[str, ...]
    unit: Unit = Unit.HOURS


@attrs.frozen
class ConditionResult:
    """An assessment condition of a period: exam, written work or attendance.

    ``deciding`` is the exam sitting that decided an exam (F6), if one did.
    """

    rule_id: str
    status: Status
    findings: tuple[Finding, ...]
    deciding: ExamSitting | None = None


@attrs.frozen
class PeriodResult:
    """One period a policy measures.

    Attributes:
        scheme: id of the period scheme, e.g. ``"N1.cycle"``.
        label: the scheme's label.
        period: the period itself.
        status: passed, failed, in progress, not started or exempt.
        counted: hours counted in the period, all buckets.
        by_bucket: ``(bucket, hours)`` pairs, sorted; they sum to ``counted``.
        requirements: each hours requirement's result.
        conditions: each assessment condition's result.
        shortfall: every unmet requirement, as what is still missing.
        findings: the reasons behind the status.
    """

    scheme: str
    label: Text
    period: Period
    status: Status
    counted: Decimal
    by_bucket: tuple[tuple[str, Decimal], ...]
    requirements: tuple[RequirementResult, ...]
    conditions: tuple[ConditionResult, ...]
    shortfall: tuple[Shortfall, ...]
    findings: tuple[Finding, ...]


@attrs.frozen
class CourseOutcome:
    """A graded course (H4-H6): may the teacher sit the final, the total, pass or fail."""

    record_id: str
    may_sit_final: bool
    composite: Decimal | None
    passed: bool
    findings: tuple[Finding, ...]


@attrs.frozen
class RemedialResult:
    """Remedial training (补训) under one rule.

    Attributes:
        rule_id: the remedial rule.
        required: whether the teacher must take it.
        in_scope: ``False`` when failed periods exist but the teacher is outside the age
            limit (reported, never silently dropped).
        failed_periods: labels of the failed periods that trigger it.
        runs_in: when it runs, if the text says.
        payer: free, or at the teacher's own cost.
        refund_due: remedial fees already paid that must be refunded.
        findings: the reasons.
    """

    rule_id: str
    required: bool
    in_scope: bool
    failed_periods: tuple[str, ...]
    runs_in: Period | None
    payer: Payer
    refund_due: Decimal
    findings: tuple[Finding, ...]


@attrs.frozen
class Decision:
    """A decision with its reasons.

    When several consequences govern the decision, the most severe outcome among
    those that apply wins (eligible < deferred < ineligible); it is pending only when
    none of them has a decided period to go on. ``since`` and ``until`` bound the
    time the outcome holds when the winning consequence fixes it (the following year,
    the next period, the window); ``None`` when it holds until a later period is
    passed. A time that has not begun yet is reported all the same: the outcome is
    already decided, ``since`` says when it takes effect.

    Attributes:
        kind: what is decided (``DecisionKind``).
        subject: what it concerns: a record id for ``sit_final``, a rule id for
            ``remedial``, empty otherwise.
        outcome: eligible, deferred, ineligible or pending.
        year: the calendar year it applies to, when that time is one calendar year
            (F10: 次年, the year after the failed cycle ends).
        findings: the reasons, one or more per consequence.
        since: the first day the outcome holds, when fixed.
        until: the last day the outcome holds, when fixed.
    """

    kind: DecisionKind
    subject: str
    outcome: DecisionOutcome
    year: int | None
    findings: tuple[Finding, ...]
    since: date | None = None
    until: date | None = None


@attrs.frozen
class Money:
    """Fees: the yearly fee due by title (F3), if the policy has a fee schedule."""

    fee_due: Decimal | None
    findings: tuple[Finding, ...]
