"""Templates import as they are: their example rows are valid, marked, and dropped on import; the
readme sheets explain every column (meaning, type, unit, allowed values, example) in zh and en."""

from __future__ import annotations

import io

import openpyxl
import pytest

from vetdash import catalog, importing, schemas, templates
from vetdash.errors import DataValidationError
from vetdash.tabular import column_kinds

SPECS = [importing.IMPORTABLE[name] for name in importing.listed_specs()]


@pytest.fixture(scope="module")
def references():
    return importing.References(
        province_codes=frozenset(int(c) for c in catalog.load("provinces")["adcode"]),
        institution_names=frozenset(catalog.load("institutions")["name"]),
    )


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_each_template_as_downloaded_says_it_holds_only_examples(spec, references):
    for raw, name in ((templates.template_csv(spec.schema), "t.csv"), (templates.template_xlsx(spec.schema, "zh"), "t.xlsx")):
        with pytest.raises(DataValidationError) as caught:
            importing.parse_upload(raw, name, spec, references)
        assert [p.code for p in caught.value.problems] == ["only_examples"], caught.value.report("en")


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_each_example_row_is_valid_once_unmarked(spec, references):
    text = templates.template_csv(spec.schema).decode("utf-8-sig")
    unmarked = "\n".join(line.split(",", 1)[1] for line in text.strip().splitlines())
    frame = importing.parse_upload(unmarked.encode(), "t.csv", spec, references)
    assert len(frame) == len(templates.EXAMPLES[spec.schema])


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_the_readme_explains_every_column_in_both_languages(spec):
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(spec.schema, "en")))
    assert book.sheetnames == ["data", "readme", "说明"], "the reader's language first"
    columns = list(column_kinds(schemas.SCHEMAS[spec.schema]))
    for lang, sheet in (("en", book["readme"]), ("zh", book["说明"])):
        rows = list(sheet.iter_rows(values_only=True))
        about = rows[0][0]
        assert ("example" in about and "import" in about) if lang == "en" else ("示例" in about and "导入方式" in about)
        header, body = rows[2], rows[3:]
        assert len(header) == 7
        assert [r[0] for r in body] == columns
        for row in body:
            name, meaning, kind, _unit, allowed, required, _example = row
            assert meaning and meaning != f"field.{name}", (lang, name)
            assert kind and not kind.startswith("tpl."), (lang, name)
            assert allowed and "\\d" not in allowed and "^" not in allowed, (lang, name, allowed)
            assert required


def test_readme_units_and_allowed_values_for_budgets():
    readme = templates.readme_frame("CollegeBudgets", "en").set_index("column")
    assert readme.loc["budget_total_10k_yuan", "Unit"] == "10,000 yuan (万元)"
    assert readme.loc["confidence", "Allowed values"] == "high、medium、low"
    assert readme.loc["source_date", "Allowed values"] == "a date such as 2025-02-10, 2025-02 or 2025"
    assert readme.loc["source_date", "Example"] == "2025-02-10"
    zh = templates.readme_frame("CollegeBudgets", "zh").set_index("列名 column")
    assert zh.loc["budget_total_10k_yuan", "单位"] == "万元"
    assert "新增或更新" in templates.about_text("CollegeBudgets", "zh")
    assert "replace by list edition" in templates.about_text("Institutions", "en")
