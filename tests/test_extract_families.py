"""Every family of issue 12's extraction table has table-driven cases in both scripts."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "extract_families.py"


def _families() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extract_families", SCRIPT)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


FAMILIES = _families()
TABLE = FAMILIES.case_table()


@pytest.mark.parametrize("family", FAMILIES.FAMILIES)
@pytest.mark.parametrize("script", ["trad", "simp"])
def test_family_has_passing_cases_in_each_script(family: str, script: str) -> None:
    cases, passing = TABLE[family][script]
    assert cases >= 1, f"{family}: no table-driven case in {script}"
    assert passing == cases, f"{family}: {cases - passing} {script} case(s) fail"


def test_every_tagged_family_is_in_the_table() -> None:
    assert set(TABLE) == set(FAMILIES.FAMILIES), set(TABLE) ^ set(FAMILIES.FAMILIES)


def test_every_family_has_a_gold_form() -> None:
    assert set(FAMILIES.GOLD_FORMS) | {"names_not_figures"} == set(FAMILIES.FAMILIES)
