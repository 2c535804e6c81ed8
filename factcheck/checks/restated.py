"""One metric stated twice: incompatible values for the same entity, metric and period, and
the same digits restated with a multiplier 10^4 (万/亿), 10^8 or 10^3 apart."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims import Claim, metric_after
from ..reference import Reference
from ..textfold import fold
from .common import SLIP_SCALES, _magnitude_hint, _overlap, _span, check_interval
from .findings import Finding, Report


def _restated(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    seen: dict[tuple[str, str, str, str, str], Claim] = {}
    garbled = {f.spans[0] for f in report.findings if f.kind == "garbled"}
    for c in claims:
        m = c.mention
        if not (c.entity and c.metric and c.period) or m.kind != "money" or m.value is None \
                or c.period_source != "sentence" or (m.start, m.end) in garbled:
            continue  # only periods stated next to both figures make a restatement
        key = (c.entity, c.metric, c.period, m.unit or "", c.role)
        first = seen.get(key)
        if first is None or first.sentence == c.sentence:
            seen.setdefault(key, c)  # one sentence with two values is a comparison
            continue
        a, b = check_interval(first.mention, True), check_interval(m, True)
        report.checked.update({first.mention.start, m.start})
        if _overlap(a, b):
            continue
        va, vb = Decimal(first.mention.value), Decimal(m.value)
        rel = abs(vb - va) / abs(va) if va else Decimal(1)
        report.findings.append(Finding(
            "restated-mismatch", "error" if rel > Decimal("0.05") else "warning",
            [_span(m), _span(first.mention)],
            f"{m.text} restates {c.entity} {c.metric} {c.period} given earlier as "
            f"{first.mention.text}; the two cannot both be right{_magnitude_hint(vb / va)}",
            expected=first.mention.text, found=m.text, mentions=(m, first.mention),
            evidence={"entity": c.entity, "metric": c.metric, "period": c.period}))


def _multiplier_slip(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """全年约130亿美元收入 … 拿到130万美元收入: the same digits of the same metric with a
    multiplier 10^4 (万/亿), 10^8 (亿/万亿) or 10^3 apart is a slip, not a second value. With
    no metric on one side, only distinctive digits (10.48亿 vs 10.48万) are compared, and the
    finding is a warning."""
    seen: dict[tuple[str, str], list[tuple[Claim, str | None]]] = {}
    flagged = {f.spans[0] for f in report.findings}
    for c in claims:
        m = c.mention
        if m.kind not in ("money", "count") or m.value is None \
                or not m.number_text or m.multiplier == 1 or _span(m) in flagged:
            continue
        metric = c.metric or metric_after(folded, m.end, ref)
        digits = re.sub(r"[^\d.]", "", fold(m.number_text))  # 130亿 and 130万: digits 130
        if not digits:
            continue
        distinctive = len(digits.replace(".", "").strip("0")) >= 3  # 10.48, not 1000
        key = (m.unit or "", digits)
        for first, first_metric in seen.get(key, []):
            same_metric = metric is not None and metric == first_metric
            if (metric and first_metric and not same_metric) or not (same_metric or distinctive):
                continue
            if first.period and c.period and first.period != c.period:
                continue
            ratio = Decimal(m.value) / Decimal(first.mention.value)
            scale = next((s for s in SLIP_SCALES if ratio in (s, 1 / s)), None)
            if scale is None:
                continue
            report.checked.update({m.start, first.mention.start})
            report.findings.append(Finding(
                "restated-mismatch", "error" if same_metric else "warning",
                [_span(m), _span(first.mention)],
                f"{m.text} restates {first.mention.text} ({metric or 'the same digits'}) with a "
                f"multiplier 10^{scale.adjusted()} apart: a multiplier slip (万/亿) is likely",
                expected=first.mention.text, found=m.text, mentions=(m, first.mention),
                evidence={"metric": metric or "", "ratio": ratio}))
            break
        seen.setdefault(key, []).append((c, metric))
