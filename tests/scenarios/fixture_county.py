"""A county regulation written as a test fixture (not in the catalogue, not a real text).

It uses every requirement concept of the rule model that the six catalogue texts do
not need, in the words such regulations use:

某县教师继续教育学时学分管理办法（测试用，虚构）

第三条 教师每五年为一个培训周期，每人累计不少于360学时，其中校本研修计入的学时不超过
总学时的三分之一。
第四条 周期内必修课程不少于120学时，选修课程不少于120学时；必修课程超出部分可计入选修课程，
选修课程不得抵顶必修课程。
第五条 周期内须至少参加一次不少于72学时的集中培训。
第六条 周期内新入职、退休或离岗的教师，按在岗时间折算学时，不足1学时的按1学时计。
第七条 学分按学时折算：集中培训每10学时折算1学分，网络研修每20学时折算1学分，每项培训
不足1学分的部分不计。教师每年不少于6学分。
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from trainingrules.policy import (
    Activity,
    ActivityBy,
    ByTitle,
    Cap,
    Citation,
    CountRule,
    Cover,
    Document,
    HoursRequirement,
    Part,
    PeriodScheme,
    Policy,
    Proration,
    Selector,
    ServiceRule,
    Share,
    Text,
    Unit,
)
from trainingrules.scoring import Rounding

DOC = Document(
    number="某县教师〔2020〕1号", title="某县教师继续教育学时学分管理办法", issuer="某县教育局"
)


def cite(clause: str, quote: str) -> Citation:
    return Citation(DOC.number, clause, quote)


ART3 = cite(
    "第三条",
    "每人累计不少于360学时，其中校本研修计入的学时不超过总学时的三分之一",
)
ART4 = cite(
    "第四条",
    "必修课程超出部分可计入选修课程，选修课程不得抵顶必修课程",
)
ART5 = cite("第五条", "周期内须至少参加一次不少于72学时的集中培训")
ART6 = cite("第六条", "按在岗时间折算学时，不足1学时的按1学时计")
ART7 = cite("第七条", "集中培训每10学时折算1学分，网络研修每20学时折算1学分")

CYCLE = PeriodScheme(
    id="A3.cycle",
    citation=ART3,
    label=Text("五年培训周期", "five-year training cycle"),
    start=date(2011, 1, 1),
    years=5,
)


def _count(bucket: str, categories: set[str]) -> CountRule:
    return CountRule(
        id=f"A3.{bucket}",
        citation=ART3,
        selector=Selector(categories=frozenset(categories)),
        bucket=bucket,
    )


ACTIVITY = Activity(
    minimum=Decimal(72),
    by=ActivityBy.ACTIVITY,
    label=Text("集中培训", "concentrated training"),
    citation=ART5,
    buckets=frozenset({"compulsory", "elective"}),
)
HOURS = HoursRequirement(
    id="A3.hours",
    citation=ART3,
    label=Text("继续教育", "continuing education"),
    scheme=CYCLE.id,
    minimum=ByTitle.same(Decimal(360)),  # one figure for every title
    caps=(Cap(bucket="school_based", citation=ART3, share=Share(1, 3)),),
    parts=(
        Part(
            bucket="compulsory",
            minimum=ByTitle.same(Decimal(120)),
            label=Text("必修课程", "compulsory courses"),
        ),
        Part(
            bucket="elective",
            minimum=ByTitle.same(Decimal(120)),
            label=Text("选修课程", "elective courses"),
        ),
    ),
    covers=(Cover(surplus_of="compulsory", may_cover="elective"),),
    including=ACTIVITY,
)
SERVICE = ServiceRule(
    id="A6.service",
    citation=ART6,
    proration=Proration.BY_DAYS,
    rounding=Rounding(Decimal(1), "ROUND_CEILING"),
)

HOURS_POLICY = Policy(
    id="xx-county-2020",
    title=Text(
        "某县教师继续教育学时管理（虚构）", "A county's continuing-education hours (fictional)"
    ),
    region="CN",
    effective_from=date(2011, 1, 1),
    effective_to=None,
    documents=(DOC,),
    rules=(
        CYCLE,
        # In any order: the narrowest selector decides, so order cannot flip a result.
        _count("school_based", {"school_based"}),
        _count("compulsory", {"compulsory"}),
        _count("elective", {"elective"}),
        HOURS,
        SERVICE,
    ),
)

YEAR = PeriodScheme(
    id="A7.year",
    citation=ART7,
    label=Text("学年度", "year"),
    start=date(2021, 1, 1),
    years=1,
)
WHOLE_CREDITS = Rounding(Decimal(1), "ROUND_DOWN")
CREDITS_POLICY = Policy(
    id="xx-county-2020-credits",
    title=Text(
        "某县教师继续教育学分管理（虚构）", "A county's continuing-education credits (fictional)"
    ),
    region="CN",
    effective_from=date(2021, 1, 1),
    effective_to=None,
    documents=(DOC,),
    rules=(
        YEAR,
        CountRule(
            id="A7.concentrated",
            citation=ART7,
            selector=Selector(categories=frozenset({"concentrated"})),
            bucket="credits",
            ratio=Decimal("0.1"),
            unit=Unit.CREDITS,
            rounding=WHOLE_CREDITS,
        ),
        CountRule(
            id="A7.online",
            citation=ART7,
            selector=Selector(categories=frozenset({"online"})),
            bucket="credits",
            ratio=Decimal("0.05"),
            unit=Unit.CREDITS,
            rounding=WHOLE_CREDITS,
        ),
        HoursRequirement(
            id="A7.credits",
            citation=ART7,
            label=Text("继续教育学分", "continuing-education credits"),
            scheme=YEAR.id,
            minimum=ByTitle.same(Decimal(6)),
        ),
    ),
)
