"""The regulation texts the catalogue policies cite, shipped inside the package.

The texts live in ``trainingrules/policy/sources/`` (package data; see the
``README.md`` there for what each file is and where it came from). A policy's
``Document.source`` names one of them.

>>> from trainingrules.policy._texts import source_names, source_text
>>> "jx-2014-gan-jiaoshizi-2014-36.txt" in source_names()
True
>>> "赣教师字〔2014〕36号" in source_text("jx-2014-gan-jiaoshizi-2014-36.txt")
True
>>> try:
...     source_text("../catalogue.json")
... except LookupError as error:
...     print(error.code, error.path)
policy.no_source source
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

from trainingrules.errors import UnknownPolicyError

__all__ = ["source_names", "source_text"]

_SUFFIX = ".txt"


def _folder() -> Traversable:
    return files("trainingrules.policy") / "sources"


def source_names() -> tuple[str, ...]:
    """Name every regulation text shipped with the package.

    Returns:
        The file names (``"jx-2014-gan-jiaoshizi-2014-36.txt"``, ...), sorted; each
        is a valid argument of :func:`source_text`.
    """
    return tuple(
        sorted(
            entry.name
            for entry in _folder().iterdir()
            if entry.is_file() and entry.name.endswith(_SUFFIX)
        )
    )


def source_text(name: str) -> str:
    """Return a shipped regulation text, exactly as it is stored (UTF-8).

    Args:
        name: the file name of the text, as a ``Document.source`` gives it, e.g.
            ``"sn-weinan-2019-wei-jiaoshi-2019-6.txt"``. A bare name only: no folder,
            no path separator.

    Returns:
        The whole text, decoded from UTF-8, line ends untouched.

    Raises:
        UnknownPolicyError: (code ``policy.no_source``, path ``source``) if ``name`` is
            not a string, contains a path separator, or names no shipped text.
    """
    if not isinstance(name, str):
        raise UnknownPolicyError(
            f"a source text is named by a string, not {type(name).__name__}",
            path="source",
            code="policy.no_source",
        )
    names = source_names()
    if "/" in name or "\\" in name or name not in names:
        raise UnknownPolicyError(
            f"no source text named {name!r}; the package ships: {', '.join(names)}",
            path="source",
            code="policy.no_source",
        )
    return (_folder() / name).read_bytes().decode("utf-8")
