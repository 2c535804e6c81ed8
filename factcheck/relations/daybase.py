"""One index, one previous close: every level a market wrap pairs with its move in points
implies the same base.

恒指低開5點，報19,458點 … 最多倒升244點，高見19,707 … 收市升132點，報19,596點: each level
minus its signed move is the previous close (19,463 … 19,463 … 19,464). A wrap states three
or four such pairs for one index in a paragraph; a slip in any figure shows as one base
that differs from the others. Pairs are compared only under one index name
(lexicon/index_names.csv: 恒指, not 期指 or 國企指數), within 3% of each other and with no
other day named between them; moves over their own span (本周, 累计, 年初至今) or from a
marked base (较高位回落) have other bases and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .common import Binding, _by_sentence, _level_for, _row
from .document import Document
from .frames import Frame
from .thresholds import index_before

SAME_DAY = Decimal("0.03")  # bases further apart than 3% are different indices
OTHER_BASE = re.compile(r"本周|单周|全周|周线|本月|累计|年初至今|年初以来|年内|较|比|从|由|自")
POINTS = ("点", None)


# 周一…收报…；周二…: another day's close and base; 夜期, 期指: another instrument
OTHER_DAY = re.compile(r"(?:周|星期|礼拜)[一二三四五六日天]|昨[日天]|前一?[日天]|上周|\d{1,2}日")


def _pairs(frames: list[Frame], doc: Document) -> list[tuple[Frame, Frame, Decimal]]:
    """(level, move, implied base) for each point move whose level is found and whose
    paragraph names the index before it (lexicon/index_names.csv)."""
    out = []
    sentences = _by_sentence(frames)
    for f in frames:
        if f.role != "move" or f.quantity != "amount" or f.unit not in POINTS or not f.direction \
                or f.mention.value is None or OTHER_BASE.search(doc.folded, f.clause[0], f.start):
            continue
        group = sentences[f.sentence]
        # 最多倒升244點，高見19,707: the extreme the move reached, in the next clause
        level = _level_for(f, group, "点", "amount", doc) or next(
            (g for g in group if g.start > f.start and g.role in ("high", "low")
             and g.clause[0] <= f.clause[1] + 1), None)
        if level is None or level.unit not in POINTS or level.mention.value is None \
                or level.role not in ("level", "to", "high", "low"):
            continue
        if level.role == "to" and level.direction * f.direction < 0:
            continue  # 升至27126點後…最多跌逾340點: a level reached by a rise ends no fall
        base = Decimal(level.mention.value) - f.direction * Decimal(f.mention.value)
        if base > 0:
            out.append((level, f, base))
    return out


def _index(pair: tuple[Frame, Frame, Decimal], doc: Document) -> str | None:
    level, move, _ = pair
    return index_before(doc, level.paragraph[0], min(level.start, move.start))


def _same_day(a: tuple[Frame, Frame, Decimal], b: tuple[Frame, Frame, Decimal],
              doc: Document) -> bool:
    """No other day named between the two pairs (周一收报…；周二收报…)."""
    lo = max(a[0].mention.end, a[1].mention.end)
    hi = min(b[0].start, b[1].start)
    first, second = (a, b) if lo <= hi else (b, a)
    lo = max(first[0].mention.end, first[1].mention.end)
    hi = min(second[0].start, second[1].start)
    return lo >= hi or OTHER_DAY.search(doc.folded, lo, hi) is None


AGREE = Decimal(1)  # bases of whole-point figures agree to within a point of rounding


def bind_day_base(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """The pairs of one paragraph whose implied bases lie within 3% are one index: each is
    bound to the base most of them agree on, so one slipped figure is the one flagged."""
    pairs = _pairs(frames, doc)
    row = _row("day_base")
    for para in dict.fromkeys(level.paragraph for level, _, _ in pairs):
        mine = [p for p in pairs if p[0].paragraph == para]
        names = {id(p): _index(p, doc) for p in mine}
        for p in mine:
            day = [q for q in mine if abs(q[2] - p[2]) <= SAME_DAY * max(q[2], p[2])
                   and names[id(q)] is not None and names[id(q)] == names[id(p)]
                   and _same_day(p, q, doc)]
            if not day or day[0] is not p:
                continue  # each index's pairs once, from its first
            votes = [sum(abs(q[2] - r[2]) <= AGREE for r in day) for q in day]
            anchor = day[votes.index(max(votes))]
            for q in day:
                if q is anchor or q[0] is anchor[0] or q[1] is anchor[1]:
                    continue
                yield Binding(row, "b_level", [{"a_level": anchor[0], "a_move": anchor[1],
                                                "b_level": q[0], "b_move": q[1]}], False)
