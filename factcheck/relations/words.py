"""The words before a figure: its metric (the run of Han characters it follows, without the
comparison basis it ends with), the comparison basis (同比, 环比, 较上年 …: lexicon/bases.csv),
and a topic the sentence opens with (新增訂單方面，…), and the role cue (lexicon/roles.csv) a figure
follows or, noun-last, comes before (都有20%成長). Kept apart from the frame builder, which
reads a figure's role; both read the folded (Simplified) text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import lru_cache

from ..lexicon import LEXICON_DIR, role_cues
from ..model import Mention
from .document import Document


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so the longest word at a
    position wins (营业总收入 before 收入)."""
    return "|".join(sorted(map(re.escape, set(words)), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def basis_cues() -> list[tuple[str, str]]:
    with (LEXICON_DIR / "bases.csv").open(encoding="utf-8") as fh:
        return sorted(((r["cue"], r["basis"]) for r in csv.DictReader(fh)),
                      key=lambda c: -len(c[0]))


@lru_cache(maxsize=1)
def _basis_pattern() -> re.Pattern[str]:
    return re.compile(alternation(c for c, _ in basis_cues()))


def _basis(before: str) -> str | None:
    """The comparison basis named nearest before the figure (环比… after 同比… is 环比)."""
    best: tuple[int, int, str] | None = None
    lookup = dict(basis_cues())
    for m in _basis_pattern().finditer(before):
        key = (m.end(), len(m.group()))
        if best is None or key > best[:2]:
            best = (*key, lookup[m.group()])
    return best[2] if best else None


LABEL_COLON = re.compile(r"(?<=[\u4e00-\u9fff])\s?[:：]\s*$")
SPACED_LABEL = re.compile(r"(?:[\u4e00-\u9fff] ){2,11}[\u4e00-\u9fff]+$")


@lru_cache(maxsize=1)
def _basis_tail() -> re.Pattern[str]:
    return re.compile("(?:" + alternation(c for c, _ in basis_cues()) + ")+$")


def basis_only(word: str | None) -> bool:
    """同比, 较上年: a comparison basis, not a metric name."""
    return bool(word) and _basis_tail().fullmatch(word) is not None


def _metric(before: str) -> str | None:
    """The run of Han characters right before the figure (and its verb), without the
    comparison basis it ends with (纯利按年增长32%: 纯利), so one metric reads alike whichever
    basis word the writer put between it and its verb. A label spaced out character by
    character (每 股 溢 利, a results table pasted from a PDF) is read closed up."""
    before = LABEL_COLON.sub("", before)  # 中期: 人民幣 5.55 分: the label before a colon
    spaced = SPACED_LABEL.search(before)
    if spaced:
        before = spaced.group().replace(" ", "")
    m = re.search(r"([\u4e00-\u9fff]{2,12})$", before)
    if not m:
        return None
    word = _basis_tail().sub("", m.group(1))
    return word if len(word) >= 2 else m.group(1)


# 新增訂單方面，第1季為31.09億元: a topic the sentence opens with names the figures after it
# that name only their period
TOPIC = re.compile(r"([\u4e00-\u9fff]{2,10})方面[，,]")
# 不經季節性調整的失業人數，由去年11月至今年1月的110,100人，上升至…: the clause before a
# 由/从 names what moves from one period's figure to another's
FROM_TOPIC = re.compile(r"(?:^|[，,：:])([\u4e00-\u9fff]{2,16})[，,](?=由|从)")


def _topic(doc: Document, sentence: tuple[int, int], m: Mention) -> str | None:
    start = sentence[0]
    while start < m.start and doc.folded[start] in " \t\u3000":
        start += 1  # (an indented paragraph)
    found = TOPIC.match(doc.folded, start, m.start)
    if found:
        return found.group(1)
    last = None
    for last in FROM_TOPIC.finditer(doc.folded, start, m.start):  # noqa: B007 (the last)
        pass
    return last.group(1) if last else None


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[tuple[str, str], tuple[str, int]], int]:
    """(applies, cue) -> (role, direction), and the longest cue's length."""
    table = {(key, cue): (role, direction) for key, cues in role_cues().items()
             for cue, role, direction in cues}
    return table, max(len(cue) for _, cue in table)


def _cue(before: str, quantity: str) -> tuple[str, int, str] | None:
    """The role cue the text ends with, if any: (role, direction, cue); the longest wins."""
    table, longest = _cue_index()
    for n in range(min(longest, len(before)), 0, -1):
        tail = before[-n:]
        for key in ("any", quantity):
            hit = table.get((key, tail))
            if hit:
                return hit[0], hit[1], tail
    return None


# 都有20%成長, 已累積37%成長: a rise of 20% written noun-last after a verb of having (從0.5%
# 上調, 預期的1.6%增长 are a base and a forecast); 20%增长至, 5%增长率, 5%的增长目标 are others
HAVE_BEFORE = re.compile(r"(?:有|出现|呈现?|录得|累积|累计|达到?|实现|取得|保持|维持|迎来|带来|"
                         r"创下|交出|写下|(?<![可所])以)了?\s?$")  # 以7.1%的升幅领涨
# 5.4%的年增长: the basis a postposed move word opens with
POSTPOSED_BASIS = re.compile(r"同比|环比|按年|按月|按季|[年月季]")
POSTPOSED_NOT = re.compile(r"至|到|为|率|目标|预期|预测|幅度|空间|动能|动力|潜力|区间|以上|以下")


def _postposed(folded: str, end: int) -> int:
    """The direction of a move word right after a percent (有20%成長, 37%的增长, 5.4%的年增長),
    else 0."""
    at = end + (folded[end:end + 1] in (" ", "的"))
    basis = POSTPOSED_BASIS.match(folded, at)
    at = basis.end() if basis else at
    table, longest = _cue_index()
    for n in range(longest, 1, -1):
        hit = table.get(("any", folded[at:at + n])) or table.get(("percent", folded[at:at + n]))
        if hit and hit[0] == "move" and hit[1]:
            return 0 if POSTPOSED_NOT.match(folded, at + n) else hit[1]
    return 0
