"""Deciding a requirement in one period: its figure, caps, parts, covers and activity.

The count (statuses) and the explanations (findings, shortfall, ledger) call the same
functions here, so what a finding says is what decided the status.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Context, Decimal
from itertools import pairwise
from typing import NamedTuple

from trainingrules.engine._plan import Placement, RequirementPlan, SchemePlan
from trainingrules.policy._rules import ActivityBy, Cap, Part, Proration, ServiceRule
from trainingrules.records import Teacher, TrainingRecord
from trainingrules.results import Exclusion

__all__ = [
    "Check",
    "Figures",
    "activity_best",
    "cap_limits",
    "capped",
    "check",
    "figures",
    "served_days",
]

ZERO = Decimal(0)
# Wide enough that a prorated figure rounds as the exact fraction would (days < 10^6).
_WIDE = Context(prec=60)

Figures = tuple[tuple[RequirementPlan, Decimal], ...]


def served_days(teacher: Teacher, start: date, end: date) -> int:
    """Days of ``[start, end)`` the teacher was in service (employment less leaves)."""
    first = max(start, teacher.employed_from or start)
    # The day after the last day of service, if service ends inside the period (a
    # last day of 9999-12-31 has no day after it, and is never inside a period).
    last = teacher.employed_to
    stop = last + timedelta(days=1) if last is not None and last < end else end
    days = (stop - first).days  # negative if service ends before it starts: 0 below
    for leave in teacher.leaves:
        overlap = (min(stop, leave.end) - max(first, leave.start)).days
        days -= max(overlap, 0)
    return max(days, 0)


class Service(NamedTuple):
    """A teacher's service in a period, for prorating its figures (``ServiceRule``)."""

    served: int
    total: int
    rule: ServiceRule

    def prorate(self, figure: Decimal) -> Decimal:
        """``figure`` times the days served over the days of the period, rounded as stated."""
        share = _WIDE.divide(figure * self.served, Decimal(self.total))
        return self.rule.rounding.apply(share) if self.rule.rounding else share


def service(
    scheme: SchemePlan, k: int, teacher: Teacher, rule: ServiceRule | None
) -> Service | None:
    """The teacher's service in period ``k`` if figures are prorated; ``None``: whole figures."""
    if rule is None or rule.proration is Proration.FULL or not teacher.partial_service:
        return None
    start, end = scheme.boundaries[k], scheme.boundaries[k + 1]
    served = served_days(teacher, start, end)
    total = (end - start).days
    return None if served >= total else Service(served, total, rule)


def figures(scheme: SchemePlan, teacher: Teacher, served: Service | None) -> Figures:
    """The figure of each requirement that applies to ``teacher`` in a period.

    ``served`` is the teacher's service in the period (``service``): figures are
    prorated by it; no requirement applies in a period without a day of service.
    """
    stated: Figures = scheme.figures[teacher.title]
    if served is None:
        return stated
    if served.served == 0:
        return ()
    return tuple((requirement, served.prorate(figure)) for requirement, figure in stated)


def cap_limits(
    applying: Figures, teacher: Teacher, rule: ServiceRule | None
) -> dict[str, tuple[Decimal, Cap, RequirementPlan]]:
    """Each capped bucket's limit for this teacher: ``bucket -> (limit, cap, requirement)``."""
    limits: dict[str, tuple[Decimal, Cap, RequirementPlan]] = {}
    for requirement, figure in applying:
        for cap in requirement.rule.caps:
            limit = cap.figure(figure, teacher.title, rule.rounding if rule else None)
            if limit is not None:
                limits[cap.bucket] = (limit, cap, requirement)
    return limits


def capped(
    sums: dict[str, Decimal], limits: dict[str, tuple[Decimal, Cap, RequirementPlan]]
) -> dict[str, Decimal]:
    """``sums`` with every capped bucket limited to its cap."""
    if not limits:
        return sums
    return {
        bucket: min(amount, limits[bucket][0]) if bucket in limits else amount
        for bucket, amount in sums.items()
    }


def activity_best(  # noqa: PLR0913, PLR0917 - a period's records and placements
    requirement: RequirementPlan,
    scheme: SchemePlan,
    k: int,
    last: int,
    records: Sequence[TrainingRecord],
    placed: Sequence[Placement | Exclusion],
) -> Decimal:
    """The largest single activity counted toward ``requirement`` in period ``k``."""
    activity = requirement.rule.including
    if activity is None:  # pragma: no cover - called for requirements with an activity
        return ZERO
    buckets = activity.buckets or requirement.buckets
    totals: dict[tuple[bool, str | None], Decimal] = {}
    for i, place in enumerate(placed):  # one placement per record, in the records' order
        if not isinstance(place, Placement) or (buckets and place.bucket not in buckets):
            continue
        record = records[i]
        if scheme.index(record.completed_on, last, place.bucket) != k:
            continue
        # An activity's records add up; any other record stands alone (an activity may
        # be named like a record id: the flag keeps the two apart).
        key = (
            (True, record.activity)
            if activity.by is ActivityBy.ACTIVITY and record.activity
            else (False, record.id)
        )
        totals[key] = totals.get(key, ZERO) + place.credit(record.hours)
    return max(totals.values(), default=ZERO)


class PartCheck(NamedTuple):
    """One part of a requirement: what it has, needs, and what is still missing."""

    part: Part
    have: Decimal
    required: Decimal
    missing: Decimal


class Check(NamedTuple):
    """A requirement decided in one period."""

    counted: Decimal
    missing: Decimal
    """What the total still lacks."""
    parts: tuple[PartCheck, ...]
    activity: Decimal | None
    """The largest single activity, if the requirement includes one."""
    met: bool


def check(  # noqa: PLR0913, PLR0917 - a requirement's facts in one period
    requirement: RequirementPlan,
    figure: Decimal,
    sums: dict[str, Decimal],
    teacher: Teacher,
    best: Decimal | None,
    served: Service | None,
) -> Check:
    """Decide ``requirement`` with figure ``figure`` on the (capped) bucket ``sums``.

    Parts are prorated like the figure (``served``); a single-activity minimum is
    not (one concentrated training is one event, whatever the service).
    """
    counted = requirement.counted(sums)
    missing = max(figure - counted, ZERO)
    parts = _parts(requirement, sums, teacher, served)
    activity = requirement.rule.including
    met = (
        missing == ZERO
        and all(p.missing == ZERO for p in parts)
        and (activity is None or (best is not None and best >= activity.minimum))
    )
    return Check(counted, missing, parts, best, met)


def _parts(
    requirement: RequirementPlan,
    sums: dict[str, Decimal],
    teacher: Teacher,
    served: Service | None,
) -> tuple[PartCheck, ...]:
    """Each part's shortfall after the surpluses that may cover it (one way) are used.

    Covering is a small transportation problem: surpluses flow along the stated covers
    (and chains of them) to deficits. It is solved exactly as a maximum flow.
    """
    rule = requirement.rule
    if not rule.parts:
        return ()
    need = {p.bucket: p.minimum.of(teacher.title) or ZERO for p in rule.parts}
    if served is not None:
        need = {bucket: served.prorate(figure) for bucket, figure in need.items()}
    have = {p.bucket: sums.get(p.bucket, ZERO) for p in rule.parts}
    surplus = {b: max(have[b] - need[b], ZERO) for b in need}
    deficit = {b: max(need[b] - have[b], ZERO) for b in need}
    covered = _max_flow(surplus, deficit, {(c.surplus_of, c.may_cover) for c in rule.covers})
    return tuple(
        PartCheck(p, have[p.bucket], need[p.bucket], deficit[p.bucket] - covered[p.bucket])
        for p in rule.parts
    )


def _max_flow(  # noqa: C901 - a textbook algorithm, kept in one piece
    surplus: dict[str, Decimal], deficit: dict[str, Decimal], covers: set[tuple[str, str]]
) -> dict[str, Decimal]:
    """How much of each deficit the surpluses can cover along the covers (Edmonds-Karp).

    Nodes: a source, ``("out", b)`` for each bucket's surplus, ``("in", b)`` for each
    bucket's deficit, a sink. A bucket's surplus may cover its own deficit only
    through another bucket (it has none: surplus and deficit exclude each other).
    """
    source, sink = ("source", ""), ("sink", "")
    capacity: dict[tuple[tuple[str, str], tuple[str, str]], Decimal] = {}
    # No link carries more than all the surplus: a link of this capacity is never full
    # while a path from the source is left.
    unlimited = Decimal(sum(surplus.values()))
    for bucket, amount in surplus.items():
        capacity[source, ("out", bucket)] = amount
        capacity[("in", bucket), sink] = deficit[bucket]
        # What reaches a bucket as cover may pass on along its own covers (chains).
        capacity[("in", bucket), ("out", bucket)] = unlimited
    for giver, taker in covers:
        capacity[("out", giver), ("in", taker)] = unlimited
    # The flow sent each way along each pair of nodes: only their difference counts
    # (sending back along a pair undoes flow sent forth).
    flow: dict[tuple[tuple[str, str], tuple[str, str]], Decimal] = {}

    def residual(u: tuple[str, str], v: tuple[str, str]) -> Decimal:
        return capacity.get((u, v), ZERO) - flow.get((u, v), ZERO) + flow.get((v, u), ZERO)

    nodes = {n for edge in capacity for n in edge}
    while True:
        parents: dict[tuple[str, str], tuple[str, str]] = {source: source}
        queue = [source]
        while queue and sink not in parents:
            u = queue.pop(0)
            for v in sorted(nodes):
                if v not in parents and residual(u, v) > ZERO:
                    parents[v] = u
                    queue.append(v)
        if sink not in parents:
            break
        path = [sink]
        while path[-1] != source:
            path.append(parents[path[-1]])
        path.reverse()
        amount = min(residual(u, v) for u, v in pairwise(path))
        for u, v in pairwise(path):
            flow[u, v] = flow.get((u, v), ZERO) + amount
    return {b: flow.get((("in", b), sink), ZERO) for b in deficit}
