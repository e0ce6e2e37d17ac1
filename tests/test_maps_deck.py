"""The deck.gl view's data: column heights are each college's specialty points, hovers in the page's
language with names as text, and a style and boundaries served by the app itself."""

from __future__ import annotations

import csv
import json

import pandas as pd

from tests.test_export import TableData
from vetdash import panels
from vetdash.paths import DATA_DIR, STATIC_DIR


def test_columns_are_specialty_points_with_hover_in_the_page_language():
    deck, table, year = panels.chongqing_columns(TableData(), "en")
    columns = pd.DataFrame(deck.layers[1].data)
    with open(DATA_DIR / "specialty_points_institution.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["year"] == str(year)]
    assert (columns["points"] > 0).all() and len(columns) == len(table)
    # The tallest column: its college's records in that year, added up here from the file.
    first = table.iloc[0]
    name = first.iloc[0]
    with open(DATA_DIR / "cq_colleges.csv", encoding="utf-8") as fh:
        code = next(r["code"] for r in csv.DictReader(fh) if r["name"] == name)
    assert columns["points"].iloc[0] == sum(int(r["records"]) for r in rows if r["code"] == code) == first.iloc[3]
    assert all("Specialty points" in text and "<b>" in text for text in columns["tooltip"])
    zh_columns = pd.DataFrame(panels.chongqing_columns(TableData(), "zh")[0].layers[1].data)
    assert all("专业点" in text for text in zh_columns["tooltip"])


def test_offline_style_and_static_boundaries():
    deck, _, _ = panels.chongqing_columns(TableData(), "zh")
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == "app/static/map/blank_style.json" and spec["mapProvider"] == "carto"
    style = json.loads((STATIC_DIR / "map" / "blank_style.json").read_text(encoding="utf-8"))
    assert style["sources"] == {} and [layer["type"] for layer in style["layers"]] == ["background"]
    assert "glyphs" not in style and "sprite" not in style
    assert spec["layers"][0]["data"] == "app/static/geo/cq_districts.geojson"
