"""The benchmark's yardstick stays right: hand-written pandas for cn-2011 equals the table path.

``benchmarks/pandas_cn2011.py`` is what ``benchmarks/bench_table.py`` times the table
path against; a yardstick that answered differently would make the ratio meaningless.
Small sizes, no timing: 教师〔2011〕1号 (quoted in 赣教师字〔2014〕36号 一),
"对教师进行五年一周期的每人不少于360学时的全员培训".
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from trainingrules import policy

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
else:
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
pytest.importorskip("numpy")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import bench_table
from pandas_cn2011 import evaluate_cn2011

SETUP = bench_table.SETUPS["cn-2011"]
CN = policy.get("cn-2011")


@pytest.fixture(scope="module")
def data() -> bench_table.Inputs:
    return bench_table.read(*bench_table.build(300, SETUP, seed=11))


def test_generated_data_hold_the_boundaries(data):
    records = data.typed[1]
    # Teacher T0: twenty records of 18 hours, the last on 2015-12-31, the cycle's last day.
    t0 = records.filter(pl.col("teacher_id") == "T0")
    assert t0["hours"].sum() == 360
    assert t0["completed_on"].max() == date(2015, 12, 31)
    # Teacher T1: 0.01 hour short.
    assert str(records.filter(pl.col("teacher_id") == "T1")["hours"].sum()) == "359.99"


def test_pandas_equals_the_table_path_at_the_boundary_dates(data):
    seen = bench_table.check_pandas(CN, data, SETUP)  # raises SystemExit when they differ
    assert set(seen) == {"passed", "failed", "in_progress", "not_started"}


def test_boundary_statuses_of_the_pandas_yardstick(data: bench_table.Inputs) -> None:
    def status(as_of: date, teacher: str) -> tuple[str, int]:
        got = evaluate_cn2011(*data.pandas, as_of)
        row = got[(got["teacher_id"] == teacher) & (got["period"] == "2011–2015")]
        return row["status"].iloc[0], int(row["counted"].iloc[0])

    # 360 hours reached on the cycle's last day: passed.
    assert status(date(2015, 12, 31), "T0") == ("passed", 36_000)
    # 359.99 hours: open on the cycle's last day, failed from the next cycle's first day.
    assert status(date(2015, 12, 31), "T1") == ("in_progress", 35_999)
    assert status(date(2016, 1, 1), "T1") == ("failed", 35_999)
    # The last record falls on 2016-01-01, in the next cycle: 342 hours in 2011-2015.
    assert status(date(2016, 3, 1), "T2") == ("failed", 34_200)
    # Before the first cycle starts.
    assert status(date(2010, 12, 31), "T0") == ("not_started", 0)


def _frames(**records: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    teachers = pd.DataFrame({"teacher_id": ["A", "B"], "title": ["senior", None]})
    base = {
        "teacher_id": ["A", "B"],
        "record_id": ["1", "1"],
        "hours": ["360", "12.5"],
        "completed_on": ["2012-03-05", "2013-04-06"],
    }
    return teachers, pd.DataFrame(base | records)


@pytest.mark.parametrize(
    ("records", "field"),
    [
        ({"hours": ["360", "1.005"]}, "hours"),  # more than two decimal places
        ({"hours": ["360", "-1"]}, "hours"),
        ({"hours": ["360", "100000.01"]}, "hours"),  # above the engine's MAX_HOURS
        ({"completed_on": ["2012-03-05", "2013/4/6"]}, "completed_on"),
        ({"teacher_id": ["A", "C"]}, "records.teacher_id"),
        ({"teacher_id": ["A", "A"]}, "record_id"),  # A has record 1 twice
    ],
)
def test_pandas_yardstick_refuses_bad_rows(records, field):
    with pytest.raises(ValueError, match=field):
        evaluate_cn2011(*_frames(**records), date(2016, 3, 1))


def test_pandas_yardstick_refuses_partial_service():
    teachers, records = _frames()
    teachers["employed_from"] = ["2013-01-01", None]
    with pytest.raises(NotImplementedError, match=r"N1\.service"):
        evaluate_cn2011(teachers, records, date(2016, 3, 1))


def test_pandas_yardstick_on_good_rows():
    got = evaluate_cn2011(*_frames(), date(2016, 3, 1))
    assert got[["teacher_id", "counted", "status"]].to_numpy().tolist() == [
        ["A", 36_000, "passed"],
        ["A", 0, "in_progress"],
        ["B", 1_250, "failed"],
        ["B", 0, "in_progress"],
    ]
