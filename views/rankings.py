"""排名 Rankings: all 31 provinces on any indicator, Chongqing and its peers highlighted; ranks over time."""

import pandas as pd
import streamlit as st

from vetdash import charts, narrative, state, ui
from vetdash.analysis.rank_history import ranks_by_period, zhuanke_by_edition
from vetdash.analysis.ranking import ranked
from vetdash.i18n import t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year

lang = st.session_state["lang"]
view = ui.current_view(lang)
ui.page_header("rankings.title", lang, view)

key = st.selectbox(
    t("control.indicator", lang), list(INDICATORS), format_func=lambda k: narrative.indicator_label(k, lang),
    key=state.INDICATOR, bind="query-params",
)  # fmt: skip
indicator = INDICATORS[key]
year = indicator_year(indicator, view.edition, view.year)
names = ui.province_names(lang)


def role(code: int) -> str:
    return "focus" if code == FOCUS else "peer" if code in view.peers else "other"


@st.cache_data(show_spinner=False, max_entries=256)
def ranking_frame(key: str, edition: str, year: int, peers: tuple[int, ...], lang: str) -> pd.DataFrame:
    table = ui.indicator_table(edition, year)
    names = ui.province_names(lang)
    frame = ranked(
        table[["province_adcode", key]].dropna(), key, key="province_adcode", ascending=not INDICATORS[key].higher_is_better
    )
    frame["role"] = ["focus" if c == FOCUS else "peer" if c in peers else "other" for c in frame["province_adcode"]]
    frame["province"] = [(charts.FOCUS_MARK if c == FOCUS else "") + names[c] for c in frame["province_adcode"]]
    frame["shown"] = [narrative.format_value(INDICATORS[key], v, lang) for v in frame[key]]
    frame["hover"] = [
        f"<b>{p}</b><br>{v}<br>{t('fmt.rank', lang, rank=r, of=len(frame))}"
        for p, v, r in zip(frame["province"], frame["shown"], frame["rank"], strict=True)
    ]
    return frame


frame = ranking_frame(key, view.edition, view.year, view.peers, lang)
table = ui.indicator_table(view.edition, view.year)
title = narrative.finding_title(table, key, lang, names[FOCUS])
kind = indicator.kind
tick = ".1%" if kind == "share" else ".2f" if kind in ("ratio", "lq") else ","

mode = st.segmented_control(
    t("rankings.view", lang), ["chart", "table"], default="chart", format_func=lambda k: t(f"rankings.view.{k}", lang),
    key=state.VIEW, bind="query-params",
) or "chart"  # fmt: skip
shown_table = pd.DataFrame(
    {
        t("col.rank", lang): frame["rank"],
        t("col.province", lang): frame["province"],
        f"{narrative.indicator_label(key, lang)} ({narrative.unit_label(indicator, lang)})": frame[key],
        t("col.group", lang): [t(f"role.{r}", lang) for r in frame["role"]],
    }
)
if mode == "chart":
    ui.show_chart(
        charts.ranking_bar(frame, label="province", value=key, role="role", hover="hover", title=title,
                           axis_title=narrative.unit_label(indicator, lang), tick_format=tick),
        key="ranking_bar", lang=lang, alt_text=t("rankings.alt", lang, title=title),
    )  # fmt: skip
else:
    st.subheader(title)
    st.dataframe(shown_table, hide_index=True, width="stretch", height=min(1150, 35 * len(shown_table) + 40))
ui.csv_download(shown_table, file_name=f"ranking_{key}_{year}.csv", lang=lang, key="ranking_csv")
ui.source_line(indicator.datasets, lang, year)

st.divider()
st.subheader(t("rankings.over_time", lang))
chosen = [FOCUS, *view.peers]
gdp = ranks_by_period(ui.table("province_gdp"), period="year", value="gdp")
edition_ranks = ranks_by_period(zhuanke_by_edition(ui.table("institutions")), period="list_date", value="zhuanke")


def bump(frame: pd.DataFrame, period: str, value_kind: str, title_key: str, chart_key: str) -> None:
    rows = frame[frame["province_adcode"].isin(chosen)].copy()
    rows["series"] = [names[c] for c in rows["province_adcode"]]
    rows["role"] = [role(c) for c in rows["province_adcode"]]
    rows["hover"] = [
        f"<b>{s}</b> {p}<br>{t('fmt.rank', lang, rank=r, of=31)}"
        for s, p, r in zip(rows["series"], rows[period], rows["rank"], strict=True)
    ]
    focus_rows = rows[rows["province_adcode"] == FOCUS].sort_values(period)
    chart_title = t(title_key, lang, place=names[FOCUS], first=focus_rows["rank"].iloc[0], last=focus_rows["rank"].iloc[-1],
                    start=focus_rows[period].iloc[0], end=focus_rows[period].iloc[-1])  # fmt: skip
    ui.show_chart(
        charts.bump_chart(rows, x=period, rank="rank", series="series", role="role", hover="hover", title=chart_title, axis_title=t("col.rank", lang)),
        key=chart_key, lang=lang,
    )  # fmt: skip


columns = st.columns(2)
with columns[0]:
    bump(gdp, "year", "gdp", "rankings.bump_gdp", "bump_gdp")
    ui.source_line(["province_gdp"], lang, "2019–2024")
with columns[1]:
    bump(edition_ranks, "list_date", "zhuanke", "rankings.bump_zhuanke", "bump_zhuanke")
    ui.source_line(["institutions"], lang, "2024-06-20, 2025-06-20")
