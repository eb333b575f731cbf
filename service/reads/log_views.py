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
