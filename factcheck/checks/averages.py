"""An average and the total and count it divides: 14只产品发行份额合计311.24亿份，平均发行份额为
22.23亿份; 共165個交易日，總成交金額60兆1,094.55億元，日平均成交金額3,643.00億元; 每名成員平均賺
4,400元 of 約208億元 over 475萬名.

The average is named by its word (平均, 日均, 人均 …); its total is a figure of the same unit
called a total (合计, 共, 总, 累计 …) and its count a figure of another unit (只, 家, 名, 個交易日)
in the same or the previous sentence of the paragraph. With one reading the pairing is an
error when it fails (if a single slip explains it, see repair.py); with several, a warning.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..model import Mention
from ..reference import Reference
from .common import _fmt, _span, check_interval
from .findings import Finding, Report

AVERAGE = re.compile(r"(?:平均|[日人户场套件笔单亩车次]均|均价)[\u4e00-\u9fff]{0,8}?"
                     r"(?:为|达到?|约为?|是|赚|值达)?\s?$")
TOTAL = re.compile(r"(?:合计|共计|总计|累计|总额|总成交|总|共|全年|全体)[\u4e00-\u9fff]{0,8}?"
                   r"(?:为|达到?|约为?|是)?\s?$")
# a sentence that opens on the period before (上周成交1325套…均价52774元) is that period's record:
# this week's total is no total of last week's average
PRIOR_OPEN = re.compile(r"\s?(?:而|但|另外)?(?:上[一个]?(?:周|星期|月|季度?|年|期)|去年"
                        r"|前一(?:周|月|年|季)|上年同期)")
REACH = 16  # characters before a figure in which its word is looked for


def _word(pattern: re.Pattern[str], folded: str, c: Claim) -> bool:
    return pattern.search(folded, max(c.sentence[0], c.mention.start - REACH),
                          c.mention.start) is not None


def _average(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    for i, c in enumerate(claims):
        avg = c.mention
        if avg.kind not in ("money", "count") or avg.value is None or not avg.value \
                or not _word(AVERAGE, folded, c):
            continue
        scope = [d for d in claims[:i] if d.paragraph == c.paragraph
                 and c.sentence[0] - d.sentence[1] <= 2 and d.mention.value
                 and d.role != "base"  # 較2024年的4,150人: the comparison's, not this average's
                 and (not c.period or not d.period or c.period == d.period)
                 and _prior(folded, d) == _prior(folded, c)]
        totals = [d.mention for d in scope if d.mention.kind == avg.kind
                  and d.mention.unit == avg.unit and d.mention.value > avg.value
                  and d.mention.hi is not None and not _lone_magnitude(d.mention)
                  and _word(TOTAL, folded, d) and not _word(AVERAGE, folded, d)]
        # (套均总价436.22万元 is itself an average, whatever 总 says)
        # (錄得118宗登記，平均每宗金額約2005萬元。…雲海，登記總值35.15億元，平均每宗約1292萬元:
        # a count the sentence before averages a figure of its own is that average's)
        averaged = {d.sentence for d in scope if d.sentence != c.sentence
                    and d.mention.kind == avg.kind and _word(AVERAGE, folded, d)}
        counts = [d.mention for d in scope if d.sentence not in averaged and (
                  (d.mention.kind == "count" and d.mention.unit != avg.unit)
                  or (d.mention.kind == "duration" and d.mention.unit == "day"
                      and "日" in folded[avg.start - REACH:avg.start]))]
        if not totals or not counts:
            continue
        pairs = [(t, n) for t in totals for n in counts]
        report.checked.update({avg.start, *(t.start for t in totals), *(n.start for n in counts)})
        if any(_fits(avg, t, n) for t, n in pairs):
            continue
        # 4月实现合约销售金额约为503.9亿元，合约销售面积约为464.7万平方米，均价为每平方米10844元:
        # the average's own sentence states the amount it divides, with no word calling it a
        # total; it fits, so the 累计 figures before it are another period's
        own = [d.mention for d in scope if d.sentence == c.sentence
               and d.mention.kind == avg.kind and d.mention.unit == avg.unit
               and d.mention.value > avg.value and d.mention.hi is not None]
        if any(_fits(avg, t, n) for t in own for n in counts):
            continue
        total, count = totals[-1], counts[-1]
        expected = Decimal(total.value) / Decimal(count.value)
        report.findings.append(Finding(
            "per-unit", "error" if len(pairs) == 1 else "warning",
            [_span(avg), _span(total), _span(count)],
            f"{avg.text} is not the average of {total.text} over {count.text} "
            f"({total.text} / {count.text} = {_fmt(expected, 2)})",
            expected=_fmt(expected, 2), found=avg.text, mentions=(avg, total, count),
            evidence={"arithmetic": f"{total.value} / {count.value}"}))


def _prior(folded: str, c: Claim) -> bool:
    return PRIOR_OPEN.match(folded, c.sentence[0]) is not None


def _lone_magnitude(m: Mention) -> bool:
    """总规模突破千亿, 逾百亿: a round mark the total passed, not the total an average divides."""
    return bool(m.number_text) and not m.number_text.strip("十百千万亿萬億兆")


def _fits(avg: Mention, total: Mention, count: Mention) -> bool:
    alo, ahi = check_interval(avg)
    tlo, thi = check_interval(total)
    if thi is not None and total.qualifier == "exact" and total.precision:
        thi = max(thi, Decimal(total.value) + total.precision)  # 4兆5695億 cut from 4兆5,695.69
    nlo, nhi = check_interval(count)
    if alo is None or ahi is None or tlo is None or thi is None or not nlo or not nhi \
            or nlo <= 0:
        return True  # an open bound divides into anything: nothing to hold against
    return tlo / nhi <= ahi and alo <= thi / nlo
