"""Every row of ``factcheck/lexicon/net_pairs.csv`` drives the net-vs-parts check, in both
scripts: plus 500亿元 and minus 300亿元 make a net of 200亿元, not 250亿元."""

from __future__ import annotations

import csv

import opencc
import pytest

from factcheck.checks import check_text
from factcheck.lexicon import LEXICON_DIR

ROWS = list(csv.DictReader((LEXICON_DIR / "net_pairs.csv").open(encoding="utf-8")))
TO_TRAD = opencc.OpenCC("s2t")


def _text(row: dict[str, str], net: str, script: str) -> str:
    text = f"本月{row['plus']}500亿元，{row['minus']}300亿元，{row['net']}{net}。"
    return TO_TRAD.convert(text) if script == "traditional" else text


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("row", ROWS, ids=[r["net"] for r in ROWS])
def test_wrong_net_is_flagged(row: dict[str, str], script: str) -> None:
    text = _text(row, "250亿元", script)
    found = [(f.rule, f.severity) for f in check_text(text).findings]
    assert ("net-vs-parts", "error") in found, (text, found)


@pytest.mark.parametrize("script", ["simplified", "traditional"])
@pytest.mark.parametrize("row", ROWS, ids=[r["net"] for r in ROWS])
def test_right_net_is_checked_and_not_flagged(row: dict[str, str], script: str) -> None:
    text = _text(row, "200亿元", script)
    report = check_text(text)
    assert [f for f in report.findings if f.rule == "net-vs-parts"] == []
    assert report.checked, text
