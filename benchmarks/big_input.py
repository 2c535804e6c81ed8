"""Time and peak memory of the console script on very large and adversarial inputs.

Generates each input in a temporary directory, runs ``factcheck check FILE --format json``
(and ``factcheck extract``) in a fresh process per run, and prints wall time, peak RSS of
that process, exit code, the number of figures and findings, and throughput.

The default article is 50 MB of UTF-8: the seed article's paragraphs repeated with their
digits varied (deterministically), so figures differ from copy to copy. The adversarial
inputs are one line each: two million digits, and runs of separators and qualifier
characters. ``tests/test_cli_robustness.py`` runs the same cases at sizes that keep the suite
fast; this script is for the full sizes.

    python benchmarks/big_input.py                 # everything, 50 MB article
    python benchmarks/big_input.py --mb 5 --case article
    python benchmarks/big_input.py --json results.json
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs one command and reports its own peak RSS: RUSAGE_CHILDREN of a fresh interpreter
# covers exactly one child.
_MEASURE = """
import resource, subprocess, sys, time, json
t0 = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
elapsed = time.perf_counter() - t0
rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stdout.buffer.write(json.dumps({"seconds": elapsed, "rss_kb": rss_kb,
    "returncode": proc.returncode, "stderr": proc.stderr.decode("utf-8", "replace")[-500:],
    "stdout_bytes": len(proc.stdout)}).encode() + b"\\n")
sys.stdout.buffer.write(proc.stdout)
"""


def article(megabytes: float, seed: int = 0) -> str:
    """The seed article's paragraphs, repeated to ``megabytes`` of UTF-8, digits varied."""
    source = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    paragraphs = [p for p in source.split("\n") if p.strip()]
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    out, size, i = [], 0, 0
    while size < target:
        paragraph = paragraphs[i % len(paragraphs)]
        if i >= len(paragraphs):  # the first copy as written, later ones with other digits
            paragraph = "".join(str(rng.randrange(1, 10)) if ch in "123456789" else ch
                                for ch in paragraph)
        out.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
        i += 1
    return "\n".join(out) + "\n"


def adversarial(size: int) -> dict[str, str]:
    """One-line inputs that stress the pattern and the checks; ``size`` characters each."""
    return {
        "digits": "1" * size,
        "commas": "," * size,
        "dots": "." * size,
        "dunhao": "\N{IDEOGRAPHIC COMMA}" * size,
        "yue": "約" * size,
        "chao": "超" * size,
        "digit-comma": "1," * (size // 2),
        "digit-dot": "1." * (size // 2),
        "qualified-digits": "約1" * (size // 2),
        "mixed": ("約超1,0.5萬億%" + "\N{IDEOGRAPHIC COMMA}") * (size // 11),
        "fullwidth": "\N{FULLWIDTH DIGIT ONE}\N{FULLWIDTH COMMA}" * (size // 2),
        "chinese-numerals": "一二三四五六七八九十百千萬億" * (size // 14),
    }


def measure(args: list[str]) -> tuple[dict, bytes]:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True,
                          cwd=ROOT, check=True)
    head, _, body = proc.stdout.partition(b"\n")
    return json.loads(head), body


def run_case(label: str, path: Path, commands: list[str]) -> list[dict]:
    rows = []
    size = path.stat().st_size
    for command in commands:
        extra = ["--format", "json"] if command == "check" else ["--format", "jsonl"]
        result, body = measure([sys.executable, "-m", "factcheck", command, str(path), *extra])
        figures = findings = None
        if command == "check" and result["returncode"] in (0, 1):
            summary = json.loads(body)["summary"]
            figures, findings = summary.get("figures"), (
                summary["errors"] + summary["warnings"] + summary["infos"])
        elif command == "extract" and result["returncode"] == 0:
            figures = body.count(b"\n")
        row = {"case": label, "command": command, "mb": round(size / 2**20, 2),
               "seconds": round(result["seconds"], 1),
               "peak_rss_mb": round(result["rss_kb"] / 1024),
               "exit": result["returncode"], "figures": figures, "findings": findings,
               "mb_per_s": round(size / 2**20 / result["seconds"], 2)}
        if result["returncode"] not in (0, 1):
            row["stderr"] = result["stderr"].strip()
        rows.append(row)
        print("  ".join(f"{k}={v}" for k, v in row.items()), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50, help="article size (default 50)")
    parser.add_argument("--adversarial-chars", type=int, default=2_000_000,
                        help="length of each adversarial line (default 2,000,000)")
    parser.add_argument("--case", action="append", default=[],
                        help="only these cases: article, or an adversarial label; repeatable")
    parser.add_argument("--commands", default="check,extract",
                        help="comma-separated: check, extract (default both)")
    parser.add_argument("--json", metavar="FILE", help="also write the rows as JSON")
    args = parser.parse_args(argv)
    commands = [c for c in args.commands.split(",") if c]
    rows = []
    with tempfile.TemporaryDirectory(prefix="factcheck-big-") as tmp:
        if not args.case or "article" in args.case:
            path = Path(tmp) / "article.txt"
            path.write_text(article(args.mb), encoding="utf-8")
            rows += run_case("article", path, commands)
        for label, text in adversarial(args.adversarial_chars).items():
            if args.case and label not in args.case:
                continue
            path = Path(tmp) / f"{label}.txt"
            path.write_text(text, encoding="utf-8")
            rows += run_case(label, path, commands)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
