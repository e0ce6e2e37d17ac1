"""Boundaries: every unit present, small files, and no gaps or overlaps along shared borders."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from vetdash import catalog
from vetdash.paths import GEO_DIR

shapely = pytest.importorskip("shapely")
from shapely.geometry import shape  # noqa: E402


def _collection(name):
    return json.loads((GEO_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["provinces.geojson", "cq_districts.geojson", "south_china_sea.geojson", "china_map.geojson"])
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


# ---- the national map as drawn ---------------------------------------------------------------


def _national_figure():
    from vetdash import maps

    frame = pd.DataFrame({"province_adcode": [500000], "v": [1.0], "hover": ["x"]})
    return maps.province_choropleth(
        frame, all_codes=[500000, 460000], value="v", hover="hover", no_data_hover={}, title="t", unit="u",
        focus=500000, inset_label="南海诸岛",
    )  # fmt: skip


def _vertices(geometry) -> np.ndarray:
    return shapely.get_coordinates(geometry)


def test_national_map_extent_holds_the_whole_territory_and_the_inset():
    """Every vertex of every unit and of the dashed line (the boundary files, in degrees) is drawn:
    inside the main frame, or inside the inset's source box, which the inset shows; and the figure's
    extent holds both frames. Cutting the extent or the inset (the old map stopped near 17°N) fails."""
    from vetdash.build.geo import albers

    figure = _national_figure()
    x0, x1 = figure.layout.geo.lonaxis.range
    y0, y1 = figure.layout.geo.lataxis.range
    layout = _collection("china_map_lines.geojson")["properties"]
    main, source, inset = (shapely.box(*layout[k]) for k in ("main", "source", "inset"))
    extent = shapely.box(x0, y0, x1, y1)
    assert extent.contains(main) and extent.contains(inset)

    provinces = [shape(f["geometry"]) for f in _collection("provinces.geojson")["features"]]
    line = shape(_collection("south_china_sea.geojson")["features"][0]["geometry"])
    degrees = np.vstack([_vertices(g) for g in [*provinces, line]])
    assert degrees[:, 1].min() < 4.0, "the source reaches the southernmost islands (about 4°N)"
    x, y = albers(degrees[:, 0], degrees[:, 1])
    in_main = (x >= layout["main"][0] - 1e-6) & (x <= layout["main"][2] + 1e-6) & (y >= layout["main"][1] - 1e-6)
    in_source = shapely.contains_xy(source, x, y)
    assert (in_main | in_source).all(), f"{(~(in_main | in_source)).sum()} boundary vertices are drawn nowhere"
    assert in_source[np.argmin(degrees[:, 1])], "the southernmost point is in the inset"

    drawn = [shape(f["geometry"]) for f in _collection("china_map.geojson")["features"]]
    assert all(extent.contains(g) for g in drawn)
    hainan = next(
        shape(f["geometry"]) for f in _collection("china_map.geojson")["features"] if f["properties"]["adcode"] == 460000
    )
    assert inset.contains(shapely.box(*hainan.bounds).intersection(inset)) and hainan.bounds[1] < inset.bounds[1] + 3.5
    # Nothing of the main map lies under the inset.
    assert not any(g.difference(inset).intersection(inset.buffer(-0.01)).area for g in drawn)


def test_inset_shows_all_ten_dashes_and_has_a_frame_and_scale():
    lines = _collection("china_map_lines.geojson")
    kinds = [f["properties"]["kind"] for f in lines["features"]]
    assert kinds.count("frame") == 1 and kinds.count("scale") == 2 and kinds.count("inset_label") == 1
    inset = shapely.box(*lines["properties"]["inset"])
    dashes = shape(next(f["geometry"] for f in lines["features"] if f["properties"]["kind"] == "maritime"))
    in_inset = [d for d in dashes.geoms if inset.contains(d)]
    assert len(in_inset) == 10
    figure = _national_figure()
    # The first trace has plain coordinates: plotly then loads no world map from a CDN.
    assert figure.data[0].type == "scattergeo" and figure.data[0].locations is None
    assert figure.layout.geo.visible is False
    # The map's own labels are not escaped as data: the English inset name keeps its line break.
    from vetdash import maps

    english = maps.province_choropleth(
        pd.DataFrame({"province_adcode": [500000], "v": [1.0], "hover": ["x"]}), all_codes=[500000], value="v",
        hover="hover", no_data_hover={}, title="t", unit="u", focus=500000, inset_label="South China<br>Sea Islands",
    )  # fmt: skip
    assert next(t for t in english.data if t.uid == maps.LABELS_UID).text[-1] == "South China<br>Sea Islands"


def test_national_map_units_carry_every_code():
    codes = {f["properties"]["adcode"] for f in _collection("china_map.geojson")["features"]}
    assert codes == set(catalog.load("provinces")["adcode"]) and len(codes) == 34
