"""Make the generated API description tell the truth (API-NOTES.md), once, when the app is built.

Runs at construction, not in a lifespan hook, so `pactum openapi` and `/schema/openapi.json` agree. Works on
the JSON form of litestar's description and puts it back in place of the original parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import msgspec
from litestar import Litestar
from litestar.openapi.spec.base import BaseSchemaObject
from litestar.routes import HTTPRoute

from service.http.problems import PROBLEM_JSON, PROBLEMS
from service.http.wire import END, LocalizedTextIn
from service.reads.wire import LocalizedTextView

REF = "#/components/schemas/{name}"
METHODS = ("get", "put", "post", "delete", "patch")
SHARED = {"LocalizedTextIn": LocalizedTextIn, "LocalizedTextView": LocalizedTextView}  # named, not inlined
ERROR_HEADERS = {  # what each status's problem response always carries
    401: {"WWW-Authenticate": "How to authenticate: Bearer"},
    412: {"ETag": "The resource's current version"},
    429: {"Retry-After": "Seconds until the key's window resets"},
    503: {"Retry-After": "Seconds to wait before retrying"},
}
RATE_LIMIT_HEADERS = {  # on answers to requests whose key was checked
    "RateLimit-Limit": "Requests allowed per key in each window",
    "RateLimit-Remaining": "Requests left in this window",
    "RateLimit-Reset": "Seconds until the window resets",
    "RateLimit-Policy": "The limit and its window, e.g. 1200;w=60",
}
HEADER_PATTERNS = {
    "ETag": r'^"[0-9]+"' + END,
    **{name: r"^[0-9]+" + END for name in ("Pactum-Position", "Retry-After", "RateLimit-Limit",
                                           "RateLimit-Remaining", "RateLimit-Reset")},
}
# What context.py accepts (anything else is a 400), in JSON Schema's regex dialect; empty is as absent.
PARAMETER_PATTERNS = {
    "If-Match": r'^(\*|(W/)?"[0-9]{1,10}")?' + END,
    "Idempotency-Key": r"^[\x21-\x7e]{0,255}" + END,
}
BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
REQUEST_RULES = """

Every command body is JSON, sent as `application/json` (or a `+json` type; a charset, if named, is
UTF-8): anything else is a 415 `unsupported-media-type` problem. The body is read strictly, as its
schema says and nothing more: an object that names a member twice, a lone surrogate (`\\ud800`), NaN
or a string where a number belongs is a 422 `invalid-body` (400 `malformed-body` for what is not
JSON). A number is an integer when it has no fraction, as in JSON Schema (`2.0` is 2). Free text
takes no control characters but tab, line feed and carriage return; codes, labels, URLs and document
numbers take none. Patterns read the same in ECMA-262 and in Python's `re`. A query parameter that an
operation does not name is a 400 `invalid-parameter`, not ignored."""


@dataclass
class Raw(BaseSchemaObject):
    """A part of the description as JSON."""

    value: dict[str, Any]

    def to_schema(self) -> dict[str, Any]:
        return self.value


def publish(app: Litestar) -> None:
    spec = app.openapi_schema
    spec.info.description = (spec.info.description or "") + REQUEST_RULES
    handlers = {
        (route.path_format, method.lower()): handler
        for route in app.routes
        if isinstance(route, HTTPRoute)
        for handler in route.route_handlers
        for method in handler.http_methods
    }
    bodies = [h.parsed_data_field.annotation for h in handlers.values() if h.parsed_data_field]
    schemas = {name: schema.to_schema() for name, schema in spec.components.schemas.items()}
    schemas.update(_request_schemas(bodies))
    _name_shared(schemas)
    _discriminate(schemas)
    _integral_bounds(schemas)
    spec.components.schemas = {name: Raw(schema) for name, schema in sorted(schemas.items())}
    paths = {}
    for path, item in spec.paths.items():
        item = item.to_schema()
        for method in METHODS:
            if method in item:
                _operation(item[method], handlers[(path, method)])
        paths[re.sub(r"\{(\w+)\}", lambda m: "{" + _camel(m.group(1)) + "}", path)] = Raw(item)
    spec.paths = paths


def _integral_bounds(node: Any) -> None:
    """litestar writes the integer bounds of response fields as floats (1.0): an integer's are integers."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for bound in BOUNDS:
                if isinstance(node.get(bound), float):
                    node[bound] = int(node[bound])
        for child in node.values():
            _integral_bounds(child)
    elif isinstance(node, list):
        for child in node:
            _integral_bounds(child)


def _request_schemas(bodies: list[type]) -> dict[str, Any]:
    """Bodies are decoded strictly by msgspec, so msgspec's own schema of them is the truth: it keeps the
    constraints litestar drops (list items, map keys and sizes) and says that unknown fields are refused."""
    _, components = msgspec.json.schema_components(bodies, ref_template=REF)
    # litestar's enum schemas also say the type
    return {name: schema for name, schema in components.items() if "enum" not in schema}


def _name_shared(schemas: dict[str, Any]) -> None:
    """One named schema (one SDK type) for a map used in many places, instead of one per place."""
    for name, alias in SHARED.items():
        (inline,), _ = msgspec.json.schema_components([alias], ref_template=REF)
        ref = {"$ref": REF.format(name=name)}
        for schema in schemas.values():
            _replace(schema, inline, ref)
        schemas[name] = inline


def _discriminate(schemas: dict[str, Any]) -> None:
    """litestar leaves tagged unions of response Structs without the discriminator typed clients need."""

    def tag(ref: dict) -> str | None:
        name = ref.get("$ref", "").rpartition("/")[2]
        return schemas.get(name, {}).get("properties", {}).get("type", {}).get("const")

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            members = node.get("oneOf") or []
            if members and "discriminator" not in node and all(tag(m) for m in members):
                node["discriminator"] = {"propertyName": "type",
                                         "mapping": {tag(m): m["$ref"] for m in members}}
            for child in node.values():
                visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(schemas)


def _replace(node: Any, old: dict, new: dict) -> None:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in list(items):
        if child == old:
            node[key] = dict(new)
        else:
            _replace(child, old, new)


def _operation(op: dict[str, Any], handler) -> None:
    params = set(handler.parsed_fn_signature.parameters)
    responses = op["responses"]
    statuses = {int(s) for s in responses if s[0] in "45"}
    keyed = bool({"caller", "ctx", "run", "visibility"} & params)  # authenticated and rate limited
    if keyed:
        statuses |= {401, 429}
    else:
        op["security"] = []
    if op.get("parameters"):
        statuses.add(400)
    if handler.parsed_data_field is not None:
        statuses |= {400, 413, 415, 422}
        if handler.parsed_data_field.is_optional and "requestBody" in op:
            # context.strict_body lets an empty body through; one that is sent must be the object
            op["requestBody"]["required"] = False
            for media in op["requestBody"]["content"].values():
                media["schema"] = next(s for s in media["schema"]["oneOf"] if "$ref" in s)
    for status in statuses:
        responses[str(status)] = _problem(status)
    responses["default"] = _problem(None)
    if keyed:
        for status, response in responses.items():
            if status not in ("401", "default"):
                response.setdefault("headers", {}).update(  # absent when refused before the key is checked
                    {name: {"description": d, "required": False} for name, d in RATE_LIMIT_HEADERS.items()})
    op["responses"] = dict(sorted(responses.items()))
    for param in op.get("parameters", []):
        _parameter(param)
    # what context.strict_body lets through: the query parameters the operation names, as their schemas say
    handler.opt["query_parameters"] = {param["name"]: param["schema"]
                                       for param in op.get("parameters", []) if param["in"] == "query"}
    for response in responses.values():
        for name, header in response.get("headers", {}).items():
            pattern = {"pattern": HEADER_PATTERNS[name]} if name in HEADER_PATTERNS else {}
            header["schema"] = {"type": "string", **pattern}


def _problem(status: int | None) -> dict[str, Any]:
    response = {
        "description": PROBLEMS[status],
        "content": {PROBLEM_JSON: {"schema": {"$ref": REF.format(name="Problem")}}},
    }
    if headers := ERROR_HEADERS.get(status):
        response["headers"] = {name: {"description": d, "required": True} for name, d in headers.items()}
    return response


def _parameter(param: dict[str, Any]) -> None:
    """Parameters never take null, and an empty default is no default (clients would send it)."""
    schema = param["schema"]
    if param["in"] == "path":
        param["name"] = _camel(param["name"])
    if schema.get("default") == "":
        del schema["default"]
    if "oneOf" in schema:
        kept = [s for s in schema["oneOf"] if s.get("type") != "null"]
        if len(kept) == 1:
            del schema["oneOf"]
            schema.update(kept[0])
    for bound in BOUNDS:  # litestar writes a parameter's integer bounds as floats: 100.0, 4.6e+18
        if schema.get("type") == "integer" and isinstance(schema.get(bound), float):
            schema[bound] = int(schema[bound])
    if param["in"] == "header" and param["name"] in PARAMETER_PATTERNS:
        schema.pop("maxLength", None)  # the pattern says it all, the length included
        schema["pattern"] = PARAMETER_PATTERNS[param["name"]]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w.title() for w in rest)
