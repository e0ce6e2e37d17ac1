"""Shared building blocks of pages: folded sections, empty states, link columns, paper claims, college profile."""

from __future__ import annotations

import streamlit as st

from vetdash.i18n import t
from vetdash.ui.badges import source_line
from vetdash.ui.exporting import show_chart
from vetdash.ui.loaders import panel


def link_column(label: str, lang: str) -> dict:
    """column_config for a table column of source addresses: shown as a short "open" link."""
    return {label: st.column_config.LinkColumn(label, display_text=t("consortia.open_source", lang))}


def folded(label: str, key: str, *, icon: str | None = None):
    """An expander whose content is built only while it is open: closed, it costs one element
    per rerun instead of everything inside it. Returns the expander, or None when closed."""
    box = st.expander(label, key=key, icon=icon, on_change="rerun")
    return box if box.open else None


def empty_state(what_key: str, how_key: str, lang: str) -> None:
    """A bordered box saying what is missing (locale key ``what_key``) and how to get it (``how_key``), for
    a view with no data, in place of a blank chart.
    """
    with st.container(border=True):
        st.markdown(f"**{t(what_key, lang)}**")
        st.caption(t(how_key, lang))


def paper_claim(claim: str, lang: str, *, note: str | None = None) -> None:
    """What the seed paper says, next to what the data shows, in a box with its source."""
    with st.container(border=True):
        st.markdown(panel("paper_claim", claim, lang))
        source_line(["paper_figures"], lang, note=note)


def college_profile(code: str, edition: str, lang: str) -> None:
    """One college's page: level, ownership, authority; its location and campuses on the district
    map; the consortia it belongs to. Each part with its source."""
    profile = panel("college_profile", code, edition, lang)
    facts = st.container(horizontal=True)
    for label, value in profile["facts"]:
        facts.metric(label, value)
    source_line(["institutions"], lang, edition)
    location = profile["location"]
    if location is None:
        st.info(t("institutions.no_location", lang))
    else:
        st.markdown(location["markdown"])
        show_chart(location["map"], key="college_map", lang=lang)
        st.dataframe(location["campuses"], hide_index=True, width="stretch")
        source_line(["cq_colleges", "cq_campuses"], lang)
    consortia = profile["consortia"]
    st.markdown(f"**{t('institutions.consortia', lang, n=len(consortia))}**")
    if consortia.empty:
        st.caption(t("institutions.no_consortia", lang))
    else:
        st.dataframe(consortia, hide_index=True, width="stretch")
        source_line(["consortia"], lang)
    college_portfolio(code, lang)
    if profile["budget"]:
        st.markdown(profile["budget"])
        source_line(["college_budgets"], lang)
    else:
        st.caption(t("institutions.budget_pending", lang))


def college_portfolio(code: str, lang: str) -> None:
    """The college's specialties from MOE's register: points by category against employment,
    additions and removals per year, and (Chongqing) each specialty with the year it was first registered."""
    st.markdown(f"**{t('portfolio.head', lang)}**")
    portfolio = panel("college_portfolio", code, lang)
    if portfolio is None:
        st.info(t("portfolio.none", lang))
        return
    year = str(portfolio["year"])
    show_chart(portfolio["shares"], key="portfolio_shares", lang=lang)
    if portfolio["changes"] is not None:
        show_chart(portfolio["changes"], key="portfolio_changes", lang=lang)
    if portfolio["specialties"] is None:
        st.caption(t("portfolio.not_cq", lang))
    else:
        st.markdown(f"**{portfolio['list_head']}**")
        st.dataframe(portfolio["specialties"], hide_index=True, width="stretch")
        st.caption(t("adjust.break_note", lang))
        source_line(["cq_specialties"], lang, year)
    source_line(portfolio["sources"], lang, year)
