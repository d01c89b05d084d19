"""The worked example of docs/new-policy.md: a made-up county policy, checked by hand.

The policy (``docs/examples/example_county_2024.py``) encodes a made-up text, quoted in
full in the module (``TEXT``); it is **not** a real regulation and not in the catalogue.
The cases below are worked by hand from that text:

- 第二条 "每位教师每个周期参加继续教育不少于360学时": 不少于 includes the figure, so 360
  passes and 359.99 fails;
- 第三条 "教师每年参加继续教育不少于48学时": 48 in a year passes, 47.99 fails that year;
- 第四条 "校本研修学时计入周期学时，但不超过周期规定学时的三分之一": one third of 360 is
  exactly 120 school-based hours in a cycle; the 0.01 above it is not counted;
- 第五条 "平时成绩占40%，考试成绩占60%。总成绩60分以上为合格": 以上 includes the number
  (民法典 第一千二百五十九条), so a total of 60 passes and 59.99 fails.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"


def _load(name: str) -> ModuleType:
    """The example module, loaded from its file (docs/examples is not a package on the path)."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example = _load("example_county_2024")
POLICY = example.POLICY
CATALOGUE = policy.DEFAULT.with_policy(POLICY)
TEACHER = tr.Teacher(id="T1", birth_date=date(1985, 4, 1), sex=tr.Sex.FEMALE)
AFTER_CYCLE = date(2029, 1, 1)


def record(rid, hours, on, category="lectures", course=None):
    return tr.TrainingRecord(
        id=rid, hours=Decimal(hours), completed_on=on, category=category, course=course
    )


def yearly(hours_by_year, category="lectures"):
    """One record on 1 June of each year 2024-2028."""
    return [
        record(f"{category}-{year}", hours, date(year, 6, 1), category)
        for year, hours in zip(range(2024, 2029), hours_by_year, strict=True)
    ]


def cycle(ev):
    return ev.period("A2.cycle", date(2024, 1, 1))


def year(ev, y):
    return ev.period("A3.year", date(y, 1, 1))


# 第二条: 360 hours in the cycle, 不少于 includes the figure.


def test_360_hours_in_the_cycle_pass():
    ev = tr.evaluate(POLICY, TEACHER, yearly(["72"] * 5), AFTER_CYCLE)
    assert cycle(ev).counted == Decimal(360)
    assert cycle(ev).status is tr.Status.PASSED
    assert ev.status is tr.Status.IN_PROGRESS  # the 2029 year and the 2029-2033 cycle are open


def test_359_99_hours_in_the_cycle_fail_by_0_01():
    ev = tr.evaluate(POLICY, TEACHER, yearly(["72", "72", "72", "72", "71.99"]), AFTER_CYCLE)
    assert cycle(ev).counted == Decimal("359.99")
    assert cycle(ev).status is tr.Status.FAILED
    assert cycle(ev).requirements[0].missing == Decimal("0.01")
    assert year(ev, 2028).status is tr.Status.PASSED  # 71.99 >= 48
    assert ev.status is tr.Status.FAILED
    assert cycle(ev).findings[0].citation.clause == "第二条"


def test_an_open_cycle_says_what_is_missing_and_by_when():
    ev = tr.evaluate(
        POLICY, TEACHER, yearly(["72", "72", "72", "72", "71.99"])[:2], date(2026, 3, 1)
    )
    assert [(s.rule_id, s.hours, s.due) for s in ev.shortfall] == [
        ("A2.hours", Decimal(216), date(2028, 12, 31)),
        ("A3.hours", Decimal(48), date(2026, 12, 31)),
    ]


# 第三条: 48 hours each year.


def test_48_hours_in_a_year_pass_and_47_99_fail_that_year():
    ev = tr.evaluate(POLICY, TEACHER, yearly(["72", "47.99", "72", "72", "96.01"]), AFTER_CYCLE)
    assert year(ev, 2024).status is tr.Status.PASSED
    assert year(ev, 2025).counted == Decimal("47.99")
    assert year(ev, 2025).status is tr.Status.FAILED
    assert year(ev, 2025).requirements[0].missing == Decimal("0.01")
    assert cycle(ev).counted == Decimal(360)
    assert cycle(ev).status is tr.Status.PASSED  # the cycle is met; the year is not
    assert ev.status is tr.Status.FAILED

    exactly = tr.evaluate(POLICY, TEACHER, yearly(["72", "48", "72", "72", "96"]), AFTER_CYCLE)
    assert year(exactly, 2025).status is tr.Status.PASSED


def test_a_year_with_no_training_fails_even_when_the_cycle_is_met():
    ev = tr.evaluate(POLICY, TEACHER, yearly(["120", "0", "120", "60", "60"]), AFTER_CYCLE)
    assert cycle(ev).status is tr.Status.PASSED
    assert year(ev, 2025).status is tr.Status.FAILED


# 第四条: school-based training counts for at most a third of the 360: 120 hours.


def test_school_based_hours_count_up_to_exactly_a_third():
    records = yearly(["24"] * 5, "school_based") + yearly(["48"] * 5)
    ev = tr.evaluate(POLICY, TEACHER, records, AFTER_CYCLE)
    assert dict(cycle(ev).by_bucket) == {"school_based": Decimal(120), "training": Decimal(240)}
    assert cycle(ev).status is tr.Status.PASSED
    assert all(not entry.over_cap for entry in ev.ledger)


def test_school_based_hours_above_a_third_do_not_count():
    records = yearly(["24", "24", "24", "24", "24.01"], "school_based") + yearly(
        ["48", "48", "48", "48", "47.99"]
    )
    ev = tr.evaluate(POLICY, TEACHER, records, AFTER_CYCLE)
    assert dict(cycle(ev).by_bucket) == {
        "school_based": Decimal(120),
        "training": Decimal("239.99"),
    }
    assert cycle(ev).status is tr.Status.FAILED
    (over,) = ev.entry("school_based-2028").over_cap
    assert over.amount == Decimal("0.01")
    assert over.rule_id == "A2.hours"
    assert over.finding.citation is not None
    assert over.finding.citation.clause == "第四条"
    # the cap is on the cycle (第四条 "计入周期学时"); the year counts all 72 hours
    assert year(ev, 2028).counted == Decimal(72)
    assert year(ev, 2028).status is tr.Status.PASSED
    # at the cap, school-based hours no longer help: the shortfall names the other bucket
    open_ev = tr.evaluate(POLICY, TEACHER, records, date(2028, 12, 1))
    assert [(s.rule_id, s.buckets) for s in open_ev.shortfall] == [("A2.hours", ("training",))]


def test_the_school_based_rule_wins_over_the_catch_all_whatever_the_order():
    shuffled = attrs.evolve(POLICY, rules=tuple(reversed(POLICY.rules)))
    records = yearly(["30"] * 5, "school_based")
    for p in (POLICY, shuffled):
        ev = tr.evaluate(p, TEACHER, records, AFTER_CYCLE)
        assert {e.rule_id for e in ev.ledger} == {"A4.school_based"}
        assert dict(cycle(ev).by_bucket) == {"school_based": Decimal(120)}


# 第五条: total = 40 % coursework + 60 % exam, 60分以上 passes (以上 includes 60).


def course_ev(coursework, final):
    course = tr.CourseResult(coursework_score=Decimal(coursework), final_score=Decimal(final))
    rec = record("C1", "48", date(2024, 6, 1), course=course)
    return tr.evaluate(POLICY, TEACHER, [rec], date(2025, 1, 1))


def test_a_weighted_total_of_exactly_60_passes_the_course():
    ev = course_ev("75", "50")  # 0.4 × 75 + 0.6 × 50 = 30 + 30
    (outcome,) = ev.courses
    assert outcome.composite == Decimal(60)
    assert outcome.passed
    assert ev.entry("C1").counted
    assert year(ev, 2024).status is tr.Status.PASSED


def test_a_weighted_total_of_59_99_fails_and_the_hours_do_not_count():
    ev = course_ev("59.99", "59.99")  # 0.4 × 59.99 + 0.6 × 59.99 = 59.99
    (outcome,) = ev.courses
    assert outcome.composite == Decimal("59.99")
    assert not outcome.passed
    assert ev.entry("C1").reason is tr.Exclusion.COURSE_NOT_PASSED
    assert year(ev, 2024).counted == 0
    assert year(ev, 2024).status is tr.Status.FAILED


def test_coursework_weighs_40_and_the_exam_60():
    assert course_ev("100", "0").courses[0].composite == Decimal(40)
    assert course_ev("0", "100").courses[0].composite == Decimal(60)


def test_no_prerequisites_a_course_without_hours_reported_may_sit_its_final():
    assert POLICY.rule("A5.course").prerequisites == frozenset()
    assert course_ev("75", "50").courses[0].may_sit_final


# Registration: get, find, variants.


def test_get_and_find_in_the_new_catalogue():
    assert CATALOGUE.get("example-county-2024") is POLICY
    assert CATALOGUE.find("330782", date(2024, 6, 1)) is POLICY
    assert CATALOGUE.find("330782", date(2023, 12, 31)).id == "cn-2011"  # not yet in force
    assert CATALOGUE.find("330783", date(2024, 6, 1)).id == "cn-2011"  # a neighbour: national
    assert "example-county-2024" not in policy.DEFAULT
    assert policy.DEFAULT.find("330782", date(2024, 6, 1)).id == "cn-2011"


def test_the_school_year_variant():
    variant = CATALOGUE.get("example-county-2024~A3.year")
    assert variant.parent == "example-county-2024"
    assert variant is CATALOGUE.get("example-county-2024~A3.year")
    ev = tr.evaluate(variant, TEACHER, yearly(["72"] * 5), AFTER_CYCLE)
    years = [p.period.label for p in ev.periods if p.scheme == "A3.year"]
    assert years[:2] == ["2024–2025", "2025–2026"]
    # the record of 1 June 2024 falls before the first school year: the cycle counts it only
    assert ev.entry("lectures-2024").periods == ("A2.cycle 2024–2028",)
    assert variant.alternative("A3.year").rules == POLICY.rules


def test_every_variant_named_in_the_module_docstring_exists():
    doc = example.__doc__
    assert doc is not None
    for note in POLICY.interpretations:
        assert f'"example-county-2024~{note.id}"' in doc
        assert CATALOGUE.get(f"example-county-2024~{note.id}").parent == POLICY.id


# The policy as data.


def test_the_json_file_is_the_same_policy():
    data = json.loads((EXAMPLES / "example_county_2024.json").read_text(encoding="utf-8"))
    assert policy.from_dict(data) == POLICY


def test_to_dict_round_trips():
    assert policy.from_dict(json.loads(json.dumps(policy.to_dict(POLICY)))) == POLICY


def test_a_float_figure_is_refused_in_json():
    data = json.loads((EXAMPLES / "example_county_2024.json").read_text(encoding="utf-8"))
    data["rules"][4]["minimum"] = 360.0
    with pytest.raises(tr.PolicyDataError) as caught:
        policy.from_dict(data)
    assert (caught.value.code, caught.value.path) == ("policy.float", "rules[4].minimum")


def test_every_quote_is_verbatim_from_the_made_up_text():
    quotes = [rule.citation.quote for rule in POLICY.rules]
    quotes += [cap.citation.quote for rule in POLICY.rules for cap in getattr(rule, "caps", ())]
    text = example.TEXT.replace("\n", "")
    assert all(quotes)
    for quote in quotes:
        assert quote in text, quote


def test_the_page_builds_the_same_policy():
    """The executed examples of docs/new-policy.md build ``POLICY``, rule for rule."""
    page = (ROOT / "docs" / "new-policy.md").read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(page, {}, "new-policy.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=lambda _: None, clear_globs=False)
    assert result.failed == 0
    assert test.globs["example"] == POLICY


# A property: the cycle counts min(school-based, 120) + the rest, and passes at 360.

hundredths = st.integers(min_value=0, max_value=40_000).map(lambda n: Decimal(n) / 100)


@given(school_based=hundredths, other=hundredths)
def test_the_cycle_counts_school_based_hours_up_to_120(school_based, other):
    records = [
        record("S", school_based, date(2026, 3, 1), "school_based"),
        record("O", other, date(2026, 3, 2)),
    ]
    ev = tr.evaluate(POLICY, TEACHER, records, AFTER_CYCLE)
    expected = min(school_based, Decimal(120)) + other
    assert cycle(ev).counted == expected
    assert (cycle(ev).status is tr.Status.PASSED) == (expected >= 360)
    assert year(ev, 2026).counted == school_based + other
