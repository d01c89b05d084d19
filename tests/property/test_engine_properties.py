"""Laws of the evaluation engine (``trainingrules.evaluate``), over generated inputs.

The inputs come from ``strategies.evaluation_cases``: a catalogue policy, one of its
variants or a generated policy, a teacher, records drawn from what that policy counts
and from what it does not, a day around the policy's period boundaries, an assessment
and outcomes decided elsewhere. Expectations are computed here from the inputs and the
policy's rules (which records a count rule selects, at which ratio), never copied from
a run of the library.
"""

import collections
import copy
import json
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    EvaluationCase,
    catalogue_policies,
    counted_records_for,
    engine_policies,
    evaluation_cases,
    policy_dates,
    records_for,
)

from trainingrules import (
    DecisionOutcome,
    InvalidInputError,
    Status,
)
from trainingrules.policy import (
    CountRule,
    CourseGrading,
    CreditStateRule,
    HoursRequirement,
    ServiceRule,
    from_dict,
    to_dict,
)
from trainingrules.scoring import grade_course

ZERO = Decimal(0)
# Determinism and immutability are not found by searching: fewer examples suffice there.
FEW = settings(max_examples=100)
EXCLUSION_REASONS = {
    "after_as_of",
    "credit_state",
    "not_recognised",
    "course_not_passed",
    "outside_periods",
}


# --- what the policy's rules say, computed here ----------------------------------------


def selects(selector, record):
    """A ``Selector`` picks a record when every non-empty set names the record's value."""
    return (
        (not selector.categories or record.category in selector.categories)
        and (not selector.programmes or record.programme in selector.programmes)
        and (not selector.provider_levels or record.provider_level in selector.provider_levels)
    )


def _inside(one, other):
    """Every record ``one`` selects, ``other`` selects too (an empty set is "any")."""
    pairs = (
        (one.categories, other.categories),
        (one.programmes, other.programmes),
        (one.provider_levels, other.provider_levels),
    )
    return all(not theirs or (mine and mine <= theirs) for mine, theirs in pairs)


def count_rule_for(policy, record):
    """The count rule that counts ``record``: of those selecting it, the narrowest.

    CountRule: "the one with the narrowest selector decides", whatever the rule order.
    """
    matching = [r for r in policy.of_type(CountRule) if selects(r.selector, record)]
    return next(
        (r for r in matching if all(_inside(r.selector, o.selector) for o in matching)), None
    )


def credit_accepted(policy, record):
    """X1: only credits in the states the policy names count (any state if it names none)."""
    rules = policy.of_type(CreditStateRule)
    return not rules or record.credit_state in rules[0].states


def course_passed(policy, record):
    """H4-H6: a record carrying a course counts only if the course passes (if graded)."""
    grading = policy.of_type(CourseGrading)
    if not grading or record.course is None:
        return True
    g = grading[0]
    return grade_course(
        record.course, g.weights, g.pass_mark, g.rounding, prerequisites=g.prerequisites
    ).passed


def scheme_buckets(policy, scheme_id):
    """The buckets a scheme's periods count: those its requirements count (all if one of
    them names none, or if it has no hours requirement)."""
    requirements = [r for r in policy.of_type(HoursRequirement) if r.scheme == scheme_id]
    if not requirements or any(not r.buckets for r in requirements):
        return None
    return frozenset().union(*(r.buckets for r in requirements))


def takes(policy, period_result, record, bucket):
    """Whether a measured period counts a record of ``bucket`` completed on its day."""
    wanted = scheme_buckets(policy, period_result.scheme)
    return record.completed_on in period_result.period and (wanted is None or bucket in wanted)


def key(period_result):
    """A period across evaluations: its scheme and first day."""
    return (period_result.scheme, period_result.period.start)


def ledger_label(period_result):
    """How a ledger entry names the period it counts in: ``"J1.cycle 2011–2015"``."""
    return f"{period_result.scheme} {period_result.period.label}"


def as_json(value):
    return json.dumps(attrs.asdict(value), sort_keys=True, ensure_ascii=False, default=str)


def order_free(ev):
    """``ev.to_dict()`` with the parts that follow input order keyed instead of listed."""
    data = ev.to_dict()
    ledger = {entry["record_id"]: entry for entry in data["ledger"]}
    courses = {course["record_id"]: course for course in data["courses"]}
    decisions = {(d["kind"], d["subject"]): d for d in data["eligibility"]}
    assert len(ledger) == len(data["ledger"])
    assert len(courses) == len(data["courses"])
    assert len(decisions) == len(data["eligibility"])
    rest = {k: v for k, v in data.items() if k not in ("ledger", "courses", "eligibility")}
    findings = collections.Counter(as_json(f) for f in ev.findings)
    return rest, ledger, courses, decisions, findings


def countable(policy):
    """Some record can count: a count rule exists and some credit state is accepted."""
    states = policy.of_type(CreditStateRule)
    return bool(policy.of_type(CountRule)) and (not states or bool(states[0].states))


# --- the laws ------------------------------------------------------------------------------


class TestRecordOrderNeverMatters:
    """DESIGN.md, Properties worth having: "record order never matters".

    ``evaluate``'s contract: "records: every training record of the teacher, in any
    order". The ledger, the courses and the sit-final decisions list records in input
    order, so they are compared keyed by record id; everything else must be identical.
    """

    @given(evaluation_cases(), st.data())
    def test_a_permutation_of_the_records_gives_the_same_result(self, case, data):
        shuffled = data.draw(st.permutations(case.records))
        assert order_free(case.run(records=shuffled)) == order_free(case.run())


class TestDuplicateRecordIdIsAnError:
    """DESIGN.md principle 6: "Invalid data (negative hours, a score above 100, an end
    before a start, a duplicate record id, an unknown policy id) raises a
    ``TrainingRulesError`` subclass with a stable ``code`` and the field path."

    Properties worth having: "a duplicate record id is an error". The path names the
    record whose id was already taken: ``records[j].id``.
    """

    @given(evaluation_cases(catalogue_policies(), max_records=0), st.data())
    def test_a_repeated_id_is_input_duplicate_at_the_later_record(self, case, data):
        records = data.draw(records_for(case.policy, min_size=1), label="records")
        i = data.draw(st.integers(0, len(records) - 1), label="i")
        j = data.draw(st.integers(i + 1, len(records)), label="j")
        # the very same record again, or another record that reuses its id
        others = st.sampled_from(records) | records_for(case.policy, min_size=1, max_size=1).map(
            lambda drawn: drawn[0]
        )
        twin = attrs.evolve(data.draw(others, label="twin"), id=records[i].id)
        with_twin = [*records[:j], twin, *records[j:]]
        with pytest.raises(InvalidInputError) as caught:
            case.run(records=with_twin)
        assert caught.value.code == "input.duplicate"
        assert caught.value.path == f"records[{j}].id"
        assert isinstance(caught.value, ValueError)


class TestAddingACountedRecord:
    """DESIGN.md, Properties worth having: "adding a valid counted record never lowers
    counted hours nor turns PASSED into FAILED".

    The record added matches one of the policy's count rules, lies inside a measured
    period whose scheme counts its bucket, was completed on or before ``as_of``, has
    verified credit (X1: "学分的登记、审核与验证") and carries no course. It raises the
    counted hours of exactly the periods that take it, by its hours converted by the
    narrowest count rule that selects it, less what a cap leaves out, and leaves every
    other period alone.
    """

    @given(evaluation_cases(engine_policies().filter(countable)), st.data())
    def test_a_counted_record_only_adds_its_credited_hours(self, case, data):
        p, before = case.policy, case.run()
        started = [x for x in before.periods if x.period.start <= case.as_of]
        if started:
            chosen = data.draw(st.sampled_from(started), label="period")
            wanted = scheme_buckets(p, chosen.scheme)
            last = min(chosen.period.last_day, case.as_of)
            days = st.sampled_from([chosen.period.start, last]) | st.dates(
                chosen.period.start, last
            )
        else:  # nothing measured has started: the record changes no period
            wanted = None
            days = policy_dates(p).map(lambda d: min(d, case.as_of))
        new = data.draw(counted_records_for(p, days, buckets=wanted), label="new record")
        at = data.draw(st.integers(0, len(case.records)), label="inserted at")
        after = case.run(records=[*case.records[:at], new, *case.records[at:]])

        rule = count_rule_for(p, new)
        assert rule is not None
        credited = rule.credit(new.hours)
        entry = next(e for e in after.ledger if e.record_id == new.id)
        inside = [x for x in before.periods if takes(p, x, new, rule.bucket)]
        assert entry.counted == bool(inside)
        if started and (wanted is None or rule.bucket in wanted):
            assert inside  # drawn inside a started period whose scheme counts its bucket

        assert [key(x) for x in after.periods] == [key(x) for x in before.periods]

        def over(ev, period):
            label = ledger_label(period)
            return sum((o.amount for e in ev.ledger for o in e.over_cap if o.period == label), ZERO)

        for old, now in zip(before.periods, after.periods, strict=True):
            # what a cap leaves out (a capped bucket gains at most the room left in it)
            left_out = over(after, now) - over(before, old)
            gained = (credited if takes(p, old, new, rule.bucket) else ZERO) - left_out
            assert now.counted == old.counted + gained
            assert now.counted >= old.counted
            if old.status is Status.PASSED:
                # every minimum met stays met; the conditions do not depend on records
                assert now.status is Status.PASSED
            buckets_before = dict(old.by_bucket)
            for bucket, hours in now.by_bucket:
                extra = gained if bucket == rule.bucket else ZERO
                assert hours == buckets_before.get(bucket, ZERO) + extra


class TestLedgerAccountsForEveryRecord:
    """DESIGN.md principle 6: "Valid data that a policy does not count (outside the cycle,
    unverified credit, a category the policy does not know) is not an error: it is kept
    in the result as *excluded*, with the reason."

    ``Evaluation.ledger``: "Every input record exactly once, counted or excluded, by
    date then id" (the canonical order, whatever the input order). A counted record is
    credited its hours times its count rule's ratio (J3 "实行学分冲抵": an offset at a stated
    ratio) in the periods containing its day whose scheme counts its bucket (H2 counts
    remote hours only, "每年远程培训学时"); an excluded one is credited 0 and its reason holds.
    A period's counted hours are the sum of what the ledger credits to it.
    """

    @given(evaluation_cases())
    def test_every_record_once_counted_or_excluded_and_periods_add_up(self, case):
        p, ev = case.policy, case.run()
        ordered = sorted(case.records, key=lambda r: (r.completed_on, r.id))
        assert [e.record_id for e in ev.ledger] == [r.id for r in ordered]
        for record, entry in zip(ordered, ev.ledger, strict=True):
            assert entry.hours == record.hours
            rule = count_rule_for(p, record)
            containing = [x for x in ev.periods if rule and takes(p, x, record, rule.bucket)]
            should_count = (
                record.completed_on <= case.as_of
                and credit_accepted(p, record)
                and rule is not None
                and course_passed(p, record)
                and bool(containing)
            )
            assert entry.counted == should_count
            if entry.counted:
                assert (entry.rule_id, entry.bucket, entry.reason) == (rule.id, rule.bucket, None)
                assert entry.credited == record.hours * rule.ratio
                assert sorted(entry.periods) == sorted(ledger_label(x) for x in containing)
                assert entry.finding.citation == rule.citation
                continue
            assert entry.credited == ZERO
            assert entry.bucket is None
            assert entry.periods == ()
            assert entry.reason in EXCLUSION_REASONS
            reason_holds = {
                "after_as_of": record.completed_on > case.as_of,
                "credit_state": not credit_accepted(p, record),
                "not_recognised": rule is None,
                "course_not_passed": not course_passed(p, record),
                "outside_periods": not containing,
            }
            assert reason_holds[entry.reason], entry.reason
            if entry.rule_id:
                assert entry.finding.citation == p.rule(entry.rule_id).citation
        # a period counts what the ledger credits to it, less what a cap leaves out
        for period in ev.periods:
            label = ledger_label(period)
            credited = sum((e.credited for e in ev.ledger if label in e.periods), ZERO)
            over = sum((o.amount for e in ev.ledger for o in e.over_cap if o.period == label), ZERO)
            assert credited - over == period.counted


class TestHoursByBucketSumToTheTotal:
    """DESIGN.md, Properties worth having: "per-category hours sum to the total".

    ``PeriodResult.by_bucket``: "(bucket, hours) pairs, sorted; they sum to counted".
    A requirement over some buckets (F2: "班主任课程30学时为必修", network 48/36, local
    course 24) counts exactly those buckets' hours; one naming none counts them all.
    """

    @given(evaluation_cases())
    def test_buckets_sum_to_counted_match_the_ledger_and_feed_requirements(self, case):
        ev = case.run()
        for period in ev.periods:
            names = [bucket for bucket, _ in period.by_bucket]
            assert names == sorted(set(names))
            # a scheme's periods hold only the buckets its requirements count (H2: a
            # year of remote hours holds no other in-service hours)
            wanted = scheme_buckets(case.policy, period.scheme)
            assert wanted is None or set(names) <= wanted
            assert sum((hours for _, hours in period.by_bucket), ZERO) == period.counted
            label = ledger_label(period)
            from_ledger: dict[str, Decimal] = collections.defaultdict(lambda: ZERO)
            for entry in ev.ledger:
                if label in entry.periods:
                    # what a cap leaves out of this period is not counted in it
                    over = sum((o.amount for o in entry.over_cap if o.period == label), ZERO)
                    from_ledger[entry.bucket] += entry.credited - over
            assert dict(period.by_bucket) == dict(from_ledger)
            # each requirement counts its buckets against its figure for the title
            buckets = dict(period.by_bucket)
            for result in period.requirements:
                rule = case.policy.rule(result.rule_id)
                assert isinstance(rule, HoursRequirement)
                assert rule.scheme == period.scheme
                wanted = rule.buckets or buckets.keys()
                counted = sum((buckets.get(b, ZERO) for b in wanted), ZERO)
                assert result.counted == counted
                assert result.required == rule.minimum.of(case.teacher.title)
                if result.required is None:
                    assert result.met
                    continue
                # e.g. 359.5 counted of 360 required: missing 0.5, not met
                assert result.missing == max(result.required - counted, ZERO)
                # met: the total, every part (after covers) and the activity, if any
                activity = rule.including
                assert result.met == (
                    counted >= result.required
                    and all(part.missing == ZERO for part in result.parts)
                    and (activity is None or (result.activity or ZERO) >= activity.minimum)
                )


class TestALaterDayNeverUnpasses:
    """N1: "对教师进行五年一周期的每人不少于360学时的全员培训"; F4 (六, 附件一 五.1):
    reaching the planned hours "即为合格".

    DESIGN.md: ``as_of`` is always an argument; records completed after it are not
    counted yet. Hours once reached stay reached and a passed exam stays passed, so a
    period PASSED on one day is PASSED on every later day (compared by scheme and
    first day).
    """

    @given(evaluation_cases(), st.data())
    def test_a_passed_period_stays_passed(self, case, data):
        # the next day (a period's last day, then the day after it ends) or any other
        other = data.draw(
            st.just(case.as_of + timedelta(days=1)) | policy_dates(case.policy), label="other day"
        )
        early, late = sorted((case.as_of, other))
        later = {key(p): p for p in case.run(as_of=late).periods}
        for period in case.run(as_of=early).periods:
            if period.status is Status.PASSED:
                assert later[key(period)].status is Status.PASSED
                assert later[key(period)].counted >= period.counted


def explained(finding):
    """A finding that gives its rule's clause and renders in Chinese and English."""
    return (
        finding.citation is not None
        and bool(finding.citation.clause.strip())
        and bool(finding.citation.document.strip())
        and bool(finding.zh.strip())
        and bool(finding.en.strip())
    )


class TestFailuresAreExplainedAndCited:
    """DESIGN.md, Properties worth having: "every FAILED period has a finding with a
    citation"; principle 4: "Every decision in a result is a ``Finding`` that names the
    rule and its citation and renders in Chinese and English."

    A negative decision (ineligible; remedial training required, J4/F9) has its reasons
    too, and every finding that names a rule carries that rule's citation and the
    interpretations it depends on: its own and its period scheme's (e.g. ``J2.age`` on
    ``J2+J4.remedial``, ``N1.cycle`` on ``N1.hours``).
    """

    @given(evaluation_cases())
    def test_every_failed_period_has_a_cited_reason(self, case):
        ev = case.run()
        for period in ev.periods:
            if period.status is not Status.FAILED:
                continue
            assert any(explained(f) for f in period.findings)
            failed_conditions = [c for c in period.conditions if c.status is Status.FAILED]
            ended = case.as_of >= period.period.end
            unmet = [r for r in period.requirements if not r.met]
            # failed for good (F7 absence, F5 written work, F6 exam) or over and short
            assert failed_conditions or (ended and unmet)
            for condition in failed_conditions:
                assert condition.findings
                assert all(explained(f) for f in condition.findings)
                cited = case.policy.rule(condition.rule_id).citation
                assert all(f.citation == cited for f in condition.findings)
            if ended:
                # the total, a part (after covers) or the single activity is short
                codes = ("hours.short", "hours.part_short", "hours.activity_short")
                short = {f.rule_id for f in period.findings if f.code in codes}
                assert short == {r.rule_id for r in unmet}

    @given(evaluation_cases())
    def test_every_negative_decision_has_a_reason(self, case):
        ev = case.run()
        for decision in ev.eligibility:
            if decision.outcome is DecisionOutcome.INELIGIBLE:
                assert decision.findings
                assert any(explained(f) for f in decision.findings)
        for result in ev.remedial:
            if result.required:
                assert result.failed_periods
                assert any(f.code == "remedial.required" and explained(f) for f in result.findings)
            if result.failed_periods and not result.in_scope:
                assert any(
                    f.code == "remedial.out_of_scope" and explained(f) for f in result.findings
                )

    @given(evaluation_cases())
    def test_a_finding_naming_a_rule_carries_its_citation_and_notes(self, case):
        p, ev = case.policy, case.run()
        for finding in ev.findings:
            assert finding.zh.strip()
            assert finding.en.strip()
            if not finding.rule_id:
                assert finding.citation is None
                continue
            rule = p.rule(finding.rule_id)
            # a cap or an activity of a requirement cites its own clause
            inner = [c.citation for c in getattr(rule, "caps", ())]
            if getattr(rule, "including", None) is not None:
                inner.append(rule.including.citation)
            # a course grading's prerequisites cite the clause stating them (H4: 三.2)
            if getattr(rule, "prerequisites_citation", None) is not None:
                inner.append(rule.prerequisites_citation)
            assert finding.citation == rule.citation or finding.citation in inner
            # its own notes, those of the scheme it measures or is triggered by
            # (N1.cycle's start changes every N1.hours finding), and for a requirement
            # those of the service rule prorating it (N1.service)
            scheme = getattr(rule, "scheme", None) or getattr(rule, "trigger", None)
            service = (
                {r.id for r in p.of_type(ServiceRule)}
                if isinstance(rule, HoursRequirement)
                else set()
            )
            notes = {
                note.id
                for note in p.interpretations
                if rule.id in note.rules
                or (scheme is not None and scheme in note.rules)
                or service & set(note.rules)
            }
            assert set(finding.interpretations) == notes
            assert len(finding.interpretations) == len(notes)


class TestResultsAreDeterministicAndJsonSafe:
    """DESIGN.md: provincial systems need "JSON-safe inputs and outputs, ... deterministic
    results"; principle 1: "Pure core ... keep no mutable global state, use no
    randomness."

    Two evaluations of equal inputs give equal ``to_dict()``s, whatever is read first
    and whether the policy is the catalogue's object or an equal one loaded from data.
    """

    @FEW
    @given(evaluation_cases(catalogue_policies()))
    def test_to_dict_is_deterministic_and_survives_json(self, case):
        first = case.run().to_dict()
        text = json.dumps(first, ensure_ascii=False, allow_nan=False)
        assert json.loads(text) == first
        # a second evaluation, reading the details in the opposite order first
        again = case.run()
        _ = (again.money, again.eligibility, again.remedial, again.courses, again.ledger)
        assert again.to_dict() == first
        # an equal policy loaded from its JSON data gives the same result
        loaded = from_dict(json.loads(json.dumps(to_dict(case.policy))))
        assert attrs.evolve(case, policy=loaded).run().to_dict() == first


class TestEvaluatingMutatesNothing:
    """DESIGN.md principle 2: "Immutable values. Policies, rules, inputs and results are
    frozen ``attrs`` classes"; principle 1: "Pure core".

    Evaluating leaves the policy, the teacher, the records (and their list), the
    assessment and the outcomes as they were, and the evaluation itself cannot be
    changed: assigning or deleting an attribute raises ``FrozenInstanceError``.
    """

    @FEW
    @given(evaluation_cases(catalogue_policies()))
    def test_inputs_and_policy_are_left_alone(self, case):
        records = list(case.records)
        before = (
            to_dict(case.policy),
            copy.copy(records),
            [attrs.asdict(r) for r in records],
            attrs.asdict(case.teacher),
            None if case.assessment is None else attrs.asdict(case.assessment),
            [attrs.asdict(o) for o in case.outcomes],
        )
        ev = case.run(records=records)
        ev.to_dict()
        _ = ev.findings, ev.shortfall
        after = (
            to_dict(case.policy),
            records,
            [attrs.asdict(r) for r in records],
            attrs.asdict(case.teacher),
            None if case.assessment is None else attrs.asdict(case.assessment),
            [attrs.asdict(o) for o in case.outcomes],
        )
        assert after == before

    @FEW
    @given(evaluation_cases(catalogue_policies(), max_records=4))
    def test_the_evaluation_cannot_be_assigned_to(self, case: EvaluationCase) -> None:
        ev = case.run()
        snapshot = ev.to_dict()
        for name in ("status", "as_of", "teacher", "policy", "periods", "ledger", "note"):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(ev, name, None)
        for period in ev.periods[:1]:
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                period.status = Status.PASSED  # type: ignore[misc]  # refused: frozen
        for entry in ev.ledger[:1]:
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                entry.counted = not entry.counted  # type: ignore[misc]  # refused: frozen
        assert ev.to_dict() == snapshot

    @given(evaluation_cases(catalogue_policies(), max_records=4))
    def test_the_evaluation_cannot_lose_an_attribute(self, case):
        ev = case.run()
        snapshot = ev.to_dict()
        for name in ("status", "as_of", "teacher", "periods"):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(ev, name)
        assert ev.to_dict() == snapshot


def overall(statuses):
    """The overall status as ``Evaluation.status`` documents it, from the periods' statuses:
    FAILED if any period failed; else IN_PROGRESS while any period is open or yet to
    start (NOT_STARTED if none has started); else PASSED; EXEMPT if nothing applies.
    """
    found = set(statuses) - {Status.EXEMPT}
    if Status.FAILED in found:
        return Status.FAILED
    if Status.IN_PROGRESS in found:
        return Status.IN_PROGRESS
    if Status.NOT_STARTED in found:
        return Status.IN_PROGRESS if Status.PASSED in found else Status.NOT_STARTED
    return Status.PASSED if found else Status.EXEMPT


class TestOverallStatus:
    """DESIGN.md, Statuses: "a period is ``PASSED`` (合格), ``FAILED`` (不合格),
    ``IN_PROGRESS`` (not over and not yet met), ``NOT_STARTED``, or ``EXEMPT``."

    The overall status is FAILED if and only if some period is FAILED (F7: an unexcused
    absence makes "the year's result 不合格"; N1/H1/H2: a period that ends short of its
    hours is failed), and otherwise follows ``Evaluation.status``'s documented order.
    """

    @given(evaluation_cases())
    def test_statuses_follow_the_documented_order(self, case):
        ev = case.run()
        some_failed = any(p.status is Status.FAILED for p in ev.periods)
        assert (ev.status is Status.FAILED) == some_failed
        assert ev.status is overall(p.status for p in ev.periods)
        # each period's status from its requirements and conditions
        for period in ev.periods:
            applicable = bool(period.conditions) or any(
                r.required is not None for r in period.requirements
            )
            conditions = {c.status for c in period.conditions}
            met = all(r.met for r in period.requirements)
            if not applicable:
                expected = Status.EXEMPT
            elif case.as_of < period.period.start:
                expected = Status.NOT_STARTED
            elif Status.FAILED in conditions:
                expected = Status.FAILED
            elif met and conditions <= {Status.PASSED}:
                expected = Status.PASSED
            elif case.as_of >= period.period.end:
                expected = Status.FAILED
            else:
                expected = Status.IN_PROGRESS
            assert period.status is expected
