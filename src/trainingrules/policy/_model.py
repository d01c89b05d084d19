"""The rule model: citations, interpretations, the rule building blocks and ``Policy``.

A policy is data: a tuple of frozen rules, each carrying the ``Citation`` of the
clause it encodes and an ``id`` that starts with the REGULATIONS.md digest id
(``"H2"``, ``"F2.network"``). The engine interprets the rules and names no province.

The building blocks, and why each exists:

``PeriodScheme``
    Every period a regulation measures is cycle ``k`` of an anchored N-year cycle:
    a 5-year cycle (N1), calendar years 2006-2008 (H2), school years 2012-13 and
    2013-14 (J2), the window 2004-2008 (H1). One block covers all four.
``CountRule``
    Which records count, as what (a *bucket*) and at what ratio: a plain category,
    or an offset of one programme against another (学分冲抵, J3). Directional by
    construction: a rule maps A to B, never B to A.
``CreditStateRule``
    Only credits in given registration states count (X1).
``HoursRequirement``
    A minimum of counted hours over each period of a scheme, over some buckets,
    possibly by title (F2). Several at once must all hold; a required part R with
    an elective part E, where surplus of R may fill E, is "R ≥ r" plus "R+E ≥ r+e".
``CourseGrading``, ``ExamRule``, ``WrittenWorkRule``, ``AttendanceRule``
    Assessment: weighted course totals and prerequisites (H4-H6), exam sittings (F6),
    written-work minimums (F5), unexcused absence (F7).
``RemedialRule``
    Who must take remedial training (failed periods of a scheme; an age limit by
    sex), when, at whose cost, and whether fees already paid are refunded (J2, J4, F9).
``Consequence``
    Failing a period of a scheme makes the teacher ineligible for something
    (re-registration, annual assessment, title appointment, promotion), possibly in
    the following year (N2, F10).
``FeeSchedule``, ``BudgetShare``
    Money: a yearly fee by title (F3); the share of a school budget for training (W2).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias, TypeVar

import attrs

from trainingrules._values import (
    check_count,
    check_date,
    check_text,
    checked,
    choice,
    instance_of,
    normalise,
    optional,
    to_decimal,
)
from trainingrules.cycles import AgeMethod, AnchoredCycle, Period
from trainingrules.errors import PolicyDataError, TrainingRulesError, UnknownPolicyError
from trainingrules.records import CreditState, ProviderLevel, Sex, Title, TrainingRecord
from trainingrules.scoring import Rounding, check_weights

__all__ = [
    "AgeLimit",
    "AttendanceRule",
    "BudgetShare",
    "ByTitle",
    "Citation",
    "Consequence",
    "CountRule",
    "CourseGrading",
    "CreditStateRule",
    "DecisionKind",
    "Document",
    "ExamRule",
    "FeeSchedule",
    "HoursRequirement",
    "Interpretation",
    "Limitation",
    "Payer",
    "PeriodScheme",
    "Policy",
    "RemedialRule",
    "Rule",
    "Selector",
    "Text",
    "WrittenWorkRule",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)
ONE = Decimal(1)


# --- field checks: every one raises PolicyDataError naming the field --------------


def _text(value: object, path: str) -> str:
    return check_text(value, path, error=PolicyDataError)


def _str(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise PolicyDataError(
            f"expected a string, got {type(value).__name__}", path=path, code="policy.type"
        )
    return value


def _date(value: object, path: str) -> date:
    return check_date(value, path, error=PolicyDataError)


def _amount(value: object, path: str) -> Decimal:
    return to_decimal(value, path, error=PolicyDataError)


def _mark(value: object, path: str) -> Decimal:
    return to_decimal(value, path, error=PolicyDataError, maximum=Decimal(100))


def _count(value: object, path: str) -> int:
    return check_count(value, path, error=PolicyDataError)


def _positive_int(value: object, path: str) -> int:
    number = check_count(value, path, error=PolicyDataError)
    if number < 1:
        raise PolicyDataError("must be at least 1", path=path, code="policy.range")
    return number


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise PolicyDataError(
            f"expected true or false, got {type(value).__name__}", path=path, code="policy.type"
        )
    return value


def _enum(kind: type[_E]) -> Callable[[object, str], _E]:
    return choice(kind, PolicyDataError)


def _of(kind: type[_T]) -> Callable[[object, str], _T]:
    return instance_of(kind, PolicyDataError)


def _set_of(check: Callable[[object, str], _T]) -> Callable[[object, str], frozenset[_T]]:
    def convert(value: object, path: str) -> frozenset[_T]:
        return frozenset(_tuple_of(check)(value, path))

    return convert


def _tuple_of(check: Callable[[object, str], _T]) -> Callable[[object, str], tuple[_T, ...]]:
    def convert(value: object, path: str) -> tuple[_T, ...]:
        if isinstance(value, str | bytes) or not isinstance(value, Iterable):
            raise PolicyDataError(
                f"expected a list, got {type(value).__name__}", path=path, code="policy.type"
            )
        return tuple(check(item, f"{path}[{i}]") for i, item in enumerate(value))

    return convert


# --- citations and notes ------------------------------------------------------------


@attrs.frozen
class Text:
    """A label in Chinese (canonical) with its English rendering."""

    zh: str = checked(_text)
    en: str = checked(_text)

    __attrs_post_init__ = normalise


@attrs.frozen
class Document:
    """A source document a policy encodes.

    Attributes:
        number: the document number, e.g. ``赣教师字〔2014〕36号``, or a short title
            when the document has none.
        title: the document's title.
        issuer: who issued it.
        issued: the date it was issued, if the text gives it.
        source: the file of the text in ``shared/regulations/``.
    """

    number: str = checked(_text)
    title: str = checked(_text)
    issuer: str = checked(_text)
    issued: date | None = checked(optional(_date), default=None)
    source: str = checked(_str, default="")

    __attrs_post_init__ = normalise


@attrs.frozen
class Citation:
    """Where a rule comes from: a document and a clause, optionally quoted."""

    document: str = checked(_text)
    clause: str = checked(_text)
    quote: str = checked(_str, default="")

    __attrs_post_init__ = normalise

    def __str__(self) -> str:
        """``赣教师字〔2014〕36号 三.2``."""
        return f"{self.document} {self.clause}"


@attrs.frozen
class Interpretation:
    """A reading chosen where the text is ambiguous, with the alternative.

    Attributes:
        id: e.g. ``"H2.years"``.
        text_says: what the text says.
        reading: the reading this policy encodes.
        alternative: the other reading.
        rules: ids of the rules the reading affects.
        alternative_rules: the same rules encoded by the alternative reading, if it
            can be encoded without inventing figures; ``Policy.alternative`` swaps
            them in to make the variant policy.
    """

    id: str = checked(_text)
    text_says: str = checked(_text)
    reading: str = checked(_text)
    alternative: str = checked(_text)
    rules: tuple[str, ...] = checked(_tuple_of(_text))
    alternative_rules: tuple[Rule, ...] = checked(
        lambda v, p: _tuple_of(_rule)(v, p),  # noqa: PLW0108 - _rule is defined below
        default=(),
    )

    __attrs_post_init__ = normalise


@attrs.frozen
class Limitation:
    """Something in the documents the policy deliberately does not compute, and why.

    Attributes:
        ids: the REGULATIONS.md digest ids it concerns, e.g. ``("W3",)``.
        what: what is not computed.
        why: the reason.
    """

    ids: tuple[str, ...] = checked(_tuple_of(_text))
    what: str = checked(_text)
    why: str = checked(_text)

    __attrs_post_init__ = normalise


# --- rule building blocks -------------------------------------------------------------


@attrs.frozen
class PeriodScheme:
    """Back-to-back periods of ``years`` years starting at ``start`` (anchored cycle).

    ``count`` periods, or open-ended when ``None``. ``start`` is ``None`` when the
    documents name the periods without fixing them (the engine then uses only
    ``Outcome`` inputs recorded elsewhere for this scheme).

    Attributes:
        id: e.g. ``"cycle"``; requirements and triggers refer to it.
        label: e.g. ``Text("五年周期", "five-year cycle")``.
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    label: Text = checked(_of(Text))
    start: date | None = checked(optional(_date))
    years: int = checked(_positive_int)
    count: int | None = checked(optional(_positive_int), default=None)

    __attrs_post_init__ = normalise

    @property
    def cycle(self) -> AnchoredCycle | None:
        """The anchored cycle behind the scheme, or ``None`` if it has no start."""
        return None if self.start is None else AnchoredCycle(self.start, self.years)

    def periods(self, until: date) -> tuple[Period, ...]:
        """The scheme's periods: all of them if counted, else those starting by ``until``."""
        cycle = self.cycle
        if cycle is None:
            return ()
        last = self.count - 1 if self.count is not None else max(cycle.index_of(until), 0)
        return tuple(cycle.period(k) for k in range(last + 1))

    def index_of(self, day: date) -> int | None:
        """Index of the period containing ``day``, or ``None`` if no period contains it."""
        cycle = self.cycle
        if cycle is None:
            return None
        k = cycle.index_of(day)
        if k < 0 or (self.count is not None and k >= self.count):
            return None
        return k


@attrs.frozen
class Selector:
    """Which records a rule applies to; an empty set means "any"."""

    categories: frozenset[str] = checked(_set_of(_text), default=frozenset())
    programmes: frozenset[str] = checked(_set_of(_str), default=frozenset())
    provider_levels: frozenset[ProviderLevel] = checked(
        _set_of(_enum(ProviderLevel)), default=frozenset()
    )

    __attrs_post_init__ = normalise

    def matches(self, record: TrainingRecord) -> bool:
        """Whether ``record`` is selected."""
        return (
            (not self.categories or record.category in self.categories)
            and (not self.programmes or record.programme in self.programmes)
            and (not self.provider_levels or record.provider_level in self.provider_levels)
        )


@attrs.frozen
class CountRule:
    """Records matching ``selector`` count as ``bucket`` at ``ratio`` hours per hour.

    A policy's count rules are tried in order; the first that matches decides. A
    record no rule matches is excluded as not recognised.
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    selector: Selector = checked(_of(Selector))
    bucket: str = checked(_text)
    ratio: Decimal = checked(_amount, default=ONE)

    __attrs_post_init__ = normalise


@attrs.frozen
class CreditStateRule:
    """Only records whose credit is in one of ``states`` count (X1)."""

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    states: frozenset[CreditState] = checked(_set_of(_enum(CreditState)))

    __attrs_post_init__ = normalise


@attrs.frozen
class ByTitle:
    """An amount that depends on the teacher's title; ``None`` where the text states none."""

    senior: Decimal | None = checked(optional(_amount), default=None)
    intermediate: Decimal | None = checked(optional(_amount), default=None)
    junior: Decimal | None = checked(optional(_amount), default=None)
    none: Decimal | None = checked(optional(_amount), default=None)

    __attrs_post_init__ = normalise

    @classmethod
    def same(cls, amount: Decimal) -> ByTitle:
        """The same amount for every title."""
        return cls(amount, amount, amount, amount)

    def of(self, title: Title) -> Decimal | None:
        """The amount for ``title``."""
        return getattr(self, title.value)  # type: ignore[no-any-return]


@attrs.frozen
class HoursRequirement:
    """At least ``minimum`` counted hours in each period of ``scheme``, over ``buckets``.

    ``buckets`` empty means every counted hour. A title whose amount is ``None`` is not
    subject to the requirement (the text states no figure for it).
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    label: Text = checked(_of(Text))
    scheme: str = checked(_text)
    minimum: ByTitle = checked(_of(ByTitle))
    buckets: frozenset[str] = checked(_set_of(_text), default=frozenset())

    __attrs_post_init__ = normalise


def _weights(value: object, path: str) -> tuple[Decimal, Decimal]:
    items = _tuple_of(_amount)(value, path)
    try:
        checked_weights = check_weights(items, path)
    except TrainingRulesError as error:
        raise PolicyDataError(error.message, path=error.path, code="policy.weights") from None
    if len(checked_weights) != 2:
        raise PolicyDataError(
            "expected two weights: coursework and final", path=path, code="policy.weights"
        )
    return checked_weights[0], checked_weights[1]


def _rounding(value: object, path: str) -> Rounding:
    return _of(Rounding)(value, path)


@attrs.frozen
class CourseGrading:
    """Course total = coursework × w₁ + final × w₂, passing at ``pass_mark`` (H4-H6).

    A record that carries a ``course`` counts only if the course passes; a final sat
    without the prerequisites (required hours and passed homework) does not count.
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    weights: tuple[Decimal, Decimal] = checked(_weights)
    pass_mark: Decimal = checked(_mark)
    rounding: Rounding | None = checked(optional(_rounding), default=None)

    __attrs_post_init__ = normalise


@attrs.frozen
class ExamRule:
    """An exam with mock / formal / makeup sittings (F6), passed at ``pass_mark``.

    Its result is a condition of the (single) period of ``scheme``.
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    label: Text = checked(_of(Text))
    scheme: str = checked(_text)
    pass_mark: Decimal = checked(_mark)

    __attrs_post_init__ = normalise


@attrs.frozen
class WrittenWorkRule:
    """Minimum written work, a condition of the (single) period of ``scheme`` (F5)."""

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    scheme: str = checked(_text)
    min_notes_chars: int = checked(_count)
    min_forum_posts: int = checked(_count)
    min_reflection_chars: int = checked(_count)
    handwritten: bool = checked(_bool)

    __attrs_post_init__ = normalise


@attrs.frozen
class AttendanceRule:
    """An unexcused absence fails the (single) period of ``scheme`` (F7)."""

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    scheme: str = checked(_text)

    __attrs_post_init__ = normalise


@attrs.frozen
class AgeLimit:
    """Teachers whose age is **below** the limit for their sex are in scope (J2).

    Attributes:
        male: limit for men (in scope if age < male).
        female: limit for women.
        method: how age is measured.
        reference: the day (``ON_DATE``) or the year of the day (``IN_YEAR``).
    """

    male: int = checked(_count)
    female: int = checked(_count)
    method: AgeMethod = checked(_enum(AgeMethod))
    reference: date = checked(_date)

    __attrs_post_init__ = normalise

    def limit_for(self, sex: Sex) -> int:
        """The limit for ``sex``."""
        return self.male if sex is Sex.MALE else self.female


class Payer(enum.StrEnum):
    """Who pays for remedial training."""

    FREE = "free"
    """Free of charge to the teacher (J4)."""
    TEACHER = "teacher"
    """At the teacher's own cost, 费用自理 (F9)."""


@attrs.frozen
class RemedialRule:
    """Failing a period of ``trigger`` means remedial training (补训).

    Attributes:
        trigger: id of the scheme whose failed periods trigger it.
        age_limit: who is in scope, or ``None`` for everybody.
        runs_in: when it takes place, or ``None`` if the text does not say.
        payer: free, or at the teacher's cost.
        refund_paid: whether remedial fees already paid are refunded in full.
        fees_on: which records are remedial training whose ``fee_paid`` is refunded.
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    trigger: str = checked(_text)
    payer: Payer = checked(_enum(Payer))
    age_limit: AgeLimit | None = checked(optional(_of(AgeLimit)), default=None)
    runs_in: Period | None = checked(optional(_of(Period)), default=None)
    refund_paid: bool = checked(_bool, default=False)
    fees_on: Selector = checked(_of(Selector), default=Selector())

    __attrs_post_init__ = normalise


class DecisionKind(enum.StrEnum):
    """Decisions the regulations tie to training results."""

    RE_REGISTRATION = "re_registration"
    """教师资格再注册 / 定期注册 (N2, J1, X2)."""
    ANNUAL_ASSESSMENT = "annual_assessment"
    """教师考核 (N2, W1)."""
    TITLE_APPOINTMENT = "title_appointment"
    """职务聘任 / 职称评聘 (N2, X2, F10)."""
    PROMOTION = "promotion"
    """晋级 / 晋升教师职务 (W1, F10)."""


@attrs.frozen
class Consequence:
    """Failing the latest ended period of ``trigger`` makes the teacher ineligible for ``denies``.

    With ``following_year`` the ineligibility is for the year after the period ends (F10).
    """

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    trigger: str = checked(_text)
    denies: frozenset[DecisionKind] = checked(_set_of(_enum(DecisionKind)))
    following_year: bool = checked(_bool, default=False)

    __attrs_post_init__ = normalise


@attrs.frozen
class FeeSchedule:
    """A yearly training fee by title, in yuan (F3)."""

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    per_year: ByTitle = checked(_of(ByTitle))

    __attrs_post_init__ = normalise


@attrs.frozen
class BudgetShare:
    """The share of a school's annual public-funds budget set aside for training (W2, H7)."""

    id: str = checked(_text)
    citation: Citation = checked(_of(Citation))
    share: Decimal = checked(lambda v, p: to_decimal(v, p, error=PolicyDataError, maximum=ONE))

    __attrs_post_init__ = normalise


Rule: TypeAlias = (
    PeriodScheme
    | CountRule
    | CreditStateRule
    | HoursRequirement
    | CourseGrading
    | ExamRule
    | WrittenWorkRule
    | AttendanceRule
    | RemedialRule
    | Consequence
    | FeeSchedule
    | BudgetShare
)
RULE_TYPES: tuple[type[Any], ...] = (
    PeriodScheme,
    CountRule,
    CreditStateRule,
    HoursRequirement,
    CourseGrading,
    ExamRule,
    WrittenWorkRule,
    AttendanceRule,
    RemedialRule,
    Consequence,
    FeeSchedule,
    BudgetShare,
)
SINGLETON_TYPES = (
    CreditStateRule,
    CourseGrading,
    WrittenWorkRule,
    AttendanceRule,
    FeeSchedule,
    BudgetShare,
)
ASSESSMENT_TYPES = (ExamRule, WrittenWorkRule, AttendanceRule)


def _rule(value: object, path: str) -> Rule:
    if not isinstance(value, RULE_TYPES):
        raise PolicyDataError(
            f"{type(value).__name__} is not a rule building block", path=path, code="policy.type"
        )
    return value  # type: ignore[no-any-return]


def _region(value: object, path: str) -> str:
    region = _text(value, path)
    if region != "CN" and not (len(region) == 6 and region.isdigit()):
        raise PolicyDataError(
            f"{region!r} is neither 'CN' nor a six-digit GB/T 2260 code",
            path=path,
            code="policy.region",
        )
    return region


@attrs.frozen(cache_hash=True)
class Policy:
    """One regulation (or one reading of it) as immutable, cited data.

    Attributes:
        id: catalogue id, e.g. ``"jx-2014"``; a variant's id is ``parent~reading``.
        title: Chinese and English title.
        region: GB/T 2260 code (``"360000"``), or ``"CN"`` for national rules.
        effective_from: first day in force.
        effective_to: last day in force, or ``None`` if open.
        documents: the documents encoded; every citation names one of them.
        rules: the rule building blocks.
        interpretations: readings chosen where the text is ambiguous.
        limitations: what the policy deliberately does not compute, and why.
        parent: id of the policy this one is a variant of.
    """

    id: str = checked(_text)
    title: Text = checked(_of(Text))
    region: str = checked(_region)
    effective_from: date = checked(_date)
    effective_to: date | None = checked(optional(_date))
    documents: tuple[Document, ...] = checked(_tuple_of(_of(Document)))
    rules: tuple[Rule, ...] = checked(_tuple_of(_rule))
    interpretations: tuple[Interpretation, ...] = checked(
        _tuple_of(_of(Interpretation)), default=()
    )
    limitations: tuple[Limitation, ...] = checked(_tuple_of(_of(Limitation)), default=())
    parent: str | None = checked(optional(_text), default=None)

    def __attrs_post_init__(self) -> None:
        """Check the fields, then that the rules refer to each other consistently."""
        normalise(self)
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise PolicyDataError(
                f"in force until {self.effective_to}, before it starts on {self.effective_from}",
                path="effective_to",
                code="policy.order",
            )
        _check_references(self)

    def of_type(self, kind: type[_T]) -> tuple[_T, ...]:
        """The rules of one building block, in policy order."""
        return tuple(rule for rule in self.rules if isinstance(rule, kind))

    def rule(self, rule_id: str) -> Rule:
        """The rule with ``rule_id``."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise UnknownPolicyError(
            f"{self.id} has no rule {rule_id!r}", path="rule_id", code="policy.no_rule"
        )

    def in_force(self, day: date) -> bool:
        """Whether the policy is in force on ``day``."""
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )

    def variant(self, id: str, **changes: Any) -> Policy:  # noqa: A002, ANN401 - mirrors attrs.evolve
        """A new policy with ``id``, this policy as its parent, and ``changes`` applied."""
        return attrs.evolve(self, id=id, parent=self.id, **changes)

    def alternative(self, interpretation_id: str) -> Policy:
        """The variant that takes the alternative reading of an ``Interpretation``.

        The variant's id is ``"<id>~<interpretation id>"``; its rules are this policy's
        with the interpretation's ``alternative_rules`` swapped in, and its
        interpretation note is swapped too (reading ↔ alternative), so that taking
        the alternative of the variant gives back this policy's rules.
        """
        for i, note in enumerate(self.interpretations):  # noqa: B007 - i is used after the loop
            if note.id == interpretation_id:
                break
        else:
            known = ", ".join(n.id for n in self.interpretations) or "none"
            raise PolicyDataError(
                f"{self.id} has no interpretation {interpretation_id!r} (known: {known})",
                path="interpretations",
                code="policy.reference",
            )
        if not note.alternative_rules:
            raise PolicyDataError(
                f"the alternative of {interpretation_id} cannot be encoded: {note.alternative}",
                path=f"interpretations[{i}].alternative_rules",
                code="policy.no_alternative",
            )
        swap = {rule.id: rule for rule in note.alternative_rules}
        replaced = tuple(self.rule(rule_id) for rule_id in swap)
        swapped = attrs.evolve(
            note,
            reading=note.alternative,
            alternative=note.reading,
            alternative_rules=replaced,
        )
        notes = (*self.interpretations[:i], swapped, *self.interpretations[i + 1 :])
        rules = tuple(swap.get(rule.id, rule) for rule in self.rules)
        return self.variant(f"{self.id}~{interpretation_id}", rules=rules, interpretations=notes)


def _check_references(policy: Policy) -> None:  # noqa: C901, PLR0912 - one pass over all references
    documents = {doc.number for doc in policy.documents}
    if not documents:
        raise PolicyDataError(
            "a policy encodes at least one document", path="documents", code="policy.empty"
        )
    schemes = {rule.id: rule for rule in policy.rules if isinstance(rule, PeriodScheme)}
    buckets = {rule.bucket for rule in policy.rules if isinstance(rule, CountRule)}
    seen: set[str] = set()
    singletons: set[type[Any]] = set()
    for i, rule in enumerate(policy.rules):
        path = f"rules[{i}]"
        if rule.id in seen:
            raise PolicyDataError(
                f"duplicate rule id {rule.id!r}", path=f"{path}.id", code="policy.duplicate"
            )
        seen.add(rule.id)
        if rule.citation.document not in documents:
            raise PolicyDataError(
                f"cites {rule.citation.document!r}, which is not among the policy's documents",
                path=f"{path}.citation.document",
                code="policy.reference",
            )
        if isinstance(rule, SINGLETON_TYPES):
            if type(rule) in singletons:
                raise PolicyDataError(
                    f"a policy has at most one {type(rule).__name__}",
                    path=path,
                    code="policy.duplicate",
                )
            singletons.add(type(rule))
        for field in ("scheme", "trigger"):
            scheme_id = getattr(rule, field, None)
            if scheme_id is not None and scheme_id not in schemes:
                raise PolicyDataError(
                    f"refers to period scheme {scheme_id!r}, which the policy does not define",
                    path=f"{path}.{field}",
                    code="policy.reference",
                )
        if isinstance(rule, HoursRequirement):
            unknown = sorted(rule.buckets - buckets)
            if unknown:
                raise PolicyDataError(
                    f"counts buckets {unknown} that no count rule fills",
                    path=f"{path}.buckets",
                    code="policy.reference",
                )
        if isinstance(rule, ASSESSMENT_TYPES):
            scheme = schemes[rule.scheme]
            if scheme.start is None or scheme.count != 1:
                raise PolicyDataError(
                    "assessment rules apply to a scheme of exactly one dated period",
                    path=f"{path}.scheme",
                    code="policy.reference",
                )
    notes: set[str] = set()
    for i, note in enumerate(policy.interpretations):
        if note.id in notes:
            raise PolicyDataError(
                f"duplicate interpretation id {note.id!r}",
                path=f"interpretations[{i}].id",
                code="policy.duplicate",
            )
        notes.add(note.id)
        for j, rule_id in enumerate(note.rules):
            if rule_id not in seen:
                raise PolicyDataError(
                    f"names rule {rule_id!r}, which the policy does not have",
                    path=f"interpretations[{i}].rules[{j}]",
                    code="policy.reference",
                )
        for j, alternative in enumerate(note.alternative_rules):
            if alternative.id not in note.rules:
                raise PolicyDataError(
                    f"replaces rule {alternative.id!r}, which the interpretation does not name",
                    path=f"interpretations[{i}].alternative_rules[{j}].id",
                    code="policy.reference",
                )
