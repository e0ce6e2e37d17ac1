"""Map page: the national choropleth of an indicator and Chongqing's colleges by district."""

from __future__ import annotations

import html

import pandas as pd
import pydeck as pdk

from vetdash import editions, maps, narrative
from vetdash.analysis.colleges import district_counts, located_colleges
from vetdash.analysis.ranking import competition_rank
from vetdash.analysis.supply import points_by_district
from vetdash.charts import FOCUS_MARK
from vetdash.i18n import format_percent, t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year, link_codes
from vetdash.panels.common import Data, Panel, filter_codes, newest_edition, table_values, tick_format
from vetdash.provenance import source_text
from vetdash.text import plot_literal


def national_map(data: Data, key: str, edition: str, year: int, lang: str) -> Panel:
    """An indicator on the map of China; the table: rank, province, value of every province with data."""
    table = data.indicator_table(edition, year)
    names = data.province_names(lang)
    indicator = INDICATORS[key]
    when = indicator_year(
        indicator,
        edition,
        year,
        editions.years(data.table("province_employment_by_section")),
        editions.years(data.table("province_gdp")),
    )
    source = source_text(indicator.datasets, lang, when)
    frame = table[["province_adcode", key]].copy()
    frame["rank"] = competition_rank(frame[key], ascending=not INDICATORS[key].higher_is_better)
    count = int(frame["rank"].notna().sum())
    frame["hover"] = [
        f"<b>{plot_literal(names[c])}</b><br>{plot_literal(narrative.format_value(INDICATORS[key], v, lang))} "
        f"{plot_literal(narrative.unit_label(INDICATORS[key], lang))}<br>{t('fmt.rank', lang, rank=r, of=count)}<br><i>{plot_literal(source)}</i>"
        for c, v, r in zip(frame["province_adcode"], frame[key], frame["rank"], strict=True)
    ]
    no_data = {c: f"<b>{plot_literal(n)}</b><br>{t('map.no_data', lang)}" for c, n in names.items()}
    title = narrative.finding_title(table, key, lang, names[FOCUS])
    unit = narrative.unit_label(indicator, lang)
    tick = tick_format(indicator.kind)
    figure = maps.province_choropleth(
        frame, all_codes=sorted(names), value=key, hover="hover", no_data_hover=no_data,
        title=title, unit=unit, focus=FOCUS, inset_label=t("map.inset", lang), midpoint=indicator.midpoint,
        colorscale="PuOr_r" if indicator.midpoint is not None else "YlGnBu", tick_format=tick.replace(".1%", ".0%"),
    )  # fmt: skip
    drawn = frame.dropna(subset=[key]).sort_values(["rank", "province_adcode"])
    value_column = f"{narrative.indicator_label(key, lang)} ({unit})"
    values, number_format = table_values(drawn[key], indicator.kind)
    shown = pd.DataFrame(
        {
            t("col.rank", lang): drawn["rank"].astype(int),
            t("col.province", lang): [(FOCUS_MARK if c == FOCUS else "") + names[c] for c in drawn["province_adcode"]],
            value_column: values,
        }
    )
    return Panel(
        figure, shown, title, tuple(indicator.datasets), when, filter_codes(**link_codes(key), edition=edition, year=year),
        category=t("col.province", lang), values=(value_column,), kind="map", number_format=number_format,
        focus=(FOCUS_MARK + names[FOCUS],),
    )  # fmt: skip


def chongqing_map(data: Data, choice: str, lang: str) -> tuple[Panel, int, int, pd.DataFrame]:
    """Chongqing's colleges of the newest MOE list edition on the district map.

    Args: ``choice`` which colleges: all, zhuanke, benke, public or private (``analysis.colleges.FILTERS``;
    KeyError otherwise).
    Returns: (panel whose table has columns district, colleges — every district; colleges with a point;
    colleges in all; a table of the colleges without a known campus point: name, district).
    Sources: ``cq_colleges`` (compiled locations) and ``institutions`` (MOE list).
    """
    edition = newest_edition(data)
    colleges = located_colleges(data.table("cq_colleges"), data.table("institutions"), edition, choice)
    districts = district_counts(colleges, data.table("cq_districts"))
    district_label = data.district_names(lang)
    districts["hover"] = [
        f"<b>{plot_literal(district_label[a])}</b><br>{t('map.colleges_n', lang, n=n)}"
        for a, n in zip(districts["adcode"], districts["colleges"], strict=True)
    ]
    points = colleges.dropna(subset=["lon_gcj02"]).copy()
    points["hover"] = [
        f"<b>{plot_literal(n)}</b><br>{t(f'level.{lv}', lang)} · {t(f'ownership.{o}', lang)}<br>{plot_literal(data.district_name(d, lang))}"
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
    shown = pd.DataFrame(
        {
            t("col.district", lang): [district_label[a] for a in districts["adcode"]],
            t("unit.colleges", lang): districts["colleges"].astype(int),
        }
    )
    panel = Panel(
        figure, shown, title, ("cq_colleges", "institutions"), edition, filter_codes(cq=choice),
        category=t("col.district", lang), values=(t("unit.colleges", lang),), kind="map",
    )  # fmt: skip
    return panel, len(points), len(colleges), unplaced_table


def chongqing_supply_map(data: Data, lang: str) -> Panel:
    """Chongqing's districts shaded by the specialty points of the colleges whose main campus is
    there (latest register year, records as MOE counts them)."""
    institution_points = data.table("specialty_points_institution")
    year = int(institution_points["year"].max())
    colleges = data.table("cq_colleges")
    districts = points_by_district(institution_points, colleges, data.table("cq_districts"), year)
    labels = data.district_names(lang)
    districts["hover"] = [
        f"<b>{labels[a]}</b><br>{t('map.supply_hover', lang, points=p, colleges=c)}"
        for a, p, c in zip(districts["adcode"], districts["points"], districts["colleges"], strict=True)
    ]
    top = districts.sort_values(["points", "adcode"], ascending=[False, True]).iloc[0]
    total = int(districts["points"].sum())
    title = t(
        "map.supply_title", lang, year=year, total=total, district=labels[int(top["adcode"])], top=int(top["points"]),
        share=format_percent(top["points"] / total, lang) if total else "—",
    )  # fmt: skip
    unit = t("unit.specialty_points", lang)
    figure = maps.district_map(
        districts,
        pd.DataFrame(),
        value="points",
        hover="hover",
        point_hover="hover",
        point_colour="hover",
        title=title,
        unit=unit,
    )
    district_column, points_column = t("col.district", lang), t("map.supply_col", lang)
    shown = districts.sort_values("points", ascending=False)
    return Panel(
        figure,
        pd.DataFrame({district_column: [labels[a] for a in shown["adcode"]], points_column: shown["points"]}),
        title, ("specialty_points_institution", "cq_colleges"), str(year), category=district_column, values=(points_column,),
        kind="map",
    )  # fmt: skip


LEVEL_RGB = {"专科": [213, 94, 0], "本科": [0, 114, 178]}  # the colours of the 2D map's points
METRES_PER_POINT = 1000  # column height per specialty point


def chongqing_columns(data: Data, lang: str) -> tuple[pdk.Deck, pd.DataFrame, int]:
    """(deck, table, year): every Chongqing college with a main-campus point and specialty points in
    the register's latest year, as a column that tall; the table: college, level, district, points."""
    institution_points = data.table("specialty_points_institution")
    year = int(institution_points["year"].max())
    per_college = institution_points[institution_points["year"] == year].groupby("code")["records"].sum()
    colleges = located_colleges(data.table("cq_colleges"), data.table("institutions"), newest_edition(data), "all")
    placed = colleges.dropna(subset=["lon_gcj02"]).assign(points=lambda f: f["code"].map(per_college))
    placed = placed.dropna(subset=["points"]).sort_values("points", ascending=False, ignore_index=True)
    placed["points"] = placed["points"].astype(int)
    placed["rgb"] = placed["level"].map(LEVEL_RGB)
    placed["district"] = [data.district_name(d, lang) for d in placed["district_adcode"]]
    placed["tooltip"] = [
        f"<b>{html.escape(n)}</b><br>{html.escape(t(f'level.{lv}', lang))} · {html.escape(d)}<br>"
        f"{html.escape(t('map.columns_hover', lang, year=year, points=p))}"
        for n, lv, d, p in zip(placed["name"], placed["level"], placed["district"], placed["points"], strict=True)
    ]
    deck = maps.campus_columns(placed, height="points", colour="rgb", tooltip="tooltip", metres_per_unit=METRES_PER_POINT)
    table = pd.DataFrame(
        {
            t("col.name", lang): placed["name"],
            t("col.level", lang): [t(f"level.{lv}", lang) for lv in placed["level"]],
            t("col.district", lang): placed["district"],
            t("map.supply_col", lang): placed["points"],
        }
    )
    return deck, table, year
