"""Scenarios for jx-2014: 赣教师字〔2014〕36号 (Jiangxi Department of Education, 2014-11-24).

J1 (一): the national five-year, 360-hour cycle (interpretation J1.cycle: calendar
years 2011-2015, ...) and its necessary-condition consequences.
J2 (三.1): the failures of school years 2012-2013 and 2013-2014 (the published list,
passed as ``Outcome`` inputs for scheme ``J2.school_years``) get remedial training;
"当年男满55周岁、女满53周岁以下" — interpretation J2.age: age reached in 2014
(2014 − birth year); variant ``jx-2014~J2.age``: completed years on 2014-12-15.
Interpretation J2.bound: 以下 includes the number (民法典 art. 1259), so men of 55 and
under, women of 53 and under are in scope; variant ``jx-2014~J2.bound``: strictly
under 55 / 53 (as if the text said 不满).
J3 (三.2): 国培计划 and 信息技术应用能力提升工程 credits offset full-staff remote
training (学分冲抵), interpretation J3.ratio: one hour for one hour.
J4 (三.2): remedial training in school year 2014-2015, free (免收补训费用); fees
already collected are refunded in full (全额退还) — interpretation J4.refund: the fees
paid for that remedial training (category ``remedial``, training in 2014-2015,
completed or still under way), not a remedial fee of another year.

Every expectation below is worked out by hand from the clause named beside it.
"""

import json
from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import check_findings, entry, rule_of

import trainingrules as tr
from trainingrules import policy

D = Decimal
POLICY = policy.get("jx-2014")
VARIANT_AGE = policy.get("jx-2014~J2.age")
VARIANT_BOUND = policy.get("jx-2014~J2.bound")
DOCUMENT = "赣教师字〔2014〕36号"
J1_KINDS = {"re_registration", "annual_assessment", "title_appointment"}
CYCLE_2011 = tr.Period(date(2011, 1, 1), date(2016, 1, 1))
CYCLE_2016 = tr.Period(date(2016, 1, 1), date(2021, 1, 1))
SY_2012 = date(2012, 9, 1)  # school year 2012-2013
SY_2013 = date(2013, 9, 1)  # school year 2013-2014
SCHOOL_YEAR_2014 = tr.Period(date(2014, 9, 1), date(2015, 9, 1))
REMEDIAL_RULE = "J2+J4.remedial"


def teacher(birth=date(1970, 3, 1), sex=tr.Sex.MALE):
    return tr.Teacher(id="T1", birth_date=birth, sex=sex, title=tr.Title.INTERMEDIATE)


def record(rid, hours, day, *, category="remote", programme="", fee="0", started=None):
    return tr.TrainingRecord(
        id=rid,
        hours=D(hours),
        completed_on=day,
        category=category,
        programme=programme,
        fee_paid=D(fee),
        started_on=started,
    )


def failed(start, source="2014-12-15 list"):
    return tr.Outcome(scheme="J2.school_years", start=start, passed=False, source=source)


def passed(start):
    return tr.Outcome(scheme="J2.school_years", start=start, passed=True, source="2014-12-15 list")


def evaluate(records, as_of, *, who=None, outcomes=(), pol=POLICY):
    return tr.evaluate(pol, who or teacher(), records, as_of, outcomes=outcomes)


def period(ev, span):
    (found,) = [p for p in ev.periods if p.scheme == "J1.cycle" and p.period == span]
    return found


def remedial(ev):
    (found,) = ev.remedial
    assert found.rule_id == REMEDIAL_RULE
    return found


def decisions(ev):
    """Decisions by (kind, subject): the remedial decision is per rule."""
    return {(d.kind, d.subject): d for d in ev.eligibility}


# ------------------------------------------------------------------ J3: offsets


def test_j3_guopei_and_it_capability_count_as_full_staff_remote_one_for_one():
    # 赣教师字〔2014〕36号 三.2 (J3): 国培 and IT-capability credits 实行学分冲抵;
    # interpretation J3.ratio: 1 h = 1 h.
    # full_staff_remote: guopei 120 + it_capability 50 + full_staff_remote 100 = 270;
    # training (anything else, 一): face_to_face 90. Total 270 + 90 = 360 → 合格 (J1).
    records = [
        record("R1", "120", date(2012, 5, 1), programme="guopei"),
        record("R2", "50", date(2014, 3, 1), programme="it_capability"),
        record("R3", "100", date(2013, 6, 1), programme="full_staff_remote"),
        record("R4", "90", date(2015, 3, 1), category="face_to_face"),
    ]
    ev = evaluate(records, as_of=date(2015, 12, 31))
    c = period(ev, CYCLE_2011)
    assert c.status is tr.Status.PASSED
    assert c.by_bucket == (("full_staff_remote", D(270)), ("training", D(90)))
    assert c.counted == D(360)
    expected = {
        "R1": ("J3.guopei", "full_staff_remote", D(120)),
        "R2": ("J3.it_capability", "full_staff_remote", D(50)),
        "R3": ("J1.full_staff_remote", "full_staff_remote", D(100)),
        "R4": ("J1.training", "training", D(90)),
    }
    for rid, (rule_id, bucket, credited) in expected.items():
        e = entry(ev, rid)
        assert (e.counted, e.rule_id, e.bucket, e.credited) == (True, rule_id, bucket, credited)
    # Per category: remote 120 + 50 + 100 = 270, face_to_face 90; 270 + 90 = 360.
    by_category: dict[str, Decimal] = {}
    for r in records:
        by_category[r.category] = by_category.get(r.category, D(0)) + entry(ev, r.id).credited
    assert by_category == {"remote": D(270), "face_to_face": D(90)}
    assert sum(by_category.values()) == c.counted
    # The offset's reason cites 三.2 and names the ratio reading.
    offset = entry(ev, "R1").finding
    assert offset.citation is not None
    assert (offset.citation.document, offset.citation.clause) == (DOCUMENT, "三.2")
    assert "J3.ratio" in offset.interpretations
    check_findings(ev)


def test_j3_offsets_alone_can_meet_the_cycle():
    # 三.2 (J3) with 一 (J1): guopei 200 + it_capability 160 = 360, all counted as
    # full_staff_remote at ratio 1 → 360 ≥ 360 → 合格.
    ev = evaluate(
        [
            record("R1", "200", date(2013, 1, 10), programme="guopei"),
            record("R2", "160", date(2014, 12, 1), programme="it_capability"),
        ],
        as_of=date(2016, 1, 1),
    )
    c = period(ev, CYCLE_2011)
    assert (c.status, c.by_bucket) == (tr.Status.PASSED, (("full_staff_remote", D(360)),))


# ------------------------------------------------------- J1: 360 hours, boundaries


def test_first_and_last_day_of_2011_2015_count_exactly_360():
    # 一 (J1), interpretation J1.cycle: 2011-01-01 .. 2015-12-31 inclusive.
    # R1 2011-01-01 (180) + R2 2015-12-31 (180) = 360 → 合格; R3 on 2016-01-01 (40)
    # belongs to 2016-2020 only: 40 of 360 there, 320 missing by 2020-12-31.
    ev = evaluate(
        [
            record("R1", "180", date(2011, 1, 1), programme="full_staff_remote"),
            record("R2", "180", date(2015, 12, 31)),
            record("R3", "40", date(2016, 1, 1), programme="guopei"),
        ],
        as_of=date(2016, 1, 1),
    )
    assert (period(ev, CYCLE_2011).status, period(ev, CYCLE_2011).counted) == (
        tr.Status.PASSED,
        D(360),
    )
    later = period(ev, CYCLE_2016)
    assert (later.status, later.counted) == (tr.Status.IN_PROGRESS, D(40))
    assert [(s.hours, s.due) for s in ev.shortfall] == [(D(320), date(2020, 12, 31))]
    assert entry(ev, "R1").periods == ("J1.cycle 2011–2015",)
    assert entry(ev, "R2").periods == ("J1.cycle 2011–2015",)
    assert entry(ev, "R3").periods == ("J1.cycle 2016–2020",)
    check_findings(ev)


def test_359_5_is_in_progress_on_2015_12_31_and_failed_on_2016_01_01():
    # 一 (J1): guopei 179.5 (2011-01-01) + 180 (2015-12-31) = 359.5 < 360.
    # On 2015-12-31 the cycle is open → IN_PROGRESS with 0.5 missing by 2015-12-31;
    # on 2016-01-01 it has ended → 不合格, 0.5 short. A 0.5 on 2016-01-01 does not help.
    records = [
        record("R1", "179.5", date(2011, 1, 1), programme="guopei"),
        record("R2", "180", date(2015, 12, 31)),
        record("R3", "0.5", date(2016, 1, 1)),
    ]
    before = evaluate(records, as_of=date(2015, 12, 31))
    assert period(before, CYCLE_2011).status is tr.Status.IN_PROGRESS
    assert [(s.hours, s.due) for s in before.shortfall] == [(D("0.5"), date(2015, 12, 31))]
    assert entry(before, "R3").reason == "after_as_of"

    after = evaluate(records, as_of=date(2016, 1, 1))
    c = period(after, CYCLE_2011)
    assert (c.status, c.counted) == (tr.Status.FAILED, D("359.5"))
    assert c.requirements[0].missing == D("0.5")
    (short,) = [f for f in c.findings if f.code == "hours.short"]
    assert short.citation is not None
    assert (short.citation.document, short.citation.clause) == (DOCUMENT, "一")
    assert "359.5" in short.zh
    assert "0.5" in short.en
    check_findings(before)
    check_findings(after)


def test_records_completed_after_as_of_are_excluded():
    # 一 (J1) counts what is completed by the evaluation date. As of 2015-06-30:
    # R1 guopei 300 (2014-01-01) counts; R2 guopei 60 (2015-07-01) → "after_as_of".
    # 300 < 360 → IN_PROGRESS, 60 missing.
    ev = evaluate(
        [
            record("R1", "300", date(2014, 1, 1), programme="guopei"),
            record("R2", "60", date(2015, 7, 1), programme="guopei"),
        ],
        as_of=date(2015, 6, 30),
    )
    r2 = entry(ev, "R2")
    assert (r2.counted, r2.reason, r2.credited, r2.bucket) == (False, "after_as_of", D(0), None)
    c = period(ev, CYCLE_2011)
    assert (c.status, c.counted) == (tr.Status.IN_PROGRESS, D(300))
    assert [s.hours for s in ev.shortfall] == [D(60)]


def test_a_failed_cycle_names_the_cycle_interpretation():
    # Finding.interpretations lists "the interpretations the rule depends on"; whether
    # 2011-2015 failed depends on interpretation J1.cycle (calendar-year cycles), so
    # the hours finding must name it (as jx-2019's X2.hours names X2.cycle).
    ev = evaluate([record("R1", "100", date(2012, 1, 1))], as_of=date(2016, 1, 1))
    (short,) = [f for f in period(ev, CYCLE_2011).findings if f.code == "hours.short"]
    assert "J1.cycle" in short.interpretations


# ------------------------------------------------------------------ J1: consequences


def test_j1_pending_before_the_cycle_has_a_result():
    # 一 (J1, N2): as of 2015-06-30, 2011-2015 is open (200 < 360) → no result yet.
    ev = evaluate([record("R1", "200", date(2013, 1, 1))], as_of=date(2015, 6, 30))
    found = {kind: d for (kind, _), d in decisions(ev).items()}
    assert set(found) == J1_KINDS
    assert {d.outcome for d in found.values()} == {tr.DecisionOutcome.PENDING}


def test_j1_ineligible_after_a_failed_cycle_and_eligible_after_a_passed_one():
    # 一 (J1): 培训学分(学时) are 必备条件 of re-registration, 教师考核 and 职务聘任.
    # Failed: 359.5 < 360 in 2011-2015, as of 2016-02-01 → ineligible for all three.
    fail = evaluate([record("R1", "359.5", date(2014, 1, 1))], as_of=date(2016, 2, 1))
    found = {kind: d for (kind, _), d in decisions(fail).items()}
    assert set(found) == J1_KINDS
    for kind, d in found.items():
        assert d.outcome is tr.DecisionOutcome.INELIGIBLE, kind
        (why,) = [f for f in d.findings if f.code == "decision.ineligible"]
        assert why.rule_id == "J1.necessary_condition"
        assert why.citation is not None
        assert why.citation.document == DOCUMENT
    # Passed: 360 ≥ 360 → eligible for all three.
    ok = evaluate([record("R1", "360", date(2014, 1, 1))], as_of=date(2016, 2, 1))
    outcomes = {d.outcome for (kind, _), d in decisions(ok).items() if kind in J1_KINDS}
    assert outcomes == {tr.DecisionOutcome.ELIGIBLE}
    check_findings(fail)


def test_j1_lasts_variant_bars_only_the_year_after_the_failed_cycle():
    # 一 (J1): "作为教师资格再注册、教师考核和职务聘任的必备条件", interpretation J1.lasts.
    # 359.5 < 360 in 2011-2015 → 不合格. As of 2018-03-01 (2016-2020 open):
    # reading: ineligible until a later cycle is passed; variant jx-2014~J1.lasts: the
    # bar was for 2016 and ended on 2016-12-31 → eligible, the expiry reported.
    records = [record("R1", "359.5", date(2014, 1, 1))]
    main = evaluate(records, as_of=date(2018, 3, 1))
    alt = evaluate(records, as_of=date(2018, 3, 1), pol=policy.get("jx-2014~J1.lasts"))
    main_found = {kind: d for (kind, _), d in decisions(main).items()}
    alt_found = {kind: d for (kind, _), d in decisions(alt).items()}
    assert {main_found[k].outcome for k in J1_KINDS} == {tr.DecisionOutcome.INELIGIBLE}
    assert {alt_found[k].outcome for k in J1_KINDS} == {tr.DecisionOutcome.ELIGIBLE}
    for kind in J1_KINDS:
        (expired,) = [f for f in alt_found[kind].findings if f.code == "decision.expired"]
        assert expired.citation.document == DOCUMENT
        assert "ended on 2016-12-31" in expired.en


# ------------------------------------------------------- J2 / J4: remedial training


def test_j2_j4_failed_2012_2013_means_free_remedial_in_2014_2015_with_full_refund():
    # 三.1 (J2): 2012-2013 is on the list of failures; a man born 1970 is 2014 − 1970
    # = 44 < 55 → in scope. 三.2 (J4): remedial in school year 2014-2015, 免收补训费用;
    # fees already collected 全额退还: remedial fees 50 + 30.5 = 80.5 yuan.
    # The 100 yuan paid for a guopei course is not a remedial fee → not refunded.
    records = [
        record("F1", "10", date(2014, 10, 1), category="remedial", fee="50"),
        record("F2", "8", date(2014, 12, 1), category="remedial", fee="30.5"),
        record("G1", "50", date(2013, 5, 1), programme="guopei", fee="100"),
    ]
    ev = evaluate(records, as_of=date(2015, 1, 10), outcomes=[failed(SY_2012)])
    r = remedial(ev)
    assert (r.required, r.in_scope) == (True, True)
    assert r.failed_periods == ("2012–2013",)
    assert r.runs_in == SCHOOL_YEAR_2014
    assert r.payer is tr.policy.Payer.FREE
    assert r.refund_due == D("80.5")
    codes = [f.code for f in r.findings]
    assert "outcome.failed" in codes
    assert "remedial.required" in codes
    assert "remedial.refund" in codes
    (required,) = [f for f in r.findings if f.code == "remedial.required"]
    assert "免收" in required.zh
    assert "2014–2015" in required.zh
    assert "free of charge" in required.en
    (refund,) = [f for f in r.findings if f.code == "remedial.refund"]
    assert "80.5" in refund.zh
    assert "80.5" in refund.en
    (listed,) = [f for f in r.findings if f.code == "outcome.failed"]
    assert "2014-12-15 list" in listed.en
    for f in r.findings:
        assert f.citation is not None
        assert f.citation.document == DOCUMENT
    d = decisions(ev)[("remedial", REMEDIAL_RULE)]
    assert d.outcome is tr.DecisionOutcome.ELIGIBLE
    # The same, as JSON-safe data (decimals as exact strings).
    data = json.loads(json.dumps(ev.to_dict(), ensure_ascii=False))
    (encoded,) = data["remedial"]
    assert encoded["refund_due"] == "80.5"
    assert encoded["payer"] == "free"
    assert encoded["failed_periods"] == ["2012–2013"]
    check_findings(ev)


def test_j2_both_school_years_failed_are_both_listed():
    # 三.1 (J2): failures of 2012-2013 and 2013-2014 → both trigger; woman born 1975:
    # 2014 − 1975 = 39 < 53 → in scope. No remedial fee paid → refund 0.
    ev = evaluate(
        [],
        as_of=date(2015, 1, 10),
        who=teacher(date(1975, 7, 7), tr.Sex.FEMALE),
        outcomes=[failed(SY_2013), failed(SY_2012)],
    )
    r = remedial(ev)
    assert (r.required, r.in_scope) == (True, True)
    assert r.failed_periods == ("2012–2013", "2013–2014")
    assert r.refund_due == D(0)
    check_findings(ev)


def test_j2_no_remedial_without_a_listed_failure():
    # 三.1 (J2): only teachers on the list of failures are remedial trainees.
    # Passed both years, or no recorded result at all → no remedial training.
    for outcomes in ([passed(SY_2012), passed(SY_2013)], []):
        ev = evaluate([], as_of=date(2015, 1, 10), outcomes=outcomes)
        r = remedial(ev)
        assert (r.required, r.failed_periods, r.refund_due) == (False, (), D(0))
        assert [f.code for f in r.findings] == ["remedial.not_required"]
        assert ("remedial", REMEDIAL_RULE) not in decisions(ev)
    # 2012-2013 passed, 2013-2014 failed → only 2013-2014 triggers.
    ev = evaluate([], as_of=date(2015, 1, 10), outcomes=[passed(SY_2012), failed(SY_2013)])
    assert remedial(ev).failed_periods == ("2013–2014",)


@pytest.mark.parametrize(
    "start",
    [
        date(2014, 9, 1),  # 2014-2015 is when remedial runs, not a listed year (三.1)
        date(2011, 9, 1),  # before the two listed years
        date(2012, 10, 1),  # not the first day of a school year
    ],
)
def test_j2_outcomes_only_for_the_two_listed_school_years(start):
    # 三.1 (J2): the list covers 2012-2013 and 2013-2014 only (scheme J2.school_years,
    # two school years from 2012-09-01); any other start is an input error.
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate([], as_of=date(2015, 1, 10), outcomes=[failed(start)])
    assert caught.value.code == "input.period"
    assert caught.value.path == "outcomes[0].start"


# ------------------------------------------------------- J2: the age limit


@pytest.mark.parametrize(
    ("sex", "birth", "age_2014", "in_scope"),
    [
        # 三.1 (J2): "当年男满55周岁、女满53周岁以下"; interpretation J2.age: age reached
        # in 2014 = 2014 − birth year; interpretation J2.bound: 以下 includes the number
        # (民法典 art. 1259), so 55 (men) and 53 (women) are in scope.
        (tr.Sex.MALE, date(1958, 1, 1), 56, False),  # 2014 − 1958 = 56 > 55
        (tr.Sex.MALE, date(1958, 12, 31), 56, False),  # reaches 56 on 2014-12-31
        (tr.Sex.MALE, date(1959, 1, 1), 55, True),  # 2014 − 1959 = 55 ≤ 55 (以下 includes 55)
        (tr.Sex.MALE, date(1959, 12, 31), 55, True),  # reaches 55 on 2014-12-31
        (tr.Sex.MALE, date(1960, 1, 1), 54, True),  # 2014 − 1960 = 54 ≤ 55
        (tr.Sex.FEMALE, date(1960, 12, 31), 54, False),  # 2014 − 1960 = 54 > 53
        (tr.Sex.FEMALE, date(1961, 1, 1), 53, True),  # 2014 − 1961 = 53 ≤ 53
        (tr.Sex.FEMALE, date(1961, 12, 31), 53, True),
        (tr.Sex.FEMALE, date(1962, 1, 1), 52, True),  # 2014 − 1962 = 52 ≤ 53
        (tr.Sex.FEMALE, date(1959, 6, 1), 55, False),  # a woman of 55 is out: 55 > 53
    ],
)
def test_j2_age_limit_in_2014(sex, birth, age_2014, in_scope):
    ev = evaluate(
        [record("F1", "10", date(2014, 11, 1), category="remedial", fee="40")],
        as_of=date(2015, 1, 10),
        who=teacher(birth, sex),
        outcomes=[failed(SY_2012)],
    )
    r = remedial(ev)
    # Out-of-scope teachers are reported, not dropped: the failed year stays listed.
    assert r.failed_periods == ("2012–2013",)
    assert (r.in_scope, r.required) == (in_scope, in_scope)
    d = decisions(ev)[("remedial", REMEDIAL_RULE)]
    expected = tr.DecisionOutcome.ELIGIBLE if in_scope else tr.DecisionOutcome.INELIGIBLE
    assert d.outcome is expected
    if in_scope:
        assert r.refund_due == D(40)  # 三.2 (J4): the 40 yuan remedial fee, in full
    else:
        (why,) = [f for f in r.findings if f.code == "remedial.out_of_scope"]
        assert why.rule_id == REMEDIAL_RULE
        assert why.citation is not None
        assert why.citation.document == DOCUMENT
        assert "J2.age" in why.interpretations
        assert "J2.bound" in why.interpretations
        assert f"2014年满{age_2014}周岁" in why.zh
        assert f"aged {age_2014} in 2014" in why.en
        # The scope is stated as the text reads, the limit itself included.
        limit = 55 if sex is tr.Sex.MALE else 53
        who = ("男", "men") if sex is tr.Sex.MALE else ("女", "women")
        assert f"补训对象为{who[0]}{limit}周岁以下（含{limit}周岁）的教师" in why.zh
        assert f"({who[1]} aged {limit} or under)" in why.en
    check_findings(ev)


@pytest.mark.parametrize(
    ("sex", "birth", "main_in_scope", "variant_in_scope"),
    [
        # Main reading: 2014 − birth year; variant: completed years on 2014-12-15; both
        # 55 (men) / 53 (women) or under (J2.bound).
        # 1958-12-20: 56 in 2014 → out; on 2014-12-15 the birthday is 5 days away:
        # 2014 − 1958 − 1 = 55 ≤ 55 → in.
        (tr.Sex.MALE, date(1958, 12, 20), False, True),
        # 1958-12-16: variant 55 (birthday the day after) → in.
        (tr.Sex.MALE, date(1958, 12, 16), False, True),
        # 1958-12-15: the birthday is the reference day → 56 completed → out in both.
        (tr.Sex.MALE, date(1958, 12, 15), False, False),
        # 1958-06-01: 56 both ways → out in both.
        (tr.Sex.MALE, date(1958, 6, 1), False, False),
        # 1959-12-31: 55 in 2014; 54 completed on 2014-12-15 → in both.
        (tr.Sex.MALE, date(1959, 12, 31), True, True),
        # Women: 1960-12-16 → 54 in 2014 (out); 53 on 2014-12-15 (in).
        (tr.Sex.FEMALE, date(1960, 12, 16), False, True),
        # 1960-12-15 → 54 both ways → out in both.
        (tr.Sex.FEMALE, date(1960, 12, 15), False, False),
    ],
)
def test_j2_age_variant_completed_years_on_2014_12_15(sex, birth, main_in_scope, variant_in_scope):
    # 三.1 (J2): "当年男满55周岁、女满53周岁以下", interpretation J2.age and its variant.
    assert VARIANT_AGE.id == "jx-2014~J2.age"
    assert VARIANT_AGE.parent == "jx-2014"
    who = teacher(birth, sex)
    main = remedial(evaluate([], as_of=date(2015, 1, 10), who=who, outcomes=[failed(SY_2013)]))
    variant = remedial(
        evaluate([], as_of=date(2015, 1, 10), who=who, outcomes=[failed(SY_2013)], pol=VARIANT_AGE)
    )
    assert main.in_scope is main_in_scope
    assert variant.in_scope is variant_in_scope
    assert main.failed_periods == variant.failed_periods == ("2013–2014",)


def test_variant_age_changes_only_the_age_method():
    # The variant of J2.age keeps everything else of 三.1/三.2: the remedial still runs
    # in 2014-2015, free, with refunds; the J1 cycle is unchanged (360 hours).
    # Man born 1958-12-20, failed 2012-2013, paid 25 yuan remedial fee → in scope under
    # the variant (55 on 2014-12-15, 以下 includes 55) → refund 25.
    ev = evaluate(
        [record("F1", "12", date(2014, 12, 1), category="remedial", fee="25")],
        as_of=date(2015, 1, 10),
        who=teacher(date(1958, 12, 20)),
        outcomes=[failed(SY_2012)],
        pol=VARIANT_AGE,
    )
    r = remedial(ev)
    assert (r.required, r.in_scope, r.runs_in, r.payer, r.refund_due) == (
        True,
        True,
        SCHOOL_YEAR_2014,
        tr.policy.Payer.FREE,
        D(25),
    )
    c = period(ev, CYCLE_2011)
    assert c.requirements[0].required == D(360)
    assert c.counted == D(12)


def test_j4_fees_already_paid_are_refunded_even_outside_the_age_limit():
    # 赣教师字〔2014〕36号 三.2 (J4): "已经收取和上缴教师补训费用的，要全额退还教师" names
    # no exception. A man born 1958 is 2014 - 1958 = 56 in 2014: outside the remedial
    # scope (三.1, J2: 55 and under), yet the 40 yuan he paid for the remedial training
    # of 2014-2015 is refunded in full.
    paid = record("B1", "20", date(2014, 10, 9), category="remedial", fee="40")
    ev = evaluate(
        [paid], date(2014, 12, 31), who=teacher(date(1958, 6, 1)), outcomes=[failed(SY_2012)]
    )
    result = remedial(ev)
    assert (result.required, result.in_scope) == (False, False)
    assert result.refund_due == D(40)
    assert [f.code for f in result.findings][-2:] == ["remedial.out_of_scope", "remedial.refund"]


# ------------------------------------------------------- J2.bound: 以下 includes the limit


@pytest.mark.parametrize(
    ("sex", "birth", "main_in_scope", "strict_in_scope"),
    [
        # 三.1 (J2): "当年男满55周岁、女满53周岁以下". Reading J2.bound: 以下 includes the
        # number (民法典 art. 1259): 55 ≤ 55 → in. Variant jx-2014~J2.bound: strictly
        # under (不满55周岁): 55 < 55 is false → out. Ages: 2014 − birth year (J2.age).
        (tr.Sex.MALE, date(1959, 1, 1), True, False),  # 55: only the bound differs
        (tr.Sex.MALE, date(1959, 12, 31), True, False),  # 55 on the last day of 2014
        (tr.Sex.MALE, date(1960, 1, 1), True, True),  # 54: in under both readings
        (tr.Sex.MALE, date(1958, 12, 31), False, False),  # 56: out under both
        (tr.Sex.FEMALE, date(1961, 6, 1), True, False),  # 53: only the bound differs
        (tr.Sex.FEMALE, date(1962, 1, 1), True, True),  # 52
        (tr.Sex.FEMALE, date(1960, 12, 31), False, False),  # 54
    ],
)
def test_j2_bound_inclusive_reading_and_strict_variant(sex, birth, main_in_scope, strict_in_scope):
    assert (VARIANT_BOUND.id, VARIANT_BOUND.parent) == ("jx-2014~J2.bound", "jx-2014")
    who = teacher(birth, sex)
    main = remedial(evaluate([], as_of=date(2015, 1, 10), who=who, outcomes=[failed(SY_2012)]))
    strict = remedial(
        evaluate(
            [], as_of=date(2015, 1, 10), who=who, outcomes=[failed(SY_2012)], pol=VARIANT_BOUND
        )
    )
    assert (main.in_scope, main.required) == (main_in_scope, main_in_scope)
    assert (strict.in_scope, strict.required) == (strict_in_scope, strict_in_scope)


def test_j2_out_of_scope_message_states_the_bound_of_each_reading():
    # 三.1 (J2). The finding must not read "满55周岁，不在补训范围（男55周岁以下）", which
    # contradicts itself under the inclusive reading. A man aged 56 in 2014 (born
    # 1958) is out under the reading; one aged 55 (born 1959) under the strict variant.
    older = teacher(date(1958, 3, 1))
    (why,) = [
        f
        for f in remedial(
            evaluate([], as_of=date(2015, 1, 10), who=older, outcomes=[failed(SY_2013)])
        ).findings
        if f.code == "remedial.out_of_scope"
    ]
    assert why.zh == (
        "2013–2014学年培训不合格，但2014年满56周岁，不在补训范围（补训对象为男55周岁以下"
        "（含55周岁）的教师）"
    )
    assert why.en == (
        "failed school year 2013–2014, but aged 56 in 2014: outside the remedial scope "
        "(men aged 55 or under)"
    )
    fifty_five = teacher(date(1959, 3, 1))
    (strict,) = [
        f
        for f in remedial(
            evaluate(
                [],
                as_of=date(2015, 1, 10),
                who=fifty_five,
                outcomes=[failed(SY_2013)],
                pol=VARIANT_BOUND,
            )
        ).findings
        if f.code == "remedial.out_of_scope"
    ]
    assert "2014年满55周岁，不在补训范围（补训对象为男不满55周岁的教师）" in strict.zh
    assert "aged 55 in 2014: outside the remedial scope (men under 55)" in strict.en
    assert "J2.bound" in strict.interpretations


# ------------------------------------------------------- J4: which fees are refunded


def refund_of(records, as_of, who=None):
    return remedial(evaluate(records, as_of=as_of, who=who, outcomes=[failed(SY_2012)])).refund_due


def test_j4_fee_for_remedial_training_still_under_way_is_refunded():
    # 三.2 (J4): "统一安排在2014~2015学年度补训，免收补训费用。已经收取和上缴教师补训费用的，
    # 要全额退还教师"; interpretation J4.refund. The remedial course began on
    # 2014-11-03 and ends on 2015-05-30; on 2015-01-10 it is under way. Its 60 yuan fee
    # was paid for the 2014-2015 remedial training → refunded in full, 60.
    # (Before J4.refund the fee was refunded only once the record was completed.)
    course = record(
        "U1", "40", date(2015, 5, 30), category="remedial", fee="60", started=date(2014, 11, 3)
    )
    ev = evaluate([course], as_of=date(2015, 1, 10), outcomes=[failed(SY_2012)])
    r = remedial(ev)
    assert r.refund_due == D(60)
    # The hours are not counted yet (completed after the evaluation date).
    assert entry(ev, "U1").reason == "after_as_of"
    (refund,) = [f for f in r.findings if f.code == "remedial.refund"]
    assert refund.zh == "已缴纳的补训（2014–2015学年）费用60元，应全额退还"
    assert refund.en == (
        "fees already paid for remedial training in school year 2014–2015, 60 yuan, must be "
        "refunded in full"
    )
    assert "J4.refund" in refund.interpretations


def test_j4_a_remedial_fee_of_another_year_is_not_refunded():
    # 三.2 (J4), interpretation J4.refund: the refund is of the fees for the remedial
    # training of 2014-2015 (统一安排在2014~2015学年度补训). A remedial course of 2018
    # (fee 100) is other training: not refunded. As of 2018-12-31: refund = 50 (the
    # 2014-2015 course), not 50 + 100 = 150. (Before J4.refund: 150.)
    records = [
        record("B1", "20", date(2015, 3, 1), category="remedial", fee="50"),
        record("L1", "20", date(2018, 6, 1), category="remedial", fee="100"),
    ]
    assert refund_of(records, date(2018, 12, 31)) == D(50)
    assert refund_of(records[1:], date(2018, 12, 31)) == D(0)


@pytest.mark.parametrize(
    ("started", "completed", "refunded"),
    [
        # School year 2014-2015 runs from 2014-09-01 to 2015-08-31 (三.2).
        (None, date(2014, 8, 31), False),  # the day before 2014-2015: not its training
        (None, date(2014, 9, 1), True),  # its first day
        (None, date(2015, 8, 31), True),  # its last day
        (None, date(2015, 9, 1), False),  # the day after
        (date(2014, 8, 20), date(2014, 9, 5), True),  # began before, ended inside
        (date(2015, 8, 31), date(2015, 10, 1), True),  # began on its last day
        (date(2015, 9, 1), date(2015, 10, 1), False),  # began after it
    ],
)
def test_j4_refund_boundaries_of_the_2014_2015_school_year(started, completed, refunded):
    # 三.2 (J4), interpretation J4.refund: a record's training lies in 2014-2015 when it
    # ends on or after 2014-09-01 and begins (started_on, else its completion day) by
    # 2015-08-31. Evaluated on 2015-12-31, when every one of these has begun.
    fee = record("B1", "10", completed, category="remedial", fee="35", started=started)
    assert refund_of([fee], date(2015, 12, 31)) == (D(35) if refunded else D(0))


def test_j4_a_fee_for_training_not_begun_by_the_evaluation_date_is_not_refunded_yet():
    # 三.2 (J4): "已经收取" — collected already. A remedial course of 2014-2015 that begins
    # on 2015-03-02 has not begun on 2015-01-10: nothing is refunded as of that day;
    # as of 2015-03-02 its 45 yuan are.
    later = record(
        "B2", "10", date(2015, 4, 30), category="remedial", fee="45", started=date(2015, 3, 2)
    )
    assert refund_of([later], date(2015, 1, 10)) == D(0)
    assert refund_of([later], date(2015, 3, 2)) == D(45)


def test_policy_data_without_the_bound_reads_as_before():
    # AgeLimit.inclusive is new; policy data written before it (no "inclusive" key)
    # keeps the reading it was written with: strictly under the limit. The catalogue
    # states it: "inclusive": true (三.1, 以下, interpretation J2.bound).
    data = policy.to_dict(POLICY)
    (encoded,) = [r for r in data["rules"] if r["id"] == REMEDIAL_RULE]
    assert encoded["age_limit"]["inclusive"] is True
    del encoded["age_limit"]["inclusive"]
    legacy = rule_of(policy.from_dict(data), REMEDIAL_RULE, policy.RemedialRule).age_limit
    assert legacy is not None
    assert legacy.inclusive is False
    assert not legacy.admits(tr.Sex.MALE, 55)
