"""Demand fit page: industry structure, supply against demand, specialty-point adjustments, the crosswalk."""

from __future__ import annotations

import pandas as pd

from vetdash import charts, editions
from vetdash.analysis.demand_fit import adjustment_effect
from vetdash.analysis.industry import location_quotients, value_added_long
from vetdash.analysis.supply import (
    employment_of,
    fit_all,
    fit_ranks,
    fit_series,
    region_fit,
    register_adjustments,
    register_points,
)
from vetdash.i18n import format_percent, t
from vetdash.metrics import FOCUS, employment_limit
from vetdash.panels.common import Data, Panel, category_names, excel_format, filter_codes
from vetdash.panels.rankings import role_legend
from vetdash.text import plot_literal

PILLAR_MIN_SHARE = 0.05  # a pillar: above the national share (LQ > 1) and at least 5% of jobs


def section_names(data: Data, lang: str) -> dict[str, str]:
    """GB/T 4754 section letter (A–T) → section name in ``lang``, from ``industry_sections``."""
    sections = data.table("industry_sections")
    return dict(zip(sections["code"], sections[f"name_{lang}"], strict=True))


def industry_structure(data: Data, year: int, lang: str) -> dict:
    """Chongqing's employment mix against the national total (``shares``), location quotients by
    section (``lq``) and by industry of value added (``va``), each a panel; ``pillars`` in words."""
    names = section_names(data, lang)
    place = data.province_names(lang)[FOCUS]
    # employment by section is read one year at a time (metrics.employment_limit)
    limit = employment_limit(year, editions.years(data.table("province_gdp")))
    employment = editions.newest_rows(data.table("province_employment_by_section"), limit)
    employment_year = str(int(employment["year"].max()))
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
        f"{plot_literal(s)} · {plot_literal(lbl)}: {plot_literal(format_percent(v, lang))}"
        for s, lbl, v in zip(shares_long["series"], shares_long["label"], shares_long["share"], strict=True)
    ]
    shares_title = t("demand.shares_title_year", lang, place=place, year=employment_year)
    shares_figure = charts.grouped_bars(
        shares_long, category="label", series="series", value="share", hover="hover",
        title=shares_title, axis_title=t("demand.share_axis", lang),
    )  # fmt: skip
    section_column, national = t("demand.col_section", lang), t("demand.national", lang)
    employment_sources = ("province_employment_by_section", "industry_sections")
    shares = Panel(
        shares_figure, pd.DataFrame({section_column: mine["label"], place: mine["share"], national: mine["national_share"]}),
        shares_title, employment_sources, employment_year, category=section_column, values=(place, national), number_format="0.0%",
    )  # fmt: skip
    mine["hover"] = [
        f"{plot_literal(lbl)}<br>LQ {v:.2f}" for lbl, v in zip(mine["label"], mine["location_quotient"], strict=True)
    ]
    lq_title = t("demand.lq_title", lang, place=place)
    lq_figure = charts.diverging_bar(
        mine, label="label", value="location_quotient", midpoint=1.0, hover="hover",
        title=lq_title, axis_title=t("demand.lq_axis", lang),
    )  # fmt: skip
    lq_column = t("demand.lq_axis", lang)
    by_lq = mine.sort_values("location_quotient", ascending=False)
    lq_panel = Panel(
        lq_figure, pd.DataFrame({section_column: by_lq["label"], lq_column: by_lq["location_quotient"]}),
        lq_title, employment_sources, employment_year, category=section_column, values=(lq_column,), number_format="0.00",
    )  # fmt: skip
    value_added = location_quotients(
        value_added_long(data.table("province_gdp"), year), group="province_adcode", item="industry", value="value_added"
    )
    va_mine = value_added[value_added["province_adcode"] == FOCUS].copy()
    va_mine["label"] = [t(f"va.{i}", lang) for i in va_mine["industry"]]
    va_mine["hover"] = [
        f"{plot_literal(lbl)}<br>LQ {v:.2f} · {plot_literal(format_percent(s, lang))}"
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
    return {"shares": shares, "lq": lq_panel, "va": va_panel, "pillars": pillar_text, "employment_year": employment_year}


REGISTER_SOURCES = ("specialty_points_province", "province_employment_by_section", "crosswalk")
CHANGE_SOURCES = ("specialty_changes_province", "specialty_points_province", "province_employment_by_section", "crosswalk")
FIT_YEARS = (2021, 2022, 2023, 2024, 2025)  # one catalogue: F over years compares like with like
TOP_COLLEGES = 10


def supply_years(data: Data) -> list[int]:
    """Years of the register (``specialty_points_province``), ascending."""
    years = sorted(int(y) for y in data.table("specialty_points_province")["year"].unique())
    return years


def default_supply_year(data: Data) -> int:
    """The latest register year not after the latest year with employment by section (the demand side).

    Raises ValueError when every register year is later than the employment data.
    """
    demand_years = set(int(y) for y in data.table("province_employment_by_section")["year"])
    return max(y for y in supply_years(data) if y <= max(demand_years))


def standing(rank: int, of: int) -> str:
    """Where a rank sits among ``of``: top third, middle third or bottom third."""
    if rank <= of / 3:
        return "top"
    return "bottom" if rank > 2 * of / 3 else "middle"


def register_supply(data: Data, scope: str) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """(points by province, year and 2021 大类; their sources): the register in ``scope``, or an
    administrator's imported specialty-points table, which takes its place while it is current."""
    imported = data.optional_table("specialty_points")
    if imported is not None:
        return imported[["province_adcode", "year", "category_code", "points"]], ("specialty_points", *REGISTER_SOURCES[1:])
    return register_points(data.table("specialty_points_province"), scope), REGISTER_SOURCES


def supply_demand_view(data: Data, year: int, scope: str, category: int | None, lang: str) -> dict:
    """Supply (the register's points) against demand (employment through the crosswalk) for
    Chongqing: shares, gaps, bands, F and its rank among the 31, F over 2021–2025; with a
    category chosen, that category's supply and demand shares across provinces."""
    points, sources = register_supply(data, scope)
    years = set(int(y) for y in points["year"])
    year = year if year in years else max(years)  # a year outside the data: its latest
    employment = editions.newest_rows(data.table("province_employment_by_section"))  # one demand year: the newest
    crosswalk = data.table("crosswalk")
    demand_year = int(employment["year"].max())
    categories = category_names(data, lang)
    names = data.province_names(lang)
    place = names[FOCUS]
    table = region_fit(points, employment, crosswalk, FOCUS, year)
    table["label"] = [f"{c} {categories[int(c)]}" for c in table["category_code"]]
    highlight = next((lbl for c, lbl in zip(table["category_code"], table["label"], strict=True) if c == category), None)
    fits = fit_ranks(points, employment, crosswalk, year)
    mine = fits[fits["province_adcode"] == FOCUS].iloc[0]
    scope_label = t(f"supply.scope.{scope}", lang)
    under = table[table["band"] == "under"].sort_values("gap").head(2)
    over = table[table["band"] == "over"].sort_values("gap", ascending=False).head(2)
    codes = filter_codes(syear=year, supply=scope, sector=category)
    shown_year = str(year)
    focus = (highlight,) if highlight else ()
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
        paired_title, sources, shown_year, codes, category=category_column, values=(supply_column, demand_column),
        number_format="0.0%", focus=focus,
    )  # fmt: skip
    table["hover"] = [
        f"{plot_literal(lbl)}<br>{t('demand.gap', lang)} {g * 100:+.1f} pp"
        for lbl, g in zip(table["label"], table["gap"], strict=True)
    ]
    joiner = "、" if lang == "zh" else ", "
    gap_title = t(
        "demand.gap_finding", lang,
        over=joiner.join(categories[int(c)] for c in over["category_code"]),
        under=joiner.join(categories[int(c)] for c in under["category_code"]),
    )  # fmt: skip
    gap_column = t("demand.gap_axis", lang)
    by_gap = table.sort_values("gap", ascending=False)
    gap = Panel(
        charts.diverging_bar(
            table, label="label", value="gap", midpoint=0.0, hover="hover", title=gap_title, axis_title=gap_column,
            tick_format="+.1%",
        ),
        pd.DataFrame({category_column: by_gap["label"], gap_column: by_gap["gap"]}),
        gap_title, sources, shown_year, codes, category=category_column, values=(gap_column,),
        number_format=excel_format("+.1%"), focus=focus,
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
    series = fit_series(points, employment, crosswalk, [y for y in FIT_YEARS if y in set(points["year"])])
    cq_series = series[series["province_adcode"] == FOCUS].copy()
    cq_series["hover"] = [
        f"{y}: F {f:.3f} · {t('demand.fit_rank', lang, rank=int(r), of=len(fits))}"
        for y, f, r in zip(cq_series["year"], cq_series["fit"], cq_series["rank"], strict=True)
    ]
    first, last = cq_series.iloc[0], cq_series.iloc[-1]
    series_title = t(
        "demand.fit_series_title", lang, place=place, first=int(first["year"]), last=int(last["year"]),
        f1=f"{first['fit']:.3f}", f2=f"{last['fit']:.3f}", r1=int(first["rank"]), r2=int(last["rank"]), demand_year=demand_year,
    )  # fmt: skip
    year_column = t("col.year", lang)
    series_figure = Panel(
        charts.series_bars(cq_series, x="year", value="fit", hover="hover", tick_format=".3f", axis_title="F", title=series_title),
        pd.DataFrame({year_column: cq_series["year"].astype(str), "F": cq_series["fit"]}),
        series_title, sources, f"{int(first['year'])}–{int(last['year'])}", filter_codes(supply=scope),
        category=year_column, values=("F",), number_format="0.000",
    )  # fmt: skip
    sector = None
    if category is not None:
        across = fit_all(points, employment, crosswalk, year)
        across = across[across["category_code"] == category].copy()
        across["label"] = [names[int(p)] for p in across["province_adcode"]]
        across = across.sort_values("gap", ascending=False)
        cq_gap = float(across.loc[across["province_adcode"] == FOCUS, "gap"].iloc[0])
        sector_title = t(
            "demand.sector_title", lang, category=f"{category} {categories[category]}", year=year, place=place,
            gap=f"{cq_gap * 100:+.1f}",
        )  # fmt: skip
        province_column = t("col.province", lang)
        sector = Panel(
            charts.paired_bars(
                across, label="label", first="supply_share", second="demand_share", names=(supply_column, demand_column),
                highlight=place, title=sector_title, axis_title=t("demand.share_axis", lang), tick_format=".1%",
            ),
            pd.DataFrame({province_column: across["label"], supply_column: across["supply_share"], demand_column: across["demand_share"]}),
            sector_title, sources, shown_year, codes, category=province_column, values=(supply_column, demand_column),
            number_format="0.0%", focus=(place,),
        )  # fmt: skip
    paper_check = t(
        "demand.paper_check", lang, year=year, scope=scope_label, fit=f"{mine['fit']:.2f}", rank=int(mine["rank"]), of=len(fits),
        standing=t(f"demand.standing.{standing(int(mine['rank']), len(fits))}", lang),
        over=categories[int(over["category_code"].iloc[0])] if len(over) else "—",
        over_gap=f"{over['gap'].iloc[0] * 100:+.1f}" if len(over) else "—",
        under=categories[int(under["category_code"].iloc[0])] if len(under) else "—",
        under_gap=f"{under['gap'].iloc[0] * 100:+.1f}" if len(under) else "—",
        first=int(first["year"]), last=int(last["year"]), f1=f"{first['fit']:.3f}", f2=f"{last['fit']:.3f}",
        trend=t("demand.trend.down" if last["fit"] < first["fit"] else "demand.trend.up", lang),
    )  # fmt: skip
    return {
        "paper_check": paper_check,
        "paired": paired,
        "gap": gap,
        "bands": bands,
        "fit": float(mine["fit"]),
        "rank": int(mine["rank"]),
        "of": len(fits),
        "series": series_figure,
        "sector": sector,
        "table": table,
        "year": year,
        "demand_year": demand_year,
        "scope_note": t("supply.scope_note", lang, scope=scope_label, year=year, demand_year=demand_year),
        "sources": list(sources),
    }


def _college_names(data: Data) -> dict[tuple[str, int], str]:
    listing = data.table("register_institutions")
    return dict(zip(zip(listing["code"], listing["province_adcode"], strict=True), listing["name"], strict=True))


def adjustments_view(data: Data, year: int, scope: str, peers: tuple[int, ...], lang: str) -> dict:
    """新增/撤销 from the register: Chongqing by 大类 in ``year`` beside the comparison provinces,
    Chongqing 2017–2025 (the 2021 catalogue change marked, not counted), ΔF of each year's
    changes, and the colleges that added or removed most."""
    changes = data.table("specialty_changes_province")
    changes = changes[changes["scope"] == scope]
    points = data.table("specialty_points_province")
    counted_years = sorted(int(y) for y in changes["year"].unique())
    # a year without counted changes (a catalogue change, or before the register) shows the latest, and says so
    year_note = None if year in counted_years else t("adjust.year_not_counted", lang, asked=year, shown=counted_years[-1])
    year = year if year in counted_years else counted_years[-1]
    categories = category_names(data, lang)
    names = data.province_names(lang)
    place = names[FOCUS]
    added_word, removed_word = t("adjust.added", lang), t("adjust.removed", lang)

    # Chongqing in the year, by 2021 大类
    in_year = changes[changes["year"] == year]
    cq = (
        in_year[in_year["province_adcode"] == FOCUS]
        .groupby("category_code_2021", as_index=False)[["added", "removed", "net"]]
        .sum()
    )
    cq["label"] = [f"{c} {categories[int(c)]}" for c in cq["category_code_2021"]]
    long = cq.melt(id_vars=["label", "net"], value_vars=["added", "removed"], var_name="kind", value_name="n")
    long["series"] = long["kind"].map({"added": added_word, "removed": removed_word})
    long["hover"] = [f"{lbl} · {s}: {n}" for lbl, s, n in zip(long["label"], long["series"], long["n"], strict=True)]
    top_added = cq.sort_values("added", ascending=False).iloc[0] if not cq.empty else None
    codes = filter_codes(syear=year, supply=scope)
    shown_year = str(year)
    category_column, kind_column, count_column = (
        t("demand.col_category", lang),
        t("adjust.kind", lang),
        t("adjust.points_axis", lang),
    )
    by_category_title = t(
        "adjust.by_category_title", lang, place=place, year=year, added=int(cq["added"].sum()), removed=int(cq["removed"].sum()),
        net=f"{int(cq['net'].sum()):+d}", top=categories[int(top_added["category_code_2021"])] if top_added is not None else "—",
        top_n=int(top_added["added"]) if top_added is not None else 0,
    )  # fmt: skip
    by_category = Panel(
        charts.grouped_bars(
            long, category="label", series="series", value="n", hover="hover", tick_format=",", title=by_category_title,
            axis_title=count_column,
        ),
        pd.DataFrame({category_column: long["label"], kind_column: long["series"], count_column: long["n"]}),
        by_category_title, CHANGE_SOURCES[:1], shown_year, codes, category=category_column, values=(count_column,),
        series=kind_column,
    )  # fmt: skip

    # Chongqing beside the comparison provinces: net change as a share of last year's pairs
    totals = in_year.groupby("province_adcode", as_index=False)[["added", "removed", "net"]].sum()
    base = points[(points["scope"] == scope) & (points["year"] == year - 1)].groupby("province_adcode")["pairs"].sum()
    totals["rate"] = totals["net"] / totals["province_adcode"].map(base)
    shown = totals[totals["province_adcode"].isin({FOCUS, *peers})].sort_values("rate", ascending=False).copy()
    shown["label"] = [names[int(p)] for p in shown["province_adcode"]]
    shown["role"] = ["focus" if p == FOCUS else "peer" for p in shown["province_adcode"]]
    shown["hover"] = [
        f"{lbl}: +{a} / −{r} ({n:+d}, {v:+.1%})"
        for lbl, a, r, n, v in zip(shown["label"], shown["added"], shown["removed"], shown["net"], shown["rate"], strict=True)
    ]
    all_rank = int((totals["rate"] > float(totals.loc[totals["province_adcode"] == FOCUS, "rate"].iloc[0])).sum()) + 1
    peers_title = t("adjust.peers_title", lang, place=place, year=year, rank=all_rank, of=len(totals))
    province_column, rate_column = t("col.province", lang), t("adjust.rate_axis", lang)
    peers_figure = Panel(
        charts.ranking_bar(
            shown, label="label", value="rate", role="role", hover="hover", tick_format="+.1%", title=peers_title,
            axis_title=rate_column, legend=role_legend(lang),
        ),
        pd.DataFrame({province_column: shown["label"], rate_column: shown["rate"]}),
        peers_title, CHANGE_SOURCES[:2], shown_year, filter_codes(syear=year, supply=scope, peers=peers),
        category=province_column, values=(rate_column,), number_format=excel_format("+.1%"), focus=(place,),
    )  # fmt: skip
    peer_table = in_year[in_year["province_adcode"].isin({FOCUS, *peers})].pivot_table(
        index="category_code_2021", columns="province_adcode", values="net", aggfunc="sum", fill_value=0
    )
    peer_table = peer_table[[p for p in (FOCUS, *peers) if p in peer_table.columns]]
    peer_table.index = [f"{c} {categories[int(c)]}" for c in peer_table.index]
    peer_table.columns = [names[int(p)] for p in peer_table.columns]
    peer_table = peer_table.reset_index(names=t("demand.col_category", lang))

    # Chongqing over the years, the catalogue change marked
    cq_years = changes[changes["province_adcode"] == FOCUS].groupby("year", as_index=False)[["added", "removed", "net"]].sum()
    first_year, last_year = min(counted_years), max(counted_years)
    rows = []
    for y in range(first_year, last_year + 1):
        label = str(y) if y in counted_years else t("adjust.break_label", lang, year=y)
        row = cq_years[cq_years["year"] == y]
        for kind, word in (("added", added_word), ("removed", removed_word)):
            n = int(row[kind].iloc[0]) if not row.empty else 0
            rows.append({"label": label, "series": word, "n": n, "hover": f"{label} · {word}: {n}"})
    years_title = t(
        "adjust.years_title", lang, place=place, first=first_year, last=last_year,
        added=int(cq_years["added"].sum()), removed=int(cq_years["removed"].sum()),
    )  # fmt: skip
    by_year = pd.DataFrame(rows)
    year_column = t("col.year", lang)
    over_years = Panel(
        charts.grouped_bars(
            by_year, category="label", series="series", value="n", hover="hover", tick_format=",", title=years_title,
            axis_title=count_column,
        ),
        pd.DataFrame({year_column: by_year["label"], kind_column: by_year["series"], count_column: by_year["n"]}),
        years_title, CHANGE_SOURCES[:1], f"{first_year}–{last_year}", filter_codes(supply=scope), category=year_column,
        values=(count_column,), series=kind_column,
    )  # fmt: skip

    # ΔF of each year's changes (pairs before = pairs − added + removed; one demand year)
    employment = editions.newest_rows(data.table("province_employment_by_section"))
    crosswalk = data.table("crosswalk")
    regional = register_adjustments(points, data.table("specialty_changes_province"), scope)
    effect = adjustment_effect(regional[regional["province_adcode"] == FOCUS], employment_of(employment, FOCUS), crosswalk)
    effect["label"] = effect["year"].astype(str)
    effect["hover"] = [
        f"{y}: +{a} / −{r}<br>F {b:.4f} → {f:.4f} (ΔF {c:+.4f})"
        for y, a, r, b, f, c in zip(
            effect["year"],
            effect["added"],
            effect["removed"],
            effect["fit_before"],
            effect["fit_after"],
            effect["fit_change"],
            strict=True,
        )
    ]
    ups = int((effect["fit_change"] > 0).sum())
    effect_title = t("adjust.effect_title", lang, place=place, up=ups, n=len(effect), demand_year=int(employment["year"].max()))
    effect_figure = Panel(
        charts.series_bars(
            effect, x="label", value="fit_change", hover="hover", tick_format="+.4f", axis_title="ΔF", title=effect_title
        ),
        pd.DataFrame({year_column: effect["label"], "ΔF": effect["fit_change"]}),
        effect_title, CHANGE_SOURCES, f"{first_year}–{last_year}", filter_codes(supply=scope), category=year_column,
        values=("ΔF",), number_format=excel_format("+.4f"),
    )  # fmt: skip

    # the colleges that added or removed most in the year
    by_college = data.table("specialty_changes_institution")
    by_college = by_college[(by_college["year"] == year) & (by_college["province_adcode"] == FOCUS)]
    by_college = by_college.groupby(["code", "province_adcode"], as_index=False)[["added", "removed", "net"]].sum()
    college_names = _college_names(data)
    by_college["college"] = [
        college_names[(c, int(p))] for c, p in zip(by_college["code"], by_college["province_adcode"], strict=True)
    ]
    by_college["moved"] = by_college["added"] + by_college["removed"]
    top = by_college.sort_values(["moved", "added", "code"], ascending=[False, False, True]).head(TOP_COLLEGES)
    colleges = pd.DataFrame(
        {
            t("col.name", lang): top["college"],
            t("col.code", lang): top["code"],
            added_word: top["added"],
            removed_word: top["removed"],
            t("adjust.net", lang): top["net"],
        }
    )
    lead = top.iloc[0] if not top.empty else None
    colleges_title = (
        t(
            "adjust.colleges_title",
            lang,
            place=place,
            year=year,
            name=lead["college"],
            added=int(lead["added"]),
            removed=int(lead["removed"]),
        )
        if lead is not None
        else ""
    )
    return {
        "year": year,
        "years": counted_years,
        "by_category": by_category,
        "peers": peers_figure,
        "peer_table": peer_table,
        "over_years": over_years,
        "effect": effect_figure,
        "colleges": colleges,
        "colleges_title": colleges_title,
        "break_note": t("adjust.break_note", lang),
        "year_note": year_note,
        "sources": list(CHANGE_SOURCES),
    }


def news_adjustments(data: Data, lang: str) -> pd.DataFrame:
    """Chongqing's specialty figures found in news and notices, each with its source page.

    Returns: one row per ``specialty_adjustments`` row for 重庆 (compiled), display columns in ``lang``:
    year ("—" when undated), level, measure, value (as published: a count or a share), confidence, source URL.
    """
    rows = data.table("specialty_adjustments")
    chongqing = rows[rows["region"] == "重庆"]
    return pd.DataFrame(
        {
            t("col.year", lang): chongqing["year"].astype("string").fillna("—"),
            t("col.level", lang): chongqing["level"],
            t("demand.col_measure", lang): [t(f"demand.{m}", lang) for m in chongqing["measure"]],
            t("demand.col_value", lang): chongqing["value"],
            t("col.confidence", lang): [t(f"confidence.{c}", lang) for c in chongqing["confidence"]],
            t("col.source", lang): chongqing["source_url"],
        }
    )


def crosswalk_table(data: Data, lang: str) -> pd.DataFrame:
    """The section → 大类 crosswalk (derived, the project's rule) for display.

    Returns: columns section ("C 制造业"), category ("46 装备制造大类"), weight (the share of the
    section's employment given to that category; each section's weights sum to 1), headers in ``lang``.
    Raises KeyError when the crosswalk names a section or category missing from the reference tables.
    """
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
