"""Builders: raw source files in, curated DataFrames out, with checks that stop the build loudly."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from vetdash.analysis.institutions import edition_changes
from vetdash.sources import moe_list, nbs


class BuildCheckError(RuntimeError):
    """A check on the raw data failed; the message says which and by how much."""


def check(condition: bool, message: str) -> None:
    """Raise BuildCheckError(``message``) unless ``condition`` holds; the build's one way to stop."""
    if not condition:
        raise BuildCheckError(message)


def read_raw_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV (BOM allowed) as dicts, header names as keys, cells stripped, empty cells as ""."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def province_lookup(provinces: pd.DataFrame) -> dict[str, int]:
    """Full and short Chinese province names -> adcode (the MOE list uses full names, MOE statistics short ones).

    Args: ``provinces`` the reference table (adcode, name_zh, short_zh).
    """
    lookup = dict(zip(provinces["name_zh"], provinces["adcode"], strict=True))
    lookup.update(zip(provinces["short_zh"], provinces["adcode"], strict=True))
    return {name: int(code) for name, code in lookup.items()}


# ---- institutions ---------------------------------------------------------------------------

MOE_2025_XLS = "moe-hei-list-2025/moe_regular_hei_list_2025-06-20.xls"
MOE_2024_CSV = "moe-hei-list-2024/regular_hei_list_2024-06-20_csv_conversion_stbui.csv"
# The only heading whose stated count differs from its rows (see the institutions notes).
KNOWN_HEADING_QUIRKS = {"2025-06-20": {"海南省": (27, 28)}}
EXPECTED_TOTALS = {
    "2025-06-20": {"本科": 1365, "专科": 1554, "重庆市": (29, 46)},
    "2024-06-20": {"本科": 1308, "专科": 1560, "重庆市": (28, 45)},
}


def institutions_frame(parsed: moe_list.MoeList, list_date: str, lookup: dict[str, int]) -> pd.DataFrame:
    """One edition of the MOE list as rows of the ``Institutions`` schema, checked against the publisher's totals.

    Args: ``parsed`` from ``sources.moe_list``; ``list_date`` a key of ``EXPECTED_TOTALS``;
    ``lookup`` from ``province_lookup``.
    Checks: heading counts match the listed rows (but for ``KNOWN_HEADING_QUIRKS``), every
    province is known, 本科/专科 totals and Chongqing's match ``EXPECTED_TOTALS``, codes unique.
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    mismatches = parsed.heading_mismatches()
    check(
        mismatches == KNOWN_HEADING_QUIRKS.get(list_date, {}),
        f"MOE list {list_date}: heading counts differ from listed rows: {mismatches}",
    )
    unknown = sorted({i.province for i in parsed.institutions} - set(lookup))
    check(not unknown, f"MOE list {list_date}: provinces not in the reference table: {unknown}")
    frame = pd.DataFrame(
        {
            "list_date": list_date,
            "seq": [i.seq for i in parsed.institutions],
            "code": [i.code for i in parsed.institutions],
            "name": [i.name for i in parsed.institutions],
            "province_adcode": [lookup[i.province] for i in parsed.institutions],
            "city": [i.city for i in parsed.institutions],
            "level": [i.level for i in parsed.institutions],
            "ownership": [i.ownership for i in parsed.institutions],
            "authority": [i.authority for i in parsed.institutions],
            "remark_zh": [i.remark for i in parsed.institutions],
        }
    )
    expected = EXPECTED_TOTALS[list_date]
    by_level = frame["level"].value_counts().to_dict()
    check(
        by_level.get("本科") == expected["本科"] and by_level.get("专科") == expected["专科"],
        f"MOE list {list_date}: expected {expected['本科']} 本科 + {expected['专科']} 专科, found {by_level}",
    )
    cq = frame[frame["province_adcode"] == lookup["重庆市"]]["level"].value_counts().to_dict()
    check(
        (cq.get("本科"), cq.get("专科")) == expected["重庆市"],
        f"MOE list {list_date}: expected Chongqing {expected['重庆市']}, found {cq}",
    )
    check(frame["code"].is_unique, f"MOE list {list_date}: duplicate institution codes")
    return frame


def build_institutions(raw: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """Both MOE list editions (2025-06-20 .xls, 2024-06-20 CSV export) as the ``institutions`` table.

    Returns the ``Institutions`` columns, 2025 rows first. Source: MOE 全国普通高等学校名单 (official).
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    lookup = province_lookup(provinces)
    newest = institutions_frame(moe_list.read_xls(raw / MOE_2025_XLS), "2025-06-20", lookup)
    older = institutions_frame(moe_list.read_csv_export(raw / MOE_2024_CSV), "2024-06-20", lookup)
    return pd.concat([newest, older], ignore_index=True)


def build_institution_changes(institutions: pd.DataFrame) -> pd.DataFrame:
    """Changes between the 2024 and 2025 editions (``analysis.institutions.edition_changes``).

    Raises BuildCheckError when added − closed differs from the net change in rows.
    """
    frame = edition_changes(institutions, "2024-06-20", "2025-06-20")
    net = int((institutions["list_date"] == "2025-06-20").sum() - (institutions["list_date"] == "2024-06-20").sum())
    added = (frame["change"] == "added").sum()
    closed = (frame["change"] == "closed").sum()
    check(added - closed == net, f"institution changes: {added} added - {closed} closed != net change {net}")
    return frame


# ---- NBS province economy -------------------------------------------------------------------

NBS_DIR = "nbs-province-economy"
GDP_COLUMNS = {
    "地区生产总值": "gdp",
    "第一产业增加值": "primary_va",
    "第二产业增加值": "secondary_va",
    "第三产业增加值": "tertiary_va",
    "农林牧渔业增加值": "agri_forestry_animal_fishery_va",
    "工业增加值": "industry_va",
    "建筑业增加值": "construction_va",
    "批发和零售业增加值": "wholesale_retail_va",
    "交通运输、仓储和邮政业增加值": "transport_storage_post_va",
    "住宿和餐饮业增加值": "accommodation_catering_va",
    "金融业增加值": "finance_va",
    "房地产业增加值": "real_estate_va",
    "其他行业增加值": "other_services_va",
    "人均地区生产总值": "gdp_per_capita_yuan",
}
GDP_YEARS = range(2019, 2025)
SECTOR_VA = [c for c in GDP_COLUMNS.values() if c.endswith("_va") and c not in ("primary_va", "secondary_va", "tertiary_va")]
# NBS rounds each published figure to 0.1, so sums may be off by a few tenths.
SUM_TOLERANCE = 0.3 + 1e-6  # plus float noise


def _rows_by_adcode(export: nbs.NbsExport, lookup: dict[str, int], file_name: str) -> dict[int, list[float]]:
    """Each province's values by adcode; every one of the 31 provinces present with every value."""
    unknown = sorted(set(export.rows) - set(lookup))
    check(not unknown, f"{file_name}: regions not in the reference table: {unknown}")
    check(len(export.rows) == 31, f"{file_name}: expected 31 provinces, found {len(export.rows)}")
    rows = {}
    for name, values in export.rows.items():
        complete = [v for v in values if v is not None]
        check(len(complete) == len(values), f"{file_name}: missing value for {lookup[name]}")
        rows[lookup[name]] = complete
    return rows


def build_province_gdp(raw: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """GDP and value added by industry, 2019–2024, from the NBS exports (the ``ProvinceGdp`` columns).

    Units: 亿元 at current prices; gdp_per_capita_yuan in 元. Checks: the three sectors and the nine
    industries each add up to GDP within ``SUM_TOLERANCE``. Source: NBS 分省年度数据 (official).
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    lookup = province_lookup(provinces)
    records = []
    for year in GDP_YEARS:
        name = f"nbs_raw_gdp_by_industry_{year}.csv"
        export = nbs.read_export(raw / NBS_DIR / name)
        check(export.period == f"{year}年", f"{name}: period {export.period!r}, expected {year}年")
        check(export.columns == list(GDP_COLUMNS), f"{name}: unexpected indicators {export.columns}")
        for adcode, values in _rows_by_adcode(export, lookup, name).items():
            record = {"year": year, "province_adcode": adcode, **dict(zip(GDP_COLUMNS.values(), values, strict=True))}
            record["gdp_per_capita_yuan"] = int(record["gdp_per_capita_yuan"])
            three = record["primary_va"] + record["secondary_va"] + record["tertiary_va"]
            check(
                abs(three - record["gdp"]) <= SUM_TOLERANCE, f"{name} {adcode}: three sectors {three:.1f} != GDP {record['gdp']}"
            )
            nine = sum(record[c] for c in SECTOR_VA)
            check(abs(nine - record["gdp"]) <= SUM_TOLERANCE, f"{name} {adcode}: nine sectors {nine:.1f} != GDP {record['gdp']}")
            records.append(record)
    return pd.DataFrame(records).sort_values(["year", "province_adcode"], ignore_index=True)


def build_employment_by_section(raw: Path, provinces: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Urban non-private-unit employment by GB/T 4754 section, 2024 (the ``ProvinceEmploymentBySection`` columns).

    Units: 万人. Checks as ``employment_by_section_from_export``. Source: NBS 城镇非私营单位就业人员 (official).
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    name = "nbs_raw_urban_unit_employment_by_industry_2024.csv"
    export = nbs.read_export(raw / NBS_DIR / name)
    return employment_by_section_from_export(export, province_lookup(provinces), sections, 2024, name)


EMPLOYMENT_TOTAL_COLUMN = "城镇单位就业人员"


def employment_by_section_from_export(
    export: nbs.NbsExport, lookup: dict[str, int], sections: pd.DataFrame, year: int, name: str
) -> pd.DataFrame:
    """One year's NBS export of urban-unit employment by industry (总计 then one column per industry)
    as ``ProvinceEmploymentBySection`` rows (万人); the build and the administrators' import share it.

    Args: ``lookup`` province name -> adcode; ``sections`` the GB/T 4754 sections (code, name_zh);
    ``name`` the file's name for messages. Checks: every column matches one section A–S once; the
    sections add up to each province's total within ``SUM_TOLERANCE``; all 31 provinces, no value
    missing. Raises BuildCheckError when a check fails.
    """
    suffix = EMPLOYMENT_TOTAL_COLUMN

    def normalised(text: str) -> str:
        return text.removesuffix(suffix).replace("、", "").removesuffix("业")

    by_name = {normalised(n): c for n, c in zip(sections["name_zh"], sections["code"], strict=True)}
    check(bool(export.columns) and export.columns[0] == suffix, f"{name}: first column should be the total {suffix}")
    # NBS orders the sections its own way (G and I before F), so match them by name.
    unmatched = [c for c in export.columns[1:] if normalised(c) not in by_name]
    check(not unmatched, f"{name}: columns not matched to a GB/T 4754 section: {unmatched}")
    section_codes = [by_name[normalised(c)] for c in export.columns[1:]]
    check(len(set(section_codes)) == 19 and "T" not in section_codes, f"{name}: expected sections A–S once each")
    records = []
    for adcode, values in _rows_by_adcode(export, lookup, name).items():
        total, parts = values[0], values[1:]
        check(abs(sum(parts) - total) <= SUM_TOLERANCE, f"{name} {adcode}: sections sum {sum(parts):.1f} != total {total}")
        records += [
            {"year": year, "province_adcode": adcode, "section": code, "employed_10k": value}
            for code, value in zip(section_codes, parts, strict=True)
        ]
    return pd.DataFrame(records).sort_values(["year", "province_adcode", "section"], ignore_index=True)


def build_employment_total(raw: Path, provinces: pd.DataFrame, by_section: pd.DataFrame) -> pd.DataFrame:
    """Urban non-private-unit employment totals, 2016–2024 (the ``ProvinceEmploymentTotal`` columns, 万人).

    Checks: the 2024 totals agree with ``by_section`` summed per province. Source: NBS (official).
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    lookup = province_lookup(provinces)
    name = "nbs_raw_urban_unit_employment_total_2016_2024.csv"
    export = nbs.read_export(raw / NBS_DIR / name)
    records = [
        {"year": int(year), "province_adcode": adcode, "employed_10k": value}
        for adcode, values in _rows_by_adcode(export, lookup, name).items()
        for year, value in zip(export.columns, values, strict=True)
    ]
    frame = pd.DataFrame(records).sort_values(["year", "province_adcode"], ignore_index=True)
    sections_2024 = by_section.groupby("province_adcode")["employed_10k"].sum()
    totals_2024 = frame[frame["year"] == 2024].set_index("province_adcode")["employed_10k"]
    gap = (sections_2024 - totals_2024).abs().max()
    check(gap <= SUM_TOLERANCE, f"{name}: 2024 totals differ from the by-section file by up to {gap:.2f}")
    return frame


def build_population(raw: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """Year-end resident population 2024 (the ``ProvincePopulation`` columns, 万人).

    Checks as ``population_from_export``. Source: NBS 年末常住人口 (official).
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    name = "nbs_raw_population_2024.csv"
    export = nbs.read_export(raw / NBS_DIR / name)
    return population_from_export(export, province_lookup(provinces), 2024, name)


POPULATION_COLUMNS = {"年末常住人口": "resident_pop_10k", "城镇人口": "urban_pop_10k", "乡村人口": "rural_pop_10k"}


def population_from_export(export: nbs.NbsExport, lookup: dict[str, int], year: int, name: str) -> pd.DataFrame:
    """One year's NBS export of year-end population (年末常住人口, 城镇人口, 乡村人口) as
    ``ProvincePopulation`` rows (万人); the build and the administrators' import share it.

    Args: ``lookup`` province name -> adcode; ``name`` the file's name for messages. Checks: the
    three columns in that order; urban + rural = resident within 1 万人; all 31 provinces, no value
    missing. Raises BuildCheckError when a check fails.
    """
    check(export.columns == list(POPULATION_COLUMNS), f"{name}: unexpected columns {export.columns}")
    records = []
    for adcode, (resident, urban, rural) in _rows_by_adcode(export, lookup, name).items():
        check(abs(urban + rural - resident) <= 1, f"{name} {adcode}: urban + rural != resident")
        records.append(
            {
                "year": year,
                "province_adcode": adcode,
                "resident_pop_10k": resident,
                "urban_pop_10k": urban,
                "rural_pop_10k": rural,
            }
        )
    return pd.DataFrame(records).sort_values("province_adcode", ignore_index=True)


# ---- compiled tables ------------------------------------------------------------------------


def build_students(raw: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """Undergraduate and vocational entrants and enrolment by province, 2024 (the ``ProvinceStudents`` columns, persons).

    Checks: 本科 + 职业 = the stated total for every province; 31 provinces. Source: MOE 2024
    education statistics, transcribed by a third party (compiled).
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    lookup = province_lookup(provinces)
    rows = read_raw_csv(raw / "moe-student-stats-2024/province_students_2024.csv")
    records = []
    for row in rows:
        values = {k: int(v) for k, v in row.items() if k != "province"}
        for kind in ("entrants", "enrollment"):
            stated = values[f"regular_and_vocational_{kind}"]
            check(
                values[f"undergraduate_{kind}"] + values[f"vocational_{kind}"] == stated,
                f"students {row['province']}: {kind} parts do not add up to {stated}",
            )
        records.append(
            {
                "year": 2024,
                "province_adcode": lookup[row["province"]],
                "undergraduate_entrants": values["undergraduate_entrants"],
                "undergraduate_enrollment": values["undergraduate_enrollment"],
                "vocational_entrants": values["vocational_entrants"],
                "vocational_enrollment": values["vocational_enrollment"],
            }
        )
    check(len(records) == 31, f"students: expected 31 provinces, found {len(records)}")
    return pd.DataFrame(records).sort_values("province_adcode", ignore_index=True)


def _number(text: str) -> float | None:
    return float(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def build_cq_colleges(raw: Path, institutions: pd.DataFrame) -> pd.DataFrame:
    """Chongqing colleges with district and main-campus point (the ``CqColleges`` columns; points GCJ-02 degrees).

    Checks: the codes are exactly Chongqing's in the 2025 MOE list (``institutions``). Sources:
    gaokao.cn profiles and Baidu points, compiled.
    Raises BuildCheckError when a check fails (the message says which and by how much), OSError when a raw file is missing.
    """
    rows = read_raw_csv(raw / "chongqing-college-locations/chongqing_colleges_location.csv")
    frame = pd.DataFrame(
        [
            {
                "code": r["code"],
                "name": r["name"],
                "name_later": r["name_2026_atlas"] or None,
                "main_campus": r["main_campus"] or None,
                "main_address": r["main_address"] or None,
                "district_adcode": _int(r["district_adcode"]),
                "district_method": r["district_method"],
                "lon_gcj02": _number(r["lon_gcj02"]),
                "lat_gcj02": _number(r["lat_gcj02"]),
                "coord_source_poi": r["coord_source_poi"] or None,
                "coord_match": r["coord_match"] or None,
                "n_campuses_listed": int(r["n_campuses_listed"]),
                "all_campus_districts": r["all_campus_districts"] or None,
            }
            for r in rows
        ]
    )
    cq_2025 = institutions[(institutions["list_date"] == "2025-06-20") & (institutions["province_adcode"] == 500000)]
    check(set(frame["code"]) == set(cq_2025["code"]), "college locations: codes differ from the 2025 MOE list for Chongqing")
    return frame.sort_values("code", ignore_index=True)


def build_cq_campuses(raw: Path) -> pd.DataFrame:
    """Every listed campus of the Chongqing colleges (the ``CqCampuses`` columns; points GCJ-02 degrees).

    Raises OSError when the raw file is missing. Sources as ``build_cq_colleges``.
    """
    rows = read_raw_csv(raw / "chongqing-college-locations/chongqing_college_campuses.csv")
    frame = pd.DataFrame(
        [
            {
                "code": r["code"],
                "campus_order": int(r["campus_order"]),
                "campus": r["campus"] or None,
                "address": r["address"] or None,
                "district_adcode": _int(r["district_adcode"]),
                "district_method": r["district_method"],
                "lon_gcj02": _number(r["lon_gcj02"]),
                "lat_gcj02": _number(r["lat_gcj02"]),
            }
            for r in rows
        ]
    )
    return frame.sort_values(["code", "campus_order"], ignore_index=True)


SOURCE_COLUMNS = ["source_title", "source_url", "source_publisher", "source_date", "evidence_quote_zh", "confidence", "notes"]

# Publisher descriptions that mark a page as a copy or an unnamed outlet; checked before the others.
LOW_CONFIDENCE_MARKERS = ("aggregator", "mirror", "WeChat", "unknown", "thearxiv", "trade news")
HIGH_CONFIDENCE_MARKERS = ("学院", "大学", "gov.cn")

# Sector words in the register -> 2021 specialty categories (41–59) that train for that sector.
SECTOR_CATEGORIES: list[tuple[str, tuple[int, ...]]] = [
    ("汽车", (46,)),
    ("零部件", (46,)),
    ("智能网联", (51,)),
    ("智能制造", (46,)),
    ("智能装备", (46,)),
    ("装备制造", (46,)),
    ("制造技术", (46,)),
    ("机器人", (46,)),
    ("电子", (51,)),
    ("万物智联", (51,)),
    ("人工智能", (51,)),
    ("大数据", (51,)),
    ("文化旅游", (54, 55)),
    ("文化和旅游", (54, 55)),
    ("食品", (49,)),
    ("轻纺", (48,)),
    ("生物医药", (47, 49)),
    ("材料", (43,)),
    ("零售", (53,)),
    ("商贸", (53,)),
]


def consortium_confidence(publisher: str) -> str:
    """Confidence of a register row from its publisher: "low" for copies and unnamed outlets, "high" for college or government pages, else "medium"."""
    if any(marker in publisher for marker in LOW_CONFIDENCE_MARKERS):
        return "low"
    if any(marker in publisher for marker in HIGH_CONFIDENCE_MARKERS):
        return "high"
    return "medium"


def sector_categories(sector_zh: str) -> str | None:
    """The specialty categories (41–59) a sector description trains for, by the keyword table ``SECTOR_CATEGORIES``.

    Returns "46|51"-style codes, or None when no keyword matches (the row stays unmapped).
    """
    codes = sorted({code for word, codes in SECTOR_CATEGORIES if word in sector_zh for code in codes})
    return "|".join(str(c) for c in codes) or None


def build_consortia(raw: Path) -> pd.DataFrame:
    """The news-compiled consortia register (the ``Consortia`` columns) with confidence and category_codes derived.

    Source: news and college pages, one cited per row (compiled). Raises OSError when the raw file is missing.
    """
    rows = read_raw_csv(raw / "chongqing-consortia-news/consortia_register.csv")
    records = []
    for r in rows:
        record: dict[str, object] = {k: (v or None) for k, v in r.items()}
        record["confidence"] = consortium_confidence(r["source_publisher"])
        record["category_codes"] = sector_categories(r["sector_zh"])
        records.append(record)
    columns = [
        "id", "name_zh", "kind", "scope", "sector_zh", "category_codes", "lead_institutions", "lead_enterprises",
        "other_members_note", "founded_date", "district", "recognition", *SOURCE_COLUMNS,
    ]  # fmt: skip
    return pd.DataFrame(records)[columns]


def build_college_budgets(raw: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """Departmental budgets of vocational colleges found in the news (the ``CollegeBudgets`` columns, budget in 万元).

    Raises KeyError for a province name not in ``provinces``, ValueError for a number that does not parse.
    """
    lookup = province_lookup(provinces)
    rows = read_raw_csv(raw / "vocational-budgets-news/college_budgets.csv")
    records = []
    for r in rows:
        record: dict[str, object] = {k: (v or None) for k, v in r.items() if k != "province"}
        record["province_adcode"] = lookup[r["province"]]
        record["year"] = int(r["year"])
        record["budget_total_10k_yuan"] = float(r["budget_total_10k_yuan"])
        record["rank_in_source"] = _int(r["rank_in_source"])
        records.append(record)
    columns = [
        "college_name",
        "province_adcode",
        "year",
        "budget_total_10k_yuan",
        "budget_kind",
        "rank_in_source",
        *SOURCE_COLUMNS,
    ]
    return pd.DataFrame(records)[columns]


def build_budget_facts(raw: Path) -> pd.DataFrame:
    """National and provincial budget facts from the news (the ``BudgetFacts`` columns; value_10k_yuan in 万元 where comparable).

    Raises ValueError for a number that does not parse, OSError when the raw file is missing.
    """
    rows = read_raw_csv(raw / "vocational-budgets-news/province_budget_facts.csv")
    records = []
    for r in rows:
        record: dict[str, object] = {k: (v or None) for k, v in r.items()}
        record["year"] = int(r["year"])
        record["value_as_stated"] = float(r["value_as_stated"])
        record["value_10k_yuan"] = _number(r["value_10k_yuan"])
        record["rank_in_source"] = _int(r["rank_in_source"])
        records.append(record)
    columns = [
        "region",
        "year",
        "scope",
        "measure",
        "value_as_stated",
        "unit_as_stated",
        "value_10k_yuan",
        "rank_in_source",
        *SOURCE_COLUMNS,
    ]
    return pd.DataFrame(records)[columns]


def build_specialty_adjustments(raw: Path) -> pd.DataFrame:
    """Specialty points and their adjustments from news and MOE notices (the ``SpecialtyAdjustments`` columns).

    Raises ValueError for a number that does not parse, OSError when the raw file is missing.
    """
    rows = read_raw_csv(raw / "specialty-adjustments-news/specialty_adjustments.csv")
    records = []
    for r in rows:
        record: dict[str, object] = {k: (v or None) for k, v in r.items()}
        record["year"] = _int(r["year"])
        record["category_code"] = _int(r["category_code"])
        record["value"] = float(r["value"])
        records.append(record)
    columns = ["region", "year", "level", "measure", "category_code", "category_name", "value", *SOURCE_COLUMNS]
    return pd.DataFrame(records)[columns]


# ---- the seed paper -------------------------------------------------------------------------
# Figures as the paper states them; the verification columns say what our sources show.

PAPER_FIGURES = [
    {
        "id": "national_zhuanke_2023", "topic": "institutions", "year": 2023, "value": 1547.0, "unit_zh": "所", "unit_en": "schools",
        "claim_zh": "2023年全国共有高职（专科）学校1547所。",
        "claim_en": "China had 1,547 higher-vocational (junior college) schools in 2023.",
        "verification_zh": "与教育部2024年3月1日发布会公布的2023年统计一致。",
        "verification_en": "Matches the 2023 statistics MOE announced on 1 March 2024.",
    },
    {
        "id": "cq_zhuanke_2023", "topic": "institutions", "year": 2023, "value": 45.0, "unit_zh": "所", "unit_en": "schools",
        "claim_zh": "重庆有高职（专科）学校45所。",
        "claim_en": "Chongqing had 45 higher-vocational (junior college) schools.",
        "verification_zh": "2024年6月20日教育部名单中重庆为45所；2023年名单未能取得，无法核对；2025年名单为46所。",
        "verification_en": "The MOE list of 20 June 2024 gives Chongqing 45; the 2023 list could not be obtained; the 2025 list gives 46.",
    },
    {
        "id": "cq_zhuanke_share_stated", "topic": "institutions", "year": 2023, "value": 2.84, "unit_zh": "%", "unit_en": "%",
        "claim_zh": "重庆高职（专科）学校占全国的2.84%。",
        "claim_en": "Chongqing holds 2.84% of the country's higher-vocational schools.",
        "verification_zh": "按论文自身的45与1547计算为2.91%，与所述2.84%不符。",
        "verification_en": "The paper's own 45 and 1,547 give 2.91%, not the stated 2.84%.",
    },
    {
        "id": "cq_budget_rank", "topic": "budget", "year": 2024, "value": 4.0, "unit_zh": "位", "unit_en": "rank",
        "claim_zh": "按截至2024年3月公布的部门预算，重庆公办高职预算居全国第4位。",
        "claim_en": "By departmental budgets published by March 2024, Chongqing's public vocational colleges ranked 4th nationally.",
        "verification_zh": "未找到所依据的排名；能找到的省级排名是全部高校（以本科为主）预算合计，前三为北京、江苏、上海。未核实。",
        "verification_en": "The underlying ranking was not found; the provincial ranking that exists sums all universities (mostly undergraduate), led by Beijing, Jiangsu and Shanghai. Unverified.",
    },
    {
        "id": "cq_communities", "topic": "consortia", "year": None, "value": 4.0, "unit_zh": "个", "unit_en": "communities",
        "claim_zh": "重庆有4个行业产教融合共同体，集中在智能制造、交通运输和科技领域。",
        "claim_en": "Chongqing has four industry–education integration communities, in intelligent manufacturing, transportation and technology.",
        "verification_zh": "未找到列出这4个共同体的页面；汇编名录中有2个由重庆单位牵头的全国性共同体（万物智联；智能与新能源汽车）。未核实。",
        "verification_en": "No page naming these four was found; the compiled register has two national communities led from Chongqing (connected devices; intelligent and new-energy vehicles). Unverified.",
    },
    {
        "id": "cq_new_undergrad_points", "topic": "specialties", "year": None, "value": 56.0, "unit_zh": "个", "unit_en": "points",
        "claim_zh": "重庆新增56个支撑区域产业的本科专业点。",
        "claim_en": "Chongqing added 56 undergraduate specialty points that support regional industries.",
        "verification_zh": "出自重庆日报关于「四新」建设的报道：为多年累计的本科（非高职）专业点；原文地址与日期未能找到。",
        "verification_en": "From a Chongqing Daily article on the 'four new' disciplines: a multi-year total of undergraduate (not vocational) points; the article's address and date were not found.",
    },
    {
        "id": "cq_coop_platforms", "topic": "integration", "year": None, "value": 40.0, "unit_zh": "所以上", "unit_en": "colleges or more",
        "claim_zh": "重庆40余所高职院校建有校企合作平台。",
        "claim_en": "More than 40 Chongqing vocational colleges run school–enterprise cooperation platforms.",
        "verification_zh": "未找到可核对的数据来源。",
        "verification_en": "No source to check this against was found.",
    },
    {
        "id": "specialty_fit", "topic": "specialties", "year": None, "value": None, "unit_zh": None, "unit_en": None,
        "claim_zh": "重庆高职专业设置与产业需求脱节，专业结构调整滞后于产业发展。",
        "claim_en": "Chongqing's vocational specialties are out of touch with industry, and their adjustment lags behind industrial change.",
        "verification_zh": "论文未给出数字。看板以教育部专业备案（专业点）对比城镇非私营单位就业结构，计算匹配指数F核对（供需匹配页）。",
        "verification_en": "The paper gives no figure. The dashboard checks it with the fit index F: MOE's specialty register (points) against urban non-private employment (Demand fit page).",
    },
]  # fmt: skip

POLICY_TIMELINE = [
    {
        "date": "2022-04-20", "level": "national",
        "title_zh": "《中华人民共和国职业教育法》（2022年修订）",
        "title_en": "Vocational Education Law of the PRC (revised 2022)",
        "summary_zh": "首次修订，明确职业教育与普通教育同等重要，鼓励企业举办或参与职业教育，推进产教融合、校企合作；2022年5月1日起施行。",
        "summary_en": "First revision: vocational and general education are of equal importance; enterprises are encouraged to run or join vocational education and to integrate industry and education; in force from 1 May 2022.",
    },
    {
        "date": "2023-09", "level": "chongqing",
        "title_zh": "重庆市市域产教联合体建设实施方案（2023年9月，市政府办公厅印发）",
        "title_en": "Chongqing implementation plan for municipal industry–education consortia (September 2023)",
        "summary_zh": "部署市级产教联合体建设，提出到2027年由园区、行业企业和学校牵头组建联合体的目标。文件名称按论文表述。",
        "summary_en": "Sets out how municipal industry–education consortia are to be built, with targets to 2027 for consortia led by parks, industries and schools. Title as the paper describes it.",
    },
    {
        "date": "2023-10", "level": "other_province",
        "title_zh": "上海市深化产教融合十条措施（2023年10月）",
        "title_en": "Shanghai's ten measures on industry–education integration (October 2023)",
        "summary_zh": "论文作为参照提及的上海做法：以十条措施推动产教融合。文件名称按论文表述。",
        "summary_en": "Cited by the paper as a comparison: Shanghai's ten measures to deepen industry–education integration. Title as the paper describes it.",
    },
]  # fmt: skip


def build_paper_figures() -> pd.DataFrame:
    """The seed paper's figures as stated, with what our sources show (the ``PaperFigures`` columns; status paper)."""
    return pd.DataFrame(PAPER_FIGURES)


def build_policy_timeline() -> pd.DataFrame:
    """Policy documents named in the seed paper (the ``PolicyTimeline`` columns; status paper)."""
    return pd.DataFrame(POLICY_TIMELINE)
