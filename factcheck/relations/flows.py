"""Flows and the sub-period relation: a month is at most its quarter, a quarter at most the
first nine months, all at most the year.

A flow is a quantity that accumulates over a period (营收, 出口, 成交额, 纯利), named in
``lexicon/flow_metrics.csv``. The word naming it is found however the sentence is built:
right before the figure (出口3.54万亿元), before its move (营收按年上涨16.21%，至3亿3777万令吉)
or before a passed mark (营业总收入再次突破千亿元大关，达1124亿元) — the flow word is the last
one before the figure with nothing but cue words, fillers and other figures between them.
Results stories give the quarter in one paragraph and the nine months in the next, so a part
with no whole in its own paragraph looks in the nearest paragraph that names one.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import LEXICON_DIR, role_cues
from .common import Binding, _row
from .document import Document, within
from .frames import Frame, alternation, basis_cues

FLOW_HEAD = re.compile(r"^(?:其中|实现|累计|累积|合计|当月|单月|全年|公司|集团|共|的)+")
PERIOD_WORDS = re.compile(r"^.*(?:月份?|季度?|年度?|同期|半年)")  # 前11月的外销订单: 外销订单
GENERIC_TAIL = re.compile(r"(?:金额|总额|总值|货值|数额|总计|合计|规模)$")  # 外销订单金额
# the verb before the figure: 净利报8234万令吉, 出口值上600億元
COPULA_TAIL = re.compile(r"(?:报|录得|达到?|站上|(?<=[值额])上)$")
# a qualifier narrows the flow only after the last verb, possessive or company word: 美的集团实现
# 营业总收入 is revenue with no qualifier, 公司资金的投资收益 is 投资收益
CUT = re.compile(r"^.*(?:实现|录得|公布|宣布|披露|报告|的|之|其中|当中|集团|公司|银行|控股)")
TRADE_FLOWS = ("exports", "imports", "trade")
# words that do not narrow a flow: 我国货物贸易进出口总值 and 我国进出口总值 are one trade
NEUTRAL = re.compile(r"我国|全国|中国|全体上市公司|上市公司|货物贸易|货物|外贸|集团|公司|合并|整体"
                     r"|澳门|香港|台湾|本港|全港|全澳|全台|本澳|大马|马来西亚|新加坡|我们"
                     r"|自结|累计|累积|当月|单月|全年|该|其|总|全|的")
# a company (a stock code, or a name ending with a company word) named between two figures and
# not before them: the second figure may be another company's (A公司9月… B公司前三季…)
COMPANY = re.compile(r"[（(]\s?(?:\d{4,6}(?:\.[A-Z]{2})?|[A-Z]{2,8}[,，][^)）]{0,20})\s?[)）]|"
                     r"(?<![该本子母其这那此两各全多])[\u4e00-\u9fff]{2,6}?(?:公司|集团|银行|证券|金控|"
                     r"人寿|产险|投信|控股|股份|科技|电子|汽车|航空|地产|置地|电讯|电信|能源|保险)")
OTHER_SPAN = re.compile(r"日|周|天|每")  # 12月前10日出口, 每日成交: not the month's flow
PARAGRAPHS_APART = 4  # how far a part looks for its whole when its own paragraph has none
# words that may stand between a flow word and its figure besides cues, bases and fillers
TAIL_EXTRA = (r"大关|关口|台阶|门槛|水平|新高|新低|纪录|记录|历史|创下?|录得|实现|报|按年|同比|"
              r"再次|首次|"
              r"再度|一举|其中|当中|上年同期|去年同期|同期|的|和|及|与|则|亦|也|已|仍|至|到|整数|仅余|只余|尚|"
              r"了|约为?|大约|达到?|为|是|逾|近|超过?|高达|仅|只有?|共|合计|累计|分别|再|又|还|"
              r"最多|最少|至多|一度|或|突破|首破|跌破|站上|站稳|失守|迈上|跨过|跨越|冲破|冲上|逼近|重返|重上|收复|"
              r"守住|再破|破|微|略|稍|小幅|大幅|明显|显着|显著|稍微|略微|轻微|从|由")


@dataclass(frozen=True)
class Flow:
    """What a figure accumulates: the lexicon's metric, the words narrowing it (对美 of
    对美出口) and, for a profit or a balance, the words naming its opposite (亏, 逆差)."""

    metric: str
    qualifier: str
    opposite: str

    @property
    def signed(self) -> bool:
        return bool(self.opposite)


@lru_cache(maxsize=1)
def flow_metrics() -> tuple[tuple[str, str, str], ...]:
    """(form, metric, opposite) of lexicon/flow_metrics.csv, longest form first."""
    with (LEXICON_DIR / "flow_metrics.csv").open(encoding="utf-8") as fh:
        rows = [(r["form"], r["metric"], r["opposite"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cues = {c for rows in role_cues().values() for c, _, _ in rows} | {c for c, _ in basis_cues()}
    tail = re.compile(rf"(?:{TAIL_EXTRA}|{alternation(cues)}|[\s\d.%（）()、，,])*")
    return re.compile(alternation(f for f, _, _ in flow_metrics())), tail


@lru_cache(maxsize=4096)
def _core_flow(word: str) -> Flow | None:
    """The flow a metric word ends with, after its period and verb heads and a generic tail
    (金额, 总值) are dropped."""
    core = FLOW_HEAD.sub("", PERIOD_WORDS.sub("", word) or word)
    core = COPULA_TAIL.sub("", core) or core
    core = GENERIC_TAIL.sub("", core) or core
    for form, metric, opposite in flow_metrics():
        if core.endswith(form):
            head = CUT.sub("", core[:-len(form)])
            # 外贸 names all trade (外贸进出口 = 进出口) but narrows any other flow
            # (外贸货物吞吐量 is a part of 货物吞吐量)
            narrowing = "外贸" if metric not in TRADE_FLOWS and "外贸" in head else ""
            return Flow(metric, NEUTRAL.sub("", head) + narrowing, opposite)
    return None


def _average(word: str) -> bool:
    """平均, 人均, 日均: an average of a flow is not the flow."""
    return "平均" in word or "均" in word[-3:] or "人均" in word


def metric_flow(f: Frame) -> Flow | None:
    """The flow named by the metric word right before the figure (我国货物贸易进出口总值 is
    trade); averages are not flows."""
    if not f.metric or _average(f.metric):
        return None
    return _core_flow(f.metric)


def word_before(f: Frame, frames: list[Frame], doc: Document, forms: re.Pattern[str]
                ) -> str | None:
    """The metric word naming a figure from before its move or a passed mark: the Han run
    ending at the last match of ``forms`` in the figure's sentence, with only cue words,
    fillers and other figures between it and the figure (营收按年上涨16.21%，至…)."""
    tail = _patterns()[1]
    lo = f.sentence[0]
    last = None
    for last in forms.finditer(doc.folded, lo, f.start):  # noqa: B007 — the last one wins
        pass
    if last is None:
        return None
    pos, rest = last.end(), []
    for x in within(frames, last.end(), f.start):
        rest.append(doc.folded[pos:x.start])
        pos = max(pos, x.mention.end)
    rest.append(doc.folded[pos:f.start])
    gap = "".join(rest)
    if len(gap) > 40 or not tail.fullmatch(gap):
        return None
    word = re.search(r"[\u4e00-\u9fff]{2,12}$", doc.folded[max(lo, last.end() - 12):last.end()])
    return word.group() if word else None


def names(frames: list[Frame], doc: Document, words: re.Pattern[str]) -> dict[int, str]:
    """Each level's metric word: its own when it holds one of ``words``, else the one stated
    before its move or passed mark (月度出口首次迈上900亿美元台阶，达907.7亿美元: 月度出口)."""
    out = {}
    for f in frames:
        if f.quantity != "amount" or f.role not in ("level", "to"):
            continue
        own = f.metric if f.metric and words.search(f.metric) else None
        name = own or word_before(f, frames, doc, words) or f.metric
        if name:
            out[f.idx] = name
    return out


def flow_of(f: Frame, frames: list[Frame], doc: Document) -> Flow | None:
    """The flow a figure measures: its own metric word, else the last flow word of its
    sentence with only cue words, fillers and figures between (see the module's doc)."""
    own = metric_flow(f)
    if own or f.quantity != "amount":
        return own
    word = word_before(f, frames, doc, _patterns()[0])
    return None if word is None or _average(word) else _core_flow(word)


OWNER = re.compile(r"^(?:其中|而|另一?|惟|但|同时|以及|及)?((?!截至|截止|累计|今年|去年|首|前|第)"
                   r"[\u4e00-\u9fff]{2,8}?)(?:今年|去年|本年|全年|前|第|上半|下半|首|本|当|单|近|截至|"
                   r"截止|于|在|公布|宣布|的)?[\d一二三四五六七八九十]*(?:年度|年|季度|季|月份|月|个月)")


def _owner(head: str) -> str:
    """The company a clause opens with before its period (台积电9月营收: 台积电), if any."""
    m = OWNER.match(head)
    return NEUTRAL.sub("", m.group(1)) if m else ""


def _new_company(doc: Document, a: Frame, b: Frame) -> bool:
    """Whether the two figures are another company's: their clauses name different owners
    before the period (台积电9月营收… 联电前三季营收…), or a company is named between them
    and not before the first one in its paragraph (the same company named again is no
    switch)."""
    owners = [_owner(doc.folded[f.clause[0]:f.start].strip()) for f in (a, b)]
    if all(owners) and not (owners[0].endswith(owners[1]) or owners[1].endswith(owners[0])):
        return True
    first, last = (a, b) if a.start < b.start else (b, a)
    before = doc.folded[first.paragraph[0]:first.start]
    return any(m.group() not in before
               for m in COMPANY.finditer(doc.folded, first.mention.end, last.start))


def _same_year(a: str | None, b: str | None) -> bool:
    """Years agree unless both are stated and differ: a year left unsaid is the year the
    story is about, which may be 去年 (公布去年12月进出口统计 … 全年出口)."""
    return not (a and b and a != b)


YEAR_TO_DATE = re.compile(r"累计|累积")


def _span(f: Frame, doc: Document) -> tuple[int, int]:
    """The months a figure covers; 累计 after the last period word runs from January (臺企銀
    10月獲利10.09億元，累計稅後淨利107.94億元; 11月累计出口)."""
    assert f.span_months
    lo = max(f.clause[0], f.start - 20)
    if YEAR_TO_DATE.search(doc.folded, lo, f.start):
        return 1, f.span_months[1]
    return f.span_months


def _contains(whole: tuple[int, int], part: tuple[int, int]) -> bool:
    return whole[0] <= part[0] and part[1] <= whole[1] and whole != part


# 对欧盟进出口, 对美出口: the sentence names one trade partner before the figure (对外贸易 is
# all foreign trade, no partner)
PARTNER = re.compile(r"对(?!外)[\u4e00-\u9fff“”\"]{1,10}?(?:的)?(?:进出口|出口|进口|贸易)")


def _partner(f: Frame, doc: Document) -> bool:
    return PARTNER.search(doc.folded, f.sentence[0], f.start) is not None


def bind_sub_period(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """A part of a period is at most the whole period, for the same flow, levels with levels
    and a year-earlier base with a year-earlier base. The part names its flow at least as
    narrowly as the whole (9月对美出口 <= 前三季出口, not the reverse); a profit only under the
    qualifier and when neither paragraph names its opposite (a loss, a deficit)."""
    paras = sorted({f.paragraph for f in frames})
    number = {p: i for i, p in enumerate(paras)}
    span = {f.idx: _span(f, doc) for f in frames if f.span_months}
    named: list[tuple[Frame, Flow]] = []
    for f in frames:
        if f.quantity == "amount" and f.role in ("level", "to", "base") and f.span_months:
            flow = flow_of(f, frames, doc)
            if f.months is None and flow and not metric_flow(f):
                continue  # neither the flow nor the period named in its own sentence
            if flow and not OTHER_SPAN.search(flow.qualifier):
                named.append((f, flow))

    def fits(p: Frame, pf: Flow, w: Frame, wf: Flow) -> bool:
        if p is w or pf.metric != wf.metric or p.unit != w.unit \
                or (p.role == "base") != (w.role == "base") or (p.basis != w.basis
                                                               and p.role == "base"):
            return False
        if pf.signed and pf.qualifier != wf.qualifier \
                or not pf.qualifier.endswith(wf.qualifier):
            return False
        if _partner(w, doc) and not _partner(p, doc):
            return False  # 我省对欧盟进出口…，进出口总值18.6亿元: one partner's trade, no whole
        return _contains(span[w.idx], span[p.idx]) and _same_year(p.year, w.year)

    def nearest(x: Frame, pool: list[tuple[Frame, Flow]]) -> Frame | None:
        """The figure of ``pool`` nearest ``x``: in its paragraph, else the nearest paragraph
        within reach that has no figure of x's own period (no rival to pair with)."""
        own = [y for y, _ in pool if y.paragraph == x.paragraph]
        if not own:
            apart = [(abs(number[y.paragraph] - number[x.paragraph]), y) for y, _ in pool]
            reach = min((d for d, _ in apart), default=PARAGRAPHS_APART + 1)
            own = [y for d, y in apart if d == reach <= PARAGRAPHS_APART]
            if own and any(q.paragraph == own[0].paragraph and span[q.idx] == span[x.idx]
                           and qf.metric == pool[0][1].metric for q, qf in named):
                return None
        return min(own, key=lambda y: abs(y.start - x.start), default=None)

    buckets: dict[int, list[tuple[Frame, Flow]]] = {}
    for x in named:
        buckets.setdefault(number[x[0].paragraph], []).append(x)

    def around(x: Frame) -> list[tuple[Frame, Flow]]:
        """The named flows within pairing reach of x's paragraph (nearest() looks no farther):
        a long text's other stories are not scanned for every figure."""
        k = number[x.paragraph]
        return [y for j in range(k - PARAGRAPHS_APART, k + PARAGRAPHS_APART + 1)
                for y in buckets.get(j, ())]

    for p, pf in named:
        wholes = [(w, wf) for w, wf in around(p) if fits(p, pf, w, wf)]
        w = nearest(p, wholes)
        if w is None:
            continue
        wf = next(f for x, f in wholes if x is w)
        # each other's nearest: in a list of companies, A's month and B's year-to-date are not
        # a pair; nor are figures of two companies, or a profit beside a loss
        parts = [(q, qf) for q, qf in around(w) if span[q.idx] == span[p.idx]
                 and fits(q, qf, w, wf)]
        if nearest(w, parts) is not p or _new_company(doc, p, w):
            continue
        if pf.signed and any(re.search(pf.opposite, doc.folded[x.paragraph[0]:x.paragraph[1]])
                             for x in (p, w)):
            continue
        row = _row("sub_period_signed" if pf.signed else "sub_period")
        yield Binding(row, "part", [{"part": p, "whole": w}], False)
