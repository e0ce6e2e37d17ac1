"""Consortia page: the register filtered, by sector, lead members, founding dates, map and matrix."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vetdash import charts, maps
from vetdash.analysis.consortia import categories_of, filter_consortia, founding_date, memberships, sector_counts
from vetdash.i18n import t
from vetdash.panels.common import Data, Panel, category_names, filter_codes
from vetdash.text import plot_literal


def consortia_register(data: Data, demo: bool) -> pd.DataFrame:
    """The compiled register; in demo mode the fictitious demo bodies are added, flagged ``is_demo``.

    Returns: the ``consortia`` columns (compiled from news and notices, each row with its source_url)
    plus ``is_demo`` (bool) and ``members``; demo rows come from ``demo_consortia`` with confidence
    "demo" and no source_url.
    """
    real = data.table("consortia").assign(is_demo=False, members=None)
    if not demo:
        return real
    fake = data.table("demo_consortia").assign(confidence="demo", is_demo=True, source_url=None, lead_enterprises=None)
    return pd.concat([real, fake[[c for c in fake.columns if c in real.columns]]], ignore_index=True)


def consortium_leads(data: Data, demo: bool) -> list[str]:
    """Every lead college named in the register (demo bodies' too when ``demo``), sorted, each once."""
    return sorted(set(memberships(consortia_register(data, demo))["member"]))


def consortia_view(
    data: Data, kinds: tuple[str, ...], scopes: tuple[str, ...], category: int | None, lead: str | None,
    years: tuple[int, int] | None, hide_low: bool, demo: bool, lang: str,
) -> dict:  # fmt: skip
    """Everything the consortia page shows for one filter state: the bodies found (``found``), a
    panel (or None when nothing is there to draw) for each of treemap, members, timeline, map and
    matrix, the register ``table`` as shown, ``uses_demo``, ``sources`` and ``low`` (to verify)."""
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
    uses_demo = bool(found["is_demo"].any())
    sources = ("consortia", "specialty_categories", *(("demo_consortia",) if uses_demo else ()))
    codes = filter_codes(
        kind=kinds, scope=scopes, sector=category, lead=lead, founded=years, verified=hide_low or None, demo=demo or None
    )
    count_column = t("consortia.count_unit", lang)

    def panel(figure, shown: pd.DataFrame, title: str, category: str, **more) -> Panel:
        return Panel(figure, shown, title, more.pop("sources", sources), None, codes, category=category, demo=uses_demo, **more)

    counts = sector_counts(found)
    counts["label"] = [names.get(int(c), "") if pd.notna(c) else t("consortia.unmapped", lang) for c in counts["category_code"]]
    counts["hover"] = [f"{plot_literal(lbl)}: {n}" for lbl, n in zip(counts["label"], counts["consortia"], strict=True)]
    treemap_title = t("consortia.sector_title", lang, n=len(found))
    treemap = (
        panel(
            charts.treemap(counts, label="label", value="consortia", hover="hover", title=treemap_title),
            pd.DataFrame({t("col.sector", lang): counts["label"], count_column: counts["consortia"].astype(int)}),
            treemap_title, t("col.sector", lang), values=(count_column,), kind="share",
        )
        if len(found)
        else None
    )  # fmt: skip

    leads = memberships(found)
    lead_counts = leads.groupby("member")["id"].nunique().rename("consortia").reset_index()
    lead_counts = lead_counts.sort_values(["consortia", "member"], ascending=[False, True]).head(20)
    lead_counts["role"] = ["focus" if m == lead else "other" for m in lead_counts["member"]]
    lead_counts["hover"] = [
        t("consortia.member_hover", lang, name=plot_literal(m), n=n)
        for m, n in zip(lead_counts["member"], lead_counts["consortia"], strict=True)
    ]
    members = (
        panel(
            charts.ranking_bar(lead_counts, label="member", value="consortia", role="role", hover="hover",
                               title=t("consortia.members_title", lang), axis_title=count_column),
            pd.DataFrame({t("col.member", lang): lead_counts["member"], count_column: lead_counts["consortia"].astype(int)}),
            t("consortia.members_title", lang), t("col.member", lang), values=(count_column,),
            focus=tuple(lead_counts.loc[lead_counts["role"] == "focus", "member"]),
        )
        if len(lead_counts) else None
    )  # fmt: skip

    dated = found.assign(when=pd.Series([founding_date(d) for d in found["founded_date"]], index=found.index)).dropna(
        subset=["when"]
    )
    dated = dated.assign(
        group=[t(f"kind.{k}", lang) for k in dated["kind"]],
        hover=[
            f"<b>{plot_literal(n)}</b><br>{plot_literal(d)}" for n, d in zip(dated["name_zh"], dated["founded_date"], strict=True)
        ],
    )
    timeline_title = t("consortia.timeline_title", lang, n=len(dated), total=len(found))
    timeline = (
        panel(
            charts.timeline(dated, date="when", label="name_zh", group="group", hover="hover", title=timeline_title, lang=lang),
            pd.DataFrame({t("col.consortium", lang): dated["name_zh"], t("col.kind", lang): dated["group"],
                          t("col.founded", lang): dated["founded_date"].astype(str)}),
            timeline_title, t("col.consortium", lang), kind="timeline",
        )
        if len(dated) else None
    )  # fmt: skip

    located = lead_map(data, leads, lang)
    lead_places = (
        panel(*located, t("col.district", lang), values=(count_column,), kind="map", sources=(*sources, "cq_colleges"))
        if located
        else None
    )
    matrix = membership_view(found, lang)
    matrix_panel = panel(*matrix, t("col.member", lang), kind="matrix") if matrix else None
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
        "uses_demo": uses_demo,
        "sources": sources,
        "treemap": treemap,
        "members": members,
        "timeline": timeline,
        "map": lead_places,
        "matrix": matrix_panel,
        "table": table,
        "low": int((found["confidence"] == "low").sum()),
    }


def membership_view(found: pd.DataFrame, lang: str) -> tuple[go.Figure, pd.DataFrame, str] | None:
    """Colleges and enterprises that lead each body, as a member × body matrix.

    Args: ``found`` consortia rows (id, name_zh, lead_institutions, lead_enterprises) as ``consortia_view`` filters them.
    Returns: (figure, table with columns member, consortium, role in ``lang`` — one row per mark, title),
    or None when no body names a lead.
    """
    colleges = memberships(found).assign(role=t("consortia.role_college", lang))
    firms = memberships(found, members="lead_enterprises").assign(role=t("consortia.role_enterprise", lang))
    cells = pd.concat([colleges, firms], ignore_index=True)
    if cells.empty:
        return None
    short = {i: (n if len(n) <= 14 else n[:13] + "…") for i, n in zip(found["id"], found["name_zh"], strict=True)}
    full = dict(zip(found["id"], found["name_zh"], strict=True))
    cells["body"] = cells["id"].map(short)
    cells["hover"] = [
        f"<b>{plot_literal(m)}</b><br>{plot_literal(full[i])}" for m, i in zip(cells["member"], cells["id"], strict=True)
    ]
    title = t("consortia.matrix_title", lang, members=cells["member"].nunique(), bodies=cells["id"].nunique())
    figure = charts.membership_matrix(cells, member="member", body="body", kind="role", hover="hover", title=title)
    shown = pd.DataFrame(
        {
            t("col.member", lang): cells["member"],
            t("col.consortium", lang): cells["id"].map(full),
            t("col.role", lang): cells["role"],
        }
    )
    return figure, shown, title


def lead_map(data: Data, leads: pd.DataFrame, lang: str) -> tuple[go.Figure, pd.DataFrame, str] | None:
    """Lead colleges located in Chongqing: districts shaded by consortia led there, college points on top.

    Args: ``leads`` member (college name), id (consortium) rows, as ``analysis.consortia.memberships``
    gives them; colleges are placed by name through ``cq_colleges`` (name or name_later).
    Returns: (figure, table with columns district, number of consortia led there — every district of
    ``cq_districts``, title), or None when no lead college is in ``cq_colleges``.
    """
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
        f"<b>{plot_literal(district_label[a])}</b><br>{t('consortia.map_hover', lang, n=n)}"
        for a, n in zip(districts["adcode"], districts["colleges"], strict=True)
    ]
    points = (
        places.dropna(subset=["lon_gcj02"])
        .groupby(["member", "lon_gcj02", "lat_gcj02"])["id"]
        .nunique()
        .rename("n")
        .reset_index()
    )
    points["hover"] = [
        t("consortia.member_hover", lang, name=plot_literal(m), n=n) for m, n in zip(points["member"], points["n"], strict=True)
    ]
    points["colour"] = charts.FOCUS_COLOUR
    title = t("consortia.map_title", lang, colleges=located["member"].nunique())
    figure = maps.district_map(
        districts, points, value="colleges", hover="hover", point_hover="hover", point_colour="colour",
        title=title, unit=t("consortia.count_unit", lang),
    )  # fmt: skip
    shown = pd.DataFrame(
        {
            t("col.district", lang): [district_label[a] for a in districts["adcode"]],
            t("consortia.count_unit", lang): districts["colleges"],
        }
    )
    return figure, shown, title
