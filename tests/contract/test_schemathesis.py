"""Contract fuzzing: schemathesis, every check, bounded and seeded, against the live app finds nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.api.flow import JM, ZS
from tests.api.helpers import text
from tests.contract.conftest import SPEC

SEED = int(os.environ.get("PACTUM_FUZZ_SEED", "20250116"))  # fixed; override to explore
MAX_EXAMPLES = int(os.environ.get("PACTUM_FUZZ_EXAMPLES", "30"))
ADMIN_OPERATIONS = ("registerParty", "issueKey", "listKeys", "revokeKey")
# Every exemption, with its reason. Schema-valid requests the API refuses by design:
REFUSED_BY_DESIGN = {
    # a rule of the domain that no schema can state ("the authentic language has a title", "every party is
    # registered", "all signatories signed first"), or an If-Match naming another version than the current
    "*": ["412", "422"],
    # cursors are opaque: only those the API handed out are valid, and no pattern can say which
    "listParties": ["400"],
    # ... and minPosition may name a log position not written yet: 400 unknown-position
    "listAgreements": ["400"],
    "getAgreement": ["400"],
    "getAgreementProgress": ["400"],
    "getPartyObligations": ["400"],
    "listAtRisk": ["400"],
}
ACCEPTED = ["2xx", "401", "403", "404", "409", "429"]


def config(keys: dict[str, str], agreement_id: str) -> str:
    """schemathesis.toml: a party key for everything, the admin key where only an admin may act, and a
    real draft agreement of that party, so commands get past 404 into the rules."""
    lines = [
        f"seed = {SEED}",
        "[generation]",
        f"max-examples = {MAX_EXAMPLES}",
        "[auth.openapi.apiKey]",
        f'bearer = "{keys["ZH-HRSS"]}"',
        "[parameters]",
        f'"path.agreementId" = "{agreement_id}"',
        "[checks.positive_data_acceptance]",
        f"expected-statuses = {json.dumps(ACCEPTED + REFUSED_BY_DESIGN['*'])}",
    ]
    for op in ADMIN_OPERATIONS:
        lines += [
            "[[operations]]",
            f'include-operation-id = "{op}"',
            f'headers = {{ Authorization = "Bearer {keys["admin"]}" }}',
        ]
    for op, statuses in REFUSED_BY_DESIGN.items():
        if op != "*":
            expected = ACCEPTED + REFUSED_BY_DESIGN["*"] + statuses
            lines += [
                "[[operations]]",
                f'include-operation-id = "{op}"',
                f"checks.positive_data_acceptance.expected-statuses = {json.dumps(expected)}",
            ]
    return "\n".join(lines) + "\n"


def draft_agreement(url: str, key: str) -> str:
    auth = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=url, headers=auth) as client:
        draft = {"code": "FUZZ-1", "title": text("模糊测试"), "authenticLanguage": "zh-Hans"}
        r = client.post("/agreements", json=draft)
        assert r.status_code == 201, r.text
        agreement = r.json()["id"]
        for party in (ZS, JM):
            r = client.post(f"/agreements/{agreement}/parties", json={"partyId": party, "role": "signatory"})
            assert r.status_code == 201, r.text
        r = client.post(f"/agreements/{agreement}/areas", json={"code": "A1", "title": text("就业")})
        assert r.status_code == 201, r.text
    return agreement


@pytest.mark.fuzz
def test_schemathesis_finds_no_failure(live, tmp_path: Path):
    agreement = draft_agreement(live.url, live.keys["ZH-HRSS"])
    (tmp_path / "schemathesis.toml").write_text(config(live.keys, agreement))
    cmd = [
        str(Path(sys.executable).parent / "schemathesis"),
        "--config-file",
        str(tmp_path / "schemathesis.toml"),
        "run",
        str(SPEC),
        "--url",
        live.url,
        "--checks",
        "all",
        "--workers",
        "2",
        "--no-color",
        "--output-truncate=false",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert result.returncode == 0, result.stdout[-30000:] + result.stderr[-5000:]
