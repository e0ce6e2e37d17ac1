"""The benchmark harness still runs (a tiny configuration; nothing here is timed or compared)."""

from __future__ import annotations

import pytest

from tests.browser_support import chromium_path
from tests.conftest import IN_CI


@pytest.mark.browser
def test_bench_harness_runs_on_a_tiny_configuration(tmp_path):
    if not chromium_path():
        if IN_CI:
            pytest.fail("Chromium is missing; CI must install it")
        pytest.skip("Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH")
    from bench import run

    out = tmp_path / "results.md"
    assert run.main(["--tiny", "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    for heading in ("## Server: warm reruns", "## Browser", "## Load test", "## Scale"):
        assert heading in report
    assert "pages/rankings.py" in report and "| 10× |" in report
