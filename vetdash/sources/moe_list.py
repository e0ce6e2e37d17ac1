"""Reader for MOE's 《全国普通高等学校名单》 (the .xls attachment, or a faithful CSV export of it).

The sheet has title rows, a header row (序号, 学校名称, 学校标识码, 主管部门, 所在地, 办学层次, 备注),
then for each province a heading row such as 「重庆市（75所）」 followed by its institutions.
The heading is the only place the province is named; 所在地 is the city.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vetdash.errors import DataValidationError, Problem

HEADER = ["序号", "学校名称", "学校标识码", "主管部门", "所在地", "办学层次", "备注"]
_HEADING = re.compile(r"^\s*(?P<province>\S+?)[（(](?P<count>\d+)所[）)]\s*$")

OWNERSHIP_BY_REMARK = {
    "": "public",
    "民办": "private",
    "中外合作办学及内地与港澳合作办学": "cooperative",
}
OVERSEAS_REMARK_PREFIX = "境外"


@dataclass(frozen=True)
class MoeInstitution:
    seq: int
    name: str
    code: str
    authority: str
    province: str
    city: str
    level: str
    remark: str

    @property
    def ownership(self) -> str:
        """public | private | cooperative | overseas, from the 备注 cell (境外… is overseas; unknown remarks count as public)."""
        if self.remark.startswith(OVERSEAS_REMARK_PREFIX):
            return "overseas"
        return OWNERSHIP_BY_REMARK.get(self.remark, "public")


@dataclass(frozen=True)
class MoeList:
    institutions: list[MoeInstitution]
    heading_counts: dict[str, int]

    def listed_counts(self) -> dict[str, int]:
        """Institutions listed under each province heading: {province name as the heading writes it: rows}."""
        counts: dict[str, int] = {}
        for inst in self.institutions:
            counts[inst.province] = counts.get(inst.province, 0) + 1
        return counts

    def heading_mismatches(self) -> dict[str, tuple[int, int]]:
        """Provinces whose heading count differs from the rows under it: {province: (heading, rows)}."""
        listed = self.listed_counts()
        return {
            province: (stated, listed.get(province, 0))
            for province, stated in self.heading_counts.items()
            if stated != listed.get(province, 0)
        }


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if value is not None else ""


def parse_rows(rows: Sequence[Sequence[object]], file_name: str) -> MoeList:
    """Parse sheet rows (any leading title rows allowed) into institutions, collecting problems.

    Args: ``rows`` the sheet's cells (numbers as xlrd gives them are fine); ``file_name`` for messages.
    Returns: MoeList of every institution row (seq, name, 10-digit code, authority, province from the
    heading above it, city, level 本科/专科, remark) and the count each heading states.
    Raises: DataValidationError listing every problem: no header row ``HEADER``, a row before any
    province heading, a 序号 that is not an integer, a 学校标识码 that is not 10 digits, a 办学层次 other
    than 本科/专科, or no institution rows at all.
    """
    problems: list[Problem] = []
    cells = [[_cell_text(v) for v in row] for row in rows]
    header_at = next((i for i, row in enumerate(cells) if row[: len(HEADER)] == HEADER), None)
    if header_at is None:
        raise DataValidationError([Problem(file_name, "moe_header_missing", detail={"header": "，".join(HEADER)})])
    institutions: list[MoeInstitution] = []
    heading_counts: dict[str, int] = {}
    province: str | None = None
    for offset, row in enumerate(cells[header_at + 1 :], start=header_at + 2):
        row = (row + [""] * len(HEADER))[: len(HEADER)]
        if not any(row):
            continue
        heading = _HEADING.match(row[0])
        if heading and not any(row[1:]):
            province = heading["province"]
            heading_counts[province] = int(heading["count"])
            continue
        seq, name, code, authority, city, level, remark = row
        if province is None:
            problems.append(Problem(file_name, "moe_row_before_heading", row=offset))
            continue
        if not seq.isdigit():
            problems.append(Problem(file_name, "not_integer", row=offset, column="序号", value=seq))
            continue
        if not re.fullmatch(r"\d{10}", code):
            problems.append(
                Problem(file_name, "bad_format", row=offset, column="学校标识码", value=code, detail={"rule": "rule.code10"})
            )
        if level not in ("本科", "专科"):
            problems.append(
                Problem(file_name, "not_allowed", row=offset, column="办学层次", value=level, detail={"rule": "本科、专科"})
            )
        institutions.append(MoeInstitution(int(seq), name, code, authority, province, city, level, remark))
    if not institutions:
        problems.append(Problem(file_name, "no_rows"))
    if problems:
        raise DataValidationError(problems)
    return MoeList(institutions, heading_counts)


def read_xls(path: Path) -> MoeList:
    """The MOE list from its .xls attachment at ``path`` (first sheet), as ``parse_rows`` reads it.

    Raises: DataValidationError when xlrd cannot open the file ("not_xls") or ``parse_rows`` finds problems.
    """
    import xlrd  # only this reader needs it

    try:
        book = xlrd.open_workbook(str(path))
    except Exception as exc:  # xlrd raises many unrelated types for a damaged file
        raise DataValidationError([Problem(path.name, "not_xls", detail={"reason": type(exc).__name__})]) from None
    sheet = book.sheet_by_index(0)
    return parse_rows([sheet.row_values(i) for i in range(sheet.nrows)], path.name)


def read_csv_export(path: Path) -> MoeList:
    """The MOE list from a UTF-8 CSV export of the sheet at ``path``, as ``parse_rows`` reads it (and raises)."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return parse_rows(list(csv.reader(fh)), path.name)
