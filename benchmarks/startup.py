"""One-article latency of ``factcheck check`` against ``python -c "import pandas"``.

Issue 14's yardstick: an editor runs the tool on one article before publication, so the whole
process counts (interpreter, imports, reference tables, checking, report). Interleaved, best
of N, in one run on this machine:

- ``import pandas``: the reference process;
- ``check`` with a warm reference cache (the usual case: tables unchanged since the last run);
- ``check`` with a cold cache (a fresh cache directory: pandas reads the tables).

Bytecode is compiled first, as ``pip install`` does: with PYTHONDONTWRITEBYTECODE set (as on
these machines) an editable checkout would otherwise compile every module's source on every
run, which no installed tool does.

Usage: ``python benchmarks/startup.py [--repeat 5] [ARTICLE ...]`` (default: the seed and two
real articles of the benchmark corpus, one per script).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = [next((ROOT / "seeds").glob("*.txt")),
           ROOT / "benchmarks" / "realworld" / "articles" / "cn-r10.txt",
           ROOT / "benchmarks" / "realworld" / "articles" / "tw-a03.txt"]


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   cwd=ROOT, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "factcheck")],
                   check=True, stdout=subprocess.DEVNULL)
    warm_dir = tempfile.mkdtemp(prefix="fc-cache-")
    warm = {**os.environ, "FACTCHECK_CACHE": warm_dir}
    pandas = [sys.executable, "-c", "import pandas"]
    print(f"{'article':<28} {'import pandas':>14} {'check (warm)':>13} {'ratio':>6} "
          f"{'check (cold)':>13} {'ratio':>6}")
    for article in args.articles:
        check = [sys.executable, "-m", "factcheck", "check", "--format", "json", str(article)]
        _run(check, warm)  # fills the warm cache
        best = {"pandas": 1e9, "warm": 1e9, "cold": 1e9}
        for _ in range(args.repeat):  # interleaved: a noisy moment hurts all three alike
            best["pandas"] = min(best["pandas"], _run(pandas, warm))
            best["warm"] = min(best["warm"], _run(check, warm))
            cold = {**os.environ, "FACTCHECK_CACHE": tempfile.mkdtemp(prefix="fc-cold-")}
            best["cold"] = min(best["cold"], _run(check, cold))
        print(f"{article.name[:28]:<28} {best['pandas']:>13.3f}s {best['warm']:>12.3f}s "
              f"{best['warm'] / best['pandas']:>5.2f}x {best['cold']:>12.3f}s "
              f"{best['cold'] / best['pandas']:>5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
