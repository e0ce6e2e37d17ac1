"""Where the project's files live, resolved from the package location (no working-directory guesses)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEMO_DIR = DATA_DIR / "demo"
REFERENCE_DIR = DATA_DIR / "reference"
STATIC_DIR = PROJECT_ROOT / "static"
GEO_DIR = STATIC_DIR / "geo"
DATAPACKAGE = DATA_DIR / "datapackage.yaml"
GEO_DATAPACKAGE = GEO_DIR / "datapackage.yaml"
# Frictionless Data Package descriptors (v2): the tables, and the boundaries the browser is served.
DATAPACKAGES = (DATAPACKAGE, GEO_DATAPACKAGE)


def raw_sources_dir() -> Path:
    """Raw inputs for the build: $VETDASH_RAW_DIR, else ../shared/data-sources beside the project."""
    configured = os.environ.get("VETDASH_RAW_DIR")
    if configured:
        return Path(configured)
    return PROJECT_ROOT.parent / "shared" / "data-sources"
