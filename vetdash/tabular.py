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
from typing import Any

import pandas as pd
import pandera.pandas as pa

from vetdash.errors import DataValidationError, Problem
from vetdash.schemas import column_order

HEADER_LINE = 1
_INTEGER = re.compile(r"^[+-]?\d+$")
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CHINESE_UNIT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)\s*(万|亿)$")


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


def _parse_cell(raw: str, kind: str) -> tuple[object, str | None]:
    """(value, problem code or None). Empty cells become missing values."""
    cell = raw.strip()
    if cell == "":
        return None, None
    if kind == "str":
        return cell, None
    if _GROUPED.match(cell):
        return None, "thousands_separator"
    if _CHINESE_UNIT.match(cell):
        return None, "chinese_unit"
    if kind == "int":
        if not _INTEGER.match(cell):
            return None, "not_integer"
        number = int(cell)
        return (number, None) if abs(number) < 2**63 else (None, "number_too_large")
    if _DECIMAL.match(cell):
        decimal = float(cell)
        return (decimal, None) if math.isfinite(decimal) else (None, "number_too_large")
    return None, "not_number"


def _check_problem(check: str) -> tuple[str, dict[str, str]]:
    """Map a pandera check name such as ``in_range(0, 10)`` to a message code and its details."""
    name, _, args = check.partition("(")
    args = args.rstrip(")")
    codes = {
        "not_nullable": "missing_value",
        "field_uniqueness": "duplicate_key",
        "multiple_fields_uniqueness": "duplicate_key",
        "str_matches": "bad_format",
        "isin": "not_allowed",
        "in_range": "out_of_range",
        "greater_than_or_equal_to": "below_minimum",
        "less_than_or_equal_to": "above_maximum",
        "str_length": "bad_length",
    }
    return codes.get(name, "check_failed"), {"rule": args or name}


def frame_from_rows(rows: list[list[str]], model: type[pa.DataFrameModel], file_name: str) -> pd.DataFrame:
    """Validate split rows (header first) against ``model``; return the typed frame or raise."""
    problems: list[Problem] = []
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise DataValidationError([Problem(file_name, "empty_file")])
    header = [cell.strip() for cell in rows[0]]
    kinds = column_kinds(model)
    expected = list(kinds)
    for name in expected:
        if name not in header:
            problems.append(Problem(file_name, "missing_column", row=HEADER_LINE, column=name))
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file_name, "duplicate_column", row=HEADER_LINE, column=name))
        elif name not in kinds:
            problems.append(Problem(file_name, "unexpected_column", row=HEADER_LINE, column=name))
        seen.add(name)
    body = [row for row in rows[1:] if any(cell.strip() for cell in row)]
    if not body:
        raise DataValidationError([*problems, Problem(file_name, "no_rows")])
    if problems:
        raise DataValidationError(problems)

    position = {name: header.index(name) for name in expected}
    columns: dict[str, list[Any]] = {name: [] for name in expected}
    bad_cells: set[tuple[int, str]] = set()
    for index, row in enumerate(body):
        line = index + HEADER_LINE + 1
        if len(row) != len(header):
            problems.append(Problem(file_name, "wrong_cell_count", row=line, detail={"n": str(len(row)), "m": str(len(header))}))
        for name in expected:
            raw = row[position[name]] if position[name] < len(row) else ""
            value, code = _parse_cell(raw, kinds[name])
            if code:
                problems.append(Problem(file_name, code, row=line, column=name, value=raw))
                bad_cells.add((index, name))
            columns[name].append(value)

    frame = pd.DataFrame(
        {
            name: pd.array(
                values,
                dtype="Int64" if kinds[name] == "int" else "Float64" if kinds[name] == "float" else "string",
            )
            for name, values in columns.items()
        }
    )
    if kinds and any(kind == "float" for kind in kinds.values()):
        frame = frame.astype({name: "float64" for name, kind in kinds.items() if kind == "float"})
    try:
        frame = model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems.extend(_pandera_problems(exc, file_name, bad_cells))
    if problems:
        raise DataValidationError(sorted(problems, key=lambda p: (p.row or 0, p.column or "")))
    return frame


def _pandera_problems(exc: pa.errors.SchemaErrors, file_name: str, bad_cells: set[tuple[int, str]]) -> list[Problem]:
    problems = []
    seen = set()
    for case in exc.failure_cases.itertuples(index=False):
        index = None if pd.isna(case.index) else int(case.index)
        column = None if pd.isna(case.column) else str(case.column)
        if index is not None and column and (index, column) in bad_cells:
            continue  # already reported as unparseable
        if str(case.check).startswith("dtype("):
            continue  # follows from a missing value in an integer column, reported as such
        code, detail = _check_problem(str(case.check))
        line = None if index is None else index + HEADER_LINE + 1
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
