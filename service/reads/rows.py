"""How rows reach the views: SQL that builds the views' camelCase JSON from stored columns, typed decoding.

A `json` column arrives as text (only jsonb has a codec on the pool), so each one is decoded once,
straight into the struct it describes. Stored jsonb domain values keep their snake_case keys; the
fragments here rename them in SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import msgspec

T = TypeVar("T")


class Row(msgspec.Struct, rename="camel", kw_only=True):
    """Base of a row decoded from the SQL's JSON that a view is derived from (not a response body)."""


def decoder(into: type[T]) -> Callable[[str | bytes], T]:
    """Decode JSON text into `into`; build once, at import."""
    return msgspec.json.Decoder(into).decode


def nullable(decode: Callable[[str | bytes], T]) -> Callable[[str | None], T | None]:
    """`decode`, with SQL NULL (None) passed through."""
    return lambda text: None if text is None else decode(text)


def array(element: str, source: str, order: str) -> str:
    """SQL: the json array of `element` over `source` (FROM ... WHERE ...) in `order`, `[]` when empty."""
    return f"(SELECT coalesce(json_agg({element} ORDER BY {order}), '[]') FROM {source})"


def renamed(column: str, keys: dict[str, str]) -> str:
    """SQL: the jsonb object `column` with its keys renamed (stored -> view), null when it is null."""
    pairs = ", ".join(f"'{view}', {column}->'{stored}'" for stored, view in keys.items())
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE json_build_object({pairs}) END"


def renamed_each(column: str, keys: dict[str, str]) -> str:
    """SQL: each object of the jsonb array `column` with its keys renamed, as a json array, in order."""
    pairs = ", ".join(f"'{view}', item.o->'{stored}'" for stored, view in keys.items())
    return array(f"json_build_object({pairs})",
                 f"jsonb_array_elements({column}) WITH ORDINALITY AS item(o, n)", "item.n")


RESPONSIBILITY = {"party_id": "partyId", "role": "role"}


def responsibilities(column: str) -> str:
    return renamed_each(column, RESPONSIBILITY)


def open_claim(k: str) -> str:
    """SQL: json_build_object pairs of the claim `k` as an OpenClaimView.

    Acknowledgements by date, then party; the counterparties still awaited in the claim's order.
    """
    acknowledged = array("json_build_object('partyId', ack.key, 'acknowledgedOn', ack.value)",
                         f"jsonb_each_text({k}.acknowledged) AS ack",
                         'ack.value COLLATE "C", ack.key COLLATE "C"')
    awaiting = array("cp.party_id", f"unnest({k}.counterparties) WITH ORDINALITY AS cp(party_id, n) "
                     f"WHERE NOT {k}.acknowledged ? cp.party_id::text", "cp.n")
    return (f"'claimId', {k}.claim_id, 'claimant', {k}.claimant, 'completedOn', {k}.completed_on, "
            f"'claimedOn', {k}.claimed_on, 'evidenceCount', {k}.evidence_count, "
            f"'acknowledged', {acknowledged}, 'awaiting', {awaiting}")
