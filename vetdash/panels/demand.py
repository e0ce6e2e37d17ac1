"""Demand fit page: industry structure, supply against demand, specialty-point adjustments, the crosswalk."""

from __future__ import annotations

import pandas as pd

from vetdash import charts
from vetdash.analysis.demand_fit import adjustment_effect
from vetdash.analysis.industry import location_quotients, value_added_long
from vetdash.analysis.ranking import competition_rank
from vetdash.analysis.supply import employment_of, fit_by_region, region_fit
from vetdash.i18n import format_number, format_percent, t
from vetdash.metrics import FOCUS
from vetdash.panels.common import Data, Panel, category_names, excel_format, filter_codes

PILLAR_MIN_SHARE = 0.05  # a pillar: above the national share (LQ > 1) and at least 5% of jobs


def section_names(data: Data, lang: str) -> dict[str, str]:
    sections = data.table("industry_sections")
    return dict(zip(sections["code"], sections[f"name_{lang}"], strict=True))


def industry_structure(data: Data, year: int, lang: str) -> dict:
    """Chongqing's employment mix against the national total (``shares``), location quotients by
    section (``lq``) and by industry of value added (``va``), each a panel; ``pillars`` in words."""
    names = section_names(data, lang)
    place = data.province_names(lang)[FOCUS]
    employment = data.table("province_employment_by_section")
    lq = location_quotients(employment, group="province_adcode", item="section", value="employed_10k")
    mine = lq[lq["province_adcode"] == FOCUS].copy()
    mine["label"] = [f"{s} {names[s]}" for s in mine["section"]]
    shares_long = pd.concat(
        [
            pd.DataFrame({"label": mine["label"], "series": place, "share": mine["share"]}),
            pd.DataFrame({"label": mine["label"], "series": t("demand.national", lang), "share": mine["national_share"]}),
        ]
    )
    shares_long["hover"] = [
        f"{s} · {lbl}: {format_percent(v, lang)}"
        for s, lbl, v in zip(shares_long["series"], shares_long["label"], shares_long["share"], strict=True)
    ]
    shares_title = t("demand.shares_title", lang, place=place)
    shares_figure = charts.grouped_bars(
        shares_long, category="label", series="series", value="share", hover="hover",
        title=shares_title, axis_title=t("demand.share_axis", lang),
    )  # fmt: skip
    section_column, national = t("demand.col_section", lang), t("demand.national", lang)
    employment_sources = ("province_employment_by_section", "industry_sections")
    shares = Panel(
        shares_figure, pd.DataFrame({section_column: mine["label"], place: mine["share"], national: mine["national_share"]}),
        shares_title, employment_sources, "2024", category=section_column, values=(place, national), number_format="0.0%",
    )  # fmt: skip
    mine["hover"] = [f"{lbl}<br>LQ {v:.2f}" for lbl, v in zip(mine["label"], mine["location_quotient"], strict=True)]
    lq_title = t("demand.lq_title", lang, place=place)
    lq_figure = charts.diverging_bar(
        mine, label="label", value="location_quotient", midpoint=1.0, hover="hover",
        title=lq_title, axis_title=t("demand.lq_axis", lang),
    )  # fmt: skip
    lq_column = t("demand.lq_axis", lang)
    by_lq = mine.sort_values("location_quotient", ascending=False)
    lq_panel = Panel(
        lq_figure, pd.DataFrame({section_column: by_lq["label"], lq_column: by_lq["location_quotient"]}),
        lq_title, employment_sources, "2024", category=section_column, values=(lq_column,), number_format="0.00",
    )  # fmt: skip
    value_added = location_quotients(
        value_added_long(data.table("province_gdp"), year), group="province_adcode", item="industry", value="value_added"
    )
    va_mine = value_added[value_added["province_adcode"] == FOCUS].copy()
    va_mine["label"] = [t(f"va.{i}", lang) for i in va_mine["industry"]]
    va_mine["hover"] = [
        f"{lbl}<br>LQ {v:.2f} · {format_percent(s, lang)}"
        for lbl, v, s in zip(va_mine["label"], va_mine["location_quotient"], va_mine["share"], strict=True)
    ]
    va_title = t("demand.va_lq_title", lang, place=place, year=year)
    va_figure = charts.diverging_bar(
        va_mine, label="label", value="location_quotient", midpoint=1.0, hover="hover",
        title=va_title, axis_title=lq_column,
    )  # fmt: skip
    va_by_lq = va_mine.sort_values("location_quotient", ascending=False)
    industry_column = t("col.industry", lang)
    va_panel = Panel(
        va_figure, pd.DataFrame({industry_column: va_by_lq["label"], lq_column: va_by_lq["location_quotient"]}),
        va_title, ("province_gdp",), str(year), filter_codes(year=year), category=industry_column, values=(lq_column,),
        number_format="0.00",
    )  # fmt: skip
    pillars = mine[(mine["location_quotient"] > 1) & (mine["share"] >= PILLAR_MIN_SHARE)].sort_values("share", ascending=False)
    pillar_text = t(
        "demand.pillars", lang, place=place,
        items="、".join(f"{names[s]}（{format_percent(sh, lang)}，LQ {q:.2f}）" for s, sh, q in zip(pillars["section"], pillars["share"], pillars["location_quotient"], strict=True))
        if lang == "zh" else "; ".join(f"{names[s]} ({format_percent(sh, lang)}, LQ {q:.2f})" for s, sh, q in zip(pillars["section"], pillars["share"], pillars["location_quotient"], strict=True)),
    )  # fmt: skip
    return {"shares": shares, "lq": lq_panel, "va": va_panel, "pillars": pillar_text}


def supply_table(data: Data, demo: bool) -> tuple[pd.DataFrame | None, bool]:
    """(specialty points by category, whether they are demo data): an imported table first, else demo data in demo mode."""
    imported = data.optional_table("specialty_points")
    if imported is not None:
        return imported, False
    if demo:
        return data.table("demo_specialty_points"), True
    return None, False


def supply_demand_view(data: Data, year: int, category: int | None, demo: bool, lang: str) -> dict | None:
    """Supply vs demand by category for Chongqing, bands with suggestions, F and its rank."""
    points, uses_demo = supply_table(data, demo)
    if points is None:
        return None
    year = int(points["year"].max()) if year not in set(points["year"]) else year
    if points[(points["province_adcode"] == FOCUS) & (points["year"] == year)].empty:
        return None
    employment = data.table("province_employment_by_section")
    crosswalk = data.table("crosswalk")
    categories = category_names(data, lang)
    table = region_fit(points, employment, crosswalk, FOCUS, year)
    table["label"] = [f"{c} {categories[int(c)]}" for c in table["category_code"]]
    highlight = next((lbl for c, lbl in zip(table["category_code"], table["label"], strict=True) if c == category), None)
    fits = fit_by_region(points, employment, crosswalk, year)
    fits["rank"] = competition_rank(fits["fit"])
    mine = fits[fits["province_adcode"] == FOCUS].iloc[0]
    place = data.province_names(lang)[FOCUS]
    sources = ("demo_specialty_points" if uses_demo else "specialty_points", "province_employment_by_section", "crosswalk")
    codes = filter_codes(year=year, sector=category, demo=demo or None)
    category_column, supply_column, demand_column = (
        t("demand.col_category", lang),
        t("demand.supply", lang),
        t("demand.demand", lang),
    )
    paired_title = t(
        "demand.fit_title", lang, place=place, year=year, fit=f"{mine['fit']:.2f}", rank=int(mine["rank"]), of=len(fits)
    )
    paired = Panel(
        charts.paired_bars(
            table, label="label", first="supply_share", second="demand_share", names=(supply_column, demand_column),
            highlight=highlight, title=paired_title, axis_title=t("demand.share_axis", lang),
        ),
        pd.DataFrame({category_column: table["label"], supply_column: table["supply_share"], demand_column: table["demand_share"]}),
        paired_title, sources, str(year), codes, category=category_column, values=(supply_column, demand_column),
        number_format="0.0%", demo=uses_demo, focus=(highlight,) if highlight else (),
    )  # fmt: skip
    table["hover"] = [
        f"{lbl}<br>{t('demand.gap', lang)} {g * 100:+.1f} pp" for lbl, g in zip(table["label"], table["gap"], strict=True)
    ]
    gap_column = t("demand.gap_axis", lang)
    by_gap = table.sort_values("gap", ascending=False)
    gap = Panel(
        charts.diverging_bar(
            table, label="label", value="gap", midpoint=0.0, hover="hover", title=t("demand.gap_title", lang),
            axis_title=gap_column, tick_format="+.1%",
        ),
        pd.DataFrame({category_column: by_gap["label"], gap_column: by_gap["gap"]}),
        t("demand.gap_title", lang), sources, str(year), codes, category=category_column, values=(gap_column,),
        number_format=excel_format("+.1%"), demo=uses_demo, focus=(highlight,) if highlight else (),
    )  # fmt: skip
    bands = pd.DataFrame(
        {
            t("demand.col_category", lang): table["label"],
            t("demand.supply", lang): (table["supply_share"] * 100).round(1),
            t("demand.demand", lang): (table["demand_share"] * 100).round(1),
            t("demand.col_ratio", lang): table["ratio"].round(2),
            t("demand.col_band", lang): [t(f"band.{b}", lang) if b else "—" for b in table["band"]],
            t("demand.col_suggestion", lang): [t(f"band.{b}.suggestion", lang) if b else "" for b in table["band"]],
        }
    )
    regional = points[points["province_adcode"] == FOCUS]
    effect = adjustment_effect(regional[regional["year"] > regional["year"].min()], employment_of(employment, FOCUS), crosswalk)
    effect_figure = None
    if not effect.empty:
        effect["hover"] = [
            f"{y}: +{a} / −{r}<br>ΔF {c:+.4f}"
            for y, a, r, c in zip(effect["year"], effect["added"], effect["removed"], effect["fit_change"], strict=True)
        ]
        effect_title = t("demand.effect_title", lang, place=place)
        effect_figure = Panel(
            charts.series_bars(effect, x="year", value="fit_change", hover="hover", title=effect_title, axis_title="ΔF",
                               tick_format="+.4f"),
            pd.DataFrame({t("col.year", lang): effect["year"].astype(str), "ΔF": effect["fit_change"]}),
            effect_title, sources, None, codes, category=t("col.year", lang), values=("ΔF",), number_format=excel_format("+.4f"),
            demo=uses_demo,
        )  # fmt: skip
    return {
        "paired": paired,
        "gap": gap,
        "bands": bands,
        "fit": float(mine["fit"]),
        "rank": int(mine["rank"]),
        "of": len(fits),
        "effect": effect_figure,
        "table": table,
        "uses_demo": uses_demo,
        "year": year,
        "sources": list(sources),
    }


def adjustments_view(data: Data, lang: str) -> dict:
    """Compiled specialty-point figures: national 高职 totals by year, 2024 additions by field, Chongqing rows."""
    rows = data.table("specialty_adjustments")
    vocational = rows[(rows["region"] == "全国") & (rows["level"] == "高职专科")]
    totals = vocational[vocational["measure"] == "total_points"].sort_values("year").copy()
    totals["hover"] = [f"{int(y)}: {format_number(int(v), lang)}" for y, v in zip(totals["year"], totals["value"], strict=True)]
    points_column = t("demand.points_unit", lang)
    totals_figure = Panel(
        charts.series_bars(totals, x="year", value="value", hover="hover", title=t("demand.national_points_title", lang),
                           axis_title=points_column),
        pd.DataFrame({t("col.year", lang): totals["year"].astype(int).astype(str), points_column: totals["value"]}),
        t("demand.national_points_title", lang), ("specialty_adjustments",), category=t("col.year", lang),
        values=(points_column,),
    )  # fmt: skip
    fields = vocational[
        (vocational["year"] == 2024)
        & (vocational["measure"].isin(["added_points", "removed_points"]))
        & vocational["category_name"].notna()
    ].copy()
    fields["label"] = [f"{t('demand.' + m, lang)} · {n}" for m, n in zip(fields["measure"], fields["category_name"], strict=True)]
    fields["role"] = "other"
    fields["hover"] = [f"{lbl}: {int(v)}" for lbl, v in zip(fields["label"], fields["value"], strict=True)]
    fields = fields.sort_values("value", ascending=False)
    field_column = t("demand.col_measure", lang)
    fields_figure = Panel(
        charts.ranking_bar(fields, label="label", value="value", role="role", hover="hover",
                           title=t("demand.fields_title", lang), axis_title=points_column),
        pd.DataFrame({field_column: fields["label"], points_column: fields["value"]}),
        t("demand.fields_title", lang), ("specialty_adjustments",), "2024", category=field_column, values=(points_column,),
    )  # fmt: skip
    total_2024 = vocational[(vocational["year"] == 2024) & vocational["category_name"].isna()].set_index("measure")["value"]
    summary = t(
        "demand.national_2024",
        lang,
        added=int(total_2024.get("added_points", 0)),
        removed=int(total_2024.get("removed_points", 0)),
        total=int(total_2024.get("total_points", 0)),
    )
    chongqing = rows[rows["region"] == "重庆"]
    cq_table = pd.DataFrame(
        {
            t("col.year", lang): chongqing["year"].astype("string").fillna("—"),
            t("col.level", lang): chongqing["level"],
            t("demand.col_measure", lang): [t(f"demand.{m}", lang) for m in chongqing["measure"]],
            t("demand.col_value", lang): chongqing["value"],
            t("col.confidence", lang): [t(f"confidence.{c}", lang) for c in chongqing["confidence"]],
            t("col.source", lang): chongqing["source_url"],
        }
    )
    return {"totals": totals_figure, "fields": fields_figure, "summary": summary, "chongqing": cq_table}


def crosswalk_table(data: Data, lang: str) -> pd.DataFrame:
    crosswalk = data.table("crosswalk")
    sections = section_names(data, lang)
    categories = category_names(data, lang)
    return pd.DataFrame(
        {
            t("demand.col_section", lang): [f"{s} {sections[s]}" for s in crosswalk["section"]],
            t("demand.col_category", lang): [f"{int(c)} {categories[int(c)]}" for c in crosswalk["category_code"]],
            t("demand.col_weight", lang): crosswalk["weight"],
        }
    )
