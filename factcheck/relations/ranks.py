"""A ranking is an order: 第一名國泰人壽1002.5億元 … 第二名富邦人壽965.6億元 … 第三名南山人壽545
億元; 中信金以197.75億元居冠，其次為兆豐金163.91億. Each ranked figure is at least the next.

A figure is ranked by the label before it in its sentence (第N名, 第N大, 居冠, 居首, 居次, 其次
…) with no other figure in between; consecutive ranks of one paragraph and one unit are
bound, the larger rank first. Magnitudes are compared (跌幅第一 -5.2% and 第二 -3.1% order
their sizes). Weak: a warning only when one slip explains the inversion.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..numerals import read_number
from .common import Binding, _row, unit_ok
from .document import Document
from .frames import Frame

RANK = re.compile(r"(?:第(?P<n>[一二三四五六七八九十\d]{1,3})(?:名|大|位)"
                  r"|(?P<first>居冠|居首|排名第一)|(?P<next>居次|其次|次之))")
REACH = 16  # characters before a figure in which its rank label is looked for


def _rank(f: Frame, previous: Frame | None, doc: Document) -> int | str | None:
    lo = max(f.sentence[0], f.start - REACH, previous.mention.end if previous else 0)
    hits = list(RANK.finditer(doc.folded, lo, f.start))
    hit = hits[-1] if hits else None
    if hit is None:
        after = RANK.match(doc.folded, f.mention.end)  # 以197.75億元居冠
        return 1 if after and after.group("first") else None
    if hit.group("first"):
        return 1
    if hit.group("next"):
        return "next"
    reading = read_number(hit.group("n"))
    return int(reading.value) if reading else None


def _two_measures(f: Frame, frames: list[Frame], doc: Document) -> bool:
    """第二名「坤山央央」，共登錄4筆，每坪均價56.8萬元: an item stated with amounts of two
    units (a count of deals, a price) may be ranked by either; the first is no surer."""
    lo, hi = doc.statement(f.start)
    units = {g.unit for g in frames if lo <= g.start < hi and g.start >= f.start
             and g.quantity == "amount"}
    return len(units) > 1


def bind_rank(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    row_down, row_up = _row("rank"), _row("rank_falls")
    ranked: list[tuple[Frame, int | str]] = []
    previous: Frame | None = None
    for f in frames:
        if f.quantity in ("amount", "percent") and f.role in ("level", "to", "move", "share"):
            rank = _rank(f, previous, doc)
            if rank is not None and not _two_measures(f, frames, doc):
                ranked.append((f, rank))
        previous = f
    last: tuple[Frame, int] | None = None
    for b, rb in ranked:
        if last is not None and last[0].paragraph != b.paragraph:
            last = None
        rank = (last[1] + 1 if last else 2) if rb == "next" else rb
        assert isinstance(rank, int)
        if last is not None and rank == last[1] + 1:
            a = last[0]
            if a.quantity == b.quantity and unit_ok(a.unit, b.unit) \
                    and (a.direction < 0) == (b.direction < 0):
                row = row_up if a.direction < 0 else row_down  # falls: the larger fall first
                yield Binding(row, "b", [{"a": a, "b": b}], False)
        last = (b, rank)
