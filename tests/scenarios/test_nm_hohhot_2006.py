"""Scenarios for nm-hohhot-2006: the Hohhot remote non-degree training plan (2006).

Every expectation is worked out by hand from the plan's text
(``src/trainingrules/policy/sources/nm-hohhot-2006-remote-training-plan.txt``); the
arithmetic is in the comments. The plan's clauses:

* 二 (H1): "在2004-2008年五年间，每一名教师要接受不少于240学时的在职非学历培训".
* 二 (H1): the 240 hours are of 在职非学历培训: degree study (category ``degree_study``)
  never counts (``H1.non_degree``, an exclude rule).
* 二 (H2): "2006—2008三年间，每年远程培训学时应不少于48学时" — calendar years by the
  policy's reading (interpretation H2.years); in the variant the plan's training years
  as school years 2006-07 and 2007-08 (2008-09 would end after the plan, 2008年底前).
* 一 (H2.in_lieu): "对暂不具备远程培训条件的，可以采取传统培训、光盘教学等方式" — such
  training (category ``remote_in_lieu``) counts as remote training; in the variant
  toward the 240 hours only.
* 三.2 (H4): only after completing the course's hours and passing its homework may a
  learner sit the final (结业考核).
* 三.3 / 三.5 (H5, H6): total = 60 % coursework + 40 % final; 及格 (60, interpretation
  H6.pass) or above earns the course's hours.
* 五.4 (H7): schools budget 5 % of the annual public-funds budget for teacher training
  ("学校投入可参照…", interpretation H7.reference: binding; the variant: a reference
  figure).
"""

from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import cited, rule_of

import trainingrules as tr
from trainingrules import policy
from trainingrules.policy import BudgetShare, CourseGrading, PeriodScheme

D = Decimal
PLAN = "呼和浩特市远程中小学教师非学历培训工作实施规划（2006）"
BASE = policy.get("nm-hohhot-2006")
H2_SCHOOL_YEARS = policy.get("nm-hohhot-2006~H2.years")
H6_ROUNDED = policy.get("nm-hohhot-2006~H6.pass")
AFTER_2008 = date(2009, 1, 1)  # every period of the base policy (window, 2006-2008) is over
TEACHER = tr.Teacher(
    id="T-HHHT",
    birth_date=date(1970, 5, 4),
    sex=tr.Sex.FEMALE,
    title=tr.Title.INTERMEDIATE,
    region="150102",
)


def rec(rid, hours, day, category="remote", course=None):
    return tr.TrainingRecord(
        id=rid, hours=D(hours), completed_on=day, category=category, course=course
    )


def course(coursework, final, *, required="20", completed="20", homework=True):
    return tr.CourseResult(
        hours_required=D(required),
        hours_completed=D(completed),
        homework_passed=homework,
        coursework_score=D(coursework),
        final_score=None if final is None else D(final),
    )


def period(ev, scheme, start):
    found = [p for p in ev.periods if p.scheme == scheme and p.period.start == start]
    assert len(found) == 1, [(p.scheme, p.period) for p in ev.periods]
    return found[0]


def window(ev):
    return period(ev, "H1.window", date(2004, 1, 1))


def year(ev, y):
    return period(ev, "H2.years", date(y, 1, 1))


def requirement(period_result, rule_id):
    found = [r for r in period_result.requirements if r.rule_id == rule_id]
    assert len(found) == 1
    return found[0]


def entry(ev, rid):
    found = [e for e in ev.ledger if e.record_id == rid]
    assert len(found) == 1
    return found[0]


def assert_failed_periods_cited(ev):
    # Every FAILED period carries a finding explaining the failure, citing the plan.
    for p in ev.periods:
        if p.status is tr.Status.FAILED:
            assert any(
                f.code == "hours.short" and f.citation is not None and f.citation.document == PLAN
                for f in p.findings
            ), p


# ------------------------------------------------------------------ H2: 48 remote hours a year


def test_h2_total_met_but_2007_short_fails_2007():
    # 规划 二 (H1 + H2). Remote 48 (2006) + 40 (2007) + 48 (2008) = 136, plus 104
    # school-based hours in 2005: 136 + 104 = 240 ≥ 240, so the window passes.
    # But 2007 has 40 < 48 remote hours (8 short): the per-year minimum fails in 2007.
    records = [
        rec("R2006", "48", date(2006, 6, 1)),
        rec("R2007", "40", date(2007, 6, 1)),
        rec("R2008", "48", date(2008, 6, 1)),
        rec("S2005", "104", date(2005, 6, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)

    assert window(ev).counted == D(240)
    assert window(ev).status is tr.Status.PASSED
    assert year(ev, 2006).status is tr.Status.PASSED
    assert year(ev, 2008).status is tr.Status.PASSED
    y2007 = year(ev, 2007)
    assert y2007.status is tr.Status.FAILED
    assert ev.status is tr.Status.FAILED
    remote = requirement(y2007, "H2.remote_hours")
    assert (remote.required, remote.counted, remote.missing) == (D(48), D(40), D(8))
    short = [f for f in y2007.findings if f.code == "hours.short"]
    assert len(short) == 1
    assert short[0].rule_id == "H2.remote_hours"
    assert short[0].citation.document == PLAN
    assert short[0].citation.clause == "二"
    assert "2007" in short[0].en
    assert "48" in short[0].en
    assert "2007" in short[0].zh
    assert "48" in short[0].zh
    assert_failed_periods_cited(ev)


def test_h2_exactly_48_each_year_passes():
    # 规划 二 (H2): 48 ≥ 48 in each of 2006, 2007, 2008 ("不少于" = at least).
    # H1: 3 × 48 = 144 remote + 96 other = 240 ≥ 240.
    records = [
        rec("R2006", "48", date(2006, 3, 1)),
        rec("R2007", "48", date(2007, 3, 1)),
        rec("R2008", "48", date(2008, 3, 1)),
        rec("S2004", "96", date(2004, 9, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)

    for y in (2006, 2007, 2008):
        assert year(ev, y).status is tr.Status.PASSED
        assert requirement(year(ev, y), "H2.remote_hours").missing == D(0)
    assert window(ev).counted == D(240)
    assert window(ev).status is tr.Status.PASSED
    assert ev.status is tr.Status.PASSED


def test_h2_47_5_remote_hours_fail_by_half_an_hour():
    # 规划 二 (H2): 47.5 < 48 in 2007 (0.5 short). H1 still met:
    # 48 + 47.5 + 48 + 100 = 243.5 ≥ 240, so only 2007 fails.
    records = [
        rec("R2006", "48", date(2006, 3, 1)),
        rec("R2007", "47.5", date(2007, 3, 1)),
        rec("R2008", "48", date(2008, 3, 1)),
        rec("S2005", "100", date(2005, 3, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)

    assert window(ev).counted == D("243.5")
    assert window(ev).status is tr.Status.PASSED
    y2007 = year(ev, 2007)
    assert y2007.status is tr.Status.FAILED
    assert requirement(y2007, "H2.remote_hours").missing == D("0.5")
    assert ev.status is tr.Status.FAILED
    assert_failed_periods_cited(ev)


def test_h2_first_and_last_day_of_2006_count_in_2006():
    # 规划 二 (H2, calendar years): 2006-01-01 and 2006-12-31 both lie in 2006:
    # 24 + 24 = 48 ≥ 48. A record on 2007-01-01 (30 h) belongs to 2007, not 2006,
    # so 2007 has 30 + 18 = 48. Window: 24 + 24 + 30 + 18 + 48 + 96 = 240.
    records = [
        rec("FIRST", "24", date(2006, 1, 1)),
        rec("LAST", "24", date(2006, 12, 31)),
        rec("NEXT", "30", date(2007, 1, 1)),
        rec("R2007", "18", date(2007, 12, 31)),
        rec("R2008", "48", date(2008, 1, 1)),
        rec("S", "96", date(2005, 1, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)

    assert dict(year(ev, 2006).by_bucket) == {"remote": D(48)}
    assert dict(year(ev, 2007).by_bucket) == {"remote": D(48)}
    assert dict(year(ev, 2008).by_bucket) == {"remote": D(48)}
    assert entry(ev, "FIRST").periods == ("H1.window 2004–2008", "H2.years 2006")
    assert entry(ev, "LAST").periods == ("H1.window 2004–2008", "H2.years 2006")
    assert entry(ev, "NEXT").periods == ("H1.window 2004–2008", "H2.years 2007")
    assert window(ev).counted == D(240)
    assert ev.status is tr.Status.PASSED


def test_h2_remote_hours_of_2005_count_for_240_but_not_for_a_year():
    # 规划 二: the per-year minimum covers only 2006-2008 (H2), the 240 hours cover
    # 2004-2008 (H1). 96 remote hours in 2005 count in the window (bucket "remote")
    # but in no year; 2006 has 0 of 48 → FAILED (48 short).
    # Window: 96 + 48 + 48 + 48 = 240 ≥ 240 → PASSED.
    records = [
        rec("R2005", "96", date(2005, 5, 1)),
        rec("R2007", "48", date(2007, 5, 1)),
        rec("R2008", "48", date(2008, 5, 1)),
        rec("X2008", "48", date(2008, 6, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)

    assert entry(ev, "R2005").periods == ("H1.window 2004–2008",)
    assert dict(window(ev).by_bucket) == {"remote": D(192), "in_service": D(48)}
    assert window(ev).status is tr.Status.PASSED
    assert year(ev, 2006).status is tr.Status.FAILED
    assert requirement(year(ev, 2006), "H2.remote_hours").missing == D(48)
    assert year(ev, 2007).status is tr.Status.PASSED
    assert year(ev, 2008).status is tr.Status.PASSED
    assert_failed_periods_cited(ev)


# ------------------------------------------------------------------ H1: the 2004-2008 window


WINDOW_EDGE_RECORDS = [
    rec("BEFORE", "50", date(2003, 12, 31), category="school_based"),
    rec("OPEN", "50", date(2004, 1, 1), category="school_based"),
    rec("R2006", "48", date(2006, 7, 1)),
    rec("R2007", "48", date(2007, 7, 1)),
    rec("R2008", "48", date(2008, 7, 1)),
    rec("CLOSE", "46", date(2008, 12, 31), category="school_based"),
    rec("AFTER", "50", date(2009, 1, 1), category="school_based"),
]


def test_h1_window_edges_as_of_last_day():
    # 规划 二 (H1): 2004-01-01 and 2008-12-31 are inside 2004-2008; 2003-12-31 is not.
    # Counted: 50 (OPEN) + 3 × 48 + 46 (CLOSE) = 50 + 144 + 46 = 240 ≥ 240 → PASSED.
    # As of 2008-12-31, the 2009-01-01 record is after the evaluation date.
    ev = tr.evaluate(BASE, TEACHER, WINDOW_EDGE_RECORDS, as_of=date(2008, 12, 31))

    assert window(ev).counted == D(240)
    assert window(ev).status is tr.Status.PASSED
    assert entry(ev, "OPEN").counted
    assert entry(ev, "CLOSE").counted
    # CLOSE lies in 2008 too, but it is not remote: the years of H2 count remote hours
    # only, so it counts in the window and in no year; 2008 holds R2008's 48 alone.
    assert entry(ev, "CLOSE").periods == ("H1.window 2004–2008",)
    (year_2008,) = [p for p in ev.periods if p.scheme == "H2.years" and p.period.start.year == 2008]
    assert year_2008.counted == D(48)
    assert year_2008.by_bucket == (("remote", D(48)),)
    assert requirement(year(ev, 2008), "H2.remote_hours").counted == D(48)
    assert not entry(ev, "BEFORE").counted
    assert entry(ev, "BEFORE").reason == "outside_periods"
    assert not entry(ev, "AFTER").counted
    assert entry(ev, "AFTER").reason == "after_as_of"
    assert ev.status is tr.Status.PASSED


def test_h1_window_edges_as_of_mid_2009():
    # 规划 二 (H1): as of 2009-06-30 the 2009-01-01 record is no longer after the
    # evaluation date, but it lies outside 2004-2008 and every year 2006-2008.
    # The window still counts 50 + 144 + 46 = 240.
    ev = tr.evaluate(BASE, TEACHER, WINDOW_EDGE_RECORDS, as_of=date(2009, 6, 30))

    assert entry(ev, "AFTER").reason == "outside_periods"
    assert entry(ev, "BEFORE").reason == "outside_periods"
    assert entry(ev, "AFTER").credited == D(0)
    assert window(ev).counted == D(240)
    assert ev.status is tr.Status.PASSED


def test_h1_239_5_hours_fail_the_window():
    # 规划 二 (H1): 3 × 48 + 95.5 = 144 + 95.5 = 239.5 < 240 (0.5 short), although
    # every year's 48 remote hours are met.
    records = [
        rec("R2006", "48", date(2006, 7, 1)),
        rec("R2007", "48", date(2007, 7, 1)),
        rec("R2008", "48", date(2008, 7, 1)),
        rec("S", "95.5", date(2004, 7, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)

    assert window(ev).status is tr.Status.FAILED
    total = requirement(window(ev), "H1.hours")
    assert (total.required, total.counted, total.missing) == (D(240), D("239.5"), D("0.5"))
    for y in (2006, 2007, 2008):
        assert year(ev, y).status is tr.Status.PASSED
    assert ev.status is tr.Status.FAILED
    assert_failed_periods_cited(ev)


# ------------------------------------------------------------------ H4-H6: course grading


def test_h6_60_and_60_is_exactly_60_and_earns_the_hours():
    # 规划 三.5 (H6): 0.6 × 60 + 0.4 × 60 = 36 + 24 = 60.0 ≥ 60 (及格) → the course's
    # 20 hours count (as remote, in 2006 and the window).
    c = rec("C1", "20", date(2006, 6, 1), course=course("60", "60"))
    ev = tr.evaluate(BASE, TEACHER, [c], as_of=AFTER_2008)

    (outcome,) = ev.courses
    assert outcome.record_id == "C1"
    assert outcome.may_sit_final
    assert outcome.composite == D("60.0")
    assert outcome.passed
    assert entry(ev, "C1").counted
    assert entry(ev, "C1").credited == D(20)
    assert dict(year(ev, 2006).by_bucket) == {"remote": D(20)}
    sit = [d for d in ev.eligibility if d.kind == "sit_final"]
    assert [(d.subject, d.outcome) for d in sit] == [("C1", tr.DecisionOutcome.ELIGIBLE)]


def test_h6_60_coursework_59_final_is_59_6_and_fails():
    # 规划 三.5 (H6): 0.6 × 60 + 0.4 × 59 = 36 + 23.6 = 59.6 < 60 → not passed, so the
    # course earns no hours: its 48 remote hours are excluded and 2006 has 0 of 48.
    c = rec("C1", "48", date(2006, 6, 1), course=course("60", "59"))
    ev = tr.evaluate(BASE, TEACHER, [c], as_of=AFTER_2008)

    (outcome,) = ev.courses
    assert outcome.may_sit_final
    assert outcome.composite == D("59.6")
    assert not outcome.passed
    assert [f.code for f in outcome.findings] == ["course.may_sit_final", "course.below_pass_mark"]
    below = outcome.findings[1]
    assert below.rule_id == "H4+H5+H6.course"
    assert cited(below).document == PLAN
    assert "H6.pass" in below.interpretations
    e = entry(ev, "C1")
    assert not e.counted
    assert e.reason == "course_not_passed"
    assert e.rule_id == "H4+H5+H6.course"
    assert e.credited == D(0)
    assert requirement(year(ev, 2006), "H2.remote_hours").counted == D(0)
    assert year(ev, 2006).status is tr.Status.FAILED


@pytest.mark.parametrize(
    ("completed", "homework", "reasons"),
    [
        # 18 < 20 required hours: may not apply for the final.
        ("18", True, ["course.hours_short"]),
        # homework not passed (作业成绩不合格): may not apply for the final.
        ("20", False, ["course.homework_failed"]),
        # both prerequisites missing: both reasons.
        ("19.5", False, ["course.hours_short", "course.homework_failed"]),
    ],
)
def test_h4_prerequisites_missing_bar_the_final_and_the_hours(completed, homework, reasons):
    # 规划 三.2 (H4): "只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的
    # 课程结业考核". A final sat anyway (90) does not count: 0.6 × 80 + 0.4 × 90 = 84
    # would pass, but the final is void, so the course is not passed and its hours
    # are not counted.
    c = rec(
        "C1",
        "20",
        date(2007, 4, 1),
        course=course("80", "90", completed=completed, homework=homework),
    )
    ev = tr.evaluate(BASE, TEACHER, [c], as_of=AFTER_2008)

    (outcome,) = ev.courses
    assert not outcome.may_sit_final
    assert not outcome.passed
    assert outcome.composite is None
    (decision,) = [d for d in ev.eligibility if d.kind == "sit_final"]
    assert decision.subject == "C1"
    assert decision.outcome is tr.DecisionOutcome.INELIGIBLE
    assert [f.code for f in decision.findings] == reasons
    assert all(cited(f).document == PLAN for f in decision.findings)
    assert entry(ev, "C1").reason == "course_not_passed"
    assert year(ev, 2007).counted == D(0)


H4_QUOTE = "学员只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的课程结业考核"


def test_h4_findings_cite_clause_three_2_verbatim():
    # 规划 三.2 (H4): the prerequisites are the policy's data, stated with their own
    # clause; their findings cite 三.2, the total's findings 三.2, 三.3, 三.5.
    ok = rec("OK", "20", date(2007, 4, 1), course=course("80", "90"))
    short = rec("SHORT", "20", date(2007, 5, 1), course=course("80", "90", completed="19.9"))
    ev = tr.evaluate(BASE, TEACHER, [ok, short], as_of=AFTER_2008)

    passed, barred = ev.courses
    assert [(f.code, cited(f).clause) for f in passed.findings] == [
        ("course.may_sit_final", "三.2"),
        ("course.passed", "三.2, 三.3, 三.5"),
    ]
    assert cited(passed.findings[0]).quote == H4_QUOTE
    assert passed.findings[0].zh == "记录OK：已修满规定学时且作业成绩合格，可申请结业考核"
    assert passed.findings[0].en == (
        "record OK: required hours completed and homework passed; may sit the final"
    )
    # 19.9 < 20: "修满规定的学时" is not met.
    (hours_short,) = barred.findings
    assert (hours_short.code, cited(hours_short).quote) == ("course.hours_short", H4_QUOTE)
    assert hours_short.zh == "记录SHORT完成19.9学时，少于课程规定的20学时，不能申请结业考核"
    assert hours_short.en == (
        "record SHORT: 19.9 of the course's 20 hours completed; may not sit the final"
    )


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        # hours not reported, homework passed: "修满规定的学时" is not established.
        ({"hours_required": None}, ["course.hours_not_reported"]),
        ({"hours_completed": None}, ["course.hours_not_reported"]),
        # hours met, homework not reported: "作业成绩合格" is not established.
        ({"homework_passed": None}, ["course.homework_not_reported"]),
        # nothing reported: both.
        (
            {"hours_required": None, "hours_completed": None, "homework_passed": None},
            ["course.hours_not_reported", "course.homework_not_reported"],
        ),
    ],
)
def test_h4_unreported_prerequisites_mean_no_final_until_reported(changes, codes):
    # 规划 三.2 (H4): "只有对某门课程修满规定的学时和作业成绩合格，才有资格申请参加相应的
    # 课程结业考核" — only (只有…才) an established completion and pass qualify. An input
    # that does not report one of them does not establish it: the final (90) does not
    # count until it is reported, though 0.6 × 80 + 0.4 × 90 = 84 would pass; the
    # course's 20 hours are not counted.
    fields = {
        "hours_required": D(20),
        "hours_completed": D(20),
        "homework_passed": True,
        "coursework_score": D(80),
        "final_score": D(90),
    }
    c = rec("C1", "20", date(2007, 4, 1), course=tr.CourseResult(**(fields | changes)))
    ev = tr.evaluate(BASE, TEACHER, [c], as_of=AFTER_2008)

    (outcome,) = ev.courses
    assert not outcome.may_sit_final
    assert not outcome.passed
    assert outcome.composite is None
    assert [f.code for f in outcome.findings] == codes
    assert all(cited(f).clause == "三.2" for f in outcome.findings)
    (decision,) = [d for d in ev.eligibility if d.kind == "sit_final"]
    assert decision.outcome is tr.DecisionOutcome.INELIGIBLE
    assert entry(ev, "C1").reason == "course_not_passed"
    assert year(ev, 2007).counted == D(0)


def test_h6_no_final_yet_means_no_hours():
    # 规划 三.2 / 三.5: prerequisites met (20 of 20 hours, homework passed), so the
    # teacher may sit the final; without a final score there is no total, no pass,
    # no hours.
    c = rec("C1", "20", date(2007, 4, 1), course=course("90", None))
    ev = tr.evaluate(BASE, TEACHER, [c], as_of=AFTER_2008)

    (outcome,) = ev.courses
    assert outcome.may_sit_final
    assert outcome.composite is None
    assert not outcome.passed
    (decision,) = [d for d in ev.eligibility if d.kind == "sit_final"]
    assert decision.outcome is tr.DecisionOutcome.ELIGIBLE
    assert entry(ev, "C1").reason == "course_not_passed"


@pytest.mark.parametrize(
    ("coursework", "final", "exact", "rounded", "passes_rounded"),
    [
        ("60", "59", "59.6", "60", True),  # 36 + 23.6 = 59.6 → 60 (half up)
        ("60", "58.75", "59.5", "60", True),  # 36 + 23.5 = 59.5 → 60 (half up)
        ("59", "60", "59.4", "59", False),  # 35.4 + 24 = 59.4 → 59
    ],
)
def test_h6_pass_variant_rounds_to_whole_points(coursework, final, exact, rounded, passes_rounded):
    # 规划 三.5 (H6), interpretation H6.pass: the base policy compares the exact total
    # (all three fail: < 60); the variant rounds half-up to whole points first.
    c = rec("C1", "48", date(2006, 6, 1), course=course(coursework, final))

    (base,) = tr.evaluate(BASE, TEACHER, [c], as_of=AFTER_2008).courses
    assert base.composite == D(exact)
    assert not base.passed

    ev = tr.evaluate(H6_ROUNDED, TEACHER, [c], as_of=AFTER_2008)
    (variant,) = ev.courses
    assert variant.composite == D(rounded)
    assert variant.passed is passes_rounded
    assert entry(ev, "C1").counted is passes_rounded
    # 48 remote hours in 2006 meet H2 for 2006 only if the course passes.
    expected = tr.Status.PASSED if passes_rounded else tr.Status.FAILED
    assert year(ev, 2006).status is expected


def test_h6_pass_variant_is_a_variant_of_the_base():
    # Interpretation H6.pass: the variant keeps the base policy as its parent and
    # changes only the grading rule (rounding to whole points).
    assert H6_ROUNDED.id == "nm-hohhot-2006~H6.pass"
    assert H6_ROUNDED.parent == "nm-hohhot-2006"
    assert rule_of(BASE, "H4+H5+H6.course", CourseGrading).rounding is None
    rounding = rule_of(H6_ROUNDED, "H4+H5+H6.course", CourseGrading).rounding
    assert rounding is not None
    assert rounding.quantum == D(1)


# ------------------------------------------------------------------ H2.years: school years


def test_h2_school_year_variant_gives_a_different_answer():
    # 规划 二 (H2) and 四.4 (the first training year ends by 2007-08-30).
    # Records: remote 48 on 2007-07-01, 48 on 2007-10-01, 48 on 2008-10-01, and 96
    # school-based hours in 2005. Window: 3 × 48 + 96 = 240 in both readings.
    #
    # Calendar years (base):  2006: 0 → FAILED (48 short);
    #                         2007: 48 + 48 = 96 → PASSED;  2008: 48 → PASSED.
    # School years (variant): 2006–07 (2006-09-01..2007-08-31): 48 (07-01) → PASSED;
    #                         2007–08: 48 (2007-10-01) → PASSED; 2008-10-01 lies in
    #                         no school year (2008–09 would end after the plan's
    #                         2008年底前): it counts in the window only.
    # As of 2009-09-01 every period of both readings is over.
    records = [
        rec("JUL07", "48", date(2007, 7, 1)),
        rec("OCT07", "48", date(2007, 10, 1)),
        rec("OCT08", "48", date(2008, 10, 1)),
        rec("S2005", "96", date(2005, 5, 1), category="school_based"),
    ]
    as_of = date(2009, 9, 1)

    base = tr.evaluate(BASE, TEACHER, records, as_of=as_of)
    assert [
        (p.period.label, p.counted, p.status) for p in base.periods if p.scheme == "H2.years"
    ] == [
        ("2006", D(0), tr.Status.FAILED),
        ("2007", D(96), tr.Status.PASSED),
        ("2008", D(48), tr.Status.PASSED),
    ]
    assert window(base).status is tr.Status.PASSED
    assert base.status is tr.Status.FAILED

    variant = tr.evaluate(H2_SCHOOL_YEARS, TEACHER, records, as_of=as_of)
    school_years = [p for p in variant.periods if p.scheme == "H2.years"]
    assert [(p.period.start, p.period.end, p.counted, p.status) for p in school_years] == [
        (date(2006, 9, 1), date(2007, 9, 1), D(48), tr.Status.PASSED),
        (date(2007, 9, 1), date(2008, 9, 1), D(48), tr.Status.PASSED),
    ]
    assert window(variant).status is tr.Status.PASSED
    assert variant.status is tr.Status.PASSED
    assert entry(variant, "JUL07").periods == ("H1.window 2004–2008", "H2.years 2006–2007")
    assert entry(variant, "OCT07").periods == ("H1.window 2004–2008", "H2.years 2007–2008")
    assert entry(variant, "OCT08").periods == ("H1.window 2004–2008",)


def test_h2_school_year_variant_can_fail_where_calendar_years_pass():
    # 规划 二 (H2), the other direction: remote 48 on 2006-03-01, 48 on 2007-09-15,
    # 48 on 2008-03-01, 96 school-based in 2004 (window 240).
    # Calendar years: 2006: 48, 2007: 48, 2008: 48 → all PASSED.
    # School years:   2006–07 (2006-09-01..2007-08-31) holds nothing → 0 of 48, FAILED;
    #                 2007–08 holds 2007-09-15 and 2008-03-01 → 96 PASSED.
    #                 2006-03-01 lies before the first school year (2006-09-01): it
    #                 counts in the window only.
    # (Before the variant stopped at the plan's end, the example was a 2008–09 school
    # year holding nothing; that year is no longer measured.)
    records = [
        rec("MAR06", "48", date(2006, 3, 1)),
        rec("SEP07", "48", date(2007, 9, 15)),
        rec("MAR08", "48", date(2008, 3, 1)),
        rec("S2004", "96", date(2004, 5, 1), category="school_based"),
    ]
    as_of = AFTER_2008

    assert tr.evaluate(BASE, TEACHER, records, as_of=as_of).status is tr.Status.PASSED

    variant = tr.evaluate(H2_SCHOOL_YEARS, TEACHER, records, as_of=as_of)
    assert entry(variant, "MAR06").periods == ("H1.window 2004–2008",)
    first = period(variant, "H2.years", date(2006, 9, 1))
    assert first.status is tr.Status.FAILED
    assert requirement(first, "H2.remote_hours").missing == D(48)
    assert period(variant, "H2.years", date(2007, 9, 1)).counted == D(96)
    assert variant.status is tr.Status.FAILED
    assert_failed_periods_cited(variant)


def test_h2_school_year_variant_ends_with_the_plan():
    # 规划 二: "为保障本市中小学教师在2008年底前完成规定的学时" — the plan ends with 2008
    # (the policy is in force until 2008-12-31). The variant's school years are the
    # plan's training years 2006–07 and 2007–08 (四.4: the first ends by 2007-08-30);
    # none runs past 2008. (Before: a third, 2008–09, ran until 2009-08-31.)
    years = rule_of(H2_SCHOOL_YEARS, "H2.years", PeriodScheme)
    periods = years.periods(date(2030, 1, 1))
    assert periods == (
        tr.Period(date(2006, 9, 1), date(2007, 9, 1)),
        tr.Period(date(2007, 9, 1), date(2008, 9, 1)),
    )
    plan_end = H2_SCHOOL_YEARS.effective_to
    assert plan_end is not None
    assert all(p.last_day <= plan_end for p in periods)
    # The base reading's calendar years end with the plan as well.
    calendar_years = rule_of(BASE, "H2.years", PeriodScheme)
    assert calendar_years.periods(date(2030, 1, 1))[-1].last_day == date(2008, 12, 31)


def test_h2_calendar_2006_against_the_plans_own_timetable():
    # 规划 四.3: the first batch enrols and pays by the end of December 2006 and registers
    # on the platform in January 2007; 四.4: the first training year ends by
    # 2007-08-30. A teacher who follows that timetable — 48 remote hours by June 2007,
    # 48 in the second training year (by June 2008), 144 other hours — has no remote
    # hour in calendar 2006.
    # Reading (H2.years, the plain words): 2006 has 0 of 48 → FAILED.
    # Variant (training years as school years): 2006–07: 48, 2007–08: 48 → PASSED.
    records = [
        rec("Y1", "48", date(2007, 6, 15)),
        rec("Y2", "48", date(2008, 6, 15)),
        rec("S", "144", date(2005, 6, 1), category="school_based"),
    ]
    base = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)
    assert year(base, 2006).status is tr.Status.FAILED
    (short,) = [f for f in year(base, 2006).findings if f.code == "hours.short"]
    assert "H2.years" in short.interpretations
    assert base.status is tr.Status.FAILED
    assert tr.evaluate(H2_SCHOOL_YEARS, TEACHER, records, as_of=AFTER_2008).status is (
        tr.Status.PASSED
    )


# ------------------------------------------------------------------ H7: the school budget


@pytest.mark.parametrize(
    ("budget", "share"),
    [
        ("1000000", "50000"),  # 1,000,000 × 5 % = 50,000
        ("1234567.89", "61728.3945"),  # 1,234,567.89 × 0.05 = 61,728.3945 (no rounding stated)
        ("0", "0"),
    ],
)
def test_h7_school_training_budget_is_5_percent(budget, share):
    # 规划 五.4 (H7): "教师培训费按照学校年度公用经费预算总额的5%安排".
    assert tr.school_training_budget(BASE, D(budget)) == D(share)


# ------------------------------------------------------------------ in progress: the shortfall


def test_in_progress_mid_2007_tells_what_is_missing_and_by_when():
    # 规划 二 (H1, H2) as of 2007-06-30:
    #   2006: remote 48 ≥ 48 → PASSED.
    #   2007: remote 30 so far (the 18 hours of 2007-09-01 are after the evaluation
    #         date) → IN_PROGRESS, 48 − 30 = 18 more remote hours by 2007-12-31.
    #   2008: not started; 48 remote hours due by 2008-12-31.
    #   Window: 48 + 30 + 60 = 138 → IN_PROGRESS, 240 − 138 = 102 more by 2008-12-31.
    records = [
        rec("R2006", "48", date(2006, 5, 1)),
        rec("R2007", "30", date(2007, 3, 1)),
        rec("LATER", "18", date(2007, 9, 1)),
        rec("S2005", "60", date(2005, 5, 1), category="school_based"),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=date(2007, 6, 30))

    assert ev.status is tr.Status.IN_PROGRESS
    assert year(ev, 2006).status is tr.Status.PASSED
    assert year(ev, 2007).status is tr.Status.IN_PROGRESS
    assert year(ev, 2008).status is tr.Status.NOT_STARTED
    assert window(ev).status is tr.Status.IN_PROGRESS
    assert entry(ev, "LATER").reason == "after_as_of"

    (gap_2007,) = year(ev, 2007).shortfall
    assert gap_2007.rule_id == "H2.remote_hours"
    assert gap_2007.hours == D(18)
    assert gap_2007.due == date(2007, 12, 31)
    assert gap_2007.buckets == ("remote",)
    open_2007 = [f for f in year(ev, 2007).findings if f.code == "hours.open"]
    assert len(open_2007) == 1
    assert "18" in open_2007[0].en
    assert "2007-12-31" in open_2007[0].en

    summary = {(s.rule_id, s.due): s.hours for s in ev.shortfall}
    assert summary == {
        ("H1.hours", date(2008, 12, 31)): D(102),
        ("H2.remote_hours", date(2007, 12, 31)): D(18),
        ("H2.remote_hours", date(2008, 12, 31)): D(48),
    }


def test_in_progress_2007_becomes_failed_after_the_year_ends():
    # 规划 二 (H2): the same 30 remote hours of 2007, evaluated on 2008-01-01, when
    # 2007 is over: 30 < 48 → FAILED (18 short); 2008 is now open.
    records = [
        rec("R2006", "48", date(2006, 5, 1)),
        rec("R2007", "30", date(2007, 3, 1)),
    ]
    ev = tr.evaluate(BASE, TEACHER, records, as_of=date(2008, 1, 1))

    assert year(ev, 2007).status is tr.Status.FAILED
    assert requirement(year(ev, 2007), "H2.remote_hours").missing == D(18)
    assert year(ev, 2008).status is tr.Status.IN_PROGRESS
    assert ev.status is tr.Status.FAILED
    assert_failed_periods_cited(ev)


# ------------------------------------------------------------------ H1: non-degree only


def test_h1_degree_study_never_counts_toward_the_240_hours():
    # 规划 二 (H1): "每一名教师要接受不少于240学时的在职非学历培训" — in-service
    # NON-DEGREE training. 100 hours of degree study (学历教育, category degree_study) in
    # 2005 are ruled out (H1.non_degree); the window counts 3 × 48 remote + 96
    # school-based = 240 → PASSED; without the 96, 144 < 240 → FAILED, the degree
    # study notwithstanding (144 + 100 = 244 would have passed under the catch-all).
    remote = [
        rec("R2006", "48", date(2006, 6, 1)),
        rec("R2007", "48", date(2007, 6, 1)),
        rec("R2008", "48", date(2008, 6, 1)),
    ]
    degree = rec("DEG", "100", date(2005, 6, 1), category="degree_study")
    ok = tr.evaluate(
        BASE,
        TEACHER,
        [*remote, degree, rec("S", "96", date(2005, 3, 1), category="school_based")],
        as_of=AFTER_2008,
    )
    assert window(ok).counted == D(240)
    assert window(ok).status is tr.Status.PASSED

    short = tr.evaluate(BASE, TEACHER, [*remote, degree], as_of=AFTER_2008)
    assert window(short).counted == D(144)
    assert window(short).status is tr.Status.FAILED
    e = entry(short, "DEG")
    assert (e.counted, e.reason, e.rule_id, e.credited, e.periods) == (
        False,
        "ruled_out",
        "H1.non_degree",
        D(0),
        (),
    )
    assert e.reason is tr.Exclusion.RULED_OUT
    assert e.finding.code == "record.ruled_out"
    assert (e.finding.citation.document, e.finding.citation.clause) == (PLAN, "二")
    assert "在职非学历培训" in e.finding.citation.quote
    assert e.finding.zh == "记录DEG不计：学历教育不属于在职非学历培训，不计学时"
    assert e.finding.en == (
        "record DEG does not count: degree study is not in-service non-degree training "
        "and earns no hours here"
    )
    assert_failed_periods_cited(short)


def test_h1_degree_study_is_ruled_out_in_every_variant():
    # 规划 二 (H1): no reading of H2 or H6 makes degree study non-degree training.
    degree = rec("DEG", "60", date(2007, 6, 1), category="degree_study")
    for p in (BASE, H2_SCHOOL_YEARS, H6_ROUNDED, policy.get("nm-hohhot-2006~H2.in_lieu")):
        assert entry(tr.evaluate(p, TEACHER, [degree], as_of=AFTER_2008), "DEG").reason == (
            "ruled_out"
        )


# ------------------------------------------------------------------ H2: no remote conditions


def test_h2_training_in_lieu_of_remote_counts_toward_the_48_hours():
    # 规划 一: "对暂不具备远程培训条件的，可以采取传统培训、光盘教学等方式" (interpretation
    # H2.in_lieu). A teacher whose school has no remote conditions yet takes 48 hours of
    # CD teaching each year (category remote_in_lieu) and 96 other hours.
    # Reading: they count as remote training: 48 ≥ 48 in 2006, 2007 and 2008 → PASSED;
    #          window 144 + 96 = 240 → PASSED.
    # Variant nm-hohhot-2006~H2.in_lieu: they count toward the 240 only: every year 0 of 48 →
    #          FAILED; the window still 240 → PASSED.
    records = [
        rec("CD2006", "48", date(2006, 10, 1), category="remote_in_lieu"),
        rec("CD2007", "48", date(2007, 10, 1), category="remote_in_lieu"),
        rec("CD2008", "48", date(2008, 10, 1), category="remote_in_lieu"),
        rec("S", "96", date(2005, 3, 1), category="school_based"),
    ]
    base = tr.evaluate(BASE, TEACHER, records, as_of=AFTER_2008)
    assert base.status is tr.Status.PASSED
    assert dict(year(base, 2007).by_bucket) == {"remote": D(48)}
    assert entry(base, "CD2007").rule_id == "H2.in_lieu"
    assert entry(base, "CD2007").finding.citation.clause == "一"

    variant = tr.evaluate(policy.get("nm-hohhot-2006~H2.in_lieu"), TEACHER, records, AFTER_2008)
    assert window(variant).counted == D(240)
    assert window(variant).status is tr.Status.PASSED
    for y in (2006, 2007, 2008):
        assert requirement(year(variant, y), "H2.remote_hours").missing == D(48)
    assert variant.status is tr.Status.FAILED


# ------------------------------------------------------------------ H7: 可参照


def test_h7_reference_figure_variant_keeps_the_5_percent():
    # 规划 五.4 (H7): "学校投入可参照…教师培训费按照学校年度公用经费预算总额的5%安排"
    # (interpretation H7.reference). Reading: binding; variant: a reference figure, a
    # recommendation — the same 5 %: 1,000,000 × 0.05 = 50,000.
    variant = policy.get("nm-hohhot-2006~H7.reference")
    assert rule_of(BASE, "H7.budget", BudgetShare).binding is True
    assert rule_of(variant, "H7.budget", BudgetShare).binding is False
    assert tr.school_training_budget(variant, D(1000000)) == D(50000)


def test_an_exclude_rule_names_what_it_rules_out():
    # An ExcludeRule with an empty selector would rule out every record: refused when
    # the rule is built, with the field's path.
    with pytest.raises(tr.PolicyDataError) as caught:
        policy.ExcludeRule(
            id="X.all",
            citation=BASE.rule("H1.non_degree").citation,
            selector=policy.Selector(),
            reason=policy.Text("不计", "not counted"),
        )
    assert (caught.value.code, caught.value.path) == ("policy.empty", "selector")
    # As data, the rule round-trips (kind "exclude_rule").
    data = policy.to_dict(BASE)
    (encoded,) = [r for r in data["rules"] if r["id"] == "H1.non_degree"]
    assert encoded["kind"] == "exclude_rule"
    assert policy.from_dict(data) == BASE
