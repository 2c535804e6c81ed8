"""Batch parallel map: ordered results with a bounded number of chunks in flight, worker
processes warmed once, and the digest of the records done (``factcheck.batch``)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from . import batch_records as _records  # one place to look up (and patch) the checker
from .batch_records import RawRecord, _init_worker, process_chunk

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
    _records._checker()(_WARM_UP_TEXT,
                        reference if reference is not None else _records._WORKER.get("reference"))


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
