"""Specialty points from MOE's register: counts, scopes, and 新增/撤销 within one catalogue.

Input rows (one per registered record) carry at least: year, catalogue, province_adcode, code
(institution key), major (6-digit specialty code), category_code (大类 in the row's catalogue),
category_code_2021 (its 2021 equivalent) and zhuanke (True for 专科 schools of the MOE list).

Three counts, each stated wherever shown:
- records: MOE's own count (a specialty is listed once per 修业年限 at a school);
- pairs: distinct school–specialty pairs (what 新增/撤销 are counted on);
- institutions: distinct institutions offering the category.
"""

from __future__ import annotations

import pandas as pd

SCOPES = ("all", "zhuanke")  # all institutions registering 高职 points (MOE's scope) | 专科 schools only
CATEGORY_KEYS = ["catalogue", "category_code", "category_code_2021"]


def in_scope(rows: pd.DataFrame, scope: str) -> pd.DataFrame:
    """Rows of one scope: 'all' keeps every institution, 'zhuanke' only 专科 schools of the MOE list.

    Args: ``rows`` register records with a boolean ``zhuanke`` column; ``scope`` one of ``SCOPES``.
    Returns: the same columns, filtered (the input itself for 'all').
    Raises: ValueError for a scope not in ``SCOPES``.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; expected one of {SCOPES}")
    return rows if scope == "all" else rows[rows["zhuanke"]]


def counts(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """records, pairs and institutions per ``keys`` (pairs keyed by province, school and specialty).

    Args: ``rows`` register records (see the module docstring); ``keys`` the grouping columns.
    Returns: one row per ``keys`` value: *keys, records, pairs, institutions (int counts).
    """
    grouped = rows.groupby(keys, sort=True)
    out = grouped.size().rename("records").to_frame()
    out["pairs"] = rows.drop_duplicates([*keys, "province_adcode", "code", "major"]).groupby(keys).size()
    out["institutions"] = rows.drop_duplicates([*keys, "province_adcode", "code"]).groupby(keys).size()
    return out.reset_index()


def pairs_by_year(rows: pd.DataFrame) -> pd.DataFrame:
    """Distinct (year, catalogue, province_adcode, code, major) with their 大类 columns."""
    columns = ["year", "catalogue", "province_adcode", "code", "major", "category_code", "category_code_2021"]
    return rows[columns].drop_duplicates(["year", "province_adcode", "code", "major"])


def changes(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """新增/撤销 per year and ``keys`` (keys are columns of the pairs, e.g. province_adcode, code,
    category_code): a pair present in year t and absent in t−1 is added in t; present in t−1 and
    absent in t, removed in t (counted under its t−1 大类). Only when t−1 and t share a catalogue:
    the first year of a catalogue has no 新增/撤销 (its differences are the catalogue change).

    Returns year, *keys, added, removed, net (= added − removed); rows where both are zero are dropped.
    """
    pairs = pairs_by_year(rows)
    catalogue_of = pairs.groupby("year")["catalogue"].first()
    identity = ["province_adcode", "code", "major"]
    frames = []
    for year in sorted(catalogue_of.index):
        before = year - 1
        if before not in catalogue_of.index or catalogue_of[before] != catalogue_of[year]:
            continue
        now = pairs[pairs["year"] == year]
        then = pairs[pairs["year"] == before]
        merged = now.merge(then[identity], on=identity, how="outer", indicator=True, suffixes=("", "_then"))
        added = now.merge(merged.loc[merged["_merge"] == "left_only", identity], on=identity)
        removed = then.merge(merged.loc[merged["_merge"] == "right_only", identity], on=identity)
        a = added.groupby(keys).size().rename("added")
        r = removed.groupby(keys).size().rename("removed")
        frame = pd.concat([a, r], axis=1).fillna(0).astype("int64").reset_index()
        frame.insert(0, "year", year)
        frames.append(frame)
    columns = ["year", *keys, "added", "removed", "net"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["net"] = out["added"] - out["removed"]
    return out[columns].sort_values(["year", *keys]).reset_index(drop=True)
