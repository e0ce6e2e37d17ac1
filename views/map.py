"""地图 Map: a national choropleth for any indicator, and Chongqing's districts with college points."""

import streamlit as st

from vetdash import maps, narrative, state, ui
from vetdash.analysis.colleges import district_counts, located_colleges
from vetdash.analysis.ranking import competition_rank
from vetdash.i18n import t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year

lang = st.session_state["lang"]
view = ui.current_view(lang)
ui.page_header("map.title", lang, view)

key = st.selectbox(
    t("control.indicator", lang), list(INDICATORS), format_func=lambda k: narrative.indicator_label(k, lang),
    key=state.INDICATOR, bind="query-params",
)  # fmt: skip
indicator = INDICATORS[key]
table = ui.indicator_table(view.edition, view.year)
year = indicator_year(indicator, view.edition, view.year)


@st.cache_data(show_spinner=False, max_entries=128)
def national_map(key: str, edition: str, year: int, lang: str):
    table = ui.indicator_table(edition, year)
    names = ui.province_names(lang)
    source = ui.source_text(INDICATORS[key].datasets, lang, indicator_year(INDICATORS[key], edition, year))
    frame = table[["province_adcode", key]].copy()
    frame["rank"] = competition_rank(frame[key], ascending=not INDICATORS[key].higher_is_better)
    count = int(frame["rank"].notna().sum())
    frame["hover"] = [
        f"<b>{names[c]}</b><br>{narrative.format_value(INDICATORS[key], v, lang)} {narrative.unit_label(INDICATORS[key], lang)}"
        f"<br>{t('fmt.rank', lang, rank=r, of=count)}<br><i>{source}</i>"
        for c, v, r in zip(frame["province_adcode"], frame[key], frame["rank"], strict=True)
    ]
    no_data = {c: f"<b>{n}</b><br>{t('map.no_data', lang)}" for c, n in names.items()}
    return maps.province_choropleth(
        frame, all_codes=sorted(names), value=key, hover="hover", no_data_hover=no_data,
        title=narrative.finding_title(table, key, lang, names[FOCUS]), unit=narrative.unit_label(INDICATORS[key], lang),
        focus=FOCUS, midpoint=INDICATORS[key].midpoint,
        colorscale="PuOr_r" if INDICATORS[key].midpoint is not None else "YlGnBu",
    )  # fmt: skip


figure = national_map(key, view.edition, view.year, lang)
ui.show_chart(figure, key="national_map", lang=lang, alt_text=t("map.alt_national", lang, title=figure.layout.title.text))
st.caption(t("map.legend_note", lang))
ui.source_line(indicator.datasets, lang, year)

st.divider()
st.subheader(t("map.cq_title", lang))
choice = st.segmented_control(
    t("map.cq_filter", lang), ["all", "zhuanke", "benke", "public", "private"], default="all",
    format_func=lambda k: t(f"map.filter.{k}", lang), key=state.CQ_FILTER, bind="query-params",
) or "all"  # fmt: skip
colleges = located_colleges(ui.table("cq_colleges"), ui.table("institutions"), "2025-06-20", choice)
districts = district_counts(colleges, ui.table("cq_districts"))
district_label = ui.district_names(lang)
districts["hover"] = [
    f"<b>{district_label[a]}</b><br>{t('map.colleges_n', lang, n=n)}"
    for a, n in zip(districts["adcode"], districts["colleges"], strict=True)
]
points = colleges.dropna(subset=["lon_gcj02"]).copy()
points["hover"] = [
    f"<b>{n}</b><br>{t(f'level.{lv}', lang)} · {t(f'ownership.{o}', lang)}<br>{ui.district_name(d, lang)}"
    for n, lv, o, d in zip(points["name"], points["level"], points["ownership"], points["district_adcode"], strict=True)
]
points["colour"] = points["level"].map({"专科": "#D55E00", "本科": "#0072B2"})
top_district = districts.sort_values(["colleges", "adcode"], ascending=[False, True]).iloc[0]
cq_title = t(
    "map.cq_finding",
    lang,
    n=len(colleges),
    district=district_label[int(top_district["adcode"])],
    top=int(top_district["colleges"]),
)
ui.show_chart(
    maps.district_map(districts, points, value="colleges", hover="hover", point_hover="hover", point_colour="colour",
                      title=cq_title, unit=t("unit.colleges", lang)),
    key="cq_map", lang=lang, alt_text=cq_title,
)  # fmt: skip
st.caption(t("map.points_legend", lang, located=len(points), total=len(colleges)))
unplaced = colleges[colleges["lon_gcj02"].isna()]
with st.expander(t("map.unplaced", lang, n=len(unplaced))):
    st.dataframe(
        unplaced.assign(district=[ui.district_name(d, lang) for d in unplaced["district_adcode"]])[
            ["name", "district"]
        ].rename(columns={"name": t("col.name", lang), "district": t("col.district", lang)}),
        hide_index=True, width="stretch",
    )  # fmt: skip
ui.source_line(["cq_colleges", "institutions"], lang, "2025-06-20")
