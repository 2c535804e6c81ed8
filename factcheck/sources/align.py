"""Align an article's figures with its source's: same value where it was copied, one typical
slip away where it was garbled, and the words around both saying they are the same thing.

A copied figure is found by its value first (within the article's stated precision, in any
reading of the source figure), then by the words naming it: of several source figures with
that value, the one whose label shares most with the article's. A figure that matches no
source value is aligned only when one typical slip (a digit changed, two adjacent digits
swapped, a digit dropped or doubled, 万/亿 or 千/百万, a fall written as a rise) turns the
source's figure into the article's, as written, and the words or the neighbouring copied
figures say it is the same figure; of a table row's cells, named alike by the row's
label, the one the slip explains (the row's other columns are no rivals; another row named
as well is). Everything else stays unaligned: a derived figure, one
from another source, or a label too different to tell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from os.path import commonprefix
from typing import NamedTuple

from .figures import CONTEXT, Figure, Reading
from .slips import (  # noqa: F401 - same_time and slips are this module's API too
    _few_digits,
    _rounding,
    _same_figure,
    compatible,
    facing,
    matches,
    same_time,
    slip_between,
    slippable,
    slips,
)

SLIP_SCORE = 0.45      # a slipped figure needs this much naming or neighbour support
WORDS_SCORE = 0.35     # ... of which the words alone give at least this much
WORDS_IN_RUN = 0.15    # ... or this much inside a run of copied neighbours (RUN support)
RUN = 0.3
OVERRIDE_WORDS = 0.6   # a value match yields to a slip of a figure named this well ...
OVERRIDE_GAP = 0.5     # ... and this much better, inside a run of copied neighbours
TAKEN = 0.2            # less for a source figure the article copies elsewhere ...
RESTATED = 0.6         # ... unless in words this alike (the same figure stated again)
MARGIN = 0.1           # ... and this much more than any source figure of another value
AS_WRITTEN = 0.2       # a value match in the figure's own unit outweighs a converted one
CONCEPT = 0.3         # named alike by the metric lexicon ...
SAME_BASIS = 0.15     # ... and as rates on one basis
APART = 0.5           # ... or named as two different metrics
OTHER_PERIOD = 0.7    # ... or of two different periods (a month, its year to date)
COPIED_CONTEXT = 0.5  # a copied sentence: half the characters either side the same
ALIKE = 0.05          # copies named this alike are one figure stated again
TIE = 1e-9            # named as well: one row's cells, by the same words
PAIR_GAP = 16           # characters between two figures copied as a pair (14063元，增长8.7%)
NEIGHBOURS = 3          # copied figures either side that vouch for a position


@dataclass(frozen=True, slots=True)
class Alignment:
    """An article figure and the source figure it states (or garbles)."""

    article: Figure
    source: Figure
    reading: Reading
    relation: str          # copied | rounded | converted | slip | rounding
    score: float
    slip: str | None = None     # digit | swap | drop | double | scale | sign
    expected: str | None = None  # the article's figure as the source gives it


@lru_cache(maxsize=8192)
def _grams(label: str) -> frozenset[str]:
    return frozenset({label[i:i + 2] for i in range(len(label) - 1)} | set(label))


def weights(source: list[Figure]) -> dict[str, float]:
    """Each word piece's weight: rare among the source's labels, it names one figure (淡水鱼);
    common, it names none (价格上涨 before every price in a CPI release)."""
    df: dict[str, int] = {}
    for f in source:
        for g in _grams(f.near) | _grams(f.label):
            df[g] = df.get(g, 0) + 1
    n = len(source) + 1
    return {g: math.log(n / c) for g, c in df.items()} | {"": math.log(n + 1)}


def named(a: Figure, s: Figure, w: dict[str, float] | None = None) -> float:
    """How alike the words naming two figures are (0..1): the words right before each
    (税后纯益 in 营收…、税后纯益…) or, a little less, their whole clauses; more when the
    metric lexicon says both measure one thing (纯益 and 净利), less when it says not."""
    words = max(similarity(a.near, s.near, w), 0.9 * similarity(a.label, s.label, w))
    if a.concept is not None and s.concept is not None:
        if a.concept != s.concept:
            words *= APART
        else:  # ... the more when both state one basis (纯利按年 = 盈利同比)
            words = min(1.0, words + CONCEPT + SAME_BASIS * (a.basis is not None
                                                            and not other_basis(a, s)))
    words = words if same_period(a.period, s.period) else words * OTHER_PERIOD
    copied = context(a, s)
    return max(words, copied) if copied >= COPIED_CONTEXT else words


def context(a: Figure, s: Figure) -> float:
    """How much of the characters either side two figures share, figures and all (0..1): a
    sentence copied from the source keeps them (食品价格下降[3.7%],非食品价格上涨2.1%) where the
    words naming it were rewritten or are the source's boilerplate."""
    left = len(commonprefix([a.left[::-1], s.left[::-1]]))
    right = len(commonprefix([a.right, s.right]))
    return (left + right) / (2 * CONTEXT)


def same_period(a: tuple, s: tuple) -> bool:
    """Two figures' periods agree where both are known (a month is not its year to date); a
    year written relative to the dateline (今年) is not known here."""
    (ay, *arest), (sy, *srest) = a, s
    years = ay is None or sy is None or ay == sy or not (str(ay).isdigit() and str(sy).isdigit())
    return years and all(x is None or y is None or x == y for x, y in zip(arest, srest,
                                                                           strict=True))


def similarity(a: str, b: str, w: dict[str, float] | None = None) -> float:
    """Dice overlap of the two labels' characters and bigrams (0..1), each piece weighted
    by ``w`` (pieces unseen in the source weigh most)."""
    if not a or not b:
        return 0.0
    ga, gb = _grams(a), _grams(b)
    if w is None:
        return 2 * len(ga & gb) / (len(ga) + len(gb))
    top = w[""]

    def mass(gs: set[str]) -> float:  # fsum: the same total in any set order (hash seed)
        return math.fsum(w.get(g, top) for g in gs)

    total = mass(ga) + mass(gb)
    return 2 * mass(ga & gb) / total if total else 0.0


def _support(article: list[Figure], i: int, copied: dict[int, int], k: int,
             source: list[Figure]) -> float:
    """How strongly the copied neighbours of article figure i vouch for source figure k:
    writers copy runs of figures in the source's order, so a figure between two copied
    neighbours whose source figures are close sits between them in the source too (23%、
    37%、14%: the middle one is the 37%), and one right after (or before) a copied
    neighbour of its sentence is likely the source figure right after (before) its own, or
    another cell of its table row."""
    a = article[i]
    if a.period[2] and source[k].period[2] and a.period[2] != source[k].period[2]:
        return 0.0  # next to its neighbour's source, but the base of the figure (上年同期)
    before = next((copied[j] for j in range(i - 1, max(-1, i - NEIGHBOURS - 1), -1)
                   if j in copied and article[j].sentence[0] >= a.sentence[0] - 200), None)
    after = next((copied[j] for j in range(i + 1, min(len(article), i + NEIGHBOURS + 1))
                  if j in copied and article[j].sentence[1] <= a.sentence[1] + 200), None)
    if before is not None and after is not None and before < k < after \
            and after - before <= NEIGHBOURS + 1:
        return 0.5
    score = 0.0
    if before is not None and (k == before + 1 and source[k].sentence[0] -
                               source[before].sentence[1] <= 200 or row_mates(source, before, k)):
        score += 0.3
    if after is not None and (k == after - 1 or row_mates(source, k, after)):
        score += 0.3  # (a table row's cells are one metric's: 63,133 … 19% … 13%)
    return min(score, 0.5)


def _relation(a: Reading, s: Reading) -> str:
    if s.scale != 1 or {a.dim, s.dim} == {"%", "pp"}:
        return "converted"  # a table's unit applied, or a rate's change in the other unit
    if s.value != a.value and s.hi - s.lo < a.hi - a.lo:
        return "rounded"
    return "copied"


SEQUENTIAL = {"mom", "qoq"}  # 环比: the period before, a month or a quarter by the data


def other_basis(a: Figure, s: Figure) -> bool:
    """The two rates compare with different bases (年增 vs 季增); 环比 (read mom) may be a
    quarter's 季增."""
    return bool(a.basis and s.basis and a.basis != s.basis) and \
        not {a.basis, s.basis} <= SEQUENTIAL


def _restates(a: Figure, b: Figure, w: dict[str, float]) -> bool:
    """Figure a may state again what the article's figure b states (a lead and its body):
    named alike, or measuring one metric on one basis by the lexicon (a ratio named after a
    growth rate is a level: 年增30.3%，毛利率59.5% restates a lead's 毛利率達59.5%)."""
    return named(a, b, w) >= RESTATED or \
        (a.concept is not None and a.concept == b.concept
         and (a.basis or "level") == (b.basis or "level"))


class _Candidate(NamedTuple):
    """A source figure the article's figure may garble, and how strongly it is pointed to."""

    score: float                       # words + run, less TAKEN
    words: float                       # how alike the words naming the two are
    run: float                         # how the copied neighbours place it
    source: Figure
    pairs: list[tuple[Reading, Reading]]  # (article reading, source reading facing it)


def _copy_of(a: Figure, source: list[Figure], w: dict[str, float],
             used: dict[str, int] | None = None, follows: tuple[Figure, ...] = ()
             ) -> Alignment | None:
    """The source figure the article's figure states as it is (within its precision), of
    several the one its words name best; as written beats converted (69541万吨（13908亿斤）)
    unless named better. Of several named alike (one figure stated twice, in a lead and a
    body), the n-th for the article's n-th such statement of it (``used``: per figure as
    written, how many earlier statements had several alike): stories copy in order. First
    of all, the one right after the source figure that the figure just before it on its
    line copies (``follows``: 14063元，增长8.7% copied as a pair; on a table's row, any cell
    after it: 纯利631.3亿元，按年升19% copies 63,133 and the 同比 cell two columns on)."""
    found: list[tuple[float, Alignment]] = []
    for s in source:
        if other_basis(a, s):
            continue
        best_here: tuple[float, Alignment] | None = None
        for sr in s.readings:
            for ar in a.readings:
                fr = facing(a, ar, s, sr)
                if not matches(ar, fr):
                    continue
                score = named(a, s, w)
                key = score + AS_WRITTEN * (fr.scale == 1)
                if best_here is None or key > best_here[0]:
                    best_here = (key, Alignment(a, s, fr, _relation(ar, fr), score))
        if best_here is not None:
            found.append(best_here)
    if not found:
        return _unscaled_copy(a, source, w) or _percent_cell(a, source, w) or \
            _cut_copy(a, source, w)
    top = max(k for k, _ in found)
    pair = next((al for s in follows for _, al in found if al.source is s), None)
    if pair is not None:  # however the words name them: the pair is the stronger evidence
        return pair
    alike = [al for k, al in found if k >= top - ALIKE]  # in source order
    if used is None or len(alike) == 1:
        return next(al for k, al in found if k == top)
    name = a.mention.text
    n = used.get(name, 0)
    used[name] = n + 1
    return alike[min(n, len(alike) - 1)]


UNDECLARED = tuple(Decimal(10) ** k for k in (3, 4, 6, 7, 8))  # 千 万 百万 千万 亿 元
SIGNIFICANT = 4  # digits both figures state before a scale is guessed


def _significant(text: str) -> int:
    return len(re.sub(r"\D", "", text).strip("0"))


def _unscaled_copy(a: Figure, source: list[Figure], w: dict[str, float]) -> Alignment | None:
    """A table's number whose unit the source declares where it cannot be read (a header
    split by a page break, a note in prose): the article's amount in it at a power of ten
    (228.65億元 is 2,286,498.74 in 万元), when both state at least four digits and the words
    name the same thing."""
    if a.readings[0].dim != "money" or _significant(a.mention.number_text or "") < SIGNIFICANT:
        return None
    best: Alignment | None = None
    for s in source:
        if s.readings[0].dim != "bare" or _significant(s.mention.text) < SIGNIFICANT:
            continue
        for scale in UNDECLARED:
            fr = _at_scale(s.readings[0], scale)
            if any(matches(ar, fr) for ar in a.readings):
                score = named(a, s, w)
                if score >= WORDS_SCORE and (best is None or score > best.score):
                    best = Alignment(a, s, fr, "converted", score)
    return best


def _cut_copy(a: Figure, source: list[Figure], w: dict[str, float]) -> Alignment | None:
    """The source's figure cut, not rounded, to the article's last digit (1857億元 for
    1,857.9億元, a common practice): a rounding to the wrong digit, when the words name it
    and no other source figure is that near."""
    found = []
    for s in source:
        if other_basis(a, s) or (score := named(a, s, w)) < WORDS_SCORE:
            continue
        for ar in a.readings:
            for y in s.readings:
                sr = facing(a, ar, s, y)
                expected = _rounding(a, ar, sr) if slippable(ar, sr) else None
                if expected:
                    found.append(Alignment(a, s, sr, "rounding", score, None, expected))
    return found[0] if len({al.source.start for al in found}) == 1 else None


TABLE_ROW = 3  # numbers on one line that make it a table's row


def _percent_cell(a: Figure, source: list[Figure], w: dict[str, float]) -> Alignment | None:
    """A table row's bare number that is a rate whose column says so where it cannot be
    read (增減率 over a page break; a table flattened onto lines): the article's percent
    with the same digits, when the words name the same thing. Only decimals, and only on a
    row of numbers, so a count or a year is never taken for a rate."""
    ar = a.readings[0]
    if ar.dim != "%" or "." not in (a.mention.number_text or ""):
        return None
    per_line: dict[int, int] = {}
    for s in source:
        per_line[s.line] = per_line.get(s.line, 0) + 1
    best: Alignment | None = None
    for s in source:
        sr = s.readings[0]
        if sr.dim != "bare" or len(s.readings) > 1 or "." not in s.mention.text \
                or per_line[s.line] < TABLE_ROW or other_basis(a, s):
            continue
        fr = facing(a, ar, s, Reading(sr.lo, sr.hi, sr.value, "%", None, Decimal(1)))
        if matches(ar, fr):
            score = named(a, s, w)
            if score >= WORDS_SCORE and (best is None or score > best.score):
                best = Alignment(a, s, fr, "copied", score)
    return best


def _scales(a: Figure, s: Figure) -> tuple[Reading, ...]:
    """A table number with no readable unit, read at each power of ten a table states its
    unit in (both stating at least four digits): a slip's candidates. The nearest to the
    article's amount is not always the one, since a dropped or doubled digit moves it ten
    times (3088.38亿元 is 30,838 in 百万元 with one 8 doubled)."""
    sr, ar = s.readings[0], a.readings[0]
    if sr.dim != "bare" or len(s.readings) > 1 or ar.dim != "money" or not sr.value \
            or not ar.value \
            or _significant(a.mention.number_text or "") < SIGNIFICANT \
            or _significant(s.mention.text) < SIGNIFICANT:
        return ()
    return tuple(_at_scale(sr, scale) for scale in UNDECLARED)


def _at_scale(sr: Reading, scale: Decimal) -> Reading:
    """A bare number read as money in a unit of ``scale`` yuan (currency unknown)."""
    return Reading(sr.lo * scale, sr.hi * scale, sr.value * scale, "money", None, scale)


def _explained(a: Figure, c: _Candidate) -> Alignment | None:
    """The candidate as the source figure the article's garbles: a rounding to the wrong
    digit, or one typical slip, turns the one into the other."""
    for ar, sr in c.pairs:
        if matches(ar, sr):
            continue  # a copy (at a unitless table number's guessed scale), not a slip
        rounded = _rounding(a, ar, sr)
        if rounded:
            return Alignment(a, c.source, sr, "rounding", c.score, None, rounded)
        slip = slip_between(a, ar, sr)
        # (a unitless table number's scale is guessed, so it cannot tell 万 from 亿)
        if slip and not (slip[0] == "scale" and c.source.readings[0].dim == "bare"
                         and len(c.source.readings) == 1):
            return Alignment(a, c.source, sr, "slip", c.score, slip[0], slip[1])
    return None


def row_mates(source: list[Figure], j: int, k: int) -> bool:
    """Source figures j < k are cells of one table row (a sentence's figures are not)."""
    return j < k and bool(source[j].row) and source[j].row == source[k].row and \
        source[j].doc == source[k].doc


def _after(numeric: list[Figure], j: int) -> tuple[Figure, ...]:
    """The source figures a copied pair's second may be: the one right after figure j, or
    on a table's row any cell after it."""
    nxt = numeric[j + 1:j + 2]
    row = [numeric[k] for k in range(j + 2, len(numeric)) if row_mates(numeric, j, k)]
    return tuple(nxt + row)


def align(article: list[Figure], source: list[Figure]) -> list[Alignment]:
    """Every article figure's alignment with a source figure, in article order."""
    out: dict[int, Alignment] = {}
    copied: dict[int, int] = {}   # article index -> source index
    # positions among the source's amounts and rates: dates and years between them do not
    # break a run of copied figures
    numeric = [s for s in source if s.readings[0].dim != "when"]
    index = {id(s): k for k, s in enumerate(numeric)}
    w = weights(source)
    used: dict[str, int] = {}
    for i, a in enumerate(article):
        j = copied.get(i - 1)  # the figure right before it on its line, copied: its successor
        follows = _after(numeric, j) if j is not None and article[i - 1].line == a.line \
            and a.mention.start - article[i - 1].mention.end <= PAIR_GAP else ()
        best = _copy_of(a, source, w, used, follows)
        if best is not None:
            out[i] = best
            if best.reading.dim != "when":  # amounts and rates vouch for their neighbours'
                copied[i] = index[id(best.source)]  # positions; dates and years recur
    taken: dict[int, list[Figure]] = {}
    for j, k in copied.items():
        taken.setdefault(k, []).append(article[j])
    for i, a in enumerate(article):
        weak = out.get(i)  # a copy its words do not name may be a slip of a figure they name
        if weak is not None and weak.score > 1 - OVERRIDE_GAP or \
                a.readings[0].dim in ("bare", "when") or a.mention.qualifier == "vague":
            continue  # (a vague amount, 七千幾億, has no digits to slip)
        ranked: list[_Candidate] = []
        for k, s in enumerate(numeric):
            if other_basis(a, s):
                continue
            pairs = [(ar, sr) for ar in a.readings for sr in
                     (facing(a, ar, s, y) for y in s.readings + _scales(a, s))
                     if slippable(ar, sr)]
            if pairs:
                words = named(a, s, w)
                run = _support(article, i, copied, k, numeric)
                restated = k in taken and not any(_restates(a, b, w) for b in taken[k])
                # less when the article states that figure already, in other words
                placed = max(run, RUN) if context(a, s) >= COPIED_CONTEXT else run
                # (its sentence copied places it as well as copied neighbours do)
                ranked.append(_Candidate(words + run - TAKEN * restated, words, placed, s,
                                         pairs))
        if not ranked:
            continue
        ranked.sort(key=lambda c: -c.score)
        # of the candidates named best (a table row's cells are named alike), the one that a
        # slip explains: the row's other columns are not rivals, another row is
        found = next(((c, al) for c in ranked if c.score >= ranked[0].score - TIE
                      and (al := _explained(a, c))), None)
        if found is None:
            continue
        top, al = found
        rival = max((c.score for c in ranked if c is not top
                     and c.score > top.score - MARGIN  # (only these can rival it)
                     and not _same_figure(c.pairs[0][1], top.pairs[0][1])
                     and (c.source.line != top.source.line or _explained(a, c))),
                    default=0.0)
        few = _few_digits(a)
        if top.words < (WORDS_IN_RUN if top.run >= RUN else WORDS_SCORE) \
                or top.score < SLIP_SCORE + few or top.score - rival < MARGIN \
                or (few and top.run < few):
            continue  # the words (and, for a short figure, its neighbours) single out none
        if weak is not None and not (top.words >= OVERRIDE_WORDS and top.run >= RUN
                                     and top.words - weak.score >= OVERRIDE_GAP):
            continue  # the copy stands
        out[i] = al
    return [out[i] for i in sorted(out)]

