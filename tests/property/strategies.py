"""Shared hypothesis strategies for trainingrules' property tests: the one module.

Import it as ``import strategies`` or ``from strategies import ...``;
``tests/property`` is on pytest's ``pythonpath`` (see ``pyproject.toml``).

Conventions, so that every strategy added later fits the rest:

* Exact numbers only: every ``Decimal`` is built from an ``int`` or a ``str``, never
  from a ``float``.
* Scalar strategies mix a hand-picked pool of edge cases (``EDGE_DATES``,
  ``EDGE_HOURS``, ``EDGE_SCORES``) with the general range, so boundaries are tried
  in every run, not only when the shrinker happens to find them.
* Value strategies (teachers, records, sittings, ...) take keyword arguments that
  pin a field to a given strategy, e.g. ``training_records(completed_on=st.just(d))``.
* Sections: scalars (dates, hours, scores, weights, rounding) · periods · inputs
  (teachers, course results, training records, exam sittings). Add policy
  strategies in a section of their own at the end.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from hypothesis import strategies as st

from trainingrules import (
    AnchoredCycle,
    CourseResult,
    CreditState,
    ExamSitting,
    ProviderLevel,
    Sex,
    SittingKind,
    Teacher,
    Title,
    TrainingRecord,
    regions,
)
from trainingrules.scoring import ROUNDING_MODES, Prerequisite, Rounding

__all__ = [
    "CATEGORIES",
    "EDGE_DATES",
    "EDGE_HOURS",
    "EDGE_SCORES",
    "EDGE_YEARS",
    "MAX_DATE",
    "MIN_DATE",
    "PROGRAMMES",
    "REGIONS",
    "ROLES",
    "anchored_cycles",
    "course_results",
    "dates",
    "exam_sittings",
    "hours",
    "ids",
    "money",
    "prerequisite_sets",
    "roundings",
    "scores",
    "sitting_lists",
    "teachers",
    "training_record_lists",
    "training_records",
    "weights",
]

# --------------------------------------------------------------------------------------
# Scalars
# --------------------------------------------------------------------------------------

MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)

EDGE_YEARS: tuple[int, ...] = (
    1900,  # divisible by 100, not by 400: a common year
    1959,  # J2: a man born in 1959 reaches 55 in 2014
    1960,  # leap year; J2: born 1960 reaches 54 in 2014
    1999,
    2000,  # divisible by 400: a leap year
    2004,  # H1: 2004-2008
    2008,
    2011,  # N1 interpretation: first national cycle 2011-2015
    2012,  # leap year; J2 school years 2012-2013, 2013-2014
    2013,
    2014,
    2015,
    2016,
    2019,
    2020,
    2024,
    2100,  # divisible by 100, not by 400: a common year
)


def _edge_dates(years: Sequence[int]) -> tuple[date, ...]:
    days: set[date] = set()
    for year in years:
        days.update(
            {
                date(year, 1, 1),
                date(year, 2, 28),
                date(year, 3, 1),
                date(year, 8, 31),  # last day of a school year (学年)
                date(year, 9, 1),  # first day of a school year
                date(year, 12, 31),
            }
        )
        if calendar.isleap(year):
            days.add(date(year, 2, 29))
        # every month end, the days relativedelta clamps to
        days.update(date(year, m, calendar.monthrange(year, m)[1]) for m in range(1, 13))
    return tuple(sorted(days))


EDGE_DATES: tuple[date, ...] = _edge_dates(EDGE_YEARS)
"""Leap days, 28 Feb / 1 Mar, 1 Jan, 31 Dec, 31 Aug, 1 Sep and every month end of ``EDGE_YEARS``."""


def dates(min_value: date = MIN_DATE, max_value: date = MAX_DATE) -> st.SearchStrategy[date]:
    """Dates in ``[min_value, max_value]``, often taken from ``EDGE_DATES``."""
    pool = [d for d in EDGE_DATES if min_value <= d <= max_value]
    general = st.dates(min_value=min_value, max_value=max_value)
    return st.one_of(st.sampled_from(pool), general) if pool else general


def _tenths(n: int) -> Decimal:
    """``n`` tenths as a Decimal built from a str: 3595 -> Decimal('359.5')."""
    return Decimal(f"{n // 10}.{n % 10}")


def _hundredths(n: int) -> Decimal:
    """``n`` hundredths as a Decimal built from a str: 5999 -> Decimal('59.99')."""
    return Decimal(f"{n // 100}.{n % 100:02d}")


EDGE_HOURS: tuple[Decimal, ...] = tuple(
    Decimal(s) for s in ("0", "0.5", "24", "30", "48", "240", "359.5", "360", "1000")
)
"""Hours the regulations name (F2, H1, H2, N1) and the 359.5-vs-360 boundary."""


def hours(max_tenths: int = 10_000) -> st.SearchStrategy[Decimal]:
    """Hours from 0 to ``max_tenths / 10`` (default 1000), with at most one decimal place."""
    return st.one_of(
        st.sampled_from([h for h in EDGE_HOURS if h * 10 <= max_tenths]),
        st.integers(0, max_tenths // 10).map(Decimal),
        st.integers(0, max_tenths).map(_tenths),
    )


EDGE_SCORES: tuple[Decimal, ...] = tuple(
    Decimal(s) for s in ("0", "59.99", "59.9", "60", "60.0", "60.01", "85", "99.99", "100")
)
"""Scores around the 及格 pass mark of 60 (H6) and the ends of the 0-100 scale."""


def scores() -> st.SearchStrategy[Decimal]:
    """Scores from 0 to 100 with at most two decimal places."""
    return st.one_of(
        st.sampled_from(EDGE_SCORES),
        st.integers(0, 100).map(Decimal),
        st.integers(0, 10_000).map(_hundredths),
    )


def money() -> st.SearchStrategy[Decimal]:
    """Amounts in yuan from 0 to 10,000 with at most two decimal places (F3 fees: 120, 180)."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal(120), Decimal(180)]),
        st.integers(0, 1_000_000).map(_hundredths),
    )


@st.composite
def weights(draw: st.DrawFn, min_size: int = 1, max_size: int = 5) -> tuple[Decimal, ...]:
    """Weights in [0, 1], in hundredths, summing to exactly 1 (e.g. (0.6, 0.4), H6)."""
    size = draw(st.integers(min_size, max_size))
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=size - 1, max_size=size - 1)))
    bounds = [0, *cuts, 100]
    return tuple(_hundredths(hi - lo) for lo, hi in itertools.pairwise(bounds))


def _pair(drawn: tuple[Decimal, ...]) -> tuple[Decimal, Decimal]:
    """Two drawn weights as a pair (for ``weights(min_size=2, max_size=2)``)."""
    first, second = drawn
    return first, second


_DECIMAL_QUANTA: tuple[Decimal, ...] = (Decimal(1), Decimal("0.1"), Decimal("0.01"))


def roundings(
    quanta: Sequence[Decimal] = _DECIMAL_QUANTA,
) -> st.SearchStrategy[Rounding]:
    """A ``Rounding`` with a quantum from ``quanta`` and any ``decimal`` rounding mode."""
    return st.builds(
        Rounding, quantum=st.sampled_from(quanta), mode=st.sampled_from(sorted(ROUNDING_MODES))
    )


# --------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------


def anchored_cycles(
    anchors: st.SearchStrategy[date] | None = None, max_years: int = 10
) -> st.SearchStrategy[AnchoredCycle]:
    """Anchored cycles of 1 to ``max_years`` years, anchored between 1990 and 2030.

    The default anchors include 29 February, 31 December and the other edge dates.
    """
    return st.builds(
        AnchoredCycle,
        anchor=anchors if anchors is not None else dates(date(1990, 1, 1), date(2030, 12, 31)),
        years=st.integers(1, max_years),
    )


# --------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------

CATEGORIES: tuple[str, ...] = (
    "remote",  # 全员远程培训 (J2-J4)
    "class_teacher",  # 班主任 course (F2)
    "new_curriculum",  # 新课程 course (F2)
    "local_course",  # 地方课程 (F2, F7)
    "in_service",  # 在职非学历培训 (H1)
)
PROGRAMMES: tuple[str, ...] = ("", "guopei", "it_capability")  # J3: 国培计划, 信息技术应用能力
REGIONS: tuple[str, ...] = ("", "CN", "360000", "360100", "610500", "150100", "350303")
ROLES: tuple[str, ...] = ("class_teacher", "head", "new_teacher")


def ids(prefix: str = "") -> st.SearchStrategy[str]:
    """Non-blank ids such as ``"T17"``, with ``prefix`` in front."""
    return st.integers(0, 10**6).map(lambda n: f"{prefix}{n}")


def teachers(
    *,
    id: st.SearchStrategy[str] | None = None,  # noqa: A002 - the field's name
    birth_date: st.SearchStrategy[date] | None = None,
    sex: st.SearchStrategy[Sex] | None = None,
    title: st.SearchStrategy[Title] | None = None,
) -> st.SearchStrategy[Teacher]:
    """Teachers born 1940-2005 (the edge pool included), any sex, title, region and roles."""
    return st.builds(
        Teacher,
        id=id if id is not None else ids("T"),
        birth_date=birth_date
        if birth_date is not None
        else dates(date(1940, 1, 1), date(2005, 12, 31)),
        sex=sex if sex is not None else st.sampled_from(Sex),
        title=title if title is not None else st.sampled_from(Title),
        region=st.sampled_from(REGIONS),
        roles=st.frozensets(st.sampled_from(ROLES)),
    )


_T = TypeVar("_T")


def _reported(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    """``strategy``, or ``None`` (not reported) about one time in four."""
    return st.one_of(strategy, strategy, strategy, st.none())


def prerequisite_sets() -> st.SearchStrategy[frozenset[Prerequisite]]:
    """The prerequisites a course grading may state (H4 states both; none by default)."""
    return st.frozensets(st.sampled_from(Prerequisite))


@st.composite
def course_results(draw: st.DrawFn) -> CourseResult:
    """A course's assessment inputs (H4-H6); the final is sometimes missing (``None``),
    and so, about one time in four each, are the prerequisite inputs (not reported)."""
    return CourseResult(
        hours_required=draw(_reported(hours(max_tenths=1000))),
        hours_completed=draw(_reported(hours(max_tenths=1000))),
        homework_passed=draw(_reported(st.booleans())),
        coursework_score=draw(scores()),
        final_score=draw(st.none() | scores()),
    )


@st.composite
def training_records(
    draw: st.DrawFn,
    *,
    id: st.SearchStrategy[str] | None = None,  # noqa: A002 - the field's name
    completed_on: st.SearchStrategy[date] | None = None,
    category: st.SearchStrategy[str] | None = None,
    credit_state: st.SearchStrategy[CreditState | None] | None = None,
) -> TrainingRecord:
    """A valid training record; ``started_on`` (if any) is on or before ``completed_on``."""
    done = draw(completed_on if completed_on is not None else dates(date(2000, 1, 1)))
    length = draw(st.none() | st.integers(0, 400))  # days of training before completion
    started = None if length is None else done - timedelta(days=length)
    return TrainingRecord(
        id=draw(id if id is not None else ids("R")),
        hours=draw(hours()),
        completed_on=done,
        category=draw(category if category is not None else st.sampled_from(CATEGORIES)),
        programme=draw(st.sampled_from(PROGRAMMES)),
        started_on=started,
        provider_level=draw(st.none() | st.sampled_from(ProviderLevel)),
        credit_state=draw(
            credit_state if credit_state is not None else st.none() | st.sampled_from(CreditState)
        ),
        fee_paid=draw(money()),
        course=draw(st.none() | course_results()),
    )


def training_record_lists(
    min_size: int = 0, max_size: int = 20, **fields: st.SearchStrategy[object]
) -> st.SearchStrategy[list[TrainingRecord]]:
    """Lists of training records with distinct ids (about 20 a teacher, as DESIGN.md says)."""
    return st.lists(
        training_records(**fields),  # type: ignore[arg-type]
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda record: record.id,
    )


def exam_sittings(
    *,
    kind: st.SearchStrategy[SittingKind] | None = None,
    on: st.SearchStrategy[date] | None = None,
    score: st.SearchStrategy[Decimal | None] | None = None,
) -> st.SearchStrategy[ExamSitting]:
    """One exam sitting (F6); the score is ``None`` (absent) now and then."""
    return st.builds(
        ExamSitting,
        kind=kind if kind is not None else st.sampled_from(SittingKind),
        on=on if on is not None else dates(date(2009, 1, 1), date(2010, 12, 31)),
        score=score if score is not None else st.none() | scores(),
    )


@st.composite
def sitting_lists(draw: st.DrawFn, *, allow_duplicates: bool = False) -> list[ExamSitting]:
    """The sittings of one exam (F6): any number of mocks, at most one formal and one makeup.

    With ``allow_duplicates`` a second formal or makeup is sometimes added (an input
    error for ``decide_sittings``).
    """
    mock = exam_sittings(kind=st.just(SittingKind.MOCK))
    formal = exam_sittings(kind=st.just(SittingKind.FORMAL))
    makeup = exam_sittings(kind=st.just(SittingKind.MAKEUP))
    sittings = draw(st.lists(mock, max_size=3))
    sittings += draw(st.lists(formal, max_size=2 if allow_duplicates else 1))
    sittings += draw(st.lists(makeup, max_size=2 if allow_duplicates else 1))
    return sittings


# --------------------------------------------------------------------------------------
# Policies (appended section; helper for the "Policies" issue)
#
# Valid ``Policy`` values built from random rule building blocks, for the round-trip
# law of DESIGN.md principle 5. Every generated policy passes the model's checks:
# ids are unique, citations name one of the policy's documents, requirements refer
# to its schemes and buckets, assessment rules sit on a single dated period, and an
# interpretation's alternative rules replace rules it names.
#
# The component strategies are built once at import: building them inside every draw
# made policy generation several times slower.
# --------------------------------------------------------------------------------------

# Imported here rather than at the top so that this section can be appended without
# touching the rest of the module.
import functools  # noqa: E402

import attrs  # noqa: E402

from trainingrules.cycles import AgeMethod, Period  # noqa: E402
from trainingrules.policy import (  # noqa: E402
    Activity,
    ActivityBy,
    AgeLimit,
    AttendanceRule,
    BudgetShare,
    ByTitle,
    Cap,
    Citation,
    Consequence,
    CountRule,
    CourseGrading,
    Cover,
    CreditStateRule,
    DecisionKind,
    DecisionOutcome,
    Document,
    Duration,
    ExamRule,
    FeeSchedule,
    HoursRequirement,
    Interpretation,
    Limitation,
    Part,
    Payer,
    PeriodScheme,
    Policy,
    Proration,
    RemedialRule,
    Rule,
    Selector,
    ServiceRule,
    Share,
    Text,
    WrittenWorkRule,
)

__all__ += [
    "BUCKETS",
    "CLAUSES",
    "DIGEST_IDS",
    "IMPOSABLE",
    "POLICY_DOCUMENTS",
    "POLICY_IDS",
    "age_limits",
    "by_titles",
    "citations",
    "consequences",
    "labels",
    "period_schemes",
    "policies",
    "selectors",
]

POLICY_DOCUMENTS: tuple[Document, ...] = (
    Document(
        number="赣教师字〔2014〕36号",
        title="关于进一步加强我省中小学(幼儿园)教师全员远程培训管理工作的通知",
        issuer="江西省教育厅",
        issued=date(2014, 11, 24),
        source="jx-2014-gan-jiaoshizi-2014-36.txt",
    ),
    Document(
        number="渭教师〔2019〕6号",
        title="渭南市教育局关于加强教师培训体系建设的意见",
        issuer="渭南市教育局",
        issued=date(2019, 3, 20),
        source="sn-weinan-2019-wei-jiaoshi-2019-6.txt",
    ),
    Document(
        number="涵政教〔2009〕70号",
        title="关于2009年继续使用福建省中小学教师远程培训平台开展教师继续教育的通知",
        issuer="莆田市涵江区教育局",
    ),
    Document(
        number="教师〔2011〕1号",
        title="教育部关于大力加强中小学教师培训工作的意见",
        issuer="教育部",
    ),
)
"""Real documents of the catalogue (with and without an issue date and a source file)."""

CLAUSES: tuple[str, ...] = ("一", "二", "三.1", "三.2", "五.(二)", "附件一 五.2", "六; 附件一 五.1")
BUCKETS: tuple[str, ...] = (
    "training",
    "remote",
    "full_staff_remote",
    "class_teacher",
    "new_curriculum",
    "local_course",
)
DIGEST_IDS: tuple[str, ...] = ("N1", "J2", "J5", "X1", "W3", "W4", "H3", "F1", "F8")
POLICY_IDS: tuple[str, ...] = ("cn-2011", "jx-2014", "xx-2024", "fj-putian-hanjiang-2009")
_POLICY_REGIONS: tuple[str, ...] = tuple(region for region in REGIONS if region)

_NAMED_LABELS: tuple[Text, ...] = (
    Text("五年培训周期", "five-year training cycle"),
    Text("每年远程培训", "each year's remote training"),
    Text("年度继续教育", "year's continuing education"),
    Text("班主任课程（必修）", "class-teacher course (required)"),
)
_SOME_CHARS = "学时补训合格周期年 abcXYZ0123456789.-（）〔〕"
_NONBLANK = st.text(alphabet=_SOME_CHARS, min_size=1, max_size=20).filter(str.strip)
_POLICY_DATES = dates(date(1990, 1, 1), date(2030, 12, 31))
_RECENT_DATES = dates(date(2000, 1, 1), date(2030, 12, 31))
_HOURS = hours()
_OPTIONAL_HOURS = st.none() | _HOURS
_RATIOS = st.sampled_from((Decimal(1), Decimal("0.5"), Decimal("0.1"))) | _HOURS
_SCORES = scores()
_ROUNDINGS = st.none() | roundings()
_SHARES = st.sampled_from((Decimal("0.05"),)) | st.integers(0, 100).map(_hundredths)


def labels() -> st.SearchStrategy[Text]:
    """A Chinese label with its English rendering: real ones, or other non-blank text."""
    return _LABELS


_LABELS = st.one_of(st.sampled_from(_NAMED_LABELS), st.builds(Text, zh=_NONBLANK, en=_NONBLANK))


@functools.cache
def citations(documents: tuple[str, ...]) -> st.SearchStrategy[Citation]:
    """A citation of one of ``documents`` (their numbers), at a clause, maybe quoted."""
    return st.builds(
        Citation,
        document=st.sampled_from(documents),
        clause=st.sampled_from(CLAUSES) | _NONBLANK,
        quote=st.sampled_from(("", "每人不少于360学时")) | st.text(_SOME_CHARS, max_size=30),
    )


def selectors() -> st.SearchStrategy[Selector]:
    """Record selectors over the shared category, programme and provider-level pools."""
    return _SELECTORS


def _cap(draw: st.DrawFn, bucket: str, cite: st.SearchStrategy[Citation]) -> Cap:
    """A cap of ``bucket``: a fixed figure by title, or a share that is always exact."""
    if draw(st.booleans()):
        return Cap(bucket=bucket, citation=draw(cite), share=Share(draw(st.integers(1, 4)), 4))
    return Cap(bucket=bucket, citation=draw(cite), at_most=draw(by_titles()))


def _clash(one: Selector, other: Selector) -> bool:
    """Whether two count rules' selectors would make a policy ambiguous (CountRule)."""
    return one == other or (one.overlaps(other) and not (one.within(other) or other.within(one)))


_SELECTORS = st.builds(
    Selector,
    categories=st.frozensets(st.sampled_from(CATEGORIES)),
    programmes=st.frozensets(st.sampled_from(PROGRAMMES)),
    provider_levels=st.frozensets(st.sampled_from(ProviderLevel)),
)


@functools.cache
def by_titles(amounts: st.SearchStrategy[Decimal] | None = None) -> st.SearchStrategy[ByTitle]:
    """An amount per title (hours by default); ``None`` where no figure is stated (F2)."""
    amount = st.none() | (amounts if amounts is not None else _HOURS)
    return st.builds(ByTitle, senior=amount, intermediate=amount, junior=amount, none=amount)


_MONEY_BY_TITLE = by_titles(money())


@st.composite
def period_schemes(
    draw: st.DrawFn, scheme_id: str, citation: st.SearchStrategy[Citation]
) -> PeriodScheme:
    """An anchored scheme: undated or dated, 1-10 years a period, open-ended or 1-5 periods."""
    return PeriodScheme(
        id=scheme_id,
        citation=draw(citation),
        label=draw(_LABELS),
        start=draw(st.none() | _POLICY_DATES),
        years=draw(st.integers(1, 10)),
        count=draw(st.none() | st.integers(1, 5)),
    )


def age_limits() -> st.SearchStrategy[AgeLimit]:
    """Age limits by sex (J2: 55 / 53), by either method, on a reference day."""
    return _AGE_LIMITS


_AGE_LIMITS = st.builds(
    AgeLimit,
    male=st.sampled_from((55, 60)) | st.integers(0, 80),
    female=st.sampled_from((53, 55)) | st.integers(0, 80),
    method=st.sampled_from(AgeMethod),
    reference=_RECENT_DATES,
)


@st.composite
def _periods(draw: st.DrawFn) -> Period:
    start = draw(_RECENT_DATES)
    return Period(start, start + timedelta(days=draw(st.integers(1, 800))))


@st.composite
def _interpretation(draw: st.DrawFn, note_id: str, rules: Sequence[Rule]) -> Interpretation:
    named = draw(
        st.lists(st.sampled_from(list(rules)), min_size=1, max_size=3, unique_by=lambda r: r.id)
    )
    alternatives: list[Rule] = []
    for rule in named:
        if not draw(st.booleans()):
            continue
        if isinstance(rule, PeriodScheme):
            # another length of period, same start and count (assessment rules stay valid)
            alternatives.append(attrs.evolve(rule, years=rule.years % 10 + 1))
        elif isinstance(rule, HoursRequirement):
            alternatives.append(attrs.evolve(rule, minimum=draw(by_titles())))
        elif isinstance(rule, CourseGrading):
            alternatives.append(attrs.evolve(rule, rounding=draw(_ROUNDINGS)))
    return Interpretation(
        id=note_id,
        text_says=draw(_NONBLANK),
        reading=draw(_NONBLANK),
        alternative=draw(_NONBLANK),
        rules=tuple(rule.id for rule in named),
        alternative_rules=tuple(alternatives),
    )


_LIMITATIONS = st.lists(
    st.builds(
        Limitation,
        ids=st.lists(st.sampled_from(DIGEST_IDS), min_size=1, max_size=2, unique=True).map(tuple),
        what=_NONBLANK,
        why=_NONBLANK,
    ),
    max_size=2,
)
_DOCUMENT_LISTS = st.lists(
    st.sampled_from(POLICY_DOCUMENTS), min_size=1, max_size=3, unique_by=lambda d: d.number
)


@st.composite
def consequences(
    draw: st.DrawFn,
    rule_id: str,
    cite: st.SearchStrategy[Citation],
    schemes: tuple[PeriodScheme, ...],
) -> Consequence:
    """A consequence on one of ``schemes``: any outcome it may impose, trigger and time."""
    trigger = draw(st.sampled_from([s.id for s in schemes]))
    windows = [s.id for s in schemes if s.start is not None and s.id != trigger]
    return Consequence(
        id=rule_id,
        citation=draw(cite),
        trigger=trigger,
        denies=draw(st.frozensets(st.sampled_from(DecisionKind), min_size=1)),
        outcome=draw(st.sampled_from(IMPOSABLE)),
        after=draw(st.integers(1, 3)),
        within=draw(st.none() | st.sampled_from(windows)) if windows else None,
        lasts=draw(st.sampled_from(Duration)),
    )


IMPOSABLE = (DecisionOutcome.ELIGIBLE, DecisionOutcome.DEFERRED, DecisionOutcome.INELIGIBLE)
"""The outcomes a consequence may impose (not pending)."""


@st.composite
def policies(draw: st.DrawFn, *, with_interpretations: bool = True) -> Policy:  # noqa: C901, PLR0912, PLR0915 - one draw per building block
    """A valid policy built from random rule building blocks, in a random rule order.

    Every kind of block can appear: schemes (always at least one), count rules,
    hours requirements, and optionally a credit-state rule, a course grading, exams,
    written work and attendance (on a single dated period), remedial rules,
    consequences, a fee schedule and a budget share; then interpretations (some
    with alternative rules) and limitations.
    """
    documents = draw(_DOCUMENT_LISTS)
    cite = citations(tuple(doc.number for doc in documents))

    schemes = [draw(period_schemes(f"S{i}.scheme", cite)) for i in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):  # a single dated period, for the assessment rules (F4.year)
        schemes.append(
            PeriodScheme(
                id="S9.year",
                citation=draw(cite),
                label=draw(_LABELS),
                start=draw(_RECENT_DATES),
                years=draw(st.integers(1, 2)),
                count=1,
            )
        )
    scheme_ids = st.sampled_from([scheme.id for scheme in schemes])
    single = [s.id for s in schemes if s.start is not None and s.count == 1]

    # Count rules whose selectors are disjoint or nested (a policy rejects any other
    # overlap); a drawn selector that would clash with an earlier one is left out.
    counts: list[CountRule] = []
    for i in range(draw(st.integers(0, 3))):
        selector = draw(_SELECTORS)
        if any(_clash(selector, rule.selector) for rule in counts):
            continue
        counts.append(
            CountRule(
                id=f"C{i}.count",
                citation=draw(cite),
                selector=selector,
                bucket=draw(st.sampled_from(BUCKETS)),
                ratio=draw(_RATIOS),
            )
        )
    buckets = sorted({rule.bucket for rule in counts})
    rules: list[Rule] = [*schemes, *counts]
    capped: set[tuple[str, str]] = set()  # a bucket is capped at most once per scheme
    for i in range(draw(st.integers(0, 3))):
        scheme_id = draw(scheme_ids)
        summed = draw(st.frozensets(st.sampled_from(buckets))) if buckets else frozenset()
        inner = sorted(summed or buckets)
        caps: tuple[Cap, ...] = ()
        parts: tuple[Part, ...] = ()
        covers: tuple[Cover, ...] = ()
        including: Activity | None = None
        if bool(inner) and draw(st.booleans()):  # caps, parts, covers, an activity (issue 9 §2)
            free = [b for b in inner if (scheme_id, b) not in capped]
            caps = (
                tuple(
                    _cap(draw, b, cite)
                    for b in draw(st.lists(st.sampled_from(free), unique=True, max_size=2))
                )
                if free
                else ()
            )
            capped |= {(scheme_id, c.bucket) for c in caps}
            chosen = draw(st.lists(st.sampled_from(inner), unique=True, max_size=3))
            parts = tuple(
                Part(bucket=b, minimum=draw(by_titles()), label=draw(_LABELS)) for b in chosen
            )
            if len(chosen) > 1:
                pairs = [(x, y) for x in chosen for y in chosen if x != y]
                covers = tuple(
                    Cover(surplus_of=x, may_cover=y)
                    for x, y in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2))
                )
            if draw(st.booleans()):
                including = Activity(
                    minimum=draw(_HOURS),
                    by=draw(st.sampled_from(ActivityBy)),
                    label=draw(_LABELS),
                    citation=draw(cite),
                )
        rules.append(
            HoursRequirement(
                id=f"R{i}.hours",
                citation=draw(cite),
                label=draw(_LABELS),
                scheme=scheme_id,
                minimum=draw(by_titles()),
                buckets=summed,
                caps=caps,
                parts=parts,
                covers=covers,
                including=including,
            )
        )
    if draw(st.booleans()):  # partial service prorated (or not), issue 9 §2
        rules.append(
            ServiceRule(
                id="S6.service",
                citation=draw(cite),
                proration=draw(st.sampled_from(Proration)),
                rounding=Rounding(Decimal(1), "ROUND_CEILING"),
            )
        )
    if draw(st.booleans()):
        rules.append(
            CreditStateRule(
                id="X1.states",
                citation=draw(cite),
                states=draw(st.frozensets(st.sampled_from(CreditState))),
            )
        )
    if draw(st.booleans()):
        rules.append(
            CourseGrading(
                id="H6.course",
                citation=draw(cite),
                weights=_pair(draw(weights(min_size=2, max_size=2))),
                pass_mark=draw(_SCORES),
                rounding=draw(_ROUNDINGS),
                prerequisites=draw(prerequisite_sets()),
            )
        )
    if single:
        on_single = st.sampled_from(single)
        rules += [
            ExamRule(
                id=f"F6.exam{i}",
                citation=draw(cite),
                label=draw(_LABELS),
                scheme=draw(on_single),
                pass_mark=draw(_SCORES),
            )
            for i in range(draw(st.integers(0, 2)))
        ]
        if draw(st.booleans()):
            rules.append(
                WrittenWorkRule(
                    id="F5.written",
                    citation=draw(cite),
                    scheme=draw(on_single),
                    min_notes_chars=draw(st.sampled_from((5000, 0)) | st.integers(0, 10**5)),
                    min_forum_posts=draw(st.integers(0, 10)),
                    min_reflection_chars=draw(st.sampled_from((1000, 0)) | st.integers(0, 10**5)),
                    handwritten=draw(st.booleans()),
                )
            )
        if draw(st.booleans()):
            rules.append(
                AttendanceRule(id="F7.absence", citation=draw(cite), scheme=draw(on_single))
            )
    rules += [
        RemedialRule(
            id=f"J4.remedial{i}",
            citation=draw(cite),
            trigger=draw(scheme_ids),
            payer=draw(st.sampled_from(Payer)),
            age_limit=draw(st.none() | _AGE_LIMITS),
            runs_in=draw(st.none() | _periods()),
            refund_paid=draw(st.booleans()),
            fees_on=draw(_SELECTORS),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    rules += [
        draw(consequences(f"N2.consequence{i}", cite, tuple(schemes)))
        for i in range(draw(st.integers(0, 2)))
    ]
    if draw(st.booleans()):
        rules.append(FeeSchedule(id="F3.fee", citation=draw(cite), per_year=draw(_MONEY_BY_TITLE)))
    if draw(st.booleans()):
        rules.append(BudgetShare(id="W2.budget", citation=draw(cite), share=draw(_SHARES)))
    rules = list(draw(st.permutations(rules)))

    notes = []
    if with_interpretations:
        notes = [
            draw(_interpretation(f"I{i}.reading", rules)) for i in range(draw(st.integers(0, 2)))
        ]
    effective_from = draw(_POLICY_DATES)
    # A policy is in force at least until its last period scheme starts (Policy checks it).
    floor = max(
        [effective_from]
        + [r.start for r in rules if isinstance(r, PeriodScheme) and r.start is not None]
    )
    effective_to = draw(
        st.none() | st.integers(0, 4000).map(lambda days: floor + timedelta(days=days))
    )
    return Policy(
        id=draw(st.sampled_from(POLICY_IDS) | ids("p-")),
        title=draw(_LABELS),
        region=draw(st.sampled_from(_POLICY_REGIONS)),
        effective_from=effective_from,
        effective_to=effective_to,
        documents=tuple(documents),
        rules=tuple(rules),
        interpretations=tuple(notes),
        limitations=tuple(draw(_LIMITATIONS)),
        parent=draw(st.none() | st.sampled_from(POLICY_IDS)),
    )


# --------------------------------------------------------------------------------------
# --- engine ---
# (appended section; helper for the engine property tests, test_engine_properties.py)
#
# Inputs for ``evaluate`` drawn from what a given policy measures and counts:
#
# * ``catalogue_policies()``: every catalogue policy and every variant
#   ``"<id>~<interpretation>"`` whose interpretation has alternative rules;
#   ``engine_policies()`` mixes them with generated ones (``policies()``).
# * ``policy_dates(p)``: days around the policy's period boundaries (the day before,
#   the first day, the day after), its dates in force and its remedial dates, plus
#   the general range two years either side.
# * ``records_for(p)``: records whose categories and programmes are the ones the
#   policy's selectors name plus some no catalogue policy names, any provider level
#   and credit state (or none), sometimes a course, completed on ``policy_dates(p)``.
# * ``counted_records_for(p, completed_on)``: a record that matches one of the
#   policy's count rules, with a credit state the policy accepts and no course.
# * ``assessments()``, ``outcomes_for(p)`` and ``evaluation_cases()``, all the inputs
#   of one evaluation at once.
# --------------------------------------------------------------------------------------

# Imported here rather than at the top so that this section can be appended without
# touching the rest of the module.
from typing import Any  # noqa: E402

from trainingrules import (  # noqa: E402
    Assessment,
    Evaluation,
    Outcome,
    WrittenWork,
    evaluate,
)
from trainingrules.policy import get as _get_policy  # noqa: E402
from trainingrules.policy import ids as _catalogue_ids  # noqa: E402

__all__ += [
    "CATALOGUE_POLICY_IDS",
    "UNKNOWN_CATEGORY",
    "UNKNOWN_PROGRAMME",
    "EvaluationCase",
    "assessments",
    "catalogue_policies",
    "counted_records_for",
    "engine_policies",
    "evaluation_cases",
    "outcomes_for",
    "policy_dates",
    "records_for",
    "written_works",
]

_DAY = timedelta(days=1)
UNKNOWN_CATEGORY = "workshop"  # a category no catalogue policy names
UNKNOWN_PROGRAMME = "unlisted"  # a programme no catalogue policy names


def _catalogue_policy_ids() -> tuple[str, ...]:
    found: list[str] = []
    for policy_id in _catalogue_ids():
        found.append(policy_id)
        found.extend(
            f"{policy_id}~{note.id}"
            for note in _get_policy(policy_id).interpretations
            if note.alternative_rules
        )
    return tuple(found)


CATALOGUE_POLICY_IDS: tuple[str, ...] = _catalogue_policy_ids()
"""Every catalogue id, and ``"<id>~<interpretation>"`` for every encodable alternative."""


def catalogue_policies() -> st.SearchStrategy[Policy]:
    """A catalogue policy or one of its variants (``policy.get`` over ``CATALOGUE_POLICY_IDS``)."""
    return _CATALOGUE_POLICIES


_CATALOGUE_POLICIES = st.sampled_from(CATALOGUE_POLICY_IDS).map(_get_policy)


def engine_policies() -> st.SearchStrategy[Policy]:
    """Catalogue policies and variants (four draws in five), or a generated policy."""
    return _ENGINE_POLICIES


# One draw in five is a generated policy: generating one costs more than the rest of
# a case, and the catalogue's policies are the ones people use.
_GENERATED_POLICIES = policies()
_ENGINE_POLICIES = st.integers(0, 4).flatmap(
    lambda n: _CATALOGUE_POLICIES if n else _GENERATED_POLICIES
)


def _clip(day: date) -> date:
    return min(max(day, MIN_DATE), MAX_DATE)


def _scheme_boundaries(scheme: PeriodScheme, policy: Policy) -> list[date]:
    """The first boundaries of a dated scheme, and those around the policy's start."""
    cycle = scheme.cycle
    if cycle is None:
        return []
    ks = set(range((scheme.count if scheme.count is not None else 4) + 1))
    if scheme.count is None:
        first = max(cycle.index_of(policy.effective_from), 0)
        ks |= {first, first + 1, first + 2}
    return [cycle.start_of(k) for k in sorted(ks)]


@functools.lru_cache(maxsize=512)
def _policy_edge_dates(policy: Policy) -> tuple[date, ...]:
    days = {policy.effective_from}
    if policy.effective_to is not None:
        days.add(policy.effective_to)
    for scheme in policy.of_type(PeriodScheme):
        days.update(_scheme_boundaries(scheme, policy))
    for rule in policy.of_type(RemedialRule):
        if rule.runs_in is not None:
            days.update({rule.runs_in.start, rule.runs_in.last_day})
        if rule.age_limit is not None:
            days.add(rule.age_limit.reference)
    around = {_clip(day + shift) for day in days for shift in (-_DAY, timedelta(0), _DAY)}
    return tuple(sorted(around))


@functools.lru_cache(maxsize=512)
def policy_dates(policy: Policy) -> st.SearchStrategy[date]:
    """Days around ``policy``'s boundaries (often), or any day two years either side of them."""
    pool = _policy_edge_dates(policy)
    low = _clip(pool[0] - timedelta(days=730))
    high = _clip(pool[-1] + timedelta(days=730))
    return st.one_of(st.sampled_from(pool), st.dates(min_value=low, max_value=high))


def _selectors_of(policy: Policy) -> list[Selector]:
    found = [rule.selector for rule in policy.of_type(CountRule)]
    found += [rule.fees_on for rule in policy.of_type(RemedialRule)]
    return found


@functools.lru_cache(maxsize=512)
def _record_pools(policy: Policy) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Categories and programmes: those the policy names, the shared pools and unknown ones."""
    selectors = _selectors_of(policy)
    categories = {c for s in selectors for c in s.categories}
    programmes = {p for s in selectors for p in s.programmes}
    categories |= {*CATEGORIES, UNKNOWN_CATEGORY}
    programmes |= {*PROGRAMMES, UNKNOWN_PROGRAMME}
    return tuple(sorted(categories)), tuple(sorted(programmes))


# Strategies built once: building them inside every draw made drawing records slow.
_CREDIT_STATES = st.one_of(st.just(CreditState.VERIFIED), st.none(), st.sampled_from(CreditState))
_LEVELS = st.none() | st.sampled_from(ProviderLevel)
_RECORD_IDS = ids("R")
_NEW_RECORD_IDS = ids("N")
_MONEY = money()
# as ``course_results()``, with its component strategies built once
_COURSES = st.none() | st.builds(
    CourseResult,
    hours_required=_reported(hours(max_tenths=1000)),
    hours_completed=_reported(hours(max_tenths=1000)),
    homework_passed=_reported(st.booleans()),
    coursework_score=scores(),
    final_score=st.none() | scores(),
)
_LENGTHS = st.none() | st.integers(0, 400)  # days of training before completion


@functools.lru_cache(maxsize=512)
def _pool_strategies(policy: Policy) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    categories, programmes = _record_pools(policy)
    return st.sampled_from(categories), st.sampled_from(programmes)


@st.composite
def _record_for(
    draw: st.DrawFn, policy: Policy, completed_on: st.SearchStrategy[date] | None
) -> TrainingRecord:
    categories, programmes = _pool_strategies(policy)
    done = draw(completed_on if completed_on is not None else policy_dates(policy))
    length = draw(_LENGTHS)
    started = None if length is None else max(done - timedelta(days=length), MIN_DATE)
    return TrainingRecord(
        id=draw(_RECORD_IDS),
        hours=draw(_HOURS),
        completed_on=done,
        category=draw(categories),
        programme=draw(programmes),
        started_on=started,
        provider_level=draw(_LEVELS),
        credit_state=draw(_CREDIT_STATES),
        fee_paid=draw(_MONEY),
        course=draw(_COURSES),
    )


@functools.lru_cache(maxsize=512)
def records_for(
    policy: Policy,
    *,
    min_size: int = 0,
    max_size: int = 8,
    completed_on: st.SearchStrategy[date] | None = None,
) -> st.SearchStrategy[list[TrainingRecord]]:
    """Records with distinct ids, drawn from what ``policy`` counts and from what it does not.

    Categories and programmes are those the policy's selectors name, the shared pools
    and ``UNKNOWN_CATEGORY`` / ``UNKNOWN_PROGRAMME``; credit states are any (or none);
    completion days are ``policy_dates(policy)`` unless ``completed_on`` is given.
    """
    return st.lists(
        _record_for(policy, completed_on),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda record: record.id,
    )


def _accepted_states(policy: Policy) -> tuple[CreditState | None, ...]:
    rules = policy.of_type(CreditStateRule)
    if not rules:
        return (CreditState.VERIFIED,)
    states = rules[0].states
    # verified credit wherever the policy accepts it (X1), else a state it accepts
    return (CreditState.VERIFIED,) if CreditState.VERIFIED in states else tuple(sorted(states))


@st.composite
def counted_records_for(
    draw: st.DrawFn,
    policy: Policy,
    completed_on: st.SearchStrategy[date],
    *,
    buckets: frozenset[str] | None = None,
    id: st.SearchStrategy[str] | None = None,  # noqa: A002 - the field's name
) -> TrainingRecord:
    """A record ``policy`` counts if it falls in a measured period on or before ``as_of``.

    It matches one of the policy's count rules (one filling one of ``buckets``, if
    any does; its category, programme and provider level are taken from that rule's
    selector where the selector names any), its credit state is verified (or, where
    the policy does not accept verified credit, one the policy accepts) and it
    carries no course. An earlier count rule may select it first. The policy must
    have a count rule and accept some credit state.
    """
    rules = policy.of_type(CountRule)
    states = _accepted_states(policy)
    if not rules or not states:
        msg = f"{policy.id} counts no record"
        raise ValueError(msg)
    if buckets is not None:
        rules = tuple(rule for rule in rules if rule.bucket in buckets) or rules
    selector = draw(st.sampled_from(rules)).selector
    categories, programmes = _pool_strategies(policy)

    def one_of(named: frozenset[Any], pool: st.SearchStrategy[Any]) -> Any:
        return draw(st.sampled_from(sorted(named)) if named else pool)

    return TrainingRecord(
        id=draw(id if id is not None else _NEW_RECORD_IDS),
        hours=draw(_HOURS),
        completed_on=draw(completed_on),
        category=one_of(selector.categories, categories),
        programme=one_of(selector.programmes, programmes),
        provider_level=one_of(selector.provider_levels, _LEVELS),
        credit_state=draw(st.sampled_from(states)),
        fee_paid=draw(_MONEY),
        course=None,
    )


def written_works() -> st.SearchStrategy[WrittenWork]:
    """Written work around the F5 minimums: 5,000 note characters, 2 posts, 1,000 reflection."""
    return st.builds(
        WrittenWork,
        notes_chars=st.sampled_from((0, 4999, 5000, 5001)) | st.integers(0, 10**5),
        forum_posts=st.integers(0, 5),
        reflection_chars=st.sampled_from((0, 999, 1000, 1001)) | st.integers(0, 10**4),
        handwritten=st.booleans(),
    )


_WRITTEN_WORKS = st.none() | written_works()


@functools.lru_cache(maxsize=512)
def _sitting_lists(on: st.SearchStrategy[date] | None) -> tuple[st.SearchStrategy[Any], ...]:
    return tuple(
        st.lists(exam_sittings(kind=st.just(kind), on=on), max_size=size)
        for kind, size in ((SittingKind.MOCK, 2), (SittingKind.FORMAL, 1), (SittingKind.MAKEUP, 1))
    )


@st.composite
def assessments(draw: st.DrawFn, on: st.SearchStrategy[date] | None = None) -> Assessment:
    """An assessment (F5-F7): mock sittings, at most one formal and one makeup, written work.

    Sittings fall on days from ``on`` (by default 2009-2010, the Hanjiang year), in
    any order.
    """
    sittings = [sitting for kind in _sitting_lists(on) for sitting in draw(kind)]
    return Assessment(
        sittings=tuple(draw(st.permutations(sittings))),
        written_work=draw(_WRITTEN_WORKS),
        unexcused_absence=draw(st.booleans()),
    )


_SOURCES = st.sampled_from(("", "2014-12-15 list", "platform"))


@st.composite
def outcomes_for(draw: st.DrawFn, policy: Policy, max_size: int = 3) -> list[Outcome]:
    """Results decided elsewhere for ``policy``'s schemes, at most one per period.

    A dated scheme's outcome starts on one of its first periods' first day; an
    undated scheme's (F10) on any of ``policy_dates(policy)``.
    """
    schemes = policy.of_type(PeriodScheme)
    found: dict[tuple[str, date], Outcome] = {}
    for _ in range(draw(st.integers(0, max_size))):
        scheme = draw(st.sampled_from(schemes))
        cycle = scheme.cycle
        if cycle is None:
            start = draw(policy_dates(policy))
        else:
            start = cycle.start_of(draw(st.integers(0, (scheme.count or 6) - 1)))
        found.setdefault(
            (scheme.id, start),
            Outcome(
                scheme=scheme.id, start=start, passed=draw(st.booleans()), source=draw(_SOURCES)
            ),
        )
    return list(found.values())


@attrs.frozen
class EvaluationCase:
    """All the inputs of one evaluation; ``run`` evaluates them (with some replaced)."""

    policy: Policy
    teacher: Teacher
    records: tuple[TrainingRecord, ...]
    as_of: date
    assessment: Assessment | None
    outcomes: tuple[Outcome, ...]

    def run(
        self, records: Sequence[TrainingRecord] | None = None, as_of: date | None = None
    ) -> Evaluation:
        """``evaluate`` on these inputs, with ``records`` or ``as_of`` replaced if given."""
        return evaluate(
            self.policy,
            self.teacher,
            self.records if records is None else records,
            self.as_of if as_of is None else as_of,
            assessment=self.assessment,
            outcomes=self.outcomes,
        )


@st.composite
def evaluation_cases(
    draw: st.DrawFn,
    policy_strategy: st.SearchStrategy[Policy] | None = None,
    *,
    max_records: int = 8,
) -> EvaluationCase:
    """A policy (``engine_policies()`` by default), a teacher, records, a day, an assessment
    (only if the policy assesses one: exams, written work, attendance) and outcomes, each
    drawn from what that policy measures.
    """
    chosen = draw(policy_strategy if policy_strategy is not None else _ENGINE_POLICIES)
    records, days, assessment, outcomes = _case_parts(chosen, max_records)
    teacher = draw(_TEACHERS)
    if teacher.region and not regions.contains(chosen.region, teacher.region):
        # evaluate() refuses a teacher from outside the policy's region (input.region)
        teacher = attrs.evolve(teacher, region="")
    return EvaluationCase(
        policy=chosen,
        teacher=teacher,
        records=tuple(draw(records)),
        as_of=draw(days),
        assessment=draw(assessment),
        outcomes=tuple(draw(outcomes)),
    )


_TEACHERS = teachers()


@functools.lru_cache(maxsize=512)
def _case_parts(policy: Policy, max_records: int) -> tuple[st.SearchStrategy[Any], ...]:
    days = policy_dates(policy)
    assessed = any(
        isinstance(rule, ExamRule | WrittenWorkRule | AttendanceRule) for rule in policy.rules
    )
    return (
        records_for(policy, max_size=max_records),
        days,
        st.none() | assessments(on=days) if assessed else st.none(),
        outcomes_for(policy),
    )
