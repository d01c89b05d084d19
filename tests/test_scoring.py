"""Scoring: composites (H6), rounding, grade bands, final prerequisites (H4), sittings (F6)."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from trainingrules import CourseResult, ExamSitting, InvalidInputError, SittingKind
from trainingrules.scoring import (
    PREREQUISITE_CODES,
    CourseGrade,
    ExamStatus,
    GradeBand,
    Prerequisite,
    Rounding,
    check_weights,
    composite,
    decide_sittings,
    final_prerequisites,
    grade_band,
    grade_course,
    passes,
)

D = Decimal
H6_WEIGHTS = (D("0.6"), D("0.4"))  # H6 (三.5): 60 % 平时成绩 + 40 % 结业考核
PASS = D(60)  # 及格 (interpretation: 60/100)


def raises_input(code, path):
    return pytest.raises(InvalidInputError, match=rf"^{path}: .* \[{code}\]$")


# ---------------------------------------------------------------- composite, H6


def test_60_and_60_is_exactly_60_and_passes():
    # 0.6·60 + 0.4·60 = 36.0 + 24.0 = 60.0, exactly.
    total = composite([D(60), D(60)], H6_WEIGHTS)
    assert total == D(60)
    assert str(total) == "60.0"
    assert passes(total, PASS)


def test_59_99_fails():
    # 0.6·59.99 + 0.4·59.99 = 35.994 + 23.996 = 59.990
    total = composite([D("59.99"), D("59.99")], H6_WEIGHTS)
    assert total == D("59.99")
    assert not passes(total, PASS)


@pytest.mark.parametrize(
    ("coursework", "final", "expected"),
    [
        ("50", "75", "60"),  # 30 + 30
        ("70", "45", "60"),  # 42 + 18
        ("100", "0", "60"),  # 60 + 0
        ("0", "100", "40"),  # 0 + 40
        ("60", "59", "59.6"),  # 36 + 23.6
        ("85.5", "92.25", "88.2"),  # 51.3 + 36.9
        ("100", "100", "100"),
        ("0", "0", "0"),
    ],
)
def test_h6_composite_by_hand(coursework, final, expected):
    assert composite([D(coursework), D(final)], H6_WEIGHTS) == D(expected)


def test_composite_accepts_str_and_int_scores_and_weights():
    # 0.25·80 + 0.75·40 = 20 + 30
    assert composite(["80", 40], ["0.25", D("0.75")]) == D(50)  # type: ignore[list-item]  # converted


def test_single_weight_of_one():
    assert composite([D("73.5")], [D(1)]) == D("73.5")


def test_three_components():
    # 0.5·90 + 0.3·60 + 0.2·0 = 45 + 18 + 0
    assert composite([D(90), D(60), D(0)], [D("0.5"), D("0.3"), D("0.2")]) == D(63)


@pytest.mark.parametrize(
    "weights",
    [
        [D("0.6"), D("0.3")],  # 0.9
        [D("0.6"), D("0.41")],  # 1.01
        [D("0.33"), D("0.33"), D("0.33")],  # 0.99
        [D(0)],
        [D("0.5")],
    ],
)
def test_weights_not_summing_to_one_are_rejected(weights):
    with raises_input("input.weights", "weights") as caught:
        composite([D(60)] * len(weights), weights)
    assert caught.value.code == "input.weights"
    assert caught.value.path == "weights"


def test_weights_summing_to_one_in_other_spellings():
    assert check_weights(["0.60", "0.400"]) == (D("0.6"), D("0.4"))  # type: ignore[list-item]  # converted
    assert check_weights([D(1), D(0)]) == (D(1), D(0))


def test_empty_weights_are_rejected():
    with raises_input("input.empty", "weights"):
        composite([], [])
    with raises_input("input.empty", "weights"):
        check_weights([])


def test_weight_above_one_is_rejected_with_its_index():
    # 1.5 + (−0.5) sums to 1, but neither weight is in [0, 1].
    with raises_input("input.range", r"weights\[0\]") as caught:
        composite([D(60), D(60)], [D("1.5"), D("-0.5")])
    assert caught.value.path == "weights[0]"


def test_negative_weight_is_rejected_with_its_index():
    with raises_input("input.range", r"weights\[1\]"):
        composite([D(60), D(60)], [D("1"), D("-0.0001")])


def test_float_weight_is_rejected():
    with raises_input("input.float", r"weights\[0\]"):
        composite([D(60), D(60)], [0.6, D("0.4")])  # type: ignore[list-item]  # refused


def test_length_mismatch_is_rejected():
    with raises_input("input.length", "scores") as caught:
        composite([D(60)], H6_WEIGHTS)
    assert caught.value.code == "input.length"
    with raises_input("input.length", "scores"):
        composite([D(60), D(60), D(60)], H6_WEIGHTS)


@pytest.mark.parametrize(
    ("scores", "code", "path"),
    [
        ([D("100.01"), D(60)], "input.range", r"scores\[0\]"),
        ([D(60), D(-1)], "input.range", r"scores\[1\]"),
        ([60.0, D(60)], "input.float", r"scores\[0\]"),
        ([D(60), D("NaN")], "input.not_finite", r"scores\[1\]"),
        ([True, D(60)], "input.type", r"scores\[0\]"),
    ],
)
def test_bad_scores_are_rejected(scores, code, path):
    with raises_input(code, path):
        composite(scores, H6_WEIGHTS)


def test_pass_mark_is_at_or_above():
    assert passes(D(60), D(60))
    assert passes(D("60.00"), D(60))
    assert passes(D("60.01"), D(60))
    assert not passes(D("59.999999"), D(60))


# ---------------------------------------------------------------- Rounding


@pytest.mark.parametrize(
    ("quantum", "mode", "value", "expected"),
    [
        ("0.1", "ROUND_HALF_UP", "59.95", "60.0"),
        ("0.1", "ROUND_HALF_UP", "59.94", "59.9"),
        ("0.1", "ROUND_HALF_EVEN", "0.25", "0.2"),
        ("0.1", "ROUND_HALF_EVEN", "0.35", "0.4"),
        ("0.1", "ROUND_HALF_DOWN", "0.25", "0.2"),
        ("1", "ROUND_DOWN", "59.99", "59"),
        ("1", "ROUND_FLOOR", "59.99", "59"),
        ("1", "ROUND_UP", "59.01", "60"),
        ("1", "ROUND_CEILING", "59.01", "60"),
        ("1", "ROUND_HALF_UP", "59.5", "60"),
        ("1", "ROUND_HALF_EVEN", "59.5", "60"),
        ("1", "ROUND_HALF_EVEN", "58.5", "58"),
        ("0.01", "ROUND_HALF_UP", "59.995", "60.00"),
        ("1", "ROUND_05UP", "50.4", "51"),  # toward zero gives 50, ending in 0: away
        ("1", "ROUND_05UP", "51.4", "51"),
    ],
)
def test_rounding_modes(quantum, mode, value, expected):
    rounded = Rounding(D(quantum), mode).apply(D(value))
    assert rounded == D(expected)
    assert str(rounded) == expected  # the quantum's exponent is kept


def test_rounding_defaults_to_half_up():
    assert Rounding(D(1)).mode == "ROUND_HALF_UP"
    assert Rounding(D(1)).apply(D("59.5")) == D(60)


@pytest.mark.parametrize(
    ("quantum", "value", "expected"),
    [
        # Documented as "round to a multiple of quantum".
        ("0.5", "59.3", "59.5"),  # 59.3 / 0.5 = 118.6 → 119 halves
        ("0.5", "59.2", "59.0"),  # 118.4 → 118 halves
        ("10", "64", "60"),  # 6.4 tens → 6 tens
        ("5", "57.5", "60"),  # 11.5 fives → 12 fives (half up)
        ("1.0", "59.3", "59"),  # Decimal("1.0") == 1, so it rounds like 1
    ],
)
def test_rounding_goes_to_a_multiple_of_the_quantum(quantum, value, expected):
    rounded = Rounding(D(quantum), "ROUND_HALF_UP").apply(D(value))
    assert rounded == D(expected)
    assert rounded % D(quantum) == 0


def test_equal_roundings_round_alike():
    a, b = Rounding(D("1.0")), Rounding(D(1))
    assert a == b
    assert a.apply(D("59.3")) == b.apply(D("59.3"))


def test_rounding_quantum_as_text_is_converted():
    # DESIGN.md: exact values are built from int or str.
    rounding = Rounding("0.1")  # type: ignore[arg-type]  # converted
    assert rounding.quantum == D("0.1")
    assert type(rounding.quantum) is Decimal
    assert rounding.apply(D("59.95")) == D("60.0")


@pytest.mark.parametrize(
    ("quantum", "code"),
    [
        (D(0), "input.range"),
        (D(-1), "input.range"),
        (D("NaN"), "input.not_finite"),
        (0.1, "input.float"),
        (True, "input.type"),
    ],
)
def test_invalid_quantum_is_rejected(quantum, code):
    with raises_input(code, "quantum") as caught:
        Rounding(quantum)
    assert caught.value.path == "quantum"


@pytest.mark.parametrize("mode", ["HALF_UP", "round_half_up", "", None])
def test_invalid_mode_is_rejected(mode):
    with raises_input("input.choice", "mode") as caught:
        Rounding(D("0.1"), mode)
    assert caught.value.path == "mode"


def test_composite_with_rounding():
    # 0.6·59.9 + 0.4·59.95 = 35.94 + 23.98 = 59.92 → 60 (quantum 1, half up), 59.9 (0.1)
    scores = [D("59.9"), D("59.95")]
    assert composite(scores, H6_WEIGHTS) == D("59.92")
    assert composite(scores, H6_WEIGHTS, Rounding(D(1))) == D(60)
    assert composite(scores, H6_WEIGHTS, Rounding(D("0.1"))) == D("59.9")


# ---------------------------------------------------------------- grade bands


BANDS = [GradeBand(D(85), "优秀"), GradeBand(D(60), "及格"), GradeBand(D(75), "良好")]


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", "优秀"),
        ("85", "优秀"),
        ("84.99", "良好"),
        ("75", "良好"),
        ("74.9", "及格"),
        ("60", "及格"),
        ("59.99", None),
        ("0", None),
    ],
)
def test_grade_band(score, band):
    assert grade_band(D(score), BANDS) == band


def test_grade_band_without_bands():
    assert grade_band(D(100), []) is None


def test_grade_band_reads_any_iterable_once():
    assert grade_band(D(80), iter(BANDS)) == "良好"


# ---------------------------------------------------------------- final prerequisites (H4)

# H4 (三.2): "学员只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的课程结业考核".
H4 = frozenset({Prerequisite.REQUIRED_HOURS, Prerequisite.HOMEWORK_PASSED})


def course(**changes):
    fields: dict[str, Any] = {
        "hours_required": D(30),
        "hours_completed": D(30),
        "homework_passed": True,
        "coursework_score": D(60),
        "final_score": D(60),
    }
    return CourseResult(**(fields | changes))


def test_prerequisites_met_exactly():
    assert final_prerequisites(course(), H4) == ()
    assert final_prerequisites(course(hours_completed=D("30.0")), H4) == ()
    assert final_prerequisites(course(hours_completed=D(31)), H4) == ()


def test_prerequisite_hours_short():
    assert final_prerequisites(course(hours_completed=D("29.5")), H4) == ("course.hours_short",)


def test_prerequisite_homework_failed():
    assert final_prerequisites(course(homework_passed=False), H4) == ("course.homework_failed",)


def test_prerequisites_both_unmet():
    unmet = final_prerequisites(course(hours_completed=D(0), homework_passed=False), H4)
    assert unmet == ("course.hours_short", "course.homework_failed")


def test_no_prerequisites_stated_none_applies():
    # A policy that states no prerequisite: unmet or unreported inputs are not its concern.
    unmet = course(hours_completed=D(0), homework_passed=False)
    assert final_prerequisites(unmet, ()) == ()
    assert final_prerequisites(CourseResult(coursework_score=D(90)), frozenset()) == ()


def test_only_the_stated_prerequisite_applies():
    both_unmet = course(hours_completed=D(0), homework_passed=False)
    assert final_prerequisites(both_unmet, {Prerequisite.REQUIRED_HOURS}) == ("course.hours_short",)
    assert final_prerequisites(both_unmet, [Prerequisite.HOMEWORK_PASSED]) == (
        "course.homework_failed",
    )


def test_codes_follow_the_prerequisites_order_not_the_collections():
    both_unmet = course(hours_completed=D(0), homework_passed=False)
    listed = [Prerequisite.HOMEWORK_PASSED, Prerequisite.REQUIRED_HOURS]
    assert final_prerequisites(both_unmet, listed) == (
        "course.hours_short",
        "course.homework_failed",
    )


@pytest.mark.parametrize(
    ("changes", "unmet"),
    [
        ({"hours_required": None}, ("course.hours_not_reported",)),
        ({"hours_completed": None}, ("course.hours_not_reported",)),
        ({"hours_required": None, "hours_completed": None}, ("course.hours_not_reported",)),
        ({"homework_passed": None}, ("course.homework_not_reported",)),
        (
            {"hours_completed": None, "homework_passed": None},
            ("course.hours_not_reported", "course.homework_not_reported"),
        ),
        # reported and unmet, next to not reported: each says what it is
        (
            {"hours_completed": D(29), "homework_passed": None},
            ("course.hours_short", "course.homework_not_reported"),
        ),
    ],
)
def test_a_stated_prerequisite_not_reported_is_not_met(changes, unmet):
    # H4 (三.2) "只有…才有资格": only a reported completion and pass qualify.
    assert final_prerequisites(course(**changes), H4) == unmet
    grade = grade_course(course(**changes, final_score=D(100)), H6_WEIGHTS, PASS, prerequisites=H4)
    assert grade == CourseGrade(may_sit_final=False, composite=None, passed=False, reasons=unmet)
    assert set(unmet) <= PREREQUISITE_CODES


def test_unreported_inputs_the_policy_does_not_state_do_not_matter():
    c = course(homework_passed=None, final_score=D(90), coursework_score=D(90))
    grade = grade_course(c, H6_WEIGHTS, PASS, prerequisites={Prerequisite.REQUIRED_HOURS})
    assert grade == CourseGrade(may_sit_final=True, composite=D(90), passed=True, reasons=())


# ---------------------------------------------------------------- grade_course, H4 and H6


def test_grade_course_hours_short_ignores_the_final():
    # H4: a final taken without the required hours does not count, however good.
    c = course(hours_completed=D("29.9"), final_score=D(100))
    grade = grade_course(c, H6_WEIGHTS, PASS, prerequisites=H4)
    assert grade == CourseGrade(
        may_sit_final=False, composite=None, passed=False, reasons=("course.hours_short",)
    )


def test_grade_course_homework_failed():
    c = course(homework_passed=False, coursework_score=D(100))
    grade = grade_course(c, H6_WEIGHTS, PASS, prerequisites=H4)
    assert grade == CourseGrade(
        may_sit_final=False, composite=None, passed=False, reasons=("course.homework_failed",)
    )


def test_grade_course_both_prerequisites_unmet():
    c = course(hours_completed=D(10), homework_passed=False)
    grade = grade_course(c, H6_WEIGHTS, PASS, prerequisites=H4)
    assert not grade.may_sit_final
    assert not grade.passed
    assert grade.composite is None
    assert grade.reasons == ("course.hours_short", "course.homework_failed")


def test_grade_course_applies_no_prerequisite_by_default():
    # Before: grade_course always applied H4, so homework_passed=False failed the
    # course whatever the policy said. Now the policy states its prerequisites
    # (CourseGrading.prerequisites; none by default): 0.6·90 + 0.4·90 = 90 ≥ 60.
    c = course(
        hours_completed=D(0), homework_passed=False, coursework_score=D(90), final_score=D(90)
    )
    grade = grade_course(c, H6_WEIGHTS, PASS)
    assert grade == CourseGrade(may_sit_final=True, composite=D(90), passed=True, reasons=())


def test_grade_course_no_final():
    grade = grade_course(course(final_score=None, coursework_score=D(100)), H6_WEIGHTS, PASS)
    assert grade == CourseGrade(
        may_sit_final=True, composite=None, passed=False, reasons=("course.no_final",)
    )


def test_grade_course_below_pass_mark():
    # 0.6·60 + 0.4·59 = 36 + 23.6 = 59.6
    grade = grade_course(course(final_score=D(59)), H6_WEIGHTS, PASS, prerequisites=H4)
    assert grade == CourseGrade(
        may_sit_final=True, composite=D("59.6"), passed=False, reasons=("course.below_pass_mark",)
    )


def test_grade_course_pass_at_exactly_60():
    grade = grade_course(course(), H6_WEIGHTS, PASS, prerequisites=H4)
    assert grade == CourseGrade(may_sit_final=True, composite=D(60), passed=True, reasons=())


def test_grade_course_pass_above():
    # 0.6·80 + 0.4·90 = 48 + 36 = 84
    grade = grade_course(course(coursework_score=D(80), final_score=D(90)), H6_WEIGHTS, PASS)
    assert grade.passed
    assert grade.composite == D(84)


def test_grade_course_weights_are_coursework_then_final():
    # weights[0] weighs the coursework (平时成绩), weights[1] the final (结业考核):
    # 0.6·100 + 0.4·0 = 60 passes; swapped, 0.4·100 + 0.6·0 = 40 fails.
    c = course(coursework_score=D(100), final_score=D(0))
    assert grade_course(c, H6_WEIGHTS, PASS).composite == D(60)
    assert grade_course(c, (D("0.4"), D("0.6")), PASS).composite == D(40)


def test_grade_course_rounding_is_the_policys_choice():
    # 59.92 fails unrounded, passes when the policy rounds to whole marks half up.
    c = course(coursework_score=D("59.9"), final_score=D("59.95"))
    assert not grade_course(c, H6_WEIGHTS, PASS).passed
    rounded = grade_course(c, H6_WEIGHTS, PASS, Rounding(D(1)))
    assert rounded.passed
    assert rounded.composite == D(60)


def test_grade_course_other_pass_mark():
    # 0.6·70 + 0.4·70 = 70: passes 70, fails 70.01
    c = course(coursework_score=D(70), final_score=D(70))
    assert grade_course(c, H6_WEIGHTS, D(70)).passed
    assert not grade_course(c, H6_WEIGHTS, D("70.01")).passed


# ---------------------------------------------------------------- exam sittings (F6)


def sit(kind, day, score):
    return ExamSitting(kind=kind, on=date(2009, 6, day), score=None if score is None else D(score))


MOCK, FORMAL, MAKEUP = SittingKind.MOCK, SittingKind.FORMAL, SittingKind.MAKEUP


def test_no_sittings_is_pending():
    result = decide_sittings([], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.PENDING,
        None,
        "exam.no_formal",
    )


def test_mock_never_counts():
    # F6: 模拟考 只供练习、不计成绩.
    result = decide_sittings([sit(MOCK, 1, 100), sit(MOCK, 2, 95)], PASS)
    assert result.status is ExamStatus.PENDING
    assert result.deciding is None
    assert result.reason == "exam.no_formal"


def test_mock_pass_does_not_rescue_a_failed_formal():
    result = decide_sittings([sit(MOCK, 1, 100), sit(FORMAL, 5, 40)], PASS)
    assert result.status is ExamStatus.PENDING
    assert result.reason == "exam.awaiting_makeup"


def test_formal_pass():
    formal = sit(FORMAL, 5, 60)
    result = decide_sittings([sit(MOCK, 1, 10), formal], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.PASSED,
        formal,
        "exam.formal_passed",
    )


def test_formal_59_99_does_not_pass():
    result = decide_sittings([sit(FORMAL, 5, "59.99")], PASS)
    assert result.status is ExamStatus.PENDING
    assert result.reason == "exam.awaiting_makeup"


def test_formal_fail_then_makeup_pass():
    makeup = sit(MAKEUP, 20, 70)
    result = decide_sittings([sit(FORMAL, 5, 40), makeup], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.PASSED,
        makeup,
        "exam.makeup_passed",
    )


def test_formal_absent_then_makeup_pass():
    makeup = sit(MAKEUP, 20, 60)
    result = decide_sittings([sit(FORMAL, 5, None), makeup], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.PASSED,
        makeup,
        "exam.makeup_passed",
    )


def test_formal_fail_then_makeup_fail():
    makeup = sit(MAKEUP, 20, "59.99")
    result = decide_sittings([sit(FORMAL, 5, 40), makeup], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.FAILED,
        makeup,
        "exam.makeup_failed",
    )


def test_makeup_absent_fails():
    makeup = sit(MAKEUP, 20, None)
    result = decide_sittings([sit(FORMAL, 5, 40), makeup], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.FAILED,
        makeup,
        "exam.makeup_absent",
    )


def test_both_absent_fails():
    result = decide_sittings([sit(FORMAL, 5, None), sit(MAKEUP, 20, None)], PASS)
    assert result.status is ExamStatus.FAILED
    assert result.reason == "exam.makeup_absent"


def test_makeup_without_a_failed_formal_is_ignored():
    formal = sit(FORMAL, 5, 80)
    result = decide_sittings([formal, sit(MAKEUP, 20, 30)], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.PASSED,
        formal,
        "exam.formal_passed",
    )


def test_makeup_without_any_formal_is_ignored():
    result = decide_sittings([sit(MAKEUP, 20, 90)], PASS)
    assert (result.status, result.deciding, result.reason) == (
        ExamStatus.PENDING,
        None,
        "exam.no_formal",
    )


@pytest.mark.parametrize("makeup_day", [5, 4, 1], ids=["same-day", "day-before", "earlier"])
def test_makeup_on_or_before_the_formal_is_ignored(makeup_day):
    result = decide_sittings([sit(MAKEUP, makeup_day, 90), sit(FORMAL, 5, 40)], PASS)
    assert result.status is ExamStatus.PENDING
    assert result.reason == "exam.awaiting_makeup"


def test_makeup_the_day_after_the_formal_counts():
    result = decide_sittings([sit(MAKEUP, 6, 90), sit(FORMAL, 5, 40)], PASS)
    assert result.status is ExamStatus.PASSED
    assert result.reason == "exam.makeup_passed"


def test_pending_names_no_deciding_sitting():
    # The docstrings of ExamResult.deciding ("the sitting that decided the result, or
    # None if pending") and of ExamStatus.PENDING ("No deciding sitting yet") say so.
    result = decide_sittings([sit(FORMAL, 5, 40)], PASS)
    assert result.status is ExamStatus.PENDING
    assert result.deciding is None


def test_two_formals_are_an_input_error():
    with raises_input("input.duplicate", r"sittings\[2\]") as caught:
        decide_sittings([sit(FORMAL, 5, 80), sit(MOCK, 1, 50), sit(FORMAL, 6, 90)], PASS)
    assert caught.value.code == "input.duplicate"
    assert caught.value.path == "sittings[2]"


def test_two_makeups_are_an_input_error():
    with raises_input("input.duplicate", r"sittings\[2\]"):
        decide_sittings([sit(FORMAL, 5, 40), sit(MAKEUP, 20, 50), sit(MAKEUP, 25, 90)], PASS)


def test_sittings_may_be_any_iterable():
    result = decide_sittings((s for s in [sit(FORMAL, 5, 40), sit(MAKEUP, 20, 70)]), PASS)
    assert result.status is ExamStatus.PASSED


def test_pass_mark_is_a_parameter():
    result = decide_sittings([sit(FORMAL, 5, 70), sit(MAKEUP, 20, 75)], D(75))
    assert result.status is ExamStatus.PASSED
    assert result.reason == "exam.makeup_passed"


# ---------------------------------------------------------------- failed vs missed formal (F6)


@pytest.mark.parametrize(
    ("formal_score", "makeup_score", "reason", "missed"),
    [
        (40, 70, "exam.makeup_passed", False),
        (None, 70, "exam.makeup_passed", True),
        (40, 30, "exam.makeup_failed", False),
        (None, 30, "exam.makeup_failed", True),
        (40, None, "exam.makeup_absent", False),
        (None, None, "exam.makeup_absent", True),
    ],
)
def test_the_result_names_the_formal_failed_or_missed(formal_score, makeup_score, reason, missed):
    # F6 (附件一 五.3): "B. 正考。C.补考。" A makeup follows a formal that was failed or
    # missed (缺考); the codes stay the same, the result names the formal sitting.
    formal = sit(FORMAL, 5, formal_score)
    result = decide_sittings([formal, sit(MAKEUP, 20, makeup_score)], PASS)
    assert result.reason == reason
    assert result.formal == formal
    assert result.formal_missed is missed


@pytest.mark.parametrize(("formal_score", "missed"), [(40, False), (None, True)])
def test_awaiting_makeup_names_the_formal(formal_score, missed):
    formal = sit(FORMAL, 5, formal_score)
    result = decide_sittings([formal], PASS)
    assert (result.reason, result.deciding, result.formal) == ("exam.awaiting_makeup", None, formal)
    assert result.formal_missed is missed


def test_no_formal_names_no_formal():
    result = decide_sittings([sit(MOCK, 1, 90), sit(MAKEUP, 20, 90)], PASS)
    assert result.formal is None
    assert not result.formal_missed


def test_a_passed_formal_is_the_deciding_and_the_formal_sitting():
    formal = sit(FORMAL, 5, 60)
    result = decide_sittings([formal], PASS)
    assert result.deciding == result.formal == formal
    assert not result.formal_missed
