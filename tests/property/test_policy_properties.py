"""Laws of policies as data, over generated policies (``strategies.policies``).

DESIGN.md principle 5: "Policies are data. A new province or year is a new policy
value built from the rule building blocks — not new engine code. Every policy
round-trips through a JSON-safe dict (``to_dict`` / ``from_dict``), and loading
validates everything, executes nothing, and reports the path of any bad field."
"""

import copy
import json
from decimal import Context, Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import policies

from trainingrules import policy
from trainingrules._limits import MAX_AMOUNT, MAX_SCALE
from trainingrules._values import canonical, scale, to_decimal
from trainingrules.errors import InvalidInputError, PolicyDataError
from trainingrules.policy import SCHEMA_VERSION, from_dict, to_dict


def through_json(data):
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False))


def _dict_paths(value, path=()):
    """Paths (keys and list indexes) of every dict inside ``value``, the root included."""
    if isinstance(value, dict):
        yield path
        for key, item in value.items():
            yield from _dict_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _dict_paths(item, (*path, i))


def _render(path):
    """``("rules", 2, "selector")`` -> ``"rules[2].selector"`` (the error-path format)."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else key)
    return text


class TestRoundTrip:
    """DESIGN.md principle 5: "Every policy round-trips through a JSON-safe dict
    (``to_dict`` / ``from_dict``)" — the law ``from_dict(to_dict(p)) == p``.
    """

    @given(policies())
    def test_from_dict_of_to_dict_through_json_is_the_policy(self, p):
        data = to_dict(p)
        # only JSON types: equal to its own JSON round trip (no tuple, Decimal, date)
        loaded_data = through_json(data)
        assert loaded_data == data
        assert data["schema_version"] == SCHEMA_VERSION
        before = copy.deepcopy(loaded_data)
        loaded = from_dict(loaded_data)
        assert loaded == p
        assert hash(loaded) == hash(p)
        assert [rule.id for rule in loaded.rules] == [rule.id for rule in p.rules]
        assert to_dict(loaded) == data  # stable
        assert loaded_data == before  # loading leaves its input alone

    @given(policies())
    def test_variants_round_trip_and_swap_back(self, p):
        for note in p.interpretations:
            if not note.alternative_rules:
                continue
            variant = p.alternative(note.id)
            assert from_dict(through_json(to_dict(variant))) == variant
            assert variant.parent == p.id
            assert variant.alternative(note.id).rules == p.rules


class TestLoadingValidates:
    """DESIGN.md principle 5: loading "validates everything, executes nothing, and
    reports the path of any bad field".
    """

    @given(policies(), st.data())
    def test_an_unknown_key_anywhere_is_reported_at_its_path(self, p, data):
        loaded = through_json(to_dict(p))
        path = data.draw(st.sampled_from(list(_dict_paths(loaded))))
        target = loaded
        for key in path:
            target = target[key]
        target["zz_unknown"] = "1"
        with pytest.raises(PolicyDataError) as caught:
            from_dict(loaded)
        assert caught.value.code == "policy.unknown_key"
        assert caught.value.path == _render((*path, "zz_unknown"))

    @settings(max_examples=50)  # the version is checked before anything else is read
    @given(policies(), st.integers(1, 10**6))
    def test_a_newer_schema_version_is_refused(self, p, newer):
        loaded = through_json(to_dict(p))
        loaded["schema_version"] = SCHEMA_VERSION + newer
        with pytest.raises(PolicyDataError) as caught:
            from_dict(loaded)
        assert (caught.value.path, caught.value.code) == ("schema_version", "policy.schema")


class TestEqualValuesLookEqual:
    """Issue 9 §4: "Decimal('240.00') and Decimal('240') give the same policy, the same
    cache entry and the same output"."""

    # Issue 11 bounds every figure: at most 10**15 and 9 decimal places (MAX_AMOUNT,
    # MAX_SCALE; docs/inputs.md). The property holds on that domain; outside it the
    # figure is refused (test_a_figure_out_of_bounds_is_refused).
    @given(
        st.integers(0, MAX_SCALE).flatmap(
            lambda places: st.decimals(min_value=0, max_value=MAX_AMOUNT, places=places)
        )
    )
    def test_a_figure_is_stored_in_one_canonical_form(self, number):
        stored = to_decimal(number, "x")
        assert stored == number
        assert canonical(stored) == stored
        assert str(stored) == str(to_decimal(str(number), "x"))
        # The same value with trailing zeros is stored, hashed and printed the same.
        padded = to_decimal(Context(prec=100).add(number, Decimal("0.000")), "x")
        assert (str(padded), hash(padded)) == (str(stored), hash(stored))

    @given(st.decimals(allow_nan=False, allow_infinity=False, min_value=0, max_value=10**40))
    def test_a_figure_out_of_bounds_is_refused(self, number):
        if number <= MAX_AMOUNT and scale(number) <= MAX_SCALE:
            assert to_decimal(number, "x") == number
            return
        with pytest.raises(InvalidInputError) as caught:
            to_decimal(number, "x")
        assert caught.value.code in {"input.range", "input.precision"}

    def test_trailing_zeros_do_not_make_another_policy(self):
        p = policy.get("cn-2011")
        (req,) = p.of_type(policy.HoursRequirement)
        padded = attrs.evolve(req, minimum=policy.ByTitle.same(Decimal("360.00")))
        assert padded == req
        assert str(padded.minimum.senior) == "360"
        assert hash(padded) == hash(req)
