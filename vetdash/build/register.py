"""Curated tables from MOE's specialty register (2016–2025), with the checks that stop the build.

新疆生产建设兵团 is a separate unit on the platform; its points are merged into 新疆 (650000) so that
every province-level comparison covers the same 31 units as the NBS and MOE statistics.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pandas as pd

from vetdash.analysis import register
from vetdash.build.tables import check, province_lookup
from vetdash.sources import moe_register

FOLDER = "specialty-register-moe"
ROWS_FILE = f"{FOLDER}/register_rows_2013_2025.csv.gz"
TOTALS_FILE = f"{FOLDER}/national_totals_check.csv"
CQ_RAW = FOLDER + "/raw_chongqing/moe_majors_重庆市_{year}.txt"
FIRST_YEAR = 2016  # the 2004 catalogue of 2013–2015 is not mapped to the 2021 大类
XINJIANG = 650000
BINGTUAN = "新疆生产建设兵团"
CHONGQING = 500000
CQ_RECORDS = {2019: 1483, 2020: 1596, 2021: 1676, 2022: 1841, 2023: 1939, 2024: 2117, 2025: 2379}


def load_rows(raw: Path, provinces: pd.DataFrame) -> pd.DataFrame:
    """Register records 2016–2025 with province_adcode, code, major, integer 大类 columns and zhuanke.

    Args: ``raw`` the raw-data folder holding ``ROWS_FILE`` and ``TOTALS_FILE`` (MOE 专业设置管理与公共
    信息服务平台 export); ``provinces`` the ``provinces`` table (adcode, name_zh, short_zh).
    Returns: the rows of ``prepare_rows``. Raises BuildCheckError when the national records per year differ
    from national_totals_check.csv or a check of ``prepare_rows`` fails; OSError when a file is missing.
    """
    rows = moe_register.read_rows(raw / ROWS_FILE)
    totals = pd.read_csv(raw / TOTALS_FILE)
    by_year = rows.groupby("year").size()
    expected = totals.set_index("year")["register_rows_after_dropping_exact_duplicates"]
    differ = {int(cast(int, y)): (int(by_year.get(y, 0)), int(n)) for y, n in expected.items() if by_year.get(y, 0) != n}
    check(not differ, f"register: national records per year differ from national_totals_check.csv: {differ}")

    return prepare_rows(rows, provinces)


def prepare_rows(rows: pd.DataFrame, provinces: pd.DataFrame) -> pd.DataFrame:
    """Register records from 2016, typed and keyed, with the checks that stop the build (also run on an import).

    Args: ``rows`` as ``moe_register.read_rows`` returns them (province, year, catalogue, major_code,
    category_code, category_code_2021_equiv, moe_level, …); ``provinces`` the ``provinces`` table.
    Returns: the rows plus province_adcode (int64; 兵团 as 新疆 650000), code (institution key), major
    (six-digit specialty code), category_code and category_code_2021 (int64 大类) and zhuanke (bool).
    Raises: BuildCheckError for a province not in the table, a 大类 that is not its specialty code's
    first two digits, a 2015-catalogue 大类 whose 2021 equivalent is not code − 10, or a 2021 大类 outside 41–59.
    """
    rows = rows[rows["year"] >= FIRST_YEAR].copy()
    lookup = province_lookup(provinces) | {BINGTUAN: XINJIANG}
    unknown = sorted(set(rows["province"]) - set(lookup))
    check(not unknown, f"register: provinces not in the reference table: {unknown}")
    rows["province_adcode"] = rows["province"].map(lookup).astype("int64")
    rows["code"] = moe_register.institution_code(rows)
    # 620101K and 620101 are one specialty (K marks state-controlled ones); pairs use the six digits.
    rows["major"] = rows["major_code"].str[:6]
    rows["category_code"] = rows["category_code"].astype("int64")
    rows["category_code_2021"] = rows["category_code_2021_equiv"].astype("int64")
    rows["zhuanke"] = rows["moe_level"] == "专科"
    check(
        bool((rows["major"].str[:2].astype("int64") == rows["category_code"]).all()),
        "register: a 大类 code differs from its specialty code's first two digits",
    )
    old = rows["catalogue"] == 2015
    equivalent = rows["category_code_2021"] == rows["category_code"] - old.astype("int64") * 10
    check(bool(equivalent.all()), "register: a 2021-equivalent 大类 is not the 2015 code − 10")
    check(bool(rows["category_code_2021"].between(41, 59).all()), "register: a 2021 大类 outside 41–59")
    return rows


def check_chongqing(raw: Path, rows: pd.DataFrame, institutions: pd.DataFrame) -> None:
    """Chongqing: records per year as stated, every row an MOE code, and the platform files agree.

    Args: ``raw`` the raw-data folder (holds the platform's per-year Chongqing text files, ``CQ_RAW``);
    ``rows`` as ``prepare_rows`` returns; ``institutions`` the MOE list (code).
    Raises: BuildCheckError when a year's Chongqing count differs from ``CQ_RECORDS``, a row has no MOE
    code or one off the list, or the rows differ from the platform file (school code and specialty code).
    """
    cq = rows[rows["province_adcode"] == CHONGQING]
    per_year = {int(y): int(n) for y, n in cq.groupby("year").size().items() if y in CQ_RECORDS}
    check(per_year == CQ_RECORDS, f"register: Chongqing records per year {per_year}, expected {CQ_RECORDS}")
    listed = set(institutions["code"])
    off_list = sorted(set(cq["code"]) - listed)
    check(not (cq["moe_code"] == "").any() and not off_list, f"register: Chongqing rows without an MOE code: {off_list}")
    for year, n in CQ_RECORDS.items():
        platform = moe_register.read_platform_file(raw / CQ_RAW.format(year=year))
        check(len(platform) == n, f"register: platform file for Chongqing {year} has {len(platform)} records, not {n}")
        ours = cq[cq["year"] == year]
        mine = sorted(zip(ours["school_code_in_source"], ours["major_code"], strict=True))
        theirs = sorted(zip(platform["school_code"], platform["major_code"], strict=True))
        check(mine == theirs, f"register: Chongqing {year} records differ from the platform file")


def build_points_province(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``specialty_points_province`` table: year × province × scope × 大类.

    Args: ``rows`` as ``prepare_rows`` returns (MOE register).
    Returns: columns year, province_adcode, catalogue, category_code, category_code_2021, records, pairs,
    institutions (int counts), scope ('all' | 'zhuanke'), sorted by year, province, scope, 大类.
    Raises: BuildCheckError when, in a scope, the provinces' records or pairs do not add up to the nation's.
    """
    keys = ["year", "province_adcode", *register.CATEGORY_KEYS]
    frames = []
    for scope in register.SCOPES:
        scoped = register.in_scope(rows, scope)
        frame = register.counts(scoped, keys)
        national = register.counts(scoped, ["year", *register.CATEGORY_KEYS])
        summed = frame.groupby(["year", *register.CATEGORY_KEYS], as_index=False)[["records", "pairs"]].sum()
        both = national.merge(summed, on=["year", *register.CATEGORY_KEYS], suffixes=("", "_sum"), how="outer")
        off = both[(both["records"] != both["records_sum"]) | (both["pairs"] != both["pairs_sum"])]
        check(
            off.empty,
            f"register ({scope}): provinces do not add up to the nation for {off[['year', 'category_code']].values.tolist()}",
        )
        frames.append(frame.assign(scope=scope))
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["year", "province_adcode", "scope", "category_code"]).reset_index(drop=True)


def build_points_institution(rows: pd.DataFrame, by_province: pd.DataFrame) -> pd.DataFrame:
    """The ``specialty_points_institution`` table: year × institution × 大类 (all scopes).

    Args: ``rows`` as ``prepare_rows`` returns; ``by_province`` the ``build_points_province`` table.
    Returns: columns year, code, province_adcode, category_code, category_code_2021, records, pairs.
    Raises: BuildCheckError when the institutions' records or pairs do not add up to their province's.
    """
    keys = ["year", "province_adcode", "code", *register.CATEGORY_KEYS]
    frame = register.counts(rows, keys).drop(columns="institutions")
    summed = frame.groupby(["year", "province_adcode", "category_code"], as_index=False)[["records", "pairs"]].sum()
    all_scope = by_province[by_province["scope"] == "all"]
    both = all_scope.merge(summed, on=["year", "province_adcode", "category_code"], suffixes=("", "_sum"), how="outer")
    off = both[(both["records"] != both["records_sum"]) | (both["pairs"] != both["pairs_sum"])]
    check(off.empty, f"register: institutions do not add up to their province: {off.head().values.tolist()}")
    columns = ["year", "code", "province_adcode", "category_code", "category_code_2021", "records", "pairs"]
    return frame[columns].sort_values(["year", "code", "province_adcode", "category_code"]).reset_index(drop=True)


def build_register_institutions(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``register_institutions`` table: one row per institution and province.

    Args: ``rows`` as ``prepare_rows`` returns.
    Returns: columns code, province_adcode, name (latest name on the platform), names (every name, "|"
    joined, oldest first), moe_name_2025, moe_level (本科 | 专科 | 成人高校 | None), moe_remark, moe_match,
    first_year, last_year.
    """
    ordered = rows.sort_values(["year", "school_name_in_source"])
    groups = ordered.groupby(["code", "province_adcode"], sort=True)
    out = groups.agg(
        name=("school_name_in_source", "last"),
        moe_name_2025=("moe_name_2025_list", "last"),
        moe_level=("moe_level", "last"),
        moe_remark=("moe_remark", "last"),
        moe_match=("moe_match", "last"),
        first_year=("year", "min"),
        last_year=("year", "max"),
    ).reset_index()
    names = groups["school_name_in_source"].agg(lambda s: "|".join(dict.fromkeys(s)))
    out["names"] = names.to_numpy()
    out["moe_level"] = out["moe_level"].replace("", None)
    return out[
        [
            "code",
            "province_adcode",
            "name",
            "names",
            "moe_name_2025",
            "moe_level",
            "moe_remark",
            "moe_match",
            "first_year",
            "last_year",
        ]
    ]


def build_cq_specialties(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``cq_specialties`` table: every Chongqing record by year and institution.

    Args: ``rows`` as ``prepare_rows`` returns.
    Returns: columns year, code, major_code, major_name, duration_years (修业年限, years; NA where the
    platform gives none), category_code, category_code_2021.
    """
    cq = rows[rows["province_adcode"] == CHONGQING]
    columns = ["year", "code", "major_code", "major_name", "duration_years", "category_code", "category_code_2021"]
    return cq[columns].sort_values(columns[:5], na_position="first").reset_index(drop=True)


def build_changes_province(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``specialty_changes_province`` table: 新增/撤销 of school–specialty pairs per province and 大类.

    Args: ``rows`` as ``prepare_rows`` returns.
    Returns: columns year, province_adcode, category_code, category_code_2021, added, removed, net
    (pairs), scope ('all' | 'zhuanke'); see ``analysis.register.changes`` for the counting rule.
    """
    keys = ["province_adcode", "category_code", "category_code_2021"]
    frames = [register.changes(register.in_scope(rows, scope), keys).assign(scope=scope) for scope in register.SCOPES]
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["year", "province_adcode", "scope", "category_code"]).reset_index(drop=True)


def build_changes_institution(rows: pd.DataFrame) -> pd.DataFrame:
    """The ``specialty_changes_institution`` table: 新增/撤销 per institution and 大类 (all scopes).

    Args: ``rows`` as ``prepare_rows`` returns.
    Returns: columns year, code, province_adcode, category_code, category_code_2021, added, removed, net.
    """
    keys = ["code", "province_adcode", "category_code", "category_code_2021"]
    return register.changes(rows, keys)


def build_register_tables(raw: Path, provinces: pd.DataFrame, institutions: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every register table, keyed by dataset name (``specialty_points_province`` … ``specialty_changes_institution``).

    Args: ``raw`` the raw-data folder; ``provinces`` the ``provinces`` table; ``institutions`` the MOE
    list (code). Returns: dataset name → table, columns as each ``build_*`` function says.
    Raises: BuildCheckError when a check fails (counts against the publisher's totals, Chongqing's
    platform files, sums across levels).
    """
    rows = load_rows(raw, provinces)
    check_chongqing(raw, rows, institutions)
    by_province = build_points_province(rows)
    return {
        "specialty_points_province": by_province,
        "specialty_points_institution": build_points_institution(rows, by_province),
        "register_institutions": build_register_institutions(rows),
        "cq_specialties": build_cq_specialties(rows),
        "specialty_changes_province": build_changes_province(rows),
        "specialty_changes_institution": build_changes_institution(rows),
    }
