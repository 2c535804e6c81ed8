"""``factcheck reference from-source``: a release as reference rows a desk can keep.

Each figure of the source becomes one row of the contract's CSV: the entity (``--entity``,
else the file's name), the metric as the release names it (its words before the figure,
with the comparison basis: 营收, 营收 yoy), the period the release states before the figure
(2025-Q3 -> FY2025Q3, 2021-07, 2023) or ``--period``, the value in whole units, the unit,
and the source as file:line:column. A figure with no period, or a bare table number whose
unit the release never declares, is left out and counted on stderr.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from bisect import bisect_right

from ..errors import UsageError
from ..reference import PERIOD_RE, load_reference
from .figures import Figure

COLUMNS = ("entity", "metric", "period", "value", "unit", "source", "metric_aliases", "note")
PERIOD_KINDS = ("period", "year", "date")


def _period(value: object) -> str | None:
    """An extracted period's value in the contract's period form, if it has one."""
    text = str(value)
    if m := re.fullmatch(r"(\d{4})-(Q[1-4]|H[12])", text):
        return f"FY{m[1]}{m[2]}"
    return text if PERIOD_RE.match(text) else None


def _unit(f: Figure) -> tuple[str, object] | None:
    """(unit, value) of the figure's first reading that has a unit."""
    for r in f.readings:
        if r.dim == "money" and r.currency:
            return r.currency, r.value
        if r.dim in ("%", "pp", "x"):
            return r.dim, r.value
        if r.dim.startswith("count:"):
            return r.dim.split(":", 1)[1], r.value
    return None


def rows(name: str, text: str, entity: str, period: str = "",
         published: object = None) -> tuple[list[dict[str, str]], int]:
    """The reference rows of one source text, and how many figures were left out."""
    from ..claims import link
    from ..extract import extract
    from .figures import figures_of

    reference = load_reference()
    mentions = extract(text, published)  # type: ignore[arg-type]
    claims = link(text, mentions, reference)
    periods = [(m.start, p) for m in mentions if m.kind in PERIOD_KINDS
               and (p := _period(m.value)) is not None]
    starts = [s for s, _ in periods]
    out, skipped = [], 0
    for f in figures_of(name, text, claims):
        unit = _unit(f)
        k = bisect_right(starts, f.start) - 1
        when = periods[k][1] if k >= 0 else period
        metric = re.sub(r"(?:则为|则是|为|达到|达|是|约|至)+$", "", f.near or f.label)
        if unit is None or not when or not metric:
            skipped += 1
            continue
        if f.basis and f.basis != "level" and f.readings[0].dim in ("%", "pp"):
            metric = f"{metric} {f.basis}"
        out.append({"entity": entity, "metric": metric, "period": period or when,
                    "value": str(unit[1]), "unit": unit[0],
                    "source": f"{name}:{f.line}:{f.column}", "metric_aliases": f.near,
                    "note": f.quote[:120]})
    return out, skipped


def run(args: argparse.Namespace) -> int:
    """The command: every source's rows into one CSV (stdout or -o FILE)."""
    from pathlib import Path

    from ..cli import _emit, _refuse_input_overwrite
    from ..io import read_documents
    from ..markup import document_text

    if args.period and not PERIOD_RE.match(args.period):
        raise UsageError(f"--period {args.period!r}: not YYYY-MM-DD, YYYY-MM, YYYY, FY2026Q3, "
                         "FY2025H1 or FY2025")
    if args.output:
        _refuse_input_overwrite(args.output, args.paths)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    total = 0
    for doc in list(read_documents(args.paths)):
        text, _ = document_text(doc.name, doc.text)
        entity = args.entity or (Path(doc.name).stem if doc.name != "-" else "source")
        found, skipped = rows(doc.name, text, entity, args.period, args.date)
        writer.writerows(found)
        total += len(found)
        if skipped:
            print(f"factcheck: {doc.name}: {skipped} figures left out (no period or unit; "
                  "give --period)", file=sys.stderr)
    if not total:
        raise UsageError("no figure with a unit and a period found; give --period")
    _emit(buffer.getvalue(), args.output, sys.stdout)
    return 0
