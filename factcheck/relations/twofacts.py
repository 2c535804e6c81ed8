"""Two near-equal figures that are two facts, not one figure restated with a slip: sibling
series told apart by a tag (CCL vs CCL(中小型單位)), a daily series whose paragraphs open on
different days, levels each dated to another day in its sentence, figures of different
companies, stocks or works. The restatement binders ask these before pairing a slip."""

from __future__ import annotations

import re
from functools import lru_cache

from .document import Document
from .frames import Frame

# CCL最新報144.63點 … CCL(中小型單位)報144.67點: Latin names and bracketed qualifiers in the
# clause before a figure tell sibling series apart that the Han metric words do not
TAG = re.compile(r"[A-Za-z][A-Za-z&.\-]*|[(（][^()（）]{1,12}[)）]")


def other_tags(doc: Document, a: Frame, b: Frame) -> bool:
    tags = [set(TAG.findall(doc.folded, f.clause[0], f.start)) for f in (a, b)]
    if tags[0] and tags[1]:
        return tags[0] != tags[1]
    tenors = [TENOR.findall(doc.folded, f.sentence[0], f.start)[-1:] for f in (a, b)]
    return bool(tenors[0] and tenors[1]) and tenors[0] != tenors[1]


# 隔夜息報3.03952厘 … 六個月拆息…報3.43952厘: the last tenor its sentence names before a rate
TENOR = re.compile(r"隔夜|[一二两三六九十0-9]{1,2}\s?(?:个\s?月|周|星期)(?!份|底|末|前)"
                   r"|[一二三五十0-9]{1,2}年期")  # (个 makes 六个月 a tenor; 11月 is a month)


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
    if x and y and not (x.endswith(y) or y.endswith(x)):
        return True
    # 緯創（3231）、廣達（2382）昨公告…: the listed names the story gives codes to; the one
    # each paragraph names last before its figure owns it (其中緯創… / 廣達同樣…)
    listed = _coded_names(doc.folded)
    if len(listed) < 2:
        return False
    named = [_last_named(doc.folded, f.paragraph[0], f.start, listed) for f in (a, b)]
    return bool(named[0] and named[1]) and named[0] != named[1]


CODE = re.compile(r"[(（]\s?([0-9]{4,6})(?:\.[A-Z]{1,3})?\s?[)）]")  # a listed company's code
CODED_NAME = re.compile(r"([\u4e00-\u9fff]{2,4})(?=" + CODE.pattern + ")")  # 緯創（3231）


@lru_cache(maxsize=8)
def _coded_names(folded: str) -> frozenset[str]:
    """The names the story gives stock codes to, read once per document (other_owners is
    asked of every candidate pair)."""
    return frozenset(_short(m.group(1), folded) for m in CODED_NAME.finditer(folded))


def _short(name: str, folded: str) -> str:
    """大廠緯創（3231）: the name's tail the story names again (緯創), at least two characters."""
    return next((name[-k:] for k in range(len(name), 2, -1) if folded.count(name[-k:]) > 1),
                name[-2:])


def _last_named(folded: str, lo: int, hi: int, names: frozenset[str]) -> str | None:
    best = max(((folded.rfind(n, lo, hi), n) for n in names), default=(-1, None))
    return best[1] if best[0] >= 0 else None


TITLE = re.compile(r"《[^《》\n]{1,40}》")


# 进口2825.8亿美元，增长5% … 加工贸易2025.8亿美元，增长7.6%: the rate stated right after a figure
OWN_RATE = re.compile(r"\s?[，,]?\s?(?:同比|按年|年|比上年|比去年同期)?\s?"
                      r"(?P<verb>增长|增加|上升|上涨|下降|减少|下跌|增|减|升|降|涨|跌)\s?了?\s?"
                      r"(?P<rate>[0-9]+(?:\.[0-9]+)?)\s?%")
FALLS = ("下降", "减少", "下跌", "减", "降", "跌")


def own_rates_apart(doc: Document, a: Frame, b: Frame) -> bool:
    """Each figure comes with a rate of its own and the two differ: a figure restated with a
    slip keeps its rate (or states none again), so these are two facts."""
    rates = []
    for f in (a, b):
        m = OWN_RATE.match(doc.folded, f.mention.end)
        if m is None:
            return False
        value = float(m["rate"])
        rates.append(-value if m["verb"] in FALLS else value)
    return abs(rates[0] - rates[1]) > RATE_APART


RATE_APART = 0.05  # points: more than a rounding of one rate stated twice


# 财政部今公布8月出口584.9亿美元 … 南韩官方公布8月出口584亿美元: a figure whose clause names
# another economy than the other's is that economy's
ECONOMY = re.compile(r"南韩|韩国|日本|美国|中国大陆|大陆|内地|台湾|香港|澳门|新加坡|越南|泰国"
                     r"|马来西亚|印尼|印度|德国|法国|英国|欧盟|欧元区|俄罗斯|巴西|澳洲|澳大利亚"
                     r"|加拿大|墨西哥|菲律宾"
                     # the mainland's provinces (广东地区生产总值… 浙江数字经济…占GDP的9.7%:
                     # two provinces' figures); no cities, which lie inside them
                     r"|北京(?!时间)|天津|上海(?!证券)|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江"
                     r"|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃"
                     r"|青海|内蒙古|广西|西藏|宁夏|新疆")


AGENCY = re.compile(r"(?:官方|政府|当局|统计局|统计厅|海关|央行|产业通商资源部|财务省)")
ECONOMY_AGENCY = re.compile(f"(?:{ECONOMY.pattern}){AGENCY.pattern}")  # 南韩官方


def other_economies(doc: Document, a: Frame, b: Frame) -> bool:
    """Both clauses name economies, none in common; or one names an economy's own agency
    (南韩官方公布…) and the other names none (the story's own economy, 财政部今公布…)."""
    places = [set(ECONOMY.findall(doc.folded, f.clause[0], f.start)) for f in (a, b)]
    if places[0] and places[1]:
        return not places[0] & places[1]
    return any(ECONOMY_AGENCY.search(doc.folded, f.clause[0], f.start) for f in (a, b))


@lru_cache(maxsize=4096)
def part_and_whole(x: str, y: str) -> bool:
    """出口总值57.4亿元 and 兰州市进出口总值55亿元 (metric words ``x`` and ``y``): one names a
    composed whole (进出口 = 出口 + 进口, lexicon/compositions.csv), the other one of its
    parts; two metrics, whatever suffix they share."""
    from .families import compositions

    for totals, parts in compositions():
        for whole, part in ((x, y), (y, x)):
            if any(t in whole for t in totals) and any(
                    p in part and not any(t in part for t in totals)
                    for forms in parts for p in forms):
                return True
    return False
