"""Hand-worked scenarios of a fictional registration regulation (a test fixture).

The regulation below is invented for these tests; it is not in the catalogue. It
exists to exercise, as policy data and with no engine change, a decision with three
outcomes (合格 / 暂缓注册 / 不予注册), a window (一个注册周期内), consecutive failures
(连续两年), the following year (次年), the next period (下一注册周期) and a factor that is
no bar (作为……的参考). Its text, quoted by the tests::

    虚构市中小学教师资格定期注册与培训考核办法（虚教〔2021〕1号，测试用）

    第一条 教师资格定期注册周期为五年，第一个注册周期自2021年1月1日起至2025年12月31日止。
    第二条 教师每年参加培训不少于72学时的，年度培训考核合格。
    第三条 一个注册周期内有年度培训考核不合格的，本注册周期内暂缓注册。
    第四条 连续两年年度培训考核不合格的，不予注册。
    第五条 年度培训考核不合格的，次年不得晋升教师职务。
    第六条 一个注册周期内有年度培训考核不合格的，在下一注册周期内不得评聘教师职务。
    第七条 年度培训考核结果作为教师考核的参考。

Statutory convention: 不少于72 includes 72.
"""

from datetime import date
from decimal import Decimal

import pytest
from scenario_helpers import check_findings, decisions

import trainingrules as tr
from trainingrules.policy import (
    ByTitle,
    Citation,
    Consequence,
    CountRule,
    DecisionKind,
    DecisionOutcome,
    Document,
    Duration,
    HoursRequirement,
    PeriodScheme,
    Policy,
    Selector,
    Text,
)

D = Decimal
NUMBER = "虚教〔2021〕1号"
DOCUMENT = Document(
    number=NUMBER,
    title="虚构市中小学教师资格定期注册与培训考核办法（测试用）",
    issuer="虚构市教育局",
)


def article(clause, quote):
    return Citation(NUMBER, clause, quote)


ART_1 = article(
    "第一条",
    "教师资格定期注册周期为五年，第一个注册周期自2021年1月1日起至2025年12月31日止",
)
ART_2 = article("第二条", "教师每年参加培训不少于72学时的，年度培训考核合格")
ART_3 = article("第三条", "一个注册周期内有年度培训考核不合格的，本注册周期内暂缓注册")
ART_4 = article("第四条", "连续两年年度培训考核不合格的，不予注册")
ART_5 = article("第五条", "年度培训考核不合格的，次年不得晋升教师职务")
ART_6 = article("第六条", "一个注册周期内有年度培训考核不合格的，在下一注册周期内不得评聘教师职务")
ART_7 = article("第七条", "年度培训考核结果作为教师考核的参考")

REGISTRATION = frozenset({DecisionKind.RE_REGISTRATION})
POLICY = Policy(
    id="xx-registration",
    title=Text("虚构市教师资格定期注册与培训考核（测试用）", "fictional registration rules"),
    region="360000",
    effective_from=date(2021, 1, 1),
    documents=(DOCUMENT,),
    rules=(
        PeriodScheme(
            id="R1.cycle",
            citation=ART_1,
            label=Text("注册周期", "registration cycle"),
            start=date(2021, 1, 1),
            years=5,
        ),
        PeriodScheme(
            id="R2.year",
            citation=ART_2,
            label=Text("年度培训考核", "yearly training assessment"),
            start=date(2021, 1, 1),
            years=1,
        ),
        CountRule(id="R2.training", citation=ART_2, selector=Selector(), bucket="training"),
        HoursRequirement(
            id="R2.hours",
            citation=ART_2,
            label=Text("年度培训", "yearly training"),
            scheme="R2.year",
            minimum=ByTitle.same(D(72)),
        ),
        Consequence(
            id="R3.deferred",
            citation=ART_3,
            trigger="R2.year",
            within="R1.cycle",
            denies=REGISTRATION,
            outcome=DecisionOutcome.DEFERRED,
        ),
        Consequence(
            id="R4.refused",
            citation=ART_4,
            trigger="R2.year",
            after=2,
            denies=REGISTRATION,
        ),
        Consequence(
            id="R5.promotion",
            citation=ART_5,
            trigger="R2.year",
            denies=frozenset({DecisionKind.PROMOTION}),
            lasts=Duration.FOLLOWING_YEAR,
        ),
        Consequence(
            id="R6.appointment",
            citation=ART_6,
            trigger="R2.year",
            within="R1.cycle",
            denies=frozenset({DecisionKind.TITLE_APPOINTMENT}),
            lasts=Duration.NEXT_PERIOD,
        ),
        Consequence(
            id="R7.reference",
            citation=ART_7,
            trigger="R2.year",
            denies=frozenset({DecisionKind.ANNUAL_ASSESSMENT}),
            outcome=DecisionOutcome.ELIGIBLE,
        ),
    ),
)

ELIGIBLE = tr.DecisionOutcome.ELIGIBLE
DEFERRED = tr.DecisionOutcome.DEFERRED
INELIGIBLE = tr.DecisionOutcome.INELIGIBLE
PENDING = tr.DecisionOutcome.PENDING
RE_REGISTRATION = DecisionKind.RE_REGISTRATION
PROMOTION = DecisionKind.PROMOTION
APPOINTMENT = DecisionKind.TITLE_APPOINTMENT
ASSESSMENT = DecisionKind.ANNUAL_ASSESSMENT


def teacher():
    return tr.Teacher(id="T1", birth_date=date(1985, 3, 1), sex=tr.Sex.MALE)


def yearly(*hours):
    """One record per year from 2021, completed on 1 June: ``yearly(80, 60)``."""
    return [
        tr.TrainingRecord(
            id=f"Y{2021 + i}", hours=D(h), completed_on=date(2021 + i, 6, 1), category="training"
        )
        for i, h in enumerate(hours)
    ]


def evaluate(hours, as_of):
    ev = tr.evaluate(POLICY, teacher(), yearly(*hours), as_of)
    check_findings(ev)
    return ev


def said(decision, rule_id):
    """The decision.* code of one consequence."""
    (code,) = [f.code for f in decision.findings if f.rule_id == rule_id]
    return code


def test_the_fixture_is_valid_policy_data():
    assert tr.policy.from_dict(tr.policy.to_dict(POLICY)) == POLICY
    assert "xx-registration" not in tr.policy.ids()  # a fixture, not in the catalogue


def test_nothing_decided_yet_everything_is_pending():
    # 第二条: on 2021-06-01 the first year is still open (0 < 72, not over) → no decided
    # year, so every decision is pending.
    ev = evaluate([], date(2021, 6, 1))
    found = decisions(ev)
    assert set(found) == {RE_REGISTRATION, PROMOTION, APPOINTMENT, ASSESSMENT}
    assert {d.outcome for d in found.values()} == {PENDING}


def test_one_failed_year_defers_registration_and_bars_promotion_next_year():
    # 2021: 80 ≥ 72 合格; 2022: 60 < 72 不合格 (第二条). As of 2023-03-01:
    # 第三条 "一个注册周期内有年度培训考核不合格的，本注册周期内暂缓注册": 2022 ends within
    #   2021-2025 → 暂缓注册 for the rest of the cycle (until 2025-12-31);
    # 第四条 "连续两年……不合格的，不予注册": 2021 passed, 2022 failed → not two in a row;
    #   re-registration: the most severe of 暂缓 and 合格 → DEFERRED;
    # 第五条 "次年不得晋升教师职务": 2022 failed → no promotion in 2023, in force now;
    # 第六条 "在下一注册周期内不得评聘教师职务": failure in 2021-2025 → no appointment in
    #   2026-2030, not begun yet but decided and reported now;
    # 第七条 "作为教师考核的参考": a factor, no bar → the annual assessment stays eligible.
    ev = evaluate([80, 60], date(2023, 3, 1))
    found = decisions(ev)

    registration = found[RE_REGISTRATION]
    assert registration.outcome is DEFERRED
    assert (registration.since, registration.until) == (date(2021, 1, 1), date(2025, 12, 31))
    assert said(registration, "R3.deferred") == "decision.deferred"
    assert said(registration, "R4.refused") == "decision.not_consecutive"
    deferred = next(f for f in registration.findings if f.code == "decision.deferred")
    assert deferred.citation == ART_3
    assert deferred.zh == (
        "2021–2025年注册周期内2022年年度培训考核不合格，2021–2025年注册周期内暂缓办理教师资格再注册"
    )

    promotion = found[PROMOTION]
    assert (promotion.outcome, promotion.year, promotion.until) == (
        INELIGIBLE,
        2023,
        date(2023, 12, 31),
    )
    barred = next(f for f in promotion.findings if f.code == "decision.ineligible")
    assert barred.citation == ART_5
    assert "次年（2023年）不得晋级、晋升教师职务" in barred.zh

    appointment = found[APPOINTMENT]
    assert (appointment.outcome, appointment.since, appointment.until) == (
        INELIGIBLE,
        date(2026, 1, 1),
        date(2030, 12, 31),
    )
    assert "在下一注册周期（2026–2030年）不得评聘教师职务" in appointment.findings[-1].zh

    assessment = found[ASSESSMENT]
    assert assessment.outcome is ELIGIBLE
    assert said(assessment, "R7.reference") == "decision.considered"


def test_two_failed_years_in_a_row_refuse_registration():
    # 2021: 80 合格; 2022: 60 and 2023: 50 < 72 不合格. As of 2024-02-01:
    # 第四条 连续两年不合格 → 不予注册, until a later year is passed (no fixed end);
    # 第三条 still defers it, but 不予注册 is more severe → INELIGIBLE.
    # 第五条: 2022's bar (2023) has ended; 2023's bar is for 2024 → INELIGIBLE in 2024.
    ev = evaluate([80, 60, 50], date(2024, 2, 1))
    found = decisions(ev)
    registration = found[RE_REGISTRATION]
    assert (registration.outcome, registration.since, registration.until) == (
        INELIGIBLE,
        None,
        None,
    )
    assert said(registration, "R3.deferred") == "decision.deferred"
    assert said(registration, "R4.refused") == "decision.ineligible"
    refused = next(f for f in registration.findings if f.code == "decision.ineligible")
    assert refused.citation == ART_4
    assert refused.zh.startswith("2022年、2023年年度培训考核连续2次不合格")
    assert (found[PROMOTION].outcome, found[PROMOTION].year) == (INELIGIBLE, 2024)


def test_a_later_pass_lifts_the_refusal_not_the_deferral():
    # 2021 80, 2022 60 (failed), 2023 72 (= 72, 不少于72 → 合格). As of 2024-06-01:
    # 第四条: the latest year passed → not refused; 第三条: the cycle 2021-2025 still holds
    # the 2022 failure → DEFERRED; 第五条: 2022's bar was for 2023 and ended on
    # 2023-12-31 → promotion ELIGIBLE, with the expiry reported.
    ev = evaluate([80, 60, 72], date(2024, 6, 1))
    found = decisions(ev)
    assert found[RE_REGISTRATION].outcome is DEFERRED
    assert said(found[RE_REGISTRATION], "R4.refused") == "decision.eligible"
    promotion = found[PROMOTION]
    assert promotion.outcome is ELIGIBLE
    assert said(promotion, "R5.promotion") == "decision.expired"
    expired = next(f for f in promotion.findings if f.code == "decision.expired")
    assert "2023年12月31日届满" in expired.zh
    assert "ended on 2023-12-31" in expired.en
    # 第七条: the latest year passed, so the factor no longer concerns the assessment
    assert said(found[ASSESSMENT], "R7.reference") == "decision.eligible"


@pytest.mark.parametrize(
    ("as_of", "outcome"),
    [(date(2023, 12, 31), INELIGIBLE), (date(2024, 1, 1), ELIGIBLE)],
)
def test_the_following_year_ends_on_31_december(as_of, outcome):
    # 第五条: 2022 failed → 次年 = 2023, the whole calendar year and no longer; 2023 passed.
    ev = evaluate([80, 60, 80], as_of)
    assert decisions(ev)[PROMOTION].outcome is outcome


def test_a_new_cycle_starts_afresh_but_the_next_cycle_bar_begins():
    # 2021 80, 2022 60, 2023-2025 80. As of 2026-03-01 the cycle 2026-2030 is current:
    # 第三条: its failures (none yet) decide; the deferral ended with 2021-2025 on
    #   2025-12-31 → re-registration ELIGIBLE, the expiry reported;
    # 第六条: the 2021-2025 failure bars appointment in 2026-2030 → now in force.
    ev = evaluate([80, 60, 80, 80, 80], date(2026, 3, 1))
    found = decisions(ev)
    assert found[RE_REGISTRATION].outcome is ELIGIBLE
    assert said(found[RE_REGISTRATION], "R3.deferred") == "decision.expired"
    appointment = found[APPOINTMENT]
    assert (appointment.outcome, appointment.until) == (INELIGIBLE, date(2030, 12, 31))


def test_after_the_next_cycle_everything_has_expired():
    # 2021-2030: 80 every year but 2022 (60). As of 2031-01-01: the 第六条 bar for
    # 2026-2030 ended on 2030-12-31 and 2026-2030 had no failure → ELIGIBLE; the
    # cycle 2031-2035 has no decided year yet, and the old deferral expired.
    ev = evaluate([80, 60, 80, 80, 80, 80, 80, 80, 80, 80], date(2031, 1, 1))
    found = decisions(ev)
    assert {kind: d.outcome for kind, d in found.items()} == {
        RE_REGISTRATION: ELIGIBLE,
        PROMOTION: ELIGIBLE,
        APPOINTMENT: ELIGIBLE,
        ASSESSMENT: ELIGIBLE,
    }
    assert said(found[APPOINTMENT], "R6.appointment") == "decision.expired"
    assert said(found[RE_REGISTRATION], "R3.deferred") == "decision.expired"
