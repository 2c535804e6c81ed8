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
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from .batch_args import FORMATS
from .batch_pool import _chunks, _digest_update, _new_hasher, _Runner
from .batch_records import RawRecord, check_corpus, iter_raw_records, parse_record, process_chunk
from .batch_store import _Store, read_table
from .batch_tables import (
    JOURNAL,
    STDERR_BAD_LIMIT,
    SUMMARY,
    TABLES,
    Doc,
    TableBuilder,
    _column,
    _pa,
    _require_pyarrow,
    _slice_before,
    empty_stats,
    merge_stats,
    schemas,
    table_stats,
    value_text,
)
from .errors import FactcheckError, InputError, UsageError

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


__all__ = ["FORMATS", "JOURNAL", "TABLES", "Doc", "FactcheckError", "RawRecord", "TableBuilder",
           "iter_raw_records", "parse_record", "process_chunk", "read_table", "run", "run_batch",
           "schemas", "table_stats", "value_text"]
