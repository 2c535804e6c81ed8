"""The seed end to end through the console script: the two known errors are found, the
relations that hold are checked and not flagged, and the JSON follows the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "check-report.schema.json").read_text(encoding="utf-8"))


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True,
                          cwd=ROOT, timeout=300)


def test_seed_check_json() -> None:
    proc = _run("check", "seeds/", "--format", "json")
    assert proc.returncode == 1, proc.stderr  # errors found -> exit 1
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    (doc,) = report["documents"]
    text = (ROOT / doc["doc"]).read_text(encoding="utf-8")
    errors = [(f["rule"], text[f["spans"][0][0]:f["spans"][0][1]]) for f in doc["findings"]
              if f["severity"] == "error"]
    assert ("fused-year", "20300億美元") in errors
    assert ("weekday-mismatch", "周一") in errors
    assert len(errors) == 2, errors  # nothing else in the seed is an error
    assert report["summary"]["errors"] == 2
    # the reference closes (道指跌0.45% …) are the 12-08 session's: the date is the wrong one
    (weekday,) = [f for f in doc["findings"] if f["rule"] == "weekday-mismatch"]
    assert "match the reference rows for 2025-12-08" in weekday["message"]
    assert "the date is the likelier error" in weekday["message"]
    # ... so the date, not the weekday, is what the finding expects to change
    assert (weekday["expected"], weekday["found"]) == ("12月8日", "12月9日")
    assert weekday["evidence"]["suggestion"] == "12月9日 is likely 12月8日"


def test_seed_relations_that_hold_are_checked_without_errors() -> None:
    from factcheck.checks import check_text

    text = next((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    report = check_text(text)
    checked = {report.text[m.start:m.end] for m in report.mentions if m.start in report.checked}
    for figure in ("62%", "350.82 億美元", "65%", "193.09 億美元", "5 萬份", "500 萬股",
                   "約合人民幣5517億元", "73%", "27%"):
        assert figure in checked, f"{figure} was not checked"
    flagged = {report.text[f.spans[0][0]:f.spans[0][1]] for f in report.findings}
    assert not flagged & {"62%", "65%", "500 萬股", "約合人民幣5517億元", "73%"}


def test_malformed_reference_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("entity,metric,period,value,unit,source\nX,revenue,2025Q9,12,USD,s\n",
                   encoding="utf-8")
    proc = _run("check", "seeds/", "--reference", str(bad))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert f"{bad}:2" in err and "period" in err and "Traceback" not in err
    missing = tmp_path / "missing.csv"
    missing.write_text("entity,metric,value\nX,revenue,1\n", encoding="utf-8")
    proc = _run("check", "seeds/", "--reference", str(missing))
    assert proc.returncode == 2 and f"{missing}:1" in proc.stderr.decode("utf-8")


def test_clean_text_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text("公司前三季度营收128.6亿元，较上年同期的102.4亿元增长25.6%。", encoding="utf-8")
    proc = _run("check", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout)["summary"]["errors"] == 0
