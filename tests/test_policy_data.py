"""Policies as data: the committed snapshot, dict round-trips, load errors and a fuzz test.

DESIGN.md principle 5: "Every policy round-trips through a JSON-safe dict (``to_dict`` /
``from_dict``), and loading validates everything, executes nothing, and reports the
path of any bad field." Principle 6: errors carry a stable ``code`` and the path.
STYLE.md lesson 10: "a changed rule changes someone's result, so it is always a
visible change" - hence the snapshot ``src/trainingrules/policy/catalogue.json``.
"""

from __future__ import annotations

import copy
import difflib
import importlib.resources
import json
import runpy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainingrules import policy
from trainingrules.errors import PolicyDataError
from trainingrules.policy import (
    SCHEMA_VERSION,
    HoursRequirement,
    PeriodScheme,
    Policy,
    from_dict,
    to_dict,
)

_REGEN = runpy.run_path(str(Path(__file__).with_name("regen_snapshot.py")))
render_snapshot = _REGEN["render"]
SNAPSHOT: Path = _REGEN["SNAPSHOT"]
REGEN_COMMAND: str = _REGEN["COMMAND"]


def _policies_and_variants():
    out = []
    for policy_id in policy.ids():
        base = policy.get(policy_id)
        out.append(base)
        out.extend(
            base.alternative(note.id) for note in base.interpretations if note.alternative_rules
        )
    return out


ALL_POLICIES = _policies_and_variants()


def json_round_trip(data):
    return json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False))


def catalogue_dict(policy_id):
    """A fresh JSON-loaded dict of a catalogue policy, safe to mutate."""
    return json_round_trip(to_dict(policy.get(policy_id)))


def rule_index(data, rule_id):
    return next(i for i, rule in enumerate(data["rules"]) if rule["id"] == rule_id)


# --- the snapshot ------------------------------------------------------------------------


def test_snapshot_matches_the_code():
    committed = SNAPSHOT.read_text(encoding="utf-8")
    current = render_snapshot()
    if committed != current:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.splitlines(keepends=True),
                    current.splitlines(keepends=True),
                    fromfile="catalogue.json (committed)",
                    tofile="catalogue.json (from the code)",
                )
            )[:80]
        )
        pytest.fail(
            "The encoded policies differ from the committed snapshot. If the rule change "
            f"is intended, run `{REGEN_COMMAND}` from the repo root, review the diff and "
            "note it under 'Regulation data' in CHANGELOG.md.\n" + diff
        )


def test_snapshot_loads_back_into_the_catalogue():
    data = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert list(data) == list(policy.ids())
    for policy_id, entry in data.items():
        assert entry["schema_version"] == SCHEMA_VERSION
        assert from_dict(entry) == policy.get(policy_id), policy_id


def test_snapshot_ships_with_the_package():
    # pyproject.toml lists "policy/catalogue.json" as package data
    shipped = importlib.resources.files("trainingrules.policy").joinpath("catalogue.json")
    assert shipped.is_file()
    assert json.loads(shipped.read_text(encoding="utf-8")).keys() == set(policy.ids())


def test_snapshot_text_format():
    text = render_snapshot()
    assert text.endswith("}\n")
    assert "渭教师〔2019〕6号" in text  # ensure_ascii=False: Chinese stays readable
    assert text.startswith('{\n  "cn-2011": {\n    "schema_version": 2,\n    "id": "cn-2011",')


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("p", ALL_POLICIES, ids=lambda p: p.id)
def test_round_trip_through_json(p):
    data = to_dict(p)
    text = json.dumps(data, ensure_ascii=False, allow_nan=False)  # JSON-safe, no default=
    loaded = from_dict(json.loads(text))
    assert loaded == p
    assert loaded.parent == p.parent
    assert to_dict(loaded) == data
    assert hash(loaded) == hash(p)


@pytest.mark.parametrize("p", ALL_POLICIES, ids=lambda p: p.id)
def test_to_dict_layout(p):
    data = to_dict(p)
    assert next(iter(data)) == "schema_version"
    assert data["schema_version"] == SCHEMA_VERSION == 2
    assert all(next(iter(rule)) == "kind" for rule in data["rules"])
    # only JSON types, and a dict equal to its JSON round trip (no tuples, no Decimals)
    assert json_round_trip(data) == data


def test_to_dict_values():
    data = to_dict(policy.get("nm-hohhot-2006"))
    hours = data["rules"][rule_index(data, "H1.hours")]
    assert hours["kind"] == "hours_requirement"
    assert hours["minimum"]["senior"] == "240"  # decimals as exact strings
    assert data["effective_to"] == "2008-12-31"  # dates as ISO strings
    grading = data["rules"][rule_index(data, "H4+H5+H6.course")]
    assert grading["weights"] == ["0.6", "0.4"]


# --- load errors: a PolicyDataError naming the field ---------------------------------------


def _set(path, value):
    def mutate(data):
        *parents, last = path
        target = data
        for key in parents:
            target = target[key]
        target[last] = value

    return mutate


def _drop(path):
    def mutate(data):
        *parents, last = path
        target = data
        for key in parents:
            target = target[key]
        del target[last]

    return mutate


HOHHOT_H1 = 4  # nm-hohhot-2006: rules[4] is H1.hours (240 hours, H1 二)
HOHHOT_H6 = 6  # nm-hohhot-2006: rules[6] is the course grading (H6 三.5)


def test_rule_indexes_used_below():
    data = catalogue_dict("nm-hohhot-2006")
    assert rule_index(data, "H1.hours") == HOHHOT_H1
    assert rule_index(data, "H4+H5+H6.course") == HOHHOT_H6


LOAD_ERRORS = [
    # each: the policy, how its dict is broken, the error path and code
    # wrong types
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "minimum", "senior"), True),
        "rules[4].minimum.senior",
        "policy.type",
        id="bool for a decimal",
    ),
    pytest.param(
        "nm-hohhot-2006", _set(("title",), "x"), "title", "policy.type", id="str for a dict"
    ),
    pytest.param(
        "nm-hohhot-2006", _set(("rules",), {}), "rules", "policy.type", id="dict for a list"
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", 0, "years"), "5"),
        "rules[0].years",
        "policy.type",
        id="str for an int",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", 0, "years"), True),
        "rules[0].years",
        "policy.type",
        id="bool for an int",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("effective_from",), 20060101),
        "effective_from",
        "policy.type",
        id="int for a date",
    ),
    pytest.param(
        "jx-2014",
        _set(("documents", 0, "number"), ["赣教师字〔2014〕36号"]),
        "documents[0].number",
        "policy.type",
        id="list for a str",
    ),
    # unknown keys and kinds
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "maximum"), "300"),
        "rules[4].maximum",
        "policy.unknown_key",
        id="unknown rule key",
    ),
    pytest.param(
        "nm-hohhot-2006", _set(("extra",), 1), "extra", "policy.unknown_key", id="unknown key"
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "minimum", "retired"), "0"),
        "rules[4].minimum.retired",
        "policy.unknown_key",
        id="unknown title",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "kind"), "minimum_hours"),
        "rules[4].kind",
        "policy.kind",
        id="unknown rule kind",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _drop(("rules", HOHHOT_H1, "kind")),
        "rules[4].kind",
        "policy.kind",
        id="missing rule kind",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _drop(("rules", HOHHOT_H1, "scheme")),
        "rules[4].scheme",
        "policy.missing",
        id="missing key",
    ),
    # the blocks' own validation, with the path in front
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H6, "weights"), ["0.6", "0.5"]),  # 0.6 + 0.5 = 1.1
        "rules[6].weights",
        "policy.weights",
        id="weights summing to 1.1",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "minimum", "senior"), "-240"),
        "rules[4].minimum.senior",
        "policy.range",
        id="negative hours",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "minimum", "junior"), "NaN"),
        "rules[4].minimum.junior",
        "policy.not_finite",
        id="NaN hours",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "minimum", "junior"), "two hundred"),
        "rules[4].minimum.junior",
        "policy.type",
        id="not a decimal",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("effective_to",), "2005-12-31"),  # the plan starts 2006-01-01
        "effective_to",
        "policy.order",
        id="reversed effective dates",
    ),
    pytest.param(
        "jx-2014",
        _set(("rules", 8, "runs_in"), {"start": "2015-09-01", "end": "2014-09-01"}),
        "rules[8].runs_in.end",
        "policy.order",
        id="reversed remedial period",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("effective_from",), "2006-02-30"),
        "effective_from",
        "policy.type",
        id="impossible date",
    ),
    pytest.param(
        "jx-2014",
        _set(("rules", 8, "payer"), "school"),
        "rules[8].payer",
        "policy.choice",
        id="unknown payer",
    ),
    pytest.param(
        "jx-2014",
        _set(("rules", 8, "age_limit", "male"), -55),
        "rules[8].age_limit.male",
        "policy.range",
        id="negative age limit",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("interpretations", 1, "alternative_rules", 0, "rounding", "mode"), "ROUND_MAGIC"),
        "interpretations[1].alternative_rules[0].rounding.mode",
        "policy.choice",
        id="unknown rounding mode in an alternative",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("region",), "15010"),
        "region",
        "policy.region",
        id="five-digit region",
    ),
    # references across rules
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "scheme"), "H1.windows"),
        "rules[4].scheme",
        "policy.reference",
        id="unknown scheme",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", 1, "id"), "H1.window"),  # rules[0] is H1.window
        "rules[1].id",
        "policy.duplicate",
        id="duplicate rule id",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("rules", HOHHOT_H1, "citation", "document"), "财教〔2006〕5号"),
        "rules[4].citation.document",
        "policy.reference",
        id="citation of another document",
    ),
    # schema version
    pytest.param(
        "nm-hohhot-2006",
        _set(("schema_version",), SCHEMA_VERSION + 1),
        "schema_version",
        "policy.schema",
        id="future schema version",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _drop(("schema_version",)),
        "schema_version",
        "policy.schema",
        id="missing schema version",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("schema_version",), "1"),
        "schema_version",
        "policy.schema",
        id="schema version as str",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("schema_version",), True),
        "schema_version",
        "policy.schema",
        id="schema version as bool",
    ),
    pytest.param(
        "nm-hohhot-2006",
        _set(("schema_version",), 0),
        "schema_version",
        "policy.schema",
        id="schema version 0",
    ),
]


@pytest.mark.parametrize(("policy_id", "mutate", "path", "code"), LOAD_ERRORS)
def test_load_error(policy_id, mutate, path, code):
    data = catalogue_dict(policy_id)
    mutate(data)
    with pytest.raises(PolicyDataError) as caught:
        from_dict(data)
    assert (caught.value.path, caught.value.code) == (path, code), str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_float_in_policy_data_is_reported_as_a_float():
    # docs/errors.md: "policy.float | a float in policy data" (as input.float for
    # records): a JSON 240.0 where "240" is meant gets the float code, not a bare
    # type error, so that the caller learns to write the figure as a string.
    data = catalogue_dict("nm-hohhot-2006")
    data["rules"][HOHHOT_H1]["minimum"]["senior"] = 240.0
    with pytest.raises(PolicyDataError) as caught:
        from_dict(data)
    assert (caught.value.path, caught.value.code) == ("rules[4].minimum.senior", "policy.float")


@pytest.mark.parametrize("not_a_dict", [None, [], "cn-2011", 1, 1.5])
def test_load_not_a_dict(not_a_dict):
    with pytest.raises(PolicyDataError) as caught:
        from_dict(not_a_dict)
    assert (caught.value.path, caught.value.code) == ("", "policy.type")


def test_loading_executes_nothing():
    # a kind naming a Python object is just an unknown kind
    data = catalogue_dict("cn-2011")
    data["rules"][0]["kind"] = "os.system"
    with pytest.raises(PolicyDataError) as caught:
        from_dict(data)
    assert caught.value.code == "policy.kind"


def test_loading_does_not_change_its_input():
    data = catalogue_dict("fj-putian-hanjiang-2009")
    before = copy.deepcopy(data)
    from_dict(data)
    assert data == before


def test_hand_written_policy_with_defaults_left_out():
    # optional keys (quote, count, buckets, interpretations, ...) may be omitted
    data = {
        "schema_version": 1,
        "id": "xx-2024",
        "title": {"zh": "测试", "en": "test"},
        "region": "360000",
        "effective_from": "2024-01-01",
        "effective_to": None,
        "documents": [{"number": "测〔2024〕1号", "title": "测试", "issuer": "测试局"}],
        "rules": [
            {
                "kind": "period_scheme",
                "id": "T.cycle",
                "citation": {"document": "测〔2024〕1号", "clause": "一"},
                "label": {"zh": "周期", "en": "cycle"},
                "start": "2021-01-01",
                "years": 5,
            },
            {
                "kind": "count_rule",
                "id": "T.count",
                "citation": {"document": "测〔2024〕1号", "clause": "一"},
                "selector": {},
                "bucket": "training",
            },
            {
                "kind": "hours_requirement",
                "id": "T.hours",
                "citation": {"document": "测〔2024〕1号", "clause": "一"},
                "label": {"zh": "培训", "en": "training"},
                "scheme": "T.cycle",
                "minimum": {"senior": "360", "intermediate": "360", "junior": "360"},
            },
        ],
    }
    p = from_dict(data)
    hours, cycle = p.rule("T.hours"), p.rule("T.cycle")
    assert isinstance(hours, HoursRequirement)
    assert isinstance(cycle, PeriodScheme)
    assert hours.minimum.none is None
    assert cycle.count is None
    assert from_dict(json_round_trip(to_dict(p))) == p


# --- fuzz: any change to a catalogue dict loads or raises PolicyDataError -------------------

CATALOGUE_DICTS = {policy_id: catalogue_dict(policy_id) for policy_id in policy.ids()}


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


RETYPES: tuple[object, ...] = (0, 1, -1, 1.5, None, [], {}, "x", True, False, [None], {"kind": "x"})
PERTURBATIONS = (
    "-1",
    "-0.5",
    "0",
    "-0",
    "NaN",
    "sNaN",
    "Infinity",
    "-Infinity",
    "1e999999",
    "1E-999999",
    "99999999999999999999999999999",
    "2019-02-30",
    "2019-13-01",
    "0001-01-01",
    "9999-12-31",
    "2019-02-28T00:00:00",
    "",
    " ",
    "360 ",
    "٣٦٠",  # Arabic-Indic digits: Decimal accepts them
    10**20,
    -(10**20),
    2**63,
    -1.0,
    float("nan"),
    float("inf"),
)


def _mutate(data, path, action, value):
    value = copy.deepcopy(value)  # the pools hold [] and {}: never share them
    if not path:
        return value if action != "drop" else {}
    *parents, last = path
    target = data
    for key in parents:
        target = target[key]
    if action == "drop":
        del target[last]
    elif action == "extra" and isinstance(target[last], dict):
        target[last]["extra_key"] = value
    else:
        target[last] = value
    return data


@st.composite
def mutated_catalogue_dicts(draw, max_changes=3):
    policy_id = draw(st.sampled_from(sorted(CATALOGUE_DICTS)))
    data = copy.deepcopy(CATALOGUE_DICTS[policy_id])
    for _ in range(draw(st.integers(1, max_changes))):
        path = draw(st.sampled_from(list(_paths(data))))
        action = draw(st.sampled_from(["drop", "retype", "perturb", "extra"]))
        value = draw(st.sampled_from(PERTURBATIONS if action == "perturb" else RETYPES))
        data = _mutate(data, path, action, value)
    return data


def _loads_or_policy_error(data):
    error = None
    try:
        result = from_dict(data)
    except PolicyDataError as caught:
        error = caught
    if error is not None:
        assert error.code.startswith("policy."), error.code
        assert isinstance(error.path, str)
        return None
    assert isinstance(result, Policy)
    # whatever loads is a valid policy that round-trips in turn
    assert from_dict(json_round_trip(to_dict(result))) == result
    return result


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_catalogue_dicts(max_changes=1))
def test_fuzz_one_change(data):
    _loads_or_policy_error(data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_catalogue_dicts(max_changes=3))
def test_fuzz_several_changes(data):
    _loads_or_policy_error(data)


@pytest.mark.parametrize("policy_id", sorted(CATALOGUE_DICTS))
def test_every_single_field_dropped_or_retyped(policy_id):
    # Exhaustive over one policy's paths, for the two simplest mutations.
    original = CATALOGUE_DICTS[policy_id]
    paths = list(_paths(original))
    for path in paths[1:]:
        for action, value in (("drop", None), ("retype", None), ("retype", "x"), ("retype", [])):
            _loads_or_policy_error(_mutate(copy.deepcopy(original), path, action, value))


def test_integers_are_exact_and_accepted_for_figures():
    # Issue 9 §4: "integers are exact, accept them (refuse only floats)". 240 and "240"
    # load the same policy; a single figure stands for every title.
    data = catalogue_dict("nm-hohhot-2006")
    as_ints = copy.deepcopy(data)
    as_ints["rules"][HOHHOT_H1]["minimum"] = dict.fromkeys(data["rules"][HOHHOT_H1]["minimum"], 240)
    one_figure = copy.deepcopy(data)
    one_figure["rules"][HOHHOT_H1]["minimum"] = 240
    as_string = copy.deepcopy(data)
    as_string["rules"][HOHHOT_H1]["minimum"] = "240.00"
    expected = from_dict(data)
    assert from_dict(as_ints) == expected
    assert from_dict(one_figure) == expected
    assert from_dict(as_string) == expected
