"""The curated register tables hold together: totals, scopes, institutions, 新增/撤销."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from vetdash import catalog


@cache
def table(name: str) -> pd.DataFrame:
    return catalog.load(name)


def test_national_records_match_the_platform_totals():
    points = table("specialty_points_province")
    national = points[points["scope"] == "all"].groupby("year")["records"].sum()
    # national_totals_check.csv of the raw folder (rows after dropping exact duplicates)
    assert national[2019] == 57706 and national[2024] == 65998 and national[2025] == 68236


def test_chongqing_records_per_year():
    points = table("specialty_points_province")
    cq = points[(points["province_adcode"] == 500000) & (points["scope"] == "all")].groupby("year")["records"].sum()
    assert cq.loc[2019:2025].tolist() == [1483, 1596, 1676, 1841, 1939, 2117, 2379]


def test_zhuanke_scope_is_within_moe_scope():
    points = table("specialty_points_province")
    wide = points.pivot_table(index=["year", "province_adcode", "category_code"], columns="scope", values="records", fill_value=0)
    assert (wide["zhuanke"] <= wide["all"]).all()
    assert (wide["zhuanke"] < wide["all"]).any()


def test_bingtuan_is_merged_and_31_provinces_report():
    points = table("specialty_points_province")
    assert points.groupby("year")["province_adcode"].nunique().eq(31).all()


def test_institutions_add_up_to_their_province():
    inst = table("specialty_points_institution")
    points = table("specialty_points_province")
    summed = inst.groupby(["year", "province_adcode", "category_code"])["records"].sum()
    province = points[points["scope"] == "all"].set_index(["year", "province_adcode", "category_code"])["records"]
    assert summed.sort_index().to_dict() == province.sort_index().to_dict()


def test_net_change_equals_the_change_in_pairs_within_a_catalogue():
    points = table("specialty_points_province")
    changes = table("specialty_changes_province")
    pairs = points[points["scope"] == "all"].groupby(["province_adcode", "year"])["pairs"].sum()
    net = changes[changes["scope"] == "all"].groupby(["province_adcode", "year"])["net"].sum()
    for year in (2018, 2019, 2020, 2022, 2023, 2024, 2025):
        for province in (500000, 510000, 650000):
            assert net[(province, year)] == pairs[(province, year)] - pairs[(province, year - 1)]


def test_no_additions_or_removals_at_a_catalogue_change():
    for name in ("specialty_changes_province", "specialty_changes_institution"):
        years = set(table(name)["year"])
        assert years == {2017, 2018, 2019, 2020, 2022, 2023, 2024, 2025}


def test_every_chongqing_institution_is_on_the_moe_list():
    listed = set(table("institutions")["code"])
    assert set(table("cq_specialties")["code"]) <= listed
    cq = table("register_institutions")
    cq = cq[cq["province_adcode"] == 500000]
    assert cq["moe_match"].str.startswith("regular_2025").all()


@pytest.mark.parametrize("name", ["specialty_points_institution", "specialty_changes_institution"])
def test_institution_tables_link_to_the_institution_list(name):
    known = set(zip(table("register_institutions")["code"], table("register_institutions")["province_adcode"], strict=True))
    used = set(zip(table(name)["code"], table(name)["province_adcode"], strict=True))
    assert used <= known


def test_cq_specialties_agree_with_the_institution_table():
    spec = table("cq_specialties")
    inst = table("specialty_points_institution")
    per_school = spec.groupby(["year", "code"]).size()
    cq = inst[inst["province_adcode"] == 500000].groupby(["year", "code"])["records"].sum()
    assert per_school.sort_index().to_dict() == cq.sort_index().astype(int).to_dict()
