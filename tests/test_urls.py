"""URL values are codes, the same in both languages; old label links still open the right view;
no URL, however made, raises or keeps the server rerunning."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.test_pages import run_page
from vetdash import state
from vetdash.i18n import t


def open_link(page: str | None, params: dict[str, str | list[str]]) -> AppTest:
    return run_page(page or state.PAGE_SCRIPTS[0], params)


def plain(at: AppTest) -> dict[str, object]:
    return {k: v for k, v in dict(at.query_params).items()}


# ---- the validation layer ------------------------------------------------------------------

HOSTILE = [
    "1e309", "²", "٣", "-1", "0", "+5", " 46", "4\u00a06", "9" * 5000, "x" * 100_000, "", "NaN", "inf", "true",
    "<script>", "%00", "\x00", "46.0", "０４６", "2147484", "99999999999999999999",
]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    name=st.sampled_from(sorted(state.PARAMS)),
    values=st.lists(
        st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60), st.from_regex(r"[0-9]{1,12}", fullmatch=True)), max_size=60
    ),
)
def test_read_never_raises_and_keeps_every_value_in_its_limits(name, values):
    param = state.PARAMS[name]
    value = state.read(name, values)
    if value is None:
        return
    items = value if param.many else (value,)
    assert not param.many or 1 <= len(items) <= param.repeats
    for item in items:
        if param.kind == "int":
            assert isinstance(item, int) and param.low <= item <= param.high
        elif param.kind == "bool":
            assert isinstance(item, bool)
        else:
            assert isinstance(item, str) and 0 < len(item) <= max(param.length, 40)
            assert item.isascii() or param.kind == "text"


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("slide", "1e309", None), ("slide", "²", None), ("slide", "9" * 5000, None), ("slide", "3", 3), ("slide", "201", None),
        ("cycle", "2147484", None), ("cycle", "4", None), ("cycle", "30", 30), ("sector", "46", 46), ("sector", "４６", None),
        ("story", "s" * (state.MAX_STORY + 1), None), ("story", "default", "default"), ("year", "２０２１", None),
        ("peers", ["510000", "510000", "440000"], (510000, 440000)), ("peers", ["1"] * (state.MAX_REPEATS + 1), None),
        ("q", "  重庆\x00电子 ", "重庆电子"), ("q", "字" * 500, "字" * state.MAX_TEXT), ("demo", "TRUE", True),
        ("edition", "2025-06-20", "2025-06-20"), ("edition", "2025-6-20", None), ("indicator", "demand.tab_members", None),
    ],
    ids=lambda v: repr(v)[:20],
)  # fmt: skip
def test_read_by_hand(name, raw, expected):
    assert state.read(name, raw) == expected


# ---- codes in the URL, both languages, old links ---------------------------------------------


def test_old_label_link_opens_the_view_and_is_rewritten_as_codes():
    at = open_link(
        "pages/rankings.py",
        {"lang": "en", "indicator": "GDP", "year": "2021", "peers": ["四川 Sichuan", "广东 Guangdong"], "view": "Table"},
    )
    assert not at.exception
    assert at.selectbox(key="indicator").value == "gdp" and at.button_group(key="view").value == "table"
    assert plain(at) == {"lang": "en", "indicator": "gdp", "year": "2021", "peers": ["510000", "440000"], "view": "table"}


@pytest.mark.parametrize(
    ("page", "old", "codes"),
    [
        ("pages/consortia.py", {"tab": "成立时间", "sector": "46 装备制造大类", "kind": ["市域产教联合体", "Vocational education group"]},
         {"tab": "founding", "sector": "46", "kind": ["city", "group"]}),
        ("pages/institutions.py", {"level": "专科", "prov": ["重庆 Chongqing"], "own": ["公办"], "college": "重庆电子科技职业大学 (4150012609)"},
         {"level": "zhuanke", "prov": "500000", "own": "public", "college": "4150012609"}),
        ("pages/map.py", {"indicator": "地区生产总值", "cq": "民办"}, {"indicator": "gdp", "cq": "private"}),
        ("pages/demand.py", {"tab": "Adjustments", "lang": "en"}, {"tab": "adjustments"}),
    ],
)  # fmt: skip
def test_each_old_label_parameter_is_read_and_written_as_its_code(page, old, codes):
    at = open_link(page, old)
    assert not at.exception, [e.message for e in at.exception]
    written = plain(at)
    for name, code in codes.items():
        assert written.get(name) == code, (name, written)


def test_switching_language_changes_only_lang():
    params = {"lang": "zh", "tab": "table", "sector": "46", "kind": ["city", "group"], "scope": "municipal", "verified": "true"}
    at = open_link("pages/consortia.py", params)
    zh_rows = at.dataframe[0].value.iloc[:, 0].tolist()
    before = plain(at)
    at.button_group(key="lang_picker").set_value("en").run()
    assert not at.exception
    after = plain(at)
    assert after == {**before, "lang": "en"}
    assert len(at.dataframe[0].value) == len(zh_rows) >= 1, "the same rows in English"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_link_copied_in_one_language_opens_the_same_rows_in_the_other(lang):
    other = "en" if lang == "zh" else "zh"
    at = open_link("pages/consortia.py", {"lang": lang, "tab": "table", "sector": "46", "scope": ["municipal", "national"]})
    copied = plain(at)
    opened = open_link("pages/consortia.py", {**copied, "lang": other})
    assert plain(opened) == {**copied, "lang": other}
    assert len(opened.dataframe[0].value) == len(at.dataframe[0].value) >= 1


def test_sector_follows_the_user_to_demand_fit_and_section_does_not():
    at = open_link("pages/consortia.py", {"sector": "46", "tab": "founding"})
    # a click on another page drops the page's own parameters from the URL, as Streamlit does
    at.switch_page("pages/demand.py")
    for name in ("sector", "tab"):
        del at.query_params[name]
    at.run()
    assert not at.exception
    assert at.selectbox(key="sector").value == 46 and plain(at)["sector"] == "46"
    assert at.button_group(key="tab").value == "structure" and "tab" not in plain(at)


def test_no_internal_key_or_label_reaches_the_url():
    at = open_link("pages/consortia.py", {"lang": "en"})
    at.button_group(key="tab").set_value("members").run()
    at.multiselect(key="kind").set_value(["市域产教联合体"]).run()
    at.selectbox(key="sector").set_value(41).run()
    for name, values in plain(at).items():
        for value in values if isinstance(values, list) else [values]:
            assert state.read(name, value) is not None, (name, value)
            assert "." not in value and value.isascii(), (name, value)


# ---- any URL: no exception, no rerun loop ---------------------------------------------------

CODES = ["zh", "en", "zhuanke", "gdp", "table", "chart", "founding", "structure", "fit", "46", "500000", "510000", "true",
         "2021", "2025-06-20", "1", "wall", "default", "2015", "2026", "city", "public", "4150012609"]  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    page=st.sampled_from([None, *state.PAGE_SCRIPTS[1:7]]),
    query=st.dictionaries(
        st.sampled_from(sorted(state.PARAMS)),
        st.lists(st.one_of(st.sampled_from(HOSTILE[:-2] + CODES), st.text(max_size=20)), min_size=1, max_size=3),
        max_size=6,
    ),
)
def test_any_url_renders_and_settles(page, query):
    at = open_link(page, query)
    assert not at.exception, (query, [e.message for e in at.exception])
    settled = plain(at)
    at.run()
    assert not at.exception
    assert plain(at) == settled, "a second run leaves the URL as it is: no rewrite loop"
    # the sidebar's and the presentation's parameters are on every page: what stays is valid
    for name in ("lang", "demo", "peers", "year", "edition", "present", "screen", "story", "cycle"):
        if name in settled:
            assert state.read(name, settled[name]) is not None, (name, settled[name])


def test_wall_with_an_overflowing_cycle_does_not_rotate():
    at = open_link(None, {"screen": "wall", "cycle": "2147484"})
    assert not at.exception
    assert "cycle" not in plain(at) or state.read("cycle", plain(at)["cycle"]) is None
    assert any(c.key == "wall_ranking" for c in at.get("plotly_chart")), "no rotating panel: the ranking stays"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_categorys_share_is_ranked_and_its_category_kept_in_the_link(lang):
    at = open_link("pages/rankings.py", {"lang": lang, "indicator": "sector_share", "sector": "46", "view": "table"})
    assert not at.exception
    assert at.selectbox(key="sector").value == 46
    table = at.dataframe[0].value
    chongqing = table[table.iloc[:, 1].str.startswith("★")]
    # MOE register, 2024, MOE scope: Chongqing's 306 装备制造大类 records of 2,117 in all
    assert chongqing.iloc[0, 2] == round(306 / 2117 * 100, 2)  # percent, as the "%" heading says
    assert "46" in table.columns[2]
    assert plain(at) == {"lang": lang, "indicator": "sector_share", "sector": "46", "view": "table"}
    other = open_link("pages/map.py", {**plain(at), "lang": "en" if lang == "zh" else "zh"})
    assert not other.exception and other.selectbox(key="sector").value == 46


def test_a_year_without_counted_changes_says_which_year_is_shown():
    at = open_link("pages/demand.py", {"lang": "en", "tab": "adjustments", "syear": "2021"})  # the 2021 catalogue change
    assert not at.exception
    notes = [i.value for i in at.info]
    assert any("2021" in n and "2025" in n for n in notes), notes
    assert not open_link("pages/demand.py", {"lang": "en", "tab": "adjustments", "syear": "2024"}).info


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_search_longer_than_the_box_keeps_is_cut_with_a_notice_once(lang):
    """A link whose q is 150 characters: the box holds the first 100, the visitor is told so in their
    language, the URL is rewritten to what is searched, and the next run has no notice."""
    long = "重庆电子" + "字" * 146
    at = open_link("pages/institutions.py", {"lang": lang, "q": long})
    assert not at.exception
    assert at.text_input(key="q").value == long[: state.MAX_TEXT]
    told = [toast.value for toast in at.toast]
    assert told == [t("url.cut", lang, what=t("url.param.q", lang), length=state.MAX_TEXT)], told
    assert told[0] == ("链接中的搜索文字超过 100 个字符，只使用前 100 个。" if lang == "zh"
                       else "The search text in the link was longer than 100 characters: only its first 100 are used.")  # fmt: skip
    assert plain(at)["q"] == long[: state.MAX_TEXT]
    assert [i.value for i in at.info if i.value == t("institutions.none_search", lang)], "no match: said in the page's language"
    at.run()
    assert not at.exception and list(at.toast) == []
    short = open_link("pages/institutions.py", {"lang": lang, "q": "重庆电子"})
    assert list(short.toast) == []


def test_every_parameter_has_a_name_for_the_link_notices():
    """A notice about a link names the control as the visitor knows it, never the URL's own word."""
    from vetdash.i18n import LANGUAGES

    for lang in LANGUAGES:
        for name in state.PARAMS:
            shown = t(f"url.param.{name}", lang)
            assert shown != f"url.param.{name}", (lang, name)
            assert lang == "en" or not any("a" <= c.lower() <= "z" for c in shown), (name, shown)
    at = open_link("pages/rankings.py", {"lang": "en", "indicator": "nope"})
    assert [toast.value for toast in at.toast] == ["The link's value for indicator was not recognised, so it is not used."]
    at = open_link("pages/consortia.py", {"lang": "zh", "kind": "zzz"})
    assert [toast.value for toast in at.toast] == ["链接中的类型筛选无法识别，未采用。"]
