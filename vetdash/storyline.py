"""Storylines: a title and a list of saved views (page, section and every filter, as URL codes).

A storyline arrives as YAML (a file in ``storylines/``, or uploaded by any visitor) or inside a
link (``story=s1.…``). Both are untrusted, so both pass the same checks before anything is shown:

- YAML is refused above ``MAX_BYTES`` before it is decoded; anchors and aliases are refused while
  the file is scanned, before anything is built (aliases let a few hundred bytes expand into
  gigabytes); nesting deeper than ``MAX_DEPTH`` and more than ``MAX_NODES`` values are refused;
- the result is checked against the schema below: every key known, every type right, every view
  parameter a URL parameter whose value ``state.read`` accepts;
- a link carries the storyline compressed (zlib, base64url) and is refused above
  ``state.MAX_STORY`` characters or ``MAX_BYTES`` once inflated.

Errors are ``StorylineError``; ``message(lang)`` says what is wrong in the user's language.

Schema (YAML)::

    title: text | {zh: text, en: text}                 optional
    slides:                                            1..MAX_SLIDES views
      - page: overview | map | rankings | institutions | consortia | demand | budgets
        show: kpis | paper | timeline                  optional, overview only
        params: {name: code | [codes]}                 optional, URL parameters of the page
        heading: text | {zh: text, en: text}           optional
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass, field

import yaml

from vetdash import state
from vetdash.i18n import t

PAGES = ("overview", "map", "rankings", "institutions", "consortia", "demand", "budgets")
SHOWS = ("", "kpis", "paper", "timeline")
MAX_BYTES = 64 * 1024  # a storyline is a few kilobytes; the default one is under 3 KB
MAX_DEPTH = 6
MAX_NODES = 5000
MAX_SLIDES = 60
MAX_HEADING = 200
LINK_PREFIX = "s1."

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StorylineError(ValueError):
    """A storyline that cannot be used. ``message(lang)`` says why; ``str()`` says it in both languages."""

    def __init__(self, key: str, **values: object):
        self.key = key
        self.values = values
        super().__init__(f"{self.message('zh')} / {self.message('en')}")

    def message(self, lang: str) -> str:
        """Why the storyline cannot be used, in ``lang``, from the locale template ``story.error.<key>``."""
        return t(f"story.error.{self.key}", lang, **self.values)


@dataclass(frozen=True)
class View:
    page: str
    params: dict = field(default_factory=dict)
    show: str = ""
    heading: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Storyline:
    title: dict
    views: tuple[View, ...]


# ---- YAML, safely ---------------------------------------------------------------------------


def _scan(text: str) -> None:
    """Walk the YAML events (no values are built) and refuse aliases, anchors, deep nesting and
    too many values. Cost is linear in the (capped) text."""
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise StorylineError("alias")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise StorylineError("depth", limit=MAX_DEPTH)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    raise StorylineError("nodes", limit=MAX_NODES)
    except yaml.YAMLError as exc:
        raise StorylineError("yaml", reason=str(getattr(exc, "problem", None) or "?"), line=_line(exc)) from None


def _line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else 0


def parse(source: str | bytes) -> Storyline:
    """A storyline from YAML text or bytes (UTF-8, a BOM allowed), checked as the module docstring says.

    Raises: StorylineError when the source is over ``MAX_BYTES``, not UTF-8, not YAML, uses aliases or
    anchors, nests deeper than ``MAX_DEPTH`` or has more than ``MAX_NODES`` values, or fails ``from_data``.
    """
    size = len(source.encode("utf-8")) if isinstance(source, str) else len(source)
    if size > MAX_BYTES:
        raise StorylineError("size", kb=size // 1024, limit=MAX_BYTES // 1024)
    if isinstance(source, bytes):
        try:
            source = source.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StorylineError("encoding") from None
    _scan(source)
    try:
        raw = yaml.load(source, Loader=_Loader)  # a safe loader; aliases were refused above
    except yaml.YAMLError as exc:
        raise StorylineError("yaml", reason=str(getattr(exc, "problem", None) or "?"), line=_line(exc)) from None
    return from_data(raw)


def _bilingual(value: object, where: str) -> dict:
    if value is None:
        return {}
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value)
        if len(text) > MAX_HEADING:
            raise StorylineError("too_long", where=where, limit=MAX_HEADING)
        return {"zh": text, "en": text}
    if isinstance(value, dict) and set(value) <= {"zh", "en"} and all(isinstance(v, str) for v in value.values()):
        if any(len(v) > MAX_HEADING for v in value.values()):
            raise StorylineError("too_long", where=where, limit=MAX_HEADING)
        return dict(value)
    raise StorylineError("bilingual", where=where)


def _params(page: str, value: object, number: int) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise StorylineError("params_type", n=number)
    params: dict[str, object] = {}
    for name, raw in value.items():
        if not isinstance(name, str) or name not in state.PARAMS or name in state.NOT_SAVED:
            raise StorylineError("param_name", n=number, name=str(name)[:40])
        values = raw if isinstance(raw, list) else [raw]
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values) and not isinstance(raw, bool):
            raise StorylineError("param_value", n=number, name=name)
        codes = state.encode(name, raw)
        checked = state.read(name, codes)
        if checked is None:
            raise StorylineError("param_value", n=number, name=name)
        params[name] = list(checked) if isinstance(checked, tuple) else checked
    return params


def from_data(raw: object) -> Storyline:
    """A storyline from already-parsed data (YAML or the JSON of a link), checked against the schema.

    Raises: StorylineError for anything but {title?, slides}, no slides or more than ``MAX_SLIDES``,
    a slide with unknown keys, a page not in ``PAGES``, a show not in ``SHOWS``, parameters that are
    not a page's URL parameters or do not read back as valid codes, or a heading or title that is not
    text or {zh, en} of at most ``MAX_HEADING`` characters.
    """
    if not isinstance(raw, dict) or set(raw) - {"title", "slides"}:
        raise StorylineError("top")
    slides = raw.get("slides")
    if not isinstance(slides, list) or not slides:
        raise StorylineError("slides")
    if len(slides) > MAX_SLIDES:
        raise StorylineError("too_many", n=len(slides), limit=MAX_SLIDES)
    views = []
    for number, item in enumerate(slides, start=1):
        if not isinstance(item, dict) or set(item) - {"page", "show", "params", "heading"}:
            raise StorylineError("slide", n=number)
        if item.get("page") not in PAGES:
            raise StorylineError("page", n=number, pages=", ".join(PAGES))
        show = item.get("show") or ""
        if show not in SHOWS:
            raise StorylineError("show", n=number, shows=", ".join(SHOWS[1:]))
        views.append(
            View(
                page=item["page"],
                params=_params(item["page"], item.get("params"), number),
                show=show,
                heading=_bilingual(item.get("heading"), f"{number}"),
            )
        )
    return Storyline(title=_bilingual(raw.get("title"), "title"), views=tuple(views))


def to_data(story: Storyline) -> dict:
    """The storyline as plain data in the schema's shape (empty parts left out)."""
    slides = []
    for view in story.views:
        item: dict[str, object] = {"page": view.page}
        if view.show:
            item["show"] = view.show
        if view.params:
            item["params"] = view.params
        if view.heading:
            item["heading"] = view.heading
        slides.append(item)
    return {"title": story.title, "slides": slides} if story.title else {"slides": slides}


def dump(story: Storyline) -> str:
    """YAML text of a storyline (what *Download my storyline* gives)."""
    return yaml.safe_dump(to_data(story), allow_unicode=True, sort_keys=False)


# ---- what a saved view means to the pages ---------------------------------------------------

# The consortia page's sections and the figure each shows (the register table has none: sectors).
CONSORTIA_FIGURES = {"sectors": "treemap", "members": "members", "founding": "timeline", "timeline": "timeline", "map": "map"}


def saved_params(query: dict[str, list[str]]) -> dict:
    """The URL parameters a saved view keeps (the page's section and every filter, the edition,
    year and peers), checked; language, demo mode and the presentation's own are left out."""
    saved = {}
    for name, values in query.items():
        if name in state.PARAMS and name not in state.NOT_SAVED:
            value = state.read(name, values)
            if value is not None:
                saved[name] = list(value) if isinstance(value, tuple) else value
    return saved


def consortia_filters(
    params: dict,
) -> tuple[tuple[str, ...], tuple[str, ...], int | None, str | None, tuple[int, int] | None, bool]:
    """The consortia page's filters from a saved view's parameters, as ``panels.consortia_view``
    takes them: kinds, scopes, category, lead, founding years, hide rows to verify."""
    kinds = {**{code: kind for kind, code in state.KIND_CODES.items()}, **{kind: kind for kind in state.KIND_CODES}}
    years = sorted(int(y) for y in params.get(state.FOUNDED) or ())
    return (
        tuple(kinds[k] for k in params.get(state.KIND, ()) if k in kinds),
        tuple(params.get(state.SCOPE, ())),
        params.get(state.SECTOR),
        params.get(state.LEAD),
        (years[0], years[1]) if len(years) == 2 else None,
        str(params.get(state.VERIFIED, "")).lower() == "true",
    )


# ---- in a link ------------------------------------------------------------------------------


def to_link(story: Storyline) -> str:
    """The ``story`` value that carries the storyline itself: compact JSON, zlib, base64url."""
    payload = json.dumps(to_data(story), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return LINK_PREFIX + base64.urlsafe_b64encode(zlib.compress(payload, 9)).decode("ascii").rstrip("=")


def is_link(value: str) -> bool:
    """True when ``value`` is a storyline carried in the link itself (starts with ``LINK_PREFIX``), not a file name."""
    return value.startswith(LINK_PREFIX)


def from_link(value: str) -> Storyline:
    """The storyline a ``story=s1.…`` value carries, checked like an uploaded file.

    Raises: StorylineError ("link") for a value over ``state.MAX_STORY`` characters, without the
    prefix, or not base64url/zlib/JSON; ("size") when it inflates past ``MAX_BYTES``; and whatever
    ``from_data`` raises for its content.
    """
    if len(value) > state.MAX_STORY or not is_link(value):
        raise StorylineError("link")
    body = value[len(LINK_PREFIX) :]
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflate = zlib.decompressobj()
        payload = inflate.decompress(packed, MAX_BYTES + 1)  # inflates no further than the cap
        if len(payload) > MAX_BYTES or inflate.unconsumed_tail:
            raise StorylineError("size", kb=MAX_BYTES // 1024, limit=MAX_BYTES // 1024)
        raw = json.loads(payload.decode("utf-8"))
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError, RecursionError) as exc:
        if isinstance(exc, StorylineError):
            raise
        raise StorylineError("link") from None
    return from_data(raw)
