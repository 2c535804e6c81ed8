"""Period, day and lone-numeral words of real outlets (issue 12), kept out of ``handlers.py``.

- ``2022/23年度``, ``2022/2023年``: a split fiscal year, the one ending in 2023 (``FY2023``),
  not a ratio; ``2023年度`` is the year 2023 (kind ``year``, the span with its 度: the gold
  files read it as a year as often as as a period);
- ``下月28日``, ``本月5日``: a day of a month named relative to the article's date; the
  month comes from the dateline (``month_offset``), never guessed;
- ``連六買``, ``连3涨``: a streak of trading days (Taiwanese market reports), a duration;
- ``7月杪``, ``6月尾``: month ends (with ``6月底``), see ``forms.MONTH_WORDS``;
- a lone ``一`` or ``几`` before a classifier: a figure only when the words make it one
  (``提前一天``, ``增加一檔``), not as an article (``最活躍的一天``) or ``前幾天``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .cand import Cand, DocContext
from .lexicon import Lexicon
from .numerals import read_int

# 2023年度 (not 2023年度过: 年 + 度过 "spent"; not 2022/2023年度, a split fiscal year)
# 2022/23年度, 2022/2023年: a split fiscal year, FY2023 (the year it ends)
# 2024/25财年, 2024-25年度, 24/25财年: the same, in the words of Hong Kong and Malaysian outlets
# (a dash or two-digit halves only before a fiscal word, and a dash only before two digits:
# 2024-25年 and 2024-2026年度 may be years)
_Y4 = r"(?:1[0-9]{3}|2[01][0-9]{2})"
ANNUAL = (r"(?<![0-9/])(?:(?:" + _Y4 + r"|[〇零一二][〇零一二三四五六七八九]{3})\s?年度"
          r"|" + _Y4 + r"/(?:[0-9]{2}|" + _Y4 + r")\s?(?:财政)?(?:年度?|财年)"
          r"|(?:" + _Y4 + r"-|2[0-9]/)[0-9]{2}\s?(?:财政年度|财年|年度))"  # 2024-2026年度: years
          r"(?![过假日])")
# 下月28日: the relative month, then the day (本月/当月/同月 the same month)
REL_MONTHS = {"本月": 0, "当月": 0, "同月": 0, "上月": -1, "上个月": -1, "下月": 1,
              "下个月": 1, "次月": 1}
_DAY = (r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?"
        r"|[一二三四五六七八九])")
REL_MONTH_DAY = (r"(?:本月|当月|同月|上个?月|下个?月|次月)\s?" + _DAY + r"\s?[日号]")
REL_MONTH_PARSE = re.compile(r"(?P<r>本月|当月|同月|上个?月|下个?月|次月)\s?(?P<d>" + _DAY
                             + r")\s?[日号]")
# 連六買, 连3涨, 連四黑: N days in a row of net buying, gains, black candles ...
STREAK = (r"(?<=连)(?:[0-9]{1,2}|[二三四五六七八九十两]{1,3})"
          r"(?=[买卖涨跌红黑升降扬挫](?![0-9一二三四五六七八九十两]))")


def h_annual(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """2022/23年度: the fiscal year ``FY2023``; 2023年度: the year 2023."""
    text = re.sub(r"\s?(?:财政)?(?:年度?|财年)$", "", m.group(0))
    if "/" in text or "-" in text:  # 2022/23年度: the fiscal year ending in 2023
        first, second = re.split("[/-]", text)
        first = first if len(first) == 4 else "20" + first  # 24/25财年
        end = int(second) if len(second) == 4 else int(first[:2] + second)
        if end != int(first) + 1:
            return None
        c = Cand(m.start(), m.end(), "period", value=f"FY{end}")
        c.extra["period_basis"] = "split year: the fiscal year ending in the second"
        return c
    year = read_int(text)
    if year is None:
        return None
    return Cand(m.start(), m.end(), "year", value=Decimal(year))


def h_rel_month_day(m: re.Match[str], folded: str, ctx: DocContext,
                    lex: Lexicon) -> Cand | None:
    """下月28日: a day whose month is the dateline's month shifted (resolved in dates)."""
    p = REL_MONTH_PARSE.match(m.group(0))
    if p is None:
        return None
    day = read_int(p["d"])
    if day is None or not 1 <= day <= 31:
        return None
    c = Cand(m.start(), m.end(), "date")
    c.date_parts = (None, None, day)
    if p["r"] not in ("同月", "当月"):  # 同月28日: the month in discussion, as 28日 is
        c.extra["month_offset"] = REL_MONTHS[p["r"]]
    return c


def h_streak(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """連六買: six trading days in a row, a duration in days."""
    n = read_int(m.group(0))
    if n is None or n < 2:
        return None
    return Cand(m.start(), m.end(), "duration", value=Decimal(n), unit="day")


# Words before 一 that make it the indefinite article or a relative (下一年, 有一天, 另一家,
# 最新一个交易日); 的 before 一天/一年 too (最活躍的一天, 充满挑战的一年)
INDEFINITE_BEFORE = set("下上这那某每哪任同有另其前后第单唯统万之新")
# ... but 提前一天, 推迟一周: a shift by one unit of time is a duration
ONE_SHIFT_BEFORE = re.compile(r"(?:提前|提早|推迟|延后|延迟|延长|缩短)\s?$")
# 增加一檔, 减少一家: a change by one is a count of one
ONE_CHANGE_BEFORE = re.compile(r"(?:增加|减少|新增|净增|净减)了?\s?$")
# 前几天, 这几年, 过去几个月: "the last few days", no figure
TIME_KINDS = ("duration", "date", "period")


def lone_one_is_figure(kind: str, folded: str, start: int) -> bool:
    """Whether a lone 一 before a classifier (no qualifier, no multiplier) is a figure."""
    before = folded[max(0, start - 3):start]
    if kind == "count":
        return bool(ONE_CHANGE_BEFORE.search(before))
    if kind in TIME_KINDS:
        if ONE_SHIFT_BEFORE.search(before):
            return kind == "duration"
        return before[-1:] not in INDEFINITE_BEFORE and not (
            kind == "duration" and before.endswith("的"))
    return True
