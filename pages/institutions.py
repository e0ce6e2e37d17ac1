"""院校 Institutions: search and filter all regular institutions; a page for one college."""

import streamlit as st

from vetdash import state, ui
from vetdash.i18n import t
from vetdash.metrics import FOCUS

ROWS_PER_PAGE = 100

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("institutions.title", lang, view)


@st.fragment
def page_body() -> None:
    # A control on this page reruns this function only; the sidebar's controls rerun the app.
    names = ui.province_names(lang)

    filters = st.container(horizontal=True)
    query = ui.url_bound(state.QUERY, lambda **k: filters.text_input(t("institutions.search", lang), placeholder=t("institutions.search_hint", lang),
                                                                     max_chars=state.MAX_TEXT, **k), default="")  # fmt: skip
    provinces = ui.any_of(filters, t("col.province", lang), sorted(names)[:31], state.PROVINCES, lang,
                          format_func=names.__getitem__, labels=ui.province_labels)  # fmt: skip
    levels = ui.any_of(filters, t("col.level", lang), list(state.LEVEL_CODES), state.LEVEL, lang, format_func=lambda v: t(f"level.{v}", lang),
                       codes=state.LEVEL_CODES, labels=lambda v, language: t(f"level.{v}", language))  # fmt: skip
    ownerships = ui.any_of(filters, t("col.ownership", lang), ["public", "private", "cooperative", "overseas"], state.OWNERSHIP, lang,
                           format_func=lambda v: t(f"ownership.{v}", lang), labels=lambda v, language: t(f"ownership.{v}", language))  # fmt: skip
    authorities = ui.any_of(
        st, t("col.authority", lang), ui.panel("authority_options", view.edition), "authority", lang, in_url=False
    )
    district_filter: list[int] = []
    if provinces == [FOCUS]:
        district_names = ui.district_names(lang)
        district_filter = ui.any_of(st, t("col.district", lang), sorted(district_names), "district", lang,
                                    format_func=district_names.get, in_url=False)  # fmt: skip

    shown, shown_arrow = ui.panel(
        "institution_rows",
        view.edition,
        query or "",
        tuple(provinces),
        tuple(levels),
        tuple(ownerships),
        tuple(authorities),
        tuple(district_filter),
        lang,
    )
    for note in ui.panel("renamed_notes", view.edition, query or "", lang) if query else ():
        st.info(note, icon=":material/badge:")
    cq_choices, labels = ui.panel("college_choices", view.edition)
    found = t("institutions.found", lang, n=len(shown), total=len(labels), edition=view.edition)
    ui.source_line(["institutions"], lang, view.edition, note=found)
    narrowed = bool(provinces or levels or ownerships or authorities or district_filter)
    pages = max(1, -(-len(shown) // ROWS_PER_PAGE))
    table_slot = st.container()
    page = ui.url_bound(state.TABLE_PAGE, lambda **k: st.pagination(pages, **k), default=1,
                        accept=lambda n: n if isinstance(n, int) and n <= pages else None) if pages > 1 else 1  # fmt: skip
    first = (min(page, pages) - 1) * ROWS_PER_PAGE
    # A page of the Arrow table built once per filter set: small to send, nothing to convert.
    if len(shown):
        table_slot.dataframe(shown_arrow.slice(first, ROWS_PER_PAGE), hide_index=True, width="stretch")
        ui.table_downloads(
            shown,
            key=f"institutions_{view.edition}",
            lang=lang,
            title=t("institutions.title", lang),
            sources=["institutions"],
            year=view.edition,
        )
    else:  # an empty table would say so in the browser's words, not the page's language
        table_slot.info(t("institutions.none" if narrowed else "institutions.none_search", lang), icon=":material/search_off:")

    st.subheader(t("institutions.my_college", lang), divider="gray")

    # Chongqing's colleges by default; with a filter set, the institutions found as well.
    filtered = bool(query) or narrowed
    choices = list(dict.fromkeys([*cq_choices, *shown.iloc[:, 0]])) if filtered else cq_choices
    code = ui.url_bound(
        state.COLLEGE, lambda **k: st.selectbox(t("institutions.pick", lang), choices, index=None, format_func=labels.get,
                                                placeholder=t("institutions.pick_hint", lang), **k),
        choices, labels=lambda c, _: labels.get(c, c),
    )  # fmt: skip
    if code is None:
        st.caption(t("institutions.pick_empty", lang))
    else:
        ui.college_profile(code, view.edition, lang)


page_body()
