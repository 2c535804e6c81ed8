"""A total word declares a sum: 沪深两市合计成交6359.61亿元 after 沪市2695.14亿元、深市3664.47
亿元; 三大法人合计卖超774.11亿元 before 外资440.63亿元、投信175.96亿元、自营商157.52亿元.

The word (``lexicon/total_words.csv``) sits right before the total; its parts are the run of
figures of the same unit and kind right before or right after it in its paragraph, with no
other such figure between. How many of them make the total the text does not say, so the
run is tried from two to six figures on each side: a reading that holds confirms the sum; when
none holds and exactly one reading is a single typical slip from holding, and its parts are
the total's list (its sentence, or the full sentence next to it), that reading is bound (weak:
a warning naming the slip). Any other case stays silent.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from ..checks.common import in_brackets
from ..lexicon import LEXICON_DIR
from ..positions import after, before
from .common import Binding, _row, summed
from .document import Document, within
from .frames import Frame, alternation
from .solve import compile_formula, holds, repairs
from .subset import NET_FLOW, SIGN, SUBSET, _balance_word, signed_terms

MAX_PARTS = 6
LOW, HIGH = Decimal("1e-6"), Decimal("1e5")  # a part's size against its total's
LEVELS = ("level", "to")


@lru_cache(maxsize=1)
def _word() -> re.Pattern[str]:
    with (LEXICON_DIR / "total_words.csv").open(encoding="utf-8") as fh:
        words = [r["word"] for r in csv.DictReader(fh)]
    # the word, then at most a short metric (成交, 卖超) before the figure; a lone 共 only
    # right before it (移转栋数共1万5919栋; not 公共支出, 中共)
    return re.compile(rf"(?:(?:{alternation(words)})[\u4e00-\u9fff]{{0,4}}|(?<![公中])共)\s?$")


# 合计占比达60%: the share is the sum (not 佔前十大合計的71%, a share of a combined whole)
SHARE_TOTAL = re.compile(r"(?:合计|合共|共计|总计|加起来|合起来)(?:的)?(?:占比|占|比重|份额)"
                         r"[达为约近逾超]{0,2}\s?$")


def _summable(f: Frame) -> bool:
    """A bounded level with a unit (总市值逾2.1万亿元: an open interval sums to anything), or
    a share (占比29%、31%，合计占比60%)."""
    return (f.quantity == "amount" and f.role in LEVELS or f.role == "share") \
        and f.unit is not None and f.mention.lo is not None and f.mention.hi is not None


def _alike(f: Frame, total: Frame) -> bool:
    """Figures a total of ``total``'s kind sums: amounts of its unit, or shares."""
    return f.unit == total.unit and (f.role == "share") == (total.role == "share") and \
        (f.quantity == "amount" or f.role == "share")


def _run(total: Frame, nearest_first: list[Frame]) -> list[Frame]:
    """The summable figures of the total's unit next to it, nearest first, until another
    amount of that unit breaks the run."""
    out = []
    for f in nearest_first:
        if not _alike(f, total):
            continue
        if not _summable(f):
            break
        if total.span_months is None or f.months is None or f.months == total.span_months:
            out.append(f)
        if len(out) == MAX_PARTS:
            break
    return out


def bind_totals(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    row = _row("named_total")
    for t in frames:
        word = SHARE_TOTAL if t.role == "share" else _word()
        if not _summable(t) or not word.search(doc.folded, max(t.clause[0], t.start - 10),
                                               t.start):
            continue
        para = [f for f in within(frames, *t.paragraph) if f.paragraph == t.paragraph
                and f is not t]
        counted = _counted(t, para, doc) or _counted_next_door(t, para, frames, doc)
        if counted is not None:
            yield counted
            continue
        if NET_FLOW.search(t.metric or ""):  # 合計淨流出40.69億元。淨賣出最多的是…分別淨沽
            para = [f for f in para if f.sentence == t.sentence]  # 32.7億元及9.9億元: a net's
            # parts elsewhere are its largest items, whose nets may pass it; only a sentence's own
        before = _run(t, [f for f in para if f.start < t.start][::-1])
        after = _run(t, [f for f in para if f.start > t.start])
        runs = [before, after]
        mark = SUBSET.search(doc.folded, t.mention.end, t.paragraph[1])
        if mark is not None and after and after[0].start < mark.start():
            # 共计1309.8万人次，日均187.1万人次…。其中内地居民758.9万人次…: the parts are the
            # figures 其中 lists, not the average or the peak between it and the total
            runs.append(_run(t, [f for f in para if f.start > mark.end()]))
        readings = [run[:k] for run in runs for k in range(2, len(run) + 1)]
        holding, slipped = None, []
        for parts in readings:
            formula, named = _signed(t, sorted(parts, key=lambda f: f.start), doc)
            roles = {"total": t, **named}
            env = {r: f.interval() for r, f in roles.items()}
            if holds(formula, env):
                holding = (formula, roles)
                break
            if _listed(t, parts, doc) and _comparable(t, parts) \
                    and not _unstated_part(t, parts, doc) and repairs(formula, env, roles):
                slipped.append((formula, roles))
        if holding is not None:
            yield Binding(row, "total", [holding[1]], False, holding[0])
        elif len(slipped) == 1:
            yield Binding(row, "total", [slipped[0][1]], False, slipped[0][0])


# 370項查價項目扣除5項非當季水果，共計365項: a figure right after a deduction word subtracts
DEDUCTED = re.compile(r"(?:扣除|剔除|减去|减除|除去|扣掉|减掉|不含)[^，,。；;\d]{0,6}$")


def _signed(t: Frame, parts: list[Frame], doc: Document) -> tuple:
    """total = Σ parts; for a balance whose parts each say their side (三大法人合計賣超291.2億
    元：外資賣超299.5億元、投信賣超6.8億元、自營商買超15.1億元), the other side subtracts, and
    so does a part the text deducts (扣除5項)."""
    own = SIGN.get(_balance_word(t.metric))
    signs = [SIGN.get(_balance_word(p.metric)) for p in parts]
    deducted = [DEDUCTED.search(doc.folded, max(p.clause[0], p.start - 12), p.start) is not None
                for p in parts]
    if any(deducted) and not all(deducted):
        signs = [-1 if d else 1 for d in deducted]
        return (compile_formula(f"total = {signed_terms(signs, 1)}"),
                {f"p{i}": p for i, p in enumerate(parts)})
    if own is None or None in signs:
        return summed(parts, "total = {sum}")
    return (compile_formula(f"total = {signed_terms(signs, own)}"),
            {f"p{i}": p for i, p in enumerate(parts)})


COUNTED_ITEMS = re.compile(r"[家个只间座位名支檔档]")  # 六家银行…合计: the items a total sums
MAX_COUNTED = 12


def _count_of(t: Frame, para: list[Frame]) -> Frame | None:
    """The count of items before the total in its sentence: 六家银行…合计, 六都…共 (a
    collective of the lexicon counts its members)."""
    return next((f for f in para if f.sentence == t.sentence and f.start < t.start
                 and f.mention.kind == "count" and f.unit
                 and (COUNTED_ITEMS.fullmatch(f.unit) or f.unit in _collectives())
                 and isinstance(f.mention.value, Decimal) and f.mention.qualifier == "exact"
                 and 2 <= f.mention.value <= MAX_COUNTED
                 and f.unit != t.unit), None)  # 2只…共计发行10只: siblings, not items


@lru_cache(maxsize=1)
def _collectives() -> frozenset[str]:
    from ..lexicon import load_lexicon

    return frozenset(load_lexicon().collectives)


def _counted_next_door(t: Frame, para: list[Frame], frames: list[Frame],
                       doc: Document) -> Binding | None:
    """六都…共1萬5919棟 after a paragraph of 台北市1745棟…台南市1584棟: a counted total with
    no level of its unit after it in its paragraph sums the paragraph next to it when that
    holds exactly that many levels of the unit (of the total's months, where stated). Bound
    only when the sum holds or one slip explains the break: the list is not the total's own."""
    count = _count_of(t, para)
    if count is None or any(f.start > t.start and f.quantity == "amount" and f.unit == t.unit
                            for f in para):
        return None
    n = int(count.mention.value)  # type: ignore[arg-type]
    found = []
    for step in (-1, 1):
        near = _paragraph_next_to(t, frames, step)
        levels = [f for f in near if f.quantity == "amount" and f.unit == t.unit
                  and f.role != "threshold"]
        if len(levels) == n and all(_summable(f) for f in levels) and _comparable(t, levels) \
                and all(f.months is None or t.span_months is None or f.months == t.span_months
                        for f in levels):
            found.append(levels)
    if len(found) != 1:
        return None
    formula, named = summed(found[0], "total = {sum}")
    roles = {"total": t, **named}
    env = {r: f.interval() for r, f in roles.items()}
    if not holds(formula, env) and not repairs(formula, env, roles):
        return None
    return Binding(_row("counted_total_next"), "total", [roles], True, formula)


def _paragraph_next_to(t: Frame, frames: list[Frame], step: int) -> list[Frame]:
    """The frames of the paragraph before (step -1) or after (1) the total's (the nearest
    paragraph that holds frames)."""
    other = before(frames, t.paragraph[0]) if step < 0 else after(frames, t.paragraph[1])
    if other is None:
        return []
    return [f for f in within(frames, *other.paragraph) if f.paragraph == other.paragraph]


def _counted(t: Frame, para: list[Frame], doc: Document) -> Binding | None:
    """六家银行三季度末总资产合计达17.10万亿元…其中，平安银行以5.77万亿元…: the total's
    sentence states how many items it sums, so the first that many levels of its unit after
    it are its parts, whatever lies between (均突破3万亿元 is a threshold, not an item); a
    break is then the text's own sum, worth a warning even when no slip explains it."""
    count = _count_of(t, para)
    if count is None:
        return None
    n = int(count.mention.value)  # type: ignore[arg-type]
    levels = [f for f in para if f.start > t.start and f.quantity == "amount"
              and f.unit == t.unit and f.role != "threshold"]
    parts = levels[:n]
    if len(parts) != n or not all(_summable(f) for f in parts) or not _comparable(t, parts) \
            or any(f.quantity == "amount" and f.unit == count.unit and f.start > t.start
                   and f.start < parts[-1].start and f.mention.value == n for f in para):
        return None
    formula, named = summed(parts, "total = {sum}")
    return Binding(_row("counted_total"), "total", [{"total": t, **named}], True, formula)


def _listed(total: Frame, parts: list[Frame], doc: Document) -> bool:
    """Whether the parts read as the total's list, so a slip among them is worth naming: all
    in the total's sentence, all before it in its full sentence, or all in the full sentence
    right before or after it. Across a semicolon after the total (上市櫃市值合計97.6兆元；
    電子指數…市值68.5兆元) lie other subjects."""
    if all(f.sentence == total.sentence for f in parts):
        return True
    own = doc.statement(total.start)
    if all(f.start < total.start and own[0] <= f.start for f in parts):
        return True  # A…；B…；合计占比60%: the clauses before the total in its statement
    spans = {doc.statement(f.start) for f in parts}
    if len(spans) != 1:
        return False
    (other,) = spans
    return other != own and (other[1] + 1 == own[0] or own[1] + 1 == other[0])


# 第三季配息為0.4元，第四季維持前一季水準，合計今年配息1.77元: an item the text gives no figure
SAME_AS = re.compile(r"维持|持平|不变|相同|同样|一样|照旧|同上")


def _unstated_part(total: Frame, parts: list[Frame], doc: Document) -> bool:
    """Between the parts and the total an item is said to equal another, with no figure of its
    own: the list as written misses a part, so no slip among the figures is worth naming."""
    if all(p.start < total.start for p in parts):
        a, b = max(p.mention.end for p in parts), total.start
    else:
        a, b = total.mention.end, min(p.start for p in parts)
    return SAME_AS.search(doc.folded, a, b) is not None


def _comparable(total: Frame, parts: list[Frame]) -> bool:
    """Parts within a few orders of magnitude of their total (a lost 万/亿 is four): a share
    price (1,688.00元) is no part of a dividend total (387.86亿元)."""
    t = abs(Decimal(total.mention.value or 0))
    return bool(t) and all(t * LOW <= abs(Decimal(p.mention.value or 0)) <= t * HIGH
                           for p in parts)


REST = re.compile(r"(?:其余|余下|剩下|剩余)(?:的)?\s?$")  # 其餘7次: the remainder


def bind_remainder(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """統計10次配息紀錄，僅2次未如預期填息，其餘7次…順利填息: the remainder and the parts
    before it make the first figure of their unit in the sentence (weak: the text may leave
    a case unsaid)."""
    row = _row("remainder")
    for r in frames:
        if not _summable(r) or not REST.search(doc.folded, max(r.clause[0], r.start - 4),
                                               r.start):
            continue
        same = [f for f in frames if f.sentence == r.sentence and f.start < r.start
                and _summable(f) and f.unit == r.unit
                and not in_brackets(doc.folded, r.sentence[0], f.start)]
        if len(same) < 2:
            continue
        total, parts = same[0], same[1:]
        between = [f for f in frames if total.start < f.start < r.start
                   and f.quantity == "amount" and f.unit == r.unit
                   and not in_brackets(doc.folded, r.sentence[0], f.start)]
        if len(between) != len(parts):
            continue  # 28只下跌，1只上升: a part read as a move; no reading without it
        formula, named = summed(parts + [r], "total = {sum}")
        yield Binding(row, "total", [{"total": total, **named}], False, formula)
