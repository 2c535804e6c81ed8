"""Bare numbers listed before a figure with a unit share that unit (假設發1.3、1.4元: 1.3元;
分別為3、5億元: 3億元; 0.9、1.0和0.4个百分点): the list names its unit once, at its end."""

from __future__ import annotations

import re

from .cand import Cand

LIST_JOIN = re.compile(r"\s?、\s?")


def listed_before(cands: list[Cand], i: int, folded: str, join: re.Pattern[str]
                   ) -> Cand | None:
    """The figure with a unit that ends a list of bare numbers from ``cands[i]`` on (at most
    six items, each joined to the next by ``join``)."""
    for j in range(i, min(i + 6, len(cands) - 1)):
        a, b = cands[j], cands[j + 1]
        if not join.fullmatch(folded, a.end, b.start) or (b.bare and b.value is None):
            return None
        if not b.bare:
            return b
    return None


def share_unit(c: Cand, nxt: Cand, folded: str) -> None:
    """A bare number listed before an amount takes the amount's unit, and its multiplier
    when it has none of its own (11.52億、199.97億及7.68億元 keep their 億)."""
    if c.multiplier == 1:
        factor = nxt.multiplier * nxt.scale
        c.multiplier, c.scale = nxt.multiplier, nxt.scale
        c.value = c.value * factor
        c.ulp = c.ulp * factor if c.ulp is not None else None
    c.kind, c.unit, c.bare = nxt.kind, nxt.unit, False
    c.unit_span = nxt.unit_span
    if "currency_basis" in nxt.extra:
        c.extra["currency_basis"] = nxt.extra["currency_basis"]
    c.extra["unit_basis"] = f"listed before {folded[nxt.start:nxt.end]!r}"
