"""The master pattern runs on the stdlib engine for speed; it must match exactly what the
`regex` engine matches on real text (both scripts, every gold document)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import regex

import factcheck.extract  # noqa: F401  (module import: the package re-exports the function)
from factcheck.textfold import fold

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = __import__("sys").modules["factcheck.extract"]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")]
    for name in ("extra.jsonl", "heldout.jsonl"):
        path = ROOT / "tests" / "gold" / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(
                encoding="utf-8").splitlines()]
    return texts


def test_stdlib_and_regex_engines_agree() -> None:
    source = EXTRACT.master_source()
    std = re.compile(source, re.VERBOSE | re.MULTILINE)
    alt = regex.compile(source, regex.VERBOSE | regex.MULTILINE)
    for text in _texts():
        folded = fold(text)
        a = [(m.start(), m.end(), m.lastgroup) for m in std.finditer(folded)]
        b = [(m.start(), m.end(), m.lastgroup) for m in alt.finditer(folded)]
        assert a == b
