"""The import path against a corpus of bad files: each gets its message, and nothing stored changes.
A hypothesis fuzz test shows the parser raises nothing but the project's own validation error."""

from __future__ import annotations

import contextlib
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vetdash import catalog, importing, templates
from vetdash.errors import DataValidationError
from vetdash.store import FileStore

SPEC = importing.IMPORTABLE["specialty_points"]
BUDGETS = importing.IMPORTABLE["college_budgets"]
HEADER = "province_adcode,year,category_code,points,added,removed,is_demo\n"
GOOD = HEADER + "500000,2025,46,120,8,3,false\n500000,2025,51,90,5,2,false\n"


@pytest.fixture(scope="module")
def references():
    return importing.References(
        province_codes=frozenset(int(c) for c in catalog.load("provinces")["adcode"]),
        institution_names=frozenset(catalog.load("institutions")["name"]),
    )


@pytest.fixture()
def store(tmp_path):
    store = FileStore(tmp_path / "store")
    store.commit("specialty_points", GOOD.encode(), expected=None, author="a", original_name="good.csv", summary="")
    return store


def codes(raw: bytes, name: str, references, spec=SPEC, **kw) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        importing.parse_upload(raw, name, spec, references, **kw)
    return [p.code for p in caught.value.problems]


def xlsx(rows, *, sheets=("data",), merge=None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if merge:
            sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_good_csv_gbk_bom_and_xlsx_are_read(references):
    assert len(importing.parse_upload(GOOD.encode(), "a.csv", SPEC, references)) == 2
    assert len(importing.parse_upload(GOOD.encode("gbk"), "a.csv", SPEC, references)) == 2
    assert len(importing.parse_upload(("\ufeff" + GOOD).encode(), "a.csv", SPEC, references)) == 2
    rows = [line.split(",") for line in GOOD.strip().splitlines()]
    frame = importing.parse_upload(xlsx(rows, sheets=("data", "readme")), "a.xlsx", SPEC, references)
    assert frame["points"].tolist() == [120, 90]


def test_the_xlsx_template_with_a_row_added_imports_and_its_example_is_dropped(references):
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx("SpecialtyPoints", "zh")))
    book["data"].append(["", 500000, 2024, 51, 77, 1, 0, "FALSE"])
    buffer = io.BytesIO()
    book.save(buffer)
    frame = importing.parse_upload(buffer.getvalue(), "template.xlsx", SPEC, references)
    assert frame.iloc[:, :4].values.tolist() == [[500000, 2024, 51, 77]], "the example row (2025, 46) is not imported"


BAD_CASES = [
    ("empty", b"", "e.csv", {"empty_file"}),
    ("header only", HEADER.encode(), "h.csv", {"no_rows"}),
    (
        "wrong headers",
        b"province,year,category,points,added,removed,is_demo\n500000,2025,46,1,0,0,false\n",
        "w.csv",
        {"missing_column", "unexpected_column"},
    ),
    (
        "missing header",
        b"province_adcode,year,points,added,removed,is_demo\n500000,2025,1,0,0,false\n",
        "m.csv",
        {"missing_column"},
    ),
    ("text in a number column", (HEADER + "500000,2025,46,很多,0,0,false\n").encode(), "t.csv", {"not_integer"}),
    ("thousands separator", (HEADER + '500000,2025,46,"1,200",0,0,false\n').encode(), "s.csv", {"thousands_separator"}),
    ("wan unit", (HEADER + "500000,2025,46,1.2万,0,0,false\n").encode(), "u.csv", {"chinese_unit"}),
    ("negative", (HEADER + "500000,2025,46,-5,0,0,false\n").encode(), "n.csv", {"below_minimum"}),
    ("absurd", (HEADER + "500000,2025,46,1000000000000000,0,0,false\n").encode(), "a.csv", {"above_maximum"}),
    ("duplicate key", (GOOD + "500000,2025,46,1,0,0,false\n").encode(), "d.csv", {"duplicate_key"}),
    ("unknown province", (HEADER + "990000,2025,46,1,0,0,false\n").encode(), "p.csv", {"out_of_range"}),
    ("unlisted province code", (HEADER + "500001,2025,46,1,0,0,false\n").encode(), "q.csv", {"unknown_province"}),
    ("xls renamed csv", importing.OLE2_MAGIC + b"\x00" * 600, "r.csv", {"xls_not_accepted"}),
    ("truncated xlsx", xlsx([["a"]])[:300], "x.xlsx", {"bad_xlsx"}),
    ("several sheets", xlsx([HEADER.strip().split(",")], sheets=("a", "b")), "y.xlsx", {"several_sheets"}),
    (
        "merged header",
        xlsx([HEADER.strip().split(","), ["500000", 2025, 46, 1, 0, 0, "false"]], merge="A1:B1"),
        "z.xlsx",
        {"merged_header"},
    ),
    ("too large", b"x" * (importing.MAX_UPLOAD_BYTES + 1), "big.csv", {"too_large"}),
]


@pytest.mark.parametrize(("label", "raw", "name", "expected"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_is_refused_with_its_message_and_nothing_stored_changes(label, raw, name, expected, references, store):
    before = (store.current("specialty_points"), store.currents(), len(store.history("specialty_points")))
    found = set(codes(raw, name, references))
    assert expected <= found, f"{label}: {found}"
    assert (store.current("specialty_points"), store.currents(), len(store.history("specialty_points"))) == before


def test_messages_name_row_column_in_both_languages(references):
    with pytest.raises(DataValidationError) as caught:
        importing.parse_upload((HEADER + "500000,2025,46,很多,0,0,false\n").encode(), "t.csv", SPEC, references)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (2, "points", "很多")
    assert "t.csv · 第2行 · 「points」列" in caught.value.report("zh")
    assert "t.csv · row 2 · column 'points'" in caught.value.report("en")


def test_xls_renamed_to_csv_for_the_moe_list(references):
    raw = catalog.PROJECT_ROOT.parent / "shared" / "data-sources" / "moe-hei-list-2025" / "moe_regular_hei_list_2025-06-20.xls"
    if not raw.exists():
        pytest.skip("raw MOE list not beside the project")
    assert codes(raw.read_bytes(), "list.csv", references, spec=importing.IMPORTABLE["institutions"], list_date="2025-06-20") == [
        "xls_renamed"
    ]


def test_moe_xls_becomes_an_edition_of_institutions(references):
    raw = catalog.PROJECT_ROOT.parent / "shared" / "data-sources" / "moe-hei-list-2025" / "moe_regular_hei_list_2025-06-20.xls"
    if not raw.exists():
        pytest.skip("raw MOE list not beside the project")
    provinces = catalog.load("provinces")
    lookup = {**dict(zip(provinces["name_zh"], provinces["adcode"].astype(int), strict=True))}
    frame = importing.parse_upload(
        raw.read_bytes(),
        "list.xls",
        importing.IMPORTABLE["institutions"],
        references,
        list_date="2026-06-20",
        province_codes=lookup,
    )
    assert len(frame) == 2919 and set(frame["list_date"]) == {"2026-06-20"}
    merged = importing.merge_edition(catalog.load("institutions"), frame)
    assert sorted(merged["list_date"].unique()) == ["2024-06-20", "2025-06-20", "2026-06-20"]


def test_markup_and_formula_names_are_refused(references):
    header = ",".join(["college_name", "province_adcode", "year", "budget_total_10k_yuan", "budget_kind", "rank_in_source", "source_title",
                       "source_url", "source_publisher", "source_date", "evidence_quote_zh", "confidence", "notes"])  # fmt: skip
    script = f"{header}\n重庆城市职业学院,500000,2025,100,收入,,<script>alert(1)</script>,https://x.cn,p,2025-01-01,q,high,\n"
    formula = f'{header}\n=HYPERLINK("http://x"),500000,2025,100,收入,,t,https://x.cn,p,2025-01-01,q,high,\n'
    assert "markup" in codes(script.encode(), "s.csv", references, spec=BUDGETS)
    found = codes(formula.encode(), "f.csv", references, spec=BUDGETS)
    assert "formula_like" in found


def test_unknown_college_is_refused(references):
    header = "college_name,province_adcode,year,budget_total_10k_yuan,budget_kind,rank_in_source,source_title,source_url,source_publisher,source_date,evidence_quote_zh,confidence,notes"
    raw = f"{header}\n不存在职业学院,500000,2025,100,收入,,t,https://x.cn,p,2025-01-01,q,high,\n".encode()
    assert codes(raw, "c.csv", references, spec=BUDGETS) == ["unknown_college"]


def test_zip_bomb_is_refused_before_unpacking(references):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (importing.MAX_UNZIPPED_BYTES + 1))
    assert codes(buffer.getvalue(), "bomb.xlsx", references) == ["zip_bomb"]


def test_diff_finds_added_removed_changed():
    keys = ("province_adcode", "year", "category_code")
    old = pd.DataFrame({"province_adcode": [1, 1], "year": [2025, 2025], "category_code": [46, 51], "points": [10, 20]})
    new = pd.DataFrame({"province_adcode": [1, 1], "year": [2025, 2025], "category_code": [46, 52], "points": [11, 5]})
    result = importing.diff(old, new, keys)
    assert result.added["category_code"].tolist() == [52]
    assert result.removed["category_code"].tolist() == [51]
    assert result.changed["changes"].tolist() == ["points: 10 → 11"]
    assert importing.diff(new, new, keys).empty


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2000) | st.text(max_size=2000).map(lambda s: (HEADER + s).encode("utf-8")))
def test_fuzzed_bytes_raise_only_validation_errors(raw, references):
    with contextlib.suppress(DataValidationError):  # anything else fails the test
        importing.parse_upload(raw, "fuzz.csv", SPEC, references)
