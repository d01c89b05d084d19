"""What changed between two policies: rules added, removed, figures and citations changed.

``diff(a, b)`` walks the ``to_dict()`` of both policies. Rules are matched by their
id (their order in the policy does not matter); so are interpretations, documents (by
number) and any other list of dicts with distinct ids. Each difference is one
``Change``: a rule added or removed as a whole, or one field changed, named by its
path inside the rule (``minimum.senior``, ``citation.quote``) with its old and new
JSON value.

>>> from decimal import Decimal
>>> import attrs
>>> from trainingrules import policy
>>> national = policy.get("cn-2011")
>>> hours = attrs.evolve(national.rule("N1.hours"), minimum=policy.ByTitle.same(Decimal(240)))
>>> mine = national.variant(
...     "cn-2011-240", rules=tuple(hours if r.id == hours.id else r for r in national.rules))
>>> for change in policy.diff(national, mine):
...     print(change)
changed id: 'cn-2011' → 'cn-2011-240'
changed parent: None → 'cn-2011'
changed rule N1.hours minimum.senior: '360' → '240'
changed rule N1.hours minimum.intermediate: '360' → '240'
changed rule N1.hours minimum.junior: '360' → '240'
changed rule N1.hours minimum.none: '360' → '240'

A variant differs from its policy in exactly the rules its interpretation swaps:

>>> [str(c) for c in policy.diff(national, policy.get("cn-2011~N1.cycle")) if c.rule]
["changed rule N1.cycle start: '2011-01-01' → '2011-09-01'"]
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs

from trainingrules.errors import PolicyDataError
from trainingrules.policy._data import to_dict
from trainingrules.policy._policy import Policy

__all__ = ["Change", "ChangeKind", "diff"]

_SHORT = 32  # characters of a long text shown by ``str(change)``


class ChangeKind(enum.StrEnum):
    """What happened to a rule or a field."""

    ADDED = "added"
    """In the second policy only (``old`` is ``None``)."""
    REMOVED = "removed"
    """In the first policy only (``new`` is ``None``)."""
    CHANGED = "changed"
    """In both, with different values."""


@attrs.frozen
class Change:
    """One difference between two policies.

    Attributes:
        kind: added, removed or changed.
        rule: the id of the rule concerned; ``None`` for the policy's other parts
            (its id, dates, documents, interpretations, limitations).
        path: the field, inside the rule when ``rule`` is set (``minimum.senior``,
            ``citation.quote``; empty for a whole rule added or removed), else inside
            the policy (``effective_to``, ``interpretations[N1.cycle].reading``). List
            items with an id (rules, interpretations, documents by number) are named
            by it in brackets, other list items by their index.
        old: the value in the first policy, as ``to_dict`` writes it (``None`` when
            added).
        new: the value in the second policy (``None`` when removed).
    """

    kind: ChangeKind
    rule: str | None
    path: str
    old: Any
    new: Any

    def __str__(self) -> str:
        """``changed rule N1.hours minimum.senior: '360' → '240'``; long texts shortened."""
        where = " ".join(
            part
            for part in (f"rule {self.rule}" if self.rule is not None else "", self.path)
            if part
        )
        if self.kind is ChangeKind.ADDED:
            return f"added {where}"
        if self.kind is ChangeKind.REMOVED:
            return f"removed {where}"
        return f"changed {where}: {_short(self.old)} → {_short(self.new)}"


def _short(value: object) -> str:
    if isinstance(value, str) and len(value) > _SHORT:
        return repr(value[:_SHORT].rstrip() + " …")
    return repr(value)


def diff(a: Policy, b: Policy) -> tuple[Change, ...]:
    """The changes that turn policy ``a`` into policy ``b``; empty when they are equal.

    Rules come last, in ``a``'s order (then the rules only ``b`` has, in ``b``'s
    order); the policy's other fields come first, in ``to_dict`` order.

    Raises:
        PolicyDataError: ``a`` or ``b`` is not a ``Policy`` (code ``policy.type``).
    """
    for name, value in (("a", a), ("b", b)):
        if not isinstance(value, Policy):
            raise PolicyDataError(
                f"expected a Policy, got {type(value).__name__}", path=name, code="policy.type"
            )
    if a == b:
        return ()
    old, new = to_dict(a), to_dict(b)
    rules_old = old.pop("rules")
    rules_new = new.pop("rules")
    changes = list(_walk(old, new, None, ""))
    changes += _rules(rules_old, rules_new)
    return tuple(changes)


def _rules(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> Iterator[Change]:
    before = {rule["id"]: rule for rule in old}
    after = {rule["id"]: rule for rule in new}
    for rule_id, rule in before.items():
        if rule_id not in after:
            yield Change(ChangeKind.REMOVED, rule_id, "", rule, None)
        else:
            yield from _walk(rule, after[rule_id], rule_id, "")
    for rule_id, rule in after.items():
        if rule_id not in before:
            yield Change(ChangeKind.ADDED, rule_id, "", None, rule)


def _keyed(items: list[Any]) -> dict[str, Any] | None:
    """A list of dicts with distinct ``id`` (or document ``number``) keyed by it, or ``None``."""
    for key in ("id", "number"):
        if items and all(
            isinstance(item, dict) and isinstance(item.get(key), str) for item in items
        ):
            keys = [item[key] for item in items]
            if len(set(keys)) == len(keys):
                return dict(zip(keys, items, strict=True))
    return None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path and not name.startswith("[") else path + name


def _walk(old: object, new: object, rule: str | None, path: str) -> Iterator[Change]:  # noqa: C901, PLR0912 - one branch per JSON shape
    if old == new:
        return
    if isinstance(old, dict) and isinstance(new, dict) and old.get("kind") == new.get("kind"):
        for key, value in old.items():
            if key not in new:
                yield Change(ChangeKind.REMOVED, rule, _join(path, key), value, None)
            else:
                yield from _walk(value, new[key], rule, _join(path, key))
        for key, value in new.items():
            if key not in old:
                yield Change(ChangeKind.ADDED, rule, _join(path, key), None, value)
        return
    if isinstance(old, list) and isinstance(new, list):
        before, after = _keyed(old), _keyed(new)
        if before is not None and after is not None:
            for key, value in before.items():
                where = _join(path, f"[{key}]")
                if key not in after:
                    yield Change(ChangeKind.REMOVED, rule, where, value, None)
                else:
                    yield from _walk(value, after[key], rule, where)
            for key, value in after.items():
                if key not in before:
                    yield Change(ChangeKind.ADDED, rule, _join(path, f"[{key}]"), None, value)
            return
        if len(old) == len(new) and all(isinstance(item, dict) for item in (*old, *new)):
            for i, (x, y) in enumerate(zip(old, new, strict=True)):
                yield from _walk(x, y, rule, _join(path, f"[{i}]"))
            return
    yield Change(ChangeKind.CHANGED, rule, path, old, new)
