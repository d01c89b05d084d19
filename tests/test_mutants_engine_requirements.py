"""Tests that kill mutmut's survivors in engine/_requirements.py: days served and proration.

The period is N1's cycle 2011-2015, ``[2011-01-01, 2016-01-01)``: 5 × 365 + 1 (2012 is a
leap year) = 1826 days. Leaves are periods, start inclusive and end exclusive.
"""

from datetime import date
from decimal import Decimal

import attrs
import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine import compile_policy
from trainingrules.engine._requirements import Service, _max_flow, served_days
from trainingrules.policy import (
    Activity,
    ActivityBy,
    ByTitle,
    Cap,
    Citation,
    CountRule,
    Document,
    HoursRequirement,
    PeriodScheme,
    Policy,
    Proration,
    Selector,
    ServiceRule,
    Text,
)
from trainingrules.scoring import Rounding

D = Decimal
START, END = date(2011, 1, 1), date(2016, 1, 1)
N1_SERVICE = compile_policy(policy.get("cn-2011")).service  # BY_DAYS, rounded up to hours


def _teacher(**fields: object) -> tr.Teacher:
    return tr.Teacher(id="T1", birth_date=date(1970, 5, 4), sex=tr.Sex.FEMALE, **fields)  # type: ignore[arg-type]


def _leave(start: date, end: date) -> tr.Period:
    return tr.Period(start, end)


def test_a_teacher_in_service_throughout_serves_every_day() -> None:
    """No employment dates and no leave: all 1826 days of 2011-2015."""
    assert served_days(_teacher(), START, END) == 1826


def test_service_ending_inside_the_period_counts_the_last_day() -> None:
    """Employed to 2013-12-31: 2011, 2012 and 2013 served, 365 + 366 + 365 = 1096 days."""
    assert served_days(_teacher(employed_to=date(2013, 12, 31)), START, END) == 1096


def test_service_ending_on_the_periods_end_day_is_capped_at_the_period() -> None:
    """Employed to 2016-01-01, the period's (exclusive) end: still only 1826 days."""
    assert served_days(_teacher(employed_to=date(2016, 1, 1)), START, END) == 1826


def test_service_starting_inside_the_period() -> None:
    """Employed from 2015-01-01: only 2015, 365 days."""
    assert served_days(_teacher(employed_from=date(2015, 1, 1)), START, END) == 365


def test_a_leave_inside_the_period_is_not_served() -> None:
    """A leave of January-June 2012 (31+29+31+30+31+30 = 182 days): 1826 - 182 = 1644."""
    teacher = _teacher(leaves=(_leave(date(2012, 1, 1), date(2012, 7, 1)),))
    assert served_days(teacher, START, END) == 1644


def test_only_the_part_of_a_leave_inside_the_period_is_taken_off() -> None:
    """A leave from 2015-12-01 to 2016-02-01 takes off December 2015 only: 1826 - 31."""
    teacher = _teacher(leaves=(_leave(date(2015, 12, 1), date(2016, 2, 1)),))
    assert served_days(teacher, START, END) == 1795


def test_a_leave_outside_the_period_takes_nothing_off() -> None:
    """A leave in 2017 does not touch 2011-2015: all 1826 days served."""
    teacher = _teacher(leaves=(_leave(date(2017, 1, 1), date(2017, 2, 1)),))
    assert served_days(teacher, START, END) == 1826


def test_a_leave_before_the_start_of_service_takes_nothing_off() -> None:
    """Employed from 2014-01-01 (730 days to 2016); a leave in 2012 overlaps no service."""
    teacher = _teacher(
        employed_from=date(2014, 1, 1), leaves=(_leave(date(2012, 1, 1), date(2012, 7, 1)),)
    )
    assert served_days(teacher, START, END) == 730


def test_a_leave_after_service_ended_takes_nothing_off() -> None:
    """Employed to 2011-12-31 (365 days); a leave in 2013 overlaps no service."""
    teacher = _teacher(
        employed_to=date(2011, 12, 31), leaves=(_leave(date(2013, 1, 1), date(2013, 7, 1)),)
    )
    assert served_days(teacher, START, END) == 365


def test_two_leaves_are_both_taken_off() -> None:
    """Leaves of January 2011 (31 days) and February 2012 (29 days): 1826 - 60 = 1766."""
    teacher = _teacher(
        leaves=(
            _leave(date(2011, 1, 1), date(2011, 2, 1)),
            _leave(date(2012, 2, 1), date(2012, 3, 1)),
        )
    )
    assert served_days(teacher, START, END) == 1766


def test_a_leave_covering_the_whole_period_leaves_no_day_served() -> None:
    """On leave from 2010 to 2017: not one day of 2011-2015 served."""
    teacher = _teacher(leaves=(_leave(date(2010, 1, 1), date(2017, 1, 1)),))
    assert served_days(teacher, START, END) == 0


@pytest.mark.parametrize(
    ("served", "expected"),
    [(1096, D(217)), (913, D(180)), (1826, D(360))],
)
def test_a_prorated_figure_is_rounded_up_to_whole_hours(served: int, expected: Decimal) -> None:
    """N1.service: 360 h × 1096/1826 = 216.08 → 217; × 913/1826 = 180 exactly; × 1 = 360."""
    assert N1_SERVICE is not None
    assert Service(served, 1826, N1_SERVICE).prorate(D(360)) == expected


def test_covers_reroute_an_earlier_cover_to_reach_the_most_deficits() -> None:
    """Covers a→c, a→d, b→c: a's first use (c) is undone so that b covers c and a covers d."""
    surplus = {"a": D(1), "b": D(1), "c": D(0), "d": D(0)}
    deficit = {"a": D(0), "b": D(0), "c": D(1), "d": D(1)}
    covers = {("a", "c"), ("a", "d"), ("b", "c")}
    assert _max_flow(surplus, deficit, covers) == {"a": 0, "b": 0, "c": D(1), "d": D(1)}


def test_covers_of_fractions_of_an_hour_are_not_limited() -> None:
    """A surplus of 0.4 h in a covers a deficit of 0.4 h in c in full."""
    surplus, deficit = {"a": D("0.4"), "c": D(0)}, {"a": D(0), "c": D("0.4")}
    assert _max_flow(surplus, deficit, {("a", "c")}) == {"a": 0, "c": D("0.4")}


def test_a_cover_passes_on_along_a_chain_of_covers() -> None:
    """Covers a→b and b→c: a's 2 h surplus reaches c's 2 h deficit through b."""
    surplus = {"a": D(2), "b": D(0), "c": D(0)}
    deficit = {"a": D(0), "b": D(0), "c": D(2)}
    assert _max_flow(surplus, deficit, {("a", "b"), ("b", "c")}) == {"a": 0, "b": 0, "c": D(2)}


def test_covers_do_not_cover_more_than_the_surpluses_have() -> None:
    """a (1 h over) covers b, c or d; e (3 h over) covers only b: 1 + 2 of the 6 h lacking.

    a's hour first goes to b; e then fills b by taking that hour back, and a's hour
    goes on to c. The hour taken back is not counted twice (b 2 h, c 1 h, not c 2 h).
    """
    surplus = {"a": D(1), "b": D(0), "c": D(0), "d": D(0), "e": D(3)}
    deficit = {"a": D(0), "b": D(2), "c": D(2), "d": D(2), "e": D(0)}
    covers = {("a", "b"), ("a", "c"), ("a", "d"), ("e", "b"), ("c", "a"), ("c", "b")}
    covers |= {("c", "d"), ("c", "e"), ("d", "b"), ("d", "c")}
    covered = _max_flow(surplus, deficit, covers)
    assert covered == {"a": 0, "b": D(2), "c": D(1), "d": 0, "e": 0}


# A fictional county text (as tests/scenarios/fixture_county.py): one five-year cycle of
# 2011-2015, 360 h of which at most a capped number are school-based, and one
# concentrated training of at least 72 h. Each test below changes what it needs.
_DOC = Document(number="某县〔2020〕9号", title="某县教师继续教育管理办法", issuer="某县教育局")
_CITE = Citation(_DOC.number, "第三条", "每人累计不少于360学时")
_CYCLE = PeriodScheme(
    id="Z.cycle", citation=_CITE, label=Text("周期", "cycle"), start=START, years=5
)
_ACTIVITY = Activity(
    minimum=D(72), by=ActivityBy.ACTIVITY, label=Text("集中培训", "concentrated"), citation=_CITE
)
_HOURS = HoursRequirement(
    id="Z.hours",
    citation=_CITE,
    label=Text("继续教育", "continuing education"),
    scheme=_CYCLE.id,
    minimum=ByTitle.same(D(360)),
    including=_ACTIVITY,
)


def _policy(hours: HoursRequirement = _HOURS, *extra: ServiceRule) -> Policy:
    counts = tuple(
        CountRule(
            id=f"Z.{bucket}",
            citation=_CITE,
            selector=Selector(categories=frozenset({bucket})),
            bucket=bucket,
        )
        for bucket in ("school_based", "concentrated")
    )
    return Policy(
        id="zz-county",
        title=Text("某县", "a county"),
        region="CN",
        effective_from=START,
        documents=(_DOC,),
        rules=(_CYCLE, *counts, hours, *extra),
    )


def _rec(rid: str, hours: str, day: date, category: str, activity: str = "") -> tr.TrainingRecord:
    return tr.TrainingRecord(
        id=rid, hours=D(hours), completed_on=day, category=category, activity=activity
    )


def _cycle(p: Policy, teacher: tr.Teacher, records: list[tr.TrainingRecord]) -> tr.PeriodResult:
    return tr.evaluate(p, teacher, records, date(2021, 1, 1)).period("Z.cycle", START)


def test_an_activity_named_like_a_record_id_is_not_merged_with_that_record() -> None:
    """By activity: "X" (R1 40 h + R2 20 h) is one activity; record "X" (30 h) is another."""
    records = [
        _rec("R1", "40", date(2012, 1, 1), "concentrated", "X"),
        _rec("X", "30", date(2012, 2, 1), "concentrated"),
        _rec("R2", "20", date(2012, 3, 1), "concentrated", "X"),
    ]
    (hours,) = _cycle(_policy(), _teacher(), records).requirements
    assert hours.activity == D(60)


def test_records_of_another_period_do_not_stop_the_search_for_the_largest_activity() -> None:
    """A 2017 record (next cycle) listed first; the 2013 training of 80 h still counts."""
    records = [
        _rec("L", "90", date(2017, 1, 1), "concentrated", "later"),
        _rec("E", "80", date(2013, 1, 1), "concentrated", "earlier"),
    ]
    (hours,) = _cycle(_policy(), _teacher(), records).requirements
    assert hours.activity == D(80)


def test_without_any_training_the_largest_activity_is_zero_hours() -> None:
    """No record counts toward the activity: its largest is 0 h, not unknown."""
    (hours,) = _cycle(_policy(), _teacher(), []).requirements
    assert hours.activity == D(0)
    assert hours.met is False


def test_the_largest_activity_of_a_requirement_of_named_buckets() -> None:
    """The requirement sums named buckets (so the cycle takes only those): 80 h counts."""
    named = attrs.evolve(_HOURS, buckets=frozenset({"concentrated", "school_based"}))
    records = [_rec("E", "80", date(2013, 1, 1), "concentrated", "earlier")]
    (hours,) = _cycle(_policy(named), _teacher(), records).requirements
    assert hours.activity == D(80)


def test_a_fixed_cap_is_the_one_stated_for_the_teachers_title() -> None:
    """School-based hours count at most 50 h for a senior teacher (100 h for others)."""
    cap = Cap(
        bucket="school_based",
        citation=_CITE,
        at_most=ByTitle(senior=D(50), intermediate=D(100), junior=D(100), none=D(100)),
    )
    capped = attrs.evolve(_HOURS, caps=(cap,))
    records = [_rec("S", "120", date(2013, 1, 1), "school_based")]
    senior = _teacher(title=tr.Title.SENIOR)
    cycle = _cycle(_policy(capped), senior, records)
    assert dict(cycle.by_bucket) == {"school_based": D(50)}
    assert cycle.requirements[0].counted == D(50)


_FULL = ServiceRule(id="Z.service", citation=_CITE, proration=Proration.FULL)
_BY_DAYS = ServiceRule(
    id="Z.service",
    citation=_CITE,
    proration=Proration.BY_DAYS,
    rounding=Rounding(D(1), "ROUND_CEILING"),
)


def test_a_full_figure_is_owed_whatever_the_service() -> None:
    """Proration FULL: hired on 2015-01-01 (365 of 1826 days), still the whole 360 h."""
    hired = _teacher(employed_from=date(2015, 1, 1))
    (hours,) = _cycle(_policy(_HOURS, _FULL), hired, []).requirements
    assert hours.required == D(360)


def test_a_teacher_in_service_all_the_period_owes_the_figure_unrounded() -> None:
    """By days, rounded up to hours: serving all 1826 days, 72.5 h stays 72.5 h (not 73)."""
    odd = attrs.evolve(_HOURS, minimum=ByTitle.same(D("72.5")), including=None)
    since_1990 = _teacher(employed_from=date(1990, 1, 1))
    (hours,) = _cycle(_policy(odd, _BY_DAYS), since_1990, []).requirements
    assert hours.required == D("72.5")
