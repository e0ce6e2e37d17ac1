"""Boundaries: every unit present, small files, and no gaps or overlaps along shared borders."""

from __future__ import annotations

import json

import pytest

from vetdash import catalog
from vetdash.paths import GEO_DIR

shapely = pytest.importorskip("shapely")
from shapely.geometry import shape  # noqa: E402


def _collection(name):
    return json.loads((GEO_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["provinces.geojson", "cq_districts.geojson", "south_china_sea.geojson"])
def test_file_under_400_kb_with_properties(name):
    assert (GEO_DIR / name).stat().st_size < 400_000
    for feature in _collection(name)["features"]:
        assert {"adcode", "name_zh", "name_en"} <= set(feature["properties"])


def test_all_34_provincial_units_including_taiwan_hong_kong_macao():
    codes = {f["properties"]["adcode"] for f in _collection("provinces.geojson")["features"]}
    assert codes == set(catalog.load("provinces")["adcode"])
    assert {710000, 810000, 820000} <= codes and len(codes) == 34


def test_38_chongqing_districts():
    codes = {f["properties"]["adcode"] for f in _collection("cq_districts.geojson")["features"]}
    assert codes == set(catalog.load("cq_districts")["adcode"]) and len(codes) == 38


def test_south_china_sea_line_is_there():
    geometry = _collection("south_china_sea.geojson")["features"][0]["geometry"]
    assert geometry["type"] == "MultiLineString" and len(geometry["coordinates"]) >= 10


@pytest.mark.parametrize("name", ["provinces.geojson", "cq_districts.geojson"])
def test_shared_borders_have_no_gaps_or_overlaps(name):
    geometries = [shape(f["geometry"]) for f in _collection(name)["features"]]
    assert all(g.is_valid for g in geometries)
    assert shapely.coverage_is_valid(geometries), "neighbours' shared edges do not match vertex for vertex"
    tree = shapely.STRtree(geometries)
    overlap = 0.0
    for i, geometry in enumerate(geometries):
        for j in tree.query(geometry):
            if j > i:
                overlap += geometry.intersection(geometries[j]).area
    total = sum(g.area for g in geometries)
    assert overlap / total < 1e-6, f"overlap {overlap:.6f} deg² between neighbours"
    # Gaps: holes in the union that no unit fills. The Amap source itself has four slivers
    # inside Chongqing (8e-5 deg², about 1e-5 of the area); simplification must not add more.
    union = shapely.union_all(geometries)
    polygons = getattr(union, "geoms", [union])
    holes = sum(shapely.Polygon(ring).area for polygon in polygons for ring in polygon.interiors)
    assert holes / total < 1.1e-5, f"gaps of {holes:.6f} deg² between neighbours"
