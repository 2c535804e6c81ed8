"""The mutation benchmark as a regression guard (deterministic, no timing): clean texts get
no error, fused years are always found, and detection never falls below the measured floor."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "mutations" / "corpus.yaml"
# detection measured when these floors were set (benchmarks/mutations.py); raise them as
# the checks improve, never lower them to make a change pass
FLOORS = {"fused_year": 1.0, "weekday": 1.0, "growth_rate": 1.0, "related_digit": 0.9,
          "magnitude": 0.9, "sum_part": 0.95}


@pytest.fixture(scope="module")
def result() -> dict:
    spec = importlib.util.spec_from_file_location("mutations", ROOT / "benchmarks" /
                                                  "mutations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.run(CORPUS)


def test_no_error_on_unmutated_text(result: dict) -> None:
    assert result["false_errors"] == []


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_detection_floor(result: dict, kind: str) -> None:
    assert result["detection"][kind] >= FLOORS[kind], result["detection"]
