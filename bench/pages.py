"""Server-side cost of a warm rerun per page (AppTest), against an empty one-widget page.

    python -m bench.pages [--runs 30]

Prints, per page, the median and p95 of warm reruns and the ratio of the median to the empty
page's median measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from streamlit.testing.v1 import AppTest

from bench.stats import p95
from vetdash import state
from vetdash.state import PAGE_SCRIPTS

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = str(PROJECT_ROOT / "app.py")
PAGES = PAGE_SCRIPTS
EMPTY_PAGE = 'import streamlit as st\nst.selectbox("x", ["a", "b"], key="x")\n'


def timings(at: AppTest, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        out.append((time.perf_counter() - start) * 1000)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return out


SHELL = "shell only (app with an empty page)"


def measure(runs: int, pages: tuple[str, ...] = PAGES) -> tuple[float, dict[str, list[float]]]:
    """Warm every app, then time them in turns, so each sees the same machine load.

    Besides the pages, the app itself is timed on the empty page (registered for the run as an
    extra navigation entry): what the shared shell costs before any page content.
    """
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "empty.py"
        script.write_text(EMPTY_PAGE, encoding="utf-8")
        apps = {"empty": AppTest.from_file(str(script), default_timeout=60)}
        apps["empty"].run()
        for page in pages:
            at = AppTest.from_file(APP, default_timeout=120)
            at.run()
            if page != PAGES[0]:
                at.switch_page(page)
            at.run()  # cold: fills the caches
            apps[page] = at
        extra_entry = (str(script), "nav.data", ":material/draft:", "bench-empty")
        with mock.patch.object(state, "PAGES", (*state.PAGES, extra_entry)):
            shell = AppTest.from_file(APP, default_timeout=120)
            shell.run()
            shell.switch_page(os.path.relpath(script, PROJECT_ROOT)).run()
            apps[SHELL] = shell
            samples: dict[str, list[float]] = {name: [] for name in apps}
            for _ in range(runs):
                for name, at in apps.items():
                    samples[name] += timings(at, 1)
    empty = samples.pop("empty")
    return statistics.median(empty), samples


def report(empty_median: float, results: dict[str, list[float]]) -> str:
    lines = [
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}",
        f"empty one-widget page: median {empty_median:.1f} ms",
        "| page | median ms | p95 ms | median / empty |",
        "|---|---|---|---|",
    ]
    for page, values in results.items():
        median = statistics.median(values)
        lines.append(f"| {page} | {median:.1f} | {p95(values):.1f} | {median / empty_median:.1f}× |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    empty_median, results = measure(args.runs)
    print(report(empty_median, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
