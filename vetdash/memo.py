"""A process-wide cache for read-only values shared by all sessions.

The same contract as ``st.cache_resource`` (one value per argument set, shared, never copied),
at a fraction of its per-call cost: arguments are hashed as they are (they must be hashable)
instead of being pickled and digested, which matters when a page makes a dozen cached calls per
rerun. Callers that change a returned value copy it first.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_MISSING = object()
_CACHES: list[SharedCache] = []


class SharedCache:
    """Least-recently-used entries, at most ``max_entries``; with ``ttl`` (seconds) they expire."""

    def __init__(self, function: Callable, max_entries: int, ttl: float | None) -> None:
        self.function = function
        self.max_entries = max_entries
        self.ttl = ttl
        self._entries: OrderedDict[tuple, tuple[float, object]] = OrderedDict()
        self._computing: dict[tuple, threading.Lock] = {}
        self._lock = threading.Lock()

    def __call__(self, *args: object) -> object:
        found = self._lookup(args)
        if found is not _MISSING:
            return found
        # One computation per key: when a room full of people opens the same link, the first
        # session builds the value and the others wait for it instead of building it too.
        with self._lock:
            computing = self._computing.setdefault(args, threading.Lock())
        with computing:
            found = self._lookup(args)
            if found is not _MISSING:
                return found
            try:
                value = self.function(*args)
                with self._lock:
                    self._entries[args] = (time.monotonic(), value)
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(args, None)
        return value

    def _lookup(self, args: tuple) -> object:
        with self._lock:
            stamped = self._entries.get(args)
            if stamped is None:
                return _MISSING
            if self.ttl is not None and time.monotonic() - stamped[0] >= self.ttl:
                del self._entries[args]
                return _MISSING
            self._entries.move_to_end(args)
            return stamped[1]

    def clear(self) -> None:
        """Drop every entry of this cache."""
        with self._lock:
            self._entries.clear()


def shared(max_entries: int = 128, ttl: float | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorator: one value per argument tuple, shared by every session of the process.

    Args: ``max_entries`` kept (least recently used dropped first); ``ttl`` seconds after which an
    entry is computed again (None: never). Arguments must be hashable (TypeError otherwise);
    returned values are shared, so callers copy before changing them. An exception is not cached.
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        cache = SharedCache(function, max_entries, ttl)
        _CACHES.append(cache)
        wrapper = functools.wraps(function)(cache)
        return wrapper  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Empty every cache made by ``shared`` (tests, and after an import replaces data)."""
    for cache in _CACHES:
        cache.clear()
