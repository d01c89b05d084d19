"""Where rules come from: documents, citations, bilingual labels and limitations."""

from __future__ import annotations

from datetime import date

import attrs

from trainingrules._values import checked, normalise, optional
from trainingrules.policy._checks import (
    day,
    string,
    text,
    tuple_of,
)
from trainingrules.policy._texts import source_text

__all__ = ["Citation", "Document", "Limitation", "Text"]


@attrs.frozen
class Text:
    """A label in Chinese (canonical) with its English rendering."""

    zh: str = checked(text)
    en: str = checked(text)

    __attrs_post_init__ = normalise


@attrs.frozen
class Document:
    """A source document a policy encodes.

    Attributes:
        number: the document number, e.g. ``赣教师字〔2014〕36号``, or a short title
            when the document has none.
        title: the document's title.
        issuer: who issued it.
        issued: the date it was issued, if the text gives it.
        source: the file of its text shipped in ``trainingrules/policy/sources/``
            (empty for a document whose text is not shipped); ``text()`` reads it.
    """

    number: str = checked(text)
    title: str = checked(text)
    issuer: str = checked(text)
    issued: date | None = checked(optional(day), default=None)
    source: str = checked(string, default="")

    __attrs_post_init__ = normalise

    def text(self) -> str:
        """The document's text, verbatim as shipped with the library.

        >>> from trainingrules import policy
        >>> "五年一周期" in policy.get("jx-2014").documents[0].text()
        True

        Raises:
            UnknownPolicyError: the document's text is not shipped (code
                ``policy.no_source``).
        """
        return source_text(self.source)

    def cite(self, clause: str, quote: str = "") -> Citation:
        """A citation of ``clause`` of this document: ``NOTICE.cite("三.2", "…")``."""
        return Citation(self.number, clause, quote)


@attrs.frozen
class Citation:
    """Where a rule comes from: a document and a clause, optionally quoted."""

    document: str = checked(text)
    clause: str = checked(text)
    quote: str = checked(string, default="")

    __attrs_post_init__ = normalise

    def __str__(self) -> str:
        """``赣教师字〔2014〕36号 三.2``."""
        return f"{self.document} {self.clause}"


@attrs.frozen
class Limitation:
    """Something in the documents the policy deliberately does not compute, and why.

    Attributes:
        ids: the rule-index ids (``docs/rules.md``) it concerns, e.g. ``("W3",)``.
        what: what is not computed.
        why: the reason.
    """

    ids: tuple[str, ...] = checked(tuple_of(text))
    what: str = checked(text)
    why: str = checked(text)

    __attrs_post_init__ = normalise
