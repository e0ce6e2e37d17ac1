"""Overview page: headline cards, institution changes, the paper's figures checked, the policy timeline."""

from __future__ import annotations

import pandas as pd

from vetdash import catalog, charts, editions, narrative
from vetdash.analysis.paper import paper_checks
from vetdash.i18n import format_percent, t
from vetdash.metrics import FOCUS, INDICATORS, REGISTER_YEAR, Indicator, indicator_year
from vetdash.panels.common import Data, Panel, institution_changes, markdown_table, newest_edition
from vetdash.text import markdown_literal, plot_literal


def overview_cards(data: Data, edition: str, year: int, lang: str) -> list[dict]:
    """The overview's KPI cards for the focus province: value, rank, year, status and a detail line."""
    table = data.indicator_table(edition, year)
    row = table.loc[table["province_adcode"] == FOCUS].iloc[0]
    ranks = narrative.focus_ranks(table)
    details = {
        "zhuanke": t("overview.public_private", lang, public=int(row["zhuanke_public"]), private=int(row["zhuanke_private"])),
        "vocational_entrants": t(
            "overview.share_of_national",
            lang,
            share=format_percent(row["vocational_entrants"] / table["vocational_entrants"].sum(), lang, 2),
        ),
        "vocational_enrollment": t(
            "overview.share_of_national", lang, share=format_percent(row["vocational_enrollment_share_of_national"], lang, 2)
        ),
        "specialty_points": points_change(data, lang),
        "gdp": t(
            "overview.mix",
            lang,
            primary=format_percent(row["primary_va"] / row["gdp"], lang),
            secondary=format_percent(row["secondary_share"], lang),
            tertiary=format_percent(row["tertiary_share"], lang),
        ),
    }
    # A ratio to residents divides an edition's count by the newest year of population (metrics.indicator_table).
    population_year = editions.years(data.table("province_population"))[0]
    cards = []
    shown = ("zhuanke", "vocational_university", "zhuanke_per_million", "vocational_entrants", "vocational_enrollment", "gdp")
    for key in (*shown, "specialty_points", "fit_index"):
        indicator = INDICATORS[key]
        rank, of = ranks[key]
        cards.append(
            {
                "label": narrative.indicator_label(key, lang),
                "value": narrative.format_value(indicator, row[key], lang),
                "year": indicator_year(
                    indicator,
                    edition,
                    year,
                    editions.years(data.table("province_employment_by_section")),
                    editions.years(data.table("province_gdp")),
                ),
                "year_note": t("kpi.population_year", lang, year=population_year) if per_resident(indicator) else None,
                "rank": t("fmt.rank", lang, rank=rank, of=of) if rank else None,
                "status": catalog.dataset(indicator.datasets[0]).status,
                "delta": details.get(key),
                "help_text": t(f"help.{key}", lang),
            }
        )
    return cards


def per_resident(indicator: Indicator) -> bool:
    """Whether a figure as of a list's date is divided by a year's population (per million residents)."""
    return indicator.year_from == "edition" and "province_population" in indicator.datasets


def points_change(data: Data, lang: str) -> str:
    """Chongqing's specialty points in the register year against the year before (records, MOE scope)."""
    points = data.table("specialty_points_province")
    mine = points[(points["province_adcode"] == FOCUS) & (points["scope"] == "all")].groupby("year")["records"].sum()
    change = int(mine[REGISTER_YEAR] - mine[REGISTER_YEAR - 1])
    return t("overview.points_change", lang, change=f"{change:+,d}", year=REGISTER_YEAR - 1)


def institution_changes_markdown(data: Data, lang: str) -> str:
    """Chongqing's institution changes between the two newest MOE list editions (renamings, upgrades,
    additions, closures: ``panels.common.institution_changes``) as a markdown bullet list in ``lang``,
    or a "no changes" sentence.
    """
    changes = institution_changes(data)
    newest = newest_edition(data)
    rows = changes[(changes["province_adcode"] == FOCUS) & (changes["list_after"].astype(str) == newest)]
    if rows.empty:
        return t("overview.no_changes", lang)
    return "\n".join(
        "- "
        + t(f"change.{c.change}", lang, before=markdown_literal(c.name_before or ""), after=markdown_literal(c.name_after or ""))
        for c in rows.itertuples()
    )


def institution_changes_source(data: Data) -> tuple[list[str], str | None]:
    """What the overview's list of changes rests on, for its source line: the built-in table of changes
    when the two newest editions are the built-in pair, else the MOE lists themselves and the two
    editions compared (an imported edition is then credited to its stated source). Returns (dataset
    names, editions shown as "older, newer" or None)."""
    stored = data.table("institution_changes")
    newest = newest_edition(data)
    if (stored["list_after"].astype(str) == newest).any():
        return ["institution_changes"], None
    dates = sorted(data.table("institutions")["list_date"].astype(str).unique())
    return ["institutions"], ", ".join(dates[-2:])


def paper_table(data: Data, lang: str) -> str:
    """The paper's figures beside ours, as a markdown table (wraps long text, cheap to send)."""
    return markdown_table(paper_table_frame(data, lang))


def paper_table_frame(data: Data, lang: str) -> pd.DataFrame:
    """The seed paper's figures beside today's data, for display.

    Args: ``data`` gives ``paper_figures`` (the paper's claims, status paper), ``institutions`` (newest
    MOE edition), ``consortia``, ``specialty_adjustments`` and the indicator table (F in ``REGISTER_YEAR``).
    Returns: one row per paper figure, columns in ``lang``: claim, stated (value and unit), today (our
    figure and its basis, "—" where none can be checked), verification.
    """
    indicators = data.indicator_table(editions.list_editions(data.table("institutions"))[0], REGISTER_YEAR)  # the newest list
    fit = indicators.loc[indicators["province_adcode"] == FOCUS, "fit_index"].iloc[0]
    checks = paper_checks(
        data.table("paper_figures"),
        data.table("institutions"),
        data.table("consortia"),
        data.table("specialty_adjustments"),
        FOCUS,
        fit=float(fit),
    )
    frame = pd.DataFrame(
        {
            t("paper.claim", lang): checks[f"claim_{lang}"],
            t("paper.stated", lang): [
                f"{v:g}{'' if lang == 'zh' or u == '%' else ' '}{u}" if pd.notna(v) else "—"
                for v, u in zip(checks["value"], checks[f"unit_{lang}"].fillna(""), strict=True)
            ],
            t("paper.today", lang): [
                "—"
                if v is None or pd.isna(v)
                else t(f"paper.basis.{b}", lang, value=f"{v:.2f}" if b in ("paper_arithmetic", "register_fit") else f"{v:g}")
                for v, b in zip(checks["check_value"], checks["check_basis"], strict=True)
            ],
            t("paper.verification", lang): checks[f"verification_{lang}"],
        }
    )
    return frame


def policy_timeline(data: Data, lang: str) -> tuple[Panel, str]:
    """(the policies on a time axis by level, the same as a markdown list with summaries).
    The panel's table: date, level, title, one row per policy."""
    timeline = data.table("policy_timeline").copy()
    timeline["when"] = pd.to_datetime(timeline["date"], format="mixed")
    timeline["group"] = [t(f"policy.level.{lv}", lang) for lv in timeline["level"]]
    timeline["hover"] = [
        f"<b>{plot_literal(d)}</b> {plot_literal(title)}"
        for d, title in zip(timeline["date"], timeline[f"title_{lang}"], strict=True)
    ]
    figure = charts.timeline(
        timeline,
        date="when",
        label=f"title_{lang}",
        group="group",
        hover="hover",
        title=t("overview.timeline_chart", lang),
        lang=lang,
    )
    items = "\n".join(
        f"- **{markdown_literal(d)}** · {markdown_literal(title)}  \n  {markdown_literal(summary)}"
        for d, title, summary in zip(timeline["date"], timeline[f"title_{lang}"], timeline[f"summary_{lang}"], strict=True)
    )
    shown = pd.DataFrame(
        {
            t("col.date", lang): timeline["date"].astype(str),
            t("col.level", lang): timeline["group"],
            t("col.title", lang): timeline[f"title_{lang}"],
        }
    )
    panel = Panel(
        figure, shown, t("overview.timeline_chart", lang), ("policy_timeline",), kind="timeline", category=t("col.title", lang)
    )
    return panel, items
