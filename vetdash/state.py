"""View state that lives in the URL. These keys are the query parameters listed in the README."""

from __future__ import annotations

from dataclasses import dataclass

from vetdash.metrics import FOCUS

# The pages: script, title key, icon, URL path. The first is the default page.
PAGES = (
    ("pages/overview.py", "nav.overview", ":material/dashboard:", "overview"),
    ("pages/map.py", "nav.map", ":material/map:", "map"),
    ("pages/rankings.py", "nav.rankings", ":material/leaderboard:", "rankings"),
    ("pages/institutions.py", "nav.institutions", ":material/account_balance:", "institutions"),
    ("pages/consortia.py", "nav.consortia", ":material/hub:", "consortia"),
    ("pages/demand.py", "nav.demand", ":material/balance:", "demand"),
    ("pages/budgets.py", "nav.budgets", ":material/account_balance_wallet:", "budgets"),
    ("pages/data.py", "nav.data", ":material/database:", "data"),
)
PAGE_SCRIPTS = tuple(page[0] for page in PAGES)

# Shared across pages (rendered in the sidebar on every page, so page switches keep them).
LANG = "lang"
DEMO = "demo"
PEERS = "peers"
YEAR = "year"
EDITION = "edition"
# Page parameters.
INDICATOR = "indicator"
CQ_FILTER = "cq"
QUERY = "q"
PROVINCES = "prov"
LEVEL = "level"
OWNERSHIP = "own"
COLLEGE = "college"
TABLE_PAGE = "page"
KIND = "kind"
SCOPE = "scope"
SECTOR = "sector"
FOUNDED = "founded"
VERIFIED = "verified"
LEAD = "lead"
TAB = "tab"
VIEW = "view"
SUPPLY_YEAR = "syear"
SUPPLY_SCOPE = "supply"

URL_PARAMETERS = {
    LANG: "zh | en (default zh)",
    DEMO: "true shows demo data, watermarked (default off)",
    PEERS: "comparison provinces, repeated (default: Sichuan, Guizhou, Shaanxi, Hubei, Hunan, Henan, Beijing, Shanghai, Guangdong)",
    YEAR: "economy year: any year of province GDP in the data, imported years included (default the newest)",
    EDITION: "MOE list edition by its as-of date, e.g. 2025-06-20: any edition in the data, imported ones included (default the newest)",
    INDICATOR: "province indicator on Map and Rankings (default zhuanke)",
    CQ_FILTER: "Chongqing map filter: all | zhuanke | benke | public | private",
    QUERY: "Institutions: name search text",
    PROVINCES: "Institutions: province filter, repeated",
    LEVEL: "Institutions: level filter",
    OWNERSHIP: "Institutions: ownership filter",
    COLLEGE: "Institutions: the college shown in the 'my college' panel (its name and code as listed)",
    TABLE_PAGE: "Institutions: page of the result table (100 rows a page)",
    KIND: "Consortia: kind filter, repeated",
    SCOPE: "Consortia: scope filter, repeated",
    SECTOR: "Consortia and Demand fit: specialty category (the same sector on both pages)",
    FOUNDED: "Consortia: founding-year range",
    VERIFIED: "Consortia: true hides rows marked 'to verify'",
    LEAD: "Consortia: lead institution",
    TAB: "Consortia and Demand fit: the section shown (its button label, in the page's language)",
    VIEW: "Rankings: chart | table",
    SUPPLY_YEAR: "Demand fit: year of the specialty register 2016–2025 (default: the latest year with employment data, 2024)",
    SUPPLY_SCOPE: "Demand fit: supply scope, all (every institution registering 高职 points, MOE's scope; default) | zhuanke (专科 schools only)",
}


@dataclass(frozen=True)
class ViewState:
    lang: str
    demo: bool
    peers: tuple[int, ...]
    year: int
    edition: str
    focus: int = FOCUS
