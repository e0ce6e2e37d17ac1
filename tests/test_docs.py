"""The README states the registry as it is (regenerate with scripts/update_readme.py)."""

from __future__ import annotations

from vetdash.docs import replace_data_section
from vetdash.paths import PROJECT_ROOT


def test_readme_data_section_matches_datapackage():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_data_section(readme) == readme, "README Data section is stale: run python scripts/update_readme.py"


def test_readme_opens_with_the_two_commands():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    head = readme.split("\n## ", 2)[1]
    assert "pip install -r requirements.txt" in head and "streamlit run app.py" in head
    assert "pip install -r requirements-dev.txt" in head and "pytest" in head


def test_readme_lists_every_url_parameter():
    from vetdash.state import URL_PARAMETERS

    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- url-parameters:begin", 1)[1].split("<!-- url-parameters:end -->", 1)[0]
    listed = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    assert listed == set(URL_PARAMETERS)
