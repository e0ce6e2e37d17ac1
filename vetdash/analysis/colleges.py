"""Chongqing colleges: MOE attributes joined to locations, counts by district."""

from __future__ import annotations

import pandas as pd

FILTERS = {
    "all": lambda f: pd.Series(True, index=f.index),
    "zhuanke": lambda f: f["level"] == "专科",
    "benke": lambda f: f["level"] == "本科",
    "public": lambda f: f["ownership"] == "public",
    "private": lambda f: f["ownership"] == "private",
}


def located_colleges(locations: pd.DataFrame, institutions: pd.DataFrame, edition: str, which: str = "all") -> pd.DataFrame:
    """Chongqing colleges of one MOE edition with level, ownership, authority, district and point.

    Args:
        locations: ``cq_colleges`` (code, name, district_adcode, lon_gcj02 / lat_gcj02 in degrees
            GCJ-02, …).
        institutions: ``institutions``; ``edition`` a list_date such as "2025-06-20".
        which: a key of ``FILTERS`` (all, zhuanke, benke, public, private).
    Returns:
        ``locations`` columns plus level, ownership and authority, only for colleges listed in the
        edition (inner join on code); points are NaN where unknown.
    Raises:
        KeyError: ``which`` is not a filter name.
    Sources: MOE list (official) and compiled locations (gaokao.cn profiles, Baidu points).
    """
    listed = institutions[institutions["list_date"] == edition][["code", "level", "ownership", "authority"]]
    frame = locations.merge(listed, on="code", how="inner")
    return frame[FILTERS[which](frame)].reset_index(drop=True)


def district_counts(colleges: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """All districts with the number of colleges whose main campus is there.

    Args: ``colleges`` with district_adcode (as from ``located_colleges``); ``districts`` the
    ``cq_districts`` table (adcode).
    Returns: one row per district: adcode, colleges (int, 0 where none). Colleges with an
    unknown district are not counted.
    """
    counts = colleges.groupby("district_adcode").size()
    out = districts[["adcode"]].copy()
    out["colleges"] = out["adcode"].map(counts).fillna(0).astype(int)
    return out
