"""Periods, school and calendar years, anchored cycles and ages: boundaries by hand."""

from datetime import date
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta

from trainingrules import AgeMethod, AnchoredCycle, InvalidInputError, Period
from trainingrules.cycles import age, age_in_year, age_on, calendar_year_of, school_year_of

# ---------------------------------------------------------------- Period


def test_school_year_period_first_and_last_day():
    year = Period(date(2012, 9, 1), date(2013, 9, 1))
    assert year.label == "2012–2013"
    assert year.last_day == date(2013, 8, 31)
    assert date(2012, 9, 1) in year  # first day, inclusive
    assert date(2013, 8, 31) in year  # last day
    assert date(2013, 9, 1) not in year  # end is exclusive
    assert date(2012, 8, 31) not in year  # the day before


def test_period_contains_only_dates():
    year = Period(date(2012, 9, 1), date(2013, 9, 1))
    assert "2012-10-01" not in year
    assert None not in year
    assert 20121001 not in year


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (date(2007, 1, 1), date(2008, 1, 1), "2007"),  # one calendar year (H2)
        (date(2011, 1, 1), date(2016, 1, 1), "2011–2015"),  # five calendar years (N1)
        (date(2004, 1, 1), date(2009, 1, 1), "2004–2008"),  # H1
        (date(2014, 9, 1), date(2015, 9, 1), "2014–2015"),  # school year (J4)
        (date(2014, 3, 1), date(2014, 7, 1), "2014-03-01–2014-06-30"),
        (date(2012, 2, 29), date(2013, 2, 28), "2012-02-29–2013-02-27"),
        (date(2014, 1, 1), date(2014, 9, 1), "2014-01-01–2014-08-31"),
        (date(2014, 9, 1), date(2015, 1, 1), "2014-09-01–2014-12-31"),
    ],
)
def test_period_label(start, end, label):
    assert Period(start, end).label == label


def test_one_day_period():
    day = Period(date(2014, 12, 31), date(2015, 1, 1))
    assert day.last_day == day.start
    assert date(2014, 12, 31) in day
    assert date(2015, 1, 1) not in day


@pytest.mark.parametrize(
    "end",
    [date(2012, 9, 1), date(2012, 8, 31), date(2000, 1, 1)],
    ids=["equal", "day-before", "far"],
)
def test_period_must_end_after_its_start(end):
    with pytest.raises(InvalidInputError, match=r"^end: .*\[input\.order\]$") as caught:
        Period(date(2012, 9, 1), end)
    assert caught.value.code == "input.order"
    assert caught.value.path == "end"
    assert isinstance(caught.value, ValueError)


def test_periods_order_by_start():
    earlier = Period(date(2012, 9, 1), date(2013, 9, 1))
    later = Period(date(2013, 9, 1), date(2014, 9, 1))
    assert earlier < later
    assert sorted([later, earlier]) == [earlier, later]


# ---------------------------------------------------------------- school and calendar years


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2014, 8, 31), date(2013, 9, 1)),  # last day of 2013–2014
        (date(2014, 9, 1), date(2014, 9, 1)),  # first day of 2014–2015
        (date(2014, 12, 31), date(2014, 9, 1)),
        (date(2015, 1, 1), date(2014, 9, 1)),
        (date(2012, 2, 29), date(2011, 9, 1)),
        (date(2015, 8, 31), date(2014, 9, 1)),  # last day of the remedial year (J4)
    ],
)
def test_school_year_of(day, start):
    year = school_year_of(day)
    assert year == Period(start, date(start.year + 1, 9, 1))
    assert day in year


def test_school_years_named_by_j2_and_j4():
    # J2/J4: failures of 2012–2013 and 2013–2014, remedial training in 2014–2015.
    assert school_year_of(date(2013, 6, 30)).label == "2012–2013"
    assert school_year_of(date(2013, 9, 1)).label == "2013–2014"
    assert school_year_of(date(2014, 11, 24)).label == "2014–2015"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2014, 12, 31), 2014),
        (date(2015, 1, 1), 2015),
        (date(2012, 2, 29), 2012),
        (date(2013, 9, 1), 2013),
    ],
)
def test_calendar_year_of(day, year):
    period = calendar_year_of(day)
    assert period == Period(date(year, 1, 1), date(year + 1, 1, 1))
    assert period.label == str(year)
    assert period.last_day == date(year, 12, 31)


# ---------------------------------------------------------------- AnchoredCycle


def test_national_five_year_cycle():
    # N1 (interpretation): first cycle 2011–2015, later cycles every five years.
    five = AnchoredCycle(date(2011, 1, 1), 5)
    assert five.period(0) == Period(date(2011, 1, 1), date(2016, 1, 1))
    assert five.period(0).label == "2011–2015"
    assert five.period(1).label == "2016–2020"
    assert five.index_of(date(2011, 1, 1)) == 0
    assert five.index_of(date(2015, 12, 31)) == 0
    assert five.index_of(date(2016, 1, 1)) == 1
    assert five.cycle_of(date(2016, 1, 1)).label == "2016–2020"


def test_negative_k_counts_back_from_the_anchor():
    five = AnchoredCycle(date(2011, 1, 1), 5)
    assert five.start_of(-1) == date(2006, 1, 1)
    assert five.period(-1).label == "2006–2010"
    assert five.period(-2).label == "2001–2005"
    assert five.index_of(date(2010, 12, 31)) == -1
    assert five.index_of(date(2006, 1, 1)) == -1
    assert five.index_of(date(2005, 12, 31)) == -2
    assert five.index_of(date(1990, 6, 1)) == -5  # 1986–1990 is cycle -5


def test_hohhot_window_as_a_cycle():
    # H1: 2004-2008 年五年间.
    assert AnchoredCycle(date(2004, 1, 1), 5).cycle_of(date(2008, 12, 31)).label == "2004–2008"


def test_school_year_cycle():
    yearly = AnchoredCycle(date(2012, 9, 1), 1)
    assert yearly.period(0).label == "2012–2013"
    assert yearly.period(1).label == "2013–2014"
    assert yearly.period(2).label == "2014–2015"
    assert yearly.index_of(date(2013, 8, 31)) == 0  # last day of a school year
    assert yearly.index_of(date(2013, 9, 1)) == 1  # first day of the next
    assert yearly.index_of(date(2012, 8, 31)) == -1


def test_anchor_on_31_december():
    cycle = AnchoredCycle(date(2010, 12, 31), 5)
    # Cycle 0 runs 2010-12-31 .. 2015-12-30; cycle 1 starts 2015-12-31.
    assert cycle.period(0).last_day == date(2015, 12, 30)
    assert cycle.index_of(date(2015, 12, 30)) == 0
    assert cycle.index_of(date(2015, 12, 31)) == 1
    assert cycle.index_of(date(2016, 1, 1)) == 1
    assert cycle.index_of(date(2010, 12, 30)) == -1
    assert cycle.index_of(date(2010, 12, 31)) == 0


def test_anchor_on_1_january_includes_31_december():
    cycle = AnchoredCycle(date(2011, 1, 1), 1)
    assert cycle.index_of(date(2011, 12, 31)) == 0
    assert cycle.index_of(date(2012, 1, 1)) == 1


def test_anchor_on_29_february_one_year():
    cycle = AnchoredCycle(date(2012, 2, 29), 1)
    # Common years have no 29 Feb: their cycles start on 28 Feb; leap years on 29 Feb.
    assert cycle.start_of(1) == date(2013, 2, 28)
    assert cycle.start_of(2) == date(2014, 2, 28)
    assert cycle.start_of(3) == date(2015, 2, 28)
    assert cycle.start_of(4) == date(2016, 2, 29)
    assert cycle.start_of(-1) == date(2011, 2, 28)
    assert cycle.start_of(-4) == date(2008, 2, 29)
    assert cycle.period(0).last_day == date(2013, 2, 27)
    assert cycle.period(3) == Period(date(2015, 2, 28), date(2016, 2, 29))
    assert cycle.index_of(date(2013, 2, 27)) == 0
    assert cycle.index_of(date(2013, 2, 28)) == 1
    assert cycle.index_of(date(2016, 2, 28)) == 3
    assert cycle.index_of(date(2016, 2, 29)) == 4
    assert cycle.index_of(date(2016, 3, 1)) == 4
    assert cycle.index_of(date(2012, 2, 28)) == -1


def test_anchor_on_29_february_is_never_chained():
    cycle = AnchoredCycle(date(2012, 2, 29), 1)
    chained = date(2012, 2, 29)
    for _ in range(4):
        chained += relativedelta(years=1)  # clamps to 28 Feb and stays there
    assert chained == date(2016, 2, 28)
    assert cycle.start_of(4) == date(2016, 2, 29)  # from the anchor: back on 29 Feb


def test_anchor_on_29_february_five_years():
    cycle = AnchoredCycle(date(2012, 2, 29), 5)
    # 2017, 2022, 2027 are common years; 2032 (k=4) and 1992 (k=-4) are leap years.
    assert cycle.start_of(1) == date(2017, 2, 28)
    assert cycle.start_of(2) == date(2022, 2, 28)
    assert cycle.start_of(3) == date(2027, 2, 28)
    assert cycle.start_of(4) == date(2032, 2, 29)
    assert cycle.start_of(-1) == date(2007, 2, 28)
    assert cycle.start_of(-4) == date(1992, 2, 29)
    assert cycle.period(0) == Period(date(2012, 2, 29), date(2017, 2, 28))
    assert cycle.index_of(date(2017, 2, 27)) == 0
    assert cycle.index_of(date(2017, 2, 28)) == 1
    assert cycle.index_of(date(2032, 2, 28)) == 3
    assert cycle.index_of(date(2032, 2, 29)) == 4
    assert cycle.index_of(date(2012, 2, 28)) == -1
    assert cycle.cycle_of(date(2020, 2, 29)) == Period(date(2017, 2, 28), date(2022, 2, 28))


@pytest.mark.parametrize("years", [0, -1, -5, True, False, 1.5, "5", Decimal(5), None])
def test_cycle_years_must_be_a_positive_int(years):
    with pytest.raises(InvalidInputError, match=r"^years: .*\[input\.range\]$") as caught:
        AnchoredCycle(date(2011, 1, 1), years)
    assert caught.value.path == "years"
    assert caught.value.code == "input.range"


def test_one_year_cycle_is_allowed():
    assert AnchoredCycle(date(2011, 1, 1), 1).period(0).label == "2011"


# ---------------------------------------------------------------- ages


def test_age_in_year_j2_boundary():
    # J2 (interpretation): age reached in 2014 = 2014 − birth year.
    assert age_in_year(date(1959, 1, 1), 2014) == 55  # 55: not under 55, out of scope
    assert age_in_year(date(1959, 12, 31), 2014) == 55
    assert age_in_year(date(1960, 1, 1), 2014) == 54  # under 55: in scope
    assert age_in_year(date(1961, 12, 31), 2014) == 53  # a woman born 1961: not under 53
    assert age_in_year(date(1962, 1, 1), 2014) == 52


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # common years: no 29 Feb; the year is complete on 1 March
        (date(2015, 2, 28), 54),
        (date(2015, 3, 1), 55),
        (date(2014, 2, 28), 53),
        (date(2014, 3, 1), 54),
        # leap years: the birthday exists
        (date(2016, 2, 28), 55),
        (date(2016, 2, 29), 56),
        (date(2016, 3, 1), 56),
        (date(2012, 2, 29), 52),
        # century common year 2100
        (date(2100, 2, 28), 139),
        (date(2100, 3, 1), 140),
    ],
)
def test_age_on_for_a_29_february_birthday(day, expected):
    assert age_on(date(1960, 2, 29), day) == expected


@pytest.mark.parametrize(
    ("birth", "day", "expected"),
    [
        (date(1959, 12, 31), date(2014, 12, 30), 54),
        (date(1959, 12, 31), date(2014, 12, 31), 55),
        (date(1960, 1, 1), date(2014, 12, 31), 54),
        (date(1960, 1, 1), date(2015, 1, 1), 55),
        (date(1960, 1, 1), date(1960, 1, 1), 0),
        (date(1960, 9, 1), date(2014, 8, 31), 53),
        (date(1960, 9, 1), date(2014, 9, 1), 54),
    ],
)
def test_age_on_at_year_ends(birth, day, expected):
    assert age_on(birth, day) == expected


def test_age_dispatches_on_the_method():
    birth = date(1960, 6, 1)
    reference = date(2014, 1, 1)
    # IN_YEAR: 2014 − 1960 = 54; ON_DATE: the June birthday has not come yet, 53.
    assert age(birth, AgeMethod.IN_YEAR, reference) == 54
    assert age(birth, AgeMethod.ON_DATE, reference) == 53
    assert age(birth, AgeMethod.ON_DATE, date(2014, 6, 1)) == 54
    assert age(birth, AgeMethod.IN_YEAR, date(2014, 12, 31)) == 54


def test_age_method_given_by_its_value_dispatches_like_the_member():
    # AgeMethod is a StrEnum: "in_year" == AgeMethod.IN_YEAR, and the rest of the
    # library accepts enum values as text (Teacher(sex="male")). A policy read from
    # data must not silently switch to the other method.
    birth = date(1960, 6, 1)
    reference = date(2014, 1, 1)
    assert AgeMethod("in_year") == "in_year"
    assert age(birth, "in_year", reference) == 54  # type: ignore[arg-type]  # as text; 2014 − 1960
    assert age(birth, "on_date", reference) == 53  # type: ignore[arg-type]  # accepted as text


def test_age_rejects_an_unknown_method():
    with pytest.raises(InvalidInputError) as info:
        age(date(1960, 1, 1), "in_school", date(2014, 1, 1))  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("input.choice", "method")
