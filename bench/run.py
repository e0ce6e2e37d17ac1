"""The benchmark harness: one command, one report.

    python -m bench.run                     # full run, writes bench/results.md
    python -m bench.run --tiny --out /tmp/r.md   # seconds-long smoke run (used by the tests)

Measures, on this machine and in one run: server-side warm reruns per page (AppTest) with the
ratio to an empty page; in Chromium, cold load to all charts visible, indicator change to updated
chart (p50/p95) and WebSocket bytes per change; server memory after warm-up; a load test of N
concurrent sessions (failures, interaction p50/p95, memory over time and after the sessions close);
and page timings with the tables made 10× and 100× larger.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import streamlit

from bench import browser, pages, scale
from tests.browser_support import app_process, rss_mb
from vetdash.paths import PROJECT_ROOT


def machine() -> str:
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), model)
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {model}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}, Streamlit {streamlit.__version__}"


def table(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header), *("| " + " | ".join(r) + " |" for r in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="warm reruns per page (AppTest)")
    parser.add_argument("--repeats", type=int, default=5, help="browser cold loads per page; filter changes = 2 × this")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions in the load test")
    parser.add_argument("--changes", type=int, default=5, help="indicator changes per session in the load test")
    parser.add_argument("--scales", default="1,10,100", help="table size factors for the scale test")
    parser.add_argument("--tiny", action="store_true", help="a seconds-long run that only shows the harness works")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results.md")
    args = parser.parse_args(argv)
    slugs = tuple(browser.PAGE_CHARTS)
    if args.tiny:
        args.runs, args.repeats, args.sessions, args.changes, args.scales = 2, 1, 1, 1, "1,10"
        slugs = ("rankings",)
    command = "python -m bench.run" + (" --tiny" if args.tiny else "")
    report = [f"# Benchmark results\n\nCommand: `{command}` · date {date.today().isoformat()} · {machine()}\n"]

    empty, reruns = pages.measure(args.runs)
    report.append(
        f"## Server: warm reruns (AppTest, {args.runs} per page, pages timed in turns)\n\nEmpty one-widget page: median {empty:.1f} ms\n"
    )
    report.append(table(["page", "median ms", "p95 ms", "median / empty"],
                        [[p, f"{statistics.median(v):.1f}", f"{pages.p95(v):.1f}", f"{statistics.median(v) / empty:.1f}×"] for p, v in reruns.items()]))  # fmt: skip

    with app_process() as (base, process):
        cold, filters = asyncio.run(browser.measure_pages(base, repeats=args.repeats, slugs=slugs))
        warm_rss = rss_mb(process.pid)
        report.append(f"\n\n## Browser (Chromium, {args.repeats} cold loads per page)\n")
        report.append(table(["page", "cold load to charts visible, median ms"], [[c.slug, f"{c.cold_ms:.0f}"] for c in cold]))
        report.append(
            f"\n\nIndicator change on Rankings to the updated chart ({len(filters.samples_ms)} changes): "
            f"p50 {statistics.median(filters.samples_ms):.0f} ms, p95 {browser.p95(filters.samples_ms):.0f} ms; "
            f"WebSocket bytes to the browser per change: median {statistics.median(filters.ws_bytes):,.0f}, max {max(filters.ws_bytes):,}.\n\n"
            f"Server memory (RSS) after warm-up: {warm_rss:.0f} MB.\n"
        )
        started = time.monotonic()
        load = asyncio.run(browser.load_test(base, args.sessions, args.changes, lambda: rss_mb(process.pid)))
        time.sleep(5)
        after = rss_mb(process.pid)
        peak = max((r for _, r in load["rss"]), default=float("nan"))
        report.append(f"## Load test: {load['sessions']} concurrent sessions × {load['changes']} indicator changes (loopback)\n")
        report.append(
            f"Failures: {len(load['failures'])}{' — ' + '; '.join(load['failures'][:5]) if load['failures'] else ''}. "
            f"Interactions (page loads and changes): p50 {load['p50']:.0f} ms, p95 {load['p95']:.0f} ms. "
            f"Wall time {time.monotonic() - started:.0f} s.\n\n"
            f"RSS: warm {warm_rss:.0f} MB, peak {peak:.0f} MB ({(peak - warm_rss) / max(load['sessions'], 1):.1f} MB per session), "
            f"5 s after the sessions closed {after:.0f} MB ({(after - warm_rss) / warm_rss * 100:+.0f}% of warm).\n\n"
            "RSS over time (s → MB): "
            + ", ".join(f"{t:.0f}→{r:.0f}" for t, r in load["rss"][:: max(1, len(load["rss"]) // 12)])
            + "\n"
        )

    report.append("## Scale: tables 10× and 100× larger (synthetic rows in memory)\n")
    rows = []
    for factor in (int(f) for f in args.scales.split(",")):
        for page, (cold_ms, median, high) in scale.measure(factor, max(2, args.runs // 4)).items():
            rows.append([f"{factor}×", page, f"{cold_ms:.0f}", f"{median:.1f}", f"{high:.1f}"])
    report.append(table(["tables", "page", "first run ms", "warm median ms", "warm p95 ms"], rows))
    args.out.write_text("\n".join(report) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
