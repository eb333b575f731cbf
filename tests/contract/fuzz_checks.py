"""Checks schemathesis runs on every response of the contract fuzzing, loaded by its `hooks` setting.

A status alone hides too much: a 422 is a rule of the domain or the decoder refusing what the spec allows,
a 401 is a request without a key or a key the run itself revoked.
"""

from __future__ import annotations

import json
import os

import schemathesis

PROBLEM = "urn:pactum:problem:"
# Problems of the decoder, not of a rule: data the spec calls valid never meets them.
DECODER_PROBLEMS = {
    "invalid-body", "malformed-body", "unsupported-media-type", "invalid-parameter", "invalid-if-match",
    "invalid-idempotency-key", "body-too-large", "internal-error",
}
RUN_KEYS = set(filter(None, os.environ.get("PACTUM_FUZZ_KEYS", "").split(",")))  # must stay valid
CHECKED = os.environ.get("PACTUM_FUZZ_CHECKED")  # a file to leave, to show these checks ran


def _checked() -> None:
    if CHECKED and not os.path.exists(CHECKED):
        with open(CHECKED, "w") as marker:
            marker.write("ran\n")


def _problem_type(response) -> str:
    try:
        body = json.loads(response.content)
    except ValueError:
        return ""
    return str(body.get("type", "")).removeprefix(PROBLEM) if isinstance(body, dict) else ""


@schemathesis.check
def valid_data_passes_the_decoder(ctx, response, case):
    """Positive data breaks no schema, so the decoder (body, parameters, headers) lets it through."""
    _checked()
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code < 400:
        return None
    if (kind := _problem_type(response)) in DECODER_PROBLEMS:
        raise AssertionError(
            f"the decoder refused data the spec allows: {response.status_code} {kind}\n"
            f"{response.content[:500]!r}"
        )
    return None


@schemathesis.check
def the_run_keys_stay_valid(ctx, response, case):
    """No operation may revoke, or rotate away, a key the rest of the run goes on using."""
    if response.status_code != 401:
        return None
    scheme, _, token = (response.request.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() == "bearer" and token in RUN_KEYS:
        raise AssertionError("a key of the run was refused: an operation revoked it")
    return None
