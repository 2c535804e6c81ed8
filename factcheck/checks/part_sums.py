"""Findings of a list that breaks down one whole: the sum the sentence itself states
(分别为5,760万元和3,270万元，合计约9,030万元) and percentages that must add up to 100%
(其中70%用于补充资本，30%用作营运资金); and the arithmetic of a list's items: a part restated, the
first parts that already make the whole. The lists are found in parts.py."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..claims import Claim, growth_patterns
from ..model import Mention
from ..positions import STORY, within
from ..relations.document import CLAUSE_BREAK
from ..relations.written import digit_string
from ..units import kin
from .common import (
    _fmt,
    _magnitude_hint,
    _overlap,
    _span,
    breakdown_cut,
    check_interval,
    in_brackets,
)
from .findings import Finding, Report


def listed_sum(parts: list[Claim], total: Claim, report: Report) -> None:
    """Parts followed by the sum the sentence itself states."""
    ivs = [[check_interval(p.mention, flag) for p in parts] for flag in (False, True)]
    tivs = [check_interval(total.mention, flag) for flag in (False, True)]
    if any(None in iv for group in ivs for iv in group) or any(None in t for t in tivs):
        return
    fits = [_overlap((sum(iv[0] for iv in group), sum(iv[1] for iv in group)), t)
            for group, t in zip(ivs, tivs, strict=True)]
    report.checked.update({total.mention.start, *(p.mention.start for p in parts)})
    if fits[0]:
        return
    value = sum(Decimal(p.mention.value) for p in parts)
    names = " + ".join(p.mention.text for p in parts)
    report.findings.append(Finding(
        "parts-vs-total", "warning" if fits[1] else "error",
        [_span(total.mention), *(_span(p.mention) for p in parts)],
        f"{names} = {_fmt(value, 0)}, not {total.mention.text}"
        f"{_magnitude_hint(value / Decimal(total.mention.value))}",
        expected=_fmt(value, 0), found=total.mention.text,
        mentions=(total.mention, *(p.mention for p in parts)), evidence={"arithmetic": names}))


STAKE_AFTER = re.compile(r"\s?(?:的|之)?(?:权益|股权|股份|持股|控股权)")


def percent_parts(parts: list[Claim], report: Report, folded: str, start: int,
                  end: int) -> None:
    """其中70%用于补充资本，30%用作营运资金: percentage parts of one whole (``start``, ``end``:
    the list's segment). Rates the clause names (其中二星級(93.1%)和五星級酒店(92.1%)的入住率)
    are the items' own levels, not shares of one whole."""
    clause = CLAUSE_END.search(folded, parts[-1].mention.end, end)
    words = folded[start:clause.start() if clause else end]
    if RATE_WORD.search(words) and not SHARE_WORD.search(OWN_SHARE.sub("", words)):
        return  # (轿车、SUV和MPV市场占有率分别为…: each item's share of its own market)
    if any(p.mention.value is not None and not 0 <= p.mention.value <= 100 for p in parts):
        return  # 天然气(392.5%)…无线通信设备(-42.5%): a share is 0-100%; these are rates
    if any(ch in "+-−" for p in parts
           for ch in folded[max(0, p.mention.start - 1):p.mention.start + 1]):
        return  # (第一季度:+25.2%)，占集团零售值85.9%: a signed figure is a change, no share
    if all(STAKE_AFTER.match(folded, p.mention.end) for p in parts):
        return  # 于和记港口集团之80%权益及于和记港口信托之30.07%权益: stakes in two companies
    tail = folded[parts[-1].mention.end:clause.start() if clause else end]
    if MOVED_AFTER.match(tail) and not SHARE_WORD.search(tail):
        return  # 天然气(39.5%)、原油(79.9%)进口增加: the items' growth, no shares of a whole
    lo = sum((p.mention.lo or Decimal(0)) for p in parts)
    hi = sum((p.mention.hi or Decimal(0)) for p in parts)
    total = sum(Decimal(p.mention.value) for p in parts)
    report.checked.update(p.mention.start for p in parts)
    if lo <= 100 <= hi or hi < 100:
        return  # 其中 may list only some of the parts: falling short is no contradiction
    names = " + ".join(p.mention.text for p in parts)
    report.findings.append(Finding(
        "shares-sum", "error" if lo > 100 else "warning", [_span(p.mention) for p in parts],
        f"the percentages listed as parts of one whole add up to {_fmt(total, 1)}%: {names}",
        expected="100%", found=f"{_fmt(total, 1)}%", mentions=tuple(p.mention for p in parts),
        evidence={"arithmetic": names}))


CLAUSE_END = re.compile(r"[，,。；;\n]")
# the list's clause goes on to say its items moved (…进口增加, …均告上升)
MOVED_AFTER = re.compile(r"[)）]?[^，,。；;\d%]{0,8}?"
                         r"(?:增加|减少|增长|下降|上升|下跌|上涨|回落|下滑|攀升)")
RATE_WORD = re.compile(r"率")
SHARE_WORD = re.compile(r"占|比重|份额")
OWN_SHARE = re.compile(r"市场?占有率|市占率|占有率|渗透率")  # a rate each item has of its own whole


def of_amount_before(folded: str, claims: list[Claim], segment: tuple[int, int],
                      previous: Mention | None, c: Claim) -> bool:
    """The share names its own subject after an amount of its statement (經外港碼頭入境旅客
    為5,084,179人次，香港旅客佔60.7%): it is a share of that amount, the whole of this share
    alone, not an item of a breakdown of one whole."""
    from .share_of_total import _own_part

    m = c.mention
    floor = max(segment[0], previous.end if previous is not None else 0)
    amounts = [d.mention for d in within(claims, floor, m.start) if d.mention.end <= m.start
               and d.mention.kind in ("money", "count") and d.mention.unit
               and d.mention.value is not None]
    return bool(amounts) and not STATEMENT_END.search(folded, amounts[-1].end, m.start) \
        and _own_part(folded, c.sentence[0], amounts[-1], m)  # (纯电车型占64%，约5.52万辆；
    # 插混车型占36%: the amount of the statement before is the last item's, not a whole)


STATEMENT_END = re.compile(r"[；;]")
# 德國占比由100年最高點48.5%下滑至27.2%: 由/从 and at most a period before the figure, 至/到
# after it within its clause
# (活存比1年来自44.68%增至48.51%: Taiwan's 自 too, not 来自/源自/各自/自己; 年来 is "over
# the year")
FROM_MARK = re.compile(r"(?:由(?![于此])|从(?![而事])"
                       r"|(?:(?<![来源各亲独])|(?<=[年月季]来))自(?![己有营动然主]))"
                       r"[^，,。；;%由从自]{0,10}$")
FROM_REACH = 10


def from_level(folded: str, c: Claim) -> bool:
    """The figure a move starts from (由A下滑至B): an earlier period's value, no item of a
    list of this period's parts."""
    m = c.mention
    if not FROM_MARK.search(folded, max(c.sentence[0], m.start - FROM_REACH - 1), m.start):
        return False
    tail = folded[m.end:m.end + FROM_REACH]
    stop = CLAUSE_END.search(tail)
    tail = tail[:stop.start()] if stop else tail
    return "至" in tail or "到" in tail


def compound_list(folded: str, start: int, end: int) -> bool:
    """A compound metric's 分别 list (产销分别完成A、B: lexicon/compound_metrics.csv) before
    the first part: its items are the compound's parts in order, each of its own total."""
    from ..relations.compounds import compounds

    words = folded[start:end]
    return "分别" in words and any(form + "分别" in words or form + "量分别" in words
                                   for form, _ in compounds())


def an_earlier_whole(claims: list[Claim], parts: list[Claim], pos: int, sums_to: Any) -> bool:
    """出口大米碎米59,971吨 … 海路出口55,970吨，边贸出口4,001吨。而这当中，大米33,755吨，碎米
    26,216吨: the list breaks down a whole stated earlier in the story, not the figure right
    before it; a precise sum that equals an earlier figure of its kind exactly is that whole
    (looked for within a story's reach: a feed's long text holds many stories)."""
    kind, unit = parts[0].mention.kind, kin(parts[0].mention.unit)
    return any(sums_to(c, False) for c in within(claims, pos - STORY, pos)
               if c.mention.end <= pos
               and c.mention.kind == kind and kin(c.mention.unit) == unit
               and c.mention.value is not None and c.role != "base"
               and len(digit_string(c.mention).strip("0")) >= WHOLE_DIGITS)


WHOLE_DIGITS = 4  # an earlier whole this precise matched by chance was not seen


def _terms(parts: list[Claim], weights: list[int]) -> str:
    """737億元 - 105億元 + 2 x 405億元: the list's sum as the check added it."""
    out = []
    for i, (p, w) in enumerate(zip(parts, weights, strict=True)):
        op = ("-" if w < 0 else "") if i == 0 else (" - " if w < 0 else " + ")
        out.append(op + (f"{abs(w)} x " if abs(w) != 1 else "") + p.mention.text)
    return "".join(out)


def _prefix_adds_up(folded: str, parts: list[Claim], weights: list[int],
                    totals: list[Claim]) -> bool:
    """The first parts, as written, fall inside a total's stated interval (3家 + 89家 = 92家;
    進口546.75億 + 出口171.14億 = 717.89億) and a clause ends after them: the exhaustive split,
    and the items after it refine one of them (7家…下降超过70%) or compare them (逆差375.61億).
    (2家、1家、1家 is one enumeration: its items are parallel parts.)"""
    for k in range(2, len(parts)):
        if not CLAUSE_BREAK.search(folded, parts[k - 1].mention.end, parts[k].mention.start):
            continue
        head = sum(Decimal(p.mention.value) * w for p, w in zip(parts[:k], weights[:k],
                                                                   strict=True))
        if any(t.mention.lo is not None and t.mention.hi is not None
               and t.mention.lo <= head <= t.mention.hi for t in totals):
            return True
    return False


def _broken_down(parts: list[Claim], weights: list[int]) -> int:
    """How many parts the list keeps once items that add up to an earlier one are read as
    its breakdown (common.breakdown_cut); a list with weights (各, a subtracting part) stays
    whole."""
    if any(w != 1 for w in weights):
        return len(parts)
    return breakdown_cut([check_interval(p.mention, False) for p in parts])


def _once(folded: str, parts: list[Claim]) -> list[Claim]:
    """The parts without a later restatement of one (the same value after the same two
    characters: 東協10國 … 東協 10國)."""
    seen: set[tuple[object, str]] = set()
    out = []
    for p in parts:
        key = (p.mention.value, re.sub(r"\s", "", folded[max(0, p.mention.start - 3):
                                                           p.mention.start])[-2:])
        if key not in seen:
            out.append(p)
        seen.add(key)
    return out


PAIRED = re.compile(r"\s?(?:和|及|与|、)\s?[0-9０-９]")
AMOUNT_PAIR = re.compile(r"(?<![0-9０-９.,])[0-9０-９][0-9０-９.,]*+\s?[万亿]?"
                         r"[^\s0-9，,。；;和及与、%]{0,3}\s?(?:和|及|与)\s?[0-9０-９]")


def paired_by_order(folded: str, sentence: tuple[int, int], share: Mention) -> bool:
    """产销25.77万辆和24.31万辆，…占总量的63.43%和66.40%: shares joined by 和 after amounts
    joined the same way pair with them by order (production with production), each a share
    of its own whole."""
    if RESPECTIVE_SHARES.search(folded, max(sentence[0], share.start - 40), share.start):
        return True  # 珠海市19.23萬人次及廣州市旅客15.53萬人次分別佔27.1%及21.9%
    joined = PAIRED.match(folded, share.end) or PAIRED_BEFORE.search(
        folded, max(sentence[0], share.start - 12), share.start)
    return bool(joined) and AMOUNT_PAIR.search(folded, sentence[0], share.start) is not None


# 分别占27.1%及21.9%: a list of shares after 分别 pairs with its items by order
RESPECTIVE_SHARES = re.compile(r"分别\s?(?:占|为|是|达)?(?:比重?|比例)?(?:为|约)?\s?"
                               r"(?:[0-9.]+%\s?(?:、|和|及|与|,|，)\s?)*$")
PAIRED_BEFORE = re.compile(r"[0-9０-９][^，,。；;\s]{0,4}\s?(?:和|及|与|、)\s?$")


NESTED = re.compile(r"其中|特别是|尤其是|尤以")  # 采矿业占96.05%，特别是煤炭开采…占95.56%；
SUB_ITEM = re.compile(r"特别是|尤其是|尤以")  # (其中 may open the list itself: 其中，A占…)


def _open_since(pattern: re.Pattern[str], folded: str, start: int, pos: int) -> int:
    """Where the last ``pattern`` between ``start`` and ``pos`` opens a list not yet closed by
    ；, else -1."""
    inner = max((m.start() for m in pattern.finditer(folded, start, pos)), default=-1)
    return inner if inner >= 0 and not re.search(r"[;；]", folded[inner:pos]) else -1


def _sub_item(folded: str, start: int, pos: int) -> bool:
    """``pos`` follows a 特别是 (尤其是) of its sentence not yet closed by ；: a part of the item
    before it."""
    return _open_since(SUB_ITEM, folded, start, pos) >= 0


def _nested(folded: str, opener: int, pos: int) -> bool:
    """Whether ``pos`` sits inside a 其中 (特别是) list opened after a breakdown's opener and
    not yet closed by ；: those figures break down an item, not the whole."""
    return _open_since(NESTED, folded, opener + 1, pos) > opener


LIST_JOIN = re.compile(r"\s?(?:、|和|及|与|,|，)\s?")


def _respective_run(folded: str, sentence: tuple[int, int], shares: list) -> list:
    """The shares a 分别 before them lists, joined by list words only (empty: no 分别)."""
    if folded.find("分别", sentence[0], shares[0][0].mention.start) < 0:
        return []
    run = shares[:1]
    for item in shares[1:]:
        if not LIST_JOIN.fullmatch(folded[run[-1][0].mention.end:item[0].mention.start]):
            break
        run.append(item)
    return run


def _moves_listed(claims: list[Claim], folded: str) -> set[int]:
    """Starts of the growth rates and moves, with the figures listed after one (分别增长174%、
    164%、67%: every item is a growth rate, not a part of a whole)."""
    out: set[int] = set()
    previous: Claim | None = None
    for c in claims:
        if c.role in ("growth", "move") or (
                previous is not None and previous.mention.start in out
                and LIST_JOIN.fullmatch(folded[previous.mention.end:c.mention.start])):
            out.add(c.mention.start)
        previous = c
    return out


def unglossed(folded: str, parts: list[Claim]) -> list[Claim]:
    """台塑石化12.0億元（影響EPS 0.15元）: a bracket opened right after a part glosses it (its
    per-share effect, a conversion); the figures in it are no parts of the list."""
    out: list[Claim] = []
    for c in parts:
        if out and folded[out[-1].mention.end:out[-1].mention.end + 1] in ("(", "（") and \
                in_brackets(folded, out[-1].mention.end, c.mention.start):
            continue
        out.append(c)
    return out


def own_parts(folded: str, parts: list[Claim]) -> list[Claim]:
    """其中，债券13.64万亿元，增加2.29万亿元: a change stated right after a part, with no name
    of its own between them, is that part's change, no part (非港元资产外汇估值下跌93亿元,
    named, is one)."""
    up, down = growth_patterns()
    out: list[Claim] = []
    for c in parts:
        if out:
            gap = folded[out[-1].mention.end:c.mention.start]
            cue = up.search(gap) or down.search(gap)
            if cue and CHANGE_OF_BEFORE.fullmatch(gap[:cue.start()]):
                continue
        out.append(c)
    return out


# what stands between a part and its own change: a comma, and at most the change's base
CHANGE_OF_BEFORE = re.compile(r"[，,、\s]*(?:比|较|同比|环比)?(?:上年末|年初|上年|去年|上月|上季)?")
