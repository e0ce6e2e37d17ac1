"""Supply-side tables for demand fit: one region and year of specialty points, F by region."""

from __future__ import annotations

from typing import cast

import pandas as pd

from vetdash.analysis.demand_fit import demand_by_category, fit_index, fit_table, supply_by_category


def employment_of(employment: pd.DataFrame, province: int) -> pd.DataFrame:
    return employment[employment["province_adcode"] == province][["section", "employed_10k"]]


def region_fit(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, province: int, year: int) -> pd.DataFrame:
    """Per category for one region and year: supply and demand shares, gap, ratio and band."""
    supply = supply_by_category(points[(points["province_adcode"] == province) & (points["year"] == year)])
    demand = demand_by_category(employment_of(employment, province), crosswalk)
    return fit_table(supply, demand)


def fit_by_region(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame, year: int) -> pd.DataFrame:
    """F for every region that has supply data in ``year``."""
    rows = []
    for key, region_points in points[points["year"] == year].groupby("province_adcode"):
        province = int(cast(int, key))  # group keys of an integer column
        supply = supply_by_category(region_points).set_index("category_code")["supply_share"]
        demand = demand_by_category(employment_of(employment, province), crosswalk).set_index("category_code")["demand_share"]
        rows.append({"province_adcode": province, "fit": fit_index(supply, demand)})
    return pd.DataFrame(rows, columns=["province_adcode", "fit"])
