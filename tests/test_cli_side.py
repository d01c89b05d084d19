"""``trainingrules evaluate`` with outcomes, assessments and course results, and its
findings and decisions files: the console script on files the test writes."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from trainingrules import policy

if TYPE_CHECKING:
    import polars as pl
else:
    pl = pytest.importorskip("polars")
from polars.testing import assert_frame_equal

from trainingrules.table import evaluate_table

SCRIPT = shutil.which("trainingrules")
AS_OF = date(2008, 3, 1)

TEACHERS = "教师编号,出生日期,性别,职称\nA,1975/1/1,女,中级\nB,1976/2/2,男,中级\n"
RECORDS = (
    "教师编号,记录编号,学时,完成日期,培训类别\n"
    "A,C1,20,2007/4/1,remote\n"
    "A,C2,30,2007/5/1,remote\n"
    "B,C1,20,2007/4/1,remote\n"
)
# Line 2: A's C1 graded (H5); line 3: a score over 100; line 4: B has no record C9.
COURSES = (
    "教师编号,记录编号,coursework_score,final_score,homework_passed\n"
    "A,C1,80,40,是\n"
    "B,C1,101,70,true\n"
    "B,C9,70,70,true\n"
)


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert SCRIPT is not None
    return subprocess.run(  # noqa: S603 - the installed console script
        [SCRIPT, *args], capture_output=True, cwd=cwd, check=False, timeout=120
    )


@pytest.fixture
def hohhot(tmp_path: Path) -> Path:
    (tmp_path / "teachers.csv").write_bytes(TEACHERS.encode("gb18030"))
    (tmp_path / "records.csv").write_bytes(RECORDS.encode("gb18030"))
    (tmp_path / "courses.csv").write_bytes(COURSES.encode("gb18030"))
    return tmp_path


def _frames(cwd: Path) -> dict[str, pl.DataFrame]:
    return {
        name: pl.read_csv(cwd / f"{name}.csv", infer_schema=False, encoding="gb18030")
        for name in ("teachers", "records", "courses")
    }


def test_course_results_file_with_bad_rows_findings_and_decisions(hohhot: Path) -> None:
    done = _run(
        hohhot,
        "evaluate",
        "--policy",
        "nm-hohhot-2006",
        "--as-of",
        "2008-03-01",
        "teachers.csv",
        "records.csv",
        "--courses",
        "courses.csv",
        "-o",
        "results.csv",
        "--findings",
        "findings.csv",
        "--decisions",
        "decisions.jsonl",
    )
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert "Traceback" not in stderr
    # file:line (the header is line 1): field: message [code]
    assert stderr.splitlines()[:2] == [
        "courses.csv:3: coursework_score: 101 is above the maximum 100 [input.range]",
        (
            "courses.csv:4: record_id: no record C9 of teacher B in the records table "
            "[input.unknown_record]"
        ),
    ]
    errors = pl.read_csv(hohhot / "results.errors.csv", infer_schema=False)
    assert errors.select("file", "line", "field", "code").rows() == [
        ("courses.csv", "3", "coursework_score", "input.range"),
        ("courses.csv", "4", "record_id", "input.unknown_record"),
    ]
    frames = _frames(hohhot)
    p = policy.get("nm-hohhot-2006")
    expected = evaluate_table(
        p, frames["teachers"], frames["records"], AS_OF, courses=frames["courses"]
    )
    results = pl.read_csv(hohhot / "results.csv", infer_schema=False)
    assert_frame_equal(results, expected.results.with_columns(pl.all().cast(pl.String)))
    # The teacher of a bad row is not evaluated; A is, with the course graded.
    assert set(results.filter(pl.col("teacher_id") == "B")["status"]) == {"input_error"}
    assert "input_error" not in set(results.filter(pl.col("teacher_id") == "A")["status"])
    findings = pl.read_csv(hohhot / "findings.csv", infer_schema=False)
    assert_frame_equal(findings, expected.findings().with_columns(pl.all().cast(pl.String)))
    assert findings.height > 0
    assert set(findings["teacher_id"]) == {"A"}
    decisions = pl.read_ndjson(hohhot / "decisions.jsonl", infer_schema_length=None)
    assert decisions.height == expected.decisions().height


def test_good_course_results_change_what_counts(hohhot: Path) -> None:
    (hohhot / "courses.csv").write_text(
        "teacher_id,record_id,coursework_score,final_score\nA,C1,80,40\n", encoding="utf-8"
    )
    args = ("evaluate", "--policy", "nm-hohhot-2006", "--as-of", "2008-03-01")
    plain = _run(hohhot, *args, "teachers.csv", "records.csv")
    graded = _run(hohhot, *args, "teachers.csv", "records.csv", "--courses", "courses.csv")
    assert (plain.returncode, graded.returncode) == (0, 0)
    with_course = pl.read_csv(graded.stdout, infer_schema=False)
    without = pl.read_csv(plain.stdout, infer_schema=False)
    a = pl.col("teacher_id") == "A"
    # The course grade (H5) decides whether C1's 20 hours count: the CLI says what
    # evaluate_table says, and it differs from the run without course results.
    frames = _frames(hohhot) | {
        "courses": pl.DataFrame(
            {
                "teacher_id": ["A"],
                "record_id": ["C1"],
                "coursework_score": ["80"],
                "final_score": ["40"],
            }
        )
    }
    expected = evaluate_table(
        policy.get("nm-hohhot-2006"),
        frames["teachers"],
        frames["records"],
        AS_OF,
        courses=frames["courses"],
    ).results.with_columns(pl.all().cast(pl.String))
    assert_frame_equal(with_course, expected)
    assert with_course.filter(a)["counted"].to_list() != without.filter(a)["counted"].to_list()


def test_outcomes_and_assessments_files(tmp_path: Path) -> None:
    (tmp_path / "teachers.csv").write_text(
        "teacher_id,birth_date,sex,title\nA,1975-01-01,female,intermediate\n"
        "B,1976-01-01,male,intermediate\n",
        encoding="utf-8",
    )
    (tmp_path / "records.csv").write_text(
        "teacher_id,record_id,hours,completed_on,category\nA,1,40,2010-05-01,remote\n",
        encoding="utf-8",
    )
    (tmp_path / "outcomes.csv").write_text(
        "teacher_id,scheme,start,passed\nB,no-such-scheme,2010-01-01,false\n", encoding="utf-8"
    )
    line = {
        "teacher_id": "A",
        "sittings": [{"kind": "formal", "on": "2010-06-01", "score": "72"}],
        "unexcused_absence": False,
    }
    (tmp_path / "assessments.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    done = _run(
        tmp_path,
        "evaluate",
        "--policy",
        "fj-putian-hanjiang-2009",
        "--as-of",
        "2010-12-31",
        "teachers.csv",
        "records.csv",
        "--outcomes",
        "outcomes.csv",
        "--assessments",
        "assessments.jsonl",
        "--decisions",
        "decisions.csv",
    )
    stderr = done.stderr.decode()
    assert done.returncode == 1, stderr
    assert stderr.startswith("outcomes.csv:2: scheme: the policy has no period scheme")
    assert stderr.splitlines()[0].endswith("[input.unknown_scheme]")
    results = pl.read_csv(done.stdout, infer_schema=False)
    assert set(results.filter(pl.col("teacher_id") == "B")["status"]) == {"input_error"}
    assert "input_error" not in set(results.filter(pl.col("teacher_id") == "A")["status"])
    decisions = pl.read_csv(tmp_path / "decisions.csv", infer_schema=False)
    assert decisions.height > 0
    assert set(decisions["teacher_id"]) == {"A"}  # B is in error: no decisions


def test_chunks_carry_each_teachers_side_rows_and_give_the_answers_of_one_run(
    hohhot: Path,
) -> None:
    from trainingrules.cli._evaluate import evaluate_frames  # noqa: PLC0415

    frames = _frames(hohhot)
    p = policy.get("nm-hohhot-2006")
    side = {"courses": frames["courses"]}
    whole = evaluate_frames(
        p, frames["teachers"], frames["records"], AS_OF, side=side, findings=True
    )
    chunked = evaluate_frames(
        p, frames["teachers"], frames["records"], AS_OF, 1, side=side, findings=True
    )
    assert_frame_equal(chunked.results, whole.results)
    assert_frame_equal(chunked.errors, whole.errors)  # rows of the whole courses table
    assert chunked.errors.get_column("path").to_list() == [
        "courses[1].coursework_score",
        "courses[2].record_id",
    ]
    assert whole.findings is not None
    assert chunked.findings is not None
    assert_frame_equal(chunked.findings, whole.findings)
    assert (chunked.rows_in, chunked.rows_in_error) == (whole.rows_in, whole.rows_in_error)
