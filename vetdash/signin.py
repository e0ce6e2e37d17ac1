"""Administrator sign-in: a constant-time password check behind per-session and global backoff.

Per session: three wrong passwords are free; after that each attempt waits 2, 4, 8 … seconds
after the last wrong one, at most ``SESSION_CAP``. Across all sessions (opening a new session
costs an attacker nothing): once more than ``GLOBAL_FREE`` wrong passwords were entered in the
last ``GLOBAL_WINDOW``, every attempt waits 2, 4, 8 … seconds after the last wrong one anywhere,
at most ``GLOBAL_CAP``. An attempt made while it must wait is refused without being checked.
Every wait ends by itself, so no visitor can lock the administrator out for longer than the caps;
a right password clears its session's count.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass

SESSION_FREE = 3
SESSION_CAP = 300.0  # seconds
GLOBAL_FREE = 10
GLOBAL_WINDOW = 900.0  # seconds: wrong passwords older than this no longer count
GLOBAL_CAP = 30.0  # seconds

_log = logging.getLogger(__name__)


def clock() -> float:
    """Monotonic seconds: the clock the backoff measures with (tests replace it)."""
    return time.monotonic()


class Backoff:
    """Wrong attempts and how long the next attempt must wait: with n > free of them, 2^(n − free)
    seconds after the last one, at most ``cap``; wrong attempts older than ``window`` are forgotten."""

    def __init__(self, free: int, cap: float, window: float | None = None):
        self.free, self.cap, self.window = free, cap, window
        self._failures: deque[float] = deque(maxlen=4096)
        self._lock = threading.Lock()

    def _recent(self, now: float) -> int:
        if self.window is not None:
            while self._failures and self._failures[0] <= now - self.window:
                self._failures.popleft()
        return len(self._failures)

    def wait(self, now: float) -> float:
        """Seconds from ``now`` until an attempt may be checked (0: now)."""
        with self._lock:
            excess = self._recent(now) - self.free
            if excess <= 0:
                return 0.0
            return max(0.0, self._failures[-1] + min(self.cap, 2.0**excess) - now)

    def failed(self, now: float) -> int:
        """Record a wrong attempt at ``now`` (seconds, ``clock()``); returns the wrong attempts that still count."""
        with self._lock:
            self._failures.append(now)
            return self._recent(now)

    def clear(self) -> None:
        """Forget every wrong attempt (after a correct password)."""
        with self._lock:
            self._failures.clear()


def session_backoff() -> Backoff:
    """A fresh backoff for one browser session (``SESSION_FREE`` free attempts, waits up to ``SESSION_CAP`` seconds)."""
    return Backoff(SESSION_FREE, SESSION_CAP)


GLOBAL = Backoff(GLOBAL_FREE, GLOBAL_CAP, GLOBAL_WINDOW)


def same_password(entered: str, password: str) -> bool:
    """Compared in constant time; hashing first hides the length as well as the content."""
    return hmac.compare_digest(hashlib.sha256(entered.encode()).digest(), hashlib.sha256(password.encode()).digest())


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    checked: bool  # False: refused unchecked, the caller had to wait
    wait: float = 0.0  # seconds before the next attempt is checked


def attempt(entered: str, password: str, session: Backoff) -> Outcome:
    """Check one sign-in attempt against the administrator password, within both backoffs."""
    now = clock()
    wait = max(session.wait(now), GLOBAL.wait(now))
    if wait > 0:
        return Outcome(accepted=False, checked=False, wait=wait)
    if same_password(entered, password):
        session.clear()
        return Outcome(accepted=True, checked=True)
    session.failed(now)
    recent = GLOBAL.failed(now)
    _log.warning("wrong administrator password (%d in the last %d minutes, all sessions)", recent, GLOBAL_WINDOW // 60)
    return Outcome(accepted=False, checked=True, wait=max(session.wait(now), GLOBAL.wait(now)))
