"""Moves: growth, change, the implied base of a close, the rate of a change on its base and
pp changes, bound within a sentence and the bases stated after it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import takewhile

from .bases import _base_for, _far_period, _later_bases, _other_basis, respective_labels
from .common import (
    CLAUSE_MARK,
    FORECAST,
    FORECAST_GAP,
    LIST_WORDS,
    NEXT_SUBJECT,
    PERIOD_HEAD,
    REACH,
    Binding,
    _by_sentence,
    _level_for,
    _row,
    _same_metric,
    _subject,
    of_members,
    unit_ok,
)
from .document import Document
from .frames import Frame, basis_cues, strip_filler
from .implied import NOUN_CUES, _implied_by_name, _prior_year, _refers_back
from .named import PERIOD_WORD, _named_bases, _named_level, _subject_level

OR_RATE = re.compile(r"\s?或\s?")
# 出口7831億美元、上修1187億美元，年增22.22%: a forecast revised by an amount (against the
# earlier forecast), not moved by it from a year before
REVISIONS = frozenset({"上修", "下修"})


def _moves_it(change: Frame, rate: Frame, group: list[Frame], doc: Document) -> bool:
    """Whether the change may be the rate's move: not one written with its own rate (再漲
    76.38點或1.29% after 半日漲1.94%的國企指數), not a forecast's revision (上修1187億美元)
    against a rate of change (年增22.22%)."""
    if change.cue in REVISIONS and rate.cue not in REVISIONS:
        return False
    return not any(g is not rate and g.quantity == "percent" and g.role == "move"
                   and g.start > change.start
                   and OR_RATE.fullmatch(doc.folded, change.mention.end, g.start)
                   for g in group)


OWN_COMPARISON = re.compile(r"(?:较|(?<![同环])比|相较|相比)")
# 較原先預測數1602億美元高出91.6億美元，增幅36.5%: a forecast is the base of the amount it was
# beaten by, not of a rate named by a noun or a basis (the 增幅 is the year's growth)


# 利润减少1.545万亿日元，降幅较上财年的6000多亿日元增加一倍以上: a base named after a move noun is
# the earlier move's size (last year's fall), not the level the change was made from
SIZE_BASE = re.compile(r"(?:涨幅|跌幅|升幅|增幅|降幅|减幅|减少额|增加额)(?:较|比|相较于?)")


def _size_base(base: Frame) -> bool:
    return SIZE_BASE.search(base.metric or "") is not None


def _forecast_base(rate: Frame, base: Frame) -> bool:
    return bool(FORECAST.search(base.metric or "")) and (rate.cue in NOUN_CUES or bool(rate.basis))




def _forecast_between(rate: Frame, change: Frame, doc: Document) -> bool:
    lo, hi = sorted((rate.mention.end, change.start))
    return FORECAST_GAP.search(doc.folded, lo, hi) is not None


def _bare(anchor: Frame, doc: Document) -> bool:
    """A clause that is only a basis and a move (；同比下降31.2%) continues the previous
    sentence's subject; one that names a new subject (其中，转口货值上升…) does not."""
    text = strip_filler(doc.folded[anchor.clause[0]:anchor.start])
    if anchor.cue and text.endswith(anchor.cue):
        text = text[:-len(anchor.cue)]
    for cue, _ in basis_cues():
        text = text.replace(cue, "")
    return len(text.strip()) <= 1


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
        later = list(takewhile(lambda g, p=para: g[0].paragraph == p,
                               (sentences[keys[j]] for j in range(i + 1, len(keys)))))
        ctx = Context(doc, frames, labels, later,
                      [f for f in sentences[keys[i - 1]] if f.paragraph == para] if i else [])
        for a in group:
            if a.role == "move":
                found = list(_moves(a, group, ctx))
                yield from found or _cluster(a, group, doc)


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


# 本週大跌近7%, 年初至今升12%: a rate over its own span, not the day's move beside it
OWN_SPAN = re.compile(r"本周|单周|全周|周线|本月|月线|今年以来|年初至今|年初以来|年内|累计")


def _own_span(a: Frame, doc: Document) -> bool:
    return OWN_SPAN.search(doc.folded, a.clause[0], a.start) is not None


def _moves(a: Frame, group: list[Frame], ctx: Context) -> Iterator[Binding]:
    doc, frames, before = ctx.doc, ctx.frames, ctx.before
    if a.quantity == "percent" and _own_span(a, doc) and not any(
            _own_span(f, doc) for f in group if f is not a and f.clause == a.clause):
        return
    if a.quantity == "percent":
        level = _level_for(a, group, None, "amount", doc)
        marked = _base_for(level or a, group, a, any_unit=True, quantity="amount")
        near = marked or next((f for f in reversed(group) if f.role == "base" and f.start < a.start
                               and f.quantity == "amount" and len(CLAUSE_MARK.findall(
                                   doc.folded, f.mention.end, a.start)) <= REACH), None)
        if near is not None and (level is None or level.start < near.start):
            changes = [f for f in group if f.role == "move" and f.quantity == "amount"
                       and not of_members(a, f)
                       and unit_ok(f.unit, near.unit) and near.start < f.start < a.start]
            if changes and not _forecast_base(a, near) and not _size_base(near):
                # 较…的B，减少了C，降幅为R
                yield Binding(_row("change_rate"), "rate",
                              [{"rate": a, "change": changes[-1], "base": near}], True)
        if marked is not None:  # the base's currency picks the level (not 约合 figures)
            level = _level_for(a, group, marked.unit, "amount", doc)
        if level is None and marked is not None:
            level = _named_level(a, marked, frames, doc)
        if level is None and marked is not None:  # 毛收入346.2億，較首季跌6.97%，連跌兩季，
            level = _subject_level(marked, group)  # 較去年第二季410.4億按年跌15.6%
        if level is None and a is group[0] and before and _bare(a, doc):
            level = next((f for f in before if f.role in ("level", "to") and f.unit
                          and f.quantity == "amount"), None)  # ；同比下降31.2%: same subject
        if level is None:
            if marked is None:
                yield from _implied_by_name(a, group, frames, doc)
            return
        base = _base_for(level, group, a)
        if base is not None and _other_basis(a, level, base):
            base = None  # 較第2季75.21億元成長45%、年增12%: the 12% is not against Q2
        if base is not None and base.clause != a.clause and OWN_COMPARISON.search(
                doc.folded, a.clause[0], a.start):
            return  # 较7月份的B上升125%，但较去年8月份下降44.42%: this move has its own base
        if base is not None and _forecast_base(a, base):
            return
        if base is not None and base.start != level.start:
            yield Binding(_row("growth"), "rate", [{"rate": a, "level": level, "base": base}],
                          not _far_period(level, base))
            return
        later = ctx.bases_after(level, a, group) or [
            b for b in _named_bases(a, frames, doc) if b.unit == level.unit
            and b.start != level.start]
        if later:
            yield Binding(_row("growth"), "rate",
                          [{"rate": a, "level": level, "base": b} for b in later],
                          len(later) == 1 and not _far_period(level, later[0]))
            return
        prior = _prior_year(a, level, frames)
        if prior is not None:  # a weaker reading: the year before, stated elsewhere
            yield Binding(_row("growth"), "rate", [{"rate": a, "level": level, "base": prior}],
                          False)
            return
        changes = [f for f in group if f.role == "move" and f.quantity == "amount"
                   and not of_members(a, f) and _moves_it(f, a, group, doc)
                   and unit_ok(f.unit, level.unit) and f.start != level.start
                   and (f.clause == a.clause or (a.cue in NOUN_CUES and _refers_back(
                       f, level, a, doc)))]
        if changes:
            change = min(changes, key=lambda f: abs(f.start - a.start))
            if _forecast_between(a, change, doc):
                return
            if _own_base(a, change, doc):
                return
            yield Binding(_row("implied_base"), "rate",
                          [{"rate": a, "change": change, "level": level}], True)
    elif a.quantity in ("amount", "pp"):
        quantity = "amount" if a.quantity == "amount" else "percent"
        level = _level_for(a, group, a.unit if quantity == "amount" else None, quantity, doc,
                           rates=quantity == "percent")
        if level is None:
            return
        base = _base_for(level, group, a)
        if base is not None and base.clause != a.clause and OWN_COMPARISON.search(
                doc.folded, a.clause[0], a.start):
            return  # 由上月4.40%降為4.32%，較上年同月則增0.04個百分點: its own base
        if a.quantity == "pp" and base is not None and level.start < base.start:
            level = _reached(a, group, doc) or level
        bases = [base] if base is not None and base.start != level.start else \
            ctx.bases_after(level, a, group)  # 毛利率下跌2.8个百分点至56.9%(二零一九年:59.7%)
        if not bases:
            return
        name = "change" if quantity == "amount" else "pp_change"
        yield Binding(_row(name), "change",
                      [{"change": a, "level": level, "base": b} for b in bases],
                      len(bases) == 1)


REACHED = re.compile(r"(?:达到?|为|升至|降至|增至|减至)\s?$")


def _reached(a: Frame, group: list[Frame], doc: Document) -> Frame | None:
    """比8月预测值2.11%提高0.31个百分点，全年经济成长率达2.42%: the rate the next clause says
    the change reached, over a rate stated before the base."""
    return next((f for f in group if f.start > a.start and f.quantity == "percent"
                 and f.role in ("level", "move", "to")
                 and len(CLAUSE_MARK.findall(doc.folded, a.mention.end, f.start)) <= 1
                 and REACHED.search(doc.folded, max(f.clause[0], f.start - 3), f.start)), None)


FROM_TO = re.compile(r"(?:从|由)[^，,。；;]{0,10}$")  # 从4647万6000令吉减至…: the move's own from


# a change a later clause puts down to a cause (令到, 带动, 受…影响) is that cause's share of the
# move, not the move
CAUSED = re.compile(r"令到?|使得?|带动|推动|拉动|导致|带来|拖累|受[^，,。；]{0,12}影响"
                    r"|因为|由于|主要?因|原因是|归功于|受惠于|得益于|来自|源自|源于")
# 年增58%，因为公司增加2架飞机; 年增率58.9%，成長動能主要來自電子產品增加42.5億美元: one
# product's share of the growth
# 年增56.1%，以資訊通信產品增加25.8億美元表現最為突出: the item the growth is largest in
SINGLED = re.compile(r"最为|最多|最大|居冠|居首|为首")


def _own_level_before(a: Frame, amounts: list[Frame], marked: set[str | None],
                      doc: Document) -> bool:
    """The amount right before the rate, in its clause or the one just before, is a level of
    another unit than the from-to pair's: the rate is that level's (its base unstated)."""
    before = [f for f in amounts if f.start < a.start]
    last = before[-1] if before else None
    return last is not None and last.role == "level" and last.unit not in marked and (
        last.clause == a.clause or not CLAUSE_MARK.search(doc.folded, last.clause[1] + 1,
                                                          a.clause[0]))


def _cluster(a: Frame, group: list[Frame], doc: Document) -> Iterator[Binding]:
    """A rate whose sentence holds exactly one level, base or change of one unit, in any
    order (跌百分之五，報13.34元，跌0.74元; 下挫12.6%，从…7546宗，降至6597宗): the roles
    say what relates, the order does not."""
    if a.quantity == "percent" and _own_span(a, doc):
        return  # 本週大跌近7%: the week's move, not the day's
    if a.quantity in ("amount", "pp"):
        yield from _cluster_change(a, group, doc)
        return
    if a.quantity != "percent" or sum(1 for f in group if f.role == "move"
                                      and f.quantity == "percent") != 1:
        return
    amounts = [f for f in group if f.quantity == "amount" and f.role in ("level", "to", "base",
                                                                          "move")
               and not of_members(a, f)
               and (f.unit or f.role in ("base", "to"))]  # 从7546宗降至6597宗: marked, unitless
    marked = {f.unit for f in amounts if f.role in ("base", "to")}
    if len(marked) == 1:  # 从4647万6000令吉减至3712万9000令吉 … 每股净利11.93仙: the marked unit
        if _own_level_before(a, amounts, marked, doc):
            return  # 增加26个至102个，总值5.8亿，上升51.8%: the value's rate, not the count's
        amounts = [f for f in amounts if f.unit in marked]
    if len({f.unit for f in amounts}) != 1:
        return
    levels = [f for f in amounts if f.role in ("level", "to")]
    bases = [f for f in amounts if f.role == "base"]
    changes = [f for f in amounts if f.role == "move" and _moves_it(f, a, group, doc)]
    tos = [f for f in levels if f.role == "to"]
    if len(levels) > 1 and len(tos) == 1 and len(bases) == 1:
        levels = tos  # 从B，减至L，每股净利11.93仙: the from-to pair names the rate's levels
    if len(levels) > 1 or len(bases) > 1 or len(changes) > 1:
        return
    if any(f.clause != a.clause and f.start > a.start and (CAUSED.search(
            doc.folded, f.clause[0], f.start) or SINGLED.search(doc.folded, f.mention.end,
                                                                 f.clause[1]))
           for f in changes):
        return  # 按年增長33%，淨贏率偏高，令到EBITDA增加7.31億元: one cause's share of the move
    own = _subject(a, doc)  # 周一ADR早盘涨逾3%: a subject of its own, its own figures
    for f in levels + bases + changes:
        lo, hi = sorted((f, a), key=lambda x: x.start)
        if NEXT_SUBJECT.search(doc.folded, lo.mention.end, hi.start):
            return  # 直接税收增8.15%，以及…派息提高至190亿令吉: two subjects' figures
        if len(CLAUSE_MARK.findall(doc.folded, lo.mention.end, hi.start)) > REACH or (
                own and f.start < a.start and f.clause != a.clause):
            return
    if levels and bases:
        level, base = levels[0], bases[0]
        if (level.role == "level" and not _same_metric(PERIOD_HEAD.sub(
                "", level.metric or ""), PERIOD_HEAD.sub("", base.metric or ""))) or (
                a.basis and not FROM_TO.search(doc.folded, max(base.clause[0],
                                                                 base.start - 12), base.start)
                and not PERIOD_WORD.search(
                doc.folded, max(base.clause[0], base.start - 12), base.start)):
            return  # 较市场预测的1,888亿元为高: a forecast, not the base of 按年增15%
        if (a.year or "").isdigit() and (base.year or "").isdigit() and \
                int(a.year or 0) - int(base.year or 0) > 1:
            return  # 从2022年的14137点算起: a move over years, not this year's rate
        yield Binding(_row("growth"), "rate", [{"rate": a, "level": level, "base": base}],
                      not _far_period(level, base))
    elif levels and changes and not _forecast_between(a, changes[0], doc) \
            and not _own_base(a, changes[0], doc):
        yield Binding(_row("implied_base"), "rate",
                      [{"rate": a, "change": changes[0], "level": levels[0]}], True)
    elif bases and changes and not _size_base(bases[0]):
        yield Binding(_row("change_rate"), "rate",
                      [{"rate": a, "change": changes[0], "base": bases[0]}], True)


def _own_base(rate: Frame, change: Frame, doc: Document) -> bool:
    """上涨0.55美元，报64.61美元/桶，比一周前上涨0.75%: the rate names a base of its own (a week
    ago) that the change, in another clause, does not: the day's move is not its change."""
    if change.clause == rate.clause or OWN_COMPARISON.search(doc.folded, change.clause[0],
                                                            change.start):
        return False
    own = OWN_COMPARISON.search(doc.folded, rate.clause[0], rate.start)
    return own is not None and not DAY_BEFORE.match(doc.folded, own.end())


# 较上日跌1%: the previous session, the base a day's move has anyway
DAY_BEFORE = re.compile(r"于?\s?(?:上日|前日|昨日|昨天|上一?个?交易日|前一?个?交易日|前一日|前收)")


def _cluster_change(a: Frame, group: list[Frame], doc: Document) -> Iterator[Binding]:
    """从2024年底的3,763亿元…增长至4,602亿元，增加839亿元: a change amount whose sentence
    holds one 从 base and one 至 level of its unit, whatever their order (in pp: 從百分之二點三一
    下修零點五七個百分點，到百分之一點七四)."""
    if a.quantity == "pp":
        same = [f for f in group if f.quantity == "percent"]
    else:
        same = [f for f in group if f.quantity == "amount" and f is not a
                and unit_ok(f.unit, a.unit)]
    bases = [f for f in same if f.role == "base"]
    tos = [f for f in same if f.role == "to"]
    if OWN_COMPARISON.search(doc.folded, a.clause[0], a.start):
        return  # 仍比前一个交易日涨37仙: a change on its own (unstated) base
    if len(bases) != 1 or len(tos) != 1 or any(f.role == "move" for f in same) \
            or not FROM_TO.search(doc.folded, max(bases[0].clause[0], bases[0].start - 12),
                                  bases[0].start):
        return
    yield Binding(_row("pp_change" if a.quantity == "pp" else "change"), "change",
                  [{"change": a, "level": tos[0], "base": bases[0]}], True)
