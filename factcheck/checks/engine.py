"""The bridge to the relation engine (:mod:`factcheck.relations`): its verdicts become
findings and its holding relations the confirmed list that ``--show-ok`` shows.

The engine is imported inside the pass: it imports :mod:`.common` back, and loading the
rules need not load it.
"""

from __future__ import annotations

import re
from typing import Any

from ..claims import Claim
from ..reference import Reference
from .common import _span
from .findings import Finding, Report


def _arithmetic(formula: str, texts: dict[str, str]) -> str:
    """A formula with its figures as written: 62% = (570.06億美元 / 350.82億美元 - 1) × 100."""
    return re.sub(r"[A-Za-z_]\w*", lambda m: texts.get(m.group(), m.group()),
                  formula).replace(" * ", " × ")


def frames_of(report: Report, folded: str, claims: list[Claim]) -> tuple[Any, list[Any]]:
    """The engine's document and claim frames of ``report``, built once per check."""
    if "frames" not in report.memo:
        from ..relations import Document
        from ..relations.frames import build

        doc = Document.of(report.text, folded)
        report.memo["doc"] = doc
        report.memo["frames"] = build(doc, [c.mention for c in claims], claims)
    return report.memo["doc"], report.memo["frames"]


def _relations(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """Findings of the relation engine that no rule above already made about the figure."""
    from ..relations import evaluate

    doc, frames = frames_of(report, folded, claims)
    taken = [s for f in report.findings for s in f.spans]
    for out in evaluate(report.text, [c.mention for c in claims], claims, doc, frames):
        report.checked.update(out.starts)
        frames = out.ordered()
        spans = [_span(f.mention) for f in frames]
        texts = {role: f.mention.text for role, f in out.roles.items()}
        if out.holds:  # what --show-ok lists: the relation and its arithmetic
            report.confirmed.append({
                "relation": out.row.name, "rule": out.row.rule, "spans": spans,
                "arithmetic": _arithmetic(out.formula.text, texts)})
        if out.severity is None:
            continue
        if any(s[0] < t[1] and t[0] < s[1] for s in spans[:1] for t in taken):
            continue
        message = out.row.message.format_map(_Texts(texts))
        fix = out.best_repair()
        evidence: dict[str, Any] = {"relation": out.row.name, "formula": out.formula.text}
        if out.rounding and any(f.mention.qualifier == "approx" for f in out.roles.values()):
            message += " as written (it holds only if 約 stretches to 5%)"
        elif out.rounding:
            message += " as written (it holds if the round figures are roundings)"
        if fix is not None:
            suggestion = (f"{fix.frame.mention.text} is likely {fix.written}" if fix.kind != "sign"
                          else f"{fix.frame.mention.text} likely goes the other way")
            message += f"; {suggestion}"
            evidence["suggestion"] = suggestion
        expected = "" if out.expected is None else out.expected.describe()
        if not expected:  # an order or a sum: the relation itself, with the figures in it
            expected = _arithmetic(out.formula.text, texts)
        report.findings.append(Finding(
            out.row.rule, out.severity, spans, message, expected=expected,
            found=frames[0].mention.text, mentions=tuple(f.mention for f in frames),
            evidence=evidence))
    # evaluate() meets relations in an order hash-salted sets decide; --show-ok lists them in
    # the text's order, the same in every process
    report.confirmed.sort(key=lambda c: (c["spans"], c["relation"], c["arithmetic"]))


class _Texts(dict):
    """Figure texts by role; a row's {part} over summed parts (p0 + p1 …, from
    relations.common.summed) names them all, so no binding's roles can break its message."""

    def __missing__(self, key: str) -> str:
        parts = [v for k, v in sorted(self.items()) if k[:1] == "p" and k[1:].isdigit()]
        return " + ".join(parts) if parts else "{" + key + "}"
