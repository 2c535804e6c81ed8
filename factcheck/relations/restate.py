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

import re
from collections.abc import Iterator

from .common import Binding, Row, _row, unit_ok
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


def _lead(frames: list[Frame], title: tuple[int, int] | None) -> tuple[int, int] | None:
    """The first paragraph of the story after its headline (or the first, without one)."""
    return next((f.paragraph for f in frames if title is None or f.start >= title[1]), None)


def _restatements(heads: list[Frame], body: list[Frame], row: Row) -> Iterator[Binding]:
    for t in heads:
        same = [f for f in body if f.quantity == t.quantity and unit_ok(f.unit, t.unit)
                and _kind(f) == _kind(t)]
        if not same:
            continue
        alts = [{"a": t, "b": f} for f in same]
        if any(holds(row.formula, {"a": t.interval(), "b": f.interval()}) for f in same):
            yield Binding(row, "a", alts, False)
            continue
        if _significant(t) < 2:
            continue  # 每手1,000股 vs 每手2,000股: round figures one digit apart by chance
        slipped = [alt for alt in alts if any(r.fit <= CLOSE_FIT for r in repairs(
            row.formula, {"a": t.interval(), "b": alt["b"].interval()}, {"a": t}))]
        if len(slipped) == 1:
            yield Binding(row, "a", slipped, False)


CLOSE_FIT = 0.5  # a repaired restatement agrees to within half the stated rounding


def _significant(f: Frame) -> int:
    """Significant digits as written (1,000 -> 1; 29.04 -> 4)."""
    digits = "".join(ch for ch in f.mention.number_text or f.mention.text if ch.isdigit())
    return len(digits.strip("0"))


def bind_restate(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """The headline against the whole body; the lead paragraph against the later paragraphs,
    where a figure must also name the same metric (营业总收入 … 营业总收入): a lead states
    many figures, and later paragraphs many more of the same kind."""
    row = _row("restate")
    title = _title(doc)
    if title is not None:
        heads = [f for f in frames if f.paragraph == title and _kind(f)]
        yield from _restatements(heads, [f for f in frames if f.start >= title[1]], row)
    lead = _lead(frames, title)
    if lead is None:
        return
    later = [f for f in frames if f.start >= lead[1]]
    for t in (f for f in frames if f.paragraph == lead and f.role in LEVELS
              and len(_core(f.metric)) >= 2):
        named = [f for f in later if _same_name(_core(f.metric), _core(t.metric))
                 and (f.months is None or t.months is None or f.months == t.months)]
        yield from _restatements([t], named, row)


PERIOD_WORDS = re.compile(r"^.*?(?:年度|年|季度|季|月份|月|期内|同期)")


def _same_name(a: str, b: str) -> bool:
    """美的集团实现营业总收入 names 营业总收入: one ends with the other (two characters+)."""
    return min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a))


def _core(metric: str | None) -> str:
    """The metric word without the period words in front (前三季度营业总收入 -> 营业总收入)."""
    return PERIOD_WORDS.sub("", metric or "") or (metric or "")
