"""A month-on-month or quarter-on-quarter rate whose base is the previous period's level,
stated elsewhere in the story.

Monthly revenue stories give the month's level and its 月減29.04% in the lead and the
previous month's level in another paragraph (相較於9月的8,223.23億元及10月的7,765.77億元).
The sentence-bound move binder finds no base there; the frames do: the base of a 月增/月減
rate is the level of the same unit and flow one month earlier, and of a 季增/季減 rate one
quarter earlier; a 环比 change in percentage points moves a rate the same way (PMI为50.4%，环比
回落0.8个百分点 … 9月份的51.2%). Bound only when the story states exactly one such figure,
and weak (a warning): the words linking the two are in different sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import Binding, _by_sentence, _level_for, _row
from .document import Document
from .flows import flow_of
from .frames import Frame

LEVELS = ("level", "base", "to")
# 较一季度末环比上升3个bp到1.94%: the period after 较 is the comparison's; the level reached is
# the later period's, no earlier level
# (any comparison word in the clause, wider than frames.BASE_MARK, which must also end just
# before the figure it marks as a base)
COMPARED = re.compile(r"较|比|相比|相较")


def _previous(months: tuple[int, int] | None) -> tuple[int, int] | None:
    """The period before a month or a quarter: a sequential rate (环比, 月增, 季增) steps by
    the length of its level's own period (第三季度…环比 compares with the second quarter)."""
    if months is None or months[1] - months[0] + 1 not in (1, 3):
        return None
    step = months[1] - months[0] + 1
    return (months[0] - step, months[1] - step) if months[0] > step else None


def _has_own_base(rate: Frame, level: Frame, frames: list[Frame]) -> bool:
    """A base of the level's unit in the rate's paragraph: the move binder's reading."""
    prev = _previous(level.months)
    return any(f.paragraph == rate.paragraph and f.quantity == level.quantity
               and f.unit == level.unit and f is not level
               and (f.role == "base" or f.months == prev) for f in frames)


def bind_prior(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """月減29.04% on 11月營收5,510.92億元, its base 10月的7,765.77億元 in another paragraph."""
    sentences = _by_sentence(frames)
    for rate in frames:
        if rate.role != "move" or rate.quantity not in ("percent", "pp") or rate.scale != 1 \
                or not rate.direction or rate.basis not in ("mom", "qoq"):
            continue
        group = sentences[rate.sentence]
        # 月減29.04% moves an amount; 环比回落0.8个百分点 moves a rate (PMI为50.4%)
        quantity = "amount" if rate.quantity == "percent" else "percent"
        level = _level_for(rate, group, None, quantity, doc)
        if level is None:
            continue
        prev = _previous(level.months)
        if prev is None or _has_own_base(rate, level, frames):
            continue
        flow = flow_of(level, frames, doc)
        found = [f for f in frames if f.paragraph != rate.paragraph and f.quantity == quantity
                 and f.role in LEVELS and f.unit == level.unit and f.months == prev
                 and f.mention.value is not None
                 and (level.entity is None or f.entity is None or f.entity == level.entity)
                 and not (f.role == "to" and COMPARED.search(doc.folded, f.clause[0], f.start))]
        if flow is not None:  # a figure naming another flow is another series
            found = [f for f in found if (g := flow_of(f, frames, doc)) is None
                     or g.metric == flow.metric]
        if len({f.mention.value for f in found}) != 1:
            continue
        if quantity == "amount":
            yield Binding(_row("growth_prior"), "rate",
                          [{"rate": rate, "level": level, "base": found[0]}], False)
        else:
            yield Binding(_row("pp_prior"), "change",
                          [{"change": rate, "level": level, "base": found[0]}], False)
