"""How cost grows with data: the institution and GDP tables made 10× and 100× larger.

Synthetic rows are made here, in memory, and never written: copies of real rows with new
institution codes, and GDP rows for invented years. The pages' first (cold) run and warm reruns
are timed with AppTest, as in bench/pages.py.
"""

from __future__ import annotations

import statistics
import time
from unittest import mock

import pandas as pd
from streamlit.testing.v1 import AppTest

from bench.pages import APP, timings
from bench.stats import p95
from vetdash import catalog, memo

SCALE_PAGES = ("pages/overview.py", "pages/rankings.py", "pages/institutions.py")
_real_load = catalog.load


def enlarged(name: str, factor: int) -> pd.DataFrame:
    frame = _real_load(name)
    if factor == 1 or name not in ("institutions", "province_gdp"):
        return frame
    copies = []
    for copy in range(factor):
        part = frame.copy()
        if name == "institutions" and copy:
            part["code"] = part["code"].str.slice(0, 4) + (part["code"].str.slice(4).astype(int) + copy * 100_000).astype(
                str
            ).str.zfill(6)
            part["name"] = part["name"] + f"（样本{copy}）"
        if name == "province_gdp" and copy:
            part["year"] = part["year"] - 10 * copy
        copies.append(part)
    return pd.concat(copies, ignore_index=True)


def measure(factor: int, runs: int) -> dict[str, tuple[float, float, float]]:
    """page -> (cold ms, warm median ms, warm p95 ms) with tables ``factor`` times larger."""
    memo.clear_all()
    results = {}
    with mock.patch.object(catalog, "load", lambda name: enlarged(name, factor)):
        for page in SCALE_PAGES:
            at = AppTest.from_file(APP, default_timeout=300)
            if page != SCALE_PAGES[0]:
                at.run()
                at.switch_page(page)
            start = time.perf_counter()
            at.run()
            cold = (time.perf_counter() - start) * 1000
            warm = timings(at, runs)
            results[page] = (cold, statistics.median(warm), p95(warm))
    memo.clear_all()
    return results
