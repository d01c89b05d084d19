"""Jiangxi 2019: the provincial "互联网+教师专业发展" full-staff training and credit management.

References:
    * A county's 2019 briefing on the provincial "互联网+教师专业发展" full-staff training
      and the credit management system (学分管理系统),
      ``trainingrules/policy/sources/jx-county-2019-internet-plus-credits.txt``. It is a meeting
      report with no document number and no hour figures of its own.
    * 教师〔2011〕1号 as quoted in 赣教师字〔2014〕36号 一, for the hour requirement.

Checked with:
    The rule index, ``docs/rules.md``: X1, X2.

Interpretations:
    * ``X2.service``: the text states the figure for every teacher and nothing on a
      teacher hired, retired or on long leave inside a period; the figure is
      prorated by days in service, rounded up to a whole hour. Alternative: the
      whole figure for everybody (``policy.get("jx-2019~X2.service")``).
    * ``X2.cycle``: the briefing states no hours, so the national requirement applies:
      360 hours in five-year cycles counted from 2011 (as ``cn-2011``).
    * ``X2.affects``: credits "直接影响" (directly affect) re-registration and title
      appointment; read as a bar: a failed cycle denies both until a later cycle is
      passed. Alternative: a factor weighed, not a bar — reported, the decisions stay
      eligible (``policy.get("jx-2019~X2.affects")``).
    * ``X1.verified``: credits pass through 登记 → 审核 → 验证; only *verified* credits
      count. Alternative: reviewed credits count too.
    * ``X2.round``: "决定实施新一轮教师专业发展全员培训" does not say whether the new round
      opens a cycle; the national cycles counted from 2011 continue (2016-2020 is under
      way in 2019). Alternative: a five-year cycle opens in 2019, 2019-2023
      (``policy.get("jx-2019~X2.round")``).
    * ``X2.effective``: the briefing is undated; the policy is in force from 1 April
      2019, after the provincial meeting at the end of March. Alternative: from
      1 January 2019 (the year of the new round); not encoded as a variant.

Limitations:
    None of X1, X2 is left out. Which credits a school registers is the credit
    system's business; the policy only reads the state each record carries.
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
    CreditStateRule,
    DecisionKind,
    DecisionOutcome,
    Document,
    HoursRequirement,
    Interpretation,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)
from trainingrules.records import CreditState

__all__ = ["POLICY"]

BRIEFING = Document(
    number="江西省“互联网+教师专业发展”全员培训县级布置会（2019）",
    title="“互联网+教师专业发展”全员培训布置会暨学分管理平台使用培训会讲话",
    issuer="县教体局、县教师进修学校",
    source="jx-county-2019-internet-plus-credits.txt",
)
NATIONAL = Document(
    number="教师〔2011〕1号",
    title="教育部关于大力加强中小学教师培训工作的意见",
    issuer="教育部",
    source="jx-2014-gan-jiaoshizi-2014-36.txt",
)
_HOURS = Citation(
    NATIONAL.number,
    "quoted in 赣教师字〔2014〕36号 一",
    "对教师进行五年一周期的每人不少于360学时的全员培训",
)
_CREDITS = Citation(
    BRIEFING.number,
    "二.(二)",
    "县教师进修学校……具体负责全县教师培训学分的登记、审核与验证工作",
)
_NEW_ROUND = Citation(
    BRIEFING.number,
    "开篇",
    "省教育厅于3月底召开了专门会议,决定实施新一轮教师专业发展全员培训,并启用全省中小学(幼儿园)"
    "教师培训学分登记管理工作",
)
_CONSEQUENCES = Citation(
    BRIEFING.number,
    "结语",
    "我省已启动实行教师资格定期注册制，教师参与各项培训并获取的培训学分将直接影响其教师资格注册与职称评聘",
)

CYCLE = PeriodScheme(
    id="X2.cycle",
    citation=_HOURS,
    label=Text("五年培训周期", "five-year training cycle"),
    start=date(2011, 1, 1),
    years=5,
)
AFFECTS = Consequence(
    id="X2.registration",
    citation=_CONSEQUENCES,
    trigger=CYCLE.id,
    denies=frozenset({DecisionKind.RE_REGISTRATION, DecisionKind.TITLE_APPOINTMENT}),
)
VERIFIED = CreditStateRule(
    id="X1.verified", citation=_CREDITS, states=frozenset({CreditState.VERIFIED})
)

SERVICE, SERVICE_NOTE = service_by_days(
    "X2.service",
    _HOURS,
    "The national 360 hours per five-year cycle, for every teacher — nothing on a "
    "teacher in service for only part of a cycle.",
)

POLICY = Policy(
    id="jx-2019",
    title=Text(
        "江西省“互联网+教师专业发展”全员培训与学分管理（2019）",
        "Jiangxi 'Internet+' full-staff training and credit management, 2019",
    ),
    region="360000",
    effective_from=date(2019, 4, 1),
    effective_to=None,
    documents=(BRIEFING, NATIONAL),
    rules=(
        CYCLE,
        VERIFIED,
        CountRule(id="X2.training", citation=_HOURS, selector=Selector(), bucket="training"),
        HoursRequirement(
            id="X2.hours",
            citation=_HOURS,
            label=Text("全员培训", "full-staff training"),
            scheme=CYCLE.id,
            minimum=ByTitle.same(Decimal(360)),
        ),
        AFFECTS,
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="X2.cycle",
            text_says="The briefing gives no hour figure of its own.",
            reading="The national requirement applies: 360 hours per five-year cycle, "
            "cycles counted from 2011.",
            alternative="A later provincial document sets other figures; none is in the "
            "sources, so no variant is encoded.",
            rules=("X2.cycle", "X2.hours"),
        ),
        Interpretation(
            id="X2.round",
            text_says="省教育厅于3月底召开了专门会议，决定实施新一轮教师专业发展全员培训 (开篇) — "
            "a 'new round' of full-staff training from 2019; the briefing does not say whether "
            "it opens a new five-year cycle or continues the national one.",
            reading="The national cycles continue, counted from 2011: 2016-2020 is the cycle "
            "under way in 2019, and hours of 2016-2018 count toward it; the new round is the "
            "province's programme and credit system for the rest of that cycle.",
            alternative="The new round opens a five-year cycle in 2019 (calendar years "
            "2019-2023, then 2024-2028, ...): hours before 2019 do not count toward it.",
            rules=(CYCLE.id,),
            alternative_rules=(attrs.evolve(CYCLE, citation=_NEW_ROUND, start=date(2019, 1, 1)),),
        ),
        Interpretation(
            id="X2.effective",
            text_says="省教育厅于3月底召开了专门会议 … 今年，全省将全面启用…学分管理系统 — the "
            "briefing is undated and names no day from which the credit management applies.",
            reading="In force from 1 April 2019, the day after the end of March, when the "
            "provincial meeting had decided the new round; from then on find() answers "
            "jx-2019 for Jiangxi instead of jx-2014.",
            alternative="In force from 1 January 2019 (2019年 / 今年, the year of the new round). "
            "Not encoded as a variant (the date is the policy's, not a rule's): a caller "
            "wanting it evolves the policy (policy.variant(..., effective_from=...)).",
            rules=(),
        ),
        Interpretation(
            id="X2.affects",
            text_says="培训学分将直接影响其教师资格注册与职称评聘 — 'directly affect'; the "
            "briefing states no bar.",
            reading="A bar: a failed cycle denies re-registration and title appointment until "
            "a later cycle is passed.",
            alternative="A factor weighed, not a bar: the failed cycle is reported in each "
            "decision (decision.considered) and the decisions stay eligible; how much it "
            "weighs is not stated.",
            rules=(AFFECTS.id,),
            alternative_rules=(attrs.evolve(AFFECTS, outcome=DecisionOutcome.ELIGIBLE),),
        ),
        Interpretation(
            id="X1.verified",
            text_says="学分的登记、审核与验证 — registration, review and verification.",
            reading="Only verified (验证) credits count.",
            alternative="Reviewed (审核) credits count as well.",
            rules=("X1.verified",),
            alternative_rules=(
                attrs.evolve(
                    VERIFIED, states=frozenset({CreditState.REVIEWED, CreditState.VERIFIED})
                ),
            ),
        ),
        SERVICE_NOTE,
    ),
)
