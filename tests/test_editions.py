"""Editions and years come from the data: an imported MOE list edition or a new year of NBS figures
is offered by the sidebar controls and opens from a link, with no change to the code."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from vetdash import catalog, editions, importing
from vetdash.paths import PROJECT_ROOT
from vetdash.store import FileStore

APP = str(PROJECT_ROOT / "app.py")
CASES = PROJECT_ROOT.parent / "shared" / "cases" / "import"
NBS = PROJECT_ROOT.parent / "shared" / "data-sources" / "nbs-province-economy"


def test_editions_and_years_are_read_from_the_table_newest_first():
    frame = pd.DataFrame({"list_date": ["2024-06-20", "2026-06-20", "2025-06-20", "2026-06-20"]})
    assert editions.list_editions(frame) == ("2026-06-20", "2025-06-20", "2024-06-20")
    assert editions.years(pd.DataFrame({"year": [2019, 2024, 2021, 2024]})) == (2024, 2021, 2019)
    assert editions.chosen("2025-06-20", ("2026-06-20", "2025-06-20")) == "2025-06-20"
    assert editions.chosen("1999-01-01", ("2026-06-20", "2025-06-20")) == "2026-06-20"
    assert editions.chosen("x", (2024, 2023), int) == 2024
    assert editions.latest(()) is None


def test_built_in_editions_and_years():
    assert editions.list_editions(catalog.load("institutions")) == ("2025-06-20", "2024-06-20")
    assert editions.years(catalog.load("province_gdp")) == (2024, 2023, 2022, 2021, 2020, 2019)


def provinces():
    table = catalog.load("provinces")
    return {**dict(zip(table["name_zh"], table["adcode"].astype(int), strict=True)),
            **dict(zip(table["short_zh"], table["adcode"].astype(int), strict=True))}  # fmt: skip


def store_with(tmp_path, name: str, upload: pd.DataFrame) -> FileStore:
    spec = importing.IMPORTABLE[name]
    store = FileStore(tmp_path / "store")
    combined = importing.combine(catalog.load(name), upload, spec)
    store.commit(name, importing.canonical_bytes(combined), expected=None, author="t", original_name="x", summary="")
    return store


def app(tmp_path, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def test_an_imported_edition_is_selectable_and_linkable(tmp_path):
    raw = CASES / "moe_list_for_a_new_edition.xls"
    if not raw.exists():
        pytest.skip("the shared cases folder is not beside the project")
    references = importing.References(frozenset(provinces().values()), frozenset())
    upload = importing.parse_upload(raw.read_bytes(), "list.xls", importing.IMPORTABLE["institutions"], references,
                                    list_date="2026-06-20", province_codes=provinces())  # fmt: skip
    store_with(tmp_path, "institutions", upload)
    at = app(tmp_path, {"lang": "en"})
    edition = at.sidebar.selectbox(key="edition")
    assert edition.options == ["2026-06-20", "2025-06-20", "2024-06-20"]
    assert edition.value == "2026-06-20", "the newest edition is the default"
    linked = app(tmp_path, {"lang": "en", "edition": "2025-06-20"})
    assert linked.sidebar.selectbox(key="edition").value == "2025-06-20"
    assert not linked.exception


def test_an_imported_nbs_year_is_offered_by_the_year_control(tmp_path):
    export = NBS / "nbs_raw_gdp_by_industry_2024.csv"
    if not export.exists():
        pytest.skip("the NBS exports are not beside the project")
    # A test stand-in for next year's export: the 2024 figures under the period 2025年.
    text = export.read_bytes().decode("utf-8-sig").replace("时间：2024年", "时间：2025年")
    references = importing.References(frozenset(provinces().values()), frozenset())
    upload = importing.parse_upload(text.encode(), "gdp.csv", importing.IMPORTABLE["province_gdp"], references,
                                    province_codes=provinces(), today=pd.Timestamp("2026-11-30").date())  # fmt: skip
    assert set(upload["year"]) == {2025} and len(upload) == 31
    store_with(tmp_path, "province_gdp", upload)
    at = app(tmp_path, {"lang": "zh", "year": "2025"})
    year = at.sidebar.selectbox(key="year")
    assert year.options[:2] == ["2025", "2024"] and year.value == 2025
    assert not at.exception


def test_an_nbs_export_of_several_years_or_missing_indicators_is_refused_plainly():
    export = NBS / "nbs_raw_gdp_by_industry_2024.csv"
    if not export.exists():
        pytest.skip("the NBS exports are not beside the project")
    from vetdash.errors import DataValidationError

    references = importing.References(frozenset(provinces().values()), frozenset())
    text = export.read_bytes().decode("utf-8-sig").replace("时间：2024年", "时间：2020-2024年").replace("建筑业增加值", "建筑业")
    with pytest.raises(DataValidationError) as caught:
        importing.parse_upload(
            text.encode(), "gdp.csv", importing.IMPORTABLE["province_gdp"], references, province_codes=provinces()
        )
    assert [p.code for p in caught.value.problems] == ["nbs_one_year", "nbs_indicators_missing"]


def test_a_card_for_an_edition_says_as_of_and_a_card_for_a_year_says_year():
    """The overview's cards: MOE-list figures are as of the list's date, the economy's for a year."""
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    newest = max(editions.list_editions(catalog.load("institutions")))
    population = max(editions.years(catalog.load("province_population")))
    assert sum(f"As of {newest}" in c for c in captions) == 3  # 专科 schools, vocational universities, per million
    # the ratio to residents names the population year it divides by, the counts do not
    assert sum(f"As of {newest} · population {population}" in c for c in captions) == 1
    assert any("Year: 20" in c for c in captions)
    assert not any(f"Year: {newest}" in c for c in captions)
    assert editions.is_edition_date("2025-06-20") and not editions.is_edition_date("2024")
