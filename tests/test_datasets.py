"""Every file in data/ and static/geo/ is registered, provenanced, unchanged and loads cleanly."""

from __future__ import annotations

import pytest

from vetdash import catalog
from vetdash.analysis.demand_fit import crosswalk_problems
from vetdash.paths import DATA_DIR, GEO_DIR, PROJECT_ROOT

DATASETS = sorted(catalog.registry())
PROVENANCE = ("publisher", "title", "url", "published", "accessed", "via")


def test_every_data_file_is_registered():
    on_disk = {
        str(p.relative_to(PROJECT_ROOT))
        for folder in (DATA_DIR, GEO_DIR)
        for p in folder.rglob("*")
        if p.is_file() and p.name != "datapackage.yaml"
    }
    registered = {d.path for d in catalog.registry().values()}
    assert on_disk - registered == set(), "files without a datapackage.yaml entry"
    assert registered - on_disk == set(), "entries whose file is missing"


@pytest.mark.parametrize("name", DATASETS)
def test_provenance_is_complete(name):
    meta = catalog.dataset(name)
    assert meta.status in catalog.STATUSES
    assert set(PROVENANCE) <= set(meta.source), f"missing source fields: {set(PROVENANCE) - set(meta.source)}"
    assert meta.source["publisher"] and meta.source["title"] and meta.source["accessed"]
    assert meta.licence
    assert meta.title["zh"] and meta.title["en"]
    if meta.status == "derived":
        assert meta.rule, "derived datasets name their rule"


@pytest.mark.parametrize("name", DATASETS)
def test_hash_matches(name):
    meta = catalog.dataset(name)
    assert catalog.file_sha256(meta.file) == meta.sha256, f"{meta.path} changed without a rebuild"


@pytest.mark.parametrize("name", [n for n in DATASETS if catalog.dataset(n).schema])
def test_table_loads_with_registered_row_count(name):
    frame = catalog.load(name)
    assert len(frame) == catalog.dataset(name).rows


@pytest.mark.parametrize("name", [n for n in DATASETS if catalog.dataset(n).is_demo])
def test_demo_rows_are_flagged_and_fictitious(name):
    frame = catalog.load(name)
    assert (frame["is_demo"] == "true").all()
    for column in [c for c in frame.columns if c.endswith(("name_zh", "lead_institutions", "members"))]:
        assert frame[column].str.contains("示例").all(), f"{column} must hold only fictitious names"


def test_crosswalk_weights_sum_to_one_per_section():
    crosswalk = catalog.load("crosswalk")
    assert crosswalk_problems(crosswalk) == []
    assert set(crosswalk["section"]) == set(catalog.load("industry_sections")["code"])
    assert set(crosswalk["category_code"]) == set(catalog.load("specialty_categories")["code"])


def test_published_checks_hold_in_curated_tables():
    inst = catalog.load("institutions")
    newest = inst[inst["list_date"] == "2025-06-20"]
    assert len(newest) == 2919
    assert (newest["level"] == "本科").sum() == 1365
    cq = newest[newest["province_adcode"] == 500000]
    assert (cq["level"] == "专科").sum() == 46 and (cq["level"] == "本科").sum() == 29
    cq_zk = cq[cq["level"] == "专科"]
    assert (cq_zk["ownership"] == "public").sum() == 23 and (cq_zk["ownership"] == "private").sum() == 23
    older = inst[inst["list_date"] == "2024-06-20"]
    assert len(older) == 2868
    assert ((older["province_adcode"] == 500000) & (older["level"] == "专科")).sum() == 45

    gdp = catalog.load("province_gdp")
    cq_2024 = gdp[(gdp["year"] == 2024) & (gdp["province_adcode"] == 500000)].iloc[0]
    assert cq_2024["gdp"] == pytest.approx(32046.7)
    assert gdp[gdp["year"] == 2024]["gdp"].sum() == pytest.approx(1337605.8)

    emp = catalog.load("province_employment_by_section")
    assert emp["employed_10k"].sum() == pytest.approx(16511.0, abs=1.0)
    students = catalog.load("province_students")
    assert students["vocational_enrollment"].sum() == 18053430


def test_institution_changes_for_chongqing():
    changes = catalog.load("institution_changes")
    cq = changes[changes["province_adcode"] == 500000]
    assert set(cq.loc[cq["change"] == "added", "name_after"]) == {"重庆农业职业学院", "重庆安防职业学院"}
    upgraded = cq[cq["change"] == "upgraded"].iloc[0]
    assert (upgraded["name_before"], upgraded["name_after"]) == ("重庆工业职业技术学院", "重庆工业职业技术大学")
    recoded = changes[changes["change"] == "recoded"]
    assert set(recoded["name_after"]) == {"长春数字科技职业学院", "上海浦东职业技术学院"}
    assert (changes["change"] == "closed").sum() == 4
