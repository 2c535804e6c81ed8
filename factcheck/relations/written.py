"""How a figure is written, as the relations read it: its digits, its significant digits, and
whether its last group or its decimals say it is rounded."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..checks.common import grouped_zeros
from ..model import Mention

if TYPE_CHECKING:
    from .frames import Frame


def digit_string(m: Mention) -> str:
    """The digits as written (1,929.47 -> 192947); a figure in Chinese numerals (九十一點六,
    二百○三亿四千一百万) has none, so its value's digits stand in (916, 20341 and zeros)."""
    written = "".join(ch for ch in m.number_text or m.text if ch.isascii() and ch.isdigit())
    if written or m.value is None or isinstance(m.value, str):
        return written
    return format(abs(Decimal(m.value)).normalize(), "f").replace(".", "").lstrip("0")


def significant(f: Frame) -> int:
    """Significant digits as written (1,000 -> 1; 29.04 -> 4; 百分之七點六四 -> 3): a chance
    fit of round figures proves nothing."""
    return len(digit_string(f.mention).strip("0"))


def _rounded_groups(m: Mention) -> bool:
    """12亿2000万, 30亿9000万, 744万5,000: a figure written in groups (亿 then 万, 万 then
    units) whose last group ends in zeros, as statistics rounded to thousands are."""
    if grouped_zeros(m.number_text):
        return True  # 744万5,000人
    text = (m.number_text or "").replace("萬", "万").replace("億", "亿").replace(" ", "")
    at = text.rfind("万")
    head, tail = text[:at], text[at + 1:]
    return "亿" in head and head.endswith("0") and not any(ch.isdigit() for ch in tail)


def _whole(m: Mention) -> bool:
    """Written without decimals (26,908點, 469点), in Arabic digits."""
    text = m.number_text or ""
    return any(ch.isdigit() for ch in text) and not any(ch in ".．﹒" for ch in text)
