"""Months listed under one 月 (6、7月, 7、8兩月): the bare numbers before it are months, each
a period of its own (the gold reads consecutive lists both ways, 3 to 3: kept as they were)."""

from __future__ import annotations

import re
from decimal import Decimal

from .cand import Cand

MONTHS = {Decimal(n) for n in range(1, 13)}
ELLIPTIC_JOIN = re.compile(r"\s?(?:和|及|与|或|、)\s?")  # 百分之二和三, 5%及3: one unit for both


def month_lists(cands: list[Cand], folded: str) -> None:
    """7、8兩月, 1、2两个月: bare numbers listed before a duration of as many months are the
    months themselves (July and August), not counts."""
    for i, d in enumerate(cands):
        if d.kind != "duration" or d.unit != "month" or d.value is None or not i:
            continue
        run = []
        k, end = i - 1, d.start
        while k >= 0 and cands[k].bare and cands[k].value in MONTHS and (
                cands[k].end == end if not run else ELLIPTIC_JOIN.fullmatch(
                    folded, cands[k].end, end)):
            run.append(cands[k])
            end, k = cands[k].start, k - 1
        if len(run) >= 2 and Decimal(len(run)) == d.value:
            for c in run:
                c.kind, c.bare, c.ulp = "period", False, None
                c.date_parts, c.rel_year = (None, int(c.value), None), None

