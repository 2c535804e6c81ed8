"""Net figures against what they net (lexicon/net_pairs.csv): 贸易顺差 = 出口 − 进口,
净赎回 = 赎回 − 申购, 買超 = 買進 − 賣出.

The three figures are found by their metric words and must agree on unit and period. A net
whose period is stated binds the plus and minus of the same months anywhere in its paragraph
or the two before it (8月出口…进口… ⏎ 8月实现贸易顺差…); without a stated period, only its
own paragraph. The binding is strong when one plus and one minus fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import net_pairs
from .common import Binding, _row
from .document import Document
from .flows import names
from .frames import Frame, alternation

REACH = 2  # paragraphs before the net's that may hold its plus and minus


def _named(m: str, word: str, net: str) -> bool:
    """The metric ends with the word and is not itself a net (净申购 is no 申购)."""
    tail = m[-len(word) - 2:]  # 出口额, 出口值: a suffix may follow the word
    return word in tail and net not in tail and "净" not in tail


@lru_cache(maxsize=1)
def _words() -> re.Pattern[str]:
    return re.compile(alternation(w for row in net_pairs() for w in row))


def bind_net(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    named = names(frames, doc, _words())  # 月度出口首次迈上900亿美元台阶，达907.7亿美元
    amounts = [f for f in frames if f.idx in named]
    paragraphs = sorted({f.paragraph for f in frames})
    for n in amounts:
        for net, plus, minus in net_pairs():
            if not named[n.idx].endswith(net):
                continue
            k = paragraphs.index(n.paragraph)
            near = set(paragraphs[max(0, k - REACH):k + 1]) if n.span_months else {n.paragraph}
            cands = [f for f in amounts if f is not n and f.unit == n.unit
                     and f.paragraph in near and f.span_months == n.span_months
                     and (f.year == n.year or not f.year or not n.year)]
            # its own sentence first; a pair from other sentences is a weaker reading
            own = [f for f in cands if f.sentence == n.sentence]
            for tier, strong in ((own, True), (cands, False)):
                pluses = [f for f in tier if _named(named[f.idx], plus, net)]
                minuses = [f for f in tier if _named(named[f.idx], minus, net)]
                if pluses and minuses:
                    alts = [{"net": n, "plus": p, "minus": q} for p in pluses for q in minuses]
                    one = len(alts) == 1
                    if n.mention.value is not None and n.mention.value < 0:
                        # 主力净流出-54.41亿元: a signed template writes the other way's net
                        alts += [{"net": n, "plus": q, "minus": p} for p in pluses
                                 for q in minuses]
                    yield Binding(_row("difference"), "net", alts, strong and one)
                    break
            break
