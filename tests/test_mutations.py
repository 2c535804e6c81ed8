"""The mutation benchmarks as a regression guard (deterministic, no timing): clean texts get
no error, and detection never falls below the measured floor. Two corpora: ``corpus.yaml``
(the one the checks were developed on) and ``heldout.yaml`` (written blind to the checker;
its first run found 8 false errors, all since fixed, and lower detection)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "benchmarks" / "mutations"
# detection measured when these floors were set (benchmarks/mutations.py); raise them as
# the checks improve, never lower them to make a change pass
FLOORS = {
    # growth, magnitude and related digits on corpus.yaml were 1.0 / 0.97 / 0.92 with the
    # phrase rules; the relation engine that replaced them (issue 11) measures 0.96 / 0.95 /
    # 0.92 here and removed 14 false errors on the real-article dev split
    # sum_part on corpus.yaml 0.95 -> 0.81 (session 4): two shares that fall short of 100%
    # and shares past 100% of a whole the text does not declare one are no longer flagged —
    # on real articles those were 8 of 11 false warnings on the dev split
    # related_digit 0.92 -> 0.90 and magnitude 0.94 -> 0.91 (session 8): a breakdown (分部门看,
    # 按…分) that falls short of its total and names no remainder (其他, 其余) is no longer
    # flagged, since it may list only the main items (a PBoC release's loans by sector: a
    # false error on a real article, and 1 of 9 false warnings on the real test split)
    "corpus.yaml": {"fused_year": 1.0, "weekday": 1.0, "growth_rate": 0.96,
                    "related_digit": 0.90, "magnitude": 0.91, "sum_part": 0.80},
    # sum_part on heldout.yaml: 0.81 -> 0.74 since a 其中 list that falls short of its total
    # is no longer an error (it may list only some parts: 8 false errors on real articles)
    # weekday on heldout.yaml: 0.96 -> 0.92 since a month-day whose year the text leaves open
    # (2025年 and 2026年 named equally often) is no longer checked against a guessed year
    # related_digit 0.87 -> 0.82 and magnitude 0.78 -> 0.75 (session 4): a subscription
    # multiple no pair of amounts gives is silent unless one reading is left and it is
    # within an order of magnitude
    "heldout.yaml": {"fused_year": 1.0, "weekday": 0.92, "growth_rate": 0.95,
                     "related_digit": 0.81, "magnitude": 0.74, "sum_part": 0.74},
}


@pytest.fixture(scope="module")
def results() -> dict:
    spec = importlib.util.spec_from_file_location("mutations", ROOT / "benchmarks" /
                                                  "mutations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: module.run(CORPORA / name) for name in FLOORS}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_no_false_finding_on_unmutated_text(results: dict, corpus: str) -> None:
    assert results[corpus]["false_errors"] == []
    assert results[corpus]["false_warnings"] == 0


@pytest.mark.parametrize("corpus,kind", [(c, k) for c in sorted(FLOORS) for k in FLOORS[c]])
def test_detection_floor(results: dict, corpus: str, kind: str) -> None:
    assert results[corpus]["detection"][kind] >= FLOORS[corpus][kind], \
        results[corpus]["detection"]
