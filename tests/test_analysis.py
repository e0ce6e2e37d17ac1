"""Analysis functions against answers worked out by hand, plus invariants under random input."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vetdash.analysis import demand_fit, indicators, industry, ranking


def test_competition_rank_shares_rank_and_skips_next():
    ranks = ranking.competition_rank(pd.Series([10, 20, 20, 5]))
    assert ranks.tolist() == [3, 1, 1, 4]


def test_competition_rank_ascending_and_missing():
    ranks = ranking.competition_rank(pd.Series([3.0, None, 1.0]), ascending=True)
    assert ranks.tolist()[0] == 2 and ranks.tolist()[2] == 1 and pd.isna(ranks.iloc[1])


def test_ranked_orders_ties_by_key():
    frame = pd.DataFrame({"k": [30, 10, 20], "v": [5, 5, 9]})
    out = ranking.ranked(frame, "v", key="k")
    assert out["k"].tolist() == [20, 10, 30]
    assert out["rank"].tolist() == [1, 2, 2]


def test_vocational_university_rule():
    assert indicators.is_vocational_university("重庆电子科技职业大学", "本科")
    assert indicators.is_vocational_university("重庆工业职业技术大学", "本科")
    assert not indicators.is_vocational_university("天津职业技术师范大学", "本科")
    assert not indicators.is_vocational_university("重庆电子科技职业大学", "专科")


def _institutions(rows):
    return pd.DataFrame(rows, columns=["list_date", "name", "province_adcode", "level", "ownership"])


def test_province_indicators_by_hand():
    inst = _institutions(
        [
            ("2025", "甲职业学院", 1, "专科", "public"),
            ("2025", "乙职业学院", 1, "专科", "private"),
            ("2025", "丙职业技术大学", 1, "本科", "public"),
            ("2025", "丁大学", 2, "本科", "public"),
            ("2025", "戊职业学院", 2, "专科", "public"),
            ("2024", "旧学院", 2, "专科", "public"),
        ]
    )
    pop = pd.DataFrame({"province_adcode": [1, 2], "resident_pop_10k": [200.0, 500.0]})
    students = pd.DataFrame(
        {
            "province_adcode": [1, 2],
            "undergraduate_entrants": [10, 30],
            "undergraduate_enrollment": [100, 300],
            "vocational_entrants": [30, 10],
            "vocational_enrollment": [300, 100],
        }
    )
    out = indicators.province_indicators(inst, pop, students, "2025").set_index("province_adcode")
    assert out.loc[1, "zhuanke"] == 2 and out.loc[1, "benke"] == 1 and out.loc[1, "vocational_university"] == 1
    assert out.loc[2, "zhuanke"] == 1  # the 2024 row is another edition
    assert out.loc[1, "zhuanke_per_million"] == pytest.approx(2 / 2.0)  # 200 万 = 2 million
    assert out.loc[2, "zhuanke_per_million"] == pytest.approx(1 / 5.0)
    assert out.loc[1, "zhuanke_share_of_national"] == pytest.approx(2 / 3)
    assert out.loc[1, "vocational_students_per_institution"] == pytest.approx(300 / 3)
    assert out.loc[1, "vocational_share_of_enrollment"] == pytest.approx(0.75)
    assert out.loc[1, "private_share_of_zhuanke"] == pytest.approx(0.5)


def test_peer_comparison_by_hand():
    frame = pd.DataFrame({"province_adcode": [1, 2, 3, 4], "v": [4.0, 8.0, 2.0, 6.0]})
    out = indicators.peer_comparison(frame, "v", focus=1, peers=[2, 3]).set_index("province_adcode")
    assert out.loc[1, "rank"] == 3  # 8, 6, 4, 2 → 4 is third among all four
    assert out.loc[1, "gap_to_peer_median"] == pytest.approx(4.0 - 5.0)
    assert set(out.index) == {1, 2, 3}


def test_location_quotient_by_hand():
    frame = pd.DataFrame({"p": ["A", "A", "B", "B"], "s": ["X", "Y", "X", "Y"], "e": [30.0, 70.0, 10.0, 90.0]})
    lq = industry.location_quotients(frame, group="p", item="s", value="e").set_index(["p", "s"])
    # national share of X = 40 / 200 = 0.2; A: 0.3 / 0.2 = 1.5; B: 0.1 / 0.2 = 0.5
    assert lq.loc[("A", "X"), "location_quotient"] == pytest.approx(1.5)
    assert lq.loc[("B", "X"), "location_quotient"] == pytest.approx(0.5)
    assert lq.loc[("A", "Y"), "location_quotient"] == pytest.approx(0.7 / 0.8)


def test_demand_by_category_by_hand():
    employment = pd.DataFrame({"section": ["C", "F"], "employed_10k": [100.0, 50.0]})
    crosswalk = pd.DataFrame({"section": ["C", "C", "F"], "category_code": [46, 51, 53], "weight": [0.6, 0.4, 1.0]})
    demand = demand_fit.demand_by_category(employment, crosswalk).set_index("category_code")
    assert demand.loc[46, "demand"] == pytest.approx(60)
    assert demand.loc[51, "demand"] == pytest.approx(40)
    assert demand.loc[53, "demand_share"] == pytest.approx(50 / 150)


def test_fit_index_by_hand():
    s = pd.Series({41: 0.5, 42: 0.5})
    d = pd.Series({41: 0.25, 42: 0.25, 43: 0.5})
    assert demand_fit.fit_index(s, d) == pytest.approx(0.5)  # ½(0.25 + 0.25 + 0.5)


def test_bands_at_and_around_thresholds():
    assert demand_fit.band(0.5) == "under"
    assert demand_fit.band(0.8) == "balanced"
    assert demand_fit.band(1.25) == "balanced"
    assert demand_fit.band(1.3) == "over"
    assert demand_fit.band(math.inf) == "over"
    assert demand_fit.band(math.nan) is None


def test_fit_table_marks_missing_demand_as_over():
    supply = pd.DataFrame({"category_code": [41, 42], "supply_share": [0.5, 0.5]})
    demand = pd.DataFrame({"category_code": [41], "demand_share": [1.0]})
    table = demand_fit.fit_table(supply, demand).set_index("category_code")
    assert table.loc[41, "band"] == "under" and table.loc[42, "band"] == "over"
    assert table.loc[41, "gap"] == pytest.approx(-0.5)


def test_adjustment_effect_by_hand():
    # Demand: all in category 46. Before: 46 has 5 of 10 points (F = 0.5); after adding 5 to 46
    # and removing 5 from 53: 46 has 10 of 10 (F = 1.0).
    employment = pd.DataFrame({"section": ["C"], "employed_10k": [1.0]})
    crosswalk = pd.DataFrame({"section": ["C"], "category_code": [46], "weight": [1.0]})
    points = pd.DataFrame(
        {"year": [2025, 2025], "category_code": [46, 53], "points": [10, 0], "added": [5, 0], "removed": [0, 5]}
    )
    effect = demand_fit.adjustment_effect(points, employment, crosswalk).iloc[0]
    assert effect["fit_before"] == pytest.approx(0.5)
    assert effect["fit_after"] == pytest.approx(1.0)
    assert effect["fit_change"] == pytest.approx(0.5)


def test_crosswalk_problems_names_bad_section():
    crosswalk = pd.DataFrame({"section": ["A", "B", "B"], "category_code": [41, 42, 43], "weight": [1.0, 0.5, 0.4]})
    assert demand_fit.crosswalk_problems(crosswalk) == ["B: 0.9"]


# ---- invariants -----------------------------------------------------------------------------

values = st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=40)


@given(values)
def test_ranked_is_a_permutation_with_valid_ranks(vals):
    frame = pd.DataFrame({"k": range(len(vals)), "v": vals})
    out = ranking.ranked(frame, "v", key="k")
    assert sorted(out["k"]) == list(range(len(vals)))
    assert out["rank"].min() == 1 and out["rank"].max() <= len(vals)
    # a rank equals 1 + the number of strictly better values
    for v, r in zip(out["v"], out["rank"], strict=True):
        assert r == 1 + sum(x > v for x in vals)


positive = st.lists(st.floats(min_value=0.01, max_value=1e6, allow_nan=False), min_size=1, max_size=19)


@given(positive)
def test_shares_sum_to_one(vals):
    frame = pd.DataFrame({"g": 1, "i": range(len(vals)), "v": vals})
    assert industry.shares(frame, group="g", item="i", value="v")["share"].sum() == pytest.approx(1.0)


@given(positive, positive)
def test_fit_index_in_unit_interval_and_one_when_identical(a, b):
    s = pd.Series(a) / sum(a)
    d = pd.Series(b) / sum(b)
    f = demand_fit.fit_index(s, d)
    assert -1e-9 <= f <= 1 + 1e-9
    assert demand_fit.fit_index(s, s) == pytest.approx(1.0)
