"""供需匹配 Demand fit: industry structure, supply against demand by specialty category, adjustments, method."""

import streamlit as st

from vetdash import ui
from vetdash.i18n import t

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("demand.title", lang, view)


@st.fragment
def page_body() -> None:
    # A control on this page reruns this function only; the sidebar's controls rerun the app.
    category = ui.sector_picker(st, lang)
    section = ui.section_switch(("structure", "fit", "adjustments", "method"), "demand.tab_", lang)
    if section in ("fit", "adjustments"):
        year, scope = ui.supply_pickers(st, lang)

    if section == "structure":
        structure = ui.panel("industry_structure", view.year, lang)
        st.markdown(f"> {structure['pillars']}")
        ui.show_chart(structure["lq"], key="section_lq", lang=lang)
        ui.source_line(["province_employment_by_section", "industry_sections"], lang, structure["employment_year"])
        ui.show_chart(structure["shares"], key="section_shares", lang=lang)
        ui.source_line(["province_employment_by_section", "industry_sections"], lang, structure["employment_year"])
        ui.show_chart(structure["va"], key="va_lq", lang=lang)
        ui.source_line(["province_gdp"], lang, str(view.year))

    elif section == "fit":
        fit = ui.panel("supply_demand_view", year, scope, category, lang)
        st.caption(fit["scope_note"])
        ui.paper_claim("specialty_fit", lang, note=fit["paper_check"])
        st.metric(
            t("demand.fit_index", lang),
            f"{fit['fit']:.3f}",
            t("demand.fit_rank", lang, rank=fit["rank"], of=fit["of"]),
            delta_color="off",
            delta_arrow="off",
        )
        shown_year = str(fit["year"])
        if fit["sector"] is not None:
            ui.show_chart(fit["sector"], key="sector_provinces", lang=lang)
        ui.show_chart(fit["paired"], key="supply_demand", lang=lang)
        ui.show_chart(fit["gap"], key="gap", lang=lang)
        st.dataframe(fit["bands"], hide_index=True, width="stretch")
        ui.source_line(fit["sources"], lang, shown_year)
        ui.show_chart(fit["series"], key="fit_series", lang=lang)
        ui.source_line(fit["sources"], lang, "2021–2025", note=t("supply.break_2021", lang))

    elif section == "adjustments":
        adjust = ui.panel("adjustments_view", year, scope, view.peers, lang)
        shown_year = str(adjust["year"])
        if adjust["year_note"]:
            st.info(adjust["year_note"], icon=":material/event_busy:")
        st.caption(adjust["break_note"])
        ui.show_chart(adjust["by_category"], key="adjust_categories", lang=lang)
        ui.show_chart(adjust["peers"], key="adjust_peers", lang=lang)
        st.markdown(f"**{t('adjust.peer_table_head', lang)}**")
        st.dataframe(adjust["peer_table"], hide_index=True, width="stretch")
        ui.source_line(adjust["sources"][:1], lang, shown_year)
        ui.show_chart(adjust["over_years"], key="adjust_years", lang=lang)
        ui.show_chart(adjust["effect"], key="adjustment_effect", lang=lang)
        ui.source_line(adjust["sources"], lang, note=adjust["break_note"])
        st.markdown(f"**{adjust['colleges_title']}**")
        st.dataframe(adjust["colleges"], hide_index=True, width="stretch")
        ui.source_line(["specialty_changes_institution", "register_institutions"], lang, shown_year)
        if news := ui.folded(t("adjust.news_head", lang), key="adjust_news"):
            news.dataframe(
                ui.panel("news_adjustments", lang), hide_index=True, width="stretch",
                column_config=ui.link_column(t("col.source", lang), lang),
            )  # fmt: skip
            with news:
                ui.source_line(["specialty_adjustments"], lang)

    elif section == "method":
        st.markdown(t("demand.method", lang))
        crosswalk = ui.panel("crosswalk_table", lang)
        st.dataframe(crosswalk, hide_index=True, width="stretch")
        ui.table_downloads(crosswalk, key="crosswalk", lang=lang, title=t("demand.tab_method", lang), sources=["crosswalk"])
        ui.source_line(["crosswalk", "industry_sections", "specialty_categories"], lang)


page_body()
