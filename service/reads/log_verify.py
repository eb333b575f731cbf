"""`pactum verify`: every chain and the tree recomputed from the stored rows, against the checkpoints."""

from __future__ import annotations

from dataclasses import dataclass, field

import asyncpg

from service.reads.log_checks import Checked, Finding, check_checkpoint, check_row, reorderings, rows_where
from service.store.merkle import Frontier
from service.store.signed_note import Verifier
from service.store.tlog_checkpoints import Checkpoints
from service.store.tlog_tree import TreeStore

BATCH = 5000
ALL_ROWS = rows_where("s.seq > $1") + " LIMIT $2"


@dataclass
class LogReport:
    events: int = 0
    tree_size: int = 0
    checkpoint_size: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


class LogVerifier:
    def __init__(self, pool: asyncpg.Pool, checkpoints: Checkpoints, verifier: Verifier) -> None:
        self.pool = pool
        self.checkpoints = checkpoints
        self.verifier = verifier
        self.tree = TreeStore(pool)

    async def verify(self) -> LogReport:
        report = LogReport(tree_size=await self.tree.size())
        signed = [await self.checkpoints.at(r["size"])
                  for r in await self.pool.fetch("SELECT size FROM tlog_checkpoint ORDER BY size")]
        for checkpoint in signed:
            report.findings += check_checkpoint(checkpoint, self.verifier, self.checkpoints.origin)
        roots = {c.size: c.root for c in signed}
        report.checkpoint_size = signed[-1].size if signed else 0
        frontier, sink, changed, expected = Frontier(), [], [], 1
        events: list[Finding] = []
        while rows := await self.pool.fetch(ALL_ROWS, expected - 1, BATCH):
            for record in rows:
                seq = record["seq"]
                if seq != expected:  # seqs removed from the log's order
                    events += [Finding("missing-seq", f"no event at seq {n}", n)
                               for n in range(expected, seq)]
                expected = seq + 1
                checked, found = check_row(record)
                events += found
                if checked is None:
                    continue
                if any(f.kind == "event-changed" for f in found):
                    changed.append(checked)
                report.events += 1
                if seq <= report.tree_size:
                    self._append(frontier, sink, checked, roots, events)
        events += reorderings(changed)
        events.sort(key=lambda f: (f.seq or 0, f.kind != "missing-seq", f.kind != "reordered"))
        report.findings = events + report.findings
        report.findings += await self._stored_tree(signed)
        return report

    def _append(self, frontier: Frontier, sink: list, checked: Checked, roots: dict[int, bytes],
                findings: list[Finding]) -> None:
        frontier.append(checked.leaf_hash, sink)
        sink.clear()
        size = frontier.size
        if size in roots and frontier.root() != roots[size]:
            findings.append(Finding("root-mismatch", f"the tree of the stored events at size {size} does not "
                                    f"have the root of the signed checkpoint {size}", checked.seq))

    async def _stored_tree(self, signed) -> list[Finding]:
        """The stored nodes give each checkpoint's root (else a proof served from them would not verify)."""
        found = []
        for checkpoint in signed[-1:]:
            try:
                root = await self.tree.root(checkpoint.size)
            except LookupError as error:
                found.append(Finding("tree-incomplete", f"checkpoint {checkpoint.size}: {error}"))
                continue
            if root != checkpoint.root:
                found.append(Finding("tree-mismatch", f"the stored tree's nodes do not give the root of "
                                     f"checkpoint {checkpoint.size}"))
        return found
