"""Length-preserving folding of article text for matching.

Matching runs on a folded copy of the text: full-width forms become ASCII and Traditional
characters become Simplified, one character for one character, so every offset found in the
folded copy is also an offset in the ORIGINAL text (the contract's span rule). OpenCC supplies
the Traditional-to-Simplified data; it is applied per character and any conversion that would
change the length is ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")

# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E, except the full-width comma,
# which in Chinese prose is a clause separator, never a thousands separator.
_WIDTH: dict[int, str] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
del _WIDTH[ord("\N{FULLWIDTH COMMA}")]
_WIDTH.update(
    {
        ord("\N{IDEOGRAPHIC SPACE}"): " ",
        ord("\N{NO-BREAK SPACE}"): " ",
        ord("\N{NARROW NO-BREAK SPACE}"): " ",
        ord("\N{THIN SPACE}"): " ",
        ord("\N{FULLWIDTH YEN SIGN}"): "¥",
        ord("\N{FULLWIDTH POUND SIGN}"): "£",
        ord("\N{IDEOGRAPHIC FULL STOP}"): "。",
        ord("\N{EN DASH}"): "-",
        ord("\N{EM DASH}"): "-",
        ord("\N{FULLWIDTH TILDE}"): "~",
        ord("\N{WAVE DASH}"): "~",
        ord("\N{CIRCLED DIGIT ZERO}"): "〇",
        ord("\N{WHITE CIRCLE}"): "〇",
        ord("\N{LEFT DOUBLE QUOTATION MARK}"): '"',
        ord("\N{RIGHT DOUBLE QUOTATION MARK}"): '"',
        # Small form variants (Big5 punctuation of Hong Kong and Taiwan outlets): the small full
        # stop is their decimal mark (15﹒6元); NFKC maps it to "." as well.
        ord("\N{SMALL FULL STOP}"): ".",
        ord("\N{SMALL COMMA}"): "，",
        ord("\N{SMALL IDEOGRAPHIC COMMA}"): "、",
        ord("\N{SMALL SEMICOLON}"): "；",
        ord("\N{SMALL COLON}"): "：",
        ord("\N{SMALL PERCENT SIGN}"): "%",  # 1.66﹪ (U+FE6A)
        ord("\N{RATIO}"): ":",  # 三次产业结构为13.72∶46.43∶39.85 (U+2236)
        # 1.67億元﹙美元.下同﹚: small brackets around a note
        ord("\N{SMALL LEFT PARENTHESIS}"): "（",
        ord("\N{SMALL RIGHT PARENTHESIS}"): "）",
        # a low single quote typed as the grouping comma (5‚498.35億元, U+201A)
        ord("\N{SINGLE LOW-9 QUOTATION MARK}"): ",",
    }
)
# Variants OpenCC leaves alone but that mean the same in numbers.
_EXTRA = {"週": "周", "臺": "台", "萬": "万", "億": "亿", "兩": "两", "圓": "圆", "陸": "陆"}


# Middle-dot variants written as decimal marks between digits (4·96萬, 0‧52%); between a month
# and a day followed by a name (3·15晚会, 9·11事件) they name an event and stay.
MIDDOTS = "\N{MIDDLE DOT}\N{HYPHENATION POINT}\N{KATAKANA MIDDLE DOT}" \
    "\N{HALFWIDTH KATAKANA MIDDLE DOT}\N{BULLET OPERATOR}\N{DOT OPERATOR}"
_MIDDOT_RE = re.compile(f"[{MIDDOTS}]")
# what may follow a decimal (a multiplier, unit or sign), so 3·15 before it is still a number
_AFTER_DECIMAL = set("万亿兆倍元%成折个百千美港日欧英")


_CN_DIGITS = set("〇○零一二三四五六七八九十廿卅")


def _chinese_decimal(folded: str, i: int) -> bool:
    """A middle dot between Chinese digits whose tail runs into a multiplier, unit or percent
    is their decimal point (Taiwanese wire style: 七四三七·三億美元, 卅七·九%); “五 · 一”
    and 十·一 (holidays) run into a quote or a name and stay."""
    if i == 0 or folded[i - 1] not in _CN_DIGITS:
        return False
    b = i + 1
    while b < len(folded) and folded[b] in _CN_DIGITS:
        b += 1
    return b > i + 1 and folded[b:b + 1] in _AFTER_DECIMAL


def _decimal_dots(folded: str) -> str:
    """The folded text with every middle dot between digits that is a decimal mark as "."."""
    chars: list[str] | None = None
    n = len(folded)
    for m in _MIDDOT_RE.finditer(folded):
        i = m.start()
        a = i
        while a > 0 and folded[a - 1].isascii() and folded[a - 1].isdigit():
            a -= 1
        b = i + 1
        while b < n and folded[b].isascii() and folded[b].isdigit():
            b += 1
        if a == i or b == i + 1:
            chinese = _chinese_decimal(folded, i)  # 七四三七·三億美元, 卅七·九%
            if chinese:
                chars = chars if chars is not None else list(folded)
                chars[i] = "点"
            continue  # not between digits: 马克·扎克伯格
        head, tail, after = folded[a:i], folded[i + 1:b], folded[b:b + 1]
        event = (len(head) <= 2 and 1 <= int(head) <= 12 and len(tail) <= 2
                 and 1 <= int(tail) <= 31 and "\u3400" <= after <= "\u9fff"
                 and after not in _AFTER_DECIMAL)
        if not event:
            chars = chars if chars is not None else list(folded)
            chars[i] = "."
    return folded if chars is None else "".join(chars)


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _EXTRA:
        return _EXTRA[ch]
    mapped = _WIDTH.get(ord(ch))
    if mapped is not None:
        return mapped
    if ch < "\u3400":
        return ch
    out = _T2S.convert(ch)
    return out if len(out) == 1 else ch


class _FoldTable(dict):  # type: ignore[type-arg]
    """Code point -> folded character, filled on first sight of each character.

    Every character gets an entry (identity included): ``str.translate`` handles a missing
    key through a raised LookupError, which is several times slower than a hit.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Return a same-length copy of ``text`` in Simplified, half-width form.

    >>> fold("輝達營收５７０．０６億美元")
    '辉达营收570.06亿美元'
    """
    folded = text.translate(_TABLE)
    if _MIDDOT_RE.search(folded):
        folded = _decimal_dots(folded)
    assert len(folded) == len(text)
    return folded
