"""Supply-side tables for demand fit: one region and year of specialty points, F by region."""

from __future__ import annotations

from typing import cast

import pandas as pd

from vetdash.analysis.demand_fit import demand_by_category, fit_index, fit_table, supply_by_category


def employment_of(employment: pd.DataFrame, province: int) -> pd.DataFrame:
    """One province's employment by section.

    Args: ``employment`` province_employment_by_section rows (province_adcode, section, employed_10k in 万人),
        filtered to one year by the caller; ``province`` an adcode such as 500000.
    Returns: columns section, employed_10k; empty when the province has no rows.
    """
    return employment[employment["province_adcode"] == province][["section", "employed_10k"]]


def region_fit(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, province: int, year: int) -> pd.DataFrame:
    """Per category for one region and year: supply and demand shares, gap, ratio and band.

    Args:
        points: province_adcode, year, category_code, points (专业点 count), e.g. ``register_points``.
        employment: province_adcode, section, employed_10k (万人) of one year (NBS, official).
        crosswalk: section, category_code, weight (the derived ``crosswalk`` dataset).
    Returns: ``demand_fit.fit_table`` columns: category_code, supply_share, demand_share, gap, ratio, band.
    """
    supply = supply_by_category(points[(points["province_adcode"] == province) & (points["year"] == year)])
    demand = demand_by_category(employment_of(employment, province), crosswalk)
    return fit_table(supply, demand)


def fit_by_region(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, year: int) -> pd.DataFrame:
    """F for every region that has supply data in ``year``.

    Args: as ``region_fit``. Returns: columns province_adcode, fit (F ∈ [0, 1]); one row per region
    with points in ``year`` (a region without employment rows gets the fit of an empty demand side).
    """
    rows = []
    for key, region_points in points[points["year"] == year].groupby("province_adcode"):
        province = int(cast(int, key))  # group keys of an integer column
        supply = supply_by_category(region_points).set_index("category_code")["supply_share"]
        demand = demand_by_category(employment_of(employment, province), crosswalk).set_index("category_code")["demand_share"]
        rows.append({"province_adcode": province, "fit": fit_index(supply, demand)})
    return pd.DataFrame(rows, columns=["province_adcode", "fit"])


# ---- supply from MOE's specialty register -----------------------------------------------------

COUNTS = ("records", "pairs")


# Indicator columns of one 专业大类's share of a province's points: sector_share_46 etc.
SECTOR_SHARE_PREFIX = "sector_share_"


def register_points(points: pd.DataFrame, scope: str, count: str = "records") -> pd.DataFrame:
    """Specialty points per province, year and 2021 大类, in one scope and count.

    Args:
        points: the ``specialty_points_province`` dataset (MOE register, official): province_adcode,
            year, scope, category_code_2021, records, pairs.
        scope: 'all' or 'zhuanke' (see ``analysis.register.SCOPES``).
        count: 'records' (MOE's own count) or 'pairs' (distinct school–specialty pairs).
    Returns: province_adcode, year, category_code (2021 大类; 2016–2020 by their 2021 equivalent),
        points (int64, 专业点 in the chosen count).
    Raises: ValueError for a count not in ``COUNTS``.
    """
    if count not in COUNTS:
        raise ValueError(f"unknown count {count!r}; expected one of {COUNTS}")
    scoped = points[points["scope"] == scope]
    out = scoped.groupby(["province_adcode", "year", "category_code_2021"])[count].sum().reset_index()
    return out.rename(columns={"category_code_2021": "category_code", count: "points"}).astype({"points": "int64"})


def demand_shares(employment: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Employment by province and section → province_adcode, category_code, demand_share (within the province).

    Args: ``employment`` province_adcode, section, employed_10k (万人; NBS, official), one year;
    ``crosswalk`` section, category_code, weight (derived). Sections absent from the crosswalk drop out.
    Returns: columns province_adcode, category_code, demand_share (fraction; sums to 1 per province).
    """
    joined = employment[["province_adcode", "section", "employed_10k"]].merge(crosswalk, on="section")
    joined["demand"] = joined["employed_10k"].astype(float) * joined["weight"].astype(float)
    demand = joined.groupby(["province_adcode", "category_code"])["demand"].sum().reset_index()
    demand["demand_share"] = demand["demand"] / demand.groupby("province_adcode")["demand"].transform("sum")
    return demand[["province_adcode", "category_code", "demand_share"]]


def fit_all(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every region with supply in ``year`` × category: supply_share, demand_share, gap (s − d).

    Args: ``points`` province_adcode, year, category_code, points (as ``register_points`` returns);
    ``employment`` and ``crosswalk`` as ``demand_shares``.
    Returns: columns province_adcode, category_code, points, supply_share, demand_share, gap (fractions),
    sorted by province and category. A category missing on one side counts as 0 there.
    """
    supply = points[points["year"] == year].groupby(["province_adcode", "category_code"], as_index=False)["points"].sum()
    supply["supply_share"] = supply["points"] / supply.groupby("province_adcode")["points"].transform("sum")
    demand = demand_shares(employment, crosswalk)
    demand = demand[demand["province_adcode"].isin(supply["province_adcode"])]
    table = supply[["province_adcode", "category_code", "supply_share"]].merge(
        demand, on=["province_adcode", "category_code"], how="outer"
    )
    table[["supply_share", "demand_share"]] = table[["supply_share", "demand_share"]].fillna(0.0)
    table["gap"] = table["supply_share"] - table["demand_share"]
    return table.sort_values(["province_adcode", "category_code"]).reset_index(drop=True)


def fit_ranks(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, year: int) -> pd.DataFrame:
    """Fit index and its rank per region in ``year``.

    Args: as ``fit_all``.
    Returns: columns province_adcode, fit (F = 1 − ½ Σ|s − d| ∈ [0, 1]), rank (1 = best fit; ties
    share the better rank).
    """
    from vetdash.analysis.ranking import competition_rank

    table = fit_all(points, employment, crosswalk, year)
    fits = (1 - 0.5 * table.groupby("province_adcode")["gap"].apply(lambda g: g.abs().sum())).rename("fit").reset_index()
    fits["rank"] = competition_rank(fits["fit"])
    return fits


def fit_series(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """F and its rank per region for each year (one demand year against every supply year).

    Args: as ``fit_all`` with ``years`` the supply years. Returns: columns year, province_adcode,
    fit, rank. Raises ValueError (from pandas) when ``years`` is empty.
    """
    frames = [fit_ranks(points, employment, crosswalk, year).assign(year=year) for year in years]
    return pd.concat(frames, ignore_index=True)[["year", "province_adcode", "fit", "rank"]]


def register_adjustments(points: pd.DataFrame, changes: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Pairs with their 新增/撤销 per province, year and 2021 大类, for ``adjustment_effect``.

    Args: ``points`` the ``specialty_points_province`` dataset; ``changes`` the
    ``specialty_changes_province`` dataset (scope, province_adcode, year, category_code_2021, added,
    removed); ``scope`` 'all' or 'zhuanke'. Both from MOE's register (official).
    Returns: province_adcode, year, category_code, points (pairs), added, removed (int64 counts).
    Only years with counted changes (the first year of a catalogue has none).
    """
    pairs = register_points(points, scope, "pairs")
    scoped = changes[changes["scope"] == scope]
    counted = scoped.groupby(["province_adcode", "year", "category_code_2021"], as_index=False)[["added", "removed"]].sum()
    counted = counted.rename(columns={"category_code_2021": "category_code"})
    years = set(counted["year"])
    out = pairs[pairs["year"].isin(years)].merge(counted, on=["province_adcode", "year", "category_code"], how="outer")
    out[["points", "added", "removed"]] = out[["points", "added", "removed"]].fillna(0).astype("int64")
    return out.sort_values(["province_adcode", "year", "category_code"]).reset_index(drop=True)


def register_indicators(
    points: pd.DataFrame, students: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, year: int
) -> pd.DataFrame:
    """Province indicators of the register in ``year`` (MOE scope, records).

    Args: ``points`` ``specialty_points_province`` (MOE specialty register, official); ``students``
    ``province_students`` (vocational_enrollment, persons; the latest published year is used whatever
    ``year`` is); ``employment`` and ``crosswalk`` as ``demand_shares``.
    Returns: province_adcode, specialty_points (int), points_per_10k_students (points ÷ enrolment in
    10,000s; NaN when enrolment is missing), fit_index (F), and ``sector_share_<code>`` for every 2021
    专业大类 code in the year (the 大类's share of the province's points, a fraction; 0 where the
    province has none in it).
    """
    supply = register_points(points, "all")
    supply = supply[supply["year"] == year]
    out = supply.groupby("province_adcode")["points"].sum().reset_index(name="specialty_points")
    by_sector = supply.pivot_table(index="province_adcode", columns="category_code", values="points", aggfunc="sum", fill_value=0)
    shares = by_sector.div(by_sector.sum(axis=1), axis=0).add_prefix(SECTOR_SHARE_PREFIX).reset_index()
    shares.columns.name = None
    enrolment = students.sort_values("year").groupby("province_adcode")["vocational_enrollment"].last()
    out["points_per_10k_students"] = out["specialty_points"] / (out["province_adcode"].map(enrolment).astype(float) / 10_000)
    fits = fit_ranks(supply, employment, crosswalk, year).set_index("province_adcode")["fit"]
    out["fit_index"] = out["province_adcode"].map(fits)
    return out.merge(shares, on="province_adcode", how="left")


def points_by_district(
    institution_points: pd.DataFrame, colleges: pd.DataFrame, districts: pd.DataFrame, year: int
) -> pd.DataFrame:
    """Specialty points (records) of Chongqing colleges summed by the district of their main campus.

    Args: ``institution_points`` ``specialty_points_institution`` (code, year, records; MOE register);
    ``colleges`` code, district_adcode (the ``cq_colleges`` list); ``districts`` adcode
    (``cq_districts``); ``year`` the register year.
    Returns: every ``districts.adcode`` with points (int64 records) and colleges (int64, how many
    colleges with points sit there). Colleges without a district are left out.
    """
    year_points = institution_points[institution_points["year"] == year].groupby("code")["records"].sum()
    placed = colleges.dropna(subset=["district_adcode"])
    placed = placed.assign(points=placed["code"].map(year_points)).dropna(subset=["points"])
    by_district = placed.groupby("district_adcode").agg(points=("points", "sum"), colleges=("code", "size"))
    out = districts[["adcode"]].copy()
    out["points"] = out["adcode"].map(by_district["points"]).fillna(0).astype("int64")
    out["colleges"] = out["adcode"].map(by_district["colleges"]).fillna(0).astype("int64")
    return out
