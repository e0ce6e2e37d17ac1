"""Rebuild data/ and static/geo/ from the raw sources, then write data/datapackage.yaml."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from vetdash import schemas
from vetdash.build import geo, register, tables
from vetdash.build.metadata import DEMO_RESOURCES, RESOURCES, Resource
from vetdash.csvio import csv_bytes, sha256
from vetdash.tabular import column_kinds, read_csv_bytes

GEO_LIMIT_BYTES = 400_000


def conform(frame: pd.DataFrame, schema_name: str) -> pd.DataFrame:
    """Columns in the schema's order with the schema's types (nullable integers stay integers)."""
    kinds = column_kinds(schemas.SCHEMAS[schema_name])
    missing = set(kinds) - set(frame.columns)
    tables.check(not missing, f"{schema_name}: builder did not produce columns {sorted(missing)}")
    typed = {}
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
    path = root / relative
    return read_csv_bytes(path.read_bytes(), schemas.SCHEMAS[schema_name], path.name)


def build_tables(raw: Path, root: Path) -> dict[str, pd.DataFrame]:
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
    provinces = load_reference(root, "Provinces", "data/reference/provinces.csv")
    districts = load_reference(root, "CqDistricts", "data/reference/cq_districts.csv")
    files = {
        "geo_provinces": geo.dumps(geo.feature_collection(provinces, geo.PROVINCE_TOLERANCE, geo.PROVINCE_DECIMALS)),
        "geo_cq_districts": geo.dumps(geo.feature_collection(districts, geo.DISTRICT_TOLERANCE, geo.DISTRICT_DECIMALS)),
        "geo_south_china_sea": geo.dumps(geo.maritime_lines()),
    }
    for name, data in files.items():
        tables.check(len(data) < GEO_LIMIT_BYTES, f"{name}: {len(data):,} bytes, over the {GEO_LIMIT_BYTES:,} limit")
    return files


def resource_entry(resource: Resource, data: bytes, rows: int | None) -> dict:
    entry = {
        "name": resource.name,
        "path": resource.path,
        "title": {"zh": resource.title_zh, "en": resource.title_en},
        "status": resource.status,
        "format": "geojson" if resource.path.endswith(".geojson") else "csv",
        "source": dict(resource.source),
        "licence": resource.licence,
        "sha256": sha256(data),
        "bytes": len(data),
    }
    if resource.schema:
        kinds = column_kinds(schemas.SCHEMAS[resource.schema])
        entry["schema"] = {"name": resource.schema, "fields": [{"name": n, "type": k} for n, k in kinds.items()]}
        if resource.keys:
            entry["schema"]["primary_key"] = list(resource.keys)
    if rows is not None:
        entry["rows"] = rows
    if resource.rule:
        entry["rule"] = resource.rule
    if resource.notes_zh or resource.notes_en:
        entry["notes"] = {"zh": resource.notes_zh, "en": resource.notes_en}
    return entry


def write_if_changed(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != data:
        path.write_bytes(data)


def datapackage_bytes(entries: list[dict]) -> bytes:
    package = {
        "name": "vetdash",
        "title": {
            "zh": "重庆高职教育与产教融合数据包",
            "en": "Chongqing higher-vocational education and industry–education data",
        },
        "profile": "data-package",
        "resources": entries,
    }
    text = yaml.safe_dump(package, allow_unicode=True, sort_keys=False, width=120)
    return text.encode("utf-8")


def build(raw: Path, root: Path) -> list[str]:
    """Write every curated file under ``root``; return the registered paths."""
    built = build_tables(raw, root)
    geo_files = build_geo(root)
    entries = []
    for resource in [*RESOURCES, *DEMO_RESOURCES]:
        path = root / resource.path
        rows = None
        if resource.name in built:
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
        entries.append(resource_entry(resource, data, rows))
    write_if_changed(root / "data" / "datapackage.yaml", datapackage_bytes(entries))
    return [r.path for r in [*RESOURCES, *DEMO_RESOURCES]]
