"""Plain INSERTs a projection writes, recognised so that a run of them can go out as one binary COPY.

A plan is made once per statement text: `INSERT INTO t (a, b, c) VALUES ($1, 'draft', $2)` gives the table,
its columns and, per column, the argument or the constant it takes. Anything else (ON CONFLICT, a SELECT,
a cast, a function) has no plan and is sent as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Any

_INSERT = re.compile(r"\s*INSERT INTO (\w+) \(([\w\s,]+)\)\s+VALUES \(([^()]*)\)\s*", re.S)
_VALUE = re.compile(r"\$(?P<arg>\d+)|'(?P<text>[^']*)'|(?P<null>NULL)|(?P<bool>true|false)|(?P<int>-?\d+)")


@dataclass(frozen=True, slots=True)
class InsertPlan:
    """Where a plain INSERT writes, and how one execute's arguments become the row COPY sends."""

    query: str
    table: str
    columns: tuple[str, ...]
    record: Callable[[tuple[Any, ...]], tuple[Any, ...]]


def _constant(match: re.Match[str]) -> Any:
    if match["text"] is not None:
        return match["text"]
    if match["null"]:
        return None
    if match["bool"]:
        return match["bool"] == "true"
    return int(match["int"])


def _record(picks: list[int | tuple[Any]]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """The row from the arguments: an int picks an argument, a 1-tuple holds a constant."""
    if all(isinstance(p, int) for p in picks):
        if len(picks) == 1:
            only = picks[0]
            return lambda args: (args[only],)
        return itemgetter(*picks)  # type: ignore[arg-type]
    return lambda args: tuple(args[p] if isinstance(p, int) else p[0] for p in picks)


@lru_cache(maxsize=512)
def insert_plan(query: str) -> InsertPlan | None:
    """The plan of a plain INSERT ... VALUES of arguments and constants, None for any other statement."""
    found = _INSERT.fullmatch(query)
    if found is None:
        return None
    columns = tuple(c.strip() for c in found[2].split(","))
    values = [v.strip() for v in found[3].split(",")]
    if len(columns) != len(values):
        return None
    picks: list[int | tuple[Any]] = []
    for value in values:
        match = _VALUE.fullmatch(value)
        if match is None:
            return None
        picks.append(int(match["arg"]) - 1 if match["arg"] else (_constant(match),))
    return InsertPlan(query, found[1], columns, _record(picks))


@lru_cache(maxsize=2048)
def mentioned(query: str, tables: tuple[str, ...]) -> frozenset[str]:
    """Which of the tables the statement names (reads or writes)."""
    return frozenset(t for t in tables if re.search(rf"\b{t}\b", query))
