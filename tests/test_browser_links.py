# ruff: noqa: F811 - pytest passes the imported fixtures as parameters of the same name
"""A link is the view, in a real browser: copied in one language and opened in the other, after
Back and Forward, from before the codes, and a storyline link in a fresh browser."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser_support import SCREENSHOT_DIR, wait_ready
from tests.test_browser import server  # noqa: F401 - the app server fixture (the browser one is in conftest)

pytestmark = pytest.mark.browser


@pytest.fixture()
def context(browser):
    made = browser.new_context(viewport={"width": 1440, "height": 1800})
    yield made
    made.close()


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def found_count(page) -> int:
    """The consortia page's "N found" note, in either language."""
    note = page.get_by_text(re.compile(r"(符合条件的\d+个|\d+ match)")).first.inner_text()
    return int(re.search(r"\d+", note).group())


def pick(page, control: str, option: str) -> None:
    page.locator("[data-testid=stMain] [data-testid=stSelectbox]").filter(has_text=control).click()
    page.get_by_role("option").filter(has_text=option).first.click()
    wait_ready(page)


def shows_table(page) -> bool:
    page.locator("[data-testid=stMain] [data-testid=stDataFrame]").first.wait_for(timeout=20_000)
    return True


def press(page, label: str) -> None:
    """A button of a row of buttons (section, chart/table)."""
    page.locator("[data-testid=stMain] [data-testid=stButtonGroup] button").filter(has_text=label).first.click()
    wait_ready(page)


@pytest.mark.parametrize(("copied_in", "opened_in"), [("zh", "en"), ("en", "zh")])
def test_a_filtered_view_copied_in_one_language_opens_the_same_in_the_other(context, browser, server, copied_in, opened_in):
    page = context.new_page()
    page.goto(f"{server}/consortia?lang={copied_in}")
    wait_ready(page)
    everything = found_count(page)
    pick(page, "行业" if copied_in == "zh" else "Sector", "46")
    press(page, "名录" if copied_in == "zh" else "Register")
    copied = page.url
    assert query(copied)["sector"] == ["46"] and query(copied)["tab"] == ["table"]
    rows = found_count(page)
    assert 0 < rows < everything

    other = browser.new_context(viewport={"width": 1440, "height": 1800})
    try:
        opened = other.new_page()
        opened.goto(copied.replace(f"lang={copied_in}", f"lang={opened_in}"))
        wait_ready(opened)
        assert found_count(opened) == rows, "the same rows"
        assert {**query(opened.url), "lang": [copied_in]} == query(copied), "the same filters in the URL"
        assert shows_table(opened), "the same section (the register)"
        # and switching language there changes only lang
        opened.locator("[data-testid=stSidebar] button").filter(has_text="中文" if opened_in == "en" else "English").click()
        wait_ready(opened)
        assert query(opened.url) == query(copied)
    finally:
        other.close()


@pytest.mark.parametrize(
    "path",
    ["rankings?lang=en&indicator=gdp&view=table&peers=510000", "consortia?lang=zh&sector=46&tab=table&kind=city",
     "rankings?lang=zh&indicator=sector_share&sector=53"],
)  # fmt: skip
def test_switching_language_again_and_again_changes_only_lang(context, server, path):
    page = context.new_page()
    page.goto(f"{server}/{path}")
    wait_ready(page)
    first = query(page.url)
    for label in ("中文", "English", "中文", "English", "中文"):
        page.locator("[data-testid=stSidebar] button").filter(has_text=label).first.click()
        wait_ready(page)
        page.wait_for_timeout(300)
        assert query(page.url) == {**first, "lang": ["zh" if label == "中文" else "en"]}, label
    # and the controls show the view in the language now chosen
    assert page.locator("[data-testid=stMain] [data-testid=stSelectbox]").first.inner_text().strip() != ""


def test_back_and_forward_restore_each_pages_parameters(context, server):
    page = context.new_page()
    page.goto(f"{server}/rankings?lang=en")
    wait_ready(page)
    pick(page, "Indicator", "GDP per capita")
    assert query(page.url)["indicator"] == ["gdp_per_capita_yuan"]
    press(page, "Table")
    assert query(page.url)["view"] == ["table"]
    page.locator("[data-testid=stSidebarNav] a").filter(has_text="Consortia").click()
    wait_ready(page)
    everything = found_count(page)
    pick(page, "Sector", "46")
    in_sector = found_count(page)
    assert in_sector < everything
    page.locator("[data-testid=stSidebarNav] a").filter(has_text="Demand fit").click()
    wait_ready(page)
    assert "/demand" in page.url and query(page.url)["sector"] == ["46"], "the sector follows the user"

    def back() -> None:
        page.go_back()
        wait_ready(page)

    back()
    while "/consortia" not in page.url:  # the browser's bare step of the page click shows the same view
        assert query(page.url).get("sector") == ["46"]
        back()
    assert query(page.url)["sector"] == ["46"]
    assert found_count(page) == in_sector, "the consortia of sector 46, as they were"
    for _ in range(6):  # a bare step of a page switch may sit between two views, as above
        if "/rankings" in page.url and "view" in query(page.url):
            break
        back()
    assert query(page.url)["indicator"] == ["gdp_per_capita_yuan"] and query(page.url)["view"] == ["table"]
    assert shows_table(page), "the table view is back"
    back()
    assert query(page.url)["indicator"] == ["gdp_per_capita_yuan"] and "view" not in query(page.url)
    assert page.locator("[data-testid=stMain] [data-testid=stDataFrame]").count() == 0, "the chart view"
    page.go_forward()
    wait_ready(page)
    assert query(page.url)["view"] == ["table"] and shows_table(page)
    page.reload()
    wait_ready(page)
    assert query(page.url)["view"] == ["table"] and query(page.url)["indicator"] == ["gdp_per_capita_yuan"]
    assert page.locator("[data-testid=stException]").count() == 0


def test_an_old_label_link_opens_the_view_and_reads_as_codes(context, server):
    page = context.new_page()
    page.goto(f"{server}/rankings?lang=en&indicator=GDP&view=Table&peers=四川 Sichuan")
    wait_ready(page)
    assert query(page.url) == {"lang": ["en"], "indicator": ["gdp"], "view": ["table"], "peers": ["510000"]}
    assert shows_table(page)
    assert page.locator("[data-testid=stException]").count() == 0


def test_a_storyline_link_presents_the_same_slides_in_a_fresh_browser(context, browser, server):
    page = context.new_page()
    page.goto(f"{server}/consortia?lang=en&tab=members&sector=46")
    wait_ready(page)
    sidebar = page.locator("[data-testid=stSidebar]")
    sidebar.get_by_text("Share and present").click()
    wait_ready(page)
    sidebar.get_by_role("button", name="Add this view to my storyline").click()
    wait_ready(page)
    page.locator("[data-testid=stSidebarNav] a").filter(has_text="Rankings").click()
    wait_ready(page)
    sidebar.get_by_text("Share and present").click()  # a page switch folds it
    wait_ready(page)
    sidebar.get_by_role("button", name="Add this view to my storyline").click()
    wait_ready(page)
    link = sidebar.locator("[data-testid=stCode]").filter(has_text="story=s1.").inner_text().strip()
    assert "present=1" in link

    sidebar.get_by_role("button", name="Present my storyline").click()
    wait_ready(page)
    assert page.get_by_text("1 / 3", exact=True).is_visible(), "presented in the same tab (title slide and two views)"
    first_heading = page.locator("h1").first.inner_text()

    fresh = browser.new_context(viewport={"width": 1600, "height": 900})
    try:
        other = fresh.new_page()
        other.goto(link)
        wait_ready(other)
        assert other.get_by_text("1 / 3", exact=True).is_visible()
        assert other.locator("h1").first.inner_text() == first_heading
        for shown in ("2 / 3", "3 / 3"):
            other.keyboard.press("ArrowRight")
            wait_ready(other)
            assert other.get_by_text(shown, exact=True).is_visible()
            page.keyboard.press("ArrowRight")
            wait_ready(page)
            assert other.locator("h1").first.inner_text() == page.locator("h1").first.inner_text()
        assert other.locator("[data-testid=stException]").count() == 0
    finally:
        fresh.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slug", ["rankings", "demand", "consortia"])
def test_on_a_phone_titles_fit_and_the_sidebar_leaves_the_page_free(browser, server, slug, lang):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = phone.new_page()
        page.goto(f"{server}/{slug}?lang={lang}")
        wait_ready(page)
        title = page.locator("[data-testid=stPlotlyChart] .gtitle").first
        title.wait_for(timeout=30_000)
        sidebar = page.locator("[data-testid=stSidebar]")
        box = sidebar.bounding_box()
        assert box is None or box["x"] + box["width"] <= 1, "the sidebar starts folded away on a phone"
        for index in range(page.locator("[data-testid=stPlotlyChart]").count()):
            chart = page.locator("[data-testid=stPlotlyChart]").nth(index)
            for part in (".gtitle", ".gtitle-subtitle", ".ytick text"):
                for text in chart.locator(part).all()[:40]:
                    edge = text.bounding_box()
                    assert edge is None or (edge["x"] >= 0 and edge["x"] + edge["width"] <= 390), f"{part} cut on a phone"
        SCREENSHOT_DIR.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"phone_{slug}_{lang}.png"))
    finally:
        phone.close()
