"""Server-side cost of a warm rerun per page (AppTest), against an empty one-widget page.

    python -m bench.pages [--runs 30]

Prints, per page, the median and p95 of warm reruns and the ratio of the median to the empty
page's median measured in the same run on the same machine, two ways:

- as AppTest ships: every run compiles the app and page scripts again (AppTest makes a new
  script cache per run);
- as the server runs them: one script cache for the process, so a warm rerun executes cached
  bytecode, as every session of a running server does.

Each page is timed both ways in alternation, so both see the same machine load.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

from bench.stats import p95
from vetdash import state
from vetdash.internals import APPTEST_SCRIPT_CACHE
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


@contextlib.contextmanager
def server_script_cache(cache: ScriptCache):
    """AppTest with one script cache kept across runs, as the server keeps one per process."""
    with mock.patch(APPTEST_SCRIPT_CACHE, lambda: cache):
        yield


@dataclass(frozen=True)
class Reruns:
    """Warm rerun samples (ms) per page, as AppTest ships and with the server's script cache."""

    empty_median: float
    samples: dict[str, list[float]]
    cached_empty_median: float
    cached_samples: dict[str, list[float]]


SHELL = "shell only (app with an empty page)"


def measure(runs: int, pages: tuple[str, ...] = PAGES) -> Reruns:
    """Warm every app, then time them in turns, so each sees the same machine load.

    Besides the pages, the app itself is timed on the empty page (registered for the run as an
    extra navigation entry): what the shared shell costs before any page content.
    """
    cache = ScriptCache()
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
            shipped: dict[str, list[float]] = {name: [] for name in apps}
            cached: dict[str, list[float]] = {name: [] for name in apps}
            for _ in range(runs):
                for name, at in apps.items():
                    shipped[name] += timings(at, 1)
                    with server_script_cache(cache):
                        cached[name] += timings(at, 1)
    return Reruns(
        empty_median=statistics.median(shipped.pop("empty")),
        samples=shipped,
        cached_empty_median=statistics.median(cached.pop("empty")),
        cached_samples=cached,
    )


def report_rows(reruns: Reruns) -> list[list[str]]:
    rows = []
    for page, values in reruns.samples.items():
        median, cached = statistics.median(values), statistics.median(reruns.cached_samples[page])
        rows.append([
            page, f"{median:.1f}", f"{p95(values):.1f}", f"{median / reruns.empty_median:.1f}×",
            f"{cached:.1f}", f"{cached / reruns.cached_empty_median:.1f}×",
        ])  # fmt: skip
    return rows


REPORT_HEADER = ["page", "median ms", "p95 ms", "median / empty", "script cache kept: median ms", "… / empty"]


def report(reruns: Reruns) -> str:
    lines = [
        f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}",
        f"empty one-widget page: median {reruns.empty_median:.1f} ms (script cache kept: {reruns.cached_empty_median:.1f} ms)",
        "| " + " | ".join(REPORT_HEADER) + " |",
        "|" + "---|" * len(REPORT_HEADER),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in report_rows(reruns)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    print(report(measure(args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
