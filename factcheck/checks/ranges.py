"""A forecast range and its growth range describe one base: 預估12月外銷訂單720億至740億美元，
年增36.1%至39.8% — 720 / 1.361 and 740 / 1.398 are both last December's 529億美元.

Each end of the level range over one plus its end of the rate range must give the same base
within the precision of the four written numbers. A range whose ends imply different bases
has one end mistyped (or the rates were computed on another base): a warning, the text does
not say which end.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..numerals import read_number
from ..reference import Reference
from ..textfold import fold
from .common import _fmt, _span
from .findings import Finding, Report

SPLIT = re.compile(r"\s?(?:至|到|~|～|-|－|—)\s?")
RISE = re.compile(r"(?:年增|年增率|增长|成长|增加|上升|增幅|同比增长|按年增长)[率为达约\s]{0,3}$")
FALL = re.compile(r"(?:年减|减少|下降|衰退|下滑|减幅|同比下降|按年下降)[率为达约\s]{0,3}$")
REACH = 24  # characters from the level range to its rate range


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
        sign = 1 if RISE.search(before) else -1 if FALL.search(before) else 0
        levels, pcts = _ends(c), _ends(rate)
        if not sign or levels is None or pcts is None:
            continue
        report.checked.update({m.start, rate.mention.start})
        # a rise pairs the ends in order; a fall usually the other way round (105亿至110亿，
        # 下降26%至30%: 105 fell 30%); either pairing that gives one base will do
        pairings = [(_base(levels[0], pcts[k], sign), _base(levels[1], pcts[1 - k], sign))
                    for k in (0, 1)]
        if any(lo[0] <= hi[1] and hi[0] <= lo[1] for lo, hi in pairings):
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
