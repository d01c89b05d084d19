"""Tests that kill mutmut's survivors in _request.py: every error a request reports, exactly."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules._limits import MAX_DEPTH, MAX_RECORDS
from trainingrules._request import Request
from trainingrules.errors import InputErrors

CN = policy.get("cn-2011")
TEACHER: dict[str, Any] = {"id": "T1", "birth_date": "1975-04-02", "sex": "female"}
RECORD: dict[str, Any] = {
    "id": "R1",
    "hours": "360",
    "completed_on": "2014-06-30",
    "category": "remote",
}
BASE: dict[str, Any] = {
    "policy": "cn-2011",
    "teacher": TEACHER,
    "records": [RECORD],
    "as_of": "2016-03-01",
}


def _errors(data: object) -> list[tuple[str, str, str]]:
    """The (message, path, code) of every error ``Request.from_dict(data)`` reports."""
    with pytest.raises(InputErrors) as caught:
        Request.from_dict(data)
    return [(e.message, e.path, e.code) for e in caught.value.errors]


def _error(build: Callable[[], object]) -> tuple[str, str, str]:
    """The message, path and code of the ``InvalidInputError`` that ``build`` raises."""
    with pytest.raises(tr.InvalidInputError) as caught:
        build()
    error = caught.value
    return error.message, error.path, error.code


def test_a_request_that_is_not_a_dict_is_refused() -> None:
    """A list is not a request: one input.type error at the root."""
    assert _errors([1]) == [("expected an object (a dict), got list", "", "input.type")]


def test_every_missing_required_field_is_reported_in_order() -> None:
    """``{}``: policy, teacher, records and as_of are each input.missing."""
    assert _errors({}) == [
        (f"missing required field {key!r}", key, "input.missing")
        for key in ("policy", "teacher", "records", "as_of")
    ]


def test_an_unknown_key_is_reported_with_the_known_ones() -> None:
    """An extra key is input.unknown_field, listing the seven keys a request has."""
    assert _errors({**BASE, "extra": 1}) == [
        (
            (
                "unknown field 'extra' for a request (known: policy, teacher, records, as_of, "
                "outcomes, assessment, form)"
            ),
            "extra",
            "input.unknown_field",
        )
    ]


def test_a_policy_id_longer_than_200_characters_is_refused() -> None:
    """A 201-character id: input.too_long at ``policy``."""
    assert _errors({**BASE, "policy": "x" * 201}) == [
        ("a policy id of 201 characters (at most 200)", "policy", "input.too_long")
    ]


def test_an_unknown_policy_id_keeps_its_code_at_the_policy_path() -> None:
    """An id not in the catalogue: policy.unknown at ``policy``."""
    assert _errors({**BASE, "policy": "nope"}) == [
        (
            (
                "no policy 'nope'; the catalogue has: cn-2011, fj-putian-hanjiang-2009, jx-2014, "
                "jx-2019, nm-hohhot-2006, sn-weinan-2019"
            ),
            "policy",
            "policy.unknown",
        )
    ]


def test_a_policy_that_is_neither_an_id_nor_a_dict_is_refused() -> None:
    """An int policy: input.type at ``policy``."""
    assert _errors({**BASE, "policy": 5}) == [
        ("expected a policy id or a policy object, got int", "policy", "input.type")
    ]


def test_a_policy_dict_is_read_and_its_errors_are_placed_under_policy() -> None:
    """A policy dict builds the policy; a bad field of it is reported at ``policy.<field>``."""
    data = policy.to_dict(CN)
    assert Request.from_dict({**BASE, "policy": data}).policy == CN
    assert _errors({**BASE, "policy": {**data, "region": 5}}) == [
        ("expected str, got int", "policy.region", "policy.type")
    ]


def test_records_and_outcomes_that_are_not_lists_are_refused() -> None:
    """A dict of records, a string of outcomes: input.type naming the class given."""
    assert _errors({**BASE, "records": {"a": 1}, "outcomes": "x"}) == [
        ("expected a list, got dict", "records", "input.type"),
        ("expected a list, got str", "outcomes", "input.type"),
    ]


def test_more_outcomes_than_allowed_are_refused_before_reading_them() -> None:
    """1,001 outcomes: one input.too_many at ``outcomes``, no error per item."""
    assert _errors({**BASE, "outcomes": [1] * 1001}) == [
        ("1,001 items, more than the 1,000 allowed", "outcomes", "input.too_many")
    ]


def test_a_bad_record_is_reported_at_its_index() -> None:
    """The second record's hours: ``records[1].hours``."""
    assert _errors({**BASE, "records": [RECORD, {**RECORD, "hours": "x"}]}) == [
        ("'x' is not a decimal number", "records[1].hours", "input.type")
    ]


def test_cross_checks_wait_until_every_value_is_valid() -> None:
    """A bad teacher hides the duplicate record ids (checked only on valid values)."""
    assert _errors({**BASE, "teacher": 5, "records": [RECORD, RECORD]}) == [
        ("expected an object (a dict of Teacher's fields), got int", "teacher", "input.type")
    ]


def test_duplicate_record_ids_are_reported_at_the_second() -> None:
    """Two records R1: input.duplicate at ``records[1].id``."""
    assert _errors({**BASE, "records": [RECORD, RECORD]}) == [
        ("duplicate record id 'R1'", "records[1].id", "input.duplicate")
    ]


def test_a_teacher_outside_the_policys_region_is_refused() -> None:
    """A Putian teacher under Jiangxi's policy: input.region at ``teacher.region``."""
    teacher = {**TEACHER, "region": "350303"}
    assert _errors({**BASE, "policy": "jx-2014", "teacher": teacher}) == [
        (
            "the teacher's region 350303 is outside the policy's region 360000 (jx-2014)",
            "teacher.region",
            "input.region",
        )
    ]


def test_outcomes_are_checked_for_duplicates_and_unknown_schemes() -> None:
    """A second outcome for a period is input.duplicate; an unknown scheme its own error."""
    outcome = {"scheme": "N1.cycle", "start": "2011-01-01", "passed": True}
    unknown = {**outcome, "scheme": "zz"}
    assert _errors({**BASE, "outcomes": [unknown, outcome, {**outcome, "passed": False}]}) == [
        (
            "the policy has no period scheme 'zz' (it has: N1.cycle)",
            "outcomes[0].scheme",
            "input.unknown_scheme",
        ),
        ("two outcomes for N1.cycle from 2011-01-01", "outcomes[2]", "input.duplicate"),
    ]


def test_a_date_beyond_the_last_period_is_refused() -> None:
    """as_of 9998-06-01 under cn-2011: input.range at ``as_of``."""
    assert _errors({**BASE, "as_of": "9998-06-01"}) == [
        (
            (
                "9998-06-01 lies in the period of N1.cycle from 9996-01-01, which ends after "
                "9999-12-31, the last day a date can hold"
            ),
            "as_of",
            "input.range",
        )
    ]


def test_a_bad_form_is_refused_and_a_good_one_kept() -> None:
    """``form`` is "full" or "summary"; anything else is input.choice."""
    assert Request.from_dict({**BASE, "form": "summary"}).form == "summary"
    assert Request.from_dict(BASE).form == "full"
    assert _errors({**BASE, "form": "bad"}) == [
        ("'bad' is not one of: full, summary", "form", "input.choice")
    ]


def test_the_optional_inputs_are_read_and_passed_to_evaluate() -> None:
    """Outcomes and assessment are read; ``assessment: null`` is no assessment."""
    outcome = {"scheme": "N1.cycle", "start": "2011-01-01", "passed": False}
    request = Request.from_dict(
        {**BASE, "assessment": {"unexcused_absence": True}, "outcomes": [outcome]}
    )
    assert request.assessment == tr.Assessment(unexcused_absence=True)
    assert request.outcomes == (tr.Outcome("N1.cycle", date(2011, 1, 1), passed=False),)
    assert Request.from_dict({**BASE, "assessment": None}).assessment is None
    assert request.evaluate() == tr.evaluate(
        CN,
        request.teacher,
        request.records,
        date(2016, 3, 1),
        assessment=request.assessment,
        outcomes=request.outcomes,
    )


def test_the_constructor_checks_its_lists_and_form() -> None:
    """Built directly: records a list of TrainingRecord, at most 1,000 outcomes, a known form."""
    teacher = tr.Teacher.from_dict(TEACHER)
    day = date(2016, 1, 1)
    assert _error(lambda: Request(CN, teacher, "x", day)) == (  # type: ignore[arg-type]
        "expected a list, got str",
        "records",
        "input.type",
    )
    assert _error(lambda: Request(CN, teacher, [1], day)) == (  # type: ignore[arg-type]
        "expected TrainingRecord, got int",
        "records[0]",
        "input.type",
    )
    outcomes = [tr.Outcome("N1.cycle", date(2011, 1, 1), passed=True)] * 1001
    assert _error(lambda: Request(CN, teacher, (), day, outcomes=outcomes)) == (  # type: ignore[arg-type]
        "1,001 items, more than the 1,000 allowed",
        "outcomes",
        "input.too_many",
    )
    assert _error(lambda: Request(CN, teacher, (), day, form="x")) == (
        "'x' is not one of: full, summary",
        "form",
        "input.choice",
    )
    assert Request(CN, teacher, [], day, outcomes=outcomes[:1000]).records == ()  # type: ignore[arg-type]


def test_a_request_nested_too_deep_is_refused_before_it_is_read() -> None:
    """Lists nested past MAX_DEPTH: one input.too_deep at the root, nothing else read."""
    nested: list[Any] = []
    for _ in range(MAX_DEPTH + 1):
        nested = [nested]
    assert _errors({**BASE, "records": nested, "teacher": 5}) == [
        (f"nested more than {MAX_DEPTH} levels deep", "", "input.too_deep")
    ]


def test_evaluate_passes_the_assessment_on() -> None:
    """fj-2009 with an unexcused absence (F7): the request evaluates as ``evaluate`` with it."""
    data = {**BASE, "policy": "fj-putian-hanjiang-2009", "records": [], "as_of": "2010-03-01"}
    request = Request.from_dict({**data, "assessment": {"unexcused_absence": True}})
    fj = policy.get("fj-putian-hanjiang-2009")
    day = date(2010, 3, 1)
    absent = tr.evaluate(fj, request.teacher, (), day, assessment=request.assessment)
    assert request.evaluate() == absent
    assert absent != tr.evaluate(fj, request.teacher, (), day, assessment=tr.Assessment())


def test_evaluate_passes_the_outcomes_on() -> None:
    """jx-2014 with a failed school year on a list (J2): the outcome changes the evaluation."""
    outcome = {"scheme": "J2.school_years", "start": "2012-09-01", "passed": False}
    data = {**BASE, "policy": "jx-2014", "records": [], "as_of": "2014-03-01"}
    request = Request.from_dict({**data, "outcomes": [outcome]})
    jx = policy.get("jx-2014")
    day = date(2014, 3, 1)
    failed = tr.evaluate(jx, request.teacher, (), day, outcomes=request.outcomes)
    assert request.evaluate() == failed
    assert failed != tr.evaluate(jx, request.teacher, (), day)


def test_a_policy_id_of_exactly_200_characters_is_looked_up() -> None:
    """200 characters is within the limit: the id is looked up (policy.unknown), not too long."""
    ((_, path, code),) = _errors({**BASE, "policy": "x" * 200})
    assert (path, code) == ("policy", "policy.unknown")


@pytest.mark.parametrize(
    ("records", "kind"),
    [(b"x", "bytes"), ({}, "dict"), (5, "int"), (None, "NoneType"), ({1}, "set")],
)
def test_the_constructor_refuses_records_that_are_not_a_list_or_tuple(
    records: object, kind: str
) -> None:
    """Bytes, a dict, an int, None or a set of records: input.type at ``records``."""
    teacher = tr.Teacher.from_dict(TEACHER)
    assert _error(lambda: Request(CN, teacher, records, date(2016, 1, 1))) == (  # type: ignore[arg-type]
        f"expected a list, got {kind}",
        "records",
        "input.type",
    )


def test_the_constructor_checks_every_record_and_keeps_them_as_a_tuple() -> None:
    """A list or tuple of records becomes a tuple; a bad second item is named ``records[1]``."""
    teacher = tr.Teacher.from_dict(TEACHER)
    record = tr.TrainingRecord.from_dict(RECORD)
    day = date(2016, 1, 1)
    assert Request(CN, teacher, [record, record], day).records == (record, record)  # type: ignore[arg-type]
    assert Request(CN, teacher, (record,), day).records == (record,)
    assert _error(lambda: Request(CN, teacher, [record, "R2"], day)) == (  # type: ignore[arg-type]
        "expected TrainingRecord, got str",
        "records[1]",
        "input.type",
    )
    outcome = tr.Outcome("N1.cycle", date(2011, 1, 1), passed=True)
    assert Request(CN, teacher, (), day, outcomes=[outcome]).outcomes == (outcome,)  # type: ignore[arg-type]
    assert _error(lambda: Request(CN, teacher, (), day, outcomes=(outcome, record))) == (  # type: ignore[arg-type]
        "expected Outcome, got TrainingRecord",
        "outcomes[1]",
        "input.type",
    )


def test_exactly_1000_outcomes_are_each_read() -> None:
    """1,000 outcomes is the most allowed: each item is read (here each is refused)."""
    errors = _errors({**BASE, "outcomes": [1] * 1000})
    assert len(errors) == 1000
    assert errors[999] == (
        "expected an object (a dict of Outcome's fields), got int",
        "outcomes[999]",
        "input.type",
    )


def test_the_constructor_takes_at_most_100000_records() -> None:
    """MAX_RECORDS (100,000) records are kept; 100,001 are input.too_many at ``records``."""
    teacher = tr.Teacher.from_dict(TEACHER)
    record = tr.TrainingRecord.from_dict(RECORD)
    day = date(2016, 1, 1)
    assert len(Request(CN, teacher, (record,) * MAX_RECORDS, day).records) == MAX_RECORDS
    assert _error(lambda: Request(CN, teacher, (record,) * (MAX_RECORDS + 1), day)) == (
        "100,001 items, more than the 100,000 allowed",
        "records",
        "input.too_many",
    )
