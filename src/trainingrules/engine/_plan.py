"""A policy compiled once: what every executor of the policy needs, as plain data.

The plan holds everything about a policy that does not depend on the teacher: the
boundaries of every measured period, each requirement's figure by title, how each
kind of record is counted (``classify``), the interpretations each rule depends on.
The per-teacher engine (``evaluate``) executes it; a columnar executor can execute
the same plan over tables, classifying each distinct record kind once through
``Plan.classify``.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import MAXYEAR, date
from decimal import Decimal
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

from dateutil.relativedelta import relativedelta

from trainingrules import _messages as msg
from trainingrules.cycles import Period
from trainingrules.errors import InvalidInputError
from trainingrules.policy._consistency import bucket_units
from trainingrules.policy._counting import Unit
from trainingrules.policy._requirements import Proration
from trainingrules.policy._rules import (
    AttendanceRule,
    Citation,
    Consequence,
    CountRule,
    CourseGrading,
    CreditStateRule,
    ExamRule,
    ExcludeRule,
    FeeSchedule,
    HoursRequirement,
    PeriodScheme,
    Policy,
    RemedialRule,
    Rule,
    ServiceRule,
    WrittenWorkRule,
)
from trainingrules.records import Title, TrainingRecord
from trainingrules.results import Exclusion, Finding, Status

__all__ = [
    "Condition",
    "Exclusion",
    "Placement",
    "Plan",
    "RequirementPlan",
    "SchemePlan",
    "compile_policy",
]

ONE = Decimal(1)
_OPEN_YEARS = 200  # open-ended schemes are compiled for 200 years after their start

Condition = ExamRule | WrittenWorkRule | AttendanceRule
"""An assessment condition of a period (F5-F7)."""


class Placement(NamedTuple):
    """How a counted record is counted: the count rule and its bucket."""

    rule: CountRule
    bucket: str
    converts: bool
    """Whether the rule changes the amount (a ratio other than 1, or a rounding)."""

    def credit(self, hours: Decimal) -> Decimal:
        """The amount a record of ``hours`` adds to its bucket."""
        return self.rule.credit(hours) if self.converts else hours


def _precedence(rule: CountRule) -> tuple[int, int]:
    """Narrower selectors first: fewer "any" dimensions, then fewer values.

    For two nested selectors (the only overlapping kind a policy accepts) this puts
    the narrower one first, so the first match is the narrowest.
    """
    sets = (rule.selector.categories, rule.selector.programmes, rule.selector.provider_levels)
    return (sum(not s for s in sets), sum(len(s) for s in sets))


class RequirementPlan:
    """A requirement compiled: its figure for each title and the buckets it sums."""

    __slots__ = ("buckets", "by_title", "rule", "unit")

    def __init__(self, rule: HoursRequirement, units: dict[str, Unit]) -> None:
        """Compile ``rule``; ``units`` gives each bucket's unit."""
        self.rule = rule
        # Every bucket summed is of one unit (checked by Policy); hours if none is filled.
        self.unit = next((units[b] for b in (rule.buckets or units) if b in units), Unit.HOURS)
        self.by_title = {title: rule.minimum.of(title) for title in Title}
        self.buckets: frozenset[str] | None = rule.buckets or None  # None: every bucket

    def counted(self, sums: dict[str, Decimal]) -> Decimal:
        """What ``sums`` (bucket → amount) count toward the requirement."""
        buckets = self.buckets
        if buckets is None:
            return sum(sums.values(), Decimal(0))
        return sum([amount for bucket, amount in sums.items() if bucket in buckets], Decimal(0))


class SchemePlan:
    """A measured period scheme: its boundaries, requirements and assessment conditions."""

    __slots__ = (
        "assessed",
        "boundaries",
        "buckets",
        "conditions",
        "count",
        "figures",
        "first",
        "labels",
        "requirements",
        "rule",
        "simple",
    )

    def __init__(self, rule: PeriodScheme, policy: Policy) -> None:
        """Compile the scheme ``rule`` of ``policy`` (a scheme with a start)."""
        self.rule = rule
        if rule.count is not None:
            # PeriodScheme checks that a date holds every boundary.
            self.boundaries = _boundaries(rule, rule.count)
        else:
            # 200 years; ``measured`` adds the rest when an evaluation date needs them.
            self.boundaries = _boundaries(rule, _OPEN_YEARS // rule.years)
            if bisect_right(self.boundaries, policy.effective_from) == len(self.boundaries):
                # The policy comes into force after them: every boundary a date can hold.
                self.boundaries = _boundaries(rule, MAXYEAR)
        self.count = len(self.boundaries) - 1
        # A policy measures no period that ended before it came into force.
        self.first = max(bisect_right(self.boundaries, policy.effective_from) - 1, 0)
        self.requirements = tuple(
            RequirementPlan(r, bucket_units(policy))
            for r in policy.of_type(HoursRequirement)
            if r.scheme == rule.id
        )
        # The buckets the scheme's requirements count (None: all); other hours are not
        # counted in its periods (a year of remote hours holds no face-to-face hours).
        self.buckets: frozenset[str] | None = (
            None
            if not self.requirements or any(r.buckets is None for r in self.requirements)
            else frozenset().union(*(r.buckets for r in self.requirements if r.buckets))
        )
        # Per title, the requirements with a figure for it, and the figure.
        self.figures: dict[Title, tuple[tuple[RequirementPlan, Decimal], ...]] = {
            title: tuple(
                (r, figure) for r in self.requirements if (figure := r.by_title[title]) is not None
            )
            for title in Title
        }
        self.conditions: tuple[Condition, ...] = tuple(
            r
            for r in policy.rules
            if isinstance(r, ExamRule | WrittenWorkRule | AttendanceRule) and r.scheme == rule.id
        )
        # Assessment conditions belong to a scheme's single period (checked by Policy).
        self.assessed = self.period(0)
        self.labels: dict[int, tuple[str, msg.Words]] = {}
        # No caps, parts or activities: the count compares plain sums with figures.
        self.simple = all(
            not (r.rule.caps or r.rule.parts or r.rule.including) for r in self.requirements
        )

    def measured(self, as_of: date) -> int:
        """How many periods are measured as of ``as_of`` (all, if the scheme is counted).

        Raises ``InvalidInputError`` (``input.range``, path ``as_of``) when the period
        that contains ``as_of`` ends after 9999-12-31, the last day a date can hold.
        """
        if self.rule.count is not None:
            return self.count
        last = bisect_right(self.boundaries, as_of)
        if last == len(self.boundaries):
            # Every boundary a date can hold: the same tuple whoever computes it, so
            # plans shared between threads stay consistent (a tuple only grows).
            self.boundaries = _boundaries(self.rule, MAXYEAR)
            last = bisect_right(self.boundaries, as_of)
        # At least the period the policy comes into force in.
        last = max(last, self.first + 1)
        if last >= len(self.boundaries):
            start = self.boundaries[-1]
            raise InvalidInputError(
                f"{as_of} lies in the period of {self.rule.id} from {start}, which "
                f"ends after {date.max}, the last day a date can hold",
                path="as_of",
                code="input.range",
            )
        return last

    def period(self, k: int) -> Period:
        """Period ``k`` of the scheme."""
        return Period(self.boundaries[k], self.boundaries[k + 1])

    def label(self, k: int) -> tuple[str, msg.Words]:
        """Period ``k`` as the ledger names it (``N1.cycle 2011–2015``) and in messages.

        Made once per period: every counted record of every teacher names its periods.
        """
        found = self.labels.get(k)
        if found is None:
            period = self.period(k)
            found = self.labels[k] = (
                f"{self.rule.id} {period.label}",
                msg.period_label(self.rule.label, period),
            )
        return found

    def index(self, day: date, last: int, bucket: str) -> int | None:
        """Index of the measured period (before ``last``) that takes ``bucket`` on ``day``."""
        k = bisect_right(self.boundaries, day) - 1
        if self.first <= k < last and (self.buckets is None or bucket in self.buckets):
            return k
        return None


# What decides how a record is counted: the plan memoises ``classify`` by this key.
RECORD_KEY = attrgetter("category", "programme", "provider_level", "credit_state")


class Plan:
    """Everything about a policy that does not depend on the teacher.

    Attributes:
        policy: the policy compiled.
        schemes: every period scheme by id.
        measured: the schemes whose periods are measured (they have a start and a
            requirement or condition), in policy order.
        count_rules: the count rules in precedence order.
        credit_rule: the credit-state rule, if any (X1).
        grading: the course grading rule, if any (H4-H6).
        remedial: the remedial rules.
        consequences: the consequences.
        fees: the fee schedule, if any (F3).
    """

    def __init__(self, policy: Policy) -> None:
        """Compile ``policy``."""
        self.policy = policy
        self.schemes = {r.id: r for r in policy.of_type(PeriodScheme)}
        uses = {
            rule.scheme
            for rule in policy.rules
            if isinstance(rule, HoursRequirement | ExamRule | WrittenWorkRule | AttendanceRule)
        }
        self.measured = tuple(
            SchemePlan(r, policy)
            for r in policy.of_type(PeriodScheme)
            if r.start is not None and r.id in uses
        )
        self.count_rules = tuple(sorted(policy.of_type(CountRule), key=_precedence))
        self.units = bucket_units(policy)
        states = policy.of_type(CreditStateRule)
        self.credit_rule = states[0] if states else None
        grading = policy.of_type(CourseGrading)
        self.grading = grading[0] if grading else None
        self.remedial = policy.of_type(RemedialRule)
        self.consequences = policy.of_type(Consequence)
        fees = policy.of_type(FeeSchedule)
        self.fees = fees[0] if fees else None
        service = policy.of_type(ServiceRule)
        self.service = service[0] if service else None
        # Whether a teacher's service can change a figure (checked per teacher only then).
        self.prorates = self.service is not None and self.service.proration is Proration.BY_DAYS
        self.notes = _notes(policy)
        self.dispatch: dict[tuple[Any, ...], Placement | Exclusion] = {}
        self.lasts: dict[date, list[int]] = {}
        # Status of each scheme's conditions when no assessment is given, by as_of.
        self.unassessed: dict[tuple[str, date], Status] = {}

    @cached_property
    def fingerprint(self) -> str:
        """The policy's ``fingerprint``, computed once per plan (results stamp it)."""
        return self.policy.fingerprint

    def measure(self, as_of: date) -> list[int]:
        """How many periods of each measured scheme exist as of ``as_of`` (memoised)."""
        lasts = self.lasts.get(as_of)
        if lasts is None:
            if len(self.lasts) > 4096:
                self.lasts.clear()
            lasts = self.lasts[as_of] = [scheme.measured(as_of) for scheme in self.measured]
        return lasts

    def classify(self, record: TrainingRecord) -> Placement | Exclusion:
        """How ``record`` is counted, or why it is not (memoised by record kind)."""
        key = RECORD_KEY(record)
        found = self.dispatch.get(key)
        if found is None:
            found = self._classify(record)
            if len(self.dispatch) > 65536:
                self.dispatch.clear()
            self.dispatch[key] = found
        return found

    def _classify(self, record: TrainingRecord) -> Placement | Exclusion:
        # What the training is comes first: a kind the policy rules out never counts,
        # whatever its credit state (H1: degree study is not non-degree training).
        if any(rule.selector.matches(record) for rule in self.policy.of_type(ExcludeRule)):
            return Exclusion.RULED_OUT
        if self.credit_rule is not None and record.credit_state not in self.credit_rule.states:
            return Exclusion.CREDIT_STATE
        for rule in self.count_rules:
            if rule.selector.matches(record):
                return Placement(rule, rule.bucket, rule.ratio != ONE or rule.rounding is not None)
        return Exclusion.NOT_RECOGNISED

    def finding(self, code: str, rule: Rule | None, **values: object) -> Finding:
        """A finding of ``rule`` with the message of ``code`` filled with ``values``."""
        zh, en = msg.render(code, values)
        if rule is None:
            return Finding(code, "", None, (), zh, en)
        return Finding(code, rule.id, rule.citation, self.notes.get(rule.id, ()), zh, en)

    def cited(self, citation: Citation, finding: Finding) -> Finding:
        """``finding`` citing the clause of a part of its rule (a cap, an activity)."""
        return Finding(
            finding.code,
            finding.rule_id,
            citation,
            finding.interpretations,
            finding.zh,
            finding.en,
        )


def _notes(policy: Policy) -> dict[str, tuple[str, ...]]:
    """The interpretations each rule depends on.

    Its own, its period scheme's, and for a requirement those of the service rule
    that prorates it.
    """
    # Rule id -> its notes; looking up None (no scheme, no trigger) finds nothing.
    own: dict[str | None, tuple[str, ...]] = {}
    for note in policy.interpretations:
        for rule_id in note.rules:
            own[rule_id] = (*own.get(rule_id, ()), note.id)
    notes: dict[str, tuple[str, ...]] = {}
    # A requirement's figure also depends on how partial service is read.
    service = [r.id for r in policy.rules if isinstance(r, ServiceRule)]
    for rule in policy.rules:
        scheme_id = getattr(rule, "scheme", None) or getattr(rule, "trigger", None)
        inherited = own.get(scheme_id, ())
        if isinstance(rule, HoursRequirement):
            inherited += tuple(n for s in service for n in own.get(s, ()))
        mine = own.get(rule.id, ())
        merged = tuple(dict.fromkeys(mine + inherited))  # in order, each once
        if merged:
            notes[rule.id] = merged
    return notes


def _boundaries(rule: PeriodScheme, periods: int) -> tuple[date, ...]:
    """The first ``periods + 1`` boundaries of ``rule``'s periods that a date can hold.

    Every boundary from the anchor, never by chaining (29 February, month ends).
    """
    start = rule.start
    if start is None:  # pragma: no cover - Plan measures dated schemes only
        return ()
    last = min(periods, (MAXYEAR - start.year) // rule.years)
    return tuple(start + relativedelta(years=rule.years * k) for k in range(last + 1))


@lru_cache(maxsize=128)
def compile_policy(policy: Policy) -> Plan:
    """The plan of ``policy``, compiled once and cached (policies are immutable)."""
    return Plan(policy)
