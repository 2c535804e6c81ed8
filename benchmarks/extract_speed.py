"""Extraction throughput: factcheck.extract vs JioNLP's jio.ner.extract_money.

    bash benchmarks/setup_bench_env.sh                       # once: benchmarks/.venv
    benchmarks/.venv/bin/python benchmarks/extract_speed.py  # the benchmark

(Run with another interpreter, the script re-executes itself with
benchmarks/.venv/bin/python when that exists and JioNLP is not importable.)

What it does, fairly for both extractors:

* text: every ``seeds/*.txt`` (sorted), joined, repeated until it is at least
  ``--min-mb`` MB of UTF-8 (default 1); split into chunks the same way for both
  (``--chunk line``: each non-empty line, the default; ``paragraph``: blank-line
  separated blocks; ``document``: one chunk per seed copy).
* variants: the seed text as is (Traditional script) and, with OpenCC t2s, in
  Simplified script, which is what JioNLP is built for (``--variant``).
* same process; import time measured and printed but excluded; one warm-up pass
  per extractor and variant; then ``--repeat`` timed passes (default 5),
  alternating the two extractors, reporting the median (and min/max).
* peak memory: a separate pass under tracemalloc (Python allocations during the
  pass, above what was allocated before it), so tracing overhead never enters
  the timings; plus the process's max RSS at the end.
* mentions: how many each returns per pass; factcheck's count of ``money``
  mentions too, since JioNLP extracts money only.

JioNLP is called as ``jio.ner.extract_money(chunk)`` (``with_parsing=True``, its
default, since factcheck also normalises values; ``--jio-no-parsing`` to turn it
off). JioNLP is not a dependency of factcheck: it is installed only in
benchmarks/.venv by benchmarks/setup_bench_env.sh.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV_PY = REPO / "benchmarks" / ".venv" / "bin" / "python"
MB = 1_000_000  # MB/s in decimal megabytes of UTF-8 text


def _maybe_reexec(args: argparse.Namespace) -> None:
    if args.factcheck_only:
        return
    try:
        import importlib.util

        if importlib.util.find_spec("jionlp") is not None:
            return
    except Exception:
        pass
    if VENV_PY.exists() and Path(sys.executable).resolve() != VENV_PY.resolve():
        os.execv(str(VENV_PY), [str(VENV_PY), str(Path(__file__).resolve()), *sys.argv[1:]])
    sys.exit(
        "jionlp is not importable. Create the benchmark environment first:\n"
        "    bash benchmarks/setup_bench_env.sh\n"
        "then run benchmarks/.venv/bin/python benchmarks/extract_speed.py "
        "(or pass --factcheck-only)."
    )


def load_corpus(seed_dir: Path, min_bytes: int) -> tuple[list[str], int]:
    files = sorted(seed_dir.glob("*.txt"))
    if not files:
        sys.exit(f"no seeds/*.txt under {seed_dir}")
    docs = [f.read_text(encoding="utf-8-sig") for f in files]
    unit = sum(len(d.encode("utf-8")) for d in docs)
    copies = max(1, -(-min_bytes // unit))
    return docs * copies, len(files)


def chunk(docs: list[str], how: str) -> list[str]:
    if how == "document":
        return [d for d in docs if d.strip()]
    if how == "paragraph":
        out = []
        for d in docs:
            out.extend(p for p in d.replace("\r\n", "\n").split("\n\n") if p.strip())
        return out
    out = []
    for d in docs:
        out.extend(line for line in d.splitlines() if line.strip())
    return out


class Runner:
    def __init__(self, name: str, fn: Callable[[str], list], money: Callable[[list], int]):
        self.name = name
        self.fn = fn
        self.money = money
        self.times: dict[str, list[float]] = {}
        self.found: dict[str, tuple[int, int]] = {}
        self.peak: dict[str, float] = {}

    def one_pass(self, chunks: list[str]) -> tuple[float, int, int]:
        fn, money = self.fn, self.money
        n = m = 0
        t0 = time.perf_counter()
        for c in chunks:
            r = fn(c)
            n += len(r)
            m += money(r)
        return time.perf_counter() - t0, n, m

    def traced_pass(self, chunks: list[str]) -> float:
        gc.collect()
        tracemalloc.start()
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        for c in chunks:
            self.fn(c)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return (peak - base) / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=REPO / "seeds", help="directory of *.txt")
    ap.add_argument("--min-mb", type=float, default=1.0, help="minimum text size, MB of UTF-8")
    ap.add_argument("--chunk", choices=("line", "paragraph", "document"), default="line")
    ap.add_argument("--repeat", type=int, default=7, help="timed passes per extractor")
    ap.add_argument(
        "--variant",
        choices=("original", "simplified", "both"),
        default="both",
        help="seed text as is, converted to Simplified (OpenCC t2s), or both",
    )
    ap.add_argument(
        "--jio-no-parsing", action="store_true", help="extract_money(with_parsing=False)"
    )
    ap.add_argument("--factcheck-only", action="store_true", help="skip JioNLP")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = ap.parse_args(argv)
    _maybe_reexec(args)

    docs, nfiles = load_corpus(args.seeds, int(args.min_mb * MB))

    # imports, timed (excluded from throughput)
    t0 = time.perf_counter()
    from factcheck import extract

    t_fc = time.perf_counter() - t0
    runners = [
        Runner("factcheck", extract, lambda r: sum(1 for m in r if m.kind == "money")),
    ]
    t_jio = None
    if not args.factcheck_only:
        import contextlib
        import io

        t0 = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner
            import jionlp as jio
        t_jio = time.perf_counter() - t0
        parsing = not args.jio_no_parsing

        def jio_fn(text: str, _f=jio.ner.extract_money, _p=parsing) -> list:
            return _f(text, with_parsing=_p)

        runners.append(Runner("jionlp", jio_fn, len))

    variants = ["original", "simplified"] if args.variant == "both" else [args.variant]
    texts: dict[str, list[str]] = {}
    for v in variants:
        if v == "original":
            texts[v] = chunk(docs, args.chunk)
        else:
            import opencc

            conv = opencc.OpenCC("t2s")
            texts[v] = chunk([conv.convert(d) for d in docs], args.chunk)

    for v, chunks in texts.items():
        for r in runners:  # warm-up
            r.one_pass(chunks)
        for _ in range(args.repeat):
            for r in runners:  # alternate so drift hits both alike
                dt, n, m = r.one_pass(chunks)
                r.times.setdefault(v, []).append(dt)
                r.found[v] = (n, m)
        if not args.no_memory:
            for r in runners:
                r.peak[v] = r.traced_pass(chunks)

    # report
    def _ver(name: str) -> str:
        try:
            from importlib.metadata import version

            return version(name)
        except Exception:
            return "?"

    some = next(iter(texts.values()))
    nchars = sum(len(c) for c in some)
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"factcheck {_ver('factcheck')}, jionlp {_ver('jionlp') if t_jio is not None else '-'}"
    )
    print(
        f"text: {nfiles} seed file(s) x{len(docs) // nfiles} = {len(some)} chunks by {args.chunk}, "
        f"median of {args.repeat} passes after 1 warm-up"
    )
    imp = f"import time (excluded): factcheck {t_fc:.2f} s"
    if t_jio is not None:
        imp += f", jionlp {t_jio:.2f} s"
    print(imp)
    print()
    head = (
        f"{'variant':<11} {'extractor':<10} {'MB':>6} {'chars':>9} {'median s':>9} "
        f"{'min..max s':>13} {'chars/s':>10} {'MB/s':>6} {'mentions':>9} {'money':>7} "
        f"{'peak MiB':>9}"
    )
    print(head)
    print("-" * len(head))
    for v, chunks in texts.items():
        nbytes = sum(len(c.encode("utf-8")) for c in chunks)
        nchars = sum(len(c) for c in chunks)
        rates = {}
        for r in runners:
            ts = r.times[v]
            med = statistics.median(ts)
            rates[r.name] = (nchars / med, r.found[v])
            peak = f"{r.peak[v]:.1f}" if v in r.peak else "-"
            print(
                f"{v:<11} {r.name:<10} {nbytes / MB:>6.2f} {nchars:>9} {med:>9.3f} "
                f"{min(ts):>6.3f}..{max(ts):<6.3f} {nchars / med:>10.0f} "
                f"{nbytes / MB / med:>6.3f} {r.found[v][0]:>9} {r.found[v][1]:>7} {peak:>9}"
            )
        if "jionlp" in rates:
            (fc_rate, (fc_n, fc_m)), (jio_rate, (jio_n, _)) = rates["factcheck"], rates["jionlp"]
            speed = fc_rate / jio_rate if jio_rate else float("inf")
            print(
                f"{v:<11} {'ratio':<10} factcheck/jionlp: throughput {speed:.2f}x, "
                f"mentions {fc_n}/{jio_n}, money mentions {fc_m}/{jio_n}"
            )
        print("-" * len(head))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_mib = rss / 2**20 if sys.platform == "darwin" else rss / 1024
    print(f"process max RSS (both extractors loaded): {rss_mib:.0f} MiB")
    print(
        "peak MiB: Python allocations traced during one pass (tracemalloc), "
        "above those live before the pass"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
