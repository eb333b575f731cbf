"""Stored payloads of an earlier schema version brought to the current one (the stored rows never change)."""

from __future__ import annotations

from typing import Any


def next_steps_listed(payload: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2 of a report: `next_steps` was one text or null; it is a list of steps, each with an
    optional due date. A text becomes the one step it states, with no due date; null becomes no step."""
    text = payload.get("next_steps")
    return {**payload, "next_steps": [] if text is None else [{"text": text, "due": None}]}
