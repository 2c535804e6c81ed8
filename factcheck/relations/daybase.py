"""One index, one previous close: every level a market wrap pairs with its move in points
implies the same base.

恒指低開5點，報19,458點 … 最多倒升244點，高見19,707 … 收市升132點，報19,596點: each level
minus its signed move is the previous close (19,463 … 19,463 … 19,464). A wrap states three
or four such pairs for one index in a paragraph; a slip in any figure shows as one base
that differs from the others. Pairs whose bases lie far apart belong to different indices
(國企指數, 科指) and are never compared; moves over their own span (本周, 累计, 年初至今) or
from a marked base (较高位回落) have other bases and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .common import Binding, _by_sentence, _level_for, _row
from .document import Document
from .frames import Frame

SAME_DAY = Decimal("0.03")  # bases further apart than 3% are different indices
OTHER_BASE = re.compile(r"本周|单周|全周|周线|本月|累计|年初至今|年初以来|年内|较|比|从|由|自")
POINTS = ("点", None)


def _pairs(frames: list[Frame], doc: Document) -> list[tuple[Frame, Frame, Decimal]]:
    """(level, move, implied base) for each point move whose level is found."""
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
        base = Decimal(level.mention.value) - f.direction * Decimal(f.mention.value)
        if base > 0:
            out.append((level, f, base))
    return out


AGREE = Decimal(1)  # bases of whole-point figures agree to within a point of rounding


def bind_day_base(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """The pairs of one paragraph whose implied bases lie within 3% are one index: each is
    bound to the base most of them agree on, so one slipped figure is the one flagged."""
    pairs = _pairs(frames, doc)
    row = _row("day_base")
    for para in dict.fromkeys(level.paragraph for level, _, _ in pairs):
        mine = [p for p in pairs if p[0].paragraph == para]
        for p in mine:
            day = [q for q in mine if abs(q[2] - p[2]) <= SAME_DAY * max(q[2], p[2])]
            if day[0] is not p:
                continue  # each index's pairs once, from its first
            votes = [sum(abs(q[2] - r[2]) <= AGREE for r in day) for q in day]
            anchor = day[votes.index(max(votes))]
            for q in day:
                if q is anchor or q[0] is anchor[0] or q[1] is anchor[1]:
                    continue
                yield Binding(row, "b_level", [{"a_level": anchor[0], "a_move": anchor[1],
                                                "b_level": q[0], "b_move": q[1]}], False)
