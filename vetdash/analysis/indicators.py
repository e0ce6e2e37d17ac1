"""Province indicators: institution counts, per-capita and share figures, enrolment mix."""

from __future__ import annotations

import pandas as pd

from vetdash.analysis.ranking import competition_rank

VOCATIONAL_UNIVERSITY_SUFFIXES = ("职业大学", "职业技术大学")
PER_MILLION = 100  # population is in 万 (10,000): 1 million = 100 × 万


def is_vocational_university(name: str, level: str) -> bool:
    """Whether an institution is a 职业本科 university: 本科 in the MOE list and named …职业大学 / …职业技术大学.

    The list has no flag for them; the naming rule excludes teacher-training universities
    such as 天津职业技术师范大学, which are regular undergraduate institutions.

    Args: ``name`` as in the MOE list's 学校名称; ``level`` "本科" or "专科".
    Returns: True for a vocational university.
    """
    return level == "本科" and name.endswith(VOCATIONAL_UNIVERSITY_SUFFIXES)


def institution_counts(institutions: pd.DataFrame, list_date: str) -> pd.DataFrame:
    """Institution counts per province in one edition of the MOE list.

    Args:
        institutions: the ``institutions`` dataset (list_date, province_adcode, name, level, ownership).
        list_date: the edition, e.g. "2025-06-20"; an unknown date gives an empty frame.
    Returns:
        One row per province_adcode with counts of institutions (int64): total (= benke + zhuanke),
        benke, zhuanke, zhuanke_public, zhuanke_private (民办), vocational_university (职业本科,
        counted within benke). Provinces with no institution in the edition are absent.
    Raises:
        KeyError: a column above is missing.
    Source: MOE 全国普通高等学校名单 (dataset ``institutions``, status official).
    """
    edition = institutions[institutions["list_date"] == list_date].copy()
    edition["zhuanke"] = edition["level"] == "专科"
    edition["benke"] = edition["level"] == "本科"
    edition["zhuanke_public"] = edition["zhuanke"] & (edition["ownership"] == "public")
    edition["zhuanke_private"] = edition["zhuanke"] & (edition["ownership"] == "private")
    edition["vocational_university"] = [
        is_vocational_university(n, lv) for n, lv in zip(edition["name"], edition["level"], strict=True)
    ]
    counts = (
        edition.groupby("province_adcode")[["benke", "zhuanke", "zhuanke_public", "zhuanke_private", "vocational_university"]]
        .sum()
        .astype("int64")
    )
    counts.insert(0, "total", counts["benke"] + counts["zhuanke"])
    return counts.reset_index()


def province_indicators(
    institutions: pd.DataFrame, population: pd.DataFrame, students: pd.DataFrame, list_date: str
) -> pd.DataFrame:
    """One row per province: institution counts, per-capita and share figures, enrolment mix.

    Args:
        institutions: ``institutions`` dataset; ``list_date`` picks its edition.
        population: ``province_population`` (province_adcode, resident_pop_10k in 万人).
        students: ``province_students`` (province_adcode, undergraduate_/vocational_ entrants and
            enrollment, persons).
    Returns:
        ``institution_counts`` columns plus resident_pop_10k and the four student columns (left
        join: NaN where a province has no figure), and the derived columns
        zhuanke_per_million (专科 schools per million residents), zhuanke_share_of_national,
        private_share_of_zhuanke, vocational_students_per_institution (persons per 专科 school or
        职业本科 university), vocational_share_of_enrollment, vocational_share_of_entrants and
        vocational_enrollment_share_of_national — shares as fractions (0.05 = 5%).
    Raises:
        KeyError: a required column is missing.
    Sources: MOE list (official), NBS 年末常住人口 (official), MOE 2024 education statistics (compiled).
    """
    counts = institution_counts(institutions, list_date)
    frame = counts.merge(population[["province_adcode", "resident_pop_10k"]], on="province_adcode", how="left")
    frame = frame.merge(
        students[
            [
                "province_adcode",
                "undergraduate_enrollment",
                "vocational_entrants",
                "vocational_enrollment",
                "undergraduate_entrants",
            ]
        ],
        on="province_adcode",
        how="left",
    )
    national_zhuanke = frame["zhuanke"].sum()
    frame["zhuanke_per_million"] = frame["zhuanke"] / (frame["resident_pop_10k"] / PER_MILLION)
    frame["zhuanke_share_of_national"] = frame["zhuanke"] / national_zhuanke
    frame["private_share_of_zhuanke"] = frame["zhuanke_private"] / frame["zhuanke"]
    vocational_institutions = frame["zhuanke"] + frame["vocational_university"]
    frame["vocational_students_per_institution"] = frame["vocational_enrollment"] / vocational_institutions
    frame["vocational_share_of_enrollment"] = frame["vocational_enrollment"] / (
        frame["vocational_enrollment"] + frame["undergraduate_enrollment"]
    )
    frame["vocational_share_of_entrants"] = frame["vocational_entrants"] / (
        frame["vocational_entrants"] + frame["undergraduate_entrants"]
    )
    frame["vocational_enrollment_share_of_national"] = frame["vocational_enrollment"] / frame["vocational_enrollment"].sum()
    return frame


def economy_indicators(gdp: pd.DataFrame, employment_by_section: pd.DataFrame, year: int) -> pd.DataFrame:
    """GDP level, per capita and industry mix for one year, with the manufacturing employment LQ.

    Args:
        gdp: ``province_gdp`` (year, province_adcode, gdp and *_va in 亿元 current prices,
            gdp_per_capita_yuan in 元).
        employment_by_section: ``province_employment_by_section`` (province_adcode, section,
            employed_10k in 万人; 2024, non-private units only).
        year: the GDP year; the employment year is whatever the table holds.
    Returns:
        One row per province: province_adcode, gdp, gdp_per_capita_yuan, primary_va, secondary_va,
        tertiary_va, industry_va, secondary_share, tertiary_share, industry_share (fractions of
        GDP) and manufacturing_lq (section C's location quotient; NaN where no employment row).
    Source: NBS 分省年度数据 (official).
    """
    from vetdash.analysis.industry import location_quotients

    frame = gdp[gdp["year"] == year][
        ["province_adcode", "gdp", "gdp_per_capita_yuan", "primary_va", "secondary_va", "tertiary_va", "industry_va"]
    ].copy()
    frame["secondary_share"] = frame["secondary_va"] / frame["gdp"]
    frame["tertiary_share"] = frame["tertiary_va"] / frame["gdp"]
    frame["industry_share"] = frame["industry_va"] / frame["gdp"]
    lq = location_quotients(employment_by_section, group="province_adcode", item="section", value="employed_10k")
    manufacturing = lq[lq["section"] == "C"][["province_adcode", "location_quotient"]]
    frame = frame.merge(manufacturing.rename(columns={"location_quotient": "manufacturing_lq"}), on="province_adcode", how="left")
    return frame.reset_index(drop=True)


def peer_comparison(
    indicators: pd.DataFrame, value: str, focus: int, peers: list[int], *, ascending: bool = False
) -> pd.DataFrame:
    """The focus province and its peers, each with its rank among all provinces and its gap to the peer median.

    Args:
        indicators: one row per province with province_adcode and the ``value`` column.
        value: the column to compare; ``ascending=True`` when smaller is better.
        focus, peers: adcodes (peers need not include the focus).
    Returns:
        Rows of the focus and peers: province_adcode, ``value``, rank (Int64 competition rank among
        every row of ``indicators``), is_focus, gap_to_peer_median (in the value's unit; the median
        is over the peers only), sorted by rank.
    """
    ranked = indicators[["province_adcode", value]].copy()
    ranked["rank"] = competition_rank(ranked[value], ascending=ascending)
    chosen = ranked[ranked["province_adcode"].isin([focus, *peers])].copy()
    peer_median = chosen.loc[chosen["province_adcode"] != focus, value].median()
    chosen["is_focus"] = chosen["province_adcode"] == focus
    chosen["gap_to_peer_median"] = chosen[value] - peer_median
    return chosen.sort_values(["rank", "province_adcode"]).reset_index(drop=True)
