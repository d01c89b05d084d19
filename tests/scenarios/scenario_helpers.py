"""Helpers shared by the scenario files: look up results, check that failures are cited."""

from __future__ import annotations

from typing import TypeVar

import trainingrules as tr
from trainingrules.policy import Citation, DecisionKind, Policy

_R = TypeVar("_R")


def entry(ev: tr.Evaluation, rid: str) -> tr.LedgerEntry:
    """The ledger entry of record ``rid``."""
    (found,) = [e for e in ev.ledger if e.record_id == rid]
    return found


def decisions(ev: tr.Evaluation) -> dict[DecisionKind, tr.Decision]:
    """Eligibility decisions by kind."""
    return {d.kind: d for d in ev.eligibility}


def rule_of(p: Policy, rule_id: str, kind: type[_R]) -> _R:
    """The rule ``rule_id`` of ``p``, checked to be a ``kind``."""
    rule = p.rule(rule_id)
    assert isinstance(rule, kind), rule
    return rule


def cited(finding: tr.Finding) -> Citation:
    """The citation of ``finding``, checked to be there."""
    assert finding.citation is not None, finding
    return finding.citation


def check_findings(ev: tr.Evaluation) -> None:
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
