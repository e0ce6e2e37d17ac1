"""A session that speaks the browser's WebSocket protocol to a running app, without a browser.

The server sees what it sees from a browser tab: the page request, then one BackMsg per
interaction and the ForwardMsgs of each run. Used for the load test, so twenty sessions measure
the server rather than twenty headless browsers competing with it for the same cores.
"""

from __future__ import annotations

import asyncio
import http.client
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# The protocol details relied on here are listed (and checked against each upgrade) in vetdash.internals.
from vetdash.internals import FINISHED_OK, STREAM_PATH, SUBPROTOCOL


class RunFailed(RuntimeError):
    """A run ended with an exception element or an unsuccessful status."""


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]
    fragment_id: str


@dataclass
class ProtocolSession:
    base: str
    # A loopback address of its own (127.0.0.N) makes the session look like a separate machine
    # to a proxy that routes by client address.
    source_address: str | None = None
    query_string: str = ""
    page_hash: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    received_bytes: int = 0
    _socket: object = None

    async def open(self, page: str = "") -> float:
        """Load ``page`` (its URL path) as a new tab would: the HTML, then a first run; returns ms."""
        start = time.perf_counter()
        await asyncio.to_thread(_fetch, self.base, f"/{page}", self.source_address)
        host = urlparse(self.base).netloc
        local = {"local_addr": (self.source_address, 0)} if self.source_address else {}
        self._socket = await websockets.connect(f"ws://{host}{STREAM_PATH}", subprotocols=[SUBPROTOCOL], max_size=None, **local)
        await self._run(page_name=page)
        return (time.perf_counter() - start) * 1000

    async def switch_page(self, page: str) -> float:
        start = time.perf_counter()
        self.page_hash = ""
        await self._run(page_name=page)
        return (time.perf_counter() - start) * 1000

    async def choose(self, key: str, label: str) -> float:
        """Pick ``label`` in the selectbox whose key is ``key``; returns ms to the end of the run."""
        widget = self.widget(key)
        if label not in widget.options:
            raise ValueError(f"{label!r} is not an option of {key!r}")
        start = time.perf_counter()
        await self._run(widget_id=widget.id, value=label, fragment_id=widget.fragment_id)
        return (time.perf_counter() - start) * 1000

    async def options(self, key: str) -> list[str]:
        """The labels of the selectbox ``key`` on the current page."""
        return self.widget(key).options

    def widget(self, key: str) -> Widget:
        for widget_id, widget in self.widgets.items():
            if widget_id.endswith(f"-{key}"):
                return widget
        raise KeyError(f"no widget with key {key!r} on this page")

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def _run(self, *, page_name: str = "", widget_id: str = "", value: str = "", fragment_id: str = "") -> None:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_hash
        state.page_name = page_name
        if widget_id:
            changed = state.widget_states.widgets.add()
            changed.id = widget_id
            changed.string_value = value
        if fragment_id:
            state.fragment_id = fragment_id
        await self._socket.send(message.SerializeToString())
        while True:
            payload = await asyncio.wait_for(self._socket.recv(), timeout=120)
            self.received_bytes += len(payload)
            forward = ForwardMsg()
            forward.ParseFromString(payload)
            kind = forward.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = forward.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hash = forward.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = forward.page_info_changed.query_string
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._note_element(forward.delta.new_element, forward.delta.fragment_id)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished)
                if status not in FINISHED_OK:
                    raise RunFailed(status)
                return

    def _note_element(self, element, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise RunFailed(f"{element.exception.type}: {element.exception.message[:300]}")
        if kind == "selectbox":
            box = element.selectbox
            self.widgets[box.id] = Widget(box.id, kind, list(box.options), fragment_id)


def _fetch(base: str, path: str, source_address: str | None) -> int:
    """GET the page's HTML as a browser's first request does."""
    url = urlparse(base)
    connection = http.client.HTTPConnection(
        url.hostname, url.port, timeout=60, source_address=(source_address, 0) if source_address else None
    )
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RunFailed(f"GET {path}: HTTP {response.status}")
        return len(body)
    finally:
        connection.close()
