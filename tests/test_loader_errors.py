"""Malformed inputs: one error listing every problem with its row and column, in zh and en."""

from __future__ import annotations

import pytest

from vetdash import schemas
from vetdash.errors import DataValidationError
from vetdash.tabular import read_csv_bytes

GOOD = "year,province_adcode,resident_pop_10k,urban_pop_10k,rural_pop_10k\n2024,500000,3190,2276,914\n"


def problems(text: str | bytes, model=schemas.ProvincePopulation):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(DataValidationError) as caught:
        read_csv_bytes(raw, model, "pop.csv")
    return caught.value


def test_good_file_loads():
    frame = read_csv_bytes(GOOD.encode(), schemas.ProvincePopulation, "pop.csv")
    assert frame.loc[0, "resident_pop_10k"] == 3190


def test_wrong_header_lists_missing_and_unexpected():
    error = problems("year,province,resident_pop_10k,urban_pop_10k,rural_pop_10k\n2024,重庆,3190,2276,914\n")
    codes = {(p.code, p.column) for p in error.problems}
    assert ("missing_column", "province_adcode") in codes
    assert ("unexpected_column", "province") in codes
    assert all(p.row == 1 for p in error.problems)


def test_every_bad_cell_is_reported_with_row_and_column():
    error = problems(
        "year,province_adcode,resident_pop_10k,urban_pop_10k,rural_pop_10k\n"
        "2024,500000,三千,2276,914\n"
        '2024,510000,8364,"5,000",3364\n'
        "2024,520000,3860,2万,1700\n"
    )
    found = {(p.row, p.column, p.code) for p in error.problems}
    assert (2, "resident_pop_10k", "not_number") in found
    assert (3, "urban_pop_10k", "thousands_separator") in found
    assert (4, "urban_pop_10k", "chinese_unit") in found
    assert len(error.problems) == 3


def test_duplicate_key_names_the_key_columns_and_both_rows():
    error = problems(GOOD + "2024,500000,3191,2277,914\n")
    dupes = [p for p in error.problems if p.code == "duplicate_key"]
    assert len(dupes) == 1, "one message per repeated key, not one per cell"
    assert (dupes[0].column, dupes[0].value, dupes[0].detail["rows"]) == ("year、province_adcode", "2024 / 500000", "2, 3")
    assert "第 2, 3 行" in dupes[0].message("zh") and "rows 2, 3" in dupes[0].message("en")


def test_gbk_file_is_named_as_such():
    error = problems(GOOD.replace("3190", "3190").encode("utf-8") + "2024,500000,重庆,1,1\n".encode("gbk"))
    assert [p.code for p in error.problems] == ["gbk_encoding"]


def test_gbk_file_is_read_when_allowed():
    text = "id,name_zh,name_en,kind,scope,category_codes,lead_institutions,members,founded_date,district_adcode,is_demo\n"
    text += "DEMO01,示例联合体01,Demo Consortium 01,市域产教联合体,municipal,46,示例学院01,示例企业01,2024-05,500118,true\n"
    frame = read_csv_bytes(text.encode("gbk"), schemas.DemoConsortia, "c.csv", allow_gb=True)
    assert frame.loc[0, "name_zh"] == "示例联合体01"


def test_message_is_bilingual_and_locates_the_cell():
    error = problems("year,province_adcode,resident_pop_10k,urban_pop_10k,rural_pop_10k\n2024,500000,x,1,1\n")
    text = str(error)
    assert "第2行" in text and "「resident_pop_10k」列" in text and "不是数字" in text
    assert "row 2" in text and "column 'resident_pop_10k'" in text and "is not a number" in text


def test_range_and_allowed_values():
    error = problems("year,province_adcode,resident_pop_10k,urban_pop_10k,rural_pop_10k\n1800,999999,-5,1,1\n")
    found = {(p.column, p.code) for p in error.problems}
    assert ("year", "out_of_range") in found
    assert ("province_adcode", "out_of_range") in found
    assert ("resident_pop_10k", "below_minimum") in found


def test_empty_and_header_only():
    assert [p.code for p in problems("").problems] == ["empty_file"]
    assert [p.code for p in problems(GOOD.splitlines()[0] + "\n").problems] == ["no_rows"]


def test_numbers_beyond_int64_or_float_range_are_problems_not_crashes():
    error = problems("year,province_adcode,resident_pop_10k,urban_pop_10k,rural_pop_10k\n9223372036854775808,500000,1e400,1,1\n")
    found = {(p.column, p.code) for p in error.problems}
    assert found == {("year", "number_too_large"), ("resident_pop_10k", "number_too_large")}
