"""Mutation benchmark: inject one error into consistent text and see whether check finds it.

For every document of ``benchmarks/mutations/corpus.yaml`` (consistent passages in both
scripts, each with hand-placed mutations of known kinds):

- the unmutated text is checked: every ``error`` finding on it is a false finding;
- each mutation replaces its ``target`` with its ``replacement`` and checks again: the
  mutation is detected when a new finding (error or warning; not one the unmutated text
  already had) has a span overlapping the replaced text or a figure it relates.

Usage: ``python benchmarks/mutations.py [--corpus FILE] [--verbose] [--json FILE]``.
Deterministic: no timing, so the same code gives the same table on any machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.checks import check_text  # noqa: E402
from factcheck.reference import load_reference  # noqa: E402

CORPUS = REPO / "benchmarks" / "mutations" / "corpus.yaml"
TARGETS = {"fused_year": 1.0, "related_digit": 0.9, "magnitude": 0.9, "growth_rate": 0.9,
           "sum_part": 0.9, "weekday": 0.9}


def _key(f: Any) -> tuple[str, tuple[tuple[int, int], ...]]:
    return f.rule, tuple(tuple(s) for s in f.spans)


def run(corpus_path: Path = CORPUS, verbose: bool = False) -> dict[str, Any]:
    """Detection rate per mutation kind and false findings on the unmutated texts."""
    corpus = yaml.safe_load(corpus_path.read_text(encoding="utf-8"))
    reference = load_reference()
    detected: dict[str, list[bool]] = defaultdict(list)
    false_errors: list[dict[str, str]] = []
    false_warnings = 0
    misses: list[dict[str, str]] = []
    for doc in corpus:
        text = doc["text"]
        base = check_text(text, reference)
        for f in base.findings:
            if f.severity == "error":
                false_errors.append({"doc": doc["id"], "rule": f.rule, "message": f.message})
            elif f.severity == "warning":
                false_warnings += 1
        base_keys = {(f.rule, text[f.spans[0][0]:f.spans[0][1]]) for f in base.findings}
        for mut in doc.get("mutations", []):
            start = text.index(mut["target"])
            mutated = text[:start] + mut["replacement"] + text[start + len(mut["target"]):]
            end = start + len(mut["replacement"])
            report = check_text(mutated, reference)
            hit = False
            for f in report.findings:
                if (f.rule, mutated[f.spans[0][0]:f.spans[0][1]]) in base_keys:
                    continue
                if any(s < end and start < e for s, e in f.spans):
                    hit = True
                    break
            detected[mut["kind"]].append(hit)
            if not hit:
                misses.append({"doc": doc["id"], "kind": mut["kind"],
                               "target": mut["target"], "replacement": mut["replacement"]})
                if verbose:
                    print(f"MISS {doc['id']} {mut['kind']}: {mut['target']} -> "
                          f"{mut['replacement']}", file=sys.stderr)
    rates = {k: sum(v) / len(v) for k, v in sorted(detected.items())}
    return {"documents": len(corpus), "mutations": {k: len(v) for k, v in detected.items()},
            "detection": rates, "false_errors": false_errors,
            "false_warnings": false_warnings, "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every missed mutation")
    ap.add_argument("--json", type=Path, help="write the full result to FILE")
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="corpus YAML (default: mutations/corpus.yaml; mutations/heldout.yaml "
                         "is a second corpus written blind to the checker)")
    args = ap.parse_args(argv)
    result = run(args.corpus, verbose=args.verbose)
    print(f"{result['documents']} consistent documents; false errors on them: "
          f"{len(result['false_errors'])}; warnings on them: {result['false_warnings']}")
    print(f"{'mutation kind':<16} {'injected':>8} {'detected':>9} {'rate':>7} {'target':>7}")
    for kind, rate in result["detection"].items():
        n = result["mutations"][kind]
        print(f"{kind:<16} {n:>8} {round(rate * n):>9} {rate:>7.0%} "
              f"{TARGETS.get(kind, 0.9):>7.0%}")
    for err in result["false_errors"]:
        print(f"FALSE ERROR {err['doc']} {err['rule']}: {err['message']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
