"""``python -m trainingrules.schemas [--check]``: write (or check) the shipped schema files."""

from __future__ import annotations

import sys

from trainingrules._schema import main

if __name__ == "__main__":
    sys.exit(main())
