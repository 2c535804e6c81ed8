"""Calendar rules: a year fused into an amount, a weekday that does not fit its date, a
period end the company's fiscal calendar contradicts.

They read dates and years rather than arithmetic, and share the document's likeliest year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal

from ..claims import Claim, growth_patterns
from ..dates import TODAY_OFFSETS, looks_back
from ..model import Mention
from ..reference import Reference
from ..textfold import fold
from .common import _overlap, _span
from .findings import Finding, Report

SESSION_BEFORE = re.compile(r"(?:美东时间|美国时间|当地时间|北京时间|美股|纽约时间)\s?$")
# 【新唐人2010年5月8日讯】星期五，…: the dateline's stamp ends at 讯/电; a weekday after it opens
# the story and names the day of its event, not the day the dispatch was filed
DATELINE_END = re.compile(r"[讯电]|消息")  # 北京11月18日电, 外媒11月18日消息：周二…
SESSION_AFTER = re.compile(r"^[，,\s]*(?:美股)?(?:开盘|收盘|盘中|盘前|盘后|交易|早盘|尾盘|美股)")
# a report dated in Beijing's early hours on a session that closed in New York or Europe
DAWN = re.compile(r"\s?(?:凌晨|清晨|早间|早上|上午)")
YEAR_INTRO = re.compile(r"(?:到|至|在|于|截至|截止|预计|预期|将在)\s?$")
# 达到20078万吨, 增至20793点: 到/至 after a verb of reaching leads to an amount, not a year
REACHED = re.compile(r"(?:[达增减升降涨跌提回攀扩缩]|增加|减少|提高|上升|下降|扩大|缩小)"
                     r"\s?(?:到|至)\s?$")


def _fused_year(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    amounts = [c.mention for c in claims if c.mention.kind in ("money", "count")]
    for m in amounts:
        digits = m.number_text.replace(" ", "")
        head = re.match(r"\d+", digits)
        if head is None or len(head.group()) < 5 or "," in digits:
            continue
        year = int(head.group()[:4])
        if not 1990 <= year <= 2100:
            continue
        rest = head.group()[4:]
        before = folded[max(0, m.start - 4):m.start]
        # (a move is no peer: 收報20793點，升647點 is an index and its day's move)
        others = [o.value for o in amounts if o is not m and o.unit == m.unit
                  and isinstance(o.value, Decimal | int) and o.value
                  and not _moved(folded, o)]
        outlier = bool(others) and isinstance(m.value, Decimal | int) and \
            m.value >= 20 * max(Decimal(o) for o in others) and (
                len(rest) >= 2 or m.multiplier != 1)
        # (澳門居民達到20636人 beside 274人: 2063年 + 6人 is no amount a story states; a year
        # fused into an amount leaves one: 2025年 + 500人, 2030年 + 5億美元)
        intro = YEAR_INTRO.search(before) and \
            not REACHED.search(folded, max(0, m.start - 6), m.start)
        if not (intro or outlier):
            continue
        tail = m.text[m.text.find(head.group()) + len(head.group()):]
        reading = f"{year}年 + {rest}{tail}"
        note = " (the amount after the year looks lost)" if rest.strip("0") == "" else ""
        report.findings.append(Finding(
            "fused-year", "error", [_span(m)],
            f"{m.text} looks like the year {year} fused into an amount: likely {reading}{note}",
            expected=f"a year ({year}年) followed by an amount", found=m.text,
            mentions=(m,), evidence={"year": year, "remaining_digits": rest}))
        report.checked.add(m.start)
    _fused_grouped(folded, claims, report)


def _moved(folded: str, m: Mention) -> bool:
    """The figure is a rise or a fall (升647點, 减少91万吨), by the one cue table."""
    up, down = growth_patterns()
    before = folded[max(0, m.start - 8):m.start]
    return bool(up.search(before) or down.search(before))


FUSED_GROUPED = re.compile(r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?P<rest>\d{1,3})"
                           r"(?P<groups>(?:,\d{3})+(?:\.\d+)?)")


def _fused_grouped(folded: str, claims: list[Claim], report: Report) -> None:
    """20262,500亿元 (2026年 + 2,500亿元): a thousands group after five digits is no number;
    the extraction reads 20262 and 500亿元, the text is the year fused into the amount."""
    for hit in FUSED_GROUPED.finditer(folded):
        tails = [c.mention for c in claims if hit.start() < c.mention.start < hit.end()
                 and c.mention.kind in ("money", "count") and c.mention.end > hit.end()]
        if not tails:
            continue
        tail = tails[0]
        amount = hit.group("rest") + hit.group("groups") + folded[hit.end():tail.end]
        text = report.text[hit.start():tail.end]
        report.checked.add(tail.start)
        report.findings.append(Finding(
            "fused-year", "error", [(hit.start(), tail.end)],
            f"{text} looks like the year {hit.group('year')} fused into an amount: likely "
            f"{hit.group('year')}年 + {amount}",
            expected=f"a year ({hit.group('year')}年) followed by an amount", found=text,
            mentions=(tail,), evidence={"year": hit.group("year"), "remaining_digits": amount}))


# 每周二和周五…航班, 逢星期六: a weekday that recurs (after 每 / 逢, or in a list after one)
# names no date
RECURRING = re.compile(r"(?:每|逢)个?$")
WEEKDAY_LIST = re.compile(r"(?:(?:周|星期|礼拜)[一二三四五六日天]\s?[和、及与或至到]\s?)+$")


def _recurring(folded: str, w: Mention) -> bool:
    before = folded[max(0, w.start - 20):w.start]
    listed = WEEKDAY_LIST.search(before)
    if listed is not None:
        before = before[:listed.start()]
    return RECURRING.search(before) is not None


def _weekday(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    dates = [c.mention for c in claims if c.mention.kind == "date"]
    likely = _likely_year(claims, folded)
    days = []
    for m in dates:
        if "weekday" in m.extra or not isinstance(m.value, str):
            continue
        if len(m.value) == 10:
            days.append(m)
        elif m.value.startswith("--") and likely:
            # 11月18日（周二） with no full date: test against the year the document
            # mentions most (2025年第三季度); the extraction itself keeps --11-18
            try:
                dt.date.fromisoformat(f"{likely}{m.value[1:]}")
            except ValueError:
                continue
            days.append(replace(m, value=f"{likely}{m.value[1:]}", extra={**m.extra,
                                "year_from": f"most-mentioned year {likely}"}))
    weekdays = [m for m in dates if "weekday" in m.extra and not _recurring(folded, m)]
    for w in weekdays:
        para = next((c.paragraph for c in claims if c.mention is w), (0, len(folded)))
        target = None
        # (a) written next to each other: 12月9日（周一）, 周一（12月9日）
        for d in days:
            if (0 <= w.start - d.end <= 3 and not DATELINE_END.search(folded, d.end, w.start)) \
                    or 0 <= d.start - w.end <= 3:
                target, how = d, "written next to it"
                break
        # (b) the same trading session: 美东时间12月9日 … 周一盘中
        if target is None and SESSION_AFTER.match(folded[w.end:w.end + 6]):
            earlier = [d for d in days if para[0] <= d.start < w.start]
            if earlier:
                d = earlier[-1]
                if folded.rfind("北京时间", max(0, d.start - 6), d.start) >= 0 \
                        and DAWN.match(folded, d.end):
                    continue  # 北京时间9月28日凌晨…纽约…周四收盘: the session was the day before
                if SESSION_BEFORE.search(folded[max(0, d.start - 6):d.start]) or \
                        SESSION_AFTER.match(folded[d.end:d.end + 8]):
                    target, how = d, "both describe the same trading session"
        if target is None:
            continue
        day = dt.date.fromisoformat(target.value)
        stated = int(w.extra["weekday"])
        report.checked.update({w.start, target.start})
        if day.isoweekday() == stated or _other_year_fits(target, day, stated, days) \
                or _month_before_fits(target, day, stated, days):
            continue
        names = "一二三四五六日"
        verdict, likelier = _which_day(claims, ref, para, day, stated)
        weekday = f"周{names[day.isoweekday() - 1]}"
        expected, found = weekday, w.text
        evidence = {"date": target.value}
        if likelier == "date":  # the weekday is right: what should change is the date
            other = day + dt.timedelta(days=stated - day.isoweekday())
            expected, found = _written_like(target.text, other), target.text
            evidence["suggestion"] = f"{target.text} is likely {expected}"
        elif likelier == "weekday":
            evidence["suggestion"] = f"{w.text} is likely {weekday}"
        # a month-day's year taken from the years the story mentions is a guess, not a fact
        # the text states: a mismatch under it is a warning
        severity = "warning" if "year_from" in target.extra else "error"
        report.findings.append(Finding(
            "weekday-mismatch", severity, [_span(w), _span(target)],
            f"{w.text} does not fit {target.text} ({how}): {target.value} is a "
            f"{day.strftime('%A')} ({weekday}){verdict}",
            expected=expected, found=found, mentions=(w, target), evidence=evidence))


def _written_like(written: str, day: dt.date) -> str:
    """``day`` in the form of ``written`` (12月9日 -> 12月8日, 2025年12月9日 -> 2025年12月8日);
    ISO when the form is not one of these."""
    m = re.fullmatch(r"(?:(\d{4})\s?年\s?)?(\d{1,2})\s?月\s?(\d{1,2})\s?([日号號])", written)
    if not m:
        return day.isoformat()
    year = f"{day.year}年" if m.group(1) else ""
    return f"{year}{day.month}月{day.day}{m.group(4)}"


SESSION_METRICS = ("close_change_pct", "close", "close_change")


def _which_day(claims: list[Claim], ref: Reference, para: tuple[int, int], day: dt.date,
               weekday: int) -> tuple[str, str | None]:
    """Which of the two is wrong, when reference rows can tell: the closes the paragraph
    reports (道指跌0.45%, 纳指跌0.14%) are compared with the rows of the written date and of
    the date in the same week that has the written weekday."""
    other = day + dt.timedelta(days=weekday - day.isoweekday())
    votes = {day: [], other: []}
    for c in claims:
        m = c.mention
        if not (para[0] <= m.start < para[1]) or not c.entity or c.metric not in SESSION_METRICS:
            continue
        lo, hi = c.signed_interval
        for when in votes:
            for row in ref.lookup(c.entity, c.metric, when.isoformat()):
                tol = abs(row.value) * (row.tolerance or Decimal(0))
                if _overlap((lo, hi), (row.value - tol, row.value + tol)):
                    votes[when].append(m.text)
    if len(votes[other]) > len(votes[day]):
        return (f"; the reported closes ({', '.join(votes[other][:4])}) match the reference rows "
                f"for {other.isoformat()}, a {other.strftime('%A')}, and not those for "
                f"{day.isoformat()}: the date is the likelier error"), "date"
    if len(votes[day]) > len(votes[other]):
        return (f"; the reported closes ({', '.join(votes[day][:4])}) match the reference rows "
                f"for {day.isoformat()}: the weekday is the likelier error"), "weekday"
    return "", None


def _month_before_fits(target: Mention, day: dt.date, weekday: int,
                       days: list[Mention]) -> bool:
    """周一(31日) in a week's review dated 5 January: a day-only date later in the month than
    the dateline it took its month from may be of the month before (the story looks back),
    as likely as of a day to come; when the weekday fits that month's day, the month is what
    is ambiguous, not the weekday."""
    if "月" in target.text:
        return False
    lines = [dt.date.fromisoformat(d.value) for d in days  # the first date with its month:
             if "月" in d.text and d.start < target.start]  # the dateline
    if not lines or (lines[0].year, lines[0].month) != (day.year, day.month) \
            or day.day <= lines[0].day:
        return False
    before = day.replace(day=1) - dt.timedelta(days=1)
    try:
        return before.replace(day=day.day).isoweekday() == weekday
    except ValueError:
        return False


def _other_year_fits(target: Mention, day: dt.date, weekday: int, days: list[Mention]) -> bool:
    """A month-day written without its year (除息基准日订于3月18日（周三）) took the year
    of an earlier mention (2025年12月); when the weekday fits the same month-day in the
    dateline's year (or the next, for a month-day before the dateline's), the year is what
    is ambiguous, not the weekday."""
    if re.search(r"\d{2,4}\s?年|[〇零一二三四五六七八九]{2,4}年", target.text) \
            or "月" not in target.text:
        return False  # (a day-only 31日 is dated by its month, never moved a year)
    anchors = [dt.date.fromisoformat(d.value) for d in days
               if re.search(r"\d{4}\s?年", d.text) and isinstance(d.value, str)]
    if not anchors:
        return False
    anchor = anchors[0]  # the dateline: a bare month-day is at most a year after it
    year = anchor.year + (1 if (day.month, day.day) < (anchor.month, anchor.day) else 0)
    for candidate in {anchor.year, year} - {day.year}:
        try:
            other = day.replace(year=candidate)
        except ValueError:
            continue
        if other.isoweekday() == weekday:
            return True
    return False


PERIOD_AFTER_DATE = re.compile(r"(?:止)?\s?(?:的|之)?\s?$")


def _fiscal_end(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """截至2025年10月27日的第三财季 for Nvidia, whose FY2026Q3 ended on 2025-10-26: a period
    end that the company's fiscal calendar (``period_end`` reference rows) contradicts."""
    for i, c in enumerate(claims[:-1]):
        d, nxt = c.mention, claims[i + 1]
        if d.kind != "date" or not isinstance(d.value, str) or "weekday" in d.extra:
            continue
        if nxt.mention.kind != "period" or not PERIOD_AFTER_DATE.fullmatch(
                folded[d.end:nxt.mention.start]) or nxt.mention.start - d.end > 3:
            continue
        entity = nxt.entity or c.entity
        key = fold(nxt.mention.text).replace(" ", "")
        period = ref.period_aliases.get((entity, key)) if entity else None
        if not period:
            continue
        for row in ref.lookup(entity, "period_end", period):
            end = str(int(row.value))
            expected = f"{end[:4]}-{end[4:6]}-{end[6:]}"
            stated = d.value if len(d.value) == 10 else f"{end[:4]}{d.value[1:]}"
            report.checked.update({d.start, nxt.mention.start})
            if stated == expected:
                continue
            report.findings.append(Finding(
                "fiscal-period-end", "error", [_span(d), _span(nxt.mention)],
                f"{d.text} is not the end of {entity}'s {nxt.mention.text} ({period}): it ended "
                f"on {expected} per {row.row_id} ({row.source})",
                expected=expected, found=d.text, mentions=(d, nxt.mention),
                evidence={"reference_row": row.row_id, "source": row.source,
                          "entity": entity, "period": period}))




AHEAD_BEFORE = re.compile(r"(?:对|预计|预期|预测|预估|估计|展望|(?<!截)[到至]|将于|将在)\s?$")


SAME_PERIOD_YEAR = re.compile(r"((?:19|20)\d\d)\s?年\s?同(?:期|月|季)")


def _likely_year(claims: list[Claim], folded: str = "") -> int | None:
    """The year the document mentions most, as the year of a month-day written without one;
    a year the story only looks back to (自2021年…以来) is no vote."""
    years: dict[int, int] = {}
    # 低於2019年同期的95.2%: a year the story compares with the same days of is not its own
    compared = {int(y) for y in SAME_PERIOD_YEAR.findall(folded)}
    for c in claims:
        v = c.mention.value
        m = c.mention
        if looks_back(m.start, m.end, folded) or (folded and AHEAD_BEFORE.search(
                folded, max(0, m.start - 3), m.start)):
            continue  # (对2024年经济成长…的预测, 预计2025年: a year the story looks ahead to)
        y = None
        if c.mention.kind == "year" and isinstance(v, int | Decimal):
            # 去（2025）年: last year is 2025, so the story's year is 2026
            y = int(v) - TODAY_OFFSETS.get(m.extra.get("relative_year"), 0)
        elif c.mention.kind in ("period", "date") and isinstance(v, str) and v[:4].isdigit():
            y = int(v[:4])
        if y and 1900 <= y <= 2100 and y not in compared:
            years[y] = years.get(y, 0) + 1
    if not years:
        return None
    ranked = sorted(years, key=lambda y: (-years[y], y))
    if years[ranked[0]] * 3 < sum(years.values()) * 2:
        # 2020年, 2022年, 2023年, 2026年 in the background paragraphs: no year is the story's,
        # and a bare month-day's year is unknowable (a guessed year raised a false error)
        return None
    return ranked[0]
