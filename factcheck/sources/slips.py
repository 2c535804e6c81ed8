"""How an article's reading and a source's compare, and which typical slip turns one into the
other: the value tests alignment rests on (matches, compatible, same_time), the source reading
turned to face the article's (units pint converts, a direction one side does not state), and
the repair search's slips (a digit changed, swapped, dropped, doubled or put back, 万/亿, a
sign) with the rounding that changes a digit the source states.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from types import SimpleNamespace

from ..digit_slips import slip_kind
from ..model import Mention
from .figures import Figure, Reading


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


@lru_cache(maxsize=1024)
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


@lru_cache(maxsize=4096)
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


EPSILON = Decimal("1e-20")
CUT_DIGITS = 3  # significant digits of a figure whose slip may follow a cut of the source's


def slip_between(article: Figure, a: Reading, s: Reading) -> tuple[str, str] | None:
    """(kind, the article's figure as the source gives it) when undoing one typical slip
    in the article's figure as written gives the source's figure; None otherwise. Of
    several, the one that moves the value least."""
    m = article.mention
    if a.value == 0 and s.value != 0:
        return _lost_digit(m, s)
    if s.value == 0 or a.value == 0:
        return None
    half = (a.hi - a.lo) / 2
    if article.sign and a.lo <= -s.value <= a.hi:
        return "sign", m.text
    best: tuple[bool, Decimal, str, str] | None = None
    places = _decimals(m.text)
    # the source states more digits than the article, which states three or more (a short
    # figure is within one unit of many a release's figures)
    finer = s.hi - s.lo < a.hi - a.lo and \
        len(re.sub(r"\D", "", m.number_text or "").lstrip("0")) >= CUT_DIGITS
    for kind, written, factor in slips(m):
        value = a.value * factor
        width = half * abs(factor) if kind == "scale" else \
            half * Decimal(1).scaleb(-max(0, _decimals(written) - places))
        width += abs(value) * EPSILON  # the factor's division is inexact (5745 * 5845/5745)
        trial = Reading(value - width, value + width, value, a.dim, a.currency, a.scale)
        # (a decimal put back states its own place: 635.54, not 635.49 ± 0.05)
        if kind == "insert" and _finer(written, m, a, s):
            continue  # 0.4 -> 0.45 to meet 0.5: a digit the source does not state
        exact = matches(trial, s)
        # 6兆5695億 for 4兆5,695.69億: the slip of a figure the writer first cut (or rounded
        # to the wrong digit), so within one unit of its last place of the source
        if exact or (finer and kind != "insert" and abs(value - s.value) < 2 * width):
            key = (not exact, abs(factor - 1))
            if best is None or key < best[:2]:
                best = (not exact, abs(factor - 1), kind, written)
    if best is None:
        return None
    return _writers(best[2], best[3], m.text), best[3]


def _lost_digit(m: Mention, s: Reading) -> tuple[str, str] | None:
    """0% for the source's 10%, 0基點 for 50基點: the source's one non-zero digit dropped
    leaves a zero (no factor undoes that, so it is read from the source's digits)."""
    written = _digits(m.number_text or "")
    if written is None:
        return None
    digits = format(abs(s.value / (m.multiplier or 1)).normalize(), "f").replace(".", "")
    if sum(ch != "0" for ch in digits) != 1:
        return None
    expected = _expected(m.text, written, s, m.multiplier)
    # 0.0% for 0.3%: a digit changed to 0 (as many digits); 0% for 10%: one dropped
    same = len(re.sub(r"\D", "", expected)) == len(re.sub(r"\D", "", m.text))
    return ("digit" if same else "drop"), expected


def _writers(kind: str, repaired: str, written: str) -> str:
    """The slip named as the writer made it: undoing it drops a digit the writer doubled or
    added, and puts back one the writer dropped (the repair's own names say the opposite)."""
    if kind not in ("drop", "double", "insert"):
        return kind
    return slip_kind(re.sub(r"\D", "", repaired), re.sub(r"\D", "", written)) or kind


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
    if len(re.findall(r"[0-9][0-9,]*(?:\.[0-9]+)?", m.text)) > 1:  # 1兆6304億: digit groups
        return _compound_rounding(m, s)
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


def _compound_rounding(m: Mention, s: Reading) -> str | None:
    """The same for a figure written in groups (1兆6304億 for 1兆6,304.65億): one unit of its
    last group off the source rounded to that group, and within one unit of the source."""
    step = m.precision
    if not step or not isinstance(m.value, Decimal):
        return None
    exact = abs(s.value)
    if exact == (exact / step).to_integral_value() * step:
        return None  # the source is no more precise than the article
    true = (exact / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    value = abs(m.value)
    if abs(value - true) != step or abs(value - exact) >= step:
        return None
    from ..relations.solve import NUMBER

    last = list(NUMBER.finditer(m.text))[-1]
    digits = last.group().replace(",", "")
    if "." in digits:
        return None
    fixed = str(int(digits) + int((true - value) / step))
    return m.text[:last.start()] + fixed + m.text[last.end():]


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


def _same_figure(x: Reading, y: Reading) -> bool:
    """One figure stated twice, in two units or precisions (69541万吨（13908亿斤）)."""
    return x.lo <= y.value <= x.hi or y.lo <= x.value <= y.hi


def _few_digits(a: Figure) -> float:
    """A figure of one or two significant digits (0.4%, 2.1%) is one slip away from many
    figures of a release, so its alignment by a slip needs more evidence."""
    digits = re.sub(r"\D", "", a.mention.number_text or "").lstrip("0")
    return 0.25 if len(digits) <= 2 else 0.0
