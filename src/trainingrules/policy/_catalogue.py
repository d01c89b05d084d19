"""The catalogue: a static registry of the policies shipped with the library.

Imported eagerly (no lazy imports on request paths); a test checks it against the
jurisdiction modules and the generated docs page.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from types import MappingProxyType

from trainingrules.errors import UnknownPolicyError
from trainingrules.policy import (
    cn_2011,
    fj_putian_hanjiang_2009,
    jx_2014,
    jx_2019,
    nm_hohhot_2006,
    sn_weinan_2019,
)
from trainingrules.policy._rules import Policy

__all__ = ["CATALOGUE", "find", "get", "ids"]

CATALOGUE: MappingProxyType[str, Policy] = MappingProxyType(
    {
        module.POLICY.id: module.POLICY
        for module in (
            cn_2011,
            jx_2014,
            jx_2019,
            sn_weinan_2019,
            nm_hohhot_2006,
            fj_putian_hanjiang_2009,
        )
    }
)


def ids() -> tuple[str, ...]:
    """The catalogue's policy ids, sorted."""
    return tuple(sorted(CATALOGUE))


def get(policy_id: str) -> Policy:
    """The policy with ``policy_id``.

    ``"<id>~<interpretation>"`` gives the variant that takes the interpretation's
    alternative reading (``Policy.alternative``), e.g. ``"nm-hohhot-2006~H2.years"``.
    """
    if not isinstance(policy_id, str):
        raise UnknownPolicyError(
            f"a policy id is a string, not {type(policy_id).__name__}; "
            f"the catalogue has: {', '.join(ids())}",
            path="policy_id",
        )
    return _get(policy_id)


@lru_cache(maxsize=256)
def _get(policy_id: str) -> Policy:
    base, *readings = policy_id.split("~")
    if base not in CATALOGUE:
        raise UnknownPolicyError(
            f"no policy {base!r}; the catalogue has: {', '.join(ids())}", path="policy_id"
        )
    policy = CATALOGUE[base]
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


def find(region: str, on: date) -> Policy:
    """The policy in force for ``region`` on ``on``.

    The most specific region wins (a code falls under its province and city by
    prefix; the national policy answers for any region), then the latest
    ``effective_from`` among those in force on the date.
    """
    if not isinstance(region, str) or not (
        region == "CN" or (len(region) == 6 and region.isdigit())
    ):
        raise UnknownPolicyError(
            f"{region!r} is neither 'CN' nor a six-digit GB/T 2260 code",
            path="region",
            code="policy.bad_region",
        )
    wanted = _prefix(region)
    candidates = [
        policy
        for policy in CATALOGUE.values()
        if wanted.startswith(_prefix(policy.region)) and policy.in_force(on)
    ]
    if not candidates:
        covering = sorted(
            f"{p.id} ({p.region}, {p.effective_from}–{p.effective_to or 'open'})"
            for p in CATALOGUE.values()
            if wanted.startswith(_prefix(p.region))
        )
        raise UnknownPolicyError(
            f"no policy for region {region} is in force on {on}; "
            f"policies for it: {', '.join(covering) or 'none'}",
            path="region",
            code="policy.not_in_force",
        )
    return max(candidates, key=lambda p: (len(_prefix(p.region)), p.effective_from, p.id))
