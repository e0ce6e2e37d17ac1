"""Reader for NBS 分省年度数据 CSV exports (data.stats.gov.cn).

An export starts with ``数据库：分省年度数据`` and ``时间：…`` lines, separates cells with
``\\t,`` (a tab then a comma), has one row per region, and ends with notes and
``数据来源：国家统计局``. The header names each indicator with its unit, e.g.
``地区生产总值 (亿元)``; in a multi-year export the header is the years instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vetdash.errors import DataValidationError, Problem

DATABASE_PREFIX = "数据库："
_UNIT = re.compile(r"^(?P<name>.*?)\s*\((?P<unit>[^()]*)\)\s*$")
_YEAR = re.compile(r"^(?P<year>\d{4})年$")


@dataclass(frozen=True)
class NbsExport:
    database: str
    period: str
    columns: list[str]  # indicator names without unit, or years as text
    units: list[str]
    rows: dict[str, list[float | None]]  # region name -> values in column order
    notes: list[str]


def _split(line: str) -> list[str]:
    return [cell.strip() for cell in line.rstrip("\r\n").split(",")]


def parse_text(text: str, file_name: str) -> NbsExport:
    """One NBS 分省年度数据 export, from its text.

    Args: ``text`` the decoded file; ``file_name`` for messages.
    Returns: NbsExport: database and period (the 时间 line, e.g. "2023年"; "" when absent), columns
    (indicator names without unit, or years as "2023"), units (e.g. "亿元"; "" for years), rows (region
    name → one float or None per column, blank cells None) and notes (the 注/数据来源 lines).
    Raises: DataValidationError for text that is not an export (fewer than four lines or no
    ``数据库：`` first line), and, all at once, for every non-numeric cell and every row with the wrong
    number of cells.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 4 or not lines[0].startswith(DATABASE_PREFIX):
        raise DataValidationError([Problem(file_name, "nbs_not_export")])
    database = lines[0].split("：", 1)[1].strip()
    period = lines[1].split("：", 1)[1].strip() if lines[1].startswith("时间") else ""
    header = [cell for cell in _split(lines[2])[1:] if cell]
    columns, units = [], []
    for cell in header:
        year = _YEAR.match(cell)
        unit = _UNIT.match(cell)
        if year:
            columns.append(year["year"])
            units.append("")
        elif unit:
            columns.append(unit["name"].strip())
            units.append(unit["unit"])
        else:
            columns.append(cell)
            units.append("")
    rows: dict[str, list[float | None]] = {}
    notes: list[str] = []
    problems: list[Problem] = []
    for line_no, line in enumerate(lines[3:], start=4):
        cells = _split(line)
        if len(cells) < 2 or line.startswith(("注", "数据来源")) or not line.split(",")[0].endswith("\t"):
            notes.append(line.strip())
            continue
        region, values = cells[0], [c for c in cells[1 : len(columns) + 1]]
        parsed: list[float | None] = []
        for column, value in zip(columns, values, strict=False):
            if value == "":
                parsed.append(None)
                continue
            try:
                parsed.append(float(value))
            except ValueError:
                problems.append(Problem(file_name, "not_number", row=line_no, column=column, value=value))
                parsed.append(None)
        if len(parsed) != len(columns):
            problems.append(
                Problem(file_name, "wrong_cell_count", row=line_no, detail={"n": str(len(parsed)), "m": str(len(columns))})
            )
        rows[region] = parsed
    if problems:
        raise DataValidationError(problems)
    return NbsExport(database, period, columns, units, rows, notes)


def read_export(path: Path) -> NbsExport:
    """``parse_text`` of the UTF-8 file at ``path`` (a BOM is dropped); OSError or UnicodeDecodeError when unreadable."""
    return parse_text(path.read_bytes().decode("utf-8-sig"), path.name)
