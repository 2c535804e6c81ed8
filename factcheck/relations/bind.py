"""Binding: which frames a declared relation relates, found from roles, not phrasings.

Each binder is a small function named in ``lexicon/relations.csv``; it yields candidate
bindings (role -> frame) for every relation row that uses it. A binding lists alternatives
when the text leaves more than one reading open; the relation is consistent when any of
them holds, and only a binding with a single reading can raise an error.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import LEXICON_DIR
from . import periods
from .document import Document
from .frames import FILLER, Frame, _basis, basis_cues, role_cues
from .solve import Formula, compile_formula

LIST_WORDS = re.compile(r"分别|各")


@dataclass(frozen=True)
class Row:
    """One declared relation."""

    name: str
    rule: str
    formula: Formula
    binder: str
    strength: str
    message: str


@dataclass
class Binding:
    row: Row
    anchor: str                         # the role whose figure the finding is about
    alternatives: list[dict[str, Frame]]
    strong: bool
    formula: Formula | None = None      # defaults to the row's; a sum of N parts sets its own

    def __post_init__(self) -> None:
        if self.formula is None:
            self.formula = self.row.formula


@lru_cache(maxsize=1)
def relation_rows() -> tuple[Row, ...]:
    with (LEXICON_DIR / "relations.csv").open(encoding="utf-8") as fh:
        return tuple(Row(r["name"], r["rule"], compile_formula(r["formula"]), r["binder"],
                         r["strength"], r["message"]) for r in csv.DictReader(fh))


def _row(name: str) -> Row:
    return next(r for r in relation_rows() if r.name == name)


def _by_sentence(frames: list[Frame]) -> dict[tuple[int, int], list[Frame]]:
    out: dict[tuple[int, int], list[Frame]] = {}
    for f in frames:
        out.setdefault(f.sentence, []).append(f)
    return out


# --------------------------------------------------------------------------- move
CLAUSE_MARK = re.compile(r"[，：]|(?<!\d)[,:]|[,:](?!\d)")
REACH = 2  # a move is about a level at most two clauses back (收报…，较…跌…，跌幅…)


def unit_ok(a: str | None, b: str | None) -> bool:
    """Same unit; an index level written without 点 (收報26059) pairs with 点 moves."""
    return a == b or {a, b} <= {None, "点"}


SUBJECT_HEAD = re.compile(r"[\u4e00-\u9fff]{2,12}")  # used with match(text, pos): no ^
NOT_SUBJECT = re.compile(r"^(?:较|比|相较|相比|从|由|同比|环比|按年|按月|按季|其中|仍|但|并|而|且|"
                         r"占|盘中|一度|全日|今日|当日|昨日|期内|截至)")


@lru_cache(maxsize=1)
def _cue_words() -> tuple[str, ...]:
    """Every role cue, longest first."""
    return tuple(sorted({c for cues in role_cues().values() for c, _, _ in cues},
                        key=lambda c: -len(c)))


def _subject(anchor: Frame, doc: Document) -> str:
    """The name a move's clause opens with (上证指数降0.79%), if any: its levels are its own."""
    head = SUBJECT_HEAD.match(doc.folded, anchor.clause[0])
    if not head or head.end() > anchor.start or NOT_SUBJECT.match(head.group()):
        return ""
    text = head.group()
    for cue in _cue_words():
        if cue in text:
            text = text[:text.index(cue)]
            break
    for cue, _ in basis_cues():
        text = text.replace(cue, "")
    return text if len(text) >= 2 else ""


CLOSE_BEFORE = re.compile(r"(?:收报|报收|收于|收在|收市报|报|收|至)\s?$")


def _level_for(anchor: Frame, group: list[Frame], unit: str | None,
               quantity: str, doc: Document) -> Frame | None:
    """The level a move is about: the nearest level before it (at most two clauses back),
    else a level after it in the next clause that is a 升至 level or a close (升3%，報13.34元)."""
    def fits(f: Frame) -> bool:
        if f.quantity != quantity or not (unit is None or unit_ok(f.unit, unit)):
            return False
        # a bare number (2022, 4863) is a level only as an index close (收報26059)
        return f.unit is not None or quantity != "amount" or bool(CLOSE_BEFORE.search(
            doc.folded, max(0, f.start - 4), f.start))

    reach = 0 if _subject(anchor, doc) else REACH  # 上证指数降0.79%: a subject of its own
    before = [f for f in group if f.start < anchor.start and fits(f)
              and f.role in ("level", "to", "ratio", "high", "low")
              and len(CLAUSE_MARK.findall(doc.folded, f.mention.end, anchor.start)) <= reach]
    if before:
        return before[-1]
    after = [f for f in group if f.start > anchor.start and fits(f)
             and len(CLAUSE_MARK.findall(doc.folded, anchor.mention.end, f.start)) <= 1
             and (f.role == "to" or (f.role == "level" and CLOSE_BEFORE.search(
                 doc.folded, max(0, f.start - 4), f.start)))]
    return after[0] if after else None


def _base_for(level: Frame, group: list[Frame], anchor: Frame,
              any_unit: bool = False, quantity: str | None = None) -> Frame | None:
    """The base of a comparison: in the clauses that hold the level and the move, no further
    (一年前为…, 营业额从… in the next clause belong to another level)."""
    lo = min(level.clause[0], anchor.clause[0])
    hi = max(level.clause[1], anchor.clause[1])
    bases = [f for f in group if f.role == "base" and f.quantity == (quantity or level.quantity)
             and (any_unit or unit_ok(f.unit, level.unit)) and f is not level
             and lo <= f.start < hi]
    if not bases:
        return None
    return min(bases, key=lambda f: abs(f.start - anchor.start))


def _previous(months: tuple[int, int] | None, basis: str | None) -> tuple[int, int] | None:
    if months is None or basis not in ("mom", "qoq"):
        return None
    step = 1 if basis == "mom" else 3
    a, b = months[0] - step, months[1] - step
    return (a, b) if a >= 1 else None


def _later_bases(level: Frame, anchor: Frame, after: list[Frame], doc: Document,
                 labels: dict[int, tuple[str | None, tuple[int, int] | None]]) -> list[Frame]:
    """Bases stated after the move (增长23.5%，上年同期为150.95亿元; 月减6.5%；10月营收为…),
    kept when their period fits the move's basis. A 分别 list (10月及去年同月分别为A及B)
    gives each figure the period of its label."""
    out = []
    prev = _previous(level.months, anchor.basis)
    for f in after:
        if f.start <= anchor.start or f is level or f.quantity != level.quantity \
                or f.unit != level.unit:
            continue
        basis, months = labels.get(f.start, (f.basis if f.role == "base" else None, f.months))
        if basis == "yoy" and anchor.basis in ("yoy", None) and (
                f.role == "base" or f.start in labels):
            out.append(f)
        elif f.role in ("level", "base") and prev is not None and months == prev:
            out.append(f)
        elif f.start in labels:
            continue
        elif f.role == "move" or (f.role in ("level", "to") and (
                not f.months or f.months == level.months
                or not _same_metric(f.metric, level.metric))):
            break  # the next move or level starts a comparison of its own
    return out


RESPECTIVE = re.compile(r"([^，,。；;！？!?]{2,30}?)分别(?:为|是|达|录得)?$")
LABEL_SPLIT = re.compile(r"及|和|与|、|以及")


def respective_labels(frames: list[Frame], doc: Document
                      ) -> dict[int, tuple[str | None, tuple[int, int] | None]]:
    """10月及去年同月分别为132.7亿元及177.2亿元: each figure gets its label's basis and months,
    paired by order when the labels and the figures are as many."""
    out: dict[int, tuple[str | None, tuple[int, int] | None]] = {}
    for group in _by_sentence(frames).values():
        amounts = [f for f in group if f.quantity == "amount"]
        if not amounts:
            continue
        m = RESPECTIVE.search(doc.folded, group[0].clause[0], amounts[0].start)
        if not m:
            continue
        labels = [x for x in LABEL_SPLIT.split(m.group(1)) if x.strip()]
        listed = [f for f in amounts if f.clause == amounts[0].clause]
        if len(labels) != len(listed) or len(labels) < 2:
            continue
        for label, f in zip(labels, listed, strict=True):
            out[f.start] = (_basis(label), periods.months(label))
    return out


PERIOD_HEAD = re.compile(r"^.*?(?:月|季度?|年|同期|半年)")


def _same_metric(a: str | None, b: str | None) -> bool:
    """Metric words agree once the period words in front are dropped (10月出口 ~ 出口)."""
    if not a or not b:
        return True
    a2, b2 = PERIOD_HEAD.sub("", a) or a, PERIOD_HEAD.sub("", b) or b
    return a2.endswith(b2) or b2.endswith(a2)


PERIOD_WORD = re.compile(r"[年季月周週日天]|同期|上期|前期|交易日")
NAMED_BASE = re.compile(r"(?:较|(?<![同环])比|相较于?)([\u4e00-\u9fff]{2,8})$")


OWN_COMPARISON = re.compile(r"(?:较|(?<![同环])比|相较|相比)")
NOUN_CUES = {"涨幅", "跌幅", "升幅", "增幅", "降幅", "减幅"}  # 跌幅为0.24%: names the move


def _bare(anchor: Frame, doc: Document) -> bool:
    """A clause that is only a basis and a move (；同比下降31.2%) continues the previous
    sentence's subject; one that names a new subject (其中，转口货值上升…) does not."""
    text = FILLER.sub("", doc.folded[anchor.clause[0]:anchor.start])
    if anchor.cue and text.endswith(anchor.cue):
        text = text[:-len(anchor.cue)]
    for cue, _ in basis_cues():
        text = text.replace(cue, "")
    return len(text.strip()) <= 1


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


def _named_bases(anchor: Frame, frames: list[Frame], doc: Document) -> list[Frame]:
    """较发行价上涨140%: the base is the figure the paragraph names 发行价."""
    clause = FILLER.sub("", doc.folded[anchor.clause[0]:anchor.start])
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


def bind_move(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """Growth, change and implied-base relations around one sentence."""
    sentences = _by_sentence(frames)
    keys = sorted(sentences)
    labels = respective_labels(frames, doc)
    for i, key in enumerate(keys):
        group = sentences[key]
        if LIST_WORDS.search(doc.folded, group[0].sentence[0], group[-1].start):
            continue  # 分别 lists pair figures by order: a reading of their own
        para = group[0].paragraph
        later = [sentences[k] for k in keys[i + 1:] if sentences[k][0].paragraph == para]
        ctx = Context(doc, frames, labels, later,
                      [f for f in sentences[keys[i - 1]] if f.paragraph == para] if i else [])
        for a in group:
            if a.role == "move":
                yield from _moves(a, group, ctx)


@dataclass
class Context:
    """What a move may look at beyond its sentence."""

    doc: Document
    frames: list[Frame]
    labels: dict[int, tuple[str | None, tuple[int, int] | None]]
    later: list[list[Frame]]          # the later sentences of the paragraph
    before: list[Frame]               # the previous sentence of the paragraph

    def bases_after(self, level: Frame, anchor: Frame, group: list[Frame]) -> list[Frame]:
        """In the rest of the sentence and the next one; else in a later sentence that
        opens by naming the level's metric again (10月出口为…，去年同期为…)."""
        near = group + (self.later[0] if self.later else [])
        found = _later_bases(level, anchor, near, self.doc, self.labels)
        if found or not level.metric:
            return found
        for sentence in self.later[1:]:
            head = next((f for f in sentence if f.quantity == "amount"), None)
            if head is None or not head.metric or head.unit != level.unit:
                continue
            if _same_metric(head.metric, level.metric):
                return _later_bases(level, anchor, sentence, self.doc, self.labels)
        return []


def _moves(a: Frame, group: list[Frame], ctx: Context) -> Iterator[Binding]:
    doc, frames, before = ctx.doc, ctx.frames, ctx.before
    if a.quantity == "percent":
        level = _level_for(a, group, None, "amount", doc)
        marked = _base_for(level or a, group, a, any_unit=True, quantity="amount")
        near = marked or next((f for f in reversed(group) if f.role == "base" and f.start < a.start
                               and f.quantity == "amount" and len(CLAUSE_MARK.findall(
                                   doc.folded, f.mention.end, a.start)) <= REACH), None)
        if near is not None and (level is None or level.start < near.start):
            changes = [f for f in group if f.role == "move" and f.quantity == "amount"
                       and unit_ok(f.unit, near.unit) and near.start < f.start < a.start]
            if changes:  # 较…的B，减少了C，降幅为R: the rate of the change on its base
                yield Binding(_row("change_rate"), "rate",
                              [{"rate": a, "change": changes[-1], "base": near}], True)
        if marked is not None:  # the base's currency picks the level (not 约合 figures)
            level = _level_for(a, group, marked.unit, "amount", doc)
        if level is None and marked is not None:
            level = _named_level(a, marked, frames, doc)
        if level is None and a is group[0] and before and _bare(a, doc):
            level = next((f for f in before if f.role in ("level", "to") and f.unit
                          and f.quantity == "amount"), None)  # ；同比下降31.2%: same subject
        if level is None:
            return
        base = _base_for(level, group, a)
        if base is not None and base.clause != a.clause and OWN_COMPARISON.search(
                doc.folded, a.clause[0], a.start):
            return  # 较7月份的B上升125%，但较去年8月份下降44.42%: this move has its own base
        if base is not None and base.start != level.start:
            yield Binding(_row("growth"), "rate", [{"rate": a, "level": level, "base": base}],
                          True)
            return
        later = ctx.bases_after(level, a, group) or [
            b for b in _named_bases(a, frames, doc) if b.unit == level.unit
            and b.start != level.start]
        if later:
            yield Binding(_row("growth"), "rate",
                          [{"rate": a, "level": level, "base": b} for b in later],
                          len(later) == 1)
            return
        changes = [f for f in group if f.role == "move" and f.quantity == "amount"
                   and unit_ok(f.unit, level.unit) and f.start != level.start
                   and (f.clause == a.clause or (a.cue in NOUN_CUES and len(CLAUSE_MARK.findall(
                       doc.folded, min(f.mention.end, a.mention.end), max(f.start, a.start)))
                       <= 1))]
        if changes:
            change = min(changes, key=lambda f: abs(f.start - a.start))
            yield Binding(_row("implied_base"), "rate",
                          [{"rate": a, "change": change, "level": level}], True)
    elif a.quantity in ("amount", "pp"):
        quantity = "amount" if a.quantity == "amount" else "percent"
        level = _level_for(a, group, a.unit if quantity == "amount" else None, quantity, doc)
        if level is None:
            return
        base = _base_for(level, group, a)
        bases = [base] if base is not None and base.start != level.start else \
            ctx.bases_after(level, a, group) if quantity == "amount" else []
        if not bases:
            return
        name = "change" if quantity == "amount" else "pp_change"
        yield Binding(_row(name), "change",
                      [{"change": a, "level": level, "base": b} for b in bases],
                      len(bases) == 1)


# --------------------------------------------------------------------------- gap
def bind_gap(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """高/快 N 个百分点: the gap between two rates of the sentence (or the one before)."""
    sentences = _by_sentence(frames)
    keys = sorted(sentences)
    for i, key in enumerate(keys):
        group = sentences[key]
        for g in group:
            if g.role != "gap" or LIST_WORDS.search(doc.folded, key[0], g.start):
                continue
            rates = [f for f in group if f.quantity == "percent" and f.start < g.start
                     and f.role in ("move", "level", "ratio")]
            if len(rates) < 2 and i:
                rates = [f for f in sentences[keys[i - 1]] if f.quantity == "percent"
                         and f.role in ("move", "level", "ratio")] + rates
            if len(rates) < 2:
                continue
            kinds = {("move" if f.role == "move" else "level") for f in rates}
            if len(kinds) > 1:
                continue  # 增长9.0% … 近六成: a rate and a share are no pair to compare
            alts = [{"gap": g, "a": x, "b": y} for x in rates for y in rates if x is not y]
            yield Binding(_row("pp_gap"), "gap", alts, len(rates) == 2)


# --------------------------------------------------------------------------- ratio
@lru_cache(maxsize=1)
def ratio_metrics() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    with (LEXICON_DIR / "ratio_metrics.csv").open(encoding="utf-8") as fh:
        rows = [(r["ratio"], tuple(r["numerator"].split("|")),
                 tuple(r["denominator"].split("|"))) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _ends(metric: str | None, forms: tuple[str, ...]) -> bool:
    """The metric word ends with one of the forms; ``A*B`` names A and ends with B
    (外资及陆资今天卖超 is 外资*卖超)."""
    if not metric:
        return False
    for form in forms:
        head, star, tail = form.partition("*")
        if (star and head in metric and metric.endswith(tail)) or metric.endswith(form):
            return True
    return False


def _same_period(a: Frame, b: Frame) -> bool:
    if a.months and b.months and a.months != b.months:
        return False
    return not (a.year and b.year and a.year != b.year)


def bind_ratio(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """毛利率 / 纯益率 / 净利率 …: the ratio of two amounts of its paragraph."""
    for r in frames:
        if r.role != "ratio" or not r.metric:
            continue
        spec = next((s for s in ratio_metrics() if r.metric.endswith(s[0])), None)
        if spec is None:
            continue
        para = [f for f in frames if f.paragraph == r.paragraph and f.quantity == "amount"
                and f.role in ("level", "to") and _same_period(f, r)]
        nums = [f for f in para if _ends(f.metric, spec[1])]
        dens = [f for f in para if _ends(f.metric, spec[2])]
        if not nums or not dens:
            continue
        alts = [{"ratio": r, "numerator": n, "denominator": d} for n in nums for d in dens
                if n.unit == d.unit]
        if alts:
            yield Binding(_row("margin"), "ratio", alts, len(alts) == 1)


def bind_bound(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """A profit is at most its revenue (a margin is at most 100%): 营业额9,104万元，纯利5.9亿元
    says one of the two has lost its 万/亿. Same sentence, same period, weak."""
    for group in _by_sentence(frames).values():
        amounts = [f for f in group if f.quantity == "amount" and f.role in ("level", "to")
                   and f.metric]
        if len(amounts) < 2:
            continue
        for spec in ratio_metrics():
            nums = [f for f in amounts if _ends(f.metric, spec[1])]
            if not nums:
                continue
            dens = [f for f in amounts if _ends(f.metric, spec[2]) and f not in nums]
            for n in nums:
                for d in dens:
                    if d.unit == n.unit and _same_period(n, d):
                        yield Binding(_row("profit_bound"), "part",
                                      [{"part": n, "whole": d}], False)


# --------------------------------------------------------------------------- day range
def bind_range(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """盘中最高触及3688.25点 … 收报3687.81点: the close lies within the day's high and low.
    The close is the nearest 收报/报 level of the sentence (else the paragraph), same unit."""
    for x in frames:
        if x.role not in ("high", "low"):
            continue
        closes = [f for f in frames if f.paragraph == x.paragraph and f.role in ("level", "to")
                  and f.quantity == "amount" and unit_ok(f.unit, x.unit)
                  and CLOSE_BEFORE.search(doc.folded, max(0, f.start - 4), f.start)]
        same = [f for f in closes if f.sentence == x.sentence] or closes
        if not same:
            continue
        close = min(same, key=lambda f: abs(f.start - x.start))
        row = "day_high" if x.role == "high" else "day_low"
        role = "high" if x.role == "high" else "low"
        yield Binding(_row(row), role, [{role: x, "close": close}], False)


# --------------------------------------------------------------------------- composition
@lru_cache(maxsize=1)
def compositions() -> tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    with (LEXICON_DIR / "compositions.csv").open(encoding="utf-8") as fh:
        return tuple((tuple(r["total"].split("|")),
                      tuple(tuple(p.split("|")) for p in r["parts"].split(";")))
                     for r in csv.DictReader(fh))


def bind_compose(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """进出口总值 = 出口 + 进口, GDP = 三次产业, 三大法人合计 = 外资 + 投信 + 自营商
    (lexicon/compositions.csv): the parts are the next figures of the paragraph named by
    the part words, in the same unit and period; a total that is complete by definition."""
    amounts = [f for f in frames if f.quantity == "amount" and f.role in ("level", "to")
               and f.metric]
    for t in amounts:
        for totals, parts in compositions():
            if not _ends(t.metric, totals):
                continue
            found = []
            for forms in parts:
                hit = next((f for f in amounts if f.start > t.start
                            and f.paragraph == t.paragraph and f.unit == t.unit
                            and _ends(f.metric, forms) and not _ends(f.metric, totals)
                            and _same_period(f, t) and f not in found), None)
                if hit is None:
                    break
                found.append(hit)
            if len(found) != len(parts):
                continue
            names = [f"p{i}" for i in range(len(found))]
            formula = compile_formula("total = " + " + ".join(names))
            roles = {"total": t, **dict(zip(names, found, strict=True))}
            yield Binding(_row("composition"), "total", [roles], True, formula)
            break


# --------------------------------------------------------------------------- sub-period
@lru_cache(maxsize=1)
def flow_metrics() -> tuple[tuple[str, str], ...]:
    with (LEXICON_DIR / "flow_metrics.csv").open(encoding="utf-8") as fh:
        rows = [(r["form"], r["metric"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


FLOW_HEAD = re.compile(r"^(?:其中|实现|累计|合计|当月|单月|全年|公司|集团|共|月|季|年)+")


def _flow(f: Frame) -> str | None:
    """The flow a figure measures, when its metric word is one (after the period words):
    对美国出口 is exports to one country, no sub-period of 出口."""
    if not f.metric or "平均" in f.metric or "均" in f.metric[-3:]:
        return None
    core = FLOW_HEAD.sub("", PERIOD_HEAD.sub("", f.metric) or f.metric)
    return next((m for form, m in flow_metrics() if core == form), None)


def bind_sub_period(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """A month is at most its quarter, a quarter at most the first three quarters …"""
    flows = [(f, _flow(f)) for f in frames if f.quantity == "amount"
             and f.role in ("level", "to") and f.span_months]
    flows = [(f, m) for f, m in flows if m]
    for p, pm in flows:
        for w, wm in flows:
            if p is w or pm != wm or p.paragraph != w.paragraph or p.unit != w.unit:
                continue
            pm_, wm_ = p.span_months, w.span_months
            assert pm_ and wm_
            if not (wm_[0] <= pm_[0] and pm_[1] <= wm_[1]) or pm_ == wm_:
                continue
            if p.year and w.year and p.year != w.year:
                continue
            yield Binding(_row("sub_period"), "part", [{"part": p, "whole": w}], False)


# --------------------------------------------------------------------------- share
NAME_HEAD = re.compile(r"^(?:我国|全国|全体|全市|全省|全|我|该|其)")
GENERIC = {"总值", "总额", "金额", "总量", "规模", "收入"}


def _suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def bind_share(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """占社会消费品零售总额的比重为14.9%: the part before it over the total it names."""
    from .frames import SHARE_MARK

    for s in frames:
        if s.role != "share":
            continue
        m = SHARE_MARK.search(FILLER.sub("", doc.folded[s.clause[0]:s.start]))
        name = NAME_HEAD.sub("", m.group("name")) if m else ""
        if len(name) < 2:
            continue
        group = [f for f in frames if f.sentence == s.sentence]
        part = _level_for(s, group, None, "amount", doc)
        if part is None:
            continue
        totals = []
        for f in frames:
            if f is part or f.quantity != "amount" or f.role not in ("level", "to") \
                    or not unit_ok(f.unit, part.unit) or not f.metric \
                    or abs(f.paragraph[0] - s.paragraph[0]) > 2000:
                continue
            metric = NAME_HEAD.sub("", f.metric)
            common = _suffix(metric, name)
            if common >= 2 and (common >= 3 or metric.endswith(name) or name.endswith(metric)
                                or name[-common:] not in GENERIC):
                totals.append((f, common))
            elif common >= 2:
                totals.append((f, 0))  # only a generic word in common: a weak reading
        if not totals:
            continue
        best = max(c for _, c in totals)
        alts = [{"share": s, "part": part, "total": f} for f, c in totals if c == best]
        yield Binding(_row("share"), "share", alts, best > 0 and len(alts) == 1)


BINDERS: dict[str, Callable[[list[Frame], Document], Iterator[Binding]]] = {
    "move": bind_move, "gap": bind_gap, "ratio": bind_ratio, "sub_period": bind_sub_period,
    "share": bind_share, "bound": bind_bound, "compose": bind_compose, "range": bind_range,
}


def bind_all(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    for name in dict.fromkeys(r.binder for r in relation_rows()):
        yield from BINDERS[name](frames, doc)
