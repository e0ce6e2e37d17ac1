"""Source lines: where a figure comes from, in the user's language."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Imported:
    """The imported version of a dataset in use, as its source line tells it.

    ``parts``: the editions (as-of dates) or years whose rows the import brought or changed, newest
    first, read from the data; empty for a dataset imported by key (budgets, consortia), where
    imported rows sit beside the built-in ones. ``source`` as the uploader stated it ("" if not
    stated); ``imported_on`` YYYY-MM-DD; ``author`` who imported it.
    """

    source: str
    imported_on: str
    author: str
    parts: tuple[str, ...] = ()
    by_part: bool = False  # True for datasets imported by edition or year


def _nothing_imported() -> Mapping[str, Imported]:
    return {}


_imported: Callable[[], Mapping[str, Imported]] = _nothing_imported


def use_imported(provider: Callable[[], Mapping[str, Imported]]) -> None:
    """Where source lines learn which datasets are imported (the app's loaders set it; without it,
    every source line is the registered publication's)."""
    global _imported
    _imported = provider


def _named(year: str | None) -> set[str] | None:
    """The years or editions a view names: one, several ("2024-06-20, 2025-06-20") or a range of years
    ("2016–2025"); None for a view of all."""
    if year is None:
        return None
    named: set[str] = set()
    for part in re.split(r"[,、，]", str(year)):
        part = part.strip()
        ends = part.split("–")
        if len(ends) == 2 and all(end.strip().isdigit() for end in ends):
            low, high = sorted(int(end) for end in ends)
            named.update(str(y) for y in range(low, high + 1))
        elif part:
            named.add(part)
    return named


def _applies(imported: Imported | None, year: str | None) -> tuple[bool, bool]:
    """(show the registered publication, show the import) for a view of ``year`` (None: all; a view of
    several editions or years shows each source behind one of them)."""
    if imported is None:
        return True, False
    if not imported.by_part:
        return True, True
    named = _named(year)
    if named is None:
        return True, bool(imported.parts)
    came = _came(imported, named)
    covered = came | {part[:4] for part in came}  # an imported edition stands for its year in a range of years
    return bool(named - covered), bool(came)


def _came(imported: Imported, named: set[str] | None) -> set[str]:
    """The imported editions or years among those a view names (an edition also by its year)."""
    return {p for p in imported.parts if named is None or p in named or p[:4] in named}


def registered_applies(name: str, year: str | None = None) -> bool:
    """Whether the registered publication (and its notes) stands behind ``name``'s figures of ``year``
    (False when the edition or year shown came by import)."""
    return _applies(_imported().get(name), year)[0]


def _imported_item(name: str, imported: Imported, lang: str, year: str | None) -> str:
    meta = catalog.dataset(name)
    came = _came(imported, _named(year))
    as_of = "、".join(p for p in imported.parts if p in came)
    return t(
        "source.imported_item", lang, title=meta.title[lang], source=imported.source or t("source.not_stated", lang),
        as_of=as_of or "—", on=imported.imported_on or "—", author=imported.author or "—", status=t(f"status.{meta.status}", lang),
    )  # fmt: skip


def source_text(names: Iterable[str], lang: str, year: str | None = None) -> str:
    """The full source line for a view: each dataset's title, publisher, publication date and status;
    for imported data, the uploader's stated source, the data's as-of date or year and the import.

    Args: ``names`` dataset names (duplicates shown once, order kept); ``year`` the figures' year
    or edition, if one applies. Raises DataValidationError for an unknown dataset name.
    """
    parts = []
    imported_now = _imported()
    for name in dict.fromkeys(names):
        meta = catalog.dataset(name)
        imported = imported_now.get(name)
        registered, from_import = _applies(imported, year)
        if registered:
            published = meta.source.get("published") or "—"
            if lang == "zh":  # a note on the date written in English, "(one search per year and province)"
                published = re.sub(r"\s*\([A-Za-z][^)]*\)$", "", str(published))
            parts.append(
                t("source.item", lang, title=meta.title[lang], publisher=publisher_name(meta.source["publisher"], lang),
                  published=published, status=t(f"status.{meta.status}", lang))
            )  # fmt: skip
        if from_import and imported is not None:
            parts.append(_imported_item(name, imported, lang, year))
    prefix = t("source.prefix", lang) + (t("source.year", lang, year=year) if year else "")
    return prefix + "；".join(parts) if lang == "zh" else prefix + "; ".join(parts)


def short_source(names: Iterable[str], lang: str, year: str | None = None) -> str:
    """A one-line source for chart subtitles and exports: publisher and status per dataset, then the year.

    Args as ``source_text``; publishers are shortened to the part before any bracket.
    """
    parts = []
    imported_now = _imported()
    for name in dict.fromkeys(names):
        meta = catalog.dataset(name)
        registered, from_import = _applies(imported_now.get(name), year)
        status = t(f"status.{meta.status}", lang)
        if registered:
            publisher = publisher_name(meta.source["publisher"], lang).split(" (")[0].split("（")[0]
            parts.append(f"{publisher}〔{status}〕")
        if from_import:
            stated = imported_now[name].source or t("source.not_stated", lang)
            parts.append(f"{stated if len(stated) <= 40 else stated[:39] + '…'}〔{status}〕")
    when = f" {year}" if year else ""
    separator = "；" if lang == "zh" else "; "
    return t("source.prefix", lang) + separator.join(dict.fromkeys(parts)) + when


def status_of(names: Iterable[str], lang: str) -> str:
    """The status labels (official, compiled, …) of the datasets ``names``, in ``lang``, comma-separated."""
    return ", ".join(dict.fromkeys(t(f"status.{catalog.dataset(n).status}", lang) for n in names))
