"""Years written as a count of 年: 2025年 and 二〇二五年 in full, and short forms outlets
use (○五年, 一六年, 九七年, 09年). The scanner reads any number before 年 as a duration
first; these are the spellings that can only be a year.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .numerals import CN_DIGITS

ZERO_LED = re.compile(r"0[0-9]")  # 09年: no count of years has a leading zero
SHORT_YEAR_PIVOT = 40  # 一六年 is 2016, 九七年 1997
SHORT_YEAR_DIGITS = "〇零一二三四五六七八九"


def _short_year(num_text: str) -> bool:
    """Two digits read one by one (一六, 九七, 二零), not 十六: a year written short. Two
    running digits (三四年, 七八年) are a count of years, three or four."""
    if len(num_text) != 2 or any(ch not in SHORT_YEAR_DIGITS for ch in num_text):
        return False
    a, b = (SHORT_YEAR_DIGITS.index(ch) for ch in num_text)
    a, b = max(a - 1, 0), max(b - 1, 0)  # (〇 and 零 both read 0)
    return b != a + 1


def written_year(num_text: str, chinese: bool, value: Decimal | None) -> int | None:
    """The year a number before 年 spells (its multiplier already 1), or None for a count."""
    if value is not None and value == value.to_integral_value() and (
            (not chinese and 1000 <= value <= 2199 and len(num_text.replace(",", "")) == 4)
            or (chinese and len(num_text) == 4 and all(ch in CN_DIGITS for ch in num_text))):
        return int(value)
    if chinese and len(num_text) == 2 and num_text[0] in "〇零" and num_text[1] in CN_DIGITS:
        return 2000 + CN_DIGITS[num_text[1]]  # ○五年: 2005
    if not chinese and ZERO_LED.fullmatch(num_text):
        return 2000 + int(num_text)  # 09年: 2009
    if chinese and _short_year(num_text):  # 較一六年, 九七年: 2016, 1997
        tens = CN_DIGITS[num_text[0]] * 10 + CN_DIGITS[num_text[1]]
        return (2000 if tens <= SHORT_YEAR_PIVOT else 1900) + tens
    return None
