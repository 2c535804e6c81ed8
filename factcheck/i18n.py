"""Findings in the article's own script, Simplified (zh-Hans) or Traditional (zh-Hant):
editors read Chinese. The English message stays the record (``lang="en"`` returns it).

A message is a row of ``lexicon/messages.csv`` (rule, case, both scripts by hand) filled from
the finding. Figures quoted from the article stay as written, even in the other script: they
are what the editor searches for. Computed values are written like the figure they stand for
(:func:`format_like`), never as raw integers. Rule passes name no variant in their evidence,
so their case is read from the English wording (``CASES``); engine findings are cased by
``evidence["relation"]``, their figures by role read back through ``lexicon/relations.csv``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import re
import string
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

import opencc

from .checks.dates import _written_like
from .checks.findings import Finding
from .lexicon import LEXICON_DIR
from .textfold import fold

_T2S = opencc.OpenCC("t2s")  # cheap (3 ms); s2tw and s2hk cost 0.08 s each, so they wait


@lru_cache(maxsize=1)
def _s2tw() -> opencc.OpenCC:
    return opencc.OpenCC("s2tw")


@lru_cache(maxsize=1)
def _hans_only() -> frozenset[str]:
    """lexicon/hans_only.txt: the characters only Simplified text writes."""
    text = (LEXICON_DIR / "hans_only.txt").read_text(encoding="utf-8")
    return frozenset("".join(x for x in text.splitlines() if not x.startswith("#")))


def hans_only_from_opencc() -> str:
    """What lexicon/hans_only.txt holds, computed from OpenCC: unchanged by t2s, changed by
    s2hk (so 台, written on both sides, is on neither)."""
    s2hk = opencc.OpenCC("s2hk")
    return "".join(ch for ch in map(chr, range(0x3400, 0xA000))
                   if _T2S.convert(ch) == ch and s2hk.convert(ch) != ch)

CASES: dict[str, tuple[tuple[str, str], ...]] = {  # rule -> (case, cue in the English message)
    "fused-year": (("lost", "looks lost"), ("split", "")),
    "today-mismatch": (("year", "story is dated"), ("day", "as today")),
    "garbled-number": (("overflow", "holds at most"), ("backwards", "runs from a positive"),
                       ("quarter_year", "fused with 季"), ("double_point", "two decimal points"),
                       ("stray_point", "no digit after it"),
                       ("impossible_day", "no day of the calendar"),
                       ("doubled_percent", "percent sign twice"),
                       ("lost_percent", "percent sign is likely lost"),
                       ("repeated_place", "one multiplier twice"),
                       ("stacked_places", "stacks two multipliers"),
                       ("lost_wan", "no 万 after them"),
                       ("slipped_year", "no year the story could mean")),
    "weekday-mismatch": (("date_likelier", "the date is the likelier"),
                         ("weekday_likelier", "the weekday is the likelier"), ("plain", "")),
    "growth-vs-levels": (("cagr", "compound annual growth"), ("range_bases", "different bases")),
    "shares-sum": (("over_100", "more than 100%"), ("sum_100", "")),
    "parts-vs-total": (("breakdown", "^the parts listed"), ("stated_sum", r"= [\d,.]+, not ")),
    "share-of-total": (("share_slip", "cannot be"), ("share_of_any", "of any total"),
                       ("share_of_named", "is not any amount")),
    "per-unit": (("average", "is not the average"), ("per_times_count", "no stated total")),
    "product": (("market_cap", "the close"), ("factors", "")),
    "fx-implied": (("stated_rate", "the stated rate"), ("dated_rate", r"rate on \d"),
                   ("band", "outside any recent rate")),
    "multiple-vs-levels": (("subscription", "subscription multiple"),
                           ("orders", r"about 10\^"), ("times", "")),
    "fiscal-period-end": (("period_end", ""),), "net-vs-parts": (("net_words", " - "),),
    "currency-slip": (("peers", ""),), "ref-mismatch": (("row", ""),),
    "multiplier-slip": (("peers", ""),),
    "price-magnitude": (("stray_yi", ""),), "multiplier-missing": (("lost", ""),),
    "restated-mismatch": (("scale_slip", r"multiplier 10\^"), ("restated", "")),
    "source-mismatch": (("source", ""),), "source-rounding": (("source", ""),),
    "source-absent": (("source", ""),),
}
_MULT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
         "兆": 10**12}
_NUM = r"\d[\d,]*(?:\.\d+)?"
_FIG = re.compile(rf"\A(?P<pre>\D*)(?P<num>{_NUM})(?P<sp>\s?)(?P<mult>[十百千万萬亿億兆]*)"
                  rf"(?:(?P<num2>{_NUM})(?P<mult2>[千万萬亿億]?))?(?P<post>.*)", re.S)
_RANGE = re.compile(r"\s?(?:至|到|~|～|－|—)\s?(?=\D{0,4}\d)")
_WIDE, _NARROW = "０１２３４５６７８９．", "0123456789."
_PLAIN = re.compile(rf"\A(-?{_NUM})(?: \.\. (-?{_NUM}))?\s?(%|倍|[A-Z]{{3}}\b.*)?")
_FALL = re.compile(r"(?:下降|下跌|下滑|下挫|减少|衰退|萎缩|回落|倒退|收窄|收低|缩水|降低|跌|降|减)"
                   r"[^，。；,;]*$")
_POWERS = {"1": "十", "2": "一百", "3": "一千", "4": "一万", "8": "一亿"}  # 10^n of a slip
WEEKDAYS = "一二三四五六日"


@lru_cache(maxsize=16)  # asked again for every finding of the article
def script_of(text: str) -> str:
    """The script most of its script-specific characters are in; a text with none (or a tie)
    is "zh-Hans", the script every rule folds the article to."""
    trad = simp = 0
    for ch, n in Counter(text).items():  # each distinct character once, weighted by its count
        if "\u3400" <= ch <= "\u9fff":
            t, s = _sides(ch)
            trad += t * n
            simp += s * n
    return "zh-Hant" if trad > simp else "zh-Hans"


@lru_cache(maxsize=8192)
def _sides(ch: str) -> tuple[bool, bool]:
    """(Traditional-only, Simplified-only): 億 changes under t2s, 亿 under s2hk; 台 neither."""
    return _T2S.convert(ch) != ch, ch in _hans_only()


def to_script(s: str, lang: str) -> str:  # s2tw (兌, 為), but 台 as TW and HK media write it
    return _s2tw().convert(s).replace("臺", "台") if lang == "zh-Hant" else _T2S.convert(s)


def format_like(value: Any, written: str) -> str:
    """``value`` in base units (116390000000) written like ``written`` (1,163.9億美元): its
    currency word, multiplier (another rung only when it would read 0.x亿 or be a 万/亿 slip),
    compound form (5兆9,926億元), grouping, decimals and unit; not its qualifiers (约, 左右),
    since the value is computed. A string (周二, 12月8日) is already written: as is."""
    if isinstance(value, str):
        return value
    x = Decimal(value)
    wide = any(c in _WIDE[:10] for c in written)
    head, *rest = _RANGE.split(written.translate(str.maketrans(_WIDE, _NARROW)))
    w = rest[-1] if rest else head  # 720億至760億美元: the last end carries the unit
    if "百分之" in w or not re.search(r"\d", w.lstrip("".join(_MULT))):
        w = "1%" if "百分之" in w else "1" + w if w[:1] in _MULT else "1"  # 千億元: one 千億
    m = _FIG.fullmatch(w)
    pre = _currency_word(re.match(r"\D*", head).group())
    post, sign, x = re.sub(r"(?:左右|以上|以下|多|余|餘)$", "", m["post"]), "-" * (x < 0), abs(x)
    if m["num2"] and m["mult"]:  # 3亿7739万令吉, 1萬8237棟: the same two words
        whole, part = divmod(x, _factor(m["mult"]))
        body = (f"{whole:.0f}{m['mult']}" if whole else "") + _digits(
            part / _factor(m["mult2"]), m["num2"], 4) + m["mult2"]
    else:
        post = (m["num2"] or "") + (m["mult2"] or "") + post
        mult = _rung(x, m["mult"], Decimal(m["num"].replace(",", "")))
        body = _digits(x / _factor(mult), m["num"], len(m["num"].split(".")[0])) + m["sp"] + mult
    out = pre + sign + body + post
    return out.translate(str.maketrans(_NARROW, _WIDE)) if wide else out


def _factor(mult: str) -> Decimal:
    return Decimal(math.prod(_MULT[ch] for ch in mult))


def _rung(x: Decimal, mult: str, written: Decimal) -> str:
    """The written multiplier, unless the value reads below 1 in it or 1000 times the figure
    and 10^4 (a 万/亿 slip): then the largest rung of its script's ladder that fits."""
    top = "萬億" if "萬億" in mult else "兆"
    ladder = ["", "万", "亿", "万亿"] if set(mult) & set("万亿") else \
        ["", "萬", "億", top] if set(mult) & set("萬億兆") else [mult]
    scaled = x / _factor(mult)
    if len(ladder) == 1 or mult in ladder and (scaled >= 1 or not x) \
            and not (scaled >= 10**4 and scaled >= written * 1000):
        return mult
    return ([r for r in ladder if x >= _factor(r)] or [""])[-1]


def _digits(x: Decimal, num: str, int_digits: int) -> str:
    """``x`` with the decimals of ``num`` (more while rounding moves it over 5%), grouped
    as ``num``, or when longer than it and 5 digits (5,000,000股: never a long run)."""
    d = len(num.partition(".")[2])
    q = x.quantize(Decimal(1).scaleb(-d), ROUND_HALF_UP)
    while d < 4 and x and (not q or abs(q - x) > x / 20):
        d += 1
        q = x.quantize(Decimal(1).scaleb(-d), ROUND_HALF_UP)
    group = "," in num or len(f"{q:.0f}") > max(5, int_digits)
    return f"{q:,.{d}f}" if group else f"{q:.{d}f}"


@lru_cache(maxsize=8)
def _rows(name: str) -> tuple[dict[str, str], ...]:
    with (LEXICON_DIR / name).open(encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _currencies() -> tuple[tuple[str, str], ...]:
    """(form, code) of the Chinese currency words of lexicon/currencies.csv, in file order."""
    return tuple((r["form"], r["code"]) for r in _rows("currencies.csv") if len(r["form"]) >= 2
                 and not r["form"].isascii() and r["position"] in ("post", "both")
                 and len(r["code"]) == 3)


def _currency_word(pre: str) -> str:
    """The currency word of a prefix (约合人民币 -> 人民币, 新台幣): the rest qualifies."""
    folded = fold(pre)
    hits = [folded.find(form) for form, _ in _currencies() if form in folded]
    return pre[min(hits):] if hits else ""


def currency_name(code: str, lang: str) -> str:
    """USD -> 美元; the code itself when the lexicon has no Chinese name for it."""
    return to_script(next((f for f, c in _currencies() if c == code), code), lang)


@lru_cache(maxsize=1)
def templates() -> dict[tuple[str, str], dict[str, str]]:
    """(rule, case) -> {lang: template}; a row's ``case`` may list several cases."""
    return {(r["rule"], case): {"zh-Hans": r["zh_hans"], "zh-Hant": r["zh_hant"]}
            for r in _rows("messages.csv") for case in r["case"].split()}


def case_of(finding: Finding) -> str:
    if "relation" in finding.evidence:
        return str(finding.evidence["relation"])
    return next((case for case, cue in CASES.get(finding.rule, ())
                 if re.search(cue, finding.message)), "generic")


def localize(finding: Finding, text: str, lang: str) -> str:
    """The finding's message in ``lang``: its case's template, else (no row, or a value the
    finding does not carry) the rule's generic one, which names the figure only."""
    if lang == "en":
        return finding.message
    if lang not in ("zh-Hans", "zh-Hant"):
        raise ValueError(f"unknown language {lang!r}")
    try:
        fields = _fields(finding, text, lang)
    except (KeyError, ValueError, TypeError, IndexError):  # evidence of an unexpected shape
        spans = [text[a:b] for a, b in finding.spans]
        fields = {"figure": spans[0], "others": "、".join(dict.fromkeys(spans[1:]))}
    table, out = templates(), ""
    for case in (case_of(finding), "generic"):
        with contextlib.suppress(KeyError):  # a placeholder this finding cannot fill
            out = out or table.get((finding.rule, case), {}).get(lang, "").format_map(fields)
    if hint := re.search(r"off by a factor of about (?:\D*10\^(\d)|(1)0x)", finding.message):
        power = to_script(_POWERS[hint[1] or hint[2]], lang)
        out += table[("*", "magnitude")][lang].format(power=power)
    if " as written (it holds if" in finding.message:
        out += table[("*", "rounding")][lang]
    return out


def _fields(f: Finding, text: str, lang: str) -> dict[str, Any]:
    """Every placeholder this finding can fill; a template naming another is not used."""
    figure = text[f.spans[0][0]:f.spans[0][1]]
    spans, mentions = [text[a:b] for a, b in f.spans], [m.text for m in f.mentions]
    cross = script_of(text) != lang  # values written here follow lang; quoted figures do not

    def article(s: str) -> str:
        return to_script(s, lang) if cross else s

    def value(raw: str, model: str) -> str | None:
        """A computed value (5,000,000; 62.4898 .. 62.4973) written like ``model``; None for
        no number, a wide interval, or a rate against a figure in 倍."""
        if raw in mentions or raw in spans:
            return raw
        m = _PLAIN.fullmatch(raw.strip())
        if m is None or (model.rstrip().endswith("倍") and m[3] != "倍"):
            return None
        lo = Decimal(m[1].replace(",", ""))
        hi = Decimal(m[2].replace(",", "")) if m[2] else lo
        if hi - lo > abs(lo + hi) / 4:
            return None  # an interval this wide says little about what the figure should be
        if lo + hi < 0 and _FALL.search(fold(text[max(0, f.spans[0][0] - 12):f.spans[0][0]])):
            lo, hi = -hi, -lo  # 下降12%: the figure is the size of the fall
        approx = format_like(lo, model) != format_like(hi, model)
        return to_script("约", lang) * approx + article(format_like((lo + hi) / 2, model))

    out: dict[str, Any] = {"figure": figure, "others": "、".join(dict.fromkeys(spans[1:])),
                           "last": mentions[-1] if mentions else figure}
    out.update({f"f{i}": s for i, s in enumerate(spans) if i})
    out.update({f"m{i}": s for i, s in enumerate(mentions)})
    model = f.found if f.found in mentions and f.found != figure else figure
    for key, raw in (("expected", f.expected), ("found", f.found)):
        if (v := value(raw, model if key == "expected" else figure)) is not None:
            out[key] = v
    arithmetic = str(f.evidence.get("arithmetic", ""))  # 83% + 27%, or raw values (not shown)
    longest = max((len(r) for s in mentions for r in re.findall(r"\d+", s)), default=0)
    if arithmetic and max(map(len, re.findall(r"\d+", arithmetic)), default=0) <= longest:
        out["arithmetic"] = arithmetic.replace(" x ", " × ")
    out.update(_roles(f, spans))
    ev, msg = f.evidence, f.message
    if f.rule == "weekday-mismatch":
        out.update(date=spans[1], suggestion=article(f.expected),
                   weekday=article(_weekday(figure, str(ev["date"]))))
    elif f.rule == "fused-year":
        out.update(year=str(ev["year"]), remaining=_remaining(figure, ev, lang, cross))
    elif f.rule == "today-mismatch":
        out.update({k: str(ev[k]) for k in ("story_year", "today", "day") if k in ev})
        out["likely"] = article(f.expected)
    elif f.rule == "garbled-number" and "likely_year" in ev:
        out["likely"] = article(f.expected)
    elif f.rule == "garbled-number" and "days" in ev:
        out.update(month=str(ev["month"]), days=str(ev["days"]))
    elif f.rule == "garbled-number" and "group" in ev:
        out.update(group=str(ev["group"]), place=to_script(str(ev["place"]), lang),
                   len=str(len(str(ev["group"]))))
    elif f.rule == "fiscal-period-end":
        out["expected"] = article(_written_like(figure, dt.date.fromisoformat(f.expected)))
    elif f.rule == "fx-implied":  # rates as 1美元兑8.3525人民币, the row's day as 2025年12月9日
        for key, raw in (("implied", f.found), ("rate", f.expected)):
            if m := re.match(r"([\d.]+(?:–[\d.]+)?) ([A-Z]{3}) per ([A-Z]{3})", raw):
                base, quote = (currency_name(c, "zh-Hans") for c in (m[3], m[2]))
                out[key] = to_script(f"1{base}兑{m[1].replace('–', '至')}{quote}", lang)
        basis = str(ev.get("rate_basis", ""))
        if stated := re.match(r"the stated rate (.+)", basis):
            out["stated"] = stated[1]
        if day := re.search(r"on (\d{4}-\d\d-\d\d)", basis):
            out["day"] = _period(day[1], lang)
        if tol := re.search(r"\(±([\d.]+%)\)", f.expected):
            out["tolerance"] = "±" + tol[1]
    elif f.rule == "multiplier-slip":
        out.update(likely=article(f.expected), scale=to_script(str(ev["scale"]), lang))
    elif f.rule == "currency-slip":
        from .checks.currency_slip import per_usd

        read_as = re.search(r"\((\w+)\)$", f.found)[1]
        factor = per_usd()[read_as] / per_usd()[f.expected]
        out.update(read_as=currency_name(read_as, lang), meant=currency_name(f.expected, lang),
                   times=f"{max(factor, 1 / factor):.0f}", size="小" if factor > 1 else "大")
    elif f.rule == "net-vs-parts" and (words := re.match(r"(\S+) .+ is not (\S+) .+ - (\S+) ",
                                                         msg)):
        out.update(zip(("net", "plus", "minus"), (to_script(w, lang) for w in words.groups()),
                       strict=True))
    elif f.rule == "growth-vs-levels" and " vs " in f.found:
        ends = [value(b, spans[1]) for b in f.found.split(" vs ")]
        out["bases"] = to_script("与", lang).join(e for e in ends if e)
    elif f.rule.startswith("source-"):
        out.update(source_figure=str(ev.get("source_figure", "")), cue=str(ev.get("cue", "")),
                   where=str(ev.get("source_location", "")), expected=f.expected)
    elif f.rule == "ref-mismatch":
        period = _period(str(ev.get("period", "")), lang)
        out["period_note"] = f"（{period}）" if period else ""
        tol = Decimal(str(ev.get("tolerance", 0))) * 100
        out["tolerance"] = to_script(f"（容差±{tol.normalize():f}%）", lang) if tol else ""
    if power := re.search(r"10\^(\d+)", msg + f.expected):
        out.update(power=to_script(_POWERS.get(power[1], "十"), lang), n=power[1],
                   direction=to_script("缩小" if "smaller" in msg else "放大", lang))
    return out


def _weekday(figure: str, iso: str) -> str:  # 周一 -> 周二, 星期四 -> 星期三
    return figure[:-1] + WEEKDAYS[dt.date.fromisoformat(iso).isoweekday() - 1]


def _remaining(figure: str, ev: dict[str, Any], lang: str, cross: bool) -> str:
    year = str(ev["year"])  # the amount after the year as written: 20262,500億元 -> 2,500億元
    rest = figure[len(year):] if figure.startswith(year) else str(ev["remaining_digits"])
    return to_script(rest, lang) if cross else rest


def _roles(f: Finding, spans: list[str]) -> dict[str, str]:
    """An engine finding's figures by role, read back through its row's English template;
    the formula's other roles take the remaining spans in order."""
    row = next((r for r in _rows("relations.csv") if r["name"] == f.evidence.get("relation")),
               None)
    if row is None:
        return {}
    parts: list[str] = []
    for literal, name, _, _ in string.Formatter().parse(row["message"]):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P={name})" if f"<{name}>" in "".join(parts) else f"(?P<{name}>.+?)")
    m = re.match("".join(parts) + r"(?=;| as written|$)", f.message)
    roles = dict(m.groupdict()) if m else {}
    formula = str(f.evidence.get("formula", row["formula"]))
    names = [n for n in dict.fromkeys(re.findall(r"[A-Za-z_]\w*", formula)) if n not in roles]
    roles.update(zip(names, [s for s in spans if s not in roles.values()], strict=False))
    return roles


def _period(period: str, lang: str) -> str:
    """A reference period in words (2024年, 2026财年第3季, 2025年12月8日); "" for others."""
    forms = ((r"(\d{4})-(\d\d)-(\d\d)", "{}年{}月{}日"), (r"(\d{4})", "{}年"),
             (r"FY(\d{4})Q([1-4])", "{}财年第{}季"), (r"FY(\d{4})", "{}财年"),
             (r"(\d{4})Q([1-4])", "{}年第{}季"))
    for pattern, form in forms:
        if (m := re.fullmatch(pattern, period)) is not None:
            return to_script(form.format(*(int(g) for g in m.groups())), lang)
    return ""


_EN = {"change": "Change to {value}?", "change_other": "Change {target} to {value}?",
       "check_date": "Check the date: should {date} be {value}?", "currency": "Read {target} "
       "in {value}?", "weekday_if_date_ok": "If the date is right, change to {value}?",
       "sign": "Should {target} go the other way?", "fused": "Split into {year}年 and {value}?",
       "fused_lost": "Restore the amount after {year}年?"}


def next_step(finding: Finding, text: str, lang: str) -> str | None:
    """A short question proposing the fix the finding names: its suggestion "A is likely B"
    (改為 B？), a weekday or date fix, a fused year split; None when it names none. When the
    reported closes make the date the likelier error, the step is to check the date."""
    ev, figure = finding.evidence, text[finding.spans[0][0]:finding.spans[0][1]]
    likely = re.fullmatch(r"(.+) is likely (.+)", str(ev.get("suggestion", "")))
    fields, step = {"target": figure}, None
    if finding.rule == "weekday-mismatch":
        fields["date"] = text[finding.spans[1][0]:finding.spans[1][1]]
        if "the date is the likelier" in finding.message:
            step, fields["value"] = "check_date", finding.expected
        else:
            step = "change" if likely else "weekday_if_date_ok"
            fields["value"] = _weekday(figure, str(ev["date"]))
    elif str(ev.get("suggestion", "")).endswith(" likely goes the other way"):
        step, fields["target"] = "sign", str(ev["suggestion"]).split(" likely goes")[0]
    elif likely and (code := re.fullmatch(r"in ([A-Z]{3})", likely[2])):
        name = code[1] if lang == "en" else currency_name(code[1], lang)
        step, fields["value"] = ("change", figure[:-1] + name) if figure.endswith("元") \
            and name.endswith("元") else ("currency", name)  # 702.2億元 -> 702.2億美元
    elif likely:
        step = "change" if likely[1] == figure else "change_other"
        fields.update(target=likely[1], value=likely[2])
    elif finding.rule == "fused-year":
        rest = _remaining(figure, ev, lang, lang != "en" and script_of(text) != lang)
        step = "fused_lost" if "looks lost" in finding.message else "fused"
        fields.update(year=str(ev["year"]), value=rest)
    if step is None:
        return None
    if lang == "en":
        return _EN[step].format_map(fields)
    if script_of(text) != lang and step in ("change", "change_other", "check_date",
                                            "weekday_if_date_ok"):
        fields["value"] = to_script(fields["value"], lang)
    return templates()[("*", "next_" + step)][lang].format_map(fields)
