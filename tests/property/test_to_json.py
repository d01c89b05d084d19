"""``Evaluation.to_json``: the text a service sends is ``json.dumps`` of ``to_dict``.

The summary form is written as text directly (``engine/_summary.py``), so these laws
pin the text to what ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))``
writes for the same data: the same escapes, numbers and key order.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import EvaluationCase, engine_policies, evaluation_cases

import trainingrules as tr
from trainingrules import policy


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=200)
@given(evaluation_cases(engine_policies()))
def test_the_text_is_json_dumps_of_the_dict_for_both_forms(case: EvaluationCase) -> None:
    ev = case.run()
    for form in tr.FORMS:
        text = ev.to_json(form)
        assert text == _dumps(json.loads(text))  # written exactly as json.dumps writes
        assert json.loads(text) == ev.to_dict(form)
    assert ev.to_json() == _dumps(ev.to_dict())


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=30).filter(str.strip))
def test_any_teacher_id_is_escaped_as_json_dumps_escapes_it(tid: str) -> None:
    teacher = tr.Teacher(id=tid, birth_date=date(1980, 1, 1), sex=tr.Sex.FEMALE)
    ev = tr.evaluate(policy.get("cn-2011"), teacher, [], date(2016, 3, 1))
    text = ev.to_json("summary")
    assert json.loads(text)["teacher"] == tid
    assert text == _dumps(json.loads(text))


@pytest.mark.parametrize("tid", ['a"b', "a\\b", "教师\u0001", "\u2028x"])
def test_quotes_backslashes_control_characters_and_chinese(tid: str) -> None:
    teacher = tr.Teacher(id=tid, birth_date=date(1980, 1, 1), sex=tr.Sex.FEMALE)
    text = tr.evaluate(policy.get("jx-2014"), teacher, [], date(2016, 3, 1)).to_json("summary")
    assert f'"teacher":{_dumps(tid)},' in text
    assert json.loads(text)["teacher"] == tid


def test_an_unknown_form_is_refused() -> None:
    teacher = tr.Teacher(id="A", birth_date=date(1980, 1, 1), sex=tr.Sex.FEMALE)
    ev = tr.evaluate(policy.get("cn-2011"), teacher, [], date(2016, 3, 1))
    with pytest.raises(tr.InvalidInputError) as caught:
        ev.to_json("short")
    assert (caught.value.code, caught.value.path) == ("input.choice", "form")
