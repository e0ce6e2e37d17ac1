"""The publishers' formats: MOE list (.xls and its CSV export) and NBS exports."""

from __future__ import annotations

import pytest

from vetdash.errors import DataValidationError
from vetdash.sources import moe_list, nbs


def test_moe_xls_2025(raw_dir):
    parsed = moe_list.read_xls(raw_dir / "moe-hei-list-2025/moe_regular_hei_list_2025-06-20.xls")
    assert len(parsed.institutions) == 2919
    assert parsed.heading_mismatches() == {"海南省": (27, 28)}
    cq = [i for i in parsed.institutions if i.province == "重庆市"]
    assert parsed.heading_counts["重庆市"] == 75 == len(cq)
    assert sum(i.level == "专科" for i in cq) == 46
    assert sum(i.level == "专科" and i.ownership == "private" for i in cq) == 23


def test_moe_csv_export_2024(raw_dir):
    parsed = moe_list.read_csv_export(raw_dir / "moe-hei-list-2024/regular_hei_list_2024-06-20_csv_conversion_stbui.csv")
    assert len(parsed.institutions) == 2868
    assert parsed.heading_mismatches() == {}


def test_moe_reader_rejects_other_files_clearly():
    with pytest.raises(DataValidationError) as caught:
        moe_list.parse_rows([["a", "b"], ["1", "2"]], "x.xls")
    assert caught.value.problems[0].code == "moe_header_missing"


def test_moe_reader_collects_row_problems():
    rows = [
        moe_list.HEADER,
        ["重庆市（2所）"],
        ["1", "甲学院", "123", "教委", "重庆市", "专科", ""],
        ["2", "乙学院", "4150000002", "教委", "重庆市", "硕士", ""],
    ]
    with pytest.raises(DataValidationError) as caught:
        moe_list.parse_rows(rows, "x.xls")
    found = {(p.row, p.column, p.code) for p in caught.value.problems}
    assert found == {(3, "学校标识码", "bad_format"), (4, "办学层次", "not_allowed")}


def test_nbs_gdp_export(raw_dir):
    export = nbs.read_export(raw_dir / "nbs-province-economy/nbs_raw_gdp_by_industry_2024.csv")
    assert export.period == "2024年"
    assert export.columns[0] == "地区生产总值" and export.units[0] == "亿元"
    assert export.rows["重庆市"][:4] == [32046.7, 2078.8, 11484.6, 18483.4]
    assert any("第五次全国经济普查" in note for note in export.notes)


def test_nbs_reader_rejects_plain_csv():
    with pytest.raises(DataValidationError) as caught:
        nbs.parse_text("a,b\n1,2\n", "x.csv")
    assert caught.value.problems[0].code == "nbs_not_export"
