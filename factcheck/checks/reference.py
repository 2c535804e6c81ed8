"""Figures against the curated reference tables (``ref-mismatch``).

The only rule that compares with outside data rather than the article itself; the row, its
source and tolerance go into the evidence so an editor can verify the row.
"""

from __future__ import annotations

from decimal import Decimal

from ..claims import Claim
from ..model import Mention
from ..reference import Reference
from ..textfold import fold
from .common import _center, _fmt, _magnitude_hint, _overlap, _severity, _span, check_interval
from .findings import Finding, Report


def _reference(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    for c in claims:
        m = c.mention
        if not (c.entity and c.metric and c.period) or m.kind not in ("money", "percent",
                                                                     "count", "multiple"):
            continue
        for row in ref.lookup(c.entity, c.metric, c.period):
            if not _unit_matches(m, row.unit):
                continue
            tol = row.tolerance or Decimal(0)
            ref_iv = (row.value - abs(row.value) * tol, row.value + abs(row.value) * tol)
            verdicts = []
            for lenient in (False, True):
                lo, hi = check_interval(m, lenient)
                if c.direction == "down" and c.role in ("growth", "move"):
                    lo, hi = (-hi if hi is not None else None, -lo if lo is not None else None)
                verdicts.append(_overlap((lo, hi), ref_iv))
            report.checked.add(m.start)
            if verdicts[0]:
                continue
            lo, hi = check_interval(m)
            if c.direction == "down" and c.role in ("growth", "move"):
                lo, hi = (-hi if hi is not None else None, -lo if lo is not None else None)
            found = _center(lo, hi) or Decimal(0)
            rounding = (m.hi - m.lo) / 2 if m.hi is not None and m.lo is not None else Decimal(0)
            severity = "warning" if verdicts[1] else _severity(found, row.value, rounding)
            report.findings.append(Finding(
                "ref-mismatch", severity, [_span(m)],
                f"{m.text} ({c.entity} {c.metric} {c.period}) contradicts {row.value} "
                f"{row.unit} in {row.row_id} ({row.source}), tolerance {_fmt(tol * 100, 2)}%"
                f"{_magnitude_hint(found / row.value) if row.value else ''}",
                expected=f"{row.value} {row.unit}", found=m.text, mentions=(m,),
                evidence={"reference_row": row.row_id, "source": row.source,
                          "tolerance": tol, "entity": c.entity, "metric": c.metric,
                          "period": c.period}))


def _unit_matches(m: Mention, unit: str) -> bool:
    if m.kind == "money":
        return m.unit == unit
    if m.kind == "percent":
        return unit == "%"
    if m.kind == "multiple":
        return unit == "x"
    return unit == "count" or fold(unit) == fold(m.unit or "")
