"""Catalogues: immutable sets of policies, looked up by id or by region and date.

``DEFAULT`` holds the policies shipped with the library and never changes; the
module-level ``get``, ``ids`` and ``find`` ask it. A caller with policies of its own
builds another ``Catalogue`` (``DEFAULT.with_policy(mine)``) and asks that one.

Imported eagerly (no lazy imports on request paths); a test checks ``DEFAULT`` against
the jurisdiction modules and the generated docs page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache, partial
from types import MappingProxyType

import attrs

from trainingrules import regions
from trainingrules._values import check_date, show
from trainingrules.errors import PolicyDataError, UnknownPolicyError
from trainingrules.policy import (
    cn_2011,
    fj_putian_hanjiang_2009,
    jx_2014,
    jx_2019,
    nm_hohhot_2006,
    sn_weinan_2019,
)
from trainingrules.policy._rules import Policy

__all__ = ["CATALOGUE", "DEFAULT", "Catalogue", "find", "get", "ids"]

_VARIANTS_CACHED = 256  # variant lookups memoised per catalogue (a bound, not a promise)


@attrs.frozen(init=False, repr=False)
class Catalogue:
    """An immutable set of policies with distinct ids.

    ``Catalogue(policies)`` rejects two policies with one id (``catalogue.duplicate``),
    a non-policy (``catalogue.type``) and an id containing ``~``, which ``get`` reserves
    for variants (``catalogue.variant``); all are ``PolicyDataError``. Iterating gives
    the policies in id order; ``policies`` is the read-only mapping id → policy. Two
    catalogues are equal when they hold equal policies.

    >>> from datetime import date
    >>> import attrs
    >>> from trainingrules import policy
    >>> mine = attrs.evolve(policy.get("cn-2011"), id="xx-2024", region="350303",
    ...                     effective_from=date(2024, 1, 1))
    >>> catalogue = policy.DEFAULT.with_policy(mine)
    >>> catalogue.find("350303", date(2024, 6, 1)).id
    'xx-2024'
    >>> "xx-2024" in policy.DEFAULT
    False
    """

    _policies: tuple[Policy, ...]
    _by_id: MappingProxyType[str, Policy] = attrs.field(eq=False)
    _variant: Callable[[str], Policy] = attrs.field(eq=False)

    def __init__(self, policies: Iterable[Policy] = ()) -> None:
        """Build the catalogue of ``policies``; see the class docstring for what is refused."""
        by_id: dict[str, Policy] = {}
        for i, value in enumerate(policies):
            if not isinstance(value, Policy):
                raise PolicyDataError(
                    f"a catalogue holds policies, not {type(value).__name__}",
                    path=f"policies[{i}]",
                    code="catalogue.type",
                )
            if "~" in value.id:
                raise PolicyDataError(
                    f"{value.id!r}: '~' is reserved for variants, which get() derives "
                    "from the policy they vary (get('<id>~<interpretation>'))",
                    path=f"policies[{i}].id",
                    code="catalogue.variant",
                )
            if value.id in by_id:
                raise PolicyDataError(
                    f"two policies with the id {value.id!r}",
                    path=f"policies[{i}].id",
                    code="catalogue.duplicate",
                )
            by_id[value.id] = value
        ordered = dict(sorted(by_id.items()))
        proxy = MappingProxyType(ordered)
        self.__attrs_init__(
            tuple(ordered.values()),
            proxy,
            lru_cache(maxsize=_VARIANTS_CACHED)(partial(_variant, proxy)),
        )

    @property
    def policies(self) -> MappingProxyType[str, Policy]:
        """Read-only mapping of id → policy, in id order."""
        return self._by_id

    def __iter__(self) -> Iterator[Policy]:
        """The policies, in id order."""
        return iter(self._policies)

    def __len__(self) -> int:
        """How many policies the catalogue holds (variants are not counted)."""
        return len(self._policies)

    def __contains__(self, item: object) -> bool:
        """Whether ``item`` is an id ``get`` resolves (variants too) or a policy it returns."""
        if isinstance(item, Policy):
            return item in self._policies or (
                item.parent is not None and item == self._get(item.id)
            )
        return isinstance(item, str) and self._get(item) is not None

    def __repr__(self) -> str:
        """``Catalogue(ids=(...))``: the ids, not the whole policies."""
        return f"Catalogue(ids={self.ids()!r})"

    def ids(self) -> tuple[str, ...]:
        """The ids of the policies, sorted."""
        return tuple(self._by_id)

    def with_policy(self, policy: Policy, *, replace: bool = False) -> Catalogue:
        """A new catalogue with ``policy`` added; this one is unchanged.

        A policy whose id is already here is refused (``catalogue.duplicate``) unless
        ``replace=True``, which puts it in place of the one with that id: replacing a
        shipped policy is then a visible decision at the call site.
        """
        if not isinstance(policy, Policy):
            raise PolicyDataError(
                f"a catalogue holds policies, not {type(policy).__name__}",
                path="policy",
                code="catalogue.type",
            )
        if policy.id in self._by_id and not replace:
            raise PolicyDataError(
                f"the catalogue already has {policy.id!r}; pass replace=True to replace it",
                path="policy.id",
                code="catalogue.duplicate",
            )
        return Catalogue((*(p for p in self._policies if p.id != policy.id), policy))

    def get(self, policy_id: str) -> Policy:
        """The policy with ``policy_id``.

        ``"<id>~<interpretation>"`` gives the variant that takes the interpretation's
        alternative reading (``Policy.alternative``), e.g. ``"nm-hohhot-2006~H2.years"``;
        asking twice gives the same object.
        """
        if not isinstance(policy_id, str):
            raise UnknownPolicyError(
                f"a policy id is a string, not {type(policy_id).__name__}; "
                f"the catalogue has: {', '.join(self.ids())}",
                path="policy_id",
            )
        return self._variant(policy_id)

    def _get(self, policy_id: str) -> Policy | None:
        """``get``, or ``None`` for an id it would refuse."""
        try:
            return self._variant(policy_id)
        except UnknownPolicyError:
            return None

    def find(self, region: str, on: date) -> Policy:
        """The policy in force for ``region`` on ``on``.

        ``region`` is ``"CN"`` or a GB/T 2260 code in use on ``on`` (``regions.check_code``;
        errors are ``UnknownPolicyError``). The most specific region wins (a code falls
        under its province and prefecture; the national policy answers for any region),
        then the latest ``effective_from`` among the policies in force on the date.
        """
        if not isinstance(region, str) or not (
            region == "CN" or (len(region) == 6 and region.isascii() and region.isdigit())
        ):
            raise UnknownPolicyError(
                f"{show(region)} is neither 'CN' nor a six-digit GB/T 2260 code (ASCII digits)",
                path="region",
                code="policy.bad_region",
            )
        check_date(on, "on", error=UnknownPolicyError)
        regions.check_code(region, on=on, error=UnknownPolicyError)
        covering = [p for p in self._policies if _covers(p.region, region)]
        candidates = [p for p in covering if p.in_force(on)]
        if not candidates:
            described = sorted(
                f"{p.id} ({p.region}, {p.effective_from}–{p.effective_to or 'open'})"
                for p in covering
            )
            raise UnknownPolicyError(
                f"no policy for region {region} is in force on {on}; "
                f"policies for it: {', '.join(described) or 'none'}",
                path="region",
                code="policy.not_in_force",
            )
        return max(candidates, key=lambda p: (len(_prefix(p.region)), p.effective_from, p.id))


def _variant(by_id: MappingProxyType[str, Policy], policy_id: str) -> Policy:
    """``get`` without the type check: the base policy, then each alternative in turn."""
    base, *readings = policy_id.split("~")
    if base not in by_id:
        raise UnknownPolicyError(
            f"no policy {show(base)}; the catalogue has: {', '.join(by_id) or 'nothing'}",
            path="policy_id",
        )
    policy = by_id[base]
    for reading in readings:
        try:
            policy = policy.alternative(reading)
        except ValueError as error:
            raise UnknownPolicyError(str(error), path="policy_id") from None
    return policy


def _prefix(region: str) -> str:
    """The code's significant prefix: ``"360000"`` → ``"36"``; national ``"CN"`` → ``""``."""
    if region == "CN":
        return ""
    while region.endswith("00"):
        region = region[:-2]
    return region


def _covers(policy_region: str, region: str) -> bool:
    """Whether a policy for ``policy_region`` answers for ``region`` (``regions.contains``).

    By the code alone: a policy's own region is checked when the policy is built.
    """
    return region.startswith(_prefix(policy_region))


DEFAULT = Catalogue(
    module.POLICY
    for module in (
        cn_2011,
        jx_2014,
        jx_2019,
        sn_weinan_2019,
        nm_hohhot_2006,
        fj_putian_hanjiang_2009,
    )
)
"""The policies shipped with the library; it never changes."""

CATALOGUE: MappingProxyType[str, Policy] = DEFAULT.policies
"""``DEFAULT.policies``: the shipped policies by id, read-only."""


def ids() -> tuple[str, ...]:
    """The ids of the shipped policies (``DEFAULT``), sorted."""
    return DEFAULT.ids()


def get(policy_id: str) -> Policy:
    """``DEFAULT.get``: the shipped policy with ``policy_id``, or one of its variants.

    ``"<id>~<interpretation>"`` gives the variant that takes the interpretation's
    alternative reading (``Policy.alternative``), e.g. ``"nm-hohhot-2006~H2.years"``.
    """
    return DEFAULT.get(policy_id)


def find(region: str, on: date) -> Policy:
    """``DEFAULT.find``: the shipped policy in force for ``region`` on ``on``.

    The most specific region wins (a code falls under its province and city by
    prefix; the national policy answers for any region), then the latest
    ``effective_from`` among those in force on the date.
    """
    return DEFAULT.find(region, on)
