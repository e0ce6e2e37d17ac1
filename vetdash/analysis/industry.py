"""Industry structure: shares within a region and location quotients against the national total."""

from __future__ import annotations

import pandas as pd

# Value-added columns of the NBS GDP table that together make up GDP (their sum equals GDP).
VALUE_ADDED_INDUSTRIES = (
    "agri_forestry_animal_fishery_va",
    "industry_va",
    "construction_va",
    "wholesale_retail_va",
    "transport_storage_post_va",
    "accommodation_catering_va",
    "finance_va",
    "real_estate_va",
    "other_services_va",
)


def shares(frame: pd.DataFrame, *, group: str, item: str, value: str) -> pd.DataFrame:
    """Each item's share of its group's total (e.g. a section's share of a province's employment)."""
    out = frame[[group, item, value]].copy()
    out["share"] = out[value] / out.groupby(group)[value].transform("sum")
    return out


def location_quotients(frame: pd.DataFrame, *, group: str, item: str, value: str) -> pd.DataFrame:
    """LQ = (item's share in the group) / (item's share in all groups together).

    Above 1: the group specialises in the item relative to the whole. The whole is the sum of
    the groups in ``frame`` (for provinces: the 31-province total).
    """
    out = shares(frame, group=group, item=item, value=value)
    national = frame.groupby(item)[value].sum()
    national_share = national / national.sum()
    out["national_share"] = out[item].map(national_share)
    out["location_quotient"] = out["share"] / out["national_share"]
    return out


def value_added_long(gdp: pd.DataFrame, year: int) -> pd.DataFrame:
    """The nine value-added industries of ``year`` as long rows (province, industry, value)."""
    wide = gdp[gdp["year"] == year][["province_adcode", *VALUE_ADDED_INDUSTRIES]]
    return wide.melt(id_vars="province_adcode", var_name="industry", value_name="value_added")
