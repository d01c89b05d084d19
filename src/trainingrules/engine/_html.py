"""An evaluation as HTML, for notebooks (``Evaluation._repr_html_``).

Built from the summary form: the periods with their status (coloured, and written
out, so the colour is never the only sign), requirements, shortfall and decisions.
Every value is escaped with ``html.escape``: ids and labels come from the caller.
"""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["evaluation_html"]

_COLOURS = {
    # statuses
    "passed": "#1a7f37",
    "failed": "#cf222e",
    "in_progress": "#9a6700",
    "not_started": "#57606a",
    "exempt": "#0969da",
    # decision outcomes
    "eligible": "#1a7f37",
    "ineligible": "#cf222e",
    "deferred": "#9a6700",
    "pending": "#57606a",
}


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _badge(value: str) -> str:
    colour = _COLOURS.get(value, "#57606a")
    return f'<span style="color:{colour};font-weight:bold">{_e(value)}</span>'


def _label(label: dict[str, str]) -> str:
    return f"{_e(label['zh'])} / {_e(label['en'])}"


def evaluation_html(summary: dict[str, Any]) -> str:
    """HTML for an evaluation, from its summary form (``to_dict(form="summary")``)."""
    head = (
        f"<p><strong>{_e(summary['policy'])}</strong> · teacher {_e(summary['teacher'])}"
        f" · as of {_e(summary['as_of'])} · {_badge(summary['status'])}</p>"
    )
    rows = []
    for period in summary["periods"]:
        span = f"{_e(period['period']['start'])} – {_e(period['period']['end'])}"
        requirements = period["requirements"] or [None]
        for i, requirement in enumerate(requirements):
            first = (
                f"<td>{_e(period['scheme'])}<br><small>{_label(period['label'])}</small></td>"
                f"<td>{span}</td><td>{_badge(period['status'])}</td>"
                if i == 0
                else "<td></td><td></td><td></td>"
            )
            figures = (
                "<td></td>" * 4
                if requirement is None
                else f"<td>{_e(requirement['rule_id'])}</td>"
                f"<td>{_e(requirement['required'] if requirement['required'] is not None else '—')}"
                f"</td><td>{_e(requirement['counted'])}</td><td>{_e(requirement['missing'])}</td>"
            )
            rows.append(f"<tr>{first}{figures}</tr>")
        rows.extend(
            f"<tr><td></td><td></td><td></td><td>{_e(condition['rule_id'])}</td>"
            f'<td colspan="3">{_badge(condition["status"])}</td></tr>'
            for condition in period["conditions"]
        )
    periods = (
        "<table><thead><tr><th>scheme</th><th>period</th><th>status</th><th>requirement</th>"
        "<th>required</th><th>counted</th><th>missing</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    shortfall = "".join(
        f"<li>{_e(item['hours'])} {_e(item['unit'])} of {_label(item['label'])}"
        f" by {_e(item['due'])} ({_e(item['rule_id'])})</li>"
        for item in summary["shortfall"]
    )
    decisions = "".join(
        f"<tr><td>{_e(item['kind'])}</td><td>{_e(item['subject'])}</td>"
        f"<td>{_badge(item['outcome'])}</td><td>{_e(item['since'])}</td>"
        f"<td>{_e(item['until'])}</td></tr>"
        for item in summary["decisions"]
    )
    parts = [head, periods]
    if shortfall:
        parts.append(f"<p>Still missing:</p><ul>{shortfall}</ul>")
    if decisions:
        parts.append(
            "<table><thead><tr><th>decision</th><th>subject</th><th>outcome</th>"
            f"<th>since</th><th>until</th></tr></thead><tbody>{decisions}</tbody></table>"
        )
    if summary["fee_due"] is not None:
        parts.append(f"<p>Fee due per year: {_e(summary['fee_due'])}</p>")
    return f'<div class="trainingrules-evaluation">{"".join(parts)}</div>'
