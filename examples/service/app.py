# ruff: noqa: INP001 - an example script, not a package
"""An evaluation service: trainingrules behind HTTP, with FastAPI.

Run it with ``uvicorn app:app`` from this directory (FastAPI and uvicorn are not
dependencies of trainingrules). The whole contract is the library's:

* ``POST /evaluate`` takes a request (``trainingrules.Request.from_dict``: a policy id
  or policy dict, the teacher, the records, ``as_of``, optional outcomes, assessment
  and form) and answers 200 with ``Evaluation.to_json(form)``, the text of
  ``to_dict(form)`` (the summary form written directly, without dicts: several times
  faster); ``?form=summary`` or ``?form=full`` overrides the request's ``form``.
* A refused request answers ``{"errors": [{"path", "code", "message"}, ...]}``: 422
  with the library's codes and full paths (``records[3].hours``), every problem at
  once; 400 (code ``json.invalid``) when the body is not JSON at all; 413
  (``json.too_large``) above ``MAX_BODY`` bytes.
* ``GET /policies`` lists the catalogue; ``GET /schemas/{name}`` serves the JSON
  Schemas the package ships.

The body is parsed with ``json.loads`` and nothing else, on purpose: a JSON number
with a fraction (``2.5``) stays a Python float, which the library refuses with
``input.float`` and the reason. A web layer that turned it into a ``Decimal`` first
(a Pydantic model with ``Decimal`` fields) would silently accept a binary float.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI
from fastapi import Request as HttpRequest
from fastapi.responses import JSONResponse, Response

import trainingrules as tr
from trainingrules import policy

MAX_BODY = 64 * 1024 * 1024
"""Largest request body read, in bytes: 100,000 records of about 600 bytes each."""

app = FastAPI(title="trainingrules evaluation service", version=tr.__version__)


def _errors(status: int, errors: list[dict[str, str]]) -> JSONResponse:
    return JSONResponse({"errors": errors}, status_code=status)


def _error(status: int, code: str, message: str, path: str = "") -> JSONResponse:
    return _errors(status, [{"path": path, "code": code, "message": message}])


@app.post("/evaluate")
async def evaluate(http: HttpRequest, form: str | None = None) -> Response:
    """Evaluate one teacher: 200 with the result, 422 with every error of the request."""
    body = await http.body()
    if len(body) > MAX_BODY:
        return _error(
            413, "json.too_large", f"a body of {len(body):,} bytes (at most {MAX_BODY:,})"
        )
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:  # not JSON, too deep, a 5,000-digit number
        return _error(400, "json.invalid", f"the body is not JSON: {str(error)[:200]}")
    if form is not None:
        if form not in tr.FORMS:
            message = f"{form[:40]!r} is not one of: {', '.join(tr.FORMS)}"
            return _error(422, "input.choice", message, path="form")
        if isinstance(data, dict):
            data = {**data, "form": form}
    try:
        request = tr.Request.from_dict(data)
        result = request.evaluate().to_json(form=request.form)
    except tr.InputErrors as error:
        return _errors(422, error.to_list())
    except tr.TrainingRulesError as error:
        return _error(422, error.code, error.message, path=error.path)
    return Response(result.encode(), media_type="application/json")


@app.get("/policies")
async def policies() -> JSONResponse:
    """Every policy of the catalogue and its variants: id, title, region, dates, fingerprint."""
    found: list[dict[str, Any]] = []
    for p in policy.DEFAULT:
        variants = [f"{p.id}~{note.id}" for note in p.interpretations if note.alternative_rules]
        found.append(
            {
                "id": p.id,
                "title": {"zh": p.title.zh, "en": p.title.en},
                "region": p.region,
                "effective_from": p.effective_from.isoformat(),
                "effective_to": p.effective_to.isoformat() if p.effective_to else None,
                "fingerprint": p.fingerprint,
                "variants": variants,
            }
        )
    return JSONResponse({"policies": found})


@app.get("/schemas/{name}")
async def schema(name: str) -> JSONResponse:
    """The JSON Schema ``name``: request, policy, result-full, result-summary or errors."""
    if name not in tr.SCHEMA_NAMES:
        message = f"no schema {name[:40]!r} (known: {', '.join(tr.SCHEMA_NAMES)})"
        return _error(404, "schema.unknown", message, path="name")
    return JSONResponse(tr.schema(name), media_type="application/schema+json")
