"""Moves whose level or change the sentence leaves to the words around it: a noun rate
(增幅为R) names the move stated before it, and a sentence that names its subject (9月營收…
增加C，增幅R) takes the level of that name and period stated earlier."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..positions import story, within
from .common import (
    CLAUSE_MARK,
    Binding,
    _level_for,
    _row,
    _suffix,
    one_value,
    same_owner,
    unit_ok,
)
from .document import Document
from .frames import Frame
from .thresholds import index_before

NOUN_CUES = {"涨幅", "跌幅", "升幅", "增幅", "降幅", "减幅"}  # 跌幅为0.24%: names the move
OR_ONLY = re.compile(r"[ ，,]?或")  # 跌513點或1.65%: the rate of the move just said


def _refers_back(change: Frame, level: Frame, rate: Frame, doc: Document) -> bool:
    """增幅为42% names the move just stated: a change in the clause before it, or two
    clauses before with its level between (收入增加48亿美元，至164亿美元，增幅为42%); never
    a change stated after it (…，增幅为42%，预期信贷损失减少5亿美元)."""
    if change.start > rate.start or _new_subject(rate, change, doc):
        return False
    marks = len(CLAUSE_MARK.findall(doc.folded, change.mention.end, rate.start))
    return marks <= 1 or (marks == 2 and change.start < level.start < rate.start)


def _implied_by_name(a: Frame, group: list[Frame], frames: list[Frame], doc: Document
                     ) -> Iterator[Binding]:
    """9月營收較上個月減少C1…，則增加C2、增幅約R, with the month's level stated sentences
    before (單月合併營收為L): the sentence names its subject, and the level of that name and
    period stated once is the level of the move (a weaker reading)."""
    changes = [f for f in group if f.role == "move" and f.quantity == "amount"
               and f.start < a.start and (f.clause == a.clause or len(CLAUSE_MARK.findall(
                   doc.folded, f.mention.end, a.start)) <= 1)]
    if not changes:
        return
    change = changes[-1]
    months = change.months or change.span_months
    subject = doc.folded[a.sentence[0]:group[0].start]
    named = [f for f in story(frames, a.start) if f.start < a.sentence[0] and f.quantity == "amount"
             and f.role in ("level", "to") and unit_ok(f.unit, change.unit)
             and f.metric and len(f.metric) >= 2 and f.metric in subject
             and months is not None and f.months == months]
    if one_value(named):
        yield Binding(_row("implied_base"), "rate",
                      [{"rate": a, "change": change, "level": named[-1]}], False)
        return
    # 重挫797點 科技股領跌、台積電ADR跌近3%: a verb of its own may have a subject of its own;
    # a noun (跌幅1.65%) or 或 names the move just said
    names = (a.cue in NOUN_CUES and not _new_subject(a, change, doc)) \
        or OR_ONLY.fullmatch(doc.folded, change.mention.end, a.start)
    again = _restated_move(change, frames, doc) if names else None
    if again is not None:
        yield Binding(_row("implied_base"), "rate",
                      [{"rate": a, "change": again[0], "level": again[1]}], False)


def _new_subject(rate: Frame, change: Frame, doc: Document) -> bool:
    """科指跌幅则达到3.3% after 恒指…下跌373点: a rate whose clause names another index
    (lexicon/index_names.csv) is that index's move, not the one just said."""
    own = index_before(doc, rate.clause[0], rate.start)
    return own is not None and rate.clause != change.clause \
        and own != index_before(doc, rate.paragraph[0], change.start)


def _restated_move(change: Frame, frames: list[Frame], doc: Document
                   ) -> tuple[Frame, Frame] | None:
    """今天下跌513點，換算跌幅1.65% after 終場下跌513.62點，收在31246.37點: the move said again
    (same unit and direction, within the less precise one's last digit, which a spoken figure
    may truncate) is one move, and its first statement gives it its level. Only one such
    statement may be found, or the move is no restatement."""
    value = Decimal(change.mention.value)  # type: ignore[arg-type]
    found = []
    for f in story(frames, change.start):
        if f is change or f.sentence == change.sentence or f.role != "move" \
                or f.quantity != "amount" or f.direction != change.direction \
                or not change.direction or not unit_ok(f.unit, change.unit) \
                or f.mention.value is None or not value:
            continue
        step = max(f.mention.precision or 0, change.mention.precision or 0)
        if not step or abs(Decimal(f.mention.value) - value) >= step:
            continue
        group = within(frames, *f.sentence)
        level = _level_for(f, group, f.unit, "amount", doc)
        if level is not None and level.role in ("level", "to"):
            found.append((f, level))
    return found[0] if len(found) == 1 else None


# 今年…2007.05亿元 … 去年…3489.49亿元: relative years a year apart
PRIOR_YEAR = {"今年": ("去年", "上年"), "本年": ("去年", "上年"), "去年": ("前年",),
              "上年": ("前年",)}


def _prior_year(rate: Frame, level: Frame, frames: list[Frame]) -> Frame | None:
    """营业利润增长10.1%至3万亿日元 (2023财年) with 2022财年合并营业利润为2.725万亿日元 in
    another paragraph: the same metric a year before, stated once, is the base of a
    year-on-year (or unmarked) rate."""
    year = level.year or ""
    before = PRIOR_YEAR.get(year) or ((str(int(year) - 1),) if year.isdigit() else None)
    if rate.basis not in (None, "yoy") or not level.metric or before is None:
        return None
    found = [f for f in story(frames, rate.start) if f is not level and f.quantity == "amount"
             and f.role in ("level", "base") and f.unit == level.unit and f.year in before
             and f.months == level.months and f.metric and len(f.metric) >= 2
             and _suffix(f.metric, level.metric) >= 2
             and same_owner(f.metric, level.metric)]  # (not 新北市去年推出 for 桃園市今年推出)
    return found[0] if one_value(found) else None
