"""The generic figure form: qualifier + currency + number + multiplier + unit, read into a
candidate with its value, precision, kind and currency (the handler of most matches)."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

import regex

from . import periods
from .cand import Cand, DocContext
from .lexicon import Lexicon
from .numerals import CN_DIGITS, read_number
from .numerals import consecutive_digits as _consecutive_digits
from .numerals import trailing_multiplier as _trailing_multiplier
from .numerals import vague_reading as _vague_reading
from .pattern import (
    ARABIC,
    CB,
    CD,
    CS,
    DAYS_COUNTED_BEFORE,
    GROWTH_BY,
    GROWTH_TO,
    LI_DECIMALS,
    MONEY_CUES,
    NAME_ONLY_CURRENCIES,
)
from .written_years import written_year

MILLION_NOT = set("队场赛员星迷衣拍门会季")  # 球队, 球场, 球赛…: a ball game's words
# locales whose own dollar a bare $ names, when the story's words (not its script) place it
DOLLAR_LOCALES = {"CA", "AU", "SG", "HK"}


def _currency(code: str, ctx: DocContext) -> str:
    """The ISO code of a currency row's code: LOCAL is the document's; DOLLAR ($) the US
    dollar unless the story's words place it where $ is the local dollar; HKD_CENT, LOCAL_DIME
    name a fraction of a dollar (its scale is the caller's)."""
    base = code.removesuffix("_CENT").removesuffix("_DIME").removesuffix("_MILLION")
    if base == "DOLLAR":
        return ctx.currency if ctx.locale in DOLLAR_LOCALES and \
            ctx.currency_basis.startswith("document cue") else "USD"
    return ctx.currency if base == "LOCAL" else base


def _apply_qualifiers(c: Cand, pre: str | None, post: str | None, lex: Lexicon) -> None:
    for form, pos in ((post, "post"), (pre, "pre")):  # the word before the number wins
        if not form:
            continue
        q = lex.qualifiers.get((form, pos))
        if q is None or q.qualifier == "exact":
            continue
        c.qualifier = q.qualifier
        c.tolerance = q.tolerance


# 三二二至三百三十四亿美元: digits read one by one open a range whose other end is an amount
RANGE_TO_AMOUNT = re.compile(rf"\s?(?:至|到|~)\s?[{CD}{CS}]+[{CB}]")


VAGUE_SPANS = {"月": "month", "日": "day"}


def _h_gen(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    num_text, unit_form, pre, cur, post, pq1, pq2, mult_text, half, sign, sub, cur2 = m.group(
        "gnum", "gunit", "gpre", "gcur", "gpost", "gpq1", "gpq2", "gmul", "ghalf", "gsign", "gsub",
        "gcur2")
    pq1 = pq1.strip() if pq1 else pq1
    start, end = m.span()
    if unit_form and " " in unit_form:
        unit_form = unit_form.replace(" ", "")
    chinese = num_text[0] not in "0123456789"  # MIXED starts with a digit, CHINESE never
    vague = chinese and (
        "几" in num_text or "数" in num_text or "来" in num_text or num_text[0] == "上"
        or (unit_form != "折" and _consecutive_digits(num_text) is not None))
    if chinese and not vague and len(num_text) >= 2 and not (unit_form or mult_text or cur
                                                              or cur2) \
            and all(ch in CN_DIGITS for ch in num_text) and not RANGE_TO_AMOUNT.match(folded, end):
        return None  # 五一 (黄金周), 六一八: digits read one by one with nothing after name a day
    if vague:
        reading = _vague_reading(num_text)
        if reading is None:
            return None
        lo_r, hi_r = reading
        value = None
    else:
        r = read_number("一" + num_text if num_text[0] == "万" else num_text)  # 挑戰萬倍: one
        # 万 times; 失守万六关: 一万六 (16,000), the Hong Kong way of saying an index level
        if r is None:
            return None
        lo_r = hi_r = None
        value = r.value
    mult = _ONE
    mult_text = (mult_text or "").strip()
    if mult_text:
        mult = Decimal(10**8) if mult_text == "个亿" else lex.multipliers.get(mult_text, Decimal(1))
    written_mult = _trailing_multiplier(num_text) * mult if num_text[-1] in CB else mult
    over_words = pq1 or pq2
    c = Cand(start, end, "count", number_text=num_text, multiplier=written_mult)
    c.chinese = chinese
    if not vague:
        c.ulp = r.ulp * mult
        c.value = value * mult
        if over_words:
            c.spread = r.lowest * mult
            c.qualifier = "over"
    else:
        c.qualifier = "vague"
        c.lo, c.hi = lo_r * mult, hi_r * mult
    scale = _ONE
    if unit_form is None:
        if cur:
            code = lex.currencies[(cur, "pre")]
            c.kind, c.unit = "money", _currency(code, ctx)
            c.extra["currency_basis"] = f"written {cur!r}"
        elif post == "多" and not over_words and not vague:
            c.spread = (r.lowest * mult)
            c.qualifier = "over"
        else:
            c.bare = True
            if mult_text and mult_text in "kKwW":
                return None
    else:
        if unit_form == "块" and (sub or (_ends_clause(folded, m.end("gunit")) and
                                          MONEY_CUES.search(folded, max(0, start - 12), start))):
            unit_form = "块钱"  # 几千块, 十块三毛: colloquial yuan, not a count of pieces
        money_code = lex.currencies.get((unit_form, "post"))
        yuan_form = money_code == "LOCAL"  # (元 before 人民币: 50亿元人民币)
        if cur2:
            money_code = lex.currencies.get((cur2.strip(), "post"), money_code)
        if money_code is not None and c.chinese and c.multiplier == 1 and \
                unit_form in NAME_ONLY_CURRENCIES:
            return None  # 张三人民币: a name, not 3 yuan (amounts say 三元人民币)
        if money_code is not None:
            c.kind = "money"
            if cur:
                c.unit = _currency(lex.currencies[(cur, "pre")], ctx)
                c.extra["currency_basis"] = f"written {cur!r}"
                if money_code == "LOCAL":
                    c.extra["_yuan_of"] = cur  # 人民币…元: later bare 元 in the paragraph
            else:
                c.unit = _currency(money_code, ctx)
                c.extra["currency_basis"] = (
                    ctx.currency_basis if money_code == "LOCAL" else f"written {unit_form!r}"
                )
                if money_code == "LOCAL" and not cur2:
                    c.extra["_local"] = True  # the issuer may override the outlet's default
            if money_code.endswith("_CENT"):
                scale = Decimal("0.01")
            elif money_code.endswith("_DIME"):
                if c.chinese and not sub and "点" not in num_text \
                        and not folded.startswith("钱", c.end):
                    return None  # 三角形, 五角大楼, 一角: a corner or a shape, not dimes
                scale = Decimal("0.1")  # 每股2角: two tenths of the dollar
            elif money_code.endswith("_MILLION"):
                if ctx.locale != "HK" or folded[c.end:c.end + 1] in MILLION_NOT:
                    return None  # 進一球, 三球隊: a ball, not Hong Kong's 球 of a million
                scale = Decimal(1000000)  # 樓價跌穿五球: Cantonese 球 = HK$1,000,000
            if cur2:
                c.extra["currency_basis"] = f"written {cur2.strip()!r}"
                if yuan_form:
                    c.extra["_yuan_of"] = cur2.strip()  # 50亿元人民币: later bare 元 too
            sen = m.group("gsen")
            if sen and c.value is not None and (reading := read_number(sen)) is not None:
                c.value += reading.value / 100  # 10日元5日本銭 = 10.05 yen
                c.ulp = Decimal("0.01")
            cents = m.group("gcent")
            if cents and c.value is not None and (reading := read_number(cents)) is not None:
                c.value += reading.value / 100  # 两美元又三美分 = 2.03
                c.ulp = Decimal("0.01")
            if sub and c.value is not None:
                extra_value, extra_ulp = _subunits(sub)
                c.value += extra_value / scale  # 2角1仙: the cents in tenths, scaled below
                c.ulp = extra_ulp / scale
        else:
            u = lex.units[unit_form]
            if cur:  # 人民币2%: the currency word is not part of this figure
                start = m.start("gcur") + len(cur)
                while start < len(folded) and folded[start] == " ":
                    start += 1
                c.start = start
                pre = None
            res = _apply_unit(c, u, unit_form, m, folded, num_text)
            if res is None:
                return None
            scale = res
            if u.kind == "count":
                c.unit = u.unit if not u.form.isascii() else u.form
                c.unit_span = (m.start("gunit"), m.end("gunit"))
        if mult_text in ("k", "K", "w", "W") and c.kind not in ("money", "percent", "pp"):
            return None
    if half:
        if c.kind == "duration" and c.value is not None:
            c.value += Decimal("0.5")
            c.ulp = None
        elif c.kind == "percent" and unit_form in ("成", "折", "厘") and c.value is not None:
            c.value += Decimal("0.5")  # 三成半 = 35%, scaled below
            c.ulp = Decimal("0.5")
        else:
            end = m.start("ghalf")
            c.end = end
            if post:
                post = None
    if unit_form == "成" and c.value is not None and not half:
        gap = 1 if folded[c.end:c.end + 1] == " " else 0
        nxt = folded[c.end + gap:c.end + gap + 1]
        after = folded[c.end + gap + 1:c.end + gap + 2]
        if nxt in CN_DIGITS and after not in CN_DIGITS and not (gap and _is_han(after)):
            c.value += Decimal(CN_DIGITS[nxt]) / 10  # 七成六 = 76%, 七成 六 too
            c.ulp = Decimal("0.1")
            c.end += 1 + gap
        elif nxt and nxt in "0123456789" and not (
                after.isdigit() or (after and after in ".%") or _is_han(after)):
            c.value += Decimal(nxt) / 10  # 7 成 4 = 74% (a wire's spacing), 7成4
            c.ulp = Decimal("0.1")
            c.end += 1 + gap
    if unit_form == "厘" and folded[start - 1:start] == "分":
        return None  # 四分一厘: a quarter of a percent (Cantonese 四分一), not 1%
    if unit_form == "厘" and c.value is not None and not half:
        tail = LI_DECIMALS.match(folded, c.end)
        if tail:  # 2厘25 = 2.25%, 一厘七五 = 1.75%: the digits after 厘 are its decimals
            digits = "".join(str(CN_DIGITS.get(ch, ch)) for ch in tail.group())
            c.value += Decimal(digits).scaleb(-len(digits))
            c.ulp = Decimal(1).scaleb(-len(digits))
            c.end = tail.end()
    if sign and sign != "负" and start > 0 and not folded[start - 1].isspace() \
            and folded[start - 1] not in "(（[【:：,，、=":
        c.extra["dash_after_text"] = True  # 4.2亿元-5.0亿元: maybe a range; see _join_ranges
    if sign and c.kind not in ("date", "period", "year", "duration"):
        _negate(c)
    elif sign:
        return None
    if scale is not _ONE and scale != 1:
        c.scale = scale
        for attr in ("value", "lo", "hi", "ulp", "spread"):
            v = getattr(c, attr)
            if v is not None:
                setattr(c, attr, v * scale)
    if cur and not mult_text and not unit_form and len(num_text) == 1 \
            and _opens_word(folded, m.start("gnum"), lex):
        return None  # 新台幣一路走升, 港元一度转弱: the numeral opens a word, not an amount
    # the indefinite 一 (一家公司, 下一个季度) and relative 一 (有一天) are not figures; after
    # a qualifier (逾一只, 超过一家) it is a count (periods.lone_one_is_figure); a lone 几
    # (前几天, 近几个月) is a vague figure
    if num_text == "一" and not mult_text and not cur and not over_words and unit_form \
            and not pre and not periods.lone_one_is_figure(c.kind, folded, start):
        return None
    if c.kind in ("period", "date") and pre:
        c.start = m.start("gnum")  # 约4月: the qualifier is not part of a month
        pre = None
    if c.kind == "duration" and pre == "近":
        # 近两年 is "the last two years", not "nearly two years"
        c.start = m.start("gnum")
        pre = None
    if pre or post:  # most figures have neither: no call
        _apply_qualifiers(c, pre, post, lex)
    if post in BOUNDED_OVER and not over_words and c.value is not None and c.ulp is not None:
        c.spread = (r.lowest * mult * scale) if not vague else None
        c.qualifier = "over"  # 七万出头 = 70000..80000, like 多
    if post in ("多", "余") and c.kind == "duration" and not over_words and not vague \
            and c.spread is None and c.value is not None:
        c.spread = r.lowest * mult * scale  # 一周多 = 1..2 weeks, 两年多 = 2..3 years
    if over_words and not vague:
        c.qualifier = "over"  # 大约十多欧元: 多 bounds it (10..20), 约 adds nothing
    if c.kind == "duration" and unit_form == "年" and c.chinese is False and c.value is not None \
            and 100 <= c.value <= 150 and c.value == c.value.to_integral_value():
        c.extra["roc_year"] = True  # 113年: a Republic-of-China year in Taiwanese text
        if folded[max(0, c.start - 3):c.start].rstrip().endswith(("民国", "民")):
            c.extra["after_minguo"] = True
    if c.kind == "multiple":
        before = folded[max(0, c.start - 8):c.start]
        if GROWTH_TO.search(before):
            c.extra["growth_basis"] = "to"
        elif GROWTH_BY.search(before):
            c.extra["growth_basis"] = "by"
        elif before.rstrip().endswith("的"):
            c.extra["growth_basis"] = "times"
    return c


# 一日电, 一日起, 一日晚: the first of the month in a dateline or a schedule
DATELINE_AFTER = re.compile(r"\s?(?:电|讯|起|止|晚|上午|下午|凌晨|早上|中午|至|到|前|后|[(（])")


def _apply_unit(c: Cand, u: Any, form: str, m: re.Match[str], folded: str,
                num_text: str) -> Decimal | None:
    """Set kind/unit from a units.csv row; return the value scale, or None to reject."""
    value = c.value
    c.kind = u.kind
    whole = value is not None and value == value.to_integral_value()
    if u.kind == "percent":
        c.unit = "%"
        if form in ("成", "折"):
            if value is None:  # 七八成, 两三成: a vague share, 70..80%
                vague = c.qualifier == "vague" and c.lo is not None and c.hi is not None
                return u.factor if vague and 0 < c.lo <= c.hi <= 10 else None
            if form == "折" and len(num_text) == 2 and value >= 10 and (
                    all(ch in CN_DIGITS for ch in num_text) or num_text.isdigit()):
                return Decimal(1)  # 七五折, 75折 = 75%
            if value <= 0 or value > 10 or (form == "折" and value == 10):
                return None  # 十折 is no discount; 25成 is not a share; 十成 = 100%
            if c.chinese and "点" not in num_text:
                c.ulp = Decimal(1)  # 七成: one tenth is the written precision
        return u.factor
    if u.kind == "pp":
        c.unit = "pp"
        if form == "码":
            c.ulp = None  # 1码, 3.5码: steps of 0.25 point are counted exactly
        return u.factor
    if u.kind == "multiple":
        if form.endswith("股本") and (c.multiplier != 1 or value is None or value > 30):
            return None  # 赚1.5个股本 (EPS in par values), never 30亿股本 (a count of shares)
        c.unit = "x"
        if u.factor is None:  # orders of magnitude
            if value is None or not whole:
                return None
            c.value = Decimal(10) ** int(value)
            c.ulp = None
            return Decimal(1)
        return u.factor
    if c.qualifier == "vague" and form in VAGUE_SPANS and u.kind in ("period", "date"):
        c.kind, c.unit = "duration", VAGUE_SPANS[form]  # 数月, 数日: a few months, days
        return Decimal(1)
    if u.kind == "period":
        if form == "季度":
            if value is None or not whole or not 1 <= value <= 4:
                return None
            c.value = f"Q{int(value)}"
        elif form == "月":
            if value is None or not whole or not 1 <= value <= 12:
                return None
            if num_text in ("两", "俩"):  # 7、8两月, 两月内: two months (February is 二月)
                c.kind, c.unit, c.value = "duration", "month", Decimal(2)
                return Decimal(1)
            c.date_parts = (None, int(value), None)
        elif form == "财年":
            if value is None or not whole or not 1900 <= value <= 2199:
                return None
            c.value = f"FY{int(value)}"
        else:
            return None
        c.ulp = None
        return Decimal(1)
    if u.kind == "date":  # 16日
        if value is None or not whole or not 1 <= value <= 31 or c.multiplier != 1:
            return None
        after = folded[m.end():m.end() + 2]
        if after.startswith(("内", "以内", "之内")) or num_text.startswith("两") or \
                DAYS_COUNTED_BEFORE.search(folded, max(0, m.start("gnum") - 3), m.start("gnum")):
            # 跌两日: 两 counts, a day of the month is 二日
            c.kind, c.unit = "duration", "day"
            return Decimal(1)
        if num_text == "一" and not DATELINE_AFTER.match(folded, m.end()):
            return None  # 一日售罄, 仅一日: "in a day", not the first of a month
        c.date_parts = (None, None, int(value))
        c.ulp = None
        return Decimal(1)
    if u.kind == "duration":
        year = written_year(num_text, c.chinese, value) if form == "年" and \
            c.multiplier == 1 else None
        if year is not None:  # 2025年, 二〇二五年, ○五年, 一六年, 09年: a year, no count
            c.kind, c.unit, c.ulp = "year", None, None
            c.value = Decimal(year)
            return Decimal(1)
        c.unit = u.unit
        if form == "个半月" and value is not None:
            c.value = value + Decimal("0.5")
            return Decimal(1)
        return u.factor
    if u.kind == "count" and form == "房" and (
            not whole or value is None or value > ROOMS_MAX or c.multiplier != 1
            or folded.startswith(("式", "企", "贷", "价", "地", "产", "型"), m.end())):
        return None  # 四房式 names a flat type, 超千亿房企 counts developers: no bedrooms
    if u.kind == "count" and form == "点":
        # index points; a small whole number + 点 is a clock time (下午3点)
        before = folded[max(0, c.start - 6):c.start]
        if value is None or (whole and value <= 24 and not INDEX_MOVE.search(before)):
            return None
        c.unit = "点"
        return Decimal(1)
    return u.factor


BOUNDED_OVER = {"出头", "开外", "有余"}
ROOMS_MAX = 10  # bedrooms of one flat
# compiled once; 低開7點 is the open's gap from the last close
INDEX_MOVE = regex.compile(r"涨|跌|升|降|收|报|指|盘|上扬|下挫|[高低]开")
_ONE = Decimal(1)
# starts only where a digit run starts: retrying inside a run no 角/分 follows is quadratic
SUBUNIT_RE = re.compile(rf"(?<![0-9.,])({ARABIC}|[{CD}]{{1,3}})\s?([角毛分仙])")


def _subunits(sub: str) -> tuple[Decimal, Decimal]:
    """Value of 1角1分 / 三毛 / 六角七分 in yuan, and the precision of the last one."""
    total, ulp = Decimal(0), Decimal("0.1")
    for digits, unit in SUBUNIT_RE.findall(sub):
        reading = read_number(digits)
        if reading is None:
            continue
        place = Decimal("0.01") if unit in "分仙" else Decimal("0.1")
        total += reading.value * place
        ulp = place
    return total, ulp


def _ends_clause(folded: str, pos: int) -> bool:
    nxt = folded[pos:pos + 1]
    return nxt == "" or nxt in "，,。.！!？?；;、）)」』\"\n 的了吧啊呢左上以多"


def _negate(c: Cand) -> None:
    """Flip the sign of value and interval (负3.9%); applied twice it undoes itself."""
    for attr in ("value", "lo", "hi"):
        v = getattr(c, attr)
        if v is not None:
            setattr(c, attr, -v)
    if c.lo is not None and c.hi is not None:
        c.lo, c.hi = c.hi, c.lo


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


def _opens_word(folded: str, pos: int, lex: Any) -> bool:
    """Whether a word of lexicon/non_figures.csv starts at ``pos`` (一路, 一度, 一举)."""
    words = _words_by_first(lex.non_figures).get(folded[pos], ())
    return any(folded.startswith(w, pos) for w in words)


@lru_cache(maxsize=2)
def _words_by_first(words: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in words:
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}
