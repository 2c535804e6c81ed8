"""A figure whose last thousands group has lost or gained a digit (57,22元, 2,0611.45億元).

The scanner reads a thousands separator only before a group of three, so such a figure
falls apart into a bare head (57) and an amount (22元) that no writer meant. It is read
here as one figure, its digits taken as written (5722元, as a reader would first take
it), so that the check which says it is garbled (checks/garbled.py) and every relation
see one figure in its place.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .cand import Cand

# a head of well-formed groups and a half-width separator, then a group of one, two or four-plus
# digits (a full-width ， between numbers lists them: 1千零1，12兆); checks/garbled.py flags the
# same shape
HEAD = r"(?<![\d.,，])(\d{1,3}(?:,\d{3})*),"
BAD_TAIL = r"(?:\d{1,2}(?!\d)|\d{4,})"
BAD_GROUP = re.compile(rf"{HEAD}(?={BAD_TAIL})")
KINDS = ("money", "percent", "count")
LEAD_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def join_bad_groups(cands: list[Cand], folded: str) -> list[Cand]:
    """Each amount right after a malformed thousands separator takes its head in."""
    if "," not in folded:
        return cands
    heads = {m.end(): m for m in BAD_GROUP.finditer(folded)}
    if not heads:
        return cands
    drop: set[int] = set()
    for i, c in enumerate(cands):
        head = heads.get(c.start)
        if head is None or c.kind not in KINDS or c.bare or not isinstance(c.value, Decimal) \
                or any(d.start < head.start() < d.end for d in cands[max(0, i - 2):i]):
            continue  # (the head's digits end a figure of their own: 1千零1)
        number = LEAD_NUMBER.match(folded, c.start)
        if number is None or not Decimal(number[0]):
            continue
        try:
            joined = Decimal(re.sub(r"\D", "", head[1]) + number[0])
        except InvalidOperation:
            continue
        c.value = c.value / Decimal(number[0]) * joined
        c.number_text = folded[head.start():c.start] + c.number_text
        c.start = head.start()
        c.extra["thousands_group"] = "malformed"
        drop.update(j for j in (i - 1, i - 2) if j >= 0 and cands[j].start >= head.start()
                    and cands[j].end <= head.end())
    return [c for j, c in enumerate(cands) if j not in drop]
