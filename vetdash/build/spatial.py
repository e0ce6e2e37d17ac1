"""Colleges and campuses joined to Chongqing's districts by their points, against the district
their address names; the disagreements are the build's spatial report.

The rule (README, "Maps"): where the address names a district, that district stands, as long as
the point lies within ``TOLERANCE_M`` of it; a point farther out stops the build (a wrong point or a
wrong district). Points come from place searches and sit a few hundred metres off now and then;
the address is what the college registers. Where the address names no district (a development
zone), the district was already taken from the point.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from vetdash.build.geo import read_boundaries
from vetdash.build.tables import check

TOLERANCE_M = 1000.0
# Distances in metres: UTM zone 48N. GCJ-02 shifts every point by a similar few hundred metres,
# which leaves distances between nearby points and lines as they are.
METRIC_CRS = "EPSG:32648"
REPORT_COLUMNS = ["table", "code", "place", "address", "stated", "spatial", "metres_outside_stated"]


def district_of_points(points: pd.DataFrame, districts: gpd.GeoSeries) -> pd.DataFrame:
    """``points`` (columns lon_gcj02, lat_gcj02, district_adcode, …) with ``spatial_adcode`` (the
    district the point lies in, <NA> outside Chongqing) and ``metres_outside_stated`` (0 inside)."""
    located = points.dropna(subset=["lon_gcj02", "lat_gcj02"])
    frame = gpd.GeoDataFrame(located, geometry=gpd.points_from_xy(located["lon_gcj02"], located["lat_gcj02"]), crs=districts.crs)
    areas = gpd.GeoDataFrame({"spatial_adcode": districts.index}, geometry=districts.values, crs=districts.crs)
    joined = frame.sjoin(areas, how="left", predicate="within").drop(columns="index_right")
    joined = joined[~joined.index.duplicated()]  # a point on a shared border: the first district
    stated = districts.to_crs(METRIC_CRS)
    points_m = joined.geometry.to_crs(METRIC_CRS)
    joined["metres_outside_stated"] = [
        float(stated[int(code)].distance(point)) if pd.notna(code) and int(code) in stated.index else float("nan")
        for code, point in zip(joined["district_adcode"], points_m, strict=True)
    ]
    joined["spatial_adcode"] = joined["spatial_adcode"].astype("Int64")
    return pd.DataFrame(joined.drop(columns="geometry"))


def spatial_report(colleges: pd.DataFrame, campuses: pd.DataFrame, district_codes: list[int]) -> pd.DataFrame:
    """Every main campus (``cq_colleges``) and campus (``cq_campuses``) whose point lies outside the
    district its row states. Columns: REPORT_COLUMNS. Stops the build past ``TOLERANCE_M``."""
    districts = read_boundaries(district_codes)
    rows = []
    for table, frame, place, address in (
        ("cq_colleges", colleges, "name", "main_address"),
        ("cq_campuses", campuses.merge(colleges[["code", "name"]], on="code"), "campus", "address"),
    ):
        joined = district_of_points(frame, districts)
        differ = joined[joined["spatial_adcode"].astype("float") != joined["district_adcode"].astype("float")]
        for _, row in differ.iterrows():
            rows.append(
                {
                    "table": table, "code": row["code"], "place": f"{row['name']} {row[place] or ''}".strip() if place != "name" else row["name"],
                    "address": row[address], "stated": int(row["district_adcode"]),
                    "spatial": row["spatial_adcode"], "metres_outside_stated": round(row["metres_outside_stated"]),
                }
            )  # fmt: skip
    report = pd.DataFrame(rows, columns=REPORT_COLUMNS)
    far = report[report["metres_outside_stated"] > TOLERANCE_M]
    check(far.empty, "points far outside the district their address names:\n" + far.to_string(index=False))
    return report


def report_text(report: pd.DataFrame, names: dict[int, str]) -> str:
    """The spatial report as the build prints it.

    Args: ``report`` from ``spatial_report`` (columns REPORT_COLUMNS); ``names`` district adcode → name.
    Returns: one summary line, then one line per point (table, code, place, address, stated and actual
    district, metres outside). Raises KeyError when a stated district is missing from ``names``.
    """
    if report.empty:
        return "spatial check: every college and campus point lies in the district its address names"
    lines = [f"spatial check: {len(report)} point(s) outside the district the address names (the address stands):"]
    for _, r in report.iterrows():
        spatial = names.get(int(r["spatial"]), "outside Chongqing") if pd.notna(r["spatial"]) else "outside Chongqing"
        lines.append(
            f"  {r['table']} {r['code']} {r['place']} | {r['address']} | stated {names[r['stated']]} | "
            f"point in {spatial}, {r['metres_outside_stated']} m outside {names[r['stated']]}"
        )
    return "\n".join(lines)
