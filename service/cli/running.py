"""The processes: serve (the whole system, or the API alone), project (the workers), migrate, seed."""


from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from service.config import Settings
from service.store.collection import settle_for_serving
from service.store.db import connect, create_pool, database
from service.store.migrate import migrate
from service.system import System

# Sessions held for as long as the process runs, on top of the pool requests share: the key and seq watches,
# and (in `serve` and `project`) the owners of the projection runner, the sequencer and the log integrator.
HELD_SESSIONS = 5


@asynccontextmanager
async def running_system(settings: Settings) -> AsyncIterator[System]:
    """Database (embedded unless DATABASE_URL), migrations, pool, wired system."""
    from service.startup import check_reachable

    async with database(settings) as dsn:
        await check_reachable(dsn, settings)
        pool = await create_pool(dsn, settings, size=settings.pool_size + HELD_SESSIONS)
        try:
            async with pool.acquire() as conn:
                await migrate(conn)
            system = System(pool, settings)
            try:
                yield system
            finally:
                await system.snapshots.settled()
        finally:
            await pool.close()

async def migrate_only(settings: Settings) -> None:
    from service.startup import check_reachable

    async with database(settings) as dsn:
        await check_reachable(dsn, settings)
        conn = await connect(dsn, settings)
        try:
            print("applied:", ", ".join(await migrate(conn)) or "nothing new")
        finally:
            await conn.close()

async def seed_once(system: System) -> None:
    """Load what of the seed is not loaded yet, with a progress bar (one step per part of the data set)."""
    from rich.progress import Progress

    from service.seed import Seeder

    seeder = Seeder(system)
    with Progress(transient=True) as progress:
        task = progress.add_task("seed", total=len(seeder.parts()))
        lines = await seeder.run(lambda name: progress.update(task, advance=1, description=f"seed: {name}"))
    for line in lines:
        print(f"seed: {line}")

async def demo_keys(system: System) -> list[tuple[str, str]]:
    """The demo keys (an admin key and one per signatory of a seeded agreement), kept between starts."""
    from service.seed import load_seeds
    from service.startup import demo_keys as kept_demo_keys

    parties = [entry["party"] for a in load_seeds()["agreements"] for entry in a["parties"]]
    return await kept_demo_keys(system, list(dict.fromkeys(parties)))

async def serve(settings: Settings, seed: bool, api_only: bool = False) -> None:
    import uvicorn

    from service.http.app import create_app
    from service.startup import check_log_key, listening_socket

    sock = listening_socket(settings)  # an occupied port ends start-up before the database starts
    async with running_system(settings) as system:
        await check_log_key(system)
        if seed and not api_only:
            await seed_once(system)
        keys = [] if api_only else await demo_keys(system)
        app = create_app(system, run_projections=not api_only)
        # in-flight requests get the grace period; event streams never end by themselves
        server = uvicorn.Server(
            uvicorn.Config(app, http="httptools", log_level="warning",
                           timeout_graceful_shutdown=settings.shutdown_grace_s)
        )
        base = f"http://{settings.host}:{settings.port}"
        if api_only:
            print(f"pactum API serving {base} (no workers: run `pactum project`)", flush=True)
        else:
            print(f"\npactum is serving {base}\n  API docs: {base}/schema\n"
                  f"  dashboard: {base}/ (sign in with a party's key below)\n  demo API keys:")
            for who, token in keys:
                print(f"    {who:8} {token}")
            print(
                f"  try: curl -H 'Authorization: Bearer {keys[1][1]}' {base}/agreements\n"
                "  Ctrl-C stops the API, the projections and the database.",
                flush=True,
            )
        logging.getLogger("pactum").info("serving %s", base)
        settle_for_serving()
        await server.serve(sockets=[sock])

async def project(settings: Settings) -> None:
    from service.startup import check_log_key

    async with running_system(settings) as system:
        await check_log_key(system)
        async with system.working() as jobs:
            print("projection runner and sequencer started, and the transparency log's integrator, webhook "
                  "deliveries and deadline reminders; Ctrl-C stops them", flush=True)
            settle_for_serving()
            await asyncio.gather(*jobs)

async def _with(settings: Settings, action) -> None:
    async with running_system(settings) as system:
        await action(system)
