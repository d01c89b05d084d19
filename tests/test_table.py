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


def test_pandas_in_pandas_out_with_exact_typed_columns():
    pd = pytest.importorskip("pandas")
    teachers = _teachers().to_pandas()
    records = _records().to_pandas()
    result = evaluate_table(policy.get("cn-2011"), teachers, records, AS_OF)
    assert isinstance(result.results, pd.DataFrame)
    # Arrow-backed decimals: exact, summable, not Python objects.
    assert str(result.results["counted"].dtype).startswith("decimal128")
    assert result.results["counted"].sum() == Decimal("360.00")
    assert isinstance(result.errors, pd.DataFrame)
    assert list(result.results.columns) == list(RESULT_COLUMNS)


def test_pandas_float_hours_are_refused():
    pytest.importorskip("pandas")
    records = _records().with_columns(pl.col("hours").cast(pl.Float64)).to_pandas()
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), _teachers().to_pandas(), records, AS_OF)
    assert caught.value.code == "input.float"


def test_arrow_in_arrow_out():
    pa = pytest.importorskip("pyarrow")
    result = evaluate_table(
        policy.get("cn-2011"), _teachers().to_arrow(), _records().to_arrow(), AS_OF
    )
    assert isinstance(result.results, pa.Table)
    assert result.results.column("status").to_pylist()[:2] == ["failed", "in_progress"]


def test_an_unknown_kind_of_table_is_a_typed_error():
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), [{"teacher_id": "A"}], _records(), AS_OF)
    assert (caught.value.code, caught.value.path) == ("input.type", "teachers")


def test_typed_decimal_hours_and_trailing_zeros_need_no_parsing():
    records = _records(hours=("359.9900000000", "0.01")).with_columns(
        pl.col("hours").cast(pl.Decimal(38, 10))
    )
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert result.errors.height == 0
    assert result.results.row(0, named=True)["counted"] == Decimal("359.99")


def _constructor_code(hours):
    try:
        tr.TrainingRecord(id="x", hours=hours, completed_on=date(2012, 1, 1), category="remote")
    except tr.InvalidInputError as error:
        return error.code
    return None


@pytest.mark.parametrize(
    "hours",
    ["0.0000000001", "100000.01", "1E+3", " 12 ", "+5", "-0", "１２", "NaN", "abc", "1e309", "-1"],
)
def test_hours_are_accepted_and_refused_exactly_as_the_constructor_does(hours):
    records = _records(hours=(hours, "1"))
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    codes = result.errors.filter(pl.col("row") == 0)["code"].to_list()
    assert codes == ([] if _constructor_code(hours) is None else [_constructor_code(hours)])
    if codes:
        assert result.errors.row(0, named=True)["path"] == "records[0].hours"


def test_record_ids_are_derived_when_absent_and_repeats_are_errors():
    records = _records().drop("record_id")
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert result.errors.height == 0
    repeated = _records().with_columns(pl.lit("same").alias("record_id"))
    result = evaluate_table(policy.get("cn-2011"), _teachers(), repeated, AS_OF)
    assert result.errors.select("row", "field", "code").rows() == [
        (1, "record_id", "input.duplicate")
    ]


def test_blank_and_unknown_teacher_ids_and_blank_categories():
    records = pl.DataFrame(
        {
            "teacher_id": ["A", " ", "Z", None],
            "record_id": ["1", "2", "3", "4"],
            "hours": ["1", "1", "1", "1"],
            "completed_on": [date(2012, 1, 1)] * 4,
            "category": ["  ", "remote", "remote", "remote"],
        }
    )
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert result.errors.select("row", "field", "code").sort("row").rows() == [
        (0, "category", "input.empty"),
        (1, "teacher_id", "input.empty"),
        (2, "teacher_id", "input.unknown_teacher"),
        (3, "teacher_id", "input.empty"),
    ]
    assert result.rows_in == 6
    assert result.rows_in_error == 4


def test_started_on_and_fee_paid_are_checked():
    records = _records().with_columns(
        pl.Series("started_on", [date(2016, 1, 2), None]),
        pl.Series("fee_paid", ["-1", "12.50"]),
    )
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert result.errors.select("row", "field", "code").rows() == [
        (0, "started_on", "input.order"),
        (0, "fee_paid", "input.range"),
    ]


def test_findings_and_decisions_on_demand_equal_evaluate():
    p = policy.get("cn-2011")
    result = evaluate_table(p, _teachers(), _records(), AS_OF)
    who = tr.Teacher(id="A", birth_date=date(1980, 1, 1), sex=tr.Sex.MALE, title=tr.Title.SENIOR)
    records = [
        tr.TrainingRecord(
            id="1", hours=Decimal("359.99"), completed_on=date(2015, 12, 31), category="remote"
        ),
        tr.TrainingRecord(
            id="2", hours=Decimal("0.01"), completed_on=date(2016, 1, 1), category="remote"
        ),
    ]
    evaluation = tr.evaluate(p, who, records, AS_OF)
    findings = result.findings().filter(pl.col("teacher_id") == "A")
    assert findings["code"].to_list() == [f.code for f in evaluation.findings]
    assert findings["message_zh"].to_list() == [f.zh for f in evaluation.findings]
    decisions = result.decisions().filter(pl.col("teacher_id") == "A")
    assert decisions.select("kind", "outcome").rows() == [
        (d.kind.value, d.outcome.value) for d in evaluation.eligibility
    ] + [("remedial", "required" if r.required else "not_required") for r in evaluation.remedial]


def test_outcomes_decided_elsewhere_reach_the_decisions_and_bad_ones_are_errors():
    p = policy.get("jx-2014")
    listed = tr.Outcome(scheme="J2.school_years", start=date(2013, 9, 1), passed=False)
    teachers = _teachers()
    result = evaluate_table(p, teachers, _records(), AS_OF, outcomes={"B": [listed]})
    who = tr.Teacher(id="B", birth_date=date(1981, 2, 2), sex=tr.Sex.FEMALE, title=tr.Title.JUNIOR)
    expected = tr.evaluate(p, who, [], AS_OF, outcomes=[listed])
    decisions = result.decisions().filter(pl.col("teacher_id") == "B")
    assert decisions.select("kind", "outcome").rows()[: len(expected.eligibility)] == [
        (d.kind.value, d.outcome.value) for d in expected.eligibility
    ]
    # An outcome for a scheme the policy does not define: evaluate refuses the teacher,
    # who is then in error (when they fall back; here: partial service under J's rule).
    bad = {"A": [tr.Outcome(scheme="no-such-scheme", start=date(2014, 1, 1), passed=False)]}
    teachers = _teachers(employed_from=[date(2013, 1, 1), None])
    result = evaluate_table(p, teachers, _records(), AS_OF, outcomes=bad)
    error = result.errors.row(0, named=True)
    assert (error["source"], error["row"], error["teacher_id"]) == ("teachers", 0, "A")
    assert error["path"].startswith("teachers[0]")
    assert set(result.results.filter(pl.col("teacher_id") == "A")["status"]) == {"input_error"}
    assert result.rows_in_error == 1


def test_the_notebook_view_counts_statuses_and_escapes_values():
    teachers = _teachers().with_columns(pl.Series("teacher_id", ["<b>A</b>", "B"]))
    records = _records().with_columns(pl.lit("<b>A</b>").alias("teacher_id"))
    html = evaluate_table(policy.get("cn-2011"), teachers, records, AS_OF)._repr_html_()
    assert "4 rows in, 0 in error" in html
    assert 'style="background:#f8d7da">failed</td><td>2</td>' in html  # both failed 2011-2015
    assert "<b>A</b>" not in html


def test_an_over_long_category_or_programme_is_a_row_error():
    records = _records().with_columns(
        pl.Series("category", ["x" * 201, "remote"]),
        pl.Series("programme", ["", "p" * 201]),
    )
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert result.errors.select("row", "field", "code").sort("row").rows() == [
        (0, "category", "input.too_long"),
        (1, "programme", "input.too_long"),
    ]
