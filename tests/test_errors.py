"""Typed errors: code, message, path, builtin bases and ``.at()`` prefixing."""

import pytest

from trainingrules import (
    InvalidInputError,
    PolicyDataError,
    TrainingRulesError,
    UnknownPolicyError,
)

SUBCLASSES = [
    # (class, builtin it behaves like, default code)
    (InvalidInputError, ValueError, "input.invalid"),
    (PolicyDataError, ValueError, "policy.invalid"),
    (UnknownPolicyError, LookupError, "policy.unknown"),
]


@pytest.mark.parametrize(("cls", "builtin", "code"), SUBCLASSES)
def test_subclass_is_library_error_and_builtin(cls, builtin, code):
    assert issubclass(cls, TrainingRulesError)
    assert issubclass(cls, builtin)
    error = cls("bad", path="x")
    assert error.code == code
    assert isinstance(error, Exception)


@pytest.mark.parametrize(("cls", "builtin", "code"), SUBCLASSES)
def test_plain_except_of_the_builtin_catches_it(cls, builtin, code):
    with pytest.raises(builtin, match=r"records\[3\]\.hours: too many \[") as caught:
        raise cls("too many", path="records[3].hours")
    assert caught.value.code == code


def test_base_error_defaults():
    error = TrainingRulesError("something broke")
    assert error.code == "error"
    assert error.message == "something broke"
    assert error.path == ""
    assert str(error) == "something broke [error]"
    assert not isinstance(error, ValueError)
    assert not isinstance(error, LookupError)


def test_code_message_and_path_are_kept():
    error = InvalidInputError("is negative", path="hours", code="input.range")
    assert (error.code, error.message, error.path) == ("input.range", "is negative", "hours")
    assert str(error) == "hours: is negative [input.range]"


def test_code_defaults_to_the_class_code():
    assert InvalidInputError("x").code == "input.invalid"
    assert str(UnknownPolicyError("no policy 'xx-1999'")) == "no policy 'xx-1999' [policy.unknown]"


def test_at_joins_a_field_path_with_a_dot():
    error = InvalidInputError("is negative", path="hours", code="input.range")
    moved = error.at("records[3]")
    assert moved.path == "records[3].hours"
    assert str(moved) == "records[3].hours: is negative [input.range]"


def test_at_joins_an_index_path_without_a_dot():
    error = InvalidInputError("must not be empty", path="[2]", code="input.empty")
    assert error.at("roles").path == "roles[2]"


def test_at_on_an_empty_path_gives_the_prefix():
    error = PolicyDataError("malformed")
    assert error.at("rules[0]").path == "rules[0]"


def test_at_with_an_empty_prefix_returns_the_same_error():
    error = InvalidInputError("x", path="hours")
    assert error.at("") is error


@pytest.mark.parametrize("cls", [InvalidInputError, PolicyDataError, UnknownPolicyError])
def test_at_keeps_type_code_and_message(cls):
    error = cls("bad value", path="hours", code="custom.code")
    moved = error.at("course")
    assert type(moved) is cls
    assert moved is not error
    assert (moved.code, moved.message) == ("custom.code", "bad value")
    assert error.path == "hours"  # the original is unchanged


def test_at_chains_from_the_inside_out():
    error = InvalidInputError("above 100", path="final_score", code="input.range")
    assert error.at("course").at("records[0]").path == "records[0].course.final_score"
