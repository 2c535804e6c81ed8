"""Handlers for the written forms of regional outlets (issue 12), kept out of ``handlers.py``.

ROC (民國) dates, month ends and parts (``6月底``, ``10月上旬``), vague digit counts
(``双位数``), the bare ``万点`` level, and the name shapes of ``non_figures.csv``
(``沪深300``, ``3奈米``) that make a number part of a name rather than a figure.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from . import trie
from .cand import Cand, DocContext
from .lexicon import Lexicon
from .numerals import read_int as _int
from .textfold import MIDDOTS

ROC_OFFSET = 1911
# ROC (民國) dates: 114/12/31, compact 1141231 (years 100..119 = 2011..2030), 114年12月(31日).
# The master pattern holds no groups for them (every group there costs on each backtrack);
# the handlers re-read the match with the grouped patterns below.
ROC_DATE = (
    r"(?:民国\s?)?(?<![0-9.])1[01][0-9]"
    r"(?:/(?:1[0-2]|0?[1-9])/(?:3[01]|[12][0-9]|0?[1-9])|\.(?:1[0-2]|0?[1-9])\.(?:3[01]|[12][0-9]|0?[1-9])"
    r"|-(?:1[0-2]|0?[1-9])-(?:3[01]|[12][0-9]|0?[1-9])"
    r"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))(?![0-9.,%])"
    # 98/07/21: a two-digit ROC year (1971..2010) written with slashes (Taiwan only, below)
    r"|(?:民国\s?)?(?<![0-9./])[6-9][0-9]/(?:1[0-2]|0[1-9])/(?:3[01]|[12][0-9]|0[1-9])(?![0-9./%])"
    r"|(?:民国\s?)?(?<![0-9.])1[01][0-9]\s?年\s?(?:1[0-2]|0?[1-9])\s?月"
    r"(?:\s?(?:3[01]|[12][0-9]|0?[1-9])\s?[日号]|份|底|末)?"
)
# 20221206鄭淑芳/台北報導: a compact YYYYMMDD opening a line (a dateline before the byline)
COMPACT_DATE = (r"(?<![^\n])(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
                r"(?![0-9.,%]|\s?[万亿元张股])")
ROC_PARSE = re.compile(
    r"(?P<minguo>民国\s?)?(?P<y>1[01][0-9]|[6-9][0-9](?=/))(?:(?P<sep>[/.\-])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
    r"|(?P<m7>[0-9]{2})(?P<d7>[0-9]{2})$|\s?年\s?(?P<ym>[0-9]{1,2})\s?月(?:\s?(?P<yd>[0-9]{1,2})|(?P<end>底|末))?)")
MONTH_PART_PARSE = re.compile(
    r"(?:(?P<y>[0-9〇零一二]{4})\s?年\s?|(?P<r>今年|去年|明年|前年|同年|当年)\s?)?"
    r"(?P<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九])\s?月(?P<w>底|末|杪|尾|初|中旬|上旬|下旬)$")
# a date word before a compact ROC date (截至1141231) makes it a date outside Taiwanese text too
ROC_CUES = re.compile(r"(?:截至|截止|基准日|日期|日|于|至)\s?$")
# 前5个月, 首8个月, 1~8月, 1月份-7月份, 1至11月份: the months from the first to the last
# (提前1个月, 此前3个月: 前 ends a word there, and the months are a duration)
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_Y = r"(?:(?:1[0-9]{3}|2[01][0-9]{2})\s?年\s?|(?:今年|去年|明年|前年|同年|当年)\s?)?"
MONTH_RANGE = (
    _Y + r"(?:(?:(?<![提之以此日目当])前|首|(?<![开起带码枪])头)\s?(?:" + _M + r"|两)"
    r"\s?个?月(?![底末0-9])"
    r"|(?<![0-9.])" + _M + r"\s?(?:月份?)?\s?[-~～至到]\s?" + _M + r"\s?月份?(?![0-9日号])"
    r")"
)
MONTH_RANGE_PARSE = re.compile(
    r"(?:(?P<y>1[0-9]{3}|2[01][0-9]{2})\s?年\s?|(?P<r>今年|去年|明年|前年|同年|当年)\s?)?"
    r"(?:(?:前|首|头)\s?(?P<n>" + _M + r"|两)\s?个?月"
    r"|(?P<a>" + _M + r")\s?(?:月份?)?\s?[-~～至到]\s?"
    r"(?P<b>" + _M + r")\s?月份?)")
# 7月杪 (Malaysian, literary), 6月尾 (Hong Kong): month ends like 6月底
MONTH_PART = {"底": "end", "末": "end", "杪": "end", "尾": "end", "初": "early", "上旬": "early",
              "中旬": "mid", "下旬": "late"}
MONTH_WORDS = "底|末|杪|尾(?![盘市声款数])|初|中旬|上旬|下旬"  # 6月尾盘 is not a month end
# 个位数, 双位数, 三位数: the number of digits of a percent, as the interval it allows: 双位数
# is 10% up to (not including) 100% (15.5% has two digits), 三位数 100..1000
PLACES = {"个": 1, "单": 1, "双": 2, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
# 高/中/低 before it: the upper, middle or lower third of that range
PLACE_THIRDS = {"低": (1, 3), "中": (4, 6), "高": (7, 9)}
PRICE_BEFORE = re.compile(r"(?:股价|价格|价|报)[^，,。；;、\s]{0,6}$")
# the sizes of constituent indices (沪深300, 中证500, 上证180): 300信息 is 沪深300信息技术
INDEX_SIZES = ("1000", "800", "500", "300", "180", "100", "50")


# 下午1時05分, 13时45分, 9时半, 8點45分: a clock time (the contract has no time of day); before the
# 时 suffix of non_figures.csv, which alone would leave the minutes as a count
_DAY_PARTS = ("上午", "下午", "凌晨", "晚上", "中午", "早上", "傍晚", "今早", "今晚")
CLOCK_TIME = (r"(?<![0-9.])(?:[01]?[0-9]|2[0-4])\s?(?:时\s?(?:[0-5]?[0-9]\s?分(?!之|钟)|半)"
              r"|点\s?[0-5]?[0-9]\s?分(?!之|钟))"  # 8 點 45 分 too; 下午3點半, 凌晨2點: after a
              # time of day, an hour (one class test on their last characters first)
              + f"|(?<=[{''.join(sorted({w[-1] for w in _DAY_PARTS}))}])(?:"
              + "|".join(f"(?<={w})" for w in _DAY_PARTS)
              + r")(?:[01]?[0-9]|2[0-4])\s?点(?:\s?半)?(?![0-9])")
# 2021-04-12 10:43:27: a clock time with seconds (the seconds are no count)
CLOCK_SECONDS = r"(?<![0-9.:])(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9][:：][0-5][0-9](?![0-9])"
# 吉利徑2號, 中山路123號: a street address, not the 2nd of a month (see named_addresses);
# 1座5樓G室, 12樓A室: a flat's tower, floor and room (a tower count, 興建3座, has no floor after it)
ADDRESS = (r"(?<=[径道街路巷弄])[0-9]{1,4}\s?号(?![0-9])"
           r"|(?<![0-9.])[0-9]{1,2}\s?座\s?[0-9]{1,3}\s?楼(?:\s?[A-Z0-9]{1,2}\s?室)?"
           r"|(?<![0-9.])[0-9]{1,3}\s?楼\s?[A-Z][0-9]?\s?室"
           # 5座高層5室, 硃鳳樓低層20室: a flat's number after its floor level
           r"|(?:(?<=[高中低顶]层)|(?<=[高中低顶]层\s))[0-9]{1,3}\s?室")
# 日出康城第8期, 日出康城12期, Wetland Seasons Park第2期: a housing estate's phase, a name (after
# the estate's last character or a Latin name), not an ordinal or a count of installments
PHASE = (r"(?<=[城苑园邨湾轩阁峰庭居廊汇府A-Za-z])\s?第?\s?"
         r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s?期(?![间内末货指初中限满望待权])"
         # 易手的1期1座高層G室: a phase before the block of an estate, whatever precedes it
         r"|(?<![0-9.])[0-9]{1,2}\s?期(?=\s?[0-9]{1,2}\s?座)")
# 生命周期(20-35)指数: a bracketed band that labels an index or fund, not a range of figures
LABEL_BAND = r"(?<=[\u4e00-\u9fff])[(（][0-9]{1,3}\s?[-–~～][0-9]{1,3}[)）](?=指数|基金|型|组合)"
# 02-2345-6789, (02)2345-6789: a telephone number
PHONE = (r"(?<![0-9.\-])(?:0[0-9]{1,3}-|[(（]0[0-9]{1,3}[)）]\s?)[0-9]{3,4}-?[0-9]{4}(?![0-9])"
         # 電話：2582 5042, 热线:2345-6789: a number the text calls a telephone's
         r"|(?:(?<=[话話线])|(?<=[话話线][:：])|(?<=[话話线][:：]\s)|(?<=[话話线]\s))"
         r"[0-9]{4}[\s\-]?[0-9]{4}(?![0-9])")
# 騰訊(700), 【293】國泰航空: a Hong Kong stock code in brackets right after a name or opening
# a headline tag (four to six digits are matched by the master's ``code``)
BRACKET_CODE = (r"(?<=[\u4e00-\u9fffA-Za-z])[(（](?:[0-9]{1,3}|[一二三四五六七八九十])[)）]"
                r"(?![0-9]|\s?[日号%])"  # 分析組(二): a section's number, like 騰訊(700)
                r"|【[0-9]{1,5}】")


_DIGIT, _CN = "0-9", "一二三四五六七八九十"
NAME_FIRSTS = rf"\s第{_DIGIT}{_CN}(（【"  # every name shape opens with one of these


def name_shapes(lex: Lexicon, digits_after: str) -> str:
    """Blocker source for the name shapes: prefix + number (沪深300), number + suffix (3奈米).

    ``digits_after`` is what may not follow a prefixed number for it to be a name (a unit,
    a multiplier: 台湾50家 counts companies).
    """
    digit, cn = f"[{_DIGIT}]", f"[{_CN}]"
    # (what holds where a part can start, part): _guarded skips a run of parts with one
    # test where the scanner stands where none can start. Clock times and addresses: 1-4
    # digits, then (a space and) 时, 点, a colon, 号, 座 or 楼; telephone numbers: 0 or (0,
    # else eight digits in two fours
    parts = [(r"[0-9]{1,4}\s?[时点:：号座楼室]", CLOCK_TIME + "|" + CLOCK_SECONDS + "|" + ADDRESS),
             (rf"[\s第{_DIGIT}{_CN}]", PHASE), ("[(（]", LABEL_BAND),
             (r"(?:0|[(（]0|[0-9]{4}[\s\-]?[0-9]{4})", PHONE), ("[(（【]", BRACKET_CODE)]
    # 台新2000高科技基金, 沪深300指数基金: a number inside a fund's name (the words after it end
    # in 基金 or ETF and open with no unit, place word or 多/大: 14只基金 counts funds)
    measures = "".join(sorted({re.escape(f) for f in lex.units if len(f) == 1}))
    parts.append((digit, rf"(?<![0-9.,])[0-9]{{2,4}}"
                         rf"(?=(?![{measures}十百千万亿兆多余大强年月日号点])"
                         rf"[\u4e00-\u9fff]{{1,6}}?(?:基金|ETF))"))
    if lex.name_prefixes:
        # starts at the digits (a lookbehind per prefix), so common first characters of the
        # prefixes (中, 上, 台) do not open the scanner's gate
        lasts = "".join(sorted({re.escape(p[-1]) for p in lex.name_prefixes}))
        behind = "|".join(f"(?<={re.escape(p)})|(?<={re.escape(p)} )" for p in lex.name_prefixes)
        # (one digit too: a model after its brand, 小米9, 荣耀9; 台湾5月 stays a month)
        parts.append((digit, rf"(?:(?<=[{lasts}])|(?<=[{lasts}] ))(?:{behind})[0-9]{{1,4}}"
                      rf"(?![0-9.,%]|\s?(?:{digits_after}))"))
    if lex.name_suffixes:
        # a Latin suffix ends at a word's end (5nm, not 5nmol); a Chinese one anywhere (三季报A股)
        latin = [p for p in lex.name_suffixes if p[-1].isascii()]
        suffixes = "|".join(x for x in (
            _tree([p for p in lex.name_suffixes if not p[-1].isascii()]),
            f"(?:{_tree(latin)})(?![A-Za-z])" if latin else "") if x)
        # a suffix follows the whole run of the number's characters (none of them opens one)
        firsts = "".join(sorted({re.escape(p[0]) for p in lex.name_suffixes}))
        # (a list before it shares it: 5、10日線 are two moving averages, 22/28奈米 two nodes)
        run = "(?:[0-9.]{1,5}+|[一二三四五七八九十]{1,3}+)"
        one = r"(?:[0-9]{1,3}(?:\.[0-9])?|[一二三四五七八九十]{1,3})"
        parts.append((rf"{run}(?:\s?[、和及与/]\s?{run})*+\s?[{firsts}]",
                      rf"(?<![0-9.]){one}(?:\s?[、和及与/]\s?{one})*\s?(?:{suffixes})"))
    if lex.index_sectors:
        sectors = "|".join(re.escape(p) for p in sorted(lex.index_sectors, key=len, reverse=True))
        parts.append((digit, rf"(?<![0-9.])(?<![0-9],)(?:{'|'.join(INDEX_SIZES)})(?:{sectors})"))
    for name in sorted(lex.numbered_names, key=len, reverse=True):
        # 元大台灣505萬6688張: the ETF 元大台灣50, then 5萬6688張. Starts at the digits, like
        # the prefixed names, so the scanner's gate opens only where a number is.
        head, tail = re.fullmatch(r"(.*?)([0-9]+)", name).groups()  # type: ignore[union-attr]
        parts.append((tail, rf"(?:(?<={re.escape(head)})|(?<={re.escape(head)} )){tail}"))
    # 3·15晚会, 9·11事件: textfold turned every decimal middle dot into "."; one left between
    # a month and a day names an event
    parts.append((f"[0-9]{{1,2}}[{MIDDOTS}]",
                  rf"(?<![0-9])(?:1[0-2]|0?[1-9])[{MIDDOTS}](?:3[01]|[12][0-9]|0?[1-9])"
                  rf"(?![0-9])"))
    # “五 · 一”, 十·一: the same event names in Chinese digits (the dot survives folding there)
    parts.append((cn, rf"(?<![一二三四五六七八九十])(?:十[一二]?|[一二三四五六七八九])"
                      rf"\s?[{MIDDOTS}]\s?(?:[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])"
                      rf"(?![一二三四五六七八九十百千万亿])"))
    return _guarded(parts)


def _tree(words: tuple[str, ...] | list[str]) -> str:
    """Alternation of literal words, longest first, as a guarded prefix tree (``trie``)."""
    firsts = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?=[{firsts}])" + trie.tree([([re.escape(ch) for ch in w], "")
                                          for w in sorted(words, key=len, reverse=True)])


def _guarded(parts: list[tuple[str, str]]) -> str:
    """Alternation of ``parts`` in their order, each run of neighbours with one guard (what
    holds where any of them can start) behind one lookahead (``sre`` enters every branch
    it is given: two dozen lookbehind-first parts cost more than one test where none can
    start)."""
    runs: list[tuple[str, list[str]]] = []
    for first, source in parts:
        if runs and runs[-1][0] == first:
            runs[-1][1].append(source)
        else:
            runs.append((first, [source]))
    return "|".join(f"(?={first})(?:{'|'.join(sources)})" for first, sources in runs)


def h_roc(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """114/12/31, 1141231, 民國114年12月31日, 114年10月: ROC dates (year + 1911)."""
    p = ROC_PARSE.match(m.group(0))
    if p is None:
        return None
    minguo = p["minguo"] is not None
    start = m.start() + p.start("y")  # 民國 names the calendar; the figure is the date
    year = int(p["y"])
    if year < 100 and not (minguo or ctx.locale == "TW"):
        return None  # 12/08/05 outside Taiwanese text: a day-first date or a code
    if p["ym"] is None:
        month, day = int(p["m"] or p["m7"]), int(p["d"] or p["d7"])
        if p["m7"] is not None and not (minguo or ctx.locale == "TW" or ROC_CUES.search(
                folded[max(0, m.start() - 4):m.start()])):
            return None  # 1141231 elsewhere: a code or an amount, not a date
        c = Cand(start, m.end(), "date")
    else:
        month = int(p["ym"])
        day = int(p["yd"]) if p["yd"] else None
        kind = "date" if day else "period"
        if not (minguo or ctx.locale == "TW"):  # 114年12月 outside Taiwanese text: the month only
            c = Cand(m.start() + p.start("ym"), m.end() - (1 if p["end"] else 0), kind)
            c.date_parts = (None, month, day)
            return c
        c = Cand(start, m.end(), kind)
        if p["end"]:  # 114年6月底: that month, its end
            c.extra["month_part"] = "end"
    c.date_parts = (year + ROC_OFFSET, month, day)
    c.extra["calendar"] = "ROC (民國) year + 1911"
    return c


def h_month_part(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """6月底, 10月上旬, 3月初: that month (a period, as 10月 is), the part in ``month_part``.

    A month end is often an as-of date, but 月底 also covers the last days loosely; the
    period keeps the gold files' reading and the checks' month matching.
    """
    p = MONTH_PART_PARSE.match(m.group(0))
    if p is None:
        return None
    part = MONTH_PART[p["w"]]
    month = _int(p["m"])
    if month is None or not 1 <= month <= 12:
        return None
    return _month_period(m, p, month, "month_part", part)


def h_month_range(m: re.Match[str], folded: str, ctx: DocContext,
                  lex: Lexicon) -> Cand | None:
    """前5个月 / 1~8月: a period of months, ``YYYY-MM/YYYY-MM`` (``--MM/--MM`` when the year
    is not knowable), the months in ``month_from`` and the last month as the period's month."""
    p = MONTH_RANGE_PARSE.match(m.group(0))
    if p is None:
        return None
    first, last = (1, _int(p["n"])) if p["n"] else (_int(p["a"]), _int(p["b"]))
    if first is None or last is None or not 1 <= first < last <= 12:
        return None
    return _month_period(m, p, last, "month_from", first)


def _month_period(m: re.Match[str], p: re.Match[str], month: int, key: str,
                  note: object) -> Cand:
    """A period candidate for ``month`` of the year the words give (or will be inferred)."""
    c = Cand(m.start(), m.end(), "period")
    c.date_parts = (_int(p["y"]), month, None)
    c.rel_year = p["r"]
    c.extra[key] = note
    return c


# a count of deals, not a rate: 交投錄單位數, 成交…重返單位數 (but 增長單位數 is a percent)
COUNT_BEFORE = re.compile(r"(?:交投|成交|宗数?|单数|宗|录得?|重返|个案|人数)"
                          r"[^，,。；;\d增升跌降]{0,4}$")
PERCENT_AFTER = re.compile(r"\s?(?:%|百分比|增长|增幅|跌幅|升幅)")


def h_places(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """双位数 (percent 10..100), 三位数 (100..1000), 高个位数 (7..10): vague magnitudes.

    The interval is continuous, its top the first number with one digit more: 99.5% is
    still double-digit growth (the gold's reading, benchmarks/realworld/GUIDELINES.md).
    """
    start = m.start() - (1 if m.group(0)[0] == "位" else 0)  # 双位数 opens at 位 (see extract)
    n = PLACES[folded[start]]
    lo, hi = Decimal(10) ** (n - 1), Decimal(10) ** n
    third = PLACE_THIRDS.get(folded[start - 1:start]) if start else None
    if third is not None:
        start -= 1
        unit = Decimal(10) ** (n - 1)
        lo, hi = unit * third[0], unit * (third[1] + 1)
    c = Cand(start, m.end(), "percent", unit="%", qualifier="vague")
    if PRICE_BEFORE.search(folded[max(0, start - 10):start]):
        c.kind, c.unit = "money", ctx.currency  # 股价跌至个位数: a price of single digits
        c.extra["currency_basis"] = ctx.currency_basis
    elif COUNT_BEFORE.search(folded[max(0, start - 8):start]) and not PERCENT_AFTER.match(
            folded, m.end()):
        c.kind, c.unit = "count", None  # 二手交投錄單位數, 周末僅錄得8宗成交，重返單位數水平
    c.lo, c.hi = lo, hi
    c.extra["digits"] = n
    return c


def h_wanpt(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """站上万点: 万点 alone is the 10,000-point level of an index."""
    c = Cand(m.start(), m.end(), "count", value=Decimal(10000), unit="点", number_text="万")
    c.unit_span = (m.end() - 1, m.end())
    c.multiplier = Decimal(10000)
    c.ulp = Decimal(10000)
    return c


def h_collective(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """六都, 四小龙: a numeral counting a collective noun (collectives.csv), kind count."""
    n = _int(m.group(0)[0])
    if n is None:
        return None
    c = Cand(m.start(), m.end(), "count", value=Decimal(n), number_text=m.group(0)[0])
    c.unit_span = (m.start() + 1, m.end())
    c.extra["named_group"] = True
    return c


def h_compact_date(m: re.Match[str], folded: str, ctx: DocContext,
                   lex: Lexicon) -> Cand | None:
    """20221206 at the start of a line: the date of a dateline (YYYYMMDD)."""
    text = m.group(0)
    try:
        dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
    c = Cand(m.start(), m.end(), "date")
    c.date_parts = (int(text[:4]), int(text[4:6]), int(text[6:]))
    return c


PLAIN_PERIOD = re.compile(r"(?:H[12]|Q[1-4](?:-Q[1-4])?|FY)")  # 上半年, 第3季: no year of its own


def bracket_years(cands: list[Cand], folded: str) -> list[Cand]:
    """今(2025)年1~10月, 去（114）年 12 月, 今(108)年上半年: a year written in brackets
    (Taiwanese wires) and the period right after it are one period of that year, as
    2025年1~10月 is (the gold's convention)."""
    merged: set[int] = set()
    for i, (a, b) in enumerate(zip(cands, cands[1:], strict=False)):
        if a.kind != "year" or "relative_year" not in a.extra or b.start - a.end > 1 \
                or folded[a.end:b.start].strip() or b.kind not in ("period", "date") \
                or not isinstance(a.value, Decimal):
            continue
        year = int(a.value)
        if b.date_parts and b.date_parts[0] is None:
            b.date_parts = (year, *b.date_parts[1:])
        elif isinstance(b.value, str) and PLAIN_PERIOD.fullmatch(b.value):
            b.value = f"{year}-{b.value}"
        else:
            continue
        b.start = a.start
        b.extra.update(relative_year=a.extra["relative_year"], bracket_year=year)
        merged.add(i)
    return [c for i, c in enumerate(cands) if i not in merged] if merged else cands


# 渔港路(Fishery Port Road)2号: a road named again in Latin letters before its number (the
# scanner's gate cannot reach back past the bracket, so the address is dropped after it)
ROAD_NAMED = re.compile(r"[径道街路巷弄]\s?[(（][A-Za-z][A-Za-z .'\-]{1,40}[)）]\s?$")


def named_addresses(cands: list[Cand], folded: str) -> list[Cand]:
    """The candidates without the house numbers of roads named with a bracketed Latin name."""
    return [c for c in cands if not (c.kind == "date" and folded[c.end - 1:c.end] == "号"
                                     and ROAD_NAMED.search(folded, max(0, c.start - 48),
                                                           c.start))]
