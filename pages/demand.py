"""供需匹配 Demand fit: industry structure, supply against demand by specialty category, adjustments, method."""

import streamlit as st

from vetdash import templates, ui
from vetdash.i18n import t

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("demand.title", lang, view)


@st.fragment
def page_body() -> None:
    # A control on this page reruns this function only; the sidebar's controls rerun the app.
    category = ui.sector_picker(st, lang)
    section = ui.section_switch(("structure", "fit", "adjustments", "method"), "demand.tab_", lang)
    # Only the chosen part is built.
    fit = ui.panel("supply_demand_view", 2025, category, view.demo, lang) if section in ("fit", "adjustments") else None

    if section == "structure":
        structure = ui.panel("industry_structure", view.year, lang)
        st.markdown(f"> {structure['pillars']}")
        ui.show_chart(structure["lq"], key="section_lq", lang=lang)
        ui.show_chart(structure["shares"], key="section_shares", lang=lang)
        ui.source_line(["province_employment_by_section", "industry_sections"], lang, "2024")
        ui.show_chart(structure["va"], key="va_lq", lang=lang)
        ui.source_line(["province_gdp"], lang, str(view.year))

    elif section == "fit":
        if fit is None:
            ui.empty_state("demand.no_supply", "demand.no_supply_how", lang)
            st.download_button(
                t("demand.template", lang), templates.template_csv("SpecialtyPoints"), file_name="specialty_points_template.csv",
                mime="text/csv", on_click="ignore", icon=":material/table_view:",
            )  # fmt: skip
        else:
            st.metric(
                t("demand.fit_index", lang),
                f"{fit['fit']:.3f}",
                t("demand.fit_rank", lang, rank=fit["rank"], of=fit["of"]),
                delta_color="off",
                delta_arrow="off",
            )
            ui.show_chart(fit["paired"], key="supply_demand", lang=lang)
            ui.show_chart(fit["gap"], key="gap", lang=lang)
            st.dataframe(fit["bands"], hide_index=True, width="stretch")
            ui.source_line(fit["sources"], lang)

    elif section == "adjustments":
        adjustments = ui.panel("adjustments_view", lang)
        st.markdown(adjustments["summary"])
        left, right = st.columns(2)
        with left:
            ui.show_chart(adjustments["totals"], key="national_points", lang=lang)
        with right:
            ui.show_chart(adjustments["fields"], key="fields_2024", lang=lang)
        ui.source_line(["specialty_adjustments"], lang)
        st.markdown(f"**{t('demand.cq_rows', lang)}**")
        st.dataframe(
            adjustments["chongqing"], hide_index=True, width="stretch", column_config=ui.link_column(t("col.source", lang), lang)
        )
        ui.source_line(["specialty_adjustments"], lang)
        if fit is None or fit["effect"] is None:
            ui.empty_state("demand.no_category_adjustments", "demand.no_supply_how", lang)
        else:
            ui.show_chart(fit["effect"], key="adjustment_effect", lang=lang)
            ui.source_line(fit["sources"], lang)

    elif section == "method":
        st.markdown(t("demand.method", lang))
        crosswalk = ui.panel("crosswalk_table", lang)
        st.dataframe(crosswalk, hide_index=True, width="stretch")
        ui.table_downloads(crosswalk, key="crosswalk", lang=lang, title=t("demand.tab_method", lang), sources=["crosswalk"])
        ui.source_line(["crosswalk", "industry_sections", "specialty_categories"], lang)


page_body()
