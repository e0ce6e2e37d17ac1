"""Shared by the page modules: the data accessor every builder takes, and helpers more than one page uses."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal, Protocol

import pandas as pd
import plotly.graph_objects as go

from vetdash import catalog
from vetdash.i18n import t
from vetdash.text import markdown_literal

ChartKind = Literal["bar", "line", "share", "map", "timeline", "matrix"]


class Data(Protocol):
    """Where builders get tables: the app's cached loaders (vetdash.ui.loaders) or, in tests, plain frames."""

    def table(self, name: str) -> pd.DataFrame:
        """The current version of dataset ``name`` (latest good import, else the registered file; empty
        with the schema's columns when neither exists), columns as its model in ``vetdash.schemas``.
        Raises DataValidationError (``unknown_dataset``) for a name that is not a dataset."""
        ...

    def optional_table(self, name: str) -> pd.DataFrame | None:
        """As ``table`` (same columns), or None for an import-only dataset with nothing imported yet."""
        ...

    def indicator_table(self, edition: str, year: int) -> pd.DataFrame:
        """``metrics.indicator_table``: province_adcode and one column per indicator, for an MOE list
        ``edition`` and economy ``year``."""
        ...

    def province_names(self, lang: str) -> dict[int, str]:
        """Province adcode → name from the ``provinces`` table: short_zh in Chinese (重庆), name_en otherwise."""
        ...

    def district_names(self, lang: str) -> dict[int, str]:
        """Chongqing district adcode → name in ``lang`` (the ``cq_districts`` table)."""
        ...

    def district_name(self, adcode: object, lang: str) -> str:
        """One district's name in ``lang``: "unknown" in words for a missing code, "—" for a code not in the table."""
        ...


@dataclass(frozen=True, eq=False)
class Panel:
    """One chart as every output uses it: the page, the Export menu, slides, the PPTX and the wall.

    ``table`` holds exactly the numbers the figure draws, one row per mark, with display column
    names in the panel's language; exports write it as it is and native PPTX charts plot
    ``table[category]`` against each column in ``values``. Nothing reads numbers back out of
    ``figure``. ``filters`` are the builder's own arguments as stable codes (the same in both
    languages); ``year`` is the data year or edition shown in the source line.
    """

    figure: go.Figure | None
    table: pd.DataFrame
    title: str
    sources: tuple[str, ...]
    year: str | None = None
    filters: tuple[tuple[str, str], ...] = ()
    category: str | None = None
    values: tuple[str, ...] = ()
    series: str | None = None  # long tables (one row per series and category): the column naming the series
    kind: ChartKind = "bar"
    number_format: str = "#,##0"  # Excel / PowerPoint number format of ``values``
    demo: bool = False
    focus: tuple[str, ...] = field(default=())  # category labels to emphasise (Chongqing)

    @property
    def status(self) -> str:
        """The least official status among the panel's sources (demo < derived < paper < compiled < official)."""
        order = ("demo", "derived", "paper", "compiled", "official")
        statuses = [catalog.dataset(n).status for n in self.sources]
        return min(statuses, key=order.index) if statuses else "derived"

    @property
    def plain_title(self) -> str:
        """The title on one line (``<br>`` breaks become spaces), for file names, exports and slide titles."""
        return self.title.replace("<br>", " ")


def filter_codes(**values: object) -> tuple[tuple[str, str], ...]:
    """Builder arguments as (name, code) pairs for a panel's ``filters``; empty choices are left out."""
    pairs = []
    for name, value in values.items():
        if value is None or value == () or value == "":
            continue
        shown = ",".join(str(v) for v in value) if isinstance(value, (tuple, list)) else str(value)
        pairs.append((name, shown))
    return tuple(pairs)


def excel_format(tick_format: str) -> str:
    """A plotly (d3) tick format as the matching Excel / PowerPoint number format."""
    return {".1%": "0.0%", ".0%": "0%", "+.1%": "+0.0%;-0.0%", ".1f": "0.0", ".2f": "0.00", "+.4f": "+0.0000;-0.0000"}.get(
        tick_format, "#,##0"
    )


def tick_format(kind: str) -> str:
    """The d3 format an indicator of ``kind`` is drawn with: shares in percent, ratios and LQ with two decimals, else grouped."""
    return ".1%" if kind == "share" else ".2f" if kind in ("ratio", "lq") else ","


def table_values(values: pd.Series, kind: str) -> tuple[pd.Series, str]:
    """An indicator's values as its table (page, CSV, XLSX) holds them, and their Excel number format:
    shares in percent to two decimals, under a "%" heading; other kinds as they are."""
    if kind == "share":
        return (values.astype(float) * 100).round(2), excel_format(".1f")
    return values, excel_format(tick_format(kind))


def markdown_table(frame: pd.DataFrame) -> str:
    """``frame`` as a GitHub-style markdown table: a header row of the column names, then one row per
    frame row; every cell escaped with ``text.markdown_literal`` so names cannot inject markup.
    """

    def cell(value: object) -> str:
        return markdown_literal(value)

    lines = ["| " + " | ".join(cell(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)


def newest_edition(data: Data) -> str:
    """The newest MOE list edition stored (built-in or imported), as its as-of date, e.g. "2025-06-20":
    what views that do not follow the sidebar's edition (Chongqing's college maps) show."""
    return max(data.table("institutions")["list_date"].astype(str))


def institution_changes(data: Data) -> pd.DataFrame:
    """Every change between consecutive MOE list editions (the ``institution_changes`` columns): the
    built-in table, and for an imported edition its changes from the edition before, computed from
    the lists themselves (``analysis.institutions.edition_changes``)."""
    from vetdash.analysis.institutions import edition_changes

    stored = data.table("institution_changes")
    dates = sorted(data.table("institutions")["list_date"].astype(str).unique())
    known = set(zip(stored["list_before"].astype(str), stored["list_after"].astype(str), strict=True))
    computed = [
        edition_changes(data.table("institutions"), before, after)
        for before, after in itertools.pairwise(dates)
        if (before, after) not in known
    ]
    return pd.concat([stored, *computed], ignore_index=True) if computed else stored


def category_names(data: Data, lang: str) -> dict[int, str]:
    """Specialty 大类 code (41–59, and the 2015 catalogue's codes) → name in ``lang``, from ``specialty_categories``."""
    categories = data.table("specialty_categories")
    return dict(zip(categories["code"].astype(int), categories[f"name_{lang}"], strict=True))


def paper_claim(data: Data, figure_id: str, lang: str) -> str:
    """One of the paper's figures as a boxed statement: the claim, then how far it could be checked."""
    row = data.table("paper_figures").set_index("id").loc[figure_id]
    return (
        f"**{t('paper.says', lang)}** {markdown_literal(row[f'claim_{lang}'])}  \n{markdown_literal(row[f'verification_{lang}'])}"
    )
