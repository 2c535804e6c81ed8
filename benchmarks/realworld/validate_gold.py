"""Validate real-article gold files: figures found, relations hold, real errors fail.

Usage: ``python benchmarks/realworld/validate_gold.py [GOLD.yaml ...]`` (default: every
file in ``benchmarks/realworld/gold/``). Prints each relation's two sides as intervals and
the slips the benchmark would generate; exit 1 when something is wrong. Uses only
``decimal`` (``gold.py``), never the checker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gold import GoldError, article_year, holds, load, mutants  # noqa: E402

HERE = Path(__file__).resolve().parent


def _fmt(iv: tuple) -> str:
    lo, hi = iv
    return f"[{lo:.6g}, {hi:.6g}]" if lo != hi else f"{lo:.6g}"


def validate(path: Path, quiet: bool = False) -> int:
    try:
        g = load(path)
    except GoldError as exc:
        print(f"FAIL {exc}")
        return 1
    manifest = path.resolve().parent.parent / "manifest" / f"{g.doc_id}.json"
    date = None
    problems = 0
    if not manifest.exists():
        print(f"FAIL {path}: no manifest/{g.doc_id}.json")
        problems += 1
    else:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
        date = meta.get("date")
        for key in ("id", "region", "script", "outlet", "title", "url", "date", "genre"):
            if key not in meta:
                print(f"FAIL {manifest}: missing {key}")
                problems += 1
    for i, rel in enumerate(g.relations, 1):
        try:
            ok, a, b = holds(rel.expr, g.figures)
        except (GoldError, KeyError) as exc:
            print(f"FAIL {path}: relation {i} {rel.expr!r}: {exc}")
            problems += 1
            continue
        if not ok:
            problems += 1
        if not ok or not quiet:
            print(f"{'ok  ' if ok else 'FAIL'} relation {i} {rel.kind}: {rel.expr}   "
                  f"{_fmt(a)} vs {_fmt(b)}" + ("" if ok else "  <- does not hold: fix, or "
                                                "move it to real_errors"))
    for i, err in enumerate(g.real_errors, 1):
        if not err["expr"]:
            if not quiet:
                print(f"ok   real error {i} {err['kind']}: {err['note'][:60]}")
            continue
        try:
            ok, a, b = holds(err["expr"], g.figures)
        except (GoldError, KeyError) as exc:
            print(f"FAIL {path}: real error {i}: {exc}")
            problems += 1
            continue
        if ok:
            problems += 1
        if ok or not quiet:
            print(f"{'FAIL' if ok else 'ok  '} real error {i} {err['kind']}: {err['expr']}   "
                  f"{_fmt(a)} vs {_fmt(b)}" + ("  <- holds within rounding: not an error"
                                               if ok else ""))
    for t in g.traps:  # a trap is text no figure covers: one inside a gold mention is a slip
        for m in g.mentions or []:
            if m["start"] < t["end"] and t["start"] < m["end"]:
                print(f"FAIL {path}: trap {t['text']!r} at {t['start']} overlaps the mention "
                      f"{m['text']!r}")
                problems += 1
    try:
        ms = mutants(g, article_year(g.text, date))
    except GoldError as exc:
        print(f"FAIL {path}: {exc}")
        return problems + 1
    if not quiet:
        for m in ms:
            print(f"     slip {m.kind:10} {m.fid}: {m.old} -> {m.new}")
    print(f"{'FAIL' if problems else 'ok  '} {path.name}: {len(g.figures)} figures, "
          f"{len(g.relations)} relations, {len(g.real_errors)} real errors, "
          f"{len(ms)} slips, {len(g.mentions or [])} figure-gold mentions, "
          f"{len(g.traps)} traps")
    return problems


def main(argv: list[str]) -> int:
    quiet = "-q" in argv
    paths = [Path(a) for a in argv if a != "-q"] or sorted((HERE / "gold").glob("*.yaml"))
    bad = sum(validate(p, quiet) for p in paths)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
