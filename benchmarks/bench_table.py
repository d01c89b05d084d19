"""Teachers per second on whole populations: the table path against its yardsticks, one run.

Usage:
    python benchmarks/bench_table.py [--teachers N] [--policy ID] [--repeat R] [--loop N]
                                     [--mix N] [--stream N,N] [--chunk N]

Generates (before any timer) ``--teachers`` teachers x 20 records for ``--policy``
(cn-2011, jx-2014, nm-hohhot-2006, or any catalogue policy) as CSV text, boundaries
included (exactly the figure on a cycle's last day, 0.01 hour short, a record on the
next cycle's first day, on ``as_of`` and the day after, a teacher with nothing
counted), and reads it three ways: polars with ``schema_overrides`` (hours
``Decimal(38, 2)``, dates ``Date``: the typed input), polars with every column a
String, and pandas with ``dtype=str``. Then, best of ``--repeat`` each:

1. ``evaluate_table`` on the typed input and on the string input;
2. ``evaluate`` in a loop over the first ``--loop`` teachers (objects built before the
   timer), scaled;
3. ``benchmarks/pandas_cn2011.py``, the rule hand-written in pandas (cn-2011 only),
   whose results must equal the table path's (status, counted, required, shortfall
   per teacher x cycle) at ``as_of``, on a cycle's last and next first day and before
   the first cycle: the run fails if not;
4. bare group-bys (pandas and polars) that only sum each teacher's exact hours in one
   cycle and compare the sum with the figure: the least any evaluation must do;
5. the ratios, with the targets of issue 10 beside them;
6. a mix of all six catalogue policies (``--mix`` teachers split between them, each
   part through ``evaluate_table``; 2 % of teachers hired inside a period, an
   assessment for every Fujian teacher): teachers/s and the share that fell back;
7. memory of streaming: ``evaluate_many`` over a generator of grouped teachers, and
   the table path in chunks of ``--chunk`` teachers, at each ``--stream`` size, each in
   a fresh subprocess: the peak RSS while streaming (``VmHWM``, reset after imports
   and setup; ``ru_maxrss`` where ``/proc`` is missing).

Printed figures and ratios, never a timed test; the run fails only when an answer
differs. CI: ``--teachers 3000 --repeat 1 --loop 1000 --mix 3000 --stream 2000,20000 --chunk 5000``.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
from pandas_cn2011 import evaluate_cn2011

import trainingrules as tr
from trainingrules import policy
from trainingrules.table import evaluate_table

EPOCH = date(1970, 1, 1)
RECORDS = 20  # records a teacher
PROGRAMMES = ("", "", "", "guopei", "it_capability", "full_staff_remote")
STATES = ("verified", "verified", "verified", "verified", "reviewed", "")
TITLES = ("senior", "intermediate", "junior", "junior", "none")
TARGET_TABLE = 1_000_000  # teachers/s, hours policies (issue 10, section 5)
TARGET_OVER_PANDAS = 3.0  # table path / hand-written pandas, at least
TARGET_BARE = 4.0  # bare group-by / table path, at most
TARGET_PANDAS = 200_000  # teachers/s the hand-written pandas must reach itself


@dataclass(frozen=True)
class Setup:
    """Generated data for one policy: its dates, categories and the bare group-by's window."""

    as_of: date
    start: date  # first day of the cycle the bare group-by sums
    end: date  # the day after its last day
    figure: int  # hours that cycle requires, every title
    categories: tuple[str, ...]
    most: int  # most hours of a record (drawn in half hours, some in hundredths)
    states: bool = False  # a credit_state column (jx-2019 counts verified credits)


SETUPS = {
    "cn-2011": Setup(
        date(2016, 3, 1),
        date(2011, 1, 1),
        date(2016, 1, 1),
        360,
        ("in_service", "remote", "face_to_face"),
        40,
    ),
    "jx-2014": Setup(
        date(2016, 3, 1), date(2011, 1, 1), date(2016, 1, 1), 360, ("remote", "in_service"), 40
    ),
    "jx-2019": Setup(
        date(2020, 6, 1),
        date(2016, 1, 1),
        date(2021, 1, 1),
        360,
        ("remote", "school_based"),
        40,
        states=True,
    ),
    "sn-weinan-2019": Setup(
        date(2020, 6, 1), date(2016, 1, 1), date(2021, 1, 1), 360, ("county", "school_based"), 40
    ),
    "nm-hohhot-2006": Setup(
        date(2009, 1, 1),
        date(2004, 1, 1),
        date(2009, 1, 1),
        240,
        ("remote", "face_to_face", "in_service"),
        26,
    ),
    "fj-putian-hanjiang-2009": Setup(
        date(2010, 1, 1),
        date(2009, 1, 1),
        date(2010, 1, 1),
        72,
        ("class_teacher", "new_curriculum", "local_course"),
        8,
    ),
}


# --- data ------------------------------------------------------------------------------


def _days(values: np.ndarray) -> pl.Series:
    """Days since 1970-01-01 as ISO date strings."""
    return pl.Series(values.astype(np.int32)).cast(pl.Date).cast(pl.String)


def _pick(rng: np.random.Generator, values: tuple[str, ...], size: int) -> pl.Series:
    """``size`` values drawn from ``values`` (a polars gather: no wide numpy strings)."""
    return pl.Series(values).gather(pl.Series(rng.integers(0, len(values), size=size)))


def _hours_text(h: pl.Expr, padded: pl.Expr) -> pl.Expr:
    """Integers of hundredths as the strings people type: ``12``, ``12.5``, ``12.25``."""
    whole, cents = (h // 100).cast(pl.String), h % 100
    two = cents.cast(pl.String).str.zfill(2)
    return (
        pl.when(padded)
        .then(pl.format("{}.{}", whole, two))
        .when(cents == 0)
        .then(whole)
        .when(cents % 10 == 0)
        .then(pl.format("{}.{}", whole, (cents // 10).cast(pl.String)))
        .otherwise(pl.format("{}.{}", whole, two))
    )


def build(
    n: int, setup: Setup, seed: int = 2026, *, first: int = 0, partial: float = 0.0
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(teachers, records)`` of ``n`` teachers (ids from ``T{first}``), every column a String.

    Records are spread from 60 days before the window to 60 days after ``as_of``;
    teachers ``i % 50`` in 0-5 hold the boundaries (see the module docstring).
    ``partial``: the share of teachers hired inside the window (``employed_from``).
    """
    rng = np.random.default_rng(seed)
    lo, hi = (setup.start - EPOCH).days, (setup.end - EPOCH).days
    as_of = (setup.as_of - EPOCH).days
    days = rng.integers(lo - 60, as_of + 61, size=(n, RECORDS))
    cents = rng.integers(1, 2 * setup.most + 1, size=(n, RECORDS)) * 50
    odd = rng.random((n, RECORDS)) < 0.1  # a tenth of the records in hundredths
    cents[odd] = rng.integers(1, setup.most * 100 + 1, size=int(odd.sum()))
    case = (np.arange(first, first + n) % 50)[:, None]
    share = setup.figure * 100 // RECORDS
    spread = lo + np.arange(RECORDS) * ((hi - lo) // RECORDS)
    exact = case[:, 0] <= 2  # cases 0-2: exactly the figure in the cycle
    days[exact] = spread
    days[exact, -1] = hi - 1  # the cycle's last day
    cents[exact] = share
    cents[case[:, 0] == 1, -1] = share - 1  # 0.01 hour short
    days[case[:, 0] == 2, -1] = hi  # the next cycle's first day
    on = case[:, 0] == 3  # the first day, the day before, as_of, the day after
    days[on, 0], days[on, 1], days[on, -2], days[on, -1] = lo, lo - 1, as_of, as_of + 1
    days[case[:, 0] == 4] = lo - 1 - np.arange(RECORDS)  # nothing counted
    last = case[:, 0] == 5  # the whole figure on as_of
    days[last, -1], cents[last, -1] = as_of, setup.figure * 100
    padded = rng.random(n * RECORDS) < 0.05  # "12.50": two places typed
    ids = np.arange(first, first + n)
    hired = rng.random(n) < partial
    teachers = pl.DataFrame(
        {
            "i": ids,
            "birth_date": _days((date(1960, 1, 1) - EPOCH).days + rng.integers(0, 12000, size=n)),
            "sex": _pick(rng, ("male", "female"), n),
            "title": _pick(rng, TITLES, n),
            "hired": hired,
            "employed_from": _days(rng.integers(lo + 1, hi, size=n)),
        }
    ).select(
        pl.format("T{}", "i").alias("teacher_id"),
        "birth_date",
        "sex",
        "title",
        *([pl.when("hired").then("employed_from").alias("employed_from")] if partial else []),
    )
    records = pl.DataFrame(
        {
            "i": np.repeat(ids, RECORDS),
            "j": np.tile(np.arange(RECORDS), n),
            "h": cents.ravel(),
            "padded": padded,
            "completed_on": _days(days.ravel()),
            "category": _pick(rng, setup.categories, n * RECORDS),
            "programme": _pick(rng, PROGRAMMES, n * RECORDS),
            "credit_state": _pick(rng, STATES, n * RECORDS),
        }
    ).select(
        pl.format("T{}", "i").alias("teacher_id"),
        pl.format("R{}", "j").alias("record_id"),
        _hours_text(pl.col("h"), pl.col("padded")).alias("hours"),
        "completed_on",
        "category",
        # Empty fields read from a CSV are nulls.
        pl.when(pl.col("programme") != "").then("programme").alias("programme"),
        *(
            [pl.when(pl.col("credit_state") != "").then("credit_state").alias("credit_state")]
            if setup.states
            else []
        ),
    )
    return teachers, records


def typed(teachers: pl.DataFrame, records: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What ``pl.read_csv(..., schema_overrides=...)`` gives: Decimal hours, Date dates."""
    dates = [n for n in ("birth_date", "employed_from") if n in teachers.columns]
    return (
        teachers.with_columns(pl.col(dates).str.to_date("%Y-%m-%d")),
        records.with_columns(
            pl.col("hours").cast(pl.Decimal(38, 2)),
            pl.col("completed_on").str.to_date("%Y-%m-%d"),
        ),
    )


@dataclass
class Inputs:
    """The same population read three ways, and the precomputed columns of the bare group-bys."""

    typed: tuple[pl.DataFrame, pl.DataFrame]
    strings: tuple[pl.DataFrame, pl.DataFrame]
    pandas: tuple[pd.DataFrame, pd.DataFrame]
    bare_polars: pl.DataFrame
    bare_pandas: pd.DataFrame


def read(teachers: pl.DataFrame, records: pl.DataFrame) -> Inputs:
    """Write both tables as CSV text and read it as an analyst would, three ways."""
    t_csv, r_csv = teachers.write_csv().encode(), records.write_csv().encode()
    overrides = {"hours": pl.Decimal(38, 2), "completed_on": pl.Date}
    typed_input = (
        pl.read_csv(io.BytesIO(t_csv), schema_overrides={"birth_date": pl.Date}),
        pl.read_csv(io.BytesIO(r_csv), schema_overrides=overrides),
    )
    strings = (
        pl.read_csv(io.BytesIO(t_csv), infer_schema=False),
        pl.read_csv(io.BytesIO(r_csv), infer_schema=False),
    )
    frames = (
        pd.read_csv(io.BytesIO(t_csv), dtype=str),
        pd.read_csv(io.BytesIO(r_csv), dtype=str),
    )
    bare = typed_input[1].select(
        "teacher_id", "completed_on", (pl.col("hours") * 100).cast(pl.Int64).alias("h")
    )
    bare_pandas = pd.DataFrame(
        {
            "teacher_id": frames[1]["teacher_id"],
            "completed_on": bare["completed_on"].to_pandas(),
            "h": bare["h"].to_numpy(),
        }
    )
    return Inputs(typed_input, strings, frames, bare, bare_pandas)


# --- timing ----------------------------------------------------------------------------


def best(repeat: int, run: Callable[[], object]) -> tuple[float, Any]:
    """The least time of ``repeat`` runs, and the last run's result."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - t0)
    return min(times), result


def bare_polars(records: pl.DataFrame, setup: Setup) -> pl.DataFrame:
    """Sum each teacher's hours in one cycle and compare with the figure (hours exact ints)."""
    day = pl.col("completed_on")
    return (
        records.filter((day >= setup.start) & (day < setup.end) & (day <= setup.as_of))
        .group_by("teacher_id")
        .agg(pl.col("h").sum())
        .with_columns((pl.col("h") >= setup.figure * 100).alias("met"))
    )


def bare_pandas(records: pd.DataFrame, setup: Setup) -> pd.Series:
    """The same in pandas: a mask, a group-by sum, a comparison."""
    day = records["completed_on"]
    inside = (
        (day >= pd.Timestamp(setup.start))
        & (day < pd.Timestamp(setup.end))
        & (day <= pd.Timestamp(setup.as_of))
    )
    return records.loc[inside].groupby("teacher_id", sort=False)["h"].sum() >= setup.figure * 100


def objects(
    teachers: pl.DataFrame, records: pl.DataFrame
) -> list[tuple[tr.Teacher, list[tr.TrainingRecord]]]:
    """Typed frames as the engine's objects, grouped by teacher."""
    by_teacher: dict[str, list[tr.TrainingRecord]] = {}
    states = "credit_state" in records.columns
    for row in records.iter_rows(named=True):
        by_teacher.setdefault(row["teacher_id"], []).append(
            tr.TrainingRecord(
                id=row["record_id"],
                hours=row["hours"],
                completed_on=row["completed_on"],
                category=row["category"],
                programme=row["programme"] or "",
                credit_state=(row["credit_state"] or None) if states else None,
            )
        )
    employed = "employed_from" in teachers.columns
    return [
        (
            tr.Teacher(
                id=row["teacher_id"],
                birth_date=row["birth_date"],
                sex=row["sex"],
                title=row["title"] or "none",
                employed_from=row["employed_from"] if employed else None,
            ),
            by_teacher.get(row["teacher_id"], []),
        )
        for row in teachers.iter_rows(named=True)
    ]


# --- checks ----------------------------------------------------------------------------


def as_hundredths(results: pl.DataFrame) -> pl.DataFrame:
    """The table path's results in the hand-written implementation's terms."""
    return results.select(
        "teacher_id",
        "period",
        "start",
        "end",
        *((pl.col(n) * 100).cast(pl.Int64).alias(n) for n in ("required", "counted", "shortfall")),
        "status",
    )


def check_pandas(p: policy.Policy, data: Inputs, setup: Setup) -> Counter[str]:
    """The hand-written pandas equals the table path at four dates; the statuses seen."""
    seen: Counter[str] = Counter()
    days = [setup.as_of, setup.end - timedelta(days=1), setup.end, setup.start - timedelta(days=1)]
    for as_of in days:
        table = as_hundredths(evaluate_table(p, *data.strings, as_of).results)
        hand = pl.from_pandas(evaluate_cn2011(*data.pandas, as_of)).with_columns(
            pl.col("start", "end").cast(pl.Date), pl.col("period", "status").cast(pl.String)
        )
        if not table.equals(hand):
            diff = table.join(hand, on=["teacher_id", "start"], suffix="_pandas").filter(
                pl.any_horizontal(
                    pl.col(n) != pl.col(f"{n}_pandas")
                    for n in ("required", "counted", "shortfall", "status")
                )
            )
            print(f"pandas != table path as of {as_of}: {table.height} rows against {hand.height}")
            print(diff.head(10))
            raise SystemExit(1)
        seen.update(table["status"].to_list())
    return seen


def check_evaluate(
    p: policy.Policy,
    cases: list[tuple[tr.Teacher, list[tr.TrainingRecord]]],
    results: pl.DataFrame,
    as_of: date,
) -> None:
    """``evaluate`` and the table path agree on every period of ``cases``."""
    mine = {who.id for who, _ in cases}
    expected = {
        (who.id, period.period.start, req.rule_id, req.counted, period.status.value)
        for who, recs in cases
        for period in tr.evaluate(p, who, recs, as_of).periods
        for req in period.requirements
    }
    got = set(
        results.filter(pl.col("teacher_id").is_in(list(mine)))
        .select("teacher_id", "start", "requirement", "counted", "status")
        .iter_rows()
    )
    if got != expected:
        print(f"evaluate != table path: {sorted(got ^ expected)[:10]}")
        raise SystemExit(1)


# --- the mix of six policies -----------------------------------------------------------


def assessment() -> tr.Assessment:
    """A Fujian teacher's year: a formal exam passed, written work handed in (F5-F7)."""
    return tr.Assessment(
        sittings=(
            tr.ExamSitting(kind=tr.SittingKind.FORMAL, on=date(2009, 10, 10), score=Decimal(75)),
        ),
        written_work=tr.WrittenWork(
            notes_chars=5000, forum_posts=2, reflection_chars=1000, handwritten=True
        ),
    )


def mix(n: int, repeat: int) -> None:
    """The six catalogue policies, ``n`` teachers split between them, each part a table."""
    parts = []
    ids = policy.ids()
    for i, pid in enumerate(ids):
        size = n // len(ids) + (i < n % len(ids))
        setup = SETUPS[pid]
        teachers, records = typed(*build(size, setup, seed=7 + i, partial=0.02))
        extra: dict[str, Any] = {}
        if pid == "fj-putian-hanjiang-2009":
            extra["assessments"] = dict.fromkeys(teachers["teacher_id"].to_list(), assessment())
        parts.append((pid, policy.get(pid), teachers, records, setup.as_of, extra))
    for _, p, teachers, records, as_of, extra in parts:  # compile each plan outside the timer
        evaluate_table(p, teachers.head(50), records.head(50 * RECORDS), as_of, **extra)
    print(f"\nmix of the six catalogue policies, {n:,} teachers (typed input), best of {repeat}:")
    total, fell = 0.0, 0
    for pid, p, teachers, records, as_of, extra in parts:
        seconds, result = best(
            repeat,
            lambda p=p, t=teachers, r=records, a=as_of, e=extra: evaluate_table(p, t, r, a, **e),
        )
        total += seconds
        back = result.fallback.height
        fell += back
        if result.errors.height:  # generated data hold no bad row
            print(result.errors.head())
            raise SystemExit(1)
        reasons = Counter(result.fallback["reason"].to_list())
        why = "; ".join(f"{k}: {v:,}" for k, v in reasons.most_common())
        print(
            f"  {pid:<24} {teachers.height / seconds:>12,.0f} teachers/s  "
            f"{back:>6,} fell back ({back / teachers.height:6.1%}){'  ' + why if why else ''}"
        )
    print(
        f"  {'all six':<24} {n / total:>12,.0f} teachers/s  {fell:>6,} fell back ({fell / n:6.1%})"
    )


# --- streaming memory, each size in a fresh subprocess -----------------------------------


def _status() -> dict[str, int]:
    """``VmRSS`` and ``VmHWM`` of this process in KiB (Linux), or ``{}``."""
    try:
        lines = Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    except OSError:
        return {}
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    return {k: int(fields[k].split()[0]) for k in ("VmRSS", "VmHWM") if k in fields}


def reset_peak() -> int:
    """Start a new peak: the resident set size now (KiB); the peak is reset where Linux allows.

    Writing 5 to ``/proc/self/clear_refs`` resets ``VmHWM`` (Linux 4.0+), so the peak
    read later belongs to the measured part alone, not to imports and setup.
    Elsewhere ``ru_maxrss`` (a peak since the process started) stands in.
    """
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return _status().get("VmRSS", 0)


def peak_kib() -> int:
    """The peak resident set size since ``reset_peak`` (KiB)."""
    return _status().get("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(mode: str, n: int, pid: str, chunk: int) -> None:
    """Run one streaming measurement and print it as one JSON line."""
    p, setup = policy.get(pid), SETUPS.get(pid, SETUPS["cn-2011"])
    statuses: Counter[str] = Counter()
    facts: dict[str, float] = {}
    if mode == "many":
        # A pool of 1,000 teachers' validated records: building 20 fresh records a
        # teacher would time the constructors (≈ 13 µs a record), not the stream. Each
        # teacher is a fresh object; each evaluation is dropped once its status is read.
        pool = [recs for _, recs in objects(*typed(*build(1000, setup)))]
        born = date(1980, 1, 1)

        def stream() -> Iterator[tuple[tr.Teacher, list[tr.TrainingRecord]]]:
            for i in range(n):
                teacher = tr.Teacher(id=f"T{i}", birth_date=born, sex="female", title="junior")
                yield teacher, pool[i % len(pool)]

        warm = tr.Teacher(id="W", birth_date=born, sex="male")
        list(tr.evaluate_many(p, [(warm, pool[0])], setup.as_of))
        before = reset_peak()
        t0 = time.perf_counter()
        for one in tr.evaluate_many(p, stream(), setup.as_of):
            statuses[one.evaluation.status.value if one.evaluation else "error"] += 1
    else:
        warm = typed(*build(50, setup))
        evaluate_table(p, *warm, setup.as_of)
        before = reset_peak()
        t0 = time.perf_counter()
        working = 0.0
        for lo in range(0, n, chunk):
            teachers, records = typed(*build(min(chunk, n - lo), setup, seed=lo, first=lo))
            if not lo:  # what one chunk's input holds, before it is evaluated
                facts["data"] = _status().get("VmRSS", before) - before
            t1 = time.perf_counter()
            result = evaluate_table(p, teachers, records, setup.as_of)
            working += time.perf_counter() - t1
            if lo < 2 * chunk:  # the peaks once the first and the second chunk are through
                facts["first" if not lo else "second"] = peak_kib()
            statuses.update(dict(result.results["status"].value_counts().iter_rows()))
            del teachers, records, result
        facts["table_seconds"] = working
    seconds = time.perf_counter() - t0
    print(
        json.dumps(
            {
                "before": before,
                "peak": peak_kib(),
                "seconds": seconds,
                "teachers": n,
                "statuses": statuses,
                **facts,
            }
        )
    )


def streaming(sizes: list[int], pid: str, chunk: int) -> None:
    """Peak RSS of each streaming measurement, each in a fresh subprocess."""
    print(
        f"\nstreaming memory ({pid}), each size in a fresh subprocess: peak RSS while "
        "streaming (VmHWM, reset after setup) and its growth over the RSS at the start"
    )
    for mode, label in (
        ("many", "evaluate_many, grouped generator"),
        ("table", f"evaluate_table, chunks of {chunk:,}"),
    ):
        for n in sizes:
            command = [sys.executable, __file__, "--child", mode, "--teachers", str(n)]
            command += ["--policy", pid, "--chunk", str(chunk)]
            done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - this file
            if done.returncode:
                print(done.stdout, done.stderr)
                raise SystemExit(done.returncode)
            got = json.loads(done.stdout.strip().splitlines()[-1])
            grew = (got["peak"] - got["before"]) / 1024
            line = (
                f"  {label:<36} {n:>10,} teachers: peak {got['peak'] / 1024:7.1f} MiB "
                f"({grew:+6.1f} over {got['before'] / 1024:.1f}), "
                f"{n / got['seconds']:>9,.0f} teachers/s"
            )
            if "table_seconds" in got:
                second = f", the second {got['second'] / 1024:.1f}" if "second" in got else ""
                line += (
                    f" (generating each chunk included; evaluate_table alone "
                    f"{n / got['table_seconds']:,.0f}/s)\n{'':<40}peak after the first chunk "
                    f"{got['first'] / 1024:.1f} MiB{second}; RSS once the first chunk's input "
                    f"was built {got['data'] / 1024:+.1f} MiB"
                )
            print(line)


# --- the run ---------------------------------------------------------------------------


def verdict(value: float, target: float, *, at_least: bool) -> str:
    """``met`` or ``NOT met``, for a figure against its target."""
    ok = value >= target if at_least else value <= target
    return "met" if ok else "NOT met"


def measure(p: policy.Policy, setup: Setup, n: int, loop: int, repeat: int) -> dict[str, float]:
    """Teachers/s of every contender on ``n`` generated teachers; checks the answers agree."""
    as_of = setup.as_of
    t0 = time.perf_counter()
    data = read(*build(n, setup))
    rows = data.typed[1].height
    print(
        f"data: {n:,} teachers x {RECORDS} records ({rows:,} rows), {p.id}, as of {as_of}; "
        f"generated and read in {time.perf_counter() - t0:.1f} s; best of {repeat}"
    )
    evaluate_table(p, data.typed[0].head(100), data.typed[1].head(100 * RECORDS), as_of)
    rate: dict[str, float] = {}
    seconds, typed_result = best(repeat, lambda: evaluate_table(p, *data.typed, as_of))
    rate["typed"] = n / seconds
    seconds, string_result = best(repeat, lambda: evaluate_table(p, *data.strings, as_of))
    rate["strings"] = n / seconds
    k = min(loop, n)
    cases = objects(data.typed[0].head(k), data.typed[1].head(k * RECORDS))

    def run_loop() -> None:
        for who, recs in cases:
            tr.evaluate(p, who, recs, as_of)

    seconds, _ = best(repeat, run_loop)
    rate["evaluate"] = k / seconds
    if p.id == "cn-2011":
        seconds, _ = best(repeat, lambda: evaluate_cn2011(*data.pandas, as_of))
        rate["pandas"] = n / seconds
    seconds, _ = best(repeat, lambda: bare_pandas(data.bare_pandas, setup))
    rate["bare_pandas"] = n / seconds
    seconds, _ = best(repeat, lambda: bare_polars(data.bare_polars, setup))
    rate["bare_polars"] = n / seconds
    report(rate, k)

    if not as_hundredths(typed_result.results).equals(as_hundredths(string_result.results)):
        print("the table path answers differently on typed and on string input")
        raise SystemExit(1)
    check_evaluate(p, cases[:500], typed_result.results, as_of)
    print(
        f"\nchecks: table path, typed input == string input; evaluate() == table path on the "
        f"first {min(500, k):,} teachers: yes"
    )
    if p.id == "cn-2011":
        seen = check_pandas(p, data, setup)
        counts = ", ".join(f"{s} {c:,}" for s, c in sorted(seen.items()))
        print(
            "        hand-written pandas == table path (status, counted, required, shortfall "
            f"per teacher x cycle) as of {as_of}, {setup.end - timedelta(days=1)}, "
            f"{setup.end}, {setup.start - timedelta(days=1)}: yes ({counts})"
        )
    return rate


def report(rate: dict[str, float], k: int) -> None:
    """Print the rates and the ratios, with the targets beside them."""
    lines = [
        ("table path, typed input (Decimal(38, 2) hours, Date dates)", "typed"),
        ("table path, string input (every column a String)", "strings"),
        (f"evaluate() in a loop ({k:,} teachers, scaled)", "evaluate"),
        ("hand-written pandas (benchmarks/pandas_cn2011.py)", "pandas"),
        ("bare pandas group-by (sum in the cycle, compare)", "bare_pandas"),
        ("bare polars group-by (sum in the cycle, compare)", "bare_polars"),
    ]
    print(f"\n{'':<62}{'teachers/s':>12}")
    for label, key in lines:
        shown = f"{rate[key]:>12,.0f}" if key in rate else f"{'n/a (cn-2011 only)':>20}"
        print(f"  {label:<60}{shown}")
    ratios = [
        (f"table path, {name} input", rate[kind], TARGET_TABLE, True, "/s")
        for kind, name in (("typed", "typed"), ("strings", "string"))
    ]
    if "pandas" in rate:
        ratios.append(("hand-written pandas", rate["pandas"], TARGET_PANDAS, True, "/s"))
        ratios.extend(
            (
                f"table path ({kind}) / hand-written pandas",
                rate[kind] / rate["pandas"],
                TARGET_OVER_PANDAS,
                True,
                "x",
            )
            for kind in ("strings", "typed")
        )
    ratios.extend(
        (
            f"{bare.replace('_', ' ')} group-by / table path ({kind})",
            rate[bare] / rate[kind],
            TARGET_BARE,
            False,
            "x",
        )
        for bare in ("bare_pandas", "bare_polars")
        for kind in ("strings", "typed")
    )
    print(f"\n{'ratios and targets, measured in this run':<62}{'measured':>12}  target")
    for label, value, target, at_least, unit in ratios:
        sign = "≥" if at_least else "≤"
        if unit == "/s":
            shown, wanted = f"{value:>12,.0f}", f"{sign} {target:,.0f}/s"
        else:
            shown, wanted = f"{value:>11.2f}x", f"{sign} {target:g}x"
        print(f"  {label:<60}{shown}  {wanted} {verdict(value, target, at_least=at_least)}")
    for kind in ("typed", "strings"):
        label = f"table path ({kind}) / evaluate loop"
        print(f"  {label:<60}{rate[kind] / rate['evaluate']:>11.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--policy", default="cn-2011", choices=sorted(SETUPS))
    parser.add_argument("--loop", type=int, default=5_000, help="teachers for evaluate()")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument("--mix", type=int, default=None, help="teachers of the mix (0: skip)")
    parser.add_argument("--stream", default="100000,1000000", help="sizes ('': skip)")
    parser.add_argument("--chunk", type=int, default=100_000, help="teachers a chunk")
    parser.add_argument("--child", choices=["many", "table"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.teachers, args.policy, args.chunk)
        return 0
    print(
        f"machine: {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, polars {pl.__version__}, pandas {pd.__version__}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    measure(policy.get(args.policy), SETUPS[args.policy], args.teachers, args.loop, args.repeat)
    gc.collect()
    mix_size = args.teachers if args.mix is None else args.mix
    if mix_size:
        mix(mix_size, args.repeat)
    sizes = [int(s) for s in args.stream.split(",") if s.strip()]
    if sizes:
        streaming(sizes, args.policy, args.chunk)
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
