"""Stage 3: findings — what reference data and the article's own arithmetic contradict.

Every rule compares intervals, never points (as statcheck and GRIM do for reported
statistics): a relation is consistent when some values inside the stated intervals satisfy
it. For checking, a whole number's trailing zeros are not taken as significant (``1,300億``
may be a rounding of 1,305億), so the check interval is at least half a unit of the lowest
non-zero digit. A mismatch at rounding level is a ``warning``; a clear contradiction is an
``error``. Each finding carries its evidence: the figures as written, the arithmetic, the
expected and found values, and for reference findings the row, its source and tolerance.

Rule ids are public API (see RULES); do not rename them.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .claims import Claim, link, metric_after
from .extract import extract
from .lexicon import LEXICON_DIR
from .model import Mention
from .numerals import read_number
from .reference import Reference, load_reference
from .textfold import fold
from .units import convert

RULES: dict[str, tuple[str, str]] = {
    # id: (kind, what it flags)
    "fused-year": ("garbled", "a year fused into an amount (到20300億美元 for 2030年…億美元)"),
    "weekday-mismatch": ("date", "a date and the weekday stated for the same day disagree"),
    "fiscal-period-end": ("date", "a period end that contradicts the company's fiscal calendar"),
    "growth-vs-levels": ("arithmetic", "a growth rate that the two levels it relates do not give"),
    "shares-sum": ("arithmetic", "shares of one total that do not add up to 100%"),
    "parts-vs-total": ("arithmetic", "parts listed after 其中 that do not add up to the total"),
    "change-vs-levels": ("arithmetic", "a stated change that is not the difference of levels"),
    "pp-vs-levels": ("arithmetic", "a change in pp that the two stated rates do not give"),
    "net-vs-parts": ("arithmetic", "a net figure (顺差, 净申购) that is not plus minus minus"),
    "share-of-total": ("arithmetic", "an amount that is not its stated share of the total"),
    "per-unit": ("arithmetic", "a per-share (per-unit) figure, a count and a total that disagree"),
    "product": ("arithmetic", "a total that is not the product of its stated factors"),
    "fx-implied": ("arithmetic", "a currency conversion whose implied rate is off the dated rate"),
    "multiple-vs-levels": ("arithmetic", "an N倍 comparison the two stated figures do not give"),
    "index-points": ("arithmetic", "an index move in points, percent and close that disagree"),
    "ratio-metric": ("arithmetic", "a margin (毛利率, 纯益率) its profit and revenue do not give"),
    "sub-period": ("arithmetic", "a month or quarter that exceeds the period containing it"),
    "ref-mismatch": ("reference", "a figure that contradicts the matching reference row"),
    "restated-mismatch": ("internal", "one metric stated twice with incompatible values"),
}
SEVERITIES = ("error", "warning", "info")

SESSION_BEFORE = re.compile(r"(?:美东时间|美国时间|当地时间|北京时间|美股|纽约时间)\s?$")
SESSION_AFTER = re.compile(r"^[，,\s]*(?:美股)?(?:开盘|收盘|盘中|盘前|盘后|交易|早盘|尾盘|美股)")
YEAR_INTRO = re.compile(r"(?:到|至|在|于|截至|截止|预计|预期|将在)\s?$")
SHARE_SOURCE = re.compile(r"^的?[\u4e00-\u9fff]{0,4}?(?:来自|源自|来源于)")
PER_WORD = re.compile(r"(?:每|对应|相当于)")
TOTAL_WORD = re.compile(r"(?:就是|即|共|共计|合计|总计|总共|一共|相当于)\s?$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One flag: the rule, how bad, where (first span = the claim flagged), and why."""

    rule: str
    severity: str
    spans: list[tuple[int, int]]
    message: str
    expected: str
    found: str
    mentions: tuple[Mention, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return RULES[self.rule][0]

    def as_json(self) -> dict[str, Any]:
        out = {
            "rule": self.rule, "kind": self.kind, "severity": self.severity,
            "spans": [list(s) for s in self.spans], "message": self.message,
            "expected": self.expected, "found": self.found,
        }
        if self.evidence:
            out["evidence"] = {k: str(v) for k, v in self.evidence.items()}
        return out


class CheckedLog(set):
    """Starts of the mentions some rule checked; each update is one relation bound and evaluated.

    The groups let a benchmark ask whether the checker assembled a given relation at all,
    whatever its verdict, which is the linker's reach.
    """

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.groups: list[frozenset[int]] = []

    def update(self, *iterables: Any) -> None:
        items: set[int] = set().union(*iterables)
        self.groups.append(frozenset(items))
        super().update(items)

    def add(self, item: int) -> None:
        self.groups.append(frozenset((item,)))
        super().add(item)


@dataclass
class Report:
    """Findings for one document, plus the coverage editors ask for."""

    text: str
    mentions: list[Mention]
    claims: list[Claim]
    findings: list[Finding]
    checked: CheckedLog = field(default_factory=CheckedLog)  # starts of mentions some rule checked
    confirmed: list[dict[str, Any]] = field(default_factory=list)  # relations that hold

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}


# ---------------------------------------------------------------------------------------------
def check_text(text: str, reference: Reference | None = None) -> Report:
    """Extract, link and check one article.

    >>> r = check_text("營收570.06億美元，較上年同期的350.82億美元增長72%。")
    >>> [(f.rule, f.severity) for f in r.findings]
    [('growth-vs-levels', 'error')]
    """
    reference = reference if reference is not None else load_reference()
    mentions = extract(text)
    claims = link(text, mentions, reference)
    return check(text, claims, reference)


def check(text: str, claims: list[Claim], reference: Reference) -> Report:
    """Run every rule over the claims of one document."""
    folded = fold(text)
    report = Report(text, [c.mention for c in claims], claims, [])
    for rule in PASSES:
        rule(folded, claims, reference, report)
    seen: set[tuple[str, frozenset[tuple[int, int]]]] = set()
    unique = []
    for f in report.findings:  # two openers may reach the same sum: report it once
        key = (f.rule, frozenset(map(tuple, f.spans)))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    report.findings[:] = unique
    report.findings.sort(key=lambda f: (f.spans[0][0], f.rule))
    return report


# ---------------------------------------------------------------------------------------------
# Interval helpers
def check_interval(m: Mention, lenient: bool = False) -> tuple[Decimal | None, Decimal | None]:
    """The mention's interval as written, or (``lenient``) widened as if a whole number's
    trailing zeros were a rounding (1,300億 may stand for 1,305億): by up to half a unit of
    the lowest non-zero digit, but never by more than 1% of the value."""
    lo, hi = m.lo, m.hi
    if m.qualifier == "approx" and not lenient and m.value is not None and lo is not None:
        # 约 as written allows 5%; a relation that needs more than 2% of it is a warning
        value = Decimal(m.value)
        width = max((m.precision or Decimal(0)) / 2, abs(value) * APPROX_STRICT)
        return max(lo, value - width), min(hi, value + width)
    if not lenient or lo is None or hi is None or m.qualifier != "exact" or not m.number_text:
        return lo, hi
    reading = read_number(fold(m.number_text))
    if reading is None or not reading.ulp or reading.lowest <= reading.ulp:
        return lo, hi
    center = (lo + hi) / 2
    half = min((hi - lo) / 2 * reading.lowest / reading.ulp,
               max((hi - lo) / 2, abs(center) * LENIENT_SHARE))
    return center - half, center + half


LENIENT_SHARE = Decimal("0.01")
APPROX_STRICT = Decimal("0.02")


def _any_fit(candidates: list[Any], fits: Any) -> tuple[bool, bool]:
    """Whether some candidate satisfies ``fits(candidate, lenient)`` with the intervals as
    written (strict), and whether one does at least when trailing zeros are read as a
    rounding (lenient). ``fits`` returns False when an interval is open."""
    strict = lenient = False
    for candidate in candidates:
        for flag in (False, True):
            if fits(candidate, flag):
                strict = strict or not flag
                lenient = True
    return strict, lenient


PRODUCT_SLACK = Decimal("0.01")


def _product_fits(a: tuple[Decimal, Decimal], b: tuple[Decimal, Decimal],
                  total: tuple[Decimal | None, Decimal | None], lenient: bool,
                  factor: Decimal = Decimal(1)) -> bool:
    """Whether a x b (x factor) can be the total; leniently it may be 1% off, for a total
    the article rounded from unrounded factors."""
    slack = PRODUCT_SLACK if lenient else Decimal(0)
    return _overlap((a[0] * b[0] * factor * (1 - slack), a[1] * b[1] * factor * (1 + slack)),
                    total)


def _center(lo: Decimal | None, hi: Decimal | None) -> Decimal | None:
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    return lo if lo is not None else hi


def _overlap(a: tuple[Decimal | None, Decimal | None],
             b: tuple[Decimal | None, Decimal | None]) -> bool:
    alo, ahi = a
    blo, bhi = b
    if alo is not None and bhi is not None and alo > bhi:
        return False
    return not (blo is not None and ahi is not None and blo > ahi)


def _fmt(d: Decimal | None, places: int = 2) -> str:
    if d is None:
        return "open"
    q = d.quantize(Decimal(1).scaleb(-places)) if abs(d) < 10**12 else d
    text = f"{q:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _span(m: Mention) -> tuple[int, int]:
    return (m.start, m.end)


def _severity(found: Decimal, expected: Decimal, rounding: Decimal) -> str:
    """Rounding-level misses are warnings; anything further off is an error."""
    gap = abs(found - expected)
    if gap <= max(rounding * 2, abs(expected) * Decimal("0.01")):
        return "warning"
    return "error"


def _magnitude_hint(ratio: Decimal) -> str:
    for power, words in ((4, "万 vs 亿 (10^4)"), (8, "亿 vs 兆/万亿 (10^8)"), (3, "10^3"),
                         (2, "10^2"), (1, "10x")):
        for sign in (1, -1):
            target = Decimal(10) ** (power * sign)
            if target * Decimal("0.8") <= ratio <= target * Decimal("1.25"):
                return f"; off by a factor of about {words}: a multiplier slip (万/亿) is likely"
    return ""


# ---------------------------------------------------------------------------------------------
# Rules
def _fused_year(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    amounts = [c.mention for c in claims if c.mention.kind in ("money", "count")]
    for m in amounts:
        digits = m.number_text.replace(" ", "")
        head = re.match(r"\d+", digits)
        if head is None or len(head.group()) < 5 or "," in digits:
            continue
        year = int(head.group()[:4])
        if not 1990 <= year <= 2100:
            continue
        rest = head.group()[4:]
        before = folded[max(0, m.start - 4):m.start]
        others = [o.value for o in amounts if o is not m and o.unit == m.unit
                  and isinstance(o.value, Decimal | int) and o.value]
        outlier = bool(others) and isinstance(m.value, Decimal | int) and \
            m.value >= 20 * max(Decimal(o) for o in others)
        if not (YEAR_INTRO.search(before) or outlier):
            continue
        tail = m.text[m.text.find(head.group()) + len(head.group()):]
        reading = f"{year}年 + {rest}{tail}"
        note = " (the amount after the year looks lost)" if rest.strip("0") == "" else ""
        report.findings.append(Finding(
            "fused-year", "error", [_span(m)],
            f"{m.text} looks like the year {year} fused into an amount: likely {reading}{note}",
            expected=f"a year ({year}年) followed by an amount", found=m.text,
            mentions=(m,), evidence={"year": year, "remaining_digits": rest}))
        report.checked.add(m.start)
    _fused_grouped(folded, claims, report)


FUSED_GROUPED = re.compile(r"(?<![\d.,])(?P<year>(?:19|20)\d{2})(?P<rest>\d{1,3})"
                           r"(?P<groups>(?:,\d{3})+(?:\.\d+)?)")


def _fused_grouped(folded: str, claims: list[Claim], report: Report) -> None:
    """20262,500亿元 (2026年 + 2,500亿元): a thousands group after five digits is no number;
    the extraction reads 20262 and 500亿元, the text is the year fused into the amount."""
    for hit in FUSED_GROUPED.finditer(folded):
        tails = [c.mention for c in claims if hit.start() < c.mention.start < hit.end()
                 and c.mention.kind in ("money", "count") and c.mention.end > hit.end()]
        if not tails:
            continue
        tail = tails[0]
        amount = hit.group("rest") + hit.group("groups") + folded[hit.end():tail.end]
        text = report.text[hit.start():tail.end]
        report.checked.add(tail.start)
        report.findings.append(Finding(
            "fused-year", "error", [(hit.start(), tail.end)],
            f"{text} looks like the year {hit.group('year')} fused into an amount: likely "
            f"{hit.group('year')}年 + {amount}",
            expected=f"a year ({hit.group('year')}年) followed by an amount", found=text,
            mentions=(tail,), evidence={"year": hit.group("year"), "remaining_digits": amount}))


def _weekday(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    dates = [c.mention for c in claims if c.mention.kind == "date"]
    likely = _likely_year(claims)
    days = []
    for m in dates:
        if "weekday" in m.extra or not isinstance(m.value, str):
            continue
        if len(m.value) == 10:
            days.append(m)
        elif m.value.startswith("--") and likely:
            # 11月18日（周二） with no full date: test against the year the document
            # mentions most (2025年第三季度); the extraction itself keeps --11-18
            try:
                dt.date.fromisoformat(f"{likely}{m.value[1:]}")
            except ValueError:
                continue
            days.append(replace(m, value=f"{likely}{m.value[1:]}", extra={**m.extra,
                                "year_from": f"most-mentioned year {likely}"}))
    weekdays = [m for m in dates if "weekday" in m.extra]
    for w in weekdays:
        para = next((c.paragraph for c in claims if c.mention is w), (0, len(folded)))
        target = None
        # (a) written next to each other: 12月9日（周一）, 周一（12月9日）
        for d in days:
            if 0 <= w.start - d.end <= 3 or 0 <= d.start - w.end <= 3:
                target, how = d, "written next to it"
                break
        # (b) the same trading session: 美东时间12月9日 … 周一盘中
        if target is None and SESSION_AFTER.match(folded[w.end:w.end + 6]):
            earlier = [d for d in days if para[0] <= d.start < w.start]
            if earlier:
                d = earlier[-1]
                if SESSION_BEFORE.search(folded[max(0, d.start - 6):d.start]) or \
                        SESSION_AFTER.match(folded[d.end:d.end + 8]):
                    target, how = d, "both describe the same trading session"
        if target is None:
            continue
        day = dt.date.fromisoformat(target.value)
        stated = int(w.extra["weekday"])
        report.checked.update({w.start, target.start})
        if day.isoweekday() == stated or _other_year_fits(target, day, stated, days):
            continue
        names = "一二三四五六日"
        verdict = _which_day(claims, ref, para, day, stated)
        report.findings.append(Finding(
            "weekday-mismatch", "error", [_span(w), _span(target)],
            f"{w.text} does not fit {target.text} ({how}): {target.value} is a "
            f"{day.strftime('%A')} (周{names[day.isoweekday() - 1]}){verdict}",
            expected=f"周{names[day.isoweekday() - 1]}", found=w.text, mentions=(w, target),
            evidence={"date": target.value}))


SESSION_METRICS = ("close_change_pct", "close", "close_change")


def _which_day(claims: list[Claim], ref: Reference, para: tuple[int, int], day: dt.date,
               weekday: int) -> str:
    """Which of the two is wrong, when reference rows can tell: the closes the paragraph
    reports (道指跌0.45%, 纳指跌0.14%) are compared with the rows of the written date and of
    the date in the same week that has the written weekday."""
    other = day + dt.timedelta(days=weekday - day.isoweekday())
    votes = {day: [], other: []}
    for c in claims:
        m = c.mention
        if not (para[0] <= m.start < para[1]) or not c.entity or c.metric not in SESSION_METRICS:
            continue
        lo, hi = c.signed_interval
        for when in votes:
            for row in ref.lookup(c.entity, c.metric, when.isoformat()):
                tol = abs(row.value) * (row.tolerance or Decimal(0))
                if _overlap((lo, hi), (row.value - tol, row.value + tol)):
                    votes[when].append(m.text)
    if len(votes[other]) > len(votes[day]):
        return (f"; the reported closes ({', '.join(votes[other][:4])}) match the reference rows "
                f"for {other.isoformat()}, a {other.strftime('%A')}, and not those for "
                f"{day.isoformat()}: the date is the likelier error")
    if len(votes[day]) > len(votes[other]):
        return (f"; the reported closes ({', '.join(votes[day][:4])}) match the reference rows "
                f"for {day.isoformat()}: the weekday is the likelier error")
    return ""


def _other_year_fits(target: Mention, day: dt.date, weekday: int, days: list[Mention]) -> bool:
    """A month-day written without its year (除息基准日订于3月18日（周三）) took the year
    of an earlier mention (2025年12月); when the weekday fits the same month-day in the
    dateline's year (or the next, for a month-day before the dateline's), the year is what
    is ambiguous, not the weekday."""
    if re.search(r"\d{2,4}\s?年|[〇零一二三四五六七八九]{2,4}年", target.text):
        return False
    anchors = [dt.date.fromisoformat(d.value) for d in days
               if re.search(r"\d{4}\s?年", d.text) and isinstance(d.value, str)]
    if not anchors:
        return False
    anchor = anchors[0]  # the dateline: a bare month-day is at most a year after it
    year = anchor.year + (1 if (day.month, day.day) < (anchor.month, anchor.day) else 0)
    for candidate in {anchor.year, year} - {day.year}:
        try:
            other = day.replace(year=candidate)
        except ValueError:
            continue
        if other.isoweekday() == weekday:
            return True
    return False


PERIOD_AFTER_DATE = re.compile(r"(?:止)?\s?(?:的|之)?\s?$")


def _fiscal_end(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """截至2025年10月27日的第三财季 for Nvidia, whose FY2026Q3 ended on 2025-10-26: a period
    end that the company's fiscal calendar (``period_end`` reference rows) contradicts."""
    for i, c in enumerate(claims[:-1]):
        d, nxt = c.mention, claims[i + 1]
        if d.kind != "date" or not isinstance(d.value, str) or "weekday" in d.extra:
            continue
        if nxt.mention.kind != "period" or not PERIOD_AFTER_DATE.fullmatch(
                folded[d.end:nxt.mention.start]) or nxt.mention.start - d.end > 3:
            continue
        entity = nxt.entity or c.entity
        key = fold(nxt.mention.text).replace(" ", "")
        period = ref.period_aliases.get((entity, key)) if entity else None
        if not period:
            continue
        for row in ref.lookup(entity, "period_end", period):
            end = str(int(row.value))
            expected = f"{end[:4]}-{end[4:6]}-{end[6:]}"
            stated = d.value if len(d.value) == 10 else f"{end[:4]}{d.value[1:]}"
            report.checked.update({d.start, nxt.mention.start})
            if stated == expected:
                continue
            report.findings.append(Finding(
                "fiscal-period-end", "error", [_span(d), _span(nxt.mention)],
                f"{d.text} is not the end of {entity}'s {nxt.mention.text} ({period}): it ended "
                f"on {expected} per {row.row_id} ({row.source})",
                expected=expected, found=d.text, mentions=(d, nxt.mention),
                evidence={"reference_row": row.row_id, "source": row.source,
                          "entity": entity, "period": period}))


FULL_STOP = re.compile(r"[。！？!?\n]")
BASE_MARK = re.compile(
    r"(?:(?P<yoy>上年同期|去年同期|上年|去年|按年)|(?P<qoq>上季|前一季|上一季|上季度|第[一二三四1-4]季度?)"
    r"|(?P<mom>上月|前月|上个月|(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?)"
    r"|(?P<day>上日|前一日|前一交易日|昨日|上一交易日))"
    r"(?:[\u4e00-\u9fff]{0,4}?)(?:为|的|是)?\s?$")
LABEL_NUMBER = re.compile(
    r"(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])(?=月)|第([一二三四1-4])季")
def _likely_year(claims: list[Claim]) -> int | None:
    years: dict[int, int] = {}
    for c in claims:
        v = c.mention.value
        y = None
        if c.mention.kind == "year" and isinstance(v, int | Decimal):
            y = int(v)
        elif c.mention.kind in ("period", "date") and isinstance(v, str) and v[:4].isdigit():
            y = int(v[:4])
        if y and 1900 <= y <= 2100:
            years[y] = years.get(y, 0) + 1
    if not years:
        return None
    ranked = sorted(years, key=lambda y: (-years[y], y))
    if len(ranked) > 1 and years[ranked[0]] == years[ranked[1]]:
        return None  # 2021年 as often as 2022年: a bare month-day's year is unknowable
    return ranked[0]


RESPECTIVELY = re.compile(r"(?P<labels>[^，,。；;：:]{2,30}?)分别(?:为|是|达到?|约为|录得)\s?")
LIST_SEP = re.compile(r"及|和|与|、|，|,")


def _respective_label(folded: str, m: Mention, claim: Claim) -> str | None:
    """10月及去年同月分别为132.7亿元及177.2亿元: the label of the i-th figure of a 分别 list
    is the i-th label before 分别."""
    clause = folded[claim.sentence[0]:m.start]
    hits = list(RESPECTIVELY.finditer(clause))
    if not hits:
        return None
    hit = hits[-1]
    gap = clause[hit.end():]
    if re.search(r"[。；;]", gap) or len(gap) > 40:
        return None
    index = len(LIST_SEP.findall(re.sub(r"[\d.,]+", "", gap)))
    labels = [x for x in LIST_SEP.split(hit.group("labels")) if x]
    return labels[index].strip() if index < len(labels) else None


def _base_label(folded: str, m: Mention, claim: Claim) -> tuple[str | None, int | None]:
    """The earlier-period marker before a figure, and for a month or quarter label (10月,
    第二季) its number, so that labelled figures can be ordered."""
    before = folded[max(claim.sentence[0], m.start - 16):m.start]
    respective = _respective_label(folded, m, claim)
    if respective is not None:
        before = respective + "为"
    mark = BASE_MARK.search(before)
    if mark:
        label = LABEL_NUMBER.search(mark.group())
        number = None
        if label:
            reading = read_number(label.group(1) or label.group(2))
            number = int(reading.value) if reading else None
        return mark.lastgroup, number
    if claim.role == "base":
        return ("yoy" if re.search(r"上年|去年", before) else "any"), None
    return None, None


CAGR_WORD = re.compile(r"(?:复合增长率|复合成长率|年均复合增长率|年复合成长率|年复合增长率|CAGR)"
                       r"(?:约|为|达|达到)?\s?$")
YEAR_NEAR = re.compile(r"((?:19|20)\d{2})\s?年")


def _cagr(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """到2030年…1200亿元，是2025年82亿元的…，年均复合增长率约71%: (1200/82)^(1/5) - 1."""
    for g in claims:
        m = g.mention
        if m.kind != "percent" or m.value is None or m.lo is None or m.hi is None:
            continue
        if not CAGR_WORD.search(folded[max(g.sentence[0], m.start - 12):m.start]):
            continue
        start = g.paragraph[0]
        stop = FULL_STOP.search(folded, m.end)
        prior = folded.rfind("。", start, m.start)
        window = (prior + 1 if prior >= 0 else start, stop.start() if stop else len(folded))
        dated = []
        for c in claims:
            a = c.mention
            if not (window[0] <= a.start < window[1]) or a.kind not in ("money", "count") \
                    or a.value is None or a.lo is None or a.hi is None:
                continue
            clause_start = max(folded.rfind(ch, window[0], a.start) for ch in "，,；;") + 1
            years = YEAR_NEAR.findall(folded, max(window[0], clause_start), a.start)
            if years:
                dated.append((int(years[-1]), a))
        by_year = {}
        for year, a in dated:
            by_year.setdefault(year, a)
        if len(by_year) < 2:
            continue
        y0, y1 = min(by_year), max(by_year)
        a0, a1 = by_year[y0], by_year[y1]
        if a0.unit != a1.unit or a0.lo <= 0:
            continue
        n = y1 - y0
        lo = (float(a1.lo) / float(a0.hi)) ** (1 / n) - 1
        hi = (float(a1.hi) / float(a0.lo)) ** (1 / n) - 1
        implied = (Decimal(str(round(lo * 100, 4))), Decimal(str(round(hi * 100, 4))))
        report.checked.update({m.start, a0.start, a1.start})
        if _overlap(implied, (m.lo, m.hi)):
            continue
        expected = Decimal(str(round(((float(a1.value) / float(a0.value)) ** (1 / n) - 1) * 100,
                                     1)))
        report.findings.append(Finding(
            "growth-vs-levels", _severity(Decimal(m.value), expected, Decimal("0.5")),
            [_span(m), _span(a1), _span(a0)],
            f"{m.text} is not the compound annual growth from {a0.text} ({y0}) to {a1.text} "
            f"({y1}): ({a1.value} / {a0.value})^(1/{n}) - 1 = {expected}%",
            expected=f"{expected}%", found=m.text, mentions=(m, a1, a0),
            evidence={"arithmetic": f"({a1.value} / {a0.value})^(1/{n}) - 1"}))


def _shares(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for c in claims:
        if c.mention.kind == "percent" and c.role == "level" and \
                SHARE_SOURCE.match(folded[c.mention.end:c.mention.end + 8]):
            by_sentence.setdefault(c.sentence, []).append(c)
    for parts in by_sentence.values():
        if len(parts) < 2:
            continue
        lo = sum((p.mention.lo or Decimal(0)) for p in parts)
        his = [p.mention.hi for p in parts]
        hi = sum(his) if None not in his else None  # type: ignore[arg-type]
        report.checked.update(p.mention.start for p in parts)
        total = sum(Decimal(p.mention.value) for p in parts if p.mention.value is not None)
        names = " + ".join(p.mention.text for p in parts)
        spans = [_span(p.mention) for p in parts]
        if lo > 100:
            report.findings.append(Finding(
                "shares-sum", "error", spans,
                f"shares of one total add up to more than 100%: {names} = {_fmt(total, 1)}%",
                expected="at most 100%", found=f"{_fmt(total, 1)}%",
                mentions=tuple(p.mention for p in parts),
                evidence={"arithmetic": names}))
        elif len(parts) == 2 and hi is not None and hi < 100:
            report.findings.append(Finding(
                "shares-sum", "warning", spans,
                f"two shares of one total leave {_fmt(100 - total, 1)}% unaccounted for: "
                f"{names} = {_fmt(total, 1)}%",
                expected="100%", found=f"{_fmt(total, 1)}%",
                mentions=tuple(p.mention for p in parts), evidence={"arithmetic": names}))


PARTS_OPEN = re.compile(
    r"其中|包括|分别为|(?<=计算)[，,]"
    # 分业务看、按消费类型分、依险种分、分品牌看: a breakdown whose items may run over ；
    r"|(?P<breakdown>(?:按|依|分)[\u4e00-\u9fff]{1,5}?(?:划分|区分|来看|看|分|别)[，,：:])")
LIST_JOIN = re.compile(r"\s?(?:、|和|及|与|,|，)\s?")
SHARE_AFTER = re.compile(r"的(?:市场)?(?:份额|市占率|比重|占比)")
REMAINDER = re.compile(r"其余|其他|其它|剩余|剩下")
ONE_WHOLE = re.compile(r"分别占|各占|其中|(?:按|依|分)[\u4e00-\u9fff]{1,5}?"
                       r"(?:划分|区分|来看|看|分|别)[，,：:]")
SHARE_BEFORE = re.compile(
    r"(?:占|占比|比重|份额|市占)[^，,。；;]{0,8}?(?:为|达|约)?\s?$|(?:各占|合计|合共)\s?$")


def _parts(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """总营收286.5亿，其中A 182.7亿、B 103.8亿: listed parts add up to the total;
    晶辰占71%，三和占7%，…，其余六家合计12%: shares with a remainder add up to 100%."""
    for opener in PARTS_OPEN.finditer(folded):
        pos = opener.start()
        segment_end = FULL_STOP.search(folded, pos)
        seg_end = segment_end.start() if segment_end else len(folded)
        after = [c for c in claims if pos < c.mention.start < seg_end
                 and c.mention.value is not None and c.mention.qualifier in ("exact", "approx")
                 and c.mention.kind in ("money", "count", "percent")]
        if not after:
            continue
        after = [c for c in after if c.role != "base" and _base_label(
            folded, c.mention, c)[0] not in ("yoy", "day", "any")  # 上年同期为461.0亿元
            and not _threshold(folded, c.mention)]
        if opener.group("breakdown"):  # 住户贷款1.46万亿元，其中短期…: a nested list's
            after = [c for c in after if not _nested(folded, pos, c.mention.start)]  # items
        if not after:
            continue
        unit = after[0].mention.unit
        parts = [c for c in after if c.mention.unit == unit and c.mention.kind ==
                 after[0].mention.kind and (opener.group("breakdown") or not re.search(
                     r"[;；]", folded[pos:c.mention.start]))
                 and c.role not in ("growth", "move")]
        closing = [i for i, c in enumerate(parts) if i >= 2 and SUM_WORD.search(
            folded[max(pos, c.mention.start - 6):c.mention.start])]
        if closing:  # 分别为5,760万元和3,270万元，合计约9,030万元: the list states its own sum
            _listed_sum(parts[:closing[0]], parts[closing[0]], report)
            continue
        if len(parts) < 2:
            continue
        if parts[0].mention.kind == "percent":
            # 其中，大型企业PMI为50.6%: a rate stated with 为 is a level, not a share
            shares = [p for p in parts if not re.search(
                r"(?:为|是|达|报)\s?$", folded[max(0, p.mention.start - 2):p.mention.start])
                or SHARE_BEFORE.search(folded[max(pos, p.mention.start - 10):p.mention.start])]
            if len(shares) == len(parts):
                _percent_parts(parts, report)
            continue
        totals = [c for c in claims if c.mention.end <= pos and pos - c.mention.end <= 160
                  and c.paragraph == parts[0].paragraph and c.mention.unit == unit
                  and c.mention.kind == parts[0].mention.kind and c.mention.value is not None
                  and c.role != "base" and c.mention.value > max(p.mention.value for p in parts)]
        if not totals:
            continue
        # 债券型、混合型各有1只: 2 x 1; 票据融资减少3440亿元: a part that subtracts
        weights = [_each(folded, p.mention) * _sign(folded, p.mention) for p in parts]

        def sums_to(total: Claim, flag: bool, parts: list[Claim] = parts,
                    weights: list[int] = weights) -> bool:
            ivs = [check_interval(p.mention, flag) for p in parts]
            tlo, thi = check_interval(total.mention, flag)
            if any(None in iv for iv in ivs) or None in (tlo, thi):
                return False
            return _overlap((sum(iv[0] * w for iv, w in zip(ivs, weights, strict=True)),
                             sum(iv[1] * w for iv, w in zip(ivs, weights, strict=True))),
                            (tlo, thi))

        parts_sum = sum(Decimal(p.mention.value) * w for p, w in zip(parts, weights,
                                                                      strict=True))
        # 汽车产销40.63万辆和36.61万辆。其中，乘用车产销25.77万辆和24.31万辆: totals and
        # parts listed in pairs (production and sales) pair by order, they do not add up
        totals = [t for t in totals if not PAIRED.match(folded, t.mention.end)
                  and not PAIRED_BEFORE.search(folded, max(0, t.mention.start - 12),
                                               t.mention.start)]
        totals = [t for t in totals if parts_sum * 100 >= Decimal(t.mention.value)]
        if not totals:
            continue  # 其中…12.54元、15.12元 (per-share figures) are no breakdown of 365亿元
        strict, lenient = _any_fit(totals, sums_to)
        report.checked.update({*(t.mention.start for t in totals),
                               *(p.mention.start for p in parts)})
        if strict:
            continue
        total = totals[-1] if len(totals) == 1 else min(
            totals, key=lambda t: abs(Decimal(t.mention.value)
                                      - sum(Decimal(p.mention.value) for p in parts)))
        total_value = parts_sum
        over = total_value > Decimal(total.mention.value)
        if not over and opener.group() in ("其中", "包括"):
            continue  # 其中 may list only some parts: falling short is no contradiction
        severity = "warning" if lenient else "error"
        if not lenient and not over and \
                abs(total_value / Decimal(total.mention.value) - 1) <= Decimal("0.02"):
            severity = "warning"
        names = " + ".join(p.mention.text for p in parts)
        report.findings.append(Finding(
            "parts-vs-total", severity,
            [_span(total.mention), *(_span(p.mention) for p in parts),
             *(_span(t.mention) for t in totals if t is not total)],
            f"the parts listed after 其中 add up to {_fmt(total_value, 0)}, not "
            f"{total.mention.text}: {names}"
            f"{_magnitude_hint(total_value / Decimal(total.mention.value))}",
            expected=total.mention.text, found=_fmt(total_value, 0),
            mentions=(total.mention, *(p.mention for p in parts)),
            evidence={"arithmetic": names}))
    stops = [m.start() for m in FULL_STOP.finditer(folded)]
    by_sentence: dict[tuple[int, int], list[tuple[Claim, int]]] = {}
    previous: Mention | None = None
    for c in claims:
        m = c.mention
        if m.kind != "percent" or m.value is None:
            continue
        k = bisect.bisect_left(stops, m.start)
        segment = (stops[k - 1] + 1 if k else 0, stops[k] if k < len(stops) else len(folded))
        before = folded[max(segment[0], m.start - 14):m.start]
        listed = previous is not None and segment[0] <= previous.start and \
            LIST_JOIN.fullmatch(folded[previous.end:m.start]) is not None and \
            any(x[0].mention is previous for x in by_sentence.get(segment, []))
        remainder = REMAINDER.search(before[-6:]) is not None  # 其余38%来自D
        if SHARE_BEFORE.search(before) or SHARE_AFTER.match(folded, m.end) or listed \
                or (remainder and SHARE_SOURCE.match(folded[m.end:m.end + 10])):
            weight = 2 if re.search(r"各占|各佔|均占", before[-4:]) else 1
            by_sentence.setdefault(segment, []).append((c, weight))
        previous = m
    for sentence, shares in by_sentence.items():
        if len(shares) >= 2 and not REMAINDER.search(folded, *sentence):
            lo = sum((c.mention.lo or Decimal(0)) * w for c, w in shares)
            report.checked.update(c.mention.start for c, _ in shares)
            if lo > 100:  # 工业制造占46%，商用服务占37%，家庭陪护占23%: more than the whole
                total = sum(Decimal(c.mention.value) * w for c, w in shares)
                names = " + ".join(c.mention.text for c, _ in shares)
                # only a list the text declares as one breakdown is surely of one whole
                # (占GDP增加额的81.3%…52.0%…42.2%: contributions may add up past 100%)
                whole = ONE_WHOLE.search(folded, max(0, sentence[0] - 30), sentence[1])
                if len(shares) == 2 and "分别" in folded[sentence[0]:sentence[1]]:
                    continue  # 占产销总量的63.43%和66.40%: two shares of two wholes
                report.findings.append(Finding(
                    "shares-sum", "error" if whole else "warning",
                    [_span(c.mention) for c, _ in shares],
                    f"shares of one whole add up to more than 100%: {names} = "
                    f"{_fmt(total, 1)}%", expected="at most 100%", found=f"{_fmt(total, 1)}%",
                    mentions=tuple(c.mention for c, _ in shares),
                    evidence={"arithmetic": names}))
            continue
        if len(shares) < 3:
            continue
        lo = sum((c.mention.lo or Decimal(0)) * w for c, w in shares)
        hi = sum((c.mention.hi or Decimal(0)) * w for c, w in shares)
        total = sum(Decimal(c.mention.value) * w for c, w in shares)
        report.checked.update(c.mention.start for c, _ in shares)
        if lo <= 100 <= hi:
            continue
        names = " + ".join(("2 x " if w == 2 else "") + c.mention.text for c, w in shares)
        report.findings.append(Finding(
            "shares-sum", "error" if abs(total - 100) > 1 else "warning",
            [_span(c.mention) for c, _ in shares],
            f"shares that end with a remainder (其余) should add up to 100%: {names} = "
            f"{_fmt(total, 1)}%", expected="100%", found=f"{_fmt(total, 1)}%",
            mentions=tuple(c.mention for c, _ in shares), evidence={"arithmetic": names}))


SUM_WORD = re.compile(r"(?:合计|共计|总计|总共|一共|合共)(?:约|为|达)?\s?$")
# 突破千亿元大关, 首破6,000亿美元: a round threshold passed, not the figure itself
THRESHOLD = re.compile(r"(?:突破|首破|跌破|站上|站稳|失守|迈上|跨过|跨越|冲破|逼近|重返|守住)\s?$")


def _threshold(folded: str, m: Mention) -> bool:
    return THRESHOLD.search(folded, max(0, m.start - 3), m.start) is not None


EACH = re.compile(r"([^，,。；;：:]{1,40}?)(?:各|均|分别各)(?:有|为|占|约|达)?\s?$")


def _each(folded: str, m: Mention) -> int:
    """债券型基金、混合型基金、公募REITs各有1只: a figure stated once for each of 3 items."""
    hit = EACH.search(folded, max(0, m.start - 40), m.start)
    if not hit:
        return 1
    return 1 + len(re.findall(r"、|和|及|与", hit.group(1)))


PAIRED = re.compile(r"\s?(?:和|及|与|、)\s?[0-9０-９]")
PAIRED_BEFORE = re.compile(r"[0-9０-９][^，,。；;\s]{0,4}\s?(?:和|及|与|、)\s?$")
DECREASE = re.compile(r"(?:减少|下降|净减少|流出|净流出)了?\s?$")


def _sign(folded: str, m: Mention) -> int:
    return -1 if DECREASE.search(folded, max(0, m.start - 5), m.start) else 1


def _nested(folded: str, opener: int, pos: int) -> bool:
    """Whether ``pos`` sits inside a 其中 list opened after a breakdown's opener and not yet
    closed by ；: those figures break down an item, not the whole."""
    inner = folded.rfind("其中", opener, pos)
    return inner > opener and not re.search(r"[;；]", folded[inner:pos])


def _listed_sum(parts: list[Claim], total: Claim, report: Report) -> None:
    """Parts followed by the sum the sentence itself states."""
    ivs = [[check_interval(p.mention, flag) for p in parts] for flag in (False, True)]
    tivs = [check_interval(total.mention, flag) for flag in (False, True)]
    if any(None in iv for group in ivs for iv in group) or any(None in t for t in tivs):
        return
    fits = [_overlap((sum(iv[0] for iv in group), sum(iv[1] for iv in group)), t)
            for group, t in zip(ivs, tivs, strict=True)]
    report.checked.update({total.mention.start, *(p.mention.start for p in parts)})
    if fits[0]:
        return
    value = sum(Decimal(p.mention.value) for p in parts)
    names = " + ".join(p.mention.text for p in parts)
    report.findings.append(Finding(
        "parts-vs-total", "warning" if fits[1] else "error",
        [_span(total.mention), *(_span(p.mention) for p in parts)],
        f"{names} = {_fmt(value, 0)}, not {total.mention.text}"
        f"{_magnitude_hint(value / Decimal(total.mention.value))}",
        expected=_fmt(value, 0), found=total.mention.text,
        mentions=(total.mention, *(p.mention for p in parts)), evidence={"arithmetic": names}))


def _percent_parts(parts: list[Claim], report: Report) -> None:
    """其中70%用于补充资本，30%用作营运资金: percentage parts of one whole."""
    lo = sum((p.mention.lo or Decimal(0)) for p in parts)
    hi = sum((p.mention.hi or Decimal(0)) for p in parts)
    total = sum(Decimal(p.mention.value) for p in parts)
    report.checked.update(p.mention.start for p in parts)
    if lo <= 100 <= hi or (hi < 100 and len(parts) > 2):
        return
    names = " + ".join(p.mention.text for p in parts)
    report.findings.append(Finding(
        "shares-sum", "error" if lo > 100 else "warning", [_span(p.mention) for p in parts],
        f"the percentages listed as parts of one whole add up to {_fmt(total, 1)}%: {names}",
        expected="100%", found=f"{_fmt(total, 1)}%", mentions=tuple(p.mention for p in parts),
        evidence={"arithmetic": names}))


def _share_of_total(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """占比32%，成交额约1645亿元 (of 5140亿元): an amount stated next to its share must be
    that share of some total stated earlier in the paragraph (consistent if one fits)."""
    for c in claims:
        m = c.mention
        if m.kind != "percent" or m.value is None or c.role != "level":
            continue
        before = folded[max(c.sentence[0], m.start - 14):m.start]
        if not (SHARE_BEFORE.search(before) or SHARE_AFTER.match(folded, m.end)):
            continue
        partners = [d for d in claims if d.paragraph == c.paragraph
                    and d.mention.kind in ("money", "count") and d.mention.value is not None
                    and d.mention.unit  # not the 百 of 占百强的51%
                    and (0 <= d.mention.start - m.end <= 14 or 0 <= m.start - d.mention.end <= 4
                         or (0 <= m.start - d.mention.end <= 12
                             and "占" in folded[d.mention.end:m.start]))
                    and not re.search(r"[。；;]", folded[min(m.end, d.mention.end):
                                                        max(m.start, d.mention.start)])]
        if len(partners) != 1:
            continue
        part = partners[0].mention
        earlier = [d for d in claims if d.paragraph == c.paragraph and d.mention is not part
                   and d.mention.kind == part.kind and d.mention.unit == part.unit
                   and d.mention.value is not None and d.mention.end <= m.start
                   and d.role != "base"]
        totals = [d for d in earlier if d.mention.value > part.value]
        peers = [d.mention for d in claims if d.paragraph == c.paragraph
                 and d.mention.kind == part.kind and d.mention.unit == part.unit
                 and d.mention.value and d.mention is not part]
        if not totals:
            _share_slip(m, part, earlier, report, peers)
            continue
        def share_of(t: Claim, flag: bool, m: Mention = m, part: Mention = part) -> bool:
            plo, phi = check_interval(m, flag)
            tlo, thi = check_interval(t.mention, flag)
            alo, ahi = check_interval(part, flag)
            if None in (plo, phi, tlo, thi, alo, ahi):
                return False
            return _product_fits((plo / 100, phi / 100), (tlo, thi), (alo, ahi), flag)

        strict, lenient = _any_fit(totals, share_of)
        report.checked.update({m.start, part.start, *(t.mention.start for t in totals)})
        if strict or lenient:
            continue  # a share and an amount that fit some total, even loosely, are left alone
        if _share_slip(m, part, earlier, report, peers):
            continue
        t = totals[0].mention
        expected = Decimal(m.value) / 100 * Decimal(t.value)
        report.findings.append(Finding(
            "share-of-total", "error", [_span(part), _span(m), *(_span(x.mention) for x in totals)],
            f"{part.text} is not {m.text} of any total stated before it (e.g. {m.text} of "
            f"{t.text} = {_fmt(expected, 0)}){_magnitude_hint(Decimal(part.value) / expected)}",
            expected=_fmt(expected, 0), found=part.text, mentions=(part, m, t),
            evidence={"arithmetic": f"{m.value}% x {t.value}"}))


SLIP_SCALES = (Decimal(10) ** 4, Decimal(10) ** 8, Decimal(10) ** 3)


def _log_gap(m: Mention, peers: list[Mention]) -> Decimal:
    """How many powers of ten a figure sits from the median of its peers."""
    logs = sorted(Decimal(p.value).log10() for p in peers)
    return Decimal(m.value).log10() - logs[len(logs) // 2]


def _share_slip(pct: Mention, part: Mention, totals: list[Claim], report: Report,
                peers: list[Mention] | None = None) -> bool:
    """An amount next to its share that is larger than every total it could be a share of,
    and fits one exactly once its multiplier is read 10^4 (万/亿), 10^8 or 10^3 smaller: a
    multiplier slip (约1472亿台 for 1472万台 at 21% of 7010万台)."""
    if pct.value is None or not 0 < pct.value < 100 or part.lo is None or part.hi is None:
        return False
    for scale in SLIP_SCALES:
        for t in totals:
            tlo, thi = check_interval(t.mention, True)
            if tlo is None or thi is None or pct.lo is None or pct.hi is None:
                continue
            implied = (pct.lo / 100 * tlo, pct.hi / 100 * thi)
            if not _overlap(implied, (part.lo / scale, part.hi / scale)):
                continue
            # which of the two slipped: the one out of line with the paragraph's other
            # figures of the unit (约1472亿台 among 万台; 402.5万元 among 亿元)
            slipped, other = part, t.mention
            others = [p for p in peers or [] if p is not t.mention]
            if others and abs(_log_gap(t.mention, others)) > abs(_log_gap(part, others)):
                slipped, other = t.mention, part
            expected = Decimal(pct.value) / 100 * Decimal(t.mention.value)
            report.checked.update({pct.start, part.start, t.mention.start})
            report.findings.append(Finding(
                "share-of-total", "error", [_span(slipped), _span(pct), _span(other)],
                f"{part.text} cannot be {pct.text} of {t.mention.text} = {_fmt(expected, 0)}; "
                f"it fits once the multiplier of {slipped.text} is read 10^{scale.adjusted()} "
                f"{'smaller' if slipped is part else 'larger'}: a multiplier slip (万/亿) is "
                f"likely",
                expected=_fmt(expected, 0), found=part.text, mentions=(part, pct, t.mention),
                evidence={"arithmetic": f"{pct.value}% x {t.mention.value}"}))
            return True
    return False


OF_TOTAL = re.compile(r"\s?(?:目标|总额|总量|总数)?的\s?")


def _share_of_named_total(folded: str, claims: list[Claim], ref: Reference,
                          report: Report) -> None:
    """累计2035.7亿元，完成全年目标2500亿元的81.4%: the earlier amount is that share of the
    amount written right before 的 (consistent if any earlier amount fits)."""
    for c in claims:
        m = c.mention
        if m.kind != "percent" or m.value is None:
            continue
        totals = [d.mention for d in claims if d.sentence == c.sentence
                  and d.mention.kind in ("money", "count") and d.mention.value
                  and OF_TOTAL.fullmatch(folded[d.mention.end:m.start])]
        if not totals:
            continue
        total = totals[-1]
        parts = [d.mention for d in claims if d.paragraph == c.paragraph and d.mention is not total
                 and d.mention.kind == total.kind and d.mention.unit == total.unit
                 and d.mention.value is not None and d.mention.end <= total.start
                 and total.start - d.mention.end <= 60]
        if not parts:
            continue
        def is_share(part: Mention, flag: bool, m: Mention = m,
                     total: Mention = total) -> bool:
            plo, phi = check_interval(part, flag)
            tlo, thi = check_interval(total, flag)
            if None in (plo, phi, tlo, thi) or tlo <= 0:
                return False
            return _overlap((plo / thi * 100, phi / tlo * 100), (m.lo, m.hi))

        _, fits = _any_fit(parts, is_share)
        report.checked.update({m.start, total.start, *(p.start for p in parts)})
        if fits:
            continue
        part = parts[-1]
        expected = Decimal(part.value) / Decimal(total.value) * 100
        report.findings.append(Finding(
            "share-of-total", "error", [_span(m), _span(total), *(_span(p) for p in parts)],
            f"{m.text} of {total.text} is not any amount stated before it "
            f"(e.g. {part.text} / {total.text} = {_fmt(expected, 1)}%)",
            expected=f"{_fmt(expected, 1)}%", found=m.text, mentions=(m, total, part),
            evidence={"arithmetic": f"{part.value} / {total.value} x 100"}))


def _product(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    counts = [c.mention for c in claims if c.mention.kind == "count" and c.mention.unit
              and c.mention.value is not None]
    for i, a in enumerate(counts):
        for b in counts[i + 1:]:
            if b.start - a.end > 40 or b.unit == a.unit:
                continue
            gap = folded[a.end:b.start]
            if not PER_WORD.search(gap) or fold(a.unit) not in gap:
                continue  # 每份(合约)对应100股: b counts per unit of a
            for c in counts:
                if c.start <= b.end or c.start - b.end > 80 or fold(c.unit) != fold(b.unit):
                    continue
                if not TOTAL_WORD.search(folded[max(b.end, c.start - 10):c.start]):
                    continue
                verdicts = []
                for lenient in (False, True):
                    alo, ahi = check_interval(a, lenient)
                    blo, bhi = check_interval(b, lenient)
                    if None in (alo, ahi, blo, bhi):
                        break
                    verdicts.append(_overlap((alo * blo, ahi * bhi), check_interval(c, lenient)))
                report.checked.update({a.start, b.start, c.start})
                if not verdicts or verdicts[0]:
                    break
                expected = Decimal(a.value) * Decimal(b.value)
                hint = _magnitude_hint(Decimal(c.value) / expected) if expected else ""
                severity = "warning" if len(verdicts) > 1 and verdicts[1] else \
                    _severity(Decimal(c.value), expected, c.precision or Decimal(1))
                report.findings.append(Finding(
                    "product", severity,
                    [_span(c), _span(a), _span(b)],
                    f"{c.text} is not {a.text} x {b.text} = {_fmt(expected, 0)}{hint}",
                    expected=_fmt(expected, 0), found=c.text, mentions=(c, a, b),
                    evidence={"arithmetic": f"{a.value} x {b.value}"}))
                break


CALC_CUE = re.compile(r"(?:按|以)(?P<basis>[^，,。；;！？]{0,16}?)(?:计算|计)[，,：:]?\s?")
BOUND_WORD = re.compile(r"(?P<hi>上限|最高|高端)|(?P<lo>下限|最低|低端)")
PROFIT_WORD = re.compile(r"赚|蚀|亏|盈利|获利|账面|帐面")


def _computed_as(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """按上限计集资最多30.72亿港元; 以总股本4亿股计，总市值约274.6亿元; 按行权价4.5元计算，
    名义本金约10.8亿元: the amount after 按/以…计 is a price times a count, one of them named
    in the 按…计 phrase and the other stated earlier (consistent if some pair fits)."""
    for cue in CALC_CUE.finditer(folded):
        stop = FULL_STOP.search(folded, cue.end())
        results = [c for c in claims if c.mention.kind == "money" and c.mention.value
                   and cue.end() <= c.mention.start <= cue.end() + 16
                   and (stop is None or c.mention.start < stop.start())]
        if not results:
            continue
        total = results[0].mention
        if PROFIT_WORD.search(folded, cue.end(), total.start):
            continue  # 按每手4000股计算，每手约赚1600元: a gain on the lot, not price x count
        para = results[0].paragraph
        inside = [c.mention for c in claims
                  if cue.start("basis") <= c.mention.start and c.mention.end <= cue.end("basis")]
        before = [c for c in claims if para[0] <= c.mention.start and c.mention.end <= cue.start()
                  and cue.start() - c.mention.end <= 200]
        prices = [c.mention for c in before if c.mention.kind == "money"
                  and c.mention.unit == total.unit and c.mention.lo is not None
                  and c.mention.hi is not None and c.mention.hi < (total.lo or total.hi or 0)]
        counts = [c.mention for c in before if c.mention.kind == "count" and c.mention.unit
                  and c.mention.value and c.mention.multiplier != 1]
        named_money = [m for m in inside if m.kind == "money" and m.unit == total.unit]
        named_count = [m for m in inside if m.kind == "count" and m.value]
        bound = BOUND_WORD.search(cue.group("basis"))
        if named_money:
            prices, named = named_money[-1:], named_money[-1]
        elif named_count:
            counts, named = named_count[-1:], named_count[-1]
        elif bound:
            prices = [p for p in prices if p.qualifier == "range"]
            named = None
        else:
            continue
        pairs = [(p, n) for p in prices for n in counts]
        if not pairs:
            continue

        def fits(pair: tuple[Mention, Mention], flag: bool, bound: Any = bound,
                 total: Mention = total) -> bool:
            price, count = pair
            plo, phi = check_interval(price, flag)
            if bound is not None and price.qualifier == "range":
                plo = phi = (price.hi if bound.lastgroup == "hi" else price.lo)
            nlo, nhi = check_interval(count, flag)
            tlo, thi = check_interval(total, flag)
            if total.qualifier == "upto" and total.value is not None:
                half = (total.precision or Decimal(0)) / 2  # 最多30.72亿: the range's top
                tlo, thi = Decimal(total.value) - half, Decimal(total.value) + half
            if None in (plo, phi, nlo, nhi) or (tlo is None and thi is None):
                return False
            return _product_fits((plo, phi), (nlo, nhi), (tlo, thi), flag)

        strict, lenient = _any_fit(pairs, fits)
        report.checked.update({total.start, *(p.start for p, _ in pairs),
                               *(n.start for _, n in pairs)})
        if strict:
            continue
        price, count = min(pairs, key=lambda pc: cue.start() - min(pc[0].start, pc[1].start))
        pv = price.hi if bound is not None and price.qualifier == "range" and \
            bound.lastgroup == "hi" else price.lo if price.qualifier == "range" else price.value
        if pv is None or not count.value or not total.value:
            continue
        expected = Decimal(pv) * Decimal(count.value)
        other = prices if named is not None and named.kind == "count" else counts
        severity = "warning" if lenient or (named is None or len(other) > 1) and not \
            _magnitude_hint(Decimal(total.value) / expected) else "error"
        report.findings.append(Finding(
            "product", severity, [_span(total), _span(price), _span(count)],
            f"{total.text} is not {price.text} x {count.text} = {_fmt(expected, 0)} "
            f"({cue.group().strip()}){_magnitude_hint(Decimal(total.value) / expected)}",
            expected=_fmt(expected, 0), found=total.text, mentions=(total, price, count),
            evidence={"arithmetic": f"{pv} x {count.value}"}))


DIVIDEND_WORD = re.compile(r"红利|股息|派息|分派|配息|派发|派现")
CAP_WORD = re.compile(r"(?:总市值|市值)(?:约|为|达|报|升至|降至)?\s?$")
CLOSE_WORD = re.compile(r"(?:收报|报收|收于|收盘价|收市价|收市报|收盘报|股价报|股价为)\s?$")
SHARES_WORD = re.compile(r"(?:总股本|股本|已发行股份|已发行股本|已发行)(?:约|为)?\s?$")


def _market_cap(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """收报7.86元 … 以总股本48.6亿股为基数 … 总市值约382亿元: a market value stated with a
    close price and the share count in the same paragraph is their product."""
    def after(pattern: re.Pattern[str], c: Claim) -> bool:
        return pattern.search(folded, max(c.sentence[0], c.mention.start - 8),
                              c.mention.start) is not None

    for c in claims:
        cap = c.mention
        if cap.kind != "money" or cap.value is None or not after(CAP_WORD, c):
            continue
        para = [d for d in claims if d.paragraph == c.paragraph and d is not c]
        prices = [d.mention for d in para if d.mention.kind == "money" and d.mention.unit ==
                  cap.unit and d.mention.value is not None and after(CLOSE_WORD, d)]
        counts = [d.mention for d in para if d.mention.kind == "count" and d.mention.value
                  and fold(d.mention.unit or "") == "股" and after(SHARES_WORD, d)]
        pairs = [(p, n) for p in prices for n in counts]
        if not pairs:
            continue

        def fits(pair: tuple[Mention, Mention], flag: bool, cap: Mention = cap) -> bool:
            (plo, phi), (nlo, nhi) = (check_interval(x, flag) for x in pair)
            tlo, thi = check_interval(cap, flag)
            if None in (plo, phi, nlo, nhi, tlo, thi):
                return False
            return _product_fits((plo, phi), (nlo, nhi), (tlo, thi), flag)

        strict, lenient = _any_fit(pairs, fits)
        report.checked.update({cap.start, *(x.start for pair in pairs for x in pair)})
        if strict:
            continue
        price, count = pairs[-1]
        expected = Decimal(price.value) * Decimal(count.value)
        hint = _magnitude_hint(Decimal(cap.value) / expected)
        report.findings.append(Finding(
            "product", "warning" if lenient or (len(pairs) > 1 and not hint) else "error",
            [_span(cap), _span(price), _span(count)],
            f"{cap.text} is not the close {price.text} x the share count {count.text} = "
            f"{_fmt(expected, 0)}{hint}",
            expected=_fmt(expected, 0), found=cap.text, mentions=(cap, price, count),
            evidence={"arithmetic": f"{price.value} x {count.value}"}))


PER_UNIT_BEFORE = re.compile(
    r"(?:每(?P<per>股|单位|份|张|手|块|桶|盎司|人|克|公斤|千克|吨|平方米|斤|台|辆|户|名)"
    r"|(?P<per_person>人均))[^，,。；;\d]{0,8}?$")
PER_UNIT_AFTER = re.compile(r"\s?(?:一股|每股|/股|一张|每张)")
TOTAL_HINT = re.compile(
    r"总额|总值|合计|共计|总计|纯益|净利|营收|收入|市值|总额约|派息|金额|规模|收益|仓位|名义|名目"
    r"|销售额|交易额|募资|集资|筹资|所得款项|带来|斥资|涉资|耗资|动用")


def _per_unit(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """每股0.58港元 x 27.9亿股 = 派息总额16.2亿港元; 52.8亿元 / 4.2亿股 = 每股12.57元:
    some total in the paragraph must equal the per-unit figure times the count."""
    for c in claims:
        per = c.mention
        if per.kind != "money" or per.value is None:
            continue
        per_word = PER_UNIT_BEFORE.search(folded[max(c.sentence[0], per.start - 12):per.start])
        if not (per_word or PER_UNIT_AFTER.match(folded, per.end)):
            continue
        if per.lo is None or per.hi is None:
            continue  # 回购价格不超过36.00元/股: a bound, not a price to multiply
        per_unit = (per_word.group("per") or "人") if per_word else "股"  # 人均: per person
        near = [d for d in claims if d.paragraph == c.paragraph
                and abs(d.mention.start - per.start) <= 240]
        counts = []
        for d in near:  # 27.9亿股 for 每股; 12.5公斤 for 每克, converted with pint
            m = d.mention
            if m.kind != "count" or not m.unit or m.value is None:
                continue
            if fold(m.unit) == per_unit and (m.multiplier != 1 or m.value >= 1000):
                counts.append((m, Decimal(1)))
            elif fold(m.unit) != per_unit:
                factor = convert(Decimal(1), m.unit, per_unit)
                if factor is not None:
                    counts.append((m, factor))
        if not counts:
            continue
        count, factor = min(counts, key=lambda x: abs(x[0].start - per.start))
        totals = [d for d in near if d.mention.kind == "money" and d.mention is not per
                  and d.mention.unit == per.unit and d.mention.value is not None
                  and d.mention.value > per.value]
        if not totals:
            continue
        def product_is(pair: tuple[Claim, tuple[Mention, Decimal]], flag: bool,
                       per: Mention = per) -> bool:
            d, (count, factor) = pair
            plo, phi = check_interval(per, flag)
            clo, chi = check_interval(count, flag)
            tlo, thi = check_interval(d.mention, flag)
            if None in (plo, phi, clo, chi, tlo, thi):
                return False
            return _product_fits((plo, phi), (clo, chi), (tlo, thi), flag, factor)

        # every count is tried (2025年员工4,820人 … 2024年的4,150人): consistent if one fits
        strict, lenient = _any_fit([(d, cf) for d in totals for cf in counts], product_is)
        report.checked.update({per.start, *(cf[0].start for cf in counts),
                               *(d.mention.start for d in totals)})
        if strict:
            continue
        hint = TOTAL_HINT
        if DIVIDEND_WORD.search(folded, max(c.sentence[0], per.start - 12), per.start):
            hint = DIVIDEND_WORD  # 每股派发现金红利0.215元: a dividend total, not 总市值
        hinted = [d for d in totals if hint.search(  # 总额约…, or 约130亿美元的营收
            folded[max(d.sentence[0], d.mention.start - 10):d.mention.start]
            + "|" + folded[d.mention.end:d.mention.end + 6])]
        if not hinted:
            continue  # no stated figure is called a total (总额, 市值, 派息…): nothing to compare
        target = min(hinted or totals, key=lambda d: abs(d.mention.start - count.start)).mention
        expected = Decimal(per.value) * Decimal(count.value) * factor
        # without a word that makes it a total (总额, 市值, 名义…) the pairing is a guess
        severity = "error" if hinted and not lenient else "warning"
        report.findings.append(Finding(
            "per-unit", severity,
            [_span(per), _span(count), *(_span(d.mention) for d in totals)],
            f"{per.text} x {count.text} = {_fmt(expected, 0)}, which matches no stated total "
            f"(nearest: {target.text}){_magnitude_hint(Decimal(target.value) / expected)}",
            expected=_fmt(expected, 0), found=target.text,
            mentions=(per, count, *(d.mention for d in totals)),
            evidence={"arithmetic": f"{per.value} x {count.value}"}))


def _doc_day(claims: list[Claim], pos: int, paragraph: tuple[int, int]) -> str | None:
    days = [c.mention for c in claims if c.mention.kind == "date"
            and isinstance(c.mention.value, str) and len(c.mention.value) == 10
            and "weekday" not in c.mention.extra]
    before = [d for d in days if paragraph[0] <= d.start < pos]
    if before:
        return str(before[-1].value)
    earlier = [d for d in days if d.start < pos]
    return str(earlier[-1].value) if earlier else (str(days[0].value) if days else None)


FX_PAIRS = {("USD", "CNY"), ("USD", "HKD"), ("USD", "TWD"), ("HKD", "CNY")}
FX_BANDS = {("USD", "CNY"): (Decimal("6.0"), Decimal("8.0")),
            ("USD", "HKD"): (Decimal("7.6"), Decimal("7.95")),
            ("USD", "TWD"): (Decimal("26"), Decimal("36")),
            ("HKD", "CNY"): (Decimal("0.80"), Decimal("1.0"))}
CONVERTED = re.compile(r"^(?:约合|折合|相当于)")
STATED_RATE = re.compile(r"(?:兑美元|兑换美元|汇率|兑1美元|美元兑|中间价)[^，,。；;\d]{0,3}$")


def _fx(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """约合人民币5517亿元 after 780.25亿美元: the implied rate against the rate the article
    states (以汇率31.3元计), else the dated table row, else a plausible band."""
    money = [c for c in claims if c.mention.kind == "money" and c.mention.value]
    for c in money:
        target = c.mention
        lead = folded[target.start:target.end]
        gap_before = folded[max(c.paragraph[0], target.start - 3):target.start]
        if not (CONVERTED.match(lead) or re.search(r"[（(]\s?$", gap_before)
                and target.qualifier == "approx"):
            continue
        rates = [d.mention for d in claims if d.paragraph == c.paragraph
                 and d.mention.kind in ("money", "other") and d.mention.value
                 and Decimal(d.mention.value) < 100 and not CONVERTED.match(
                     folded[d.mention.start:d.mention.end])
                 and d.mention.start < target.start
                 and STATED_RATE.search(folded[max(0, d.mention.start - 8):d.mention.start])]
        sources = [d.mention for d in money if d.paragraph == c.paragraph
                   and d.mention.end <= target.start and target.start - d.mention.end <= 200
                   and d.mention.unit != target.unit and d.mention not in rates
                   and ((d.mention.unit, target.unit) in FX_PAIRS
                        or (target.unit, d.mention.unit) in FX_PAIRS)]
        if not sources:
            continue
        pair = (sources[-1].unit, target.unit) if (sources[-1].unit, target.unit) in FX_PAIRS \
            else (target.unit, sources[-1].unit)
        day = _doc_day(claims, target.start, c.paragraph)
        row = ref.fx_rate(f"{pair[0]}/{pair[1]}", day)
        if rates:
            expected_rate, basis, tol = Decimal(rates[-1].value), f"the stated rate " \
                f"{rates[-1].text}", Decimal("0.02")
        elif row is not None:
            expected_rate, basis = row.value, f"the {pair[0]}/{pair[1]} rate on {row.period} " \
                f"({row.row_id}, {row.source})"
            tol = max(row.tolerance or Decimal(0), Decimal("0.02"))
        else:
            expected_rate, basis, tol = None, "", Decimal(0)
        fits, implied_all = [], []
        for src in sources:
            if (src.unit, target.unit) == pair:
                implied = Decimal(target.value) / Decimal(src.value)
            elif (target.unit, src.unit) == pair:
                implied = Decimal(src.value) / Decimal(target.value)
            else:
                continue
            implied_all.append((src, implied))
            if expected_rate is not None:
                fits.append(abs(implied / expected_rate - 1) <= tol)
            else:
                lo, hi = FX_BANDS[pair]
                fits.append(lo <= implied <= hi)
        if not implied_all:
            continue
        report.checked.update({target.start, *(s.start for s, _ in implied_all)})
        if any(fits):
            continue
        src, implied = implied_all[-1]
        spans = [_span(target), *(_span(s) for s, _ in implied_all)]
        unit_text = f"{pair[1]} per {pair[0]}"
        if expected_rate is not None:
            dev = abs(implied / expected_rate - 1)
            severity = "warning" if dev <= Decimal("0.05") else "error"
            message = (f"{src.text} ≈ {target.text} implies {_fmt(implied, 4)} {unit_text}; "
                       f"{basis} is {expected_rate}{_magnitude_hint(implied / expected_rate)}")
            expected = f"{expected_rate} {unit_text} (±{_fmt(tol * 100, 1)}%)"
            evidence = {"rate_basis": basis, "tolerance": tol}
            if row is not None and not rates:
                evidence.update({"reference_row": row.row_id, "source": row.source})
        else:
            lo, hi = FX_BANDS[pair]
            severity = "error"
            message = (f"{src.text} ≈ {target.text} implies {_fmt(implied, 4)} {unit_text}, "
                       f"outside any recent rate ({lo}–{hi}; no stated rate and no dated row "
                       f"for {day or 'the article'})"
                       f"{_magnitude_hint(implied / ((lo + hi) / 2))}")
            expected = f"{lo}–{hi} {unit_text}"
            evidence = {"band": f"{lo}-{hi}"}
        report.findings.append(Finding(
            "fx-implied", severity, spans, message, expected=expected,
            found=f"{_fmt(implied, 4)} {unit_text}", mentions=(target, src),
            evidence=evidence))


def _reference(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    for c in claims:
        m = c.mention
        if not (c.entity and c.metric and c.period) or m.kind not in ("money", "percent",
                                                                     "count", "multiple"):
            continue
        for row in ref.lookup(c.entity, c.metric, c.period):
            if not _unit_matches(m, row.unit):
                continue
            tol = row.tolerance or Decimal(0)
            ref_iv = (row.value - abs(row.value) * tol, row.value + abs(row.value) * tol)
            verdicts = []
            for lenient in (False, True):
                lo, hi = check_interval(m, lenient)
                if c.direction == "down" and c.role in ("growth", "move"):
                    lo, hi = (-hi if hi is not None else None, -lo if lo is not None else None)
                verdicts.append(_overlap((lo, hi), ref_iv))
            report.checked.add(m.start)
            if verdicts[0]:
                continue
            lo, hi = check_interval(m)
            if c.direction == "down" and c.role in ("growth", "move"):
                lo, hi = (-hi if hi is not None else None, -lo if lo is not None else None)
            found = _center(lo, hi) or Decimal(0)
            rounding = (m.hi - m.lo) / 2 if m.hi is not None and m.lo is not None else Decimal(0)
            severity = "warning" if verdicts[1] else _severity(found, row.value, rounding)
            report.findings.append(Finding(
                "ref-mismatch", severity, [_span(m)],
                f"{m.text} ({c.entity} {c.metric} {c.period}) contradicts {row.value} "
                f"{row.unit} in {row.row_id} ({row.source}), tolerance {_fmt(tol * 100, 2)}%"
                f"{_magnitude_hint(found / row.value) if row.value else ''}",
                expected=f"{row.value} {row.unit}", found=m.text, mentions=(m,),
                evidence={"reference_row": row.row_id, "source": row.source,
                          "tolerance": tol, "entity": c.entity, "metric": c.metric,
                          "period": c.period}))


def _unit_matches(m: Mention, unit: str) -> bool:
    if m.kind == "money":
        return m.unit == unit
    if m.kind == "percent":
        return unit == "%"
    if m.kind == "multiple":
        return unit == "x"
    return unit == "count" or fold(unit) == fold(m.unit or "")


def _restated(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    seen: dict[tuple[str, str, str, str, str], Claim] = {}
    garbled = {f.spans[0] for f in report.findings if f.kind == "garbled"}
    for c in claims:
        m = c.mention
        if not (c.entity and c.metric and c.period) or m.kind != "money" or m.value is None \
                or c.period_source != "sentence" or (m.start, m.end) in garbled:
            continue  # only periods stated next to both figures make a restatement
        key = (c.entity, c.metric, c.period, m.unit or "", c.role)
        first = seen.get(key)
        if first is None or first.sentence == c.sentence:
            seen.setdefault(key, c)  # one sentence with two values is a comparison
            continue
        a, b = check_interval(first.mention, True), check_interval(m, True)
        report.checked.update({first.mention.start, m.start})
        if _overlap(a, b):
            continue
        va, vb = Decimal(first.mention.value), Decimal(m.value)
        rel = abs(vb - va) / abs(va) if va else Decimal(1)
        report.findings.append(Finding(
            "restated-mismatch", "error" if rel > Decimal("0.05") else "warning",
            [_span(m), _span(first.mention)],
            f"{m.text} restates {c.entity} {c.metric} {c.period} given earlier as "
            f"{first.mention.text}; the two cannot both be right{_magnitude_hint(vb / va)}",
            expected=first.mention.text, found=m.text, mentions=(m, first.mention),
            evidence={"entity": c.entity, "metric": c.metric, "period": c.period}))


@lru_cache(maxsize=1)
def _net_pairs() -> list[tuple[str, str, str]]:
    with (LEXICON_DIR / "net_pairs.csv").open(encoding="utf-8") as fh:
        return [(fold(r["net"]), fold(r["plus"]), fold(r["minus"])) for r in csv.DictReader(fh)]


def _net(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """贸易顺差240.2亿元 = 出口526.4亿元 - 进口286.2亿元; 净申购46.8亿元 = 申购总额128.5亿元 -
    赎回总额81.7亿元 (lexicon/net_pairs.csv). Consistent if some pair of the paragraph's
    figures named by the two words fits."""
    def named(word: str, c: Claim) -> bool:
        before = folded[max(c.sentence[0], c.mention.start - 8):c.mention.start]
        at = before.rfind(word)
        return at >= 0 and (at == 0 or before[at - 1] != "净") and not re.search(
            r"[，,；;]", before[at:])

    amounts = [c for c in claims if c.mention.kind in ("money", "count")
               and c.mention.value is not None and c.mention.lo is not None
               and c.mention.hi is not None and c.role != "base"
               and not _threshold(folded, c.mention)]
    for c in amounts:
        for net, plus, minus in _net_pairs():
            if not named(net, c):
                continue
            near = [d for d in amounts if d.paragraph == c.paragraph and d is not c
                    and d.mention.unit == c.mention.unit
                    and abs(d.mention.start - c.mention.start) <= 200
                    and not FULL_STOP.search(folded, min(c.mention.end, d.mention.end),
                                             max(c.mention.start, d.mention.start))]
            pluses = [d for d in near if named(plus, d) and d.mention.value > c.mention.value]
            minuses = [d for d in near if named(minus, d)]
            pairs = [(p, q) for p in pluses for q in minuses]
            if not pairs:
                break

            def fits(pair: tuple[Claim, Claim], flag: bool, c: Claim = c) -> bool:
                p, q = (check_interval(x.mention, flag) for x in pair)
                n = check_interval(c.mention, flag)
                if None in (*p, *q, *n):
                    return False
                return _overlap((p[0] - q[1], p[1] - q[0]), n)

            strict, lenient = _any_fit(pairs, fits)
            report.checked.update({c.mention.start, *(x.mention.start for pq in pairs
                                                      for x in pq)})
            if strict:
                break
            p, q = min(pairs, key=lambda pq: abs(pq[0].mention.start - c.mention.start)
                       + abs(pq[1].mention.start - c.mention.start))
            expected = Decimal(p.mention.value) - Decimal(q.mention.value)
            report.findings.append(Finding(
                "net-vs-parts", "warning" if lenient else "error",
                [_span(c.mention), _span(p.mention), _span(q.mention)],
                f"{net} {c.mention.text} is not {plus} {p.mention.text} - {minus} "
                f"{q.mention.text} = {_fmt(expected, 0)}"
                f"{_magnitude_hint(Decimal(c.mention.value) / expected) if expected else ''}",
                expected=_fmt(expected, 0), found=c.mention.text,
                mentions=(c.mention, p.mention, q.mention),
                evidence={"arithmetic": f"{p.mention.value} - {q.mention.value}"}))
            break


def _multiplier_slip(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """全年约130亿美元收入 … 拿到130万美元收入: the same digits of the same metric with a
    multiplier 10^4 (万/亿), 10^8 (亿/万亿) or 10^3 apart is a slip, not a second value. With
    no metric on one side, only distinctive digits (10.48亿 vs 10.48万) are compared, and the
    finding is a warning."""
    seen: dict[tuple[str, str], list[tuple[Claim, str | None]]] = {}
    flagged = {f.spans[0] for f in report.findings}
    for c in claims:
        m = c.mention
        if m.kind not in ("money", "count") or m.value is None \
                or not m.number_text or m.multiplier == 1 or _span(m) in flagged:
            continue
        metric = c.metric or metric_after(folded, m.end, ref)
        digits = re.sub(r"[^\d.]", "", fold(m.number_text))  # 130亿 and 130万: digits 130
        if not digits:
            continue
        distinctive = len(digits.replace(".", "").strip("0")) >= 3  # 10.48, not 1000
        key = (m.unit or "", digits)
        for first, first_metric in seen.get(key, []):
            same_metric = metric is not None and metric == first_metric
            if (metric and first_metric and not same_metric) or not (same_metric or distinctive):
                continue
            if first.period and c.period and first.period != c.period:
                continue
            ratio = Decimal(m.value) / Decimal(first.mention.value)
            scale = next((s for s in SLIP_SCALES if ratio in (s, 1 / s)), None)
            if scale is None:
                continue
            report.checked.update({m.start, first.mention.start})
            report.findings.append(Finding(
                "restated-mismatch", "error" if same_metric else "warning",
                [_span(m), _span(first.mention)],
                f"{m.text} restates {first.mention.text} ({metric or 'the same digits'}) with a "
                f"multiplier 10^{scale.adjusted()} apart: a multiplier slip (万/亿) is likely",
                expected=first.mention.text, found=m.text, mentions=(m, first.mention),
                evidence={"metric": metric or "", "ratio": ratio}))
            break
        seen.setdefault(key, []).append((c, metric))


def _multiple(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """交易额约为营收9.7亿美元的5倍: some stated figure of the same unit in the sentence must
    be N times the figure right before 的N倍 (the subject may be named by a word, not a
    number, so every candidate is tried; consistent if one of them fits)."""
    for c in claims:
        m = c.mention
        if m.kind != "multiple" or m.extra.get("growth_basis") != "times" or m.value is None:
            continue
        amounts = [d.mention for d in claims if d.paragraph == c.paragraph
                   and d.mention.kind in ("money", "count", "percent")
                   and d.mention.value is not None and d.mention.start < m.start
                   and not FULL_STOP.search(folded, d.mention.end, m.start)]
        if len(amounts) < 2:
            continue
        b = amounts[-1]
        if not re.fullmatch(r"\s?的\s?", folded[b.end:m.start]):
            continue  # 是NAND的2.5倍: the compared figure is named, not stated here
        candidates = [a for a in amounts[:-1] if a.unit == b.unit and a.kind == b.kind]
        if not candidates or not b.value:
            continue
        def times(a: Mention, flag: bool, m: Mention = m, b: Mention = b) -> bool:
            alo, ahi = check_interval(a, flag)
            blo, bhi = check_interval(b, flag)
            if None in (alo, ahi, blo, bhi) or blo <= 0:
                return False
            return _overlap((alo / bhi, ahi / blo), (m.lo, m.hi))

        strict, lenient = _any_fit(candidates, times)
        report.checked.update({m.start, b.start, *(a.start for a in candidates)})
        if strict:
            continue
        a = candidates[-1]
        expected = Decimal(a.value) / Decimal(b.value)
        severity = "warning" if lenient else _severity(Decimal(m.value), expected, Decimal("0.5"))
        report.findings.append(Finding(
            "multiple-vs-levels", severity,
            [_span(m), _span(b), *(_span(x) for x in candidates)],
            f"{m.text}: no stated figure is {m.text} of {b.text} "
            f"(e.g. {a.text} / {b.text} = {_fmt(expected, 2)})",
            expected=f"{_fmt(expected, 2)}倍", found=m.text,
            mentions=(m, b, *candidates),
            evidence={"arithmetic": f"{a.value} / {b.value}"}))


SUBSCRIBED = re.compile(r"(?:认购倍数|申购倍数|认购倍率|超额认购|超购)(?:约|为|达|达到)?\s?$")


def _subscription(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """有效申购金额153亿元 … 规模45亿元 … 认购倍数为3.4倍: the multiple is the demand over
    the size for some two amounts of the paragraph (超额认购N倍 read either as N or N+1)."""
    for c in claims:
        m = c.mention
        if m.kind != "multiple" or m.value is None or m.lo is None or m.hi is None:
            continue
        if not SUBSCRIBED.search(folded, max(c.sentence[0], m.start - 8), m.start):
            continue
        amounts = [d.mention for d in claims if d.paragraph == c.paragraph
                   and d.mention.kind == "money" and d.mention.value
                   and d.mention.lo is not None and d.mention.hi is not None]
        pairs = [(a, b) for a in amounts for b in amounts
                 if a is not b and a.unit == b.unit and a.value > b.value]
        if not pairs:
            continue
        over = "超" in folded[max(c.sentence[0], m.start - 6):m.start]

        def fits(pair: tuple[Mention, Mention], flag: bool, m: Mention = m,
                 over: bool = over) -> bool:
            (alo, ahi), (blo, bhi) = (check_interval(x, flag) for x in pair)
            if None in (alo, ahi, blo, bhi) or blo <= 0:
                return False
            ratio = (alo / bhi, ahi / blo)
            return _overlap(ratio, (m.lo, m.hi)) or (
                over and _overlap((ratio[0] - 1, ratio[1] - 1), (m.lo, m.hi)))

        strict, lenient = _any_fit(pairs, fits)
        report.checked.update({m.start, *(x.start for pair in pairs for x in pair)})
        if strict or lenient:
            continue
        a, b = max(pairs, key=lambda ab: ab[0].value)[0], min(
            (ab for ab in pairs), key=lambda ab: abs(ab[0].value / ab[1].value - m.value))[1]
        report.findings.append(Finding(
            "multiple-vs-levels", "warning", [_span(m), *(_span(x) for x in amounts)],
            f"{m.text}: no two amounts of the paragraph give this subscription multiple "
            f"(e.g. {a.text} / {b.text} = {_fmt(Decimal(a.value) / Decimal(b.value), 2)})",
            expected=f"{_fmt(Decimal(a.value) / Decimal(b.value), 2)}倍", found=m.text,
            mentions=(m, a, b), evidence={"arithmetic": f"{a.value} / {b.value}"}))


ORDERS = re.compile(r"(?P<n>[一二两三四五六七八九1-9])个数量级")


def _orders_of_magnitude(folded: str, claims: list[Claim], ref: Reference,
                         report: Report) -> None:
    """相差两个数量级 (10亿美元 vs 1000万美元): some two figures of one unit stated before it
    in the paragraph must differ by about 10^N (from 10^(N-0.5) to 10^(N+0.5))."""
    for hit in ORDERS.finditer(folded):
        reading = read_number(hit.group("n"))
        if reading is None:
            continue
        n = int(reading.value)
        para_start = folded.rfind("\n", 0, hit.start()) + 1
        amounts = [c.mention for c in claims if c.mention.kind in ("money", "count")
                   and c.mention.value and para_start <= c.mention.start < hit.start()
                   and hit.start() - c.mention.start <= 400]
        pairs = [(a, b) for i, a in enumerate(amounts) for b in amounts[i + 1:]
                 if a.unit == b.unit and a.value != b.value]
        if not pairs:
            continue
        lo, hi = Decimal(10) ** n / Decimal(10).sqrt(), Decimal(10) ** n * Decimal(10).sqrt()
        report.checked.update({m.start for pair in pairs for m in pair})
        ratios = [max(a.value, b.value) / min(a.value, b.value) for a, b in pairs]
        if any(lo <= r <= hi for r in ratios):
            continue
        a, b = min(zip(pairs, ratios, strict=True),
                   key=lambda pr: abs(pr[1].log10() - n))[0]
        ratio = max(a.value, b.value) / min(a.value, b.value)
        report.findings.append(Finding(
            "multiple-vs-levels", "warning", [hit.span(), _span(a), _span(b)],
            f"{hit.group()}: no two figures before it differ by about 10^{n} (nearest: "
            f"{a.text} vs {b.text}, a factor of {_fmt(Decimal(ratio), 1)})",
            expected=f"a factor of about 10^{n}", found=_fmt(Decimal(ratio), 1),
            mentions=(a, b), evidence={"arithmetic": f"{max(a.value, b.value)} / "
                                                     f"{min(a.value, b.value)}"}))


# ---------------------------------------------------------------------------------------------
# The relation engine (factcheck/relations): declared relations bound over claim frames
def _arithmetic(formula: str, texts: dict[str, str]) -> str:
    """A formula with its figures as written: 62% = (570.06億美元 / 350.82億美元 - 1) × 100."""
    return re.sub(r"[A-Za-z_]\w*", lambda m: texts.get(m.group(), m.group()),
                  formula).replace(" * ", " × ")


def _relations(folded: str, claims: list[Claim], ref: Reference, report: Report) -> None:
    """Findings of the relation engine that no rule above already made about the figure."""
    from .relations import Document, evaluate

    doc = Document.of(report.text, folded)
    taken = [s for f in report.findings for s in f.spans]
    for out in evaluate(report.text, [c.mention for c in claims], claims, doc):
        report.checked.update(out.starts)
        frames = out.ordered()
        spans = [_span(f.mention) for f in frames]
        texts = {role: f.mention.text for role, f in out.roles.items()}
        if out.holds:  # what --show-ok lists: the relation and its arithmetic
            report.confirmed.append({
                "relation": out.row.name, "rule": out.row.rule, "spans": spans,
                "arithmetic": _arithmetic(out.formula.text, texts)})
        if out.severity is None:
            continue
        if any(s[0] < t[1] and t[0] < s[1] for s in spans[:1] for t in taken):
            continue
        message = out.row.message.format(**texts)
        fix = out.best_repair()
        evidence: dict[str, Any] = {"relation": out.row.name, "formula": out.formula.text}
        if out.rounding:
            message += " as written (it holds if the round figures are roundings)"
        if fix is not None:
            suggestion = (f"{fix.frame.mention.text} is likely {fix.written}" if fix.kind != "sign"
                          else f"{fix.frame.mention.text} likely goes the other way")
            message += f"; {suggestion}"
            evidence["suggestion"] = suggestion
        expected = "" if out.expected is None else out.expected.describe()
        if not expected:  # an order or a sum: the relation itself, with the figures in it
            expected = _arithmetic(out.formula.text, texts)
        report.findings.append(Finding(
            out.row.rule, out.severity, spans, message, expected=expected,
            found=frames[0].mention.text, mentions=tuple(f.mention for f in frames),
            evidence=evidence))


# The order matters: the relation engine runs last and stays silent where a pass above
# already flagged the figure.
PASSES = [_fused_year, _weekday, _fiscal_end, _cagr, _shares, _parts,
          _share_of_total, _share_of_named_total, _product, _computed_as, _market_cap,
          _per_unit, _fx, _multiple, _subscription, _orders_of_magnitude, _net, _reference,
          _restated, _multiplier_slip, _relations]
