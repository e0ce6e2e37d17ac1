"""总览 Overview: Chongqing's headline figures with ranks, the paper's figures checked, the policy timeline."""

import streamlit as st

from vetdash import ui
from vetdash.i18n import t

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("overview.title", lang, view)

st.markdown(f"> {ui.overview_summary(view.edition, view.year, lang)}")
cards = ui.panel("overview_cards", view.edition, view.year, lang)
with st.container(horizontal=True):  # the cards wrap onto as many rows as the screen needs
    for card in cards:
        ui.kpi(**card, lang=lang)
ui.source_line(["institutions", "province_population", "province_students", "province_gdp", "specialty_points_province"], lang)

st.subheader(t("overview.changes_title", lang))
st.markdown(ui.panel("institution_changes_markdown", lang))
changes_sources, compared = ui.panel("institution_changes_source")
ui.source_line(changes_sources, lang, compared)

st.subheader(t("overview.paper_title", lang))
st.caption(t("overview.paper_intro", lang))
st.markdown(ui.panel("paper_table", lang))
ui.source_line(["paper_figures", "institutions", "consortia", "specialty_adjustments", "specialty_points_province"], lang)

st.subheader(t("overview.timeline_title", lang))
timeline_figure, timeline_markdown = ui.panel("policy_timeline", lang)
ui.show_chart(timeline_figure, key="timeline", lang=lang)
st.markdown(timeline_markdown)
ui.source_line(["policy_timeline"], lang)
