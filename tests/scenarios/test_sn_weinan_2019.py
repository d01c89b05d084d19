"""Scenarios for sn-weinan-2019: 渭教师〔2019〕6号 (Weinan Education Bureau, 2019-03-20).

W1 (五.(一)): audit of the "五年一周期360学时" task; completion is tied to 教师考核,
晋级 and 职务晋升 (annual assessment, promotion, title). Interpretation W1.cycle:
national calendar-year cycles from 2011 (2016-2020 current in 2019); variant
``sn-weinan-2019~W1.cycle``: school-year cycles from 2011-09-01 (cycle 1 is
2011-09-01 .. 2016-08-31, cycle 2 is 2016-09-01 .. 2021-08-31).
W2 (五.(二)): schools set aside 5 % of the annual public-funds budget (公用经费预算总额).
W4 (二.(三)): city, county and school provision — the text counts every level alike.
In force from 2019-03-20, so periods that ended before that day are not measured.

Every expectation below is worked out by hand from the clause named beside it.
"""

from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import check_findings, cited, decisions, entry

import trainingrules as tr
from trainingrules import policy

D = Decimal
POLICY = policy.get("sn-weinan-2019")
VARIANT = policy.get("sn-weinan-2019~W1.cycle")
DOCUMENT = "渭教师〔2019〕6号"
W1_KINDS = {"annual_assessment", "promotion", "title_appointment"}
CYCLE_2016 = tr.Period(date(2016, 1, 1), date(2021, 1, 1))
SCHOOL_CYCLE_1 = tr.Period(date(2011, 9, 1), date(2016, 9, 1))
SCHOOL_CYCLE_2 = tr.Period(date(2016, 9, 1), date(2021, 9, 1))


def teacher():
    return tr.Teacher(id="T1", birth_date=date(1980, 10, 1), sex=tr.Sex.MALE, region="610502")


def record(rid, hours, day, category="remote", level=None):
    return tr.TrainingRecord(
        id=rid, hours=D(hours), completed_on=day, category=category, provider_level=level
    )


def evaluate(records, as_of, pol=POLICY):
    return tr.evaluate(pol, teacher(), records, as_of)


def period(ev, span):
    (found,) = [p for p in ev.periods if p.scheme == "W1.cycle" and p.period == span]
    return found


# ------------------------------------------------------------------ W2: 5 % budget


@pytest.mark.parametrize(
    ("budget", "share"),
    [
        ("1000000", "50000"),  # 1 000 000 × 5 % = 50 000
        ("1200000", "60000"),  # 1 200 000 × 0.05 = 60 000
        ("1234567.89", "61728.3945"),  # 1 234 567.89 × 0.05 = 61 728.3945, not rounded
        ("0", "0"),
        ("19.99", "0.9995"),  # 19.99 × 0.05 = 0.9995
    ],
)
def test_w2_five_percent_of_the_public_funds_budget(budget, share):
    # 渭教师〔2019〕6号 五.(二) (W2): 落实年度公用经费预算总额5%安排教师培训经费.
    assert tr.school_training_budget(POLICY, D(budget)) == D(share)


def test_w2_budget_rejects_floats_and_is_unknown_to_policies_without_a_share():
    # W2 needs an exact amount: 0.1 as a float is not 0.1 → rejected (input.float).
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.school_training_budget(POLICY, 1000000.5)  # type: ignore[arg-type]  # refused
    assert caught.value.code == "input.float"
    # cn-2011 states no budget share (N1, N2 only) → policy.no_rule.
    with pytest.raises(tr.UnknownPolicyError) as missing:
        tr.school_training_budget(policy.get("cn-2011"), D(1000000))
    assert missing.value.code == "policy.no_rule"
    # The rule cites 五.(二).
    share = POLICY.rule("W2.budget")
    assert (share.citation.document, share.citation.clause) == (DOCUMENT, "五.(二)")


# ------------------------------------------------------------------ W1: the cycle


def test_w1_2016_2020_in_progress_in_2019():
    # 五.(一) (W1), interpretation W1.cycle: the current cycle in 2019 is 2016-2020.
    # 120 + 80 = 200 counted as of 2019-06-01 → IN_PROGRESS, 360 − 200 = 160 missing by
    # 2020-12-31. 2011-2015 ended before 2019-03-20 → not measured: one period only.
    ev = evaluate(
        [record("R1", "120", date(2016, 5, 1)), record("R2", "80", date(2019, 6, 1))],
        as_of=date(2019, 6, 1),
    )
    (only,) = ev.periods
    assert only.period == CYCLE_2016
    assert (only.status, only.counted) == (tr.Status.IN_PROGRESS, D(200))
    (short,) = ev.shortfall
    assert (short.rule_id, short.hours, short.due) == ("W1.hours", D(160), date(2020, 12, 31))
    assert ev.status is tr.Status.IN_PROGRESS
    check_findings(ev)


def test_w1_exactly_360_on_the_first_and_last_day_of_2016_2020():
    # 五.(一) (W1): 2016-01-01 (180) + 2020-12-31 (180) = 360 → 合格.
    # 2015-12-31 (100) belongs to 2011-2015 (not measured) → "outside_periods";
    # 2021-01-01 (40) belongs to 2021-2025 → counted there only.
    ev = evaluate(
        [
            record("R0", "100", date(2015, 12, 31)),
            record("R1", "180", date(2016, 1, 1)),
            record("R2", "180", date(2020, 12, 31)),
            record("R3", "40", date(2021, 1, 1)),
        ],
        as_of=date(2021, 1, 1),
    )
    c = period(ev, CYCLE_2016)
    assert (c.status, c.counted) == (tr.Status.PASSED, D(360))
    assert entry(ev, "R0").reason == "outside_periods"
    assert entry(ev, "R1").periods == ("W1.cycle 2016–2020",)
    assert entry(ev, "R2").periods == ("W1.cycle 2016–2020",)
    assert entry(ev, "R3").periods == ("W1.cycle 2021–2025",)
    nxt = period(ev, tr.Period(date(2021, 1, 1), date(2026, 1, 1)))
    assert (nxt.status, nxt.counted) == (tr.Status.IN_PROGRESS, D(40))
    check_findings(ev)


def test_w1_359_5_is_in_progress_then_failed_with_a_cited_finding():
    # 五.(一) (W1): 359.5 < 360. As of 2020-12-31 → IN_PROGRESS (0.5 still due that day);
    # as of 2021-01-01 → 不合格, 0.5 short, citing 渭教师〔2019〕6号 五.(一).
    records = [record("R1", "359.5", date(2018, 4, 1))]
    before = evaluate(records, as_of=date(2020, 12, 31))
    assert period(before, CYCLE_2016).status is tr.Status.IN_PROGRESS
    assert [(s.hours, s.due) for s in before.shortfall] == [(D("0.5"), date(2020, 12, 31))]
    after = evaluate(records, as_of=date(2021, 1, 1))
    c = period(after, CYCLE_2016)
    assert (c.status, c.requirements[0].missing) == (tr.Status.FAILED, D("0.5"))
    (short,) = [f for f in c.findings if f.code == "hours.short"]
    assert short.citation is not None
    assert (short.citation.document, short.citation.clause) == (DOCUMENT, "五.(一)")
    assert "W1.cycle" in short.interpretations
    assert "359.5" in short.zh
    assert "0.5" in short.en
    check_findings(before)
    check_findings(after)


def test_records_completed_after_as_of_are_excluded():
    # 五.(一) (W1): as of 2019-12-31, R2 (2020-01-01) is one day late → "after_as_of";
    # counted 300 → IN_PROGRESS with 60 missing.
    ev = evaluate(
        [record("R1", "300", date(2017, 1, 1)), record("R2", "60", date(2020, 1, 1))],
        as_of=date(2019, 12, 31),
    )
    r2 = entry(ev, "R2")
    assert (r2.counted, r2.reason, r2.credited) == (False, "after_as_of", D(0))
    assert period(ev, CYCLE_2016).counted == D(300)
    assert [s.hours for s in ev.shortfall] == [D(60)]


# ------------------------------------------------------------------ W1: consequences


def test_w1_decisions_pending_in_2019():
    # 五.(一) (W1): tied to 教师考核、晋级、职务晋升 — but in 2019 no measured cycle has
    # ended (2016-2020 is open) → every decision pending.
    ev = evaluate([record("R1", "300", date(2017, 1, 1))], as_of=date(2019, 6, 1))
    found = decisions(ev)
    assert set(found) == W1_KINDS
    assert {d.outcome for d in found.values()} == {tr.DecisionOutcome.PENDING}


def test_w1_ineligible_after_failing_and_eligible_after_passing_2016_2020():
    # 五.(一) (W1): 2016-2020 ended (as of 2021-02-01).
    # 300 < 360 → 不合格 → not eligible for assessment, promotion, title promotion.
    fail = evaluate([record("R1", "300", date(2017, 1, 1))], as_of=date(2021, 2, 1))
    found = decisions(fail)
    assert set(found) == W1_KINDS
    for kind, d in found.items():
        assert d.outcome is tr.DecisionOutcome.INELIGIBLE, kind
        (why,) = [f for f in d.findings if f.code == "decision.ineligible"]
        assert why.rule_id == "W1.linked"
        assert why.citation is not None
        assert why.citation.document == DOCUMENT
    check_findings(fail)
    # 300 + 60 = 360 → 合格 → eligible.
    ok = evaluate(
        [record("R1", "300", date(2017, 1, 1)), record("R2", "60", date(2020, 7, 1))],
        as_of=date(2021, 2, 1),
    )
    assert {d.outcome for d in ok.eligibility} == {tr.DecisionOutcome.ELIGIBLE}


def test_w1_linked_variant_a_factor_not_a_bar():
    # 五.(一) (W1): "将培训学习任务完成情况与教师考核、晋级、职务晋升挂钩", interpretation
    # W1.linked. 2016-2020 ended with 300 < 360 → 不合格 (as of 2021-02-01).
    # Reading: a bar → ineligible for all three (above).
    # Variant sn-weinan-2019~W1.linked: a factor weighed → eligible, the failure reported.
    alt = evaluate(
        [record("R1", "300", date(2017, 1, 1))],
        as_of=date(2021, 2, 1),
        pol=policy.get("sn-weinan-2019~W1.linked"),
    )
    found = decisions(alt)
    assert set(found) == W1_KINDS
    for kind, d in found.items():
        assert d.outcome is tr.DecisionOutcome.ELIGIBLE, kind
        (why,) = [f for f in d.findings if f.code == "decision.considered"]
        assert why.rule_id == "W1.linked"
        assert (cited(why).document, cited(why).clause) == (DOCUMENT, "五.(一)")
        assert "W1.linked" in why.interpretations
        assert "不构成否决" in why.zh
    check_findings(alt)


# ------------------------------------------------------- W4: levels, per category


def test_w4_every_provider_level_counts_alike_and_categories_sum_to_the_total():
    # 二.(三) (W4): city, county and school provide different training; 五.(一) counts
    # every hour alike. city 90 + county 150 + school 100 + unknown level 20 = 360 → 合格.
    records = [
        record("R1", "90", date(2016, 10, 1), "key_teacher", tr.ProviderLevel.CITY),
        record("R2", "150", date(2017, 10, 1), "full_staff", tr.ProviderLevel.COUNTY),
        record("R3", "100", date(2018, 10, 1), "school_based", tr.ProviderLevel.SCHOOL),
        record("R4", "20", date(2019, 10, 1), "full_staff"),
    ]
    ev = evaluate(records, as_of=date(2020, 12, 31))
    c = period(ev, CYCLE_2016)
    assert (c.status, c.counted) == (tr.Status.PASSED, D(360))
    assert c.by_bucket == (("training", D(360)),)
    by_category: dict[str, Decimal] = {}
    for r in records:
        by_category[r.category] = by_category.get(r.category, D(0)) + entry(ev, r.id).credited
    assert by_category == {"key_teacher": D(90), "full_staff": D(170), "school_based": D(100)}
    assert sum(by_category.values()) == c.counted


# ------------------------------------------------------- W1.cycle: school-year variant


def test_variant_school_year_cycles_place_2016_06_30_in_cycle_1():
    # W1.cycle alternative: cycle 1 = 2011-09-01 .. 2016-08-31, cycle 2 = 2016-09-01 ..
    # 2021-08-31. A record of 360 on 2016-06-30:
    # main reading: in 2016-2020 → 360 ≥ 360 → 合格 as of 2019-06-01;
    # variant: in cycle 1, which ended 2016-08-31, before the policy (2019-03-20) →
    # not measured → "outside_periods"; cycle 2 has 0 of 360 → IN_PROGRESS, due 2021-08-31.
    assert VARIANT.parent == "sn-weinan-2019"
    records = [record("R1", "360", date(2016, 6, 30))]
    main = evaluate(records, as_of=date(2019, 6, 1))
    assert period(main, CYCLE_2016).status is tr.Status.PASSED
    assert entry(main, "R1").periods == ("W1.cycle 2016–2020",)
    alt = evaluate(records, as_of=date(2019, 6, 1), pol=VARIANT)
    assert entry(alt, "R1").reason == "outside_periods"
    (only,) = alt.periods
    assert only.period == SCHOOL_CYCLE_2
    assert (only.status, only.counted) == (tr.Status.IN_PROGRESS, D(0))
    assert [(s.hours, s.due) for s in alt.shortfall] == [(D(360), date(2021, 8, 31))]


def test_variant_school_year_cycle_2_boundaries():
    # W1.cycle alternative: 2016-09-01 is the first day of cycle 2 and 2021-08-31 its
    # last; 2016-08-31 is the last day of cycle 1 (not measured).
    # 180 (2016-09-01) + 180 (2021-08-31) = 360 → 合格 as of 2021-09-01.
    ev = evaluate(
        [
            record("R0", "50", date(2016, 8, 31)),
            record("R1", "180", date(2016, 9, 1)),
            record("R2", "180", date(2021, 8, 31)),
        ],
        as_of=date(2021, 9, 1),
        pol=VARIANT,
    )
    assert entry(ev, "R0").reason == "outside_periods"
    c = period(ev, SCHOOL_CYCLE_2)
    assert (c.status, c.counted) == (tr.Status.PASSED, D(360))
    check_findings(ev)


def test_variant_gives_a_different_status_in_2021():
    # 五.(一) (W1) with W1.cycle: 300 hours on 2017-03-01, as of 2021-06-01.
    # Main reading: 2016-2020 ended on 2020-12-31 with 300 < 360 → 不合格 → ineligible.
    # Variant: cycle 2 runs to 2021-08-31 → still IN_PROGRESS (60 missing) → pending.
    records = [record("R1", "300", date(2017, 3, 1))]
    main = evaluate(records, as_of=date(2021, 6, 1))
    alt = evaluate(records, as_of=date(2021, 6, 1), pol=VARIANT)
    assert period(main, CYCLE_2016).status is tr.Status.FAILED
    assert {d.outcome for d in main.eligibility} == {tr.DecisionOutcome.INELIGIBLE}
    c = period(alt, SCHOOL_CYCLE_2)
    assert (c.status, c.counted) == (tr.Status.IN_PROGRESS, D(300))
    assert [(s.hours, s.due) for s in alt.shortfall] == [(D(60), date(2021, 8, 31))]
    assert {d.outcome for d in alt.eligibility} == {tr.DecisionOutcome.PENDING}
    check_findings(main)
    check_findings(alt)
