"""Demand fit: do the specialties colleges offer match what the regional economy employs?

Supply share s_k: category k's share of specialty points (or enrolment).
Demand share d_k: employment by GB/T 4754 section spread over categories by the crosswalk
weights, as a share of the total. Fit index F = 1 − ½ Σ_k |s_k − d_k| ∈ [0, 1]; F = 1 when the
two distributions are identical. Per category, r_k = s_k / d_k puts it in a band.
"""

from __future__ import annotations

import math
from typing import cast

import pandas as pd

UNDER_SUPPLIED_BELOW = 0.8
OVER_SUPPLIED_ABOVE = 1.25
BANDS = ("under", "balanced", "over")
WEIGHT_SUM_TOLERANCE = 1e-9


def crosswalk_problems(crosswalk: pd.DataFrame) -> list[str]:
    """Sections whose category weights do not sum to 1 (each section's demand must be shared out fully).

    Args: ``crosswalk`` (section, category_code, weight), the ``crosswalk`` dataset or an edited copy.
    Returns: "section: total" for each section off by more than 1e-6; [] when the crosswalk is sound.
    """
    totals = crosswalk.groupby("section")["weight"].sum()
    return [f"{section}: {total:g}" for section, total in totals.items() if abs(total - 1) > 1e-6]


def demand_by_category(employment: pd.DataFrame, crosswalk: pd.DataFrame, *, value: str = "employed_10k") -> pd.DataFrame:
    """Employment by GB/T 4754 section spread over specialty categories by the crosswalk weights.

    Args:
        employment: one region's rows with section (A–T) and ``value`` (default employed_10k, 万人).
        crosswalk: section, category_code (41–59), weight (each section's weights sum to 1).
    Returns:
        One row per category_code: demand (in ``value``'s unit) and demand_share (fraction of the
        total). Sections missing from the crosswalk contribute nothing.
    Sources: NBS 城镇非私营单位就业人员 (official) through the project's crosswalk (derived).
    """
    joined = employment[["section", value]].merge(crosswalk, on="section", how="inner")
    joined["demand"] = joined[value] * joined["weight"]
    demand = joined.groupby("category_code")["demand"].sum().reset_index()
    demand["demand_share"] = demand["demand"] / demand["demand"].sum()
    return demand


def supply_by_category(points: pd.DataFrame, *, value: str = "points") -> pd.DataFrame:
    """Specialty points (or enrolment) summed by category, with each category's share.

    Args: ``points`` with category_code and ``value`` (default points, a count of 专业点).
    Returns: one row per category_code: supply (sum) and supply_share (fraction of the total).
    """
    supply = points.groupby("category_code")[value].sum().reset_index(name="supply")
    supply["supply_share"] = supply["supply"] / supply["supply"].sum()
    return supply


def fit_index(supply_share: pd.Series, demand_share: pd.Series) -> float:
    """Fit index F = 1 − ½ Σ|s − d| over the union of categories (a missing category counts as 0).

    Args: shares indexed by category_code, each summing to 1.
    Returns: F in [0, 1]; 1 when the two distributions are identical.
    """
    s, d = supply_share.align(demand_share, fill_value=0.0)
    return float(1 - 0.5 * (s - d).abs().sum())


def band(ratio: float) -> str | None:
    """The band of a supply/demand ratio s/d: "under" below 0.8, "over" above 1.25, else "balanced"; None when undefined."""
    if ratio is None or math.isnan(ratio):
        return None
    if ratio < UNDER_SUPPLIED_BELOW:
        return "under"
    if ratio > OVER_SUPPLIED_ABOVE:
        return "over"
    return "balanced"


def fit_table(supply: pd.DataFrame, demand: pd.DataFrame) -> pd.DataFrame:
    """Per category: supply and demand shares, gap s − d, ratio s / d and its band.

    Args: ``supply`` (category_code, supply_share) and ``demand`` (category_code, demand_share),
    as from ``supply_by_category`` / ``demand_by_category``.
    Returns: columns category_code, supply_share, demand_share (0 where a side has none), gap,
    ratio (inf when there is supply but no demand, NaN when neither) and band, sorted by code.
    """
    table = supply[["category_code", "supply_share"]].merge(
        demand[["category_code", "demand_share"]], on="category_code", how="outer"
    )
    table[["supply_share", "demand_share"]] = table[["supply_share", "demand_share"]].fillna(0.0)
    table["gap"] = table["supply_share"] - table["demand_share"]
    table["ratio"] = [
        (s / d) if d > 0 else (math.inf if s > 0 else math.nan)
        for s, d in zip(table["supply_share"], table["demand_share"], strict=True)
    ]
    table["band"] = [band(r) for r in table["ratio"]]
    return table.sort_values("category_code").reset_index(drop=True)


def fit_for(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame) -> float:
    """F for one region's specialty points against its employment (see ``fit_index``).

    Args: ``points`` (category_code, points), ``employment`` (section, employed_10k), ``crosswalk``.
    """
    supply = supply_by_category(points).set_index("category_code")["supply_share"]
    demand = demand_by_category(employment, crosswalk).set_index("category_code")["demand_share"]
    return fit_index(supply, demand)


def adjustment_effect(points: pd.DataFrame, employment: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Per year: F before the year's adjustments (points − added + removed) and after; did they raise F?

    Args: ``points`` of one region (year, category_code, points, added, removed — the
    ``SpecialtyPoints`` columns), its ``employment`` by section and the ``crosswalk``.
    Returns: columns year, added, removed (counts of 专业点), fit_before, fit_after, fit_change.
    """
    rows = []
    for year, year_points in points.groupby("year"):
        before = year_points.assign(points=year_points["points"] - year_points["added"] + year_points["removed"])
        f_before = fit_for(before, employment, crosswalk)
        f_after = fit_for(year_points, employment, crosswalk)
        rows.append(
            {
                "year": int(cast(int, year)),  # group keys of an integer column
                "added": int(year_points["added"].sum()),
                "removed": int(year_points["removed"].sum()),
                "fit_before": f_before,
                "fit_after": f_after,
                "fit_change": f_after - f_before,
            }
        )
    return pd.DataFrame(rows, columns=["year", "added", "removed", "fit_before", "fit_after", "fit_change"])
