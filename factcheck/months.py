"""Calendar words the join pass reads around bare numbers: months listed under one 月 (6、7月,
7、8兩月: each a period of its own; the gold reads consecutive lists both ways, 3 to 3), a
fiscal year's closing month (3月期), and ROC years written digit by digit (一一四年)."""

from __future__ import annotations

import re
from decimal import Decimal

from .cand import Cand

MONTHS = {Decimal(n) for n in range(1, 13)}
ELLIPTIC_JOIN = re.compile(r"\s?(?:和|及|与|或|、)\s?")  # 百分之二和三, 5%及3: one unit for both


def month_lists(cands: list[Cand], folded: str) -> None:
    """7、8兩月, 1、2两个月: bare numbers listed before a duration of as many months are the
    months themselves (July and August), not counts."""
    for i, d in enumerate(cands):
        if d.kind != "duration" or d.unit != "month" or d.value is None or not i:
            continue
        run = []
        k, end = i - 1, d.start
        while k >= 0 and cands[k].bare and cands[k].value in MONTHS and (
                cands[k].end == end if not run else ELLIPTIC_JOIN.fullmatch(
                    folded, cands[k].end, end)):
            run.append(cands[k])
            end, k = cands[k].start, k - 1
        if len(run) >= 2 and Decimal(len(run)) == d.value:
            for c in run:
                c.kind, c.bare, c.ulp = "period", False, None
                c.date_parts, c.rel_year = (None, int(c.value), None), None


ROC_YEARS = range(100, 131)  # 民國100年 (2011) to 130: the years recent news is about
# 近一一四年, 一○○年來: a span of years, not the year
SPAN_BEFORE = re.compile(r"(?:近|逾|超过|长达|历经|成立|创立|已有|满|共|达|有)\s?$")
SPAN_AFTER = re.compile(r"\s?(?:来|以来|历史|之久|老店|的历史)")


def _roc_years_by_digit(cands: list[Cand], folded: str) -> None:
    """一一四年: Taiwanese wires write ROC years digit by digit, and nobody writes a span of
    114 years so; the ROC year (+1911). 114年 in Arabic digits is dates._roc_years'."""
    for c in cands:
        if c.kind != "duration" or c.unit != "year" or c.value is None \
                or c.value != c.value.to_integral_value() or int(c.value) not in ROC_YEARS \
                or SPAN_BEFORE.search(folded, max(0, c.start - 3), c.start) \
                or SPAN_AFTER.match(folded, c.end):
            continue
        digits = c.number_text or ""
        if len(digits) == 3 and all(ch in "〇○零一二三四五六七八九" for ch in digits):
            c.kind, c.unit = "year", None
            c.value = Decimal(int(c.value) + 1911)
            c.extra["calendar"] = "ROC (民國) year + 1911"


FISCAL_END = re.compile(r"期(?![间内末货指初中限满望待权])")  # 3月期, not 期间 / 期末 / 期货
ONE_MONTH = re.compile(r"(?:19|20)[0-9]{2}\s?年\s?[0-9]{1,2}\s?月")


def _fiscal_month_ends(cands: list[Cand], folded: str) -> None:
    """2026年3月期 (Japanese and Taiwanese results for the year ending March 2026): the fiscal
    year named by the month it ends in, not the month."""
    for c in cands:
        parts = c.date_parts
        if c.kind == "period" and parts and parts[0] and parts[1] and not parts[2] \
                and FISCAL_END.match(folded, c.end) \
                and ONE_MONTH.fullmatch(folded, c.start, c.end):  # not 2025年4-12月期
            c.end += 1
            c.value, c.date_parts, c.rel_year = f"FY{parts[0]}", None, None
