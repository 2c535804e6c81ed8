"""Pass 3 of extraction for dates: fill what the words leave open from the document.

A month-day (``12月9日``) takes its year from a full date in the same paragraph or the
document's latest full date; a day-only reference (``(16)日``, ``7日``) takes month and year
from the nearest preceding date that has a month, else from the dateline, else from a later
month-day restating the same day (``(19)日 … 9月19日``; an earlier day cited later may be of
the next month: 明（22）日 … 2月11日 is January 22); ``下月28日`` is the same day restated
later, else the dateline's month shifted; when only the month is knowable it is
``--MM-DD``, when not even that, null. A year is never guessed: a later check would treat it
as fact. ``周一`` resolves in the week of the nearest date; ``9月19日（周五）`` names that date.

The dateline may also be a filing stamp under the article (CNA's ``（編輯：…）1150121``, the
ROC date of filing): it dates the article and is not a figure the article states.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from decimal import Decimal

from .cand import Cand, DocContext
from .positions import before as last_before

REL_OFFSETS = {"今年": 0, "同年": 0, "当年": 0, "去年": -1, "明年": 1, "前年": -2}
TODAY_OFFSETS = {"今": 0, "去": -1, "明": 1}  # 今(2026)年, 去（2025）年: the year written inside
DATELINE_HEAD = 120  # a full date starting this early, on the first line, is a dateline
DATELINE_TAIL = 80  # or one on a short last line (a timestamp under the article)
# a filing stamp closing the article: the editor's credit, then the ROC date YYYMMDD
FILING_STAMP = re.compile(
    r"[(（]\s?(?:责任编辑|编辑|责编|核稿|译者)\s?[:：][^()（）\n]{1,16}[)）]\s?"
    r"(?P<y>1[01][0-9])(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])\s*$")
ROC_OFFSET = 1911
WEEKDAY_OF_DATE = re.compile(r"\s?[(（]?\s?$")  # 9月19日（周五）, 7月21日周三: that date
DATE_OF_WEEKDAY = re.compile(r"\s?[(（]\s?")  # 周二（1月5日）: the date names the weekday
NEWLINE = re.compile("\n")


def filing_stamp(folded: str) -> tuple[int, int, dt.date] | None:
    """Span and date of a filing stamp at the end of the (folded) text, if it has one."""
    m = FILING_STAMP.search(folded, max(0, len(folded) - 60))
    if m is None:
        return None
    try:
        day = dt.date(int(m["y"]) + ROC_OFFSET, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return m.start("y"), m.end("d"), day


# 自2021年快手上市以来, 较2019年: a year the story looks back to, not the story's own
PAST_BEFORE = re.compile(r"(?:自|从|较|比|早在)\s?$")
PAST_AFTER = re.compile(r"\s?(?:以来|以前|之前|来(?:的|最|首|新))")  # 2008年11月来的新高


def looks_back(start: int, end: int, text: str) -> bool:
    """Whether the figure at ``text[start:end]`` is one the story looks back to."""
    return bool(text) and (PAST_BEFORE.search(text, max(0, start - 3), start) is not None
                           or PAST_AFTER.match(text, end) is not None)


def dateline(cands: list[Cand], text: str) -> dt.date | None:
    """The dateline's date: a full date early on the first line, or on a short last line."""
    first_nl = text.find("\n")
    first_end = first_nl if first_nl >= 0 else len(text)
    body = text.rstrip()  # once: the loop below asks for its length
    last_start = body.rfind("\n") + 1
    for c in cands:
        if c.kind != "date" or not c.date_parts or not all(c.date_parts) or c.rel_year \
                or looks_back(c.start, c.end, text):
            continue
        early = c.start < min(DATELINE_HEAD, first_end)
        late = c.start >= last_start > 0 and len(body) - last_start <= DATELINE_TAIL
        if early or late:
            try:
                return dt.date(*c.date_parts)  # type: ignore[arg-type]
            except ValueError:
                continue
    return None


def _roc_years(cands: list[Cand], ctx: DocContext) -> None:
    """113年 in a Taiwanese article — its currency or its locale cues say so, even in a CPI
    story with no money (100年=100) — or after 民國 is a Republic-of-China year."""
    for c in cands:
        if c.extra.pop("roc_year", False) and isinstance(c.value, Decimal) and (
                taiwanese(ctx) or c.extra.get("after_minguo")):
            as_roc_year(c)


def taiwanese(ctx: DocContext) -> bool:
    """A Taiwanese story: its currency or its locale cues say so."""
    return ctx.currency == "TWD" or ctx.locale == "TW"


def as_roc_year(c: Cand) -> None:
    """113 read as the Republic-of-China year it is (2024)."""
    c.kind, c.unit, c.ulp = "year", None, None
    c.value = c.value + ROC_OFFSET  # type: ignore[operator]
    c.extra["calendar"] = "ROC (民國) year + 1911"


NEAREST_MONTHS = 6  # a month more than this far after the dateline's is last year's


def resolve_dates(cands: list[Cand], ctx: DocContext, text: str = "",
                  published: dt.date | None = None) -> None:
    """Give every date and month its value from the document (see the module docstring).
    ``published``, the publication date a caller knows (``--date``), stands in for a dateline
    the text does not have."""
    # 自2020年10月30日以后…首次失守: a date looked back to gives no year to the story's dates
    full = [c.date_parts[0] for c in cands if c.kind == "date" and c.date_parts
            and all(c.date_parts) and c.rel_year is None and not looks_back(c.start, c.end, text)]
    ctx.dateline = ctx.dateline or dateline(cands, text)
    basis = "the dateline"
    if ctx.dateline is None and published is not None:
        ctx.dateline, basis = published, "the publication date given"
    if ctx.dateline is not None:  # 10月27日宣布…将在2024年1月24日支付 in a story of 2023-11-24:
        full = [y for y in full if y <= ctx.dateline.year]  # a date to come dates nothing
    if full:
        ctx.year = max(full)  # type: ignore[type-var]
        ctx.year_basis = "latest full date in the document"
    elif ctx.dateline is not None:
        ctx.year, ctx.year_basis = ctx.dateline.year, basis
    _roc_years(cands, ctx)
    if ctx.dateline is not None:
        for c in cands:  # 今(2026)年 in a story dated 2025: the parenthesis contradicts 今
            rel = c.extra.get("relative_year")  # (a period too: 今(2026)年第3季)
            year = c.extra.get("bracket_year", c.value if c.kind == "year" else None)
            if rel in TODAY_OFFSETS and year is not None:
                expected = ctx.dateline.year + TODAY_OFFSETS[rel]
                if int(year) != expected:
                    c.extra["dated_year"] = expected
                    c.extra["dated_by"] = basis
    last_date: dt.date | None = None
    anchor: tuple[int | None, int] | None = None  # (year, month) of the last date with a month
    last_year: int | None = None
    year_line = -1
    pending: list[Cand] = []  # weekdays before any date
    line_ends = [m.start() for m in NEWLINE.finditer(text)] if text else []
    prev: Cand | None = None
    for i, c in enumerate(cands):
        before, prev = prev, c
        if last_year is not None and bisect.bisect_left(line_ends, c.start) != year_line:
            last_year = None  # an explicit year only carries within its paragraph
        if c.kind in ("date", "period") and c.date_parts:
            y, mth, d = c.date_parts
            if c.rel_year and ctx.year:
                y = ctx.year + REL_OFFSETS[c.rel_year]
            if "month_offset" in c.extra:  # 下月28日: the dateline's month, shifted
                later = _later_month_day(cands, i, d, same_day=True)
                # 下月19日 … 9月19日: the same day restated, else the dateline's month shifted
                y, mth = later or _shifted_month(c.extra["month_offset"], ctx.dateline)
                if mth is None:
                    c.value, anchor = None, None  # 30日 after it: not an older month's
                    continue
                c.extra["anchor"] = f"{y:04d}-{mth:02d}" if y else f"--{mth:02d}"
            elif mth is None and d is not None:  # (16)日: month and year of an anchor date
                if anchor is not None:
                    y, mth = anchor
                elif ctx.dateline is not None:
                    y, mth = ctx.dateline.year, ctx.dateline.month
                    c.extra["anchor"] = ctx.dateline.isoformat()
                elif (later := _later_month_day(cands, i, d, same_day=True)) is not None \
                        or (later := _later_month_day(cands, i, d, upto=_line_end(
                            line_ends, c.start, len(text)), text=text)) is not None:
                    y, mth = later  # (19)日 … 9月19日: the same day restated; 周一(22日)宣布，
                    # 截至8月15日: a month-day of its paragraph not later than the day
                if mth is not None:
                    c.extra.setdefault("anchor", f"{y:04d}-{mth:02d}" if y else f"--{mth:02d}")
            if ((c.date_parts[0] and c.rel_year is None) or (c.rel_year and y is not None
                                                              and c.date_parts[1] is not None)) \
                    and not looks_back(c.start, c.end, text):
                # 去年12月30日 … 12月起: a bare month takes the year of the last dated mention,
                # written out or relative (not an older 2024年5月 before it, nor one the story
                # looks back to: 2000年4月以來最低 dates no 5月 after it)
                last_year = y if c.rel_year else c.date_parts[0]
                year_line = bisect.bisect_left(line_ends, c.start)
            elif c.rel_year and y is None:  # 去年7月、8月 with no date for 去年: no year for
                last_year = 0               # them either (not an older 2024年10月's)
                year_line = bisect.bisect_left(line_ends, c.start)
            if y is None and mth is not None and c.date_parts[1] is not None:
                y = last_year or ctx.year
                if not last_year and ctx.dateline is not None and y == ctx.dateline.year \
                        and mth - ctx.dateline.month > NEAREST_MONTHS:
                    y -= 1  # 12月 in a story dated 10 January: last December, the nearer one
            if c.kind == "period":
                c.value = f"{y:04d}-{mth:02d}" if y else f"--{mth:02d}"
                if "month_from" in c.extra:  # 前5个月: 2019-01/2019-05
                    first = c.extra.pop("month_from")
                    y0 = y - 1 if y and c.extra.pop("from_year_before", False) else y
                    c.value = (f"{y0:04d}-{first:02d}/" if y0 else f"--{first:02d}/") + c.value
                continue
            if mth is None:
                c.value = None
                continue
            try:
                day = dt.date(y, mth, d) if y else None  # type: ignore[arg-type]
            except ValueError:
                day = None
            if day is not None:
                c.value = day.isoformat()
                last_date = day
                for w in pending:
                    _weekday(w, day)
                pending = []
            elif y is None and d is not None:
                try:
                    dt.date(2000, mth, d)  # leap year: any real month-day
                    c.value = f"--{mth:02d}-{d:02d}"
                except ValueError:
                    c.value = None
            anchor = (y, mth)
        elif c.kind == "period" and c.rel_year:  # 去年上半年 … 在2月: that year's February
            known = isinstance(c.value, str) and ctx.year
            if known:
                c.value = f"{ctx.year + REL_OFFSETS[c.rel_year]}-{c.value}"
            last_year = ctx.year + REL_OFFSETS[c.rel_year] if known else 0  # 0: not known
            year_line = bisect.bisect_left(line_ends, c.start)
        elif c.kind == "date" and "weekday" in c.extra:
            if before is not None and before.kind == "date" and isinstance(before.value, str) \
                    and before.value.startswith("--") and text \
                    and WEEKDAY_OF_DATE.fullmatch(text, before.end, c.start):
                c.value = before.value  # 9月19日（周五） with no year: the weekday is that date
                c.extra["anchor"] = before.value
            elif c.extra.get("week_offset") and ctx.dateline is not None:
                _weekday(c, ctx.dateline)  # 上周五, 下周一: a week before (after) the story's
                c.extra["anchor"] = ctx.dateline.isoformat()  # own date, not a data date's
            elif last_date is not None:
                _weekday(c, last_date)
            else:
                pending.append(c)
    if text:
        _weekdays_named(cands, text)


def _weekdays_named(cands: list[Cand], text: str) -> None:
    """周二（1月5日）: the date in brackets names the weekday; a later 周二 with no date of its
    own (海指成份股周二涨跌不一) is that same day."""
    named: dict[tuple[int, int], str] = {}
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if c.kind != "date" or "weekday" not in c.extra:
            continue
        key = (c.extra["weekday"], c.extra["week_offset"])
        if nxt is not None and nxt.kind == "date" and isinstance(nxt.value, str) and \
                "weekday" not in nxt.extra and DATE_OF_WEEKDAY.fullmatch(text, c.end, nxt.start):
            c.value = nxt.value
            c.extra["anchor"] = nxt.value
            named[key] = nxt.value
        elif c.value is None and key in named:
            c.value = named[key]
            c.extra["anchor"] = named[key]


def _shifted_month(offset: int, dateline: dt.date | None) -> tuple[int | None, int | None]:
    """(year, month) of 下月/上月/本月 from the dateline; never guessed without one."""
    if dateline is not None:
        months = dateline.year * 12 + dateline.month - 1 + offset
        return months // 12, months % 12 + 1
    return None, None


def _line_end(line_ends: list[int], start: int, end: int) -> int:
    """Where the line (paragraph) holding ``start`` ends."""
    k = bisect.bisect_left(line_ends, start)
    return line_ends[k] if k < len(line_ends) else end


# 周一(22日)宣布，截至8月15日 / 23日發布的數據，2月1日至20日: the data date a day reports on
CUTOFF_BEFORE = re.compile(r"(?:截至|截止|截止到)\s?$")
RANGE_AFTER = re.compile(r"\s?(?:至|到|-|~|～)")


def _later_month_day(cands: list[Cand], i: int, day: int, same_day: bool = False,
                     upto: int | None = None, text: str = "") -> tuple[int | None, int] | None:
    """(year or None, month) of the first month-day after ``cands[i]`` whose day is not later
    than ``day``: the month a day-only reference before any month shares with it. With
    ``upto`` (the end of its paragraph in ``text``), only a data date the day reports on (截至
    8月15日, 2月1日至20日), not a 去年 one."""
    for c in cands[i + 1:]:
        if upto is not None and c.start >= upto:
            return None
        if c.kind != "date" or not c.date_parts or c.date_parts[1] is None \
                or c.date_parts[2] is None:
            continue
        if upto is not None and (c.rel_year is not None or not (
                CUTOFF_BEFORE.search(text, max(0, c.start - 4), c.start)
                or RANGE_AFTER.match(text, c.end))):
            return None  # 去年7月10日, 發放日則在2月11日: not the data date the day reports on
        if c.date_parts[2] > day or same_day and c.date_parts[2] != day:
            return None  # 23日 … 12月30日: the later date may be of another month
        return (c.date_parts[0] if c.rel_year is None else None), c.date_parts[1]
    return None


def _weekday(c: Cand, anchor: dt.date) -> None:
    """The weekday in the same Monday-Sunday week as the anchor date (上/下 shift a week)."""
    monday = anchor - dt.timedelta(days=anchor.weekday())
    day = monday + dt.timedelta(days=c.extra["weekday"] - 1 + 7 * c.extra["week_offset"])
    c.value = day.isoformat()
    c.extra["anchor"] = anchor.isoformat()


DAY_RANGE_JOIN = re.compile(r"\s?(?:-{1,2}|~|—|至|到)\s?")


def join_day_ranges(cands: list[Cand], folded: str) -> list[Cand]:
    """由8月12至8月17日, 8月12至17日: the first date of a range written without its 日 (read
    as the month 8月 and a bare 12) is one date, and a second date without a month takes the
    first one's."""
    drop: set[int] = set()
    for i in range(len(cands) - 2):
        a, b, c = cands[i], cands[i + 1], cands[i + 2]
        if a.kind != "period" or not a.date_parts or a.date_parts[1] is None \
                or a.date_parts[2] is not None or folded[a.end - 1] != "月" \
                or not b.bare or b.start != a.end or not isinstance(b.value, Decimal) \
                or b.value != b.value.to_integral_value() or not 1 <= b.value <= 31 \
                or c.kind != "date" or not c.date_parts or c.date_parts[2] is None \
                or not DAY_RANGE_JOIN.fullmatch(folded, b.end, c.start):
            continue
        year, month = a.date_parts[0], a.date_parts[1]
        date = Cand(a.start, b.end, "date")
        date.date_parts, date.rel_year = (year, month, int(b.value)), a.rel_year
        cands[i] = date
        drop.add(i + 1)
        if c.date_parts[1] is None:
            c.date_parts = (year, month, c.date_parts[2])
    return [c for k, c in enumerate(cands) if k not in drop]


def join_month_spans(cands: list[Cand], folded: str) -> list[Cand]:
    """2022年11月至2023年1月, 去年11月至今年1月: two months across a new year are one period
    (a rolling quarter), from the first month of the year before the second's."""
    drop: set[int] = set()
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if i not in drop and a.bare and _a_month(b) and PLUS.fullmatch(folded, a.end, b.start) \
                and isinstance(a.value, Decimal) and 1 <= a.value < b.date_parts[1]:  # type: ignore[index]
            span = Cand(a.start, b.end, "period")  # 今年1+2月: January and February together
            span.date_parts, span.rel_year = b.date_parts, b.rel_year
            span.extra.update(month_from=int(a.value))
            year = cands[i - 1] if i else None
            if year is not None and year.kind == "year" and year.end == a.start \
                    and isinstance(year.value, Decimal) and i - 1 not in drop:
                span.start, span.date_parts = year.start, (int(year.value), *b.date_parts[1:])  # type: ignore[index]
                drop.add(i - 1)  # 2026年1+2月: one period of that year
            cands[i] = span
            drop.add(i + 1)
            continue
        if i in drop or not _a_month(a) or not _a_month(b) \
                or not DAY_RANGE_JOIN.fullmatch(folded, a.end, b.start):
            continue
        (ya, ma, _), (yb, mb, _) = a.date_parts, b.date_parts  # type: ignore[misc]
        crossing = (ya is not None and yb == ya + 1) or (a.rel_year, b.rel_year) in (
            ("去年", "今年"), ("前年", "去年")) or (ya is None and yb is None
                                               and not a.rel_year and not b.rel_year)
        if not crossing or mb >= ma:  # (11月至1月: the second month comes first in its year)
            continue
        span = Cand(a.start, b.end, "period")
        span.date_parts, span.rel_year = b.date_parts, b.rel_year
        span.extra.update(month_from=ma, from_year_before=True)
        cands[i] = span
        drop.add(i + 1)
    return [c for k, c in enumerate(cands) if k not in drop]


PLUS = re.compile(r"\s?[+＋]\s?")


def _a_month(c: Cand) -> bool:
    return c.kind == "period" and bool(c.date_parts) and c.date_parts[1] is not None \
        and c.date_parts[2] is None and "month_from" not in c.extra \
        and "month_part" not in c.extra  # (not 6月底, a part of its month)


# 23/1/2026: day, month, year, as Hong Kong, Malaysian and Singaporean outlets write a dateline
# (read after the master scan, which sees three numbers: the master pattern is at a size where
# one more alternative slows every scan; see tests/test_regex_safety.py)
# day/month/year datelines (Malaysian, Hong Kong); month/day/year only where the day cannot be a
# month (07/28/2022, a portal's US-style timestamp)
DMY = re.compile(r"(3[01]|[12][0-9]|0?[1-9])/(1[0-2]|0?[1-9])/((?:19|20)[0-9]{2})(?![0-9/])"
                 r"|(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|2[0-9]|1[3-9])/(?P<y>(?:19|20)[0-9]{2})(?![0-9/])")


def join_dmy(cands: list[Cand], folded: str) -> list[Cand]:
    """The three numbers of each day/month/year date, replaced by the date."""
    if "/" not in folded:  # every date of DMY has one; most articles none (a scan saved)
        return cands
    dates = []
    for m in DMY.finditer(folded):
        if m.start() and folded[m.start() - 1] in "0123456789./":
            continue  # 1.23/1/2026, 123/1/2026: not a dateline
        c = Cand(m.start(), m.end(), "date")
        if m["y"]:
            c.date_parts = (int(m["y"]), int(m["m"]), int(m["d"]))
            c.extra["date_order"] = "month/day/year"
        else:
            c.date_parts = (int(m[3]), int(m[2]), int(m[1]))
            c.extra["date_order"] = "day/month/year"
        dates.append(c)
    if not dates:
        return cands
    kept = [c for c in cands if (d := last_before(dates, c.start + 1)) is None or c.start >= d.end]
    return sorted(kept + dates, key=lambda c: c.start)
