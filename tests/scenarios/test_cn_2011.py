"""Scenarios for cn-2011: 教师〔2011〕1号 as quoted in 赣教师字〔2014〕36号 一 (N1, N2).

N1: "对教师进行五年一周期的每人不少于360学时的全员培训" — 360 hours per five-year cycle;
interpretation N1.cycle: calendar-year cycles 2011-2015, 2016-2020, ...
N2: completing the hours is a necessary condition (必备条件) for re-registration
(教师资格再注册), the annual assessment (教师考核) and title appointment (职务聘任).

Every expectation below is worked out by hand from the clause named beside it.
"""

import json
from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import check_findings, decisions, entry

import trainingrules as tr
from trainingrules import policy

D = Decimal
POLICY = policy.get("cn-2011")
DOCUMENT = "教师〔2011〕1号"
N2_KINDS = {
    tr.DecisionKind.RE_REGISTRATION,
    tr.DecisionKind.ANNUAL_ASSESSMENT,
    tr.DecisionKind.TITLE_APPOINTMENT,
}
CYCLE_2011 = tr.Period(date(2011, 1, 1), date(2016, 1, 1))
CYCLE_2016 = tr.Period(date(2016, 1, 1), date(2021, 1, 1))


def teacher():
    return tr.Teacher(id="T1", birth_date=date(1975, 5, 4), sex=tr.Sex.FEMALE)


def record(rid, hours, day, category="remote"):
    return tr.TrainingRecord(id=rid, hours=D(hours), completed_on=day, category=category)


def evaluate(records, as_of, pol=POLICY):
    return tr.evaluate(pol, teacher(), records, as_of)


def period(ev, span):
    (found,) = [p for p in ev.periods if p.scheme == "N1.cycle" and p.period == span]
    return found


# ------------------------------------------------------------------ N1: 360 hours


def test_exactly_360_hours_passes_on_the_last_day_of_the_cycle():
    # 教师〔2011〕1号 (quoted in 赣教师字〔2014〕36号 一), N1: 不少于360学时.
    # 200 + 160 = 360 ≥ 360 → 合格, even before the cycle ends (as of 2015-12-31).
    ev = evaluate(
        [record("R1", "200", date(2012, 3, 1)), record("R2", "160", date(2014, 6, 1))],
        as_of=date(2015, 12, 31),
    )
    c = period(ev, CYCLE_2011)
    assert c.status is tr.Status.PASSED
    assert c.counted == D(360)
    (req,) = c.requirements
    assert (req.rule_id, req.required, req.counted, req.met, req.missing) == (
        "N1.hours",
        D(360),
        D(360),
        True,
        D(0),
    )
    assert c.shortfall == ()
    assert ev.status is tr.Status.PASSED  # the only measured period on 2015-12-31
    check_findings(ev)


def test_359_5_hours_is_in_progress_on_the_last_day():
    # N1: 359 + 0.5 = 359.5 < 360; on 2015-12-31 the cycle is still open → IN_PROGRESS,
    # 360 − 359.5 = 0.5 still missing, due on the cycle's last day 2015-12-31.
    ev = evaluate(
        [record("R1", "359", date(2011, 4, 1)), record("R2", "0.5", date(2015, 12, 31))],
        as_of=date(2015, 12, 31),
    )
    c = period(ev, CYCLE_2011)
    assert c.status is tr.Status.IN_PROGRESS
    assert c.counted == D("359.5")
    (short,) = ev.shortfall
    assert (short.rule_id, short.hours, short.due) == ("N1.hours", D("0.5"), date(2015, 12, 31))
    check_findings(ev)


def test_359_5_hours_fails_once_the_cycle_has_ended():
    # N1: the same 359.5 hours, as of 2016-01-01 (first day after 2011-2015) → 不合格.
    # The shortfall is 360 − 359.5 = 0.5 hours.
    ev = evaluate(
        [record("R1", "359", date(2011, 4, 1)), record("R2", "0.5", date(2015, 12, 31))],
        as_of=date(2016, 1, 1),
    )
    c = period(ev, CYCLE_2011)
    assert c.status is tr.Status.FAILED
    assert c.counted == D("359.5")
    (req,) = c.requirements
    assert (req.met, req.missing) == (False, D("0.5"))
    assert ev.status is tr.Status.FAILED
    # The reason cites N1 in the national document, in both languages.
    (short,) = [f for f in c.findings if f.code == "hours.short"]
    assert short.rule_id == "N1.hours"
    assert short.citation is not None
    assert short.citation.document == DOCUMENT
    assert "359.5" in short.zh
    assert "360" in short.zh
    assert "359.5" in short.en
    assert "0.5" in short.en
    # As JSON-safe data: statuses by value, hours as exact decimal strings.
    data = json.loads(json.dumps(ev.to_dict(), ensure_ascii=False))
    assert data["status"] == "failed"
    assert data["periods"][0]["status"] == "failed"
    assert data["periods"][0]["counted"] == "359.5"
    check_findings(ev)


@pytest.mark.parametrize(
    ("hours", "status"),
    [
        ("360.0", tr.Status.PASSED),  # 360.0 = 360 → met
        ("360.00", tr.Status.PASSED),
        ("359.99", tr.Status.FAILED),  # 0.01 short
        ("359.999999", tr.Status.FAILED),  # exact decimals: 0.000001 short is short
        ("360.5", tr.Status.PASSED),
    ],
)
def test_exact_decimal_comparison_with_360(hours, status):
    # N1: 不少于360学时, compared exactly (no float rounding), as of 2016-01-01.
    ev = evaluate([record("R1", hours, date(2014, 1, 1))], as_of=date(2016, 1, 1))
    c = period(ev, CYCLE_2011)
    assert c.status is status
    assert c.counted == D(hours)
    assert c.requirements[0].missing == max(D(360) - D(hours), D(0))


def test_a_failed_cycle_names_the_cycle_interpretation():
    # Finding.interpretations: "ids of the interpretations the rule depends on".
    # Whether 2011-2015 failed depends on which years the cycle covers, i.e. on the
    # interpretation N1.cycle (calendar years from 2011, not school years from
    # 2011-09-01), so the hours finding must name it, as jx-2019's X2.hours finding
    # names X2.cycle.
    ev = evaluate([record("R1", "359.5", date(2013, 1, 1))], as_of=date(2016, 1, 1))
    (short,) = [f for f in period(ev, CYCLE_2011).findings if f.code == "hours.short"]
    assert "N1.cycle" in short.interpretations


# ---------------------------------------------------- first and last day of a cycle


def test_first_and_last_day_of_2011_2015_count_and_2016_01_01_does_not():
    # N1.cycle (interpretation): cycle 2011-2015 runs 2011-01-01 .. 2015-12-31 inclusive.
    # R1 2011-01-01 (180) + R2 2015-12-31 (180) = 360 in 2011-2015 → 合格.
    # R3 2016-01-01 (100) is the first day of 2016-2020 and only counts there.
    # R0 2010-12-31 (50) lies before the first cycle → excluded, "outside_periods".
    ev = evaluate(
        [
            record("R0", "50", date(2010, 12, 31)),
            record("R1", "180", date(2011, 1, 1)),
            record("R2", "180", date(2015, 12, 31)),
            record("R3", "100", date(2016, 1, 1)),
        ],
        as_of=date(2016, 6, 30),
    )
    first = period(ev, CYCLE_2011)
    second = period(ev, CYCLE_2016)
    assert (first.status, first.counted) == (tr.Status.PASSED, D(360))
    # 2016-2020: 100 of 360, open until 2020-12-31 → IN_PROGRESS, 260 missing.
    assert (second.status, second.counted) == (tr.Status.IN_PROGRESS, D(100))
    assert second.shortfall[0].hours == D(260)
    assert second.shortfall[0].due == date(2020, 12, 31)
    assert entry(ev, "R1").periods == ("N1.cycle 2011–2015",)
    assert entry(ev, "R2").periods == ("N1.cycle 2011–2015",)
    assert entry(ev, "R3").periods == ("N1.cycle 2016–2020",)
    r0 = entry(ev, "R0")
    assert (r0.counted, r0.reason, r0.credited) == (False, "outside_periods", D(0))
    check_findings(ev)


def test_a_record_on_2016_01_01_cannot_rescue_2011_2015():
    # N1: 359.5 hours up to 2015-12-31, plus 0.5 on 2016-01-01.
    # 2011-2015: 359.5 < 360 → 不合格 (the 0.5 belongs to 2016-2020, not 2011-2015).
    ev = evaluate(
        [record("R1", "359.5", date(2015, 12, 31)), record("R2", "0.5", date(2016, 1, 1))],
        as_of=date(2016, 1, 1),
    )
    assert period(ev, CYCLE_2011).status is tr.Status.FAILED
    assert period(ev, CYCLE_2011).counted == D("359.5")
    assert period(ev, CYCLE_2016).counted == D("0.5")
    check_findings(ev)


# ------------------------------------------------------------------ after as_of


def test_records_completed_after_as_of_are_excluded():
    # N1 counts what is completed by the evaluation date: as of 2015-05-31,
    # R1 (300, 2014-09-01) counts; R2 (60, 2015-06-01) is one day late → "after_as_of".
    # Counted 300; missing 360 − 300 = 60 by 2015-12-31.
    ev = evaluate(
        [record("R1", "300", date(2014, 9, 1)), record("R2", "60", date(2015, 6, 1))],
        as_of=date(2015, 5, 31),
    )
    c = period(ev, CYCLE_2011)
    assert (c.status, c.counted) == (tr.Status.IN_PROGRESS, D(300))
    r2 = entry(ev, "R2")
    assert (r2.counted, r2.reason, r2.credited, r2.hours) == (False, "after_as_of", D(0), D(60))
    assert entry(ev, "R1").counted
    (short,) = ev.shortfall
    assert short.hours == D(60)
    # A day later the same records make 300 + 60 = 360 → 合格.
    later = evaluate(
        [record("R1", "300", date(2014, 9, 1)), record("R2", "60", date(2015, 6, 1))],
        as_of=date(2015, 6, 1),
    )
    assert period(later, CYCLE_2011).status is tr.Status.PASSED
    check_findings(ev)


# ------------------------------------------------------------------ N2: consequences


def test_n2_pending_before_any_cycle_has_a_result():
    # N2: 必备条件 — but on 2013-06-01 the first cycle (2011-2015) is still open with
    # 100 < 360 hours, so no result exists yet → every N2 decision is pending.
    ev = evaluate([record("R1", "100", date(2012, 1, 1))], as_of=date(2013, 6, 1))
    found = decisions(ev)
    assert set(found) == N2_KINDS
    assert {d.outcome for d in found.values()} == {tr.DecisionOutcome.PENDING}
    check_findings(ev)


def test_n2_ineligible_after_a_failed_cycle():
    # N2: 300 < 360 in 2011-2015; as of 2016-03-01 that cycle has ended → 不合格 →
    # not eligible for re-registration, the annual assessment or title appointment.
    ev = evaluate([record("R1", "300", date(2013, 1, 1))], as_of=date(2016, 3, 1))
    found = decisions(ev)
    assert set(found) == N2_KINDS
    for kind in N2_KINDS:
        d = found[kind]
        assert d.outcome is tr.DecisionOutcome.INELIGIBLE, kind
        assert d.year is None  # N2 names no "following year" (unlike F10)
        cited = [f for f in d.findings if f.code == "decision.ineligible"]
        assert cited, kind
        assert cited[0].rule_id == "N2.necessary_condition"
        assert cited[0].citation is not None
        assert cited[0].citation.document == DOCUMENT
    check_findings(ev)


def test_n2_eligible_after_a_passed_cycle():
    # N2: 360 ≥ 360 in 2011-2015, ended → 合格 → no N2 decision is barred.
    ev = evaluate([record("R1", "360", date(2013, 1, 1))], as_of=date(2016, 3, 1))
    found = decisions(ev)
    assert set(found) == N2_KINDS
    assert {d.outcome for d in found.values()} == {tr.DecisionOutcome.ELIGIBLE}


def test_n2_follows_the_latest_ended_cycle():
    # N2, as of 2021-01-01: 2011-2015 had 300 (< 360, failed), 2016-2020 has
    # 200 + 160 = 360 (passed). The latest result is 2016-2020's → eligible again.
    ev = evaluate(
        [
            record("R1", "300", date(2013, 1, 1)),
            record("R2", "200", date(2017, 1, 1)),
            record("R3", "160", date(2020, 12, 31)),
        ],
        as_of=date(2021, 1, 1),
    )
    assert period(ev, CYCLE_2011).status is tr.Status.FAILED
    assert period(ev, CYCLE_2016).status is tr.Status.PASSED
    assert {d.outcome for d in ev.eligibility} == {tr.DecisionOutcome.ELIGIBLE}
    check_findings(ev)


@pytest.mark.parametrize(
    ("as_of", "main", "variant"),
    [
        # 2016: the year after 2011-2015 ends → barred under both readings
        (date(2016, 12, 31), "ineligible", "ineligible"),
        # 2017, 2016-2020 under way: the reading still bars; the variant's bar has expired
        (date(2017, 1, 1), "ineligible", "eligible"),
        (date(2020, 12, 31), "ineligible", "eligible"),
    ],
)
def test_n2_lasts_does_a_failed_cycle_still_bar_while_the_next_is_open(as_of, main, variant):
    # N2 "作为教师资格再注册、教师考核和职务聘任的必备条件", interpretation N2.lasts:
    # 300 < 360 in 2011-2015 → 不合格; 2016-2020 is open (120 so far, not decided).
    # Reading: until a later cycle is passed → still ineligible while 2016-2020 is open.
    # Variant cn-2011~N2.lasts: only in the year after the cycle ends (2016), then expired.
    records = [record("R1", "300", date(2013, 1, 1)), record("R2", "120", date(2016, 6, 1))]
    ev = evaluate(records, as_of=as_of)
    alt = evaluate(records, as_of=as_of, pol=policy.get("cn-2011~N2.lasts"))
    assert {d.outcome for d in ev.eligibility} == {tr.DecisionOutcome(main)}
    assert {d.outcome for d in alt.eligibility} == {tr.DecisionOutcome(variant)}
    for d in alt.eligibility:
        (said,) = [f for f in d.findings if f.rule_id == "N2.necessary_condition"]
        if variant == "eligible":
            assert said.code == "decision.expired"
            assert "2016年12月31日届满" in said.zh
        else:
            assert (d.year, d.until) == (2016, date(2016, 12, 31))
        assert "N2.lasts" in said.interpretations
    for d in ev.eligibility:
        assert (d.year, d.since, d.until) == (None, None, None)  # no fixed end
    check_findings(ev)
    check_findings(alt)


# ------------------------------------------------------- per-category hours


def test_per_category_hours_sum_to_the_cycle_total():
    # N1 counts training of every kind (全员培训): remote 120 + face_to_face 150.5 +
    # school_based 89.5 = 360 → 合格; all in the one bucket "training".
    records = [
        record("R1", "120", date(2011, 9, 1), "remote"),
        record("R2", "150.5", date(2013, 3, 15), "face_to_face"),
        record("R3", "89.5", date(2015, 7, 1), "school_based"),
    ]
    ev = evaluate(records, as_of=date(2016, 1, 1))
    c = period(ev, CYCLE_2011)
    assert c.status is tr.Status.PASSED
    assert c.by_bucket == (("training", D(360)),)
    by_category: dict[str, Decimal] = {}
    for r, e in zip(records, ev.ledger, strict=True):
        assert e.record_id == r.id
        by_category[r.category] = by_category.get(r.category, D(0)) + e.credited
    assert by_category == {"remote": D(120), "face_to_face": D("150.5"), "school_based": D("89.5")}
    assert sum(by_category.values()) == c.counted == D(360)
    assert sum((h for _, h in c.by_bucket), D(0)) == c.counted


# ---------------------------------------------------- the school-year reading


@pytest.mark.parametrize(
    ("day", "main_reason", "variant_reason"),
    [
        # 2011-06-30: in calendar cycle 2011-2015; before school-year cycle 1
        # (2011-09-01 .. 2016-08-31) → outside every period under the variant.
        (date(2011, 6, 30), None, "outside_periods"),
        # 2016-06-30: in calendar cycle 2016-2020; in school-year cycle 1 under the variant.
        (date(2016, 6, 30), None, None),
    ],
)
def test_school_year_variant_places_records_differently(day, main_reason, variant_reason):
    # Interpretation N1.cycle, alternative: school-year cycles from 2011-09-01.
    variant = policy.get("cn-2011~N1.cycle")
    assert variant.parent == "cn-2011"
    main = evaluate([record("R1", "10", day)], as_of=date(2016, 9, 1))
    alt = evaluate([record("R1", "10", day)], as_of=date(2016, 9, 1), pol=variant)
    assert entry(main, "R1").reason == main_reason
    assert entry(alt, "R1").reason == variant_reason


def test_school_year_variant_status_on_2016_08_31():
    # Interpretation N1.cycle, alternative: cycle 1 = 2011-09-01 .. 2016-08-31.
    # 300 hours on 2012-01-01 + 60 on 2016-06-30 = 360 in the school-year cycle → 合格;
    # under the calendar reading 2011-2015 has only 300 (< 360) → 不合格 as of 2016-08-31.
    records = [record("R1", "300", date(2012, 1, 1)), record("R2", "60", date(2016, 6, 30))]
    main = evaluate(records, as_of=date(2016, 8, 31))
    alt = evaluate(records, as_of=date(2016, 8, 31), pol=policy.get("cn-2011~N1.cycle"))
    assert period(main, CYCLE_2011).status is tr.Status.FAILED
    (school_cycle,) = [
        p for p in alt.periods if p.period == tr.Period(date(2011, 9, 1), date(2016, 9, 1))
    ]
    assert (school_cycle.status, school_cycle.counted) == (tr.Status.PASSED, D(360))
    check_findings(main)
    check_findings(alt)


# ------------------------------------------------------------------ N1: partial service


def test_a_teacher_hired_in_2014_owes_the_prorated_share_of_the_cycle():
    # N1 "每人不少于360学时" says nothing of a teacher hired inside a cycle (interpretation
    # N1.service): hired 2014-09-01, in service 122 days of 2014 and 365 of 2015, 487 of
    # the cycle's 1826 days: 360 × 487 / 1826 = 96.01… → 97 hours, rounded up.
    hired = tr.Teacher(
        id="T2", birth_date=date(1990, 5, 4), sex=tr.Sex.MALE, employed_from=date(2014, 9, 1)
    )
    records = [record("R1", "97", date(2015, 6, 1))]
    ev = tr.evaluate(POLICY, hired, records, date(2016, 1, 1))
    c = period(ev, CYCLE_2011)
    assert c.requirements[0].required == D(97)
    assert c.status is tr.Status.PASSED
    # The literal reading (the variant) owes the whole 360 hours: 97 < 360 → 不合格.
    literal = tr.evaluate(policy.get("cn-2011~N1.service"), hired, records, date(2016, 1, 1))
    assert period(literal, CYCLE_2011).status is tr.Status.FAILED


def test_a_teacher_retired_before_a_cycle_is_exempt_from_it():
    # N1.service: retired 2010-12-31, no day of service in 2011–2015 → EXEMPT, not 不合格.
    retired = tr.Teacher(
        id="T3", birth_date=date(1950, 5, 4), sex=tr.Sex.MALE, employed_to=date(2010, 12, 31)
    )
    ev = tr.evaluate(POLICY, retired, [], date(2016, 1, 1))
    assert period(ev, CYCLE_2011).status is tr.Status.EXEMPT
