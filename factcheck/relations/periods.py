"""The span of months a figure covers (9月, 第3季, 前三季, 1-11月, 上半年, 全年).

Only what sub-period relations need: a month is inside its quarter, a quarter inside the
first three quarters, all inside the year. Read from the figure's own clause, never
inherited from another sentence, so that a wrong period cannot bind two figures.
"""

from __future__ import annotations

import bisect
import re

from ..numerals import read_number

_N = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(_N + r"\s?(?:月份?)?\s?[-~～至到]\s?" + _N + r"\s?月份?"), "months"),
    # (较前1个月, 比前一个月: the month before, compared with; not the year's first month)
    (re.compile(r"(?:(?<![较比])前|首|头|累计|累积)\s?" + _N + r"\s?个?月"), "first_months"),
    # 现财年9个月, 本财政年首9个月: the fiscal year's first months (its own calendar)
    (re.compile(r"(?:财年|财政年)(?:的|内)?\s?(?:首|头|前)?\s?" + _N + r"\s?个月"), "first_months"),
    # 截至9月30日止九个月, 截至12月底止的3个月: the months ending at the stated month
    (re.compile(r"截至" + _N + r"\s?月(?:底|末|\s?\d{1,2}\s?日)?止?的?" + _N + r"\s?个月"),
     "months_to"),
    (re.compile(r"(?:前|首|头)\s?" + _N + r"\s?(?:季度|季)"), "first_quarters"),
    (re.compile(r"(?:第" + _N + r"\s?(?:季度|季)|Q([1-4])|" + _N + r"\s?季度)"), "quarter"),
    # 首季, 今年首季: the first quarter (Hong Kong, Macau, Malaysia); not 首季度增长 of 首3季
    (re.compile(r"首季(?:度)?(?![0-9一二三四])"), "q1"),
    (re.compile(r"[上首]半(?:财|财政)?年|中期"), "h1"),  # 首半年: Malaysia, Singapore
    (re.compile(r"下半(?:财|财政)?年"), "h2"),
    # 全年, 全年度; a bare 年度 is as often a target (年度目标) or a label as the year's flow
    (re.compile(r"全年度?"), "year"),
    # 2025年營收1637.53億元: a year with no month, quarter or half after it is the whole year
    (re.compile(r"(?:19|20)\d{2}\s?年(?![\s\d一二三四五六七八九十]*月|\s?(?:第|前|首|上半|下半|[Qq]"
                r"|底|末|初|中|以来|来|[一二三四]季|同期|同月|同季))"), "year"),
    # 8月中旬 is part of a month, 8月中国外贸出口 the month itself
    # 截至9月, 至2025年9月: a point in time that a cumulative runs to, not the month itself
    (re.compile(r"(?<!\d)(?<![至到止])(?<![至到止]\d{4}年)" + _N + r"\s?月(?!底|初|中[上下]?旬"
                r"|中[，,。的]|末|\d|份?[-~～至到]|份?以来|份?起|份?开始)"),
     "month"),
    # 回升至9月份的51.2%: after a move's 至, a month with 的 labels the level it reached
    (re.compile(r"(?<=[升增降落跌涨长])至\s?" + _N + r"\s?月份?(?=的)"), "month"),
]
YEAR = re.compile(r"(20\d{2}|19\d{2})\s?(?:财政?年|年)|(今年|去年|明年)")  # 2023财年 too


def _n(s: str | None) -> int | None:
    if not s:
        return None
    value = read_number(s)
    return int(value.value) if value else None


def months(window: str) -> tuple[int, int] | None:
    """The last period expression of ``window`` as (first month, last month)."""
    found = index(window)
    return found[-1][2] if found else None


def index(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    """Every period expression of ``text`` as (start, end, months), by end: one scan per
    document, then each figure looks up the last one before it (see :func:`last_before`)."""
    out = []
    for pattern, kind in PATTERNS:
        for m in pattern.finditer(text):
            span = _span(kind, [g for g in m.groups()])
            if span:
                out.append((m.start(), m.end(), span))
    out.sort(key=lambda x: (x[1], -x[0]))
    return out


def last_before(found: list[tuple[int, int, tuple[int, int]]], ends: list[int], lo: int,
                hi: int) -> tuple[int, int] | None:
    """The months of the last expression lying inside ``lo..hi`` (``ends`` = its end list)."""
    k = bisect.bisect_right(ends, hi) - 1
    while k >= 0 and found[k][1] > lo:
        if found[k][0] >= lo:
            return found[k][2]
        k -= 1
    return None


def _span(kind: str, groups: list[str | None]) -> tuple[int, int] | None:
    nums = [n for n in (_n(g) for g in groups) if n is not None]
    if kind == "months" and len(nums) == 2 and 1 <= nums[0] <= nums[1] <= 12:
        return nums[0], nums[1]
    if kind == "first_months" and nums and 1 <= nums[0] <= 12:
        return 1, nums[0]
    if kind == "months_to" and len(nums) == 2 and 1 <= nums[1] <= nums[0] <= 12:
        return nums[0] - nums[1] + 1, nums[0]
    if kind == "first_quarters" and nums and 1 <= nums[0] <= 4:
        return 1, 3 * nums[0]
    if kind == "quarter" and nums and 1 <= nums[0] <= 4:
        return 3 * nums[0] - 2, 3 * nums[0]
    if kind == "month" and nums and 1 <= nums[0] <= 12:
        return nums[0], nums[0]
    return {"q1": (1, 3), "h1": (1, 6), "h2": (7, 12), "year": (1, 12)}.get(kind)


def previous(months: tuple[int, int] | None, basis: str | None) -> tuple[int, int] | None:
    """The months a month-on-month or quarter-on-quarter rate over ``months`` compares with
    (None for another basis, or before January)."""
    if months is None or basis not in ("mom", "qoq"):
        return None
    step = 1 if basis == "mom" else 3
    a, b = months[0] - step, months[1] - step
    return (a, b) if a >= 1 else None


def just_before(months: tuple[int, int] | None) -> tuple[tuple[int, int] | None, ...]:
    """The quarter and the month right before ``months``: what a sequential rate compares
    with."""
    return previous(months, "qoq"), previous(months, "mom")


def year(window: str) -> str | None:
    found = YEAR.findall(window)
    if not found:
        return None
    y, rel = found[-1]
    return y or rel
