"""Import templates that import as they are: the columns a dataset needs, valid example rows marked
as examples (dropped on import), and a readme explaining every column in Chinese and English.

The example figures are illustrations of the format, never data: they are dropped on import.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from vetdash import schemas
from vetdash.i18n import t
from vetdash.importing import EXAMPLE_COLUMN, IMPORTABLE, ImportSpec, mode_text
from vetdash.tabular import PATTERN_RULES, columns_of, key_columns

# One or two example rows per dataset, valid as they are (a real college name from the MOE list,
# codes and dates in their formats); the figures only show the format.
EXAMPLES: dict[str, list[dict[str, object]]] = {
    "SpecialtyPoints": [
        {"province_adcode": 500000, "year": 2025, "category_code": 46, "points": 120, "added": 8, "removed": 3, "is_demo": "false"},
    ],
    "CollegeBudgets": [
        {
            "college_name": "重庆电力高等专科学校", "province_adcode": 500000, "year": 2025, "budget_total_10k_yuan": 31250.5,
            "budget_kind": "收入预算", "rank_in_source": "", "source_title": "2025年部门预算公开",
            "source_url": "https://www.example.edu.cn/xxgk/2025ys.htm", "source_publisher": "重庆电力高等专科学校",
            "source_date": "2025-02-10", "evidence_quote_zh": "2025年收入预算3.13亿元", "confidence": "high", "notes": "",
        },
    ],
    "Consortia": [
        {
            "id": "CQ-EXAMPLE-01", "name_zh": "重庆市示例产教联合体", "kind": "市域产教联合体", "scope": "municipal",
            "sector_zh": "装备制造", "category_codes": "46|51", "lead_institutions": "重庆电力高等专科学校",
            "lead_enterprises": "", "other_members_note": "", "founded_date": "2024-05", "district": "九龙坡区",
            "recognition": "", "source_title": "关于公布市域产教联合体名单的通知", "source_url": "https://www.example.gov.cn/tz.htm",
            "source_publisher": "重庆市教育委员会", "source_date": "2024-05-20", "evidence_quote_zh": "", "confidence": "high",
            "notes": "",
        },
    ],
    "Institutions": [
        {
            "list_date": "2025-06-20", "seq": 2305, "code": "4150011848", "name": "重庆电力高等专科学校", "province_adcode": 500000,
            "city": "重庆市", "level": "专科", "ownership": "public", "authority": "重庆市", "remark_zh": "",
        },
    ],
    "SpecialtyPointsProvince": [
        {
            "year": 2025, "province_adcode": 500000, "scope": "all", "catalogue": 2021, "category_code": 46,
            "category_code_2021": 46, "records": 120, "pairs": 118, "institutions": 30,
        },
    ],
    "ProvinceEmploymentBySection": [
        {"year": 2024, "province_adcode": 500000, "section": "C", "employed_10k": 61.2},
    ],
    "ProvincePopulation": [
        {"year": 2024, "province_adcode": 500000, "resident_pop_10k": 3190.0, "urban_pop_10k": 2301.0, "rural_pop_10k": 889.0},
    ],
    "ProvinceGdp": [
        {
            "year": 2025, "province_adcode": 500000, "gdp": 30000.0, "primary_va": 2000.0, "secondary_va": 11500.0,
            "tertiary_va": 16500.0, "agri_forestry_animal_fishery_va": 2100.0, "industry_va": 8800.0, "construction_va": 2700.0,
            "wholesale_retail_va": 2600.0, "transport_storage_post_va": 1400.0, "accommodation_catering_va": 600.0,
            "finance_va": 2500.0, "real_estate_va": 1900.0, "other_services_va": 7400.0, "gdp_per_capita_yuan": 94000,
        },
    ],
}  # fmt: skip


def _spec_of(schema_name: str) -> ImportSpec | None:
    return next((s for s in IMPORTABLE.values() if s.schema == schema_name), None)


def _data_rows(schema_name: str) -> tuple[list[str], list[list[object]]]:
    columns = list(columns_of(schemas.SCHEMAS[schema_name]))
    mark = t("tpl.example_mark", "zh")
    rows = [[mark, *(example.get(c, "") for c in columns)] for example in EXAMPLES.get(schema_name, [])]
    return [EXAMPLE_COLUMN, *columns], rows


def template_csv(schema_name: str) -> bytes:
    """A CSV template that imports as it is: the ``example`` column, the model's columns and marked
    example rows (UTF-8 with BOM, which Excel opens as UTF-8).

    ``schema_name`` a key of ``schemas.SCHEMAS`` (e.g. "ProvinceGdp"); KeyError otherwise.
    """
    header, rows = _data_rows(schema_name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def readme_frame(schema_name: str, lang: str) -> pd.DataFrame:
    """Every column of the dataset, one row each, in ``lang``.

    Args: ``schema_name`` a key of ``schemas.SCHEMAS`` (KeyError otherwise).
    Returns: columns (headers in ``lang``) column, meaning, type (whole number, number, text, date, code of digits, true/false),
    unit ("" where the column has none, e.g. 亿元 for GDP), allowed values (read from the model's checks;
    "unique" for single-column keys), required, example.
    """
    model = schemas.SCHEMAS[schema_name]
    schema_columns = model.to_schema().columns
    unique = {c for key in key_columns(model) if len(key) == 1 for c in key}
    example = (EXAMPLES.get(schema_name) or [{}])[0]
    records = []
    for name, column in columns_of(model).items():
        allowed = []
        for check in schema_columns[name].checks:
            stats = check.statistics or {}
            if check.name == "isin":
                allowed.append("、".join(str(v) for v in stats.get("allowed_values", ())))
            elif check.name == "in_range":
                allowed.append(f"{stats.get('min_value')}–{stats.get('max_value')}")
            elif check.name in ("greater_than_or_equal_to", "greater_than"):
                allowed.append(f"≥ {stats.get('min_value')}")
            elif check.name in ("less_than_or_equal_to", "less_than"):
                allowed.append(f"≤ {stats.get('max_value')}")
            elif check.name == "str_matches":
                allowed.append(t(PATTERN_RULES.get(str(stats.get("pattern")), "rule.other"), lang))
            elif check.name == "str_startswith":
                allowed.append(f"{stats.get('string')}…")
        if name in unique:
            allowed.append(t("tpl.unique", lang))
        kind = column.role if column.role in ("boolean", "date", "digits") else column.kind
        unit_key = f"unit_of.{name}"
        unit = t(unit_key, lang)
        records.append(
            {
                t("tpl.col_column", lang): name,
                t("tpl.col_meaning", lang): t(f"field.{name}", lang),
                t("tpl.col_type", lang): t(f"tpl.type_{kind}", lang),
                t("tpl.col_unit", lang): "" if unit == unit_key else unit,
                t("tpl.col_allowed", lang): "; ".join(allowed) or t("tpl.any_text", lang),
                t("tpl.col_required", lang): t("tpl.required_no" if schema_columns[name].nullable else "tpl.required_yes", lang),
                t("tpl.col_example", lang): str(example.get(name, "")),
            }
        )
    return pd.DataFrame(records)


def about_text(schema_name: str, lang: str) -> str:
    """The template's first readme line: example rows, and what an import does to what is stored."""
    spec = _spec_of(schema_name)
    mode = mode_text(spec, lang) if spec else ""
    return t("tpl.about", lang, column=EXAMPLE_COLUMN, mark=t("tpl.example_mark", lang), mode=mode)


def template_xlsx(schema_name: str, lang: str) -> bytes:
    """An XLSX template: a data sheet (the columns and marked example rows, every cell text so Excel
    keeps codes and dates as typed) and a readme sheet per language (说明 and readme), the reader's first.

    ``schema_name`` a key of ``schemas.SCHEMAS`` (KeyError otherwise); ``lang`` 'zh' | 'en'.
    """
    header, rows = _data_rows(schema_name)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(rows, columns=header).to_excel(writer, sheet_name="data", index=False)
        data = writer.sheets["data"]
        for column_cells in data.iter_cols(min_row=1, max_row=max(len(rows) + 200, 200)):
            for cell in column_cells:
                cell.number_format = "@"  # text: codes and dates stay as typed
        sheets = (("zh", "说明"), ("en", "readme"))
        for sheet_lang, sheet_name in sorted(sheets, key=lambda s: s[0] != lang):  # the reader's language first
            readme = readme_frame(schema_name, sheet_lang)
            pd.DataFrame({readme.columns[0]: [about_text(schema_name, sheet_lang)]}).to_excel(
                writer, sheet_name=sheet_name, index=False, header=False
            )
            readme.to_excel(writer, sheet_name=sheet_name, index=False, startrow=2)
    return buffer.getvalue()
