"""Map factories on MapLibre with a blank style: no tiles, no glyphs, no outside request.

Boundaries are never embedded: each trace and layer gets the URL of a file that Streamlit
serves from static/geo/, so a rerun sends a few kilobytes instead of the geometry.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vetdash.charts import FOCUS_COLOUR, FONT_FAMILY, SEQUENTIAL_SCALE, base_layout

GEO_URL = "app/static/geo/{name}.geojson"
CHINA_VIEW = {"center": {"lon": 104.5, "lat": 36.0}, "zoom": 3.05}
CHONGQING_VIEW = {"center": {"lon": 107.75, "lat": 30.1}, "zoom": 6.7}
NO_DATA_COLOUR = "#DDDDDD"
BORDER_COLOUR = "#FFFFFF"


def geo_url(name: str) -> str:
    """The browser URL of a boundary file served from static/geo/ (``name`` without .geojson), e.g. app/static/geo/provinces.geojson."""
    return GEO_URL.format(name=name)


def _map_layout(fig: go.Figure, view: dict, title: str, height: int, layers: list[dict] | None = None) -> go.Figure:
    fig.update_layout(map={"style": "white-bg", **view, "layers": layers or []})
    return base_layout(fig, title, height=height)


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
    midpoint: float | None = None,
    colorscale: str = SEQUENTIAL_SCALE,
) -> go.Figure:
    """National map: all units drawn (grey where ``frame`` has no value), the focus outlined, the
    South China Sea line as a layer."""
    url = geo_url("provinces")
    with_values = frame.dropna(subset=[value])
    missing = [code for code in all_codes if code not in set(with_values["province_adcode"])]
    fig = go.Figure()
    fig.add_trace(
        go.Choroplethmap(
            geojson=url, featureidkey="properties.adcode", locations=missing, z=[0] * len(missing),
            colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False,
            marker={"line": {"color": BORDER_COLOUR, "width": 0.6}},
            hovertext=[no_data_hover.get(code, "") for code in missing], hoverinfo="text", name="",
        )
    )  # fmt: skip
    scale = {"zmid": midpoint} if midpoint is not None else {}
    fig.add_trace(
        go.Choroplethmap(
            geojson=url, featureidkey="properties.adcode", locations=with_values["province_adcode"], z=with_values[value],
            colorscale=colorscale, marker={"line": {"color": BORDER_COLOUR, "width": 0.6}, "opacity": 0.95},
            colorbar={"title": {"text": unit}, "thickness": 14, "len": 0.7},
            hovertext=with_values[hover], hoverinfo="text", name="", **scale,
        )
    )  # fmt: skip
    fig.add_trace(
        go.Choroplethmap(
            geojson=url, featureidkey="properties.adcode", locations=[focus], z=[0],
            colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
            marker={"line": {"color": FOCUS_COLOUR, "width": 3}}, hoverinfo="skip", name="",
        )
    )  # fmt: skip
    layers = [{"source": geo_url("south_china_sea"), "type": "line", "color": "#555555", "line": {"width": 1.2, "dash": [3, 2]}}]
    return _map_layout(fig, CHINA_VIEW, title, 620, layers)


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
