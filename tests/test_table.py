"""The table path: input checks, the errors table, Chinese headers and values, fallback."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import trainingrules as tr
from trainingrules import policy

pl = pytest.importorskip("polars")
from trainingrules.table import ERROR_COLUMNS, RESULT_COLUMNS, evaluate_table, vectorisable  # noqa: E402

AS_OF = date(2016, 3, 1)


def _teachers(**extra):
    return pl.DataFrame(
        {
            "teacher_id": ["A", "B"],
            "birth_date": [date(1980, 1, 1), date(1981, 2, 2)],
            "sex": ["male", "female"],
            "title": ["senior", "junior"],
            **extra,
        }
    )


def _records(hours=("359.99", "0.01")):
    return pl.DataFrame(
        {
            "teacher_id": ["A", "A"],
            "record_id": ["1", "2"],
            "hours": list(hours),
            # 教师〔2011〕1号: 五年一周期; the last day of 2011-2015, then the first of the next
            "completed_on": [date(2015, 12, 31), date(2016, 1, 1)],
            "category": ["remote", "remote"],
        }
    )


def test_359_99_is_short_of_360_on_the_last_day_of_the_cycle():
    result = evaluate_table(policy.get("cn-2011"), _teachers(), _records(), AS_OF)
    assert result.results.columns == list(RESULT_COLUMNS)
    first = result.results.filter(pl.col("teacher_id") == "A").row(0, named=True)
    assert (first["counted"], first["shortfall"], first["status"]) == (
        Decimal("359.99"),
        Decimal("0.01"),
        "failed",
    )
    assert result.results["counted"].sum() == Decimal("360.00")
    assert result.errors.columns == list(ERROR_COLUMNS)
    assert result.errors.height == 0


def test_float_hours_are_refused():
    records = _records().with_columns(pl.col("hours").cast(pl.Float64))
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert caught.value.code == "input.float"


def test_a_missing_column_is_named():
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), _teachers(), _records().drop("category"), AS_OF)
    assert (caught.value.code, caught.value.path) == ("input.missing", "records.category")


def test_a_bad_row_is_reported_and_its_teacher_not_evaluated():
    records = _records(hours=("359.99", "-1"))
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    error = result.errors.row(0, named=True)
    assert (error["source"], error["row"], error["field"], error["code"]) == (
        "records",
        1,
        "hours",
        "input.range",
    )
    statuses = result.results.group_by("teacher_id").agg(pl.col("status").unique())
    assert {k: sorted(v) for k, v in statuses.iter_rows()} == {
        "A": ["input_error"],
        "B": ["failed", "in_progress"],  # no records: 2011-2015 over and unmet
    }
    assert result.rows_in == 4
    assert result.rows_in_error == 1
    assert result.rows_evaluated == 3


def test_chinese_headers_and_values():
    teachers = pl.DataFrame(
        {
            "教师编号": ["A"],
            "出生日期": ["1980/1/5"],
            "性别": ["女"],
            "职称": ["中级"],
        }
    )
    records = pl.DataFrame(
        {
            "教师编号": ["A"],
            "记录编号": ["1"],
            "学时": ["360"],
            "完成日期": ["20150305"],
            "培训类别": ["remote"],
        }
    )
    result = evaluate_table(policy.get("cn-2011"), teachers, records, AS_OF)
    assert result.errors.height == 0
    assert result.results["status"].to_list() == ["passed", "in_progress"]


def test_partial_service_falls_back_to_evaluate():
    teachers = _teachers(employed_from=[date(2013, 1, 1), None])
    result = evaluate_table(policy.get("cn-2011"), teachers, _records(), AS_OF)
    assert result.fallback["teacher_id"].to_list() == ["A"]
    assert vectorisable(policy.get("cn-2011")) == ()
