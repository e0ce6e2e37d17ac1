"""Filtering the institution list and linking a college to the consortia register."""

from __future__ import annotations

import pandas as pd


def filter_institutions(
    frame: pd.DataFrame,
    *,
    query: str = "",
    provinces: list[int] | None = None,
    levels: list[str] | None = None,
    ownerships: list[str] | None = None,
    authorities: list[str] | None = None,
) -> pd.DataFrame:
    """Rows of the institution list matching every given filter; an empty filter means no restriction.

    Args:
        frame: ``institutions`` (name, code, province_adcode, level, ownership, authority).
        query: text found in the name or the 10-digit 学校标识码 (plain substring, not a pattern).
        provinces, levels, ownerships, authorities: allowed values.
    Returns: the matching rows, original index kept.
    """
    mask = pd.Series(True, index=frame.index)
    if query.strip():
        needle = query.strip()
        mask &= frame["name"].str.contains(needle, regex=False) | frame["code"].str.contains(needle, regex=False)
    if provinces:
        mask &= frame["province_adcode"].isin(provinces)
    if levels:
        mask &= frame["level"].isin(levels)
    if ownerships:
        mask &= frame["ownership"].isin(ownerships)
    if authorities:
        mask &= frame["authority"].str.strip().isin(authorities)
    return frame[mask]


def college_consortia(consortia: pd.DataFrame, college_name: str) -> pd.DataFrame:
    """Register rows that name the college as a lead institution or in the member note.

    Args: ``consortia`` (lead_institutions ``|``-separated, other_members_note); ``college_name``
    the exact name as in the MOE list.
    Returns: the matching rows of ``consortia``.
    """
    lead = consortia["lead_institutions"].fillna("").str.split("|").apply(lambda names: college_name in names)
    member = consortia["other_members_note"].fillna("").str.contains(college_name, regex=False)
    return consortia[lead | member]
