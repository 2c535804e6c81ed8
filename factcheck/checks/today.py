"""The day and year a story calls today: Taiwanese and Hong Kong wires write them out in
brackets (今(22)日, 今(2026)年), so they can contradict each other or the story's own date.

- 今(2026)年 in a story dated 2025 (by its dateline, or the publication date the caller
  gives): an error, the bracket states the year 今 cannot be.
- Two 今(N)日 naming different days (今(22)日召開股東會 … 以今(21)日開盤價計算), or a 今(N)日 that
  is not the day of the dateline (台北21日電): a warning, the text does not say which is stale.
"""

from __future__ import annotations

import re
from collections import Counter

from ..claims import Claim
from ..dates import TODAY_OFFSETS
from ..reference import Reference
from .common import _span
from .findings import Finding, Report

TODAY_DAY = re.compile(r"今\s?[(（]\s?(?P<day>\d{1,2})\s?[)）]\s?日")
WIRE_DAY = re.compile(r"(?P<day>\d{1,2})\s?日\s?(?:电|讯)")  # （中央社記者台北21日電）
DATELINE_REACH = 200  # characters: a wire's dateline opens the story


def _today(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    for c in claims:
        m = c.mention
        expected = m.extra.get("dated_year")
        if expected is not None:  # 今(2026)年, alone or dating a period (今(2026)年第3季)
            story = int(expected) - TODAY_OFFSETS[m.extra["relative_year"]]
            year = m.extra.get("bracket_year", m.value)
            report.checked.add(m.start)
            digits = re.search(r"\d+", m.text)
            written = str(int(expected) - 1911) if digits and len(digits.group()) == 3 \
                else str(expected)
            likely = m.text[:digits.start()] + written + m.text[digits.end():] if digits \
                else written
            report.findings.append(Finding(
                "today-mismatch", "error", [_span(m)],
                f"{m.text} says {m.extra['relative_year']}年 is {year}, but the "
                f"story is dated {story} ({m.extra.get('dated_by', '')}): "
                f"likely {likely}",
                expected=likely, found=m.text, mentions=(m,),
                evidence={"year": year, "dated_year": expected,
                          "story_year": story,
                          "suggestion": f"{m.text} is likely {likely}"}))
    marks = [(hit.start(), hit.end(), int(hit["day"])) for hit in TODAY_DAY.finditer(folded)]
    if not marks:
        return
    wire = WIRE_DAY.search(folded, 0, DATELINE_REACH)
    counts = Counter(day for _, _, day in marks)
    usual = int(wire["day"]) if wire else counts.most_common(1)[0][0]
    basis = f"the dateline's {wire['day']}日" if wire else f"今({usual})日 elsewhere"
    odd = [(a, b, day) for a, b, day in marks if day != usual]
    if not odd:
        return  # (on a tie, the first 今(N)日 stands for today: the later one is flagged)
    for a, b, day in odd:
        text = report.text[a:b]
        spans = [(a, b)] + [(x, y) for x, y, d in marks if d == usual][:1]
        report.findings.append(Finding(
            "today-mismatch", "warning", spans,
            f"{text} names day {day} as today, but {basis} makes today day {usual}: one of "
            "them is stale or mistyped",
            expected=f"今({usual})日", found=text, mentions=tuple(
                c.mention for c in claims if a <= c.mention.start < b),
            evidence={"day": day, "today": usual, "basis": basis}))
