"""The reports' own words in the reader's language: English, or the article's Chinese script.

An editor reads a Traditional article's report in Traditional and a Simplified one's in
Simplified (``--lang auto``, the default), with the findings' messages composed in that
script by :mod:`factcheck.i18n`; pipelines keep the English ``message`` of the contract's
JSON and get the localized one beside it. The strings live in
``lexicon/report_words.csv`` (one row per phrase, a column per language), not in the code.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .lexicon import LEXICON_DIR

if TYPE_CHECKING:
    from .checks import Finding

LANGS = ("en", "zh-Hans", "zh-Hant")
COLUMN = {"en": "en", "zh-Hans": "zh_hans", "zh-Hant": "zh_hant"}


@lru_cache(maxsize=1)
def _rows() -> dict[str, dict[str, str]]:
    with (LEXICON_DIR / "report_words.csv").open(encoding="utf-8") as fh:
        return {r["key"]: r for r in csv.DictReader(fh)}


def say(key: str, lang: str, n: int | None = None, **fields: Any) -> str:
    """The phrase ``key`` in ``lang``, ``{n}`` and the other placeholders filled (English
    picks its singular form for one)."""
    row = _rows()[key]
    text = row["en_one"] if lang == "en" and n == 1 and row["en_one"] else row[COLUMN[lang]]
    return text.format(n=n, **fields)


def resolve(lang: str, text: str) -> str:
    """``auto`` is the article's script; any other choice stands."""
    if lang != "auto":
        return lang
    from .i18n import script_of

    return script_of(text) if any("\u4e00" <= ch <= "\u9fff" for ch in text[:20000]) else "en"


def message(finding: Finding, text: str, lang: str) -> str:
    """The finding's message in ``lang`` (the English one as the checks wrote it for en)."""
    if lang == "en":
        return finding.message
    from .i18n import localize

    return localize(finding, text, lang)


def next_step(finding: Finding, text: str, lang: str) -> str | None:
    from .i18n import next_step as step

    return step(finding, text, lang)
