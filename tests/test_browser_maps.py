"""The maps in a real browser at phone, laptop and wall widths: every unit drawn whole, inside its
chart, nothing cut off (the drawn shapes keep the shape of the boundary files), nothing fetched
from another host. Screenshots of each map go to screenshots/ for a person to look at."""

from __future__ import annotations

import json
import math

import pytest

from tests.browser_support import MAP_UNIT, SCREENSHOT_DIR, RequestLog, app_server, wait_ready
from vetdash.paths import GEO_DIR

pytestmark = pytest.mark.browser

# Bounds of the path boxes of every drawn unit of one chart, in screen pixels.
UNION_OF_UNITS = """(chart) => {
    const boxes = [...chart.querySelectorAll('.geo path.choroplethlocation')].map(p => p.getBoundingClientRect());
    const outer = chart.getBoundingClientRect();
    return {n: boxes.length, empty: boxes.filter(b => b.width === 0 && b.height === 0).length,
            left: Math.min(...boxes.map(b => b.left)) - outer.left, right: Math.max(...boxes.map(b => b.right)) - outer.left,
            top: Math.min(...boxes.map(b => b.top)) - outer.top, bottom: Math.max(...boxes.map(b => b.bottom)) - outer.top,
            width: outer.width, height: outer.height};
}"""


def _bounds(name: str) -> tuple[float, float, float, float]:
    features = json.loads((GEO_DIR / name).read_text(encoding="utf-8"))["features"]

    def coords(geometry):
        for polygon in geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]:
            for ring in polygon:
                yield from ring

    points = [p for f in features for p in coords(f["geometry"])]
    return min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points)


def _mercator_aspect(bounds: tuple[float, float, float, float]) -> float:
    x0, y0, x1, y1 = bounds

    def y(lat: float) -> float:
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    return (x1 - x0) / (y(y1) - y(y0))


@pytest.fixture(scope="module")
def server():
    with app_server() as base:
        yield base


@pytest.mark.parametrize(("width", "height", "lang"), [(390, 900, "en"), (1440, 1000, "zh"), (1920, 1080, "en")])
def test_maps_fit_their_charts_at_every_width(browser, server, width, height, lang):
    page = browser.new_page(viewport={"width": width, "height": height})
    log = RequestLog(server)
    page.on("request", log)
    page.goto(f"{server}/map?lang={lang}")
    wait_ready(page)
    page.wait_for_function(f"document.querySelectorAll('{MAP_UNIT}').length >= 34 + 38", timeout=30_000)
    # National map: the composed picture (main map and inset) in plain coordinates; Chongqing: Mercator.
    expected = {0: ("china_map.geojson", None), 1: ("cq_districts.geojson", _mercator_aspect(_bounds("cq_districts.geojson")))}
    for index, (name, aspect) in expected.items():
        chart = page.locator("[data-testid=stPlotlyChart]").nth(index)
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        drawn = chart.evaluate(UNION_OF_UNITS)
        assert drawn["n"] >= (34 if index == 0 else 38) and drawn["empty"] == 0
        assert (
            drawn["left"] >= 0 and drawn["right"] <= drawn["width"] and drawn["top"] >= 0 and drawn["bottom"] <= drawn["height"]
        )
        x0, y0, x1, y1 = _bounds(name)
        want = aspect if aspect is not None else (x1 - x0) / (y1 - y0)
        got = (drawn["right"] - drawn["left"]) / (drawn["bottom"] - drawn["top"])
        # A map cut by its frame (the old national map at 17°N, the old district map in the north-east)
        # loses this ratio; the whole map keeps it.
        assert got == pytest.approx(want, rel=0.04), f"{name}: drawn {got:.3f}, boundary file {want:.3f}"
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        chart.screenshot(path=str(SCREENSHOT_DIR / f"map_{index}_{width}_{lang}.png"))
    page.close()
    assert log.outside == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wall_map_fits_at_1920(browser, server, lang):
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    log = RequestLog(server)
    page.on("request", log)
    page.goto(f"{server}/?screen=wall&lang={lang}")
    wait_ready(page)
    page.wait_for_function(f"document.querySelectorAll('{MAP_UNIT}').length >= 38", timeout=30_000)
    chart = page.locator("[data-testid=stPlotlyChart]").filter(has=page.locator(".geo")).first
    drawn = chart.evaluate(UNION_OF_UNITS)
    assert drawn["n"] == 38 and drawn["empty"] == 0
    got = (drawn["right"] - drawn["left"]) / (drawn["bottom"] - drawn["top"])
    assert got == pytest.approx(_mercator_aspect(_bounds("cq_districts.geojson")), rel=0.04)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SCREENSHOT_DIR / f"wall_1920_{lang}.png"))
    page.close()
    assert log.outside == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deck_columns_draw_offline(browser, server, lang):
    """The deck.gl view: opened, its canvas draws the columns (pixels of the 专科 orange) over the
    districts from the static file, on the blank style from static/, and nothing leaves the host."""
    from io import BytesIO

    from PIL import Image

    from vetdash.i18n import t

    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    log = RequestLog(server)
    page.on("request", log)
    page.goto(f"{server}/map?lang={lang}")
    wait_ready(page)
    with page.expect_response(lambda r: r.url.endswith("/app/static/map/blank_style.json") and r.ok, timeout=30_000):
        page.locator("[data-testid=stExpander] summary").filter(has_text=t("map.columns_head", lang)).click()
    chart = page.locator("[data-testid=stDeckGlJsonChart]").first
    chart.locator("canvas").first.wait_for(timeout=30_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(3000)
    image = Image.open(BytesIO(chart.screenshot())).convert("RGB")
    orange = sum(1 for r, g, b in image.get_flattened_data() if r > 150 and 50 < g < 130 and b < 60)
    district_grey = sum(1 for r, g, b in image.get_flattened_data() if (r, g, b) == (222, 226, 232))
    assert orange > 500 and district_grey > 10_000, (orange, district_grey)
    image.save(SCREENSHOT_DIR / f"deck_columns_{lang}.png")
    assert page.get_by_text(t("map.columns_legend", lang, year=2025)[:12]).count() >= 1
    page.close()
    assert log.outside == []
