"""Batch input and work: raw records split from the corpus in the main process, parsed,
checked and turned into Arrow tables in the workers (``factcheck.batch``)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .batch_tables import MAX_RECORD_BYTES, Doc, TableBuilder, table_stats
from .errors import InputError, UsageError
from .io import ARTICLE_SUFFIXES, decode, walk_articles

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
