"""Scenarios for fj-putian-hanjiang-2009: 涵政教〔2009〕70号 and its 附件一.

Every expectation is worked out by hand from the notice
(``src/trainingrules/policy/sources/fj-putian-hanjiang-2009-hanzhengjiao-2009-70.txt``);
the arithmetic is in the comments. The clauses:

* 二 (F2): 班主任课程 30 学时（必修）, 新课程改革 42 学时（选修）; 网络培训 中高级 48 / 初级 36,
  地方课程 24. With 附件一 四.1 ("first the 30 required hours, then electives for the
  rest"), interpretation F2.totals: network = 30 required + 18 (senior/intermediate)
  or + 6 (junior) elective; totals 72 and 60. Requirements per year:
  class_teacher ≥ 30; class_teacher + new_curriculum ≥ 48 / 36; local_course ≥ 24;
  all ≥ 72 / 60.
* 四 (F3): fee 180 yuan (中高级) / 120 yuan (初级) a year.
* 附件一 五.2 (F5): notes ≥ 5000 characters, ≥ 2 posts, reflection ≥ 1000 characters,
  handwritten (不得用打印稿).
* 附件一 五.3 (F6): 模拟考 (never scored), 正考, 补考; pass mark 60 (interpretation F6.pass).
* 附件一 五.4 (F7): unexcused absence from the local course → the year is 不合格.
* 附件一 五.6 (F9): a failed year → remedial training, 费用自理 (teacher pays).
* 六 (F10): not completing the 5-year cycle → no title appointment or promotion in the
  following year.
"""

from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import cited

import trainingrules as tr
from trainingrules import policy

D = Decimal
NOTICE = "涵政教〔2009〕70号"
BASE = policy.get("fj-putian-hanjiang-2009")
F2_TOTALS = policy.get("fj-putian-hanjiang-2009~F2.totals")
YEAR_START = date(2009, 1, 1)
AFTER_2009 = date(2010, 1, 1)  # the 2009 year (calendar, interpretation F4.year) is over
MID_2009 = date(2009, 11, 30)

# Findings that explain a pass or a neutral fact, not a failure.
NOT_A_FAILURE = frozenset(
    {
        "hours.met",
        "hours.no_figure",
        "hours.not_started",
        "hours.open",
        "written.met",
        "attendance.present",
        "exam.formal_passed",
        "exam.makeup_passed",
    }
)


def teacher(title):
    return tr.Teacher(
        id=f"T-{title.value}",
        birth_date=date(1975, 2, 10),
        sex=tr.Sex.MALE,
        title=title,
        region="350303",
        roles=frozenset({"class_teacher"}),
    )


SENIOR = teacher(tr.Title.SENIOR)
INTERMEDIATE = teacher(tr.Title.INTERMEDIATE)
JUNIOR = teacher(tr.Title.JUNIOR)
NO_TITLE = teacher(tr.Title.NONE)


def hours(class_teacher="0", new_curriculum="0", local_course="0"):
    """Records of the three categories, all completed during 2009 (zero-hour ones left out)."""
    made = []
    for rid, amount, category, day in (
        ("CT", class_teacher, "class_teacher", date(2009, 5, 10)),
        ("NC", new_curriculum, "new_curriculum", date(2009, 6, 20)),
        ("LC", local_course, "local_course", date(2009, 8, 15)),
    ):
        if D(amount) > 0:
            made.append(
                tr.TrainingRecord(id=rid, hours=D(amount), completed_on=day, category=category)
            )
    return made


def sitting(kind, day, score):
    return tr.ExamSitting(kind=kind, on=day, score=None if score is None else D(score))


FORMAL_75 = sitting(tr.SittingKind.FORMAL, date(2009, 10, 10), "75")
WRITTEN_OK = tr.WrittenWork(
    notes_chars=5000, forum_posts=2, reflection_chars=1000, handwritten=True
)


def assessment(sittings=(FORMAL_75,), written=WRITTEN_OK, absent=False):
    return tr.Assessment(sittings=sittings, written_work=written, unexcused_absence=absent)


def the_year(ev):
    (found,) = [p for p in ev.periods if p.scheme == "F4.year"]
    assert found.period.start == YEAR_START
    assert found.period.end == AFTER_2009
    return found


def requirement(period_result, rule_id):
    (found,) = [r for r in period_result.requirements if r.rule_id == rule_id]
    return found


def condition(period_result, rule_id):
    (found,) = [c for c in period_result.conditions if c.rule_id == rule_id]
    return found


def missing(period_result):
    """Unmet requirements as {rule id: hours missing}."""
    return {r.rule_id: r.missing for r in period_result.requirements if not r.met}


def decision(ev, kind):
    (found,) = [d for d in ev.eligibility if d.kind == kind]
    return found


def assert_failed_periods_cited(ev):
    # Every FAILED period has a finding that explains the failure and cites the notice.
    failed = [p for p in ev.periods if p.status is tr.Status.FAILED]
    for p in failed:
        assert any(
            f.code not in NOT_A_FAILURE and f.citation is not None and f.citation.document == NOTICE
            for f in p.findings
        ), [(f.code, f.citation) for f in p.findings]
    return failed


# ------------------------------------------------------------------ F2: hours by title


def test_complete_senior_teacher_passes():
    # 涵政教〔2009〕70号 二 + 附件一 四.1 (F2), 附件一 五.2-五.4 (F5-F7), 六 (F4):
    # class_teacher 30 ≥ 30; network 30 + 18 = 48 ≥ 48; local 24 ≥ 24;
    # total 30 + 18 + 24 = 72 ≥ 72; formal exam 75 ≥ 60; written work exactly at the
    # minimums (5000 / 2 / 1000, handwritten); no unexcused absence → 合格.
    ev = tr.evaluate(
        BASE, SENIOR, hours("30", "18", "24"), as_of=AFTER_2009, assessment=assessment()
    )

    year = the_year(ev)
    assert year.status is tr.Status.PASSED
    assert ev.status is tr.Status.PASSED
    assert year.counted == D(72)
    assert dict(year.by_bucket) == {
        "class_teacher": D(30),
        "new_curriculum": D(18),
        "local_course": D(24),
    }
    assert {r.rule_id: (r.required, r.counted) for r in year.requirements} == {
        "F2.required": (D(30), D(30)),
        "F2.network": (D(48), D(48)),
        "F2.local": (D(24), D(24)),
        "F2.total": (D(72), D(72)),
    }
    assert {c.rule_id: c.status for c in year.conditions} == {
        "F5.written": tr.Status.PASSED,
        "F6.exam": tr.Status.PASSED,
        "F7.absence": tr.Status.PASSED,
    }
    assert year.shortfall == ()
    # F9: no failed year, no remedial training.
    (remedial,) = ev.remedial
    assert not remedial.required
    assert remedial.failed_periods == ()


def test_junior_30_6_24_passes_but_senior_and_intermediate_fail():
    # 涵政教〔2009〕70号 二 (F2, interpretation F2.totals):
    # junior: class_teacher 30 ≥ 30; network 30 + 6 = 36 ≥ 36; local 24 ≥ 24;
    #         total 60 ≥ 60 → PASSED.
    # senior/intermediate: network 36 < 48 (12 short); total 60 < 72 (12 short) → FAILED.
    records = hours("30", "6", "24")

    junior = tr.evaluate(BASE, JUNIOR, records, as_of=AFTER_2009, assessment=assessment())
    assert the_year(junior).status is tr.Status.PASSED
    assert requirement(the_year(junior), "F2.network").required == D(36)
    assert requirement(the_year(junior), "F2.total").required == D(60)

    for title_teacher in (SENIOR, INTERMEDIATE):
        ev = tr.evaluate(BASE, title_teacher, records, as_of=AFTER_2009, assessment=assessment())
        year = the_year(ev)
        assert year.status is tr.Status.FAILED
        assert missing(year) == {"F2.network": D(12), "F2.total": D(12)}
        short = {f.rule_id: f for f in year.findings if f.code == "hours.short"}
        assert set(short) == {"F2.network", "F2.total"}
        assert short["F2.network"].citation.clause == "二"
        assert short["F2.total"].citation.clause == "附件一 四.1"
        assert "F2.totals" in short["F2.total"].interpretations
        assert_failed_periods_cited(ev)


def test_surplus_class_teacher_hours_fill_the_elective_part():
    # 涵政教〔2009〕70号 二 + 附件一 四.1 (F2): required part 班主任 30, elective part 18
    # (senior). 48 class-teacher hours: required 48 ≥ 30, network 48 + 0 = 48 ≥ 48
    # (18 surplus fills the elective), local 24 ≥ 24, total 72 ≥ 72 → PASSED.
    ev = tr.evaluate(
        BASE, SENIOR, hours("48", "0", "24"), as_of=AFTER_2009, assessment=assessment()
    )

    assert the_year(ev).status is tr.Status.PASSED
    assert missing(the_year(ev)) == {}


def test_elective_hours_do_not_fill_the_required_part():
    # 涵政教〔2009〕70号 二 (F2): 班主任课程 30 学时（必修）. 0 class-teacher + 48
    # new-curriculum + 24 local: network 0 + 48 = 48 ≥ 48 and total 72 ≥ 72 are met,
    # but the required part has 0 < 30 (30 short) → FAILED. Electives never stand in
    # for the required course.
    ev = tr.evaluate(
        BASE, SENIOR, hours("0", "48", "24"), as_of=AFTER_2009, assessment=assessment()
    )

    year = the_year(ev)
    assert year.status is tr.Status.FAILED
    assert missing(year) == {"F2.required": D(30)}
    (short,) = [f for f in year.findings if f.code == "hours.short"]
    assert short.rule_id == "F2.required"
    assert short.citation.document == NOTICE
    assert short.citation.clause == "二"
    assert_failed_periods_cited(ev)


def test_29_5_class_teacher_hours_fail():
    # 涵政教〔2009〕70号 二 (F2): 29.5 < 30 required (0.5 short), although network
    # 29.5 + 18.5 = 48 ≥ 48 and total 29.5 + 18.5 + 24 = 72 ≥ 72.
    ev = tr.evaluate(
        BASE, SENIOR, hours("29.5", "18.5", "24"), as_of=AFTER_2009, assessment=assessment()
    )

    year = the_year(ev)
    assert year.status is tr.Status.FAILED
    assert missing(year) == {"F2.required": D("0.5")}
    assert_failed_periods_cited(ev)


def test_local_course_is_required_even_with_surplus_network_hours():
    # 涵政教〔2009〕70号 二 (F2): 地方课程培训 24 学时. Senior with 30 + 42 network hours
    # (72, the whole total) and 0 local: total 72 ≥ 72, network 72 ≥ 48, but local
    # 0 < 24 (24 short) → FAILED.
    ev = tr.evaluate(
        BASE, SENIOR, hours("30", "42", "0"), as_of=AFTER_2009, assessment=assessment()
    )

    assert the_year(ev).status is tr.Status.FAILED
    assert missing(the_year(ev)) == {"F2.local": D(24)}
    assert_failed_periods_cited(ev)


def test_f2_totals_variant_junior_needs_72():
    # 涵政教〔2009〕70号 二 / 附件一 四.1, interpretation F2.totals, alternative reading:
    # the 42 elective hours apply to every title, so a junior teacher needs 72 too.
    # 30 + 6 + 24 = 60 < 72 → FAILED (12 short); network 36 ≥ 36 is still met.
    # 30 + 18 + 24 = 72 ≥ 72 → PASSED.
    assert F2_TOTALS.id == "fj-putian-hanjiang-2009~F2.totals"
    assert F2_TOTALS.parent == "fj-putian-hanjiang-2009"

    ev = tr.evaluate(
        F2_TOTALS, JUNIOR, hours("30", "6", "24"), as_of=AFTER_2009, assessment=assessment()
    )
    year = the_year(ev)
    assert year.status is tr.Status.FAILED
    assert missing(year) == {"F2.total": D(12)}
    assert requirement(year, "F2.total").required == D(72)
    assert_failed_periods_cited(ev)

    ev = tr.evaluate(
        F2_TOTALS, JUNIOR, hours("30", "18", "24"), as_of=AFTER_2009, assessment=assessment()
    )
    assert the_year(ev).status is tr.Status.PASSED


def test_records_outside_2009_or_of_unknown_categories_do_not_count():
    # 涵政教〔2009〕70号 二: the notice sets 2009's content (F4.year: calendar 2009).
    # A class-teacher record of 2008-12-31 and one of 2010-01-01 lie outside 2009;
    # a "remote" record is none of the three categories. Only the 2009 records count:
    # 30 + 18 + 24 = 72.
    extra = [
        tr.TrainingRecord(
            id="OLD", hours=D(30), completed_on=date(2008, 12, 31), category="class_teacher"
        ),
        tr.TrainingRecord(
            id="NEW", hours=D(30), completed_on=date(2010, 1, 1), category="class_teacher"
        ),
        tr.TrainingRecord(id="RMT", hours=D(40), completed_on=date(2009, 3, 1), category="remote"),
        tr.TrainingRecord(
            id="EDGE", hours=D(1), completed_on=date(2009, 12, 31), category="local_course"
        ),
    ]
    ev = tr.evaluate(
        BASE,
        SENIOR,
        hours("30", "18", "23") + extra,
        as_of=date(2010, 3, 1),
        assessment=assessment(),
    )
    reasons = {e.record_id: e.reason for e in ev.ledger}
    assert reasons == {
        "CT": None,
        "NC": None,
        "LC": None,
        "OLD": "outside_periods",
        "NEW": "outside_periods",
        "RMT": "not_recognised",
        "EDGE": None,  # 2009-12-31 is the year's last day: 23 + 1 = 24 local hours
    }
    assert the_year(ev).counted == D(72)
    assert the_year(ev).status is tr.Status.PASSED


# ------------------------------------------------------------------ F5: written work


@pytest.mark.parametrize(
    ("written", "code"),
    [
        # 4999 < 5000 characters of notes.
        (tr.WrittenWork(4999, 2, 1000, True), "written.notes_short"),
        # 1 < 2 forum posts.
        (tr.WrittenWork(5000, 1, 1000, True), "written.posts_short"),
        # 999 < 1000 characters of reflection.
        (tr.WrittenWork(5000, 2, 999, True), "written.reflection_short"),
        # printed copies (打印稿) are not accepted.
        (tr.WrittenWork(8000, 5, 3000, False), "written.printed"),
        # nothing handed in at all, and the year is over.
        (None, "written.missing"),
    ],
)
def test_written_work_short_or_printed_fails_the_year(written, code):
    # 涵政教〔2009〕70号 附件一 五.2 (F5). All hours met (senior 30 + 18 + 24 = 72) and
    # the exam passed; the written work alone decides → FAILED.
    ev = tr.evaluate(
        BASE,
        SENIOR,
        hours("30", "18", "24"),
        as_of=AFTER_2009,
        assessment=assessment(written=written),
    )

    year = the_year(ev)
    assert year.status is tr.Status.FAILED
    assert missing(year) == {}
    written_result = condition(year, "F5.written")
    assert written_result.status is tr.Status.FAILED
    assert [f.code for f in written_result.findings] == [code]
    assert written_result.findings[0].citation.clause == "附件一 五.2"
    assert_failed_periods_cited(ev)


@pytest.mark.parametrize(
    ("written", "zh", "en"),
    [
        # "在网络指定位置发帖2个": 1 post is one short; English says "1 forum post".
        (
            tr.WrittenWork(5000, 1, 1000, True),
            "发帖1个，少于2个",
            "1 forum post, below the 2 required",
        ),
        (
            tr.WrittenWork(5000, 0, 1000, True),
            "发帖0个，少于2个",
            "0 forum posts, below the 2 required",
        ),
        (
            tr.WrittenWork(1, 2, 1000, True),
            "学习笔记1字，少于5000字",
            "study notes of 1 character, below the 5000 required",
        ),
        (
            tr.WrittenWork(5000, 2, 999, True),
            "学习心得999字，少于1000字",
            "reflection of 999 characters, below the 1000 required",
        ),
    ],
)
def test_written_work_messages_count_in_words(written, zh, en):
    # 附件一 五.2 (F5): "不少于5000字的……学习笔记，在网络指定位置发帖2个，撰写不少于1000字的……
    # 学习心得体会一篇". Before: "1 forum posts".
    ev = tr.evaluate(
        BASE,
        SENIOR,
        hours("30", "18", "24"),
        as_of=AFTER_2009,
        assessment=assessment(written=written),
    )
    (finding,) = condition(the_year(ev), "F5.written").findings
    assert (finding.zh, finding.en) == (zh, en)


# ------------------------------------------------------------------ F6: the class-teacher exam


FORMAL_DAY = date(2009, 10, 10)
MAKEUP_DAY = date(2009, 11, 10)
MOCK_DAY = date(2009, 9, 20)


@pytest.mark.parametrize(
    ("sittings", "status", "reason"),
    [
        # formal 60 ≥ 60 → passed at the formal sitting.
        ([("formal", FORMAL_DAY, "60")], tr.Status.PASSED, "exam.formal_passed"),
        # formal 59.5 < 60, makeup 70 ≥ 60 after it → the makeup decides: passed.
        (
            [("formal", FORMAL_DAY, "59.5"), ("makeup", MAKEUP_DAY, "70")],
            tr.Status.PASSED,
            "exam.makeup_passed",
        ),
        # absent from the formal (no score), makeup 65 ≥ 60 → passed.
        (
            [("formal", FORMAL_DAY, None), ("makeup", MAKEUP_DAY, "65")],
            tr.Status.PASSED,
            "exam.makeup_passed",
        ),
        # formal 50 < 60, makeup 40 < 60 → failed; the mock's 95 never counts.
        (
            [("mock", MOCK_DAY, "95"), ("formal", FORMAL_DAY, "50"), ("makeup", MAKEUP_DAY, "40")],
            tr.Status.FAILED,
            "exam.makeup_failed",
        ),
        # formal 50 < 60, absent from the makeup → failed.
        (
            [("formal", FORMAL_DAY, "50"), ("makeup", MAKEUP_DAY, None)],
            tr.Status.FAILED,
            "exam.makeup_absent",
        ),
        # a "makeup" of 80 sat BEFORE the formal is no makeup: formal 40 < 60 and no
        # makeup after it → not completed when 2009 ends → failed.
        (
            [("makeup", date(2009, 9, 1), "80"), ("formal", FORMAL_DAY, "40")],
            tr.Status.FAILED,
            "exam.awaiting_makeup",
        ),
        # formal 75 ≥ 60 passes; a later makeup of 30 is irrelevant (no makeup after a pass).
        (
            [("formal", FORMAL_DAY, "75"), ("makeup", MAKEUP_DAY, "30")],
            tr.Status.PASSED,
            "exam.formal_passed",
        ),
    ],
)
def test_class_teacher_exam_sittings(sittings, status, reason):
    # 涵政教〔2009〕70号 附件一 五.3 (F6): 模拟考只供练习、不计成绩; 正考; 补考 (only after a
    # failed or missed formal). Hours all met (senior 72); the exam decides the year.
    made = tuple(sitting(tr.SittingKind(kind), day, score) for kind, day, score in sittings)
    ev = tr.evaluate(
        BASE,
        SENIOR,
        hours("30", "18", "24"),
        as_of=AFTER_2009,
        assessment=assessment(sittings=made),
    )

    year = the_year(ev)
    exam = condition(year, "F6.exam")
    assert exam.status is status
    assert exam.findings[0].code == reason
    assert exam.findings[0].citation.clause == "附件一 五.3"
    assert year.status is status
    if status is tr.Status.FAILED:
        assert_failed_periods_cited(ev)
    # The deciding sitting is reported: the formal if it passed, the makeup if it
    # decided, none while a makeup is still awaited.
    expected_kind = {
        "exam.formal_passed": tr.SittingKind.FORMAL,
        "exam.awaiting_makeup": None,
    }.get(reason, tr.SittingKind.MAKEUP)
    assert (exam.deciding.kind if exam.deciding else None) is expected_kind


def test_mock_alone_never_counts():
    # 涵政教〔2009〕70号 附件一 五.3 (F6): a mock of 100 is practice only. As of
    # 2009-11-30 the exam is not yet decided (IN_PROGRESS); once 2009 is over with no
    # formal sitting, the year is FAILED.
    mock = (sitting(tr.SittingKind.MOCK, MOCK_DAY, "100"),)
    records = hours("30", "18", "24")

    open_ev = tr.evaluate(BASE, SENIOR, records, as_of=MID_2009, assessment=assessment(mock))
    assert condition(the_year(open_ev), "F6.exam").status is tr.Status.IN_PROGRESS
    assert the_year(open_ev).status is tr.Status.IN_PROGRESS

    over = tr.evaluate(BASE, SENIOR, records, as_of=AFTER_2009, assessment=assessment(mock))
    exam = condition(the_year(over), "F6.exam")
    assert exam.status is tr.Status.FAILED
    assert [f.code for f in exam.findings] == ["exam.no_formal", "exam.not_completed"]
    assert the_year(over).status is tr.Status.FAILED
    assert_failed_periods_cited(over)


def test_failed_formal_waits_for_the_makeup_then_the_makeup_decides():
    # 涵政教〔2009〕70号 附件一 五.3 (F6): formal 45 < 60 on 2009-10-10.
    # As of 2009-10-31 no makeup yet → pending (IN_PROGRESS), not failed.
    # With a makeup of 60 ≥ 60 on 2009-11-10, as of 2010-01-01 → PASSED.
    # With no makeup at all, as of 2010-01-01 → FAILED (awaiting makeup, year over).
    formal = sitting(tr.SittingKind.FORMAL, FORMAL_DAY, "45")
    makeup = sitting(tr.SittingKind.MAKEUP, MAKEUP_DAY, "60")
    records = hours("30", "18", "24")

    waiting = tr.evaluate(
        BASE, SENIOR, records, as_of=date(2009, 10, 31), assessment=assessment((formal, makeup))
    )
    exam = condition(the_year(waiting), "F6.exam")
    assert exam.status is tr.Status.IN_PROGRESS  # the makeup is after the evaluation date
    assert exam.findings[0].code == "exam.awaiting_makeup"

    decided = tr.evaluate(
        BASE, SENIOR, records, as_of=AFTER_2009, assessment=assessment((formal, makeup))
    )
    assert the_year(decided).status is tr.Status.PASSED
    assert condition(the_year(decided), "F6.exam").findings[0].code == "exam.makeup_passed"

    never = tr.evaluate(BASE, SENIOR, records, as_of=AFTER_2009, assessment=assessment((formal,)))
    assert the_year(never).status is tr.Status.FAILED
    assert [f.code for f in condition(the_year(never), "F6.exam").findings] == [
        "exam.awaiting_makeup",
        "exam.not_completed",
    ]
    assert_failed_periods_cited(never)


@pytest.mark.parametrize(
    ("formal", "makeup", "zh", "en"),
    [
        # formal 50 < 60 (正考未通过), makeup 70 ≥ 60 → passed.
        (
            "50",
            "70",
            "班主任培训专项考核正考未通过（50分），补考70分，合格",
            "class-teacher exam: formal sitting failed (50); makeup 70, passed",
        ),
        # absent from the formal (正考缺考), makeup 70 → passed. Before: "正考未通过".
        (
            None,
            "70",
            "班主任培训专项考核正考缺考，补考70分，合格",
            "class-teacher exam: absent from the formal sitting; makeup 70, passed",
        ),
        (
            "59.5",
            "40",
            "班主任培训专项考核正考未通过（59.5分），补考40分，不合格",
            "class-teacher exam: formal sitting failed (59.5); makeup 40, failed",
        ),
        (
            None,
            "40",
            "班主任培训专项考核正考缺考，补考40分，不合格",
            "class-teacher exam: absent from the formal sitting; makeup 40, failed",
        ),
        (
            None,
            None,
            "班主任培训专项考核正考缺考，补考缺考，不合格",
            "class-teacher exam: absent from the formal sitting; absent from the makeup, failed",
        ),
    ],
)
def test_a_missed_formal_reads_as_missed_not_failed(formal, makeup, zh, en):
    # 涵政教〔2009〕70号 附件一 五.3 (F6): "B. 正考。C.补考。" A teacher absent from the
    # formal (缺考) did not fail it: the message says which, the code stays the same.
    made = (
        sitting(tr.SittingKind.FORMAL, FORMAL_DAY, formal),
        sitting(tr.SittingKind.MAKEUP, MAKEUP_DAY, makeup),
    )
    ev = tr.evaluate(
        BASE, SENIOR, hours("30", "18", "24"), as_of=AFTER_2009, assessment=assessment(made)
    )
    (finding, *_) = condition(the_year(ev), "F6.exam").findings
    assert (finding.zh, finding.en) == (zh, en)


@pytest.mark.parametrize(
    ("formal", "zh", "en"),
    [
        (
            "45",
            "班主任培训专项考核正考未通过（45分），待补考",
            "class-teacher exam: formal sitting failed (45); makeup pending",
        ),
        (
            None,
            "班主任培训专项考核正考缺考，待补考",
            "class-teacher exam: absent from the formal sitting; makeup pending",
        ),
    ],
)
def test_awaiting_the_makeup_says_whether_the_formal_was_failed_or_missed(formal, zh, en):
    # 附件一 五.3 (F6): as of 2009-10-31 the makeup (补考) is still to come.
    made = (sitting(tr.SittingKind.FORMAL, FORMAL_DAY, formal),)
    ev = tr.evaluate(
        BASE, SENIOR, hours("30", "18", "24"), as_of=date(2009, 10, 31), assessment=assessment(made)
    )
    exam = condition(the_year(ev), "F6.exam")
    assert exam.status is tr.Status.IN_PROGRESS
    (finding,) = exam.findings
    assert (finding.code, finding.zh, finding.en) == ("exam.awaiting_makeup", zh, en)


def test_spot_checks_are_a_stated_limitation():
    # 附件一 五.3 (2): "考核人员深入基层学校，随机抽查参训教师远程网络教育和地方课程培训的学习
    # 笔记和心得体会，对部分学校或教师进行书面考试的抽查" — whom (随机, 部分), no pass mark,
    # no consequence: nothing computable for a given teacher. The policy says so, and the
    # exam condition F6.exam stays the machine exam (五.3 (1)).
    text = BASE.documents[0].text()
    assert "随机抽查参训教师远程网络教育和地方课程培训的学习笔记和心得体会" in text
    assert "对部分学校或教师进行书面考试的抽查" in text
    (spot,) = [n for n in BASE.limitations if "五.3 (2)" in n.what]
    assert "spot check" in spot.what
    assert "no pass mark" in spot.why
    assert spot.ids == ()  # F6 itself is encoded (F6.exam); this is a part of it
    assert BASE.rule("F6.exam").citation.clause == "附件一 五.3"


# ------------------------------------------------------------------ F7: unexcused absence


def test_unexcused_absence_fails_the_year_with_all_hours():
    # 涵政教〔2009〕70号 附件一 五.4 (F7): "地方课程培训期间无故缺席者……其继续教育成绩定为
    # 不合格". Senior 30 + 18 + 24 = 72, exam 75, written work complete — and still
    # FAILED, even before the year ends (as of 2009-11-30).
    for as_of in (MID_2009, AFTER_2009):
        ev = tr.evaluate(
            BASE,
            SENIOR,
            hours("30", "18", "24"),
            as_of=as_of,
            assessment=assessment(absent=True),
        )
        year = the_year(ev)
        assert missing(year) == {}
        assert year.status is tr.Status.FAILED
        absence = condition(year, "F7.absence")
        assert absence.status is tr.Status.FAILED
        (finding,) = absence.findings
        assert finding.code == "attendance.absent"
        assert finding.citation.document == NOTICE
        assert finding.citation.clause == "附件一 五.4"
        assert_failed_periods_cited(ev)


def test_year_open_with_hours_missing_is_in_progress():
    # 涵政教〔2009〕70号 二 (F2), as of 2009-11-30 (2009 not over): junior with 30 + 6 + 12
    # → local 12 < 24 (12 short), total 48 < 60 (12 short); conditions met →
    # IN_PROGRESS, due 2009-12-31.
    ev = tr.evaluate(BASE, JUNIOR, hours("30", "6", "12"), as_of=MID_2009, assessment=assessment())

    year = the_year(ev)
    assert year.status is tr.Status.IN_PROGRESS
    assert {(s.rule_id, s.hours, s.due) for s in ev.shortfall} == {
        ("F2.local", D(12), date(2009, 12, 31)),
        ("F2.total", D(12), date(2009, 12, 31)),
    }


# ------------------------------------------------------------------ F3: fees


@pytest.mark.parametrize(
    ("who", "fee"),
    [(SENIOR, D(180)), (INTERMEDIATE, D(180)), (JUNIOR, D(120))],
)
def test_yearly_fee_by_title(who, fee):
    # 涵政教〔2009〕70号 四 (F3): 中高级职务教师每年培训费为180元，初级职务教师每年培训费120元.
    ev = tr.evaluate(BASE, who, [], as_of=MID_2009)

    assert ev.money.fee_due == fee
    (finding,) = ev.money.findings
    assert finding.code == "fee.due"
    assert cited(finding).clause == "四"
    assert str(fee) in finding.en


def test_no_fee_is_stated_for_a_teacher_without_a_title():
    # 涵政教〔2009〕70号 四 (F3) names only 中高级 and 初级: no fee is guessed for a
    # teacher without a title.
    ev = tr.evaluate(BASE, NO_TITLE, [], as_of=MID_2009)

    assert ev.money.fee_due is None
    (finding,) = ev.money.findings
    assert finding.code == "fee.not_stated"
    assert cited(finding).document == NOTICE
    assert cited(finding).clause == "四"


def test_teacher_without_a_title_takes_the_junior_figures():
    # 涵政教〔2009〕70号 一: the training is for all in-service teaching staff; 六: the year
    # is complete when "学时达到计划规定的总学时". 二 (F2) states the network quota (48 / 36)
    # and so the total (72 / 60) only for titled teachers; interpretation F2.no_title:
    # a teacher without a title takes the junior figures, the lowest plan stated.
    # 30 + 0 + 24 = 54: network 30 < 36 (6 short), total 54 < 60 (6 short) → FAILED.
    # (Before F2.no_title no figure applied and the same year PASSED.)
    ev = tr.evaluate(
        BASE, NO_TITLE, hours("30", "0", "24"), as_of=AFTER_2009, assessment=assessment()
    )

    year = the_year(ev)
    assert year.status is tr.Status.FAILED
    assert missing(year) == {"F2.network": D(6), "F2.total": D(6)}
    assert requirement(year, "F2.network").required == D(36)
    assert requirement(year, "F2.total").required == D(60)
    assert not [f for f in year.findings if f.code == "hours.no_figure"]
    (short,) = [f for f in year.findings if f.code == "hours.short" and f.rule_id == "F2.total"]
    assert "F2.no_title" in short.interpretations
    assert_failed_periods_cited(ev)
    # With the junior plan, 30 + 6 + 24 = 60: network 36, total 60 → PASSED.
    ok = tr.evaluate(
        BASE, NO_TITLE, hours("30", "6", "24"), as_of=AFTER_2009, assessment=assessment()
    )
    assert the_year(ok).status is tr.Status.PASSED


def test_no_title_variant_takes_the_senior_and_intermediate_figures():
    # Interpretation F2.no_title, variant: the senior/intermediate figures (二: 网络培训
    # 中高级48学时) — network 48, total 72. 30 + 6 + 24 = 60: network 36 < 48 (12 short),
    # total 60 < 72 (12 short) → FAILED; 30 + 18 + 24 = 72 → PASSED.
    variant = policy.get("fj-putian-hanjiang-2009~F2.no_title")
    ev = tr.evaluate(
        variant, NO_TITLE, hours("30", "6", "24"), as_of=AFTER_2009, assessment=assessment()
    )
    assert missing(the_year(ev)) == {"F2.network": D(12), "F2.total": D(12)}
    ok = tr.evaluate(
        variant, NO_TITLE, hours("30", "18", "24"), as_of=AFTER_2009, assessment=assessment()
    )
    assert the_year(ok).status is tr.Status.PASSED
    # Titled teachers are unchanged: a junior still needs 36 / 60.
    junior = tr.evaluate(
        variant, JUNIOR, hours("30", "6", "24"), as_of=AFTER_2009, assessment=assessment()
    )
    assert the_year(junior).status is tr.Status.PASSED


# ------------------------------------------------------------------ F9: remedial training


def test_failed_year_means_remedial_training_at_the_teachers_cost():
    # 涵政教〔2009〕70号 附件一 五.6 (F9): "考核不合格者，将根据实际情况安排补训，费用自理".
    # Junior with 30 + 6 + 20: local 20 < 24 (4 short), total 56 < 60 (4 short) →
    # 2009 FAILED → remedial training required, paid by the teacher, nothing refunded.
    ev = tr.evaluate(
        BASE, JUNIOR, hours("30", "6", "20"), as_of=AFTER_2009, assessment=assessment()
    )

    assert the_year(ev).status is tr.Status.FAILED
    assert missing(the_year(ev)) == {"F2.local": D(4), "F2.total": D(4)}
    (remedial,) = ev.remedial
    assert remedial.rule_id == "F9.remedial"
    assert remedial.required
    assert remedial.in_scope
    assert remedial.failed_periods == ("2009",)
    assert remedial.payer is policy.Payer.TEACHER
    assert remedial.refund_due == D(0)
    required = [f for f in remedial.findings if f.code == "remedial.required"]
    assert len(required) == 1
    assert cited(required[0]).clause == "附件一 五.6"
    assert "own cost" in required[0].en
    assert "费用自理" in required[0].zh
    assert decision(ev, "remedial").outcome is tr.DecisionOutcome.ELIGIBLE
    assert_failed_periods_cited(ev)


def test_absence_alone_triggers_remedial_training():
    # 涵政教〔2009〕70号 附件一 五.4 + 五.6 (F7 → F9): all hours but an unexcused absence →
    # 2009 FAILED → remedial training at the teacher's cost.
    ev = tr.evaluate(
        BASE,
        SENIOR,
        hours("30", "18", "24"),
        as_of=AFTER_2009,
        assessment=assessment(absent=True),
    )

    (remedial,) = ev.remedial
    assert remedial.required
    assert remedial.payer is policy.Payer.TEACHER


# ------------------------------------------------------------------ F10: the five-year cycle


def test_failed_cycle_bars_title_appointment_and_promotion_in_the_following_year():
    # 涵政教〔2009〕70号 六 (F10): "对在5年周期内未完成继续教育规定学时数的中小学教师，
    # 在下一年度不予评聘、晋升教师职务". The cycle 2006-01-01 .. 2010-12-31 (5 years)
    # recorded as failed → its last day is in 2010 → ineligible in 2010 + 1 = 2011.
    # The 2009 year itself is complete and passed; the cycle's result is separate.
    failed_cycle = tr.Outcome(
        scheme="F10.cycle", start=date(2006, 1, 1), passed=False, source="区进修学校 2011-01"
    )
    ev = tr.evaluate(
        BASE,
        SENIOR,
        hours("30", "18", "24"),
        as_of=date(2011, 1, 15),
        assessment=assessment(),
        outcomes=[failed_cycle],
    )

    assert the_year(ev).status is tr.Status.PASSED
    for kind in ("title_appointment", "promotion"):
        d = decision(ev, kind)
        assert d.outcome is tr.DecisionOutcome.INELIGIBLE
        assert d.year == 2011
        codes = [f.code for f in d.findings]
        assert "outcome.failed" in codes
        assert "decision.ineligible" in codes
        ineligible = next(f for f in d.findings if f.code == "decision.ineligible")
        assert ineligible.citation.document == NOTICE
        assert ineligible.citation.clause == "六"
        assert "2011" in ineligible.en
        assert "2011" in ineligible.zh
        # 下一年度 = calendar 2011 (interpretation F10.year): from 1 January to 31 December
        assert (d.since, d.until) == (date(2011, 1, 1), date(2011, 12, 31))
        assert "F10.year" in ineligible.interpretations


F10_QUOTE = "对在5年周期内未完成继续教育规定学时数的中小学教师，在下一年度不予评聘、晋升教师职务"


def failed_cycle(start):
    return tr.Outcome(scheme="F10.cycle", start=start, passed=False, source="区进修学校")


def test_f10_quote_is_clause_six_verbatim():
    assert BASE.rule("F10.no_promotion").citation.quote == F10_QUOTE
    assert BASE.rule("F10.no_promotion").citation.clause == "六"


def test_a_cycle_failed_in_2001_2005_no_longer_bars_promotion_in_2009():
    # 涵政教〔2009〕70号 六 (F10): "……在下一年度不予评聘、晋升教师职务". The cycle
    # 2001-01-01 .. 2005-12-31 failed → the bar is for 下一年度 = 2006, and ended on
    # 2006-12-31. Before: INELIGIBLE in 2009 (the latest decided cycle governed, with
    # year 2006 already past). After: ELIGIBLE in 2009, the expiry reported and cited.
    ev = tr.evaluate(
        BASE, SENIOR, [], as_of=date(2009, 6, 1), outcomes=[failed_cycle(date(2001, 1, 1))]
    )
    for kind in ("title_appointment", "promotion"):
        d = decision(ev, kind)
        assert (d.outcome, d.year, d.since, d.until) == (
            tr.DecisionOutcome.ELIGIBLE,
            None,
            None,
            None,
        )
        assert [f.code for f in d.findings] == ["outcome.failed", "decision.expired"]
        expired = d.findings[1]
        assert (expired.citation.document, expired.citation.clause) == (NOTICE, "六")
        assert "2006年12月31日届满" in expired.zh
        assert "ended on 2006-12-31" in expired.en


@pytest.mark.parametrize(
    ("as_of", "outcome"),
    [
        # 2006-2010 failed: 下一年度 = 2011, its first and last days bar, 2012 does not
        (date(2011, 1, 1), tr.DecisionOutcome.INELIGIBLE),
        (date(2011, 12, 31), tr.DecisionOutcome.INELIGIBLE),
        (date(2012, 1, 1), tr.DecisionOutcome.ELIGIBLE),
    ],
)
def test_the_following_year_is_one_calendar_year(as_of, outcome):
    # 涵政教〔2009〕70号 六 (F10): "在下一年度不予评聘、晋升教师职务".
    ev = tr.evaluate(BASE, SENIOR, [], as_of=as_of, outcomes=[failed_cycle(date(2006, 1, 1))])
    assert decision(ev, "promotion").outcome is outcome


def test_a_bar_not_begun_yet_is_reported_with_its_year():
    # 涵政教〔2009〕70号 六 (F10): the 2006-2010 cycle recorded as failed already on
    # 2010-06-01 (e.g. the hours can no longer be reached): the bar is for 2011 and has
    # not begun; it is reported now with the year it applies to.
    ev = tr.evaluate(
        BASE, SENIOR, [], as_of=date(2010, 6, 1), outcomes=[failed_cycle(date(2006, 1, 1))]
    )
    d = decision(ev, "title_appointment")
    assert (d.outcome, d.year, d.since, d.until) == (
        tr.DecisionOutcome.INELIGIBLE,
        2011,
        date(2011, 1, 1),
        date(2011, 12, 31),
    )
    (barred,) = [f for f in d.findings if f.code == "decision.ineligible"]
    assert barred.zh == "2006–2010年五年周期不合格，次年（2011年）不得评聘教师职务"


def test_two_failed_cycles_the_bar_in_force_is_reported():
    # 涵政教〔2009〕70号 六 (F10): 2001-2005 and 2006-2010 both failed. As of 2011-03-01
    # 2001-2005's bar (2006) is over; 2006-2010's (2011) is in force.
    ev = tr.evaluate(
        BASE,
        SENIOR,
        [],
        as_of=date(2011, 3, 1),
        outcomes=[failed_cycle(date(2001, 1, 1)), failed_cycle(date(2006, 1, 1))],
    )
    d = decision(ev, "promotion")
    assert (d.outcome, d.year) == (tr.DecisionOutcome.INELIGIBLE, 2011)


def test_passed_cycle_or_no_cycle_result():
    # 涵政教〔2009〕70号 六 (F10): a passed cycle bars nothing (ELIGIBLE, no year);
    # without any recorded cycle result the decisions stay PENDING (the notice does not
    # state the cycle's years or hours, so the library does not compute it).
    passed_cycle = tr.Outcome(scheme="F10.cycle", start=date(2006, 1, 1), passed=True)
    ev = tr.evaluate(BASE, SENIOR, [], as_of=date(2011, 1, 15), outcomes=[passed_cycle])
    for kind in ("title_appointment", "promotion"):
        assert decision(ev, kind).outcome is tr.DecisionOutcome.ELIGIBLE
        assert decision(ev, kind).year is None

    ev = tr.evaluate(BASE, SENIOR, [], as_of=date(2011, 1, 15))
    for kind in ("title_appointment", "promotion"):
        assert decision(ev, kind).outcome is tr.DecisionOutcome.PENDING


# ------------------------------------------------------------------ every failure is cited


@pytest.mark.parametrize(
    ("who", "amounts", "kwargs"),
    [
        (SENIOR, ("30", "6", "24"), {}),  # network 36 < 48, total 60 < 72
        (JUNIOR, ("29", "7", "24"), {}),  # required 29 < 30
        (JUNIOR, ("30", "6", "24"), {"absent": True}),  # F7
        (JUNIOR, ("30", "6", "24"), {"written": None}),  # F5, nothing handed in
        (JUNIOR, ("30", "6", "24"), {"sittings": ()}),  # F6, no formal by year end
        (INTERMEDIATE, (), {"written": None, "sittings": ()}),  # nothing at all
    ],
)
def test_every_failed_period_cites_the_notice(who, amounts, kwargs):
    # 涵政教〔2009〕70号 (F2, F5-F7): each of these years is over (as of 2010-01-01) and
    # fails; each FAILED period carries a failure finding citing the notice.
    ev = tr.evaluate(BASE, who, hours(*amounts), as_of=AFTER_2009, assessment=assessment(**kwargs))

    failed = assert_failed_periods_cited(ev)
    assert len(failed) == 1
    assert ev.status is tr.Status.FAILED
