"""产教联合体 Consortia: the register by kind, scope, sector and lead; sectors, members, founding, map."""

import streamlit as st

from vetdash import state, ui
from vetdash.i18n import t
from vetdash.text import plot_plain

FOUNDED_RANGE = (2015, 2026)

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("consortia.title", lang, view)


@st.fragment
def page_body() -> None:
    # A control on this page reruns this function only; the sidebar's controls rerun the app.
    ui.paper_claim("cq_communities", lang, note=t("consortia.register_note", lang))

    filters = st.container(horizontal=True)
    kinds = ui.any_of(filters, t("col.kind", lang), list(state.KIND_CODES), state.KIND, lang, format_func=lambda k: t(f"kind.{k}", lang),
                      codes=state.KIND_CODES, labels=lambda k, language: t(f"kind.{k}", language))  # fmt: skip
    scopes = ui.any_of(filters, t("col.scope", lang), ["national", "chengdu-chongqing", "municipal", "district", "unknown"],
                       state.SCOPE, lang, format_func=lambda k: t(f"scope.{k}", lang), labels=lambda k, language: t(f"scope.{k}", language))  # fmt: skip
    category = ui.sector_picker(filters, lang)
    years = tuple(ui.url_bound(state.FOUNDED, lambda **k: filters.slider(t("col.founded", lang), *FOUNDED_RANGE, **k),
                               default=list(FOUNDED_RANGE), accept=ui.year_range(FOUNDED_RANGE)))  # fmt: skip
    hide_low = ui.url_bound(state.VERIFIED, lambda **k: st.toggle(t("consortia.hide_low", lang), **k), default=False)

    leads = ui.panel("consortium_leads", view.demo)
    lead = ui.url_bound(
        state.LEAD, lambda **k: st.selectbox(t("col.lead", lang), leads, index=None, placeholder=t("consortia.all_leads", lang), **k),
        leads,
    )  # fmt: skip
    panel = ui.panel("consortia_view", tuple(kinds), tuple(scopes), category, lead, tuple(years), hide_low, view.demo, lang)
    found = panel["found"]
    # How many were found, said under each tab's figure with its source (one element, not two).
    found_note = t("consortia.found", lang, n=len(found), low=panel["low"])
    sources = panel["sources"]

    if found.empty:
        ui.empty_state("consortia.empty", "consortia.empty_how", lang)
    else:
        section = ui.section_switch(
            ("sectors", "members", "timeline", "map", "table"), "consortia.tab_", lang, codes={"timeline": "founding"}
        )
        if section == "sectors":
            ui.show_chart(panel["treemap"], key="sector_treemap", lang=lang)
            ui.source_line(sources, lang, note=found_note)
        elif section == "members":

            def pick_member() -> None:
                points = st.session_state["members_chart"].selection.points
                if points:
                    st.session_state[state.LEAD] = plot_plain(points[0]["y"])  # labels are escaped in the figure

            if panel["members"] is not None:
                ui.show_chart(panel["members"], key="members_chart", lang=lang, on_select=pick_member)
                st.caption(t("consortia.click_hint", lang))
            if panel["matrix"] is not None:
                ui.show_chart(panel["matrix"], key="membership_matrix", lang=lang)
            ui.source_line(sources, lang, note=found_note)
        elif section in ("timeline", "map"):
            # Founding years, or where the leads are: the figure, or why there is none.
            chart_key, missing, extra_sources = {
                "timeline": ("founding_timeline", "consortia.no_dates", []),
                "map": ("lead_map", "consortia.no_map", ["cq_colleges"]),
            }[section]
            if panel[section] is None:
                st.caption(t(missing, lang))
            else:
                ui.show_chart(panel[section], key=chart_key, lang=lang)
            ui.source_line([*sources, *extra_sources], lang, note=found_note)
        elif section == "table":
            st.dataframe(
                panel["table"], hide_index=True, width="stretch", column_config=ui.link_column(t("col.source", lang), lang)
            )
            ui.table_downloads(panel["table"], key="consortia", lang=lang, title=t("consortia.title", lang), sources=sources)
            ui.source_line(sources, lang, note=found_note)


page_body()
