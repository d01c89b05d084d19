"""Results as JSON: the stamp, the two forms, the policy fingerprint, the encoder, HTML.

Issue 11: "Results stamp the library version, the policy id and a content fingerprint
of the policy (sha256 of its canonical JSON ...), and the as_of, so a stored result
is auditable. A summary form (statuses, periods, shortfall, decisions, no per-record
ledger) and the full form."
"""

import enum
import hashlib
import json
from datetime import date
from decimal import Decimal

import attrs
import pytest

import trainingrules as tr
from trainingrules import _json, policy
from trainingrules.engine import RESULT_SCHEMA_VERSION, compile_policy
from trainingrules.policy._data import _rule_kind

D = Decimal
TEACHER = tr.Teacher(id="T1", birth_date=date(1975, 4, 2), sex=tr.Sex.FEMALE)
STAMP = [
    "schema_version",
    "form",
    "library_version",
    "policy",
    "policy_fingerprint",
    "teacher",
    "as_of",
    "status",
]


def record(record_id, hours, day, category="remote"):
    return tr.TrainingRecord(id=record_id, hours=D(hours), completed_on=day, category=category)


def cn_2011(records, as_of=date(2016, 3, 1), teacher=TEACHER):
    return tr.evaluate(policy.get("cn-2011"), teacher, records, as_of)


def sha256_of_canonical_json(p):
    """docs/service.md, "Recomputing a fingerprint", in another spelling."""
    text = json.dumps(policy.to_dict(p), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the stamp ----------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["full", "summary"])
def test_both_forms_start_with_the_same_stamp(form):
    ev = cn_2011([record("R1", "360", date(2014, 6, 30))])
    data = ev.to_dict(form=form)
    assert list(data)[: len(STAMP)] == STAMP
    assert data["schema_version"] == RESULT_SCHEMA_VERSION == 3
    assert data["form"] == form
    assert data["library_version"] == tr.__version__
    assert data["policy"] == "cn-2011"
    assert data["policy_fingerprint"] == sha256_of_canonical_json(policy.get("cn-2011"))
    assert (data["teacher"], data["as_of"], data["status"]) == ("T1", "2016-03-01", "in_progress")


def test_the_full_form_keeps_every_explanation_after_the_stamp():
    data = cn_2011([record("R1", "360", date(2014, 6, 30))]).to_dict()
    assert list(data)[len(STAMP) :] == [
        "documents",
        "periods",
        "ledger",
        "courses",
        "remedial",
        "eligibility",
        "money",
    ]


def test_an_unknown_form_is_refused_with_its_path_and_code():
    ev = cn_2011([])
    with pytest.raises(tr.InvalidInputError) as caught:
        ev.to_dict(form="brief")
    assert (caught.value.path, caught.value.code) == ("form", "input.choice")


# --- the fingerprint ------------------------------------------------------------------------


@pytest.mark.parametrize("policy_id", policy.ids())
def test_the_fingerprint_is_the_sha256_of_the_canonical_json(policy_id):
    p = policy.get(policy_id)
    assert p.fingerprint == sha256_of_canonical_json(p)
    assert compile_policy(p).fingerprint == p.fingerprint
    # the same policy loaded from its JSON data has the same fingerprint
    loaded = policy.from_dict(json.loads(json.dumps(policy.to_dict(p))))
    assert loaded.fingerprint == p.fingerprint


def test_a_variant_or_a_changed_figure_changes_the_fingerprint():
    p = policy.get("jx-2014")
    variant = policy.get("jx-2014~J2.bound")
    assert variant.fingerprint != p.fingerprint
    renamed = attrs.evolve(p, id="jx-2014-copy")
    assert renamed.fingerprint != p.fingerprint
    assert len({p.fingerprint, variant.fingerprint, renamed.fingerprint}) == 3


def test_the_fingerprints_of_the_catalogue_are_distinct():
    prints = [policy.get(i).fingerprint for i in policy.ids()]
    assert len(set(prints)) == len(prints)
    assert all(len(f) == 64 and set(f) <= set("0123456789abcdef") for f in prints)


# --- the summary form, by hand ---------------------------------------------------------------


def test_summary_of_a_failed_cycle_and_an_open_one():
    # N1 (教师〔2011〕1号): "对教师进行五年一周期的每人不少于360学时的全员培训".
    # 200 + 159.5 = 359.5 hours in 2011-2015: 0.5 short, failed on 2016-01-01; as of
    # 2016-03-01 the 2016-2020 cycle is open with all 360 hours still to do.
    ev = cn_2011([record("R1", "200", date(2012, 6, 30)), record("R2", "159.5", date(2014, 1, 1))])
    data = ev.to_dict(form="summary")
    assert data["status"] == "failed"
    first, second = data["periods"]
    assert first == {
        "scheme": "N1.cycle",
        "label": {"zh": "五年培训周期", "en": "five-year training cycle"},
        "period": {"start": "2011-01-01", "end": "2016-01-01"},
        "status": "failed",
        "counted": "359.5",
        "requirements": [
            {
                "rule_id": "N1.hours",
                "required": "360",
                "counted": "359.5",
                "missing": "0.5",
                "met": False,
                "unit": "hours",
            }
        ],
        "conditions": [],
    }
    assert (second["status"], second["requirements"][0]["missing"]) == ("in_progress", "360")
    # the shortfall lists the open period only (the failed one is over)
    assert [(s["hours"], s["due"], s["rule_id"]) for s in data["shortfall"]] == [
        ("360", "2020-12-31", "N1.hours")
    ]
    assert data["fee_due"] is None
    assert "ledger" not in data
    assert "findings" not in json.dumps(data)
    outcomes = {d["kind"]: d["outcome"] for d in data["decisions"]}
    assert set(outcomes) == {d.kind.value for d in ev.eligibility}
    assert set(outcomes.values()) <= {o.value for o in tr.DecisionOutcome}


def test_summary_states_the_fee_and_the_remedial_decision():
    # 福建莆田涵江 F3: fees by title; F9: remedial training after a failed year
    p = policy.get("fj-putian-hanjiang-2009")
    teacher = attrs.evolve(TEACHER, title=tr.Title.SENIOR)
    ev = tr.evaluate(p, teacher, [], date(2010, 1, 1))
    data = ev.to_dict(form="summary")
    assert data["fee_due"] == str(ev.money.fee_due)
    assert [(d["kind"], d["subject"], d["outcome"]) for d in data["decisions"]] == [
        (d.kind.value, d.subject, d.outcome.value) for d in ev.eligibility
    ]


def test_changing_a_returned_summary_changes_no_later_one():
    ev = cn_2011([record("R1", "100", date(2012, 6, 30))])
    first = ev.to_dict(form="summary")
    snapshot = json.dumps(first)
    first["decisions"][0]["outcome"] = "tampered"
    first["periods"][0]["label"]["zh"] = "tampered"
    first["shortfall"].clear()
    assert json.dumps(ev.to_dict(form="summary")) == snapshot
    again = cn_2011([record("R1", "100", date(2012, 6, 30))])
    assert json.dumps(again.to_dict(form="summary")) == snapshot


def test_a_caller_decimal_context_changes_no_summary():
    # issue 11 §3: arithmetic must not depend on the caller's decimal context
    import decimal  # noqa: PLC0415

    records = [record("R1", "359.6", date(2012, 6, 30))]
    expected = cn_2011(records).to_dict(form="summary")
    with decimal.localcontext(decimal.Context(prec=3)):
        assert cn_2011(records).to_dict(form="summary") == expected


# --- the encoder ---------------------------------------------------------------------------


@pytest.mark.parametrize("policy_id", policy.ids())
def test_the_compiled_encoder_writes_what_the_reference_walker_writes(policy_id):
    p = policy.get(policy_id)
    assert json.dumps(_json.encode(p, _rule_kind)) == json.dumps(_json.reflect(p, _rule_kind))
    assert policy.to_dict(p) == {
        "schema_version": policy.SCHEMA_VERSION,
        **_json.reflect(p, _rule_kind),
    }


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@pytest.mark.parametrize("form", ["full", "summary"])
def test_results_hold_plain_json_values_only(form):
    ev = tr.evaluate(
        policy.get("jx-2014"),
        TEACHER,
        [record("R1", "48", date(2013, 5, 1))],
        date(2014, 12, 31),
        outcomes=[tr.Outcome(scheme="J2.school_years", start=date(2013, 9, 1), passed=False)],
    )
    for leaf in _leaves(ev.to_dict(form=form)):
        assert type(leaf) in (str, int, bool, type(None)), repr(leaf)


def test_the_encoder_of_a_class_is_compiled_once():
    table = _json._table(None)
    ev = cn_2011([record("R1", "1", date(2012, 6, 30))])
    ev.to_dict()
    compiled = dict(table.encoders)
    cn_2011([record("R2", "2", date(2013, 6, 30))]).to_dict()
    assert table.encoders == compiled


class _Colour(enum.Enum):
    RED = "red"


@attrs.frozen
class _Loose:
    """A class whose first field's type does not say what its value is."""

    anything: object
    days: frozenset[date]
    _hidden: int = 0


def test_a_value_whose_field_type_does_not_fix_it_is_encoded_by_what_it_is() -> None:
    value = _Loose(
        anything=(D("1.50"), _Colour.RED, frozenset({3, 1}), [date(2016, 2, 29), None]),
        days=frozenset({date(2016, 3, 1), date(2015, 1, 1)}),
        hidden=7,
    )
    expected = {
        "anything": ["1.50", "red", [1, 3], ["2016-02-29", None]],
        "days": ["2015-01-01", "2016-03-01"],
    }
    # fields starting with "_" are left out, by both the compiled encoder and the walker
    assert _json.encode(value) == expected
    assert _json.reflect(value) == expected
    # a value with no field around it: encoded by what it is too
    assert _json.encode(frozenset({_Colour.RED})) == ["red"]
    assert _json.encode(D("-0.0")) == "-0.0"


@attrs.frozen
class _Quoted:
    """A class of strings only: its text is remembered by value."""

    said: str
    by: str


@attrs.frozen
class _Every:
    """One field of each kind the text encoder writes."""

    flag: bool
    count: int
    nothing: None
    amount: Decimal
    day: date
    colour: _Colour
    quoted: _Quoted
    maybe: Decimal | None
    pair: tuple[str, Decimal]
    many: tuple[_Quoted, ...]
    days: frozenset[date]
    anything: object


def test_the_text_encoder_writes_json_dumps_of_the_encoder_data() -> None:
    quoted = _Quoted('"引号" \\ and \n newline \u2028', "</script>")
    value = _Every(
        flag=False,
        count=-3,
        nothing=None,
        amount=D("-0.000"),
        day=date(1, 1, 1),
        colour=_Colour.RED,
        quoted=quoted,
        maybe=None,
        pair=("a", D("1E+3")),
        many=(quoted, _Quoted("", "x")),
        days=frozenset({date(2016, 3, 1), date(2015, 1, 1)}),
        anything=(_Loose(1, frozenset()), [True, 2, None], frozenset({"b", "a"})),
    )
    for item in (value, attrs.evolve(value, flag=True, maybe=D("2.5")), [value, 1], (), "s"):
        text = _json.encode_text(item)
        assert text == _json.dumps(_json.encode(item))
        assert json.loads(text) == _json.encode(item)
    # an equal instance of an all-string class gives the text remembered: the same
    assert _json.encode_text(_Quoted(quoted.said, quoted.by)) == _json.encode_text(quoted)


def test_a_compiled_encoder_is_published_once_and_reused() -> None:
    # compile() is also what a thread that lost the race for a class calls: it must
    # return the encoder already published, not make another
    table = _json._table(None)
    first = table.compile(_Loose)
    assert table.compile(_Loose) is first
    assert table.encoders[_Loose] is first
    assert first(_Loose(anything=1, days=frozenset())) == {"anything": 1, "days": []}


# --- HTML ------------------------------------------------------------------------------------


def test_html_shows_periods_statuses_shortfall_and_decisions():
    ev = cn_2011([record("R1", "200", date(2012, 6, 30)), record("R2", "159.5", date(2014, 1, 1))])
    html = ev._repr_html_()
    assert html.startswith('<div class="trainingrules-evaluation">')
    assert html.endswith("</div>")
    assert '<span style="color:#cf222e;font-weight:bold">failed</span>' in html
    assert '<span style="color:#9a6700;font-weight:bold">in_progress</span>' in html
    assert "2011-01-01 – 2016-01-01" in html
    assert "<td>359.5</td><td>0.5</td>" in html
    assert "360 hours of 全员培训 / full-staff training by 2020-12-31" in html
    for decision in ev.eligibility:
        assert f"<td>{decision.kind.value}</td>" in html


def test_html_escapes_every_value():
    nasty = '<script>alert("x")</script>&'
    teacher = attrs.evolve(TEACHER, id=nasty)
    ev = cn_2011([record("R1", "1", date(2012, 6, 30), category=nasty)], teacher=teacher)
    html = ev._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html


def test_html_shows_conditions_and_the_fee():
    p = policy.get("fj-putian-hanjiang-2009")
    teacher = attrs.evolve(TEACHER, title=tr.Title.SENIOR)
    html = tr.evaluate(p, teacher, [], date(2010, 1, 1))._repr_html_()
    for rule in ("F5.written", "F6.exam", "F7.absence"):
        assert f"<td>{rule}</td>" in html
    assert "Fee due per year: 180" in html


def test_html_without_decisions_has_no_decision_table() -> None:
    # nm-hohhot-2006 governs no decision: the HTML shows the periods and no empty table
    p = policy.get("nm-hohhot-2006")
    ev = tr.evaluate(p, TEACHER, [], date(2009, 6, 1))
    assert ev.to_dict(form="summary")["decisions"] == []
    html = ev._repr_html_()
    assert "<th>decision</th>" not in html
    assert "<td>H1.hours</td><td>240</td><td>0</td><td>240</td>" in html
    # the periods table is the last part: no decisions, no shortfall (all closed), no fee
    assert html.endswith("</tr></tbody></table></div>")


# --- threads ----------------------------------------------------------------------------------


def _cases():
    """A few teachers under every catalogue policy, on days around their periods."""
    cases: list[tuple[policy.Policy, list[tr.TrainingRecord], date]] = []
    for n, policy_id in enumerate(policy.ids()):
        p = policy.get(policy_id)
        start = p.effective_from
        records = [
            record(f"R{i}", str(10 * i + n), date(start.year + i % 5, 1 + i % 12, 1), category)
            for i, category in enumerate(
                ["remote", "in_service", "class_teacher", "local_course", "county", "remote"]
            )
        ]
        cases.extend((p, records, date(start.year + years, 6, 1)) for years in (1, 3, 6))
    return cases


def test_eight_threads_give_the_sequential_results(monkeypatch):
    # issue 11 §4: "8 threads evaluating at once give the sequential results"; fresh
    # encoder tables make the threads compile the encoders while they race
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    cases = _cases() * 4

    def both(case):
        p, records, as_of = case
        ev = tr.evaluate(p, TEACHER, records, as_of)
        return json.dumps(ev.to_dict()), json.dumps(ev.to_dict(form="summary"))

    expected = [both(case) for case in cases]
    monkeypatch.setattr(_json, "_TABLES", {})
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(both, cases))
    assert found == expected
