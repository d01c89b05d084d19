"""National baseline: 教师〔2011〕1号 (Ministry of Education, 2011).

References:
    * 教育部《关于大力加强中小学教师培训工作的意见》(教师〔2011〕1号), as quoted in
      赣教师字〔2014〕36号 part 一
      (``trainingrules/policy/sources/jx-2014-gan-jiaoshizi-2014-36.txt``); the text
      of the national document itself is not in the sources.

Checked with:
    The rule index, ``docs/rules.md``: N1, N2.

Interpretations:
    * ``N1.service``: the text states the figure for every teacher and nothing on a
      teacher hired, retired or on long leave inside a period; the figure is
      prorated by days in service, rounded up to a whole hour. Alternative: the
      whole figure for everybody (``policy.get("cn-2011~N1.service")``).
    * ``N1.cycle``: the quote does not say when a cycle starts; the first cycle is the
      national 十二五 period, calendar years 2011-2015, and later cycles follow every five
      years. Alternative: cycles of school years from 1 September 2011.
    * ``N2.lasts``: "必备条件" does not say how long a failed cycle counts; it bars the
      three decisions until a later cycle is passed (the latest decided cycle governs).
      Alternative: only in the year after the failed cycle ends
      (``policy.get("cn-2011~N2.lasts")``).

Limitations:
    The full text of 教师〔2011〕1号 is not in the sources; only what the Jiangxi notice
    quotes is encoded. N2 names the hours *and* the training assessment (培训考核情况) as
    necessary conditions; the quote states no assessment rule, so only the hours are
    evaluated.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from trainingrules.policy._common import service_by_days
from trainingrules.policy._rules import (
    ByTitle,
    Citation,
    Consequence,
    CountRule,
    DecisionKind,
    Document,
    Duration,
    HoursRequirement,
    Interpretation,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)

__all__ = ["POLICY"]

NATIONAL = Document(
    number="教师〔2011〕1号",
    title="教育部关于大力加强中小学教师培训工作的意见",
    issuer="教育部",
    source="jx-2014-gan-jiaoshizi-2014-36.txt",
)
_QUOTED = "quoted in 赣教师字〔2014〕36号 一"

CYCLE = PeriodScheme(
    id="N1.cycle",
    citation=Citation(
        NATIONAL.number, _QUOTED, "对教师进行五年一周期的每人不少于360学时的全员培训"
    ),
    label=Text("五年培训周期", "five-year training cycle"),
    start=date(2011, 1, 1),
    years=5,
)

NECESSARY = Consequence(
    id="N2.necessary_condition",
    citation=Citation(
        NATIONAL.number,
        _QUOTED,
        "将教师完成培训学分(学时)和培训考核情况作为教师资格再注册、教师考核和职务聘任的必备条件",
    ),
    trigger=CYCLE.id,
    denies=frozenset(
        {
            DecisionKind.RE_REGISTRATION,
            DecisionKind.ANNUAL_ASSESSMENT,
            DecisionKind.TITLE_APPOINTMENT,
        }
    ),
)

SERVICE, SERVICE_NOTE = service_by_days(
    "N1.service",
    CYCLE.citation,
    "每人不少于360学时 — a figure for every teacher; nothing on a teacher in service for "
    "only part of a cycle.",
)

POLICY = Policy(
    id="cn-2011",
    title=Text(
        "全国中小学教师五年一周期360学时全员培训（教师〔2011〕1号）",
        "National five-year, 360-hour full-staff teacher training (MOE 2011)",
    ),
    region="CN",
    effective_from=date(2011, 1, 1),
    effective_to=None,
    documents=(NATIONAL,),
    rules=(
        CYCLE,
        CountRule(
            id="N1.training",
            citation=CYCLE.citation,
            selector=Selector(),
            bucket="training",
        ),
        HoursRequirement(
            id="N1.hours",
            citation=CYCLE.citation,
            label=Text("全员培训", "full-staff training"),
            scheme=CYCLE.id,
            minimum=ByTitle.same(Decimal(360)),
        ),
        NECESSARY,
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="N1.cycle",
            text_says="五年一周期 — the quote does not say which years a cycle covers.",
            reading="The first cycle is the 十二五 period, calendar years 2011-2015; later "
            "cycles follow every five years (2016-2020, ...).",
            alternative="Cycles of school years, the first from 1 September 2011 to "
            "31 August 2016.",
            rules=("N1.cycle",),
            alternative_rules=(attrs.evolve(CYCLE, start=date(2011, 9, 1)),),
        ),
        Interpretation(
            id="N2.lasts",
            text_says="作为教师资格再注册、教师考核和职务聘任的必备条件 — a necessary condition; "
            "the quote does not say for how long a failed cycle counts against the teacher.",
            reading="Until a later cycle is passed: a failed cycle (2011-2015) bars the three "
            "decisions while the next cycle (2016-2020) is under way, until a later cycle is "
            "passed (the latest decided cycle governs).",
            alternative="Only the decisions taken on the failed cycle's result, in the year "
            "after it ends (2016): from 2017, while 2016-2020 is open, it bars nothing. The "
            "text names no such year; it is the first year of the next cycle.",
            rules=(NECESSARY.id,),
            alternative_rules=(attrs.evolve(NECESSARY, lasts=Duration.FOLLOWING_YEAR),),
        ),
        SERVICE_NOTE,
    ),
)
