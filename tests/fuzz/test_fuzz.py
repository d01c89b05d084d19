"""Fuzzing: nothing but a ``TrainingRulesError`` escapes, and nothing hangs.

Every target of ``targets.py`` (policy dicts, input dicts, requests, constructors and
public helpers, ``evaluate``) is fed random and mutated data. Under the ``ci``
hypothesis profile the targets run ``CI_EXAMPLES`` examples in all (at least 20,000);
under ``dev`` a few hundred. ``benchmarks/fuzz_100k.py`` runs 100,000 and more.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings

import trainingrules as tr
from trainingrules import policy

sys.path.insert(0, str(Path(__file__).parent))  # the targets, shared with benchmarks/

from targets import TARGETS, Target

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")

# Nothing but typed errors escape: what these prove is not coverage, and tracing
# 20,000 examples doubles their time (half of CI's): pytest-cov leaves them unmeasured.
pytestmark = pytest.mark.no_cover

EXAMPLES: dict[str, dict[str, int]] = {
    # examples per target under each profile; ci's sum is CI_EXAMPLES
    "policy.from_dict": {"ci": 1_500, "dev": 60},
    "policy.from_dict.random": {"ci": 4_000, "dev": 100},
    "input.from_dict": {"ci": 5_500, "dev": 200},
    "Request.from_dict": {"ci": 1_500, "dev": 60},
    "constructors": {"ci": 6_000, "dev": 200},
    "evaluate": {"ci": 1_500, "dev": 60},
}
CI_EXAMPLES = sum(counts["ci"] for counts in EXAMPLES.values())


# Each target runs in shards of its examples, each shard from its own seed, so that the
# test workers (``pytest -n auto``) share the long targets instead of waiting on one.
SHARDS = 4


def test_the_ci_profile_runs_at_least_20000_examples():
    assert CI_EXAMPLES >= 20_000
    assert set(EXAMPLES) == {target.name for target in TARGETS}
    # the shards of a target run all its examples, and no shard is empty
    for counts in EXAMPLES.values():
        for examples in counts.values():
            assert sum(_share(examples, shard) for shard in range(SHARDS)) == examples
            assert min(_share(examples, shard) for shard in range(SHARDS)) > 0


def _share(examples: int, shard: int) -> int:
    """How many of a target's ``examples`` shard number ``shard`` runs."""
    return examples // SHARDS + (shard < examples % SHARDS)


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.name)
def test_nothing_but_typed_errors_escape(target: Target, shard: int):
    outcomes: Counter[str] = Counter()
    examples = _share(EXAMPLES[target.name].get(PROFILE, EXAMPLES[target.name]["dev"]), shard)

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
        database=None,
    )
    @given(target.strategy)
    def run(value):
        outcomes[target.run(value)] += 1

    if settings().derandomize:  # the profile loaded (conftest.py)
        # A derandomized profile seeds every shard alike (from the function): give each
        # its own fixed seed, so the shards fuzz different inputs, the same every run.
        run = seed(zlib.crc32(f"{target.name}/{shard}".encode()))(run)
    run()
    # Every example ran to its end: the figures above are examples fuzzed, not drawn.
    assert sum(outcomes.values()) >= examples


# ------------------------------------------------------------------ 10,000 records for one teacher

CATEGORIES = ("remote", "local_course", "class_teacher", "degree", "unknown")


def _many(n: int) -> list[dict[str, object]]:
    start = date(2009, 1, 1)
    return [
        {
            "id": f"R{i}",
            "hours": f"{i % 40 + 1}.{i % 1000:03}",
            "completed_on": (start + timedelta(days=(i * 7) % 3000)).isoformat(),
            "category": CATEGORIES[i % len(CATEGORIES)],
        }
        for i in range(n)
    ]


@pytest.mark.parametrize("policy_id", policy.ids())
def test_ten_thousand_records_for_one_teacher(policy_id):
    data = {
        "policy": policy_id,
        "teacher": {"id": "T1", "birth_date": "1970-01-01", "sex": "male", "title": "senior"},
        "records": _many(10_000),
        "as_of": "2016-03-01",
    }
    started = time.perf_counter()
    evaluation = tr.Request.from_dict(data).evaluate()
    full = json.dumps(evaluation.to_dict(), sort_keys=True)
    json.dumps(evaluation.to_dict(form="summary"), sort_keys=True)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{elapsed:.1f} s for 10,000 records"
    # Nothing is lost: every record is in the ledger exactly once, counted or not.
    assert sorted(entry.record_id for entry in evaluation.ledger) == sorted(
        record["id"] for record in data["records"]
    )
    assert full.count('"record_id": ') == 10_000


def test_ten_thousand_bad_records_give_ten_thousand_errors():
    records = _many(10_000)
    for i, record in enumerate(records):
        if i % 2:
            record["hours"] = 1.5  # a JSON float
    data = {
        "policy": "cn-2011",
        "teacher": {"id": "T1", "birth_date": "1970-01-01", "sex": "male"},
        "records": records,
        "as_of": "2016-03-01",
    }
    started = time.perf_counter()
    with pytest.raises(tr.InputErrors) as caught:
        tr.Request.from_dict(data)
    assert time.perf_counter() - started < 60
    assert [e.path for e in caught.value.errors] == [
        f"records[{i}].hours" for i in range(1, 10_000, 2)
    ]
    assert {e.code for e in caught.value.errors} == {"input.float"}
    assert len(caught.value.message) < 2_000
