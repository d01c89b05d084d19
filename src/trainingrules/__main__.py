"""``python -m trainingrules``: the command line of ``trainingrules.cli`` (``demo``, ``show``, ...).

The console script ``trainingrules`` runs the same ``main``.
"""

from __future__ import annotations

import sys

from trainingrules.cli import main

__all__ = ["main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
