"""Entry point: page config, language, the shared sidebar and navigation over pages/.

``?present=1`` shows the storyline as slides and ``?screen=wall`` the wall display instead of
the page; the sidebar is still built (and hidden), so its URL parameters stay in force.
"""

from __future__ import annotations

import streamlit as st

from vetdash import presenting, state, ui

st.set_page_config(page_title="重庆高职数据看板 · Chongqing VET dashboard", page_icon="app/static/icon.png", layout="wide")

ui.begin_run()
lang = ui.language()
mode = presenting.mode()
navigation = st.navigation(ui.pages(lang), position="hidden" if mode else "sidebar")
slug = navigation.url_path or state.PAGES[0][3]
ui.begin_page(slug)
view = ui.sidebar(lang)
if mode == "present":
    presenting.presentation(view, navigation.url_path)
elif mode == "wall":
    presenting.wall(view)
else:
    with ui.shell_runs_page():
        navigation.run()
    presenting.share_panel(view, slug, navigation.url_path)  # after the page: its link holds the page's filters
ui.end_page()
