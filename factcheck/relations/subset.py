"""A part named after 其中 is at most its whole: 房地产开发投资123863亿元 … 其中，住宅投资
94016亿元. Weak (a warning only when one slip explains a part above its whole): the list
after 其中 may be partial, may overlap, and a part may be named loosely.

The whole is the last amount (a level, same unit) before the marker, in its sentence or the
sentence before; the parts are the amounts of the marker's sentence. A part shares at least
the last character of its whole's metric word (住宅投资 of 房地产开发投资, 快递业务量 of 寄递
业务量), so a profit after 其中 is never read as a part of revenue.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..checks.common import breakdown_cut
from ..lexicon import subtracting
from .common import Binding, _row, _suffix, summed
from .compounds import compounds
from .document import Document, within
from .families import REAL_TERMS, composed_growth
from .frames import Frame
from .solve import compile_formula, holds

INTENSIVE = re.compile(r"人均|平均|均价|均值|中位数|门槛|每股|每人|每户|单价|比率|率$")
ASIDE = re.compile(r"[，,；;]\s?(?:另外|另有|另持有|另|此外|除此之外)")
SUBSET = re.compile(r"其中|当中|(?<![（(])包括")  # not 外资企业(包括石油): a bracket's aside
LEVELS = ("level", "to")


def bind_subset(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    row = _row("subset")
    amounts = [f for f in frames if f.quantity == "amount" and f.role in LEVELS and f.unit]
    for m in SUBSET.finditer(doc.folded):
        sentence = doc.sentence(m.start())
        end = sentence[1]
        if doc.folded.startswith((":", "："), m.end()):  # 其中：A…；B…；C…。: a list that
            end = doc.statement(m.start())[1]             # runs over its semicolons
        if other := ASIDE.search(doc.folded, m.end(), end):
            end = other.start()  # 其中470万平方呎属住宅楼面，另持有1700万平方呎…农地: after 另
            # the text names a holding beside the whole, no part of it
        parts = within(amounts, m.end() + 1, end)
        if not parts:
            continue
        prior = [f for f in within(amounts, parts[0].paragraph[0], m.start())
                 if (f.sentence == sentence or f.sentence[1] == sentence[0] - 1)]
        whole = next((f for f in reversed(prior) if f.unit == parts[0].unit), None)
        if whole is None or not whole.metric:
            continue  # 自營商買超(合計)57.2億元: an unnamed nearest amount, no earlier one
        mine = [p for p in parts if p.unit == whole.unit and p.metric
                and _suffix(p.metric, whole.metric) >= 1
                and (p.months is None or p.months == whole.months)
                and not (INTENSIVE.search(p.metric) and INTENSIVE.search(whole.metric))
                and _same_part(p.metric, whole.metric)]
        # (城镇居民人均可支配收入中位数 of 全国居民人均…中位数: a group's own per-head figure,
        # average or median may exceed the whole's; 人均消费支出…其中食品 is a part of it)
        listed = [p for p in parts if p.unit == whole.unit]
        kept = {id(p) for p in listed[:breakdown_cut([(iv.lo, iv.hi) for iv in (
            p.interval() for p in listed)])]}
        mine = [p for p in mine if id(p) in kept]
        # (其中工业10716亿：轻工业和重工业分别1771亿、8945亿: the last two break down the first)
        if BALANCE.search(whole.metric):  # 经常账户逆差337亿美元，其中，货物贸易顺差…
            listed = [f for f in within(frames, m.end() + 1, end)
                      if f.quantity == "amount" and f.unit == whole.unit]
            if any(RUNNING.search(doc.folded, f.clause[0], f.start) for f in listed):
                continue  # 累計賣超1,215.5億元 among the day's: no one list of components
            if len(mine) == len(listed):
                yield from _balance(whole, mine)  # every listed component, or none
            continue
        if NET_FLOW.search(whole.metric):
            continue  # 淨匯入約40億美元，其中本金匯入約115億美元…匯出約70億: a net's gross
            # flows may exceed it, and so may its own nets (淨開設581個零售點，包括淨開設595個
            # 周大福珠寶零售點: the other brands closed more than they opened)
        if _subtracts(whole) or any(_subtracts(f) for f in within(frames, m.end() + 1,
                                                                    end)
                                    if f.quantity == "amount" and f.unit == whole.unit):
            continue  # 投资亏损55亿元，其中债券投资收益157亿元: gains and losses net to it
        for p in mine:
            yield Binding(row, "part", [{"part": p, "whole": whole}], False)
        if len(mine) >= 2:
            formula, named = summed(mine, "{sum} <= whole")
            yield Binding(row, "p0", [{"whole": whole, **named}], False, formula)
            yield from _complete(whole, mine, frames, doc)


def _complete(whole: Frame, parts: list[Frame], frames: list[Frame],
              doc: Document) -> Iterator[Binding]:
    """用电负荷106.35万千瓦，同比增长8.2%，其中：工业负荷66万千瓦，同比增长44%；…: a list
    that adds up to its whole exactly is all of it, so the whole's growth is its parts'
    growths weighted by their bases, as for a composition the lexicon declares."""
    formula, named = summed(parts, "whole = {sum}")
    if holds(formula, {"whole": whole.interval(), **{k: f.interval() for k, f in named.items()}}) \
            and not REAL_TERMS.search(doc.folded, whole.sentence[0], parts[-1].sentence[1]):
        yield from composed_growth(whole, parts, frames)


def _same_part(part: str, whole: str) -> bool:
    """乘用车销量 of 汽车销量, not of 汽车产量: where the whole is one part of a compound metric
    (产销 -> 产量, 销量; lexicon/compound_metrics.csv), its parts are of that part too."""
    for _compound, words in compounds():
        mine = next((w for w in words if whole.endswith(w)), None)
        if mine is not None and any(part.endswith(w) for w in words if w != mine):
            return False  # the other member: 产量 under a 销量 whole
    return True


LOSS = re.compile("(?:" + "|".join(subtracting()["loss"]) + ")$")


def _subtracts(f: Frame) -> bool:
    """A loss or a fall (香港股票投资亏损57亿元, 估值下跌75亿元): the list it is in is a net's."""
    return f.direction < 0 or bool(LOSS.search(f.metric or ""))


# 经常账户逆差337亿美元，其中，货物贸易顺差231亿美元，服务贸易逆差470亿美元…: a balance's
# components are balances of their own, surpluses adding and deficits subtracting
BALANCE = re.compile(r"(?:顺差|逆差|盈余|赤字|买超|卖超)(?=额?$)")  # 买超/卖超: net buying
NET_FLOW = re.compile(r"净(?:流|汇|买|卖|申|赎|进|出|借|增|减|投放|回笼|结汇|售汇|开|关)")
SIGN = {"顺差": 1, "盈余": 1, "逆差": -1, "赤字": -1, "买超": 1, "卖超": -1}
# 外資賣超299.5億元，連二賣，累計賣超1,215.5億元: a running total is no component of the day's
RUNNING = re.compile(r"累计|累积|合计|连[续一二三四五六七八九十0-9]+")


def _balance(whole: Frame, parts: list[Frame]) -> Iterator[Binding]:
    """A balance and its listed components: whole = Σ ± parts when every part says which
    side it is on (weak: the list after 其中 may leave a component out)."""
    signs = [SIGN.get(_balance_word(p.metric)) for p in parts]
    own = SIGN.get(_balance_word(whole.metric))
    if len(parts) < 2 or own is None or None in signs:
        return
    formula = compile_formula(f"{'' if own > 0 else '-'}whole = {signed_terms(signs)}")
    named = {f"p{i}": p for i, p in enumerate(parts)}
    yield Binding(_row("balance_parts"), "whole", [{"whole": whole, **named}], False, formula)


def signed_terms(signs: list[int], own: int = 1) -> str:
    """p0 - p1 + p2: each part added when it is on ``own``'s side, else subtracted."""
    return " ".join(f"{'+' if s == own else '-'} p{i}"
                    for i, s in enumerate(signs)).removeprefix("+ ")


def _balance_word(metric: str | None) -> str:
    """顺差 of 货物贸易顺差 and of 贸易逆差额."""
    found = BALANCE.search(metric or "")
    return found.group() if found else ""


SUM_WORDS = re.compile(r"(?:总量|总额|合计|共计|总计|合共|两者合计|三者合计)[^，,。；;\d]{0,4}$")


def bind_listed_sum(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """沪深两市分别成交4618亿元和4322亿元，总量接近9000亿元: the figures a 分别 list names,
    and the total the sentence gives them (总量, 合计 …), qualifiers honoured (接近, 超过)."""
    row = _row("listed_sum")
    for t in frames:
        if t.quantity != "amount" or not SUM_WORDS.search(doc.folded, max(t.sentence[0],
                                                                          t.start - 8), t.start):
            continue
        opener = doc.folded.rfind("分别", t.sentence[0], t.start)
        if opener < 0:
            continue
        parts = [f for f in frames if opener < f.start < t.start and f.quantity == "amount"
                 and f.sentence == t.sentence]
        if len(parts) < 2 or any(f.unit != t.unit for f in parts):
            continue
        formula, named = summed(parts, "total = {sum}")
        yield Binding(row, "total", [{"total": t, **named}], True, formula)
