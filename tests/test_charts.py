"""Chart layout rules that a reader would notice if they broke."""

from __future__ import annotations

import plotly.graph_objects as go

from vetdash import charts


def test_a_wrapped_title_gets_room_above_the_plot_for_each_line():
    one_line = charts.base_layout(go.Figure(), "重庆排名第16位")
    two_lines = charts.base_layout(
        go.Figure(), "重庆高职（专科）院校数排名：2024-06-20第18位，2025-06-20第16位", title_width=56
    )  # display width: a Chinese character counts two
    assert "<br>" not in one_line.layout.title.text and one_line.layout.margin.t == 60
    # 2 × 24 px lines, 36 px of room, and the 20 px a title of several lines is pushed down by
    assert two_lines.layout.title.text.count("<br>") == 1 and two_lines.layout.margin.t == 36 + 48 + 20


def test_rank_over_time_names_each_line_at_its_end_in_distinct_styles():
    import pandas as pd

    rows = [(p, y, r, "focus" if p == "重庆" else "peer") for p, ranks in {"重庆": (18, 17), "四川": (6, 5), "湖北": (7, 8),
            "陕西": (14, 14)}.items() for y, r in zip((2023, 2024), ranks, strict=True)]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["series", "year", "rank", "role"]).assign(hover="")
    fig = charts.bump_chart(frame, x="year", rank="rank", series="series", role="role", hover="hover", title="t", axis_title="r")
    assert not any(trace.showlegend for trace in fig.data), "lines are named where they end, not in a legend"
    labels = {a.text.replace("<b>", "").replace("</b>", ""): a for a in fig.layout.annotations}
    assert set(labels) == {"★ 重庆", "四川", "湖北", "陕西"}
    assert all(a.x == 1 for a in labels.values()), "at the last period (position 1 on the category axis)"
    assert labels["★ 重庆"].y == 17 and labels["★ 重庆"].font.color == charts.FOCUS_COLOUR
    assert labels["湖北"].y - labels["四川"].y >= 1, "labels of neighbouring ranks pushed apart, not stacked"
    peers = [t for t in fig.data if t.name != "重庆"]
    styles = {(t.line.color, t.line.dash, t.marker.symbol) for t in peers}
    assert len(styles) == len(peers), "each comparison line has its own colour, dash and marker"
    focus = next(t for t in fig.data if t.name == "重庆")
    assert focus.line.width > max(t.line.width for t in peers) and focus.marker.symbol == "star"


def test_a_province_ranking_has_a_legend_for_what_its_colours_mean():
    import pandas as pd

    frame = pd.DataFrame({"p": ["A", "★ 重庆", "B"], "v": [3, 2, 1], "role": ["peer", "focus", "other"], "h": ""})
    fig = charts.ranking_bar(frame, label="p", value="v", role="role", hover="h", title="t", axis_title="a",
                             legend={"focus": "★ 重庆", "peer": "对比省份", "other": "其他省份"})  # fmt: skip
    assert [t.name for t in fig.data if t.showlegend] == ["★ 重庆", "对比省份", "其他省份"]
    assert list(fig.layout.yaxis.categoryarray) == ["B", "★ 重庆", "A"], "still one bar per row in rank order"
    assert fig.layout.legend.yanchor == "bottom" and fig.layout.legend.y == 1, "above the plot, under the title block"


def test_the_longest_ranking_label_keeps_a_right_margin_as_wide_as_itself():
    """On a 390 px phone the plot is about 200 px wide: the longest bar's value label ("141,488.9")
    must fit in the figure's right margin rather than be cut at its edge."""
    import pandas as pd

    from vetdash import charts

    frame = pd.DataFrame({"p": ["A", "B"], "v": [141488.9, 2789.1], "r": ["other", "focus"], "h": ["", ""]})
    fig = charts.ranking_bar(frame, label="p", value="v", role="r", hover="h", title="t", axis_title="x", tick_format=",.1f")
    assert fig.layout.margin.r >= 7 * len("141,488.9")
    small = charts.ranking_bar(frame.assign(v=[0.5, 0.2]), label="p", value="v", role="r", hover="h", title="t", axis_title="x")
    assert small.layout.margin.r < fig.layout.margin.r
