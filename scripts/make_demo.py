"""Write the seeded synthetic demo tables into data/demo/ (same seed, same bytes).

python scripts/make_demo.py
"""

from __future__ import annotations

import sys

from vetdash import demo
from vetdash.csvio import csv_bytes
from vetdash.paths import DEMO_DIR

TABLES = {
    "college_budgets.csv": demo.college_budgets,
    "consortia.csv": demo.consortia,
}


def main() -> int:
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    for file_name, make in TABLES.items():
        (DEMO_DIR / file_name).write_bytes(csv_bytes(make()))
    print(f"wrote {len(TABLES)} demo tables to {DEMO_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
