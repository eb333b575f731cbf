"""Canonical themes, and the areas, commitments and indicators assigned to each, with their basis."""

from __future__ import annotations

from functools import singledispatchmethod

import msgspec
from asyncpg import Connection

from domain.theme import Theme, ThemeTarget
from projections.base import Envelope


def target_key(t: ThemeTarget) -> str:
    """One text per target, so an assignment is one row: `indicator:<id>` or `<agreement>:<area>[:<code>]`."""
    if t.indicator_id is not None:
        return f"indicator:{t.indicator_id}"
    return f"{t.agreement_id}:{t.area}" + (f":{t.commitment}" if t.commitment else "")


class Themes:
    name = "themes"
    tables = ("themes_definition", "themes_assignment")

    @singledispatchmethod
    async def apply(self, event: object, env: Envelope, conn: Connection) -> None:
        """Events this view does not read."""

    @apply.register
    async def _(self, event: Theme.Defined, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "INSERT INTO themes_definition (theme_id, code, name, defined_position, version) "
            "VALUES ($1, $2, $3, $4, $5)",
            env.stream_id, str(event.code), msgspec.to_builtins(event.name), env.position, env.version)

    @apply.register
    async def _(self, event: Theme.Assigned, env: Envelope, conn: Connection) -> None:
        t = event.target
        await conn.execute(
            "INSERT INTO themes_assignment (theme_code, target_key, agreement_id, area_code, "
            "commitment_code, indicator_id, basis, inferred, assigned_position) "
            "SELECT code, $2, $3, $4, $5, $6, $7, $8, $9 FROM themes_definition WHERE theme_id = $1",
            env.stream_id, target_key(t), t.agreement_id, t.area, t.commitment, t.indicator_id, event.basis,
            event.inferred, env.position)
        await self._touch(env, conn)

    @apply.register
    async def _(self, event: Theme.Unassigned, env: Envelope, conn: Connection) -> None:
        await conn.execute(
            "DELETE FROM themes_assignment a USING themes_definition d WHERE d.theme_id = $1 "
            "AND a.theme_code = d.code AND a.target_key = $2", env.stream_id, target_key(event.target))
        await self._touch(env, conn)

    async def _touch(self, env: Envelope, conn: Connection) -> None:
        await conn.execute("UPDATE themes_definition SET version = $2 WHERE theme_id = $1",
                           env.stream_id, env.version)
