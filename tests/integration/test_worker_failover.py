"""Two real `pactum project` workers on one database: SIGKILL the owner under load, the standby takes over."""

from __future__ import annotations

import asyncio
import os
import signal
import time

import asyncpg

import projections
from domain.party import Party
from domain.values import PartyRole
from service.seed import agreement_id_for
from service.system import System
from service.usecases.commands import AddParty, DefineArea, DraftAgreement
from tests.integration.processes import pactum
from tests.integration.test_projections import ADMIN, last_position, register, snapshot, text

TAKEOVER_S = 5.0


async def started(proc, pool: asyncpg.Pool, locks: int) -> None:
    """Wait until the worker says it started and the database holds `locks` advisory locks in all."""
    line = await asyncio.to_thread(proc.stdout.readline)
    assert line.startswith("projection runner and sequencer started"), line + proc.stderr.read()
    for _ in range(200):
        if await pool.fetchval("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'") >= locks:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the worker took no locks")


async def caught_up(system: System, position: int, within: float) -> float:
    """Seconds until every projection has applied `position`."""
    began = time.monotonic()
    while time.monotonic() - began < within:
        behind = await system.pool.fetchval(
            "SELECT count(*) FROM projection_tracking WHERE name = ANY($1) AND position < $2",
            [p.name for p in projections.ALL], position)
        if behind == 0 and not await system.pool.fetchval(
                "SELECT EXISTS (SELECT 1 FROM events e JOIN projection_tracking t ON t.name = ANY($1) "
                "WHERE (e.txid, e.position) > (t.txid, t.position) AND e.position <= $2)",
                [p.name for p in projections.ALL], position):
            return time.monotonic() - began
        await asyncio.sleep(0.05)
    raise AssertionError(f"the projections did not apply position {position} within {within} s")


async def test_the_standby_takes_over_within_5_seconds_of_a_sigkill_and_applies_nothing_twice(seeded, dsn):
    env = {"DATABASE_URL": dsn, "PACTUM_LOG_LEVEL": "warning"}
    owner = pactum("project", env=env)
    standby = None
    try:
        await started(owner, seeded.pool, locks=len(projections.ALL) + 1)  # and the sequencer's
        standby = pactum("project", env=env)
        await started(standby, seeded.pool, locks=len(projections.ALL) + 1)
        killed = asyncio.Event()

        async def write(prefix: str) -> None:  # each writer its own agreement: no conflicts between them
            deal = agreement_id_for(f"FAILOVER-{prefix}")
            await seeded.commands.execute(DraftAgreement(agreement_id=deal, code=f"FAILOVER-{prefix}",
                                                         title=text(prefix), authentic_language="en"), ADMIN)
            for i in range(40):
                await register(seeded, f"{prefix}-{i}")
                party = Party.id_for(f"{prefix}-{i}")
                await seeded.commands.execute(AddParty(agreement_id=deal, party_id=party,
                                                       role=PartyRole.SIGNATORY), ADMIN)
                await seeded.commands.execute(DefineArea(agreement_id=deal, code=f"{prefix}{i}",
                                                         title=text(f"Area {i}")), ADMIN)
                if i == 15:
                    killed.set()

        async def kill_owner() -> float:
            await killed.wait()
            os.killpg(owner.pid, signal.SIGKILL)
            began = time.monotonic()
            position = await register(seeded, "AFTER-KILL")
            await caught_up(seeded, position, within=TAKEOVER_S)
            return time.monotonic() - began

        writers = [write("W1"), write("W2")]
        *_, takeover = await asyncio.gather(*writers, kill_owner())
        owner.wait(timeout=10)
        assert takeover < TAKEOVER_S
        print(f"standby applied the first event after the SIGKILL in {takeover:.2f} s")
        await caught_up(seeded, await last_position(seeded.pool), within=TAKEOVER_S)
        standby.send_signal(signal.SIGTERM)
        assert standby.wait(timeout=30) == 0, standby.stderr.read()[-2000:]
    finally:
        for proc in (owner, standby):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    followed = await snapshot(seeded.pool)
    summary = [row for row in followed["agreement_summary"] if row["code"].startswith("FAILOVER-")]
    assert len(summary) == 2
    assert len([r for r in followed["party_directory"] if r["code"].startswith(("W1-", "W2-"))]) == 80
    for projection in projections.ALL:
        await seeded.runner.rebuild(projection)
    assert await snapshot(seeded.pool) == followed
