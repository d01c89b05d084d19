"""Weinan (Shaanxi) 2019: 渭教师〔2019〕6号 (Weinan Education Bureau, 2019-03-20).

References:
    * 渭南市教育局《关于加强教师培训体系建设的意见》(渭教师〔2019〕6号),
      ``trainingrules/policy/sources/sn-weinan-2019-wei-jiaoshi-2019-6.txt`` (the city's name,
      replaced by spam in the scraped page, restored to 渭南市).

Checked with:
    The rule index, ``docs/rules.md``: W1-W4.

Interpretations:
    * ``W1.service``: the text states the figure for every teacher and nothing on a
      teacher hired, retired or on long leave inside a period; the figure is
      prorated by days in service, rounded up to a whole hour. Alternative: the
      whole figure for everybody (``policy.get("sn-weinan-2019~W1.service")``).
    * ``W1.cycle``: the five-year, 360-hour cycle is audited but its years are not
      stated; the national cycles counted from 2011 are used (2016-2020 in 2019).
      Alternative: school-year cycles from 1 September 2011.
    * ``W1.linked``: "挂钩" (tied to) is read as a bar: a failed cycle denies the annual
      assessment, grade advancement and title promotion until a later cycle is passed.
      Alternative: a factor weighed, not a bar — reported, the decisions stay eligible
      (``policy.get("sn-weinan-2019~W1.linked")``).

Limitations:
    * W3: the three tiers of training by need are planning guidance, not requirements.
    * W4: the levels of provision (city, county, school) describe who organises what;
      records carry their provider level, but the text sets no counting rule on it.
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
    Consequence,
    CountRule,
    DecisionKind,
    DecisionOutcome,
    Document,
    HoursRequirement,
    Interpretation,
    Limitation,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)

__all__ = ["POLICY"]

OPINION = Document(
    number="渭教师〔2019〕6号",
    title="渭南市教育局关于加强教师培训体系建设的意见",
    issuer="渭南市教育局",
    issued=date(2019, 3, 20),
    source="sn-weinan-2019-wei-jiaoshi-2019-6.txt",
)
_AUDIT = Citation(
    OPINION.number,
    "五.(一)",
    "加强教师五年一周期360学时培训任务完成情况的审核管理……将培训学习任务完成情况与教师考核、晋级、"
    "职务晋升挂钩",
)

CYCLE = PeriodScheme(
    id="W1.cycle",
    citation=_AUDIT,
    label=Text("五年培训周期", "five-year training cycle"),
    start=date(2011, 1, 1),
    years=5,
)

LINKED = Consequence(
    id="W1.linked",
    citation=_AUDIT,
    trigger=CYCLE.id,
    denies=frozenset(
        {
            DecisionKind.ANNUAL_ASSESSMENT,
            DecisionKind.PROMOTION,
            DecisionKind.TITLE_APPOINTMENT,
        }
    ),
)

SERVICE, SERVICE_NOTE = service_by_days(
    "W1.service",
    _AUDIT,
    "五年一周期360学时 (五.一) — nothing on a teacher in service for only part of a cycle.",
)

POLICY = Policy(
    id="sn-weinan-2019",
    title=Text(
        "渭南市加强教师培训体系建设（渭教师〔2019〕6号）", "Weinan teacher training system, 2019"
    ),
    region="610500",
    effective_from=date(2019, 3, 20),
    effective_to=None,
    documents=(OPINION,),
    rules=(
        CYCLE,
        CountRule(id="W1.training", citation=_AUDIT, selector=Selector(), bucket="training"),
        HoursRequirement(
            id="W1.hours",
            citation=_AUDIT,
            label=Text("教师培训", "teacher training"),
            scheme=CYCLE.id,
            minimum=ByTitle.same(Decimal(360)),
        ),
        LINKED,
        BudgetShare(
            id="W2.budget",
            citation=Citation(
                OPINION.number, "五.(二)", "落实年度公用经费预算总额5%安排教师培训经费"
            ),
            share=Decimal("0.05"),
        ),
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="W1.cycle",
            text_says="五年一周期360学时 — the years of the cycle are not stated.",
            reading="National cycles counted from 1 January 2011 (2016-2020 is current in 2019).",
            alternative="School-year cycles from 1 September 2011.",
            rules=("W1.cycle",),
            alternative_rules=(attrs.evolve(CYCLE, start=date(2011, 9, 1)),),
        ),
        Interpretation(
            id="W1.linked",
            text_says="将培训学习任务完成情况与教师考核、晋级、职务晋升挂钩 — 'tied to'; the "
            "text does not say whether an incomplete cycle bars these decisions or weighs in "
            "them.",
            reading="A bar: a failed cycle denies the annual assessment, grade advancement and "
            "title promotion until a later cycle is passed.",
            alternative="A factor weighed, not a bar: the failed cycle is reported in each "
            "decision (decision.considered) and the decisions stay eligible; how much it "
            "weighs is not stated.",
            rules=(LINKED.id,),
            alternative_rules=(attrs.evolve(LINKED, outcome=DecisionOutcome.ELIGIBLE),),
        ),
        SERVICE_NOTE,
    ),
    limitations=(
        Limitation(
            ids=("W3",),
            what="The three tiers of training (rural capability, ordinary improvement, "
            "excellent research) of 四.(三).",
            why="They guide how counties plan training; no teacher-level requirement follows.",
        ),
        Limitation(
            ids=("W4",),
            what="The levels of provision (city, county, school) of 二.(三).",
            why="They assign organising duties; the text counts hours of every level alike. "
            "Records keep their provider level for reporting.",
        ),
    ),
)
