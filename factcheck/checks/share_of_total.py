"""An amount stated with its share (占比32%，成交额约1645亿元) or a share of a named total
(完成全年目标2500亿元的81.4%) must be that share of some stated total.

A pairing that fits no total but fits once a multiplier is read 10^4, 10^8 or 10^3 off names the
likely 万/亿 slip instead.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ..claims import Claim
from ..model import Mention
from ..reference import Reference
from ..relations.document import within
from .common import (
    SLIP_SCALES,
    _any_fit,
    _fmt,
    _magnitude_hint,
    _overlap,
    _product_fits,
    _span,
    _threshold,
    check_interval,
)
from .findings import Finding, Report
from .part_sums import OWN_SHARE, paired_by_order
from .parts import SHARE_AFTER, SHARE_BEFORE


def _share_of_total(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """占比32%，成交额约1645亿元 (of 5140亿元): an amount stated next to its share must be
    that share of some total stated earlier in the paragraph (consistent if one fits)."""
    pairs = [(c, part) for c in claims if (part := _partner(folded, claims, c)) is not None]
    shared = _with_own_share(folded, claims)
    for c, part in pairs:
        m = c.mention
        earlier = [d for d in within(claims, c.paragraph[0], m.start)
                   if d.paragraph == c.paragraph and d.mention is not part
                   and d.mention.kind == part.kind and d.mention.unit == part.unit
                   and d.mention.value is not None and d.mention.end <= m.start
                   and d.role != "base" and d.mention.start not in shared]
        totals = [d for d in earlier if d.mention.value > part.value  # (突破21亿元: a bound,
                  and d.mention.qualifier not in OPEN_BOUNDS     # any share fits it)
                  and not _threshold(folded, d.mention)]
        peers = [d.mention for d in claims if d.paragraph == c.paragraph
                 and d.mention.kind == part.kind and d.mention.unit == part.unit
                 and d.mention.value and d.mention is not part]
        if not totals:
            _share_slip(m, part, earlier, report, peers)
            continue
        def share_of(t: Claim, flag: bool, m: Mention = m, part: Mention = part) -> bool:
            plo, phi = check_interval(m, flag)
            # 过半, 逾三成: open above, but a share is at most its whole (不足一成: at least 0)
            plo, phi = (Decimal(0) if plo is None else plo), (Decimal(100) if phi is None else phi)
            tlo, thi = check_interval(t.mention, flag)
            alo, ahi = check_interval(part, flag)
            if ahi is None and alo is not None:  # 对应需求超210GWh: an amount open above
                ahi = Decimal("Infinity")
            if None in (plo, phi, tlo, thi, alo, ahi):
                return False
            return _product_fits((plo / 100, phi / 100), (tlo, thi), (alo, ahi), flag)

        strict, lenient = _any_fit(totals, share_of)
        report.checked.update({m.start, part.start, *(t.mention.start for t in totals)})
        if strict or lenient:
            continue  # a share and an amount that fit some total, even loosely, are left alone
        if _of_the_named_whole(folded, claims, c, m, part) or \
                _of_a_share_of(folded, claims, c, m, part, totals):
            continue
        if _share_slip(m, part, earlier, report, peers):
            continue
        # a total the share does not name (占比32%): the amount before it may be of another
        # whole the story never states, and with no slip to explain the misfit the binding is
        # the likelier error (on blind real articles such warnings were all false); a named
        # one (占百强的61%), or a part introduced by 其中 after the total, is still worth a
        # warning
        t = totals[0].mention
        if OWN_SHARE.search(folded, max(c.sentence[0], m.start - MARKET_REACH), m.start):
            continue  # 其中TOYOTA登錄9301輛，市占率31.6%: a share of the market, not of a total
        named = NAMED_SHARE.search(folded, min(part.end, m.start), m.start)
        bare = BARE_WHOLE.search(folded, max(part.end, m.start - NAME_REACH), m.start)
        if not named and bare and bare.group(1) not in GENERIC_WHOLES and not any(
                _named_so(folded, x, bare.group(1), BARE_REACH) for x in totals):
            continue  # 佔中國大陸旅客49.4%: a whole the story states only as a share
        if not named and not PART_OF.search(folded, t.end, part.start):
            continue
        if named and not any(_named_so(folded, x, named.group()[1:-1]) for x in totals):
            continue  # 融资买入额…占两市成交额的9.6%: the whole it names is not stated
        expected = Decimal(m.value) / 100 * Decimal(t.value)
        report.findings.append(Finding(
            "share-of-total", "warning",
            [_span(part), _span(m), *(_span(x.mention) for x in totals)],
            f"{part.text} is not {m.text} of any total stated before it (e.g. {m.text} of "
            f"{t.text} = {_fmt(expected, 0)}){_magnitude_hint(Decimal(part.value) / expected)}",
            expected=_fmt(expected, 0), found=part.text, mentions=(part, m, t),
            evidence={"arithmetic": f"{m.value}% x {t.value}"}))


OPEN_BOUNDS = ("over", "at_least")
WHOLE_KEY = 2  # characters: the end of a named whole (两市成交额) its stated total's words hold


def _named_so(folded: str, total: Claim, whole: str, reach: int = 16) -> bool:
    """Whether the words before a total name the whole a share names (占百强的 and 百强房企
    销售额, 占两市成交额的 and 两市成交额为…; not 融资余额)."""
    words = folded[max(total.sentence[0], total.mention.start - reach):total.mention.start]
    if len(whole) > 2 * WHOLE_KEY and whole[-2 * WHOLE_KEY:] not in words \
            and whole[:WHOLE_KEY] not in words:
        return False  # 中国大陆旅客 is not 入境旅客: a longer name's own words, not only 旅客
    return whole[-WHOLE_KEY:] in words
MARKET_REACH = 8  # characters before a share that may hold its market-share word


def _of_the_named_whole(folded: str, claims: list[Claim], c: Claim, m: Mention,
                        part: Mention) -> bool:
    """…进口铜矿砂463.8亿元，增长22.8%，占同期进口总值的41.5%；进口机电产品229.6亿元，占20.5%:
    a bare share after one that names its whole (占…的) in the paragraph is of that whole,
    which the named one and its amount imply (463.8 / 41.5%) though the story never states
    it: the bare pair must imply the same whole, and then no stated total is its whole."""
    if NAMED_WHOLE.search(folded, max(c.sentence[0], m.start - NAME_REACH), m.start):
        return False  # (a share that names its own whole)
    named = [d for d in claims if d.paragraph == c.paragraph and d.mention.end <= part.start
             and d.mention.kind == "percent" and d.mention is not m
             and NAMED_WHOLE.search(folded, max(d.sentence[0], d.mention.start - NAME_REACH),
                                    d.mention.start)]
    if not named:
        return False
    d = named[-1]
    amounts = [a.mention for a in claims if d.sentence[0] <= a.mention.start < d.mention.start
               and a.mention.kind == part.kind and a.mention.unit == part.unit
               and a.role != "base"]
    if not amounts:
        return False
    wholes = []
    for share, amount in ((d.mention, amounts[-1]), (m, part)):
        slo, shi = check_interval(share, True)
        alo, ahi = check_interval(amount, True)
        if None in (slo, shi, alo, ahi) or slo <= 0:
            return False
        wholes.append((alo / shi * 100, ahi / slo * 100))
    return _overlap(wholes[0], wholes[1])


def _of_a_share_of(folded: str, claims: list[Claim], c: Claim, m: Mention, part: Mention,
                   totals: list[Claim]) -> bool:
    """…中国大陆旅客所占比重最高，达54.9%；其中…内地旅客为397,465人次，占中国大陆旅客总数45.3%:
    the whole a share names is itself a share of a stated total (54.9% of 1,596,993), so the
    part is the product of the two shares and that total."""
    named = WHOLE_NAMED.search(folded, max(c.sentence[0], m.start - NAME_REACH), m.start)
    if named is None:
        return False
    name = named.group("name")
    outer = [d.mention for d in claims if d.paragraph == c.paragraph
             and d.mention.kind == "percent" and d.mention.end <= part.start
             and d.mention is not m
             and name in folded[max(d.sentence[0], d.mention.start - NAME_REACH):d.mention.start]]
    slo, shi = check_interval(m, True)
    alo, ahi = check_interval(part, True)
    if None in (slo, shi, alo, ahi):
        return False
    for share in outer:
        olo, ohi = check_interval(share, True)
        if olo is None or ohi is None:
            continue
        for t in totals:
            tlo, thi = check_interval(t.mention, True)
            if tlo is not None and thi is not None and _product_fits(
                    (olo * slo / 10000, ohi * shi / 10000), (tlo, thi), (alo, ahi), True):
                return True
    return False


# 占中国大陆旅客总数45.3%: the whole's name, its total word dropped
WHOLE_NAMED = re.compile(r"占(?P<name>[\u4e00-\u9fff]{2,12}?)(?:的)?"
                         r"(?:总数|总额|总值|总量|人数|数目)(?:的)?\s?$")
NAMED_WHOLE = re.compile(r"占[^，,。；;!！?？\d%]{2,30}的\s?$")  # 占同期…“一带一路”国家进口总值的
NAME_REACH = 34


def _with_own_share(folded: str, claims: list[Claim]) -> set[int]:
    """Starts of the amounts stated with a share of their own (民营企业进出口2.78万亿元，下降2%，
    占我国外贸总值的42.4%): a part, never the whole of another part of the same sentence."""
    amounts = [c for c in claims if c.mention.kind in ("money", "count") and c.mention.unit]
    percents = sorted((c.mention for c in claims if c.mention.kind == "percent"),
                      key=lambda m: m.start)
    shares = [m.start for m in percents]
    out = set()
    for a, nxt in zip(amounts, [*amounts[1:], None], strict=False):
        stop = min(a.sentence[1], nxt.mention.start if nxt is not None else a.sentence[1])
        last = bisect.bisect_left(shares, stop) - 1  # 占 before any share is before the last
        if last >= 0 and shares[last] >= a.mention.end \
                and "占" in folded[a.mention.end:shares[last]] \
                and not _own_part(folded, a.sentence[0], a.mention, percents[last]):
            out.add(a.mention.start)  # (规模420亿元，其中海外市场占比约65%: the whole's)
    return out


def _partner(folded: str, claims: list[Claim], c: Claim) -> Mention | None:
    """The one amount a share claim states the share of (占比32%，成交额约1645亿元), if any."""
    m = c.mention
    if m.kind != "percent" or m.value is None or c.role != "level":
        return None
    before = folded[max(c.sentence[0], m.start - 14):m.start]
    if not (SHARE_BEFORE.search(before) or SHARE_AFTER.match(folded, m.end)) \
            or paired_by_order(folded, c.sentence, m):
        return None
    partners = [d for d in within(claims, *c.paragraph) if d.paragraph == c.paragraph
                and d.mention.kind in ("money", "count") and d.mention.value is not None
                and d.mention.unit  # not the 百 of 占百强的51%
                and (0 <= d.mention.start - m.end <= 14 or 0 <= m.start - d.mention.end <= 4
                     or (0 <= m.start - d.mention.end <= 12
                         and "占" in folded[d.mention.end:m.start]
                         and not _own_part(folded, c.sentence[0], d.mention, m)))
                and not re.search(r"[。；;]", folded[min(m.end, d.mention.end):
                                                    max(m.start, d.mention.start)])
                and not _between(claims, m, d.mention)]  # (比重…一成，股價跌近百分之一，報326.2元)
    return partners[0].mention if len(partners) == 1 else None


def _between(claims: list[Claim], share: Mention, amount: Mention) -> bool:
    """Another figure stands between a share and an amount after it: the amount is that
    figure's neighbour (an amount before, 营收100亿元，增长20%，占比30%, stays the share's)."""
    lo, hi = share.end, amount.start
    return lo < hi and any(lo <= x.mention.start and x.mention.end <= hi
                           and x.mention.kind in ("money", "count", "percent")
                           for x in within(claims, lo, hi))  # (not 位居第一: a rank)


def _own_part(folded: str, start: int, amount: Mention, share: Mention) -> bool:
    """票房突破21亿元，国产片票房占比超95%: a share after the amount's clause whose own words
    name a part (国产片票房) is that part's share, not the amount's; words naming the whole
    (市场占比) or the amount's own metric again (营收1645亿元，营收占比32%) leave it the
    amount's."""
    own = OWN_SUBJECT.search(folded, amount.end, share.start)
    if own is None:
        return False
    subject = own.group(1)
    return WHOLE.fullmatch(subject) is None and \
        subject not in folded[max(start, amount.start - len(subject) - 4):amount.start]


OWN_SUBJECT = re.compile(r"[，,；;]([\u4e00-\u9fff]{2,12}?)(?:的)?占")
WHOLE = re.compile(r"市场|全国|全球|全市|全省|全港|全台|行业|总体|整体|全部|合计|总计|其|此|这")


def _log_gap(m: Mention, peers: list[Mention]) -> Decimal:
    """How many powers of ten a figure sits from the median of its peers."""
    logs = sorted(Decimal(p.value).log10() for p in peers)
    return Decimal(m.value).log10() - logs[len(logs) // 2]


def _share_slip(pct: Mention, part: Mention, totals: list[Claim], report: Report,
                peers: list[Mention] | None = None) -> bool:
    """An amount next to its share that is larger than every total it could be a share of,
    and fits one exactly once its multiplier is read 10^4 (万/亿), 10^8 or 10^3 smaller: a
    multiplier slip (约1472亿台 for 1472万台 at 21% of 7010万台)."""
    if pct.value is None or not 0 < pct.value < 100 or part.lo is None or part.hi is None:
        return False
    for scale in SLIP_SCALES:
        for t in totals:
            tlo, thi = check_interval(t.mention, True)
            if tlo is None or thi is None or pct.lo is None or pct.hi is None:
                continue
            implied = (pct.lo / 100 * tlo, pct.hi / 100 * thi)
            if not _overlap(implied, (part.lo / scale, part.hi / scale)):
                continue
            # which of the two slipped: the one out of line with the paragraph's other
            # figures of the unit (约1472亿台 among 万台; 402.5万元 among 亿元)
            slipped, other = part, t.mention
            others = [p for p in peers or [] if p is not t.mention]
            if others and abs(_log_gap(t.mention, others)) > abs(_log_gap(part, others)):
                slipped, other = t.mention, part
            expected = Decimal(pct.value) / 100 * Decimal(t.mention.value)
            report.checked.update({pct.start, part.start, t.mention.start})
            report.findings.append(Finding(
                "share-of-total", "error", [_span(slipped), _span(pct), _span(other)],
                f"{part.text} cannot be {pct.text} of {t.mention.text} = {_fmt(expected, 0)}; "
                f"it fits once the multiplier of {slipped.text} is read 10^{scale.adjusted()} "
                f"{'smaller' if slipped is part else 'larger'}: a multiplier slip (万/亿) is "
                f"likely",
                expected=_fmt(expected, 0), found=part.text, mentions=(part, pct, t.mention),
                evidence={"arithmetic": f"{pct.value}% x {t.mention.value}"}))
            return True
    return False


# a breakdown of the total before it: 全年营收500亿元。其中海外业务收入120亿元，占比15%;
# 分品牌看，主品牌远川交付7.33万辆，占57%
PART_OF = re.compile(r"其中|当中|分[\u4e00-\u9fff]{1,4}看|按[\u4e00-\u9fff]{1,6}分")
NAMED_SHARE = re.compile(r"占[\u4e00-\u9fff]{2,12}的")  # 占百强的61%, not 占比61%
# 占中国大陆旅客49.4%: a whole named with no 的
BARE_WHOLE = re.compile(r"占(?!比)([\u4e00-\u9fff]{2,12}?)(?:比重|比例|份额)?"
                        r"(?:约|为|达|逾|近|超)?\s?$")
BARE_REACH = 30  # 入境旅客數目較去年同月增加35.4%，達1,509,403人次: the name a clause back
GENERIC_WHOLES = frozenset({"总数", "总额", "总量", "总值", "全部", "整体", "总体", "总和"})
OF_TOTAL = re.compile(r"\s?(?:目标|总额|总量|总数)?的\s?")
# 累计2035.7亿元，完成全年目标2500亿元的81.4%: the stated part is linked to the total by a
# verb of attainment or share (完成, 占, 相当于, 达到); without one the share is of nobody
LINK = re.compile(r"(?:完成|占|相当于|相当|达到|达成|实现)[^，,。；;\d]{0,8}$")
LINK_REACH = 12


def _share_of_named_total(folded: str, claims: list[Claim], ref: Reference,
                          report: Report) -> None:
    """累计2035.7亿元，完成全年目标2500亿元的81.4%: the earlier amount is that share of the
    amount written right before 的 (consistent if any earlier amount fits)."""
    for c in claims:
        m = c.mention
        if m.kind != "percent" or m.value is None:
            continue
        totals = [d.mention for d in within(claims, *c.sentence)
                  if d.mention.kind in ("money", "count") and d.mention.value
                  and OF_TOTAL.fullmatch(folded[d.mention.end:m.start])]
        if not totals:
            continue
        total = totals[-1]
        if not LINK.search(folded, max(c.sentence[0], total.start - LINK_REACH), total.start):
            continue  # 派息為每股盈利1.5元的40%: a derived amount, not a stated part's share
        parts = [d.mention for d in within(claims, c.paragraph[0], total.start)
                 if d.mention is not total
                 and d.mention.kind == total.kind and d.mention.unit == total.unit
                 and d.mention.value is not None and d.mention.end <= total.start
                 and total.start - d.mention.end <= 60]
        if not parts:
            continue
        def is_share(part: Mention, flag: bool, m: Mention = m,
                     total: Mention = total) -> bool:
            plo, phi = check_interval(part, flag)
            tlo, thi = check_interval(total, flag)
            if None in (plo, phi, tlo, thi) or tlo <= 0:
                return False
            return _overlap((plo / thi * 100, phi / tlo * 100), (m.lo, m.hi))

        _, fits = _any_fit(parts, is_share)
        report.checked.update({m.start, total.start, *(p.start for p in parts)})
        if fits:
            continue
        part = parts[-1]
        expected = Decimal(part.value) / Decimal(total.value) * 100
        severity = "error" if len(parts) == 1 else "warning"  # several: the part is a guess
        report.findings.append(Finding(
            "share-of-total", severity, [_span(m), _span(total), *(_span(p) for p in parts)],
            f"{m.text} of {total.text} is not any amount stated before it "
            f"(e.g. {part.text} / {total.text} = {_fmt(expected, 1)}%)",
            expected=f"{_fmt(expected, 1)}%", found=m.text, mentions=(m, total, part),
            evidence={"arithmetic": f"{part.value} / {total.value} x 100"}))
