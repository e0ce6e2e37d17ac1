"""Load test: N sessions at once against one server, each opening pages and changing a filter.

    python -m bench.load --sessions 200 --changes 5                   # starts the app here and measures it
    python -m bench.load --url http://10.0.0.11:8501 --sessions 50    # a running server (or the proxy)
    python -m bench.load --sessions 200 --warm                        # after python -m bench.warm
    python -m bench.load --help

Sessions speak the browser's WebSocket protocol (bench/protocol.py), so on a small machine the
figures are the server's, not those of N headless browsers sharing its cores. ``bench.browser``
provides the same sessions as real Chromium tabs (``python -m bench.run --clients chromium``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from urllib.parse import urlparse

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
    firsts: list[float] = []
    interactions: list[float] = []
    rss_samples: list[tuple[float, float]] = []
    started = time.monotonic()

    async def one(number: int) -> None:
        session = make_session(number)
        try:
            first = await session.open(PAGES[0])
            loads.append(first)
            firsts.append(first)
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
        "first_p50": statistics.median(firsts) if firsts else float("nan"),
        "first_p95": p95(firsts),
        "p50": statistics.median(interactions) if interactions else float("nan"),
        "p95": p95(interactions),
        "interactions": len(interactions),
        "wall_s": time.monotonic() - started,
        "rss": rss_samples,
    }


async def warm_up(base: str) -> None:
    """Every page once in each language (``python -m bench.warm``, the deployment's step after starting
    the app), so the shared caches are filled."""
    from bench.warm import warm  # it reads addresses with this module's _base_url

    failures = await warm(base)
    if failures:
        raise RuntimeError(f"warm-up session failed: {failures[0]}")


def _base_url(text: str) -> str:
    """An http://host:port address: the sessions speak plain WebSocket to /_stcore/stream there."""
    url = urlparse(text)
    if url.scheme != "http" or not url.netloc or url.path.strip("/") or url.query:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give the server's http://host:port (no path; for https, run the test on the host behind the proxy)"
        )
    return f"http://{url.netloc}"


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be 1 or more")
    return number


def main(argv: list[str] | None = None) -> int:
    """Run one load test from the command line; prints the summary, exits 1 when a session failed."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.load",
        description="Open SESSIONS sessions at once; each opens the overview, moves to Rankings and changes the "
        "indicator CHANGES times. Prints failures, page-load and change times (p50/p95) and server memory.",
    )
    parser.add_argument("--sessions", type=_positive, default=20, help="sessions started together (default 20)")
    parser.add_argument("--changes", type=_positive, default=5, help="indicator changes per session (default 5)")
    parser.add_argument(
        "--url", type=_base_url, default=None,
        help="a running server's http://host:port; default: start `streamlit run app.py` here on a free port",
    )  # fmt: skip
    parser.add_argument(
        "--warm", action="store_true",
        help="first open every page once (python -m bench.warm, run after starting the app; the server's shared "
        "caches are filled then); default: the sessions meet a freshly started server",
    )  # fmt: skip
    parser.add_argument("--pid", type=int, default=None, help="with --url on this host: the server's process id, for its memory")
    parser.add_argument(
        "--clients", choices=("protocol", "chromium"), default="protocol",
        help="WebSocket protocol sessions (default; the server's figures) or tabs of one headless Chromium",
    )  # fmt: skip
    args = parser.parse_args(argv)
    from bench.run import load_section  # the report's wording, shared with python -m bench.run
    from tests.browser_support import app_process, rss_mb

    def run(base: str, pid: int | None) -> dict:
        memory = (lambda: rss_mb(pid)) if pid else (lambda: float("nan"))
        if args.warm:
            asyncio.run(warm_up(base))
        before = memory()
        result = asyncio.run(load_test(base, args.sessions, args.changes, memory, clients=args.clients))
        if pid:
            time.sleep(5)
        print(f"Load test against {base}" + ("" if pid else " (server memory not measured: give --pid)"))
        print(load_section(result, before, memory()).strip())
        return result

    if args.url:
        result = run(args.url, args.pid)
    else:
        with app_process() as (base, process):
            result = run(base, process.pid)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
