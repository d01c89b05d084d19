"""Message templates of findings, in Chinese and English, keyed by the finding code.

One place for the wording; codes are stable (docs/findings.md lists them), wording may
improve. Values are pre-formatted strings.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from trainingrules.cycles import AgeMethod, Period
from trainingrules.policy._consequences import DecisionKind, Payer
from trainingrules.policy._counting import Unit
from trainingrules.records import CreditState, ExamSitting, Sex, Title
from trainingrules.scoring import Prerequisite


class Words(NamedTuple):
    """A value to fill in a message, in Chinese and in English."""

    zh: str
    en: str


__all__: list[str] = []

TEMPLATES: dict[str, tuple[str, str]] = {
    # hours requirements
    "hours.met": (
        "{period}{label}已计{counted}{unit}，达到{required}{unit}的要求",
        "{period}: {counted} {unit} of {label}, meeting the {required} required",
    ),
    "hours.short": (
        "{period}{label}{counted}{unit}，少于要求的{required}{unit}（差{missing}{unit}）",
        "{period}: {counted} {unit} of {label}, below the {required} required ({missing} short)",
    ),
    "hours.open": (
        "{period}{label}已计{counted}{unit}，还需{missing}{unit}，截止{due}",
        "{period}: {counted} {unit} of {label} so far; needs {missing} more by {due}",
    ),
    "hours.not_started": (
        "{period}{label}尚未开始（{start}起），要求{required}{unit}",
        "{period}: {label} has not started (starts {start}); {required} {unit} required",
    ),
    "hours.no_figure": (
        "{period}{label}：文件未规定{title}教师的{unit}数，不适用",
        "{period}: the text states no {label} figure for teachers with {title}; not applied",
    ),
    "hours.no_service": (
        "{period}{label}：该教师在此期间不在岗，不适用",
        "{period}: {label} does not apply; the teacher was not in service in the period",
    ),
    "hours.part_met": (
        "{period}其中{part}已计{counted}{unit}，达到{required}{unit}",
        "{period}: {counted} {unit} of {part}, meeting the {required} required within {label}",
    ),
    "hours.part_short": (
        "{period}其中{part}{counted}{unit}，要求{required}{unit}，可抵补后仍差{missing}{unit}",
        (
            "{period}: {counted} {unit} of {part}, {required} required within {label}; "
            "{missing} short after any surplus that may cover it"
        ),
    ),
    "hours.activity_met": (
        "{period}{label}中有一次{activity}达到{best}{unit}（要求至少{minimum}{unit}）",
        "{period}: one {activity} of {best} {unit} within {label} (at least {minimum} required)",
    ),
    "hours.activity_short": (
        "{period}{label}中没有一次{activity}达到{minimum}{unit}（最多{best}{unit}）",
        (
            "{period}: no single {activity} of at least {minimum} {unit} within {label} "
            "(the largest is {best})"
        ),
    ),
    # the ledger
    "record.over_cap": (
        "记录{record}有{amount}{unit}超出{period}{label}中该类培训最多计{limit}{unit}的上限，不计",
        (
            "record {record}: {amount} {unit} over the cap of {limit} for its kind in "
            "{label}, {period}; not counted"
        ),
    ),
    "record.counted": (
        "记录{record}计{credited}{unit}（{periods}）",
        "record {record}: {credited} {unit} counted ({periods})",
    ),
    "record.after_as_of": (
        "记录{record}完成于{day}，晚于评估日{as_of}，不计",
        "record {record} was completed on {day}, after the evaluation date {as_of}; not counted",
    ),
    "record.ruled_out": (
        "记录{record}不计：{reason}",
        "record {record} does not count: {reason}",
    ),
    "record.credit_state": (
        "记录{record}的学分状态为{state}，只认可{accepted}的学分，不计",
        "record {record}: its credit is {state}; only {accepted} credits count",
    ),
    "record.not_recognised": (
        "记录{record}的{kind}不在本政策认可的培训范围内，不计",
        "record {record}: {kind} is not training this policy recognises; not counted",
    ),
    "record.course_not_passed": (
        "记录{record}所属课程未合格，不计学时",
        "record {record}: its course was not passed, so its hours do not count",
    ),
    "record.outside_periods": (
        "记录{record}完成于{day}，不在本政策考核的任何期间内，不计",
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
        "record {record}: {completed} of the course's {required} completed; may not sit the final",
    ),
    "course.hours_not_reported": (
        "记录{record}未报告课程规定学时或已完成学时，报告前不能申请结业考核",
        (
            "record {record}: the course's required or completed hours are not reported; "
            "may not sit the final until they are"
        ),
    ),
    "course.homework_failed": (
        "记录{record}作业成绩不合格，不能申请结业考核",
        "record {record}: homework not passed; may not sit the final",
    ),
    "course.homework_not_reported": (
        "记录{record}未报告作业成绩是否合格，报告前不能申请结业考核",
        (
            "record {record}: whether the homework was passed is not reported; "
            "may not sit the final until it is"
        ),
    ),
    "course.may_sit_final": (
        "记录{record}：{met}，可申请结业考核",
        "record {record}: {met}; may sit the final",
    ),
    # exams
    "exam.formal_passed": (
        "{label}正考{score}分，合格",
        "{label}: formal sitting {score}, passed",
    ),
    "exam.makeup_passed": (
        "{label}{formal}，补考{score}分，合格",
        "{label}: {formal}; makeup {score}, passed",
    ),
    "exam.makeup_failed": (
        "{label}{formal}，补考{score}分，不合格",
        "{label}: {formal}; makeup {score}, failed",
    ),
    "exam.makeup_absent": (
        "{label}{formal}，补考缺考，不合格",
        "{label}: {formal}; absent from the makeup, failed",
    ),
    "exam.no_formal": ("{label}尚无正考成绩", "{label}: no formal sitting yet"),
    "exam.awaiting_makeup": (
        "{label}{formal}，待补考",
        "{label}: {formal}; makeup pending",
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
        "study notes of {value}, below the {minimum} required",
    ),
    "written.posts_short": (
        "发帖{value}个，少于{minimum}个",
        "{value}, below the {minimum} required",
    ),
    "written.reflection_short": (
        "学习心得{value}字，少于{minimum}字",
        "reflection of {value}, below the {minimum} required",
    ),
    "written.printed": (
        "学习笔记和心得为打印稿，不予认可",
        "notes and reflection are printed; only handwritten work is accepted",
    ),
    # attendance
    "attendance.present": ("无无故缺席记录", "no unexcused absence"),
    "attendance.absent": (
        "地方课程培训期间无故缺席，不列入考核对象，{period}继续教育成绩为不合格",
        (
            "unexcused absence from the local course: not assessed; the continuing-education "
            "result of {period} is a fail"
        ),
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
        "failed {periods}: remedial training required{when}, {payer}",
    ),
    "remedial.out_of_scope": (
        "{periods}培训不合格，但{age}，不在补训范围（补训对象为{bound}的教师）",
        "failed {periods}, but {age}: outside the remedial scope ({bound})",
    ),
    "remedial.not_required": (
        "{label}无不合格记录，无需补训",
        "no failed {label}: no remedial training",
    ),
    "remedial.refund": (
        "已缴纳的补训{when}费用{amount}元，应全额退还",
        "fees already paid for remedial training{when}, {amount} yuan, must be refunded in full",
    ),
    # eligibility
    "decision.ineligible": (
        "{failed}，{when}{denied}",
        "{failed}, so {denied}{when}",
    ),
    "decision.deferred": (
        "{failed}，{when}{deferred}",
        "{failed}, so {deferred}{when}",
    ),
    "decision.considered": (
        "{failed}，{when}作为{kind}的考虑因素，不构成否决",
        "{failed}: a factor weighed in {kind}{when}, not a bar",
    ),
    "decision.expired": (
        "{failed}，{when}{imposed}；该限制已于{end}届满，不再适用",
        "{failed}: {imposed}{when}; that ended on {end} and no longer applies",
    ),
    "decision.not_consecutive": (
        "{period}{label}不合格，但未连续{after}次不合格，{kind}不受影响",
        "{period}: {label} failed, but not {after} times in a row; {kind} is not barred",
    ),
    "decision.window_clear": (
        "{window}内{label}{none}，{kind}不受影响",
        "within {window}: {label} {none}; {kind} is not barred",
    ),
    "decision.no_window": (
        "评估日不在任何{window}内，{kind}不受本条影响",
        "the evaluation date is in no {window}; {kind} is not barred by this rule",
    ),
    "decision.eligible": (
        "{period}{label}合格，{kind}不受影响",
        "{period}: {label} passed; {kind} is not barred",
    ),
    "decision.pending": (
        "{label}结果未定，{kind}待定",
        "{label}: no result yet, so {kind} is pending",
    ),
    # money
    "fee.due": (
        "{title}教师每年培训费{amount}元",
        "the yearly training fee for teachers with {title} is {amount} yuan",
    ),
    "fee.not_stated": (
        "文件未规定{title}教师的培训费",
        "the text states no training fee for teachers with {title}",
    ),
}

TITLES = {
    Title.SENIOR: Words("高级职称", "a senior title"),
    Title.INTERMEDIATE: Words("中级职称", "an intermediate title"),
    Title.JUNIOR: Words("初级职称", "a junior title"),
    Title.NONE: Words("无职称", "no title"),
}

STATES = {
    CreditState.REGISTERED: Words("已登记", "registered"),
    CreditState.REVIEWED: Words("已审核", "reviewed"),
    CreditState.VERIFIED: Words("已验证", "verified"),
}
UNKNOWN_STATE = Words("未知", "unknown")

SEXES = {Sex.MALE: Words("男", "men"), Sex.FEMALE: Words("女", "women")}

PAYERS = {
    Payer.FREE: Words("免收费用", "free of charge"),
    Payer.TEACHER: Words("费用自理", "at the teacher's own cost"),
}

RECORDED = Words("已记录", "recorded")


class Kind(NamedTuple):
    """A decision kind: its name, and the phrases saying it is denied or deferred."""

    zh: str
    en: str
    denied: Words
    deferred: Words


KINDS = {
    DecisionKind.RE_REGISTRATION: Kind(
        "教师资格再注册",
        "re-registration of the teaching qualification",
        Words("不予办理教师资格再注册", "re-registration of the teaching qualification is refused"),
        Words(
            "暂缓办理教师资格再注册", "re-registration of the teaching qualification is deferred"
        ),
    ),
    DecisionKind.ANNUAL_ASSESSMENT: Kind(
        "教师考核",
        "the annual assessment",
        Words(
            "不具备教师考核合格的必备条件",
            "a necessary condition of passing the annual assessment is not met",
        ),
        Words("暂缓教师考核", "the annual assessment is deferred"),
    ),
    DecisionKind.TITLE_APPOINTMENT: Kind(
        "职务聘任",
        "title appointment",
        Words("不得评聘教师职务", "no title appointment"),
        Words("暂缓评聘教师职务", "title appointment is deferred"),
    ),
    DecisionKind.PROMOTION: Kind(
        "晋级、晋升教师职务",
        "promotion",
        Words("不得晋级、晋升教师职务", "no promotion"),
        Words("暂缓晋级、晋升教师职务", "promotion is deferred"),
    ),
    DecisionKind.SIT_FINAL: Kind(
        "申请结业考核",
        "sitting the final",
        Words("不能申请结业考核", "may not sit the final"),
        Words("暂缓申请结业考核", "sitting the final is deferred"),
    ),
    DecisionKind.REMEDIAL: Kind(
        "补训",
        "remedial training",
        Words("不在补训范围", "outside the remedial scope"),
        Words("暂缓补训", "remedial training is deferred"),
    ),
}

UNITS = {Unit.HOURS: Words("学时", "hours"), Unit.CREDITS: Words("学分", "credits")}


def number(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``48``, ``359.5``."""
    return format(value.normalize(), "f")


def how_many(value: Decimal | int, singular: str, plural: str) -> Words:
    """A count: the number alone in Chinese, with its English noun (``1 forum post``).

    The Chinese template has the measure word; English is singular for exactly one.

    >>> how_many(1, "forum post", "forum posts"), how_many(2, "forum post", "forum posts").en
    (Words(zh='1', en='1 forum post'), '2 forum posts')
    >>> how_many(Decimal("1.0"), "hour", "hours").en, how_many(Decimal("0.5"), "hour", "hours").en
    ('1 hour', '0.5 hours')
    """
    text = number(Decimal(value))
    return Words(text, f"{text} {singular if value == 1 else plural}")


PREREQUISITES = {
    Prerequisite.REQUIRED_HOURS: Words("已修满规定学时", "required hours completed"),
    Prerequisite.HOMEWORK_PASSED: Words("作业成绩合格", "homework passed"),
}


def prerequisites_met(stated: Iterable[Prerequisite]) -> Words:
    """The prerequisites of a final that were met, or that the policy states none."""
    named = set(stated)
    met = [PREREQUISITES[p] for p in Prerequisite if p in named]
    if not met:
        return Words(
            "本政策未规定结业考核的前提条件", "the policy states no prerequisite for the final"
        )
    return Words("且".join(w.zh for w in met), " and ".join(w.en for w in met))


def formal_sitting(formal: ExamSitting | None) -> Words:
    """A formal sitting that did not pass: ``正考缺考`` or ``正考未通过（40分）``."""
    if formal is None:
        return Words("", "")
    if formal.score is None:
        return Words("正考缺考", "absent from the formal sitting")
    score = number(formal.score)
    return Words(f"正考未通过（{score}分）", f"formal sitting failed ({score})")


def period_text(period: Period) -> Words:
    """The period as a sentence opener: ``2007年`` / ``2007``, ``2012–2013学年`` / …."""
    start, last = period.start, period.last_day
    if (start.month, start.day) == (1, 1) and (last.month, last.day) == (12, 31):
        years = str(start.year) if start.year == last.year else f"{start.year}–{last.year}"
        return Words(f"{years}年", years)
    if (start.month, start.day) == (9, 1) and (last.month, last.day) == (8, 31):
        if last.year == start.year + 1:
            years = f"{start.year}–{last.year}"
            return Words(f"{years}学年", f"school year {years}")
        return Words(
            f"{start.year}–{start.year + 1}至{last.year - 1}–{last.year}学年",
            f"school years {start.year}–{start.year + 1} to {last.year - 1}–{last.year}",
        )
    return Words(f"{day_zh(start)}至{day_zh(last)}", f"{start.isoformat()} to {last.isoformat()}")


def period_label(label: Words | object, period: Period) -> Words:
    """A scheme's period: ``2011–2015年五年培训周期``, ``five-year training cycle 2011–2015``.

    The label comes first in English, after the period in Chinese.
    """
    text = period_text(period)
    return Words(
        f"{text.zh}{getattr(label, 'zh', label)}", f"{getattr(label, 'en', label)} {text.en}"
    )


def day(value: date) -> str:
    """ISO date."""
    return value.isoformat()


def day_zh(value: date) -> str:
    """``2014年12月15日``."""
    return f"{value.year}年{value.month}月{value.day}日"


def join(items: list[Words]) -> Words:
    """Items joined with 、 in Chinese and commas in English."""
    if len(items) == 1:  # most records count in one period
        return items[0]
    return Words("、".join(i.zh for i in items), ", ".join(i.en for i in items))


def age_text(years: int, method: AgeMethod, reference: date) -> Words:
    """``2014年满55周岁`` / ``aged 55 in 2014``, or on a day."""
    if method is AgeMethod.IN_YEAR:
        return Words(f"{reference.year}年满{years}周岁", f"aged {years} in {reference.year}")
    return Words(f"{day_zh(reference)}已满{years}周岁", f"aged {years} on {reference.isoformat()}")


def within(period: Period | None) -> Words:
    """``（2014–2015学年）`` / `` in school year 2014–2015``, or nothing."""
    if period is None:
        return Words("", "")
    text = period_text(period)
    return Words(f"（{text.zh}）", f" in {text.en}")


class Bilingual(Protocol):
    """Anything with a Chinese and an English rendering (``Words``, a policy ``Text``)."""

    @property
    def zh(self) -> str:
        """The Chinese."""

    @property
    def en(self) -> str:
        """The English."""


# --- phrases of decisions (decision.*) ---------------------------------------------------


def failures(label: Bilingual, periods: Sequence[Period]) -> Words:
    """``2011–2015年五年培训周期不合格``, or ``2022年、2023年年度培训连续2次不合格``."""
    if len(periods) == 1:
        named = period_label(label, periods[0])
        return Words(f"{named.zh}不合格", f"{named.en} failed")
    listed = join([period_text(p) for p in periods])
    n = len(periods)
    return Words(
        f"{listed.zh}{label.zh}连续{n}次不合格",
        f"{label.en} failed {n} times in a row ({listed.en})",
    )


def in_window(window: Words, failed: Words) -> Words:
    """A failure within a window: ``2021–2025年注册周期内2022年年度培训不合格``."""
    return Words(f"{window.zh}内{failed.zh}", f"{failed.en} within {window.en}")


def until_passed(label: Bilingual) -> Words:
    """``在其后的五年培训周期合格前`` / `` until a later five-year training cycle is passed``."""
    return Words(f"在其后的{label.zh}合格前", f" until a later {label.en} is passed")


def following_year(year: int) -> Words:
    """``次年（2011年）`` / `` in the following year, 2011``."""
    return Words(f"次年（{year}年）", f" in the following year, {year}")


def next_period(label: Bilingual, period: Period) -> Words:
    """``在下一注册周期（2026–2030年）`` / `` during the next registration cycle, 2026–2030``."""
    text = period_text(period)
    return Words(f"在下一{label.zh}（{text.zh}）", f" during the next {label.en}, {text.en}")


def during(label: Bilingual, period: Period) -> Words:
    """``2021–2025年注册周期内`` / `` during registration cycle 2021–2025``."""
    named = period_label(label, period)
    return Words(f"{named.zh}内", f" during {named.en}")


def considered(kind: Bilingual) -> Words:
    """``作为晋级的考虑因素`` / ``a factor weighed in promotion``."""
    return Words(f"作为{kind.zh}的考虑因素", f"a factor weighed in {kind.en}")


def no_failures(after: int) -> Words:
    """``无不合格`` / ``has not failed``, or not ``after`` times in a row."""
    if after == 1:
        return Words("无不合格", "has not failed")
    return Words(f"无连续{after}次不合格", f"has not failed {after} times in a row")


def render(code: str, values: Mapping[str, object]) -> tuple[str, str]:
    """The zh and en messages of ``code``; a value with ``zh`` / ``en`` fills each language.

    What ``template.format_map`` gives (``tests/test_messages.py`` checks every
    template), from a function compiled once per code: a finding is rendered for
    every record of every teacher, and parsing the templates each time cost more
    than the rest of the finding.
    """
    renderer = _RENDERERS.get(code)
    if renderer is None:
        renderer = _RENDERERS[code] = _compile(code)
    return renderer(values)


_RENDERERS: dict[str, Callable[[Mapping[str, object]], tuple[str, str]]] = {}


def _compile(code: str) -> Callable[[Mapping[str, object]], tuple[str, str]]:
    """The renderer of ``code``: both templates as f-strings over the values they name."""
    names: dict[str, int] = {}
    texts = []
    for language, template in zip(("zh", "en"), TEMPLATES[code], strict=True):
        text = ""
        for literal, field, _, _ in string.Formatter().parse(template):
            text += literal.replace("{", "{{").replace("}", "}}")
            if field is not None:
                text += f"{{{language}{names.setdefault(field, len(names))}}}"
        texts.append("f" + repr(text))
    lines = [
        f"    v{i} = values[{name!r}]\n"
        f"    zh{i}, en{i} = (v{i}, v{i}) if type(v{i}) is str else "
        f"(getattr(v{i}, 'zh', v{i}), getattr(v{i}, 'en', v{i}))\n"
        for name, i in names.items()
    ]
    source = f"def render(values):\n{''.join(lines)}    return ({texts[0]}, {texts[1]})\n"
    namespace: dict[str, Any] = {"__builtins__": {"type": type, "str": str, "getattr": getattr}}
    # Generated from the library's own templates, never from data (as ``_json``'s encoders).
    exec(source, namespace)  # noqa: S102
    renderer: Callable[[Mapping[str, object]], tuple[str, str]] = namespace["render"]
    return renderer


# --- phrases of the ledger and of remedial training ---------------------------------------


def date_text(value: date) -> Words:
    """``2014年12月15日`` / ``2014-12-15``."""
    return Words(day_zh(value), day(value))


def states_text(states: Iterable[CreditState]) -> Words:
    """Accepted credit states: ``已审核、已验证`` / ``reviewed or verified``."""
    words = [STATES[state] for state in sorted(states)]
    return Words("、".join(w.zh for w in words), " or ".join(w.en for w in words))


def record_kind(category: str, programme: str) -> Words:
    """What a record says it is, quoted as its own data: ``类别“x”`` / ``category 'x'``.

    The category and programme are the caller's own codes, quoted as given, so a
    reader sees they come from the record, not from the policy.
    """
    if not programme:
        return Words(f"类别“{category}”", f"category '{category}'")
    return Words(
        f"类别“{category}”、项目“{programme}”",
        f"category '{category}' of programme '{programme}'",
    )


def age_bound(sex: Sex, limit: int, *, inclusive: bool) -> Words:
    """The age scope: ``男55周岁以下（含55周岁）`` / ``men aged 55 or under``, or ``男不满55周岁``.

    By 民法典 art. 1259 以下 includes the number and 不满 excludes it; the phrase says
    which, so that a teacher of exactly the limit reads the scope correctly.
    """
    who = SEXES[sex]
    if inclusive:
        return Words(f"{who.zh}{limit}周岁以下（含{limit}周岁）", f"{who.en} aged {limit} or under")
    return Words(f"{who.zh}不满{limit}周岁", f"{who.en} under {limit}")
