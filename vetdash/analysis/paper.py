"""Set the seed paper's figures beside what today's registered data show."""

from __future__ import annotations

import pandas as pd


def paper_arithmetic(part: float, whole: float) -> float:
    """The paper's own share, part / whole, as a fraction (raises ZeroDivisionError for a zero whole)."""
    return part / whole


def paper_checks(
    paper: pd.DataFrame,
    institutions: pd.DataFrame,
    consortia: pd.DataFrame,
    adjustments: pd.DataFrame,
    focus: int,
    *,
    fit: float | None = None,
) -> pd.DataFrame:
    """One row per paper figure: the stated value and the comparable figure in our data (if any).

    Args:
        paper: ``paper_figures`` (id, value, …); institutions, consortia, adjustments: the
            ``institutions``, ``consortia`` and ``specialty_adjustments`` datasets; focus: an adcode.
        fit: the focus province's fit index F from the specialty register (0–1), set against the
            paper's "out of touch" claim; None when unknown.
    Returns:
        ``paper`` plus check_value (None where no comparable figure exists; counts of institutions
        or consortia, a percentage for the paper's own arithmetic, F) and check_basis (a locale key
        suffix naming what was compared, so the page can say it).
    Raises:
        KeyError: the paper figures lack cq_zhuanke_2023 or national_zhuanke_2023.
    Sources: the seed paper (status paper) against the MOE list, the compiled registers and the
    MOE specialty register.
    """
    stated = paper.set_index("id")["value"]

    def zhuanke(edition: str, province: int | None = None) -> int:
        rows = institutions[(institutions["list_date"] == edition) & (institutions["level"] == "专科")]
        if province is not None:
            rows = rows[rows["province_adcode"] == province]
        return len(rows)

    national_communities = consortia[(consortia["kind"] == "行业产教融合共同体") & (consortia["scope"] == "national")]
    cq_undergrad_added = adjustments[
        (adjustments["region"] == "重庆") & (adjustments["measure"] == "added_points") & (adjustments["year"] == 2024)
    ]
    checks = {
        "national_zhuanke_2023": (zhuanke("2025-06-20"), "moe_2025_national"),
        "cq_zhuanke_2023": (zhuanke("2024-06-20", focus), "moe_2024_cq"),
        "cq_zhuanke_share_stated": (
            100 * paper_arithmetic(float(stated["cq_zhuanke_2023"]), float(stated["national_zhuanke_2023"])),
            "paper_arithmetic",
        ),
        "cq_budget_rank": (None, "not_traceable"),
        "cq_communities": (len(national_communities), "register_national_communities"),
        "cq_new_undergrad_points": (
            float(cq_undergrad_added["value"].iloc[0]) if len(cq_undergrad_added) else None,
            "undergrad_added_2024",
        ),
        "cq_coop_platforms": (None, "no_source"),
        "specialty_fit": (fit, "register_fit"),
    }
    out = paper.copy()
    out["check_value"] = [checks.get(i, (None, "no_source"))[0] for i in out["id"]]
    out["check_basis"] = [checks.get(i, (None, "no_source"))[1] for i in out["id"]]
    return out
