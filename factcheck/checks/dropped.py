"""An aggregate amount that lost its multiplier: 營業收入171.4億元 … 營業成本及費用為136.4元.

A company's costs, a province's investment, a market's value are never a few hundred 元 when
the clauses around them state sibling aggregates in 億 or 萬: read with the siblings'
multiplier, the odd figure is their size. Per-unit figures (每股, 人均, 單價, 股價 …) and
amounts with no multiplied sibling near are left alone. The pass runs after the relation
engine and leaves a figure already flagged to it (a relation's repair names the slip more
precisely); its finding is a warning, as the text cannot say which multiplier was lost. The
mirror of prices.py (a share price that gained a stray 億)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..model import Mention
from ..reference import Reference
from .common import _span
from .findings import Finding, Report

# the metric words of aggregates (the clause's words before the figure end with one)
AGGREGATE = re.compile(r"(?:收入|营收|成本|费用|支出|利润|净利|纯益|盈利|亏损|投资|总额|总值|市值"
                       r"|成交额|成交金额|资产|负债|余额|规模|销售额|营业额|出口额?|进口额?"
                       r"|进出口|金额|收益|税收|存款|贷款)[^\d，,。；;]{0,6}$")
PER_UNIT = re.compile(r"每|人均|单位|单价|均价|股价|价格|售价|报价|票价|房价|租金|工资|薪|月薪|年薪"
                      r"|收报|报收|收市|平均")
MIN_MULTIPLIER = Decimal(10) ** 4  # siblings in 万 or more
REACH = 120  # characters: siblings of one sentence or the clauses around it
APART = Decimal(10) ** 5  # as written, this many times smaller than its sibling at least
MOVED = re.compile(r"(?:增加|减少|增|减|多|少|涨|跌|升|降|上涨|下跌|上升|下降|提高|降低)了?\s?$")
NEAR = Decimal(100)  # read with the siblings' multiplier, within this factor of one of them


def _dropped_multiplier(folded: str, claims: list[Claim], ref: Reference,
                        report: Report) -> None:
    flagged = {tuple(s) for f in report.findings for s in f.spans}
    for c in claims:
        m = c.mention
        if m.kind != "money" or m.multiplier != 1 or m.value is None or m.value < 1 \
                or m.qualifier == "vague" or (m.start, m.end) in flagged:
            continue
        clause = max(folded.rfind(ch, c.sentence[0], m.start) for ch in "，,。；;：:\n") + 1
        words = folded[max(clause, c.sentence[0]):m.start]
        if not AGGREGATE.search(words) or PER_UNIT.search(words) or MOVED.search(words) \
                or folded.startswith(("/", "每"), m.end):
            continue  # (支出增19元: a change may be small)
        peers = [d.mention for d in claims if d.paragraph == c.paragraph and d is not c
                 and abs(d.mention.start - m.start) <= REACH
                 and d.mention.kind == "money" and d.mention.unit == m.unit
                 and d.mention.value and d.mention.multiplier >= MIN_MULTIPLIER]
        fits = [p for p in peers if 1 / NEAR <= Decimal(m.value) * p.multiplier
                / Decimal(p.value) <= NEAR and Decimal(p.value) / Decimal(m.value) >= APART]
        if not fits:
            continue
        peer = fits[0]
        word = _after_digits(peer.text)  # 171.4億元 -> 億元
        report.checked.add(m.start)
        report.findings.append(Finding(
            "multiplier-missing", "warning", [_span(m), _span(peer)],
            f"{m.text} is an aggregate written without a multiplier beside {peer.text}: read "
            f"with theirs it is their size, as written about 10^{_power(m, peer)} times smaller; "
            f"a lost multiplier is likely",
            expected=f"{m.number_text}{word}" if word else "a multiplier (萬, 億)",
            found=m.text, mentions=(m, peer),
            evidence={"peer_multiplier": str(peer.multiplier)}))


def _power(m: Mention, peer: Mention) -> int:
    """The power of ten between the sibling and the figure as written."""
    return round((Decimal(peer.value) / Decimal(m.value)).log10())


def _after_digits(text: str) -> str:
    """The words after a figure's last digit (171.4億元 -> 億元)."""
    last = max((i for i, ch in enumerate(text) if ch.isdigit()), default=-1)
    return text[last + 1:] if last >= 0 else ""
