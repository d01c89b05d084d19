"""Fuzz targets: random and mutated data for every way input enters the library.

Each ``Target`` has a hypothesis strategy and a ``run`` function. ``run`` feeds one
drawn value to the library and returns ``"ok"`` or the code of the typed error the
library raised; any other exception escapes (the property under test: nothing but a
``TrainingRulesError`` subclass escapes). ``run`` also checks that the work done is
bounded by the size of the input (``SlowInputError`` if not: nothing hangs).

Used by ``tests/fuzz/test_fuzz.py`` (the CI figures) and ``benchmarks/fuzz_100k.py``
(the 100,000-example run).

Adversarial values (``ADVERSARIAL``): ``1e309`` (a float infinity), NaN, ``-0``,
``1E+999999``, ``1E+1000000``, ``1E+999990``, ``0.000000001`` and one place more,
full-width and Arabic-Indic digits, empty and blank strings, ``2023-02-29``, the
years 1 and 9999, deeply nested JSON, strings of a million characters, huge
integers, booleans, ``None``, NUL and lone surrogates.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import strategies as s
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy
from trainingrules.cycles import age, calendar_year_of, school_year_of
from trainingrules.errors import TrainingRulesError
from trainingrules.scoring import Rounding, composite, decide_sittings

__all__ = ["ADVERSARIAL", "TARGETS", "SlowInputError", "Target"]


class SlowInputError(AssertionError):
    """An input took longer than its size allows (a hang, or work out of proportion)."""


def _nested(depth: int, *, as_dict: bool = False) -> object:
    value: object = "leaf"
    for _ in range(depth):
        value = {"k": value} if as_dict else [value]
    return value


_LONG = "x" * 1_000_000
_DEEP_LIST = _nested(10_000)
_DEEP_DICT = _nested(10_000, as_dict=True)

ADVERSARIAL: tuple[object, ...] = (
    # floats, as a JSON parser gives them (1e309 is an infinity, NaN from "NaN")
    float("inf"),
    float("nan"),
    -0.0,
    2.5,
    360.0,
    # numbers as strings and Decimals
    "1e309",
    "NaN",
    "-NaN",
    "sNaN",
    "Infinity",
    "-0",
    "-0.0",
    "0",
    "-1",
    "1E+999999",
    "1E+1000000",
    "1E+999990",
    "1E-1000000",
    "1E+3",
    "359.999999",
    "0.000000001",
    "0.0000000001",
    "100000",
    "100000.000000001",
    "1" + "0" * 99,
    "1" * 101,
    "１２",
    "３６０",
    "٣٦٠",
    "1_000",
    " 12 ",
    "0x10",
    Decimal("sNaN"),
    Decimal("NaN"),
    Decimal("-0"),
    Decimal("1E+1000000"),
    Decimal("1E+999990"),
    Decimal("1E-999990"),
    Decimal("359.999999"),
    Decimal("1E+3"),
    Decimal("99999.999999999"),
    Decimal("1" * 40),
    # integers and booleans
    0,
    -1,
    1,
    100_001,
    10**9,
    10**400,
    -(10**400),
    True,
    False,
    # strings
    "",
    " ",
    "\t",
    "\x00",
    "\ud800",
    "x" * 200,
    "x" * 201,
    _LONG,
    "remote",
    "male",
    "senior",
    "verified",
    "formal",
    "CN",
    "360100",
    "٣٦٠١٠٠",
    "３６０１００",
    # dates, as strings and objects
    "2023-02-29",
    "2024-02-29",
    "0001-01-01",
    "9999-12-31",
    "0000-01-01",
    "2016-1-1",
    "20160101",
    "2016-W01-1",
    "２０１６-０１-０１",
    "2016-01-01T00:00:00",
    date(1, 1, 1),
    date(9999, 12, 31),
    date(9999, 1, 1),
    date(2023, 2, 28),
    datetime(2016, 1, 1),  # noqa: DTZ001 - a naive datetime is the adversarial value
    # containers
    None,
    [],
    {},
    [None],
    ["remote"],
    [{}],
    {"start": "2012-01-01", "end": "2011-01-01"},
    _DEEP_LIST,
    _DEEP_DICT,
    b"bytes",
)


def _fresh(value: object) -> object:
    """A copy of a mutable adversarial value: mutations must not change ``ADVERSARIAL``."""
    if value is _DEEP_LIST:
        return _nested(10_000)
    if value is _DEEP_DICT:
        return _nested(10_000, as_dict=True)
    return copy.deepcopy(value) if isinstance(value, list | dict) else value


_VALUES = st.sampled_from(ADVERSARIAL).map(_fresh)

# --------------------------------------------------------------------------------------
# Mutations of JSON-safe documents
# --------------------------------------------------------------------------------------

Path = tuple[object, ...]


def _paths(doc: object) -> list[Path]:
    """Every path of ``doc`` (the root included), without recursion."""
    found: list[Path] = []
    stack: list[tuple[Path, object]] = [((), doc)]
    while stack:
        path, value = stack.pop()
        found.append(path)
        if isinstance(value, dict) and len(path) < 12:
            stack.extend(((*path, key), item) for key, item in value.items())
        elif isinstance(value, list) and len(path) < 12:
            stack.extend(((*path, i), item) for i, item in enumerate(value[:50]))
    return found


def _get(doc: Any, path: Path) -> Any:
    for key in path:
        doc = doc[key]
    return doc


MUTATIONS = ("replace", "replace", "replace", "delete", "add_key", "wrap", "duplicate")


@st.composite
def mutated(draw: st.DrawFn, docs: st.SearchStrategy[Any], max_mutations: int = 3) -> Any:
    """A document from ``docs`` with 0 to ``max_mutations`` mutations."""
    doc = copy.deepcopy(draw(docs))
    for _ in range(draw(st.integers(0, max_mutations))):
        path = draw(st.sampled_from(_paths(doc)))
        kind = draw(st.sampled_from(MUTATIONS))
        if path:
            _mutate(draw, _get(doc, path[:-1]), path[-1], kind)
        elif kind == "replace":
            doc = draw(_VALUES)
        elif kind == "wrap":
            doc = [doc]
    return doc


def _mutate(draw: st.DrawFn, parent: Any, key: Any, kind: str) -> None:
    """Mutate ``parent[key]`` in place."""
    if kind == "replace":
        parent[key] = draw(_VALUES | _JSON)
    elif kind == "delete":
        del parent[key]
    elif kind == "add_key" and isinstance(parent[key], dict):
        name = draw(st.sampled_from(("extra", "", "ID", "kind", "__class__")))
        parent[key][name] = draw(_VALUES)
    elif kind == "wrap":
        parent[key] = [parent[key]]
    elif kind == "duplicate" and isinstance(parent, list):
        parent.append(parent[key])  # the same object twice (a copy could be 10,000 deep)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(("2016-01-01", "360", "remote", "male")),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
"""Random JSON values, floats (NaN and infinities) included."""

# --------------------------------------------------------------------------------------
# Valid documents to mutate
# --------------------------------------------------------------------------------------

_CATALOGUE_DOCS = tuple(policy.to_dict(policy.get(pid)) for pid in s.CATALOGUE_POLICY_IDS)
_POLICY_DOCS = st.sampled_from(_CATALOGUE_DOCS) | s.policies().map(policy.to_dict)

_INPUT_CLASSES: dict[str, tuple[type[Any], st.SearchStrategy[Any]]] = {
    "teacher": (tr.Teacher, s.teachers()),
    "record": (tr.TrainingRecord, s.training_records()),
    "course": (tr.CourseResult, s.course_results()),
    "sitting": (tr.ExamSitting, s.exam_sittings()),
    "written_work": (tr.WrittenWork, s.written_works()),
    "assessment": (tr.Assessment, s.assessments()),
    "outcome": (
        tr.Outcome,
        st.builds(tr.Outcome, scheme=s.ids("S"), start=s.dates(), passed=st.booleans()),
    ),
}


@st.composite
def _input_docs(draw: st.DrawFn) -> tuple[str, Any]:
    name = draw(st.sampled_from(sorted(_INPUT_CLASSES)))
    _, values = _INPUT_CLASSES[name]
    doc = draw(st.one_of(values.map(lambda value: value.to_dict()), _JSON))
    return name, doc


@st.composite
def _mutated_inputs(draw: st.DrawFn) -> tuple[str, Any]:
    name, doc = draw(_input_docs())
    return name, draw(mutated(st.just(doc)))


@st.composite
def _request_docs(draw: st.DrawFn) -> dict[str, Any]:
    case = draw(s.evaluation_cases())
    named = case.policy.id in policy.DEFAULT or "~" in case.policy.id
    doc: dict[str, Any] = {
        "policy": case.policy.id if named else policy.to_dict(case.policy),
        "teacher": case.teacher.to_dict(),
        "records": [record.to_dict() for record in case.records],
        "as_of": draw(st.sampled_from(_EDGE_AS_OF) | st.just(case.as_of)).isoformat(),
    }
    if bool(case.outcomes) or draw(st.booleans()):
        doc["outcomes"] = [outcome.to_dict() for outcome in case.outcomes]
    if case.assessment is not None:
        doc["assessment"] = case.assessment.to_dict()
    if draw(st.booleans()):
        doc["form"] = draw(st.sampled_from(("full", "summary")))
    return doc


_EDGE_AS_OF = (
    date(1, 1, 1),
    date(1, 12, 31),
    date(1900, 1, 1),
    date(2016, 3, 1),
    date(2216, 1, 1),
    date(9990, 1, 1),
    date(9995, 12, 31),
    date(9998, 12, 31),
    date(9999, 1, 1),
    date(9999, 8, 31),
    date(9999, 9, 1),
    date(9999, 12, 31),
)
"""Evaluation dates at the ends of what a ``date`` holds, and 200 years on (§3)."""
_AS_OF = date(2016, 3, 1)

# --------------------------------------------------------------------------------------
# Runs: one drawn value in, "ok" or a typed error's code out
# --------------------------------------------------------------------------------------


def _bounded(started: float, size: int) -> None:
    """Raise ``Slow`` if the run took longer than its input's size allows."""
    elapsed = time.perf_counter() - started
    allowed = 30.0 + size / 200  # seconds: generous on a loaded machine, linear in size
    if elapsed > allowed:
        msg = f"took {elapsed:.1f} s for an input of size {size} (allowed {allowed:.1f} s)"
        raise SlowInputError(msg)


def _size(doc: object) -> int:
    """Items in ``doc`` (lists and dicts), at most the first 100,000 counted."""
    count = 0
    stack = [doc]
    while stack and count < 100_000:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return count


def _code(error: TrainingRulesError) -> str:
    """The error's code; for ``InputErrors``, its first error's."""
    return error.errors[0].code if isinstance(error, tr.InputErrors) else error.code


def _typed(action: Callable[[], object]) -> str:
    try:
        action()
    except TrainingRulesError as error:
        return _code(error)
    return "ok"


def _full_and_summary(evaluation: tr.Evaluation) -> None:
    evaluation.to_dict()
    evaluation.to_dict(form="summary")


def run_policy(case: tuple[Any, date]) -> str:
    """``policy.from_dict``; a policy it accepts must evaluate or raise a typed error."""
    doc, as_of = case
    started = time.perf_counter()
    try:
        loaded = policy.from_dict(doc)
    except TrainingRulesError as error:
        _bounded(started, _size(doc))
        return error.code
    teacher = tr.Teacher(id="T", birth_date=date(1970, 1, 1), sex=tr.Sex.FEMALE)
    record = tr.TrainingRecord(
        id="R", hours=Decimal(120), completed_on=date(2014, 6, 30), category="remote"
    )
    code = _typed(lambda: _full_and_summary(tr.evaluate(loaded, teacher, [record], as_of)))
    _bounded(started, _size(doc))
    return code


def run_input(item: tuple[str, Any]) -> str:
    """An input class's ``from_dict``; what it accepts must read back from ``to_dict``."""
    name, doc = item
    cls, _ = _INPUT_CLASSES[name]
    started = time.perf_counter()
    try:
        value = cls.from_dict(doc)
    except TrainingRulesError as error:
        _bounded(started, _size(doc))
        return _code(error)
    if cls.from_dict(value.to_dict()) != value:
        msg = f"{name}: to_dict then from_dict changed the value"
        raise AssertionError(msg)
    _bounded(started, _size(doc))
    return "ok"


def run_request(doc: Any) -> str:
    """``Request.from_dict``; a request it accepts must evaluate (both forms) without error."""
    started = time.perf_counter()
    try:
        request = tr.Request.from_dict(doc)
    except tr.InputErrors as error:
        _bounded(started, _size(doc))
        return error.errors[0].code
    # What from_dict accepts, evaluate must too (from_dict checks what evaluate checks).
    evaluation = request.evaluate()
    evaluation.to_dict(form=request.form)
    _bounded(started, _size(doc))
    return "ok"


def _fields_of(value: object) -> dict[str, Any]:
    return dict(attrs.asdict(value, recurse=False))  # type: ignore[arg-type]


_CONSTRUCTORS: dict[str, tuple[Callable[..., object], st.SearchStrategy[Any]]] = {
    **{name: (cls, values.map(_fields_of)) for name, (cls, values) in _INPUT_CLASSES.items()},
    "period": (tr.Period, st.just({"start": date(2012, 1, 1), "end": date(2013, 1, 1)})),
    "cycle": (tr.AnchoredCycle, st.just({"anchor": date(2011, 1, 1), "years": 5})),
    "rounding": (Rounding, st.just({"quantum": Decimal("0.5"), "mode": "ROUND_HALF_UP"})),
}


@st.composite
def _constructor_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(_CONSTRUCTORS)))
    _, kwargs_strategy = _CONSTRUCTORS[name]
    kwargs = dict(draw(kwargs_strategy))
    for _ in range(draw(st.integers(1, 3))):
        field = draw(st.sampled_from(sorted(kwargs)))
        kwargs[field] = draw(_VALUES)
    return name, kwargs


_HELPERS: dict[str, Callable[[Any], object]] = {
    "school_year_of": school_year_of,
    "calendar_year_of": calendar_year_of,
    "age": lambda value: age(date(1970, 1, 1), tr.AgeMethod.ON_DATE, value),
    "rounding.apply": lambda value: Rounding(Decimal("0.1")).apply(value),
    "composite": lambda value: composite([value, Decimal(50)], [Decimal("0.5")] * 2),
    "decide_sittings": lambda value: decide_sittings(value, Decimal(60)),
    "school_training_budget": lambda value: tr.school_training_budget(
        policy.get("sn-weinan-2019"),
        value,
    ),
    "policy.get": policy.get,
    "policy.find": lambda value: policy.find(value, date(2016, 1, 1)),
    "policy.find.on": lambda value: policy.find("360100", value),
}


def run_constructor(call: tuple[str, dict[str, Any]]) -> str:
    """A constructor (or a public helper) with adversarial arguments."""
    name, kwargs = call
    started = time.perf_counter()
    if name in _HELPERS:
        code = _typed(lambda: _HELPERS[name](kwargs["value"]))
    else:
        cls, _ = _CONSTRUCTORS[name]
        code = _typed(lambda: cls(**kwargs))
    _bounded(started, 1)
    return code


@st.composite
def _helper_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    return draw(st.sampled_from(sorted(_HELPERS))), {"value": draw(_VALUES)}


@st.composite
def _evaluations(draw: st.DrawFn) -> tuple[Any, ...]:
    """An evaluation case, its date sometimes at the ends of a date, or a bad argument."""
    case = draw(s.evaluation_cases())
    as_of = draw(st.sampled_from(_EDGE_AS_OF) | st.just(case.as_of))
    args: list[Any] = [case.policy, case.teacher, case.records, as_of]
    if draw(st.integers(0, 9)) == 0:  # a wrong argument: a typed error, never a TypeError
        args[draw(st.integers(0, 3))] = draw(_VALUES)
    outcomes: Any = case.outcomes
    if draw(st.integers(0, 4)) == 0:
        scheme = draw(st.sampled_from(case.policy.of_type(policy.PeriodScheme)))
        start = draw(st.sampled_from((date(1, 1, 1), date(9999, 1, 1), date(9999, 12, 31))))
        outcomes = (*outcomes, tr.Outcome(scheme=scheme.id, start=start, passed=False))
    return (*args, case.assessment, outcomes)


def run_evaluate(args: tuple[Any, ...]) -> str:
    """``evaluate`` and both forms of its result."""
    policy_, teacher, records, as_of, assessment, outcomes = args
    started = time.perf_counter()
    code = _typed(
        lambda: _full_and_summary(
            tr.evaluate(policy_, teacher, records, as_of, assessment=assessment, outcomes=outcomes)
        )
    )
    _bounded(started, len(records) if isinstance(records, tuple) else 1)
    return code


@dataclass(frozen=True)
class Target:
    """One fuzz target: what is drawn and what it is fed to."""

    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], str]


TARGETS: tuple[Target, ...] = (
    Target(
        "policy.from_dict",
        st.tuples(mutated(_POLICY_DOCS), st.sampled_from(_EDGE_AS_OF) | st.just(_AS_OF)),
        run_policy,
    ),
    Target("policy.from_dict.random", st.tuples(_JSON | _VALUES, st.just(_AS_OF)), run_policy),
    Target("input.from_dict", _mutated_inputs(), run_input),
    Target("Request.from_dict", mutated(_request_docs()), run_request),
    Target("constructors", _constructor_calls() | _helper_calls(), run_constructor),
    Target("evaluate", _evaluations(), run_evaluate),
)
