"""Party directory: every registered party with its names and place in the hierarchy."""

from __future__ import annotations

from functools import singledispatchmethod

from asyncpg import Connection

from domain.party import Party
from projections.base import Envelope


class PartyDirectory:
    documents = True  # its tables are read into the stored view documents
    name = "party_directory"
    tables = ("party_directory",)
    appended = ("party_directory",)  # a replay mostly appends to it: a rebuild indexes it after the load

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Party.Registered, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO party_directory (party_id, code, names, jurisdiction, parent_id, version) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            env.stream_id, event.code, event.names, event.jurisdiction, event.parent_id, env.version)

    @apply.register
    async def _(self, event: Party.Renamed, env: Envelope, conn: Connection) -> None:
        await conn.execute("UPDATE party_directory SET names = $2, version = $3 WHERE party_id = $1",
                           env.stream_id, event.names, env.version)
