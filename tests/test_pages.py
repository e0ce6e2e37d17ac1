"""Every page in both languages through Streamlit's AppTest; deep links; state across pages."""

from __future__ import annotations

import csv
import json

import pytest
from streamlit.testing.v1 import AppTest

from vetdash.paths import DATA_DIR, PROJECT_ROOT
from vetdash.state import PAGE_SCRIPTS
from vetdash.text import markdown_plain

APP = str(PROJECT_ROOT / "app.py")
PAGES = list(PAGE_SCRIPTS)


def run_page(page: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    if page != PAGES[0]:
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page, lang):
    at = run_page(page, {"lang": lang})
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, "every page has a title"
    title = at.title[0].value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in title) == (lang == "zh")


@pytest.mark.parametrize("page", PAGES)
def test_demo_mode_renders_with_banner(page):
    at = run_page(page, {"demo": "true"})
    assert not at.exception, [e.message for e in at.exception]
    assert any("演示" in w.value for w in at.warning)


def test_overview_kpi_equals_independent_count():
    with open(DATA_DIR / "institutions.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["list_date"] == "2025-06-20"]
    chongqing_zhuanke = sum(r["province_adcode"] == "500000" and r["level"] == "专科" for r in rows)
    per_province: dict[str, int] = {}
    for r in rows:
        if r["level"] == "专科":
            per_province[r["province_adcode"]] = per_province.get(r["province_adcode"], 0) + 1
    rank = 1 + sum(n > chongqing_zhuanke for n in per_province.values())

    at = run_page(PAGES[0])
    metric = next(m for m in at.metric if m.label.startswith("高职（专科）院校数"))
    assert metric.value == str(chongqing_zhuanke) == "46"
    assert any(f"第{rank}位（共31）" in c.value for c in at.caption)
    assert f"居全国第{rank}位" in at.markdown[0].value


def test_deep_link_restores_widgets():
    at = run_page(
        "pages/rankings.py",
        {"lang": "en", "indicator": "GDP", "year": "2021", "peers": ["四川 Sichuan", "广东 Guangdong"], "view": "Table"},
    )
    assert not at.exception
    assert at.selectbox(key="indicator").value == "gdp"
    assert at.selectbox(key="year").value == 2021
    assert at.multiselect(key="peers").value == [510000, 440000]
    assert at.dataframe, "table view shows a table"
    assert "rank" in at.dataframe[0].value.columns[0].lower()


def test_state_survives_a_page_switch():
    at = run_page(PAGES[0])
    at.selectbox(key="year").set_value(2020).run()
    at.multiselect(key="peers").set_value([510000]).run()
    at.switch_page("pages/rankings.py").run()
    assert not at.exception
    assert at.selectbox(key="year").value == 2020
    assert at.multiselect(key="peers").value == [510000]


def test_institution_search_and_college_page():
    at = run_page("pages/institutions.py", {"q": "重庆电子", "college": "重庆电子科技职业大学 (4150012609)"})
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) >= 1 and table.iloc[:, 1].str.contains("重庆电子").all()
    assert at.selectbox(key="college").value == "4150012609"
    assert any("万物智联" in str(df.value.to_string()) for df in at.dataframe), "its consortia are listed"


def test_college_portfolio_from_the_register():
    at = run_page("pages/institutions.py", {"lang": "en", "college": "重庆安防职业学院 (4150014936)"})
    assert not at.exception, [e.message for e in at.exception]
    # registered on the platform under a placeholder code, linked to the MOE list by name: five specialties in 2025
    specialties = next(df.value for df in at.dataframe if "Specialty code" in df.value.columns)
    assert sorted(specialties["Specialty code"]) == ["460609", "510207", "510209", "570303", "580701"]
    assert (specialties["Registered since"] == 2025).all()
    assert any("5 points in 4 categories" in chart.proto.spec for chart in at.get("plotly_chart"))


def test_chongqing_supply_by_district_opens():
    at = run_page("pages/map.py", {"lang": "en"})
    charts_closed = len(at.get("plotly_chart"))
    at.session_state["cq_supply_map"] = True  # the reader opens the section
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert len(at.get("plotly_chart")) == charts_closed + 1
    titles = [json.loads(chart.proto.spec)["layout"]["title"]["text"].replace("<br>", " ") for chart in at.get("plotly_chart")]
    assert any("specialty points at main campuses" in title for title in titles)  # a title may wrap


def test_overview_lists_the_policy_documents_as_text():
    at = run_page(PAGES[0], {"lang": "en"})
    texts = [markdown_plain(m.value) for m in at.markdown]  # as shown: data text is escaped in the Markdown
    assert any("Vocational Education Law of the PRC (revised 2022)" in text for text in texts)
    assert not any("dtype" in text or "[3 rows x" in text for text in texts), "a table was rendered as text"


def test_same_sector_selects_consistent_rows_on_both_pages():
    with open(DATA_DIR / "consortia.csv", encoding="utf-8") as fh:
        expected = sorted(r["name_zh"] for r in csv.DictReader(fh) if "46" in r["category_codes"].split("|"))
    sector = "46 装备制造大类"
    consortia_page = run_page("pages/consortia.py", {"sector": sector, "tab": "名录"})
    assert consortia_page.selectbox(key="sector").value == 46
    listed = consortia_page.dataframe[0].value.iloc[:, 0].str.replace(" ⚠", "", regex=False)
    assert sorted(listed) == expected and len(expected) >= 5

    demand_page = run_page("pages/demand.py", {"sector": sector, "tab": "供需对比"})
    assert demand_page.selectbox(key="sector").value == 46
    bands = demand_page.dataframe[0].value
    assert bands.iloc[:, 0].str.startswith("46 ").sum() == 1, "the same category appears in the fit table"


def test_budget_page_explains_missing_chongqing_budgets():
    at = run_page("pages/budgets.py")
    texts = " ".join(m.value for m in at.markdown)
    assert "还没有重庆高职院校的预算数据" in texts
    assert "32.42亿元" in texts, "the sourced national fact is shown"
    assert "预算超过10亿元的公办高职9所" in texts
    assert "372" not in texts, "university facts are kept apart, folded as context"
    at.session_state["budget_context"] = True  # the reader opens the context
    at.run()
    assert "372" not in at.markdown[0].value and "372" in at.markdown[1].value, "university facts are kept apart as context"
    assert any("预算模板" in b.label for b in at.get("download_button"))


def test_demand_fit_runs_on_the_register_by_default():
    structure = run_page("pages/demand.py", {"lang": "en"})
    assert "Construction (13.6%, LQ 1.66)" in " ".join(m.value for m in structure.markdown)
    assert not structure.dataframe, "hidden tabs are not built"
    fit = run_page("pages/demand.py", {"lang": "en", "tab": "Supply vs demand"})
    assert not fit.exception, [e.message for e in fit.exception]
    assert fit.selectbox(key="syear").value == 2024, "default: the latest year with employment data"
    assert fit.selectbox(key="supply").value == "all"
    # F for Chongqing 2024, MOE scope, records: 1 − ½ Σ|s − d| over the 19 categories
    assert fit.metric[0].value == "0.644" and "rank 16 of 31" in fit.metric[0].delta
    zhuanke = run_page("pages/demand.py", {"lang": "en", "tab": "Supply vs demand", "syear": "2025", "supply": "zhuanke"})
    assert zhuanke.selectbox(key="syear").value == 2025 and zhuanke.selectbox(key="supply").value == "zhuanke"
    assert zhuanke.metric[0].value != "0.644"


@pytest.mark.parametrize("params", [{"screen": "wall"}, {"screen": "wall", "lang": "en", "demo": "true"}, {"present": "1"}])
def test_wall_and_presentation_modes_render(params):
    at = run_page(PAGES[0], params)
    assert not at.exception, [e.message for e in at.exception]
    if params.get("screen") == "wall":
        assert len(at.get("plotly_chart")) == 3  # Chongqing map, ranking, consortia by sector
    else:
        assert any(m.value.startswith("**1 / ") for m in at.markdown)  # the first slide's counter


@pytest.mark.parametrize(
    ("page", "tab", "section", "shows"),
    [
        ("pages/consortia.py", "行业分布", "sectors", "plotly_chart"),
        ("pages/consortia.py", "牵头单位", "members", "plotly_chart"),
        ("pages/consortia.py", "成立时间", "timeline", "plotly_chart"),
        ("pages/consortia.py", "地图", "map", "plotly_chart"),
        ("pages/consortia.py", "名录", "table", "dataframe"),
        ("pages/demand.py", "产业结构", "structure", "plotly_chart"),
        ("pages/demand.py", "专业调整", "adjustments", "plotly_chart"),
        ("pages/demand.py", "方法", "method", "dataframe"),
    ],
)
def test_each_page_section_opens_from_its_link(page, tab, section, shows):
    at = run_page(page, {"tab": tab})
    assert not at.exception, [e.message for e in at.exception]
    assert at.button_group(key="tab").value == section, "the linked section is the one chosen"
    assert at.get(shows), f"the {tab} section draws its {shows}"
    if page.endswith("consortia.py") and shows == "dataframe":
        assert not at.get("plotly_chart"), "only the chosen section is built"


def test_language_follows_the_link_the_switch_and_survives_a_dropped_parameter():
    at = run_page(PAGES[0], {"lang": "en"})
    assert at.session_state["lang"] == "en" and at.button_group(key="lang_picker").value == "en"
    del at.query_params["lang"]  # a page switch may drop unbound parameters: the session keeps the choice
    at.run()
    assert at.session_state["lang"] == "en" and at.title[0].value.startswith("Overview")
    at.button_group(key="lang_picker").set_value("zh").run()
    assert at.session_state["lang"] == "zh" and at.title[0].value.startswith("总览")
    fresh = run_page(PAGES[0], {"lang": "fr"})  # not a language: the default, Chinese
    assert fresh.session_state["lang"] == "zh" and not fresh.exception


def test_the_wall_shows_a_new_data_version_on_its_next_run(tmp_path):
    """The wall reads the data versions at each of its (timed) reruns: a consortia import with one
    body fewer changes its sector panel without anyone touching the screen."""
    from vetdash.store import FileStore

    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    at.query_params["screen"] = "wall"
    at.run()
    assert not at.exception

    def sector_title() -> str:
        return next(h.proto.body for h in at.get("html") if "wall-title" in h.proto.body and "联合体" in h.proto.body)

    assert "25个联合体" in sector_title()
    lines = (DATA_DIR / "consortia.csv").read_bytes().splitlines(keepends=True)
    FileStore(tmp_path / "store").commit(
        "consortia", b"".join(lines[:-1]), expected=None, author="测试", original_name="consortia.csv", summary="one fewer"
    )
    at.run()
    assert not at.exception
    assert "24个联合体" in sector_title()
