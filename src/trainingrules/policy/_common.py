"""Readings several catalogue policies share, written once.

A jurisdiction module calls these with its own ids and citations; the result is
ordinary policy data (a rule and the interpretation that documents it).
"""

from __future__ import annotations

from decimal import Decimal

from trainingrules.policy._policy import Interpretation
from trainingrules.policy._requirements import Proration, ServiceRule
from trainingrules.policy._sources import Citation
from trainingrules.scoring import Rounding

__all__ = ["service_by_days"]


def service_by_days(
    rule_id: str, citation: Citation, text_says: str
) -> tuple[ServiceRule, Interpretation]:
    """Partial service prorated by days, rounded up to whole hours, as an interpretation.

    The texts state a figure for every teacher ("每人不少于…") and say nothing of a
    teacher hired, retired or on long leave inside a period. Owing the whole figure
    for a few months of service would fail such a teacher for a period they could not
    complete, so the figure is prorated by the days in service, rounded up to a whole
    hour (never below the teacher's share); a period without a day of service is
    exempt. The alternative, the whole figure for everybody, is the variant.
    """
    rule = ServiceRule(
        id=rule_id,
        citation=citation,
        proration=Proration.BY_DAYS,
        rounding=Rounding(Decimal(1), "ROUND_CEILING"),
    )
    note = Interpretation(
        id=rule_id,
        text_says=text_says,
        reading="A teacher hired, retired or on long leave inside a period owes the figure "
        "times the days in service over the days of the period, rounded up to a whole "
        "hour; a period without a day of service is exempt.",
        alternative="Every teacher owes the whole figure, whatever the days in service.",
        rules=(rule_id,),
        alternative_rules=(ServiceRule(id=rule_id, citation=citation, proration=Proration.FULL),),
    )
    return rule, note
