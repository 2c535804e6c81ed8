"""Third-party suites (Recognizers-Text, JioNLP) run through tests/peer_adapter.py.

The suites are read from ``shared/peer/`` beside the repository; without it these
tests skip. Each suite must pass at least ``THRESHOLD`` of its cases after the
documented exclusions (``tests/peer/exclusions.yaml``). For the full list of
failing cases run ``python benchmarks/peer_report.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import peer_adapter as pa  # noqa: E402

THRESHOLD = 0.90
PEER = pa.peer_dir()

pytestmark = pytest.mark.skipif(
    not all((PEER / f).is_file() for f in pa.SUITE_FILES.values()),
    reason=f"peer suites not found at {PEER} (the repository expects shared/ beside it)",
)


@pytest.fixture(scope="module")
def exclusion_entries() -> list[dict[str, str]]:
    return pa.load_exclusions()


@pytest.fixture(scope="module")
def suite_results(exclusion_entries) -> dict[str, pa.SuiteResult]:
    extract = pa.default_extract()
    excl = pa.exclusion_map(exclusion_entries)
    return {s: pa.run_suite(s, extract, excl) for s in pa.SUITES}


@pytest.mark.parametrize("suite", pa.SUITES)
def test_suite_loads_as_documented(suite):
    cases = pa.load_cases(suite)
    assert len(cases) == pa.DOCUMENTED_CASES[suite]
    assert len({c.id for c in cases}) == len(cases)


def test_exclusions_are_well_formed(exclusion_entries):
    ids = {s: {c.id for c in pa.load_cases(s)} for s in pa.SUITES}
    seen = set()
    problems = []
    for i, e in enumerate(exclusion_entries):
        where = f"entry {i}"
        if not isinstance(e, dict) or set(e) != {"suite", "id", "reason"}:
            problems.append(f"{where}: needs exactly suite, id, reason: {e!r}")
            continue
        if e["suite"] not in ids:
            problems.append(f"{where}: unknown suite {e['suite']!r}")
        elif e["id"] not in ids[e["suite"]]:
            problems.append(f"{where}: no case {e['id']!r} in {e['suite']}")
        key = (e["suite"], e["id"])
        if key in seen:
            problems.append(f"{where}: duplicate {key}")
        seen.add(key)
        reason = e["reason"]
        if not isinstance(reason, str) or not reason.strip() or "\n" in reason.strip():
            problems.append(f"{where}: reason must be one non-empty line")
        elif "CONTRACT" not in reason:
            problems.append(f"{where}: reason must name the CONTRACT rule it rests on")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("suite", pa.SUITES)
def test_peer_suite_pass_rate(suite, suite_results):
    res = suite_results[suite]
    scored = len(res.scored)
    assert scored > 0
    if res.rate < THRESHOLD:
        shown = "\n".join(r.explain() for r in res.failures[:40])
        more = len(res.failures) - 40
        pytest.fail(
            f"{suite}: {res.passed}/{scored} = {res.rate:.1%} < {THRESHOLD:.0%} "
            f"({res.excluded} excluded). Failing cases:\n{shown}"
            + (f"\n... and {more} more (python benchmarks/peer_report.py)" if more > 0 else ""),
            pytrace=False,
        )


def test_extract_never_raises_on_peer_inputs(suite_results):
    crashed = [
        f"{r.case.id}: {r.error}" for res in suite_results.values() for r in res.results if r.error
    ]
    assert not crashed, "extract() raised on:\n" + "\n".join(crashed)
