"""A round mark passed: 首次迈上900亿美元台阶，达907.7亿美元 says the level is at least 900亿;
跌破3000点，收报2927.29点 says at most 3000. The mark is a frame of role ``threshold`` (its
verb in ``frames.THRESHOLD``); the level is the nearest amount of the sentence in its unit.
A market wrap often names the mark in its lead and the close in the body (深证成指失守万点整数位
… 深证成指…报9899.72点): then the level is the first close of the same index (its names in
``lexicon/index_names.csv``) in the paragraphs that follow.
Weak: a round mark rarely pins a figure, so only a slip that explains a level on the wrong
side of it raises a warning (907.7万美元 after 迈上900亿美元).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import LEXICON_DIR
from .common import CLOSE_BEFORE, Binding, _row, unit_ok
from .document import Document, within
from .frames import Frame, alternation

DOWN = re.compile(r"(?:跌破|失守|下破|跌穿|失)\s?$")  # the mark is above the level
LOST_AFTER = re.compile(r"\s?(?:整数位|整数关口|关口|大关|关)?\s?得而复失")  # 3000点得而复失
NEARING = re.compile(r"逼近\s?$")  # from below or above: no side to check
INTRADAY = re.compile(r"盘中|一度|曾经?|早盘|午盘|最多|最高|最低")
# 迈上900亿美元台阶，达907.7亿美元: the level follows the mark, stated by a copula or a close
STATED = re.compile(r"[^，,。；;\d]{0,8}[，,]?\s?(?:达到?|为|报|收报|收于|至|录得|收盘报|收盘于)")
CLOSE_AFTER = re.compile(r"\s?(?:点)?\s?(?:报收|收盘|收市)")  # 沪指以2916.62点报收
PARAGRAPHS = 2  # how far after the lead a close is looked for


@lru_cache(maxsize=1)
def _index_names() -> tuple[re.Pattern[str], dict[str, str]]:
    with (LEXICON_DIR / "index_names.csv").open(encoding="utf-8") as fh:
        names = {r["form"]: r["index"] for r in csv.DictReader(fh)}
    return re.compile(alternation(names)), names


def index_before(doc: Document, lo: int, hi: int) -> str | None:
    """The index the text names last in ``lo..hi`` (沪指, 上證指數 …), canonical."""
    pattern, names = _index_names()
    found = None
    for found in pattern.finditer(doc.folded, lo, hi):  # noqa: B007 — the last one wins
        pass
    return names[found.group()] if found else None


def _is_close(f: Frame, doc: Document) -> bool:
    return bool(CLOSE_BEFORE.search(doc.folded, max(f.clause[0], f.start - 4), f.start)
                or CLOSE_AFTER.match(doc.folded, f.mention.end))


def _close_of(t: Frame, index: str, frames: list[Frame], doc: Document) -> Frame | None:
    paras = sorted({f.paragraph for f in frames if f.paragraph[0] >= t.paragraph[0]})
    reach = set(paras[:PARAGRAPHS + 1])
    for f in frames:
        if f.start <= t.start or f.paragraph not in reach or f.sentence == t.sentence \
                or f.quantity != "amount" or f.role not in ("level", "to") \
                or not unit_ok(f.unit, t.unit) or not _is_close(f, doc) \
                or INTRADAY.search(doc.folded, max(f.clause[0], f.start - 8), f.start):
            continue
        if index_before(doc, f.sentence[0], f.start) == index:
            return f
    return None


def bind_threshold(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    for t in frames:
        lost = t.quantity == "amount" and LOST_AFTER.match(doc.folded, t.mention.end)
        if t.role != "threshold" and not lost:
            continue
        if INTRADAY.search(doc.folded, max(t.sentence[0], t.start - 8), t.start) \
                or NEARING.search(doc.folded, max(t.sentence[0], t.start - 4), t.start):
            continue  # 盘中跌破3300点…收报3325.11点: passed during the day, not at the close
        down = bool(lost) or DOWN.search(doc.folded, max(t.sentence[0], t.start - 4),
                                         t.start) is not None
        row = _row("threshold_down" if down else "threshold_up")
        level = next((f for f in within(frames, t.start + 1, t.sentence[1])
                      if f.quantity == "amount" and f.role != "threshold"), None)
        if level is not None and level.role in ("level", "to") and level.unit is not None \
                and unit_ok(level.unit, t.unit) \
                and STATED.match(doc.folded, t.mention.end, level.start):
            yield Binding(row, "level", [{"level": level, "mark": t}], False)
            continue
        if level is not None or t.unit != "点" or "分别" in doc.folded[t.sentence[0]:t.start]:
            continue  # 首破6,000億美元，進口4,836.1億美元: the next figure is another metric
        index = index_before(doc, t.sentence[0], t.start)
        close = _close_of(t, index, frames, doc) if index else None
        if close is not None:
            yield Binding(row, "level", [{"level": close, "mark": t}], False)
