"""Helpers shared by the scenario files: look up results, check that failures are cited."""

from __future__ import annotations

import trainingrules as tr


def entry(ev, rid):
    """The ledger entry of record ``rid``."""
    (found,) = [e for e in ev.ledger if e.record_id == rid]
    return found


def decisions(ev):
    """Eligibility decisions by kind."""
    return {d.kind: d for d in ev.eligibility}


def check_findings(ev):
    """Every FAILED period cites one of the policy's documents; every message is non-empty."""
    documents = {d.number for d in ev.policy.documents}
    for p in ev.periods:
        if p.status is tr.Status.FAILED:
            assert any(
                f.citation is not None and f.citation.document in documents for f in p.findings
            ), p
    for f in ev.findings:
        assert f.zh.strip(), f
        assert f.en.strip(), f
