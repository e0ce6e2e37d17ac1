"""Which MOE list editions and which years exist, read from the data (built-in plus imported).

The edition control, the economy-year control, the register years and every "latest" default
come from here, so an imported list edition or a new year of figures is selectable and linkable
as soon as it is stored, with no change to the code.
"""

from __future__ import annotations

import pandas as pd


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
