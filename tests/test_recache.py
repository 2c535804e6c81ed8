"""Compiled patterns kept between runs (factcheck/recache.py): a pattern read back behaves
exactly as the one ``re`` compiles, and a missing, torn or foreign file only costs time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from factcheck import recache

pytestmark = pytest.mark.skipif(not recache._usable(), reason="CPython's re only")

ROOT = Path(__file__).resolve().parents[1]
SEED = next((ROOT / "seeds").glob("*.txt"))

# (pattern, flags, texts): Chinese classes, named and optional groups, lookarounds, flags
PATTERNS = [
    (r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[万亿兆]?)(?P<cur>元|美元)", 0,
     ["营收570.06亿美元，净利3万元", "no figure"]),
    (r"[\u4e00-\u9fff]{2,12}(?=\d)", 0, ["台積電營收9899.2億元", "EPS 17.44"]),
    (r"""(?<![\d.])   # not inside a number
         (\d{1,3}(?:,\d{3})+)(?:\.(\d+))?""", re.VERBOSE | re.MULTILINE,
     ["4,523 億\n1,234,567.89", "12345"]),
    (r"q(\d)|第([一二三四])季", re.IGNORECASE, ["Q3 第三季 q4", ""]),
]


def _fresh(pattern: str) -> str:
    """The pattern with a unique (never matching) alternative, so no earlier compile of it
    sits in re's cache."""
    return f"(?:{pattern})|(?:\\x00{uuid.uuid4().hex}\\x00)"


def test_a_pattern_read_back_matches_as_compiled(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    cases = [(_fresh(p), flags, texts) for p, flags, texts in PATTERNS]
    compiled = [re.compile(p, flags) for p, flags, _ in cases]
    recache.save()
    assert recache._path().is_file()
    for p, flags, _ in cases:  # forget them: the next compile must come from the file
        del re._cache[str, p, flags]
    assert recache.warm() >= len(cases)
    for (p, flags, texts), fresh in zip(cases, compiled, strict=True):
        loaded = re._cache[str, p, flags]
        assert re.compile(p, flags) is loaded and loaded is not fresh
        assert (loaded.pattern, loaded.flags, loaded.groups, loaded.groupindex) == \
            (fresh.pattern, fresh.flags, fresh.groups, fresh.groupindex)
        for text in texts:
            assert [m.span() for m in loaded.finditer(text)] == \
                [m.span() for m in fresh.finditer(text)]
            assert [m.groups() for m in loaded.finditer(text)] == \
                [m.groups() for m in fresh.finditer(text)]


@pytest.mark.parametrize("damage", [b"", b"not a cache", "truncate", "flip"])
def test_a_missing_torn_or_altered_file_is_ignored(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    p = _fresh(r"[\u4e00-\u9fff]+")
    re.compile(p)
    recache.save()
    path = recache._path()
    data = path.read_bytes()
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data = data[:-1] + bytes([data[-1] ^ 1])
    else:
        data = damage
    path.write_bytes(data)
    assert recache.warm() == 0


def _check(cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTCHECK_CACHE": str(cache)}
    return subprocess.run([sys.executable, "-m", "factcheck", "check", "--format", "json",
                           str(SEED)], capture_output=True, text=True, env=env, timeout=300)


def test_cold_and_warm_runs_report_the_same(tmp_path):
    cold = _check(tmp_path)
    files = list(tmp_path.glob("re-*.marshal"))
    assert len(files) == 1
    stamp = files[0].stat().st_mtime_ns
    warm = _check(tmp_path)
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)
    assert cold.stdout.strip()  # a report, not nothing twice
    assert files[0].stat().st_mtime_ns == stamp  # nothing new compiled: nothing written
    files[0].write_bytes(b"\x00" * 64)  # a torn file: compiled again, and rewritten
    again = _check(tmp_path)
    assert (again.returncode, again.stdout) == (cold.returncode, cold.stdout)
    assert files[0].stat().st_size > 64
