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
    assert two_lines.layout.title.text.count("<br>") == 1 and two_lines.layout.margin.t == 84
