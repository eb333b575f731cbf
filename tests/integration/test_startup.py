"""Start-up refuses bad settings in one line, before anything is served; demo keys survive restarts;
SIGTERM lets a request in flight finish, then stops everything, the database last."""

from __future__ import annotations

import asyncio
import concurrent.futures
import signal
import socket
import stat
import threading
import time
from pathlib import Path

import httpx
import pytest

from service.store.signed_note import Signer
from tests.integration import processes as p
from tests.integration.processes import free_port, pactum, printed_keys, run


@pytest.fixture
def data_dir(tmp_path: Path):
    yield tmp_path
    p.kill_leftovers(tmp_path)


def one_line_refusal(result) -> str:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_bad_port_value_is_one_line(data_dir: Path):
    result = run("serve", env={"PORT": "abc", "PACTUM_DATA_DIR": str(data_dir)})
    assert one_line_refusal(result) == "PORT='abc': not a whole number"
    assert not (data_dir / "pgdata").exists()


def test_an_occupied_port_stops_start_up_before_the_database_or_any_key(data_dir: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", env={"PORT": str(port), "PACTUM_DATA_DIR": str(data_dir), "DATABASE_URL": None})
    assert one_line_refusal(result) == (
        f"PORT={port}: cannot listen on 127.0.0.1:{port} (Address already in use)")
    assert not (data_dir / "pgdata").exists()
    assert not (data_dir / "demo-keys.json").exists()


def test_an_unreachable_database_url_is_one_line_without_the_password(data_dir: Path):
    port = free_port()
    result = run("serve", env={"DATABASE_URL": f"postgresql://pactum:s3cret@127.0.0.1:{port}/pactum",
                               "PORT": str(free_port()), "PACTUM_DATA_DIR": str(data_dir)})
    assert one_line_refusal(result) == (
        f"DATABASE_URL=postgresql://pactum:***@127.0.0.1:{port}/pactum: cannot connect "
        "([Errno 111] Connection refused)")


def test_a_malformed_database_url_is_one_line(data_dir: Path):
    result = run("migrate", env={"DATABASE_URL": "postgres://db:five/pactum"})
    assert one_line_refusal(result) == (
        "DATABASE_URL: malformed URL (Port could not be cast to integer value as 'five')")


def test_keys_issue_refuses_an_unknown_party(seeded, dsn: str):
    refused = run("keys", "issue", "--party", "XX-NOWHERE", env={"DATABASE_URL": dsn})
    assert one_line_refusal(refused) == "--party XX-NOWHERE: no such party in the registry (see GET /parties)"
    issued = run("keys", "issue", "--party", "ZH-HRSS", env={"DATABASE_URL": dsn})
    assert issued.returncode == 0
    assert issued.stdout.startswith("pk_")


def long_poll(port: int, key: str, answers: list) -> None:
    try:
        answers.append(httpx.get(f"http://127.0.0.1:{port}/events?after=0&wait=4",
                                 headers={"Authorization": f"Bearer {key}"}, timeout=20))
    except httpx.HTTPError as error:
        answers.append(error)


def test_demo_keys_survive_a_restart_and_sigterm_lets_the_request_in_flight_finish(data_dir: Path):
    port = free_port()
    env = {"PORT": str(port), "PACTUM_DATA_DIR": str(data_dir), "DATABASE_URL": None}
    first = pactum("serve", "--no-seed", env=env)
    keys = printed_keys(first)
    # the signatories of the seed's agreements: ZZJ's three, Guangdong-Macao's two, Guangdong-Hong Kong's two
    assert list(keys) == ["admin", "ZH-HRSS", "ZS-HRSS", "JM-HRSS", "GD-HRSS", "MO-GOV", "GD-GOV", "HK-GOV"]
    kept = data_dir / "demo-keys.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600

    answers: list = []
    poller = threading.Thread(target=long_poll, args=(port, keys["admin"], answers))
    poller.start()
    time.sleep(1.0)  # the long poll is in flight, waiting for an event
    database = p.postmaster_pid(data_dir)
    first.send_signal(signal.SIGTERM)
    poller.join(timeout=20)
    assert first.wait(timeout=30) == 0, first.stderr.read()[-2000:]
    assert [a.status_code for a in answers] == [200]
    assert answers[0].json()["items"] == []
    assert not p.running(database), "SIGTERM left the embedded PostgreSQL running"

    second = pactum("serve", "--no-seed", env=env)
    assert printed_keys(second) == keys
    agreements = httpx.get(f"http://127.0.0.1:{port}/agreements",
                           headers={"Authorization": f"Bearer {keys['ZH-HRSS']}"}, timeout=10)
    assert agreements.status_code == 200
    second.send_signal(signal.SIGTERM)
    assert second.wait(timeout=30) == 0


def test_the_smallest_pool_still_serves_requests_beside_the_workers_and_watches(dsn: str, data_dir: Path):
    port = free_port()
    server = pactum("serve", "--no-seed", env={"PORT": str(port), "PACTUM_DATA_DIR": str(data_dir),
                                               "DATABASE_URL": dsn, "PACTUM_POOL_SIZE": "2"})
    try:
        admin = printed_keys(server)["admin"]
        auth = {"Authorization": f"Bearer {admin}"}
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=auth, timeout=20) as client:
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                reads = list(pool.map(lambda _: client.get("/agreements").status_code, range(16)))
            party = client.post("/parties", json={"code": "POOL-TEST", "names": {
                "en": {"text": "Pool test bureau", "kind": "authentic"}}})
        assert reads == [200] * 16
        assert party.status_code == 201, party.text
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


async def test_a_process_whose_log_key_did_not_sign_the_logs_checkpoints_is_refused_in_one_line(seeded, dsn):
    await seeded.sequencer.catch_up()
    await seeded.integrator.catch_up()  # checkpoints signed with the tests' key
    signed = await seeded.pool.fetchval("SELECT key_id FROM tlog_checkpoint ORDER BY size DESC LIMIT 1")
    another = Signer.generate("pactum.test/another")
    env = {"DATABASE_URL": dsn, "PACTUM_LOG_KEY": str(another)}
    for command in (("project",), ("serve", "--api-only")):
        result = await asyncio.to_thread(run, *command, env=env)
        assert one_line_refusal(result) == (
            f"PACTUM_LOG_KEY: the log's checkpoints are signed with key {bytes(signed).hex()}, this process "
            f"has key {another.verifier.id.hex()}; give every process the log's key (PACTUM_LOG_KEY or "
            "PACTUM_LOG_KEY_FILE)")
