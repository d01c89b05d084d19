"""Hohhot (Inner Mongolia) 2006: remote non-degree training plan.

References:
    * 《呼和浩特市依托全国中小学教师继续教育网开展远程中小学教师非学历培训工作实施规划》
      (2006), ``trainingrules/policy/sources/nm-hohhot-2006-remote-training-plan.txt``.

Checked with:
    The rule index, ``docs/rules.md``: H1-H7.

Interpretations:
    * ``H1.service``: the text states the figure for every teacher and nothing on a
      teacher hired, retired or on long leave inside a period; the figure is
      prorated by days in service, rounded up to a whole hour. Alternative: the
      whole figure for everybody (``policy.get("nm-hohhot-2006~H1.service")``).
    * ``H2.years``: "2006—2008三年间，每年远程培训学时应不少于48学时" is read as calendar
      years 2006, 2007 and 2008. The plan's own schedule runs in training years (the
      first ends by 2007-08-30, 四.4); the alternative counts school years 2006-07,
      2007-08 and 2008-09.
    * ``H6.pass``: "总成绩及格以上" gives no number; 60 of 100 (the national convention),
      with the total compared exactly as computed (the text states no rounding).
      Alternative: totals rounded half-up to whole points before the comparison.
    * Records of category ``remote`` are remote training; every other recorded
      in-service non-degree training counts toward the 240 hours only.

Limitations:
    * H3: the validity of an enrolment (学籍) for one training cycle is platform
      administration, not a training requirement.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from trainingrules.policy._common import service_by_days
from trainingrules.policy._rules import (
    BudgetShare,
    ByTitle,
    Citation,
    CountRule,
    CourseGrading,
    Document,
    HoursRequirement,
    Interpretation,
    Limitation,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)
from trainingrules.scoring import Rounding

__all__ = ["POLICY"]

PLAN = Document(
    number="呼和浩特市远程中小学教师非学历培训工作实施规划（2006）",
    title="呼和浩特市依托全国中小学教师继续教育网开展远程中小学教师非学历培训工作实施规划",
    issuer="呼和浩特市教育局",
    source="nm-hohhot-2006-remote-training-plan.txt",
)
_WINDOW = Citation(
    PLAN.number, "二", "在2004-2008年五年间，每一名教师要接受不少于240学时的在职非学历培训"
)
_YEARLY = Citation(
    PLAN.number,
    "二",
    "为保障本市中小学教师在2008年底前完成规定的学时，2006—2008三年间，每年远程培训学时应不少于48学时",
)
_COURSE = Citation(
    PLAN.number,
    "三.2, 三.3, 三.5",
    "只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的课程结业考核……把学员平时考核成绩"
    "与结业考核成绩分别按60%与40%比例折合后作为本课程总成绩，总成绩及格以上者可以获得本课程的培训学时、学分",
)

WINDOW = PeriodScheme(
    id="H1.window",
    citation=_WINDOW,
    label=Text("2004—2008年五年间", "five years 2004-2008"),
    start=date(2004, 1, 1),
    years=5,
    count=1,
)
YEARS = PeriodScheme(
    id="H2.years",
    citation=_YEARLY,
    label=Text("每年远程培训", "each year's remote training"),
    start=date(2006, 1, 1),
    years=1,
    count=3,
)
GRADING = CourseGrading(
    id="H4+H5+H6.course",
    citation=_COURSE,
    weights=(Decimal("0.6"), Decimal("0.4")),
    pass_mark=Decimal(60),
)

SERVICE, SERVICE_NOTE = service_by_days(
    "H1.service",
    _WINDOW,
    "每位教师…不少于240学时 (二) and 48 remote hours each year — nothing on a teacher in "
    "service for only part of the window or a year.",
)

POLICY = Policy(
    id="nm-hohhot-2006",
    title=Text(
        "呼和浩特市远程中小学教师非学历培训实施规划（2006）",
        "Hohhot remote non-degree teacher training plan, 2006",
    ),
    region="150100",
    effective_from=date(2006, 1, 1),
    effective_to=date(2008, 12, 31),
    documents=(PLAN,),
    rules=(
        WINDOW,
        YEARS,
        CountRule(
            id="H2.remote",
            citation=_YEARLY,
            selector=Selector(categories=frozenset({"remote"})),
            bucket="remote",
        ),
        CountRule(id="H1.in_service", citation=_WINDOW, selector=Selector(), bucket="in_service"),
        HoursRequirement(
            id="H1.hours",
            citation=_WINDOW,
            label=Text("在职非学历培训", "in-service non-degree training"),
            scheme=WINDOW.id,
            minimum=ByTitle.same(Decimal(240)),
        ),
        HoursRequirement(
            id="H2.remote_hours",
            citation=_YEARLY,
            label=Text("远程培训", "remote training"),
            scheme=YEARS.id,
            minimum=ByTitle.same(Decimal(48)),
            buckets=frozenset({"remote"}),
        ),
        GRADING,
        BudgetShare(
            id="H7.budget",
            citation=Citation(
                PLAN.number,
                "五.4",
                "学校投入可参照国家财政部和教育部联合签发的《农村中小学公用经费支出管理暂行办法》"
                "（财教[2006]5号）第三条规定：教师培训费按照学校年度公用经费预算总额的5%安排，"
                "并予以保证",
            ),
            share=Decimal("0.05"),
        ),
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="H2.years",
            text_says="2006—2008三年间，每年远程培训学时应不少于48学时; the plan's training "
            "years end in August (四.4).",
            reading="Calendar years 2006, 2007 and 2008.",
            alternative="School years 2006-07, 2007-08 and 2008-09 (1 September - 31 August).",
            rules=(YEARS.id,),
            alternative_rules=(attrs.evolve(YEARS, start=date(2006, 9, 1)),),
        ),
        Interpretation(
            id="H6.pass",
            text_says="总成绩及格以上 — 'a pass or above', with no number and no rounding.",
            reading="A total of at least 60 of 100, compared exactly as computed.",
            alternative="A total of at least 60 after rounding half-up to whole points.",
            rules=(GRADING.id,),
            alternative_rules=(
                attrs.evolve(GRADING, rounding=Rounding(Decimal(1), "ROUND_HALF_UP")),
            ),
        ),
        SERVICE_NOTE,
    ),
    limitations=(
        Limitation(
            ids=("H3",),
            what="The validity of an enrolment (学籍) for one training cycle (三.1).",
            why="Platform administration; no training requirement follows from it.",
        ),
    ),
)
