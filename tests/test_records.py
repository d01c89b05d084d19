"""Inputs: validation, conversion and immutability of teachers, records and assessments."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from trainingrules import (
    Assessment,
    CourseResult,
    CreditState,
    ExamSitting,
    InvalidInputError,
    Outcome,
    ProviderLevel,
    Sex,
    SittingKind,
    Teacher,
    Title,
    TrainingRecord,
    WrittenWork,
)


def teacher(**changes):
    fields: dict[str, Any] = {"id": "T1", "birth_date": date(1960, 3, 1), "sex": Sex.MALE}
    return Teacher(**(fields | changes))


def course(**changes):
    fields: dict[str, Any] = {
        "hours_required": Decimal(30),
        "hours_completed": Decimal(30),
        "homework_passed": True,
        "coursework_score": Decimal(70),
        "final_score": Decimal(80),
    }
    return CourseResult(**(fields | changes))


def record(**changes):
    fields: dict[str, Any] = {
        "id": "R1",
        "hours": Decimal(48),
        "completed_on": date(2013, 5, 1),
        "category": "remote",
    }
    return TrainingRecord(**(fields | changes))


def sitting(**changes):
    fields: dict[str, Any] = {
        "kind": SittingKind.FORMAL,
        "on": date(2009, 6, 1),
        "score": Decimal(75),
    }
    return ExamSitting(**(fields | changes))


def written(**changes):
    fields: dict[str, Any] = {
        "notes_chars": 5000,
        "forum_posts": 2,
        "reflection_chars": 1000,
        "handwritten": True,
    }
    return WrittenWork(**(fields | changes))


def outcome(**changes):
    fields: dict[str, Any] = {
        "scheme": "remote_school_year",
        "start": date(2012, 9, 1),
        "passed": False,
    }
    return Outcome(**(fields | changes))


# Every Decimal field of every input: amounts (no upper bound) and scores (0-100).
AMOUNT_FIELDS = [
    pytest.param(record, "hours", id="TrainingRecord.hours"),
    pytest.param(record, "fee_paid", id="TrainingRecord.fee_paid"),
    pytest.param(course, "hours_required", id="CourseResult.hours_required"),
    pytest.param(course, "hours_completed", id="CourseResult.hours_completed"),
]
SCORE_FIELDS = [
    pytest.param(course, "coursework_score", id="CourseResult.coursework_score"),
    pytest.param(course, "final_score", id="CourseResult.final_score"),
    pytest.param(sitting, "score", id="ExamSitting.score"),
]
DECIMAL_FIELDS = AMOUNT_FIELDS + SCORE_FIELDS


def raises_input(code, path):
    """Context manager: an ``InvalidInputError`` with this code whose path names ``path``."""
    return pytest.raises(InvalidInputError, match=rf"^{path}: .* \[{code}\]$")


# ---------------------------------------------------------------- Decimal fields


@pytest.mark.parametrize(("make", "field"), DECIMAL_FIELDS)
@pytest.mark.parametrize("value", [0.1, 48.0, 0.0, float("nan")])
def test_float_is_rejected(make, field, value):
    with raises_input("input.float", field) as caught:
        make(**{field: value})
    assert caught.value.path == field
    assert caught.value.code == "input.float"


@pytest.mark.parametrize(("make", "field"), DECIMAL_FIELDS)
@pytest.mark.parametrize(
    "value",
    [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity"), "NaN", "inf"],
)
def test_not_finite_is_rejected(make, field, value):
    with raises_input("input.not_finite", field) as caught:
        make(**{field: value})
    assert caught.value.path == field


@pytest.mark.parametrize(("make", "field"), DECIMAL_FIELDS)
@pytest.mark.parametrize("value", [-1, Decimal("-0.1"), "-0.01"])
def test_negative_is_rejected(make, field, value):
    with raises_input("input.range", field) as caught:
        make(**{field: value})
    assert caught.value.path == field


@pytest.mark.parametrize(("make", "field"), DECIMAL_FIELDS)
@pytest.mark.parametrize("value", [True, False])
def test_bool_is_not_a_number(make, field, value):
    with raises_input("input.type", field) as caught:
        make(**{field: value})
    assert caught.value.path == field


@pytest.mark.parametrize(("make", "field"), DECIMAL_FIELDS)
@pytest.mark.parametrize("value", ["abc", "", "12,5", [1], object()])
def test_non_number_is_rejected(make, field, value):
    with raises_input("input.type", field):
        make(**{field: value})


@pytest.mark.parametrize(("make", "field"), DECIMAL_FIELDS)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12.5", Decimal("12.5")),
        (" 7 ", Decimal(7)),  # surrounding blanks are stripped
        (12, Decimal(12)),
        (0, Decimal(0)),
        ("59.99", Decimal("59.99")),
        (Decimal("0.1"), Decimal("0.1")),
    ],
)
def test_str_int_and_decimal_are_accepted_and_converted(make, field, value, expected):
    made = make(**{field: value})
    converted = getattr(made, field)
    assert type(converted) is Decimal
    assert converted == expected


@pytest.mark.parametrize(("make", "field"), SCORE_FIELDS)
def test_scores_stop_at_100(make, field):
    assert getattr(make(**{field: "100"}), field) == Decimal(100)
    assert getattr(make(**{field: "100.00"}), field) == Decimal(100)
    for above in ("100.01", 101, Decimal("1E3")):
        with raises_input("input.range", field) as caught:
            make(**{field: above})
        assert caught.value.path == field


@pytest.mark.parametrize(("make", "field"), AMOUNT_FIELDS)
def test_amounts_have_no_upper_bound(make, field):
    assert getattr(make(**{field: "100.01"}), field) == Decimal("100.01")
    assert getattr(make(**{field: 100_000}), field) == Decimal(100_000)


def test_decimal_errors_are_value_errors():
    with pytest.raises(ValueError, match=r"hours: .*float"):
        record(hours=1.5)


def test_exact_decimal_is_kept_not_rounded():
    # 359.5 must stay 359.5 (DESIGN.md: 359.5 hours never passes a 360-hour rule).
    assert record(hours="359.5").hours == Decimal("359.5")
    assert record(hours="359.5").hours < 360


def test_optional_scores_accept_none():
    assert course(final_score=None).final_score is None
    assert sitting(score=None).score is None


# ---------------------------------------------------------------- ids, text, dates


@pytest.mark.parametrize("make", [teacher, record])
@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_empty_id_is_rejected(make, blank):
    with raises_input("input.empty", "id") as caught:
        make(id=blank)
    assert caught.value.path == "id"


@pytest.mark.parametrize("make", [teacher, record])
def test_id_must_be_a_string(make):
    with raises_input("input.type", "id"):
        make(id=17)


def test_empty_category_is_rejected():
    with raises_input("input.empty", "category"):
        record(category="")


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (teacher, "birth_date"),
        (record, "completed_on"),
        (record, "started_on"),
        (sitting, "on"),
        (outcome, "start"),
    ],
)
@pytest.mark.parametrize(
    "value",
    [datetime(2013, 5, 1, tzinfo=UTC), "2013-05-01", 20130501],
    ids=["datetime", "str", "int"],
)
def test_dates_must_be_plain_dates(make, field, value):
    with raises_input("input.type", field) as caught:
        make(**{field: value})
    assert caught.value.path == field


def test_started_after_completed_is_rejected():
    with raises_input("input.order", "started_on") as caught:
        record(started_on=date(2013, 5, 2), completed_on=date(2013, 5, 1))
    assert caught.value.path == "started_on"
    assert caught.value.code == "input.order"


def test_started_on_the_completion_day_is_accepted():
    made = record(started_on=date(2013, 5, 1), completed_on=date(2013, 5, 1))
    assert made.started_on == made.completed_on == date(2013, 5, 1)


@pytest.mark.parametrize("make", [record, teacher])
def test_codes_such_as_programme_and_region_must_be_strings(make):
    field = "programme" if make is record else "region"
    assert getattr(make(**{field: ""}), field) == ""
    with raises_input("input.type", field):
        make(**{field: 360000})


# ---------------------------------------------------------------- enums


@pytest.mark.parametrize(
    ("make", "field", "text", "member"),
    [
        (teacher, "sex", "female", Sex.FEMALE),
        (teacher, "title", "junior", Title.JUNIOR),
        (record, "provider_level", "county", ProviderLevel.COUNTY),
        (record, "credit_state", "verified", CreditState.VERIFIED),
        (sitting, "kind", "makeup", SittingKind.MAKEUP),
    ],
)
def test_enum_value_given_as_text_becomes_the_member(make, field, text, member):
    converted = getattr(make(**{field: text}), field)
    assert converted is member


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (teacher, "sex"),
        (teacher, "title"),
        (record, "provider_level"),
        (record, "credit_state"),
        (sitting, "kind"),
    ],
)
@pytest.mark.parametrize("value", ["unknown", "MALE", 1, ["verified"]])
def test_unknown_enum_value_is_rejected(make, field, value):
    with raises_input("input.choice", field) as caught:
        make(**{field: value})
    assert caught.value.path == field


def test_member_of_another_enum_is_rejected():
    # Sex.MALE == "male" is not a Title value.
    with raises_input("input.choice", "title"):
        teacher(title=Sex.MALE)


def test_optional_enums_default_to_none_and_title_to_none_title():
    made = record()
    assert made.provider_level is None
    assert made.credit_state is None
    assert teacher().title is Title.NONE


# ---------------------------------------------------------------- flags, counts, nested


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (course, "homework_passed"),
        (written, "handwritten"),
        (outcome, "passed"),
    ],
)
@pytest.mark.parametrize("value", [1, 0, "yes", None])
def test_flags_must_be_bools(make, field, value):
    if make is course and value is None:
        # None is "not reported" for a course's prerequisite inputs: see below.
        assert make(**{field: value}).homework_passed is None
        return
    with raises_input("input.type", field):
        make(**{field: value})


@pytest.mark.parametrize("field", ["hours_required", "hours_completed", "homework_passed"])
def test_course_prerequisite_inputs_may_be_unreported(field):
    # A policy states which prerequisites it applies (CourseGrading.prerequisites); an
    # input that is not reported is None, and a policy that states it does not count
    # the final until it is (scoring.final_prerequisites).
    assert getattr(course(**{field: None}), field) is None
    assert CourseResult(coursework_score=Decimal(90)).hours_required is None
    with pytest.raises(TypeError):
        CourseResult(Decimal(30), Decimal(30), True, Decimal(90))  # keyword-only inputs


@pytest.mark.parametrize("field", ["notes_chars", "forum_posts", "reflection_chars"])
def test_written_work_counts(field):
    assert getattr(written(**{field: 0}), field) == 0
    with raises_input("input.range", field):
        written(**{field: -1})
    for bad in (True, 1.0, "5000"):
        with raises_input("input.type", field):
            written(**{field: bad})


def test_roles_become_a_frozenset():
    made = teacher(roles=["class_teacher", "head", "class_teacher"])
    assert made.roles == frozenset({"class_teacher", "head"})
    assert isinstance(made.roles, frozenset)


def test_roles_as_one_string_is_rejected():
    with raises_input("input.type", "roles"):
        teacher(roles="class_teacher")


def test_blank_role_is_rejected_with_its_index():
    with raises_input("input.empty", r"roles\[1\]") as caught:
        teacher(roles=["class_teacher", ""])
    assert caught.value.path == "roles[1]"


def test_course_must_be_a_course_result():
    assert record(course=course()).course == course()
    with raises_input("input.type", "course"):
        record(course={"hours_required": 30})


def test_assessment_sittings_become_a_tuple():
    sittings = [sitting(kind="mock"), sitting()]
    made = Assessment(sittings=sittings)  # type: ignore[arg-type]  # converted
    assert made.sittings == tuple(sittings)
    assert isinstance(made.sittings, tuple)
    assert made.written_work is None
    assert made.unexcused_absence is False


def test_assessment_rejects_a_foreign_sitting_with_its_index():
    with raises_input("input.type", r"sittings\[1\]") as caught:
        Assessment(sittings=[sitting(), "formal"])  # type: ignore[arg-type]  # refused
    assert caught.value.path == "sittings[1]"


def test_assessment_rejects_a_string_of_sittings():
    with raises_input("input.type", "sittings"):
        Assessment(sittings="formal")  # type: ignore[arg-type]  # refused


def test_assessment_written_work_must_be_written_work():
    assert Assessment(written_work=written()).written_work == written()
    with raises_input("input.type", "written_work"):
        Assessment(written_work={"notes_chars": 5000})  # type: ignore[arg-type]  # refused


# ---------------------------------------------------------------- immutability


@pytest.mark.parametrize(
    ("make", "field", "value"),
    [
        (teacher, "id", "T2"),
        (record, "hours", Decimal(1)),
        (course, "final_score", Decimal(100)),
        (sitting, "score", Decimal(100)),
        (written, "handwritten", False),
        (outcome, "passed", True),
        (Assessment, "unexcused_absence", True),
    ],
)
def test_inputs_are_frozen(make, field, value):
    made = make()
    before = getattr(made, field)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(made, field, value)
    assert getattr(made, field) == before


def test_equal_inputs_are_equal_and_hash_alike():
    a = record(hours="48")
    b = record(hours=48)
    assert a == b
    assert hash(a) == hash(b)
    assert attrs.evolve(a, hours="47.5").hours == Decimal("47.5")
    assert attrs.evolve(a, hours="47.5") != a


def test_evolve_validates_too():
    with raises_input("input.float", "hours"):
        attrs.evolve(record(), hours=47.5)
