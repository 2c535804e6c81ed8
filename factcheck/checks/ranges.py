"""A forecast range and its growth range describe one base: 預估12月外銷訂單720億至740億美元，
年增36.1%至39.8% — 720 / 1.361 and 740 / 1.398 are both last December's 529億美元.

Each end of the level range over one plus its end of the rate range must give the same base
within the precision of the four written numbers. A range whose ends imply different bases
has one end mistyped (or the rates were computed on another base): a warning, the text does
not say which end. When the ends agree and the text states the base itself (上年同期为3282.49万元,
去年同期盈利…), the base must lie in what both ends imply: a results forecast (业绩预告) states
all five figures, and a slip in the base is an error when one slip explains it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim, growth_patterns
from ..numerals import read_number
from ..reference import Reference
from ..textfold import fold
from .common import _fmt, _span, written_like
from .findings import Finding, Report

SPLIT = re.compile(r"\s?(?:至|到|~|～|-|－|—)\s?")
COPULA = re.compile(r"[率为达约\s]{0,3}$")  # 年增率为, 增幅约: words between the cue and the rate
REACH = 24  # characters from the level range to its rate range
BASE_REACH = 60  # characters from the rate range to the base it names (the next sentence)
# 上年同期为, 去年上半年，公司净利润为: the prior period's words, then the base (no other figure)
PRIOR = re.compile(r"(?:上年同期|去年同期|上年度|上年|去年|上期|同期)[^。；;！？!?0-9]{0,12}$")
LOSS = "亏"  # a base or a forecast in loss: a growth rate does not relate them


def _ends(m: Claim) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]] | None:
    """Each end of a range as (value, half its last written digit), in the range's unit."""
    mention = m.mention
    parts = SPLIT.split(fold(mention.number_text or ""))
    if len(parts) != 2 or mention.lo is None or mention.hi is None:
        return None
    out = []
    for part, value in zip(parts, (mention.lo, mention.hi), strict=True):
        reading = read_number(part.strip())
        if reading is None or not reading.value or not reading.ulp:
            return None
        scale = Decimal(value) / reading.value  # the multiplier both ends share (亿)
        out.append((Decimal(value), reading.ulp * scale / 2))
    return out[0], out[1]


def _base(level: tuple[Decimal, Decimal], rate: tuple[Decimal, Decimal],
          sign: int) -> tuple[Decimal, Decimal]:
    """The base the end implies, over every value its written precision allows."""
    (v, dv), (r, dr) = level, rate
    corners = [x / (1 + sign * y / 100) for x in (v - dv, v + dv) for y in (r - dr, r + dr)]
    return min(corners), max(corners)


def _range_bases(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    for i, c in enumerate(claims):
        m = c.mention
        if m.kind not in ("money", "count") or m.value is not None or m.lo is None:
            continue
        rates = [d for d in claims[i + 1:i + 4] if d.sentence == c.sentence
                 and d.mention.kind == "percent" and d.mention.value is None
                 and d.mention.lo is not None and d.mention.start - m.end <= REACH]
        if not rates:
            continue
        rate = rates[0]
        before = folded[max(c.sentence[0], rate.mention.start - 8):rate.mention.start]
        sign = _sign(before)
        levels, pcts = _ends(c), _ends(rate)
        if not sign or levels is None or pcts is None:
            continue
        report.checked.update({m.start, rate.mention.start})
        # a rise pairs the ends in order; a fall usually the other way round (105亿至110亿，
        # 下降26%至30%: 105 fell 30%); either pairing that gives one base will do
        pairings = [(_base(levels[0], pcts[k], sign), _base(levels[1], pcts[1 - k], sign))
                    for k in (0, 1)]
        agreed = [(max(lo[0], hi[0]), min(lo[1], hi[1])) for lo, hi in pairings
                  if lo[0] <= hi[1] and hi[0] <= lo[1]]
        if agreed:
            _stated_base(folded, claims, i, claims.index(rate), agreed, report)
            continue
        low, high = pairings[0 if sign > 0 else 1]
        a, b = (low[0] + low[1]) / 2, (high[0] + high[1]) / 2
        report.findings.append(Finding(
            "growth-vs-levels", "warning", [_span(rate.mention), _span(m)],
            f"the ends of {m.text} and {rate.mention.text} imply different bases "
            f"({_fmt(a, 2)} and {_fmt(b, 2)}): one end is likely mistyped",
            expected="one base for both ends", found=f"{_fmt(a, 2)} vs {_fmt(b, 2)}",
            mentions=(rate.mention, m),
            evidence={"arithmetic": f"{levels[0][0]} / (1 {'+' if sign > 0 else '-'} "
                                    f"{pcts[0][0]}/100) vs {levels[1][0]} / (1 "
                                    f"{'+' if sign > 0 else '-'} {pcts[1][0]}/100)"}))


def _sign(before: str) -> int:
    """+1 / -1 for the rise or fall cue (lexicon/roles.csv) right before a rate, else 0."""
    cut = COPULA.search(before)
    head = before[:cut.start()] if cut else before
    rise, fall = growth_patterns()
    return 1 if rise.search(head) else -1 if fall.search(head) else 0


def _stated_base(folded: str, claims: list[Claim], i: int, j: int,
                 agreed: list[tuple[Decimal, Decimal]], report: Report) -> None:
    """The base the forecast states after its rates (上年同期为…), against the base both ends
    imply; the first level of the forecast's kind and unit a prior-period word names."""
    c, rate = claims[i], claims[j]
    if LOSS in folded[c.sentence[0]:c.mention.start]:
        return
    for d in claims[j + 1:]:
        m = d.mention
        if d.paragraph != c.paragraph or m.start - rate.mention.end > BASE_REACH:
            return
        if m.kind != c.mention.kind or m.unit != c.mention.unit or m.value is None \
                or m.lo is None or m.hi is None:
            continue
        prefix = folded[max(d.paragraph[0], m.start - 16):m.start]
        if not PRIOR.search(prefix) or LOSS in prefix[-6:]:
            continue
        if c.metric and d.metric and c.metric != d.metric:
            return
        report.checked.update({m.start})
        lo, hi = Decimal(m.lo), Decimal(m.hi)
        if any(a <= hi and lo <= b for a, b in agreed):
            return
        implied = f"{written_like(agreed[0][0], m)}–{written_like(agreed[0][1], m)}"
        report.findings.append(Finding(
            "growth-vs-levels", "error", [_span(m), _span(c.mention), _span(rate.mention)],
            f"{c.mention.text} and {rate.mention.text} both imply a base of {implied}, "
            f"not the {m.text} stated",
            expected=implied, found=m.text,
            mentions=(m, c.mention, rate.mention),
            evidence={"arithmetic": f"{c.mention.text} / (1 ± {rate.mention.text})"}))
        return
