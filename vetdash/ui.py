"""The Streamlit edge: cached loaders, the shared sidebar, source lines, badges and widgets."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit import string_util

from vetdash import catalog, charts, editions, export, importing, memo, metrics, narrative, panels, schemas, state
from vetdash.i18n import LANGUAGES, t
from vetdash.metrics import DEFAULT_PEERS, FOCUS
from vetdash.paths import PROJECT_ROOT
from vetdash.provenance import short_source, source_text, status_of
from vetdash.store import FileStore, SqlStore, VersionStore
from vetdash.tabular import read_csv_bytes


def _remember_emoji_checks() -> None:
    """Streamlit tests every non-ASCII button label (and alert text) against a large emoji regex
    on every rerun: about 85 µs a label on the benchmark machine, and Chinese labels are all
    non-ASCII. The test is a pure function of the text, so its answers are remembered."""
    check = string_util.extract_leading_emoji
    if not hasattr(check, "cache_info"):
        string_util.extract_leading_emoji = functools.lru_cache(maxsize=4096)(check)


_remember_emoji_checks()

BADGE_COLOURS = {"official": "green", "compiled": "blue", "paper": "violet", "derived": "orange", "demo": "red"}
PLOT_CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "scale": 2},
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


# ---- data -----------------------------------------------------------------------------------


# Tables and everything derived from them are read-only and shared by all sessions
# (vetdash.memo: no copy per rerun). Callers that change a frame copy it first.
@memo.shared(max_entries=64)
def _load(name: str, sha256: str) -> pd.DataFrame:
    return catalog.load(name)


# ---- imported versions ----------------------------------------------------------------------


def store() -> VersionStore:
    """Where imports are kept: secrets.toml [storage] backend = "files" (default) or "sql"."""
    settings = _secret("storage")
    return _open_store(settings.get("backend", "files"), str(settings.get("path") or PROJECT_ROOT / "data-store"))


@memo.shared()
def _open_store(backend: str, path: str) -> VersionStore:
    if backend == "sql":
        return SqlStore(st.connection("sql", type="sql").engine)
    return FileStore(path)


def _once_per_session(key: str, make: Callable[[], object]):
    """``make()`` once in this session, kept in its state under ``key``."""
    made = st.session_state.get(key)
    if made is None:
        made = make()
        st.session_state[key] = made
    return made


def _secret(section: str) -> dict:
    """A secrets.toml section, read once per session (reading it checks the secrets files on disk).
    Not shared between sessions: each session, and each test, may come with its own secrets."""

    def read() -> dict:
        try:
            return dict(st.secrets.get(section, {}))
        except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
            return {}

    return _once_per_session(f"_secret_{section}", read)


@memo.shared(max_entries=8)
def _file_currents(root: str, stamp: int) -> dict[str, str]:
    return store().currents()


@memo.shared(ttl=1)
def _shared_currents() -> dict[str, str]:
    return store().currents()


DATA_TOKEN = "_data_token"


def _read_current_versions() -> dict[str, str]:
    active = store()
    if isinstance(active, FileStore):
        return _file_currents(str(active.root), active.manifest_stamp())
    return _shared_currents()


def begin_run() -> None:
    """Read the current data versions once per rerun (a file store: one stat; a database: at most
    once a second), so every session and replica sees a new version on its next rerun."""
    st.session_state[DATA_TOKEN] = tuple(sorted(_read_current_versions().items()))


def data_token() -> tuple[tuple[str, str], ...]:
    """Part of every derived cache key: derived figures follow the data versions they rest on."""
    token = st.session_state.get(DATA_TOKEN)
    return token if token is not None else tuple(sorted(_read_current_versions().items()))


def current_versions() -> dict[str, str]:
    """Dataset -> current imported version, as read at the start of this rerun."""
    return dict(data_token())


@memo.shared(max_entries=64)
def _load_version(name: str, version_id: str) -> pd.DataFrame:
    spec = importing.IMPORTABLE[name]
    return read_csv_bytes(store().read(name, version_id), schemas.SCHEMAS[spec.schema], f"{name}@{version_id[:8]}")


def table(name: str) -> pd.DataFrame:
    """The current version of a dataset: the latest accepted import, else the registered file."""
    version = current_versions().get(name)
    if version is not None:
        return _load_version(name, version)
    meta = catalog.dataset(name)
    return _load(name, meta.sha256)


def builtin_table(name: str) -> pd.DataFrame | None:
    """The registered (built-in) table of a dataset, or None for one that exists only by import."""
    if name not in catalog.registry():
        return None
    return _load(name, catalog.dataset(name).sha256)


def table_at(name: str, version_id: str | None) -> pd.DataFrame | None:
    """A dataset as of one stored version; ``None`` means the built-in table (None if there is none)."""
    return _load_version(name, version_id) if version_id is not None else builtin_table(name)


def admin_password() -> str | None:
    """secrets.toml [admin] password; without it the import panel explains how to enable it."""
    return _secret("admin").get("password") or None


@memo.shared()
def province_codes() -> dict[str, int]:
    provinces = table("provinces")
    return {
        **dict(zip(provinces["name_zh"], provinces["adcode"].astype(int), strict=True)),
        **dict(zip(provinces["short_zh"], provinces["adcode"].astype(int), strict=True)),
    }


def import_references() -> importing.References:
    institutions = table("institutions")
    return importing.References(
        province_codes=frozenset(int(c) for c in table("provinces")["adcode"]), institution_names=frozenset(institutions["name"])
    )


def optional_table(name: str) -> pd.DataFrame | None:
    """A dataset that exists only once imported (e.g. specialty points), or None."""
    version = current_versions().get(name)
    if version is not None:
        return _load_version(name, version)
    return table(name) if name in catalog.registry() else None


def indicator_table(edition: str, year: int) -> pd.DataFrame:
    return _indicator_table(edition, year, data_token())


@memo.shared(max_entries=32)
def _indicator_table(edition: str, year: int, token: tuple) -> pd.DataFrame:
    names = ("institutions", "province_population", "province_students", "province_gdp", "province_employment_by_section")
    return metrics.indicator_table({n: table(n) for n in names}, edition, year)


def overview_summary(edition: str, year: int, lang: str) -> str:
    return _overview_summary(edition, year, lang, data_token())


@memo.shared(max_entries=64)
def _overview_summary(edition: str, year: int, lang: str, token: tuple) -> str:
    return narrative.overview_summary(indicator_table(edition, year), lang, province_names(lang)[FOCUS])


@memo.shared()
def province_names(lang: str) -> dict[int, str]:
    provinces = table("provinces")
    column = "short_zh" if lang == "zh" else "name_en"
    return dict(zip(provinces["adcode"].astype(int), provinces[column], strict=True))


@memo.shared()
def district_names(lang: str) -> dict[int, str]:
    districts = table("cq_districts")
    return dict(zip(districts["adcode"].astype(int), districts[f"name_{lang}"], strict=True))


def district_name(adcode: object, lang: str) -> str:
    """A district's name, or a note that it is unknown (three campuses in 两江新区 span districts)."""
    if adcode is None or pd.isna(adcode):
        return t("map.district_unknown", lang)
    return district_names(lang).get(int(adcode), "—")


@memo.shared()
def bilingual_province_labels() -> dict[int, str]:
    """Province labels in both languages (URL values stay the same whichever language is shown)."""
    zh, en = province_names("zh"), province_names("en")
    return {code: f"{zh[code]} {en[code]}" for code in zh}


class _CachedData:
    """The ``panels.Data`` accessor backed by this module's shared caches."""

    table = staticmethod(table)
    optional_table = staticmethod(optional_table)
    indicator_table = staticmethod(indicator_table)
    province_names = staticmethod(province_names)
    district_names = staticmethod(district_names)
    district_name = staticmethod(district_name)


DATA = _CachedData()


@memo.shared(max_entries=1024)
def _panel(name: str, token: tuple, *args: object):
    with charts.FIGURE_LOCK:
        return charts.freeze(getattr(panels, name)(DATA, *args))


def panel(name: str, *args: object):
    """A panel from vetdash.panels, built once per argument set and data version, shared by all sessions."""
    return _panel(name, data_token(), *args)


# ---- page frame -----------------------------------------------------------------------------

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
        "语言 · Language", LANGUAGES, format_func={"zh": "中文", "en": "English"}.get, key=LANG_PICKER, required=True,
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
        year=int(editions.chosen(ss.get(state.YEAR), economy_years(), int)),
        edition=str(editions.chosen(ss.get(state.EDITION), list_editions())),
    )


def list_editions() -> tuple[str, ...]:
    """MOE list editions in the data now (built-in plus imported), newest first."""
    return _list_editions(data_token())


@memo.shared(max_entries=8)
def _list_editions(token: tuple) -> tuple[str, ...]:
    return editions.list_editions(table("institutions"))


def economy_years() -> tuple[int, ...]:
    """Years of province GDP in the data now (built-in plus imported), newest first."""
    return _economy_years(data_token())


@memo.shared(max_entries=8)
def _economy_years(token: tuple) -> tuple[int, ...]:
    return editions.years(table("province_gdp"))


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


def page_header(title_key: str, lang: str, view: state.ViewState) -> None:
    st.title(t(title_key, lang))
    if view.demo:
        st.warning(t("demo.banner", lang), icon=":material/science:")


# ---- provenance -----------------------------------------------------------------------------


def badge_markdown(status: str, lang: str) -> str:
    """A status badge as Streamlit markdown, so it sits inline with the text it qualifies."""
    return f":{BADGE_COLOURS.get(status, 'gray')}-badge[{t(f'status.{status}', lang)}]"


@memo.shared(max_entries=512)
def _source_markdown(names: tuple[str, ...], lang: str, year: str | None) -> str:
    badges = " ".join(badge_markdown(status, lang) for status in dict.fromkeys(catalog.dataset(n).status for n in names))
    notes = " ".join(catalog.dataset(n).notes.get(lang, "") for n in names).strip()
    text = f"{badges} {source_text(names, lang, year)}"
    return f"{text}  \n{notes}" if notes else text


def source_line(names: Iterable[str], lang: str, year: str | None = None, *, note: str | None = None) -> None:
    """Status badges, source and year under a figure: every number on screen says where it is from.

    ``note`` (e.g. how many rows a filter found) goes on the line above, in the same element.
    """
    source = _source_markdown(tuple(dict.fromkeys(names)), lang, year)
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
) -> None:
    with st.container(border=True, width=KPI_CARD_WIDTH, height="stretch"):
        st.metric(label, value, delta=delta, delta_color="off", delta_arrow="off", help=help_text)
        parts = [badge_markdown(status, lang), t("kpi.year", lang, year=year)]
        if rank:
            parts.append(rank)
        st.caption(" · ".join(parts))


def section_switch(names: Sequence[str], label_key: str, lang: str) -> str:
    """Which part of a page to show, as a row of buttons bound to the URL's ``tab`` (the label
    shown, in the page's language). Only the chosen part is built; one control costs less per
    rerun than a tab bar, whose every tab is an element."""
    return st.segmented_control(
        t("control.section", lang), list(names), default=names[0], required=True,
        format_func=lambda name: t(f"{label_key}{name}", lang), key=state.TAB, bind="query-params",
        label_visibility="collapsed",
    ) or names[0]  # fmt: skip


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
        show_chart(location["map"], key="college_map", lang=lang, sources=["cq_colleges"])
        st.dataframe(location["campuses"], hide_index=True, width="stretch")
        source_line(["cq_colleges", "cq_campuses"], lang)
    consortia = profile["consortia"]
    st.markdown(f"**{t('institutions.consortia', lang, n=len(consortia))}**")
    if consortia.empty:
        st.caption(t("institutions.no_consortia", lang))
    else:
        st.dataframe(consortia, hide_index=True, width="stretch")
        source_line(["consortia"], lang)
    st.caption(t("institutions.budget_pending", lang))


def link_column(label: str, lang: str) -> dict:
    """column_config for a table column of source addresses: shown as a short "open" link."""
    return {label: st.column_config.LinkColumn(label, display_text=t("consortia.open_source", lang))}


def folded(label: str, key: str, *, icon: str | None = None):
    """An expander whose content is built only while it is open: closed, it costs one element
    per rerun instead of everything inside it. Returns the expander, or None when closed."""
    box = st.expander(label, key=key, icon=icon, on_change="rerun")
    return box if box.open else None


def empty_state(what_key: str, how_key: str, lang: str) -> None:
    with st.container(border=True):
        st.markdown(f"**{t(what_key, lang)}**")
        st.caption(t(how_key, lang))


def chart_variant(fig: go.Figure, sources: tuple[str, ...], year: str | None, lang: str, demo: bool) -> go.Figure:
    """The figure as shown and exported: a source subtitle and, for demo data, the watermark."""

    def restyle(copy: go.Figure) -> go.Figure:
        if sources:
            copy.update_layout(
                title_subtitle_text=short_source(sources, lang, year), title_subtitle_font={"size": 11, "color": "#666666"},
                margin_t=(copy.layout.margin.t or 60) + 24,
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
    return {k: ", ".join(st.query_params.get_all(k)) for k in st.query_params}


def show_chart(
    fig: go.Figure,
    *,
    key: str,
    lang: str,
    sources: Sequence[str] = (),
    year: str | None = None,
    demo: bool = False,
    alt_text: str | None = None,
    on_select: Callable[[], None] | None = None,
    export_numbers: bool = True,
) -> None:
    """A figure with its source in the subtitle, PNG export in its toolbar and CSV/XLSX of its numbers
    (``export_numbers=False`` where the page offers the same numbers as a table download already)."""
    sources = tuple(sources)
    shown = chart_variant(fig, sources, year, lang, demo)
    config = {**PLOT_CONFIG, "toImageButtonOptions": {"format": "png", "scale": 2, "filename": key}}
    # The finding in words is the chart's accessible name (read by screen readers, not drawn).
    alt = alt_text.replace("<br>", " ") if alt_text else None
    selection = {"on_select": on_select, "selection_mode": "points"} if on_select else {}
    st.plotly_chart(shown, key=key, config=config, width="stretch", alt=alt, **selection)
    if not export_numbers:
        return

    def numbers() -> pd.DataFrame:
        with charts.FIGURE_LOCK:
            return export.figure_table(shown)

    export_menu(key, lang, numbers, title=lambda: charts.title_text(shown), sources=sources, year=year, png_hint=True)


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
) -> None:
    """One *Export* control per chart or table. Its download buttons, and the title and filters
    they record, exist only while it is open, so a rerun with it closed costs one element."""
    popover = st.popover(
        t("export.label", lang), icon=":material/download:", key=f"{key}_export", on_change="rerun", type="tertiary"
    )
    if not popover.open:
        return
    # Read now, during the rerun: the files are made on click, on another thread.
    meta = export_meta(title(), sources, year, lang, view_filters())
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
