"""The consortia register: sector categories, filters, membership, founding dates."""

from __future__ import annotations

import re

import pandas as pd

LOW_CONFIDENCE = "low"


def categories_of(codes: str | None) -> list[int]:
    return [int(c) for c in codes.split("|")] if isinstance(codes, str) and codes else []


def has_category(frame: pd.DataFrame, category: int | None) -> pd.Series:
    """Rows whose sector maps to ``category`` (every row when None). The rule used on every page."""
    if category is None:
        return pd.Series(True, index=frame.index)
    return frame["category_codes"].apply(lambda codes: category in categories_of(codes))


def filter_consortia(
    frame: pd.DataFrame,
    *,
    kinds: list[str] | None = None,
    scopes: list[str] | None = None,
    category: int | None = None,
    lead: str | None = None,
    founded: tuple[int, int] | None = None,
    hide_low_confidence: bool = False,
) -> pd.DataFrame:
    mask = has_category(frame, category)
    if kinds:
        mask &= frame["kind"].isin(kinds)
    if scopes:
        mask &= frame["scope"].isin(scopes)
    if lead:
        mask &= frame["lead_institutions"].fillna("").str.split("|").apply(lambda names: lead in names)
    if founded:
        years = founding_year(frame)
        mask &= years.isna() | years.between(*founded)
    if hide_low_confidence and "confidence" in frame:
        mask &= frame["confidence"] != LOW_CONFIDENCE
    return frame[mask]


def founding_year(frame: pd.DataFrame) -> pd.Series:
    return frame["founded_date"].str.slice(0, 4).astype("Float64").astype("Int64")


def founding_date(text: str | None) -> pd.Timestamp | None:
    """A partial date (2023, 2023-04, 2023-04-19) as the first day it can mean."""
    if not isinstance(text, str) or not re.match(r"^\d{4}", text):
        return None
    parts = text.split("-")
    return pd.Timestamp(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def sector_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Consortia per specialty category (a body in two categories counts in both), plus those unmapped."""
    rows = [
        (code, body)
        for body, codes in zip(frame["id"], frame["category_codes"], strict=True)
        for code in list[int | None](categories_of(codes)) or [None]
    ]
    exploded = pd.DataFrame(rows, columns=["category_code", "id"])
    counts = exploded.groupby("category_code", dropna=False)["id"].nunique().rename("consortia").reset_index()
    return counts.sort_values("consortia", ascending=False, kind="mergesort").reset_index(drop=True)


def memberships(frame: pd.DataFrame, *, members: str = "lead_institutions") -> pd.DataFrame:
    """One row per (member, consortium) from a ``|``-separated column."""
    rows = [
        (name.strip(), body)
        for body, names in zip(frame["id"], frame[members].fillna(""), strict=True)
        for name in names.split("|")
        if name.strip()
    ]
    return pd.DataFrame(rows, columns=["member", "id"])
