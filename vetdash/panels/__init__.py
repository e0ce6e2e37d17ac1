"""Panel builders: figures and display tables computed from the registered tables, one module per page.

Pure of Streamlit: each takes a ``Data`` accessor first, so the app passes its cached loaders
(and caches each panel by its arguments) while tests can pass plain frames. A page's builders
live in the module named after the page; every builder is also importable from this package.
"""

from __future__ import annotations

from vetdash.panels.budgets import (
    budget_facts_markdown,
    chongqing_budgets,
    college_budget,
    college_budget_view,
    demo_budget_view,
    is_vocational_scope,
)
from vetdash.panels.common import Data, Panel, category_names, markdown_table, paper_claim
from vetdash.panels.consortia import consortia_register, consortia_view, consortium_leads, lead_map, membership_view
from vetdash.panels.data import dataset_listing
from vetdash.panels.demand import (
    PILLAR_MIN_SHARE,
    adjustments_view,
    crosswalk_table,
    default_supply_year,
    industry_structure,
    news_adjustments,
    section_names,
    supply_demand_view,
    supply_years,
)
from vetdash.panels.institutions import authority_options, college_choices, college_profile, institution_rows, renamed_notes
from vetdash.panels.map import chongqing_columns, chongqing_map, chongqing_supply_map, national_map
from vetdash.panels.overview import (
    institution_changes_markdown,
    institution_changes_source,
    overview_cards,
    paper_table,
    paper_table_frame,
    policy_timeline,
)
from vetdash.panels.portfolio import college_portfolio, specialties_since
from vetdash.panels.rankings import bump_figure, ranking_frame, ranking_view

__all__ = [
    "PILLAR_MIN_SHARE",
    "Data",
    "Panel",
    "adjustments_view",
    "authority_options",
    "budget_facts_markdown",
    "bump_figure",
    "category_names",
    "chongqing_budgets",
    "chongqing_columns",
    "chongqing_map",
    "chongqing_supply_map",
    "college_budget",
    "college_budget_view",
    "college_choices",
    "college_portfolio",
    "college_profile",
    "consortia_register",
    "consortia_view",
    "consortium_leads",
    "crosswalk_table",
    "dataset_listing",
    "default_supply_year",
    "demo_budget_view",
    "industry_structure",
    "institution_changes_markdown",
    "institution_changes_source",
    "institution_rows",
    "is_vocational_scope",
    "lead_map",
    "markdown_table",
    "membership_view",
    "national_map",
    "news_adjustments",
    "overview_cards",
    "paper_claim",
    "paper_table",
    "paper_table_frame",
    "policy_timeline",
    "ranking_frame",
    "ranking_view",
    "renamed_notes",
    "section_names",
    "specialties_since",
    "supply_demand_view",
    "supply_years",
]
