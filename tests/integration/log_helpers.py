"""A system whose log signs a checkpoint at every catch-up, with its key in a directory of the test's own."""

from __future__ import annotations

import hashlib

from service.seed import Seeder
from service.system import System
from tests.conftest import test_settings


def leaf(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1 MTH, written out independently of service.store.merkle."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def log_system(pool, data_dir, **overrides) -> System:
    values = dict(data_dir=data_dir, checkpoint_interval_s=0, log_origin="pactum.test/log")
    return System(pool, test_settings(**(values | overrides)))


async def logged(system: System, seed: bool = True) -> System:
    """Seeded (optionally), sequenced, integrated, checkpointed."""
    if seed:
        await Seeder(system).run()
    await system.sequencer.catch_up()
    await system.integrator.catch_up()
    return system


async def register_parties(system: System, n: int, prefix: str = "EXTRA") -> None:
    """n more events: one new party each."""
    from uuid import uuid4

    from domain.values import LocalizedString, TextKind
    from service.usecases.commands import RegisterParty
    from service.usecases.context import Caller, Context

    ctx = Context(Caller(key_id=uuid4(), party_id=None, is_admin=True))
    for i in range(n):
        names = {"zh-Hans": LocalizedString(f"政府{i}", TextKind.AUTHENTIC)}
        command = RegisterParty(code=f"{prefix}-{i}", names=names, jurisdiction="CN-GD")
        await system.commands.execute(command, ctx)
