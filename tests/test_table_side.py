"""The table path's optional inputs: outcomes, assessments and course results as tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

import trainingrules as tr
from trainingrules import policy

if TYPE_CHECKING:
    import polars as pl
else:
    pl = pytest.importorskip("polars")
from trainingrules.table import evaluate_table

D = Decimal


def _teachers(ids: tuple[str, ...] = ("A", "B")) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "teacher_id": list(ids),
            "birth_date": [date(1975, 1, 1)] * len(ids),
            "sex": ["female"] * len(ids),
            "title": ["intermediate"] * len(ids),
        }
    )


def _teacher(tid: str) -> tr.Teacher:
    return tr.Teacher(
        id=tid, birth_date=date(1975, 1, 1), sex=tr.Sex.FEMALE, title=tr.Title.INTERMEDIATE
    )


def _hohhot_records() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "teacher_id": ["A", "A", "B"],
            "record_id": ["C1", "C2", "C1"],
            "hours": ["20", "30", "20"],
            "completed_on": [date(2007, 4, 1), date(2007, 5, 1), date(2007, 4, 1)],
            "category": ["remote", "remote", "remote"],
        }
    )


def _no_records() -> pl.DataFrame:
    """A records table with its columns and no row."""
    return pl.DataFrame(
        schema={
            "teacher_id": pl.String,
            "hours": pl.String,
            "completed_on": pl.Date,
            "category": pl.String,
        }
    )


def _course(coursework: str, final: str | None) -> tr.CourseResult:
    return tr.CourseResult(
        hours_required=D(20),
        hours_completed=D(20),
        homework_passed=True,
        coursework_score=D(coursework),
        final_score=None if final is None else D(final),
    )


def _result_rows(frame: pl.DataFrame, tid: str) -> list[tuple[object, ...]]:
    return (
        frame.filter(pl.col("teacher_id") == tid)
        .select("scheme", "start", "requirement", "counted", "shortfall", "status")
        .rows()
    )


def _evaluated_rows(ev: tr.Evaluation) -> list[tuple[object, ...]]:
    """The engine's answer in the results table's terms: one row per requirement."""
    return [
        (p.scheme, p.period.start, r.rule_id, r.counted, r.missing, p.status.value)
        for p in ev.periods
        for r in p.requirements
    ]


def test_course_results_as_a_table_are_joined_to_their_records_like_evaluate() -> None:
    """Hohhot H4-H6: a course's 60/40 grade decides whether its hours count."""
    p = policy.get("nm-hohhot-2006")
    courses = pl.DataFrame(
        {
            "teacher_id": ["A", "A"],
            "record_id": ["C1", "C2"],
            "coursework_score": ["80", "90"],
            "final_score": ["40", None],  # C1 below the pass mark; C2's final not taken
            "hours_required": ["20", "30"],
            "hours_completed": ["20", "30"],
            "homework_passed": ["true", "是"],
        }
    )
    result = evaluate_table(p, _teachers(), _hohhot_records(), date(2008, 3, 1), courses=courses)
    assert result.errors.height == 0
    assert result.fallback.filter(pl.col("teacher_id") == "A")["reason"].to_list() == [
        "course results are given"
    ]
    records = [
        tr.TrainingRecord(
            id="C1",
            hours=D(20),
            completed_on=date(2007, 4, 1),
            category="remote",
            course=_course("80", "40"),
        ),
        tr.TrainingRecord(
            id="C2",
            hours=D(30),
            completed_on=date(2007, 5, 1),
            category="remote",
            course=tr.CourseResult(
                hours_required=D(30),
                hours_completed=D(30),
                homework_passed=True,
                coursework_score=D(90),
            ),
        ),
    ]
    expected = tr.evaluate(p, _teacher("A"), records, date(2008, 3, 1))
    assert _result_rows(result.results, "A") == _evaluated_rows(expected)
    # Neither course passed, so A counts none of the 50 hours; B's 20 plain hours count.
    without = evaluate_table(p, _teachers(), _hohhot_records(), date(2008, 3, 1))
    assert _result_rows(without.results, "A") != _result_rows(result.results, "A")
    assert result.rows_in == 2 + 3 + 2
    assert result.rows_in_error == 0


def test_course_results_as_a_mapping_equal_the_table() -> None:
    p = policy.get("nm-hohhot-2006")
    as_of = date(2008, 3, 1)
    table = pl.DataFrame(
        {"teacher_id": ["A"], "record_id": ["C1"], "coursework_score": [70], "final_score": [65]}
    )
    by_table = evaluate_table(p, _teachers(), _hohhot_records(), as_of, courses=table)
    by_mapping = evaluate_table(
        p,
        _teachers(),
        _hohhot_records(),
        as_of,
        courses={"A": {"C1": tr.CourseResult(coursework_score=D(70), final_score=D(65))}},
    )
    assert by_table.results.equals(by_mapping.results)


def test_bad_course_rows_are_errors_with_paths_and_their_teacher_is_not_evaluated() -> None:
    p = policy.get("nm-hohhot-2006")
    courses = pl.DataFrame(
        {
            "teacher_id": ["A", "B", "B", "Z", None],
            "record_id": ["C1", "C9", "C1", "C1", "C1"],
            "coursework_score": ["80", "70", "101", "70", "70"],
        }
    )
    result = evaluate_table(p, _teachers(), _hohhot_records(), date(2008, 3, 1), courses=courses)
    rows = (
        result.errors.filter(pl.col("source") == "courses")
        .select("row", "teacher_id", "path", "code")
        .rows()
    )
    assert rows == [
        (1, "B", "courses[1].record_id", "input.unknown_record"),
        (2, "B", "courses[2].coursework_score", "input.range"),
        (3, "Z", "courses[3].teacher_id", "input.unknown_teacher"),
        (4, None, "courses[4].teacher_id", "input.empty"),
    ]
    statuses = dict(result.results.group_by("teacher_id").agg(pl.col("status").first()).rows())
    assert statuses["B"] == "input_error"
    assert statuses["A"] != "input_error"
    assert (result.rows_in, result.rows_in_error) == (2 + 3 + 5, 4)


def test_a_second_course_result_for_one_record_is_a_duplicate() -> None:
    courses = pl.DataFrame(
        {"teacher_id": ["A", "A"], "record_id": ["C1", "C1"], "coursework_score": [80, 80]}
    )
    result = evaluate_table(
        policy.get("nm-hohhot-2006"),
        _teachers(),
        _hohhot_records(),
        date(2008, 3, 1),
        courses=courses,
    )
    assert result.errors.select("row", "path", "code").rows() == [
        (1, "courses[1].record_id", "input.duplicate")
    ]


def test_a_mapping_of_course_results_naming_no_record_is_refused() -> None:
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(
            policy.get("nm-hohhot-2006"),
            _teachers(),
            _hohhot_records(),
            date(2008, 3, 1),
            courses={"A": {"nope": tr.CourseResult(coursework_score=D(80))}},
        )
    assert caught.value.code == "input.unknown_record"


def test_outcomes_as_a_table_are_checked_against_the_policy_schemes() -> None:
    """J2: failures on an official list; an outcome of no scheme is a row error."""
    p = policy.get("jx-2014")
    records = _no_records()
    outcomes = pl.DataFrame(
        {
            "教师编号": ["B", "A", "A", "A"],
            "scheme": ["J2.school_years", "no-such-scheme", "J2.school_years", "J2.school_years"],
            "start": ["2013-09-01", "2014-01-01", "2013-09-01", "2013-09-01"],
            "passed": ["false", "false", "否", "否"],
        }
    )
    as_of = date(2016, 3, 1)
    result = evaluate_table(p, _teachers(), records, as_of, outcomes=outcomes)
    assert result.errors.select("row", "teacher_id", "path", "code").rows() == [
        (1, "A", "outcomes[1].scheme", "input.unknown_scheme"),
        (3, "A", "outcomes[3].start", "input.duplicate"),
    ]
    listed = tr.Outcome(scheme="J2.school_years", start=date(2013, 9, 1), passed=False)
    expected = tr.evaluate(p, _teacher("B"), [], as_of, outcomes=[listed])
    decisions = result.decisions().filter(pl.col("teacher_id") == "B")
    assert decisions.select("kind", "outcome").rows()[: len(expected.eligibility)] == [
        (d.kind.value, d.outcome.value) for d in expected.eligibility
    ]
    assert set(result.results.filter(pl.col("teacher_id") == "A")["status"]) == {"input_error"}


def test_an_outcome_given_as_a_float_or_a_word_is_refused_with_the_reason() -> None:
    records = _no_records()
    outcomes = pl.DataFrame(
        {
            "teacher_id": ["A"],
            "scheme": ["J2.school_years"],
            "start": ["2013-09-01"],
            "passed": ["maybe"],
        }
    )
    result = evaluate_table(
        policy.get("jx-2014"), _teachers(), records, date(2016, 3, 1), outcomes=outcomes
    )
    error = result.errors.row(0, named=True)
    assert (error["path"], error["code"]) == ("outcomes[0].passed", "input.type")


def test_assessments_as_a_table_with_nested_sittings_equal_evaluate() -> None:
    """Fujian F5-F7: exams, written work and attendance, one row per teacher."""
    p = policy.get("fj-putian-hanjiang-2009")
    assessment = {
        "sittings": [{"kind": "formal", "on": "2010-06-01", "score": "72"}],
        "written_work": {
            "notes_chars": 12000,
            "forum_posts": 5,
            "reflection_chars": 3000,
            "handwritten": True,
        },
        "unexcused_absence": False,
    }
    assessments = pl.DataFrame([{"teacher_id": "A", **assessment}])
    records = pl.DataFrame(
        {
            "teacher_id": ["A", "B"],
            "record_id": ["1", "1"],
            "hours": ["40", "40"],
            "completed_on": [date(2010, 5, 1), date(2010, 5, 1)],
            "category": ["remote", "remote"],
        }
    )
    as_of = date(2010, 12, 31)
    result = evaluate_table(p, _teachers(), records, as_of, assessments=assessments)
    assert result.errors.height == 0
    evaluated = tr.evaluate(
        p,
        _teacher("A"),
        [tr.TrainingRecord(id="1", hours=D(40), completed_on=date(2010, 5, 1), category="remote")],
        as_of,
        assessment=tr.Assessment.from_dict(assessment),
    )
    findings = result.findings().filter(pl.col("teacher_id") == "A")
    assert findings["code"].to_list() == [f.code for f in evaluated.findings]
    bad = pl.DataFrame([{"teacher_id": "B", "unexcused_absence": "perhaps"}])
    refused = evaluate_table(p, _teachers(), records, as_of, assessments=bad)
    assert refused.errors.select("path", "code").rows() == [
        ("assessments[0].unexcused_absence", "input.type")
    ]


def test_a_side_table_without_its_key_column_is_refused() -> None:
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(
            policy.get("nm-hohhot-2006"),
            _teachers(),
            _hohhot_records(),
            date(2008, 3, 1),
            courses=pl.DataFrame({"teacher_id": ["A"], "coursework_score": [80]}),
        )
    assert (caught.value.code, caught.value.path) == ("input.missing", "courses.record_id")


def test_dask_sends_each_course_result_with_its_teacher_and_refuses_tables() -> None:
    pytest.importorskip("distributed")
    from trainingrules.table import evaluate_dask  # noqa: PLC0415 - Dask is an extra

    p = policy.get("nm-hohhot-2006")
    as_of = date(2008, 3, 1)
    courses = {
        "A": {"C1": _course("80", "40")},
        "B": {"C1": tr.CourseResult(coursework_score=D(90), final_score=D(90))},
    }
    whole = evaluate_table(p, _teachers(), _hohhot_records(), as_of, courses=courses)
    parts = evaluate_dask(
        p, _teachers(), _hohhot_records(), as_of, courses=courses, npartitions=2
    ).compute()
    assert parts.errors.height == 0
    assert parts.results.equals(whole.results)
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_dask(
            p,
            _teachers(),
            _hohhot_records(),
            as_of,
            courses=pl.DataFrame({"teacher_id": ["A"], "record_id": ["C1"]}),  # type: ignore[arg-type]  # refused
        )
    assert (caught.value.code, caught.value.path) == ("input.type", "courses")


def test_assessments_as_a_mapping_equal_the_table() -> None:
    p = policy.get("fj-putian-hanjiang-2009")
    as_of = date(2010, 12, 31)
    sitting = {"kind": "formal", "on": "2010-06-01", "score": "55"}  # below the pass mark
    table = pl.DataFrame([{"teacher_id": "A", "sittings": [sitting], "unexcused_absence": True}])
    mapping = {
        "A": tr.Assessment.from_dict({"sittings": [sitting], "unexcused_absence": True}),
    }
    by_table = evaluate_table(p, _teachers(), _no_records(), as_of, assessments=table)
    by_mapping = evaluate_table(p, _teachers(), _no_records(), as_of, assessments=mapping)
    assert by_mapping.fallback.rows() == [("A", "an assessment is given")]
    assert by_mapping.results.equals(by_table.results)
    assert by_mapping.findings().equals(by_table.findings())
    expected = tr.evaluate(p, _teacher("A"), [], as_of, assessment=mapping["A"])
    findings = by_mapping.findings().filter(pl.col("teacher_id") == "A")
    assert findings["code"].to_list() == [f.code for f in expected.findings]
    assert "attendance.absent" in findings["code"].to_list()


def test_every_side_table_checks_its_rows_against_the_teachers_table() -> None:
    p = policy.get("jx-2014")
    outcomes = pl.DataFrame(
        {
            "teacher_id": ["B", "Z"],
            "scheme": ["J2.school_years"] * 2,
            "start": ["2013-09-01"] * 2,
            "passed": ["false"] * 2,
        }
    )
    assessments = pl.DataFrame([{"teacher_id": "Z", "unexcused_absence": False}])
    result = evaluate_table(
        p, _teachers(), _no_records(), date(2016, 3, 1), outcomes=outcomes, assessments=assessments
    )
    assert result.errors.select("source", "row", "teacher_id", "code").rows() == [
        ("outcomes", 1, "Z", "input.unknown_teacher"),
        ("assessments", 0, "Z", "input.unknown_teacher"),
    ]
    assert (result.rows_in, result.rows_in_error) == (2 + 0 + 3, 2)


def test_whole_number_teacher_ids_match_across_the_tables() -> None:
    p = policy.get("jx-2014")
    as_of = date(2016, 3, 1)
    outcomes = {
        "scheme": ["J2.school_years"],
        "start": ["2013-09-01"],
        "passed": ["false"],
    }
    by_number = evaluate_table(
        p,
        _teachers().with_columns(pl.Series("teacher_id", [1, 2])),
        _no_records(),
        as_of,
        outcomes=pl.DataFrame({"teacher_id": [2], **outcomes}),
    )
    by_text = evaluate_table(
        p,
        _teachers(("1", "2")),
        _no_records(),
        as_of,
        outcomes=pl.DataFrame({"teacher_id": ["2"], **outcomes}),
    )
    assert by_number.errors.height == 0
    assert by_number.decisions().equals(by_text.decisions())
    without = evaluate_table(p, _teachers(("1", "2")), _no_records(), as_of)
    two = pl.col("teacher_id") == "2"
    # the outcome reached teacher 2: their decisions differ from a run without it
    assert not by_number.decisions().filter(two).equals(without.decisions().filter(two))


def test_a_course_result_without_its_record_id_is_a_row_error() -> None:
    courses = pl.DataFrame(
        {"teacher_id": ["A", "B"], "record_id": [None, "C1"], "coursework_score": ["80", "90"]}
    )
    result = evaluate_table(
        policy.get("nm-hohhot-2006"),
        _teachers(),
        _hohhot_records(),
        date(2008, 3, 1),
        courses=courses,
    )
    assert result.errors.select("row", "teacher_id", "path", "code", "message").rows() == [
        (0, "A", "courses[0].record_id", "input.empty", "record_id is missing")
    ]
    statuses = dict(result.results.group_by("teacher_id").agg(pl.col("status").first()).rows())
    assert statuses["A"] == "input_error"
    assert statuses["B"] != "input_error"
