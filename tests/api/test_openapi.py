"""The committed OpenAPI description is the one the app serves."""

from __future__ import annotations

import json
from pathlib import Path

from service.http.app import create_app

COMMITTED = Path(__file__).parents[2] / "openapi" / "openapi.json"


async def test_the_committed_spec_matches_the_served_one(api):
    served = (await api.client.get("/schema/openapi.json")).json()

    assert json.loads(COMMITTED.read_text()) == served, "run `pactum openapi` and commit openapi/openapi.json"


def test_the_committed_spec_matches_the_code():
    assert json.loads(COMMITTED.read_text()) == create_app().openapi_schema.to_schema()


def test_every_operation_has_a_camel_case_id_a_tag_a_summary_and_problem_errors():
    spec = json.loads(COMMITTED.read_text())
    for path, item in spec["paths"].items():
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            assert op["operationId"][0].islower() and "_" not in op["operationId"], where
            assert op.get("tags") and op.get("summary"), where
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(response["content"]) == ["application/problem+json"], f"{where} {status}"
