"""Hand-worked scenarios of the fixture county regulation (``fixture_county.py``).

Each test names the article of the fixture text it checks; the arithmetic is in the
comments. The fixture is fictional: it exists to exercise caps (第三条), parts with a
one-way cover (第四条), a single-activity minimum (第五条), service proration (第六条)
and credits converted from hours (第七条) as policy data, with no engine change.
"""

import json
from datetime import date
from decimal import Decimal

import attrs
import pytest
from fixture_county import ACTIVITY, CREDITS_POLICY, HOURS, HOURS_POLICY
from scenario_helpers import check_findings, cited, entry

import trainingrules as tr
from trainingrules.policy import ActivityBy, Cover

D = Decimal
CYCLE = date(2011, 1, 1)


def teacher(**changes):
    return tr.Teacher(
        id="T1",
        birth_date=date(1980, 1, 1),
        sex=tr.Sex.FEMALE,
        title=tr.Title.INTERMEDIATE,
        **changes,
    )


def rec(rid, hours, day, category, activity=""):
    return tr.TrainingRecord(
        id=rid, hours=D(hours), completed_on=day, category=category, activity=activity
    )


FULL = [
    rec("S1", 100, date(2012, 3, 1), "school_based"),
    rec("S2", 50, date(2013, 3, 1), "school_based"),
    rec("C1", 40, date(2012, 5, 1), "compulsory", "course-1"),
    rec("C2", 40, date(2012, 6, 1), "compulsory", "course-1"),
    rec("C3", 50, date(2014, 5, 1), "compulsory", "course-2"),
    rec("E1", 55, date(2015, 6, 1), "elective"),
    rec("E2", 55, date(2015, 7, 1), "elective"),
]


def test_school_based_hours_count_for_at_most_a_third_and_the_crossing_record_is_split():
    # 第三条 "其中校本研修计入的学时不超过总学时的三分之一": cap = 360 × 1/3 = 120.
    # S1 (100) fills it to 100; S2 (50) brings it to 150: 20 count, 30 are over the cap.
    ev = tr.evaluate(HOURS_POLICY, teacher(), FULL, date(2016, 1, 1))
    cycle = ev.period("A3.cycle", CYCLE)
    assert dict(cycle.by_bucket) == {
        "compulsory": D(130),
        "elective": D(110),
        "school_based": D(120),
    }
    assert cycle.counted == D(360)  # 130 + 110 + 120
    assert entry(ev, "S1").over_cap == ()
    (over,) = entry(ev, "S2").over_cap
    assert (over.amount, over.rule_id, over.period) == (D(30), "A3.hours", "A3.cycle 2011–2015")
    assert over.finding.code == "record.over_cap"
    assert cited(over.finding).clause == "第三条"
    assert "30学时" in over.finding.zh
    assert "120学时" in over.finding.zh
    assert over.finding in ev.findings


def test_surplus_of_compulsory_covers_elective_and_the_cycle_passes():
    # 第四条: compulsory 130 ≥ 120 (surplus 10); elective 55 + 55 = 110 < 120 (10 short);
    # "必修课程超出部分可计入选修课程" → the 10 are covered. 第五条: course-1 = 40 + 40 = 80
    # ≥ 72 in one activity (the other records are activities of 50 and 55). Total 360 → 合格.
    ev = tr.evaluate(HOURS_POLICY, teacher(), FULL, date(2016, 1, 1))
    cycle = ev.period("A3.cycle", CYCLE)
    assert cycle.status is tr.Status.PASSED
    (req,) = cycle.requirements
    assert [(p.bucket, p.counted, p.missing) for p in req.parts] == [
        ("compulsory", D(130), D(0)),
        ("elective", D(110), D(0)),
    ]
    assert req.activity == D(80)
    check_findings(ev)


def test_surplus_of_elective_never_covers_compulsory():
    # 第四条 "选修课程不得抵顶必修课程": compulsory 110 (10 short), elective 130 (10 over),
    # school-based 120: the total is 360, but the compulsory part stays 10 short → 不合格.
    records = [
        rec("S1", 120, date(2012, 3, 1), "school_based"),
        rec("C1", 40, date(2012, 5, 1), "compulsory", "course-1"),
        rec("C2", 40, date(2012, 6, 1), "compulsory", "course-1"),
        rec("C3", 30, date(2014, 5, 1), "compulsory"),
        rec("E1", 130, date(2015, 6, 1), "elective"),
    ]
    ev = tr.evaluate(HOURS_POLICY, teacher(), records, date(2016, 1, 1))
    cycle = ev.period("A3.cycle", CYCLE)
    assert cycle.counted == D(360)
    assert cycle.status is tr.Status.FAILED
    (req,) = cycle.requirements
    assert req.missing == D(0)
    assert [(p.bucket, p.missing) for p in req.parts] == [("compulsory", D(10)), ("elective", D(0))]
    (short,) = [f for f in cycle.findings if f.code == "hours.part_short"]
    assert "必修课程" in short.zh
    assert "差10学时" in short.zh or "仍差10学时" in short.zh
    # Stated the other way round too, the cover would apply: the reverse is data, not code.
    both_ways = attrs.evolve(
        HOURS,
        covers=(*HOURS.covers, Cover(surplus_of="elective", may_cover="compulsory")),
    )
    variant = HOURS_POLICY.variant(
        "xx-county-2020~both-ways",
        rules=tuple(both_ways if r.id == HOURS.id else r for r in HOURS_POLICY.rules),
    )
    passed = tr.evaluate(variant, teacher(), records, date(2016, 1, 1))
    assert passed.period("A3.cycle", CYCLE).status is tr.Status.PASSED


def test_one_activity_means_one_record_when_the_policy_says_so():
    # 第五条 "至少参加一次不少于72学时的集中培训": read as one activity (records of one
    # course add up: course-1 = 80) the cycle passes; read as one record, the largest
    # record is 55 < 72 and the cycle fails. The reading is policy data (ActivityBy).
    by_record = attrs.evolve(HOURS, including=attrs.evolve(ACTIVITY, by=ActivityBy.RECORD))
    variant = HOURS_POLICY.variant(
        "xx-county-2020~record",
        rules=tuple(by_record if r.id == HOURS.id else r for r in HOURS_POLICY.rules),
    )
    ev = tr.evaluate(variant, teacher(), FULL, date(2016, 1, 1))
    cycle = ev.period("A3.cycle", CYCLE)
    assert cycle.status is tr.Status.FAILED
    assert cycle.requirements[0].activity == D(55)
    (short,) = [f for f in cycle.findings if f.code == "hours.activity_short"]
    assert cited(short).clause == "第五条"
    assert "72学时" in short.zh


def test_the_shortfall_names_only_what_would_still_count():
    # 第三条: as of 2014-12-31 school-based hours are at their cap (150 → 120), so the
    # 180 still missing (360 − 120 − 60) can only come from compulsory or elective hours.
    records = [
        rec("S1", 100, date(2012, 3, 1), "school_based"),
        rec("S2", 50, date(2013, 3, 1), "school_based"),
        rec("C1", 60, date(2013, 5, 1), "compulsory"),
    ]
    ev = tr.evaluate(HOURS_POLICY, teacher(), records, date(2014, 12, 31))
    total, compulsory, elective, activity = ev.shortfall
    assert (total.hours, total.buckets) == (D(180), ("compulsory", "elective"))
    assert (compulsory.hours, compulsory.buckets) == (D(60), ("compulsory",))
    assert (elective.hours, elective.buckets) == (D(120), ("elective",))
    assert activity.label == ACTIVITY.label
    assert ev.status is tr.Status.IN_PROGRESS


def test_a_teacher_hired_inside_the_cycle_owes_the_prorated_figure():
    # 第六条 "按在岗时间折算学时，不足1学时的按1学时计": hired 2014-01-01, in service 730 of
    # the cycle's 1826 days: 360 × 730 / 1826 = 143.92… → 144; each part 120 × 730 / 1826
    # = 47.97… → 48; the cap a third of 144 = 48. The activity minimum is not prorated.
    hired = teacher(employed_from=date(2014, 1, 1))
    records = [
        rec("C1", 72, date(2014, 3, 1), "compulsory", "c1"),
        rec("E1", 48, date(2014, 4, 1), "elective"),
        rec("S1", 30, date(2015, 1, 1), "school_based"),
    ]
    ev = tr.evaluate(HOURS_POLICY, hired, records, date(2016, 1, 1))
    cycle = ev.period("A3.cycle", CYCLE)
    (req,) = cycle.requirements
    assert req.required == D(144)
    assert [p.required for p in req.parts] == [D(48), D(48)]
    assert cycle.status is tr.Status.PASSED  # 72 + 48 + 30 = 150 ≥ 144
    # Without the service rule (每人不少于360学时 read literally) the same teacher fails.
    literal = HOURS_POLICY.variant(
        "xx-county-2020~literal", rules=tuple(r for r in HOURS_POLICY.rules if r.id != "A6.service")
    )
    failed = tr.evaluate(literal, hired, records, date(2016, 1, 1))
    assert failed.period("A3.cycle", CYCLE).status is tr.Status.FAILED


def test_a_teacher_not_in_service_in_a_cycle_is_exempt_from_it():
    # 第六条: hired 2016-06-01, no day of service in 2011–2015: nothing is owed there.
    ev = tr.evaluate(HOURS_POLICY, teacher(employed_from=date(2016, 6, 1)), [], date(2016, 7, 1))
    first = ev.period("A3.cycle", CYCLE)
    assert first.status is tr.Status.EXEMPT
    assert [f.code for f in first.findings] == ["hours.no_service"]
    assert cited(first.findings[0]).clause == "第六条"


def test_records_in_any_order_give_the_same_result_byte_for_byte():
    # Caps are filled in canonical order (date, then id), never in input order.
    forward = tr.evaluate(HOURS_POLICY, teacher(), FULL, date(2016, 1, 1))
    backward = tr.evaluate(HOURS_POLICY, teacher(), list(reversed(FULL)), date(2016, 1, 1))
    assert forward == backward
    assert json.dumps(forward.to_dict()) == json.dumps(backward.to_dict())


def test_credits_are_converted_per_record_and_said_in_credits():
    # 第七条 "集中培训每10学时折算1学分，网络研修每20学时折算1学分，每项培训不足1学分的部分不计":
    # 35 concentrated hours → 3.5 → 3 credits; 45 online hours → 2.25 → 2 credits.
    # 3 + 2 = 5 < 6 → 2021 不合格, 1 credit short.
    records = [
        rec("K1", 35, date(2021, 3, 1), "concentrated"),
        rec("K2", 45, date(2021, 9, 1), "online"),
    ]
    ev = tr.evaluate(CREDITS_POLICY, teacher(), records, date(2022, 1, 1))
    year = ev.period("A7.year", date(2021, 1, 1))
    assert year.status is tr.Status.FAILED
    (req,) = year.requirements
    assert (req.required, req.counted, req.missing, req.unit) == (D(6), D(5), D(1), tr.Unit.CREDITS)
    assert (entry(ev, "K1").credited, entry(ev, "K2").credited) == (D(3), D(2))
    (short,) = [f for f in year.findings if f.code == "hours.short"]
    assert short.zh == "2021年继续教育学分5学分，少于要求的6学分（差1学分）"
    assert (
        short.en
        == "2021: 5 credits of continuing-education credits, below the 6 required (1 short)"
    )
    for finding in ev.findings:
        assert "学时" not in finding.zh, finding
        assert "hours" not in finding.en, finding


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ratio": D("0.1"), "unit": tr.Unit.HOURS}, "policy.unit"),  # one bucket, two units
    ],
)
def test_a_bucket_has_one_unit(changes, code):
    first, second = CREDITS_POLICY.rules[1], CREDITS_POLICY.rules[2]
    with pytest.raises(tr.PolicyDataError) as caught:
        attrs.evolve(
            CREDITS_POLICY,
            rules=(
                CREDITS_POLICY.rules[0],
                first,
                attrs.evolve(second, **changes),
                CREDITS_POLICY.rules[3],
            ),
        )
    assert caught.value.code == code


def test_a_cap_must_cite_one_of_the_policy_documents():
    foreign = attrs.evolve(HOURS.caps[0], citation=tr.policy.Citation("某市〔2020〕9号", "第一条"))
    with pytest.raises(tr.PolicyDataError) as caught:
        HOURS_POLICY.variant(
            "xx-county-2020~foreign",
            rules=tuple(
                attrs.evolve(HOURS, caps=(foreign,)) if r.id == HOURS.id else r
                for r in HOURS_POLICY.rules
            ),
        )
    assert (caught.value.code, caught.value.path) == (
        "policy.reference",
        "rules[4].caps[0].citation.document",
    )
