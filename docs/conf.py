# ruff: noqa: INP001 - Sphinx reads this file by path; docs/ is not a package
"""Sphinx configuration: MyST Markdown pages, the furo theme, autodoc with Google docstrings.

Build (warnings are errors)::

    sphinx-build -W --keep-going -b html docs docs/_build/html

At build time this file also draws the chart of ``docs/guide-analyst.md`` (remote
training hours per year against the requirement, evaluated with the library) and
registers the directives of ``docs/_ext/trainingrules_docs.py`` (field tables of the
rule building blocks, the JSON Schemas).
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

project = "trainingrules"
author = "trainingrules contributors"
copyright = "trainingrules contributors"  # noqa: A001 - the name Sphinx reads
language = "en"

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_generated", "examples", "_ext"]
root_doc = "index"

myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True  # "Attributes:" as a field list: no duplicate attribute entries
autodoc_member_order = "bysource"
autodoc_typehints = "none"  # the signature shows the names; the field tables show the types
autodoc_default_options = {"members": True}

nitpicky = True  # every cross-reference resolves ...
nitpick_ignore = [("py:class", "decimal.Decimal"), ("py:class", "datetime.date")]
"""... but the standard library's: intersphinx is off, the build uses no network."""

html_theme = "furo"
html_title = "trainingrules"
html_static_path: list[str] = []

# ---------------------------------------------------------------------------------------
# The chart of docs/guide-analyst.md, drawn at build time from an evaluation.

CHART = HERE / "_generated" / "hours-per-year.svg"
CHART_POLICY = "nm-hohhot-2006"
CHART_REQUIREMENT = "H2.remote_hours"
SAMPLE: tuple[tuple[str, tuple[tuple[int, str], ...]], ...] = (
    ("T1", ((2006, "48"), (2007, "40"), (2008, "52"))),
    ("T2", ((2006, "60"), (2007, "48"), (2008, "47.5"))),
    ("T3", ((2006, "30"), (2007, "56"), (2008, "72"))),
)
"""Remote training hours by teacher and calendar year (one record on 1 June of each)."""

PASSED, FAILED = "#2e7d32", "#c62828"


def chart_rows() -> list[tuple[str, str, Decimal, Decimal, bool]]:
    """``(teacher, year, counted, required, met)`` of ``CHART_REQUIREMENT``, from ``evaluate``."""
    import trainingrules as tr  # noqa: PLC0415 - imported when the chart is drawn
    from trainingrules import policy  # noqa: PLC0415

    p = policy.get(CHART_POLICY)
    rows = []
    for teacher_id, hours in SAMPLE:
        teacher = tr.Teacher(id=teacher_id, birth_date=date(1975, 3, 1), sex=tr.Sex.FEMALE)
        records = [
            tr.TrainingRecord(
                id=f"{teacher_id}-{year}",
                hours=Decimal(h),
                completed_on=date(year, 6, 1),
                category="remote",
            )
            for year, h in hours
        ]
        ev = tr.evaluate(p, teacher, records, as_of=date(2009, 1, 1))
        rows.extend(
            (teacher_id, result.period.label, req.counted, req.required, req.met)
            for result in ev.periods
            for req in result.requirements
            if req.rule_id == CHART_REQUIREMENT and req.required is not None
        )
    return rows


def chart_svg(rows: list[tuple[str, str, Decimal, Decimal, bool]]) -> str:
    """A grouped bar chart as SVG text: one group per year, one bar per teacher.

    Bars are green where the year's requirement is met and red where it is not; a
    dashed line marks the required figure.
    """
    years = sorted({year for _, year, *_ in rows})
    teachers = sorted({teacher for teacher, *_ in rows})
    top = max([*(r[2] for r in rows), *(r[3] for r in rows)])
    top = ((top // 20) + 1) * 20
    width, height, left, right, bottom, plot_top = 720, 320, 56, 600, 270, 60
    bar, gap = 40, 8
    group = (right - left - 20) // len(years)

    def y(value: Decimal) -> Decimal:
        return bottom - value / top * (bottom - plot_top)

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">'
        ),
        '<rect width="100%" height="100%" fill="white"/>',
        (
            f'<text x="{left}" y="22" font-size="15" font-weight="bold">'
            f"{escape('远程培训学时 / remote training hours per year')}</text>"
        ),
        (
            f'<text x="{left}" y="40" fill="#555">'
            f"{escape(f'{CHART_POLICY}, {CHART_REQUIREMENT}: at least 48 hours each year')}</text>"
        ),
        f'<rect x="{right - 150}" y="12" width="12" height="12" fill="{PASSED}"/>',
        f'<text x="{right - 132}" y="22">met 合格</text>',
        f'<rect x="{right - 60}" y="12" width="12" height="12" fill="{FAILED}"/>',
        f'<text x="{right - 42}" y="22">not met 不合格</text>',
    ]
    for tick in range(0, int(top) + 1, 20):
        ty = y(Decimal(tick))
        out.append(f'<line x1="{left}" x2="{right}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#e0e0e0"/>')
        out.append(f'<text x="{left - 8}" y="{ty + 4:.1f}" text-anchor="end">{tick}</text>')
    for g, year in enumerate(years):
        x0 = left + 20 + g * group + (group - len(teachers) * (bar + gap)) // 2
        out.append(
            f'<text x="{x0 + (len(teachers) * (bar + gap) - gap) // 2}" y="{bottom + 36}" '
            f'text-anchor="middle" font-weight="bold">{escape(year)}</text>'
        )
        for i, teacher in enumerate(teachers):
            found = [r for r in rows if r[0] == teacher and r[1] == year]
            if not found:
                continue
            _, _, counted, _, met = found[0]
            x = x0 + i * (bar + gap)
            top_y = y(counted)
            out.append(
                f'<rect x="{x}" y="{top_y:.1f}" width="{bar}" height="{bottom - top_y:.1f}" '
                f'fill="{PASSED if met else FAILED}"><title>{escape(teacher)} {escape(year)}: '
                f"{counted} h</title></rect>"
            )
            out.append(
                f'<text x="{x + bar // 2}" y="{top_y - 5:.1f}" '
                f'text-anchor="middle">{counted}</text>'
            )
            out.append(
                f'<text x="{x + bar // 2}" y="{bottom + 16}" text-anchor="middle" fill="#555">'
                f"{escape(teacher)}</text>"
            )
    required = rows[0][3]
    ry = y(required)
    out += [
        (
            f'<line x1="{left}" x2="{right}" y1="{ry:.1f}" y2="{ry:.1f}" stroke="#222" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        ),
        f'<text x="{right + 8}" y="{ry - 4:.1f}">{escape(f"required {required} h")}</text>',
        f'<text x="{right + 8}" y="{ry + 12:.1f}">{escape(f"不少于{required}学时")}</text>',
        f'<line x1="{left}" x2="{left}" y1="{plot_top}" y2="{bottom}" stroke="#222"/>',
        f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#222"/>',
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def write_chart(_app: object = None) -> Path:
    """Draw the chart into ``docs/_generated`` (rewritten only when it changes)."""
    text = chart_svg(chart_rows())
    CHART.parent.mkdir(exist_ok=True)
    if not CHART.exists() or CHART.read_text(encoding="utf-8") != text:
        CHART.write_text(text, encoding="utf-8")
    return CHART


def setup(app: Any) -> None:  # noqa: ANN401 - sphinx.application.Sphinx
    """Register the directives of ``_ext/trainingrules_docs.py``; draw the chart at start."""
    name = "trainingrules_docs"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "_ext" / f"{name}.py")
        assert spec is not None  # noqa: S101 - the file is next to this one
        assert spec.loader is not None  # noqa: S101
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    sys.modules[name].setup(app)
    app.connect("builder-inited", write_chart)
