"""Teachers per second: ``trainingrules evaluate`` on a GB18030 export, reading and writing too.

Usage: python benchmarks/bench_cli.py [--teachers N] [--policy ID] [--repeat N]

Generates (before any timer) a county-style export in a temporary folder: GB18030,
Chinese headers (教师编号, 出生日期, 性别, 职称 / 教师编号, 记录编号, 学时, 完成日期,
培训类别), Chinese values (男/女, 初级/中级/高级), dates like ``2012/3/5``; N teachers x
20 records. Times ``trainingrules.cli.main([...])`` in-process (decode, read, evaluate,
write the results CSV), then, in the same run, reading the two files alone and
``evaluate_table`` on the frames already read, and prints the ratios. Printed
figures, never a timed test.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from trainingrules import policy
from trainingrules.cli import main as cli
from trainingrules.cli._read import read
from trainingrules.table import evaluate_table

CATEGORIES = ["远程", "集中", "校本"]


def build(folder: Path, n: int, seed: int = 2026) -> tuple[Path, Path]:
    """Write ``teachers.csv`` and ``records.csv`` (GB18030) of ``n`` teachers into ``folder``."""
    rng = random.Random(seed)
    teachers = ["教师编号,出生日期,性别,职称"]
    records = ["教师编号,记录编号,学时,完成日期,培训类别"]
    born = date(1960, 1, 1)
    start = date(2011, 1, 1)
    for i in range(n):
        day = born + timedelta(days=rng.randrange(12000))
        sex = rng.choice("男女")
        title = rng.choice(("初级", "中级", "高级"))
        teachers.append(f"T{i:07d},{day.year}/{day.month}/{day.day},{sex},{title}")
        for j in range(20):
            done = start + timedelta(days=rng.randrange(-60, 1886))
            hours = rng.randrange(1, 80) / 2
            text = f"{hours:.1f}".removesuffix(".0")
            category = rng.choice(CATEGORIES)
            records.append(
                f"T{i:07d},R{j:02d},{text},{done.year}/{done.month}/{done.day},{category}"
            )
    t_path, r_path = folder / "teachers.csv", folder / "records.csv"
    t_path.write_bytes(("\r\n".join(teachers) + "\r\n").encode("gb18030"))
    r_path.write_bytes(("\r\n".join(records) + "\r\n").encode("gb18030"))
    return t_path, r_path


def _best(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--policy", default="cn-2011")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    p = policy.get(args.policy)
    as_of = date(2016, 3, 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t_path, r_path = build(folder, args.teachers)
        out = folder / "results.csv"
        size = (t_path.stat().st_size + r_path.stat().st_size) / 1e6
        n = args.teachers
        print(f"data: {n:,} teachers x 20 records, GB18030 CSV, {size:,.1f} MB, policy {p.id}")
        argv = ["evaluate", "--policy", p.id, "--as-of", as_of.isoformat()]
        argv += [str(t_path), str(r_path), "-o", str(out), "--progress", "never"]

        def whole() -> None:
            with contextlib.redirect_stderr(io.StringIO()):
                cli(argv)

        whole()  # warm up: imports, the policy compiled once
        t_cli = _best(args.repeat, whole)
        frames: list[object] = []

        def reading() -> None:
            frames[:] = [read(str(t_path)).frame, read(str(r_path)).frame]

        t_read = _best(args.repeat, reading)
        teachers, records = frames
        t_table = _best(args.repeat, lambda: evaluate_table(p, teachers, records, as_of))
        rows = out.read_text(encoding="utf-8").count("\n") - 1
    print(f"cli (decode, read, evaluate, write): {n / t_cli:12,.0f} teachers/s  ({t_cli:.2f} s)")
    print(f"  reading the two files:             {n / t_read:12,.0f} teachers/s  ({t_read:.2f} s)")
    print(
        f"  evaluate_table on read frames:     {n / t_table:12,.0f} teachers/s  ({t_table:.2f} s)"
    )
    print(f"  the rest (ids, errors, writing):   {max(t_cli - t_read - t_table, 0):.2f} s")
    print(f"cli rate / table-path rate:          {t_table / t_cli:12.2f}x  ({rows:,} result rows)")
    print("target: >= 150,000 teachers/s for the cli")
    return 0


if __name__ == "__main__":
    sys.exit(main())
