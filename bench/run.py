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

from bench import browser, load, pages, scale
from bench.stats import p95
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


def load_section(result: dict, before: float, after: float) -> str:
    peak = max((r for _, r in result["rss"]), default=float("nan"))
    failures = result["failures"]
    loads = f"page loads p50 {result['loads_p50']:.0f} ms, p95 {result['loads_p95']:.0f} ms; " if "loads_p50" in result else ""
    if "first_p50" in result:
        loads += f"first page p50 {result['first_p50']:.0f} ms, p95 {result['first_p95']:.0f} ms; "
    return (
        f"\n### {result['sessions']} sessions × {result['changes']} changes\n\n"
        f"Failures: {len(failures)}{' — ' + '; '.join(failures[:5]) if failures else ''}. "
        f"{loads}indicator changes p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms. "
        f"Wall time {result.get('wall_s', float('nan')):.0f} s.\n\n"
        f"RSS: before {before:.0f} MB, peak {peak:.0f} MB ({(peak - before) / max(result['sessions'], 1):.2f} MB per session), "
        f"5 s after the sessions closed {after:.0f} MB ({(after - before) / before * 100:+.0f}% of before).\n\n"
        "RSS over time (s → MB): "
        + ", ".join(f"{t:.0f}→{r:.0f}" for t, r in result["rss"][:: max(1, len(result["rss"]) // 12)])
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="warm reruns per page (AppTest)")
    parser.add_argument("--repeats", type=int, default=5, help="browser cold loads per page; filter changes = 2 × this")
    parser.add_argument("--sessions", default="20,200", help="concurrent sessions in the load test; several runs: 20,200")
    parser.add_argument("--changes", type=int, default=5, help="indicator changes per session in the load test")
    parser.add_argument(
        "--clients", choices=("protocol", "chromium"), default="protocol",
        help="load-test sessions: WebSocket protocol clients (default) or Chromium tabs on this machine",
    )  # fmt: skip
    parser.add_argument("--scales", default="1,10,100", help="table size factors for the scale test")
    parser.add_argument("--tiny", action="store_true", help="a seconds-long run that only shows the harness works")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "bench" / "results.md")
    args = parser.parse_args(argv)
    slugs = tuple(browser.PAGE_CHARTS)
    if args.tiny:
        args.runs, args.repeats, args.sessions, args.changes, args.scales = 2, 1, "2", 1, "1,10"
        slugs = ("rankings",)
    command = (
        "python -m bench.run" + (" --tiny" if args.tiny else "") + (" --clients chromium" if args.clients == "chromium" else "")
    )
    report = [f"# Benchmark results\n\nCommand: `{command}` · date {date.today().isoformat()} · {machine()}\n"]

    reruns = pages.measure(args.runs)
    report.append(
        f"## Server: warm reruns (AppTest, {args.runs} per page, pages timed in turns)\n\n"
        f"Empty one-widget page: median {reruns.empty_median:.1f} ms as AppTest ships; "
        f"{reruns.cached_empty_median:.1f} ms with the script cache kept across runs, as the server keeps it. "
        "AppTest compiles the app and page scripts again on every run; a running server compiles each once.\n"
    )
    report.append(table(pages.REPORT_HEADER, pages.report_rows(reruns)))

    with app_process() as (base, process):
        cold, filters = asyncio.run(browser.measure_pages(base, repeats=args.repeats, slugs=slugs))
        warm_rss = rss_mb(process.pid)
        report.append(f"\n\n## Browser (Chromium, {args.repeats} cold loads per page)\n")
        report.append(table(["page", "cold load to charts visible, median ms"], [[c.slug, f"{c.cold_ms:.0f}"] for c in cold]))
        report.append(
            f"\n\nIndicator change on Rankings, from the key press that picks it to the chart's new title, timed in the page "
            f"({len(filters.samples_ms)} changes): p50 {statistics.median(filters.samples_ms):.0f} ms, p95 {p95(filters.samples_ms):.0f} ms; "
            f"WebSocket bytes to the browser per change: median {statistics.median(filters.ws_bytes):,.0f}, max {max(filters.ws_bytes):,}.\n\n"
            f"Server memory (RSS) after warm-up: {warm_rss:.0f} MB.\n"
        )
        clients = (
            "Chromium tabs on this machine" if args.clients == "chromium" else "WebSocket protocol sessions (bench/protocol.py)"
        )
        report.append(f"## Load test: concurrent sessions on loopback ({clients})\n")
        report.append(
            "Each session opens the overview, moves to Rankings and changes the indicator "
            f"{args.changes} times; all sessions start together.\n"
        )
        for sessions in (int(n) for n in str(args.sessions).split(",")):
            before = rss_mb(process.pid)
            result = asyncio.run(load.load_test(base, sessions, args.changes, lambda: rss_mb(process.pid), clients=args.clients))
            time.sleep(5)
            report.append(load_section(result, before, rss_mb(process.pid)))

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
