"""Turn a written number (Arabic, Chinese, full-width or mixed) into an exact Decimal.

cn2an does the Chinese-numeral reading; it has no 兆, returns binary floats and raises
ValueError with Chinese messages, so it is called through ``_cn2an`` which converts with
``Decimal(str(x))`` and turns every failure into ``None``. Mixed forms (``3萬4000``,
``1.2兆``) and precision bookkeeping use the small place-value reader below, which never
sees a float. Input must already be folded (``textfold.fold``).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache


@lru_cache(maxsize=1)
def _cn2an_module():  # type: ignore[no-untyped-def]
    """cn2an, imported on the first Chinese numeral (its import costs a tenth of a second)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import cn2an
    return cn2an

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7,
    "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "参": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7,
    "捌": 8, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "亿": 10**8, "兆": 10**12}
_TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}  # one character for two: the reader expands them
VAGUE_DIGITS = "几数"


@dataclass(frozen=True, slots=True)
class Reading:
    """A number as read: its value, the place of its last written digit and of its lowest
    non-zero digit (both already scaled by the multipliers that follow them)."""

    value: Decimal
    ulp: Decimal
    lowest: Decimal
    chinese: bool


def _arabic(text: str) -> tuple[Decimal, Decimal, Decimal] | None:
    digits = text.replace(",", "").replace("，", "").replace(" ", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    exp = -len(digits.split(".")[1]) if "." in digits else 0
    ulp = Decimal(1).scaleb(exp)
    stripped = digits.replace(".", "").rstrip("0")
    trailing = len(digits.replace(".", "")) - len(stripped)
    lowest = ulp.scaleb(trailing) if stripped else ulp
    return value, ulp, lowest


def _tokens(text: str) -> list[tuple[str, object]] | None:
    """Split into ('n', arabic reading), ('c', Chinese digit reading), ('s', small unit),
    ('b', big unit) and ('z', a 零 place-holder); None if a character is not numeric."""
    out: list[tuple[str, object]] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isascii() and ch.isdigit():
            j = i
            while j < len(text) and (text[j].isascii() and (text[j].isdigit() or text[j] in ".,")
                                     or text[j] == "，"):
                j += 1
            parsed = _arabic(text[i:j])
            if parsed is None:
                return None
            out.append(("n", parsed))
            i = j
            continue
        j = i
        while j < len(text) and text[j] in _DIGIT_CHARS:
            j += 1
        if j - i >= POSITIONAL and ch not in ("零", "〇") and \
                (j == len(text) or text[j] not in SMALL_UNITS):  # 一兆三九七億: 397
            digits = "".join(str(CN_DIGITS[c]) for c in text[i:j])
            out.append(("c", (Decimal(digits), Decimal(1), Decimal(1))))
            i = j
            continue
        if ch in ("零", "〇") and out and out[-1][0] not in ("n", "c"):
            out.append(("z", 0))
        elif ch in CN_DIGITS:
            out.append(("c", (Decimal(CN_DIGITS[ch]), Decimal(1), Decimal(1))))
        elif ch in SMALL_UNITS:
            out.append(("s", SMALL_UNITS[ch]))
        elif ch in BIG_UNITS:
            out.append(("b", BIG_UNITS[ch]))
        elif ch != " ":
            return None
        i += 1
    return out


_DIGIT_CHARS = frozenset("〇零一二三四五六七八九")
POSITIONAL = 3  # Chinese digits in a row read as one number (三四十, 七八百: two are vague)


def _colloquial_tail(tokens: list[tuple[str, object]]) -> int:
    """一万二 = 12000, 三千五 = 3500: a lone Chinese digit right after a unit stands for the
    next lower place. Returns that place, or 0 when the tail is not colloquial."""
    last = tokens[-1] if tokens else ("", None)
    lone = last[0] == "c" or last[0] == "n" and last[1][0] < 10 and last[1][1] == 1  # type: ignore[index]
    if len(tokens) >= 3 and lone and tokens[-2][0] in ("s", "b") \
            and (tokens[-3][0] == "c" or tokens[-3][0] == "n"
                 and tokens[-3][1][1] == 1):  # type: ignore[index]  # 2萬8 = 28000, 3千5 too
        return int(tokens[-2][1]) // 10  # type: ignore[call-overload]
    if len(tokens) == 2 and tokens[0][0] == "s" and tokens[1][0] == "c":
        return int(tokens[0][1]) // 10  # 百三 = 130, 千三 = 1300  # type: ignore[call-overload]
    return 0


def _evaluate(tokens: list[tuple[str, object]]) -> Decimal:
    """Place-value reading: sections of 十百千 inside 万/亿/兆 blocks."""
    total = Decimal(0)
    section = Decimal(0)
    current: Decimal | None = None
    tail = _colloquial_tail(tokens)
    prev = ""
    largest = Decimal(0)  # the largest block word so far
    for idx, (kind, payload) in enumerate(tokens):
        if kind in ("n", "c"):
            current = payload[0]  # type: ignore[index]
            if tail and idx == len(tokens) - 1:
                current = current * tail
        elif kind == "s":
            section += (current if current is not None else Decimal(1)) * payload  # type: ignore[operator]
            current = None
        elif kind == "b":
            block = section + (current or 0)
            if prev == "b":  # 万亿: a compound multiplier scales everything so far
                total = total * payload  # type: ignore[operator]
            elif total and (total < payload or payload >= largest):  # type: ignore[operator]
                # 3万4000亿 = (3万 + 4000)亿; 42万4000万 = (42万 + 4000)万, as written
                total = (total + block) * payload  # type: ignore[operator]
            else:
                bare = not (block or total) and current is None  # 破亿: one 亿; 0亿 is zero
                total += (Decimal(1) if bare else block) * payload  # type: ignore[operator]
            section = Decimal(0)
            current = None
            largest = max(largest, payload)  # type: ignore[type-var]
        if kind != "z":
            prev = kind
    return total + section + (current or 0)


def _scale_after(tokens: list[tuple[str, object]], idx: int) -> Decimal:
    scale = Decimal(1)
    for kind, payload in tokens[idx + 1:]:
        if kind in ("s", "b"):
            scale *= payload  # type: ignore[operator]
    return scale


def _precision(tokens: list[tuple[str, object]]) -> tuple[Decimal, Decimal]:
    """Place of the last written digit and of the lowest non-zero digit, scaled."""
    tail = _colloquial_tail(tokens)
    if tail:
        return Decimal(tail), Decimal(tail)
    last_n = max((i for i, t in enumerate(tokens) if t[0] in ("n", "c")), default=-1)
    last_s = max((i for i, t in enumerate(tokens) if t[0] == "s"), default=-1)
    if last_s > last_n:  # 五百万, 三十, 十亿: the last digit sits at that unit's place
        place = Decimal(tokens[last_s][1]) * _scale_after(tokens, last_s)  # type: ignore[arg-type]
        return place, place
    if last_n < 0:
        return Decimal(1), Decimal(1)
    _, ulp, lowest = tokens[last_n][1]  # type: ignore[misc]
    scale = _scale_after(tokens, last_n)
    return ulp * scale, lowest * scale


def _big_then_decimal(text: str) -> Reading | None:
    """一兆四百六十点九亿 (1兆 and 460.9亿), 三兆八千〇九十点五亿: a whole block of a larger unit,
    then a decimal of a smaller one, as Taiwanese papers write amounts in numerals. cn2an
    reads a decimal only at the end of a numeral, so the two blocks are read apart; the block
    after must stay below the unit before it, or it is no such split."""
    point = text.index("点")
    cut = max(text.rfind(u, 0, point) for u in BIG_UNITS)
    if cut <= 0:
        return None
    top, rest = _read(text[:cut + 1]), _read(text[cut + 1:].lstrip("零〇"))
    if top is None or rest is None or rest.value >= BIG_UNITS[text[cut]]:
        return None
    return Reading(top.value + rest.value, rest.ulp, rest.lowest, True)


def _digit_string(text: str) -> Reading | None:
    """二〇二五 / 六四〇.五: Chinese digits read one by one, as a year or a code is."""
    chars = []
    for ch in text:
        if ch in CN_DIGITS:
            chars.append(str(CN_DIGITS[ch]))
        elif ch in ".点":
            chars.append(".")
        else:
            return None
    parsed = _arabic("".join(chars))
    if parsed is None:
        return None
    return Reading(parsed[0], parsed[1], parsed[2], True)


# Numerals of one position — a digit (三), a digit around one 十 (十五, 二十八), a digit and one
# 百 or 千 (两千) — then 万/亿 multipliers (二十万, 九千亿, 二十万亿), or 零 alone: a single
# reading, the one cn2an gives (tests/test_numerals.py checks every one against it). Read here,
# they spare most articles cn2an's import (0.1 s); compound numerals are still cn2an's.
_D = "一二两三四五六七八九"
_SMALL_NUMERAL = re.compile(f"(?:([{_D}])|([{_D}]?)十([{_D}]?)|([{_D}])([百千]))([万亿]*)|[零〇]")
_POSITION = {"百": 100, "千": 1000}
_UNIT_FIRST = frozenset("百千佰仟万亿")  # 百亿, 千万: cn2an reads no numeral that starts so


def small_numeral(text: str) -> Decimal | None:
    """The value of a one-position numeral with its multipliers, else None."""
    m = _SMALL_NUMERAL.fullmatch(text)
    if m is None:
        return None
    if m[1]:
        value = CN_DIGITS[m[1]]
    elif m[4]:
        value = CN_DIGITS[m[4]] * _POSITION[m[5]]
    elif m[6] is None:
        return Decimal(0)
    else:
        value = 10 * (CN_DIGITS[m[2]] if m[2] else 1) + (CN_DIGITS[m[3]] if m[3] else 0)
    for ch in m[6]:
        value *= BIG_UNITS[ch]
    return Decimal(value)


@lru_cache(maxsize=8192)
def _cn2an(text: str) -> Decimal | None:
    """cn2an's reading of a pure Chinese numeral, or None; no cn2an exception escapes."""
    small = small_numeral(text)
    if small is not None or text[:1] in _UNIT_FIRST:
        return small
    try:
        out = _cn2an_module().cn2an(text, "smart")
    except Exception:  # cn2an raises ValueError and, on odd input, KeyError/IndexError
        return None
    try:
        return Decimal(str(out))
    except InvalidOperation:
        return None


@lru_cache(maxsize=16384)
def read_number(text: str) -> Reading | None:
    """Read a folded number string exactly; None when it is not a well-formed number.

    >>> read_number("570.06亿").value
    Decimal('57006000000.00')
    >>> read_number("一万二").value, read_number("3万4000").value, read_number("1.2兆").value
    (Decimal('12000'), Decimal('34000'), Decimal('1.2E+12'))
    """
    text = text.replace(" ", "")  # 一百 五 十 二: spaces inside a numeral carry nothing
    if any(ch in _TENS for ch in text):
        text = "".join(_TENS.get(ch, ch) for ch in text)  # 廿五 = 二十五, 卅一 = 三十一
    if text.startswith("万亿") or text == "亿":
        text = "一" + text  # 突破万亿美元, 盈利超亿元: a bare 万亿 (亿) is one 万亿 (亿)
    if not text or len(text) > MAX_NUMBER_CHARS:
        return None  # a 2-million-digit run is noise, not a figure
    try:
        return _read(text)
    except ArithmeticError:  # decimal overflow on absurd magnitudes (万亿万亿…)
        return None


MAX_NUMBER_CHARS = 40


def _read(text: str) -> Reading | None:
    chinese = not any(c.isascii() and c.isdigit() for c in text)
    if chinese and len(text) >= 2 and all(c in CN_DIGITS or c in ".点" for c in text) \
            and not text.startswith(("点", ".")) \
            and not ("点" in text and len(text.split("点")[0]) == 1):
        return _digit_string(text)  # 二〇二五, 七五 (in 七五折); 三点五 is read by cn2an below
    if chinese and "点" in text:
        split = _big_then_decimal(text)  # 一兆四百六十点九亿: 1兆 and 460.9亿
        if split is not None:
            return split
    head = text.rstrip("万亿兆")
    if chinese and head != text:  # a decimal or digits read one by one, then the multiplier
        inner = None
        if "点" in head:  # 三点五亿, 一四〇点八七亿
            inner = _read(head)
            if inner is None:
                return None
        elif len(head) >= 2 and not any(c in SMALL_UNITS for c in head):
            inner = _digit_string(head)  # 六四〇.五亿
        if inner is not None:
            scale = Decimal(1)
            for ch in text[len(head):]:
                scale *= BIG_UNITS[ch]
            return Reading(inner.value * scale, inner.ulp * scale, inner.lowest * scale, True)
    if chinese and "点" in text:
        value = _cn2an(text.replace("两", "二"))
        if value is None:
            return None
        frac = text.split("点", 1)[1]
        ulp = Decimal(1).scaleb(-len(frac))
        return Reading(value, ulp, ulp, True)
    if chinese and len(text) > 5 and text[-5] == "万" and _DIGIT_CHARS.issuperset(text[-4:]):
        top = _read(text[:-4])  # 二万八三〇三: the last 万 block written digit by digit
        low = _digit_string(text[-4:])
        if top is not None and top.value and low is not None:
            return Reading(top.value + low.value, Decimal(1), Decimal(1), True)
    if chinese and "." in text and "点" not in text:
        return _read(text.replace(".", "点"))  # 三十四．一 (full-width mark): 34.1 as 三十四点一
    tokens = _tokens(text)
    if not tokens or not any(t[0] in ("n", "c", "s") for t in tokens):
        return None
    value = _evaluate(tokens)
    if chinese and "兆" not in text:
        checked = _cn2an(text)
        if checked is not None:
            value = checked
    ulp, lowest = _precision(tokens)
    return Reading(value, ulp, lowest, chinese)


def read_int(text: str | None) -> int | None:
    """A whole number as written (12, 十二), or None: months, days and years of dates."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    reading = read_number(text)
    return int(reading.value) if reading else None


# ---------------------------------------------------------------------------------------------
# Vague and colloquial readings (policy in lexicon/README.md), used by the extractor
_SMALL = "".join(SMALL_UNITS)
_BIG = "".join(BIG_UNITS)
_PLACES = _SMALL + _BIG


def consecutive_digits(num_text: str) -> tuple[int, int, str] | None:
    """八九亿, 四五千, 一两: two adjacent digits meaning "one or the other" (then a unit)."""
    head = num_text.rstrip(_PLACES)
    if len(head) != 2 or head[0] not in CN_DIGITS or head[1] not in CN_DIGITS:
        return None
    a, b = CN_DIGITS[head[0]], CN_DIGITS[head[1]]
    if not 0 < a < b or b - a > 2 and not (a, b) == (3, 5):
        return None
    return a, b, num_text[2:]


@lru_cache(maxsize=4096)
def trailing_multiplier(num_text: str) -> Decimal:
    """万 in 28万, 亿 in 九百亿: the multiplier written after the last digit (1 if none);
    cached, as the number texts of a feed repeat."""
    tail = len(num_text)
    while tail > 0 and num_text[tail - 1] in _BIG + " ":
        tail -= 1
    factor = Decimal(1)
    for ch in num_text[tail:]:
        if ch != " ":
            factor *= {"万": 10**4, "亿": 10**8, "兆": 10**12}[ch]
    return factor


# the place a 几 after a place word fills: 十几 the units, 五千几万 the hundreds (of 万)
LOWER_PLACE = {"百": "十", "佰": "十", "千": "百", "仟": "百"}


def vague_reading(num_text: str) -> tuple[Decimal, Decimal] | None:
    """Bounds of 数十, 几百万, 十几, 三十几万, 上千, 几 (policy in lexicon/README.md)."""
    text = num_text.replace("来", "几").replace(" ", "")  # 十来万 reads like 十几万
    if text[:1] in BIG_UNITS:
        text = "一" + text  # 万几 (月入萬幾元) is 一万几
    pair = consecutive_digits(text)
    if pair is not None:  # 一两年, 三五家, 八九亿, 四五千
        a, b, tail = pair
        place = read_number("一" + tail) if tail else None
        scale = place.value if place else Decimal(1)
        return Decimal(a) * scale, Decimal(b) * scale
    if text.startswith("上"):
        base = read_number("一" + text[1:])
        top = read_number("九" + text[1:])
        if base is None or top is None:
            return None
        return base.value, top.value + top.ulp
    idx = max(text.find("几"), text.find("数"))
    if idx < 0:
        return None
    after_unit = idx > 0 and text[idx - 1] in _SMALL
    if after_unit:  # 十几, 三十几万: the 几 fills the units digit
        lo = read_number(text[:idx] + text[idx + 1:])
        nxt = text[idx + 1:idx + 2]
        if nxt not in _SMALL and (lower := LOWER_PLACE.get(text[idx - 1])):
            text = text[:idx + 1] + lower + text[idx + 1:]  # 五千几万: 5000..6000万
    elif idx > 0 and text[idx - 1] in "零〇":  # 一百零几万: 101..109万
        lo = read_number(text[:idx] + "一" + text[idx + 1:])
    else:  # 几十, 数百万, 几: at least two
        lo = read_number(text[:idx] + "二" + text[idx + 1:])
    hi = read_number(text[:idx] + "九" + text[idx + 1:])
    if lo is None or hi is None:
        return None
    return lo.value, hi.value + hi.ulp
