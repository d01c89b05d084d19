"""Scenarios for jx-2019: the 2019 "互联网+教师专业发展" full-staff training briefing.

X1 (二.(二)): credits pass through 登记、审核与验证 (registered → reviewed → verified);
interpretation X1.verified: only verified credits count; variant ``jx-2019~X1.verified``:
reviewed credits count as well.
X2 (结语): credits directly affect re-registration (教师资格注册) and title evaluation
(职称评聘); the hours are the national ones (interpretation X2.cycle: 360 hours per
five-year cycle from 2011, quoting 教师〔2011〕1号 via 赣教师字〔2014〕36号 一).
The policy is in force from 2019-04-01, so it measures 2016-2020 onwards (a period
that ended before a policy came into force is not measured).

Every expectation below is worked out by hand from the clause named beside it.
"""

from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import check_findings as check_cited_findings
from scenario_helpers import cited, decisions, entry

import trainingrules as tr
from trainingrules import policy

D = Decimal
V = tr.CreditState.VERIFIED
POLICY = policy.get("jx-2019")
VARIANT = policy.get("jx-2019~X1.verified")
BRIEFING = POLICY.documents[0].number
NATIONAL = "教师〔2011〕1号"
X2_KINDS = {"re_registration", "title_appointment"}
CYCLE_2016 = tr.Period(date(2016, 1, 1), date(2021, 1, 1))
CYCLE_2021 = tr.Period(date(2021, 1, 1), date(2026, 1, 1))


def teacher():
    return tr.Teacher(id="T1", birth_date=date(1982, 2, 28), sex=tr.Sex.FEMALE)


def record(rid, hours, day, state=V, category="remote"):
    return tr.TrainingRecord(
        id=rid, hours=D(hours), completed_on=day, category=category, credit_state=state
    )


def evaluate(records, as_of, pol=POLICY):
    return tr.evaluate(pol, teacher(), records, as_of)


def period(ev, span):
    (found,) = [p for p in ev.periods if p.scheme == "X2.cycle" and p.period == span]
    return found


def check_findings(ev):
    """Every FAILED period cites one of the two documents; messages are non-empty."""
    assert {d.number for d in ev.policy.documents} == {BRIEFING, NATIONAL}
    check_cited_findings(ev)


# ------------------------------------------------------------------ X1: credit states


def test_x1_only_verified_credits_count():
    # 二.(二) (X1), interpretation X1.verified: verified 200 counts; reviewed 100,
    # registered 50 and unknown (None) 10 → excluded, reason "credit_state".
    # Counted 200 of 360 as of 2019-06-01 → IN_PROGRESS, 360 − 200 = 160 missing by
    # 2020-12-31.
    ev = evaluate(
        [
            record("R1", "200", date(2017, 3, 1), V),
            record("R2", "100", date(2018, 3, 1), tr.CreditState.REVIEWED),
            record("R3", "50", date(2018, 4, 1), tr.CreditState.REGISTERED),
            record("R4", "10", date(2018, 5, 1), None),
        ],
        as_of=date(2019, 6, 1),
    )
    c = period(ev, CYCLE_2016)
    assert (c.status, c.counted) == (tr.Status.IN_PROGRESS, D(200))
    assert [(s.hours, s.due) for s in ev.shortfall] == [(D(160), date(2020, 12, 31))]
    assert entry(ev, "R1").counted
    for rid in ("R2", "R3", "R4"):
        e = entry(ev, rid)
        assert (e.counted, e.reason, e.credited, e.rule_id) == (
            False,
            "credit_state",
            D(0),
            "X1.verified",
        ), rid
        assert e.finding.citation is not None
        assert (e.finding.citation.document, e.finding.citation.clause) == (BRIEFING, "二.(二)")
        assert "X1.verified" in e.finding.interpretations
    check_findings(ev)


def test_x1_variant_counts_reviewed_credits_too():
    # X1.verified, alternative reading: 审核 (reviewed) credits count as well.
    # Same records: verified 200 + reviewed 100 = 300; registered 50 and None 10 stay out.
    assert VARIANT.id == "jx-2019~X1.verified"
    assert VARIANT.parent == "jx-2019"
    ev = evaluate(
        [
            record("R1", "200", date(2017, 3, 1), V),
            record("R2", "100", date(2018, 3, 1), tr.CreditState.REVIEWED),
            record("R3", "50", date(2018, 4, 1), tr.CreditState.REGISTERED),
            record("R4", "10", date(2018, 5, 1), None),
        ],
        as_of=date(2019, 6, 1),
        pol=VARIANT,
    )
    assert period(ev, CYCLE_2016).counted == D(300)
    assert entry(ev, "R2").counted
    assert entry(ev, "R3").reason == "credit_state"
    assert entry(ev, "R4").reason == "credit_state"
    assert [s.hours for s in ev.shortfall] == [D(60)]


def test_half_an_hour_reviewed_decides_between_the_readings():
    # X2 (360) with X1: verified 359.5 + reviewed 0.5, as of 2021-01-01 (2016-2020 over).
    # Main reading: 359.5 < 360 → 不合格, 0.5 short. Variant: 359.5 + 0.5 = 360 → 合格.
    records = [
        record("R1", "359.5", date(2018, 1, 1), V),
        record("R2", "0.5", date(2020, 12, 31), tr.CreditState.REVIEWED),
    ]
    main = period(evaluate(records, as_of=date(2021, 1, 1)), CYCLE_2016)
    alt = period(evaluate(records, as_of=date(2021, 1, 1), pol=VARIANT), CYCLE_2016)
    assert (main.status, main.counted, main.requirements[0].missing) == (
        tr.Status.FAILED,
        D("359.5"),
        D("0.5"),
    )
    assert (alt.status, alt.counted) == (tr.Status.PASSED, D(360))


# ------------------------------------------------------- X2: 360 hours, boundaries


def test_exactly_360_on_the_first_and_last_day_of_2016_2020():
    # X2 / 教师〔2011〕1号: cycle 2016-01-01 .. 2020-12-31. R1 2016-01-01 (180) + R2
    # 2020-12-31 (180) = 360 → 合格. R3 2021-01-01 (30) → next cycle 2021-2025 only.
    # R0 2015-12-31 (100) lies in 2011-2015, which ended before the policy (2019-04-01)
    # → not measured → "outside_periods".
    ev = evaluate(
        [
            record("R0", "100", date(2015, 12, 31)),
            record("R1", "180", date(2016, 1, 1)),
            record("R2", "180", date(2020, 12, 31)),
            record("R3", "30", date(2021, 1, 1)),
        ],
        as_of=date(2021, 1, 1),
    )
    c = period(ev, CYCLE_2016)
    assert (c.status, c.counted) == (tr.Status.PASSED, D(360))
    nxt = period(ev, CYCLE_2021)
    assert (nxt.status, nxt.counted) == (tr.Status.IN_PROGRESS, D(30))
    assert entry(ev, "R1").periods == ("X2.cycle 2016–2020",)
    assert entry(ev, "R2").periods == ("X2.cycle 2016–2020",)
    assert entry(ev, "R3").periods == ("X2.cycle 2021–2025",)
    assert entry(ev, "R0").reason == "outside_periods"
    assert [p.period for p in ev.periods] == [CYCLE_2016, CYCLE_2021]
    check_findings(ev)


def test_359_5_verified_is_in_progress_then_failed():
    # X2: 300 + 59.5 = 359.5 < 360. On 2020-12-31 → IN_PROGRESS (0.5 by 2020-12-31);
    # on 2021-01-01 → 不合格; the hours finding cites the national document (X2.cycle).
    records = [record("R1", "300", date(2016, 6, 1)), record("R2", "59.5", date(2020, 12, 31))]
    before = evaluate(records, as_of=date(2020, 12, 31))
    assert period(before, CYCLE_2016).status is tr.Status.IN_PROGRESS
    assert [(s.hours, s.due) for s in before.shortfall] == [(D("0.5"), date(2020, 12, 31))]
    after = evaluate(records, as_of=date(2021, 1, 1))
    c = period(after, CYCLE_2016)
    assert c.status is tr.Status.FAILED
    (short,) = [f for f in c.findings if f.code == "hours.short"]
    assert short.rule_id == "X2.hours"
    assert short.citation is not None
    assert short.citation.document == NATIONAL
    assert "X2.cycle" in short.interpretations
    assert "359.5" in short.en
    assert "359.5" in short.zh
    check_findings(before)
    check_findings(after)


def test_records_completed_after_as_of_are_excluded_whatever_their_state():
    # Records completed after the evaluation date never count: as of 2019-06-01,
    # R2 (verified, 2019-06-02) and R3 (registered, 2019-07-01) → "after_as_of".
    # Counted: R1 120 only.
    ev = evaluate(
        [
            record("R1", "120", date(2019, 6, 1)),
            record("R2", "100", date(2019, 6, 2)),
            record("R3", "100", date(2019, 7, 1), tr.CreditState.REGISTERED),
        ],
        as_of=date(2019, 6, 1),
    )
    assert period(ev, CYCLE_2016).counted == D(120)
    assert entry(ev, "R2").reason == "after_as_of"
    assert entry(ev, "R3").reason == "after_as_of"
    assert entry(ev, "R1").reason is None


# ------------------------------------------------------------------ X2: consequences


def test_x2_pending_while_2016_2020_is_open():
    # 结语 (X2): as of 2019-06-01, 2016-2020 is open with 100 < 360 and no earlier
    # cycle is measured → no result → re-registration and title evaluation pending.
    ev = evaluate([record("R1", "100", date(2017, 1, 1))], as_of=date(2019, 6, 1))
    found = decisions(ev)
    assert set(found) == X2_KINDS  # the briefing names no annual-assessment consequence
    assert {d.outcome for d in found.values()} == {tr.DecisionOutcome.PENDING}


def test_x2_ineligible_after_a_failed_cycle():
    # 结语 (X2): 2016-2020 ended with 300 verified (+ 60 only registered) = 300 < 360
    # → 不合格 → not eligible for re-registration or title evaluation.
    ev = evaluate(
        [
            record("R1", "300", date(2018, 1, 1)),
            record("R2", "60", date(2019, 1, 1), tr.CreditState.REGISTERED),
        ],
        as_of=date(2021, 3, 1),
    )
    found = decisions(ev)
    assert set(found) == X2_KINDS
    for kind, d in found.items():
        assert d.outcome is tr.DecisionOutcome.INELIGIBLE, kind
        (why,) = [f for f in d.findings if f.code == "decision.ineligible"]
        assert why.rule_id == "X2.registration"
        assert why.citation is not None
        assert (cited(why).document, cited(why).clause) == (BRIEFING, "结语")
    check_findings(ev)


def test_x2_eligible_after_a_passed_cycle():
    # 结语 (X2): 2016-2020 ended with 200 + 160 = 360 verified → 合格 → eligible.
    ev = evaluate(
        [record("R1", "200", date(2018, 1, 1)), record("R2", "160", date(2020, 5, 1))],
        as_of=date(2021, 3, 1),
    )
    found = decisions(ev)
    assert set(found) == X2_KINDS
    assert {d.outcome for d in found.values()} == {tr.DecisionOutcome.ELIGIBLE}


def test_x2_affects_variant_a_factor_not_a_bar():
    # 结语 (X2): "培训学分将直接影响其教师资格注册与职称评聘", interpretation X2.affects.
    # 2016-2020 ended with 300 < 360 verified → 不合格 (as of 2021-03-01).
    # Reading: a bar → ineligible (above). Variant jx-2019~X2.affects: a factor
    # weighed → eligible, the failed cycle reported with the briefing's clause.
    alt = evaluate(
        [record("R1", "300", date(2018, 1, 1))],
        as_of=date(2021, 3, 1),
        pol=policy.get("jx-2019~X2.affects"),
    )
    found = decisions(alt)
    assert set(found) == X2_KINDS
    for kind, d in found.items():
        assert d.outcome is tr.DecisionOutcome.ELIGIBLE, kind
        (why,) = [f for f in d.findings if f.code == "decision.considered"]
        assert (cited(why).document, cited(why).clause) == (BRIEFING, "结语")
        assert "X2.affects" in why.interpretations
    check_findings(alt)


# ------------------------------------------------------- per-category hours


@pytest.mark.parametrize("pol", [POLICY, VARIANT], ids=["verified", "reviewed-too"])
def test_per_category_hours_sum_to_the_total(pol):
    # X2: every category counts in one bucket "training" (verified credits only, X1):
    # remote 150 + school_based 100 + county 110 = 360; a reviewed 20 in "remote" counts
    # only under the variant (then 380).
    records = [
        record("R1", "150", date(2016, 9, 1), category="remote"),
        record("R2", "100", date(2017, 9, 1), category="school_based"),
        record("R3", "110", date(2019, 9, 1), category="county"),
        record("R4", "20", date(2020, 1, 1), tr.CreditState.REVIEWED, "remote"),
    ]
    ev = evaluate(records, as_of=date(2021, 1, 1), pol=pol)
    c = period(ev, CYCLE_2016)
    total = D(360) if pol is POLICY else D(380)
    by_category: dict[str, Decimal] = {}
    for r in records:
        e = entry(ev, r.id)
        by_category[r.category] = by_category.get(r.category, D(0)) + e.credited
    remote = D(150) if pol is POLICY else D(170)
    assert by_category == {"remote": remote, "school_based": D(100), "county": D(110)}
    assert sum(by_category.values()) == c.counted == total
    assert c.by_bucket == (("training", total),)
    assert c.status is tr.Status.PASSED


# ------------------------------------------------------------------ X2.round: 新一轮


def test_x2_round_the_new_round_continues_the_national_cycle_or_opens_one():
    # 开篇: "省教育厅于3月底召开了专门会议,决定实施新一轮教师专业发展全员培训" —
    # interpretation X2.round. Verified hours: 200 on 2017-05-01, 170 on 2019-10-01;
    # as of 2020-06-30.
    # Reading: the national cycle 2016-2020 continues: 200 + 170 = 370 ≥ 360 → PASSED.
    # Variant jx-2019~X2.round: a cycle opens on 2019-01-01 (2019-2023): the 2017 hours
    # are in no measured period; 170 of 360 → IN_PROGRESS, 190 missing by 2023-12-31.
    records = [record("R1", "200", date(2017, 5, 1)), record("R2", "170", date(2019, 10, 1))]
    main = evaluate(records, as_of=date(2020, 6, 30))
    assert (period(main, CYCLE_2016).status, period(main, CYCLE_2016).counted) == (
        tr.Status.PASSED,
        D(370),
    )
    variant = evaluate(records, as_of=date(2020, 6, 30), pol=policy.get("jx-2019~X2.round"))
    (only,) = variant.periods
    assert only.period == tr.Period(date(2019, 1, 1), date(2024, 1, 1))
    assert (only.status, only.counted) == (tr.Status.IN_PROGRESS, D(170))
    assert [(s.hours, s.due) for s in variant.shortfall] == [(D(190), date(2023, 12, 31))]
    assert entry(variant, "R1").reason == "outside_periods"
    (short,) = [f for f in only.findings if f.code == "hours.open"]
    assert "X2.round" in short.interpretations


def test_x2_effective_from_1_april_2019():
    # Interpretation X2.effective: the briefing is undated; in force from 2019-04-01,
    # after the provincial meeting "于3月底". find() for Jiangxi answers jx-2014 on
    # 2019-03-31 and jx-2019 on 2019-04-01.
    assert POLICY.effective_from == date(2019, 4, 1)
    assert policy.find("360000", date(2019, 3, 31)).id == "jx-2014"
    assert policy.find("360000", date(2019, 4, 1)).id == "jx-2019"
    (note,) = [n for n in POLICY.interpretations if n.id == "X2.effective"]
    assert "2019-01-01" in note.alternative or "1 January 2019" in note.alternative
