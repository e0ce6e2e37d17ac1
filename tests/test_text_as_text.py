"""Data and storyline text is shown as text: Markdown, LaTeX and HTML in imported names are never
interpreted, on any page, in charts, hovers, slides or the PowerPoint export."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from vetdash import charts, memo
from vetdash.i18n import t
from vetdash.paths import DATA_DIR, PROJECT_ROOT
from vetdash.store import FileStore
from vetdash.text import markdown_literal, markdown_plain, plot_literal, plot_plain

APP = str(PROJECT_ROOT / "app.py")
# What an importer lets through (it refuses <script>, <img>, <a> and formulas), each a way in.
HOSTILE = '重庆![x](http://203.0.113.9/x.png)$x^2$<br><span style="color:red">**红**</span>:smile:'
MARKUP = ("![x](http", "$x^2$", "<br><span", "**红**", ":smile:")


def test_markdown_literal_round_trips_and_leaves_no_markup():
    for text in (HOSTILE, r"a\b", "[l](javascript:x)", "# h", "1. x", "- y", "`c`", "~~s~~", ":red[r]", "a|b", "<!-- c -->"):
        escaped = markdown_literal(text)
        assert markdown_plain(escaped) == text
        assert not any(part in escaped for part in MARKUP)
    assert markdown_literal("two\nlines") == "two lines"


def test_plot_literal_escapes_tags_latex_and_template_placeholders():
    assert plot_literal("<br>$x$ %{y} & 1") == "&lt;br&gt;&#36;x&#36; &#37;{y} &amp; 1"
    assert plot_literal(3.5) == 3.5
    frame = pd.DataFrame({"label": [HOSTILE, "b"], "v": [1, 2], "role": ["focus", "other"], "hover": ["h", "h"]})
    fig = charts.ranking_bar(frame, label="label", value="v", role="role", hover="hover", title=HOSTILE, axis_title="a")
    spec = fig.to_json()
    assert "<span" not in spec and "$x" not in spec and "<br><span" not in spec
    shown_title = plot_plain(fig.layout.title.text.replace("<br>", " "))
    assert shown_title.replace(" ", "") == HOSTILE.replace(" ", ""), "the title shows as given (lines joined)"


def with_hostile_names(tmp_path) -> FileStore:
    store = FileStore(tmp_path / "store")
    consortia = pd.read_csv(DATA_DIR / "consortia.csv", dtype=str, keep_default_na=False)
    consortia.loc[0, "name_zh"] = HOSTILE
    for row in range(6):  # leads six: at the top of the members chart
        consortia.loc[row, "lead_institutions"] = HOSTILE + "|" + consortia.loc[row, "lead_institutions"].split("|")[-1]
    consortia.loc[0, "source_publisher"] = HOSTILE
    budgets = pd.read_csv(DATA_DIR / "college_budgets.csv", dtype=str, keep_default_na=False)
    budgets.loc[0, "college_name"] = HOSTILE
    budgets.loc[0, "source_publisher"] = HOSTILE
    for name, frame in (("consortia", consortia), ("college_budgets", budgets)):
        store.commit(
            name, frame.to_csv(index=False).encode("utf-8"), expected=None, author="t", original_name="x.csv", summary=""
        )
    return store


def _shown_text(at: AppTest) -> list[str]:
    texts = [e.value for kind in ("markdown", "caption", "title", "subheader", "header", "info", "warning", "error", "success")
             for e in getattr(at, kind)]  # fmt: skip
    return texts + [m.value for m in at.metric] + [m.label for m in at.metric]


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _chart_texts(at: AppTest) -> list[str]:
    """Every string in every chart's figure, as plotly in the browser gets it."""
    return [text for element in at.get("plotly_chart") for text in _strings(json.loads(element.proto.spec))]


@pytest.mark.parametrize(
    ("page", "tabs"),
    [("pages/consortia.py", ("sectors", "members", "timeline", "map", "table")), ("pages/budgets.py", (None,))],
)
def test_hostile_imported_names_are_shown_as_text_on_every_page(tmp_path, page, tabs):
    with_hostile_names(tmp_path)
    memo.clear_all()
    for lang in ("zh", "en"):
        shown_somewhere = False
        for tab in tabs:
            at = AppTest.from_file(APP, default_timeout=120)
            at.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
            at.query_params["lang"] = lang
            if tab:
                at.query_params["tab"] = t(f"consortia.tab_{tab}", lang)
            at.run()
            at.switch_page(page).run()
            assert not at.exception
            shown = _shown_text(at)
            for text in shown:
                assert not any(part in text for part in MARKUP), text
            chart_texts = _chart_texts(at)
            for text in chart_texts:
                assert "<span" not in text and "<br><" not in text and "$x^2$" not in text, text
            tables = [frame.value.astype(str).to_numpy().ravel().tolist() for frame in at.dataframe]
            found_in_table = any(HOSTILE in cell for cells in tables for cell in cells)
            found_escaped = any(plot_literal(HOSTILE) in text for text in chart_texts)
            found_in_text = any(markdown_literal(HOSTILE) in text for text in shown)
            shown_somewhere |= found_in_table or found_escaped or found_in_text
        assert shown_somewhere, f"{page} {lang}: the imported name is shown, as text"
    memo.clear_all()
