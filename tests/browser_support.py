"""A real app server and the system Chromium, for browser tests and screenshots."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from vetdash.paths import PROJECT_ROOT

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# Keep Chromium from calling home; no --disable-gpu, so WebGL (software) is there for MapLibre.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]
SCREENSHOT_DIR = PROJECT_ROOT / "screenshots"
# Each drawn map unit (province or district) is one of these SVG paths.
MAP_UNIT = "[data-testid=stPlotlyChart] .geo path.choroplethlocation"


def chromium_path() -> str | None:
    found = os.environ.get("CHROMIUM_PATH") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    return found or shutil.which("chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def app_server(extra_env: dict[str, str] | None = None, extra_args: list[str] | None = None):
    """Start ``streamlit run app.py`` on a free loopback port; yield its base URL."""
    with app_process(extra_env, extra_args) as (base, _):
        yield base


@contextmanager
def app_process(extra_env: dict[str, str] | None = None, extra_args: list[str] | None = None, port: int | None = None):
    """Like ``app_server`` but yields (base URL, process), for measuring the server itself."""
    port = port or free_port()
    env = {**os.environ, **(extra_env or {})}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *(extra_args or []),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("app server did not become healthy in 60 s")
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_ready(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished and the page has settled (Streamlit's own e2e signal)."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)
    page.wait_for_timeout(600)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)


class RequestLog:
    """Every request the page makes, to prove nothing leaves the app's own host."""

    def __init__(self, base: str):
        self.allowed = urlparse(base).netloc
        self.outside: list[str] = []

    def __call__(self, request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob", "about", "chrome-extension"):
            return
        if parsed.netloc != self.allowed:
            self.outside.append(request.url)


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")
