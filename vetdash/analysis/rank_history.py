"""Ranks over time: one rank per province and year (or list edition)."""

from __future__ import annotations

import pandas as pd

from vetdash.analysis.ranking import competition_rank


def ranks_by_period(frame: pd.DataFrame, *, period: str, value: str, key: str = "province_adcode") -> pd.DataFrame:
    """Competition rank of ``value`` within each ``period`` (larger is better).

    Args: ``frame`` with ``period`` (a year or a list edition), ``key`` (default province_adcode)
    and ``value`` columns.
    Returns: those columns plus rank (Int64), sorted by period, rank, key.
    """
    out = frame[[period, key, value]].copy()
    out["rank"] = out.groupby(period)[value].transform(lambda s: competition_rank(s)).astype("Int64")
    return out.sort_values([period, "rank", key]).reset_index(drop=True)


def zhuanke_by_edition(institutions: pd.DataFrame) -> pd.DataFrame:
    """专科 schools per province in each edition of the MOE list.

    Args: ``institutions`` (list_date, province_adcode, level).
    Returns: columns list_date, province_adcode, zhuanke (count); provinces with none are absent.
    Source: MOE 全国普通高等学校名单 (official).
    """
    rows = institutions[institutions["level"] == "专科"]
    return rows.groupby(["list_date", "province_adcode"]).size().rename("zhuanke").reset_index()
