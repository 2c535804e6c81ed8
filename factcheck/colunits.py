"""Units a table's header gives its columns: 项目 金额(亿元) 同比增长(%) over rows of bare
numbers (营业收入 127962 8.54).

A results table pasted as text keeps its unit in the column header, not beside each figure;
read alone, 127962 is a bare number and is dropped. A header line names, in brackets at the end
of a cell, a unit the extractor knows (亿元, 万港元, 百万美元, %, 元); the lines right below it
with as many cells, each a label and bare numbers, take that unit in that column. Cells are
split on tabs, ``|`` or runs of spaces, or on single spaces when a line has no sentence
punctuation (a page's text often collapses the runs); a cell that is only a bracket (跌幅
(點數), 20,185,676,000 (調整前)) belongs to the cell before it.

The header also says what a column holds that is no amount: 名次 / 排名 (rank labels 1, 2, 3:
no figures) and 日期 (compact date codes 031023, 20030925: dates), as exchange statistics
print them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .cand import Cand, DocContext
from .lexicon import Lexicon

HEADER_UNIT = re.compile(r"[(（]\s?(?:单位\s?[:：]\s?)?([^()（）\s]{1,6})\s?[)）]$")
SENTENCE = re.compile(r"[。，；;！？!?]|(?<!\d),|,(?!\d)")  # (not 21,355,025,827's commas)
CELL = re.compile(r"[^\s|]+")


def header_units(cands: list[Cand], folded: str, ctx: DocContext, lex: Lexicon) -> list[Cand]:
    """The candidates with each bare number under a unit-naming header given its column's
    unit, each compact code under 日期 read as a date, and the rank labels under 名次, which
    are no figures, dropped (in text order)."""
    if "(" not in folded and "（" not in folded and not COLUMN_WORD.search(folded):
        return cands
    by_start = {c.start: c for c in cands if c.bare and c.kind == "count" and c.unit is None}
    if not by_start and not COLUMN_WORD.search(folded):
        return cands  # no bare number to give a unit, no rank or date column to read
    ranks: set[int] = set()
    dates: list[Cand] = []
    lines = _lines(folded)
    for k, (start, cells) in enumerate(lines):
        units = [_unit(folded[a:b], ctx, lex) or _column(folded[a:b])
                 or _price_column(folded[a:b], ctx) for a, b in cells]
        if k and len(cells) >= 2 and not any(units):
            caption = _caption_unit(folded, lines[k - 1], lines[k], ctx, lex)
            if caption is not None:  # the label column, then every column in its unit
                units, start = [None] + [caption] * (len(cells) - 1), lines[k - 1][0]
        if len(cells) < 2 or not any(units) or units[0] not in (None, RANK):
            continue
        for row_start, row in lines[k + 1:]:
            if not row and not folded[row_start:folded.find("\n", row_start)].strip():
                continue  # a blank line between a table's rows
            if len(row) != len(cells):
                break
            # 营业收入(元) | 647,354,096.28 | … : the row's label names the unit of its cells
            # where the column's header names none
            own = _unit(folded[row[0][0]:row[0][1]], ctx, lex)
            for (a, b), unit in zip(row, units, strict=True):
                if unit is None and own is not None and a != row[0][0]:
                    unit = own
                c = by_start.get(a) or (by_start.get(a + 1) if folded[a] in "+-" else None)
                if unit is RANK:
                    if c is not None and c.end == b:
                        ranks.add(a)
                elif unit is DATE:
                    date = _compact_date(folded[a:b])
                    if date is None:
                        continue
                    if c is None:
                        c = Cand(a, b, "date")
                        dates.append(c)
                    c.kind, c.bare, c.end, c.value = "date", False, b, date.isoformat()
                    c.date_parts = (date.year, date.month, date.day)
                elif unit is not None and c is not None and c.end <= b:
                    _apply(c, unit, start)  # (c.end < b: a bracketed note after it)
    if not ranks and not dates:
        return cands
    return sorted([c for c in cands if c.start not in ranks] + dates, key=lambda c: c.start)


RANK: tuple[str, str | None, Decimal] = ("rank", None, Decimal(1))
DATE: tuple[str, str | None, Decimal] = ("date", None, Decimal(1))
COLUMN_WORD = re.compile(r"(?m)^[ \t]*(?:名次|排名|排序|序号)[ \t]")
COMPACT = re.compile(r"(\d{2}|\d{4})(\d{2})(\d{2})")


PRICE_HEAD = re.compile(r"(?:收盘价?|收市价|股价|成交价|开盘价|价格)(?:[(（][^()（）]{0,6}[)）])?$")


def _price_column(cell: str, ctx: DocContext) -> tuple[str, str | None, Decimal] | None:
    """台北上市股票收盤價, ADR收盤（換算後）: a column of share prices, in the story's dollar
    (a header that names a currency says so itself, through _unit)."""
    return ("money", ctx.currency, Decimal(1)) if PRICE_HEAD.search(cell) else None


def _column(cell: str) -> tuple[str, str | None, Decimal] | None:
    if cell in ("名次", "排名", "排序", "序号"):
        return RANK
    return DATE if cell.endswith("日期") else None


# 出口值(纽元),每月 / 单位：亿元 on the line above a table: the unit of every amount column
CAPTION_UNIT = re.compile(r"[(（]\s?(?:单位\s?[:：]\s?)?([^()（）\s]{1,6})\s?[)）]"
                          r"|单位\s?[:：]\s?([^()（）\s，,。]{1,6})\s*$")


def _caption_unit(folded: str, caption: tuple[int, list[tuple[int, int]]],
                  header: tuple[int, list[tuple[int, int]]], ctx: DocContext,
                  lex: Lexicon) -> tuple[str, str | None, Decimal] | None:
    """The money unit a caption line right above a table's header names, when the header
    names none of its own (its amount columns take it)."""
    if caption[1] and len(caption[1]) == len(header[1]):
        return None  # (a caption is no row of the table)
    for m in CAPTION_UNIT.finditer(folded, caption[0], header[0] - 1):
        unit = _unit(f"({m.group(1) or m.group(2)})", ctx, lex)
        if unit is not None:
            return unit if unit[0] == "money" else None
    return None


def _compact_date(cell: str) -> dt.date | None:
    """031023 (YYMMDD) or 20030925 (YYYYMMDD) under a 日期 header."""
    m = COMPACT.fullmatch(cell)
    if m is None:
        return None
    year = int(m[1]) + (2000 if len(m[1]) == 2 else 0)
    try:
        return dt.date(year, int(m[2]), int(m[3]))
    except ValueError:
        return None


def _lines(folded: str) -> list[tuple[int, list[tuple[int, int]]]]:
    out = _physical_lines(folded)
    return _cell_rows(folded, out) if "|" in folded else out


def _one_cell(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the one cell a line ``项目 |`` holds (text, then a closing bar)."""
    line = folded[start:end]
    body = line.rstrip(" \t")
    if not body.endswith("|") or "|" in body[:-1]:
        return None
    cell = body[:-1].rstrip(" \t")
    text = cell.lstrip(" \t")
    if not text:
        return None
    return start + len(cell) - len(text), start + len(cell)


NUMBER_CELL = re.compile(r"[+\-]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


def _cell_rows(folded: str, lines: list[tuple[int, list[tuple[int, int]]]]
               ) -> list[tuple[int, list[tuple[int, int]]]]:
    """A table pasted one cell per line (项目 | / 本报告期 | / 上年同期 | / 同比(%) |
    / 营业收入(元) | / 647,354,096.28 | …): its header is the run of worded cells before the
    first number but one (the first row's label), and the cells after it fall into rows of
    that many."""
    out: list[tuple[int, list[tuple[int, int]]]] = []
    k = 0
    while k < len(lines):
        run = []
        while k + len(run) < len(lines):
            start = lines[k + len(run)][0]
            end = folded.find("\n", start)
            cell = _one_cell(folded, start, len(folded) if end < 0 else end)
            if cell is None:
                break
            run.append(cell)
        rows = _rows_of(folded, run) if len(run) >= MIN_RUN else None
        if rows is None:
            out.append(lines[k])
            k += 1
            continue
        out += [(row[0][0], row) for row in rows]
        k += len(run)
    return out


MIN_RUN = 6  # cells: a header of two and a row of two at the least, with a label and a number


def _rows_of(folded: str, cells: list[tuple[int, int]]) -> list[list[tuple[int, int]]] | None:
    numeric = [NUMBER_CELL.fullmatch(folded, a, b) is not None for a, b in cells]
    if True not in numeric:
        return None
    width = numeric.index(True) - 1  # the header's cells (the first row's label follows)
    if width < 2:
        return None
    rows, i = [], 0
    while i < len(cells):
        row = cells[i:i + width]
        if len(row) < width:
            break
        rows.append(row)
        i += width
    return rows


def _physical_lines(folded: str) -> list[tuple[int, list[tuple[int, int]]]]:
    out = []
    pos = 0
    for line in folded.split("\n"):
        csv_cells = _csv_cells(line, pos)
        if csv_cells is not None:  # 台積電 ,TSM ,"1,879.03 ",+0.62: a table pasted as CSV
            out.append((pos, csv_cells))
        elif line.strip() and not SENTENCE.search(line) and len(line) <= 80:
            cells: list[tuple[int, int]] = []
            for m in CELL.finditer(line):
                if cells and m.group().startswith(("(", "（")):  # 跌幅 (點數): one cell
                    cells[-1] = (cells[-1][0], pos + m.end())
                else:
                    cells.append((pos + m.start(), pos + m.end()))
            out.append((pos, cells))
        else:
            out.append((pos, []))
        pos += len(line) + 1
    return out


CSV_FIELD = re.compile(r'\s*(?:"([^"\n]*)"|([^,"\n]*))\s*(?:,|$)')
SEPARATOR = re.compile(r"(?<![0-9]),|,(?![0-9])")
CSV_LINE_MAX = 240
CSV_FIELD_MAX = 16  # characters: a clause of prose between ASCII commas is longer


def _csv_cells(line: str, pos: int) -> list[tuple[int, int]] | None:
    """The fields of a comma-separated row (quotes keep 1,879.03 whole), as spans, when the
    line is one: three fields or more, each short, no sentence punctuation."""
    if len(line) > CSV_LINE_MAX or len(SEPARATOR.findall(line)) < 2 \
            or re.search(r"[。；！？]", line):
        return None  # (21,355,025,827's commas group digits; they separate no fields)
    cells, at = [], 0
    while at < len(line):
        m = CSV_FIELD.match(line, at)
        if m is None or m.end() == at:
            return None
        group = 1 if m.group(1) is not None else 2
        a, b = m.span(group)
        text = line[a:b]
        a += len(text) - len(text.lstrip())
        b -= len(text) - len(text.rstrip())
        if b - a > CSV_FIELD_MAX:
            return None
        cells.append((pos + a, pos + max(a, b)))
        at = m.end()
    return cells if len(cells) >= 3 and all(b > a for a, b in cells) else None


def _unit(cell: str, ctx: DocContext, lex: Lexicon) -> tuple[str, str | None, Decimal] | None:
    """(kind, unit, factor) the cell's bracketed unit names: (亿元) -> money in the story's
    currency times 10^8, (%) -> percent."""
    m = HEADER_UNIT.search(cell)
    if m is None:
        return None
    word = m.group(1).removesuffix("/股")  # 基本每股收益(元/股): yuan, per share
    if word in ("%", "％", "百分比", "百分率"):
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
