"""The dates a table's column headers name, and the span of the periods ending on them.

Results announcements head their columns with period ends rather than words (截至下列日期止
三个月 / 二零二五年 / 九月三十日 / 二零二四年 / 九月三十日 同比变动): a column is the three
months ending on its date, the latest is the period reported, and a change column compares it
with the column its basis points back to. Years come in Arabic or Chinese digits (二零二五年,
二〇二四年), months and days in either (九月三十日, 6月30日).
"""

from __future__ import annotations

import re

DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
_SMALL = "[一二三四五六七八九十]{1,3}"
DATE = re.compile(
    rf"((?:19|20)\d\d|[一二][〇零一二三四五六七八九]{{3}})\s*年?\s*"
    rf"(?:(\d{{1,2}}|{_SMALL})\s*月\s*(?:(?:\d{{1,2}}|{_SMALL})\s*日)?)?")
SPAN = re.compile(rf"止\s*(\d{{1,2}}|{_SMALL})\s*[个個]?月|止\s*(?:年度|财政年度|全年)")
# the basis of a change column: a year back (同比, 按年, 年增) or the period before (环比, 按季)
BASES = (("yoy", re.compile(r"同比|按年|年增|年减|年比|较上年|较去年")),
         ("seq", re.compile(r"环比|按季|按月|季增|季减|月增|月减|较上季|较上月")))
# a change column named by its step (月增減率, 年增率, 季增): months back to its base
RATE_COLUMN = re.compile(r"([年月季])(?:增|减|增减|成长|增长)")
BACK = {"年": 12, "月": 1, "季": 3}


def _small(word: str) -> int | None:
    """一 .. 三十一, or Arabic digits."""
    if word.isdigit():
        return int(word)
    if "十" not in word:
        return DIGITS.get(word) if len(word) == 1 else None
    tens, _, ones = word.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (DIGITS.get(tens, 0) if tens else 1) * 10 + (DIGITS.get(ones, 0) if ones else 0)


def column_date(cell: str) -> tuple[int, int | None] | None:
    """(year, month or None) of a header cell that is a date and nothing else."""
    m = DATE.fullmatch(cell.strip())
    if m is None:
        return None
    year = "".join(str(DIGITS[ch]) if ch in DIGITS else ch for ch in m.group(1))
    if not m.group(2):
        return (int(year), None) if "年" in cell else None  # a bare 2025 is a figure
    month = _small(m.group(2))
    return (int(year), month) if month and 1 <= month <= 12 else None


def is_date_part(cell: str) -> bool:
    """A piece of a stacked date header: a year (二零二五年, 2025年) or a month and day
    (九月三十日, 6月30日) on its own."""
    return column_date(cell) is not None or bool(
        re.fullmatch(rf"(?:\d{{1,2}}|{_SMALL})月(?:(?:\d{{1,2}}|{_SMALL})日)?", cell.strip()))


def span_months(words: str) -> int | None:
    """How many months a column covers, as a header block says (截至下列日期止三个月: 3,
    止九個月: 9, 止年度: 12)."""
    m = SPAN.search(words)
    if m is None:
        return None
    if m.group(1) is None:
        return 12
    n = _small(m.group(1))
    return n if n and 1 <= n <= 12 else None


def basis(cell: str) -> str | None:
    """yoy, seq (the period before) or None for a change column's header."""
    return next((name for name, words in BASES if words.search(cell)), None)


def change_basis(cell: str, back: int) -> str | None:
    """yoy, mom or qoq of a change column that looks ``back`` months (月增減率 mom, 年增率 and
    同比 yoy, 环比 by its step), None when the header names none."""
    m = RATE_COLUMN.match(cell)
    if m:
        return {"年": "yoy", "月": "mom", "季": "qoq"}[m.group(1)]
    named = basis(cell)
    if named == "yoy":
        return "yoy"
    return {1: "mom", 3: "qoq"}.get(back) if named == "seq" else None
