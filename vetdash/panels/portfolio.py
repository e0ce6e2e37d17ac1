"""A college's specialty portfolio from MOE's register, for the "my college" lens (linked by 学校标识码)."""

from __future__ import annotations

import pandas as pd

from vetdash import charts, editions
from vetdash.analysis.demand_fit import fit_table, supply_by_category
from vetdash.analysis.supply import demand_shares
from vetdash.i18n import format_percent, t
from vetdash.panels.common import Data, Panel, category_names, filter_codes

SOURCES = ("specialty_points_institution", "specialty_changes_institution", "province_employment_by_section", "crosswalk")


def specialties_since(specialties: pd.DataFrame, year: int) -> pd.DataFrame:
    """One college's specialties in ``year`` (columns major_code, major_name, durations, category_code_2021,
    since): ``since`` is the first year of the unbroken run of years up to ``year`` in which the
    specialty was registered. Runs cannot cross a catalogue change (codes differ), so a run that starts
    in the catalogue's first year means "that year or earlier"."""
    specialties = specialties.assign(major=specialties["major_code"].str[:6])  # 520101K = 520101
    years_of = specialties.groupby("major")["year"].apply(lambda s: sorted(set(int(y) for y in s)))
    now = specialties[specialties["year"] == year]
    rows = []
    for major, group in now.groupby("major", sort=True):
        run = years_of[major]
        since = year
        while since - 1 in run:
            since -= 1
        durations = "/".join(str(int(d)) for d in sorted(group["duration_years"].dropna().unique()))
        first = group.iloc[0]
        rows.append(
            {
                "major_code": group["major_code"].iloc[0],
                "major_name": first["major_name"],
                "durations": durations,
                "category_code_2021": int(first["category_code_2021"]),
                "since": since,
            }
        )
    columns = ["major_code", "major_name", "durations", "category_code_2021", "since"]
    return pd.DataFrame(rows, columns=columns)


def college_portfolio(data: Data, code: str, lang: str) -> dict | None:
    """The college's points by 大类 in its latest register year against its province's demand
    shares, its additions and removals per year and, for Chongqing's colleges, every specialty
    with the year it was first registered. None when the college has no points in the register."""
    points = data.table("specialty_points_institution")
    mine = points[points["code"] == code]
    if mine.empty:
        return None
    listing = data.table("register_institutions")
    name = listing.loc[listing["code"] == code, "name"].iloc[-1]
    year = int(mine["year"].max())
    province = int(mine.loc[mine["year"] == year, "province_adcode"].mode().iloc[0])
    categories = category_names(data, lang)
    now = mine[mine["year"] == year].rename(columns={"category_code": "category_raw", "category_code_2021": "category_code"})
    supply = supply_by_category(now, value="records")
    demand = demand_shares(editions.newest_rows(data.table("province_employment_by_section")), data.table("crosswalk"))
    demand = demand[demand["province_adcode"] == province]
    table = fit_table(supply, demand)
    table = table.merge(supply[["category_code", "supply"]], on="category_code", how="left").fillna({"supply": 0})
    table["label"] = [f"{c} {categories[int(c)]}" for c in table["category_code"]]
    top = table.sort_values("supply_share", ascending=False).iloc[0]
    place = data.province_names(lang)[province]
    title = t(
        "portfolio.title", lang, name=name, year=year, points=int(supply["supply"].sum()), n=int((table["supply"] > 0).sum()),
        top=categories[int(top["category_code"])], share=format_percent(float(top["supply_share"]), lang),
    )  # fmt: skip
    category_column = t("demand.col_category", lang)
    college_column, demand_column = t("portfolio.college", lang), f"{place} · {t('demand.demand', lang)}"
    codes = filter_codes(college=code)
    shares = Panel(
        charts.paired_bars(
            table, label="label", first="supply_share", second="demand_share", names=(college_column, demand_column),
            highlight=None, title=title, axis_title=t("demand.share_axis", lang),
        ),
        pd.DataFrame({category_column: table["label"], college_column: table["supply_share"], demand_column: table["demand_share"]}),
        title, (SOURCES[0], *SOURCES[2:]), str(year), codes, category=category_column, values=(college_column, demand_column),
        number_format="0.0%",
    )  # fmt: skip
    changes = data.table("specialty_changes_institution")
    counted = sorted(int(y) for y in changes["year"].unique())  # years with 新增/撤销 (not a catalogue's first)
    active = [y for y in counted if int(mine["year"].min()) < y <= year]
    changes = changes[changes["code"] == code].groupby("year")[["added", "removed"]].sum()
    changes = changes.reindex(active, fill_value=0).rename_axis("year").reset_index()
    added_word, removed_word = t("adjust.added", lang), t("adjust.removed", lang)
    long = changes.melt(id_vars="year", value_vars=["added", "removed"], var_name="kind", value_name="n")
    long["label"] = long["year"].astype(str)
    long["series"] = long["kind"].map({"added": added_word, "removed": removed_word})
    long["hover"] = [f"{y} · {s}: {n}" for y, s, n in zip(long["label"], long["series"], long["n"], strict=True)]
    changes_figure = None
    if not long.empty:
        changes_title = t("portfolio.changes_title", lang, name=name)
        year_column, kind_column, count_column = t("col.year", lang), t("adjust.kind", lang), t("adjust.points_axis", lang)
        changes_figure = Panel(
            charts.grouped_bars(
                long, category="label", series="series", value="n", hover="hover", tick_format=",", title=changes_title,
                axis_title=count_column,
            ),
            pd.DataFrame({year_column: long["label"], kind_column: long["series"], count_column: long["n"]}),
            changes_title, SOURCES[1:2], None, codes, category=year_column, values=(count_column,), series=kind_column,
        )  # fmt: skip
    listed = None
    specialties = data.table("cq_specialties")
    specialties = specialties[specialties["code"] == code]
    if not specialties.empty:
        since = specialties_since(specialties, year)
        listed = pd.DataFrame(
            {
                t("portfolio.col_major_code", lang): since["major_code"],
                t("portfolio.col_major", lang): since["major_name"],
                t("portfolio.col_category", lang): [f"{c} {categories[c]}" for c in since["category_code_2021"]],
                t("portfolio.col_duration", lang): since["durations"],
                t("portfolio.col_since", lang): since["since"],
            }
        )
    return {
        "name": name,
        "year": year,
        "shares": shares,
        "changes": changes_figure,
        "specialties": listed,
        "list_head": t("portfolio.list_head", lang, year=year),
        "sources": list(SOURCES),
    }
