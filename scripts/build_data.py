"""Rebuild the curated tables in data/ and the boundaries in static/geo/ from the raw sources.

    python scripts/build_data.py [--raw DIR]

DIR defaults to $VETDASH_RAW_DIR, else ../shared/data-sources beside the project.
Same input, same bytes out; a failed check stops the build with its reason.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from vetdash.build.run import build
from vetdash.build.tables import BuildCheckError
from vetdash.errors import DataValidationError
from vetdash.paths import PROJECT_ROOT, raw_sources_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=None, help="folder with the raw sources")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT, help="project root to write into")
    args = parser.parse_args(argv)
    raw = args.raw or raw_sources_dir()
    if not raw.is_dir():
        print(f"raw sources not found: {raw} (pass --raw or set VETDASH_RAW_DIR)", file=sys.stderr)
        return 2
    try:
        paths = build(raw, args.out)
    except (BuildCheckError, DataValidationError) as exc:
        text = str(exc).splitlines()
        shown = "\n".join(text[:40]) + (f"\n… {len(text) - 40} more lines" if len(text) > 40 else "")
        print(f"build stopped: {shown}", file=sys.stderr)
        return 1
    print(f"built {len(paths)} registered files under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
