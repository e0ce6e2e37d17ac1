"""One pandera model per dataset. Column order here is the column order of the curated file."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

ADCODE_RANGE = {"min_value": 110000, "max_value": 820000}
CQ_DISTRICT_RANGE = {"min_value": 500101, "max_value": 500243}
YEAR_RANGE = {"min_value": 1990, "max_value": 2100}
SECTIONS = list("ABCDEFGHIJKLMNOPQRST")
CATEGORY_RANGE = {"min_value": 41, "max_value": 59}
CONFIDENCE = ["high", "medium", "low"]
DATE_OR_PARTIAL = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Int = pd.Int64Dtype


class _Strict(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


def _text(nullable: bool = False, **kw: Any) -> Any:
    """A text column (pandera's Field, typed Any as pa.Field itself is, so models type-check)."""
    return pa.Field(nullable=nullable, **kw)


def _amount(nullable: bool = False, **kw: Any) -> Any:
    """A non-negative quantity; upper bounds guard against unit slips (万 vs 元) on import."""
    return pa.Field(nullable=nullable, ge=0, **kw)


# ---- reference tables -----------------------------------------------------------------------


class Provinces(_Strict):
    adcode: Series[Int] = pa.Field(unique=True, in_range=ADCODE_RANGE)
    name_zh: Series[str] = pa.Field(unique=True)
    short_zh: Series[str] = pa.Field(unique=True)
    name_en: Series[str] = pa.Field(unique=True)
    mainland: Series[str] = pa.Field(isin=["true", "false"])


class CqDistricts(_Strict):
    adcode: Series[Int] = pa.Field(unique=True, in_range=CQ_DISTRICT_RANGE)
    name_zh: Series[str] = pa.Field(unique=True)
    name_en: Series[str] = pa.Field(unique=True)
    kind: Series[str] = pa.Field(isin=["区", "县"])


class SpecialtyCategories(_Strict):
    code: Series[Int] = pa.Field(unique=True, in_range=CATEGORY_RANGE)
    name_zh: Series[str] = pa.Field(unique=True)
    name_en: Series[str] = pa.Field(unique=True)


class IndustrySections(_Strict):
    code: Series[str] = pa.Field(unique=True, isin=SECTIONS)
    name_zh: Series[str] = pa.Field(unique=True)
    name_en: Series[str] = pa.Field(unique=True)


class Crosswalk(_Strict):
    section: Series[str] = pa.Field(isin=SECTIONS)
    category_code: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)
    weight: Series[float] = pa.Field(gt=0, le=1)

    class Config:
        unique = ["section", "category_code"]


# ---- institutions ---------------------------------------------------------------------------


class Institutions(_Strict):
    list_date: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    seq: Series[Int] = pa.Field(ge=1)
    code: Series[str] = pa.Field(str_matches=r"^\d{10}$")
    name: Series[str]
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    city: Series[str] = _text(nullable=True)
    level: Series[str] = pa.Field(isin=["本科", "专科"])
    ownership: Series[str] = pa.Field(isin=["public", "private", "cooperative", "overseas"])
    authority: Series[str]
    remark_zh: Series[str] = _text(nullable=True)

    class Config:
        unique = ["list_date", "code"]


class InstitutionChanges(_Strict):
    code: Series[str] = pa.Field(str_matches=r"^\d{10}$")
    change: Series[str] = pa.Field(isin=["added", "closed", "renamed", "upgraded", "recoded"])
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    name_before: Series[str] = _text(nullable=True)
    name_after: Series[str] = _text(nullable=True)
    level_before: Series[str] = pa.Field(nullable=True, isin=["本科", "专科"])
    level_after: Series[str] = pa.Field(nullable=True, isin=["本科", "专科"])
    list_before: Series[str]
    list_after: Series[str]

    class Config:
        unique = ["code", "change"]


# ---- province statistics --------------------------------------------------------------------


class ProvinceGdp(_Strict):
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    gdp: Series[float] = _amount(le=1e6)
    primary_va: Series[float] = _amount(le=1e6)
    secondary_va: Series[float] = _amount(le=1e6)
    tertiary_va: Series[float] = _amount(le=1e6)
    agri_forestry_animal_fishery_va: Series[float] = _amount(le=1e6)
    industry_va: Series[float] = _amount(le=1e6)
    construction_va: Series[float] = _amount(le=1e6)
    wholesale_retail_va: Series[float] = _amount(le=1e6)
    transport_storage_post_va: Series[float] = _amount(le=1e6)
    accommodation_catering_va: Series[float] = _amount(le=1e6)
    finance_va: Series[float] = _amount(le=1e6)
    real_estate_va: Series[float] = _amount(le=1e6)
    other_services_va: Series[float] = _amount(le=1e6)
    gdp_per_capita_yuan: Series[Int] = _amount(le=10_000_000)

    class Config:
        unique = ["year", "province_adcode"]


class ProvinceEmploymentBySection(_Strict):
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    section: Series[str] = pa.Field(isin=SECTIONS)
    employed_10k: Series[float] = _amount(le=10_000)

    class Config:
        unique = ["year", "province_adcode", "section"]


class ProvinceEmploymentTotal(_Strict):
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    employed_10k: Series[float] = _amount(le=10_000)

    class Config:
        unique = ["year", "province_adcode"]


class ProvincePopulation(_Strict):
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    resident_pop_10k: Series[float] = _amount(le=50_000)
    urban_pop_10k: Series[float] = _amount(le=50_000)
    rural_pop_10k: Series[float] = _amount(le=50_000)

    class Config:
        unique = ["year", "province_adcode"]


class ProvinceStudents(_Strict):
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    undergraduate_entrants: Series[Int] = _amount(le=5_000_000)
    undergraduate_enrollment: Series[Int] = _amount(le=20_000_000)
    vocational_entrants: Series[Int] = _amount(le=5_000_000)
    vocational_enrollment: Series[Int] = _amount(le=20_000_000)

    class Config:
        unique = ["year", "province_adcode"]


# ---- Chongqing colleges ---------------------------------------------------------------------


class CqColleges(_Strict):
    code: Series[str] = pa.Field(unique=True, str_matches=r"^\d{10}$")
    name: Series[str]
    name_later: Series[str] = _text(nullable=True)
    main_campus: Series[str] = _text(nullable=True)
    main_address: Series[str] = _text(nullable=True)
    district_adcode: Series[Int] = pa.Field(nullable=True, in_range=CQ_DISTRICT_RANGE)
    district_method: Series[str]
    lon_gcj02: Series[float] = pa.Field(nullable=True, in_range={"min_value": 105, "max_value": 111})
    lat_gcj02: Series[float] = pa.Field(nullable=True, in_range={"min_value": 28, "max_value": 33})
    coord_source_poi: Series[str] = _text(nullable=True)
    coord_match: Series[str] = _text(nullable=True)
    n_campuses_listed: Series[Int] = pa.Field(ge=0)
    all_campus_districts: Series[str] = _text(nullable=True)


class CqCampuses(_Strict):
    code: Series[str] = pa.Field(str_matches=r"^\d{10}$")
    campus_order: Series[Int] = pa.Field(ge=1)
    campus: Series[str] = _text(nullable=True)
    address: Series[str] = _text(nullable=True)
    district_adcode: Series[Int] = pa.Field(nullable=True, in_range=CQ_DISTRICT_RANGE)
    district_method: Series[str]
    lon_gcj02: Series[float] = pa.Field(nullable=True, in_range={"min_value": 105, "max_value": 111})
    lat_gcj02: Series[float] = pa.Field(nullable=True, in_range={"min_value": 28, "max_value": 33})

    class Config:
        unique = ["code", "campus_order"]


# ---- news-compiled registers ----------------------------------------------------------------


SOURCE_FIELDS = ("source_title", "source_url", "source_publisher", "source_date", "evidence_quote_zh", "confidence", "notes")


def column_order(model: type[pa.DataFrameModel]) -> list[str]:
    """The model's columns, with the columns of a shared base model (citations, 新增/撤销 counts) last."""
    names = list(model.to_schema().columns)
    trailing = SOURCE_FIELDS + (CHANGE_FIELDS if issubclass(model, _Changes) else ())
    return [n for n in names if n not in trailing] + [n for n in names if n in trailing]


class _Sourced(_Strict):
    source_title: Series[str] = _text(nullable=True)
    source_url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    source_publisher: Series[str] = _text(nullable=True)
    source_date: Series[str] = pa.Field(nullable=True, str_matches=DATE_OR_PARTIAL)
    evidence_quote_zh: Series[str] = _text(nullable=True)
    confidence: Series[str] = pa.Field(isin=CONFIDENCE)
    notes: Series[str] = _text(nullable=True)


class Consortia(_Sourced):
    id: Series[str] = pa.Field(unique=True)
    name_zh: Series[str]
    kind: Series[str] = pa.Field(isin=["市域产教联合体", "行业产教融合共同体", "产教融合共同体", "职教集团", "other"])
    scope: Series[str] = pa.Field(isin=["national", "chengdu-chongqing", "municipal", "district", "unknown"])
    sector_zh: Series[str] = _text(nullable=True)
    category_codes: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{2}(\|\d{2})*$")
    lead_institutions: Series[str] = _text(nullable=True)
    lead_enterprises: Series[str] = _text(nullable=True)
    other_members_note: Series[str] = _text(nullable=True)
    founded_date: Series[str] = pa.Field(nullable=True, str_matches=DATE_OR_PARTIAL)
    district: Series[str] = _text(nullable=True)
    recognition: Series[str] = _text(nullable=True)


class CollegeBudgets(_Sourced):
    college_name: Series[str]
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    budget_total_10k_yuan: Series[float] = _amount(le=10_000_000)
    budget_kind: Series[str]
    rank_in_source: Series[Int] = pa.Field(nullable=True, ge=1)

    class Config:
        unique = ["college_name", "year", "budget_kind"]


class BudgetFacts(_Sourced):
    region: Series[str]
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    scope: Series[str]
    measure: Series[str]
    value_as_stated: Series[float]
    unit_as_stated: Series[str]
    value_10k_yuan: Series[float] = pa.Field(nullable=True, ge=0)
    rank_in_source: Series[Int] = pa.Field(nullable=True, ge=1)


class SpecialtyAdjustments(_Sourced):
    region: Series[str]
    year: Series[Int] = pa.Field(nullable=True, in_range=YEAR_RANGE)
    level: Series[str]
    measure: Series[str]
    category_code: Series[Int] = pa.Field(nullable=True, in_range=CATEGORY_RANGE)
    category_name: Series[str] = _text(nullable=True)
    value: Series[float]


# ---- the seed paper -------------------------------------------------------------------------


class PaperFigures(_Strict):
    id: Series[str] = pa.Field(unique=True)
    topic: Series[str]
    year: Series[Int] = pa.Field(nullable=True, in_range=YEAR_RANGE)
    value: Series[float] = pa.Field(nullable=True)
    unit_zh: Series[str] = _text(nullable=True)
    unit_en: Series[str] = _text(nullable=True)
    claim_zh: Series[str]
    claim_en: Series[str]
    verification_zh: Series[str]
    verification_en: Series[str]


class PolicyTimeline(_Strict):
    date: Series[str] = pa.Field(str_matches=DATE_OR_PARTIAL)
    level: Series[str] = pa.Field(isin=["national", "chongqing", "other_province"])
    title_zh: Series[str] = pa.Field(unique=True)
    title_en: Series[str]
    summary_zh: Series[str]
    summary_en: Series[str]


# ---- MOE specialty register (高职专科 拟招生专业设置备案结果) ------------------------------------

CATALOGUE_CATEGORY_RANGE = {"min_value": 41, "max_value": 69}  # 2021: 41–59; 2015: 51–69
SCOPE = ["all", "zhuanke"]
CHANGE_FIELDS = ("added", "removed", "net")
SCHOOL_CODE = r"^(\d{10}|.+:.+)$"  # 学校标识码, or province:name for the few rows without one


class SpecialtyPointsProvince(_Strict):
    """Specialty points by year, province (兵团 merged into 新疆), scope and 大类."""

    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    scope: Series[str] = pa.Field(isin=SCOPE)
    catalogue: Series[Int] = pa.Field(isin=[2015, 2021])
    category_code: Series[Int] = pa.Field(in_range=CATALOGUE_CATEGORY_RANGE)
    category_code_2021: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)
    records: Series[Int] = _amount(le=100_000)
    pairs: Series[Int] = _amount(le=100_000)
    institutions: Series[Int] = _amount(le=1_000)

    class Config:
        unique = ["year", "province_adcode", "scope", "category_code"]


class SpecialtyPointsInstitution(_Strict):
    """Specialty points by year, institution and 大类 (every institution in the register)."""

    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    code: Series[str] = pa.Field(str_matches=SCHOOL_CODE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    category_code: Series[Int] = pa.Field(in_range=CATALOGUE_CATEGORY_RANGE)
    category_code_2021: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)
    records: Series[Int] = _amount(le=1_000)
    pairs: Series[Int] = _amount(le=1_000)

    class Config:
        unique = ["year", "code", "province_adcode", "category_code"]


class RegisterInstitutions(_Strict):
    code: Series[str] = pa.Field(str_matches=SCHOOL_CODE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    name: Series[str]
    names: Series[str]
    moe_name_2025: Series[str] = _text(nullable=True)
    moe_level: Series[str] = pa.Field(nullable=True, isin=["本科", "专科", "成人高校"])
    moe_remark: Series[str] = _text(nullable=True)
    moe_match: Series[str]
    first_year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    last_year: Series[Int] = pa.Field(in_range=YEAR_RANGE)

    class Config:
        unique = ["code", "province_adcode"]


class CqSpecialties(_Strict):
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    code: Series[str] = pa.Field(str_matches=r"^\d{10}$")
    major_code: Series[str] = pa.Field(str_matches=r"^\d{6}[A-Z]?$")
    major_name: Series[str]
    duration_years: Series[Int] = pa.Field(nullable=True, isin=[2, 3, 4, 5])
    category_code: Series[Int] = pa.Field(in_range=CATALOGUE_CATEGORY_RANGE)
    category_code_2021: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)

    class Config:
        unique = ["year", "code", "major_code", "duration_years"]


class _Changes(_Strict):
    """新增/撤销 counts, the last columns of a changes table (see column_order)."""

    added: Series[Int] = _amount(le=100_000)
    removed: Series[Int] = _amount(le=100_000)
    net: Series[Int] = pa.Field(ge=-100_000, le=100_000)


class SpecialtyChangesProvince(_Changes):
    """新增/撤销 of school–specialty pairs by year, province, scope and 大类 (within one catalogue)."""

    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    scope: Series[str] = pa.Field(isin=SCOPE)
    category_code: Series[Int] = pa.Field(in_range=CATALOGUE_CATEGORY_RANGE)
    category_code_2021: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)

    class Config:
        unique = ["year", "province_adcode", "scope", "category_code"]


class SpecialtyChangesInstitution(_Changes):
    """新增/撤销 of school–specialty pairs by year, institution and 大类 (within one catalogue)."""

    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    code: Series[str] = pa.Field(str_matches=SCHOOL_CODE)
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    category_code: Series[Int] = pa.Field(in_range=CATALOGUE_CATEGORY_RANGE)
    category_code_2021: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)

    class Config:
        unique = ["year", "code", "province_adcode", "category_code"]


# ---- demo and importable supply data -------------------------------------------------------


class SpecialtyPoints(_Strict):
    """Specialty points (专业布点) by region, year and category: the supply side of demand fit."""

    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    category_code: Series[Int] = pa.Field(in_range=CATEGORY_RANGE)
    points: Series[Int] = _amount(le=100_000)
    added: Series[Int] = _amount(le=100_000)
    removed: Series[Int] = _amount(le=100_000)
    is_demo: Series[str] = pa.Field(isin=["true", "false"])

    class Config:
        unique = ["province_adcode", "year", "category_code"]


class DemoCollegeBudgets(_Strict):
    college_name_zh: Series[str] = pa.Field(str_startswith="示例")
    college_name_en: Series[str] = pa.Field(str_startswith="Demo")
    province_adcode: Series[Int] = pa.Field(in_range=ADCODE_RANGE)
    year: Series[Int] = pa.Field(in_range=YEAR_RANGE)
    budget_total_10k_yuan: Series[float] = _amount(le=10_000_000)
    enrollment: Series[Int] = _amount(le=100_000)
    is_demo: Series[str] = pa.Field(isin=["true"])

    class Config:
        unique = ["college_name_zh", "year"]


class DemoConsortia(_Strict):
    id: Series[str] = pa.Field(unique=True, str_startswith="DEMO")
    name_zh: Series[str] = pa.Field(str_startswith="示例")
    name_en: Series[str] = pa.Field(str_startswith="Demo")
    kind: Series[str] = pa.Field(isin=["市域产教联合体", "行业产教融合共同体"])
    scope: Series[str] = pa.Field(isin=["national", "chengdu-chongqing", "municipal", "district"])
    category_codes: Series[str] = pa.Field(str_matches=r"^\d{2}(\|\d{2})*$")
    lead_institutions: Series[str]
    members: Series[str]
    founded_date: Series[str] = pa.Field(str_matches=DATE_OR_PARTIAL)
    district_adcode: Series[Int] = pa.Field(in_range=CQ_DISTRICT_RANGE)
    is_demo: Series[str] = pa.Field(isin=["true"])


SCHEMAS: dict[str, type[pa.DataFrameModel]] = {
    model.__name__: model
    for model in (
        Provinces,
        CqDistricts,
        SpecialtyCategories,
        IndustrySections,
        Crosswalk,
        Institutions,
        InstitutionChanges,
        ProvinceGdp,
        ProvinceEmploymentBySection,
        ProvinceEmploymentTotal,
        ProvincePopulation,
        ProvinceStudents,
        CqColleges,
        CqCampuses,
        Consortia,
        CollegeBudgets,
        BudgetFacts,
        SpecialtyAdjustments,
        PaperFigures,
        PolicyTimeline,
        SpecialtyPoints,
        SpecialtyPointsProvince,
        SpecialtyPointsInstitution,
        RegisterInstitutions,
        CqSpecialties,
        SpecialtyChangesProvince,
        SpecialtyChangesInstitution,
        DemoCollegeBudgets,
        DemoConsortia,
    )
}
