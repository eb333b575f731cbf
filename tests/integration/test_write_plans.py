"""What a projection batch writes besides its rows reads only the rows it names, however many agreements the
read models hold: no per-command cost grows with their number."""

from __future__ import annotations

import json
from uuid import UUID, uuid4

from service.store.generations import TOUCH

PARTY = UUID("8e633ee6-c1bb-58f9-a5eb-8029bc663caa")


def scans(plan: dict) -> list[tuple[str, str]]:
    """(node type, relation) of every node of a JSON plan."""
    found = [(plan["Node Type"], plan.get("Relation Name", ""))]
    for child in plan.get("Plans", ()):
        found += scans(child)
    return found


async def test_touching_a_partys_agreements_reads_only_that_partys_rows(pool):
    async with pool.acquire() as conn:
        await conn.execute(
            "INSERT INTO agreement_party (agreement_id, party_id, role, ordinal) "
            "SELECT gen_random_uuid(), gen_random_uuid(), 'signatory', 1 FROM generate_series(1, 20000)")
        await conn.execute("INSERT INTO agreement_party (agreement_id, party_id, role, ordinal) "
                           "VALUES ($1, $2, 'signatory', 1)", uuid4(), PARTY)
        await conn.execute("ANALYZE agreement_party")
        [(plan,)] = await conn.fetch(f"EXPLAIN (FORMAT JSON) {TOUCH}", [PARTY, uuid4()])

    read = [node for node in scans(json.loads(plan)[0]["Plan"]) if node[1] == "agreement_party"]
    assert read and all(kind != "Seq Scan" for kind, _ in read), read
