"""Teachers per second on a Dask LocalCluster of 1 and 2 workers against one process.

Usage: python benchmarks/bench_dask.py [--teachers N] [--policy ID] [--repeat N]

Data (``--teachers`` teachers x 20 records, every column a string as an export
reads, a few rows bad) is generated before any timer starts, as polars tables in this
process. For each cluster (``LocalCluster(n_workers=k, threads_per_worker=1,
processes=True)``, started outside the timer) two times are taken:

- evaluated: ``evaluate_dask`` returns: both tables partitioned by teacher, sent to
  the workers, every partition evaluated; the tables stay on the workers.
- gathered: the above and ``compute()``: the tables brought back and merged in input
  order, as ``evaluate_table`` gives them.

The single process is ``evaluate_table`` on the same tables. Each figure is the best
of ``--repeat`` runs; the gathered tables are checked equal to the single-process ones
once. Printed ratios, never a timed test.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date

import distributed
import numpy as np
import polars as pl
from polars.testing import assert_frame_equal

from trainingrules import policy
from trainingrules.table import evaluate_dask, evaluate_table

RECORDS = 20
CATEGORIES = ["in_service", "remote", "face_to_face"]


def build(n: int, seed: int = 2026) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``n`` teachers x 20 records, every column a String, as an export reads.

    Records fall between 60 days before 2011 and 2016-04-30; hours are halves
    (``"12.5"``) and, one record in ten, hundredths (``"3.07"``). A record in a
    thousand has negative hours: its teacher is an input error.
    """
    rng = np.random.default_rng(seed)
    ids = np.array([f"T{i}" for i in range(n)])
    teachers = pl.DataFrame(
        {
            "teacher_id": ids,
            "birth_date": [f"{1960 + i % 35}-0{1 + i % 9}-1{i % 10}" for i in range(n)],
            "sex": np.where(rng.random(n) < 0.7, "female", "male"),
            "title": rng.choice(["senior", "intermediate", "junior"], n),
        }
    )
    m = n * RECORDS
    cents = rng.integers(1, 161, m) * 50
    odd = rng.random(m) < 0.1
    cents[odd] = rng.integers(1, 8000, int(odd.sum()))
    cents[rng.random(m) < 0.001] *= -1
    start = date(2011, 1, 1)
    records = pl.DataFrame(
        {
            "teacher_id": np.repeat(ids, RECORDS),
            "record_id": np.tile([f"R{j}" for j in range(RECORDS)], n),
            "cents": cents,
            "day": rng.integers(-60, (date(2016, 4, 30) - start).days, m),
            "category": rng.choice(CATEGORIES, m),
        }
    ).select(
        "teacher_id",
        "record_id",
        pl.format(
            "{}{}.{}",
            pl.when(pl.col("cents") < 0).then(pl.lit("-")).otherwise(pl.lit("")),
            pl.col("cents").abs() // 100,
            (pl.col("cents").abs() % 100).cast(pl.String).str.pad_start(2, "0"),
        ).alias("hours"),
        (pl.lit(start) + pl.duration(days=pl.col("day"))).cast(pl.String).alias("completed_on"),
        "category",
    )
    return teachers, records


def best(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--policy", default="cn-2011")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    logging.getLogger("distributed").setLevel(logging.ERROR)
    p = policy.get(args.policy)
    as_of = date(2016, 3, 1)
    teachers, records = build(args.teachers)
    n = teachers.height
    print(f"data: {n:,} teachers x 20 records ({records.height:,} rows), policy {p.id}")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")

    evaluate_table(p, teachers.head(100), records.head(2000), as_of)  # compile once
    single_time = best(args.repeat, lambda: evaluate_table(p, teachers, records, as_of))
    single = n / single_time
    print(f"one process (evaluate_table):  {single:10,.0f} teachers/s")
    want = evaluate_table(p, teachers, records, as_of)

    for k in args.workers:
        with (
            distributed.LocalCluster(
                n_workers=k,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # a free port: None means the default 8787 here
                silence_logs=logging.CRITICAL,  # a worker's last heartbeat as the cluster stops
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            evaluate_dask(p, teachers.head(100), records.head(2000), as_of).compute()  # warm up
            evaluated = n / best(
                args.repeat, lambda: evaluate_dask(p, teachers, records, as_of, client=client)
            )
            gathered = n / best(
                args.repeat,
                lambda: evaluate_dask(p, teachers, records, as_of, client=client).compute(),
            )
            got = evaluate_dask(p, teachers, records, as_of, client=client).compute()
            assert_frame_equal(got.results, want.results)
            assert_frame_equal(got.errors, want.errors)
            if (got.rows_in, got.rows_in_error) != (want.rows_in, want.rows_in_error):
                raise SystemExit("the cluster's counts differ from one process's")
        print(
            f"{k} worker{'s' if k > 1 else ' '} evaluated:          {evaluated:10,.0f} teachers/s"
            f"  ({evaluated / single:.2f}x one process)"
        )
        print(
            f"{k} worker{'s' if k > 1 else ' '} gathered:           {gathered:10,.0f} teachers/s"
            f"  ({gathered / single:.2f}x one process, identical tables)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
