"""Search that finds: width, spaces and 市/省 do not matter; a former name finds the renamed college
and says so; a renamed college keeps its consortia (linked by MOE code, through all its names)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.test_pages import run_page
from vetdash import catalog
from vetdash.analysis.institutions import college_consortia, college_names, filter_institutions, former_names, search_key

LISTED = pd.DataFrame(
    {
        "code": ["4111011413", "4150012758", "4150012215", "4132010333"],
        "name": ["中国矿业大学（北京）", "重庆城市管理职业学院", "重庆工业职业技术大学", "苏州工学院"],
        "province_adcode": [110000, 500000, 500000, 320000],
        "level": ["本科", "专科", "本科", "本科"],
        "ownership": ["public"] * 4,
        "authority": ["教育部", "重庆市", "重庆市", "江苏省"],
    }
)
CHANGES = pd.DataFrame(
    {
        "code": ["4150012215", "4132010333", "4150014935"],
        "change": ["upgraded", "renamed", "added"],
        "name_before": ["重庆工业职业技术学院", "常熟理工学院", None],
        "name_after": ["重庆工业职业技术大学", "苏州工学院", "重庆农业职业学院"],
    }
)


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("中国矿业大学(北京)", ["4111011413"]),  # half-width brackets
        ("中国矿业大学 北京", ["4111011413"]),  # a space, no brackets
        ("中国矿业大学（北京）", ["4111011413"]),
        ("重庆市城市管理职业学院", ["4150012758"]),  # with 市
        ("重庆 城市管理", ["4150012758"]),
        ("４１５００１２７５８", ["4150012758"]),  # a full-width code
        ("415001", ["4150012758", "4150012215"]),
        ("重庆工业职业技术学院", ["4150012215"]),  # its former name
        ("常熟理工", ["4132010333"]),
        ("ＣＱ", []),
        ("", ["4111011413", "4150012758", "4150012215", "4132010333"]),
    ],
)
def test_search_ignores_width_spaces_and_suffixes_and_knows_former_names(query, codes):
    found = filter_institutions(LISTED, query=query, formers=former_names(CHANGES))
    assert found["code"].tolist() == codes


def test_search_key_by_hand():
    assert search_key("中国矿业大学（北京）") == search_key("中国矿业大学(北京)") == "中国矿业大学北京"
    assert search_key("ＡＢｃ　１２") == "abc12"
    assert search_key("北京市") == search_key("北京") == "北京"
    assert search_key(None) == ""


def test_former_names_come_from_the_list_changes():
    formers = former_names(CHANGES)
    assert formers.to_dict("records") == [
        {"code": "4150012215", "former_name": "重庆工业职业技术学院", "name_after": "重庆工业职业技术大学"},
        {"code": "4132010333", "former_name": "常熟理工学院", "name_after": "苏州工学院"},
    ]


def test_a_renamed_college_keeps_its_consortia():
    register = pd.DataFrame(
        {
            "name_zh": ["A", "B", "C"],
            "lead_institutions": ["重庆工业职业技术学院", "重庆城市管理职业学院|重庆工业职业技术大学", "其他"],
            "other_members_note": [None, None, "成员：重庆工业职业技术学院（理事长）"],
        }
    )
    names = college_names(LISTED.assign(list_date="2025-06-20"), CHANGES, "4150012215")
    assert names == ["重庆工业职业技术大学", "重庆工业职业技术学院"]
    assert college_consortia(register, names)["name_zh"].tolist() == ["A", "B", "C"]
    assert college_consortia(register, "重庆工业职业技术大学")["name_zh"].tolist() == ["B"], "the new name alone finds one"


def test_the_page_finds_the_renamed_college_by_its_former_name_and_says_so():
    at = run_page("pages/institutions.py", {"q": "重庆工业职业技术学院", "lang": "en"})
    assert not at.exception
    table = at.dataframe[0].value
    assert table.iloc[:, 0].tolist() == ["4150012215"] and table.iloc[0, 1] == "重庆工业职业技术大学"
    assert any("重庆工业职业技术学院 was renamed to 重庆工业职业技术大学" in i.value for i in at.info)


def test_the_renamed_college_lists_the_consortia_the_register_names_under_its_former_name():
    register = catalog.load("consortia")
    expected = register["lead_institutions"].fillna("").str.contains("重庆工业职业技术学院").sum()
    assert expected >= 1
    at = run_page("pages/institutions.py", {"college": "4150012215"})
    assert not at.exception
    consortia = at.dataframe[-1].value
    assert len(consortia) >= expected


def test_a_rename_older_than_the_lists_is_found_through_the_register():
    # 重庆电子工程职业学院 became 重庆电子科技职业大学 before the 2024 list: only the register, which
    # names each school as it registered each year, still carries the former name.
    register = pd.DataFrame(
        {
            "code": ["4150012609", "4150012215"],
            "name": ["重庆电子科技职业大学", "重庆工业职业技术大学"],
            "names": ["重庆电子工程职业学院|重庆电子科技职业大学", "重庆工业职业技术学院|重庆工业职业技术大学"],
        }
    )
    formers = former_names(CHANGES, register)
    assert formers[formers["code"] == "4150012609"].to_dict("records") == [
        {"code": "4150012609", "former_name": "重庆电子工程职业学院", "name_after": "重庆电子科技职业大学"}
    ]
    assert (formers["code"] == "4150012215").sum() == 1, "a rename in both sources is listed once"
    listed = pd.DataFrame({"code": ["4150012609"], "name": ["重庆电子科技职业大学"]})
    found = filter_institutions(listed, query="重庆电子工程职业学院", formers=formers)
    assert found["code"].tolist() == ["4150012609"]
