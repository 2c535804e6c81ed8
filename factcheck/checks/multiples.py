"""N倍 comparisons, subscription multiples (认购倍数) and orders of magnitude (两个数量级)
against the stated figures they compare."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..model import Mention
from ..numerals import read_number
from ..reference import Reference
from .common import FULL_STOP, _any_fit, _fmt, _overlap, _severity, _span, check_interval
from .findings import Finding, Report


def _multiple(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """交易额约为营收9.7亿美元的5倍: some stated figure of the same unit in the sentence must
    be N times the figure right before 的N倍 (the subject may be named by a word, not a
    number, so every candidate is tried; consistent if one of them fits)."""
    for c in claims:
        m = c.mention
        if m.kind != "multiple" or m.extra.get("growth_basis") != "times" or m.value is None:
            continue
        amounts = [d.mention for d in claims if d.paragraph == c.paragraph
                   and d.mention.kind in ("money", "count", "percent")
                   and d.mention.value is not None and d.mention.start < m.start
                   and not FULL_STOP.search(folded, d.mention.end, m.start)]
        if len(amounts) < 2:
            continue
        b = amounts[-1]
        if not re.fullmatch(r"\s?的\s?", folded[b.end:m.start]):
            continue  # 是NAND的2.5倍: the compared figure is named, not stated here
        candidates = [a for a in amounts[:-1] if a.unit == b.unit and a.kind == b.kind]
        if not candidates or not b.value:
            continue
        def times(a: Mention, flag: bool, m: Mention = m, b: Mention = b) -> bool:
            alo, ahi = check_interval(a, flag)
            blo, bhi = check_interval(b, flag)
            if None in (alo, ahi, blo, bhi) or blo <= 0:
                return False
            return _overlap((alo / bhi, ahi / blo), (m.lo, m.hi))

        strict, lenient = _any_fit(candidates, times)
        report.checked.update({m.start, b.start, *(a.start for a in candidates)})
        if strict:
            continue
        a = candidates[-1]
        expected = Decimal(a.value) / Decimal(b.value)
        severity = "warning" if lenient else _severity(Decimal(m.value), expected, Decimal("0.5"))
        report.findings.append(Finding(
            "multiple-vs-levels", severity,
            [_span(m), _span(b), *(_span(x) for x in candidates)],
            f"{m.text}: no stated figure is {m.text} of {b.text} "
            f"(e.g. {a.text} / {b.text} = {_fmt(expected, 2)})",
            expected=f"{_fmt(expected, 2)}倍", found=m.text,
            mentions=(m, b, *candidates),
            evidence={"arithmetic": f"{a.value} / {b.value}"}))


SUBSCRIBED = re.compile(r"(?:认购倍数|申购倍数|认购倍率|超额认购|超购)(?:约|为|达|达到)?\s?$")


def _subscription(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """有效申购金额153亿元 … 规模45亿元 … 认购倍数为3.4倍: the multiple is the demand over
    the size for some two amounts of the paragraph (超额认购N倍 read either as N or N+1)."""
    for c in claims:
        m = c.mention
        if m.kind != "multiple" or m.value is None or m.lo is None or m.hi is None:
            continue
        if not SUBSCRIBED.search(folded, max(c.sentence[0], m.start - 8), m.start):
            continue
        amounts = [d.mention for d in claims if d.paragraph == c.paragraph
                   and d.mention.kind == "money" and d.mention.value
                   and d.mention.lo is not None and d.mention.hi is not None]
        pairs = [(a, b) for a in amounts for b in amounts
                 if a is not b and a.unit == b.unit and a.value > b.value]
        if not pairs:
            continue
        over = "超" in folded[max(c.sentence[0], m.start - 6):m.start]

        def fits(pair: tuple[Mention, Mention], flag: bool, m: Mention = m,
                 over: bool = over) -> bool:
            (alo, ahi), (blo, bhi) = (check_interval(x, flag) for x in pair)
            if None in (alo, ahi, blo, bhi) or blo <= 0:
                return False
            ratio = (alo / bhi, ahi / blo)
            return _overlap(ratio, (m.lo, m.hi)) or (
                over and _overlap((ratio[0] - 1, ratio[1] - 1), (m.lo, m.hi)))

        strict, lenient = _any_fit(pairs, fits)
        if strict or lenient:
            report.checked.update({m.start, *(x.start for pair in pairs for x in pair)})
            continue
        if len(pairs) > 1:
            continue  # many readings, none fits: the amounts it divides may not be stated
        a, b = max(pairs, key=lambda ab: ab[0].value)[0], min(
            (ab for ab in pairs), key=lambda ab: abs(ab[0].value / ab[1].value - m.value))[1]
        ratio = Decimal(a.value) / Decimal(b.value) / Decimal(m.value) if m.value else 0
        if not Decimal("0.1") <= ratio <= 10:
            continue  # an order of magnitude apart: two amounts of other offers, not this one
        report.findings.append(Finding(
            "multiple-vs-levels", "warning", [_span(m), *(_span(x) for x in amounts)],
            f"{m.text}: no two amounts of the paragraph give this subscription multiple "
            f"(e.g. {a.text} / {b.text} = {_fmt(Decimal(a.value) / Decimal(b.value), 2)})",
            expected=f"{_fmt(Decimal(a.value) / Decimal(b.value), 2)}倍", found=m.text,
            mentions=(m, a, b), evidence={"arithmetic": f"{a.value} / {b.value}"}))


ORDERS = re.compile(r"(?P<n>[一二两三四五六七八九1-9])个数量级")


def _orders_of_magnitude(folded: str, claims: list[Claim], ref: Reference,
                         report: Report) -> None:
    """相差两个数量级 (10亿美元 vs 1000万美元): some two figures of one unit stated before it
    in the paragraph must differ by about 10^N (from 10^(N-0.5) to 10^(N+0.5))."""
    for hit in ORDERS.finditer(folded):
        reading = read_number(hit.group("n"))
        if reading is None:
            continue
        n = int(reading.value)
        para_start = folded.rfind("\n", 0, hit.start()) + 1
        amounts = [c.mention for c in claims if c.mention.kind in ("money", "count")
                   and c.mention.value and para_start <= c.mention.start < hit.start()
                   and hit.start() - c.mention.start <= 400]
        pairs = [(a, b) for i, a in enumerate(amounts) for b in amounts[i + 1:]
                 if a.unit == b.unit and a.value != b.value]
        if not pairs:
            continue
        lo, hi = Decimal(10) ** n / Decimal(10).sqrt(), Decimal(10) ** n * Decimal(10).sqrt()
        report.checked.update({m.start for pair in pairs for m in pair})
        ratios = [max(a.value, b.value) / min(a.value, b.value) for a, b in pairs]
        if any(lo <= r <= hi for r in ratios):
            continue
        a, b = min(zip(pairs, ratios, strict=True),
                   key=lambda pr: abs(pr[1].log10() - n))[0]
        ratio = max(a.value, b.value) / min(a.value, b.value)
        report.findings.append(Finding(
            "multiple-vs-levels", "warning", [hit.span(), _span(a), _span(b)],
            f"{hit.group()}: no two figures before it differ by about 10^{n} (nearest: "
            f"{a.text} vs {b.text}, a factor of {_fmt(Decimal(ratio), 1)})",
            expected=f"a factor of about 10^{n}", found=_fmt(Decimal(ratio), 1),
            mentions=(a, b), evidence={"arithmetic": f"{max(a.value, b.value)} / "
                                                     f"{min(a.value, b.value)}"}))
