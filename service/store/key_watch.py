"""Key changes made by any process, as this process hears them: one LISTEN for the API-key cache."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

import asyncpg

from service.store.background import Background

log = logging.getLogger(__name__)
CHANNEL = "pactum_api_key_changed"  # notified by migration 0025's trigger when a key changes
PROBE_S = 1.0


class KeyWatch(Background):
    """Calls `changed` on every key change and says through `listening` whether it can hear them.

    While the session is lost nothing is heard, so `listening(False)` comes first: the cache then trusts no
    key until the session is back (and starts empty again)."""

    def __init__(self, pool: asyncpg.Pool, changed: Callable[[], None],
                 listening: Callable[[bool], None]) -> None:
        self.pool = pool
        self.changed = changed
        self.listening = listening

    async def _run(self) -> None:
        def on_notify(*_: object) -> None:
            self.changed()

        def on_lost(*_: object) -> None:
            self.listening(False)

        while True:
            try:
                async with self.pool.acquire() as conn:
                    conn.add_termination_listener(on_lost)
                    await conn.add_listener(CHANNEL, on_notify)
                    self.listening(True)
                    try:
                        while True:  # a session that died without closing is found by the next probe
                            await conn.fetchval("SELECT 1", timeout=PROBE_S * 5)
                            await asyncio.sleep(PROBE_S)
                    finally:
                        self.listening(False)
                        with contextlib.suppress(Exception):
                            await conn.remove_listener(CHANNEL, on_notify)
                        conn.remove_termination_listener(on_lost)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database went away: keys are checked every time meanwhile
                log.warning("key watch lost its session (%s); reconnecting", error)
                await asyncio.sleep(PROBE_S)
