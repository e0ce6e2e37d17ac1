"""Every chart of every page and section, exported as CSV and XLSX: the files hold exactly the
panel's table, and that table holds exactly the numbers the figure draws."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import vetdash.ui
import vetdash.ui.exporting
import vetdash.ui.widgets
from vetdash import catalog, export
from vetdash.i18n import t
from vetdash.paths import PROJECT_ROOT
from vetdash.provenance import source_text

APP = str(PROJECT_ROOT / "app.py")

# (page, section or None, more URL parameters, the chart keys that page and section must show with demo data on)
CASES = [
    ("pages/overview.py", None, {}, {"timeline"}),
    ("pages/map.py", None, {}, {"national_map", "cq_map"}),
    ("pages/rankings.py", None, {}, {"ranking_bar", "bump_gdp", "bump_zhuanke"}),
    ("pages/institutions.py", None, {}, {"college_map", "portfolio_shares", "portfolio_changes"}),
    ("pages/consortia.py", "consortia.tab_sectors", {}, {"sector_treemap"}),
    ("pages/consortia.py", "consortia.tab_members", {}, {"members_chart", "membership_matrix"}),
    ("pages/consortia.py", "consortia.tab_timeline", {}, {"founding_timeline"}),
    ("pages/consortia.py", "consortia.tab_map", {}, {"lead_map"}),
    ("pages/demand.py", "demand.tab_structure", {}, {"section_lq", "section_shares", "va_lq"}),
    ("pages/demand.py", "demand.tab_fit", {"sector": 46}, {"sector_provinces", "supply_demand", "gap", "fit_series"}),
    ("pages/demand.py", "demand.tab_adjustments", {}, {"adjust_categories", "adjust_peers", "adjust_years", "adjustment_effect"}),
    ("pages/budgets.py", None, {}, {"demo_budgets"}),
]


@pytest.fixture
def shown_panels(monkeypatch):
    """Every panel a page hands to ``show_chart``, by chart key."""
    seen: dict[str, object] = {}
    original = vetdash.ui.exporting.show_chart

    def recording(panel, *, key, lang, **options):
        seen[key] = panel
        return original(panel, key=key, lang=lang, **options)

    for module in (vetdash.ui, vetdash.ui.widgets):
        monkeypatch.setattr(module, "show_chart", recording)
    return seen


def open_page(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    if page.endswith("institutions.py"):  # the first Chongqing vocational college: district map and specialties
        picker = at.selectbox(key="college")
        first = next(label for label in picker.options if "职业" in label)
        picker.set_value(first.rsplit("(", 1)[1].rstrip(")")).run()
    return at


def drawn_numbers(figure) -> tuple[list[float], int]:
    """(the values a figure encodes as lengths, positions or colour, sorted; marks drawn without a value)."""
    numbers: list[float] = []
    marks = 0
    for trace in figure.data:
        if trace.type in ("choroplethmap", "choropleth"):  # tile-free MapLibre or SVG geo
            if len({colour for _, colour in trace.colorscale}) > 1:  # one colour: the no-data or outline layer
                numbers += [float(v) for v in trace.z]
        elif trace.type == "bar":
            values = trace.x if trace.orientation == "h" else trace.y
            base = trace.base if isinstance(trace.base, (int, float)) else 0
            numbers += [float(v) + base for v in values]
        elif trace.type == "treemap":
            numbers += [float(v) for v in trace.values]
        elif trace.type == "scatter":
            if trace.mode and "lines" in trace.mode:
                numbers += [float(v) for v in trace.y]
            else:
                marks += len(trace.x)
    return sorted(numbers), marks


def table_numbers(panel) -> list[float]:
    return sorted(float(v) for column in panel.values for v in panel.table[column])


def csv_table(data: bytes) -> pd.DataFrame:
    _, _, body = data.decode("utf-8-sig").partition("\r\n\r\n")
    return pd.read_csv(io.StringIO(body), dtype=str, keep_default_na=False)


def same_cells(read: pd.DataFrame, table: pd.DataFrame) -> None:
    assert list(read.columns) == [str(c) for c in table.columns]
    assert len(read) == len(table)
    for column in table.columns:
        expected = table[column]
        got = read[str(column)]
        if pd.api.types.is_numeric_dtype(expected):
            assert pd.to_numeric(got).tolist() == pytest.approx(expected.astype(float).tolist()), column
        else:
            assert got.tolist() == [str(export.neutralise(v)) for v in expected], column


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("page", "section", "extra", "keys"), CASES, ids=[f"{p.split('/')[1][:-3]}-{s or 'page'}" for p, s, _, _ in CASES]
)
def test_every_chart_exports_exactly_its_panel_table(shown_panels, page, section, extra, keys, lang):
    params = {"lang": lang, "demo": "true", **extra}
    if "sector" in extra:  # bound to the label shown: code and name in the page's language
        names = catalog.load("specialty_categories").set_index("code")[f"name_{lang}"]
        params["sector"] = f"{extra['sector']} {names[extra['sector']]}"
    if section:
        params["tab"] = t(section, lang)
    at = open_page(page, params)
    assert not at.exception, [e.message for e in at.exception]
    assert keys <= set(shown_panels), f"charts missing on {page} {section}: {keys - set(shown_panels)}"
    for key in keys:
        panel = shown_panels[key]
        table = panel.table
        assert not table.empty, key
        numbers, marks = drawn_numbers(panel.figure)
        for trace in panel.figure.data:  # a colour bar only where colour encodes a value that varies
            if trace.type in ("choroplethmap", "choropleth") and trace.showscale is not False:
                assert len(set(trace.z)) > 2, f"{key}: a colour bar for {sorted(set(trace.z))}"
        if panel.kind in ("timeline", "matrix"):
            assert marks == len(table), f"{key}: one table row per mark"
        else:
            assert numbers == pytest.approx(table_numbers(panel)), f"{key}: the table holds the numbers drawn"
        meta = export.ExportMeta(
            title=panel.plain_title, source=source_text(panel.sources, lang, panel.year), status=panel.status,
            year=panel.year or "—", filters=dict(panel.filters),
        )  # fmt: skip
        same_cells(csv_table(export.csv_bytes(table, meta, lang)), table)
        book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(table, meta, lang)))
        data_sheet, about_sheet = book.worksheets
        rows = list(data_sheet.values)
        read = pd.DataFrame([["" if v is None else str(v) for v in row] for row in rows[1:]], columns=[str(c) for c in rows[0]])
        same_cells(read, table)
        about = dict(about_sheet.values)
        assert about[export.META_LABELS[lang]["title"]] == panel.plain_title
        assert about[export.META_LABELS[lang]["year"]] == (panel.year or "—")
