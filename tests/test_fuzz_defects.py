"""The defects fuzzing found (issue 11, §3), each with the test that would have caught it.

Every ``as_of`` a ``date`` holds works or raises a typed error; outcomes at the ends
of the calendar; policies the engine cannot compute are refused when loaded; hours
bounded at the input; arithmetic in the engine's own decimal context; caches that
cannot leak a representation; argument checks of ``evaluate`` and the public
helpers; ASCII-only region codes; output independent of the input order; and the two
mutants the suite let survive (an exam sitting on the evaluation date, the type check
of a non-record).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Context, Decimal, Inexact, Rounded, localcontext

import pytest
import strategies as s
from hypothesis import given, settings
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine import compile_policy
from trainingrules.engine._count import course_grade
from trainingrules.scoring import Rounding

D = Decimal
TEACHER = tr.Teacher(id="T1", birth_date=date(1975, 4, 2), sex=tr.Sex.FEMALE)
SENIOR = tr.Teacher(id="T2", birth_date=date(1970, 1, 1), sex=tr.Sex.MALE, title=tr.Title.SENIOR)
OPEN_ENDED = ("cn-2011", "jx-2014", "jx-2019", "sn-weinan-2019")


def remote(hours: str, day: date, rid: str = "R1") -> tr.TrainingRecord:
    return tr.TrainingRecord(id=rid, hours=D(hours), completed_on=day, category="remote")


def refused(action: Callable[[], object]) -> tr.InvalidInputError | None:
    """The typed error ``action`` raised, or ``None`` (anything else propagates)."""
    try:
        action()
    except tr.InvalidInputError as error:
        return error
    return None


def both_forms(evaluation: tr.Evaluation) -> str:
    return json.dumps(
        [evaluation.to_dict(), evaluation.to_dict(form="summary")], sort_keys=True, default=str
    )


# ------------------------------------------------------------------ as_of 200 years on, and later


@pytest.mark.parametrize("policy_id", OPEN_ENDED)
def test_an_open_ended_scheme_is_measured_200_years_on_and_more(policy_id):
    # Before: IndexError (open-ended schemes were compiled for 200 years).
    chosen = policy.get(policy_id)
    evaluation = tr.evaluate(chosen, TEACHER, [], date(2216, 1, 1))
    assert evaluation.status is tr.Status.FAILED
    both_forms(evaluation)
    (scheme,) = [p for p in chosen.of_type(policy.PeriodScheme) if p.id.endswith("cycle")]
    last = evaluation.periods[-1]
    assert last.period.start <= date(2216, 1, 1) < last.period.end
    assert last.status is tr.Status.IN_PROGRESS
    assert last.period.start == scheme.cycle.cycle_of(date(2216, 1, 1)).start  # type: ignore[union-attr]
    later = tr.evaluate(chosen, TEACHER, [], date(9990, 6, 1))
    assert later.periods[-1].period.start.year in range(9986, 9991)


@pytest.mark.parametrize("policy_id", s.CATALOGUE_POLICY_IDS)
def test_every_as_of_works_or_is_a_typed_error(policy_id):
    chosen = policy.get(policy_id)
    days = [date.min, date(1, 12, 31), date(2216, 1, 1), date(9995, 12, 31), date(9999, 1, 1)]
    days += [date.max - timedelta(days=n) for n in (0, 1, 365, 3 * 365)]
    for day in days:

        def run(day: date = day) -> str:
            return both_forms(tr.evaluate(chosen, TEACHER, [], day))

        error = refused(run)
        if error is not None:
            assert (error.path, error.code) == ("as_of", "input.range"), error
            assert "9999-12-31" in error.message


def test_as_of_in_a_period_a_date_cannot_end_is_a_typed_error():
    # cn-2011's cycles start 2011 + 5k: 9996-01-01 starts one that would end in 10001.
    chosen = policy.get("cn-2011")
    tr.evaluate(chosen, TEACHER, [], date(9995, 12, 31))
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(chosen, TEACHER, [], date(9996, 1, 1))
    assert (caught.value.path, caught.value.code) == ("as_of", "input.range")
    assert "9996-01-01" in caught.value.message


@settings(max_examples=60)
@given(s.catalogue_policies(), st.dates())
def test_any_date_works_or_is_a_typed_error(chosen, day):
    error = refused(lambda: both_forms(tr.evaluate(chosen, TEACHER, [remote("1", day)], day)))
    assert error is None or (error.path, error.code) == ("as_of", "input.range")


def test_a_plan_shared_by_earlier_and_later_dates_answers_the_same():
    # The boundaries grow when a late date needs them; results for early dates stay.
    chosen = policy.get("cn-2011").variant("cn-2011-fresh")
    early = both_forms(
        tr.evaluate(chosen, TEACHER, [remote("360", date(2013, 1, 1))], date(2016, 3, 1))
    )
    tr.evaluate(chosen, TEACHER, [], date(9000, 1, 1))
    assert len(compile_policy(chosen).measured[0].boundaries) > 1000
    again = tr.evaluate(chosen, TEACHER, [remote("360", date(2013, 1, 1))], date(2016, 3, 1))
    assert both_forms(again) == early


# ------------------------------------------------------------------ outcomes at the ends of time


@pytest.mark.parametrize("policy_id", s.CATALOGUE_POLICY_IDS)
@pytest.mark.parametrize("start", [date.min, date(9999, 1, 1), date.max])
def test_an_outcome_at_the_ends_of_the_calendar_is_a_typed_error(policy_id, start):
    # Before: ValueError (year -1, year 10004) for some schemes.
    chosen = policy.get(policy_id)
    for scheme in chosen.of_type(policy.PeriodScheme):
        outcomes = [tr.Outcome(scheme=scheme.id, start=start, passed=False)]

        def run(outcomes: list[tr.Outcome] = outcomes) -> str:
            return both_forms(tr.evaluate(chosen, TEACHER, [], date(2016, 3, 1), outcomes=outcomes))

        error = refused(run)
        if error is not None:
            assert error.path == "outcomes[0].start"
            assert error.code in {"input.period", "input.range"}


def test_an_outcome_for_the_last_period_a_date_can_end_works():
    chosen = policy.get("fj-putian-hanjiang-2009")  # F10.cycle: no start; any day starts one
    last = tr.Outcome(scheme="F10.cycle", start=date(9989, 1, 1), passed=False)
    both_forms(tr.evaluate(chosen, TEACHER, [], date(9994, 6, 1), outcomes=[last]))
    # A failed 9994-9998 bars promotion in the next cycle (F10), 9999-10003: that
    # cannot be a period, so the decision is a typed error, not a ValueError.
    late = tr.Outcome(scheme="F10.cycle", start=date(9994, 1, 1), passed=False)
    evaluation = tr.evaluate(chosen, TEACHER, [], date(9994, 6, 1), outcomes=[late])
    with pytest.raises(tr.InvalidInputError) as consequence:
        evaluation.to_dict()
    assert (consequence.value.path, consequence.value.code) == ("as_of", "input.range")
    beyond = tr.Outcome(scheme="F10.cycle", start=date(9995, 1, 2), passed=False)
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(chosen, TEACHER, [], date(2016, 3, 1), outcomes=[beyond])
    assert (caught.value.path, caught.value.code) == ("outcomes[0].start", "input.range")


# ------------------------------------------------------------------ policies the engine cannot run


def cn_2011_with(**scheme_changes: object) -> dict[str, object]:
    data = policy.to_dict(policy.get("cn-2011"))
    data["rules"][0].update(scheme_changes)
    return data


@pytest.mark.parametrize(
    ("changes", "path", "code"),
    [
        ({"years": 10**6}, "rules[0].years", "policy.range"),
        ({"years": 10**10}, "rules[0].years", "policy.range"),
        ({"start": "9996-01-01"}, "rules[0].start", "policy.range"),
        ({"start": "9990-01-01", "count": 2}, "rules[0].count", "policy.range"),
        ({"start": "9999-12-31"}, "rules[0].start", "policy.range"),
    ],
)
def test_a_scheme_a_date_cannot_hold_is_refused_when_loaded(changes, path, code):
    with pytest.raises(tr.PolicyDataError) as caught:
        policy.from_dict(cn_2011_with(**changes))
    assert (caught.value.path, caught.value.code) == (path, code)


def test_a_scheme_starting_in_9990_is_computed_as_far_as_a_date_holds():
    late = policy.from_dict(cn_2011_with(start="9990-01-01"))
    assert tr.evaluate(late, TEACHER, [], date(2016, 3, 1)).status is tr.Status.NOT_STARTED
    assert tr.evaluate(late, TEACHER, [], date(9994, 12, 31)).status is tr.Status.IN_PROGRESS
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(late, TEACHER, [], date(9995, 1, 1))  # in 9995-9999, which ends in 10000
    assert (caught.value.path, caught.value.code) == ("as_of", "input.range")


def test_a_rounding_quantum_of_1e_minus_30_is_refused():
    # Before: accepted, then decimal.InvalidOperation in the count.
    data = policy.to_dict(policy.get("cn-2011"))
    (i,) = [i for i, rule in enumerate(data["rules"]) if rule["kind"] == "service_rule"]
    data["rules"][i]["rounding"]["quantum"] = "1E-30"
    with pytest.raises(tr.PolicyDataError) as caught:
        policy.from_dict(data)
    assert (caught.value.path, caught.value.code) == (
        f"rules[{i}].rounding.quantum",
        "policy.precision",
    )
    with pytest.raises(tr.InvalidInputError) as direct:
        Rounding(D("1E-30"))
    assert direct.value.code == "input.precision"


@pytest.mark.parametrize(
    ("value", "code"),
    [("1E+1000000", "policy.range"), ("1E-30", "policy.precision"), (1.5, "policy.float")],
)
def test_a_policy_figure_is_bounded_like_an_input(value, code):
    data = policy.to_dict(policy.get("cn-2011"))
    (i,) = [i for i, rule in enumerate(data["rules"]) if rule["kind"] == "hours_requirement"]
    data["rules"][i]["minimum"] = value
    with pytest.raises(tr.PolicyDataError) as caught:
        policy.from_dict(data)
    assert caught.value.code == code
    assert caught.value.path.startswith(f"rules[{i}].minimum")


def test_a_deeply_nested_policy_dict_is_refused_before_it_is_walked():
    deep: object = "x"
    for _ in range(100_000):
        deep = [deep]
    data = {**policy.to_dict(policy.get("cn-2011")), "limitations": deep}
    with pytest.raises(tr.PolicyDataError) as caught:
        policy.from_dict(data)
    assert caught.value.code == "policy.too_deep"


# ------------------------------------------------------------------ hours at the input


@pytest.mark.parametrize("hours", ["1E+1000000", "1E+999990"])
def test_huge_hours_are_refused_at_the_input(hours):
    # Before: accepted; decimal.Overflow in the count, or 2 MB of JSON per record.
    with pytest.raises(tr.InvalidInputError) as caught:
        remote(hours, date(2013, 1, 1))
    assert (caught.value.path, caught.value.code) == ("hours", "input.range")
    assert "at most" in caught.value.message or "limit" in caught.value.message
    assert errors(
        tr.TrainingRecord.from_dict, {**remote("1", date(2013, 1, 1)).to_dict(), "hours": hours}
    ) == [("hours", "input.range")]


def errors(call, *args):
    with pytest.raises(tr.InputErrors) as caught:
        call(*args)
    return [(e.path, e.code) for e in caught.value.errors]


# ------------------------------------------------------------------ the engine's own context


CONTEXTS = [
    Context(prec=3),
    Context(prec=3, rounding=ROUND_FLOOR),
    Context(prec=28, traps=[Inexact, Rounded]),
    Context(prec=1),
]


@pytest.mark.parametrize("context", CONTEXTS, ids=repr)
def test_359_6_hours_never_count_as_360(context):
    # Before: with prec=3, 359.6 h counted as 360 and the cycle passed.
    records = [remote("359.6", date(2013, 1, 1))]
    expected = both_forms(tr.evaluate(policy.get("cn-2011"), TEACHER, records, date(2016, 3, 1)))
    with localcontext(context):
        evaluation = tr.evaluate(policy.get("cn-2011"), TEACHER, records, date(2016, 3, 1))
        assert evaluation.periods[0].status is tr.Status.FAILED
        assert both_forms(evaluation) == expected


@settings(max_examples=30)
@given(s.evaluation_cases(), st.sampled_from(CONTEXTS))
def test_results_do_not_depend_on_the_callers_decimal_context(case, context):
    expected = both_forms(case.run())
    with localcontext(context):
        assert both_forms(case.run()) == expected


def test_sums_of_the_largest_records_are_exact():
    # 1,000 records of 99,999.999999999 h: a 17-digit sum the default context (28
    # digits) would keep; the engine's context keeps every such sum exactly.
    records = [remote("99999.999999999", date(2013, 1, 1), f"R{i}") for i in range(1000)]
    with localcontext(Context(prec=5)):
        evaluation = tr.evaluate(policy.get("cn-2011"), TEACHER, records, date(2016, 3, 1))
        counted = evaluation.periods[0].requirements[0].counted
    assert counted == D("99999999.999999")  # 1,000 x 99,999.999999999, exactly
    assert sum(entry.credited for entry in evaluation.ledger) == counted


@pytest.mark.parametrize(
    ("value", "quantum", "mode", "rounded"),
    [
        ("0.05", "0.1", "ROUND_HALF_UP", "0.1"),
        ("0.049999999", "0.1", "ROUND_HALF_UP", "0.0"),
        ("0.25", "0.5", "ROUND_HALF_EVEN", "0.0"),
        ("0.75", "0.5", "ROUND_HALF_EVEN", "1.0"),
        ("98.630136986", "1", "ROUND_CEILING", "99"),
        ("359.999999", "1", "ROUND_FLOOR", "359"),
        ("1E+3", "0.5", "ROUND_HALF_UP", "1000.0"),
    ],
)
def test_rounding_is_exact_in_any_context(value, quantum, mode, rounded):
    for context in (Context(), *CONTEXTS):
        with localcontext(context):
            assert str(Rounding(D(quantum), mode).apply(D(value))) == rounded


# ------------------------------------------------------------------ caches and representations


def course_record(coursework: str, final: str) -> tr.TrainingRecord:
    return tr.TrainingRecord(
        id="C1",
        hours=D(40),
        completed_on=date(2007, 6, 1),
        category="remote",
        course=tr.CourseResult(
            coursework_score=D(coursework),
            final_score=D(final),
            hours_required=D(40),
            hours_completed=D(40),
            homework_passed=True,
        ),
    )


def test_a_course_grade_does_not_depend_on_an_earlier_representation():
    # Before: after 70.000/80.000, scores 70/80 gave a composite of 74.0000.
    hohhot = policy.get("nm-hohhot-2006")
    course_grade.cache_clear()
    fresh = tr.evaluate(hohhot, SENIOR, [course_record("70", "80")], date(2008, 1, 1))
    expected = both_forms(fresh)
    tr.evaluate(hohhot, SENIOR, [course_record("70.000", "80.000")], date(2008, 1, 1))
    again = tr.evaluate(hohhot, SENIOR, [course_record("70", "80")], date(2008, 1, 1))
    assert both_forms(again) == expected
    assert str(again.courses[0].composite) == "74.0"  # 70 x 0.6 + 80 x 0.4, exactly


def test_an_equal_policy_from_another_representation_gives_the_same_output():
    # Before: evaluate(p).policy could be an equal policy object showing 240.00.
    data = policy.to_dict(policy.get("cn-2011"))
    text = json.dumps(data)
    assert '"360"' in text
    padded = policy.from_dict(json.loads(text.replace('"360"', '"360.00"')))
    plain = policy.from_dict(data)
    assert padded == plain
    assert policy.to_dict(padded) == data
    first = tr.evaluate(padded, SENIOR, [], date(2016, 3, 1))
    second = tr.evaluate(plain, SENIOR, [], date(2016, 3, 1))
    assert "360.00" not in json.dumps(policy.to_dict(second.policy))
    assert both_forms(first) == both_forms(second)


# ------------------------------------------------------------------ argument checks


@pytest.mark.parametrize("records", [None, 5, "R1", {"R1": 1}, b"x"])
def test_records_that_are_not_a_collection_are_a_typed_error(records):
    # Before: TypeError, although the docstring promised InvalidInputError.
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(policy.get("cn-2011"), TEACHER, records, date(2016, 3, 1))
    assert (caught.value.path, caught.value.code) == ("records", "input.type")


@pytest.mark.parametrize("outcomes", [None, 5, "x"])
def test_outcomes_that_are_not_a_collection_are_a_typed_error(outcomes):
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(policy.get("cn-2011"), TEACHER, [], date(2016, 3, 1), outcomes=outcomes)
    assert (caught.value.path, caught.value.code) == ("outcomes", "input.type")


def test_records_may_be_any_iterable():
    records = (remote("360", date(2013, 1, 1)) for _ in range(1))
    assert tr.evaluate(policy.get("cn-2011"), TEACHER, records, date(2016, 3, 1)).records


@pytest.mark.parametrize(
    ("make", "path", "code"),
    [
        (lambda: tr.Period(start=False, end=date(2000, 1, 1)), "start", "input.type"),  # type: ignore[arg-type]  # refused
        (lambda: tr.Period(D("sNaN"), date(2000, 1, 1)), "start", "input.type"),  # type: ignore[arg-type]  # refused
        (lambda: tr.Period(date(2000, 1, 1), "2001-01-01"), "end", "input.type"),  # type: ignore[arg-type]  # refused
        (lambda: tr.AnchoredCycle("x", 5), "anchor", "input.type"),  # type: ignore[arg-type]  # refused
        (lambda: tr.AnchoredCycle(date(2011, 1, 1), 10**6), "years", "input.range"),
        (lambda: Rounding(D(1), mode=[]), "mode", "input.choice"),  # type: ignore[arg-type]  # refused
        (lambda: Rounding(D(1), mode="ROUND_SIDEWAYS"), "mode", "input.choice"),
        (lambda: Rounding(D(1)).apply("1.5"), "value", "input.type"),  # type: ignore[arg-type]  # refused
        (lambda: tr.AnchoredCycle(date(2011, 1, 1), 5).start_of(2000), "k", "input.range"),
    ],
)
def test_public_helpers_check_their_inputs(make, path, code):
    with pytest.raises(tr.InvalidInputError) as caught:
        make()
    assert (caught.value.path, caught.value.code) == (path, code)


def test_cycles_reach_the_ends_of_the_calendar():
    cycle = tr.AnchoredCycle(date(2011, 1, 1), 5)
    assert cycle.index_of(date.min) == -402  # 2011 - 402 x 5 = year 1
    assert cycle.index_of(date(1, 1, 1) + timedelta(days=1)) == -402
    assert tr.AnchoredCycle(date(2011, 6, 1), 5).index_of(date.min) == -403  # from year -4
    assert cycle.index_of(date.max) == 1597
    assert cycle.start_of(1597) == date(9996, 1, 1)


# ------------------------------------------------------------------ region codes


@pytest.mark.parametrize("code", ["٣٦٠١٠٠", "３６０１００", "36O100"])
def test_region_codes_are_six_ascii_digits(code):
    # Before: str.isdigit accepted Arabic-Indic digits ("٣٦٠١٠٠" found cn-2011).
    with pytest.raises(tr.UnknownPolicyError) as caught:
        policy.find(code, date(2016, 1, 1))
    assert caught.value.code == "policy.bad_region"
    with pytest.raises(tr.InvalidInputError) as direct:
        tr.Teacher(id="T", birth_date=date(1970, 1, 1), sex=tr.Sex.MALE, region=code)
    assert direct.value.code == "region.format"


# ------------------------------------------------------------------ input order


@settings(max_examples=40)
@given(s.evaluation_cases(), st.randoms(use_true_random=False))
def test_shuffled_records_give_byte_identical_json(case, rng):
    # Before: ledger, course and sit_final lists followed the input order.
    shuffled = list(case.records)
    rng.shuffle(shuffled)
    assert both_forms(case.run(records=shuffled)) == both_forms(case.run())


# ------------------------------------------------------------------ mutants that survived


FJ = "fj-putian-hanjiang-2009"


def fj_exam_status(as_of: date) -> tr.Status:
    sitting = tr.ExamSitting(kind=tr.SittingKind.FORMAL, on=date(2009, 10, 10), score=D(75))
    evaluation = tr.evaluate(
        policy.get(FJ),
        SENIOR,
        [],
        as_of,
        assessment=tr.Assessment(sittings=(sitting,)),
    )
    (year,) = [p for p in evaluation.periods if p.scheme == "F4.year"]
    (exam,) = [c for c in year.conditions if c.rule_id == "F6.exam"]
    return exam.status


def test_an_exam_sitting_on_the_evaluation_date_counts():
    # A sitting on the as_of day has taken place (<=, not <): passed that very day.
    assert fj_exam_status(date(2009, 10, 10)) is tr.Status.PASSED
    assert fj_exam_status(date(2009, 10, 9)) is tr.Status.IN_PROGRESS


def test_the_first_item_that_is_not_a_record_is_named():
    records = [remote("1", date(2013, 1, 1)), remote("1", date(2013, 1, 1), "R2"), 5]
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(policy.get("cn-2011"), TEACHER, records, date(2016, 3, 1))  # type: ignore[arg-type]  # refused
    assert (caught.value.path, caught.value.code) == ("records[2]", "input.type")
