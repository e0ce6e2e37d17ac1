"""Administrators' import: read an uploaded file, check everything, compare with the current version.

Accepted: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), XLSX, and for the institution list MOE's own
.xls. Every problem is collected with its row and column before anything is stored; a file that
passes becomes the canonical CSV of its schema, and only that is stored.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from vetdash import editions, schemas
from vetdash.csvio import csv_bytes
from vetdash.errors import DataValidationError, Problem, Problems
from vetdash.i18n import t
from vetdash.sources import moe_list, nbs
from vetdash.tabular import column_kinds, decode_bytes, read_rows, split_csv

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Register rows: two years of the whole country (a new year and the one before, for 新增/撤销) are about 26 MB.
MAX_REGISTER_BYTES = 40 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 100
STREAM_XLSX_ABOVE = 8 * 1024 * 1024  # unpacked bytes
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
README_SHEETS = {"readme", "说明", "read me", "about"}
_MARKUP = re.compile(r"<\s*/?\s*(script|iframe|object|embed|svg|img|a)\b", re.I)
_FORMULA = ("=", "+", "@")


# How an upload meets what is stored (said on the import page and in each template's readme):
#   upsert  rows add to the dataset or update the row with the same key; nothing else changes
#   part    the upload replaces the whole of each part it contains (an MOE list edition, a year);
#           other parts stay; rows of a replaced part that the upload lacks are removed
UPSERT, PART = "upsert", "part"


@dataclass(frozen=True)
class ImportSpec:
    name: str  # the dataset name in the store (and in the registry, where a built-in version exists)
    schema: str
    keys: tuple[str, ...]
    builtin: str | None  # the registered dataset it replaces, if any
    accepts_moe_xls: bool = False
    mode: str = UPSERT
    part: str | None = None  # the column naming a part, for mode PART
    order: tuple[tuple[str, bool], ...] = ()  # stored row order: (column, ascending); default the keys
    accepts_nbs_export: bool = False  # NBS 分省年度数据 export of one year, besides the template
    accepts_register_rows: bool = False  # MOE specialty-register rows (one per record), besides the template
    listed: bool = True  # offered for upload; False: filled only with another dataset (the register's tables)


IMPORTABLE: dict[str, ImportSpec] = {
    spec.name: spec
    for spec in (
        ImportSpec("specialty_points", "SpecialtyPoints", ("province_adcode", "year", "category_code"), None, mode=PART, part="year"),
        ImportSpec("college_budgets", "CollegeBudgets", ("college_name", "year", "budget_kind"), "college_budgets"),
        ImportSpec("consortia", "Consortia", ("id",), "consortia"),
        ImportSpec(
            "institutions", "Institutions", ("list_date", "code"), "institutions", accepts_moe_xls=True, mode=PART,
            part="list_date", order=(("list_date", False), ("seq", True)),
        ),
        ImportSpec(
            "specialty_points_province", "SpecialtyPointsProvince", ("year", "province_adcode", "scope", "category_code"),
            "specialty_points_province", mode=PART, part="year", accepts_register_rows=True,
        ),
        ImportSpec(
            "province_gdp", "ProvinceGdp", ("year", "province_adcode"), "province_gdp", mode=PART, part="year",
            accepts_nbs_export=True,
        ),
        # Filled by a register import together with specialty_points_province (REGISTER_COMPANIONS).
        ImportSpec(
            "specialty_points_institution", "SpecialtyPointsInstitution", ("year", "code", "province_adcode", "category_code"),
            "specialty_points_institution", mode=PART, part="year", listed=False,
        ),
        ImportSpec(
            "register_institutions", "RegisterInstitutions", ("code", "province_adcode"), "register_institutions", listed=False,
        ),
        ImportSpec(
            "cq_specialties", "CqSpecialties", ("year", "code", "major_code", "duration_years"), "cq_specialties", mode=PART,
            part="year", listed=False,
        ),
        ImportSpec(
            "specialty_changes_province", "SpecialtyChangesProvince", ("year", "province_adcode", "scope", "category_code"),
            "specialty_changes_province", mode=PART, part="year", listed=False,
        ),
        ImportSpec(
            "specialty_changes_institution", "SpecialtyChangesInstitution", ("year", "code", "province_adcode", "category_code"),
            "specialty_changes_institution", mode=PART, part="year", listed=False,
        ),
        ImportSpec(
            "province_employment_by_section", "ProvinceEmploymentBySection", ("year", "province_adcode", "section"),
            "province_employment_by_section", mode=PART, part="year", accepts_nbs_export=True,
        ),
        ImportSpec(
            "province_population", "ProvincePopulation", ("year", "province_adcode"), "province_population", mode=PART,
            part="year", accepts_nbs_export=True,
        ),
    )
}  # fmt: skip


BUILTIN_FILE = "(built-in)"  # the file name of a version that restored the built-in table


def changed_parts(builtin: pd.DataFrame | None, current: pd.DataFrame, spec: ImportSpec) -> tuple[str, ...]:
    """The parts (editions, years) of ``current`` whose rows differ from the built-in table's, as
    text, newest first: what an import brought. ``builtin`` None (no built-in table) makes every
    part imported. Raises ValueError when ``spec`` is not imported by part (a caller's mistake)."""
    if spec.part is None:
        raise ValueError(f"{spec.name} is not imported by part")
    column = spec.part
    parts = sorted(set(current[column].dropna().astype(str)), reverse=True)
    if builtin is None or builtin.empty:
        return tuple(parts)
    keys = list(spec.keys)

    def rows(frame: pd.DataFrame, part: str) -> bytes:
        chosen = frame[frame[column].astype(str) == part]
        return csv_bytes(chosen.sort_values(keys, kind="stable").reset_index(drop=True)[list(current.columns)])

    return tuple(p for p in parts if rows(current, p) != rows(builtin, p))


# The tables built from the register besides specialty points by province: a register import fills them too.
REGISTER_COMPANIONS = (
    "specialty_points_institution",
    "register_institutions",
    "cq_specialties",
    "specialty_changes_province",
    "specialty_changes_institution",
)


def listed_specs() -> list[str]:
    """The datasets an administrator can upload a file for (the import and template selectors)."""
    return [name for name, spec in IMPORTABLE.items() if spec.listed]


def mode_text(spec: ImportSpec, lang: str) -> str:
    """What an import does to what is stored, in words (the import page and the template readme)."""
    if spec.mode == PART:
        return t(f"data.mode_part_{spec.part}", lang)
    return t("data.mode_upsert", lang, keys="、".join(spec.keys))


def combine(current: pd.DataFrame | None, upload: pd.DataFrame, spec: ImportSpec) -> pd.DataFrame:
    """The dataset after the import: ``current`` (built-in or imported; None for nothing yet) with
    ``upload`` applied by the dataset's mode. Rows are put in the dataset's stored order, so the same
    content always gives the same stored bytes."""
    if current is None or current.empty:
        result = upload
    elif spec.mode == PART:
        kept = current[~current[spec.part].isin(set(upload[spec.part]))]
        result = pd.concat([upload, kept.astype(upload.dtypes.to_dict())], ignore_index=True)
    else:
        old = current.set_index(list(spec.keys))
        fresh = upload.set_index(list(spec.keys))
        kept = old[~old.index.isin(fresh.index)].reset_index()
        result = pd.concat([kept.astype(upload.dtypes.to_dict()), upload], ignore_index=True)[list(upload.columns)]
    order = spec.order or tuple((k, True) for k in spec.keys)
    return result.sort_values([c for c, _ in order], ascending=[a for _, a in order], ignore_index=True, kind="stable")


@dataclass(frozen=True)
class References:
    """What imported codes must match: known provinces and institution names; the provinces
    table (adcode, name_zh, short_zh) where names are read (register rows); the industry sections
    where NBS employment columns are matched to them."""

    province_codes: frozenset[int]
    institution_names: frozenset[str]
    provinces: pd.DataFrame | None = field(default=None, compare=False, hash=False)
    sections: pd.DataFrame | None = field(default=None, compare=False, hash=False)  # GB/T 4754 (code, name_zh)


def _xlsx_cell(value: object) -> str:
    """A cell as text, the way a person reads it in Excel: TRUE/FALSE cells as true/false, date cells
    as 2025-02-10, whole numbers without a trailing .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class Sheet:
    rows: list[list[str]]
    merged_in_header: tuple[str, ...]


def _xlsx_sheet(raw: bytes, file_name: str) -> Sheet:
    """The one visible data sheet of a workbook (hidden sheets, e.g. drop-down lists, and readme
    sheets are not data)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise DataValidationError([Problem(file_name, "bad_xlsx")]) from None
    if unpacked > MAX_UNZIPPED_BYTES or unpacked > MAX_ZIP_RATIO * max(len(raw), 1):
        raise DataValidationError([Problem(file_name, "zip_bomb", detail={"size": f"{unpacked:,}"})])
    import openpyxl

    # A large workbook is streamed (read-only mode keeps one row at a time in memory).
    streamed = unpacked > STREAM_XLSX_ABOVE
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=True, read_only=streamed)
    except Exception:  # openpyxl raises many types for a damaged workbook
        raise DataValidationError([Problem(file_name, "bad_xlsx")]) from None
    sheets = [s for s in book.worksheets if s.sheet_state == "visible" and s.title.strip().lower() not in README_SHEETS]
    if len(sheets) != 1:
        raise DataValidationError(
            [Problem(file_name, "several_sheets", detail={"sheets": "、".join(s.title for s in sheets) or "—"})]
        )
    sheet = sheets[0]
    merged = () if streamed else tuple(str(r) for r in sheet.merged_cells.ranges if r.min_row <= 1)
    try:
        rows = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception:  # a damaged sheet part shows only when read
        raise DataValidationError([Problem(file_name, "bad_xlsx")]) from None
    finally:
        if streamed:
            book.close()
    return Sheet(rows, merged)


def _text_problems(frame: pd.DataFrame, lines: list[int], model: type[pa.DataFrameModel], file_name: str) -> list[Problem]:
    """Text that a browser or a spreadsheet would execute is refused, not stored."""
    problems = []
    for name, kind in column_kinds(model).items():
        if kind != "str":
            continue
        for index, value in enumerate(frame[name]):
            if not isinstance(value, str):
                continue
            if _MARKUP.search(value):
                problems.append(Problem(file_name, "markup", row=lines[index], column=name, value=value))
            elif value.startswith(_FORMULA) and name not in ("source_url",):
                problems.append(Problem(file_name, "formula_like", row=lines[index], column=name, value=value))
    return problems


def _reference_problems(frame: pd.DataFrame, lines: list[int], references: References, file_name: str) -> list[Problem]:
    problems = []
    if "province_adcode" in frame:
        for index, code in enumerate(frame["province_adcode"]):
            if pd.notna(code) and int(code) not in references.province_codes:
                problems.append(
                    Problem(file_name, "unknown_province", row=lines[index], column="province_adcode", value=str(code))
                )
    if "college_name" in frame and references.institution_names:
        for index, name in enumerate(frame["college_name"]):
            if isinstance(name, str) and name not in references.institution_names:
                problems.append(Problem(file_name, "unknown_college", row=lines[index], column="college_name", value=name))
    return problems


def moe_frame(rows: Sequence[Sequence[object]], file_name: str, list_date: str, province_codes: dict[str, int]) -> pd.DataFrame:
    """Rows of an MOE list sheet (.xls as published, or re-saved as .xlsx) as the institutions of ``list_date``.

    Args: ``rows`` the sheet's cells, title rows included; ``file_name`` for messages; ``list_date``
    the list's date (YYYY-MM-DD); ``province_codes`` province name as MOE writes it → adcode.
    Returns: a frame of the ``Institutions`` schema (list_date, seq, code, name, province_adcode, city,
    level, ownership, authority, remark_zh), one row per listed institution.
    Raises: DataValidationError when the layout is not MOE's (see ``moe_list.parse_rows``), a province
    is not in ``province_codes``, the sheet has no 本科 or no 专科 rows, or a value fails the schema.
    """
    parsed = moe_list.parse_rows(rows, file_name)
    unknown = sorted({i.province for i in parsed.institutions} - set(province_codes))
    if unknown:
        raise DataValidationError([Problem(file_name, "unknown_province", value="、".join(unknown))])
    levels = {level: sum(i.level == level for i in parsed.institutions) for level in ("本科", "专科")}
    if not all(levels.values()):
        raise DataValidationError(
            [Problem(file_name, "moe_level_counts", detail={"benke": str(levels["本科"]), "zhuanke": str(levels["专科"])})]
        )
    body = [
        [
            list_date,
            str(i.seq),
            i.code,
            i.name,
            str(province_codes[i.province]),
            i.city,
            i.level,
            i.ownership,
            i.authority,
            i.remark,
        ]
        for i in parsed.institutions
    ]
    header = list(column_kinds(schemas.Institutions))
    return read_rows([header, *body], schemas.Institutions, file_name)[0]


def nbs_frame(
    text: str, file_name: str, spec: ImportSpec, references: References, province_codes: dict[str, int]
) -> tuple[pd.DataFrame, list[int]]:
    """An NBS 分省年度数据 export of one year as rows of ``spec``'s table: GDP by industry,
    employment by section (城镇单位就业人员 by industry) or year-end population.

    Args: ``text`` the export's text (as the NBS site writes it); ``file_name`` for messages;
    ``spec`` province_gdp, province_employment_by_section or province_population; ``references``
    with ``sections`` (code, name_zh) for employment; ``province_codes`` region name → adcode.
    The year is the export's 时间 line.
    Returns: (frame of ``spec``'s schema: year, province_adcode and the figures — 亿元 for GDP,
    万人 for employment and population; the export's line of each row, from 4).
    Raises: DataValidationError when the export is not one year, is another table (``nbs_wrong_table``),
    lacks an indicator of ``build.tables.GDP_COLUMNS``, names an unknown region, fails the build's
    checks for employment and population (sections add up to the total, urban + rural = resident,
    all 31 provinces: ``nbs_check``), or is not an NBS export at all.
    """
    from vetdash.build import tables
    from vetdash.build.tables import GDP_COLUMNS

    export = nbs.parse_text(text, file_name)
    year = re.fullmatch(r"(\d{4})年", export.period)
    problems = Problems()  # every problem of the file at once: a multi-year export may lack indicators too
    if year is None:
        problems.add(Problem(file_name, "nbs_one_year", value=export.period))
    lines = [4 + i for i in range(len(export.rows))]  # the export's data rows start on line 4
    model = schemas.SCHEMAS[spec.schema]
    if spec.name != "province_gdp":
        expected = list(tables.POPULATION_COLUMNS) if spec.name == "province_population" else [tables.EMPLOYMENT_TOTAL_COLUMN]
        if not export.columns or export.columns[0] != expected[0]:
            problems.add(
                Problem(file_name, "nbs_wrong_table", value="、".join(export.columns[:3]), detail={"expected": expected[0]})
            )
        if problems or year is None:  # no year is always a problem (nbs_one_year)
            raise problems.error()
        try:
            if spec.name == "province_population":
                built = tables.population_from_export(export, province_codes, int(year[1]), file_name)
            else:
                if references.sections is None:  # a caller's mistake, not the file's
                    raise ValueError("employment imports need References.sections (code, name_zh)")
                built = tables.employment_by_section_from_export(
                    export, province_codes, references.sections, int(year[1]), file_name
                )
        except tables.BuildCheckError as error:
            raise DataValidationError([Problem(file_name, "nbs_check", value=str(error))]) from None
        header = list(column_kinds(model))
        body = [[str(v) for v in row] for row in built[header].itertuples(index=False)]
        line_of = {province_codes[region]: line for region, line in zip(export.rows, lines, strict=True)}
        return read_rows([header, *body], model, file_name)[0], [line_of[int(c)] for c in built["province_adcode"]]
    missing = [c for c in GDP_COLUMNS if c not in export.columns]
    if missing:
        problems.add(Problem(file_name, "nbs_indicators_missing", value="、".join(missing)))
    unknown = [r for r in export.rows if r not in province_codes]
    if unknown:
        problems.add(Problem(file_name, "unknown_province", value="、".join(unknown)))
    if problems or year is None:
        raise problems.error()
    header = ["year", "province_adcode", *GDP_COLUMNS.values()]
    body = []
    for region, values in export.rows.items():
        by_name = dict(zip(export.columns, values, strict=False))
        body.append(
            [year[1], str(province_codes[region]), *("" if by_name[c] is None else repr(by_name[c]) for c in GDP_COLUMNS)]
        )
    frame, _ = read_rows([header, *body], schemas.ProvinceGdp, file_name)
    return frame, lines


EXAMPLE_COLUMN = "example"  # the templates' first column: marked rows are examples


def drop_examples(rows: list[list[str]], file_name: str) -> list[list[str]]:
    """Rows without the template's example rows and its ``example`` column.

    Example rows (a non-blank ``example`` cell) become blank rows, so every other row keeps its line
    number in messages. ``rows`` without that header column come back unchanged.
    Raises: DataValidationError ("only_examples") when the file holds nothing but example rows.
    """
    if not rows:
        return rows
    header = [cell.strip().lower() for cell in rows[0]]
    if EXAMPLE_COLUMN not in header:
        return rows
    at = header.index(EXAMPLE_COLUMN)
    kept = [[c for i, c in enumerate(rows[0]) if i != at]]
    examples = 0
    for row in rows[1:]:
        if at < len(row) and str(row[at]).strip():
            kept.append([])
            examples += 1
        else:
            kept.append([c for i, c in enumerate(row) if i != at])
    if examples and not any(any(str(c).strip() for c in row) for row in kept[1:]):
        raise DataValidationError([Problem(file_name, "only_examples", detail={"n": str(examples)})])
    return kept


REGISTER_HEADER = "year,catalogue,province,school_code_in_source"


def _schema_frame(frame: pd.DataFrame, model: type[pa.DataFrameModel], file_name: str) -> pd.DataFrame:
    """A built table read back through its schema, as every stored table is (types, checks)."""
    header = list(column_kinds(model))

    def cell(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    body = [[cell(v) for v in row] for row in frame[header].itertuples(index=False)]
    return read_rows([header, *body], model, file_name)[0]


def register_tables(raw: bytes, file_name: str, references: References) -> dict[str, pd.DataFrame]:
    """MOE specialty-register rows (one row per record, the register source's CSV) as every table
    the build makes from the register, by the build's own code and checks.

    Args: ``raw`` the CSV bytes; ``file_name`` for messages; ``references`` with ``provinces`` set
    (adcode, name_zh, short_zh).
    Returns: dataset name → frame of its schema: ``specialty_points_province`` and each of
    ``REGISTER_COMPANIONS``. 新增/撤销 of a year are counted against the year before, so they come
    only for years whose previous year is in the file too (and shares its catalogue); a table with
    no rows is left out. ``register_institutions`` holds the file's institutions as the file alone
    shows them (``merge_register_institutions`` joins them with what is stored).
    Raises: ValueError when ``references.provinces`` is None (a caller's mistake); DataValidationError
    when the file has no rows from 2016 on, a column is wrong, or a build check fails (``register_check``).
    """
    from vetdash.build import register as build_register
    from vetdash.build.tables import BuildCheckError
    from vetdash.sources import moe_register

    if references.provinces is None:  # a caller's mistake, not the file's: names cannot be read without it
        raise ValueError("register imports need References.provinces (adcode, name_zh, short_zh)")
    rows = moe_register.read_rows_bytes(raw, file_name)
    if rows.empty or (rows["year"] < build_register.FIRST_YEAR).all():
        raise DataValidationError([Problem(file_name, "no_rows")])
    try:
        prepared = build_register.prepare_rows(rows, references.provinces)
        by_province = build_register.build_points_province(prepared)
        built = {
            "specialty_points_province": by_province,
            "specialty_points_institution": build_register.build_points_institution(prepared, by_province),
            "register_institutions": build_register.build_register_institutions(prepared),
            "cq_specialties": build_register.build_cq_specialties(prepared),
            "specialty_changes_province": build_register.build_changes_province(prepared),
            "specialty_changes_institution": build_register.build_changes_institution(prepared),
        }
    except BuildCheckError as error:
        raise DataValidationError([Problem(file_name, "register_check", value=str(error))]) from None
    # A table with no rows (新增/撤销 of a file holding one year) is left as it is stored.
    return {
        name: _schema_frame(frame, schemas.SCHEMAS[IMPORTABLE[name].schema], file_name)
        for name, frame in built.items()
        if not frame.empty
    }


def merge_register_institutions(current: pd.DataFrame | None, upload: pd.DataFrame) -> pd.DataFrame:
    """The uploaded institutions joined with the stored ones of the same code and province: years
    from the earliest first year to the latest last year, every name seen (stored first), and the
    name and MOE match of whichever is more recent (the upload on a tie). Rows: the upload's keys;
    columns those of ``RegisterInstitutions``: code, province_adcode, name, names, moe_name_2025,
    moe_level, moe_remark, moe_match, first_year, last_year."""
    if current is None or current.empty:
        return upload
    keys = ["code", "province_adcode"]
    old = current.set_index(keys)
    merged = upload.set_index(keys).copy()
    shared = merged.index[merged.index.isin(old.index)]
    for key in shared:
        before, after = old.loc[key], merged.loc[key]
        newer = after if int(after["last_year"]) >= int(before["last_year"]) else before
        for column in ("name", "moe_name_2025", "moe_level", "moe_remark", "moe_match"):
            merged.at[key, column] = newer[column]
        merged.at[key, "first_year"] = min(int(before["first_year"]), int(after["first_year"]))
        merged.at[key, "last_year"] = max(int(before["last_year"]), int(after["last_year"]))
        names = [*str(before["names"]).split("|"), *str(after["names"]).split("|")]
        merged.at[key, "names"] = "|".join(dict.fromkeys(n for n in names if n))
    return merged.reset_index()[list(upload.columns)].astype(upload.dtypes.to_dict())


def _xls_rows(raw: bytes, file_name: str) -> list[list[object]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=raw)
    except Exception:  # xlrd raises many unrelated types for a damaged file
        raise DataValidationError([Problem(file_name, "not_xls", detail={"reason": "xlrd"})]) from None
    visible = [s for s in book.sheets() if getattr(s, "visibility", 0) == 0] or [book.sheet_by_index(0)]
    sheet = visible[0]
    return [sheet.row_values(i) for i in range(sheet.nrows)]


def _is_moe_layout(rows: list[list[str]]) -> bool:
    return any([str(c).strip() for c in row[: len(moe_list.HEADER)]] == moe_list.HEADER for row in rows[:20])


def _future_problems(frame: pd.DataFrame, lines: list[int], file_name: str, today: datetime.date) -> list[Problem]:
    """Years after next year are typing slips (2099 for 2029?); budgets may be for next year."""
    latest = today.year + 1
    problems = []
    for column in ("year", "list_date"):
        if column not in frame:
            continue
        years = frame[column] if column == "year" else frame[column].str.slice(0, 4).astype("Int64")
        for index in years.index[years.notna() & (years > latest)]:
            problems.append(
                Problem(file_name, "year_in_future", row=lines[index], column=column, value=str(frame.at[index, column]),
                        detail={"latest": str(latest)})
            )  # fmt: skip
    return problems


def parse_upload(
    raw: bytes,
    file_name: str,
    spec: ImportSpec,
    references: References,
    *,
    list_date: str | None = None,
    province_codes: dict[str, int] | None = None,
    today: datetime.date | None = None,
    companions: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The uploaded table, typed and checked; or one DataValidationError listing every problem.

    Args: ``raw`` the uploaded bytes (CSV in UTF-8/GBK, XLSX, or MOE's .xls where ``spec`` accepts it;
    NBS exports and register rows where accepted); ``file_name`` for messages; ``spec`` the dataset;
    ``references`` the codes and names rows must match; ``list_date`` (YYYY-MM-DD) for an MOE list;
    ``province_codes`` name → adcode for MOE lists and NBS exports; ``today`` for the future-year check;
    ``companions`` for register rows, receives the other tables built from them (``REGISTER_COMPANIONS``
    present in the file, by name), as uploaded: before merging with what is stored.
    Returns: a frame with the columns of ``schemas.SCHEMAS[spec.schema]``, typed as the schema says.
    Raises: DataValidationError (nothing is stored) for a file over ``MAX_UPLOAD_BYTES`` (register rows:
    ``MAX_REGISTER_BYTES``), an empty file, an unreadable or renamed workbook, several data sheets, merged
    header cells, a missing list date, schema failures, markup or formula-like text, unknown provinces or
    colleges, and years after next year.
    """
    limit = MAX_REGISTER_BYTES if spec.accepts_register_rows else MAX_UPLOAD_BYTES
    if len(raw) > limit:
        raise DataValidationError([Problem(file_name, "too_large", detail={"limit": f"{limit // (1024 * 1024)} MB"})])
    if not raw.strip():
        raise DataValidationError([Problem(file_name, "empty_file")])
    model = schemas.SCHEMAS[spec.schema]

    def as_moe_list(rows: Sequence[Sequence[object]]) -> tuple[pd.DataFrame, list[int]]:
        if not list_date or not editions.is_edition_date(list_date):
            raise DataValidationError([Problem(file_name, "list_date_needed")])
        moe = moe_frame(rows, file_name, list_date, province_codes or {})
        return moe, list(range(2, len(moe) + 2))

    if raw.startswith(OLE2_MAGIC):
        if not spec.accepts_moe_xls:
            raise DataValidationError([Problem(file_name, "xls_not_accepted")])
        if not file_name.lower().endswith(".xls"):
            raise DataValidationError([Problem(file_name, "xls_renamed")])
        frame, lines = as_moe_list(_xls_rows(raw, file_name))
    elif raw.startswith(ZIP_MAGIC):
        sheet = _xlsx_sheet(raw, file_name)
        if spec.accepts_moe_xls and _is_moe_layout(sheet.rows):
            frame, lines = as_moe_list(sheet.rows)  # MOE's list re-saved by Excel or WPS: merged title rows are fine
        elif sheet.merged_in_header:
            raise DataValidationError([Problem(file_name, "merged_header", row=1, value=", ".join(sheet.merged_in_header))])
        else:
            frame, lines = read_rows(drop_examples(sheet.rows, file_name), model, file_name)
    else:
        text = decode_bytes(raw, file_name, allow_gb=True).text
        if spec.accepts_nbs_export and text.lstrip().startswith(nbs.DATABASE_PREFIX):
            frame, lines = nbs_frame(text, file_name, spec, references, province_codes or {})
        elif spec.accepts_register_rows and text.lstrip().startswith(REGISTER_HEADER):
            tables = register_tables(text.encode("utf-8"), file_name, references)
            frame, lines = tables["specialty_points_province"], list(range(2, len(tables["specialty_points_province"]) + 2))
            if companions is not None:
                companions.update({name: tables[name] for name in REGISTER_COMPANIONS if name in tables})
        else:
            frame, lines = read_rows(drop_examples(split_csv(text), file_name), model, file_name)
    problems = Problems()
    problems.extend(_text_problems(frame, lines, model, file_name))
    problems.extend(_reference_problems(frame, lines, references, file_name))
    problems.extend(_future_problems(frame, lines, file_name, today or datetime.date.today()))
    if problems:
        raise problems.error()
    return frame


def canonical_bytes(frame: pd.DataFrame) -> bytes:
    """What is stored: the schema's columns as deterministic UTF-8 CSV (same table, same bytes)."""
    return csv_bytes(frame)


@dataclass(frozen=True)
class Diff:
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame  # key columns plus, per changed column, "column: old → new"

    @property
    def empty(self) -> bool:
        """True when nothing is added, removed or changed."""
        return self.added.empty and self.removed.empty and self.changed.empty


def diff(current: pd.DataFrame | None, new: pd.DataFrame, keys: tuple[str, ...]) -> Diff:
    """Rows added, removed and changed between the current version and the new one, by key.

    ``changed`` has the key columns and ``changes``: per changed column, "column: old → new"."""
    if current is None or current.empty:
        return Diff(new, new.iloc[0:0], pd.DataFrame(columns=[*keys, "changes"]))
    old = current.set_index(list(keys))
    fresh = new.set_index(list(keys))
    added = fresh[~fresh.index.isin(old.index)].reset_index()
    removed = old[~old.index.isin(fresh.index)].reset_index()
    shared = fresh.index[fresh.index.isin(old.index)]
    before = old.loc[shared, [c for c in fresh.columns if c in old.columns]]
    after = fresh.loc[shared, before.columns]
    parts = []
    for column in before.columns:
        b, a = before[column].astype(object), after[column].astype(object)
        differs = ~((b.isna() & a.isna()) | (b == a).fillna(False).astype(bool))
        parts.append(
            pd.Series([f"{column}: {x} → {y}" if d else "" for x, y, d in zip(b, a, differs, strict=True)], index=before.index)
        )
    if not parts:
        return Diff(added, removed, pd.DataFrame(columns=[*keys, "changes"]))
    joined = pd.concat(parts, axis=1).apply(lambda row: "; ".join(v for v in row if v), axis=1) if len(before) else None
    if joined is None:
        return Diff(added, removed, pd.DataFrame(columns=[*keys, "changes"]))
    changed = joined[joined != ""].rename("changes").reset_index()
    return Diff(added, removed, changed[[*keys, "changes"]])


def merge_edition(current: pd.DataFrame | None, new: pd.DataFrame) -> pd.DataFrame:
    """An institution list upload replaces its own edition and keeps the others.

    Args: ``current`` the stored ``institutions`` table (None when nothing is stored); ``new`` one or
    more editions in the ``Institutions`` schema. Returns: the combined table, same columns, ordered by
    list_date (newest first) and seq.
    """
    return combine(current, new, IMPORTABLE["institutions"])
