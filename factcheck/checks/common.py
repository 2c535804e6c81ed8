"""Interval reading and verdict helpers that every rule, and the relation engine, share.

Imports nothing from :mod:`factcheck.relations`, which reads stated precision through
:func:`check_interval`: the two must agree on what a figure's interval is, and importing
it from here keeps that dependency free of cycles.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..model import Mention
from ..numerals import read_number
from ..textfold import fold


@lru_cache(maxsize=8192)  # the engine asks again for every binding a figure is in
def check_interval(m: Mention, lenient: bool = False, share: Decimal | None = None
                   ) -> tuple[Decimal | None, Decimal | None]:
    """The mention's interval as written, or (``lenient``) widened as if a whole number's
    trailing zeros were a rounding (1,300億 may stand for 1,305億): by up to half a unit of
    the lowest non-zero digit, but never by more than ``share`` of the value (1%; ``0`` for
    no cap: a converted figure, 折合120萬美元, is rounded to two or three digits)."""
    lo, hi = m.lo, m.hi
    if m.qualifier in ("over", "under", "upto", "near") and m.precision \
            and _last_digit(m.number_text) in NON_ZERO:
        # 挫逾16% of a 15.99% fall, 下滑近27% of a 27.4% one: a measured bound is as rounded
        # as the figure stating it (a round mark, 逾百亿 or 超过100人, is exact)
        half = m.precision / 2
        return (lo - half if lo is not None else None), (hi + half if hi is not None else None)
    if m.qualifier == "approx" and not lenient and m.value is not None and lo is not None:
        # 约 as written allows 5%; a relation that needs more than 2% of it is a warning
        value = Decimal(m.value)
        width = max((m.precision or Decimal(0)) / 2, abs(value) * APPROX_STRICT)
        return max(lo, value - width), min(hi, value + width)
    if not lenient or lo is None or hi is None or m.qualifier != "exact" or not m.number_text:
        return lo, hi
    reading = read_number(fold(m.number_text))
    if reading is None or not reading.ulp or reading.lowest <= reading.ulp:
        return lo, hi
    center = (lo + hi) / 2
    share = LENIENT_SHARE if share is None else share
    half = (hi - lo) / 2 * reading.lowest / reading.ulp
    if share:
        half = min(half, max((hi - lo) / 2, abs(center) * share))
    if hi == lo and grouped_zeros(m.number_text):  # a whole count is exact as written (3000
        factor = Decimal(m.value) / reading.value if m.value is not None and reading.value \
            else 1  # 点 is a mark), but not one written in groups (744萬5,000人: thousands)
        half = reading.lowest / 2 * factor
        if share:
            half = min(half, abs(center) * share)
    return center - half, center + half


LENIENT_SHARE = Decimal("0.01")
NON_ZERO = frozenset("123456789")


def _last_digit(number_text: str | None) -> str:
    """The last digit of a measured figure; none for a round mark of one significant digit
    (超5万吨, 逾10%), which is a threshold as written."""
    digits = "".join(c for c in number_text or "" if c.isascii() and c.isdigit()).lstrip("0")
    return digits[-1] if len(digits) >= 2 else ""


def grouped_zeros(number_text: str | None) -> bool:
    """744萬5,000, 6萬3,000: the units group written after 万 ends in zeros, as statistics
    rounded to thousands are (the checker's intervals and the engine's read it alike)."""
    text = (number_text or "").replace("萬", "万").replace(" ", "")
    at = text.rfind("万")
    tail = text[at + 1:]
    return at > 0 and UNITS_GROUP.fullmatch(tail) is not None and tail.endswith("0")


UNITS_GROUP = re.compile(r"[1-9][0-9,]*+")
APPROX_STRICT = Decimal("0.02")


def _any_fit(candidates: list[Any], fits: Any) -> tuple[bool, bool]:
    """Whether some candidate satisfies ``fits(candidate, lenient)`` with the intervals as
    written (strict), and whether one does at least when trailing zeros are read as a
    rounding (lenient). ``fits`` returns False when an interval is open."""
    strict = lenient = False
    for candidate in candidates:
        for flag in (False, True):
            if fits(candidate, flag):
                strict = strict or not flag
                lenient = True
    return strict, lenient


PRODUCT_SLACK = Decimal("0.01")


def _product_fits(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal],
                  total: tuple[Decimal | None, Decimal | None], lenient: bool,
                  factor: Decimal = Decimal(1)) -> bool:
    """Whether a x b (x factor) can be the total; leniently it may be 1% off, for a total
    the article rounded from unrounded factors."""
    slack = PRODUCT_SLACK if lenient else Decimal(0)
    return _overlap((a[0] * b[0] * factor * (1 - slack), a[1] * b[1] * factor * (1 + slack)),
                    total)


def _center(lo: Decimal | None, hi: Decimal | None) -> Decimal | None:
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    return lo if lo is not None else hi


def breakdown_cut(ivs: list[tuple[Decimal | None, Decimal | None]]) -> int:
    """How many items a list keeps once the last items that add up to an earlier one are
    read as its breakdown (工业用电10716亿千瓦时：轻工业和重工业分别用电1771亿千瓦时、8945亿千瓦时):
    two or more items after it whose intervals' sum meets its interval."""
    for i in range(len(ivs) - 2):
        rest = ivs[i + 1:]
        if None in ivs[i] or any(None in iv for iv in rest):
            continue
        if _overlap((sum(iv[0] for iv in rest), sum(iv[1] for iv in rest)), ivs[i]):
            return i + 1
    return len(ivs)


def _overlap(a: tuple[Decimal | None, Decimal | None],
             b: tuple[Decimal | None, Decimal | None]) -> bool:
    alo, ahi = a
    blo, bhi = b
    if alo is not None and bhi is not None and alo > bhi:
        return False
    return not (blo is not None and ahi is not None and blo > ahi)


def _fmt(d: Decimal | None, places: int = 2) -> str:
    if d is None:
        return "open"
    q = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < 10**12 else d
    text = f"{q:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


SCALES = (("万亿", Decimal(10) ** 12), ("兆", Decimal(10) ** 12), ("亿", Decimal(10) ** 8),
          ("万", Decimal(10) ** 4))


def written_like(value: Decimal, m: Mention) -> str:
    """A computed amount in the style of a stated one (parts adding up to 1987亿令吉 beside a
    total written 1887亿令吉): its multiplier and unit words, one more decimal than it shows;
    a plain number when the figure has no multiplier."""
    number = (m.number_text or "").replace(" ", "")
    scale = next(((word, size) for word, size in SCALES if number.endswith(word)), None)
    # number_text is folded (1,109亿); the words after it keep the figure's own script (億元)
    at = fold(m.text).find(m.number_text) if m.number_text else -1
    if scale is None or at < 0:
        return _fmt(value, 0)
    head = number[:-len(scale[0])]
    places = len(head.split(".")[1]) + 1 if "." in head else 1
    end = at + len(m.number_text.rstrip())
    return _fmt(value / scale[1], places) + m.text[end - len(scale[0]):]


def _span(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)


def _severity(found: Decimal, expected: Decimal, rounding: Decimal) -> str:
    """Rounding-level misses are warnings; anything further off is an error."""
    gap = abs(found - expected)
    if gap <= max(rounding * 2, abs(expected) * Decimal("0.01")):
        return "warning"
    return "error"


def _magnitude_hint(ratio: Decimal) -> str:
    for power, words in ((4, "万 vs 亿 (10^4)"), (8, "亿 vs 兆/万亿 (10^8)"), (3, "10^3"),
                         (2, "10^2"), (1, "10x")):
        for sign in (1, -1):
            target = Decimal(10) ** (power * sign)
            if target * Decimal("0.8") <= ratio <= target * Decimal("1.25"):
                return f"; off by a factor of about {words}: a multiplier slip (万/亿) is likely"
    return ""


# cues and scales that several families of rules read
FULL_STOP = re.compile(r"[。！？!?\n]")


# 突破千亿元大关, 首破6,000亿美元: a round threshold passed, not the figure itself
THRESHOLD = re.compile(r"(?:突破|首破|跌破|站上|站稳|失守|迈上|跨过|跨越|冲破|逼近|重返|守住)\s?$")


def _threshold(folded: str, m: Mention) -> bool:
    return THRESHOLD.search(folded, max(0, m.start - 3), m.start) is not None


SLIP_SCALES = (Decimal(10) ** 4, Decimal(10) ** 8, Decimal(10) ** 3)


def in_brackets(folded: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` lies inside brackets opened after ``lo``: 1.8億股(1.4億股新股及4,000萬股
    舊股) breaks the figure before down, it is no sibling of it."""
    text = folded[lo:pos]
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def bracketed(folded: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a bracket opened in its sentence and not yet closed."""
    return in_brackets(folded, max(folded.rfind(x, 0, pos) for x in "。；;\n") + 1, pos)
