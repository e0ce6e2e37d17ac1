"""Rankings page: provinces ranked on an indicator, and ranks over time (bump charts)."""

from __future__ import annotations

import pandas as pd

from vetdash import charts, editions, narrative
from vetdash.analysis.rank_history import ranks_by_period, zhuanke_by_edition
from vetdash.analysis.ranking import ranked
from vetdash.i18n import t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year, link_codes
from vetdash.panels.common import Data, Panel, filter_codes, table_values, tick_format
from vetdash.text import plot_literal


def ranking_frame(data: Data, key: str, edition: str, year: int, peers: tuple[int, ...], lang: str) -> pd.DataFrame:
    """Every province with a value of indicator ``key``, ranked (see ``metrics.INDICATORS`` for units and sources).

    Args: ``edition`` MOE list edition and ``year`` economy year for the indicator table; ``peers``
    adcodes drawn as comparison provinces.
    Returns: columns province_adcode, ``key`` (the indicator's value), rank (1 = best; ties share),
    role (focus | peer | other), province (★ marks Chongqing), shown (value formatted for ``lang``),
    hover (HTML for the chart).
    """
    table = data.indicator_table(edition, year)
    names = data.province_names(lang)
    frame = ranked(
        table[["province_adcode", key]].dropna(), key, key="province_adcode", ascending=not INDICATORS[key].higher_is_better
    )
    frame["role"] = ["focus" if c == FOCUS else "peer" if c in peers else "other" for c in frame["province_adcode"]]
    frame["province"] = [(charts.FOCUS_MARK if c == FOCUS else "") + names[c] for c in frame["province_adcode"]]
    frame["shown"] = [narrative.format_value(INDICATORS[key], v, lang) for v in frame[key]]
    frame["hover"] = [
        f"<b>{plot_literal(p)}</b><br>{plot_literal(v)}<br>{t('fmt.rank', lang, rank=r, of=len(frame))}"
        for p, v, r in zip(frame["province"], frame["shown"], frame["rank"], strict=True)
    ]
    return frame


def role_legend(lang: str) -> dict[str, str]:
    """What the bar colours of a province ranking stand for: ★ Chongqing, comparison provinces, others."""
    return {
        "focus": charts.FOCUS_MARK + t("role.focus", lang),
        "peer": t("legend.peer", lang),
        "other": t("legend.other", lang),
    }


def ranking_view(data: Data, key: str, edition: str, year: int, peers: tuple[int, ...], lang: str) -> Panel:
    """Every province ranked on an indicator; the table: rank, province, value, group (focus / peer / other)."""
    frame = ranking_frame(data, key, edition, year, peers, lang)
    indicator = INDICATORS[key]
    title = narrative.finding_title(data.indicator_table(edition, year), key, lang, data.province_names(lang)[FOCUS])
    tick = tick_format(indicator.kind)
    figure = charts.ranking_bar(
        frame,
        label="province",
        value=key,
        role="role",
        hover="hover",
        title=title,
        axis_title=narrative.unit_label(indicator, lang),
        tick_format=tick,
        legend=role_legend(lang),
    )
    value_column = f"{narrative.indicator_label(key, lang)} ({narrative.unit_label(indicator, lang)})"
    values, number_format = table_values(frame[key], indicator.kind)
    shown = pd.DataFrame(
        {
            t("col.rank", lang): frame["rank"],
            t("col.province", lang): frame["province"],
            value_column: values,
            t("col.group", lang): [t(f"role.{r}", lang) for r in frame["role"]],
        }
    )
    return Panel(
        figure, shown, title, tuple(indicator.datasets), indicator_year(indicator, edition, year, editions.years(data.table("province_employment_by_section")),
            editions.years(data.table("province_gdp"))),
        filter_codes(**link_codes(key), edition=edition, year=year, peers=peers), category=t("col.province", lang),
        values=(value_column,), number_format=number_format, focus=tuple(frame.loc[frame["role"] == "focus", "province"]),
    )  # fmt: skip


def bump_figure(data: Data, which: str, peers: tuple[int, ...], lang: str) -> Panel:
    """Ranks over time of Chongqing and its peers (``which``: gdp | zhuanke); the table: province,
    period, rank (among 31), one row per point drawn."""
    names = data.province_names(lang)
    if which == "gdp":
        frame, period, title_key = (
            ranks_by_period(data.table("province_gdp"), period="year", value="gdp"),
            "year",
            "rankings.bump_gdp",
        )
    else:
        counts = zhuanke_by_edition(data.table("institutions"))
        frame, period, title_key = (
            ranks_by_period(counts, period="list_date", value="zhuanke"),
            "list_date",
            "rankings.bump_zhuanke",
        )
    rows = frame[frame["province_adcode"].isin([FOCUS, *peers])].copy()
    rows["series"] = [names[c] for c in rows["province_adcode"]]
    rows["role"] = ["focus" if c == FOCUS else "peer" for c in rows["province_adcode"]]
    rows["hover"] = [
        f"<b>{plot_literal(s)}</b> {plot_literal(p)}<br>{t('fmt.rank', lang, rank=r, of=31)}"
        for s, p, r in zip(rows["series"], rows[period], rows["rank"], strict=True)
    ]
    focus_rows = rows[rows["province_adcode"] == FOCUS].sort_values(period)
    chart_title = t(title_key, lang, place=names[FOCUS], first=focus_rows["rank"].iloc[0], last=focus_rows["rank"].iloc[-1],
                    start=focus_rows[period].iloc[0], end=focus_rows[period].iloc[-1])  # fmt: skip
    figure = charts.bump_chart(
        rows,
        x=period,
        rank="rank",
        series="series",
        role="role",
        hover="hover",
        title=chart_title,
        axis_title=t("col.rank", lang),
    )
    period_column = t("col.year", lang) if which == "gdp" else t("col.edition", lang)
    ordered = rows.assign(peer=rows["role"] != "focus").sort_values(["peer", "series", period])
    shown = pd.DataFrame(
        {
            t("col.province", lang): ordered["series"],
            period_column: ordered[period].astype(str),
            t("col.rank", lang): ordered["rank"].astype(int),
        }
    )
    # the span drawn, from the data (an imported year or edition widens it)
    span = f"{str(focus_rows[period].iloc[0])[:4]}–{str(focus_rows[period].iloc[-1])[:4]}"
    sources, when = (("province_gdp",), span) if which == "gdp" else (("institutions",), span)
    return Panel(
        figure, shown, chart_title, sources, when, filter_codes(which=which, peers=peers), category=period_column,
        series=t("col.province", lang), values=(t("col.rank", lang),), kind="line", focus=(names[FOCUS],),
    )  # fmt: skip
