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
- A thousands group of other than three digits: 金融及保險業57,22元 (57,22x元 with a digit
  lost), 2,0611.45億元 (a digit doubled).
- A day its month does not have: 6月31日, 2月30日, 2025年2月29日 (2月29日 with no year may be a
  leap year's).
"""

from __future__ import annotations

import calendar
import re

from ..badgroups import BAD_TAIL, HEAD
from ..claims import Claim
from ..model import Mention
from ..numerals import read_number
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
    _written_slips(folded, claims, report)
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
        elif m.kind == "date" and m.value is None and "weekday" not in m.extra:
            _impossible_day(m, report)  # 6月31日, 2025年2月29日
        elif m.kind == "year" and fold(m.text).rstrip().endswith("季"):
            report.checked.add(m.start)
            report.findings.append(Finding(
                "garbled-number", "error", [_span(m)],
                f"{m.text} is a year fused with 季: likely {m.text[:-1]}年第N季 with 年第N lost",
                expected=f"{m.text[:-1]}年第N季", found=m.text, mentions=(m,),
                evidence={"year": m.value}))


DAY_PARTS = re.compile(r"(?:(?P<y>\d{4})\s?年\s?)?(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})"
                       r"\s?月\s?(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s?[日号]")


def _impossible_day(m: Mention, report: Report) -> None:
    """6月31日, 2月30日, 2025年2月29日: a day its month does not have (a digit slipped; the
    date cannot be meant). February 29 without a year may be a leap year's."""
    hit = DAY_PARTS.fullmatch(fold(m.text).strip())
    month = read_number(hit["m"]) if hit else None
    day = read_number(hit["d"]) if hit else None
    if hit is None or month is None or day is None or not 1 <= month.value <= 12 \
            or day.value < 1:
        return
    year = int(hit["y"]) if hit["y"] else 2024  # (a leap year: 2月29日 may be meant)
    last = calendar.monthrange(year, int(month.value))[1]
    if day.value <= last:
        return
    report.checked.add(m.start)
    report.findings.append(Finding(
        "garbled-number", "error", [_span(m)],
        f"{m.text} is no day of the calendar: month {int(month.value)} has {last} days"
        f"{f' in {year}' if hit['y'] and month.value == 2 else ''}; a digit is likely wrong",
        expected=f"a day from 1 to {last}", found=m.text, mentions=(m,),
        evidence={"month": int(month.value), "days": last}))


# 0..8元: digits, two points, digits, then a unit, a currency or a multiplier (not 1...5)
DOUBLE_POINT = re.compile(r"(?<![\d.])\d{1,6}\.\.\d{1,6}(?![\d.])\s?[%元亿万千百倍港美]")
# 498.億美元: digits, a point, then at once a multiplier and a currency word, or a percent sign
# (12.万科…, 100.元旦 are a full stop written half-width before the next sentence)
MULTIPLIER = r"[十百千]?[万亿]|[百千]万?"
CURRENCY = r"元|美元|港元|人民币|日元|欧元|英镑|令吉|新元|韩元|澳门元"
STRAY_POINT = re.compile(rf"(?<![\d.])\d{{1,6}}\.(?=%|(?:{MULTIPLIER})\s?(?:{CURRENCY}))")
# 57,22元, 2,0611.45亿元: a thousands group of other than three digits (the extractor's shape,
# badgroups.py, which reads it as written) before a multiplier, a currency word or a percent
# sign (1,2月 is two months)
BAD_GROUP = re.compile(rf"{HEAD}{BAD_TAIL}(?:\.\d+)?(?![\d.])"
                       rf"(?=\s?(?:%|{MULTIPLIER}|{CURRENCY}|港币|新台币|台币))")
# 增长1,9%: a decimal comma, as French and German text writes it (RFI, DW): one or two digits
# after the comma of a short number before a percent sign
DECIMAL_COMMA = re.compile(r"(?<![\d.,])\d{1,2},\d{1,2}(?![\d.,])(?=\s?%)")
# 33%%: the percent sign typed twice (the figure reads as one)
DOUBLED_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s?%\s?%")
# 1億8458億美元, 28万9000万元: one multiplier twice in one figure (a warning: some writers
# mean 42万4000万 as 424000万, the second 万 over the whole)
REPEATED_PLACE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?P<p>[万亿兆])\d{1,4}(?P=p)")
# 11.5兆億日元: two multipliers no number stacks (万亿, 千万 and 百亿 are fine)
STACKED_PLACES = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:兆亿|亿亿|兆兆|万万)(?!富)")
# 22亿8900元, 1亿8569吨: four digits after 亿 and then the unit, with no 万 between; read as
# written it is 2,200,008,900, a precision no writer states; the group's 万 is likely lost
LOST_WAN = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?亿\d{4}(?![\d.,万千百])(?=\s?[\u4e00-\u9fff])")
# (pattern, texts one of which must be in the document, characters the written figure takes past the
# match, severity, message, expected). A stray point is a warning: one clean release of the
# sources benchmark's test split reads so.
WRITTEN_SLIPS = (
    (DECIMAL_COMMA, (",",), 0, "warning", "is written with a decimal comma, as European text "
     "writes it (1,9% for 1.9%); Chinese text writes a point (read as written, it is the "
     "digits in a row)", "a decimal point"),
    (DOUBLE_POINT, ("..",), 0, "error", "has two decimal points in a row; no reading of it can "
     "be meant (a point is likely doubled)", "one decimal point"),
    (STRAY_POINT, (".",), 1, "warning", "has a decimal point with no digit after it; its "
     "decimals are likely lost, or the point is stray", "digits after the decimal point"),
    (BAD_GROUP, (",",), 0, "error", "has a thousands group of other than three digits; a "
     "digit is likely lost or doubled (read as written, it is the digits in a row)",
     "three digits after each thousands separator"),
    (DOUBLED_PERCENT, ("%%", "% %"), 0, "warning", "has its percent sign twice; one is stray "
     "(read as a single %)", "one percent sign"),
    (REPEATED_PLACE, ("万", "亿", "兆"), 0, "warning", "writes one multiplier twice in one "
     "figure; read as written the second multiplies all before it (42万4000万 = 424000万), "
     "else it is likely a smaller one (万) or stray",
     "multipliers that fall from group to group (1亿8458万)"),
    (STACKED_PLACES, ("兆亿", "亿亿", "兆兆", "万万"), 0, "error", "stacks two multipliers no "
     "number uses; one of them is stray", "one multiplier (or 万亿)"),
    (LOST_WAN, ("亿",), 0, "warning", "has four digits after 亿 and no 万 after them; read as "
     "written they are units (22亿8900 = 2,200,008,900), so a 万 is likely lost",
     "a 万 after the four digits (22亿8900万)"),
)


def _written_slips(folded: str, claims: list[Claim], report: Report) -> None:
    lo = min((c.paragraph[0] for c in claims), default=0)
    hi = max((c.paragraph[1] for c in claims), default=0)
    taken: set[int] = set()  # (1,9%: a decimal comma, not also a bad thousands group)
    for pattern, needles, extra, severity, message, expected in WRITTEN_SLIPS:
        if not any(n in folded for n in needles):
            continue
        for hit in pattern.finditer(folded, lo, hi):
            if extra and (hit.start() == 0 or folded[hit.start() - 1] == "\n"):
                continue  # 1.亿元以上: a list label at the head of a line
            if hit.start() in taken:
                continue
            taken.add(hit.start())
            end = hit.end() + extra
            within = tuple(c.mention for c in claims
                           if c.mention.start < end and hit.start() < c.mention.end)
            written = report.text[hit.start():end]
            report.checked.add(hit.start())
            report.findings.append(Finding(
                "garbled-number", severity, [(hit.start(), end)], f"{written} {message}",
                expected=expected, found=written, mentions=within,
                evidence={"written": written}))


def _backwards(text: str) -> bool:
    """5.5%至-6.0%: a first end with no sign, a second that opens with a minus."""
    parts = RANGE_MARK.split(text, maxsplit=1)
    return len(parts) == 2 and not any(ch in "-−" for ch in parts[0]) \
        and parts[1].lstrip().startswith(("-", "−"))


def _plain(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)
