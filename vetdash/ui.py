"""The Streamlit edge: cached loaders, the shared sidebar, source lines, badges and widgets."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit import string_util
from streamlit.runtime.scriptrunner import get_script_run_ctx

from vetdash import catalog, charts, export, importing, memo, metrics, narrative, panels, schemas, state
from vetdash.i18n import LANGUAGES, t
from vetdash.metrics import DEFAULT_PEERS, ECONOMY_YEARS, EDITIONS, FOCUS
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


# ---- the URL: every parameter written as a code, read as a code or an old label -------------

_URL_VALUES = "_url_values"  # what each parameter last held, so a page switch can carry it on
_PAGE_SWITCHED = "_url_page_switched"
_NEW_PAGE = "_url_new_page"
_PENDING = "_url_pending"
_INVALID = object()


def begin_page(slug: str) -> None:
    """Note whether this run follows a click to another page. Streamlit drops the URL parameters
    of a page's own controls on such a click; the ones that follow the user are put back. Back and
    Forward are history navigation: then the URL says everything, absent means default."""
    ss = st.session_state
    context = get_script_run_ctx()
    history = bool(context is not None and getattr(context, "is_history_navigation", False))
    new_page = ss.get("_url_page") not in (None, slug)
    # Every URL this app writes has lang; an entry without it is the bare step the browser records
    # on a page click before the parameters are written: reached by Back, it keeps what was shown.
    bare = history and state.LANG not in st.query_params
    ss[_PAGE_SWITCHED] = "all" if bare else "sticky" if new_page and not history else None
    ss[_NEW_PAGE] = new_page
    ss["_url_page"] = slug
    drop_invalid((state.PRESENT, state.SCREEN, state.STORY, state.CYCLE))


def drop_invalid(names: Iterable[str]) -> None:
    """Remove parameters that no control draws (presentation, wall) when their value is not
    acceptable, so the URL shows what is in force."""
    for name in names:
        raw = st.query_params.get_all(name)
        if raw and state.read(name, raw) is None:
            del st.query_params[name]
            st.toast(t("url.ignored", st.session_state.get(state.LANG, "zh"), name=name), icon=":material/link_off:")


def end_page() -> None:
    """Write this run's URL changes in one update (one browser history entry, not one per control)."""
    ss = st.session_state
    ss[_PAGE_SWITCHED] = ss[_NEW_PAGE] = None
    if ss.get(_PENDING):
        wanted = url_params()
        ss.pop(_PENDING)
        if wanted != {k: st.query_params.get_all(k) for k in st.query_params}:
            st.query_params.from_dict(wanted)


def url_params() -> dict[str, list[str]]:
    """The URL's parameters as they will be at the end of this run (codes)."""
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    return {k: v for k, v in {**current, **st.session_state.get(_PENDING, {})}.items() if v}


def set_param(name: str, values: list[str]) -> None:
    """Put ``values`` (codes; empty: remove) into the URL: at the end of a whole-app run, in one
    update with every other change; at once in a fragment's rerun."""
    context = get_script_run_ctx()
    if context is not None and not context.fragment_ids_this_run:
        st.session_state.setdefault(_PENDING, {})[name] = values
    elif values:
        st.query_params[name] = values if len(values) > 1 else values[0]
    elif name in st.query_params:
        del st.query_params[name]


def _from_url(name: str, raw: list[str], options, codes, labels, accept):
    """The widget value a URL asks for: by code, else by a label shown in either language (links
    made before the codes), else _INVALID."""
    if options is None:
        value = state.read(name, raw)
        value = accept(value) if accept is not None and value is not None else value
        return _INVALID if value is None else value
    param = state.PARAMS[name]
    by_code = {(codes or {}).get(o, str(o)): o for o in options}
    by_label: dict[str, object] | None = None
    found = []
    for text in state.read_raw_label(name, raw):
        checked = state.read(name, text)
        code = state.encode(name, checked[0] if isinstance(checked, tuple) else checked)
        option = by_code.get(code[0], _INVALID) if code else _INVALID
        if option is _INVALID:
            if by_label is None:
                by_label = {str(o): o for o in options}
                for lang in LANGUAGES:
                    by_label.update({str(labels(o, lang)): o for o in options} if labels else {})
            option = by_label.get(text.strip(), _INVALID)
        if option is not _INVALID and option not in found:
            found.append(option)
    if not found:
        return _INVALID
    return found if param.many else found[-1]


def url_bound(name: str, render: Callable[..., object], options: Sequence | None = None, *, default=None,
              codes: dict | None = None, labels: Callable[[object, str], str] | None = None,
              accept: Callable[[object], object] | None = None):  # fmt: skip
    """Draw a control whose value lives in the URL parameter ``name`` as a code (state.PARAMS), the
    same in both languages. ``render(key=...)`` draws it; ``options`` are what it can hold (None
    for free values: text, a toggle, a range, a page number, checked by ``state.read`` and then
    ``accept``); ``codes`` maps an option to its code where the option is not one itself;
    ``labels(option, lang)`` is what old links carried. A link, Back/Forward or an edited URL sets
    the control; the control writes its code back; the default is left out of the URL."""
    ss = st.session_state
    remembered = ss.setdefault(_URL_VALUES, {})
    raw = st.query_params.get_all(name)
    before = remembered.get(name, default)
    # On another page than last run the URL decides (the control may hold a stale value then).
    new_page = ss.get(_NEW_PAGE, False)
    if raw:
        wanted = _from_url(name, raw, options, codes, labels, accept)
        if wanted is _INVALID:
            st.toast(t("url.ignored", ss.get(state.LANG, "zh"), name=name), icon=":material/link_off:")
            ss[name] = default
        elif wanted != before or new_page or name not in ss:
            ss[name] = wanted
    elif name in remembered and (ss.get(_PAGE_SWITCHED) == "all" or (ss.get(_PAGE_SWITCHED) and state.PARAMS[name].sticky)):
        ss[name] = remembered[name]
    elif before != default or new_page or name not in ss:
        ss[name] = default
    value = render(key=name)
    value = list(value) if isinstance(value, tuple) and state.PARAMS[name].many else value
    written = [] if value == default or value is None else state.encode(name, [(codes or {}).get(v, v) for v in value]
                                                                         if isinstance(value, list) else (codes or {}).get(value, value))  # fmt: skip
    if written != raw:
        set_param(name, written)
    remembered[name] = value
    return value


def year_range(bounds: tuple[int, int]) -> Callable[[object], list[int] | None]:
    """``accept`` for a year-range slider: two years, clamped into its bounds, in order."""

    def accept(years: object) -> list[int] | None:
        if not isinstance(years, tuple) or len(years) != 2:
            return None
        low, high = sorted(min(max(y, bounds[0]), bounds[1]) for y in years)
        return [low, high]

    return accept


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
        set_param(state.LANG, [lang])
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
    """The controls every page shares; each is kept in the URL so a copied link reproduces the view."""
    with st.sidebar:
        url_bound(state.EDITION, lambda **k: st.selectbox(t("sidebar.edition", lang), EDITIONS, help=t("sidebar.edition_help", lang), **k),
                  EDITIONS, default=EDITIONS[0])  # fmt: skip
        url_bound(state.YEAR, lambda **k: st.selectbox(t("sidebar.year", lang), ECONOMY_YEARS, help=t("sidebar.year_help", lang), **k),
                  ECONOMY_YEARS, default=ECONOMY_YEARS[0])  # fmt: skip
        labels = bilingual_province_labels()
        choices = [c for c in sorted(labels) if c != FOCUS and c < 700000]
        url_bound(
            state.PEERS,
            lambda **k: st.multiselect(t("sidebar.peers", lang), choices, format_func=labels.__getitem__, help=t("sidebar.peers_help", lang), **k),
            choices, default=list(DEFAULT_PEERS), labels=lambda code, _: labels[code],
        )  # fmt: skip
        url_bound(
            state.DEMO, lambda **k: st.toggle(t("sidebar.demo", lang), help=t("sidebar.demo_help", lang), **k), default=False
        )
    return current_view(lang)


def current_view(lang: str) -> state.ViewState:
    ss = st.session_state
    return state.ViewState(
        lang=lang,
        demo=bool(ss.get(state.DEMO, False)),
        peers=tuple(int(p) for p in ss.get(state.PEERS, DEFAULT_PEERS)),
        year=int(ss.get(state.YEAR, ECONOMY_YEARS[0])),
        edition=str(ss.get(state.EDITION, EDITIONS[0])),
    )


def indicator_picker(lang: str) -> str:
    """The province indicator shown on Map and Rankings (one URL parameter for both pages)."""
    keys = list(metrics.INDICATORS)
    return url_bound(
        state.INDICATOR, lambda **k: st.selectbox(t("control.indicator", lang), keys, format_func=lambda i: narrative.indicator_label(i, lang), **k),
        keys, default=keys[0], labels=narrative.indicator_label,
    )  # fmt: skip


def any_of(parent, label: str, options: Sequence, key: str, lang: str, *, format_func: Callable = str, in_url: bool = True,
           codes: dict | None = None, labels: Callable[[object, str], str] | None = None):  # fmt: skip
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


def section_switch(names: Sequence[str], label_key: str, lang: str, *, codes: dict | None = None) -> str:
    """Which part of a page to show, as a row of buttons kept in the URL's ``tab`` (its code).
    Only the chosen part is built; one control costs less per rerun than a tab bar, whose every
    tab is an element."""
    return choice(st, t("control.section", lang), names, state.TAB, lang, label_key=label_key, codes=codes,
                  label_visibility="collapsed")  # fmt: skip


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
    return {k: ", ".join(v) for k, v in url_params().items()}


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
