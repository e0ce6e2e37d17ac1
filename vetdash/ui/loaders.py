"""Cached loaders: tables by dataset and version, the version store, names, and the panel cache."""

from __future__ import annotations

import logging
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from vetdash import catalog, charts, editions, importing, memo, metrics, narrative, panels, provenance, schemas
from vetdash.i18n import t
from vetdash.metrics import FOCUS
from vetdash.paths import PROJECT_ROOT
from vetdash.store import FileStore, SqlStore, StoreProblem, VersionStore, last_good
from vetdash.tabular import read_csv_bytes

_log = logging.getLogger(__name__)


# Tables and everything derived from them are read-only and shared by all sessions
# (vetdash.memo: no copy per rerun). Callers that change a frame copy it first.
@memo.shared(max_entries=64)
def _load(name: str, sha256: str) -> pd.DataFrame:
    return catalog.load(name)


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
def _served_version(name: str, version_id: str) -> tuple[str | None, pd.DataFrame | None, tuple[StoreProblem, ...]]:
    """What to show for ``name`` whose current version is ``version_id``: that version when it
    checks out against its sha256, else the last good one before it, else (None, None); and the
    problems met. Every read of a stored version is checked; a damaged one is never shown."""
    served, data, problems = last_good(store(), name, version_id)
    for problem in problems:
        _log.warning("data store: %s", problem.message("en"))
    if data is None or served is None:
        return None, None, tuple(problems)
    spec = importing.IMPORTABLE[name]
    return served, read_csv_bytes(data, schemas.SCHEMAS[spec.schema], f"{name}@{served[:8]}"), tuple(problems)


def _load_version(name: str, version_id: str) -> pd.DataFrame | None:
    return _served_version(name, version_id)[1]


def table(name: str) -> pd.DataFrame:
    """The current version of a dataset: the latest accepted import that checks out, else the
    registered file; a dataset that exists only once imported is empty until then.

    Returns: the columns of the dataset's model in ``vetdash.schemas``, typed; shared by every session
    (read-only: copy before changing). Raises DataValidationError for an unknown dataset name or a
    registered file that fails its checks.
    """
    meta = catalog.dataset(name)
    version = current_versions().get(name)
    if version is None and not meta.path:
        # This rerun's versions may predate an import made since (a fragment rerun on the Data page).
        version = store().current(name)
    frame = _load_version(name, version) if version is not None else None
    if frame is not None:
        return frame
    if meta.path:
        return _load(name, meta.sha256)
    return pd.DataFrame(columns=list(schemas.SCHEMAS[meta.schema].to_schema().columns) if meta.schema else [])


@memo.shared(max_entries=8, ttl=5)
def _store_report(token: tuple) -> tuple[tuple[StoreProblem, ...], tuple[tuple[str, str | None], ...]]:
    problems = list(store().problems())
    served = []
    for name, version_id in token:
        if name in importing.IMPORTABLE:
            used, _, met = _served_version(name, version_id)
            if used != version_id:
                served.append((name, used))
                problems += [p for p in met if p not in problems]
    return tuple(dict.fromkeys(problems)), tuple(served)


def store_warnings(lang: str) -> None:
    """The data store's problems, in the reader's language, with what is shown instead."""
    problems, served = _store_report(data_token())
    for problem in problems:
        title = catalog.dataset(problem.dataset).title[lang] if problem.dataset else ""
        st.warning(problem.message(lang, title), icon=":material/report:")
    for name, used in served:
        title = catalog.dataset(name).title[lang]
        if used is not None:
            st.info(t("store.served_previous", lang, dataset=title, version=used[:8]), icon=":material/history:")
        else:
            key = "store.served_builtin" if catalog.dataset(name).path else "store.served_none"
            st.info(t(key, lang, dataset=title), icon=":material/history:")


def imported_sources() -> dict[str, provenance.Imported]:
    """Datasets whose imported version is in use, with the uploader's stated source, the import's
    date and author, and the editions or years it brought (read from the data)."""
    return _imported_sources(data_token())


@memo.shared(max_entries=8)
def _imported_sources(token: tuple) -> dict[str, provenance.Imported]:
    found = {}
    for name, version_id in token:
        spec = importing.IMPORTABLE.get(name)
        if spec is None:
            continue
        served, frame, _ = _served_version(name, version_id)
        if served is None or frame is None:
            continue
        meta = store().version(name, served)
        if meta.original_name == importing.BUILTIN_FILE:
            continue  # the built-in table restored: its registered source stands
        by_part = spec.mode == importing.PART
        parts = importing.changed_parts(builtin_table(name), frame, spec) if by_part else ()
        if by_part and not parts:
            continue
        found[name] = provenance.Imported(meta.source, meta.created_at[:10], meta.author, parts, by_part)
    return found


provenance.use_imported(imported_sources)


def builtin_table(name: str) -> pd.DataFrame | None:
    """The registered (built-in) table of a dataset with its schema's columns, or None for one that
    exists only by import. Raises DataValidationError when the registered file fails its checks.
    """
    if name not in catalog.registry():
        return None
    return _load(name, catalog.dataset(name).sha256)


def table_at(name: str, version_id: str | None) -> pd.DataFrame | None:
    """A dataset as of one stored version; ``None`` means the built-in table (None if there is none)."""
    return _load_version(name, version_id) if version_id is not None else builtin_table(name)


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


def admin_password() -> str | None:
    """secrets.toml [admin] password; without it the import panel explains how to enable it."""
    return _secret("admin").get("password") or None


def admin_emails() -> frozenset[str]:
    """secrets.toml [admin] emails: who may import when signed in through the deployment's
    OpenID Connect provider (st.login, configured in [auth]); empty without [auth]."""
    if not _secret("auth"):
        return frozenset()
    return frozenset(str(e).strip().lower() for e in _secret("admin").get("emails", ()) if str(e).strip())


@memo.shared()
def province_codes() -> dict[str, int]:
    """Province name → adcode, by both the full name (重庆市) and the short one (重庆), from ``provinces``;
    what MOE lists and NBS exports name provinces by.
    """
    provinces = table("provinces")
    return {
        **dict(zip(provinces["name_zh"], provinces["adcode"].astype(int), strict=True)),
        **dict(zip(provinces["short_zh"], provinces["adcode"].astype(int), strict=True)),
    }


def import_references() -> importing.References:
    """What an import is checked against: the adcodes and the whole table of ``provinces`` and every
    institution name of the current ``institutions`` (all editions).
    """
    institutions = table("institutions")
    return importing.References(
        province_codes=frozenset(int(c) for c in table("provinces")["adcode"]),
        institution_names=frozenset(institutions["name"]),
        provinces=table("provinces"),
        sections=table("industry_sections"),
    )


def optional_table(name: str) -> pd.DataFrame | None:
    """A dataset that exists only once imported (e.g. specialty points), or None.

    Returns: the current imported version (columns of its schema), else the registered table if the
    dataset is registered, else None.
    """
    version = current_versions().get(name)
    frame = _load_version(name, version) if version is not None else None
    if frame is not None:
        return frame
    return table(name) if name in catalog.registry() else None


def indicator_table(edition: str, year: int) -> pd.DataFrame:
    """``metrics.indicator_table`` over the current tables, cached per edition, year and data version.

    Returns: province_adcode and one column per indicator of ``metrics.INDICATORS`` (31 provinces).
    """
    return _indicator_table(edition, year, data_token())


@memo.shared(max_entries=32)
def _indicator_table(edition: str, year: int, token: tuple) -> pd.DataFrame:
    names: tuple[str, ...] = (
        "institutions",
        "province_population",
        "province_students",
        "province_gdp",
        "province_employment_by_section",
    )
    names += metrics.REGISTER_TABLES
    return metrics.indicator_table({n: table(n) for n in names}, edition, year)


def overview_summary(edition: str, year: int, lang: str) -> str:
    """The overview's summary paragraph for Chongqing in ``lang`` (``narrative.overview_summary`` over
    the indicator table of ``edition`` and ``year``), cached per data version.
    """
    return _overview_summary(edition, year, lang, data_token())


@memo.shared(max_entries=64)
def _overview_summary(edition: str, year: int, lang: str, token: tuple) -> str:
    return narrative.overview_summary(indicator_table(edition, year), lang, province_names(lang)[FOCUS])


@memo.shared()
def province_names(lang: str) -> dict[int, str]:
    """Province adcode → name: short_zh (重庆) in Chinese, name_en otherwise; from ``provinces``."""
    provinces = table("provinces")
    column = "short_zh" if lang == "zh" else "name_en"
    return dict(zip(provinces["adcode"].astype(int), provinces[column], strict=True))


@memo.shared()
def district_names(lang: str) -> dict[int, str]:
    """Chongqing district adcode → name in ``lang`` (name_zh / name_en of ``cq_districts``)."""
    districts = table("cq_districts")
    return dict(zip(districts["adcode"].astype(int), districts[f"name_{lang}"], strict=True))


def district_name(adcode: object, lang: str) -> str:
    """A district's name, or a note that it is unknown (three campuses in 两江新区 span districts)."""
    if not isinstance(adcode, (int, float, np.integer, np.floating)) or pd.isna(adcode):
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
