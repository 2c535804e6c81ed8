"""Parts and shares of one whole: 其中/分别 lists against their total, listed sums, and shares
that must add up to 100% (or at most 100%).

The cue tables here decide when a list breaks down one whole; a list of contributions or of
two wholes is left alone, which is why most misses are warnings, not errors.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from ..claims import Claim
from ..lexicon import subtracting
from ..model import Mention
from ..numerals import read_number
from ..reference import Reference
from ..relations.document import within
from ..units import kin
from .common import (
    FULL_STOP,
    _any_fit,
    _fmt,
    _magnitude_hint,
    _overlap,
    _span,
    _threshold,
    bracketed,
    check_interval,
    written_like,
)
from .findings import Finding, Report
from .part_sums import (
    LIST_JOIN,
    OWN_SHARE,
    PAIRED,
    PAIRED_BEFORE,
    _broken_down,
    _moves_listed,
    _nested,
    _once,
    _prefix_adds_up,
    _respective_run,
    _sub_item,
    _terms,
    an_earlier_whole,
    compound_list,
    from_level,
    listed_sum,
    of_amount_before,
    own_parts,
    paired_by_order,
    percent_parts,
    unglossed,
)

SHARE_SOURCE = re.compile(r"^的?[\u4e00-\u9fff]{0,4}?(?:来自|源自|来源于)")


# (同比少增3344亿元: a change against last year's figure, no item of the list)
BASE_MARK = re.compile(
    r"(?:(?P<yoy>上年同期|去年同期|上年|去年|按年|同比)"
    r"|(?P<qoq>上季|前一季|上一季|上季度|第[一二三四1-4]季度?)"
    r"|(?P<mom>上月|前月|上个月|(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?)"
    r"|(?P<day>上日|前一日|前一交易日|昨日|上一交易日))"
    r"(?:[\u4e00-\u9fff]{0,4}?)(?:为|的|是)?\s?$")
# 25.8万吨…(2024年同期为15.5万吨): a bracket that gives the same item a year before
BRACKETED_PRIOR = re.compile(r"[(（](?:(?:19|20)[0-9]{2}年|去年|上年)?同期[^()（）]{0,4}$")
LABEL_NUMBER = re.compile(
    r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])(?=月)|第([一二三四1-4])季")


RESPECTIVELY = re.compile(r"(?P<labels>[^，,。；;：:]{2,30}?)分别(?:为|是|达到?|约为|录得)\s?")
LIST_SEP = re.compile(r"及|和|与|、|，|,")


def _respective_label(folded: str, m: Mention, claim: Claim) -> str | None:
    """10月及去年同月分别为132.7亿元及177.2亿元: the label of the i-th figure of a 分别 list
    is the i-th label before 分别."""
    clause = folded[max(claim.sentence[0], m.start - 120):m.start]  # labels, 分别, the list
    hits = list(RESPECTIVELY.finditer(clause))
    if not hits:
        return None
    hit = hits[-1]
    gap = clause[hit.end():]
    if re.search(r"[。；;]", gap) or len(gap) > 40:
        return None
    index = len(LIST_SEP.findall(re.sub(r"[\d.,]+", "", gap)))
    labels = [x for x in LIST_SEP.split(hit.group("labels")) if x]
    return labels[index].strip() if index < len(labels) else None


def _closed(folded: str, parts: list[Claim]) -> bool:
    """The list names its own remainder (其他…, 其余…), so it claims to be whole."""
    last = parts[-1].mention
    return bool(REMAINDER.search(folded, max(0, last.start - 12), last.start))


CHANGE_AFTER_BASIS = re.compile(r"(?:多|少)?(?:增|减|降|升|涨|跌|扩大|收窄)")
LEVEL_REACHED = re.compile(r"至|到|为|达")


# 已远超过2024年对美贸易顺差的水准647.03亿美元: a figure the clause compares with, no part
BENCHMARK = re.compile(r"(?:超过|超出|高于|低于|多于|少于|相当于|胜过|不及|逊于)[^，,；;。]{0,20}$"
                       r"|(?:水准|水平)\s?$")


def _compared(folded: str, claim: Claim) -> bool:
    """A change against a basis in its own clause (同比少增3498亿元, 较上年增加): the change
    from a year ago, not a total that parts add up to (去年同期共计发行23只 is a level)."""
    from ..relations.frames import _basis_pattern

    m = claim.mention
    start = max(claim.sentence[0], m.start - 12)
    clause = re.split(r"[，,；;：:]", folded[start:m.start])[-1]
    cues = list(_basis_pattern().finditer(clause))
    change = CHANGE_AFTER_BASIS.search(clause, cues[-1].end()) if cues else None
    # 按年增长12.4%至286.5亿: 至 (到, 为, 达) names the level reached, not the change
    return change is not None and not LEVEL_REACHED.search(clause, change.end())


def _base_label(folded: str, m: Mention, claim: Claim) -> tuple[str | None, int | None]:
    """The earlier-period marker before a figure, and for a month or quarter label (10月,
    第二季) its number, so that labelled figures can be ordered."""
    before = folded[max(claim.sentence[0], m.start - 16):m.start]
    respective = _respective_label(folded, m, claim)
    if respective is not None:
        before = respective + "为"
    mark = BASE_MARK.search(before)
    if mark:
        label = LABEL_NUMBER.search(mark.group())
        number = None
        if label:
            reading = read_number(label.group(1) or label.group(2))
            number = int(reading.value) if reading else None
        return mark.lastgroup, number
    if claim.role == "base":
        return ("yoy" if re.search(r"上年|去年", before) else "any"), None
    return None, None


def _shares(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    by_sentence: dict[tuple[int, int, int], list[Claim]] = {}
    for c in claims:
        if c.mention.kind == "percent" and c.role == "level" and \
                SHARE_SOURCE.match(folded[c.mention.end:c.mention.end + 8]):
            # 分別42.1%及77.9%的銷售額來自旅客，合併計算…有51.3%是來自旅客: a share after
            # 合并计算 is of the combined whole, no part beside the ones before it
            combined = len(COMBINED.findall(folded, c.sentence[0], c.mention.start))
            by_sentence.setdefault((*c.sentence, combined), []).append(c)
    for parts in by_sentence.values():
        if len(parts) < 2:
            continue
        lo = sum((p.mention.lo or Decimal(0)) for p in parts)
        report.checked.update(p.mention.start for p in parts)
        total = sum(Decimal(p.mention.value) for p in parts if p.mention.value is not None)
        names = " + ".join(p.mention.text for p in parts)
        spans = [_span(p.mention) for p in parts]
        if lo > 100:
            report.findings.append(Finding(
                "shares-sum", "error", spans,
                f"shares of one total add up to more than 100%: {names} = {_fmt(total, 1)}%",
                expected="at most 100%", found=f"{_fmt(total, 1)}%",
                mentions=tuple(p.mention for p in parts),
                evidence={"arithmetic": names}))
        # two shares short of 100% may leave a third source unnamed: no contradiction


PARTS_OPEN = re.compile(
    r"其中|当中(?=[，,：:])|(?<![（(])包括|分别为|(?<=计算)[，,]"  # 當中，…: Hong Kong's 其中
    # 在这一总量中，25.8万吨…，77.7万吨…: of the total just said
    r"|(?P<whole>在(?:这一?|此|该)?(?:总量|总数|总额|总值)(?:之)?中)(?=[，,：:])"
    # 分业务看、按消费类型分、依险种分、分品牌看: a breakdown whose items may run over ；
    r"|(?P<breakdown>(?:按|依|以|分)[\u4e00-\u9fff]{1,5}?(?:划分|区分|来看|看|分|别)[，,：:])")
ENUMERATION_END = re.compile(r"[;；]\s?(?:以及|及)[^;；。]*$")
SHARE_AFTER = re.compile(r"的(?:市场)?(?:份额|市占率|比重|占比)")
# (成交金額前3名產業…以及其他電子類…占比9.63%: 其他電子類 names a class, it is no remainder)
REMAINDER = re.compile(r"其余|其他(?![\u4e00-\u9fff]{1,4}类)|其它|剩余|剩下")
COMBINED = re.compile(r"合并计算|合起来|加起来|整体而言|总体而言|综合计算")
ONE_WHOLE = re.compile(r"分别占|各占|其中|(?:按|依|分)[\u4e00-\u9fff]{1,5}?"
                       r"(?:划分|区分|来看|看|分|别)[，,：:]")
SHARE_BEFORE = re.compile(
    r"(?:占|占比|比重|份额|市占)[^，,。；;]{0,8}?(?:为|达|约)?\s?$|(?:各占|合计|合共)\s?$")


def _band(folded: str, claim: Claim) -> bool:
    """20元以下的中低價股: a bound that describes the items (a price band), not a whole they
    make up."""
    m = claim.mention
    return m.qualifier in ("under", "over", "upto") and folded.startswith(
        "的", m.end)


def _parts(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """总营收286.5亿，其中A 182.7亿、B 103.8亿: listed parts add up to the total;
    晶辰占71%，三和占7%，…，其余六家合计12%: shares with a remainder add up to 100%."""
    # only the claims' paragraphs: the repair search re-runs this pass on a finding's
    # paragraphs alone, and a list never runs past its paragraph (FULL_STOP holds \n)
    lo = min((c.paragraph[0] for c in claims), default=0)
    hi = max((c.paragraph[1] for c in claims), default=0)
    for opener in PARTS_OPEN.finditer(folded, lo, hi):
        pos = opener.start()
        if bracketed(folded, pos):
            continue  # 「雜項製品(主要包括珠寶、金飾及銀器)」減少14億元: a label's gloss
        segment_end = FULL_STOP.search(folded, pos)
        seg_end = segment_end.start() if segment_end else len(folded)
        # 依製程別區分，…其他共36%；以應用別區分，…: the next breakdown opens a list of its own
        following = next((o for o in PARTS_OPEN.finditer(folded, opener.end(), seg_end)
                          if o.group("breakdown")), None)
        seg_end = following.start() if following else seg_end
        after = [c for c in within(claims, pos + 1, seg_end)
                 if c.mention.value is not None and c.mention.qualifier in ("exact", "approx")
                 and c.mention.kind in ("money", "count", "percent")]
        if not after:
            continue
        # (the moves before the filter: 同比分别增长74.2%、68.4%: the first is a yoy rate,
        # which the filter drops, and the items listed after it are rates too)
        moves = _moves_listed(after, folded)
        after = [c for c in after if c.role != "base" and _base_label(
            folded, c.mention, c)[0] not in ("yoy", "day", "any")  # 上年同期为461.0亿元
            and not _threshold(folded, c.mention) and not from_level(folded, c)
            and not BRACKETED_PRIOR.search(folded, max(pos, c.mention.start - 16), c.mention.start)
            and not BENCHMARK.search(
                folded, max(pos, c.mention.start - 24), c.mention.start)]
        if opener.group("breakdown"):  # 住户贷款1.46万亿元，其中短期…: a nested list's
            after = [c for c in after if not _nested(folded, pos, c.mention.start)]  # items
        if not after:
            continue
        unit = kin(after[0].mention.unit)
        # 當中，債券…1422億元；香港股票…339億元；…；及其他投資收益424億元: a list whose last
        # item opens with 及 runs over ；
        enumerated = ENUMERATION_END.search(folded, pos, seg_end) is not None
        parts = [c for c in after if kin(c.mention.unit) == unit and c.mention.kind ==
                 after[0].mention.kind and (opener.group("breakdown") or enumerated
                                            or not re.search(r"[;；]",
                                                             folded[pos:c.mention.start]))
                 and c.mention.start not in moves]
        closing = [i for i, c in enumerate(parts) if i >= 2 and SUM_WORD.search(
            folded[max(pos, c.mention.start - 6):c.mention.start])]
        if closing:  # 分别为5,760万元和3,270万元，合计约9,030万元: the list states its own sum
            listed_sum(parts[:closing[0]], parts[closing[0]], report)
            continue
        # (包括東協10國與南亞6國，…對東協10國: one part twice)
        parts = _once(folded, own_parts(folded, unglossed(folded, parts)))
        if len(parts) < 2 or opener.group() == "分别为":
            continue  # 净流入金额分别为A、B、C: labelled figures, no breakdown of an earlier total
        if compound_list(folded, pos, parts[0].mention.start):
            continue  # 其中纯电动汽车产销分别完成25.4万辆、24.7万辆: production, then sales
        if parts[0].mention.kind == "percent":
            # 其中，大型企业PMI为50.6%: a rate stated with 为 is a level, not a share
            shares = [p for p in parts if not re.search(
                r"(?:为|是|达|报)\s?$", folded[max(0, p.mention.start - 2):p.mention.start])
                or SHARE_BEFORE.search(folded[max(pos, p.mention.start - 10):p.mention.start])]
            if len(shares) == len(parts):
                percent_parts(parts, report, folded, pos, seg_end)
            continue
        totals = [c for c in within(claims, pos - 400, pos)  # a window, not every claim
                  if c.mention.end <= pos and pos - c.mention.end <= 160
                  and (c.paragraph == parts[0].paragraph or (  # 在这一总量中 opens the
                      opener.group("whole") and c.paragraph[1] < pos))  # next paragraph
                  and kin(c.mention.unit) == unit
                  and c.mention.kind == parts[0].mention.kind and c.mention.value is not None
                  and c.role != "base" and c.mention.value > max(p.mention.value for p in parts)
                  and not _compared(folded, c) and not _band(folded, c)]
        if not totals:
            continue
        # 债券型、混合型各有1只: 2 x 1; 票据融资减少3440亿元: a part that subtracts
        weights = [_each(folded, p.mention) * _sign(folded, p.mention) for p in parts]
        cut = _broken_down(parts, weights)  # 工业用电10716亿千瓦时：轻工业和重工业分别用电
        parts, weights = parts[:cut], weights[:cut]  # 1771亿千瓦时、8945亿千瓦时: one part's

        def sums_to(total: Claim, flag: bool, parts: list[Claim] = parts,
                    weights: list[int] = weights) -> bool:
            ivs = [check_interval(p.mention, flag) for p in parts]
            tlo, thi = check_interval(total.mention, flag)
            if any(None in iv for iv in ivs) or None in (tlo, thi):
                return False
            if _sign(folded, total.mention) < 0:  # 投资亏损55亿元，其中…收益157亿元，…亏损57亿元
                tlo, thi = -thi, -tlo
            return _overlap((sum(iv[0] * w for iv, w in zip(ivs, weights, strict=True)),
                             sum(iv[1] * w for iv, w in zip(ivs, weights, strict=True))),
                            (tlo, thi))

        parts_sum = sum(Decimal(p.mention.value) * w for p, w in zip(parts, weights,
                                                                      strict=True))
        # 汽车产销40.63万辆和36.61万辆。其中，乘用车产销25.77万辆和24.31万辆: totals and
        # parts listed in pairs (production and sales) pair by order, they do not add up
        totals = [t for t in totals if not PAIRED.match(folded, t.mention.end)
                  and not PAIRED_BEFORE.search(folded, max(0, t.mention.start - 12),
                                               t.mention.start)]
        totals = [t for t in totals if abs(parts_sum) * 100 >= Decimal(t.mention.value)]

        def in_sense(t: Claim, parts_sum: Decimal = parts_sum) -> Decimal:
            return parts_sum * _sign(folded, t.mention)  # as the total states it (a loss)

        if not totals:
            continue  # 其中…12.54元、15.12元 (per-share figures) are no breakdown of 365亿元
        strict, lenient = _any_fit(totals, sums_to)
        report.checked.update({*(t.mention.start for t in totals),
                               *(p.mention.start for p in parts)})
        if strict or an_earlier_whole(claims, parts, pos, sums_to) or _prefix_adds_up(
                folded, parts, weights, totals):
            continue  # (the first parts add up: 3家增长，89家下降，7家下降超过70% refines one)
        if opener.group() in ("其中", "包括") and any(
                in_sense(t) <= Decimal(t.mention.value) for t in totals):
            continue  # a partial list within one of the totals it may belong to
        total = totals[-1] if len(totals) == 1 else min(
            totals, key=lambda t: abs(Decimal(t.mention.value) - in_sense(t)))
        total_value = in_sense(total)
        over = total_value > Decimal(total.mention.value)
        if not over and (opener.group() in ("其中", "包括") or not _closed(folded, parts)):
            continue  # 其中 may list only some parts, and so may a breakdown (分部门看) that no
            # remainder (其他, 其余) closes: falling short is no contradiction
        severity = "warning" if lenient else "error"
        if not lenient and not over and \
                abs(total_value / Decimal(total.mention.value) - 1) <= Decimal("0.02"):
            severity = "warning"
        names = _terms(parts, weights)
        report.findings.append(Finding(
            "parts-vs-total", severity,
            [_span(total.mention), *(_span(p.mention) for p in parts),
             *(_span(t.mention) for t in totals if t is not total)],
            f"the parts listed after 其中 add up to {written_like(total_value, total.mention)}, "
            f"not "
            f"{total.mention.text}: {names}"
            f"{_magnitude_hint(total_value / Decimal(total.mention.value))}",
            expected=total.mention.text, found=written_like(total_value, total.mention),
            mentions=(total.mention, *(p.mention for p in parts)),
            evidence={"arithmetic": names}))
    # a breakdown opener (按地区划分，…；以产品划分，…) starts a list of its own
    stops = sorted([m.start() for m in FULL_STOP.finditer(folded, max(0, lo - 1), hi + 1)]
                   + [o.start() - 1 for o in PARTS_OPEN.finditer(folded, lo, hi)
                      if (o.group("breakdown") or o.group() == "其中") and o.start() > 0])
    # (电子产品占总出口比重73.2%，其中，资通产品…占38.2%: the shares after 其中 are of a part)
    by_sentence: dict[tuple[int, int], list[tuple[Claim, int]]] = {}
    closed: set[tuple[int, int]] = set()  # the remainder (其他占比约30%) ended the list
    previous: Mention | None = None
    named_rest: set[tuple[int, int]] = set()  # the segments whose list names its remainder
    for c in claims:
        m = c.mention
        if m.kind != "percent" or m.value is None or from_level(folded, c):
            continue  # (占比由48.5%下滑至27.2%: the earlier share the move starts from)
        k = bisect.bisect_left(stops, m.start)
        segment = (stops[k - 1] + 1 if k else 0, stops[k] if k < len(stops) else len(folded))
        before = folded[max(segment[0], m.start - 14):m.start]
        listed = previous is not None and segment[0] <= previous.start and \
            LIST_JOIN.fullmatch(folded[previous.end:m.start]) is not None and \
            any(x[0].mention is previous for x in by_sentence.get(segment, []))
        remainder = REMAINDER.search(before[-6:]) is not None  # 其余38%来自D
        if REMAINDER.search(folded, previous.end if previous is not None
                            and previous.start >= segment[0] else segment[0], m.start):
            named_rest.add(segment)  # (其余六家合计12%: the list's own remainder, not
            # 其余依次为菲律宾… after it, a ranking of other things)
        if listed and m.qualifier != "exact" and previous is not None and _overlap(
                check_interval(m, True), check_interval(previous, True)):
            continue  # 占比为69.66%，接近七成: the same share again in round words
        if segment in closed:
            pass  # …和其他占比约30%，前10大客户营收占比约58%: a share of another whole
        elif _sub_item(folded, segment[0], m.start):
            pass  # 采矿业占比达96.05%，特别是煤炭开采和洗选业占比为95.56%；: an item's own part
        elif of_amount_before(folded, claims, segment, previous, c):
            pass  # 為5,084,179人次，香港旅客佔60.7%；…為111,818人次，中國大陸旅客佔74.3%
        elif SHARE_BEFORE.search(OWN_SHARE.sub("", before)) or SHARE_AFTER.match(folded, m.end) \
                or listed \
                or (remainder and SHARE_SOURCE.match(folded[m.end:m.end + 10])):
            weight = 2 if re.search(r"各占|各佔|均占", before[-4:]) else 1
            by_sentence.setdefault(segment, []).append((c, weight))
            if remainder and len(by_sentence[segment]) > 1:
                closed.add(segment)
        previous = m
    for sentence, shares in by_sentence.items():
        if len(shares) >= 2 and sentence not in named_rest:
            lo = sum((c.mention.lo or Decimal(0)) * w for c, w in shares)
            report.checked.update(c.mention.start for c, _ in shares)
            if lo > 100:  # 工业制造占46%，商用服务占37%，家庭陪护占23%: more than the whole
                total = sum(Decimal(c.mention.value) * w for c, w in shares)
                names = " + ".join(c.mention.text for c, _ in shares)
                # only a list the text declares as one breakdown is surely of one whole
                # (占GDP增加额的81.3%…52.0%…42.2%: contributions may add up past 100%)
                whole = ONE_WHOLE.search(folded, max(0, sentence[0] - 30), sentence[1])
                second = shares[1][0].mention
                if len(_respective_run(folded, sentence, shares)) == 2 or (
                        len(shares) == 2 and ("分别" in folded[sentence[0]:sentence[1]]
                                              or paired_by_order(folded, sentence, second))):
                    continue  # 占产销总量的63.43%和66.40%: two shares of two wholes (星展和
                    # 华侨…分别占总收入的51%和42%，大华的比重只有33%: a third subject's own)
                if not whole:
                    continue  # shares of wholes the text does not declare one: no binding
                report.findings.append(Finding(
                    "shares-sum", "error",
                    [_span(c.mention) for c, _ in shares],
                    f"shares of one whole add up to more than 100%: {names} = "
                    f"{_fmt(total, 1)}%", expected="at most 100%", found=f"{_fmt(total, 1)}%",
                    mentions=tuple(c.mention for c, _ in shares),
                    evidence={"arithmetic": names}))
            continue
        if len(shares) < 3:
            continue
        lo = sum((c.mention.lo or Decimal(0)) * w for c, w in shares)
        # (超過七成: open above, a share is still at most the whole)
        hi = sum((Decimal(100) if c.mention.hi is None else c.mention.hi) * w for c, w in shares)
        total = sum(Decimal(c.mention.value) * w for c, w in shares)
        report.checked.update(c.mention.start for c, _ in shares)
        if lo <= 100 <= hi:
            continue
        names = " + ".join(("2 x " if w == 2 else "") + c.mention.text for c, w in shares)
        report.findings.append(Finding(
            "shares-sum", "error" if abs(total - 100) > 1 else "warning",
            [_span(c.mention) for c, _ in shares],
            f"shares that end with a remainder (其余) should add up to 100%: {names} = "
            f"{_fmt(total, 1)}%", expected="100%", found=f"{_fmt(total, 1)}%",
            mentions=tuple(c.mention for c, _ in shares), evidence={"arithmetic": names}))


# 二者合計約占6成5: the listed items together hold a share (其他品牌合计占16%: the rest's own)
SUM_WORD = re.compile(r"(?:合计|共计|总计|总共|一共|合共)(?:约|为|达)?\s?$"
                      r"|(?:二者|两者|三者|四者|上述|以上)(?:合计|共计|合共)(?:约|为|达)?占比?"
                      r"(?:约|为|达)?\s?$")


EACH = re.compile(r"([^，,。；;：:]{1,40}?)(?:各|均|分别各)(?:有|为|占|约|达)?\s?$")


def _each(folded: str, m: Mention) -> int:
    """债券型基金、混合型基金、公募REITs各有1只: a figure stated once for each of 3 items."""
    hit = EACH.search(folded, max(0, m.start - 40), m.start)
    if not hit:
        return 1
    return 1 + len(re.findall(r"、|和|及|与", hit.group(1)))


# 票据融资减少3440亿元, 香港股票投资亏损105亿元: a part (or a total) that subtracts
DECREASE = re.compile("(?:" + "|".join(w for ws in subtracting().values() for w in ws)
                      + r")了?\s?$")


def _sign(folded: str, m: Mention) -> int:
    return -1 if DECREASE.search(folded, max(0, m.start - 5), m.start) else 1
