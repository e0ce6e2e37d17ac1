"""Provenance on screen: status badges, source lines, KPI cards with their year and rank."""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from vetdash import catalog, editions, memo
from vetdash.i18n import t
from vetdash.provenance import registered_applies, source_text
from vetdash.ui.loaders import data_token

BADGE_COLOURS = {"official": "green", "compiled": "blue", "paper": "violet", "derived": "orange", "demo": "red"}


def badge_markdown(status: str, lang: str) -> str:
    """A status badge as Streamlit markdown, so it sits inline with the text it qualifies."""
    return f":{BADGE_COLOURS.get(status, 'gray')}-badge[{t(f'status.{status}', lang)}]"


@memo.shared(max_entries=512)
def _source_markdown(names: tuple[str, ...], lang: str, year: str | None, token: tuple) -> str:
    badges = " ".join(badge_markdown(status, lang) for status in dict.fromkeys(catalog.dataset(n).status for n in names))
    # A registered dataset's notes describe its publication, not an edition or year imported since.
    notes = " ".join(catalog.dataset(n).notes.get(lang, "") for n in names if registered_applies(n, year)).strip()
    text = f"{badges} {source_text(names, lang, year)}"
    return f"{text}  \n{notes}" if notes else text


def source_line(names: Iterable[str], lang: str, year: str | None = None, *, note: str | None = None) -> None:
    """Status badges, source and year under a figure: every number on screen says where it is from.

    ``note`` (e.g. how many rows a filter found) goes on the line above, in the same element.
    """
    source = _source_markdown(tuple(dict.fromkeys(names)), lang, year, data_token())
    st.caption(f"{note}  \n{source}" if note else source)


KPI_CARD_WIDTH = 300  # px: three cards a row beside the sidebar on a laptop, more on a wide screen


def kpi(
    label: str,
    value: str,
    *,
    lang: str,
    year: str,
    status: str,
    rank: str | None = None,
    help_text: str | None = None,
    delta: str | None = None,
    year_note: str | None = None,
) -> None:
    """One KPI card: ``label`` and ``value`` (already formatted), under them the status badge, year and rank.

    Args: ``year`` the figure's year, or an edition's date (YYYY-MM-DD; then labelled "as of");
    ``status`` a dataset status (official, compiled, …); ``rank`` as shown (e.g. 第16位（共31）); ``delta`` a change shown under the value, neutral colour.
    Draws in the current Streamlit container; returns nothing.
    """
    with st.container(border=True, width=KPI_CARD_WIDTH, height="stretch"):
        st.metric(label, value, delta=delta, delta_color="off", delta_arrow="off", help=help_text)
        # An MOE list's figures are as of its edition date, the others for a year.
        dated = "kpi.as_of" if editions.is_edition_date(year) else "kpi.year"
        parts = [badge_markdown(status, lang), t(dated, lang, year=year)]
        if year_note:
            parts.append(year_note)
        if rank:
            parts.append(rank)
        st.caption(" · ".join(parts))
