"""Teachers per second: the table path against ``evaluate`` in a loop and a bare polars group-by.

Usage: python benchmarks/bench_table.py [--teachers N] [--policy ID] [--loop N]

Data (``--teachers`` teachers x 20 records, hours as decimal strings) is generated
before any timer starts. The bare group-by only sums the hours of each teacher's
records in one cycle and compares the sum with the figure: the least any
evaluation must do. ``evaluate`` runs over the first ``--loop`` teachers (objects
built outside the timer) and its rate is scaled. Printed ratios, never a timed test.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

import polars as pl

import trainingrules as tr
from trainingrules import policy
from trainingrules.table import evaluate_table

CATEGORIES = ["in_service", "remote", "face_to_face"]
PROGRAMMES = ["", "", "", "guopei", "it_capability"]


def build(n: int, seed: int = 2026) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(seed)
    teachers = pl.DataFrame(
        {
            "teacher_id": [f"T{i}" for i in range(n)],
            "birth_date": [
                date(1960, 1, 1) + timedelta(days=rng.randrange(12000)) for _ in range(n)
            ],
            "sex": [rng.choice(["male", "female"]) for _ in range(n)],
            "title": [rng.choice(["senior", "intermediate", "junior"]) for _ in range(n)],
        }
    )
    m = n * 20
    start = date(2011, 1, 1)
    records = pl.DataFrame(
        {
            "teacher_id": [f"T{i // 20}" for i in range(m)],
            "record_id": [f"R{i % 20}" for i in range(m)],
            "hours": [str(Decimal(rng.randrange(1, 80)) / 2) for _ in range(m)],
            "completed_on": [start + timedelta(days=rng.randrange(-60, 1886)) for _ in range(m)],
            "category": [rng.choice(CATEGORIES) for _ in range(m)],
            "programme": [rng.choice(PROGRAMMES) for _ in range(m)],
        }
    )
    return teachers, records


def bare(records: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Sum hours in 2011-2015 per teacher and compare with 360 (hours already exact ints)."""
    return (
        records.filter(
            (pl.col("completed_on") >= date(2011, 1, 1))
            & (pl.col("completed_on") < date(2016, 1, 1))
            & (pl.col("completed_on") <= as_of)
        )
        .group_by("teacher_id")
        .agg(pl.col("h").sum())
        .with_columns((pl.col("h") >= 36000).alias("met"))
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--policy", default="cn-2011")
    parser.add_argument("--loop", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    p = policy.get(args.policy)
    as_of = date(2016, 3, 1)
    teachers, records = build(args.teachers)
    n = teachers.height
    print(f"data: {n:,} teachers x 20 records ({records.height:,} rows), policy {p.id}")

    evaluate_table(p, teachers.head(100), records.head(2000), as_of)  # compile once
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = evaluate_table(p, teachers, records, as_of)
        times.append(time.perf_counter() - t0)
    table = n / min(times)
    print(f"table path:        {table:12,.0f} teachers/s  ({result.fallback.height} fell back)")

    exact = records.with_columns(
        (pl.col("hours").cast(pl.Decimal(38, 1)) * 100).cast(pl.Int64).alias("h")
    )
    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        bare(exact, as_of)
        times.append(time.perf_counter() - t0)
    grouped = n / min(times)
    print(f"bare group-by:     {grouped:12,.0f} teachers/s  (sum and compare only)")

    k = min(args.loop, n)
    objects = []
    by_teacher: dict[str, list[tr.TrainingRecord]] = {}
    for row in records.head(k * 20).iter_rows(named=True):
        by_teacher.setdefault(row["teacher_id"], []).append(
            tr.TrainingRecord(
                id=row["record_id"],
                hours=row["hours"],
                completed_on=row["completed_on"],
                category=row["category"],
                programme=row["programme"],
            )
        )
    for row in teachers.head(k).iter_rows(named=True):
        who = tr.Teacher(
            id=row["teacher_id"], birth_date=row["birth_date"], sex=row["sex"], title=row["title"]
        )
        objects.append((who, by_teacher.get(who.id, [])))
    t0 = time.perf_counter()
    for who, recs in objects:
        tr.evaluate(p, who, recs, as_of)
    loop = k / (time.perf_counter() - t0)
    print(f"evaluate loop:     {loop:12,.0f} teachers/s  (objects built beforehand)")
    print(f"table / evaluate:  {table / loop:12.1f}x")
    print(f"bare / table:      {grouped / table:12.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
