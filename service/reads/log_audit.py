"""One agreement's audit: its chain recomputed, each event's leaf re-encoded and proved in the latest
signed checkpoint."""

from __future__ import annotations

import base64
from uuid import UUID

import asyncpg

from service.reads.agreements import VISIBLE
from service.reads.errors import AggregateNotFound
from service.reads.log_checks import Finding, check_checkpoint, check_row, rows_where
from service.reads.log_views import AuditedEventView, AuditView, FindingView
from service.store.merkle import (
    ProofError,
    fold,
    inclusion_ranges,
    needed_nodes,
    range_nodes,
    verify_inclusion,
)
from service.store.signed_note import Verifier
from service.store.tlog_checkpoints import Checkpoints
from service.store.tlog_tree import MissingNodes, TreeStore

STREAM_ROWS = rows_where("s.stream_id = $1")
CAN_SEE = f"SELECT 1 FROM agreement_summary s WHERE agreement_id = $1 AND {VISIBLE}"


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def finding_view(f: Finding) -> FindingView:
    return FindingView(kind=f.kind, detail=f.detail, seq=f.seq, version=f.version)


class AgreementAudit:
    def __init__(self, pool: asyncpg.Pool, checkpoints: Checkpoints, verifier: Verifier) -> None:
        self.pool = pool
        self.checkpoints = checkpoints
        self.verifier = verifier
        self.tree = TreeStore(pool)

    async def verify(self, agreement_id: UUID, viewer: UUID | None) -> AuditView:
        if await self.pool.fetchval(CAN_SEE, agreement_id, viewer) is None:
            raise AggregateNotFound("agreement", agreement_id)
        latest = await self.checkpoints.latest()
        findings = check_checkpoint(latest, self.verifier, self.checkpoints.origin) if latest else []
        size = latest.size if latest else 0
        checked = []
        for record in await self.pool.fetch(STREAM_ROWS, agreement_id):
            one, found = check_row(record)
            findings += found
            if one:
                checked.append(one)
        proofs = await self._proofs([c.seq for c in checked if c.seq <= size], size)
        events = []
        for c in checked:
            proof = proofs.get(c.seq)
            included = False
            if proof is not None:
                noted = any(f.seq == c.seq for f in findings)
                try:
                    verify_inclusion(c.seq - 1, size, c.leaf_hash, proof, latest.root)
                    included = True
                except ProofError:
                    detail = (f"seq {c.seq} (version {c.version}): its stored bytes are not in the "
                              f"signed checkpoint {size}")
                    if not noted:
                        findings.append(Finding("not-included", detail, c.seq, c.stream_id,
                                                c.version))
            events.append(AuditedEventView(
                seq=c.seq, version=c.version, type=c.event_type, leaf=b64(c.leaf),
                leaf_hash=b64(c.leaf_hash), inclusion_proof=[b64(h) for h in proof or []], included=included))
        findings.sort(key=lambda f: f.seq or 0)
        return AuditView(agreement_id=agreement_id, ok=not findings, checkpoint_size=size,
                         checkpoint=latest.with_cosignatures() if latest else "",
                         root_hash=b64(latest.root) if latest else "", events=events,
                         findings=[finding_view(f) for f in findings])

    async def _proofs(self, seqs: list[int], size: int) -> dict[int, list[bytes]]:
        """Every event's inclusion proof, from one read of the nodes they need."""
        ranges = {seq: inclusion_ranges(seq - 1, size) for seq in seqs}
        try:
            nodes = await self.tree.nodes(needed_nodes(r for rs in ranges.values() for r in rs))
        except MissingNodes:
            return {}
        return {seq: [fold([nodes[n] for n in range_nodes(lo, hi)]) for lo, hi in rs]
                for seq, rs in ranges.items()}
