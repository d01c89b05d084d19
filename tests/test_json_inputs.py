"""The JSON contract of the inputs: ``from_dict`` / ``to_dict`` of every input class,
``InputErrors`` (several errors, full paths), ``Request``, and the input bounds the
constructors enforce (docs/inputs.md)."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest
import strategies as s
from hypothesis import given
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy
from trainingrules._limits import MAX_ITEMS, MAX_RECORDS, MAX_TEXT

D = Decimal
TEACHER = {"id": "T1", "birth_date": "1975-04-02", "sex": "female"}
RECORD = {"id": "R1", "hours": "120", "completed_on": "2014-06-30", "category": "remote"}
REQUEST = {"policy": "cn-2011", "teacher": TEACHER, "records": [RECORD], "as_of": "2016-03-01"}


def errors_of(call, *args, **kwargs):
    with pytest.raises(tr.InputErrors) as caught:
        call(*args, **kwargs)
    return [(e.path, e.code) for e in caught.value.errors]


# ------------------------------------------------------------------ round trips


INPUTS = st.one_of(
    s.teachers(),
    s.training_records(),
    s.course_results(),
    s.exam_sittings(),
    s.written_works(),
    s.assessments(),
    st.builds(
        tr.Outcome, scheme=s.ids("S"), start=s.dates(), passed=st.booleans(), source=st.text()
    ),
)


@given(INPUTS)
def test_from_dict_reads_back_what_to_dict_writes_through_json(value):
    data = json.loads(json.dumps(value.to_dict()))
    assert type(value).from_dict(data) == value


@given(INPUTS)
def test_the_keys_are_the_field_names(value):
    assert list(value.to_dict()) == [field.name for field in attrs.fields(type(value))]


def test_a_teacher_with_every_field():
    teacher = tr.Teacher.from_dict(
        {
            "id": "T1",
            "birth_date": "1975-04-02",
            "sex": "female",
            "title": "intermediate",
            "region": "360100",
            "roles": ["class_teacher", "head"],
            "employed_from": "2010-09-01",
            "employed_to": None,
            "leaves": [{"start": "2013-02-01", "end": "2013-07-01"}],
        }
    )
    assert teacher == tr.Teacher(
        id="T1",
        birth_date=date(1975, 4, 2),
        sex=tr.Sex.FEMALE,
        title=tr.Title.INTERMEDIATE,
        region="360100",
        roles=frozenset({"class_teacher", "head"}),
        employed_from=date(2010, 9, 1),
        leaves=(tr.Period(date(2013, 2, 1), date(2013, 7, 1)),),
    )


def test_date_objects_are_accepted_too_but_not_datetimes():
    assert tr.Teacher.from_dict({**TEACHER, "birth_date": date(1975, 4, 2)}).birth_date == date(
        1975, 4, 2
    )
    assert errors_of(
        tr.Teacher.from_dict,
        {**TEACHER, "birth_date": datetime(1975, 4, 2)},  # noqa: DTZ001
    ) == [("birth_date", "input.type")]


def test_hours_as_integers_strings_and_decimals():
    for hours, expected in [(120, "120"), ("120.50", "120.5"), (D("1E+3"), "1000"), ("-0", "0")]:
        assert str(tr.TrainingRecord.from_dict({**RECORD, "hours": hours}).hours) == expected


def test_a_json_float_is_refused_with_the_reason():
    with pytest.raises(tr.InputErrors) as caught:
        tr.TrainingRecord.from_dict(
            json.loads('{"id": "R", "hours": 2.5, "completed_on": "2014-06-30", "category": "c"}')
        )
    (error,) = caught.value.errors
    assert (error.path, error.code) == ("hours", "input.float")
    assert "a binary float is not the number typed" in error.message


def test_nested_parts_report_their_paths():
    record = {
        **RECORD,
        "course": {"coursework_score": "101", "final_score": 1.5, "homework_passed": "yes"},
    }
    assert errors_of(tr.TrainingRecord.from_dict, record) == [
        ("course.homework_passed", "input.type"),
        ("course.coursework_score", "input.range"),
        ("course.final_score", "input.float"),
    ]
    assessment = {
        "sittings": [{"kind": "formal", "on": "2015-06-01", "score": "72"}, {"kind": "x"}],
        "written_work": {"notes_chars": -1, "forum_posts": 1, "reflection_chars": 1},
    }
    assert errors_of(tr.Assessment.from_dict, assessment) == [
        ("sittings[1].kind", "input.choice"),
        ("sittings[1].on", "input.missing"),
        ("written_work.notes_chars", "input.range"),
        ("written_work.handwritten", "input.missing"),
    ]


def test_unknown_keys_are_errors_not_dropped():
    assert errors_of(
        tr.Outcome.from_dict, {"scheme": "S", "start": "2011-01-01", "passed": True, "pass": True}
    ) == [("pass", "input.unknown_field")]
    assert errors_of(
        tr.Teacher.from_dict,
        {**TEACHER, "leaves": [{"start": "2013-02-01", "end": "2013-07-01", "why": "study"}]},
    ) == [("leaves[0].why", "input.unknown_field")]


def test_a_cross_field_check_runs_once_the_fields_are_valid():
    assert errors_of(tr.TrainingRecord.from_dict, {**RECORD, "started_on": "2014-07-01"}) == [
        ("started_on", "input.order")
    ]
    # an invalid field: the order is not checked (it would compare nothing)
    assert errors_of(
        tr.TrainingRecord.from_dict, {**RECORD, "started_on": "2014-07-01", "hours": "x"}
    ) == [("hours", "input.type")]


def test_from_dict_of_something_that_is_not_an_object():
    data: object
    for data in (None, [], "T1", 5):
        assert errors_of(tr.Teacher.from_dict, data) == [("", "input.type")]


# ------------------------------------------------------------------ InputErrors


def test_input_errors_is_an_invalid_input_error_with_every_error():
    errors = [
        tr.InvalidInputError(f"problem {i}", path=f"records[{i}].hours", code="input.range")
        for i in range(7)
    ]
    error = tr.InputErrors(errors)
    assert isinstance(error, tr.InvalidInputError)
    assert isinstance(error, ValueError)
    assert (error.code, error.path) == ("input.many", "")
    assert error.errors == tuple(errors)
    assert error.to_list()[3] == {
        "path": "records[3].hours",
        "code": "input.range",
        "message": "problem 3",
    }
    assert error.message.startswith("7 input errors: records[0].hours: problem 0 [input.range]")
    assert "records[4].hours" in error.message
    assert "records[5].hours" not in error.message
    assert error.message.endswith("; and 2 more")


def test_input_errors_flattens_and_prefixes():
    inner = tr.InputErrors([tr.InvalidInputError("bad", path="hours", code="input.type")])
    outer = tr.InputErrors([inner, tr.InvalidInputError("x", code="input.type")])
    assert [e.path for e in outer.errors] == ["hours", ""]
    assert [e.path for e in outer.at("records[2]").errors] == ["records[2].hours", "records[2]"]
    assert outer.at("") is outer
    assert tr.InputErrors([tr.InvalidInputError("x")]).message == "1 input error: x [input.invalid]"
    with pytest.raises(ValueError, match="at least one"):
        tr.InputErrors([])


# ------------------------------------------------------------------ Request


def test_a_request_evaluates_as_evaluate_does():
    request = tr.Request.from_dict(REQUEST)
    direct = tr.evaluate(
        policy.get("cn-2011"),
        tr.Teacher.from_dict(TEACHER),
        [tr.TrainingRecord.from_dict(RECORD)],
        date(2016, 3, 1),
    )
    assert request.evaluate() == direct
    assert request.evaluate().to_dict() == direct.to_dict()
    assert (request.form, request.outcomes, request.assessment) == ("full", (), None)


def test_a_request_with_a_policy_dict_or_a_variant():
    by_dict = tr.Request.from_dict({**REQUEST, "policy": policy.to_dict(policy.get("cn-2011"))})
    assert by_dict.policy == policy.get("cn-2011")
    variant = tr.Request.from_dict({**REQUEST, "policy": "cn-2011~N1.service"})
    assert variant.policy.id == "cn-2011~N1.service"


def test_a_request_asks_its_own_catalogue():
    mine = attrs.evolve(policy.get("cn-2011"), id="xx-2024", parent=None)
    catalogue = policy.DEFAULT.with_policy(mine)
    assert tr.Request.from_dict({**REQUEST, "policy": "xx-2024"}, catalogue).policy is mine
    assert errors_of(tr.Request.from_dict, {**REQUEST, "policy": "xx-2024"}) == [
        ("policy", "policy.unknown")
    ]


def test_a_request_reports_every_problem_at_once():
    data = {
        "policy": "cn-2011",
        "teacher": {"id": "", "birth_date": "1975-02-29", "sex": "x"},
        "records": [RECORD, {**RECORD, "hours": 2.5}, 5, {**RECORD, "completed_on": None}],
        "as_of": "2016/03/01",
        "form": "short",
        "colour": "blue",
    }
    assert errors_of(tr.Request.from_dict, data) == [
        ("colour", "input.unknown_field"),
        ("teacher.id", "input.empty"),
        ("teacher.birth_date", "input.date"),
        ("teacher.sex", "input.choice"),
        ("records[1].hours", "input.float"),
        ("records[2]", "input.type"),
        ("records[3].completed_on", "input.type"),
        ("as_of", "input.date"),
        ("form", "input.choice"),
    ]


def test_what_evaluate_would_refuse_is_reported_for_every_instance():
    data = {
        **REQUEST,
        "records": [RECORD, RECORD, {**RECORD, "id": "R2"}, {**RECORD, "id": "R2"}],
        "outcomes": [
            {"scheme": "N1.cycle", "start": "2011-01-01", "passed": True},
            {"scheme": "N1.cycle", "start": "2011-01-01", "passed": False},
            {"scheme": "cycle", "start": "2011-01-01", "passed": False},
        ],
        "as_of": "9999-12-31",
    }
    assert errors_of(tr.Request.from_dict, data) == [
        ("records[1].id", "input.duplicate"),
        ("records[3].id", "input.duplicate"),
        ("outcomes[1]", "input.duplicate"),
        ("outcomes[2].scheme", "input.unknown_scheme"),
        ("as_of", "input.range"),
    ]


def test_a_request_built_from_objects_is_checked_too():
    teacher = tr.Teacher.from_dict(TEACHER)
    record = tr.TrainingRecord.from_dict(RECORD)
    request = tr.Request(policy.get("cn-2011"), teacher, [record], date(2016, 3, 1))  # type: ignore[arg-type]  # converted
    assert request.records == (record,)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"policy": "cn-2011"}, "policy"),
        ({"teacher": TEACHER}, "teacher"),
        ({"records": [RECORD]}, "records[0]"),
        ({"records": record}, "records"),
        ({"as_of": "2016-03-01"}, "as_of"),
        ({"form": "short"}, "form"),
        ({"outcomes": [5]}, "outcomes[0]"),
        ({"assessment": {}}, "assessment"),
    ]
    for bad, path in cases:
        with pytest.raises(tr.InvalidInputError) as caught:
            attrs.evolve(request, **bad)
        assert caught.value.path == path


def test_a_request_of_more_records_than_the_limit():
    assert errors_of(
        tr.Request.from_dict, {**REQUEST, "records": [RECORD] * (MAX_RECORDS + 1)}
    ) == [("records", "input.too_many")]


# ------------------------------------------------------------------ bounds in the constructors


def record(**changes):
    fields: dict[str, Any] = {
        "id": "R1",
        "hours": D(1),
        "completed_on": date(2014, 6, 30),
        "category": "remote",
    }
    return tr.TrainingRecord(**(fields | changes))


@pytest.mark.parametrize(
    ("hours", "code"),
    [
        (D("1E+1000000"), "input.range"),
        (D("1E+999990"), "input.range"),
        ("1E+1000000", "input.range"),
        (10**400, "input.range"),
        (D("100000.000000001"), "input.range"),
        (D("1" * 29), "input.range"),
        (D("0.0000000001"), "input.precision"),
        (D("1E-999990"), "input.precision"),
        ("1E+99999999999999999999", "input.range"),
        ("1" * 101, "input.too_long"),
        ("１２", "input.type"),
        ("٣٦٠", "input.type"),
        ("1_000", "input.type"),
        (D("sNaN"), "input.not_finite"),
        ("-Infinity", "input.not_finite"),
    ],
)
def test_hours_out_of_bounds_are_refused_with_the_reason(hours, code):
    with pytest.raises(tr.InvalidInputError) as caught:
        record(hours=hours)
    assert (caught.value.path, caught.value.code) == ("hours", code)
    assert len(caught.value.message) < 300
    if code == "input.range" and not isinstance(hours, str):
        assert "80,000 hours" in caught.value.message


@pytest.mark.parametrize(
    ("hours", "kept"),
    [
        (D("359.999999"), "359.999999"),
        (D("1E+3"), "1000"),
        (D("100000"), "100000"),
        (D("99999.999999999"), "99999.999999999"),
        (D("0.000000001"), "1E-9"),
        (D("1.000000000000000000000"), "1"),
        (D("-0"), "0"),
        (D("0E-20"), "0"),
        ("0.000000000000", "0"),
        ("-0.0000000000000", "0"),
    ],
)
def test_hours_within_bounds_are_kept_exactly(hours, kept):
    assert str(record(hours=hours).hours) == kept


def test_texts_and_collections_are_bounded():
    assert record(id="x" * MAX_TEXT).id == "x" * MAX_TEXT
    for field in ("id", "category", "programme", "activity"):
        with pytest.raises(tr.InvalidInputError) as caught:
            record(**{field: "x" * (MAX_TEXT + 1)})
        assert (caught.value.path, caught.value.code) == (field, "input.too_long")
    teacher: dict[str, Any] = {"id": "T", "birth_date": date(1970, 1, 1), "sex": "male"}
    roles = [f"r{i}" for i in range(MAX_ITEMS)]
    assert len(tr.Teacher(**teacher, roles=roles).roles) == MAX_ITEMS  # type: ignore[arg-type]  # converted
    with pytest.raises(tr.InvalidInputError) as caught:
        # an endless iterable of roles is refused after the limit, not read forever
        tr.Teacher(**teacher, roles=map(str, itertools.count()))  # type: ignore[arg-type]  # refused
    assert (caught.value.path, caught.value.code) == ("roles", "input.too_many")
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.Teacher(**teacher, roles={"a": 1})  # type: ignore[arg-type]  # refused
    assert caught.value.code == "input.type"


def test_counts_are_bounded():
    work: dict[str, Any] = {
        "notes_chars": 10**9,
        "forum_posts": 0,
        "reflection_chars": 0,
        "handwritten": True,
    }
    assert tr.WrittenWork(**work).notes_chars == 10**9
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.WrittenWork(**(work | {"notes_chars": 10**9 + 1}))
    assert (caught.value.path, caught.value.code) == ("notes_chars", "input.range")
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.WrittenWork(**(work | {"forum_posts": 10**5000}))
    assert "digits" in caught.value.message
    assert len(caught.value.message) < 200


# ------------------------------------------------------------------ keys that cannot be a path


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("学时", "学时"),  # valid text: the path names it as it is
        ("k" * (MAX_TEXT + 1), "'" + "k" * 36 + "..."),  # too long: its repr, shortened
        ("\ud800", "'\\ud800'"),  # a lone surrogate cannot be written as UTF-8: its repr
        (7, "7"),  # not a string (a dict built in Python): its repr
    ],
)
def test_an_unknown_key_is_named_in_the_path_only_if_it_is_short_valid_text(
    key: object, path: str
) -> None:
    data = {"scheme": "S", "start": "2011-01-01", "passed": True, key: 1}
    with pytest.raises(tr.InputErrors) as caught:
        tr.Outcome.from_dict(data)
    (error,) = caught.value.errors
    assert (error.path, error.code) == (path, "input.unknown_field")
    assert error.message.startswith("unknown field ")
    assert error.message.endswith("for Outcome (known: scheme, start, passed, source)")


def test_the_collector_flattens_several_errors_and_converts_other_errors() -> None:
    # Defensive: no check of the library raises InputErrors or a non-input error into a
    # decoder today; the collector keeps every error as an InvalidInputError if one does.
    from trainingrules._from_json import Collector  # noqa: PLC0415 - internal

    errors = Collector()
    errors.add(
        tr.InputErrors(
            [
                tr.InvalidInputError("a", path="x", code="input.type"),
                tr.InvalidInputError("b", path="y", code="input.range"),
            ]
        )
    )
    errors.add(tr.PolicyDataError("c", path="z", code="policy.type"))
    assert [(e.path, e.code, e.message) for e in errors.errors] == [
        ("x", "input.type", "a"),
        ("y", "input.range", "b"),
        ("z", "policy.type", "c"),
    ]
    assert all(type(e) is tr.InvalidInputError for e in errors.errors)
    with pytest.raises(tr.InputErrors) as caught:
        errors.raise_if_any()
    assert len(caught.value.errors) == 3


def test_a_request_built_from_objects_refuses_more_outcomes_than_the_limit() -> None:
    request = tr.Request.from_dict(REQUEST)
    outcome = tr.Outcome(scheme="N1.cycle", start=date(2011, 1, 1), passed=True)
    assert attrs.evolve(request, outcomes=(outcome,) * MAX_ITEMS).outcomes == (outcome,) * MAX_ITEMS
    with pytest.raises(tr.InvalidInputError) as caught:
        attrs.evolve(request, outcomes=(outcome,) * (MAX_ITEMS + 1))
    assert (caught.value.path, caught.value.code) == ("outcomes", "input.too_many")
    assert caught.value.message == f"{MAX_ITEMS + 1:,} items, more than the {MAX_ITEMS:,} allowed"
