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
      years 2006, 2007 and 2008, although the plan's own timetable (四) has the first
      teachers enrol at the end of 2006 and study from January 2007, so 48 remote hours
      in calendar 2006 could hardly be taken. The alternative follows the timetable's
      training years (the first ends by 2007-08-30, 四.4): school years 2006-07 and
      2007-08 (``policy.get("nm-hohhot-2006~H2.years")``); 2008-09 is not measured, since
      it would end after the plan's deadline, the end of 2008.
    * ``H2.in_lieu``: "对暂不具备远程培训条件的，可以采取传统培训、光盘教学等方式" (一): such
      training (category ``remote_in_lieu``) counts as remote training, toward the 48
      hours a year and the 240. Alternative: toward the 240 only
      (``policy.get("nm-hohhot-2006~H2.in_lieu")``).
    * ``H7.reference``: "学校投入可参照…5%" is read as a binding figure. Alternative: a
      reference figure, a recommendation (``BudgetShare.binding`` false,
      ``policy.get("nm-hohhot-2006~H7.reference")``).
    * ``H6.pass``: "总成绩及格以上" gives no number; 60 of 100 (the national convention),
      with the total compared exactly as computed (the text states no rounding).
      Alternative: totals rounded half-up to whole points before the comparison.
    * Records of category ``remote`` are remote training; every other recorded
      in-service non-degree training counts toward the 240 hours only.
    * Degree study (学历教育) is recorded with category ``degree_study`` and never counts
      (``H1.non_degree``, an ``ExcludeRule``): the 240 hours are of "在职非学历培训".

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
    ExcludeRule,
    HoursRequirement,
    Interpretation,
    Limitation,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)
from trainingrules.scoring import Prerequisite, Rounding

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
    label=Text("五年间", "five years"),
    start=date(2004, 1, 1),
    years=5,
    count=1,
)
YEARS = PeriodScheme(
    id="H2.years",
    citation=_YEARLY,
    label=Text("远程培训", "remote training"),
    start=date(2006, 1, 1),
    years=1,
    count=3,
)
_IN_LIEU = Citation(
    PLAN.number,
    "一",
    "对暂不具备远程培训条件的，可以采取传统培训、光盘教学等方式，同时要积极创造条件，克服困难，逐步开展远程培训",
)
IN_LIEU = CountRule(
    id="H2.in_lieu",
    citation=_IN_LIEU,
    selector=Selector(categories=frozenset({"remote_in_lieu"})),
    bucket="remote",
)
NON_DEGREE = ExcludeRule(
    id="H1.non_degree",
    citation=_WINDOW,
    selector=Selector(categories=frozenset({"degree_study"})),
    reason=Text(
        "学历教育不属于在职非学历培训，不计学时",
        "degree study is not in-service non-degree training and earns no hours here",
    ),
)
BUDGET = BudgetShare(
    id="H7.budget",
    citation=Citation(
        PLAN.number,
        "五.4",
        "学校投入可参照国家财政部和教育部联合签发的《农村中小学公用经费支出管理暂行办法》"
        "（财教[2006]5号）第三条规定：教师培训费按照学校年度公用经费预算总额的5%安排，"
        "并予以保证",
    ),
    share=Decimal("0.05"),
)
GRADING = CourseGrading(
    id="H4+H5+H6.course",
    citation=_COURSE,
    weights=(Decimal("0.6"), Decimal("0.4")),  # (平时考核成绩, 结业考核成绩), 三.5
    pass_mark=Decimal(60),
    prerequisites=frozenset({Prerequisite.REQUIRED_HOURS, Prerequisite.HOMEWORK_PASSED}),
    prerequisites_citation=Citation(
        PLAN.number,
        "三.2",
        "学员只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的课程结业考核",
    ),
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
        BUDGET,
        NON_DEGREE,
        IN_LIEU,
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="H2.years",
            text_says="为保障本市中小学教师在2008年底前完成规定的学时，2006—2008三年间，每年远程"
            "培训学时应不少于48学时 (二). The plan's own timetable (四) does not fit calendar "
            "2006: it is issued by 2006-11-20, the first batch (high schools and urban junior "
            "high schools) enrols and pays by the end of December 2006 and registers on the "
            "platform in January 2007; its first training year ends by 2007-08-30 (四.4), then "
            "the second begins.",
            reading="The plain words: calendar years 2006, 2007 and 2008, 48 remote hours in "
            "each. A teacher with fewer than 48 remote hours in 2006 fails 2006, although "
            "under the plan's timetable remote study could hardly begin before 2007; the "
            "variant follows the timetable instead.",
            alternative="The plan's training years as school years (1 September - 31 August): "
            "2006-07 (the first, which the plan ends by 2007-08-30, one day before the school "
            "year) and 2007-08, 48 remote hours in each. "
            "A third school year, 2008-09, would end in August 2009, after the plan's "
            "deadline (2008年底前) and its end: it is not measured, and the hours of "
            "September-December 2008 count toward the 240 hours of H1 only.",
            rules=(YEARS.id,),
            alternative_rules=(attrs.evolve(YEARS, start=date(2006, 9, 1), count=2),),
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
        Interpretation(
            id="H2.in_lieu",
            text_says="对暂不具备远程培训条件的，可以采取传统培训、光盘教学等方式 (一) — what the "
            "hours of those methods count toward is not said.",
            reading="Traditional training or CD teaching taken in place of remote training by "
            "a teacher whose school does not yet have the conditions for it (category "
            "'remote_in_lieu': the caller records the lack of conditions by the category) "
            "counts as remote training: toward the 48 hours a year (H2) and the 240 (H1).",
            alternative="It counts toward the 240 hours (H1) only; the 48 remote hours a year "
            "stay owed (同时要积极创造条件…逐步开展远程培训).",
            rules=(IN_LIEU.id,),
            alternative_rules=(attrs.evolve(IN_LIEU, bucket="in_service"),),
        ),
        Interpretation(
            id="H7.reference",
            text_says="学校投入可参照…《农村中小学公用经费支出管理暂行办法》（财教[2006]5号）第三条"
            "规定：教师培训费按照学校年度公用经费预算总额的5%安排 (五.4) — 'may refer to'.",
            reading="A binding figure: the plan adopts the 5 % of 财教〔2006〕5号 第三条 for its "
            "schools (BudgetShare.binding is True).",
            alternative="A reference figure: schools may follow the 5 % (可参照), a "
            "recommendation rather than a mandate; the figure is the same, "
            "BudgetShare.binding is False.",
            rules=(BUDGET.id,),
            alternative_rules=(attrs.evolve(BUDGET, binding=False),),
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
