"""Shares of a named total (占社会消费品零售总额的比重为14.9%): the part before the share over
the whole it names, found among the document's levels by the name's words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .common import (
    Binding,
    _by_sentence,
    _level_for,
    _row,
    _suffix,
    listed,
    one_value,
    unit_ok,
)
from .document import Document, within
from .families import compositions
from .frames import Frame, strip_filler
from .subset import SUBSET
from .twofacts import ECONOMY

TOTAL_REACH = 2000  # characters between the paragraphs of a share's part and its whole
# 占同期我国对东盟进出口总值的: a period, then a scope, open a whole's name before the name
NAME_HEAD = re.compile(r"^(?:同期|当期|同年)?(?:我国|全国|全体|全市|全省|全(?!球)|我|该|其)?")
# 发售股份已增至1.82亿股: the verb that moved a level to its figure names nothing
TO_TAIL = re.compile(r"(?:已|将|再|则)?(?:增|减|升|降|调|扩|缩|提高|下调|上调|回补)?[至到]$")
# 占发售总数43.48% of 发售股份1.82亿股: the counted noun a 总数 leaves out
COUNTED = {"股份", "股数", "人数", "户数", "家数", "数量"}
GENERIC = {"总值", "总额", "金额", "总量", "总数", "规模", "收入"}
SCOPE = re.compile(r"总|全|整体|集团|公司|企业|本|该|其|我|国|省|市|港|台|行业|平均|合计|累计")


PAIRED_SHARES = re.compile(r"\s?(?:和|及|与|、)\s?")
SHARE_SUBJECT = re.compile(r"([\u4e00-\u9fff]{2,12})(?<!应)占")


def _named_part(s: Frame, frames: list[Frame], doc: Document) -> Frame | None:
    """住宅投资占房地产开发投资的比重为67.4%, with no amount in its clause: the part is the
    last amount before the clause named 住宅投资 (销售额和营业利润分别为…，营业利润占…67%),
    in its paragraph, else in an earlier one of the
    same period (a release's levels, then 从结构看 …人民币贷款余额占…的61.4%), where the name
    must be distinctive (four characters or more)."""
    m = SHARE_SUBJECT.search(doc.folded, s.clause[0], s.start)
    if not m:
        return None
    name = NAME_HEAD.sub("", m.group(1))
    if len(name) < 2:
        return None
    hits = [f for f in within(frames, s.paragraph[0] - TOTAL_REACH, s.clause[0])
            if f.quantity == "amount" and f.role in ("level", "to") and f.metric
            and f.metric.endswith(name)]
    here = [f for f in within(frames, s.sentence[0], s.clause[0])
            if f.quantity == "amount" and f.role in ("level", "to")]
    if here and not {id(f) for f in here} & {id(f) for f in hits}:
        return None  # 入境旅客…為189,143人次，中國大陸旅客佔68.0%: a share of the sentence's
        # own amount, whose part the story does not state
    own = [f for f in hits if f.paragraph == s.paragraph]
    if own:
        return own[-1]
    before = [f for f in hits if len(name) >= PART_NAME and _same_span(s, f)]
    return before[-1] if before and one_value(before) else None


SUBJECT_END = re.compile(r"所?占")  # 中国大陆旅客所占比重: the share's subject ends at 占
SUB_WHOLE = 4  # characters of a whole's name that another share's subject must hold
PART_NAME = 4  # characters a part named in an earlier paragraph must share with the share


GENERIC_TAIL = re.compile("(?:" + "|".join(sorted(GENERIC, key=lambda w: (-len(w), w))) + ")$")


def _names_a_part_of(name: str, metric: str) -> bool:
    """The share names a part (出口总值) of the composed total the candidate measures
    (货物贸易进出口总值 = 出口 + 进口, lexicon/compositions.csv)."""
    word = GENERIC_TAIL.sub("", name) or name
    return any(metric.endswith(totals) and any(word in forms for forms in parts)
               for totals, parts in compositions())


SCOPES = re.compile(r"全球|国际|海外|境外|香港|内地|国内|境内|本地|本港|公开发售|股份发售|配售")


def _other_scope(name: str, metric: str) -> bool:
    """The share's whole and the candidate name different scopes (全球发售 vs 香港公开发售,
    境外 vs 境内): two totals, not one."""
    a, b = set(SCOPES.findall(name)), set(SCOPES.findall(metric))
    return bool(a and b and not a & b)


NAMED_PREFIX = 4  # characters a total's name and the share's must open with to be one name


def _prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _same_span(a: Frame, b: Frame) -> bool:
    """A part and its total cover one period (when both say which) and one year."""
    if a.span_months and b.span_months and a.span_months != b.span_months:
        return False
    return not (a.year and b.year and a.year != b.year)


def _head(f: Frame) -> int:
    return f.paragraph[0]


def bind_share(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    """占社会消费品零售总额的比重为14.9%: the part before it over the total it names."""
    shares = list(_named_shares(frames, doc))
    parts = {id(part) for _, _, part in shares}
    owned = _owned(frames, doc) if shares else set()
    for s, name, part in shares:  # paragraphs in text order: a window by bisection
        word = GENERIC_TAIL.sub("", name)
        if len(word) >= SUB_WHOLE and any(
                f.quantity == "percent" and f.role == "share" and f.start < s.start
                and f.paragraph == s.paragraph and word in SUBJECT_END.split(f.metric or "")[0]
                for f in within(frames, s.paragraph[0], s.start, key=_head)):
            continue  # 中国大陆旅客所占比重…54.9%；…占中国大陆旅客总数45.3%: the whole is a
            # share of a total (checks/share_of_total._of_a_share_of), not a stated figure
        window = within(frames, part.paragraph[0] - TOTAL_REACH,
                        part.paragraph[0] + TOTAL_REACH + 1, key=_head)
        totals = [(f, c) for f in window if f is not part
                  for c in (_naming(name, part, f),) if c is not None
                  and not (name == part.metric and _sibling(part, f))
                  and not _list_mates(part, f, name, doc) and not _other_place(name, part, f, doc)
                  and not _itemized(s, f, doc)]
        # (佔同期全國總量的1.76%, the whole of the part's own metric: 制造业实际使用外资, a
        # sibling named alike, is another part, not that whole)
        # a figure stated as another share's part (對美國的出口額…佔15.7%) is a sibling, not the
        # whole, where the name fits a figure that is none
        proper = [(f, c) for f, c in totals if id(f) not in parts and c > 0]
        if proper and all(f.start > s.start and f.paragraph != s.paragraph
                          for f, _ in proper) and max(_shared(name, f) for f, _ in proper) < max(
                (_shared(name, f) for f, c in totals if id(f) in parts and c > 0), default=0):
            proper = []  # (占对东盟进出口总值的62.2%: 我国对东盟进出口4.5万亿元, itself a
            # share's part, is named better than any figure that is none)
        if all(f.start > s.start and id(f) in owned for f, _ in totals):
            continue  # (…；进口机电产品229.6亿元，占20.5%: only later parts with shares of their
            # own, the next items, none of them this share's whole)
        totals = proper or totals
        if not totals:
            continue
        best = max(c for _, c in totals)
        ranked = [f for f, c in totals if c == best]
        if all(listed(f, doc) and f.start > s.start for f in ranked):
            continue  # (占全市出口额的近80% … 对美国…的出口额分别达11484万美元: the best-named
            # figures are later items of a list, parts of something, none of them the whole)
        if proper:  # a whole is stated before its shares (营业收入3285.94亿元 … 占营收比重的
            # 72%), not by a sibling part after them (…实现营收449.8亿元)
            ranked = [f for f in ranked if f.start < s.start] or ranked
        # a precise figure over an open one (出口額554.4億美元 over 連續5個月超過500億美元)
        ranked = [f for f in ranked if f.mention.lo is not None and f.mention.hi is not None] \
            or ranked
        # one total stated twice (前2月出口3.06万亿元 in the lead and after 其中) is one reading
        ranked.sort(key=lambda f: f.paragraph != s.paragraph)
        once = {(f.mention.value, f.mention.precision): f for f in reversed(ranked)}
        alts = [{"share": s, "part": part, "total": f} for f in ranked if once[
            (f.mention.value, f.mention.precision)] is f]
        # a total from another paragraph is a weaker reading (a lead's figure of another scope)
        near = all(alt["total"].paragraph == s.paragraph for alt in alts)
        yield Binding(_row("share"), "share", alts, best > 0 and len(alts) == 1 and near)


def _owned(frames: list[Frame], doc: Document) -> set[int]:
    """ids of the amounts stated with a share of their own in their sentence."""
    sentences = _by_sentence(frames)
    return {id(part) for s in frames if s.quantity == "percent" and s.role == "share"
            for part in (_level_for(s, sentences[s.sentence], None, "amount", doc),)
            if part is not None}


def _named_shares(frames: list[Frame], doc: Document) -> Iterator[tuple[Frame, str, Frame]]:
    """(share, the whole's name, the part) of every share whose whole and part can be read.
    A share with no name of its own (…佔總額的15.7%；對歐盟…，佔9.6%) names the whole of the
    share before it in its paragraph; a name that is only a generic word (佔總額的) names the
    whole of the part's own metric."""
    from .frames import SHARE_MARK

    sentences = _by_sentence(frames)  # by sentence: linear in a long text
    last: tuple[Frame, str, Frame] | None = None
    for s in (f for f in frames if f.quantity == "percent" and f.role == "share"):
        group = sentences[s.sentence]
        if any(f is not s and f.quantity == "percent" and PAIRED_SHARES.fullmatch(
                doc.folded, *sorted((f.mention.end, s.start, s.mention.end, f.start))[1:3])
               for f in group):
            continue  # 产销25.77万辆和24.31万辆…占总量的63.43%和66.40%: shares paired by order
        m = SHARE_MARK.search(strip_filler(doc.folded[s.clause[0]:s.start]))
        name = NAME_HEAD.sub("", m.group("name")) if m else ""
        part = _level_for(s, group, None, "amount", doc) or _named_part(s, frames, doc) \
            or _part_after(s, group, doc)
        if part is None:
            continue
        if len(name) < 2 and last is not None and _sibling(last[2], part) \
                and ELLIPTIC.search(doc.folded, s.clause[0], s.start):
            name = last[1]
        if len(name) < 2:
            continue
        last = (s, name, part)
        if not GENERIC_TAIL.sub("", name) and part.metric:
            name = part.metric  # 對美國的出口額…佔總額的15.7%: the whole of 出口額
        yield s, name, part


# 动力电池系统占营收比重的72%，2022年实现2365.93亿元: the subject's amount in the next
# clause, when nothing but a period and a verb of earning stands before it
AFTER_WORDS = re.compile(r"[，,]\s?(?:(?:19|20)\d{2}年(?:全年|度)?|全年|同期|期内|当年)?\s?"
                         r"(?:实现|录得|达到?|为|贡献)?(?:营业收入|营收|收入|销售额|收益|营业额)?"
                         r"(?:为|达到?)?\s?$")


def _part_after(s: Frame, group: list[Frame], doc: Document) -> Frame | None:
    """The share's own subject stated after it (X占…的72%，实现2365.93亿元)."""
    if not SHARE_SUBJECT.search(doc.folded, s.clause[0], s.start):
        return None
    after = next((f for f in group if f.start > s.start and f.quantity in ("amount",
                                                                           "percent")), None)
    if after is None or after.quantity != "amount" or after.role not in ("level", "to"):
        return None
    return after if AFTER_WORDS.fullmatch(doc.folded, s.mention.end, after.start) else None


ELLIPTIC = re.compile(r"(?:占|佔)比?\s?$")  # 佔9.6%, 余额占比0.7%: named by the one before


def _sibling(a: Frame, b: Frame) -> bool:
    """Two parts listed alike in one paragraph (對美國的出口額…，對歐盟的出口額…): their metrics
    end in the same words."""
    return a.paragraph == b.paragraph and bool(a.metric and b.metric) and \
        _suffix(a.metric, b.metric) >= 2


def _narrowed(metric: str, total: str) -> bool:
    """电子及资通产品的出口总值: a total word narrowed to a kind of goods (X的), not the whole."""
    return metric[:-len(total)].endswith("的")


def _naming(name: str, part: Frame, f: Frame) -> int | None:
    """How well level ``f`` is named as the whole ``name`` of ``part`` (characters the names
    share; 0 for a generic word only), or None when it cannot be that whole."""
    if f.quantity != "amount" or f.role not in ("level", "to") \
            or not unit_ok(f.unit, part.unit) or not f.metric \
            or abs(f.paragraph[0] - part.paragraph[0]) > TOTAL_REACH:
        return None
    if not _same_span(part, f):
        return None  # 1-11月 exports of a product over the year's total: another whole
    if _names_a_part_of(name, f.metric):
        return None  # 占出口总值的59.4%: exports, not 进出口总值 that ends in the same word
    if _other_scope(name, f.metric):
        return None  # 占全球发售…股份总数的约20%: not 香港公开发售总数
    metric = TO_TAIL.sub("", NAME_HEAD.sub("", f.metric))
    if len(metric) >= 3 and metric not in GENERIC and name.endswith(metric) \
            and len(name) - len(metric) >= 2 and not SCOPE.search(name[:-len(metric)]):
        return None  # 占流动资产总额31.5% is no share of 资产总额: a modifier narrows the whole
        # (not 占该集团总合同销售金额, 占总体营业利润: an owner or a scope word)
    common = _suffix(metric, name)
    if common >= 2 and metric[:-common].endswith("非") and not name[:-common].endswith("非"):
        return None  # 佔經常開支59% is not a share of 非經常開支: the complement
    if any(name.endswith(t) and any(metric.endswith(u) and not _narrowed(metric, u)
                                    for u in totals)
           for totals, _ in compositions() for t in totals):
        return 3  # 占我外贸总值的16.7% of 进出口总值29.57万亿元: one whole, named two ways
    common = _suffix(metric, name)
    word = GENERIC_TAIL.sub("", name)
    if common < 2 and len(word) >= 2 and (metric.endswith(word) or (
            metric.startswith(word) and metric[len(word):] in COUNTED)):
        return len(word)  # 占出口总值的60.3%: the total is 出口3.06万亿元 (占发售总数: 发售股份)
    if common >= 2 and _prefix(metric, name) >= NAMED_PREFIX:
        common += _prefix(metric, name)  # 全體上市股票交易金額 ~ 全體上市股票成交金額
    if common == 2 and not (metric.endswith(name) or name.endswith(metric)) \
            and len(metric) > 3 and len(name) > 3:
        return None  # 占内地旅客28.1% and 不过夜旅客1,240,263人次: two kinds of 旅客
    if common >= 2 and (common >= 3 or metric.endswith(name) or name.endswith(metric)
                        or name[-common:] not in GENERIC):
        return common
    if common < 2 and "的" not in metric and _one_concept(name, metric):
        return 2  # 占公司营收比重 of 营业收入3285.94亿元: one metric, named two ways (not one
        # narrowed to a kind: 资通与视听产品的出口值 is a part of 总出口)
    return 0 if common >= 2 else None  # only a generic word in common: a weak reading


def _places(text: str) -> set[str]:
    """The economies a text names as owners: not a trade partner (对欧盟的出口额, 自美国进口)."""
    return {m.group() for m in ECONOMY.finditer(text)
            if not (m.start() and text[m.start() - 1] in PARTNER_MARKS)}


PARTNER_MARKS = "对向自从与和同及、"


def _other_place(name: str, part: Frame, f: Frame, doc: Document) -> bool:
    """The whole is another economy's: 佔韓國總出口額 names Korea, whose total it must be; a
    whole named by no place (占GDP的9.7%) is the part's own (浙江数字经济… is not a share of
    广东地区生产总值)."""
    total = _places(doc.folded[f.clause[0]:f.start])
    own = _places(name) or _places(doc.folded[part.clause[0]:part.start])
    return bool(own and total and not own & total)


def _list_mates(part: Frame, f: Frame, name: str, doc: Document) -> bool:
    """Two items of one 分别 list (对东盟、欧盟…进出口分别为3.38万亿元…1.45万亿元，…占我国外贸
    总值的14.6%) are parts of one breakdown, not a part and its whole, unless the list names
    the whole among its subjects (营收和净利分别为100亿元和20亿元，净利占营收的20%)."""
    if part.clause != f.clause or not listed(part, doc) or not listed(f, doc):
        return False
    word = GENERIC_TAIL.sub("", name) or name
    return word not in doc.folded[part.clause[0]:doc.folded.find("分别", part.clause[0])]


def _shared(name: str, f: Frame) -> int:
    """Characters a whole's name (less its generic tail) shares with a figure's metric."""
    return len(set(GENERIC_TAIL.sub("", name)) & set(f.metric or ""))


def _itemized(s: Frame, f: Frame, doc: Document) -> bool:
    """A figure listed after 其中 following the share (…占出口总值的70.3%。其中，出口汽车
    零配件115.8亿元) is an item of the part, never the share's whole."""
    return f.start > s.start and f.paragraph == s.paragraph and \
        SUBSET.search(doc.folded, s.mention.end, f.start) is not None


def _one_concept(name: str, metric: str) -> bool:
    """The two names measure one metric of the metric lexicon (营收, 营业收入: revenue)."""
    from ..sources.concepts import named_concept

    key = named_concept(re.sub(r"的?(?:比重|比例|份额)$", "", name))
    return key is not None and ":" not in key and key == named_concept(metric)
