"""Align an article's figures with its source's: same value where it was copied, one typical
slip away where it was garbled, and the words around both saying they are the same thing.

A copied figure is found by its value first (within the article's stated precision, in any
reading of the source figure), then by the words naming it: of several source figures with
that value, the one whose label shares most with the article's. A figure that matches no
source value is aligned only when one typical slip (a digit changed, two adjacent digits
swapped, a digit dropped or doubled, 万/亿 or 千/百万, a fall written as a rise) turns the
source's figure into the article's, as written, and the words or the neighbouring copied
figures say it is the same figure. Everything else stays unaligned: a derived figure, one
from another source, or a label too different to tell.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from ..model import Mention
from .figures import Figure, Reading

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
ALIKE = 0.05          # copies named this alike are one figure stated again
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


def _grams(label: str) -> set[str]:
    return {label[i:i + 2] for i in range(len(label) - 1)} | set(label)


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
    return words if same_period(a.period, s.period) else words * OTHER_PERIOD


def same_period(a: tuple, s: tuple) -> bool:
    """Two figures' periods agree where both are known (a month is not its year to date)."""
    return all(x is None or y is None or x == y for x, y in zip(a, s, strict=True))


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


def compatible(a: Reading, s: Reading) -> bool:
    if "when" in (a.dim, s.dim):
        return a.dim == s.dim
    if a.dim == s.dim:
        return True
    pair = {a.dim, s.dim}
    if pair <= {"%", "pp"}:
        return True
    if "bare" in pair:  # a number with no unit (a table cell, 331.0 億) may be any amount
        other = (pair - {"bare"}).pop()
        return other == "money" or other.startswith("count")
    return False


def _digits(number_text: str) -> tuple[str, int] | None:
    """The article figure's digits as written and its decimals (None: not Arabic digits)."""
    m = re.match(r"[-+]?([0-9][0-9,]*(?:\.[0-9]+)?)", number_text)
    if not m:
        return None
    digits = m.group(1).replace(",", "")
    return digits, len(digits.partition(".")[2])


def _render(value: Decimal, decimals: int) -> str:
    q = Decimal(1).scaleb(-decimals)
    return str(abs(value).quantize(q, rounding=ROUND_HALF_UP))


def slips(m: Mention) -> list[tuple[str, str, Decimal]]:
    """(kind, the figure as written after the slip is undone, factor on its value): the
    relation engine's repair slips (a digit changed, adjacent digits swapped, a digit dropped
    or doubled, 万/亿), plus a digit put back where the article dropped one (1.75% for
    1.375%; 1兆65億 for 1兆645億), which only a source can tell."""
    from ..relations.solve import GROUP, NUMBER, _variants

    out = _variants(SimpleNamespace(mention=m))  # type: ignore[arg-type]
    tokens = list(NUMBER.finditer(m.text))
    whole = Decimal(m.value) if len(tokens) > 1 and isinstance(m.value, (int, Decimal)) \
        and m.value else None
    if len(tokens) > 1 and whole is None:
        return out
    for token in tokens:
        digits = token.group().replace(",", "")
        old = Decimal(digits)
        weight = GROUP.get(m.text[token.end():token.end() + 1], Decimal(1))
        if not old and whole is None:
            continue
        for i in range(len(digits) + 1):
            for d in "0123456789":
                new = digits[:i] + d + digits[i:]
                if new[0] == "0" and new[1:2] != "." or new.startswith("."):
                    continue
                if i > 0 and digits[i - 1] == d:
                    continue  # a doubled digit: _variants' "double" undoes a doubling
                factor = Decimal(new) / old if whole is None else \
                    (whole + (Decimal(new) - old) * weight) / whole
                out.append(("insert", m.text[:token.start()] + new + m.text[token.end():],
                            factor))
    return out


def _decimals(written: str) -> int:
    token = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    return len(token.group().partition(".")[2]) if token else 0


def _finer(written: str, article: Mention, a: Reading, s: Reading) -> bool:
    """The repaired figure states more decimals than the source figure it should equal."""
    added = _decimals(written) - _decimals(article.text)
    return (a.hi - a.lo) * Decimal(1).scaleb(-added) < (s.hi - s.lo) * Decimal("0.99")


@lru_cache(maxsize=256)
def _factor(source_unit: str, article_unit: str) -> Decimal | None:
    from ..units import convert

    return convert(Decimal(1), source_unit, article_unit)


def facing(a: Figure, ar: Reading, s: Figure, sr: Reading) -> Reading:
    """The source reading turned to face the article's: in the article's unit when both
    are measures pint converts (69541万吨 as 斤), and negated when one of the two states
    no direction (减少…或 44% against 下跌44%): only two stated directions can disagree."""
    if ar.dim != sr.dim and ar.dim.startswith("count:") and sr.dim.startswith("count:"):
        factor = _factor(sr.dim[6:], ar.dim[6:])
        if factor:
            sr = Reading(sr.lo * factor, sr.hi * factor, sr.value * factor, ar.dim, None,
                         sr.scale * factor)
    if (a.sign and s.sign) or ar.value * sr.value >= 0:
        return sr
    return Reading(-sr.hi, -sr.lo, -sr.value, sr.dim, sr.currency, sr.scale)


def slip_between(article: Figure, a: Reading, s: Reading) -> tuple[str, str] | None:
    """(kind, the article's figure as the source gives it) when undoing one typical slip
    in the article's figure as written gives the source's figure; None otherwise. Of
    several, the one that moves the value least."""
    m = article.mention
    if s.value == 0 or a.value == 0:
        return None
    half = (a.hi - a.lo) / 2
    if article.sign and a.lo <= -s.value <= a.hi:
        return "sign", m.text
    best: tuple[Decimal, str, str] | None = None
    for kind, written, factor in slips(m):
        value = a.value * factor
        trial = Reading(value - half * abs(factor if kind == "scale" else 1),
                        value + half * abs(factor if kind == "scale" else 1), value, a.dim,
                        a.currency, a.scale)
        if kind == "insert" and _finer(written, m, a, s):
            continue  # 0.4 -> 0.45 to meet 0.5: a digit the source does not state
        if matches(trial, s):
            move = abs(factor - 1)
            if best is None or move < best[0]:
                best = (move, kind, written)
    return (best[1], best[2]) if best else None


def _expected(text: str, written: tuple[str, int], s: Reading, multiplier: Decimal) -> str:
    """The article's figure rewritten with the source's value (30.4億元 -> 30.5億元)."""
    digits, decimals = written
    true = _render(s.value / (multiplier if multiplier else 1), decimals)
    if "," in text:
        whole, _, frac = true.partition(".")
        true = f"{int(whole):,}" + (f".{frac}" if frac else "")
    m = re.search(r"[0-9][0-9,]*(?:\.[0-9]+)?", text)
    return text if m is None else text[:m.start()] + true + text[m.end():]


def _rounding(article: Figure, a: Reading, s: Reading) -> str | None:
    """The source's figure rounded to the article's precision, when the article states one
    unit off it in its last place (30.48 written 30.4): a rounding that changes a digit."""
    m = article.mention
    written = _digits(m.number_text or "")
    if written is None or m.qualifier != "exact" or a.value * s.value <= 0:
        return None
    digits, decimals = written
    multiplier = m.multiplier if m.kind in ("money", "count") else Decimal(1)
    exact = s.value / multiplier
    if abs(exact) == abs(exact).quantize(Decimal(1).scaleb(-decimals)):
        return None  # the source is no more precise than the article: not a rounding
    true = _render(exact, decimals)
    step = Decimal(1).scaleb(-decimals)
    if abs(Decimal(digits) - Decimal(true)) == step and \
            abs(Decimal(digits) - abs(exact)) < step:
        return _expected(m.text, written, s, m.multiplier)
    return None


def _support(article: list[Figure], i: int, copied: dict[int, int], k: int,
             source: list[Figure]) -> float:
    """How strongly the copied neighbours of article figure i vouch for source figure k:
    writers copy runs of figures in the source's order, so a figure between two copied
    neighbours whose source figures are close sits between them in the source too (23%、
    37%、14%: the middle one is the 37%), and one right after (or before) a copied
    neighbour of its sentence is likely the source figure right after (before) its own."""
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
    if before is not None and k == before + 1 and source[k].sentence[0] - \
            source[before].sentence[1] <= 200:
        score += 0.3
    if after is not None and k == after - 1:
        score += 0.3
    return min(score, 0.5)


def matches(a: Reading, s: Reading) -> bool:
    """The article's reading states the source's: the more precise of the two lies in the
    other's interval (59.55% is not 59.5%; 29.0% is 29%; 約25億 is 25.03億)."""
    if not compatible(a, s):
        return False
    if a.dim == "when":
        return same_time(a.key, s.key)
    if a.hi - a.lo < s.hi - s.lo:
        return s.lo <= a.value < s.hi or s.lo == s.hi == a.value
    return a.lo <= s.value <= a.hi


def slippable(a: Reading, s: Reading) -> bool:
    """A slip can turn one into the other: the same dimension, or an amount and a table's
    bare number; not % and 个百分点 (a different statement, not a slip)."""
    return compatible(a, s) and (a.dim == s.dim or "bare" in (a.dim, s.dim))


def same_time(a: str, s: str) -> bool:
    """Two calendar figures agree where both state a part, and the source states the
    article's most precise part (16日 is 111年6月16日; 2025年 is not 6月16日)."""
    if a[:2] != s[:2]:
        return False
    if a.startswith("P:"):
        x, y = a[2:], s[2:]
        return x == y or y.endswith("-" + x) or x.endswith("-" + y)
    pa, ps = a[2:].split(":"), s[2:].split(":")
    last = max(i for i, p in enumerate(pa) if p)
    return bool(ps[last]) and all(not x or not y or x == y for x, y in zip(pa, ps, strict=True))


def _relation(a: Reading, s: Reading) -> str:
    if s.scale != 1 or {a.dim, s.dim} == {"%", "pp"}:
        return "converted"  # a table's unit applied, or a rate's change in the other unit
    if s.value != a.value and s.hi - s.lo < a.hi - a.lo:
        return "rounded"
    return "copied"


def _same_figure(x: Reading, y: Reading) -> bool:
    """One figure stated twice, in two units or precisions (69541万吨（13908亿斤）)."""
    return x.lo <= y.value <= x.hi or y.lo <= x.value <= y.hi


def _few_digits(a: Figure) -> float:
    """A figure of one or two significant digits (0.4%, 2.1%) is one slip away from many
    figures of a release, so its alignment by a slip needs more evidence."""
    digits = re.sub(r"\D", "", a.mention.number_text or "").lstrip("0")
    return 0.25 if len(digits) <= 2 else 0.0


SEQUENTIAL = {"mom", "qoq"}  # 环比: the period before, a month or a quarter by the data


def other_basis(a: Figure, s: Figure) -> bool:
    """The two rates compare with different bases (年增 vs 季增); 环比 (read mom) may be a
    quarter's 季增."""
    return bool(a.basis and s.basis and a.basis != s.basis) and \
        not {a.basis, s.basis} <= SEQUENTIAL


def _restates(a: Figure, b: Figure, w: dict[str, float]) -> bool:
    """Figure a may state again what the article's figure b states (a lead and its body):
    named alike, or measuring one metric on one basis by the lexicon."""
    return named(a, b, w) >= RESTATED or \
        (a.concept is not None and a.concept == b.concept and a.basis == b.basis)


class _Candidate(NamedTuple):
    """A source figure the article's figure may garble, and how strongly it is pointed to."""

    score: float                       # words + run, less TAKEN
    words: float                       # how alike the words naming the two are
    run: float                         # how the copied neighbours place it
    source: Figure
    pairs: list[tuple[Reading, Reading]]  # (article reading, source reading facing it)


def _copy_of(a: Figure, source: list[Figure], w: dict[str, float],
             used: dict[str, int] | None = None) -> Alignment | None:
    """The source figure the article's figure states as it is (within its precision), of
    several the one its words name best; as written beats converted (69541万吨（13908亿斤）)
    unless named better. Of several named alike (one figure stated twice, in a lead and a
    body), the n-th for the article's n-th statement of it (``used``: how many times the
    article stated each figure before): stories copy in the source's order."""
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
        return _unscaled_copy(a, source, w)
    top = max(k for k, _ in found)
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
        sr = s.readings[0]
        for scale in UNDECLARED:
            fr = Reading(sr.lo * scale, sr.hi * scale, sr.value * scale, "money", None, scale)
            if any(matches(ar, fr) for ar in a.readings):
                score = named(a, s, w)
                if score >= WORDS_SCORE and (best is None or score > best.score):
                    best = Alignment(a, s, fr, "converted", score)
    return best


def _nearest_scale(a: Figure, s: Figure) -> tuple[Reading, ...]:
    """A table number with no readable unit, read at the power of ten that brings it
    nearest the article's amount (both stating at least four digits): a slip's candidate."""
    sr, ar = s.readings[0], a.readings[0]
    if sr.dim != "bare" or len(s.readings) > 1 or ar.dim != "money" or not sr.value \
            or not ar.value \
            or _significant(a.mention.number_text or "") < SIGNIFICANT \
            or _significant(s.mention.text) < SIGNIFICANT:
        return ()
    scale = min(UNDECLARED, key=lambda k: abs(math.log10(abs(ar.value) / abs(sr.value * k))))
    return (Reading(sr.lo * scale, sr.hi * scale, sr.value * scale, "money", None, scale),)


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
        best = _copy_of(a, source, w, used)
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
                     (facing(a, ar, s, y) for y in s.readings + _nearest_scale(a, s))
                     if slippable(ar, sr)]
            if pairs:
                words = named(a, s, w)
                run = _support(article, i, copied, k, numeric)
                restated = k in taken and not any(_restates(a, b, w) for b in taken[k])
                # less when the article states that figure already, in other words
                ranked.append(_Candidate(words + run - TAKEN * restated, words, run, s, pairs))
        if not ranked:
            continue
        ranked.sort(key=lambda c: -c.score)
        top = ranked[0]
        rival = next((c.score for c in ranked[1:]
                      if not _same_figure(c.pairs[0][1], top.pairs[0][1])), 0.0)
        few = _few_digits(a)
        if top.words < (WORDS_IN_RUN if top.run >= RUN else WORDS_SCORE) \
                or top.score < SLIP_SCORE + few or top.score - rival < MARGIN \
                or (few and top.run < few):
            continue  # the words (and, for a short figure, its neighbours) single out none
        if weak is not None and not (top.words >= OVERRIDE_WORDS and top.run >= RUN
                                     and top.words - weak.score >= OVERRIDE_GAP):
            continue  # the copy stands
        for ar, sr in top.pairs:
            rounded = _rounding(a, ar, sr)
            if rounded:
                out[i] = Alignment(a, top.source, sr, "rounding", top.score, None, rounded)
                break
            slip = slip_between(a, ar, sr)
            if slip:
                out[i] = Alignment(a, top.source, sr, "slip", top.score, slip[0], slip[1])
                break
    return [out[i] for i in sorted(out)]
