"""Precision and recall of extracted mentions against a gold annotation.

A predicted mention matches a gold one when their spans overlap, their kinds agree and their
values agree (numbers compared exactly as decimals; ranges and vague amounts by their bounds;
dates and periods as strings, except that periods compare by the months they cover and a
``--MM-DD`` date, the contract's form when the text gives no year, matches a gold date with a
year the annotator took from outside the text, and the other way round a date whose year came
from the publication date the caller gave (``--date``) matches the annotator's ``--MM-DD``).
Each gold mention matches at most one prediction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any


def _num(x: Any) -> Decimal | None:
    if x is None or isinstance(x, bool):
        return None
    try:
        return Decimal(str(x))
    except InvalidOperation:
        return None


_QUARTERS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6),
             "H2": (7, 12)}


def period_months(value: str) -> tuple[int | str | None, int, int] | None:
    """(year or None, first month, last month) of a period value, whatever its spelling:
    2019-01/2019-05, --01/--05, M1-M5, 2025-Q3, Q1-Q3, H1, 2025-09, --09. Annotators spell
    month ranges differently (the contract names no form), so they compare by the months.
    A fiscal period (FY2024H1, FY2024-H1, FY2024Q1-Q3) has the fiscal year ``"FY2024"`` for
    its year and the months of that fiscal year, so it never equals a calendar period."""
    m = re.fullmatch(r"FY(\d{4})-?(Q[1-4]|H[12])(?:-(Q[1-4]))?", value)
    if m:
        return f"FY{m[1]}", _QUARTERS[m[2]][0], _QUARTERS[m[3] or m[2]][1]
    m = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", value)
    if m:
        return int(m[1]), int(m[2]), int(m[4])
    m = re.fullmatch(r"--(\d{2})/--(\d{2})", value)
    if m:
        return None, int(m[1]), int(m[2])
    m = re.fullmatch(r"((?:\d{4}-)?Q[1-4])/((?:\d{4}-)?Q[1-4])", value)
    if m:  # 2023-Q3/2023-Q4: two quarters listed, the months they cover together
        a, b = period_months(m[1]), period_months(m[2])
        if a and b and a[0] == b[0] and b[1] == a[2] + 1:
            return a[0], a[1], b[2]
    m = re.fullmatch(r"(?:(\d{4})-)?M(\d{1,2})-M(\d{1,2})", value)
    if m:
        return (int(m[1]) if m[1] else None), int(m[2]), int(m[3])
    m = re.fullmatch(r"(?:(\d{4})-)?(Q[1-4]|H[12])(?:-(Q[1-4]))?", value)
    if m:
        first = _QUARTERS[m[2]][0]
        last = _QUARTERS[m[3] or m[2]][1]
        return (int(m[1]) if m[1] else None), first, last
    m = re.fullmatch(r"(?:(\d{4})|-)-(\d{2})", value)
    if m:
        return (int(m[1]) if m[1] else None), int(m[2]), int(m[2])
    return None


def same_value(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Values agree: exact decimal equality (to 1e-6 relative for repeating fractions)."""
    if pred.get("kind") != gold.get("kind"):
        return False
    pv, gv = pred.get("value"), gold.get("value")
    if gv is None:
        if gold.get("kind") == "period" and isinstance(pv, str) and gold.get("lo") \
                and gold.get("hi"):  # a month range spelled as its ends (lo 2022-10, hi 2022-12)
            return same_value(pred, {**gold, "value": f"{gold['lo']}/{gold['hi']}"})
        if pv is not None:  # a weekday the text cannot date, dated from --date: not checkable
            return pred.get("kind") == "date" and isinstance(pv, str) and gold.get("kind") == "date"
        return all(_close(_num(pred.get(k)), _num(gold.get(k))) for k in ("lo", "hi"))
    if gold.get("kind") == "ratio" and isinstance(gv, str) and gv.count(":") == 1 \
            and not isinstance(pv, str):  # 2.02:1 written as its quotient, 2.02
        a, b = (_num(x) for x in gv.split(":"))
        return a is not None and bool(b) and _close(_num(pv), a / b)  # type: ignore[operator]
    if isinstance(gv, str) and _num(gv) is None:
        if pred.get("kind") == "date" and isinstance(pv, str) and pv.startswith("--") \
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", gv):
            return pv[2:] == gv[5:]  # --04-14: the contract's form when the text gives no year
        if pred.get("kind") == "date" and isinstance(pv, str) and gv.startswith("--") \
                and re.fullmatch(r"\d{4}-\d{2}-\d{2}", pv):
            return pv[5:] == gv[2:]  # the year from the publication date (--date), not the text
        if pred.get("kind") == "period" and isinstance(pv, str):
            a, b = period_months(pv), period_months(gv)
            if a is not None and b is not None:
                return a[1:] == b[1:] and (a[0] is None or b[0] is None or a[0] == b[0])
        return pv == gv
    return _close(_num(pv), _num(gv))


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    if a is None or b is None:
        return a is b
    if a == b:
        return True
    return abs(a - b) <= abs(b) * Decimal("1e-6")


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    span_exact: int = 0
    unit_agree: int = 0
    money: int = 0        # matched money mentions
    money_unit: int = 0   # of them, in the gold's currency (the currency of a bare 元)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_value: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    wrong_currency: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    def add(self, other: Score) -> None:
        for name in ("gold", "predicted", "matched", "span_exact", "unit_agree", "money",
                     "money_unit"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.spurious += other.spurious
        self.wrong_value += other.wrong_value
        self.wrong_currency += other.wrong_currency


def score(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    """Match predictions to gold mentions of one document."""
    result = Score(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    for g in gold:
        overlapping = [
            (i, p) for i, p in enumerate(predicted)
            if i not in used and p["start"] < g["end"] and g["start"] < p["end"]
        ]
        hit = next(((i, p) for i, p in overlapping if same_value(p, g)), None)
        if hit is None:
            if overlapping:
                result.wrong_value.append((overlapping[0][1], g))
            result.missed.append(g)
            continue
        i, p = hit
        used.add(i)
        result.matched += 1
        result.span_exact += (p["start"], p["end"]) == (g["start"], g["end"])
        result.unit_agree += p.get("unit") == g.get("unit")
        if g.get("kind") == "money" and p.get("kind") == "money":
            result.money += 1
            result.money_unit += p.get("unit") == g.get("unit")
            if p.get("unit") != g.get("unit"):
                result.wrong_currency.append((p, g))
    result.spurious = [p for i, p in enumerate(predicted) if i not in used]
    return result
