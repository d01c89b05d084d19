"""The example service (``examples/service/app.py``), called through its ASGI app.

Issue 11: "A worked, tested example service ...: the request schema above, 422 with the
library's codes and paths, the summary/full choice; the tests call it through its
ASGI app." Every response body is also checked against the JSON Schema the service
serves for it.
"""

import asyncio
import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
httpx = pytest.importorskip("httpx")
jsonschema = pytest.importorskip("jsonschema")

import trainingrules as tr  # noqa: E402 - after the skips
from trainingrules import policy  # noqa: E402

APP = Path(__file__).resolve().parents[1] / "examples" / "service" / "app.py"


def _load_app():
    spec = importlib.util.spec_from_file_location("trainingrules_example_service", APP)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SERVICE = _load_app()


class Client:
    """Synchronous calls of the ASGI app through ``httpx.ASGITransport`` (no server)."""

    def request(self, method, url, **kwargs):
        async def call():
            transport = httpx.ASGITransport(app=SERVICE.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
                return await http.request(method, url, **kwargs)

        return asyncio.run(call())

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def client():
    return Client()


def valid(name, data):
    """``data`` satisfies the shipped schema ``name`` (dates checked as dates too)."""
    validator = jsonschema.Draft202012Validator(
        tr.schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [(list(e.absolute_path), e.message[:200]) for e in errors]
    return data


def request(**changes):
    """N1 (教师〔2011〕1号): "对教师进行五年一周期的每人不少于360学时的全员培训"."""
    data = {
        "policy": "cn-2011",
        "teacher": {"id": "T1", "birth_date": "1975-04-02", "sex": "female"},
        "records": [
            {"id": "R1", "hours": "200", "completed_on": "2012-06-30", "category": "remote"},
            {"id": "R2", "hours": 159, "completed_on": "2014-06-30", "category": "in_service"},
            {"id": "R3", "hours": "0.5", "completed_on": "2015-12-31", "category": "remote"},
        ],
        "as_of": "2016-03-01",
    }
    data.update(changes)
    return valid("request", data)


def test_post_evaluate_gives_the_full_form_by_default(client):
    response = client.post("/evaluate", json=request())
    assert response.status_code == 200
    data = valid("result-full", response.json())
    # 200 + 159 + 0.5 = 359.5 < 360: the 2011-2015 cycle failed (不少于360学时)
    assert data["form"] == "full"
    assert data["status"] == "failed"
    (first, second) = data["periods"]
    assert (first["period"]["start"], first["status"], first["counted"]) == (
        "2011-01-01",
        "failed",
        "359.5",
    )
    assert second["status"] == "in_progress"
    assert [entry["record_id"] for entry in data["ledger"]] == ["R1", "R2", "R3"]
    assert data["policy_fingerprint"] == policy.get("cn-2011").fingerprint
    assert data["library_version"] == tr.__version__


def test_the_query_chooses_the_summary_form(client):
    response = client.post("/evaluate?form=summary", json=request())
    assert response.status_code == 200
    data = valid("result-summary", response.json())
    assert data["form"] == "summary"
    assert "ledger" not in data
    assert [p["status"] for p in data["periods"]] == ["failed", "in_progress"]
    assert data["periods"][0]["requirements"][0]["missing"] == "0.5"
    # the open 2016-2020 cycle still lacks all 360 hours, due on its last day
    assert [(s["hours"], s["due"]) for s in data["shortfall"]] == [("360", "2020-12-31")]


def test_the_body_may_choose_the_form_and_the_query_wins(client):
    summary = client.post("/evaluate", json=request(form="summary")).json()
    assert summary["form"] == "summary"
    full = client.post("/evaluate?form=full", json=request(form="summary")).json()
    assert full["form"] == "full"


def test_the_same_request_gives_byte_identical_responses(client):
    one = client.post("/evaluate", json=request()).content
    shuffled = request()
    shuffled["records"] = shuffled["records"][::-1]
    other = client.post("/evaluate", json=shuffled).content
    assert one == other


def test_a_policy_dict_is_evaluated_like_its_id(client):
    as_data = request(policy=policy.to_dict(policy.get("cn-2011")))
    by_dict = client.post("/evaluate", json=as_data).json()
    by_id = client.post("/evaluate", json=request()).json()
    assert by_dict == by_id


def test_every_error_of_a_request_at_once_with_full_paths(client):
    bad = request()
    bad["records"][1]["hours"] = "-1"
    bad["records"][2]["completed_on"] = "2015-02-29"
    bad["teacher"]["sex"] = "x"
    response = client.post("/evaluate", json=bad)
    assert response.status_code == 422
    body = valid("errors", response.json())
    found = {(e["path"], e["code"]) for e in body["errors"]}
    assert ("records[1].hours", "input.range") in found
    assert ("teacher.sex", "input.choice") in found
    assert any(path == "records[2].completed_on" for path, _ in found)


def test_a_json_float_is_refused_with_its_reason(client):
    # JSON 2.5 stays a float: the library refuses it (input.float) and says why
    text = json.dumps(request()).replace('"hours": "0.5"', '"hours": 0.5')
    response = client.post("/evaluate", content=text, headers={"content-type": "application/json"})
    assert response.status_code == 422
    (error,) = valid("errors", response.json())["errors"]
    assert (error["path"], error["code"]) == ("records[2].hours", "input.float")
    assert "string" in error["message"]


def test_an_unknown_policy_id_is_a_422_with_its_path(client):
    response = client.post("/evaluate", json=request(policy="xx-1999"))
    assert response.status_code == 422
    (error,) = valid("errors", response.json())["errors"]
    assert error["path"] == "policy"


def test_an_unknown_key_is_refused(client):
    response = client.post("/evaluate", json={**request(), "teachers": []})
    assert response.status_code == 422
    codes = [e["path"] for e in valid("errors", response.json())["errors"]]
    assert "teachers" in codes


def test_an_unknown_form_is_a_422_in_the_same_shape(client):
    response = client.post("/evaluate?form=brief", json=request())
    assert response.status_code == 422
    assert valid("errors", response.json())["errors"][0] == {
        "path": "form",
        "code": "input.choice",
        "message": "'brief' is not one of: full, summary",
    }


@pytest.mark.parametrize(
    "body",
    [b"{", b"[" * 100_000 + b"]" * 100_000, b"1" * 5000, b"\xff\xfe"],
    ids=["truncated", "deep", "5000 digits", "not utf-8"],
)
def test_a_body_that_is_not_json_is_a_400(client, body):
    response = client.post("/evaluate", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    (error,) = valid("errors", response.json())["errors"]
    assert error["code"] == "json.invalid"


def test_a_body_that_is_not_an_object_is_a_422(client):
    response = client.post("/evaluate", json=[1, 2])
    assert response.status_code == 422
    (error,) = valid("errors", response.json())["errors"]
    assert (error["path"], error["code"]) == ("", "input.type")


def test_a_body_too_large_is_a_413(client, monkeypatch):
    monkeypatch.setattr(SERVICE, "MAX_BODY", 100)
    response = client.post("/evaluate", json=request())
    assert response.status_code == 413
    assert valid("errors", response.json())["errors"][0]["code"] == "json.too_large"


def test_get_policies_lists_the_catalogue_with_fingerprints(client):
    response = client.get("/policies")
    assert response.status_code == 200
    listed = {p["id"]: p for p in response.json()["policies"]}
    assert sorted(listed) == sorted(policy.ids())
    cn = listed["cn-2011"]
    assert cn["region"] == "CN"
    # the fingerprint, recomputed from the policy's canonical JSON
    canonical = json.dumps(
        policy.to_dict(policy.get("cn-2011")),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert cn["fingerprint"] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    for p in listed.values():
        for variant in p["variants"]:
            assert policy.get(variant).parent == p["id"]


@pytest.mark.parametrize("name", tr.SCHEMA_NAMES)
def test_get_schema_serves_the_shipped_schema(client, name):
    response = client.get(f"/schemas/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/schema+json")
    assert response.json() == tr.schema(name)
    shipped = Path(tr.__file__).parent / "schemas" / f"{name}.json"
    assert response.json() == json.loads(shipped.read_text(encoding="utf-8"))


def test_an_unknown_schema_is_a_404(client):
    response = client.get("/schemas/nope")
    assert response.status_code == 404
    assert valid("errors", response.json())["errors"][0]["code"] == "schema.unknown"
