"""Charts as shown and exported: source subtitle, watermark, and the Export menu (CSV / XLSX)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from vetdash import charts, export
from vetdash.i18n import t
from vetdash.panels import Panel
from vetdash.provenance import short_source, source_text, status_of
from vetdash.ui.url import url_params

PLOT_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


SUBTITLE_WIDTH = 70  # Latin characters a line (Chinese count two): the 11 px source line on a 390 px phone


def chart_variant(fig: go.Figure, sources: tuple[str, ...], year: str | None, lang: str, demo: bool) -> go.Figure:
    """The figure as shown and exported: a source subtitle and, for demo data, the watermark."""

    def restyle(copy: go.Figure) -> go.Figure:
        if sources:
            # wrapped like the title, so a long source line fits a phone too
            subtitle = charts.wrap_title(short_source(sources, lang, year), SUBTITLE_WIDTH)
            copy.update_layout(
                title_subtitle_text=subtitle, title_subtitle_font={"size": 11, "color": "#666666"},
                margin_t=(copy.layout.margin.t or 60) + 24 + 14 * subtitle.count("<br>"),
            )  # fmt: skip
        return charts.add_watermark(copy, t("demo.watermark", lang)) if demo else copy

    return charts.variant(fig, (sources, year, lang, demo), restyle)


def export_meta(title: str, sources: tuple[str, ...], year: str | None, lang: str, filters: dict[str, str]) -> export.ExportMeta:
    """What an exported file says about the view; its export time is taken when the file is made."""
    return export.ExportMeta(
        title=title.replace("<br>", " "),
        source=source_text(sources, lang, year),
        status=status_of(sources, lang),
        year=year or "—",
        filters=filters,
    )


def view_filters() -> dict[str, str]:
    """The page's URL parameters as filters for an export's header: name → values joined by ", "."""
    return {k: ", ".join(v) for k, v in url_params().items()}


def show_chart(
    panel: Panel,
    *,
    key: str,
    lang: str,
    alt_text: str | None = None,
    on_select: Callable[[], None] | None = None,
    export_numbers: bool = True,
) -> None:
    """A panel's figure with its source in the subtitle, PNG export in its toolbar and CSV/XLSX of
    the panel's table (``export_numbers=False`` where the page offers the same table as a download already)."""
    shown = chart_variant(panel.figure, panel.sources, panel.year, lang, panel.demo)
    config = {**PLOT_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": key}}
    # The finding in words is the chart's accessible name (read by screen readers, not drawn).
    alt = (alt_text or panel.title).replace("<br>", " ")
    selection: dict[str, Any] = {"on_select": on_select, "selection_mode": "points"} if on_select else {}
    st.plotly_chart(shown, key=key, config=config, width="stretch", alt=alt, **selection)
    if export_numbers:
        export_menu(
            key, lang, lambda: panel.table, title=lambda: panel.title, sources=panel.sources, year=panel.year, png_hint=True,
            filters=dict(panel.filters),
        )  # fmt: skip


def table_downloads(
    frame: pd.DataFrame, *, key: str, lang: str, title: str, sources: Sequence[str], year: str | None = None
) -> None:
    """CSV and XLSX of exactly the table shown, with source, status, year, filters and export time."""
    export_menu(key, lang, lambda: frame, title=lambda: title, sources=tuple(sources), year=year, png_hint=False)


def export_menu(
    key: str,
    lang: str,
    numbers: Callable[[], pd.DataFrame],
    *,
    title: Callable[[], str],
    sources: tuple[str, ...],
    year: str | None,
    png_hint: bool,
    filters: dict[str, str] | None = None,
) -> None:
    """One *Export* control per chart or table. Its download buttons, and the title and filters
    they record, exist only while it is open, so a rerun with it closed costs one element."""
    popover = st.popover(
        t("export.label", lang), icon=":material/download:", key=f"{key}_export", on_change="rerun", type="tertiary"
    )
    if not popover.open:
        return
    # Read now, during the rerun: the files are made on click, on another thread.
    meta = export_meta(title(), sources, year, lang, {**view_filters(), **(filters or {})})
    with popover:
        st.download_button(
            "CSV", lambda: export.csv_bytes(numbers(), meta, lang), file_name=f"{key}.csv", mime="text/csv",
            key=f"{key}_csv", on_click="ignore", help=t("export.csv_help", lang),
        )  # fmt: skip
        st.download_button(
            "XLSX", lambda: export.xlsx_bytes(numbers(), meta, lang), file_name=f"{key}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{key}_xlsx", on_click="ignore",
            help=t("export.xlsx_help", lang),
        )  # fmt: skip
        if png_hint:
            st.caption(t("export.png_hint", lang))
