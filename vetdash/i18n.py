"""Chinese/English strings and number formatting (万/亿 in Chinese, thousands separators in English)."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import yaml

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
_LOCALE_DIR = Path(__file__).resolve().parent / "locales"


@cache
def strings(lang: str) -> dict[str, str]:
    """Every string of ``lang`` ("zh" or "en") by key, from vetdash/locales/<lang>.yaml, read once per process.

    Raises FileNotFoundError for a language without a locale file, yaml.YAMLError for a broken one.
    """
    with open(_LOCALE_DIR / f"{lang}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def normalise_language(lang: str | None) -> str:
    """``lang`` when it is one of ``LANGUAGES``, else the default language (zh)."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str, **values: object) -> str:
    """The string for ``key`` in ``lang`` with ``{name}`` placeholders filled.

    A key missing from the locale is shown as the key itself, so a gap is visible, not fatal.
    With ``n=1`` the singular ``<key>.one`` is used where the locale has one ("1 college").
    """
    table = strings(normalise_language(lang))
    template = table.get(f"{key}.one", table.get(key, key)) if values.get("n") == 1 else table.get(key, key)
    return template.format(**values) if values else template


def localized(row: object, field: str, lang: str) -> str:
    """``row[field_zh]`` or ``row[field_en]`` (rows and dicts alike)."""
    return row[f"{field}_{normalise_language(lang)}"]  # type: ignore[index]


def text_or_dash(value: object) -> str:
    """A data value as text, "—" where it is missing (None, NaN, empty): never "nan" or "None" on screen."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() in ("", "nan", "None", "NaT"):
        return "—"
    return str(value)


def _trim(number: float, digits: int, grouped: bool = True) -> str:
    text = f"{number:,.{digits}f}" if grouped else f"{number:.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float | int | None, lang: str, digits: int = 1) -> str:
    """A plain quantity: 万/亿 above ten thousand in Chinese, grouped thousands in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if lang == "zh":
        magnitude = abs(value)
        if magnitude >= 1e12:
            return f"{_trim(value / 1e12, 2, grouped=False)}万亿"
        if magnitude >= 1e8:
            return f"{_trim(value / 1e8, 2, grouped=False)}亿"
        if magnitude >= 1e4:
            return f"{_trim(value / 1e4, 2, grouped=False)}万"
        return _trim(value, digits, grouped=False) if isinstance(value, float) else f"{value}"
    return _trim(value, digits) if isinstance(value, float) else f"{value:,}"


def format_yuan(value_yuan: float | None, lang: str) -> str:
    """Money in yuan: 亿元/万亿元 in Chinese, billion/trillion yuan in English."""
    if value_yuan is None or (isinstance(value_yuan, float) and math.isnan(value_yuan)):
        return "—"
    magnitude = abs(value_yuan)
    if lang == "zh":
        if magnitude >= 1e12:
            return f"{_trim(value_yuan / 1e12, 2, grouped=False)}万亿元"
        if magnitude >= 1e8:
            return f"{_trim(value_yuan / 1e8, 2, grouped=False)}亿元"
        if magnitude >= 1e4:
            return f"{_trim(value_yuan / 1e4, 2, grouped=False)}万元"
        return f"{_trim(value_yuan, 0)}元"
    if magnitude >= 1e12:
        return f"{_trim(value_yuan / 1e12, 2)} trillion yuan"
    if magnitude >= 1e9:
        return f"{_trim(value_yuan / 1e9, 2)} billion yuan"
    if magnitude >= 1e6:
        return f"{_trim(value_yuan / 1e6, 2)} million yuan"
    return f"{_trim(value_yuan, 0)} yuan"


def format_percent(share: float | None, lang: str, digits: int = 1) -> str:
    """A share (fraction) as a percentage with ``digits`` decimals, e.g. 0.0296 → "3.0%"; None or NaN gives "—"."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{share * 100:.{digits}f}%"


def format_rank(rank: int | None, of: int, lang: str) -> str:
    """The rank as shown, e.g. 第16位（共31） / 16 of 31 (locale key ``fmt.rank``); "—" when ``rank`` is None."""
    if rank is None:
        return "—"
    return t("fmt.rank", lang, rank=rank, of=of)
