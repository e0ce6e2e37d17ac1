"""A fresh server whose very first request is a deep link still shows the app's shell and that page.

With a pages/ folder, Streamlit runs the requested pages/ script by itself until app.py has called
``st.navigation`` once in the process; the page then hands over to app.py (``ui.page_language``).
Each case starts its own server, so the link is the first request that server ever sees.
"""

from __future__ import annotations

import pytest

from tests.browser_support import MAP_UNIT, RequestLog, app_server, wait_ready
from vetdash.i18n import t
from vetdash.state import PAGES

pytestmark = pytest.mark.browser

NAV_KEYS = [title for _, title, _, _ in PAGES]


@pytest.mark.parametrize(
    ("link", "lang", "title_key", "kept"),
    [
        ("map?lang=en&year=2021", "en", "nav.map", ["year=2021"]),
        ("rankings?year=2021", "zh", "nav.rankings", ["year=2021"]),
        ("data?lang=en", "en", "nav.data", []),
        ("", "zh", "nav.overview", []),
    ],
)
def test_first_request_to_a_fresh_server(browser, link, lang, title_key, kept):
    with app_server() as base:
        page = browser.new_page(viewport={"width": 1440, "height": 1200})
        log = RequestLog(base)
        page.on("request", log)
        page.goto(f"{base}/{link}")
        wait_ready(page)
        assert page.locator("[data-testid=stException]").count() == 0

        # The shell ran: the sidebar lists the app's pages by their translated names (Streamlit's own
        # pages/ listing would show file names and an "app" entry) and carries the language control.
        def label(text: str) -> str:  # "map\n\n地图": the icon's name, then the title
            return " ".join(text.split()[1:])

        nav = [label(text) for text in page.locator("[data-testid=stSidebarNav] a").all_inner_texts()]
        assert nav == [t(key, lang) for key in NAV_KEYS]
        assert label(page.locator("[data-testid=stSidebarNav] a[aria-current=page]").inner_text()) == t(title_key, lang)
        assert page.locator("[data-testid=stSidebar]").get_by_text("English", exact=True).is_visible()
        path = link.split("?")[0]
        assert page.url.split("?")[0] == f"{base}/{path}"
        assert all(param in page.url for param in [f"lang={lang}", *kept])
        if kept:
            # The shell's control took the linked value, not its default.
            assert page.locator("[data-testid=stSidebar] input[role=combobox][value='2021']").count() == 1
        if path == "map":
            page.wait_for_function(f"document.querySelectorAll('{MAP_UNIT}').length >= 34 + 38", timeout=30_000)
        page.close()
        assert log.outside == []
