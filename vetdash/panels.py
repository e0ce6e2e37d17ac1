"""Panel builders: figures and display tables computed from the registered tables.

Pure of Streamlit: each takes a ``Data`` accessor first, so the app passes its cached loaders
(and caches each panel by its arguments) while tests can pass plain frames.
"""

from __future__ import annotations

from typing import Protocol

import pandas as pd
import pyarrow as pa

from vetdash import catalog, charts, maps, narrative
from vetdash.analysis.budgets import budget_per_student, province_totals, year_over_year
from vetdash.analysis.colleges import district_counts, located_colleges
from vetdash.analysis.consortia import categories_of, filter_consortia, founding_date, memberships, sector_counts
from vetdash.analysis.demand_fit import adjustment_effect
from vetdash.analysis.industry import location_quotients, value_added_long
from vetdash.analysis.institutions import college_consortia, filter_institutions
from vetdash.analysis.paper import paper_checks
from vetdash.analysis.rank_history import ranks_by_period, zhuanke_by_edition
from vetdash.analysis.ranking import competition_rank, ranked
from vetdash.analysis.supply import employment_of, fit_by_region, region_fit
from vetdash.i18n import format_number, format_percent, format_yuan, t
from vetdash.metrics import FOCUS, INDICATORS, indicator_year
from vetdash.provenance import source_text

PILLAR_MIN_SHARE = 0.05  # a pillar: above the national share (LQ > 1) and at least 5% of jobs


class Data(Protocol):
    def table(self, name: str) -> pd.DataFrame: ...
    def optional_table(self, name: str) -> pd.DataFrame | None: ...
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
        focus=FOCUS, inset_label=t("map.inset", lang), midpoint=INDICATORS[key].midpoint,
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
    return markdown_table(paper_table_frame(data, lang))


def paper_table_frame(data: Data, lang: str) -> pd.DataFrame:
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
    return frame


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


# ---- consortia --------------------------------------------------------------------------------


def consortia_register(data: Data, demo: bool) -> pd.DataFrame:
    """The compiled register; in demo mode the fictitious demo bodies are added, flagged ``is_demo``."""
    real = data.table("consortia").assign(is_demo=False, members=None)
    if not demo:
        return real
    fake = data.table("demo_consortia").assign(confidence="demo", is_demo=True, source_url=None, lead_enterprises=None)
    return pd.concat([real, fake[[c for c in fake.columns if c in real.columns]]], ignore_index=True)


def category_names(data: Data, lang: str) -> dict[int, str]:
    categories = data.table("specialty_categories")
    return dict(zip(categories["code"].astype(int), categories[f"name_{lang}"], strict=True))


def consortia_view(
    data: Data, kinds: tuple[str, ...], scopes: tuple[str, ...], category: int | None, lead: str | None,
    years: tuple[int, int] | None, hide_low: bool, demo: bool, lang: str,
) -> dict:  # fmt: skip
    """Everything the consortia page shows for one filter state."""
    register = consortia_register(data, demo)
    found = filter_consortia(
        register,
        kinds=list(kinds),
        scopes=list(scopes),
        category=category,
        lead=lead,
        founded=years,
        hide_low_confidence=hide_low,
    )
    names = category_names(data, lang)
    counts = sector_counts(found)
    counts["label"] = [names.get(int(c), "") if pd.notna(c) else t("consortia.unmapped", lang) for c in counts["category_code"]]
    counts["hover"] = [f"{lbl}: {n}" for lbl, n in zip(counts["label"], counts["consortia"], strict=True)]
    treemap_figure = (
        charts.treemap(
            counts, label="label", value="consortia", hover="hover", title=t("consortia.sector_title", lang, n=len(found))
        )
        if len(found)
        else None
    )

    leads = memberships(found)
    lead_counts = leads.groupby("member")["id"].nunique().rename("consortia").reset_index()
    lead_counts = lead_counts.sort_values(["consortia", "member"], ascending=[False, True]).head(20)
    lead_counts["role"] = ["focus" if m == lead else "other" for m in lead_counts["member"]]
    lead_counts["hover"] = [
        t("consortia.member_hover", lang, name=m, n=n)
        for m, n in zip(lead_counts["member"], lead_counts["consortia"], strict=True)
    ]
    members_figure = (
        charts.ranking_bar(lead_counts, label="member", value="consortia", role="role", hover="hover",
                           title=t("consortia.members_title", lang), axis_title=t("consortia.count_unit", lang))
        if len(lead_counts) else None
    )  # fmt: skip

    dated = found.assign(when=[founding_date(d) for d in found["founded_date"]]).dropna(subset=["when"])
    dated = dated.assign(
        group=[t(f"kind.{k}", lang) for k in dated["kind"]],
        hover=[f"<b>{n}</b><br>{d}" for n, d in zip(dated["name_zh"], dated["founded_date"], strict=True)],
    )
    timeline_figure = (
        charts.timeline(dated, date="when", label="name_zh", group="group", hover="hover", title=t("consortia.timeline_title", lang, n=len(dated), total=len(found)))
        if len(dated) else None
    )  # fmt: skip

    map_figure = lead_map(data, leads, lang)
    matrix_figure = membership_view(found, lang)
    table = pd.DataFrame(
        {
            t("col.name", lang): [
                n + (" ⚠" if c == "low" else "") for n, c in zip(found["name_zh"], found["confidence"], strict=True)
            ],
            t("col.kind", lang): [t(f"kind.{k}", lang) for k in found["kind"]],
            t("col.scope", lang): [t(f"scope.{s}", lang) for s in found["scope"]],
            t("col.sector", lang): [
                " · ".join(names[c] for c in categories_of(codes)) or "—" for codes in found["category_codes"]
            ],
            t("col.lead", lang): found["lead_institutions"].fillna("").str.replace("|", "、"),
            t("col.founded", lang): found["founded_date"].fillna("—"),
            t("col.confidence", lang): [t(f"confidence.{c}", lang) for c in found["confidence"]],
            t("col.source", lang): found["source_url"],
        }
    )
    return {
        "found": found,
        "uses_demo": bool(found["is_demo"].any()),
        "treemap": treemap_figure,
        "members": members_figure,
        "timeline": timeline_figure,
        "map": map_figure,
        "matrix": matrix_figure,
        "table": table,
        "low": int((found["confidence"] == "low").sum()),
    }


def membership_view(found: pd.DataFrame, lang: str):
    """Colleges and enterprises that lead each body, as a member × body matrix."""
    colleges = memberships(found).assign(role=t("consortia.role_college", lang))
    firms = memberships(found, members="lead_enterprises").assign(role=t("consortia.role_enterprise", lang))
    cells = pd.concat([colleges, firms], ignore_index=True)
    if cells.empty:
        return None
    short = {i: (n if len(n) <= 14 else n[:13] + "…") for i, n in zip(found["id"], found["name_zh"], strict=True)}
    full = dict(zip(found["id"], found["name_zh"], strict=True))
    cells["body"] = cells["id"].map(short)
    cells["hover"] = [f"<b>{m}</b><br>{full[i]}" for m, i in zip(cells["member"], cells["id"], strict=True)]
    return charts.membership_matrix(
        cells,
        member="member",
        body="body",
        kind="role",
        hover="hover",
        title=t("consortia.matrix_title", lang, members=cells["member"].nunique(), bodies=cells["id"].nunique()),
    )


def lead_map(data: Data, leads: pd.DataFrame, lang: str):
    """Lead colleges located in Chongqing: districts shaded by consortia led there, college points on top."""
    colleges = data.table("cq_colleges")
    by_name = {
        **dict(zip(colleges["name"], colleges["code"], strict=True)),
        **dict(zip(colleges["name_later"].dropna(), colleges.dropna(subset=["name_later"])["code"], strict=True)),
    }
    located = leads.assign(code=leads["member"].map(by_name)).dropna(subset=["code"])
    if located.empty:
        return None
    places = located.merge(colleges[["code", "district_adcode", "lon_gcj02", "lat_gcj02"]], on="code", how="left")
    per_district = places.groupby("district_adcode")["id"].nunique()
    districts = data.table("cq_districts")[["adcode"]].copy()
    districts["colleges"] = districts["adcode"].map(per_district).fillna(0).astype(int)
    district_label = data.district_names(lang)
    districts["hover"] = [
        f"<b>{district_label[a]}</b><br>{t('consortia.map_hover', lang, n=n)}"
        for a, n in zip(districts["adcode"], districts["colleges"], strict=True)
    ]
    points = (
        places.dropna(subset=["lon_gcj02"])
        .groupby(["member", "lon_gcj02", "lat_gcj02"])["id"]
        .nunique()
        .rename("n")
        .reset_index()
    )
    points["hover"] = [t("consortia.member_hover", lang, name=m, n=n) for m, n in zip(points["member"], points["n"], strict=True)]
    points["colour"] = charts.FOCUS_COLOUR
    return maps.district_map(
        districts, points, value="colleges", hover="hover", point_hover="hover", point_colour="colour",
        title=t("consortia.map_title", lang, colleges=located["member"].nunique()), unit=t("consortia.count_unit", lang),
    )  # fmt: skip


# ---- budgets ----------------------------------------------------------------------------------


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
    return {"figure": figure, "table": table, "provinces": province_table}


# ---- demand fit -------------------------------------------------------------------------------


def section_names(data: Data, lang: str) -> dict[str, str]:
    sections = data.table("industry_sections")
    return dict(zip(sections["code"], sections[f"name_{lang}"], strict=True))


def industry_structure(data: Data, year: int, lang: str) -> dict:
    """Chongqing's employment mix against the national total, location quotients, pillar industries."""
    names = section_names(data, lang)
    place = data.province_names(lang)[FOCUS]
    employment = data.table("province_employment_by_section")
    lq = location_quotients(employment, group="province_adcode", item="section", value="employed_10k")
    mine = lq[lq["province_adcode"] == FOCUS].copy()
    mine["label"] = [f"{s} {names[s]}" for s in mine["section"]]
    shares_long = pd.concat(
        [
            pd.DataFrame({"label": mine["label"], "series": place, "share": mine["share"]}),
            pd.DataFrame({"label": mine["label"], "series": t("demand.national", lang), "share": mine["national_share"]}),
        ]
    )
    shares_long["hover"] = [
        f"{s} · {lbl}: {format_percent(v, lang)}"
        for s, lbl, v in zip(shares_long["series"], shares_long["label"], shares_long["share"], strict=True)
    ]
    shares_figure = charts.grouped_bars(
        shares_long, category="label", series="series", value="share", hover="hover",
        title=t("demand.shares_title", lang, place=place), axis_title=t("demand.share_axis", lang),
    )  # fmt: skip
    mine["hover"] = [f"{lbl}<br>LQ {v:.2f}" for lbl, v in zip(mine["label"], mine["location_quotient"], strict=True)]
    lq_figure = charts.diverging_bar(
        mine, label="label", value="location_quotient", midpoint=1.0, hover="hover",
        title=t("demand.lq_title", lang, place=place), axis_title=t("demand.lq_axis", lang),
    )  # fmt: skip
    value_added = location_quotients(
        value_added_long(data.table("province_gdp"), year), group="province_adcode", item="industry", value="value_added"
    )
    va_mine = value_added[value_added["province_adcode"] == FOCUS].copy()
    va_mine["label"] = [t(f"va.{i}", lang) for i in va_mine["industry"]]
    va_mine["hover"] = [
        f"{lbl}<br>LQ {v:.2f} · {format_percent(s, lang)}"
        for lbl, v, s in zip(va_mine["label"], va_mine["location_quotient"], va_mine["share"], strict=True)
    ]
    va_figure = charts.diverging_bar(
        va_mine, label="label", value="location_quotient", midpoint=1.0, hover="hover",
        title=t("demand.va_lq_title", lang, place=place, year=year), axis_title=t("demand.lq_axis", lang),
    )  # fmt: skip
    pillars = mine[(mine["location_quotient"] > 1) & (mine["share"] >= PILLAR_MIN_SHARE)].sort_values("share", ascending=False)
    pillar_text = t(
        "demand.pillars", lang, place=place,
        items="、".join(f"{names[s]}（{format_percent(sh, lang)}，LQ {q:.2f}）" for s, sh, q in zip(pillars["section"], pillars["share"], pillars["location_quotient"], strict=True))
        if lang == "zh" else "; ".join(f"{names[s]} ({format_percent(sh, lang)}, LQ {q:.2f})" for s, sh, q in zip(pillars["section"], pillars["share"], pillars["location_quotient"], strict=True)),
    )  # fmt: skip
    return {"shares": shares_figure, "lq": lq_figure, "va": va_figure, "pillars": pillar_text}


def supply_table(data: Data, demo: bool) -> tuple[pd.DataFrame | None, bool]:
    """(specialty points by category, whether they are demo data): an imported table first, else demo data in demo mode."""
    imported = data.optional_table("specialty_points")
    if imported is not None:
        return imported, False
    if demo:
        return data.table("demo_specialty_points"), True
    return None, False


def supply_demand_view(data: Data, year: int, category: int | None, demo: bool, lang: str) -> dict | None:
    """Supply vs demand by category for Chongqing, bands with suggestions, F and its rank."""
    points, uses_demo = supply_table(data, demo)
    if points is None:
        return None
    year = int(points["year"].max()) if year not in set(points["year"]) else year
    if points[(points["province_adcode"] == FOCUS) & (points["year"] == year)].empty:
        return None
    employment = data.table("province_employment_by_section")
    crosswalk = data.table("crosswalk")
    categories = category_names(data, lang)
    table = region_fit(points, employment, crosswalk, FOCUS, year)
    table["label"] = [f"{c} {categories[int(c)]}" for c in table["category_code"]]
    highlight = next((lbl for c, lbl in zip(table["category_code"], table["label"], strict=True) if c == category), None)
    fits = fit_by_region(points, employment, crosswalk, year)
    fits["rank"] = competition_rank(fits["fit"])
    mine = fits[fits["province_adcode"] == FOCUS].iloc[0]
    place = data.province_names(lang)[FOCUS]
    paired = charts.paired_bars(
        table, label="label", first="supply_share", second="demand_share",
        names=(t("demand.supply", lang), t("demand.demand", lang)), highlight=highlight,
        title=t("demand.fit_title", lang, place=place, year=year, fit=f"{mine['fit']:.2f}", rank=int(mine["rank"]), of=len(fits)),
        axis_title=t("demand.share_axis", lang),
    )  # fmt: skip
    table["hover"] = [
        f"{lbl}<br>{t('demand.gap', lang)} {g * 100:+.1f} pp" for lbl, g in zip(table["label"], table["gap"], strict=True)
    ]
    gap = charts.diverging_bar(
        table,
        label="label",
        value="gap",
        midpoint=0.0,
        hover="hover",
        title=t("demand.gap_title", lang),
        axis_title=t("demand.gap_axis", lang),
        tick_format="+.1%",
    )
    bands = pd.DataFrame(
        {
            t("demand.col_category", lang): table["label"],
            t("demand.supply", lang): (table["supply_share"] * 100).round(1),
            t("demand.demand", lang): (table["demand_share"] * 100).round(1),
            t("demand.col_ratio", lang): table["ratio"].round(2),
            t("demand.col_band", lang): [t(f"band.{b}", lang) if b else "—" for b in table["band"]],
            t("demand.col_suggestion", lang): [t(f"band.{b}.suggestion", lang) if b else "" for b in table["band"]],
        }
    )
    regional = points[points["province_adcode"] == FOCUS]
    effect = adjustment_effect(regional[regional["year"] > regional["year"].min()], employment_of(employment, FOCUS), crosswalk)
    effect_figure = None
    if not effect.empty:
        effect["hover"] = [
            f"{y}: +{a} / −{r}<br>ΔF {c:+.4f}"
            for y, a, r, c in zip(effect["year"], effect["added"], effect["removed"], effect["fit_change"], strict=True)
        ]
        effect_figure = charts.series_bars(
            effect,
            x="year",
            value="fit_change",
            hover="hover",
            title=t("demand.effect_title", lang, place=place),
            axis_title="ΔF",
            tick_format="+.4f",
        )
    return {
        "paired": paired,
        "gap": gap,
        "bands": bands,
        "fit": float(mine["fit"]),
        "rank": int(mine["rank"]),
        "of": len(fits),
        "effect": effect_figure,
        "table": table,
        "uses_demo": uses_demo,
        "year": year,
        "sources": ["demo_specialty_points" if uses_demo else "specialty_points", "province_employment_by_section", "crosswalk"],
    }


def adjustments_view(data: Data, lang: str) -> dict:
    """Compiled specialty-point figures: national 高职 totals by year, 2024 additions by field, Chongqing rows."""
    rows = data.table("specialty_adjustments")
    vocational = rows[(rows["region"] == "全国") & (rows["level"] == "高职专科")]
    totals = vocational[vocational["measure"] == "total_points"].sort_values("year").copy()
    totals["hover"] = [f"{int(y)}: {format_number(int(v), lang)}" for y, v in zip(totals["year"], totals["value"], strict=True)]
    totals_figure = charts.series_bars(
        totals,
        x="year",
        value="value",
        hover="hover",
        title=t("demand.national_points_title", lang),
        axis_title=t("demand.points_unit", lang),
    )
    fields = vocational[
        (vocational["year"] == 2024)
        & (vocational["measure"].isin(["added_points", "removed_points"]))
        & vocational["category_name"].notna()
    ].copy()
    fields["label"] = [f"{t('demand.' + m, lang)} · {n}" for m, n in zip(fields["measure"], fields["category_name"], strict=True)]
    fields["role"] = "other"
    fields["hover"] = [f"{lbl}: {int(v)}" for lbl, v in zip(fields["label"], fields["value"], strict=True)]
    fields = fields.sort_values("value", ascending=False)
    fields_figure = charts.ranking_bar(
        fields,
        label="label",
        value="value",
        role="role",
        hover="hover",
        title=t("demand.fields_title", lang),
        axis_title=t("demand.points_unit", lang),
    )
    total_2024 = vocational[(vocational["year"] == 2024) & vocational["category_name"].isna()].set_index("measure")["value"]
    summary = t(
        "demand.national_2024",
        lang,
        added=int(total_2024.get("added_points", 0)),
        removed=int(total_2024.get("removed_points", 0)),
        total=int(total_2024.get("total_points", 0)),
    )
    chongqing = rows[rows["region"] == "重庆"]
    cq_table = pd.DataFrame(
        {
            t("col.year", lang): chongqing["year"].astype("string").fillna("—"),
            t("col.level", lang): chongqing["level"],
            t("demand.col_measure", lang): [t(f"demand.{m}", lang) for m in chongqing["measure"]],
            t("demand.col_value", lang): chongqing["value"],
            t("col.confidence", lang): [t(f"confidence.{c}", lang) for c in chongqing["confidence"]],
            t("col.source", lang): chongqing["source_url"],
        }
    )
    return {"totals": totals_figure, "fields": fields_figure, "summary": summary, "chongqing": cq_table}


def crosswalk_table(data: Data, lang: str) -> pd.DataFrame:
    crosswalk = data.table("crosswalk")
    sections = section_names(data, lang)
    categories = category_names(data, lang)
    return pd.DataFrame(
        {
            t("demand.col_section", lang): [f"{s} {sections[s]}" for s in crosswalk["section"]],
            t("demand.col_category", lang): [f"{int(c)} {categories[int(c)]}" for c in crosswalk["category_code"]],
            t("demand.col_weight", lang): crosswalk["weight"],
        }
    )


def paper_claim(data: Data, figure_id: str, lang: str) -> str:
    """One of the paper's figures as a boxed statement: the claim, then how far it could be checked."""
    row = data.table("paper_figures").set_index("id").loc[figure_id]
    return f"**{t('paper.says', lang)}** {row[f'claim_{lang}']}  \n{row[f'verification_{lang}']}"


def consortium_leads(data: Data, demo: bool) -> list[str]:
    return sorted(set(memberships(consortia_register(data, demo))["member"]))


def college_profile(data: Data, code: str, edition: str, lang: str) -> dict:
    """One college for the "my college" panel: facts, location with map and campuses, consortia."""
    institutions = data.table("institutions")
    college = institutions[(institutions["list_date"] == edition) & (institutions["code"] == code)].iloc[0]
    facts = [
        (t("col.level", lang), t(f"level.{college['level']}", lang)),
        (t("col.ownership", lang), t(f"ownership.{college['ownership']}", lang)),
        (t("col.province", lang), data.province_names(lang)[int(college["province_adcode"])]),
        (t("col.authority", lang), college["authority"]),
    ]
    located = located_colleges(data.table("cq_colleges"), institutions, "2025-06-20")
    here = located[located["code"] == code]
    location = None
    if not here.empty:
        place = here.iloc[0]
        district = data.district_name(place["district_adcode"], lang)
        labels = data.district_names(lang)
        districts = district_counts(here, data.table("cq_districts"))
        districts["hover"] = [labels[a] for a in districts["adcode"]]
        point = here.dropna(subset=["lon_gcj02"]).assign(hover=college["name"], colour="#D55E00")
        campuses = data.table("cq_campuses")
        campuses = campuses[campuses["code"] == code]
        location = {
            "markdown": t(
                "institutions.location", lang, district=district, campus=place["main_campus"] or "—",
                address=place["main_address"] or "—",
            ),
            "map": maps.district_map(
                districts, point, value="colleges", hover="hover", point_hover="hover", point_colour="colour",
                title=t("institutions.map_title", lang, name=college["name"], district=district), unit=t("unit.colleges", lang),
            ),
            "campuses": pd.DataFrame(
                {
                    t("col.campus", lang): campuses["campus"].fillna("—"),
                    t("col.address", lang): campuses["address"].fillna("—"),
                    t("col.district", lang): [data.district_name(d, lang) for d in campuses["district_adcode"]],
                }
            ),
        }  # fmt: skip
    consortia = college_consortia(data.table("consortia"), college["name"])
    consortia_table = consortia[["name_zh", "kind", "founded_date", "confidence"]].rename(
        columns={"name_zh": t("col.name", lang), "kind": t("col.kind", lang), "founded_date": t("col.founded", lang),
                 "confidence": t("col.confidence", lang)}
    )  # fmt: skip
    return {"facts": facts, "location": location, "consortia": consortia_table}


def dataset_listing(data: Data, lang: str, versions: tuple[tuple[str, str], ...]) -> pa.Table:
    """Every dataset with status, publisher, dates, licence, rows and the version in use."""
    current = dict(versions)
    entries = catalog.every_dataset()
    listing = pd.DataFrame(
        {
            t("data.col_dataset", lang): [m.title[lang] for m in entries],
            t("data.col_status", lang): [t(f"status.{m.status}", lang) for m in entries],
            t("data.col_publisher", lang): [m.source.get("publisher", "") for m in entries],
            t("data.col_published", lang): [m.source.get("published", "") or "—" for m in entries],
            t("data.col_accessed", lang): [m.source.get("accessed", "") or "—" for m in entries],
            t("data.col_licence", lang): [m.licence for m in entries],
            t("data.col_rows", lang): [m.rows for m in entries],
            t("data.col_version", lang): [
                t("data.version_imported", lang, id=current[m.name][:8])
                if m.name in current
                else (t("data.version_builtin", lang, id=m.sha256[:8]) if m.sha256 else "—")
                for m in entries
            ],
            t("data.col_link", lang): [m.source.get("url") or None for m in entries],
        }
    )
    # Arrow once per language and version set: nothing to convert on each rerun.
    return pa.Table.from_pandas(listing, preserve_index=False)
