"""Load test: N sessions at once against one server, each opening pages and changing a filter.

Sessions speak the browser's WebSocket protocol (bench/protocol.py), so on a small machine the
figures are the server's, not those of N headless browsers sharing its cores. ``bench.browser``
provides the same sessions as real Chromium tabs (``python -m bench.run --clients chromium``).
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Callable

from bench.protocol import ProtocolSession
from bench.stats import p95

TIME_LIMIT_S = 600
# What a meeting does with a shared link: open it, go to the rankings, try a few indicators.
PAGES = ("", "rankings")
INDICATOR_KEY = "indicator"


async def load_test(
    base: str,
    sessions: int,
    changes: int,
    rss: Callable[[], float],
    source_addresses: tuple[str, ...] = (),
    clients: str = "protocol",
) -> dict:
    """``sessions`` sessions started together; returns failures, interaction times and RSS samples.

    ``clients`` is "protocol" (WebSocket sessions; with ``source_addresses``, session n connects
    from address n modulo their number) or "chromium" (tabs of one headless Chromium).
    """
    if clients == "chromium":
        from bench import browser  # Playwright only when asked for

        async with browser.chromium() as chromium:
            return await _drive(lambda n: browser.BrowserSession(chromium, base), sessions, changes, rss)
    return await _drive(
        lambda n: ProtocolSession(base, source_address=source_addresses[n % len(source_addresses)] if source_addresses else None),
        sessions, changes, rss,
    )  # fmt: skip


async def _drive(make_session: Callable, sessions: int, changes: int, rss: Callable[[], float]) -> dict:
    failures: list[str] = []
    loads: list[float] = []
    interactions: list[float] = []
    rss_samples: list[tuple[float, float]] = []
    started = time.monotonic()

    async def one(number: int) -> None:
        session = make_session(number)
        try:
            loads.append(await session.open(PAGES[0]))
            for page in PAGES[1:]:
                loads.append(await session.switch_page(page))
            options = (await session.options(INDICATOR_KEY))[:6]
            for index in range(changes):
                if time.monotonic() - started > TIME_LIMIT_S:
                    failures.append(f"session {number}: stopped at the {TIME_LIMIT_S} s limit")
                    break
                # options[0] is the default; each pick differs from the one before
                choice = options[1 + (index + number) % (len(options) - 1)]
                interactions.append(await session.choose(INDICATOR_KEY, choice))
        except Exception as exc:  # a failed session is counted, not fatal to the run
            failures.append(f"session {number}: {type(exc).__name__}: {str(exc)[:300]}")
        finally:
            await session.close()

    async def sample_rss(stop: asyncio.Event) -> None:
        while not stop.is_set():
            rss_samples.append((time.monotonic() - started, rss()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=1.0)

    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(stop))
    await asyncio.gather(*(one(n) for n in range(sessions)))
    stop.set()
    await sampler
    return {
        "sessions": sessions,
        "changes": changes,
        "failures": failures,
        "loads_p50": statistics.median(loads) if loads else float("nan"),
        "loads_p95": p95(loads),
        "p50": statistics.median(interactions) if interactions else float("nan"),
        "p95": p95(interactions),
        "interactions": len(interactions),
        "wall_s": time.monotonic() - started,
        "rss": rss_samples,
    }
