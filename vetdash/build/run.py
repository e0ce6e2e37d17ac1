"""Rebuild data/ and static/geo/ from the raw sources, then write their Data Package descriptors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from pandas.api.extensions import ExtensionArray

from vetdash import schemas
from vetdash.build import descriptor, geo, register, spatial, tables
from vetdash.build.metadata import DEMO_RESOURCES, RESOURCES
from vetdash.csvio import csv_bytes
from vetdash.tabular import column_kinds, read_csv_bytes

GEO_LIMIT_BYTES = 400_000


def conform(frame: pd.DataFrame, schema_name: str) -> pd.DataFrame:
    """``frame`` reduced to the schema's columns in the schema's order, typed for writing.

    Integers become Int64 (missing stays <NA>), floats Float64, everything else str or None.
    Raises BuildCheckError when a schema column is missing from ``frame``.
    """
    kinds = column_kinds(schemas.SCHEMAS[schema_name])
    missing = set(kinds) - set(frame.columns)
    tables.check(not missing, f"{schema_name}: builder did not produce columns {sorted(missing)}")
    typed: dict[str, ExtensionArray] = {}
    for name, kind in kinds.items():
        column = frame[name]
        if kind == "int":
            typed[name] = pd.array([None if pd.isna(v) else int(v) for v in column], dtype="Int64")
        elif kind == "float":
            typed[name] = pd.array([None if pd.isna(v) else float(v) for v in column], dtype="Float64")
        else:
            typed[name] = pd.array([None if pd.isna(v) else str(v) for v in column], dtype=object)
    return pd.DataFrame(typed)


def load_reference(root: Path, schema_name: str, relative: str) -> pd.DataFrame:
    """A hand-kept reference table under ``root`` (e.g. data/reference/provinces.csv), checked against ``schema_name``.

    Raises DataValidationError for any problem in the file.
    """
    path = root / relative
    return read_csv_bytes(path.read_bytes(), schemas.SCHEMAS[schema_name], path.name)


def build_tables(raw: Path, root: Path) -> dict[str, pd.DataFrame]:
    """Every built table by dataset name, from the raw sources in ``raw`` and the reference tables under ``root``.

    Raises BuildCheckError (a check failed) or DataValidationError (a reference table is broken).
    """
    provinces = load_reference(root, "Provinces", "data/reference/provinces.csv")
    sections = load_reference(root, "IndustrySections", "data/reference/industry_sections.csv")
    institutions = tables.build_institutions(raw, provinces)
    by_section = tables.build_employment_by_section(raw, provinces, sections)
    return {
        "institutions": institutions,
        "institution_changes": tables.build_institution_changes(institutions),
        "province_gdp": tables.build_province_gdp(raw, provinces),
        "province_employment_by_section": by_section,
        "province_employment_total": tables.build_employment_total(raw, provinces, by_section),
        "province_population": tables.build_population(raw, provinces),
        "province_students": tables.build_students(raw, provinces),
        "cq_colleges": tables.build_cq_colleges(raw, institutions),
        "cq_campuses": tables.build_cq_campuses(raw),
        "consortia": tables.build_consortia(raw),
        "college_budgets": tables.build_college_budgets(raw, provinces),
        "budget_facts": tables.build_budget_facts(raw),
        "specialty_adjustments": tables.build_specialty_adjustments(raw),
        **register.build_register_tables(raw, provinces, institutions),
        "paper_figures": tables.build_paper_figures(),
        "policy_timeline": tables.build_policy_timeline(),
    }


def build_geo(root: Path) -> dict[str, bytes]:
    """The boundary files by dataset name (GeoJSON bytes, coordinates GCJ-02 as the source).

    Raises BuildCheckError when a file is over ``GEO_LIMIT_BYTES``.
    """
    provinces = load_reference(root, "Provinces", "data/reference/provinces.csv")
    districts = load_reference(root, "CqDistricts", "data/reference/cq_districts.csv")
    units = geo.feature_collection(provinces, geo.PROVINCE_TOLERANCE, geo.PROVINCE_DECIMALS)
    maritime = geo.maritime_lines()
    # The simplified files as written (rounded), so the composed map matches them exactly.
    china_units, china_lines = geo.china_map(json.loads(geo.dumps(units)), json.loads(geo.dumps(maritime)))
    files = {
        "geo_provinces": geo.dumps(units),
        "geo_cq_districts": geo.dumps(geo.feature_collection(districts, geo.DISTRICT_TOLERANCE, geo.DISTRICT_DECIMALS)),
        "geo_south_china_sea": geo.dumps(maritime),
        "geo_china_map": geo.dumps(china_units),
        "geo_china_map_lines": geo.dumps(china_lines),
    }
    for name, data in files.items():
        tables.check(len(data) < GEO_LIMIT_BYTES, f"{name}: {len(data):,} bytes, over the {GEO_LIMIT_BYTES:,} limit")
    return files


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (creating folders) unless the file already holds exactly these bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def build(raw: Path, root: Path, say: Callable[[str], None] = print) -> list[str]:
    """Write every curated file and the Data Package descriptors under ``root``; return the registered paths.
    ``say`` gets the build's reports (the spatial check of college and campus points).

    Same input, same bytes: tests/test_build.py rebuilds and compares with the committed files.
    Raises BuildCheckError or DataValidationError. Every builder's checks run before any file is
    written, and each table is re-read against its schema before its file is replaced.
    """
    built = build_tables(raw, root)
    districts = load_reference(root, "CqDistricts", "data/reference/cq_districts.csv")
    codes = [int(c) for c in districts["adcode"]]
    report = spatial.spatial_report(built["cq_colleges"], built["cq_campuses"], codes)
    say(spatial.report_text(report, dict(zip(codes, districts["name_zh"], strict=True))))
    geo_files = build_geo(root)
    resources = [*RESOURCES, *DEMO_RESOURCES]
    written: dict[str, tuple[bytes, int | None]] = {}
    for resource in resources:
        path = root / resource.path
        rows = None
        if resource.name in built:
            if resource.schema is None:
                raise tables.BuildCheckError(f"{resource.name}: a built table needs a schema in metadata.py")
            frame = conform(built[resource.name], resource.schema)
            data = csv_bytes(frame)
            read_csv_bytes(data, schemas.SCHEMAS[resource.schema], path.name)  # what we write must load
            write_if_changed(path, data)
            rows = len(frame)
        elif resource.name in geo_files:
            data = geo_files[resource.name]
            write_if_changed(path, data)
        else:  # hand-maintained reference tables and the seeded demo tables are read, not written
            tables.check(path.exists(), f"{resource.path} is missing (demo tables: run scripts/make_demo.py)")
            data = path.read_bytes()
            if resource.schema:
                rows = len(read_csv_bytes(data, schemas.SCHEMAS[resource.schema], path.name))
        written[resource.name] = (data, rows)
    for relative, data in descriptor.descriptors(resources, written).items():
        write_if_changed(root / relative, data)
    return [r.path for r in resources]
