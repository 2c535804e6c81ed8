"""Issue 14's yardsticks on real text, side by side in one run (interleaved, best of N).

    bash benchmarks/setup_bench_env.sh                      # once: benchmarks/.venv with JioNLP
    benchmarks/.venv/bin/python benchmarks/feed_speed.py    # everything below

1. **feed** — 2,000 separate article-sized documents through each tool's Python API
   (``factcheck.extract`` vs ``jionlp.ner.extract_money``). The documents are made of the
   real corpus's paragraphs (``benchmarks/realworld/articles``, every outlet and both
   scripts), drawn with a fixed seed into documents whose lengths follow the real articles'
   lengths, so no two documents are the same text.
2. **file** — one 2.3 MB text (the corpus's articles joined, repeated to size) through each
   tool's command line, whole process: ``factcheck extract FILE --format jsonl`` vs a
   ``python -c`` that imports JioNLP, reads the file and prints its money as JSON (JioNLP has
   no command line of its own).
3. **length** — ``check_text`` time per character on real text of 1k, 5k, 20k and 100k
   characters (paragraphs of the corpus in order); the issue asks the ratio of the largest to
   the smallest to stay under 1.5.

JioNLP extracts money only; factcheck every kind of figure: both counts are printed.
Bytecode is compiled first (as ``pip install`` does), so no run pays for compiling source.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "benchmarks" / "realworld" / "articles"
VENV_PY = ROOT / "benchmarks" / ".venv" / "bin" / "python"
JIO_CLI = ("import contextlib, io, json, sys\n"
           "with contextlib.redirect_stdout(io.StringIO()):\n"
           "    import jionlp\n"
           "text = open(sys.argv[1], encoding='utf-8').read()\n"
           "print(json.dumps(jionlp.ner.extract_money(text), ensure_ascii=False))\n")


def _paragraphs() -> tuple[list[str], list[int]]:
    """Every non-empty paragraph of the real corpus, and every article's length."""
    paras, sizes = [], []
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sizes.append(len(text))
        paras += [p.strip() for p in text.split("\n") if p.strip()]
    return paras, sizes


def feed_documents(n: int, seed: int = 14) -> list[str]:
    """``n`` distinct documents of real paragraphs, sized like the real articles."""
    paras, sizes = _paragraphs()
    rng = random.Random(seed)
    docs: list[str] = []
    while len(docs) < n:
        target, doc = rng.choice(sizes), []
        while sum(map(len, doc)) < target:
            doc.append(rng.choice(paras))
        docs.append("\n".join(doc))
    return docs


def _best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def feed(repeat: int, n: int) -> None:
    from factcheck.extract import extract
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp
    docs = feed_documents(n)
    chars = sum(map(len, docs))
    counts = {"factcheck": sum(len(extract(d)) for d in docs),  # also the warm-up pass
              "jionlp": sum(len(jionlp.ner.extract_money(d)) for d in docs)}
    best = {"factcheck": float("inf"), "jionlp": float("inf")}
    for _ in range(repeat):  # interleaved: a noisy moment hurts both alike
        best["factcheck"] = min(best["factcheck"], _best(lambda: [extract(d) for d in docs], 1))
        best["jionlp"] = min(best["jionlp"],
                             _best(lambda: [jionlp.ner.extract_money(d) for d in docs], 1))
    print(f"\n1. feed: {len(docs)} documents of real paragraphs, {chars:,} characters "
          f"(mean {chars // len(docs)}), best of {repeat}")
    for tool in best:
        print(f"   {tool:<10} {best[tool]:7.3f} s  {chars / best[tool] / 1e3:8.0f} k chars/s  "
              f"{counts[tool]:>7} mentions")
    print(f"   factcheck / jionlp throughput: {best['jionlp'] / best['factcheck']:.2f}x")


def _run(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   cwd=ROOT)
    return time.perf_counter() - start


def file(repeat: int, mb: float) -> None:
    paras, _ = _paragraphs()
    block = "\n".join(paras) + "\n"
    text = block * max(1, int(mb * 1e6 / len(block.encode("utf-8")) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.txt"
        path.write_text(text, encoding="utf-8")
        size = path.stat().st_size / 1e6
        fc = [sys.executable, "-m", "factcheck", "extract", str(path), "--format", "jsonl"]
        jio = [sys.executable, "-c", JIO_CLI, str(path)]
        best = {"factcheck": float("inf"), "jionlp": float("inf")}
        for _ in range(repeat):
            best["factcheck"] = min(best["factcheck"], _run(fc))
            best["jionlp"] = min(best["jionlp"], _run(jio))
    print(f"\n2. file: one {size:.2f} MB text ({len(text):,} characters) through each "
          f"command line, whole process, best of {repeat}")
    for tool in best:
        print(f"   {tool:<10} {best[tool]:7.3f} s  {size / best[tool]:6.2f} MB/s")
    print(f"   factcheck / jionlp throughput: {best['jionlp'] / best['factcheck']:.2f}x")


def length(repeat: int) -> None:
    from factcheck.checks import check_text
    from factcheck.reference import load_reference

    paras, _ = _paragraphs()
    reference = load_reference()
    print(f"\n3. length: check_text time per character, real paragraphs in order, best of "
          f"{repeat}")
    per_char = {}
    for size in (1_000, 5_000, 20_000, 100_000):
        doc: list[str] = []
        while sum(map(len, doc)) < size:
            doc.append(paras[len(doc) % len(paras)])
        text = "\n".join(doc)[:size]
        check_text(text, reference)  # warm-up
        seconds = _best(lambda t=text: check_text(t, reference), repeat)
        per_char[size] = seconds / len(text)
        print(f"   {size:>7} chars {seconds:8.3f} s  {per_char[size] * 1e6:6.2f} us/char")
    print(f"   100k / 1k time per character: {per_char[100_000] / per_char[1_000]:.2f}x")


def main() -> int:
    if VENV_PY.exists() and Path(sys.prefix).resolve() != VENV_PY.parents[1].resolve():
        os.execv(str(VENV_PY), [str(VENV_PY), *sys.argv])  # JioNLP lives only there
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--mb", type=float, default=2.3)
    parser.add_argument("--only", choices=("feed", "file", "length"))
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "factcheck")],
                   check=True, stdout=subprocess.DEVNULL)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if args.only in (None, "feed"):
        feed(args.repeat, args.docs)
    if args.only in (None, "file"):
        file(args.repeat, args.mb)
    if args.only in (None, "length"):
        length(args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
