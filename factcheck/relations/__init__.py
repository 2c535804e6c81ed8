"""The relation engine: frames -> bindings -> interval solving -> repair -> outcomes.

Relations are declared once in ``lexicon/relations.csv`` (a formula over role names, the
binder that finds its figures, how strong a binding is); cue words are tables. One severity
policy for all of them:

- some reading of the binding holds: consistent (the figures count as checked);
- a single reading breaks and one typical slip in one figure explains it: ``error`` for a
  strong binding, ``warning`` for a weak one — the finding names the likely slip;
- a single strong reading breaks and no slip explains it: ``warning`` (the binding itself
  may be wrong); a ``scale`` relation (a profit's sub-period) speaks only of a lost 万/亿;
- anything else stays silent.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from ..claims import Claim
from ..interval import Interval
from ..model import Mention
from .bind import Binding, Row, bind_all, relation_rows
from .document import Document
from .frames import Frame, build
from .solve import Formula, Repair, holds, repairs, sides

__all__ = ["Outcome", "Document", "evaluate", "relation_rows"]


@dataclass
class Outcome:
    """One bound relation and its verdict."""

    row: Row
    roles: dict[str, Frame]
    anchor: str
    holds: bool
    severity: str | None              # error | warning | None (consistent or silent)
    repairs: list[Repair]
    expected: Interval | None = None
    rounding: bool = False            # holds once trailing zeros are read as a rounding
    formula: Formula | None = None    # the binding's own equation (a sum of N parts)

    def __post_init__(self) -> None:
        if self.formula is None:
            self.formula = self.row.formula

    @property
    def starts(self) -> frozenset[int]:
        return frozenset(f.start for f in self.roles.values())

    def ordered(self) -> list[Frame]:
        first = self.roles[self.anchor]
        return [first] + [f for r, f in self.roles.items() if r != self.anchor]

    def best_repair(self) -> Repair | None:
        """The slip after which the figures agree best (to half an allowance); then a swap of two
        digits; then one that makes a 万/亿 agree with the other figures (35.8萬 among 億
        figures); then one in the flagged figure; then the smallest."""
        if not self.repairs:
            return None
        order = {"swap": 0, "digit": 1, "sign": 2, "scale": 3, "drop": 4, "double": 5, "unit": 6}
        others = "".join(f.mention.text for f in self.roles.values())
        left, right = sides(self.formula, {k: f.interval() for k, f in self.roles.items()})
        ratio = abs(left.center / right.center) if left.center and right.center else 1
        far = ratio > 5 or ratio < Decimal("0.2")

        def key(r: Repair) -> tuple:
            agrees = r.kind == "scale" and any(w in others.replace(r.frame.mention.text, "")
                                               for w in ("億", "亿") if w in r.written)
            if self.formula.op != "=":  # an order: far apart, a lost 万/亿; else a digit
                return ((r.kind != "scale") if far else round(r.size, 2), not agrees,
                        r.role != self.anchor, order[r.kind])
            # repairs that agree within half the allowance are equally good: then two digits
            # swapped (the commonest typing slip: 26% for 62%), the flagged figure, the least
            # change
            return (math.floor(r.fit * 2) / 2, r.kind != "swap", not agrees,
                    r.role != self.anchor, round(r.size, 3), order[r.kind])
        return min(self.repairs, key=key)


def _expected(b: Binding, roles: dict[str, Frame]) -> Interval | None:
    """What the anchor should be: the formula's other side, when the anchor stands alone."""
    body = b.formula.left.body
    if not (isinstance(body, ast.Name) and body.id == b.anchor):
        return None
    return sides(b.formula, {r: f.interval() for r, f in roles.items()})[1]


def _near(b: Binding, roles: dict[str, Frame]) -> bool:
    """Whether an unexplained break is within an order of magnitude: sides further apart
    than that say the binding is wrong (a placement price against the placement's total),
    not that a figure is."""
    left, right = sides(b.formula, {r: f.interval() for r, f in roles.items()})
    a, c = left.center, right.center
    if a is None or c is None or a == 0 or c == 0:
        return True
    ratio = abs(a / c)
    return Decimal("0.1") <= ratio <= 10


def _judge(b: Binding) -> Outcome:
    for roles in b.alternatives:
        if holds(b.formula, {r: f.interval() for r, f in roles.items()}):
            return Outcome(b.row, roles, b.anchor, True, None, [], formula=b.formula)
    for roles in b.alternatives:  # trailing zeros read as a rounding: a rounding-level miss
        if holds(b.formula, {r: f.interval(True) for r, f in roles.items()}):
            strong = b.strong and b.row.strength == "strong" and len(b.alternatives) == 1
            # round figures only (3810萬令吉 for RM38.1 million): the text allows it, so it is
            # said, not flagged; a 約 figure read at its full 5% still is a warning
            approx = any(f.mention.qualifier == "approx" for f in roles.values())
            severity = ("warning" if approx else "info") if strong else None
            return Outcome(b.row, roles, b.anchor, False, severity, [],
                           _expected(b, roles), rounding=True, formula=b.formula)
    roles = b.alternatives[0]
    if b.row.strength == "unit" and b.rewritten:  # bound only where the figure holds in
        anchor = roles[b.anchor]  # another unit: 8.68% that is 22.63 - 13.95 is 8.68个百分点;
        # a warning: the figure is right, its unit word is not (加息0.25% is common usage)
        return Outcome(b.row, roles, b.anchor, False, "warning",
                       [Repair(b.anchor, anchor, b.rewritten, "unit")], _expected(b, roles),
                       formula=b.formula)
    if len(b.alternatives) > 1 and not b.strong:
        return Outcome(b.row, roles, b.anchor, False, None, [], formula=b.formula)
    found: list[Repair] = []
    for alt in b.alternatives:  # a strong binding's alternatives are orders of one reading
        found = repairs(b.formula, {r: f.interval() for r, f in alt.items()}, alt)
        if found:
            roles = alt
            break
    strong = b.strong and b.row.strength == "strong"
    if b.row.strength == "scale":  # only a lost or added 万/亿 says the figure is wrong
        found = [r for r in found if r.kind == "scale"] if not _near(b, roles) else []
    if found:
        severity: str | None = "error" if strong else "warning"
    else:
        severity = "warning" if strong and _near(b, roles) else None
    return Outcome(b.row, roles, b.anchor, False, severity, found, _expected(b, roles),
                   formula=b.formula)


LOSS = re.compile(r"亏|赤字|逆差|入超")
PROFIT = re.compile(r"盈利|盈余|利润|纯利|净利|获利|赚|溢利|顺差|出超")


def _from_a_loss(alt: dict[str, Frame]) -> bool:
    """税前盈余3.79亿元，比11月的亏损0.76亿元成长6倍: a rate from a loss to a profit (or the
    other way) has no level / base reading; outlets divide by the loss's size or not at all."""
    level, base = alt.get("level"), alt.get("base")
    if level is None or base is None:
        return False
    signs = [(bool(LOSS.search(f.metric or "")), bool(PROFIT.search(f.metric or "")))
             for f in (level, base)]
    # (净亏损10.334亿元，比上年同期的1150万元扩大: a base named by its period alone is the
    # level's kind)
    return any(loss and not profit for loss, profit in signs) and \
        any(profit and not loss for loss, profit in signs)


def evaluate(text: str, mentions: list[Mention], claims: list[Claim],
             doc: Document | None = None, frames: list[Frame] | None = None) -> list[Outcome]:
    """Every relation the engine binds in ``text``, judged (``frames``: already built)."""
    doc = doc or Document.of(text)
    frames = frames if frames is not None else build(doc, mentions, claims)
    seen: set[tuple[str, frozenset[int]]] = set()
    out = []
    for b in bind_all(frames, doc):
        if "level / base" in b.row.formula.text:
            b.alternatives = [alt for alt in b.alternatives if not _from_a_loss(alt)]
            if not b.alternatives:
                continue
        outcome = _judge(b)
        key = (b.row.name, outcome.starts)
        if key in seen:
            continue
        seen.add(key)
        out.append(outcome)
    return out
