"""Panel builders: figures and display tables computed from the registered tables.

Pure of Streamlit: each takes a ``Data`` accessor first, so the app passes its cached loaders
(and caches each panel by its arguments) while tests can pass plain frames.
"""

from __future__ import annotations

from typing import Protocol

import pandas as pd
import pyarrow as pa

from vetdash import catalog, charts, maps, narrative
from vetdash.analysis.colleges import district_counts, located_colleges
from vetdash.analysis.institutions import filter_institutions
from vetdash.analysis.paper import paper_checks
from vetdash.analysis.rank_history import ranks_by_period, zhuanke_by_edition
from vetdash.analysis.ranking import competition_rank, ranked
from vetdash.i18n import format_percent, t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year
from vetdash.provenance import source_text


class Data(Protocol):
    def table(self, name: str) -> pd.DataFrame: ...
    def indicator_table(self, edition: str, year: int) -> pd.DataFrame: ...
    def province_names(self, lang: str) -> dict[int, str]: ...
    def district_names(self, lang: str) -> dict[int, str]: ...
    def district_name(self, adcode: object, lang: str) -> str: ...


def national_map(data: Data, key: str, edition: str, year: int, lang: str):
    table = data.indicator_table(edition, year)
    names = data.province_names(lang)
    source = source_text(INDICATORS[key].datasets, lang, indicator_year(INDICATORS[key], edition, year))
    frame = table[["province_adcode", key]].copy()
    frame["rank"] = competition_rank(frame[key], ascending=not INDICATORS[key].higher_is_better)
    count = int(frame["rank"].notna().sum())
    frame["hover"] = [
        f"<b>{names[c]}</b><br>{narrative.format_value(INDICATORS[key], v, lang)} {narrative.unit_label(INDICATORS[key], lang)}"
        f"<br>{t('fmt.rank', lang, rank=r, of=count)}<br><i>{source}</i>"
        for c, v, r in zip(frame["province_adcode"], frame[key], frame["rank"], strict=True)
    ]
    no_data = {c: f"<b>{n}</b><br>{t('map.no_data', lang)}" for c, n in names.items()}
    return maps.province_choropleth(
        frame, all_codes=sorted(names), value=key, hover="hover", no_data_hover=no_data,
        title=narrative.finding_title(table, key, lang, names[FOCUS]), unit=narrative.unit_label(INDICATORS[key], lang),
        focus=FOCUS, midpoint=INDICATORS[key].midpoint,
        colorscale="PuOr_r" if INDICATORS[key].midpoint is not None else "YlGnBu",
    )  # fmt: skip


def chongqing_map(data: Data, choice: str, lang: str):
    colleges = located_colleges(data.table("cq_colleges"), data.table("institutions"), "2025-06-20", choice)
    districts = district_counts(colleges, data.table("cq_districts"))
    district_label = data.district_names(lang)
    districts["hover"] = [
        f"<b>{district_label[a]}</b><br>{t('map.colleges_n', lang, n=n)}"
        for a, n in zip(districts["adcode"], districts["colleges"], strict=True)
    ]
    points = colleges.dropna(subset=["lon_gcj02"]).copy()
    points["hover"] = [
        f"<b>{n}</b><br>{t(f'level.{lv}', lang)} · {t(f'ownership.{o}', lang)}<br>{data.district_name(d, lang)}"
        for n, lv, o, d in zip(points["name"], points["level"], points["ownership"], points["district_adcode"], strict=True)
    ]
    points["colour"] = points["level"].map({"专科": "#D55E00", "本科": "#0072B2"})
    top = districts.sort_values(["colleges", "adcode"], ascending=[False, True]).iloc[0]
    title = t("map.cq_finding", lang, n=len(colleges), district=district_label[int(top["adcode"])], top=int(top["colleges"]))
    figure = maps.district_map(
        districts,
        points,
        value="colleges",
        hover="hover",
        point_hover="hover",
        point_colour="colour",
        title=title,
        unit=t("unit.colleges", lang),
    )
    unplaced = colleges[colleges["lon_gcj02"].isna()]
    unplaced_table = pd.DataFrame(
        {
            t("col.name", lang): unplaced["name"],
            t("col.district", lang): [data.district_name(d, lang) for d in unplaced["district_adcode"]],
        }
    )
    return figure, title, len(points), len(colleges), unplaced_table


def ranking_frame(data: Data, key: str, edition: str, year: int, peers: tuple[int, ...], lang: str) -> pd.DataFrame:
    table = data.indicator_table(edition, year)
    names = data.province_names(lang)
    frame = ranked(
        table[["province_adcode", key]].dropna(), key, key="province_adcode", ascending=not INDICATORS[key].higher_is_better
    )
    frame["role"] = ["focus" if c == FOCUS else "peer" if c in peers else "other" for c in frame["province_adcode"]]
    frame["province"] = [(charts.FOCUS_MARK if c == FOCUS else "") + names[c] for c in frame["province_adcode"]]
    frame["shown"] = [narrative.format_value(INDICATORS[key], v, lang) for v in frame[key]]
    frame["hover"] = [
        f"<b>{p}</b><br>{v}<br>{t('fmt.rank', lang, rank=r, of=len(frame))}"
        for p, v, r in zip(frame["province"], frame["shown"], frame["rank"], strict=True)
    ]
    return frame


def ranking_view(data: Data, key: str, edition: str, year: int, peers: tuple[int, ...], lang: str):
    frame = ranking_frame(data, key, edition, year, peers, lang)
    indicator = INDICATORS[key]
    title = narrative.finding_title(data.indicator_table(edition, year), key, lang, data.province_names(lang)[FOCUS])
    tick = ".1%" if indicator.kind == "share" else ".2f" if indicator.kind in ("ratio", "lq") else ","
    figure = charts.ranking_bar(
        frame,
        label="province",
        value=key,
        role="role",
        hover="hover",
        title=title,
        axis_title=narrative.unit_label(indicator, lang),
        tick_format=tick,
    )
    shown = pd.DataFrame(
        {
            t("col.rank", lang): frame["rank"],
            t("col.province", lang): frame["province"],
            f"{narrative.indicator_label(key, lang)} ({narrative.unit_label(indicator, lang)})": frame[key],
            t("col.group", lang): [t(f"role.{r}", lang) for r in frame["role"]],
        }
    )
    return figure, title, shown


def bump_figure(data: Data, which: str, peers: tuple[int, ...], lang: str):
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
        f"<b>{s}</b> {p}<br>{t('fmt.rank', lang, rank=r, of=31)}"
        for s, p, r in zip(rows["series"], rows[period], rows["rank"], strict=True)
    ]
    focus_rows = rows[rows["province_adcode"] == FOCUS].sort_values(period)
    chart_title = t(title_key, lang, place=names[FOCUS], first=focus_rows["rank"].iloc[0], last=focus_rows["rank"].iloc[-1],
                    start=focus_rows[period].iloc[0], end=focus_rows[period].iloc[-1])  # fmt: skip
    return charts.bump_chart(
        rows,
        x=period,
        rank="rank",
        series="series",
        role="role",
        hover="hover",
        title=chart_title,
        axis_title=t("col.rank", lang),
    )


def paper_table(data: Data, lang: str) -> str:
    """The paper's figures beside ours, as a markdown table (wraps long text, cheap to send)."""
    checks = paper_checks(
        data.table("paper_figures"),
        data.table("institutions"),
        data.table("consortia"),
        data.table("specialty_adjustments"),
        FOCUS,
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
                else t(f"paper.basis.{b}", lang, value=f"{v:.2f}" if b == "paper_arithmetic" else f"{v:g}")
                for v, b in zip(checks["check_value"], checks["check_basis"], strict=True)
            ],
            t("paper.verification", lang): checks[f"verification_{lang}"],
        }
    )
    return markdown_table(frame)


def policy_timeline(data: Data, lang: str):
    timeline = data.table("policy_timeline").copy()
    timeline["when"] = pd.to_datetime(timeline["date"], format="mixed")
    timeline["group"] = [t(f"policy.level.{lv}", lang) for lv in timeline["level"]]
    timeline["hover"] = [f"<b>{d}</b> {title}" for d, title in zip(timeline["date"], timeline[f"title_{lang}"], strict=True)]
    figure = charts.timeline(
        timeline, date="when", label=f"title_{lang}", group="group", hover="hover", title=t("overview.timeline_chart", lang)
    )
    items = "\n".join(
        f"- **{d}** · {title}  \n  {summary}"
        for d, title, summary in zip(timeline["date"], timeline[f"title_{lang}"], timeline[f"summary_{lang}"], strict=True)
    )
    return figure, items


def authority_options(data: Data, edition_date: str) -> list[str]:
    listed = data.table("institutions")
    return sorted(listed.loc[listed["list_date"] == edition_date, "authority"].str.strip().unique())


def institution_rows(
    data: Data,
    edition_date: str,
    query: str,
    provinces: tuple,
    levels: tuple,
    ownerships: tuple,
    authorities: tuple,
    districts: tuple,
    lang: str,
):
    listed = data.table("institutions")
    found = filter_institutions(
        listed[listed["list_date"] == edition_date], query=query, provinces=list(provinces), levels=list(levels),
        ownerships=list(ownerships), authorities=list(authorities),
    )  # fmt: skip
    if districts:
        located = data.table("cq_colleges")
        found = found[found["code"].isin(located.loc[located["district_adcode"].isin(districts), "code"])]
    names = data.province_names(lang)
    level_names = {v: t(f"level.{v}", lang) for v in ("专科", "本科")}
    ownership_names = {v: t(f"ownership.{v}", lang) for v in ("public", "private", "cooperative", "overseas")}
    frame = pd.DataFrame(
        {
            t("col.code", lang): found["code"],
            t("col.name", lang): found["name"],
            t("col.province", lang): found["province_adcode"].map(names),
            t("col.city", lang): found["city"],
            t("col.level", lang): found["level"].map(level_names),
            t("col.ownership", lang): found["ownership"].map(ownership_names),
            t("col.authority", lang): found["authority"],
        }
    )
    return frame, pa.Table.from_pandas(frame, preserve_index=False)


def college_choices(data: Data, edition_date: str) -> tuple[list[str], dict[str, str]]:
    """Chongqing's college codes, and labels (name and code) for every institution of the edition."""
    listed = data.table("institutions")
    listed = listed[listed["list_date"] == edition_date]
    labels = {c: f"{n} ({c})" for c, n in zip(listed["code"], listed["name"], strict=True)}
    chongqing = sorted(listed.loc[listed["province_adcode"] == FOCUS, "code"])
    return chongqing, labels


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
        "gdp": t(
            "overview.mix",
            lang,
            primary=format_percent(row["primary_va"] / row["gdp"], lang),
            secondary=format_percent(row["secondary_share"], lang),
            tertiary=format_percent(row["tertiary_share"], lang),
        ),
    }
    cards = []
    for key in ("zhuanke", "vocational_university", "zhuanke_per_million", "vocational_entrants", "vocational_enrollment", "gdp"):
        indicator = INDICATORS[key]
        rank, of = ranks[key]
        cards.append(
            {
                "label": narrative.indicator_label(key, lang),
                "value": narrative.format_value(indicator, row[key], lang),
                "year": indicator_year(indicator, edition, year),
                "rank": t("fmt.rank", lang, rank=rank, of=of) if rank else None,
                "status": catalog.dataset(indicator.datasets[0]).status,
                "delta": details.get(key),
                "help_text": t(f"help.{key}", lang),
            }
        )
    return cards


def institution_changes_markdown(data: Data, lang: str) -> str:
    changes = data.table("institution_changes")
    rows = changes[changes["province_adcode"] == FOCUS]
    if rows.empty:
        return t("overview.no_changes", lang)
    return "\n".join(
        "- " + t(f"change.{c.change}", lang, before=c.name_before or "", after=c.name_after or "") for c in rows.itertuples()
    )


def markdown_table(frame: pd.DataFrame) -> str:
    def cell(value: object) -> str:
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(c) for c in frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)
