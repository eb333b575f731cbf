"""The committed description is valid OpenAPI, documents every error as a problem, and its docs page
loads nothing from another origin."""

from __future__ import annotations

import json
import re

import pytest
from litestar.testing import AsyncTestClient
from openapi_spec_validator import validate

from service.http.app import create_app
from service.http.context import IDEMPOTENCY_KEY, parse_if_match
from service.http.openapi import PARAMETER_PATTERNS
from service.http.problems import ProblemError
from tests.contract.conftest import SPEC

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


@pytest.fixture(scope="module")
def spec() -> dict:
    return json.loads(SPEC.read_text())


def operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            yield f"{method.upper()} {path}", op


def test_the_spec_is_valid_openapi(spec):
    validate(spec)


def test_operation_ids_are_unique_camel_case(spec):
    ids = [op["operationId"] for _, op in operations(spec)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-zA-Z0-9]*", i) for i in ids), ids


def test_every_operation_documents_its_problems_and_a_default(spec):
    for where, op in operations(spec):
        responses = op["responses"]
        assert op.get("tags") and op.get("summary"), where
        assert "default" in responses, where
        for status, response in responses.items():
            if status == "default" or status[0] in "45":
                assert response["content"] == PROBLEM, f"{where} {status}"
        if op.get("security") != []:
            assert {"401", "429"} <= set(responses), where
        if op.get("parameters"):
            assert "400" in responses, where
        if "requestBody" in op:
            assert {"400", "413", "422"} <= set(responses), where
        if "412" in responses:
            assert responses["412"]["headers"]["ETag"]["schema"]["type"] == "string", where


def test_only_the_health_checks_need_no_key(spec):
    open_to_all = [where for where, op in operations(spec) if op.get("security") == []]
    assert open_to_all == ["GET /health", "GET /ready"]


def test_every_header_has_a_string_schema(spec):
    for where, op in operations(spec):
        for param in op.get("parameters", []):
            if param["in"] == "header":
                assert param["schema"]["type"] == "string", f"{where} {param['name']}"
            assert "default" not in param["schema"] or param["schema"]["default"] != "", where
        for status, response in op["responses"].items():
            for name, header in response.get("headers", {}).items():
                assert header["schema"]["type"] == "string", f"{where} {status} {name}"


def test_commands_document_etag_position_if_match_and_idempotency_key(spec):
    for where, op in operations(spec):
        if "Pactum-Position" in op["responses"].get("201", {}).get("headers", {}):
            assert "ETag" in op["responses"]["201"]["headers"], where
            headers = {p["name"] for p in op["parameters"] if p["in"] == "header"}
            assert {"If-Match", "Idempotency-Key"} <= headers, where
    read = spec["paths"]["/agreements/{agreementId}"]["get"]
    assert read["responses"]["200"]["headers"]["ETag"]["schema"] == {
        "type": "string",
        "pattern": '^"[0-9]+"$',
    }


def test_path_parameters_are_camel_case(spec):
    for path in spec["paths"]:
        assert all("_" not in name for name in re.findall(r"\{(\w+)\}", path)), path


def test_discriminator_mappings_use_wire_tags(spec):
    for name, schema in spec["components"]["schemas"].items():
        if mapping := schema.get("discriminator", {}).get("mapping"):
            for tag, ref in mapping.items():
                target = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
                field = schema["discriminator"]["propertyName"]
                assert target["properties"][field].get("const", tag) == tag, name


@pytest.mark.parametrize("value", ['"7"', 'W/"7"', "*", "", "seven", '"7', '"12345678901"', "7", '"-1"'])
def test_the_if_match_pattern_is_what_the_server_accepts(value):
    try:
        parse_if_match(value)
        accepted = True
    except ProblemError:
        accepted = False
    assert bool(re.fullmatch(PARAMETER_PATTERNS["If-Match"], value)) == accepted


@pytest.mark.parametrize("value", ["", "k-1", "a" * 255, "a" * 256, "a b", "é", "~!"])
def test_the_idempotency_key_pattern_is_what_the_server_accepts(value):
    accepted = value == "" or bool(IDEMPOTENCY_KEY.match(value))  # empty: as if absent
    assert bool(re.fullmatch(PARAMETER_PATTERNS["Idempotency-Key"], value)) == accepted


async def test_the_docs_page_loads_only_same_origin_assets():
    async with AsyncTestClient(create_app()) as client:
        page = await client.get("/schema")
        assert page.status_code == 200 and "SwaggerUIBundle" in page.text
        refs = re.findall(r"""(?:src|href)\s*=\s*['"]([^'"]+)['"]""", page.text)
        assert len(refs) >= 4, refs  # stylesheet, bundle, preset, icon
        assert not re.search(r"(?:src|href)\s*=\s*['\"](?:https?:)?//", page.text)
        for ref in refs:
            assert ref.startswith("/") and not ref.startswith("//"), ref
            asset = await client.get(ref)
            assert asset.status_code == 200 and len(asset.content) > 100, ref
