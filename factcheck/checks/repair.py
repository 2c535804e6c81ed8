"""One severity policy for the rule passes too: an arithmetic finding is an ``error`` only when
a single typical slip in one of its figures explains it, as for the relation engine.

The pass that raised the finding is run again with one figure replaced by a slipped reading
(a digit changed, two adjacent digits swapped, a digit dropped or doubled, 万/亿 or 千/百万)
— the same slips the engine's repair search tries. If one reading silences the finding, the
finding stays an error and names that reading; if none does, the pass has bound figures the
text does not relate as it thinks (a partial list, a label read as a total) and the finding
becomes a warning. Only the values change: the text, spans and cues stay as written.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from ..claims import Claim
from ..interval import Interval
from ..model import Mention
from ..reference import Reference
from .findings import Finding, Report

# rules judged here: arithmetic among the text's own figures (dates, fused years, reference
# rows and the multiplier-slip pass have their own evidence)
JUDGED = {"shares-sum", "parts-vs-total", "net-vs-parts", "share-of-total", "per-unit",
          "product", "fx-implied", "multiple-vs-levels"}

# passes whose every error is judged, whatever its rule (a forecast's stated base)
JUDGED_PASSES = {"_range_bases"}

Pass = Callable[[str, list[Claim], Reference, Report], None]
# the slips tried first, and how many re-runs of a pass one finding may cost: the rare
# slips (a digit dropped or doubled) come last and a long list is cut
KIND_ORDER = {"swap": 0, "scale": 1, "digit": 2, "drop": 3, "double": 4}
MAX_TRIALS = 120


def _slipped(m: Mention, kind: str, factor: Decimal) -> Mention | None:
    """The figure read with one slip: a 万/亿 slip scales its interval, a digit slip shifts
    it by the change of value (as the engine's repair search does, on the same Interval)."""
    if m.value is None or isinstance(m.value, str):
        return None
    value = Decimal(m.value)
    iv, point = Interval(m.lo, m.hi), Interval.point(value)
    if kind == "scale":
        iv, point = iv.scaled(factor), point.scaled(factor)
    else:
        iv, point = iv.shifted(value * (factor - 1)), point.shifted(value * (factor - 1))
    return replace(m, value=point.lo, lo=iv.lo, hi=iv.hi)


def explain(finding: Finding, run: Pass, folded: str, claims: list[Claim],
            reference: Reference, text: str) -> str | None:
    """The slipped reading of one figure after which ``run`` no longer raises the finding;
    of several, the one that moves its figure least (9,930 -> 9,030 before 5,760 -> 6,760)."""
    from ..relations.solve import _variants  # the engine's slips; imported late (a cycle)

    spans = {tuple(s) for s in finding.spans}
    first = tuple(finding.spans[0])
    found: list[tuple[float, str]] = []
    # the passes bind within a paragraph: re-running over the finding's paragraphs suffices
    paragraphs = {c.paragraph for c in claims if (c.mention.start, c.mention.end) in spans}
    claims = [c for c in claims if c.paragraph in paragraphs]
    trials = sorted(((i, kind, written, factor) for i, c in enumerate(claims)
                     if (c.mention.start, c.mention.end) in spans
                     for kind, written, factor in _variants(SimpleNamespace(mention=c.mention))),
                    key=lambda t: KIND_ORDER.get(t[1], 9))[:MAX_TRIALS]
    for i, kind, written, factor in trials:
        c = claims[i]
        m = c.mention
        slipped = _slipped(m, kind, factor) if factor > 0 else None
        if slipped is None:
            continue  # a figure slipped to zero explains nothing
        trial = claims[:i] + [replace(c, mention=slipped)] + claims[i + 1:]
        report = Report(text, [x.mention for x in trial], trial, [])
        try:
            run(folded, trial, reference, report)
        except ArithmeticError:  # a pass that divides by a slipped figure
            continue
        if not any(f.rule == finding.rule and tuple(f.spans[0]) == first
                   for f in report.findings):
            size = abs(math.log10(float(factor))) if factor > 0 else 9.0
            found.append((size, f"{m.text} is likely {written}"))
    return min(found)[1] if found else None


def judge(findings: list[Finding], run: Pass, folded: str, claims: list[Claim],
          reference: Reference, text: str) -> list[Finding]:
    """The findings of one pass under the severity policy."""
    out = []
    for f in findings:
        judged = f.rule in JUDGED or getattr(run, "__name__", "") in JUDGED_PASSES
        if f.severity != "error" or not judged or "relation" in f.evidence:
            out.append(f)
            continue
        why = explain(f, run, folded, claims, reference, text)
        evidence: dict[str, Any] = dict(f.evidence)
        if why:
            evidence["suggestion"] = why
            out.append(replace(f, evidence=evidence))
        else:
            out.append(replace(f, severity="warning"))
    return out
