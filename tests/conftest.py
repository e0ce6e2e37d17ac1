from __future__ import annotations

import os

import pytest

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
