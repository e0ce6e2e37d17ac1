"""Storylines (saved views) and the slides they make, for presentation mode, the wall and PPTX.

A storyline is YAML: a title and a list of views, each a page with its state (internal values as
bound in the URL). ``build_slide`` turns one view into what a slide shows: a heading, a figure or
text, the datasets it rests on, and the same numbers as a native-chart ``SlideData``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from vetdash import narrative, panels, storyline
from vetdash.analysis.consortia import sector_counts
from vetdash.export import SlideData
from vetdash.i18n import t
from vetdash.metrics import INDICATORS, indicator_year
from vetdash.paths import PROJECT_ROOT
from vetdash.provenance import source_text
from vetdash.storyline import Storyline, StorylineError, View

STORYLINE_DIR = PROJECT_ROOT / "storylines"
# Storylines themselves (schema, safe parsing, links) live in vetdash.storyline.
parse_storyline = storyline.parse
storyline_yaml = storyline.dump


@dataclass
class Slide:
    heading: str
    sources: list[str]
    year: str | None
    figure: go.Figure | None = None
    markdown: str = ""
    data: SlideData | None = None


def load_storyline(name: str) -> Storyline:
    """A storyline file of storylines/ by name (checked like an upload; no path can leave the folder)."""
    path = STORYLINE_DIR / f"{Path(name).name}.yaml"
    if not path.is_file():
        raise StorylineError("missing", name=Path(name).name[:40])
    if path.stat().st_size > storyline.MAX_BYTES:
        raise StorylineError("size", kb=path.stat().st_size // 1024, limit=storyline.MAX_BYTES // 1024)
    return parse_storyline(path.read_bytes())


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
        found = panels.consortia_view(data, *storyline.consortia_filters(params), demo, lang)
        counts = sector_counts(found["found"])
        names = panels.category_names(data, lang)
        labels = [names.get(int(c), "") if c == c else t("consortia.unmapped", lang) for c in counts["category_code"]]
        heading = _heading(view, lang, t("consortia.title", lang))
        sources = ["consortia", "specialty_categories"]
        return Slide(
            heading=heading, sources=sources, year=None, figure=found[storyline.CONSORTIA_FIGURES.get(params.get("tab"), "treemap")] or found["treemap"],
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
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    return text.replace("**", "").replace("  \n", "\n")
