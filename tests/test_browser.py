"""A real server and the system Chromium: pages render, charts and maps draw, nothing leaves the host.

Screenshots of every page in both languages are written to screenshots/ for a person to look at.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from tests.browser_support import MAP_UNIT, SCREENSHOT_DIR, RequestLog, app_server, wait_ready

pytestmark = pytest.mark.browser

# page slug -> number of plotly charts it shows by default
PAGES = {"": 1, "map": 2, "rankings": 3, "institutions": 0, "consortia": 1, "demand": 3, "budgets": 0}


@pytest.fixture(scope="module")
def server():
    with app_server() as base:
        yield base


@contextmanager
def logged_page(browser, server, width: int, height: int):
    """A page of the given viewport whose requests are recorded (``page.request_log``)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    log = RequestLog(server)
    page.on("request", log)
    page.request_log = log
    yield page
    context.close()


@pytest.fixture()
def page(browser, server):
    with logged_page(browser, server, 1440, 2200) as opened:
        yield opened


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("slug", list(PAGES))
def test_page_renders_charts_offline(page, server, slug, lang):
    page.goto(f"{server}/{slug}?lang={lang}")
    wait_ready(page)
    assert page.locator("[data-testid=stException]").count() == 0
    charts = page.locator("[data-testid=stPlotlyChart]")
    if PAGES[slug]:
        charts.nth(PAGES[slug] - 1).wait_for(timeout=30_000)
    assert charts.count() >= PAGES[slug]
    for index in range(PAGES[slug]):
        charts.nth(index).scroll_into_view_if_needed()
        assert charts.nth(index).is_visible()
        assert charts.nth(index).locator(".main-svg").first.bounding_box()["height"] > 200
    if slug == "map":
        # All 34 provincial units (31 with data, 3 grey) and Chongqing's 38 districts are drawn.
        page.wait_for_function(f"document.querySelectorAll('{MAP_UNIT}').length >= 34 + 38", timeout=20_000)
    page.wait_for_timeout(2000)
    SCREENSHOT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{slug or 'overview'}_{lang}.png"), full_page=True)
    assert page.request_log.outside == [], f"requests left the host: {page.request_log.outside[:5]}"


def test_language_switch_and_page_switch_keep_the_url_state(page, server):
    page.goto(f"{server}/rankings?year=2021")
    wait_ready(page)
    page.locator("[data-testid=stSidebar] button").filter(has_text="English").click()
    wait_ready(page)
    assert "lang=en" in page.url and "year=2021" in page.url
    assert page.locator("h1").first.inner_text() == "Rankings"
    page.locator("[data-testid=stSidebarNav] a").filter(has_text="Map").click()
    wait_ready(page)
    assert "/map" in page.url and "lang=en" in page.url and "year=2021" in page.url
    assert page.request_log.outside == []


def test_a_chart_carries_its_finding_as_its_accessible_name(page, server):
    page.goto(f"{server}/rankings?lang=en")
    wait_ready(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.wait_for(timeout=30_000)
    # The drawn title may wrap into several SVG lines: compare without white space.
    title = "".join(chart.locator(".gtitle").first.text_content().split())
    label = chart.get_attribute("aria-label")
    # Read by screen readers, not drawn: the generated finding, in the page's language.
    assert chart.get_attribute("role") == "figure"
    assert label.startswith("Chart description: ") and label.endswith("Chongqing is hatched orange, comparison provinces blue.")
    assert title and title in "".join(label.split())


def test_consortia_map_tab_draws_offline(page, server):
    page.goto(f"{server}/consortia?tab=地图")
    wait_ready(page)
    page.wait_for_function(f"document.querySelectorAll('{MAP_UNIT}').length >= 38", timeout=30_000)
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(SCREENSHOT_DIR / "consortia_map_zh.png"), full_page=True)
    assert page.request_log.outside == []


@pytest.fixture()
def full_hd(browser, server):
    """A 1920×1080 screen, the size presentation mode and the wall are laid out for."""
    with logged_page(browser, server, 1920, 1080) as opened:
        yield opened


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_presentation_mode_keys_and_no_sidebar(page, server, lang):
    from vetdash import slides

    total = len(slides.load_storyline("default").views) + 1  # the title slide, then one per saved view
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(f"{server}/?present=1&lang={lang}")
    wait_ready(page)
    assert not page.locator("[data-testid=stSidebar]").is_visible()
    assert page.get_by_text(f"1 / {total}", exact=True).is_visible(), "the title slide"
    page.screenshot(path=str(SCREENSHOT_DIR / f"present_1_{lang}.png"))
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        wait_ready(page)
    assert page.get_by_text(f"4 / {total}", exact=True).is_visible()
    assert "slide=3" in page.url
    page.keyboard.press("PageUp")
    wait_ready(page)
    assert page.get_by_text(f"3 / {total}", exact=True).is_visible()
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SCREENSHOT_DIR / f"present_3_{lang}.png"))
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.request_log.outside == []


SLIDE_MEASURE = """() => {
  const frame = document.querySelector('.st-key-slide_frame').getBoundingClientRect();
  const footer = document.querySelector('.st-key-slide_footer').getBoundingClientRect();
  const main = document.querySelector('[data-testid=stMain]');
  const sizes = [...document.querySelectorAll('.js-plotly-plot text')]
    .filter(t => t.textContent.trim()).map(t => parseFloat(getComputedStyle(t).fontSize));
  return {frameBottom: frame.bottom, footerTop: footer.top, footerBottom: footer.bottom, scroll: main.scrollHeight,
          minFont: sizes.length ? Math.min(...sizes) : null, charts: document.querySelectorAll('.js-plotly-plot').length,
          popovers: document.querySelectorAll('.st-key-slide_frame [data-testid=stPopover]').length,
          footer: document.querySelector('.st-key-slide_footer').innerText}
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_slide_fits_a_1920x1080_screen_with_room_sized_text(full_hd, server, lang):
    """Each slide of the default storyline: nothing under the footer or below the screen, chart text
    at least 18 px, no export menu, the slide number and the source in the footer."""
    from vetdash import slides

    count = len(slides.load_storyline("default").views) + 1
    page = full_hd
    for number in range(count):
        page.goto(f"{server}/?present=1&lang={lang}&slide={number}")
        wait_ready(page)
        if page.locator("[data-testid=stPlotlyChart]").count():
            page.wait_for_selector(".js-plotly-plot .main-svg text", timeout=30_000)
            page.wait_for_timeout(2500)  # maps draw after the script finishes
        shown = page.evaluate(SLIDE_MEASURE)
        page.screenshot(path=str(SCREENSHOT_DIR / f"slide_{number}_{lang}_1920.png"))
        assert shown["frameBottom"] <= shown["footerTop"] + 1, (number, shown)
        assert shown["footerBottom"] <= 1080 and shown["scroll"] <= 1080, (number, shown)
        assert shown["minFont"] is None or shown["minFont"] >= 18, (number, shown)
        assert shown["popovers"] == 0, number
        categories, labels = page.evaluate("""() => {
          const plot = document.querySelector('.js-plotly-plot');
          const axis = plot && plot._fullLayout && plot._fullLayout.yaxis;
          return [axis && axis.type === 'category' ? axis._categories.length : 0,
                  document.querySelectorAll('.js-plotly-plot .yaxislayer-above .ytick text').length];
        }""")
        # every category of a bar chart named, all 31 provinces included (plotly skips labels that do not fit)
        assert labels == categories, (number, categories, labels)
        assert f"{number + 1} / {count}" in shown["footer"]
        assert ("来源" if lang == "zh" else "Source") in shown["footer"]
        assert page.locator("[data-testid=stException]").count() == 0
    assert page.request_log.outside == []


def test_png_export_of_a_chart(page, server):
    page.goto(f"{server}/rankings")
    wait_ready(page)
    chart = page.locator("[data-testid=stPlotlyChart]").first
    chart.wait_for(timeout=30_000)
    chart.hover()
    with page.expect_download(timeout=30_000) as download:
        chart.locator(".modebar-btn[data-title*='png'], .modebar-btn[data-title*='PNG']").first.click()
    path = SCREENSHOT_DIR / "export_ranking_zh.png"
    download.value.save_as(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 20_000
    assert page.request_log.outside == []


def test_share_panel_gives_link_and_qr(page, server):
    page.goto(f"{server}/rankings?lang=en&year=2022")
    wait_ready(page)
    page.locator("[data-testid=stSidebar]").get_by_text("Share and present").click()
    wait_ready(page)
    code = page.locator("[data-testid=stSidebar] [data-testid=stCode]").first.inner_text()
    assert "/rankings?" in code and "year=2022" in code and "lang=en" in code
    qr = page.locator("[data-testid=stSidebar] [data-testid=stImage] img").first
    qr.wait_for(state="visible", timeout=20_000)
    assert qr.evaluate("img => img.naturalWidth") > 100
    assert page.request_log.outside == []


def test_admin_uploads_a_file_through_the_page(browser, tmp_path):
    """A real upload: a bad file shows its problems, a good one previews, imports and shows in the history."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[admin]\npassword = "pw-123456"\n[storage]\nbackend = "files"\npath = "{tmp_path / "store"}"\n', encoding="utf-8"
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "province_adcode,year,category_code,points,added,removed,is_demo\n500000,2025,46,很多,0,0,false\n", encoding="utf-8"
    )
    good = tmp_path / "good.csv"
    good.write_text(
        "province_adcode,year,category_code,points,added,removed,is_demo\n500000,2025,46,120,8,3,false\n", encoding="utf-8"
    )
    with app_server(extra_args=["--secrets.files", str(secrets)]) as base:
        context = browser.new_context(viewport={"width": 1440, "height": 2200})
        page = context.new_page()
        log = RequestLog(base)
        page.on("request", log)
        page.goto(f"{base}/data?lang=en")
        wait_ready(page)
        page.get_by_label("Administrator password").fill("pw-123456")
        page.keyboard.press("Enter")
        wait_ready(page)
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(bad))
        wait_ready(page)
        assert page.get_by_text("has 1 problem(s) and was not imported").is_visible()
        page.screenshot(path=str(SCREENSHOT_DIR / "data_upload_problems_en.png"), full_page=True)
        page.get_by_label("Your name (kept in the version history)").fill("Test Admin")
        page.get_by_label("Where the data is from (publisher, document, link; shown in the source line)").fill("Test source")
        page.keyboard.press("Enter")
        wait_ready(page)
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(good))
        wait_ready(page)
        assert page.get_by_text("Checks passed: 1 rows").is_visible()
        page.get_by_role("button", name="Confirm import").click()
        wait_ready(page)
        assert page.get_by_text("Imported as version").is_visible()
        assert page.get_by_role("button", name="Confirm import").count() == 0, "nothing left to confirm for this file"
        page.screenshot(path=str(SCREENSHOT_DIR / "data_upload_imported_en.png"), full_page=True)
        # The next click after a dataset's first import (a rerun of the page's fragment only).
        page.get_by_label("Your name (kept in the version history)").fill("Test Admin 2")
        page.get_by_label("Where the data is from (publisher, document, link; shown in the source line)").fill("Test source")
        page.keyboard.press("Enter")
        wait_ready(page)
        assert page.locator("[data-testid=stException]").count() == 0
        assert page.get_by_text("Rows added").count() == 0, "the preview compares with the version just imported"
        assert log.outside == []
        context.close()


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("rankings", "★ 重庆,46"),  # rank, province, value, group
        ("map", "★ 重庆,46"),  # the national map: rank, province, value
        ("consortia", "电子与信息大类,9"),  # the sector treemap: sector, consortia
    ],
)
def test_chart_export_menus_give_csv_and_xlsx_with_provenance(page, server, slug, expected):
    """Bars, the map and the treemap alike (the files come from the panel's table, not the figure)."""
    page.goto(f"{server}/{slug}")
    wait_ready(page)
    page.locator("[data-testid=stPopover] button").filter(has_text="导出").first.click()
    wait_ready(page)
    with page.expect_download(timeout=30_000) as download:
        page.locator("[data-testid=stDownloadButton] button").filter(has_text="CSV").first.click()
    text = download.value.path().read_bytes().decode("utf-8")
    assert text.startswith("\ufeff# 标题,") and "# 来源," in text and "# 状态," in text and expected in text
    with page.expect_download(timeout=30_000) as download:
        page.locator("[data-testid=stDownloadButton] button").filter(has_text="XLSX").first.click()
    assert download.value.path().read_bytes()[:2] == b"PK"
    assert page.request_log.outside == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_wall_fits_1920x1080_without_scrolling(full_hd, server, lang):
    page = full_hd
    page.goto(f"{server}/?screen=wall&lang={lang}")
    wait_ready(page)
    page.wait_for_selector(MAP_UNIT, timeout=30_000)  # the district map drawn
    page.wait_for_timeout(2500)
    shown = page.evaluate("""() => {
      const main = document.querySelector('[data-testid=stMain]');
      const bottoms = [...document.querySelectorAll('.st-key-wall *')].map(e => e.getBoundingClientRect().bottom);
      const ranking = document.querySelectorAll('.js-plotly-plot')[1];
      const labels = ranking ? [...ranking.querySelectorAll('.yaxislayer-above .ytick text')].map(e => e.textContent) : [];
      return {scroll: main.scrollHeight, lowest: Math.max(...bottoms), charts: document.querySelectorAll('.js-plotly-plot').length,
              labels: labels}
    }""")
    page.screenshot(path=str(SCREENSHOT_DIR / f"wall_{lang}_1920.png"))
    assert shown["scroll"] <= 1080 and shown["lowest"] <= 1080, shown
    # every province of the ranking is named, Chongqing with its star (plotly skips labels that do not fit)
    assert len(shown["labels"]) == 31 and any(label.startswith("★") for label in shown["labels"]), shown["labels"]
    assert shown["charts"] == 3
    assert page.locator("[data-testid=stException]").count() == 0
    assert page.request_log.outside == []


def test_hostile_storyline_heading_and_imported_names_stay_text_and_fetch_nothing(browser, tmp_path):
    """A storyline heading and imported names full of Markdown, LaTeX and chart HTML: shown as
    written in the presenter's slide and in chart labels, and the browser asks no other host."""
    from tests.test_text_as_text import HOSTILE, with_hostile_names
    from vetdash.i18n import t
    from vetdash.slides import STORYLINE_DIR

    with_hostile_names(tmp_path)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[storage]\nbackend = "files"\npath = "{tmp_path / "store"}"\n', encoding="utf-8")
    story = STORYLINE_DIR / "test-hostile-heading.yaml"
    heading = HOSTILE.replace('"', '\\"')
    story.write_text(
        f'title: {{zh: "{heading}", en: "{heading}"}}\nslides:\n'
        f'  - page: consortia\n    heading: {{zh: "{heading}", en: "{heading}"}}\n',
        encoding="utf-8",
    )
    try:
        with app_server(extra_args=["--secrets.files", str(secrets)]) as base:
            context = browser.new_context(viewport={"width": 1440, "height": 1200})
            page = context.new_page()
            log = RequestLog(base)
            page.on("request", log)
            for number in (0, 1):  # the title slide (the storyline's title) and the view's slide (its heading)
                page.goto(f"{base}/consortia?present=1&story=test-hostile-heading&lang=en&slide={number}")
                wait_ready(page)
                page.wait_for_timeout(1500)  # an image in the heading would be requested by now
                shown = page.locator(".st-key-slide_frame").first.inner_text().replace("\u2060", "")
                assert "![x](http://203.0.113.9/x.png)$x^2$<br><span" in shown
                assert page.locator(".st-key-slide_frame h1 img, .st-key-slide_frame .katex").count() == 0
            page.screenshot(path=str(SCREENSHOT_DIR / "hostile_heading_en.png"))
            page.goto(f"{base}/consortia?tab={t('consortia.tab_members', 'en')}&lang=en")
            wait_ready(page)
            page.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=30_000)
            labels = " ".join(page.locator(".js-plotly-plot .ytick text").evaluate_all("els => els.map(e => e.textContent)"))
            assert '$x^2$<br><span style="color:red">**红**</span>' in labels, "the member's name, as written"
            page.screenshot(path=str(SCREENSHOT_DIR / "hostile_names_chart_en.png"))
            assert log.outside == []
            context.close()
    finally:
        story.unlink(missing_ok=True)


CHART_BOXES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(chart => {
  const box = e => e ? e.getBoundingClientRect() : null;
  const plot = box(chart.querySelector('.nsewdrag')) || box(chart.querySelector('.treemaplayer'));
  const title = [...chart.querySelectorAll('.g-gtitle text, .g-gtitle-subtitle text')].map(box);
  return {
    top: box(chart).top, plotTop: plot ? plot.top : null,
    titleTop: Math.min(...title.map(b => b.top)), titleBottom: Math.max(...title.map(b => b.bottom)),
    legendTop: chart.querySelector('.legend') ? box(chart.querySelector('.legend')).top : null,
    legendBottom: chart.querySelector('.legend') ? box(chart.querySelector('.legend')).bottom : null,
    name: (chart.querySelector('.g-gtitle text') || {}).textContent,
  };
})"""


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("slug", "tab"), [("rankings", None), ("consortia", "sectors"), ("consortia", "members"), ("demand", "fit")]
)
def test_titles_subtitles_and_legends_stay_off_the_plot(page, server, slug, tab, lang):
    """Rankings, bump charts, the treemap, the member matrix and the paired bars: the title block
    (with the source subtitle) is whole, a legend sits under it, and both end above the plot."""
    from vetdash.i18n import t

    query = f"lang={lang}" + (f"&tab={t(f'{slug}.tab_{tab}', lang)}" if tab else "")
    page.goto(f"{server}/{slug}?{query}")
    wait_ready(page)
    page.wait_for_selector(".js-plotly-plot .g-gtitle text", timeout=30_000)
    page.wait_for_timeout(1500)
    charts = page.evaluate(CHART_BOXES)
    assert charts
    for chart in charts:
        assert chart["titleTop"] >= chart["top"] - 1, f"title cut at the top: {chart}"
        if chart["legendTop"] is not None:
            assert chart["titleBottom"] <= chart["legendTop"] + 1 and chart["legendBottom"] <= chart["plotTop"] + 1, chart
        assert chart["titleBottom"] <= chart["plotTop"] + 1, f"title or source on the plot: {chart}"
    assert page.request_log.outside == []
