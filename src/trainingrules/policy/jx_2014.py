"""Jiangxi 2014: 赣教师字〔2014〕36号 (Jiangxi Department of Education, 2014-11-24).

References:
    * 江西省教育厅《关于进一步加强我省中小学(幼儿园)教师全员远程培训管理工作的通知》
      (赣教师字〔2014〕36号), ``trainingrules/policy/sources/jx-2014-gan-jiaoshizi-2014-36.txt``.

Checked with:
    The rule index, ``docs/rules.md``: J1-J5.

Interpretations:
    * ``J1.service``: the text states the figure for every teacher and nothing on a
      teacher hired, retired or on long leave inside a period; the figure is
      prorated by days in service, rounded up to a whole hour. Alternative: the
      whole figure for everybody (``policy.get("jx-2014~J1.service")``).
    * ``J1.cycle``: the notice adopts the national five-year, 360-hour cycle (一); as in
      ``cn-2011`` the first cycle is taken to be calendar years 2011-2015.
    * ``J1.lasts``: "必备条件" does not say how long a failed cycle counts; it bars the
      three decisions until a later cycle is passed (the latest decided cycle governs).
      Alternative: only in the year after the failed cycle ends
      (``policy.get("jx-2014~J1.lasts")``).
    * ``J2.age``: "当年男满55周岁、女满53周岁以下" is read as the age reached in calendar
      year 2014 (2014 − birth year). Alternative: completed years on 2014-12-15, the day
      the list of failures is published (三.1) (``policy.get("jx-2014~J2.age")``).
    * ``J2.bound``: 以下 includes the number (民法典 art. 1259): men of 55 and under,
      women of 53 and under are in scope — a man born in 1959 (55 in 2014) is in, one
      born in 1958 is out. Alternative: strictly under 55 / 53, as if the text said
      不满 (``policy.get("jx-2014~J2.bound")``).
    * ``J4.refund``: the remedial fees refunded in full are those paid for the remedial
      training of school year 2014-2015 (category ``remedial``), completed or still
      under way; a remedial fee of another year is not. Alternative: every remedial fee
      ever paid; not encoded.
    * ``J3.ratio``: the offsets (学分冲抵) state no ratio; one hour counts as one hour.

Limitations:
    * J2: the failures of 2012-13 and 2013-14 are on the published list, not recounted:
      pass them as ``Outcome`` inputs for scheme ``J2.school_years``.
    * J5: which programmes the department declares free is not stated, so charging a
      fee on them cannot be checked.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from trainingrules.cycles import AgeMethod, Period
from trainingrules.policy._common import service_by_days
from trainingrules.policy._rules import (
    AgeLimit,
    ByTitle,
    Citation,
    Consequence,
    CountRule,
    DecisionKind,
    Document,
    Duration,
    HoursRequirement,
    Interpretation,
    Limitation,
    Payer,
    PeriodScheme,
    Policy,
    RemedialRule,
    Selector,
    Text,
)

__all__ = ["POLICY"]

NOTICE = Document(
    number="赣教师字〔2014〕36号",
    title="关于进一步加强我省中小学(幼儿园)教师全员远程培训管理工作的通知",
    issuer="江西省教育厅",
    issued=date(2014, 11, 24),
    source="jx-2014-gan-jiaoshizi-2014-36.txt",
)
_ONE = Citation(
    NOTICE.number,
    "一",
    "对教师进行五年一周期的每人不少于360学时的全员培训，将教师完成培训学分(学时)和培训考核情况"
    "作为教师资格再注册、教师考核和职务聘任的必备条件",
)
_THREE_1 = Citation(
    NOTICE.number, "三.1", "参训对象确定为当年男满55周岁、女满53周岁以下年龄段的教师"
)
_THREE_2 = Citation(
    NOTICE.number,
    "三.2",
    "将“国培计划”远程培训、中小学教师信息技术应用能力提升工程培训等远程培训项目列入教师全员"
    "远程培训体系，并实行学分冲抵",
)
_REMEDIAL = Citation(
    NOTICE.number,
    "三.1, 三.2",
    "对2012~2013学年、2013~2014学年培训不合格教师，统一安排在2014~2015学年度补训，免收补训费用。"
    "已经收取和上缴教师补训费用的，要全额退还教师",
)

CYCLE = PeriodScheme(
    id="J1.cycle",
    citation=_ONE,
    label=Text("五年培训周期", "five-year training cycle"),
    start=date(2011, 1, 1),
    years=5,
)
SCHOOL_YEARS = PeriodScheme(
    id="J2.school_years",
    citation=_REMEDIAL,
    label=Text("全员远程培训", "full-staff remote training"),
    start=date(2012, 9, 1),
    years=1,
    count=2,
)
# "当年男满55周岁、女满53周岁以下": 以下 includes the number (民法典 art. 1259), so a
# man who reaches 55 in 2014 is in scope (interpretation J2.bound).
_AGE_LIMIT = AgeLimit(
    male=55, female=53, method=AgeMethod.IN_YEAR, reference=date(2014, 12, 31), inclusive=True
)
REMEDIAL = RemedialRule(
    id="J2+J4.remedial",
    citation=_REMEDIAL,
    trigger=SCHOOL_YEARS.id,
    payer=Payer.FREE,
    age_limit=_AGE_LIMIT,
    runs_in=Period(date(2014, 9, 1), date(2015, 9, 1)),
    refund_paid=True,
    fees_on=Selector(categories=frozenset({"remedial"})),
)

NECESSARY = Consequence(
    id="J1.necessary_condition",
    citation=_ONE,
    trigger=CYCLE.id,
    denies=frozenset(
        {
            DecisionKind.RE_REGISTRATION,
            DecisionKind.ANNUAL_ASSESSMENT,
            DecisionKind.TITLE_APPOINTMENT,
        }
    ),
)


def _offset(programme: str) -> CountRule:
    return CountRule(
        id=f"J3.{programme}",
        citation=_THREE_2,
        selector=Selector(programmes=frozenset({programme})),
        bucket="full_staff_remote",
        ratio=Decimal(1),
    )


SERVICE, SERVICE_NOTE = service_by_days(
    "J1.service",
    _ONE,
    "每人不少于360学时 (一, quoting 教师〔2011〕1号) — nothing on a teacher in service for only "
    "part of a cycle.",
)

POLICY = Policy(
    id="jx-2014",
    title=Text(
        "江西省中小学(幼儿园)教师全员远程培训管理（赣教师字〔2014〕36号）",
        "Jiangxi full-staff remote training management, 2014",
    ),
    region="360000",
    effective_from=date(2014, 11, 24),
    effective_to=None,
    documents=(NOTICE,),
    rules=(
        CYCLE,
        SCHOOL_YEARS,
        _offset("guopei"),
        _offset("it_capability"),
        CountRule(
            id="J1.full_staff_remote",
            citation=_ONE,
            selector=Selector(programmes=frozenset({"full_staff_remote"})),
            bucket="full_staff_remote",
        ),
        CountRule(id="J1.training", citation=_ONE, selector=Selector(), bucket="training"),
        HoursRequirement(
            id="J1.hours",
            citation=_ONE,
            label=Text("全员培训", "full-staff training"),
            scheme=CYCLE.id,
            minimum=ByTitle.same(Decimal(360)),
        ),
        NECESSARY,
        REMEDIAL,
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="J1.cycle",
            text_says="五年一周期 (quoting 教师〔2011〕1号); the start of a cycle is not given.",
            reading="Calendar-year cycles from 2011 (2011-2015, 2016-2020, ...), as cn-2011.",
            alternative="School-year cycles from 1 September 2011.",
            rules=("J1.cycle",),
            alternative_rules=(attrs.evolve(CYCLE, start=date(2011, 9, 1)),),
        ),
        Interpretation(
            id="J1.lasts",
            text_says="作为教师资格再注册、教师考核和职务聘任的必备条件 (一, quoting "
            "教师〔2011〕1号) — the notice does not say for how long a failed cycle counts "
            "against the teacher.",
            reading="Until a later cycle is passed: a failed cycle (2011-2015) bars the three "
            "decisions while the next cycle (2016-2020) is under way, until a later cycle is "
            "passed (the latest decided cycle governs), as cn-2011.",
            alternative="Only the decisions taken on the failed cycle's result, in the year "
            "after it ends (2016): from 2017, while 2016-2020 is open, it bars nothing. The "
            "text names no such year; it is the first year of the next cycle.",
            rules=(NECESSARY.id,),
            alternative_rules=(attrs.evolve(NECESSARY, lasts=Duration.FOLLOWING_YEAR),),
        ),
        Interpretation(
            id="J2.age",
            text_says="当年男满55周岁、女满53周岁以下 — 'in that year', method not stated.",
            reading="Age reached in calendar year 2014 (2014 − birth year), 55 / 53 or under.",
            alternative="Completed years on 2014-12-15, the day the list is published (三.1), "
            "55 / 53 or under.",
            rules=(REMEDIAL.id,),
            alternative_rules=(
                attrs.evolve(
                    REMEDIAL,
                    age_limit=attrs.evolve(
                        _AGE_LIMIT, method=AgeMethod.ON_DATE, reference=date(2014, 12, 15)
                    ),
                ),
            ),
        ),
        Interpretation(
            id="J2.bound",
            text_says="男满55周岁、女满53周岁以下 — 以下 ('and below'); by the statutory "
            "convention (民法典 art. 1259) 以上、以下、以内 include the number itself.",
            reading="Inclusive: men of 55 and under, women of 53 and under are in scope; a man "
            "born in 1959 (55 in 2014) is in scope, one born in 1958 (56) is not.",
            alternative="Strict: only men under 55 and women under 53 (as if the text said "
            "不满55周岁); a man born in 1959 is out of scope.",
            rules=(REMEDIAL.id,),
            alternative_rules=(
                attrs.evolve(REMEDIAL, age_limit=attrs.evolve(_AGE_LIMIT, inclusive=False)),
            ),
        ),
        Interpretation(
            id="J4.refund",
            text_says="统一安排在2014~2015学年度补训，免收补训费用。已经收取和上缴教师补训费用的，"
            "要全额退还教师 — which fees are 'remedial fees already collected' is not spelled "
            "out.",
            reading="The fees paid for the remedial training the notice arranges: records of "
            "category 'remedial' whose training lies in school year 2014-2015 (it ends on or "
            "after 2014-09-01 and begins by 2015-08-31), once begun by the evaluation date, "
            "completed or still under way. A remedial fee of another year (a course in 2018) "
            "is a fee for other training and is not refunded.",
            alternative="Every remedial fee the teacher has paid, whenever the training took "
            "place. Not encoded: it would refund fees for remedial training the notice does "
            "not concern, and it does not say that remedial training of the listed failures "
            "took place before 2014-2015 (统一安排在2014~2015学年度).",
            rules=(REMEDIAL.id,),
        ),
        Interpretation(
            id="J3.ratio",
            text_says="实行学分冲抵 — credits offset, with no ratio stated.",
            reading="One hour of 国培 or IT-capability remote training counts as one hour of "
            "full-staff remote training.",
            alternative="A different ratio set elsewhere; none is stated, so no variant is "
            "encoded.",
            rules=("J3.guopei", "J3.it_capability"),
        ),
        SERVICE_NOTE,
    ),
    limitations=(
        Limitation(
            ids=("J5",),
            what="Fees charged on programmes the department declares free (四).",
            why="The notice does not say which programmes are free, so a charge cannot be "
            "checked against it.",
        ),
    ),
)
