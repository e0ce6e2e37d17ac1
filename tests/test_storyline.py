"""Storylines: safe YAML (aliases, size, depth refused quickly and in bounded memory), a schema with
clear messages in the user's language, and a storyline carried in a link that opens for anyone."""

from __future__ import annotations

import base64
import time
import tracemalloc
import zlib

import pytest

from tests.test_pages import run_page
from vetdash import slides, storyline
from vetdash.i18n import strings
from vetdash.storyline import StorylineError

BILLION_LAUGHS = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
slides: *i
"""


def refused_within(source, key: str, seconds: float = 1.0, megabytes: float = 80.0) -> StorylineError:
    strings("zh"), strings("en")  # the messages' locale files, read once per process
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(StorylineError) as caught:
        storyline.parse(source)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert caught.value.key == key
    assert elapsed < seconds, f"refused in {elapsed:.2f} s"
    assert peak < megabytes, f"peak {peak:.1f} MB"
    return caught.value


def test_alias_bomb_is_refused_quickly_in_bounded_memory():
    assert len(BILLION_LAUGHS.encode()) < 400
    error = refused_within(BILLION_LAUGHS, "alias", seconds=0.5, megabytes=5)
    assert "锚点或别名" in error.message("zh") and "anchors or aliases" in error.message("en")


def test_a_single_anchor_is_refused_too():
    refused_within("slides:\n  - &one {page: map}\n", "alias")


@pytest.mark.parametrize("as_bytes", [True, False])
def test_a_17_mb_storyline_is_refused_before_it_is_read(as_bytes):
    big = "slides:\n" + "  - page: overview\n    heading: " + "长" * 40 + "\n"
    text = big * (17 * 2**20 // len(big.encode()))
    source = text.encode() if as_bytes else text
    # The text itself is 17 MB; the check adds nothing beyond an encode of a str.
    error = refused_within(source, "size", seconds=0.5, megabytes=40)
    assert "17" in error.message("en") and "64 KB" in error.message("en")


def test_deep_nesting_and_too_many_values_are_refused():
    refused_within("slides: " + "[" * 50 + "]" * 50, "depth")
    refused_within("slides: [" + ",".join(["1"] * 6000) + "]", "nodes")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("- page: overview\n", "top"),  # a list where a mapping belongs
        ("slides: {page: overview}\n", "slides"),
        ("slides: []\n", "slides"),
        ("slides:\n  - [overview]\n", "slide"),
        ("slides:\n  - page: nowhere\n", "page"),
        ("slides:\n  - page: overview\n    show: everything\n", "show"),
        ("slides:\n  - page: rankings\n    params: [indicator, gdp]\n", "params_type"),
        ("slides:\n  - page: rankings\n    params: {lang: en}\n", "param_name"),
        ("slides:\n  - page: rankings\n    params: {indicator: {a: 1}}\n", "param_value"),
        ("slides:\n  - page: rankings\n    params: {slide: 1e309}\n", "param_name"),
        ("slides:\n  - page: consortia\n    params: {sector: '²'}\n", "param_value"),
        ("slides:\n  - page: overview\n    heading: [a, b]\n", "bilingual"),
        ("slides:\n  - page: overview\n    heading: {zh: 1}\n", "bilingual"),
        ("slides:\n  - page: overview\n    colour: red\n", "slide"),
        ("title: x\nslides:\n  - page: overview\nextra: 1\n", "top"),
        (": : :", "yaml"),
        ("slides:\n  - page: overview\n" * 1 + "  - page: map\n" * 61, "too_many"),
    ],
)
def test_wrong_types_are_refused_with_a_message_in_each_language(text, key):
    with pytest.raises(StorylineError) as caught:
        storyline.parse(text)
    assert caught.value.key == key
    zh, en = caught.value.message("zh"), caught.value.message("en")
    assert zh != en and "{" not in zh + en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert en.isascii() or key == "yaml"  # a YAML error quotes the file


def test_the_default_storyline_reads_and_round_trips_through_yaml_and_a_link():
    story = slides.load_storyline("default")
    assert len(story.views) >= 9
    assert storyline.parse(storyline.dump(story)) == story
    link = storyline.to_link(story)
    assert link.startswith("s1.") and link.isascii() and len(link) < 2000
    assert storyline.from_link(link) == story


@pytest.mark.parametrize(
    "value",
    [
        "s1.",
        "s1.!!!!",
        "s1." + base64.urlsafe_b64encode(b"not zlib").decode(),
        "s1." + base64.urlsafe_b64encode(zlib.compress(b"[" * 60_000)).decode(),  # deep JSON
        "s1." + base64.urlsafe_b64encode(zlib.compress(b'{"slides": 5}')).decode(),
        "default",
    ],
)
def test_a_broken_link_is_refused(value):
    with pytest.raises(StorylineError):
        storyline.from_link(value)


def test_a_zip_bomb_in_a_link_inflates_no_further_than_the_cap():
    bomb = "s1." + base64.urlsafe_b64encode(zlib.compress(b" " * 50_000_000, 9)).decode()
    assert len(bomb) < 70_000
    tracemalloc.start()
    with pytest.raises(StorylineError):
        storyline.from_link(bomb[:4000])  # what a URL can hold
    small_bomb = "s1." + base64.urlsafe_b64encode(zlib.compress(b" " * 2_000_000, 9)).decode()
    assert len(small_bomb) < 4000
    with pytest.raises(StorylineError) as caught:
        storyline.from_link(small_bomb)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert caught.value.key == "size" and peak < 5


# ---- saved views and the link, in the app ---------------------------------------------------


def test_a_saved_view_keeps_section_and_filters_and_its_link_presents_it_for_anyone():
    at = run_page("pages/consortia.py", {"lang": "en", "tab": "members", "sector": "46", "scope": "municipal"})
    assert not at.exception
    at.session_state["share_panel"] = True  # the presenter opens "Share and present"
    at.run()
    next(b for b in at.button if b.label == "Add this view to my storyline").click().run()
    saved = storyline.parse(at.session_state["my_storyline"])
    assert saved.views[0].page == "consortia"
    assert saved.views[0].params == {"tab": "members", "sector": 46, "scope": ["municipal"]}
    link_box = next(c.value for c in at.code if "present=1" in c.value)
    story = link_box.split("story=")[1].split("&")[0]

    next(b for b in at.button if b.label == "Present my storyline").click().run()
    assert not at.exception
    assert at.query_params["present"] == "1" and at.query_params["story"] == story
    assert any(m.value == "**1 / 2**" for m in at.markdown), "this tab presents it: the title slide, then the one saved view"
    at.query_params["slide"] = "1"
    at.run()
    assert any(m.value == "**2 / 2**" for m in at.markdown)
    own_chart = at.get("plotly_chart")[0].proto.spec

    # Someone else opens the link: a new session with nothing uploaded.
    other = run_page("pages/overview.py", {"present": "1", "story": story, "lang": "en", "slide": "1"})
    assert not other.exception
    assert any(m.value == "**2 / 2**" for m in other.markdown)
    assert other.get("plotly_chart")[0].proto.spec == own_chart, "the same slide: the leads chart of the filtered register"


def test_a_bad_storyline_link_says_so_and_shows_the_default():
    at = run_page("pages/overview.py", {"present": "1", "story": "s1.AAAA", "lang": "en"})
    assert not at.exception
    assert any("cannot be read" in toast.value for toast in at.toast)
    count = len(slides.load_storyline("default").views)
    assert any(m.value.endswith(f"/ {count + 1}**") for m in at.markdown), "the default storyline's slides and its title slide"
