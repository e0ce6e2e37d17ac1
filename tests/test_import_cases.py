"""Files as Excel, WPS and the publishers leave them: every file in the shared cases folder with its
expected result, and the kind of fault behind each (not only that file)."""

from __future__ import annotations

import datetime
import io
import re

import openpyxl
import pytest

from vetdash import catalog, importing
from vetdash.errors import DataValidationError
from vetdash.paths import PROJECT_ROOT

CASES = PROJECT_ROOT.parent / "shared" / "cases" / "import"
POINTS = importing.IMPORTABLE["specialty_points"]
BUDGETS = importing.IMPORTABLE["college_budgets"]
INSTITUTIONS = importing.IMPORTABLE["institutions"]
POINTS_HEADER = ["province_adcode", "year", "category_code", "points", "added", "removed", "is_demo"]
BUDGET_HEADER = (
    "college_name,province_adcode,year,budget_total_10k_yuan,budget_kind,rank_in_source,source_title,source_url,"
    "source_publisher,source_date,evidence_quote_zh,confidence,notes"
)
BUDGET_ROW = "重庆电力高等专科学校,500000,2025,31250.5,收入预算,,2025年部门预算公开,https://example.edu.cn/a.htm,重庆电力高等专科学校,{date},x,high,"
# What a message must never show: a regular expression or a validation library's rule.
INTERNALS = re.compile(r"\\d|\^|\$\)|\[\'|in_range|str_matches|isin\(|field_uniqueness|multiple_fields")
TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(scope="module")
def references():
    return importing.References(
        province_codes=frozenset(int(c) for c in catalog.load("provinces")["adcode"]),
        institution_names=frozenset(catalog.load("institutions")["name"]),
    )


@pytest.fixture(scope="module")
def province_codes():
    provinces = catalog.load("provinces")
    return dict(zip(provinces["name_zh"], provinces["adcode"].astype(int), strict=True))


def case(name: str) -> bytes:
    path = CASES / name
    if not path.exists():
        pytest.skip("the shared cases folder is not beside the project")
    return path.read_bytes()


def parse(raw, name, spec, references, **kw):
    return importing.parse_upload(raw, name, spec, references, today=TODAY, **kw)


def refused(raw, name, spec, references, **kw) -> DataValidationError:
    with pytest.raises(DataValidationError) as caught:
        parse(raw, name, spec, references, **kw)
    for lang in ("zh", "en"):
        assert not INTERNALS.search(caught.value.report(lang)), caught.value.report(lang)
    return caught.value


def workbook(rows, *, hidden: dict[str, str] | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in rows:
        sheet.append(row)
    for title, state in (hidden or {}).items():
        extra = book.create_sheet(title)
        extra.append(["list", "values"])
        extra.append([1, 2])
        extra.sheet_state = state
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ---- booleans ----------------------------------------------------------------------------------


def test_case_specialty_points_resaved_by_excel(references):
    frame = parse(case("specialty_points_resaved_by_excel.csv"), "a.csv", POINTS, references)
    assert frame["is_demo"].tolist() == ["false"] * 3


def test_case_is_demo_as_excel_boolean_cells(references):
    frame = parse(case("specialty_points_is_demo_as_excel_boolean.xlsx"), "a.xlsx", POINTS, references)
    assert frame["is_demo"].tolist() == ["false"] * 3


@pytest.mark.parametrize(("written", "read"), [("TRUE", "true"), ("False", "false"), ("fAlSe", "false"), (" true ", "true")])
def test_true_false_in_any_case(written, read, references):
    raw = ",".join(POINTS_HEADER) + f"\n500000,2025,46,120,8,3,{written}\n"
    assert parse(raw.encode(), "a.csv", POINTS, references)["is_demo"].tolist() == [read]


@pytest.mark.parametrize("cell", [True, False])
def test_excel_boolean_cells(cell, references):
    frame = parse(workbook([POINTS_HEADER, [500000, 2025, 46, 120, 8, 3, cell]]), "a.xlsx", POINTS, references)
    assert frame["is_demo"].tolist() == [str(cell).lower()]


def test_a_word_that_is_not_a_boolean_is_still_refused_with_the_allowed_values(references):
    raw = ",".join(POINTS_HEADER) + "\n500000,2025,46,120,8,3,maybe\n"
    error = refused(raw.encode(), "a.csv", POINTS, references)
    assert [p.code for p in error.problems] == ["not_allowed"]
    assert "true、false" in error.problems[0].message("en")


# ---- dates -------------------------------------------------------------------------------------


def test_case_budget_dates_as_excel_dates(references):
    frame = parse(case("college_budgets_dates_as_excel_dates.xlsx"), "b.xlsx", BUDGETS, references)
    assert frame["source_date"].tolist() == ["2025-02-10", "2025-03-01"]


def test_case_budget_slash_dates_in_gbk(references):
    frame = parse(case("college_budgets_slash_dates_gbk.csv"), "b.csv", BUDGETS, references)
    assert frame["source_date"].tolist() == ["2025-02-10", "2025-03-01"]
    assert frame["college_name"].tolist()[0] == "重庆电力高等专科学校"


@pytest.mark.parametrize(
    ("written", "read"),
    [("2025/2/10", "2025-02-10"), ("2025-2-10", "2025-02-10"), ("2025.2.10", "2025-02-10"), ("2025年2月10日", "2025-02-10"),
     ("2025/02", "2025-02"), ("2025", "2025"), ("２０２５/２/１０", "2025-02-10"), ("2025-02-10 00:00:00", "2025-02-10")],
)  # fmt: skip
def test_dates_as_people_write_them(written, read, references):
    raw = f"{BUDGET_HEADER}\n{BUDGET_ROW.format(date=written)}\n"
    assert parse(raw.encode(), "b.csv", BUDGETS, references)["source_date"].tolist() == [read]


def test_date_cells_of_every_kind(references):
    header = BUDGET_HEADER.split(",")
    row = BUDGET_ROW.format(date="").split(",")
    rows = [header]
    for value in (datetime.datetime(2025, 2, 10), datetime.date(2025, 3, 1)):
        cells = list(row)
        cells[header.index("source_date")] = value
        cells[header.index("budget_kind")] = f"收入预算{len(rows)}"
        rows.append(cells)
    frame = parse(workbook(rows), "b.xlsx", BUDGETS, references)
    assert frame["source_date"].tolist() == ["2025-02-10", "2025-03-01"]


def test_a_date_that_is_no_date_says_so_in_words(references):
    raw = f"{BUDGET_HEADER}\n{BUDGET_ROW.format(date='二月初')}\n"
    error = refused(raw.encode(), "b.csv", BUDGETS, references)
    assert [p.code for p in error.problems] == ["bad_format"]
    assert "2025-02-10" in error.problems[0].message("zh") and "a date such as" in error.problems[0].message("en")


# ---- codes that Excel turned into numbers --------------------------------------------------------


def test_case_codes_in_scientific_notation(references):
    error = refused(case("institutions_codes_in_scientific_notation.csv"), "i.csv", INSTITUTIONS, references)
    assert [(p.row, p.column, p.code) for p in error.problems] == [(r, "code", "excel_scientific") for r in (2, 3, 4)]
    message = error.problems[0].message("zh")
    assert "科学计数法" in message and "文本" in message
    assert "Text" in error.problems[0].message("en")


@pytest.mark.parametrize("cell", ["4.15E+09", "4.15001E+09", "4.150010631e9", "４.１５Ｅ＋０９"])
def test_any_scientific_code_gets_one_message_and_nothing_else(cell, references):
    header = "list_date,seq,code,name,province_adcode,city,level,ownership,authority,remark_zh"
    rows = [
        f"2026-06-20,{i},{code},学院{i},500000,重庆市,专科,public,重庆市,"
        for i, code in ((1, cell), (2, cell), (3, "4150010631"))
    ]
    error = refused("\n".join([header, *rows]).encode(), "i.csv", INSTITUTIONS, references)
    assert [p.code for p in error.problems] == ["excel_scientific", "excel_scientific"]


def test_codes_stored_as_numbers_in_xlsx_are_read_as_codes(references):
    header = ["list_date", "seq", "code", "name", "province_adcode", "city", "level", "ownership", "authority", "remark_zh"]
    frame = parse(workbook([header, ["2026-06-20", 1, 4150010631, "学院", 500000, "重庆市", "专科", "public", "重庆市", None]]),
                  "i.xlsx", INSTITUTIONS, references)  # fmt: skip
    assert frame["code"].tolist() == ["4150010631"]


# ---- full-width characters ---------------------------------------------------------------------


def test_full_width_digits_and_letters_are_normalised(references):
    raw = ",".join(POINTS_HEADER) + "\n５０００００,２０２５,４６,１２０,８,３,ＦＡＬＳＥ\n"
    frame = parse(raw.encode(), "a.csv", POINTS, references)
    assert frame.iloc[0].tolist() == [500000, 2025, 46, 120, 8, 3, "false"]


def test_full_width_parentheses_in_names_stay(references):
    name = next(n for n in references.institution_names if "（" in n)
    raw = f"{BUDGET_HEADER}\n{BUDGET_ROW.format(date='2025-02-10').replace('重庆电力高等专科学校', name, 1)}\n"
    assert parse(raw.encode(), "b.csv", BUDGETS, references)["college_name"].tolist() == [name]


# ---- hidden sheets -----------------------------------------------------------------------------


def test_case_hidden_lookup_sheet_is_not_data(references):
    frame = parse(case("specialty_points_with_hidden_lookup_sheet.xlsx"), "p.xlsx", POINTS, references)
    assert len(frame) == 2


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_of_both_kinds_are_ignored(state, references):
    raw = workbook([POINTS_HEADER, [500000, 2025, 46, 120, 8, 3, "false"]], hidden={"lists": state})
    assert len(parse(raw, "p.xlsx", POINTS, references)) == 1


def test_a_second_visible_sheet_is_still_asked_about(references):
    raw = workbook([POINTS_HEADER, [500000, 2025, 46, 120, 8, 3, "false"]], hidden={"lists": "visible"})
    assert [p.code for p in refused(raw, "p.xlsx", POINTS, references).problems] == ["several_sheets"]


# ---- the MOE list, as published and re-saved ---------------------------------------------------


def test_case_moe_list_resaved_as_xlsx_reads_as_the_xls(references, province_codes):
    frame = parse(case("moe_list_2025_resaved_as_xlsx.xlsx"), "list.xlsx", INSTITUTIONS, references,
                  list_date="2025-06-20", province_codes=province_codes)  # fmt: skip
    assert len(frame) == 2919
    assert frame["level"].value_counts().to_dict() == {"专科": 1554, "本科": 1365}
    built_in = catalog.load("institutions")
    built_in = built_in[built_in["list_date"] == "2025-06-20"].reset_index(drop=True)
    assert frame.reset_index(drop=True).equals(built_in.astype(frame.dtypes.to_dict()))


def test_case_new_edition_xls(references, province_codes):
    frame = parse(case("moe_list_for_a_new_edition.xls"), "list.xls", INSTITUTIONS, references,
                  list_date="2026-06-20", province_codes=province_codes)  # fmt: skip
    assert set(frame["list_date"]) == {"2026-06-20"}
    assert len(frame) == 2919


def test_moe_list_needs_its_as_of_date(references, province_codes):
    error = refused(
        case("moe_list_2025_resaved_as_xlsx.xlsx"), "list.xlsx", INSTITUTIONS, references, province_codes=province_codes
    )
    assert [p.code for p in error.problems] == ["list_date_needed"]


# ---- years and units ---------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "accepted"), [(2027, True), (2028, False), (2099, False)])
def test_a_year_far_ahead_is_refused(year, accepted, references):
    raw = ",".join(POINTS_HEADER) + f"\n500000,{year},46,120,8,3,false\n"
    if accepted:
        assert len(parse(raw.encode(), "a.csv", POINTS, references)) == 1
    else:
        error = refused(raw.encode(), "a.csv", POINTS, references)
        assert [(p.code, p.value) for p in error.problems] == [("year_in_future", str(year))]
        assert "2027" in error.problems[0].message("zh")


@pytest.mark.parametrize(("cell", "in_wan"), [("1,234.5万", "1234.5"), ("1234.5万", "1234.5"), ("3.13亿元", "31300")])
def test_wan_and_yi_get_a_hint_with_the_figure_to_enter(cell, in_wan, references):
    raw = f"{BUDGET_HEADER}\n{BUDGET_ROW.format(date='2025-02-10').replace('31250.5', chr(34) + cell + chr(34))}\n"
    error = refused(raw.encode(), "b.csv", BUDGETS, references)
    assert [p.code for p in error.problems] == ["chinese_unit"]
    assert f"填 {in_wan}" in error.problems[0].message("zh") and f"enter {in_wan}" in error.problems[0].message("en")


def test_a_repeated_key_names_its_columns_and_rows(references):
    raw = ",".join(POINTS_HEADER) + "\n500000,2025,46,1,0,0,false\n500000,2025,51,1,0,0,false\n\n500000,2025,46,2,0,0,false\n"
    error = refused(raw.encode(), "d.csv", POINTS, references)
    assert len(error.problems) == 1
    message = error.problems[0].message("en")
    assert "province_adcode、year、category_code" in message and "rows 2, 5" in message, "the blank line 4 still counts"
