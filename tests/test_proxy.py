"""The README's nginx example, run for real in front of the app: the security headers arrive,
/_stcore/metrics is kept inside, and every page renders under the content security policy with no
violation and no request to another host."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser_support import MAP_UNIT, SCREENSHOT_DIR, RequestLog, app_process, free_port, wait_ready
from tests.conftest import IN_CI
from tests.test_browser import PAGES
from vetdash.paths import PROJECT_ROOT


def readme_nginx_example() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- nginx-example -->\s*```nginx\n(.*?)```", readme, re.S)
    assert block, "README: the nginx example is marked <!-- nginx-example -->"
    return block.group(1)


@contextmanager
def behind_nginx(tmp_path):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")  # Debian keeps it in sbin
    if not nginx:
        if IN_CI:
            pytest.fail("nginx is missing; CI must install it (.ci/run)")
        pytest.skip("nginx not found: apt-get install nginx-light to run the proxy test")
    with app_process() as (app, _):
        port = free_port()
        site = readme_nginx_example()
        site = site.replace("server 127.0.0.1:8501;", f"server {app.removeprefix('http://')};")
        site = re.sub(r"listen 443 ssl;[^\n]*", f"listen 127.0.0.1:{port};", site)
        # nginx's workers run as an unprivileged user: a large response to a slow browser (a busy machine)
        # is buffered in the temp folders, which they must reach and write. pytest's tmp_path is private
        # to its owner, so a refused temp file cut PlotlyChart's script short (ERR_CONTENT_LENGTH_MISMATCH).
        temp = Path(tempfile.mkdtemp(prefix="nginx-temp-"))
        temp.chmod(0o777)
        conf = tmp_path / "nginx.conf"
        conf.write_text(
            f"daemon off;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{ }}\n"
            f"http {{\n  access_log off;\n  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n"
            f"  include /etc/nginx/mime.types;\n{site}\n}}\n",
            encoding="utf-8",
        )
        process = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).close()
                    break
                except OSError:
                    if process.poll() is not None:
                        raise RuntimeError(process.stderr.read().decode()) from None
                    subprocess.run(["sleep", "0.1"], check=True)
            yield base, app
        finally:
            process.terminate()
            process.wait(timeout=10)
            shutil.rmtree(temp, ignore_errors=True)


def test_headers_arrive_and_metrics_stay_inside(tmp_path):
    with behind_nginx(tmp_path) as (base, app):
        with urllib.request.urlopen(f"{base}/") as response:
            headers = response.headers
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["X-Content-Type-Options"] == "nosniff"
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in policy and "default-src 'self'" in policy and "unsafe-eval" not in policy
        with urllib.request.urlopen(f"{app}/_stcore/metrics") as response:
            assert response.status == 200, "Streamlit itself answers anyone"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/_stcore/metrics")
        assert refused.value.code == 404


def test_every_page_renders_under_the_content_security_policy(browser, tmp_path):
    with behind_nginx(tmp_path) as (base, _):
        context = browser.new_context(viewport={"width": 1440, "height": 2200})
        page = context.new_page()
        log = RequestLog(base)
        page.on("request", log)
        violations: list[str] = []
        console: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("console", lambda m: console.append(f"{m.type}: {m.text[:200]}"))
        page.on("pageerror", lambda e: console.append(f"error: {e}"))
        for slug, charts in PAGES.items():
            page.goto(f"{base}/{slug}?lang=zh")
            wait_ready(page)
            assert page.locator("[data-testid=stException]").count() == 0
            for _ in range(240):  # charts draw after the script has run (the first page on a cold, busy server: slow)
                if page.locator("[data-testid=stPlotlyChart] .main-svg").count() >= charts:
                    break
                page.wait_for_timeout(500)
            else:
                page.screenshot(path=str(SCREENSHOT_DIR / "proxy_csp_failed.png"))
                nginx_log = (tmp_path / "error.log").read_text(encoding="utf-8", errors="replace")[-1500:]
                pytest.fail(
                    f"/{slug}: charts not drawn under the policy; console: {(violations + console)[:6]}; nginx: {nginx_log}"
                )
            if slug == "map":
                page.wait_for_function(f"document.querySelectorAll('{MAP_UNIT}').length >= 34 + 38", timeout=20_000)
                page.wait_for_timeout(3000)
                page.screenshot(path=str(SCREENSHOT_DIR / "proxy_csp_map_zh.png"))
        assert violations == [], violations[:5]
        assert log.outside == []
        context.close()


def test_a_slow_browser_gets_every_byte_of_the_largest_script(tmp_path):
    """A phone on a busy network reads slowly: nginx then buffers Streamlit's largest script (plotly's
    chunk, about 4.7 MB) on disk, and the browser must still get all of it (a cut script is a page
    whose charts never draw)."""
    import http.client
    import time

    import streamlit

    scripts = Path(streamlit.__file__).parent / "static" / "static" / "js"
    largest = max(scripts.glob("*.js"), key=lambda p: p.stat().st_size)
    with behind_nginx(tmp_path) as (base, _):
        connection = http.client.HTTPConnection(base.removeprefix("http://"), timeout=60)
        connection.request("GET", f"/static/js/{largest.name}", headers={"Accept-Encoding": "identity"})
        response = connection.getresponse()
        time.sleep(3)  # the upstream has sent everything by now; nginx holds the rest
        received = 0
        while chunk := response.read(1 << 16):
            received += len(chunk)
        connection.close()
    assert received == largest.stat().st_size == int(response.getheader("Content-Length"))
