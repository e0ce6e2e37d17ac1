"""Server CPU per step of a visit: where a room's load goes, one session at a time.

    python -m bench.cost [--sessions 50]

Starts the app, opens every page once (``bench.warm``), then sends SESSIONS sessions one after
another through the load test's visit (the page's HTML, the first page, a switch to Rankings,
five indicator changes, closing) and reads the server process's CPU time (user + system, from
/proc; in clock ticks of 10 ms, hence the mean over many visits) around each step. Prints the
mean milliseconds of server CPU per step. One session at a time, so each step's CPU is its own; under load the same work is shared out over the cores the
server can use (one per process: its sessions' scripts run under one interpreter lock).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from bench import protocol
from bench.load import INDICATOR_KEY, PAGES, _positive, warm_up
from bench.protocol import ProtocolSession

STEPS = ("page HTML", "first page (session, shell, overview)", "switch to Rankings", "indicator change", "close")
CHANGES = 5


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process ``pid`` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def visit_costs(base: str, pid: int, sessions: int) -> dict[str, float]:
    """Mean server CPU (ms) of each step in ``STEPS`` over ``sessions`` visits made one after another."""
    totals = dict.fromkeys(STEPS, 0.0)

    def spent(step: str, since: float, times: int = 1) -> None:
        totals[step] += (cpu_seconds(pid) - since) * 1000 / times

    for number in range(sessions):
        start = cpu_seconds(pid)
        await asyncio.to_thread(protocol._fetch, base, "/", None)
        spent(STEPS[0], start)
        session = ProtocolSession(base)
        start = cpu_seconds(pid)
        await session.open(PAGES[0])
        spent(STEPS[1], start)
        start = cpu_seconds(pid)
        await session.switch_page(PAGES[1])
        spent(STEPS[2], start)
        options = (await session.options(INDICATOR_KEY))[:6]
        start = cpu_seconds(pid)
        for index in range(CHANGES):
            await session.choose(INDICATOR_KEY, options[1 + (index + number) % (len(options) - 1)])
        spent(STEPS[3], start, CHANGES)
        start = cpu_seconds(pid)
        await session.close()
        await asyncio.sleep(0.05)  # the server ends the session after the socket closes
        spent(STEPS[4], start)
    totals[STEPS[1]] -= totals[STEPS[0]]  # open() fetched the HTML too
    return {step: total / sessions for step, total in totals.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the mean server CPU per step of a visit."""
    parser = argparse.ArgumentParser(prog="python -m bench.cost", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=_positive, default=50, help="visits, one after another (default 50)")
    args = parser.parse_args(argv)
    from tests.browser_support import app_process

    with app_process() as (base, process):
        asyncio.run(warm_up(base))
        costs = asyncio.run(visit_costs(base, process.pid, args.sessions))
    visit = costs[STEPS[0]] + costs[STEPS[1]] + costs[STEPS[2]] + CHANGES * costs[STEPS[3]] + costs[STEPS[4]]
    print(f"Server CPU per step, mean of {args.sessions} visits one after another:")
    for step, ms in costs.items():
        print(f"  {step:40} {ms:6.1f} ms")
    print(f"  {'a whole visit (changes × ' + str(CHANGES) + ')':40} {visit:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
