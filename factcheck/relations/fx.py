"""Conversions agree on one exchange rate: 12.69億新元(約34億令吉) … 1.36億新元(約3.6億令吉).

A story converts its figures at one rate, so every pair (an amount, its conversion into the
same other currency) implies the same rate within the stated rounding. The rate itself need
not be stated or known: the pairs check each other. With three or more pairs, one that
disagrees with the others while they agree among themselves is the slip (strong); with two,
the text does not say which pair is wrong (weak).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..checks.common import check_interval
from .common import Binding, _row
from .document import Document
from .frames import Frame
from .solve import holds

GAP = 12  # characters between an amount and its conversion: 302256億日元(約合人民幣18534億元)


EQUATION = re.compile(r"\s?(?:=|＝|兑换?|折合|约合)")


def _pairs(frames: list[Frame], doc: Document) -> list[tuple[Frame, Frame]]:
    out = []
    for i, c in enumerate(frames):
        if c.role != "conv" or c.quantity != "amount" or not c.unit:
            continue
        orig = next((f for f in reversed(frames[:i]) if f.quantity == "amount"
                     and f.role != "conv"), None)
        if orig is not None and orig.unit and orig.unit != c.unit \
                and c.start - orig.mention.end <= GAP:
            if orig.role in ("move", "gap"):  # 減少6111億日元(約合人民幣375億元): the sizes
                orig = replace(orig, role="level", direction=0)
            m = orig.mention
            if m.value == 1 and EQUATION.match(doc.folded, m.end):  # 1美元=新台幣30.6元: the
                orig = replace(orig, mention=replace(m, lo=m.value, hi=m.value))  # unit is exact
            out.append((orig, _rounded(c)))
    return out


def _rounded(f: Frame) -> Frame:
    """折合120萬美元: a conversion's trailing zeros are a rounding to its last non-zero digit
    (900萬港元 at 7.77 is 115.8萬美元), as writers round a converted figure to two or three
    digits: the lenient reading with no cap."""
    m = f.mention
    if m.qualifier != "exact":
        return f
    lo, hi = check_interval(m, True, share=Decimal(0))
    return replace(f, mention=replace(m, lo=lo, hi=hi))


def _env(p: tuple[Frame, Frame], q: tuple[Frame, Frame]) -> dict[str, Frame]:
    return {"conv": p[1], "amount": p[0], "other_conv": q[1], "other_amount": q[0]}


def bind_fx(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    row = _row("implied_fx")
    groups: dict[tuple[str | None, str | None], list[tuple[Frame, Frame]]] = {}
    for orig, conv in _pairs(frames, doc):
        groups.setdefault((orig.unit, conv.unit), []).append((orig, conv))

    def agree(p: tuple[Frame, Frame], q: tuple[Frame, Frame]) -> bool:
        return holds(row.formula, {k: f.interval() for k, f in _env(p, q).items()})

    for pairs in groups.values():
        if len(pairs) < 2:
            continue
        stated = [q for q in pairs if _equation(q)]
        for k, p in enumerate(pairs):
            others = [q for j, q in enumerate(pairs) if j != k]
            if any(agree(p, q) for q in others):
                yield Binding(row, "conv", [_env(p, q) for q in others], False)
                continue
            if stated and not _equation(p):  # the story's own rate (1美元=新台幣30.6元) is
                yield Binding(row, "conv", [_env(p, stated[0])], True)  # what a pair must meet
                continue
            settled = len(others) >= 2 and all(agree(a, b) for a in others for b in others
                                                if a is not b)
            if (settled or len(others) == 1) and not _equation(p):
                yield Binding(row, "conv", [_env(p, others[0])], settled)


def _equation(pair: tuple[Frame, Frame]) -> bool:
    """A rate written as an equation: its unit amount reads exact (see _pairs)."""
    m = pair[0].mention
    return m.value == 1 and m.lo == m.hi == 1
