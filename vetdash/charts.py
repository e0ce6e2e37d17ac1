"""Figure factories, one per chart type. Pages pass data and labels; they never assemble traces.

Colours follow the Okabe–Ito palette (safe for the common colour-vision deficiencies), and the
focus province is marked by more than colour: a star in its label and a hatched bar.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from vetdash import internals
from vetdash.text import plot_literal

FOCUS_COLOUR = "#D55E00"  # vermillion
PEER_COLOUR = "#0072B2"  # blue
OTHER_COLOUR = "#B8B8B8"
POSITIVE_COLOUR = "#0072B2"
NEGATIVE_COLOUR = "#E69F00"  # orange: pairs with blue for deuteranopia
SEQUENTIAL_SCALE = "YlGnBu"
DIVERGING_SCALE = "PuOr_r"
FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
FOCUS_MARK = "★ "
EMPTY_TEMPLATE = go.layout.Template()
CATEGORICAL = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#F0E442", "#999999"]
TILE_COLOURS = [c for c in CATEGORICAL if c != "#D55E00"]  # vermillion marks Chongqing only


# Figures frozen for cached panels, and the lock plotly's graph objects need across sessions,
# live with the other reliances on library internals (vetdash/internals.py).
FIGURE_LOCK = internals.FIGURE_LOCK
FrozenFigure = internals.FrozenFigure
freeze = internals.freeze


def variant(fig: go.Figure, key: object, restyle: Callable[[go.Figure], go.Figure]) -> go.Figure:
    """A restyled copy of a figure (``restyle`` gets a copy it may change), made once per ``key``
    and kept on the figure itself, so it lives exactly as long as the cached figure."""
    variants = getattr(fig, "_variants", None)
    if variants is None:
        variants = {}
        fig._variants = variants
    if key in variants:
        return variants[key]
    with FIGURE_LOCK:
        made = freeze(restyle(go.Figure(fig)))
        variants[key] = made
        return made


def _display_width(text: str) -> int:
    """Width in Latin characters: a Chinese character (or full-width sign) takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def wrap_title(title: str, width: int = 44) -> str:
    """Break a long finding title onto lines of at most ``width`` Latin characters (a Chinese one
    counts two), so a line fits a phone as well (plotly does not wrap titles itself); the title is
    text, each line is escaped for plotly."""
    if _display_width(title) <= width:
        return plot_literal(title)
    fits = 0
    while fits < len(title) and _display_width(title[: fits + 1]) <= width:
        fits += 1
    cut = max(title.rfind(sep, 0, fits) for sep in (" ", "，", "；", ":", "：", "、", "（"))
    cut = (cut if title[cut] == "（" else cut + 1) if cut > fits // 2 else fits
    return plot_literal(title[:cut].rstrip()) + "<br>" + wrap_title(title[cut:].lstrip(), width)


# Trace fields that carry data text (category labels, series names); hover texts are composed by
# the panels, which escape the data they put in.
DATA_TEXT_FIELDS = ("x", "y", "labels", "parents", "name", "legendgroup", "text")


def _literal(values: Any) -> Any:
    if isinstance(values, str):
        return plot_literal(values)
    sequence = isinstance(values, (tuple, list)) or getattr(getattr(values, "dtype", None), "kind", "") == "O"
    if sequence and any(isinstance(v, str) for v in values):
        return [plot_literal(v) for v in values]
    return values  # numbers and dates


def data_as_text(fig: go.Figure) -> go.Figure:
    """Escape every data text in the figure's traces (and the category orders that name them),
    so that a name such as ``<a href=…>`` or ``$x$`` is shown as written."""
    for trace in fig.data:
        for field in DATA_TEXT_FIELDS:
            if field in trace and trace[field] is not None:
                trace[field] = _literal(trace[field])
    for axis in ("xaxis", "yaxis"):
        order = fig.layout[axis].categoryarray
        if order is not None:
            fig.layout[axis].categoryarray = _literal(order)
    return fig


TITLE_LINE_PX = 24  # one line of the 18 px title


TOP_LEGEND_PX = 30  # a one-row legend between the title block and the plot
MULTILINE_TITLE_DROP = 20  # px, whatever the number of lines


def base_layout(
    fig: go.Figure, title: str, *, height: int = 480, title_width: int = 50, top_legend: bool = False, right: int = 10
) -> go.Figure:
    """The house layout, and the data text of the figure escaped (``data_as_text``). The title
    hangs from the top of the figure; a ``top_legend`` gets its own row under the title block."""
    data_as_text(fig)
    wrapped = wrap_title(title, title_width)
    lines = wrapped.count("<br>") + 1
    # plotly hangs a title of several lines about half a line too high: pushed down, and room kept.
    drop = 0 if lines == 1 else MULTILINE_TITLE_DROP
    fig.update_layout(
        # An empty template: plotly's default one is most of the JSON sent on every rerun, and
        # Streamlit's theme styles the chart in the browser anyway.
        template=EMPTY_TEMPLATE,
        title={
            "text": wrapped,
            "x": 0,
            "xanchor": "left",
            "font": {"size": 18},
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10 + drop},
        },
        font={"family": FONT_FAMILY, "size": 13},
        height=height,
        # Room above the plot for every line of the title, so a wrapped title (and the source
        # subtitle added under it, and a legend) never sits on the data.
        margin={
            "l": 10,
            "r": right,
            "b": 10,
            "t": 36 + drop + TITLE_LINE_PX * lines + (TOP_LEGEND_PX if top_legend else 0),
        },
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"family": FONT_FAMILY}},
    )
    if top_legend:
        fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom", "yref": "paper"})
    return fig


def add_watermark(fig: go.Figure, text: str) -> go.Figure:
    """Demo-data mark across the plot; also lands in every PNG export."""
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        textangle=-20,
        font={"size": 56, "color": "rgba(213, 94, 0, 0.18)"},
    )
    return fig


def ranking_bar(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    role: str,
    hover: str,
    title: str,
    axis_title: str,
    tick_format: str = ",",
    legend: dict[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars in rank order, the first row of ``frame`` at the top.

    Args: ``frame`` sorted best first, one row per bar; the column names ``label`` (bar name),
    ``value`` (bar length, in the unit ``axis_title`` names, drawn with ``tick_format``), ``role``
    (focus | peer | other: vermillion hatched, blue, grey) and ``hover`` (text shown on hover).
    ``legend`` names what each role's colour stands for (e.g. Chongqing, comparison provinces); with
    it, rows of any other role are not drawn.
    Returns: the figure in the house layout, 22 px a bar.
    """
    ordered = frame.iloc[::-1]
    fig = go.Figure()
    groups = [("all", ordered)] if not legend else [(r, ordered[ordered[role] == r]) for r in ("focus", "peer", "other")]
    for group, rows in groups:
        if rows.empty:
            continue
        colours = rows[role].map({"focus": FOCUS_COLOUR, "peer": PEER_COLOUR}).fillna(OTHER_COLOUR)
        patterns = rows[role].map({"focus": "/"}).fillna("")
        fig.add_trace(
            go.Bar(
                x=rows[value], y=rows[label], orientation="h", name=(legend or {}).get(group, ""), showlegend=bool(legend),
                marker={"color": colours.tolist(), "pattern": {"shape": patterns.tolist(), "fgcolor": "white", "size": 6, "fillmode": "overlay"}},
                hovertext=rows[hover], hoverinfo="text", texttemplate="%{x:" + tick_format + "}", textposition="outside",
                cliponaxis=False,
            )
        )  # fmt: skip
    fig.update_xaxes(title=axis_title, tickformat=tick_format, gridcolor="#EEEEEE")
    if len(frame) and frame[value].min() >= 0:  # room for the longest bar's value label on a phone
        fig.update_xaxes(range=[0, float(frame[value].max()) * 1.18])
    # One bar per row, in rank order, however many traces carry them.
    fig.update_yaxes(tickfont={"size": 12}, automargin=True, categoryorder="array", categoryarray=ordered[label].tolist())
    fig.update_layout(barmode="overlay", legend={"traceorder": "normal"})
    # The longest bar's label may reach past the plot on a phone's narrow plot: a right margin as wide
    # as that label (about 7 px a character of the 13 px font) keeps it on the figure.
    widest = max((len(f"{abs(float(v)):,.1f}") for v in frame[value].dropna()), default=0)
    return base_layout(
        fig, title, height=max(420, 22 * len(frame) + 90) + (TOP_LEGEND_PX if legend else 0), top_legend=bool(legend),
        right=10 + 7 * widest,
    )  # fmt: skip


LINE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
LINE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "triangle-down")


def bump_chart(
    frame: pd.DataFrame, *, x: str, rank: str, series: str, role: str, hover: str, title: str, axis_title: str
) -> go.Figure:
    """Rank over time, one line per series, rank 1 at the top.

    Args: ``frame`` long, one row per series and period: columns ``x`` (period, shown as a category),
    ``rank`` (int, 1 = best), ``series`` (line name), ``role`` (focus marks the focus line), ``hover``.
    Each line is named at its end (no legend to match against); the comparison lines differ in colour,
    dash and marker, and the focus line is thick, vermillion and starred.
    """
    fig = go.Figure()
    palette = [c for c in CATEGORICAL if c not in (FOCUS_COLOUR, "#F0E442")]  # yellow is unreadable on white
    periods = sorted(dict.fromkeys(frame[x].astype(str)))
    ends = []
    for index, (name, rows) in enumerate(frame.groupby(series, sort=False)):
        focus = rows[role].iloc[0] == "focus"
        colour = FOCUS_COLOUR if focus else palette[index % len(palette)]
        fig.add_trace(
            go.Scatter(
                x=rows[x].astype(str), y=rows[rank], mode="lines+markers", name=str(name), showlegend=False,
                line={"color": colour, "width": 4 if focus else 1.8, "dash": "solid" if focus else LINE_DASHES[index % len(LINE_DASHES)]},
                marker={"size": 12 if focus else 7, "symbol": "star" if focus else LINE_SYMBOLS[index % len(LINE_SYMBOLS)], "color": colour},
                hovertext=rows[hover], hoverinfo="text",
            )
        )  # fmt: skip
        last = rows.iloc[-1]
        # On a category axis an annotation's x is the category's position, not its name.
        ends.append((float(last[rank]), (FOCUS_MARK if focus else "") + str(name), colour, focus, periods.index(str(last[x]))))
    worst = int(frame[rank].max())
    height = 540
    plot_height = height - 150  # about: the title block, the axis and its labels
    gap = 14 / max(plot_height / max(worst, 1), 1)  # one label's height, in ranks
    placed = -1e9
    for end_rank, label, colour, focus, at in sorted(ends):
        placed = max(end_rank, placed + gap)  # push a label down rather than over its neighbour
        fig.add_annotation(
            x=at, y=placed, text=f"<b>{plot_literal(label)}</b>" if focus else plot_literal(label), showarrow=False, xanchor="left", xshift=10,
            font={"color": colour, "size": 13 if focus else 12}, yshift=0,
        )  # fmt: skip
    fig.update_yaxes(range=[max(worst, placed) + 0.7, 0.5], title=axis_title, dtick=1 if worst <= 12 else 2, gridcolor="#EEEEEE")
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=periods)
    longest = max(len(label) for _, label, *_ in ends)
    return base_layout(fig, title, height=height, title_width=40, right=20 + 8 * longest)


CATEGORY_WIDTH = 28  # Latin characters a line (Chinese count two): long bar labels wrap, so a phone keeps room for bars


def _wrap_categories(fig: go.Figure, labels: pd.Series) -> int:
    """Show long category labels of a horizontal bar chart on two or more lines (the data keep
    them whole); returns the pixels a bar row needs."""
    shown = [wrap_title(str(label), CATEGORY_WIDTH) for label in labels]
    # the values as base_layout escapes the data (data_as_text), so each tick finds its bar
    fig.update_yaxes(automargin=True, tickmode="array", tickvals=_literal(list(labels)), ticktext=shown)
    lines = max((s.count("<br>") + 1 for s in shown), default=1)
    return 24 if lines == 1 else 12 + 15 * lines  # a wrapped label's lines must not reach the next row


def diverging_bar(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    midpoint: float,
    hover: str,
    title: str,
    axis_title: str,
    tick_format: str = ".2f",
) -> go.Figure:
    """Bars that start at ``midpoint`` (e.g. LQ 1.0, or a gap of 0), coloured by side.

    Args: ``frame`` one row per bar: columns ``label``, ``value`` (drawn with ``tick_format``) and
    ``hover``; bars are sorted by value, the largest at the top. Long labels wrap.
    """
    ordered = frame.sort_values(value)
    above = ordered[value] >= midpoint
    fig = go.Figure(
        go.Bar(
            x=ordered[value] - midpoint,
            base=midpoint,
            y=ordered[label],
            orientation="h",
            marker={"color": [POSITIVE_COLOUR if a else NEGATIVE_COLOUR for a in above]},
            hovertext=ordered[hover],
            hoverinfo="text",
            texttemplate=[f"{v:{tick_format}}" for v in ordered[value]],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.add_vline(x=midpoint, line={"color": "#333333", "width": 1})
    fig.update_xaxes(title=axis_title, gridcolor="#EEEEEE", tickformat=tick_format.replace("+", "").replace(".1%", ".0%"))
    if len(ordered):  # room at both ends for the value labels outside the bars, on a phone too
        low, high = min(float(ordered[value].min()), midpoint), max(float(ordered[value].max()), midpoint)
        pad = (high - low) * 0.14 or 0.1
        fig.update_xaxes(range=[low - (pad if low < midpoint else 0), high + (pad if high > midpoint else 0)])
    row = _wrap_categories(fig, ordered[label])
    return base_layout(fig, title, height=max(380, row * len(frame) + 170))  # + the title block and the axis


def grouped_bars(
    frame: pd.DataFrame,
    *,
    category: str,
    series: str,
    value: str,
    hover: str,
    title: str,
    axis_title: str,
    tick_format: str = ".0%",
) -> go.Figure:
    """Side-by-side horizontal bars per category (e.g. Chongqing vs national share by industry).

    Args: ``frame`` long, one row per category and series: columns ``category`` (axis labels, kept
    in first-seen order), ``series`` (one colour each, legend on top), ``value`` (``tick_format``,
    default a share) and ``hover``.
    """
    palette = CATEGORICAL
    fig = go.Figure()
    for index, (name, rows) in enumerate(frame.groupby(series, sort=False)):
        fig.add_trace(
            go.Bar(x=rows[value], y=rows[category], orientation="h", name=str(name), marker_color=palette[index % len(palette)],
                   hovertext=rows[hover], hoverinfo="text")
        )  # fmt: skip
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=axis_title, tickformat=tick_format, gridcolor="#EEEEEE")
    # category axis: labels such as years would otherwise become a numeric axis with skipped ticks
    fig.update_yaxes(autorange="reversed", type="category")
    row = _wrap_categories(fig, pd.Series(frame[category].unique())) - 4
    height = max(420, row * frame[category].nunique() * max(1, frame[series].nunique()) + 120) + TOP_LEGEND_PX
    return base_layout(fig, title, height=height, top_legend=True)


def timeline(frame: pd.DataFrame, *, date: str, label: str, group: str, hover: str, title: str, lang: str = "en") -> go.Figure:
    """Dated events on one axis, one row per group.

    Args: ``frame`` one row per event: columns ``date`` (ISO date or datetime), ``label``, ``group``
    (the row it sits on, one colour each) and ``hover``; ``lang`` 'zh' writes ticks as 2022年5月.
    """
    palette = dict(zip(frame[group].unique(), TILE_COLOURS * 3, strict=False))
    fig = go.Figure()
    for name, rows in frame.groupby(group, sort=False):
        fig.add_trace(
            go.Scatter(
                x=rows[date], y=[name] * len(rows), mode="markers", name=str(name),
                marker={"size": 16, "color": palette[name], "symbol": "diamond"},
                hovertext=rows[hover], hoverinfo="text",
            )
        )  # fmt: skip
    # The browser writes date ticks in English ("May 2022") unless told: Chinese pages read 2022年5月.
    fig.update_xaxes(type="date", gridcolor="#EEEEEE", **({"tickformat": "%Y年%-m月"} if lang == "zh" else {}))
    fig.update_layout(showlegend=False)
    return base_layout(fig, title, height=max(260, 60 * frame[group].nunique() + 120))


def treemap(frame: pd.DataFrame, *, label: str, value: str, hover: str, title: str) -> go.Figure:
    """Shares of a whole as nested rectangles (one level).

    Args: ``frame`` one row per tile: columns ``label``, ``value`` (a count or amount; tiles are sized
    by it and show it) and ``hover``.
    """
    fig = go.Figure(
        go.Treemap(
            labels=frame[label], parents=[""] * len(frame), values=frame[value], hovertext=frame[hover], hoverinfo="text",
            texttemplate="%{label}<br>%{value}", marker={"colors": (TILE_COLOURS * 4)[: len(frame)]}, branchvalues="total",
        )
    )  # fmt: skip
    # a tile too small for readable text shows none (its hover still names it)
    fig.update_layout(uniformtext={"minsize": 11, "mode": "hide"})
    return base_layout(fig, title, height=420)


def series_bars(
    frame: pd.DataFrame, *, x: str, value: str, hover: str, title: str, axis_title: str, tick_format: str = ","
) -> go.Figure:
    """A value over years as columns, labelled.

    Args: ``frame`` one row per column: ``x`` (year or period, shown as a category), ``value``
    (drawn with ``tick_format``, in the unit ``axis_title`` names) and ``hover``.
    """
    fig = go.Figure(
        go.Bar(x=frame[x].astype(str), y=frame[value], marker_color=PEER_COLOUR, hovertext=frame[hover], hoverinfo="text",
               texttemplate="%{y:" + tick_format + "}", textposition="outside", cliponaxis=False)
    )  # fmt: skip
    fig.update_yaxes(title=axis_title, tickformat=tick_format, gridcolor="#EEEEEE")
    fig.update_xaxes(type="category")
    return base_layout(fig, title, height=380)


def paired_bars(frame: pd.DataFrame, *, label: str, first: str, second: str, names: tuple[str, str], highlight: str | None,
                title: str, axis_title: str, tick_format: str = ".0%") -> go.Figure:  # fmt: skip
    """Two values per category side by side (e.g. supply share and demand share); one category can be outlined.

    Args: ``frame`` one row per category: columns ``label``, ``first`` and ``second`` (drawn in
    vermillion and blue, named by ``names``, with ``tick_format``); ``highlight`` a ``label`` value
    to outline in black, or None.
    """
    outline = [3 if highlight is not None and v == highlight else 0 for v in frame[label]]
    fig = go.Figure()
    for column, name, colour in ((first, names[0], FOCUS_COLOUR), (second, names[1], PEER_COLOUR)):
        fig.add_trace(
            go.Bar(y=frame[label], x=frame[column], name=name, orientation="h", marker={"color": colour, "line": {"width": outline, "color": "#000000"}},
                   hovertemplate="%{y}: %{x:" + tick_format + "}<extra>" + name + "</extra>")
        )  # fmt: skip
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=axis_title, tickformat=tick_format, gridcolor="#EEEEEE")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return base_layout(fig, title, height=max(460, 34 * len(frame) + 120) + TOP_LEGEND_PX, top_legend=True)


def membership_matrix(cells: pd.DataFrame, *, member: str, body: str, kind: str, title: str, hover: str) -> go.Figure:
    """Who belongs to which body: members down, bodies across, one mark per membership, coloured by role.

    Args: ``cells`` one row per membership: columns ``member``, ``body``, ``kind`` (the role: one
    colour and legend entry each) and ``hover``. Members and bodies keep their first-seen order.
    """
    members = list(dict.fromkeys(cells[member]))
    bodies = list(dict.fromkeys(cells[body]))
    fig = go.Figure()
    for index, (name, rows) in enumerate(cells.groupby(kind, sort=False)):
        fig.add_trace(
            go.Scatter(x=rows[body], y=rows[member], mode="markers", name=str(name), hovertext=rows[hover], hoverinfo="text",
                       marker={"symbol": "square", "size": 14, "color": TILE_COLOURS[index % len(TILE_COLOURS)]})
        )  # fmt: skip
    fig.update_xaxes(categoryorder="array", categoryarray=bodies, tickangle=-45, gridcolor="#EEEEEE")
    fig.update_yaxes(categoryorder="array", categoryarray=members[::-1], gridcolor="#EEEEEE", automargin=True)
    return base_layout(fig, title, height=max(420, 22 * len(members) + 260) + TOP_LEGEND_PX, top_legend=True)


ROOM_FONT = 20  # px: chart text read from the back of a meeting room (at least 18 px on a 1920×1080 screen)
ROOM_BACKGROUND = "#0b1726"
ROOM_INK = "#e8eef5"
# An inline MapLibre style with only a background layer: dark, and still no tiles or glyphs to fetch.
DARK_MAP_STYLE = {
    "version": 8,
    "sources": {},
    "layers": [{"id": "background", "type": "background", "paint": {"background-color": ROOM_BACKGROUND}}],
}


def for_room(
    fig: go.Figure,
    *,
    height: int,
    dark: bool = False,
    title: bool = False,
    font: int = ROOM_FONT,
    category_font: int | None = None,
) -> go.Figure:
    """The figure for a projector or a wall screen: every text at ``font`` px, ``height`` px tall,
    its own title dropped (the slide shows the finding) unless ``title``; ``dark`` for the wall,
    maps included (a blank dark map style, no tiles); ``category_font`` for the category labels of
    a long ranking, so that every one of them is drawn. Made once per figure and options."""

    def restyle(copy: go.Figure) -> go.Figure:
        copy.update_layout(
            height=height, font_size=font, legend_font_size=font, hoverlabel_font_size=font,
            margin={"l": 10, "r": 70, "t": 8 + (int(font * 2.6) if title else 0), "b": 10},
        )  # fmt: skip
        if title:
            copy.update_layout(title_font_size=int(font * 1.2), title_subtitle_text="")
        else:
            copy.update_layout(title_text="", title_subtitle_text="")
        copy.update_xaxes(tickfont_size=font, title_font_size=font)
        copy.update_yaxes(tickfont_size=font, title_font_size=font)
        # Value labels at full size: plotly would shrink them to the thickness of a bar.
        copy.update_traces(textfont_size=font, constraintext="none", selector={"type": "bar"})
        if category_font:
            # every category labelled: plotly's automatic ticks skip every other one when labels are long
            copy.update_yaxes(tickfont_size=category_font, tickmode="linear", dtick=1)
            copy.update_traces(textfont_size=category_font, selector={"type": "bar"})
        copy.update_traces(textfont_size=font, selector={"type": "treemap"})
        if any(trace.type == "treemap" for trace in copy.data):
            # a box too small for legible text shows none, rather than text nobody in the room can read
            copy.update_layout(uniformtext={"minsize": font, "mode": "hide"})
        # the map's own words (the 南海诸岛 inset's name and scale) are read from the back of the room too
        copy.update_traces(textfont_size=font, selector={"type": "scattergeo", "mode": "text"})
        for kind in ("choroplethmap", "choropleth"):
            copy.update_traces(colorbar={"tickfont": {"size": font}, "title": {"font": {"size": font}}}, selector={"type": kind})
        copy.update_annotations(font_size=font)
        if dark:
            copy.update_layout(paper_bgcolor=ROOM_BACKGROUND, plot_bgcolor=ROOM_BACKGROUND, font_color=ROOM_INK)
            copy.update_xaxes(gridcolor="#22364d", linecolor="#22364d")
            copy.update_yaxes(gridcolor="#22364d", linecolor="#22364d")
            if any(trace.type in ("choroplethmap", "scattermap") for trace in copy.data):
                copy.update_layout(map_style=DARK_MAP_STYLE)
                for trace in copy.data:  # borders that show on dark; the focus outline keeps its colour
                    if trace.type == "choroplethmap" and trace.marker.line.color != FOCUS_COLOUR:
                        trace.marker.line.color = "#5b7089"
        return copy

    return variant(fig, ("room", height, dark, title, font, category_font), restyle)
