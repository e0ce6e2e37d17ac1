"""Ranking with ties (competition ranking, "1224") and a deterministic display order."""

from __future__ import annotations

import pandas as pd


def competition_rank(values: pd.Series, *, ascending: bool = False) -> pd.Series:
    """Rank 1 for the best; equal values share the better rank and the next rank is skipped.

    Missing values get no rank (<NA>). ``ascending=False`` means larger is better.
    """
    ranks = values.astype("Float64").rank(method="min", ascending=ascending, na_option="keep")
    return ranks.astype("Int64")


def ranked(frame: pd.DataFrame, value: str, *, key: str, ascending: bool = False) -> pd.DataFrame:
    """``frame`` with a ``rank`` column, sorted by rank then by ``key`` so ties always list the same way."""
    out = frame.copy()
    out["rank"] = competition_rank(out[value], ascending=ascending)
    return out.sort_values(["rank", key], na_position="last", kind="mergesort").reset_index(drop=True)


def rank_of(frame: pd.DataFrame, value: str, *, key: str, key_value: object, ascending: bool = False) -> tuple[int | None, int]:
    """(rank of the row whose ``key`` equals ``key_value``, number of ranked rows)."""
    with_rank = ranked(frame, value, key=key, ascending=ascending)
    match = with_rank.loc[with_rank[key] == key_value, "rank"]
    rank = None if match.empty or pd.isna(match.iloc[0]) else int(match.iloc[0])
    return rank, int(with_rank["rank"].notna().sum())
