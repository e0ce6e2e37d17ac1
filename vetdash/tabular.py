"""Read a table from bytes and check it against a pandera model, collecting every problem.

Shared by the curated-data loader and the administrators' import: a file is decoded, split
into cells, its header checked, every cell parsed to its column's type, then the model's
checks run. Problems from all steps are gathered and raised together as one
:class:`DataValidationError`, so a user fixes a file in one pass.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from vetdash.errors import DataValidationError, Problem, Problems
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
    """UTF-8 (with or without BOM) always; GB18030/GBK when ``allow_gb``; else a clear problem."""
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
    keys = [(name,) for name, column in schema.columns.items() if column.unique]
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


def _parse_cell(raw: str, column: Column) -> tuple[object, str | None]:
    """(value, problem code or None). Empty cells become missing values."""
    cell = raw.translate(_FULL_WIDTH_NUMERIC if column.role in ("number", "digits", "date") else _FULL_WIDTH).strip()
    if cell == "":
        return None, None
    if column.role == "boolean":
        return _BOOLEAN.get(cell.lower(), cell), None
    if column.role == "date":
        return _date_text(cell) or cell, None
    if column.role == "digits":
        if _SCIENTIFIC.match(cell):
            return None, "excel_scientific"
        zero = _DECIMAL_ZERO.match(cell)
        return (zero[1] if zero else cell), None
    if column.kind == "str":
        return cell, None
    if _CHINESE_UNIT.match(cell):
        return None, "chinese_unit"
    if _GROUPED.match(cell):
        return None, "thousands_separator"
    if column.kind == "int":
        if not _INTEGER.match(cell):
            zero = _DECIMAL_ZERO.match(cell.lstrip("+"))
            if not zero:
                return None, "not_integer"
            cell = zero[1]
        if len(cell) > 19:
            return None, "number_too_large"
        number = int(cell)
        return (number, None) if abs(number) < 2**63 else (None, "number_too_large")
    if _DECIMAL.match(cell):
        number = float(cell)
        return (number, None) if math.isfinite(number) else (None, "number_too_large")
    return None, "not_number"


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
    """Validate split rows (header first) against ``model``; return the typed frame or raise."""
    return read_rows(rows, model, file_name)[0]


def read_rows(rows: list[list[str]], model: type[pa.DataFrameModel], file_name: str) -> tuple[pd.DataFrame, list[int]]:
    """The typed frame and, per row, its line in the file (blank lines are skipped, not renumbered).

    Problems are capped per kind (:class:`vetdash.errors.Problems`), so a file whose every row is
    wrong costs the same memory as one with a few bad rows."""
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
    values: dict[str, list[object]] = {name: [] for name in expected}
    bad_cells: set[tuple[int, str]] = set()
    for index, line in enumerate(body_lines):
        row = rows[line - 1]
        if len(row) != len(header):
            problems.add(Problem(file_name, "wrong_cell_count", row=line, detail={"n": str(len(row)), "m": str(len(header))}))
        for name in expected:
            raw = row[position[name]] if position[name] < len(row) else ""
            value, code = _parse_cell(raw, columns[name])
            if code:
                detail = _unit_hint(raw) if code == "chinese_unit" else {}
                problems.add(Problem(file_name, code, row=line, column=name, value=raw, detail=detail))
                bad_cells.add((index, name))
            values[name].append(value)

    frame = pd.DataFrame(
        {
            name: pd.array(
                column_values,
                dtype="Int64" if columns[name].kind == "int" else "Float64" if columns[name].kind == "float" else "string",
            )
            for name, column_values in values.items()
        }
    )
    del values
    if any(c.kind == "float" for c in columns.values()):
        frame = frame.astype({name: "float64" for name, c in columns.items() if c.kind == "float"})
    problems.extend(_duplicate_problems(frame, model, file_name, body_lines, bad_cells))
    try:
        frame = model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems.extend(_pandera_problems(exc, file_name, body_lines, bad_cells))
    if problems:
        raise problems.error()
    return frame, body_lines


def _duplicate_problems(
    frame: pd.DataFrame, model: type[pa.DataFrameModel], file_name: str, lines: list[int], bad_cells: set[tuple[int, str]]
) -> list[Problem]:
    """One problem per repeated key, naming the key's columns, its value and every row it is on.
    Rows whose key cells could not be read are left out: they are reported as such, not as repeats."""
    problems = []
    for key in key_columns(model):
        unreadable = {index for index, name in bad_cells if name in key}
        candidates = (
            frame.loc[[i for i in range(len(frame)) if i not in unreadable], list(key)] if unreadable else frame[list(key)]
        )
        candidates = candidates.dropna()
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
    return problems


_UNIQUENESS = ("field_uniqueness", "multiple_fields_uniqueness")


def _pandera_problems(
    exc: pa.errors.SchemaErrors, file_name: str, lines: list[int], bad_cells: set[tuple[int, str]]
) -> list[Problem]:
    problems = []
    seen = set()
    statistics = {}
    for column in exc.schema.columns.values():
        for check in column.checks:
            statistics[(column.name, check.name)] = check.statistics
    for case in exc.failure_cases.itertuples(index=False):
        check = str(case.check)
        if check.startswith(_UNIQUENESS) or check.startswith("dtype("):
            continue  # repeats are reported per key above; a dtype failure follows from a missing value
        index = None if pd.isna(case.index) else int(case.index)
        column = None if pd.isna(case.column) else str(case.column)
        if index is not None and column and (index, column) in bad_cells:
            continue  # already reported as unparseable
        name = check.partition("(")[0]
        code, detail = _check_problem(check, statistics.get((column, name)))
        line = None if index is None else lines[index]
        key = (line, column, code)
        if key in seen:
            continue
        seen.add(key)
        value = None if pd.isna(case.failure_case) else str(case.failure_case)
        problems.append(Problem(file_name, code, row=line, column=column, value=value, detail=detail))
    return problems


def read_csv_bytes(raw: bytes, model: type[pa.DataFrameModel], file_name: str, *, allow_gb: bool = False) -> pd.DataFrame:
    decoded = decode_bytes(raw, file_name, allow_gb=allow_gb)
    return frame_from_rows(split_csv(decoded.text), model, file_name)
