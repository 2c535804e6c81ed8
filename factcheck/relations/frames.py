"""Claim frames: what each figure asserts, read from cue tables rather than phrasings.

A frame says of one figure: its quantity (amount, percent, pp), its role — a ``level``, a
``move`` (a rate or a change amount, signed by its direction), a ``base`` (the level a
comparison starts from: 较上年同期的…, 从…), a ``to`` level (升至…), a ``gap`` between two
rates (快4.6个百分点), a ``ratio`` metric (毛利率…) — the comparison basis (同比, 环比, 季增
…), the metric word before it and the months its clause covers. The cue words live in
``lexicon/roles.csv`` and ``lexicon/bases.csv`` (Simplified; the folded text makes them match
Traditional too), so a new wording is a row, not a rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from ..checks.common import check_interval  # the checker's reading of stated precision
from ..claims import Claim
from ..interval import Interval
from ..lexicon import role_cues  # noqa: F401 — re-exported for the binders
from ..model import Mention
from ..units import kin
from . import periods
from .compounds import listed_metric, respective_metric
from .document import Document
from .words import (  # noqa: F401 — re-exported: the binders read basis words from here
    HAVE_BEFORE,
    _basis,
    _basis_pattern,
    _cue,
    _metric,
    _postposed,
    _topic,
    alternation,
    basis_cues,
    basis_only,
)
from .written import _rounded_groups, _whole

AMOUNT_KINDS = {"money", "count"}
FILLER = re.compile(r"(?:了|约|约为|大约|达到?|为|是|逾|近|(?<![买卖出入])超过?|高达|仅|只有?|共|"
                    r"合计|累计|分别|再|又|亦|也|则|还|已经|已|最多|最少|至多|一度|\s|或|，|,|、"
                    # degree adverbs of the move that follows (营收则微跌: 营收)
                    r"|微|略|稍|小幅|大幅|明显|显着|显著|稍微|略微|轻微)*$")
FILLER_TAIL = 40  # characters: a filler run is a few words, and the scan stays linear


def strip_filler(text: str) -> str:
    """``text`` without the filler words it ends with (了, 约, 为, 分别 …). FILLER is anchored
    at the end but tried from every position, so it reads only the tail."""
    if len(text) <= FILLER_TAIL:
        return FILLER.sub("", text)
    return text[:-FILLER_TAIL] + FILLER.sub("", text[-FILLER_TAIL:])
# a base marker's phrase holds no verb or rate (较上年同月上升11.2%达到X: X is a level)
# 同比去年净利2亿6610万令吉: 同比 names a base only before the year it compares with
BASE_MARK = re.compile(r"(?:较|(?<![对占同环好无])比(?![重例率值如])|同比(?=去年|上年|前年)|相较于?"
                       r"|相比于?|从(?![而事])|由(?![于此]))"
                       # (较…首次减息前135.86点: a rate cut names the base's day, it moves nothing)
                       r"(?P<what>(?:[减降加升]息|[^，,。；;！？!?于升增降跌涨减%]){0,24}?)的?$")
# 與年初每度電46.3仙比較，減幅約7.3%: a figure between 与 and 比较 is the base compared with
COMPARED_AFTER = re.compile(r"\s?(?:相比较?|比较|相较)")
WITH_BEFORE = re.compile(r"与|和|跟|同(?![比期])")
# 年均复合增长率, 平均每年增长: a compound rate; not 平均时薪月升0.2% (a metric named 平均…)
AVERAGE = re.compile(r"年均|复合|平均(?:每[年月季]|[年月])?(?:增长|增幅|增速|涨幅|跌幅|成长|增加"
                     r"|上升|上涨|下降|下跌|减少|升|涨|增|降|跌)")
# 盘中最高触及3688.25点, 高見25,918點, 最低触及1.28令吉, 下探3257.83点: the day's extremes
HIGH = re.compile(r"(?:最高|高见|高位|高见至)(?:触及|达到?|见|报|曾见|升至|至)?$")
LOW = re.compile(r"(?:最低|低见|下探|探至|低位|跌至最低)(?:触及|达到?|见|报|至)?$")
# 占…的比重为N%; not 应占 (HK: 股东应占溢利 is attributable profit), no verb in the name
SHARE_MARK = re.compile(r"(?:(?<!应)占|相当于|相等于)"
                        r"(?P<name>(?:增加[值额]|增量|[^，,。；;！？!?\d增升降跌涨减])"
                        r"{0,20}?)的?(?:比重|比例|份额|比)?$")
GAP_WORDS = re.compile(r"(?:(?<![同环])比|较)[^，,。；;]{1,16}?(?<![加放提])(快|慢|高|低)"
                       # 两者的差距为12.2个百分点 (not 同比提高: a change of its own)
                       r"|(快|慢|高|低)于|(差距|相差|之差|差)(?:为|是|达|有)?\s?$")
BASE_PERIOD = re.compile(r"(?:上年同期|去年同期|上年|去年|一年前|前一年|同期|上季度?|前一季|上一季"
                         r"|上一?财年(?:同季|同期)?|去年同季|上年同季"
                         r"|上月|前一月|上个月|前期)"
                         # 去年第一季度为, 上年前三季度为: the year before's same span
                         r"(?:(?<=年)(?:第?[一二三四1-4]季度?|首季|[上下]半年|全年|前[一二三四1-4]季度?"
                         r"|前?(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])个?月份?))?"
                         # 上年同期为; 去年10月份的營收為: the period, 的 and its metric
                         r"(?:[\u4e00-\u9fff]{0,2}|的[\u4e00-\u9fff]{1,3})$")
# 本期支出…，去年同期支出…: the earlier period, then the same word as the level before it
PERIOD_PARALLEL = re.compile(r"(?:上年同期|去年同期|上年|去年|上季度?|上月|上个月)"
                             r"(?P<tail>[\u4e00-\u9fff]{1,4}?)(?:为|是|达)?$")
# 上年同期为…, 去年同期的…: a period names a base only with its copula (去年賺29.5億 is a level)
# 按年增长37.69%,前期112亿9200万令吉 (Malaysian results): 前期 is the prior period's figure
# 上财年同季则达1306万1000令吉: the same span a year before, reaching its figure
# 恢復至2019年同期的85﹒6%: a level as a share of the earlier period's, not that period's base
RECOVERED = re.compile(r"(?:恢复|回复|回升|相当于)(?:至|到)?[^，,。；;%]{0,12}同期的?\s?$")
BASE_COPULA = re.compile(r"(?:(?:同期|同季|前期)(?:则|亦|也)?(?:达|录得)?|为|是|的)[\s约]{0,2}$")
# 去年同期为逆差433亿元, 上年同期为亏损…: the period, its copula, then the metric word
PERIOD_WAS = re.compile(r"(?:上年同期|去年同期|上年|去年|同期)(?:为|是)[\u4e00-\u9fff]{1,4}$")
CONVERSION = re.compile(r"(?:约合|折合|相当于|约等于)\s?(?:人民币|港币|港元|美元|新台币)?$|"
                        r"(?:约合|折合)\s?$"
                        # a rate written as an equation: 1美元=新台幣30.6元, 1美元兑7.1元人民币
                        r"|(?<![0-9.])1\s?(?:美元|港元|港币|欧元|英镑|日元|新元|令吉|澳元)\s?"
                        r"(?:=|＝|兑换?|折合|约合)\s?(?:人民币|港币|港元|美元|新台币)?$")
# 升至, 增加到 (not 达到: "reaches"); 增长32%至纪录高位的22.4亿元: a record-word modifier between
PERIOD_YEAR = r"(?:19|20)[0-9]{2}年|去年|今年|上年|本年"
# ，上升至去年12月…的111,700人: a clause that opens with its verb has no subject of its own
VERB_HEAD = re.compile(r"(?:上升|下跌|下降|上涨|增加|减少|回升|回落|升|跌|增|减|涨|降)(?:至|到)")
# 跌12%至每公吨3777令吉: a price per unit between the mark and the figure
PER_UNIT = r"每(?:公吨|吨|桶|盎司|股|单位|公斤|千克|克|斤|平方米|平方呎|平方尺|平米|呎|尺|两|安士)"
TO_MARK = re.compile(r"(?:至|(?<!达)到了?|(?<=[升降增减涨跌调高低])为)(?:" + PER_UNIT + r")?$"
                     r"|(?<![截甚])至(?:纪录|记录|历史|创|新|高位|低位|近|逾|超|"
                     r"多年|年内|去年|今年|上年|本年|当年)[\u4e00-\u9fff]{0,5}的$"
                     # 上升至去年12月至今年2月的111,700人: a three-month period after the 至
                     r"|(?<![截甚月])至(?:" + PERIOD_YEAR + r")?[0-9]{1,2}月(?:至(?:" + PERIOD_YEAR
                     + r")?[0-9]{1,2}月)?(?:份|底|末)?的$")
# 比1至10月份, 较今年首季, 较2024年同期: the period a comparison names (a year may stand between)
COMPARED = re.compile(r"(?:比|较|相比|对比|高于|低于)"
                      r"(?:今年|去年|上年|本年|同年|(?:19|20)\d{2}\s?年)?\s?$")
RATIO_TAIL = re.compile(r"[\u4e00-\u9fff]{1,6}率$|(?:分红|派息|派现)比例$")
PASSED = (r"(?:突破|首破|跌破|站上|站稳|失守|迈上|跨过|跨越|冲破|冲上|逼近|重返|重上|收复|守住|"
          r"首度突破|再破|破)"
          r"(?:了)?$")
THRESHOLD = re.compile(PASSED)
# a results announcement's comparative in brackets: (二零一九年:人民币336,538,000元), (上年：1.12元)
BRACKET_BASE = re.compile(r"[（(]\s?(?:[^（()）:：，,。]{0,10}?(?:年度?|同期|上年|去年))\s?[:：]\s?"
                          r"(?:人民币|港币|港元|美元|新台币)?\s?$")
THRESHOLD_HEAD = re.compile(r"(?:首次|首度|再度|再次|一举)?" + PASSED)  # the verb and its adverb
# 升175点或0.7%, 分别增长28.6%和12.8%: the second figure is a move of the same direction
RANGE_CLOSE = re.compile(r"\s?不等")
# 实现了15.01%的增长，达到507亿元: an amount reached in a clause of its own is the level
REACHED_LEVEL = re.compile(r"[，,]\s?(?:并|已|再|更)?达到?$")
MOVE_JOIN = re.compile(r"^\s?(?:或|，|,|、|\(|（|和|及|与)\s?(?:幅度为?|涨幅|跌幅)?$")


@dataclass(frozen=True, slots=True)
class Frame:
    """One figure and what it asserts."""

    idx: int
    mention: Mention
    quantity: str            # amount | percent | pp
    unit: str | None
    role: str                # level | to | base | move | gap | ratio | share | conv | high | low
                             # | threshold | average
    direction: int           # +1 up, -1 down, 0 unstated
    basis: str | None        # yoy | mom | qoq | dod | None
    metric: str | None       # the word before the figure (folded), e.g. 营收, 毛利率
    months: tuple[int, int] | None
    year: str | None
    entity: str | None
    cue: str                 # the role cue as written before the figure ("" if none)
    span_months: tuple[int, int] | None  # months, else the paragraph's last period before it
    sentence: tuple[int, int]
    clause: tuple[int, int]
    paragraph: tuple[int, int]
    scale: int = 1           # 升1倍 is a rate of 100%: the figure's unit in the frame's
    borrowed: bool = False   # months taken from a period a comparison names before it in its
                             # statement (较7月的3,173宗…；港島區錄695宗): maybe not its own

    @property
    def start(self) -> int:
        return self.mention.start

    def interval(self, lenient: bool = False) -> Interval:
        """The stated interval, signed by the direction of a move or gap; ``lenient`` reads a
        whole number's trailing zeros as a rounding (30亿9000万 may be 30.9亿 rounded). A
        figure written in groups whose last group ends in zeros (12亿2000万令吉) is always
        read so: nobody writes 12.2亿 that way meaning it to the last 万."""
        lo, hi = check_interval(self.mention, lenient or _rounded_groups(self.mention))
        if self.unit in ("点", None) and self.quantity == "amount" and hi is not None \
                and lo is not None and self.mention.qualifier == "exact" and _whole(self.mention):
            # 收報26,908點, 升469點, 收2787: whole points are rounded (n-0.5..n+0.5) or
            # truncated (..n+1), as Hong Kong wraps write them (跌87點或1.92%, 收報4484)
            value = Decimal(self.mention.value)  # type: ignore[arg-type]
            lo = min(lo, value - Decimal("0.5"))
            hi = max(hi, value + 1)
        if self.quantity == "percent" and self.role in ("move", "ratio") and hi is not None \
                and self.mention.qualifier == "exact" and self.mention.precision:
            # 減少百分之十三點二 for 13.28%: a rate may be truncated, not rounded (Macau and
            # Taiwan communiqués do), so its magnitude reaches up to the next written digit;
            # so may a ratio (配息率為2.33% for 0.866 / 37.01 = 2.3399%), away from zero
            value = Decimal(self.mention.value)  # type: ignore[arg-type]
            if value >= 0:
                hi = max(hi, value + self.mention.precision)
            elif lo is not None:
                lo = min(lo, value - self.mention.precision)
        if self.scale != 1:
            lo = None if lo is None else lo * self.scale
            hi = None if hi is None else hi * self.scale
        iv = Interval(lo, hi)
        return -iv if self.flips else iv

    @property
    def flips(self) -> bool:
        """A move or gap down is read negative, unless written with its own minus sign
        (收跌116.5點或-0.37%: signed once, not twice)."""
        if self.direction >= 0 or self.role not in ("move", "gap"):
            return False
        value = self.mention.value
        return not (_numeric(self.mention) and Decimal(value) < 0  # type: ignore[arg-type]
                    and self.mention.text.lstrip()[:1] in "-−－")


def _numeric(m: Mention) -> bool:
    return m.value is not None and not isinstance(m.value, str)


def _quantity(m: Mention) -> str | None:
    if m.kind in AMOUNT_KINDS and _numeric(m):
        return "amount"
    if m.kind in ("percent", "pp") and m.value is not None:
        return m.kind
    return None


def _in_clause(mentions: list[Mention], starts: list[int], clause: tuple[int, int],
               quantity: str) -> list[Mention]:
    """The clause's figures of one quantity, in order (mentions sorted by start)."""
    lo, hi = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
    return [x for x in mentions[lo:hi] if _quantity(x) == quantity]


def _compared_months(doc: Document, compared: list[tuple[int, tuple[int, int] | None]],
                     scope: int, clause: tuple[int, int], m: Mention
                     ) -> list[tuple[int, int] | None]:
    """The months (None when unknown) of the periods the move's clause compares with
    (较第2季…成长45%), named after the last basis cue of its sentence."""
    cues = list(_basis_pattern().finditer(doc.folded, scope, m.start))
    after = max(clause[0], cues[-1].end() if cues else scope)
    return [months for x, months in compared if after <= x < m.start]


def _compared_last(compared_at: frozenset[int], found: list[tuple[int, int, tuple[int, int]]],
                   ends: list[int], lo: int, m: Mention) -> bool:
    """Whether the last period before ``m`` in ``lo..`` is one a comparison names (较7月的)."""
    k = bisect.bisect_right(ends, m.start) - 1
    return k >= 0 and found[k][0] >= lo and found[k][0] in compared_at


def _sequential(named: tuple[int, int] | None, own: tuple[int, int] | None) -> str | None:
    """The basis a named comparison period gives a move over its own period (较今年首季 for
    the second quarter: qoq; the same months, 较去年第二季: yoy); None when they do not say."""
    if named is None or own is None:
        return None
    if named == own:
        return "yoy"
    return next((b for b in ("qoq", "mom") if periods.previous(own, b) == named), None)


def _extreme(m: Mention) -> str | None:
    """最高138.84點 (the qualifier inside the figure): an index's high (or low) of the period,
    not its level."""
    if m.unit not in ("点", "點"):
        return None
    head = m.text[:2]  # (最高 and 最低 are written alike in both scripts)
    return head if head in ("最高", "最低") else None


BRACKET = re.compile(r"\s?[（(]\s?(?:约合|折合|约|相当于|即)?\s?"
                     r"(?:人民币|港币|港元|美元|新台币)?\s?")


def _parallel(before: str, previous: Frame | None, sentence: tuple[int, int]) -> bool:
    """本期支出261.41亿元，去年同期支出223.25亿元: the earlier period names its figure with the
    same verb or metric word as the level just stated, so it is that level's base."""
    m = PERIOD_PARALLEL.search(before)
    return bool(m and previous is not None and previous.sentence == sentence
                and previous.role in ("level", "to") and previous.metric
                and previous.metric.endswith(m.group("tail")))


def _bracketed(previous: Frame | None, m: Mention, doc: Document) -> bool:
    """12.69億新元(約34億令吉): an amount in brackets right after one in another currency."""
    return (previous is not None and previous.quantity == "amount" and previous.unit != m.unit
            and previous.unit is not None and m.unit is not None
            and BRACKET.fullmatch(doc.folded, previous.mention.end, m.start) is not None)


# 期內盈餘 in a paragraph naming no period: the period the story stated last (上半年 …)
PERIOD_BACK = re.compile(r"期内|期间|本期")
ONLY_PERIOD = re.compile(r"(?:今年|去年|全年|上半年|下半年|首|前|第|[一二三四五六七八九十0-9]|个"
                         r"|季度?|月份?|年度?|累计|合计|共|至今|以来)+")


def _from_share(before: str) -> bool:
    """市占率由20.5%攀升至48.6%: a base mark nearer the figure than the share word makes it
    the share the move starts from, a base."""
    share, base = SHARE_MARK.search(before), BASE_MARK.search(before)
    return share is not None and base is not None and base.start() > share.start()


def build(doc: Document, mentions: list[Mention], claims: list[Claim]) -> list[Frame]:
    """Frames for the numeric figures of a document, in text order."""
    entity = {c.mention.start: c.entity for c in claims}
    found = periods.index(doc.folded)  # every period expression, once
    ends = [x[1] for x in found]
    # 增速比1至10月份回落: a period named as the comparison's is not the paragraph's period
    named = [x for x in found if COMPARED.search(doc.folded, max(0, x[0] - 9), x[0])]
    # (the 11月 inside 比2019年1—11月份 is the comparison's too)
    plain = [x for x in found if not any(y[0] <= x[0] and x[1] <= y[1] for y in named)]
    plain_ends = [x[1] for x in plain]
    compared = [(x[0], x[2]) for x in named]
    compared_at = frozenset(x for x, _ in compared)  # where each compared period starts
    frames: list[Frame] = []
    previous: Frame | None = None
    starts = [m.start for m in mentions]
    for m in mentions:
        quantity = _quantity(m)
        scale = 1
        if quantity is None and m.kind == "multiple" and _numeric(m):
            quantity, scale = "percent", 100  # 較定價0.5元升1倍: a rise of 100%
        if quantity is None:
            continue
        sentence, clause = doc.sentence(m.start), doc.clause(m.start)
        raw = doc.folded[max(sentence[0], m.start - 30):m.start]
        before = strip_filler(raw)
        role, direction = "level", 0
        cue = _cue(before, quantity)
        if scale != 1 and not (cue and cue[0] == "move" and cue[1]
                               and not TO_MARK.search(raw.rstrip())):
            continue  # 升至2倍, 是…的2倍, 认购2倍: a factor, not a rise
        if quantity == "pp" and GAP_WORDS.search(doc.folded, clause[0], m.start):
            gap = GAP_WORDS.search(doc.folded, clause[0], m.start)
            assert gap is not None
            word = gap.group(1) or gap.group(2) or ""
            # 差距: a gap without a side, read as the larger rate minus the smaller
            cue = ("gap", -1 if word in ("慢", "低") else 1 if word else 0, "")
        verb = strip_filler(before[:len(before) - len(cue[2])]) if cue else before
        reached = TO_MARK.search(raw.rstrip()) or (
            REACHED_LEVEL.search(raw.rstrip()) if quantity == "amount" and cue else None)
        if reached and RANGE_CLOSE.match(doc.folded, m.end):
            reached = None  # 下跌209吉到252令吉不等: a range's upper end, not a level reached
        if cue and reached:
            cue = None
        if BRACKET_BASE.search(raw):
            role = "base"  # 收益减少17.6%至约277,261,000元(二零一九年:336,538,000元)
        elif quantity == "percent" and SHARE_MARK.search(before) and not _from_share(before):
            role = "share"  # 占社会消费品零售总额的比重为14.9%
        elif quantity == "percent" and RATIO_TAIL.search(before) and not cue:
            role = "ratio"
        elif RANGE_CLOSE.match(doc.folded, m.end) and previous is not None and \
                previous.role == "move" and previous.clause == clause:
            role, direction = "move", previous.direction  # 下跌209到252令吉不等: both moves
        elif cue and cue[0] == "move" and AVERAGE.search(doc.folded, clause[0], m.start):
            role = "average"  # 年均复合增长率约32%: a compound rate, not a growth of one step
        elif cue:
            role, direction = cue[0], cue[1]
        elif quantity == "percent" and HAVE_BEFORE.search(before) and \
                (post := _postposed(doc.folded, m.end)):
            role, direction = "move", post  # 每月都有20%成長, 已累積37%成長
        elif to := reached:
            role = "to"
            tail = strip_filler(raw.rstrip()[:to.start()])
            up = _cue(tail, quantity)
            direction = up[1] if up else 0
            if not direction and previous is not None and previous.role == "move" and \
                    previous.sentence == sentence and \
                    not doc.folded[previous.mention.end:m.start].strip().removesuffix(
                        to.group()).strip("，, "):
                direction = previous.direction  # 增长32%，至纪录高位的22.4亿元
        elif previous is not None and previous.role == "move" and \
                MOVE_JOIN.match(doc.folded[previous.mention.end:m.start]) and \
                not doc.folded.startswith(("约合", "折合"), m.start):
            role, direction = "move", previous.direction  # 升175点或0.7% (not 增加185亿令吉(约合…))
        elif quantity == "amount" and THRESHOLD.search(before):
            role = "threshold"  # 全年出口首破6,000億美元: a round mark passed, not a level
        elif quantity == "amount" and (HIGH.search(before) or _extreme(m) == "最高"):
            role = "high"
        elif quantity == "amount" and (LOW.search(before) or _extreme(m) == "最低"):
            role = "low"
        elif quantity == "amount" and (CONVERSION.search(raw) or doc.folded.startswith(
                ("约合", "折合"), m.start) or _bracketed(previous, m, doc)):
            role = "conv"  # 约合人民币617亿元: the same amount in another currency
        elif (BASE_MARK.search(before) or (BASE_PERIOD.search(before) and BASE_COPULA.search(
                raw)) or PERIOD_WAS.search(before) or _parallel(before, previous, sentence)
              or (COMPARED_AFTER.match(doc.folded, m.end) and WITH_BEFORE.search(
                  doc.folded, clause[0], m.start))) \
                and quantity != "pp" and not (quantity == "percent" and RECOVERED.search(before)):
            role = "base"  # 较上年同期的…, 从…, and 上年同期为… named by its period
        unit = kin(m.unit) if quantity == "amount" else quantity
        # 屋價由4月份的920,791元下挫至863,910元: the period after 由 is the base's, not the
        # level's (which takes the one before, 5月成交量…)
        cut = m.start
        if role == "to" and previous is not None and previous.role == "base" \
                and previous.clause == clause:
            cut = max(doc.folded.rfind("由", clause[0], previous.start),
                      doc.folded.rfind("从", clause[0], previous.start))
            cut = cut if cut >= 0 else previous.mention.start
        months = periods.last_before(found, ends, clause[0], cut)
        borrowed = False
        if months is None and role not in ("base", "move"):  # a base names its own period
            statement = doc.statement(m.start)[0]
            months = periods.last_before(found, ends, statement, cut)
            borrowed = months is not None and _compared_last(compared_at, found, ends,
                                                             statement, m)
        metric = _metric(verb if cue else before)
        if role in ("level", "to") and quantity == "amount":
            listed = listed_metric(doc, frames, sentence, m, quantity, _metric) \
                if role == "level" else None
            if listed is None and "分别" in doc.folded[clause[0]:m.start]:
                listed = respective_metric(doc, clause, m, _in_clause(
                    mentions, starts, clause, quantity), _metric)
            metric = listed or metric
        if metric and previous is not None and previous.sentence == sentence and \
                ONLY_PERIOD.fullmatch(metric):  # 第三季款项40亿元，首三季累计140亿元: the
            metric = previous.metric          # metric of the figure before, over a longer span
        if (not metric or ONLY_PERIOD.fullmatch(metric.removesuffix("的"))) \
                and quantity == "amount":
            metric = _topic(doc, sentence, m) or metric  # 新增订单方面，第1季为31.09亿元
        if role == "threshold":  # 月度出口首次迈上900亿美元: 月度出口
            metric = _metric(THRESHOLD_HEAD.sub("", before)) or metric
        if role == "to":  # 营业额升19.79%至9,104万元: the subject before the move names it
            head = re.match(r"[\u4e00-\u9fff]{2,16}", doc.folded[clause[0]:m.start].strip())
            subject = head.group() if head and not VERB_HEAD.match(head.group()) else ""
            cue_end = _cue(subject, "amount") or _cue(subject, "percent")
            metric = (subject[:-len(cue_end[2])] if cue_end and cue_end[2] else subject) or metric
            # 比亞迪電子(0285)營業額升19.79%至…, 纯利增长32%，至纪录高位的…: the move's metric
            if previous is not None and previous.role == "move" and previous.metric \
                    and (previous.clause == clause or previous.sentence == sentence
                         and not doc.folded[previous.mention.end:clause[0]].strip("，, ")
                         and TO_MARK.fullmatch(doc.folded[clause[0]:m.start].strip())):
                metric = previous.metric
        scope = clause[0] if role == "base" else sentence[0]  # a base names its own period
        # (二零一九年:…), (上年：…): an announcement's comparative is the year before
        basis = "yoy" if role == "base" and BRACKET_BASE.search(raw) else \
            _basis(doc.folded[scope:m.start])
        own = periods.last_before(plain, plain_ends, doc.paragraph(m.start)[0], m.start)
        if own is None and PERIOD_BACK.search(doc.folded, doc.paragraph(m.start)[0], m.start):
            own = periods.last_before(plain, plain_ends, 0, m.start)  # 期內盈餘: that period
        span = months or own
        named = _compared_months(doc, compared, scope, clause, m) if role == "move" else []
        if named:  # 年增0.6个百分点…，较第2季…成长45%: its own base, not the cue before;
            basis = _sequential(named[-1], own)  # 较今年首季 in Q2: quarter on quarter
        frame = Frame(len(frames), m, quantity, unit, role, direction, basis, metric,
                      months, periods.year(doc.folded[sentence[0]:m.start]),
                      entity.get(m.start), cue[2] if cue else "", span,
                      sentence, clause,
                      doc.paragraph(m.start), scale, borrowed)
        frames.append(frame)
        previous = frame
    return frames
