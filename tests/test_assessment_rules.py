"""Course grading as policy data: prerequisites, weights, rounding (H4-H6 and a fictional rule).

The fictional county rule below is a test fixture, not a real text:

某县教师网络研修课程考核办法（测试用，虚构）

第三条 教师每年参加网络研修不少于10学时。课程考核合格者，计入该课程学时。
第五条 课程总成绩由平时成绩和考试成绩两部分组成，平时成绩占40%，考试成绩占60%；
总成绩四舍五入保留一位小数，60分以上为合格。

It states no prerequisite for the exam: a 90/90 course passes whatever the homework.
"""

from __future__ import annotations

import contextlib
from datetime import date
from decimal import Decimal

import attrs
import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.errors import PolicyDataError
from trainingrules.policy import (
    ByTitle,
    Citation,
    CountRule,
    CourseGrading,
    Document,
    HoursRequirement,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)
from trainingrules.scoring import Prerequisite, Rounding

D = Decimal
DOC = Document(
    number="某县教师〔2021〕5号", title="某县教师网络研修课程考核办法", issuer="某县教育局"
)
ART5 = Citation(
    DOC.number,
    "第五条",
    "平时成绩占40%，考试成绩占60%；总成绩四舍五入保留一位小数，60分以上为合格",
)
ART3 = Citation(DOC.number, "第三条", "教师每年参加网络研修不少于10学时")
COUNTY_GRADING = CourseGrading(
    id="C5.course",
    citation=ART5,
    weights=(D("0.4"), D("0.6")),  # (平时成绩 40 %, 考试成绩 60 %)
    pass_mark=D(60),  # 60分以上 (以上 includes 60)
    rounding=Rounding(D("0.1"), "ROUND_HALF_UP"),  # 四舍五入保留一位小数
)
YEAR = PeriodScheme(
    id="C3.year",
    citation=ART3,
    label=Text("年度", "year"),
    start=date(2021, 1, 1),
    years=1,
    count=1,
)
COUNTY = Policy(
    id="test-county-2021",
    title=Text("某县课程考核（虚构）", "a county's course assessment (fictional)"),
    region="360000",
    effective_from=date(2021, 1, 1),
    effective_to=date(2021, 12, 31),
    documents=(DOC,),
    rules=(
        YEAR,
        CountRule(id="C3.online", citation=ART3, selector=Selector(), bucket="online"),
        HoursRequirement(
            id="C3.hours",
            citation=ART3,
            label=Text("网络研修", "online training"),
            scheme=YEAR.id,
            minimum=ByTitle.same(D(10)),
        ),
        COUNTY_GRADING,
    ),
)
TEACHER = tr.Teacher(id="T-C", birth_date=date(1980, 1, 1), sex=tr.Sex.MALE)
H4_QUOTE = "学员只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的课程结业考核"


def grading_of(p: Policy, rule_id: str) -> CourseGrading:
    """The course grading ``rule_id`` of ``p``."""
    rule = p.rule(rule_id)
    assert isinstance(rule, CourseGrading), rule
    return rule


@contextlib.contextmanager
def raises(path, code):
    """Expect a PolicyDataError with exactly this ``path`` and ``code``."""
    with pytest.raises(PolicyDataError) as caught:
        yield caught
    assert (caught.value.path, caught.value.code) == (path, code), str(caught.value)


def graded(course, grading_policy=COUNTY):
    record = tr.TrainingRecord(
        id="K1", hours=D(10), completed_on=date(2021, 5, 1), category="online", course=course
    )
    ev = tr.evaluate(grading_policy, TEACHER, [record], as_of=date(2022, 1, 1))
    (outcome,) = ev.courses
    (entry,) = ev.ledger
    return outcome, entry, ev


# --- the fictional 40 / 60 rule (第五条) -------------------------------------------------


def test_county_90_90_passes_without_any_prerequisite_reported():
    # 第五条: 0.4 × 90 + 0.6 × 90 = 36 + 54 = 90.0 ≥ 60. The rule states no
    # prerequisite, so nothing about hours or homework is needed (none reported).
    outcome, entry, ev = graded(tr.CourseResult(coursework_score=D(90), final_score=D(90)))
    assert outcome.may_sit_final
    assert outcome.composite == D("90.0")
    assert outcome.passed
    assert entry.counted
    assert [f.code for f in outcome.findings] == ["course.may_sit_final", "course.passed"]
    sit = outcome.findings[0]
    assert sit.zh == "记录K1：本政策未规定结业考核的前提条件，可申请结业考核"
    assert sit.en == "record K1: the policy states no prerequisite for the final; may sit the final"
    assert sit.citation == ART5
    (decision,) = [d for d in ev.eligibility if d.kind == "sit_final"]
    assert decision.outcome is tr.DecisionOutcome.ELIGIBLE


def test_county_ignores_a_failed_homework_it_does_not_require():
    # Before: grade_course always applied Hohhot's H4, so this course failed on
    # course.homework_failed under any policy. 第五条 states no such prerequisite.
    course = tr.CourseResult(
        hours_required=D(20),
        hours_completed=D(5),
        homework_passed=False,
        coursework_score=D(90),
        final_score=D(90),
    )
    outcome, entry, _ = graded(course)
    assert outcome.passed
    assert entry.counted


@pytest.mark.parametrize(
    ("coursework", "exam", "exact", "rounded", "passes"),
    [
        # 0.4 × 59.95 + 0.6 × 59.95 = 59.95 → 60.0 (四舍五入 to one decimal) → 合格
        ("59.95", "59.95", "59.95", "60.0", True),
        # 0.4 × 59.949 + 0.6 × 59.949 = 59.949 → 59.9 → 不合格
        ("59.949", "59.949", "59.949", "59.9", False),
        # 0.4 × 59.5 + 0.6 × 60.3 = 23.8 + 36.18 = 59.98 → 60.0 → 合格
        ("59.5", "60.3", "59.98", "60.0", True),
        # 0.4 × 59.9 + 0.6 × 59.95 = 23.96 + 35.97 = 59.93 → 59.9 → 不合格
        ("59.9", "59.95", "59.93", "59.9", False),
        # 0.4 × 100 + 0.6 × 33.34 = 40 + 20.004 = 60.004 → 60.0 → 合格
        ("100", "33.34", "60.004", "60.0", True),
        # 0.4 × 100 + 0.6 × 33.25 = 40 + 19.95 = 59.95 → 60.0 → 合格
        ("100", "33.25", "59.95", "60.0", True),
        # 0.4 × 100 + 0.6 × 33.24 = 40 + 19.944 = 59.944 → 59.9 → 不合格
        ("100", "33.24", "59.944", "59.9", False),
    ],
)
def test_county_boundaries_with_the_stated_rounding(coursework, exam, exact, rounded, passes):
    # 第五条: "平时成绩占40%，考试成绩占60%；总成绩四舍五入保留一位小数，60分以上为合格".
    c, e = D(coursework), D(exam)
    assert D("0.4") * c + D("0.6") * e == D(exact)
    outcome, entry, _ = graded(tr.CourseResult(coursework_score=c, final_score=e))
    assert outcome.composite == D(rounded)
    assert outcome.passed is passes
    assert entry.counted is passes
    if not passes:
        assert [f.code for f in outcome.findings] == [
            "course.may_sit_final",
            "course.below_pass_mark",
        ]


def test_the_weights_are_coursework_then_exam():
    # 平时成绩占40%: weights[0] is the coursework. 100 coursework and 0 exam make 40.0;
    # swapping the weights would make 60.0 and pass.
    outcome, _, _ = graded(tr.CourseResult(coursework_score=D(100), final_score=D(0)))
    assert outcome.composite == D("40.0")
    assert not outcome.passed
    swapped = attrs.evolve(
        COUNTY,
        rules=(*COUNTY.rules[:-1], attrs.evolve(COUNTY_GRADING, weights=(D("0.6"), D("0.4")))),
    )
    outcome, _, _ = graded(tr.CourseResult(coursework_score=D(100), final_score=D(0)), swapped)
    assert outcome.composite == D("60.0")
    assert outcome.passed


# --- prerequisites as data -----------------------------------------------------------------


def test_prerequisites_default_to_none():
    assert COUNTY_GRADING.prerequisites == frozenset()
    assert COUNTY_GRADING.prerequisites_citation is None
    assert COUNTY_GRADING.prerequisites_cited == ART5


def test_prerequisites_are_converted_and_checked():
    made = attrs.evolve(
        COUNTY_GRADING,
        prerequisites=["homework_passed", "homework_passed"],  # type: ignore[arg-type]  # converted
    )
    assert made.prerequisites == frozenset({Prerequisite.HOMEWORK_PASSED})
    with raises("prerequisites[0]", "policy.choice"):
        attrs.evolve(COUNTY_GRADING, prerequisites=["attendance"])  # type: ignore[arg-type]  # refused
    with raises("prerequisites", "policy.type"):
        attrs.evolve(COUNTY_GRADING, prerequisites="homework_passed")  # type: ignore[arg-type]  # refused


def test_a_prerequisites_clause_needs_prerequisites():
    with raises("prerequisites_citation", "policy.prerequisites"):
        attrs.evolve(COUNTY_GRADING, prerequisites_citation=ART5)
    with raises("prerequisites_citation", "policy.type"):
        attrs.evolve(
            COUNTY_GRADING,
            prerequisites=frozenset({Prerequisite.HOMEWORK_PASSED}),
            prerequisites_citation="x",  # type: ignore[arg-type]  # refused
        )


def test_hohhot_states_both_prerequisites_citing_h4():
    # 规划 三.2 (H4): "学员只有对某门课程修满规定的学时和作业成绩合格，
    # 才有资格申请参加相应的课程结业考核".
    grading = grading_of(policy.get("nm-hohhot-2006"), "H4+H5+H6.course")
    assert grading.prerequisites == frozenset(
        {Prerequisite.REQUIRED_HOURS, Prerequisite.HOMEWORK_PASSED}
    )
    assert grading.prerequisites_citation is not None
    assert grading.prerequisites_citation.clause == "三.2"
    assert grading.prerequisites_citation.quote == H4_QUOTE
    assert grading.weights == (D("0.6"), D("0.4"))  # 三.5: 平时 60 %, 结业 40 %


def _grading_index(data):
    return next(i for i, rule in enumerate(data["rules"]) if rule["kind"] == "course_grading")


def test_prerequisites_round_trip():
    hohhot = policy.get("nm-hohhot-2006")
    data = policy.to_dict(hohhot)
    rule = data["rules"][_grading_index(data)]
    assert rule["prerequisites"] == ["homework_passed", "required_hours"]
    assert rule["prerequisites_citation"]["clause"] == "三.2"
    assert policy.from_dict(data) == hohhot
    county = policy.from_dict(policy.to_dict(COUNTY))
    assert county == COUNTY
    assert grading_of(county, "C5.course").prerequisites == frozenset()


def test_from_dict_without_the_keys_states_no_prerequisites():
    data = policy.to_dict(COUNTY)
    rule = data["rules"][_grading_index(data)]
    del rule["prerequisites"], rule["prerequisites_citation"]
    assert grading_of(policy.from_dict(data), "C5.course").prerequisites == frozenset()


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"prerequisites": ["homework"]}, "prerequisites[0]", "policy.choice"),
        ({"prerequisites": "required_hours"}, "prerequisites", "policy.type"),
        (
            {
                "prerequisites": [],
                "prerequisites_citation": {"document": DOC.number, "clause": "第五条", "quote": ""},
            },
            "prerequisites_citation",
            "policy.prerequisites",
        ),
    ],
)
def test_from_dict_checks_prerequisites(changes, field, code):
    data = policy.to_dict(COUNTY)
    i = _grading_index(data)
    data["rules"][i].update(changes)
    with raises(f"rules[{i}].{field}", code):
        policy.from_dict(data)


# --- unreported prerequisites under Hohhot (H4) --------------------------------------------


def test_hohhot_unreported_prerequisites_bar_the_final_with_cited_findings():
    # 规划 三.2 (H4) "只有…才有资格": a final counts only after the hours and a passed
    # homework are established. Not reported: not established, so the 90/90 final
    # does not count until they are reported (0.6 × 90 + 0.4 × 90 = 90 would pass).
    hohhot = policy.get("nm-hohhot-2006")
    teacher = tr.Teacher(id="T-H", birth_date=date(1970, 1, 1), sex=tr.Sex.FEMALE)
    record = tr.TrainingRecord(
        id="C1",
        hours=D(20),
        completed_on=date(2006, 6, 1),
        category="remote",
        course=tr.CourseResult(coursework_score=D(90), final_score=D(90)),
    )
    ev = tr.evaluate(hohhot, teacher, [record], as_of=date(2009, 1, 1))
    (outcome,) = ev.courses
    assert not outcome.may_sit_final
    assert not outcome.passed
    codes = [f.code for f in outcome.findings]
    assert codes == ["course.hours_not_reported", "course.homework_not_reported"]
    for finding in outcome.findings:
        assert finding.citation is not None
        assert finding.citation.clause == "三.2"
        assert finding.citation.quote == H4_QUOTE
        assert "报告前不能申请结业考核" in finding.zh
        assert "until" in finding.en
    (entry,) = ev.ledger
    assert entry.reason == "course_not_passed"
