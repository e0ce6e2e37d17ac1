"""The URL: every control's value written as a code (``state.PARAMS``), read as a code or as the
label an older link carried, and carried across page switches and browser history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from vetdash import state
from vetdash.i18n import LANGUAGES, t

_URL_VALUES = "_url_values"  # what each parameter last held, so a page switch can carry it on
_PAGE_SWITCHED = "_url_page_switched"
_NEW_PAGE = "_url_new_page"
_PENDING = "_url_pending"
# Set by the language control: in the run after a switch the URL holds every value (only lang
# changed), while Streamlit may have reset a control whose label changed with the language.
LANGUAGE_SWITCHED = "_url_language_switched"
_INVALID = object()
SHARE_PANEL = "share_panel"  # the share panel's expander key (presenting.share_panel): open, it shows the link


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


def tell(key: str, name: str, *, icon: str, **values: object) -> None:
    """A notice about the link's parameter ``name``, named as the visitor knows it (``url.param.<name>``),
    in their language; kept on screen about ten seconds, so a phone's user sees it."""
    lang = st.session_state.get(state.LANG, "zh")
    st.toast(t(key, lang, what=t(f"url.param.{name}", lang), **values), icon=icon, duration="long")


def drop_invalid(names: Iterable[str]) -> None:
    """Remove parameters that no control draws (presentation, wall) when their value is not
    acceptable, so the URL shows what is in force."""
    for name in names:
        raw = st.query_params.get_all(name)
        if raw and state.read(name, raw) is None:
            del st.query_params[name]
            tell("url.ignored", name, icon=":material/link_off:")


def end_page() -> None:
    """Write this run's URL changes in one update (one browser history entry, not one per control)."""
    ss = st.session_state
    ss[_PAGE_SWITCHED] = ss[_NEW_PAGE] = ss[LANGUAGE_SWITCHED] = None
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
    else:
        if values:
            st.query_params[name] = values if len(values) > 1 else values[0]
        elif name in st.query_params:
            del st.query_params[name]
        if st.session_state.get(SHARE_PANEL):
            # The open share panel (outside the page's fragment) shows this view's link: redraw it.
            st.rerun(scope="app")


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
                    for o in options if labels else ():
                        shown = labels(o, lang)
                        by_label.update({str(s): o for s in (shown if isinstance(shown, tuple) else (shown,))})
            option = by_label.get(text.strip(), _INVALID)
        if option is not _INVALID and option not in found:
            found.append(option)
    if not found:
        return _INVALID
    return found if param.many else found[-1]


def _cut(name: str, raw: list[str]) -> bool:
    """Whether the free text a link carries for ``name`` is longer than the control keeps."""
    param = state.PARAMS[name]
    return param.kind == "text" and bool(raw) and len(raw[-1].strip()) > param.length


def url_bound(name: str, render: Callable[..., object], options: Sequence | None = None, *, default=None,
              codes: dict | None = None, labels: Callable[[Any, str], str | tuple[str, ...]] | None = None,
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
            tell("url.ignored", name, icon=":material/link_off:")
            ss[name] = default
        elif wanted != before or new_page or name not in ss or ss.get(LANGUAGE_SWITCHED):
            ss[name] = wanted
        if wanted is not _INVALID and _cut(name, raw):
            tell("url.cut", name, icon=":material/content_cut:", length=state.PARAMS[name].length)
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
