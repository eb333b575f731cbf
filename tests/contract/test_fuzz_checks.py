"""The fuzzing's own checks fail what a status alone would let pass."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.contract.test_schemathesis import CHECKS


def load_checks(monkeypatch, keys: str = "pk_run"):
    monkeypatch.setenv("PACTUM_FUZZ_KEYS", keys)
    spec = importlib.util.spec_from_file_location("fuzz_checks_under_test", CHECKS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case(positive: bool = True):
    mode = SimpleNamespace(is_positive=positive)
    return SimpleNamespace(meta=SimpleNamespace(generation=SimpleNamespace(mode=mode)))


def response(status: int, kind: str = "", token: str = ""):
    body = f'{{"type": "urn:pactum:problem:{kind}"}}'.encode() if kind else b"{}"
    request = SimpleNamespace(headers={"Authorization": f"Bearer {token}"} if token else {})
    return SimpleNamespace(status_code=status, content=body, request=request)


def test_positive_data_refused_by_the_decoder_fails(monkeypatch):
    checks = load_checks(monkeypatch)
    with pytest.raises(AssertionError, match="invalid-body"):
        checks.valid_data_passes_the_decoder(None, response(422, "invalid-body"), case())
    with pytest.raises(AssertionError, match="unsupported-media-type"):
        checks.valid_data_passes_the_decoder(None, response(415, "unsupported-media-type"), case())


def test_a_rule_of_the_domain_and_negative_data_pass(monkeypatch):
    checks = load_checks(monkeypatch)
    assert checks.valid_data_passes_the_decoder(None, response(422, "missing-authentic-text"), case()) is None
    assert checks.valid_data_passes_the_decoder(None, response(422, "invalid-body"), case(False)) is None


def test_a_run_key_refused_fails_and_another_passes(monkeypatch):
    checks = load_checks(monkeypatch, "pk_run,pk_admin")
    with pytest.raises(AssertionError, match="revoked"):
        checks.the_run_keys_stay_valid(None, response(401, "unauthenticated", token="pk_admin"), case())
    other = response(401, "unauthenticated", token="pk_x")
    assert checks.the_run_keys_stay_valid(None, other, case()) is None
    assert checks.the_run_keys_stay_valid(None, response(401, "unauthenticated"), case()) is None


def test_the_checks_file_is_where_the_run_loads_it():
    assert Path(CHECKS).is_file()
