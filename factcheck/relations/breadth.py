"""A market's breadth: the stocks that rose, fell and closed unchanged make up the stocks
traded (创业板当日交易的341只股票，有216只收盘报升…收盘报跌的119股票…6只个股当日收平).

The side of each count is read from the word right after it (28只下跌) or right before it
(收盘报跌的119股票, 营收成长公司530家), from ``lexicon/breadth.csv``; the total is a count of
the same paragraph that names the set (341只股票, 30只综指成分股, 共计1061家上市公司) and has
no side of its own. All three sides: the total is their sum; two: at least their sum.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from ..lexicon import LEXICON_DIR
from .common import Binding, _row
from .document import Document
from .frames import Frame, alternation
from .solve import compile_formula

SET_AFTER = re.compile(r"\s?(?:只|家|个|档|支)?\s?(?:[\u4e00-\u9fff]{0,4}(?:股票|个股|成分股|成份股"
                       r"|上市公司|公司|上市柜公司|家数))")
SET_BEFORE = re.compile(r"(?:共计?|合计|总计|交易的|在|全部)\s?$")
# 上升股票共543隻: 共 and 达 between a side and its count do not make the count the total
SIDE_GAP = r"(?:个股|股票|公司|家数|当日|今日|全天|收盘|均|都|则|有|为|的|共|达|\s){0,4}"


@lru_cache(maxsize=1)
def _sides() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    with (LEXICON_DIR / "breadth.csv").open(encoding="utf-8") as fh:
        side = {r["word"]: r["side"] for r in csv.DictReader(fh)}
    words = alternation(side)
    after = re.compile(rf"\s?(?:只|家|个|档|支|股)?{SIDE_GAP}({words})")
    before = re.compile(rf"({words}){SIDE_GAP}$")
    return after, before, side


def _side(f: Frame, doc: Document) -> str | None:
    after, before, side = _sides()
    m = after.match(doc.folded, f.mention.end, min(f.clause[1], f.mention.end + 12))
    if m:
        return side[m.group(1)]
    m = before.search(doc.folded, max(f.clause[0], f.start - 12), f.start)
    return side[m.group(1)] if m else None


def bind_breadth(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    # 28只下跌,1只上升: the cue before 1只 is the previous count's side, not a move of it
    counts = [f for f in frames if f.mention.kind == "count" and f.quantity == "amount"
              and f.role in ("level", "move")]
    by_para: dict[tuple[int, int], list[Frame]] = {}
    for f in counts:
        by_para.setdefault(f.paragraph, []).append(f)
    for group in by_para.values():
        sides: dict[str, list[Frame]] = {}
        totals = []
        for f in group:
            s = _side(f, doc)
            if s:
                sides.setdefault(s, []).append(f)
            elif SET_AFTER.match(doc.folded, f.mention.end) or SET_BEFORE.search(
                    doc.folded, max(f.clause[0], f.start - 6), f.start):
                totals.append(f)
        if not {"up", "down"} <= set(sides) or any(len(v) != 1 for v in sides.values()):
            continue  # one count per side, or no reading
        parts = [sides[s][0] for s in ("up", "down", "flat") if s in sides]
        first, last = min(p.start for p in parts), max(p.start for p in parts)
        # the set named before its sides (341只股票，有216只…), else after them (共计1061家)
        before = [t for t in totals if t.start < first]
        after = [t for t in totals if t.start > last]
        total = before[-1] if before else after[0] if after else None
        if total is None:
            continue
        # a count read as a move (its cue was the previous count's side) counts unsigned
        parts = [replace(p, role="level", direction=0) for p in parts]
        names = [f"p{i}" for i in range(len(parts))]
        roles = {"total": total, **dict(zip(names, parts, strict=True))}
        if len(parts) == 3:
            yield Binding(_row("breadth"), "total", [roles], True,
                          compile_formula(f"total = {' + '.join(names)}"))
        else:
            yield Binding(_row("breadth_partial"), "total", [roles], False,
                          compile_formula(f"total >= {' + '.join(names)}"))
