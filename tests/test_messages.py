"""What teachers read: no finding's Chinese or English text carries an internal identifier.

A ``Finding``'s ``zh`` and ``en`` are read by teachers and school staff. The library's
own names — rule ids (``J2+J4.remedial``), period-scheme ids (``H2.years``),
interpretation ids, bucket names (``full_staff_remote``), the category and programme
codes a policy names (``degree_study``, ``guopei``), policy ids and enum values
(``in_year``, ``verified``, ``ruled_out``) — belong in the finding's fields (``code``,
``rule_id``, ``interpretations``), never in its text.

What may appear in the text, decided here:

* **The caller's own data, as given**: record ids, the source of a recorded outcome,
  and — in ``record.not_recognised`` only — the category and programme of the record
  the policy does not recognise, quoted (“…” in Chinese, '…' in English) so that a
  reader sees they come from the record. They are removed before the check.
* **In English, a plain English word the wording itself uses** (``remote``,
  ``training``, ``verified``, ``free``): an identifier that is also such a word is the
  word in the sentence, not the code. The English vocabulary is every word of the
  message catalogue (``trainingrules/_messages.py``, string literals included) and of
  the policy's own labels and reasons.
* **In Chinese, no identifier at all**, nor any code-like token (``snake_case``,
  ``A.b``, ``J2``, ``a+b``, ``a~b``); **in English, no Chinese** (a value filled into
  both languages in Chinese only).

The inputs: every catalogue policy and every variant, plus the two fixture policies
of the scenario tests (caps, parts, activities, windows, deferrals), each evaluated on
hand-built inputs that reach every exclusion reason, the remedial scope and refunds,
and the decisions; and generated cases (hypothesis). The sweep must reach every
message code but the few listed in ``NOT_REACHED``.
"""

from __future__ import annotations

import ast
import enum
import functools
import inspect
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import attrs
import fixture_county
import pytest
import test_fixture_registration
from hypothesis import given, settings
from strategies import catalogue_policies, evaluation_cases

import trainingrules as tr
from trainingrules import _messages, cycles, policy, records, results
from trainingrules.policy import (
    AttendanceRule,
    ExamRule,
    HoursRequirement,
    PeriodScheme,
    Policy,
    Text,
    WrittenWorkRule,
    _consequences,
    _counting,
    _requirements,
)

D = Decimal

# --- what counts as an identifier ---------------------------------------------------------

ENUMS: tuple[type[enum.Enum], ...] = tuple(
    {
        value
        for module in (records, results, cycles, _consequences, _counting, _requirements)
        for _, value in inspect.getmembers(module, inspect.isclass)
        if issubclass(value, enum.Enum) and value.__module__.startswith("trainingrules")
    }
)
ENUM_VALUES = frozenset(str(member.value) for kind in ENUMS for member in kind)

_TOKEN = re.compile(r"[A-Za-z0-9_.+~-]+")
_CODE_LIKE = re.compile(r"[_+~]|[A-Za-z]\.[A-Za-z0-9]|[A-Za-z]\d|\d[A-Za-z]")
_WORD = re.compile(r"[A-Za-z]+")
_CJK = re.compile(r"[\u3400-\u9fff]+")


def _rules_of(p: Policy) -> Iterator[object]:
    yield from p.rules
    for note in p.interpretations:
        yield from note.alternative_rules


@functools.cache
def identifiers(p: Policy) -> frozenset[str]:
    """Every internal name ``p`` uses, and every enum value of the library."""
    names: set[str] = {p.id, *ENUM_VALUES}
    if p.parent:
        names.add(p.parent)
    names |= {note.id for note in p.interpretations}
    for rule in _rules_of(p):
        names.add(rule.id)  # type: ignore[attr-defined]
        for field in ("scheme", "trigger", "within", "bucket"):
            value = getattr(rule, field, None)
            if isinstance(value, str):
                names.add(value)
        for selector in (getattr(rule, "selector", None), getattr(rule, "fees_on", None)):
            if selector is not None:
                names |= set(selector.categories) | {c for c in selector.programmes if c}
        if isinstance(rule, HoursRequirement):
            names |= set(rule.buckets)
            names |= {cap.bucket for cap in rule.caps} | {part.bucket for part in rule.parts}
    return frozenset(names)


def _labels(value: object) -> Iterator[Text]:
    """Every ``Text`` reachable in a policy value (labels, titles, reasons)."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _labels(item)
    elif attrs.has(kind := type(value)):
        for field in attrs.fields(kind):
            yield from _labels(getattr(value, field.name))


def _texts(value: object) -> Iterator[str]:
    """Every English label in a policy value."""
    return (text.en for text in _labels(value))


@functools.cache
def _catalogue_vocabulary() -> frozenset[str]:
    """Every word of the English wording: the message catalogue's string literals."""
    tree = ast.parse(inspect.getsource(_messages))
    words: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words |= {w.lower() for w in _WORD.findall(node.value)}
    return frozenset(words)


@functools.cache
def vocabulary(p: Policy) -> frozenset[str]:
    """English words a message about ``p`` may use: the catalogue's and ``p``'s labels."""
    own = {w.lower() for text in _texts(p) for w in _WORD.findall(text)}
    return _catalogue_vocabulary() | own


def _strip_ids(text: str, user: frozenset[str]) -> str:
    """``text`` without the caller's ids and sources (longest first)."""
    for item in sorted((u for u in user if u), key=len, reverse=True):
        text = text.replace(item, " ")
    return text


def _strip_quotes(text: str) -> str:
    """``text`` without quoted segments: “…” in Chinese, '…' in English."""
    return re.sub(r"“[^”]*”|'[^']*'", " ", text)


def leaks(finding: results.Finding, p: Policy, user: frozenset[str]) -> list[tuple[str, str]]:
    """``(language, token)`` for every internal identifier in the finding's text."""
    names = identifiers(p)
    words = vocabulary(p)
    found: list[tuple[str, str]] = []
    for language, text in (("zh", finding.zh), ("en", finding.en)):
        keep = _strip_ids(text, user)
        if finding.code == "record.not_recognised":
            # The quoted category / programme of a record not recognised is the user's.
            keep = _strip_quotes(keep)
        if language == "en":
            # Chinese in the English text: a Chinese value filled into both languages
            # (before: "only 已验证 credits count").
            found.extend(("en", c) for c in _CJK.findall(keep))
        for raw in _TOKEN.findall(keep):
            token = raw.strip(".-")
            if not re.search(r"[A-Za-z]", token):
                continue  # numbers, dates
            code_like = bool(_CODE_LIKE.search(token))
            if language == "zh":
                if code_like or token in names:
                    found.append((language, token))
            elif code_like or (token in names and token.lower() not in words):
                found.append((language, token))
    return found


def user_data(
    case_records: tuple[tr.TrainingRecord, ...] | list[tr.TrainingRecord],
    outcomes: tuple[tr.Outcome, ...] | list[tr.Outcome],
    teacher: tr.Teacher,
) -> frozenset[str]:
    """What the caller supplied and a message may quote: ids, sources."""
    return frozenset(
        {r.id for r in case_records} | {o.source for o in outcomes if o.source} | {teacher.id}
    )


def check(
    ev: tr.Evaluation, user: frozenset[str], checked: set[tuple[object, ...]] | None = None
) -> set[str]:
    """Assert no finding of ``ev`` leaks an identifier; return the codes seen.

    ``checked`` remembers the messages already checked for a policy and user data,
    so that a sweep checks each distinct message once.
    """
    p = ev.policy
    codes: set[str] = set()
    for finding in ev.findings:
        codes.add(finding.code)
        key = (p.id, user, finding.code, finding.zh, finding.en)
        if checked is not None and key in checked:
            continue
        assert finding.zh.strip(), finding
        assert finding.en.strip(), finding
        assert not leaks(finding, p, user), (p.id, finding.code, finding.zh, finding.en)
        if checked is not None:
            checked.add(key)
    return codes


# --- the checker itself ------------------------------------------------------------------


def _finding(code: str, zh: str, en: str) -> results.Finding:
    return results.Finding(code, "J2+J4.remedial", None, (), zh, en)


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        # a bucket id in Chinese, a rule id and a credit state code in English
        ("记录R1计入full_staff_remote", "ok", [("zh", "full_staff_remote")]),
        ("好", "see J2+J4.remedial", [("en", "J2+J4.remedial")]),
        ("好", "method in_year", [("en", "in_year")]),
        # an enum value that is a plain word is English in English, a code in Chinese
        ("学分状态为verified", "only verified credits count", [("zh", "verified")]),
        # a scheme id; a programme code that is no English word
        ("2007年H2.years", "counted in H2.years", [("zh", "H2.years"), ("en", "H2.years")]),
        ("好", "offset from guopei", [("en", "guopei")]),
        # Chinese filled into the English message
        ("好", "only 已验证 credits count", [("en", "已验证")]),
        # the caller's own data: record ids and sources pass
        ("记录R1结果为不合格（2014-12-15 list）", "record R1 (2014-12-15 list)", []),
    ],
)
def test_the_checker_finds_identifiers(zh, en, expected):
    p = policy.get("jx-2014")
    user = frozenset({"R1", "2014-12-15 list"})
    assert leaks(_finding("remedial.required", zh, en), p, user) == expected


def test_a_quoted_unrecognised_category_is_the_users_data():
    p = policy.get("jx-2014")
    finding = _finding(
        "record.not_recognised",
        "记录R1的类别“full_staff_remote”不在本政策认可的培训范围内，不计",
        "record R1: category 'full_staff_remote' is not training this policy recognises",
    )
    assert leaks(finding, p, frozenset({"R1"})) == []
    # ... but only there: the same quote in another message is a bucket id leaking.
    other = attrs.evolve(finding, code="record.counted")
    assert leaks(other, p, frozenset({"R1"})) == [
        ("zh", "full_staff_remote"),
        ("en", "full_staff_remote"),
    ]


# --- the sweep: every policy and variant on hand-built inputs -----------------------------


def _all_policies() -> list[Policy]:
    found: list[Policy] = []
    bases = [policy.get(i) for i in policy.ids()]
    bases += [
        fixture_county.HOURS_POLICY,
        fixture_county.CREDITS_POLICY,
        test_fixture_registration.POLICY,
    ]
    for base in bases:
        found.append(base)
        found.extend(
            base.alternative(note.id) for note in base.interpretations if note.alternative_rules
        )
    return found


POLICIES = _all_policies()

AS_OF = (
    date(2003, 6, 30),
    date(2007, 6, 30),
    date(2009, 1, 1),
    date(2010, 1, 1),
    date(2015, 1, 10),
    date(2016, 2, 1),
    date(2019, 12, 31),
    date(2022, 6, 1),
    date(2024, 1, 2),
    date(2027, 1, 1),
)


def _teachers() -> list[tr.Teacher]:
    return [
        # 56 in 2014 (J2: out of scope), senior
        tr.Teacher(
            id="T-1958", birth_date=date(1958, 6, 1), sex=tr.Sex.MALE, title=tr.Title.SENIOR
        ),
        # 55 in 2014: in scope, out under the strict variant J2.bound; no title
        tr.Teacher(id="T-1959", birth_date=date(1959, 3, 3), sex=tr.Sex.MALE),
        tr.Teacher(
            id="T-1975", birth_date=date(1975, 2, 3), sex=tr.Sex.FEMALE, title=tr.Title.JUNIOR
        ),
        # partial service (ServiceRule): hired 2013, left 2019
        tr.Teacher(
            id="T-part",
            birth_date=date(1970, 1, 1),
            sex=tr.Sex.FEMALE,
            title=tr.Title.INTERMEDIATE,
            employed_from=date(2013, 3, 1),
            employed_to=date(2019, 6, 30),
        ),
    ]


def _named(p: Policy) -> tuple[list[str], list[str]]:
    categories: set[str] = {"remote", "remedial", "degree_study", "workshop"}
    programmes: set[str] = {"", "unlisted"}
    for rule in _rules_of(p):
        for selector in (getattr(rule, "selector", None), getattr(rule, "fees_on", None)):
            if selector is not None:
                categories |= set(selector.categories)
                programmes |= set(selector.programmes)
    return sorted(categories), sorted(programmes)


def _years(p: Policy) -> list[int]:
    years = {2005, 2009, 2013, 2014, 2015, 2018, 2022}
    for rule in p.of_type(PeriodScheme):
        if rule.start is not None:
            years |= {rule.start.year, rule.start.year + rule.years}
    return sorted(years)


def _records(p: Policy) -> list[tr.TrainingRecord]:
    categories, programmes = _named(p)
    made: list[tr.TrainingRecord] = []
    states = (tr.CreditState.VERIFIED, tr.CreditState.REVIEWED, None)
    n = 0
    for y in _years(p):
        for category in categories:
            for programme in programmes if category == "remote" else [""]:
                n += 1
                made.append(
                    tr.TrainingRecord(
                        id=f"R{n}",
                        hours=D(80) if n % 5 == 0 else D(40),  # some reach an activity
                        completed_on=date(y, 6, 1),
                        started_on=date(y, 3, 1),
                        category=category,
                        programme=programme,
                        credit_state=states[n % 3],
                        fee_paid=D(40) if category == "remedial" else D(0),
                    )
                )
    # graded courses (H4-H6): prerequisites unmet, below the pass mark, passed, no final
    courses = ((10, False, 40), (20, True, 40), (20, True, 90), (20, True, None))
    for i, (completed, homework, final) in enumerate(courses):
        made.append(
            tr.TrainingRecord(
                id=f"C{i}",
                hours=D(20),
                completed_on=date(2007, 6, 1),
                category="remote",
                credit_state=tr.CreditState.VERIFIED,
                course=tr.CourseResult(
                    hours_required=D(20),
                    hours_completed=D(completed),
                    homework_passed=homework,
                    coursework_score=D(50),
                    final_score=None if final is None else D(final),
                ),
            )
        )
    return made


def _outcomes(p: Policy, passed: bool) -> list[tr.Outcome]:
    found: list[tr.Outcome] = []
    for rule in p.of_type(PeriodScheme):
        if rule.start is None:
            found.append(tr.Outcome(rule.id, date(2004, 1, 1), passed, "county list"))
        elif rule.id == "J2.school_years":
            found.append(tr.Outcome(rule.id, date(2012, 9, 1), passed, "2014-12-15 list"))
    return found


_ASSESSMENTS = (
    None,
    tr.Assessment(
        sittings=(tr.ExamSitting(tr.SittingKind.FORMAL, date(2009, 10, 1), D(75)),),
        written_work=tr.WrittenWork(5000, 2, 1000, True),
    ),
    tr.Assessment(
        sittings=(tr.ExamSitting(tr.SittingKind.FORMAL, date(2009, 10, 1), D(50)),),
        written_work=tr.WrittenWork(100, 0, 10, False),
        unexcused_absence=True,
    ),
    tr.Assessment(
        sittings=(
            tr.ExamSitting(tr.SittingKind.FORMAL, date(2009, 10, 1), D(50)),
            tr.ExamSitting(tr.SittingKind.MAKEUP, date(2009, 11, 1), D(75)),
        ),
        written_work=tr.WrittenWork(5000, 2, 1000, True),
    ),
    tr.Assessment(
        sittings=(
            tr.ExamSitting(tr.SittingKind.FORMAL, date(2009, 10, 1), D(50)),
            tr.ExamSitting(tr.SittingKind.MAKEUP, date(2009, 11, 1), D(40)),
        ),
    ),
    tr.Assessment(
        sittings=(
            tr.ExamSitting(tr.SittingKind.FORMAL, date(2009, 10, 1), None),
            tr.ExamSitting(tr.SittingKind.MAKEUP, date(2009, 11, 1), None),
        ),
    ),
)

NOT_REACHED = frozenset(
    {
        # No catalogue or fixture policy has a requirement without a figure for a title
        # since F2.no_title gives teachers without a title the junior figures.
        "hours.no_figure",
        # The fixture's registration windows are open-ended from 2021, as are its years:
        # a decided year always lies in a window.
        "decision.no_window",
        # Courses whose prerequisites are not reported: the sweep's courses report them.
        "course.hours_not_reported",
        "course.homework_not_reported",
    }
)
"""Message codes the sweep may leave unreached, and why (generated cases may reach them)."""


@functools.cache
def sweep() -> frozenset[str]:
    """Evaluate every policy and variant on the hand-built inputs; the codes seen."""
    codes: set[str] = set()
    checked: set[tuple[object, ...]] = set()
    for p in POLICIES:
        made = _records(p)
        # assessments only where the policy assesses; outcomes only where it takes them
        assessed = any(
            isinstance(rule, ExamRule | WrittenWorkRule | AttendanceRule) for rule in p.rules
        )
        assessments = _ASSESSMENTS if assessed else (None,)
        recorded = [_outcomes(p, passed=False), _outcomes(p, passed=True)]
        outcome_sets = [[], *recorded] if recorded[0] else [[]]
        for who in _teachers():
            for as_of in AS_OF:
                for assessment in assessments:
                    for outcomes in outcome_sets:
                        ev = tr.evaluate(
                            p, who, made, as_of, assessment=assessment, outcomes=outcomes
                        )
                        codes |= check(ev, user_data(made, outcomes, who), checked)
                # and without records: exemptions, pending decisions, nothing refunded
                ev = tr.evaluate(p, who, [], as_of)
                codes |= check(ev, user_data([], [], who), checked)
    return frozenset(codes)


def test_no_internal_identifier_in_any_message_of_any_policy_or_variant():
    # every finding of the sweep is checked inside sweep(); here: it reached every code
    missed = set(_messages.TEMPLATES) - sweep()
    assert missed <= NOT_REACHED, sorted(missed - NOT_REACHED)


def test_the_sweep_reaches_every_exclusion_reason():
    codes = sweep()
    for reason in tr.Exclusion:
        assert f"record.{reason.value}" in codes, reason


@pytest.mark.parametrize(
    "code",
    [
        "remedial.out_of_scope",
        "remedial.refund",
        "remedial.required",
        "remedial.not_required",
        "decision.ineligible",
        "decision.deferred",
        "decision.considered",
        "decision.expired",
        "decision.pending",
        "decision.eligible",
        "fee.due",
        "fee.not_stated",
    ],
)
def test_the_sweep_reaches_remedial_training_refunds_and_decisions(code):
    assert code in sweep()


def test_the_checker_has_the_policy_names_to_look_for():
    # Sanity: the identifiers include what the brief names.
    names = identifiers(policy.get("jx-2014"))
    assert {"full_staff_remote", "J2+J4.remedial", "J2.school_years", "J2.age"} <= names
    assert {"verified", "in_year", "ruled_out", "re_registration"} <= ENUM_VALUES
    assert "degree_study" in identifiers(policy.get("nm-hohhot-2006"))


# --- generated cases --------------------------------------------------------------------


@settings(max_examples=150)
@given(evaluation_cases(catalogue_policies()))
def test_generated_cases_of_catalogue_policies_leak_no_identifier(case):
    ev = case.run()
    check(ev, user_data(case.records, case.outcomes, case.teacher))


@settings(max_examples=100)
@given(evaluation_cases())
def test_generated_policies_leak_no_identifier(case):
    # A generated policy's labels are random text ("0a"): they are its author's words,
    # like the caller's data; its ids, buckets and codes are still looked for.
    ev = case.run()
    labels = frozenset(t for text in _labels(case.policy) for t in (text.zh, text.en))
    check(ev, user_data(case.records, case.outcomes, case.teacher) | labels)


# --- a few messages as teachers read them ------------------------------------------------


def test_remedial_out_of_scope_states_the_bound_it_applies():
    # 赣教师字〔2014〕36号 三.1: "当年男满55周岁、女满53周岁以下". A woman aged 54 in 2014
    # is outside "女53周岁以下（含53周岁）"; under the strict variant the scope reads 不满.
    woman = tr.Teacher(id="T", birth_date=date(1960, 5, 1), sex=tr.Sex.FEMALE)
    failed = [tr.Outcome("J2.school_years", date(2012, 9, 1), False, "list")]
    for policy_id, zh, en in (
        ("jx-2014", "女53周岁以下（含53周岁）", "women aged 53 or under"),
        ("jx-2014~J2.bound", "女不满53周岁", "women under 53"),
    ):
        (rem,) = tr.evaluate(
            policy.get(policy_id), woman, [], date(2015, 1, 1), outcomes=failed
        ).remedial
        (why,) = [f for f in rem.findings if f.code == "remedial.out_of_scope"]
        assert f"2014年满54周岁，不在补训范围（补训对象为{zh}的教师）" in why.zh
        assert f"aged 54 in 2014: outside the remedial scope ({en})" in why.en


def test_accepted_credit_states_are_named_in_each_language():
    # X1: "登记、审核与验证"; before, the English message named the accepted state in
    # Chinese ("only 已验证 credits count").
    p = policy.get("jx-2019~X1.verified")
    record = tr.TrainingRecord(
        id="R1",
        hours=D(10),
        completed_on=date(2019, 6, 1),
        category="remote",
        credit_state=tr.CreditState.REGISTERED,
    )
    who = tr.Teacher(id="T", birth_date=date(1970, 1, 1), sex=tr.Sex.MALE)
    (entry,) = tr.evaluate(p, who, [record], date(2019, 12, 31)).ledger
    assert entry.finding.zh == "记录R1的学分状态为已登记，只认可已审核、已验证的学分，不计"
    assert (
        entry.finding.en
        == "record R1: its credit is registered; only reviewed or verified credits count"
    )


def test_dates_in_chinese_messages_are_written_in_chinese():
    p = policy.get("cn-2011")
    who = tr.Teacher(id="T", birth_date=date(1970, 1, 1), sex=tr.Sex.MALE)
    late = tr.TrainingRecord(id="R1", hours=D(10), completed_on=date(2016, 3, 1), category="x")
    (entry,) = tr.evaluate(p, who, [late], date(2016, 1, 31)).ledger
    assert entry.finding.zh == "记录R1完成于2016年3月1日，晚于评估日2016年1月31日，不计"
    assert entry.finding.en == (
        "record R1 was completed on 2016-03-01, after the evaluation date 2016-01-31; not counted"
    )


# --- rendering ----------------------------------------------------------------------------


def _format_map(code: str, values: dict[str, object]) -> tuple[str, str]:
    """The reference ``render`` is compiled from: ``str.format_map`` of both templates."""
    zh, en = _messages.TEMPLATES[code]
    return (
        zh.format_map({k: getattr(v, "zh", v) for k, v in values.items()}),
        en.format_map({k: getattr(v, "en", v) for k, v in values.items()}),
    )


_AWKWARD = [
    "",
    "{x}",
    "}{",
    "a'b\"c\\d",
    "换行\n",
    7,
    Decimal("-0.50"),
    _messages.Words("中{文}", "en{0}"),
    _messages.Words("", ""),
]


@pytest.mark.parametrize("code", sorted(_messages.TEMPLATES))
def test_every_template_renders_as_format_map_renders_it(code):
    fields = sorted(
        {
            name
            for template in _messages.TEMPLATES[code]
            for name in re.findall(r"(?<!\{)\{(\w+)\}", template)
        }
    )
    for shift in range(len(_AWKWARD)):
        values = {name: _AWKWARD[(shift + i) % len(_AWKWARD)] for i, name in enumerate(fields)}
        values["unused"] = "ignored, as format_map ignores it"
        assert _messages.render(code, values) == _format_map(code, values)
