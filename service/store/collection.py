"""Cyclic garbage collection paused while a block builds many young objects that are no cyclic garbage."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic garbage collection within the block: it builds tens of thousands of new objects (an
    aggregate's state, a replay's rows and events), none of them cyclic garbage, that each collection would
    walk again; reference counting frees them as usual."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
