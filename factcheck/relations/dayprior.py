"""A day-on-day move whose base is the previous trading day's level, stated elsewhere in the
story under its own date.

A market wrap gives the day's turnover and its change (成交额36987亿元，较上日放量541亿元) and,
sentences later, the day before's figure with its date (1月12日沪深北三市成交额为36449.71亿元).
The sentence-bound move binder finds no base there. The dates do: the base of a 上日 or
前一交易日 move is the level of the same unit and metric word (成交额 of 沪深北三市成交额) dated
one to four days earlier (a weekend or a holiday between trading days). Bound only when the
story states exactly one such figure, and weak (a warning): the words linking the two are in
different sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from .common import Binding, _by_sentence, _level_for, _row, _suffix
from .document import Document
from .frames import Frame

DAY = re.compile(r"(1[0-2]|0?[1-9])\s?月\s?(3[01]|[12][0-9]|0?[1-9])\s?[日号]")
LEVELS = ("level", "base", "to")
MAX_GAP = 4  # days: Friday to Tuesday over a long weekend


def _day(doc: Document, start: int, end: int) -> dt.date | None:
    """The last month-day written in ``folded[start:end]``, in a leap year (only gaps count)."""
    found = list(DAY.finditer(doc.folded, start, end))[-1:]
    if not found:
        return None
    try:
        return dt.date(2024, int(found[0].group(1)), int(found[0].group(2)))
    except ValueError:
        return None


def _gap(earlier: dt.date, later: dt.date) -> int:
    days = (later - earlier).days
    return days + 366 if days < -300 else days  # 12月31日 before 1月2日


def bind_day_prior(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """较上日放量541亿元 on 成交额36987亿元 (1月13日), its base 1月12日…36449.71亿元."""
    sentences = None
    for move in frames:
        if move.role != "move" or move.basis != "dod" or move.scale != 1 \
                or not move.direction or move.quantity not in ("amount", "percent"):
            continue
        sentences = sentences or _by_sentence(frames)
        group = sentences[move.sentence]
        if any(f.role == "base" for f in group):
            continue  # 较上日的…: the sentence names its base, the move binder's reading
        level = _level_for(move, group, move.unit if move.quantity == "amount" else None,
                           "amount", doc)
        when = _day(doc, level.paragraph[0], level.start) if level is not None else None
        if level is None or when is None or not level.metric:
            continue
        found = [f for f in frames if f.sentence != level.sentence and f.quantity == "amount"
                 and f.role in LEVELS and f.unit == level.unit and f.mention.value is not None
                 and f.metric and _suffix(f.metric, level.metric) >= 2
                 and (d := _day(doc, f.sentence[0], f.start)) is not None
                 and 1 <= _gap(d, when) <= MAX_GAP]
        if len({f.mention.value for f in found}) != 1:
            continue
        if move.quantity == "amount":
            yield Binding(_row("change_day_prior"), "change",
                          [{"change": move, "level": level, "base": found[0]}], False)
        else:
            yield Binding(_row("growth_day_prior"), "rate",
                          [{"rate": move, "level": level, "base": found[0]}], False)
