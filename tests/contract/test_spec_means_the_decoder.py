"""The committed description says what the decoder does: every pattern reads the same in ECMA-262 (checked
with node) and in Python's re (msgspec's), every string of a body is constrained, integer bounds are
integers."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from tests.contract.conftest import SPEC

PROBES = [
    "",
    "a",
    "A1",
    "A1\n",
    "\nA1",
    "A1\r",
    "a\x00b",
    "a\x1f",
    "\x1f",
    "a\x7f",
    "a\x85",
    "a\x9b",
    "\u00a0",
    "\ufeff",
    "a b",
    "a\tb",
    "a\r\nb",
    "line\n",
    "é",
    "中山",
    "😀",
    "\u2028",
    "https://a.example/x",
    "https://a.example/\x1f",
    "https://a.example/é",
    "http://a b",
    '"7"',
    '"7"\n',
    'W/"7"',
    "*",
    "zh-Hans",
    "zh-Hans\n",
    "pt-MO",
    "a" * 64,
    "a" * 64 + "\n",
    "12",
    "12\n",
    "k-1",
    "A1.1",
    "-A1",
    "~!",
]
ECMA = """
const {patterns, probes} = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const p of patterns) {
  out[p] = [probes.map(s => new RegExp(p).test(s)), probes.map(s => new RegExp(p, "u").test(s))];
}
process.stdout.write(JSON.stringify(out));
"""


def walk(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, child in node.items():
            yield from walk(child, f"{path}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from walk(child, f"{path}/{i}")


@pytest.fixture(scope="module")
def spec() -> dict:
    return json.loads(SPEC.read_text())


def test_every_pattern_reads_the_same_in_ecma_262_and_python(spec):
    patterns = sorted({node["pattern"] for _, node in walk(spec) if isinstance(node.get("pattern"), str)})
    assert len(patterns) >= 10, patterns
    node = shutil.which("node")
    assert node, "node is needed to read the patterns as ECMA-262 does"
    result = subprocess.run(
        [node, "-e", ECMA],
        input=json.dumps({"patterns": patterns, "probes": PROBES}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    ecma = json.loads(result.stdout)
    for pattern in patterns:
        python = [bool(re.search(pattern, s)) for s in PROBES]
        plain, unicode = ecma[pattern]
        differ = [s for s, a, b, c in zip(PROBES, python, plain, unicode, strict=True) if not a == b == c]
        assert not differ, f"{pattern} reads differently for {differ}"


def test_a_trailing_newline_or_a_control_character_fails_every_one_line_pattern(spec):
    """The reason patterns end "(?!\\n)$": Python's bare "$" matches before a final newline."""
    code = spec["components"]["schemas"]["DefineAreaRequest"]["properties"]["code"]["pattern"]
    assert re.search(code, "A1") and not re.search(code, "A1\n") and not re.search(code, "A\x001")


def test_every_string_of_a_request_body_is_constrained(spec):
    bodies = {
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for item in spec["paths"].values()
        for op in item.values()
        if "requestBody" in op
    }
    schemas = spec["components"]["schemas"]
    seen, todo, loose = set(), list(bodies), []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for where, node in walk(schemas[name], name):
            if "$ref" in node:
                todo.append(node["$ref"].rsplit("/", 1)[1])
            if node.get("type") == "string" and not {"pattern", "enum", "format", "const"} & set(node):
                loose.append(where)
    assert len(seen) > len(bodies)  # nested schemas were followed
    assert not loose, f"strings without a pattern, format or enum: {loose}"


def test_integer_bounds_are_written_as_integers(spec):
    floats = [
        f"{where}/{key}"
        for where, node in walk(spec)
        for key, value in node.items()
        if key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf")
        and isinstance(value, float)
    ]
    assert not floats
    parameters = spec["paths"]["/agreements"]["get"]["parameters"]
    min_position = next(p for p in parameters if p["name"] == "minPosition")
    assert min_position["schema"]["maximum"] == 4611686018427387904


def test_every_operation_with_a_body_documents_415(spec):
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if "requestBody" in op:
                assert op["responses"]["415"]["content"] == {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                }, f"{method} {path}"
