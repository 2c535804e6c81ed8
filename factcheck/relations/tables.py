"""Relations a table declares by its layout: a row's current and prior-period figures and
its change (本期 | 上年同期 | 同比增减), and a column of shares of one total (营业收入 | 占比).

The column a figure stands in says what it is, so no words around it are needed: the header
cells are read through ``lexicon/table_columns.csv`` (delta before share before base before
current, the longest word first: 本期比上年同期增减 is a change, 上年同期 a base). Two year
columns (2023年 | 2022年) are the current and the base by their order in time. A row's change
is a growth rate when its cells are percents of amounts, a pp change when the row's figures
are rates, an amount when they are amounts. A share column implies one total for the rows of
a section; the total is the row that says so (合计, 100%), else the row whose implied total
the most other rows agree with, so one slipped row is the one flagged.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from ..lexicon import LEXICON_DIR
from ..texttable import Section, Span, columns, tables
from .common import Binding, _row
from .document import Document
from .frames import Frame

PRIORITY = ("delta", "share", "base", "current")
YEAR = re.compile(r"(?:19|20)\d\d(?=年|$)")
TOTAL_WORDS = ("合计", "总计", "总额", "合共", "小计", "总数")


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, str], ...]:
    with (LEXICON_DIR / "table_columns.csv").open(encoding="utf-8") as fh:
        rows = [(r["word"], r["role"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: (PRIORITY.index(r[1]), -len(r[0]))))


def _roles(header: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in header:
        roles.append(next((role for word, role in _words() if word in cell), None))
    years = [(int(m.group()), k) for k, cell in enumerate(header)
             if roles[k] is None and (m := YEAR.search(cell))]
    if len(years) == 2 and years[0][0] != years[1][0]:  # 2023年 | 2022年
        (_, late), (_, early) = sorted(years, reverse=True)
        roles[late], roles[early] = "current", "base"
    return roles


def _level(f: Frame) -> Frame:
    """A cell's figure as a plain signed level: the table, not a verb, gives its role."""
    return replace(f, role="level", direction=0)


def bind_table(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    if "|" not in doc.folded and "\t" not in doc.folded and "  " not in doc.folded:
        return
    starts = sorted((f.start, f) for f in frames)

    def figure(span: Span) -> Frame | None:
        return next((f for s, f in starts if span[0] <= s < span[1]), None)

    text = doc.folded
    for section in tables(text, lambda span: figure(span) is not None):
        roles = _roles([text[a:b] for a, b in section.header])
        if "current" in roles and "base" in roles and "delta" in roles:
            for row in section.rows:
                yield from _changes(section, row, roles, figure)
        if "share" in roles:
            yield from _shares(section, roles, figure, text)


def _changes(section: Section, row: list[Span], roles: list[str | None],
             figure) -> Iterator[Binding]:
    pairs = columns(section, row)
    if len(pairs) != len(roles) - (len(section.header) == len(row)):
        return
    offset = 1 if len(section.header) == len(row) else 0
    cell = {roles[k + offset]: figure(span) for k, (_, span) in enumerate(pairs)
            if roles[k + offset] in ("current", "base", "delta")}
    level, base, delta = cell.get("current"), cell.get("base"), cell.get("delta")
    if level is None or base is None or delta is None or level.quantity != base.quantity \
            or level.unit != base.unit:
        return
    level, base, delta = _level(level), _level(base), _level(delta)
    if level.quantity == "amount" and delta.quantity == "percent":
        if base.mention.value is None or Decimal(base.mention.value) <= 0 \
                or Decimal(level.mention.value or 0) < 0:
            return  # a loss's change: outlets divide by the base's size or not at all
        yield Binding(_row("table_growth"), "rate",
                      [{"rate": delta, "level": level, "base": base}], True)
    elif level.quantity == "amount" and delta.quantity == "amount" and delta.unit == level.unit:
        yield Binding(_row("table_change"), "change",
                      [{"change": delta, "level": level, "base": base}], True)
    elif level.quantity == "percent" and delta.quantity == "pp":
        yield Binding(_row("table_pp"), "change",
                      [{"change": delta, "level": level, "base": base}], True)


def _shares(section: Section, roles: list[str | None], figure, text: str) -> Iterator[Binding]:
    """Every row's share against the section's total row, or against the row whose implied
    total the most rows share."""
    k = roles.index("share")
    entries = []  # (label, part, share)
    for row in section.rows:
        pairs = columns(section, row)
        offset = 1 if len(section.header) == len(row) else 0
        if len(pairs) != len(roles) - offset or k - offset < 0:
            continue
        share = figure(pairs[k - offset][1])
        amounts = [figure(span) for _, span in pairs[:k - offset]]
        part = next((f for f in reversed(amounts) if f is not None), None)
        if share is None or part is None or share.quantity != "percent" \
                or part.quantity != "amount" or not share.mention.value:
            continue
        entries.append((text[row[0][0]:row[0][1]], _level(part), _level(share)))
    if len(entries) < 2:
        return
    units = {part.unit for _, part, _ in entries}
    if len(units) != 1:
        return
    total = next((e for e in entries if any(w in e[0] for w in TOTAL_WORDS)
                  or Decimal(e[2].mention.value) == 100), None)  # type: ignore[arg-type]
    if total is not None:
        for _, part, share in entries:
            if share is not total[2]:
                yield Binding(_row("table_share"), "share",
                              [{"share": share, "part": part, "total": total[1]}], True)
        return
    implied = [_implied(part, share) for _, part, share in entries]
    agree = [sum(1 for j, other in enumerate(implied) if j != i and _overlap(mine, other))
             for i, mine in enumerate(implied)]
    ref = max(range(len(entries)), key=lambda i: (agree[i], entries[i][2].mention.value))
    _, ref_part, ref_share = entries[ref]
    for i, (_, part, share) in enumerate(entries):
        if i != ref:
            yield Binding(_row("table_share_implied"), "share",
                          [{"share": share, "part": part, "ref": ref_part,
                            "ref_share": ref_share}], True)


def _implied(part: Frame, share: Frame) -> tuple[Decimal, Decimal] | None:
    p, s = part.interval(), share.interval()
    if p.lo is None or p.hi is None or s.lo is None or s.hi is None or s.lo <= 0:
        return None
    return p.lo / s.hi, p.hi / s.lo


def _overlap(a: tuple[Decimal, Decimal] | None, b: tuple[Decimal, Decimal] | None) -> bool:
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]
