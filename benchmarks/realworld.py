"""Real-article benchmark: blind gold relations, generated single-slip mutants, a locked split.

For every article of ``benchmarks/realworld/`` (verbatim real news, gold written by
annotators blind to the checker; see ``realworld/GUIDELINES.md``), per split:

- **mutants**: slips generated from the gold (``realworld/gold.py``: digit, swap, scale,
  rate, sum_part, fused_year, weekday), each verified to break its relation even with
  doubled rounding allowances. Detected when the mutated text gets a new ``error`` or
  ``warning`` (not one the clean text has) whose spans touch the mutated figure or a figure
  of its relation.
- **false errors / warnings**: findings on the clean article that touch no figure of a real
  error the gold records.
- **real errors found**: gold real errors with a clean-text finding on one of their figures.
- **relations assembled**: gold relations whose figures (mapped to extracted mentions) all
  sit in one relation the checker bound and evaluated, whatever its verdict.
- **coverage**: money, percent, pp and count mentions that some check used.
- **extraction**: precision, recall and trap hits on the articles with figure gold, and the share
  of matched money figures in the gold's currency (the currency of a bare 元).

The test split is locked: this script prints only its aggregate numbers (``--verbose``
lists dev misses only). Usage: ``python benchmarks/realworld.py [--json] [--verbose]
[--split dev|test]``. Deterministic; runs on 2 processes.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
HERE = REPO / "benchmarks" / "realworld"
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import gold as goldlib  # noqa: E402

COUNTED_KINDS = {"money", "percent", "pp", "count"}
MUTANT_KINDS = ("digit", "swap", "scale", "rate", "sum_part", "fused_year", "weekday")
_REFERENCE: Any = None


def splits(root: Path = HERE, locked: bool = False) -> dict[str, str]:
    """id -> split; new articles get a split from a hash of their id (60% dev), then locked.
    ``locked``: only the articles split.csv already lists (a before/after comparison while new
    articles are being annotated)."""
    known: dict[str, str] = {}
    split_file = root / "split.csv"
    if split_file.exists():
        with split_file.open(encoding="utf-8") as fh:
            known = {r["id"]: r["split"] for r in csv.DictReader(fh)}
    ids = sorted(p.stem for p in (root / "gold").glob("*.yaml"))
    if locked:
        ids = [i for i in ids if i in known]
    new = [i for i in ids if i not in known]
    for i in new:
        h = int(hashlib.sha1(i.encode()).hexdigest()[:8], 16) % 100
        known[i] = "dev" if h < 60 else "test"
    if new:
        with split_file.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["id", "split"])
            w.writerows(sorted(known.items()))
    return {i: known[i] for i in ids}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _shift(span: tuple[int, int], m: goldlib.Mutant) -> tuple[int, int]:
    """A span of the clean text as it sits in the mutated text."""
    delta = len(m.new) - len(m.old)
    if span[0] >= m.end:
        return span[0] + delta, span[1] + delta
    if span[0] >= m.start:
        return m.start, m.start + len(m.new)
    return span


def _keys(report: Any) -> set[tuple[str, str]]:
    return {(f.rule, report.text[f.spans[0][0]:f.spans[0][1]]) for f in report.findings}


def _groups(report: Any) -> list[frozenset[int]]:
    groups = list(report.checked.groups)
    for f in report.findings:
        groups.append(frozenset(m.start for m in report.mentions
                                if any(_overlaps((m.start, m.end), s) for s in f.spans)))
    return groups


def evaluate_article(args: tuple[str, str, str | None]) -> dict[str, Any]:
    """Everything the benchmark counts for one article (runs in a worker process)."""
    global _REFERENCE
    from factcheck.checks import check_text
    from factcheck.reference import load_reference
    from factcheck.scoring import score

    path, split, date = args
    if _REFERENCE is None:
        _REFERENCE = load_reference()
    g = goldlib.load(Path(path))
    # the publication date, as an editor or a feed passes it (factcheck check --date)
    published = dt.date.fromisoformat(date) if date else None
    clean = check_text(g.text, _REFERENCE, published)
    out: dict[str, Any] = {"id": g.doc_id, "split": split, "relations": len(g.relations)}

    error_spans = [(g.figures[f].start, g.figures[f].end)
                   for e in g.real_errors for f in e["figures"] if f in g.figures]
    false = [f for f in clean.findings
             if not any(_overlaps(s, e) for s in f.spans for e in error_spans)]
    out["false_errors"] = [(f.rule, f.message) for f in false if f.severity == "error"]
    out["false_warnings"] = [(f.rule, f.message) for f in false if f.severity == "warning"]
    found, missed = 0, []
    for e in g.real_errors:
        spans = [(g.figures[f].start, g.figures[f].end) for f in e["figures"] if f in g.figures]
        if any(_overlaps(s, t) for f in clean.findings if f.severity in {"error", "warning"}
               for s in f.spans for t in spans):
            found += 1
        else:
            missed.append(" ".join(g.text[a:b] for a, b in spans) + f" ({e.get('kind', '?')})")
    out["real_errors"], out["real_errors_found"] = len(g.real_errors), found
    out["real_errors_missed"] = missed

    groups = _groups(clean)
    assembled = 0
    for rel in g.relations:
        starts = set()
        for fid in rel.fids:
            fig = g.figures[fid]
            hit = [m.start for m in clean.mentions if _overlaps((m.start, m.end),
                                                                 (fig.start, fig.end))]
            if not hit:
                starts = set()
                break
            starts.add(hit[0])
        if starts and any(starts <= grp for grp in groups):
            assembled += 1
    out["assembled"] = assembled

    counted = [m for m in clean.mentions if m.kind in COUNTED_KINDS]
    out["coverage"] = [sum(1 for m in counted if m.start in clean.checked), len(counted)]

    base = _keys(clean)
    year = goldlib.article_year(g.text, date)
    results = []
    for mut in goldlib.mutants(g, year):
        rel = g.relations[mut.relation]
        touch = [(mut.start, mut.start + len(mut.new))]
        touch += [_shift((g.figures[f].start, g.figures[f].end), mut) for f in rel.fids]
        report = check_text(goldlib.apply(g.text, mut), _REFERENCE, published)
        hit = any((f.rule, report.text[f.spans[0][0]:f.spans[0][1]]) not in base
                  and f.severity in {"error", "warning"}
                  and any(_overlaps(s, t) for s in f.spans for t in touch)
                  for f in report.findings)
        results.append({"kind": mut.kind, "hit": hit, "old": mut.old, "new": mut.new,
                        "relation": rel.kind})
    out["mutants"] = results

    if g.mentions is not None:
        pred = [m.as_json() for m in clean.mentions]
        sc = score(pred, g.mentions)
        traps = sum(1 for t in g.traps for p in pred
                    if _overlaps((p["start"], p["end"]), (t["start"], t["end"])))
        out["extraction"] = [sc.matched, sc.predicted, sc.gold, traps, sc.money, sc.money_unit]
        if split == "dev":  # never listed for the locked test split
            out["extraction_misses"] = (
                [f"MISSED {x['start']} {x['text']} {x['kind']} {x.get('value')}" for x in sc.missed]
                + [f"SPURIOUS {x['start']} {x['text']} {x['kind']} {x.get('value')}"
                   for x in sc.spurious]
                + [f"TRAP {p['start']} {p['text']}" for t in g.traps for p in pred
                   if _overlaps((p["start"], p["end"]), (t["start"], t["end"]))]
                + [f"CURRENCY {p['start']} {p['text']} {p.get('unit')} (gold {gm.get('unit')})"
                   for p, gm in sc.wrong_currency])
    return out


def aggregate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        for m in r["mutants"]:
            by_kind[m["kind"]][0] += m["hit"]
            by_kind[m["kind"]][1] += 1
    ext = [r["extraction"] for r in rows if "extraction" in r]
    matched, predicted, goldn = (sum(e[i] for e in ext) for i in range(3))
    relations = sum(r["relations"] for r in rows)
    cov = [sum(r["coverage"][i] for r in rows) for i in range(2)]
    mutants = sum(v[1] for v in by_kind.values())
    return {
        "articles": len(rows),
        "relations": relations,
        "mutants": mutants,
        "detected": sum(v[0] for v in by_kind.values()),
        "detected_by_kind": {k: by_kind[k] for k in MUTANT_KINDS if k in by_kind},
        "false_errors": sum(len(r["false_errors"]) for r in rows),
        "false_warnings": sum(len(r["false_warnings"]) for r in rows),
        # by rule: which checks misfire on clean text (a total, so the test split may show it)
        "false_by_rule": dict(sorted(Counter(rule for r in rows for rule, _ in
                                             r["false_errors"] + r["false_warnings"]).items())),
        "relations_assembled": round(sum(r["assembled"] for r in rows) / relations, 4)
        if relations else 0.0,
        "real_errors": sum(r["real_errors"] for r in rows),
        "real_errors_found": sum(r["real_errors_found"] for r in rows),
        "coverage": round(cov[0] / cov[1], 4) if cov[1] else 0.0,
        "extraction": {
            "articles": len(ext),
            "precision": round(matched / predicted, 4) if predicted else 1.0,
            "recall": round(matched / goldn, 4) if goldn else 1.0,
            "trap_hits": sum(e[3] for e in ext),
            # matched money figures in the gold's currency (a bare 元's issuer and outlet)
            "currency": round(sum(e[5] for e in ext) / m, 4)
            if (m := sum(e[4] for e in ext)) else 1.0,
            "money": sum(e[4] for e in ext),
        },
    }


def run(jobs: int = 2, only: str | None = None, root: Path = HERE,
        locked: bool = False) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    assignment = splits(root, locked)
    tasks = []
    for doc_id, split in assignment.items():
        if only and split != only:
            continue
        meta_path = root / "manifest" / f"{doc_id}.json"
        date = None
        if meta_path.exists():
            date = json.loads(meta_path.read_text(encoding="utf-8")).get("date")
        tasks.append((str(root / "gold" / f"{doc_id}.yaml"), split, date))
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            rows = list(pool.map(evaluate_article, tasks, chunksize=2))
    else:
        rows = [evaluate_article(t) for t in tasks]
    result = {"splits": {s: aggregate([r for r in rows if r["split"] == s])
                         for s in ("dev", "test") if not only or s == only}}
    return result, rows


MANIFEST_FIELDS = ("id", "split", "region", "script", "genre", "date", "outlet", "title", "url")


def manifest_rows(root: Path = HERE) -> list[dict[str, str]]:
    """One row per article: the per-article manifest JSON plus its split."""
    assignment = splits(root)
    rows = []
    for doc_id, split in assignment.items():
        meta = json.loads((root / "manifest" / f"{doc_id}.json").read_text(encoding="utf-8"))
        rows.append({k: "" if meta.get(k) is None else str(meta.get(k))
                     for k in MANIFEST_FIELDS} | {"split": split})
    return rows


def write_manifest(root: Path = HERE) -> Path:
    path = root / "manifest.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(manifest_rows(root))
    return path


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} {100 * a / b:.0f}%" if b else "-"


def table(result: dict[str, Any]) -> str:
    names = list(result["splits"])
    lines = [f"{'':28}" + "".join(f"{n:>18}" for n in names)]

    def row(label: str, fn: Any) -> None:
        lines.append(f"{label:28}" + "".join(f"{fn(result['splits'][n]):>18}" for n in names))

    row("articles", lambda s: str(s["articles"]))
    row("gold relations", lambda s: str(s["relations"]))
    row("relations assembled", lambda s: f"{100 * s['relations_assembled']:.0f}%")
    row("mutants detected", lambda s: _pct(s["detected"], s["mutants"]))
    for k in MUTANT_KINDS:
        row(f"  {k}", lambda s, k=k: _pct(*s["detected_by_kind"].get(k, [0, 0])))
    row("false errors (clean)", lambda s: str(s["false_errors"]))
    row("false warnings (clean)", lambda s: str(s["false_warnings"]))
    row("  by rule", lambda s: " ".join(f"{k}:{v}" for k, v in s["false_by_rule"].items())
        or "-")
    row("real errors found", lambda s: _pct(s["real_errors_found"], s["real_errors"]))
    row("coverage", lambda s: f"{100 * s['coverage']:.0f}%")
    row("extraction articles", lambda s: str(s["extraction"]["articles"]))
    row("extraction P / R", lambda s: f"{s['extraction']['precision']:.3f} / "
                                      f"{s['extraction']['recall']:.3f}")
    row("trap hits", lambda s: str(s["extraction"]["trap_hits"]))
    row("money in the gold's currency", lambda s: f"{s['extraction']['currency']:.3f} of "
                                                  f"{s['extraction']['money']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="one JSON object on stdout")
    ap.add_argument("--verbose", action="store_true", help="list dev misses (never test)")
    ap.add_argument("--split", choices=["dev", "test"])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--root", type=Path, default=HERE, help="corpus folder (for tests)")
    ap.add_argument("--locked", action="store_true",
                    help="only the articles split.csv lists; new ones are left out, not split")
    ap.add_argument("--write-manifest", action="store_true",
                    help="rewrite realworld/manifest.csv from the per-article records")
    args = ap.parse_args(argv)
    if args.write_manifest:
        print(write_manifest(args.root))
        return 0
    result, rows = run(args.jobs, args.split, args.root, args.locked)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(table(result))
    if args.verbose:
        for r in rows:
            if r["split"] != "dev":
                continue
            for m in r["mutants"]:
                if not m["hit"]:
                    print(f"MISS {r['id']} {m['kind']:10} {m['relation']:12} "
                          f"{m['old']} -> {m['new']}", file=sys.stderr)
            for rule, msg in r["false_errors"]:
                print(f"FALSE-ERROR {r['id']} {rule}: {msg}", file=sys.stderr)
            for rule, msg in r["false_warnings"]:
                print(f"FALSE-WARN {r['id']} {rule}: {msg}", file=sys.stderr)
            for line in r.get("real_errors_missed", []):
                print(f"REAL-MISS {r['id']} {line}", file=sys.stderr)
            for line in r.get("extraction_misses", []):
                print(f"EXTRACT {r['id']} {line}", file=sys.stderr)
        counts = Counter(r["split"] for r in rows)
        print(f"(test split: {counts['test']} articles, aggregate only)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
