"""The province indicators users can map and rank: what each means, its unit, year and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from vetdash import editions
from vetdash.analysis.indicators import economy_indicators, province_indicators
from vetdash.analysis.supply import SECTOR_SHARE_PREFIX, register_indicators

FOCUS = 500000  # Chongqing
DEFAULT_PEERS = (510000, 520000, 610000, 420000, 430000, 410000, 110000, 310000, 440000)
# The editions and economy years offered come from the data (vetdash.editions), not from here.
STUDENT_YEAR = 2024
EMPLOYMENT_YEAR = 2024
REGISTER_YEAR = 2024  # specialty register: the latest year with employment (demand) and student figures
REGISTER_TABLES = ("specialty_points_province", "crosswalk")
SECTOR_CODES = tuple(range(41, 60))  # the 19 专业大类 of the 2021 catalogue (codes 41–59)


@dataclass(frozen=True)
class Indicator:
    key: str
    datasets: tuple[str, ...]
    kind: str  # count | share | ratio | yuan_100m | yuan | persons | lq
    year_from: str  # "edition" | "economy" | "employment" (newest employment year not after the economy year) | a fixed year
    higher_is_better: bool = True
    midpoint: float | None = None  # diverging scale around this value (e.g. 1.0 for LQ)
    sector: int | None = None  # a 专业大类 (2021 code) for the per-category indicators

    @property
    def text_key(self) -> str:
        """The locale key's last part for its name, unit and help: one for all per-category indicators."""
        return SECTOR_SHARE if self.sector is not None else self.key


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
        *(
            Indicator(f"{SECTOR_SHARE_PREFIX}{code}", ("specialty_points_province",), "share", str(REGISTER_YEAR), sector=code)
            for code in SECTOR_CODES
        ),
    )
}
# The indicator picker offers one entry for the per-category shares; a category control then picks
# the column (URL: indicator=sector_share&sector=46).
SECTOR_SHARE = "sector_share"
PICKABLE: tuple[str, ...] = (*(k for k, i in INDICATORS.items() if i.sector is None), SECTOR_SHARE)


def link_codes(key: str) -> dict[str, object]:
    """The URL parameters that choose indicator ``key``: ``{"indicator": key}``, or for a per-category
    share ``{"indicator": "sector_share", "sector": 46}`` (what a link and an export's filters carry)."""
    sector = INDICATORS[key].sector
    return {"indicator": key} if sector is None else {"indicator": SECTOR_SHARE, "sector": sector}


def sector_indicator(sector: int) -> str:
    """The indicator key of one 专业大类's share of specialty points, e.g. 46 → ``sector_share_46``.

    Raises: KeyError for a code outside the 2021 catalogue's 大类 (41–59)."""
    key = f"{SECTOR_SHARE_PREFIX}{sector}"
    if key not in INDICATORS:
        raise KeyError(key)
    return key


def employment_limit(year: int, economy_years: tuple[int, ...]) -> int | None:
    """The latest employment year to read for economy year ``year``: none (the newest there is) when
    ``year`` is the newest of ``economy_years`` (newest first), else ``year`` itself, so an imported
    employment year shows at once while an earlier economy year keeps the employment of its time."""
    return None if not economy_years or year >= economy_years[0] else year


def indicator_year(
    indicator: Indicator, edition: str, year: int, employment_years: tuple[int, ...] = (), economy_years: tuple[int, ...] = ()
) -> str:
    """The year an indicator's figures are for, as text: ``edition`` for the MOE-list indicators,
    ``year`` for the economy ones, the employment year read for ``year`` (``employment_limit``) for
    those read from employment by section (``employment_years`` and ``economy_years``: the years of
    employment by section and of GDP in the data, newest first), else the indicator's fixed year.
    """
    if indicator.year_from == "edition":
        return edition
    if indicator.year_from == "economy":
        return str(year)
    if indicator.year_from == "employment":
        return str(editions.year_for(employment_years or (EMPLOYMENT_YEAR,), employment_limit(year, economy_years)))
    return indicator.year_from


def indicator_table(tables: dict[str, pd.DataFrame], edition: str, year: int) -> pd.DataFrame:
    """All indicators for the 31 provinces, one row per province_adcode.

    Args: ``tables`` dataset name → table: institutions, province_population, province_students,
    province_gdp, province_employment_by_section and ``REGISTER_TABLES``; ``edition`` the MOE list
    edition (e.g. "2025"); ``year`` the economy year.
    Returns: province_adcode and a column for each ``INDICATORS`` key (units by ``Indicator.kind``):
    institutions from ``edition``, economy from ``year``, specialty points and F from the register
    (``REGISTER_YEAR``); population and employment of their newest year (employment not after
    ``year`` for the location quotient when an earlier economy year is chosen). Raises KeyError when a table is missing from ``tables``.
    """
    # Population and employment are read one year at a time (an imported year adds to them).
    population = editions.newest_rows(tables["province_population"])
    employment = tables["province_employment_by_section"]
    education = province_indicators(tables["institutions"], population, tables["province_students"], edition)
    limit = employment_limit(year, editions.years(tables["province_gdp"]))
    economy = economy_indicators(tables["province_gdp"], editions.newest_rows(employment, limit), year)
    supply = register_indicators(
        tables["specialty_points_province"], tables["province_students"], editions.newest_rows(employment),
        tables["crosswalk"], REGISTER_YEAR,
    )  # fmt: skip
    return education.merge(economy, on="province_adcode", how="outer").merge(supply, on="province_adcode", how="left")


def top_sector(table: pd.DataFrame, focus: int = FOCUS) -> int:
    """The 专业大类 (2021 code) with the largest share of ``focus``'s specialty points: the category a
    per-category indicator shows when none is chosen.

    Args: ``table`` from ``indicator_table`` (its ``sector_share_<code>`` columns).
    Raises: IndexError when ``table`` has no row for ``focus``."""
    columns = [k for k, i in INDICATORS.items() if i.sector is not None]
    row = table.loc[table["province_adcode"] == focus, columns].iloc[0].astype(float)
    return int(INDICATORS[str(row.idxmax())].sector or 0)


def chosen_indicator(key: object, sector: object, table: pd.DataFrame) -> str:
    """The indicator column a link's ``indicator`` and ``sector`` values name: ``sector_share`` with a
    category gives that category's column (the focus province's largest without one); an unknown key
    gives the first indicator."""
    if key == SECTOR_SHARE:
        code = int(str(sector)) if str(sector).isdigit() and f"{SECTOR_SHARE_PREFIX}{sector}" in INDICATORS else top_sector(table)
        return sector_indicator(code)
    return str(key) if key in INDICATORS and INDICATORS[str(key)].sector is None else PICKABLE[0]
