"""Regenerate the committed policy snapshot ``src/trainingrules/policy/catalogue.json``.

The snapshot is every catalogue policy as ``policy.to_dict`` writes it, so that a
change in an encoded rule shows up as a reviewable diff (STYLE.md, "golden ... reviewed
as diffs"; CHANGELOG "Regulation data"). ``tests/test_policy_data.py`` fails when code
and snapshot disagree; after checking that the change is intended, run from the repo
root::

    python -m tests.regen_snapshot

and commit the new ``catalogue.json`` together with the rule change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from trainingrules import policy

SNAPSHOT = (
    Path(__file__).resolve().parents[1] / "src" / "trainingrules" / "policy" / "catalogue.json"
)
"""The committed snapshot, in the source tree (it ships as package data)."""

COMMAND = "python -m tests.regen_snapshot"
"""How to regenerate the snapshot, quoted in the failing test's message."""


def render() -> str:
    """The snapshot text the code produces now: one dict per catalogue id, in id order."""
    data = {policy_id: policy.to_dict(policy.get(policy_id)) for policy_id in policy.ids()}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def main() -> int:
    """Write the snapshot and say whether it changed."""
    text = render()
    old = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else None
    SNAPSHOT.write_text(text, encoding="utf-8", newline="\n")
    state = "unchanged" if old == text else "written"
    sys.stdout.write(f"{SNAPSHOT}: {state} ({len(policy.ids())} policies)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
