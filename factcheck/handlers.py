"""Pass 1 handlers: one per alternative of the master pattern, each turning a match into a
candidate (``Cand``) or rejecting it. The generic figure form has its own module (``generic``)."""

from __future__ import annotations

import re
from decimal import Decimal

from . import forms, periods
from .cand import Cand, DocContext
from .generic import _apply_qualifiers, _currency, _h_gen
from .lexicon import Lexicon
from .numerals import BIG_UNITS, SMALL_UNITS, Reading, read_number
from .numerals import read_int as _int
from .pattern import CB, CS, WEEKDAYS


# ---------------------------------------------------------------------------------------------
# Handlers: one per alternative of the master pattern. Each returns a Cand or None.
def _h_date_ymd(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    c = Cand(m.start(), m.end(), "date")
    c.date_parts = (_int(m["y1"]), _int(m["m1"]), _int(m["d1"]))
    return c


def _h_date_iso(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    c = Cand(m.start(), m.end(), "date")
    c.date_parts = (int(m["y2"]), int(m["m2"]), int(m["d2"]))
    return c


def _h_ym(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    if m["r3"] is None and m["y3"] is None:
        return None
    if m["y3"] is not None and "年" not in m.group(0):
        return None  # 2025 3月 without 年 is not a year-month
    c = Cand(m.start(), m.end(), "period")
    c.date_parts = (_int(m["y3"]), _int(m["m3"]), None)
    c.rel_year = m["r3"]
    return c


def _h_md(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    c = Cand(m.start(), m.end(), "date")
    c.date_parts = (None, _int(m["m4"]), _int(m["d4"]))
    c.rel_year = m["r4"]
    return c


def _h_pday(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    c = Cand(m.start(), m.end(), "date")
    day = _int(m["d5"])  # （20）日, and in Chinese digits （二十）日, （廿一）日
    if day is None or not 1 <= day <= 31:
        return None
    c.date_parts = (None, None, day)
    return c


def _h_pyear(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """今(2026)年, 去（2025）年, 今(114)年: the year the writer says this (last, next) year is."""
    year = int(m["y6"]) + (1911 if len(m["y6"]) == 3 else 0)
    c = Cand(m.start(), m.end(), "year", value=Decimal(year))
    c.extra["relative_year"] = folded[:m.start()].rstrip()[-1]  # 今, 去 or 明, before it
    return c


def _h_pmonth(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """上（11）月, 本(3)月: the month the writer says last (this) month is, bracketed as (27)日."""
    c = Cand(m.start(), m.end(), "period")
    c.date_parts = (None, _int(m["m8"]), None)
    return c


def _h_yuan_month(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """元月 is January (Taiwan: 元月房市, 2026年元月, 元月5日)."""
    c = Cand(m.start(), m.end(), "date" if m["d7"] else "period")
    c.date_parts = (_int(m["y7"]), 1, _int(m["d7"]))
    c.rel_year = m["r7"]
    return c


def _h_quarter(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    if m["qyf"]:  # 2025季: a year fused with 季 (garbled 2025年第三季); the year is what is written
        return Cand(m.start(), m.end(), "year", value=Decimal(m["qyf"]))
    c = Cand(m.start(), m.end(), "period")
    fy = m["fy"] or m["qfy_y"]
    if m["fy2"]:
        c.value = f"FY{_int(m['fy2'])}"
        return c
    fy_year = None
    if fy:
        fy_year = int(fy) + (2000 if len(fy) == 2 else 0)
    year = _int(m["qy"])
    if m["qy2"] is not None:  # 07年上半期, 09年2Q: a year written in two digits
        year = _int(m["qy2"])
        if year is not None:  # (99年第三季 in Taiwanese text: the ROC year 99, 2010)
            year += 2000 if year < 50 else forms.ROC_OFFSET if ctx.locale == "TW" else 1900
    if m["qroc"] is not None and year is not None:
        year += 1911  # 114年第三季: a ROC year (three digits, 100..119)
    if m["qyfis"] and fy_year is None:
        fy_year, year = year, None  # 2024财政年上半年 (Malaysia, Singapore): the fiscal year's H1
    if m["fy"] is not None:
        c.value = f"FY{fy_year}"
        return c
    if m["qn1"] or m["qn6"]:  # Q2, and 2Q as Taiwanese wires write it
        q = f"Q{m['qn1'] or m['qn6']}"
    elif m["qn2"]:
        q = ("FQ" if m["qk2"] == "财季" else "Q") + str(_int(m["qn2"]))
    elif m["qn3"]:
        q = ("FQ" if m["qk3"] == "财季" else "Q") + str(_int(m["qn3"]))
    elif m["ql1"] and (_int(m["ql2"]) or 0) == (_int(m["ql1"]) or 0) + 1:
        q = f"Q{_int(m['ql1'])}-Q{_int(m['ql2'])}"  # 第3、4季: two quarters listed, one span
    elif m["ql1"]:
        return None
    elif m["qpair"]:  # 一二季度: the first and second quarters
        q = f"Q{_int(m['qpair'][0])}-Q{_int(m['qpair'][1])}"
    elif m["qn5"]:  # 三季: Q3, but 连续三季 counts quarters, 「四季紅火」 all four
        n = _int(m["qn5"])
        if not (m["qy"] or m["qy2"]) and (
                QUARTER_COUNT_BEFORE.search(folded, max(0, m.start() - 4), m.start())
                or n == 4 and ALL_FOUR_BEFORE.search(folded, max(0, m.start() - 2), m.start())):
            return Cand(m.start(), m.end(), "duration", value=Decimal(n or 0), unit="quarter")
        q = f"Q{n}"
    elif m["qn4"]:
        q = f"Q1-Q{_int(m['qn4'])}"
    elif m["qmid"]:  # 2025年中期業績: a Hong Kong issuer's interim, the first half
        q = "H1"
    elif m["qhn"]:  # H1每股賺3.35元: the first half, as headlines write it
        q = f"H{m['qhn']}"
    elif m["qh"]:
        q = "H1" if m["qh"] in "上首" else "H2"  # 首半年 (Malaysia, Singapore): the first half
        if m["qhk"] == "财年":
            q = "F" + q
    elif m["qf"]:
        q = {"首": "Q1", "次": "Q2"}.get(m["qf"], "Q4")  # 首季 Q1, 次季 Q2 (SG, MY), 末季 Q4
    elif m["qm"]:  # 2024财政年首六个月: the fiscal year's first 3, 6 or 9 months
        q = {3: "Q1", 6: "H1", 9: "Q1-Q3"}[_int(m["qm"]) or 0]
    else:
        return None
    if fy_year is not None:
        c.value = f"FY{fy_year}{q.removeprefix('F')}"
    elif year is not None:
        c.value = f"{year}-{q}"
    else:
        c.value = q
        c.rel_year = m["qr"]
    return c


QUARTER_COUNT_BEFORE = re.compile(r"(?:连续|连|过去|最近|近|已|这|多达|时隔|隔了|相隔|睽违|每隔|每)\s?$")
ALL_FOUR_BEFORE = re.compile(r"(?:[「『\"“]|一年|全年)$")  # 「四季紅火」, 一年四季: all four quarters
# 连续四日, 过去7日: days counted (a duration), not a day of the month
# 掛牌首5日; 停工三日, 为期5日: a stop or a span lasts days


def _h_decade(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    n = _int(m["dec"])
    if n is None:
        return None
    year = n if n >= 1000 else 1900 + n
    c = Cand(m.start(), m.end(), "period", value=f"{year}s")
    return c


def _h_weekday(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    c = Cand(m.start(), m.end(), "date")
    rel = m["wrel"] or ""
    c.extra["weekday"] = WEEKDAYS[m["wd"]] + 1  # ISO: Monday = 1
    c.extra["week_offset"] = -1 if rel.startswith("上") else 1 if rel.startswith("下") else 0
    return c


def _h_frac(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    den_text = m["fden"]
    if all(ch in CS + CB for ch in den_text):  # 百分之, 万分之, 万万分之: a bare place word
        place = Decimal(1)
        for ch in den_text:
            place *= SMALL_UNITS.get(ch) or BIG_UNITS[ch]
        den = Reading(place, Decimal(1), Decimal(1), True)
    else:
        den = read_number(den_text)
    num_text = m["fnum"]
    if den is None or den.value == 0:
        return None
    c = Cand(m.start(), m.end(), "percent", unit="%", number_text=m.group(0))
    vague = any(ch in num_text for ch in "几数")
    if vague:
        lo = read_number(num_text.replace("几", "二").replace("数", "二"))
        hi = read_number(num_text.replace("几", "九").replace("数", "九"))
        if lo is None or hi is None:
            return None
        c.qualifier = "vague"
        c.lo = lo.value * 100 / den.value
        c.hi = (hi.value + hi.ulp) * 100 / den.value
    else:
        num = read_number(num_text)
        if num is None:
            return None
        if m["fk"]:  # 百分之15k: the Latin thousand
            num = Reading(num.value * 1000, num.ulp * 1000, num.lowest * 1000, False)
        c.value = num.value * 100 / den.value
        # 百分之六十二 is as precise as 62%; 三分之一 is an exact fraction
        c.ulp = num.ulp if den.value == 100 else None
        if m["fwhole"]:  # 三百五十又三分之一: a whole part plus the fraction
            whole = read_number(m["fwhole"])
            if whole is None:
                return None
            c.kind, c.unit = "count", None
            c.value = whole.value + c.value / 100
            c.extra["mixed_fraction"] = True
        c.value = _six_places(c.value)
    if m["fcur"]:  # 万分之几美分: a fraction of a currency unit
        code = lex.currencies[(m["fcur"], "post")]
        scale = Decimal("0.01") if code.endswith("_CENT") else Decimal(1)
        c.kind, c.unit = "money", _currency(code, ctx)
        for attr in ("value", "lo", "hi", "ulp"):
            v = getattr(c, attr)
            if v is not None:
                setattr(c, attr, v / 100 * scale)
    _apply_qualifiers(c, m["fpre"], m["fpost"], lex)
    if m["fsign"] and c.value is not None:
        c.value = -c.value
    if m["fnsign"] and c.value is not None:
        c.value = -c.value  # 负3分之负157: two signs cancel
    return c


HALF_ULP = Decimal(5)


def _h_half(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    text = m.group(0)
    if m["hunit"] == "码":  # 半码 = half a 0.25-point step of a policy rate
        return Cand(m.start(), m.end(), "pp", value=Decimal("0.125"), unit="pp")
    if m["hunit"]:
        unit = {"年": "year", "月": "month", "天": "day", "小时": "hour"}[m["hunit"]]
        return Cand(m.start(), m.end(), "duration", value=Decimal("0.5"), unit=unit)
    if text == "半百":
        return Cand(m.start(), m.end(), "count", value=Decimal(50))
    c = Cand(m.start(), m.end(), "percent", value=Decimal(5 if text.endswith("半成") else 50),
             unit="%")
    if text in ("一半", "半数"):  # 1.97兆元占3.8兆元的一半 (51.8%): a half as writers round it,
        c.ulp = HALF_ULP        # to the nearest twentieth, as 四成 is to the nearest tenth
    pre = m["hpre"] or ("过" if text.startswith(("过", "逾", "超")) else None)  # 过半, 逾半
    if pre in ("过", "超过", "逾"):
        c.qualifier = "over"
    elif pre == "近":
        c.qualifier, c.tolerance = "near", Decimal("0.1")
    elif pre == "约":
        c.qualifier, c.tolerance = "approx", Decimal("0.05")
    elif pre in ("不足", "不到", "未及", "少于"):  # 由56.1%下降至不足一半的48.8%
        c.qualifier = "under"
    return c


def _rank_like(m: re.Match[str], group: str, flag: str) -> Cand | None:
    """第七代, 排名前三: a number that ranks (kind other), marked with ``flag``."""
    reading = read_number(m[group])
    if reading is None:
        return None
    c = Cand(m.start(), m.end(), "other", value=reading.value, number_text=m[group])
    c.extra[flag] = True
    return c


def _six_places(value: Decimal) -> Decimal:
    """A repeating quotient (1/3, 1/6) kept to six decimal places; whole numbers as they are."""
    if value == value.to_integral_value() or value.normalize().as_tuple().exponent >= -12:
        return value  # whole, or a terminating quotient (百万万分之七 = 7E-8 percent)
    return value.quantize(Decimal("0.000001")).normalize()


SECTION_LABELS = ("节", "章", "款")
ELLIPTIC_QUARTER = re.compile(r"\s?、\s?第\s?[一二三四1-4]\s?(?:财季|季度|季)(?!军)")


def _h_ordinal(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    n = _int(m["onum"])
    if m["osuf"] in SECTION_LABELS:
        return None  # 第一节 重要提示, 第2章: a filing's section label, not a rank
    if not m["osuf"] and folded[m.end():m.end() + 1].isascii() \
            and folded[m.end():m.end() + 1].isalpha():
        return None  # 第2A期, 第3B座: a phase or block named with a letter, not a rank
    if not m["osuf"] and n in (1, 2, 3, 4) and ELLIPTIC_QUARTER.match(folded, m.end()):
        return Cand(m.start(), m.end(), "period", value=f"Q{n}")  # 第三、第四季: Q3 and Q4
    return _rank_like(m, "onum", "ordinal")


def _h_group(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    reading = read_number(m["gnum2"])
    if reading is None:
        return None
    c = Cand(m.start(), m.end(), "count", value=reading.value, number_text=m["gnum2"])
    c.unit = m["gnoun"]
    c.unit_span = (m.start("gnoun"), m.end("gnoun"))
    c.extra["named_group"] = True
    return c


def _h_double(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """翻倍 = x2, 翻两番 = x4 (each 番 doubles)."""
    n = _int(m["dn"]) if m["dn"] else 1
    c = Cand(m.start(), m.end(), "multiple", value=Decimal(2) ** (n or 1), unit="x")
    c.extra["growth_basis"] = "to"
    return c


def _h_zero(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    return Cand(m.start(), m.end(), "count", value=Decimal(0), number_text="零")


def _h_ratio(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    a, b = read_number(m["ra"]), read_number(m["rb"])
    if a is None or b is None or b.value == 0:
        return None
    text = m.group(0)
    if m["rc"] and not ("." not in m["rb"] + m["rc"] and len(m["rb"]) == len(m["rc"]) == 2
                        and a.value <= 24):  # (10:30:15 is a clock time)
        # 三次产业结构为13.72:46.43:39.85: a proportion of three, no one quotient
        c = Cand(m.start(), m.end(), "ratio", value=f"{m['ra']}:{m['rb']}:{m['rc']}",
                 number_text=text)
        c.extra["ratio"] = c.value
        return c
    if ":" in text and len(m["rb"]) == 2 and a.value <= 24 and "." not in m["ra"]:
        return None  # 10:30 is a clock time
    c = Cand(m.start(), m.end(), "ratio", value=_six_places(a.value / b.value),
             number_text=text)
    c.extra["ratio"] = f"{m['ra']}:{m['rb']}"
    return c


def _h_sci(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """2e5, 12.32e+14, 2^5: exponent and power notation."""
    mant = Decimal(m["sci_m"])
    try:
        if m["sci_e"] is not None:
            value = mant.scaleb(int(m["sci_e"].replace("−", "-")))
        else:
            exp = int(m["sci_p"].replace("−", "-"))
            if abs(exp) > 60:
                return None
            value = mant ** exp
    except (ArithmeticError, ValueError):
        return None
    if m["sci_sign"]:
        value = -value
    return Cand(m.start(), m.end(), "other", value=value, number_text=m.group(0))


def _h_dotnum(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    """.5 = 0.5 (a decimal written without its leading zero)."""
    text = m.group(0).replace("−", "-")
    value = Decimal(text.replace("-.", "-0.") if text.startswith("-") else "0" + text)
    c = Cand(m.start(), m.end(), "other", value=value, number_text=text)
    c.ulp = Decimal(1).scaleb(-len(text.split(".")[1]))
    return c


CLOCK_AFTER = re.compile(r"\s?(?:[01]?[0-9]|2[0-3])[:：][0-5][0-9](?![0-9])")  # 3/7 17:04: a date


def _h_slash(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """3/5: a fraction (kind ratio, value a/b); 12/25日 and 2024/06/11 are dates elsewhere.
    A pair no one writes as a fraction is a date: 7/24, 12/31 (no month 24 or 31), 10/7 and
    12/5 (a fraction above one), or one a clock time follows (3/7 17:04 更新): month/day, or
    day/month where Hong Kong cues say so."""
    a, b = Decimal(m["sl_a"]), Decimal(m["sl_b"])
    if b == 0:
        return None
    if not m["sl_sign"] and not m["sl_w"] and 1 <= a <= 12 and 1 <= b <= 31 and (
            b > 12 or a > b or CLOCK_AFTER.match(folded, m.end())) and "." not in m.group(0):
        c = Cand(m.start(), m.end(), "date")
        day_first = ctx.locale == "HK" and b <= 12
        c.date_parts = (None, int(b), int(a)) if day_first else (None, int(a), int(b))
        return c
    if not m["sl_sign"] and not m["sl_w"] and 1900 <= a <= 2100 and b == a + 1:
        return Cand(m.start(), m.end(), "period", value=f"{int(a)}/{int(b)}")  # 2019/2020: a
        # season or a split year, never a fraction
    value = a / b + (Decimal(m["sl_w"]) if m["sl_w"] else 0)  # 1 3/5 = 1.6
    if m["sl_sign"]:
        value = -value
    c = Cand(m.start(), m.end(), "ratio", value=_six_places(value), number_text=m.group(0))
    c.extra["ratio"] = f"{m['sl_a']}/{m['sl_b']}"
    return c


def _h_rank(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """排名前三: a rank (kind other)."""
    return _rank_like(m, "rk", "rank_top")


def _h_skip(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> None:
    return None


_HANDLERS = {
    "date_ymd": _h_date_ymd, "date_iso": _h_date_iso, "ym": _h_ym, "md": _h_md,
    "pday": _h_pday, "pyear": _h_pyear, "pmonth": _h_pmonth, "yuanm": _h_yuan_month, "quarter": _h_quarter, "decade": _h_decade, "weekday": _h_weekday,
    "frac": _h_frac, "half": _h_half, "ordinal": _h_ordinal, "group": _h_group,
    "zero": _h_zero, "double": _h_double, "ratio": _h_ratio, "gen": _h_gen,
    "code": _h_skip, "label": _h_skip, "nonfig": _h_skip, "latin": _h_skip, "url": _h_skip,
    "rank": _h_rank, "sci": _h_sci, "dotnum": _h_dotnum, "slash": _h_slash,
    "listlabel": _h_skip, "roc": forms.h_roc, "mpart": forms.h_month_part,
    "mrange": forms.h_month_range,
    "places": forms.h_places, "wanpt": forms.h_wanpt, "coll": forms.h_collective,
    "dcompact": forms.h_compact_date, "annual": periods.h_annual,
    "relmd": periods.h_rel_month_day, "streak": periods.h_streak,
}
