"""Laws of periods, cycles and ages, each checked against the clause that needs it."""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st
from strategies import anchored_cycles, dates

from trainingrules import AgeMethod, AnchoredCycle, Period
from trainingrules.cycles import age, age_in_year, age_on, calendar_year_of, school_year_of

ONE_DAY = timedelta(days=1)


class TestSchoolYearsPartitionTime:
    """学年 = school year, "1 September – 31 August" (as 2012~2013学年 in J2).

    J2 (三.1) and J4 (三.2) name school years: "对2012~2013学年、2013~2014学年培训不合格
    教师,统一安排在2014~2015学年度补训". Every day belongs to exactly one of them.
    """

    @given(dates())
    def test_every_day_lies_in_exactly_one_school_year(self, day):
        # Candidate school years written out by hand: 1 Sep of y .. 1 Sep of y + 1.
        candidates = [
            Period(date(y, 9, 1), date(y + 1, 9, 1)) for y in range(day.year - 2, day.year + 2)
        ]
        containing = [p for p in candidates if day in p]
        assert len(containing) == 1
        assert school_year_of(day) == containing[0]

    @given(dates())
    def test_school_year_starts_on_the_latest_1_september(self, day):
        year = school_year_of(day)
        assert (year.start.month, year.start.day) == (9, 1)
        assert (year.last_day.month, year.last_day.day) == (8, 31)
        assert year.start <= day <= year.last_day
        assert year.last_day - year.start < timedelta(days=366)
        # the day before the start belongs to the previous school year
        assert school_year_of(year.start - ONE_DAY).end == year.start
        assert school_year_of(year.end).start == year.end

    @given(dates())
    def test_label_names_both_calendar_years(self, day):
        year = school_year_of(day)
        assert year.label == f"{year.start.year}–{year.start.year + 1}"


class TestCalendarYearsPartitionTime:
    """H2 (二): "2006—2008 三年间,每年远程培训学时应不少于48学时" — calendar years.

    Every day lies in exactly one calendar year, 1 January to 31 December.
    """

    @given(dates())
    def test_every_day_lies_in_exactly_one_calendar_year(self, day):
        candidates = [
            Period(date(y, 1, 1), date(y + 1, 1, 1)) for y in range(day.year - 1, day.year + 2)
        ]
        containing = [p for p in candidates if day in p]
        assert containing == [calendar_year_of(day)]
        assert calendar_year_of(day).label == str(day.year)
        assert calendar_year_of(day).last_day == date(day.year, 12, 31)


class TestAnchoredCycleBoundaries:
    """N1: "对教师进行五年一周期的每人不少于360学时的全员培训" — cycle k = anchor + k·N years.

    DESIGN.md / STYLE.md: every boundary is computed from the fixed anchor
    (``anchor + relativedelta(years=N·k)``), never by chaining, so a 29 February anchor
    starts later cycles on 28 February in common years and on 29 February in leap years.
    """

    @given(anchored_cycles(), st.integers(-30, 30))
    def test_boundary_is_anchor_plus_n_k_years(self, cycle, k):
        expected = cycle.anchor + relativedelta(years=cycle.years * k)
        assert cycle.start_of(k) == expected
        assert cycle.period(k).start == expected

    @given(anchored_cycles(), st.integers(-30, 30))
    def test_boundary_keeps_the_anchor_day_clamped_to_the_month(self, cycle, k):
        # By hand: same month and day in year anchor.year + N·k, 29 Feb → 28 Feb if missing.
        year = cycle.anchor.year + cycle.years * k
        last = calendar.monthrange(year, cycle.anchor.month)[1]
        assert cycle.start_of(k) == date(year, cycle.anchor.month, min(cycle.anchor.day, last))

    @given(anchored_cycles(), st.integers(-30, 30))
    def test_consecutive_cycles_share_a_boundary(self, cycle, k):
        this, following = cycle.period(k), cycle.period(k + 1)
        assert this.end == following.start
        assert this.last_day + ONE_DAY == following.start
        assert this.start < this.end

    @given(anchored_cycles(), st.integers(-30, 30))
    def test_index_of_the_first_and_last_day_is_k(self, cycle, k):
        period = cycle.period(k)
        assert cycle.index_of(period.start) == k
        assert cycle.index_of(period.last_day) == k
        assert cycle.index_of(period.end) == k + 1
        assert cycle.index_of(period.start - ONE_DAY) == k - 1

    @given(anchored_cycles(), dates())
    def test_every_day_lies_in_exactly_one_cycle(self, cycle, day):
        k = cycle.index_of(day)
        assert day in cycle.period(k)
        assert day not in cycle.period(k - 1)
        assert day not in cycle.period(k + 1)
        assert cycle.cycle_of(day) == cycle.period(k)

    @given(anchored_cycles(), dates(), dates())
    def test_index_of_never_decreases_with_the_day(self, cycle, a, b):
        early, late = sorted([a, b])
        assert cycle.index_of(early) <= cycle.index_of(late)

    @given(dates())
    def test_one_year_cycles_are_school_or_calendar_years(self, day):
        # Anchored on 1 September, a 1-year cycle is the school year; on 1 January,
        # the calendar year.
        assert AnchoredCycle(date(2012, 9, 1), 1).cycle_of(day) == school_year_of(day)
        assert AnchoredCycle(date(2011, 1, 1), 1).cycle_of(day) == calendar_year_of(day)


class TestAges:
    """J2 (三.1): "参训对象确定为当年男满55周岁、女满53周岁以下年龄段的教师".

    Interpretation: the age reached in the calendar year (year − birth year); the
    other reading, completed years on a day, is ``age_on``. The two must agree on
    31 December and ``age_on`` may lag by at most one year.
    """

    @given(dates(date(1940, 1, 1), date(2005, 12, 31)), dates(), dates())
    def test_age_on_never_decreases_with_the_day(self, birth, a, b):
        early, late = sorted([a, b])
        assert age_on(birth, early) <= age_on(birth, late)

    @given(dates(date(1940, 1, 1), date(2005, 12, 31)), dates(max_value=date(2100, 12, 30)))
    def test_age_on_grows_by_at_most_one_a_day(self, birth, day):
        assert age_on(birth, day + ONE_DAY) - age_on(birth, day) in {0, 1}

    @given(dates(date(1940, 1, 1), date(2005, 12, 31)), dates())
    def test_age_on_is_at_most_the_age_reached_in_the_year(self, birth, day):
        reached = age_in_year(birth, day.year)
        assert reached - 1 <= age_on(birth, day) <= reached

    @given(dates(date(1940, 1, 1), date(2005, 12, 31)), st.integers(1900, 2100))
    def test_by_31_december_the_year_is_complete(self, birth, year):
        assert age_on(birth, date(year, 12, 31)) == age_in_year(birth, year)
        assert age_on(birth, date(year, 1, 1)) == age_in_year(birth, year) - (
            (birth.month, birth.day) != (1, 1)
        )

    @given(dates(date(1940, 1, 1), date(2005, 12, 31)), st.integers(1, 150))
    def test_the_year_completes_on_the_birthday_or_1_march(self, birth, years):
        year = birth.year + years
        if calendar.isleap(year) or (birth.month, birth.day) != (2, 29):
            birthday = date(year, birth.month, birth.day)
        else:
            birthday = date(year, 3, 1)  # no 29 February: complete when February is over
        assert age_on(birth, birthday) == years
        assert age_on(birth, birthday - ONE_DAY) == years - 1

    @given(dates(date(1940, 1, 1), date(2005, 12, 31)), dates())
    def test_age_dispatches_on_the_method(self, birth, reference):
        assert age(birth, AgeMethod.IN_YEAR, reference) == reference.year - birth.year
        assert age(birth, AgeMethod.ON_DATE, reference) == age_on(birth, reference)
