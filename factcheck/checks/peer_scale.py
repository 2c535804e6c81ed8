"""A figure of a parallel list written with another multiplier than all its peers, which read
with theirs would sit among them: 华泰证券营业收入271.29万元；广发证券营业收入261.64亿元；中国银河
营业收入227.51亿元 (271.29亿元 with 亿 slipped to 万).

Peers are the level figures of one paragraph that measure one metric in one unit for one
period (the claim frames say so), written with one multiplier and within a factor of ten of
each other. The odd figure is flagged only when its digits, read with the peers' multiplier,
fall inside their range (a third of the smallest to three times the largest) while as written
it is a thousand times or more away from every peer: 5亿元、3亿元和8000万元 stays clean (8000亿
would be no peer either). A warning: a list may hold one small item for real.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ..claims import Claim
from ..model import Mention
from ..reference import Reference
from .common import _span
from .findings import Finding, Report

MIN_PEERS = 2          # figures besides the odd one that agree on a multiplier
PEER_SPREAD = 10       # the peers lie within this factor of each other
RANGE_SLACK = 3        # the odd figure, read with their multiplier, within this of their range
APART = Decimal(1000)  # ... and as written at least this far from every peer
NAMES = {Decimal(10) ** 3: "千", Decimal(10) ** 4: "万", Decimal(10) ** 6: "百万",
         Decimal(10) ** 8: "亿", Decimal(10) ** 12: "万亿"}


def _key(c: Claim) -> tuple | None:
    m = c.mention
    if m.kind not in ("money", "count") or c.role != "level" or c.metric is None \
            or not isinstance(m.value, Decimal) or m.value <= 0 or not m.multiplier \
            or m.qualifier != "exact" or c.direction is not None:
        return None
    return c.paragraph, c.metric, m.kind, m.unit, c.period


def _peer_scale(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for c in claims:
        key = _key(c)
        if key is not None:
            groups[key].append(c.mention)
    flagged = {f.spans[0] for f in report.findings}
    for figures in groups.values():
        if len(figures) < MIN_PEERS + 1:
            continue
        for odd in figures:
            peers = [m for m in figures if m is not odd]
            scales = {m.multiplier for m in peers}
            if len(scales) != 1 or odd.multiplier in scales or _span(odd) in flagged:
                continue
            scale = scales.pop()
            lo, hi = min(m.value for m in peers), max(m.value for m in peers)
            if hi > PEER_SPREAD * lo or scale not in NAMES or odd.multiplier not in NAMES:
                continue
            read = odd.value / odd.multiplier * scale
            if not lo / RANGE_SLACK <= read <= hi * RANGE_SLACK:
                continue
            if not all(max(odd.value, m.value) / min(odd.value, m.value) >= APART
                       for m in peers):
                continue
            fixed = odd.text.replace(*_words(odd.text, odd.multiplier, scale))
            report.checked.update({odd.start, *(m.start for m in peers)})
            report.findings.append(Finding(
                "multiplier-slip", "warning", [_span(odd), *(_span(m) for m in peers[:3])],
                f"{odd.text} is written in {NAMES[odd.multiplier]} where its peers "
                f"({'、'.join(m.text for m in peers[:3])}) are in {NAMES[scale]}; read in "
                f"{NAMES[scale]} it sits among them: likely {fixed} (a multiplier slip)",
                expected=fixed, found=odd.text, mentions=(odd, *peers[:3]),
                evidence={"suggestion": f"{odd.text} is likely {fixed}",
                          "scale": NAMES[scale]}))


def _words(text: str, old: Decimal, new: Decimal) -> tuple[str, str]:
    """(the multiplier as the figure writes it, the peers' in the same script)."""
    trad = {"万": "萬", "亿": "億", "万亿": "萬億", "百万": "百萬"}
    written = NAMES[old]
    if written not in text and trad.get(written, written) in text:
        return trad[written], trad.get(NAMES[new], NAMES[new])
    return written, NAMES[new]
