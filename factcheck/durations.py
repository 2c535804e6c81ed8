"""Compound durations: 1年零8个月 is one span of 20 months, not a year and then 8 months.

A spoken span names its whole units first and the rest after (1年零8个月, 两年3个月, 3小时
20分钟); the reader adds them, and so does a relation that counts the months between two
dates (时隔1年零8个月)."""

from __future__ import annotations

import re
from decimal import Decimal

from .cand import Cand

# (larger unit, smaller unit) -> smaller units per larger one
STEPS = {("year", "month"): Decimal(12), ("hour", "minute"): Decimal(60),
         ("minute", "second"): Decimal(60),
         ("day", "hour"): Decimal(24), ("week", "day"): Decimal(7)}
JOINERS = ("", "零", "又", " ")
CLOCK_SECONDS = re.compile(r"(?:(?<!小)时|点)[0-9零〇一二三四五六七八九十]{1,3}分$")
CLOCK = re.compile(r"[0-9零〇一二三四五六七八九十]\s?[时點点]$")  # 8时08分52秒: a time of day


def join_durations(cands: list[Cand], folded: str) -> list[Cand]:
    """Each whole-unit duration followed at once (or after 零/又) by a duration of the next
    smaller unit becomes one duration in the smaller unit."""
    spans = [i for i, c in enumerate(cands) if c.kind == "duration"]
    if not spans or (len(spans) == 1 and cands[spans[0]].unit != "second"):
        return cands  # most documents: nothing to join, and no per-figure Python
    for i in spans:  # 2分05秒, 1小时47分37秒: 分 before seconds is minutes
        if i == 0 or cands[i].unit != "second":
            continue
        c, nxt = cands[i - 1], cands[i]
        if c.unit is None and c.kind == "count" and _whole(c) and nxt.unit == "second" \
                and folded[c.end:c.end + 1] == "分" and nxt.start == c.end + 1 \
                and not CLOCK.search(folded, max(0, c.start - 4), c.start):
            c.kind, c.unit, c.end, c.bare, c.ulp = "duration", "minute", c.end + 1, False, \
                Decimal(1)
    out: list[Cand] = []
    for i, c in enumerate(cands):
        if c.unit == "second" and CLOCK_SECONDS.search(folded, max(0, c.start - 6), c.start):
            continue  # 8时08分52秒: the seconds of a time of day, no span
        if folded[c.start:c.end] == "零" and out and out[-1].kind == "duration" \
                and i + 1 < len(cands) and cands[i + 1].start == c.end \
                and STEPS.get((out[-1].unit, cands[i + 1].unit)):  # type: ignore[arg-type]
            continue  # 1年零8个月: the 零 joins the two units, it is no figure of its own
        prev = out[-1] if out else None
        step = STEPS.get((prev.unit, c.unit)) if prev is not None else None  # type: ignore[arg-type]
        if prev is not None and step is not None and prev.kind == c.kind == "duration" \
                and folded[prev.end:c.start] in JOINERS and _whole(prev) and _plain(c) \
                and prev.qualifier == "exact":
            prev.value = prev.value * step + c.value
            prev.unit, prev.end, prev.ulp = c.unit, c.end, c.ulp
            prev.qualifier, prev.spread = c.qualifier, c.spread
            prev.number_text += c.number_text
            continue
        out.append(c)
    return out


def _whole(c: Cand) -> bool:
    return isinstance(c.value, Decimal) and c.value == c.value.to_integral_value() \
        and c.lo is None and c.hi is None


def _plain(c: Cand) -> bool:
    return isinstance(c.value, Decimal) and c.lo is None and c.hi is None
