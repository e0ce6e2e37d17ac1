"""The type checker passes: mypy (configured in pyproject.toml) over vetdash/, app.py and the pages."""

from __future__ import annotations

import subprocess
import sys

from vetdash.paths import PROJECT_ROOT


def test_mypy_reports_no_errors():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900, check=False
    )
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0, f"mypy found errors (re-run: python -m mypy):\n{output[-6000:]}"
    assert output.startswith("Success: no issues found"), output
