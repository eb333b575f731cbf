"""The witness's check of a new checkpoint against the one it cosigned last (no server needed)."""

from __future__ import annotations

import base64

import pytest

from service.store.checkpoint_note import Checkpoint
from service.store.merkle import Frontier, consistency_ranges, hashes_of, leaf_hash
from service.store.signed_note import Signer
from service.witness import Alarm, check

LOG = Signer.generate("log.example/pactum")


def tree(leaves: list[bytes]):
    frontier, nodes = Frontier(), []
    for data in leaves:
        frontier.append(leaf_hash(data), nodes)
    return frontier.root(), {(level, index): h for level, index, h in nodes}


def note(size: int, root: bytes, signer: Signer = LOG) -> str:
    return signer.sign(Checkpoint("log.example/pactum", size, root).body())


def state_at(size: int, root: bytes) -> dict:
    return {"logKey": str(LOG.verifier), "origin": "log.example/pactum", "size": size,
            "root": base64.b64encode(root).decode()}


HISTORY = [b"e%d" % i for i in range(10)]


def proofs(nodes):
    return lambda old, new: hashes_of(consistency_ranges(old, new), nodes.__getitem__)


def test_a_grown_tree_that_extends_the_cosigned_one_passes():
    old_root, _ = tree(HISTORY[:6])
    new_root, nodes = tree(HISTORY)
    checkpoint = check(state_at(6, old_root), LOG.verifier, note(10, new_root), proofs(nodes))
    assert (checkpoint.size, checkpoint.root) == (10, new_root)


def test_a_forked_history_of_a_larger_size_is_refused():
    old_root, _ = tree(HISTORY[:6])
    forked = [*HISTORY[:3], b"rewritten", *HISTORY[4:]]
    new_root, nodes = tree(forked)
    with pytest.raises(Alarm, match="the log forked: the tree of 10 does not extend the tree of 6"):
        check(state_at(6, old_root), LOG.verifier, note(10, new_root), proofs(nodes))


def test_two_checkpoints_of_one_size_with_different_roots_are_refused():
    old_root, _ = tree(HISTORY)
    other_root, nodes = tree([*HISTORY[:9], b"other"])
    with pytest.raises(Alarm, match="the log forked"):
        check(state_at(10, old_root), LOG.verifier, note(10, other_root), proofs(nodes))


def test_a_smaller_tree_a_checkpoint_by_another_key_and_a_new_log_key_are_refused():
    root, nodes = tree(HISTORY)
    small, _ = tree(HISTORY[:4])
    with pytest.raises(Alarm, match="shrank from 10 to 4"):
        check(state_at(10, root), LOG.verifier, note(4, small), proofs(nodes))
    impostor = Signer.generate("log.example/pactum")
    with pytest.raises(Alarm, match="not signed by the log's key"):
        check(state_at(10, root), LOG.verifier, note(10, root, impostor), proofs(nodes))
    with pytest.raises(Alarm, match="the log's key changed"):
        check(state_at(10, root), impostor.verifier, note(10, root, impostor), proofs(nodes))
