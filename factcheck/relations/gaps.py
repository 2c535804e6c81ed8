"""A rate compared with a named one: 高技术制造业利润同比增长9.0%…增速高于全部规模以上工业平均水平
7.6个百分点; 装备制造业、高技术制造业增加值同比分别增长8.4%、5.9%，分别比规模以上工业增加值快
4.6个百分点、2.1个百分点.

The comparison names the other rate (比/较/高于 NAME 快 N 个百分点); that rate is the latest
earlier one whose sentence names NAME (without 全部/全国 in front or 平均水平 behind), in the
same period. The rate compared is the last rate of the gap's sentence before it; a 分别 list
of gaps pairs with the 分别 list of rates by order. The gap is the rate minus the named one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import Binding, _row
from .document import Document
from .frames import Frame, basis_only

NAMED = re.compile(r"(?:比|较|高于|低于|快于|慢于)(?P<name>[\u4e00-\u9fff]{2,16}?)"
                   r"(?:的|平均水平|整体水平|总体水平|水平)?(?:快|慢|高出|低了|高|低)?了?\s?$")
TRIM_HEAD = re.compile(r"^(?:全部|全国|整体|总体|全)")
MIN_NAME = 4  # characters: 规模以上工业, 社会消费品零售总额


def compared_name(doc: Document, lo: int, hi: int) -> str:
    """The rate a comparison ending at ``hi`` names (比规模以上工业平均水平高 -> 规模以上工业),
    without 全部/全国 in front; "" when it names none."""
    m = NAMED.search(doc.folded, lo, hi)
    return TRIM_HEAD.sub("", m.group("name")) if m else ""


def _rates(frames: list[Frame], lo: int, hi: int) -> list[Frame]:
    return [f for f in frames if lo <= f.start < hi and f.quantity == "percent"
            and f.role == "move" and f.scale == 1]


def bind_named_gap(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    row = _row("pp_gap_named")
    gaps = [g for g in frames if g.role == "gap" and g.quantity == "pp" and g.direction]
    for g in gaps:
        listed = [x for x in gaps if x.sentence == g.sentence]
        head = listed[0] if "分别" in doc.folded[g.sentence[0]:g.start] else g
        name = compared_name(doc, head.clause[0], head.start)  # a list names it once
        if len(name) < MIN_NAME:
            continue
        rates = _rates(frames, g.sentence[0], listed[0].start)
        if "分别" in doc.folded[g.sentence[0]:g.start] and len(listed) > 1:
            if len(rates) < len(listed):
                continue
            a = rates[-len(listed):][listed.index(g)]  # 分别增长8.4%、5.9%…分别快4.6、2.1
        elif rates:
            a = rates[-1]
        else:
            continue
        # 主营业务收入增长13.6%，增速比全部规模以上工业高…: the named rate is of the same metric
        # (its revenue, not 规模以上工业企业…利润总额…增长23.3%), unless the name says which
        tail = a.metric[-2:] if a.metric and len(a.metric) >= 2 and a.metric[-2:] not in \
            name and not basis_only(a.metric) else ""
        scope = _scope(doc.folded[a.sentence[0]:a.start])
        named = [f for f in reversed(_rates(frames, 0, g.sentence[0]))
                 if _names_it(doc.folded[f.sentence[0]:f.start], name)
                 and tail in doc.folded[f.sentence[0]:f.start]
                 and (scope is None or _scope(doc.folded[f.sentence[0]:f.start]) in (scope, None))
                 and (a.span_months is None or f.span_months is None
                      or a.span_months == f.span_months)
                 and (f.basis or "yoy") == (a.basis or "yoy")]  # a bare 增长 is 同比, not 环比
        if not named:
            continue
        # a rate of unstated period against a name stated for several periods (4月份…增长
        # 6.1%。1—4月份…增长6.4%): the latest of each period is a reading
        latest = {f.span_months: f for f in reversed(named)}
        if len(latest) > 1:  # (a headline's rate, stated with no period, is one of them)
            latest.pop(None, None)
        readings = {b.mention.value: b for b in latest.values()}  # one value: one reading
        alts = [{"gap": g, "a": a, "b": b} for b in readings.values()] \
            if a.span_months is None else [{"gap": g, "a": a, "b": named[0]}]
        yield Binding(row, "gap", alts, True)  # broken only when no reading fits


def _names_it(words: str, name: str) -> bool:
    """The rate after ``words`` is ``name``'s: not one of its members (全市规模以上工业中，石油和
    天然气开采业增加值同比增长4.6%: an industry of it)."""
    at = words.rfind(name)
    return at >= 0 and not words[at + len(name):].lstrip().startswith(MEMBERS)


MEMBERS = ("中，", "中,", "中：", "中:", "中的")
# 本外币…贷款增长21.2%，增速比各项贷款高10.4个百分点 is against 本外币各项贷款 (10.8%), not
# 人民币各项贷款 (11.2%): words that scope a figure, of which one figure has one
SCOPES = (("本外币", "人民币", "外币"),)


def _scope(words: str) -> str | None:
    """The scope word the words before a rate state (本外币 before 外币, which it holds)."""
    return next((w for group in SCOPES for w in group if w in words), None)


# 增长9.1%，比全省(7.4%)和全国(6.3%)分别高1.7、2.8个百分点: one rate against a list of rates
LISTED_BASES = re.compile(r"(?:比|较|高于|快于)[^，,。；;]{0,40}?分别(?:高出?|快)了?\s?$")


def bind_listed_gap(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """One rate against the rates a 比 list names, gaps paired with them by order: each gap
    is the rate minus its base (rises only: a 低 list reads its gaps without their sign)."""
    row = _row("pp_gap_listed")
    for g in frames:
        if g.role != "gap" or g.quantity != "pp" or g.direction <= 0:
            continue
        m = LISTED_BASES.search(doc.folded, g.clause[0], g.start)
        if m is None:
            continue
        bases = [f for f in frames if m.start() < f.start < g.start and f.quantity == "percent"
                 and f.scale == 1]
        gaps = [g] + [f for f in frames if f.clause == g.clause and f.start > g.start
                      and f.quantity == "pp" and f.direction >= 0]
        rates = [f for f in frames if g.sentence[0] <= f.start < m.start()
                 and f.quantity == "percent" and f.role in ("move", "level", "to")
                 and f.scale == 1]
        if len(bases) < 2 or len(bases) != len(gaps) or not rates:
            continue
        for gap, base in zip(gaps, bases, strict=True):
            yield Binding(row, "gap", [{"gap": gap, "a": rates[-1], "b": base}], True)
