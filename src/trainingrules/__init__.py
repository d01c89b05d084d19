"""trainingrules: Chinese teacher continuing-education regulations as exact, cited rules."""

from __future__ import annotations

from trainingrules.cycles import AgeMethod, AnchoredCycle, Period
from trainingrules.errors import (
    InvalidInputError,
    PolicyDataError,
    TrainingRulesError,
    UnknownPolicyError,
)
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

__version__ = "0.1.0"

__all__ = [
    "AgeMethod",
    "AnchoredCycle",
    "Assessment",
    "CourseResult",
    "CreditState",
    "ExamSitting",
    "InvalidInputError",
    "Outcome",
    "Period",
    "PolicyDataError",
    "ProviderLevel",
    "Sex",
    "SittingKind",
    "Teacher",
    "Title",
    "TrainingRecord",
    "TrainingRulesError",
    "UnknownPolicyError",
    "WrittenWork",
    "__version__",
]
