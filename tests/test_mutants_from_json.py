"""Tests that kill mutmut's survivors in _from_json.py: error collection, key names, limits."""

from datetime import date

import pytest

import trainingrules as tr
from trainingrules._from_json import Collector, key_name
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
