"""Moves whose level or change the sentence leaves to the words around it: a noun rate
(增幅为R) names the move stated before it, and a sentence that names its subject (9月營收…
增加C，增幅R) takes the level of that name and period stated earlier."""

from __future__ import annotations

from collections.abc import Iterator

from ..positions import story
from .common import CLAUSE_MARK, Binding, _row, _suffix, one_value, unit_ok
from .document import Document
from .frames import Frame


def _refers_back(change: Frame, level: Frame, rate: Frame, doc: Document) -> bool:
    """增幅为42% names the move just stated: a change in the clause before it, or two
    clauses before with its level between (收入增加48亿美元，至164亿美元，增幅为42%); never
    a change stated after it (…，增幅为42%，预期信贷损失减少5亿美元)."""
    if change.start > rate.start:
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


def _prior_year(rate: Frame, level: Frame, frames: list[Frame]) -> Frame | None:
    """营业利润增长10.1%至3万亿日元 (2023财年) with 2022财年合并营业利润为2.725万亿日元 in
    another paragraph: the same metric a year before, stated once, is the base of a
    year-on-year (or unmarked) rate."""
    if rate.basis not in (None, "yoy") or not level.metric or not (level.year or "").isdigit():
        return None
    before = str(int(level.year) - 1)
    found = [f for f in story(frames, rate.start) if f is not level and f.quantity == "amount"
             and f.role in ("level", "base") and f.unit == level.unit and f.year == before
             and f.months == level.months and f.metric and len(f.metric) >= 2
             and _suffix(f.metric, level.metric) >= 2]
    return found[0] if one_value(found) else None
