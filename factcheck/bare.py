"""Whether a number with no unit is a figure: a bare number states a quantity only when the
words around it say so (a Chinese numeral inside a word, a code, a label, a ballot number, a
holiday's name or a year inside a scheme's name is none)."""

from __future__ import annotations

import re

from .cand import Cand
from .generic import _is_han
from .pattern import CB, CS


def keep_bare(c: Cand, folded: str) -> bool:
    """A number with no unit is a figure only when it clearly states a quantity."""
    size = c.value if c.value is not None else c.lo
    if size is None:
        return False
    if c.chinese:
        if len(c.number_text) == 1 and c.number_text in CS + CB and c.qualifier == "exact" \
                and _is_han(folded[c.end:c.end + 1]):
            return False  # 百麗國際, 千禧: a lone place word opening a word is a name (逾百 stays)
        # 两, 五十 inside prose are too often parts of words; 三千万 (a multiplier), 一百九十九,
        # or a numeral standing alone between punctuation (“五”, a table cell) is a count
        if c.multiplier != 1 or size >= 100 or any(ch in CB for ch in c.number_text):
            return True
        before = folded[c.start - 1:c.start] if c.start else ""
        after = folded[c.end:c.end + 1]
        if before == "是" and (after in BARE_AFTER_IS or not _is_han(after)):
            return True  # 答案是四不是五: a numeral stated as the answer
        if "点" in c.number_text and len(c.number_text) >= 3 and after != "分" and not \
                CLOCK_BEFORE.search(folded, max(0, c.start - 3), c.start):
            return True  # 九点九: a decimal is a number, not part of a word
        if after in "”’\"'」』" and HOLIDAY_AFTER.match(folded, c.end + 1):
            return False  # 去年“十一”假期, “五一”黄金周: the holiday's name, quoted
        return c.number_text == "俩" or (
            not _is_han(before) and not _is_han(after) and after != "、")
    digits = c.number_text
    if digits.isdigit() and (len(digits) == 6 or len(digits) >= 7 and "," not in digits):
        return False  # 240004, 600519: bond and stock codes are six digits with no unit
    if len(digits) == 4 and digits[:2] in ("19", "20") and c.start \
            and _is_han(folded[c.start - 1]) and _is_han(folded[c.end:c.end + 1]):
        return False  # 居屋2024攪珠, 東京2020奧運: a year inside a scheme's or event's name
    if any(ch in "–—-" for ch in folded[max(0, c.start - 2):c.start + 1]) \
            and _page_line(c, folded):
        return False  # – 1 –: a filing's page number on a line of its own
    lo = max(0, c.start - LISTED_REACH)  # 號碼為20、52、68: labels (a bounded look back)
    lo = max(lo, *(folded.rfind(p, lo, c.start) + 1 for p in "。；;\n"))
    return not NUMBERS_LISTED.search(folded, lo, c.start)


def drop_footnotes(cands: list[Cand], folded: str) -> list[Cand]:
    """支付客戶1總數…註冊客戶2總數…用戶3總數: footnote marks flattened into the text, each
    written into its word; they number the notes 1, 2, 3 … in text order, which no run of
    counts (得20分、1分, 2房) does."""
    marks = [c for c in cands if c.bare and c.kind == "count" and c.start
             and c.number_text.isdigit() and len(c.number_text) <= 2 and _glued(c, folded)]
    if len(marks) < FOOTNOTES_MIN or [int(c.number_text) for c in marks] != list(
            range(1, len(marks) + 1)):
        return cands
    dropped = {id(c) for c in marks}
    return [c for c in cands if id(c) not in dropped]


def drop_labels(cands: list[Cand], folded: str) -> list[Cand]:
    """The candidates without the numbers that label rather than state: a footnote mark
    (準則[1], 206億美元[2]), a list's bracketed number (包括有： (1) …、(2) …), and a unit
    with no number that a table's header or a note gives (单位：千元, 二零二一年 人民币千元 |,
    （人民币百万元）, 以千元计; 突破千元 is a price)."""
    return [c for c in cands if not (_enumerator(c, folded) or _unit_label(c, folded))]


def _enumerator(c: Cand, folded: str) -> bool:
    if not (c.bare and c.kind == "count" and c.number_text.isdigit()
            and len(c.number_text) <= 2 and c.start >= 1):
        return False
    k, end = c.start - 1, c.end
    k -= folded[k] == " "
    end += folded[end:end + 1] == " "
    opening, closing = folded[k:k + 1], folded[end:end + 1]
    if not opening or OPEN_CLOSE.get(opening) != closing:
        return False
    before = folded[k - 1:k] if k else "\n"
    return opening in "[［〔" or before in LIST_BEFORE


def _unit_label(c: Cand, folded: str) -> bool:
    if c.kind != "money" or any(ch.isdigit() for ch in c.number_text) \
            or c.qualifier != "exact" or c.number_text not in LABEL_MAGNITUDES:
        return False
    before = folded[max(0, c.start - 4):c.start]
    after = folded[c.end:c.end + 3]
    return bool(UNIT_BEFORE.search(before) or UNIT_AFTER.match(after)
                or (before[-1:] in "(（" and after[:1] in ")）")
                or (before[-1:] in " \t|" and CELL_END.match(after)))


def _page_line(c: Cand, folded: str) -> bool:
    """The number's line is only it between dashes (– 1 –, - 12 -)."""
    start = folded.rfind("\n", 0, c.start) + 1
    end = folded.find("\n", c.end)
    line = folded[start:end if end >= 0 else len(folded)].strip()
    return re.fullmatch(r"[–—-]\s?\d{1,3}\s?[–—-]", line) is not None


FOOTNOTES_MIN = 2


def _glued(c: Cand, folded: str) -> bool:
    """Written into a word: a Han character or a closing bracket before (not the ordinal 第),
    a Han character after that joins no range or list."""
    before, after = folded[c.start - 1], folded[c.end:c.end + 1]
    return (_is_han(before) or before in ")）") and before != "第" and _is_han(after) \
        and after not in JOINS_AFTER


JOINS_AFTER = set("至到或和及与、")
BARE_AFTER_IS = set("这那而却不但")
LISTED_REACH = 60
NUMBERS_LISTED = re.compile(r"(?:号码|编号|代号)(?:为|是|有)?[:：]?\s?"
                            r"(?:[0-9]{1,3}\s?[、,，]\s?)*$")
OPEN_CLOSE = {"[": "]", "［": "］", "〔": "〕", "(": ")", "（": "）"}
LIST_BEFORE = set(" \t\n、：:，,；;")  # a list's (2) opens after these; 騰訊(700) after a name
LABEL_MAGNITUDES = {"千", "万", "百万", "千万", "亿", "十亿", "百亿", "萬", "百萬", "千萬", "億"}
UNIT_BEFORE = re.compile(r"(?:单位|單位)\s?[:：]?\s?$|以$")  # 单位：千元, 以百万美元计
UNIT_AFTER = re.compile(r"\s?[计計]")
CELL_END = re.compile(r"(?<![ \t])[ \t]*(?:\||\n|$)")  # 二零二一年 人民币千元 |: a header cell
HOLIDAY_AFTER = re.compile(r"\s?(?:小?长假|假期|黄金周|档期?|期间|当天|前后|节)")
CLOCK_BEFORE = re.compile(r"上午|下午|晚上|凌晨|早上|中午|傍晚|夜里")
