"""Sample teachers for the demo: a few hand-made cases per catalogue policy."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from trainingrules import policy
from trainingrules.engine import Evaluation, evaluate
from trainingrules.records import (
    Assessment,
    CourseResult,
    CreditState,
    ExamSitting,
    Outcome,
    Sex,
    SittingKind,
    Teacher,
    Title,
    TrainingRecord,
    WrittenWork,
)

__all__ = ["DEMO_CASES", "DemoCase", "render"]


@attrs.frozen
class DemoCase:
    """A teacher, their records and the policy to apply, with a one-line story."""

    story: str
    policy_id: str
    teacher: Teacher
    records: tuple[TrainingRecord, ...]
    as_of: date
    assessment: Assessment | None = None
    outcomes: tuple[Outcome, ...] = ()

    def evaluate(self) -> Evaluation:
        """Evaluate the case."""
        return evaluate(
            policy.get(self.policy_id),
            self.teacher,
            self.records,
            self.as_of,
            assessment=self.assessment,
            outcomes=self.outcomes,
        )


def _r(  # noqa: PLR0913 - a record's fields, by name
    rid: str,
    hours: str,
    day: date,
    category: str,
    *,
    programme: str = "",
    credit_state: CreditState | None = None,
    fee_paid: Decimal = Decimal(0),
    course: CourseResult | None = None,
) -> TrainingRecord:
    return TrainingRecord(
        id=rid,
        hours=Decimal(hours),
        completed_on=day,
        category=category,
        programme=programme,
        credit_state=credit_state,
        fee_paid=fee_paid,
        course=course,
    )


def _teacher(tid: str, born: date, sex: Sex, title: Title) -> Teacher:
    return Teacher(id=tid, birth_date=born, sex=sex, title=title)


_WANG = _teacher("王老师", date(1975, 4, 2), Sex.FEMALE, Title.INTERMEDIATE)
_LI = _teacher("李老师", date(1958, 10, 1), Sex.MALE, Title.SENIOR)
_ZHAO = _teacher("赵老师", date(1960, 1, 15), Sex.MALE, Title.JUNIOR)

DEMO_CASES: tuple[DemoCase, ...] = (
    DemoCase(
        "cn-2011: 359.5 hours in the 2011–2015 cycle — half an hour short",
        "cn-2011",
        _WANG,
        tuple(_r(f"R{y}", "71.9", date(y, 6, 30), "in_service") for y in range(2011, 2016)),
        date(2016, 3, 1),
    ),
    DemoCase(
        "jx-2014: failed 2013–14, 国培 credits offset; "
        "man born 1960 (54 in 2014) gets free remedial",
        "jx-2014",
        _ZHAO,
        (
            _r("G1", "50", date(2013, 11, 2), "remote", programme="guopei"),
            _r("F1", "30", date(2014, 3, 2), "remote", programme="full_staff_remote"),
            _r("B1", "40", date(2014, 10, 9), "remedial", fee_paid=Decimal(80)),
        ),
        date(2014, 12, 31),
        outcomes=(Outcome("J2.school_years", date(2013, 9, 1), False, "2014-12-15 公示名单"),),
    ),
    DemoCase(
        "jx-2014: the same failure for a man born 1958 (56 in 2014) — outside the remedial scope",
        "jx-2014",
        _LI,
        (),
        date(2014, 12, 31),
        outcomes=(Outcome("J2.school_years", date(2012, 9, 1), False, "2014-12-15 公示名单"),),
    ),
    DemoCase(
        "jx-2019: only verified credits count",
        "jx-2019",
        _WANG,
        (
            _r("V1", "200", date(2017, 5, 1), "remote", credit_state=CreditState.VERIFIED),
            _r("V2", "120", date(2019, 5, 1), "school_based", credit_state=CreditState.REVIEWED),
        ),
        date(2019, 12, 31),
    ),
    DemoCase(
        "sn-weinan-2019: 2016–2020 cycle in progress",
        "sn-weinan-2019",
        _WANG,
        (_r("W1", "300", date(2018, 7, 1), "county"),),
        date(2019, 6, 1),
    ),
    DemoCase(
        "nm-hohhot-2006: 240 hours in total, but only 40 remote hours in 2007",
        "nm-hohhot-2006",
        _WANG,
        (
            _r("H06", "48", date(2006, 12, 20), "remote"),
            _r("H07", "40", date(2007, 6, 1), "remote"),
            _r("H08", "48", date(2008, 5, 1), "remote"),
            _r("C05", "110", date(2005, 7, 1), "face_to_face"),
            _r(
                "K1",
                "20",
                date(2008, 6, 1),
                "remote",
                course=CourseResult(
                    hours_required=Decimal(20),
                    hours_completed=Decimal(20),
                    homework_passed=True,
                    coursework_score=Decimal(60),
                    final_score=Decimal(59),
                ),
            ),
        ),
        date(2009, 1, 1),
    ),
    DemoCase(
        "fj-putian-hanjiang-2009: junior teacher, all hours, makeup passed after a failed formal",
        "fj-putian-hanjiang-2009",
        _ZHAO,
        (
            _r("N1", "30", date(2009, 6, 1), "class_teacher"),
            _r("N2", "6", date(2009, 7, 1), "new_curriculum"),
            _r("L1", "24", date(2009, 10, 1), "local_course"),
        ),
        date(2010, 1, 1),
        assessment=Assessment(
            sittings=(
                ExamSitting(SittingKind.MOCK, date(2009, 9, 1), Decimal(40)),
                ExamSitting(SittingKind.FORMAL, date(2009, 9, 20), Decimal(55)),
                ExamSitting(SittingKind.MAKEUP, date(2009, 10, 20), Decimal(75)),
            ),
            written_work=WrittenWork(
                notes_chars=5200, forum_posts=2, reflection_chars=1100, handwritten=True
            ),
        ),
    ),
    DemoCase(
        "fj-putian-hanjiang-2009: senior teacher absent without excuse from the local course",
        "fj-putian-hanjiang-2009",
        _LI,
        (
            _r("N1", "30", date(2009, 6, 1), "class_teacher"),
            _r("N2", "18", date(2009, 7, 1), "new_curriculum"),
            _r("L1", "24", date(2009, 10, 1), "local_course"),
        ),
        date(2010, 1, 1),
        assessment=Assessment(
            sittings=(ExamSitting(SittingKind.FORMAL, date(2009, 9, 20), Decimal(80)),),
            written_work=WrittenWork(
                notes_chars=6000, forum_posts=3, reflection_chars=1500, handwritten=True
            ),
            unexcused_absence=True,
        ),
    ),
)


def render(case: DemoCase, lang: str = "both") -> str:
    """A readable report of one case."""
    ev = case.evaluate()

    def say(zh: str, en: str) -> str:
        return {"zh": zh, "en": en}.get(lang, f"{zh}\n      {en}")

    lines = [
        f"== {case.story}",
        f"   {ev.policy.id} · {ev.teacher.id} · as of {ev.as_of} · status {ev.status.value}",
    ]
    for period in ev.periods:
        lines.append(
            f"   [{period.status.value:11}] {period.scheme} {period.period.label}: "
            f"{period.counted} h counted"
        )
        lines.extend(f"    - {say(f.zh, f.en)}  〔{f.citation}〕" for f in period.findings)
    excluded = [entry for entry in ev.ledger if not entry.counted]
    lines.extend(f"   excluded {e.record_id}: {say(e.finding.zh, e.finding.en)}" for e in excluded)
    for result in ev.remedial:
        lines.extend(f"   remedial: {say(f.zh, f.en)}" for f in result.findings)
    for decision in ev.eligibility:
        if decision.kind != "remedial":
            subject = f"({decision.subject})" if decision.subject else ""
            lines.append(f"   {decision.kind}{subject}: {decision.outcome.value}")
    lines.extend(f"   fee: {say(f.zh, f.en)}" for f in ev.money.findings)
    return "\n".join(lines)
