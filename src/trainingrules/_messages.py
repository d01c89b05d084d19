"""Message templates of findings, in Chinese and English, keyed by the finding code.

One place for the wording; codes are stable (docs/findings.md lists them), wording may
improve. Values are pre-formatted strings.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from trainingrules.cycles import Period
from trainingrules.records import Title

__all__: list[str] = []

TEMPLATES: dict[str, tuple[str, str]] = {
    # hours requirements
    "hours.met": (
        "{period}{label}已计{counted}学时，达到{required}学时的要求",
        "{period}: {counted} hours of {label}, meeting the {required} required",
    ),
    "hours.short": (
        "{period}{label}{counted}学时，少于要求的{required}学时（差{missing}学时）",
        "{period}: {counted} hours of {label}, below the {required} required ({missing} short)",
    ),
    "hours.open": (
        "{period}{label}已计{counted}学时，还需{missing}学时，截止{due}",
        "{period}: {counted} hours of {label} so far; needs {missing} more by {due}",
    ),
    "hours.not_started": (
        "{period}{label}尚未开始（{start}起），要求{required}学时",
        "{period}: {label} has not started (starts {start}); {required} hours required",
    ),
    "hours.no_figure": (
        "{period}{label}：文件未规定{title}教师的学时数，不适用",
        "{period}: the text states no {label} figure for title '{title}'; not applied",
    ),
    # the ledger
    "record.counted": (
        "记录{record}按{ratio}倍计入{bucket}{credited}学时（{periods}）",
        "record {record}: {credited} hours counted as {bucket} at ratio {ratio} ({periods})",
    ),
    "record.after_as_of": (
        "记录{record}完成于{day}，晚于评估日{as_of}，不计",
        "record {record} was completed on {day}, after the evaluation date {as_of}; not counted",
    ),
    "record.credit_state": (
        "记录{record}学分状态为{state}，只认可{accepted}，不计",
        "record {record}: its credit is {state}; only {accepted} credits count",
    ),
    "record.not_recognised": (
        "记录{record}的类别“{category}”、项目“{programme}”不在本政策认可范围，不计",
        (
            "record {record}: category '{category}', programme '{programme}' is not recognised "
            "by this policy"
        ),
    ),
    "record.course_not_passed": (
        "记录{record}所属课程未合格，不计学时",
        "record {record}: its course was not passed, so its hours do not count",
    ),
    "record.outside_periods": (
        "记录{record}完成于{day}，不在本政策考核的任何周期内，不计",
        "record {record} was completed on {day}, outside every period this policy measures",
    ),
    # courses
    "course.passed": (
        "记录{record}课程总成绩{composite}分，达到{pass_mark}分及格线",
        "record {record}: course total {composite} reaches the pass mark {pass_mark}",
    ),
    "course.below_pass_mark": (
        "记录{record}课程总成绩{composite}分，低于{pass_mark}分及格线",
        "record {record}: course total {composite} is below the pass mark {pass_mark}",
    ),
    "course.no_final": (
        "记录{record}尚无结业考核成绩",
        "record {record}: no final assessment score yet",
    ),
    "course.hours_short": (
        "记录{record}完成{completed}学时，少于课程规定的{required}学时，不能申请结业考核",
        (
            "record {record}: {completed} of the course's {required} hours completed; "
            "may not sit the final"
        ),
    ),
    "course.homework_failed": (
        "记录{record}作业成绩不合格，不能申请结业考核",
        "record {record}: homework not passed; may not sit the final",
    ),
    "course.may_sit_final": (
        "记录{record}已修满规定学时且作业合格，可申请结业考核",
        "record {record}: required hours completed and homework passed; may sit the final",
    ),
    # exams
    "exam.formal_passed": (
        "{label}正考{score}分，合格",
        "{label}: formal sitting {score}, passed",
    ),
    "exam.makeup_passed": (
        "{label}正考未通过，补考{score}分，合格",
        "{label}: formal sitting failed or missed; makeup {score}, passed",
    ),
    "exam.makeup_failed": (
        "{label}正考未通过，补考{score}分，不合格",
        "{label}: formal sitting failed or missed; makeup {score}, failed",
    ),
    "exam.makeup_absent": (
        "{label}正考未通过，补考缺考，不合格",
        "{label}: formal sitting failed or missed; absent from the makeup, failed",
    ),
    "exam.no_formal": ("{label}尚无正考成绩", "{label}: no formal sitting yet"),
    "exam.awaiting_makeup": (
        "{label}正考未通过，待补考",
        "{label}: formal sitting failed or missed; makeup pending",
    ),
    "exam.not_completed": (
        "{label}：{period}已结束，考核未通过",
        "{label}: {period} is over and the exam was not passed",
    ),
    # written work
    "written.met": ("书面作业符合要求", "written work meets the requirements"),
    "written.missing": ("未提交书面作业", "no written work handed in"),
    "written.notes_short": (
        "学习笔记{value}字，少于{minimum}字",
        "study notes of {value} characters, below the {minimum} required",
    ),
    "written.posts_short": (
        "发帖{value}个，少于{minimum}个",
        "{value} forum posts, below the {minimum} required",
    ),
    "written.reflection_short": (
        "学习心得{value}字，少于{minimum}字",
        "reflection of {value} characters, below the {minimum} required",
    ),
    "written.printed": (
        "学习笔记和心得为打印稿，不予认可",
        "notes and reflection are printed; only handwritten work is accepted",
    ),
    # attendance
    "attendance.present": ("无无故缺席记录", "no unexcused absence"),
    "attendance.absent": (
        "地方课程培训期间无故缺席，不列入考核对象，{period}继续教育成绩为不合格",
        "unexcused absence from the local course: not assessed, {period} is failed",
    ),
    # recorded outcomes
    "outcome.failed": (
        "{period}{label}结果为不合格（{source}）",
        "{period}: {label} recorded as failed ({source})",
    ),
    "outcome.passed": (
        "{period}{label}结果为合格（{source}）",
        "{period}: {label} recorded as passed ({source})",
    ),
    # remedial training
    "remedial.required": (
        "{periods}培训不合格，须参加补训{when}，{payer}",
        "failed {periods}: remedial training required{when_en}, {payer_en}",
    ),
    "remedial.out_of_scope": (
        "{periods}培训不合格，但{age_text}，不在补训范围（{sex}{limit}周岁以下）",
        "failed {periods}, but {age_text_en}: outside the remedial scope (under {limit}, {sex_en})",
    ),
    "remedial.not_required": (
        "{label}无不合格记录，无需补训",
        "no failed {label}: no remedial training",
    ),
    "remedial.refund": (
        "已缴补训费{amount}元，应全额退还",
        "remedial fees already paid, {amount} yuan, must be refunded in full",
    ),
    # eligibility
    "decision.ineligible": (
        "{period}{label}不合格，{year}不得{kind}",
        "{period}: {label} failed, so not eligible for {kind_en}{year_en}",
    ),
    "decision.eligible": (
        "{period}{label}合格，{kind}不受影响",
        "{period}: {label} passed; {kind_en} is not barred",
    ),
    "decision.pending": (
        "{label}结果未定，{kind}待定",
        "{label}: no result yet, so {kind_en} is pending",
    ),
    # money
    "fee.due": (
        "{title}教师每年培训费{amount}元",
        "yearly training fee for title '{title_en}': {amount} yuan",
    ),
    "fee.not_stated": (
        "文件未规定{title}教师的培训费",
        "the text states no fee for title '{title_en}'",
    ),
}

TITLE_ZH = {
    Title.SENIOR: "高级",
    Title.INTERMEDIATE: "中级",
    Title.JUNIOR: "初级",
    Title.NONE: "无职称",
}

KIND_LABELS = {
    "re_registration": ("教师资格再注册", "re-registration of the teaching qualification"),
    "annual_assessment": ("参加教师考核", "the annual assessment"),
    "title_appointment": ("评聘教师职务", "title appointment"),
    "promotion": ("晋级、晋升教师职务", "promotion"),
    "sit_final": ("申请结业考核", "sitting the final"),
    "remedial": ("补训", "remedial training"),
}


def number(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``48``, ``359.5``."""
    return format(value.normalize(), "f")


def period_text(period: Period) -> tuple[str, str]:
    """The period as a sentence opener in Chinese and English."""
    label = period.label
    # Period.label uses "2012–2013" for a school year and "2007" / "2011–2015" for
    # calendar years; any other span is labelled with ISO dates, which stay as they are.
    if len(label) not in (4, 9):
        return label, label
    if (period.start.month, period.start.day) == (9, 1):
        return f"{label}学年", f"school year {label}"
    return f"{label}年", label


def day(value: date) -> str:
    """ISO date."""
    return value.isoformat()


def render(code: str, values: dict[str, str]) -> tuple[str, str]:
    """The zh and en messages of ``code`` with ``values`` filled in."""
    zh, en = TEMPLATES[code]
    return zh.format_map(values), en.format_map(values)
