"""Tests that kill mutmut's survivors in _from_json.py: error collection, key names, limits."""

from datetime import date

import pytest

import trainingrules as tr
from trainingrules._from_json import (
    _RESOLVED,
    Collector,
    check_depth,
    from_dict,
    key_name,
    too_deep,
    unknown_keys,
)
from trainingrules._limits import MAX_DEPTH
from trainingrules.errors import InputErrors, InvalidInputError, PolicyDataError


def test_the_collector_keeps_every_error_as_an_input_error() -> None:
    """Errors of several inputs are flattened; another library error becomes an input error."""
    errors = Collector()
    errors.add(InputErrors([InvalidInputError("is negative", path="hours", code="input.range")]))
    errors.add(PolicyDataError("no such rule", path="rule", code="policy.range"))
    assert [(type(e), e.message, e.path, e.code) for e in errors.errors] == [
        (InvalidInputError, "is negative", "hours", "input.range"),
        (InvalidInputError, "no such rule", "rule", "policy.range"),
    ]


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("hours", "hours"),
        ("课时", "课时"),  # non-ASCII text that encodes is kept
        ("x" * 200, "x" * 200),  # at the length limit
        ("x" * 201, "'" + "x" * 36 + "..."),  # over it: its repr, cut to 40 characters
        (5, "5"),
        ("\ud800", "'\\ud800'"),  # a lone surrogate cannot be encoded: its repr
    ],
)
def test_a_key_names_a_path_step_only_if_it_is_short_valid_text(key: object, name: str) -> None:
    """A key is a path step as it is if it is text of at most 200 encodable characters."""
    assert key_name(key) == name


def _deep(levels: int) -> object:
    value: object = "x"
    for _ in range(levels):
        value = [value]
    return value


def test_input_nested_too_deep_is_refused_before_it_is_read() -> None:
    """A value nested 40 lists deep (over 32) is one input.too_deep error at the top."""
    with pytest.raises(InputErrors) as caught:
        tr.Teacher.from_dict({"id": _deep(40)})
    assert caught.value.to_list() == [
        {"path": "", "code": "input.too_deep", "message": "nested more than 32 levels deep"}
    ]


def test_a_list_of_1000_items_is_read() -> None:
    """1,000 sittings is the most a list may hold: all are read."""
    sitting = {"kind": "mock", "on": "2015-06-01"}
    assessment = tr.Assessment.from_dict({"sittings": [sitting] * 1000})
    assert len(assessment.sittings) == 1000
    assert assessment.sittings[0] == tr.ExamSitting(kind=tr.SittingKind.MOCK, on=date(2015, 6, 1))


def test_a_list_of_1001_items_is_refused() -> None:
    """1,001 sittings is one more than allowed: input.too_many on the list."""
    sitting = {"kind": "mock", "on": "2015-06-01"}
    with pytest.raises(InputErrors) as caught:
        tr.Assessment.from_dict({"sittings": [sitting] * 1001})
    assert caught.value.to_list() == [
        {
            "path": "sittings",
            "code": "input.too_many",
            "message": "1,001 items, more than the 1,000 allowed",
        }
    ]


TEACHER: dict[str, object] = {"id": "T1", "birth_date": "1975-04-02", "sex": "female"}


def _teacher_errors(data: object) -> list[dict[str, str]]:
    """Every error ``Teacher.from_dict(data)`` reports, as ``to_list`` gives them."""
    with pytest.raises(InputErrors) as caught:
        tr.Teacher.from_dict(data)
    return caught.value.to_list()


def test_a_value_that_is_not_a_list_for_a_tuple_or_set_field_is_refused() -> None:
    """``roles`` (a set) and ``leaves`` (a tuple) given as an int and a string: input.type each."""
    assert _teacher_errors({**TEACHER, "roles": 5, "leaves": "x"}) == [
        {"path": "roles", "code": "input.type", "message": "expected a list, got int"},
        {"path": "leaves", "code": "input.type", "message": "expected a list, got str"},
    ]


def test_data_that_is_not_a_dict_is_refused_naming_the_class() -> None:
    """A list for a Teacher: input.type at the root, naming Teacher and the type given."""
    assert _teacher_errors([1]) == [
        {
            "path": "",
            "code": "input.type",
            "message": "expected an object (a dict of Teacher's fields), got list",
        }
    ]


def test_every_missing_required_field_and_bad_date_is_reported() -> None:
    """Missing fields, an unknown key and each way a date is refused, all in one InputErrors."""
    assert _teacher_errors({"id": "T1", "zz": 1}) == [
        {
            "path": "zz",
            "code": "input.unknown_field",
            "message": (
                "unknown field 'zz' for Teacher (known: id, birth_date, sex, title, region, "
                "roles, employed_from, employed_to, leaves)"
            ),
        },
        {
            "path": "birth_date",
            "code": "input.missing",
            "message": "missing required field 'birth_date'",
        },
        {"path": "sex", "code": "input.missing", "message": "missing required field 'sex'"},
    ]
    dates = {"birth_date": 5, "employed_from": "2015-1-01", "employed_to": "2015-02-30"}
    assert _teacher_errors({**TEACHER, **dates}) == [
        {
            "path": "birth_date",
            "code": "input.type",
            "message": "expected a date as 'YYYY-MM-DD', got int",
        },
        {
            "path": "employed_from",
            "code": "input.date",
            "message": "'2015-1-01' is not a date written YYYY-MM-DD (ASCII digits)",
        },
        {
            "path": "employed_to",
            "code": "input.date",
            "message": "'2015-02-30' is not a day of the calendar",
        },
    ]


def test_a_check_across_fields_is_reported_under_the_path_of_its_object() -> None:
    """A leave ending before it starts is reported at ``leaves[0].end``, not at ``end``."""
    leave = {"start": "2015-01-01", "end": "2014-01-01"}
    assert _teacher_errors({**TEACHER, "leaves": [leave]}) == [
        {
            "path": "leaves[0].end",
            "code": "input.order",
            "message": "ends on 2014-01-01, not after its start 2015-01-01",
        }
    ]
    with pytest.raises(InputErrors) as caught:
        from_dict(
            tr.Teacher,
            {**TEACHER, "employed_from": "2015-01-01", "employed_to": "2014-01-01"},
            "teacher",
        )
    assert caught.value.to_list() == [
        {
            "path": "teacher.employed_to",
            "code": "input.order",
            "message": "service ends on 2014-01-01, before it starts on 2015-01-01",
        }
    ]


@pytest.mark.parametrize(("levels", "deep"), [(31, False), (32, True)])
def test_nesting_of_exactly_32_levels_is_read(levels: int, deep: bool) -> None:
    """The dict is level 1: 31 lists inside it make 32 levels (allowed), 32 lists make 33."""
    data = {"id": _deep(levels)}
    assert too_deep(data, MAX_DEPTH) is deep
    errors = Collector()
    assert check_depth(data, "teacher", errors) is not deep
    assert [(e.path, e.code) for e in errors.errors] == (
        [("teacher", "input.too_deep")] if deep else []
    )


def test_unknown_keys_says_whether_it_found_one() -> None:
    """``unknown_keys`` returns False (not just a falsy value) when every key is known."""
    errors = Collector()
    assert unknown_keys({"id": 1}, ("id",), "Teacher", "", errors) is False
    assert unknown_keys({"x": 1}, ("id",), "Teacher", "t", errors) is True
    assert [(e.path, e.code) for e in errors.errors] == [("t.x", "input.unknown_field")]


def test_a_class_s_field_types_are_resolved_once() -> None:
    """``from_dict`` resolves a class's string annotations once and remembers the class."""
    tr.Outcome.from_dict({"scheme": "N1.cycle", "start": "2011-01-01", "passed": True})
    assert tr.Outcome in _RESOLVED
