"""Signed notes, checkpoints and cosignatures against published examples (Go's sumdb/note, C2SP)."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from service.store.checkpoint_note import (
    Checkpoint,
    check_cosignature,
    cosign,
    parse_cosignature,
    witness_verifier,
)
from service.store.signed_note import NoteError, Signer, Verifier, open_note, split

# golang.org/x/mod/sumdb/note: the example key, text and signed note of its documentation and tests.
GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_TEXT = ("If you think cryptography is the answer to your problem,\n"
           "then you don't know what your problem is.\n")
GO_NOTE = GO_TEXT + ("\n\u2014 PeterNeumann "
                     "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")


def test_signing_reproduces_the_go_example_byte_for_byte():
    signer = Signer.parse(GO_SIGNER)
    assert signer.sign(GO_TEXT) == GO_NOTE
    assert str(signer.verifier) == GO_VERIFIER
    assert str(signer) == GO_SIGNER


def test_the_go_example_opens_with_its_verifier_and_fails_when_altered():
    verifier = Verifier.parse(GO_VERIFIER)
    assert open_note(GO_NOTE, verifier) == GO_TEXT
    with pytest.raises(NoteError, match="does not verify"):
        open_note(GO_NOTE.replace("cryptography", "cryptographY"), verifier)
    other = Signer.generate("PeterNeumann").verifier
    with pytest.raises(NoteError, match="no signature by PeterNeumann"):
        open_note(GO_NOTE, other)


@pytest.mark.parametrize("bad", [
    "no blank line\n\u2014 a AAAAAAAA\n", GO_TEXT + "\n- PeterNeumann AAAAAAAA\n",
    GO_TEXT + "\n\u2014 x not*base64\n",
    GO_TEXT + "\n\u2014 PeterNeumann AAAA\n", GO_TEXT + "\x07\n\u2014 a AAAAAAAA\n", GO_TEXT,
])
def test_malformed_notes_are_refused(bad):
    with pytest.raises(NoteError):
        split(bad)


@pytest.mark.parametrize("bad", [
    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # wrong id
    "PeterNeumann+c74f20a3+AhpczQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # wrong type
    "PeterNeumann+c74f20a3", "", "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
])
def test_malformed_verifier_keys_are_refused(bad):
    with pytest.raises(NoteError):
        Verifier.parse(bad)


def test_the_c2sp_example_checkpoint_parses():
    body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    checkpoint = Checkpoint.parse(body)
    assert (checkpoint.origin, checkpoint.size) == ("example.com/behind-the-sofa", 20852163)
    assert checkpoint.root.hex() == "0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62"
    assert checkpoint.body() == body
    leading_zero = "a\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    for bad in (leading_zero, "a\n1\nAAAA\n", "a\n1\n", "a\nx\nb\n"):
        with pytest.raises(NoteError):
            Checkpoint.parse(bad)


# A checkpoint of a public CT log as published, with the cosignature of the remora.n621.de witness.
REAL_BODY = ("arche2025h1.staging.ct.transparency.dev\n1432088532\n"
             "U7WM79jrzyhGZ5/GUBTpM7NzwdyfFx61t3RovgcC4Ro=\n")
REMORA = "remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"
REMORA_LINE = ("\u2014 remora.n621.de 2net5wAAAABqEiEgPlfF3V06o0Y+fHM+J5J9s27wgxxcOVSpZ/2g/KSiXCg9DEZI"
               "+aVCIobWX9sXTynk5XeU/zZ0WBxtqB0DrAWfBw==\n")


def test_a_published_witness_cosignature_verifies_and_fails_over_another_checkpoint():
    signature = parse_cosignature(REMORA_LINE)
    assert check_cosignature(REAL_BODY, signature, Verifier.parse(REMORA)) == 0x6A122120
    with pytest.raises(NoteError, match="does not verify"):
        check_cosignature(REAL_BODY.replace("1432088532", "1432088533"), signature, Verifier.parse(REMORA))


def test_our_cosignature_signs_header_time_and_checkpoint():
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    body = "example.com/log\n3\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    line = cosign(body, "witness.example/w1", key, 1679315147)
    signature = parse_cosignature(line)
    assert signature.signature[:8] == bytes.fromhex("00000000641850cb")
    mine = witness_verifier("witness.example/w1", key)
    assert check_cosignature(body, signature, mine) == 1679315147
    with pytest.raises(NoteError):
        check_cosignature(body.replace("\n3\n", "\n4\n"), signature, mine)
    with pytest.raises(NoteError, match="not by"):
        check_cosignature(body, signature, Verifier.parse(REMORA))
