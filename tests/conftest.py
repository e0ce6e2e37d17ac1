from __future__ import annotations

import os

import pytest

from tests.browser_support import CHROMIUM_ARGS, chromium_path
from vetdash.paths import raw_sources_dir

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def raw_dir():
    """The raw sources; required in CI, skipped with a hint elsewhere."""
    path = raw_sources_dir()
    if not path.is_dir():
        if IN_CI:
            pytest.fail(f"raw sources missing at {path}; CI must have shared/data-sources beside the project")
        pytest.skip(f"raw sources not found at {path}; set VETDASH_RAW_DIR to run the build tests")
    return path


@pytest.fixture(scope="module")
def browser():
    """The system Chromium through Playwright; required in CI, skipped with a hint elsewhere."""
    path = chromium_path()
    if not path:
        if IN_CI:
            pytest.fail("Chromium is missing; CI must install it (apt-get install chromium)")
        pytest.skip("Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
