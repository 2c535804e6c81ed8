"""A date the article copied from its source with one part slipped: 自2015年12月24日起 in a
sentence that is otherwise the notice's 自2015年10月24日起.

Dates recur in a story for reasons of their own (its dateline, the day before, last year's
release), so a date is bound only where its sentence is the source's sentence around it
(``align.context``), the source states no such date, and exactly one date of the source
differs from it in one part (year, month or day) by one typical slip of that part's digits.
A date with one known part (16日, 2025年) names too little to be bound this way.
"""

from __future__ import annotations

import re

from ..digit_slips import slip_kind
from .align import COPIED_CONTEXT, Alignment, context
from .figures import Figure

PART_WORDS = ("年", "月", "日")


def date_slips(article: list[Figure], source: list[Figure], aligned: set[int]
               ) -> list[Alignment]:
    """Alignments (relation ``slip``) of the article's unaligned dates that a copied
    sentence places on a source date one slip away."""
    whens = [s for s in source if s.readings and s.readings[0].dim == "when"]
    keys = {s.readings[0].key for s in whens}
    out: list[Alignment] = []
    for a in article:
        if a.start in aligned or not a.readings or a.readings[0].dim != "when":
            continue
        key = a.readings[0].key
        parts = _parts(key)
        if key in keys or parts is None or sum(bool(p) for p in parts) < 2:
            continue
        near: dict[str, tuple[Figure, int, str]] = {}
        for s in whens:
            theirs = _parts(s.readings[0].key)
            slipped = _one_part(parts, theirs) if theirs is not None else None
            if slipped is not None and context(a, s) >= COPIED_CONTEXT:
                near.setdefault(s.readings[0].key, (s, *slipped))
        if len(near) != 1:
            continue
        s, k, slip = next(iter(near.values()))
        expected = _expected(a.mention.text, k, _parts(s.readings[0].key)[k])  # type: ignore[index]
        out.append(Alignment(a, s, s.readings[0], "slip", context(a, s), slip, expected))
    return out


def _parts(key: str) -> list[str] | None:
    """(year, month, day) of a D: key as numbers written without leading zeros."""
    if not key.startswith("D:"):
        return None
    parts = key[2:].split(":")
    return [p.lstrip("0") for p in parts] if len(parts) == 3 else None


def _one_part(mine: list[str], theirs: list[str]) -> tuple[int, str] | None:
    """(index of the part, slip) when the article's known parts equal the source's but one,
    which one typical slip of its digits turns into the source's."""
    differ = [k for k in range(3) if mine[k] and mine[k] != theirs[k]]
    if len(differ) != 1 or any(mine[k] and not theirs[k] for k in range(3)):
        return None
    k = differ[0]
    slip = slip_kind(theirs[k], mine[k])
    return (k, slip) if slip else None


def _expected(text: str, k: int, right: str) -> str:
    """The article's date with the slipped part as the source gives it (as written where the
    part is in Arabic digits)."""
    m = re.search(rf"\d+(?=\s?{PART_WORDS[k]})", text)
    return text[:m.start()] + right + text[m.end():] if m else text
