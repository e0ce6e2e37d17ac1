"""Which MOE list editions and which years exist, read from the data (built-in plus imported).

The edition control, the economy-year control, the register years and every "latest" default
come from here, so an imported list edition or a new year of figures is selectable and linkable
as soon as it is stored, with no change to the code.
"""

from __future__ import annotations

import re

import pandas as pd

EDITION_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # an MOE list's as-of date, as the schema's list_date


def is_edition_date(text: str) -> bool:
    """Whether ``text`` is an edition's as-of date (``YYYY-MM-DD``) rather than a year."""
    return bool(EDITION_DATE.fullmatch(str(text)))


def list_editions(institutions: pd.DataFrame) -> tuple[str, ...]:
    """MOE list editions (as-of dates, ``YYYY-MM-DD``), newest first. ``institutions``: the
    institutions table (column ``list_date``)."""
    return tuple(sorted(institutions["list_date"].dropna().astype(str).unique(), reverse=True))


def years(table: pd.DataFrame, column: str = "year") -> tuple[int, ...]:
    """The years a table has figures for, newest first (a table with a ``year`` column: province
    GDP, the register, budgets)."""
    return tuple(sorted({int(y) for y in table[column].dropna().unique()}, reverse=True))


def latest(options: tuple, fallback: object = None) -> object:
    """The default of a control: the newest option, or ``fallback`` when there is none."""
    return options[0] if options else fallback


def chosen(value: object, options: tuple, cast=str) -> object:
    """A value from a link or a control if the data has it, else the newest (an edition that was
    rolled back away, or a mistyped year, falls back to what exists)."""
    try:
        value = cast(value)
    except (TypeError, ValueError):
        return latest(options)
    return value if value in options else latest(options)


def newest_rows(table: pd.DataFrame, at_most: int | None = None, column: str = "year") -> pd.DataFrame:
    """The rows of one year: the newest the table has, or with ``at_most`` the newest year not after
    it (the newest overall when every year is later). For tables read one year at a time, such as
    employment by section and population, which gain a year when an administrator imports one."""
    chosen_year = year_for(years(table, column), at_most)
    return table if chosen_year is None else table[table[column].astype(int) == chosen_year]


def year_for(available: tuple[int, ...], at_most: int | None = None) -> int | None:
    """Of ``available`` (newest first), the newest not after ``at_most`` (None: the newest); the
    oldest when every year is later; None when there is none."""
    if not available:
        return None
    fitting = [y for y in available if at_most is None or y <= at_most]
    return fitting[0] if fitting else available[-1]
