"""CSV and XLSX builders (the PPTX briefing is vetdash.deck), and QR codes.

Every export carries where its numbers come from (source, status, year), the view's filters and
the time of export. Cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportMeta:
    """What travels with exported numbers."""

    title: str
    source: str
    status: str
    year: str
    filters: dict[str, str] = field(default_factory=dict)
    exported_at: str = ""

    def rows(self, lang: str) -> list[tuple[str, str]]:
        """(label, value) pairs for the export's header: title, source, status, year, filters, time of export.

        ``lang`` picks the labels ('zh' | 'en'; KeyError otherwise). Filters read "key=value; …" or "—";
        the time is ``exported_at`` or now (server local time, minutes).
        """
        labels = META_LABELS[lang]
        when = self.exported_at or datetime.now().strftime("%Y-%m-%d %H:%M")
        filters = "; ".join(f"{k}={v}" for k, v in self.filters.items()) or "—"
        return [
            (labels["title"], self.title),
            (labels["source"], self.source),
            (labels["status"], self.status),
            (labels["year"], self.year),
            (labels["filters"], filters),
            (labels["exported"], when),
        ]


META_LABELS = {
    "zh": {"title": "标题", "source": "来源", "status": "状态", "year": "年份", "filters": "筛选条件", "exported": "导出时间"},
    "en": {
        "title": "Title",
        "source": "Source",
        "status": "Status",
        "year": "Year",
        "filters": "Filters",
        "exported": "Exported",
    },
}


def neutralise(value: object) -> object:
    """Text starting with = + - @ (or tab/CR) gets a leading apostrophe so spreadsheets show it as text.

    Numbers are left alone: a negative number is a number, not a formula.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` safe to open in a spreadsheet: same columns and rows, text cells and column
    names that start like a formula prefixed with an apostrophe (see ``neutralise``); numbers untouched.
    """
    out = frame.copy()
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith(("str", "string")):
            out[column] = out[column].map(neutralise)
    return out


def csv_bytes(frame: pd.DataFrame, meta: ExportMeta, lang: str) -> bytes:
    """UTF-8 with BOM (Excel opens Chinese correctly); '#' header lines, a blank line, then the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, value in meta.rows(lang):
        writer.writerow([f"# {label}", neutralise(value)])
    writer.writerow([])
    safe_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, meta: ExportMeta, lang: str) -> bytes:
    """The table on the first sheet, its provenance on the second."""
    buffer = io.BytesIO()
    data_sheet, about_sheet = ("数据", "说明") if lang == "zh" else ("Data", "About")
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=data_sheet, index=False)
        pd.DataFrame(meta.rows(lang), columns=["", ""]).map(neutralise).to_excel(
            writer, sheet_name=about_sheet, index=False, header=False
        )
    return buffer.getvalue()


def qr_png(text: str, scale: int = 8) -> bytes:
    """A QR code of exactly ``text`` (error correction M), large enough to scan from a slide."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
