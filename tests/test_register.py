"""The specialty register: reader, counts, scopes and 新增/撤销 on tiny hand-built frames."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from vetdash.analysis import register
from vetdash.analysis.demand_fit import fit_index
from vetdash.build.tables import BuildCheckError
from vetdash.errors import DataValidationError
from vetdash.sources import moe_register


def rows(*records: tuple) -> pd.DataFrame:
    """(year, code, major, zhuanke) → register rows in Chongqing; catalogue and 大类 follow the year."""
    out = []
    for year, code, major, zhuanke in records:
        catalogue = 2021 if year >= 2021 else 2015
        category = int(major[:2])
        out.append(
            {
                "year": year,
                "catalogue": catalogue,
                "province_adcode": 500000,
                "code": code,
                "major": major,
                "category_code": category,
                "category_code_2021": category - (10 if catalogue == 2015 else 0),
                "zhuanke": zhuanke,
            }
        )
    return pd.DataFrame(out)


def test_additions_and_removals_across_a_year():
    frame = rows(
        (2022, "A", "510101", True),
        (2022, "A", "510201", True),
        (2023, "A", "510101", True),
        (2023, "A", "520101", True),
        (2023, "A", "520101", True),  # same pair listed twice (3- and 2-year): one addition
    )
    out = register.changes(frame, ["category_code"])
    assert out.to_dict("records") == [
        {"year": 2023, "category_code": 51, "added": 0, "removed": 1, "net": -1},
        {"year": 2023, "category_code": 52, "added": 1, "removed": 0, "net": 1},
    ]


def test_catalogue_break_is_not_counted():
    frame = rows(
        (2020, "A", "610101", True),
        (2021, "A", "510101", True),  # the 2021 catalogue: a recode, not an addition
        (2022, "A", "510101", True),
        (2022, "A", "530101", True),
    )
    out = register.changes(frame, ["code"])
    assert out.to_dict("records") == [{"year": 2022, "code": "A", "added": 1, "removed": 0, "net": 1}]


def test_removal_counted_under_last_years_category_and_school():
    frame = rows((2018, "A", "560101", True), (2018, "B", "560101", False), (2019, "B", "560101", False))
    out = register.changes(frame, ["code", "category_code_2021"])
    assert out.to_dict("records") == [{"year": 2019, "code": "A", "category_code_2021": 46, "added": 0, "removed": 1, "net": -1}]


def test_scope_filtering_and_the_three_counts():
    frame = rows(
        (2025, "A", "510101", True),
        (2025, "A", "510101", True),
        (2025, "A", "510201", True),
        (2025, "U", "510101", False),  # a university's 专科 point: MOE's scope only
    )
    all_scope = register.counts(register.in_scope(frame, "all"), ["year", "category_code"])
    zhuanke = register.counts(register.in_scope(frame, "zhuanke"), ["year", "category_code"])
    assert all_scope[["records", "pairs", "institutions"]].values.tolist() == [[4, 3, 2]]
    assert zhuanke[["records", "pairs", "institutions"]].values.tolist() == [[3, 2, 1]]
    with pytest.raises(ValueError, match="unknown scope"):
        register.in_scope(frame, "benke")


def test_fit_index_for_two_categories():
    # supply 3 points in 51, 1 in 52 → s = (0.75, 0.25); demand d = (0.5, 0.5)
    frame = rows(*[(2025, "A", m, True) for m in ("510101", "510102", "510103", "520101")])
    supply = register.counts(frame, ["category_code"]).set_index("category_code")["records"]
    demand = pd.Series({51: 0.5, 52: 0.5})
    assert fit_index(supply / supply.sum(), demand) == pytest.approx(1 - 0.5 * (0.25 + 0.25))


def test_platform_text_blocks():
    text = (
        "机构名称：重庆示例职业学院\n省份：重庆市\n学校标识码：4150000001\n开设专业：临床医学 (520101K)\n"
        "修业年限：3\n年份：2025\n备注：^_^机构名称：重庆示例职业学院\n省份：重庆市\n学校标识码：4150000001\n"
        "开设专业：护理 (520201)\n修业年限：2\n年份：2025\n备注：新设^_^"
    )
    frame = moe_register.parse_platform_text(text, "x.txt")
    assert frame[["major_name", "major_code", "duration_years", "remark"]].values.tolist() == [
        ["临床医学", "520101K", "3", ""],
        ["护理", "520201", "2", "新设"],
    ]
    with pytest.raises(DataValidationError):
        moe_register.parse_platform_text("机构名称：X\n开设专业：没有代码^_^", "bad.txt")


def _raw_register(tmp_path, totals_2025: int):
    folder = tmp_path / "specialty-register-moe"
    folder.mkdir(parents=True)
    header = ",".join(moe_register.COLUMNS)
    line = "2025,2021,重庆市,4150000001,示例学院,4150000001,示例学院,专科,,regular_2025_by_code,510101,作物生产与经营管理,3,,51,农林牧渔大类,51"
    (folder / "register_rows_2013_2025.csv.gz").write_bytes(gzip.compress(f"{header}\n{line}\n{line}\n".encode()))
    (folder / "national_totals_check.csv").write_text(
        f"year,register_rows_after_dropping_exact_duplicates\n2025,{totals_2025}\n", encoding="utf-8"
    )
    return tmp_path


def test_build_stops_when_national_records_differ(tmp_path):
    from vetdash import catalog
    from vetdash.build import register as build_register

    provinces = catalog.load("provinces")
    with pytest.raises(BuildCheckError, match="differ from national_totals_check"):
        build_register.load_rows(_raw_register(tmp_path / "bad", 3), provinces)
    ok = build_register.load_rows(_raw_register(tmp_path / "good", 2), provinces)
    assert (
        ok[["province_adcode", "code", "major", "category_code_2021", "zhuanke"]].values.tolist()
        == [[500000, "4150000001", "510101", 51, True]] * 2
    )


def test_reader_names_a_missing_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("year,province\n2025,重庆市\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="major_code"):
        moe_register.read_rows(path)


def _province_points() -> pd.DataFrame:
    """Two provinces, two categories, one scope: P1 3:1 (s = 0.75/0.25), P2 1:1."""
    rows_ = [
        (2025, 1, 51, 3, 3),
        (2025, 1, 52, 1, 1),
        (2025, 2, 51, 2, 1),
        (2025, 2, 52, 2, 2),
        (2024, 1, 51, 2, 2),
        (2024, 1, 52, 1, 1),
    ]
    frame = pd.DataFrame(rows_, columns=["year", "province_adcode", "category_code_2021", "records", "pairs"])
    return frame.assign(scope="all", category_code=frame["category_code_2021"])


def test_fit_and_rank_among_provinces_for_two_categories():
    from vetdash.analysis import supply

    points = supply.register_points(_province_points(), "all")
    employment = pd.DataFrame({"province_adcode": [1, 1, 2], "section": ["C", "F", "C"], "employed_10k": [5.0, 5.0, 8.0]})
    crosswalk = pd.DataFrame({"section": ["C", "F"], "category_code": [51, 52], "weight": [1.0, 1.0]})
    fits = supply.fit_ranks(points, employment, crosswalk, 2025).set_index("province_adcode")
    # P1: s = (0.75, 0.25), d = (0.5, 0.5) → F = 0.75; P2: s = (0.5, 0.5), d = (1, 0) → F = 0.5
    assert fits["fit"].to_dict() == pytest.approx({1: 0.75, 2: 0.5})
    assert fits["rank"].to_dict() == {1: 1, 2: 2}
    pairs = supply.register_points(_province_points(), "all", "pairs")
    assert pairs[(pairs["province_adcode"] == 2) & (pairs["year"] == 2025)]["points"].tolist() == [1, 2]


def test_register_indicators_give_each_categorys_share_of_points():
    from vetdash.analysis import supply

    points = _province_points().drop(columns="category_code").assign(category_code=lambda f: f["category_code_2021"])
    points.loc[len(points)] = [2025, 2, 53, 4, 4, "all", 53]  # P2 also teaches 53: 2 + 2 + 4 = 8 records
    students = pd.DataFrame({"year": [2024, 2024], "province_adcode": [1, 2], "vocational_enrollment": [20_000, 40_000]})
    employment = pd.DataFrame({"province_adcode": [1, 2], "section": ["C", "C"], "employed_10k": [1.0, 1.0]})
    crosswalk = pd.DataFrame({"section": ["C"], "category_code": [51], "weight": [1.0]})
    table = supply.register_indicators(points, students, employment, crosswalk, 2025).set_index("province_adcode")
    # P1: 3 + 1 records → 51: 3/4, 52: 1/4, 53: none (0); P2: 2, 2, 4 of 8 → 0.25, 0.25, 0.5
    assert table.loc[1, ["sector_share_51", "sector_share_52", "sector_share_53"]].tolist() == [0.75, 0.25, 0.0]
    assert table.loc[2, ["sector_share_51", "sector_share_52", "sector_share_53"]].tolist() == [0.25, 0.25, 0.5]
    assert table["specialty_points"].to_dict() == {1: 4, 2: 8}
    assert table["points_per_10k_students"].to_dict() == {1: 2.0, 2: 2.0}


def test_adjustments_join_pairs_and_changes_for_the_fit_effect():
    from vetdash.analysis import supply
    from vetdash.analysis.demand_fit import adjustment_effect

    changes = pd.DataFrame(
        {"year": [2025], "province_adcode": [1], "scope": ["all"], "category_code_2021": [51], "added": [1], "removed": [0]}
    )
    adj = supply.register_adjustments(_province_points(), changes, "all")
    mine = adj[adj["province_adcode"] == 1]
    assert mine[["year", "category_code", "points", "added", "removed"]].values.tolist() == [
        [2025, 51, 3, 1, 0],
        [2025, 52, 1, 0, 0],
    ]
    employment = pd.DataFrame({"section": ["C", "F"], "employed_10k": [5.0, 5.0]})
    crosswalk = pd.DataFrame({"section": ["C", "F"], "category_code": [51, 52], "weight": [1.0, 1.0]})
    effect = adjustment_effect(mine, employment, crosswalk).iloc[0]
    # before: pairs 2:1 (F = 1 − ½(|2/3 − ½| + |1/3 − ½|) = 5/6); after 3:1 (F = 0.75): the addition moved F down
    assert effect["fit_before"] == pytest.approx(5 / 6) and effect["fit_after"] == pytest.approx(0.75)


def test_specialties_since_follows_the_unbroken_run():
    from vetdash.panels.portfolio import specialties_since

    spec = pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2024, 2025, 2025, 2023, 2025],
            "major_code": ["520101", "520101K", "520101K", "520101K", "520101K", "520101K", "460101", "460101"],
            "major_name": ["临床医学"] * 6 + ["机械设计与制造"] * 2,
            "duration_years": [3, 3, 3, 3, 3, 2, 3, 3],
            "category_code_2021": [52] * 6 + [46] * 2,
        }
    )
    out = specialties_since(spec, 2025)
    # 临床医学 every year since 2021 (K suffix or not); 机械 absent in 2024, so since 2025
    assert out[["major_code", "durations", "since"]].values.tolist() == [["460101", "3", 2025], ["520101K", "2/3", 2021]]


def test_points_by_district_sum_at_the_main_campus():
    from vetdash.analysis.supply import points_by_district

    inst = pd.DataFrame(
        {"year": [2025, 2025, 2025, 2024], "code": ["A", "A", "B", "C"], "records": [3, 2, 4, 9]}
    )  # C has points only in 2024
    colleges = pd.DataFrame({"code": ["A", "B", "C", "D"], "district_adcode": [500106, 500106, 500107, None]})
    districts = pd.DataFrame({"adcode": [500106, 500107, 500108]})
    out = points_by_district(inst, colleges, districts, 2025)
    assert out.values.tolist() == [[500106, 9, 2], [500107, 0, 0], [500108, 0, 0]]
