"""Where a story's headline, sub-headings and lead paragraph are: the lines whose figures
restate the figures after them (relations/restate.py binds them).
"""

from __future__ import annotations

import re

from .document import Document, within
from .frames import Frame

TITLE_MAX = 60  # characters: a headline, not a lead paragraph


# 《經濟通通訊社27日專訊》, 【時報記者林資傑台北報導】, （中央社記者台北21日電）: a wire's
# stamp opens the story's first paragraph, which a hard wrap may cut short like a headline
DATELINE_OPEN = re.compile(r"\s{0,4}[《【(（][^》】)）\n]{2,30}(?:电|讯|报导|报道)[》】)）]")


def _title(doc: Document) -> tuple[int, int] | None:
    """The headline: a short first line without a full stop, not opened by a dateline."""
    first = doc.paragraph(0)
    line = doc.folded[first[0]:first[1]]
    if not 0 < len(line.strip()) <= TITLE_MAX or "。" in line or DATELINE_OPEN.match(line):
        return None
    if doc.folded[first[1]:first[1] + 1] != "\n" or first[1] + 1 >= len(doc.folded):
        return first
    # 国际储备金一月中增4亿美元 ⏎ 报1201亿美元 ⏎⏎: a headline wrapped onto a short second line,
    # a blank line (or the end) after it
    second = doc.paragraph(first[1] + 1)
    more = doc.folded[second[0]:second[1]]
    if second[0] == first[1] + 1 and more.strip() and len(line) + len(more) <= TITLE_MAX \
            and not re.search(r"[。，,；;：:]", more) and not DATELINE_OPEN.match(more) \
            and (doc.folded.startswith("\n\n", second[1]) or not doc.folded[second[1]:].strip()):
        return first[0], second[1]
    return first


# 每 股 溢 利 人民幣 5.57 分: a label spaced out letter by letter is a filing's table row
SPACED_LABEL = re.compile(r"(?:[\u4e00-\u9fff] ){3}")
SUBHEAD_DIGITS = 3  # a sub-heading's figure must be this precise to be bound by a slip
HAN = re.compile(r"[\u4e00-\u9fff]")
COMMAS = re.compile(r"[，,]")
PROSE_COMMAS = 2  # 該集團指,今年首五個月,國泰航空載客人次增加40﹒7%…: prose cut by a hard wrap


def _subheads(frames: list[Frame], doc: Document,
              title: tuple[int, int] | None) -> list[tuple[int, int]]:
    """Sub-headings and captions: short lines after the headline, worded (six Han characters
    or more), with at most two figures and one comma, no letter-spaced label, no label-colon
    (招股價:0.60元 暗盤價:1元 is a table row, not a heading), and not cut inside a clause
    (a hard-wrapped paragraph: 112年2月我國漲2.43%,歐元區漲8.5%,新加坡⏎漲6.3%: the next line
    opens with the move of its subject)."""
    out = []
    for para in dict.fromkeys(f.paragraph for f in frames):
        line = doc.folded[para[0]:para[1]].strip()
        if (title and title[0] <= para[0] < title[1]) or not 0 < len(line) <= TITLE_MAX \
                or para[0] == 0 \
                or re.search(r"[。！？!?；;:：]", line) or len(HAN.findall(line)) < 6 \
                or len(COMMAS.findall(line)) >= PROSE_COMMAS \
                or sum(1 for f in frames if f.paragraph == para) > 2 \
                or SPACED_LABEL.search(line) or _continued(frames, doc, para):
            continue
        out.append(para)
    # 第一名,光電類5.75% ⏎ 第二名,電子零組件類5.58%: adjacent short lines are a list's items
    return [p for k, p in enumerate(out) if not any(
        0 <= k + d < len(out) and _adjacent(doc, *sorted((p, out[k + d]))) for d in (-1, 1))]


def _adjacent(doc: Document, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Nothing but blank lines between two lines."""
    return not doc.folded[a[1]:b[0]].strip()


CUT_REACH = 3  # characters: 漲6.3% at the head of the next line continues the cut clause


def _continued(frames: list[Frame], doc: Document, para: tuple[int, int]) -> bool:
    """The next line opens with a move and its figure (漲6.3%), whose subject ended this line,
    or with a word that continues a clause (…對應銷售樓面面積⏎為 1,917萬平方米)."""
    if CONTINUES.match(doc.folded, para[1] + 1):
        return True
    nxt = next(iter(within(frames, para[1] + 1, len(doc.folded) + 1)), None)
    if nxt is None or nxt.role != "move" or nxt.paragraph[0] > para[1] + 2:
        return False
    return nxt.start - nxt.paragraph[0] <= CUT_REACH


CONTINUES = re.compile(r"[为是达及和与并而的、，,]")


def _lead(frames: list[Frame], title: tuple[int, int] | None) -> tuple[int, int] | None:
    """The first paragraph of the story after its headline (or the first, without one)."""
    return next((f.paragraph for f in frames if title is None or f.start >= title[1]), None)
