"""Sentences and formatted values computed from the data (never typed), in the chosen language."""

from __future__ import annotations

import functools
import math

import pandas as pd

from vetdash.analysis.ranking import competition_rank, rank_of
from vetdash.i18n import format_number, format_percent, format_yuan, t
from vetdash.metrics import FOCUS, INDICATORS, Indicator


def format_value(indicator: Indicator, value: float | None, lang: str) -> str:
    """An indicator's value as shown, e.g. 3.2万亿元 / 3.2 trillion yuan, 2.96%, 1.44, 1.23万 / 12,345.

    Shares as percent, yuan in 万/亿 (Chinese) or thousand/million/… (English), ratios and LQ
    with 2 decimals, counts and persons as grouped integers.

    Args: ``value`` in the indicator's stored unit (``yuan_100m`` is 亿元, ``yuan`` is 元,
    ``persons`` are persons, shares are fractions); None or NaN gives "—".
    """
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
    """The indicator's name in ``lang`` (locale key ``indicator.<key>``); a per-category share names
    its 专业大类 (from the ``specialty_categories`` table)."""
    indicator = INDICATORS.get(key)
    if indicator is not None and indicator.sector is not None:
        return t(
            "indicator.sector_share_of",
            lang,
            sector=f"{_category_names(lang)[indicator.sector]} ({indicator.sector})"
            if lang == "en"
            else f"{_category_names(lang)[indicator.sector]}（{indicator.sector}）",
        )
    return t(f"indicator.{key}", lang)


@functools.cache
def _category_names(lang: str) -> dict[int, str]:
    from vetdash import catalog  # the built-in table (categories are not imported), read once

    categories = catalog.load("specialty_categories")
    return dict(zip(categories["code"].astype(int), categories[f"name_{lang}"], strict=True))


def unit_label(indicator: Indicator, lang: str) -> str:
    """The indicator's unit in ``lang`` (locale key ``unit.<key>``)."""
    return t(f"unit.{indicator.text_key}", lang)


def focus_rank(table: pd.DataFrame, key: str, focus: int = FOCUS) -> tuple[int | None, int]:
    """(rank, number ranked) of ``focus`` for one indicator among the rows of ``table`` (one per province).

    Args: ``table`` from ``metrics.indicator_table``; ``key`` a key of ``metrics.INDICATORS``
    (its higher_is_better decides the order). The rank is None when the focus has no value.
    Raises: KeyError for an unknown indicator key.
    """
    indicator = INDICATORS[key]
    return rank_of(table, key, key="province_adcode", key_value=focus, ascending=not indicator.higher_is_better)


def focus_ranks(table: pd.DataFrame, focus: int = FOCUS) -> dict[str, tuple[int | None, int]]:
    """(rank, number ranked) of ``focus`` for every indicator of ``metrics.INDICATORS``, in one pass.

    Args: ``table`` from ``metrics.indicator_table`` (province_adcode and every indicator column).
    """
    is_focus = (table["province_adcode"] == focus).to_numpy()
    out = {}
    for key, indicator in INDICATORS.items():
        ranks = competition_rank(table[key], ascending=not indicator.higher_is_better)
        mine = ranks[is_focus]
        out[key] = (None if mine.empty or pd.isna(mine.iloc[0]) else int(mine.iloc[0]), int(ranks.notna().sum()))
    return out


def finding_title(table: pd.DataFrame, key: str, lang: str, place: str, focus: int = FOCUS) -> str:
    """A chart title that states the finding, e.g. 重庆高职（专科）院校数居全国第16位.

    Args: ``table`` from ``metrics.indicator_table``; ``key`` an indicator key; ``place`` the
    focus province's name in ``lang``. Without a rank it names the indicator only.
    """
    rank, of = focus_rank(table, key, focus)
    value = table.loc[table["province_adcode"] == focus, key]
    shown = format_value(INDICATORS[key], value.iloc[0] if len(value) else None, lang)
    if rank is None:
        return t("finding.no_rank", lang, place=place, indicator=indicator_label(key, lang))
    return t("finding.rank", lang, place=place, indicator=indicator_label(key, lang), value=shown, rank=rank, of=of)


def overview_summary(table: pd.DataFrame, lang: str, place: str, focus: int = FOCUS) -> str:
    """The one-paragraph summary on the overview, also the text alternative of its charts.

    Args: ``table`` from ``metrics.indicator_table``; ``place`` the focus province's name.
    Returns: the locale's ``overview.summary`` filled with the focus province's values and ranks.
    Raises: IndexError when ``table`` has no row for ``focus``.
    Sources: as the indicators (MOE list, NBS, MOE 2024 statistics).
    """
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
