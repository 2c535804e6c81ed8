"""Stage 1: find every figure in an article and normalize it (text -> list[Mention]).

How it works, in three passes over a folded copy of the text (``textfold.fold``: Simplified,
half-width, same length, so offsets are offsets into the original):

1. one master pattern, built from the lexicon tables, scans the text once. Its alternatives
   are ordered from specific to generic (dates, periods, weekdays, fractions, ordinals,
   named groups, zero, then the blockers: labels, stock codes, product names, words that
   contain numerals, then the generic "qualifier + currency + number + multiplier + unit"
   form). At each position the first alternative that matches wins, and a blocker consumes
   its text so nothing inside it becomes a figure;
2. candidates are joined across connectors (``0.75-0.85美元``, ``20至30亿元``), units are
   carried to bare numbers the sentence gives them (``从95%降到了0``, ``股价从20 涨到90``), and
   bare numbers that do not state a quantity are dropped;
3. the document context fills what the words leave open: the currency of a bare 元, the
   year of ``12月9日``, the date of ``周一``; then each figure gets its interval.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

import regex

from . import forms, periods
from .cand import Cand, DocContext
from .currency import cent_currency, issuer_currency, locale, paragraph_yuan
from .dates import filing_stamp, resolve_dates
from .lexicon import Lexicon, load_lexicon
from .model import Mention
from .numerals import BIG_UNITS, CN_DIGITS, SMALL_UNITS, Reading, read_number
from .numerals import consecutive_digits as _consecutive_digits
from .numerals import read_int as _int
from .numerals import trailing_multiplier as _trailing_multiplier
from .numerals import vague_reading as _vague_reading
from .positions import before as last_before
from .positions import within
from .sre_tune import branch_optionals
from .textfold import fold
from .units import describe, pint_name

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
# space (3 697 000人: Hong Kong government releases), never mixed
ARABIC = r"(?:[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])|[0-9]{1,3}(?:[ ][0-9]{3})+(?![0-9.,])|[0-9]+)(?:\.[0-9]+)?"
# unit prefixes after which 千/兆 are SI prefixes (千瓦, 兆赫), not multipliers
SI_TAIL = "瓦克米赫字位帕焦卡"
THOUSAND_GOLD = "(?<=千)金"  # 26千金: 26 千金股 (shares priced over NT$1,000), not 26,000
# 3万4000, 5万4千6百, 1千零1, 7 万5 千4 百: digits and place words, one space at most between
# (never a line break, and never a year after it: 净利润172亿\n2022-04-27, 172亿 2022年)
MIXED = (
    rf"(?:(?<![A-Za-z0-9.])|(?<=\.\.\.)AFTER_NAMES){ARABIC}"
    rf"(?:[ ]*[{CS}{CB}]+(?![{SI_TAIL}]|分|{THOUSAND_GOLD})(?:[ ]?零?{ARABIC}(?=[ ]?[{CS}{CB}]|(?<=[0-9])(?![0-9]|[ ]?[年月日号/-])))?)*"
)
# nouns ending in 数 (指数, 人数, 次数 ...): their 数 is no vague numeral, so 指数千点 is 千点
NOUN_SHU = "指人次总基倍系函参户件"
CHINESE = (
    rf"(?:(?<![{NOUN_SHU}])数(?=[{CS}{CB}])|几(?=[{CS}{CB}])|上(?=[百千万亿兆])(?!万点)|(?<=[破超逾过达])万(?=亿)|(?<![0-9{CD}{CS}{CB}])[万千](?=倍)|[万千百](?=几)|几|[{CDC}{CS}]|[{CDF}](?=[{CDF}{CS}万亿元圆又]|[ ]*点|[ ]*分[ ]*之)|[{CDF_NUM}](?=[{CDF_CLS}])"
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
GROWTH_BY = regex.compile(r"(?:增长|增加|上涨|上升|提高|提升|成长|扩大|增|涨|升|翻)了?\s?$")
GROWTH_TO = regex.compile(r"(?:增长|增加|上涨|上升|提高|提升|成长|扩大|增|涨|升)(?:到|至|为|成)了?\s?$")
# Currency names that follow 元 or a multiplier in amounts (三亿人民币), never a lone digit.
NAME_ONLY_CURRENCIES = {"人民币", "港币", "新台币", "台币", "日币"}
PRICE_WORDS = regex.compile(r"(?:股价|价格|报价|市价|售价|价位|收盘价|开盘价|目标价|执行价|股票价"
                            r"|挂牌价|参考价|承销价|发行价|招股价|认购价|配售价|成交价|收市价|暗盘价)")
# the decimals of a Hong Kong percent written around 厘 (2厘25, 一厘七五)
LI_DECIMALS = re.compile(r"[0-9]{1,2}(?![0-9.])|[〇零一二三四五六七八九]{1,2}(?![〇零一二三四五六七八九十百千万亿])")
SENTENCE_END = "。！？!?；;\n"
SENTENCE_END_RE = regex.compile("[" + SENTENCE_END + "]")
COUNT_MODIFIERS = ("未具名", "主要", "核心", "重要", "关键", "头部", "国有", "全球", "美股", "电信",
                   "国际", "股份制", "大型", "科技", "互联网")


def _alt(forms: list[str], after: dict[str, str] | None = None) -> str:
    """Regex alternation of literal forms, longest first so 美元 beats 元; ``after``: a
    lookahead a form must pass (多 not before 出: 多出 is a verb).

    A first-character class guards the alternation: sre tries branches one by one, so a
    150-form list costs 150 tests per position unless one class test rejects it first.
    """
    ordered = sorted(set(forms), key=lambda f: (-len(f), f))
    firsts = "".join(sorted({re.escape(f[0]) for f in ordered}))
    after = after or {}
    return f"(?=[{firsts}])(?:" + "|".join(re.escape(f) + after.get(f, "") for f in ordered) + ")"


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


def master_source() -> str:
    """Source of the master pattern, built from the lexicon tables."""
    lex = load_lexicon()
    pre_q = _alt([q.form for (f, pos), q in lex.qualifiers.items() if pos == "pre"])
    # 比去年的480亿元多出40亿元, 多赚, 多了: 多 opening a verb is no "more than" of the figure
    post_q = _alt([q.form for (f, pos), q in lex.qualifiers.items() if pos == "post"],
                  {"多": "(?![出赚了于过增])"})
    pre_cur = _alt([f for (f, pos) in lex.currencies if pos == "pre"])
    post_cur = [f for (f, pos) in lex.currencies if pos == "post"]
    units = _alt(post_cur + list(lex.units))
    for form in SPACEABLE_UNITS:  # 个 百 分 点: spaced-out percentage points
        units = units.replace(re.escape(form), "[ ]*".join(form), 1) if re.escape(form) in units \
            else units
    mults = _alt([f for f in lex.multipliers if not f.isascii()])
    # 兆豐金突破300億 臺企也攻進百億: after 億/萬 and a space, a one-character measure word that
    # opens a word (臺企, 台股) is the next word, not the figure's unit (300 家公司 keeps 家)
    single = "".join(sorted({re.escape(f) for f, u in lex.units.items()
                             if len(f) == 1 and u.kind == "count"}))
    nonfig_firsts = "".join(sorted({re.escape(f[0]) for f in lex.non_figures}))
    nonfig = forms.name_shapes(lex, r"[万亿兆倍元家个名位只年月日]") + f"|(?=[{nonfig_firsts}])(?:" + "|".join(
        re.escape(f) + (rf"(?![0-9{CD}{CS}])" if f[-1] in CD + CS + "0123456789点" else "")
        + ("(?!之)" if f.endswith("分") else "")
        for f in sorted(lex.non_figures, key=len, reverse=True)
    ) + ")"
    latin_units = "nm|GW|MW|kW|kWh|GWh|TWh|GB|TB|MB|PB"
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
    first = "".join(re.escape(ch) for ch in sorted(prefix)) + "A-Za-z$¥€£₩对.h位末次万"
    gate = (
        rf"(?=[{anchors}{first}])"
        rf"(?=[{anchors}]|[{prefix_class}][^\n]{{0,6}}?[{anchors}]"
        rf"|[A-Za-z][A-Za-z&\-+]*\s?[0-9]|(?<=[(（])[A-Z][A-Z0-9&.\-]*\s?[,，]\s?[0-9]|万点|万倍|上[万亿兆]|(?<=[破超逾过达])万亿|[首次末]季|(?<=[个单双])位数|[A-Z]{{1,3}}\$|[$¥€£₩][0-9 ]|对折|https?:|www\.|[.][0-9]|(?:[本上下这]个?)?(?:周|星期|礼拜)[日天])"
    )
    pattern = rf"""
    {gate}
    (?:
    (?=[0-9(（代A-Z])(?P<code>                                # stock codes: 2330-TW, 00700.HK, (9988)
        (?<![0-9A-Za-z])[0-9]{{4,6}}[-.](?:TWO|TW|HK|SH|SZ|SS|US|KS|KQ|T|O|N)(?![A-Za-z])
      | (?<=[(（])[A-Z][A-Z0-9&.\-]{{1,15}}\s?[,，]\s?[0-9]{{4,6}}(?=\s?[,，)）])  # (DLADY,3026,主板)
      | (?<![今去明])[(（]\s?[0-9]{{4,6}}(?:[-.][A-Z]{{1,3}})?\s?[)）](?!\s?[日号年])
      | (?:代码|代號|代号|股票代码)[:：]?\s?[0-9]{{4,6}}
    )
  | (?=[0-9〇零一二])(?P<date_ymd>                               # 2025 年11 月20 日
        (?P<y1>{YEAR})\s?年\s?(?P<m1>{MONTH})\s?月\s?(?P<d1>{DAY})\s?[日号]
    )
  | (?=[12])(?P<date_iso>(?<![0-9.])(?P<y2>(?:19|20)[0-9]{{2}})(?P<sep>[-/.])(?P<m2>1[0-2]|0?[1-9])(?P=sep)(?P<d2>3[01]|[12][0-9]|0?[1-9])(?![0-9]))
  | (?=[12])(?P<dcompact>{forms.COMPACT_DATE})
  | (?=[1民])(?P<roc>{forms.ROC_DATE})
  | (?=[0-9〇零一二三四五六七八九十今去明前同当首头])(?P<mrange>{forms.MONTH_RANGE})
  | (?=[0-9〇零一二三四五六七八九十今去明前同当])(?P<mpart>(?:{YEAR}\s?年\s?|{REL_YEAR}\s?)?{MONTH}\s?月(?:{forms.MONTH_WORDS}))
  | (?=[0-9〇零一二三四五六七八九十今去明前同当])(?P<ym>(?:(?P<y3>{YEAR})|(?P<r3>{REL_YEAR}))\s?年?\s?(?P<m3>{MONTH})\s?月(?!\s?[0-9一二三四五六七八九十廿卅]+\s?[日号])(?P<fen3>份)?)
  | (?=[本当同上下次])(?P<relmd>{periods.REL_MONTH_DAY})
  | (?=[0-9一二三四五六七八九十今去明前同当])(?P<md>(?:(?P<r4>{REL_YEAR})\s?)?(?P<m4>{MONTH})\s?月\s?(?P<d4>{DAY})\s?[日号])
  | (?=[(（])(?P<pday>[(（](?P<d5>3[01]|[12][0-9]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])[)）]\s?日)
  | (?=[(（])(?P<pyear>(?:(?<=[今去明])|(?<=[今去明]\s))[(（]\s?(?P<y6>(?:19|20)[0-9]{{2}}|1[01][0-9])\s?[)）]\s?年)
  | (?=[FQ财0-9〇零一二三四第前上下首次末今去明同当头])(?P<quarter>                                # 2025 年Q3, FY2026Q3, 2024年第三季度, 第四财季, 二季度
        (?:(?P<qfy>FY|财年)\s?(?P<qfy_y>[0-9]{{4}}|[0-9]{{2}})\s?(?:年度?)?\s?)?
        (?:(?P<qy>{YEAR}|(?<![0-9])(?P<qroc>1[01][0-9])(?=\s?年))\s?(?:(?P<qyfis>财政年度?|财年度?)|年度?)?\s?|(?P<qr>{REL_YEAR})\s?)?
        (?:
            (?<![A-Za-z])Q(?P<qn1>[1-4])(?![0-9])
          | (?:(?<=财政年)|(?<=财年)|(?<=年度))(?:首|前)\s?(?P<qm>[三六九369])\s?个\s?月
          | 第\s?(?P<qn2>[一二三四1-4])\s?(?P<qk2>财季|季度|季)(?!军)
          | (?<![第0-9{CD}])(?P<qpair>一二|二三|三四)\s?季度?(?![度节军风如报])
          | (?<![第前上下0-9{CD}])(?P<qn3>[一二三四1-4])\s?(?P<qk3>季度|财季)
          | (?:前(?!\s?[一1]\s?个?\s?(?:季|财季))|首|(?<![开起带码枪])头)\s?(?P<qn4>[一二三四1-4])\s?(?:个)?(?P<qk4>季度|财季|季)
          | (?<![第前上下0-9.{CD}])(?P<qn5>[一二三四]|[1-4](?=\s?季))\s?季(?![度节军风如报])
          | (?P<qh>[上下])\s?半(?P<qhk>财年|年度|年)
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
  | (?P<nonfig>{nonfig})
  | (?P<frac>                                   # 百分之六十二, 三分之一, 万分之几美分
        (?:(?P<fpre>{pre_q})\s?)?
        (?P<fsign>负)?(?:(?=[^又分\n]{{1,24}}又)(?P<fwhole>{CHINESE}|{ARABIC})[ ]*又[ ]*)?
        (?P<fden>(?:[ ]*[{CD}{CS}{CB}]){{1,16}}|{ARABIC})[ ]*分[ ]*之[ ]*(?P<fnsign>负)?(?P<fnum>{CHINESE}|{ARABIC})(?P<fk>\s?[kK](?![A-Za-z]))?
        (?P<fpost>{post_q})?
        (?:\s?(?P<fcur>{money_words}))?
    )
  | (?=[过超逾近约一半对])(?P<half>(?P<hpre>过|超过|逾|近|约)?(?:一半|半数)|过半|半百|半成|半折|(?<=打)对折
      |(?<![上下前后])半(?:个)?(?P<hunit>年|月|天|小时|码))
  | (?=[翻])(?P<double>翻倍|翻了?(?P<dn>[一两三四1-4])番)
  | (?=[第])(?P<listlabel>                       # 第一，… 第三、第四、第五：… ordinals as list labels
        (?:^|(?<=[\n。！？!?；;：:"」』，,(（]))第[一二三四五六七八九十0-9]{{1,2}}(?:、第[一二三四五六七八九十0-9]{{1,2}}){{0,9}}
        (?=\s?[，,：:]|、(?!\s?第)))
  | (?=[两二三四五位])(?P<places>[两二三四五]位数|(?<=[个单双])位数)
  | (?=[万])(?P<wanpt>(?<![0-9{CD}{CS}万亿])万点)
  | (?=[第])(?P<ordinal>第\s?(?P<onum>{ARABIC}|{CHINESE})(?:\s?(?P<osuf>代|次|年|名|位|个|家|大|届|批|轮|期|天|周|条|款|项|章|节|步|波|号|季|阶段))?)
  | (?=[二三四五六七八九十两0-9])(?P<group>(?P<gnum2>[二三四五六七八九十两]|[0-9]{{1,2}})大(?P<gmod>{"|".join(COUNT_MODIFIERS)})?[「『"]?(?P<gnoun>[\u4e00-\u9fff]{{1,2}}))
  | (?=[二三四五六七八九十两])(?P<coll>(?<![第0-9{CD}{CS}])[二三四五六七八九十两](?:{collectives}))
  | (?=[零])(?P<zero>(?:(?<=[为是到至成归于降跌变剩])|(?<![\u4e00-\u9fff0-9]))零(?=[!！,，。、\s"」』)）还了的]|$))
  | (?=[\s0-9一二三四五六七八九十(（结图表附步其注])(?P<label>
        (?:^|(?<=[\n。！？!?；;：:"」』|>)）]))\s*
        (?:0[0-9](?![0-9.%年月日号])|[0-9]{{1,2}}[.、](?![0-9])|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]{{1,2}}[)）](?!\s?[日号]))
      | (?<![0-9.])[0-9]{{1,2}}\.(?=\s?[\u4e00-\u9fff])
      | (?:结论|图|表|附录|步骤|其|注)(?:[一二三四五六七八九十]+|[0-9]+)(?![0-9{CD}{CS}{CB}%倍年月日个])
      | (?<![0-9])[0-9]{{4}}-[0-9]{{3}}(?![0-9])
      | (?<![0-9.,])0[0-9]{{2,}}(?![0-9.,%]|\s?(?:{units}|{mults}))
    )
  | (?=[-−0-9])(?P<sci>(?<![A-Za-z0-9.])(?P<sci_sign>[-−])?(?P<sci_m>[0-9]+(?:\.[0-9]+)?)\s?(?:[eE](?P<sci_e>[+\-−]?[0-9]+)|\^(?P<sci_p>[+\-−]?[0-9]+))(?![A-Za-z0-9.]))
  | (?=[-−.])(?P<dotnum>(?<![0-9A-Za-z.])(?P<dot_sign>[-−])?\.[0-9]+(?![0-9.]))
  | (?=[-0-9])(?P<slash>(?<![0-9/.])(?P<sl_sign>-)?(?:(?P<sl_w>[0-9]{{1,4}})[ ](?=[0-9]{{1,4}}\s?/))?(?P<sl_a>[0-9]{{1,4}})\s?/\s?(?P<sl_b>[0-9]{{1,4}})(?![0-9/]|\s?[日号月年]))
  | (?=[0-9])(?P<ratio>(?<![0-9.])(?P<ra>{ARABIC})\s?(?:[:：]|比)\s?(?P<rb>{ARABIC})(?![0-9]))
  | (?=[hw])(?P<url>(?:https?://|www\.)[^\s\u4e00-\u9fff，。]+)
  | (?=[前])(?P<rank>(?<=排名|位列|跻身|进入|跌出|跌入|挤进|名列)前\s?(?P<rk>[0-9]{{1,3}}|[一二三四五六七八九十]{{1,3}})(?P<rksuf>名|位|大|强)?)
  | (?=[A-Za-z0-9])(?P<latin>
        (?<![A-Za-z0-9])(?!(?:RMB|USD|HKD|CNY|TWD|JPY|EUR|GBP|US|HK|NT|FY|Q)\$?\s?[0-9])
        [A-Za-z][A-Za-z&\-+]*(?:[0-9][A-Za-z0-9.\-]*|\s[0-9]+(?:\.[0-9]+)?(?![0-9.,%]|\s?(?:{units}|{mults}|年|月|日)))
      | (?<![A-Za-z0-9.])[0-9]+(?:\.[0-9]+)?(?!(?:{latin_units})(?![A-Za-z]))(?![kKwW]\s?(?:{money_words}|左右|上下)|[kK]\s?(?:%|个\s?百|百\s?分))\+?[A-Za-z][A-Za-z0-9]*
    )
  | (?P<gen>
        (?:(?P<gpre>{pre_q})\s?(?!{MONTH}\s?月\s?{DAY}\s?[日号]))?
        (?:(?P<gcur>{pre_cur})\s?)?
        (?P<gsign>负|(?<![0-9A-Za-z.,%)）\-])[-−](?=[0-9]))?
        (?P<gnum>{mixed}|{CHINESE})
        (?P<gpq1>\s?(?:多|余))?
        (?P<gmul>\s?(?:{mults}|个亿(?!万)|[kKwW](?=\s?(?:{money_words}))|[kK](?=\s?(?:%|个\s?百|百\s?分)))(?![{SI_TAIL}]|分[之点位]|{THOUSAND_GOLD}))?
        (?P<gpq2>多|余)?
        (?:(?:(?<![万亿兆])[ ]+|[ ]+(?![{single}][\u4e00-\u9fff])|)(?P<gunit>{units}))?
        (?P<ghalf>半)?
        (?P<gsub>(?<=[元圆块角])(?:\s?(?:{ARABIC}|[{CD}]{{1,2}})\s?[角毛])?(?:\s?(?:{ARABIC}|[{CD}]{{1,3}})\s?(?:分(?![之钟])|仙))?钱?(?<![元圆块]))?
        (?P<gcur2>(?<=[元圆])\s?(?:{money_words}))?
        (?:(?<=元)又[ ]*(?P<gcent>{ARABIC}|[{CD}]{{1,3}})[ ]*(?:美分|分|仙))?
        (?:(?<=日元)[ ]*(?P<gsen>{ARABIC}|[{CD}]{{1,3}})[ ]*(?:日本)?[銭钱])?
        (?P<gincl>\s?[(（]含[)）])?
        (?P<gpost>{post_q})?
    )
    )
    """
    return pattern


# ---------------------------------------------------------------------------------------------
# ---------------------------------------------------------------------------------------------
def extract(text: str, published: dt.date | None = None) -> list[Mention]:
    """Every figure in ``text``, in text order, with spans into ``text`` itself.

    ``published``: the article's publication date, when the caller knows it; it dates a
    day-only reference (（9）日, 本月9日) when the text has no dateline of its own.

    Odd input never raises: an unreadable number is skipped, never guessed.

    >>> [m.text for m in extract("輝達2025 年Q3 收入為570.06 億美元，年增62%。")]
    ['2025 年Q3', '570.06 億美元', '62%']
    >>> extract("總市值報780.25億美元（約合人民幣5517億元）")[1].as_json()["unit"]
    'CNY'
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs str, not {type(text).__name__}; decode bytes first")
    folded = fold(text)
    lex = load_lexicon()
    currency, basis, where = locale(folded, lex)
    ctx = DocContext(currency, basis, locale=where)
    cands: list[Cand] = []
    for m in _master().finditer(folded):
        handler = _HANDLERS.get(m.lastgroup or "")
        if handler is None:
            continue
        out = handler(m, folded, ctx, lex)
        if out is not None:
            cands.append(out)
    cands = [c for i, c in enumerate(cands) if i == 0 or c.start >= cands[i - 1].end]
    cands = _join_ranges(_join_dmy(cands, folded), folded)
    for c in cands:
        c.extra.pop("dash_after_text", None)
    _carry_units(cands, folded, ctx)
    _roc_years_by_digit(cands, folded)
    paragraph_yuan(cands, folded)
    issuer_currency(cands, folded, ctx)
    cent_currency(cands, folded)
    cands = [c for c in cands if not c.bare or _keep_bare(c, folded)]
    for c in cands:
        if c.bare and isinstance(c.value, Decimal) and c.value != c.value.to_integral_value():
            c.kind = "other"  # 156.3 (a rate, a level): a bare decimal is not a count
    stamp = filing_stamp(folded)
    if stamp is not None:  # （編輯：…）1150121: the article's date, not a stated figure
        cands = [c for c in cands if c.end <= stamp[0] or c.start >= stamp[1]]
        ctx.dateline = stamp[2]
    resolve_dates(cands, ctx, folded, published)
    mentions: list[Mention] = []
    for i, c in enumerate(cands):
        _interval(c)
        mentions.append(_freeze(c, text))
        cands[i] = None  # type: ignore[call-overload]  # each candidate freed as it is frozen
    return mentions


def _freeze(c: Cand, text: str) -> Mention:
    value = c.value
    if isinstance(value, Decimal):
        value = _tidy(value)
    if c.kind == "count" and c.unit_span is not None:
        c.unit = text[c.unit_span[0]:c.unit_span[1]]  # the classifier as written
        if isinstance(value, Decimal) and pint_name(c.unit):
            c.extra["quantity"] = describe(value, c.unit)  # 500兆瓦 -> 500 megawatt
    return Mention(
        start=c.start, end=c.end, text=text[c.start:c.end], kind=c.kind, value=value,
        unit=c.unit, qualifier=c.qualifier, lo=c.lo, hi=c.hi,
        number_text=c.number_text, multiplier=c.multiplier, precision=c.ulp, extra=c.extra,
    )


def _tidy(d: Decimal | None) -> Decimal | None:
    """57006000000.00 -> 57006000000, 1.300 -> 1.3: the value, not the arithmetic's scale."""
    if d is None or d.as_tuple().exponent == 0:
        return d
    if d == d.to_integral_value():
        return d.quantize(_ONE)
    return d.normalize()


_ONE = Decimal(1)


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


# 23/1/2026: day, month, year, as Hong Kong, Malaysian and Singaporean outlets write a dateline
# (read after the master scan, which sees three numbers: the master pattern is at a size where
# one more alternative slows every scan; see tests/test_regex_safety.py)
# day/month/year datelines (Malaysian, Hong Kong); month/day/year only where the day cannot be a
# month (07/28/2022, a portal's US-style timestamp)
DMY = re.compile(r"(3[01]|[12][0-9]|0?[1-9])/(1[0-2]|0?[1-9])/((?:19|20)[0-9]{2})(?![0-9/])"
                 r"|(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|2[0-9]|1[3-9])/(?P<y>(?:19|20)[0-9]{2})(?![0-9/])")


def _join_dmy(cands: list[Cand], folded: str) -> list[Cand]:
    """The three numbers of each day/month/year date, replaced by the date."""
    dates = []
    for m in DMY.finditer(folded):
        if m.start() and folded[m.start() - 1] in "0123456789./":
            continue  # 1.23/1/2026, 123/1/2026: not a dateline
        c = Cand(m.start(), m.end(), "date")
        if m["y"]:
            c.date_parts = (int(m["y"]), int(m["m"]), int(m["d"]))
            c.extra["date_order"] = "month/day/year"
        else:
            c.date_parts = (int(m[3]), int(m[2]), int(m[1]))
            c.extra["date_order"] = "day/month/year"
        dates.append(c)
    if not dates:
        return cands
    kept = [c for c in cands if (d := last_before(dates, c.start + 1)) is None or c.start >= d.end]
    return sorted(kept + dates, key=lambda c: c.start)


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
    if m["qroc"] is not None and year is not None:
        year += 1911  # 114年第三季: a ROC year (three digits, 100..119)
    if m["qyfis"] and fy_year is None:
        fy_year, year = year, None  # 2024财政年上半年 (Malaysia, Singapore): the fiscal year's H1
    if m["fy"] is not None:
        c.value = f"FY{fy_year}"
        return c
    if m["qn1"]:
        q = f"Q{m['qn1']}"
    elif m["qn2"]:
        q = ("FQ" if m["qk2"] == "财季" else "Q") + str(_int(m["qn2"]))
    elif m["qn3"]:
        q = ("FQ" if m["qk3"] == "财季" else "Q") + str(_int(m["qn3"]))
    elif m["qpair"]:  # 一二季度: the first and second quarters
        q = f"Q{_int(m['qpair'][0])}-Q{_int(m['qpair'][1])}"
    elif m["qn5"]:  # 三季: Q3, but 连续三季 counts quarters, 「四季紅火」 all four
        n = _int(m["qn5"])
        if not m["qy"] and (
                QUARTER_COUNT_BEFORE.search(folded, max(0, m.start() - 4), m.start())
                or n == 4 and ALL_FOUR_BEFORE.search(folded, max(0, m.start() - 2), m.start())):
            return Cand(m.start(), m.end(), "duration", value=Decimal(n or 0), unit="quarter")
        q = f"Q{n}"
    elif m["qn4"]:
        q = f"Q1-Q{_int(m['qn4'])}"
    elif m["qh"]:
        q = "H1" if m["qh"] == "上" else "H2"
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


QUARTER_COUNT_BEFORE = re.compile(r"(?:连续|连|过去|最近|近|已|这|多达)\s?$")
ALL_FOUR_BEFORE = re.compile(r"(?:[「『\"“]|一年|全年)$")  # 「四季紅火」, 一年四季: all four quarters
# 连续四日, 过去7日: days counted (a duration), not a day of the month
# 掛牌首5日; 停工三日, 为期5日: a stop or a span lasts days
DAYS_COUNTED_BEFORE = re.compile(r"(?:连续|连|过去|最近|近|首|为期|长达|停工|停业|停课|休市|休假|"
                                 r"歇业|隔离|罢工|延长|一连)\s?$")


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


def _h_half(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand:
    text = m.group(0)
    if m["hunit"] == "码":  # 半码 = half a 0.25-point step of a policy rate
        return Cand(m.start(), m.end(), "pp", value=Decimal("0.125"), unit="pp")
    if m["hunit"]:
        unit = {"年": "year", "月": "month", "天": "day", "小时": "hour"}[m["hunit"]]
        return Cand(m.start(), m.end(), "duration", value=Decimal("0.5"), unit=unit)
    if text == "半百":
        return Cand(m.start(), m.end(), "count", value=Decimal(50))
    c = Cand(m.start(), m.end(), "percent", value=Decimal(5 if text == "半成" else 50), unit="%")
    pre = m["hpre"] or ("过" if text.startswith("过") else None)
    if pre in ("过", "超过", "逾"):
        c.qualifier = "over"
    elif pre == "近":
        c.qualifier, c.tolerance = "near", Decimal("0.1")
    elif pre == "约":
        c.qualifier, c.tolerance = "approx", Decimal("0.05")
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
    if ":" in text and len(m["rb"]) == 2 and a.value <= 24 and "." not in m["ra"]:
        return None  # 10:30 is a clock time
    c = Cand(m.start(), m.end(), "ratio", value=_six_places(a.value / b.value),
             number_text=text)
    c.extra["ratio"] = f"{m['ra']}:{m['rb']}"
    return c


def _currency(code: str, ctx: DocContext) -> str:
    """The ISO code of a currency row's code: LOCAL is the document's; HKD_CENT, LOCAL_DIME
    name a fraction of a dollar (its scale is the caller's)."""
    base = code.removesuffix("_CENT").removesuffix("_DIME")
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


def _h_gen(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    num_text, unit_form, pre, cur, post, pq1, pq2, mult_text, half = m.group(
        "gnum", "gunit", "gpre", "gcur", "gpost", "gpq1", "gpq2", "gmul", "ghalf")
    sign, sub, cur2 = m.group("gsign", "gsub", "gcur2")
    pq1 = pq1.strip() if pq1 else pq1
    start, end = m.start(), m.end()
    if unit_form and " " in unit_form:
        unit_form = unit_form.replace(" ", "")
    chinese = num_text[0] not in "0123456789"  # MIXED starts with a digit, CHINESE never
    vague = chinese and (
        "几" in num_text or "数" in num_text or "来" in num_text or num_text[0] == "上"
        or (unit_form != "折" and _consecutive_digits(num_text) is not None))
    if chinese and not vague and len(num_text) >= 2 and not (unit_form or mult_text or cur
                                                              or cur2) \
            and all(ch in CN_DIGITS for ch in num_text):
        return None  # 五一 (黄金周), 六一八: digits read one by one with nothing after name a day
    if vague:
        reading = _vague_reading(num_text)
        if reading is None:
            return None
        lo_r, hi_r = reading
        value = None
    else:
        r = read_number("一万" if num_text == "万" else num_text)  # 挑戰萬倍: one 万 times
        if r is None:
            return None
        lo_r = hi_r = None
        value = r.value
    mult = Decimal(1)
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
    scale = Decimal(1)
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
            if cur2:
                c.extra["currency_basis"] = f"written {cur2.strip()!r}"
                if money_code == "LOCAL":
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
    if scale != 1:
        c.scale = scale
        for attr in ("value", "lo", "hi", "ulp", "spread"):
            v = getattr(c, attr)
            if v is not None:
                setattr(c, attr, v * scale)
    # the indefinite 一 (一家公司, 下一个季度), relative 一 (有一天) and 前几天 are not figures;
    # after a qualifier (逾一只, 超过一家) it is a count (periods.lone_numeral_is_figure)
    if num_text in ("一", "几") and not mult_text and not cur and not over_words and unit_form \
            and not pre and not periods.lone_numeral_is_figure(num_text, c.kind, folded, start):
        return None
    if c.kind in ("period", "date") and pre:
        c.start = m.start("gnum")  # 约4月: the qualifier is not part of a month
        pre = None
    if c.kind == "duration" and pre == "近":
        # 近两年 is "the last two years", not "nearly two years"
        c.start = m.start("gnum")
        pre = None
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
        c.unit = "x"
        if u.factor is None:  # orders of magnitude
            if value is None or not whole:
                return None
            c.value = Decimal(10) ** int(value)
            c.ulp = None
            return Decimal(1)
        return u.factor
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
        if after.startswith(("内", "以内", "之内")) or DAYS_COUNTED_BEFORE.search(
                folded, max(0, m.start("gnum") - 3), m.start("gnum")):
            c.kind, c.unit = "duration", "day"
            return Decimal(1)
        c.date_parts = (None, None, int(value))
        c.ulp = None
        return Decimal(1)
    if u.kind == "duration":
        if form == "年" and whole and value is not None and c.multiplier == 1 and (
            (not c.chinese and 1000 <= value <= 2199 and len(num_text.replace(",", "")) == 4)
            or (c.chinese and len(num_text) == 4 and all(ch in CN_DIGITS for ch in num_text))
        ):
            c.kind, c.unit, c.ulp = "year", None, None
            return Decimal(1)
        if form == "年" and c.chinese and len(num_text) == 2 and num_text[0] in "〇零" \
                and num_text[1] in CN_DIGITS and c.multiplier == 1:
            c.kind, c.unit, c.ulp = "year", None, None  # ○五年: 2005, written short
            c.value = Decimal(2000 + CN_DIGITS[num_text[1]])
            return Decimal(1)
        c.unit = u.unit
        if form == "个半月" and value is not None:
            c.value = value + Decimal("0.5")
            return Decimal(1)
        return u.factor
    if u.kind == "count" and form == "点":
        # index points; a small whole number + 点 is a clock time (下午3点)
        before = folded[max(0, c.start - 6):c.start]
        if value is None or (whole and value <= 24 and not regex.search(
                r"涨|跌|升|降|收|报|指|盘|上扬|下挫", before)):
            return None
        c.unit = "点"
        return Decimal(1)
    return u.factor


BOUNDED_OVER = {"出头", "开外", "有余"}
SPACEABLE_UNITS = ("个百分点", "百分点", "个基点")
# Words before a 块 amount that make it yuan (花了几千块) rather than pieces (产量500万块)
MONEY_CUES = re.compile(r"花|费|付|赚|挣|卖|买|价|薪|资|租|钱|值|贵|赔|罚|奖|收入|存|借|欠|亏|省|捐|领"
                        r"|收息|派息|股息|利息")
# 营收322.96亿元 净利润172亿: a profit or revenue word before a bare 亿 names money, in the
# currency of the sentence's money figures
MONEY_METRICS = re.compile(r"(?:净利润|净利|纯利|溢利|利润|盈利|获利|营收|营业收入|营业额|成交额|"
                           r"成交金额|市值)[为达约近逾超]{0,2}\s?$")
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


def _h_slash(m: re.Match[str], folded: str, ctx: DocContext, lex: Lexicon) -> Cand | None:
    """3/5: a fraction (kind ratio, value a/b); 12/25日 and 2024/06/11 are dates elsewhere.
    A pair no one writes as a fraction is a date: 7/24, 12/31 (no month 24 or 31), 10/7 and
    12/5 (a fraction above one): month/day, or day/month where Hong Kong cues say so."""
    a, b = Decimal(m["sl_a"]), Decimal(m["sl_b"])
    if b == 0:
        return None
    if not m["sl_sign"] and not m["sl_w"] and 1 <= a <= 12 and 1 <= b <= 31 and (
            b > 12 or a > b) and "." not in m.group(0):
        c = Cand(m.start(), m.end(), "date")
        day_first = ctx.locale == "HK" and b <= 12
        c.date_parts = (None, int(b), int(a)) if day_first else (None, int(a), int(b))
        return c
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
    "pday": _h_pday, "pyear": _h_pyear, "quarter": _h_quarter, "decade": _h_decade, "weekday": _h_weekday,
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


# ---------------------------------------------------------------------------------------------
# Pass 2: ranges, carried units, bare numbers
RANGE_JOIN = re.compile(r"^\s?(?:[(（]含[)）])?\s?(?:-{1,2}|~|至|到|或)\s?$")


def _join_ranges(cands: list[Cand], folded: str) -> list[Cand]:
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            if b.extra.pop("dash_after_text", False) and b.start == a.end:
                _negate(b)  # 4.2亿元-5.0亿元: the dash joins a range, it was no sign
                b.start += 1
            joint = folded[a.end:b.start]
            if RANGE_JOIN.match(joint) and _joinable(a, b, joint.strip()) \
                    and not _by_then_to(a, b, joint.strip(), folded):
                out.append(_merge(a, b, joint.strip()))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# 增加40萬桶至160萬桶, 減價50萬至600萬元: a change, then the level it reaches; 突破千元至1,005元:
# a mark passed, then the level. Not ranges (增长5%至6% still is: the ends are alike)
CHANGE_BEFORE = re.compile(r"(?:增加|减少|减价|降价|加价|多|少|增|减|加|上调|下调|调高|调低|提高|"
                           r"降低|涨|跌|升|降)了?\s?$")
MARK_BEFORE = re.compile(r"(?:突破|跌破|冲破|冲上|站上|失守|跨越|跨过|升穿|跌穿)\s?$")


def _by_then_to(a: Cand, b: Cand, joint: str, folded: str) -> bool:
    if joint not in ("至", "到") or a.value is None or b.value is None or a.value <= 0:
        return False
    before = folded[max(0, a.start - 4):a.start]
    if MARK_BEFORE.search(before):
        return True
    # 销售费用率降低152%至16.9%: a range runs low to high, so a falling pair is a move and the
    # level it reached (增长5%至6% is still a range)
    return CHANGE_BEFORE.search(before) is not None and (b.value > 2 * a.value
                                                         or b.value < a.value)


def _joinable(a: Cand, b: Cand, joint: str) -> bool:
    """Whether a and b form one range; 或 joins only years (2015 或2016 年)."""
    if joint == "或" and b.kind != "year":
        return False
    if b.kind == "year" and a.bare and not (
            a.value is not None and a.value == a.value.to_integral_value()
            and 1000 <= a.value <= 2199):
        return False
    if a.kind in ("date", "period", "other", "ratio") or b.kind in ("date", "period", "other"):
        return False
    if a.kind == "year" and not a.bare:
        return False  # 2021年至2025年: two years, each with its 年 (2015 或2016 年 is a range)
    if b.bare or b.qualifier in ("range", "vague") or a.qualifier in ("range", "vague"):
        return False
    if a.value is None or b.value is None:
        return False
    if a.bare:
        return True
    return a.kind == b.kind and a.unit == b.unit


def _merge(a: Cand, b: Cand, joint: str) -> Cand:
    lo_val = a.value
    if a.bare:
        # 20至30亿元: the first number takes the second's multiplier and unit
        if len(a.number_text) == 1 and len(b.number_text) >= 2 and b.number_text[1] in CS:
            # 八到九百亿, 两到三仟, 两~3百: the lone digit takes the other's place and multiplier
            place = read_number("一" + b.number_text[1:])
            lo_val = a.value * (place.value if place else 1)
        elif a.multiplier == 1 and b.multiplier != 1 and a.value * b.multiplier <= b.value:
            lo_val = a.value * b.multiplier  # 20至30亿元; but not 从8500到3万 (8500..30000)
        lo_val = lo_val * b.scale  # 5至6成, 3-4折: the unit's scale is the first end's too
    c = Cand(a.start, b.end, b.kind, unit=b.unit, qualifier="range")
    c.lo, c.hi = min(lo_val, b.value), max(lo_val, b.value)
    c.number_text = f"{a.number_text}{joint}{b.number_text}"
    c.extra = dict(b.extra)
    c.unit_span = b.unit_span
    return c


def _negate(c: Cand) -> None:
    """Flip the sign of value and interval (负3.9%); applied twice it undoes itself."""
    for attr in ("value", "lo", "hi"):
        v = getattr(c, attr)
        if v is not None:
            setattr(c, attr, -v)
    if c.lo is not None and c.hi is not None:
        c.lo, c.hi = c.hi, c.lo


MONTHS = {Decimal(n) for n in range(1, 13)}
# 、中信金（2891）: the next item of a list, its name and code, then its figure
LIST_ITEM = re.compile(r"\s?、\s?[^\s，,。；;、\d%]{1,12}(?:\s?[（(]\d{4,6}[)）])?\s?")
ELLIPTIC_JOIN = re.compile(r"\s?(?:和|及|与|或|、)\s?")  # 百分之二和三, 5%及3: one unit for both


def _month_lists(cands: list[Cand], folded: str) -> None:
    """7、8兩月, 1、2两个月: bare numbers listed before a duration of as many months are the
    months themselves (July and August), not counts."""
    for i, d in enumerate(cands):
        if d.kind != "duration" or d.unit != "month" or d.value is None or not i:
            continue
        run = []
        k, end = i - 1, d.start
        while k >= 0 and cands[k].bare and cands[k].value in MONTHS and (
                cands[k].end == end if not run else ELLIPTIC_JOIN.fullmatch(
                    folded, cands[k].end, end)):
            run.append(cands[k])
            end, k = cands[k].start, k - 1
        if len(run) >= 2 and Decimal(len(run)) == d.value:
            for c in run:
                c.kind, c.bare, c.ulp = "period", False, None
                c.date_parts, c.rel_year = (None, int(c.value), None), None


ROC_YEARS = range(100, 131)  # 民國100年 (2011) to 130: the years recent news is about
# 近一一四年, 一○○年來: a span of years, not the year
SPAN_BEFORE = re.compile(r"(?:近|逾|超过|长达|历经|成立|创立|已有|满|共|达|有)\s?$")
SPAN_AFTER = re.compile(r"\s?(?:来|以来|历史|之久|老店|的历史)")


def _roc_years_by_digit(cands: list[Cand], folded: str) -> None:
    """一一四年: Taiwanese wires write ROC years digit by digit, and nobody writes a span of
    114 years so; the ROC year (+1911). 114年 in Arabic digits is dates._roc_years'."""
    for c in cands:
        if c.kind != "duration" or c.unit != "year" or c.value is None \
                or c.value != c.value.to_integral_value() or int(c.value) not in ROC_YEARS \
                or SPAN_BEFORE.search(folded, max(0, c.start - 3), c.start) \
                or SPAN_AFTER.match(folded, c.end):
            continue
        digits = c.number_text or ""
        if len(digits) == 3 and all(ch in "〇○零一二三四五六七八九" for ch in digits):
            c.kind, c.unit = "year", None
            c.value = Decimal(int(c.value) + 1911)
            c.extra["calendar"] = "ROC (民國) year + 1911"


FISCAL_END = re.compile(r"期(?![间内末货指初中限满望待权])")  # 3月期, not 期间 / 期末 / 期货
ONE_MONTH = re.compile(r"(?:19|20)[0-9]{2}\s?年\s?[0-9]{1,2}\s?月")


def _fiscal_month_ends(cands: list[Cand], folded: str) -> None:
    """2026年3月期 (Japanese and Taiwanese results for the year ending March 2026): the fiscal
    year named by the month it ends in, not the month."""
    for c in cands:
        parts = c.date_parts
        if c.kind == "period" and parts and parts[0] and parts[1] and not parts[2] \
                and FISCAL_END.match(folded, c.end) \
                and ONE_MONTH.fullmatch(folded, c.start, c.end):  # not 2025年4-12月期
            c.end += 1
            c.value, c.date_parts, c.rel_year = f"FY{parts[0]}", None, None


def _carry_units(cands: list[Cand], folded: str, ctx: DocContext) -> None:
    """Give bare numbers the unit the sentence gives them.

    ``从95%降到了0``: the 0 is a percent; ``股价从20 涨到90 ... 0.4 美元``: prices are money in
    the currency of the surrounding prices.
    """
    ends = [m.start() for m in SENTENCE_END_RE.finditer(folded)]
    _month_lists(cands, folded)
    _fiscal_month_ends(cands, folded)
    for i, c in enumerate(cands):
        if c.unit == "个" and i + 1 < len(cands) and cands[i + 1].kind == "pp" \
                and ELLIPTIC_JOIN.fullmatch(folded, c.end, cands[i + 1].start):
            c.kind, c.unit = "pp", cands[i + 1].unit  # 回升2.3个、2.1个百分点: 2.3 pp
            continue
        if not c.bare:
            continue
        k = bisect.bisect_left(ends, c.start)
        sent_start = ends[k - 1] + 1 if k > 0 else 0
        sent_end = ends[k] if k < len(ends) else len(folded)
        before = folded[max(sent_start, c.start - 12):c.start]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None and nxt.kind == "period" and nxt.date_parts and \
                nxt.date_parts[1] and not nxt.extra and c.value in MONTHS and \
                ELLIPTIC_JOIN.fullmatch(folded, c.end, nxt.start):
            c.kind, c.bare, c.ulp = "period", False, None  # 9、10月: September and October
            year = nxt.date_parts[0]
            before_c = cands[i - 1] if i > 0 else None
            if year is None and before_c is not None and before_c.kind == "year" \
                    and before_c.end == c.start and before_c.value is not None:
                year = int(before_c.value)  # 2025年6、7月: the year is both months'
                nxt.date_parts = (year, *nxt.date_parts[1:])
            c.date_parts, c.rel_year = (year, int(c.value), None), nxt.rel_year
            continue
        if nxt is not None and not nxt.bare and nxt.kind in ("percent", "pp") and \
                c.value is not None and ELLIPTIC_JOIN.fullmatch(folded, c.end, nxt.start) \
                and c.start and folded[c.start - 1] not in "\n。；;：:":  # 1、5%…: a list label
            c.kind, c.unit, c.bare = nxt.kind, nxt.unit, False  # 回升2.3、2.1个百分点: 2.3 pp
            c.extra["unit_basis"] = f"elliptic before {folded[nxt.start:nxt.end]!r}"
            continue
        prev = cands[i - 1] if i > 0 else None
        if prev is not None and nxt is not None and prev.kind == nxt.kind == "percent" \
                and not prev.bare and not nxt.bare and c.value is not None \
                and LIST_ITEM.fullmatch(folded, prev.end, c.start) \
                and LIST_ITEM.fullmatch(folded, c.end, nxt.start):
            c.kind, c.unit, c.bare = "percent", prev.unit, False  # 聯電5.34%、中信金4.48、…4.31%
            c.extra["unit_basis"] = "an item of a list of percentages"
            continue
        if prev is not None and not prev.bare and prev.kind in ("percent", "pp") and \
                ELLIPTIC_JOIN.fullmatch(folded, prev.end, c.start):
            c.kind, c.unit, c.bare = prev.kind, prev.unit, False  # 升百分之二和三: 3%
            c.extra["unit_basis"] = f"elliptic after {folded[prev.start:prev.end]!r}"
            continue
        if prev is not None and prev.start >= sent_start and not prev.bare and \
                regex.search(r"(?:到|至|为|成)了?\s?$", before) and "从" in folded[sent_start:prev.start] \
                and prev.kind in ("percent", "money", "pp"):
            c.kind, c.unit, c.bare = prev.kind, prev.unit, False
            c.extra["unit_basis"] = f"carried from {folded[prev.start:prev.end]!r}"
            continue
        if c.multiplier != 1 and MONEY_METRICS.search(folded, max(sent_start, c.start - 8),
                                                      c.start):
            money = [d for d in within(cands, sent_start, sent_end)
                     if d.kind == "money" and not d.bare]
            if money:
                near = min(money, key=lambda d: abs(d.start - c.start))
                c.kind, c.unit, c.bare = "money", near.unit, False
                c.extra["unit_basis"] = f"a money metric's amount, as {folded[near.start:near.end]!r}"
                continue
        if (c.multiplier != 1 or any(ch in CB for ch in c.number_text)) and MONEY_CUES.search(
                folded, max(sent_start, c.start - 6), c.start):
            c.kind, c.unit, c.bare = "money", ctx.currency, False
            c.extra["unit_basis"] = "amount after a money word (挣, 亏, 花 ...)"
            c.extra["currency_basis"] = ctx.currency_basis
            continue
        same = _restated(c, cands, i)
        if same is not None:
            c.kind, c.unit, c.bare = same.kind, same.unit, False
            c.extra["unit_basis"] = f"restates {folded[same.start:same.end]!r}"
            continue
        if PRICE_WORDS.search(folded[max(sent_start, c.start - 12):c.start]) and not (
                c.chinese and c.multiplier == 1):  # 股價…前一刻: a lone 一 is no price
            money = [d for d in within(cands, sent_start, sent_end)
                     if d.kind == "money" and not d.bare]
            code = min(money, key=lambda d: abs(d.start - c.start)).unit if money else ctx.currency
            c.kind, c.unit, c.bare = "money", code, False
            c.extra["unit_basis"] = "price in the currency of the sentence"


def _restated(c: Cand, cands: list[Cand], i: int) -> Cand | None:
    """「10 億」 after 10 億美元, or a headline's 3.6億 before 約3.6億令吉: a bare number with a
    multiplier restating a nearby money figure (the nearest one before, else after)."""
    if c.multiplier == 1 or c.value is None:
        return None
    ulp = c.ulp or Decimal(0)

    def same(d: Cand) -> bool:  # 22亿 for 22亿8800万令吉: the same figure, rounded or cut
        return not d.bare and d.kind == "money" and isinstance(d.value, Decimal) and (
            d.value == c.value or abs(c.value) >= 10 * ulp > 0 and (  # two digits or more
                abs(d.value - c.value) * 2 <= ulp or c.value <= d.value < c.value + ulp))

    for d in reversed(cands[max(0, i - 12):i]):
        if same(d) and c.start - d.end < 600:
            return d
    for d in cands[i + 1:i + 13]:
        if same(d) and d.start - c.end < 600:
            return d
    return None


def _keep_bare(c: Cand, folded: str) -> bool:
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
        return c.number_text == "俩" or (
            not _is_han(before) and not _is_han(after) and after != "、")
    digits = c.number_text
    if digits.isdigit() and (len(digits) == 6 or len(digits) >= 7 and "," not in digits):
        return False  # 240004, 600519: bond and stock codes are six digits with no unit
    return True


BARE_AFTER_IS = set("这那而却不但")
CLOCK_BEFORE = re.compile(r"上午|下午|晚上|凌晨|早上|中午|傍晚|夜里")


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u3400" <= ch <= "\u9fff"


# ---------------------------------------------------------------------------------------------
def _interval(c: Cand) -> None:
    if c.kind in ("date", "period"):
        c.lo = c.hi = None
        return
    if c.qualifier in ("range", "vague"):
        c.value = None
        return
    v = c.value
    if not isinstance(v, Decimal):
        return
    if c.kind == "year":
        c.value = int(v)
        c.lo = c.hi = v
        return
    exact_integer = (
        c.kind in ("count", "duration", "other")
        and v == v.to_integral_value() and (c.ulp is None or c.ulp <= 1)
    )
    half = Decimal(0) if exact_integer or c.ulp is None else c.ulp / 2
    q = c.qualifier
    if q == "exact":
        c.lo, c.hi = v - half, v + half
    elif q == "approx":
        tol = c.tolerance if c.tolerance is not None else Decimal("0.05")
        width = max(half, abs(v) * tol)
        c.lo, c.hi = v - width, v + width
    elif q == "over":
        c.lo = v
        c.hi = v + c.spread if c.spread is not None else None
    elif q == "near":
        tol = c.tolerance if c.tolerance is not None else Decimal("0.1")
        c.lo, c.hi = v * (1 - tol), v
    elif q in ("under", "upto"):
        c.lo, c.hi = None, v
