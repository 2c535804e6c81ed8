"""Findings in the article's script (factcheck.i18n): every rule's broken cases of
tests/cases localized in both scripts, the templates themselves, format_like, script_of and
next_step."""

from __future__ import annotations

import csv
import re
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

import opencc
import pytest
import yaml

from factcheck.checks import RULES, Finding, check_text
from factcheck.i18n import (
    CASES,
    case_of,
    format_like,
    localize,
    next_step,
    script_of,
    templates,
    to_script,
)
from factcheck.lexicon import LEXICON_DIR
from factcheck.reference import Reference, load_reference

CASES_DIR = Path(__file__).parent / "cases"
SEED = Path(__file__).parents[1] / "seeds" / "000_a2aa5eefec4fdd3f.txt"
T2S, S2HK = opencc.OpenCC("t2s"), opencc.OpenCC("s2hk")
LANGS = ("zh-Hans", "zh-Hant")


def _broken_cases() -> list[dict[str, Any]]:
    """Every case that expects a finding, one entry per expected finding."""
    out = []
    for path in sorted((CASES_DIR / "check").glob("*.yaml")) + sorted(
            p for p in (CASES_DIR / "relations").glob("*.yaml") if p.name != "known_failures.yaml"):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            wants = case.get("expect") or []
            for want in [wants] if isinstance(wants, dict) else wants:
                out.append({"label": case["label"], "text": case["text"], "rule": want["rule"],
                            "at": want["at"], "reference": case.get("reference"),
                            "stage": path.parent.name})
    return out


BROKEN = _broken_cases()


@pytest.fixture(scope="module")
def bundled() -> Reference:
    return load_reference()


def _finding(case: dict[str, Any], bundled: Reference, tmp_path: Path) -> Finding:
    """The case's expected finding, checked as its own test file checks it."""
    reference = bundled
    if case["stage"] == "check":  # check cases carry their own rows, or none
        reference = Reference()
        if case["reference"]:
            (tmp_path / "ref.csv").write_text(case["reference"], encoding="utf-8")
            reference = load_reference([tmp_path / "ref.csv"], bundled=False)
    text = case["text"]
    hits = [f for f in check_text(text, reference).findings
            if f.rule == case["rule"] and text[f.spans[0][0]:f.spans[0][1]] == case["at"]]
    assert hits, f"{case['label']}: the case no longer gives {case['rule']} at {case['at']}"
    return hits[0]


def _wrong_script(ch: str, lang: str) -> bool:
    """A Traditional-only character in Simplified, or a Simplified-only one in Traditional."""
    if lang == "zh-Hans":
        return T2S.convert(ch) != ch
    return T2S.convert(ch) == ch and S2HK.convert(ch) != ch


def test_every_rule_has_a_broken_case() -> None:
    # the source rules need a source document: tests/test_sources.py localizes them
    rules = {r for r in RULES if not r.startswith("source-")}
    assert rules <= {c["rule"] for c in BROKEN}, rules - {c["rule"] for c in BROKEN}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", BROKEN, ids=[f"{c['label']}-{c['rule']}" for c in BROKEN])
def test_localized_finding(case: dict[str, Any], lang: str, bundled: Reference,
                           tmp_path: Path) -> None:
    finding = _finding(case, bundled, tmp_path)
    text = case["text"]
    message = localize(finding, text, lang)
    assert case["at"] in message, message  # the figure as written, even in the other script
    figures = sorted({text[a:b] for a, b in finding.spans} | {m.text for m in finding.mentions},
                     key=len, reverse=True)
    rest = message
    for figure in figures:
        rest = rest.replace(figure, "")
    assert not re.search(r"[A-Za-z]", rest), message  # no English words or codes
    longest = max([4, *map(len, re.findall(r"\d+", text))])  # 2026年, 100%: no 116390000000
    assert max(map(len, re.findall(r"\d+", message)), default=0) <= longest, message
    # opencc round trip: the characters the message adds are in lang's script; in the
    # article's own script a character the article itself uses (周 in a Hong Kong text) is its
    own = set(text) if script_of(text) == lang else set()
    wrong = [ch for ch in rest if "\u3400" <= ch <= "\u9fff" and ch not in own
             and _wrong_script(ch, lang)]
    assert wrong == [], message
    assert len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 4, message  # reads as Chinese
    assert localize(finding, text, "en") == finding.message


@pytest.mark.parametrize(("text", "rule", "lang", "want"), [
    ("净利润为8.2亿元，较上年同期的10.5亿元下降12%。", "growth-vs-levels", "zh-Hans",
     "12%与8.2亿元、10.5亿元不符：按两数计算应为约22%"),  # 下降: the size of the fall, not -22%
    ("该基金持有2万张期权合约，每张合约对应100股，即共计300万股。", "product", "zh-Hant",
     "300万股不等於2万张乘以100股：應為200萬股"),  # computed value in lang, figures as written
    ("共165個交易日，總成交金額60兆1,094.55億元，日平均成交金額3,463.00億元。", "per-unit",
     "zh-Hant", "3,463.00億元不是60兆1,094.55億元除以165個交易日的平均值：應為3,643.00億元"),
    ("台股2025年12月3日（週四）收盤上漲。", "weekday-mismatch", "zh-Hans",
     "週四与2025年12月3日不符：2025年12月3日是周三"),
])
def test_localized_message(text: str, rule: str, lang: str, want: str) -> None:
    assert localize(_only(text, rule), text, lang) == want


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_has_a_generic_template_naming_the_figure(rule: str) -> None:
    row = templates()[(rule, "generic")]
    for lang in LANGS:
        assert "{figure}" in row[lang]
        assert {f for _, f, _, _ in string.Formatter().parse(row[lang]) if f} <= \
            {"figure", "others"}  # fillable for any finding of the rule


def test_every_relation_and_every_rule_pass_case_has_a_template() -> None:
    with (LEXICON_DIR / "relations.csv").open(encoding="utf-8") as fh:
        relations = {(r["rule"], r["name"]) for r in csv.DictReader(fh)}
    cases = {(rule, case) for rule, pairs in CASES.items() for case, _ in pairs}
    assert relations | cases <= set(templates()), (relations | cases) - set(templates())


@pytest.mark.parametrize("key", sorted(templates()), ids=lambda k: "/".join(k))
def test_template_scripts(key: tuple[str, str]) -> None:
    """Same placeholders in both scripts; Simplified is unchanged by t2s; Traditional comes
    back unchanged from t2s and s2tw (real usage written by hand survives the round trip)."""
    row = templates()[key]
    hans, hant = row["zh-Hans"], row["zh-Hant"]

    def fields(s: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(s) if f}

    assert fields(hans) == fields(hant)
    assert T2S.convert(hans) == hans
    assert to_script(T2S.convert(hant), "zh-Hant") == hant
    assert key[0] in RULES or key[0] == "*"


def test_traditional_templates_use_regional_wording() -> None:
    hant = " ".join(t["zh-Hant"] for t in templates().values())
    for word in ("營收", "成長", "佔", "幣別"):  # not 营收 -> 營收 alone: words s2t would not pick
        assert word in hant


@pytest.mark.parametrize(("value", "written", "want"), [
    (116390000000, "1,163.9億美元", "1,163.9億美元"),
    (Decimal("57006000000"), "570.06亿美元", "570.06亿美元"),
    (Decimal("61234e8"), "5兆9,926億元", "6兆1,234億元"),
    (Decimal("3.6e12") + Decimal("1094.55e8"), "60兆1,094.55億元", "3兆7,094.55億元"),
    (Decimal("147520000"), "3亿7739万令吉", "1亿4752万令吉"),
    (Decimal("62.4935"), "62%", "62%"),
    (Decimal("0.375"), "0.83%", "0.38%"),
    (Decimal("-0.45"), "0.65%", "-0.45%"),
    (Decimal("17.57"), "32.42％", "17.57％"),
    (Decimal("2.48"), "4.48個百分點", "2.48個百分點"),
    (Decimal("9240000"), "约924亿台", "924万台"),  # 0.0924亿 reads as 万
    (Decimal("5.7006e10"), "570.06 萬美元", "570.06 億美元"),  # a 万/亿 slip: up a rung
    (Decimal("1.2e12"), "8000亿元", "12000亿元"),  # a larger value keeps the word
    (Decimal("5000000"), "5000 萬股", "500 萬股"),
    (Decimal("5000000"), "100 股", "5,000,000 股"),
    (Decimal("1.5e10"), "約合人民幣6517億元", "人民幣150億元"),
    (Decimal("5.36e10"), "720億至760億美元左右", "536億美元"),
    (Decimal("1e11"), "千億元", "1000億元"),
    (Decimal("5.9"), "百分之九", "6%"),
    (Decimal("12"), "３４％", "１２％"),
    (Decimal("364299727272.73"), "3,463.00億元", "3,643.00億元"),
    ("周二", "周一", "周二"),  # already written: passes through
])
def test_format_like(value: Any, written: str, want: str) -> None:
    assert format_like(value, written) == want


@pytest.mark.parametrize(("text", "want"), [
    ("營收570.06億美元，較上年同期增長62%。", "zh-Hant"),
    ("营收570.06亿美元，较上年同期增长62%。", "zh-Hans"),
    ("台股上漲", "zh-Hant"),  # 台 is in both scripts; 漲 decides
    ("台股上涨", "zh-Hans"),
    ("美東時間12月9日，博通股價周一盤中大漲", "zh-Hant"),  # 周 in a Traditional text
    ("Revenue rose 62% to $57bn.", "zh-Hans"),  # no Chinese: no evidence, Simplified
    ("", "zh-Hans"),
])
def test_script_of(text: str, want: str) -> None:
    assert script_of(text) == want


def test_script_of_the_seed_is_traditional() -> None:
    assert script_of(SEED.read_text(encoding="utf-8")) == "zh-Hant"


def test_the_simplified_only_table_is_opencc_s() -> None:
    """lexicon/hans_only.txt spares every report OpenCC's s2hk; it must say what s2hk says
    (exactly for the OpenCC that wrote it, nearly for another release)."""
    import importlib.metadata

    from factcheck.i18n import _hans_only, hans_only_from_opencc

    table = _hans_only()
    computed = set(hans_only_from_opencc())
    header = (LEXICON_DIR / "hans_only.txt").read_text(encoding="utf-8").splitlines()[0]
    if f"OpenCC {importlib.metadata.version('opencc')})" in header:
        assert table == computed
    else:
        assert len(table ^ computed) <= len(table) // 100
    assert "们" in table and "亿" in table and "台" not in table and "億" not in table


def _only(text: str, rule: str, reference: Reference | None = None) -> Finding:
    [finding] = [f for f in check_text(text, reference or Reference()).findings if f.rule == rule]
    return finding


def test_next_step_checks_the_date_when_the_date_is_the_likelier_error() -> None:
    text = SEED.read_text(encoding="utf-8")
    finding = _only(text, "weekday-mismatch", load_reference())
    assert text[slice(*finding.spans[0])] == "周一"
    assert next_step(finding, text, "zh-Hant") == "核對日期：12月9日是否應為 12月8日？"
    assert next_step(finding, text, "zh-Hans") == "核对日期：12月9日是否应为 12月8日？"
    assert next_step(finding, text, "en") == "Check the date: should 12月9日 be 12月8日?"
    message = localize(finding, text, "zh-Hant")
    assert case_of(finding) == "date_likelier" and "應是日期寫錯" in message
    assert "12月9日是周二" in message  # the weekday written as the article writes it


@pytest.mark.parametrize(("text", "rule", "lang", "want"), [
    ("2025年12月9日（周一），沪深两市成交额1.2万亿元。", "weekday-mismatch", "zh-Hans",
     "若日期无误，改为 周二？"),  # no reference row decides: the weekday, if the date holds
    ("台股2025年12月3日（週四）收盤上漲。", "weekday-mismatch", "zh-Hant",
     "若日期無誤，改為 週三？"),
    ("公司前三季度实现营业收入128.6亿元，较上年同期的102.4亿元增长35.6%。", "growth-vs-levels",
     "zh-Hans", "改为 25.6%？"),
    ("營收為570.06 萬美元，較上年同期的350.82 億美元增長62%。", "growth-vs-levels", "zh-Hant",
     "將 570.06 萬美元 改為 570.06 億美元？"),  # the slip is in another figure
    ("營收為570.06 萬美元，較上年同期的350.82 億美元增長62%。", "growth-vs-levels", "zh-Hans",
     "将 570.06 萬美元 改为 570.06 亿美元？"),  # quoted as written, the fix in lang
    ("營收為570.06 萬美元，較上年同期的350.82 億美元增長62%。", "growth-vs-levels", "en",
     "Change 570.06 萬美元 to 570.06 億美元?"),
    ("机构预计，全球AI推理市场规模2025年约为1060亿美元，到20301500亿美元。", "fused-year",
     "zh-Hans", "拆为“2030年”与“1500亿美元”？"),
    ("據他說，中國目前的AI晶片市場規模約為500億美元，到20300億美元。", "fused-year", "zh-Hant",
     "補回2030年之後的金額？"),
    ("营收为108亿元，较上年同期的100亿元增长10%。", "growth-vs-levels", "zh-Hans", None),
])
def test_next_step(text: str, rule: str, lang: str, want: str | None) -> None:
    assert next_step(_only(text, rule), text, lang) == want


def test_next_step_for_a_currency_slip_names_the_currency() -> None:
    case = next(c for c in BROKEN if c["rule"] == "currency-slip" and "-trad" in c["label"])
    finding = _only(case["text"], "currency-slip")
    assert next_step(finding, case["text"], "zh-Hant") == f"改為 {case['at'][:-1]}美元？"
    assert "新台幣" in localize(finding, case["text"], "zh-Hant")


def test_next_step_for_a_sign_slip_and_without_a_fix() -> None:
    finding = Finding("change-vs-levels", "error", [(0, 4)], "...", "", "30亿元",
                      evidence={"relation": "change", "suggestion": "30亿元 likely goes the "
                                                                    "other way"})
    assert next_step(finding, "30亿元", "zh-Hans") == "30亿元的方向是否应相反？"
    assert next_step(Finding("threshold", "warning", [(0, 4)], "...", "", ""), "30亿元",
                     "zh-Hant") is None


def test_a_case_without_its_values_falls_back_to_the_rules_generic_template() -> None:
    """A relation the table does not know yet, and a known one whose roles cannot be read
    back (its English wording changed), both still read as Chinese and name the figure."""
    text = "营收为120亿元，较上年同期的100亿元增长30%。"
    spans = [(text.index("30%"), text.index("30%") + 3), (3, 8)]
    new = Finding("growth-vs-levels", "error", spans, "30% is off", "20", "30%",
                  evidence={"relation": "growth_by_new_binder"})
    changed = Finding("growth-vs-levels", "error", spans, "30% is off", "20", "30%",
                      evidence={"relation": "growth", "formula": "rate = level"})
    for finding in (new, changed):
        assert localize(finding, text, "zh-Hans") == "30%与相关数字（120亿元）推算的增幅不符"


def test_unknown_language_is_an_error() -> None:
    text = "营收为120亿元，较上年同期的100亿元增长30%。"
    with pytest.raises(ValueError):
        localize(_only(text, "growth-vs-levels"), text, "ja")
