"""The docs agree with the code: generated pages, error codes, finding codes, the site's parts.

Generated from the policy objects by one generator (this file): ``docs/policies.md``
(the catalogue), ``docs/policies/<id>.md`` (one page per policy) and
``docs/interpretations.md``. Regenerate them with ``python tests/test_docs.py``; the
tests fail when a generated page is stale, or a page is left for a policy that is gone.
"""

from __future__ import annotations

import doctest
import importlib.util
import re
import sys
import xml.etree.ElementTree as ET  # the SVG parsed is our own, drawn by docs/conf.py
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import ModuleType

import attrs
import pytest

from trainingrules import _messages, policy, regions
from trainingrules.cli._describe import summary as _summary  # one wording: CLI and docs
from trainingrules.cycles import Period
from trainingrules.policy import CourseGrading, HoursRequirement, PeriodScheme
from trainingrules.policy import _rules as blocks
from trainingrules.scoring import Rounding

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

ART_1259 = (
    "民法所称的“以上”、“以下”、“以内”、“届满”，包括本数；所称的“不满”、“超过”、“以外”，不包括本数。"
)
"""《中华人民共和国民法典》第一千二百五十九条, verbatim."""

TERMS = (
    ("不少于", "not fewer than: the figure itself is enough (≥)"),
    ("不低于", "not lower than: the figure itself is enough (≥)"),
    ("不超过", "not more than: the figure itself is allowed (≤)"),
    ("以上", "includes the number (民法典 art. 1259)"),
    ("以下", "includes the number (民法典 art. 1259)"),
    ("以内", "includes the number (民法典 art. 1259)"),
    ("届满", "includes the number (民法典 art. 1259)"),
    ("不满", "excludes the number (民法典 art. 1259)"),
    ("超过", "excludes the number (民法典 art. 1259)"),
    ("以外", "excludes the number (民法典 art. 1259)"),
)
"""Terms of degree and what they mean for the figure they follow, longest match first."""


def render_catalogue() -> str:
    """The catalogue page: every policy, with a link to its own page."""
    lines = [
        "# Policies in the catalogue",
        "",
        "Generated from the policy objects by `python tests/test_docs.py`;",
        "`tests/test_docs.py` fails when these pages and the catalogue disagree. Each policy",
        "has a page of its own: its documents, every rule with the clause it encodes and",
        "the verbatim quote, its interpretations and how to select each variant, its",
        "limitations and the records it counts. Every ambiguous clause of the catalogue is",
        "also on one page: [Interpretations](interpretations.md).",
        "",
        "| id | region | in force | title | rules | variants |",
        "|---|---|---|---|---|---|",
    ]
    for p in policy.DEFAULT:
        until = p.effective_to.isoformat() if p.effective_to else "open"
        variants = sum(1 for note in p.interpretations if note.alternative_rules)
        lines.append(
            f"| [`{p.id}`](policies/{p.id}.md) | {p.region} {_region_name(p)} | "
            f"{p.effective_from} – {until} | {p.title.zh} | {len(p.rules)} | {variants} |"
        )
    lines += [
        "",
        "`policy.get(id)` returns a policy; `policy.find(region, on)` the one in force for a",
        "GB/T 2260 region code on a day (the most specific region wins, then the latest",
        '`effective_from`); `policy.get("<id>~<interpretation>")` the variant that takes an',
        "interpretation's alternative reading. See [Catalogues](catalogue.md) to add your own.",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        *(f"policies/{p.id}" for p in policy.DEFAULT),
        "```",
    ]
    return "\n".join(lines) + "\n"


def _region_name(p: policy.Policy) -> str:
    return regions.lookup(p.region, on=p.effective_from).name


def render_policy_page(p: policy.Policy) -> str:  # noqa: C901, PLR0912 - one page, section by section
    """One policy's page: documents, rules with quotes, interpretations, limitations, inputs."""
    until = p.effective_to.isoformat() if p.effective_to else "open (no end stated)"
    lines = [
        f"# `{p.id}` — {p.title.zh}",
        "",
        f"*{p.title.en}*",
        "",
        "Generated from the policy object by `python tests/test_docs.py`; do not edit.",
        "",
        "| | |",
        "|---|---|",
        f"| id | `{p.id}` |",
        f"| region | {p.region} {_region_name(p)} |",
        f"| in force | {p.effective_from} – {until} |",
        f"| rules | {len(p.rules)} |",
        "",
        "```python",
        ">>> from trainingrules import policy",
        f">>> p = policy.get({p.id!r})",
        ">>> p.region, str(p.effective_from)",
        f"({p.region!r}, {str(p.effective_from)!r})",
        "",
        "```",
        "",
        "## Documents",
        "",
    ]
    for d in p.documents:
        issued = f", issued {d.issued}" if d.issued else ""
        text = (
            f" Text shipped as `{d.source}` (`Document.text()`)."
            if d.source
            else " Text not shipped."
        )
        lines.append(f"- **{d.number}** — {d.title} ({d.issuer}{issued}).{text}")
    lines += [
        "",
        "## Rules",
        "",
        "| rule | building block | what | clause |",
        "|---|---|---|---|",
    ]
    for rule in p.rules:
        kind = type(rule).__name__
        block = f"[{kind}](../building-blocks.md#{kind.lower()})"
        lines.append(
            f"| [`{rule.id}`](#{_anchor(p.id, rule.id)}) | {block} "
            f"| {_cell(_summary(rule))} | {rule.citation.clause} |"
        )
    for rule in p.rules:
        lines += ["", f"({_anchor(p.id, rule.id)})=", f"### `{rule.id}`", ""]
        lines += [f"{type(rule).__name__}: {_summary(rule)}.", ""]
        for where, citation in _all_citations(rule):
            label = f" ({where})" if where else ""
            lines.append(f"Cited{label}: {citation.document} {citation.clause}")
            lines.append("")
            if citation.quote:
                lines += [f"> {citation.quote}", ""]
        notes = [n.id for n in p.interpretations if rule.id in n.rules]
        if notes:
            lines += [
                "Depends on the interpretation(s) "
                + ", ".join(f"[`{n}`](#{_anchor(p.id, 'note', n)})" for n in notes)
                + ".",
                "",
            ]
    lines += ["", "## Interpretations", ""]
    if not p.interpretations:
        lines += ["None: no clause this policy encodes was found ambiguous.", ""]
    for note in p.interpretations:
        lines += [f"({_anchor(p.id, 'note', note.id)})=", f"### `{note.id}`", ""]
        lines += [f"- **The text says:** {note.text_says}"]
        lines += [f"- **Reading encoded:** {note.reading}"]
        lines += [f"- **Alternative:** {note.alternative}"]
        if note.rules:
            lines += ["- **Rules it affects:** " + ", ".join(f"`{r}`" for r in note.rules)]
        lines += [f"- **Variant:** {_variant_text(p, note)}", ""]
    variants = [n.id for n in p.interpretations if n.alternative_rules]
    if variants:
        lines += [
            "Every variant is one call away, and its parent is this policy:",
            "",
            "```python",
            '>>> [policy.get(f"{p.id}~{note}").parent for note in ' + repr(variants) + "]",
            repr([p.id] * len(variants)),
            "",
            "```",
            "",
        ]
    lines += ["## Limitations", ""]
    if not p.limitations:
        lines += ["None stated.", ""]
    for n in p.limitations:
        ids = f"{', '.join(n.ids)}: " if n.ids else ""
        lines += [f"- {ids}{n.what} {n.why}"]
    if p.limitations:
        lines.append("")
    lines += ["", "## What it counts and what it needs", "", *_accepted(p), "", *_inputs(p)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip() + "\n"


def _anchor(*names: str) -> str:
    """A label unique in the whole site: the policy id, then the rule or note id."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(names).lower()).strip("-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _variant_text(p: policy.Policy, note: policy.Interpretation) -> str:
    if note.alternative_rules:
        return f'`policy.get("{p.id}~{note.id}")`'
    return "none: the alternative cannot be encoded without inventing what the text does not state."


def _all_citations(rule: object) -> list[tuple[str, policy.Citation]]:
    """A rule's own citation, then those of its parts (caps, activity, prerequisites)."""
    found: list[tuple[str, policy.Citation]] = [("", rule.citation)]  # type: ignore[attr-defined]
    if isinstance(rule, HoursRequirement):
        found += [(f"cap on `{c.bucket}`", c.citation) for c in rule.caps]
        if rule.including is not None:
            found.append(("single-activity minimum", rule.including.citation))
    if isinstance(rule, CourseGrading) and rule.prerequisites_citation is not None:
        found.append(("prerequisites", rule.prerequisites_citation))
    return found


def _inputs(p: policy.Policy) -> list[str]:
    """What an evaluation under ``p`` reads besides the records' hours, dates and categories."""
    lines = []
    states = p.of_type(policy.CreditStateRule)
    if states:
        named = ", ".join(f"`{s.value}`" for s in sorted(states[0].states))
        lines.append(f"- Only records whose `credit_state` is {named} count (`{states[0].id}`).")
    for rule in p.of_type(policy.RemedialRule):
        if rule.refund_paid:
            lines.append(
                f"- `{rule.id}` refunds the `fee_paid` of remedial training: records of "
                f"category {_codes(rule.fees_on.categories)}"
                + (f" in {rule.runs_in.label}" if rule.runs_in else "")
                + "."
            )
        if rule.age_limit is not None:
            lines.append(
                f"- `{rule.id}` reads the teacher's `sex` and `birth_date` (its age limit)."
            )
    if p.of_type(CourseGrading):
        lines.append(
            "- Records that carry a `course` (`CourseResult`) count only if the course passes "
            f"(`{p.of_type(CourseGrading)[0].id}`)."
        )
    assessed = [
        r.id
        for r in p.rules
        if isinstance(r, blocks.ExamRule | blocks.WrittenWorkRule | blocks.AttendanceRule)
    ]
    if assessed:
        lines.append(
            "- An `Assessment` input (exam sittings, written work, attendance) for "
            + ", ".join(f"`{a}`" for a in assessed)
            + "."
        )
    undated = [s.id for s in p.of_type(PeriodScheme) if s.start is None]
    if undated:
        lines.append(
            "- `Outcome` inputs for the undated scheme(s) "
            + ", ".join(f"`{s}`" for s in undated)
            + "."
        )
    if any(
        len({r.minimum.senior, r.minimum.intermediate, r.minimum.junior, r.minimum.none}) > 1
        for r in p.of_type(HoursRequirement)
    ):
        lines.append("- The teacher's `title`: figures differ by title.")
    lines.extend(
        "- The teacher's `employed_from`, `employed_to` and `leaves` "
        f"(`{service.id}`: {service.proration})."
        for service in p.of_type(blocks.ServiceRule)
    )
    return lines


def _conventions(text: str) -> list[tuple[str, str]]:
    """The terms of degree in ``text``, longest first, each once."""
    found = []
    for term, meaning in TERMS:
        if term in text:
            found.append((term, meaning))
            text = text.replace(term, " ")
    return found


def render_interpretations() -> str:
    """Every interpretation of the catalogue: clause, reading, alternative, variant, convention."""
    lines = [
        "# Interpretations",
        "",
        "Where a clause can be read more than one way, a policy encodes one reading, states",
        "the other, and, where the other can be encoded without inventing figures, offers it",
        'as a variant: `policy.get("<policy id>~<interpretation id>")`. Generated from the',
        "policies' `Interpretation` objects by `python tests/test_docs.py`; do not edit.",
        "",
        "## The statutory convention",
        "",
        "Terms of degree are read as 《中华人民共和国民法典》第一千二百五十九条 defines them:",
        "",
        f"> {ART_1259}",
        "",
        "| term | reading |",
        "|---|---|",
        *(f"| {term} | {meaning} |" for term, meaning in TERMS),
        "",
        "So 55周岁以下 takes in 55 and 60分以上 takes in 60, while 不满55周岁 stops short of",
        "55. 不少于, 不低于 and 不超过 are not in article 1259; they are read by their plain",
        "words.",
        "Under each interpretation, *terms of degree* lists those found in what the text says",
        "and in the quotes of the rules it affects.",
        "",
    ]
    for p in policy.DEFAULT:
        lines += [f"## [`{p.id}`](policies/{p.id}.md) — {p.title.zh}", ""]
        if not p.interpretations:
            lines += ["No interpretation.", ""]
            continue
        for note in p.interpretations:
            rules = [p.rule(r) for r in note.rules]
            clauses = sorted({f"{r.citation.document} {r.citation.clause}" for r in rules})
            quoted = " ".join(r.citation.quote for r in rules)
            terms = _conventions(note.text_says + " " + quoted)
            lines += [
                f"### `{p.id}~{note.id}`"
                if note.alternative_rules
                else f"### `{note.id}` ({p.id})",
                "",
            ]
            lines += [f"- **Clause:** {'; '.join(clauses) or 'the policy as a whole'}"]
            lines += [f"- **The text says:** {note.text_says}"]
            lines += [f"- **Reading encoded:** {note.reading}"]
            lines += [f"- **Alternative:** {note.alternative}"]
            lines += [f"- **Variant:** {_variant_text(p, note)}"]
            lines += [
                "- **Terms of degree:** "
                + ("; ".join(f"{t} — {m}" for t, m in terms) if terms else "none in these words"),
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def generated_pages() -> dict[Path, str]:
    """Every generated page: path → text."""
    pages = {
        DOCS / "policies.md": render_catalogue(),
        DOCS / "interpretations.md": render_interpretations(),
    }
    for p in policy.DEFAULT:
        pages[DOCS / "policies" / f"{p.id}.md"] = render_policy_page(p)
    return pages


def _accepted(p: policy.Policy) -> list[str]:
    """What a record must carry to count: the categories and programmes the policy names."""
    rules = p.of_type(policy.CountRule)
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
    ruled_out = sorted({c for r in p.of_type(policy.ExcludeRule) for c in r.selector.categories})
    if ruled_out:
        line += " Never counted: " + ", ".join(f"`{c}`" for c in ruled_out) + "."
    return [line]


def _codes(values: frozenset[str]) -> str:
    return ", ".join(f"`{v}`" for v in sorted(values)) or "any"


def test_catalogue_page_is_generated_from_the_code():
    page = (DOCS / "policies.md").read_text(encoding="utf-8")
    assert page == render_catalogue(), "docs/policies.md is stale: run python tests/test_docs.py"


@pytest.mark.parametrize("path", sorted(generated_pages()), ids=lambda p: p.name)
def test_generated_page_is_current(path):
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run python tests/test_docs.py"
    page = path.read_text(encoding="utf-8")
    assert page == generated_pages()[path], (
        f"{path.relative_to(ROOT)} is stale: run python tests/test_docs.py"
    )


def test_no_page_is_left_for_a_policy_that_is_gone():
    expected = {p for p in generated_pages() if p.parent == DOCS / "policies"}
    assert set((DOCS / "policies").glob("*.md")) == expected


def test_every_policy_page_quotes_every_citation_of_its_policy():
    for p in policy.DEFAULT:
        page = (DOCS / "policies" / f"{p.id}.md").read_text(encoding="utf-8")
        for rule in p.rules:
            for _, citation in _all_citations(rule):
                if citation.quote:
                    assert f"> {citation.quote}" in page, (p.id, rule.id)
        for note in p.interpretations:
            assert note.reading in page
            if note.alternative_rules:
                assert f'policy.get("{p.id}~{note.id}")' in page


def test_every_interpretation_is_on_the_interpretations_page():
    page = (DOCS / "interpretations.md").read_text(encoding="utf-8")
    for p in policy.DEFAULT:
        for note in p.interpretations:
            assert note.text_says in page
            assert note.alternative in page


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("当年男满55周岁、女满53周岁以下", ["以下"]),
        ("不满55周岁", ["不满"]),
        ("但不超过周期规定学时的三分之一", ["不超过"]),  # not 超过: 不超过 includes the figure
        ("总成绩及格以上者", ["以上"]),
        ("每人不少于360学时", ["不少于"]),
        ("五年一周期", []),
    ],
)
def test_terms_of_degree_are_found_longest_first(text, terms):
    assert [t for t, _ in _conventions(text)] == terms


def test_the_statutory_convention_is_stated_both_ways():
    includes = {t for t, m in TERMS if m.startswith("includes")}
    excludes = {t for t, m in TERMS if m.startswith("excludes")}
    assert includes == {"以上", "以下", "以内", "届满"}
    assert excludes == {"不满", "超过", "以外"}
    assert all(f"“{t}”" in ART_1259 for t in includes | excludes)


def _shipped_texts() -> str:
    folder = ROOT / "src" / "trainingrules" / "policy" / "sources"
    return "\n".join(f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.txt")))


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_glossary_quote_is_verbatim_from_a_shipped_text():
    page = (DOCS / "glossary.md").read_text(encoding="utf-8")
    quotes = re.findall(r"^> (.+)\n> — (.+)$", page, re.MULTILINE)
    assert len(quotes) >= 20
    texts = _spaced(_shipped_texts())
    for quote, source in quotes:
        assert _spaced(quote) in texts, (quote, source)


def test_the_glossary_covers_the_terms_of_the_brief():
    page = (DOCS / "glossary.md").read_text(encoding="utf-8")
    headings = "\n".join(line for line in page.splitlines() if line.startswith("### "))
    for term in (
        "学时",
        "学分",
        "学年",
        "周期",
        "全员培训",
        "远程培训",
        "校本研修",
        "补训",
        "学分冲抵",
        "学分登记",
        "审核",
        "认定",
        "再注册",
        "暂缓注册",
        "职称评聘",
        "继续教育证书",
    ):
        assert term in headings, term


# The site: every page in a toctree, every building block documented, the chart.


def _toctree_entries() -> set[Path]:
    """Every document named in a ``{toctree}`` of a page in docs/."""
    found: set[Path] = set()
    for page in DOCS.rglob("*.md"):
        for block in re.findall(
            r"```\{toctree\}\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL
        ):
            for line in block.splitlines():
                entry = line.strip()
                if entry and not entry.startswith(":"):
                    found.add((page.parent / f"{entry}.md").resolve())
    return found


def _pages() -> set[Path]:
    skip = {"_build", "_generated", "examples", "_ext"}
    return {p.resolve() for p in DOCS.rglob("*.md") if not skip & set(p.relative_to(DOCS).parts)}


def test_every_page_is_in_a_toctree():
    missing = _pages() - _toctree_entries() - {(DOCS / "index.md").resolve()}
    assert not missing, f"pages in no toctree: {sorted(str(p.relative_to(DOCS)) for p in missing)}"


def test_every_toctree_entry_is_a_page():
    assert _toctree_entries() <= _pages()


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ext = _load(DOCS / "_ext" / "trainingrules_docs.py", "trainingrules_docs_under_test")
conf = _load(DOCS / "conf.py", "trainingrules_docs_conf_under_test")

BLOCKS = [
    getattr(blocks, name)
    for name in blocks.__all__
    if isinstance(getattr(blocks, name), type)
    and (attrs.has(getattr(blocks, name)) or issubclass(getattr(blocks, name), Enum))
]


def test_every_building_block_has_its_field_table_on_the_reference_page():
    page = (DOCS / "building-blocks.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"```\{fields\} ([\w.]+)", page))
    expected = {f"trainingrules.policy.{cls.__name__}" for cls in BLOCKS}
    assert expected <= shown, f"missing: {sorted(expected - shown)}"
    for name in shown:
        assert ext.resolve(name) is not None


@pytest.mark.parametrize("cls", [c for c in BLOCKS if attrs.has(c)], ids=lambda c: c.__name__)
def test_every_field_of_a_building_block_has_a_meaning(cls):
    meaning = ext.meanings(cls)
    assert all(meaning.values()), [name for name, text in meaning.items() if not text]
    table = ext.fields_table(cls)
    assert len(table) == 2 + len([f for f in attrs.fields(cls) if f.init])


def test_every_stated_meaning_names_a_field_that_exists():
    classes = {cls.__name__: cls for cls in [*BLOCKS, Rounding, Period]}
    for name, meanings in ext.MEANINGS.items():
        fields = {f.name for f in attrs.fields(classes[name])}
        assert set(meanings) <= fields, (name, set(meanings) - fields)


@pytest.mark.parametrize("cls", [Rounding, Period], ids=lambda c: c.__name__)
def test_the_values_used_inside_blocks_have_meanings_too(cls):
    assert all(ext.meanings(cls).values())


@pytest.mark.parametrize("cls", [c for c in BLOCKS if not attrs.has(c)], ids=lambda c: c.__name__)
def test_every_enum_value_of_the_building_blocks_is_explained(cls):
    docs = ext.enum_docs(cls)
    assert set(docs) == {m.name for m in cls}


def test_json_forms_follow_from_dict():
    assert ext.json_form(Decimal).startswith("a decimal string or an integer")
    assert ext.json_form(policy.ByTitle).startswith("an object by title, or one figure")
    assert ext.json_form(frozenset[str]) == "a list; each a string"
    assert ext.json_form(policy.Unit) == 'one of `"hours"`, `"credits"`'


def test_a_schema_is_rendered_with_its_properties():
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.org/request.json",
        "title": "A request",
        "type": "object",
        "required": ["as_of"],
        "properties": {
            "as_of": {"type": "string", "description": "the evaluation date | ISO"},
            "hours": {"type": ["string", "integer"]},
        },
    }
    text = "\n".join(ext.schema_markdown("request.json", schema))
    assert "**`request.json`** — A request" in text
    assert "| `as_of` | yes | `string` | the evaluation date \\| ISO |" in text
    assert "| `hours` | no | `string or integer` |  |" in text
    assert '"$id": "https://example.org/request.json"' in text


def test_the_schemas_the_package_ships_are_found():
    for name, schema in ext.schema_files():
        assert name.endswith(".json")
        assert isinstance(schema, dict)


def test_the_chart_shows_what_evaluate_counts():
    rows = conf.chart_rows()
    assert [(t, y, str(c), m) for t, y, c, _, m in rows] == [
        ("T1", "2006", "48", True),
        ("T1", "2007", "40", False),
        ("T1", "2008", "52", True),
        ("T2", "2006", "60", True),
        ("T2", "2007", "48", True),
        ("T2", "2008", "47.5", False),
        ("T3", "2006", "30", False),
        ("T3", "2007", "56", True),
        ("T3", "2008", "72", True),
    ]
    assert {r[3] for r in rows} == {Decimal(48)}
    svg = ET.fromstring(conf.chart_svg(rows))  # noqa: S314 - our own SVG text, not untrusted
    bars = [
        r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.find("{*}title") is not None
    ]
    assert len(bars) == len(rows)
    assert [b.get("fill") for b in bars].count(conf.FAILED) == 3


def test_the_chart_shows_the_numbers_the_analyst_page_computes():
    page = (DOCS / "guide-analyst.md").read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(page, {}, "guide-analyst.md", None, 0)
    runner = doctest.DocTestRunner()
    assert runner.run(test, out=lambda _: None, clear_globs=False).failed == 0
    table = [
        (t, y, counted, required, status == "passed")
        for t, y, counted, required, status in test.globs["yearly"].rows()
        if status != "input_error"  # T4, the bad row of the page
    ]
    assert table == conf.chart_rows()


def test_the_chart_is_drawn_into_the_generated_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(conf, "CHART", tmp_path / "_generated" / "chart.svg")
    path = conf.write_chart()
    assert path.read_text(encoding="utf-8") == conf.chart_svg(conf.chart_rows())
    before = path.stat().st_mtime_ns
    conf.write_chart()
    assert path.stat().st_mtime_ns == before  # unchanged: not rewritten


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
    pages = generated_pages()
    (DOCS / "policies").mkdir(exist_ok=True)
    for stale in set((DOCS / "policies").glob("*.md")) - set(pages):
        stale.unlink()
        sys.stdout.write(f"removed {stale.relative_to(ROOT)}\n")
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")
