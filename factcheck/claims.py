"""Stage 2: link each figure to what it measures (mentions -> claims).

A claim is a mention plus the entity, metric and period it is about, its direction (up or
down) and its role (a level, a growth rate, the base of a comparison). Linking is local and
conservative, because a wrong link would make a check raise a false error:

- entity: the nearest entity alias before the figure in its sentence, else the last one
  earlier in the paragraph;
- metric: the nearest metric alias at most ``METRIC_REACH`` characters before the figure,
  inside its sentence; a percent after a growth word (增长, 年增, 同比) measures that
  metric's growth; a percent after 收跌/收涨/跌/涨 measures the day's move;
- period: the nearest period or date in the sentence, else the last one in the paragraph,
  mapped onto the entity's fiscal calendar through the reference table's period aliases
  (``2025 年Q3`` is Nvidia's ``FY2026Q3``); a base after 较上年同期 / 去年同期 is one year
  earlier, one after 上季 / 环比 one quarter earlier.

Aliases come from ``factcheck/lexicon/metrics.csv`` and from the reference tables'
``entity_aliases``/``metric_aliases``/``period_aliases`` columns, folded, so either script
matches.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .lexicon import LEXICON_DIR, role_cues
from .model import Mention
from .reference import Reference
from .textfold import fold

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
METRIC_REACH = 20
ENTITY_REACH = 400


@lru_cache(maxsize=1)
def growth_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The rise and fall cues before a figure, read from the one cue table the relation
    engine reads too (lexicon/roles.csv: moves of direction +1 / -1), with the basis words
    that may precede them (同比, 年, 环比 …) and the copulas that may follow (了, 为, 达)."""
    words: dict[int, list[str]] = {1: [], -1: []}
    for applies in ("any", "percent"):
        for cue, role, direction in role_cues().get(applies, []):
            if role == "move" and direction in words:
                words[direction].append(re.escape(cue))

    def build(cues: list[str], extra: str) -> re.Pattern[str]:
        alt = "|".join(sorted(set(cues), key=lambda c: (-len(c), c)))
        return re.compile(rf"(?:(?:同比|年|季|环比|月)?(?:{alt})(?:了|为|达到?)?{extra})\s?$")

    return build(words[1], "|(?:多出)约?"), build(words[-1], "|(?:低于|少于)约?")


QOQ = re.compile(r"环比|季增|季减|较上季|比上季|较前一季")
BASE_BEFORE = re.compile(
    r"(?:较|比|相比|相较于?|对比|从|由)(?:其|该公司|公司)?"
    r"(?:(?P<when>上年同期|去年同期|上年|去年|上季|前一季|上一季|上季度|三年前)"
    r"|(?:此前|原先|先前|之前|上一轮|原)[\u4e00-\u9fff]{0,4}?)?的?\s?$"
    # 较上周（12月5日）的, 较年初的; 较前收市价4.72港元折让
    r"|(?:较|比|相比|相较于?)[^，,。；;！？!?]{1,14}?的\s?$"
    r"|(?:较|相较于?)[^，,。；;！？!?0-9的]{1,8}?\s?$")
MARKET_WORDS = re.compile(r"股|收盘|指数|道指|纳指|标普|大盘|恒指")
INTRADAY = re.compile(r"盘中|一度|盘前|盘后|早盘|午盘|尾盘")
CLAUSE_END = re.compile(r"[，,：:]")
CLOSE_MOVE = re.compile(r"(?:收跌|收涨|收盘[涨跌]|[涨跌](?:超|近|逾)?)\s?$")


@dataclass(frozen=True, slots=True)
class Claim:
    """What one figure asserts: ``mention`` is the figure, the rest is what it is about."""

    mention: Mention
    entity: str | None
    metric: str | None
    period: str | None
    direction: str | None  # "up" | "down" | None
    role: str  # "level" | "growth" | "base" | "move"
    sentence: tuple[int, int]
    paragraph: tuple[int, int]
    period_source: str | None = None  # "sentence" (stated there) | "paragraph" (inherited)

    @property
    def signed_interval(self) -> tuple[Decimal | None, Decimal | None]:
        """The mention's interval, negated for a stated fall (收跌6.99% -> -6.99)."""
        lo, hi = self.mention.lo, self.mention.hi
        if self.direction == "down" and self.role in ("growth", "move"):
            return (-hi if hi is not None else None, -lo if lo is not None else None)
        return lo, hi


@lru_cache(maxsize=1)
def builtin_metric_aliases() -> dict[str, str]:
    with (LEXICON_DIR / "metrics.csv").open(encoding="utf-8") as fh:
        return {fold(r["form"]): r["metric"] for r in csv.DictReader(fh)}


def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not aliases:
        return None
    ordered = sorted(aliases, key=len, reverse=True)
    return re.compile("|".join(re.escape(a) for a in ordered))


@lru_cache(maxsize=16)
def _patterns(entity_keys: tuple[str, ...], metric_keys: tuple[str, ...]) -> tuple:
    return _alias_pattern(entity_keys), _alias_pattern(metric_keys)


def link(text: str, mentions: list[Mention], reference: Reference) -> list[Claim]:
    """Claims for every mention of ``text``; mentions the text says nothing about stay
    claims with ``None`` fields (checks that need a field skip them)."""
    folded = fold(text)
    metric_aliases = {**builtin_metric_aliases(), **reference.metric_aliases}
    ent_pat, met_pat = _patterns(tuple(reference.entity_aliases), tuple(metric_aliases))
    entities = [(m.start(), m.end(), reference.entity_aliases[m.group()])
                for m in ent_pat.finditer(folded)] if ent_pat else []
    metrics = [(m.start(), m.end(), metric_aliases[m.group()])
               for m in met_pat.finditer(folded)] if met_pat else []
    entity_ends, metric_ends = [e[1] for e in entities], [m[1] for m in metrics]
    ends = [m.start() for m in SENTENCE_END.finditer(folded)]
    lines = [m.start() for m in re.finditer("\n", folded)]
    periods = sorted((m for m in mentions if m.kind in ("period", "date", "year") and m.value),
                     key=lambda m: m.start)
    period_starts = [m.start for m in periods]
    claims = []
    for mention in mentions:
        k = bisect.bisect_left(ends, mention.start)
        sentence = (ends[k - 1] + 1 if k else 0, ends[k] if k < len(ends) else len(folded))
        j = bisect.bisect_left(lines, mention.start)
        paragraph = (lines[j - 1] + 1 if j else 0, lines[j] if j < len(lines) else len(folded))
        before = folded[max(sentence[0], mention.start - 12):mention.start]
        entity = _entity(entities, entity_ends, mention.start, paragraph)
        role, direction = "level", None
        metric = None
        if mention.kind == "percent":
            clause = folded[max(sentence[0], _clause_start(folded, mention.start)):mention.start]
            market = "收" in before[-4:] or MARKET_WORDS.search(
                folded, sentence[0], mention.start) is not None
            if not market:
                pass
            elif CLOSE_MOVE.search(before) and not INTRADAY.search(clause):
                role = "move"  # 收跌6.99%, 道指跌0.45%: the day's move at the close
                direction = "down" if "跌" in before[-4:] else "up"
                metric = "close_change_pct"
            elif CLOSE_MOVE.search(before):
                role = "move"  # 盘中一度暴跌超10%: an intraday move, no close metric
                direction = "down" if "跌" in before[-4:] else "up"
                metric = "intraday_change_pct"
            up, down = growth_patterns()
            if role != "move" and up.search(before):
                role, direction = "growth", "up"
            elif role != "move" and down.search(before):
                role, direction = "growth", "down"
        base = BASE_BEFORE.search(folded[max(sentence[0], mention.start - 16):mention.start])
        if base and mention.kind in ("money", "count"):
            role = "base"
        if metric is None:
            metric = _metric(metrics, metric_ends, mention.start, sentence)
            if metric and role == "growth":
                qoq = QOQ.search(folded[max(sentence[0], mention.start - 12):mention.start])
                metric = f"{metric}_growth_{'qoq' if qoq else 'yoy'}"
        period, source = _period(periods, period_starts, mention, sentence, paragraph, entity,
                                 reference)
        if role == "base" and period and base:
            # a base with no time word (较350.82亿美元) has no knowable period
            period = _shift(period, base.group("when")) if base.group("when") else None
        claims.append(Claim(mention, entity, metric, period, direction, role, sentence,
                            paragraph, source if period else None))
    return claims


def _clause_start(folded: str, pos: int) -> int:
    cut = max((m.end() for m in CLAUSE_END.finditer(folded, max(0, pos - 40), pos)), default=-1)
    return cut if cut >= 0 else max(0, pos - 40)


def _before(spans: list[tuple[int, int, str]], ends: list[int], pos: int
            ) -> reversed[tuple[int, int, str]]:
    """The spans that end by ``pos``, nearest first (spans come from one finditer, so their
    ends rise): the backward scans below stop at the first that is too far, so linking stays
    linear in the article's length."""
    return reversed(spans[:bisect.bisect_right(ends, pos)])


def _entity(entities: list[tuple[int, int, str]], ends: list[int], pos: int,
            paragraph: tuple[int, int]) -> str | None:
    for start, _end, name in _before(entities, ends, pos):
        if start < paragraph[0] or pos - start > ENTITY_REACH:
            return None  # starts fall too as ends do: no earlier one is nearer
        return name
    return None


def _metric(metrics: list[tuple[int, int, str]], ends: list[int], pos: int,
            sentence: tuple[int, int]) -> str | None:
    for start, end, name in _before(metrics, ends, pos):
        if start < sentence[0] or pos - end > METRIC_REACH:
            return None
        return name
    return None


def metric_after(folded: str, end: int, reference: Reference) -> str | None:
    """The metric named right after a figure (约130亿美元(的)收入). Not part of the claim:
    such a figure is often a forecast or a segment (贡献高达500亿美元的收入), so only checks
    that compare a figure with itself (the same digits restated) use it."""
    metric_aliases = {**builtin_metric_aliases(), **reference.metric_aliases}
    _, met_pat = _patterns(tuple(reference.entity_aliases), tuple(metric_aliases))
    if met_pat is None:
        return None
    pos = end + 1 if folded.startswith("的", end) else end
    hit = met_pat.match(folded, pos)
    return metric_aliases[hit.group()] if hit else None


def _period(periods: list[Mention], starts: list[int], mention: Mention,
            sentence: tuple[int, int],
            paragraph: tuple[int, int], entity: str | None,
            reference: Reference) -> tuple[str | None, str]:
    """The period a figure is about, and whether its sentence states it or it is inherited.

    A bare year is only taken from the figure's own sentence: a paragraph that mentions
    2000 年 in passing does not make every later figure a 2000 figure."""
    if mention.kind in ("period", "date", "year"):
        return None, ""
    k = bisect.bisect_left(starts, mention.start)
    chosen, source = (periods[k - 1], "sentence") if k and starts[k - 1] >= sentence[0] \
        else (None, "paragraph")
    while chosen is None and k and starts[k - 1] >= paragraph[0]:
        k -= 1  # the nearest earlier one of the paragraph that is not a bare year
        chosen = periods[k] if periods[k].kind != "year" else None
    if chosen is None:
        return None, ""
    key = fold(chosen.text).replace(" ", "")
    if entity is not None:
        mapped = reference.period_aliases.get((entity, key))
        if mapped is None and isinstance(chosen.value, str):
            mapped = reference.period_aliases.get((entity, chosen.value.replace("-", "")))
        if mapped:
            return mapped, source
    value = str(chosen.value)
    if re.fullmatch(r"\d{4}|\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|FY\d{4}(?:Q[1-4]|H[12])?", value):
        return value, source
    return None, ""


def _shift(period: str, when: str) -> str:
    """上年同期: one year earlier; 上季/前一季: one quarter earlier."""
    m = re.fullmatch(r"FY(\d{4})(Q([1-4])|H[12])?", period)
    if when in ("上季", "前一季", "上一季", "上季度") and m and m.group(3):
        year, q = int(m.group(1)), int(m.group(3))
        return f"FY{year - 1}Q4" if q == 1 else f"FY{year}Q{q - 1}"
    if m and when in ("上年同期", "去年同期", "上年", "去年", ""):
        return f"FY{int(m.group(1)) - 1}{m.group(2) or ''}"
    d = re.fullmatch(r"(\d{4})(-\d{2}(?:-\d{2})?)?", period)
    if d and when in ("上年同期", "去年同期", "上年", "去年", ""):
        return f"{int(d.group(1)) - 1}{d.group(2) or ''}"
    return period
