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

from .badgroups import join_bad_groups
from .bare import drop_footnotes, drop_labels, keep_bare
from .cand import Cand, DocContext
from .cents import cent_currency, fen_moves, join_cents, prefix_fen
from .colunits import header_units
from .currency import (
    declared_currency,
    issuer_currency,
    locale,
    measured_currency,
    paragraph_yuan,
    prefixed_qualified,
    script_only_yuan,
)
from .dates import filing_stamp, join_day_ranges, join_dmy, join_month_spans, resolve_dates
from .durations import join_durations
from .forms import bracket_years, named_addresses
from .gloss import restore, strip_glosses
from .handlers import _HANDLERS
from .joins import (
    _carry_units,
    _interval,
    _join_ranges,
    _rank_column,
)
from .lexicon import load_lexicon
from .model import Mention
from .months import _roc_years_by_digit
from .pattern import _grouped, _master, regroup
from .textfold import fold
from .units import describe, pint_name


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
    glossed = strip_glosses(text)  # 313萬(wàn)人次: a mirror's pinyin splits the words
    if glossed is not None:
        plain, where, starts = glossed
        return [restore(m, where, starts, text) for m in extract(plain, published)]
    folded = fold(text)
    lex = load_lexicon()
    currency, basis, where = locale(folded, lex, text)
    ctx = DocContext(currency, basis, locale=where)
    cands: list[Cand] = []
    grouped = _grouped()
    for m in _master().finditer(folded):
        name = m.lastgroup or ""
        handler = _HANDLERS.get(name)
        if handler is None:
            continue
        if name in grouped:  # the scanner keeps the generic form's inner groups only
            m = regroup(m, folded)
        out = handler(m, folded, ctx, lex)
        if out is not None:
            cands.append(out)
    cands = [c for i, c in enumerate(cands) if i == 0 or c.start >= cands[i - 1].end]
    cands = join_bad_groups(cands, folded)  # 57,22元: one figure, its group garbled
    cands = join_month_spans(join_day_ranges(join_dmy(cands, folded), folded), folded)
    cands = _rank_column(_join_ranges(cands, folded), folded)
    cands = join_durations(named_addresses(bracket_years(cands, folded), folded), folded)
    for c in cands:
        c.extra.pop("dash_after_text", None)
    _carry_units(cands, folded, ctx)
    _roc_years_by_digit(cands, folded)
    prefixed_qualified(cands, folded)  # 港幣約15.4億元
    paragraph_yuan(cands, folded)
    script_only_yuan(cands, ctx)  # 甘肅省…166.3億元人民幣 and no word of Taiwan or Hong Kong
    measured_currency(cands, folded)  # 以美元计价，…5220.7亿元
    declared_currency(cands, folded)  # (人民幣，下同) before the issuer's evidence: it says
    issuer_currency(cands, folded, ctx)  # outright what every bare 元 after it means
    cent_currency(cands, folded, ctx)
    cands = join_cents(cands, folded)  # 3令吉38仙: one price
    prefix_fen(cands, folded)  # 人民幣 5.55 分
    fen_moves(cands, folded, ctx)
    cands = header_units(cands, folded, ctx, lex)  # 金额(亿元), 名次, 日期 columns
    cands = [c for c in drop_footnotes(cands, folded) if not c.bare or keep_bare(c, folded)]
    cands = drop_labels(cands, folded)  # 準則[1], (2) …、, 单位：千元
    if "《" in folded:  # 《前任4》, 《93国际列车大劫案》: a title's number names it (its dates
        titles = [(t.start(), t.end()) for t in TITLE.finditer(folded)]  # and years stay)
        starts = [t[0] for t in titles]
        cands = [c for c in cands if c.kind in ("date", "year", "period")
                 or not _inside(titles, starts, c.start, c.end)]
    for c in cands:  # 美元兑日元升至156.3: an exchange rate is a ratio, not a count (an index
        if c.bare and c.kind == "count" and FX_BEFORE.search(  # level, 收报93.40, stays one)
                folded, max(0, c.start - 12), c.start):
            c.kind = "other"
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
    # 57006000000.00 -> 57006000000, 1.300 -> 1.3: the value, not the arithmetic's scale
    # (same_quantum(1) is "exponent 0" without building as_tuple()'s digit tuple)
    if isinstance(value, Decimal) and not value.same_quantum(_ONE):
        value = value.quantize(_ONE) if value == value.to_integral_value() else value.normalize()
    if c.kind == "count" and c.unit_span is not None:
        c.unit = text[c.unit_span[0]:c.unit_span[1]]  # the classifier as written
        if isinstance(value, Decimal) and pint_name(c.unit):
            c.extra["quantity"] = describe(value, c.unit)  # 500兆瓦 -> 500 megawatt
    # positional, in Mention's field order: keywords cost a third more per mention
    return Mention(c.start, c.end, text[c.start:c.end], c.kind, value, c.unit, c.qualifier,
                   c.lo, c.hi, c.number_text, c.multiplier, c.ulp, c.extra)


_ONE = Decimal(1)
TITLE = re.compile(r"《[^《》\n]{1,60}》")  # book-title marks: a film, report, law or programme


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    k = bisect.bisect_right(starts, start) - 1
    return k >= 0 and spans[k][0] < start and end < spans[k][1]
# 美元兑日元升至156.3, 港匯見7.8499, 離岸人民幣(CNH)報7.1457, 歐元企0.9672: a rate quoted after a
# currency's name and a verb is a price of that currency, not a count
FX_BEFORE = re.compile(r"(?:(?:兑|汇率|汇价)[^，,。；;\d]{0,8}"
                       r"|(?:港汇|中间价|人民币|欧元|英镑|澳元|纽元|日[圆元]|瑞郎)"
                       r"(?:\([A-Z]{3}\))?(?:报|见|企|处|收|跌至|升至|徘徊))$")
