"""Reader for MOE's register of 高职(专科) specialty points (拟招生专业设置备案结果).

Publisher: 教育部 全国职业院校专业设置管理与公共信息服务平台 (zyyxzy.moe.edu.cn, major-register search).
One row is one registered point: an institution, a specialty (6-digit code and name), a 修业年限 and a
year. Two forms are read:

- the one-off CSV conversion of every platform file (``register_rows_2013_2025.csv.gz``), with the
  conversion's 大类 columns and its match of each institution to the MOE list (``moe_code``);
- the platform's own text files (blocks of ``key：value`` lines separated by ``^_^``), kept for
  Chongqing as an audit of the conversion.

A point as MOE counts it is a record: the same specialty at one school is listed once per 修业年限.
"""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pandas as pd

from vetdash.errors import DataValidationError, Problem

COLUMNS = (
    "year",
    "catalogue",
    "province",
    "school_code_in_source",
    "school_name_in_source",
    "moe_code",
    "moe_name_2025_list",
    "moe_level",
    "moe_remark",
    "moe_match",
    "major_code",
    "major_name",
    "duration_years",
    "remark_in_source",
    "category_code",
    "category_name",
    "category_code_2021_equiv",
)
INTEGER_COLUMNS = ("year", "catalogue", "duration_years")
OPTIONAL_INTEGERS = ("duration_years",)  # two platform rows (2019) show no 修业年限
# Specialty codes: six digits, sometimes with a K (国家控制专业) or similar letter suffix.
_MAJOR = re.compile(r"^(?P<name>.*?)\s*\((?P<code>\d{6}[A-Z]?)\)\s*$")
_CODE10 = re.compile(r"^\d{10}$")


def read_rows(path: Path) -> pd.DataFrame:
    """The converted register: one row per record, columns ``COLUMNS`` (text, '' for empty),
    with ``year`` and ``catalogue`` as integers and ``duration_years`` as a nullable integer.

    Raises DataValidationError naming the file when a column is missing or a year,
    catalogue or 修业年限 is not a whole number.
    """
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return read_rows_bytes(data, path.name)


def read_rows_bytes(data: bytes, file_name: str) -> pd.DataFrame:
    """As :func:`read_rows`, from the file's (uncompressed, UTF-8) bytes, e.g. an administrator's upload.

    Returns: the columns ``COLUMNS`` (year, catalogue, province, school_code_in_source, …, major_code,
    duration_years, category_code, category_code_2021_equiv), text except the integer columns.
    Raises: DataValidationError for missing columns, or for non-integer year/catalogue/修业年限 cells
    (the first 20 per column, with their file line), or ``csv_unreadable`` for bytes that are not a CSV table in UTF-8.
    """
    # object columns: row selections on 745k Arrow-backed strings are several times slower
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=object, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:  # unpaired quotes, ragged rows, not UTF-8
        raise DataValidationError([Problem(file_name, "csv_unreadable")]) from error
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise DataValidationError([Problem(file_name, "missing_column", column=c) for c in missing])
    frame = frame[list(COLUMNS)].copy()
    problems = []
    for column in INTEGER_COLUMNS:
        empty_ok = column in OPTIONAL_INTEGERS
        bad = ~frame[column].str.fullmatch(r"\d*" if empty_ok else r"\d+")
        for index in frame.index[bad][:20]:
            problems.append(
                Problem(file_name, "not_integer", row=int(index) + 2, column=column, value=str(frame.at[index, column]))
            )
        if not bad.any():
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype("Int64" if empty_ok else "int64")
    if problems:
        raise DataValidationError(problems)
    return frame


def institution_code(frame: pd.DataFrame) -> pd.Series:
    """One stable key per institution: the MOE 学校标识码 matched by the conversion, else the
    platform's own 10-digit code, else ``province:name`` (a few defunct schools show no code)."""
    source_ok = frame["school_code_in_source"].str.fullmatch(_CODE10.pattern)
    fallback = frame["school_code_in_source"].where(source_ok, frame["province"] + ":" + frame["school_name_in_source"])
    return frame["moe_code"].where(frame["moe_code"] != "", fallback)


def parse_platform_text(text: str, file_name: str) -> pd.DataFrame:
    """A platform text file → one row per record (all text, '' for absent).

    Args: ``text`` blocks of ``key：value`` lines separated by ``^_^``; ``file_name`` for messages.
    Returns: columns name, province, school_code, major_name, major_code (6 digits, maybe a letter
    suffix), duration_years, year, remark.
    Raises: DataValidationError (the first 20 problems) for a block lacking a required key or whose
    开设专业 is not "name (code)"; the problem's row is the block's number, not a file line.
    """
    keys = {
        "机构名称": "name",
        "省份": "province",
        "学校标识码": "school_code",
        "开设专业": "major",
        "修业年限": "duration_years",
        "年份": "year",
        "备注": "remark",
    }
    records = []
    problems = []
    for number, block in enumerate(text.split("^_^"), start=1):
        if not block.strip():
            continue
        record: dict[str, str] = {}
        for line in block.strip().splitlines():
            key, _, value = line.partition("：")
            if key.strip() in keys:
                record[keys[key.strip()]] = value.strip()
        major = _MAJOR.match(record.get("major", ""))
        if major is None or set(keys.values()) - {"remark"} - set(record):
            problems.append(Problem(file_name, "register_bad_record", row=number, value=block.strip()[:60]))
            continue
        record["major_name"], record["major_code"] = major["name"], major["code"]
        del record["major"]
        records.append(record)
    if problems:
        raise DataValidationError(problems[:20])
    columns = ["name", "province", "school_code", "major_name", "major_code", "duration_years", "year", "remark"]
    return pd.DataFrame(records, columns=columns).fillna("")


def read_platform_file(path: Path) -> pd.DataFrame:
    """``parse_platform_text`` of the UTF-8 platform file at ``path`` (a BOM is dropped): columns name,
    province, school_code, major_name, major_code, duration_years, year, remark. Raises as it does.
    """
    return parse_platform_text(path.read_bytes().decode("utf-8-sig"), path.name)
