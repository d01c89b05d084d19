"""GB/T 2260 administrative-division codes, with the editions in which each was in use.

The table (``gb2260.tsv`` beside this module, see ``README.md`` there) lists every
province, prefecture and county code of the 民政部 editions 1980-12 to 2019-04, one row
per run of editions in which a code had one name. It is read once, when the module is
imported; every function here is pure.

>>> from datetime import date
>>> from trainingrules import regions
>>> regions.check_code("350303", on=date(2009, 6, 1))
'350303'
>>> regions.lookup("350303").name
'涵江区'
>>> regions.parents("350303")
('CN', '350000', '350300')
>>> regions.contains("350000", "350303")
True
"""

from __future__ import annotations

import enum
import pkgutil
from bisect import bisect_left
from datetime import date, timedelta

import attrs

from trainingrules._values import check_date
from trainingrules.errors import InvalidInputError, TrainingRulesError

__all__ = [
    "EDITIONS",
    "Level",
    "Region",
    "check_code",
    "contains",
    "history",
    "lookup",
    "parents",
]

NATIONAL = "CN"


class Level(enum.StrEnum):
    """Level of a division, read from its code."""

    NATIONAL = "national"  # "CN"
    PROVINCE = "province"  # 省级: xx0000
    PREFECTURE = "prefecture"  # 地级: xxxx00
    COUNTY = "county"  # 县级: everything else


@attrs.frozen
class Region:
    """One code with one name over a run of consecutive editions of the table.

    Each edition is read as the state at the end of its month. Between two editions
    the table cannot say on which day a change happened, so ``since`` and ``until``
    take the generous side: a code is in use from the first day after the last edition
    that did not list it yet, and until the end of the month of the first edition that
    no longer lists it.

    Attributes:
        code: six ASCII digits, or ``"CN"``.
        name: the name in these editions, e.g. ``"涵江区"``.
        level: province, prefecture or county (national for ``"CN"``).
        first: the first edition listing it with this name, e.g. ``"198312"``.
        last: the last edition listing it with this name, e.g. ``"201904"``.
        since: first day in use, or ``None`` if listed in the oldest edition (1980-12).
        until: first day no longer in use, or ``None`` if listed in the newest edition
            (2019-04): such a code is taken to be still in use.
    """

    code: str
    name: str
    level: Level
    first: str
    last: str
    since: date | None
    until: date | None

    def in_use(self, on: date) -> bool:
        """Whether the code was in use (with this name) on ``on``."""
        return (self.since is None or self.since <= on) and (self.until is None or on < self.until)


def _month_after(edition: str) -> date:
    """The first day after the month of ``"YYYYMM"``."""
    year, month = int(edition[:4]), int(edition[4:])
    return date(year + month // 12, month % 12 + 1, 1)


def _load() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read the shipped table: its editions and its rows (code, name, first, last; tab-separated).

    Rows stay text until a code is looked up: importing costs one read and one split
    (about a millisecond), not one object per row.
    """
    data = pkgutil.get_data(__name__, "gb2260.tsv")
    if data is None:  # pragma: no cover - a loader that cannot read package data
        raise ImportError("trainingrules.regions: cannot read gb2260.tsv")
    lines = data.decode("utf-8").splitlines()
    header = lines.index("code\tname\tfirst\tlast")
    return tuple(lines[header - 1].split("\t")[1:]), tuple(lines[header + 1 :])


EDITIONS: tuple[str, ...]
"""The editions of the table, oldest first, as ``"YYYYMM"``: ``"198012"`` … ``"201904"``."""
EDITIONS, _ROWS = _load()  # the rows are sorted by code: a code's rows are consecutive


def _rows(code: str) -> list[list[str]]:
    """The rows of ``code`` (``[code, name, first, last]``), oldest first; ``[]`` if none.

    A binary search: every row of a smaller code sorts before the code and a tab,
    every row of this code or a larger one after it.
    """
    key = code + "\t"
    i = bisect_left(_ROWS, key)
    found = []
    while i < len(_ROWS) and _ROWS[i].startswith(key):
        found.append(_ROWS[i].split("\t"))
        i += 1
    return found


def _known(code: str) -> bool:
    """Whether the six-digit ``code`` is in the table."""
    i = bisect_left(_ROWS, code + "\t")
    return i < len(_ROWS) and _ROWS[i].startswith(code + "\t")


_INDEX = {edition: i for i, edition in enumerate(EDITIONS)}
# since of a run starting at edition i: the month after edition i - 1;
# until of a run ending at edition i: the month after edition i + 1.
_SINCE: tuple[date | None, ...] = (None, *(_month_after(e) for e in EDITIONS[:-1]))
_UNTIL: tuple[date | None, ...] = (*(_month_after(e) for e in EDITIONS[1:]), None)
_NATIONAL = Region(
    NATIONAL, "中华人民共和国", Level.NATIONAL, EDITIONS[0], EDITIONS[-1], None, None
)


def _level(code: str) -> Level:
    """The level of a six-digit code (``"CN"`` is handled by the callers)."""
    if code.endswith("0000"):
        return Level.PROVINCE
    if code.endswith("00"):
        return Level.PREFECTURE
    return Level.COUNTY


def _regions(code: str) -> tuple[Region, ...]:
    """The runs of a code of the table, oldest first."""
    level = _level(code)
    return tuple(
        Region(code, name, level, first, last, _SINCE[_INDEX[first]], _UNTIL[_INDEX[last]])
        for _, name, first, last in _rows(code)
    )


def _when(region: Region) -> str:
    """``"涵江区, editions 198312–201904 (in use from 1983-01-01)"``."""
    if region.until is None:  # never both None here: such a code is always in use
        span = f"in use from {region.since}"
    elif region.since is None:
        span = f"in use until {region.until - timedelta(days=1)}"
    else:
        span = f"in use {region.since} to {region.until - timedelta(days=1)}"
    return f"{region.name}, editions {region.first}–{region.last} ({span})"


def check_code(
    code: object,
    *,
    path: str = "region",
    on: date | None = None,
    error: type[TrainingRulesError] = InvalidInputError,
) -> str:
    """Return ``code`` if it is ``"CN"`` or a GB/T 2260 code of the table, else raise.

    A code is six ASCII digits (``"٣٦٠١٠٠"`` or ``"３６０１００"`` are not) listed in at
    least one edition. With ``on``, it must also be in use on that date (see
    ``Region``); a code of the newest edition (2019-04) is taken to be still in use.

    Raises ``error`` (``InvalidInputError`` unless the caller passes another class)
    naming ``path``, with code ``region.format``, ``region.unknown`` or
    ``region.not_in_use``.
    """
    if not isinstance(code, str) or not (
        code == NATIONAL or (len(code) == 6 and code.isascii() and code.isdigit())
    ):
        raise error(
            f"{code!r} is neither 'CN' nor a six-digit GB/T 2260 code (ASCII digits)",
            path=path,
            code="region.format",
        )
    if code == NATIONAL:
        if on is not None:
            check_date(on, "on", error=error)
        return code
    if not _known(code):
        raise error(
            f"{code} is not a GB/T 2260 code of any edition {EDITIONS[0]}–{EDITIONS[-1]}",
            path=path,
            code="region.unknown",
        )
    if on is not None:
        on = check_date(on, "on", error=error)
        known = _regions(code)
        if not any(region.in_use(on) for region in known):
            raise error(
                f"{code} is not in use on {on}: {'; '.join(_when(r) for r in known)}",
                path=path,
                code="region.not_in_use",
            )
    return code


def history(code: str) -> tuple[Region, ...]:
    """Every run of ``code`` in the table, oldest first (one per name or comeback).

    Raises ``InvalidInputError`` as ``check_code`` does.
    """
    check_code(code, path="code")
    if code == NATIONAL:
        return (_NATIONAL,)
    return _regions(code)


def lookup(code: str, *, on: date | None = None) -> Region:
    """The ``Region`` of ``code``: in use on ``on`` if given, else the latest.

    Raises ``InvalidInputError`` as ``check_code`` does.
    """
    check_code(code, path="code", on=on)
    found = history(code)
    if on is not None:
        found = tuple(region for region in found if region.in_use(on))
    return found[-1]


def _prefix(code: str) -> str:
    """The significant prefix: ``"360000"`` → ``"36"``, ``"360100"`` → ``"3601"``, CN → ``""``."""
    if code == NATIONAL:
        return ""
    while code.endswith("00"):
        code = code[:-2]
    return code


def contains(parent: str, child: str) -> bool:
    """Whether the division ``parent`` contains ``child`` (or is it).

    ``"CN"`` contains every code; a province ``36xxxx`` contains its prefectures and
    counties, a prefecture ``3601xx`` its counties, by the structure of the code. It is
    a partial order: reflexive, antisymmetric and transitive. Both codes are checked
    as ``check_code`` does (paths ``parent`` and ``child``); dates are not considered.
    """
    check_code(parent, path="parent")
    check_code(child, path="child")
    return child.startswith(_prefix(parent))


def parents(code: str) -> tuple[str, ...]:
    """The codes that contain ``code``, outermost first: ``"CN"``, its province, its prefecture.

    Only codes of the table are given: a county directly under its province, such as
    仙桃市 ``"429004"``, has no prefecture. Raises ``InvalidInputError`` as
    ``check_code`` does.
    """
    check_code(code, path="code")
    if code == NATIONAL:
        return ()
    above = (code[:2] + "0000", code[:4] + "00")
    return (NATIONAL, *(p for p in dict.fromkeys(above) if p != code and _known(p)))
