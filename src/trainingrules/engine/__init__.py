"""The evaluation engine: the one place where a policy's rules meet a teacher's records.

``evaluate`` is pure: no I/O, no clock (``as_of`` is an argument), no global state
beyond caches of compiled policies. It names no province; everything it knows comes
from the policy's rules.

The engine has three parts, each in its own module:

* the **plan** (``_plan``): a policy compiled once and cached: period boundaries,
  requirement figures by title, how each kind of record is counted. ``Plan`` is
  public so that another executor (a columnar one) runs the same plan;
* the **count** (``_count``): one pass over a teacher's records, then every period's
  status, decided once;
* the **explanations** (``_explain_periods``, ``_explain_decisions``): findings,
  ledger, shortfall, remedial training, eligibility and money, built on first access
  from the count and never deciding a status again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from trainingrules._values import exact, to_decimal
from trainingrules.engine._count import count
from trainingrules.engine._evaluation import FORMS, RESULT_SCHEMA_VERSION, Evaluation
from trainingrules.engine._inputs import (
    check_arguments,
    check_outcome_list,
    check_outcomes,
    check_records,
)
from trainingrules.engine._many import Evaluated, evaluate_many
from trainingrules.engine._plan import (
    Placement,
    Plan,
    RequirementPlan,
    SchemePlan,
    compile_policy,
)
from trainingrules.errors import UnknownPolicyError
from trainingrules.policy._rules import BudgetShare, Policy
from trainingrules.records import Assessment, Outcome, Teacher, TrainingRecord
from trainingrules.results import Exclusion

__all__ = [
    "FORMS",
    "RESULT_SCHEMA_VERSION",
    "Evaluated",
    "Evaluation",
    "Exclusion",
    "Placement",
    "Plan",
    "RequirementPlan",
    "SchemePlan",
    "compile_policy",
    "evaluate",
    "evaluate_many",
    "school_training_budget",
]


@exact
def evaluate(  # noqa: PLR0913 - the inputs of a decision, each named
    policy: Policy,
    teacher: Teacher,
    records: Iterable[TrainingRecord],
    as_of: date,
    *,
    assessment: Assessment | None = None,
    outcomes: Iterable[Outcome] = (),
) -> Evaluation:
    """Evaluate ``teacher`` and their ``records`` under ``policy`` as of ``as_of``.

    Args:
        policy: the policy, e.g. ``policy.get("jx-2014")``.
        teacher: the teacher.
        records: every training record of the teacher, in any order; ids must be unique.
            Records the policy does not count are kept in the ledger as excluded.
        as_of: the evaluation date; records completed after it are not counted.
        assessment: exam sittings, written work and attendance, for policies that
            assess them (F5-F7).
        outcomes: results decided elsewhere, e.g. failures on an official list (J2).

    Raises:
        InvalidInputError: a wrong type, a duplicate record id, an outcome for a
            scheme the policy does not define.
    """
    check_arguments(policy, teacher, as_of, assessment)
    items = check_records(records)
    recorded_items = check_outcome_list(outcomes)
    plan = compile_policy(policy)
    recorded = check_outcomes(plan.schemes, recorded_items) if recorded_items else {}
    tally = count(plan, teacher, items, as_of, assessment)
    return Evaluation(plan, teacher, items, as_of, assessment, recorded, tally)


@exact
def school_training_budget(policy: Policy, annual_public_budget: Decimal) -> Decimal:
    """The training budget a school sets aside: the policy's share of its annual budget (W2, H7).

    Exact: no rounding is applied, because the texts state none.

    >>> from trainingrules import policy
    >>> school_training_budget(policy.get("sn-weinan-2019"), Decimal("1200000"))
    Decimal('60000.00')
    """
    shares = policy.of_type(BudgetShare)
    if not shares:
        raise UnknownPolicyError(
            f"{policy.id} states no school training budget share",
            path="policy",
            code="policy.no_rule",
        )
    return to_decimal(annual_public_budget, "annual_public_budget") * shares[0].share
