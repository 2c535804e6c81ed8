"""A board lot's money: 一手2000股 … 賬面賺280元 is the lot times the move from the offer
price to the close; 每手500股入場費約5.72萬港元 is the lot times the price; in Taiwan a 張 is
1,000 shares, so 持有一張能領息866元 is a thousand times the 0.866元 paid per share.

Hong Kong IPO and grey-market stories state these in every paragraph. The figures are found
by their words (lexicon/lots.csv: the lot, the gain or loss, the entry fee, the offer price
and the close), in the paragraph of the money figure. A binding with one reading is strong.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import LEXICON_DIR
from ..textfold import fold
from .common import Binding, _row
from .document import Document, within
from .frames import Frame
from .solve import compile_formula

WINDOW = 10  # characters before a figure in which its word is looked for
BRACKET_MOVE = re.compile(r"\s?[（(]\s?(?P<sign>[+＋\-－])?\s?$")  # 暗盤價:1元(+67%)


@lru_cache(maxsize=1)
def lot_words() -> dict[str, re.Pattern[str]]:
    """role -> the words that name it, as one pattern ending where the figure starts."""
    words: dict[str, list[str]] = {}
    with (LEXICON_DIR / "lots.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            words.setdefault(row["role"], []).append(fold(row["word"]))
    return {role: re.compile("(?:" + "|".join(sorted(map(re.escape, ws), key=len,
                                                       reverse=True)) + r")[^，,。；;\d]{0,6}$")
            for role, ws in words.items()}


def _named(f: Frame, role: str, doc: Document) -> bool:
    return lot_words()[role].search(doc.folded, max(f.paragraph[0], f.start - WINDOW),
                                    f.start) is not None


def bind_lots(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    amounts = [f for f in frames if f.quantity == "amount" and f.unit]
    for f in amounts:
        gain, loss, fee = (_named(f, r, doc) for r in ("gain", "loss", "fee"))
        if not (gain or loss or fee) or f.unit == "股":
            continue
        para = [x for x in amounts if x.paragraph == f.paragraph and x is not f]
        lots = [x for x in para if x.unit == "股" and _named(x, "lot", doc)]
        own = [x for x in lots if x.sentence == f.sentence and x.start < f.start]
        lots = own[-1:] or lots  # 調整至每手100股後，入場費…: the lot of the fee's sentence
        prices = [x for x in para if x.unit == f.unit and x.start < f.start
                  and not any(_named(x, r, doc) for r in ("gain", "loss", "fee"))]
        if len(lots) != 1 or not prices:
            continue
        lot = lots[0]
        if fee:  # the price named as one (以收市價114.4港元計算, 發售價每股14.75元), not the
            named = [x for x in prices if _named(x, "offer", doc) or _named(x, "close", doc)]
            if not named:  # 集資近6.1億元 between it and the fee
                continue
            price = named[-1]
            yield Binding(_row("lot_fee"), "fee", [{"fee": f, "lot": lot, "price": price}],
                          True)
            continue
        offers = [x for x in prices if _named(x, "offer", doc)]
        closes = [x for x in prices if _named(x, "close", doc) and x not in offers]
        if len(offers) != 1 or not closes:
            continue
        row = _row("lot_gain" if gain else "lot_loss")
        alts = [{"gain": f, "lot": lot, "close": c, "offer": offers[0]}
                for c in reversed(closes)]  # the nearest close first
        yield Binding(row, "gain", alts, len(alts) == 1)


def bind_bracketed(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """招股價:0.60元 暗盤價:1元(+67%): a signed rate in brackets right after a price is that
    price's move from the offer price its paragraph names (an IPO table written as lines)."""
    for i, r in enumerate(frames):
        if r.quantity != "percent" or r.scale != 1 or r.role not in ("level", "move") or not i:
            continue
        level = frames[i - 1]
        m = BRACKET_MOVE.fullmatch(doc.folded, level.mention.end, r.start)
        if m is None or level.quantity != "amount" or not level.unit:
            continue
        offers = [x for x in frames if x.paragraph == r.paragraph and x.quantity == "amount"
                  and x.unit == level.unit and x.start < level.start and _named(x, "offer", doc)]
        if len(offers) != 1:
            continue
        row = _row("bracketed_move")
        formula = FALL if m.group("sign") in ("-", "－") else None
        yield Binding(row, "rate", [{"rate": r, "level": level, "base": offers[0]}], True,
                      formula)


FALL = compile_formula("-rate = (level / base - 1) * 100")



SUBJECTLESS_CLOSE = re.compile(r"\s?(?:并|并以|最终|最后|其后|之后|终)?"
                               # 在耀才暗盤交易收報19.46元: a venue, not a stock of its own
                               r"(?:在[\u4e00-\u9fff]{1,8}?|(?:上市)?首日|暗盘)?"
                               r"(?:收报|收市报|收于|收在|报收)")


def bind_offer_moves(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """…較定價10.2元升最多約65.9%。收報12.94元，升26.8%: a sentence that opens with a close
    and names no stock of its own continues the last one; its move, with no base or change of
    its own, is on the offer price its paragraph named."""
    for r in frames:
        if r.role != "move" or r.quantity != "percent" or r.scale != 1 or r.direction == 0:
            continue
        own = within(frames, *r.sentence)
        if any((f.role == "base" and f.clause[0] >= r.clause[0] - 40) or (
                f.role == "move" and f.quantity == "amount" and f.clause == r.clause)
               for f in own if f.start > r.start or f.clause == r.clause):
            continue  # a base or change of its own clause
        level = next((f for f in reversed(own) if f.quantity == "amount" and f.start < r.start
                      and f.unit), None)
        if level is None or not SUBJECTLESS_CLOSE.match(doc.folded, level.clause[0]):
            continue  # 收報12.94元，升26.8%: a close with no subject of its own
        offers = [x for x in frames if x.paragraph == r.paragraph and x.quantity == "amount"
                  and x.unit == level.unit and x.start < level.clause[0]
                  and _named(x, "offer", doc)]
        if len({x.mention.value for x in offers}) != 1:
            continue
        yield Binding(_row("offer_move"), "rate",
                      [{"rate": r, "level": level, "base": offers[-1]}], True)


SHARES_PER_SHEET = 1000  # 一張 = 1,000 股 on the Taiwan exchange
ONE_SHEET = re.compile(r"[一每]\s?张")
DIVIDEND_MAX = 1000  # a per-share payment in the currency's units, not a total


def bind_sheets(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """持股約162.18萬張…約可領得72.89億元 with 配現金股利4.5元: sheets x 1,000 x the cash paid
    per share; 持有一張能領息866元: 1,000 x the cash per share (a unit of an ETF alike)."""
    amounts = [f for f in frames if f.quantity == "amount" and f.unit]
    for f in amounts:
        if not _named(f, "payout", doc):
            continue
        named = [x for x in amounts if x.unit == f.unit and x.start < f.start
                 and _named(x, "dividend", doc) and x.mention.value is not None
                 and 0 < x.mention.value < DIVIDEND_MAX]
        # the payment of the payout's own sentence, else of its paragraph, else the story's
        for scope in (f.sentence, f.paragraph, None):
            paid = {x.mention.value: x for x in named if scope is None
                    or scope[0] <= x.start < scope[1]}
            if paid:
                break
        if len(paid) != 1:
            continue
        dividend = next(iter(paid.values()))
        sheets = [x for x in within(frames, f.sentence[0], f.start) if x.unit == "张"]
        if sheets:
            yield Binding(_row("sheet_payout"), "payout",
                          [{"payout": f, "sheets": sheets[-1], "dividend": dividend}], True)
        elif ONE_SHEET.search(doc.folded, f.sentence[0], f.start):
            yield Binding(_row("sheet_payout_one"), "payout",
                          [{"payout": f, "dividend": dividend}], True)


PER_SHARES = re.compile(r"每\s?$")  # 每10股派发现金红利46.70元: the 10股 the cash is paid per
PAID_AFTER = re.compile(r"\s?(?:派发?|派送|分配|派现)[^，,。；;\d]{0,8}$")


def bind_distribution(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """以总股本12.56亿股为基数，每10股派发现金红利216.75元，共分配利润272.28亿元: the whole
    payout is the shares times the cash paid per N shares, over N (a payout per one share,
    每股派…, is checks/products.py's per-unit rule)."""
    for i, cash in enumerate(frames):
        if cash.quantity != "amount" or not cash.unit or cash.unit == "股" or not i:
            continue
        per_n = frames[i - 1]
        if per_n.unit != "股" or not PER_SHARES.search(
                doc.folded, max(per_n.sentence[0], per_n.start - 2), per_n.start) \
                or not PAID_AFTER.search(doc.folded, per_n.mention.end, cash.start):
            continue
        own = within(frames, *cash.sentence)
        shares = [f for f in own if f.unit == "股" and f.start < cash.start and f is not per_n
                  and _named(f, "share_base", doc)]
        totals = [f for f in own if f.start > cash.start and f.unit == cash.unit
                  and _named(f, "distributed", doc)]
        if len(shares) != 1 or not totals:
            continue
        yield Binding(_row("distribution"), "total", [{"total": totals[0], "shares": shares[0],
                                                       "cash": cash, "per": per_n}], True)
