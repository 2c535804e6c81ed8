"""Units a table's header gives its columns: 项目 金额(亿元) 同比增长(%) over rows of bare
numbers (营业收入 127962 8.54).

A results table pasted as text keeps its unit in the column header, not beside each figure;
read alone, 127962 is a bare number and is dropped. A header line names, in brackets at the end
of a cell, a unit the extractor knows (亿元, 万港元, 百万美元, %, 元); the lines right below it
with as many cells, each a label and bare numbers, take that unit in that column. Cells are
split on tabs, ``|`` or runs of spaces, or on single spaces when a line has no sentence
punctuation (a page's text often collapses the runs)."""

from __future__ import annotations

import re
from decimal import Decimal

from .cand import Cand, DocContext
from .lexicon import Lexicon

HEADER_UNIT = re.compile(r"[(（]\s?(?:单位\s?[:：]\s?)?([^()（）\s]{1,6})\s?[)）]$")
SENTENCE = re.compile(r"[。，,；;！？!?]")
CELL = re.compile(r"[^\s|]+")


def header_units(cands: list[Cand], folded: str, ctx: DocContext, lex: Lexicon) -> None:
    """Give each bare number under a unit-naming header its column's unit (in place)."""
    if "(" not in folded and "（" not in folded:
        return
    by_start = {c.start: c for c in cands if c.bare and c.kind == "count" and c.unit is None}
    if not by_start:
        return
    lines = _lines(folded)
    for k, (start, cells) in enumerate(lines):
        units = [_unit(folded[a:b], ctx, lex) for a, b in cells]
        if len(cells) < 2 or not any(units) or units[0] is not None:
            continue
        for _, row in lines[k + 1:]:
            if len(row) != len(cells):
                break
            for (a, b), unit in zip(row, units, strict=True):
                c = by_start.get(a)
                if unit is not None and c is not None and c.end == b:
                    _apply(c, unit, start)


def _lines(folded: str) -> list[tuple[int, list[tuple[int, int]]]]:
    out = []
    pos = 0
    for line in folded.split("\n"):
        if line.strip() and not SENTENCE.search(line) and len(line) <= 80:
            out.append((pos, [(pos + m.start(), pos + m.end()) for m in CELL.finditer(line)]))
        else:
            out.append((pos, []))
        pos += len(line) + 1
    return out


def _unit(cell: str, ctx: DocContext, lex: Lexicon) -> tuple[str, str | None, Decimal] | None:
    """(kind, unit, factor) the cell's bracketed unit names: (亿元) -> money in the story's
    currency times 10^8, (%) -> percent."""
    m = HEADER_UNIT.search(cell)
    if m is None:
        return None
    word = m.group(1)
    if word in ("%", "％"):
        return ("percent", "%", Decimal(1))
    for mult in sorted(lex.multipliers, key=len, reverse=True) + [""]:
        if not word.startswith(mult):
            continue
        code = lex.currencies.get((word[len(mult):], "post")) or lex.currencies.get(
            (word[len(mult):], "both"))
        if code is None or "_" in code:
            continue
        unit = ctx.currency if code == "LOCAL" else code
        return ("money", unit, lex.multipliers.get(mult, Decimal(1)))
    return None


def _apply(c: Cand, unit: tuple[str, str | None, Decimal], header: int) -> None:
    kind, code, factor = unit
    c.kind, c.unit, c.bare = kind, code, False
    if isinstance(c.value, Decimal):
        c.value *= factor
        c.ulp = c.ulp * factor if c.ulp is not None else None
    c.multiplier = factor
    c.extra["unit_basis"] = f"the column header at offset {header}"
