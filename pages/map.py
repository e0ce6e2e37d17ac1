"""地图 Map: a national choropleth for any indicator, and Chongqing's districts with college points."""

import streamlit as st

from vetdash import state, ui
from vetdash.i18n import t
from vetdash.metrics import INDICATORS, indicator_year

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("map.title", lang, view)


@st.fragment
def page_body() -> None:
    # A control on this page reruns this function only; the sidebar's controls rerun the app.
    key = ui.indicator_picker(lang)
    indicator = INDICATORS[key]
    year = indicator_year(indicator, view.edition, view.year)

    national = ui.panel("national_map", key, view.edition, view.year, lang)
    ui.show_chart(national, key="national_map", lang=lang, alt_text=t("map.alt_national", lang, title=national.plain_title))
    ui.source_line(indicator.datasets, lang, year, note=t("map.legend_note", lang))

    st.subheader(t("map.cq_title", lang), divider="gray")
    choice = ui.choice(st, t("map.cq_filter", lang), ["all", "zhuanke", "benke", "public", "private"], state.CQ_FILTER, lang,
                       label_key="map.filter.")  # fmt: skip

    cq_map, located, total, unplaced_table = ui.panel("chongqing_map", choice, lang)
    ui.show_chart(cq_map, key="cq_map", lang=lang)
    points_legend = t("map.points_legend", lang, located=located, total=total)
    ui.source_line(cq_map.sources, lang, cq_map.year, note=points_legend)
    if unplaced := ui.folded(t("map.unplaced", lang, n=len(unplaced_table)), key="unplaced_colleges"):
        unplaced.dataframe(unplaced_table, hide_index=True, width="stretch")
    # built only when opened: one element per rerun while closed
    if supply := ui.folded(t("map.supply_head", lang), key="cq_supply_map", icon=":material/school:"):
        with supply:
            supply_map = ui.panel("chongqing_supply_map", lang)
            ui.show_chart(supply_map, key="cq_supply_map_chart", lang=lang)
            ui.source_line(supply_map.sources, lang, supply_map.year, note=t("map.supply_note", lang))
    # deck.gl draws what plotly cannot: columns standing on the map; built only when opened
    if columns := ui.folded(t("map.columns_head", lang), key="cq_columns", icon=":material/view_in_ar:"):
        with columns:
            deck, table, points_year = ui.panel("chongqing_columns", lang)
            st.pydeck_chart(deck, height=560, key="cq_columns_deck")
            st.caption(t("map.columns_legend", lang, year=points_year))
            ui.source_line(["specialty_points_institution", "cq_colleges"], lang, str(points_year))
            st.dataframe(table, hide_index=True, width="stretch", height=240)


page_body()
