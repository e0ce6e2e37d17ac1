"""The benchmark harness still runs (a tiny configuration; nothing here is timed or compared)."""

from __future__ import annotations

import re

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


def test_load_test_has_a_command_line(capsys):
    """An operator runs the load test against a server with sessions, changes and its URL."""
    import subprocess
    import sys

    from bench import load
    from tests.browser_support import app_process
    from vetdash.paths import PROJECT_ROOT

    shown = subprocess.run(
        [sys.executable, "-m", "bench.load", "--help"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert all(option in shown for option in ("--sessions", "--changes", "--url", "--pid"))
    with pytest.raises(SystemExit):
        load.main(["--url", "https://example.edu.cn/dashboard"])
    assert "http://host:port" in capsys.readouterr().err
    with app_process() as (base, process):
        assert load.main(["--url", base, "--pid", str(process.pid), "--sessions", "2", "--changes", "1"]) == 0
    report = capsys.readouterr().out
    assert f"Load test against {base}" in report and "2 sessions × 1 changes" in report and "Failures: 0." in report


def test_importer_bench_measures_register_rows_in_a_process_of_their_own():
    from bench import importer

    if not importer.RAW_REGISTER.exists():
        pytest.skip("the shared raw register is not beside the project")
    bad = importer.measure("register_bad", 2.0)
    # every row has a text year and a text 修业年限: the first 20 of each column are kept
    assert bad["problems_kept"] == 40 and bad["bytes"] > 2_000_000
    assert bad["peak_mb_before_parse"] < 400, "the file is made in another process, not counted here"


def test_warm_up_opens_every_page_in_both_languages_on_each_process(capsys):
    """The deployment step after starting the app processes: every page has run once in each language
    (so its tables and figures are built) and a process that does not answer is reported."""
    import asyncio

    from bench import warm
    from tests.browser_support import app_process, free_port
    from vetdash.state import PAGE_SLUGS

    with app_process() as (base, _):
        opened: list[tuple[str, str]] = []
        assert asyncio.run(warm.warm(base, opened)) == []
        assert opened == [(lang, slug) for lang in ("zh", "en") for slug in PAGE_SLUGS]
        absent = f"http://127.0.0.1:{free_port()}"
        assert warm.main([base, absent]) == 1
    shown = capsys.readouterr().out
    assert f"{base}: 16 of 16 pages opened in" in shown and f"{absent}: 0 of 16 pages opened in" in shown
    assert f"{absent} (zh): ConnectionRefusedError" in shown and f"{absent} (en): ConnectionRefusedError" in shown


def test_cost_bench_reports_each_step_of_a_visit(capsys):
    """python -m bench.cost's figures come from the server's own CPU clock for each step of a visit."""
    from bench import cost

    assert cost.cpu_seconds(__import__("os").getpid()) > 0
    for wrong in ("0", "-5"):
        with pytest.raises(SystemExit):
            cost.main(["--sessions", wrong])
    assert cost.main(["--sessions", "3"]) == 0
    shown = capsys.readouterr().out
    for step in (*cost.STEPS, "a whole visit"):
        assert step in shown


@pytest.mark.browser
def test_the_room_deployment_runs_end_to_end(capsys):
    """python -m bench.replicas on a tiny load: two app processes on PostgreSQL behind the README's nginx
    site, warmed with bench.warm; the sessions are spread over both, none fails, and a file imported on
    one process is shown by the other."""
    import os

    from bench import replicas
    from tests.browser_support import nginx_binary

    if not (nginx_binary() and chromium_path() and os.environ.get("VETDASH_PG_URL")):
        if IN_CI:
            pytest.fail("CI must install nginx and Chromium and start PostgreSQL (.ci/run)")
        pytest.skip("needs nginx, Chromium and PostgreSQL (VETDASH_PG_URL), as CI has")
    assert replicas.main(["--sessions", "6", "--changes", "1", "--warm"]) == 0
    shown = capsys.readouterr().out
    served = re.search(r"sessions served by A / B: (\d+) / (\d+)", shown)
    assert served and int(served.group(1)) + int(served.group(2)) == 6 and min(int(served.group(1)), int(served.group(2))) >= 1
    assert "failures 0" in shown and "import on A ok, visible on B yes" in shown
