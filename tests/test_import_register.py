"""A register import fills every table built from the register, as the build makes them, and a
rollback takes them all back. Files are cut from the project's raw register at run time."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from tests.test_data_page import data_page
from vetdash import catalog, importing
from vetdash.store import FileStore

RAW = catalog.PROJECT_ROOT.parent / "shared" / "data-sources" / "specialty-register-moe" / "register_rows_2013_2025.csv.gz"
SPEC = importing.IMPORTABLE["specialty_points_province"]
# Chongqing's 2025 record of 重庆医科大学 (4150010631), 520101K 临床医学, 大类 52: its only one of that pair
DROPPED = "2025,2021,重庆市,4150010631,重庆医科大学,4150010631,重庆医科大学,本科,,regular_2025_by_code,520101K,临床医学,3,,52,医药卫生大类,52"

pytestmark = pytest.mark.skipif(not RAW.exists(), reason="the shared raw register is not beside the project")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    with gzip.open(RAW, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


@pytest.fixture(scope="module")
def references():
    provinces = catalog.load("provinces")
    return importing.References(frozenset(int(c) for c in provinces["adcode"]), frozenset(), provinces)


def years_of(lines: list[str], *years: str) -> list[str]:
    return [line for line in lines[1:] if line[:4] in years]


def new_year_file(lines: list[str]) -> bytes:
    """2025 as published, and a "2026" that is 2025 without one Chongqing record (one 撤销)."""
    year_2025 = years_of(lines, "2025")
    assert DROPPED in year_2025
    year_2026 = ["2026" + line[4:] for line in year_2025 if line != DROPPED]
    return ("\n".join([lines[0], *year_2025, *year_2026]) + "\n").encode("utf-8")


def test_register_rows_make_every_register_table_as_the_build_does(lines, references):
    raw = ("\n".join([lines[0], *years_of(lines, "2024", "2025")]) + "\n").encode("utf-8")
    tables = importing.register_tables(raw, "register.csv", references)
    assert set(tables) == {"specialty_points_province", *importing.REGISTER_COMPANIONS}
    for name, frame in tables.items():
        built_in = catalog.load(name)
        if name == "register_institutions":
            # the file's institutions joined with the stored ones change nothing: the file is part of the history
            merged = importing.merge_register_institutions(built_in, frame)
            spec = importing.IMPORTABLE[name]
            assert importing.diff(built_in, importing.combine(built_in, merged, spec), spec.keys).empty
            continue
        years = sorted(set(frame["year"]))
        # 新增/撤销 need the year before: 2025 only; the other tables have both years
        assert years == ([2025] if name.startswith("specialty_changes") else [2024, 2025]), name
        same = built_in[built_in["year"].isin(years)].reset_index(drop=True).astype(frame.dtypes.to_dict())
        assert frame.reset_index(drop=True).equals(same), name


def test_a_new_register_year_fills_all_tables_and_rollback_takes_them_back(tmp_path, lines):
    at = data_page(tmp_path, params={"lang": "en"})
    at.text_input(key="admin_password_input").set_value("secret-pw").run()
    at.selectbox(key="import_dataset").set_value("specialty_points_province").run()
    assert any("新增/撤销 by province and by institution" in c.value for c in at.caption)
    at.file_uploader(key="upload_specialty_points_province").upload("register_2025_2026.csv", new_year_file(lines)).run()
    assert not at.exception, at.exception
    also = [c.value for c in at.caption if c.value.startswith("Also updates")]
    assert len(also) == len(importing.REGISTER_COMPANIONS)
    cq_title = catalog.dataset("cq_specialties").title["en"]
    assert f"Also updates {cq_title}: 2,378 added, 0 changed, 0 removed" in " ".join(also)
    assert not at.checkbox, "a new year removes nothing: no second confirmation"
    at.text_input(key="import_author").set_value("Wang")
    at.text_input(key="import_source").set_value("MOE 专业设置管理与公共信息服务平台, 2026").run()
    at.button(key="confirm_import").click().run()
    assert not at.exception, at.exception

    store = FileStore(tmp_path / "store")

    def stored(name: str) -> pd.DataFrame:
        spec = importing.IMPORTABLE[name]
        from vetdash import schemas
        from vetdash.tabular import read_csv_bytes

        return read_csv_bytes(store.read(name, store.current(name)), schemas.SCHEMAS[spec.schema], name)

    changes = stored("specialty_changes_province")
    new = changes[changes["year"] == 2026]
    assert new[["province_adcode", "scope", "category_code", "added", "removed", "net"]].values.tolist() == [
        [500000, "all", 52, 0, 1, -1]
    ]
    by_college = stored("specialty_changes_institution")
    assert by_college[by_college["year"] == 2026][["code", "category_code", "removed"]].values.tolist() == [["4150010631", 52, 1]]
    cq = stored("cq_specialties")
    assert (cq["year"] == 2026).sum() == 2379 - 1
    points = stored("specialty_points_province")
    one = points[(points["province_adcode"] == 500000) & (points["scope"] == "all") & (points["category_code"] == 52)]
    records = one.set_index("year")["records"]
    assert records[2026] == records[2025] - 1
    institutions = stored("register_institutions")
    college = institutions[institutions["code"] == "4150010631"].iloc[0]
    assert (int(college["first_year"]), int(college["last_year"])) == (2016, 2026)
    # the built-in years are untouched
    built_in = catalog.load("specialty_points_institution")
    kept = stored("specialty_points_institution")
    assert kept[kept["year"] < 2026].reset_index(drop=True).equals(built_in.astype(kept.dtypes.to_dict()))

    imported = {name: store.current(name) for name in ("specialty_points_province", *importing.REGISTER_COMPANIONS)}
    at.selectbox(key="rollback_target").set_value("builtin").run()
    at.button(key="rollback_button").click().run()
    assert not at.exception, at.exception
    for name in ("specialty_points_province", *importing.REGISTER_COMPANIONS):
        assert stored(name).equals(catalog.load(name).astype(stored(name).dtypes.to_dict())), name

    # and forward again: the other five follow to the versions imported with the points
    at.selectbox(key="rollback_target").set_value(imported["specialty_points_province"]).run()
    at.button(key="rollback_button").click().run()
    assert not at.exception, at.exception
    assert {name: store.current(name) for name in imported} == imported


def test_one_year_of_rows_leaves_the_changes_as_stored(lines, references):
    """新增/撤销 need the year before: a file of 2025 alone fills the other tables only."""
    raw = ("\n".join([lines[0], *years_of(lines, "2025")]) + "\n").encode("utf-8")
    tables = importing.register_tables(raw, "register_2025.csv", references)
    assert set(tables) == {"specialty_points_province", "specialty_points_institution", "register_institutions", "cq_specialties"}
    assert (tables["cq_specialties"]["year"] == 2025).sum() == 2379


def test_register_rows_that_are_not_a_csv_table_get_a_message(references):
    raw = (importing.REGISTER_HEADER + '\n2025,"2021,重庆市\n').encode("utf-8")  # a quotation mark never closed
    with pytest.raises(importing.DataValidationError) as refused:
        importing.parse_upload(raw, "register.csv", SPEC, references)
    assert [p.code for p in refused.value.problems] == ["csv_unreadable"]
    assert "CSV" in refused.value.problems[0].message("zh") and "quotation" in refused.value.problems[0].message("en")
