"""A share's quote written in 億: 銀娛收市報41.44億元，跌4.3% (a close of 41.44元).

No listed share trades at hundreds of millions a unit in any currency, so a quote (收市報,
收報, 暫報, 報收, 收於, 股價) whose figure carries 億 has a stray multiplier. A quote of a total
(市值, 成交, 營收 …) is no share price and is left alone, as are index levels (點)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..reference import Reference
from .common import _span
from .findings import Finding, Report

QUOTE = re.compile(r"(?:收市报|收报|暂报|报收|收于|收在|收盘价|收市价|股价)(?:为|报|至|在)?\s?$")
# a total quoted with 报: 市值收报…, 成交额报…, 营收报…
TOTAL_WORD = re.compile(r"市值|成交|营收|收入|总值|资产|净值|规模|余额|金额|总额|资金|指数|指")
YI = Decimal(10) ** 8


def _price_magnitude(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    for c in claims:
        m = c.mention
        if m.kind != "money" or m.multiplier < YI or m.start in report.checked:
            continue
        clause = max(folded.rfind(ch, 0, m.start) for ch in "，,。；;：:\n") + 1
        if not QUOTE.search(folded, max(clause, m.start - 6), m.start) \
                or TOTAL_WORD.search(folded, clause, m.start):
            continue
        report.checked.add(m.start)
        report.findings.append(Finding(
            "price-magnitude", "warning", [_span(m)],
            f"{m.text} is quoted as a share price, but no share trades at hundreds of millions a "
            f"unit: the 億 is likely stray ({m.text.replace('億', '').replace('亿', '')}?)",
            expected="a share price without 億", found=m.text, mentions=(m,),
            evidence={"multiplier": str(m.multiplier)}))
