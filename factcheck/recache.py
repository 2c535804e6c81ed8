"""Compiled regular expressions kept between runs, so one article's check does not spend a
third of its time compiling the same patterns again.

The standard library's ``re`` turns a pattern into a list of opcodes in Python (parsing, and
for every class holding Chinese characters a 65,536-entry map): about 0.12 s for this tool's
300 patterns, as long as checking an article. ``re.compile`` first looks a pattern up in the
module's own cache, keyed by (type, pattern, flags); ``warm`` fills that cache with patterns
built from the opcodes a previous run saved (``_sre.compile``, the call ``re`` itself makes
last), and ``save`` writes the opcodes of the patterns this run compiled that the file lacks.

The file is keyed by the interpreter's version and the engine's ``MAGIC``: opcodes are private
to one CPython build, so another Python ignores the file and compiles as usual. Anything
unreadable or malformed is ignored the same way; the patterns are then compiled as if the
cache did not exist, and the result is the same either way (tests/test_recache.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path

try:
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # another implementation: nothing to keep
    _sre = None

DIGEST = 32  # the file opens with the SHA-256 of the rest: a torn write is never read
# re keeps at most re._MAXCACHE patterns (512 in CPython 3.11) and drops the oldest beyond
# that; one run of this tool compiles about 500, so warming them all, and compiling the rest
# of a run, needs a larger cache: raised once here (the module global re._compile reads)
RE_CACHE = 2048
MAX_ENTRIES = 1800  # below RE_CACHE, so warming evicts nothing
_loaded: dict[tuple[str, int], tuple] = {}  # the file's entries, by (pattern, flags)


def cache_dir() -> Path:
    """Where this tool keeps what it can read back faster than it recomputes it."""
    given = os.environ.get("FACTCHECK_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def _path() -> Path:
    ident = f"{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}"
    tag = hashlib.sha256(ident.encode()).hexdigest()[:16]
    return cache_dir() / f"re-{tag}.marshal"


def _usable() -> bool:
    return _sre is not None and sys.implementation.name == "cpython" and \
        isinstance(getattr(re, "_cache", None), dict)


def warm() -> int:
    """Put the saved patterns into ``re``'s cache; returns how many."""
    if not _usable():
        return 0
    if isinstance(getattr(re, "_MAXCACHE", None), int) and re._MAXCACHE < RE_CACHE:
        re._MAXCACHE = RE_CACHE  # type: ignore[attr-defined]
    try:
        data = _path().read_bytes()
        digest, payload = data[:DIGEST], data[DIGEST:]
        if hashlib.sha256(payload).digest() != digest:
            return 0  # truncated or altered: compile as usual
        entries = marshal.loads(payload)
    except Exception:  # absent, unreadable, another format: compile as usual
        return 0
    if not isinstance(entries, list):
        return 0
    cache = re._cache  # type: ignore[attr-defined]
    n = 0
    for entry in entries[:MAX_ENTRIES]:
        try:
            pattern, flags, full_flags, code, groups, groupindex, indexgroup = entry
            compiled = _sre.compile(pattern, full_flags, code, groups, groupindex, indexgroup)
        except Exception:  # one malformed entry: that pattern is compiled when asked for
            continue
        cache[str, pattern, flags] = compiled
        _loaded[pattern, flags] = entry
        n += 1
    return n


def _entry(pattern: str, flags: int) -> tuple | None:
    """What ``re``'s compiler passes to ``_sre.compile`` for this pattern."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
    except Exception:
        return None
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (pattern, int(flags), int(flags | parsed.state.flags), [int(op) for op in code],
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def save() -> None:
    """Write the opcodes of the string patterns in ``re``'s cache when this run compiled
    some the file lacked (a first run, or a changed lexicon); otherwise write nothing."""
    if not _usable():
        return
    keys = [(p, f) for (kind, p, f) in list(re._cache)  # type: ignore[attr-defined]
            if kind is str and not f & re.DEBUG]
    if all(k in _loaded for k in keys):
        return
    # the file's entries as read, then this run's new ones (only those are compiled again)
    entries = [e for e in (_loaded.get(k) or _entry(*k) for k in keys[-MAX_ENTRIES:]) if e]
    tmp = None
    try:
        path = _path()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        payload = marshal.dumps(entries)
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except (OSError, ValueError):  # a read-only home: every run compiles
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
