"""Cents and their dollar: 仙 and 分 amounts take the dollar they are hundredths of.

仙 is the cent of the dollar the paragraph writes (Hong Kong cents, Malaysian sen, Singapore and
Canadian cents); whole dollars and the cents written right after them are one price (3令吉38仙);
分 after a prefixed dollar (人民幣 17.15 分) and after a currency's move (新台幣貶3.2分) is a
hundredth of that currency. Kept apart from currency.py, which decides what a bare 元 means.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from .cand import Cand, DocContext
from .positions import within

CENT_WORDS = ("'仙'",)  # currency_basis of a cent amount written without its dollar
SEN_DOLLARS = ("HKD", "SGD", "MYR", "CAD")  # the dollars whose cent is written 仙 (not 美分)


def _nearest(cands: list[Cand], pos: int) -> Cand:
    """The candidate (of a non-empty list in text order) starting nearest ``pos``; the
    earlier one on a tie, as min() over the list would take."""
    k = bisect.bisect_left(cands, pos, key=lambda d: d.start)
    near = cands[max(0, k - 1):k + 1]
    return min(near, key=lambda d: abs(d.start - pos))


def cent_currency(cands: list[Cand], folded: str, ctx: DocContext | None = None) -> None:
    """仙 is the cent of the dollar the paragraph writes: 3.88令吉，涨79仙 is 0.79 MYR,
    派息每股36仙 beside 22.4亿新元 is SGD; without a written dollar in its paragraph, the dollar
    the story writes most (每股派2.6仙 in a story of 令吉 is sen); with none, the dollar of the
    story's place (每股八十二仙 in the Canadian press), else HKD."""
    money = [c for c in cands if c.kind == "money" and c.unit]
    dollars = [d for d in money if d.unit in SEN_DOLLARS
               and str(d.extra.get("currency_basis", "")).startswith("written")
               and not str(d.extra.get("currency_basis", "")).endswith(CENT_WORDS)]
    if not dollars:
        if ctx is not None and ctx.locale and ctx.currency in SEN_DOLLARS:
            for c in money:
                if str(c.extra.get("currency_basis", "")).endswith(CENT_WORDS):
                    c.unit = ctx.currency
                    c.extra["currency_basis"] = f"仙 of the story's {ctx.currency} " \
                        f"({ctx.currency_basis})"
        return
    counts = {u: sum(d.unit == u for d in dollars) for u in SEN_DOLLARS}
    top = [d for d in dollars if counts[d.unit] == max(counts.values())]  # the story's dollar
    if ctx is not None and len({d.unit for d in top}) > 1 and ctx.currency in counts \
            and counts[ctx.currency] == max(counts.values()):  # a tie: the story's own place
        top = [d for d in top if d.unit == ctx.currency]  # (吉隆坡訊 … 280億港元 … 167.6億令吉)
    for c in money:
        if not str(c.extra.get("currency_basis", "")).endswith(CENT_WORDS):
            continue
        start = folded.rfind("\n", 0, c.start) + 1
        end = folded.find("\n", c.end)
        end = len(folded) if end < 0 else end
        written = within(dollars, start, end) or top  # else the one it writes most
        near = _nearest(written, c.start)
        if near.unit != c.unit:
            c.unit = near.unit
            c.extra["currency_basis"] = f"仙 of the paragraph's {near.unit} " \
                f"({folded[near.start:near.end]!r})"


# 每股溢利人民幣 17.15 分: a dollar written before the number and 分 after it is that many
# hundredths (not 分之, 分钟, 分别, 分派 …)
PREFIX_FEN = re.compile(r"(?:[约逾近超达]\s?)?(?:人民币|新台币|台币|港币|澳门币)")
FEN_AFTER = re.compile(r"\s?分(?![之钟別别配红派拆析布数享])")


def prefix_fen(cands: list[Cand], folded: str) -> None:
    """人民幣 5.55 分 is 0.0555 yuan, read whole, where the scanner stops before 分."""
    if "分" not in folded:
        return
    for c in cands:
        if c.kind != "money" or c.multiplier != 1 or not isinstance(c.value, Decimal) \
                or not PREFIX_FEN.match(folded, c.start):
            continue
        fen = FEN_AFTER.match(folded, c.end)
        if fen is None:
            continue
        c.value /= 100
        c.ulp = c.ulp / 100 if c.ulp is not None else None
        c.scale = c.scale / 100
        c.end = fen.end()
        c.extra["currency_basis"] = f"{c.extra.get('currency_basis', '')}; 分 after it: cents"


def join_cents(cands: list[Cand], folded: str) -> list[Cand]:
    """3令吉38仙, 4令吉零5仙: whole dollars and the cents written right after them are one
    price (3.38 MYR), not a price of 3 and another of 0.38."""
    if "仙" not in folded:
        return cands
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        zero = prev is not None and len(out) > 1 and folded[prev.start:prev.end] == "零"
        if zero:
            prev = out[-2]  # (4令吉零5仙: the 零 read as a figure of its own)
        if prev is not None and c.kind == prev.kind == "money" and c.unit == prev.unit \
                and folded[c.end - 1:c.end] == "仙" and folded[prev.end:c.start] in ("", "零") \
                and isinstance(prev.value, Decimal) and isinstance(c.value, Decimal) \
                and prev.value == prev.value.to_integral_value() and 0 < c.value < 1 \
                and str(prev.extra.get("currency_basis", "")).startswith("written") \
                and prev.qualifier == "exact" and c.qualifier == "exact":
            prev.value += c.value
            prev.end, prev.ulp = c.end, c.ulp
            prev.number_text = f"{prev.number_text}.{folded[c.start:c.end]}"
            if zero:
                out.pop()
            continue
        out.append(c)
    return out


# 新台幣貶3.2分, 人民幣升值150個基點: a currency's move in 分 (hundredths of its dollar); 升 or 跌
# alone only when the clause names the currency (景氣分數增加1分 is a score)
FX_MOVE = re.compile(r"(?:贬值|升值|走贬|走升|贬)了?\s?$")
# 每股盈利48.4分, 末期股息每股派3分: a per-share amount in 分 is in cents of the story's dollar
PER_SHARE_FEN = re.compile(r"(?:每股|股息|末期息|中期息|特别息)[^，,。；;\d]{0,8}?"
                           r"(?:为|达|约|派|是|了)?\s?$")
FX_PLAIN_MOVE = re.compile(r"(?:升|跌|涨)了?\s?$")
CLAUSE_MARKS = re.compile(r"[，,。；;\n]")
FX_NAMED = re.compile(r"台币|人民币|港币|港元|美元|日元|日圆|韩元|汇价|汇率|兑")


def _quote_unit(d: Cand, folded: str) -> bool:
    """以28.12元兌1美元開出: the one dollar a rate is quoted against, not the currency that
    moved."""
    return d.value == 1 and folded[max(0, d.start - 1):d.start] == "兑"


def fen_moves(cands: list[Cand], folded: str, ctx: DocContext) -> None:
    """A bare number followed by 分 after a currency's move word is that many hundredths
    of the currency (貶四點四分 = 0.044 TWD), in the currency of the clause's money."""
    marks: list[int] | None = None  # clause marks, found once (not one rfind per figure)
    for i, c in enumerate(cands):
        if not c.bare or not folded.startswith("分", c.end) or \
                folded.startswith(("分钟", "分之"), c.end) or c.value is None:
            continue
        if marks is None:
            marks = [m.start() for m in CLAUSE_MARKS.finditer(folded)]
        k = bisect.bisect_left(marks, c.start)
        clause = marks[k - 1] + 1 if k else 0
        per_share = PER_SHARE_FEN.search(folded, max(clause, c.start - 12), c.start)
        if not (per_share or FX_MOVE.search(folded, max(clause, c.start - 4), c.start) or (
                FX_PLAIN_MOVE.search(folded, max(clause, c.start - 3), c.start)
                and FX_NAMED.search(folded, max(0, clause - 40), c.start))):
            continue
        money = [d for d in cands[max(0, i - 3):i + 4] if d.kind == "money" and d.unit
                 and abs(d.start - c.start) <= 40 and not _quote_unit(d, folded)]
        c.kind, c.bare, c.end = "money", False, c.end + 1
        c.unit = _nearest(money, c.start).unit if money else ctx.currency
        c.value = c.value / 100
        c.ulp = c.ulp / 100 if c.ulp is not None else None
        c.scale = c.scale / 100
        c.extra["currency_basis"] = f"分 of a per-share amount ({c.unit})" if per_share \
            else f"分 of a currency's move ({c.unit})"
