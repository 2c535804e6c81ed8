"""Corpus-scale runs: ``factcheck batch CORPUS... --out DIR [--jobs N]``.

A newsroom audits an archive of millions of articles, or a wire feed every day. This module
streams such a corpus through :func:`factcheck.checks.check_text` and writes four tables:

- ``DIR/figures.parquet``: one row per figure (the fields of ``extract --format jsonl``),
- ``DIR/findings.parquet``: one row per finding (the fields of ``check --format json``),
- ``DIR/documents.parquet``: one row per document (id, source, counts, timing, extra fields),
- ``DIR/bad_records.parquet``: one row per input record that could not be checked,

plus ``DIR/summary.json``. ``--format csv|jsonl`` writes the same tables as CSV or JSON Lines.
See ``docs/batch.md`` for the user's view; the design in brief:

Input (:func:`iter_raw_records`)
    JSON Lines files (``.gz`` too) and ``-`` (stdin) are read line by line; directories are
    walked in sorted order one directory level at a time (the order of ``factcheck extract``);
    a ``.txt``/``.md`` file given by name is one article. The main process only splits the
    input into raw records (line bytes, or an article's path); decoding, JSON parsing and
    validation happen in the workers, so a bad record is reported by the worker with its file
    and line and the main process stays light.
Work (:func:`process_chunk`)
    Records travel in chunks (default 32) to worker processes; each worker loads the reference
    tables once (its initializer) and returns Arrow tables for the chunk. At most ``4 * jobs``
    chunks are in flight and results are consumed in submission order, so memory is bounded
    and the output order is the input order whatever ``--jobs`` is.
Output and resume (:class:`_Store`)
    Results are committed in parts (``DIR/_parts/NNNNN.<table>.<ext>``, every
    ``--commit-every`` records or 60 seconds); after the part files are written and fsynced
    a line is appended to the journal ``DIR/_progress.jsonl`` (also fsynced) holding the
    number of input records done, a BLAKE2 digest of those records and the running summary.
    A rerun of the same command finds the journal, drops uncommitted parts, checks that the
    input still starts with the records done (same digest) and goes on from there: nothing is
    redone and no row is written twice. At the end the parts are concatenated (row group by
    row group, never the whole table in memory) into the final files, the journal is marked
    complete and the parts are removed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import heapq
import json
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from . import __version__
from . import io as _io
from .batch_args import FORMATS
from .checks.findings import status
from .errors import FactcheckError, InputError, UsageError
from .io import ARTICLE_SUFFIXES, decode, walk_articles
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
# Input


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input record as read by the main process: not decoded, not parsed."""

    source: str
    line: int | None
    data: bytes | None  # the JSONL line; None: the worker reads the article file ``source``
    size: int  # bytes, for chunking and progress

    def key(self) -> bytes:
        """What the resume digest covers: where the record is and its bytes (or size)."""
        head = f"{self.source}\0{self.line}\0{self.size}\0".encode("utf-8", "surrogateescape")
        return head + (self.data or b"")


def _is_article_file(path: str) -> bool:
    return Path(path).suffix.lower() in ARTICLE_SUFFIXES


def check_corpus(corpus: Sequence[str]) -> None:
    """Fail early (InputError) on a path that does not exist or a directory with no article."""
    if not corpus:
        raise UsageError("no corpus given")
    if list(corpus).count("-") > 1:
        raise UsageError("- (stdin) given more than once")
    for given in corpus:
        if given == "-":
            continue
        path = Path(given)
        if path.is_dir():
            if next(walk_articles(path), None) is None:
                raise InputError(f"{given}: directory has no *.txt or *.md articles")
        elif not path.exists():
            raise InputError(f"{given}: no such file or directory")


def iter_raw_records(corpus: Sequence[str], stdin: IO[bytes] | None = None
                     ) -> Iterator[RawRecord]:
    """Every record of the corpus in order, streaming (one line or one path at a time).

    CORPUS items: ``-`` (JSON Lines on stdin), a directory (its articles, sorted), a
    ``.txt``/``.md`` file (one article), anything else a JSON Lines file (``.gz``: gzipped).
    Blank lines are not records.
    """
    for given in corpus:
        if given == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _jsonl_records("-", stream)
            continue
        path = Path(given)
        if path.is_dir():
            for article, size in walk_articles(path):
                yield RawRecord(str(article), None, None, size)
        elif _is_article_file(given):
            try:
                size = path.stat().st_size
            except OSError as exc:
                raise InputError(f"{given}: cannot read ({exc.strerror})") from exc
            yield RawRecord(given, None, None, size)
        else:
            try:
                fh: IO[bytes] = gzip.open(path, "rb") if given.endswith(".gz") else open(path, "rb")
            except OSError as exc:
                raise InputError(f"{given}: cannot read ({exc.strerror})") from exc
            with fh:
                yield from _jsonl_records(given, fh)


def _jsonl_records(name: str, stream: IO[bytes]) -> Iterator[RawRecord]:
    lineno = 0
    try:
        for lineno, raw in enumerate(stream, 1):  # noqa: B007 - lineno used after the loop
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            data = raw.rstrip(b"\r\n")
            if not data.strip():
                continue
            yield RawRecord(name, lineno, data, len(raw))
    except (OSError, EOFError) as exc:  # a truncated .gz, a read error
        raise InputError(f"{name}:{lineno + 1}: cannot read ({exc})") from exc


def parse_record(index: int, rec: RawRecord) -> Doc | tuple[str, str]:
    """The document of a raw record, or ``(reason, message)`` saying why it is bad."""
    if rec.size > MAX_RECORD_BYTES:
        return "too-large", f"{rec.size} bytes, over the {MAX_RECORD_BYTES} a document may have"
    if rec.data is None:  # an article file
        try:
            data = Path(rec.source).read_bytes()
        except OSError as exc:
            return "unreadable", f"cannot read ({exc.strerror})"
        try:
            text, encoding = decode(data, rec.source)
        except InputError as exc:
            message = str(exc)
            prefix = f"{rec.source}: "
            return "undecodable", message[len(prefix):] if message.startswith(prefix) else message
        return Doc(index, rec.source, rec.source, None, text, encoding, None)
    try:
        line = rec.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "undecodable", f"not UTF-8 (byte {exc.start + 1} of the line)"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return "invalid-json", f"invalid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return "invalid-json", "invalid JSON (nested too deeply)"
    if not isinstance(obj, dict):
        return "not-an-object", "not a JSON object"
    if "text" not in obj:
        return "missing-text", 'no "text" field'
    text = obj["text"]
    if not isinstance(text, str):
        return "bad-text", f'"text" is {type(text).__name__}, not a string'
    raw_id = obj.get("id")
    if raw_id is None:
        doc_id = f"{rec.source}:{rec.line}"
    elif isinstance(raw_id, str):
        doc_id = raw_id
    else:
        doc_id = json.dumps(raw_id, ensure_ascii=False)
    others = {k: v for k, v in obj.items() if k not in ("id", "text")}
    fields = json.dumps(others, ensure_ascii=False) if others else None
    return Doc(index, doc_id, rec.source, rec.line, text, "utf-8", fields)


# ---------------------------------------------------------------------------------------------
# Work (runs in the worker processes, or in-process for --jobs 1)

_WORKER: dict[str, Any] = {}


def _init_worker(reference_paths: Sequence[str]) -> None:
    """Worker initializer: load the reference tables once.

    Ctrl-C and SIGTERM are the parent's to handle (it shuts the pool down in order); a worker
    whose parent died without doing so (SIGKILL) notices within a second and exits.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = os.getppid()

    def watch_parent() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch_parent, name="factcheck-parent-watch", daemon=True).start()
    from .reference import load_reference

    _WORKER["reference"] = load_reference(list(reference_paths))


def _checker() -> Callable[..., Any]:
    """What ``factcheck check`` runs on one document: ``chunking.check_document`` (bounded
    time on a huge document, the same as ``check_text`` on an article) where it exists."""
    try:
        from .chunking import check_document
    except ImportError:  # pragma: no cover - older trees
        from .checks import check_text as check_document
    return check_document


def process_chunk(chunk: Sequence[tuple[int, RawRecord]], reference: Any = None
                  ) -> tuple[dict[str, Any], dict[str, Any]]:
    """Check a chunk of records: (tables, stats). Bad records become bad_records rows."""
    check = _checker()
    ref = reference if reference is not None else _WORKER.get("reference")
    if ref is None:
        from .reference import load_reference

        ref = _WORKER["reference"] = load_reference()
    builder = TableBuilder()
    for index, rec in chunk:
        parsed = parse_record(index, rec)
        if isinstance(parsed, tuple):
            builder.bad(index, rec.source, rec.line, *parsed)
            continue
        mark = builder.mark()
        t0 = time.perf_counter()
        try:
            report = check(parsed.text, ref)
            builder.add(parsed, report, (time.perf_counter() - t0) * 1000)
        except Exception as exc:  # noqa: BLE001 - one odd article must not end a corpus run
            builder.rollback(mark)
            builder.bad(index, rec.source, rec.line, "checker-error",
                        f"checker failed ({type(exc).__name__}: {exc})")
    tables = builder.tables()
    return tables, table_stats(tables)


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


# ---------------------------------------------------------------------------------------------
# Parallel map, ordered, with a bounded number of chunks in flight


def _mp_context() -> Any:
    """How worker processes start.

    ``fork`` on Linux when this process runs no other Python thread: the workers inherit the
    imported modules at once (a fresh interpreter takes 1.5 s to import factcheck's
    dependencies). Native helper threads (OpenBLAS under numpy, jemalloc under pyarrow)
    install fork handlers of their own. Otherwise ``forkserver`` (preloading factcheck) or,
    where there is none (Windows), ``spawn``; those re-import the caller's main module, so a
    script that calls :func:`run_batch` with ``jobs > 1`` needs the usual
    ``if __name__ == "__main__":`` guard.
    ``FACTCHECK_START_METHOD`` overrides the choice.
    """
    methods = multiprocessing.get_all_start_methods()
    method = os.environ.get("FACTCHECK_START_METHOD", "")
    if method not in methods:
        if sys.platform.startswith("linux") and threading.active_count() == 1:
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["factcheck.batch", "factcheck.checks"])
    return ctx


_WARM_UP_TEXT = "2025年12月9日（周二），營收570.06億美元，較上年同期的350.82億美元增長62%。"


def _warm_up(reference: Any = None) -> None:
    """Compile the extractor's lazily built patterns before the first timed document."""
    _checker()(_WARM_UP_TEXT, reference if reference is not None else _WORKER.get("reference"))


class _Runner:
    """``map(process_chunk, chunks)`` in order: in-process for one job, else a process pool."""

    def __init__(self, jobs: int, reference: Any, reference_paths: Sequence[str]) -> None:
        self.jobs = jobs
        self.reference = reference
        self.executor: ProcessPoolExecutor | None = None
        if jobs > 1:
            ctx = _mp_context()
            self.executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                                initializer=_init_worker,
                                                initargs=(list(reference_paths),))
            # the first task starts every worker now, before any other thread (progress bar)
            # exists in this process, and each worker's initializer loads the reference
            self.executor.submit(_warm_up).result()
        else:
            _warm_up(reference)

    def map(self, chunks: Iterable[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(meta, result)`` for each ``(chunk, meta)`` in the order given."""
        if self.executor is None:
            for chunk, meta in chunks:
                yield meta, process_chunk(chunk, self.reference)
            return
        window = 4 * self.jobs
        pending: deque[tuple[Any, Future]] = deque()
        for chunk, meta in chunks:
            pending.append((meta, self.executor.submit(process_chunk, chunk)))
            if len(pending) >= window:
                meta0, fut = pending.popleft()
                yield meta0, fut.result()
        while pending:
            meta0, fut = pending.popleft()
            yield meta0, fut.result()

    def close(self, cancel: bool = False) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=cancel)
            self.executor = None


def _chunks(records: Iterator[tuple[int, RawRecord]], hasher: Any, docs: int, max_bytes: int
            ) -> Iterator[tuple[list[tuple[int, RawRecord]], dict[str, Any]]]:
    """Group records; each chunk's meta has the digest after each of its records."""
    chunk: list[tuple[int, RawRecord]] = []
    digests: list[str] = []
    size = 0
    for index, rec in records:
        _digest_update(hasher, rec)
        chunk.append((index, rec))
        digests.append(hasher.hexdigest())
        size += rec.size
        if len(chunk) >= docs or size >= max_bytes:
            yield chunk, {"first": chunk[0][0], "digests": digests, "bytes": size}
            chunk, digests, size = [], [], 0
    if chunk:
        yield chunk, {"first": chunk[0][0], "digests": digests, "bytes": size}


def _digest_update(hasher: Any, rec: RawRecord) -> None:
    key = rec.key()
    hasher.update(len(key).to_bytes(8, "little"))
    hasher.update(key)


def _new_hasher() -> Any:
    return hashlib.blake2b(digest_size=16)


# ---------------------------------------------------------------------------------------------
# Output store: parts, journal, final tables


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


@dataclass
class _State:
    parts: int = 0
    records: int = 0  # input records done (committed)
    digest: str = ""
    stats: dict[str, Any] | None = None
    elapsed: float = 0.0
    sessions: int = 0
    complete: bool = False
    skipped_bytes: int = 0


class _Store:
    """The output directory: part files, the journal, and the final tables."""

    def __init__(self, out: Path, fmt: str) -> None:
        self.out = out
        self.fmt = fmt
        self.ext = FORMATS[fmt]
        self.journal = out / JOURNAL
        self.parts = out / PARTS

    def final(self, name: str) -> Path:
        return self.out / f"{name}{self.ext}"

    def _ours(self) -> list[Path]:
        names = [f"{t}{ext}" for t in TABLES for ext in FORMATS.values()]
        return [self.out / n for n in (*names, SUMMARY, JOURNAL)]

    def clear(self) -> None:
        for path in self._ours():
            path.unlink(missing_ok=True)
        shutil.rmtree(self.parts, ignore_errors=True)

    def open(self, config: dict[str, Any]) -> _State:
        if self.out.exists() and not self.out.is_dir():
            raise UsageError(f"{self.out}: --out must be a directory")
        if self.journal.exists():
            return self._resume(config)
        clash = [p for p in self._ours() if p.exists()]
        if clash:
            raise UsageError(f"{clash[0]}: exists and is not from a resumable run; "
                             "pass --restart to replace it")
        try:
            self.parts.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"{self.out}: cannot create ({exc.strerror})") from exc
        header = {"factcheck_batch": JOURNAL_VERSION, "version": __version__, "config": config}
        self._append(header)
        return _State(stats=empty_stats())

    def _resume(self, config: dict[str, Any]) -> _State:
        raw = self.journal.read_bytes()
        lines, good_end, pos = [], 0, 0
        for chunk in raw.split(b"\n")[:-1]:  # a line without its newline was never committed
            pos += len(chunk) + 1
            try:
                lines.append(json.loads(chunk))
            except json.JSONDecodeError:
                break
            good_end = pos
        if not lines or lines[0].get("factcheck_batch") != JOURNAL_VERSION:
            raise UsageError(f"{self.journal}:1: not a factcheck batch journal; "
                             "pass --restart to start over")
        if lines[0].get("config") != config:
            raise UsageError(f"{self.out}: holds a run with other inputs or options "
                             f"({_config_diff(lines[0].get('config') or {}, config)}); "
                             "use another --out or pass --restart")
        if good_end != len(raw):  # drop a torn last line
            with open(self.journal, "r+b") as fh:
                fh.truncate(good_end)
                fh.flush()
                os.fsync(fh.fileno())
        state = _State(stats=empty_stats())
        for entry in lines[1:]:
            if entry.get("complete"):
                state.complete = True
            elif "part" in entry:
                state.parts = entry["part"] + 1
                state.records = entry["records"]
                state.digest = entry["digest"]
                state.stats = entry["stats"]
                state.elapsed = entry["elapsed"]
                state.sessions = entry["sessions"]
                state.skipped_bytes = entry.get("bytes", 0)
        if state.complete:  # a crash after the journal said so, before the parts went
            shutil.rmtree(self.parts, ignore_errors=True)
        else:
            self.parts.mkdir(parents=True, exist_ok=True)
            for path in self.parts.iterdir():  # parts written after the last journal line
                number = path.name.split(".", 1)[0]
                if not number.isdigit() or int(number) >= state.parts:
                    path.unlink()
        return state

    def _append(self, entry: dict[str, Any]) -> None:
        with open(self.journal, "ab") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
            fh.flush()
            os.fsync(fh.fileno())

    def part_path(self, number: int, name: str) -> Path:
        return self.parts / f"{number:05d}.{name}{self.ext}"

    def commit(self, number: int, tables: dict[str, Any], entry: dict[str, Any]) -> None:
        for name in TABLES:
            path = self.part_path(number, name)
            tmp = path.with_name(f".tmp.{path.name}")
            _write_table(tables[name], tmp, self.fmt, header=False)
            os.replace(tmp, path)
        _fsync_dir(self.parts)
        self._append({"part": number, **entry})

    def finalize(self, parts: int, summary: dict[str, Any]) -> None:
        for name in TABLES:
            target = self.final(name)
            tmp = target.with_name(f".tmp.{target.name}")
            _merge_parts([self.part_path(n, name) for n in range(parts)], tmp, self.fmt,
                         schemas()[name])
            os.replace(tmp, target)
        self.write_summary(summary)
        _fsync_dir(self.out)
        self._append({"complete": True, "parts": parts})
        shutil.rmtree(self.parts, ignore_errors=True)

    def write_summary(self, summary: dict[str, Any]) -> None:
        target = self.out / SUMMARY
        tmp = target.with_name(f".tmp.{target.name}")
        tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, target)


def _config_diff(old: dict[str, Any], new: dict[str, Any]) -> str:
    keys = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return ", ".join(f"{k} was {old.get(k)!r}" for k in keys) or "different"


def _text_table(table: Any, fmt: str) -> Any:
    """A table CSV can hold: list columns as JSON text."""
    pa = _pa()
    if fmt == "csv" and "spans" in table.column_names:
        spans = [None if s is None else json.dumps(s) for s in _column(table, "spans")]
        idx = table.column_names.index("spans")
        table = table.set_column(idx, "spans", pa.array(spans, pa.string()))
    return table


def _write_table(table: Any, path: Path, fmt: str, header: bool) -> None:
    if fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path, compression="zstd")
    elif fmt == "csv":
        import pyarrow.csv as pcsv

        pcsv.write_csv(_text_table(table, fmt), path,
                       write_options=pcsv.WriteOptions(include_header=header))
    else:
        with open(path, "wb") as fh:
            for row in table.to_pylist():
                fh.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _merge_parts(parts: list[Path], target: Path, fmt: str, schema: Any) -> None:
    """Concatenate part files into ``target`` streaming: one row group / block at a time."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            for part in parts:
                pf = pq.ParquetFile(part)
                for group in range(pf.num_row_groups):
                    writer.write_table(pf.read_row_group(group))
        return
    with open(target, "wb") as out:
        if fmt == "csv":
            import pyarrow.csv as pcsv

            header = _text_table(schema.empty_table(), fmt)
            sink = _pa().BufferOutputStream()
            pcsv.write_csv(header, sink)
            out.write(sink.getvalue().to_pybytes())
        for part in parts:
            with open(part, "rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


def read_table(path: str | Path) -> Any:
    """Read an output table back as an Arrow table, whatever its format (for tests and users)."""
    pa = _pa()
    path = Path(path)
    name = path.name.split(".", 1)[0]
    schema = schemas().get(name)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path)
    if path.suffix == ".csv":
        import pyarrow.csv as pcsv

        conv = None
        if schema is not None:
            types = {f.name: (pa.string() if f.name == "spans" else f.type) for f in schema}
            conv = pcsv.ConvertOptions(column_types=types, strings_can_be_null=True)
        return pcsv.read_csv(path, convert_options=conv)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return pa.Table.from_pylist(rows, schema=schema)


# ---------------------------------------------------------------------------------------------
# The command


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # unwinds like Ctrl-C: workers shut down, committed parts kept


def run(args: argparse.Namespace) -> int:
    """``factcheck batch``: exit code 0 when the run completed (see docs/batch.md)."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = run_batch(
            args.corpus, args.out, jobs=args.jobs, fmt=args.format, reference=args.reference,
            on_error=args.on_error, restart=args.restart, commit_every=args.commit_every,
            chunk_size=args.chunk_size, progress=args.progress, quiet=args.quiet)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not args.quiet:
        print(_closing_line(summary, args.out), file=sys.stderr)
    return 0


def _closing_line(summary: dict[str, Any], out: str) -> str:
    sev = summary["findings_by_severity"]
    bad = summary["bad_records"]
    return (f"factcheck batch: {summary['documents']} documents, {summary['figures']} figures, "
            f"{summary['findings']} findings ({sev.get('error', 0)} errors, "
            f"{sev.get('warning', 0)} warnings, {sev.get('info', 0)} infos)"
            + (f", {bad} bad records skipped" if bad else "")
            + f" in {summary['elapsed_seconds']:.1f} s -> {out}")


def run_batch(corpus: Sequence[str], out: str | Path, *, jobs: int = 1, fmt: str = "parquet",
              reference: Sequence[str] = (), on_error: str = "skip", restart: bool = False,
              commit_every: int = 1000, commit_seconds: float = 60.0, chunk_size: int = 32,
              chunk_bytes: int = 1 << 20, progress: bool | None = False, quiet: bool = True,
              stdin: IO[bytes] | None = None,
              after_commit: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Run a batch from Python; returns the summary (also written to ``DIR/summary.json``).

    ``after_commit(part_number)`` is called after each committed part (tests use it to
    interrupt a run). Raises :class:`FactcheckError` subclasses for usage and input errors.
    """
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (parquet, csv or jsonl)")
    if on_error not in ("skip", "stop"):
        raise UsageError(f"--on-error must be skip or stop, not {on_error!r}")
    if jobs < 0 or commit_every < 1 or chunk_size < 1:
        raise UsageError("--jobs must be >= 0, --commit-every and --chunk-size >= 1")
    jobs = jobs or os.cpu_count() or 1
    _require_pyarrow()
    corpus = list(corpus)
    check_corpus(corpus)
    out = Path(out)
    for given in corpus:  # never write over an input
        if given != "-" and Path(given).resolve() == out.resolve():
            raise UsageError(f"{out}: refusing to write over an input")
    from .reference import load_reference

    ref = load_reference(list(reference))  # a malformed table stops before any output
    store = _Store(out, fmt)
    if restart:
        store.clear()
    config = {"corpus": corpus, "format": fmt, "reference": list(reference)}
    state = store.open(config)
    if state.complete:
        try:
            summary = json.loads((out / SUMMARY).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"{out / SUMMARY}: missing or unreadable although the run is "
                             "complete; pass --restart to redo it") from exc
        if not quiet:
            print(f"factcheck batch: {out} already holds this run, complete; "
                  "pass --restart to redo it", file=sys.stderr)
        return summary

    hasher = _new_hasher()
    numbered = enumerate(iter_raw_records(corpus, stdin))
    skipped = 0
    skipped_bytes = 0
    if state.records:
        for index, rec in numbered:
            _digest_update(hasher, rec)
            skipped += 1
            skipped_bytes += rec.size
            if index + 1 >= state.records:
                break
        if skipped != state.records or hasher.hexdigest() != state.digest:
            raise UsageError(f"{out}: the corpus no longer starts with the {state.records} "
                             "records this run already did; use another --out or --restart")
    stats = state.stats or empty_stats()
    sessions = state.sessions + 1
    pending: dict[str, list[Any]] = {name: [] for name in TABLES}
    pending_stats = empty_stats()
    pending_records = 0
    done_records = state.records
    done_bytes = state.skipped_bytes or skipped_bytes
    last_digest = state.digest
    part = state.parts
    last_commit = time.perf_counter()
    bad_echoed = 0
    session_start = started

    def summary_now(complete: bool) -> dict[str, Any]:
        elapsed = state.elapsed + (time.perf_counter() - session_start)
        summ = {**stats, "complete": complete, "elapsed_seconds": round(elapsed, 3),
                "documents_per_second": round(stats["documents"] / elapsed, 1) if elapsed else 0,
                "characters_per_second": round(stats["characters"] / elapsed, 1)
                if elapsed else 0,
                "jobs": jobs, "sessions": sessions, "format": fmt,
                "outputs": {name: store.final(name).name for name in TABLES}}
        return summ

    def commit() -> None:
        nonlocal stats, pending, pending_stats, pending_records, part, last_commit
        pa = _pa()
        tables = {name: (pa.concat_tables(pending[name]) if pending[name]
                         else schemas()[name].empty_table()) for name in TABLES}
        stats = merge_stats(stats, pending_stats)
        elapsed = state.elapsed + (time.perf_counter() - session_start)
        store.commit(part, tables, {"records": done_records, "digest": last_digest,
                                    "bytes": done_bytes, "elapsed": round(elapsed, 3),
                                    "sessions": sessions, "stats": stats})
        store.write_summary(summary_now(False))
        pending = {name: [] for name in TABLES}
        pending_stats = empty_stats()
        pending_records = 0
        part += 1
        last_commit = time.perf_counter()
        if after_commit is not None:
            after_commit(part - 1)

    runner = _Runner(jobs, ref, list(reference))
    chunks = _chunks(numbered, hasher, chunk_size, chunk_bytes)
    ok = False
    with ExitStack() as stack:
        stack.callback(lambda: runner.close(cancel=not ok))
        bar = stack.enter_context(_Progress(progress, corpus, done_records, done_bytes))
        for meta, (tables, chunk_stats) in _guard_pool(runner.map(chunks), out):
            bad = tables["bad_records"]
            if bad.num_rows and on_error == "stop":
                first = _column(bad, "doc_index")[0]
                kept = _slice_before(tables, first)
                n_kept = first - meta["first"]
                if n_kept:
                    for name in TABLES:
                        pending[name].append(kept[name])
                    pending_stats = merge_stats(pending_stats, table_stats(kept))
                    pending_records += n_kept
                    done_records += n_kept
                    last_digest = meta["digests"][n_kept - 1]
                if pending_records:
                    commit()
                row = bad.slice(0, 1).to_pylist()[0]
                where = row["doc"] + (f":{row['line']}" if row["line"] is not None else "")
                raise InputError(f"{where}: {row['error']} (--on-error stop; "
                                 f"{done_records} records before it are saved in {out})")
            if bad.num_rows:
                for row in bad.to_pylist():
                    if bad_echoed < STDERR_BAD_LIMIT:
                        where = row["doc"] + (f":{row['line']}" if row["line"] is not None
                                              else "")
                        bar.warn(f"factcheck: warning: {where}: {row['error']} (skipped)")
                    elif bad_echoed == STDERR_BAD_LIMIT:
                        bar.warn(f"factcheck: warning: more bad records; all are listed in "
                                 f"{store.final('bad_records')}")
                    bad_echoed += 1
            for name in TABLES:
                pending[name].append(tables[name])
            pending_stats = merge_stats(pending_stats, chunk_stats)
            n = len(meta["digests"])
            pending_records += n
            done_records += n
            done_bytes += meta["bytes"]
            last_digest = meta["digests"][-1]
            bar.advance(done_records, done_bytes, chunk_stats["documents"])
            if pending_records >= commit_every or \
                    time.perf_counter() - last_commit >= commit_seconds:
                commit()
        if pending_records:
            commit()
        ok = True
    summary = summary_now(True)
    store.finalize(part, summary)
    return summary


def _guard_pool(results: Iterator[Any], out: Path) -> Iterator[Any]:
    """A worker that died (out of memory, killed) ends the run with a message, not a trace."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield from results
    except BrokenProcessPool as exc:
        raise FactcheckError(f"a worker process died ({exc}); what was committed is kept: "
                             f"rerun the same command to resume into {out}") from exc


class _Progress:
    """A rich progress bar on stderr (records, bytes, rate), or nothing."""

    def __init__(self, enabled: bool | None, corpus: Sequence[str], records: int,
                 done_bytes: int) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self.enabled = enabled
        self.progress: Any = None
        self.task: Any = None
        self.total: int | None = None
        self.done_bytes = done_bytes
        self.records = records
        if enabled and all(c != "-" and Path(c).is_file() and not c.endswith(".gz")
                           for c in corpus):
            self.total = sum(Path(c).stat().st_size for c in corpus)

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            columns: list[Any] = [SpinnerColumn(), TextColumn("checking"), BarColumn()]
            if self.total:  # plain JSONL files: the share of their bytes read
                columns += [TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn()]
            columns += [TextColumn("{task.fields[records]} records"),
                        TextColumn("{task.fields[rate]} docs/s"), TimeElapsedColumn()]
            self.progress = Progress(*columns, console=Console(stderr=True), transient=True)
            self.progress.__enter__()
            self.task = self.progress.add_task(
                "batch", total=self.total, completed=self.done_bytes if self.total else 0,
                records=self.records, rate="-")
            self.t0 = time.perf_counter()
            self.docs = 0
        return self

    def advance(self, records: int, done_bytes: int, docs: int) -> None:
        if self.progress is None:
            return
        self.docs += docs
        rate = self.docs / max(time.perf_counter() - self.t0, 1e-9)
        self.progress.update(self.task, completed=done_bytes if self.total else records,
                             records=records, rate=f"{rate:.0f}")

    def warn(self, message: str) -> None:
        if self.progress is not None:
            self.progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            print(message, file=sys.stderr)

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.__exit__(*exc)


__all__ = ["FORMATS", "FactcheckError", "RawRecord", "TableBuilder", "iter_raw_records",
           "parse_record", "process_chunk", "read_table", "run", "run_batch", "schemas",
           "table_stats", "value_text"]
