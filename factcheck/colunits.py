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
print them, and 年度 (105, 2021: years, of the Republic of China in a Taiwanese story).
How a text's lines fall into cells is tablelines.py's."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal

from .cand import Cand, DocContext
from .dates import as_roc_year, taiwanese
from .lexicon import Lexicon
from .tablelines import NUMBER_CELL, _line_end, cell_lines

HEADER_UNIT = re.compile(r"[(（]\s?(?:单位\s?[:：]\s?)?([^()（）\s]{1,6})\s?[)）]$")


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
    lines = cell_lines(folded)
    after = 0  # a stacked header's rows are read with it
    for k, (start, cells) in enumerate(lines):
        stacked = _stacked(folded, lines, k, ctx, lex) if k >= after else None
        if stacked is not None:
            after, columns, rows = stacked
            for _, row in rows:  # (a row of the total alone has no label)
                for (a, b), unit in zip(row, columns[len(columns) - len(row):], strict=True):
                    c = by_start.get(a) or (by_start.get(a + 1) if folded[a] in "+-(（" else None)
                    if unit is not None and c is not None and c.end <= b:
                        _apply(c, unit, start)
            continue
        units = [_unit(folded[a:b], ctx, lex) or _column(folded[a:b])
                 or _price_column(folded[a:b], ctx) for a, b in cells]
        if k and len(cells) >= 2 and not any(units[1:]):
            caption = _caption_units(folded, lines[k - 1], lines[k], ctx, lex)
            if caption is not None:  # the label column, then every column in its unit
                units = units[:1] + [caption(folded[a:b]) for a, b in cells[1:]]
                start = lines[k - 1][0]
        if len(cells) < 2 or not any(units) or units[0] not in (None, RANK, YEAR, DATE):
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


def _unit(cell: str, ctx: DocContext, lex: Lexicon) -> tuple[str, str | None, Decimal] | None:
    """(kind, unit, factor) the cell's bracketed unit names: (亿元) -> money in the story's
    currency times 10^8, (%) -> percent."""
    m = HEADER_UNIT.search(cell)
    if m is None:
        return None
    word = m.group(1).removesuffix("/股")  # 基本每股收益(元/股): yuan, per share
    if word in ("%", "％", "百分比", "百分率"):
        return ("percent", "%", Decimal(1))
    for pre in PRE_CURRENCIES:  # (人民币千元), (港币百万元): the currency, then 千元 / 百万元
        code = lex.currencies.get((pre, "pre")) if word.startswith(pre) else None
        mult = word[len(pre):].removesuffix("元") if code and word.endswith("元") else None
        if mult is not None and (mult == "" or mult in lex.multipliers) and "_" not in code:
            unit = ctx.currency if code == "LOCAL" else code
            return ("money", unit, lex.multipliers.get(mult, Decimal(1)))
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


def _stacked(folded: str, lines: list[tuple[int, list[tuple[int, int]]]], k: int,
             ctx: DocContext, lex: Lexicon
             ) -> tuple[int, list[Unit | None], list[tuple[int, list[tuple[int, int]]]]] | None:
    """A header pasted one column per line, each ending in its unit (二零二一年 人民币千元 | /
    二零二零年 人民币千元 | / …), over rows of a label and one cell per column (收入 |
    1,168,099 | 961,623 | …), section labels (业绩) and bar-only lines between them: (the
    line after the rows, the label column's None then each column's unit, the rows)."""
    units: list[Unit | None] = [None]
    j = k
    while j < len(lines) and lines[j][1]:
        cells = lines[j][1]
        unit = _unit(f"({folded[cells[-1][0]:cells[-1][1]]})", ctx, lex)
        if unit is None or unit[0] != "money" or any(
                NUMBER_CELL.fullmatch(folded, a, b) for a, b in cells):
            break
        units.append(unit)
        j += 1
    if len(units) < STACKED_MIN + 1:
        return None
    rows = []
    for i in range(j, len(lines)):
        row_start, row = lines[i]
        if not row and not folded[row_start:_line_end(folded, row_start)].strip(" \t|-"):
            continue  # a blank line, or one of bars only
        if len(row) == 1 and not NUMBER_CELL.fullmatch(folded, *row[0]):
            continue  # a section's label (业绩, 应占盈利:)
        if len(row) not in (len(units), len(units) - 1):
            break
        rows.append(lines[i])
        j = i + 1
    return (j, units, rows) if rows else None


STACKED_MIN = 2  # columns of a stacked header


PRE_CURRENCIES = ("人民币", "港币", "新台币", "台币", "澳门币", "美元")


def _apply(c: Cand, unit: tuple[str, str | None, Decimal], header: int) -> None:
    kind, code, factor = unit
    c.kind, c.unit, c.bare = kind, code, False
    if isinstance(c.value, Decimal):
        c.value *= factor
        c.ulp = c.ulp * factor if c.ulp is not None else None
    c.multiplier = factor
    c.extra["unit_basis"] = f"the column header at offset {header}"
