"""A round mark passed: 首次迈上900亿美元台阶，达907.7亿美元 says the level is at least 900亿;
跌破3000点，收报2927.29点 says at most 3000. The mark is a frame of role ``threshold`` (its
verb in ``frames.THRESHOLD``); the level is the nearest amount of the sentence in its unit.
Weak: a round mark rarely pins a figure, so only a slip that explains a level on the wrong
side of it raises a warning (907.7万美元 after 迈上900亿美元).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import Binding, _row, unit_ok
from .document import Document
from .frames import Frame

DOWN = re.compile(r"(?:跌破|失守|下破|跌穿|失)\s?$")  # the mark is above the level
INTRADAY = re.compile(r"盘中|一度|曾经?|早盘|午盘")
# 迈上900亿美元台阶，达907.7亿美元: the level follows the mark, stated by a copula or a close
STATED = re.compile(r"[^，,。；;\d]{0,8}[，,]?\s?(?:达到?|为|报|收报|收于|至|录得)")


def bind_threshold(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    for t in frames:
        if t.role != "threshold":
            continue
        if INTRADAY.search(doc.folded, max(t.sentence[0], t.start - 8), t.start):
            continue  # 盘中跌破3300点…收报3325.11点: passed during the day, not at the close
        down = DOWN.search(doc.folded, max(t.sentence[0], t.start - 4), t.start) is not None
        level = next((f for f in frames if f.start > t.start and f.sentence == t.sentence
                      and f.quantity == "amount"), None)
        if level is None or level.role not in ("level", "to") or level.unit is None \
                or not unit_ok(level.unit, t.unit) \
                or not STATED.match(doc.folded, t.mention.end, level.start):
            continue  # 首破6,000億美元，進口4,836.1億美元: the next figure is another metric
        row = _row("threshold_down" if down else "threshold_up")
        yield Binding(row, "level", [{"level": level, "mark": t}], False)
