"""Exports read back: CSV and XLSX carry exactly the table plus provenance; PPTX has native charts; QR is exact."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
import segno

from vetdash import catalog, export, metrics, slides

META = export.ExportMeta(
    title="重庆排名",
    source="来源：教育部",
    status="官方",
    year="2025-06-20",
    filters={"lang": "zh"},
    exported_at="2026-11-27 10:00",
)
FRAME = pd.DataFrame({"省份": ["重庆", '=HYPERLINK("x")', "+1", "@sum", "-2"], "数值": [46, 1, 2, 3, -5]})


def test_formula_cells_are_neutralised_numbers_are_not():
    assert export.neutralise("=1+1") == "'=1+1"
    assert export.neutralise("+86") == "'+86"
    assert export.neutralise("@cmd") == "'@cmd"
    assert export.neutralise("-x") == "'-x"
    assert export.neutralise(-5) == -5
    assert export.neutralise("重庆") == "重庆"


def test_csv_has_bom_provenance_and_the_table():
    data = export.csv_bytes(FRAME, META, "zh")
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    head, _, body = text.partition("\r\n\r\n")
    assert "# 来源,来源：教育部" in head and "# 导出时间,2026-11-27 10:00" in head and "# 筛选条件,lang=zh" in head
    table = pd.read_csv(io.StringIO(body))
    assert table["省份"].tolist() == ["重庆", '\'=HYPERLINK("x")', "'+1", "'@sum", "'-2"]
    assert table["数值"].tolist() == [46, 1, 2, 3, -5]


def test_xlsx_has_the_table_and_a_provenance_sheet():
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(FRAME, META, "en")))
    assert book.sheetnames == ["Data", "About"]
    rows = list(book["Data"].values)
    assert rows[0] == ("省份", "数值") and rows[1] == ("重庆", 46) and rows[2][0] == '\'=HYPERLINK("x")'
    about = dict(book["About"].values)
    assert about["Source"] == "来源：教育部" and about["Status"] == "官方" and about["Year"] == "2025-06-20"


def test_qr_encodes_exactly_the_url():
    url = "http://127.0.0.1:8501/rankings?lang=en&indicator=GDP"
    png = export.qr_png(url, scale=1)
    expected = io.BytesIO()
    segno.make(url, error="m").save(expected, kind="png", scale=1, border=2)
    assert png == expected.getvalue()
    assert png != export.qr_png(url + "x", scale=1)
    matrix = segno.make(url, error="m").matrix
    assert len(matrix) >= 21 and segno.make(url, error="m").designator.endswith("M")


class TableData:
    """The panels' data accessor over the registry, without Streamlit."""

    def table(self, name):
        return catalog.load(name)

    def indicator_table(self, edition, year):
        names = ("institutions", "province_population", "province_students", "province_gdp", "province_employment_by_section")
        return metrics.indicator_table({n: catalog.load(n) for n in names}, edition, year)

    def province_names(self, lang):
        p = catalog.load("provinces")
        return dict(zip(p["adcode"].astype(int), p["short_zh" if lang == "zh" else "name_en"], strict=True))

    def district_names(self, lang):
        d = catalog.load("cq_districts")
        return dict(zip(d["adcode"].astype(int), d[f"name_{lang}"], strict=True))

    def district_name(self, adcode, lang):
        return "—" if adcode is None or pd.isna(adcode) else self.district_names(lang).get(int(adcode), "—")


@pytest.fixture(scope="module")
def deck():
    pytest.importorskip("pptx")
    from pptx import Presentation

    story = slides.load_storyline("default")
    built = [slides.build_slide(TableData(), v, "zh", "2025-06-20", 2024, metrics.DEFAULT_PEERS, False) for v in story.views]
    data = export.pptx_bytes([b.data for b in built], title=story.title["zh"], subtitle="2026-11-27", lang="zh")
    return story, Presentation(io.BytesIO(data))


def test_briefing_has_a_title_slide_and_one_slide_per_view(deck):
    story, presentation = deck
    assert len(presentation.slides) == 1 + len(story.views)
    titles = [s.shapes.title.text for s in presentation.slides]
    assert titles[0] == story.title["zh"]
    assert titles[1:] == [v.heading["zh"] for v in story.views]
    assert all(s.notes_slide.notes_text_frame.text.startswith("来源") for s in list(presentation.slides)[1:])


def test_briefing_chart_holds_the_ranked_numbers(deck):
    story, presentation = deck
    index = next(i for i, v in enumerate(story.views) if v.params.get("indicator") == "vocational_enrollment")
    slide = presentation.slides[index + 1]
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    categories = list(chart.plots[0].categories)
    values = list(chart.series[0].values)
    students = catalog.load("province_students").sort_values("vocational_enrollment", ascending=False)
    assert values == students["vocational_enrollment"].astype(float).tolist()
    assert categories[0] == "河南" and "★ 重庆" in categories
    assert values[categories.index("★ 重庆")] == 568563


def test_briefing_text_uses_a_cjk_font(deck):
    _, presentation = deck
    run = presentation.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    ea = run._r.get_or_add_rPr().find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert run.font.name == export.CJK_FONT and ea is not None and ea.get("typeface") == export.CJK_FONT


def test_storyline_round_trip_and_bad_files():
    story = slides.load_storyline("default")
    assert slides.parse_storyline(slides.storyline_yaml(story)) == story
    with pytest.raises(slides.StorylineError, match="page"):
        slides.parse_storyline("slides:\n  - page: nowhere\n")
    with pytest.raises(slides.StorylineError):
        slides.parse_storyline(": : :")
