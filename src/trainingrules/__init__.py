"""trainingrules: Chinese teacher continuing-education regulations as exact, cited rules."""

from __future__ import annotations

from trainingrules import policy
from trainingrules._request import Request
from trainingrules._schema import SCHEMA_NAMES, schema
from trainingrules.cycles import AgeMethod, AnchoredCycle, Period
from trainingrules.engine import (
    FORMS,
    Evaluated,
    Evaluation,
    evaluate,
    evaluate_many,
    school_training_budget,
)
from trainingrules.errors import (
    InputErrors,
    InvalidInputError,
    PolicyDataError,
    TrainingRulesError,
    UnknownPolicyError,
)
from trainingrules.policy import DecisionKind, Payer, Unit
from trainingrules.records import (
    Assessment,
    CourseResult,
    CreditState,
    ExamSitting,
    Outcome,
    ProviderLevel,
    Sex,
    SittingKind,
    Teacher,
    Title,
    TrainingRecord,
    WrittenWork,
)
from trainingrules.results import (
    ConditionResult,
    CourseOutcome,
    Decision,
    DecisionOutcome,
    Exclusion,
    Finding,
    LedgerEntry,
    Money,
    OverCap,
    PartResult,
    PeriodResult,
    RemedialResult,
    RequirementResult,
    Shortfall,
    Status,
)

__version__ = "0.1.0"

__all__ = [
    "FORMS",
    "SCHEMA_NAMES",
    "AgeMethod",
    "AnchoredCycle",
    "Assessment",
    "ConditionResult",
    "CourseOutcome",
    "CourseResult",
    "CreditState",
    "Decision",
    "DecisionKind",
    "DecisionOutcome",
    "Evaluated",
    "Evaluation",
    "ExamSitting",
    "Exclusion",
    "Finding",
    "InputErrors",
    "InvalidInputError",
    "LedgerEntry",
    "Money",
    "Outcome",
    "OverCap",
    "PartResult",
    "Payer",
    "Period",
    "PeriodResult",
    "PolicyDataError",
    "ProviderLevel",
    "RemedialResult",
    "Request",
    "RequirementResult",
    "Sex",
    "Shortfall",
    "SittingKind",
    "Status",
    "Teacher",
    "Title",
    "TrainingRecord",
    "TrainingRulesError",
    "Unit",
    "UnknownPolicyError",
    "WrittenWork",
    "__version__",
    "evaluate",
    "evaluate_many",
    "policy",
    "schema",
    "school_training_budget",
]
