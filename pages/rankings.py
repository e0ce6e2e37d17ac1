"""排名 Rankings: all 31 provinces on any indicator, Chongqing and its peers highlighted; ranks over time."""

import streamlit as st

from vetdash import state, ui
from vetdash.i18n import t
from vetdash.metrics import INDICATORS, indicator_year

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("rankings.title", lang, view)


@st.fragment
def ranking_section() -> None:
    """The indicator and its ranking: a change here reruns only this part of the page."""
    key = ui.indicator_picker(lang)
    indicator = INDICATORS[key]
    year = indicator_year(indicator, view.edition, view.year)

    ranking = ui.panel("ranking_view", key, view.edition, view.year, view.peers, lang)
    mode = ui.choice(st, t("rankings.view", lang), ["chart", "table"], state.VIEW, lang, label_key="rankings.view.")
    if mode == "chart":
        ui.show_chart(
            ranking,
            key="ranking_bar",
            lang=lang,
            alt_text=t("rankings.alt", lang, title=ranking.plain_title),
            export_numbers=False,  # the table download below holds exactly these numbers
        )
    else:
        st.subheader(ranking.plain_title)
        st.dataframe(ranking.table, hide_index=True, width="stretch", height=min(1150, 35 * len(ranking.table) + 40))
    ui.table_downloads(
        ranking.table, key=f"ranking_{key}_{year}", lang=lang, title=ranking.title, sources=indicator.datasets, year=year
    )
    ui.source_line(indicator.datasets, lang, year)


ranking_section()
st.subheader(t("rankings.over_time", lang), divider="gray")


columns = st.columns(2)
with columns[0]:
    ui.show_chart(ui.panel("bump_figure", "gdp", view.peers, lang), key="bump_gdp", lang=lang)
    gdp_years = ui.economy_years()
    ui.source_line(["province_gdp"], lang, f"{gdp_years[-1]}–{gdp_years[0]}")
with columns[1]:
    ui.show_chart(ui.panel("bump_figure", "zhuanke", view.peers, lang), key="bump_zhuanke", lang=lang)
    ui.source_line(["institutions"], lang, ", ".join(sorted(ui.list_editions())))
