"""Frictionless Data Package descriptors (Data Package v2) from the declarations in metadata.py.

Two descriptors, because the standard forbids ``../`` in a resource path and the boundaries must
stay under ``static/`` for the browser: ``data/datapackage.yaml`` registers the tables and
``static/geo/datapackage.yaml`` the boundary files. Each resource path is relative to its
descriptor. Standard properties carry what Data Package tools read (``sources``, ``licenses``,
``hash``, ``bytes``, a Table Schema with constraints, primary and foreign keys); what the
standard has no place for is kept in custom properties: ``titles`` (zh/en), ``status``, ``rule``,
``notes`` (zh/en), ``rows`` and ``model`` (the pandera model that checks the table on load).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import pandera.pandas as pa
import yaml

from vetdash import schemas
from vetdash.build.metadata import Resource
from vetdash.csvio import sha256
from vetdash.schemas import column_order

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


@dataclass(frozen=True)
class Package:
    """One descriptor: where it lives (project-relative) and what it is called."""

    descriptor: str
    name: str
    title_zh: str
    title_en: str

    @property
    def folder(self) -> PurePosixPath:
        """The descriptor's folder, project-relative; resource paths in it are relative to this folder."""
        return PurePosixPath(self.descriptor).parent

    def holds(self, resource: Resource) -> bool:
        """Whether ``resource``'s file lies under this package's folder."""
        return PurePosixPath(resource.path).is_relative_to(self.folder)


PACKAGES = (
    Package(
        "data/datapackage.yaml",
        "vetdash",
        "重庆高职教育与产教融合数据包",
        "Chongqing higher-vocational education and industry–education data",
    ),
    Package(
        "static/geo/datapackage.yaml",
        "vetdash-boundaries",
        "重庆高职教育与产教融合数据包：行政区边界",
        "Chongqing higher-vocational education and industry–education data: boundaries",
    ),
)

# Open Definition identifiers for the licence texts used in metadata.py; any other text is
# published as "notspecified" with the text as its title (facts, government information).
LICENCES = {
    "CC BY 4.0": {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"},
    "CC0": {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "MIT": {"name": "MIT", "path": "https://opensource.org/license/mit"},
}

# A column with one of these names refers to a reference table; declared as a foreign key
# wherever the referenced table is in the same package.
FOREIGN_KEYS = {
    "province_adcode": ("provinces", "adcode"),
    "district_adcode": ("cq_districts", "adcode"),
    "category_code": ("specialty_categories", "code"),
    "category_code_2021": ("specialty_categories", "code"),
    "section": ("industry_sections", "code"),
}

MEDIA_TYPES = {"csv": "text/csv", "geojson": "application/geo+json"}
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def package_of(resource: Resource) -> Package:
    """The descriptor that registers ``resource`` (the one whose folder holds its file).

    Raises ValueError for a file under no package folder (the standard forbids ``../`` paths).
    """
    for package in PACKAGES:
        if package.holds(resource):
            return package
    raise ValueError(f"{resource.name}: {resource.path} is under no data package folder ({[p.descriptor for p in PACKAGES]})")


def licence_entry(text: str) -> dict[str, str]:
    """A Data Package ``licenses`` item for a licence text of metadata.py.

    Returns {name: Open Definition id, path: licence URL, title: the text} for CC BY 4.0, CC0 and
    MIT; {name: "notspecified", title: the text} for anything else (facts, government information).
    """
    for prefix, licence in LICENCES.items():
        if text.startswith(prefix):
            return {**licence, "title": text}
    return {"name": "notspecified", "title": text}


def source_entry(source: dict[str, str]) -> dict[str, str]:
    """A Data Package ``sources`` item: title, path (the publisher's URL, when there is one) and the
    other provenance (publisher, published, accessed, via) beside them, empty values left out.
    """
    entry = {"title": source["title"]}
    if source.get("url"):
        entry["path"] = source["url"]
    for key in ("publisher", "published", "accessed", "via"):
        if source.get(key):
            entry[key] = source[key]
    return entry


def _xsd_pattern(pattern: str) -> str:
    """pandera's str_matches anchors at the start only; Table Schema patterns match the whole value."""
    body = pattern.removeprefix("^")
    return body.removesuffix("$") if body.endswith("$") else body + ".*"


def field_entry(name: str, column: pa.Column) -> dict[str, Any]:
    """A Table Schema field for one pandera column: its standard type and its checks as constraints.

    Types: Int64 → integer, float → number, a "true"/"false" enum → boolean, an ISO-date pattern →
    date, else string. Constraints: required (not nullable), unique, enum, minimum / maximum /
    exclusiveMinimum / exclusiveMaximum, pattern (whole-value, as Table Schema reads it),
    minLength / maxLength.
    Raises ValueError for a pandera check with no Table Schema equivalent (so none is dropped silently).
    """
    dtype = str(column.dtype).lower()
    kind = "integer" if "int" in dtype else "number" if "float" in dtype else "string"
    constraints: dict[str, Any] = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        stats = check.statistics
        if check.name == "isin":
            allowed = list(stats["allowed_values"])
            if set(allowed) <= {"true", "false"}:
                kind = "boolean"
                if len(allowed) == 1:
                    constraints["enum"] = [allowed[0] == "true"]
            else:
                constraints["enum"] = allowed
        elif check.name == "in_range":
            constraints["minimum" if stats["include_min"] else "exclusiveMinimum"] = stats["min_value"]
            constraints["maximum" if stats["include_max"] else "exclusiveMaximum"] = stats["max_value"]
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "greater_than":
            constraints["exclusiveMinimum"] = stats["min_value"]
        elif check.name == "less_than_or_equal_to":
            constraints["maximum"] = stats["max_value"]
        elif check.name == "less_than":
            constraints["exclusiveMaximum"] = stats["max_value"]
        elif check.name == "str_matches":
            if stats["pattern"] == ISO_DATE:
                kind = "date"
            else:
                constraints["pattern"] = _xsd_pattern(stats["pattern"])
        elif check.name == "str_startswith":
            constraints["pattern"] = re.escape(stats["string"]) + ".*"
        elif check.name == "str_length":
            if stats.get("min_value") is not None:
                constraints["minLength"] = stats["min_value"]
            if stats.get("max_value") is not None:
                constraints["maxLength"] = stats["max_value"]
        else:
            raise ValueError(f"{name}: no Table Schema constraint for the pandera check {check.name!r}")
    if kind == "number":
        constraints = {k: float(v) if k.endswith(("imum", "Minimum", "Maximum")) else v for k, v in constraints.items()}
    entry: dict[str, Any] = {"name": name, "type": kind}
    if constraints:
        entry["constraints"] = constraints
    return entry


def table_keys(model: type[pa.DataFrameModel], declared: tuple[str, ...]) -> tuple[list[str], list[list[str]]]:
    """(primaryKey, uniqueKeys) of a table from its declared keys and the model's uniqueness rules.

    Candidates, in order: the declared keys, the model's unique column set, then each unique
    column. The first candidate whose columns are all required becomes the primary key (a primary
    key may hold no missing value); the other multi-column candidates are kept as uniqueKeys
    (Table Schema v2: rows with a missing value in the key are not compared).
    """
    schema = model.to_schema()
    sets = [list(declared)] if declared else []
    if schema.unique and list(schema.unique) not in sets:
        sets.append(list(schema.unique))
    singles = [[name] for name in column_order(model) if schema.columns[name].unique]
    required = [key for key in [*sets, *singles] if not any(schema.columns[name].nullable for name in key)]
    primary = required[0] if required else []
    return primary, [key for key in sets if key != primary]


def _fits(field: dict[str, Any], target: dict[str, Any]) -> bool:
    """Whether every value ``field`` allows is one ``target`` allows (by type, range and enum)."""
    mine, theirs = field.get("constraints", {}), target.get("constraints", {})
    if field["type"] != target["type"]:
        return False
    if "minimum" in theirs and mine.get("minimum", float("-inf")) < theirs["minimum"]:
        return False
    if "maximum" in theirs and mine.get("maximum", float("inf")) > theirs["maximum"]:
        return False
    return "enum" not in theirs or (set(mine.get("enum", ())) <= set(theirs["enum"]) and "enum" in mine)


def table_schema(resource: Resource, siblings: dict[str, Resource]) -> dict[str, Any]:
    """The Table Schema of a registered table: fields, keys, and foreignKeys to the reference tables.

    A column named in ``FOREIGN_KEYS`` refers to its reference table when that table is in the
    same package (``siblings``, by name), is not the table itself, and allows every value the
    column allows (a category_code that also holds 2015-catalogue codes 60–69 cannot refer to the
    2021 categories 41–59).
    """
    assert resource.schema is not None
    model = schemas.SCHEMAS[resource.schema]
    columns = model.to_schema().columns
    fields = [field_entry(name, columns[name]) for name in column_order(model)]
    entry: dict[str, Any] = {"fields": fields}
    primary, unique = table_keys(model, resource.keys)
    if primary:
        entry["primaryKey"] = primary
    if unique:
        entry["uniqueKeys"] = unique
    foreign = []
    for field in fields:
        target, target_field = FOREIGN_KEYS.get(field["name"], ("", ""))
        referenced = siblings.get(target)
        if referenced is None or referenced.schema is None or target == resource.name:
            continue
        target_column = schemas.SCHEMAS[referenced.schema].to_schema().columns[target_field]
        if _fits(field, field_entry(target_field, target_column)):
            foreign.append({"fields": [field["name"]], "reference": {"resource": target, "fields": [target_field]}})
    if foreign:
        entry["foreignKeys"] = foreign
    return entry


def resource_entry(resource: Resource, data: bytes, rows: int | None, siblings: dict[str, Resource]) -> dict[str, Any]:
    """The descriptor entry of one registered file (``data`` its bytes as written, ``rows`` its row count or None).

    Standard properties (name, path relative to the descriptor, type, title, format, mediatype,
    encoding, bytes, hash "sha256:…", sources, licenses, schema) and the custom ones (titles,
    status, model, rows, rule, notes).
    """
    package = package_of(resource)
    suffix = PurePosixPath(resource.path).suffix.lstrip(".")
    entry: dict[str, Any] = {
        "name": resource.name,
        "path": str(PurePosixPath(resource.path).relative_to(package.folder)),
    }
    if resource.schema:
        entry["type"] = "table"
    entry |= {
        "title": resource.title_en,
        "titles": {"zh": resource.title_zh, "en": resource.title_en},
        "status": resource.status,
        "format": suffix,
        "mediatype": MEDIA_TYPES[suffix],
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": f"sha256:{sha256(data)}",
        "sources": [source_entry(resource.source)],
        "licenses": [licence_entry(resource.licence)],
    }
    if resource.schema:
        entry["model"] = resource.schema
        entry["schema"] = table_schema(resource, siblings)
    if rows is not None:
        entry["rows"] = rows
    if resource.rule:
        entry["rule"] = resource.rule
    if resource.notes_zh or resource.notes_en:
        entry["notes"] = {"zh": resource.notes_zh, "en": resource.notes_en}
    return entry


def descriptor_bytes(package: Package, entries: list[dict[str, Any]]) -> bytes:
    """A package's descriptor as YAML bytes (Data Package v2 ``$schema``, bilingual ``titles`` beside ``title``)."""
    descriptor = {
        "$schema": PROFILE,
        "name": package.name,
        "title": package.title_en,
        "titles": {"zh": package.title_zh, "en": package.title_en},
        "resources": entries,
    }
    return yaml.safe_dump(descriptor, allow_unicode=True, sort_keys=False, width=120).encode("utf-8")


def descriptors(resources: list[Resource], written: dict[str, tuple[bytes, int | None]]) -> dict[str, bytes]:
    """Project-relative descriptor path -> its YAML bytes, for every package that has resources.

    ``written`` maps each resource name to (the file's bytes, its row count or None).
    """
    out = {}
    for package in PACKAGES:
        members = [r for r in resources if package_of(r) == package]
        if not members:
            continue
        by_name = {r.name: r for r in members}
        entries = [resource_entry(r, *written[r.name], by_name) for r in members]
        out[package.descriptor] = descriptor_bytes(package, entries)
    return out
