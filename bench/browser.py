"""Browser-side timings against a real server: cold load, filter change, WebSocket bytes, load test.

Every target is on loopback; loops are bounded in count and time.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from playwright.async_api import async_playwright

from tests.browser_support import CHROMIUM_ARGS, chromium_path

READY = "[data-testid=stApp][data-test-script-state=notRunning]"
CHART = "[data-testid=stPlotlyChart]"
# Pages and how many charts each draws by default.
PAGE_CHARTS = {"": 1, "map": 2, "rankings": 3, "institutions": 0, "consortia": 1, "demand": 3, "budgets": 0, "data": 0}
INDICATOR_CYCLE = ("zhuanke_per_million", "gdp", "vocational_enrollment", "manufacturing_lq", "zhuanke")
TIME_LIMIT_S = 600


async def settled(page, timeout: float = 60_000) -> None:
    await page.wait_for_selector(READY, timeout=timeout)
    await page.wait_for_timeout(150)
    await page.wait_for_selector(READY, timeout=timeout)


@dataclass
class PageTiming:
    slug: str
    cold_ms: float


@dataclass
class FilterTiming:
    samples_ms: list[float] = field(default_factory=list)
    ws_bytes: list[int] = field(default_factory=list)


async def measure_pages(
    base: str, repeats: int = 3, slugs: tuple[str, ...] = tuple(PAGE_CHARTS)
) -> tuple[list[PageTiming], FilterTiming]:
    async with chromium() as browser:
        timings = []
        for slug in slugs:
            charts = PAGE_CHARTS[slug]
            samples = []
            for _ in range(repeats):
                context = await browser.new_context(viewport={"width": 1440, "height": 1000})
                page = await context.new_page()
                start = time.perf_counter()
                await page.goto(f"{base}/{slug}")
                await settled(page)
                if charts:
                    await page.locator(CHART).nth(charts - 1).wait_for(timeout=30_000)
                samples.append((time.perf_counter() - start) * 1000)
                await context.close()
            timings.append(PageTiming(slug or "overview", statistics.median(samples)))
        filters = await measure_filter_changes(browser, base, rounds=repeats * 2)
    return timings, filters


# Timed inside the page, from the key press that makes the choice to the chart's new title, so the
# figure excludes the time the test driver itself takes to reach the browser.
START_CHANGE_TIMER = """([selector, before]) => {
  window.__change = new Promise(resolve => {
    let pressed = null;
    document.addEventListener('keydown', () => { pressed = performance.now(); }, {capture: true, once: true});
    const observer = new MutationObserver(() => {
      const title = document.querySelector(selector);
      if (pressed !== null && title && title.textContent !== before) {
        observer.disconnect();
        resolve(performance.now() - pressed);
      }
    });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true});
  });
}"""


async def choose_indicator(page, label: str, timeout_ms: float = 30_000) -> float:
    """Open the indicator list, point at ``label``, press Enter; ms from the key press to the new chart."""
    title = f"{CHART} .gtitle"
    before = await page.locator(title).first.text_content()
    await page.locator(".st-key-indicator [data-testid=stSelectbox]").click()
    await page.get_by_role("option", name=label, exact=True).hover()
    await page.evaluate(START_CHANGE_TIMER, [title, before])
    await page.keyboard.press("Enter")
    return await asyncio.wait_for(page.evaluate("window.__change"), timeout=timeout_ms / 1000)


async def measure_filter_changes(browser, base: str, rounds: int) -> FilterTiming:
    result = FilterTiming()
    context = await browser.new_context(viewport={"width": 1440, "height": 1000})
    page = await context.new_page()
    frames = {"bytes": 0}
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda payload: frames.__setitem__("bytes", frames["bytes"] + len(payload))),
    )
    await page.goto(f"{base}/rankings")
    await settled(page)
    await page.locator(CHART).first.wait_for(timeout=30_000)
    options = await _indicator_options(page)
    # One untimed pass first: the figures are then cached, as they are once anyone has picked them.
    for label in [*options[1:], options[0]]:
        await choose_indicator(page, label)
        await settled(page)
    for index in range(rounds):
        frames["bytes"] = 0
        result.samples_ms.append(await choose_indicator(page, options[(index + 1) % len(options)]))
        await settled(page)
        result.ws_bytes.append(frames["bytes"])
    await context.close()
    return result


async def _indicator_options(page) -> list[str]:
    await page.locator(".st-key-indicator [data-testid=stSelectbox]").click()
    labels = await page.locator("[role=option]").all_inner_texts()
    await page.keyboard.press("Escape")
    return [label.strip() for label in labels][:6]


class BrowserSession:
    """One Chromium tab with the same interface as ``bench.protocol.ProtocolSession``."""

    def __init__(self, browser, base: str) -> None:
        self.browser = browser
        self.base = base
        self.page = None
        self.context = None

    async def open(self, slug: str = "") -> float:
        self.context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = await self.context.new_page()
        return await self.switch_page(slug)

    async def switch_page(self, slug: str) -> float:
        start = time.perf_counter()
        await self.page.goto(f"{self.base}/{slug}", timeout=120_000)
        await settled(self.page, timeout=120_000)
        if await self.page.locator("[data-testid=stException]").count():
            raise RuntimeError(f"exception on page /{slug}")
        return (time.perf_counter() - start) * 1000

    async def options(self, key: str) -> list[str]:
        await self.page.locator(CHART).first.wait_for(timeout=60_000)
        return await _indicator_options(self.page)

    async def choose(self, key: str, label: str) -> float:
        return await choose_indicator(self.page, label, timeout_ms=60_000)

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()


@asynccontextmanager
async def chromium():
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()
