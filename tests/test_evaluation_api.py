"""The evaluation as a value: equality, canonical order, lookups, typed kinds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import trainingrules as tr
from trainingrules import policy

D = Decimal
TEACHER = tr.Teacher(id="T1", birth_date=date(1970, 5, 1), sex=tr.Sex.FEMALE)
RECORDS = [
    tr.TrainingRecord(id="B", hours=D(100), completed_on=date(2012, 3, 1), category="remote"),
    tr.TrainingRecord(id="A", hours=D(100), completed_on=date(2012, 3, 1), category="remote"),
    tr.TrainingRecord(id="C", hours=D(100), completed_on=date(2011, 3, 1), category="remote"),
]


def run(records=RECORDS, as_of=date(2016, 1, 1)):
    return tr.evaluate(policy.get("cn-2011"), TEACHER, records, as_of)


def test_equal_inputs_give_equal_evaluations_whatever_the_record_order():
    one, other = run(), run(list(reversed(RECORDS)))
    assert one == other
    assert hash(one) == hash(other)
    assert one != run(as_of=date(2016, 1, 2))
    assert one != run(RECORDS[:2])


def test_lists_are_in_canonical_order():
    # by completion date, then id
    assert [r.id for r in run().records] == ["C", "A", "B"]
    assert [e.record_id for e in run().ledger] == ["C", "A", "B"]


def test_lookups():
    ev = run()
    assert ev.period("N1.cycle", date(2011, 1, 1)).status is tr.Status.FAILED
    assert ev.entry("A").credited == D(100)
    decision = ev.decision(tr.DecisionKind.RE_REGISTRATION)
    assert decision.kind is tr.DecisionKind.RE_REGISTRATION
    assert ev.decision("re_registration") is decision


@pytest.mark.parametrize(
    ("lookup", "code"),
    [
        (lambda ev: ev.period("N1.cycle", date(2011, 2, 1)), "result.no_period"),
        (lambda ev: ev.decision(tr.DecisionKind.PROMOTION), "result.no_decision"),
        (lambda ev: ev.entry("Z"), "result.no_record"),
    ],
)
def test_a_lookup_that_finds_nothing_says_so(lookup, code):
    with pytest.raises(LookupError) as caught:
        lookup(run())
    assert isinstance(caught.value, tr.TrainingRulesError)
    assert caught.value.code == code


def test_exclusions_are_named():
    late = tr.TrainingRecord(id="L", hours=D(1), completed_on=date(2017, 1, 1), category="remote")
    entry = run([*RECORDS, late]).entry("L")
    assert entry.reason is tr.Exclusion.AFTER_AS_OF


def test_a_teacher_outside_the_policy_region_is_refused():
    # Issue 9 §2: "Teacher.region, where given, is checked against the policy's region".
    guangzhou = tr.Teacher(id="T9", birth_date=date(1970, 5, 1), sex=tr.Sex.MALE, region="440100")
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(policy.get("jx-2014"), guangzhou, [], date(2015, 1, 1))
    assert (caught.value.code, caught.value.path) == ("input.region", "teacher.region")
    nanchang = tr.Teacher(id="T8", birth_date=date(1970, 5, 1), sex=tr.Sex.MALE, region="360102")
    assert tr.evaluate(policy.get("jx-2014"), nanchang, [], date(2015, 1, 1)).teacher is nanchang
    assert tr.evaluate(policy.get("cn-2011"), guangzhou, [], date(2015, 1, 1)).teacher is guangzhou


@pytest.mark.parametrize(
    ("region", "code"), [("999999", "region.unknown"), ("٣٦٠٠٠٠", "policy.region")]
)
def test_a_policy_region_must_be_a_real_code(region, code):
    import attrs  # noqa: PLC0415 - only this test builds a variant

    with pytest.raises(tr.PolicyDataError) as caught:
        attrs.evolve(policy.get("jx-2014"), region=region)
    assert (caught.value.code, caught.value.path) == (code, "region")


@pytest.mark.parametrize(
    ("arguments", "path", "code"),
    [
        ((None, TEACHER, [], date(2015, 1, 1)), "policy", "input.type"),
        (("cn-2011", TEACHER, [], date(2015, 1, 1)), "policy", "input.type"),
        ((policy.get("cn-2011"), "T1", [], date(2015, 1, 1)), "teacher", "input.type"),
        ((policy.get("cn-2011"), TEACHER, [], "2015-01-01"), "as_of", "input.type"),
        ((policy.get("cn-2011"), TEACHER, ["R1"], date(2015, 1, 1)), "records[0]", "input.type"),
        (
            (policy.get("cn-2011"), TEACHER, [RECORDS[0], RECORDS[0]], date(2015, 1, 1)),
            "records[1].id",
            "input.duplicate",
        ),
    ],
)
def test_wrong_arguments_get_a_typed_error_naming_the_argument(arguments, path, code):
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(*arguments)
    assert (caught.value.path, caught.value.code) == (path, code)


def test_a_wrong_assessment_or_outcome_is_named():
    p = policy.get("cn-2011")
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(p, TEACHER, [], date(2015, 1, 1), assessment="none")  # type: ignore[arg-type]  # refused
    assert (caught.value.path, caught.value.code) == ("assessment", "input.type")
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(p, TEACHER, [], date(2015, 1, 1), outcomes=["failed"])  # type: ignore[list-item]  # refused
    assert (caught.value.path, caught.value.code) == ("outcomes[0]", "input.type")
    bad_start = tr.Outcome(scheme="N1.cycle", start=date(2012, 1, 1), passed=False)
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(p, TEACHER, [], date(2015, 1, 1), outcomes=[bad_start])
    assert (caught.value.path, caught.value.code) == ("outcomes[0].start", "input.period")
    twice = tr.Outcome(scheme="N1.cycle", start=date(2011, 1, 1), passed=False)
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.evaluate(p, TEACHER, [], date(2015, 1, 1), outcomes=[twice, twice])
    assert (caught.value.path, caught.value.code) == ("outcomes[1]", "input.duplicate")


def test_the_evaluation_shows_its_plan_and_its_inputs() -> None:
    from trainingrules.engine import compile_policy  # noqa: PLC0415

    ev = run()
    assert ev.plan is compile_policy(ev.policy)
    assert ev.plan.policy is ev.policy
    assert repr(ev) == (
        "Evaluation(policy='cn-2011', teacher='T1', as_of=datetime.date(2016, 1, 1), "
        "status='failed')"
    )


def test_an_evaluation_is_never_equal_to_another_kind_of_value() -> None:
    ev = run()
    assert ev.__eq__(ev.to_dict()) is NotImplemented
    assert ev != ev.to_dict()
    assert ev != "cn-2011"


def test_a_finding_reads_as_its_english_message() -> None:
    findings = run().findings
    assert findings
    for found in findings:
        assert str(found) == found.en
        assert found.en


# --- memos: each is bounded, and emptied when full ----------------------------------------


@pytest.mark.parametrize(
    ("memo", "limit"),
    [
        ("unassessed", 4096),  # conditions' status without an assessment, by (scheme, as_of)
        ("lasts", 4096),  # periods measured, by as_of
        ("dispatch", 65536),  # how a kind of record is counted
        ("spans", 4096),  # the summary's period texts
        ("governed", 4096),  # the summary's governed decisions
    ],
)
def test_a_full_memo_is_emptied_and_the_answers_stay_the_same(memo: str, limit: int) -> None:
    from trainingrules.engine import compile_policy  # noqa: PLC0415
    from trainingrules.engine._summary import silent  # noqa: PLC0415

    # fj-putian-hanjiang-2009 has conditions (F5-F7), measured schemes and consequences;
    # a variant of its own so that no other test shares the plan
    p = policy.get("fj-putian-hanjiang-2009").variant(f"fj-memo-{memo}")
    record = tr.TrainingRecord(
        id="R1", hours=D(30), completed_on=date(2009, 10, 1), category="remote"
    )

    def both() -> tuple[str, str]:
        ev = tr.evaluate(p, TEACHER, [record], date(2010, 1, 1))
        return ev.to_json(), ev.to_json(form="summary")

    expected = both()
    plan = compile_policy(p)
    store = getattr(silent(plan) if memo in ("spans", "governed") else plan, memo)
    assert store  # the evaluation used it
    store.clear()
    store.update({("junk", i): None for i in range(limit + 1)})
    assert both() == expected
    assert ("junk", 0) not in store
    assert 0 < len(store) <= 8
