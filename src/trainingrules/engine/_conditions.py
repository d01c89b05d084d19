"""Assessment conditions of a period (F5-F7): exam, written work, attendance.

``condition_status`` decides a condition; ``condition_result`` explains that decision
and never decides again.
"""

from __future__ import annotations

from datetime import date

from trainingrules import _messages as msg
from trainingrules.engine._plan import Condition, Plan, SchemePlan
from trainingrules.policy._rules import AttendanceRule, WrittenWorkRule
from trainingrules.records import Assessment, WrittenWork
from trainingrules.results import ConditionResult, Finding, Status
from trainingrules.scoring import ExamResult, ExamStatus, decide_sittings

__all__ = ["condition_result", "conditions_status", "worst"]

_NO_ASSESSMENT = Assessment()


def worst(statuses: list[Status]) -> Status:
    """Combined status of a period's conditions: failed, else in progress, else passed."""
    if Status.FAILED in statuses:
        return Status.FAILED
    if Status.IN_PROGRESS in statuses:
        return Status.IN_PROGRESS
    return Status.PASSED


def conditions_status(
    plan: Plan, scheme: SchemePlan, as_of: date, assessment: Assessment | None
) -> Status:
    """Combined status of a scheme's conditions (memoised when no assessment is given)."""
    if assessment is not None:
        return worst(
            [condition_status(rule, scheme, as_of, assessment) for rule in scheme.conditions]
        )
    key = (scheme.rule.id, as_of)
    status = plan.unassessed.get(key)
    if status is None:
        if len(plan.unassessed) > 4096:
            plan.unassessed.clear()
        status = plan.unassessed[key] = worst(
            [condition_status(rule, scheme, as_of, None) for rule in scheme.conditions]
        )
    return status


def _sittings(rule: Condition, as_of: date, assessment: Assessment) -> ExamResult:
    sittings = [s for s in assessment.sittings if s.on <= as_of]
    return decide_sittings(sittings, rule.pass_mark)  # type: ignore[union-attr]


def written_gaps(rule: WrittenWorkRule, work: WrittenWork) -> list[tuple[str, object, object]]:
    """``(finding code, value, minimum)`` for every written-work minimum not met (F5)."""
    gaps: list[tuple[str, object, object]] = [
        (code, value, minimum)
        for code, value, minimum in (
            ("written.notes_short", work.notes_chars, rule.min_notes_chars),
            ("written.posts_short", work.forum_posts, rule.min_forum_posts),
            ("written.reflection_short", work.reflection_chars, rule.min_reflection_chars),
        )
        if value < minimum
    ]
    if rule.handwritten and not work.handwritten:
        gaps.append(("written.printed", "", ""))
    return gaps


_WRITTEN_NOUNS = {
    "written.notes_short": ("character", "characters"),
    "written.posts_short": ("forum post", "forum posts"),
    "written.reflection_short": ("character", "characters"),
}


def _written_value(code: str, value: object) -> object:
    """A written-work count with its English noun (``1 forum post``); else as it is."""
    nouns = _WRITTEN_NOUNS.get(code)
    if nouns is None or not isinstance(value, int):
        return str(value)
    return msg.how_many(value, *nouns)


def condition_status(
    rule: Condition, scheme: SchemePlan, as_of: date, assessment: Assessment | None
) -> Status:
    """The status of one condition of the scheme's assessed period, as of ``as_of``."""
    assessment = assessment or _NO_ASSESSMENT
    ended = as_of >= scheme.assessed.end
    if isinstance(rule, AttendanceRule):
        return Status.FAILED if assessment.unexcused_absence else Status.PASSED
    if isinstance(rule, WrittenWorkRule):
        work = assessment.written_work
        if work is None:
            return Status.FAILED if ended else Status.IN_PROGRESS
        return Status.FAILED if written_gaps(rule, work) else Status.PASSED
    exam = _sittings(rule, as_of, assessment).status
    if exam is ExamStatus.PENDING:
        return Status.FAILED if ended else Status.IN_PROGRESS
    return Status.PASSED if exam is ExamStatus.PASSED else Status.FAILED


def condition_result(
    plan: Plan, rule: Condition, scheme: SchemePlan, as_of: date, assessment: Assessment | None
) -> ConditionResult:
    """A condition's status (from ``condition_status``) with the findings behind it."""
    status = condition_status(rule, scheme, as_of, assessment)
    assessment = assessment or _NO_ASSESSMENT
    period = msg.period_text(scheme.assessed)
    findings: list[Finding] = []
    deciding = None
    if isinstance(rule, AttendanceRule):
        code = "attendance.absent" if assessment.unexcused_absence else "attendance.present"
        findings.append(plan.finding(code, rule, period=period))
    elif isinstance(rule, WrittenWorkRule):
        work = assessment.written_work
        if work is None:
            findings.append(plan.finding("written.missing", rule))
        else:
            gaps = written_gaps(rule, work)
            findings.extend(
                plan.finding(code, rule, value=_written_value(code, value), minimum=str(minimum))
                for code, value, minimum in gaps
            )
            if not gaps:
                findings.append(plan.finding("written.met", rule))
    else:
        result = _sittings(rule, as_of, assessment)
        deciding = result.deciding
        score = "" if deciding is None or deciding.score is None else msg.number(deciding.score)
        # a formal that did not pass, failed (a score) or missed (缺考), before a makeup
        formal = None if result.reason == "exam.formal_passed" else result.formal
        findings.append(
            plan.finding(
                result.reason,
                rule,
                label=rule.label,
                score=score,
                formal=msg.formal_sitting(formal),
            )
        )
        if result.status is ExamStatus.PENDING and status is Status.FAILED:
            findings.append(
                plan.finding("exam.not_completed", rule, label=rule.label, period=period)
            )
    return ConditionResult(rule.id, status, tuple(findings), deciding)
