"""Source lines: where a figure comes from, in the user's language."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vetdash import catalog
from vetdash.i18n import t

# "中文名 (English name) rest": the Chinese form on Chinese pages, the English one on English pages.
_PAIRED = re.compile(r"^([^()（）]*[\u4e00-\u9fff][^()（）]*?)\s*[（(]([^()（）]+)[)）](.*)$")


def publisher_name(publisher: str, lang: str) -> str:
    """A publisher in the page's language: a translation in the locale (``publisher.<as registered>``),
    else the matching half of a registered "中文 (English)" pair, else as registered."""
    translated = t(f"publisher.{publisher}", lang)
    if translated != f"publisher.{publisher}":
        return translated
    paired = _PAIRED.match(publisher)
    if paired:
        chinese, english, rest = paired.groups()
        return (chinese.strip() if lang == "zh" else english.strip()) + rest
    return publisher


def source_text(names: Iterable[str], lang: str, year: str | None = None) -> str:
    """The full source line for a view: each dataset's title, publisher, publication date and status.

    Args: ``names`` dataset names (duplicates shown once, order kept); ``year`` the figures' year
    or edition, if one applies. Raises DataValidationError for an unknown dataset name.
    """
    parts = []
    for name in dict.fromkeys(names):
        meta = catalog.dataset(name)
        published = meta.source.get("published") or "—"
        if lang == "zh":  # a note on the date written in English, "(one search per year and province)"
            published = re.sub(r"\s*\([A-Za-z][^)]*\)$", "", str(published))
        parts.append(
            t("source.item", lang, title=meta.title[lang], publisher=publisher_name(meta.source["publisher"], lang), published=published,
              status=t(f"status.{meta.status}", lang))
        )  # fmt: skip
    prefix = t("source.prefix", lang) + (t("source.year", lang, year=year) if year else "")
    return prefix + "；".join(parts) if lang == "zh" else prefix + "; ".join(parts)


def short_source(names: Iterable[str], lang: str, year: str | None = None) -> str:
    """A one-line source for chart subtitles and exports: publisher and status per dataset, then the year.

    Args as ``source_text``; publishers are shortened to the part before any bracket.
    """
    parts = []
    for name in dict.fromkeys(names):
        meta = catalog.dataset(name)
        publisher = publisher_name(meta.source["publisher"], lang).split(" (")[0].split("（")[0]
        parts.append(f"{publisher}〔{t(f'status.{meta.status}', lang)}〕")
    when = f" {year}" if year else ""
    separator = "；" if lang == "zh" else "; "
    return t("source.prefix", lang) + separator.join(dict.fromkeys(parts)) + when


def status_of(names: Iterable[str], lang: str) -> str:
    """The status labels (official, compiled, …) of the datasets ``names``, in ``lang``, comma-separated."""
    return ", ".join(dict.fromkeys(t(f"status.{catalog.dataset(n).status}", lang) for n in names))
