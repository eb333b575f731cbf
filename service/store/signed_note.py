"""C2SP signed notes with Ed25519: keys in the signed-note formats, signing, parsing, verifying (no I/O)."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519 = 0x01  # signature type of a note signature (c2sp.org/signed-note)
COSIGNATURE = 0x04  # signature type of a timestamped witness cosignature (c2sp.org/tlog-cosignature)
DASH = "\u2014"
MAX_SIGNATURES = 64


class NoteError(ValueError):
    """A note, key or signature that is malformed or does not verify."""


def key_id(name: str, kind: int, public: bytes) -> bytes:
    """SHA-256(name || 0x0A || signature type || public key)[:4]."""
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


def _check_name(name: str) -> str:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError(f"a key name is non-empty, without spaces or '+': {name!r}")
    return name


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError(f"not base64: {text[:40]!r}") from None


def raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True, slots=True)
class Verifier:
    """A public key in the signed-note verifier key format `<name>+<key id hex>+<base64(type || key)>`."""

    name: str
    kind: int
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.public)

    def __str__(self) -> str:
        return f"{self.name}+{self.id.hex()}+{base64.b64encode(bytes([self.kind]) + self.public).decode()}"

    @classmethod
    def parse(cls, text: str) -> Verifier:
        name, sep, rest = text.strip().partition("+")
        hex_id, sep2, material = rest.partition("+")
        raw = _b64(material) if sep and sep2 else b""
        if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE):
            raise NoteError("a verifier key is <name>+<key id>+<base64 of 0x01 or 0x04 || 32-byte key>")
        verifier = cls(_check_name(name), raw[0], raw[1:])
        if verifier.id.hex() != hex_id.lower():
            raise NoteError("the verifier key's id does not match its name and key")
        return verifier

    def check(self, message: bytes, signature: bytes) -> None:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except (InvalidSignature, ValueError):
            raise NoteError(f"the signature by {self.name} does not verify") from None


@dataclass(frozen=True, slots=True)
class Signer:
    """An Ed25519 private key with its name; stored in Go's format `PRIVATE+KEY+<name>+<id>+<base64>`."""

    name: str
    key: Ed25519PrivateKey

    @classmethod
    def generate(cls, name: str) -> Signer:
        return cls(_check_name(name), Ed25519PrivateKey.generate())

    @classmethod
    def parse(cls, text: str) -> Signer:
        parts = text.strip().split("+", 4)
        if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
            raise NoteError("a signer key is PRIVATE+KEY+<name>+<key id>+<base64 of 0x01 || 32-byte seed>")
        raw = _b64(parts[4])
        if len(raw) != 33 or raw[0] != ED25519:
            raise NoteError("a signer key holds an Ed25519 seed (type 0x01)")
        signer = cls(_check_name(parts[2]), Ed25519PrivateKey.from_private_bytes(raw[1:]))
        if signer.verifier.id.hex() != parts[3].lower():
            raise NoteError("the signer key's id does not match its name and key")
        return signer

    def __str__(self) -> str:
        from cryptography.hazmat.primitives.serialization import NoEncryption, PrivateFormat

        seed = base64.b64encode(bytes([ED25519]) + self.key.private_bytes(
            Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode()
        return f"PRIVATE+KEY+{self.name}+{self.verifier.id.hex()}+{seed}"

    @property
    def verifier(self) -> Verifier:
        return Verifier(self.name, ED25519, raw_public(self.key.public_key()))

    def signature_line(self, text: str) -> str:
        sig = self.key.sign(text.encode())
        return f"{DASH} {self.name} {base64.b64encode(self.verifier.id + sig).decode()}\n"

    def sign(self, text: str) -> str:
        """The signed note: the text (ending in a newline), a blank line, one signature line."""
        if not text.endswith("\n"):
            raise NoteError("a note's text ends with a newline")
        return text + "\n" + self.signature_line(text)


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    key_id: bytes
    signature: bytes


def split(note: str) -> tuple[str, list[Signature]]:
    """A note's text and its signature lines; raises NoteError when it is not a well-formed note."""
    if any(ord(c) < 0x20 and c != "\n" for c in note):
        raise NoteError("a note holds no control characters but newlines")
    text, sep, block = note.rpartition("\n\n")
    if not sep or not block.endswith("\n"):
        raise NoteError("a note is text, a blank line, then signature lines each ending in a newline")
    signatures = []
    for line in block[:-1].split("\n"):
        dash, _, rest = line.partition(" ")
        name, _, sig = rest.partition(" ")
        raw = _b64(sig) if dash == DASH and name else b""
        if len(raw) < 5:
            raise NoteError(f"not a signature line: {line[:60]!r}")
        signatures.append(Signature(_check_name(name), raw[:4], raw[4:]))
    if len(signatures) > MAX_SIGNATURES:
        raise NoteError(f"a note holds at most {MAX_SIGNATURES} signatures")
    return text + "\n", signatures


def open_note(note: str, verifier: Verifier) -> str:
    """The note's text, once the verifier's signature on it checks; NoteError otherwise."""
    text, signatures = split(note)
    mine = [s for s in signatures if s.name == verifier.name and s.key_id == verifier.id]
    if not mine:
        raise NoteError(f"the note carries no signature by {verifier.name}+{verifier.id.hex()}")
    for s in mine:
        verifier.check(text.encode(), s.signature)
    return text
