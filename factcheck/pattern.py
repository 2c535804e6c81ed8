"""The master pattern: every figure form the extractor knows, as one stdlib regex built
from the lexicon tables (character classes, numeral shapes, alternatives in priority order)."""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from . import forms, periods, trie
from .lexicon import load_lexicon
from .sre_tune import branch_optionals

# ---------------------------------------------------------------------------------------------
# Character classes (folded text: Simplified, half-width)
CD = "零〇一二三四五六七八九两俩壹贰叁参肆伍陆柒捌玖"
CDC = "零〇一二三四五六七八九两俩"  # everyday digits (俩: colloquial two)
CDF = "壹贰叁参肆伍陆柒捌玖"  # financial capitals; 陆 (大陆), 参 (参与) are also words
CDF_NUM = "壹贰叁肆伍柒捌玖"  # capitals that are never words, so a lone one before a classifier is a figure
CDF_CLS = "打个只双对张份股件台名人家次"
CS = "十拾百佰千仟廿卅卌"  # 廿 卅 卌: 20 30 40 (廿五日, 百分之卅), read as 二十 三十 四十
CB = "万亿兆"
# thousands groups: ASCII comma, a full-width comma between digit groups (82，225.00元), or a
# space (3 697 000人: Hong Kong government releases), never mixed; a spaced run between other
# numbers is a table row's cells (0.36% 831 774 761 9.34%)
ARABIC = r"(?:[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])|(?<![0-9%][ ])[0-9]{1,3}(?:[ ][0-9]{3})+(?![0-9.,]|[ ][-+0-9])|[0-9]+)(?:\.[0-9]+)?"
# unit prefixes after which 千/兆 are SI prefixes (千瓦, 兆赫), not multipliers
SI_TAIL = "瓦克米赫字位帕焦卡"
THOUSAND_GOLD = "(?<=千)金"  # 26千金: 26 千金股 (shares priced over NT$1,000), not 26,000
# 3万4000, 5万4千6百, 1千零1, 7 万5 千4 百: digits and place words, one space at most between
# (never a line break, and never a year after it: 净利润172亿\n2022-04-27, 172亿 2022年)
# digits after a multiplier continue the number only after an integer mantissa (3萬4, never
# 約3.04萬 2, a table's next rank); after a space, only before another place word (7 万5 千) or
# where a space also stands before the place word (211 萬 3,798 人, a wire's spacing)
# GDP14163.9亿元, EPS1.2元: an upper-case label glued to a figure that a money, magnitude or
# percent word closes is no model name (iPhone15, H20芯片, RTX4090 have none)
GLUED_FIGURE = r"[0-9][0-9,.]*(?:[万萬亿億兆]|[%％]|[元圓]|[美港]元|港[幣币])"
DECIMAL_BEFORE = "".join(rf"(?<!\.[0-9]{{{n}}}[{CB}])" for n in (1, 2, 3, 4))
MIXED = (
    rf"(?:(?<![A-Za-z0-9.])|(?<=[A-Z])(?={GLUED_FIGURE})|(?<=\.\.\.)|(?<=(?<![A-Za-z])RM)|(?<=(?<![A-Za-z])RMB)AFTER_NAMES){ARABIC}"
    rf"(?:(?:(?<=[0-9])[ ]+)?(?:(?!亿[万兆]|兆[万亿])[{CS}{CB}])+(?![{SI_TAIL}]|分|{THOUSAND_GOLD})(?:{DECIMAL_BEFORE}(?:零?{ARABIC}(?=[ ]?[{CS}{CB}]|(?<=[0-9])(?![0-9]|[ ]?(?:[年月号/-]|日(?![元圆]))))|[ ]零?{ARABIC}(?=[ ]?[{CS}{CB}])|(?<=[ ][{CB}])[ ]零?{ARABIC}(?=[ ]?[{CS}{CB}]|(?<=[0-9])(?![0-9]|[ ]?(?:[年月号/-]|日(?![元圆]))))))?)*"
)
# nouns ending in 数 (指数, 人数, 次数 ...): their 数 is no vague numeral, so 指数千点 is 千点
NOUN_SHU = "指人次总基倍系函参户件"
CHINESE = (
    rf"(?:(?<![{NOUN_SHU}])数(?=[{CS}{CB}]|个|次|[月年日天周](?!据|字|码|学))|几(?=[{CS}{CB}])|(?<![重站迈冲登攀回])上(?=[百千万亿兆])(?!万点)|(?<=[破超逾过达])万(?=亿)|(?<=[破超逾过])亿(?![万亿])|(?<![0-9{CD}{CS}{CB}])[万千](?=倍)|(?<![0-9{CD}{CS}{CB}])万(?=[二三四五六七八九][ ]?[关点水大])|[万千百](?=几)|几|[{CDC}{CS}]|[{CDF}](?=[{CDF}{CS}万亿元圆又]|[ ]*点[ ]*[{CDF}{CDC}]|[ ]*分[ ]*之)|[{CDF_NUM}](?=[{CDF_CLS}])"
    rf"|(?:(?<=之)|(?<=之[ ])|(?<=之[ ][ ]))[{CDF}])"
    rf"(?:[ ]*(?:[{CD}几]|[{CS}](?!分[之点位])|[{CB}](?![{SI_TAIL}]|分[之点位]|[ ]*分[ ]*之))"
    rf"|(?<=[{CS}])来(?=[{CB}])|[ ]*点[ ]*(?=[{CD}])|\.(?=[{CDC}]))*+"
)  # possessive: a numeral run is never given back, so sre keeps no state per character
YEAR = r"(?:1[0-9]{3}|2[01][0-9]{2}|[〇零一二][〇零一二三四五六七八九]{3})"
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY = (r"(?:3[01]|[12][0-9]|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?"
        r"|[一二三四五六七八九])")
REL_YEAR = r"(?:今年|去年|明年|前年|同年|当年)"
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# Growth verbs before N倍: 增长1.5倍 (by: new = 2.5x old) vs 增长到1.5倍 (to: new = 1.5x old).
# 较去年同期的23.44亿元多近2.28倍: 多 after the compared figure is "more by", like 增长
GROWTH_BY = regex.compile(r"(?:增长|增加|上涨|上升|提高|提升|成长|扩大|增|涨|升|翻|多出"
                          r"|(?<=[0-9元的])多)了?\s?$")
GROWTH_TO = regex.compile(r"(?:增长|增加|上涨|上升|提高|提升|成长|扩大|增|涨|升)(?:到|至|为|成)了?\s?$")
# Currency names that follow 元 or a multiplier in amounts (三亿人民币), never a lone digit.
NAME_ONLY_CURRENCIES = {"人民币", "港币", "新台币", "台币", "日币"}
PRICE_WORDS = regex.compile(r"(?:股价|价格|报价|市价|售价|价位|收盘价|开盘价|目标价|执行价|股票价"
                            r"|挂牌价|参考价|承销价|发行价|招股价|认购价|配售价|成交价|收市价|暗盘价)")
# the decimals of a Hong Kong percent written around 厘 (2厘25, 一厘七五)
LI_DECIMALS = re.compile(r"[0-9]{1,2}(?![0-9.])|[〇零一二三四五六七八九]{1,2}(?![〇零一二三四五六七八九十百千万亿])")
SENTENCE_END = "。！？!?；;\n"
SENTENCE_END_RE = re.compile("[" + SENTENCE_END + "]")  # re: twice as fast a scan as regex
COUNT_MODIFIERS = ("未具名", "主要", "核心", "重要", "关键", "头部", "国有", "全球", "美股", "电信",
                   "国际", "股份制", "大型", "科技", "互联网")


def _alt(forms: list[str], after: dict[str, str] | None = None,
         spaced: tuple[str, ...] = ()) -> str:
    """Regex alternation of literal forms, longest first so 美元 beats 元; ``after``: a
    lookahead a form must pass (多 not before 出: 多出 is a verb); ``spaced``: forms that
    may be written with spaces between their characters (个 百分点).

    A first-character class guards the alternation, and the forms are written as a prefix
    tree (``trie``): sre tries branches one by one, so a 150-form list costs 150 tests per
    position unless one class test rejects it first, and ~5 in a tree.
    """
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    firsts = "".join(sorted({re.escape(f[0]) for f in ordered}))
    after = after or {}
    entries = [([re.escape(ch) if i == 0 or f not in spaced else "[ ]*" + re.escape(ch)
                 for i, ch in enumerate(f)], after.get(f, "")) for f in ordered]
    return f"(?=[{firsts}])" + trie.tree(entries)


def _words_with_tails(words: list[str], tails: dict[str, str]) -> str:
    """Alternation of literal words, longest first, each ending in one of ``tails``' last
    characters followed by that tail's lookahead; written as a prefix tree (``trie``)."""
    ordered = sorted(words, key=len, reverse=True)  # one length's words never both match
    return trie.tree([([re.escape(ch) for ch in w],
                       next((t for t, ends in tails.items() if w[-1] in ends), ""))
                      for w in ordered])


@lru_cache(maxsize=1)
def _master() -> re.Pattern[str]:
    """The master pattern, compiled with the standard library's engine.

    Every lookbehind in it is fixed-width, so ``re`` accepts it; on this pattern ``re``
    scans about twice as fast as ``regex`` (benchmarks/extract_speed.py) and
    tests/test_extract_engine.py checks that both engines find exactly the same matches.
    The pattern has no nested unbounded quantifiers, so scanning stays linear (the
    adversarial inputs in tests/test_extract_robustness.py bound it). Optional groups are
    compiled as branches (``sre_tune``): the same matches, a fifth less scan time.
    """
    return re.compile(branch_optionals(master_source()), re.VERBOSE | re.MULTILINE)


@lru_cache(maxsize=1)
def master_source() -> str:
    """Source of the master pattern: the written one, with the inner groups of every
    alternative but the generic one left out (``regroup`` gives them back).

    sre copies the marks of every group numbered up to the current one each time it enters
    a repetition (``MARK_PUSH``), so the generic form, last of ~120 groups, paid for all the
    groups before it at every step; without them the scan is an eighth faster."""
    gate, alternatives = _alternatives()
    sources = [(name, source if name in _KEEP_GROUPS else _without_inner_groups(source))
               for name, source in alternatives]
    out: list[str] = []
    while sources:
        name, source = sources.pop(0)
        if name == DATES_AT_DIGITS[0][0]:  # the dates: one guard for the run of them
            run = [source] + [sources.pop(0)[1] for _ in DATES_AT_DIGITS[0][1:]]
            source = f"{DATES_AT_DIGITS[1]}(?:" + "\n  | ".join(run) + ")"
        out.append(source)
    return gate + "\n    (?:\n" + "\n  | ".join(out) + "\n    )\n    "


def regroup(m: re.Match[str], folded: str) -> re.Match[str]:
    """``m`` (a master match) with the inner groups of its alternative, read again at its
    start by that alternative alone: the same span, since nothing follows an alternative in
    the master pattern and the first way it matches there is the first it matches alone."""
    again = _grouped().get(m.lastgroup or "")
    if again is None:
        return m
    return again.match(folded, m.start()) or m


@lru_cache(maxsize=1)
def _grouped() -> dict[str, re.Pattern[str]]:
    """Each alternative that lost inner groups in ``master_source``, compiled alone."""
    return {name: re.compile(branch_optionals(source), re.VERBOSE | re.MULTILINE)
            for name, source in _alternatives()[1]
            if name not in _KEEP_GROUPS and _without_inner_groups(source) != source}


# the generic form matches most often; a fraction alone, scanned, would retry its
# denominator's digits from every digit of a run (tests/test_regex_safety.py)
_KEEP_GROUPS = {"gen", "frac"}
_INNER_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")


def _without_inner_groups(source: str) -> str:
    """``source`` with every named group but its first (the alternative's name) written
    as a plain group; an alternative that refers back to a group keeps them all."""
    if "(?P=" in source:
        return source
    first = _INNER_GROUP.search(source)
    if first is None:
        return source
    return source[:first.end()] + _INNER_GROUP.sub("(?:", source[first.end():])


@lru_cache(maxsize=1)
def _alternatives() -> tuple[str, list[tuple[str, str]]]:
    """The written master pattern as its gate and its (name, source) alternatives, in order
    (each alternative opens a line with ``  | ``)."""
    written = _written_source()
    head, _, body = written.partition("\n    (?:\n")
    body = body.rstrip()
    assert body.endswith(")")
    alternatives = []
    for source in body[:-1].rstrip().split("\n  | "):
        name = _INNER_GROUP.search(source)
        assert name is not None
        alternatives.append((name.group()[4:-1], source))
    return head, alternatives


def _written_source() -> str:
    """Source of the master pattern as written, built from the lexicon tables."""
    lex = load_lexicon()
    pre_q = _alt([q.form for (f, pos), q in lex.qualifiers.items() if pos == "pre"],
                 {"过": "(?<!经过)(?<!通过)(?<!不过)(?<!超过)(?<!越过)(?<!跨过)(?<!度过)(?<!错过)"
                        "(?=[百千万亿])"})  # 净利润过百亿: over; 经过3年, 再过3个月: no
    # what a fraction can open with (a qualifier, 负, a numeral, a space before its numerals)
    frac_first = "".join(sorted({re.escape(q.form[0]) for (f, pos), q in lex.qualifiers.items()
                                 if pos == "pre"})) + f"负{CD}{CS}{CB}0-9 "
    # 比去年的480亿元多出40亿元, 多赚, 多了: 多 opening a verb is no "more than" of the figure
    post_q = _alt([q.form for (f, pos), q in lex.qualifiers.items() if pos == "post"],
                  {"多": "(?![出赚了于过增近逾约超达0-9一二两三四五六七八九十半])"})
    pre_cur = _alt([f for (f, pos) in lex.currencies if pos == "pre"])
    post_cur = [f for (f, pos) in lex.currencies if pos == "post"]
    units = _alt(post_cur + list(lex.units), spaced=SPACEABLE_UNITS)  # 个 百 分 点
    mults = _alt([f for f in lex.multipliers if not f.isascii()])
    # 兆豐金突破300億 臺企也攻進百億: after 億/萬 and a space, a one-character measure word that
    # opens a word (臺企, 台股) is the next word, not the figure's unit (300 家公司 keeps 家)
    single = "".join(sorted({re.escape(f) for f, u in lex.units.items()  # (60萬 年升3萬元:
                             if len(f) == 1 and u.kind in ("count", "duration")}))  # 年升)
    # what the generic form can open with: a qualifier, a currency, a sign, a numeral
    gen_first = "".join(sorted({re.escape(q.form[0]) for (f, pos), q in lex.qualifiers.items()
                                if pos == "pre"} | {re.escape(f[0]) for (f, pos) in lex.currencies
                                                    if pos == "pre"})) \
        + rf"负\-−0-9数几上万千百{CDC}{CS}{CDF}"
    nonfig_firsts = "".join(sorted({re.escape(f[0]) for f in lex.non_figures}))
    nonfig = forms.name_shapes(lex, r"[万亿兆倍元家个名位只年月日季周天点号辆台部款]") + \
        f"|(?=[{nonfig_firsts}])" + _words_with_tails(lex.non_figures, {
            rf"(?![0-9{CD}{CS}])": CD + CS + "0123456789点",  # 十一五 is no 十一 …
            "(?!之)": "分"})  # 三分 of 三分之一 is no name
    latin_units = "nm|GW|MW|kW|kWh|GWh|TWh|GB|TB|MB|PB|pcts|pct|PCTs|PCT"  # pct: a pp
    collectives = _alt(list(lex.collectives))
    # a number may start right after a name that ends in digits (元大台湾50 | 5万6688张)
    mixed = MIXED.replace("AFTER_NAMES", "".join(f"|(?<={re.escape(n)})" for n in lex.numbered_names))
    money_words = _alt(post_cur)
    # Every alternative starts at a numeral, or at a prefix (qualifier, currency, 第, 周, a
    # blocker word) that has a numeral within a few characters, or at a Latin word followed
    # by a digit. Testing that first lets the engine skip ~90% of positions cheaply.
    anchors = "0-9" + CD + CS + "几数零〇半"
    prefix = set("【第周星礼本次上下这前首头翻过约近(（[代结图表附步其注今去明同当负-−民 \t")
    prefix |= {f[0] for (f, pos), q in lex.qualifiers.items() if pos == "pre"}
    prefix |= {f[0] for (f, pos) in lex.currencies if pos == "pre"}
    prefix |= {f[0] for f in lex.non_figures}
    prefix -= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    prefix_class = "".join(regex.escape(ch) for ch in sorted(prefix))
    first = "".join(re.escape(ch) for ch in sorted(prefix)) + "A-Za-z$¥€£₩对.h位末次万元"
    gate = (
        rf"(?=[{anchors}{first}])"
        rf"(?=[{anchors}]|[{prefix_class}][^\n]{{0,6}}?[{anchors}]"
        rf"|[A-Za-z][A-Za-z&\-+]*\s?[0-9]|(?<=[(（])[A-Z][A-Z0-9&.\-]*\s?[,，]\s?[0-9]|万点|万倍|上[万亿兆]|(?<=[破超逾过达])万亿|[破超逾过]亿(?![万亿])|(?<=[破超逾过])亿(?![万亿])|[首次末]季|(?<=[个单双])位数|[A-Z]{{1,3}}\$|[$¥€£₩][0-9 ]|对折|元月|[今去明前同当]年\s?元月|https?:|www\.|[.][0-9]|(?:[本上下这]个?)?(?:周|星期|礼拜)[日天])"
    )
    pattern = rf"""
    {gate}
    (?:
    (?=[0-9(（代A-Z])(?P<code>                                # stock codes: 2330-TW, 00700.HK, (9988)
        (?<![0-9A-Za-z])[0-9]{{4,6}}\s?[-.](?:TWO|TW|HK|SH|SZ|SS|US|KS|KQ|T|O|N)(?![A-Za-z])
      | (?<=[(（])[A-Z][A-Z0-9&.\-]{{1,15}}\s?[,，]\s?[0-9]{{4,6}}(?=\s?[,，)）])  # (DLADY,3026,主板)
      | (?<![今去明])[(（]\s?[0-9]{{4,6}}(?:[-.][A-Z]{{1,3}})?\s?[)）](?!\s?[日号]|\s?年(?![增减]))  # (2836)年增
      | (?:代码|代號|代号|股票代码)[:：]?\s?[0-9]{{4,6}}
    )
  | (?=[0-9〇零一二])(?P<date_ymd>                               # 2025 年11 月20 日
        (?P<y1>{YEAR})\s?年\s?(?P<m1>{MONTH})\s?月\s?(?P<d1>{DAY})\s?[日号]
    )
  | (?=[12])(?P<date_iso>(?<![0-9.])(?P<y2>(?:19|20)[0-9]{{2}})(?P<sep>[-/.])(?P<m2>1[0-2]|0?[1-9])(?P=sep)(?P<d2>3[01]|[12][0-9]|0?[1-9])(?![0-9]))
  | (?=[12])(?P<dcompact>{forms.COMPACT_DATE})
  | (?=[16-9民])(?P<roc>{forms.ROC_DATE})
  | (?=[0-9〇零一二今去明前同当元])(?P<yuanm>(?:(?P<y7>{YEAR})\s?年\s?|(?P<r7>{REL_YEAR})\s?)?(?<![0-9〇零一二三四五六七八九十百千万亿两几币])元月(?:\s?(?P<d7>{DAY})\s?[日号]|份)?)
  | (?=[0-9〇零一二三四五六七八九十今去明前同当首头])(?P<mrange>{forms.MONTH_RANGE})
  | (?=[0-9〇零一二三四五六七八九十今去明前同当])(?P<mpart>(?:{YEAR}\s?年\s?|{REL_YEAR}\s?)?{MONTH}\s?月(?:{forms.MONTH_WORDS}))
  | (?=[0-9〇零一二三四五六七八九十今去明前同当])(?P<ym>(?:(?P<y3>{YEAR})|(?P<r3>{REL_YEAR}))\s?年?\s?(?P<m3>{MONTH})\s?月(?!\s?[0-9一二三四五六七八九十廿卅]+\s?[日号])(?P<fen3>份)?)
  | (?=[本当同上下次])(?P<relmd>{periods.REL_MONTH_DAY})
  | (?=[0-9一二三四五六七八九十今去明前同当])(?P<md>(?:(?P<r4>{REL_YEAR})\s?)?(?P<m4>{MONTH})\s?月\s?(?P<d4>{DAY})\s?[日号])
  | (?=[(（])(?P<pday>[(（](?P<d5>3[01]|[12][0-9]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])[)）]\s?(?:日|天(?:(?<=[今昨明][(（][0-9][)）]天)|(?<=[今昨明][(（][0-9][0-9][)）]天))))
  | (?=[(（])(?P<pyear>(?:(?<=[今去明])|(?<=[今去明]\s))[(（]\s?(?P<y6>(?:19|20)[0-9]{{2}}|1[01][0-9])\s?[)）]\s?年)
  | (?=[(（])(?P<pmonth>(?<=[上本今下这])[(（]\s?(?P<m8>{MONTH})\s?[)）]\s?月)
  | (?=[FQH财0-9〇零一二三四第前上下首次末今去明同当头]){QUARTER_DIGITS}(?P<quarter>                                # 2025 年Q3, FY2026Q3, 2024年第三季度, 第四财季, 二季度
        (?:(?P<qfy>FY|财年)\s?(?P<qfy_y>[0-9]{{4}}|[0-9]{{2}})\s?(?:年度?)?\s?)?
        (?:(?P<qy>{YEAR}|(?<![0-9])(?P<qroc>1[01][0-9])(?=\s?年)|(?<![0-9.])(?P<qy2>[0-9]{{2}})(?=年(?:[上下]半|第|前|首|[1-4]Q|Q[1-4])))\s?(?:(?P<qyfis>财政年度?|财年度?)|年度?)?\s?|(?P<qr>{REL_YEAR})\s?)?
        (?:
            (?<![A-Za-z])Q(?P<qn1>[1-4])(?![0-9])
          | (?<![A-Za-z])H(?P<qhn>[12])(?![0-9A-Za-z])
          | (?<![A-Za-z0-9.])(?P<qn6>[1-4])Q(?![A-Za-z0-9])
          | (?:(?<=财政年)|(?<=财年)|(?<=年度))(?:首|前)\s?(?P<qm>[三六九369])\s?个\s?月
          | 第\s?(?P<ql1>[一二三1-3])\s?[、和及与]\s?(?P<ql2>[二三四2-4])\s?(?:季度|季)(?![军度节])
          | 第\s?(?P<qn2>[一二三四1-4])\s?(?P<qk2>财季|季度|季)(?!军)
          | (?<![第0-9{CD}])(?P<qpair>一二|二三|三四)\s?季度?(?![度节军风如报])
          | (?<![第前上下0-9{CD}])(?P<qn3>[一二三四1-4])\s?(?P<qk3>季度|财季)
          | (?:(?<![提之以此日目当])前(?!\s?[一1]\s?个?\s?(?:季|财季))|首|(?<![开起带码枪])头)\s?(?P<qn4>[一二两三四1-4])\s?(?:个)?(?P<qk4>季度|财季|季)
          | (?<![第前上下0-9.{CD}])(?P<qn5>[一二三四]|[1-4](?=\s?季))\s?季(?![度节军风如报])
          | (?P<qh>[上下]|(?<![回])首)\s?半(?P<qhk>财年|年度|年|期(?![间刊货]))
          | (?<=年)(?P<qmid>中期)(?=业绩|报告|股息|息|派息|盈利|溢利|纯利|收入|营收|净利|业务|财报)
          | (?P<qf>[首末]|(?<![本这每一多几首此该屡再层])次(?=季(?![度报])))季(?:度)?(?![节军风])
        )
      | (?:(?<![A-Za-z])FY\s?(?P<fy>[0-9]{{4}}|[0-9]{{2}})(?![0-9]))
      | (?P<fy2>{YEAR})\s?(?:财政年|财年)(?:度)?
      | (?<![0-9.])(?P<qyf>(?:19|20)[0-9]{{2}})季(?![度节军风报])
    )
  | (?=[12〇零一二])(?P<annual>{periods.ANNUAL})
  | (?=[0-9一二三四五六七八九十两])(?P<streak>{periods.STREAK})
  | (?=[0-9一二三四五六七八九])(?P<decade>(?P<dec>[0-9]{{2}}|[0-9]{{4}}|[一二三四五六七八九]十)\s?年代)
  | (?=[本上下这周星礼])(?P<weekday>(?P<wrel>本|上个|下个|上|下|这)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![0-9{CD}年期刊]))
  | (?=[{forms.NAME_FIRSTS}{nonfig_firsts}])(?P<nonfig>{nonfig})
  | (?=[{frac_first}]){FRAC_DIGITS}(?P<frac>                # 百分之六十二, 三分之一, 万分之几美分
        (?:(?P<fpre>{pre_q})\s?)?
        (?P<fsign>负)?(?:(?=[^又分\n]{{1,24}}+又)(?P<fwhole>[{CD}{CS}]{{1,6}}|{ARABIC})[ ]*又[ ]*)?
        (?P<fden>(?:[ ]*[{CD}{CS}{CB}]){{1,16}}|{ARABIC})[ ]*分[ ]*之[ ]*(?P<fnsign>负)?(?P<fnum>{CHINESE}|{ARABIC})(?P<fk>\s?[kK](?![A-Za-z]))?
        (?P<fpost>{post_q})?
        (?:\s?(?P<fcur>{money_words}))?
    )
  | (?=[过超逾近约一半对不未少])(?P<half>(?P<hpre>过|超过|逾|近|约|不足|不到|未及|少于)?(?:一半|半数|半成)|过半|[逾超]半(?![个年月天小码成价])|半百|半折|(?<=打)对折
      |(?<![上下前后])半(?:个)?(?P<hunit>年|月|天|小时|码))
  | (?=[翻])(?P<double>翻倍|翻了?(?P<dn>[一两三四1-4])番)
  | (?=[第])(?P<listlabel>                       # 第一，… 第三、第四、第五：… ordinals as list labels
        (?:^|(?<=[\n。！？!?；;：:"」』，,(（]))第[一二三四五六七八九十0-9]{{1,2}}(?:、第[一二三四五六七八九十0-9]{{1,2}}){{0,9}}
        (?=\s?[，,：:]|、(?!\s?第)|(?:则|就|便)?是))  # 三大原因，第一是…；第三則是…
  | (?=[两二三四五位])(?P<places>[两二三四五]位数|(?<=[个单双])位数)
  | (?=[万])(?P<wanpt>(?<![0-9{CD}{CS}万亿])万点)
  | (?=[第])(?P<ordinal>第\s?(?![0-9]{{1,3}}\s?版|[〇零一二三四五六七八九十]{{1,4}}\s?版)(?P<onum>{ARABIC}|[{CD}{CS}{CB}]{{1,8}}|[几数])(?:\s?(?P<osuf>代|次|年|名|位|个|家|大|届|批|轮|期|天|周|条|款|项|章|节|步|波|号|季|阶段))?)
  | (?=[二三四五六七八九十两0-9])(?P<group>(?P<gnum2>[二三四五六七八九十两]|[0-9]{{1,2}})大(?P<gmod>{"|".join(COUNT_MODIFIERS)})?[「『"]?(?P<gnoun>[\u4e00-\u9fff](?:(?![{CD}{CS}])[\u4e00-\u9fff])?))
  | (?=[二三四五六七八九十两])(?P<coll>(?<![第0-9{CD}{CS}])[二三四五六七八九十两](?:{collectives}))
  | (?=[零])(?P<zero>(?:(?<=[为是到至成归于降跌变剩])|(?<![\u4e00-\u9fff0-9]))零(?=[!！,，。、\s"」』)）还了的]|$))
  | (?=[\s0-9一二三四五六七八九十(（结图表附步其注])(?P<label>
        (?:^|(?<=[\n。！？!?；;：:"」』|>)）]))\s*
        (?:0[0-9](?![0-9.%年月日号])|[0-9]{{1,2}}[.、](?![0-9])|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]{{1,2}}[)）](?!\s?[日号]))
      | (?<![0-9.])[0-9]{{1,2}}\.(?=\s?[\u4e00-\u9fff])
      | (?:结论|图|表|附录|步骤|注)(?:[一二三四五六七八九十]+|[0-9]+)(?![0-9{CD}{CS}{CB}%倍年月日个])
      | 其(?:[一二三四五六七八九十]+|[0-9]+)(?![0-9{CD}{CS}{CB}%倍年月日个]|\s?[至到~～-])
      | (?<![0-9])[0-9]{{4}}-[0-9]{{3}}(?![0-9])
      | (?<![0-9.,])0[0-9]{{2,}}(?![0-9.,%]|\s?(?:{units}|{mults}))
      | (?<![0-9.,])0[0-9]{{3,5}}(?![0-9.,%])
    )
  | (?=[-−0-9])(?P<sci>(?<![A-Za-z0-9.])(?P<sci_sign>[-−])?(?P<sci_m>[0-9]+(?:\.[0-9]+)?)\s?(?:[eE](?P<sci_e>[+\-−]?[0-9]+)|\^(?P<sci_p>[+\-−]?[0-9]+))(?![A-Za-z0-9.]))
  | (?=[-−.])(?P<dotnum>(?<![0-9A-Za-z.])(?P<dot_sign>[-−])?\.[0-9]+(?![0-9.]))
  | (?=[-0-9])(?P<slash>(?<![0-9/.])(?P<sl_sign>-)?(?:(?P<sl_w>[0-9]{{1,4}})[ ](?=[0-9]{{1,4}}\s?/))?(?P<sl_a>[0-9]{{1,4}})\s?/\s?(?P<sl_b>[0-9]{{1,4}})(?![0-9/]|\s?[日号月年]))
  | (?=[0-9])(?=[0-9,，. ]{{0,24}}+\s?[:：比]|[0-9,，. ]{{25}})(?P<ratio>(?<![0-9.])(?P<ra>{ARABIC})\s?(?:[:：]|比)\s?(?P<rb>{ARABIC})(?:\s?(?:[:：]|比)\s?(?P<rc>{ARABIC}))?(?![0-9]))
  | (?=[hw0-9])(?P<url>(?:https?://|www\.)[^\s\u4e00-\u9fff，。]+|(?<![A-Za-z0-9.])[0-9][0-9A-Za-z\-]{{0,20}}\.(?:com|co|cn|net|org|io|hk|tw|sg|my)(?![A-Za-z0-9]))
  | (?=[前])(?P<rank>(?<=排名|位列|跻身|进入|跌出|跌入|挤进|名列)前\s?(?P<rk>[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})(?P<rksuf>名|位|大|强)?)
  | (?=[A-Za-z0-9])(?P<latin>
        (?<![A-Za-z0-9])(?=[A-Za-z])(?![A-Z]+{GLUED_FIGURE})(?!(?:RMB|USD|HKD|CNY|TWD|JPY|EUR|GBP|SGD|MYR|MOP|US|HK|NT|RM|FY|Q|S)\$?\s?[0-9])
        [A-Za-z][A-Za-z&\-+]*(?:[0-9][A-Za-z0-9.\-]*|\s[0-9]+(?:\.[0-9]+)?(?![0-9.,%]|\s?(?:{units}|{mults}|年|月|日)))
      | (?<![A-Za-z0-9.])[0-9]+(?:\.[0-9]+)?(?=\+?[A-Za-z])(?!(?:{latin_units})(?![A-Za-z]))(?![kKwW]\s?(?:{money_words}|左右|上下)|[kK]\s?(?:%|个\s?百|百\s?分))\+?[A-Za-z][A-Za-z0-9]*
    )
  | (?=[{gen_first}])(?P<gen>
        (?:(?P<gpre>{pre_q})\s?(?!{MONTH}\s?月\s?{DAY}\s?[日号]|(?:19|20)[0-9]{{2}}\s?年\s?{MONTH}\s?月))?
        (?:(?P<gcur>{pre_cur})\s?)?
        (?P<gsign>负|(?<![0-9A-Za-z.,%)）\-日号])[-−](?=[0-9]))?
        (?P<gnum>{mixed}|{CHINESE})(?(gpre)(?!\s?/\s?[0-9]))  # 約有1/4: a fraction (slash form)
        (?P<gpq1>\s?(?:多|余))?
        (?P<gmul>(?<![亿兆])\s?(?:{mults}|个亿(?!万)|[kKwW](?=\s?(?:{money_words}))|[kK](?=\s?(?:%|个\s?百|百\s?分)))(?![{SI_TAIL}]|分[之点位]|{THOUSAND_GOLD}))?
        (?P<gpq2>多|余)?
        (?:(?:(?<![万亿兆])[ ]+|[ ]+(?![{single}][\u4e00-\u9fff])|)(?P<gunit>{units}))?
        (?P<ghalf>半)?
        (?P<gsub>(?<=[元圆块角])(?:\s?(?:{ARABIC}|[{CD}]{{1,2}})\s?[角毛])?(?:\s?(?:{ARABIC}|[{CD}]{{1,3}})\s?(?:分(?![之钟])|仙))?钱?(?<![元圆块]))?
        (?P<gcur2>(?<=[元圆])\s?(?:{money_words}))?
        (?:(?<=元)又[ ]*(?P<gcent>{ARABIC}|[{CD}]{{1,3}})[ ]*(?:美分|分|仙))?
        (?:(?<=日元)[ ]*(?P<gsen>{ARABIC}|[{CD}]{{1,3}})[ ]*(?:日本)?[銭钱])?
        (?P<gincl>\s?[(（]含[)）])?
        (?:[ ](?=左右|以上|以下|以内))?(?P<gpost>{post_q})?  # 提升至 25% 以上: spaced text
    )
    )
    """
    return pattern


# Where a fraction, a quarter or a ratio can start at a digit, said before the alternative
# is entered (a digit opens most scanned positions, and most of them are none of these):
# a fraction's digits (whole or denominator: 0-9 , ， . and spaces) run into 又 or 分; a
# year or quarter number runs, after up to two spaces, into 年 财 季 Q or what opens a
# quarter's name (第, 前 首 头, 上 下, 末 次, 一二三四 1-4 after a space); a ratio's first
# number into its : or 比. Each looks at most 25 characters ahead (a longer run of digits
# lets the alternative decide), so no scan retries a long run from each of its digits.
#
# The dates (date_ymd … md) at an ASCII digit: a year, month or day number, so the digit run
# ends in a space, 年, 月, - or a range word (~ 至 到); or it is a year (19xx, 20xx, ROC 1xx)
# before / or . (2025/1/2, 114.12.31), or a compact date of 7 or 8 digits (1141231,
# 20221206). Checked once for the nine alternatives
DATES_AT_DIGITS = (("date_ymd", "date_iso", "dcompact", "roc", "mrange", "mpart", "ym", "relmd",
                    "md"), "(?:(?![0-9])|(?=[0-9]{1,8}+[\\s年月~～至到\\-]"
                           "|(?:19|20)[0-9]{2}[/.]|1[01][0-9][/.]|[6-9][0-9]/[01][0-9]/"
                           "|[0-9]{7}))")
FRAC_DIGITS = "(?:(?![0-9])|(?=[0-9,，. ]{0,24}+[又分]|[0-9,，. ]{25}))"
QUARTER_DIGITS = (r"(?:(?![0-9])|(?=[0-9]{1,4}(?:\s{0,2}[年财季QH第前首头上下末次]"
                  r"|\s{1,2}[一二三四1-4])))")
SPACEABLE_UNITS = ("个百分点", "百分点", "个基点")  # spaced out in the unit alternation

# Words before a 块 amount that make it yuan (花了几千块) rather than pieces (产量500万块)
MONEY_CUES = re.compile(r"花|费|付|赚|挣|卖|买|价|薪|资|租|钱|值|贵|赔|罚|奖|收入|收益|存|借|欠|亏|省|捐"
                        r"|领|收息|派息|股息|利息|供款|吸金|套|回报|募|集资|融资|投入|预算|开支|支出|拨款")
# 百亿级的净利润, 300亿的营收: the money metric named after the amount
MONEY_METRICS_AFTER = re.compile(r"\s?(?:级|左右)?的?(?:净利润|净利|纯利|溢利|营收|营业收入|营业额"
                                 r"|利润|市值|成交额|成交(?![量价]))")
# 营收322.96亿元 净利润172亿: a profit or revenue word before a bare 亿 names money, in the
# currency of the sentence's money figures
MONEY_METRICS = re.compile(r"(?:净利润|净利|纯利|溢利|利润|盈利|获利|营收|营业收入|营业额|成交额|成交|"
                           r"成交金额|市值|金额|股利|股息|收入|销售额|票房|存款|贷款|放款|资产|"
                           r"保费|税收|支出|投资额|融资|募资|集资)[为达约近逾超]{0,2}\s?$")
DAYS_COUNTED_BEFORE = re.compile(r"(?:连续|连|过去|最近|近|首|为期|长达|停工|停业|停课|休市|休假|"
                                 r"歇业|隔离|罢工|延长|一连|提早|提前|推迟|延后|延迟|推后|"
                                 r"连[升跌涨挫降增跑]|[升跌涨]足|足足)\s?$")  # 連升3日, 升足3日
