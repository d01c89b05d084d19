"""The docs agree with the code: error codes, finding codes, the generated catalogue page.

Regenerate docs/policies.md with ``python tests/test_docs.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from trainingrules import _messages, policy
from trainingrules.policy import CourseGrading, HoursRequirement, PeriodScheme

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def render_catalogue() -> str:
    """The catalogue page, generated from the policies themselves."""
    lines = [
        "# Policies in the catalogue",
        "",
        "Generated from the code by `python tests/test_docs.py`; `tests/test_docs.py`",
        "fails when this page and the catalogue disagree.",
        "",
        "| id | region | in force | title |",
        "|---|---|---|---|",
    ]
    for policy_id in policy.ids():
        p = policy.get(policy_id)
        until = p.effective_to.isoformat() if p.effective_to else "open"
        lines.append(f"| `{p.id}` | {p.region} | {p.effective_from} – {until} | {p.title.zh} |")
    for policy_id in policy.ids():
        p = policy.get(policy_id)
        lines += ["", f"## `{p.id}` — {p.title.zh}", "", f"*{p.title.en}*", "", "Documents:", ""]
        lines += [f"- {d.number} — {d.title} ({d.issuer})" for d in p.documents]
        lines += ["", "| rule | kind | what | clause |", "|---|---|---|---|"]
        for rule in p.rules:
            kind = type(rule).__name__
            lines.append(f"| `{rule.id}` | {kind} | {_summary(rule)} | {rule.citation.clause} |")
        lines += ["", *_accepted(p)]
        if p.interpretations:
            lines += ["", "Interpretations:", ""]
            for note in p.interpretations:
                variant = f" Variant: `{p.id}~{note.id}`." if note.alternative_rules else ""
                lines.append(
                    f"- `{note.id}`: {note.reading} Alternative: {note.alternative}{variant}"
                )
        if p.limitations:
            lines += ["", "Limitations:", ""]
            lines += [
                f"- {', '.join(n.ids)}: {n.what} {n.why}" if n.ids else f"- {n.what} {n.why}"
                for n in p.limitations
            ]
    return "\n".join(lines) + "\n"


def _accepted(p: policy.Policy) -> list[str]:
    """What a record must carry to count: the categories and programmes the policy names."""
    rules = p.of_type(policy.CountRule)
    categories = sorted({c for r in rules for c in r.selector.categories})
    programmes = sorted({c for r in rules for c in r.selector.programmes if c})
    catch_all = any(not r.selector.categories for r in rules)
    named = ", ".join(f"`{c}`" for c in categories) or "none named"
    line = f"Categories it names: {named}" + (
        "; any other category counts too (a rule selects every category)." if catch_all else "."
    )
    if programmes:
        line += " Programmes it names: " + ", ".join(f"`{c}`" for c in programmes) + "."
    ruled_out = sorted({c for r in p.of_type(policy.ExcludeRule) for c in r.selector.categories})
    if ruled_out:
        line += " Never counted: " + ", ".join(f"`{c}`" for c in ruled_out) + "."
    return [line]


def _summary(rule: object) -> str:
    if isinstance(rule, PeriodScheme):
        start = rule.start.isoformat() if rule.start else "not stated"
        count = f"{rule.count} × " if rule.count else "every "
        return f"{count}{rule.years} year(s) from {start}"
    if isinstance(rule, HoursRequirement):
        m = rule.minimum
        figures = "/".join(
            str(x) if x is not None else "–" for x in (m.senior, m.intermediate, m.junior, m.none)
        )
        buckets = ", ".join(sorted(rule.buckets)) or "all"
        return f"≥ {figures} h (senior/intermediate/junior/none) of {buckets} per `{rule.scheme}`"
    if isinstance(rule, CourseGrading):
        return f"weights {rule.weights[0]}/{rule.weights[1]}, pass at {rule.pass_mark}"
    return _SUMMARIES[type(rule).__name__](rule)


def _any(values: frozenset[object]) -> str:
    return ", ".join(sorted(str(v) for v in values)) or "any"


_SUMMARIES = {
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
        "/".join(str(getattr(r.per_year, t)) for t in ("senior", "intermediate", "junior", "none"))
        + " yuan a year"
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


def test_catalogue_page_is_generated_from_the_code():
    page = (DOCS / "policies.md").read_text(encoding="utf-8")
    assert page == render_catalogue(), "docs/policies.md is stale: run python tests/test_docs.py"


def test_every_error_code_raised_in_the_source_is_documented():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    raised = set(re.findall(r'code="([a-z_]+\.[a-z_]+)"', source))
    raised |= set(re.findall(r'default_code = "([a-z_]+\.[a-z_]+)"', source))
    raised |= {
        f"{prefix}.{suffix}"
        for prefix in ("input", "policy")
        for suffix in re.findall(r'_code\(error, "([a-z_]+)"\)', source)
    }
    documented = set(
        re.findall(
            r"^\| `([a-z_]+\.[a-z_]+)` \|",
            (DOCS / "errors.md").read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    )
    assert raised, "the scan found no codes: the pattern is broken"
    assert raised <= documented, f"undocumented error codes: {sorted(raised - documented)}"


def test_every_finding_code_is_documented():
    documented = set(
        re.findall(
            r"^\| `([a-z_]+\.[a-z_]+)` \|",
            (DOCS / "findings.md").read_text(encoding="utf-8"),
            re.MULTILINE,
        )
    )
    assert set(_messages.TEMPLATES) == documented


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- test-command -->", 1)[1]
    command = next(line for line in block.splitlines() if line.startswith("python3"))
    assert "pytest" in command
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


if __name__ == "__main__":
    (DOCS / "policies.md").write_text(render_catalogue(), encoding="utf-8")
    sys.stdout.write("wrote docs/policies.md\n")
