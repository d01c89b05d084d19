"""The Dask executor: partitioned by teacher on a two-worker cluster, equal to one process.

Generated populations carry bad rows of every kind the table path reports (bad hours,
dates, sexes and titles, duplicate teacher and record ids, records of unknown or
missing teachers), partial service (evaluated per teacher where a policy prorates)
and hours of one to three decimal places; whatever the partitioning, the gathered
tables equal ``evaluate_table`` on the whole input, row for row and in order.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trainingrules as tr
from trainingrules import policy

if TYPE_CHECKING:
    import polars as pl
else:
    pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
from polars.testing import assert_frame_equal  # noqa: E402

from trainingrules.table import DaskResult, evaluate_dask, evaluate_table  # noqa: E402

AS_OF = [date(2016, 1, 1), date(2015, 12, 31), date(2021, 3, 1), date(2009, 6, 1)]
IDS = ["T0", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]
DAYS = ["2011-01-01", "2015-12-31", "2016/1/1", "20180630", "2020-12-31", "2009-01-01"]
HOURS = ["359.99", "360", "0.01", "12.5", "240", "48", "72", "0", "100", "0.125"]
CATEGORIES = ["remote", "in_service", "class_teacher", "face_to_face", "local_course", "what"]

teacher = st.fixed_dictionaries(
    {
        # mostly distinct ids, sometimes a duplicate or none
        "teacher_id": st.one_of(st.sampled_from(IDS), st.sampled_from([None, " ", "T1"])),
        "birth_date": st.sampled_from(["1975-05-05", "1980/1/5", "19881212", "1975-13-01"]),
        "sex": st.sampled_from(["male", "female", "男", "女", "x"]),
        "title": st.sampled_from(["senior", "intermediate", "junior", "中级", None, "chief"]),
        "employed_from": st.sampled_from([None, None, None, "2013-07-01", "2017-03-01"]),
    }
)
record = st.fixed_dictionaries(
    {
        "teacher_id": st.one_of(st.sampled_from(IDS), st.sampled_from(["ghost", None])),
        "record_id": st.sampled_from(["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"]),
        "hours": st.one_of(st.sampled_from(HOURS), st.sampled_from(["-1", "abc", None])),
        "completed_on": st.one_of(st.sampled_from(DAYS), st.sampled_from(["2015-02-30", None])),
        "category": st.sampled_from(CATEGORIES),
        "programme": st.sampled_from(["", "guopei", "it_capability"]),
        "credit_state": st.sampled_from([None, "registered", "reviewed", "verified", "登记"]),
    }
)
TEACHER_SCHEMA = dict.fromkeys(
    ("teacher_id", "birth_date", "sex", "title", "employed_from"), pl.String
)
RECORD_SCHEMA = dict.fromkeys(
    ("teacher_id", "record_id", "hours", "completed_on", "category", "programme", "credit_state"),
    pl.String,
)


@pytest.fixture(scope="module")
def client():
    """Two worker processes of one thread each, as CI runs them; the dashboard on a free port."""
    # distributed logs each P2P shuffle it starts at WARNING level: not a problem here.
    shuffle_log = logging.getLogger("distributed.shuffle._scheduler_plugin")
    level = shuffle_log.level
    shuffle_log.setLevel(logging.ERROR)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster, set_as_default=False) as running,
    ):
        yield running
    shuffle_log.setLevel(level)


def _population(teachers, records):
    return (
        pl.DataFrame(teachers, schema=TEACHER_SCHEMA, orient="row"),
        pl.DataFrame(records, schema=RECORD_SCHEMA, orient="row"),
    )


def _at_scale(frame, scale):
    return frame.with_columns(
        pl.col(name).cast(pl.Decimal(38, scale))
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Decimal)
    )


def _assert_same(got, want):
    """The gathered tables are the single-process tables: values and column types."""
    assert got.scale == want.scale
    scale = want.scale
    results, errors, fallback = (
        [pl.from_pandas(t) if isinstance(t, pd.DataFrame) else t for t in pair]
        for pair in (
            (got.results, want.results),
            (got.errors, want.errors),
            (got.fallback, want.fallback),
        )
    )
    assert_frame_equal(*(_at_scale(t, scale) for t in results))
    assert_frame_equal(*errors)
    assert_frame_equal(*fallback)
    assert (got.rows_in, got.rows_in_error) == (want.rows_in, want.rows_in_error)
    assert got.rows_in == got.rows_evaluated + got.rows_in_error


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    policy_id=st.sampled_from(policy.ids()),
    teachers=st.lists(teacher, min_size=0, max_size=9),
    records=st.lists(record, max_size=25),
    as_of=st.sampled_from(AS_OF),
    npartitions=st.integers(1, 4),
    as_dask=st.booleans(),
)
def test_the_cluster_gives_what_one_process_gives(  # noqa: PLR0917 - drawn by hypothesis
    client, policy_id, teachers, records, as_of, npartitions, as_dask
):
    p = policy.get(policy_id)
    teacher_rows, record_rows = _population(teachers, records)
    if as_dask:  # pandas partitions, shuffled by Dask
        teacher_rows, record_rows = teacher_rows.to_pandas(), record_rows.to_pandas()
        inputs = (
            dd.from_pandas(teacher_rows, npartitions=2),
            dd.from_pandas(record_rows, npartitions=3),
        )
    else:  # partitioned in memory, scattered to the workers
        inputs = (teacher_rows, record_rows)
    got = evaluate_dask(p, *inputs, as_of, npartitions=npartitions, client=client)
    assert got.npartitions == npartitions
    _assert_same(got.compute(), evaluate_table(p, teacher_rows, record_rows, as_of))


def _bench_population(n: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``n`` teachers x 4 records, a few rows bad: the data of the example in docs/dask.md."""
    teachers = pl.DataFrame(
        {
            "teacher_id": [f"T{i}" for i in range(n)],
            "birth_date": ["1975-05-05"] * n,
            "sex": ["female" if i % 3 else "男" for i in range(n)],
            "title": ["intermediate" if i % 4 else "高级" for i in range(n)],
        }
    )
    records = pl.DataFrame(
        {
            "teacher_id": [f"T{i // 4}" for i in range(4 * n)],
            "record_id": [f"R{i % 4}" for i in range(4 * n)],
            "hours": ["-1" if i % 101 == 7 else str(45 + i % 90) for i in range(4 * n)],
            "completed_on": [f"{2011 + i % 6}-06-30" for i in range(4 * n)],
            "category": ["remote" if i % 2 else "in_service" for i in range(4 * n)],
        }
    )
    return teachers, records


def test_dask_dataframes_in_chinese_without_record_ids_are_shuffled_by_teacher(client):
    # records without ids are numbered by their row of the whole table, as evaluate_table does
    teachers, records = _bench_population(300)
    teachers = teachers.rename({"teacher_id": "教师编号", "sex": "性别"})
    records = records.drop("record_id").rename({"hours": "学时"})
    p = policy.get("cn-2011")
    teacher_frame, record_frame = teachers.to_pandas(), records.to_pandas()
    want = evaluate_table(p, teacher_frame, record_frame, date(2016, 3, 1))
    got = evaluate_dask(
        p,
        dd.from_pandas(teacher_frame, npartitions=3),
        dd.from_pandas(record_frame, npartitions=5),
        date(2016, 3, 1),
        npartitions=4,
        client=client,
    )
    assert got.npartitions == 4
    assert len(want.errors)  # the -1 hours
    _assert_same(got.compute(), want)
    # the findings name the records: "row 13" is row 13 of the whole table
    findings = _in_order(client.compute(got.findings().loc[:9], sync=True))
    want_findings = pl.from_pandas(want.findings()).filter(
        pl.col("teacher_id").is_in([f"T{i}" for i in range(10)])
    )
    assert findings.filter(pl.col("message_en").str.contains("record row 13:")).height == 1
    assert_frame_equal(findings, want_findings)


def _in_order(frame):
    """A computed Dask table in input order, as polars."""
    return pl.from_pandas(frame.sort_index(kind="stable").reset_index(drop=True))


def test_the_lazy_tables_are_the_gathered_ones_indexed_by_teacher_row(client):
    teachers, records = _bench_population(200)
    # partial service under a policy that prorates: those teachers fall back
    teachers = teachers.with_columns(
        pl.when(pl.int_range(pl.len()) % 7 == 0).then(pl.lit("2013-07-01")).alias("employed_from")
    )
    p = policy.get("jx-2014")
    as_of = date(2016, 3, 1)
    got = evaluate_dask(p, teachers, records, as_of, npartitions=3, client=client)
    assert isinstance(got, DaskResult)
    whole = got.compute()
    results = client.compute(got.results, sync=True)
    assert results.index.name == "teacher_row"
    assert str(results["counted"].dtype) == f"decimal128(38, {got.scale})[pyarrow]"
    assert_frame_equal(_in_order(results), whole.results)
    errors = client.compute(got.errors, sync=True)
    assert sorted(errors["row"]) == whole.errors.get_column("row").to_list()
    assert set(errors["path"]) == set(whole.errors.get_column("path"))
    fallback = client.compute(got.fallback, sync=True)
    assert_frame_equal(_in_order(fallback), whole.fallback)
    single = evaluate_table(p, teachers, records, as_of)
    assert single.fallback.height
    # findings and decisions: built on the workers, only for the teachers asked for
    first = got.findings().loc[:30]
    assert_frame_equal(
        _in_order(client.compute(first, sync=True)),
        single.findings().filter(pl.col("teacher_id").is_in([f"T{i}" for i in range(31)])),
    )
    assert_frame_equal(_in_order(client.compute(got.decisions(), sync=True)), single.decisions())


def test_pandas_and_arrow_tables_are_taken_as_they_are_and_given_back(client):
    teachers, records = _bench_population(50)
    p = policy.get("nm-hohhot-2006")
    as_of = date(2016, 3, 1)
    got = evaluate_dask(p, teachers.to_pandas(), records.to_arrow(), as_of, client=client)
    assert got.npartitions == 2  # one per worker thread
    tables = got.compute()
    assert isinstance(tables.results, pd.DataFrame)  # the kind the teachers came as
    want = evaluate_table(p, teachers.to_pandas(), records.to_arrow(), as_of)
    pd.testing.assert_frame_equal(tables.results, want.results)
    pd.testing.assert_frame_equal(tables.errors, want.errors)
    arrow = evaluate_dask(p, teachers.to_arrow(), records, as_of, client=client).compute()
    assert arrow.results.equals(evaluate_table(p, teachers.to_arrow(), records, as_of).results)


def test_without_a_cluster_dask_runs_in_process():
    teachers, records = _bench_population(40)
    p = policy.get("cn-2011")
    got = evaluate_dask(p, teachers.lazy(), records, date(2016, 3, 1), npartitions=3)
    _assert_same(got.compute(), evaluate_table(p, teachers, records, date(2016, 3, 1)))
    assert "3 partitions" in repr(got)


def test_whole_table_errors_are_raised_once_before_anything_is_sent():
    teachers, records = _bench_population(3)
    p = policy.get("cn-2011")
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_dask(p, teachers, records.drop("category"), date(2016, 3, 1))
    assert (caught.value.code, caught.value.path) == ("input.missing", "records.category")
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_dask(p, teachers, [1, 2], date(2016, 3, 1))
    assert (caught.value.code, caught.value.path) == ("input.type", "records")
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_dask(p, teachers, records, date(2016, 3, 1), npartitions=0)
    assert (caught.value.code, caught.value.path) == ("input.range", "npartitions")
    floats = dd.from_pandas(records.to_pandas().assign(hours=1.5), npartitions=1)
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_dask(p, teachers, floats, date(2016, 3, 1))
    assert caught.value.code == "input.float"


def test_in_memory_records_without_ids_and_teacher_ids_of_no_id_type_in_process():
    # records numbered by their row of the whole table before they are split
    teachers, records = _bench_population(12)
    records = records.drop("record_id")
    p = policy.get("cn-2011")
    as_of = date(2016, 3, 1)
    got = evaluate_dask(p, teachers, records, as_of, npartitions=3)
    want = evaluate_table(p, teachers, records, as_of)
    assert got.rows_evaluated == want.rows_evaluated == want.rows_in - want.rows_in_error
    assert want.rows_in_error  # the -1 hours of record row 7
    _assert_same(got.compute(), want)
    findings = _in_order(got.findings().compute())
    assert_frame_equal(findings, want.findings())
    assert findings.filter(pl.col("message_en").str.contains("record row 13:")).height == 1
    # float ids are no ids: the table is refused once, before anything is sent
    floats = teachers.with_columns(pl.Series("teacher_id", [float(i) for i in range(12)]))
    with pytest.raises(tr.InvalidInputError) as caught:
        evaluate_dask(p, floats, records.head(4), as_of, npartitions=2)
    assert (caught.value.code, caught.value.path) == ("input.type", "teachers.teacher_id")


def test_the_current_client_runs_the_partitions(client):
    teachers, records = _bench_population(8)
    p = policy.get("cn-2011")
    as_of = date(2016, 3, 1)
    with client.as_current(), distributed.get_task_stream(client) as stream:
        got = evaluate_dask(p, teachers, records, as_of, npartitions=2)  # no client named
    ran = [str(task["key"]) for task in stream.data]
    assert sum(key.startswith("_evaluate_shared-") for key in ran) == 2  # on the cluster
    _assert_same(got.compute(), evaluate_table(p, teachers, records, as_of))
