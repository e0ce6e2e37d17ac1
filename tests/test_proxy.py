"""The README's nginx example, run for real in front of the app: the security headers arrive,
/_stcore/metrics is kept inside, Streamlit's front end and the page come from disk without the app, and every page renders under the content security policy with no
violation and no request to another host."""

from __future__ import annotations

import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser_support import (
    MAP_UNIT,
    SCREENSHOT_DIR,
    RequestLog,
    app_process,
    nginx_binary,
    nginx_front,
    readme_nginx_example,
    wait_ready,
)
from tests.conftest import IN_CI
from tests.test_browser import PAGES
from vetdash.i18n import t


@contextmanager
def behind_nginx(tmp_path, access_log: bool = False):
    if not nginx_binary():
        if IN_CI:
            pytest.fail("nginx is missing; CI must install it (.ci/run)")
        pytest.skip("nginx not found: apt-get install nginx-light to run the proxy test")
    with app_process() as (app, _), nginx_front([app], tmp_path, access_log) as base:
        yield base, app


def test_headers_arrive_and_metrics_stay_inside(tmp_path):
    with behind_nginx(tmp_path) as (base, app):
        with urllib.request.urlopen(f"{base}/") as response:
            headers = response.headers
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["X-Content-Type-Options"] == "nosniff"
        policy = headers["Content-Security-Policy"]
        assert "frame-ancestors 'self'" in policy and "default-src 'self'" in policy and "'unsafe-eval'" not in policy
        with urllib.request.urlopen(f"{app}/_stcore/metrics") as response:
            assert response.status == 200, "Streamlit itself answers anyone"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/_stcore/metrics")
        assert refused.value.code == 404


def test_every_page_renders_under_the_content_security_policy(browser, tmp_path):
    with behind_nginx(tmp_path) as (base, _):
        context = browser.new_context(viewport={"width": 1440, "height": 2200})
        # Every violation, reported to the console or not (some are only events, e.g. WebAssembly).
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '')));"
        )
        page = context.new_page()
        log = RequestLog(base)
        page.on("request", log)
        violations: list[str] = []
        console: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("console", lambda m: console.append(f"{m.type}: {m.text[:200]}"))
        page.on("pageerror", lambda e: console.append(f"error: {e}"))

        def events() -> list[str]:
            return page.evaluate("window.__csp || []")

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
                # the 3D columns (deck.gl, its WebGL workers and blank style) under the policy too
                page.locator("[data-testid=stExpander] summary").filter(has_text=t("map.columns_head", "zh")).click()
                page.locator("[data-testid=stDeckGlJsonChart] canvas").first.wait_for(timeout=30_000)
                page.wait_for_timeout(3000)
            violations += events()
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


def test_the_front_end_and_every_page_come_from_disk_and_the_session_from_the_app(tmp_path):
    """A room opening one link at once: each phone's page and scripts are nginx's work, so the app
    processes serve only the sessions (the WebSocket) and the requests only they can answer."""
    import gzip
    import re

    import streamlit

    from vetdash import state

    site = readme_nginx_example()
    listed = re.search(r"location ~ \^/\(([^)]*)\)\?\$", site)
    assert listed and listed.group(1).split("|") == list(state.PAGE_SLUGS), "the page location names every page"
    static = Path(streamlit.__file__).parent / "static"
    index = (static / "index.html").read_bytes()
    script = min((static / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size)
    with behind_nginx(tmp_path, access_log=True) as (base, app):
        for path in ("/", "/rankings", "/data"):
            with urllib.request.urlopen(f"{base}{path}?lang=en&indicator=sector_share") as response:
                assert response.read() == index
                assert response.headers["Cache-Control"] == "no-cache", path
                assert response.headers["X-Frame-Options"] == "SAMEORIGIN", "the site's headers on files too"
        with urllib.request.urlopen(f"{base}/static/js/{script.name}") as response:
            assert response.read() == script.read_bytes()
            assert "max-age=31536000" in response.headers["Cache-Control"]
        largest = max((static / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size)
        asked = urllib.request.Request(f"{base}/static/js/{largest.name}", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(asked) as response:
            assert response.headers["Content-Encoding"] == "gzip", "a phone gets the scripts compressed"
            assert gzip.decompress(response.read()) == largest.read_bytes()
        with urllib.request.urlopen(f"{base}/app/static/geo/south_china_sea.geojson") as response:
            assert response.read() == (Path(__file__).parent.parent / "static" / "geo" / "south_china_sea.geojson").read_bytes()
            assert response.headers["Content-Type"] == "application/geo+json"
        boundaries = urllib.request.Request(f"{base}/app/static/geo/provinces.geojson", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(boundaries) as response:
            assert response.headers["Content-Encoding"] == "gzip", "the largest download of a map page, compressed"
        with urllib.request.urlopen(f"{base}/app/static/icon.png") as response:
            assert response.headers["Content-Type"] == "image/png"
        with urllib.request.urlopen(f"{base}/_stcore/health") as response:
            assert response.status == 200
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/app/static/../app.py")
        assert missing.value.code in (400, 404)
    served = [line.split(" ", 1) for line in (tmp_path / "access.log").read_text(encoding="utf-8").splitlines()]
    upstream = {uri.split("?")[0]: addr for addr, uri in served}
    app_address = app.removeprefix("http://")
    for path in ("/", "/rankings", "/data", f"/static/js/{script.name}", "/app/static/geo/south_china_sea.geojson"):
        assert upstream[path] == "-", f"{path} went to the app"
    assert upstream["/_stcore/health"] == app_address
