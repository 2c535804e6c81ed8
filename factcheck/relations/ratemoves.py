"""A move in % between two rates: 直销占比由13.95%升至22.63%，增长了8.68%.

A rate (a share, a margin, a growth rate) that moves from one level to another moves by a
relative percent (22.63 / 13.95 - 1 = 62.2%) or by percentage points (22.63 - 13.95 = 8.68
个百分点). Writers use both, so a move in % between two rates is checked against both
readings: the relative one holding is a growth like any other; only the point difference
holding is the slip of writing 个百分点 as % (the figure is right, its unit is not); neither
holding leaves the binding unsure and says nothing (a writer's 增长 of a rate may mean either).
"""

from __future__ import annotations

from collections.abc import Iterator

from .bases import _base_for
from .common import NEXT_SUBJECT, Binding, _by_sentence, _level_for, _row
from .document import Document
from .frames import Frame
from .moves import _forecast_base, _own_span
from .solve import compile_formula, holds

POINTS = compile_formula("rate = level - base")
LEVELS = ("level", "to", "ratio", "share", "move")  # a growth rate is a rate too


def _in_points(a: Frame, doc: Document) -> str:
    """8.68% as 8.68个百分点, in the script of its sentence."""
    from ..i18n import script_of

    word = "個百分點" if script_of(doc.text[a.sentence[0]:a.sentence[1]]) == "zh-Hant" \
        else "个百分点"
    return a.mention.text.rstrip("%％﹪ ") + word


def _another_move(a: Frame, level: Frame, base: Frame, group: list[Frame],
                  doc: Document) -> bool:
    """較上年同季(9.3%)提高1.1個百分點，其中以非店面零售業(年增13.1%): the pair's move is
    stated in points before the rate, or the rate opens another subject."""
    first = min(level.start, base.start)
    return any(f.quantity == "pp" and first < f.start < a.start for f in group) or \
        NEXT_SUBJECT.search(doc.folded, max(level.mention.end, base.mention.end), a.start) \
        is not None


def _as_percent(a: Frame) -> str:
    """1.5个百分点 as 1.5%."""
    text = a.mention.text
    for word in ("個百分點", "个百分点", "百分點", "百分点"):
        if word in text:
            return text[:text.index(word)].rstrip() + "%"
    return text


def _points_of_amounts(a: Frame, group: list[Frame], doc: Document) -> Binding | None:
    """成交量为7570宗，比去年同期的7683宗下降了1.5个百分点: a move in points between two
    amounts, which have no points: when the relative change is its figure, % was meant."""
    level = _level_for(a, group, None, "amount", doc)
    if level is None or level.role not in ("level", "to"):
        return None
    base = _base_for(level, group, a, quantity="amount")
    if base is None or base.start == level.start or _forecast_base(a, base):
        return None
    roles = {"rate": a, "level": level, "base": base}
    if not holds(_row("growth").formula, {r: f.interval() for r, f in roles.items()}):
        return None  # (no reading says what was meant: the binding may be wrong)
    return Binding(_row("percent_as_pp"), "rate", [roles], True, rewritten=_as_percent(a))


def bind_rate_move(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    for group in _by_sentence(frames).values():
        for a in group:
            if a.role == "move" and a.quantity == "pp" and a.scale == 1:
                found = _points_of_amounts(a, group, doc)
                if found is not None:
                    yield found
                continue
            if a.role != "move" or a.quantity != "percent" or a.scale != 1 \
                    or _own_span(a, doc):
                continue
            level = _level_for(a, group, None, "percent", doc, rates=True)
            if level is None or level.role not in LEVELS:
                continue
            base = _base_for(level, group, a)
            if base is None or base.start == level.start or base.quantity != "percent" \
                    or _forecast_base(a, base) or _another_move(a, level, base, group, doc):
                continue
            roles = {"rate": a, "level": level, "base": base}
            env = {r: f.interval() for r, f in roles.items()}
            growth = _row("growth")
            if holds(growth.formula, env):
                yield Binding(growth, "rate", [roles], True)
            elif holds(POINTS, env):
                yield Binding(_row("pp_as_percent"), "rate", [roles], True,
                              rewritten=_in_points(a, doc))
