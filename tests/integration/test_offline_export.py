"""docs/verify_export.py on a live export: signature, every inclusion proof, consistency with an older
checkpoint the auditor kept; and the same script catching an altered export."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli.log import export_to
from service.store.checkpoint_note import Checkpoint
from service.store.signed_note import Signer
from tests.integration.log_helpers import log_system, logged, register_parties

SCRIPT = Path(__file__).parents[2] / "docs" / "verify_export.py"


def verify(export: Path, key: str, older: Path | None = None) -> subprocess.CompletedProcess:
    extra = ["--older", str(older)] if older else []
    return subprocess.run([sys.executable, str(SCRIPT), str(export), "--key", key, *extra],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
async def exported(pool, tmp_path):
    system = await logged(log_system(pool, tmp_path))
    older = await system.checkpoints.latest()
    (tmp_path / "older.note").write_text(older.note)
    await register_parties(system, 4)
    await logged(system, seed=False)
    count = await export_to(system, tmp_path / "log.jsonl", None, older.size)
    return system, tmp_path, older, count


async def test_the_script_verifies_a_whole_log_export_and_its_consistency_with_an_older_checkpoint(exported):
    system, tmp, older, count = exported
    events = await system.pool.fetchval("SELECT count(*) FROM events")
    assert count == events == older.size + 4
    done = verify(tmp / "log.jsonl", str(system.log_signer.verifier), tmp / "older.note")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == (f"pactum.test/log: checkpoint {events} signed; {events} of {events} "
                                   "events proved; consistent with the older checkpoint")


async def test_an_agreement_export_verifies(exported):
    system, tmp, _, _ = exported
    agreement = await system.pool.fetchval(
        "SELECT stream_id FROM events WHERE stream_type = 'agreement' LIMIT 1")
    count = await export_to(system, tmp / "one.jsonl", agreement, None)
    assert count == await system.pool.fetchval("SELECT count(*) FROM events WHERE stream_id = $1", agreement)
    done = verify(tmp / "one.jsonl", str(system.log_signer.verifier))
    assert done.returncode == 0 and f"{count} of {count} events proved" in done.stdout


async def test_an_altered_leaf_a_forged_older_checkpoint_and_another_key_fail(exported):
    system, tmp, older, _ = exported
    lines = (tmp / "log.jsonl").read_text().splitlines()
    event = json.loads(lines[5])
    leaf = base64.b64decode(event["leaf"]).replace(b'"version":', b'"version": ', 1)
    lines[5] = json.dumps({**event, "leaf": base64.b64encode(leaf).decode()})
    (tmp / "altered.jsonl").write_text("\n".join(lines) + "\n")
    done = verify(tmp / "altered.jsonl", str(system.log_signer.verifier))
    assert done.returncode == 1 and f"FAIL: seq {event['seq']} is not in the checkpoint" in done.stdout

    forged_root = bytes(32)
    (tmp / "forged.note").write_text(system.log_signer.sign(
        Checkpoint("pactum.test/log", older.size, forged_root).body()))
    done = verify(tmp / "log.jsonl", str(system.log_signer.verifier), tmp / "forged.note")
    assert done.returncode == 1
    assert f"FAIL: the older checkpoint of size {older.size} is not a prefix of this one" in done.stdout

    other = Signer.generate("pactum.test/log")
    done = verify(tmp / "log.jsonl", str(other.verifier))
    assert done.returncode == 1
    assert "FAIL: the checkpoint carries no signature by pactum.test/log+" in done.stderr
