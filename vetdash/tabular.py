"""Read a table from bytes and check it against a pandera model, collecting every problem.

Shared by the curated-data loader and the administrators' import: a file is decoded, split
into cells, its header checked, every cell parsed to its column's type, then the model's
checks run. Problems from all steps are gathered and raised together as one
:class:`DataValidationError`, so a user fixes a file in one pass.
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from vetdash.errors import KEPT_PER_KIND, DataValidationError, Problem, Problems
from vetdash.schemas import column_order

HEADER_LINE = 1
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CHINESE_UNIT = re.compile(r"^[+-]?[\d,]*(\.\d*)?\s*(万|亿)元?$")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(raw: bytes, file_name: str, *, allow_gb: bool) -> DecodedText:
    """UTF-8 (with or without BOM) always; GB18030/GBK when ``allow_gb``; else a clear problem.

    Returns: DecodedText (text, encoding "utf-8" or "gb18030").
    Raises: DataValidationError "not_text" when the bytes are neither UTF-8 nor GB18030, "gbk_encoding"
    when they are GB18030 but ``allow_gb`` is False.
    """
    try:
        return DecodedText(raw.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise DataValidationError([Problem(file_name, "not_text")]) from None
    if allow_gb:
        return DecodedText(text, "gb18030")
    raise DataValidationError([Problem(file_name, "gbk_encoding")])


def split_csv(text: str) -> list[list[str]]:
    """``text`` split into rows of cells by the csv module (quoted cells may hold commas and newlines); no typing."""
    return [row for row in csv.reader(io.StringIO(text, newline=""))]


def column_kinds(model: type[pa.DataFrameModel]) -> dict[str, str]:
    """Column name -> 'int' | 'float' | 'str', from the model's declared dtypes."""
    kinds = {}
    columns = model.to_schema().columns
    for name in column_order(model):
        dtype = str(columns[name].dtype).lower()
        kinds[name] = "int" if "int" in dtype else "float" if "float" in dtype else "str"
    return kinds


# ---- what a column holds, read from the model's checks ----------------------------------------

# Text patterns of the models, described as a person would (a message never shows a pattern).
PATTERN_RULES = {
    r"^\d{4}-\d{2}-\d{2}$": "rule.date",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "rule.date_or_partial",
    r"^\d{10}$": "rule.code10",
    r"^https?://": "rule.url",
    r"^\d{2}(\|\d{2})*$": "rule.category_codes",
}
_DATE_PATTERNS = {r"^\d{4}-\d{2}-\d{2}$", r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_DIGITS_PATTERN = re.compile(r"^\^\\d\{(\d+)\}\$$")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # int | float | str
    role: str  # boolean | date | digits | text | number
    pattern: str | None = None


def columns_of(model: type[pa.DataFrameModel]) -> dict[str, Column]:
    """Each column's type and role: a true/false flag, a date, a code of digits, other text, a number."""
    schema_columns = model.to_schema().columns
    out = {}
    for name, kind in column_kinds(model).items():
        pattern, allowed = None, None
        for check in schema_columns[name].checks:
            stats = check.statistics or {}
            if check.name == "str_matches":
                pattern = str(stats.get("pattern"))
            elif check.name == "isin":
                allowed = {str(v) for v in stats.get("allowed_values", ())}
        if kind != "str":
            role = "number"
        elif allowed == {"true", "false"}:
            role = "boolean"
        elif pattern in _DATE_PATTERNS:
            role = "date"
        elif pattern and _DIGITS_PATTERN.match(pattern):
            role = "digits"
        else:
            role = "text"
        out[name] = Column(name, kind, role, pattern)
    return out


def key_columns(model: type[pa.DataFrameModel]) -> list[tuple[str, ...]]:
    """The model's uniqueness rules: each a tuple of columns whose values may appear once."""
    schema = model.to_schema()
    keys: list[tuple[str, ...]] = [(name,) for name, column in schema.columns.items() if column.unique]
    if schema.unique:
        keys.append(tuple(schema.unique))
    return keys


# ---- cells as Excel and WPS leave them ---------------------------------------------------------

# Full-width digits, letters and the punctuation numbers use (ＡＢＣ１２３．－) typed with a Chinese
# input method become their ASCII forms; other full-width marks (（）、，) stay, as names use them.
_FULL_WIDTH = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}
_FULL_WIDTH.update({0xFF0E: ord("."), 0xFF0D: ord("-"), 0xFF0B: ord("+"), 0xFF0F: ord("/"), 0x3000: ord(" ")})
_FULL_WIDTH_NUMERIC = {**_FULL_WIDTH, 0xFF0C: ord(",")}
_BOOLEAN = {"true": "true", "false": "false", "是": "true", "否": "false"}
_DATE = re.compile(r"^(?P<y>\d{4})(?:\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?\s*月?)?\s*年?$")
_EXCEL_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00(:00)?$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(\.\d+)?[eE][+-]?\d+$")
_DECIMAL_ZERO = re.compile(r"^(\d+)\.0+$")


def _date_text(cell: str) -> str | None:
    """2025-02-10, 2025/2/10, 2025.2.10, 2025年2月10日 and Excel's 2025-02-10 00:00:00 as 2025-02-10."""
    midnight = _EXCEL_DATETIME.match(cell)
    if midnight:
        return midnight[1]
    match = _DATE.match(cell)
    if not match:
        return None
    parts = [match["y"]] + [f"{int(v):02d}" for v in (match["m"], match["d"]) if v]
    return "-".join(parts)


@dataclass
class ParsedColumn:
    values: pd.Series  # typed: Int64 | float64 | string, missing where empty or unreadable
    problems: dict[str, np.ndarray]  # problem code -> positions of the cells with it


def _matches(cells: pd.Series, pattern: re.Pattern) -> np.ndarray:
    return cells.str.fullmatch(pattern.pattern).fillna(False).to_numpy(dtype=bool)


def parse_column(raw: list[str], column: Column) -> ParsedColumn:
    """One column's cells (text as split from the file) as typed values, column-wise rather than
    cell by cell, so a file near the upload limit is read in seconds. Empty cells become missing."""
    table = _FULL_WIDTH_NUMERIC if column.role in ("number", "digits", "date") else _FULL_WIDTH
    cells = pd.Series(raw, dtype="string[pyarrow]")
    if cells.str.contains(r"[^\x00-\x7f]", regex=True).any():
        cells = cells.str.translate(table)
    cells = cells.str.strip()
    empty = (cells == "").fillna(True).to_numpy(dtype=bool)
    cells = cells.mask(empty)
    problems: dict[str, np.ndarray] = {}
    if column.role == "boolean":
        return ParsedColumn(cells.str.lower().map(_BOOLEAN).fillna(cells).astype("string"), problems)
    if column.role == "date":
        iso = _matches(cells, re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}"))
        other = ~iso & ~empty
        if other.any():
            cells = cells.copy()
            cells.loc[other] = np.array([_date_text(c) or c for c in cells[other]], dtype=object)
        return ParsedColumn(cells, problems)
    if column.role == "digits":
        problems["excel_scientific"] = np.flatnonzero(_matches(cells, _SCIENTIFIC))
        zero = _matches(cells, _DECIMAL_ZERO)
        if zero.any():
            cells = cells.copy()
            cells[zero] = cells[zero].str.replace(r"\.0+$", "", regex=True)
        cells = cells.mask(pd.Series(_positions_mask(problems, len(cells)), index=cells.index))
        return ParsedColumn(cells, problems)
    if column.kind == "str":
        return ParsedColumn(cells, problems)
    unit = _matches(cells, _CHINESE_UNIT)
    grouped = _matches(cells, _GROUPED) & ~unit
    problems["chinese_unit"], problems["thousands_separator"] = np.flatnonzero(unit), np.flatnonzero(grouped)
    rest = ~empty & ~unit & ~grouped
    if column.kind == "int":
        whole = _matches(cells, _INTEGER) | _matches(cells.str.lstrip("+"), _DECIMAL_ZERO)
        digits = cells.str.lstrip("+").str.replace(r"\.0+$", "", regex=True)
        too_long = (digits.str.len() > 18).fillna(False).to_numpy(dtype=bool) & whole & rest
        problems["not_integer"] = np.flatnonzero(rest & ~whole)
        problems["number_too_large"] = np.flatnonzero(too_long)
        readable = rest & whole & ~too_long
        values = pd.to_numeric(digits.where(readable), errors="coerce").astype("Int64")
        return ParsedColumn(values, problems)
    decimal = _matches(cells, _DECIMAL)
    numbers = pd.to_numeric(cells.where(decimal & rest), errors="coerce").astype("float64")
    infinite = np.isinf(numbers.to_numpy())
    problems["not_number"] = np.flatnonzero(rest & ~decimal)
    problems["number_too_large"] = np.flatnonzero(infinite)
    return ParsedColumn(numbers.mask(infinite), problems)


def _positions_mask(problems: dict[str, np.ndarray], n: int) -> np.ndarray:
    mask = np.zeros(n, dtype=bool)
    for positions in problems.values():
        mask[positions] = True
    return mask


def _unit_hint(raw: str) -> dict[str, str]:
    """What a number written with 万/亿 (1,234.5万) stands for, and the figure to enter in 万元."""
    cell = raw.translate(_FULL_WIDTH_NUMERIC).strip().removesuffix("元").strip()
    unit = cell[-1]
    try:
        number = float(cell[:-1].replace(",", "").strip() or "nan")
    except ValueError:
        return {"unit": unit, "full": "—", "in_wan": "—"}
    full = number * (1e4 if unit == "万" else 1e8)
    return {"unit": unit, "full": f"{full:,.0f}" if math.isfinite(full) else "—", "in_wan": f"{full / 1e4:g}"}


def _check_problem(check: str, statistics: dict | None) -> tuple[str, dict[str, str]]:
    """Map a pandera check such as ``in_range`` to a message code and a rule a person can read."""
    name = check.partition("(")[0]
    stats = statistics or {}
    codes = {
        "not_nullable": "missing_value",
        "str_matches": "bad_format",
        "isin": "not_allowed",
        "in_range": "out_of_range",
        "greater_than_or_equal_to": "below_minimum",
        "greater_than": "below_minimum",
        "less_than_or_equal_to": "above_maximum",
        "less_than": "above_maximum",
        "str_length": "bad_length",
        "str_startswith": "bad_format",
    }
    code = codes.get(name, "check_failed")
    if name == "in_range":
        rule = f"{stats.get('min_value')}–{stats.get('max_value')}"
    elif name in ("greater_than_or_equal_to", "greater_than", "less_than_or_equal_to", "less_than"):
        rule = str(stats.get("min_value", stats.get("max_value", "")))
    elif name == "isin":
        rule = "、".join(str(v) for v in stats.get("allowed_values", ()))
    elif name == "str_matches":
        rule = PATTERN_RULES.get(str(stats.get("pattern")), "rule.other")
    elif name == "str_startswith":
        rule = str(stats.get("string", ""))
    else:
        rule = ""
    return code, {"rule": rule}


def frame_from_rows(rows: list[list[str]], model: type[pa.DataFrameModel], file_name: str) -> pd.DataFrame:
    """Validate split rows (header first) against ``model``; return the typed frame or raise.

    As ``read_rows`` without the line numbers: columns of ``model`` in its order; DataValidationError
    listing every problem.
    """
    return read_rows(rows, model, file_name)[0]


def read_rows(rows: list[list[str]], model: type[pa.DataFrameModel], file_name: str) -> tuple[pd.DataFrame, list[int]]:
    """The typed frame and, per row, its line in the file (blank lines are skipped, not renumbered).

    Args: ``rows`` cells as text, the header first (full-width header characters are normalised);
    ``model`` the pandera model of the table (``vetdash.schemas``); ``file_name`` for messages.
    Returns: (frame with exactly the model's columns, in ``column_order``, typed as declared; the
    1-based row number of each frame row, the header being row 1).
    Raises: DataValidationError with every problem: an empty file, missing, duplicate or unexpected
    columns, no data rows; then per cell: wrong cell counts, unreadable numbers (with a hint for
    values written with 万/亿), missing required values, repeated keys and failed model checks.
    Problems are capped per kind (:class:`vetdash.errors.Problems`), so a file whose every row is
    wrong costs the same memory as one with a few bad rows.
    """
    problems = Problems()
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataValidationError([Problem(file_name, "empty_file")])
    header = [cell.translate(_FULL_WIDTH).strip() for cell in rows[0]]
    columns = columns_of(model)
    expected = list(columns)
    for name in expected:
        if name not in header:
            problems.add(Problem(file_name, "missing_column", row=HEADER_LINE, column=name))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.add(Problem(file_name, "duplicate_column", row=HEADER_LINE, column=name))
        elif name not in columns:
            problems.add(Problem(file_name, "unexpected_column", row=HEADER_LINE, column=name))
        seen.add(name)
    body_lines = [i for i, row in enumerate(rows[1:], start=HEADER_LINE + 1) if any(cell.strip() for cell in row)]
    if not body_lines:
        problems.add(Problem(file_name, "no_rows"))
    if problems:
        raise problems.error()

    position = {name: header.index(name) for name in expected}
    width = len(header)
    for line in body_lines:
        if len(rows[line - 1]) != width:
            n = len(rows[line - 1])
            problems.add(Problem(file_name, "wrong_cell_count", row=line, detail={"n": str(n), "m": str(width)}))
    data: dict[str, pd.Series] = {}
    unreadable: dict[str, np.ndarray] = {}
    for name in expected:
        at = position[name]
        raw = [row[at] if at < len(row) else "" for row in (rows[line - 1] for line in body_lines)]
        parsed = parse_column(raw, columns[name])
        for code, positions in parsed.problems.items():
            problems.add_many(
                code,
                len(positions),
                (
                    Problem(file_name, code, row=body_lines[i], column=name, value=raw[i],
                            detail=_unit_hint(raw[i]) if code == "chinese_unit" else {})
                    for i in positions[:KEPT_PER_KIND]
                ),
            )  # fmt: skip
        unreadable[name] = _positions_mask(parsed.problems, len(raw))
        data[name] = parsed.values.reset_index(drop=True)
        del raw
    frame = pd.DataFrame(data)
    del data
    required = model.to_schema().columns
    for name in expected:
        if required[name].nullable:
            continue
        missing = np.flatnonzero(frame[name].isna().to_numpy() & ~unreadable[name])
        problems.add_many(
            "missing_value",
            len(missing),
            (Problem(file_name, "missing_value", row=body_lines[i], column=name) for i in missing[:KEPT_PER_KIND]),
        )
    problems.extend(_duplicate_problems(frame, model, file_name, body_lines, unreadable))
    try:
        frame = _checks_without_uniqueness(model).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        _pandera_problems(exc, file_name, body_lines, unreadable, problems)
    if problems:
        raise problems.error()
    return frame, body_lines


@functools.cache
def _checks_without_uniqueness(model: type[pa.DataFrameModel]) -> pa.DataFrameSchema:
    """The model's schema without its uniqueness rules: repeats are found once per key by
    _duplicate_problems, which names the key and its rows (and costs far less on a large file)."""
    schema = copy.deepcopy(model.to_schema())
    schema.unique = None
    # Missing values are found column-wise in read_rows (a failure table of every empty cell of a
    # large file would cost more memory than the file).
    return schema.update_columns({name: {"unique": False, "nullable": True} for name in schema.columns})


def _duplicate_problems(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], file_name: str, lines: list[int], unreadable: dict[str, np.ndarray]
) -> list[Problem]:
    """One problem per repeated key, naming the key's columns, its value and every row it is on.
    Rows whose key cells could not be read are left out: they are reported as such, not as repeats."""
    problems = []
    for key in key_columns(model):
        readable = ~np.logical_or.reduce([unreadable[c] for c in key])
        candidates = frame.loc[readable, list(key)].dropna()
        repeated = candidates[candidates.duplicated(keep=False)]
        for values, group in repeated.groupby(list(key), sort=False):
            values = values if isinstance(values, tuple) else (values,)
            rows = [lines[i] for i in group.index]
            problems.append(
                Problem(
                    file_name,
                    "duplicate_key",
                    row=rows[0],
                    column="、".join(key),
                    value=" / ".join(str(v) for v in values),
                    detail={"rows": ", ".join(str(r) for r in rows[:20]) + (" …" if len(rows) > 20 else "")},
                )
            )
            if len(problems) > KEPT_PER_KIND:
                break
    return problems


def _pandera_problems(
    exc: pa.errors.SchemaErrors, file_name: str, lines: list[int], unreadable: dict[str, np.ndarray], problems: Problems
) -> None:
    """The model's value checks, one problem per cell, the first ones of each kind kept (the
    failure table is filtered column-wise, not walked row by row)."""
    statistics = {}
    for column in exc.schema.columns.values():
        for check in column.checks:
            statistics[(column.name, check.name)] = check.statistics
    cases = exc.failure_cases
    cases = cases[~cases["check"].astype(str).str.startswith(("dtype(", *_UNIQUENESS))]
    for (column, check), group in cases.groupby(["column", "check"], sort=False, dropna=False):
        column = None if pd.isna(column) else str(column)
        index = pd.to_numeric(group["index"], errors="coerce")
        if column in unreadable:
            known = index.notna().to_numpy()
            skip = np.zeros(len(group), dtype=bool)
            skip[known] = unreadable[column][index[known].astype(int).to_numpy()]
            group, index = group[~skip], index[~skip]  # already reported as unreadable
        group = group.assign(_index=index).drop_duplicates("_index")
        if group.empty:
            continue
        name = str(check).partition("(")[0]
        code, detail = _check_problem(str(check), statistics.get((column, name)))
        problems.add_many(
            code,
            len(group),
            (
                Problem(file_name, code, row=None if pd.isna(i) else lines[int(i)], column=column,
                        value=None if pd.isna(v) else str(v), detail=detail)
                for i, v in zip(group["_index"][:KEPT_PER_KIND], group["failure_case"][:KEPT_PER_KIND], strict=True)
            ),
        )  # fmt: skip


_UNIQUENESS = ("field_uniqueness", "multiple_fields_uniqueness")


def read_csv_bytes(raw: bytes, model: type[pa.DataFrameModel], file_name: str, *, allow_gb: bool = False) -> pd.DataFrame:
    """CSV bytes checked against ``model``: ``decode_bytes`` then ``read_rows``.

    Returns: the typed frame with the model's columns (see ``read_rows``).
    Raises: DataValidationError for undecodable bytes (GBK only when ``allow_gb``) or any problem in the table.
    """
    decoded = decode_bytes(raw, file_name, allow_gb=allow_gb)
    return frame_from_rows(split_csv(decoded.text), model, file_name)
