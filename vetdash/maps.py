"""Map factories on MapLibre with a blank style: no tiles, no glyphs, no outside request.

Boundaries are never embedded: each trace and layer gets the URL of a file that Streamlit
serves from static/geo/, so a rerun sends a few kilobytes instead of the geometry.
"""

from __future__ import annotations

import functools
import json

import pandas as pd
import plotly.graph_objects as go

from vetdash.charts import FOCUS_COLOUR, FONT_FAMILY, SEQUENTIAL_SCALE, base_layout
from vetdash.paths import GEO_DIR

GEO_URL = "app/static/geo/{name}.geojson"
CHINA_MAP = "china_map"
LINE_COLOUR = "#666666"  # dashed line, frames, scale bars: readable on white and on the wall's dark ground
CHONGQING_VIEW = {"center": {"lon": 107.75, "lat": 30.1}, "zoom": 6.7}
NO_DATA_COLOUR = "#DDDDDD"
# Under the map rather than beside it: on a phone the map then gets the whole width.
HORIZONTAL_COLORBAR = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 0, "yanchor": "top", "len": 0.5, "thickness": 10}
COLORBAR_ROOM = 64
BORDER_COLOUR = "#FFFFFF"


def geo_url(name: str) -> str:
    """The browser URL of a boundary file served from static/geo/ (``name`` without .geojson), e.g. app/static/geo/provinces.geojson."""
    return GEO_URL.format(name=name)


def _map_layout(fig: go.Figure, view: dict, title: str, height: int, layers: list[dict] | None = None) -> go.Figure:
    fig.update_layout(map={"style": "white-bg", **view, "layers": layers or []})
    return base_layout(fig, title, height=height)


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
            mode="text", text=[f"{f['properties']['km']} km" if "km" in f["properties"] else inset_label for f in labels],
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
) -> go.Figure:
    """National map of all 34 units (grey where ``frame`` has no value), the focus outlined, the
    South China Sea islands and dashed line in the 南海诸岛 inset at the lower right, each part with
    its scale bar. Drawn from the build's projected file (see ``vetdash.build.geo.china_map``); the
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
            colorbar=HORIZONTAL_COLORBAR | {"title": {"text": unit, "side": "top"}},
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
) -> go.Figure:
    """Chongqing's 38 districts shaded by ``value``, with college points on top."""
    fig = go.Figure(
        go.Choroplethmap(
            geojson=geo_url("cq_districts"), featureidkey="properties.adcode", locations=districts["adcode"], z=districts[value],
            colorscale=SEQUENTIAL_SCALE, zmin=0, marker={"line": {"color": "#FFFFFF", "width": 0.8}, "opacity": 0.85},
            colorbar={"title": {"text": unit}, "thickness": 14, "len": 0.7}, hovertext=districts[hover], hoverinfo="text", name="",
        )
    )  # fmt: skip
    if not points.empty:
        fig.add_trace(
            go.Scattermap(
                lon=points["lon_gcj02"], lat=points["lat_gcj02"], mode="markers",
                marker={"size": 10, "color": points[point_colour], "opacity": 0.95},
                hovertext=points[point_hover], hoverinfo="text", name="",
            )
        )  # fmt: skip
    fig.update_layout(showlegend=False, hoverlabel={"font": {"family": FONT_FAMILY}})
    return _map_layout(fig, CHONGQING_VIEW, title, 640)
