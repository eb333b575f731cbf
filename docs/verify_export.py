"""Verify a pactum log export offline: python verify_export.py EXPORT --key VKEY [--older NOTE_FILE]
VKEY: the log's verifier key, obtained out of band. Checks the checkpoint's signature, each event's inclusion
proof (RFC 9162) and, with --older, that a checkpoint kept from before is a prefix of this one."""

import argparse
import base64
import hashlib
import json
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def h(*parts: bytes) -> bytes:
    return hashlib.sha256(b"".join(parts)).digest()


def open_note(note: str, vkey: str) -> list[str]:
    """The checkpoint lines (origin, size, root) once the note's signature by `vkey` verifies."""
    name, key_id, key = vkey.strip().split("+", 2)
    raw = base64.b64decode(key)
    assert raw[0] == 1 and h(name.encode(), b"\n", raw)[:4].hex() == key_id, "not an Ed25519 verifier key"
    text, _, sigs = note.rpartition("\n\n")
    for line in sigs.splitlines():
        dash, sig_name, sig = line.split(" ")
        blob = base64.b64decode(sig)
        if dash == "\u2014" and sig_name == name and blob[:4].hex() == key_id:
            Ed25519PublicKey.from_public_bytes(raw[1:]).verify(blob[4:], (text + "\n").encode())
            return text.split("\n")[:3]
    raise ValueError(f"the checkpoint carries no signature by {name}+{key_id}")


def inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], root: bytes) -> bool:
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = h(b"\x01", p, r)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = h(b"\x01", r, p)
        fn, sn = fn >> 1, sn >> 1
    return index < size and sn == 0 and r == root


def consistency(old: int, new: int, proof: list[bytes], old_root: bytes, new_root: bytes) -> bool:
    if old == new:
        return not proof and old_root == new_root
    if not 0 < old < new or not proof:
        return False
    path = [old_root, *proof] if old & (old - 1) == 0 else proof
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = h(b"\x01", c, fr), h(b"\x01", c, sr)
            while not fn & 1 and fn:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = h(b"\x01", sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("export")
    cli.add_argument("--key", required=True)
    cli.add_argument("--older", help="a checkpoint note kept from before")
    a, b64 = cli.parse_args(), base64.b64decode
    header, *events = [json.loads(line) for line in Path(a.export).read_text("utf-8").splitlines()]
    origin, size, root = open_note(header["checkpoint"], a.key)
    size, root, bad = int(size), b64(root), [e["seq"] for e in events if not inclusion(
        e["seq"] - 1, int(size), h(b"\x00", b64(e["leaf"])), [b64(p) for p in e["proof"]], b64(root))]
    for seq in bad:
        print(f"FAIL: seq {seq} is not in the checkpoint of size {size}")
    if a.older:
        old_origin, old_size, old_root = open_note(Path(a.older).read_text("utf-8"), a.key)
        c = header.get("consistency") or {"fromSize": None, "proof": []}
        if (old_origin, int(old_size)) != (origin, c["fromSize"]) or not consistency(
                int(old_size), size, [b64(p) for p in c["proof"]], b64(old_root), root):
            return print(f"FAIL: the older checkpoint of size {old_size} is not a prefix of this one") or 1
    print(f"{origin}: checkpoint {size} signed; {len(events) - len(bad)} of {len(events)} events proved"
          + ("; consistent with the older checkpoint" if a.older else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, KeyError, InvalidSignature) as error:  # a malformed export or a forged signature
        sys.exit(f"FAIL: {error or 'the checkpoint signature does not verify'}")
