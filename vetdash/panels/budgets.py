"""Budgets page: the compiled budget facts and, in demo mode, the demo budget comparison."""

from __future__ import annotations

from typing import cast

import pandas as pd

from vetdash import charts
from vetdash.analysis.budgets import budget_per_student, province_totals, year_over_year
from vetdash.analysis.ranking import ranked
from vetdash.i18n import format_yuan, t
from vetdash.metrics import FOCUS
from vetdash.panels.common import Data, Panel, filter_codes
from vetdash.text import markdown_link, markdown_literal, plot_literal


def is_vocational_scope(scope: str) -> bool:
    """Rows about 高职 colleges; scopes such as 「…非高职口径」 are context only."""
    return "高职" in scope and "非高职" not in scope


def budget_facts_markdown(data: Data, lang: str) -> tuple[str, str]:
    """(vocational facts, context facts) as markdown lists, each with its source and a to-verify mark."""
    facts = data.table("budget_facts")
    colleges = data.table("college_budgets")

    def cited(row) -> str:
        verify = f" {t('confidence.to_verify', lang)}" if row.confidence == "low" else ""
        return f" — {markdown_link(row.source_publisher, row.source_url)}{verify}"

    vocational, context = [], []
    for row in facts.itertuples():
        if is_vocational_scope(str(row.scope)):
            vocational.append(
                "- " + t(f"budget.fact.{row.measure}", lang, value=f"{row.value_as_stated:g}", year=row.year) + cited(row)
            )
        else:
            context.append(
                "- " + t("budget.context_fact", lang, region=markdown_literal(row.region), year=row.year, scope=markdown_literal(row.scope),
                         measure=t(f"budget.measure.{row.measure}", lang), value=f"{row.value_as_stated:g}", unit=markdown_literal(row.unit_as_stated)) + cited(row)
            )  # fmt: skip
    # Chongqing's colleges have their own section (college_budget_view); these are the national leaders.
    for row in colleges[colleges["province_adcode"] != FOCUS].itertuples():
        vocational.append(
            "- " + t("budget.fact.college", lang, name=markdown_literal(row.college_name), year=row.year, value=format_yuan(cast(float, row.budget_total_10k_yuan) * 1e4, lang))
            + cited(row)
        )  # fmt: skip
    return "\n".join(vocational), "\n".join(context)


def demo_budget_view(data: Data, year: int, peers: tuple[int, ...], lang: str) -> dict:
    """Demo budgets: colleges ranked, per student, year-over-year change, province totals."""
    budgets = data.table("demo_college_budgets").copy()
    budgets["per_student"] = budget_per_student(budgets)
    budgets["yoy"] = year_over_year(budgets)
    latest = budgets[budgets["year"] == year].copy()
    regions = [FOCUS, *peers]
    latest = latest[latest["province_adcode"].isin(regions)]
    names = data.province_names(lang)
    name_column = f"college_name_{lang}"
    ranked_budgets = ranked(latest, "budget_total_10k_yuan", key=name_column).head(30)
    ranked_budgets["role"] = ["focus" if p == FOCUS else "peer" for p in ranked_budgets["province_adcode"]]
    ranked_budgets["label"] = [
        (charts.FOCUS_MARK if p == FOCUS else "") + f"{n} · {names[p]}"
        for n, p in zip(ranked_budgets[name_column], ranked_budgets["province_adcode"], strict=True)
    ]
    ranked_budgets["hover"] = [
        f"<b>{plot_literal(lbl)}</b><br>{format_yuan(b * 1e4, lang)}<br>{t('budget.per_student', lang)}: {format_yuan(ps, lang)}"
        for lbl, b, ps in zip(
            ranked_budgets["label"], ranked_budgets["budget_total_10k_yuan"], ranked_budgets["per_student"], strict=True
        )
    ]
    figure = charts.ranking_bar(
        ranked_budgets, label="label", value="budget_total_10k_yuan", role="role", hover="hover",
        title=t("budget.demo_title", lang, year=year), axis_title=t("budget.unit_10k", lang),
    )  # fmt: skip
    totals = province_totals(budgets[budgets["province_adcode"].isin(regions)])
    totals = totals[totals["year"] == year]
    table = pd.DataFrame(
        {
            t("col.name", lang): latest[name_column],
            t("col.province", lang): latest["province_adcode"].map(names),
            t("budget.col_budget", lang): latest["budget_total_10k_yuan"],
            t("budget.col_students", lang): latest["enrollment"],
            t("budget.col_per_student", lang): latest["per_student"].round(0),
            t("budget.col_yoy", lang): (latest["yoy"] * 100).round(1),
        }
    ).sort_values(t("budget.col_budget", lang), ascending=False)
    province_table = pd.DataFrame(
        {
            t("col.province", lang): totals["province_adcode"].map(names),
            t("budget.col_colleges", lang): totals["colleges"],
            t("budget.col_total", lang): totals["total"],
            t("budget.col_median", lang): totals["median"],
        }
    )
    bars = pd.DataFrame(
        {
            t("col.name", lang): ranked_budgets["label"],
            t("budget.col_budget", lang): ranked_budgets["budget_total_10k_yuan"],
        }
    )
    panel = Panel(
        figure, bars, t("budget.demo_title", lang, year=year), ("demo_college_budgets",), str(year),
        filter_codes(year=year, peers=peers), category=t("col.name", lang), values=(t("budget.col_budget", lang),), demo=True,
        focus=tuple(ranked_budgets.loc[ranked_budgets["role"] == "focus", "label"]),
    )  # fmt: skip
    return {"figure": panel, "table": table, "provinces": province_table}


def _main_kind(budgets: pd.DataFrame) -> str:
    """The budget basis most rows of a year use (收入预算, 支出预算, …): colleges are ranked on one basis."""
    return str(budgets["budget_kind"].value_counts().index[0])


def chongqing_budgets(data: Data) -> tuple[pd.DataFrame, int | None, str | None]:
    """(Chongqing college budgets of the latest year with any, ranked on that year's main basis;
    the year; the basis). Columns of the college_budgets table plus ``rank``. Built-in and imported
    rows alike: the table is the current version of college_budgets."""
    budgets = data.table("college_budgets")
    chongqing = budgets[budgets["province_adcode"] == FOCUS]
    if chongqing.empty:
        return chongqing.assign(rank=pd.Series(dtype="Int64")), None, None
    year = int(chongqing["year"].max())
    latest = chongqing[chongqing["year"] == year]
    kind = _main_kind(latest)
    return ranked(latest[latest["budget_kind"] == kind], "budget_total_10k_yuan", key="college_name"), year, kind


def college_budget_view(data: Data, lang: str) -> dict | None:
    """Chongqing's colleges ranked by budget (figure and table with each row's source), or None
    when there are no Chongqing college budgets yet. Amounts in 万元 (10,000 yuan)."""
    ranked_budgets, year, kind = chongqing_budgets(data)
    if year is None:
        return None
    shown = ranked_budgets.head(40).copy()
    shown["role"] = "focus"
    shown["label"] = [plot_literal(n) for n in shown["college_name"]]  # imported names are shown as text
    shown["hover"] = [
        f"<b>{n}</b><br>{format_yuan(b * 1e4, lang)}" for n, b in zip(shown["label"], shown["budget_total_10k_yuan"], strict=True)
    ]
    figure = charts.ranking_bar(
        shown, label="label", value="budget_total_10k_yuan", role="role", hover="hover",
        title=t("budget.cq_title", lang, year=year, kind=plot_literal(kind)), axis_title=t("budget.unit_10k", lang),
    )  # fmt: skip
    table = pd.DataFrame(
        {
            t("budget.col_rank", lang): ranked_budgets["rank"],
            t("col.name", lang): ranked_budgets["college_name"],
            t("budget.col_budget", lang): ranked_budgets["budget_total_10k_yuan"],
            t("budget.col_kind", lang): ranked_budgets["budget_kind"],
            t("budget.col_source", lang): ranked_budgets["source_url"],
        }
    )
    title = t("budget.cq_title", lang, year=year, kind=kind)
    bars = pd.DataFrame(
        {t("col.name", lang): shown["college_name"], t("budget.col_budget", lang): shown["budget_total_10k_yuan"]}
    )
    panel = Panel(
        figure, bars, title, ("college_budgets",), str(year), filter_codes(year=year),
        category=t("col.name", lang), values=(t("budget.col_budget", lang),),
    )  # fmt: skip
    return {"figure": panel, "table": table, "year": year, "kind": kind, "n": len(ranked_budgets)}


def college_budget(data: Data, name: str, lang: str) -> str | None:
    """One line for the "my college" panel: the college's budget in the latest Chongqing budget year
    and its rank among Chongqing's colleges; None when the college has no budget row that year."""
    ranked_budgets, year, kind = chongqing_budgets(data)
    row = ranked_budgets[ranked_budgets["college_name"] == name]
    if row.empty:
        return None
    return t(
        "budget.my_college", lang, year=year, kind=markdown_literal(kind), value=format_yuan(float(row["budget_total_10k_yuan"].iloc[0]) * 1e4, lang),
        rank=int(row["rank"].iloc[0]), n=len(ranked_budgets),
    )  # fmt: skip
