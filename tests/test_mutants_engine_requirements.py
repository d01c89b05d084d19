"""Tests that kill mutmut's survivors in engine/_requirements.py: days served and proration.

The period is N1's cycle 2011-2015, ``[2011-01-01, 2016-01-01)``: 5 × 365 + 1 (2012 is a
leap year) = 1826 days. Leaves are periods, start inclusive and end exclusive.
"""

from datetime import date
from decimal import Decimal

import pytest

import trainingrules as tr
from trainingrules import policy
from trainingrules.engine import compile_policy
from trainingrules.engine._requirements import Service, _max_flow, served_days

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
