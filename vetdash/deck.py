"""The PPTX briefing: a 16:9 deck a presenter can show unedited.

Every slide has the finding as its title (the storyline's heading above it, small), a native
chart with data labels or a table or headline cards, and the source line on the slide and in the
notes. Shapes are laid out on a fixed grid, so none overlaps another; every run of text (chart
text included) names a Latin and an East Asian typeface, so PowerPoint does not fall back to
宋体 beside the titles.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from vetdash.charts import CATEGORICAL, FOCUS_COLOUR, FOCUS_MARK, OTHER_COLOUR, PEER_COLOUR

if TYPE_CHECKING:
    from pptx.util import Emu

CJK_FONT = "Microsoft YaHei"  # on Windows and Office for Mac; LibreOffice substitutes Noto Sans CJK
LATIN_FONT = "Arial"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"

# The grid, in inches on a 13.333 × 7.5 in (16:9) slide.
WIDTH, HEIGHT = 40 / 3, 7.5
MARGIN = 0.5
KICKER_TOP, KICKER_HEIGHT = 0.25, 0.4
TITLE_TOP, TITLE_HEIGHT = 0.65, 1.05
BODY_TOP = 1.85
SOURCE_TOP, SOURCE_HEIGHT = 6.8, 0.5
BODY_HEIGHT = SOURCE_TOP - 0.1 - BODY_TOP
SIDE_TEXT_WIDTH = 4.0  # a text beside a chart
GAP = 0.3
MAX_TABLE_ROWS = 16
DENSE_BARS = 24  # bars on one chart above which data labels would overlap
SPLIT_AT = 16  # a bar chart of more categories is drawn as two side by side, so every label fits


@dataclass(frozen=True)
class SlideData:
    """One briefing slide: the finding as title, and a native chart, a table, cards or text.

    ``categories`` and ``series`` are the numbers of the panel's table; ``kind`` says how the
    page draws them (bar, line, share, map, timeline, matrix); ``focus`` names the categories or
    series to emphasise (Chongqing). ``cards`` are headline figures: label, value, rank, year.
    """

    title: str
    sources: str
    categories: Sequence[str] = ()
    series: dict[str, Sequence[float]] = field(default_factory=dict)
    number_format: str = "#,##0"
    table: pd.DataFrame | None = None
    text: str = ""
    kind: str = "bar"
    focus: Sequence[str] = ()
    kicker: str = ""
    cards: Sequence[dict] = ()


def _emu(inches: float) -> Emu:
    """Inches as the English Metric Units python-pptx measures in (914,400 to the inch)."""
    from pptx.util import Emu

    return Emu(round(inches * 914400))


def _fonts(properties, size: float | None = None, *, bold: bool | None = None, colour: str | None = None) -> None:
    """Latin and East Asian typefaces (and size, weight, colour) on one a:rPr or a:defRPr element."""
    if size is not None:
        properties.set("sz", str(int(size * 100)))
    if bold is not None:
        properties.set("b", "1" if bold else "0")
    if colour is not None:
        for old in properties.findall(f"{_A}solidFill"):
            properties.remove(old)
        fill = properties.makeelement(f"{_A}solidFill", {})
        fill.append(fill.makeelement(f"{_A}srgbClr", {"val": colour.lstrip("#").upper()}))
        properties.insert(0, fill)
    for tag, face in (("latin", LATIN_FONT), ("ea", CJK_FONT), ("cs", LATIN_FONT)):
        element = properties.find(f"{_A}{tag}")
        if element is None:
            element = properties.makeelement(f"{_A}{tag}", {})
            properties.append(element)
        element.set("typeface", face)
    # a:latin, a:ea, a:cs must follow fills in the schema; keep them last in that order.
    for tag in ("latin", "ea", "cs"):
        element = properties.find(f"{_A}{tag}")
        properties.remove(element)
        properties.append(element)


def _style_text(text_frame, size: float, *, bold: bool = False, colour: str | None = None) -> None:
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            _fonts(run._r.get_or_add_rPr(), size, bold=bold, colour=colour)
        # The paragraph's end mark too: an empty line then has the same fonts.
        _fonts(paragraph._p.get_or_add_endParaRPr(), size, bold=bold, colour=colour)


def _textbox(slide, left: float, top: float, width: float, height: float, text: str, size: float, **style):
    from pptx.enum.text import MSO_AUTO_SIZE

    box = slide.shapes.add_textbox(_emu(left), _emu(top), _emu(width), _emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.text = text
    _style_text(frame, size, **style)
    return box


def _place_title(shape, left: float, top: float, width: float, height: float, text: str, size: float) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

    shape.left, shape.top, shape.width, shape.height = _emu(left), _emu(top), _emu(width), _emu(height)
    shape.text_frame.text = text
    shape.text_frame.word_wrap = True
    shape.text_frame.vertical_anchor = MSO_ANCHOR.TOP
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
    _style_text(shape.text_frame, size, bold=True, colour="#1F2A37")


def _chart_fonts(chart, size: float) -> None:
    """Chart-wide text (axes, legend, data labels) with both typefaces."""
    chart.font.size = _pt(size)
    text_properties = chart._chartSpace.find(f"{_C}txPr")
    for properties in text_properties.iter(f"{_A}defRPr"):
        _fonts(properties, size)


def _pt(size: float):
    from pptx.util import Pt

    return Pt(size)


def _no_label_skipping(chart) -> None:
    """Every category label drawn (PowerPoint otherwise skips some on a crowded axis)."""
    axis = chart._chartSpace.find(f".//{_C}catAx")
    if axis is None:
        return
    for old in axis.findall(f"{_C}tickLblSkip"):
        axis.remove(old)
    skip = axis.makeelement(f"{_C}tickLblSkip", {"val": "1"})
    anchor = axis.find(f"{_C}lblOffset")
    if anchor is None:
        anchor = axis.find(f"{_C}lblAlgn")
    if anchor is not None:
        anchor.addnext(skip)
    else:
        following = axis.find(f"{_C}noMultiLvlLbl")
        if following is not None:
            following.addprevious(skip)
        else:
            axis.append(skip)


def _one_line(label: str, size: float, inches: float) -> str:
    if _text_width(label, size) <= inches:
        return label
    while label and _text_width(label + "…", size) > inches:
        label = label[:-1]
    return label.rstrip(" ,，、") + "…"


def _colour(fill_format, colour: str) -> None:
    from pptx.dml.color import RGBColor

    fill_format.solid()
    fill_format.fore_color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _chart(slide, item: SlideData, left: float, top: float, width: float, height: float, maximum: float | None = None) -> None:
    """A native chart of ``item``; ``maximum`` fixes the value axis (two halves of one ranking share a scale)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION

    line = item.kind == "line"
    many = len(item.categories)
    label_size = 14 if many <= 12 else 12 if many <= 20 else 10
    data = CategoryChartData(number_format=item.number_format)
    # Long labels would wrap and make PowerPoint drop some: each is kept to one line (its code,
    # e.g. the industry section letter, stays at the front), so every category keeps its label.
    data.categories = [_one_line(c, label_size, width * 0.38) for c in item.categories] if not line else list(item.categories)
    names = []
    for name, values in item.series.items():
        shown = (FOCUS_MARK + name) if line and name in item.focus else name
        names.append(shown)
        data.add_series(shown, [None if pd.isna(v) else float(v) for v in values])
    kind = XL_CHART_TYPE.LINE_MARKERS if line else XL_CHART_TYPE.BAR_CLUSTERED
    frame = slide.shapes.add_chart(kind, _emu(left), _emu(top), _emu(width), _emu(height), data)
    chart = frame.chart
    chart.has_title = False  # the slide title is the finding; no series name as a chart title
    _chart_fonts(chart, label_size)
    chart.has_legend = len(item.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if line else XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    # Bars too thin for a label each (many categories times several series): the value axis with
    # gridlines carries the values instead of labels printed over one another.
    dense = not line and len(item.categories) * len(item.series) > DENSE_BARS
    plot.has_data_labels = not dense
    if not dense:
        labels = plot.data_labels
        labels.number_format = item.number_format
        labels.number_format_is_linked = False
        labels.font.size = _pt(label_size)
        labels.position = XL_LABEL_POSITION.ABOVE if line else XL_LABEL_POSITION.OUTSIDE_END
        for properties in labels._element.iter(f"{_A}defRPr"):
            _fonts(properties, label_size)
    if line:
        chart.value_axis.reverse_order = True  # rank 1 at the top
        chart.value_axis.has_major_gridlines = False
        chart.value_axis.minimum_scale = 1
        palette = [c for c in CATEGORICAL if c != FOCUS_COLOUR]
        for index, series in enumerate(plot.series):
            focus = series.name.startswith(FOCUS_MARK.strip())
            colour = FOCUS_COLOUR if focus else palette[index % len(palette)]
            series.format.line.width = _pt(4.5 if focus else 2)
            _colour(series.format.line.fill, colour)
            series.marker.size = 11 if focus else 7
            _colour(series.marker.format.fill, colour)
            series.smooth = False
    else:
        chart.category_axis.reverse_order = True  # first row of the table at the top
        plot.gap_width = 40
        plot.overlap = -10 if len(item.series) > 1 else 0
        colours = [FOCUS_COLOUR, PEER_COLOUR] if len(item.series) > 1 else [OTHER_COLOUR]
        for index, series in enumerate(plot.series):
            _colour(series.format.fill, colours[index % len(colours)])
            if len(item.series) == 1:
                for position, category in enumerate(item.categories):
                    if category in item.focus or category.startswith(FOCUS_MARK):
                        _colour(series.points[position].format.fill, FOCUS_COLOUR)
        chart.value_axis.has_major_gridlines = dense
        chart.value_axis.visible = dense  # otherwise the data labels carry the values
        chart.value_axis.tick_labels.number_format = item.number_format
        chart.value_axis.tick_labels.number_format_is_linked = False
        if maximum is not None and maximum > 0:
            chart.value_axis.maximum_scale = maximum
            chart.value_axis.minimum_scale = 0
    _no_label_skipping(chart)


def _text_width(text: str, size: float) -> float:
    """Inches a line of ``text`` needs at ``size`` pt: CJK characters are square, others about half."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E7F)
    return (wide + 0.55 * (len(text) - wide)) * size / 72


def _table_layout(frame: pd.DataFrame, width: float, height: float) -> tuple[float, list[float], list[float], int]:
    """(font size, column widths, row heights, rows shown): the largest size at which the rows fit."""
    cells = [[str(c) for c in frame.columns]] + [
        ["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)
    ]
    natural = [max(_text_width(row[c], 12) for row in cells) for c in range(len(frame.columns))]
    share = [min(max(n, 1.0), 6.0) for n in natural]
    widths = [width * s / sum(share) for s in share]
    for size in (16, 14, 12, 11, 10, 9):
        line = size * 1.25 / 72
        heights = [
            0.12 + line * max(max(1, -(-_text_width(row[c], size) // max(widths[c] - 0.2, 0.3))) for c in range(len(row)))
            for row in cells
        ]
        if sum(heights) <= height:
            return size, widths, heights, len(cells) - 1
    fitting = 1
    while fitting < len(heights) and sum(heights[: fitting + 1]) <= height:
        fitting += 1
    return size, widths, heights, fitting - 1


def _table(slide, frame: pd.DataFrame, left: float, top: float, width: float, height: float) -> None:
    """A table whose rows fit the space: the font shrinks to 9 pt, then rows beyond are left out
    (the slide says how many; the app and the Export menu have them all)."""
    size, widths, heights, shown_rows = _table_layout(frame.head(MAX_TABLE_ROWS), width, height - 0.4)
    shown = frame.head(shown_rows)
    rows, cols = len(shown) + 1, len(shown.columns)
    total = sum(heights[:rows])
    table = slide.shapes.add_table(rows, cols, _emu(left), _emu(top), _emu(width), _emu(total)).table
    for c, column_width in enumerate(widths):
        table.columns[c].width = _emu(column_width)
    for c, column in enumerate(shown.columns):
        table.cell(0, c).text = str(column)
        _style_text(table.cell(0, c).text_frame, size, bold=True, colour="#FFFFFF")
    for r, values in enumerate(shown.itertuples(index=False), start=1):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            _style_text(cell.text_frame, size)
    for r in range(rows):
        table.rows[r].height = _emu(heights[r])
    if len(frame) > shown_rows:
        more = f"… +{len(frame) - shown_rows}"
        _textbox(slide, left, top + total + 0.05, width, 0.35, more, 12, colour="#6B7280")


def _continued(slides: Sequence[SlideData], text_width: float) -> list[SlideData]:
    """The slides with a table too long for one slide (at the smallest font) split over as many as it
    needs, each titled with its part, e.g. "… (1/2)": no row of a view is left out of the deck."""
    out: list[SlideData] = []
    for item in slides:
        table = item.table
        if item.series or item.cards or table is None or table.empty:
            out.append(item)
            continue
        width = text_width - (SIDE_TEXT_WIDTH + GAP if item.text else 0)
        fits = max(1, _table_layout(table.head(MAX_TABLE_ROWS), width, BODY_HEIGHT - 0.4)[3])
        if len(table) <= fits or len(table) > MAX_TABLE_ROWS:  # longer tables are summed up by "… +N", as before
            out.append(item)
            continue
        parts = -(-len(table) // fits)
        size = -(-len(table) // parts)  # even parts
        for part in range(parts):
            piece = table.iloc[part * size : (part + 1) * size].reset_index(drop=True)
            out.append(dataclasses.replace(item, table=piece, title=f"{item.title} ({part + 1}/{parts})"))
    return out


def _cards(slide, cards: Sequence[dict], left: float, top: float, width: float, height: float) -> None:
    """Headline figures as large numbers with their rank and year, three to a row (four past six, so two rows hold them)."""
    per_row = 3 if len(cards) <= 6 else 4
    rows = -(-len(cards) // per_row)
    card_width = (width - GAP * (per_row - 1)) / per_row
    card_height = (height - GAP * (rows - 1)) / rows
    for index, card in enumerate(cards):
        x = left + (index % per_row) * (card_width + GAP)
        y = top + (index // per_row) * (card_height + GAP)
        _textbox(slide, x, y, card_width, 0.6, card["label"], 14, colour="#4B5563")
        # The number on one line: the size comes down until it fits the card.
        size = next((s for s in (40, 34, 28, 24) if _text_width(card["value"], s) <= card_width - 0.3), 20)
        _textbox(slide, x, y + 0.65, card_width, 0.85, card["value"], size, bold=True, colour=FOCUS_COLOUR)
        detail = " · ".join(p for p in (card.get("rank"), str(card.get("year") or "")) if p)
        _textbox(slide, x, y + 1.55, card_width, max(0.35, card_height - 1.6), detail, 14, colour="#4B5563")


def pptx_bytes(slides: Sequence[SlideData], *, title: str, subtitle: str, lang: str) -> bytes:
    """A 16:9 deck: a title slide, then one slide per view (see the module docstring)."""
    from pptx import Presentation
    from pptx.enum.text import PP_ALIGN

    deck = Presentation()
    deck.slide_width, deck.slide_height = _emu(WIDTH), _emu(HEIGHT)
    text_width = WIDTH - 2 * MARGIN

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    _place_title(cover.shapes.title, MARGIN, 2.2, text_width, 1.8, title, 36)
    subtitle_box = cover.placeholders[1]
    subtitle_box.left, subtitle_box.top, subtitle_box.width, subtitle_box.height = (
        _emu(MARGIN), _emu(4.2), _emu(text_width), _emu(1.2),
    )  # fmt: skip
    subtitle_box.text_frame.text = subtitle
    subtitle_box.text_frame.word_wrap = True
    for paragraph in subtitle_box.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
    _style_text(subtitle_box.text_frame, 18, colour="#4B5563")

    slides = _continued(slides, text_width)
    for number, item in enumerate(slides, start=2):
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        if item.kicker:
            _textbox(slide, MARGIN, KICKER_TOP, text_width, KICKER_HEIGHT, item.kicker, 14, colour=FOCUS_COLOUR)
        _place_title(slide.shapes.title, MARGIN, TITLE_TOP, text_width, TITLE_HEIGHT, item.title, 26)
        has_body = bool(item.series) or (item.table is not None and not item.table.empty) or bool(item.cards)
        body_width = text_width - (SIDE_TEXT_WIDTH + GAP if item.text and has_body else 0)
        longest = max((_text_width(c, 12) for c in item.categories), default=0)
        if item.series and item.kind != "line" and len(item.series) == 1 and len(item.categories) > SPLIT_AT and longest < 1.6:
            half = -(-len(item.categories) // 2)
            ((name, values),) = item.series.items()
            top_value = max((float(v) for v in values if not pd.isna(v)), default=0.0)
            column = (body_width - GAP) / 2
            for part, offset in ((slice(0, half), 0.0), (slice(half, None), column + GAP)):
                piece = dataclasses.replace(item, categories=list(item.categories)[part], series={name: list(values)[part]})
                _chart(slide, piece, MARGIN + offset, BODY_TOP, column, BODY_HEIGHT, maximum=top_value * 1.15)
        elif item.series:
            _chart(slide, item, MARGIN, BODY_TOP, body_width, BODY_HEIGHT)
        elif item.table is not None and not item.table.empty:
            _table(slide, item.table, MARGIN, BODY_TOP, body_width, BODY_HEIGHT)
        elif item.cards:
            _cards(slide, item.cards, MARGIN, BODY_TOP, body_width, BODY_HEIGHT)
        if item.text:
            left = MARGIN + body_width + GAP if has_body else MARGIN
            width = SIDE_TEXT_WIDTH if has_body else text_width
            size = 16 if has_body or len(item.text) > 500 else 18
            _textbox(slide, left, BODY_TOP, width, BODY_HEIGHT, item.text, size, colour="#1F2A37")
        footer = f"{item.sources}    {number} / {len(slides) + 1}"
        _textbox(slide, MARGIN, SOURCE_TOP, text_width, SOURCE_HEIGHT, footer, 10, colour="#6B7280")
        notes = slide.notes_slide.notes_text_frame
        notes.text = item.sources
        _style_text(notes, 12)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
