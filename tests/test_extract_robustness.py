"""Adversarial text never raises and gives a sensible answer (the pattern has no nested
unbounded quantifiers; sizes here are kept small so the suite stays fast)."""

from __future__ import annotations

import pytest

from factcheck import extract

CASES = [
    ("digits", "1" * 200_000, 0),  # one absurd run of digits is no figure
    ("commas", "1," * 20_000, None),
    ("qualifiers", "约超近" * 20_000, 0),
    ("multipliers", "万亿" * 20_000, 0),
    ("chinese-digits", "一二三四五六七八九十" * 5_000, None),
    ("dashes", "1-" * 20_000, None),
    ("percent-signs", "%1" * 20_000, None),
    ("latin-digits", "a1" * 20_000, 0),
    # a line of bare numbers with no sentence mark: every look back from a number is bounded
    # (an unbounded one made this quadratic: 222 s at 200,000 numbers)
    ("bare-numbers-one-line", " ".join(str(i % 97) for i in range(20_000)), 20_000),
    ("nul-and-controls", "\x00\x01\x02營收570億美元\x7f", 1),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_adversarial_input(label: str, text: str, expected: int | None) -> None:
    found = extract(text)
    for m in found:
        assert text[m.start:m.end] == m.text
    if expected is not None:
        assert len(found) == expected
