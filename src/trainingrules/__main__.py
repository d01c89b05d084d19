"""Command line: ``python -m trainingrules demo`` evaluates sample teachers under every policy.

Also ``python -m trainingrules policies`` lists the catalogue.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from trainingrules import policy
from trainingrules._demo import DEMO_CASES, render

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="trainingrules", description=__doc__)
    parser.add_argument("command", choices=("demo", "policies"), help="what to run")
    parser.add_argument("--lang", choices=("zh", "en", "both"), default="both")
    args = parser.parse_args(argv)
    if args.command == "policies":
        for policy_id in policy.ids():
            p = policy.get(policy_id)
            print(f"{p.id:26} {p.region:7} {p.effective_from} {p.title.zh}")
        return 0
    for case in DEMO_CASES:
        print(render(case, lang=args.lang))
        print()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
