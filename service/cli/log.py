"""The log's commands: `pactum verify` here, against the database; `pactum witness` runs elsewhere."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from uuid import UUID

from service.cli.running import running_system
from service.config import Settings
from service.system import System


async def verify_lines(system: System, agreement: UUID | None = None) -> tuple[list[str], bool]:
    """What `pactum verify` prints, and whether everything held."""
    key = system.log_signer.verifier
    if agreement is not None:
        audit = await system.agreement_audit.verify(agreement, None)
        head = (f"agreement {agreement}: {len(audit.events)} events, proved in checkpoint "
                f"{audit.checkpoint_size} of {key.name}+{key.id.hex()}")
        findings = [(f.kind, f.detail) for f in audit.findings]
    else:
        report = await system.log_verifier.verify()
        head = (f"log: {report.events} events, tree of {report.tree_size}, latest checkpoint "
                f"{report.checkpoint_size} of {key.name}+{key.id.hex()}")
        findings = [(f.kind, f.detail) for f in report.findings]
    lines = [head, *(f"FAIL {kind}: {detail}" for kind, detail in findings)]
    lines.append("OK: every chain, leaf and checkpoint holds" if not findings
                 else f"{len(findings)} findings; the first is the earliest in the log")
    return lines, not findings


async def export_to(system: System, output: Path, agreement: UUID | None, from_size: int | None) -> int:
    """Write the export as JSON Lines; return how many events it holds."""
    count = -1
    with output.open("w") as out:
        async for line in system.log_export.lines(agreement, from_size):
            out.write(line + "\n")
            count += 1
    return count


def add_log_commands(sub: argparse._SubParsersAction) -> None:
    """verify, witness and log-export."""
    v = sub.add_parser("verify", help="recompute every chain and the log's tree, check the checkpoints")
    v.add_argument("--agreement", type=UUID, help="only this agreement, with an inclusion proof per event")
    w = sub.add_parser("witness", help="as a party: check that the log only grows, then cosign")
    w.add_argument("--url", required=True, help="the pactum API, e.g. https://pactum.example")
    w.add_argument("--api-key", required=True, help="the party's API key")
    w.add_argument("--key", type=Path, required=True, help="the witness key file (created on first run)")
    w.add_argument("--name", default="witness.pactum.local", help="with a new key: the witness's key name")
    w.add_argument("--state", type=Path, help="the last cosigned checkpoint (default: beside --key)")
    x = sub.add_parser("log-export", help="the latest checkpoint and each event's leaf and inclusion proof")
    x.add_argument("--output", type=Path, required=True, help="the JSON Lines file to write")
    x.add_argument("--agreement", type=UUID, help="only this agreement's events")
    x.add_argument("--from-size", type=int, help="add a consistency proof from this older checkpoint's size")


async def verify_command(settings: Settings, agreement: UUID | None) -> None:
    from service.cli.log import verify_lines

    async with running_system(settings) as system:
        lines, held = await verify_lines(system, agreement)
    print("\n".join(lines))
    if not held:
        sys.exit(1)

async def log_export_command(settings: Settings, args: argparse.Namespace) -> None:
    from service.cli.log import export_to

    async with running_system(settings) as system:
        count = await export_to(system, args.output, args.agreement, args.from_size)
    print(f"wrote {count} events to {args.output}; check it with docs/verify_export.py")
