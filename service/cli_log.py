"""The log's commands: `pactum verify` here, against the database; `pactum witness` runs elsewhere."""

from __future__ import annotations

from uuid import UUID

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
