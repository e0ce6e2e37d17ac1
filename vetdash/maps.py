"""Map factories on plotly's SVG geo subplot with every base layer off: no tiles, no world map,
no glyphs, no outside request; each map is fitted to its frame, so any width, export or slide
shows all of it.

Boundaries are never embedded: each trace gets the URL of a file that Streamlit serves from
static/geo/, so a rerun sends a few kilobytes instead of the geometry.
"""

from __future__ import annotations

import functools
import json

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from vetdash.charts import FOCUS_COLOUR, FONT_FAMILY, SEQUENTIAL_SCALE, base_layout
from vetdash.paths import GEO_DIR

GEO_URL = "app/static/geo/{name}.geojson"
CHINA_MAP = "china_map"
LABELS_UID = "china_map_labels"
LINE_COLOUR = "#666666"  # dashed line, frames, scale bars: readable on white and on the wall's dark ground
NO_DATA_COLOUR = "#DDDDDD"
# Under the map rather than beside it: on a phone the map then gets the whole width.
HORIZONTAL_COLORBAR = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 0, "yanchor": "top", "len": 0.5, "thickness": 10}
COLORBAR_ROOM = 64
BORDER_COLOUR = "#FFFFFF"


def geo_url(name: str) -> str:
    """The browser URL of a boundary file served from static/geo/ (``name`` without .geojson), e.g. app/static/geo/provinces.geojson."""
    return GEO_URL.format(name=name)


def _base_off(**geo: object) -> dict:
    """A geo subplot with every base layer off: nothing but our own boundaries is drawn."""
    return {"visible": False, "showframe": False, "bgcolor": "rgba(0,0,0,0)", **geo}


@functools.cache
def china_lines() -> dict:
    """The national map's lines as drawn (dashed line, inset frame, scale bars, label anchors) and
    its extent (``bbox``), from the build; a few kilobytes, read once per process."""
    return json.loads((GEO_DIR / f"{CHINA_MAP}_lines.geojson").read_text(encoding="utf-8"))


def _xy(features: list[dict]) -> tuple[list, list]:
    """Line features as one lon/lat pair of lists, parts separated by None (one trace draws all)."""
    xs: list = []
    ys: list = []
    for feature in features:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
        for part in parts:
            xs += [p[0] for p in part] + [None]
            ys += [p[1] for p in part] + [None]
    return xs, ys


def _label_texts(inset_label: str) -> list[str]:
    labels = [f for f in china_lines()["features"] if f["properties"]["kind"] in ("scale_label", "inset_label")]
    return [f"{f['properties']['km']} km" if "km" in f["properties"] else inset_label for f in labels]


def _china_overlay(inset_label: str, line_colour: str) -> list[go.Scattergeo]:
    lines = china_lines()["features"]

    def of(kind: str) -> list[dict]:
        return [f for f in lines if f["properties"]["kind"] == kind]

    dash_x, dash_y = _xy(of("maritime"))
    frame_x, frame_y = _xy(of("frame") + of("scale"))
    labels = of("scale_label") + of("inset_label")
    islands = of("island")
    return [
        # A trace with plain lon/lat comes first on purpose: plotly fetches its world map (from a CDN)
        # for a geo subplot whose first trace names locations; with this one first it fetches nothing.
        go.Scattergeo(lon=frame_x, lat=frame_y, mode="lines", line={"color": line_colour, "width": 1}, hoverinfo="skip", name=""),
        go.Scattergeo(lon=dash_x, lat=dash_y, mode="lines", line={"color": line_colour, "width": 1.6}, hoverinfo="skip", name=""),
        go.Scattergeo(
            lon=[f["geometry"]["coordinates"][0] for f in labels], lat=[f["geometry"]["coordinates"][1] for f in labels],
            mode="text", text=_label_texts(inset_label), uid=LABELS_UID,
            textposition=["middle center"] * (len(labels) - 1) + ["top left"], textfont={"size": 9, "color": line_colour},
            hoverinfo="skip", name="",
        ),
        go.Scattergeo(
            lon=[f["geometry"]["coordinates"][0] for f in islands], lat=[f["geometry"]["coordinates"][1] for f in islands],
            mode="markers", marker={"size": 2.5, "color": line_colour}, hoverinfo="skip", name="",
        ),
    ]  # fmt: skip


def province_choropleth(
    frame: pd.DataFrame,
    *,
    all_codes: list[int],
    value: str,
    hover: str,
    no_data_hover: dict[int, str],
    title: str,
    unit: str,
    focus: int,
    inset_label: str,
    midpoint: float | None = None,
    colorscale: str = SEQUENTIAL_SCALE,
    tick_format: str = "",
) -> go.Figure:
    """National map of all 34 units (grey where ``frame`` has no value), the focus outlined, the
    South China Sea islands and dashed line in the 南海诸岛 inset at the lower right, each part with
    its scale bar; ``tick_format`` formats the colour bar's numbers (d3, e.g. ".0%" for shares). Drawn from the build's projected file (see ``vetdash.build.geo.china_map``); the
    figure fits its whole extent into any frame, so every width, export and slide shows all of it."""
    url = geo_url(CHINA_MAP)
    with_values = frame.dropna(subset=[value])
    missing = [code for code in all_codes if code not in set(with_values["province_adcode"])]
    fig = go.Figure(_china_overlay(inset_label, LINE_COLOUR))
    fig.add_trace(
        go.Choropleth(
            geojson=url, featureidkey="properties.adcode", locations=missing, z=[0] * len(missing),
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
            marker={"line": {"color": BORDER_COLOUR, "width": 0.6}},
            hovertext=[no_data_hover.get(code, "") for code in missing], hoverinfo="text", name="",
        )
    )  # fmt: skip
    scale = {"zmid": midpoint} if midpoint is not None else {}
    fig.add_trace(
        go.Choropleth(
            geojson=url, featureidkey="properties.adcode", locations=with_values["province_adcode"], z=with_values[value],
            colorscale=colorscale, marker={"line": {"color": BORDER_COLOUR, "width": 0.6}, "opacity": 0.95},
            colorbar=HORIZONTAL_COLORBAR | {"title": {"text": unit, "side": "top"}, "tickformat": tick_format},
            hovertext=with_values[hover], hoverinfo="text", name="", **scale,
        )
    )  # fmt: skip
    fig.add_trace(
        go.Choropleth(
            geojson=url, featureidkey="properties.adcode", locations=[focus], z=[0],
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
            marker={"line": {"color": FOCUS_COLOUR, "width": 2.5}}, hoverinfo="skip", name="",
        )
    )  # fmt: skip
    x0, y0, x1, y1 = china_lines()["bbox"]
    # Equirectangular leaves the projected coordinates as they are; the ranges are the whole extent.
    fig.update_layout(
        geo=_base_off(projection={"type": "equirectangular"}, lonaxis={"range": [x0, x1]}, lataxis={"range": [y0, y1]}),
        showlegend=False,
    )
    base_layout(fig, title, height=620)
    # The map's own labels (the English inset name breaks with <br>), not data: back as written.
    fig.update_traces(text=_label_texts(inset_label), selector={"uid": LABELS_UID})
    fig.update_layout(margin={"b": COLORBAR_ROOM})
    return fig


def district_map(
    districts: pd.DataFrame,
    points: pd.DataFrame,
    *,
    value: str,
    hover: str,
    point_hover: str,
    point_colour: str,
    title: str,
    unit: str,
    show_scale: bool = True,
) -> go.Figure:
    """Chongqing's 38 districts shaded by ``value``, with college points on top, fitted to the
    districts so the whole municipality (the north-east included) fills any frame.

    Args: ``districts`` one row per district: adcode plus the columns ``value`` (shading from 0, in
    ``unit``) and ``hover``; ``points`` lon_gcj02, lat_gcj02 (degrees, GCJ-02) plus ``point_hover`` and
    ``point_colour`` (a CSS colour per point), may be empty. ``show_scale`` off where the shading only
    marks a district (one college's page).
    """
    # The points come first even when there are none: see _china_overlay on plotly's world map.
    located = points if not points.empty else pd.DataFrame({"lon_gcj02": [], "lat_gcj02": [], point_hover: [], point_colour: []})
    fig = go.Figure(
        go.Scattergeo(
            lon=located["lon_gcj02"], lat=located["lat_gcj02"], mode="markers",
            marker={"size": 9, "color": located[point_colour] if not points.empty else None, "opacity": 0.95,
                    "line": {"color": "#FFFFFF", "width": 0.8}},
            hovertext=located[point_hover], hoverinfo="text", name="",
        )
    )  # fmt: skip
    fig.add_trace(
        go.Choropleth(
            geojson=geo_url("cq_districts"), featureidkey="properties.adcode", locations=districts["adcode"], z=districts[value],
            colorscale=SEQUENTIAL_SCALE, zmin=0, marker={"line": {"color": "#FFFFFF", "width": 0.8}, "opacity": 0.85},
            showscale=show_scale, colorbar=HORIZONTAL_COLORBAR | {"title": {"text": unit, "side": "top"}},
            hovertext=districts[hover], hoverinfo="text", name="",
        )
    )  # fmt: skip
    fig.update_layout(
        geo=_base_off(projection={"type": "mercator"}, fitbounds="locations"),
        showlegend=False,
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    base_layout(fig, title, height=640)
    fig.update_layout(margin={"b": COLORBAR_ROOM if show_scale else 10})
    return fig


# ---- deck.gl (pydeck): what the plotly maps cannot draw ----------------------------------------

# MapLibre with a style that has one background layer and no sources: no tiles, no glyphs. With
# map_style=None Streamlit would put a Carto basemap underneath (an outside request).
BLANK_STYLE_URL = "app/static/map/blank_style.json"
CHONGQING_DECK_VIEW = {"longitude": 107.9, "latitude": 29.6, "zoom": 6.4, "pitch": 50, "bearing": -12}


def campus_columns(points: pd.DataFrame, *, height: str, colour: str, tooltip: str, metres_per_unit: float) -> pdk.Deck:
    """Each college as a column at its main campus, ``height`` × ``metres_per_unit`` tall and coloured
    by ``colour`` (an [r, g, b] list per row), over the 38 districts (from the static boundary file);
    ``tooltip`` is each row's hover text, already in the page's language and escaped for HTML."""
    districts = pdk.Layer(
        "GeoJsonLayer", id="districts", data=geo_url("cq_districts"), stroked=True, filled=True,
        get_fill_color=[222, 226, 232], get_line_color=[255, 255, 255], line_width_min_pixels=1, pickable=False,
    )  # fmt: skip
    columns = pdk.Layer(
        "ColumnLayer", id="colleges", data=points[["lon_gcj02", "lat_gcj02", height, colour, tooltip]],
        get_position=["lon_gcj02", "lat_gcj02"], get_elevation=height, elevation_scale=metres_per_unit,
        radius=2500, get_fill_color=colour, pickable=True, auto_highlight=True, extruded=True,
    )  # fmt: skip
    return pdk.Deck(
        layers=[districts, columns],
        initial_view_state=pdk.ViewState(**CHONGQING_DECK_VIEW),
        map_provider="carto",
        map_style=BLANK_STYLE_URL,
        tooltip={"html": f"{{{tooltip}}}", "style": {"fontFamily": FONT_FAMILY, "fontSize": "13px"}},
    )
