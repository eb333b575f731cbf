"""HTTP writers for the many-process test: each command retried with its Idempotency-Key until accepted."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httpx

RETRYABLE = {409, 500, 502, 503, 504}  # a conflict after the server's own retries, or a process going away


@dataclass
class Fleet:
    """The API processes' base URLs, and which of them are still alive."""

    urls: list[str]
    dead: set[str] = field(default_factory=set)

    def pick(self, n: int) -> str:
        alive = [url for url in self.urls if url not in self.dead]
        return alive[n % len(alive)]


@dataclass(frozen=True)
class Sent:
    """One command as the writer saw it: its key, its answer, and how many tries it took."""

    key: str
    status: int
    body: dict
    tries: int
    failures: tuple[str, ...]


async def send(client: httpx.AsyncClient, fleet: Fleet, n: int, path: str, body: dict,
               headers: dict[str, str], key: str, attempts: int = 40) -> Sent:
    """POST `body` until a process accepts or refuses it for good; every try carries the same key."""
    failures: list[str] = []
    for attempt in range(attempts):
        url = fleet.pick(n + attempt)
        try:
            answer = await client.post(url + path, json=body, headers={**headers, "Idempotency-Key": key})
        except httpx.TransportError as error:  # the process was killed with the request in flight
            failures.append(type(error).__name__)
            await asyncio.sleep(0.1)
            continue
        if answer.status_code in RETRYABLE:
            failures.append(str(answer.status_code))
            await asyncio.sleep(0.05 * (attempt + 1))
            continue
        return Sent(key, answer.status_code, answer.json(), attempt + 1, tuple(failures))
    raise AssertionError(f"{key} was never answered: {failures}")
