"""预算 Budgets: the sourced national facts, the paper's rank claim, and college budgets once loaded."""

import streamlit as st

from vetdash import templates, ui
from vetdash.i18n import t

lang = ui.page_language()
view = ui.current_view(lang)
ui.page_header("budget.title", lang, view)

st.subheader(t("budget.facts_title", lang))
vocational_facts, context_facts = ui.panel("budget_facts_markdown", lang)
st.markdown(vocational_facts)
ui.source_line(["budget_facts", "college_budgets"], lang)
if context := ui.folded(t("budget.context_title", lang), key="budget_context"):
    context.markdown(context_facts)

ui.paper_claim("cq_budget_rank", lang)

st.subheader(t("budget.colleges_title", lang))
chongqing = ui.panel("college_budget_view", lang)
if chongqing is None:
    ui.empty_state("budget.empty", "budget.empty_how", lang)
    st.download_button(
        t("budget.template", lang), templates.template_csv("CollegeBudgets"), file_name="college_budgets_template.csv",
        mime="text/csv", on_click="ignore", icon=":material/table_view:",
    )  # fmt: skip
else:
    ui.show_chart(chongqing["figure"], key="cq_budgets", lang=lang)
    st.dataframe(
        chongqing["table"], hide_index=True, width="stretch", column_config=ui.link_column(t("budget.col_source", lang), lang)
    )
    ui.source_line(["college_budgets"], lang, str(chongqing["year"]))
if view.demo:
    st.warning(t("budget.demo_note", lang), icon=":material/science:")
    demo = ui.panel("demo_budget_view", 2025, view.peers, lang)
    ui.show_chart(demo["figure"], key="demo_budgets", lang=lang)
    st.dataframe(demo["table"], hide_index=True, width="stretch")
    st.markdown(f"**{t('budget.provinces_title', lang)}**")
    st.dataframe(demo["provinces"], hide_index=True, width="stretch")
    ui.source_line(["demo_college_budgets"], lang)
