"""cn-2011 (教师〔2011〕1号) in hand-written pandas, as a careful analyst would write it.

The yardstick of ``benchmarks/bench_table.py``: vectorised (no ``apply``, no
``iterrows``, no loop over rows or teachers) and exact (hours as integers of
hundredths, parsed from the strings of a CSV read with ``dtype=str``; no float
anywhere). The benchmark checks that its answers equal the table path's, teacher by
teacher and cycle by cycle, on the data it generates.

What it encodes, read from ``src/trainingrules/policy/cn_2011.py`` and the engine:

* ``N1.cycle`` (五年一周期): cycles of five calendar years from 1 January 2011
  (2011-2015, 2016-2020, ...). The cycles measured are the first one up to the one
  holding ``as_of`` (at least the first).
* ``N1.training``: every category of training counts (the rule selects every record);
  cn-2011 has no credit-state rule and no exclusion. A record counts when completed on
  or before ``as_of``, in the cycle holding its completion date.
* ``N1.hours`` (每人不少于360学时): at least 360 hours a cycle, for every title
  (senior, intermediate, junior, none; an empty title is ``none``).
* Statuses as the engine's ``period_status`` decides them: ``not_started`` when
  ``as_of`` is before the cycle's first day; else ``passed`` when the hours counted
  reach the figure (even before the cycle ends); else ``failed`` when the cycle is
  over (``as_of`` on or after the next cycle's first day); else ``in_progress``.

Not encoded, and refused rather than answered wrongly: partial service (``N1.service``
prorates the figure by days in service: a teacher with ``employed_from`` or
``employed_to`` raises ``NotImplementedError``), and bad rows (unparseable hours or
dates, more than two decimal places, unknown or duplicate teachers, duplicate record
ids, unknown titles raise ``ValueError`` naming the first bad row: the engine reports
such teachers as input errors one by one; an analyst's script stops and is fixed).

Every distinct hours string, date string and title is parsed once (``pd.factorize``)
and the rows take the parsed value by index: a column of two million strings holds a
few thousand distinct values, and pandas string methods over every row cost seconds.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

FIRST_CYCLE = 2011  # N1.cycle: the first cycle is calendar years 2011-2015
CYCLE_YEARS = 5  # 五年一周期
REQUIRED = {  # N1.hours: 每人不少于360学时, in hundredths of an hour, by title
    "senior": 36_000,
    "intermediate": 36_000,
    "junior": 36_000,
    "none": 36_000,
}
HOURS = re.compile(r"\s*(\d{1,6})(?:\.(\d{1,2}))?\s*")  # at most two decimal places
MOST = 10_000_000  # 100,000 hours, the most a record may hold (the engine's MAX_HOURS)
STATUSES = ("passed", "failed", "in_progress", "not_started")
COLUMNS = ("teacher_id", "period", "start", "end", "required", "counted", "shortfall", "status")


def _bad(name: str, row: int, value: object) -> ValueError:
    return ValueError(f"{name}: row {row}: {value!r} is not valid")


def _hundredths(text: pd.Series) -> np.ndarray:
    """Hours strings as integers of hundredths of an hour, exactly."""
    codes, distinct = pd.factorize(text)
    values = np.empty(len(distinct), dtype=np.int64)
    for i, value in enumerate(distinct):
        match = HOURS.fullmatch(value)
        if match is None:
            raise _bad("hours", int(np.argmax(codes == i)), value)
        whole, fraction = match.groups()
        values[i] = int(whole) * 100 + int((fraction or "").ljust(2, "0"))
        if values[i] > MOST:
            raise _bad("hours", int(np.argmax(codes == i)), value)
    if (codes < 0).any():
        raise _bad("hours", int(np.argmax(codes < 0)), None)
    return values[codes]


def _days(text: pd.Series, name: str) -> tuple[np.ndarray, pd.DatetimeIndex]:
    """ISO date strings as codes into their distinct days."""
    codes, distinct = pd.factorize(text)
    if (codes < 0).any():
        raise _bad(name, int(np.argmax(codes < 0)), None)
    try:
        days = pd.DatetimeIndex(pd.to_datetime(distinct, format="%Y-%m-%d"))
    except ValueError as error:
        raise ValueError(f"{name}: {error}") from error
    return codes, days


def evaluate_cn2011(teachers: pd.DataFrame, records: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """One row per teacher and measured cycle, in teacher order then cycle order.

    Args:
        teachers: ``teacher_id``, ``title`` (strings; ``birth_date`` and ``sex`` are
            not used by cn-2011).
        records: ``teacher_id``, ``record_id``, ``hours`` (decimal strings),
            ``completed_on`` (``YYYY-MM-DD``); ``category`` is not needed: every
            category counts.
        as_of: the evaluation date.

    Returns:
        ``COLUMNS``: ``required``, ``counted`` and ``shortfall`` in hundredths of an
        hour (int64); ``start`` and ``end`` (the cycle's last day) as dates.

    Raises:
        ValueError: a bad row (see the module docstring).
        NotImplementedError: a teacher with employment dates (N1.service prorates).
    """
    for name in ("employed_from", "employed_to"):
        if name in teachers.columns and teachers[name].notna().any():
            msg = f"{name}: partial service is prorated by days (N1.service): not encoded"
            raise NotImplementedError(msg)
    n = len(teachers)
    who = _owners(teachers["teacher_id"], records["teacher_id"])
    _no_repeats(who, records["record_id"])
    title_codes, titles = pd.factorize(teachers["title"].fillna("none").str.strip())
    unknown = [t for t in titles if t not in REQUIRED]
    if unknown:
        raise _bad("title", int(np.argmax(title_codes == list(titles).index(unknown[0]))), unknown)
    required_by_teacher = np.array([REQUIRED[t] for t in titles], dtype=np.int64)[title_codes]

    # Cycles measured: the first up to the one holding as_of (at least the first).
    cycles = max((as_of.year - FIRST_CYCLE) // CYCLE_YEARS + 1, 1)
    hours = _hundredths(records["hours"])
    day_codes, days = _days(records["completed_on"], "completed_on")
    # Per distinct day: its cycle, or -1 when a record of that day does not count.
    counts_on_day = (days >= pd.Timestamp(FIRST_CYCLE, 1, 1)) & (days <= pd.Timestamp(as_of))
    cycle_of_day = np.where(counts_on_day, (days.year.to_numpy() - FIRST_CYCLE) // CYCLE_YEARS, -1)
    cycle = cycle_of_day[day_codes]
    counts = cycle >= 0
    counted = np.zeros(n * cycles, dtype=np.int64)  # teacher-major: row t * cycles + k
    np.add.at(counted, who[counts] * cycles + cycle[counts], hours[counts])  # exact int64

    starts = [date(FIRST_CYCLE + CYCLE_YEARS * k, 1, 1) for k in range(cycles)]
    nexts = [date(FIRST_CYCLE + CYCLE_YEARS * (k + 1), 1, 1) for k in range(cycles)]
    ends = [after - timedelta(days=1) for after in nexts]
    not_started = np.tile([as_of < start for start in starts], n)
    over = np.tile([as_of >= after for after in nexts], n)
    required = np.repeat(required_by_teacher, cycles)
    met = counted >= required
    status = np.select([not_started, met, over], [3, 0, 1], default=2)  # STATUSES' order
    return pd.DataFrame(
        {
            "teacher_id": teachers["teacher_id"].take(np.repeat(np.arange(n), cycles)).array,
            "period": pd.Categorical.from_codes(
                np.tile(np.arange(cycles), n),
                [f"{s.year}–{e.year}" for s, e in zip(starts, ends, strict=True)],
            ),
            "start": np.tile(np.array(starts, dtype="datetime64[D]"), n),
            "end": np.tile(np.array(ends, dtype="datetime64[D]"), n),
            "required": required,
            "counted": counted,
            "shortfall": np.maximum(required - counted, 0),
            "status": pd.Categorical.from_codes(status, STATUSES),
        },
        columns=list(COLUMNS),
    )


def _owners(teacher_ids: pd.Series, record_teachers: pd.Series) -> np.ndarray:
    """The row of each record's teacher; unknown, empty or duplicate teacher ids raise.

    Teachers first, then the records' ids, factorized together: a teacher's code is
    their row (unless an id repeats), and a record whose code is ``n`` or more names
    no teacher.
    """
    n = len(teacher_ids)
    codes, _ = pd.factorize(pd.concat([teacher_ids, record_teachers], ignore_index=True))
    own = codes[:n]
    wrong = own != np.arange(n)
    if wrong.any():
        raise _bad("teacher_id", int(np.argmax(wrong)), "duplicate or empty")
    who = codes[n:]
    unknown = (who < 0) | (who >= n)
    if unknown.any():
        row = int(np.argmax(unknown))
        raise _bad("records.teacher_id", row, record_teachers.iloc[row])
    return who


def _no_repeats(who: np.ndarray, record_ids: pd.Series) -> None:
    """Raise when a teacher has two records of one id (``evaluate`` refuses them)."""
    codes, distinct = pd.factorize(record_ids)
    if (codes < 0).any():
        raise _bad("record_id", int(np.argmax(codes < 0)), None)
    if len(distinct) == len(codes):  # every id once in the whole table
        return
    pairs = who * len(distinct) + codes
    if len(distinct) * (int(who.max(initial=0)) + 1) <= 8 * len(codes):  # few ids: a count
        many = np.bincount(pairs) > 1
        if many.any():
            row = int(np.argmax(np.isin(pairs, np.flatnonzero(many))))
            raise _bad("record_id", row, "a duplicate record id of its teacher")
        return
    repeated = pd.Series(pairs).duplicated().to_numpy()
    if repeated.any():
        raise _bad("record_id", int(np.argmax(repeated)), "a duplicate record id of its teacher")
