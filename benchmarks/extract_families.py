"""Per-family table of issue 12's extraction forms: table-driven cases and real-article gold.

For each family: the table-driven cases tagged ``family:`` in tests/cases/extract/*.yaml and
how many pass now, in Traditional and in Simplified script (the label's ``-trad``/``-simp``
suffix, else whether folding changes the text); and the gold mentions of the real-article
dev split that belong to the family (by the form of their text, ``GOLD_FORMS``) and how many
the extractor matches. Deterministic, a few seconds::

    python benchmarks/extract_families.py
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "benchmarks" / "realworld"))

import gold as goldlib  # noqa: E402

from factcheck import extract  # noqa: E402
from factcheck.gloss import GLOSS  # noqa: E402
from factcheck.scoring import score  # noqa: E402
from factcheck.textfold import fold  # noqa: E402

CASES = ROOT / "tests" / "cases" / "extract"
REAL = ROOT / "benchmarks" / "realworld"

# issue 12's Build list, then the families added since (order of the table)
FAMILIES = (
    "decimal_marks", "chinese_numeral_decimals", "roc_dates", "month_ends_and_period_words",
    "rate_step_ma", "physical_units", "index_points", "vague_magnitudes", "issuer_currency",
    "names_not_figures", "day_only_dates",
    "weekday_dates", "relative_month_days", "streaks_and_day_counts", "lone_numerals",
    "counted_collectives", "bare_magnitudes", "price_and_elliptic_units",
    "split_and_ranged_years", "ranges", "tens_characters", "colloquial_and_digit_strings",
    "named_ratios", "ruby_glosses", "percent_words", "share_capital_multiples",
    "compound_durations", "regional_currencies", "table_column_units",
)
Gold = dict[str, Any]
_CN = "〇零一二三四五六七八九十百千两兩"
# a gold mention belongs to a family when its text (and kind) has the family's form
GOLD_FORMS: dict[str, Callable[[Gold, str], bool]] = {
    "decimal_marks": lambda g, t: bool(re.search(r"[0-9][﹒．·‧・][0-9]", g["text"])),
    "chinese_numeral_decimals": lambda g, t: bool(re.search(f"[{_CN}][．.点點][{_CN}]", g["text"])),
    "roc_dates": lambda g, t: g["kind"] in ("date", "period", "year")
    and bool(re.match(r"(?:民國)?1[01][0-9](?:年|/|[01][0-9][0-3][0-9]$)"
                      r"|[（(]\s?(?:1[01][0-9]|20[0-9]{2})\s?[)）]\s?年", g["text"])),
    "month_ends_and_period_words": lambda g, t: bool(re.search(
        r"月[底末杪尾初]|[上中下]旬|[首次末前][一二三四1-4]?季|^[一二三四]季|元月"
        r"|[0-9]月至(?:[0-9]{4}|今)年", g["text"])),  # 去年11月至今年1月: a rolling quarter
    "rate_step_ma": lambda g, t: "碼" in g["text"] or "码" in g["text"],
    "physical_units": lambda g, t: bool(re.search(
        r"兆瓦|千瓦|GWh|MWh|[GMk]W|萬噸|万吨|萬頭|万头|公噸|噸|吨", g["text"])),
    "index_points": lambda g, t: bool(re.search(r"[點点]$", g["text"])),
    "vague_magnitudes": lambda g, t: bool(re.search(r"位數|位数|周多|週多|[幾几]", g["text"])),
    "issuer_currency": lambda g, t: g["kind"] == "money" and (
        (t in ("hk", "tw") and g.get("unit") == "CNY") or (t == "hk" and "元" in g["text"]
                                                           and g.get("unit") == "HKD")),
    "day_only_dates": lambda g, t: g["kind"] == "date"
    and bool(re.fullmatch(r"[（(]?[0-9]{1,2}[）)]?\s?[日號号]", g["text"])),
    "weekday_dates": lambda g, t: bool(re.fullmatch(r"[上下本]?(?:周|週|星期|禮拜|礼拜).",
                                                    g["text"])),
    "relative_month_days": lambda g, t: bool(re.match(
        r"[本上下次當当同][個个]?月|[（(][0-9]{1,2}[)）]月", g["text"])),
    "streaks_and_day_counts": lambda g, t: g["kind"] == "duration" and g.get("unit") == "day",
    "lone_numerals": lambda g, t: g["text"][:1] == "一" and g["kind"] in ("count", "duration"),
    "counted_collectives": lambda g, t: g["kind"] == "count"
    and bool(re.fullmatch(f"[{_CN}](?:大.{{1,2}}|地|都|小龍|小龙|巨頭|巨头|方面|[区區]|段)",
                          g["text"])),
    "bare_magnitudes": lambda g, t: bool(re.match(r"[過过超逾破]?(?:萬億|万亿|千億|千亿|百億|百亿)",
                                                  g["text"])),
    "price_and_elliptic_units": lambda g, t: g["kind"] in ("money", "percent")
    and bool(re.fullmatch(r"[0-9.,]+|.+[0-9一二三四五六七八九十][角分]", g["text"])),
    "split_and_ranged_years": lambda g, t: bool(re.search(r"[0-9]{2}/[0-9]{2,4}|年度", g["text"])),
    "ranges": lambda g, t: g.get("qualifier") == "range",
    "tens_characters": lambda g, t: bool(re.search("[廿卅卌]", g["text"])),
    "named_ratios": lambda g, t: g["kind"] == "multiple"
    and bool(re.fullmatch(r"[0-9.]+", g["text"])),
    "ruby_glosses": lambda g, t: bool(GLOSS.search(g["text"])),
    "percent_words": lambda g, t: bool(re.search(r"巴仙|[0-9一二三四五六七八九十]趴", g["text"])),
    "table_column_units": lambda g, t: g["kind"] in ("money", "percent")
    and bool(re.fullmatch(r"[0-9.,]+", g["text"])) and t == "cn",
    "regional_currencies": lambda g, t: g["kind"] == "money" and g.get("unit") in (
        "IDR", "PHP", "MXN", "ARS", "NZD", "TRY", "BRL", "ZAR", "SAR", "AED", "SEK", "NOK",
        "DKK", "MMK", "PKR", "BND", "KHR", "LAK", "BDT", "EGP"),
    "compound_durations": lambda g, t: g["kind"] == "duration"
    and bool(re.search(r"[年时時天周週][零又]?.+(?:月|分|小时|小時|天|日)$", g["text"])),
    "share_capital_multiples": lambda g, t: g["kind"] == "multiple" and "股本" in g["text"],
    "colloquial_and_digit_strings": lambda g, t: bool(re.search(
        r"[0-9][萬万千][0-9](?![0-9])|[〇○零一二三四五六七八九]{3}", g["text"])),
}


def _checker() -> Callable[[dict[str, Any]], None]:
    """The table-driven test's own case checker (tests/test_extract_cases.py)."""
    path = ROOT / "tests" / "test_extract_cases.py"
    spec = importlib.util.spec_from_file_location("_cases", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module._check_case  # type: ignore[no-any-return]


def script_of(case: dict[str, Any]) -> str:
    """``trad`` or ``simp``: the label's suffix, else whether folding changes the text."""
    label = case["label"]
    if label.endswith(("-trad", "-simp")):
        return label[-4:]
    return "trad" if fold(case["text"]) != case["text"] else "simp"


def case_table() -> dict[str, dict[str, list[int]]]:
    """family -> script -> [cases, passing]."""
    check = _checker()
    table: dict[str, dict[str, list[int]]] = {f: {"trad": [0, 0], "simp": [0, 0]} for f in FAMILIES}
    for path in sorted(CASES.glob("*.yaml")):
        if path.name == "known_failures.yaml":
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            family = case.get("family")
            if family is None:
                continue
            cell = table.setdefault(family, {"trad": [0, 0], "simp": [0, 0]})[script_of(case)]
            cell[0] += 1
            try:
                check(case)
            except AssertionError:
                continue
            cell[1] += 1
    return table


def gold_table(split: str = "dev") -> dict[str, list[int]]:
    """family -> [gold mentions on the split, matched]; names_not_figures counts traps
    (and how many the extractor leaves alone)."""
    with (REAL / "split.csv").open(encoding="utf-8") as fh:
        ids = sorted(r["id"] for r in csv.DictReader(fh) if r["split"] == split)
    table = {f: [0, 0] for f in FAMILIES}
    for doc_id in ids:
        gold = goldlib.load(REAL / "gold" / f"{doc_id}.yaml")
        if gold.mentions is None:
            continue
        meta = REAL / "manifest" / f"{doc_id}.json"  # the publication date, as --date gives it
        date = json.loads(meta.read_text(encoding="utf-8")).get("date") if meta.exists() else None
        published = dt.date.fromisoformat(date) if date else None
        pred = [m.as_json() for m in extract(gold.text, published)]
        missed = {id(g) for g in score(pred, gold.mentions).missed}
        region = doc_id.split("-")[0]
        for g in gold.mentions:
            for family, form in GOLD_FORMS.items():
                if form(g, region):
                    table[family][0] += 1
                    table[family][1] += id(g) not in missed
        for trap in gold.traps:
            hit = any(p["start"] < trap["end"] and trap["start"] < p["end"] for p in pred)
            table["names_not_figures"][0] += 1
            table["names_not_figures"][1] += not hit
    return table


def main() -> int:
    cases, gold = case_table(), gold_table()
    print(f"{'family':30} {'trad pass/cases':>16} {'simp pass/cases':>16} {'dev gold matched':>17}")
    for family in cases:
        t, s = cases[family]["trad"], cases[family]["simp"]
        g = gold.get(family, [0, 0])
        note = " (traps left alone)" if family == "names_not_figures" else ""
        print(f"{family:30} {t[1]:>7}/{t[0]:<8} {s[1]:>7}/{s[0]:<8} {g[1]:>8}/{g[0]:<8}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
