"""Imported data tells its own source: source lines, notes and the problem table after an import."""

from __future__ import annotations

import pandas as pd
import pytest

from vetdash import catalog, importing, provenance
from vetdash.errors import DataValidationError, Problem

INSTITUTIONS = importing.IMPORTABLE["institutions"]


@pytest.fixture()
def imported_edition():
    """The 2026-06-20 edition imported by 王五, stated as from MOE's 2026 list."""
    provenance.use_imported(
        lambda: {
            "institutions": provenance.Imported(
                "教育部《全国高等学校名单》2026", "2026-07-01", "王五", ("2026-06-20",), by_part=True
            )
        }
    )
    yield
    provenance.use_imported(provenance._nothing_imported)


def test_an_imported_edition_shows_its_stated_source_and_as_of_date(imported_edition):
    zh = provenance.source_text(["institutions"], "zh", "2026-06-20")
    en = provenance.source_text(["institutions"], "en", "2026-06-20")
    assert (
        zh
        == "来源：（2026-06-20）全国普通高等学校名单，教育部《全国高等学校名单》2026，截至2026-06-20（王五于2026-07-01导入）〔官方〕"
    )
    assert "as of 2026-06-20 (imported 2026-07-01 by 王五)" in en
    # the built-in publication's date is not claimed for the imported edition
    assert catalog.dataset("institutions").source["published"] not in zh + en
    assert not provenance.registered_applies("institutions", "2026-06-20")


def test_a_built_in_edition_keeps_its_publication_beside_an_import(imported_edition):
    text = provenance.source_text(["institutions"], "en", "2025-06-20")
    assert "imported" not in text and "published" in text
    assert provenance.registered_applies("institutions", "2025-06-20")
    # with no edition chosen, both the publication and the import are named
    both = provenance.source_text(["institutions"], "en")
    assert "published" in both and "as of 2026-06-20" in both
    assert "教育部《全国高等学校名单》2026" in provenance.short_source(["institutions"], "zh", "2026-06-20")


def test_a_view_of_several_editions_names_the_import_behind_one_of_them(imported_edition):
    """Ranks over time span every edition: the imported one is credited to its stated source, the
    built-in ones to the publication, and the publication is not claimed for the import."""
    editions = "2024-06-20, 2025-06-20, 2026-06-20"
    en = provenance.source_text(["institutions"], "en", editions)
    assert "published 2025-06-27" in en and "as of 2026-06-20 (imported 2026-07-01 by 王五)" in en
    assert "教育部《全国高等学校名单》2026" in provenance.short_source(["institutions"], "zh", editions)
    # a chart's subtitle names the editions' years as a range: the import is among them
    assert "教育部《全国高等学校名单》2026" in provenance.short_source(["institutions"], "zh", "2024–2026")
    assert "as of 2026-06-20" in provenance.source_text(["institutions"], "en", "2024–2026")
    assert "教育部《全国高等学校名单》2026" not in provenance.short_source(["institutions"], "zh", "2024–2025")
    built_in_only = provenance.source_text(["institutions"], "en", "2024-06-20, 2025-06-20")
    assert "imported" not in built_in_only and "published" in built_in_only
    provenance.use_imported(
        lambda: {"province_gdp": provenance.Imported("NBS 2026", "2026-03-01", "Li", ("2025",), by_part=True)}
    )
    years = provenance.source_text(["province_gdp"], "en", "2016–2025")
    assert "as of 2025 (imported 2026-03-01 by Li)" in years and "published" in years
    only_import = provenance.source_text(["province_gdp"], "en", "2025–2025")
    assert "published" not in only_import


def test_without_a_stated_source_the_line_says_so():
    provenance.use_imported(lambda: {"college_budgets": provenance.Imported("", "2026-07-01", "Li", (), by_part=False)})
    try:
        text = provenance.source_text(["college_budgets"], "en")
    finally:
        provenance.use_imported(provenance._nothing_imported)
    # rows imported by key sit beside the sourced ones: both are named
    assert "published" in text and "source not stated by the importer, as of — (imported 2026-07-01 by Li)" in text


def test_changed_parts_are_the_editions_an_import_brought():
    built_in = catalog.load("institutions")
    assert importing.changed_parts(built_in, built_in, INSTITUTIONS) == ()
    new = built_in[built_in["list_date"] == "2025-06-20"].assign(list_date="2026-06-20")
    assert importing.changed_parts(built_in, importing.combine(built_in, new, INSTITUTIONS), INSTITUTIONS) == ("2026-06-20",)
    renamed = built_in.copy()
    renamed.loc[renamed.index[0], "name"] = "改名学院"
    assert importing.changed_parts(built_in, renamed, INSTITUTIONS) == (str(renamed.loc[renamed.index[0], "list_date"]),)


@pytest.mark.parametrize(
    ("lang", "whole", "dash"),
    [("zh", "（整个文件）", "—"), ("en", "(whole file)", "—")],
)
def test_a_whole_file_problem_shows_no_none_in_the_problem_table(lang, whole, dash):
    """An MOE list uploaded without its as-of date: one problem of the whole file."""
    raw = catalog.PROJECT_ROOT.parent / "shared" / "cases" / "import" / "moe_list_for_a_new_edition.xls"
    if not raw.exists():
        pytest.skip("the shared cases folder is not beside the project")
    with pytest.raises(DataValidationError) as caught:
        importing.parse_upload(raw.read_bytes(), "moe.xls", INSTITUTIONS, importing.References(frozenset(), frozenset()))
    rows = caught.value.rows(lang)
    assert [p.code for p in caught.value.problems] == ["list_date_needed"]
    row = rows[0]
    cells = list(row.values())
    assert cells[1:4] == [whole, whole, dash]
    assert "None" not in " ".join(str(c) for c in cells) and None not in cells
    # a cell problem keeps its row and column; only the missing value shows the dash
    cell = DataValidationError([Problem("f.csv", "not_number", row=3, column="gdp")]).rows(lang)[0]
    assert list(cell.values())[1:4] == ["3", "gdp", dash]
    assert pd.DataFrame(rows).notna().all().all()
