"""The evaluation engine: the one place where a policy's rules meet a teacher's records.

``evaluate`` is pure: no I/O, no clock (``as_of`` is an argument), no global state
beyond a cache of compiled policies. It names no province; everything it knows comes
from the policy's rules.

Speed: what a policy needs (period boundaries, requirement figures by title, how
each kind of record is counted) is compiled once per policy and cached. Evaluating a
teacher runs one loop over the records and compares the sums with the figures; the
period statuses are computed at once, the detailed results (periods with findings,
ledger, remedial, eligibility, money) are built on first access and then kept.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any

import attrs
from dateutil.relativedelta import relativedelta

from trainingrules import _messages as msg
from trainingrules._json import encode
from trainingrules._values import to_decimal
from trainingrules.cycles import Period, age
from trainingrules.errors import InvalidInputError, UnknownPolicyError
from trainingrules.policy._rules import (
    AttendanceRule,
    BudgetShare,
    Consequence,
    CountRule,
    CourseGrading,
    CreditStateRule,
    ExamRule,
    FeeSchedule,
    HoursRequirement,
    Payer,
    PeriodScheme,
    Policy,
    RemedialRule,
    Rule,
    WrittenWorkRule,
)
from trainingrules.records import (
    Assessment,
    CourseResult,
    Outcome,
    Sex,
    Teacher,
    Title,
    TrainingRecord,
    WrittenWork,
)
from trainingrules.results import (
    ConditionResult,
    CourseOutcome,
    Decision,
    DecisionOutcome,
    Finding,
    LedgerEntry,
    Money,
    PeriodResult,
    RemedialResult,
    RequirementResult,
    Shortfall,
    Status,
)
from trainingrules.scoring import CourseGrade, ExamStatus, decide_sittings, grade_course

__all__ = ["RESULT_SCHEMA_VERSION", "Evaluation", "evaluate", "school_training_budget"]

RESULT_SCHEMA_VERSION = 1
"""Version of ``Evaluation.to_dict``'s layout."""

ZERO = Decimal(0)
ONE = Decimal(1)
_OPEN_YEARS = 200  # open-ended schemes are compiled for 200 years after their start


# --- compiling a policy, once ---------------------------------------------------------


class _Requirement:
    __slots__ = ("buckets", "by_title", "rule")

    def __init__(self, rule: HoursRequirement) -> None:
        self.rule = rule
        self.by_title = {title: rule.minimum.of(title) for title in Title}
        self.buckets = rule.buckets or None  # None: every bucket


class _Scheme:
    """A measured scheme: its boundaries, requirements and assessment conditions."""

    __slots__ = (
        "assessed",
        "boundaries",
        "buckets",
        "conditions",
        "count",
        "figures",
        "first",
        "requirements",
        "rule",
    )

    def __init__(self, rule: PeriodScheme, policy: Policy) -> None:
        assert rule.start is not None  # noqa: S101 - only dated schemes are measured
        self.rule = rule
        periods = rule.count if rule.count is not None else _OPEN_YEARS // rule.years + 1
        self.count = periods
        self.boundaries = tuple(
            rule.start + relativedelta(years=rule.years * k) for k in range(periods + 1)
        )
        # A policy measures no period that ended before it came into force.
        self.first = max(bisect_right(self.boundaries, policy.effective_from) - 1, 0)
        self.requirements = tuple(
            _Requirement(r) for r in policy.of_type(HoursRequirement) if r.scheme == rule.id
        )
        # The buckets the scheme's requirements count (None: all); other hours are not
        # counted in its periods (a year of remote hours holds no face-to-face hours).
        self.buckets: frozenset[str] | None = (
            None
            if not self.requirements or any(r.buckets is None for r in self.requirements)
            else frozenset().union(*(r.buckets for r in self.requirements if r.buckets))
        )
        # Per title, the (buckets, minimum) pairs that apply: None figures are left out.
        self.figures = {
            title: tuple(
                (r.buckets, r.by_title[title])
                for r in self.requirements
                if r.by_title[title] is not None
            )
            for title in Title
        }
        self.conditions = tuple(
            r
            for r in policy.rules
            if isinstance(r, ExamRule | WrittenWorkRule | AttendanceRule) and r.scheme == rule.id
        )
        # Assessment conditions belong to a scheme's single period (checked by Policy).
        self.assessed = self.period(0)

    def measured(self, as_of: date) -> int:
        """How many periods are measured as of ``as_of`` (all, if the scheme is counted)."""
        if self.rule.count is not None:
            return self.count
        return max(bisect_right(self.boundaries, as_of), self.first + 1)

    def period(self, k: int) -> Period:
        return Period(self.boundaries[k], self.boundaries[k + 1])


_EXCLUDED = -1
# What decides how a record is counted: the compiled policy memoises it by this key.
_RECORD_KEY = attrgetter("category", "programme", "provider_level", "credit_state")
_NO_ASSESSMENT = Assessment()


class _Compiled:
    """Everything about a policy that does not depend on the teacher."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.schemes = {r.id: r for r in policy.of_type(PeriodScheme)}
        self.measured = tuple(
            _Scheme(r, policy)
            for r in policy.of_type(PeriodScheme)
            if r.start is not None
            and any(
                getattr(rule, "scheme", None) == r.id
                for rule in policy.rules
                if isinstance(rule, HoursRequirement | ExamRule | WrittenWorkRule | AttendanceRule)
            )
        )
        self.count_rules = policy.of_type(CountRule)
        states = policy.of_type(CreditStateRule)
        self.credit_rule = states[0] if states else None
        self.accepted_states = (
            ", ".join(sorted(s.value for s in self.credit_rule.states)) if self.credit_rule else ""
        )
        grading = policy.of_type(CourseGrading)
        self.grading = grading[0] if grading else None
        self.remedial = policy.of_type(RemedialRule)
        self.consequences = policy.of_type(Consequence)
        fees = policy.of_type(FeeSchedule)
        self.fees = fees[0] if fees else None
        # The interpretations a rule depends on: its own and those of the period scheme
        # it measures or is triggered by (a cycle's start changes every hours finding).
        own: dict[str, tuple[str, ...]] = {}
        for note in policy.interpretations:
            for rule_id in note.rules:
                own[rule_id] = (*own.get(rule_id, ()), note.id)
        self.notes: dict[str, tuple[str, ...]] = {}
        for rule in policy.rules:
            scheme_id = getattr(rule, "scheme", None) or getattr(rule, "trigger", None)
            inherited = own.get(scheme_id, ()) if scheme_id else ()
            merged = own.get(rule.id, ()) + tuple(
                n for n in inherited if n not in own.get(rule.id, ())
            )
            if merged:
                self.notes[rule.id] = merged
        self.dispatch: dict[tuple[Any, ...], tuple[int, str, Decimal | None]] = {}
        self.lasts: dict[date, list[int]] = {}
        self.unassessed: dict[tuple[str, date], Status] = {}

    def measure(self, as_of: date) -> list[int]:
        """How many periods of each measured scheme exist as of ``as_of`` (memoised)."""
        if len(self.lasts) > 4096:
            self.lasts.clear()
        lasts = self.lasts[as_of] = [scheme.measured(as_of) for scheme in self.measured]
        return lasts

    def classify(self, record: TrainingRecord) -> tuple[int, str, Decimal | None]:
        """``(count rule index, bucket, ratio or None for 1)``, or ``(-1, reason, None)``."""
        found = self.dispatch.get(_RECORD_KEY(record))
        if found is None:
            found = self._classify(record)
            if len(self.dispatch) > 65536:
                self.dispatch.clear()
            self.dispatch[_RECORD_KEY(record)] = found
        return found

    def _classify(self, record: TrainingRecord) -> tuple[int, str, Decimal | None]:
        if self.credit_rule is not None and record.credit_state not in self.credit_rule.states:
            return (_EXCLUDED, "credit_state", None)
        for i, rule in enumerate(self.count_rules):
            if rule.selector.matches(record):
                return (i, rule.bucket, None if rule.ratio == ONE else rule.ratio)
        return (_EXCLUDED, "not_recognised", None)

    def finding(self, code: str, rule: Rule | None, **values: str) -> Finding:
        zh, en = msg.render(code, values)
        if rule is None:
            return Finding(code, "", None, (), zh, en)
        return Finding(code, rule.id, rule.citation, self.notes.get(rule.id, ()), zh, en)


@lru_cache(maxsize=128)
def _compile(policy: Policy) -> _Compiled:
    return _Compiled(policy)


# --- evaluating a teacher -----------------------------------------------------------------


def evaluate(  # noqa: PLR0913 - the inputs of a decision, each named
    policy: Policy,
    teacher: Teacher,
    records: Iterable[TrainingRecord],
    as_of: date,
    *,
    assessment: Assessment | None = None,
    outcomes: Iterable[Outcome] = (),
) -> Evaluation:
    """Evaluate ``teacher`` and their ``records`` under ``policy`` as of ``as_of``.

    Args:
        policy: the policy, e.g. ``policy.get("jx-2014")``.
        teacher: the teacher.
        records: every training record of the teacher, in any order; ids must be unique.
            Records the policy does not count are kept in the ledger as excluded.
        as_of: the evaluation date; records completed after it are not counted.
        assessment: exam sittings, written work and attendance, for policies that
            assess them (F5-F7).
        outcomes: results decided elsewhere, e.g. failures on an official list (J2).

    Raises:
        InvalidInputError: a wrong type, a duplicate record id, an outcome for a
            scheme the policy does not define.
    """
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
    if assessment is not None and not isinstance(assessment, Assessment):
        raise InvalidInputError(
            f"expected an Assessment, got {type(assessment).__name__}",
            path="assessment",
            code="input.type",
        )
    compiled = _compile(policy)
    recorded = _check_outcomes(compiled, tuple(outcomes)) if outcomes else {}
    return Evaluation(compiled, teacher, tuple(records), as_of, assessment, recorded)


def _check_outcomes(
    compiled: _Compiled, outcomes: tuple[Outcome, ...]
) -> dict[tuple[str, date], Outcome]:
    recorded: dict[tuple[str, date], Outcome] = {}
    for i, outcome in enumerate(outcomes):
        path = f"outcomes[{i}]"
        if type(outcome) is not Outcome:
            raise InvalidInputError(
                f"expected an Outcome, got {type(outcome).__name__}", path=path, code="input.type"
            )
        scheme = compiled.schemes.get(outcome.scheme)
        if scheme is None:
            raise InvalidInputError(
                f"the policy has no period scheme {outcome.scheme!r} "
                f"(it has: {', '.join(compiled.schemes)})",
                path=f"{path}.scheme",
                code="input.unknown_scheme",
            )
        cycle = scheme.cycle
        if cycle is not None:
            k = scheme.index_of(outcome.start)
            if k is None or cycle.start_of(k) != outcome.start:
                raise InvalidInputError(
                    f"{outcome.start} is not the start of a period of {scheme.id}",
                    path=f"{path}.start",
                    code="input.period",
                )
        key = (outcome.scheme, outcome.start)
        if key in recorded:
            raise InvalidInputError(
                f"two outcomes for {outcome.scheme} from {outcome.start}",
                path=path,
                code="input.duplicate",
            )
        recorded[key] = outcome
    return recorded


def _raise_not_a_record(records: tuple[object, ...]) -> None:
    for i, record in enumerate(records):
        if type(record) is not TrainingRecord:
            raise InvalidInputError(
                f"expected a TrainingRecord, got {type(record).__name__}",
                path=f"records[{i}]",
                code="input.type",
            )


def _raise_duplicate(records: tuple[TrainingRecord, ...]) -> None:
    seen: set[str] = set()
    for i, record in enumerate(records):
        if record.id in seen:
            raise InvalidInputError(
                f"duplicate record id {record.id!r}",
                path=f"records[{i}].id",
                code="input.duplicate",
            )
        seen.add(record.id)


# Module constants: reading a global is cheaper than an enum attribute on the hot path.
_PASSED, _FAILED, _IN_PROGRESS = Status.PASSED, Status.FAILED, Status.IN_PROGRESS
_NOT_STARTED, _EXEMPT = Status.NOT_STARTED, Status.EXEMPT
# Severity for the overall status: the worst period decides.
_BY_RANK = (_EXEMPT, _PASSED, _NOT_STARTED, _IN_PROGRESS, _FAILED)
_RANK = {status: rank for rank, status in enumerate(_BY_RANK)}
_EXEMPT_RANK = 0


class Evaluation:
    """The result of ``evaluate``: statuses at once, details on first access.

    Attributes:
        policy: the policy applied.
        teacher: the teacher.
        as_of: the evaluation date.
        status: the overall status: ``FAILED`` if any period failed; else
            ``IN_PROGRESS`` while any period is open or yet to start (``NOT_STARTED``
            if none has started); else ``PASSED``; ``EXEMPT`` if nothing applies.
    """

    __slots__ = (
        "__dict__",
        "_assessment",
        "_compiled",
        "_outcomes",
        "_placed",
        "_records",
        "_statuses",
        "_totals",
        "as_of",
        "status",
        "teacher",
    )

    teacher: Teacher
    as_of: date
    status: Status
    _compiled: _Compiled
    _records: tuple[TrainingRecord, ...]
    _assessment: Assessment | None
    _outcomes: dict[tuple[str, date], Outcome]
    _placed: list[tuple[int, str, Decimal | None] | str]
    _totals: list[list[dict[str, Decimal]]]
    _statuses: list[list[Status]]

    def __init__(  # noqa: D107, PLR0913, PLR0917 - internal; built by evaluate()
        self,
        compiled: _Compiled,
        teacher: Teacher,
        records: tuple[TrainingRecord, ...],
        as_of: date,
        assessment: Assessment | None,
        outcomes: dict[tuple[str, date], Outcome],
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "_compiled", compiled)
        setattr_(self, "teacher", teacher)
        setattr_(self, "_records", records)
        setattr_(self, "as_of", as_of)
        setattr_(self, "_assessment", assessment)
        setattr_(self, "_outcomes", outcomes)
        self._count()

    @property
    def policy(self) -> Policy:
        """The policy applied."""
        return self._compiled.policy

    def __setattr__(self, name: str, value: object) -> None:
        """Evaluations are immutable."""
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        """Evaluations are immutable."""
        raise attrs.exceptions.FrozenInstanceError

    def __repr__(self) -> str:
        """``Evaluation(policy='jx-2014', teacher='T1', as_of=..., status=...)``."""
        return (
            f"Evaluation(policy={self.policy.id!r}, teacher={self.teacher.id!r}, "
            f"as_of={self.as_of!r}, status={self.status.value!r})"
        )

    # The hot path: one pass over the records, then compare sums with figures.
    def _count(self) -> None:  # noqa: C901, PLR0912, PLR0915 - the hot path, one loop on purpose
        compiled = self._compiled
        as_of = self.as_of
        records = self._records
        schemes = compiled.measured
        lasts = compiled.lasts.get(as_of) or compiled.measure(as_of)
        totals: list[list[dict[str, Decimal]]] = [[{} for _ in range(last)] for last in lasts]
        bounds = [
            (scheme.boundaries, scheme.first, last, sums, scheme.buckets)
            for scheme, last, sums in zip(schemes, lasts, totals, strict=True)
        ]
        grading = compiled.grading
        dispatch = compiled.dispatch
        key_of = _RECORD_KEY
        # Per record: its (rule index, bucket, ratio) if counted, else the exclusion code.
        placed: list[tuple[int, str, Decimal | None] | str] = []
        append = placed.append
        try:
            if len({record.id for record in records}) != len(records):
                _raise_duplicate(records)
            for record in records:
                day = record.completed_on
                if day > as_of:
                    append("after_as_of")
                    continue
                found = dispatch.get(key_of(record)) or compiled.classify(record)
                index, bucket, ratio = found
                if index < 0:
                    append(bucket)
                    continue
                course = record.course
                if (
                    grading is not None
                    and course is not None
                    and not _grade(grading, course).passed
                ):
                    append("course_not_passed")
                    continue
                credited = record.hours if ratio is None else record.hours * ratio
                hit = False
                for boundaries, first, last, scheme_sums, wanted in bounds:
                    k = bisect_right(boundaries, day) - 1
                    if first <= k < last and (wanted is None or bucket in wanted):
                        sums = scheme_sums[k]
                        sums[bucket] = sums.get(bucket, ZERO) + credited
                        hit = True
                append(found if hit else "outside_periods")
        except AttributeError:
            _raise_not_a_record(records)
            raise
        setattr_ = object.__setattr__
        setattr_(self, "_placed", placed)
        setattr_(self, "_totals", totals)
        title = self.teacher.title
        statuses: list[list[Status]] = []
        worst = _EXEMPT_RANK
        for scheme, last, scheme_sums in zip(schemes, lasts, totals, strict=True):
            conditions = self._conditions_status(scheme) if scheme.conditions else _PASSED
            boundaries = scheme.boundaries
            row: list[Status] = []
            for k in range(scheme.first, last):
                sums = scheme_sums[k]
                applicable = bool(scheme.conditions)
                met = True
                for buckets, required in scheme.figures[title]:
                    applicable = True
                    if _counted(sums, buckets) < required:  # type: ignore[operator]
                        met = False
                # Status of the period as of the evaluation date (see ``Status``).
                if not applicable:
                    status = _EXEMPT
                elif as_of < boundaries[k]:
                    status = _NOT_STARTED
                elif conditions is _FAILED:
                    status = _FAILED
                elif met and conditions is _PASSED:
                    status = _PASSED
                elif as_of >= boundaries[k + 1]:
                    status = _FAILED
                else:
                    status = _IN_PROGRESS
                row.append(status)
                rank = _RANK[status]
                worst = max(worst, rank)
            statuses.append(row)
        overall = _BY_RANK[worst]
        if overall is _NOT_STARTED and any(_PASSED in row for row in statuses):
            overall = _IN_PROGRESS
        setattr_(self, "_statuses", statuses)
        setattr_(self, "status", overall)

    def _conditions_status(self, scheme: _Scheme) -> Status:
        """Combined status of a scheme's assessment conditions (memoised without inputs)."""
        if self._assessment is None:
            key = (scheme.rule.id, self.as_of)
            status = self._compiled.unassessed.get(key)
            if status is None:
                status = self._compiled.unassessed[key] = _worst(
                    self._condition_status(rule, scheme.assessed) for rule in scheme.conditions
                )
            return status
        return _worst(self._condition_status(rule, scheme.assessed) for rule in scheme.conditions)

    def _condition_status(
        self, rule: ExamRule | WrittenWorkRule | AttendanceRule, period: Period
    ) -> Status:
        """The status of an assessment condition, without building its findings."""
        assessment = self._assessment or _NO_ASSESSMENT
        ended = self.as_of >= period.end
        if isinstance(rule, AttendanceRule):
            return Status.FAILED if assessment.unexcused_absence else Status.PASSED
        if isinstance(rule, WrittenWorkRule):
            work = assessment.written_work
            if work is None:
                return Status.FAILED if ended else Status.IN_PROGRESS
            return Status.PASSED if not _written_gaps(rule, work) else Status.FAILED
        sittings = [s for s in assessment.sittings if s.on <= self.as_of]
        exam = decide_sittings(sittings, rule.pass_mark).status
        if exam is ExamStatus.PENDING:
            return Status.FAILED if ended else Status.IN_PROGRESS
        return Status.PASSED if exam is ExamStatus.PASSED else Status.FAILED

    def _conditions(self, scheme: _Scheme) -> tuple[ConditionResult, ...]:
        return tuple(self._condition(rule, scheme.assessed) for rule in scheme.conditions)

    def _condition(
        self, rule: ExamRule | WrittenWorkRule | AttendanceRule, period: Period
    ) -> ConditionResult:
        """A condition's status (from ``_condition_status``) with the findings behind it."""
        compiled = self._compiled
        status = self._condition_status(rule, period)
        assessment = self._assessment or _NO_ASSESSMENT
        period_zh, period_en = msg.period_text(period)
        findings: list[Finding] = []
        deciding = None
        if isinstance(rule, AttendanceRule):
            code = "attendance.absent" if assessment.unexcused_absence else "attendance.present"
            findings.append(
                _bilingual(compiled, code, rule, {"period": period_zh}, {"period": period_en})
            )
        elif isinstance(rule, WrittenWorkRule):
            work = assessment.written_work
            if work is None:
                findings.append(compiled.finding("written.missing", rule))
            else:
                gaps = _written_gaps(rule, work)
                findings.extend(
                    compiled.finding(code, rule, value=str(value), minimum=str(minimum))
                    for code, value, minimum in gaps
                )
                if not gaps:
                    findings.append(compiled.finding("written.met", rule))
        else:
            sittings = [s for s in assessment.sittings if s.on <= self.as_of]
            result = decide_sittings(sittings, rule.pass_mark)
            deciding = result.deciding
            score = "" if deciding is None or deciding.score is None else msg.number(deciding.score)
            findings.append(
                _bilingual(
                    compiled,
                    result.reason,
                    rule,
                    {"label": rule.label.zh, "score": score},
                    {"label": rule.label.en},
                )
            )
            if result.status is ExamStatus.PENDING and status is Status.FAILED:
                findings.append(
                    _bilingual(
                        compiled,
                        "exam.not_completed",
                        rule,
                        {"label": rule.label.zh, "period": period_zh},
                        {"label": rule.label.en, "period": period_en},
                    )
                )
        return ConditionResult(rule.id, status, tuple(findings), deciding)

    # --- details, built on first access -------------------------------------------------

    @cached_property
    def periods(self) -> tuple[PeriodResult, ...]:
        """One result per period the policy measures, in scheme order then by date."""
        results: list[PeriodResult] = []
        for s, scheme in enumerate(self._compiled.measured):
            for j, status in enumerate(self._statuses[s]):
                results.append(self._period_result(s, scheme, scheme.first + j, status))
        return tuple(results)

    def _period_result(self, s: int, scheme: _Scheme, k: int, status: Status) -> PeriodResult:
        compiled = self._compiled
        period = scheme.period(k)
        sums = self._totals[s][k]
        period_zh, period_en = msg.period_text(period)
        title = self.teacher.title
        requirements: list[RequirementResult] = []
        shortfall: list[Shortfall] = []
        findings: list[Finding] = []
        for requirement in scheme.requirements:
            rule = requirement.rule
            required = requirement.by_title[title]
            counted = _counted(sums, requirement.buckets)
            zh = {"period": period_zh, "label": rule.label.zh}
            en = {"period": period_en, "label": rule.label.en}
            if required is None:
                requirements.append(
                    RequirementResult(rule.id, rule.label, None, counted, True, ZERO)
                )
                zh["title"] = msg.TITLE_ZH[title]
                en["title"] = title.value
                findings.append(_bilingual(compiled, "hours.no_figure", rule, zh, en))
                continue
            missing = max(required - counted, ZERO)
            met = missing == ZERO
            requirements.append(
                RequirementResult(rule.id, rule.label, required, counted, met, missing)
            )
            numbers = {
                "counted": msg.number(counted),
                "required": msg.number(required),
                "missing": msg.number(missing),
                "due": msg.day(period.last_day),
                "start": msg.day(period.start),
            }
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
                code = "hours.short" if self.as_of >= period.end else "hours.open"
            findings.append(_bilingual(compiled, code, rule, zh | numbers, en | numbers))
        conditions = self._conditions(scheme) if scheme.conditions else ()
        for condition in conditions:
            findings.extend(condition.findings)
        by_bucket = tuple(sorted(sums.items()))
        return PeriodResult(
            scheme=scheme.rule.id,
            label=scheme.rule.label,
            period=period,
            status=status,
            counted=sum(sums.values(), ZERO),
            by_bucket=by_bucket,
            requirements=tuple(requirements),
            conditions=conditions,
            shortfall=tuple(shortfall),
            findings=tuple(findings),
        )

    @cached_property
    def ledger(self) -> tuple[LedgerEntry, ...]:
        """Every input record exactly once, counted or excluded, in input order."""
        compiled = self._compiled
        schemes = compiled.measured
        entries: list[LedgerEntry] = []
        bounds = [(scheme, scheme.measured(self.as_of)) for scheme in schemes]
        for record, place in zip(self._records, self._placed, strict=True):
            values = {
                "record": record.id,
                "day": msg.day(record.completed_on),
                "as_of": msg.day(self.as_of),
                "category": record.category,
                "programme": record.programme,
                "state": str(record.credit_state.value if record.credit_state else "unknown"),
                "accepted": compiled.accepted_states,
            }
            if not isinstance(place, str):
                index, bucket, ratio = place
                rule: Rule = compiled.count_rules[index]
                credited = record.hours if ratio is None else record.hours * ratio
                # The periods that took the record, as the hot loop in ``_count`` decided
                # (the property tests check that ledger and period totals agree).
                labels = tuple(
                    f"{scheme.rule.id} {scheme.period(k).label}"
                    for scheme, last in bounds
                    for k in (bisect_right(scheme.boundaries, record.completed_on) - 1,)
                    if scheme.first <= k < last
                    and (scheme.buckets is None or bucket in scheme.buckets)
                )
                values |= {
                    "bucket": bucket,
                    "credited": msg.number(credited),
                    "ratio": msg.number(compiled.count_rules[index].ratio),
                    "periods": ", ".join(labels),
                }
                finding = compiled.finding("record.counted", rule, **values)
                entries.append(
                    LedgerEntry(
                        record.id,
                        record.hours,
                        True,
                        bucket,
                        credited,
                        labels,
                        rule.id,
                        None,
                        finding,
                    )
                )
                continue
            reason = place
            excluded_by: Rule | None = {
                "credit_state": compiled.credit_rule,
                "course_not_passed": compiled.grading,
            }.get(reason)
            finding = compiled.finding(f"record.{reason}", excluded_by, **values)
            entries.append(
                LedgerEntry(
                    record.id,
                    record.hours,
                    False,
                    None,
                    ZERO,
                    (),
                    excluded_by.id if excluded_by is not None else "",
                    reason,
                    finding,
                )
            )
        return tuple(entries)

    @cached_property
    def courses(self) -> tuple[CourseOutcome, ...]:
        """Graded courses (records carrying a ``course``), if the policy grades courses."""
        compiled = self._compiled
        grading = compiled.grading
        if grading is None:
            return ()
        outcomes: list[CourseOutcome] = []
        for record in self._records:
            course = record.course
            if course is None:
                continue
            grade = _grade(grading, course)
            values = {
                "record": record.id,
                "completed": msg.number(course.hours_completed),
                "required": msg.number(course.hours_required),
                "pass_mark": msg.number(grading.pass_mark),
                "composite": msg.number(grade.composite) if grade.composite is not None else "",
            }
            findings = [compiled.finding(reason, grading, **values) for reason in grade.reasons]
            if grade.may_sit_final:
                findings.insert(0, compiled.finding("course.may_sit_final", grading, **values))
            if grade.passed:
                findings.append(compiled.finding("course.passed", grading, **values))
            outcomes.append(
                CourseOutcome(
                    record.id, grade.may_sit_final, grade.composite, grade.passed, tuple(findings)
                )
            )
        return tuple(outcomes)

    def _verdicts(self, scheme_id: str) -> list[tuple[Period, Status, Finding | None]]:
        """Decided results of a scheme's periods, recorded ones taking precedence, by date."""
        compiled = self._compiled
        rule = compiled.schemes[scheme_id]
        verdicts: dict[date, tuple[Period, Status, Finding | None]] = {}
        for s, scheme in enumerate(compiled.measured):
            if scheme.rule.id == scheme_id:
                for j, status in enumerate(self._statuses[s]):
                    k = scheme.first + j
                    if status in (Status.PASSED, Status.FAILED):
                        verdicts[scheme.boundaries[k]] = (scheme.period(k), status, None)
        for (recorded_scheme, start), outcome in self._outcomes.items():
            if recorded_scheme != scheme_id:
                continue
            period = Period(start, start + relativedelta(years=rule.years))
            period_zh, period_en = msg.period_text(period)
            code = "outcome.passed" if outcome.passed else "outcome.failed"
            source = outcome.source or "recorded"
            finding = _bilingual(
                compiled,
                code,
                rule,
                {"period": period_zh, "label": rule.label.zh, "source": source},
                {"period": period_en, "label": rule.label.en, "source": source},
            )
            status = Status.PASSED if outcome.passed else Status.FAILED
            verdicts[start] = (period, status, finding)
        return [verdicts[start] for start in sorted(verdicts)]

    @cached_property
    def remedial(self) -> tuple[RemedialResult, ...]:
        """One result per remedial rule of the policy."""
        return tuple(self._remedial(rule) for rule in self._compiled.remedial)

    def _remedial(self, rule: RemedialRule) -> RemedialResult:
        compiled = self._compiled
        scheme = compiled.schemes[rule.trigger]
        failed = [
            (p, f) for p, status, f in self._verdicts(rule.trigger) if status is Status.FAILED
        ]
        if not failed:
            finding = _bilingual(
                compiled,
                "remedial.not_required",
                rule,
                {"label": scheme.label.zh},
                {"label": scheme.label.en},
            )
            return RemedialResult(
                rule.id, False, True, (), rule.runs_in, rule.payer, ZERO, (finding,)
            )
        labels = tuple(period.label for period, _ in failed)
        findings = [f for _, f in failed if f is not None]
        periods_zh = "、".join(msg.period_text(p)[0] for p, _ in failed)
        periods_en = ", ".join(msg.period_text(p)[1] for p, _ in failed)
        in_scope = True
        limit = rule.age_limit
        if limit is not None:
            teacher_age = age(self.teacher.birth_date, limit.method, limit.reference)
            bound = limit.limit_for(self.teacher.sex)
            in_scope = teacher_age < bound
        if not in_scope:
            assert limit is not None  # noqa: S101 - only an age limit puts a teacher out of scope
            male = self.teacher.sex is Sex.MALE
            in_year = limit.method.value == "in_year"
            findings.append(
                _bilingual(
                    compiled,
                    "remedial.out_of_scope",
                    rule,
                    {
                        "periods": periods_zh,
                        "age_text": f"{limit.reference.year}年满{teacher_age}周岁"
                        if in_year
                        else f"{msg.day(limit.reference)}已满{teacher_age}周岁",
                        "sex": "男" if male else "女",
                        "limit": str(bound),
                    },
                    {
                        "periods": periods_en,
                        "age_text_en": f"aged {teacher_age} in {limit.reference.year}"
                        if in_year
                        else f"aged {teacher_age} on {msg.day(limit.reference)}",
                        "sex_en": "men" if male else "women",
                        "limit": str(bound),
                    },
                )
            )
        else:
            when_zh = f"（{msg.period_text(rule.runs_in)[0]}）" if rule.runs_in else ""
            when_en = f" in {msg.period_text(rule.runs_in)[1]}" if rule.runs_in else ""
            free = rule.payer is Payer.FREE
            findings.append(
                _bilingual(
                    compiled,
                    "remedial.required",
                    rule,
                    {
                        "periods": periods_zh,
                        "when": when_zh,
                        "payer": "免收费用" if free else "费用自理",
                    },
                    {
                        "periods": periods_en,
                        "when_en": when_en,
                        "payer_en": "free of charge" if free else "at the teacher's own cost",
                    },
                )
            )
        # Fees already collected are refunded whether or not the teacher is in scope
        # (J4: "已经收取和上缴教师补训费用的，要全额退还教师" names no exception).
        refund = ZERO
        if rule.refund_paid:
            refund = sum(
                (
                    r.fee_paid
                    for r in self._records
                    if rule.fees_on.matches(r) and r.completed_on <= self.as_of
                ),
                ZERO,
            )
            if refund > ZERO:
                findings.append(
                    compiled.finding("remedial.refund", rule, amount=msg.number(refund))
                )
        return RemedialResult(
            rule.id, in_scope, in_scope, labels, rule.runs_in, rule.payer, refund, tuple(findings)
        )

    @cached_property
    def eligibility(self) -> tuple[Decision, ...]:
        """Decisions: each kind a consequence governs, sitting each final, remedial scope."""
        decisions = [self._decision(kind) for kind in self._governed_kinds()]
        decisions.extend(
            Decision(
                "sit_final",
                course.record_id,
                DecisionOutcome.ELIGIBLE if course.may_sit_final else DecisionOutcome.INELIGIBLE,
                None,
                tuple(f for f in course.findings if f.code != "course.passed"),
            )
            for course in self.courses
        )
        decisions.extend(
            Decision(
                "remedial",
                result.rule_id,
                DecisionOutcome.ELIGIBLE if result.in_scope else DecisionOutcome.INELIGIBLE,
                None,
                result.findings,
            )
            for result in self.remedial
            if result.failed_periods
        )
        return tuple(decisions)

    def _governed_kinds(self) -> list[str]:
        kinds: list[str] = []
        for consequence in self._compiled.consequences:
            for kind in sorted(consequence.denies):
                if kind.value not in kinds:
                    kinds.append(kind.value)
        return kinds

    def _decision(self, kind: str) -> Decision:
        compiled = self._compiled
        kind_zh, kind_en = msg.KIND_LABELS[kind]
        outcome = DecisionOutcome.ELIGIBLE
        year: int | None = None
        findings: list[Finding] = []
        pending = True
        for consequence in compiled.consequences:
            if kind not in {k.value for k in consequence.denies}:
                continue
            scheme = compiled.schemes[consequence.trigger]
            verdicts = self._verdicts(consequence.trigger)
            if not verdicts:
                findings.append(
                    _bilingual(
                        compiled,
                        "decision.pending",
                        consequence,
                        {"label": scheme.label.zh, "kind": kind_zh},
                        {"label": scheme.label.en, "kind_en": kind_en},
                    )
                )
                continue
            pending = False
            period, status, recorded = verdicts[-1]
            if recorded is not None:
                findings.append(recorded)
            period_zh, period_en = msg.period_text(period)
            if status is Status.FAILED:
                outcome = DecisionOutcome.INELIGIBLE
                following = period.last_day.year + 1 if consequence.following_year else None
                year = following if following is not None else year
                findings.append(
                    _bilingual(
                        compiled,
                        "decision.ineligible",
                        consequence,
                        {
                            "period": period_zh,
                            "label": scheme.label.zh,
                            "kind": kind_zh,
                            "year": f"{following}年" if following else "",
                        },
                        {
                            "period": period_en,
                            "label": scheme.label.en,
                            "kind_en": kind_en,
                            "year_en": f" in {following}" if following else "",
                        },
                    )
                )
            else:
                findings.append(
                    _bilingual(
                        compiled,
                        "decision.eligible",
                        consequence,
                        {"period": period_zh, "label": scheme.label.zh, "kind": kind_zh},
                        {"period": period_en, "label": scheme.label.en, "kind_en": kind_en},
                    )
                )
        if pending:
            outcome = DecisionOutcome.PENDING
        return Decision(kind, "", outcome, year, tuple(findings))

    @cached_property
    def money(self) -> Money:
        """The yearly fee due by title, if the policy has a fee schedule."""
        compiled = self._compiled
        fees = compiled.fees
        if fees is None:
            return Money(None, ())
        title = self.teacher.title
        amount = fees.per_year.of(title)
        values = {"title": msg.TITLE_ZH[title], "title_en": title.value}
        if amount is None:
            return Money(None, (compiled.finding("fee.not_stated", fees, **values),))
        return Money(
            amount, (compiled.finding("fee.due", fees, **values, amount=msg.number(amount)),)
        )

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: periods, ledger, courses, remedial, eligibility, money."""
        found: list[Finding] = []
        for period in self.periods:
            found.extend(period.findings)
        found.extend(entry.finding for entry in self.ledger)
        for course in self.courses:
            found.extend(course.findings)
        for result in self.remedial:
            found.extend(result.findings)
        for decision in self.eligibility:
            if decision.kind not in ("sit_final", "remedial"):
                found.extend(decision.findings)
        found.extend(self.money.findings)
        return tuple(found)

    @property
    def shortfall(self) -> tuple[Shortfall, ...]:
        """What is still missing in every open (in-progress or not started) period."""
        return tuple(
            item
            for period in self.periods
            if period.status in (Status.IN_PROGRESS, Status.NOT_STARTED)
            for item in period.shortfall
        )

    def to_dict(self) -> dict[str, Any]:
        """The evaluation as JSON-safe data, keys in a stable order."""
        return {
            "schema_version": RESULT_SCHEMA_VERSION,
            "policy": self.policy.id,
            "teacher": self.teacher.id,
            "as_of": self.as_of.isoformat(),
            "documents": encode(self.policy.documents),
            "status": self.status.value,
            "periods": encode(self.periods),
            "ledger": encode(self.ledger),
            "courses": encode(self.courses),
            "remedial": encode(self.remedial),
            "eligibility": encode(self.eligibility),
            "money": encode(self.money),
        }


def _counted(sums: dict[str, Decimal], buckets: frozenset[str] | None) -> Decimal:
    """Hours counted in ``buckets`` (``None``: all buckets)."""
    if buckets is None:
        return sum(sums.values(), ZERO)
    return sum([hours for bucket, hours in sums.items() if bucket in buckets], ZERO)


def _worst(statuses: Iterable[Status]) -> Status:
    """Combined status of a period's conditions: failed, else in progress, else passed."""
    found = set(statuses)
    if Status.FAILED in found:
        return Status.FAILED
    if Status.IN_PROGRESS in found:
        return Status.IN_PROGRESS
    return Status.PASSED


@lru_cache(maxsize=4096)
def _grade(grading: CourseGrading, course: CourseResult) -> CourseGrade:
    """A course's grade; memoised, since results repeat across teachers and calls."""
    return grade_course(course, grading.weights, grading.pass_mark, grading.rounding)


def _written_gaps(rule: WrittenWorkRule, work: WrittenWork) -> list[tuple[str, object, object]]:
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
        gaps.append(("written.printed", "printed", "handwritten"))
    return gaps


def _bilingual(
    compiled: _Compiled, code: str, rule: Rule, zh: dict[str, str], en: dict[str, str]
) -> Finding:
    """A finding whose Chinese and English texts need different values (labels)."""
    finding = compiled.finding(code, rule, **(zh | {k: v for k, v in en.items() if k not in zh}))
    english = msg.render(code, {**zh, **en})[1]
    return attrs.evolve(finding, en=english)


def school_training_budget(policy: Policy, annual_public_budget: Decimal) -> Decimal:
    """The training budget a school sets aside: the policy's share of its annual budget (W2, H7).

    Exact: no rounding is applied, because the texts state none.

    >>> from trainingrules import policy
    >>> school_training_budget(policy.get("sn-weinan-2019"), Decimal("1200000"))
    Decimal('60000.00')
    """
    shares = policy.of_type(BudgetShare)
    if not shares:
        raise UnknownPolicyError(
            f"{policy.id} states no school training budget share",
            path="policy",
            code="policy.no_rule",
        )
    return to_decimal(annual_public_budget, "annual_public_budget") * shares[0].share
