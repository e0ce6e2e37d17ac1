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
    """Chongqing colleges of ``edition`` with level, ownership, district and point (where known)."""
    listed = institutions[institutions["list_date"] == edition][["code", "level", "ownership", "authority"]]
    frame = locations.merge(listed, on="code", how="inner")
    return frame[FILTERS[which](frame)].reset_index(drop=True)


def district_counts(colleges: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """All 38 districts with the number of colleges whose main campus is there (0 where none)."""
    counts = colleges.groupby("district_adcode").size()
    out = districts[["adcode"]].copy()
    out["colleges"] = out["adcode"].map(counts).fillna(0).astype(int)
    return out
