"""Currency conversions (约合人民币5517亿元): the implied rate against the rate the article
states, else the dated reference row, else a plausible band."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim
from ..reference import Reference
from .common import _fmt, _magnitude_hint, _span
from .findings import Finding, Report


def _doc_day(claims: list[Claim], pos: int, paragraph: tuple[int, int]) -> str | None:
    days = [c.mention for c in claims if c.mention.kind == "date"
            and isinstance(c.mention.value, str) and len(c.mention.value) == 10
            and "weekday" not in c.mention.extra]
    before = [d for d in days if paragraph[0] <= d.start < pos]
    if before:
        return str(before[-1].value)
    earlier = [d for d in days if d.start < pos]
    return str(earlier[-1].value) if earlier else (str(days[0].value) if days else None)


FX_PAIRS = {("USD", "CNY"), ("USD", "HKD"), ("USD", "TWD"), ("HKD", "CNY")}
FX_BANDS = {("USD", "CNY"): (Decimal("6.0"), Decimal("8.0")),
            ("USD", "HKD"): (Decimal("7.6"), Decimal("7.95")),
            ("USD", "TWD"): (Decimal("26"), Decimal("36")),
            ("HKD", "CNY"): (Decimal("0.80"), Decimal("1.0"))}
CONVERTED = re.compile(r"^(?:约合|折合|相当于)")
STATED_RATE = re.compile(r"(?:兑美元|兑换美元|汇率|兑1美元|美元兑|中间价)[^，,。；;\d]{0,3}$")


def _fx(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """约合人民币5517亿元 after 780.25亿美元: the implied rate against the rate the article
    states (以汇率31.3元计), else the dated table row, else a plausible band."""
    money = [c for c in claims if c.mention.kind == "money" and c.mention.value]
    for c in money:
        target = c.mention
        lead = folded[target.start:target.end]
        gap_before = folded[max(c.paragraph[0], target.start - 3):target.start]
        if not (CONVERTED.match(lead) or re.search(r"[（(]\s?$", gap_before)
                and target.qualifier == "approx"):
            continue
        rates = [d.mention for d in claims if d.paragraph == c.paragraph
                 and d.mention.kind in ("money", "other") and d.mention.value
                 and Decimal(d.mention.value) < 100 and not CONVERTED.match(
                     folded[d.mention.start:d.mention.end])
                 and d.mention.start < target.start
                 and STATED_RATE.search(folded[max(0, d.mention.start - 8):d.mention.start])]
        # the amount right before a conversion in the same currency (…元人民幣(約223元) read
        # with one currency) leaves the pairing unknown: nothing is checked
        before = [d.mention for d in money if d.paragraph == c.paragraph
                  and d.mention.end <= target.start and d.mention not in rates]
        if before and before[-1].unit == target.unit:
            continue
        sources = [d for d in before if target.start - d.end <= 200 and d.unit != target.unit
                   and ((d.unit, target.unit) in FX_PAIRS or (target.unit, d.unit) in FX_PAIRS)]
        if not sources:
            continue
        pair = (sources[-1].unit, target.unit) if (sources[-1].unit, target.unit) in FX_PAIRS \
            else (target.unit, sources[-1].unit)
        day = _doc_day(claims, target.start, c.paragraph)
        row = ref.fx_rate(f"{pair[0]}/{pair[1]}", day)
        if rates:
            expected_rate, basis, tol = Decimal(rates[-1].value), f"the stated rate " \
                f"{rates[-1].text}", Decimal("0.02")
        elif row is not None:
            expected_rate, basis = row.value, f"the {pair[0]}/{pair[1]} rate on {row.period} " \
                f"({row.row_id}, {row.source})"
            tol = max(row.tolerance or Decimal(0), Decimal("0.02"))
        else:
            expected_rate, basis, tol = None, "", Decimal(0)
        fits, implied_all = [], []
        for src in sources:
            if (src.unit, target.unit) == pair:
                implied = Decimal(target.value) / Decimal(src.value)
            elif (target.unit, src.unit) == pair:
                implied = Decimal(src.value) / Decimal(target.value)
            else:
                continue
            implied_all.append((src, implied))
            if expected_rate is not None:
                fits.append(abs(implied / expected_rate - 1) <= tol)
            else:
                lo, hi = FX_BANDS[pair]
                fits.append(lo <= implied <= hi)
        if not implied_all:
            continue
        report.checked.update({target.start, *(s.start for s, _ in implied_all)})
        if any(fits):
            continue
        src, implied = implied_all[-1]
        spans = [_span(target), *(_span(s) for s, _ in implied_all)]
        unit_text = f"{pair[1]} per {pair[0]}"
        if expected_rate is not None:
            dev = abs(implied / expected_rate - 1)
            severity = "warning" if dev <= Decimal("0.05") else "error"
            message = (f"{src.text} ≈ {target.text} implies {_fmt(implied, 4)} {unit_text}; "
                       f"{basis} is {expected_rate}{_magnitude_hint(implied / expected_rate)}")
            expected = f"{expected_rate} {unit_text} (±{_fmt(tol * 100, 1)}%)"
            evidence = {"rate_basis": basis, "tolerance": tol}
            if row is not None and not rates:
                evidence.update({"reference_row": row.row_id, "source": row.source})
        else:
            lo, hi = FX_BANDS[pair]
            severity = "error"
            message = (f"{src.text} ≈ {target.text} implies {_fmt(implied, 4)} {unit_text}, "
                       f"outside any recent rate ({lo}–{hi}; no stated rate and no dated row "
                       f"for {day or 'the article'})"
                       f"{_magnitude_hint(implied / ((lo + hi) / 2))}")
            expected = f"{lo}–{hi} {unit_text}"
            evidence = {"band": f"{lo}-{hi}"}
        report.findings.append(Finding(
            "fx-implied", severity, spans, message, expected=expected,
            found=f"{_fmt(implied, 4)} {unit_text}", mentions=(target, src),
            evidence=evidence))
