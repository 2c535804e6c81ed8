"""Batch output layout: the constants of a run's directory, the Arrow schemas of the four
tables, the per-chunk table builder and the summary statistics (``factcheck.batch``)."""

from __future__ import annotations

import heapq
import json
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import io as _io
from .checks.findings import status
from .errors import UsageError
from .model import json_number

TABLES = ("figures", "findings", "documents", "bad_records")
JOURNAL = "_progress.jsonl"
PARTS = "_parts"
SUMMARY = "summary.json"
JOURNAL_VERSION = 1
SLOWEST = 10  # slowest documents kept in the summary
STDERR_BAD_LIMIT = 50  # bad records echoed on stderr; all of them are in the bad_records table
SEVERITIES = ("error", "warning", "info")
MAX_RECORD_BYTES = getattr(_io, "MAX_BYTES", 512 * 1024 * 1024)  # what `check` reads at most


# ---------------------------------------------------------------------------------------------
# Table layout


def _pa() -> Any:
    try:
        import pyarrow
    except ImportError as exc:  # pragma: no cover - pyarrow is a dependency
        raise UsageError("factcheck batch needs pyarrow (pip install pyarrow)") from exc
    return pyarrow


def _require_pyarrow() -> None:
    """Fail early without importing pyarrow (its allocator starts a thread; see _mp_context)."""
    import importlib.util

    if importlib.util.find_spec("pyarrow") is None:  # pragma: no cover - a dependency
        raise UsageError("factcheck batch needs pyarrow (pip install pyarrow)")


_SCHEMAS: dict[str, Any] = {}


def schemas() -> dict[str, Any]:
    """The Arrow schema of each output table (built once per process)."""
    if not _SCHEMAS:
        pa = _pa()
        s, i, f = pa.string(), pa.int64(), pa.float64()
        _SCHEMAS["figures"] = pa.schema([
            ("doc_index", i), ("doc_id", s), ("doc", s), ("start", i), ("end", i), ("text", s),
            ("kind", s), ("value", s), ("value_num", f), ("unit", s), ("qualifier", s),
            ("lo", f), ("hi", f), ("direction", s), ("signed_value", f), ("extra", s),
        ])
        _SCHEMAS["findings"] = pa.schema([
            ("doc_index", i), ("doc_id", s), ("doc", s), ("start", i), ("end", i), ("rule", s),
            ("kind", s), ("severity", s), ("spans", pa.list_(pa.list_(i))), ("message", s),
            ("expected", s), ("found", s), ("evidence", s), ("figure", s), ("line", i),
            ("column", i), ("suggestion", s),
        ])
        _SCHEMAS["documents"] = pa.schema([
            ("doc_index", i), ("doc_id", s), ("doc", s), ("line", i), ("chars", i),
            ("encoding", s), ("figures", i), ("figures_checked", i), ("status", s),
            ("findings", i), ("errors", i), ("warnings", i), ("infos", i), ("ms", f),
            ("fields", s),
        ])
        _SCHEMAS["bad_records"] = pa.schema([
            ("doc_index", i), ("doc", s), ("line", i), ("reason", s), ("error", s),
        ])
    return _SCHEMAS


def value_text(value: Any) -> str | None:
    """A figure's value as exact text: ``57006000000``, ``0.75``, ``2025-12-09`` or None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    return float(value)


@dataclass(frozen=True, slots=True)
class Doc:
    """One article ready to check."""

    index: int  # position of its record in the input (bad records count too)
    doc_id: str
    source: str  # the JSONL file (or -) it came from, or the article's path
    line: int | None  # 1-based JSONL line; None for an article file
    text: str
    encoding: str
    fields: str | None  # the record's other JSONL fields, as a JSON object text


class TableBuilder:
    """Collects rows column by column and turns them into Arrow tables."""

    def __init__(self) -> None:
        self.cols = {name: {c: [] for c in sch.names} for name, sch in schemas().items()}

    def add(self, doc: Doc, report: Any, ms: float) -> None:
        """Rows for one checked document (``report`` is a :class:`factcheck.checks.Report`)."""
        fig = self.cols["figures"]
        direction = {c.mention.start: c.direction for c in report.claims
                     if c.role in ("growth", "move")}
        for m in report.mentions:
            fig["doc_index"].append(doc.index)
            fig["doc_id"].append(doc.doc_id)
            fig["doc"].append(doc.source)
            fig["start"].append(m.start)
            fig["end"].append(m.end)
            fig["text"].append(m.text)
            fig["kind"].append(m.kind)
            fig["value"].append(value_text(m.value))
            fig["value_num"].append(_num(m.value))
            fig["unit"].append(m.unit)
            fig["qualifier"].append(m.qualifier)
            fig["lo"].append(_num(m.lo))
            fig["hi"].append(_num(m.hi))
            # 下降1.2%: the value as written (1.2) and, for a stated move, signed (-1.2)
            way = direction.get(m.start)
            fig["direction"].append(way)
            num = _num(m.value)
            fig["signed_value"].append(-num if num is not None and way == "down" else num)
            fig["extra"].append(json.dumps({k: json_number(v) for k, v in m.extra.items()},
                                           ensure_ascii=False, sort_keys=True, default=str)
                                if m.extra else None)
        fin = self.cols["findings"]
        for finding in report.findings:
            js = finding.as_json()
            fin["doc_index"].append(doc.index)
            fin["doc_id"].append(doc.doc_id)
            fin["doc"].append(doc.source)
            fin["start"].append(js["spans"][0][0] if js["spans"] else None)
            fin["end"].append(js["spans"][0][1] if js["spans"] else None)
            for key in ("rule", "kind", "severity", "spans", "message", "expected", "found"):
                fin[key].append(js[key])
            fin["evidence"].append(json.dumps(js["evidence"], ensure_ascii=False, sort_keys=True)
                                   if js.get("evidence") else None)
            start = finding.spans[0][0] if finding.spans else None
            line = col = None
            if start is not None:  # 1-based, as the reports show them
                line = report.text.count("\n", 0, start) + 1
                col = start - (report.text.rfind("\n", 0, start) + 1) + 1
            fin["figure"].append(report.text[start:finding.spans[0][1]] if start is not None
                                 else None)
            fin["line"].append(line)
            fin["column"].append(col)
            fin["suggestion"].append(finding.evidence.get("suggestion"))
        counts = Counter(f.severity for f in report.findings)
        row = {"doc_index": doc.index, "doc_id": doc.doc_id, "doc": doc.source,
               "line": doc.line, "chars": len(doc.text), "encoding": doc.encoding,
               "figures": len(report.mentions), "figures_checked": len(report.checked),
               "status": status(report), "findings": len(report.findings),
               "errors": counts["error"], "warnings": counts["warning"],
               "infos": counts["info"], "ms": round(ms, 3), "fields": doc.fields}
        for key, val in row.items():
            self.cols["documents"][key].append(val)

    def bad(self, index: int, source: str, line: int | None, reason: str, error: str) -> None:
        row = {"doc_index": index, "doc": source, "line": line, "reason": reason, "error": error}
        for key, val in row.items():
            self.cols["bad_records"][key].append(val)

    def mark(self) -> dict[str, int]:
        return {name: len(cols["doc_index"]) for name, cols in self.cols.items()}

    def rollback(self, mark: dict[str, int]) -> None:
        """Drop the rows added since ``mark`` (a document that failed half way)."""
        for name, cols in self.cols.items():
            for values in cols.values():
                del values[mark[name]:]

    def tables(self) -> dict[str, Any]:
        pa = _pa()
        return {name: pa.table(cols, schema=schemas()[name]) for name, cols in self.cols.items()}




# ---------------------------------------------------------------------------------------------
# Summary statistics


def _column(table: Any, name: str) -> list[Any]:
    return table.column(name).to_pylist()


def table_stats(tables: dict[str, Any]) -> dict[str, Any]:
    """Counts for a set of tables (one chunk); :func:`merge_stats` adds them up."""
    docs, figs, finds, bad = (tables["documents"], tables["figures"], tables["findings"],
                              tables["bad_records"])
    ms = _column(docs, "ms")
    slowest = heapq.nlargest(SLOWEST, zip(ms, _column(docs, "doc_index"), _column(docs, "doc_id"),
                                          strict=True), key=lambda x: (x[0], -x[1]))
    return {
        "records": docs.num_rows + bad.num_rows,
        "documents": docs.num_rows,
        "characters": sum(_column(docs, "chars")),
        "figures": figs.num_rows,
        "figures_by_kind": dict(Counter(_column(figs, "kind"))),
        "findings": finds.num_rows,
        "findings_by_kind": dict(Counter(_column(finds, "kind"))),
        "findings_by_rule": dict(Counter(_column(finds, "rule"))),
        "findings_by_severity": dict(Counter(_column(finds, "severity"))),
        "documents_with_errors": sum(1 for n in _column(docs, "errors") if n),
        "bad_records": bad.num_rows,
        "bad_records_by_reason": dict(Counter(_column(bad, "reason"))),
        "check_ms": round(sum(ms), 3),
        "slowest_documents": [{"doc_id": d, "doc_index": i, "ms": m} for m, i, d in slowest],
    }


def empty_stats() -> dict[str, Any]:
    """The stats of no record (pure Python: the parent process imports no pyarrow before the
    workers start, see :func:`_mp_context`)."""
    counters = ("figures_by_kind", "findings_by_kind", "findings_by_rule",
                "findings_by_severity", "bad_records_by_reason")
    out: dict[str, Any] = {
        "records": 0, "documents": 0, "characters": 0, "figures": 0, "figures_by_kind": {},
        "findings": 0, "findings_by_kind": {}, "findings_by_rule": {},
        "findings_by_severity": {}, "documents_with_errors": 0, "bad_records": 0,
        "bad_records_by_reason": {}, "check_ms": 0.0, "slowest_documents": []}
    assert all(isinstance(out[c], dict) for c in counters)
    return out


def merge_stats(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, val in a.items():
        other = b.get(key)
        if key == "slowest_documents":
            both = list(val) + list(other or [])
            out[key] = heapq.nlargest(SLOWEST, both, key=lambda x: (x["ms"], -x["doc_index"]))
        elif isinstance(val, dict):
            merged = Counter(val)
            merged.update(other or {})
            out[key] = dict(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])))
        else:
            total = val + (other or 0)
            out[key] = round(total, 3) if isinstance(total, float) else total
    return out


def _slice_before(tables: dict[str, Any], index: int) -> dict[str, Any]:
    """Rows of documents before input record ``index`` (``--on-error stop``)."""
    import pyarrow.compute as pc

    return {name: t.filter(pc.less(t.column("doc_index"), index)) for name, t in tables.items()}
