"""数据与来源 Data: every dataset with its provenance and version, downloads, templates; import for administrators."""

import pandas as pd
import streamlit as st

from vetdash import admin, catalog, importing, templates, ui
from vetdash.i18n import t

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("data.title", lang, view)


@st.fragment
def page_body() -> None:
    # A control on this page reruns this function only; the sidebar's controls rerun the app.
    st.caption(t("data.intro", lang))
    ui.store_warnings(lang)

    versions = ui.current_versions()
    st.dataframe(
        ui.panel("dataset_listing", lang, tuple(sorted(versions.items()))),
        hide_index=True,
        width="stretch",
        column_config=ui.link_column(t("data.col_link", lang), lang),
    )

    st.subheader(t("data.download_title", lang))
    tables = {m.name: m for m in catalog.every_dataset() if m.schema and (m.name in versions or m.path)}
    chosen = st.selectbox(
        t("data.col_dataset", lang), list(tables), format_func=lambda n: tables[n].title[lang], key="data_dataset"
    )
    ui.table_downloads(ui.table(chosen) if chosen != "specialty_points" or chosen in versions else pd.DataFrame(), key=f"data_{chosen}", lang=lang,
                       title=tables[chosen].title[lang], sources=[chosen])  # fmt: skip

    st.subheader(t("data.templates_title", lang))
    st.caption(t("data.templates_intro", lang))
    template_of = st.selectbox(
        t("data.col_dataset", lang), importing.listed_specs(), format_func=lambda n: catalog.dataset(n).title[lang],
        key="template_dataset",
    )  # fmt: skip
    spec = importing.IMPORTABLE[template_of]
    row = st.container(horizontal=True)
    row.download_button(
        "CSV", lambda: templates.template_csv(spec.schema), file_name=f"{template_of}_template.csv", mime="text/csv",
        key="tpl_csv", on_click="ignore", icon=":material/table_view:",
    )  # fmt: skip
    row.download_button(
        "XLSX", lambda: templates.template_xlsx(spec.schema, lang), file_name=f"{template_of}_template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="tpl_xlsx", on_click="ignore",
        icon=":material/table_view:",
    )  # fmt: skip

    admin.import_section(lang)


page_body()
