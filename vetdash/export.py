"""CSV, XLSX and PPTX builders.

Every export carries where its numbers come from (source, status, year), the view's filters and
the time of export. Cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CJK_FONT = "Microsoft YaHei"  # present on Windows and Office for Mac; PowerPoint substitutes elsewhere


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


# ---- PowerPoint -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SlideData:
    """One briefing slide: a title, and a native chart, a table or text; sources go in the notes."""

    title: str
    sources: str
    categories: Sequence[str] = ()
    series: dict[str, Sequence[float]] = field(default_factory=dict)
    number_format: str = "#,##0"
    table: pd.DataFrame | None = None
    text: str = ""
    kind: str = "bar"  # bar | line | share | map | timeline | matrix: how the panel draws it
    focus: Sequence[str] = ()  # categories (or series) to emphasise


def pptx_bytes(slides: Sequence[SlideData], *, title: str, subtitle: str, lang: str) -> bytes:
    """A 16:9 deck: a title slide, then one slide per view with an editable chart or table."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
    from pptx.util import Emu, Pt

    deck = Presentation()
    width, height = Emu(12192000), Emu(6858000)
    deck.slide_width, deck.slide_height = width, height

    def style(text_frame, size: int, bold: bool = False) -> None:
        for paragraph in text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)
                run.font.bold = bold
                run.font.name = CJK_FONT
                # East Asian text uses the ea typeface; set it so Chinese does not fall back to a Latin font.
                rpr = run._r.get_or_add_rPr()
                ea = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
                if ea is None:
                    ea = rpr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}ea", {})
                    rpr.append(ea)
                ea.set("typeface", CJK_FONT)

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    style(cover.shapes.title.text_frame, 36, bold=True)
    cover.placeholders[1].text = subtitle
    style(cover.placeholders[1].text_frame, 18)

    margin = Emu(457200)
    for item in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = item.title
        style(slide.shapes.title.text_frame, 26, bold=True)
        top, box_height = Emu(1371600), height - Emu(1371600) - margin
        if item.series:
            data = CategoryChartData(number_format=item.number_format)
            data.categories = list(item.categories)
            for name, values in item.series.items():
                data.add_series(name, [None if pd.isna(v) else float(v) for v in values])
            frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, margin, top, width - 2 * margin, box_height, data)
            chart = frame.chart
            chart.has_legend = len(item.series) > 1
            if chart.has_legend:
                chart.legend.position = XL_LEGEND_POSITION.BOTTOM
                chart.legend.include_in_layout = False
            chart.font.size = Pt(11)
            chart.font.name = CJK_FONT
            chart.category_axis.reverse_order = True
        elif item.table is not None and not item.table.empty:
            rows, cols = min(len(item.table), 14) + 1, len(item.table.columns)
            table = slide.shapes.add_table(rows, cols, margin, top, width - 2 * margin, box_height).table
            for c, column in enumerate(item.table.columns):
                table.cell(0, c).text = str(column)
                style(table.cell(0, c).text_frame, 12, bold=True)
            for r, values in enumerate(item.table.head(rows - 1).itertuples(index=False), start=1):
                for c, value in enumerate(values):
                    table.cell(r, c).text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                    style(table.cell(r, c).text_frame, 11)
        if item.text:
            box = slide.shapes.add_textbox(
                margin,
                top if not (item.series or item.table is not None) else height - Emu(914400),
                width - 2 * margin,
                Emu(800000),
            )
            box.text_frame.word_wrap = True
            box.text_frame.text = item.text
            style(box.text_frame, 14)
        slide.notes_slide.notes_text_frame.text = item.sources
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def qr_png(text: str, scale: int = 8) -> bytes:
    """A QR code of exactly ``text`` (error correction M), large enough to scan from a slide."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
