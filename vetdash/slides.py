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
from vetdash.analysis.consortia import sector_counts
from vetdash.export import SlideData
from vetdash.i18n import t
from vetdash.metrics import INDICATORS, indicator_year
from vetdash.paths import PROJECT_ROOT
from vetdash.provenance import source_text
from vetdash.text import markdown_plain

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
    heading: str
    sources: list[str]
    year: str | None
    figure: go.Figure | None = None
    markdown: str = ""
    data: SlideData | None = None


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


def build_slide(data: panels.Data, view: View, lang: str, edition: str, year: int, peers: tuple[int, ...], demo: bool) -> Slide:
    """What one saved view shows on a slide."""
    params = view.params
    if view.page in ("rankings", "map"):
        key = params.get("indicator", "zhuanke")
        if key not in INDICATORS:
            key = "zhuanke"
        indicator = INDICATORS[key]
        figure, title, shown = panels.ranking_view(data, key, edition, year, peers, lang)
        if view.page == "map":
            figure = panels.national_map(data, key, edition, year, lang)
        when = indicator_year(indicator, edition, year)
        labels = shown.iloc[:, 1].tolist()
        return Slide(
            heading=_heading(view, lang, title), sources=list(indicator.datasets), year=when, figure=figure,
            data=SlideData(_heading(view, lang, title), source_text(indicator.datasets, lang, when), categories=labels,
                           series={narrative.indicator_label(key, lang): shown.iloc[:, 2].tolist()},
                           number_format="0.0%" if indicator.kind == "share" else "0.00" if indicator.kind in ("ratio", "lq") else "#,##0"),
        )  # fmt: skip
    if view.page == "consortia":
        found = panels.consortia_view(data, (), (), None, None, None, False, demo, lang)
        counts = sector_counts(found["found"])
        names = panels.category_names(data, lang)
        labels = [names.get(int(c), "") if c == c else t("consortia.unmapped", lang) for c in counts["category_code"]]
        heading = _heading(view, lang, t("consortia.title", lang))
        sources = ["consortia", "specialty_categories"]
        return Slide(
            heading=heading, sources=sources, year=None, figure=found["treemap"],
            data=SlideData(heading, source_text(sources, lang), categories=labels, series={t("consortia.count_unit", lang): counts["consortia"].tolist()}),
        )  # fmt: skip
    if view.page == "demand":
        structure = panels.industry_structure(data, year, lang)
        heading = _heading(view, lang, t("demand.title", lang))
        sources = ["province_employment_by_section", "industry_sections"]
        lq = structure["lq"].data[0]
        labels = list(lq.y)
        values = [b + x for b, x in zip([1.0] * len(lq.x), lq.x, strict=True)]
        return Slide(
            heading=heading, sources=sources, year="2024", figure=structure["lq"], markdown=structure["pillars"],
            data=SlideData(heading, source_text(sources, lang, "2024"), categories=labels[::-1], series={t("demand.lq_axis", lang): values[::-1]},
                           number_format="0.00", text=structure["pillars"]),
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
        figure, items = panels.policy_timeline(data, lang)
        heading = _heading(view, lang, t("overview.timeline_title", lang))
        return Slide(heading=heading, sources=["policy_timeline"], year=None, figure=figure, markdown=items,
                     data=SlideData(heading, source_text(["policy_timeline"], lang), text=plain(items)))  # fmt: skip
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
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown).replace("**", "")
    return markdown_plain(text).replace("  \n", "\n")
