"""总览 Overview: Chongqing's headline figures with ranks, the paper's figures checked, the policy timeline."""

import streamlit as st

from vetdash import narrative, ui
from vetdash.i18n import format_percent, t
from vetdash.metrics import FOCUS, INDICATORS

lang = st.session_state["lang"]
view = ui.current_view(lang)
ui.page_header("overview.title", lang, view)

table = ui.indicator_table(view.edition, view.year)
place = ui.province_names(lang)[FOCUS]
row = table.loc[table["province_adcode"] == FOCUS].iloc[0]
summary = ui.overview_summary(view.edition, view.year, lang)
ranks = ui.focus_ranks(view.edition, view.year)
st.markdown(f"> {summary}")


def card(column, key: str, year: str, delta: str | None = None) -> None:
    indicator = INDICATORS[key]
    rank, of = ranks[key]
    with column:
        ui.kpi(
            narrative.indicator_label(key, lang),
            narrative.format_value(indicator, row[key], lang),
            lang=lang, year=year, rank=t("fmt.rank", lang, rank=rank, of=of) if rank else None,
            status=ui.catalog.dataset(indicator.datasets[0]).status, delta=delta, help_text=t(f"help.{key}", lang),
        )  # fmt: skip


top = st.columns(3)
card(
    top[0],
    "zhuanke",
    view.edition,
    t("overview.public_private", lang, public=int(row["zhuanke_public"]), private=int(row["zhuanke_private"])),
)
card(top[1], "vocational_university", view.edition)
card(top[2], "zhuanke_per_million", view.edition)
middle = st.columns(3)
card(
    middle[0],
    "vocational_entrants",
    "2024",
    t(
        "overview.share_of_national",
        lang,
        share=format_percent(row["vocational_entrants"] / table["vocational_entrants"].sum(), lang, 2),
    ),
)
card(
    middle[1],
    "vocational_enrollment",
    "2024",
    t("overview.share_of_national", lang, share=format_percent(row["vocational_enrollment_share_of_national"], lang, 2)),
)
card(
    middle[2],
    "gdp",
    str(view.year),
    t(
        "overview.mix",
        lang,
        primary=format_percent(row["primary_va"] / row["gdp"], lang),
        secondary=format_percent(row["secondary_share"], lang),
        tertiary=format_percent(row["tertiary_share"], lang),
    ),
)
ui.source_line(["institutions", "province_population", "province_students", "province_gdp"], lang)

st.subheader(t("overview.changes_title", lang))
changes = ui.table("institution_changes")
cq_changes = changes[changes["province_adcode"] == FOCUS]
if cq_changes.empty:
    st.caption(t("overview.no_changes", lang))
for change in cq_changes.itertuples():
    st.markdown("- " + t(f"change.{change.change}", lang, before=change.name_before or "", after=change.name_after or ""))
ui.source_line(["institution_changes"], lang)

st.subheader(t("overview.paper_title", lang))
st.caption(t("overview.paper_intro", lang))
st.table(ui.panel("paper_table", lang))
ui.source_line(["paper_figures", "institutions", "consortia", "specialty_adjustments"], lang)

st.subheader(t("overview.timeline_title", lang))
timeline_figure, timeline = ui.panel("policy_timeline", lang)
ui.show_chart(timeline_figure, key="timeline", lang=lang)
for item in timeline.itertuples():
    st.markdown(f"**{item.date}** · {getattr(item, f'title_{lang}')}  \n{getattr(item, f'summary_{lang}')}")
ui.source_line(["policy_timeline"], lang)
