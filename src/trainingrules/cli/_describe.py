"""Policies as text: the catalogue list, ``show`` and ``diff``, in Chinese or English.

Core only (no optional library). ``summary`` is the one-line English description of a
rule that ``docs/policies.md`` uses (``tests/test_docs.py`` renders the page with
it); ``summary_zh`` says the same in Chinese with the words of ``_messages``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from trainingrules import _messages as m
from trainingrules import policy
from trainingrules.policy import (
    Change,
    ChangeKind,
    Consequence,
    CountRule,
    CourseGrading,
    ExcludeRule,
    HoursRequirement,
    PeriodScheme,
    Policy,
    RemedialRule,
    Unit,
)
from trainingrules.records import Sex

__all__ = ["accepted", "accepted_zh", "catalogue", "changes", "show", "summary", "summary_zh"]

_TITLES = ("senior", "intermediate", "junior", "none")


def _any(values: Iterable[object]) -> str:
    return ", ".join(sorted(str(v) for v in values)) or "any"


def _figures(values: Sequence[Decimal | None]) -> str:
    return "/".join(str(x) if x is not None else "–" for x in values)


def _by_title(rule: Any) -> list[Decimal | None]:  # noqa: ANN401 - a ByTitle
    return [getattr(rule, t) for t in _TITLES]


_SUMMARIES: dict[str, Callable[[Any], str]] = {
    "CountRule": lambda r: (
        f"category {_any(r.selector.categories)}, programme {_any(r.selector.programmes)}"
        f" → `{r.bucket}` × {r.ratio}"
    ),
    "CreditStateRule": lambda r: f"only {_any(r.states)} credits count",
    "ExamRule": lambda r: f"mock / formal / makeup, pass at {r.pass_mark}",
    "WrittenWorkRule": lambda r: (
        f"notes ≥ {r.min_notes_chars} chars, posts ≥ {r.min_forum_posts}, "
        f"reflection ≥ {r.min_reflection_chars} chars, handwritten: {r.handwritten}"
    ),
    "AttendanceRule": lambda r: f"unexcused absence fails `{r.scheme}`",
    "RemedialRule": lambda r: (
        f"failed `{r.trigger}` → remedial, payer {r.payer}, "
        f"runs in {r.runs_in.label if r.runs_in else 'not stated'}, refund {r.refund_paid}"
        + (
            f", in scope {'up to' if r.age_limit.inclusive else 'under'} "
            f"{r.age_limit.male} (men) / {r.age_limit.female} (women)"
            f"{' inclusive' if r.age_limit.inclusive else ''}, "
            f"{r.age_limit.method} {r.age_limit.reference}"
            if r.age_limit
            else ""
        )
    ),
    "Consequence": lambda r: (
        ("failed" if r.after == 1 else f"{r.after} consecutive failed")
        + f" `{r.trigger}`"
        + (f" within a `{r.within}` period" if r.within else "")
        + " → "
        + {
            "ineligible": "not eligible for",
            "deferred": "deferred for",
            "eligible": "a factor (not a bar) in",
        }[r.outcome]
        + f" {_any(r.denies)}"
        + {
            "until_passed": "",
            "following_year": " in the following year",
            "next_period": " in the next period",
        }[r.lasts]
    ),
    "FeeSchedule": lambda r: (
        "/".join(str(getattr(r.per_year, t)) for t in _TITLES) + " yuan a year"
    ),
    "BudgetShare": lambda r: (
        f"{r.share} of the annual public-funds budget"
        + ("" if r.binding else " (a reference figure, 可参照)")
    ),
    "ExcludeRule": lambda r: (
        f"category {_any(r.selector.categories)}, programme {_any(r.selector.programmes)}"
        f" never counts: {r.reason.en}"
    ),
    "ServiceRule": lambda r: (
        f"partial service: {r.proration}"
        + (f", rounded to {r.rounding.quantum} ({r.rounding.mode})" if r.rounding else "")
    ),
}


def summary(rule: object) -> str:
    """What a rule says, in one line of English (the ``what`` of ``docs/policies.md``)."""
    if isinstance(rule, PeriodScheme):
        start = rule.start.isoformat() if rule.start else "not stated"
        count = f"{rule.count} × " if rule.count else "every "
        return f"{count}{rule.years} year(s) from {start}"
    if isinstance(rule, HoursRequirement):
        buckets = ", ".join(sorted(rule.buckets)) or "all"
        return (
            f"≥ {_figures(_by_title(rule.minimum))} h (senior/intermediate/junior/none) "
            f"of {buckets} per `{rule.scheme}`"
        )
    if isinstance(rule, CourseGrading):
        return f"weights {rule.weights[0]}/{rule.weights[1]}, pass at {rule.pass_mark}"
    return _SUMMARIES[type(rule).__name__](rule)


def accepted(p: Policy) -> str:
    """What a record must carry to count: the categories and programmes the policy names.

    The wording of the policy pages (``tests/test_docs.py`` ``_accepted``).
    """
    rules = p.of_type(CountRule)
    categories = sorted({c for r in rules for c in r.selector.categories})
    programmes = sorted({c for r in rules for c in r.selector.programmes if c})
    catch_all = any(not r.selector.categories for r in rules)
    named = ", ".join(f"`{c}`" for c in categories)
    if not named:
        line = "Categories: any (no count rule names one)" + (
            "." if catch_all else "; only the programmes or provider levels named count."
        )
    else:
        line = f"Categories it names: {named}" + (
            "; any other category counts too (a rule selects every category)."
            if catch_all
            else "; a record of any other category is not counted (`not_recognised`)."
        )
    if programmes:
        line += " Programmes it names: " + ", ".join(f"`{c}`" for c in programmes) + "."
    ruled_out = sorted({c for r in p.of_type(ExcludeRule) for c in r.selector.categories})
    if ruled_out:
        line += " Never counted: " + ", ".join(f"`{c}`" for c in ruled_out) + "."
    return line


# --- Chinese -----------------------------------------------------------------------------


def accepted_zh(p: Policy) -> str:
    """``accepted`` in Chinese."""
    rules = p.of_type(CountRule)
    categories = sorted({c for r in rules for c in r.selector.categories})
    programmes = sorted({c for r in rules for c in r.selector.programmes if c})
    named = "、".join(f"`{c}`" for c in categories)
    catch_all = any(not r.selector.categories for r in rules)
    if not named:
        line = "培训类别：不限（没有计数规则列名类别）" + (
            "" if catch_all else "；只计列名的培训项目或层级"
        )
    else:
        line = f"本政策列名的培训类别：{named}" + (
            "；其他类别也计入（有规则不限类别）"
            if catch_all
            else "；其他类别的记录不计（not_recognised）"
        )
    if programmes:
        line += "；列名的培训项目：" + "、".join(f"`{c}`" for c in programmes)
    ruled_out = sorted({c for r in p.of_type(ExcludeRule) for c in r.selector.categories})
    if ruled_out:
        line += "；不计入：" + "、".join(f"`{c}`" for c in ruled_out)
    return line + "。"


def _any_zh(values: Iterable[object]) -> str:
    return "、".join(sorted(str(v) for v in values)) or "不限"


_LASTS_ZH = {
    "until_passed": "，直至其后的期间合格",
    "following_year": "，限次年",
    "next_period": "，限下一期间",
}


def _consequence_zh(r: Consequence) -> str:
    failed = f"`{r.trigger}`不合格" if r.after == 1 else f"`{r.trigger}`连续{r.after}次不合格"
    if r.within:
        failed = f"在`{r.within}`期间内{failed}"
    kinds = [m.KINDS[d] for d in sorted(r.denies)]
    if r.outcome == "ineligible":
        effect = "；".join(k.denied.zh for k in kinds)
    elif r.outcome == "deferred":
        effect = "；".join(k.deferred.zh for k in kinds)
    else:
        effect = "；".join(m.considered(k).zh for k in kinds)
    return f"{failed} → {effect}{_LASTS_ZH[r.lasts]}"


def _remedial_zh(r: RemedialRule) -> str:
    text = f"`{r.trigger}`不合格 → 补训，{m.PAYERS[r.payer].zh}"
    if r.runs_in:
        text += f"，于{m.period_text(r.runs_in).zh}进行"
    if r.refund_paid:
        text += "，已收费用全额退还"
    if r.age_limit:
        limit = r.age_limit
        men = m.age_bound(Sex.MALE, limit.male, inclusive=limit.inclusive).zh
        women = m.age_bound(Sex.FEMALE, limit.female, inclusive=limit.inclusive).zh
        method = "按当年" if limit.method == "in_year" else "按日期"
        text += f"，范围：{men}、{women}（{method}，{m.day_zh(limit.reference)}）"
    return text


def _scheme_zh(r: PeriodScheme) -> str:
    count = f"共{r.count}期，" if r.count else ""
    start = f"自{m.day_zh(r.start)}起" if r.start else "起始日期文件未规定"
    return f"{count}每期{r.years}年，{start}"


_SUMMARIES_ZH: dict[str, Callable[[Any], str]] = {
    "CountRule": lambda r: (
        f"类别{_any_zh(r.selector.categories)}、项目{_any_zh(r.selector.programmes)}"
        + (f"、层级{_any_zh(r.selector.provider_levels)}" if r.selector.provider_levels else "")
        + f" → 计入`{r.bucket}` × {r.ratio}（{m.UNITS[r.unit].zh}）"
    ),
    "CreditStateRule": lambda r: f"只认可{m.states_text(r.states).zh}的学分",
    "ExcludeRule": lambda r: (
        f"类别{_any_zh(r.selector.categories)}、项目{_any_zh(r.selector.programmes)}"
        f"不计：{r.reason.zh}"
    ),
    "CourseGrading": lambda r: (
        f"平时成绩与结业考核权重{r.weights[0]}/{r.weights[1]}，{r.pass_mark}分及格"
    ),
    "ExamRule": lambda r: f"模拟考试、正考、补考，{r.pass_mark}分及格",
    "WrittenWorkRule": lambda r: (
        f"学习笔记不少于{r.min_notes_chars}字，论坛发帖不少于{r.min_forum_posts}次，"
        f"心得体会不少于{r.min_reflection_chars}字，{'须手写' if r.handwritten else '不限手写'}"
    ),
    "AttendanceRule": lambda r: f"无故缺席则`{r.scheme}`不合格",
    "RemedialRule": _remedial_zh,
    "Consequence": _consequence_zh,
    "FeeSchedule": lambda r: f"每年{_figures(_by_title(r.per_year))}元（高级/中级/初级/无职称）",
    "BudgetShare": lambda r: (
        f"年度公用经费预算的{m.number(r.share * 100)}%"
        + ("" if r.binding else "（参考比例，可参照）")
    ),
    "ServiceRule": lambda r: (
        "部分时间在岗："
        + ("按在岗天数折算要求" if r.proration == "by_days" else "仍按全额要求")
        + (f"，取整到{m.number(r.rounding.quantum)}（{r.rounding.mode}）" if r.rounding else "")
    ),
}


def summary_zh(rule: object, units: dict[str, Unit] | None = None) -> str:
    """What a rule says, in one line of Chinese; ``units`` gives each bucket's unit."""
    if isinstance(rule, PeriodScheme):
        return _scheme_zh(rule)
    if isinstance(rule, HoursRequirement):
        unit = _unit(rule, units or {})
        buckets = "、".join(f"`{b}`" for b in sorted(rule.buckets)) or "全部培训"
        return (
            f"每个`{rule.scheme}`期间{buckets}至少{_figures(_by_title(rule.minimum))}"
            f"{m.UNITS[unit].zh}（高级/中级/初级/无职称）"
        )
    return _SUMMARIES_ZH[type(rule).__name__](rule)


def _unit(rule: HoursRequirement, units: dict[str, Unit]) -> Unit:
    """The unit a requirement sums, as the engine's plan finds it."""
    return next((units[b] for b in (rule.buckets or units) if b in units), Unit.HOURS)


# --- layout ------------------------------------------------------------------------------


def _width(text: str) -> int:
    """Terminal cells: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _t(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def catalogue(lang: str) -> list[str]:
    """One line per catalogue policy: id, region, in force from, to, title."""
    lines = []
    for policy_id in policy.ids():
        p = policy.get(policy_id)
        until = p.effective_to.isoformat() if p.effective_to else _t(lang, "至今", "open")
        title = p.title.zh if lang == "zh" else p.title.en
        lines.append(
            f"{_pad(p.id, 24)}  {_pad(p.region, 6)}  {p.effective_from}  {_pad(until, 10)}  {title}"
        )
    return lines


def _day(value: date | None, lang: str) -> str:
    if value is None:
        return _t(lang, "至今", "open")
    return m.day_zh(value) if lang == "zh" else value.isoformat()


def _rule_lines(rule: Any, lang: str, units: dict[str, Unit]) -> list[str]:  # noqa: ANN401 - any rule
    label = getattr(rule, "label", None)
    named = f" — {label.zh if lang == 'zh' else label.en}" if label is not None else ""
    lines = [f"  {rule.id} ({type(rule).__name__}){named}"]
    lines.append("    " + (summary_zh(rule, units) if lang == "zh" else summary(rule)))
    if isinstance(rule, HoursRequirement):
        lines += _requirement_lines(rule, lang, _unit(rule, units))
    cite = rule.citation
    lines.append(f"    {_t(lang, '依据：', 'Cited: ')}{cite.document} {cite.clause}")
    if cite.quote:
        lines.append(f"      「{cite.quote}」" if lang == "zh" else f"      “{cite.quote}”")
    return lines


def _requirement_lines(rule: HoursRequirement, lang: str, unit: Unit) -> list[str]:
    words = m.UNITS[unit]
    titles = _t(lang, "高级/中级/初级/无职称", "senior/intermediate/junior/none")
    lines = []
    for cap in rule.caps:
        limit = (
            f"{_figures(_by_title(cap.at_most))} ({titles})"
            if cap.at_most is not None
            else _t(lang, f"要求的{cap.share}", f"{cap.share} of the requirement")
        )
        lines.append(
            "    "
            + _t(
                lang,
                f"上限：`{cap.bucket}`最多计{limit}{words.zh}（{cap.citation}）",
                f"cap: `{cap.bucket}` counts at most {limit} {words.en} ({cap.citation})",
            )
        )
    for part in rule.parts:
        figures = f"{_figures(_by_title(part.minimum))} ({titles})"
        lines.append(
            "    "
            + _t(
                lang,
                f"其中{part.label.zh}（`{part.bucket}`）至少{figures}{words.zh}",
                f"of which {part.label.en} (`{part.bucket}`): at least {figures} {words.en}",
            )
        )
    lines.extend(
        "    "
        + _t(
            lang,
            f"`{cover.surplus_of}`的超出部分可抵补`{cover.may_cover}`",
            f"a surplus of `{cover.surplus_of}` may cover `{cover.may_cover}`",
        )
        for cover in rule.covers
    )
    if rule.including is not None:
        one = rule.including
        lines.append(
            "    "
            + _t(
                lang,
                f"其中一次{one.label.zh}至少{m.number(one.minimum)}{words.zh}（{one.citation}）",
                f"including one {one.label.en} of at least {m.number(one.minimum)} "
                f"{words.en} ({one.citation})",
            )
        )
    return lines


def show(p: Policy, lang: str, selected_as: str | None = None) -> str:
    """Everything a policy says: rules, figures, citations, interpretations, limitations.

    ``selected_as`` is how the command line names the policy (an id, or a file for a
    policy loaded from one); the variants are named after it.
    """
    name = selected_as or p.id
    title = p.title.zh if lang == "zh" else p.title.en
    other = p.title.en if lang == "zh" else p.title.zh
    lines = [f"{p.id} — {title}", f"  {other}"]
    lines.append(
        _t(lang, "地区：", "Region: ")
        + f"{p.region} · "
        + _t(lang, "施行：", "in force: ")
        + f"{_day(p.effective_from, lang)} – {_day(p.effective_to, lang)}"
    )
    if p.parent:
        lines.append(_t(lang, f"变体，源自 {p.parent}", f"A variant of {p.parent}"))
    lines += ["", _t(lang, "文件", "Documents")]
    for doc in p.documents:
        issued = f", {_day(doc.issued, lang)}" if doc.issued else ""
        lines.append(f"  {doc.number} {doc.title} ({doc.issuer}{issued})")
    units = {rule.bucket: rule.unit for rule in p.of_type(CountRule)}
    lines += ["", _t(lang, "规则", "Rules")]
    for rule in p.rules:
        lines += _rule_lines(rule, lang, units)
    lines += ["", accepted_zh(p) if lang == "zh" else accepted(p)]
    if p.interpretations:
        lines += [
            "",
            _t(lang, "解读（文件有歧义之处）", "Interpretations (where the text is ambiguous)"),
        ]
        for note in p.interpretations:
            lines.append(f"  {note.id} — " + _t(lang, "涉及 ", "affects ") + ", ".join(note.rules))
            lines.append("    " + _t(lang, "文件原文：", "The text says: ") + note.text_says)
            lines.append("    " + _t(lang, "采用的理解：", "Reading encoded: ") + note.reading)
            lines.append("    " + _t(lang, "另一种理解：", "Alternative: ") + note.alternative)
            if note.alternative_rules:
                variant = f"{name}~{note.id}"
                lines.append(
                    "    "
                    + _t(lang, "选用另一种理解：", "Select the alternative: ")
                    + f"--policy {variant}"
                    + (f' · policy.get("{p.id}~{note.id}")' if selected_as is None else "")
                )
            else:
                lines.append(
                    "    "
                    + _t(
                        lang,
                        "另一种理解无法编码，没有变体",
                        "The alternative cannot be encoded: no variant",
                    )
                )
    if p.limitations:
        lines += ["", _t(lang, "局限（不计算的内容）", "Limitations (what is not computed)")]
        for limit in p.limitations:
            ids = f"{', '.join(limit.ids)}: " if limit.ids else ""
            lines.append(f"  {ids}{limit.what} {limit.why}")
    return "\n".join(lines) + "\n"


_KIND_ZH = {ChangeKind.ADDED: "新增", ChangeKind.REMOVED: "删除", ChangeKind.CHANGED: "修改"}


def changes(found: Sequence[Change], a: Policy, b: Policy, lang: str) -> list[str]:
    """The lines of ``diff``: one per change, with a summary of each rule added or removed."""
    lines = []
    for change in found:
        if lang != "zh":
            line = str(change)
        else:
            where = " ".join(
                x for x in (f"规则 {change.rule}" if change.rule else "", change.path) if x
            )
            line = f"{_KIND_ZH[change.kind]} {where}"
            if change.kind is ChangeKind.CHANGED:
                line += f"：{_value(change.old)} → {_value(change.new)}"
        if change.rule is not None and not change.path and change.kind is not ChangeKind.CHANGED:
            rule = (b if change.kind is ChangeKind.ADDED else a).rule(change.rule)
            text = summary_zh(rule) if lang == "zh" else summary(rule)
            line += f" ({type(rule).__name__}): {text}"
        lines.append(line)
    return lines


def _value(value: object) -> str:
    return repr(value) if not isinstance(value, str) else f"“{value}”"
