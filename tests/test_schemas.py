"""The JSON Schemas: generated from the classes, shipped up to date, agreeing with the library.

Issue 11: "JSON Schemas (draft 2020-12) for the request, for a policy, and for the
result, generated from the classes (not hand-written twice), shipped in the package,
versioned, and tested against real payloads both ways (valid ones pass; every mutation
the fuzzer makes that the library rejects, the schema rejects too, or the difference
is documented)."

The documented differences are ``docs/service.md``'s list; ``LIBRARY_ONLY`` below is
the same list as error codes, and a mutation the library refuses with any other code
must be refused by the schema too.
"""

import copy
import json
import math
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import catalogue_policies, engine_policies, evaluation_cases

import trainingrules as tr
from trainingrules import _json, _schema, _schema_probe, policy
from trainingrules._values import checked

jsonschema = pytest.importorskip("jsonschema")
Validator = jsonschema.Draft202012Validator

SHIPPED = Path(tr.__file__).parent / "schemas"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "service.md"


def validator(name):
    return Validator(tr.schema(name), format_checker=Validator.FORMAT_CHECKER)


REQUEST, POLICY = validator("request"), validator("policy")
FULL, SUMMARY = validator("result-full"), validator("result-summary")

# What the library refuses and a JSON Schema cannot say (docs/service.md, "What the
# schemas cannot say"): rules across fields or across the policy, membership of a
# table or a catalogue, and a float whose value is a whole number (360.0 is an
# integer to JSON Schema).
LIBRARY_ONLY = {
    # the request
    "input.order": "an end before a start (employment, a record, a leave)",
    "input.duplicate": "two records with one id, two outcomes for one period, two formal sittings",
    "input.region": "a teacher outside the policy's region",
    "input.unknown_scheme": "an outcome for a scheme the policy does not define",
    "input.period": "an outcome that does not start a period of its scheme",
    "region.unknown": "a well-formed region code missing from the GB/T 2260 table",
    "policy.unknown": "a policy id missing from the catalogue",
    # a policy
    "policy.reference": "a rule naming a rule, scheme, bucket or document the policy lacks",
    "policy.duplicate": "two rules (or interpretations) with one id",
    "policy.overlap": "two count rules selecting the same records",
    "policy.order": "in force until a day before it starts, a period after it ends",
    "policy.prerequisites": "a prerequisites citation without prerequisites",
    "policy.weights": "weights that do not sum to exactly 1",
    "policy.unit": "a requirement summing buckets of different units",
    "policy.region": "a well-formed region code missing from the GB/T 2260 table",
    "policy.no_alternative": "an interpretation whose alternative rules do not fit",
    "policy.inexact": "a share of a figure that is not a finite decimal",
    "policy.cap": "a cap that does not fit its requirement",
}
# Codes that mean a cross-field rule only at some fields (elsewhere the schema checks
# them): code -> the last part of the paths where the library alone can tell.
LIBRARY_ONLY_AT = {
    "policy.range": {"start", "count", "numerator"},  # periods ending after 9999, a share above 1
    "policy.missing": {"rounding"},  # a figure prorated by days states its rounding
    "policy.empty": {"selector"},  # an exclude rule that would rule out every record
}
# A float with no fraction (360.0) is an integer to JSON Schema: refused as a float
# (or, where an int is expected, as a wrong type) by the library only.
FLOAT_CODES = {"input.float", "policy.float", "input.type", "policy.type"}


def test_the_documented_differences_are_in_the_guide():
    guide = DOCS.read_text(encoding="utf-8")
    codes = (*LIBRARY_ONLY, *LIBRARY_ONLY_AT, "input.float", "policy.float")
    missing = [code for code in codes if f"`{code}`" not in guide]
    assert not missing, f"docs/service.md does not list {missing}"


# --- generated, shipped, versioned ----------------------------------------------------------


@pytest.mark.parametrize("name", _schema.SCHEMA_NAMES)
def test_the_shipped_file_is_the_generated_schema(name):
    shipped = SHIPPED / f"{name}.json"
    assert shipped.is_file(), f"{shipped} is missing: run python -m trainingrules.schemas"
    assert shipped.read_text(encoding="utf-8") == _schema.text(name), (
        f"{shipped} is stale: regenerate it with python -m trainingrules.schemas"
    )


def test_no_other_schema_is_shipped():
    assert sorted(p.name for p in SHIPPED.glob("*.json")) == sorted(
        f"{name}.json" for name in _schema.SCHEMA_NAMES
    )


@pytest.mark.parametrize("name", _schema.SCHEMA_NAMES)
def test_each_schema_is_a_valid_draft_2020_12_schema_with_a_versioned_id(name):
    found = tr.schema(name)
    Validator.check_schema(found)
    assert found["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert found["$id"] == f"urn:trainingrules:{name}:{_schema.SCHEMA_VERSIONS[name]}"


def test_the_versions_are_those_of_the_layouts():
    assert _schema.SCHEMA_VERSIONS["policy"] == policy.SCHEMA_VERSION
    assert _schema.SCHEMA_VERSIONS["result-full"] == tr.engine.RESULT_SCHEMA_VERSION
    assert _schema.SCHEMA_VERSIONS["result-summary"] == tr.engine.RESULT_SCHEMA_VERSION


def test_schema_returns_a_copy_and_refuses_an_unknown_name():
    found = tr.schema("policy")
    found["title"] = "changed"
    assert tr.schema("policy")["title"] != "changed"
    with pytest.raises(tr.InvalidInputError) as caught:
        tr.schema("nope")
    assert (caught.value.path, caught.value.code) == ("name", "input.choice")


def test_the_check_command_reports_no_stale_file():
    assert _schema.main(["--check"]) == 0


def test_write_schemas_writes_every_schema_as_shipped(tmp_path: Path) -> None:
    written = _schema.write_schemas(tmp_path / "new")
    assert written == [tmp_path / "new" / f"{name}.json" for name in _schema.SCHEMA_NAMES]
    for name, path in zip(_schema.SCHEMA_NAMES, written, strict=True):
        assert path.read_text(encoding="utf-8") == (SHIPPED / f"{name}.json").read_text(
            encoding="utf-8"
        )


def test_the_check_command_names_each_stale_or_missing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _schema.write_schemas(tmp_path)
    monkeypatch.setattr(_schema, "SHIPPED", tmp_path)
    assert _schema.main(["--check"]) == 0
    (tmp_path / "policy.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "errors.json").unlink()
    capsys.readouterr()
    assert _schema.main(["--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"stale: {tmp_path / 'policy'}.json",
        f"stale: {tmp_path / 'errors'}.json",
    ]


def test_the_command_writes_the_files_and_refuses_other_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # where `python -m trainingrules.schemas` writes: the package's files, here tmp_path
    monkeypatch.setattr(_schema.write_schemas, "__defaults__", (tmp_path,))
    assert _schema.main([]) == 0
    paths = [tmp_path / f"{name}.json" for name in _schema.SCHEMA_NAMES]
    assert capsys.readouterr().out.splitlines() == [f"wrote {path}" for path in paths]
    assert [p.read_text(encoding="utf-8") for p in paths] == [
        _schema.text(name) for name in _schema.SCHEMA_NAMES
    ]
    for path in paths:
        path.unlink()
    # a typo or --help writes nothing: before, any other argument rewrote the files
    for argv in (["--help"], ["--chek"], ["--check", "x"]):
        assert _schema.main(argv) == 2
        assert capsys.readouterr().err == "usage: python -m trainingrules.schemas [--check]\n"
    assert list(tmp_path.iterdir()) == []


def test_importing_the_command_module_runs_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # only `python -m` runs it: an import must not write the package's files
    import importlib  # noqa: PLC0415
    import sys  # noqa: PLC0415

    monkeypatch.delitem(sys.modules, "trainingrules.schemas.__main__", raising=False)
    module = importlib.import_module("trainingrules.schemas.__main__")
    assert module.main is _schema.main
    assert capsys.readouterr() == ("", "")


def test_python_m_trainingrules_schemas_checks_the_shipped_files() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    done = subprocess.run(
        [sys.executable, "-m", "trainingrules.schemas", "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


# --- generated from the checks: the bounds follow the library's ------------------------------


def _record_schema():
    return tr.schema("request")["$defs"]["TrainingRecord"]["properties"]


def test_hours_are_bounded_as_the_library_bounds_them():
    hours = _record_schema()["hours"]["anyOf"]
    string, integer = hours
    assert integer == {"type": "integer", "minimum": 0, "maximum": 100_000}
    assert string["maxLength"] == 100


def test_a_score_is_at_most_100():
    score = tr.schema("request")["$defs"]["CourseResult"]["properties"]["coursework_score"]
    assert score["anyOf"][1] == {"type": "integer", "minimum": 0, "maximum": 100}


def test_enum_values_come_from_the_enums_and_the_checks():
    # a consequence imposes an outcome; "pending" is never imposed (_imposable)
    outcome = tr.schema("policy")["$defs"]["Consequence"]["properties"]["outcome"]
    assert outcome == {"enum": ["eligible", "deferred", "ineligible"]}
    sex = tr.schema("request")["$defs"]["Teacher"]["properties"]["sex"]
    assert sex == {"enum": [s.value for s in tr.Sex]}


# The probes are general: a check the model does not have yet gets its bounds too.


def _whole(value: object, path: str) -> object:
    """Any whole number, of any sign and size."""
    if not isinstance(value, Decimal) or value != value.to_integral_value():
        raise tr.InvalidInputError("not a whole number", path=path)
    return value


def _cents(value: object, path: str) -> object:
    """Any number of at most two decimal places, of any sign and size."""
    if not isinstance(value, Decimal) or value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise tr.InvalidInputError("more than two places", path=path)
    return value


def test_an_unbounded_decimal_check_gives_an_unbounded_schema() -> None:
    string, number = _schema_probe._decimal_schema(_whole)["anyOf"]
    assert number == {"type": "integer"}  # negatives and any size
    schema = Validator({"type": "string", "pattern": string["pattern"]})
    for text in ("0", "-7", "360", "1" + "0" * 40):
        assert schema.is_valid(text), text
    for text in ("1.5", "0.1", "1E-1", "007", "+1", ""):
        assert not schema.is_valid(text), text  # before: the pattern did not compile
    string, number = _schema_probe._decimal_schema(_cents)["anyOf"]
    assert number == {"type": "integer"}
    schema = Validator({"type": "string", "pattern": string["pattern"]})
    for text in ("-0.25", "12345678901234567890.5", "1E-2", "2.5E-1"):
        assert schema.is_valid(text), text
    for text in ("0.125", "1E-3", "1.25E-1"):
        assert not schema.is_valid(text), text


def test_an_integer_check_without_bounds_gives_a_plain_integer() -> None:
    def any_int(value: object, path: str) -> object:
        if not isinstance(value, int):
            raise tr.InvalidInputError("not an int", path=path)
        return value

    assert _schema_probe._integer_schema(any_int) == {"type": "integer"}


@pytest.mark.parametrize(
    ("first", "last", "years"),
    [
        (date(1995, 3, 15), date(2003, 7, 1), "(199[5-9]|200[0-3])"),
        (date(1999, 12, 31), date(2001, 1, 1), "(1999|200[0-1])"),
        (date(2000, 1, 1), date(2000, 12, 31), "(2000)"),
    ],
)
def test_a_date_check_with_bounds_gives_its_first_and_last_day(
    first: date, last: date, years: str
) -> None:
    def between(value: object, path: str) -> object:
        if not isinstance(value, date) or not first <= value <= last:
            raise tr.InvalidInputError("out of range", path=path)
        return value

    found = _schema_probe._date_schema(between)
    assert found["description"] == f"from {first} to {last}"
    assert found["pattern"].startswith(f"^{years}-")
    pattern = re.compile(found["pattern"])
    matched = [y for y in range(1, 10000) if pattern.match(f"{y:04d}-06-15")]
    assert matched == list(range(first.year, last.year + 1))


def test_a_date_check_must_accept_the_day_the_search_starts_from() -> None:
    def after_2000(value: object, path: str) -> object:
        if not isinstance(value, date) or value.year <= 2000:
            raise tr.InvalidInputError("too early", path=path)
        return value

    # before: a schema "from 2000-01-01 to 2000-01-01", a day the check refuses
    with pytest.raises(AssertionError, match="refuses 2000-01-01"):
        _schema_probe._date_schema(after_2000)


def _at_least_one(value: object, path: str) -> tuple[object, ...]:
    if not isinstance(value, tuple | list) or not value:
        raise tr.InvalidInputError("at least one", path=path)
    return tuple(value)


@attrs.frozen
class _Undocumented:
    names: tuple[str, ...] = checked(_at_least_one)


def test_a_list_its_check_refuses_empty_has_min_items_and_no_docstring_no_description() -> None:
    found = _schema._Builder("input").object(_Undocumented)
    assert found == {
        "type": "object",
        "properties": {"names": {"type": "array", "items": {"type": "string"}, "minItems": 1}},
        "required": ["names"],
        "additionalProperties": False,
    }
    # a result is what the library wrote: its checks are not probed
    output = _schema._Builder("output").object(_Undocumented)
    assert output["properties"]["names"] == {"type": "array", "items": {"type": "string"}}


@pytest.mark.parametrize(
    ("value", "library", "schema"),
    [
        ("360", True, True),
        (360, True, True),
        ("0.5", True, True),
        ("100000", True, True),
        ("100000.000", True, True),
        ("0.000000001", True, True),
        ("100000.5", False, False),
        ("0.0000000001", False, False),  # ten decimal places
        ("-1", False, False),
        ("1E+999999", False, False),
        ("NaN", False, False),
        ("１２", False, False),  # full-width digits: refused, not normalised
        ("", False, False),
        (2.5, False, False),
        (True, False, False),
        # documented differences
        (360.0, False, True),  # a whole float is an integer to JSON Schema
        ("1e3", True, False),  # the schema takes plain notation only
        (" 5 ", True, False),
        ("-0", True, False),
    ],
)
def test_hours_both_ways(value, library, schema):
    record = {"id": "R1", "hours": value, "completed_on": "2015-01-01", "category": "remote"}
    data = {
        "policy": "cn-2011",
        "teacher": {"id": "T1", "birth_date": "1975-04-02", "sex": "female"},
        "records": [record],
        "as_of": "2016-03-01",
    }
    assert REQUEST.is_valid(data) is schema
    try:
        tr.Request.from_dict(data)
    except tr.InputErrors:
        accepted = False
    else:
        accepted = True
    assert accepted is library


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        ("2016-02-29", True),
        ("0001-01-01", True),
        ("9999-12-31", True),
        ("2023-02-29", False),  # with format assertion on: not a date
        ("2016-13-01", False),
        ("0000-01-01", False),
        ("20160301", False),  # ISO basic format: the schema wants YYYY-MM-DD
        ("2016-03-01T00:00", False),
    ],
)
def test_dates_are_iso_calendar_dates(day, valid):
    assert (
        Validator(
            _schema_probe._date_schema(None), format_checker=Validator.FORMAT_CHECKER
        ).is_valid(day)
        is valid
    )


# --- real payloads pass --------------------------------------------------------------------


def through_json(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


def errors_of(validator_, data):
    return [(list(e.absolute_path), e.message[:200]) for e in validator_.iter_errors(data)]


# The schemas' agreement with the library, on generated data: what these prove is that
# agreement, not coverage (the library's branches are run by its own tests), and
# jsonschema under pytest-cov's tracer took three times as long.
_AGREEMENT = pytest.mark.no_cover


@pytest.mark.parametrize("policy_id", policy.ids())
def test_every_catalogue_policy_and_variant_is_valid(policy_id):
    p = policy.get(policy_id)
    variants = [policy.get(f"{p.id}~{n.id}") for n in p.interpretations if n.alternative_rules]
    for one in (p, *variants):
        assert not errors_of(POLICY, through_json(policy.to_dict(one))), one.id


@_AGREEMENT
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(engine_policies())
def test_every_generated_policy_is_valid(p):
    assert not errors_of(POLICY, through_json(policy.to_dict(p)))


def request_of(case, *, by_id):
    """The JSON a service receives for ``case``: inputs keyed by their field names."""
    data = {
        "policy": case.policy.id if by_id else policy.to_dict(case.policy),
        "teacher": _json.encode(case.teacher),
        "records": [_json.encode(r) for r in case.records],
        "as_of": case.as_of.isoformat(),
        "outcomes": [_json.encode(o) for o in case.outcomes],
    }
    if case.assessment is not None:
        data["assessment"] = _json.encode(case.assessment)
    return through_json(data)


def in_catalogue(p):
    return p.id in policy.DEFAULT and policy.get(p.id) == p


@_AGREEMENT
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(evaluation_cases(engine_policies()), st.booleans())
def test_real_requests_and_their_results_are_valid(case, by_id):
    data = request_of(case, by_id=by_id and in_catalogue(case.policy))
    assert not errors_of(REQUEST, data)
    ev = tr.Request.from_dict(data).evaluate()
    assert ev == case.run()
    assert not errors_of(FULL, through_json(ev.to_dict()))
    assert not errors_of(SUMMARY, through_json(ev.to_dict(form="summary")))


def test_an_error_list_is_valid():
    with pytest.raises(tr.InputErrors) as caught:
        tr.Request.from_dict({"policy": "cn-2011", "records": "x", "extra": 1})
    assert not errors_of(validator("errors"), {"errors": caught.value.to_list()})


# --- mutations the library refuses, the schema refuses --------------------------------------

ADVERSARIAL = [
    None,
    True,
    0,
    -1,
    2.5,
    360.0,
    2**70,
    "",
    " ",
    "x",
    "-1",
    "1e309",
    "NaN",
    "Infinity",
    "1E+999999",
    "0.0000000001",
    "１２",
    "٣٦٠",
    "2023-02-29",
    "0001-01-01",
    "9999-12-31",
    "2016-13-01",
    "x" * 300,
    [],
    {},
    [1],
    {"a": 1},
    "360",
    5,
    "2015-06-01",
    "CN",
    "360100",
    "999999",
    "female",
    "remote",
    "verified",
]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*path, i))


def _at(value, path):
    for key in path:
        value = value[key]
    return value


@st.composite
def mutations(draw, payloads):
    """A payload with one change: a value replaced, a key dropped or added, an item doubled."""
    data = copy.deepcopy(draw(payloads))
    path = draw(st.sampled_from([p for p in _paths(data) if p]))
    parent, key = _at(data, path[:-1]), path[-1]
    how = draw(st.sampled_from(["replace", "replace", "replace", "drop", "add", "double"]))
    if how == "replace":
        parent[key] = copy.deepcopy(draw(st.sampled_from(ADVERSARIAL)))
    elif how == "drop" and isinstance(parent, dict):
        del parent[key]
    elif how == "add" and isinstance(parent[key], dict):
        parent[key]["unknown_key"] = 1
    elif how == "double" and isinstance(parent[key], list) and parent[key]:
        parent[key].append(copy.deepcopy(parent[key][0]))
    return data


def _whole_float(data, path):
    value = _at_error_path(data, path)
    return isinstance(value, float) and math.isfinite(value) and value == int(value)


def _at_error_path(data, path):
    """The value an error path (``records[3].hours``, ``policy.rules[0].minimum``) names."""
    value = data
    for part in path.replace("[", ".[").split("."):
        if not part:
            continue
        key = int(part[1:-1]) if part.startswith("[") else part
        value = value[key]
    return value


def assert_library_only(errors, data):
    """Every error the schema could not see is one of the documented differences."""
    for error in errors:
        code, path = error["code"], error["path"]
        last = path.rsplit(".", 1)[-1]
        if code in LIBRARY_ONLY:
            continue
        if last in LIBRARY_ONLY_AT.get(code, ()):
            continue
        assert code in FLOAT_CODES, error
        assert _whole_float(data, path), error


def _requests():
    return evaluation_cases(engine_policies()).flatmap(
        lambda case: st.booleans().map(
            lambda by_id: request_of(case, by_id=by_id and in_catalogue(case.policy))
        )
    )


@_AGREEMENT
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations(_requests()))
def test_a_mutated_request_the_library_refuses_the_schema_refuses(data):
    try:
        tr.Request.from_dict(data)
    except tr.InputErrors as error:
        if REQUEST.is_valid(data):
            assert_library_only(error.to_list(), data)


def _policies():
    return st.one_of(catalogue_policies(), engine_policies()).map(
        lambda p: through_json(policy.to_dict(p))
    )


@_AGREEMENT
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations(_policies()))
def test_a_mutated_policy_the_library_refuses_the_schema_refuses(data):
    try:
        policy.from_dict(data)
    except tr.PolicyDataError as error:
        if POLICY.is_valid(data):
            assert_library_only([{"code": error.code, "path": error.path}], data)
