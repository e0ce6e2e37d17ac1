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
    """Each item's share of its group's total (e.g. a section's share of a province's employment).

    Args: long ``frame`` with columns ``group``, ``item`` and ``value`` (any unit).
    Returns: those three columns plus share (fraction of the group's total).
    """
    out = frame[[group, item, value]].copy()
    out["share"] = out[value] / out.groupby(group)[value].transform("sum")
    return out


def location_quotients(frame: pd.DataFrame, *, group: str, item: str, value: str) -> pd.DataFrame:
    """Location quotients: LQ = (item's share in the group) / (item's share in all groups together).

    Above 1: the group specialises in the item relative to the whole. The whole is the sum of
    the groups in ``frame`` (for provinces: the 31-province total).

    Args: long ``frame`` with ``group``, ``item`` and ``value`` columns (e.g. province_adcode,
    section, employed_10k from ``province_employment_by_section``).
    Returns: ``shares`` plus national_share and location_quotient (dimensionless).
    Source: for employment, NBS 城镇非私营单位就业人员 (non-private units only).
    """
    out = shares(frame, group=group, item=item, value=value)
    national = frame.groupby(item)[value].sum()
    national_share = national / national.sum()
    out["national_share"] = out[item].map(national_share)
    out["location_quotient"] = out["share"] / out["national_share"]
    return out


def value_added_long(gdp: pd.DataFrame, year: int) -> pd.DataFrame:
    """The nine value-added industries of ``year`` as long rows.

    Args: ``gdp`` the ``province_gdp`` table (亿元, current prices).
    Returns: columns province_adcode, industry (one of ``VALUE_ADDED_INDUSTRIES``), value_added (亿元).
    Source: NBS 分省年度数据 (official).
    """
    wide = gdp[gdp["year"] == year][["province_adcode", *VALUE_ADDED_INDUSTRIES]]
    return wide.melt(id_vars="province_adcode", var_name="industry", value_name="value_added")
