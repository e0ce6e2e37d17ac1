"""Consortia page: the register filtered, by sector, lead members, founding dates, map and matrix."""

from __future__ import annotations

import pandas as pd

from vetdash import charts, maps
from vetdash.analysis.consortia import categories_of, filter_consortia, founding_date, memberships, sector_counts
from vetdash.i18n import t
from vetdash.panels.common import Data, category_names


def consortia_register(data: Data, demo: bool) -> pd.DataFrame:
    """The compiled register; in demo mode the fictitious demo bodies are added, flagged ``is_demo``."""
    real = data.table("consortia").assign(is_demo=False, members=None)
    if not demo:
        return real
    fake = data.table("demo_consortia").assign(confidence="demo", is_demo=True, source_url=None, lead_enterprises=None)
    return pd.concat([real, fake[[c for c in fake.columns if c in real.columns]]], ignore_index=True)


def consortium_leads(data: Data, demo: bool) -> list[str]:
    return sorted(set(memberships(consortia_register(data, demo))["member"]))


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
