"""Compound annual growth (年均复合增长率) against the two dated levels it spans."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..reference import Reference
from .common import FULL_STOP, _overlap, _severity, _span
from .findings import Finding, Report

CAGR_WORD = re.compile(r"(?:复合增长率|复合成长率|年均复合增长率|年复合成长率|年复合增长率|CAGR)"
                       r"(?:约|为|达|达到)?\s?$")
YEAR_NEAR = re.compile(r"((?:19|20)\d{2})\s?年")


def _cagr(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """到2030年…1200亿元，是2025年82亿元的…，年均复合增长率约71%: (1200/82)^(1/5) - 1."""
    for g in claims:
        m = g.mention
        if m.kind != "percent" or m.value is None or m.lo is None or m.hi is None:
            continue
        if not CAGR_WORD.search(folded[max(g.sentence[0], m.start - 12):m.start]):
            continue
        start = g.paragraph[0]
        stop = FULL_STOP.search(folded, m.end)
        prior = folded.rfind("。", start, m.start)
        window = (prior + 1 if prior >= 0 else start, stop.start() if stop else len(folded))
        dated = []
        for c in claims:
            a = c.mention
            if not (window[0] <= a.start < window[1]) or a.kind not in ("money", "count") \
                    or a.value is None or a.lo is None or a.hi is None:
                continue
            clause_start = max(folded.rfind(ch, window[0], a.start) for ch in "，,；;") + 1
            years = YEAR_NEAR.findall(folded, max(window[0], clause_start), a.start)
            if years:
                dated.append((int(years[-1]), a))
        by_year = {}
        for year, a in dated:
            by_year.setdefault(year, a)
        if len(by_year) < 2:
            continue
        y0, y1 = min(by_year), max(by_year)
        a0, a1 = by_year[y0], by_year[y1]
        if a0.unit != a1.unit or a0.lo <= 0:
            continue
        n = y1 - y0
        lo = (float(a1.lo) / float(a0.hi)) ** (1 / n) - 1
        hi = (float(a1.hi) / float(a0.lo)) ** (1 / n) - 1
        implied = (Decimal(str(round(lo * 100, 4))), Decimal(str(round(hi * 100, 4))))
        report.checked.update({m.start, a0.start, a1.start})
        if _overlap(implied, (m.lo, m.hi)):
            continue
        expected = Decimal(str(round(((float(a1.value) / float(a0.value)) ** (1 / n) - 1) * 100,
                                     1)))
        report.findings.append(Finding(
            "growth-vs-levels", _severity(Decimal(m.value), expected, Decimal("0.5")),
            [_span(m), _span(a1), _span(a0)],
            f"{m.text} is not the compound annual growth from {a0.text} ({y0}) to {a1.text} "
            f"({y1}): ({a1.value} / {a0.value})^(1/{n}) - 1 = {expected}%",
            expected=f"{expected}%", found=m.text, mentions=(m, a1, a0),
            evidence={"arithmetic": f"({a1.value} / {a0.value})^(1/{n}) - 1"}))
