"""Points joined to districts with geopandas; the build's spatial report and its rule."""

from __future__ import annotations

import pytest

gpd = pytest.importorskip("geopandas")
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from vetdash import catalog  # noqa: E402
from vetdash.build import spatial  # noqa: E402
from vetdash.build.tables import BuildCheckError  # noqa: E402

CODES = [int(c) for c in catalog.load("cq_districts")["adcode"]]


def test_point_in_its_district_and_a_point_just_outside():
    # Two unit squares side by side at 30°N on UTM 48N's central meridian (105°E).
    districts = gpd.GeoSeries(
        [shapely.box(104.99, 29.99, 105.0, 30.0), shapely.box(105.0, 29.99, 105.01, 30.0)], index=[1, 2], crs="EPSG:4326"
    )
    points = pd.DataFrame(
        {"code": ["a", "b"], "lon_gcj02": [104.995, 105.001], "lat_gcj02": [29.995, 29.995], "district_adcode": [1, 1]}
    )
    joined = spatial.district_of_points(points, districts)
    assert joined["spatial_adcode"].tolist() == [1, 2]
    # 0.001° of longitude at 29.995°N: 111,320 m × cos(29.995°) = 96.4 m (UTM's scale 0.9996 on its meridian).
    assert joined["metres_outside_stated"].iloc[0] == 0
    assert joined["metres_outside_stated"].iloc[1] == pytest.approx(111_320 * 0.86607 * 0.001 * 0.9996, abs=1.5)


def test_build_report_finds_the_point_outside_its_stated_district():
    colleges, campuses = catalog.load("cq_colleges"), catalog.load("cq_campuses")
    report = spatial.spatial_report(colleges, campuses, CODES)
    # 重庆航天职业技术学院, 重庆市江北区红石路255号: the point lies in 渝北区 about 240 m from 江北区.
    assert report[["table", "code", "stated", "spatial"]].values.tolist() == [
        ["cq_colleges", "4150010870", 500105, 500112],
        ["cq_campuses", "4150010870", 500105, 500112],
    ]
    assert (report["metres_outside_stated"].between(200, 300)).all()
    text = spatial.report_text(report, dict(zip(CODES, catalog.load("cq_districts")["name_zh"], strict=True)))
    assert "stated 江北区 | point in 渝北区" in text


def test_a_point_far_from_its_stated_district_stops_the_build():
    colleges = catalog.load("cq_colleges").copy()
    row = colleges["code"] == "4150010870"
    colleges.loc[row, "lat_gcj02"] = colleges.loc[row, "lat_gcj02"] + 0.05  # about 5.5 km north
    with pytest.raises(BuildCheckError, match="4150010870"):
        spatial.spatial_report(colleges, catalog.load("cq_campuses").iloc[:0], CODES)
