"""The figures a move names rather than places next to it: a level named before 较 (配售价较前
收市价…折让), a base named after it (较发行价上涨140%), and the sentence's level that a
marked base is compared with however many clauses back."""

from __future__ import annotations

import re

from .common import _cue_words
from .document import Document
from .frames import Frame, strip_filler

PERIOD_WORD = re.compile(r"[年季月周週日天]|同期|上期|前期|交易日")
NAMED_BASE = re.compile(r"(?:较|(?<![同环])比|相较于?)([\u4e00-\u9fff]{2,8})$")
SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:较|(?<![同环])比|相较于?)")


def _named_level(anchor: Frame, base: Frame, frames: list[Frame], doc: Document) -> Frame | None:
    """配售价较前收市价9.60港元折让约20%: the level is the figure the paragraph calls 配售价
    (named before it, or by the verb right after it: 以每股8.40港元配售)."""
    m = SUBJECT.match(doc.folded, anchor.clause[0])
    if not m:
        return None
    name = m.group(1)
    for f in reversed(frames):
        if f.start >= anchor.clause[0] or f.paragraph != anchor.paragraph \
                or f.quantity != "amount" or f.unit != base.unit or f is base:
            continue
        if (f.metric and name in f.metric) or doc.folded.startswith(name[:2], f.mention.end):
            return f
    return None


def _subject_level(base: Frame, group: list[Frame]) -> Frame | None:
    """The level a marked base (较去年同期的B) is compared with when no level is near: the last
    level of the base's unit before it in its sentence, however many clauses back."""
    return next((f for f in reversed(group) if f.start < base.start and f.quantity == "amount"
                 and f.role in ("level", "to") and f.unit == base.unit), None)


def _named_bases(anchor: Frame, frames: list[Frame], doc: Document) -> list[Frame]:
    """较发行价上涨140%: the base is the figure the paragraph names 发行价."""
    clause = strip_filler(doc.folded[anchor.clause[0]:anchor.start])
    for cue in _cue_words():
        if clause.endswith(cue):
            clause = clause[:-len(cue)]
            break
    m = NAMED_BASE.search(clause)
    if not m:
        return []
    name = m.group(1)
    if PERIOD_WORD.search(name):
        return []  # 较上一季上升32%: a period, not a figure named 上一季
    return [f for f in frames if f.paragraph == anchor.paragraph and f.quantity == "amount"
            and f.metric and name in f.metric and f.start != anchor.start]
