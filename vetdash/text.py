"""Data text shown as text: names, titles and headings that come from data or from visitors are
never read as Markdown, LaTeX or HTML.

Streamlit renders Markdown (with LaTeX between ``$``, ``:colour[…]`` directives, emoji shortcodes,
links and images that the browser fetches) in ``st.markdown``, captions, headings and alerts;
plotly reads a subset of HTML (``<br>``, ``<b>``, ``<a href>``, ``<span style>``) and, where
MathJax is present, LaTeX in every text of a figure. Every piece of data text that reaches one of
these sinks goes through the matching function here, once, where it is put into the sink's
language: ``markdown_literal`` for Streamlit Markdown, ``plot_literal`` for plotly text.
"""

from __future__ import annotations

import html
import re

# Every ASCII punctuation character may be backslash-escaped in CommonMark and then stands for
# itself; escaping all of them also defeats GFM autolinks (``http\:``), directives and math.
_MARKDOWN_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
# Emoji shortcodes (:smile:) are replaced after Markdown is parsed, escapes or not: a word joiner
# after the colon keeps one from forming and shows as nothing.
_WORD_JOINER = "\u2060"


def markdown_literal(text: object) -> str:
    """``text`` as Streamlit Markdown that shows exactly that text, on one line."""
    flat = _LINE_BREAKS.sub(" ", str(text))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", flat).replace(":", ":" + _WORD_JOINER)


def markdown_plain(markdown: str) -> str:
    """Undo ``markdown_literal``'s escapes (for text leaving Markdown, e.g. a PowerPoint box)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(_WORD_JOINER, "")


def plot_literal(text: object) -> str:
    """``text`` as plotly text that shows exactly that text: tags and entities escaped, and ``$``
    and ``%`` as character references so that neither LaTeX nor a hover template placeholder
    (``%{x}``) can form. Numbers and missing values pass unchanged."""
    if not isinstance(text, str):
        return text  # type: ignore[return-value]
    # quote=False: plotly decodes only a few named entities (&amp; &lt; &gt; …, not &quot;), and
    # quotes cannot form a tag once ``<`` is escaped.
    return html.escape(text, quote=False).replace("$", "&#36;").replace("%", "&#37;")


_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!&'*+,;=%]")


def markdown_link(text: object, url: object) -> str:
    """A Markdown link whose text shows as written and whose target is an http(s) address
    (percent-encoded so it cannot end the link early); any other target gives the text alone."""
    label = markdown_literal(text)
    target = str(url or "").strip()
    if not re.match(r"https?://[^\s/]", target, re.IGNORECASE):
        return label
    target = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), target)
    return f"[{label}]({target})"


def plot_plain(text: object) -> object:
    """Undo ``plot_literal`` (for text leaving a figure, e.g. the numbers a chart draws as a table)."""
    return html.unescape(text) if isinstance(text, str) else text
