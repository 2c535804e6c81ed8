"""What the single-article path loads, and the reference cache that keeps pandas off it.

Timing lives in benchmarks/ (machines are shared and noisy); what is asserted here is which
modules a plain ``factcheck check --format json`` imports: no rich, no batch machinery, cn2an
only for a compound Chinese numeral, pandas only to read a table it has not cached,
pint (with the numpy and dask it pulls in) only when a check converts between physical units
(reading 500兆瓦 does not), pyarrow and dask never.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import sys, runpy
sys.argv = ["factcheck", "check", "--format", "json", sys.argv[1]]
try:
    runpy.run_module("factcheck", run_name="__main__")
except SystemExit:
    pass
heavy = ("pandas", "pint", "pyarrow", "dask", "numpy", "rich", "cn2an", "multiprocessing")
print("LOADED", sorted(m for m in heavy if m in sys.modules), file=sys.stderr)
"""


def _loaded(article: Path, cache: Path) -> list[str]:
    env = {**os.environ, "FACTCHECK_CACHE": str(cache)}
    proc = subprocess.run([sys.executable, "-c", PROBE, str(article)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120)
    line = next(x for x in proc.stderr.splitlines() if x.startswith("LOADED"))
    return json.loads(line.removeprefix("LOADED ").replace("'", '"'))


@pytest.mark.parametrize(("text", "measure"), [
    ("營收570.06億美元，較上年同期的350.82億美元增長62%。", False),
    ("装机容量达到500兆瓦，年发电12亿千瓦时。", False),  # measures read, none converted
    ("金价每克500元，该公司共售出黄金12.5公斤，销售额为625万元。", True),  # 公斤 into 克
])
def test_check_loads_pandas_only_for_an_uncached_table(tmp_path: Path, text: str,
                                                      measure: bool) -> None:
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    first = _loaded(article, cache)
    assert "pandas" in first  # nothing cached yet: pandas reads the bundled tables
    second = _loaded(article, cache)
    assert "pandas" not in second and "pyarrow" not in second
    assert "rich" not in second  # JSON needs no terminal
    assert "cn2an" not in second  # no compound Chinese numeral in these texts
    assert ("pint" in second) is measure
    if not measure:  # pint brings numpy and dask along, and only for a conversion
        assert "dask" not in second and "numpy" not in second
        assert "multiprocessing" not in second  # nor does a single article need batch


def test_a_cached_table_reads_back_the_same_rows(tmp_path: Path, monkeypatch) -> None:
    from factcheck.reference import load_reference

    table = tmp_path / "t.csv"
    table.write_text("entity,metric,period,value,unit,source,entity_aliases\n"
                     "Acme,revenue,2025,12.5,USD,https://example.com,愛克美|爱克美\n",
                     encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    fresh = load_reference([table], bundled=False)
    assert list((tmp_path / "cache").glob("ref-*.pickle"))
    cached = load_reference([table], bundled=False)
    assert cached.rows == fresh.rows and cached.entity_aliases == fresh.entity_aliases
    # an edited table is read again, never served stale
    table.write_text("entity,metric,period,value,unit,source\n"
                     "Acme,revenue,2025,13.5,USD,https://example.com\n", encoding="utf-8")
    assert [r.value for r in load_reference([table], bundled=False).rows] == [13.5]


def test_a_malformed_table_is_an_error_every_time(tmp_path: Path, monkeypatch) -> None:
    from factcheck.errors import ReferenceDataError
    from factcheck.reference import load_reference

    table = tmp_path / "bad.csv"
    table.write_text("entity,metric,period,value,unit,source\nAcme,revenue,2025,x,USD,s\n",
                     encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    for _ in range(2):
        with pytest.raises(ReferenceDataError, match="not a number"):
            load_reference([table], bundled=False)


def test_an_unwritable_cache_is_ignored(tmp_path: Path, monkeypatch) -> None:
    from factcheck.reference import load_reference

    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("FACTCHECK_CACHE", str(blocker / "cache"))
    assert load_reference().rows  # the bundled tables, read without a cache
