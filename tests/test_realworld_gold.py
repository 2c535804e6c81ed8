"""The real-article gold library: figure precision, interval equations, verified slips.

The benchmark's numbers are only as good as this arithmetic, so it is tested as data: each
case names the figures, the relation and whether it holds within the stated precision.
Every gold file of the corpus must also validate (relations hold, real errors fail).
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parents[1] / "benchmarks" / "realworld"
sys.path.insert(0, str(HERE))

import gold as goldlib  # noqa: E402

F = goldlib._figure  # the parser under test


def _figs(text: str, raw: dict[str, dict]) -> dict[str, goldlib.Figure]:
    return {k: F(k, v, text, "case") for k, v in raw.items()}


STEP_CASES = [
    ("570.06億美元", "57006000000", None, Decimal("1000000")),
    ("62%", "62", None, Decimal("1")),
    ("１２.５％", "12.5", None, Decimal("0.1")),            # full-width digits
    ("15﹒6元", "15.6", None, Decimal("0.1")),              # Hong Kong small full stop
    ("3,367.6億元", "336760000000", None, Decimal("10000000")),
    ("三十四．一％", "34.1", "0.1", Decimal("0.1")),         # Chinese numerals: step given
]


@pytest.mark.parametrize(("text", "value", "step", "expected"), STEP_CASES)
def test_step_from_last_written_digit(text: str, value: str, step: str | None,
                                      expected: Decimal) -> None:
    raw = {"text": text, "value": value, "unit": "x"}
    if step:
        raw["step"] = step
    assert F("F1", raw, f"句子{text}。", "case").step == expected


@pytest.mark.parametrize(("text", "value"), [("62%", "6.3"), ("570.06億美元", "57000000000"),
                                              ("三十四．一％", "34.1")])
def test_a_value_that_is_not_the_written_number_is_rejected(text: str, value: str) -> None:
    """A value off by a non-power of ten (or a Chinese numeral without step) is a gold slip."""
    with pytest.raises(goldlib.GoldError):
        F("F1", {"text": text, "value": value}, text, "case")


RELATION_CASES = [
    # label, text, figures, expr, holds
    ("growth-rounded", "營收1,163.9億美元，年增62%，去年718.4億美元",
     {"F1": {"text": "1,163.9億美元", "value": "116390000000"},
      "F2": {"text": "62%", "value": "62", "unit": "%"},
      "F3": {"text": "718.4億美元", "value": "71840000000"}},
     "F2 = (F1 / F3 - 1) * 100", True),
    ("growth-wrong-base", "營收1,163.9億美元，年增62%，去年818.4億美元",
     {"F1": {"text": "1,163.9億美元", "value": "116390000000"},
      "F2": {"text": "62%", "value": "62"},
      "F3": {"text": "818.4億美元", "value": "81840000000"}},
     "F2 = (F1 / F3 - 1) * 100", False),
    ("decline", "出口由100億下降2.7%至97.3億",
     {"F1": {"text": "2.7%", "value": "2.7"}, "F2": {"text": "97.3億", "value": "9730000000"},
      "F3": {"text": "100億", "value": "10000000000"}},
     "F1 = (1 - F2 / F3) * 100", True),
    ("sum", "甲3.4、乙5.5、合計8.9",
     {"F1": {"text": "3.4", "value": "3.4"}, "F2": {"text": "5.5", "value": "5.5"},
      "F3": {"text": "8.9", "value": "8.9"}}, "F3 = F1 + F2", True),
    ("sum-off-by-one", "甲3.4、乙5.5、合計9.9",
     {"F1": {"text": "3.4", "value": "3.4"}, "F2": {"text": "5.5", "value": "5.5"},
      "F3": {"text": "9.9", "value": "9.9"}}, "F3 = F1 + F2", False),
    ("sub-period", "10月300億，前10月2,800億",
     {"F1": {"text": "300億", "value": "30000000000"},
      "F2": {"text": "2,800億", "value": "280000000000"}}, "F1 <= F2", True),
    ("truncated-rate", "由3元升至3.999元，升33.3%",
     {"F1": {"text": "3元", "value": "3", "rounding": "exact"},
      "F2": {"text": "3.999元", "value": "3.999"},
      "F3": {"text": "33.3%", "value": "33.3", "rounding": "truncate"}},
     "F3 = (F2 / F1 - 1) * 100", True),
    ("approx-loose", "約300億元，實為310億元",
     {"F1": {"text": "約300億元", "value": "30000000000", "qualifier": "approx"},
      "F2": {"text": "310億元", "value": "31000000000"}}, "F1 = F2", True),
    ("over-open", "逾100億，實為180億",
     {"F1": {"text": "逾100億", "value": "10000000000", "qualifier": "over"},
      "F2": {"text": "180億", "value": "18000000000"}}, "F1 = F2", True),
    ("cagr", "由100增至121，年均增長10%，兩年",
     {"F1": {"text": "100", "value": "100"}, "F2": {"text": "121", "value": "121"},
      "F3": {"text": "10%", "value": "10"}},
     "F3 = ((F2 / F1) ** 0.5 - 1) * 100", True),
    ("weekday-ok", "12月8日（周一）",
     {"F1": {"text": "12月8日", "value": "2025-12-08", "unit": "date"},
      "F2": {"text": "周一", "value": "1", "unit": "weekday"}}, "weekday(F1) = F2", True),
    ("weekday-wrong", "12月9日（周一）",
     {"F1": {"text": "12月9日", "value": "2025-12-09", "unit": "date"},
      "F2": {"text": "周一", "value": "1", "unit": "weekday"}}, "weekday(F1) = F2", False),
]


@pytest.mark.parametrize(("label", "text", "figs", "expr", "expected"), RELATION_CASES,
                         ids=[c[0] for c in RELATION_CASES])
def test_relation_holds_within_stated_precision(label: str, text: str, figs: dict,
                                                expr: str, expected: bool) -> None:
    assert goldlib.holds(expr, _figs(text, figs))[0] is expected


def _gold(text: str, figs: dict, expr: str, kind: str) -> goldlib.Gold:
    figures = _figs(text, figs)
    fids = sorted(figures)
    return goldlib.Gold("case", text, figures, [goldlib.Relation(kind, expr, fids)], [])


@pytest.mark.parametrize(("label", "text", "figs", "expr", "expected"),
                         [c for c in RELATION_CASES if c[4]], ids=[c[0] for c in RELATION_CASES
                                                                 if c[4]])
def test_every_slip_breaks_its_relation_beyond_doubled_rounding(label: str, text: str,
                                                                 figs: dict, expr: str,
                                                                 expected: bool) -> None:
    g = _gold(text, figs, expr, "weekday" if "weekday" in expr else "sum"
              if label.startswith("sum") else "growth")
    for m in goldlib.mutants(g, 2025):
        assert goldlib.apply(text, m)[m.start:m.start + len(m.new)] == m.new
        assert not goldlib.holds(expr, {**g.figures, m.fid: m.figure}, scale=2)[0], m


def test_slip_kinds_on_a_growth_relation() -> None:
    text = "營收1,163.9億美元，年增62%，去年718.4億美元"
    g = _gold(text, RELATION_CASES[0][2], RELATION_CASES[0][3], "growth")
    kinds = {m.kind for m in goldlib.mutants(g, 2025)}
    assert {"digit", "swap", "scale", "rate", "fused_year"} <= kinds
    scale = next(m for m in goldlib.mutants(g, 2025) if m.kind == "scale")
    assert ("萬" in scale.new) != ("萬" in scale.old)


CORPUS = sorted((HERE / "gold").glob("*.yaml"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_gold_validates(path: Path) -> None:
    g = goldlib.load(path)
    for rel in g.relations:
        assert goldlib.holds(rel.expr, g.figures)[0], f"{path.name}: {rel.expr} does not hold"
    for err in g.real_errors:
        if err["expr"]:
            assert not goldlib.holds(err["expr"], g.figures)[0], f"{path.name}: {err}"


def test_a_negative_figure_keeps_an_ordered_interval() -> None:
    fig = F("F1", {"text": "-23.50亿元", "value": "-2350000000"}, "亏损-23.50亿元", "case")
    lo, hi = fig.interval()
    assert lo < hi and lo <= fig.value <= hi  # type: ignore[operator]
