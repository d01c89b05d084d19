"""Laws of exclude rules (``ExcludeRule``), over generated cases.

呼和浩特 规划 二 (H1): "在2004-2008年五年间，每一名教师要接受不少于240学时的在职非学历培训"
— in-service **non-degree** training: degree study never counts, whatever else the
policy counts. An exclude rule states such a kind of training; the engine checks it
before the credit state and the count rules.

The laws: a record an exclude rule selects is in the ledger, excluded as
``ruled_out`` (or ``after_as_of`` if completed after the evaluation date: what is not
known yet comes first), citing that rule, credited nothing; and the evaluation is
otherwise exactly the evaluation of the same policy without that record (the records
it rules out are as if never given). Expectations come from the inputs and the rule's
selector, never from a run of the library on the same inputs.
"""

from datetime import date

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import catalogue_policies, evaluation_cases

import trainingrules as tr
from trainingrules import policy
from trainingrules.policy import ExcludeRule, Selector, Text

HOHHOT = policy.get("nm-hohhot-2006")
RULE = HOHHOT.rule("H1.non_degree")


def _selects(selector, record):
    return (
        (not selector.categories or record.category in selector.categories)
        and (not selector.programmes or record.programme in selector.programmes)
        and (not selector.provider_levels or record.provider_level in selector.provider_levels)
    )


def _periods(ev):
    return [(p.scheme, p.period, p.status, p.counted, p.by_bucket, p.shortfall) for p in ev.periods]


@st.composite
def excluding_cases(draw):
    """A case whose policy has an exclude rule of a category some of its records carry."""
    case = draw(evaluation_cases())
    categories = sorted({r.category for r in case.records}) or ["degree_study"]
    category = draw(st.sampled_from(categories))
    rule = ExcludeRule(
        id="E1.excluded",
        citation=case.policy.rules[0].citation,
        selector=Selector(categories=frozenset({category})),
        reason=Text("该类培训不计学时", "this kind of training earns no hours"),
    )
    ruled = attrs.evolve(case.policy, rules=(*case.policy.rules, rule))
    return attrs.evolve(case, policy=ruled), rule


class TestRuledOutRecordsAreAsIfNeverGiven:
    """H1 (二): "在职非学历培训" — a kind of training an exclude rule names never counts."""

    @settings(max_examples=150)
    @given(excluding_cases())
    def test_excluded_records_are_ruled_out_and_change_nothing_else(self, drawn):
        case, rule = drawn
        ev = case.run()
        kept = [r for r in case.records if not _selects(rule.selector, r)]
        for entry in ev.ledger:
            record = next(r for r in case.records if r.id == entry.record_id)
            if _selects(rule.selector, record):
                assert (entry.counted, entry.credited, entry.bucket, entry.periods) == (
                    False,
                    0,
                    None,
                    (),
                )
                if record.completed_on > case.as_of:
                    assert entry.reason is tr.Exclusion.AFTER_AS_OF
                    continue
                assert entry.reason is tr.Exclusion.RULED_OUT
                assert entry.rule_id == rule.id
                assert entry.finding.citation == rule.citation
                assert entry.finding.code == "record.ruled_out"
            else:
                assert entry.reason is not tr.Exclusion.RULED_OUT
        # The same policy without the records it rules out gives the same periods.
        without = case.run(records=kept)
        assert _periods(ev) == _periods(without)
        kept_ids = {r.id for r in kept}
        assert {e.record_id: e for e in ev.ledger if e.record_id in kept_ids} == {
            e.record_id: e for e in without.ledger
        }


class TestDegreeStudyNeverCountsInHohhot:
    """H1 (二): degree study (category ``degree_study``) never counts under nm-hohhot-2006."""

    @settings(max_examples=100)
    @given(
        evaluation_cases(catalogue_policies().filter(lambda p: p.id.startswith(HOHHOT.id))),
        st.decimals(min_value=0, max_value=1000, places=1),
        st.dates(min_value=date(2003, 1, 1), max_value=date(2009, 12, 31)),
    )
    def test_adding_degree_study_changes_no_period(self, case, hours, day):
        degree = tr.TrainingRecord(
            id="DEGREE", hours=hours, completed_on=day, category="degree_study"
        )
        before = case.run()
        after = case.run(records=[*case.records, degree])
        assert _periods(after) == _periods(before)
        (entry,) = [e for e in after.ledger if e.record_id == "DEGREE"]
        if day > case.as_of:
            assert entry.reason is tr.Exclusion.AFTER_AS_OF
        else:
            assert entry.reason is tr.Exclusion.RULED_OUT
            assert entry.rule_id == RULE.id
