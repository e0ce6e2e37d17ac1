"""Sentences and formatted values computed from the data (never typed), in the chosen language."""

from __future__ import annotations

import math

import pandas as pd

from vetdash.analysis.ranking import competition_rank, rank_of
from vetdash.i18n import format_number, format_percent, format_yuan, t
from vetdash.metrics import FOCUS, INDICATORS, Indicator


def format_value(indicator: Indicator, value: float | None, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "—"
    if indicator.kind == "share":
        return format_percent(value, lang)
    if indicator.kind == "yuan_100m":
        return format_yuan(value * 1e8, lang)
    if indicator.kind == "yuan":
        return format_yuan(float(value), lang)
    if indicator.kind in ("ratio", "lq"):
        return f"{value:.2f}"
    if indicator.kind == "persons":
        return format_number(round(float(value)), lang)
    return format_number(int(value), lang)


def indicator_label(key: str, lang: str) -> str:
    return t(f"indicator.{key}", lang)


def unit_label(indicator: Indicator, lang: str) -> str:
    return t(f"unit.{indicator.key}", lang)


def focus_rank(table: pd.DataFrame, key: str, focus: int = FOCUS) -> tuple[int | None, int]:
    indicator = INDICATORS[key]
    return rank_of(table, key, key="province_adcode", key_value=focus, ascending=not indicator.higher_is_better)


def focus_ranks(table: pd.DataFrame, focus: int = FOCUS) -> dict[str, tuple[int | None, int]]:
    """(rank, number ranked) of ``focus`` for every indicator, in one pass."""
    is_focus = (table["province_adcode"] == focus).to_numpy()
    out = {}
    for key, indicator in INDICATORS.items():
        ranks = competition_rank(table[key], ascending=not indicator.higher_is_better)
        mine = ranks[is_focus]
        out[key] = (None if mine.empty or pd.isna(mine.iloc[0]) else int(mine.iloc[0]), int(ranks.notna().sum()))
    return out


def finding_title(table: pd.DataFrame, key: str, lang: str, place: str, focus: int = FOCUS) -> str:
    """A chart title that states the finding, e.g. 重庆高职（专科）院校数居全国第16位."""
    rank, of = focus_rank(table, key, focus)
    value = table.loc[table["province_adcode"] == focus, key]
    shown = format_value(INDICATORS[key], value.iloc[0] if len(value) else None, lang)
    if rank is None:
        return t("finding.no_rank", lang, place=place, indicator=indicator_label(key, lang))
    return t("finding.rank", lang, place=place, indicator=indicator_label(key, lang), value=shown, rank=rank, of=of)


def overview_summary(table: pd.DataFrame, lang: str, place: str, focus: int = FOCUS) -> str:
    """The one-paragraph summary on the overview, also the text alternative of its charts."""
    row = table.loc[table["province_adcode"] == focus].iloc[0]
    values: dict[str, object] = {}
    for key in (
        "zhuanke",
        "zhuanke_per_million",
        "vocational_enrollment",
        "vocational_share_of_enrollment",
        "gdp",
        "secondary_share",
    ):
        rank, of = focus_rank(table, key, focus)
        values[f"{key}_value"] = format_value(INDICATORS[key], row[key], lang)
        values[f"{key}_rank"] = rank
        values["of"] = of
    values["share"] = format_percent(row["zhuanke_share_of_national"], lang, digits=2)
    values["public"] = int(row["zhuanke_public"])
    values["private"] = int(row["zhuanke_private"])
    return t("overview.summary", lang, place=place, **values)
