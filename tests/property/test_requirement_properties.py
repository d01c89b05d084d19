"""Properties of caps, parts with one-way covers, activities, service and credits.

Each class quotes the clause of the fixture regulation (``tests/scenarios/
fixture_county.py``) whose mechanism it checks; the mechanisms are policy data, so
what holds for the fixture holds for any policy built from the same blocks.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal

import attrs
from fixture_county import CREDITS_POLICY, HOURS, HOURS_POLICY
from hypothesis import given
from hypothesis import strategies as st

import trainingrules as tr

D = Decimal
CYCLE = date(2011, 1, 1)
AS_OF = date(2016, 1, 1)

_HOURS = st.integers(0, 4000).map(lambda n: D(n) / 20)  # 0 … 200 in steps of 0.05
_DAYS = st.integers(0, 365 * 6).map(lambda n: date(2010, 6, 1) + timedelta(days=n))


@st.composite
def records(draw: st.DrawFn, categories=("school_based", "compulsory", "elective", "other")):
    count = draw(st.integers(0, 12))
    return [
        tr.TrainingRecord(
            id=f"R{i}",
            hours=draw(_HOURS),
            completed_on=draw(_DAYS),
            category=draw(st.sampled_from(categories)),
            activity=draw(st.sampled_from(["", "a", "b"])),
        )
        for i in range(count)
    ]


def teacher(**changes):
    return tr.Teacher(id="T", birth_date=date(1980, 1, 1), sex=tr.Sex.MALE, **changes)


class TestCaps:
    """第三条 "其中校本研修计入的学时不超过总学时的三分之一": a capped bucket never counts
    more than its cap; what the ledger credits, less what it puts over the cap, is what
    each period counts; the records fill the cap in canonical order, so input order
    never matters."""

    @given(records())
    def test_the_capped_bucket_never_exceeds_its_cap_and_the_ledger_adds_up(self, recs):
        ev = tr.evaluate(HOURS_POLICY, teacher(), recs, AS_OF)
        for result in ev.periods:
            assert dict(result.by_bucket).get("school_based", D(0)) <= D(120)
            label = f"{result.scheme} {result.period.label}"
            credited = sum((e.credited for e in ev.ledger if label in e.periods), D(0)) - sum(
                (o.amount for e in ev.ledger for o in e.over_cap if o.period == label), D(0)
            )
            assert credited == result.counted
        for e in ev.ledger:
            assert all(D(0) < o.amount <= e.credited for o in e.over_cap)

    @given(records(), st.randoms())
    def test_input_order_never_changes_the_result(self, recs, rnd):
        shuffled = list(recs)
        rnd.shuffle(shuffled)
        one = tr.evaluate(HOURS_POLICY, teacher(), recs, AS_OF)
        other = tr.evaluate(HOURS_POLICY, teacher(), shuffled, AS_OF)
        assert json.dumps(one.to_dict()) == json.dumps(other.to_dict())


class TestCovers:
    """第四条 "必修课程超出部分可计入选修课程，选修课程不得抵顶必修课程": more hours never
    make a part shorter, and elective hours never reduce the compulsory part's
    shortfall."""

    @given(records(), st.sampled_from(["compulsory", "elective", "school_based"]), _HOURS)
    def test_more_hours_never_make_a_part_shorter(self, recs, category, hours):
        extra = tr.TrainingRecord(
            id="X", hours=hours, completed_on=date(2013, 1, 1), category=category
        )
        before = tr.evaluate(HOURS_POLICY, teacher(), recs, AS_OF).period("A3.cycle", CYCLE)
        after = tr.evaluate(HOURS_POLICY, teacher(), [*recs, extra], AS_OF).period(
            "A3.cycle", CYCLE
        )
        for old, new in zip(before.requirements[0].parts, after.requirements[0].parts, strict=True):
            assert new.missing <= old.missing
        assert not (before.status is tr.Status.PASSED and after.status is not tr.Status.PASSED)

    @given(records(), _HOURS)
    def test_elective_hours_never_cover_compulsory(self, recs, hours):
        extra = tr.TrainingRecord(
            id="X", hours=hours, completed_on=date(2013, 1, 1), category="elective"
        )
        before = tr.evaluate(HOURS_POLICY, teacher(), recs, AS_OF).period("A3.cycle", CYCLE)
        after = tr.evaluate(HOURS_POLICY, teacher(), [*recs, extra], AS_OF).period(
            "A3.cycle", CYCLE
        )
        compulsory = [p for p in before.requirements[0].parts if p.bucket == "compulsory"]
        assert [p for p in after.requirements[0].parts if p.bucket == "compulsory"] == compulsory


class TestService:
    """第六条 "按在岗时间折算学时，不足1学时的按1学时计": a prorated figure never exceeds
    the stated one, grows with the days in service, and full service owes the whole."""

    @given(records(), st.integers(0, 1826), st.integers(0, 1826))
    def test_prorated_figures_grow_with_service(self, recs, a, b):
        early, late = sorted((a, b))
        figures = []
        for offset in (late, early):
            hired = teacher(employed_from=CYCLE + timedelta(days=offset))
            result = tr.evaluate(HOURS_POLICY, hired, recs, AS_OF).period("A3.cycle", CYCLE)
            figures.append(result.requirements[0].required or D(0))
        assert figures[0] <= figures[1] <= D(360)

    @given(records())
    def test_service_covering_the_period_owes_the_stated_figure(self, recs):
        full = teacher(employed_from=date(2000, 1, 1), employed_to=date(2030, 1, 1))
        plain = tr.evaluate(HOURS_POLICY, teacher(), recs, AS_OF)
        served = tr.evaluate(HOURS_POLICY, full, recs, AS_OF)
        assert served.periods == plain.periods


class TestCredits:
    """第七条 "每10学时折算1学分…每项培训不足1学分的部分不计": a record's credits are whole,
    never more than its hours allow, and no finding of a credit requirement speaks of
    学时."""

    @given(records(categories=("concentrated", "online")))
    def test_credits_are_whole_and_said_in_credits(self, recs):
        moved = [attrs.evolve(r, completed_on=r.completed_on + timedelta(days=3650)) for r in recs]
        ev = tr.evaluate(CREDITS_POLICY, teacher(), moved, date(2027, 1, 1))
        for entry in ev.ledger:
            if entry.counted:
                assert entry.credited == entry.credited.to_integral_value()
                assert entry.credited <= entry.hours / 10
        for finding in ev.findings:
            assert "学时" not in finding.zh


def test_the_fixture_requirement_is_round_tripped():
    assert tr.policy.from_dict(tr.policy.to_dict(HOURS_POLICY)) == HOURS_POLICY
    assert HOURS.caps[0].share is not None
