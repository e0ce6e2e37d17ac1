"""NBS 分省年度数据 exports of employment by section and population import as the build reads them,
and an imported new year becomes the year the demand side and the indicators use."""

from __future__ import annotations

import pandas as pd
import pytest

from vetdash import catalog, editions, importing, metrics
from vetdash.analysis.supply import demand_shares
from vetdash.errors import DataValidationError

NBS = catalog.PROJECT_ROOT.parent / "shared" / "data-sources" / "nbs-province-economy"
EMPLOYMENT_FILE = NBS / "nbs_raw_urban_unit_employment_by_industry_2024.csv"
POPULATION_FILE = NBS / "nbs_raw_population_2024.csv"
EMPLOYMENT = importing.IMPORTABLE["province_employment_by_section"]
POPULATION = importing.IMPORTABLE["province_population"]
CQ = 500000

pytestmark = pytest.mark.skipif(not NBS.exists(), reason="the shared raw data is not beside the project")


@pytest.fixture(scope="module")
def references():
    provinces = catalog.load("provinces")
    return importing.References(
        frozenset(int(c) for c in provinces["adcode"]), frozenset(), provinces, catalog.load("industry_sections")
    )


@pytest.fixture(scope="module")
def codes():
    provinces = catalog.load("provinces")
    return {
        **dict(zip(provinces["name_zh"], provinces["adcode"].astype(int), strict=True)),
        **dict(zip(provinces["short_zh"], provinces["adcode"].astype(int), strict=True)),
    }


def parse(raw: bytes, spec, references, codes, name="export.csv") -> pd.DataFrame:
    return importing.parse_upload(raw, name, spec, references, province_codes=codes, today=pd.Timestamp("2026-11-30").date())


def problems(raw: bytes, spec, references, codes) -> list:
    with pytest.raises(DataValidationError) as caught:
        parse(raw, spec, references, codes)
    return caught.value.problems


def as_2025(raw: bytes, chongqing_manufacturing: str) -> bytes:
    """The 2024 employment export as if NBS had published 2025, with Chongqing's 制造业 (61.2) and
    its total (331.3) both raised by the same amount, so the sections still add up."""
    text = raw.decode("utf-8-sig").replace("时间：2024年", "时间：2025年")
    line = next(line for line in text.splitlines() if line.startswith("重庆市"))
    cells = line.split("\t,")
    assert cells[1] == "331.3" and cells[4] == "61.2", "the export's Chongqing row as published"
    extra = float(chongqing_manufacturing) - 61.2
    cells[1], cells[4] = f"{331.3 + extra:.1f}", chongqing_manufacturing
    return ("\ufeff" + text.replace(line, "\t,".join(cells))).encode("utf-8")


def test_the_population_export_imports_as_the_built_in_2024_rows(references, codes):
    frame = parse(POPULATION_FILE.read_bytes(), POPULATION, references, codes)
    assert len(frame) == 31 and set(frame["year"]) == {2024}
    chongqing = frame[frame["province_adcode"] == CQ].iloc[0]
    assert (chongqing["resident_pop_10k"], chongqing["urban_pop_10k"], chongqing["rural_pop_10k"]) == (3190.0, 2301.0, 889.0)
    built_in = catalog.load("province_population")
    assert frame.equals(built_in[built_in["year"] == 2024].reset_index(drop=True).astype(frame.dtypes.to_dict()))
    assert "replace by year" in importing.mode_text(POPULATION, "en")


def test_the_employment_export_imports_as_the_built_in_2024_rows(references, codes):
    frame = parse(EMPLOYMENT_FILE.read_bytes(), EMPLOYMENT, references, codes)
    assert len(frame) == 31 * 19
    chongqing = frame[frame["province_adcode"] == CQ].set_index("section")["employed_10k"]
    assert chongqing["C"] == 61.2 and round(chongqing.sum(), 1) == 331.4  # total 331.3: NBS rounding
    built_in = catalog.load("province_employment_by_section")
    assert frame.equals(built_in[built_in["year"] == 2024].reset_index(drop=True).astype(frame.dtypes.to_dict()))


def test_the_export_saved_as_gbk_imports_the_same(references, codes):
    raw = POPULATION_FILE.read_bytes()
    gbk = raw.decode("utf-8-sig").encode("gb18030")
    assert parse(gbk, POPULATION, references, codes).equals(parse(raw, POPULATION, references, codes))


def test_an_imported_new_year_is_the_demand_year_and_the_indicators_year(references, codes):
    built_in = catalog.load("province_employment_by_section")
    upload = parse(as_2025(EMPLOYMENT_FILE.read_bytes(), "100.0"), EMPLOYMENT, references, codes)
    combined = importing.combine(built_in, upload, EMPLOYMENT)
    assert len(combined) == 2 * 31 * 19, "a new year adds; 2024 stays"
    assert editions.years(combined) == (2025, 2024)
    assert importing.changed_parts(built_in, combined, EMPLOYMENT) == ("2025",)
    newest = editions.newest_rows(combined)
    assert set(newest["year"]) == {2025}
    assert set(editions.newest_rows(combined, 2024)["year"]) == {2024}, "an economy year of 2024 keeps 2024 employment"
    # Chongqing's manufacturing share of employment: 61.2 / 331.4 in 2024, 100.0 / 370.2 in 2025 (sections summed)
    cq = newest[newest["province_adcode"] == CQ].set_index("section")["employed_10k"]
    assert round(cq["C"] / cq.sum(), 4) == round(100.0 / 370.2, 4)
    crosswalk = catalog.load("crosswalk")
    before = demand_shares(editions.newest_rows(built_in), crosswalk)
    after = demand_shares(newest, crosswalk)
    manufacturing = 46  # 装备制造大类 draws on section C
    share = lambda d: float(d[(d["province_adcode"] == CQ) & (d["category_code"] == manufacturing)]["demand_share"].iloc[0])  # noqa: E731
    assert share(after) > share(before), "demand fit reads the imported year"
    lq = metrics.INDICATORS["manufacturing_lq"]
    gdp_years = editions.years(catalog.load("province_gdp"))
    assert gdp_years[0] == 2024
    # the newest economy year (2024, no GDP for 2025 yet) shows the newest employment, 2025
    assert metrics.employment_limit(2024, gdp_years) is None
    assert metrics.indicator_year(lq, "2025-06-20", 2024, editions.years(combined), gdp_years) == "2025"
    # an earlier economy year keeps the employment of its time, or the oldest there is
    assert metrics.employment_limit(2022, gdp_years) == 2022
    assert metrics.indicator_year(lq, "2025-06-20", 2022, editions.years(combined), gdp_years) == "2024"
    tables = {
        name: catalog.load(name)
        for name in ("institutions", "province_population", "province_students", "province_gdp", *metrics.REGISTER_TABLES)
    }
    before = metrics.indicator_table({**tables, "province_employment_by_section": built_in}, "2025-06-20", 2024)
    after = metrics.indicator_table({**tables, "province_employment_by_section": combined}, "2025-06-20", 2024)
    cq_lq = lambda t: float(t.set_index("province_adcode").loc[CQ, "manufacturing_lq"])  # noqa: E731
    assert cq_lq(after) > cq_lq(before), "the manufacturing LQ reads the imported year"


def test_the_wrong_export_for_the_dataset_is_named(references, codes):
    found = problems(POPULATION_FILE.read_bytes(), EMPLOYMENT, references, codes)
    assert [p.code for p in found] == ["nbs_wrong_table"]
    assert "城镇单位就业人员" in found[0].message("en") and "年末常住人口" in found[0].message("zh")
    gdp = (NBS / "nbs_raw_gdp_by_industry_2024.csv").read_bytes()
    assert [p.code for p in problems(gdp, POPULATION, references, codes)] == ["nbs_wrong_table"]


def test_sections_that_do_not_add_up_are_refused_with_the_province(references, codes):
    text = EMPLOYMENT_FILE.read_bytes().decode("utf-8-sig")
    broken = text.replace("\t,61.2\t,", "\t,71.2\t,", 1)  # Chongqing's 制造业 without its total
    assert broken != text
    found = problems(broken.encode("utf-8"), EMPLOYMENT, references, codes)
    assert [p.code for p in found] == ["nbs_check"]
    assert "500000" in found[0].message("en") and "sections sum 341.4 != total 331.3" in found[0].message("zh")


def test_a_multi_year_export_is_refused(references, codes):
    text = POPULATION_FILE.read_bytes().decode("utf-8-sig").replace("时间：2024年", "时间：2020-2024")
    assert [p.code for p in problems(text.encode("utf-8"), POPULATION, references, codes)] == ["nbs_one_year"]
