"""C2SP tlog-checkpoint bodies and tlog-cosignature/v1 lines (no I/O)."""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from service.store.signed_note import COSIGNATURE, DASH, NoteError, Signature, Verifier, raw_public, split


@dataclass(frozen=True, slots=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"

    @classmethod
    def parse(cls, text: str) -> Checkpoint:
        """The first three lines of a checkpoint's text (extension lines are allowed and ignored)."""
        lines = text.split("\n")
        if len(lines) < 4 or lines[-1] != "":
            raise NoteError("a checkpoint is an origin line, a size line and a root hash line")
        origin, size, root = lines[:3]
        if not origin or not size.isdigit() or (size != "0" and size.startswith("0")):
            raise NoteError("a checkpoint's size is a decimal without leading zeros")
        try:
            raw = base64.b64decode(root, validate=True)
        except ValueError:
            raw = b""
        if len(raw) != 32:
            raise NoteError("a checkpoint's root hash is 32 bytes in base64")
        return cls(origin, int(size), raw)


def cosigned_message(body: str, timestamp: int) -> bytes:
    """What a cosigner signs: `cosignature/v1`, `time <t>`, then the whole checkpoint text."""
    return f"cosignature/v1\ntime {timestamp}\n{body}".encode()


def witness_verifier(name: str, key: Ed25519PrivateKey) -> Verifier:
    return Verifier(name, COSIGNATURE, raw_public(key.public_key()))


def cosign(body: str, name: str, key: Ed25519PrivateKey, timestamp: int) -> str:
    """A cosignature line over the checkpoint text `body`, as of `timestamp` (POSIX seconds)."""
    verifier = witness_verifier(name, key)
    sig = key.sign(cosigned_message(body, timestamp))
    blob = verifier.id + struct.pack(">Q", timestamp) + sig
    return f"{DASH} {name} {base64.b64encode(blob).decode()}\n"


def parse_cosignature(line: str) -> Signature:
    """One cosignature line, checked for shape only."""
    _, signatures = split("x\n\n" + (line if line.endswith("\n") else line + "\n"))
    if len(signatures) != 1 or len(signatures[0].signature) != 8 + 64:
        raise NoteError("a cosignature line is `— <name> base64(key id || u64 time || signature)`")
    return signatures[0]


def check_cosignature(body: str, signature: Signature, verifier: Verifier) -> int:
    """The cosignature's timestamp, once it verifies over `body` with the witness's key."""
    if verifier.kind != COSIGNATURE or signature.name != verifier.name or signature.key_id != verifier.id:
        raise NoteError(f"the cosignature is not by {verifier}")
    timestamp = struct.unpack(">Q", signature.signature[:8])[0]
    if timestamp >= 2**63:
        raise NoteError("a cosignature's time is below 2**63")
    verifier.check(cosigned_message(body, timestamp), signature.signature[8:])
    return timestamp
