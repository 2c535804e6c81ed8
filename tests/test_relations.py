"""Every declared relation as data: a broken case gives that finding (and no other error),
the consistent twin stays silent and is checked. Cases: ``tests/cases/relations/*.yaml``,
Traditional and Simplified for each relation.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.checks import RULES, check_text
from factcheck.gloss import strip_glosses
from factcheck.lexicon import LEXICON_DIR
from factcheck.reference import load_reference
from factcheck.relations import Document, evaluate

CASES = Path(__file__).parent / "cases" / "relations"


KNOWN = "known_failures.yaml"


def _cases() -> list[dict[str, Any]]:
    out = []
    for path in sorted(p for p in CASES.glob("*.yaml") if p.name != KNOWN):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append({**case, "file": path.name})
    return out


ALL = _cases()


@pytest.fixture(scope="module")
def reference() -> Any:
    return load_reference()


@pytest.mark.parametrize("case", ALL, ids=[c["label"] for c in ALL])
def test_relation_case(case: dict[str, Any], reference: Any) -> None:
    text = case["text"]
    report = check_text(text, reference)
    found = [(f.rule, f.severity, text[f.spans[0][0]:f.spans[0][1]], f) for f in report.findings
             if f.severity in ("error", "warning")]
    want = case.get("expect")
    if want is None:
        assert found == [], [f[3].message for f in found]
        assert report.checked or case.get("nothing_checked_ok"), \
            "the consistent case must be checked, not skipped"
        for figure in case.get("checked") or []:  # the figures the relation must bind
            assert text.index(figure) in report.checked, f"{figure} is not checked"
        return
    hits = [f for f in found if f[0] == want["rule"] and f[2] == want["at"]
            and f[1] == want.get("severity", f[1])]
    assert hits, f"missing {want}; got {[(r, s, a, f.message) for r, s, a, f in found]}"
    assert [f for f in found if f[1] == "error" and f not in hits] == [], found
    if "suggestion" in want:
        assert hits[0][3].evidence.get("suggestion") == want["suggestion"], hits[0][3].evidence
    for f in report.findings:
        assert f.rule in RULES and f.message and f.expected and f.found


def test_every_relation_row_has_cases_in_both_scripts() -> None:
    """A relation row without a broken and a consistent case in each script is untested."""
    with (LEXICON_DIR / "relations.csv").open(encoding="utf-8") as fh:
        rules = {r["rule"] for r in csv.DictReader(fh)}
    for rule in rules:
        broken = [c for c in ALL if (c.get("expect") or {}).get("rule") == rule]
        assert any(c["label"].endswith("-trad") for c in broken) or \
            any("-trad" in c["label"] for c in broken), f"{rule}: no Traditional case"
        assert any("-simp" in c["label"] for c in broken), f"{rule}: no Simplified case"


@pytest.mark.parametrize("case", [c for c in ALL if "expect" in c],
                         ids=[c["label"] for c in ALL if "expect" in c])
def test_finding_replays_from_its_evidence(case: dict[str, Any], reference: Any) -> None:
    """An engine finding's verdict is recomputed from its figures: the relation it names
    fails on the stated intervals, so the finding is not an artefact of the report (read, as
    the engine reads it, without a mirror's pinyin glosses)."""
    glossed = strip_glosses(case["text"])
    text = glossed[0] if glossed else case["text"]
    report = check_text(text, reference)
    outs = evaluate(text, report.mentions, report.claims, Document.of(text))
    flagged = [f for f in report.findings if "relation" in f.evidence]
    for f in flagged:
        spans = {tuple(s) for s in f.spans}
        same = [o for o in outs if o.row.name == f.evidence["relation"]
                and {(x.mention.start, x.mention.end) for x in o.roles.values()} == spans]
        assert same and all(not o.holds and o.severity == f.severity for o in same), f.message


def test_show_ok_lists_confirmed_relations_with_their_arithmetic(reference: Any) -> None:
    text = "營收570.06億美元，較上年同期的350.82億美元增長62%。收報3325.11點，跌8.05點，跌幅0.24%。"
    confirmed = check_text(text, reference).confirmed
    assert [c["relation"] for c in confirmed] == ["growth", "implied_base"]
    assert confirmed[0]["arithmetic"] == "62% = (570.06億美元 / 350.82億美元 - 1) × 100"


def test_filler_stripping_reads_only_the_tail() -> None:
    """strip_filler is FILLER on the tail: the same result, whatever precedes the tail
    (FILLER alone is quadratic on a long clause; see tests/test_regex_safety.py)."""
    from factcheck.relations.frames import FILLER, strip_filler

    assert strip_filler("营收约为") == FILLER.sub("", "营收约为") == "营收"
    assert strip_filler("，" * 20000 + "营收分别约为") == "，" * 20000 + "营收"


KNOWN_FAILURES = yaml.safe_load((CASES / KNOWN).read_text(encoding="utf-8")) or []


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.xfail(
    strict=True, reason=c["why"])) for c in KNOWN_FAILURES],
    ids=[c["label"] for c in KNOWN_FAILURES])
def test_known_failure(case: dict[str, Any], reference: Any) -> None:
    """A relation the engine should bind and does not yet: the finding it should raise."""
    text = case["text"]
    want = case["expect"]
    found = [(f.rule, text[f.spans[0][0]:f.spans[0][1]])
             for f in check_text(text, reference).findings if f.severity in ("error", "warning")]
    assert (want["rule"], want["at"]) in found, found


def _move_cues() -> list[tuple[str, int]]:
    from factcheck.lexicon import role_cues

    return [(cue, direction) for applies in ("any", "percent")
            for cue, role, direction in role_cues().get(applies, [])
            if role == "move" and direction]


@pytest.mark.parametrize("script", ["simp", "trad"])
@pytest.mark.parametrize(("cue", "direction"), _move_cues(),
                         ids=[c for c, _ in _move_cues()])
def test_every_move_cue_binds_a_growth(cue: str, direction: int, script: str,
                                       reference: Any) -> None:
    """Each move row of lexicon/roles.csv, in both scripts: a rate after it is bound to the
    level and base of its sentence — flagged when it is off, silent when it holds."""
    import opencc

    if direction > 0:
        wrong, right = (f"营收100亿元，较上年同期的80亿元{cue}{r}%。" for r in (35, 25))
    else:
        wrong, right = (f"营收80亿元，较上年同期的100亿元{cue}{r}%。" for r in (30, 20))
    if script == "trad":
        s2t = opencc.OpenCC("s2t")
        wrong, right = s2t.convert(wrong), s2t.convert(right)
    assert any(f.rule == "growth-vs-levels" for f in check_text(wrong, reference).findings)
    assert not [f for f in check_text(right, reference).findings
                if f.severity in ("error", "warning")]


@pytest.mark.parametrize(("roles", "want"), [
    ({"whole": "36.61万辆", "p0": "25.77万辆", "p1": "24.31万辆"},
     "25.77万辆 + 24.31万辆 named after 其中 exceeds its whole 36.61万辆"),
    ({"whole": "36.61萬輛", "part": "25.77萬輛"},
     "25.77萬輛 named after 其中 exceeds its whole 36.61萬輛"),
])
def test_a_message_names_summed_parts(roles: dict[str, str], want: str) -> None:
    """A row written for one {part} also speaks for parts summed by relations.common.summed
    (p0 + p1 …): a binding's roles never break its message (a KeyError on a real article)."""
    from factcheck.checks.engine import _Texts

    assert "{part} named after 其中 exceeds its whole {whole}".format_map(_Texts(roles)) == want


@pytest.mark.parametrize(("before", "metric"), [
    # a results table pasted from a PDF: the label spaced out character by character
    ("發 行 股 數3,081,690,283 股\n每 股 溢 利", "每股溢利"),
    ("发 行 股 数3,081,690,283 股\n每 股 溢 利", "每股溢利"),
    # the label before a colon names the figure after it
    ("每 股 股 息 中期: ", "每股股息中期"),
    ("每股股息\n末期：", "末期"),
    ("全年營收", "全年营收"),
])
def test_a_figures_metric_from_spaced_and_colon_labels(before: str, metric: str) -> None:
    from factcheck.relations.frames import _metric
    from factcheck.textfold import fold

    assert _metric(fold(before)) == metric
