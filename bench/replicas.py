"""Two app replicas behind nginx (sticky sessions) on one PostgreSQL store.

    python -m bench.replicas [--sessions 10] [--changes 3]

Starts PostgreSQL (.ci/postgres.sh), two `streamlit run` processes with the SQL store, and nginx
on loopback with the README's site (sticky by client address; the front end and the page sent from
disk); runs the load test through nginx, its sessions coming from
different loopback addresses (127.0.0.N) so both replicas get some; then imports a file on replica A's
Data page and checks that replica B shows it. Needs root for PostgreSQL and nginx (as CI has).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.async_api import TimeoutError as PlaywrightTimeout
from playwright.async_api import async_playwright

from bench import browser
from bench import load as bench_load
from tests.browser_support import CHROMIUM_ARGS, app_process, chromium_path, nginx_front, rss_mb
from vetdash.paths import PROJECT_ROOT

SUPPLY = (
    "province_adcode,year,category_code,points,added,removed,is_demo\n500000,2025,46,120,8,3,false\n500000,2025,51,90,5,2,false\n"
)


def sessions_by_upstream(log: Path, replicas: tuple[str, ...]) -> tuple[int, ...]:
    """How many WebSocket sessions nginx sent to each replica (from its access log)."""
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    streams = [line.split()[0] for line in lines if "/_stcore/stream" in line]
    return tuple(sum(upstream == base.split("//", 1)[1] for upstream in streams) for base in replicas)


async def import_on_a_and_read_on_b(a: str, b: str, folder: Path) -> tuple[bool, bool]:
    upload = folder / "supply.csv"
    upload.write_text(SUPPLY, encoding="utf-8")
    async with async_playwright() as playwright:
        chrome = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = await (await chrome.new_context(viewport={"width": 1440, "height": 2000})).new_page()
        await page.goto(f"{a}/data?lang=en")
        await browser.settled(page)
        await page.get_by_label("Administrator password").fill("replica-test-pw")
        await page.keyboard.press("Enter")
        await browser.settled(page)
        await page.get_by_label("Your name (kept in the version history)").fill("replica bench")
        await page.get_by_label("Where the data is from (publisher, document, link; shown in the source line)").fill(
            "replica bench"
        )
        await page.keyboard.press("Enter")
        await browser.settled(page)
        await page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(upload))
        await browser.settled(page)
        await page.get_by_role("button", name="Confirm import").click()
        await browser.settled(page)
        imported = await page.get_by_text("Imported as version").count() > 0
        await asyncio.sleep(1.5)  # replicas look for a new current version at most once a second
        other = await (await chrome.new_context()).new_page()
        await other.goto(f"{b}/demand?lang=en&tab=Supply+vs+demand")
        await browser.settled(other)
        try:  # a busy replica may still be drawing the page: wait for the figure, not a fixed time
            await other.get_by_text("Fit index F").first.wait_for(timeout=30_000)
            visible = True
        except PlaywrightTimeout:
            visible = False
        await other.screenshot(path=str(folder.parent / "replica_b_demand.png"), full_page=True)
        await chrome.close()
    return imported, visible


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--changes", type=int, default=3)
    parser.add_argument(
        "--warm",
        action="store_true",
        help="first open every page on each replica (python -m bench.warm, run after starting them)",
    )
    args = parser.parse_args(argv)
    url = subprocess.run(
        ["bash", str(PROJECT_ROOT / ".ci" / "postgres.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        subprocess.run(
            [
                "su",
                "postgres",
                "-c",
                "psql -q -d vetdash_test -c 'DROP TABLE IF EXISTS vetdash_events, vetdash_current, vetdash_versions'",
            ],
            check=True,
        )
        secrets = folder / "secrets.toml"
        secrets.write_text(
            f'[admin]\npassword = "replica-test-pw"\n[storage]\nbackend = "sql"\n[connections.sql]\nurl = "{url}"\n',
            encoding="utf-8",
        )
        extra = ["--secrets.files", str(secrets)]
        with (
            app_process(extra_args=extra) as (a, process_a),
            app_process(extra_args=extra) as (b, process_b),
            nginx_front([a, b], folder, access_log=True) as front,
        ):
            if args.warm:
                for replica in (a, b):
                    asyncio.run(bench_load.warm_up(replica))
            load = asyncio.run(
                bench_load.load_test(
                    front, args.sessions, args.changes, lambda: rss_mb(process_a.pid) + rss_mb(process_b.pid),
                    source_addresses=tuple(f"127.0.0.{n}" for n in range(2, 2 + args.sessions)),
                )
            )  # fmt: skip
            imported, visible = asyncio.run(import_on_a_and_read_on_b(a, b, folder))
            served = sessions_by_upstream(folder / "access.log", (a, b))
    print(
        f"replicas: 2 behind nginx (sticky by client address) on PostgreSQL{', warmed' if args.warm else ''}; {load['sessions']} sessions × {load['changes']} changes "
        f"(sessions served by A / B: {served[0]} / {served[1]}): "
        f"failures {len(load['failures'])}; page loads p50 {load['loads_p50']:.0f} ms, p95 {load['loads_p95']:.0f} ms; "
        f"first page p50 {load['first_p50']:.0f} ms, p95 {load['first_p95']:.0f} ms; changes p50 {load['p50']:.0f} ms, p95 {load['p95']:.0f} ms; "
        f"import on A {'ok' if imported else 'FAILED'}, visible on B {'yes' if visible else 'NO'}"
    )
    for failure in load["failures"][:5]:
        print("  ", failure)
    return 0 if imported and visible and not load["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
