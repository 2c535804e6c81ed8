"""A year no story means, one typical slip away from a year the story states: 2205年第一季 in
a story of 2025年 (two digits swapped), 20225年前三季度 (a digit doubled), 2525年上半年.

Extraction reads such a figure as it is written (a duration of 2205 years, a date in 2525), so
no relation sees it. It is flagged only where three things agree: the number is no year a
financial story can mean (after 2100, or five digits), a period word follows it as it follows
a year (第一季, 上半年, 前三季度, 3月, 全年, 年底, 年度), and undoing one slip of its digits gives
exactly one year the text states elsewhere.
"""

from __future__ import annotations

import re

from ..claims import Claim
from ..digit_slips import slip_kind
from ..reference import Reference
from .common import _span
from .findings import Finding, Report

WRITTEN = re.compile(r"(?P<digits>\d{4,5})\s?年")
LAST_YEAR = 2100  # the latest year a story plausibly names (a 2050 or 2060 target is one)
STATED = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?=\s?年|\s?[-/.]\d{1,2}[-/.]\d)")
# words that follow a year as a year's (not a count of years: 2205年历史, 3000年前)
PERIOD_AFTER = re.compile(
    r"\s?(?:第?[一二三四1-4１-４]\s?季|首季|[上下]半年|前[一二三1-3]季|[一二三四1-4]季度|"
    r"[0-9０-９]{1,2}\s?月|[一二三四五六七八九十]{1,3}月|全年|[初底末]|度|财年|"
    r"第[一二三四1-4]\s?财季|Q[1-4]|H[12])")
SLIP_WORDS = {"digit": "a digit changed", "swap": "two digits swapped",
              "drop": "a digit dropped", "double": "a digit doubled", "insert": "a digit added"}


def _slipped_year(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    stated = {int(y.group()) for y in STATED.finditer(folded)}
    for c in claims:
        m = c.mention
        hit = WRITTEN.match(folded, m.start, m.end)
        if hit is None or m.kind not in ("duration", "year", "date", "period"):
            continue
        digits = hit.group("digits")
        if int(digits) <= LAST_YEAR and len(digits) == 4:
            continue
        if not PERIOD_AFTER.match(folded, hit.end()) and m.kind == "duration":
            continue  # 2205年 alone may count years; before 第一季 it names one
        likely = {y for y in stated if y != int(digits) and slip_kind(str(y), digits)}
        if len(likely) != 1:
            continue  # no stated year, or several, explain it: too little to say which
        year = likely.pop()
        slip = slip_kind(str(year), digits) or "digit"
        fixed = m.text[:hit.start("digits") - m.start] + str(year) + \
            m.text[hit.end("digits") - m.start:]
        report.checked.add(m.start)
        report.findings.append(Finding(
            "garbled-number", "error", [_span(m)],
            f"{m.text}: {digits} is no year the story could mean; likely {fixed} "
            f"({SLIP_WORDS.get(slip, slip)}: the text states {year}年 elsewhere)",
            expected=fixed, found=m.text, mentions=(m,),
            evidence={"likely_year": year, "slip": slip,
                      "suggestion": f"{m.text} is likely {fixed}"}))
