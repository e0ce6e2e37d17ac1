"""Institutions page: the filtered list, the college picker and the "my college" profile."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from vetdash import maps
from vetdash.analysis.colleges import district_counts, located_colleges
from vetdash.analysis.institutions import (
    college_consortia,
    college_names,
    filter_institutions,
    former_names,
    search_institutions,
)
from vetdash.i18n import t, text_or_dash
from vetdash.metrics import FOCUS
from vetdash.panels.budgets import college_budget
from vetdash.panels.common import Data, Panel, filter_codes, institution_changes
from vetdash.text import markdown_literal, plot_literal


def authority_options(data: Data, edition_date: str) -> list[str]:
    """The distinct 主管部门 (supervising authorities) of one MOE list edition (``list_date``), sorted."""
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
) -> tuple[pd.DataFrame, pa.Table]:
    """The institutions page's list: one MOE edition filtered by the page's choices.

    Args: ``edition_date`` a list_date of ``institutions`` (MOE list, official); ``query`` name search
    (former names too, from ``institution_changes`` and ``register_institutions``); ``provinces``
    adcodes, ``levels`` 本科/专科, ``ownerships`` codes, ``authorities`` names, ``districts`` Chongqing
    district adcodes (via ``cq_colleges``); empty tuples do not filter.
    Returns: (frame with display columns in ``lang``: code, name, province, city, level, ownership,
    authority; the same as a pyarrow Table, for a fast dataframe widget).
    """
    listed = data.table("institutions")
    found = filter_institutions(
        listed[listed["list_date"] == edition_date], query=query, provinces=list(provinces), levels=list(levels),
        ownerships=list(ownerships), authorities=list(authorities), formers=former_names(institution_changes(data), data.table("register_institutions")),
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


def renamed_notes(data: Data, edition_date: str, query: str, lang: str) -> list[str]:
    """ "<former> was renamed <current>" for each former name the search matched, in the edition shown."""
    listed = data.table("institutions")
    listed = listed[listed["list_date"] == edition_date]
    _, renamed = search_institutions(listed, query, former_names(institution_changes(data), data.table("register_institutions")))
    current = dict(zip(listed["code"].astype(str), listed["name"], strict=True))
    return [
        t("institutions.renamed", lang, former=r.former_name, current=current[str(r.code)], code=r.code)
        for r in renamed.itertuples()
    ]


def college_choices(data: Data, edition_date: str) -> tuple[list[str], dict[str, str]]:
    """Chongqing's college codes, and labels (name and code) for every institution of the edition."""
    listed = data.table("institutions")
    listed = listed[listed["list_date"] == edition_date]
    labels = {c: f"{n} ({c})" for c, n in zip(listed["code"], listed["name"], strict=True)}
    chongqing = sorted(listed.loc[listed["province_adcode"] == FOCUS, "code"])
    return chongqing, labels


def college_profile(data: Data, code: str, edition: str, lang: str) -> dict:
    """One college for the "my college" panel: facts, location with map and campuses, consortia."""
    institutions = data.table("institutions")
    college = institutions[(institutions["list_date"] == edition) & (institutions["code"] == code)].iloc[0]
    facts = [
        (t("col.level", lang), t(f"level.{college['level']}", lang)),
        (t("col.ownership", lang), t(f"ownership.{college['ownership']}", lang)),
        (t("col.province", lang), markdown_literal(data.province_names(lang)[int(college["province_adcode"])])),
        (t("col.authority", lang), markdown_literal(college["authority"])),  # a metric's value is Markdown
    ]
    located = located_colleges(data.table("cq_colleges"), institutions, edition)
    here = located[located["code"] == code]
    location = None
    if not here.empty:
        place = here.iloc[0]
        district = data.district_name(place["district_adcode"], lang)
        labels = data.district_names(lang)
        districts = district_counts(here, data.table("cq_districts"))
        districts["hover"] = [plot_literal(labels[a]) for a in districts["adcode"]]
        point = here.dropna(subset=["lon_gcj02"]).assign(hover=plot_literal(college["name"]), colour="#D55E00")
        campuses = data.table("cq_campuses")
        campuses = campuses[campuses["code"] == code]
        map_title = t("institutions.map_title", lang, name=college["name"], district=district)
        location = {
            "markdown": t(
                "institutions.location", lang, district=markdown_literal(district),
                campus=markdown_literal(text_or_dash(place["main_campus"])), address=markdown_literal(text_or_dash(place["main_address"])),
            ),
            "map": Panel(
                # One college: the shading marks its district, a count of 0 or 1 needs no colour bar.
                maps.district_map(
                    districts, point, value="colleges", hover="hover", point_hover="hover", point_colour="colour",
                    title=map_title, unit=t("unit.colleges", lang), show_scale=False,
                ),
                pd.DataFrame({t("col.district", lang): districts["hover"], t("unit.colleges", lang): districts["colleges"].astype(int)}),
                map_title, ("cq_colleges",), None, filter_codes(college=code, edition=edition), category=t("col.district", lang),
                values=(t("unit.colleges", lang),), kind="map",
            ),
            "campuses": pd.DataFrame(
                {
                    t("col.campus", lang): campuses["campus"].fillna("—"),
                    t("col.address", lang): campuses["address"].fillna("—"),
                    t("col.district", lang): [data.district_name(d, lang) for d in campuses["district_adcode"]],
                }
            ),
        }  # fmt: skip
    consortia = college_consortia(data.table("consortia"), college_names(institutions, institution_changes(data), code))
    consortia_table = consortia[["name_zh", "kind", "founded_date", "confidence"]].rename(
        columns={"name_zh": t("col.name", lang), "kind": t("col.kind", lang), "founded_date": t("col.founded", lang),
                 "confidence": t("col.confidence", lang)}
    )  # fmt: skip
    budget = college_budget(data, college["name"], lang)
    return {"facts": facts, "location": location, "consortia": consortia_table, "budget": budget}
