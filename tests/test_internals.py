"""Guard tests for vetdash/internals.py: each fails, naming the item, when a Streamlit or plotly
upgrade changes what the app relies on. Run this file first after an upgrade."""

from __future__ import annotations

import asyncio
import importlib
import json
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from vetdash import internals, presenting

# ---- 1. emoji-check cache ----------------------------------------------------------------------


def test_emoji_check_is_where_the_cache_expects_it():
    from streamlit import string_util

    check = getattr(string_util, "extract_leading_emoji", None)
    assert callable(check), (
        "streamlit.string_util.extract_leading_emoji is gone: internals.remember_emoji_checks now does nothing; "
        "find where Streamlit tests labels for emoji now, or drop item 1 of vetdash/internals.py"
    )


def test_emoji_check_on_labels_is_remembered_and_answers_as_before():
    from streamlit import string_util

    assert internals.remember_emoji_checks()
    remembered = string_util.extract_leading_emoji
    original = remembered.__wrapped__
    labels = ["🚨 警报", "行业分布", "中文", "English", "📈 Chart", "", "地图"]
    assert [remembered(x) for x in labels] == [original(x) for x in labels]
    hits = remembered.cache_info().hits
    remembered("行业分布")
    assert remembered.cache_info().hits == hits + 1, "a label seen before is not matched against the regex again"
    internals.remember_emoji_checks()
    assert string_util.extract_leading_emoji is remembered, "wrapping twice would stack caches"


def test_streamlits_button_labels_go_through_the_cached_check():
    from streamlit import string_util

    internals.remember_emoji_checks()
    remembered = string_util.extract_leading_emoji
    at = AppTest.from_string('import streamlit as st\nst.pills("p", ["专业布点一", "专业布点二"], key="p")\n')
    before = remembered.cache_info()
    at.run()
    at.run()
    after = remembered.cache_info()
    assert not at.exception
    assert after.hits + after.misses > before.hits + before.misses, (
        "Streamlit's button-group labels no longer call string_util.extract_leading_emoji through the module: "
        "the emoji cache (vetdash/internals.py item 1) saves nothing; remove it or follow the new call"
    )
    assert after.hits >= before.hits + 2, "the second run should answer both labels from the cache"


def test_app_still_starts_without_the_emoji_check(monkeypatch):
    from streamlit import string_util

    monkeypatch.delattr(string_util, "extract_leading_emoji")
    assert internals.remember_emoji_checks() is False


# ---- 2. CSS on Streamlit's DOM -----------------------------------------------------------------


def _frontend_bundle() -> str:
    folder = Path(streamlit.__file__).parent / "static" / "static" / "js"
    return "".join(path.read_text(encoding="utf-8", errors="replace") for path in sorted(folder.glob("*.js")))


def test_css_targets_only_registered_test_ids():
    used = internals.css_test_ids(presenting.PRESENT_CSS + presenting.WALL_CSS)
    assert used, "the presentation CSS should hide Streamlit's chrome by test id"
    assert used <= internals.TEST_IDS, f"register {sorted(used - internals.TEST_IDS)} in vetdash.internals.TEST_IDS"
    with pytest.raises(ValueError, match="not registered"):
        internals.testids("stNoSuchThing")


def test_streamlits_frontend_still_has_every_test_id_and_class_we_style():
    bundle = _frontend_bundle()
    assert len(bundle) > 1_000_000, "Streamlit's frontend bundle was not found where expected"
    quoted = set(re.findall(r"[`\"'](st[A-Za-z]+)[`\"']", bundle))
    missing = sorted(internals.TEST_IDS - quoted)
    assert missing == [], (
        f"Streamlit's frontend no longer has data-testid {missing}: the presentation / wall CSS that hides or "
        "restyles them no longer applies (vetdash/internals.py item 2; find the new test ids in the page's DOM)"
    )
    for name in (internals.APP_ROOT.lstrip("."), internals.MAIN_BLOCK.lstrip("."), internals.KEY_CLASS_PREFIX):
        assert name in bundle, f"Streamlit's frontend no longer uses the class {name!r} our CSS targets (internals item 2)"


# ---- 3. frozen figures -------------------------------------------------------------------------


def test_plotly_chart_takes_the_frozen_figures_dict():
    at = AppTest.from_string(
        "import plotly.graph_objects as go\nimport streamlit as st\nfrom vetdash import internals\n"
        "fig = internals.FrozenFigure(go.Figure(go.Bar(x=[1], y=[2])))\n"
        'fig._frozen_dict = {"data": [{"type": "bar", "x": [9], "y": [9]}], "layout": {"title": {"text": "kept"}}}\n'
        "st.plotly_chart(fig)\n"
    )
    at.run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "kept", (
        "st.plotly_chart no longer serialises a figure through figure.to_dict(): frozen figures save nothing "
        "(vetdash/internals.py item 3); charts stay correct, reruns get slower"
    )


def test_frozen_dict_is_the_figure_as_plain_json():
    fig = go.Figure(go.Bar(x=["重庆", "四川"], y=[1.5, 2]))
    frozen = internals.freeze(fig)
    assert isinstance(frozen, internals.FrozenFigure)
    assert frozen.to_dict() == json.loads(fig.to_json())
    assert internals.freeze((fig, "table"))[1] == "table"


def test_figures_still_freeze_without_plotlys_json_reader(monkeypatch):
    import plotly.io as pio

    monkeypatch.delattr(pio.json, "from_json_plotly")
    frozen = internals.freeze(go.Figure(go.Bar(x=[1], y=[2])))
    assert frozen.to_dict()["data"][0]["type"] == "bar"


# ---- 4. plotly's JSON engine -------------------------------------------------------------------


def test_plotly_serialises_with_orjson():
    assert internals.plotly_json_engine() == "orjson", (
        "plotly.io.to_json no longer picks orjson: either orjson is not installed or plotly's 'auto' engine "
        "changed; requirements.txt keeps orjson only for this (vetdash/internals.py item 4)"
    )


# ---- 5. the browser protocol the load bench speaks ---------------------------------------------


def test_protocol_messages_have_the_fields_the_bench_uses():
    from google.protobuf import descriptor_pool
    from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: F401  (registers the messages)
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    pool = descriptor_pool.Default()
    for message, fields in internals.PROTOCOL_FIELDS.items():
        known = pool.FindMessageTypeByName(message).fields_by_name
        missing = [f for f in fields if f not in known]
        assert missing == [], f"Streamlit's {message} message lost {missing}: update bench/protocol.py (internals item 5)"
    statuses = set(ForwardMsg.ScriptFinishedStatus.keys())
    assert statuses >= internals.FINISHED_OK, f"script_finished statuses are now {sorted(statuses)} (internals item 5)"


def test_apptest_script_cache_can_be_shared():
    module, _, name = internals.APPTEST_SCRIPT_CACHE.rpartition(".")
    assert hasattr(importlib.import_module(module), name), (
        f"{internals.APPTEST_SCRIPT_CACHE} is gone: bench/pages.py can no longer time reruns with the server's script "
        "cache (internals item 5)"
    )


def test_a_protocol_session_runs_the_app_on_a_live_server():
    from bench.protocol import ProtocolSession
    from tests.browser_support import app_server

    async def session(base: str) -> tuple[float, list[str]]:
        client = ProtocolSession(base)
        try:
            opened = await client.open("rankings")
            options = await client.options("indicator")
            await client.choose("indicator", options[1])
            return opened, options
        finally:
            await client.close()

    with app_server() as base:
        opened, options = asyncio.run(session(base))
    assert opened > 0 and len(options) > 2, (
        f"the bench's WebSocket session ({internals.STREAM_PATH}, subprotocol {internals.SUBPROTOCOL!r}) "
        "no longer completes a run (internals item 5)"
    )
