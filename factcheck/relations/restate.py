"""The same figure stated twice: a headline and its body.

A headline restates figures of its story in fewer words (港交所上季多賺34%至29億元 for
股東應佔溢利為29.04億元，按年升34%), so its metric words rarely match the body's; what must
match is the frame: the same quantity and unit, a level with a level, a move with a move of
the same direction. A headline figure is confirmed by any such body figure it agrees with.
When none agrees and exactly one body figure is a single typical slip away from it, the two
are bound as one restatement (weak: a warning, the text does not say which copy is wrong).
Parallel figures of one metric in the body (中欧…占14.9%，中美…占14.1%) are different facts
and are never paired.
"""

from __future__ import annotations

from collections.abc import Iterator

from .common import Binding, _row, unit_ok
from .document import Document
from .frames import Frame
from .solve import holds, repairs

LEVELS = ("level", "to")
TITLE_MAX = 60  # characters: a headline, not a lead paragraph


def _kind(f: Frame) -> tuple | None:
    if f.role in LEVELS:
        return ("level",)
    if f.role == "move" and f.direction:
        return ("move", f.direction)
    if f.role in ("ratio", "share"):
        return ("rate",)
    return None


def _title(doc: Document) -> tuple[int, int] | None:
    """The headline: a short first line without a full stop."""
    first = doc.paragraph(0)
    line = doc.folded[first[0]:first[1]]
    return first if 0 < len(line.strip()) <= TITLE_MAX and "。" not in line else None


def bind_restate(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    title = _title(doc)
    if title is None:
        return
    row = _row("restate")
    heads = [f for f in frames if f.paragraph == title and _kind(f)]
    body = [f for f in frames if f.start >= title[1]]
    for t in heads:
        same = [f for f in body if f.quantity == t.quantity and unit_ok(f.unit, t.unit)
                and _kind(f) == _kind(t)]
        if not same:
            continue
        alts = [{"a": t, "b": f} for f in same]
        if any(holds(row.formula, {"a": t.interval(), "b": f.interval()}) for f in same):
            yield Binding(row, "a", alts, False)
            continue
        slipped = [alt for alt in alts if repairs(
            row.formula, {"a": t.interval(), "b": alt["b"].interval()}, {"a": t})]
        if len(slipped) == 1:
            yield Binding(row, "a", slipped, False)
