"""Commands on one aggregate take turns in arrival order; past a bound they are told to come back."""

from __future__ import annotations

import asyncio
from uuid import uuid4

import pytest

from service.usecases.errors import ConcurrencyConflict
from service.usecases.turns import Busy, Turns


async def test_turns_are_taken_one_at_a_time_in_arrival_order_and_lines_go_away():
    turns, one, other = Turns(), uuid4(), uuid4()
    order: list[str] = []
    in_flight = {"now": 0, "most": 0}

    async def command(name: str, aggregate) -> None:
        async with turns.turn(aggregate):
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
            await asyncio.sleep(0.001)
            order.append(name)
            in_flight["now"] -= 1

    await asyncio.gather(*(command(f"c{n}", one) for n in range(5)), command("elsewhere", other))
    assert [n for n in order if n != "elsewhere"] == ["c0", "c1", "c2", "c3", "c4"]
    assert in_flight["most"] == 2  # one per aggregate
    assert turns._lines == {}


async def test_a_full_line_or_a_long_wait_is_a_conflict_with_a_time_to_retry():
    turns, one = Turns(max_waiting=2, max_wait_s=0.05), uuid4()
    release = asyncio.Event()

    async def holder() -> None:
        async with turns.turn(one):
            await release.wait()

    async def waiter() -> str:
        try:
            async with turns.turn(one):
                return "served"
        except Busy as busy:
            return f"busy {busy.retry_after_s}"

    held = asyncio.create_task(holder())
    await asyncio.sleep(0)
    waiting = [asyncio.create_task(waiter()) for _ in range(2)]
    await asyncio.sleep(0)
    assert turns.waiting(one) == 2
    with pytest.raises(ConcurrencyConflict):  # the third in line
        async with turns.turn(one):
            pass
    assert await asyncio.gather(*waiting) == ["busy 1", "busy 1"]  # waited 0.05 s, the longest
    release.set()
    await held
    async with turns.turn(one):
        assert turns.waiting(one) == 0
    assert turns._lines == {}
