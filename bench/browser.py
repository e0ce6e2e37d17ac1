"""Browser-side timings against a real server: cold load, filter change, WebSocket bytes, load test.

Every target is on loopback; loops are bounded in count and time.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field

from playwright.async_api import async_playwright

from tests.browser_support import CHROMIUM_ARGS, chromium_path

READY = "[data-testid=stApp][data-test-script-state=notRunning]"
CHART = "[data-testid=stPlotlyChart]"
# Pages and how many charts each draws by default.
PAGE_CHARTS = {"": 1, "map": 2, "rankings": 3, "institutions": 0, "consortia": 1, "demand": 3, "budgets": 0, "data": 0}
INDICATOR_CYCLE = ("zhuanke_per_million", "gdp", "vocational_enrollment", "manufacturing_lq", "zhuanke")
TIME_LIMIT_S = 600


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else float("nan")


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
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
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
        await browser.close()
    return timings, filters


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
    for index in range(rounds):
        label = options[(index + 1) % len(options)]
        before_title = await page.locator(f"{CHART} .gtitle").first.text_content()
        frames["bytes"] = 0
        start = time.perf_counter()
        await page.locator(".st-key-indicator [data-testid=stSelectbox]").click()
        await page.get_by_role("option", name=label, exact=True).click()
        await page.wait_for_function(
            "([selector, before]) => { const t = document.querySelector(selector); return t && t.textContent !== before; }",
            arg=[f"{CHART} .gtitle", before_title],
            timeout=30_000,
        )
        result.samples_ms.append((time.perf_counter() - start) * 1000)
        await settled(page)
        result.ws_bytes.append(frames["bytes"])
    await context.close()
    return result


async def _indicator_options(page) -> list[str]:
    await page.locator(".st-key-indicator [data-testid=stSelectbox]").click()
    labels = await page.locator("[role=option]").all_inner_texts()
    await page.keyboard.press("Escape")
    return [label.strip() for label in labels][:6]


async def load_test(base: str, sessions: int, changes: int, rss: callable) -> dict:
    """``sessions`` browsers at once, each opening pages and changing the indicator ``changes`` times."""
    failures: list[str] = []
    interactions: list[float] = []
    rss_samples: list[tuple[float, float]] = []
    started = time.monotonic()

    async def one(browser, number: int) -> None:
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        try:
            for slug in ("", "rankings"):
                start = time.perf_counter()
                await page.goto(f"{base}/{slug}", timeout=120_000)
                await settled(page, timeout=120_000)
                interactions.append((time.perf_counter() - start) * 1000)
            await page.locator(CHART).first.wait_for(timeout=60_000)
            options = await _indicator_options(page)
            for index in range(changes):
                if time.monotonic() - started > TIME_LIMIT_S:
                    break
                before = await page.locator(f"{CHART} .gtitle").first.text_content()
                start = time.perf_counter()
                await page.locator(".st-key-indicator [data-testid=stSelectbox]").click()
                # options[0] is the default; each pick differs from the one before, so the chart must change
                choice = options[1 + (index + number) % (len(options) - 1)]
                await page.get_by_role("option", name=choice, exact=True).click()
                await page.wait_for_function(
                    "([s, b]) => { const t = document.querySelector(s); return t && t.textContent !== b; }",
                    arg=[f"{CHART} .gtitle", before], timeout=60_000,
                )  # fmt: skip
                interactions.append((time.perf_counter() - start) * 1000)
            if await page.locator("[data-testid=stException]").count():
                failures.append(f"session {number}: exception on page")
        except Exception as exc:  # a failed session is counted, not fatal to the run
            failures.append(f"session {number}: {type(exc).__name__}: {str(exc).splitlines()[0][:100]}")
        finally:
            await context.close()

    async def sample_rss(stop: asyncio.Event) -> None:
        while not stop.is_set():
            rss_samples.append((time.monotonic() - started, rss()))
            await asyncio.sleep(1.0)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(stop))
        await asyncio.gather(*(one(browser, n) for n in range(sessions)))
        stop.set()
        await sampler
        await browser.close()
    return {
        "sessions": sessions,
        "changes": changes,
        "failures": failures,
        "p50": statistics.median(interactions) if interactions else float("nan"),
        "p95": p95(interactions),
        "rss": rss_samples,
    }
