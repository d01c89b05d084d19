"""The command line: ``trainingrules`` (the console script) and ``python -m trainingrules``.

Commands: ``policies``, ``show``, ``evaluate``, ``validate-policy``, ``diff``, ``demo``
(``trainingrules COMMAND --help``; the guide is ``docs/cli.md``). Only ``evaluate``
needs the optional part, ``pip install 'trainingrules[cli]'`` (polars, tqdm); the
others run on the core alone and import no optional library.

Exit status: 0 success; 1 some rows in error (``evaluate``), an invalid policy
(``validate-policy``) or policies that differ (``diff``); 2 a usage, file or policy
error, printed as one line (never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date, datetime

from trainingrules import policy
from trainingrules._demo import DEMO_CASES, render
from trainingrules.cli import _describe
from trainingrules.cli._errors import CommandLineError
from trainingrules.cli._policies import is_file, read_json, resolve, validate
from trainingrules.errors import TrainingRulesError

__all__ = ["CommandLineError", "main"]

_DATES = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d")


def _date(text: str) -> date:
    for form in _DATES:
        try:
            return datetime.strptime(text.strip(), form).date()  # noqa: DTZ007 - a day, no time
        except ValueError:
            continue
    message = f"not a date: {text!r} (2016-03-01, 2016/3/1 or 20160301)"
    raise argparse.ArgumentTypeError(message)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        message = f"not a positive whole number: {text!r}"
        raise argparse.ArgumentTypeError(message)
    return value


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _lang(parser: argparse.ArgumentParser, default: str = "zh") -> None:
    parser.add_argument(
        "--lang", choices=("zh", "en"), default=default, help=f"language (default {default})"
    )


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command."""
    parser = argparse.ArgumentParser(
        prog="trainingrules",
        description="Chinese teacher continuing-education rules: policies, evaluation of "
        "exported teacher and training-record files.",
        epilog="Exit status: 0 success; 1 rows in error (evaluate), an invalid policy "
        "(validate-policy), policies that differ (diff); 2 usage, file or policy error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("policies", help="list the catalogue")
    _lang(listing)

    show = commands.add_parser("show", help="a policy's rules, figures, citations, readings")
    show.add_argument("policy", metavar="ID|FILE.json", help="a policy id, variant or file")
    _lang(show)

    run = commands.add_parser(
        "evaluate",
        help="evaluate teachers' records files (needs trainingrules[cli])",
        description="Evaluate every teacher of TEACHERS with their rows of RECORDS. Bad "
        "rows are printed as file:line: field: message [code] on stderr and written to "
        "the errors file; the rest is evaluated. Exit status 0: every row fine; 1: some "
        "rows in error; 2: usage, file or policy error.",
    )
    which = run.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--policy", metavar="ID|FILE.json", help="policy id (cn-2011, cn-2011~N1.cycle) or file"
    )
    which.add_argument("--region", metavar="CODE", help="GB/T 2260 code: the policy in force")
    run.add_argument("--as-of", type=_date, required=True, metavar="DATE", help="evaluation date")
    run.add_argument(
        "teachers", metavar="TEACHERS", help="teachers file (.csv .tsv .jsonl .parquet .xlsx)"
    )
    run.add_argument("records", metavar="RECORDS", help="training records file")
    run.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="results .csv/.jsonl/.parquet (default: CSV on stdout)",
    )
    run.add_argument("--errors", metavar="FILE", help="errors file (default: OUTPUT.errors.csv)")
    run.add_argument("--encoding", metavar="E", help="input encoding (default: detected)")
    run.add_argument(
        "--output-encoding",
        default="utf-8",
        metavar="E",
        help="CSV output encoding: utf-8 (default), utf-8-sig (for Excel), gb18030",
    )
    run.add_argument("--lang", choices=("zh", "en"), help="language of the summary on stderr")
    run.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when it is a terminal and the run is long)",
    )
    run.add_argument(
        "--chunk-size",
        type=_positive,
        default=50_000,
        metavar="N",
        help="teachers per step of the progress bar (default 50000)",
    )
    for name, what in (
        ("--outcomes", "outcomes decided elsewhere: teacher_id, scheme, start, passed"),
        ("--assessments", "exams, written work, attendance: one JSON line per teacher"),
        ("--courses", "course results: teacher_id, record_id, coursework_score, ..."),
    ):
        run.add_argument(name, metavar="FILE", help=what)
    run.add_argument("--findings", metavar="FILE", help="also write every finding (zh, en)")
    run.add_argument(
        "--decisions", metavar="FILE", help="also write eligibility, remedial and money decisions"
    )

    check = commands.add_parser("validate-policy", help="check a policy JSON file")
    check.add_argument("file", metavar="FILE.json")

    compare = commands.add_parser("diff", help="what changed between two policies")
    compare.add_argument("old", metavar="ID1|FILE1.json")
    compare.add_argument("new", metavar="ID2|FILE2.json")
    _lang(compare, "en")

    demo = commands.add_parser("demo", help="sample teachers under every policy")
    demo.add_argument("--lang", choices=("zh", "en", "both"), default="both")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); the exit status.

    Expected errors (a missing file, an unknown policy, a bad option) are printed on
    stderr as one line, ``trainingrules: error: ...``, and give status 2; usage errors
    exit through ``argparse`` with status 2.
    """
    args = build_parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except BrokenPipeError:  # | head closed the pipe: stop quietly
        from trainingrules.cli._evaluate import quiet_stdout  # noqa: PLC0415

        quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except TrainingRulesError as error:
        _fail(str(error))
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _fail(f"{where}{error.strerror or error}")
    except Exception as error:
        if type(error).__module__.split(".")[0] != "polars":
            raise
        _fail(f"{type(error).__name__}: {str(error).strip().splitlines()[0]}")
    return 2


def _fail(message: str) -> None:
    sys.stderr.write(f"trainingrules: error: {message}\n")


def _run_policies(args: argparse.Namespace) -> int:
    for line in _describe.catalogue(args.lang):
        _out(line)
    return 0


def _run_show(args: argparse.Namespace) -> int:
    chosen, _ = resolve(args.policy)
    _out(_describe.show(chosen, args.lang, args.policy if is_file(args.policy) else None))
    return 0


def _run_evaluate(args: argparse.Namespace) -> int:
    try:
        from trainingrules.cli import _evaluate as evaluating  # noqa: PLC0415 - optional
    except ModuleNotFoundError as error:
        if error.name != "polars":
            raise
        raise CommandLineError(
            "the evaluate command needs polars: pip install 'trainingrules[cli]'",
            code="cli.extra",
        ) from None
    chosen = resolve(args.policy)[0] if args.policy else policy.find(args.region, args.as_of)
    return evaluating.run(
        evaluating.Run(
            chosen,
            args.as_of,
            args.teachers,
            args.records,
            output=args.output,
            errors=args.errors,
            encoding=args.encoding,
            output_encoding=args.output_encoding,
            lang=args.lang,
            progress=args.progress,
            chunk_size=args.chunk_size,
            outcomes=args.outcomes,
            assessments=args.assessments,
            courses=args.courses,
            findings=args.findings,
            decisions=args.decisions,
        )
    )


def _run_validate(args: argparse.Namespace) -> int:
    try:
        data = read_json(args.file)
    except CommandLineError as error:  # not JSON: an invalid policy file
        _out(str(error))
        return 1
    errors = validate(data)
    for found in errors:
        _out(f"{args.file}: {found}")
    if errors:
        _out(f"{args.file}: {len(errors)} error{'s' if len(errors) > 1 else ''}")
        return 1
    loaded = policy.from_dict(data)
    _out(f"{args.file}: valid policy {loaded.id} ({len(loaded.rules)} rules)")
    return 0


def _run_diff(args: argparse.Namespace) -> int:
    old = resolve(args.old)[0]
    new = resolve(args.new)[0]
    found = policy.diff(old, new)
    if not found:
        _out("两项政策相同" if args.lang == "zh" else "the policies are identical")
        return 0
    _out(f"--- {args.old} ({old.id})" if is_file(args.old) else f"--- {old.id}")
    _out(f"+++ {args.new} ({new.id})" if is_file(args.new) else f"+++ {new.id}")
    for line in _describe.changes(found, old, new, args.lang):
        _out(line)
    return 1


def _run_demo(args: argparse.Namespace) -> int:
    for case in DEMO_CASES:
        _out(render(case, lang=args.lang))
        _out("")
    return 0


_COMMANDS = {
    "policies": _run_policies,
    "show": _run_show,
    "evaluate": _run_evaluate,
    "validate-policy": _run_validate,
    "diff": _run_diff,
    "demo": _run_demo,
}
