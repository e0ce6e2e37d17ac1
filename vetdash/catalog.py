"""The dataset registry (data/datapackage.yaml) and validated loading by dataset name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from vetdash import schemas
from vetdash.errors import DataValidationError, Problem
from vetdash.paths import DATAPACKAGE, PROJECT_ROOT
from vetdash.tabular import read_csv_bytes

STATUSES = ("official", "compiled", "paper", "derived", "demo")


@dataclass(frozen=True)
class Dataset:
    """One registered file and its provenance, as datapackage.yaml states it."""

    name: str
    path: str
    status: str
    title: dict[str, str]
    source: dict[str, str]
    licence: str
    sha256: str
    schema: str | None
    rows: int | None
    rule: str
    notes: dict[str, str]

    @property
    def file(self) -> Path:
        return PROJECT_ROOT / self.path

    @property
    def is_demo(self) -> bool:
        return self.status == "demo"


def _dataset(entry: dict) -> Dataset:
    return Dataset(
        name=entry["name"],
        path=entry["path"],
        status=entry["status"],
        title=entry["title"],
        source=entry["source"],
        licence=entry["licence"],
        sha256=entry["sha256"],
        schema=(entry.get("schema") or {}).get("name"),
        rows=entry.get("rows"),
        rule=entry.get("rule", ""),
        notes=entry.get("notes", {}),
    )


@cache
def registry() -> dict[str, Dataset]:
    with open(DATAPACKAGE, encoding="utf-8") as fh:
        package = yaml.safe_load(fh)
    return {entry["name"]: _dataset(entry) for entry in package["resources"]}


# Datasets that exist only once an administrator imports them: described here, versions in the store.
IMPORT_ONLY = {
    "specialty_points": Dataset(
        name="specialty_points",
        path="",
        status="compiled",
        title={"zh": "分专业大类专业点（管理员导入）", "en": "Specialty points by category (imported)"},
        source={
            "publisher": "imported by an administrator; the file, date and author of each version are on the Data page",
            "title": "specialty points by region, year and category (2021 catalogue, 41–59)",
            "url": "",
            "published": "",
            "accessed": "",
            "via": "Data page import",
        },
        licence="as stated by the importer",
        sha256="",
        schema="SpecialtyPoints",
        rows=None,
        rule="",
        notes={},
    )
}


def every_dataset() -> list[Dataset]:
    """The registered datasets, then those that exist only once imported."""
    return [*registry().values(), *IMPORT_ONLY.values()]


def dataset(name: str) -> Dataset:
    try:
        return registry()[name]
    except KeyError:
        if name in IMPORT_ONLY:
            return IMPORT_ONLY[name]
        raise DataValidationError([Problem("datapackage.yaml", "unknown_dataset", value=name)]) from None


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(name: str) -> pd.DataFrame:
    """The dataset's table, parsed and checked against its pandera model (every problem at once)."""
    meta = dataset(name)
    if meta.schema is None or not meta.path:  # not a table, or one that exists only once imported
        raise DataValidationError([Problem(meta.path, "check_failed", value=name, detail={"rule": "not a table"})])
    return read_csv_bytes(meta.file.read_bytes(), schemas.SCHEMAS[meta.schema], Path(meta.path).name)
