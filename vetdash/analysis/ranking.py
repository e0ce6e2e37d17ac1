"""Ranking with ties (competition ranking, "1224") and a deterministic display order."""

from __future__ import annotations

import pandas as pd


def competition_rank(values: pd.Series, *, ascending: bool = False) -> pd.Series:
    """Competition ranking ("1224"): rank 1 for the best, equal values share the better rank.

    Args: ``values`` numbers (any numeric dtype); ``ascending=False`` means larger is better.
    Returns: Int64 ranks aligned with ``values``; missing values get no rank (<NA>).
    """
    ranks = values.astype("Float64").rank(method="min", ascending=ascending, na_option="keep")
    return ranks.astype("Int64")


def ranked(frame: pd.DataFrame, value: str, *, key: str, ascending: bool = False) -> pd.DataFrame:
    """``frame`` with a ``rank`` column, sorted by rank then by ``key`` so ties always list the same way.

    Args: ``value`` the column ranked (see ``competition_rank``); ``key`` a unique column (e.g.
    province_adcode) that breaks ties in the display order. Unranked rows come last.
    Returns: a copy with a fresh RangeIndex.
    """
    out = frame.copy()
    out["rank"] = competition_rank(out[value], ascending=ascending)
    return out.sort_values(["rank", key], na_position="last", kind="mergesort").reset_index(drop=True)


def rank_of(frame: pd.DataFrame, value: str, *, key: str, key_value: object, ascending: bool = False) -> tuple[int | None, int]:
    """(rank of the row whose ``key`` equals ``key_value``, number of ranked rows).

    The rank is None when no row matches or its value is missing; the count excludes missing values.
    """
    with_rank = ranked(frame, value, key=key, ascending=ascending)
    match = with_rank.loc[with_rank[key] == key_value, "rank"]
    rank = None if match.empty or pd.isna(match.iloc[0]) else int(match.iloc[0])
    return rank, int(with_rank["rank"].notna().sum())
