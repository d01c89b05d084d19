"""``Evaluation``: the decided statuses at once, every explanation on first access."""

from __future__ import annotations

import json
from datetime import date
from functools import cached_property
from typing import Any

import attrs

from trainingrules._json import dumps, encode, encode_text
from trainingrules.engine import _explain_decisions as decisions
from trainingrules.engine import _explain_periods as explain
from trainingrules.engine._count import Tally
from trainingrules.engine._html import evaluation_html
from trainingrules.engine._inputs import canonical
from trainingrules.engine._plan import Placement, Plan
from trainingrules.engine._summary import json_text, silent, summary
from trainingrules.errors import InvalidInputError, UnknownPolicyError
from trainingrules.policy._rules import DecisionKind, Policy
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord
from trainingrules.results import (
    CourseOutcome,
    Decision,
    Exclusion,
    Finding,
    LedgerEntry,
    Money,
    PeriodResult,
    RemedialResult,
    Shortfall,
    Status,
)

__all__ = ["FORMS", "RESULT_SCHEMA_VERSION", "Evaluation"]

RESULT_SCHEMA_VERSION = 3
"""Version of ``Evaluation.to_dict``'s layout.

2. Records in canonical order.
3. A stamp (``form``, ``library_version``, ``policy_fingerprint``) and the summary
   form (``to_dict(form="summary")``); the rest of the full form is unchanged.
"""

FORMS = ("full", "summary")
"""The forms of ``Evaluation.to_dict``."""


class Evaluation:
    """The result of ``evaluate``: statuses at once, details on first access.

    Two evaluations are equal when their policy, teacher, records (in any order),
    evaluation date, assessment and outcomes are equal: the result is a function of
    those inputs. Every list in a result is in an order that does not depend on the
    input order: records by completion date, then id.

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
        "_outcomes",
        "_plan",
        "_records",
        "_tally",
        "as_of",
        "status",
        "teacher",
    )

    teacher: Teacher
    as_of: date
    status: Status
    _plan: Plan
    _records: tuple[TrainingRecord, ...]
    _assessment: Assessment | None
    _outcomes: dict[tuple[str, date], Outcome]
    _tally: Tally

    def __init__(  # noqa: PLR0913, PLR0917 - internal; built by evaluate()
        self,
        plan: Plan,
        teacher: Teacher,
        records: tuple[TrainingRecord, ...],
        as_of: date,
        assessment: Assessment | None,
        outcomes: dict[tuple[str, date], Outcome],
        tally: Tally,
    ) -> None:
        """Hold the inputs and the count (use ``evaluate``)."""
        setattr_ = object.__setattr__
        setattr_(self, "_plan", plan)
        setattr_(self, "teacher", teacher)
        setattr_(self, "_records", records)
        setattr_(self, "as_of", as_of)
        setattr_(self, "_assessment", assessment)
        setattr_(self, "_outcomes", outcomes)
        setattr_(self, "_tally", tally)
        setattr_(self, "status", tally.status)

    @property
    def policy(self) -> Policy:
        """The policy applied."""
        return self._plan.policy

    @property
    def plan(self) -> Plan:
        """The compiled plan of the policy."""
        return self._plan

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

    def _repr_html_(self) -> str:
        """The evaluation as an HTML table, for notebooks (from the summary form).

        Periods with their status (coloured and written out), requirements, shortfall
        and decisions; every value escaped.
        """
        return evaluation_html(self.to_dict(form="summary"))

    def _key(self) -> tuple[Any, ...]:
        return (
            self.policy,
            self.teacher,
            self.records,
            self.as_of,
            self._assessment,
            frozenset(self._outcomes.values()),
        )

    def __eq__(self, other: object) -> bool:
        """Equal inputs (records in any order) and policy: equal results."""
        if not isinstance(other, Evaluation):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        """Hash of the inputs, consistent with ``==``."""
        return hash(self._key())

    # --- canonical order -----------------------------------------------------------

    @cached_property
    def _ordered(self) -> tuple[tuple[TrainingRecord, ...], tuple[Placement | Exclusion, ...]]:
        pairs = sorted(
            zip(self._records, self._tally.placed, strict=True),
            key=lambda pair: canonical(pair[0]),
        )
        return tuple(r for r, _ in pairs), tuple(p for _, p in pairs)

    @property
    def records(self) -> tuple[TrainingRecord, ...]:
        """The records evaluated, by completion date, then id."""
        return self._ordered[0]

    # --- details, built on first access ---------------------------------------------

    @cached_property
    def periods(self) -> tuple[PeriodResult, ...]:
        """One result per period the policy measures, in scheme order then by date."""
        return explain.period_results(
            self._plan, self._tally, self.teacher, self._records, self.as_of, self._assessment
        )

    @cached_property
    def ledger(self) -> tuple[LedgerEntry, ...]:
        """Every input record exactly once, counted or excluded, by date then id."""
        records, placed = self._ordered
        return explain.ledger(self._plan, self._tally, self.teacher, records, placed, self.as_of)

    @cached_property
    def courses(self) -> tuple[CourseOutcome, ...]:
        """Graded courses (records carrying a ``course``), by date then id."""
        return explain.courses(self._plan, self.records)

    @cached_property
    def _verdicts(self) -> dict[str, list[decisions.Verdict]]:
        return {
            scheme_id: decisions.verdicts(self._plan, self._tally, self._outcomes, scheme_id)
            for scheme_id in self._plan.schemes
        }

    @cached_property
    def remedial(self) -> tuple[RemedialResult, ...]:
        """One result per remedial rule of the policy."""
        return tuple(
            decisions.remedial(
                self._plan,
                rule,
                self._verdicts[rule.trigger],
                self.teacher,
                self.records,
                self.as_of,
            )
            for rule in self._plan.remedial
        )

    @cached_property
    def eligibility(self) -> tuple[Decision, ...]:
        """Decisions: each kind a consequence governs, sitting each final, remedial scope."""
        return decisions.eligibility(
            self._plan, self._verdicts, self.courses, self.remedial, self.as_of
        )

    @cached_property
    def money(self) -> Money:
        """The yearly fee due by title, if the policy has a fee schedule."""
        return decisions.money(self._plan, self.teacher)

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: periods, ledger, courses, remedial, eligibility, money."""
        found: list[Finding] = []
        for period in self.periods:
            found.extend(period.findings)
        for entry in self.ledger:
            found.append(entry.finding)
            found.extend(part.finding for part in entry.over_cap)
        for course in self.courses:
            found.extend(course.findings)
        for result in self.remedial:
            found.extend(result.findings)
        for item in self.eligibility:
            if item.kind not in (DecisionKind.SIT_FINAL, DecisionKind.REMEDIAL):
                found.extend(item.findings)
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

    # --- lookups ----------------------------------------------------------------------

    def period(self, scheme: str, start: date) -> PeriodResult:
        """The result of the period of ``scheme`` that starts on ``start``."""
        for result in self.periods:
            if result.scheme == scheme and result.period.start == start:
                return result
        raise UnknownPolicyError(
            f"{self.policy.id} measures no period of {scheme!r} starting on {start}",
            path="period",
            code="result.no_period",
        )

    def decision(self, kind: DecisionKind | str, subject: str = "") -> Decision:
        """The decision of ``kind`` (and ``subject``, for a final or a remedial rule)."""
        for item in self.eligibility:
            if item.kind == kind and (not subject or item.subject == subject):
                return item
        raise UnknownPolicyError(
            f"{self.policy.id} makes no {kind} decision"
            + (f" about {subject!r}" if subject else ""),
            path="kind",
            code="result.no_decision",
        )

    def entry(self, record_id: str) -> LedgerEntry:
        """The ledger entry of the record ``record_id``."""
        for item in self.ledger:
            if item.record_id == record_id:
                return item
        raise UnknownPolicyError(
            f"no record {record_id!r} was evaluated", path="record_id", code="result.no_record"
        )

    def to_dict(self, form: str = "full") -> dict[str, Any]:
        """The evaluation as JSON-safe data, keys and lists in a stable order.

        Both forms start with the same stamp: ``schema_version`` (of this layout),
        ``form``, ``library_version``, the ``policy`` id, the ``policy_fingerprint``
        (SHA-256 of the policy's canonical JSON, ``Policy.fingerprint``), the
        ``teacher`` id, ``as_of`` and the overall ``status``. The full form (the
        default) then has every explanation: documents, periods with their findings,
        the ledger, courses, remedial training, decisions and money. The summary form
        (``form="summary"``) has what a status screen shows and no finding: each
        period's status and requirements (required, counted, missing), the open
        periods' shortfall, the decisions (outcome and the time it holds) and the fee
        due; it is the full form's projection, built without the explanations.
        ``docs/service.md`` describes both; ``trainingrules.schemas`` has their JSON
        Schemas.

        Raises:
            InvalidInputError: ``form`` is neither ``"full"`` nor ``"summary"``
                (code ``input.choice``, path ``form``).
        """
        if form == "summary":
            loaded: dict[str, Any] = json.loads(self.to_json(form))
            return loaded
        plan = self._plan
        if form != "full":
            raise InvalidInputError(
                f"{form!r} is not one of: {', '.join(FORMS)}", path="form", code="input.choice"
            )
        return self._stamp(form) | {
            "documents": encode(plan.policy.documents),
            "periods": encode(self.periods),
            "ledger": encode(self.ledger),
            "courses": encode(self.courses),
            "remedial": encode(self.remedial),
            "eligibility": encode(self.eligibility),
            "money": encode(self.money),
        }

    def to_json(self, form: str = "full") -> str:
        """``to_dict(form)`` as JSON text, as a service sends it.

        The text is ``json.dumps(self.to_dict(form), ensure_ascii=False,
        separators=(",", ":"))`` (UTF-8 when encoded; Chinese stays readable), written
        directly, without building the dicts first: at several times the speed. The
        parts that depend on the policy alone are written once per policy.

        Raises:
            InvalidInputError: ``form`` is neither ``"full"`` nor ``"summary"``.
        """
        if form not in FORMS:
            raise InvalidInputError(
                f"{form!r} is not one of: {', '.join(FORMS)}", path="form", code="input.choice"
            )
        plan = silent(self._plan)
        # The stamp's members that depend on the policy alone, and the documents.
        head = plan.piece(form, lambda: dumps(self._stamp(form)).partition(',"teacher":')[0])
        stamp = (
            f'{head},"teacher":{json_text(self.teacher.id)},"as_of":"{self.as_of.isoformat()}",'
            f'"status":"{self.status._value_}",'
        )
        if form == "full":
            documents = plan.piece("documents", lambda: encode_text(plan.policy.documents))
            return (
                f'{stamp}"documents":{documents},"periods":{encode_text(self.periods)},'
                f'"ledger":{encode_text(self.ledger)},"courses":{encode_text(self.courses)},'
                f'"remedial":{encode_text(self.remedial)},'
                f'"eligibility":{encode_text(self.eligibility)},'
                f'"money":{encode_text(self.money)}}}'
            )
        body = summary(
            self._plan,
            self._tally,
            self.teacher,
            self._records,
            self.as_of,
            self._assessment,
            self._outcomes,
        )
        return f"{stamp}{body}}}"

    def _stamp(self, form: str) -> dict[str, Any]:
        """The members both forms start with (``to_dict``)."""
        plan = self._plan
        return {
            "schema_version": RESULT_SCHEMA_VERSION,
            "form": form,
            "library_version": _library_version(),
            "policy": plan.policy.id,
            "policy_fingerprint": plan.fingerprint,
            "teacher": self.teacher.id,
            "as_of": self.as_of.isoformat(),
            "status": self.status._value_,
        }


_VERSION: list[str] = []


def _library_version() -> str:
    """``trainingrules.__version__`` (read when asked: the package imports this module)."""
    if not _VERSION:
        from trainingrules import __version__  # noqa: PLC0415 - the package imports the engine

        _VERSION.append(__version__)
    return _VERSION[0]
