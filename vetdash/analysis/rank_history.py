"""Ranks over time: one rank per province and year (or list edition)."""

from __future__ import annotations

import pandas as pd

from vetdash.analysis.ranking import competition_rank


def ranks_by_period(frame: pd.DataFrame, *, period: str, value: str, key: str = "province_adcode") -> pd.DataFrame:
    """Competition rank of ``value`` within each ``period`` (larger is better)."""
    out = frame[[period, key, value]].copy()
    out["rank"] = out.groupby(period)[value].transform(lambda s: competition_rank(s)).astype("Int64")
    return out.sort_values([period, "rank", key]).reset_index(drop=True)


def zhuanke_by_edition(institutions: pd.DataFrame) -> pd.DataFrame:
    rows = institutions[institutions["level"] == "专科"]
    return rows.groupby(["list_date", "province_adcode"]).size().rename("zhuanke").reset_index()
