"""Screenshots of every page in both languages, for a person to look at.

python scripts/screenshots.py [--out screenshots] [--query "demo=true"]
"""

from __future__ import annotations

import argparse
import sys

from playwright.sync_api import sync_playwright

from tests.browser_support import CHROMIUM_ARGS, SCREENSHOT_DIR, RequestLog, app_server, chromium_path, wait_ready

PAGES = ("", "map", "rankings", "institutions", "consortia", "demand", "budgets", "data")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(SCREENSHOT_DIR))
    parser.add_argument("--query", default="")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args(argv)
    with app_server() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2400})
        log = RequestLog(base)
        page.on("request", log)
        for slug in args.pages.split(","):
            for lang in ("zh", "en"):
                query = "&".join(q for q in (f"lang={lang}", args.query) if q)
                page.goto(f"{base}/{slug}?{query}")
                wait_ready(page)
                page.wait_for_timeout(2500)  # maps draw after the script finishes
                name = f"{args.out}/{slug or 'overview'}_{lang}.png"
                page.screenshot(path=name, full_page=True)
                print(name)
        browser.close()
    print("outside requests:", log.outside or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
