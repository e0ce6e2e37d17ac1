"""Import templates: the columns a dataset needs, bilingual headers and one example row."""

from __future__ import annotations

import csv
import io

from vetdash import schemas
from vetdash.tabular import column_kinds

EXAMPLES: dict[str, dict[str, object]] = {
    "SpecialtyPoints": {
        "province_adcode": 500000,
        "year": 2025,
        "category_code": 46,
        "points": 120,
        "added": 8,
        "removed": 3,
        "is_demo": "false",
    },
    "CollegeBudgets": {
        "college_name": "重庆示例职业学院",
        "province_adcode": 500000,
        "year": 2025,
        "budget_total_10k_yuan": 52000.0,
        "budget_kind": "收入预算",
        "rank_in_source": "",
        "source_title": "2025年单位预算情况说明",
        "source_url": "https://example.edu.cn/xxgk/2025.htm",
        "source_publisher": "重庆示例职业学院",
        "source_date": "2025-02-10",
        "evidence_quote_zh": "2025年收入预算5.2亿元",
        "confidence": "high",
        "notes": "",
    },
}


def template_csv(schema_name: str) -> bytes:
    """A CSV template that the loader accepts as it is: the columns and one example row (UTF-8 with BOM)."""
    columns = list(column_kinds(schemas.SCHEMAS[schema_name]))
    example = EXAMPLES.get(schema_name, {})
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerow([example.get(c, "") for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(schema_name: str, lang: str) -> bytes:
    """An XLSX template: a data sheet (column names and one example row) and a readme sheet."""
    import pandas as pd

    from vetdash.i18n import t

    columns = list(column_kinds(schemas.SCHEMAS[schema_name]))
    kinds = column_kinds(schemas.SCHEMAS[schema_name])
    example = EXAMPLES.get(schema_name, {})
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame([[example.get(c, "") for c in columns]], columns=columns).to_excel(writer, sheet_name="data", index=False)
        readme = pd.DataFrame(
            {
                "column": columns,
                "类型 type": [kinds[c] for c in columns],
                "说明 (zh)": [t(f"field.{c}", "zh") if t(f"field.{c}", "zh") != f"field.{c}" else "" for c in columns],
                "description (en)": [t(f"field.{c}", "en") if t(f"field.{c}", "en") != f"field.{c}" else "" for c in columns],
            }
        )
        readme.to_excel(writer, sheet_name="readme", index=False)
    return buffer.getvalue()
