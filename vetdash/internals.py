"""Every place the app relies on Streamlit's or plotly's private behaviour, in one module.

Each item names what it relies on (true of Streamlit 1.67 and plotly 7.1), is guarded so the app
still starts and works when an upgrade changes it (only slower or plainer), and has a guard test
in ``tests/test_internals.py`` that fails with a message naming the item. After an upgrade, run
that file first: each failure says which optimisation stopped working and where to look.

1. Emoji-check cache: Streamlit matches every non-ASCII button label against an emoji regex.
2. CSS selectors on Streamlit's DOM (``data-testid`` values, ``st-key-*`` and other classes).
3. Frozen figures: Streamlit serialises a chart through ``figure.to_dict()``.
4. plotly's JSON engine: ``plotly.io.to_json`` picks orjson when it is installed.
5. The browser protocol the load bench speaks (``bench/protocol.py``).

Streamlit is imported inside the functions that need it, so pure modules (charts) can use the
figure helpers without importing Streamlit.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import threading
from typing import Any, TypeVar, cast

import plotly.graph_objects as go
import plotly.io as pio

T = TypeVar("T")

# ---- 1. emoji-check cache ----------------------------------------------------------------------

EMOJI_CACHE_SIZE = 4096


def remember_emoji_checks() -> bool:
    """Remember ``streamlit.string_util.extract_leading_emoji``'s answers; True when in place.

    Relies on: Streamlit's button groups and alerts call ``extract_leading_icon``, which looks
    ``extract_leading_emoji`` up as a module global of ``streamlit.string_util`` on every call
    (about 85 µs a Chinese label, every rerun). The function is pure, so an LRU cache keeps its
    answers. Guard: when the function is gone or not callable nothing is patched (returns False).
    Wrapping twice is avoided, so calling this on every import is safe.
    """
    try:
        from streamlit import string_util
    except ImportError:
        return False
    check = getattr(string_util, "extract_leading_emoji", None)
    if not callable(check):
        return False
    if not hasattr(check, "cache_info"):
        string_util.extract_leading_emoji = functools.lru_cache(maxsize=EMOJI_CACHE_SIZE)(check)
    return True


# ---- 2. CSS on Streamlit's DOM -----------------------------------------------------------------

# The data-testid values our CSS targets (present in Streamlit's frontend bundle); a selector
# that no longer matches leaves the element as Streamlit draws it, so the page still works.
TEST_IDS = frozenset(
    {
        "stSidebar",
        "stExpandSidebarButton",  # was stSidebarCollapsedControl before Streamlit 1.67
        "stSidebarCollapseButton",
        "stHeader",
        "stToolbar",
        "stMain",
        "stMetricValue",
        "stMetricLabel",
        "stMetricDelta",
        "stVerticalBlock",  # the wall: gaps between its rows
        "stMarkdownContainer",  # the wall: text of a slide without a chart
    }
)
# Class names: the app root, the main column, and the st-key-<key> class a keyed container gets.
APP_ROOT = ".stApp"
MAIN_BLOCK = ".block-container"
KEY_CLASS_PREFIX = "st-key-"


def testids(*names: str) -> str:
    """A CSS selector list for Streamlit elements by test id: ``[data-testid=stSidebar],…``.

    Raises ValueError for a name not in ``TEST_IDS`` (register it, so the guard test checks it).
    """
    unknown = [n for n in names if n not in TEST_IDS]
    if unknown:
        raise ValueError(f"test ids {unknown} are not registered in vetdash.internals.TEST_IDS")
    return ",".join(f"[data-testid={n}]" for n in names)


def key_class(key: str) -> str:
    """The CSS class selector of a container made with ``key=key`` (``.st-key-slide_frame``)."""
    return f".{KEY_CLASS_PREFIX}{key}"


def css_test_ids(css: str) -> set[str]:
    """The data-testid values a CSS text targets (for the guard test and for checking new CSS)."""
    return set(re.findall(r"data-testid=[\"']?(\w+)", css))


# ---- 3. frozen figures -------------------------------------------------------------------------

# plotly's graph objects fill lazy caches on first use and are not safe to build, copy or read
# from several threads at once (plotly.py#3441; under load it raised "Invalid property" errors
# here). Sessions take turns for that work; a frozen figure is then read as a plain dict.
FIGURE_LOCK = threading.RLock()


def plain_figure_dict(fig: go.Figure) -> dict[str, Any]:
    """The figure as plotly's JSON would give it back: plain lists, str and numbers, no numpy.

    Guard: if plotly drops ``plotly.io.json.from_json_plotly`` the ordinary ``to_dict`` is used.
    """
    reader = getattr(getattr(pio, "json", None), "from_json_plotly", None)
    if reader is None:
        return go.Figure(fig).to_dict()
    return reader(pio.to_json(go.Figure(fig), validate=False))


class FrozenFigure(go.Figure):
    """A finished figure whose dict form is computed once, when it is frozen.

    Relies on: ``st.plotly_chart`` turns a figure into a dict with ``figure.to_dict()``
    (``plotly.tools.return_figure_from_figure_or_data``) and does not re-validate it, then
    serialises that dict on every rerun. For a cached figure that work (mostly encoding arrays)
    is the same each time, so the dict is kept. Guard: if Streamlit stops calling ``to_dict``, it
    serialises the figure itself, which is the same chart, only slower. Do not modify a frozen
    figure: copy it with ``go.Figure(fig)`` (holding FIGURE_LOCK) first.
    """

    def to_dict(self) -> dict:
        """The figure as a plain dict, computed on the first call and returned as is afterwards."""
        cached = getattr(self, "_frozen_dict", None)
        if cached is None:
            with FIGURE_LOCK:
                cached = plain_figure_dict(self)
                self._frozen_dict = cached
        return cached


def freeze(value: T) -> T:
    """Figures inside ``value`` (alone, in a tuple or dict, or a field of a dataclass such as a
    panel result or a slide holding one) become frozen copies; anything else is returned as is.
    The value comes back as the same type (a figure as a FrozenFigure, which is a go.Figure)."""
    return cast(T, _freeze(value))


def _freeze(value: object) -> object:
    if isinstance(value, tuple):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for item in dataclasses.fields(value):
            inner = getattr(value, item.name)
            if isinstance(inner, go.Figure) or (dataclasses.is_dataclass(inner) and not isinstance(inner, type)):
                frozen = _freeze(inner)
                if frozen is not inner:
                    changed[item.name] = frozen
        return dataclasses.replace(value, **changed) if changed else value
    if isinstance(value, go.Figure) and not isinstance(value, FrozenFigure):
        with FIGURE_LOCK:
            frozen = FrozenFigure(value)
            frozen.to_dict()
        return frozen
    return value


# ---- 4. plotly's JSON engine -------------------------------------------------------------------


def plotly_json_engine() -> str:
    """The engine ``plotly.io.to_json`` uses now: "orjson" when installed and left on "auto", else "json".

    Relies on: plotly's ``json.config.default_engine`` "auto" choosing orjson when importable
    (why orjson is in requirements.txt though nothing here imports it).
    """
    engine = pio.json.config.default_engine
    if engine != "auto":
        return engine
    try:
        import orjson  # noqa: F401
    except ImportError:
        return "json"
    return "orjson"


# ---- 5. the browser protocol the load bench speaks ---------------------------------------------

# A browser tab opens a WebSocket at STREAM_PATH with SUBPROTOCOL, sends BackMsg.rerun_script
# and reads ForwardMsgs until script_finished; the server answers HEALTH_PATH with "ok".
STREAM_PATH = "/_stcore/stream"
HEALTH_PATH = "/_stcore/health"
SUBPROTOCOL = "streamlit"
FINISHED_OK = frozenset({"FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"})
# Message fields bench/protocol.py reads or writes, by protobuf message.
PROTOCOL_FIELDS = {
    "BackMsg": ("rerun_script",),
    "ClientState": ("query_string", "page_script_hash", "page_name", "widget_states", "fragment_id"),
    "WidgetState": ("id", "string_value"),
    "ForwardMsg": ("new_session", "navigation", "page_info_changed", "delta", "script_finished"),
    "NewSession": ("page_script_hash",),
    "Navigation": ("page_script_hash",),
    "PageInfo": ("query_string",),
    "Delta": ("new_element", "fragment_id"),
    "Element": ("exception", "selectbox"),
    "Exception": ("type", "message"),
    "Selectbox": ("id", "options"),
}
# bench/pages.py keeps one script cache across AppTest runs (as the server keeps one per process)
# by replacing the class AppTest makes its cache from.
APPTEST_SCRIPT_CACHE = "streamlit.testing.v1.app_test.ScriptCache"
