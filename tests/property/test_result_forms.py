"""The two forms of a result (``Evaluation.to_dict``), over generated inputs.

DESIGN.md: provincial systems need "JSON-safe inputs and outputs, ... deterministic
results". Issue 11: "A summary form (statuses, periods, shortfall, decisions, no
per-record ledger) and the full form." The summary is built without the explanations
(``engine/_summary.py``), so these laws pin it to the full form: it must be exactly
the full form's projection, for catalogue policies, their variants and generated
policies with caps, parts, activities, proration, assessments and recorded outcomes.
"""

import json

from hypothesis import given, settings
from strategies import engine_policies, evaluation_cases

from trainingrules import _json

STAMP = (
    "schema_version",
    "form",
    "library_version",
    "policy",
    "policy_fingerprint",
    "teacher",
    "as_of",
    "status",
)
OPEN = ("in_progress", "not_started")


def project(full):
    """The summary form, read off the full form: what each summary value means."""
    periods = [
        {
            "scheme": p["scheme"],
            "label": p["label"],
            "period": p["period"],
            "status": p["status"],
            "counted": p["counted"],
            "requirements": [
                {k: r[k] for k in ("rule_id", "required", "counted", "missing", "met", "unit")}
                for r in p["requirements"]
            ],
            "conditions": [
                {"rule_id": c["rule_id"], "status": c["status"]} for c in p["conditions"]
            ],
        }
        for p in full["periods"]
    ]
    return {
        **{key: full[key] for key in STAMP},
        "form": "summary",
        "periods": periods,
        # Evaluation.shortfall: what is still missing in every open period
        "shortfall": [s for p in full["periods"] if p["status"] in OPEN for s in p["shortfall"]],
        "decisions": [
            {k: d[k] for k in ("kind", "subject", "outcome", "year", "since", "until")}
            for d in full["eligibility"]
        ],
        "fee_due": full["money"]["fee_due"],
    }


class TestTheSummaryIsTheFullFormsProjection:
    @settings(max_examples=300)
    @given(evaluation_cases(engine_policies()))
    def test_summary_equals_the_projection_of_the_full_form(self, case):
        summary = case.run().to_dict(form="summary")
        full = case.run().to_dict()
        assert summary == project(full)
        # byte for byte, in the same key order
        assert json.dumps(summary) == json.dumps(project(full))

    @settings(max_examples=100)
    @given(evaluation_cases(engine_policies()))
    def test_summary_after_the_details_were_read_is_the_same(self, case):
        # the decisions are memoised per plan: a second teacher with the same decided
        # periods reuses them; reading the details first changes nothing either
        fresh = case.run().to_dict(form="summary")
        ev = case.run()
        _ = ev.periods, ev.eligibility, ev.ledger
        assert ev.to_dict(form="summary") == fresh
        assert case.run().to_dict(form="summary") == fresh


class TestFormsDoNotDependOnRecordOrder:
    """Issue 11 §4: "Same inputs in any record order → byte-identical JSON"."""

    @settings(max_examples=100)
    @given(evaluation_cases(engine_policies()))
    def test_both_forms_are_byte_identical_for_shuffled_records(self, case):
        records = list(case.records)
        shuffled = records[1::2] + records[::2]  # another order, the same records
        for form in ("full", "summary"):
            one = json.dumps(case.run().to_dict(form=form), sort_keys=True)
            other = json.dumps(case.run(records=shuffled[::-1]).to_dict(form=form), sort_keys=True)
            assert one == other


class TestTheLeanEncoderIsTheReference:
    """``_json.encode`` (compiled per class) writes what the reference walker writes."""

    @settings(max_examples=100)
    @given(evaluation_cases(engine_policies()))
    def test_encode_equals_reflect_for_every_part_of_a_result(self, case):
        ev = case.run()
        for part in (ev.periods, ev.ledger, ev.courses, ev.remedial, ev.eligibility, ev.money):
            encoded = _json.encode(part)
            assert encoded == _json.reflect(part)
            assert json.dumps(encoded) == json.dumps(_json.reflect(part))
