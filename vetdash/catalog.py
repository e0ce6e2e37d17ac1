"""The dataset registry (the Data Package descriptors data/ and static/geo/datapackage.yaml) and validated loading by name."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

from vetdash import schemas
from vetdash.errors import DataValidationError, Problem
from vetdash.paths import DATAPACKAGES, PROJECT_ROOT
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
        """The file's absolute path (the registry's path is relative to the project root)."""
        return PROJECT_ROOT / self.path

    @property
    def is_demo(self) -> bool:
        """True for synthetic demo data (status ``demo``)."""
        return self.status == "demo"


PROVENANCE = ("publisher", "title", "url", "published", "accessed", "via")


def _dataset(entry: dict, folder: Path) -> Dataset:
    """One resource of a Data Package descriptor, its path made project-relative."""
    source = entry["sources"][0]
    digest = entry["hash"]
    return Dataset(
        name=entry["name"],
        path=(folder / entry["path"]).relative_to(PROJECT_ROOT).as_posix(),
        status=entry["status"],
        title=entry["titles"],
        source={key: source.get("path" if key == "url" else key, "") for key in PROVENANCE},
        licence=entry["licenses"][0]["title"],
        sha256=digest.removeprefix("sha256:"),
        schema=entry.get("model"),
        rows=entry.get("rows"),
        rule=entry.get("rule", ""),
        notes=entry.get("notes", {}),
    )


@cache
def registry() -> dict[str, Dataset]:
    """Every registered file by dataset name, from the Data Package descriptors in ``paths.DATAPACKAGES``.

    Read once per process. Raises OSError or yaml.YAMLError when a descriptor is missing or broken,
    KeyError when an entry lacks a required property (name, path, status, titles, sources, licenses, hash).
    """
    found: dict[str, Dataset] = {}
    for descriptor in DATAPACKAGES:
        with open(descriptor, encoding="utf-8") as fh:
            package = yaml.safe_load(fh)
        found |= {entry["name"]: _dataset(entry, descriptor.parent) for entry in package["resources"]}
    return found


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
    """The registered (or import-only) dataset called ``name``.

    Raises DataValidationError (problem ``unknown_dataset``) for a name that is neither.
    """
    try:
        return registry()[name]
    except KeyError:
        if name in IMPORT_ONLY:
            return IMPORT_ONLY[name]
        raise DataValidationError([Problem("datapackage.yaml", "unknown_dataset", value=name)]) from None


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file at ``path`` (compared with the descriptor's ``hash`` in the tests)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(name: str) -> pd.DataFrame:
    """The dataset's table, parsed and checked against its pandera model (every problem at once).

    Args: ``name`` a registered table (see ``registry``).
    Returns: the columns of the dataset's schema in file order, typed Int64 / float64 / string;
    units are in the column names and the descriptor's notes (e.g. ``employed_10k`` = 万人).
    Raises: DataValidationError for an unknown name, a file that is not a table (GeoJSON), or any
    cell or check that fails (file, row, column named).
    """
    meta = dataset(name)
    if meta.schema is None or not meta.path:  # not a table, or one that exists only once imported
        raise DataValidationError([Problem(meta.path, "check_failed", value=name, detail={"rule": "not a table"})])
    return read_csv_bytes(meta.file.read_bytes(), schemas.SCHEMAS[meta.schema], Path(meta.path).name)
