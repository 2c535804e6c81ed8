"""Two near-equal figures that are two facts, not one figure restated with a slip: sibling
series told apart by a tag (CCL vs CCL(中小型單位)), a daily series whose paragraphs open on
different days, levels each dated to another day in its sentence, figures of different
companies, stocks or works. The restatement binders ask these before pairing a slip."""

from __future__ import annotations

import re

from .document import Document
from .frames import Frame

# CCL最新報144.63點 … CCL(中小型單位)報144.67點: Latin names and bracketed qualifiers in the
# clause before a figure tell sibling series apart that the Han metric words do not
TAG = re.compile(r"[A-Za-z][A-Za-z&.\-]*|[(（][^()（）]{1,12}[)）]")


def other_tags(doc: Document, a: Frame, b: Frame) -> bool:
    tags = [set(TAG.findall(doc.folded, f.clause[0], f.start)) for f in (a, b)]
    return bool(tags[0]) and bool(tags[1]) and tags[0] != tags[1]


# 周三(2日)…收市报23311点 … 周五(4日)…收市报23331点: a week's closes, each of its own day
DAY_NAMED = re.compile(r"(?:(?:周|星期|礼拜)[一二三四五六日天]\s?[(（]\s?)?(\d{1,2})\s?[日号]"
                       r"|(?:周|星期|礼拜)([一二三四五六日天])")


def other_days(doc: Document, a: Frame, b: Frame) -> bool:
    """The two paragraphs open on different days (周三(2日)… and 周五(4日)…, written alike:
    day numbers or weekdays): two facts of a daily series, as a week's review reports them."""
    days = [DAY_NAMED.match(doc.folded, _skip_space(doc.folded, f.paragraph[0])) for f in (a, b)]
    x, y = days
    return a.paragraph != b.paragraph and x is not None and y is not None \
        and bool(x[1]) == bool(y[1]) and x.groups() != y.groups()


DATED = re.compile(r"(?:(\d{1,2})\s?月\s?)?(?<![\d.])(\d{1,2})\s?[日号]")


def dated_apart(doc: Document, a: Frame, b: Frame) -> bool:
    """Each figure's sentence dates it, to different days (吉隆坡13日专电…利率为2.5% and
    今年3月4日已把利率从2%调高至2.25%): a level then and a level now, two facts."""
    days = [list(DATED.finditer(doc.folded, f.sentence[0], f.start))[-1:] for f in (a, b)]
    return bool(days[0] and days[1]) and days[0][0][2] != days[1][0][2]


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def other_owners(doc: Document, a: Frame, b: Frame) -> bool:
    """The two paragraphs open with different companies (廣達9月合併營收… 緯創9月合併營收…),
    or the two clauses name different works (全国票房36.96亿元 … 《我和我的家乡》票房17.26亿元:
    a title in book-title marks owns the figure after it)."""
    from .flows import _owner

    titles = [set(TITLE.findall(doc.folded, f.clause[0], f.start)) for f in (a, b)]
    if titles[0] != titles[1]:
        return True
    codes = [CODE.findall(doc.folded, f.paragraph[0], f.start)[-1:] for f in (a, b)]
    if codes[0] and codes[1] and codes[0] != codes[1]:
        return True  # 明基醫院（2581）…暫報5.5元 … 南華期貨（2691）…暫報9.55元: two stocks
    x, y = (_owner(doc.folded[f.paragraph[0]:f.paragraph[1]].strip()) for f in (a, b))
    return bool(x and y) and not (x.endswith(y) or y.endswith(x))


TITLE = re.compile(r"《[^《》\n]{1,40}》")
CODE = re.compile(r"[(（]\s?([0-9]{4,6})(?:\.[A-Z]{1,3})?\s?[)）]")  # a listed company's code
