"""Fuzz every input path with 100,000+ examples; print examples, typed errors and escapes.

Runs the targets of ``tests/fuzz/targets.py`` (policy dicts, input dicts, requests,
constructors and public helpers, ``evaluate``) with hypothesis, counting per target
the examples run, the results (``ok`` or a typed error), the escapes (any other
exception: there must be none) and the slowest example. An escape is reported with
its exception, the line it came from and the input, and does not stop the run.

    python benchmarks/fuzz_100k.py                 # 100,000 examples in all
    python benchmarks/fuzz_100k.py --total 20000   # fewer
    python benchmarks/fuzz_100k.py --seed 7

Exit status 1 if anything escaped.
"""

from __future__ import annotations

import argparse
import reprlib
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "fuzz"), str(ROOT / "tests" / "property")]

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from targets import TARGETS, Target  # noqa: E402

from trainingrules.errors import TrainingRulesError  # noqa: E402

_SHORT = reprlib.Repr()
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 4, 60, 60

SHARES = {
    # share of the total per target (the from_dicts are cheap, evaluate dear)
    "policy.from_dict": 10,
    "policy.from_dict.random": 15,
    "input.from_dict": 25,
    "Request.from_dict": 10,
    "constructors": 30,
    "evaluate": 10,
}


def fuzz(target: Target, examples: int, rng_seed: int) -> dict[str, object]:
    """Run ``target`` for ``examples`` examples; the counts and the escapes."""
    results: Counter[str] = Counter()
    escapes: Counter[str] = Counter()
    samples: dict[str, str] = {}
    slowest = 0.0

    @seed(rng_seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def run(value: object) -> None:
        nonlocal slowest
        started = time.perf_counter()
        try:
            results[target.run(value)] += 1
        except TrainingRulesError as error:  # pragma: no cover - run returns the code
            results[error.code] += 1
        except Exception as error:  # noqa: BLE001 - counting what escapes is the point
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno}"
            escapes[where] += 1
            samples.setdefault(where, f"{error!s:.200} <- {_SHORT.repr(value)}")
        slowest = max(slowest, time.perf_counter() - started)

    run()
    return {"results": results, "escapes": escapes, "samples": samples, "slowest": slowest}


def main() -> int:
    """Run every target and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", type=int, default=100_000, help="examples in all")
    parser.add_argument("--seed", type=int, default=20240611)
    args = parser.parse_args()
    weight = sum(SHARES.values())
    grand: Counter[str] = Counter()
    escaped = 0
    print(
        f"{'target':<26}{'examples':>10}{'ok':>9}{'typed':>9}{'escapes':>9}"
        f"{'slowest':>10}{'time':>8}"
    )
    started = time.perf_counter()
    for target in TARGETS:
        examples = args.total * SHARES[target.name] // weight + 1
        began = time.perf_counter()
        found = fuzz(target, examples, args.seed)
        spent = time.perf_counter() - began
        results: Counter[str] = found["results"]  # type: ignore[assignment]
        escapes: Counter[str] = found["escapes"]  # type: ignore[assignment]
        run = sum(results.values()) + sum(escapes.values())
        typed = run - results["ok"] - sum(escapes.values())
        escaped += sum(escapes.values())
        grand.update(results)
        print(
            f"{target.name:<26}{run:>10,}{results['ok']:>9,}{typed:>9,}"
            f"{sum(escapes.values()):>9,}{found['slowest']:>9.2f}s{spent:>7.0f}s"
        )
        for where, count in escapes.most_common():
            print(f"    ESCAPE {count} x {where}: {found['samples'][where]}")  # type: ignore[index]
    total = sum(grand.values()) + escaped
    typed = total - grand["ok"] - escaped
    print(f"{'total':<26}{total:>10,}{grand['ok']:>9,}{typed:>9,}{escaped:>9,}")
    print(f"time: {time.perf_counter() - started:.0f} s")
    print(
        "typed error codes:",
        ", ".join(f"{code} {n}" for code, n in grand.most_common() if code != "ok"),
    )
    return 1 if escaped else 0


if __name__ == "__main__":
    sys.exit(main())
