"""The province indicators users can map and rank: what each means, its unit, year and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vetdash import editions
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
    year_from: str  # "edition" | "economy" | "employment" (newest employment year not after the economy year) | a fixed year
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
        Indicator("manufacturing_lq", ("province_employment_by_section",), "lq", "employment", midpoint=1.0),
        Indicator("specialty_points", ("specialty_points_province",), "count", str(REGISTER_YEAR)),
        Indicator("points_per_10k_students", ("specialty_points_province", "province_students"), "ratio", str(REGISTER_YEAR)),
        Indicator(
            "fit_index", ("crosswalk", "specialty_points_province", "province_employment_by_section"), "ratio", str(REGISTER_YEAR)
        ),
    )
}


def indicator_year(indicator: Indicator, edition: str, year: int, employment_years: tuple[int, ...] = ()) -> str:
    """The year or edition an indicator's figures are of, as text. ``employment_years``: the years
    of employment by section in the data (newest first), for indicators read from it."""
    if indicator.year_from == "edition":
        return edition
    if indicator.year_from == "economy":
        return str(year)
    if indicator.year_from == "employment":
        return str(editions.year_for(employment_years or (EMPLOYMENT_YEAR,), year))
    return indicator.year_from


def indicator_table(tables: dict[str, pd.DataFrame], edition: str, year: int) -> pd.DataFrame:
    """All indicators for the 31 provinces: institutions from ``edition``, economy from ``year``,
    specialty points and F from the register (``REGISTER_YEAR``). ``tables`` holds the five base
    tables and ``REGISTER_TABLES``."""
    # Population and employment are read one year at a time: the newest (not after the economy year for the LQ).
    population = editions.newest_rows(tables["province_population"])
    employment = tables["province_employment_by_section"]
    education = province_indicators(tables["institutions"], population, tables["province_students"], edition)
    economy = economy_indicators(tables["province_gdp"], editions.newest_rows(employment, year), year)
    supply = register_indicators(
        tables["specialty_points_province"], tables["province_students"], editions.newest_rows(employment),
        tables["crosswalk"], REGISTER_YEAR,
    )  # fmt: skip
    return education.merge(economy, on="province_adcode", how="outer").merge(supply, on="province_adcode", how="left")
