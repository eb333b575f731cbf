"""The tree against the published RFC 6962 test vectors (those of Certificate Transparency's Go code)."""

from __future__ import annotations

import pytest

from service.store.merkle import (
    EMPTY_ROOT,
    Frontier,
    ProofError,
    consistency_ranges,
    fold,
    hashes_of,
    inclusion_ranges,
    leaf_hash,
    range_nodes,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")]
ROOTS = [bytes.fromhex(h) for h in (
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
)]
# (leaf index, tree size, proof)
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (0, 1, []),
]
# (old size, new size, proof)
CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]


def built() -> tuple[dict[tuple[int, int], bytes], list[bytes]]:
    """Every complete node of the 8-leaf tree, and the root after each append."""
    frontier, nodes, roots = Frontier(), [], []
    for leaf in LEAVES:
        frontier.append(leaf_hash(leaf), nodes)
        roots.append(frontier.root())
    return {(level, index): h for level, index, h in nodes}, roots


def test_the_empty_tree_hashes_the_empty_string():
    assert EMPTY_ROOT.hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_roots_of_every_size_match_the_vectors_from_the_frontier_and_from_stored_nodes():
    nodes, roots = built()
    assert roots == ROOTS
    assert [fold([nodes[n] for n in range_nodes(0, size)]) for size in range(1, 9)] == ROOTS
    assert len(nodes) == 15  # 8 leaves, 4 + 2 + 1 interior nodes


@pytest.mark.parametrize(("index", "size", "proof"), INCLUSION)
def test_inclusion_proofs_match_the_vectors_and_verify(index, size, proof):
    nodes, _ = built()
    got = hashes_of(inclusion_ranges(index, size), nodes.__getitem__)
    assert [h.hex() for h in got] == proof
    verify_inclusion(index, size, leaf_hash(LEAVES[index]), got, ROOTS[size - 1])


@pytest.mark.parametrize(("old", "new", "proof"), CONSISTENCY)
def test_consistency_proofs_match_the_vectors_and_verify(old, new, proof):
    nodes, _ = built()
    got = hashes_of(consistency_ranges(old, new), nodes.__getitem__)
    assert [h.hex() for h in got] == proof
    verify_consistency(old, new, got, ROOTS[old - 1], ROOTS[new - 1])


def test_every_inclusion_and_consistency_proof_of_the_eight_leaf_tree_verifies():
    nodes, _ = built()
    for size in range(1, 9):
        for index in range(size):
            proof = hashes_of(inclusion_ranges(index, size), nodes.__getitem__)
            verify_inclusion(index, size, leaf_hash(LEAVES[index]), proof, ROOTS[size - 1])
        for old in range(1, size + 1):
            proof = hashes_of(consistency_ranges(old, size), nodes.__getitem__)
            verify_consistency(old, size, proof, ROOTS[old - 1], ROOTS[size - 1])


def test_a_tampered_inclusion_proof_fails():
    index, size, proof = INCLUSION[1]
    hashes = [bytes.fromhex(h) for h in proof]
    flipped = [bytes([hashes[0][0] ^ 8]) + hashes[0][1:], *hashes[1:]]
    for bad in (flipped, hashes[:-1], [*hashes, ROOTS[7]]):
        with pytest.raises(ProofError):
            verify_inclusion(index, size, leaf_hash(LEAVES[index]), bad, ROOTS[7])
    with pytest.raises(ProofError):
        verify_inclusion(index + 1, size, leaf_hash(LEAVES[index]), hashes, ROOTS[7])
    with pytest.raises(ProofError):
        verify_inclusion(8, 8, leaf_hash(LEAVES[0]), hashes, ROOTS[7])


def test_a_tampered_consistency_proof_or_a_wrong_root_fails():
    old, new, proof = CONSISTENCY[2]
    hashes = [bytes.fromhex(h) for h in proof]
    flipped = [*hashes[:2], bytes([hashes[2][0] ^ 16]) + hashes[2][1:]]
    for bad in (flipped, hashes[:-1], [], [hashes[0], *hashes]):
        with pytest.raises(ProofError):
            verify_consistency(old, new, bad, ROOTS[5], ROOTS[7])
    with pytest.raises(ProofError):
        verify_consistency(old, new, hashes, ROOTS[4], ROOTS[7])  # an old tree that is not a prefix
    with pytest.raises(ProofError):
        verify_consistency(old, new, hashes, ROOTS[7], ROOTS[5])
    with pytest.raises(ProofError):
        verify_consistency(8, 6, [], ROOTS[7], ROOTS[5])
    with pytest.raises(ProofError):
        verify_consistency(8, 8, [], ROOTS[7], ROOTS[6])  # two trees of one size with different roots


def test_edge_nodes_name_the_complete_subtrees_of_the_right_edge():
    assert Frontier.edge_nodes(6) == [(1, 2), (2, 0)]
    assert Frontier.edge_nodes(8) == [(3, 0)]
    assert Frontier.edge_nodes(0) == []
