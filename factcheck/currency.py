"""Which currency a bare 元 / 亿元 means: the outlet's locale, then the issuer's evidence.

The contract's default (TWD in Taiwanese articles, HKD in Hong Kong usage, else CNY) is the
last resort. Stronger evidence, in order: a Hong Kong listing price (招股价 ... 元 is HKD even in
Simplified text); 人民币 written on an amount earlier in the paragraph; and, in a Hong Kong
article, the issuer's reporting currency (人民币 named in the article, or a mainland listing)
for amounts with 万/亿. Every decision is recorded in ``currency_basis``; when the article
states amounts in both currencies the basis says so rather than hiding the guess.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from .cand import Cand, DocContext
from .lexicon import Lexicon, _read, load_lexicon
from .positions import before as last_before
from .positions import within
from .textfold import fold

LISTING_WINDOW = 14  # characters before an amount searched for a listing-price word
# a share price quoted in a Hong Kong article (收报480元) is the HK listing's HKD
HK_SHARE_PRICE = re.compile(r"(?P<w>股价|收报|收市报|收市价|报|高见|低见|目标价)[^，,。；;]{0,4}$")


def _alt(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))


@lru_cache(maxsize=1)
def _locale_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, int]]]:
    """One scan for every cue, as a guarded prefix tree (sre tries an alternation's branches
    one by one at each position: 200 cues cost 200 tests where a first-character class
    rejects most positions at once)."""
    from . import trie

    lex = load_lexicon()
    locales = {form: (locale, weight) for form, locale, _, weight in lex.locale_cues}
    forms = sorted(locales, key=lambda f: (-len(f), f))
    firsts = "".join(sorted({re.escape(f[0]) for f in forms}))
    tree = trie.tree([([re.escape(ch) for ch in f], "") for f in forms])
    return re.compile(f"(?=[{firsts}])(?:{tree})"), locales


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    """currency_cues.csv: cue kind -> folded forms."""
    out: dict[str, list[str]] = {}
    for _, row in _read("currency_cues.csv", ("form", "cue", "note")):
        out.setdefault(row["cue"], []).append(fold(row["form"]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    return {k: re.compile(_alt(list(v))) for k, v in _cues().items()}


LOCALE_CURRENCY = {"CN": "CNY", "TW": "TWD", "HK": "HKD", "SG": "SGD", "MY": "MYR", "MO": "MOP",
                   "VN": "VND", "CA": "CAD", "AU": "AUD", "PH": "PHP"}
NAMES = {"CN": "mainland", "TW": "Taiwan", "HK": "Hong Kong", "SG": "Singapore",
         "MY": "Malaysia", "MO": "Macau", "VN": "Vietnam", "CA": "Canada", "AU": "Australia",
         "PH": "the Philippines"}


# characters only Traditional text writes, common in any financial story: a Traditional story
# is not a mainland one, whatever few words it shares with the mainland's
TRADITIONAL = re.compile("[們這個為於與經會時國對說業發過現億萬價營產資幣額際貿從還東統計實較場"
                         "進開關點總據顯應專區報數稅權長門間電車單銷聯]")
TRADITIONAL_MIN = 5
SCRIPT_WEIGHT = 2  # to Taiwan and Hong Kong each (Taiwan first on a tie: HK stories name HK)
SIMPLIFIED = re.compile(fold(TRADITIONAL.pattern))  # the same characters, the mainland way
SIMPLIFIED_WEIGHT = 1  # to the mainland: one Taiwanese word (入超) does not make a story Taiwan's


def locale(folded: str, lex: Lexicon, text: str = "") -> tuple[str, str, str | None]:
    """(currency of a bare 元, why, locale): the locale whose distinct cues (lexicon/
    locale_cues.csv: currencies, datelines, outlets and markets weigh 3, wording 1) weigh
    most; mainland when none is found or the mainland's own cues weigh as much. A close
    second is said in the why."""
    scores: dict[str, int] = dict.fromkeys(LOCALE_CURRENCY, 0)
    first: dict[str, str] = {}
    pattern, locales = _locale_pattern()
    seen: set[str] = set()
    for m in pattern.finditer(folded):  # each cue once: a topic word (澳門 ×7) is one vote
        if m.group() in seen:
            continue
        seen.add(m.group())
        loc, weight = locales[m.group()]
        scores[loc] += weight
        first.setdefault(loc, m.group())
    traditional = len(TRADITIONAL.findall(text, 0, 4000)) >= TRADITIONAL_MIN
    if traditional:
        scores["TW"] += SCRIPT_WEIGHT
        scores["HK"] += SCRIPT_WEIGHT
        first.setdefault("TW", "Traditional script")
        first.setdefault("HK", "Traditional script")
    elif scores["CN"] == 0 and len(SIMPLIFIED.findall(text, 0, 4000)) >= TRADITIONAL_MIN:
        scores["CN"] += SIMPLIFIED_WEIGHT
        first.setdefault("CN", "Simplified script")
    # on a tie, words beat the script (加拿大統計局 against 按月 in Traditional script: the
    # script votes for Taiwan and Hong Kong alike, a named place for one locale)
    scripted = {"TW", "HK"} if traditional else set()
    ranked = sorted(scores, key=lambda k: (-scores[k], k in scripted, k != "CN"))
    best = ranked[0]
    if scores[best] == 0:
        return "CNY", "default: no locale cue in the document", None
    if best == "CN" and first["CN"] == "Simplified script":
        return "CNY", "Simplified script and no locale word: the mainland's yuan", None
    if best == "CN":
        return "CNY", f"document cue {first['CN']!r} (mainland wording, weight {scores['CN']})", \
            None
    second = ranked[1]
    if traditional and scores[best] == SCRIPT_WEIGHT:
        why = (f"Traditional script and no locale word: {NAMES[best]}'s dollar taken"
               + (f" ({NAMES[second]}'s is as likely)" if scores[second] == scores[best] else ""))
        return LOCALE_CURRENCY[best], why, best
    why = f"document cue {first[best]!r} ({NAMES[best]} cues, weight {scores[best]})"
    if scores[second] and scores[second] * 2 > scores[best]:
        why += f"; also {NAMES[second]} cues (weight {scores[second]}, e.g. {first[second]!r})"
    return LOCALE_CURRENCY[best], why, best


def _is_default(c: Cand) -> bool:
    """The currency came from the document's locale, not from the figure's own words."""
    return str(c.extra.get("currency_basis", "")).startswith(
        ("document", "default", "Traditional script", "Simplified script"))


def paragraph_yuan(cands: list[Cand], folded: str) -> None:
    """A bare 元 after 人民币156.8亿元 in the same paragraph is that currency's 元, even in a
    Hong Kong or Taiwan article (10月为132.7亿元): the writer named the yuan once. A 港元 or
    美元 amount in between (约合172.3亿港元) does not change which 元 is meant."""
    current: tuple[str, str, int] | None = None  # (code, written prefix, paragraph start)
    for c in cands:
        para = folded.rfind("\n", 0, c.start) + 1
        if current is not None and current[2] != para:
            current = None
        prefix = c.extra.pop("_yuan_of", None)
        if prefix is not None:
            current = (c.unit or "", prefix, para)
        elif current is not None and c.kind == "money" and _is_default(c):
            c.unit = current[0]
            c.extra["currency_basis"] = f"{current[1]!r}…元 earlier in the paragraph"


def script_only_yuan(cands: list[Cand], ctx: DocContext) -> None:
    """A Traditional story with no word of Taiwan or Hong Kong (甘肅省…進出口總值166.3億元人民幣,
    a mainland province's trade in a Hong Kong or overseas paper) that writes out one currency,
    人民幣, means it by every bare 元: the script alone is weaker evidence than the writer's
    word."""
    if not ctx.currency_basis.startswith("Traditional script and no locale word"):
        return
    from .marks import written_currency

    if written_currency(cands) != "CNY":
        return
    for c in cands:
        if c.kind == "money" and _is_default(c) and c.unit != "CNY":
            c.unit = "CNY"
            c.extra["currency_basis"] = ("人民币 the one currency written, in Traditional text "
                                         "with no locale word: the mainland's yuan")


def issuer_currency(cands: list[Cand], folded: str, ctx: DocContext) -> None:
    """Override the outlet default of bare 元 amounts with the issuer's evidence."""
    local = [c for c in cands if c.extra.pop("_local", False) and c.kind == "money"]
    if not local:
        return
    pats = _cue_patterns()
    for c in local:
        before = folded[max(0, c.start - LISTING_WINDOW):c.start]
        hk_price = pats["hk_listing_price"].search(before)
        price = hk_price or (ctx.locale == "HK" and pats["listing_price"].search(before))
        if price:
            c.unit = "HKD"
            c.extra["currency_basis"] = f"HK listing price ({price.group()!r} before the amount)"
    if ctx.locale != "HK":
        return
    for c in local:
        before = folded[max(0, c.start - LISTING_WINDOW):c.start]
        sentence = before[before.rfind("。") + 1:]
        price = HK_SHARE_PRICE.search(before)
        if price is None or c.multiplier != 1 or not _is_default(c):
            continue
        if "A股" in sentence:  # 公司A股收报110元: the mainland listing's price is RMB
            c.unit = "CNY"
            c.extra["currency_basis"] = "A-share price ('A股' in the sentence)"
        else:
            c.unit = "HKD"
            c.extra["currency_basis"] = f"HK share price ({price['w']!r} before the amount)"
    rmb = pats["rmb_stated"].search(folded)
    listing = pats["mainland_listing"].search(folded)
    if rmb is None and listing is None:
        return
    stated = [c for c in cands if c.kind == "money" and c.multiplier != 1 and not c.bare
              and str(c.extra.get("currency_basis", "")).startswith("written")]
    if not any(c.unit == "CNY" for c in stated) and (
            pats["hk_market"].search(folded) or pats["hk_listing_price"].search(folded)):
        return  # a wrap or an IPO's grey market (A股回軟, 196.1元人民幣 per head) with no RMB
        # amount of an issuer's size: its bare 元 stay the outlet's dollar
    hkd = [c for c in stated if c.unit == "HKD"]
    either = [c for c in stated if c.unit in ("HKD", "CNY")]  # in text order
    why = f"stated: {rmb.group()!r} in the article" if rmb else \
        f"mainland listing ({listing.group()!r})"  # type: ignore[union-attr]
    wrap = pats["hk_market"].search(folded) is not None
    for c in local:
        if not _is_default(c) or c.multiplier == 1:
            continue  # a share price (收报20元) keeps the outlet's HKD
        if wrap and _hk_market_sentence(c, folded, pats):
            c.extra["currency_basis"] = "a Hong Kong market's figure (its sentence names it)"
            continue  # 恒指收报15,703点…成交金额948.6亿元 beside 两市…6,634.4亿元人民币
        if hkd:
            near = last_before(either, c.start)
            code = near.unit if near is not None and near.unit else ctx.currency
            c.unit = code
            c.extra["currency_basis"] = (
                f"conflict: {why} and 港元 amounts stated ({len(hkd)}); took the nearest "
                f"stated amount's currency ({code})")
        else:
            c.unit = "CNY"
            c.extra["currency_basis"] = f"{why}: the issuer reports in RMB"


# a full sentence: unlike pattern.SENTENCE_END_RE, not cut at ； (cut there, a clause of an
# HK story loses the market word its sentence names: hk-v04's 1.2亿元 turns CNY)
SENTENCE_END = re.compile(r"[。！？!?\n]")


def _hk_market_sentence(c: Cand, folded: str, pats: dict[str, re.Pattern[str]]) -> bool:
    """Whether ``c``'s sentence is about a Hong Kong market (恒指, 港股) and names no mainland
    listing: a wrap's own turnover is in HK dollars, whatever RMB the A-share lines state."""
    ends = [m.end() for m in SENTENCE_END.finditer(folded, max(0, c.start - 300), c.start)]
    start = ends[-1] if ends else max(0, c.start - 300)
    m = SENTENCE_END.search(folded, c.end)
    sentence = folded[start:m.start() if m else len(folded)]
    return (pats["hk_market"].search(sentence) is not None or "港股" in sentence) \
        and pats["mainland_listing"].search(sentence) is None


@lru_cache(maxsize=1)
def _declaration() -> re.Pattern[str]:
    """(澳門元，下同), （新台幣，以下同）, (以人民币计，下同), 113.1億元人民幣（下同): the
    currency every bare 元 after it means (the one before the bracket included)."""
    forms = _alt([f for (f, _pos), _code in load_lexicon().currencies.items() if len(f) > 1])
    return re.compile(rf"(?:[(（][^()（）]{{0,6}}?(?P<cur>{forms})[^()（）]{{0,4}}?[，,、]?\s?"
                      rf"|(?P<pre>{forms})\s?[(（]\s?)(?:以)?下同\s?[)）]")


@lru_cache(maxsize=1)
def _measured() -> re.Pattern[str]:
    """以美元计价, 若以美元計算, 按人民币计: the currency the figures after it are measured in."""
    forms = [f for (f, _pos), _code in load_lexicon().currencies.items() if len(f) > 1]
    return re.compile(rf"(?:以|按)(?P<cur>{_alt(forms)})(?:计价|计算|结算|计)")


def _declared(pattern: re.Pattern[str], folded: str) -> list[tuple[re.Match[str], str]]:
    """Each declaration ``pattern`` finds, with the currency code its ``cur`` group names (a
    named currency only: not the local dollar, not a cent or dime word)."""
    codes = _codes()
    found = [(m, codes.get(m["cur"] or m.groupdict().get("pre"))) for m in pattern.finditer(folded)]
    return [(m, code) for m, code in found
            if code and code not in ("LOCAL", "DOLLAR") and "_" not in code]


def measured_currency(cands: list[Cand], folded: str) -> None:
    """Bare 元 and 億 amounts after 以美元计价 take that currency, to the end of the paragraph
    or the next such phrase (以美元計價，5月進出口5220.7億元 … 以人民幣計價，3.71萬億元)."""
    if "计" not in folded:
        return
    found = _declared(_measured(), folded)
    for k, (m, code) in enumerate(found):
        end = folded.find("\n", m.end())
        end = len(folded) if end < 0 else end
        if k + 1 < len(found):
            end = min(end, found[k + 1][0].start())
        for c in within(cands, m.end(), end):
            if c.kind == "money" and _is_default(c):
                c.unit = code
                c.extra["currency_basis"] = f"measured {m.group()!r}"


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Each currency word's code (人民币 -> CNY), whatever its position."""
    return {f: c for (f, _p), c in load_lexicon().currencies.items()}


@lru_cache(maxsize=1)
def _prefix() -> re.Pattern[str]:
    forms = [f for (f, pos), code in load_lexicon().currencies.items()
             if pos in ("pre", "both") and len(f) > 1 and code != "LOCAL" and "_" not in code]
    return re.compile(rf"(?P<cur>{_alt(forms)})\s?$")


def prefixed_qualified(cands: list[Cand], folded: str) -> None:
    """港幣約15.4億元, 人民幣約130億元: a currency word before the qualifier is the figure's
    own, as 約港幣15.4億元 is (the figure's span takes it in)."""
    codes = _codes()
    for c in cands:
        if c.kind != "money" or not _is_default(c) or c.start == 0 \
                or "\u4e00" > folded[c.start] or folded[c.start] > "\u9fff":
            continue  # (a figure that opens with a word: 約, 逾, 近…)
        m = _prefix().search(folded, max(0, c.start - 6), c.start)
        if m is not None and codes.get(m["cur"]):
            c.start, c.unit = m.start(), codes[m["cur"]]
            c.extra["currency_basis"] = f"written {m['cur']!r}"


def declared_currency(cands: list[Cand], folded: str) -> None:
    """Bare 元 amounts from a (澳門元，下同) declaration on take its currency (one pass: a
    long document may hold many declarations)."""
    if "下同" not in folded:
        return
    found = _declared(_declaration(), folded)
    if not found:
        return
    # 近909億(澳門元,下同): a bare 億 declared money makes every bare 億 after it money too
    bare: set[int] = set()  # declarations that follow a bare magnitude
    for m, _code in found:
        k = bisect.bisect_right([c.end for c in cands], m.start()) - 1
        if k >= 0 and m.start() - cands[k].end <= 2 and _bare_magnitude(cands[k]):
            bare.add(m.start())
    money = [c for c in cands if c.kind == "money" or bare and _bare_magnitude(c)]
    ends = [c.end for c in money]
    starts = []  # where each declaration takes effect: the amount it follows, else itself
    for m, _code in found:
        k = bisect.bisect_right(ends, m.start()) - 1
        near = k >= 0 and m.start() - money[k].end <= 2
        starts.append(money[k].start if near else m.end())
    first_bare = next((i for i, (m, _c) in enumerate(found) if m.start() in bare), -1)
    d = -1
    for c in money:
        while d + 1 < len(found) and starts[d + 1] <= c.start:
            d += 1
        k = d
        if c.kind != "money":  # a bare 億 before any declaration (次季賭收909億, the headline)
            k = first_bare if d < 0 else d  # is the writer's usage all the same
            if k < 0 or found[k][0].start() not in bare:
                continue  # a declaration after a 元 amount says nothing of bare 億
            c.kind = "money"
        elif d < 0 or not _is_default(c):
            continue
        m, code = found[k]
        c.unit = code
        c.extra["currency_basis"] = f"declared {m.group()!r}"


def _bare_magnitude(c: Cand) -> bool:
    """909億, 1,022億: a count of 万 or 亿 with no classifier, which a currency declaration
    right after it makes an amount of money."""
    if c.kind == "money" and "unit_basis" in c.extra:  # 金額為4,022億: money by its metric
        return c.multiplier >= 10_000                  # word, still no currency written
    return c.kind == "count" and c.unit is None and c.multiplier >= 10_000
