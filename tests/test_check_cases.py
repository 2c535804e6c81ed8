"""Table-driven check cases from tests/cases/check/*.yaml (both scripts), including
consistent text that must not be flagged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.checks import RULES, check_text
from factcheck.reference import Reference, load_reference

CASES = Path(__file__).parent / "cases" / "check"


def _load(name: str) -> list[dict[str, Any]]:
    return yaml.safe_load((CASES / name).read_text(encoding="utf-8"))


def _reference(case: dict[str, Any], tmp_path: Path) -> Reference:
    if not case.get("reference"):
        return Reference()
    path = tmp_path / "ref.csv"
    path.write_text(case["reference"], encoding="utf-8")
    return load_reference([path], bundled=False)


@pytest.mark.parametrize("case", _load("synthetic.yaml"), ids=lambda c: c["label"])
def test_flags(case: dict[str, Any], tmp_path: Path) -> None:
    assert case.get("expect") or case.get("expect_none"), \
        "a case asserts something: expect findings, or expect_none: true for a clean text"
    report = check_text(case["text"], _reference(case, tmp_path))
    found = [(f.rule, f.severity, case["text"][f.spans[0][0]:f.spans[0][1]])
             for f in report.findings]
    for want in case.get("expect") or []:  # no severity given: error or warning will do
        severities = [want["severity"]] if "severity" in want else ["error", "warning"]
        assert any((want["rule"], s, want["at"]) in found for s in severities), \
            f"missing {want}; got {found}: {[f.message for f in report.findings]}"
    if case.get("expect_none"):
        assert [f for f in found if f[1] in ("error", "warning")] == [], found
    for f in report.findings:  # every finding explains itself
        assert f.rule in RULES and f.message and f.expected and f.found
        for start, end in f.spans:
            assert 0 <= start < end <= len(case["text"])


@pytest.mark.parametrize("case", _load("negative.yaml"), ids=lambda c: c["label"])
def test_consistent_text_is_not_flagged(case: dict[str, Any], tmp_path: Path) -> None:
    report = check_text(case["text"], _reference(case, tmp_path))
    flagged = [(f.rule, f.severity, f.message) for f in report.findings
               if f.severity in ("error", "warning")]
    assert flagged == [], flagged
    assert report.checked or case.get("nothing_checked_ok"), \
        "nothing was checked: the case tests nothing"


def test_a_rule_pass_error_names_the_slip_that_explains_it() -> None:
    """The repair search behind a rule pass's error is in the evidence, as for the engine."""
    report = check_text("公司两项募资分别为5,760万元和3,270万元，合计9,930万元。")
    [finding] = [f for f in report.findings if f.rule == "parts-vs-total"]
    assert finding.severity == "error"
    assert finding.evidence["suggestion"] == "9,930万元 is likely 9,030万元"


@pytest.mark.parametrize(("written", "day", "want"), [
    ("12月9日", "2025-12-08", "12月8日"),
    ("2025年12月9日", "2025-12-08", "2025年12月8日"),
    ("12月 9 號", "2025-12-08", "12月8號"),
    ("9日", "2025-12-08", "2025-12-08"),  # a form it does not know: ISO, never a guess
])
def test_a_date_suggestion_is_written_like_the_date(written: str, day: str, want: str) -> None:
    import datetime as dt

    from factcheck.checks.dates import _written_like

    assert _written_like(written, dt.date.fromisoformat(day)) == want
