"""The master pattern runs on the stdlib engine for speed; it must match exactly what the
`regex` engine matches on real text (both scripts, every gold document)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import regex

import factcheck.pattern  # noqa: F401  (the master pattern lives there)
from factcheck.sre_tune import branch_optionals
from factcheck.textfold import fold

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = __import__("sys").modules["factcheck.pattern"]


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


def test_branch_optionals_changes_no_match() -> None:
    """The pattern as compiled (optionals as branches) finds what the written one finds,
    with every group's text."""
    written = re.compile(EXTRACT.master_source(), re.VERBOSE | re.MULTILINE)
    tuned = EXTRACT._master()
    assert tuned.pattern != written.pattern and tuned.groupindex == written.groupindex
    for text in _texts():
        folded = fold(text)
        a = [(m.span(), m.lastgroup, m.groups()) for m in written.finditer(folded)]
        b = [(m.span(), m.lastgroup, m.groups()) for m in tuned.finditer(folded)]
        assert a == b


@pytest.mark.parametrize(("source", "expected"), [
    ("(a)?b", "(?:(a)|)b"),
    ("(?P<x>a(b)?)?", "(?:(?P<x>a(?:(b)|))|)"),
    ("(a)??(b)?+(?=c)?", "(a)??(b)?+(?=c)?"),   # lazy, possessive, lookaround: kept
    ("[(]a(b)?", "[(]a(?:(b)|)"),               # a "(" in a class opens no group
    ("\\(a\\)?", "\\(a\\)?"),                    # escaped parentheses are literals
    ("(a) # (not a group)?\n", "(a) # (not a group)?\n"),  # verbose comment
])
def test_branch_optionals_cases(source: str, expected: str) -> None:
    assert branch_optionals(source) == expected
    for text in ("ab", "b", "abc", "c", "a(b)c", "(ab(a"):
        flags = re.VERBOSE
        assert [m.groups() for m in re.finditer(source, text, flags)] == \
            [m.groups() for m in re.finditer(expected, text, flags)]
