"""Per-suite report of factcheck.extract on the third-party peer suites.

    python benchmarks/peer_report.py                 # table + every failing case
    python benchmarks/peer_report.py --suite JioNLP  # one suite
    python benchmarks/peer_report.py --excluded      # also list exclusions and how we fare on them
    python benchmarks/peer_report.py --json out.json # machine-readable results too

Scoring rules and the adapter live in tests/peer_adapter.py; exclusions in
tests/peer/exclusions.yaml. The suites are read from ../shared/peer beside the
repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

import peer_adapter as pa  # noqa: E402


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("factcheck")
    except Exception:
        return "?"


def _extract_mtime() -> str:
    paths = [REPO / "factcheck" / f"{name}.py"
             for name in ("extract", "pattern", "handlers", "generic", "joins")]
    if not all(p.exists() for p in paths):
        return "missing"
    newest = max(p.stat().st_mtime for p in paths)
    return datetime.fromtimestamp(newest, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--suite", choices=pa.SUITES, action="append", help="only these suites")
    ap.add_argument("--excluded", action="store_true", help="also list excluded cases")
    ap.add_argument("--no-failures", action="store_true", help="print the table only")
    ap.add_argument("--json", metavar="FILE", help="write results as JSON to FILE")
    args = ap.parse_args(argv)

    peer = pa.peer_dir()
    if not peer.is_dir():
        print(f"peer suites not found at {peer}", file=sys.stderr)
        return 2
    try:
        extract = pa.default_extract()
    except ImportError as exc:
        print(f"cannot import factcheck.extract: {exc}", file=sys.stderr)
        return 2

    suites = args.suite or list(pa.SUITES)
    excl = pa.exclusion_map(pa.load_exclusions())
    t0 = time.perf_counter()
    results = {s: pa.run_suite(s, extract, excl) for s in suites}
    elapsed = time.perf_counter() - t0

    print(
        f"factcheck {_version()}, extraction modules modified {_extract_mtime()}; "
        f"suites from {peer}; {elapsed:.2f}s"
    )
    head = f"{'suite':<14} {'cases':>6} {'excluded':>9} {'scored':>7} {'passed':>7} {'rate':>7}"
    print(head)
    print("-" * len(head))
    tot = [0, 0, 0, 0]
    for s, r in results.items():
        print(
            f"{s:<14} {r.cases:>6} {r.excluded:>9} {len(r.scored):>7} {r.passed:>7} {r.rate:>7.1%}"
        )
        for i, n in enumerate((r.cases, r.excluded, len(r.scored), r.passed)):
            tot[i] += n
    print("-" * len(head))
    rate = tot[3] / tot[2] if tot[2] else 1.0
    print(f"{'all':<14} {tot[0]:>6} {tot[1]:>9} {tot[2]:>7} {tot[3]:>7} {rate:>7.1%}")

    if not args.no_failures:
        for s, r in results.items():
            if not r.failures:
                continue
            print(f"\n== {s}: {len(r.failures)} failing ==")
            for f in r.failures:
                print(f.explain())
    if args.excluded:
        for s, r in results.items():
            ex = [x for x in r.results if x.excluded]
            if not ex:
                continue
            print(f"\n== {s}: {len(ex)} excluded ==")
            for x in ex:
                state = "would pass" if x.passed else "would fail"
                print(f"{x.case.id} ({state}): {x.excluded}")
                print("  " + x.explain().replace("\n", "\n  "))

    if args.json:
        out = {
            "factcheck": _version(),
            "extract_py_mtime": _extract_mtime(),
            "suites": {
                s: {
                    "cases": r.cases,
                    "excluded": r.excluded,
                    "scored": len(r.scored),
                    "passed": r.passed,
                    "rate": r.rate,
                    "failing": [
                        {
                            "id": f.case.id,
                            "input": f.case.input,
                            "expected": f.case.expected,
                            "missed": [it.why for it in f.items if not it.matched],
                            "unexpected": [v.brief() for v in f.unexpected],
                            "returned": [v.brief() for v in f.mentions],
                            "error": f.error,
                        }
                        for f in r.failures
                    ],
                }
                for s, r in results.items()
            },
        }
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
