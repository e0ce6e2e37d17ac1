"""The province indicators users can map and rank: what each means, its unit, year and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vetdash.analysis.indicators import economy_indicators, province_indicators
from vetdash.analysis.supply import register_indicators

FOCUS = 500000  # Chongqing
DEFAULT_PEERS = (510000, 520000, 610000, 420000, 430000, 410000, 110000, 310000, 440000)
# The editions and economy years offered come from the data (vetdash.editions), not from here.
STUDENT_YEAR = 2024
EMPLOYMENT_YEAR = 2024
REGISTER_YEAR = 2024  # specialty register: the latest year with employment (demand) and student figures
REGISTER_TABLES = ("specialty_points_province", "crosswalk")


@dataclass(frozen=True)
class Indicator:
    key: str
    datasets: tuple[str, ...]
    kind: str  # count | share | ratio | yuan_100m | yuan | persons | lq
    year_from: str  # "edition" | "economy" | a fixed year as text
    higher_is_better: bool = True
    midpoint: float | None = None  # diverging scale around this value (e.g. 1.0 for LQ)


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("zhuanke", ("institutions",), "count", "edition"),
        Indicator("zhuanke_per_million", ("institutions", "province_population"), "ratio", "edition"),
        Indicator("zhuanke_share_of_national", ("institutions",), "share", "edition"),
        Indicator("private_share_of_zhuanke", ("institutions",), "share", "edition"),
        Indicator("vocational_university", ("institutions",), "count", "edition"),
        Indicator("benke", ("institutions",), "count", "edition"),
        Indicator("vocational_enrollment", ("province_students",), "persons", str(STUDENT_YEAR)),
        Indicator("vocational_entrants", ("province_students",), "persons", str(STUDENT_YEAR)),
        Indicator("vocational_share_of_enrollment", ("province_students",), "share", str(STUDENT_YEAR)),
        Indicator("vocational_students_per_institution", ("province_students", "institutions"), "persons", "edition"),
        Indicator("gdp", ("province_gdp",), "yuan_100m", "economy"),
        Indicator("gdp_per_capita_yuan", ("province_gdp",), "yuan", "economy"),
        Indicator("secondary_share", ("province_gdp",), "share", "economy"),
        Indicator("tertiary_share", ("province_gdp",), "share", "economy"),
        Indicator("industry_share", ("province_gdp",), "share", "economy"),
        Indicator("manufacturing_lq", ("province_employment_by_section",), "lq", str(EMPLOYMENT_YEAR), midpoint=1.0),
        Indicator("specialty_points", ("specialty_points_province",), "count", str(REGISTER_YEAR)),
        Indicator("points_per_10k_students", ("specialty_points_province", "province_students"), "ratio", str(REGISTER_YEAR)),
        Indicator(
            "fit_index", ("crosswalk", "specialty_points_province", "province_employment_by_section"), "ratio", str(REGISTER_YEAR)
        ),
    )
}


def indicator_year(indicator: Indicator, edition: str, year: int) -> str:
    """The year an indicator's figures are for, as text: ``edition`` for the MOE-list indicators,
    ``year`` for the economy ones, else the indicator's fixed year (e.g. "2024").
    """
    if indicator.year_from == "edition":
        return edition
    if indicator.year_from == "economy":
        return str(year)
    return indicator.year_from


def indicator_table(tables: dict[str, pd.DataFrame], edition: str, year: int) -> pd.DataFrame:
    """All indicators for the 31 provinces, one row per province_adcode.

    Args: ``tables`` dataset name → table: institutions, province_population, province_students,
    province_gdp, province_employment_by_section and ``REGISTER_TABLES``; ``edition`` the MOE list
    edition (e.g. "2025"); ``year`` the economy year.
    Returns: province_adcode and a column for each ``INDICATORS`` key (units by ``Indicator.kind``):
    institutions from ``edition``, economy from ``year``, specialty points and F from the register
    (``REGISTER_YEAR``). Raises KeyError when a table is missing from ``tables``.
    """
    education = province_indicators(tables["institutions"], tables["province_population"], tables["province_students"], edition)
    economy = economy_indicators(tables["province_gdp"], tables["province_employment_by_section"], year)
    supply = register_indicators(
        tables["specialty_points_province"], tables["province_students"], tables["province_employment_by_section"],
        tables["crosswalk"], REGISTER_YEAR,
    )  # fmt: skip
    return education.merge(economy, on="province_adcode", how="outer").merge(supply, on="province_adcode", how="left")
