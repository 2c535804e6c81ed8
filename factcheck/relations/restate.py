"""The same figure stated twice: a headline and its body (headings.py finds the headline,
sub-headings and lead).

A headline restates figures of its story in fewer words (港交所上季多賺34%至29億元 for
股東應佔溢利為29.04億元，按年升34%), so its metric words rarely match the body's; what must
match is the frame: the same quantity and unit, a level with a level, a move with a move of
the same direction. A headline figure is confirmed by any such body figure it agrees with.
When none agrees and exactly one body figure is a single typical slip away from it, the two
are bound as one restatement (weak: a warning, the text does not say which copy is wrong).
Parallel figures of one metric in the body (中欧…占14.9%，中美…占14.1%) are different facts
and are never paired.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..positions import STORY
from .common import Binding, Row, _row, _suffix, listed, same_owner, unit_ok
from .document import Document, within
from .frames import Frame, basis_only
from .headings import HAN, SUBHEAD_DIGITS, _lead, _subheads, _title
from .solve import holds, repairs
from .twofacts import (
    dated_apart,
    other_days,
    other_economies,
    other_owners,
    other_tags,
    own_rates_apart,
    part_and_whole,
)
from .written import digit_string, significant

LEVELS = ("level", "to")


def _kind(f: Frame) -> tuple | None:
    if f.role in LEVELS and f.quantity == "percent":
        return ("rate",)  # 調高…利率至2.5% and 利率為2.5%: one rate, a verb before one of them
    if f.role in LEVELS:
        return ("level",)
    if f.role == "move" and f.direction:
        return ("move", f.direction)
    if f.role in ("ratio", "share"):
        return ("rate",)
    return None


def _restatements(heads: list[Frame], body: list[Frame], row: Row,
                  lead: tuple[int, int] | None = None, digits: int = 2,
                  pool: list[Frame] | None = None) -> Iterator[Binding]:
    """``digits``: the fewest significant digits a mismatched figure must have to be bound;
    ``pool``: the later figures under any name: a figure and a near-equal one that each have
    an equal copy there are two facts (季調失業率3.39% and 失業率3.31%, each restated)."""
    for t in heads:
        t = _cut(t)
        same = [f for f in body if f.quantity == t.quantity and unit_ok(f.unit, t.unit)
                and _kind(f) == _kind(t) and not _other_months(t, f)
                and not part_and_whole(_core(t.metric), _core(f.metric))
                and not _another_profit(t, f)]
        if not same:
            continue
        alts = [{"a": t, "b": f} for f in same]
        if any(holds(row.formula, {"a": t.interval(), "b": f.interval()}) for f in same):
            yield Binding(row, "a", alts, False)
            continue
        if significant(t) < digits:
            continue  # 每手1,000股 vs 每手2,000股: round figures one digit apart by chance
        slipped = [alt for alt in alts if _one_slip(row, t, alt["b"])]
        if slipped:
            # 樓價指數回升落1.1% … 按月下跌約1.1%，按年跌幅擴至2%: restated under another
            # reading of its verb; a coarser figure one slip away (2%) is no copy of it
            copied = any(_kind(f) != _kind(t) and f.quantity == t.quantity
                         and unit_ok(f.unit, t.unit) and f.mention.value == t.mention.value
                         and f.mention.value is not None for f in body)
            in_pool = _copy_in(t, pool)
            slipped = [alt for alt in slipped if not (in_pool and _copy_in(alt["b"], pool))
                       and not (copied and significant(alt["b"]) < significant(t))
                       and not _unrelated_names(t, alt["b"])]
        if len(slipped) > 1:  # 多賺34% against 升34% (Q2) and 增長31% (H1): the same period
            slipped = [alt for alt in slipped if _same_period(t, alt["b"])] or slipped
        if len(slipped) > 1 and lead is not None:  # a headline restates its lead first
            slipped = [alt for alt in slipped if alt["b"].paragraph == lead] or slipped
        if len(slipped) == 1:
            yield Binding(row, "a", slipped, False)


def _unrelated_names(a: Frame, b: Frame) -> bool:
    """商品房销售额下降28.9% in a headline and 规模以上工业增加值同比下降2.9% in the body: two
    named metrics without a character in common measure two things (营收 and 营业收入 share
    theirs), so a slip between them is chance."""
    x, y = _core(a.metric), _core(b.metric)
    return x.endswith(METRIC_NOUNS) and y.endswith(METRIC_NOUNS) \
        and not set(HAN.findall(x)) & set(HAN.findall(y))


# the nouns a metric's name ends in (销售额, 工业增加值, 纯利, 营业收入); a name ending otherwise
# (恒指全日震荡, 两万六守住) is the words before a move, which say nothing of what it measures
METRIC_NOUNS = ("额", "值", "量", "率", "价", "收入", "利润", "纯利", "净利", "盈利", "溢利",
                "营收", "开支", "支出", "收益", "亏损", "成本", "指数", "人数", "人次", "宗数")


def _another_profit(t: Frame, f: Frame) -> bool:
    """安踏去年赚52亿 is the net profit; 经营溢利92亿元 (operating, gross, pre-tax, core …) is
    another measure, whatever digit slip joins them."""
    return bool(EARNED.search(t.metric or "")) and not PROFIT_KIND.search(t.metric or "") \
        and bool(PROFIT_KIND.search(f.metric or ""))


EARNED = re.compile(r"[赚蚀]|盈利|纯利|净利")
PROFIT_KIND = re.compile(r"经营|营运|营业|毛利|税前|核心|基础|经调整|未计|分部")


def _copy_in(f: Frame, pool: list[Frame] | None) -> bool:
    """Another figure of ``pool`` of the same kind and unit states exactly ``f``'s value."""
    return bool(pool) and any(g.start != f.start and g.mention.value == f.mention.value
                              and g.quantity == f.quantity and _kind(g) == _kind(f)
                              and unit_ok(g.unit, f.unit) for g in pool or ())


def _period(f: Frame) -> tuple[int, int] | None:
    """The months a figure states, a year word in its own name (去年香港业务盈利) being the
    whole year."""
    if f.months is not None:
        return f.months
    return (1, 12) if f.year and f.year in (f.metric or "") else None


def _periods_fit(a: Frame, b: Frame) -> bool:
    """单计第4季盈利26.2亿 and 去年香港业务盈利约16亿: a quarter's figure and a year's are two
    facts; a figure with no period of its own may restate either."""
    pa, pb = _period(a), _period(b)
    return pa is None or pb is None or pa == pb


def _other_months(a: Frame, b: Frame) -> bool:
    """9月失業率4.32% and 1-9月平均失業率4.23%: figures of two stated periods are two facts."""
    whole = (1, 12)  # a bare year before a figure (回復2019年86%) often names a comparison
    return a.months is not None and b.months is not None and a.months != b.months \
        and whole not in (a.months, b.months) and not a.borrowed and not b.borrowed


def _one_slip(row: Row, a: Frame, b: Frame) -> bool:
    return any(r.fit <= CLOSE_FIT for r in repairs(
        row.formula, {"a": a.interval(), "b": b.interval()}, {"a": a}))


def _same_period(a: Frame, b: Frame) -> bool:
    return a.span_months is not None and a.span_months == b.span_months


CLOSE_FIT = 0.5  # a repaired restatement agrees to within half the stated rounding




def bind_restate(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """The headline against the whole body; the lead paragraph against the later paragraphs,
    where a figure must also name the same metric (营业总收入 … 营业总收入): a lead states
    many figures, and later paragraphs many more of the same kind."""
    row = _row("restate")
    title = _title(doc)
    lead = _lead(frames, title)
    if title is not None:
        heads = [f for f in frames if title[0] <= f.start < title[1] and _kind(f)]
        body = [f for f in frames if f.start >= title[1]]
        yield from _restatements(heads, body, row, lead, pool=body)
    subheads = _subheads(frames, doc, title)
    for k, line in enumerate(subheads):  # a sub-heading or caption: the section it opens
        end = subheads[k + 1][0] if k + 1 < len(subheads) else len(doc.folded)
        heads = [f for f in within(frames, *line) if _kind(f)]
        section = within(frames, line[1], end)
        if section:
            yield from _restatements(heads, section, row, section[0].paragraph, SUBHEAD_DIGITS)
    yield from _twins([f for f in frames if title is None or f.start >= title[1]], row, doc)
    yield from _moves_of_twins(frames, row, doc)
    if lead is None:
        return
    later = [f for f in frames if f.start >= lead[1]]
    ends = _range_ends(frames, doc)
    for t in (f for f in frames if f.paragraph == lead and f.role in LEVELS
              and len(_core(f.metric)) >= 2 and f.start not in ends):
        # (named only by a verb or a basis, 按年跌37%至89億元: a later figure must be named
        # alike, not 收益按季及按年…至29億元 that merely ends in the same word)
        verb = VERB_ONLY.fullmatch(_core(t.metric)) is not None or basis_only(_core(t.metric))
        named = [f for f in later if _same_name(_core(f.metric), _core(t.metric))
                 and (not verb or _core(f.metric) == _core(t.metric))
                 and same_owner(f.metric, t.metric) and not other_owners(doc, f, t)
                 and not other_days(doc, t, f) and not dated_apart(doc, t, f)
                 and not PART_OF.search(doc.folded, f.sentence[0], f.start)
                 and not listed(f, doc)  # (香港及臺灣地區旅客
                 # 分別回復至…的85.0%: one item's figure, not the lead's total again)
                 and _periods_fit(f, t)
                 and not _parallel(t, f, frames, doc) and not _an_item(f, t, frames)]
        yield from _restatements([t], named, row, pool=later)


# 分数为17分至22分: the two ends of a band, bounds rather than statements of a figure
RANGE_MARK = re.compile(r"\s?[^\d\s，,。；;增减升降涨跌提]{0,2}?\s?(?:至|到|~|～|-|－|—)\s?$")


def _range_ends(frames: list[Frame], doc: Document) -> set[int]:
    """Starts of the figures that open or close a range written with 至/到/~ (17分至22分)."""
    out: set[int] = set()
    for a, b in zip(frames, frames[1:], strict=False):
        if a.clause == b.clause and a.quantity == b.quantity and b.role == "to" \
                and a.role == "level" and RANGE_MARK.fullmatch(doc.folded, a.mention.end,
                                                                b.start):
            out.update((a.start, b.start))
    return out


# 其中，越南航空公司…稅前利潤達1.85萬億越盾: a part's figure, not the lead's whole restated
PART_OF = re.compile(r"其中|当中")
# 就业不足率在该两段期间…维持于1.2%: the words since the figure before are only a verb, which
# names no metric: a later 失业率维持于3.2% is no restatement of it, a later 录得439亿 after
# the same bare 录得 may be
VERB_ONLY = re.compile(r"[维持于为达至报升降增减跌涨录得约近逾超由从的在了仍保续再亦也均]+")
PERIOD_WORDS = re.compile(r"^.*?(?:年度|年|季度|季|月份|月|期内|同期)")


# 鴻海前三季合併營收 … 廣達前三季合併營收: the words before the period name whose metric it is
def _same_name(a: str, b: str) -> bool:
    """美的集团实现营业总收入 names 营业总收入: one ends with the other (two characters+)."""
    return min(len(a), len(b)) >= 2 and (a.endswith(b) or b.endswith(a))


def _named_alike(a: Frame, b: Frame) -> bool:
    """Whether two near-equal figures may be one figure slipped: at least one named, and not
    as two kinds of one metric; two unnamed cells of a table (247.39 and 247.59 in one
    column) are two months' values."""
    return bool(_core(a.metric) or _core(b.metric)) and not _rival_names(a, b) \
        and not part_and_whole(_core(a.metric), _core(b.metric))


def _rival_names(a: Frame, b: Frame) -> bool:
    """本外币贷款余额 and 人民币贷款余额: one metric word with two different words in front names
    two kinds of it, whose near-equal figures are no slip of each other."""
    x, y = _core(a.metric), _core(b.metric)
    k = _suffix(x, y)
    head_x, head_y = x[:len(x) - k], y[:len(y) - k]
    return k >= 3 and bool(head_x) and bool(head_y) and not (
        head_x.endswith(head_y) or head_y.endswith(head_x))


def _core(metric: str | None) -> str:
    """The metric word without the period words in front (前三季度营业总收入 -> 营业总收入)."""
    return PERIOD_WORDS.sub("", metric or "") or (metric or "")


SURE_DIGITS = 5   # 1929.47億元, 26059點 twice: five significant digits do not recur by chance
MIN_DIGITS = 3    # 73.7億元 twice under one metric, period and company (see _named_twin)
NAMED_DIGITS = 5  # 成交額1,234.5億 … 成交額1,234.5億: fewer, when both name the same metric (with
                  # four, two companies' 前三季合併營收 1.485兆 and 1.465兆 were paired by chance)


def _digits(f: Frame) -> str:
    return digit_string(f.mention)


def _variants(digits: str) -> Iterator[str]:
    """Digit strings one typical slip away: a digit changed, dropped, added or doubled, two
    adjacent digits swapped, and the same digits (萬 written for 億)."""
    yield digits
    for i in range(len(digits)):
        yield digits[:i] + digits[i + 1:]
        for c in "0123456789":
            yield digits[:i] + c + digits[i + 1:]
            yield digits[:i] + c + digits[i:]
        if i + 1 < len(digits):
            yield digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
    for c in "0123456789":
        yield digits + c


def _twins(body: list[Frame], row: Row, doc: Document) -> Iterator[Binding]:
    """The same figure stated twice in the body (廣達11月營收1929.47億元 in the lead and again in
    its own paragraph): equal copies confirm each other; a copy one slip away from exactly one
    other figure of its kind is bound to it. Chance near-equal pairs of figures this precise,
    or of fewer digits under one metric word, were not seen on the real-article corpus."""
    by_digits: dict[str, list[Frame]] = {}
    for f in body:
        if _kind(f) and significant(f) >= MIN_DIGITS:
            by_digits.setdefault(_digits(f).strip("0"), []).append(f)
    for f in (f for fs in by_digits.values() for f in fs):
        near = {id(g): g for v in set(_variants(_digits(f).strip("0")))
                for g in by_digits.get(v, ()) if f.start < g.start <= f.start + STORY}
        twins = [g for g in near.values() if g.sentence != f.sentence and _kind(g) == _kind(f)
                 and doc.statement(g.start) != doc.statement(f.start)  # A…；B…: parallel items
                 and unit_ok(g.unit, f.unit) and _compatible(f, g)
                 and _one_index(f, g, doc) and not other_tags(doc, f, g)
                 and not own_rates_apart(doc, f, g) and not other_economies(doc, f, g)
                 and not other_days(doc, f, g)]
        if significant(f) < NAMED_DIGITS:
            twins = [g for g in twins if _named_twin(f, g, doc)
                     and not _parallel(f, g, body, doc)]
        a = _as_written(f)
        written = [_as_written(g) for g in twins]
        same = [g for g in written if g.mention.lo == a.mention.lo and g.mention.hi == a.mention.hi]
        if same:
            yield Binding(row, "a", [{"a": a, "b": same[0]}], False)
            continue
        f_copied = _copied(f, by_digits)
        slipped = [g for g in written if _one_slip(row, a, g) and _named_alike(f, g)
                   and not _unrelated_names(f, g)  # (物业销售溢利 and 总租金收入)
                   and not (_with_levels(f, body) and _with_levels(g, body))
                   and not (f_copied and _copied(g, by_digits))]
        if len(slipped) == 1:
            yield Binding(row, "a", [{"a": a, "b": slipped[0]}], False)


def _parallel(a: Frame, b: Frame, body: list[Frame], doc: Document) -> bool:
    """Two sentences of one template about two items (…锌…比值为7.63，高于上一交易日7.59… and
    …铅…比值为7.64，高于上一交易日7.54…): alike but for the item and its figures, which differ,
    so their near-equal figures are two facts."""
    x, y = (DIGITS.sub("0", doc.folded[f.sentence[0]:f.sentence[1]]) for f in (a, b))
    if difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() < TEMPLATE:
        return False
    mine = [f.mention.text for f in within(body, *a.sentence) if f is not a]
    theirs = [f.mention.text for f in within(body, *b.sentence) if f is not b]
    return len(mine) == len(theirs) > 0 and mine != theirs  # (a lead's longer sentence
    # restated in a later paragraph keeps the figures it repeats: no template of two items)


def _an_item(f: Frame, lead: Frame, frames: list[Frame]) -> bool:
    """医疗卫生行业新增就业岗位3.9万个；…；运输和仓储行业新增就业岗位1.6万个: one item of a
    list of its paragraph named alike by other heads (two more at least), not the lead's total
    (非农部门当月新增就业岗位13.6万个) stated again."""
    mates = [g for g in within(frames, *f.paragraph) if g is not f and g is not lead
             and g.quantity == f.quantity and g.metric and f.metric
             and g.metric != f.metric and _suffix(g.metric, f.metric) >= ITEM_TAIL]
    return len(mates) >= 2


ITEM_TAIL = 3  # characters a list's items' names end alike in (就业岗位, 出口额)
DIGITS = re.compile(r"[0-9][0-9,.]*")
TEMPLATE = 0.8  # how alike two sentences of one template are, digits aside


def _copied(f: Frame, by_digits: dict[str, list[Frame]]) -> bool:
    """Each of two near-equal figures stated twice (季調失業率3.39% … 經季節調整後失業率為
    3.39%, 失業率3.31% twice) is confirmed by its copy: two facts, no slip of each other."""
    return _copy_in(f, by_digits.get(_digits(f).strip("0"), []))


def _with_levels(f: Frame, body: list[Frame]) -> bool:
    """A rate stated with its own level and base (生产50779辆，去年同期为15172辆，…同比增长
    234.68%): its own relation checks it, and a near-equal rate of another such pair (销量…
    234.38%) is another fact, not its copy."""
    if f.quantity != "percent" or f.role != "move":
        return False
    levels = [g for g in within(body, *f.sentence)
              if g.role in ("level", "to", "base") and g.quantity == "amount"]
    return len(levels) >= 2 and len({g.unit for g in levels}) == 1


def _named_twin(a: Frame, b: Frame, doc: Document) -> bool:
    """A short figure (73.7億元, 140.8%) restates another only under one metric word, one
    period and one company (台新金…稅後純益73.7億元 … 累計前5月稅後純益73.7億元; not 鴻海 and
    廣達's 前三季合併營收)."""
    from .flows import _new_company

    name = _core(a.metric)
    return bool(a.months) and a.months == b.months and a.basis == b.basis \
        and not basis_only(name) and _same_name(name, _core(b.metric)) \
        and not _new_company(doc, a, b) and not other_owners(doc, a, b) \
        and not (a.role == "share" and b.role == "share" and _other_parts(doc, a, b))


def _other_parts(doc: Document, a: Frame, b: Frame) -> bool:
    """人均經營淨收入…占可支配收入的比重為16.1%；人均轉移淨收入…占…18.1%: shares of one whole
    whose sentences open with different parts are no restatement of each other."""
    x, y = (SUBJECT.match(doc.folded[f.sentence[0]:f.start].lstrip()) for f in (a, b))
    return bool(x and y) and not _same_name(x.group(), y.group())


SUBJECT = re.compile(r"[\u4e00-\u9fff]{2,12}")  # the words a sentence opens with


def _as_written(f: Frame) -> Frame:
    """The figure as written, without its qualifier's margin: 約1929.47億元 restates 1929.47億元
    (a wire's 約 before a precise figure), not 1939.47億元."""
    m = f.mention
    if m.qualifier == "exact" or m.value is None or m.precision is None:
        return f
    value = Decimal(m.value)
    return replace(f, mention=replace(m, qualifier="exact", lo=value - m.precision / 2,
                                      hi=value + m.precision / 2))


def _cut(f: Frame) -> Frame:
    """A headline's figure may be cut rather than rounded (净利…至22亿 for 22亿8800万令吉): its
    interval reaches up to the next unit of its last digit; or rounded twice (亏3.5亿 for
    3亿4455万: 3.45, then 3.5), so it reaches down to 0.55 of a unit below it."""
    m = f.mention
    if m.qualifier != "exact" or m.value is None or m.precision is None or m.hi is None \
            or m.lo is None or Decimal(m.value) <= 0:
        return f
    value = Decimal(m.value)
    return replace(f, mention=replace(m, hi=max(m.hi, value + m.precision),
                                      lo=min(m.lo, value - m.precision * TWICE)))


TWICE = Decimal("0.55")  # a unit's share below a figure that two roundings still reach


def _one_index(a: Frame, b: Frame, doc: Document) -> bool:
    """Index levels restate each other only under one index name: 恒指收報26,236點 and
    期指收報26,336點 are two instruments a premium apart, not one figure and its slip."""
    if a.unit not in ("点", None) or a.quantity != "amount":
        return True
    from .thresholds import index_before

    names = [index_before(doc, f.paragraph[0], f.start) for f in (a, b)]
    return None in names or names[0] == names[1]


LOSS = re.compile(r"亏|蚀|赤字")  # 虧蝕438.26億元 is no restatement of 收入438.16億元


def _compatible(a: Frame, b: Frame) -> bool:
    if a.entity and b.entity and a.entity != b.entity:
        return False
    if bool(LOSS.search(a.metric or "")) != bool(LOSS.search(b.metric or "")):
        return False  # a loss and a figure named without one: two facts
    if a.span_months and b.span_months and a.span_months != b.span_months:
        return False
    if min(significant(a), significant(b)) >= SURE_DIGITS:
        return True
    name = _core(a.metric)
    return not basis_only(name) and _same_name(name, _core(b.metric))


LEVEL_DIGITS = 4  # 729.2億美元 stated twice is one level; its moves must agree


def _own_moves(level: Frame, frames: list[Frame]) -> dict[str | None, Frame]:
    """The percent moves that follow a level in its sentence, before any other amount, by
    basis (11月接單729.2億美元，月增5.1%，年增9.5%: mom 5.1%, yoy 9.5%)."""
    out: dict[str | None, Frame] = {}
    for f in within(frames, level.start + 1, level.sentence[1]):
        if f.quantity == "amount":
            break
        if f.quantity == "percent" and f.role == "move" and f.direction:
            out.setdefault(f.basis, f)
    return out


# a period stated in the figure's own clause (2022年12月工業生產指數為…), not one it inherits
OWN_PERIOD = re.compile(r"[0-9一二三四五六七八九十]\s?月|[0-9一二三四]\s?季|[上下]半年|全年|年度")


def _moves_of_twins(frames: list[Frame], row: Row, doc: Document) -> Iterator[Binding]:
    """One level stated twice (the lead's 11月外銷訂單729.2億美元，年增39.5% and a later
    paragraph's 11月接單729.2億美元…年增9.5%): the moves of one basis after each copy restate
    each other. Four significant digits written alike do not recur by chance."""
    levels = [f for f in frames if f.role in LEVELS and f.quantity == "amount"
              and f.mention.value is not None and significant(f) >= LEVEL_DIGITS]
    seen: dict[tuple, Frame] = {}
    for f in levels:
        key = (f.mention.value, f.unit, f.mention.precision)
        first = seen.setdefault(key, f)
        if first is f or first.sentence == f.sentence or (_other_months(first, f) and all(
                OWN_PERIOD.search(doc.folded, g.clause[0], g.start) for g in (first, f))):
            continue  # (12月…指數為129.62 and 第4季…指數為129.62: two periods' facts)
        mine, theirs = _own_moves(f, frames), _own_moves(first, frames)
        for basis in mine.keys() & theirs.keys():
            a, b = mine[basis], theirs[basis]
            if a.direction == b.direction:
                yield Binding(row, "a", [{"a": a, "b": b}], False)
