"""Precision guard on real-style articles: the 48 texts of the extraction gold files
(mainland, Hong Kong and Taiwan outlets, both scripts, annotated for figures, not for checks)
raise no error and no warning. Each finding they once raised was a false one (PMI levels read
as shares, per-share prices read as parts, a base taken from another company's sentence)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.checks import check_text
from factcheck.reference import load_reference

GOLD = Path(__file__).parent / "gold"
TEXTS = [(f"{path.stem}:{doc.get('id') or doc.get('doc')}", doc["text"])
         for path in (GOLD / "extra.jsonl", GOLD / "heldout.jsonl")
         for doc in map(json.loads, path.read_text(encoding="utf-8").splitlines())
         if doc.get("text")]


@pytest.fixture(scope="module")
def reference():
    return load_reference()


def test_there_are_texts() -> None:
    assert len(TEXTS) >= 40


@pytest.mark.parametrize("name,text", TEXTS, ids=[n for n, _ in TEXTS])
def test_no_false_finding(name: str, text: str, reference) -> None:
    findings = [(f.rule, f.severity, f.message) for f in check_text(text, reference).findings
                if f.severity in ("error", "warning")]
    assert findings == []
