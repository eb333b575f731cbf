"""Witnesses: a party registers its cosigning keys, and cosignatures of checkpoints are checked and kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

import asyncpg

from service.store.checkpoint_note import check_cosignature, parse_cosignature
from service.store.signed_note import COSIGNATURE, NoteError, Verifier
from service.store.tlog_checkpoints import Checkpoints, NoCheckpoint
from service.usecases.context import Caller
from service.usecases.errors import Forbidden

REGISTER = """
INSERT INTO log_witness (id, party_id, name, public_key, key_id) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (name, key_id) DO NOTHING RETURNING registered_at
"""
LIST = ("SELECT id, party_id, name, public_key, key_id, registered_at FROM log_witness "
        "WHERE revoked_at IS NULL ORDER BY registered_at, id")
FIND = ("SELECT id, party_id, name, public_key, key_id, registered_at FROM log_witness "
        "WHERE name = $1 AND key_id = $2 AND revoked_at IS NULL")
KEEP = """
INSERT INTO tlog_cosignature (size, witness_id, signed_time, line) VALUES ($1, $2, $3, $4)
ON CONFLICT (size, witness_id) DO UPDATE SET signed_time = excluded.signed_time, line = excluded.line,
    received_at = now() WHERE tlog_cosignature.signed_time < excluded.signed_time
"""


class InvalidWitnessKey(ValueError):
    """Not a verifier key of a timestamped Ed25519 cosigner (type 0x04)."""


class WitnessKeyTaken(Exception):
    """Another registration holds this key name and id."""


class UnknownWitness(LookupError):
    """A cosignature by a key that no party registered (or that was revoked)."""


class InvalidCosignature(ValueError):
    """A cosignature that is malformed, or does not verify over the checkpoint it is posted to."""


@dataclass(frozen=True, slots=True)
class Witness:
    witness_id: UUID
    party_id: UUID
    verifier: Verifier
    registered_at: datetime


def _witness(row: asyncpg.Record) -> Witness:
    return Witness(row["id"], row["party_id"], Verifier(row["name"], COSIGNATURE, row["public_key"]),
                   row["registered_at"])


class Witnesses:
    def __init__(self, pool: asyncpg.Pool, checkpoints: Checkpoints) -> None:
        self.pool = pool
        self.checkpoints = checkpoints

    async def register(self, caller: Caller, verifier_key: str) -> Witness:
        if caller.party_id is None:
            raise Forbidden("a witness key belongs to a party: register it with the party's own key")
        try:
            verifier = Verifier.parse(verifier_key)
        except NoteError as error:
            raise InvalidWitnessKey(str(error)) from None
        if verifier.kind != COSIGNATURE:
            raise InvalidWitnessKey("a witness key is a cosignature/v1 key: its base64 starts with type 0x04")
        witness_id = uuid4()
        at = await self.pool.fetchval(REGISTER, witness_id, caller.party_id, verifier.name, verifier.public,
                                      verifier.id)
        if at is None:
            raise WitnessKeyTaken(f"the witness key {verifier.name}+{verifier.id.hex()} is registered")
        return Witness(witness_id, caller.party_id, verifier, at)

    async def list(self) -> list[Witness]:
        return [_witness(r) for r in await self.pool.fetch(LIST)]

    async def cosign(self, size: int, line: str) -> Witness:
        """Keep a cosignature of the checkpoint of `size`, once it verifies with a registered key."""
        checkpoint = await self.checkpoints.at(size)
        if checkpoint is None:
            raise NoCheckpoint(f"the log signed no checkpoint of size {size}")
        try:
            signature = parse_cosignature(line)
        except NoteError as error:
            raise InvalidCosignature(str(error)) from None
        row = await self.pool.fetchrow(FIND, signature.name, signature.key_id)
        if row is None:
            raise UnknownWitness(f"no party registered the key {signature.name}+{signature.key_id.hex()}")
        witness = _witness(row)
        try:
            timestamp = check_cosignature(checkpoint.body, signature, witness.verifier)
        except NoteError as error:
            raise InvalidCosignature(f"{error} over the checkpoint of size {size}") from None
        await self.pool.execute(KEEP, size, witness.witness_id, timestamp, line if line.endswith("\n")
                                else line + "\n")
        return witness
