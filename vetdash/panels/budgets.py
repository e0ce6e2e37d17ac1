"""Budgets page: the compiled budget facts and, in demo mode, the demo budget comparison."""

from __future__ import annotations

import pandas as pd

from vetdash import charts
from vetdash.analysis.budgets import budget_per_student, province_totals, year_over_year
from vetdash.analysis.ranking import ranked
from vetdash.i18n import format_yuan, t
from vetdash.metrics import FOCUS
from vetdash.panels.common import Data, Panel, filter_codes


def is_vocational_scope(scope: str) -> bool:
    """Rows about 高职 colleges; scopes such as 「…非高职口径」 are context only."""
    return "高职" in scope and "非高职" not in scope


def budget_facts_markdown(data: Data, lang: str) -> tuple[str, str]:
    """(vocational facts, context facts) as markdown lists, each with its source and a to-verify mark."""
    facts = data.table("budget_facts")
    colleges = data.table("college_budgets")

    def cited(row) -> str:
        verify = f" {t('confidence.to_verify', lang)}" if row.confidence == "low" else ""
        return f" — [{row.source_publisher}]({row.source_url}){verify}"

    vocational, context = [], []
    for row in facts.itertuples():
        if is_vocational_scope(row.scope):
            vocational.append(
                "- " + t(f"budget.fact.{row.measure}", lang, value=f"{row.value_as_stated:g}", year=row.year) + cited(row)
            )
        else:
            context.append(
                "- " + t("budget.context_fact", lang, region=row.region, year=row.year, scope=row.scope,
                         measure=t(f"budget.measure.{row.measure}", lang), value=f"{row.value_as_stated:g}", unit=row.unit_as_stated) + cited(row)
            )  # fmt: skip
    for row in colleges.itertuples():
        vocational.append(
            "- " + t("budget.fact.college", lang, name=row.college_name, year=row.year, value=format_yuan(row.budget_total_10k_yuan * 1e4, lang))
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
        f"<b>{lbl}</b><br>{format_yuan(b * 1e4, lang)}<br>{t('budget.per_student', lang)}: {format_yuan(ps, lang)}"
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
