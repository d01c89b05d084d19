"""Mutation testing: run mutmut on chosen modules and write benchmarks/mutation-report.md.

mutmut is configured in pyproject.toml (``[tool.mutmut]``: which modules may be mutated,
which example tests run per mutant, coverage off). This script only orchestrates it:

    python benchmarks/mutation.py                      # every module below, in this order
    python benchmarks/mutation.py cycles scoring       # some of them
    python benchmarks/mutation.py --survivors cycles   # re-test survivors (and "no tests")
    python benchmarks/mutation.py --report-only        # rewrite the report from mutants/

Run it from the project root with the venv active. Results accumulate in ``mutants/``
(git-ignored): the report covers every listed module that has results there. Surviving
mutants that cannot change behaviour are listed in ``EQUIVALENT`` with the reason; they
still count as survivors in the score.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "benchmarks" / "mutation-report.md"
TIMES = ROOT / "mutants" / "mutation-times.json"

MODULES = [
    "cycles",
    "scoring",
    "engine._count",
    "engine._requirements",
    "engine._conditions",
    "engine._inputs",
    "engine._plan",
    "_from_json",
    "_request",
    "records",
]
"""Short module names under ``trainingrules``, in priority order."""

_S = "trainingrules.scoring."
_C = "trainingrules.engine._count."
_R = "trainingrules.engine._requirements."
_K = "trainingrules.engine._conditions."
_P = "trainingrules.engine._plan."
EQUIVALENT: dict[str, str] = {
    **dict.fromkeys(
        [f"{_S}x__integers__mutmut_{n}" for n in (3, *range(6, 16))],
        "the guard against a non-integer exponent (`pragma: no cover`) is unreachable: "
        "`_round_quotient` refuses a non-finite value first and `Rounding` refuses a "
        "non-finite quantum, so both exponents are ints",
    ),
    **dict.fromkeys(
        [f"{_S}x__integers__mutmut_{n}" for n in (26, 42)],
        'the `or "0"` fallback is never taken: a finite Decimal\'s digits are never empty '
        "(zero is `(0,)`)",
    ),
    **dict.fromkeys(
        [f"{_S}x__integers__mutmut_{n}" for n in (43, 45, 46)],
        "the quantum's sign is never negative (`Rounding` refuses a quantum <= 0), so the "
        "`-1 if b_sign` branch is never taken",
    ),
    **dict.fromkeys(
        [f"{_S}x_check_weights__mutmut_{n}" for n in (26, 37)],
        "`sum(checked)` starts at int 0 instead of Decimal(0): the weights are non-empty "
        "Decimals and 0 + x is the same Decimal (value and exponent) as Decimal(0) + x",
    ),
    # engine._count
    # engine._count
    **dict.fromkeys(
        [f"{_C}x_decide_period__mutmut_58", f"{_C}x_count__mutmut_112"],
        "`met = None` for False: `met` is read only by `period_status`'s `if met and ...`, "
        "where both are false",
    ),
    f"{_C}x_count__mutmut_47": "`hit = None` for False: only read by `found if hit else`",
    f"{_C}x_decide_period__mutmut_32": "calling `activity_best` for a requirement without "
    "an activity returns 0, and `check` ignores `best` when there is no activity",
    f"{_C}x_count__mutmut_45": "`converts` is False only for a ratio of 1 without rounding; "
    "`rule.credit(h)` is then h × 1, the same Decimal (ratios are canonical)",
    f"{_C}x_count__mutmut_77": "the extra cases take the general path, where `service()` is "
    "None unless the plan prorates and the teacher serves partly: same figures, and a "
    "simple scheme has no caps or activities",
    f"{_C}x_count__mutmut_85": "`conditions_status` of a scheme without conditions is "
    "`worst([])`, PASSED, the value the shortcut gives",
    # engine._requirements
    f"{_R}xǁServiceǁprorate__mutmut_9": "a `Service` is built only for a BY_DAYS rule, and a "
    "BY_DAYS `ServiceRule` must state its rounding (PolicyDataError otherwise)",
    **dict.fromkeys(
        [f"{_R}x__max_flow__mutmut_{n}" for n in (2, 3, 4, 5, 6, 7)],
        "the source or sink renamed (every use): nodes stay distinct, and no node's "
        "neighbours mix in- and out-nodes (source and sink end a search), so the search "
        "finds the same paths",
    ),
    # engine._conditions
    **dict.fromkeys(
        [f"{_K}x_written_gaps__mutmut_{n}" for n in (14, 15)] + [f"{_K}x__written_value__mutmut_6"],
        "the value and minimum of `written.printed` are never shown: its message has no "
        "{value} or {minimum}",
    ),
    f"{_K}x__written_value__mutmut_3": "`and` for `or`: codes without nouns (written.printed) "
    "have a str value, and codes with nouns always have an int, so str/how_many is chosen "
    "the same way",
    f"{_K}x_condition_result__mutmut_77": "no message that shows {score} is rendered without a "
    "deciding score (exam.no_formal, awaiting_makeup and makeup_absent have no {score})",
    **dict.fromkeys(
        [f"{_K}x_condition_result__mutmut_{n}" for n in (83, 86, 87)],
        "the formal sitting is passed to exam.formal_passed, whose message has no {formal}",
    ),
    # _from_json
    "trainingrules._from_json.x__encodes__mutmut_3": '`"UTF-8"` names the same codec as `"utf-8"`',
    # records
    "trainingrules.records.x__region__mutmut_10": "`check_code`'s default path is "
    '`"region"`, the only path `_region` is called with (the field\'s name; `from_dict` '
    "prefixes it afterwards)",
    # _request
    "trainingrules._request.x__list__mutmut_32": "an item read as FAILED has added its "
    "error, so `raise_if_any` refuses the request whatever `_list` returns",
    "trainingrules._request.x__read__mutmut_4": "the path of the request's own unknown keys "
    'is None instead of "": `join` treats both as no prefix (`if path`), so the key itself',
    # engine._plan
    f"{_P}xǁPlacementǁcredit__mutmut_2": "`converts` is False only for a ratio of 1 without "
    "rounding; `rule.credit(h)` is then h × 1, the same Decimal (ratios are canonical)",
}
"""Surviving mutants that cannot change behaviour: mutant name -> why."""


NOTES = (
    "Each mutant runs only the tests that reach the mutated function, among the example "
    "tests of these modules and `tests/test_mutants_*.py` (pyproject `[tool.mutmut]`); "
    "the property tests (tests/property) and the fuzz tests are not run per mutant (too slow), "
    "so a mutant only they would catch counts as a survivor here. Mutants are forked from a "
    'clean server (`process_isolation = "forkserver"`): forked from the process that ran '
    "the tests, the engine's memos (compiled plans, record kinds) hid mutants of the code "
    "that fills them."
)
"""A note printed under the table."""


def _mutmut(*args: str, show: bool = False) -> str:
    """Run one mutmut command in the project root; return its output (or ``show`` it)."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci"}  # derandomized: repeatable verdicts
    done = subprocess.run(  # noqa: S603 - fixed program, arguments from this script
        [Path(sys.executable).with_name("mutmut"), *args],
        cwd=ROOT,
        env=env,
        capture_output=not show,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write((done.stdout or "")[-4000:] + (done.stderr or "")[-4000:])
        msg = f"mutmut {' '.join(args)} exited with {done.returncode}"
        raise SystemExit(msg)
    return done.stdout or ""


def _statuses() -> dict[str, str]:
    """Every mutant mutmut knows of -> its status (killed, survived, timeout, ...)."""
    out = _mutmut("results", "--all", "true")
    pairs = (line.strip().rpartition(": ") for line in out.splitlines() if ": " in line)
    return {name: status for name, _, status in pairs}


def _of(module: str, statuses: dict[str, str]) -> dict[str, str]:
    prefix = f"trainingrules.{module}."
    return {k: v for k, v in statuses.items() if k.startswith(prefix)}


def run(modules: list[str], *, survivors_only: bool, max_children: int) -> None:
    """Run mutmut on each module (or on its last survivors) and record the wall time."""
    times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    for module in modules:
        names = [f"trainingrules.{module}.*"]
        if survivors_only:
            mine = _of(module, _statuses())
            names = [k for k, v in mine.items() if v in {"survived", "no tests"}]
            if not names:
                continue
        start = time.monotonic()
        _mutmut("run", "--max-children", str(max_children), *names, show=True)
        seconds = round(time.monotonic() - start)
        times[module] = (times.get(module, 0) if survivors_only else 0) + seconds
        print(f"{module}: {seconds} s", flush=True)
        TIMES.parent.mkdir(exist_ok=True)
        TIMES.write_text(json.dumps(times, indent=1))


def _natural(name: str) -> tuple[str, int]:
    """Sort ``f__mutmut_9`` before ``f__mutmut_10``."""
    stem, _, number = name.rpartition("_")
    return stem, int(number)


def report() -> None:
    """Write the markdown report from mutmut's stored results."""
    statuses = _statuses()
    times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    rows, survivors, missing = [], [], []
    for module in MODULES:
        mine = _of(module, statuses)
        count = Counter(mine.values())
        if not mine or count["not checked"]:
            checked = len(mine) - count["not checked"]
            missing.append(f"`trainingrules.{module}` ({checked} of {len(mine)} mutants checked)")
            continue
        caught = count["killed"] + count["timeout"]
        score = 100 * caught / len(mine)
        equivalent = sum(v == "survived" and k in EQUIVALENT for k, v in mine.items())
        rows.append(
            f"| trainingrules.{module} | {len(mine)} | {count['killed']} | {count['survived']} "
            f"| {equivalent} | {count['timeout']} | {len(mine) - caught - count['survived']} "
            f"| {score:.1f} % | {times.get(module, '?')} |"
        )
        survivors += sorted((k for k, v in mine.items() if v == "survived"), key=_natural)
    today = dt.datetime.now(tz=dt.UTC).date().isoformat()
    lines = [
        "# Mutation testing report",
        "",
        (
            f"Date: {today}. Machine: {platform.machine()}, {os.cpu_count()} cores (shared), "
            f"Python {platform.python_version()}, mutmut {_mutmut('--version').split()[-1]}. "
            "Written by `benchmarks/mutation.py`; configuration in pyproject.toml `[tool.mutmut]`."
        ),
        "",
        (
            "Score = (killed + timeout) / mutants; equivalent mutants are not excluded (the "
            "equivalent column counts the survivors listed as equivalent below). Other = not "
            "checked, no tests, suspicious or skipped. s = wall seconds of the last full run "
            "plus any `--survivors` re-runs after it."
        ),
        "",
        "| module | mutants | killed | survived | equivalent | timeout | other | score | s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"Not run to the end: {', '.join(missing) or 'none'}.",
        "",
        NOTES,
        "",
        "## Surviving mutants",
        "",
        "Equivalent ones (cannot change behaviour) say why; see one with `mutmut show NAME`.",
        "",
        *(
            f"- `{name}`: {EQUIVALENT.get(name, '**not equivalent**: no test kills it yet')}"
            for name in survivors
        ),
        "",
    ]
    REPORT.write_text("\n".join(lines))
    print(f"wrote {REPORT.relative_to(ROOT)}")


def main() -> None:
    """Parse the command line, run mutmut, write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help=f"any of {', '.join(MODULES)} (default: all)")
    parser.add_argument("--survivors", action="store_true", help="re-test the last survivors")
    parser.add_argument("--report-only", action="store_true", help="do not run mutmut")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args()
    unknown = set(args.modules) - set(MODULES)
    if unknown:
        parser.error(f"unknown modules: {', '.join(sorted(unknown))}")
    args.modules = args.modules or MODULES
    if not args.report_only:
        run(args.modules, survivors_only=args.survivors, max_children=args.max_children)
    report()


if __name__ == "__main__":
    main()
