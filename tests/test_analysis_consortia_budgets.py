"""Sector mapping, consortium filters, budgets and the supply side, against hand-worked answers."""

from __future__ import annotations

import pandas as pd
import pytest

from vetdash.analysis import budgets, consortia, supply
from vetdash.build.tables import consortium_confidence, sector_categories


def test_sector_words_map_to_categories():
    assert sector_categories("智能网联新能源汽车") == "46|51"
    assert sector_categories("文化旅游") == "54|55"
    assert sector_categories("食品轻纺、装备制造、电子信息等支柱产业") == "46|48|49|51"
    assert sector_categories("生物医药") == "47|49"
    assert sector_categories("") is None


def test_confidence_rule():
    assert consortium_confidence("重庆城市职业学院 科研与合作发展中心") == "high"
    assert consortium_confidence("新华网重庆频道") == "medium"
    assert consortium_confidence("天天要闻 daydaynews.cc (aggregator)") == "low"
    assert consortium_confidence("Mobile Science (thearxiv.net); 作者 张华艳, 重庆旅游职业学院") == "low"


REGISTER = pd.DataFrame(
    {
        "id": ["A", "B", "C", "D"],
        "kind": ["市域产教联合体", "职教集团", "市域产教联合体", "other"],
        "scope": ["municipal", "municipal", "district", "national"],
        "category_codes": ["46|51", "51", None, "54|55"],
        "lead_institutions": ["甲学院|乙学院", "乙学院", "丙学院", None],
        "founded_date": ["2023-04-19", "2017", None, "2021-06"],
        "confidence": ["high", "low", "medium", "low"],
    }
)


def test_filters_by_category_kind_lead_year_and_confidence():
    assert consortia.filter_consortia(REGISTER, category=51)["id"].tolist() == ["A", "B"]
    assert consortia.filter_consortia(REGISTER, kinds=["市域产教联合体"])["id"].tolist() == ["A", "C"]
    assert consortia.filter_consortia(REGISTER, lead="乙学院")["id"].tolist() == ["A", "B"]
    assert consortia.filter_consortia(REGISTER, founded=(2020, 2022))["id"].tolist() == ["C", "D"]  # undated rows stay
    assert consortia.filter_consortia(REGISTER, hide_low_confidence=True)["id"].tolist() == ["A", "C"]


def test_sector_counts_count_multi_sector_bodies_in_each():
    counts = consortia.sector_counts(REGISTER).set_index("category_code")["consortia"]
    assert counts[51] == 2 and counts[46] == 1 and counts[54] == 1
    assert counts[counts.index.isna()].iloc[0] == 1


def test_memberships_and_partial_dates():
    members = consortia.memberships(REGISTER)
    assert sorted(members.loc[members["member"] == "乙学院", "id"]) == ["A", "B"]
    assert consortia.founding_date("2021-06") == pd.Timestamp(2021, 6, 1)
    assert consortia.founding_date("2017") == pd.Timestamp(2017, 1, 1)
    assert consortia.founding_date(None) is None


BUDGETS = pd.DataFrame(
    {
        "college_name_zh": ["甲", "甲", "乙"],
        "province_adcode": [500000, 500000, 510000],
        "year": [2024, 2025, 2025],
        "budget_total_10k_yuan": [10000.0, 11000.0, 5000.0],
        "enrollment": [10000, 10000, 0],
    }
)


def test_budget_per_student_in_yuan():
    per = budgets.budget_per_student(BUDGETS)
    assert per.iloc[0] == pytest.approx(10000)  # 1亿元 ÷ 1万人 = 1万元
    assert pd.isna(per.iloc[2]), "no enrolment, no per-student figure"


def test_year_over_year_and_province_totals():
    change = budgets.year_over_year(BUDGETS)
    assert pd.isna(change.iloc[0]) and change.iloc[1] == pytest.approx(0.10)
    totals = budgets.province_totals(BUDGETS).set_index(["province_adcode", "year"])
    assert totals.loc[(500000, 2025), "total"] == 11000 and totals.loc[(510000, 2025), "colleges"] == 1


def test_region_fit_and_rank_by_hand():
    # Region 1: demand all C (→ 46 0.6, 51 0.4); supply 46: 3, 51: 1 → s = 0.75 / 0.25; F = 1 − ½(0.15 + 0.15) = 0.85
    # Region 2: demand all C; supply 46: 1, 51: 1 → s = 0.5 / 0.5; F = 1 − ½(0.1 + 0.1) = 0.9
    employment = pd.DataFrame({"province_adcode": [1, 2], "section": ["C", "C"], "employed_10k": [10.0, 5.0]})
    crosswalk = pd.DataFrame({"section": ["C", "C"], "category_code": [46, 51], "weight": [0.6, 0.4]})
    points = pd.DataFrame(
        {
            "province_adcode": [1, 1, 2, 2],
            "year": 2025,
            "category_code": [46, 51, 46, 51],
            "points": [3, 1, 1, 1],
            "added": 0,
            "removed": 0,
        }
    )
    table = supply.region_fit(points, employment, crosswalk, 1, 2025).set_index("category_code")
    assert table.loc[46, "supply_share"] == pytest.approx(0.75) and table.loc[46, "demand_share"] == pytest.approx(0.6)
    assert table.loc[46, "band"] == "balanced" and table.loc[51, "band"] == "under"  # 0.75/0.6 = 1.25; 0.25/0.4 = 0.625
    fits = supply.fit_by_region(points, employment, crosswalk, 2025).set_index("province_adcode")["fit"]
    assert fits[1] == pytest.approx(0.85) and fits[2] == pytest.approx(0.9)
