"""The table path: input checks, the errors table, Chinese headers and values, fallback."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy

pl = pytest.importorskip("polars")
from trainingrules.table import ERROR_COLUMNS, RESULT_COLUMNS, evaluate_table, vectorisable  # noqa: E402
from trainingrules.table._columns import DATE_FORMATS  # noqa: E402
from trainingrules.table._values import parse_date as _parse_date  # noqa: E402
from trainingrules.table._values import usual_dates as _usual_dates  # noqa: E402

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
    [
        *("0.0000000001", "100000.01", "1E+3", " 12 ", "+5", "-0", "１２", "NaN", "abc"),
        *("1e309", "-1", "007", "12.50", "0.000000001", "100000", "100000.000000001", "1."),
        *(".5", "", "999999.999999999", "1_000"),
    ],
)
def test_hours_are_accepted_and_refused_exactly_as_the_constructor_does(hours):
    records = _records(hours=(hours, "1"))
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    codes = result.errors.filter(pl.col("row") == 0)["code"].to_list()
    assert codes == ([] if _constructor_code(hours) is None else [_constructor_code(hours)])
    if codes:
        assert result.errors.row(0, named=True)["path"] == "records[0].hours"


def _read_as_the_constructor_does(records, hours):
    """The table path's answer for row 0 (``hours``) is the constructor's: value or code."""
    result = evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    codes = result.errors.filter(pl.col("row") == 0)["code"].to_list()
    refused = _constructor_code(hours)
    assert codes == ([] if refused is None else [refused])
    if refused is None:
        first = result.results.filter(pl.col("teacher_id") == "A").row(0, named=True)
        made = tr.TrainingRecord(id="x", hours=hours, completed_on=AS_OF, category="remote")
        assert first["counted"] == made.hours


@settings(max_examples=100)
@given(
    st.one_of(
        st.text(alphabet="0123456789.+-eE _", max_size=18),
        st.decimals(allow_nan=False, allow_infinity=False).map(str),
        st.decimals(min_value=0, max_value=10**6, places=10).map(str),
    )
)
def test_hours_as_text_read_as_the_constructor_reads_them(text):
    """Plain text is parsed by polars, the rest by the core's check: the same answers."""
    _read_as_the_constructor_does(_records(hours=(text, "1")), text)


@settings(max_examples=100)
@given(
    st.integers(0, 12).flatmap(
        lambda places: st.tuples(
            st.just(places),
            st.decimals(min_value=-1, max_value=100_002, places=places),
        )
    )
)
def test_decimal_hours_checked_by_expressions_as_the_constructor_checks_them(case):
    """Range and places of a ``Decimal(38, p)`` column by expressions: the same answers."""
    places, hours = case
    records = _records(hours=(str(hours), "1")).with_columns(
        pl.col("hours").cast(pl.Decimal(38, places))
    )
    _read_as_the_constructor_does(records, hours)


@pytest.mark.parametrize("hours", [0, 7, 100_000, 100_001, -1])
def test_whole_number_hours_checked_as_the_constructor_checks_them(hours):
    records = _records(hours=(str(hours), "1")).with_columns(pl.col("hours").cast(pl.Int64))
    _read_as_the_constructor_does(records, hours)


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
    # An outcome for a scheme the policy does not define is refused up front, as
    # evaluate refuses it, whether its teacher is counted over columns or falls back
    # (over columns it would otherwise reach decisions() alone, or nothing).
    bad = {"A": [tr.Outcome(scheme="no-such-scheme", start=date(2014, 1, 1), passed=False)]}
    for teachers in (_teachers(), _teachers(employed_from=[date(2013, 1, 1), None])):
        with pytest.raises(tr.InvalidInputError) as caught:
            evaluate_table(p, teachers, _records(), AS_OF, outcomes=bad)
        assert (caught.value.code, caught.value.path) == (
            "input.unknown_scheme",
            "outcomes['A'][0].scheme",
        )


def test_teachers_read_in_several_chunks_with_a_repeated_id_are_errors_not_a_panic():
    """polars 2.1 panics on a filter of duplicated ids over several chunks (a Parquet
    file of two row groups): the table path works on one chunk per column."""
    first = _teachers()
    again = first.head(1).with_columns(pl.lit("B").alias("teacher_id"))
    teachers = pl.concat([first, again], rechunk=False)
    assert teachers.n_chunks() == 2
    result = evaluate_table(policy.get("cn-2011"), teachers, _records(), AS_OF)
    assert ("teacher_id", "input.duplicate") in result.errors.select("field", "code").rows()


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


# --- what the columnar executor cannot do, and inputs of every type ----------------------

import attrs  # noqa: E402
import fixture_county  # noqa: E402

from trainingrules.policy import HoursRequirement, Proration, ServiceRule  # noqa: E402
from trainingrules.scoring import Rounding  # noqa: E402


def _engine_rows(p, teachers, records, as_of):
    """``evaluate`` on each teacher: the results table's columns, row by row."""
    rows: list[tuple[object, ...]] = []
    for who in teachers.iter_rows(named=True):
        teacher = tr.Teacher(
            id=who["teacher_id"],
            birth_date=who["birth_date"],
            sex=who["sex"],
            title=who["title"],
            employed_from=who.get("employed_from"),
        )
        mine = [
            tr.TrainingRecord(
                id=r["record_id"],
                hours=Decimal(r["hours"]),
                completed_on=r["completed_on"],
                category=r["category"],
            )
            for r in records.filter(pl.col("teacher_id") == who["teacher_id"]).iter_rows(named=True)
        ]
        for period in tr.evaluate(p, teacher, mine, as_of).periods:
            rows.extend(
                (teacher.id, period.period.start, r.rule_id, r.required, r.counted, r.missing)
                for r in period.requirements
            )
    return rows


def _table_rows(result):
    return result.results.select(
        "teacher_id", "start", "requirement", "required", "counted", "shortfall"
    ).rows()


def _county_teachers(**extra):
    return _teachers(**extra).with_columns(pl.Series("title", ["senior", "junior"]))


def _credit_records(hours, categories):
    return pl.DataFrame(
        {
            "teacher_id": ["A", "B"],
            "record_id": ["1", "2"],
            "hours": list(hours),
            "completed_on": [date(2021, 9, 1)] * 2,
            "category": list(categories),
        }
    )


def test_hours_converted_to_whole_credits_over_columns_equal_evaluate():
    """Fixture art. 7: 10 hours of concentrated training, 20 online, per credit, rounded down."""
    p = fixture_county.CREDITS_POLICY
    records = _credit_records(["25", "30"], ["concentrated", "online"])
    as_of = date(2022, 3, 1)
    result = evaluate_table(p, _county_teachers(), records, as_of)
    assert result.fallback.height == 0  # counted over columns
    assert result.errors.height == 0
    rows = _table_rows(result)
    assert rows == _engine_rows(p, _county_teachers(), records, as_of)
    # 25 / 10 = 2.5 → 2 credits; 30 / 20 = 1.5 → 1 credit: both short of 6 in 2021
    assert [(tid, counted) for tid, start, _, _, counted, _ in rows if start.year == 2021] == [
        ("A", Decimal(2)),
        ("B", Decimal(1)),
    ]


def test_credits_finer_than_nine_decimal_places_are_counted_one_by_one_exactly():
    p = fixture_county.CREDITS_POLICY
    online = p.rule("A7.online")
    assert isinstance(online, policy.CountRule)
    fine = p.variant(
        "xx-fine-credits",
        rules=tuple(
            attrs.evolve(online, ratio=Decimal("0.001"), rounding=None) if r is online else r
            for r in p.rules
        ),
    )
    records = _credit_records(["0.0000001", "100"], ["online", "concentrated"])
    as_of = date(2022, 3, 1)
    result = evaluate_table(fine, _county_teachers(), records, as_of)
    # 0.0000001 hours × 0.001 = 1E-10 credits: too fine for the integer columns
    assert result.fallback.rows() == [("A", "decimal places"), ("B", "decimal places")]
    assert result.scale == 10
    rows = _table_rows(result)
    assert rows == _engine_rows(fine, _county_teachers(), records, as_of)
    assert rows[0][4] == Decimal("1E-10")


def test_caps_parts_and_activities_send_every_teacher_to_evaluate():
    p = fixture_county.HOURS_POLICY
    reason = "A3.cycle: a requirement has caps, parts or an activity"
    assert vectorisable(p) == (reason,)
    records = pl.DataFrame(
        {
            "teacher_id": ["A", "A", "A", "B"],
            "record_id": ["1", "2", "3", "4"],
            "hours": ["200", "130", "130", "72"],
            "completed_on": [date(2013, 5, 1)] * 4,
            "category": ["school_based", "compulsory", "elective", "compulsory"],
        }
    )
    as_of = date(2016, 3, 1)
    result = evaluate_table(p, _county_teachers(), records, as_of)
    assert result.fallback.rows() == [("A", reason), ("B", reason)]
    rows = _table_rows(result)
    assert rows == _engine_rows(p, _county_teachers(), records, as_of)
    # 校本研修 counts at most a third of 360: 120 of A's 200, so 380 counted
    assert rows[0][:5] == ("A", date(2011, 1, 1), "A3.hours", Decimal(360), Decimal(380))


def _conditions_only():
    """Fujian's exams, written work and attendance per year, without its hours figures."""
    fujian = policy.get("fj-putian-hanjiang-2009")
    return fujian.variant(
        "xx-conditions-only",
        rules=tuple(r for r in fujian.rules if not isinstance(r, HoursRequirement)),
        interpretations=(),
    )


def test_a_scheme_of_conditions_only_gives_a_row_per_period_for_every_teacher():
    p = _conditions_only()
    assert vectorisable(p) == ("F4.year: no hours requirement (conditions only)",)
    teachers = _teachers().with_columns(pl.Series("sex", ["male", "x"]))  # B: a bad row
    records = _records().with_columns(pl.lit(date(2009, 5, 1)).alias("completed_on"))
    as_of = date(2010, 12, 31)
    result = evaluate_table(p, teachers, records, as_of)
    who = tr.Teacher(id="A", birth_date=date(1980, 1, 1), sex=tr.Sex.MALE, title=tr.Title.SENIOR)
    mine = [
        tr.TrainingRecord(
            id=str(n), hours=Decimal(h), completed_on=date(2009, 5, 1), category="remote"
        )
        for n, h in ((1, "359.99"), (2, "0.01"))
    ]
    periods = tr.evaluate(p, who, mine, as_of).periods
    assert [(x.period.label, x.requirements) for x in periods] == [("2009", ())]
    columns = ("teacher_id", "period", "requirement", "required", "counted", "status", "finding")
    assert result.results.select(columns).rows() == [
        ("A", "2009", None, None, periods[0].counted, "failed", periods[0].findings[0].code),
        # a teacher in error has the same rows as one evaluated, with status input_error
        ("B", "2009", None, None, None, "input_error", "input.choice"),
    ]


def test_fast_rows_take_the_decimal_places_of_a_prorated_teachers_figures():
    """A prorated yearly 6 credits rounded to 0.01: everyone's columns get two places."""
    p = fixture_county.CREDITS_POLICY
    service = ServiceRule(
        id="A6.service",
        citation=fixture_county.ART6,
        proration=Proration.BY_DAYS,
        rounding=Rounding(Decimal("0.01"), "ROUND_HALF_UP"),
    )
    prorated = p.variant("xx-prorated-credits", rules=(*p.rules, service))
    teachers = _county_teachers(employed_from=[date(2021, 7, 1), None])
    records = _credit_records(["40", "100"], ["concentrated", "concentrated"])
    as_of = date(2022, 3, 1)
    result = evaluate_table(prorated, teachers, records, as_of)
    assert result.fallback.get_column("teacher_id").to_list() == ["A"]  # B over columns
    assert result.scale == 2
    rows = _table_rows(result)
    assert rows == _engine_rows(prorated, teachers, records, as_of)
    # B's 10 credits stay 10, at two places (not 0.10)
    assert rows[2] == ("B", date(2021, 1, 1), "A7.credits", Decimal(6), Decimal(10), Decimal(0))
    assert str(rows[2][4]) == "10.00"


def test_fees_due_are_a_decision_with_their_amount():
    p = policy.get("fj-putian-hanjiang-2009")
    as_of = date(2010, 12, 31)
    result = evaluate_table(p, _teachers(), _records().clear(), as_of)
    fees = result.decisions().filter(pl.col("kind") == "fee")
    assert fees.select("teacher_id", "outcome", "amount", "finding").rows() == [
        ("A", "due", Decimal(180), "fee.due"),  # 中高级职务教师每年培训费为180元
        ("B", "due", Decimal(120), "fee.due"),  # 初级职务教师每年培训费120元
    ]
    who = tr.Teacher(id="B", birth_date=date(1981, 2, 2), sex=tr.Sex.FEMALE, title=tr.Title.JUNIOR)
    assert tr.evaluate(p, who, [], as_of).money.fee_due == Decimal(120)


def test_the_repr_gives_the_sizes_of_the_tables():
    teachers = _teachers(employed_from=[date(2013, 1, 1), None])
    result = evaluate_table(policy.get("cn-2011"), teachers, _records(("1", "-1")), AS_OF)
    assert repr(result) == "TableResult(results=4 rows, errors=1, fallback=0 teachers)"
    result = evaluate_table(policy.get("cn-2011"), teachers, _records(), AS_OF)
    assert repr(result) == "TableResult(results=4 rows, errors=0, fallback=1 teachers)"


def test_a_policy_or_a_date_of_the_wrong_type_is_refused():
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table("cn-2011", _teachers(), _records(), AS_OF)  # type: ignore[arg-type]
    assert (caught.value.path, caught.value.code) == ("policy", "input.type")
    assert caught.value.message == "expected a Policy, got str"
    from datetime import datetime  # noqa: PLC0415

    for when in (datetime(2016, 3, 1), "2016-03-01"):  # noqa: DTZ001 - a naive value on purpose
        with pytest.raises(tr.InvalidInputError) as caught:
            evaluate_table(policy.get("cn-2011"), _teachers(), _records(), when)  # type: ignore[arg-type]
        assert (caught.value.path, caught.value.code) == ("as_of", "input.type")


def test_lazy_frames_are_collected_and_give_the_same_tables():
    p = policy.get("cn-2011")
    eager = evaluate_table(p, _teachers(), _records(), AS_OF)
    lazy = evaluate_table(p, _teachers().lazy(), _records().lazy(), AS_OF)
    assert isinstance(lazy.results, pl.DataFrame)
    assert lazy.results.equals(eager.results)


def test_a_column_under_its_english_and_chinese_names_is_refused():
    teachers = _teachers().with_columns(pl.col("teacher_id").alias("教师编号"))
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), teachers, _records(), AS_OF)
    assert (caught.value.path, caught.value.code) == ("teachers.teacher_id", "input.duplicate")
    assert (
        caught.value.message == "teachers has the column 'teacher_id' twice (teacher_id, 教师编号)"
    )


def test_dates_of_a_type_that_holds_none_are_row_errors_and_float_ids_refuse_the_table():
    teachers = pl.DataFrame(
        {
            "teacher_id": ["A", "B"],
            "birth_date": [19800101, 19810202],  # numbers: not dates
            "sex": ["male", "female"],
        }
    )
    result = evaluate_table(policy.get("cn-2011"), teachers, _records().clear(), AS_OF)
    assert result.errors.select("row", "field", "code").rows() == [
        (0, "birth_date", "input.type"),
        (1, "birth_date", "input.type"),
    ]
    assert result.errors.row(0, named=True)["message"] == "expected a date, got 19800101"
    assert set(result.results["status"]) == {"input_error"}
    # Floats are not ids (whole numbers and text are): every row would be wrong, so
    # the table is refused, naming the column, as float hours are.
    floats = teachers.with_columns(pl.Series("teacher_id", [1.0, 2.0]))
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), floats, _records().clear(), AS_OF)
    assert (caught.value.code, caught.value.path) == ("input.type", "teachers.teacher_id")
    assert "got a column of Float64" in caught.value.message


def test_regions_are_checked_once_per_code_as_the_teacher_and_evaluate_check_them():
    p = policy.get("jx-2014")  # 江西省: 360000
    regions = ["", "360102", "110000", "12345x", "110000"]
    teachers = pl.DataFrame(
        {
            "teacher_id": ["A", "B", "C", "D", "E"],
            "birth_date": [date(1980, 1, 1)] * 5,
            "sex": ["male"] * 5,
            "region": regions,
        }
    )
    result = evaluate_table(p, teachers, _records().clear(), AS_OF)
    found = result.errors.select("teacher_id", "field", "code", "message").rows()
    expected = []
    for tid, region in zip("CDE", regions[2:], strict=True):
        try:
            who = tr.Teacher(id=tid, birth_date=date(1980, 1, 1), sex=tr.Sex.MALE, region=region)
            tr.evaluate(p, who, [], AS_OF)
        except tr.InvalidInputError as error:
            expected.append((tid, "region", error.code, error.message))
    assert found == expected
    assert [code for _, _, code, _ in found] == ["input.region", "region.format", "input.region"]
    statuses = (
        result.results.group_by("teacher_id").agg(pl.col("status").first()).sort("teacher_id")
    )
    assert statuses.rows() == [
        ("A", "failed"),  # no region given
        ("B", "failed"),  # 南昌市东湖区: inside Jiangxi
        ("C", "input_error"),
        ("D", "input_error"),
        ("E", "input_error"),
    ]


def test_hours_of_a_type_that_is_not_a_number_are_refused():
    records = _records().with_columns(pl.Series("hours", [True, False]))
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_table(policy.get("cn-2011"), _teachers(), records, AS_OF)
    assert (caught.value.path, caught.value.code) == ("records.hours", "input.type")
    assert caught.value.message == "hours must be strings, Decimal or whole numbers, not Boolean"


def test_whole_number_categories_are_read_as_text():
    as_numbers = _records().with_columns(pl.Series("category", [7, 7]))
    as_text = _records().with_columns(pl.Series("category", ["7", "7"]))
    p = policy.get("cn-2011")
    numbers = evaluate_table(p, _teachers(), as_numbers, AS_OF)
    assert numbers.errors.height == 0
    assert numbers.results.equals(evaluate_table(p, _teachers(), as_text, AS_OF).results)
    # 教师〔2011〕1号 counts every category: the 360 hours count whatever the code
    assert numbers.results.row(0, named=True)["counted"] == Decimal("359.99")


def test_a_pandas_category_column_is_read_as_its_text():
    """pandas ``category`` columns (what ``read_csv(dtype="category")`` gives) are text."""
    pd = pytest.importorskip("pandas")
    records = _records().to_pandas()
    records["category"] = records["category"].astype("category")
    records["teacher_id"] = records["teacher_id"].astype("category")
    got = evaluate_table(policy.get("cn-2011"), _teachers().to_pandas(), records, AS_OF)
    want = evaluate_table(policy.get("cn-2011"), _teachers(), _records(), AS_OF)
    assert isinstance(got.results, pd.DataFrame)
    assert got.errors.empty
    assert pl.from_pandas(got.results).equals(want.results)


# --- dates as text: the usual forms read without strptime, with strptime's answers --------

_DIGITS = st.sampled_from(
    "0123456789" + "０１２３４５６７８９" + "٠١٢٣٤٥٦٧٨٩"
)  # ASCII, full-width, Arabic-Indic
_PART = st.text(_DIGITS, min_size=0, max_size=5)
_SEPARATOR = st.sampled_from(["-", "/", ".", "", " ", "-/"])


def _strptime_only(text: str) -> date | None:
    """What the table path read before its pattern: each of DATE_FORMATS by strptime."""
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), form).date()  # noqa: DTZ007 - a day
        except ValueError:
            continue
    return None


@settings(max_examples=1000, deadline=None)
@given(
    st.tuples(_PART, _SEPARATOR, _PART, _SEPARATOR, _PART, st.sampled_from(["", " ", "x"])).map(
        "".join
    )
    | st.text(max_size=12)
)
def test_the_usual_date_forms_are_read_as_strptime_reads_them(text: str) -> None:
    """``2012/3/5``, ``20120305``, ``٢٠١٢-3-5``: a date exactly when strptime gives it."""
    want = _strptime_only(text)
    if want is None:
        with pytest.raises(tr.TrainingRulesError, match=r"\[input\.type\]$"):
            _parse_date(text, "completed_on")
    else:
        assert _parse_date(text, "completed_on") == want


def test_the_usual_date_forms_at_their_edges() -> None:
    """Hand-picked: one- and two-digit parts, eight digits, invalid days, mixed separators."""
    cases = {
        "2012/3/5": date(2012, 3, 5),
        " 2012-03-05 ": date(2012, 3, 5),
        "2012.12.31": date(2012, 12, 31),
        "20120229": date(2012, 2, 29),
        "2012/3/ 5": date(2012, 3, 5),  # strptime's %d takes " 5": left to it, same answer
        "2023-02-29": None,
        "2012-3/5": None,
        "201235": date(2012, 3, 5),  # strptime's reading of %Y%m%d, kept
        "٢٠١٢-٠٣-٠٥": None,  # strptime's year takes any digit, its month and day ASCII only
        "٢٠١٢-3-5": date(2012, 3, 5),  # so this is a date, read by strptime
        "0000-01-01": None,
    }
    for text, want in cases.items():
        assert _strptime_only(text) == want, text
        if want is None:
            with pytest.raises(tr.TrainingRulesError):
                _parse_date(text, "completed_on")
        else:
            assert _parse_date(text, "completed_on") == want, text


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", " ", "+", "-", "0"]),
            st.from_regex(r"[0-9]{1,5}", fullmatch=True),
            st.sampled_from("-/."),
            st.from_regex(r"[0-9]{1,3}", fullmatch=True),
            st.sampled_from("-/."),
            st.from_regex(r"[0-9]{1,3}", fullmatch=True),
            st.sampled_from(["", " ", "x"]),
        ).map("".join)
        | st.tuples(_PART, _SEPARATOR, _PART, _SEPARATOR, _PART).map("".join)
        | st.dates().map(lambda d: f"{d.year:04d}/{d.month}/{d.day}")
        | st.text(max_size=12),
        max_size=30,
    )
)
def test_the_usual_dates_read_at_once_are_what_parse_date_reads(texts: list[str]) -> None:
    """polars reads a distinct value only where ``_parse_date`` gives that same day."""
    read = _usual_dates(pl.Series(texts, dtype=pl.String))
    for text, day in read.items():
        assert _parse_date(text, "completed_on") == day, text


def test_the_usual_dates_read_at_once_leave_the_rest_to_parse_date() -> None:
    texts = ["2012/3/5", "2012.12.31", "0999-01-01", "+2012-03-05", "1-01-01", " 2012-03-05"]
    texts += ["20120305", "2013/2/29", "0000-01-01", "2012-03/05", "９９９９-01-01"]
    assert _usual_dates(pl.Series(texts)) == {
        "2012/3/5": date(2012, 3, 5),
        "2012.12.31": date(2012, 12, 31),
        "0999-01-01": date(999, 1, 1),
    }


# --- results of groups, combined --------------------------------------------------------------

from trainingrules.table import TableResult  # noqa: E402


def _group(teacher_ids, hours, kind="polars"):
    """cn-2011 for the teachers of ``_teachers()`` in ``teacher_ids``, with ``hours`` for A."""
    teachers = _teachers().filter(pl.col("teacher_id").is_in(teacher_ids))
    records = _records(hours).filter(pl.col("teacher_id").is_in(teacher_ids))
    if kind == "pandas":
        teachers, records = teachers.to_pandas(), records.to_pandas()
    return evaluate_table(policy.get("cn-2011"), teachers, records, AS_OF)


def test_combined_groups_are_one_result_at_the_largest_scale():
    a, b = _group(["A"], ("359.995", "1")), _group(["B"], ("1", "1"))
    assert (a.scale, b.scale) == (3, 0)  # each part's scale is its data's
    combined = TableResult.combine([a, b])
    whole = evaluate_table(policy.get("cn-2011"), _teachers(), _records(("359.995", "1")), AS_OF)
    assert combined.scale == whole.scale == 3
    assert combined.results.equals(whole.results)  # the order of the parts: A, then B
    assert combined.results.schema["counted"] == pl.Decimal(38, 3)
    assert (combined.rows_in, combined.rows_in_error) == (whole.rows_in, whole.rows_in_error)
    assert combined.findings().equals(whole.findings())
    assert combined.decisions().equals(whole.decisions())
    assert combined.kind == "polars"


def test_combined_pandas_groups_stay_pandas_and_exact():
    combined = TableResult.combine(
        [_group(["A"], ("359.99", "1"), "pandas"), _group(["B"], ("1", "1"), "pandas")]
    )
    assert combined.kind == "pandas"
    assert str(combined.results["counted"].dtype) == "decimal128(38, 2)[pyarrow]"
    assert list(combined.results["teacher_id"]) == ["A", "A", "B", "B"]
    assert combined.results["counted"].sum() == Decimal("360.99")  # A: 359.99, then 1 in 2016


def test_combined_errors_keep_the_rows_of_their_part():
    a, b = _group(["A"], ("-1", "1")), _group(["B"], ("1", "1"))
    combined = TableResult.combine([b, a])
    assert combined.errors.select("source", "row", "teacher_id", "code").rows() == [
        ("records", 0, "A", "input.range")
    ]
    assert combined.rows_in_error == 1


@pytest.mark.parametrize(
    ("parts", "path", "code"),
    [
        ([], "parts", "input.empty"),
        ("not a list", "parts", "input.type"),
        (None, "parts", "input.type"),
        ([None], "parts[0]", "input.type"),
        (["polars", "pandas"], "parts[1]", "input.type"),
        (["polars", 7], "parts[1]", "input.type"),
    ],
)
def test_what_cannot_be_combined_is_refused_at_its_path(parts, path, code):
    made = {"polars": _group(["A"], ("1", "1")), "pandas": _group(["B"], ("1", "1"), "pandas")}
    given = [made.get(part, part) for part in parts] if isinstance(parts, list) else parts
    with pytest.raises(tr.InvalidInputError) as caught:
        TableResult.combine(given)  # type: ignore[arg-type]  # refused
    assert (caught.value.path, caught.value.code) == (path, code)


def test_a_single_result_is_not_a_list_of_them():
    one = _group(["A"], ("1", "1"))
    with pytest.raises(tr.InvalidInputError) as caught:
        TableResult.combine(one)
    assert (caught.value.path, caught.value.code) == ("parts", "input.type")


# --- the fallback's records: made from checked rows, equal to the constructor's ---------

from trainingrules.table._inputs import read_records, read_teachers  # noqa: E402
from trainingrules.table._result import record_objects  # noqa: E402

_LEVEL_WORDS = {
    "省级": tr.ProviderLevel("province"),
    "national": tr.ProviderLevel("national"),
    None: None,
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=1000, places=3).map(str) | st.sampled_from(["1E+2"]),
            st.sampled_from([None, "省级", "national"]),
            st.sampled_from([None, "审核", "verified"]),
            st.sampled_from([None, "0", "12.50", "3"]),
            st.sampled_from(["", "guopei"]),
            st.sampled_from(["", "研修 A"]),
            st.sampled_from([None, date(2012, 1, 1)]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_fallback_records_are_the_constructors_records(rows) -> None:
    """Field for field, representation included (``12.50`` hours are ``12.5``, as built)."""
    table = pl.DataFrame(
        {
            "teacher_id": ["A"] * len(rows),
            "record_id": [f"r{i}" for i in range(len(rows))],
            "hours": [r[0] for r in rows],
            "completed_on": [date(2013, 5, 1)] * len(rows),
            "category": ["remote"] * len(rows),
            "provider_level": [r[1] for r in rows],
            "credit_state": [r[2] for r in rows],
            "fee_paid": [r[3] for r in rows],
            "programme": [r[4] for r in rows],
            "activity": [r[5] for r in rows],
            "started_on": [r[6] for r in rows],
        },
        schema_overrides={
            "started_on": pl.Date,
            "fee_paid": pl.String,
            "provider_level": pl.String,
            "credit_state": pl.String,
        },
    )
    teachers = read_teachers(_teachers(), policy.get("cn-2011"))
    checked = read_records(table, teachers.frame)
    assert checked.errors.height == 0
    made = record_objects(checked.frame, checked.scale)["A"]
    states = {"审核": tr.CreditState.REVIEWED, "verified": tr.CreditState.VERIFIED, None: None}
    want = [
        tr.TrainingRecord(
            id=f"r{i}",
            hours=hours,
            completed_on=date(2013, 5, 1),
            category="remote",
            programme=programme,
            started_on=started,
            provider_level=_LEVEL_WORDS[level],
            credit_state=states[state],
            fee_paid=Decimal(0) if fee is None else fee,
            activity=activity,
        )
        for i, (hours, level, state, fee, programme, activity, started) in enumerate(rows)
    ]
    assert [repr(r) for r in made] == [repr(r) for r in want]
    assert made == want
    assert [hash(r) for r in made] == [hash(r) for r in want]
    assert [r.to_dict() for r in made] == [r.to_dict() for r in want]
