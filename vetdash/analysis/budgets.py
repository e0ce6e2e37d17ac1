"""College budgets: per student, year-over-year change, province aggregates."""

from __future__ import annotations

import pandas as pd


def budget_per_student(
    budgets: pd.DataFrame, *, budget: str = "budget_total_10k_yuan", students: str = "enrollment"
) -> pd.Series:
    """Budget in yuan per enrolled student.

    Args: ``budgets`` with ``budget`` (万元) and ``students`` (persons) columns.
    Returns: Float64 Series aligned with ``budgets`` in 元 per student; <NA> where enrolment is
    unknown or zero.
    """
    enrolled = budgets[students].astype("Float64")
    return (budgets[budget] * 1e4 / enrolled.where(enrolled > 0)).astype("Float64")


def year_over_year(budgets: pd.DataFrame, *, key: str = "college_name_zh", budget: str = "budget_total_10k_yuan") -> pd.Series:
    """Change against the same college's previous listed year, as a fraction (0.05 = +5%).

    Args: ``budgets`` with ``key`` (the college), year and ``budget`` columns.
    Returns: Series aligned with ``budgets``' index; NaN for a college's first listed year.
    """
    ordered = budgets.sort_values([key, "year"])
    previous = ordered.groupby(key)[budget].shift(1)
    change = ordered[budget] / previous - 1
    return change.reindex(budgets.index)


def province_totals(budgets: pd.DataFrame, *, budget: str = "budget_total_10k_yuan") -> pd.DataFrame:
    """Per province and year: number of colleges and their total and median budget.

    Args: ``budgets`` with province_adcode, year and ``budget`` (万元).
    Returns: columns province_adcode, year, colleges (count), total and median (万元).
    """
    grouped = budgets.groupby(["province_adcode", "year"])[budget]
    return pd.DataFrame({"colleges": grouped.size(), "total": grouped.sum(), "median": grouped.median()}).reset_index()
