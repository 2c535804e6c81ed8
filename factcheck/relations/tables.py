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

import bisect
import csv
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache

from ..coldates import BACK, RATE_COLUMN, basis, column_date
from ..interval import Interval
from ..lexicon import LEXICON_DIR
from ..texttable import Section, Span, columns, tables
from .common import Binding, _row, as_level
from .document import Document
from .frames import Frame
from .tableprose import prose_cells

PRIORITY = ("delta", "share", "base", "current")
YEAR = re.compile(r"(?:19|20)\d\d(?=年|$)")
TOTAL_WORDS = ("合计", "总计", "总额", "合共", "小计", "总数")


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, str], ...]:
    with (LEXICON_DIR / "table_columns.csv").open(encoding="utf-8") as fh:
        rows = [(r["word"], r["role"]) for r in csv.DictReader(fh)]
    return tuple(sorted(rows, key=lambda r: (PRIORITY.index(r[1]), -len(r[0]))))


def _roles(header: list[Span], text: str) -> dict[Span, str]:
    """Each header cell's role (cells of no role are left out); of dated columns, the latest
    is the current one and the others bases (2023年 | 2022年; a stacked header's period ends)."""
    cells = [text[a:b] for a, b in header]
    roles = {span: next((role for word, role in _words() if word in cell), None)
             for span, cell in zip(header, cells, strict=True)}
    dates = _dates(header, text)
    if len(set(dates.values())) >= 2 and all(roles[span] is None for span in dates):
        latest = max(dates.values())
        roles |= {span: "current" if when == latest else "base" for span, when in dates.items()}
    return {span: role for span, role in roles.items() if role is not None}


def _dates(header: list[Span], text: str) -> dict[Span, tuple[int, int]]:
    """The header cells that are dates: (year, month; 0 for a year alone)."""
    out = {}
    for span in header:
        cell = text[span[0]:span[1]].replace("\n", "")
        when = column_date(cell)
        if when is not None:
            out[span] = (when[0], when[1] or 0)
        elif year := YEAR.search(cell):  # 2023年 | 2023年度
            out[span] = (int(year.group()), 0)
    return out


def _dated(header: list[Span], text: str) -> list[tuple[Span, Span, Span]]:
    """(current, base, change) columns of a header of months and changes on named bases: the
    latest month is the current one, and each change column's base is the month its basis
    points back to (年增減率, 同比变动: the same month a year before; 月增減率: the month
    before; 环比变动 in a table of quarters: the quarter before, the latest earlier column
    that is not the year-back one)."""
    dates = {when[0] * 12 + when[1]: span for span, when in _dates(header, text).items()
             if when[1]}
    if len(dates) < 2:
        return []
    latest = max(dates)
    earlier = sorted(d for d in dates if d < latest and d != latest - 12)
    out = []
    for span in header:
        cell = text[span[0]:span[1]]
        step = RATE_COLUMN.match(cell)
        back = BACK[step.group(1)] if step else {"yoy": 12}.get(basis(cell) or "")
        if back is None and basis(cell) == "seq" and earlier:
            back = latest - earlier[-1]
        if back and (base := dates.get(latest - back)):
            out.append((dates[latest], base, span))
    return out


def _steps(section: Section, text: str, dated: list[tuple[Span, Span, Span]]
           ) -> list[tuple[Span, Span, Span, int]]:
    """The dated columns with how many months each change column looks back."""
    dates = _dates(section.header, text)
    return [(c, b, d, (dates[c][0] - dates[b][0]) * 12 + dates[c][1] - dates[b][1])
            for c, b, d in dated]


def column_when(section: Section, text: str, head: Span, dates: dict[Span, tuple[int, int]],
                dated: list[tuple[Span, Span, Span]]) -> tuple[str, tuple[int, int] | None
                                                              ] | None:
    """The period a dated column's cells are of (year, first and last month when the header
    says how many months its columns cover), or for a change column the current column's;
    ``dates`` and ``dated``: the section's, as _dates and _dated read them."""
    if not dates:
        return None
    if head not in dates:
        head = next((current for current, _, delta in dated if delta == head), None)
        if head is None:
            return None
    year, month = dates[head]
    if month and not section.months and "日" not in text[head[0]:head[1]]:
        return str(year), (month, month)  # 2026年1月: the month's own column
    if not month or not section.months or month < section.months:
        return str(year), None
    return str(year), (month - section.months + 1, month)


def _has_table(doc: Document) -> bool:
    """Whether the text could hold a table: a header and a row are two lines at least (a
    table flattened onto one line is relations/flat.py's)."""
    return "\n" in doc.folded


def bind_table(frames: list[Frame], doc: Document) -> Iterator[Binding]:
    if not _has_table(doc):
        return
    starts = [f.start for f in frames]

    def figure(span: Span) -> Frame | None:
        k = bisect.bisect_left(starts, span[0])
        return frames[k] if k < len(frames) and starts[k] < span[1] else None

    text = doc.folded
    for section in tables(text, lambda span: figure(span) is not None):
        roles = _roles(section.header, text)
        dated = _dated(section.header, text)
        if dated:  # 2025年1月 | 2025年12月 | 2026年1月 | 月增減率 | 年增減率
            yield from prose_cells(section, text, frames, figure, _steps(section, text, dated))
            for row in section.rows:
                cell = {h: figure(c) for h, c in columns(section, row)}
                for current, base, delta in dated:
                    yield from _changes({"current": cell.get(current), "base": cell.get(base),
                                         "delta": cell.get(delta)})
        elif {"current", "base", "delta"} <= set(roles.values()):
            for row in section.rows:  # a row's figures by the role of their column (a
                cell = {h: figure(c) for h, c in columns(section, row)}  # misaligned row
                for group in _groups(section.header, roles):  # has none)
                    yield from _changes({role: cell.get(h) for role, h in group.items()})
        elif "base" not in roles.values() and list(roles.values()).count("delta") == 2 \
                and "current" in roles.values():  # 收市指數 | 跌幅 (點數) | 跌幅(百分比)
            for row in section.rows:
                cell = {h: figure(c) for h, c in columns(section, row)}
                yield from _close_moves([cell.get(h) for h, role in roles.items()
                                     if role in ("current", "delta")])
        if "share" in roles.values():
            yield from _shares(section, roles, figure, text)


def _groups(header: list[Span], roles: dict[Span, str]) -> list[dict[str, Span]]:
    """The header's columns in runs of distinct roles: a header that repeats its columns for
    a second measure (今天 | 上交易日 | 升跌% | 今天 | 上交易日, amounts then shares) holds two
    groups, each a row's current, base and change of one measure."""
    groups: list[dict[str, Span]] = [{}]
    for span in header:
        role = roles.get(span)
        if role is None:
            continue
        if role in groups[-1]:
            groups.append({})
        groups[-1][role] = span
    return groups


def _close_moves(cells: list[Frame | None]) -> Iterator[Binding]:
    """A close, its move in points and its move in percent (current, delta, delta in header
    order): the percent is the points move on the close before it (close less the move)."""
    if len(cells) != 3 or None in cells:
        return
    level, change, rate = (as_level(f) for f in cells)  # type: ignore[arg-type]
    if change.quantity == "percent":
        change, rate = rate, change
    if level.quantity != "amount" or change.quantity != "amount" or rate.quantity != "percent" \
            or level.unit != change.unit:
        return
    yield Binding(_row("table_implied_base"), "rate",
                  [{"rate": rate, "change": change, "level": level}], True)


def column_cells(starts: set[int], doc: Document
                 ) -> dict[int, tuple[str, str | None, tuple | None]]:
    """Each table cell's figure (by its start): its column's header (folded; it may state the
    cells' unit: 增减(%), 金额(亿元)), role (current, base, delta, share: a source's 上年同期
    column holds no figure of this period) and, for a dated column, its period (year,
    months; column_when)."""
    if not _has_table(doc):
        return {}
    out: dict[int, tuple[str, str | None, tuple | None]] = {}
    for section in tables(doc.folded, lambda span: any(a in starts for a in range(*span))):
        roles = _roles(section.header, doc.folded)
        dates, dated = _dates(section.header, doc.folded), _dated(section.header, doc.folded)
        for current, base, delta in dated:
            roles.setdefault(current, "current")
            roles.setdefault(base, "base")
            roles[delta] = "delta"
        for row in section.rows:
            for head, (a, b) in columns(section, row):
                cell = (doc.folded[head[0]:head[1]], roles.get(head),
                        column_when(section, doc.folded, head, dates, dated))
                out.update({x: cell for x in range(a, b) if x in starts})
    return out


def _changes(cell: dict[str, Frame | None]) -> Iterator[Binding]:
    level, base, delta = cell.get("current"), cell.get("base"), cell.get("delta")
    if level is None or base is None or delta is None or level.quantity != base.quantity \
            or level.unit != base.unit:
        return
    level, base, delta = as_level(level), as_level(base), as_level(delta)
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


def _shares(section: Section, roles: dict[Span, str], figure: Callable[[Span], Frame | None],
            text: str) -> Iterator[Binding]:
    """Every row's share against the section's total row, or against the row whose implied
    total the most rows share."""
    entries = []  # (label, part, share)
    for row in section.rows:
        pairs = columns(section, row)
        at = next((k for k, (h, _) in enumerate(pairs) if roles.get(h) == "share"), None)
        if at is None:
            continue
        share = figure(pairs[at][1])
        amounts = [figure(span) for _, span in pairs[:at]]
        part = next((f for f in reversed(amounts) if f is not None), None)
        if share is None or part is None or share.quantity != "percent" \
                or part.quantity != "amount" or not share.mention.value:
            continue
        entries.append((text[row[0][0]:row[0][1]], as_level(part), as_level(share)))
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
    agree = [sum(1 for j, other in enumerate(implied) if j != i and mine is not None
                 and other is not None and mine.overlaps(other))
             for i, mine in enumerate(implied)]
    ref = max(range(len(entries)), key=lambda i: (agree[i], entries[i][2].mention.value))
    _, ref_part, ref_share = entries[ref]
    for i, (_, part, share) in enumerate(entries):
        if i != ref:
            yield Binding(_row("table_share_implied"), "share",
                          [{"share": share, "part": part, "ref": ref_part,
                            "ref_share": ref_share}], True)


def _implied(part: Frame, share: Frame) -> Interval | None:
    """The total a row implies (part over share), when both are bounded and the share
    positive."""
    p, s = part.interval(), share.interval()
    if p.lo is None or p.hi is None or s.lo is None or s.hi is None or s.lo <= 0:
        return None
    return p / s
