"""Bare amounts whose currency the sentence or the document gives: a round mark passed (突破
300亿, 跨越百亿门槛, 重上百亿大关), a base or running total (比去年同期四百○四亿, 累计近6千亿) after
a money figure of the same sentence, an amount after a money word (净赚3.2亿) in a story
that writes out one currency only, a comparison base (較首季的1,022億) and a share restated
as an amount (75%或169.3億)."""

from __future__ import annotations

import re
from decimal import Decimal

from .cand import Cand
from .positions import within

MARK_SCALE = Decimal(10) ** 8  # 亿 and up: a round mark, not a count of small things
MONEY_MARK_BEFORE = re.compile(r"(?:突破|首破|再破|跨越|跨过|重上|重返|站上|攻进|冲上|迈上|逼近|过"
                               r"|同期|去年|上年|累计|累积)(?:为|达|的)?\s?$")
MONEY_MARK_AFTER = re.compile(r"\s?(?:大关|关口|门槛|关卡)")
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# people or things a figure counts: 月活跃用户突破10亿 is no money, whatever the sentence holds
COUNT_WORDS = re.compile(r"用户|客户|人次|人口|人数|员工|会员|旅客|游客|访客|粉丝|户数"
                         r"|辆|架次|艘|吨|件|张|套|宗|户|颗|枚")


def money_of_mark(c: Cand, cands: list[Cand], folded: str, sent_start: int,
                  prev: Cand | None) -> Cand | None:
    """The money figure before ``c`` in its sentence whose currency the bare mark or base
    ``c`` takes, or None (no mark word, no money before it, or words naming a count)."""
    if not (c.multiplier >= MARK_SCALE or "亿" in (c.number_text or "")):
        return None
    if not (MONEY_MARK_BEFORE.search(folded, max(sent_start, c.start - 6), c.start)
            or MONEY_MARK_AFTER.match(folded, c.end)):
        return None
    since = max(_clause_start(folded, sent_start, c.start), prev.end if prev else 0)
    if COUNT_WORDS.search(folded, since, c.start):  # the words since the figure before
        return None
    money = [d for d in within(cands, sent_start, c.start) if d.kind == "money" and not d.bare]
    return min(money, key=lambda d: abs(d.start - c.start)) if money else None


def money_among(c: Cand, cands: list[Cand], folded: str) -> Cand | None:
    """The nearest 亿-scale money figure of the paragraph when ``c`` is a 亿-scale amount
    written without digits (非货基规模实现了百亿以上的增长 … 509.82亿元): its currency."""
    if c.multiplier < MARK_SCALE or any(ch in "0123456789" for ch in c.number_text):
        return None
    start = folded.rfind("\n", 0, c.start) + 1
    end = folded.find("\n", c.end)
    money = [d for d in within(cands, start, end if end >= 0 else len(folded))
             if d.kind == "money" and not d.bare and d.multiplier >= MARK_SCALE]
    return min(money, key=lambda d: abs(d.start - c.start)) if money else None


def _clause_start(folded: str, lo: int, pos: int) -> int:
    found = [m.end() for m in CLAUSE_BREAK.finditer(folded, lo, pos)]
    return found[-1] if found else lo


def written_currency(cands: list[Cand]) -> str | None:
    """The currency of every amount whose currency the document writes out, when it is one
    (仙 is no currency of its own: Hong Kong cents or Malaysian sen, settled later)."""
    codes = {d.unit for d in cands if d.kind == "money" and not d.bare and d.unit
             and str(d.extra.get("currency_basis", "")).startswith("written")
             and "仙" not in str(d.extra.get("currency_basis"))}
    return codes.pop() if len(codes) == 1 else None


COMPARED = re.compile(r"(?:较|比|相比|对比|同比|去年同期|上年同期)[^，,。；;\d]{0,8}$")


def compared_with(c: Cand, cands: list[Cand], folded: str, sent_start: int,
                   before: str) -> Cand | None:
    """The money level a bare amount is the comparison base of (909億，較首季的1,022億): the
    nearest money amount with a multiplier before it in its sentence."""
    if c.multiplier == 1 or not COMPARED.search(before):
        return None
    money = [d for d in within(cands, sent_start, c.start) if d.kind == "money"
             and not d.bare and d.multiplier != 1]
    return money[-1] if money else None


SHARE_OR = re.compile(r"\s?(?:或|即)\s?")


def whole_of_share(c: Cand, prev: Cand | None, cands: list[Cand], folded: str,
                    sent_start: int) -> Cand | None:
    """The whole a share restated as an amount (75%或169.3億) is part of: the nearest amount
    with a multiplier before the share in its sentence."""
    if prev is None or prev.bare or prev.kind != "percent" or c.multiplier == 1 \
            or not SHARE_OR.fullmatch(folded, prev.end, c.start):
        return None
    wholes = [d for d in within(cands, sent_start, prev.start) if not d.bare
              and d.kind in ("money", "count") and d.multiplier != 1
              and not d.extra.get("unit_basis", "").startswith("a share's amount")]
    return wholes[-1] if wholes else None
