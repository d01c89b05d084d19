"""``trainingrules evaluate`` on Excel workbooks (``.xlsx``): what Chinese Excel saves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from trainingrules import policy
from trainingrules.__main__ import main

pl = pytest.importorskip("polars")
xlsxwriter = pytest.importorskip("xlsxwriter")
pytest.importorskip("fastexcel")
from polars.testing import assert_frame_equal  # noqa: E402

from trainingrules.table import evaluate_table  # noqa: E402


def _day(year: int, month: int, day: int) -> dt.datetime:
    """A date cell's value (Excel has no time zones)."""
    return dt.datetime(year, month, day)  # noqa: DTZ001 - a day in a cell, no zone


def _workbook(path: Path, rows: list[list[object]]) -> None:
    """Rows written as Excel writes them: numbers as numbers, dates as date cells."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    day = book.add_format({"num_format": "yyyy/m/d"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, day)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()


def test_a_workbook_with_chinese_headers_date_cells_numbers_and_a_blank_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _workbook(
        tmp_path / "teachers.xlsx",
        [
            ["教师编号", "出生日期", "性别", "职称"],
            ["A", _day(1980, 1, 5), "女", "中级"],
            [None, None, None, None],  # a blank row: skipped, the line numbers stay right
            ["B", "1978/3/2", "x", "高级"],  # row 4: an unknown sex
        ],
    )
    _workbook(
        tmp_path / "records.xlsx",
        [
            ["教师编号", "记录编号", "学时", "完成日期", "培训类别"],
            # 教师〔2011〕1号: 不少于360学时 in 2011-2015; 359.99 typed in Excel is short
            ["A", 1, 359.99, _day(2015, 12, 31), "remote"],
            ["A", 2, 0.01, _day(2016, 1, 1), "remote"],
            ["B", 1, 360, "2014/5/5", "remote"],
        ],
    )
    monkeypatch.chdir(tmp_path)
    args = ["evaluate", "--policy", "cn-2011", "--as-of", "2016-03-01"]
    status = main([*args, "teachers.xlsx", "records.xlsx", "-o", "results.csv"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.splitlines()[0] == (
        "teachers.xlsx:4: sex: x is not one of: male, female, 男, 女 [input.choice]"
    )
    results = pl.read_csv(tmp_path / "results.csv", infer_schema=False)
    a = results.filter(pl.col("teacher_id") == "A").row(0, named=True)
    assert (a["start"], a["counted"], a["shortfall"], a["status"]) == (
        "2011-01-01",
        "359.99",
        "0.01",
        "failed",
    )
    assert set(results.filter(pl.col("teacher_id") == "B")["status"]) == {"input_error"}
    # The same answers as the table path on the values typed.
    teachers = pl.DataFrame(
        {
            "教师编号": ["A", "B"],
            "出生日期": ["1980-01-05", "1978/3/2"],
            "性别": ["女", "x"],
            "职称": ["中级", "高级"],
        }
    )
    records = pl.DataFrame(
        {
            "教师编号": ["A", "A", "B"],
            "记录编号": ["1", "2", "1"],
            "学时": ["359.99", "0.01", "360"],
            "完成日期": ["2015-12-31", "2016-01-01", "2014/5/5"],
            "培训类别": ["remote"] * 3,
        }
    )
    expected = evaluate_table(policy.get("cn-2011"), teachers, records, dt.date(2016, 3, 1))
    assert_frame_equal(results, expected.results.with_columns(pl.all().cast(pl.String)))


def test_an_unknown_extension_names_xlsx_among_the_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "t.xls").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    args = ["evaluate", "--policy", "cn-2011", "--as-of", "2016-03-01", "t.xls", "t.xls"]
    assert main(args) == 2
    assert ".xlsx" in capsys.readouterr().err
