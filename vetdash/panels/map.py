"""Map page: the national choropleth of an indicator and Chongqing's colleges by district."""

from __future__ import annotations

import pandas as pd

from vetdash import maps, narrative
from vetdash.analysis.colleges import district_counts, located_colleges
from vetdash.analysis.ranking import competition_rank
from vetdash.i18n import t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year
from vetdash.panels.common import Data
from vetdash.provenance import source_text


def national_map(data: Data, key: str, edition: str, year: int, lang: str):
    table = data.indicator_table(edition, year)
    names = data.province_names(lang)
    source = source_text(INDICATORS[key].datasets, lang, indicator_year(INDICATORS[key], edition, year))
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


def chongqing_map(data: Data, choice: str, lang: str):
    colleges = located_colleges(data.table("cq_colleges"), data.table("institutions"), "2025-06-20", choice)
    districts = district_counts(colleges, data.table("cq_districts"))
    district_label = data.district_names(lang)
    districts["hover"] = [
        f"<b>{district_label[a]}</b><br>{t('map.colleges_n', lang, n=n)}"
        for a, n in zip(districts["adcode"], districts["colleges"], strict=True)
    ]
    points = colleges.dropna(subset=["lon_gcj02"]).copy()
    points["hover"] = [
        f"<b>{n}</b><br>{t(f'level.{lv}', lang)} · {t(f'ownership.{o}', lang)}<br>{data.district_name(d, lang)}"
        for n, lv, o, d in zip(points["name"], points["level"], points["ownership"], points["district_adcode"], strict=True)
    ]
    points["colour"] = points["level"].map({"专科": "#D55E00", "本科": "#0072B2"})
    top = districts.sort_values(["colleges", "adcode"], ascending=[False, True]).iloc[0]
    title = t("map.cq_finding", lang, n=len(colleges), district=district_label[int(top["adcode"])], top=int(top["colleges"]))
    figure = maps.district_map(
        districts,
        points,
        value="colleges",
        hover="hover",
        point_hover="hover",
        point_colour="colour",
        title=title,
        unit=t("unit.colleges", lang),
    )
    unplaced = colleges[colleges["lon_gcj02"].isna()]
    unplaced_table = pd.DataFrame(
        {
            t("col.name", lang): unplaced["name"],
            t("col.district", lang): [data.district_name(d, lang) for d in unplaced["district_adcode"]],
        }
    )
    return figure, title, len(points), len(colleges), unplaced_table
