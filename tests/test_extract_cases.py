"""Table-driven extraction cases from tests/cases/extract/*.yaml."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck import extract

CASES = Path(__file__).parent / "cases" / "extract"


def _load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def _same(got: Any, want: Any) -> bool:
    if want is None or got is None:
        return got is want
    if isinstance(want, (int, float)) and not isinstance(want, bool) or (
        isinstance(want, str) and _is_number(want) and not isinstance(got, str)
    ):
        return Decimal(str(got)) == Decimal(str(want))
    return str(got) == str(want)


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def _check_case(case: dict[str, Any]) -> None:
    text = case["text"]
    found = extract(text)
    records = [m.as_json() for m in found]
    for rec in records:  # invariants on every case
        assert text[rec["start"]:rec["end"]] == rec["text"]
        if rec["lo"] is not None and rec["hi"] is not None:
            assert rec["lo"] <= rec["hi"], rec
    spans = sorted((r["start"], r["end"]) for r in records)
    overlapping = [(a, b) for a, b in zip(spans, spans[1:], strict=False) if a[1] > b[0]]
    assert not overlapping, f"overlapping spans {overlapping}"
    by_text: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        by_text.setdefault(rec["text"], []).append(rec)
    for want in case.get("expect", []):
        raw = want["raw"]
        assert raw in by_text, f"{raw!r} not extracted; got {[r['text'] for r in records]}"
        rec = by_text[raw][0]
        for key, value in want.items():
            if key == "raw":
                continue
            assert _same(rec.get(key), value), f"{raw!r}: {key} = {rec.get(key)!r}, want {value!r}"
    for word in case.get("absent", []):
        pos = text.find(word)
        assert pos >= 0, f"absent word {word!r} not in the case text"
        hits = [r for r in records if r["start"] < pos + len(word) and pos < r["end"]]
        assert not hits, f"{word!r} should not be a figure: {hits}"
    if case.get("expect_none"):
        assert records == [], records


@pytest.mark.parametrize("case", _load("synthetic.yaml"), ids=lambda c: c["label"])
def test_synthetic(case: dict[str, Any]) -> None:
    _check_case(case)


@pytest.mark.parametrize("case", _load("genre.yaml"), ids=lambda c: c["label"])
def test_genre(case: dict[str, Any]) -> None:
    """Forms of regional outlets (issue 12): decimal marks, ROC dates, 碼, issuer currency."""
    _check_case(case)


@pytest.mark.parametrize("case", _load("negative.yaml"), ids=lambda c: c["label"])
def test_negative(case: dict[str, Any]) -> None:
    _check_case(case)


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=c["why"]))
     for c in _load("known_failures.yaml")],
    ids=lambda c: c["label"],
)
def test_known_failures(case: dict[str, Any]) -> None:
    _check_case(case)


@pytest.mark.parametrize(
    "name", ["synthetic.yaml", "genre.yaml", "negative.yaml", "known_failures.yaml"])
def test_case_files_are_well_formed(name: str) -> None:
    labels = set()
    for case in _load(name):
        assert {"label", "text"} <= set(case), case
        assert case["label"] not in labels, f"duplicate label {case['label']}"
        labels.add(case["label"])
        assert case.get("expect") or case.get("absent") or case.get("expect_none"), case["label"]
