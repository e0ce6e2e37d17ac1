"""The page frame: navigation, language, the shared sidebar, the controls several pages share."""

from __future__ import annotations

import contextlib
import contextvars
import runpy
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast

import streamlit as st

from vetdash import editions, internals, metrics, narrative, state
from vetdash.i18n import LANGUAGES, t
from vetdash.metrics import DEFAULT_PEERS, FOCUS
from vetdash.paths import PROJECT_ROOT
from vetdash.ui.loaders import (
    _once_per_session,
    bilingual_province_labels,
    economy_years,
    indicator_table,
    list_editions,
    panel,
    province_names,
)
from vetdash.ui.url import LANGUAGE_SWITCHED, set_param, url_bound

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
        set_param(state.LANG, [lang])
    ss[state.LANG] = lang
    if ss.get(LANG_PICKER) != lang:
        ss[LANG_PICKER] = lang

    def pick() -> None:
        ss[state.LANG] = st.query_params[state.LANG] = ss[LANG_PICKER]
        ss[LANGUAGE_SWITCHED] = True

    st.sidebar.segmented_control(
        "语言 · Language", LANGUAGES, format_func={"zh": "中文", "en": "English"}.__getitem__, key=LANG_PICKER, required=True,
        on_change=pick,
    )  # fmt: skip
    return lang


def sidebar(lang: str) -> state.ViewState:
    """The controls every page shares; each is kept in the URL so a copied link reproduces the view."""
    with st.sidebar:
        editions_listed, years = list_editions(), economy_years()
        url_bound(state.EDITION, lambda **k: st.selectbox(t("sidebar.edition", lang), editions_listed, help=t("sidebar.edition_help", lang), **k),
                  editions_listed, default=editions_listed[0])  # fmt: skip
        url_bound(state.YEAR, lambda **k: st.selectbox(t("sidebar.year", lang), years, help=t("sidebar.year_help", lang), **k),
                  years, default=years[0])  # fmt: skip
        labels = province_names(lang)
        choices = [c for c in sorted(labels) if c != FOCUS and c < 700000]
        url_bound(
            state.PEERS,
            lambda **k: st.multiselect(t("sidebar.peers", lang), choices, format_func=labels.__getitem__, help=t("sidebar.peers_help", lang), **k),
            choices, default=list(DEFAULT_PEERS), labels=province_labels,
        )  # fmt: skip
        url_bound(
            state.DEMO, lambda **k: st.toggle(t("sidebar.demo", lang), help=t("sidebar.demo_help", lang), **k), default=False
        )
    return current_view(lang)


def province_labels(code: int, lang: str) -> tuple[str, ...]:
    """What a link may carry for a province: its name in ``lang`` and the bilingual label older links used."""
    return (province_names(lang)[code], bilingual_province_labels()[code])


def current_view(lang: str) -> state.ViewState:
    """The shared view state of this rerun from session state: ``lang``, demo mode, peers (adcodes;
    default ``metrics.DEFAULT_PEERS``), economy year and MOE edition (a valid choice of the data's
    own years and editions, the newest when none or an unknown one is chosen).
    """
    ss = st.session_state
    return state.ViewState(
        lang=lang,
        demo=bool(ss.get(state.DEMO, False)),
        peers=tuple(int(p) for p in ss.get(state.PEERS, DEFAULT_PEERS)),
        year=int(cast(int, editions.chosen(ss.get(state.YEAR), economy_years(), int))),  # one of the int options
        edition=str(editions.chosen(ss.get(state.EDITION), list_editions())),
    )


def indicator_picker(lang: str) -> str:
    """The province indicator shown on Map and Rankings (one URL parameter for both pages). Choosing
    "a 专业大类's share" adds a category control (the shared ``sector`` parameter); the key returned is
    then that category's column, e.g. ``sector_share_46``."""
    keys = list(metrics.PICKABLE)
    key = url_bound(
        state.INDICATOR, lambda **k: st.selectbox(t("control.indicator", lang), keys, format_func=lambda i: narrative.indicator_label(i, lang), **k),
        keys, default=keys[0], labels=narrative.indicator_label,
    )  # fmt: skip
    if key != metrics.SECTOR_SHARE:
        return key
    categories = panel("category_names", lang)
    codes = [c for c in categories if f"{metrics.SECTOR_SHARE_PREFIX}{c}" in metrics.INDICATORS]
    sector = url_bound(
        state.SECTOR, lambda **k: st.selectbox(t("control.sector_share_sector", lang), codes, format_func=lambda c: f"{c} {categories[c]}", **k),
        codes, default=focus_top_sector(), labels=lambda c, language: f"{c} {panel('category_names', language)[c]}",
    )  # fmt: skip
    return metrics.sector_indicator(int(sector))


def focus_top_sector() -> int:
    """Chongqing's largest 专业大类 by specialty points in the register year: the category shown first."""
    return metrics.top_sector(indicator_table(list_editions()[0], economy_years()[0]))


def any_of(parent, label: str, options: Sequence, key: str, lang: str, *, format_func: Callable = str, in_url: bool = True,
           codes: dict | None = None, labels: Callable[[Any, str], str | tuple[str, ...]] | None = None):  # fmt: skip
    """A filter keeping rows that match any chosen option; nothing chosen keeps every row. In the
    URL by code (``codes``: option -> code where the option is not one); ``labels(option, lang)``
    reads links that carried labels."""
    options = list(options)

    def render(**k):
        return parent.multiselect(label, options, format_func=format_func, placeholder=t("control.any", lang), **k)

    if not in_url:
        return render(key=key)
    return url_bound(key, render, options, default=[], codes=codes, labels=labels)


def choice(parent, label: str, options: Sequence, key: str, lang: str, *, label_key: str, codes: dict | None = None,
           **kwargs):  # fmt: skip
    """One of a few options as a row of buttons, in the URL by code; each shown as t(label_key + option)."""
    options = list(options)
    label_of = lambda o, language: t(f"{label_key}{o}", language)  # noqa: E731
    return url_bound(
        key, lambda **k: parent.segmented_control(label, options, required=True, format_func=lambda o: label_of(o, lang), **kwargs, **k),
        options, default=options[0], codes=codes, labels=label_of,
    ) or options[0]  # fmt: skip


def sector_picker(parent, lang: str) -> int | None:
    """The specialty category, shared by Consortia and Demand fit (one URL parameter, ``sector``,
    that follows the user between them)."""
    categories = panel("category_names", lang)
    return url_bound(
        state.SECTOR, lambda **k: parent.selectbox(t("col.sector", lang), list(categories), index=None, format_func=lambda c: f"{c} {categories[c]}",
                                                   placeholder=t("consortia.all_sectors", lang), **k),
        list(categories), labels=lambda c, language: f"{c} {panel('category_names', language)[c]}",
    )  # fmt: skip


def supply_pickers(parent, lang: str) -> tuple[int, str]:
    """The register year and supply scope of Demand fit (URL ``syear`` and ``supply``, as codes)."""
    years = panel("supply_years")
    default = panel("default_supply_year")
    left, right = parent.columns(2)
    year = url_bound(
        state.SUPPLY_YEAR, lambda **k: left.selectbox(t("supply.control_year", lang), years, **k), years, default=default
    )
    scopes = ["all", "zhuanke"]
    scope = url_bound(
        state.SUPPLY_SCOPE,
        lambda **k: right.selectbox(t("supply.control_scope", lang), scopes, format_func=lambda s: t(f"supply.scope.{s}", lang), **k),
        scopes, default=scopes[0], labels=lambda s, language: t(f"supply.scope.{s}", language),
    )  # fmt: skip
    return int(year), scope


# On a phone (the QR code brings meeting attendees here): a smaller page title and chart titles, so
# a finding title's lines (wrapped to fit, charts.wrap_title) and the source line stay on screen.
PHONE_CSS = """<style>
@media (max-width: 640px) {
  h1 {font-size: 1.9rem !important; line-height: 1.2 !important}
  .block-container {padding-left: 0.8rem !important; padding-right: 0.8rem !important}
  [data-testid=stPlotlyChart] .gtitle {font-size: 13px !important}
  [data-testid=stPlotlyChart] .gtitle-subtitle {font-size: 9px !important}
  [data-testid=stMarkdownContainer] table {display: block; overflow-x: auto; max-width: 100%}
}
</style>"""


def page_header(title_key: str, lang: str, view: state.ViewState) -> None:
    """A page's title (locale key ``title_key``) and, in demo mode, the demo banner."""
    st.html(PHONE_CSS)
    st.title(t(title_key, lang))
    if view.demo:
        st.warning(t("demo.banner", lang), icon=":material/science:")


def section_switch(names: Sequence[str], label_key: str, lang: str, *, codes: dict | None = None) -> str:
    """Which part of a page to show, as a row of buttons kept in the URL's ``tab`` (its code).
    Only the chosen part is built; one control costs less per rerun than a tab bar, whose every
    tab is an element."""
    return choice(st, t("control.section", lang), names, state.TAB, lang, label_key=label_key, codes=codes,
                  label_visibility="collapsed")  # fmt: skip
