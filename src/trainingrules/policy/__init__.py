"""Policies: the rule model, the catalogue and policies as data.

>>> from datetime import date
>>> from trainingrules import policy
>>> policy.find(region="360100", on=date(2014, 12, 1)).id
'jx-2014'
>>> policy.find(region="610502", on=date(2019, 6, 1)).id
'sn-weinan-2019'
>>> policy.find(region="440100", on=date(2019, 6, 1)).id
'cn-2011'
>>> try:
...     policy.find(region="999999", on=date(2019, 6, 1))  # not a GB/T 2260 code
... except LookupError as error:
...     print(error.code, error.path)
region.unknown region
"""

from __future__ import annotations

from trainingrules.policy._catalogue import CATALOGUE, DEFAULT, Catalogue, find, get, ids
from trainingrules.policy._data import SCHEMA_VERSION, from_dict, to_dict
from trainingrules.policy._diff import Change, ChangeKind, diff
from trainingrules.policy._rules import (
    Activity,
    ActivityBy,
    AgeLimit,
    AttendanceRule,
    BudgetShare,
    ByTitle,
    Cap,
    Citation,
    Consequence,
    CountRule,
    CourseGrading,
    Cover,
    CreditStateRule,
    DecisionKind,
    DecisionOutcome,
    Document,
    Duration,
    ExamRule,
    ExcludeRule,
    FeeSchedule,
    HoursRequirement,
    Interpretation,
    Limitation,
    Part,
    Payer,
    PeriodScheme,
    Policy,
    Proration,
    RemedialRule,
    Rule,
    Selector,
    ServiceRule,
    Share,
    Text,
    Unit,
    WrittenWorkRule,
)

__all__ = [
    "CATALOGUE",
    "DEFAULT",
    "SCHEMA_VERSION",
    "Activity",
    "ActivityBy",
    "AgeLimit",
    "AttendanceRule",
    "BudgetShare",
    "ByTitle",
    "Cap",
    "Catalogue",
    "Change",
    "ChangeKind",
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
    "diff",
    "find",
    "from_dict",
    "get",
    "ids",
    "to_dict",
]
