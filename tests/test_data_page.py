"""The Data page through AppTest: provenance for everyone; import gated by the admin password;
history and rollback switch what every page shows."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

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


def test_imported_version_is_used_and_rollback_restores(tmp_path):
    store = FileStore(tmp_path / "store")
    one = store.commit("specialty_points", (HEADER + "500000,2025,46,100,0,0,false\n500000,2025,51,100,0,0,false\n").encode(),
                       expected=None, author="张三", original_name="v1.csv", summary="2 rows")  # fmt: skip
    two = store.commit("specialty_points", (HEADER + "500000,2025,46,300,0,0,false\n500000,2025,51,100,0,0,false\n").encode(),
                       expected=one.version_id, author="李四", original_name="v2.csv", summary="1 changed")  # fmt: skip

    demand = AppTest.from_file(APP, default_timeout=120)
    demand.secrets["storage"] = {"backend": "files", "path": str(tmp_path / "store")}
    demand.query_params["tab"] = "供需对比"
    demand.run()
    demand.switch_page("pages/demand.py").run()
    bands = demand.dataframe[0].value
    assert bands.set_index(bands.columns[0]).iloc[:, 0].loc["46 装备制造大类"] == 75.0  # 300 of 400 points

    at = data_page(tmp_path)
    at.text_input(key="admin_password_input").set_value("secret-pw").run()
    at.selectbox(key="import_dataset").set_value("specialty_points").run()
    history = at.dataframe[-1].value
    assert history.iloc[0, 2] == two.version_id[:8] + " ✓"
    at.selectbox(key="rollback_target").set_value(one.version_id).run()
    at.button(key="rollback_button").click().run()
    assert not at.exception
    assert store.current("specialty_points") == one.version_id

    demand.run()
    bands = demand.dataframe[0].value
    assert bands.set_index(bands.columns[0]).iloc[:, 0].loc["46 装备制造大类"] == 50.0, (
        "every session sees the version on its next rerun"
    )
