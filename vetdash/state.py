"""View state that lives in the URL: every query parameter, its codes and its limits, in one place.

URL values are stable codes that mean the same in both languages (``indicator=zhuanke``,
``view=table``, ``tab=founding``, ``sector=46``, provinces by adcode); labels are only shown.
``read`` is the one validation layer every parameter passes through: type, range, length and
ASCII digits, so no visitor-made value can raise or make the server work hard. Links written
before the codes (labels in either language) are read by the widget helper in ``vetdash.ui``,
which maps a shown label back to its code and writes the code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
PAGE_SLUGS = tuple(page[3] for page in PAGES)

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
# Presentation and wall display.
PRESENT = "present"
SCREEN = "screen"
STORY = "story"
SLIDE = "slide"
CYCLE = "cycle"

# Internal option values that are not codes themselves (Chinese register terms) and their URL codes.
LEVEL_CODES = {"专科": "zhuanke", "本科": "benke"}
KIND_CODES = {
    "市域产教联合体": "city",
    "行业产教融合共同体": "sector",
    "产教融合共同体": "community",
    "职教集团": "group",
    "other": "other",
}

MAX_TEXT = 100  # characters of free text (search, a lead's name)
MAX_REPEATS = 40  # values of one repeated parameter (34 provincial units is the most a filter needs)
MAX_STORY = 4000  # characters of an encoded storyline in a link (vetdash.storyline caps what it holds)
_CODE = re.compile(r"[a-z][a-z0-9_-]{0,39}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Param:
    """One URL parameter: what it means (README), what a value may be, and how it travels.

    kind: ``code`` (a lowercase ASCII code), ``int`` (ASCII digits within low..high), ``bool``
    (true/false), ``text`` (free text up to ``length`` characters), ``date`` (YYYY-MM-DD),
    ``story`` (a storyline name or an encoded storyline). ``many``: repeated, at most ``repeats``
    values (a range is two). ``sticky``: follows the user to other pages that show it.
    """

    meaning: str
    kind: str
    many: bool = False
    repeats: int = MAX_REPEATS
    low: int = 0
    high: int = 0
    length: int = MAX_TEXT
    sticky: bool = False
    choices: tuple[str, ...] = ()


PARAMS: dict[str, Param] = {
    LANG: Param("zh | en (default zh); always written, so a link opens in the language it was copied in", "code", choices=("zh", "en"), sticky=True),
    DEMO: Param("true shows demo data, watermarked (default off)", "bool", sticky=True),
    PEERS: Param("comparison provinces by adcode, repeated (default 510000 520000 610000 420000 430000 410000 110000 310000 440000: Sichuan, Guizhou, Shaanxi, Hubei, Hunan, Henan, Beijing, Shanghai, Guangdong)", "int", many=True, low=110000, high=820000, sticky=True),
    YEAR: Param("economy year: any year of province GDP in the data, imported years included (default the newest)", "int", low=1949, high=2100, sticky=True),
    EDITION: Param("MOE list edition by its as-of date, e.g. 2025-06-20: any edition in the data, imported ones included (default the newest)", "date", sticky=True),
    INDICATOR: Param("province indicator on Map and Rankings, e.g. zhuanke, gdp, fit_index, sector_share (with `sector`) (default zhuanke)", "code", sticky=True),
    CQ_FILTER: Param("Chongqing map filter: all | zhuanke | benke | public | private", "code"),
    QUERY: Param(f"Institutions: search text (name, former name or MOE code; at most {MAX_TEXT} characters)", "text"),
    PROVINCES: Param("Institutions: province filter by adcode, repeated (e.g. 500000)", "int", many=True, low=110000, high=820000),
    LEVEL: Param("Institutions: level filter, repeated: zhuanke | benke", "code", many=True),
    OWNERSHIP: Param("Institutions: ownership filter, repeated: public | private | cooperative | overseas", "code", many=True),
    COLLEGE: Param("Institutions: the college in the 'my college' panel, by its 10-digit MOE code", "int", low=1, high=9_999_999_999),
    TABLE_PAGE: Param("Institutions: page of the result table (100 rows a page)", "int", low=1, high=10_000),
    KIND: Param("Consortia: kind filter, repeated: city | sector | community | group | other", "code", many=True),
    SCOPE: Param("Consortia: scope filter, repeated: national | chengdu-chongqing | municipal | district | unknown", "code", many=True),
    SECTOR: Param("Consortia, Demand fit, and Map / Rankings with indicator=sector_share: specialty category 41–59 (follows the user between the pages)", "int", low=41, high=59, sticky=True),
    FOUNDED: Param("Consortia: founding-year range, two values (e.g. founded=2020&founded=2024)", "int", many=True, repeats=2, low=1949, high=2100),
    VERIFIED: Param("Consortia: true hides rows marked 'to verify'", "bool"),
    LEAD: Param("Consortia: lead institution (its name as in the register)", "text"),
    TAB: Param("Consortia (sectors | members | founding | map | table) and Demand fit (structure | fit | adjustments | method): the section shown", "code"),
    VIEW: Param("Rankings: chart | table", "code", choices=("chart", "table")),
    SUPPLY_YEAR: Param("Demand fit: year of the specialty register 2016–2025 (default: the latest year with employment data, 2024)", "int", low=1949, high=2100),
    SUPPLY_SCOPE: Param("Demand fit: supply scope, all (every institution registering 高职 points, MOE's scope; default) | zhuanke (专科 schools only)", "code", choices=("all", "zhuanke")),
    PRESENT: Param("1 shows the storyline as slides", "code", choices=("1",)),
    SCREEN: Param("wall shows the wall display", "code", choices=("wall",)),
    STORY: Param("the storyline presented: a file name in storylines/ (default), or a saved storyline encoded in the link (s1.…)", "story", length=MAX_STORY),
    SLIDE: Param("presentation: the slide shown, 0 (the title slide, default) to 200", "int", low=0, high=200),
    CYCLE: Param("wall: seconds between storyline panels, 5–3600 (off when absent)", "int", low=5, high=3600),
}  # fmt: skip

URL_PARAMETERS = {name: param.meaning for name, param in PARAMS.items()}
# What a saved view does not keep: the presenter's language and demo mode, and the presentation's
# own parameters. It keeps the page's section and filters, and the edition, year and peers.
NOT_SAVED = (LANG, DEMO, PRESENT, SCREEN, STORY, SLIDE, CYCLE)


def _one(param: Param, raw: str) -> object | None:
    """One raw URL value checked against its parameter, or None when it is not acceptable."""
    if not isinstance(raw, str):
        return None
    if param.kind == "text":  # free text is cut to its length (a long search still searches)
        text = _CONTROL.sub("", raw[: 4 * param.length]).strip()
        return text[: param.length] or None
    if len(raw) > max(param.length, 40):
        return None
    if param.kind == "int":
        # ASCII digits only: str.isdigit() also accepts '²' and '٣', which int() then refuses.
        if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(param.high)):
            return None
        number = int(raw)
        return number if param.low <= number <= param.high else None
    if param.kind == "bool":
        return {"true": True, "false": False}.get(raw.lower())
    if param.kind == "date":
        return raw if _DATE.fullmatch(raw) else None
    if param.kind == "story":
        return raw if re.fullmatch(r"[A-Za-z0-9_.-]{1," + str(param.length) + "}", raw) else None
    # code: a lowercase ASCII word; old links may carry a label, which the widget helper maps.
    if param.choices:
        return raw if raw in param.choices else None
    return raw if _CODE.fullmatch(raw) else None


def read(name: str, raw: Sequence[str] | str | None) -> object | None:
    """The value of URL parameter ``name`` from its raw values, validated; None when absent or not
    acceptable. Repeated parameters give a tuple of the acceptable values (duplicates dropped).
    Never raises, whatever a visitor puts into the URL."""
    param = PARAMS.get(name)
    if param is None or raw is None:
        return None
    values = [raw] if isinstance(raw, str) else list(raw)[: param.repeats + 1]
    if param.many:
        if len(values) > param.repeats:
            return None
        kept = tuple(dict.fromkeys(v for v in (_one(param, r) for r in values) if v is not None))
        return kept or None
    return _one(param, values[-1]) if values else None


def read_text(name: str, raw: Sequence[str] | str | None) -> str | None:
    """``read`` for a parameter whose value is one piece of text (a code or a name)."""
    value = read(name, raw)
    return value if isinstance(value, str) else None


def read_number(name: str, raw: Sequence[str] | str | None) -> int | None:
    """``read`` for a parameter whose value is one whole number."""
    value = read(name, raw)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def read_raw_label(name: str, raw: Sequence[str] | str | None) -> tuple[str, ...]:
    """The raw values of ``name`` capped in count and length: candidates for an old label-form link
    (``indicator=地区生产总值``), which only the widget helper can map back to a code."""
    param = PARAMS.get(name)
    if param is None or raw is None:
        return ()
    values = [raw] if isinstance(raw, str) else list(raw)[: param.repeats]
    return tuple(v for v in values if isinstance(v, str) and len(v) <= 2 * MAX_TEXT)


def encode(name: str, value: object) -> list[str]:
    """The URL values for a parameter's value: codes, never labels."""
    values = value if isinstance(value, list | tuple) else [value]
    out = []
    for v in values:
        if isinstance(v, bool):
            out.append("true" if v else "false")
        elif v is not None:
            out.append(str(v))
    return out


def read_all(query: dict[str, Sequence[str] | str]) -> dict[str, object]:
    """Every known parameter of a query string, validated (unknown and unacceptable ones dropped)."""
    found = {name: read(name, values) for name, values in query.items() if name in PARAMS}
    return {name: value for name, value in found.items() if value is not None}


@dataclass(frozen=True)
class ViewState:
    lang: str
    demo: bool
    peers: tuple[int, ...]
    year: int
    edition: str
    focus: int = FOCUS
