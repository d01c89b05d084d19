"""The immutable ``Catalogue``: construction, with_policy, get/variants, find, DEFAULT."""

from __future__ import annotations

import importlib
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trainingrules import policy, regions
from trainingrules.errors import PolicyDataError, UnknownPolicyError
from trainingrules.policy import Catalogue, Policy

SIX = (
    "cn-2011",
    "fj-putian-hanjiang-2009",
    "jx-2014",
    "jx-2019",
    "nm-hohhot-2006",
    "sn-weinan-2019",
)
MODULES = {
    pid: importlib.import_module(f"trainingrules.policy.{pid.replace('-', '_')}") for pid in SIX
}
CN = policy.get("cn-2011")


def custom(policy_id="xx-2024", region="350303", start=date(2024, 1, 1), end=None):
    """A made-up policy: the national rules, for another region and dates."""
    return attrs.evolve(CN, id=policy_id, region=region, effective_from=start, effective_to=end)


def assert_default_unchanged():
    assert policy.DEFAULT.ids() == SIX
    assert len(policy.DEFAULT) == 6
    assert policy.ids() == SIX
    assert tuple(policy.CATALOGUE) == SIX
    for pid, module in MODULES.items():
        assert policy.DEFAULT.policies[pid] is module.POLICY
        assert policy.get(pid) is module.POLICY


# --- DEFAULT and the module functions -------------------------------------------------------


def test_default_holds_the_six_and_catalogue_is_its_mapping():
    assert isinstance(policy.DEFAULT, Catalogue)
    assert policy.CATALOGUE is policy.DEFAULT.policies
    assert [p.id for p in policy.DEFAULT] == list(SIX)
    assert_default_unchanged()


def test_default_is_immutable():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        policy.DEFAULT._policies = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        policy.DEFAULT.policies["xx"] = CN  # type: ignore[index]
    assert_default_unchanged()


def test_module_functions_delegate_to_default():
    assert policy.get("jx-2014") is policy.DEFAULT.get("jx-2014")
    assert policy.find("360100", date(2020, 1, 1)) is policy.DEFAULT.find(
        "360100", date(2020, 1, 1)
    )


def test_variants_of_the_default_are_memoised():
    assert policy.get("nm-hohhot-2006~H2.years") is policy.get("nm-hohhot-2006~H2.years")
    assert policy.get("jx-2014~J2.age") is policy.DEFAULT.get("jx-2014~J2.age")


def test_repr_names_the_ids():
    assert repr(Catalogue([custom()])) == "Catalogue(ids=('xx-2024',))"


# --- construction ---------------------------------------------------------------------------


def test_empty_catalogue():
    empty = Catalogue()
    assert len(empty) == 0
    assert empty.ids() == ()
    assert list(empty) == []
    assert "cn-2011" not in empty
    with pytest.raises(UnknownPolicyError, match="nothing") as caught:
        empty.get("cn-2011")
    assert caught.value.code == "policy.unknown"
    with pytest.raises(UnknownPolicyError) as found:
        empty.find("350303", date(2020, 1, 1))
    assert found.value.code == "policy.not_in_force"
    assert "none" in found.value.message


def test_policies_are_kept_in_id_order_whatever_the_input_order():
    values = [policy.get(pid) for pid in reversed(SIX)]
    catalogue = Catalogue(values)
    assert catalogue.ids() == SIX
    assert [p.id for p in catalogue] == list(SIX)
    assert list(catalogue.policies) == list(SIX)
    assert catalogue == policy.DEFAULT
    assert hash(catalogue) == hash(policy.DEFAULT)
    assert catalogue == Catalogue(iter(values))  # any iterable, consumed once


def test_duplicate_ids_are_refused():
    with pytest.raises(PolicyDataError) as caught:
        Catalogue([custom(), CN, custom(region="350300")])
    assert isinstance(caught.value, ValueError)
    assert (caught.value.code, caught.value.path) == ("catalogue.duplicate", "policies[2].id")
    assert "xx-2024" in caught.value.message


@pytest.mark.parametrize("value", [None, "cn-2011", {"id": "cn-2011"}])
def test_non_policies_are_refused(value):
    with pytest.raises(PolicyDataError) as caught:
        Catalogue([CN, value])
    assert (caught.value.code, caught.value.path) == ("catalogue.type", "policies[1]")
    with pytest.raises(PolicyDataError) as added:
        policy.DEFAULT.with_policy(value)
    assert (added.value.code, added.value.path) == ("catalogue.type", "policy")


def test_an_id_with_a_tilde_is_refused():
    variant = policy.get("cn-2011~N1.service")
    with pytest.raises(PolicyDataError) as caught:
        Catalogue([variant])
    assert (caught.value.code, caught.value.path) == ("catalogue.variant", "policies[0].id")
    with pytest.raises(PolicyDataError):
        policy.DEFAULT.with_policy(variant, replace=True)


def test_a_derived_policy_without_a_tilde_is_accepted():
    local = CN.variant("cn-2011-local", region="360000")
    assert Catalogue([local]).get("cn-2011-local") is local


# --- with_policy ---------------------------------------------------------------------------------


def test_with_policy_returns_a_new_catalogue():
    mine = custom()
    bigger = policy.DEFAULT.with_policy(mine)
    assert bigger is not policy.DEFAULT
    assert bigger.ids() == (*SIX, "xx-2024")
    assert bigger.get("xx-2024") is mine
    assert mine in bigger
    assert mine not in policy.DEFAULT
    assert "xx-2024" not in policy.DEFAULT
    assert_default_unchanged()


def test_with_policy_refuses_an_existing_id_unless_replace():
    mine = custom()
    bigger = policy.DEFAULT.with_policy(mine)
    with pytest.raises(PolicyDataError) as caught:
        bigger.with_policy(custom(region="350300"))
    assert (caught.value.code, caught.value.path) == ("catalogue.duplicate", "policy.id")
    assert "replace=True" in caught.value.message
    with pytest.raises(PolicyDataError):
        policy.DEFAULT.with_policy(attrs.evolve(CN, region="360000"))
    # replace=True puts the new policy in place of the old one
    moved = custom(region="350300")
    replaced = bigger.with_policy(moved, replace=True)
    assert replaced.get("xx-2024") is moved
    assert len(replaced) == len(bigger) == 7
    assert bigger.get("xx-2024") is mine  # the old catalogue is unchanged
    national = attrs.evolve(CN, effective_from=date(2012, 1, 1))
    assert policy.DEFAULT.with_policy(national, replace=True).get("cn-2011") is national
    assert_default_unchanged()


def test_replace_is_harmless_for_a_new_id():
    assert policy.DEFAULT.with_policy(custom(), replace=True).ids() == (*SIX, "xx-2024")


# --- get, variants, contains ----------------------------------------------------------------


def test_get_and_variants_of_a_custom_policy():
    catalogue = policy.DEFAULT.with_policy(custom())
    variant = catalogue.get("xx-2024~N1.service")
    assert (variant.id, variant.parent) == ("xx-2024~N1.service", "xx-2024")
    assert variant == custom().alternative("N1.service")
    assert variant is catalogue.get("xx-2024~N1.service")  # memoised per catalogue
    assert catalogue.get("xx-2024~N1.service~N1.service").rules == custom().rules
    assert "xx-2024~N1.service" in catalogue
    assert variant in catalogue
    assert variant not in policy.DEFAULT
    with pytest.raises(UnknownPolicyError):
        policy.get("xx-2024~N1.service")


@pytest.mark.parametrize(
    "policy_id", ["xx-2023", "xx-2024~", "xx-2024~J2.age", "XX-2024", "xx-2024 ", ""]
)
def test_get_unknown_ids(policy_id):
    catalogue = policy.DEFAULT.with_policy(custom())
    with pytest.raises(UnknownPolicyError) as caught:
        catalogue.get(policy_id)
    assert caught.value.path == "policy_id"
    assert policy_id not in catalogue


@pytest.mark.parametrize("not_an_id", [None, 2024, b"xx-2024", ["xx-2024"]])
def test_get_non_string_and_contains_anything(not_an_id):
    catalogue = policy.DEFAULT.with_policy(custom())
    with pytest.raises(UnknownPolicyError) as caught:
        catalogue.get(not_an_id)
    assert "xx-2024" in caught.value.message
    assert not_an_id not in catalogue


def test_an_equal_policy_is_contained_an_other_one_not():
    assert attrs.evolve(CN) in policy.DEFAULT  # equal value
    assert attrs.evolve(CN, effective_from=date(2012, 1, 1)) not in policy.DEFAULT


# --- find: the most specific region in force --------------------------------------------------


def test_find_prefers_the_most_specific_region():
    prefecture = custom("xx-putian", region="350300", start=date(2020, 1, 1))
    district = custom("xx-hanjiang", region="350303", start=date(2022, 1, 1))
    catalogue = policy.DEFAULT.with_policy(prefecture).with_policy(district)
    on = date(2023, 6, 1)
    assert catalogue.find("350303", on).id == "xx-hanjiang"
    assert catalogue.find("350302", on).id == "xx-putian"  # 城厢区, same prefecture
    assert catalogue.find("350300", on).id == "xx-putian"
    assert catalogue.find("350000", on).id == "cn-2011"
    assert catalogue.find("CN", on).id == "cn-2011"
    # before the district's policy, the prefecture's answers for the district
    assert catalogue.find("350303", date(2021, 6, 1)).id == "xx-putian"
    # the shipped 2009 Hanjiang policy still answers for 2009
    assert catalogue.find("350303", date(2009, 6, 1)).id == "fj-putian-hanjiang-2009"


def test_find_on_a_custom_catalogue_checks_regions():
    catalogue = Catalogue([custom(region="CN")])
    with pytest.raises(UnknownPolicyError) as caught:
        catalogue.find("610521", date(2024, 6, 1))  # 华县, 华州区 since 2015
    assert caught.value.code == "region.not_in_use"
    with pytest.raises(UnknownPolicyError) as bad:
        catalogue.find("٣٦٠١٠٠", date(2024, 6, 1))
    assert bad.value.code == "policy.bad_region"


# --- properties ---------------------------------------------------------------------------------

REGIONS = ("CN", "350000", "350300", "350303", "350302", "360000", "360100", "610500")
policies = st.builds(
    custom,
    policy_id=st.integers(0, 30).map(lambda n: f"xx-{n}"),
    region=st.sampled_from(REGIONS),
    start=st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)


@given(st.lists(st.tuples(policies, st.booleans()), max_size=6))
def test_with_policy_never_changes_the_default(steps):
    catalogue = policy.DEFAULT
    expected = dict(policy.DEFAULT.policies)
    for mine, replace in steps:
        before = catalogue
        if mine.id in before and not replace:
            with pytest.raises(PolicyDataError, match=r"\[catalogue\.duplicate\]$"):
                before.with_policy(mine)
            continue
        catalogue = before.with_policy(mine, replace=replace)
        expected[mine.id] = mine
        assert catalogue is not before
    assert dict(catalogue.policies) == expected
    assert catalogue.ids() == tuple(sorted(expected))
    assert_default_unchanged()


def _specificity(region):
    return len(regions.parents(region))


@given(
    st.lists(policies, max_size=6, unique_by=lambda p: p.id),
    st.sampled_from(REGIONS),
    st.dates(date(2000, 1, 1), date(2035, 1, 1)),
)
def test_find_gives_the_most_specific_policy_in_force(values, region, on):
    catalogue = Catalogue(values)
    covering = [p for p in catalogue if regions.contains(p.region, region) and p.in_force(on)]
    if not covering:
        with pytest.raises(UnknownPolicyError) as caught:
            catalogue.find(region, on)
        assert caught.value.code == "policy.not_in_force"
        return
    found = catalogue.find(region, on)
    assert isinstance(found, Policy)
    assert found in covering
    best = max(_specificity(p.region) for p in covering)
    assert _specificity(found.region) == best
    latest = max(p.effective_from for p in covering if _specificity(p.region) == best)
    assert found.effective_from == latest
