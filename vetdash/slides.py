"""Storylines (saved views) and the slides they make, for presentation mode, the wall and PPTX.

A storyline is YAML: a title and a list of views, each a page with its state (internal values as
bound in the URL). ``build_slide`` turns one view into what a slide shows: a heading, a figure or
text, the datasets it rests on, and the same numbers as a native-chart ``SlideData``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go

from vetdash import narrative, panels, storyline
from vetdash.deck import SlideData
from vetdash.i18n import t
from vetdash.metrics import chosen_indicator
from vetdash.panels import Panel
from vetdash.paths import PROJECT_ROOT
from vetdash.provenance import source_text
from vetdash.storyline import Storyline, StorylineError, View
from vetdash.text import markdown_plain

STORYLINE_DIR = PROJECT_ROOT / "storylines"
# Storylines themselves (schema, safe parsing, links) live in vetdash.storyline.
parse_storyline = storyline.parse
storyline_yaml = storyline.dump


@dataclass
class Slide:
    """What one saved view shows: the storyline's ``heading``, the ``title`` (the finding), a panel
    (figure and the table it plots) and/or text or headline cards, the datasets it rests on, and
    the same numbers as a native-chart ``SlideData`` for the PPTX."""

    heading: str
    sources: list[str]
    year: str | None
    panel: Panel | None = None
    markdown: str = ""
    data: SlideData | None = None
    title: str = ""
    cards: list[dict] = field(default_factory=list)

    @property
    def figure(self) -> go.Figure | None:
        """The panel's plotly figure, or None for a text or cards slide (or a panel without a figure)."""
        return self.panel.figure if self.panel is not None else None


def load_storyline(name: str) -> Storyline:
    """A storyline file of storylines/ by name (checked like an upload; no path can leave the folder).

    Raises: StorylineError ("missing") when there is no ``<name>.yaml`` there, ("size") when the file is
    over ``storyline.MAX_BYTES``, and whatever ``storyline.parse`` raises for its content.
    """
    path = STORYLINE_DIR / f"{Path(name).name}.yaml"
    if not path.is_file():
        raise StorylineError("missing", name=Path(name).name[:40])
    if path.stat().st_size > storyline.MAX_BYTES:
        raise StorylineError("size", kb=path.stat().st_size // 1024, limit=storyline.MAX_BYTES // 1024)
    return parse_storyline(path.read_bytes())


def _heading(view: View, lang: str, fallback: str) -> str:
    return view.heading.get(lang) or fallback


def slide_data(heading: str, panel: Panel, lang: str, *, text: str = "") -> SlideData:
    """A panel's table as a native chart (categories from ``panel.category``, one series per value
    column, or per ``panel.series`` for a long table) or, for timelines and matrices, as a table."""
    table = panel.table
    source = source_text(panel.sources, lang, panel.year)
    if panel.kind in ("timeline", "matrix"):
        return SlideData(panel.plain_title, source, table=table, text=text, kicker=heading)
    if panel.series is not None:
        wide = table.pivot(index=panel.series, columns=panel.category, values=panel.values[0])
        categories = [str(c) for c in wide.columns]
        series = {str(name): wide.loc[name].tolist() for name in dict.fromkeys(table[panel.series])}
    else:
        categories = [str(c) for c in table[panel.category]]
        series = {name: table[name].tolist() for name in panel.values}
    return SlideData(
        panel.plain_title, source, categories=categories, series=series, number_format=panel.number_format, text=text,
        kind=panel.kind, focus=panel.focus, kicker=heading,
    )  # fmt: skip


def _panel_slide(
    view: View, lang: str, fallback: str, panel: Panel, *, chart: Panel | None = None, text: str = "", markdown: str | None = None
) -> Slide:
    """A slide showing ``panel`` and ``text`` (on screen ``markdown`` instead, if given); the PPTX
    plots ``chart`` (the same numbers as bars, for a map)."""
    heading = _heading(view, lang, fallback)
    return Slide(
        heading, list(panel.sources), panel.year, panel, markdown=text if markdown is None else markdown,
        title=panel.plain_title,
        data=slide_data(heading, chart or panel, lang, text=plain(text)),
    )  # fmt: skip


def _codes(params: dict, name: str) -> tuple:
    value = params.get(name)
    if value is None or value == "":
        return ()
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def build_slide(data: panels.Data, view: View, lang: str, edition: str, year: int, peers: tuple[int, ...], demo: bool) -> Slide:
    """What one saved view shows on a slide, read from the page's panels; the view's own parameters
    (indicator, section, sector and the consortia filters, and edition/year/peers if saved) win."""
    params = view.params
    edition = str(params.get("edition", edition))
    year = int(params.get("year", year)) if str(params.get("year", year)).isdigit() else year
    peers = tuple(int(p) for p in _codes(params, "peers") if str(p).isdigit()) or peers
    sector = int(params["sector"]) if str(params.get("sector", "")).isdigit() else None
    tab = str(params.get("tab", ""))
    if view.page in ("rankings", "map"):
        key = chosen_indicator(params.get("indicator"), params.get("sector"), data.indicator_table(edition, year))
        ranking = panels.ranking_view(data, key, edition, year, peers, lang)
        if view.page == "map":
            return _panel_slide(
                view, lang, ranking.plain_title, panels.national_map(data, key, edition, year, lang), chart=ranking
            )
        return _panel_slide(view, lang, ranking.plain_title, ranking)
    if view.page == "consortia":
        found = panels.consortia_view(data, *storyline.consortia_filters(params), demo, lang)
        part = storyline.CONSORTIA_FIGURES.get(tab, "treemap")
        shown = found[part] or found["treemap"]
        if shown is None:
            heading = _heading(view, lang, t("consortia.title", lang))
            return Slide(heading, list(found["sources"]), None, markdown=t("consortia.empty", lang), title=heading,
                         data=SlideData(heading, source_text(found["sources"], lang), text=t("consortia.empty", lang)))  # fmt: skip
        return _panel_slide(view, lang, t("consortia.title", lang), shown)
    if view.page == "demand":
        if tab in ("fit", "adjustments"):
            syear = str(params.get("syear", ""))
            supply_year = int(syear) if syear.isdigit() else panels.default_supply_year(data)
            scope = "zhuanke" if params.get("supply") == "zhuanke" else "all"
            if tab == "fit":
                fit = panels.supply_demand_view(data, supply_year, scope, sector, lang)
                return _panel_slide(view, lang, t("demand.title", lang), fit["paired"], text=fit["paper_check"])
            adjust = panels.adjustments_view(data, supply_year, scope, peers, lang)
            return _panel_slide(view, lang, t("demand.title", lang), adjust["by_category"])
        structure = panels.industry_structure(data, year, lang)
        return _panel_slide(view, lang, t("demand.title", lang), structure["lq"], text=structure["pillars"])
    if view.page == "budgets":
        vocational, _ = panels.budget_facts_markdown(data, lang)
        heading = _heading(view, lang, t("budget.title", lang))
        claim = panels.paper_claim(data, "cq_budget_rank", lang)
        text = f"{vocational}\n\n{claim}"
        sources = ["budget_facts", "college_budgets", "paper_figures"]
        title = t("budget.facts_title", lang)
        return Slide(heading, sources, None, markdown=text, title=title,
                     data=SlideData(title, source_text(sources, lang), text=plain(text), kicker=heading))  # fmt: skip
    # overview (and institutions, which has no single figure)
    if view.show == "paper":
        heading = _heading(view, lang, t("overview.paper_title", lang))
        title = t("overview.paper_title", lang)
        sources = ["paper_figures", "institutions", "consortia", "specialty_adjustments"]
        table = panels.paper_table_frame(data, lang)
        return Slide(heading, sources, None, markdown=panels.paper_table(data, lang), title=title,
                     data=SlideData(title, source_text(sources, lang), table=table, kicker=heading))  # fmt: skip
    if view.show == "timeline":
        timeline, items = panels.policy_timeline(data, lang)
        return _panel_slide(view, lang, t("overview.timeline_title", lang), timeline, markdown=items)
    cards = panels.overview_cards(data, edition, year, lang)
    heading = _heading(view, lang, t("overview.title", lang))
    summary = narrative.overview_summary(data.indicator_table(edition, year), lang, data.province_names(lang)[narrative.FOCUS])
    sources = ["institutions", "province_population", "province_students", "province_gdp"]
    # The finding: the summary's first clause (the count and its rank); the cards carry the rest.
    title = re.split(r"；|; ", summary, maxsplit=1)[0].rstrip("。.")
    return Slide(heading, sources, edition, markdown=summary, title=title, cards=cards,
                 data=SlideData(title, source_text(sources, lang), cards=cards, kicker=heading))  # fmt: skip


def plain(markdown: str) -> str:
    """Markdown to plain text for PowerPoint text boxes."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown)
    text = re.sub(r"^- ", "• ", text, flags=re.MULTILINE)
    return markdown_plain(text.replace("**", "")).replace("  \n", "\n")
