"""The page frame: navigation, language, the shared sidebar, the controls several pages share."""

from __future__ import annotations

import contextlib
import contextvars
import runpy
from collections.abc import Callable, Iterator, Sequence
from typing import cast

import streamlit as st

from vetdash import editions, internals, metrics, narrative, state
from vetdash.i18n import LANGUAGES, t
from vetdash.metrics import DEFAULT_PEERS, FOCUS
from vetdash.paths import PROJECT_ROOT
from vetdash.ui.loaders import _once_per_session, bilingual_province_labels, economy_years, list_editions, panel

# Chinese labels are all non-ASCII: Streamlit's per-rerun emoji test of each is remembered.
internals.remember_emoji_checks()


LANG_PICKER = "lang_picker"


def pages(lang: str) -> list[st.Page]:
    """The navigation entries, made once per session and language (st.navigation takes the same
    objects on every run; making them resolves and checks each file again)."""
    return _once_per_session(
        f"_pages_{lang}",
        lambda: [
            st.Page(path, title=t(title, lang), icon=icon, url_path=slug, default=i == 0)
            for i, (path, title, icon, slug) in enumerate(state.PAGES)
        ],
    )


_IN_SHELL = contextvars.ContextVar("in_shell", default=False)


@contextlib.contextmanager
def shell_runs_page() -> Iterator[None]:
    """Wraps ``navigation.run()`` in app.py: the page script runs inside the shell."""
    token = _IN_SHELL.set(True)
    try:
        yield
    finally:
        _IN_SHELL.reset(token)


def page_language() -> str:
    """The language the shell (app.py) chose, read at the top of every page script.

    Until the first ``st.navigation`` call in the process, Streamlit treats an app with a pages/
    folder as an old-style multipage app and runs the requested pages/ script by itself: a fresh
    server's first request to a deep link lands here without app.py having run. The page then
    runs the shell itself, in this same script run (so a click that started the run still
    counts): app.py's ``st.navigation`` switches Streamlit to the app's own routing for every
    session from now on and runs this page inside the shell; this outer run then stops."""
    if not _IN_SHELL.get():
        runpy.run_path(str(PROJECT_ROOT / "app.py"), run_name="__main__")
        st.stop()
    return st.session_state[state.LANG]


def language() -> str:
    """中文 / English. ``lang=zh|en`` in the URL decides when a link is opened; the control writes it
    back. A page switch may drop the parameter: the session's choice then puts it back.

    (Not a URL-bound widget: a bound control with translated labels would write its label, not
    zh/en, into the URL; one plain control also costs less on every rerun than a bound pair.)"""
    ss = st.session_state
    from_url = st.query_params.get(state.LANG)
    lang = from_url if from_url in LANGUAGES else ss.get(state.LANG, LANGUAGES[0])
    if from_url != lang:
        st.query_params[state.LANG] = lang
    ss[state.LANG] = lang
    if ss.get(LANG_PICKER) != lang:
        ss[LANG_PICKER] = lang

    def pick() -> None:
        ss[state.LANG] = st.query_params[state.LANG] = ss[LANG_PICKER]

    st.sidebar.segmented_control(
        "语言 · Language", LANGUAGES, format_func={"zh": "中文", "en": "English"}.__getitem__, key=LANG_PICKER, required=True,
        on_change=pick,
    )  # fmt: skip
    return lang


def sidebar(lang: str) -> state.ViewState:
    """The controls every page shares; each is bound to the URL so a copied link reproduces the view."""
    with st.sidebar:
        st.selectbox(
            t("sidebar.edition", lang),
            list_editions(),
            key=state.EDITION,
            bind="query-params",
            help=t("sidebar.edition_help", lang),
        )
        st.selectbox(
            t("sidebar.year", lang), economy_years(), key=state.YEAR, bind="query-params", help=t("sidebar.year_help", lang)
        )
        labels = bilingual_province_labels()
        st.multiselect(
            t("sidebar.peers", lang),
            [c for c in sorted(labels) if c != FOCUS and c < 700000],
            default=list(DEFAULT_PEERS),
            format_func=labels.__getitem__,
            key=state.PEERS,
            bind="query-params",
            help=t("sidebar.peers_help", lang),
        )
        st.toggle(t("sidebar.demo", lang), key=state.DEMO, bind="query-params", help=t("sidebar.demo_help", lang))
    return current_view(lang)


def current_view(lang: str) -> state.ViewState:
    ss = st.session_state
    return state.ViewState(
        lang=lang,
        demo=bool(ss.get(state.DEMO, False)),
        peers=tuple(int(p) for p in ss.get(state.PEERS, DEFAULT_PEERS)),
        year=int(cast(int, editions.chosen(ss.get(state.YEAR), economy_years(), int))),  # one of the int options
        edition=str(editions.chosen(ss.get(state.EDITION), list_editions())),
    )


def indicator_picker(lang: str) -> str:
    """The province indicator shown on Map and Rankings (one URL parameter for both pages)."""
    return st.selectbox(
        t("control.indicator", lang), list(metrics.INDICATORS), format_func=lambda k: narrative.indicator_label(k, lang),
        key=state.INDICATOR, bind="query-params",
    )  # fmt: skip


def any_of(parent, label: str, options: Sequence, key: str, lang: str, *, format_func: Callable = str, in_url: bool = True):
    """A filter keeping rows that match any chosen option; nothing chosen keeps every row."""
    return parent.multiselect(
        label, list(options), format_func=format_func, placeholder=t("control.any", lang), key=key,
        bind="query-params" if in_url else None,
    )  # fmt: skip


def sector_picker(parent, lang: str) -> int | None:
    """The specialty category, shared by Consortia and Demand fit (one URL parameter, ``sector``)."""
    categories = panel("category_names", lang)
    return parent.selectbox(
        t("col.sector", lang), list(categories), index=None, format_func=lambda c: f"{c} {categories[c]}",
        key=state.SECTOR, bind="query-params", placeholder=t("consortia.all_sectors", lang),
    )  # fmt: skip


def supply_pickers(parent, lang: str) -> tuple[int, str]:
    """The register year and supply scope of Demand fit (URL ``syear`` and ``supply``)."""
    years = panel("supply_years")
    default = panel("default_supply_year")
    left, right = parent.columns(2)
    year = left.selectbox(
        t("supply.control_year", lang), years, index=years.index(default), key=state.SUPPLY_YEAR, bind="query-params"
    )
    # Bound by hand: the URL keeps the code (all | zhuanke), not the label, so links work in both languages.
    scopes = ["all", "zhuanke"]
    if state.SUPPLY_SCOPE not in st.session_state:
        linked = st.query_params.get(state.SUPPLY_SCOPE)
        st.session_state[state.SUPPLY_SCOPE] = linked if linked in scopes else scopes[0]
    scope = right.selectbox(
        t("supply.control_scope", lang), scopes, format_func=lambda s: t(f"supply.scope.{s}", lang), key=state.SUPPLY_SCOPE
    )
    if scope == scopes[0]:
        st.query_params.pop(state.SUPPLY_SCOPE, None)
    else:
        st.query_params[state.SUPPLY_SCOPE] = scope
    return int(year), scope


def page_header(title_key: str, lang: str, view: state.ViewState) -> None:
    st.title(t(title_key, lang))
    if view.demo:
        st.warning(t("demo.banner", lang), icon=":material/science:")


def section_switch(names: Sequence[str], label_key: str, lang: str) -> str:
    """Which part of a page to show, as a row of buttons bound to the URL's ``tab`` (the label
    shown, in the page's language). Only the chosen part is built; one control costs less per
    rerun than a tab bar, whose every tab is an element."""
    return st.segmented_control(
        t("control.section", lang), list(names), default=names[0], required=True,
        format_func=lambda name: t(f"{label_key}{name}", lang), key=state.TAB, bind="query-params",
        label_visibility="collapsed",
    ) or names[0]  # fmt: skip
