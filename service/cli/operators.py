"""What an operator runs against the database: rebuild, projections, keys, export, erase-person, openapi."""


from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from uuid import UUID

from service.cli.running import running_system
from service.config import Settings
from service.system import System


async def rebuild(settings: Settings, names: list[str]) -> None:
    from rich.progress import Progress

    import projections

    chosen = projections.ALL if names == ["all"] else [projections.BY_NAME[n] for n in names]
    async with running_system(settings) as system:
        total = await system.pool.fetchval("SELECT count(*) FROM events")
        with Progress() as progress:  # one pass over the log for all of them
            task = progress.add_task(", ".join(p.name for p in chosen), total=total)
            await system.runner.rebuild_all(chosen, lambda n: progress.advance(task, n))
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

async def erase_person_command(settings: Settings, args: argparse.Namespace) -> None:
    """Erase a person: their key is deleted and the erasure recorded; refuse an unknown or erased one."""
    from domain.errors import DomainError
    from service.usecases.context import Caller
    from service.usecases.persons import PersonAlreadyErased, UnknownPerson

    async with running_system(settings) as system:
        try:
            erased = await system.persons.erase(Caller(None, None, is_admin=True, user=args.by),
                                                args.person_id, args.reason)
        except (UnknownPerson, PersonAlreadyErased, DomainError) as refused:
            sys.exit(f"refused: {refused}")
    print(f"erased person {erased.person_id} at {erased.erased_at.isoformat()} (position {erased.position})")

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
