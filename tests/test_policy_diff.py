"""``policy.diff``: what changed between two policies, rule by rule and field by field."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from strategies import policies

from trainingrules import policy
from trainingrules.errors import PolicyDataError
from trainingrules.policy import Change, ChangeKind, diff


def _catalogue_variants():
    for policy_id in policy.ids():
        p = policy.get(policy_id)
        for note in p.interpretations:
            if note.alternative_rules:
                yield p, note


def _differing(p, note):
    """The ids of the alternative rules that differ from the rules they replace."""
    return {rule.id for rule in note.alternative_rules if rule != p.rule(rule.id)}


# Generating whole policies dominates these properties; under the coverage tracer they
# took 106 s of CI (41 s without it). The example tests here cover every line of
# ``_diff``, so they run untraced.
@pytest.mark.no_cover
class TestProperties:
    @given(policies())
    def test_a_policy_has_no_change_against_itself(self, p):
        assert diff(p, p) == ()
        assert diff(p, policy.from_dict(policy.to_dict(p))) == ()

    @given(policies())
    def test_a_variant_differs_in_exactly_the_alternative_rules(self, p):
        for note in p.interpretations:
            if not note.alternative_rules:
                continue
            variant = p.alternative(note.id)
            changes = diff(p, variant)
            rules = {c.rule for c in changes if c.rule is not None}
            assert rules == _differing(p, note)
            assert all(c.kind is ChangeKind.CHANGED for c in changes if c.rule is not None)
            # Outside the rules: the id, the parent and the swapped interpretation only.
            others = {c.path.split("[", 1)[0].split(".", 1)[0] for c in changes if c.rule is None}
            assert others <= {"id", "parent", "interpretations"}

    @given(policies(), policies())
    def test_diff_backwards_is_the_mirror(self, a, b):
        forth = diff(a, b)
        back = diff(b, a)
        mirror = {
            ChangeKind.ADDED: ChangeKind.REMOVED,
            ChangeKind.REMOVED: ChangeKind.ADDED,
            ChangeKind.CHANGED: ChangeKind.CHANGED,
        }
        assert sorted((mirror[c.kind], c.rule or "", c.path) for c in forth) == sorted(
            (c.kind, c.rule or "", c.path) for c in back
        )
        for change in forth:
            assert change.old != change.new
            if change.kind is ChangeKind.ADDED:
                assert change.old is None
            if change.kind is ChangeKind.REMOVED:
                assert change.new is None
        if a == b:
            assert forth == ()


@pytest.mark.parametrize(
    ("p", "note"),
    list(_catalogue_variants()),
    ids=lambda x: getattr(x, "id", ""),
)
def test_every_catalogue_variant_differs_in_its_alternative_rules(p, note):
    variant = policy.get(f"{p.id}~{note.id}")
    rules = {c.rule for c in diff(p, variant) if c.rule is not None}
    assert rules == {r.id for r in note.alternative_rules}


def test_a_changed_figure_is_one_change_per_title():
    national = policy.get("cn-2011")
    hours = national.rule("N1.hours")
    assert isinstance(hours, policy.HoursRequirement)
    lower = attrs.evolve(
        hours,
        minimum=policy.ByTitle(
            senior=Decimal(360), intermediate=Decimal(240), junior=Decimal(240), none=None
        ),
    )
    mine = national.variant(
        "cn-2011-240", rules=tuple(lower if r.id == hours.id else r for r in national.rules)
    )
    rule_changes = [c for c in diff(national, mine) if c.rule is not None]
    assert rule_changes == [
        Change(ChangeKind.CHANGED, "N1.hours", "minimum.intermediate", "360", "240"),
        Change(ChangeKind.CHANGED, "N1.hours", "minimum.junior", "360", "240"),
        Change(ChangeKind.CHANGED, "N1.hours", "minimum.none", "360", None),
    ]
    assert str(rule_changes[0]) == "changed rule N1.hours minimum.intermediate: '360' → '240'"


def test_a_catalogue_policy_has_no_change_against_itself_or_its_copy():
    national = policy.get("cn-2011")
    assert diff(national, national) == ()
    assert diff(national, policy.from_dict(policy.to_dict(national))) == ()


def test_a_long_text_is_shortened_when_a_change_is_shown():
    national = policy.get("cn-2011")
    cycle = national.rule("N1.cycle")
    quote = "教师每五年一周期参加不少于360学时的培训，各地可结合实际适当调整具体要求。"
    quoted = attrs.evolve(cycle, citation=attrs.evolve(cycle.citation, quote=quote))
    mine = national.variant(
        "cn-2011-q", rules=tuple(quoted if r.id == cycle.id else r for r in national.rules)
    )
    (change,) = [c for c in diff(national, mine) if c.rule]
    assert change.path == "citation.quote"
    assert change.new == quote
    assert str(change).endswith(f"→ {quote[:32].rstrip() + ' …'!r}")


def test_rules_added_and_removed_are_named_whole():
    jx = policy.get("jx-2014")
    jx19 = policy.get("jx-2019")
    changes = diff(jx, jx19)
    removed = {c.rule for c in changes if c.kind is ChangeKind.REMOVED and c.rule}
    added = {c.rule for c in changes if c.kind is ChangeKind.ADDED and c.rule}
    assert removed == {r.id for r in jx.rules} - {r.id for r in jx19.rules}
    assert added == {r.id for r in jx19.rules} - {r.id for r in jx.rules}
    for change in changes:
        if change.rule in added:
            assert change.path == ""
            assert change.old is None
            assert change.new["id"] == change.rule
            assert str(change) == f"added rule {change.rule}"


def test_a_changed_citation_is_reported_at_its_path():
    national = policy.get("cn-2011")
    cycle = national.rule("N1.cycle")
    moved = attrs.evolve(cycle, citation=attrs.evolve(cycle.citation, clause="二"))
    mine = national.variant(
        "cn-2011-b", rules=tuple(moved if r.id == cycle.id else r for r in national.rules)
    )
    assert [c for c in diff(national, mine) if c.rule] == [
        Change(ChangeKind.CHANGED, "N1.cycle", "citation.clause", cycle.citation.clause, "二")
    ]


def test_the_order_of_rules_is_not_a_change():
    national = policy.get("cn-2011")
    shuffled = attrs.evolve(national, rules=tuple(reversed(national.rules)))
    assert shuffled != national
    assert diff(national, shuffled) == ()


def test_only_policies_are_compared():
    with pytest.raises(PolicyDataError) as error:
        diff(policy.get("cn-2011"), "cn-2011")  # type: ignore[arg-type]
    assert (error.value.code, error.value.path) == ("policy.type", "b")


def test_a_removed_rule_or_part_reads_as_removed() -> None:
    national = policy.get("cn-2011")
    fewer = national.variant(
        "cn-2011-less",
        rules=tuple(r for r in national.rules if r.id != "N2.necessary_condition"),
        interpretations=tuple(n for n in national.interpretations if n.id != "N2.lasts"),
    )
    changes = [c for c in diff(national, fewer) if c.kind is ChangeKind.REMOVED]
    assert [(c.rule, c.path, str(c)) for c in changes] == [
        (None, "interpretations[N2.lasts]", "removed interpretations[N2.lasts]"),
        ("N2.necessary_condition", "", "removed rule N2.necessary_condition"),
    ]
    assert all(c.new is None and c.old is not None for c in changes)


def test_the_walker_names_keys_of_one_side_and_items_with_repeated_ids_by_position() -> None:
    # diff() compares two to_dict() outputs, whose dicts of one kind always have the same
    # keys and whose rule, interpretation ids are distinct: the walker is generic anyway
    from trainingrules.policy._diff import _walk  # noqa: PLC0415 - internal

    old = {"kind": "k", "a": 1, "gone": 2, "items": [{"id": "x", "v": 1}, {"id": "x", "v": 2}]}
    new = {"kind": "k", "a": 1, "items": [{"id": "x", "v": 1}, {"id": "x", "v": 3}], "new": 4}
    assert list(_walk(old, new, "R", "")) == [
        Change(ChangeKind.REMOVED, "R", "gone", 2, None),
        Change(ChangeKind.CHANGED, "R", "items[1].v", 2, 3),
        Change(ChangeKind.ADDED, "R", "new", None, 4),
    ]
    # distinct ids: matched by id, wherever they are
    moved = [{"id": "y", "v": 1}, {"id": "x", "v": 1}]
    assert list(_walk([{"id": "x", "v": 1}, {"id": "y", "v": 2}], moved, None, "l")) == [
        Change(ChangeKind.CHANGED, None, "l[y].v", 2, 1)
    ]
