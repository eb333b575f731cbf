"""`pactum erase-person ID --reason …`: the erasure recorded, the key deleted; a repeat or an unknown id
refused with a clear message and nothing stored."""

from __future__ import annotations

import argparse
from uuid import UUID

import pytest

from service.cli.operators import erase_person_command
from service.store.persons import keys_for_writing
from tests.conftest import test_settings as settings_for

PERSON = UUID("5b0e7f1c-2a44-4c1e-9d6e-0c8f5a1b2c3d")
UNKNOWN = UUID("00000000-0000-4000-8000-000000000001")


def args(person: UUID, reason: str = "retention period over") -> argparse.Namespace:
    return argparse.Namespace(person_id=person, reason=reason, by="operator-7")


async def test_erase_person_records_the_erasure_deletes_the_key_and_refuses_a_repeat(dsn, pool, capsys):
    keys = await keys_for_writing(pool, [PERSON])  # the person is named: a key of their own
    assert len(keys[PERSON]) == 32
    settings = settings_for(database_url=dsn)
    await erase_person_command(settings, args(PERSON))
    assert capsys.readouterr().out.startswith(f"erased person {PERSON} at ")
    stored = await pool.fetch("SELECT stream_id, stream_type, version, event_type, payload::text, "
                              "metadata::text FROM events WHERE payload->>'person_id' = $1", str(PERSON))
    assert [tuple(r) for r in stored] == [(
        UUID("8fae46dd-bf8c-50ff-a502-92fa2f3a8712"), "person", 1, "person.erased",
        f'{{"person_id":"{PERSON}","reason":"retention period over"}}', '{"actor_user":"operator-7"}')]
    assert await pool.fetchval("SELECT key FROM persons WHERE id = $1", PERSON) is None
    events = await pool.fetchval("SELECT count(*) FROM events")
    with pytest.raises(SystemExit, match=f"refused: person {PERSON} was erased before"):
        await erase_person_command(settings, args(PERSON))
    with pytest.raises(SystemExit, match=f"refused: no person {UNKNOWN}"):
        await erase_person_command(settings, args(UNKNOWN))
    with pytest.raises(SystemExit, match="refused: erasing a person needs a reason"):
        await erase_person_command(settings, args(PERSON, " "))
    assert await pool.fetchval("SELECT count(*) FROM events") == events
