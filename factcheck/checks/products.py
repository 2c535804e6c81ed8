"""Price x count = amount: per-unit products (每股…), 按/以…计 computations, market caps.

Each names its factors differently, but all are checked the same way: consistent when some
pairing of the stated factors gives the stated total within the intervals.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..claims import Claim
from ..model import Mention
from ..positions import within
from ..reference import Reference
from ..textfold import fold
from ..units import convert, kin
from .common import (
    FULL_STOP,
    _any_fit,
    _fmt,
    _magnitude_hint,
    _overlap,
    _product_fits,
    _severity,
    _span,
    check_interval,
)
from .findings import Finding, Report

PER_WORD = re.compile(r"(?:每|对应|相当于)")
TOTAL_WORD = re.compile(r"(?:就是|即|共|共计|合计|总计|总共|一共|相当于)\s?$")


EXTREME_PRICE = re.compile(r"(?:最高|最低)[^，,。；;\d]{0,6}$")

def _product(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    counts = [c.mention for c in claims if c.mention.kind == "count" and c.mention.unit
              and c.mention.value is not None]
    for i, a in enumerate(counts):
        for b in counts[i + 1:]:
            if b.start - a.end > 40:
                break  # in text order: every later count is farther still
            if b.unit == a.unit:
                continue
            gap = folded[a.end:b.start]
            if not PER_WORD.search(gap) or fold(a.unit) not in gap:
                continue  # 每份(合约)对应100股: b counts per unit of a
            for c in counts[i + 1:]:
                if c.start - b.end > 80:
                    break
                if c.start <= b.end or fold(c.unit) != fold(b.unit):
                    continue
                if not TOTAL_WORD.search(folded[max(b.end, c.start - 10):c.start]):
                    continue
                verdicts = []
                for lenient in (False, True):
                    alo, ahi = check_interval(a, lenient)
                    blo, bhi = check_interval(b, lenient)
                    if None in (alo, ahi, blo, bhi):
                        break
                    verdicts.append(_overlap((alo * blo, ahi * bhi), check_interval(c, lenient)))
                report.checked.update({a.start, b.start, c.start})
                if not verdicts or verdicts[0]:
                    break
                expected = Decimal(a.value) * Decimal(b.value)
                hint = _magnitude_hint(Decimal(c.value) / expected) if expected else ""
                severity = "warning" if len(verdicts) > 1 and verdicts[1] else \
                    _severity(Decimal(c.value), expected, c.precision or Decimal(1))
                report.findings.append(Finding(
                    "product", severity,
                    [_span(c), _span(a), _span(b)],
                    f"{c.text} is not {a.text} x {b.text} = {_fmt(expected, 0)}{hint}",
                    expected=_fmt(expected, 0), found=c.text, mentions=(c, a, b),
                    evidence={"arithmetic": f"{a.value} x {b.value}"}))
                break


CALC_CUE = re.compile(r"(?:按|以)(?P<basis>[^，,。；;！？]{0,16}?)(?:计算|计)[，,：:]?\s?")
BOUND_WORD = re.compile(r"(?P<hi>上限|最高|高端)|(?P<lo>下限|最低|低端)")
PROFIT_WORD = re.compile(r"赚|蚀|亏|盈利|获利|账面|帐面")
# 以中位数1.485元计算，集资净额约2.18亿元: the proceeds after the costs of the offer, a part of
# price x count that is rarely under half of it (a scale slip still shows)
NET_WORD = re.compile(r"净额|净筹|净集资|净收|所得净")
NET_FLOOR = Decimal("0.5")
# 发售5亿股…集资逾千亿: an offer's proceeds count the over-allotment option (up to 15% more
# shares) the per-share price times the base offer leaves out
RAISED_WORD = re.compile(r"集资|募资|筹资|招股集资")
OVER_ALLOTMENT = Decimal("1.15")
# a product this far from the nearest total, with no multiplier slip to explain it, pairs a
# count that is not the total's (认购4000股方稳获一手 against 集资约6.25亿元): said as an info
UNRELATED = Decimal(20)


def _computed_as(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """按上限计集资最多30.72亿港元; 以总股本4亿股计，总市值约274.6亿元; 按行权价4.5元计算，
    名义本金约10.8亿元: the amount after 按/以…计 is a price times a count, one of them named
    in the 按…计 phrase and the other stated earlier (consistent if some pair fits)."""
    for cue in CALC_CUE.finditer(folded):
        stop = FULL_STOP.search(folded, cue.end())
        results = [c for c in within(claims, cue.end(), cue.end() + 17)
                   if c.mention.kind == "money" and c.mention.value
                   and cue.end() <= c.mention.start <= cue.end() + 16
                   and (stop is None or c.mention.start < stop.start())]
        if not results:
            continue
        total = results[0].mention
        if PROFIT_WORD.search(folded, cue.end(), total.start):
            continue  # 按每手4000股计算，每手约赚1600元: a gain on the lot, not price x count
        para = results[0].paragraph
        inside = [c.mention for c in claims
                  if cue.start("basis") <= c.mention.start and c.mention.end <= cue.end("basis")]
        before = [c for c in claims if para[0] <= c.mention.start and c.mention.end <= cue.start()
                  and cue.start() - c.mention.end <= 200]
        prices = [c.mention for c in before if c.mention.kind == "money"
                  and c.mention.unit == total.unit and c.mention.lo is not None
                  and c.mention.hi is not None and c.mention.hi < (total.lo or total.hi or 0)]
        counts = [c.mention for c in before if c.mention.kind == "count" and c.mention.unit
                  and c.mention.value and c.mention.multiplier != 1]
        named_money = [m for m in inside if m.kind == "money" and m.unit == total.unit]
        named_count = [m for m in inside if m.kind == "count" and m.value]
        bound = BOUND_WORD.search(cue.group("basis"))
        if named_money:
            prices, named = named_money[-1:], named_money[-1]
        elif named_count:
            counts, named = named_count[-1:], named_count[-1]
        elif bound:
            prices = [p for p in prices if p.qualifier == "range"]
            named = None
        else:
            continue
        pairs = [(p, n) for p in prices for n in counts]
        if not pairs:
            continue

        net = NET_WORD.search(folded, cue.end(), total.start) is not None

        def fits(pair: tuple[Mention, Mention], flag: bool, bound: Any = bound,
                 total: Mention = total, net: bool = net) -> bool:
            price, count = pair
            plo, phi = check_interval(price, flag)
            if bound is not None and price.qualifier == "range":
                plo = phi = (price.hi if bound.lastgroup == "hi" else price.lo)
            nlo, nhi = check_interval(count, flag)
            tlo, thi = check_interval(total, flag)
            if total.qualifier == "upto" and total.value is not None:
                half = (total.precision or Decimal(0)) / 2  # 最多30.72亿: the range's top
                tlo, thi = Decimal(total.value) - half, Decimal(total.value) + half
            if None in (plo, phi, nlo, nhi) or (tlo is None and thi is None):
                return False
            if net and thi is not None:  # the gross less the costs: at most the product
                thi = thi / NET_FLOOR
            return _product_fits((plo, phi), (nlo, nhi), (tlo, thi), flag)

        strict, lenient = _any_fit(pairs, fits)
        report.checked.update({total.start, *(p.start for p, _ in pairs),
                               *(n.start for _, n in pairs)})
        if strict:
            continue
        price, count = min(pairs, key=lambda pc: cue.start() - min(pc[0].start, pc[1].start))
        pv = price.hi if bound is not None and price.qualifier == "range" and \
            bound.lastgroup == "hi" else price.lo if price.qualifier == "range" else price.value
        if pv is None or not count.value or not total.value:
            continue
        expected = Decimal(pv) * Decimal(count.value)
        other = prices if named is not None and named.kind == "count" else counts
        severity = "warning" if lenient or (named is None or len(other) > 1) and not \
            _magnitude_hint(Decimal(total.value) / expected) else "error"
        report.findings.append(Finding(
            "product", severity, [_span(total), _span(price), _span(count)],
            f"{total.text} is not {price.text} x {count.text} = {_fmt(expected, 0)} "
            f"({cue.group().strip()}){_magnitude_hint(Decimal(total.value) / expected)}",
            expected=_fmt(expected, 0), found=total.text, mentions=(total, price, count),
            evidence={"arithmetic": f"{pv} x {count.value}"}))


DIVIDEND_WORD = re.compile(r"红利|股息|派息|分派|配息|派发|派现")
CAP_WORD = re.compile(r"(?:总市值|市值)(?:约|为|达|报|升至|降至)?\s?$")
CLOSE_WORD = re.compile(r"(?:收报|报收|收于|收盘价|收市价|收市报|收盘报|股价报|股价为)\s?$")
SHARES_WORD = re.compile(r"(?:总股本|股本|已发行股份|已发行股本|已发行)(?:约|为)?\s?$")


def _market_cap(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """收报7.86元 … 以总股本48.6亿股为基数 … 总市值约382亿元: a market value stated with a
    close price and the share count in the same paragraph is their product."""
    def after(pattern: re.Pattern[str], c: Claim) -> bool:
        return pattern.search(folded, max(c.sentence[0], c.mention.start - 8),
                              c.mention.start) is not None

    for c in claims:
        cap = c.mention
        if cap.kind != "money" or cap.value is None or not after(CAP_WORD, c):
            continue
        para = [d for d in claims if d.paragraph == c.paragraph and d is not c]
        prices = [d.mention for d in para if d.mention.kind == "money" and d.mention.unit ==
                  cap.unit and d.mention.value is not None and after(CLOSE_WORD, d)]
        counts = [d.mention for d in para if d.mention.kind == "count" and d.mention.value
                  and fold(d.mention.unit or "") == "股" and after(SHARES_WORD, d)]
        pairs = [(p, n) for p in prices for n in counts]
        if not pairs:
            continue

        def fits(pair: tuple[Mention, Mention], flag: bool, cap: Mention = cap) -> bool:
            (plo, phi), (nlo, nhi) = (check_interval(x, flag) for x in pair)
            tlo, thi = check_interval(cap, flag)
            if None in (plo, phi, nlo, nhi, tlo, thi):
                return False
            return _product_fits((plo, phi), (nlo, nhi), (tlo, thi), flag)

        strict, lenient = _any_fit(pairs, fits)
        report.checked.update({cap.start, *(x.start for pair in pairs for x in pair)})
        if strict:
            continue
        price, count = pairs[-1]
        expected = Decimal(price.value) * Decimal(count.value)
        hint = _magnitude_hint(Decimal(cap.value) / expected)
        report.findings.append(Finding(
            "product", "warning" if lenient or (len(pairs) > 1 and not hint) else "error",
            [_span(cap), _span(price), _span(count)],
            f"{cap.text} is not the close {price.text} x the share count {count.text} = "
            f"{_fmt(expected, 0)}{hint}",
            expected=_fmt(expected, 0), found=cap.text, mentions=(cap, price, count),
            evidence={"arithmetic": f"{price.value} x {count.value}"}))


PER_UNIT_BEFORE = re.compile(
    r"(?:每(?P<per>股|单位|份|张|手|块|桶|盎司|人|克|公斤|千克|吨|平方米|斤|台|辆|户|名)"
    r"|(?P<per_person>人均))[^，,。；;\d]{0,8}?$")
LOT_BEFORE = re.compile(r"(?:每|一)\s?手\s?$")
PER_UNIT_AFTER = re.compile(r"\s?(?:一股|每股|/股|一张|每张)")
# a cost per unit (土地储备的平均成本为每平方米5221元) multiplies to a cost, not to sales
COST_PER = re.compile(r"成本|造价|楼面价|地价")
COST_TOTAL = re.compile(r"成本|造价|地价|土地款|投资|斥资|耗资|动用|总价|代价|支出|开支")
TOTAL_HINT = re.compile(
    r"总额|总值|合计|共计|总计|纯益|净利|营收|收入|市值|总额约|派息|金额|规模|收益|仓位|名义|名目"
    r"|销售额|交易额|募资|集资|筹资|所得款项|带来|斥资|涉资|耗资|动用")


AVERAGE_BEFORE = re.compile(r"(?:平均|均值|中位数|月均|日均|年均)[^，,。；;\d]{0,8}?$")


def _per_figure(folded: str, d: Claim) -> bool:
    """城镇居民人均可支配收入19770元, 月均收入3661元: itself a per-unit figure or an average,
    never the total a per-unit figure times a count makes."""
    before = folded[max(d.sentence[0], d.mention.start - 12):d.mention.start]
    return bool(PER_UNIT_BEFORE.search(before) or AVERAGE_BEFORE.search(before))


def _per_unit(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """每股0.58港元 x 27.9亿股 = 派息总额16.2亿港元; 52.8亿元 / 4.2亿股 = 每股12.57元:
    some total in the paragraph must equal the per-unit figure times the count."""
    for c in claims:
        per = c.mention
        if per.kind != "money" or per.value is None:
            continue
        per_word = PER_UNIT_BEFORE.search(folded[max(c.sentence[0], per.start - 12):per.start])
        if not (per_word or PER_UNIT_AFTER.match(folded, per.end)):
            continue
        if per.lo is None or per.hi is None:
            continue  # 回购价格不超过36.00元/股: a bound, not a price to multiply
        if EXTREME_PRICE.search(folded, max(c.sentence[0], per.start - 10), per.start):
            continue  # 最高成交价为5.99元/股，最低…5.10元/股: the range's ends, not the price paid
        per_unit = (per_word.group("per") or "人") if per_word else "股"  # 人均: per person
        near = [d for d in within(claims, per.start - 240, per.start + 241)
                if d.paragraph == c.paragraph]
        counts = []
        for d in near:  # 27.9亿股 for 每股; 12.5公斤 for 每克, converted with pint
            m = d.mention
            if m.kind != "count" or not m.unit or m.value is None \
                    or LOT_BEFORE.search(folded, max(d.sentence[0], m.start - 4), m.start):
                continue  # (每手1000股: a board lot's size, no count of the shares sold)
            if kin(m.unit) == kin(per_unit) and (m.multiplier != 1 or m.value >= 1000):
                counts.append((m, Decimal(1)))  # 479万名 for 每人: people either way
            elif kin(m.unit) != kin(per_unit):
                factor = convert(Decimal(1), m.unit, per_unit)
                if factor is not None:
                    counts.append((m, factor))
        if not counts:
            continue
        count, factor = min(counts, key=lambda x: abs(x[0].start - per.start))
        totals = [d for d in near if d.mention.kind == "money" and d.mention is not per
                  and d.mention.unit == per.unit and d.mention.value is not None
                  and d.mention.value > per.value and not _per_figure(folded, d)]
        if not totals:
            continue
        net = {d.mention.start for d in totals if NET_WORD.search(  # 所得款项净额: the
            folded, max(d.sentence[0], d.mention.start - 10), d.mention.start)}  # costs off
        raised = {d.mention.start for d in totals if RAISED_WORD.search(
            folded, max(d.sentence[0], d.mention.start - 6), d.mention.start)}

        def product_is(pair: tuple[Claim, tuple[Mention, Decimal]], flag: bool,
                       per: Mention = per, net: set[int] = net,
                       raised: set[int] = raised) -> bool:
            d, (count, factor) = pair
            plo, phi = check_interval(per, flag)
            clo, chi = check_interval(count, flag)
            tlo, thi = check_interval(d.mention, flag)
            if thi is None and tlo is not None and d.mention.qualifier == "over":
                thi = tlo * 10  # 集资逾千亿: open above
            if None in (plo, phi, clo, chi, tlo, thi):
                return False
            if d.mention.start in net:
                thi = thi / NET_FLOOR
            elif d.mention.start in raised:
                tlo = tlo / OVER_ALLOTMENT
            return _product_fits((plo, phi), (clo, chi), (tlo, thi), flag, factor)

        # every count is tried (2025年员工4,820人 … 2024年的4,150人): consistent if one fits
        strict, lenient = _any_fit([(d, cf) for d in totals for cf in counts], product_is)
        report.checked.update({per.start, *(cf[0].start for cf in counts),
                               *(d.mention.start for d in totals)})
        if strict:
            continue
        hint = TOTAL_HINT
        if DIVIDEND_WORD.search(folded, max(c.sentence[0], per.start - 12), per.start):
            hint = DIVIDEND_WORD  # 每股派发现金红利0.215元: a dividend total, not 总市值
        hinted = [d for d in totals if hint.search(  # 总额约…, or 约130亿美元的营收
            folded[max(d.sentence[0], d.mention.start - 10):d.mention.start]
            + "|" + folded[d.mention.end:d.mention.end + 6])]
        if not hinted:
            continue  # no stated figure is called a total (总额, 市值, 派息…): nothing to compare
        if COST_PER.search(folded, max(c.sentence[0], per.start - 16), per.start) and not any(
                COST_TOTAL.search(folded, max(d.sentence[0], d.mention.start - 10),
                                  d.mention.start) for d in hinted):
            continue  # 平均成本为每平方米5221元 against 合同销售额2270亿元: a cost, no sales
        target = min(hinted or totals, key=lambda d: abs(d.mention.start - count.start)).mention
        expected = Decimal(per.value) * Decimal(count.value) * factor
        ratio = Decimal(target.value) / expected if expected else Decimal(0)
        hint_words = _magnitude_hint(ratio) if ratio else ""
        # without a word that makes it a total (总额, 市值, 名义…) the pairing is a guess
        severity = "error" if hinted and not lenient else "warning"
        if expected and not any(_magnitude_hint(r) or 1 / UNRELATED <= r <= UNRELATED
                                for r in (Decimal(d.mention.value) / expected for d in hinted)):
            # said, not flagged (an info, so that the severity judge's slipped re-runs, which
            # match findings by rule and place, cannot read its silence as a slip explained)
            severity = "info"
            hint_words = ("; too far from every total for one slip: the count is likely not "
                          "the total's")
        report.findings.append(Finding(
            "per-unit", severity,
            [_span(per), _span(count), *(_span(d.mention) for d in totals)],
            f"{per.text} x {count.text} = {_fmt(expected, 0)}, which matches no stated total "
            f"(nearest: {target.text}){hint_words}",
            expected=_fmt(expected, 0), found=target.text,
            mentions=(per, count, *(d.mention for d in totals)),
            evidence={"arithmetic": f"{per.value} x {count.value}"}))
