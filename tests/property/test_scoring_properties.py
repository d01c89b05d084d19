"""Laws of composites, rounding, course grades and exam sittings, each with its clause."""

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import (
    course_results,
    exam_sittings,
    prerequisite_sets,
    roundings,
    scores,
    sitting_lists,
    weights,
)

from trainingrules import InvalidInputError, SittingKind
from trainingrules.scoring import (
    PREREQUISITE_CODES,
    ExamStatus,
    Prerequisite,
    composite,
    decide_sittings,
    final_prerequisites,
    grade_course,
)

H6_WEIGHTS = (Decimal("0.6"), Decimal("0.4"))
PASS = Decimal(60)
H4 = frozenset(Prerequisite)  # 三.2: the course's hours and passed homework


@st.composite
def scores_and_weights(draw, min_size=1, max_size=5):
    w = draw(weights(min_size=min_size, max_size=max_size))
    s = draw(st.lists(scores(), min_size=len(w), max_size=len(w)))
    return s, w


class TestCompositeStaysOnTheScale:
    """H6 (三.5): "把学员平时考核成绩与结业考核成绩分别按 60% 与 40 %比例折合后作为本课程总成绩".

    A weighted total with weights in [0, 1] summing to 1 is a weighted mean: it lies
    between the lowest and the highest component, so within 0-100, and it is exact
    (DESIGN.md: 59.999999 never fails a teacher who has 60).
    """

    @given(scores_and_weights())
    def test_composite_lies_between_the_lowest_and_highest_score(self, case):
        s, w = case
        total = composite(s, w)
        assert Decimal(0) <= min(s) <= total <= max(s) <= Decimal(100)

    @given(scores(), weights())
    def test_equal_scores_give_exactly_that_score(self, score, w):
        assert composite([score] * len(w), w) == score

    @given(scores(), scores())
    def test_h6_composite_is_exact(self, coursework, final):
        # 10 × (0.6·c + 0.4·f) = 6c + 4f, computed without the library.
        total = composite([coursework, final], H6_WEIGHTS)
        assert total * 10 == 6 * coursework + 4 * final
        assert (total >= PASS) == (6 * coursework + 4 * final >= 600)

    @given(scores_and_weights(), roundings())
    def test_rounded_composite_stays_on_the_scale(self, case, rounding):
        s, w = case
        assert Decimal(0) <= composite(s, w, rounding) <= Decimal(100)


class TestCompositeRisesWithEachComponent:
    """H6 (三.5): "总成绩及格以上者可以获得本课程的培训学时、学分".

    A better coursework or final mark can never lower the total, and so never turn a
    pass into a fail (DESIGN.md: scores rise with each component), rounded or not.
    """

    @given(scores_and_weights(), st.data())
    def test_raising_one_component_never_lowers_the_composite(self, case, data):
        s, w = case
        i = data.draw(st.integers(0, len(s) - 1))
        higher = data.draw(scores().filter(lambda x: x >= s[i]))
        raised = [*s[:i], higher, *s[i + 1 :]]
        assert composite(raised, w) >= composite(s, w)

    @given(scores_and_weights(), st.data(), roundings())
    def test_raising_one_component_never_lowers_the_rounded_composite(self, case, data, rounding):
        s, w = case
        i = data.draw(st.integers(0, len(s) - 1))
        higher = data.draw(scores().filter(lambda x: x >= s[i]))
        raised = [*s[:i], higher, *s[i + 1 :]]
        assert composite(raised, w, rounding) >= composite(s, w, rounding)
        if composite(s, w, rounding) >= PASS:
            assert composite(raised, w, rounding) >= PASS


class TestRoundingIsStated:
    """DESIGN.md principle 3: "Every rounding is stated by the policy (quantum and mode)".

    ``Rounding`` is documented as "Round to a multiple of ``quantum``": the result is a
    multiple of the quantum and less than one quantum away from the exact value.
    """

    @given(
        scores(),
        roundings(
            quanta=[
                Decimal(1),
                Decimal("0.1"),
                Decimal("0.01"),
                Decimal("0.5"),
                Decimal("0.25"),
                Decimal(5),
                Decimal(10),
                Decimal("1.0"),
            ]
        ),
    )
    def test_rounded_value_is_a_near_multiple_of_the_quantum(self, value, rounding):
        rounded = rounding.apply(value)
        assert rounded % rounding.quantum == 0
        assert abs(rounded - value) < rounding.quantum

    @given(scores(), roundings())
    def test_rounding_is_idempotent(self, value, rounding):
        once = rounding.apply(value)
        assert rounding.apply(once) == once


class TestWeightsMustSumToOne:
    """H6 (三.5): "分别按 60% 与 40 %比例折合" — the shares of the total are a whole.

    Weights that do not sum to exactly 1 are an input error (code ``input.weights``),
    never silently normalised.
    """

    @given(st.lists(st.integers(0, 100), min_size=1, max_size=5).filter(lambda ws: sum(ws) != 100))
    def test_weights_not_summing_to_one_are_rejected(self, hundredths):
        w = [Decimal(n) / 100 for n in hundredths]
        with pytest.raises(InvalidInputError) as caught:
            composite([Decimal(60)] * len(w), w)
        assert caught.value.code == "input.weights"
        assert caught.value.path == "weights"

    @given(weights(), st.sampled_from(["0.01", "-0.01", "0.0001", "-0.0001"]))
    def test_a_nudge_off_one_is_rejected(self, w, nudge):
        # Move one weight by a small amount, keeping it in [0, 1]; the sum is then ≠ 1.
        i = next((j for j, x in enumerate(w) if Decimal(0) <= x + Decimal(nudge) <= 1), None)
        assume(i is not None)
        assert i is not None  # for the type checker: assume() does not narrow
        nudged = [*w[:i], w[i] + Decimal(nudge), *w[i + 1 :]]
        with pytest.raises(InvalidInputError) as caught:
            composite([Decimal(60)] * len(w), nudged)
        assert caught.value.code == "input.weights"


class TestFinalPrerequisites:
    """H4 (三.2): "学员只有对某门课程修满规定的学时和作业成绩合格,
    才有资格申请参加相应的课程结业考核".

    Without both the hours and a passed homework there is no composite and no pass,
    whatever the final score; with both, the H6 composite decides.
    """

    @given(course_results())
    def test_grade_follows_h4_then_h6(self, course):
        grade = grade_course(course, H6_WEIGHTS, PASS, prerequisites=H4)
        reported = None not in (
            course.hours_required,
            course.hours_completed,
            course.homework_passed,
        )
        may_sit = (
            reported and course.hours_completed >= course.hours_required and course.homework_passed
        )
        assert grade.may_sit_final == may_sit
        assert (final_prerequisites(course, H4) == ()) == may_sit
        if not may_sit or course.final_score is None:
            assert grade.composite is None
            assert not grade.passed
            assert grade.reasons
        else:
            expected = (6 * course.coursework_score + 4 * course.final_score) / 10
            assert grade.composite == expected
            assert grade.passed == (expected >= PASS)
            assert (grade.reasons == ()) == grade.passed


class TestPrerequisitesArePolicyData:
    """A policy states its prerequisites (``CourseGrading.prerequisites``), none by
    default; a stated one that the input does not report is not met (H4 三.2 "只有…才").
    """

    @given(course_results(), weights(min_size=2, max_size=2), scores(), roundings())
    def test_without_prerequisites_no_course_fails_on_one(self, course, w, pass_mark, rounding):
        grade = grade_course(course, (w[0], w[1]), pass_mark, rounding)
        assert grade.may_sit_final
        assert not set(grade.reasons) & PREREQUISITE_CODES
        if course.final_score is None:
            assert grade.reasons == ("course.no_final",)
        else:
            total = composite([course.coursework_score, course.final_score], w, rounding)
            assert grade.passed == (total >= pass_mark)

    @given(course_results(), prerequisite_sets())
    def test_a_stated_prerequisite_not_reported_never_passes(self, course, stated):
        missing = {
            Prerequisite.REQUIRED_HOURS: None in (course.hours_required, course.hours_completed),
            Prerequisite.HOMEWORK_PASSED: course.homework_passed is None,
        }
        assume(any(missing[p] for p in stated))
        grade = grade_course(course, H6_WEIGHTS, PASS, prerequisites=stated)
        assert not grade.passed
        assert not grade.may_sit_final
        assert grade.composite is None
        assert {"course.hours_not_reported", "course.homework_not_reported"} & set(grade.reasons)

    @given(course_results(), prerequisite_sets(), prerequisite_sets())
    def test_stating_more_prerequisites_never_turns_a_fail_into_a_pass(self, course, a, b):
        fewer = grade_course(course, H6_WEIGHTS, PASS, prerequisites=a)
        more = grade_course(course, H6_WEIGHTS, PASS, prerequisites=a | b)
        assert not more.passed or fewer.passed
        assert not more.may_sit_final or fewer.may_sit_final

    @given(course_results(), prerequisite_sets())
    def test_unmet_reasons_come_only_from_stated_prerequisites(self, course, stated):
        reasons = set(final_prerequisites(course, stated))
        if Prerequisite.REQUIRED_HOURS not in stated:
            assert not reasons & {"course.hours_short", "course.hours_not_reported"}
        if Prerequisite.HOMEWORK_PASSED not in stated:
            assert not reasons & {"course.homework_failed", "course.homework_not_reported"}


def _outcome(sittings):
    """The result, or the error code, of deciding ``sittings``."""
    try:
        return decide_sittings(sittings, PASS)
    except InvalidInputError as error:
        return error.code


class TestSittingOrderDoesNotMatter:
    """F6 (附件一 五.3): "每个班级均安排3次。即A.模拟考。只供练习、不计成绩。B. 正考。C.补考。"

    The result depends on the sittings' kinds, dates and scores, never on the order
    in which they are listed; a duplicate formal or makeup is an error in any order.
    """

    @given(sitting_lists(allow_duplicates=True), st.data())
    def test_permuting_the_sittings_never_changes_the_result(self, sittings, data):
        shuffled = data.draw(st.permutations(sittings))
        assert _outcome(shuffled) == _outcome(sittings)

    @given(sitting_lists(), st.lists(exam_sittings(kind=st.just(SittingKind.MOCK)), max_size=3))
    def test_mocks_never_count(self, sittings, mocks):
        # 模拟考 只供练习、不计成绩: adding or removing mocks changes nothing.
        without = [s for s in sittings if s.kind is not SittingKind.MOCK]
        assert _outcome(sittings + mocks) == _outcome(without)


class TestFormalPassIsFinal:
    """F6 (附件一 五.3): "B. 正考。C.补考。" — the makeup (补考) is for those who failed the formal.

    A passed formal decides the exam; no makeup, whatever its date or score, overrides it.
    """

    @given(
        exam_sittings(kind=st.just(SittingKind.FORMAL), score=scores().filter(lambda s: s >= PASS)),
        st.lists(exam_sittings(kind=st.just(SittingKind.MAKEUP)), max_size=1),
        st.lists(exam_sittings(kind=st.just(SittingKind.MOCK)), max_size=3),
        st.data(),
    )
    def test_a_passed_formal_is_never_overridden(self, formal, makeups, mocks, data):
        sittings = data.draw(st.permutations([formal, *makeups, *mocks]))
        result = decide_sittings(sittings, PASS)
        assert result.status is ExamStatus.PASSED
        assert result.deciding == formal
        assert result.reason == "exam.formal_passed"

    @given(sitting_lists())
    def test_a_decision_rests_on_a_counted_sitting(self, sittings):
        result = decide_sittings(sittings, PASS)
        if result.status is ExamStatus.PASSED:
            assert result.deciding is not None
            assert result.deciding in sittings
            assert result.deciding.kind is not SittingKind.MOCK
            assert result.deciding.score is not None
            assert result.deciding.score >= PASS
        if result.status is ExamStatus.FAILED:
            formal = next(s for s in sittings if s.kind is SittingKind.FORMAL)
            assert result.deciding is not None
            assert result.deciding.kind is SittingKind.MAKEUP
            assert result.deciding.on > formal.on
            assert formal.score is None or formal.score < PASS
            assert result.deciding.score is None or result.deciding.score < PASS


class TestFailedOrMissedFormal:
    """F6 (附件一 五.3): "B. 正考。C.补考。" — a makeup follows a formal that was failed or
    missed (缺考); the result names the formal sitting so the two can be told apart.
    """

    @given(sitting_lists())
    def test_the_formal_named_is_the_formal_sat(self, sittings):
        result = decide_sittings(sittings, PASS)
        formals = [s for s in sittings if s.kind is SittingKind.FORMAL]
        assert result.formal == (formals[0] if formals else None)
        assert result.formal_missed == bool(formals and formals[0].score is None)
        if result.reason in {"exam.makeup_passed", "exam.makeup_failed", "exam.makeup_absent"}:
            # the makeup decided: the formal before it was failed or missed, never passed
            formal = result.formal
            assert result.formal_missed or (
                formal is not None and formal.score is not None and formal.score < PASS
            )
