"""The DuckDB pattern of docs/dask.md: groups of teachers queried from DuckDB, one
``evaluate_table`` per group, the parts put back together, equal to one run.

DuckDB is not a dependency of the package: the pattern is the user's code, and this
test proves the one the documentation shows. Generated populations carry bad rows of
every kind the table path reports (bad hours, dates, sexes and titles, duplicate teacher
and record ids, records of unknown or missing teachers): whatever the number of groups,
the same results (at one scale), the same errors (their rows are the group's, so
compared without them) and no row lost.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainingrules import policy

if TYPE_CHECKING:
    import duckdb
    import polars as pl
else:
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")

from trainingrules.table import TableResult, evaluate_table

TEACHER_COLUMNS = ("teacher_id", "birth_date", "sex", "title")
RECORD_COLUMNS = ("teacher_id", "record_id", "hours", "completed_on", "category")
IDS = ["T0", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]
teacher = st.fixed_dictionaries(
    {
        "teacher_id": st.one_of(st.sampled_from(IDS), st.sampled_from([None, "T1"])),
        "birth_date": st.sampled_from(["1975-05-05", "1980/1/5", "1975-13-01"]),
        "sex": st.sampled_from(["male", "female", "女", "x"]),
        "title": st.sampled_from(["senior", "intermediate", "junior", None, "chief"]),
    }
)
record = st.fixed_dictionaries(
    {
        "teacher_id": st.one_of(st.sampled_from(IDS), st.sampled_from(["ghost", None])),
        "record_id": st.sampled_from(["r1", "r2", "r3", "r4", "r5", "r6"]),
        "hours": st.sampled_from(["359.99", "360", "0.01", "12.5", "0.125", "-1", "abc", None]),
        "completed_on": st.sampled_from(["2011-01-01", "2015-12-31", "2016/1/1", "2015-02-30"]),
        "category": st.sampled_from(["remote", "in_service", "what"]),
    }
)
ORDER = ["teacher_id", "scheme", "period", "requirement"]


def by_groups(
    con: duckdb.DuckDBPyConnection, groups: int, as_of: date
) -> tuple[list[TableResult], TableResult]:
    """docs/dask.md's pattern, as written there."""
    parts = []
    for g in range(groups):
        mine = f"WHERE coalesce(hash(teacher_id) % {groups}, 0) = {g}"
        parts.append(
            evaluate_table(
                policy.get("cn-2011"),
                con.sql(f"FROM teachers {mine}").pl(),
                con.sql(f"FROM records {mine}").pl(),
                as_of,
            )
        )
    return parts, TableResult.combine(parts)


def _errors(errors: pl.DataFrame) -> Counter[tuple[Any, ...]]:
    return Counter(errors.select("source", "teacher_id", "field", "code").rows())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    teachers=st.lists(teacher, max_size=8),
    records=st.lists(record, max_size=14),
    groups=st.integers(1, 4),
    as_of=st.sampled_from([date(2016, 1, 1), date(2015, 12, 31), date(2012, 6, 1)]),
)
def test_groups_from_duckdb_give_the_answers_of_one_run(
    teachers: list[dict[str, Any]], records: list[dict[str, Any]], groups: int, as_of: date
) -> None:
    teacher_frame = pl.DataFrame(teachers, schema=dict.fromkeys(TEACHER_COLUMNS, pl.String))
    record_frame = pl.DataFrame(records, schema=dict.fromkeys(RECORD_COLUMNS, pl.String))
    whole = evaluate_table(policy.get("cn-2011"), teacher_frame, record_frame, as_of)
    with duckdb.connect() as con:
        con.register("teacher_frame", teacher_frame)
        con.register("record_frame", record_frame)
        con.execute("CREATE TABLE teachers AS FROM teacher_frame")
        con.execute("CREATE TABLE records AS FROM record_frame")
        parts, combined = by_groups(con, groups, as_of)

    assert sum(part.rows_in for part in parts) == whole.rows_in == len(teachers) + len(records)
    assert combined.rows_in == whole.rows_in
    assert combined.rows_in_error == whole.rows_in_error
    assert combined.scale == whole.scale
    # the exact columns at one scale: equal tables, not merely equal numbers
    assert combined.results.sort(ORDER).equals(whole.results.sort(ORDER))
    assert _errors(combined.errors) == _errors(whole.errors)
    assert combined.fallback.sort("teacher_id").equals(whole.fallback.sort("teacher_id"))
    assert sorted(combined.findings().rows()) == sorted(whole.findings().rows())
    assert sorted(combined.decisions().rows()) == sorted(whole.decisions().rows())


def test_a_null_teacher_id_is_not_left_out() -> None:
    """``hash(NULL)`` is NULL: without the ``coalesce`` the row would be in no group."""
    with duckdb.connect() as con:
        con.execute(
            "CREATE TABLE teachers AS SELECT * FROM (VALUES ('T1', '1980-01-05', 'female', "
            "'senior')) t(teacher_id, birth_date, sex, title)"
        )
        con.execute(
            "CREATE TABLE records AS SELECT * FROM (VALUES (NULL, 'r1', '8', '2013-01-01', "
            "'remote')) r(teacher_id, record_id, hours, completed_on, category)"
        )
        parts, combined = by_groups(con, 3, date(2016, 1, 1))
    assert sum(part.rows_in for part in parts) == combined.rows_in == 2
    assert combined.errors.select("source", "field", "code").rows() == [
        ("records", "teacher_id", "input.empty")
    ]
