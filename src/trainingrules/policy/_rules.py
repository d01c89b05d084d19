"""The rule building blocks, gathered: one import for jurisdiction modules and the engine.

Each block lives in the module of the part of a regulation it encodes:

``_sources``
    ``Document``, ``Citation``, ``Text``, ``Limitation``: where a rule comes from.
``_periods``
    ``PeriodScheme``: the periods a regulation measures.
``_counting``
    ``Selector``, ``CountRule``, ``CreditStateRule``: which records count, as what;
    ``ExcludeRule``: which never count.
``_requirements``
    ``HoursRequirement`` with ``ByTitle`` figures, ``Cap``, ``Part``, ``Cover`` and
    ``Activity`` inside it; ``ServiceRule`` for partial service.
``_assessment``
    ``CourseGrading``, ``ExamRule``, ``WrittenWorkRule``, ``AttendanceRule``.
``_consequences``
    ``RemedialRule``, ``AgeLimit``, ``Payer``, ``Consequence``, ``DecisionKind``,
    ``DecisionOutcome``, ``Duration``.
``_money``
    ``FeeSchedule``, ``BudgetShare``.
``_policy``
    ``Policy`` and ``Interpretation``; ``_consistency`` checks the references between rules.
"""

from __future__ import annotations

from trainingrules.policy._assessment import (
    AttendanceRule,
    CourseGrading,
    ExamRule,
    WrittenWorkRule,
)
from trainingrules.policy._consequences import (
    AgeLimit,
    Consequence,
    DecisionKind,
    DecisionOutcome,
    Duration,
    Payer,
    RemedialRule,
)
from trainingrules.policy._counting import (
    CountRule,
    CreditStateRule,
    ExcludeRule,
    Selector,
    Unit,
)
from trainingrules.policy._money import BudgetShare, FeeSchedule
from trainingrules.policy._periods import PeriodScheme
from trainingrules.policy._policy import RULE_TYPES, Interpretation, Policy, Rule
from trainingrules.policy._requirements import (
    Activity,
    ActivityBy,
    ByTitle,
    Cap,
    Cover,
    HoursRequirement,
    Part,
    Proration,
    ServiceRule,
    Share,
)
from trainingrules.policy._sources import Citation, Document, Limitation, Text

__all__ = [
    "RULE_TYPES",
    "Activity",
    "ActivityBy",
    "AgeLimit",
    "AttendanceRule",
    "BudgetShare",
    "ByTitle",
    "Cap",
    "Citation",
    "Consequence",
    "CountRule",
    "CourseGrading",
    "Cover",
    "CreditStateRule",
    "DecisionKind",
    "DecisionOutcome",
    "Document",
    "Duration",
    "ExamRule",
    "ExcludeRule",
    "FeeSchedule",
    "HoursRequirement",
    "Interpretation",
    "Limitation",
    "Part",
    "Payer",
    "PeriodScheme",
    "Policy",
    "Proration",
    "RemedialRule",
    "Rule",
    "Selector",
    "ServiceRule",
    "Share",
    "Text",
    "Unit",
    "WrittenWorkRule",
]
