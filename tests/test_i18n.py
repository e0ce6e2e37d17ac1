from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from vetdash import i18n


def test_locales_have_the_same_keys_and_placeholders():
    zh, en = i18n.strings("zh"), i18n.strings("en")
    assert set(zh) == set(en)
    for key in zh:
        assert set(re.findall(r"{(\w+)}", zh[key])) == set(re.findall(r"{(\w+)}", en[key])), key


def test_number_formats():
    assert i18n.format_number(568563, "zh") == "56.86万"
    assert i18n.format_number(568563, "en") == "568,563"
    assert i18n.format_number(18053430, "zh") == "1805.34万"
    assert i18n.format_number(140628 * 1e4, "zh") == "14.06亿"
    assert i18n.format_yuan(32046.7e8, "zh") == "3.2万亿元"
    assert i18n.format_yuan(32046.7e8, "en") == "3.2 trillion yuan"
    assert i18n.format_percent(0.0296, "en") == "3.0%"
    assert i18n.format_number(None, "zh") == "—"


def test_no_locale_key_is_written_twice():
    # A key written twice would silently keep the last value (YAML loaders do), e.g. after a merge.
    for lang in i18n.LANGUAGES:
        lines = (Path(i18n.__file__).parent / "locales" / f"{lang}.yaml").read_text(encoding="utf-8").splitlines()
        keys = [line.split(":", 1)[0] for line in lines if line and not line.startswith(("#", " "))]
        doubled = sorted(key for key, n in Counter(keys).items() if n > 1)
        assert not doubled, f"{lang}.yaml writes these keys more than once: {doubled}"
