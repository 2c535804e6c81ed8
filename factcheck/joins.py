"""Pass 2 over the candidates: day/month/year datelines, ranges joined across connectors,
units carried to bare numbers, ROC years, bare numbers dropped, and each figure's interval."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

import regex

from .cand import Cand, DocContext
from .generic import _negate
from .lists import LIST_JOIN, listed_before, share_unit
from .marks import (
    compared_with,
    money_among,
    money_of_mark,
    whole_of_share,
    written_currency,
)
from .months import ELLIPTIC_JOIN, MONTHS, _fiscal_month_ends, month_lists
from .numerals import read_number
from .pattern import (
    CB,
    CS,
    MONEY_CUES,
    MONEY_METRICS,
    MONEY_METRICS_AFTER,
    PRICE_WORDS,
    SENTENCE_END_RE,
)
from .positions import within

# ---------------------------------------------------------------------------------------------
# Pass 2: ranges, carried units, bare numbers
RANGE_JOIN = re.compile(r"^\s?(?:[(（]含[)）])?\s?(?:-{1,2}|~|至|到|或)\s?$")
RANGE_JOIN_MAX = 9  # the longest text RANGE_JOIN matches ($ passes a final \n): longer
# gaps between candidates are never sliced


def _join_ranges(cands: list[Cand], folded: str) -> list[Cand]:
    out: list[Cand] = []
    n = len(cands)
    i = 0
    while i < n:
        a = cands[i]
        if i + 1 < n:
            b = cands[i + 1]
            if b.extra.pop("dash_after_text", False) and b.start == a.end:
                _negate(b)  # 4.2亿元-5.0亿元: the dash joins a range, it was no sign
                b.start += 1
            joint = folded[a.end:b.start] if 0 < b.start - a.end <= RANGE_JOIN_MAX else ""
            if "\n" in joint:  # 1.50%⏎⏎-⏎⏎1.875%: a table's cells, one per line, no range
                joint = ""
            if joint and RANGE_JOIN.match(joint) and _joinable(a, b, joint.strip()) \
                    and not _by_then_to(a, b, joint.strip(), folded):
                out.append(_merge(a, b, joint.strip()))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# 增加40萬桶至160萬桶, 減價50萬至600萬元: a change, then the level it reaches; 突破千元至1,005元:
# a mark passed, then the level. Not ranges (增长5%至6% still is: the ends are alike)
CHANGE_BEFORE = re.compile(r"(?:增加|减少|减价|降价|加价|多|少|增|减|加|上调|下调|调高|调低|提高|"
                           r"降低|涨|跌|升|降|延长|缩短|拉长|扩大|缩小|缩水|蒸发|缩减|萎缩|流失)了?\s?$")
GROWTH_BASIS = re.compile(r"(?:[年季月]|同比|环比|按年|按季|按月)(?:增|减|增长|减少|成长|衰退|下降|上升)\s?$")
MARK_BEFORE = re.compile(r"(?:突破|跌破|冲破|冲上|站上|失守|跨越|跨过|升穿|跌穿)\s?$")


def _by_then_to(a: Cand, b: Cand, joint: str, folded: str) -> bool:
    if joint not in ("至", "到") or a.value is None or b.value is None or a.value <= 0:
        return False
    before = folded[max(0, a.start - 4):a.start]
    if MARK_BEFORE.search(before):
        return True
    if a.kind == "percent" and b.value >= a.value and \
            GROWTH_BASIS.search(folded, max(0, a.start - 6), a.start):
        return False  # 季增1%至3%: a growth rate's own range, low to high (调高0.5%至2.5%
        # moves a rate level; 年減125%至8.4% falls to a level)
    # 销售费用率降低152%至16.9%: a range runs low to high, so a falling pair is a move and the
    # level it reached (增长5%至6% is still a range)
    return CHANGE_BEFORE.search(before) is not None and (b.value > 2 * a.value
                                                         or b.value < a.value)


def _joinable(a: Cand, b: Cand, joint: str) -> bool:
    """Whether a and b form one range; 或 joins only years (2015 或2016 年)."""
    if joint == "或" and b.kind != "year":
        return False
    if b.kind == "year" and a.bare and not (
            a.value is not None and a.value == a.value.to_integral_value()
            and 1000 <= a.value <= 2199):
        return False
    if a.kind in ("date", "period", "other", "ratio") or b.kind in ("date", "period", "other"):
        return False
    if a.kind == "year" and not a.bare:
        return False  # 2021年至2025年: two years, each with its 年 (2015 或2016 年 is a range)
    if b.qualifier in ("range", "vague") or a.qualifier in ("range", "vague"):
        return False
    if b.bare and _unit_before(a, b):
        return True  # 百分之五十九至六十一: the unit said before the first end is the second's
    if b.bare and not (a.bare and a.multiplier == 1 and b.multiplier != 1):
        return False  # (500-1000亿): two bare ends join only to give the first its 亿
    if a.value is None or b.value is None:
        return False
    if a.bare:
        return True
    return a.kind == b.kind and a.unit == b.unit


def _unit_before(a: Cand, b: Cand) -> bool:
    return a.kind == "percent" and b.kind == "count" and b.multiplier == 1 \
        and a.number_text.startswith("百分之") and a.value is not None \
        and b.value is not None and a.value < b.value


def _merge(a: Cand, b: Cand, joint: str) -> Cand:
    if b.bare and not a.bare:  # 百分之五十九至六十一 (_unit_before)
        b.kind, b.unit, b.bare, b.multiplier = a.kind, a.unit, False, a.multiplier
    lo_val = a.value
    if a.bare:
        # 20至30亿元: the first number takes the second's multiplier and unit
        if len(a.number_text) == 1 and len(b.number_text) >= 2 and b.number_text[1] in CS:
            # 八到九百亿, 两到三仟, 两~3百: the lone digit takes the other's place and multiplier
            place = read_number("一" + b.number_text[1:])
            lo_val = a.value * (place.value if place else 1)
        elif a.multiplier == 1 and b.multiplier != 1 and a.value * b.multiplier <= b.value:
            lo_val = a.value * b.multiplier  # 20至30亿元; but not 从8500到3万 (8500..30000)
        lo_val = lo_val * b.scale  # 5至6成, 3-4折: the unit's scale is the first end's too
    c = Cand(a.start, b.end, b.kind, unit=b.unit, qualifier="range", bare=b.bare,
             multiplier=b.multiplier)
    c.lo, c.hi = min(lo_val, b.value), max(lo_val, b.value)
    c.number_text = f"{a.number_text}{joint}{b.number_text}"
    c.extra = dict(b.extra)
    c.unit_span = b.unit_span
    return c


# 、中信金（2891）: the next item of a list, its name and code, then its figure
LIST_ITEM = re.compile(r"\s?、\s?[^\s，,。；;、\d%]{1,12}(?:\s?[（(]\d{4,6}[)）])?\s?")


def _elliptic_points(cands: list[Cand], folded: str) -> None:
    """回升2.3个、2.1个百分点 and 提高0.2个、0.5个和0.3个百分点: each 个 of the list is a
    percentage point; walked from the end, so the unit reaches every item; 下降0.3个百分点和
    0.4个 at a clause's end: the elliptic item after it too; and 增速回落0.3个点 after a rate
    word: points (an index's 上涨300个点 stays a count)."""
    for i in range(len(cands) - 2, -1, -1):
        c, nxt = cands[i], cands[i + 1]
        if c.unit == "个" and nxt.kind == "pp" and \
                ELLIPTIC_JOIN.fullmatch(folded, c.end, nxt.start):
            c.kind, c.unit = "pp", nxt.unit
    for c in cands:  # 增速回落0.3个点, 占比提升2个点: a rate's change in 个点 is in points
        if c.unit == "个" and c.kind == "count" and folded.startswith("点", c.end) and \
                RATE_BEFORE.search(folded, max(0, c.start - 12), c.start):
            c.kind, c.unit, c.end = "pp", "pp", c.end + 1
    for i in range(1, len(cands)):
        c, prev = cands[i], cands[i - 1]
        if c.unit == "个" and c.kind == "count" and prev.kind == "pp" and \
                ELLIPTIC_JOIN.fullmatch(folded, prev.end, c.start) and \
                (c.end == len(folded) or folded[c.end] in CLAUSE_END):
            c.kind, c.unit = "pp", prev.unit


CLAUSE_END = "，,。；;）)\n"
# 收入比值2.43, 收入倍差2.77: a ratio of two levels named as one, written as a bare number
RATIO_NAMED = re.compile(r"(?:比值|倍差)(?:为|是|达)?\s?$")
MOVED = re.compile(r"(?:缩小|扩大|提高|下降|上升|降低|减少|增加)了?\s?$")
RATIO_BASIS = "a ratio named before it (比值, 倍差)"
TO_BEFORE = regex.compile(r"(?:到|至|为|成)了?\s?$")  # 从95%降到了0: compiled once
RATE_BEFORE = re.compile(r"(?:率|增速|增幅|涨幅|降幅|跌幅|升幅|占比|比重|份额)[^，,。；;\d%]{0,6}$")


def _line_end(folded: str, pos: int) -> int:
    end = folded.find("\n", pos)
    return len(folded) if end < 0 else end


def _carry_units(cands: list[Cand], folded: str, ctx: DocContext) -> None:
    """Give bare numbers the unit the sentence gives them.

    ``从95%降到了0``: the 0 is a percent; ``股价从20 涨到90 ... 0.4 美元``: prices are money in
    the currency of the surrounding prices.
    """
    ends = [m.start() for m in SENTENCE_END_RE.finditer(folded)]
    once: dict[str, str | None] = {}
    month_lists(cands, folded)
    _fiscal_month_ends(cands, folded)
    _elliptic_points(cands, folded)
    for i, c in enumerate(cands):
        if not c.bare:
            continue
        k = bisect.bisect_left(ends, c.start)
        sent_start = ends[k - 1] + 1 if k > 0 else 0
        sent_end = ends[k] if k < len(ends) else len(folded)
        before = folded[max(sent_start, c.start - 12):c.start]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and nxt.kind == "period" and nxt.date_parts and \
                nxt.date_parts[1] and not nxt.extra and c.value in MONTHS and \
                ELLIPTIC_JOIN.fullmatch(folded, c.end, nxt.start):
            c.kind, c.bare, c.ulp = "period", False, None  # 9、10月: September and October
            year = nxt.date_parts[0]
            before_c = cands[i - 1] if i > 0 else None
            if year is None and before_c is not None and before_c.kind == "year" \
                    and before_c.end == c.start and before_c.value is not None:
                year = int(before_c.value)  # 2025年6、7月: the year is both months'
                nxt.date_parts = (year, *nxt.date_parts[1:])
            c.date_parts, c.rel_year = (year, int(c.value), None), nxt.rel_year
            continue
        # 0.9、1.0和0.4个百分点, 假設發1.3、1.4元: the unit that ends a list of bare numbers
        last = listed_before(cands, i, folded, ELLIPTIC_JOIN) if c.value is not None \
            and c.start and folded[c.start - 1] not in "\n。；;：:" else None  # 1、5%: a label
        if last is not None and last.kind in ("percent", "pp"):
            c.kind, c.unit, c.bare = last.kind, last.unit, False  # 回升2.3、2.1个百分点: 2.3 pp
            c.extra["unit_basis"] = f"elliptic before {folded[last.start:last.end]!r}"
            continue
        listed = i > 0 and cands[i - 1].extra.get("unit_basis", "").startswith("listed")
        if last is not None and last.kind in ("money", "count") and last.unit \
                and not c.chinese and (listed or LIST_JOIN.fullmatch(folded, c.end, nxt.start)):
            share_unit(c, last, folded)  # 1.3元; 分別為3、5億元: 3億元 (a 、 opens the list)
            continue
        prev = cands[i - 1] if i > 0 else None
        if prev is not None and nxt is not None and prev.kind == nxt.kind == "percent" \
                and not prev.bare and not nxt.bare and c.value is not None \
                and LIST_ITEM.fullmatch(folded, prev.end, c.start) \
                and LIST_ITEM.fullmatch(folded, c.end, nxt.start):
            c.kind, c.unit, c.bare = "percent", prev.unit, False  # 聯電5.34%、中信金4.48、…4.31%
            c.extra["unit_basis"] = "an item of a list of percentages"
            continue
        if prev is not None and not prev.bare and prev.kind in ("percent", "pp") and \
                ELLIPTIC_JOIN.fullmatch(folded, prev.end, c.start) and c.multiplier == 1:
            # (75%或169.3億: an amount with 萬/億 restates the share, it is no percent)
            c.kind, c.unit, c.bare = prev.kind, prev.unit, False  # 升百分之二和三: 3%
            c.extra["unit_basis"] = f"elliptic after {folded[prev.start:prev.end]!r}"
            continue
        whole = whole_of_share(c, prev, cands, folded, sent_start)
        if whole is not None:  # 總供款224.8億，其中75%或169.3億: the share as an amount of
            _unit_of(c, whole, f"a share's amount of {folded[whole.start:whole.end]!r}")
            continue  # (the whole's unit)
        if prev is not None and prev.start >= sent_start and not prev.bare and \
                TO_BEFORE.search(before) and "从" in folded[sent_start:prev.start] \
                and prev.kind in ("percent", "money", "pp"):
            c.kind, c.unit, c.bare = prev.kind, prev.unit, False
            c.extra["unit_basis"] = f"carried from {folded[prev.start:prev.end]!r}"
            continue
        if RATIO_NAMED.search(before) or (
                prev is not None and prev.kind == "multiple" and prev.start >= sent_start
                and prev.extra.get("unit_basis") == RATIO_BASIS and MOVED.search(before)):
            c.kind, c.unit, c.bare = "multiple", "x", False  # 城乡居民人均收入比值2.43，比上年
            c.extra["unit_basis"] = RATIO_BASIS              # 同期缩小0.09: a ratio and its move
            continue
        compared = compared_with(c, cands, folded, sent_start, before)
        if compared is not None:  # 毛收入為909億，較首季的1,022億跌11%: the base of a money
            _unit_of(c, compared, f"compared with {folded[compared.start:compared.end]!r}")
            continue  # level, in its currency
        if c.multiplier != 1 and MONEY_METRICS.search(folded, max(sent_start, c.start - 8),
                                                      c.start):
            money = [d for d in within(cands, sent_start, sent_end)
                     if d.kind == "money" and not d.bare] or [  # 净利润过百亿的有5家: the
                d for d in within(cands, folded.rfind("\n", 0, c.start) + 1,  # paragraph's
                                  _line_end(folded, c.end)) if d.kind == "money" and not d.bare]
            if money:
                near = min(money, key=lambda d: abs(d.start - c.start))
                _unit_of(c, near, f"a money metric's amount, as {folded[near.start:near.end]!r}")
                continue
            if ctx.currency is not None:  # 营收超百亿, 利润逾百亿, 全日成交近2900億:
                c.kind, c.unit, c.bare = "money", ctx.currency, False  # a mark passed, in the
                c.extra["unit_basis"] = ("a money metric's mark" if c.qualifier == "over"
                                         else "a money metric's amount")  # story's currency
                c.extra["currency_basis"] = ctx.currency_basis
                continue
        near = money_among(c, cands, folded)
        if near is not None:  # 实现了百亿以上的增长 among 亿元 amounts: a lone 百亿 is money
            c.kind, c.unit, c.bare = "money", near.unit, False
            c.extra["unit_basis"] = f"a lone magnitude among {folded[near.start:near.end]!r}"
            continue
        near = money_of_mark(c, cands, folded, sent_start, prev)
        if near is not None:  # 累计税后净利107.94亿元，跨越百亿门槛: a mark of that money
            c.kind, c.unit, c.bare = "money", near.unit, False
            c.extra["unit_basis"] = f"a mark passed by {folded[near.start:near.end]!r}"
            continue
        if (c.multiplier != 1 or any(ch in CB for ch in c.number_text)) and (MONEY_CUES.search(
                folded, max(sent_start, c.start - 6), c.start)
                or MONEY_METRICS_AFTER.match(folded, c.end)) \
                and not PEOPLE_AFTER.match(folded, c.end):  # 工资调涨 247万劳工受惠: people
            c.kind, c.unit, c.bare = "money", ctx.currency, False
            c.extra["unit_basis"] = "amount after a money word (挣, 亏, 花 ...)"
            c.extra["currency_basis"] = ctx.currency_basis
            if "written" not in once:  # computed once per document: a feed's long texts
                once["written"] = written_currency(cands)
            written = once["written"]
            if written is not None:  # 森那美次季净赚3.2亿 over …3亿1700万令吉: the one currency
                c.unit = written     # the story writes out
                c.extra["currency_basis"] = f"the one currency written in the document ({written})"
            continue
        same = _restated(c, cands, i)
        if same is not None:
            c.kind, c.unit, c.bare = same.kind, same.unit, False
            c.extra["unit_basis"] = f"restates {folded[same.start:same.end]!r}"
            continue
        if PRICE_WORDS.search(folded[max(sent_start, c.start - 12):c.start]) and not (
                c.chinese and c.multiplier == 1):  # 股價…前一刻: a lone 一 is no price
            money = [d for d in within(cands, sent_start, sent_end)
                     if d.kind == "money" and not d.bare]
            code = min(money, key=lambda d: abs(d.start - c.start)).unit if money else ctx.currency
            c.kind, c.unit, c.bare = "money", code, False
            c.extra["unit_basis"] = "price in the currency of the sentence"


def _unit_of(c: Cand, d: Cand, basis: str) -> None:
    """``c`` takes the kind, unit and currency evidence of the figure ``d`` it is read with (a
    default currency basis yields to a declared one, (澳門元,下同), carried with it)."""
    c.kind, c.unit, c.bare = d.kind, d.unit, False
    c.extra["unit_basis"] = basis
    if "currency_basis" in d.extra:
        c.extra["currency_basis"] = d.extra["currency_basis"]


def _restated(c: Cand, cands: list[Cand], i: int) -> Cand | None:
    """「10 億」 after 10 億美元, or a headline's 3.6億 before 約3.6億令吉: a bare number with a
    multiplier restating a nearby money figure (the nearest one before, else after)."""
    if c.multiplier == 1 or c.value is None:
        return None
    ulp = c.ulp or Decimal(0)

    def same(d: Cand) -> bool:  # 22亿 for 22亿8800万令吉: the same figure, rounded or cut
        return not d.bare and d.kind == "money" and isinstance(d.value, Decimal) and (
            d.value == c.value or abs(c.value) >= 10 * ulp > 0 and (  # two digits or more
                abs(d.value - c.value) * 2 <= ulp or c.value <= d.value < c.value + ulp))

    for d in reversed(cands[max(0, i - 12):i]):
        if same(d) and c.start - d.end < 600:
            return d
    for d in cands[i + 1:i + 13]:
        if same(d) and d.start - c.end < 600:
            return d
    return None


PEOPLE_AFTER = re.compile(r"\s?(?:劳工|工人|员工|雇员|民众|市民|居民|家庭|学生|旅客|游客|用户|会员|"
                          r"股民|投资人|投资者|消费者|选民|长者|病人|患者|儿童)")



# ---------------------------------------------------------------------------------------------
def _interval(c: Cand) -> None:
    if c.kind in ("date", "period"):
        c.lo = c.hi = None
        return
    if c.qualifier in ("range", "vague"):
        c.value = None
        return
    v = c.value
    if not isinstance(v, Decimal):
        return
    if c.kind == "year":
        c.value = int(v)
        c.lo = c.hi = v
        return
    exact_integer = (
        c.kind in ("count", "duration", "other")
        and v == v.to_integral_value() and (c.ulp is None or c.ulp <= 1)
    )
    half = _ZERO if exact_integer or c.ulp is None else c.ulp / 2
    q = c.qualifier
    if q == "exact":
        c.lo, c.hi = v - half, v + half
    elif q == "approx":
        tol = c.tolerance if c.tolerance is not None else Decimal("0.05")
        width = max(half, abs(v) * tol)
        c.lo, c.hi = v - width, v + width
    elif q == "over":
        c.lo = v
        c.hi = v + c.spread if c.spread is not None else None
    elif q == "near":
        tol = c.tolerance if c.tolerance is not None else Decimal("0.1")
        c.lo, c.hi = v * (1 - tol), v
    elif q in ("under", "upto"):
        c.lo, c.hi = None, v


_ZERO = Decimal(0)  # built once: _interval runs for every figure
RANK_TOKEN = re.compile(r"(?<![^\s])([1-9][0-9]?) (?=[^\s0-9])")
RANK_RUN = 3  # 1 … 2 … 3: fewer consecutive labels could be figures that happen to count up


def _rank_column(cands: list[Cand], folded: str) -> list[Cand]:
    """A table flattened into a line (排名 項目 … 1 青衣灝景灣 1997年7月 約3.04萬 2 將軍澳…):
    small integers standing alone before a name that count up 1, 2, 3 … along one line are
    the rank column, not figures (nor 4元 of 4 元朗, nor the 5日 of 5 日出康城)."""
    chain: list[Cand] = []
    drop: set[int] = set()
    last, line_end = 0, -1  # the chain's last rank and the end of its line
    for c in cands:
        if not "1" <= folded[c.start:c.start + 1] <= "9":  # what RANK_TOKEN opens with
            continue
        m = RANK_TOKEN.match(folded, c.start)
        if m is None:
            continue
        value = int(m.group(1))
        if c.start <= line_end and chain and value == last + 1:
            chain.append(c)
            last = value
            continue
        if len(chain) >= RANK_RUN:
            drop.update(id(x) for x in chain)
        chain, last = ([c], 1) if value == 1 else ([], 0)
        end = folded.find("\n", c.start)
        line_end = len(folded) if end < 0 else end
    if len(chain) >= RANK_RUN:
        drop.update(id(x) for x in chain)
    return [c for c in cands if id(c) not in drop] if drop else cands
