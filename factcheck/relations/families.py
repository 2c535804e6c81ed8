"""The other families: pp gaps, margins and profit bounds, the day's range and compositions
(sub-periods are in :mod:`flows`, shares of a named total in :mod:`shares`)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import cache, lru_cache

from ..lexicon import LEXICON_DIR
from .common import (
    CLOSE_BEFORE,
    FORECAST_GAP,
    LIST_WORDS,
    Binding,
    _by_sentence,
    _ends,
    _row,
    _same_period,
    listed,
    one_value,
    ratio_metrics,
    summed,
    unit_ok,
)
from .document import Document, within
from .flows import names as metric_names
from .frames import Frame, alternation
from .gaps import MIN_NAME, compared_name
from .solve import compile_formula, holds
from .thresholds import index_before


# --------------------------------------------------------------------------- gap
def bind_gap(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """高/快 N 个百分点: the gap between two rates of the sentence (or the one before)."""
    sentences = _by_sentence(frames)
    keys = sorted(sentences)
    for i, key in enumerate(keys):
        group = sentences[key]
        for g in group:
            if g.role != "gap" or (g.direction and LIST_WORDS.search(doc.folded, key[0],
                                                                      g.start)):
                continue  # 分别 pairs by order; a sideless 差距 of two rates does not care
            if FORECAST_GAP.search(doc.folded, g.clause[0], g.start):
                continue  # 增幅較預測數高出12.56個百分點: the gap to an unstated forecast
            name = re.sub(r"(?:增长|增速|增幅)$", "", compared_name(doc, g.clause[0], g.start))
            if len(name) >= MIN_NAME and name not in doc.folded[key[0]:g.clause[0]]:
                continue  # 增速高于规模以上工业平均水平2.7个百分点: against a named rate
                # (relations/gaps.py), not two rates of the sentence
            rates = [f for f in group if f.quantity == "percent" and f.start < g.start
                     and f.role in ("move", "level", "ratio") and f.scale == 1]
            own = any(f.quantity == "percent" and f.start < g.start for f in group)
            if len(rates) < 2 and i and not own:  # 比重高出11个百分点 after 占比上升至34.2%
                rates = [f for f in sentences[keys[i - 1]] if f.quantity == "percent"
                         and f.role in ("move", "level", "ratio") and f.scale == 1] + rates
            if len(rates) < 2:
                continue
            kinds = {("move" if f.role == "move" else "level") for f in rates}
            if len(kinds) > 1:
                continue  # 增长9.0% … 近六成: a rate and a share are no pair to compare
            alts = [{"gap": g, "a": x, "b": y} for x in rates for y in rates if x is not y]
            yield Binding(_row("pp_gap"), "gap", alts, len(rates) == 2)


ATTRIBUTABLE = re.compile(r"归母|归属于?母公司|归属于上市公司|股东应占|拥有人应占")
LOSS_MARGIN = compile_formula("ratio = -numerator / denominator * 100")
ANNUALISED = re.compile(r"年化|年均|平均")


def bind_ratio(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """毛利率 / 纯益率 / 净利率 …: the ratio of two amounts of its paragraph."""
    for r in frames:  # 毛利率下跌2.8个百分点至56.9%: a 至-level of the ratio too
        if r.role not in ("ratio", "to") or r.quantity != "percent" or not r.metric:
            continue
        name = _listed_name(r, frames, doc)
        if name is None:
            continue
        spec = next((s for s in ratio_metrics() if name.endswith(s[0])), None)
        if spec is None or ANNUALISED.search(r.metric):
            continue  # 年化配息率7.4%: the payout four times over, not the ratio itself
        para = [f for f in frames if f.paragraph == r.paragraph and f.quantity == "amount"
                and f.role in ("level", "to") and _same_period(f, r)]
        gains = tuple(x for x in spec[1] if not x.startswith("-"))
        losses = tuple(x[1:] for x in spec[1] if x.startswith("-"))  # 營業損失 counts negative
        nums = [f for f in para if _ends(f.metric, gains)]
        lost = [f for f in para if _ends(f.metric, losses)] if losses else []
        dens = [f for f in para if _ends(f.metric, spec[2])]
        near = True
        if (nums or lost) and not dens:  # 營收1,685.69億元 two paragraphs up: one figure of the
            dens = _stated_once([f for f in frames if f.quantity == "amount"  # period only
                                 and f.role in ("level", "to") and _same_period(f, r)
                                 and _ends(f.metric, spec[2])])
            near = False
        # 營益率-4.10% with 營業損失30.16億元: the loss is a negative profit; a margin written
        # without its minus (營益率4.10%) is read as the loss's magnitude
        signed = LOSS_MARGIN if lost and not nums and r.interval().hi is not None \
            and r.interval().hi < 0 else None
        alts = [{"ratio": r, "numerator": n, "denominator": d} for n in (nums or lost)
                for d in dens if n.unit == d.unit
                and (_per_share(n) == _per_share(d) or not any("每股" in x for x in spec[2]))
                and not (_per_share(n) and d.mention.multiplier >= TOTAL_SCALE)]
        # 净利率19.13% beside 归母净利润185.49亿元: a margin is often of the whole net profit,
        # minorities' share included, so the attributable one binds it weakly
        own = not all(ATTRIBUTABLE.search(a["numerator"].metric or "") for a in alts)
        if alts:
            yield Binding(_row("margin"), "ratio", alts, len(alts) == 1 and near and own,
                          signed)


LABEL_LIST = re.compile(r"((?:[\u4e00-\u9fff]{1,8}[、和及与]){1,6}[\u4e00-\u9fff]{1,8})"
                        r"分别(?:为|是|达)?\s?$")


def _listed_name(r: Frame, frames: list[Frame], doc: Document) -> str | None:
    """毛利率、營業利益率及淨利率分別為6.4%、2.94%及2.21%: a list of names takes its
    figures by order (6.4% is the 毛利率, never the last name's); a list whose names and
    figures do not count off one to one names none of them (None)."""
    listed = [f for f in frames if f.clause == r.clause and f.quantity == "percent"]
    m = LABEL_LIST.search(doc.folded, r.clause[0], listed[0].start)
    if m is None:
        return r.metric
    names = [n for n in re.split(r"[、和及与]", m.group(1)) if n]
    return names[listed.index(r)] if len(listed) == len(names) else None


def _stated_once(frames: list[Frame]) -> list[Frame]:
    """The first of the frames when they all state one figure (a lead and its body)."""
    return frames[:1] if one_value(frames) else []


TOTAL_SCALE = 10_000  # 735.15億元 is a total: a per-share figure (每股淨損0.16元) is no part of it


def _per_share(f: Frame) -> bool:
    """每股派息 over 每股盈利, 派息总额 over 纯利: where a ratio is declared both per share and
    in totals, a per-share figure pairs only with another (a price is per share unwritten)."""
    return "每股" in (f.metric or "")


def bind_bound(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """A profit is at most its revenue (a margin is at most 100%): 营业额9,104万元，纯利5.9亿元
    says one of the two has lost its 万/亿. Same sentence, same period, weak."""
    for group in _by_sentence(frames).values():
        amounts = [f for f in group if f.quantity == "amount" and f.role in ("level", "to")
                   and f.metric]
        if len(amounts) < 2:
            continue
        for spec in ratio_metrics(bounded=True):
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
FX_QUOTE = re.compile(r"兑\s?1?\s?美元|兑美金|汇价")  # a currency quoted against the US dollar
def bind_range(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """盘中最高触及3688.25点 … 收报3687.81点: the close lies within the day's high and low.
    The close is the nearest 收报/报 level of the sentence (else the paragraph), same unit."""
    for x in frames:
        if x.role not in ("high", "low"):
            continue
        if FX_QUOTE.search(doc.folded, x.paragraph[0], x.start):
            continue  # 新台幣兌美元…一度下探31.577元: the dollar's low is the number's high
        closes = [f for f in frames if f.paragraph == x.paragraph and f.role in ("level", "to")
                  and f.quantity == "amount" and unit_ok(f.unit, x.unit)
                  and CLOSE_BEFORE.search(doc.folded, max(0, f.start - 4), f.start)]
        index = index_before(doc, x.paragraph[0], x.start)
        same = [f for f in closes if f.sentence == x.sentence] or \
            [f for f in closes if index_before(doc, x.paragraph[0], f.start) in (None, index)]
        if not same:
            continue  # 恆指…最低見22,861點。國指…報8419點: another index's close
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


PARTS_REACH = 2  # paragraphs after the total's that may hold its named parts
PER_HEAD = re.compile(r"人均|平均|每")
# 按可比价格计算…增长5.2%: a real growth rate, which nominal levels do not compose
REAL_TERMS = re.compile(r"可比价|不变价|实际增长|扣除价格因素")
# 再出口, 转口, 本地产品出口, 对美出口: a part of a part, never the part itself
SUBSET_HEADS = re.compile(r"(?:再|转口|本地产品|对[\u4e00-\u9fff]{1,4})(?:出口|进口)")


@lru_cache(maxsize=1)
def _composition_words() -> re.Pattern[str]:
    return re.compile(alternation(w.partition("*")[2] or w for totals, parts in compositions()
                                  for w in (*totals, *(x for forms in parts for x in forms))))


def bind_compose(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """进出口总值 = 出口 + 进口, GDP = 三次产业, 三大法人合计 = 外资 + 投信 + 自营商
    (lexicon/compositions.csv): the parts are the next figures of the paragraph named by
    the part words, in the same unit and period; a total that is complete by definition."""
    names = metric_names(frames, doc, _composition_words())
    amounts = [f for f in frames if f.idx in names]
    paragraphs = sorted({f.paragraph for f in frames})
    position = {p: k for k, p in enumerate(paragraphs)}  # not list.index: linear in the text
    # 中央一般公共预算收入: a part may be named like its total, but 国有企业进出口 names a
    # total (进出口), not the part 出口 its name also ends with
    named_totals: dict[tuple[str, ...], list[Frame]] = {totals: [] for totals, _ in
                                                       compositions()}
    for f in amounts:  # only the compositions a form of which ends as the name does
        for totals, _parts, every_part in _by_last(names[f.idx][-1:]):
            if _longest(names[f.idx], totals) > _longest(names[f.idx], every_part):
                named_totals[totals].append(f)
    for t in amounts:
        if PER_HEAD.search(names[t.idx]):
            continue  # 人均国内生产总值: a per-head figure is no total
        if listed(t, doc) and sum(
                1 for f in amounts if f.clause == t.clause) > 1:
            continue  # 对墨西哥、…、南非分别进出口超340亿元、…、130亿元: one partner's figure
        for totals, parts, _ in _by_last(names[t.idx][-1:]):
            if not _ends(names[t.idx], totals):
                continue
            # the breakdown may follow in the next paragraphs (合計賣超774.11億元。⏎外資…)
            k = position[t.paragraph]
            near = set(paragraphs[k:k + 1 + PARTS_REACH])
            own = [f for f in named_totals[totals] if f is not t and f.unit == t.unit]
            found = _parts_of(t, amounts, parts, own, near, True, names) or _parts_of(
                t, amounts, parts, own, {t.paragraph}, False, names)  # …；三大法人合計
            if not found:
                continue
            signs = [_sign(names[t.idx], names[f.idx]) for f in found]
            if all(s > 0 for s in signs):
                formula, named = summed(found, "total = {sum}")
            else:  # 三大法人買超 = 外資買超 - 投信賣超 + 自營商買超
                terms = " ".join(f"{'+' if s > 0 else '-'} p{i}" for i, s in enumerate(signs))
                formula = compile_formula(f"total = {terms.removeprefix('+ ')}")
                named = {f"p{i}": f for i, f in enumerate(found)}
            roles = {"total": t, **named}
            # parts from the next paragraphs are a weaker reading: a break no slip explains
            # may be a breakdown of another period or scope
            own = all(f.paragraph == t.paragraph for f in found)
            yield Binding(_row("composition"), "total", [roles], own, formula)
            composes = holds(formula, {k: f.interval() for k, f in roles.items()})
            if composes and not REAL_TERMS.search(doc.folded, t.sentence[0], t.sentence[1]):
                yield from composed_growth(t, found, frames)  # only parts that do compose


@cache
def _by_last(last: str) -> tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...],
                                 tuple[str, ...]], ...]:
    """The compositions (totals, parts, every part's form) with a total form ending in
    ``last``, in table order: a name can end with a form only if they end alike, so each
    figure asks the few such rows, not the whole table (linear in a long text)."""
    return tuple((totals, parts, tuple(x for fs in parts for x in fs))
                 for totals, parts in compositions()
                 if any(form[-1:] == last for form in totals if not form.startswith("!")))


OPPOSITE = {"买超": "卖超", "卖超": "买超"}  # a part stated the other way is subtracted


def _sign(total: str, part: str) -> int:
    end = next((w for w in OPPOSITE if total.endswith(w)), None)
    return -1 if end and part.endswith(OPPOSITE[end]) else 1


def _parts_of(t: Frame, amounts: list[Frame], parts: tuple[tuple[str, ...], ...],
              own: list[Frame], near: set[tuple[int, int]], after: bool,
              names: dict[int, str]) -> list[Frame]:
    """The figures named by each part's words, after the total (in ``near`` paragraphs) or
    before it in its paragraph (外資…，投信…，自營商…；三大法人合計…), nearest first. ``own``:
    the other figures named as totals of this composition, which are no parts."""
    others = {id(g) for g in own}
    lo, hi = min(p[0] for p in near), max(p[1] for p in near) + 1
    pool = [f for f in within(amounts, lo, hi)
            if (f.start > t.start if after else f.start < t.start)
            and f.paragraph in near and f.unit == t.unit and _same_period(f, t)
            and id(f) not in others]
    if after:  # a breakdown belongs to the nearest total before it (一般贸易进出口3.94万亿元。
        # 其中，出口1.95万亿元: not the parts of an earlier 外商投资企业进出口)
        between = [g for g in own if g.start > t.start and g.paragraph in near]
        pool = [f for f in pool if not any(g.start < f.start and _same_period(g, f)
                                           for g in between)]
    if not after:  # only the figures right before the total: 外資…，投信…，自營商…；合計…
        pool = [f for f in within(amounts, lo, t.start) if f.paragraph in near
                and f.unit == t.unit and _same_period(f, t)][-len(parts):][::-1]
        if any(id(f) in others or any(g.start < f.start for g in own
                                        if g.paragraph == t.paragraph) for f in pool):
            return []  # they are the breakdown of the total stated before them
    found: list[Frame] = []
    for forms in parts:
        subset = any(SUBSET_HEADS.search(form) for form in forms)  # 再出口 as a part of 出口
        hit = next((f for f in pool if _ends(names[f.idx], forms) and f not in found
                    and (subset or not SUBSET_HEADS.search(names[f.idx]))), None)
        if hit is None:
            return []
        found.append(hit)
    return found


@lru_cache(maxsize=4096)
def _longest(name: str, forms: tuple[str, ...]) -> int:
    """How specifically ``forms`` name the metric: the length of the longest form it ends
    with, 0 for none; a form naming a word anywhere in it (中央*收入) names it wholly."""
    return max((len(name) if "*" in form else len(form) for form in forms
                if _ends(name, (form,))), default=0)


def _rate_of(level: Frame, frames: list[Frame]) -> Frame | None:
    """The growth rate stated right after a level in its clause (出口3.54万亿元，增长7.4%)."""
    return next((f for f in within(frames, level.start + 1, level.sentence[1])
                 if f.quantity == "percent"
                 and f.role == "move" and f.scale == 1 and f.clause[0] <= level.clause[1] + 1
                 and f.sentence == level.sentence), None)


def composed_growth(total: Frame, parts: list[Frame], frames: list[Frame]
                     ) -> Iterator[Binding]:
    """进出口增长9.4%，其中出口增长7.4%，进口增长11.7%: the total's rate is its parts' rates
    weighted by their bases, total / (Σ p / (1 + r/100)) - 1 (for a total its parts add up
    to; the total, not Σ p, over the bases: each figure once, so the intervals stay tight)."""
    rates = [_rate_of(x, frames) for x in (total, *parts)]
    if any(r is None for r in rates) or len({r.start for r in rates if r}) != len(rates):
        return
    bases = " + ".join(f"p{i} / (1 + r{i} / 100)" for i in range(len(parts)))
    formula = compile_formula(f"rate = (total / ({bases}) - 1) * 100")
    roles = {"rate": rates[0], "total": total, **{f"p{i}": p for i, p in enumerate(parts)},
             **{f"r{i}": r for i, r in enumerate(rates[1:])}}
    yield Binding(_row("composed_growth"), "rate", [roles], True, formula)  # type: ignore[list-item]
