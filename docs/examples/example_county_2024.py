"""A made-up county regulation, encoded as a policy: the worked example of ``docs/new-policy.md``.

**Not a real regulation and not in the catalogue.** The document, its number and its
clauses below were written for this example; the region code (330782) is a real one
only because ``find`` needs a code in use, and no policy of that county is implied.
``tests/test_new_policy_guide.py`` checks the policy against hand-worked cases.

References:
    * ``TEXT`` below: 《示例县中小学教师继续教育学时管理办法》(示例县教〔2024〕1号), made up.

Interpretations:
    * ``A3.year``: "每年" (第三条) is read as calendar years, as the cycle starts on
      1 January (第二条). Alternative: school years from 1 September 2024
      (``catalogue.get("example-county-2024~A3.year")``).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from trainingrules.policy import (
    Cap,
    CountRule,
    CourseGrading,
    Document,
    HoursRequirement,
    Interpretation,
    PeriodScheme,
    Policy,
    Selector,
    Share,
    Text,
)

__all__ = ["POLICY", "TEXT"]

TEXT = (
    "示例县中小学教师继续教育学时管理办法（示例，非真实文件）\n"
    "第二条　教师继续教育以五年为一个周期，第一个周期自2024年1月1日起至2028年12月31日止。"
    "每位教师每个周期参加继续教育不少于360学时。\n"
    "第三条　教师每年参加继续教育不少于48学时。\n"
    "第四条　校本研修学时计入周期学时，但不超过周期规定学时的三分之一。\n"
    "第五条　课程总成绩由平时成绩和考试成绩组成，平时成绩占40%，考试成绩占60%。"
    "总成绩60分以上为合格，合格者获得该课程学时。\n"
)
"""The made-up text, verbatim: every citation below quotes it."""

DOCUMENT = Document(
    number="示例县教〔2024〕1号",
    title="示例县中小学教师继续教育学时管理办法（示例，非真实文件）",
    issuer="示例县教育局（虚构）",
    issued=date(2023, 12, 1),
)

CYCLE = PeriodScheme(
    id="A2.cycle",
    citation=DOCUMENT.cite("第二条", "教师继续教育以五年为一个周期，第一个周期自2024年1月1日起"),
    label=Text("五年周期", "five-year cycle"),
    start=date(2024, 1, 1),
    years=5,
)
YEAR = PeriodScheme(
    id="A3.year",
    citation=DOCUMENT.cite("第三条", "教师每年参加继续教育不少于48学时"),
    label=Text("年度", "year"),
    start=date(2024, 1, 1),
    years=1,
)
SCHOOL_BASED = CountRule(
    id="A4.school_based",
    citation=DOCUMENT.cite("第四条", "校本研修学时计入周期学时"),
    selector=Selector(categories=frozenset({"school_based"})),
    bucket="school_based",
)
TRAINING = CountRule(  # the catch-all: any other category; the narrower rule above wins
    id="A2.training",
    citation=DOCUMENT.cite("第二条", "每位教师每个周期参加继续教育不少于360学时"),
    selector=Selector(),
    bucket="training",
)
CYCLE_HOURS = HoursRequirement(
    id="A2.hours",
    citation=DOCUMENT.cite("第二条", "每位教师每个周期参加继续教育不少于360学时"),
    label=Text("继续教育", "continuing education"),
    scheme=CYCLE.id,
    minimum=Decimal(360),
    caps=(
        Cap(
            bucket="school_based",
            citation=DOCUMENT.cite("第四条", "但不超过周期规定学时的三分之一"),
            share=Share(1, 3),
        ),
    ),
)
YEAR_HOURS = HoursRequirement(
    id="A3.hours",
    citation=YEAR.citation,
    label=Text("年度继续教育", "continuing education each year"),
    scheme=YEAR.id,
    minimum=Decimal(48),
)
COURSE = CourseGrading(
    id="A5.course",
    citation=DOCUMENT.cite(
        "第五条", "平时成绩占40%，考试成绩占60%。总成绩60分以上为合格，合格者获得该课程学时"
    ),
    weights=(Decimal("0.4"), Decimal("0.6")),  # (coursework 平时成绩, final 考试成绩)
    pass_mark=Decimal(60),  # 60分以上: 以上 includes 60 (民法典 第一千二百五十九条)
)

POLICY = Policy(
    id="example-county-2024",
    title=Text(
        "示例县中小学教师继续教育学时管理办法（示例）",
        "Example county: teachers' continuing-education hours (a made-up example)",
    ),
    region="330782",
    effective_from=date(2024, 1, 1),
    documents=(DOCUMENT,),
    rules=(CYCLE, YEAR, SCHOOL_BASED, TRAINING, CYCLE_HOURS, YEAR_HOURS, COURSE),
    interpretations=(
        Interpretation(
            id="A3.year",
            text_says="教师每年参加继续教育不少于48学时 (第三条) — 'each year', without saying "
            "calendar or school year.",
            reading="Calendar years, 1 January to 31 December, as the cycle of 第二条 starts "
            "on 1 January 2024.",
            alternative="School years, 1 September to 31 August, from 1 September 2024 "
            "(January-August 2024 then falls in no year).",
            rules=(YEAR.id,),
            alternative_rules=(attrs.evolve(YEAR, start=date(2024, 9, 1)),),
        ),
    ),
)
"""The policy: ``catalogue = policy.DEFAULT.with_policy(POLICY)`` registers it."""
