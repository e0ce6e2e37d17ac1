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


def edition_changes(institutions: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """Changes between two MOE list editions, matched by 学校标识码 (the ``InstitutionChanges`` columns:
    code, change, province_adcode, name_before, name_after, level_before, level_after, list_before,
    list_after), sorted by change and code.

    A code only in ``after`` is added, or recoded when the same name had another code before; only in
    ``before`` is closed; 专科→本科 is upgraded; another name change is renamed. ``before`` and
    ``after`` are list dates (e.g. "2024-06-20"); an edition not in ``institutions`` has no rows.
    Source: the ``institutions`` table (MOE 《全国普通高等学校名单》, built-in and imported editions).
    """
    old_list = institutions[institutions["list_date"] == before].set_index("code")
    new_list = institutions[institutions["list_date"] == after].set_index("code")
    rows = []
    only_after = new_list.index.difference(old_list.index)
    only_before = old_list.index.difference(new_list.index)
    recoded_names = set(new_list.loc[only_after, "name"]) & set(old_list.loc[only_before, "name"])

    def row(code, change, province, name_b, name_a, level_b, level_a):
        rows.append(
            {
                "code": code,
                "change": change,
                "province_adcode": int(province),
                "name_before": name_b,
                "name_after": name_a,
                "level_before": level_b,
                "level_after": level_a,
                "list_before": before,
                "list_after": after,
            }
        )

    for code in only_after:
        new = new_list.loc[code]
        if new["name"] in recoded_names:
            old = old_list[old_list["name"] == new["name"]].iloc[0]
            row(code, "recoded", new["province_adcode"], old["name"], new["name"], old["level"], new["level"])
        else:
            row(code, "added", new["province_adcode"], None, new["name"], None, new["level"])
    for code in only_before:
        old = old_list.loc[code]
        if old["name"] not in recoded_names:
            row(code, "closed", old["province_adcode"], old["name"], None, old["level"], None)
    for code in new_list.index.intersection(old_list.index):
        old, new = old_list.loc[code], new_list.loc[code]
        if old["level"] == "专科" and new["level"] == "本科":
            row(code, "upgraded", new["province_adcode"], old["name"], new["name"], old["level"], new["level"])
        elif old["name"] != new["name"]:
            row(code, "renamed", new["province_adcode"], old["name"], new["name"], old["level"], new["level"])
    columns = [
        "code",
        "change",
        "province_adcode",
        "name_before",
        "name_after",
        "level_before",
        "level_after",
        "list_before",
        "list_after",
    ]
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame(rows)[columns].sort_values(["change", "code"], ignore_index=True)
