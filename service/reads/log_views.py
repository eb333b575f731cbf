"""What the transparency log's reads return."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from service.reads.wire import View


class LogKeyView(View):
    verifier_key: str
    name: str
    key_id: str
    origin: str


class InclusionProofView(View):
    seq: int
    leaf_index: int
    tree_size: int
    leaf_hash: str
    root_hash: str
    proof: list[str]


class ConsistencyProofView(View):
    from_size: int
    to_size: int
    from_root_hash: str
    to_root_hash: str
    proof: list[str]


class WitnessView(View):
    """A party's cosigning key, as verifiers configure it."""

    id: UUID
    party_id: UUID
    name: str
    key_id: str
    verifier_key: str
    registered_at: datetime


class WitnessList(View):
    witnesses: list[WitnessView]


class CosignatureAccepted(View):
    size: int
    witness: WitnessView


class FindingView(View):
    """Something that does not hold: `kind` is stable (event-changed, chain-broken, missing-seq, ...)."""

    kind: str
    detail: str
    seq: int | None
    version: int | None


class AuditedEventView(View):
    seq: int
    version: int
    type: str
    leaf: str  # the leaf bytes, base64: hash them (RFC 6962 leaf hash) instead of re-encoding anything
    leaf_hash: str
    inclusion_proof: list[str]
    included: bool


class AuditView(View):
    agreement_id: UUID
    ok: bool
    checkpoint_size: int
    checkpoint: str  # the signed note the proofs are against, with its cosignatures ("" before the first)
    root_hash: str
    events: list[AuditedEventView]
    findings: list[FindingView]
