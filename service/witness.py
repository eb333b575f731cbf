"""`pactum witness`: a party's own witness. It checks that the log only ever grows, then cosigns.

Run on the party's machine, against the API: it keeps the last checkpoint it cosigned (and the log's key,
pinned on first use) in a state file, and refuses, with exit status 2, any checkpoint that is not signed by
that key or whose tree is not an extension of the one it cosigned before.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from service.store.checkpoint_note import Checkpoint, cosign, witness_verifier
from service.store.merkle import ProofError, verify_consistency
from service.store.signed_note import NoteError, Verifier, open_note

ALARM = 2


class Alarm(Exception):
    """The log showed something a log that only grows never shows."""


class Api:
    def __init__(self, url: str, api_key: str) -> None:
        self.url, self.api_key = url.rstrip("/"), api_key

    def call(self, path: str, body: dict | None = None) -> bytes:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"}
        request = urllib.request.Request(self.url + path, data=data, method="POST" if body else "GET",
                                         headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.read()


def load_key(path: Path, name: str) -> tuple[str, Ed25519PrivateKey]:
    """The witness key file: `<name> <base64 seed>`, created (mode 0600) on first use."""
    if path.exists():
        saved_name, seed = path.read_text().split()
        return saved_name, Ed25519PrivateKey.from_private_bytes(base64.b64decode(seed))
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(f"{name} {base64.b64encode(seed).decode()}\n")
    return name, key


def check(state: dict, log_key: Verifier, note: str, consistency) -> Checkpoint:
    """The checkpoint in `note`, once it is the log's and extends what `state` cosigned; Alarm otherwise."""
    if state.get("logKey") and state["logKey"] != str(log_key):
        raise Alarm(f"the log's key changed from {state['logKey']} to {log_key}")
    try:
        checkpoint = Checkpoint.parse(open_note(note, log_key))
    except NoteError as error:
        raise Alarm(f"the checkpoint is not signed by the log's key: {error}") from None
    if not state.get("size"):
        return checkpoint
    old_size, old_root = state["size"], base64.b64decode(state["root"])
    if checkpoint.origin != state["origin"]:
        raise Alarm(f"the log's origin changed from {state['origin']!r} to {checkpoint.origin!r}")
    if checkpoint.size < old_size:
        raise Alarm(f"the log's tree shrank from {old_size} to {checkpoint.size} leaves")
    proof = [] if checkpoint.size == old_size else consistency(old_size, checkpoint.size)
    try:
        verify_consistency(old_size, checkpoint.size, proof, old_root, checkpoint.root)
    except ProofError as error:
        raise Alarm(f"the log forked: the tree of {checkpoint.size} does not extend the tree of {old_size} "
                    f"this witness cosigned ({error})") from None
    return checkpoint


def run(url: str, api_key: str, key_file: Path, name: str, state_file: Path) -> str:
    """One round: fetch, check, cosign, post, remember. Returns what to print."""
    api = Api(url, api_key)
    witness_name, key = load_key(key_file, name)
    verifier = witness_verifier(witness_name, key)
    state = json.loads(state_file.read_text()) if state_file.exists() else {}
    if not state.get("registered"):
        try:
            api.call("/log/witnesses", {"verifierKey": str(verifier)})
        except urllib.error.HTTPError as error:
            if error.code != 409:  # 409: registered already
                raise
        state["registered"] = str(verifier)
    log_key = Verifier.parse(json.loads(api.call("/log/key"))["verifierKey"])
    note = api.call("/log/checkpoint").decode()

    def consistency(old: int, new: int) -> list[bytes]:
        try:
            body = json.loads(api.call(f"/log/proof/consistency?from={old}&to={new}"))
        except urllib.error.HTTPError as error:
            if error.code != 404:
                raise
            raise Alarm(f"the log no longer has the checkpoint of size {old} this witness cosigned") from None
        return [base64.b64decode(h) for h in body["proof"]]

    checkpoint = check(state, log_key, note, consistency)
    line = cosign(checkpoint.body(), witness_name, key, int(time.time()))
    api.call(f"/log/checkpoints/{checkpoint.size}/cosignatures", {"cosignature": line})
    state.update(logKey=str(log_key), origin=checkpoint.origin, size=checkpoint.size,
                 root=base64.b64encode(checkpoint.root).decode())
    state_file.write_text(json.dumps(state, indent=2) + "\n")
    return f"cosigned {checkpoint.origin} at size {checkpoint.size} as {verifier}"


def main(url: str, api_key: str, key_file: Path, name: str, state_file: Path | None) -> None:
    try:
        print(run(url, api_key, key_file, name, state_file or key_file.with_suffix(".state.json")))
    except Alarm as alarm:
        print(f"ALARM: refusing to cosign: {alarm}", file=sys.stderr)
        sys.exit(ALARM)
    except (OSError, ValueError, KeyError) as error:
        print(f"witness failed: {error}", file=sys.stderr)
        sys.exit(1)

