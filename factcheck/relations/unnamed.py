"""A share with no named total: 动力电池系统收入2852.5亿元，占比71.15%.

A breakdown lists each part with its 占比 and names the whole only once, earlier in the
story (2023年营业收入达到4009.17亿元 … 从收入的产品构成来看 …). The whole is the one earlier
amount of the part's unit whose metric ends in the part's own metric word (收入 of 营业收入),
larger than the part and not itself an item with a share (or whose metric holds that word
as the head of its noun: 外销订单金额 for a part's 资讯通信订单). Bound only when exactly one
figure fits; then a break is the text's, not the binding's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..positions import STORY
from .common import Binding, _level_for, _row
from .document import CLAUSE_BREAK, Document, within
from .frames import Frame, strip_filler
from .shares import _same_span  # (第三季度营收 is no whole of 上半年…占比约11%)

UNNAMED = re.compile(r"占比\s?(?:为|达到?|约|逾|近)?\s?$")  # 占比71.15%, not 占营收的…
SUFFIX = 2  # characters of the part's metric word the whole's must end with (收入, 销量)


def bind_unnamed_share(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    shares = {f.sentence for f in frames if f.role == "share"}  # the items of the breakdown
    for s in frames:
        if s.role != "share" or not UNNAMED.search(strip_filler(
                doc.folded[s.clause[0]:s.start])):
            continue
        group = [f for f in within(frames, *s.sentence) if f.sentence == s.sentence]
        part = _level_for(s, group, None, "amount", doc)
        if part is None or not part.metric or len(part.metric) < SUFFIX \
                or part.mention.value is None or _subject_between(doc, part, s):
            continue
        word = part.metric[-SUFFIX:]
        wholes = {f.mention.value: f for f in within(frames, part.start - STORY, part.start)
                  if f.start < part.start and f.quantity == "amount" and f.unit == part.unit
                  and f.role in ("level", "to") and f.metric and _names(f.metric, word)
                  and f.mention.value is not None and f.mention.value > part.mention.value
                  and f.sentence not in shares and _same_span(f, part)}
        if len(wholes) == 1:
            total = next(iter(wholes.values()))
            yield Binding(_row("share_unnamed"), "share",
                          [{"share": s, "part": part, "total": total}], True)


def _subject_between(doc: Document, part: Frame, share: Frame) -> bool:
    """A clause with no figure between the amount and its share names the share's own
    subject (來台旅客為545萬6568人次，較去年同期成長9.8%，來台居冠的客源國為日本，占比16.3%:
    Japan's share of the 545萬, not the 545萬's of another total)."""
    between = CLAUSE_BREAK.split(doc.folded[part.mention.end:share.start])[1:-1]
    return any(not re.search(r"\d", c) for c in between)


def _names(metric: str, word: str) -> bool:
    """收入 of 营业收入, and 订单 of 外销订单金额 (the word, then at most 金额/总额/总值)."""
    return metric.endswith(word) or any(metric.endswith(word + tail) for tail in TAILS)


TAILS = ("金额", "总额", "总值", "规模")
