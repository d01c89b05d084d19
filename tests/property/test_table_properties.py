"""The table path gives exactly what ``evaluate`` gives, for every catalogue policy and variant.

Generated populations include the boundaries: records on the first and last day of a
period, 359.99 against 360 hours, excluded credit states, unknown categories,
duplicate record ids (the teacher is then an input error, as ``evaluate`` refuses
them) and partial service (evaluated per teacher).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine._explain_periods import REQUIREMENT_CODES

pl = pytest.importorskip("polars")
from trainingrules.table import evaluate_table  # noqa: E402

VARIANTS = [
    *policy.ids(),
    *(
        f"{pid}~{note.id}"
        for pid in policy.ids()
        for note in policy.get(pid).interpretations
        if note.alternative_rules
    ),
]
DAYS = [
    date(2003, 12, 31),
    date(2004, 1, 1),
    date(2008, 12, 31),
    date(2009, 1, 1),
    date(2009, 12, 31),
    date(2010, 1, 1),
    date(2010, 12, 31),
    date(2011, 1, 1),
    date(2015, 12, 31),
    date(2016, 1, 1),
    date(2018, 6, 30),
    date(2020, 12, 31),
    date(2021, 1, 1),
]
AS_OF = [
    date(2008, 12, 31),
    date(2009, 6, 1),
    date(2016, 1, 1),
    date(2015, 12, 31),
    date(2021, 3, 1),
]
CATEGORIES = [
    "remote",
    "in_service",
    "class_teacher",
    "new_curriculum",
    "local_course",
    "face_to_face",
    "unknown_kind",
]
HOURS = ["359.99", "360", "0.01", "12.5", "240", "48", "30", "24", "72", "0", "100"]

record = st.fixed_dictionaries(
    {
        "record_id": st.sampled_from(["r1", "r2", "r3", "r4", "r5", "r6"]),
        "hours": st.sampled_from(HOURS),
        "completed_on": st.one_of(
            st.sampled_from(DAYS), st.dates(date(2003, 6, 1), date(2021, 6, 1))
        ),
        "category": st.sampled_from(CATEGORIES),
        "programme": st.sampled_from(["", "guopei", "it_capability", "full_staff_remote"]),
        "credit_state": st.sampled_from([None, "registered", "reviewed", "verified"]),
    }
)
teacher = st.fixed_dictionaries(
    {
        "title": st.sampled_from(["senior", "intermediate", "junior", "none"]),
        "sex": st.sampled_from(["male", "female"]),
        "employed_from": st.one_of(st.none(), st.none(), st.sampled_from(DAYS)),
        "records": st.lists(record, max_size=6),
    }
)


def _expected(p, teachers, as_of):
    rows: list[tuple[object, ...]] = []  # an input error, or one row per requirement
    for i, t in enumerate(teachers):
        tid = f"T{i}"
        who = tr.Teacher(
            id=tid,
            birth_date=date(1975, 5, 5),
            sex=t["sex"],
            title=t["title"],
            employed_from=t["employed_from"],
        )
        records = [
            tr.TrainingRecord(
                id=r["record_id"],
                hours=Decimal(r["hours"]),
                completed_on=r["completed_on"],
                category=r["category"],
                programme=r["programme"],
                credit_state=r["credit_state"],
            )
            for r in t["records"]
        ]
        if len({r.id for r in records}) != len(records):
            with pytest.raises(tr.InvalidInputError, match="duplicate record id"):
                tr.evaluate(p, who, records, as_of)
            rows.append((tid, "input_error"))
            continue
        evaluation = tr.evaluate(p, who, records, as_of)
        for period in evaluation.periods:
            for r, result in enumerate(period.requirements):
                rows.append(
                    (
                        tid,
                        period.scheme,
                        period.period.label,
                        period.period.start,
                        period.period.end - timedelta(days=1),
                        result.rule_id,
                        result.required,
                        result.counted,
                        result.missing,
                        result.unit.value,
                        period.status.value,
                        result.met,
                        [f.code for f in period.findings if f.code in REQUIREMENT_CODES][r],
                    )
                )
    return rows


@pytest.mark.parametrize("policy_id", VARIANTS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(teachers=st.lists(teacher, min_size=1, max_size=5), as_of=st.sampled_from(AS_OF))
def test_table_equals_evaluate(policy_id, teachers, as_of):
    p = policy.get(policy_id)
    teacher_rows = pl.DataFrame(
        {
            "teacher_id": [f"T{i}" for i in range(len(teachers))],
            "birth_date": [date(1975, 5, 5)] * len(teachers),
            "sex": [t["sex"] for t in teachers],
            "title": [t["title"] for t in teachers],
            "employed_from": [t["employed_from"] for t in teachers],
        },
        schema_overrides={"employed_from": pl.Date},
    )
    flat = [{"teacher_id": f"T{i}", **r} for i, t in enumerate(teachers) for r in t["records"]]
    record_rows = (
        pl.DataFrame(
            flat,
            schema={
                "teacher_id": pl.String,
                "record_id": pl.String,
                "hours": pl.String,
                "completed_on": pl.Date,
                "category": pl.String,
                "programme": pl.String,
                "credit_state": pl.String,
            },
            orient="row",
        )
        if flat
        else pl.DataFrame(
            schema={
                "teacher_id": pl.String,
                "record_id": pl.String,
                "hours": pl.String,
                "completed_on": pl.Date,
                "category": pl.String,
            }
        )
    )
    result = evaluate_table(p, teacher_rows, record_rows, as_of)
    got = []
    for row in result.results.iter_rows():
        if row[10] == "input_error":
            assert row[12] is not None
            assert row[12].startswith("input.")
            if (row[0], "input_error") not in got:
                got.append((row[0], "input_error"))
            continue
        got.append(row)
    assert got == _expected(p, teachers, as_of)
    assert result.rows_in == len(teachers) + len(flat)
    assert result.rows_in_error == result.errors.select("source", "row").unique().height
