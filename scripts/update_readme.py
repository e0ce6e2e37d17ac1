"""Regenerate the README's Data section from data/datapackage.yaml.

python scripts/update_readme.py
"""

from __future__ import annotations

import sys

from vetdash.docs import replace_data_section
from vetdash.paths import PROJECT_ROOT


def main() -> int:
    readme = PROJECT_ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    updated = replace_data_section(text)
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
        print("README Data section updated")
    else:
        print("README Data section already current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
