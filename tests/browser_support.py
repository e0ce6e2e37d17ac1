"""A real app server and the system Chromium, for browser tests and screenshots."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
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


def readme_nginx_example() -> str:
    """The README's nginx site (between <!-- nginx-example --> marks), as an administrator copies it."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- nginx-example -->\s*```nginx\n(.*?)```", readme, re.S)
    if not block:
        raise AssertionError("README: the nginx example is marked <!-- nginx-example -->")
    return block.group(1)


def nginx_site(upstreams: list[str], port: int) -> str:
    """The README's nginx site for these app addresses (``http://host:port``), listening on loopback
    ``port`` without TLS, its folders those of this checkout and its streamlit package."""
    import streamlit

    site = readme_nginx_example()
    servers = " ".join(f"server {u.removeprefix('http://')};" for u in upstreams)
    site = site.replace("server 127.0.0.1:8501;", servers)
    site = re.sub(r"listen 443 ssl;[^\n]*", f"listen 127.0.0.1:{port};", site)
    site = site.replace(
        "/srv/vetdash/.venv/lib/python3.11/site-packages/streamlit/static", str(Path(streamlit.__file__).parent / "static")
    )
    return site.replace("/srv/vetdash/static/", f"{PROJECT_ROOT / 'static'}/")


def nginx_binary() -> str | None:
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")  # Debian keeps it in sbin


@contextmanager
def nginx_front(upstreams: list[str], folder: Path, access_log: bool = False):
    """nginx with the README's site in front of ``upstreams``; yields its base URL. Its configuration,
    error log and (with ``access_log``) a log of which upstream served each request sit in ``folder``."""
    nginx = nginx_binary()
    if not nginx:
        raise RuntimeError("nginx not found: apt-get install nginx-light")
    port = free_port()
    # nginx's workers run as an unprivileged user: a large response to a slow browser (a busy machine)
    # is buffered in the temp folders, which they must reach and write. pytest's tmp_path is private
    # to its owner, so a refused temp file cut PlotlyChart's script short (ERR_CONTENT_LENGTH_MISMATCH).
    temp = Path(tempfile.mkdtemp(prefix="nginx-temp-"))
    temp.chmod(0o777)
    log = (
        f"log_format upstreams '$upstream_addr $request_uri';\n  access_log {folder}/access.log upstreams;"
        if access_log
        else "access_log off;"
    )
    conf = folder / "nginx.conf"
    conf.write_text(
        f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n  {log}\n  client_body_temp_path {temp}/body;\n  proxy_temp_path {temp}/proxy;\n"
        f"  include /etc/nginx/mime.types;\n{nginx_site(upstreams, port)}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([nginx, "-p", str(folder), "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stderr.read().decode()) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(temp, ignore_errors=True)
