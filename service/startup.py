"""Checks that end start-up with one line naming the variable, and the demo keys kept between starts."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from service.config import Settings
from service.system import System

DEMO_LABEL = "demo"
DEMO_KEYS_FILE = "demo-keys.json"
CONNECT_TIMEOUT_S = 10


class StartupError(Exception):
    """Start-up cannot go on; the message is the one line the operator sees."""


def listening_socket(settings: Settings) -> socket.socket:
    """The API's socket, bound now, so that an occupied port stops start-up before anything else."""
    try:
        infos = socket.getaddrinfo(settings.host, settings.port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise StartupError(f"HOST={settings.host!r}: cannot resolve it ({error.strerror or error})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise StartupError(
            f"PORT={settings.port}: cannot listen on {settings.host}:{settings.port} ({error.strerror})"
        ) from None
    sock.listen(2048)  # connections wait in the backlog until the API accepts them
    sock.set_inheritable(True)
    return sock


def redacted(url: str) -> str:
    """The URL without its password, fit for a log line."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[2]}"))


async def check_reachable(dsn: str, settings: Settings) -> None:
    """Connect once; an unreachable or refusing server ends start-up naming DATABASE_URL."""
    try:
        conn = await asyncpg.connect(dsn, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as error:
        where = f"DATABASE_URL={redacted(dsn)}" if settings.database_url else "the embedded PostgreSQL"
        reason = " ".join(str(error).split()) or type(error).__name__
        raise StartupError(f"{where}: cannot connect ({reason})") from None
    await conn.close()


async def check_log_key(system: System) -> None:
    """A process that serves or signs the transparency log has the key its checkpoints are signed with
    (or there is none yet). One that generated its own, on another host, would publish a key no checkpoint
    verifies under, or sign the next ones with it: to an auditor, a log that changed its key."""
    signed = await system.pool.fetchval(
        "SELECT key_id FROM tlog_checkpoint ORDER BY size DESC LIMIT 1")
    own = system.log_signer.verifier.id
    if signed is not None and bytes(signed) != own:
        raise StartupError(
            f"PACTUM_LOG_KEY: the log's checkpoints are signed with key {bytes(signed).hex()}, this process "
            f"has key {own.hex()}; give every process the log's key (PACTUM_LOG_KEY or PACTUM_LOG_KEY_FILE)")


def _keys_path(settings: Settings) -> Path:
    return settings.data_dir / DEMO_KEYS_FILE


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(text)
    os.chmod(path, 0o600)  # also when the file was there before with a wider mode


async def _still_valid(system: System, keys: list[list[str]]) -> bool:
    for _, token in keys:
        try:
            await system.keys.authenticate(token)
        except Exception:  # revoked, expired, or from another database
            return False
    return bool(keys)


async def demo_keys(system: System, parties: list[str]) -> list[tuple[str, str]]:
    """The demo keys (admin, then one per party code): those kept in the data directory while they work."""
    from domain.party import Party

    path = _keys_path(system.settings)
    try:
        kept = json.loads(path.read_text())
    except (OSError, ValueError):
        kept = []
    if [who for who, _ in kept] == ["admin", *parties] and await _still_valid(system, kept):
        return [(who, token) for who, token in kept]
    await system.keys.revoke_labelled(DEMO_LABEL)
    keys = [("admin", (await system.keys.issue(DEMO_LABEL, is_admin=True)).token)]
    for code in parties:
        keys.append((code, (await system.keys.issue(DEMO_LABEL, party_id=Party.id_for(code))).token))
    _write_private(path, json.dumps(keys, indent=1) + "\n")
    return keys


async def registered(system: System, code: str) -> bool:
    """Whether the party registry holds `code` (its stream has events)."""
    from domain.party import Party

    return bool(await system.pool.fetchval("SELECT EXISTS (SELECT 1 FROM events WHERE stream_id = $1)",
                                           Party.id_for(code)))
