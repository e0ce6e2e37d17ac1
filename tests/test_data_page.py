"""The Data page through AppTest: provenance for everyone; import gated by the admin password;
history and rollback switch what every page shows."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from vetdash import memo, signin
from vetdash.i18n import t
from vetdash.paths import PROJECT_ROOT
from vetdash.store import FileStore

APP = str(PROJECT_ROOT / "app.py")
HEADER = "province_adcode,year,category_code,points,added,removed,is_demo\n"


def data_page(tmp_path, *, password: str | None = "secret-pw", params=None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    if password:
        at.secrets["admin"] = {"password": password}
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/data.py").run()
    return at


def test_everyone_sees_provenance_and_import_explains_how_to_enable(tmp_path):
    at = data_page(tmp_path, password=None, params={"lang": "en"})
    assert not at.exception
    listing = at.dataframe[0].value
    assert "Regular higher-education institutions (MOE list)" in listing.iloc[:, 0].tolist()
    assert any("secrets.toml" in i.value for i in at.info)


def test_wrong_password_is_refused(tmp_path):
    at = data_page(tmp_path)
    at.text_input(key="admin_password_input").set_value("nope").run()
    assert any("密码不对" in e.value for e in at.error)
    assert not at.session_state["is_admin"] if "is_admin" in at.session_state else True


def _register_version(points_46: int, points_51: int) -> bytes:
    """The built-in register table with Chongqing's 2024 points all in categories 46 and 51."""
    from vetdash import catalog, importing

    table = catalog.load("specialty_points_province").copy()
    cq = (table["province_adcode"] == 500000) & (table["year"] == 2024)
    for column in ("records", "pairs"):
        table.loc[cq, column] = 0
        table.loc[cq & (table["category_code"] == 46), column] = points_46
        table.loc[cq & (table["category_code"] == 51), column] = points_51
    return importing.canonical_bytes(table)


def test_imported_version_is_used_and_rollback_restores(tmp_path):
    store = FileStore(tmp_path / "store")
    one = store.commit("specialty_points_province", _register_version(100, 100), expected=None, author="张三",
                       original_name="v1.csv", summary="2 rows")  # fmt: skip
    two = store.commit("specialty_points_province", _register_version(300, 100), expected=one.version_id, author="李四",
                       original_name="v2.csv", summary="1 changed")  # fmt: skip

    demand = AppTest.from_file(APP, default_timeout=120)
    demand.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    demand.query_params["tab"] = "供需对比"
    demand.run()
    demand.switch_page("pages/demand.py").run()
    bands = demand.dataframe[0].value
    assert bands.set_index(bands.columns[0]).iloc[:, 0].loc["46 装备制造大类"] == 75.0  # 300 of 400 points

    at = data_page(tmp_path)
    at.text_input(key="admin_password_input").set_value("secret-pw").run()
    at.selectbox(key="import_dataset").set_value("specialty_points_province").run()
    history = at.dataframe[-1].value
    assert history.iloc[0, 2] == two.version_id[:8] + " ✓"
    at.selectbox(key="rollback_target").set_value(one.version_id).run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    assert store.current("specialty_points_province") == one.version_id

    demand.run()
    bands = demand.dataframe[0].value
    assert bands.set_index(bands.columns[0]).iloc[:, 0].loc["46 装备制造大类"] == 50.0, (
        "every session sees the version on its next rerun"
    )


def test_a_year_of_register_rows_imports_into_the_register_table():
    import gzip

    import pandas as pd

    from vetdash import catalog, importing

    source = PROJECT_ROOT.parent / "shared" / "data-sources" / "specialty-register-moe" / "register_rows_2013_2025.csv.gz"
    lines = gzip.decompress(source.read_bytes()).decode().splitlines(keepends=True)
    year_2025 = (lines[0] + "".join(line for line in lines[1:] if line.startswith("2025,"))).encode()
    provinces = catalog.load("provinces")
    references = importing.References(frozenset(int(c) for c in provinces["adcode"]), frozenset(), provinces)
    spec = importing.IMPORTABLE["specialty_points_province"]
    frame = importing.parse_upload(year_2025, "register_2025.csv", spec, references, today=pd.Timestamp("2026-11-30").date())
    built_in = catalog.load("specialty_points_province")
    assert frame.equals(built_in[built_in["year"] == 2025].reset_index(drop=True).astype(frame.dtypes.to_dict()))
    assert "replace by year" in importing.mode_text(spec, "en")


# ---- import semantics, the preview, compare-and-swap, rollback to built-in ------------------------

CASES = PROJECT_ROOT.parent / "shared" / "cases" / "import"
POINTS_V1 = HEADER + "500000,2025,46,100,0,0,false\n500000,2025,51,100,0,0,false\n500000,2024,46,90,0,0,false\n"


def signed_in(tmp_path, lang="zh", dataset="specialty_points") -> AppTest:
    at = data_page(tmp_path, params={"lang": lang})
    at.text_input(key="admin_password_input").set_value("secret-pw").run()
    at.selectbox(key="import_dataset").set_value(dataset).run()
    return at


def upload(at: AppTest, dataset: str, name: str, raw: bytes) -> AppTest:
    at.file_uploader(key=f"upload_{dataset}").upload(name, raw).run()
    assert not at.exception, at.exception
    return at


def test_budget_rows_add_to_the_sourced_rows_and_fill_the_college_budget_section(tmp_path):
    from vetdash import catalog

    raw = (CASES / "college_budgets_slash_dates_gbk.csv").read_bytes()
    at = upload(signed_in(tmp_path, dataset="college_budgets"), "college_budgets", "b.csv", raw)
    assert any("新增或更新" in i.value for i in at.info), "the import page says what an import does"
    assert [m.value for m in at.metric][:3] == ["2", "0", "0"]  # added, changed, removed
    at.text_input(key="import_author").set_value("王五")
    at.text_input(key="import_source").set_value("test source").run()
    at.button(key="confirm_import").click().run()
    assert any("已导入" in s.value for s in at.success)
    store = FileStore(tmp_path / "store")
    stored = store.read("college_budgets", store.current("college_budgets")).decode()
    built_in = catalog.load("college_budgets")
    assert stored.count("\n") == len(built_in) + 2 + 1, "the two sourced rows stay, the two new ones are added"
    assert "2025-02-10" in stored


def test_a_removal_is_shown_and_needs_a_second_confirmation(tmp_path):
    store = FileStore(tmp_path / "store")
    store.commit("specialty_points", POINTS_V1.encode(), expected=None, author="a", original_name="v1.csv", summary="")
    at = signed_in(tmp_path, lang="en")
    at = upload(at, "specialty_points", "2025.csv", (HEADER + "500000,2025,46,120,0,0,false\n").encode())
    assert any("replace by year" in i.value for i in at.info)
    assert [m.value for m in at.metric] == ["0", "1", "1", "2"]  # 51 of 2025 removed; 2024 kept
    assert any("removes 1 existing rows" in e.value for e in at.error)
    at.text_input(key="import_author").set_value("Li")
    at.text_input(key="import_source").set_value("test source").run()
    assert at.button(key="confirm_import").disabled, "a removal needs the explicit second confirmation"
    next(c for c in at.checkbox if c.key.startswith("removals_ok_")).check().run()
    assert not at.button(key="confirm_import").disabled
    at.button(key="confirm_import").click().run()
    stored = store.read("specialty_points", store.current("specialty_points")).decode()
    assert "2024,46,90" in stored and ",51," not in stored and "2025,46,120" in stored


def test_two_administrators_the_one_who_confirms_second_is_told(tmp_path):
    store = FileStore(tmp_path / "store")
    v1 = store.commit("specialty_points", POINTS_V1.encode(), expected=None, author="a", original_name="v1.csv", summary="")
    first = upload(
        signed_in(tmp_path, lang="zh"), "specialty_points", "a.csv", (POINTS_V1 + "500000,2023,46,1,0,0,false\n").encode()
    )
    second = upload(
        signed_in(tmp_path, lang="en"), "specialty_points", "b.csv", (POINTS_V1 + "500000,2022,46,1,0,0,false\n").encode()
    )
    first.text_input(key="import_author").set_value("张三")
    first.text_input(key="import_source").set_value("test source").run()
    second.text_input(key="import_author").set_value("Smith")
    second.text_input(key="import_source").set_value("test source").run()
    first.button(key="confirm_import").click().run()
    winner = store.current("specialty_points")
    assert winner != v1.version_id
    second.button(key="confirm_import").click().run()  # reruns after the first import: must not re-read the current version
    assert any("Another administrator updated this dataset" in w.value for w in second.warning)
    assert store.current("specialty_points") == winner
    assert b"2023,46" in store.read("specialty_points", winner)


def test_the_file_is_parsed_once_not_on_every_rerun(tmp_path, monkeypatch):
    from vetdash import importing

    calls = []
    original = importing.parse_upload
    monkeypatch.setattr(importing, "parse_upload", lambda *a, **k: calls.append(1) or original(*a, **k))
    at = upload(signed_in(tmp_path), "specialty_points", "a.csv", POINTS_V1.encode())
    for name in ("张", "张三", "张三丰"):
        at.text_input(key="import_author").set_value(name)
        at.text_input(key="import_source").set_value("test source").run()
    assert len(calls) == 1


def test_rollback_to_the_built_in_version_is_always_offered(tmp_path):
    from vetdash import catalog, importing

    raw = (CASES / "college_budgets_slash_dates_gbk.csv").read_bytes()
    at = upload(signed_in(tmp_path, lang="en", dataset="college_budgets"), "college_budgets", "b.csv", raw)
    at.text_input(key="import_author").set_value("Wang")
    at.text_input(key="import_source").set_value("test source").run()
    at.button(key="confirm_import").click().run()
    store = FileStore(tmp_path / "store")
    imported = store.current("college_budgets")
    at.run()
    assert "built-in" in at.selectbox(key="rollback_target").format_func("builtin").lower()
    at.selectbox(key="rollback_target").set_value("builtin").run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    restored = store.current("college_budgets")
    assert restored != imported
    assert store.read("college_budgets", restored) == importing.canonical_bytes(catalog.load("college_budgets"))
    history = at.dataframe[-1].value
    assert history.iloc[0, 1] == "built-in restored" and history.iloc[0, 3] == "Wang"
    assert history.iloc[1, 4] == "b.csv"


def test_imported_chongqing_budgets_fill_the_budget_section_rank_and_my_college(tmp_path):
    from vetdash import catalog, importing

    references = importing.References(frozenset({500000}), frozenset(catalog.load("institutions")["name"]))
    upload = importing.parse_upload((CASES / "college_budgets_slash_dates_gbk.csv").read_bytes(), "b.csv",
                                    importing.IMPORTABLE["college_budgets"], references)  # fmt: skip
    combined = importing.combine(catalog.load("college_budgets"), upload, importing.IMPORTABLE["college_budgets"])
    FileStore(tmp_path / "store").commit("college_budgets", importing.canonical_bytes(combined), expected=None,
                                         author="t", original_name="b.csv", summary="")  # fmt: skip

    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/budgets.py").run()
    assert not at.exception
    ranked = at.dataframe[0].value
    assert ranked.iloc[:, 1].tolist() == ["重庆三峡职业学院", "重庆电力高等专科学校"]
    assert ranked.iloc[:, 0].tolist() == [1, 2]  # 42,100 above 31,250.5 (10,000 yuan)
    facts = " ".join(m.value for m in at.markdown)
    assert "重庆三峡职业学院: 2025" not in facts, "Chongqing colleges are not listed as national facts"
    assert not any("No budget figures for Chongqing" in s.value for s in at.markdown)

    at.switch_page("pages/institutions.py").run()
    at.selectbox(key="college").set_value("4150011848").run()
    assert not at.exception
    assert any("rank 2 of the 2 Chongqing colleges" in m.value for m in at.markdown)


def _demand_share(tmp_path, lang: str = "zh") -> float:
    demand = AppTest.from_file(APP, default_timeout=120)
    demand.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    demand.query_params["lang"] = lang
    demand.query_params["tab"] = t("demand.tab_fit", lang)  # bound to the shown label
    demand.run()
    demand.switch_page("pages/demand.py").run()
    assert not demand.exception
    bands = demand.dataframe[0].value
    shares = bands.set_index(bands.columns[0]).iloc[:, 0]
    return shares[[str(label).startswith("46 ") for label in shares.index]].item()  # 装备制造大类


def test_a_damaged_store_never_breaks_a_page_and_the_administrator_is_told(tmp_path):
    """An edited current version is not shown (the last good one is); a truncated CURRENT.json and
    a lost metadata file leave every page working; the Data page says what is wrong, in zh and en."""
    store = FileStore(tmp_path / "store")
    one = store.commit("specialty_points_province", _register_version(100, 100), expected=None, author="张三",
                       original_name="v1.csv", summary="2 rows")  # fmt: skip
    two = store.commit("specialty_points_province", _register_version(300, 100), expected=one.version_id, author="李四",
                       original_name="v2.csv", summary="1 changed")  # fmt: skip
    memo.clear_all()  # the same versions were read, intact, by an earlier test in this process
    content = store.root / "specialty_points_province" / f"{two.version_id}.csv"
    content.write_bytes(content.read_bytes().replace(b"300", b"900"))  # edited by hand on the server
    assert _demand_share(tmp_path) == 50.0, "the last good version (100 of 200 points), not the edited file"

    (store.root / "CURRENT.json").write_text('{"specialty_points_province": "', encoding="utf-8")  # cut short
    (store.root / "specialty_points_province" / f"{one.version_id}.json").unlink()
    assert _demand_share(tmp_path, "en") == 50.0

    for lang, damaged, manifest, served in (
        ("zh", "sha256 校验值不符", "当前版本清单", "暂时显示最近一个完好的版本"),
        ("en", "no longer match their sha256", "list of current versions", "shown from the last good version"),
    ):
        at = data_page(tmp_path, params={"lang": lang})
        assert not at.exception
        warnings = " ".join(w.value for w in at.warning)
        assert damaged in warnings and two.version_id[:8] in warnings and manifest in warnings
        assert any(served in i.value and one.version_id[:8] in i.value for i in at.info)
        at.text_input(key="admin_password_input").set_value("secret-pw").run()
        at.selectbox(key="import_dataset").set_value("specialty_points_province").run()
        assert not at.exception, "history and rollback list a version whose metadata is lost"


def test_sign_in_is_throttled_per_session_and_across_sessions_and_every_wait_ends(tmp_path, monkeypatch):
    """Three wrong passwords are free, then each attempt waits longer (refused unchecked, even the
    right one); new sessions do not escape the global backoff; every wait ends."""
    now = [1000.0]
    monkeypatch.setattr(signin, "clock", lambda: now[0])
    signin.GLOBAL.clear()
    at = data_page(tmp_path, params={"lang": "en"})
    for _ in range(3):
        at.text_input(key="admin_password_input").set_value("nope").run()
        assert at.error[0].value == "Wrong password."
    at.text_input(key="admin_password_input").set_value("still-wrong").run()
    assert at.error[0].value == "Wrong password. The next attempt is checked in 2 s."  # 2^(4−3) s after the fourth
    at.text_input(key="admin_password_input").set_value("secret-pw").run()
    assert "not checked" in at.error[0].value and not at.session_state["is_admin"], "refused unchecked, even when right"
    now[0] += 2
    at.text_input(key="admin_password_input").set_value("secret-pw").run()
    assert at.session_state["is_admin"] and not at.error
    assert at.selectbox(key="import_dataset") is not None, "signed in"

    # A crowd of fresh sessions guessing: the global backoff grows, capped.
    for _ in range(signin.GLOBAL_FREE + 8):
        now[0] += signin.GLOBAL.wait(now[0])  # each guess as soon as it is let through
        assert signin.attempt("guess", "secret-pw", signin.session_backoff()).checked
    assert signin.GLOBAL.wait(now[0]) == signin.GLOBAL_CAP
    admin = data_page(tmp_path, params={"lang": "zh"})
    admin.text_input(key="admin_password_input").set_value("secret-pw").run()
    assert "未经核对" in admin.error[0].value, "the crowd slows everyone down"
    now[0] += signin.GLOBAL_CAP
    admin.text_input(key="admin_password_input").set_value("secret-pw").run()
    assert admin.session_state["is_admin"], "but never for longer than the global cap"
    signin.GLOBAL.clear()


def test_password_compare_is_constant_time_and_takes_any_text():
    assert signin.same_password("密码-pw", "密码-pw") and not signin.same_password("密码", "密码-pw")
    assert not signin.same_password("", "x") and not signin.same_password("x" * 10_000, "x")


def test_organisation_sign_in_admits_only_the_listed_administrators(tmp_path):
    """With [auth] configured (st.login), an address in [admin] emails may import; others may not."""
    for email, admitted in (("Admin@Example.edu.cn", True), ("visitor@example.edu.cn", False)):
        at = AppTest.from_file(APP, default_timeout=120)
        at.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
        at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
        at.secrets["admin"] = {"emails": ["admin@example.edu.cn"]}
        at.query_params["lang"] = "en"
        at.user = {"is_logged_in": True, "email": email}
        at.run()
        at.switch_page("pages/data.py").run()
        assert not at.exception
        assert ("is_admin" in at.session_state and at.session_state["is_admin"]) is admitted
        assert admitted or any("not one of the administrators" in w.value for w in at.warning)
        assert not [i for i in at.text_input if i.key == "admin_password_input"], "no password field without a password"


def test_the_preview_shows_an_empty_cell_as_a_dash_not_none():
    import pandas as pd

    from vetdash.admin import dashed

    rows = pd.DataFrame({"rank_in_source": pd.array([3, None], dtype="Int64"), "name": ["甲", None]})
    assert dashed(rows).to_dict("list") == {"rank_in_source": [3, "—"], "name": ["甲", "—"]}
