"""The yearly cycle in a real browser: import a new MOE list edition, select it, link to it, roll
back to the built-in version; and the preview of an import that removes rows, in zh and en."""

from __future__ import annotations

import pytest

from tests.browser_support import SCREENSHOT_DIR, RequestLog, app_server, wait_ready
from vetdash.paths import PROJECT_ROOT

pytestmark = pytest.mark.browser

NEW_EDITION = PROJECT_ROOT.parent / "shared" / "cases" / "import" / "moe_list_for_a_new_edition.xls"
POINTS_HEADER = "province_adcode,year,category_code,points,added,removed,is_demo\n"


@pytest.fixture()
def admin_server(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[admin]\npassword = "pw-123456"\n[storage]\nbackend = "files"\npath = "{tmp_path / "store"}"\n', encoding="utf-8"
    )
    with app_server(extra_args=["--secrets.files", str(secrets)]) as base:
        yield base


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label``."""
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).click()
    wait_ready(page)


def sign_in(page, base: str, lang: str) -> None:
    page.goto(f"{base}/data?lang={lang}")
    wait_ready(page)
    page.get_by_label("管理员密码" if lang == "zh" else "Administrator password").fill("pw-123456")
    page.keyboard.press("Enter")
    wait_ready(page)


def sidebar_edition(page) -> str:
    return page.get_by_role("combobox", name="Institution list edition").input_value()


def test_import_a_new_edition_select_it_link_to_it_and_roll_back_to_built_in(browser, admin_server):
    if not NEW_EDITION.exists():
        pytest.skip("the shared cases folder is not beside the project")
    base = admin_server
    context = browser.new_context(viewport={"width": 1440, "height": 2400})
    page = context.new_page()
    log = RequestLog(base)
    page.on("request", log)
    sign_in(page, base, "en")
    choose(page, "Import into", "Regular higher-education institutions (MOE list)")
    assert page.get_by_text("replace by list edition").is_visible()
    page.get_by_label("Your name (kept in the version history)").fill("Data Admin")
    page.get_by_label("Where the data is from (publisher, document, link; shown in the source line)").fill(
        "教育部 全国高等学校名单 2026"
    )
    page.get_by_label("List as-of date (for an MOE .xls list)").fill("2026-06-20")
    page.keyboard.press("Enter")
    wait_ready(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(NEW_EDITION))
    wait_ready(page)
    assert page.get_by_text("Checks passed: 2,919 rows in the file").is_visible()
    page.screenshot(path=str(SCREENSHOT_DIR / "yearly_new_edition_preview_en.png"), full_page=True)
    page.get_by_role("button", name="Confirm import").click()
    wait_ready(page)
    assert page.get_by_text("Imported as version").is_visible()
    assert sidebar_edition(page) == "2026-06-20", "the administrator's own sidebar follows the import at once"

    # Selectable: the edition control offers it (and, as the newest, opens on it).
    page.goto(f"{base}/?lang=en")
    wait_ready(page)
    assert sidebar_edition(page) == "2026-06-20", "the newest edition is the default"
    page.get_by_role("combobox", name="Institution list edition").click()
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    assert options[:3] == ["2026-06-20", "2025-06-20", "2024-06-20"]
    page.keyboard.press("Escape")
    # Linkable: a link to an edition opens it.
    page.goto(f"{base}/rankings?lang=en&edition=2025-06-20")
    wait_ready(page)
    assert sidebar_edition(page) == "2025-06-20"
    page.goto(f"{base}/rankings?lang=en&edition=2026-06-20")
    wait_ready(page)
    assert sidebar_edition(page) == "2026-06-20"
    assert page.locator("[data-testid=stException]").count() == 0
    page.screenshot(path=str(SCREENSHOT_DIR / "yearly_new_edition_rankings_en.png"), full_page=True)

    # Roll back to the built-in version: the new edition is gone from the control.
    sign_in(page, base, "en")
    choose(page, "Import into", "Regular higher-education institutions (MOE list)")
    choose(page, "Roll back to version", "Built-in version (the data shipped with the dashboard)")
    page.get_by_role("button", name="Roll back").click()
    wait_ready(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "yearly_rolled_back_en.png"), full_page=True)
    choose(page, "Roll back to version", "Built-in version (the data shipped with the dashboard)")
    assert page.get_by_role("button", name="Roll back").is_disabled(), "the built-in version is the one in use"
    page.screenshot(path=str(SCREENSHOT_DIR / "yearly_rolled_back_en.png"), full_page=True)
    page.goto(f"{base}/?lang=en&edition=2026-06-20")
    wait_ready(page)
    assert sidebar_edition(page) == "2025-06-20", "a link to an edition no longer stored opens the newest one"
    assert page.locator("[data-testid=stException]").count() == 0
    assert log.outside == []
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_preview_of_an_import_that_removes_rows(browser, admin_server, tmp_path, lang):
    first = tmp_path / "points_2025.csv"
    first.write_text(POINTS_HEADER + "500000,2025,46,120,8,3,false\n500000,2025,51,90,5,2,false\n500000,2025,44,30,1,0,false\n")
    second = tmp_path / "points_2025_revised.csv"
    second.write_text(POINTS_HEADER + "500000,2025,46,125,8,3,false\n")
    context = browser.new_context(viewport={"width": 1440, "height": 2400})
    page = context.new_page()
    sign_in(page, admin_server, lang)
    page.get_by_label("您的姓名（记录在版本历史中）" if lang == "zh" else "Your name (kept in the version history)").fill("Admin")
    page.get_by_label(
        "数据来源（发布机构、文件名称、网址；显示在来源说明中）"
        if lang == "zh"
        else "Where the data is from (publisher, document, link; shown in the source line)"
    ).fill("Test source")
    page.keyboard.press("Enter")
    wait_ready(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(first))
    wait_ready(page)
    page.get_by_role("button", name="确认导入" if lang == "zh" else "Confirm import").click()
    wait_ready(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(second))
    wait_ready(page)
    warning = "将删除 2 行现有数据" if lang == "zh" else "removes 2 existing rows"
    assert page.get_by_text(warning).is_visible()
    confirm = page.get_by_role("button", name="确认导入" if lang == "zh" else "Confirm import")
    assert confirm.is_disabled(), "a removal needs the second confirmation"
    page.screenshot(path=str(SCREENSHOT_DIR / f"data_preview_removals_{lang}.png"), full_page=True)
    page.get_by_text("确认删除这 2 行" if lang == "zh" else "remove these 2 rows").click()
    wait_ready(page)
    assert confirm.is_enabled()
    context.close()
