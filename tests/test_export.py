"""Exports read back: CSV and XLSX carry exactly the table plus provenance; PPTX has native charts; QR is exact."""

from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest
import segno

from vetdash import catalog, deck, export, metrics, slides

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

    def optional_table(self, name):
        return catalog.load(name) if name in catalog.registry() else None

    def indicator_table(self, edition, year):
        names = ("institutions", "province_population", "province_students", "province_gdp", "province_employment_by_section")
        names += metrics.REGISTER_TABLES
        return metrics.indicator_table({n: catalog.load(n) for n in names}, edition, year)

    def province_names(self, lang):
        p = catalog.load("provinces")
        return dict(zip(p["adcode"].astype(int), p["short_zh" if lang == "zh" else "name_en"], strict=True))

    def district_names(self, lang):
        d = catalog.load("cq_districts")
        return dict(zip(d["adcode"].astype(int), d[f"name_{lang}"], strict=True))

    def district_name(self, adcode, lang):
        return "—" if adcode is None or pd.isna(adcode) else self.district_names(lang).get(int(adcode), "—")


@pytest.fixture(scope="module", params=["zh", "en"])
def briefing(request):
    pytest.importorskip("pptx")
    from pptx import Presentation

    lang = request.param
    story = slides.load_storyline("default")
    built = [slides.build_slide(TableData(), v, lang, "2025-06-20", 2024, metrics.DEFAULT_PEERS, False) for v in story.views]
    data = deck.pptx_bytes([b.data for b in built], title=story.title[lang], subtitle="2026-11-27", lang=lang)
    return story, built, Presentation(io.BytesIO(data)), lang


def test_briefing_has_a_title_slide_and_one_slide_per_view_with_the_finding_as_title(briefing):
    story, built, presentation, lang = briefing
    titles = [s.shapes.title.text for s in presentation.slides]
    assert titles[0] == story.title[lang]
    # a table too long for one slide goes on as many as it needs, each titled with its part: "… (1/2)"
    parts = [re.fullmatch(r"(.*) \((\d+)/(\d+)\)", title) for title in titles[1:]]
    views_of_slides = []
    for title, part in zip(titles[1:], parts, strict=True):
        if part is None or part.group(2) == "1":
            views_of_slides.append(part.group(1) if part else title)
    assert views_of_slides == [b.title for b in built]
    slides_of_view = [next(i for i, t in enumerate(titles[1:]) if t.startswith(b.title)) for b in built]
    for b, first in zip(built, slides_of_view, strict=True):
        if b.data.table is not None and parts[first] is not None:
            count = int(parts[first].group(3))
            tables = [
                sh.table for sl in list(presentation.slides)[1 + first : 1 + first + count] for sh in sl.shapes if sh.has_table
            ]
            assert sum(len(tb.rows) - 1 for tb in tables) == len(b.data.table), "every row of the view is in the deck"
    ranking = next(i for i, v in enumerate(story.views) if v.params.get("indicator") == "vocational_enrollment")
    ranking_title = titles[1 + slides_of_view[ranking]]
    assert ("居全国第" in ranking_title) if lang == "zh" else ("rank" in ranking_title.lower())
    for slide, view in zip([list(presentation.slides)[1 + i] for i in slides_of_view], story.views, strict=True):
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        assert view.heading[lang] in texts, "the storyline's heading stays on the slide, above the finding"
        source = slide.notes_slide.notes_text_frame.text
        assert source.startswith("来源" if lang == "zh" else "Source")
        assert any(text.startswith(source) for text in texts), "the source line is on the slide as well as in the notes"


def focus_label(lang):
    return "★ 重庆" if lang == "zh" else "★ Chongqing"


def test_briefing_chart_holds_the_ranked_numbers_labelled_and_chongqing_marked(briefing):
    story, _, presentation, lang = briefing
    index = next(i for i, v in enumerate(story.views) if v.params.get("indicator") == "vocational_enrollment")
    slide = presentation.slides[index + 1]
    # 31 provinces: two charts side by side (ranks 1–16, 17–31) on one scale, so every label fits
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 2 and charts[0].value_axis.maximum_scale == charts[1].value_axis.maximum_scale
    categories = [c for chart in charts for c in chart.plots[0].categories]
    values = [v for chart in charts for v in chart.series[0].values]
    chart = next(c for c in charts if focus_label(lang) in c.plots[0].categories)
    students = catalog.load("province_students").sort_values("vocational_enrollment", ascending=False)
    assert values == students["vocational_enrollment"].astype(float).tolist()
    focus = focus_label(lang)
    assert categories[0] == ("河南" if lang == "zh" else "Henan") and focus in categories
    assert values[categories.index(focus)] == 568563
    assert chart.plots[0].has_data_labels and not chart.has_title, "values on the bars; no series name as a chart title"
    xml = chart._chartSpace.xml
    assert '<c:tickLblSkip val="1"/>' in xml, "no category label skipped"
    point = chart.series[0].points[list(chart.plots[0].categories).index(focus)]
    assert str(point.format.fill.fore_color.rgb) == "D55E00", "Chongqing's bar in the focus colour"


def test_every_run_in_the_briefing_names_latin_and_east_asian_fonts(briefing):
    _, _, presentation, _ = briefing
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    checked = 0
    for slide in presentation.slides:
        parts = [slide.shapes._spTree, slide.notes_slide.notes_text_frame._txBody]
        parts += [shape.chart._chartSpace for shape in slide.shapes if shape.has_chart]
        for part in parts:
            for run in part.iter(f"{a}r"):
                properties = run.find(f"{a}rPr")
                assert properties is not None, run.findtext(f"{a}t")
                assert properties.find(f"{a}latin").get("typeface") == deck.LATIN_FONT
                assert properties.find(f"{a}ea").get("typeface") == deck.CJK_FONT
                checked += 1
            for defaults in part.iter(f"{a}defRPr"):  # chart text: axes, legend, data labels
                assert defaults.find(f"{a}ea").get("typeface") == deck.CJK_FONT
    assert checked > 100


def test_no_shape_overlaps_another_and_all_fit_on_the_slide(briefing):
    _, _, presentation, _ = briefing
    width, height = presentation.slide_width, presentation.slide_height
    assert width * 9 == height * 16
    for number, slide in enumerate(presentation.slides, start=1):
        boxes = [(s.name, s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes]
        for name, left, top, right, bottom in boxes:
            assert 0 <= left < right <= width and 0 <= top < bottom <= height, (number, name)
        for i, (a_name, a_left, a_top, a_right, a_bottom) in enumerate(boxes):
            for b_name, b_left, b_top, b_right, b_bottom in boxes[i + 1 :]:
                apart = a_right <= b_left or b_right <= a_left or a_bottom <= b_top or b_bottom <= a_top
                assert apart, f"slide {number}: {a_name} overlaps {b_name}"


def test_storyline_round_trip_and_bad_files():
    story = slides.load_storyline("default")
    assert slides.parse_storyline(slides.storyline_yaml(story)) == story
    with pytest.raises(slides.StorylineError, match="page"):
        slides.parse_storyline("slides:\n  - page: nowhere\n")
    with pytest.raises(slides.StorylineError):
        slides.parse_storyline(": : :")


def test_a_saved_view_keeps_its_filters_on_its_slide():
    data = TableData()
    everything = slides.build_slide(data, slides.View("consortia"), "zh", "2025-06-20", 2024, metrics.DEFAULT_PEERS, False)
    view = slides.View("consortia", params={"kind": ["市域产教联合体"], "tab": "members"})
    slide = slides.build_slide(data, view, "zh", "2025-06-20", 2024, metrics.DEFAULT_PEERS, False)
    assert ("kind", "市域产教联合体") in slide.panel.filters
    assert slide.panel.category == "牵头单位", "the members chart, as the view saved"
    register = catalog.load("consortia")
    municipal = register[register["kind"] == "市域产教联合体"]
    assert slide.panel.table.iloc[:, 1].max() <= len(municipal) < len(register)
    assert everything.panel.kind == "share" and slide.data.categories == slide.panel.table.iloc[:, 0].tolist()


def test_a_saved_category_share_view_shows_that_category_on_its_slide():
    data = TableData()
    view = slides.View("rankings", params={"indicator": "sector_share", "sector": "46"})
    slide = slides.build_slide(data, view, "en", "2025-06-20", 2024, metrics.DEFAULT_PEERS, False)
    assert slide.panel is not None and "46" in slide.panel.values[0]
    shown = slide.panel.table.set_index(slide.panel.table.columns[1]).iloc[:, 1]
    assert shown[next(p for p in shown.index if p.startswith("★"))] == round(306 / 2117 * 100, 2)  # MOE register 2024, %
    assert ("sector", "46") in slide.panel.filters and ("indicator", "sector_share") in slide.panel.filters
    # without a category, Chongqing's largest by points (the page's default)
    plain = slides.build_slide(data, slides.View("map", params={"indicator": "sector_share"}), "zh", "2025-06-20", 2024,
                               metrics.DEFAULT_PEERS, False)  # fmt: skip
    table = data.indicator_table("2025-06-20", 2024)
    assert f"{metrics.top_sector(table)}" in plain.panel.values[0]


def test_chongqing_college_map_follows_the_newest_list_edition():
    """An imported newer MOE list (here: the 2025 list with one Chongqing college gone) is what the map shows."""
    from vetdash import panels

    class WithNewerList(TableData):
        def table(self, name):
            frame = super().table(name)
            if name != "institutions":
                return frame
            newer = frame[frame["list_date"] == "2025-06-20"].copy()
            chongqing = newer.index[newer["province_adcode"] == 500000]
            newer = newer.drop(chongqing[0]).assign(list_date="2026-06-20")
            return pd.concat([frame, newer], ignore_index=True)

    before, *_ = panels.chongqing_map(TableData(), "all", "zh")
    after, *_ = panels.chongqing_map(WithNewerList(), "all", "zh")
    assert (before.year, after.year) == ("2025-06-20", "2026-06-20")
    assert after.table.iloc[:, 1].sum() == before.table.iloc[:, 1].sum() - 1


def test_overview_changes_follow_an_imported_edition():
    """An imported 2026 list (the 2025 list without one Chongqing college): the overview lists that
    college as closed since 2025-06-20, computed from the two lists; the built-in 2024→2025 changes stay searchable."""
    from vetdash import panels
    from vetdash.panels.common import institution_changes

    base = TableData()
    listed = base.table("institutions")
    gone = listed[(listed["list_date"] == "2025-06-20") & (listed["province_adcode"] == 500000)].iloc[0]

    class WithNewerList(TableData):
        def table(self, name):
            frame = super().table(name)
            if name != "institutions":
                return frame
            newer = frame[(frame["list_date"] == "2025-06-20") & (frame["code"] != gone["code"])].assign(list_date="2026-06-20")
            return pd.concat([frame, newer], ignore_index=True)

    text = panels.institution_changes_markdown(WithNewerList(), "zh")
    assert gone["name"] in text and text.count("\n") == 0, "one change, the closure"
    changes = institution_changes(WithNewerList())
    assert set(zip(changes["list_before"], changes["list_after"], strict=True)) == {
        ("2024-06-20", "2025-06-20"),
        ("2025-06-20", "2026-06-20"),
    }
    assert changes[changes["list_after"] == "2026-06-20"]["change"].tolist() == ["closed"]
    # its source line names the two lists compared, not the built-in table of 2024→2025 changes
    assert panels.institution_changes_source(WithNewerList()) == (["institutions"], "2025-06-20, 2026-06-20")
    assert panels.institution_changes_source(base) == (["institution_changes"], None)
