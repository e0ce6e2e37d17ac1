"""Every page and section in both languages: no raw values (nan, None, internal codes, locale keys)
and no words of the other language in what the page itself says (titles, labels, columns, source
lines, chart titles, axes and legends). Proper names stay as they are: Chinese college and
consortium names on English pages, with their English form where one exists."""

from __future__ import annotations

import json
import re
from functools import cache

import pandas as pd
import pytest

from tests.test_pages import run_page
from vetdash import catalog, charts
from vetdash.i18n import format_number, format_yuan, strings, t, text_or_dash
from vetdash.provenance import publisher_name

CJK = re.compile(r"[\u4e00-\u9fff]+")
RAW = re.compile(r"(?<![A-Za-z])(nan|None|NaN|NaT|null)(?![A-Za-z])")
RAW_CODES = {"other", "high", "low", "medium", "unknown", "public", "private", "专科", "本科", "True", "False"}
# Latin words a Chinese page may show: acronyms, units, formats and names that have no Chinese form here.
LATIN_OK = {
    "GDP", "MOE", "NBS", "CSV", "XLSX", "PNG", "PPTX", "YAML", "LQ", "F", "GB", "T", "Amap", "cnmaps", "data", "Clarmy",
    "gaokao", "cn", "ProfessorZhi", "china", "university", "atlas", "pg", "go", "The", "Location", "Data", "of", "Schools",
    "in", "China", "Wanli", "Li", "Global", "Education", "Economics", "and", "Arts", "Humanities", "GEEAH", "doi",
    "hjyc", "c", "edu", "www", "https", "http", "Page", "Up", "Down", "QR", "ID", "sha", "UTF", "BOM", "WPS", "Excel",
    "nchvc", "ggwhb", "info", "htm", "Baidu", "API", "Place", "km", "x", "xls", "GCJ", "BD",
    "scope",  # a column of the budget facts table, named in its note
    "readme",  # the template workbook's sheet name
}  # fmt: skip
# The field's own terms, explained where they appear on English pages (README: names in the field's terms).
FIELD_TERMS = ("职业本科", "本科", "专科", "高职")
LANGUAGE_PICKER = "语言 · Language"  # both languages on purpose: whoever cannot read one finds the other

PAGES = {
    "pages/overview.py": [None],
    "pages/map.py": [None],
    "pages/rankings.py": [None],
    "pages/institutions.py": [None],
    "pages/consortia.py": ["sectors", "members", "founding", "map", "table"],
    "pages/demand.py": ["structure", "fit", "adjustments", "method"],
    "pages/budgets.py": [None],
    "pages/data.py": [None],
}
CASES = [(page, tab) for page, tabs in PAGES.items() for tab in tabs]


@cache
@cache
def proper_names() -> tuple[str, ...]:
    """Chinese proper names data may carry onto an English page (longest first)."""
    names: set[str] = set()
    for dataset, columns in {
        "institutions": ["name", "authority", "city"],
        "consortia": ["name_zh", "lead_institutions"],
        "cq_campuses": ["campus", "address"],
        "institution_changes": ["name_before", "name_after"],
    }.items():
        frame = catalog.load(dataset)
        for column in columns:
            for value in frame[column].dropna().astype(str):
                names.update(part.strip() for part in value.split("|"))
    return tuple(sorted((n for n in names if CJK.search(n)), key=len, reverse=True))


def chrome(at) -> list[tuple[str, str]]:
    """What the page itself says (not the data it lists): (where, text)."""
    said: list[tuple[str, str]] = []
    for kind in ("title", "header", "subheader", "caption", "info", "warning", "error", "success"):
        said += [(kind, str(e.value)) for e in at.get(kind)]
    said += [("metric", m.label) for m in at.metric]
    for kind in ("selectbox", "multiselect", "text_input", "slider", "toggle", "button_group"):
        for widget in at.get(kind):
            label = getattr(widget, "label", "")
            said.append((kind, str(label)))
    for key in ("peers", "prov"):
        for widget in at.get("multiselect"):
            if widget.key == key:
                said += [("province option", str(o)) for o in widget.options]
    said += [("button", b.label) for b in at.button]
    for frame in at.dataframe:
        said += [("column", str(c)) for c in frame.value.columns]
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        layout = spec.get("layout", {})
        title = layout.get("title", {})
        said += [("chart title", title.get("text", "")), ("chart subtitle", title.get("subtitle", {}).get("text", ""))]
        for axis in ("xaxis", "yaxis"):
            said.append(("axis title", layout.get(axis, {}).get("title", {}).get("text", "")))
        said += [("legend", str(trace.get("name", ""))) for trace in spec.get("data", []) if trace.get("showlegend", True)]
    return [(where, text) for where, text in said if text]


def chinese_in_english(shown: str) -> list[str]:
    """Chinese left in English text once proper names, field terms and Chinese beside its English are set aside."""
    # a Chinese title with its English form beside it is a proper name, shown as published
    # (and a label quoted as the publisher writes it, 'X年度')
    rest = re.sub(r"[\u4e00-\u9fff（）]+\s*\([A-Za-z][^)]*\)|'[^'\s]*'|\([\u4e00-\u9fff/]+\)", "", shown)
    for term in FIELD_TERMS:
        rest = rest.replace(term, "")
    for name in proper_names():
        if name in rest:
            rest = rest.replace(name, "")
    return CJK.findall(rest)


def problems(at, lang: str) -> list[str]:
    keys = set(strings("zh"))
    found = []
    for where, text in chrome(at):
        if text == LANGUAGE_PICKER:
            continue
        shown = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not read
        shown = re.sub(r"```.*?```|`[^`]*`|<[^>]+>", " ", shown, flags=re.S)  # code to copy, and line breaks
        # configuration to copy into secrets.toml: sections, settings, quoted values, paths
        shown = re.sub(r"\[[a-z_.]+\]|\b[a-z_]+ = \"[^\"]*\"|\"[a-z]+\"|[\w.-]*/[\w./-]*|\.?[\w-]+\.toml", " ", shown)
        shown = re.sub(r":[a-z]+-badge\[", "[", shown)
        if RAW.search(shown):
            found.append(f"raw value in {where}: {text[:120]}")
        if shown.strip() in RAW_CODES or shown.strip() in keys:
            found.append(f"raw code in {where}: {text[:120]}")
        if lang == "en":
            # a Chinese title with its English form beside it is a proper name, shown as published
            # (and a label quoted as the publisher writes it, 'X年度')
            if left := chinese_in_english(shown):
                found.append(f"Chinese on an English page, {where}: {left[:3]} in {text[:120]}")
        else:
            words = {w for w in re.findall(r"[A-Za-z]{2,}", shown) if w not in LATIN_OK}
            if words:
                found.append(f"English on a Chinese page, {where}: {sorted(words)[:5]} in {text[:120]}")
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("page", "tab"), CASES)
def test_every_page_and_section_speaks_one_language_with_no_raw_values(page, tab, lang):
    params = {"lang": lang, "demo": "true", **({"tab": tab} if tab else {})}
    if page.endswith("institutions.py"):
        params["college"] = "4150012215"  # the profile of a renamed college, with a campus and consortia
    at = run_page(page, params)
    assert not at.exception
    assert problems(at, lang) == []


def test_the_checks_catch_what_they_are_for():
    class Fake:
        def __init__(self, captions):
            self.captions = captions

        def get(self, kind):
            return [type("E", (), {"value": c})() for c in self.captions] if kind == "caption" else []

        metric = button = dataframe = ()

    assert problems(Fake(["主校区：nan"]), "zh") and problems(Fake(["Source: 国家统计局"]), "en")
    assert problems(Fake(["来源：compiled from news"]), "zh") and problems(Fake(["other"]), "en")
    assert problems(Fake(["consortia.tab_members"]), "zh")
    assert not problems(Fake(["重庆工业职业技术大学 is in Yubei"]), "en"), "a college's name is a proper name"


def test_one_and_many_in_english():
    assert t("map.colleges_n", "en", n=1) == "1 college (by main campus)"
    assert t("map.colleges_n", "en", n=2) == "2 colleges (by main campus)"
    assert t("map.colleges_n", "zh", n=1) == "1所院校（按主校区计）"


def test_every_number_formatter_uses_wan_yi_and_wanyi_alike():
    assert format_number(3.2e12, "zh") == "3.2万亿" and format_yuan(3.2e12, "zh") == "3.2万亿元"
    assert format_number(1.5e8, "zh") == "1.5亿" and format_yuan(1.5e8, "zh") == "1.5亿元"
    assert format_number(25_000, "zh") == "2.5万" and format_yuan(25_000, "zh") == "2.5万元"


def test_missing_values_show_as_a_dash():
    assert [text_or_dash(v) for v in (None, float("nan"), "", "nan", "渝北空港校区")] == ["—", "—", "—", "—", "渝北空港校区"]


def test_publishers_in_the_page_language():
    assert publisher_name("国家统计局 (National Bureau of Statistics of China)", "en") == "National Bureau of Statistics of China"
    assert publisher_name("国家统计局 (National Bureau of Statistics of China)", "zh") == "国家统计局"
    assert publisher_name("中华人民共和国教育部", "en") == "Ministry of Education of the PRC"
    assert publisher_name("this project", "zh") == "本项目"


def test_chinese_date_axes_read_year_and_month():
    frame = pd.DataFrame(
        {"when": pd.to_datetime(["2022-05-01", "2023-01-01"]), "label": ["a", "b"], "group": ["g", "g"], "hover": ["", ""]}
    )
    zh = charts.timeline(frame, date="when", label="label", group="group", hover="hover", title="t", lang="zh")
    assert zh.layout.xaxis.tickformat == "%Y年%-m月"
    assert (
        charts.timeline(
            frame, date="when", label="label", group="group", hover="hover", title="t", lang="en"
        ).layout.xaxis.tickformat
        is None
    )


def test_titles_and_bar_labels_wrap_to_fit_a_phone():
    # 50 display columns a line (a Chinese character counts two): at 13 px, about 330 px on a 390 px phone
    title = charts.wrap_title("重庆高职（专科）院校数为46，居全国第16位，高于四川以外的所有邻省份的院校数", 50)
    assert all(sum(2 if "\u4e00" <= ch <= "\u9fff" or ch in "（），" else 1 for ch in line) <= 50 for line in title.split("<br>"))
    assert title.count("<br>") == 1
    frame = pd.DataFrame(
        {"label": ["N Water, environment and public facilities management", "P Education"], "v": [1.27, 1.12], "h": ["", ""]}
    )
    figure = charts.diverging_bar(frame, label="label", value="v", midpoint=1.0, hover="h", title="t", axis_title="LQ")
    assert list(figure.layout.yaxis.ticktext) == ["P Education", "N Water, environment and<br>public facilities management"]
    assert list(figure.data[0].y) == ["P Education", "N Water, environment and public facilities management"], (
        "the data keep whole labels"
    )


def test_every_dataset_note_is_written_in_both_languages():
    """The registry's notes (data/datapackage.yaml) are shown on the Data page and under sources."""
    for meta in catalog.every_dataset():
        zh, en = meta.notes.get("zh", "").strip(), meta.notes.get("en", "").strip()
        assert bool(zh) == bool(en), f"{meta.name}: a note in one language only"
        assert chinese_in_english(en) == [], f"{meta.name}: Chinese in the English note: {chinese_in_english(en)}"
