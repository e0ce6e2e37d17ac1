"""Presentation mode, the wall display and sharing: the Streamlit edge for presenters.

Presentation (``?present=1``): one saved view per slide, 16:9, large type, ← → / Page Up /
Page Down (what clickers send) and on-screen buttons, slide number and source on every slide.
Wall (``?screen=wall``): one dark screen with the Chongqing map, headline figures, a ranking and
the consortia by sector; with ``&cycle=N`` one panel steps through the storyline every N seconds.
"""

from __future__ import annotations

import math
import time
from datetime import date
from html import escape
from urllib.parse import urlencode, urlparse

import streamlit as st

from vetdash import catalog, charts, deck, export, internals, memo, slides, state, storyline, ui
from vetdash.i18n import t
from vetdash.panels import Panel
from vetdash.provenance import publisher_name, short_source
from vetdash.text import markdown_literal

PRESENT, SCREEN, STORY, SLIDE, CYCLE = state.PRESENT, state.SCREEN, state.STORY, state.SLIDE, state.CYCLE
MY_STORYLINE = "my_storyline"

# Slides are laid out for a 1920×1080 screen (any 16:9 projector at full HD): a kicker line, the
# finding as title, the body, and a footer fixed at the bottom with source, number and controls.
SCREEN_HEIGHT = 1080
SCREEN_WIDTH = 1920
FOOTER_HEIGHT = 72
TITLE_LINE = 56  # px: one line of the 44 px slide title
TITLE_CHARS = 1800 / 44  # wide characters a title line holds

# Selectors on Streamlit's own elements come from vetdash.internals (checked against each upgrade there).
CHROME = internals.testids("stSidebar", "stExpandSidebarButton", "stHeader", "stToolbar")

PRESENT_CSS = (
    "<style>\n"
    + f"{CHROME},{internals.testids('stSidebarCollapseButton')}{{display:none !important}}\n"
    + f"{internals.MAIN_BLOCK}{{max-width:100% !important;padding:20px 48px 0 48px !important}}\n"
    + f"{internals.testids('stMain')}{{overflow:hidden}}\n"
    + """.st-key-slide_binding,.st-key-clicker_keys{display:none}
.slide-kicker{font-size:26px;color:#D55E00;margin:0 0 4px 0;line-height:1.3}
.slide-title{font-size:44px;font-weight:700;line-height:1.25;margin:0;color:#1F2A37}
.slide-cover{display:flex;flex-direction:column;justify-content:center;height:860px}
.slide-cover h1{font-size:64px;line-height:1.2;margin:0 0 28px 0;color:#1F2A37}
.slide-cover p{font-size:28px;color:#4B5563;margin:0 0 12px 0}
.slide-cover ol{font-size:26px;color:#1F2A37;margin:24px 0 0 0;line-height:1.5}
.slide-cards{display:grid;grid-template-columns:repeat(3,1fr);grid-auto-rows:1fr;gap:32px;margin-top:16px}
.slide-card{border:1px solid #d8dee6;border-radius:14px;padding:24px 32px;display:flex;flex-direction:column;justify-content:center}
.slide-card .label{font-size:30px;color:#4B5563}
.slide-card .value{font-size:96px;font-weight:700;color:#D55E00;line-height:1.1;margin:10px 0}
.slide-card .detail{font-size:28px;color:#1F2A37}
.st-key-slide_frame p,.st-key-slide_frame li,.st-key-slide_frame td,.st-key-slide_frame th{font-size:22px;line-height:1.5}
"""
    + "".join(
        f".st-key-slide_text_{size} p,.st-key-slide_text_{size} li,.st-key-slide_text_{size} td,.st-key-slide_text_{size} th"
        f"{{font-size:{size}px !important}}"
        for size in (36, 32, 28, 26, 24, 22, 20)
    )
    + """
.st-key-slide_footer{position:fixed;left:0;right:0;bottom:0;height:72px;padding:0 48px;background:#ffffff;
  border-top:1px solid #e5e7eb;display:flex;align-items:center;z-index:10}
.st-key-slide_footer p{font-size:18px !important;margin:0;line-height:1.3}
.st-key-slide_footer button p{font-size:18px !important}
</style>"""
)
TEXT_SIZES = (36, 32, 28, 26, 24, 22, 20)

# The wall: one dark 1920×1080 screen without scrolling, text readable from a few metres.
WALL_REFRESH_SECONDS = 60  # how soon a new data version reaches a wall nobody touches
WALL_CHART_HEIGHT = 660
WALL_FONT = 18
WALL_CSS = (
    "<style>\n"
    + f"{CHROME}{{display:none !important}}\n"
    + f"{internals.APP_ROOT}{{background:#0b1726 !important}}\n"
    + f"{internals.testids('stMain')}{{overflow:hidden}}\n"
    + f"{internals.MAIN_BLOCK}{{max-width:100% !important;padding:16px 32px 0 32px !important}}\n"
    + f"{internals.key_class('wall')} {internals.testids('stVerticalBlock')}{{gap:8px}}\n"
    + f"{internals.key_class('wall')} {internals.testids('stMarkdownContainer')} p,{internals.key_class('wall')} li"
    + "{color:#e8eef5;font-size:20px}\n"
    + """.wall-head h1{font-size:36px;line-height:1.2;margin:0;color:#e8eef5}
.wall-head p{font-size:18px;color:#9fb3c8;margin:4px 0 0 0}
.wall-cards{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(0,1fr);gap:14px}
.wall-card{background:#12233a;border-radius:10px;padding:10px 14px}
.wall-card .label{font-size:16px;color:#9fb3c8;line-height:1.2;height:3.6em;overflow:hidden}
.wall-card .value{font-weight:700;color:#ffb27a;line-height:1.3;white-space:nowrap}
.wall-card .detail{font-size:18px;color:#e8eef5}
.wall-title{font-size:22px;font-weight:600;color:#e8eef5;line-height:1.3;margin:0;height:58px;overflow:hidden}
.wall-source{font-size:16px;color:#9fb3c8;margin:0;line-height:1.3}
</style>"""
)


def mode() -> str | None:
    """Which full-screen mode the URL asks for: "present" (``present=1``), "wall" (``screen=wall``) or None."""
    if state.read(PRESENT, st.query_params.get_all(PRESENT)) == "1":
        return "present"
    if state.read(SCREEN, st.query_params.get_all(SCREEN)) == "wall":
        return "wall"
    return None


# ---- storylines -----------------------------------------------------------------------------


def own_storyline() -> slides.Storyline | None:
    """The presenter's own storyline (this session), parsed once per version of its text."""
    text = st.session_state.get(MY_STORYLINE)
    if not text:
        return None
    cached = st.session_state.get("_my_storyline_parsed")
    if cached is None or cached[0] != text:
        cached = (text, slides.parse_storyline(text))
        st.session_state["_my_storyline_parsed"] = cached
    return cached[1]


def current_storyline() -> tuple[slides.Storyline, str]:
    """The storyline to present: one carried in the link (``story=s1.…``, anyone can open it),
    ``story=mine`` the presenter's own (this session), else a file of storylines/. One that cannot
    be used is said so, in the user's language, and the default shown instead."""
    name = state.read_text(STORY, st.query_params.get_all(STORY)) or "default"
    own = own_storyline()
    if name == "mine" and own is not None:
        return own, "mine"
    try:
        if storyline.is_link(name):
            return _linked_storyline(name), "link"
        return slides.load_storyline(name), name
    except slides.StorylineError as error:
        st.toast(
            t(
                "share.upload_error",
                st.session_state.get(state.LANG, "zh"),
                reason=error.message(st.session_state.get(state.LANG, "zh")),
            )
        )
        return slides.load_storyline("default"), "default"


@memo.shared(max_entries=256)
def _linked_storyline(value: str) -> slides.Storyline:
    return storyline.from_link(value)


@memo.shared(max_entries=512)
def _slide(story_text: str, index: int, lang: str, edition: str, year: int, peers: tuple[int, ...], demo: bool) -> slides.Slide:
    story = slides.parse_storyline(story_text)
    with charts.FIGURE_LOCK:
        return charts.freeze(slides.build_slide(ui.DATA, story.views[index], lang, edition, year, peers, demo))


def slide_for(story: slides.Storyline, index: int, view: state.ViewState) -> slides.Slide:
    """Slide ``index`` of ``story`` built for ``view``'s language, edition, year, peers and demo mode;
    cached by the storyline's YAML, so every session showing the same slide shares it. IndexError past the end.
    """
    return _slide(slides.storyline_yaml(story), index, view.lang, view.edition, view.year, view.peers, view.demo)


# ---- presentation ---------------------------------------------------------------------------


def _ems(text: str) -> float:
    """Width of a line in ems: CJK characters are square, others about half."""
    wide = sum(1 for ch in text if ord(ch) > 0x2E7F)
    return wide + 0.55 * (len(text) - wide)


def _title_lines(text: str) -> int:
    return max(1, math.ceil(_ems(text) / TITLE_CHARS))


def text_size(markdown: str, height: int, width: int = 1800) -> int:
    """The largest text size (px) at which a slide's text fills, without overflowing, ``height``."""
    lines = [line for line in slides.plain(markdown).splitlines() if line.strip()]
    table = markdown.lstrip().startswith("|")
    for size in TEXT_SIZES:
        if table:  # a row wraps about as often as its cells together overrun the width
            rows = [line for line in lines if not set(line) <= set("|-: ")]
            need = sum(math.ceil(_ems(row.replace("|", "")) * size * 1.25 / width) * size * 1.5 + size * 0.9 for row in rows)
        else:
            need = sum(math.ceil(_ems(line) * size / width) * size * 1.5 + size * 0.6 for line in lines)
        if need <= height:
            return size
    return TEXT_SIZES[-1]


def body_height(title: str, kicker: bool) -> int:
    """Pixels left for a slide's body on a 1080 px screen under its kicker and title, above the footer."""
    return SCREEN_HEIGHT - 20 - (38 if kicker else 0) - TITLE_LINE * _title_lines(title) - 24 - FOOTER_HEIGHT - 16


def _head(kicker: str, title: str) -> None:
    parts = [f'<p class="slide-kicker">{escape(kicker)}</p>'] if kicker and kicker != title else []
    st.html("".join([*parts, f'<h1 class="slide-title">{escape(title)}</h1>']))


def title_slide(story: slides.Storyline, view: state.ViewState) -> None:
    """The storyline's title, the date and view state, and the slides to come."""
    names = ui.province_names(view.lang)
    peers = ("、" if view.lang == "zh" else ", ").join(names[p] for p in view.peers)
    subtitle = t(
        "share.briefing_subtitle", view.lang, day=date.today().isoformat(), edition=view.edition, year=view.year, peers=peers
    )
    agenda = "".join(f"<li>{escape(slide_for(story, i, view).heading)}</li>" for i in range(len(story.views)))
    st.html(
        f'<div class="slide-cover"><h1>{escape(story.title.get(view.lang, ""))}</h1><p>{escape(subtitle)}</p>'
        f"<ol>{agenda}</ol></div>"
    )


def kpi_cards(cards: list[dict], height: int) -> None:
    """Headline figures as large numbers with their rank and year, filling ``height`` px (three
    to a row; four past six, so two rows hold them)."""
    columns = 3 if len(cards) <= 6 else 4
    large = 96 if columns == 3 else 72
    html = "".join(
        f'<div class="slide-card"><div class="label">{escape(c["label"])}</div><div class="value" style="font-size:{large if _ems(c["value"]) <= 6 else 56}px">{escape(c["value"])}</div>'
        f'<div class="detail">{escape(" · ".join(p for p in (c["rank"], str(c["year"])) if p))}</div></div>'
        for c in cards
    )
    st.html(f'<div class="slide-cards" style="height:{height}px;grid-template-columns:repeat({columns},1fr)">{html}</div>')


def slide_body(slide: slides.Slide, number: int, view: state.ViewState) -> None:
    """Draw one slide: its kicker and title, then headline cards, a panel's chart (watermarked on demo
    data, its text beside it) or text sized to fill the screen. ``number`` (the slide's 1-based
    position) keys the chart widget; the source line is the caller's (``presentation``).
    """
    _head(slide.heading, slide.title or slide.heading)
    height = body_height(slide.title or slide.heading, bool(slide.heading))
    if view.demo:
        st.caption(t("demo.banner", view.lang))
    if slide.cards:
        kpi_cards(slide.cards, height - 24)
        return
    if slide.panel is not None:
        figure = slide.panel.figure
        if slide.panel.demo:
            figure = charts.variant(
                figure, ("demo", view.lang), lambda c: charts.add_watermark(c, t("demo.watermark", view.lang))
            )
        chart_area, text_area = st.columns([0.64, 0.36], gap="large") if slide.markdown else (st.container(), None)
        # a ranking of all provinces: every one labelled, at 18 px (the room's minimum)
        long = len(slide.panel.table) > 20 and slide.panel.kind == "bar"
        chart_area.plotly_chart(
            charts.for_room(figure, height=height, category_font=18 if long else None), key=f"slide_{number}", config={"displayModeBar": False}, width="stretch",
        )  # fmt: skip
        if text_area is not None:
            size = text_size(slide.markdown, height, width=600)
            text_area.container(key=f"slide_text_{size}").markdown(slide.markdown)
    elif slide.markdown:
        st.container(key=f"slide_text_{text_size(slide.markdown, height)}").markdown(slide.markdown)


def presentation(view: state.ViewState, page_path: str) -> None:
    """One slide per screen: slide 0 is the title, then one per saved view (``slide`` in the URL)."""
    lang = view.lang
    st.html(PRESENT_CSS)
    story, _ = current_storyline()
    count = len(story.views)
    with st.container(key="slide_binding"):
        # 0 is the title slide
        ui.url_bound(SLIDE, lambda **k: st.number_input("slide", min_value=0, max_value=count, step=1, **k), default=0,
                     accept=lambda n: min(n, count) if isinstance(n, int) else None)  # fmt: skip
    number = int(st.session_state.get(SLIDE) or 0)

    def step(delta: int) -> None:
        st.session_state[SLIDE] = max(0, min(count, int(st.session_state.get(SLIDE) or 0) + delta))

    with st.container(key="slide_frame"):
        if number == 0:
            title_slide(story, view)
            sources = [n for i in range(count) for n in slide_for(story, i, view).sources]
            source_line = t("source.prefix", lang) + ("；" if lang == "zh" else "; ").join(
                dict.fromkeys(
                    publisher_name(catalog.dataset(n).source["publisher"], lang).split(" (")[0].split("（")[0] for n in sources
                )
            )
        else:
            slide = slide_for(story, number - 1, view)
            slide_body(slide, number, view)
            source_line = short_source(slide.sources, lang, slide.year)
    with st.container(key="slide_footer"):
        source, counter, back, forward, leave = st.columns([0.58, 0.08, 0.11, 0.11, 0.12], vertical_alignment="center")
        source.caption(f"{source_line} · {markdown_literal(story.title.get(lang, ''))}")
        counter.markdown(f"**{number + 1} / {count + 1}**")
        back.button(t("present.back", lang), key="slide_prev", on_click=step, args=(-1,), shortcut="Left", disabled=number <= 0,
                    help=t("present.prev", lang))  # fmt: skip
        forward.button(t("present.forward", lang), key="slide_next", on_click=step, args=(1,), shortcut="Right",
                       disabled=number >= count, help=t("present.next", lang))  # fmt: skip
        leave.link_button(t("present.exit", lang), view_url(page_path, drop=(PRESENT, SLIDE, STORY)), icon=":material/close:")
    with st.container(key="clicker_keys"):  # what presentation clickers send
        st.button("PageUp", key="slide_page_up", on_click=step, args=(-1,), shortcut="PageUp")
        st.button("PageDown", key="slide_page_down", on_click=step, args=(1,), shortcut="PageDown")


# ---- wall display ---------------------------------------------------------------------------


def _wall_value_size(value: str, cards: int) -> int:
    """Pixels for a headline figure, so that every card fits on the wall's one row of cards."""
    width = (SCREEN_WIDTH - 48 - 14 * (cards - 1)) / max(cards, 1) - 28  # a card's inner width
    return int(max(20, min(40, width / max(_ems(value), 1))))


def _wall_cards(cards: list[dict]) -> str:
    return '<div class="wall-cards">' + "".join(
        f'<div class="wall-card"><div class="label">{escape(c["label"])}</div>'
        f'<div class="value" style="font-size:{_wall_value_size(c["value"], len(cards))}px">{escape(c["value"])}</div>'
        f'<div class="detail">{escape(c["rank"] or "")}</div></div>'
        for c in cards
    ) + "</div>"  # fmt: skip


def _wall_chart(panel: Panel, key: str, lang: str, title: str | None = None) -> None:
    """A panel on the wall: its finding, the dark chart at wall size, its source. A ranking of more
    than 20 rows gets 16 px category labels, the largest at which plotly draws all 31."""
    st.html(f'<p class="wall-title">{escape(title or panel.plain_title)}</p>')
    long = len(panel.table) > 20 and panel.kind == "bar"
    figure = charts.for_room(
        panel.figure, height=WALL_CHART_HEIGHT, dark=True, font=WALL_FONT, category_font=16 if long else None
    )
    st.plotly_chart(figure, key=key, config={"displayModeBar": False, "staticPlot": False}, width="stretch", theme=None)
    st.html(f'<p class="wall-source">{escape(short_source(panel.sources, lang, panel.year))}</p>')


def wall(view: state.ViewState) -> None:
    """The Chongqing map, the headline figures, a ranking and the consortia by sector on one dark
    1920×1080 screen; it reruns every minute (or every ``cycle`` seconds), reading the data versions
    again, so a new import reaches the wall without anyone touching it."""
    st.html(WALL_CSS)
    seconds = state.read_number(CYCLE, st.query_params.get_all(CYCLE))  # 5–3600 s: a larger one overflows the browser's timer

    @st.fragment(run_every=seconds or WALL_REFRESH_SECONDS)
    def screen() -> None:
        ui.begin_run()  # a fragment rerun does not pass through app.py: read the versions here
        lang = view.lang
        with st.container(key="wall"):
            subtitle = t("wall.subtitle", lang, day=date.today().isoformat(), edition=view.edition, year=view.year)
            st.html(f'<div class="wall-head"><h1>{escape(t("wall.title", lang))}</h1><p>{escape(subtitle)}</p></div>')
            cards = ui.panel("overview_cards", view.edition, view.year, lang)
            sources = ["institutions", "province_population", "province_students", "province_gdp"]
            st.html(_wall_cards(cards) + f'<p class="wall-source">{escape(short_source(sources, lang))}</p>')
            left, middle, right = st.columns([0.4, 0.3, 0.3], gap="medium")
            with left:
                cq_map, *_ = ui.panel("chongqing_map", "all", lang)
                _wall_chart(cq_map, "wall_map", lang)
            with middle:
                if seconds:
                    story, _ = current_storyline()
                    index = int(time.time() // seconds) % len(story.views)
                    slide = slide_for(story, index, view)
                    if slide.panel is not None:
                        _wall_chart(slide.panel, "wall_cycle", lang, title=f"{index + 1}/{len(story.views)} · {slide.title}")
                    else:
                        st.html(f'<p class="wall-title">{escape(slide.title or slide.heading)}</p>')
                        st.markdown(slide.markdown)
                else:
                    _wall_chart(
                        ui.panel("ranking_view", "zhuanke", view.edition, view.year, view.peers, lang), "wall_ranking", lang
                    )
            with right:
                sectors = ui.panel("consortia_view", (), (), None, None, None, False, False, lang)
                if sectors["treemap"] is not None:
                    _wall_chart(sectors["treemap"], "wall_sectors", lang)

    screen()


# ---- sharing --------------------------------------------------------------------------------


def view_url(page_path: str, *, add: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> str:
    """The address of this view: page and every URL parameter, so opening it reproduces the view."""
    parsed = urlparse(st.context.url or "")
    origin = f"{parsed.scheme}://{parsed.netloc}" if parsed.netloc else ""
    base = st.get_option("server.baseUrlPath").strip("/")
    path = "/".join(p for p in (base, page_path) if p)
    params = ui.url_params()
    pairs = [(k, v) for k, values in params.items() if k not in drop for v in values]
    pairs += list((add or {}).items())
    query = urlencode(pairs)
    return f"{origin}/{path}" + (f"?{query}" if query else "")


@memo.shared(max_entries=256)
def qr_png(text: str) -> bytes:
    """A PNG QR code of ``text`` (``export.qr_png``), cached across sessions by its text."""
    return export.qr_png(text)


def saved_view(page_slug: str) -> slides.View:
    """The current page with its section and every filter, as the URL holds them (codes)."""
    return slides.View(
        page=page_slug if page_slug in storyline.PAGES else "overview", params=storyline.saved_params(ui.url_params())
    )


def share_panel(view: state.ViewState, page_slug: str, page_path: str) -> None:
    """Link, QR code, presentation, the presenter's own storyline and the PPTX briefing (built when opened)."""
    lang = view.lang
    with st.sidebar:
        panel = ui.folded(t("share.title", lang), key=ui.SHARE_PANEL, icon=":material/share:")
        if panel is None:
            return
        with panel:
            url = view_url(page_path)
            st.caption(t("share.link", lang))
            st.code(url, language=None, wrap_lines=True)
            st.image(qr_png(url), caption=t("share.qr", lang), width=200)
            st.download_button(
                t("share.qr_download", lang), qr_png(url), file_name="view-qr.png", mime="image/png", on_click="ignore"
            )
            st.link_button(t("share.present", lang), view_url(page_path, add={PRESENT: "1"}), icon=":material/slideshow:")
            st.link_button(t("share.wall", lang), view_url(page_path, add={SCREEN: "wall"}), icon=":material/tv:")

            def add_view() -> None:
                own = own_storyline()
                views = (*(own.views if own else ()), saved_view(page_slug))[: storyline.MAX_SLIDES]
                title = own.title if own else {"zh": "我的故事线", "en": "My storyline"}
                st.session_state[MY_STORYLINE] = slides.storyline_yaml(slides.Storyline(title=title, views=views))

            st.button(t("share.add_view", lang), on_click=add_view, icon=":material/playlist_add:")
            load_storyline_upload(lang)
            own = own_storyline()
            if own is not None:
                st.caption(t("share.mine", lang, n=len(own.views)))
                st.download_button(t("share.download_story", lang), st.session_state[MY_STORYLINE].encode("utf-8"), file_name="storyline.yaml",
                                   mime="application/x-yaml", on_click="ignore")  # fmt: skip
                link = storyline.to_link(own)
                if len(link) <= state.MAX_STORY:
                    # Presented in this tab; the same address opens it for anyone (the storyline is in it).
                    st.button(t("share.present_mine", lang), on_click=present, args=(link,), icon=":material/slideshow:")
                    st.caption(t("share.story_link", lang))
                    st.code(
                        view_url(page_path, add={PRESENT: "1", STORY: link}, drop=(PRESENT, STORY, SLIDE)),
                        language=None,
                        wrap_lines=True,
                    )
                else:
                    st.caption(t("share.story_too_long", lang))
            story, name = (own, "mine") if own is not None else current_storyline()
            st.download_button(
                t("share.briefing", lang), lambda: briefing(story, view), file_name=f"briefing-{name}-{view.lang}.pptx",
                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation", on_click="ignore", icon=":material/download:",
            )  # fmt: skip


def present(link: str) -> None:
    """Start presenting a storyline carried in the URL, in this tab."""
    st.query_params.update({PRESENT: "1", STORY: link})
    if SLIDE in st.query_params:
        del st.query_params[SLIDE]


def load_storyline_upload(lang: str) -> None:
    """A storyline file from the visitor: refused above its size before it is read, checked once
    per file (safe YAML and the schema, vetdash.storyline); kept only when it is valid.

    Never raises: a StorylineError is caught and shown as an error in ``lang`` under the uploader.
    """
    uploaded = st.file_uploader(t("share.upload", lang), type=["yaml", "yml"], key="storyline_upload", max_upload_size=1)
    if uploaded is None:
        return
    checked = st.session_state.get("_storyline_upload_checked")
    if checked is None or checked[0] != uploaded.file_id:
        try:
            if uploaded.size > storyline.MAX_BYTES:
                raise slides.StorylineError("size", kb=uploaded.size // 1024, limit=storyline.MAX_BYTES // 1024)
            data = uploaded.getvalue()
            slides.parse_storyline(data)
            st.session_state[MY_STORYLINE] = data.decode("utf-8-sig")
            checked = (uploaded.file_id, None)
        except slides.StorylineError as error:
            checked = (uploaded.file_id, error)
        st.session_state["_storyline_upload_checked"] = checked
    if checked[1] is not None:
        st.error(t("share.upload_error", lang, reason=markdown_literal(checked[1].message(lang))))


def briefing(story: slides.Storyline, view: state.ViewState) -> bytes:
    """The storyline as a PPTX with native charts; filters and date on the title slide."""
    built = [data for i in range(len(story.views)) if (data := slide_for(story, i, view).data) is not None]
    names = ui.province_names(view.lang)
    subtitle = t("share.briefing_subtitle", view.lang, day=date.today().isoformat(), edition=view.edition, year=view.year,
                 peers="、".join(names[p] for p in view.peers) if view.lang == "zh" else ", ".join(names[p] for p in view.peers))  # fmt: skip
    return deck.pptx_bytes(built, title=story.title.get(view.lang, ""), subtitle=subtitle, lang=view.lang)
