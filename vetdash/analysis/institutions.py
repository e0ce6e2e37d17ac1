"""Filtering the institution list and linking a college to the consortia register."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

# Characters a searcher may or may not type: spaces, brackets of either width, the middle dot, and
# 省/市 (the MOE list writes 北京市…, people write 北京…; dropped on both sides, so 城市 still matches).
_IGNORED = re.compile(r"[\s()\[\]【】〔〕<>《》·・\-—_'\"“”‘’省市]")


def search_key(text: object) -> str:
    """A name or code as search compares it: full-width letters, digits and brackets as half-width
    (NFKC), case folded, with spaces, brackets and 省/市 removed. ``（北京）`` and ``(北京)``, ``４１５``
    and ``415`` give the same key."""
    if not isinstance(text, str):
        return ""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text).casefold())


def former_names(changes: pd.DataFrame, register: pd.DataFrame | None = None) -> pd.DataFrame:
    """Names a college had before a change between list editions (renamed, upgraded, recoded),
    and, with ``register``, the other names the MOE specialty register wrote for the same 学校标识码
    since 2016 (a rename before the oldest list edition stored shows only there).

    ``changes``: data/institution_changes.csv (code, change, name_before, name_after, …);
    ``register``: data/register_institutions.csv (code, name, names: every name seen, "|"-joined).
    Returns columns code, former_name, name_after (one row per former name, no repeats)."""
    named = changes.dropna(subset=["name_before", "name_after"])
    named = named[named["name_before"] != named["name_after"]]
    frames = [
        pd.DataFrame({"code": named["code"].astype(str), "former_name": named["name_before"], "name_after": named["name_after"]})
    ]
    if register is not None:
        seen = register.assign(former_name=register["names"].str.split("|")).explode("former_name")
        seen = seen[seen["former_name"].notna() & (seen["former_name"] != seen["name"])]
        frames.append(
            pd.DataFrame({"code": seen["code"].astype(str), "former_name": seen["former_name"], "name_after": seen["name"]})
        )
    formers = pd.concat(frames, ignore_index=True)
    return formers.drop_duplicates(subset=["code", "former_name"]).reset_index(drop=True)


def search_institutions(frame: pd.DataFrame, query: str, formers: pd.DataFrame | None = None) -> tuple[pd.Series, pd.DataFrame]:
    """Which rows of ``frame`` (columns code, name) a search finds, and the renames that led there.

    A row is found when the query's ``search_key`` is part of its name's or code's key, or of a
    former name's key (``formers`` from ``former_names``). Returns a boolean mask over ``frame``
    and the former names matched (columns code, former_name, name_after) so the page can say
    "renamed to …"."""
    needle = search_key(query)
    if not needle:
        return pd.Series(True, index=frame.index), pd.DataFrame(columns=["code", "former_name", "name_after"])
    mask = frame["name"].map(search_key).str.contains(needle, regex=False) | frame["code"].astype(str).str.contains(
        needle, regex=False
    )
    renamed = pd.DataFrame(columns=["code", "former_name", "name_after"])
    if formers is not None and not formers.empty:
        renamed = formers[formers["former_name"].map(search_key).str.contains(needle, regex=False)]
        renamed = renamed[renamed["code"].isin(frame["code"].astype(str))]
        mask |= frame["code"].astype(str).isin(renamed["code"])
    return mask, renamed.reset_index(drop=True)


def filter_institutions(
    frame: pd.DataFrame,
    *,
    query: str = "",
    provinces: list[int] | None = None,
    levels: list[str] | None = None,
    ownerships: list[str] | None = None,
    authorities: list[str] | None = None,
    formers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows matching every given filter; an empty filter means no restriction. The query matches
    names, former names (``formers``) and codes as ``search_institutions`` does."""
    mask = search_institutions(frame, query, formers)[0]
    if provinces:
        mask &= frame["province_adcode"].isin(provinces)
    if levels:
        mask &= frame["level"].isin(levels)
    if ownerships:
        mask &= frame["ownership"].isin(ownerships)
    if authorities:
        mask &= frame["authority"].str.strip().isin(authorities)
    return frame[mask]


def college_names(institutions: pd.DataFrame, changes: pd.DataFrame, code: str) -> list[str]:
    """Every name the college with MOE code ``code`` has carried in the list editions and their
    changes, newest edition first: how the register, which names colleges, is linked by code."""
    listed = institutions[institutions["code"].astype(str) == str(code)].sort_values("list_date", ascending=False)
    before = changes.loc[changes["code"].astype(str) == str(code), "name_before"].dropna()
    return list(dict.fromkeys([*listed["name"], *before]))


def college_consortia(consortia: pd.DataFrame, college_names: str | Iterable[str]) -> pd.DataFrame:
    """Register rows that name the college, under any of its names, as a lead institution or in
    the member note (a renamed college keeps the consortia it joined under its former name).

    ``consortia``: data/consortia.csv (columns ``lead_institutions``, "|"-joined names, and
    ``other_members_note``, free text); returns those rows, all columns kept."""
    names = [college_names] if isinstance(college_names, str) else list(college_names)
    wanted = {search_key(n) for n in names}
    lead = consortia["lead_institutions"].fillna("").str.split("|").apply(lambda row: any(search_key(n) in wanted for n in row))
    notes = consortia["other_members_note"].fillna("").map(search_key)
    member = notes.apply(lambda note: any(w and w in note for w in wanted))
    return consortia[lead | member]
