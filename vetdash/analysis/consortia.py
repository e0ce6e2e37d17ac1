"""The consortia register: sector categories, filters, membership, founding dates."""

from __future__ import annotations

import re

import pandas as pd

LOW_CONFIDENCE = "low"


def categories_of(codes: str | None) -> list[int]:
    """The specialty-category codes (41–59) in a ``|``-separated cell such as "46|51"; [] for empty or missing.

    Raises ValueError for a part that is not an integer (the schema's pattern prevents it).
    """
    return [int(c) for c in codes.split("|")] if isinstance(codes, str) and codes else []


def has_category(frame: pd.DataFrame, category: int | None) -> pd.Series:
    """Boolean mask of the rows whose sector maps to ``category`` (every row when None).

    Args: ``frame`` with category_codes (see ``categories_of``). The rule used on every page.
    """
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
    """The consortia register rows that pass every given filter; an empty filter means no restriction.

    Args:
        frame: ``consortia`` (or the demo table): kind, scope, category_codes, lead_institutions,
            founded_date and, for the compiled register, confidence.
        kinds, scopes: allowed values of kind / scope.
        category: a specialty category code (41–59).
        lead: a college name that must be among the ``|``-separated lead_institutions.
        founded: (first, last) founding years inclusive; rows without a date are kept.
        hide_low_confidence: drop rows whose confidence is "low".
    Returns: the matching rows, original index kept.
    Source: news- and college-page-compiled register (status compiled; each row cites its page).
    """
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
    """Founding year (Int64) of each row from founded_date ("2023", "2023-04", "2023-04-19"); <NA> where missing."""
    return frame["founded_date"].str.slice(0, 4).astype("Float64").astype("Int64")


def founding_date(text: str | None) -> pd.Timestamp | None:
    """A partial date (2023, 2023-04, 2023-04-19) as the first day it can mean; None for anything else.

    Raises ValueError for an impossible month or day (the schema's pattern lets "2023-13" through).
    """
    if not isinstance(text, str) or not re.match(r"^\d{4}", text):
        return None
    parts = text.split("-")
    return pd.Timestamp(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def sector_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Consortia per specialty category; a body in two categories counts in both.

    Args: ``frame`` with id and category_codes.
    Returns: columns category_code (float codes 41–59; NaN for bodies whose sector is unmapped) and
    consortia (number of distinct ids), largest first.
    """
    rows = [
        (code, body)
        for body, codes in zip(frame["id"], frame["category_codes"], strict=True)
        for code in list[int | None](categories_of(codes)) or [None]
    ]
    exploded = pd.DataFrame(rows, columns=["category_code", "id"])
    counts = exploded.groupby("category_code", dropna=False)["id"].nunique().rename("consortia").reset_index()
    return counts.sort_values("consortia", ascending=False, kind="mergesort").reset_index(drop=True)


def memberships(frame: pd.DataFrame, *, members: str = "lead_institutions") -> pd.DataFrame:
    """One row per (member, consortium) from a ``|``-separated column.

    Args: ``frame`` with id and ``members`` (default lead_institutions).
    Returns: columns member (name, stripped) and id; empty names are skipped.
    """
    rows = [
        (name.strip(), body)
        for body, names in zip(frame["id"], frame[members].fillna(""), strict=True)
        for name in names.split("|")
        if name.strip()
    ]
    return pd.DataFrame(rows, columns=["member", "id"])
