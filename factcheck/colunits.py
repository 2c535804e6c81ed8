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
no figures), 日期 (compact date codes 031023, 20030925: dates), as exchange statistics
print them, and 年度 (105, 2021: years, of the Republic of China in a Taiwanese story)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .cand import Cand, DocContext
from .dates import as_roc_year, taiwanese
from .lexicon import Lexicon

HEADER_UNIT = re.compile(r"[(（]\s?(?:单位\s?[:：]\s?)?([^()（）\s]{1,6})\s?[)）]$")
SENTENCE = re.compile(r"[。，；;！？!?]|(?<!\d),|,(?!\d)")  # (not 21,355,025,827's commas)
CELL = re.compile(r"[^\s|]+")


def header_units(cands: list[Cand], folded: str, ctx: DocContext, lex: Lexicon) -> list[Cand]:
    """The candidates with each bare number under a unit-naming header given its column's
    unit, each compact code under 日期 read as a date, and the rank labels under 名次, which
    are no figures, dropped (in text order)."""
    if "(" not in folded and "（" not in folded and "单位" not in folded \
            and not COLUMN_WORD.search(folded):
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
        if k and len(cells) >= 2 and not any(units[1:]):
            caption = _caption_units(folded, lines[k - 1], lines[k], ctx, lex)
            if caption is not None:  # the label column, then every column in its unit
                units = units[:1] + [caption(folded[a:b]) for a, b in cells[1:]]
                start = lines[k - 1][0]
        if len(cells) < 2 or not any(units) or units[0] not in (None, RANK, YEAR):
            continue
        ranks.update(_column_numbers(folded, cells, by_start))
        for row_start, row in lines[k + 1:]:
            if not row and not folded[row_start:_line_end(folded, row_start)].strip():
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
                elif unit is YEAR:
                    if c is not None and c.end == b:
                        _year(c, ctx)
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
YEAR: tuple[str, str | None, Decimal] = ("year", None, Decimal(1))
YEAR_HEADS = ("年度", "年份", "年别", "年度别")
DATE: tuple[str, str | None, Decimal] = ("date", None, Decimal(1))
COLUMN_WORD = re.compile(r"(?m)^[ \t]*(?:名次|排名|排序|序号)[ \t]")
COMPACT = re.compile(r"(\d{2}|\d{4})(\d{2})(\d{2})")


PRICE_HEAD = re.compile(r"(?:收盘价?|收市价|股价|成交价|开盘价|价格)(?:[(（][^()（）]{0,6}[)）])?$")


def _price_column(cell: str, ctx: DocContext) -> tuple[str, str | None, Decimal] | None:
    """台北上市股票收盤價, ADR收盤（換算後）: a column of share prices, in the story's dollar
    (a header that names a currency says so itself, through _unit)."""
    return ("money", ctx.currency, Decimal(1)) if PRICE_HEAD.search(cell) else None


def _column_numbers(folded: str, cells: list[tuple[int, int]],
                    by_start: dict[int, Cand]) -> list[int]:
    """全港(1), 轉口比率(2)/(1): the bracketed numbers a header gives its columns to name
    them in a formula, no figures."""
    out = []
    for a, b in cells:
        at = folded.find("(", a, b)
        while at >= 0:
            c = by_start.get(at + 1)
            if c is not None and folded.startswith(")", c.end):
                out.append(c.start)
            at = folded.find("(", at + 1, b)
    return out


def _column(cell: str) -> tuple[str, str | None, Decimal] | None:
    if cell in ("名次", "排名", "排序", "序号"):
        return RANK
    if cell in YEAR_HEADS:
        return YEAR
    return DATE if cell.endswith("日期") else None


# 出口值(纽元),每月 / 单位：亿元 on the line above a table: the unit of every amount column
CAPTION_UNIT = re.compile(r"[(（]\s?(?:单位\s?[:：]\s?)?([^()（）\s]{1,6})\s?[)）]"
                          r"|单位\s?[:：]\s?([^()（）\s，,。]{1,6})\s*$")


Unit = tuple[str, str | None, Decimal]


def _caption_units(folded: str, caption: tuple[int, list[tuple[int, int]]],
                   header: tuple[int, list[tuple[int, int]]], ctx: DocContext,
                   lex: Lexicon) -> Callable[[str], Unit | None] | None:
    """The unit of each column, by its header cell, that a caption line right above a
    table's header names when the header names none of its own: one money unit for every
    column; or, listed (單位:萬TEU;%), a percent for the rate columns (轉口比率) and the
    amount unit for the others."""
    if caption[1] and len(caption[1]) == len(header[1]):
        return None  # (a caption is no row of the table)
    for m in CAPTION_UNIT.finditer(folded, caption[0], header[0] - 1):
        unit = _unit(f"({m.group(1) or m.group(2)})", ctx, lex)
        if unit is not None:
            return (lambda cell, unit=unit: unit) if unit[0] == "money" else None
    listed = CAPTION_LIST.search(folded, caption[0], header[0] - 1)
    if listed is None:
        return None
    words = SPLIT_UNITS.split(NOTE.sub("", listed.group(1)))
    units = [u for u in (_unit(f"({w})", ctx, lex) or _count_unit(w, lex) for w in words) if u]
    rate = next((u for u in units if u[0] == "percent"), None)
    amount = next((u for u in units if u[0] != "percent"), None)
    if amount is None:
        return None
    return lambda cell: rate if RATE_HEAD.search(cell) else amount  # (单位：万吨: no rate's)


CAPTION_LIST = re.compile(r"单位\s?[:：]\s?([^\n]{1,40})")
NOTE = re.compile(r"[(（][^()（）\n]*[)）]")
SPLIT_UNITS = re.compile(r"\s?[;；、/]\s?")
RATE_HEAD = re.compile(r"率|比重|占比|比例|%")


def _count_unit(word: str, lex: Lexicon) -> Unit | None:
    """万TEU, 万吨: a count unit of the lexicon, with its multiplier."""
    for mult in sorted(lex.multipliers, key=len, reverse=True) + [""]:
        found = lex.units.get(word[len(mult):]) if word.startswith(mult) else None
        if found is not None and found.kind == "count" and found.factor is not None:
            return ("count", found.unit, lex.multipliers.get(mult, Decimal(1)) * found.factor)
    return None


def _year(c: Cand, ctx: DocContext) -> None:
    """105 under 年度: a year, of the Republic of China in a Taiwanese story."""
    if not isinstance(c.value, Decimal) or c.value != c.value.to_integral_value():
        return
    if 1900 <= c.value <= 2100:
        c.kind, c.unit, c.ulp, c.bare = "year", None, None, False
    elif 1 <= c.value <= 200 and taiwanese(ctx):
        as_roc_year(c)
        c.bare = False


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
    lines = _physical_lines(folded)
    if "|" in folded or any(f"\n{head}\n" in folded for head in LABEL_HEADS):
        return _cell_rows(folded, lines)  # (a table of cells on lines of their own)
    return lines


def _one_cell(folded: str, start: int, end: int, barred: bool) -> tuple[int, int] | None:
    """The span of the one cell a line ``项目 |`` holds (text, then a closing bar), or,
    not ``barred``, a short line with no bar and no sentence punctuation (年度 / 105 / …)."""
    line = folded[start:end]
    body = line.rstrip(" \t")
    if not barred:
        text = body.lstrip(" \t")
        if not text or len(text) > BARE_CELL_MAX or "|" in text or SENTENCE.search(text):
            return None
        return start + len(body) - len(text), start + len(body)
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
    / 营业收入(元) | / 647,354,096.28 | …, or with no bars: 年度 / 全港(1) / … / 105 /
    1,046.5 / …): a header of worded cells, then rows of that many cells."""
    out: list[tuple[int, list[tuple[int, int]]]] = []
    k = 0
    while k < len(lines):
        run: list[tuple[int, int]] = []
        barred = folded.find("|", lines[k][0], _line_end(folded, lines[k][0])) >= 0
        while k + len(run) < len(lines):
            start = lines[k + len(run)][0]
            cell = _one_cell(folded, start, _line_end(folded, start), barred)
            if cell is None:
                break
            run.append(cell)
        found = None
        if len(run) >= MIN_RUN:
            found = (0, _barred_rows(folded, run)) if barred else _bare_rows(folded, run)
        if found is None or found[1] is None:
            out.append(lines[k])
            k += 1
            continue
        skip, rows = found
        out += lines[k:k + skip] + [(row[0][0], row) for row in rows]
        k += skip + sum(map(len, rows))
    return out


MIN_RUN = 6  # cells: a header of two and a row of two at the least, with a label and a number
BARE_CELL_MAX = 12  # characters of a table cell on a line of its own, with no bar
# the label column's header, which opens a table of bare lines (the title and the 单位 line
# above it are no cells of it)
LABEL_HEADS = frozenset(("年度", "年份", "年别", "月份", "项目", "指标", "名称", "类别", "地区",
                         "科目", "品名", "国家", "国家(地区)"))


def _line_end(folded: str, start: int) -> int:
    end = folded.find("\n", start)
    return len(folded) if end < 0 else end


def _barred_rows(folded: str, cells: list[tuple[int, int]]) -> list[list[tuple[int, int]]] | None:
    """The header is the worded cells before the first number but one (the first row's
    label); the cells after it fall into rows of that many."""
    numeric = [NUMBER_CELL.fullmatch(folded, a, b) is not None for a, b in cells]
    if True not in numeric or numeric.index(True) - 1 < 2:
        return None
    return _tile(cells, numeric.index(True) - 1)


def _bare_rows(folded: str, cells: list[tuple[int, int]]
               ) -> tuple[int, list[list[tuple[int, int]]] | None] | None:
    """Bare lines are a table only from a label column's head word (年度, 项目) on, when the
    worded cells from it to the first number (or to the last worded one, a label) make a
    header that leaves every row a label and numbers, two rows at least: (the cells before
    the head, the header and rows)."""
    head = next((i for i, (a, b) in enumerate(cells) if folded[a:b] in LABEL_HEADS), None)
    if head is None:
        return None
    numeric = [NUMBER_CELL.fullmatch(folded, a, b) is not None for a, b in cells]
    if True not in numeric[head:]:
        return None
    first = numeric.index(True, head)
    for width in (first - head, first - 1 - head):
        flags = _tile(numeric[head:], width) if width >= 2 else []
        if len(flags) >= 3 and all(all(row[1:]) for row in flags[1:]):
            return head, _tile(cells[head:], width)
    return None


def _tile(items: list[Any], width: int) -> list[list[Any]]:
    return [items[i:i + width] for i in range(0, len(items) - width + 1, width)]


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
