"""Putian Hanjiang (Fujian) 2009: 涵政教〔2009〕70号 and its 附件一.

References:
    * 《关于2009年继续使用福建省中小学教师远程培训平台开展教师继续教育的通知》
      (涵政教〔2009〕70号) with 附件一《2009年涵江区中小学教师远程培训工作程序》,
      ``trainingrules/policy/sources/fj-putian-hanjiang-2009-hanzhengjiao-2009-70.txt``.

Checked with:
    The rule index, ``docs/rules.md``: F1-F10.

Interpretations:
    * ``F2.service``: the text states the figure for every teacher and nothing on a
      teacher hired, retired or on long leave inside a period; the figure is
      prorated by days in service, rounded up to a whole hour. Alternative: the
      whole figure for everybody (``policy.get("fj-putian-hanjiang-2009~F2.service")``).
    * ``F2.totals``: from 附件一 四.1 ("first the 30 required hours, then electives for the
      remaining hours"): network = 30 required class-teacher hours + 18 elective
      (senior/intermediate) or + 6 (junior); the 24-hour local course is elective; the
      year's totals are 72 and 60. Alternative: the 42 elective hours apply to every
      title, so junior teachers also need 72.
    * ``F4.year``: "2009年" is read as calendar year 2009. Alternative: school year
      2009-10 (六 speaks of "本学年度").
    * ``F6.pass``: the class-teacher exam states no pass mark; 60 of 100 is used.
    * ``F10.year``: "在下一年度不予评聘、晋升教师职务" is read as the calendar year after the
      failed cycle's last day; the bar then expires (a cycle failed in 2001-2005 bars
      2006 only). Alternative: the twelve months after the cycle ends; not encoded.
    * ``F2.no_title``: the text states the network quota and the total only for titled
      teachers, yet every teacher must reach the plan's total (一, 六); a teacher
      without a title takes the junior figures (network 36, total 60), the lowest plan
      stated. Alternative: the senior/intermediate figures, 48 and 72
      (``policy.get("fj-putian-hanjiang-2009~F2.no_title")``). No fee is stated for
      them (四) and none is guessed.
    * Record categories: ``class_teacher`` (network, required), ``new_curriculum``
      (network, elective), ``local_course`` (地方课程, elective).

Limitations:
    * F1: who must train (all in-service teaching staff) is the caller's selection.
    * F8: certificates are issued by the school on a PASSED year; not computed.
    * F6 spot checks (附件一 五.3 (2)): random checks of notes and written tests of
      some schools or teachers; no selection rule, pass mark or consequence is
      stated, so they are not computed (the machine exam, 五.3 (1), is: F6.exam).
    * F10: the 5-year cycle's years and hours are not stated here; its result is an
      ``Outcome`` input for scheme ``F10.cycle``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from trainingrules.policy._common import service_by_days
from trainingrules.policy._rules import (
    AttendanceRule,
    ByTitle,
    Citation,
    Consequence,
    CountRule,
    DecisionKind,
    Document,
    Duration,
    ExamRule,
    FeeSchedule,
    HoursRequirement,
    Interpretation,
    Limitation,
    Payer,
    PeriodScheme,
    Policy,
    RemedialRule,
    Selector,
    Text,
    WrittenWorkRule,
)

__all__ = ["POLICY"]

NOTICE = Document(
    number="涵政教〔2009〕70号",
    title="关于2009年继续使用福建省中小学教师远程培训平台开展教师继续教育的通知",
    issuer="莆田市涵江区教育局",
    source="fj-putian-hanjiang-2009-hanzhengjiao-2009-70.txt",
)
_CONTENT = Citation(
    NOTICE.number,
    "二",
    "班主任课程培训30学时（必修）、新课程改革培训（含学科）42学时（选修）；网络培训中高级48学时和初级36学时、"
    "地方课程培训24学时",
)
_ORDER = Citation(
    NOTICE.number,
    "附件一 四.1",
    "首先应进入必修课区域，完成必修课的30学时，然后再转入选修课区域选取所需的课程学习，并完成剩余的学时",
)
_YEAR = Citation(
    NOTICE.number,
    "六; 附件一 五.1",
    "培训教师参加远程教育培训的学时达到计划规定的总学时，达到学习要求，经考核成绩合格者，将认定本学年度继续教育任务完成",
)

YEAR = PeriodScheme(
    id="F4.year",
    citation=_YEAR,
    label=Text("年度继续教育", "continuing-education year"),
    start=date(2009, 1, 1),
    years=1,
    count=1,
)
CYCLE = PeriodScheme(
    id="F10.cycle",
    citation=Citation(
        NOTICE.number,
        "六",
        "对在5年周期内未完成继续教育规定学时数的中小学教师，在下一年度不予评聘、晋升教师职务",
    ),
    label=Text("五年周期", "five-year cycle"),
    start=None,
    years=5,
)
# Teachers without a title take the junior figures (interpretation F2.no_title).
TOTAL = HoursRequirement(
    id="F2.total",
    citation=_ORDER,
    label=Text("总学时", "training in all"),
    scheme=YEAR.id,
    minimum=ByTitle(
        senior=Decimal(72), intermediate=Decimal(72), junior=Decimal(60), none=Decimal(60)
    ),
)
NETWORK = HoursRequirement(
    id="F2.network",
    citation=_CONTENT,
    label=Text("网络培训", "network training"),
    scheme=YEAR.id,
    minimum=ByTitle(
        senior=Decimal(48), intermediate=Decimal(48), junior=Decimal(36), none=Decimal(36)
    ),
    buckets=frozenset({"class_teacher", "new_curriculum"}),
)


def _bucket(category: str) -> CountRule:
    return CountRule(
        id=f"F2.{category}",
        citation=_CONTENT,
        selector=Selector(categories=frozenset({category})),
        bucket=category,
    )


SERVICE, SERVICE_NOTE = service_by_days(
    "F2.service",
    _CONTENT,
    "The year's hours for every teacher by title (二) — nothing on a teacher in "
    "service for only part of 2009.",
)

POLICY = Policy(
    id="fj-putian-hanjiang-2009",
    title=Text(
        "涵江区2009年中小学教师远程培训继续教育（涵政教〔2009〕70号）",
        "Hanjiang 2009 teacher continuing education on the Fujian remote platform",
    ),
    region="350303",
    effective_from=date(2009, 1, 1),
    effective_to=date(2009, 12, 31),
    documents=(NOTICE,),
    rules=(
        YEAR,
        CYCLE,
        _bucket("class_teacher"),
        _bucket("new_curriculum"),
        _bucket("local_course"),
        HoursRequirement(
            id="F2.required",
            citation=_CONTENT,
            label=Text("班主任课程（必修）", "class-teacher course (required)"),
            scheme=YEAR.id,
            minimum=ByTitle.same(Decimal(30)),
            buckets=frozenset({"class_teacher"}),
        ),
        NETWORK,
        HoursRequirement(
            id="F2.local",
            citation=_CONTENT,
            label=Text("地方课程培训", "local course"),
            scheme=YEAR.id,
            minimum=ByTitle.same(Decimal(24)),
            buckets=frozenset({"local_course"}),
        ),
        TOTAL,
        FeeSchedule(
            id="F3.fee",
            citation=Citation(
                NOTICE.number, "四", "中高级职务教师每年培训费为180元，初级职务教师每年培训费120元"
            ),
            per_year=ByTitle(senior=Decimal(180), intermediate=Decimal(180), junior=Decimal(120)),
        ),
        WrittenWorkRule(
            id="F5.written",
            citation=Citation(
                NOTICE.number,
                "附件一 五.2",
                "每位教师必须完成不少于5000字的……学习笔记，在网络指定位置发帖2个，撰写不少于1000字的……"
                "学习心得体会一篇（学习笔记和学习心得不得用打印稿）",
            ),
            scheme=YEAR.id,
            min_notes_chars=5000,
            min_forum_posts=2,
            min_reflection_chars=1000,
            handwritten=True,
        ),
        ExamRule(
            id="F6.exam",
            citation=Citation(
                NOTICE.number,
                "附件一 五.3",
                "远程平台必修课机考。每个班级均安排3次。"
                "即A.模拟考。只供练习、不计成绩。B. 正考。C.补考。",
            ),
            label=Text("班主任培训专项考核", "class-teacher exam"),
            scheme=YEAR.id,
            pass_mark=Decimal(60),
        ),
        AttendanceRule(
            id="F7.absence",
            citation=Citation(
                NOTICE.number,
                "附件一 五.4",
                "地方课程培训期间无故缺席者，不列入考核对象，其继续教育成绩定为不合格",
            ),
            scheme=YEAR.id,
        ),
        RemedialRule(
            id="F9.remedial",
            citation=Citation(
                NOTICE.number, "附件一 五.6", "考核不合格者，将根据实际情况安排补训，费用自理"
            ),
            trigger=YEAR.id,
            payer=Payer.TEACHER,
        ),
        Consequence(
            id="F10.no_promotion",
            citation=CYCLE.citation,
            trigger=CYCLE.id,
            denies=frozenset({DecisionKind.TITLE_APPOINTMENT, DecisionKind.PROMOTION}),
            lasts=Duration.FOLLOWING_YEAR,
        ),
        SERVICE,
    ),
    interpretations=(
        Interpretation(
            id="F2.totals",
            text_says="必修30学时、选修42学时；网络培训中高级48学时和初级36学时、地方课程培训24学时.",
            reading="Network = 30 required + 18 (senior/intermediate) or 6 (junior) elective; "
            "local course 24 elective; totals 72 and 60.",
            alternative="The 42 elective hours apply to every title; junior teachers (and "
            "teachers without a title, who take the junior figures) also need 72 in total.",
            rules=(TOTAL.id,),
            alternative_rules=(
                attrs.evolve(TOTAL, citation=_CONTENT, minimum=ByTitle.same(Decimal(72))),
            ),
        ),
        Interpretation(
            id="F2.no_title",
            text_says="网络培训中高级48学时和初级36学时 (二) — figures for senior, intermediate "
            "and junior titles only; yet the training is for all in-service teaching staff "
            "(一) and the year is complete only when 学时达到计划规定的总学时 (六).",
            reading="A teacher without a title (e.g. a new teacher before the first title) "
            "takes the junior figures, the lowest plan stated: network 36, total 60.",
            alternative="The senior and intermediate figures: network 48, total 72.",
            rules=(NETWORK.id, TOTAL.id),
            alternative_rules=(
                attrs.evolve(NETWORK, minimum=attrs.evolve(NETWORK.minimum, none=Decimal(48))),
                attrs.evolve(TOTAL, minimum=attrs.evolve(TOTAL.minimum, none=Decimal(72))),
            ),
        ),
        Interpretation(
            id="F4.year",
            text_says="“2009年” in the title and 二; “本学年度” in 六.",
            reading="Calendar year 2009.",
            alternative="School year 2009-10 (1 September 2009 - 31 August 2010).",
            rules=(YEAR.id,),
            alternative_rules=(attrs.evolve(YEAR, start=date(2009, 9, 1)),),
        ),
        Interpretation(
            id="F10.year",
            text_says="对在5年周期内未完成继续教育规定学时数的中小学教师，"
            "在下一年度不予评聘、晋升教师职务 — the cycle's dates are not stated, and 六 also "
            "speaks of “本学年度”.",
            reading="下一年度 is the calendar year after the cycle's last day; the bar ends on "
            "31 December of that year and no longer applies afterwards.",
            alternative="The twelve months after the cycle ends (for a cycle of school years, "
            "the next school year). Not encoded: the cycle's dates come from recorded "
            "outcomes, and for a cycle of calendar years both readings give the same year.",
            rules=("F10.no_promotion",),
        ),
        Interpretation(
            id="F6.pass",
            text_says="正考、补考 — no pass mark is stated.",
            reading="60 of 100, the national convention.",
            alternative="Another pass mark set by the platform; none is stated, so no "
            "variant is encoded.",
            rules=("F6.exam",),
        ),
        SERVICE_NOTE,
    ),
    limitations=(
        Limitation(
            ids=("F1",),
            what="Who must train: all in-service teaching staff of schools and kindergartens (一).",
            why="Whom to evaluate is the caller's selection; the rules apply to every "
            "teacher evaluated.",
        ),
        Limitation(
            ids=("F8",),
            what="The year's continuing-education and class-teacher certificates (附件一 五.5).",
            why="Issued by the school on a PASSED year; the library reports the year's status.",
        ),
        Limitation(
            # F6 itself is encoded (F6.exam), so this part names no rule-index id.
            ids=(),
            what="The spot checks of the class-teacher assessment (附件一 五.3 (2)): "
            "examiners visit schools, check at random teachers' study notes and "
            "reflections (随机抽查…学习笔记和心得体会), and give some schools or teachers a "
            "written test (对部分学校或教师进行书面考试的抽查) on the required and some "
            "elective course content.",
            why="The text states whom a spot check selects only as 随机/部分 (at random, "
            "some), and no pass mark, no weight and no consequence of its result; so "
            "nothing follows for a given teacher. The exam condition F6.exam is the "
            "machine exam's sittings (五.3 (1)); the notes and reflections are checked "
            "against their minimums by F5.written.",
        ),
    ),
)
