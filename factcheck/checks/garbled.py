"""Figures that cannot be what was meant, read from how they are written.

- A place group that overflows its place: 11亿76040万令吉 (after 亿 the 万 group holds at most
  four digits: RM1,176.04 million is 11亿7604万) or 2万12000元 (after 万, four digits at most).
  The reading adds the groups (18.6亿), which no writer means.
- A range written from a positive end down to a negative one of about its size: 5.5%至-6.0%
  (ranges run from low to high, and a stray minus is likelier than a range written backwards;
  由1.5%降至-0.5% is a move, not a range, and is left alone).
- A year fused with 季: 貢獻2025季營收23% (2025年第三季 with 年第三 lost) is no quarter.
- A number with two decimal points in a row: 招股價0..8元 (0.8元 with a point doubled); no
  reading of it can be meant, whatever the extractor made of its pieces.
- A decimal point with no digit after it before a multiplier or unit: 出口498.億美元 (498.x億
  with its decimals lost, or a stray point).
"""

from __future__ import annotations

import re

from ..claims import Claim
from ..reference import Reference
from ..textfold import fold
from .common import _span
from .findings import Finding, Report

# 亿 then a 万 group of five digits or more; 万 then a trailing group of five digits or more
OVERFLOW = re.compile(r"(?<![\d.])(?P<head>\d+)(?P<place>[亿万])(?P<group>\d{5,})(?P<tail>万?)$")
PLACE_DIGITS = 4
RANGE_MARK = re.compile(r"至|到|~|～")
# 由1.5%降至-0.5%: a move from one figure to another, not a range; nor after a fall word
FROM_OR_FALL = re.compile(r"从|由|降|跌|减|滑|落|下修|下调|转")


def _garbled(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    _double_points(folded, claims, report)
    _stray_points(folded, claims, report)
    for c in claims:
        m = c.mention
        text = fold(m.number_text or "").replace(" ", "")
        hit = OVERFLOW.search(text)
        if hit and m.kind in ("money", "count") and (hit["place"] == "亿" and hit["tail"]
                                                      or hit["place"] == "万" and not hit["tail"]):
            group = hit["group"]
            report.checked.add(m.start)
            report.findings.append(Finding(
                "garbled-number", "error", [_span(m)],
                f"{m.text}: after {hit['place']} the next group holds at most {PLACE_DIGITS} "
                f"digits, but {group} has {len(group)}; a digit is likely doubled or stray "
                f"(read as written it is {_plain(m.value)})",
                expected=f"at most {PLACE_DIGITS} digits after {hit['place']}", found=m.text,
                mentions=(m,), evidence={"group": group, "place": hit["place"]}))
        elif m.kind in ("percent", "money", "count") and m.lo is not None and m.hi is not None \
                and _backwards(fold(m.text)) and m.lo < 0 < m.hi \
                and 2 * m.hi <= 3 * -m.lo <= 9 * m.hi / 2 \
                and not FROM_OR_FALL.search(folded, max(0, m.start - 6), m.start):
            report.checked.add(m.start)
            report.findings.append(Finding(
                "garbled-number", "warning", [_span(m)],
                f"{m.text} runs from a positive end down to a negative one; ranges are written "
                "from low to high, so the minus sign is likely stray",
                expected="a range written from low to high", found=m.text, mentions=(m,),
                evidence={"lo": m.lo, "hi": m.hi}))
        elif m.kind == "year" and fold(m.text).rstrip().endswith("季"):
            report.checked.add(m.start)
            report.findings.append(Finding(
                "garbled-number", "error", [_span(m)],
                f"{m.text} is a year fused with 季: likely {m.text[:-1]}年第N季 with 年第N lost",
                expected=f"{m.text[:-1]}年第N季", found=m.text, mentions=(m,),
                evidence={"year": m.value}))


# 0..8元: digits, two points, digits, then a unit, a currency or a multiplier (not 1...5)
DOUBLE_POINT = re.compile(r"(?<![\d.])\d{1,6}\.\.\d{1,6}(?![\d.])\s?[%元亿万千百倍港美]")


def _double_points(folded: str, claims: list[Claim], report: Report) -> None:
    if ".." not in folded:
        return
    lo = min((c.paragraph[0] for c in claims), default=0)
    hi = max((c.paragraph[1] for c in claims), default=0)
    for hit in DOUBLE_POINT.finditer(folded, lo, hi):
        within = tuple(c.mention for c in claims
                       if c.mention.start < hit.end() and hit.start() < c.mention.end)
        written = report.text[hit.start():hit.end()]
        report.checked.add(hit.start())
        report.findings.append(Finding(
            "garbled-number", "error", [(hit.start(), hit.end())],
            f"{written} has two decimal points in a row; no reading of it can be meant (a "
            "point is likely doubled)",
            expected="one decimal point", found=written, mentions=within,
            evidence={"written": written}))


# 498.億美元: digits, a point, then at once a multiplier, a currency or a unit
STRAY_POINT = re.compile(r"(?<![\d.])\d{1,6}\.(?=[%亿万千百倍元]|美元|港元)")


def _stray_points(folded: str, claims: list[Claim], report: Report) -> None:
    if "." not in folded:
        return
    lo = min((c.paragraph[0] for c in claims), default=0)
    hi = max((c.paragraph[1] for c in claims), default=0)
    for hit in STRAY_POINT.finditer(folded, lo, hi):
        if folded[max(0, hit.start() - 1):hit.start()] == "\n" or hit.start() == 0:
            continue  # 1.亿元以上: a list label at the head of a line
        end = hit.end() + 1
        within = tuple(c.mention for c in claims
                       if c.mention.start < end and hit.start() < c.mention.end)
        written = report.text[hit.start():end]
        report.checked.add(hit.start())
        report.findings.append(Finding(
            "garbled-number", "error", [(hit.start(), end)],
            f"{written} has a decimal point with no digit after it; its decimals are likely "
            "lost, or the point is stray",
            expected="digits after the decimal point", found=written, mentions=within,
            evidence={"written": written}))


def _backwards(text: str) -> bool:
    """5.5%至-6.0%: a first end with no sign, a second that opens with a minus."""
    parts = RANGE_MARK.split(text, maxsplit=1)
    return len(parts) == 2 and not any(ch in "-−" for ch in parts[0]) \
        and parts[1].lstrip().startswith(("-", "−"))


def _plain(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)
