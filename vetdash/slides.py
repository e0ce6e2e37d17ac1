"""Storylines (saved views) and the slides they make, for presentation mode, the wall and PPTX.

A storyline is YAML: a title and a list of views, each a page with its state (internal values as
bound in the URL). ``build_slide`` turns one view into what a slide shows: a heading, a figure or
text, the datasets it rests on, and the same numbers as a native-chart ``SlideData``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import yaml

from vetdash import narrative, panels
from vetdash.export import SlideData
from vetdash.i18n import t
from vetdash.metrics import INDICATORS
from vetdash.panels import Panel
from vetdash.paths import PROJECT_ROOT
from vetdash.provenance import source_text

STORYLINE_DIR = PROJECT_ROOT / "storylines"
PAGES = ("overview", "map", "rankings", "institutions", "consortia", "demand", "budgets")


class StorylineError(ValueError):
    """A storyline file that cannot be used; the message says why, in both languages."""


@dataclass(frozen=True)
class View:
    page: str
    params: dict = field(default_factory=dict)
    show: str = ""
    heading: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Storyline:
    title: dict
    views: tuple[View, ...]


@dataclass
class Slide:
    """What one saved view shows: a heading, a panel (figure and the table it plots) and/or text,
    the datasets it rests on, and the same numbers as a native-chart ``SlideData`` for the PPTX."""

    heading: str
    sources: list[str]
    year: str | None
    panel: Panel | None = None
    markdown: str = ""
    data: SlideData | None = None

    @property
    def figure(self) -> go.Figure | None:
        return self.panel.figure if self.panel is not None else None


def parse_storyline(text: str) -> Storyline:
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise StorylineError(f"YAML 无法解析 / not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("slides"), list) or not raw["slides"]:
        raise StorylineError("需要 slides 列表 / a 'slides' list is required")
    views = []
    for number, item in enumerate(raw["slides"], start=1):
        if not isinstance(item, dict) or item.get("page") not in PAGES:
            raise StorylineError(
                f"第{number}张：page 必须是 {', '.join(PAGES)} / slide {number}: page must be one of {', '.join(PAGES)}"
            )
        views.append(
            View(
                page=item["page"],
                params=dict(item.get("params") or {}),
                show=str(item.get("show") or ""),
                heading=dict(item.get("heading") or {}),
            )
        )
    title = raw.get("title") or {}
    return Storyline(title=title if isinstance(title, dict) else {"zh": str(title), "en": str(title)}, views=tuple(views))


def load_storyline(name: str) -> Storyline:
    path = STORYLINE_DIR / f"{Path(name).name}.yaml"
    if not path.is_file():
        raise StorylineError(f"没有名为 {name} 的故事线 / no storyline named {name}")
    return parse_storyline(path.read_text(encoding="utf-8"))


def storyline_yaml(story: Storyline) -> str:
    payload = {
        "title": story.title,
        "slides": [
            {
                k: v
                for k, v in {
                    "page": v.page,
                    "show": v.show or None,
                    "params": v.params or None,
                    "heading": v.heading or None,
                }.items()
                if v is not None
            }
            for v in story.views
        ],
    }
    return yaml.safe_dump(payload, allow_unicode=True, sort_keys=False)


def _heading(view: View, lang: str, fallback: str) -> str:
    return view.heading.get(lang) or fallback


def slide_data(heading: str, panel: Panel, lang: str, *, text: str = "") -> SlideData:
    """A panel's table as a native chart: categories from ``panel.category``, one series per value
    column (or, for a long table, one per ``panel.series``)."""
    table = panel.table
    if panel.series is not None:
        wide = table.pivot(index=panel.series, columns=panel.category, values=panel.values[0])
        categories = [str(c) for c in wide.columns]
        series = {str(name): wide.loc[name].tolist() for name in dict.fromkeys(table[panel.series])}
    else:
        categories = [str(c) for c in table[panel.category]]
        series = {name: table[name].tolist() for name in panel.values}
    return SlideData(
        heading, source_text(panel.sources, lang, panel.year), categories=categories, series=series,
        number_format=panel.number_format, text=text, kind=panel.kind, focus=panel.focus,
    )  # fmt: skip


def build_slide(data: panels.Data, view: View, lang: str, edition: str, year: int, peers: tuple[int, ...], demo: bool) -> Slide:
    """What one saved view shows on a slide, read from the page's panels."""
    params = view.params
    if view.page in ("rankings", "map"):
        key = params.get("indicator", "zhuanke")
        if key not in INDICATORS:
            key = "zhuanke"
        ranking = panels.ranking_view(data, key, edition, year, peers, lang)
        shown = panels.national_map(data, key, edition, year, lang) if view.page == "map" else ranking
        heading = _heading(view, lang, ranking.plain_title)
        # A map's numbers go to the PPTX as the ranked bars of the same indicator.
        return Slide(heading, list(shown.sources), shown.year, shown, data=slide_data(heading, ranking, lang))
    if view.page == "consortia":
        found = panels.consortia_view(data, (), (), None, None, None, False, demo, lang)
        treemap = found["treemap"]
        heading = _heading(view, lang, t("consortia.title", lang))
        return Slide(heading, list(treemap.sources), None, treemap, data=slide_data(heading, treemap, lang))
    if view.page == "demand":
        structure = panels.industry_structure(data, year, lang)
        lq = structure["lq"]
        heading = _heading(view, lang, t("demand.title", lang))
        return Slide(
            heading, list(lq.sources), lq.year, lq, markdown=structure["pillars"],
            data=slide_data(heading, lq, lang, text=structure["pillars"]),
        )  # fmt: skip
    if view.page == "budgets":
        vocational, _ = panels.budget_facts_markdown(data, lang)
        heading = _heading(view, lang, t("budget.title", lang))
        claim = panels.paper_claim(data, "cq_budget_rank", lang)
        text = f"{vocational}\n\n{claim}"
        sources = ["budget_facts", "college_budgets", "paper_figures"]
        return Slide(
            heading=heading,
            sources=sources,
            year=None,
            markdown=text,
            data=SlideData(heading, source_text(sources, lang), text=plain(text)),
        )
    # overview (and institutions, which has no single figure)
    if view.show == "paper":
        heading = _heading(view, lang, t("overview.paper_title", lang))
        table_md = panels.paper_table(data, lang)
        sources = ["paper_figures", "institutions", "consortia", "specialty_adjustments"]
        table = panels.paper_table_frame(data, lang)
        return Slide(
            heading=heading,
            sources=sources,
            year=None,
            markdown=table_md,
            data=SlideData(heading, source_text(sources, lang), table=table),
        )
    if view.show == "timeline":
        timeline, items = panels.policy_timeline(data, lang)
        heading = _heading(view, lang, t("overview.timeline_title", lang))
        return Slide(heading, list(timeline.sources), None, timeline, markdown=items,
                     data=SlideData(heading, source_text(timeline.sources, lang), table=timeline.table))  # fmt: skip
    cards = panels.overview_cards(data, edition, year, lang)
    heading = _heading(view, lang, t("overview.title", lang))
    summary = narrative.overview_summary(data.indicator_table(edition, year), lang, data.province_names(lang)[narrative.FOCUS])
    lines = "\n".join(
        f"- **{c['label']}**：{c['value']}（{c['rank'] or '—'}，{c['year']}）"
        if lang == "zh"
        else f"- **{c['label']}**: {c['value']} ({c['rank'] or '—'}, {c['year']})"
        for c in cards
    )
    sources = ["institutions", "province_population", "province_students", "province_gdp"]
    table = pd.DataFrame(
        {
            t("slide.col_indicator", lang): [c["label"] for c in cards],
            t("slide.col_value", lang): [c["value"] for c in cards],
            t("col.rank", lang): [c["rank"] or "—" for c in cards],
        }
    )
    return Slide(heading=heading, sources=sources, year=edition, markdown=f"{summary}\n\n{lines}",
                 data=SlideData(heading, source_text(sources, lang), table=table, text=summary))  # fmt: skip


def plain(markdown: str) -> str:
    """Markdown to plain text for PowerPoint text boxes."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return text.replace("**", "").replace("  \n", "\n")
