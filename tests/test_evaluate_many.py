"""evaluate_many: the same answers as evaluate, streamed, with errors in the stream."""

from __future__ import annotations

import tracemalloc
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy

AS_OF = date(2016, 3, 1)
P = policy.get("cn-2011")


def _teacher(i, region=""):
    return tr.Teacher(
        id=f"T{i}",
        birth_date=date(1980, 1, 1),
        sex=tr.Sex.FEMALE,
        title=tr.Title.SENIOR,
        region=region,
    )


def _record(rid, hours, day):
    return tr.TrainingRecord(id=rid, hours=hours, completed_on=day, category="remote")


hours = st.sampled_from(["0", "0.01", "12.5", "359.99", "360"])
days = st.dates(date(2010, 6, 1), date(2016, 6, 1))
population = st.lists(st.lists(st.tuples(hours, days), max_size=4), min_size=1, max_size=6)


@settings(max_examples=30, deadline=None)
@given(population)
def test_grouped_and_ungrouped_equal_evaluate(people):
    teachers = [_teacher(i) for i in range(len(people))]
    records = [[_record(f"r{j}", h, d) for j, (h, d) in enumerate(own)] for own in people]
    expected = [tr.evaluate(P, t, rs, AS_OF) for t, rs in zip(teachers, records, strict=True)]
    grouped = list(tr.evaluate_many(P, zip(teachers, records, strict=True), AS_OF))
    flat = [(t.id, r) for t, rs in zip(teachers, records, strict=True) for r in reversed(rs)]
    ungrouped = list(tr.evaluate_many(P, teachers, AS_OF, records=flat))
    for got in (grouped, ungrouped):
        assert [e.teacher_id for e in got] == [t.id for t in teachers]
        assert [e.evaluation for e in got] == expected
        assert all(e.error is None for e in got)


def test_a_bad_teacher_is_in_the_stream_and_the_rest_goes_on():
    records = [_record("1", "360", date(2015, 6, 1)), _record("1", "1", date(2015, 6, 2))]
    jiangxi = policy.get("jx-2014")
    got = list(
        tr.evaluate_many(
            jiangxi,
            [(_teacher(0), records), (_teacher(1, region="110101"), []), (_teacher(2), [])],
            AS_OF,
        )
    )
    assert [(e.teacher_id, e.error and e.error.code) for e in got] == [
        ("T0", "input.duplicate"),  # evaluate refuses two records with one id
        ("T1", "input.region"),  # a Beijing (110101) teacher under a Jiangxi policy
        ("T2", None),
    ]
    assert got[0].evaluation is None
    assert got[0].error is not None
    assert got[0].error.path.startswith("records")
    assert got[2].evaluation == tr.evaluate(jiangxi, _teacher(2), [], AS_OF)


def test_records_of_unknown_or_repeated_teachers_are_not_lost():
    flat = [
        ("T0", _record("1", "10", date(2012, 1, 1))),
        ("X", _record("9", "5", date(2012, 1, 1))),
    ]
    got = list(tr.evaluate_many(P, [_teacher(0), _teacher(0)], AS_OF, records=flat))
    assert [(e.teacher_id, e.error and e.error.code) for e in got] == [
        ("T0", None),
        ("T0", "input.duplicate"),
        ("X", "input.unknown_teacher"),
    ]
    assert got[0].evaluation is not None
    assert got[0].evaluation.periods[0].counted == 10


def test_the_shape_of_the_input_is_checked():
    with pytest.raises(tr.InvalidInputError) as caught:
        list(tr.evaluate_many(P, [_teacher(0)], AS_OF))
    assert (caught.value.code, caught.value.path) == ("input.type", "teachers[0]")
    with pytest.raises(tr.InvalidInputError):
        list(tr.evaluate_many(P, [(_teacher(0), [])], AS_OF, records=[]))


def _stream(n):
    for i in range(n):
        yield (
            _teacher(i),
            [_record(str(j), "18", date(2011, 1, 1) + timedelta(days=90 * j)) for j in range(20)],
        )


def _peak(n):
    tracemalloc.start()
    try:
        for item in tr.evaluate_many(P, _stream(n), AS_OF):
            assert item.error is None
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# What this proves is memory, not coverage (other tests run evaluate_many's branches);
# under pytest-cov's tracer as well as tracemalloc it took five times as long.
@pytest.mark.no_cover
def test_memory_stays_flat_when_grouped():
    _peak(2000)  # warm the caches that do not depend on how many teachers come
    small, large = _peak(500), _peak(5000)
    # Ten times the teachers, the same peak: nothing is held beyond one teacher.
    assert large < small * 1.5 + 20_000, (small, large)


def test_items_of_the_wrong_shape_are_typed_errors():
    with pytest.raises(tr.InvalidInputError) as caught:
        list(tr.evaluate_many(P, [("A", [])], AS_OF))  # type: ignore[arg-type]  # refused
    assert caught.value.path == "teachers[0]"
    with pytest.raises(tr.InvalidInputError) as caught:
        list(tr.evaluate_many(P, [_teacher(0)], AS_OF, records=[("T0",)]))  # type: ignore[list-item]  # refused
    assert caught.value.path == "records[0]"
