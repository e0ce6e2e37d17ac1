"""The data descriptors are Frictionless Data Packages (v2): valid to the standard, data included."""

from __future__ import annotations

import json
import shutil

import pandera.pandas as pa
import pytest
import yaml
from frictionless import validate
from pandera.typing import Series

from vetdash import catalog
from vetdash.build import descriptor
from vetdash.build.metadata import RESOURCES, Resource
from vetdash.paths import DATAPACKAGES, PROJECT_ROOT

# The standard's own JSON Schema, copied from the Data Package repository (public domain).
PROFILE = json.loads((PROJECT_ROOT / "tests" / "profiles" / "datapackage-2.0.json").read_text(encoding="utf-8"))
DESCRIPTORS = [path.relative_to(PROJECT_ROOT).as_posix() for path in DATAPACKAGES]


def problems(report) -> list[tuple]:
    """(resource, error type, row, field, note) for every error frictionless found."""
    found = [("package", e.type, None, None, e.note) for e in report.errors]
    for task in report.tasks:
        found += [
            (task.name, e.type, getattr(e, "row_number", None), getattr(e, "field_name", None), e.note) for e in task.errors
        ]
    return found


@pytest.mark.parametrize("relative", DESCRIPTORS)
def test_frictionless_validate_passes_with_data(relative):
    report = validate(PROJECT_ROOT / relative)
    assert report.valid, f"frictionless validate {relative}: {problems(report)[:20]}"
    assert len(report.tasks) == sum(1 for d in catalog.registry().values() if d.path.startswith(relative.rsplit("/", 1)[0]))


@pytest.mark.parametrize("relative", DESCRIPTORS)
def test_descriptor_meets_the_standards_json_schema(relative):
    import jsonschema

    package = yaml.safe_load((PROJECT_ROOT / relative).read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.path))}: {e.message[:160]}" for e in jsonschema.Draft7Validator(PROFILE).iter_errors(package)
    ]
    assert errors == []
    assert package["$schema"] == descriptor.PROFILE


def test_standard_keys_and_custom_bilingual_titles():
    package = yaml.safe_load((PROJECT_ROOT / "data" / "datapackage.yaml").read_text(encoding="utf-8"))
    gdp = next(r for r in package["resources"] if r["name"] == "province_gdp")
    assert gdp["path"] == "province_gdp.csv"  # relative to the descriptor, not data/data/…
    # no years in the title: the years are the data's (an import adds one); source lines name them
    assert gdp["title"] == "GDP and value added by industry, by province"
    assert gdp["titles"]["zh"] == "分省地区生产总值及分行业增加值"
    assert gdp["hash"] == "sha256:" + catalog.file_sha256(PROJECT_ROOT / "data" / "province_gdp.csv")
    assert gdp["sources"][0]["path"] == "https://data.stats.gov.cn/"
    assert gdp["licenses"] == [{"name": "notspecified", "title": "government public information; no licence text published"}]
    fields = {f["name"]: f for f in gdp["schema"]["fields"]}
    assert fields["year"] == {
        "name": "year",
        "type": "integer",
        "constraints": {"required": True, "minimum": 1990, "maximum": 2100},
    }
    assert fields["gdp"]["type"] == "number" and fields["gdp"]["constraints"]["maximum"] == 1e6
    assert gdp["schema"]["primaryKey"] == ["year", "province_adcode"]
    assert gdp["schema"]["foreignKeys"] == [
        {"fields": ["province_adcode"], "reference": {"resource": "provinces", "fields": ["adcode"]}}
    ]
    institutions = next(r for r in package["resources"] if r["name"] == "institutions")
    types = {f["name"]: f["type"] for f in institutions["schema"]["fields"]}
    assert types["list_date"] == "date" and types["seq"] == "integer"
    provinces = next(r for r in package["resources"] if r["name"] == "provinces")
    assert {f["name"]: f["type"] for f in provinces["schema"]["fields"]}["mainland"] == "boolean"


def test_catalog_reads_the_standard_descriptor():
    meta = catalog.dataset("crosswalk")
    assert meta.path == "data/reference/crosswalk_section_category.csv"
    assert meta.title == {
        "zh": "行业门类→专业大类对照（含权重）",
        "en": "Industry section → specialty category crosswalk (weighted)",
    }
    assert meta.licence == "CC BY 4.0 (this project)" and len(meta.sha256) == 64
    assert meta.schema == "Crosswalk" and meta.rule.startswith("each GB/T 4754 section")
    assert catalog.dataset("geo_provinces").path == "static/geo/provinces.geojson"


class _Example(pa.DataFrameModel):
    flag: Series[str] = pa.Field(isin=["true", "false"])
    only_true: Series[str] = pa.Field(isin=["true"])
    day: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    demo: Series[str] = pa.Field(str_startswith="示例")
    share: Series[float] = pa.Field(gt=0, le=1)


def test_pandera_checks_become_table_schema_constraints():
    columns = _Example.to_schema().columns
    entry = {name: descriptor.field_entry(name, column) for name, column in columns.items()}
    assert entry["flag"] == {"name": "flag", "type": "boolean", "constraints": {"required": True}}
    assert entry["only_true"]["constraints"] == {"required": True, "enum": [True]}
    assert entry["day"] == {"name": "day", "type": "date", "constraints": {"required": True}}
    assert entry["url"] == {"name": "url", "type": "string", "constraints": {"pattern": "https?://.*"}}
    assert entry["demo"]["constraints"]["pattern"] == "示例.*"
    assert entry["share"]["constraints"] == {"required": True, "exclusiveMinimum": 0.0, "maximum": 1.0}


def test_unknown_check_is_refused_rather_than_dropped():
    class Odd(pa.DataFrameModel):
        x: Series[int] = pa.Field(notin=[3])

    with pytest.raises(ValueError, match="notin"):
        descriptor.field_entry("x", Odd.to_schema().columns["x"])


def test_licence_texts_map_to_open_definition_ids():
    assert descriptor.licence_entry("CC0")["name"] == "CC0-1.0"
    assert descriptor.licence_entry("CC BY 4.0 (this project)")["name"] == "CC-BY-4.0"
    assert descriptor.licence_entry("facts with per-row citations") == {
        "name": "notspecified",
        "title": "facts with per-row citations",
    }


def test_a_file_outside_every_package_folder_is_refused():
    stray = Resource("stray", "scripts/x.csv", None, "derived", "x", "x", RESOURCES[0].source, "CC0")
    with pytest.raises(ValueError, match="no data package folder"):
        descriptor.package_of(stray)


def test_validation_catches_a_broken_reference_and_a_changed_file(tmp_path):
    shutil.copytree(PROJECT_ROOT / "data", tmp_path / "data")
    provinces = tmp_path / "data" / "reference" / "provinces.csv"
    provinces.write_text(provinces.read_text(encoding="utf-8").replace("\n500000,", "\n500001,"), encoding="utf-8")
    report = validate(tmp_path / "data" / "datapackage.yaml")
    found = {(row[0], row[1]) for row in problems(report)}
    assert ("provinces", "hash-count") in found
    assert ("province_gdp", "foreign-key") in found  # Chongqing's rows now point at no province


class _Register(pa.DataFrameModel):
    year: Series[int] = pa.Field(ge=1990)
    province_adcode: Series[int] = pa.Field(in_range={"min_value": 110000, "max_value": 820000})
    category_code: Series[int] = pa.Field(in_range={"min_value": 41, "max_value": 69})  # 2015 codes reach 69
    category_code_2021: Series[int] = pa.Field(in_range={"min_value": 41, "max_value": 59})
    duration_years: Series[int] = pa.Field(nullable=True, isin=[2, 3])

    class Config:
        unique = ["year", "province_adcode", "category_code", "duration_years"]


def test_keys_and_references_follow_what_the_columns_allow(monkeypatch):
    from vetdash import schemas

    monkeypatch.setitem(schemas.SCHEMAS, "_Register", _Register)
    register = Resource("register", "data/register.csv", "_Register", "official", "x", "x", RESOURCES[0].source, "CC0")
    siblings = {r.name: r for r in RESOURCES if r.path.startswith("data/")} | {"register": register}
    schema = descriptor.table_schema(register, siblings)
    # A unique set with a nullable column cannot be the primary key: it is a v2 unique key instead.
    assert "primaryKey" not in schema
    assert schema["uniqueKeys"] == [["year", "province_adcode", "category_code", "duration_years"]]
    references = {fk["fields"][0]: fk["reference"] for fk in schema["foreignKeys"]}
    assert references == {
        "province_adcode": {"resource": "provinces", "fields": ["adcode"]},
        "category_code_2021": {"resource": "specialty_categories", "fields": ["code"]},
    }  # category_code also holds 60–69, which the 2021 categories do not have
