"""Net figures (顺差, 净申购) against the plus and minus they net, as declared in
``lexicon/net_pairs.csv``."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..lexicon import net_pairs
from ..reference import Reference
from .common import (
    FULL_STOP,
    _any_fit,
    _fmt,
    _magnitude_hint,
    _overlap,
    _span,
    _threshold,
    check_interval,
)
from .findings import Finding, Report

EARLIER = re.compile(r"(?:上年同期|去年同期|上年|去年|同期)(?:为|是)?[\u4e00-\u9fff]{0,4}$")


# 對美國出口1982.7億美元、出超1501.2億美元: the trading partner a clause names for its figures
PARTNER = re.compile(r"(?:对|自|与|向)([\u4e00-\u9fff]{1,8}?)的?(?:进出口|出口|进口|贸易|出超"
                     r"|入超|顺差|逆差)")


def _partner(folded: str, c: Claim) -> str | None:
    """The partner last named in the figure's sentence before it (对美国; 大陆自台湾进口…，
    出口61.26亿元 keeps 台湾), if any."""
    found = PARTNER.findall(folded, c.sentence[0], c.mention.start)
    return found[-1] if found else None


def _one_partner(a: str | None, b: str | None) -> bool:
    """对美 and 自美国 name one partner; a figure of no partner is the total's."""
    return a == b or (a is not None and b is not None and (a.startswith(b) or b.startswith(a)))


def _net(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """贸易顺差240.2亿元 = 出口526.4亿元 - 进口286.2亿元; 净申购46.8亿元 = 申购总额128.5亿元 -
    赎回总额81.7亿元 (lexicon/net_pairs.csv). Consistent if some pair of the paragraph's
    figures named by the two words fits."""
    def named(word: str, c: Claim) -> bool:
        before = folded[max(c.sentence[0], c.mention.start - 8):c.mention.start]
        at = before.rfind(word)
        return at >= 0 and (at == 0 or before[at - 1] != "净") and not re.search(
            r"[，,；;]", before[at:])

    amounts = [c for c in claims if c.mention.kind in ("money", "count")
               and c.mention.value is not None and c.mention.lo is not None
               and c.mention.hi is not None and c.role != "base"
               and not _threshold(folded, c.mention)]
    for c in amounts:
        if EARLIER.search(folded, max(c.sentence[0], c.mention.start - 12), c.mention.start):
            continue  # 去年同期为逆差433亿元: the base period's net, not this period's
        for net, plus, minus in net_pairs():
            if not named(net, c):
                continue
            near = [d for d in amounts if d.paragraph == c.paragraph and d is not c
                    and d.mention.unit == c.mention.unit
                    and abs(d.mention.start - c.mention.start) <= 200
                    and not FULL_STOP.search(folded, min(c.mention.end, d.mention.end),
                                             max(c.mention.start, d.mention.start))]
            scope = _partner(folded, c)  # 對美國出口…、出超…: America's, not the total's
            pluses = [d for d in near if named(plus, d) and d.mention.value > c.mention.value
                      and _one_partner(_partner(folded, d), scope)]
            minuses = [d for d in near if named(minus, d)
                       and _one_partner(_partner(folded, d), scope)]
            pairs = [(p, q) for p in pluses for q in minuses]
            if not pairs:
                break

            def fits(pair: tuple[Claim, Claim], flag: bool, c: Claim = c) -> bool:
                p, q = (check_interval(x.mention, flag) for x in pair)
                n = check_interval(c.mention, flag)
                if None in (*p, *q, *n):
                    return False
                if n[1] < 0:  # 主力净流出-54.41亿元: a signed template's net, in either word
                    n = (min(n[0], -n[1]), max(n[1], -n[0]))
                return _overlap((p[0] - q[1], p[1] - q[0]), n)

            strict, lenient = _any_fit(pairs, fits)
            report.checked.update({c.mention.start, *(x.mention.start for pq in pairs
                                                      for x in pq)})
            if strict:
                break
            p, q = min(pairs, key=lambda pq: abs(pq[0].mention.start - c.mention.start)
                       + abs(pq[1].mention.start - c.mention.start))
            expected = Decimal(p.mention.value) - Decimal(q.mention.value)
            report.findings.append(Finding(
                "net-vs-parts", "warning" if lenient else "error",
                [_span(c.mention), _span(p.mention), _span(q.mention)],
                f"{net} {c.mention.text} is not {plus} {p.mention.text} - {minus} "
                f"{q.mention.text} = {_fmt(expected, 0)}"
                f"{_magnitude_hint(Decimal(c.mention.value) / expected) if expected else ''}",
                expected=_fmt(expected, 0), found=c.mention.text,
                mentions=(c.mention, p.mention, q.mention),
                evidence={"arithmetic": f"{p.mention.value} - {q.mention.value}"}))
            break
